//! How a compiled WAF is evaluated fast: which rules can look at which kind
//! of field, and the transformation chains folded into a tree of shared
//! prefixes, with each value's transformed forms computed at most once.
//!
//! Evaluation goes field by field. For each field, only the [`Entry`]s of
//! its [`Part`] are considered: the rules whose targets can select such a
//! field, each with what it needs resolved when the plan is built (its
//! chain's node in the tree, its required bytes, and the names it is
//! limited to), so that deciding to skip a rule for a field costs a few
//! loads and compares. A rule that already matched is not run again, so
//! each rule still reports the first field (in request order) it matched,
//! as a rule-by-rule walk would.
//!
//! The transformed values a field needs live in a per-field cache indexed
//! by tree node, filled only as rules ask: `url_decode_uni,
//! html_entity_decode, lowercase` reuses the `url_decode_uni,
//! html_entity_decode` of another rule. A transform whose
//! [trigger bytes](super::transform::Transform::triggers) the value does
//! not hold is skipped without reading the value, which is what most
//! transforms do to most values.
//!
//! A rule whose [required bytes](super::prefilter) its transformed value
//! cannot hold is skipped without computing that value. Most transforms
//! only drop, fold or replace bytes ([`Transform::transfer`]), so for a
//! value on which no decoder of the chain acts, the question is settled on
//! the value's own bytes against a set worked out when the plan is built
//! (the required bytes taken back through the chain,
//! [`Transform::preimage`]); only a value that makes a decoder act has its
//! chain's node asked.

use std::borrow::Cow;

use super::byteset::ByteSet;
use super::clean::ValueKey;
use super::fields::{Field, Part};
use super::rules::{Operator, WafRule};
use super::target::{Target, FIXED_GRAMMAR_HEADERS};
use super::transform::Transform;

/// One node of the chain tree: its parent's value (the field's own value
/// at a root) through `transform`. Parents come before their children.
#[derive(Debug, Clone)]
struct Node {
    parent: Option<usize>,
    transform: Transform,
    /// `transform.triggers()`, kept at hand.
    triggers: ByteSet,
}

/// Which fields of its part a rule looks at.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Select {
    /// Every field of the part.
    Every,
    /// Only header fields outside [`FIXED_GRAMMAR_HEADERS`]
    /// (`client_headers`), and fields with one of these names (sorted).
    Some {
        client_headers: bool,
        names: Vec<String>,
        /// [`name_hash`] of each of `names`: a field whose name hashes
        /// elsewhere is told apart without comparing strings (most
        /// fields, as most rules that select by name list a few names).
        hashes: ByteSet,
    },
}

/// One byte of hash of a field name, for [`Select::Some`]'s filter.
fn name_hash(name: &str) -> u8 {
    let h = name.bytes().fold(name.len() as u32, |h, b| {
        (h.rotate_left(5) ^ u32::from(b)).wrapping_mul(0x9E37_79B9)
    });
    (h >> 24) as u8
}

/// A rule as seen from the fields of one part.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Index into the rules.
    pub rule: usize,
    /// The rule's chain in the tree; `None`: the value as extracted.
    node: Option<usize>,
    prefilter: Prefilter,
    select: Select,
}

/// A rule's [required bytes](super::prefilter), and what they say about a
/// field's own bytes.
#[derive(Debug, Clone, Copy)]
enum Prefilter {
    /// The rule has none: it runs on every value it selects.
    None,
    Bytes {
        /// The rule's required bytes.
        required: ByteSet,
        /// The bytes of a value that put one of `required` into its
        /// transformed value's byte set, while no decoder on the chain
        /// acts ([`Transform::preimage`] through the chain).
        root: ByteSet,
        /// The bytes of a value that make a decoder on the chain act
        /// (again through the steps before it): a value holding none is
        /// decided by `root` alone; any other asks the chain's node.
        block: ByteSet,
    },
}

impl Prefilter {
    fn new(chain: &[Transform], required: Option<ByteSet>) -> Prefilter {
        let Some(required) = required else {
            return Prefilter::None;
        };
        // Back through `steps`, decoders taken as doing nothing (as they
        // do while `block` keeps them quiet).
        let back = |steps: &[Transform], set: ByteSet| {
            steps
                .iter()
                .rev()
                .fold(set, |s, t| t.preimage(s).unwrap_or(s))
        };
        let block = chain
            .iter()
            .enumerate()
            // The decoders: transforms without a transfer function.
            .filter(|(_, t)| t.transfer(ByteSet::EMPTY).is_none())
            .fold(ByteSet::EMPTY, |block, (k, t)| {
                block.union(back(chain.get(..k).unwrap_or(&[]), t.triggers()))
            });
        Prefilter::Bytes {
            required,
            root: back(chain, required),
            block,
        }
    }
}

/// What the entries of a part ask of a field to decide whether they
/// select it, worked out once per field.
#[derive(Debug, Clone, Copy)]
pub struct FieldClass {
    /// Whether it is a header a client writes freely
    /// ([`is_client_header`]).
    pub client: bool,
    /// [`name_hash`] of its name.
    hash: u8,
}

impl FieldClass {
    pub fn of(field: &Field<'_>) -> FieldClass {
        FieldClass {
            client: is_client_header(field),
            hash: name_hash(&field.name),
        }
    }
}

impl Entry {
    /// Does this rule look at a field of its part by its class alone,
    /// whatever its name: every field, or (with `client_headers`) every
    /// header a client writes freely? `client` as for [`Entry::selects`].
    pub fn selects_by_class(&self, client: bool) -> bool {
        match &self.select {
            Select::Every => true,
            Select::Some { client_headers, .. } => *client_headers && client,
        }
    }

    /// Does this rule look at `field` (of class `class`)?
    pub fn selects(&self, field: &Field<'_>, class: FieldClass) -> bool {
        match &self.select {
            Select::Every => true,
            Select::Some {
                client_headers,
                names,
                hashes,
            } => {
                (*client_headers && class.client)
                    || (hashes.contains(class.hash)
                        && names
                            .binary_search_by(|n| n.as_str().cmp(field.name.as_ref()))
                            .is_ok())
            }
        }
    }
}

/// Is `field` a header a client writes freely (what `client_headers`
/// selects)?
pub fn is_client_header(field: &Field<'_>) -> bool {
    field.part == Part::HeaderValue
        && FIXED_GRAMMAR_HEADERS
            .binary_search(&field.name.as_ref())
            .is_err()
}

/// The evaluation plan of a rule set; see the module documentation.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    nodes: Vec<Node>,
    /// For each [`Part`], the rules that can select a field of it, in rule
    /// order. Anomaly rules look at the request as a whole and are in none.
    by_part: Vec<Vec<Entry>>,
    /// For each [`Part`], its entries that select fields by name or as
    /// client headers: all that a field whose value is known to pass the
    /// others still needs (see [`Plan::rules_for_known`]).
    named: Vec<Vec<Entry>>,
    /// What the plan was built for, to notice a rule set changed since.
    built_for: (usize, usize),
}

impl Plan {
    /// The plan for `rules` with `chains`.
    pub fn new(rules: &[WafRule], chains: &[Vec<Transform>]) -> Plan {
        let mut nodes: Vec<Node> = Vec::new();
        let chain_node: Vec<Option<usize>> = chains
            .iter()
            .map(|chain| {
                let mut at: Option<usize> = None;
                for &t in chain {
                    let existing = nodes
                        .iter()
                        .position(|n| n.parent == at && n.transform == t);
                    at = Some(existing.unwrap_or_else(|| {
                        nodes.push(Node {
                            parent: at,
                            transform: t,
                            triggers: t.triggers(),
                        });
                        nodes.len() - 1
                    }));
                }
                at
            })
            .collect();
        let mut by_part = vec![Vec::new(); Part::COUNT];
        for (i, rule) in rules.iter().enumerate() {
            if matches!(rule.operator, Operator::Anomaly(_)) {
                continue;
            }
            let chain = chains.get(rule.chain).map_or(&[][..], Vec::as_slice);
            let prefilter = Prefilter::new(chain, rule.required);
            for part in Part::ALL {
                let Some(select) = select(&rule.targets, part) else {
                    continue;
                };
                if let Some(list) = by_part.get_mut(part as usize) {
                    list.push(Entry {
                        rule: i,
                        node: chain_node.get(rule.chain).copied().flatten(),
                        prefilter,
                        select,
                    });
                }
            }
        }
        let named = by_part
            .iter()
            .map(|entries| {
                entries
                    .iter()
                    .filter(|e| e.select != Select::Every)
                    .cloned()
                    .collect()
            })
            .collect();
        Plan {
            nodes,
            by_part,
            named,
            built_for: (rules.len(), chains.len()),
        }
    }

    /// Was this plan built for a rule set of this shape?
    pub fn fits(&self, rules: &[WafRule], chains: &[Vec<Transform>]) -> bool {
        self.built_for == (rules.len(), chains.len())
            && self.by_part.len() == Part::COUNT
            && self.named.len() == Part::COUNT
    }

    /// The rules that may look at a field of `part`.
    pub fn rules_for(&self, part: Part) -> &[Entry] {
        self.by_part.get(part as usize).map_or(&[], Vec::as_slice)
    }

    /// The rules that may look at a field of `part` whose value is known
    /// to pass every rule that selects it by class: those of
    /// [`Plan::rules_for`] that select by name (or as client headers, for
    /// a field that is not one).
    pub fn rules_for_known(&self, part: Part) -> &[Entry] {
        self.named.get(part as usize).map_or(&[], Vec::as_slice)
    }

    /// A cache of one field's transformed values, to be [`Plan::reset`]
    /// for each field.
    pub fn values(&self) -> Values {
        Values {
            state: vec![(0, Known::Unknown); self.nodes.len()],
            field: 0,
            bytes: Vec::new(),
            owned: Vec::new(),
            root_set: ByteSet::EMPTY,
            memo: Vec::new(),
        }
    }

    /// Make `values` the cache of `field`, forgetting the previous
    /// field's. Nothing is computed until a rule asks.
    pub fn reset(&self, values: &mut Values, field: &Field<'_>) {
        values.owned.clear();
        values.bytes.clear();
        values.memo.clear();
        values.root_set = ByteSet::of(&field.value);
        values.field = values.field.wrapping_add(1);
        if values.field == 0 {
            // Stamps from 2^32 fields ago would look current.
            values.state.fill((0, Known::Unknown));
            values.field = 1;
        }
    }

    /// Can `field`'s value through `entry`'s chain hold one of the rule's
    /// required bytes? Found, where the chain allows, without computing
    /// that value.
    pub fn may_match(&self, values: &mut Values, field: &Field<'_>, entry: &Entry) -> bool {
        let Prefilter::Bytes {
            required,
            root,
            block,
        } = entry.prefilter
        else {
            return true;
        };
        if !values.root_set.intersects(block) {
            return values.root_set.intersects(root);
        }
        let set = match entry.node {
            None => values.root_set,
            Some(n) => self.set(values, &field.value, n),
        };
        set.intersects(required)
    }

    /// `field`'s value through `entry`'s chain, computed (and cached in
    /// `values`) on first use.
    pub fn value<'v>(
        &self,
        values: &'v mut Values,
        field: &'v Field<'_>,
        entry: &Entry,
    ) -> &'v [u8] {
        match entry.node {
            None => &field.value,
            Some(n) => {
                let source = self.source(values, &field.value, n);
                values.bytes(&field.value, source)
            }
        }
    }

    /// The byte set of node `n`'s value: from its parent's through the
    /// transform's transfer function where it has one, else by computing
    /// the value.
    fn set(&self, values: &mut Values, root: &[u8], n: usize) -> ByteSet {
        let st = values.get(n);
        if st.kind != Kind::Unknown {
            return st.set;
        }
        let Some(node) = self.nodes.get(n) else {
            return ByteSet::ALL;
        };
        let parent = match node.parent {
            None => values.root(),
            Some(p) => State {
                set: self.set(values, root, p),
                kind: values.get(p).kind,
            },
        };
        let state = if !parent.set.intersects(node.triggers) {
            parent
        } else if let Some(set) = node.transform.transfer(parent.set) {
            State {
                set,
                kind: Kind::Bytes,
            }
        } else {
            let source = match node.parent {
                None => Source::Root,
                Some(p) => self.source(values, root, p),
            };
            values.apply(root, node.transform, parent.set, source)
        };
        values.store(n, state);
        state.set
    }

    /// Where node `n`'s value is, computing it (and its ancestors') if
    /// need be.
    fn source(&self, values: &mut Values, root: &[u8], n: usize) -> Source {
        if let Kind::Value(source) = values.get(n).kind {
            return source;
        }
        let Some(node) = self.nodes.get(n) else {
            return Source::Root;
        };
        let (parent_set, parent_source) = match node.parent {
            None => (values.root_set, Source::Root),
            Some(p) => {
                let source = self.source(values, root, p);
                (values.get(p).set, source)
            }
        };
        let state = if !parent_set.intersects(node.triggers) {
            State {
                set: parent_set,
                kind: Kind::Value(parent_source),
            }
        } else {
            values.apply(root, node.transform, parent_set, parent_source)
        };
        values.store(n, state);
        match state.kind {
            Kind::Value(source) => source,
            _ => Source::Root,
        }
    }
}

/// The field values of one request already run past every rule that
/// selects them by their class (part, and for headers whether a client
/// writes them freely): the same value again in the same class (a JSON
/// array of records, a repeated parameter) can only match what it matched
/// then.
///
/// A small direct-mapped table: a hash of the value picks the one slot it
/// can be in, and a different value there is replaced. Crafted collisions
/// therefore cost a miss (the value is evaluated in full), never a longer
/// search; the hash is [`ValueKey`]'s.
pub struct Seen<'a> {
    slots: [Option<ValueKey<'a>>; Seen::SLOTS],
}

impl Default for Seen<'_> {
    fn default() -> Self {
        Seen {
            slots: [None; Seen::SLOTS],
        }
    }
}

impl<'a> Seen<'a> {
    const SLOTS: usize = 64;

    /// Was this value of this class seen before? Remembers it if not.
    pub fn check(&mut self, key: ValueKey<'a>) -> bool {
        match self.slots.get_mut(key.slot(Self::SLOTS.trailing_zeros())) {
            Some(Some(k)) if k.same(&key) => true,
            Some(s) => {
                *s = Some(key);
                false
            }
            None => false,
        }
    }
}

/// How `targets` select the fields of `part`; `None`: not at all.
fn select(targets: &[Target], part: Part) -> Option<Select> {
    if !targets.iter().any(|t| t.may_select(part)) {
        return None;
    }
    if targets.iter().any(|t| t.selects_every(part)) {
        return Some(Select::Every);
    }
    let mut names: Vec<String> = targets
        .iter()
        .filter(|t| t.may_select(part))
        .filter_map(|t| match t {
            Target::Arg(n) | Target::Header(n) | Target::Cookie(n) => Some(n.clone()),
            _ => None,
        })
        .collect();
    names.sort();
    names.dedup();
    let hashes = names
        .iter()
        .fold(ByteSet::EMPTY, |set, n| set.with(name_hash(n)));
    Some(Select::Some {
        hashes,
        client_headers: targets
            .iter()
            .any(|t| *t == Target::ClientHeaders && t.may_select(part)),
        names,
    })
}

/// What is known of one node's value for the current field.
#[derive(Debug, Clone, Copy)]
struct State {
    /// The bytes its value can hold; meaningful unless `kind` is
    /// `Unknown`.
    set: ByteSet,
    kind: Kind,
}

impl State {
    const UNKNOWN: State = State {
        set: ByteSet::ALL,
        kind: Kind::Unknown,
    };
}

/// Where a node's value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    /// The field's own value.
    Root,
    /// `Values::owned[i]`.
    Owned(u32),
}

/// What is known of one node's value for the current field, besides its
/// byte set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Nothing yet; its byte set is not known either.
    Unknown,
    /// Not computed yet; its byte set holds every byte it will have.
    Bytes,
    /// Computed, and where it is; its byte set holds its bytes (a superset
    /// for some transforms).
    Value(Source),
}

/// A node's [`State`] as [`Values`] keeps it.
#[derive(Debug, Clone, Copy)]
enum Known {
    Unknown,
    /// `Values::bytes[i]`.
    Bytes(u32),
    Value(Source),
}

/// The transformed values of one field; see [`Plan::values`].
#[derive(Debug)]
pub struct Values {
    /// Per node: what is known, for the field it is stamped with (others
    /// are [`State::UNKNOWN`]). Kept small: a computed node's byte set is
    /// that of its value, kept once per value.
    state: Vec<(u32, Known)>,
    /// The current field's stamp.
    field: u32,
    /// The byte sets of nodes known only by their bytes ([`Known::Bytes`]).
    bytes: Vec<ByteSet>,
    /// The values transforms made, and the bytes each can hold.
    owned: Vec<(Vec<u8>, ByteSet)>,
    root_set: ByteSet,
    /// Transforms applied to this field so far: to which value, which
    /// transform, and the result.
    memo: Vec<(Source, Transform, State)>,
}

impl Values {
    /// The field's own value, as the parent of a root node.
    fn root(&self) -> State {
        State {
            set: self.root_set,
            kind: Kind::Value(Source::Root),
        }
    }

    /// What is known of node `n`'s value for the current field.
    fn get(&self, n: usize) -> State {
        match self.state.get(n) {
            Some(&(stamp, known)) if stamp == self.field => match known {
                Known::Unknown => State::UNKNOWN,
                Known::Bytes(i) => State {
                    set: self.bytes.get(i as usize).copied().unwrap_or(ByteSet::ALL),
                    kind: Kind::Bytes,
                },
                Known::Value(source) => State {
                    set: self.set_of(source),
                    kind: Kind::Value(source),
                },
            },
            Some(_) => State::UNKNOWN,
            // Not a node of this plan: nothing can be excluded.
            None => State {
                set: ByteSet::ALL,
                kind: Kind::Bytes,
            },
        }
    }

    /// Remember `state` for node `n`. A computed value's byte set is the
    /// one kept with the value: every node that reaches a value gets its
    /// set from the same place.
    fn store(&mut self, n: usize, state: State) {
        let known = match state.kind {
            Kind::Unknown => Known::Unknown,
            Kind::Bytes => {
                // At most one per node and field: far below `u32::MAX`.
                self.bytes.push(state.set);
                Known::Bytes(self.bytes.len() as u32 - 1)
            }
            Kind::Value(source) => Known::Value(source),
        };
        if let Some(st) = self.state.get_mut(n) {
            *st = (self.field, known);
        }
    }

    /// The bytes the value at `source` can hold.
    fn set_of(&self, source: Source) -> ByteSet {
        match source {
            Source::Root => self.root_set,
            Source::Owned(i) => self.owned.get(i as usize).map_or(ByteSet::ALL, |o| o.1),
        }
    }

    fn bytes<'v>(&'v self, root: &'v [u8], source: Source) -> &'v [u8] {
        match source {
            Source::Root => root,
            Source::Owned(i) => self.owned.get(i as usize).map_or(root, |o| o.0.as_slice()),
        }
    }

    /// `transform` applied to the value at `source` (bytes `input_set`),
    /// unless another node already did it to the same value (chains that
    /// differ only in transforms that changed nothing).
    fn apply(
        &mut self,
        root: &[u8],
        transform: Transform,
        input_set: ByteSet,
        source: Source,
    ) -> State {
        if let Some(&(_, _, state)) = self
            .memo
            .iter()
            .find(|(s, t, _)| *s == source && *t == transform)
        {
            return state;
        }
        let input = self.bytes(root, source);
        let out = match transform.apply(input) {
            Cow::Borrowed(b) if b.len() == input.len() => None,
            out => Some(out.into_owned()),
        };
        let state = match out {
            None => State {
                set: input_set,
                kind: Kind::Value(source),
            },
            Some(out) => {
                let set = transform
                    .transfer(input_set)
                    .unwrap_or_else(|| ByteSet::of(&out));
                // At most one per node and field: far below `u32::MAX`.
                let i = self.owned.len() as u32;
                self.owned.push((out, set));
                State {
                    set,
                    kind: Kind::Value(Source::Owned(i)),
                }
            }
        };
        self.memo.push((source, transform, state));
        state
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(part: Part, name: &'static str, value: &'static [u8]) -> Field<'static> {
        Field {
            part,
            name: Cow::Borrowed(name),
            value: Cow::Borrowed(value),
        }
    }

    /// The node of `chain` in the tree; `None` for the empty chain.
    fn node_of(plan: &Plan, chain: &[Transform]) -> Option<usize> {
        chain.iter().fold(None, |at, &t| {
            plan.nodes
                .iter()
                .position(|n| n.parent == at && n.transform == t)
        })
    }

    /// An entry for `chain` with no required bytes.
    fn entry(plan: &Plan, chain: &[Transform]) -> Entry {
        Entry {
            rule: 0,
            node: node_of(plan, chain),
            prefilter: Prefilter::None,
            select: Select::Every,
        }
    }

    #[test]
    fn chains_share_their_common_prefixes() {
        use Transform::*;
        let chains = vec![
            vec![UrlDecodeUni, HtmlEntityDecode, Lowercase],
            vec![UrlDecodeUni, HtmlEntityDecode, RemoveNulls],
            vec![UrlDecodeUni],
            vec![],
            vec![Lowercase],
        ];
        let plan = Plan::new(&[], &chains);
        // url_decode_uni, html_entity_decode, lowercase, remove_nulls, and a
        // root lowercase: five nodes, not eight.
        assert_eq!(plan.nodes.len(), 5);
        assert_eq!(node_of(&plan, &chains[3]), None);
        assert_eq!(node_of(&plan, &chains[2]), Some(0));
        assert!(plan
            .nodes
            .iter()
            .enumerate()
            .all(|(i, n)| n.parent.is_none_or(|p| p < i)));
    }

    #[test]
    fn values_are_the_chains_applied_in_order() {
        use Transform::*;
        let chains = vec![
            vec![UrlDecodeUni, HtmlEntityDecode, Lowercase],
            vec![UrlDecodeUni, HtmlEntityDecode, RemoveNulls],
            vec![Lowercase, Trim],
            vec![],
            vec![
                UrlDecodeUni,
                HtmlEntityDecode,
                Lowercase,
                CompressWhitespace,
            ],
        ];
        let plan = Plan::new(&[], &chains);
        let mut values = plan.values();
        for raw in [
            &b"%3CScRiPt%3E&lt;%00x"[..],
            b"  PLAIN  ",
            b"plain",
            b"",
            b"caf\xc3\xa9 %u0041 &#x41;",
            b"A%20%20B",
        ] {
            let f = field(Part::QueryArgValue, "q", raw);
            // Ask in orders that fill nodes from both ends, byte sets
            // before values and values before byte sets.
            for order in [[2, 0, 3, 1, 4, 0], [4, 1, 0, 2, 3, 4]] {
                plan.reset(&mut values, &f);
                for (k, c) in order.into_iter().enumerate() {
                    let want = super::super::transform::apply_chain(&chains[c], raw).into_owned();
                    let e = entry(&plan, &chains[c]);
                    if k % 2 == 0 {
                        let with = Entry {
                            prefilter: Prefilter::new(&chains[c], Some(ByteSet::of(&want))),
                            ..e.clone()
                        };
                        assert!(
                            want.is_empty() || plan.may_match(&mut values, &f, &with),
                            "{raw:?} chain {c}: the byte set misses bytes of the value"
                        );
                    }
                    assert_eq!(
                        plan.value(&mut values, &f, &e),
                        want.as_slice(),
                        "{raw:?} chain {c}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_value_s_own_bytes_decide_as_its_transformed_value_would() {
        // For every chain, random values and required bytes: the decision
        // made on the value's own bytes (no decoder acting) is the one the
        // chain's node gives when asked.
        use crate::testing::Rng;
        let mut chains: Vec<Vec<Transform>> = vec![vec![]];
        let mut rng = Rng(0xBB67_AE85_84CA_A73B);
        for _ in 0..300 {
            let len = 1 + rng.below(5);
            chains.push(
                (0..len)
                    .filter_map(|_| Transform::ALL.get(rng.below(Transform::ALL.len())).copied())
                    .collect(),
            );
        }
        let plan = Plan::new(&[], &chains);
        let mut values = plan.values();
        let alphabet = b"aZ 09%+&\\/.-#;'\"\0\t\x80\xc3\xa9<(*";
        let mut fast = 0;
        for _ in 0..3_000 {
            let len = rng.below(12);
            let raw: Vec<u8> = (0..len)
                .filter_map(|_| alphabet.get(rng.below(alphabet.len())).copied())
                .collect();
            let required = (0..1 + rng.below(4))
                .filter_map(|_| alphabet.get(rng.below(alphabet.len())))
                .fold(ByteSet::EMPTY, |s, &b| s.with(b));
            let f = Field {
                part: Part::QueryArgValue,
                name: Cow::Borrowed("q"),
                value: Cow::Owned(raw.clone()),
            };
            let c = rng.below(chains.len());
            let e = Entry {
                prefilter: Prefilter::new(&chains[c], Some(required)),
                ..entry(&plan, &chains[c])
            };
            let Prefilter::Bytes { block, .. } = e.prefilter else {
                panic!("no prefilter for {required:?}");
            };
            if ByteSet::of(&raw).intersects(block) {
                continue;
            }
            fast += 1;
            let asked = Entry {
                prefilter: Prefilter::Bytes {
                    required,
                    root: ByteSet::EMPTY,
                    block: ByteSet::ALL,
                },
                ..e.clone()
            };
            plan.reset(&mut values, &f);
            let by_root = plan.may_match(&mut values, &f, &e);
            plan.reset(&mut values, &f);
            let by_node = plan.may_match(&mut values, &f, &asked);
            assert_eq!(
                by_root, by_node,
                "{raw:x?} through {:?} for {required:?}",
                chains[c]
            );
        }
        assert!(
            fast > 1_000,
            "only {fast} values decided on their own bytes"
        );
    }

    #[test]
    fn entries_select_the_fields_their_targets_select() {
        let target_lists: &[&[&str]] = &[
            &["args"],
            &["arg:q", "arg:file", "cookie:file"],
            &["client_headers", "header:accept"],
            &["headers", "header:user-agent"],
            &["args", "arg:q"],
            &["cookies", "client_headers", "path_segments"],
        ];
        let fields = [
            field(Part::QueryArgValue, "q", b"v"),
            field(Part::BodyArgValue, "file", b"v"),
            field(Part::BodyArgValue, "other", b"v"),
            field(Part::CookieValue, "file", b"v"),
            field(Part::CookieValue, "q", b"v"),
            field(Part::HeaderValue, "accept", b"v"),
            field(Part::HeaderValue, "accept-language", b"v"),
            field(Part::HeaderValue, "x-forwarded-for", b"v"),
            field(Part::HeaderValue, "user-agent", b"v"),
            field(Part::PathSegment, "", b"v"),
            field(Part::QueryArgName, "q", b"q"),
        ];
        for list in target_lists {
            let targets: Vec<Target> = list.iter().filter_map(|t| Target::parse(t)).collect();
            assert_eq!(targets.len(), list.len());
            for f in &fields {
                let want = targets.iter().any(|t| t.selects(f));
                let got = select(&targets, f.part).is_some_and(|select| {
                    Entry {
                        rule: 0,
                        node: None,
                        prefilter: Prefilter::None,
                        select,
                    }
                    .selects(f, FieldClass::of(f))
                });
                assert_eq!(got, want, "{list:?} on {:?} {:?}", f.part, f.name);
            }
        }
    }

    #[test]
    fn seen_values_are_only_the_same_bytes_in_the_same_part() {
        let long_a = [b"x".repeat(50), b"A".to_vec(), b"y".repeat(50)].concat();
        let long_b = [b"x".repeat(50), b"B".to_vec(), b"y".repeat(50)].concat();
        let steps: &[(Part, &[u8], bool)] = &[
            (Part::BodyArgValue, b"gift wrap", false),
            (Part::BodyArgValue, b"gift wrap", true),
            (Part::QueryArgValue, b"gift wrap", false),
            (Part::BodyArgValue, b"gift wrap!", false),
            (Part::BodyArgValue, b"", false),
            (Part::BodyArgValue, b"", true),
            // Same length, head and tail: the same slot, told apart.
            (Part::BodyArgValue, &long_a, false),
            (Part::BodyArgValue, &long_b, false),
            (Part::BodyArgValue, &long_b, true),
        ];
        let mut seen = Seen::default();
        for (i, (part, value, want)) in steps.iter().enumerate() {
            assert_eq!(
                seen.check(ValueKey::new(*part, false, value)),
                *want,
                "step {i}"
            );
        }
        // Many distinct values: never one taken for another.
        let values: Vec<Vec<u8>> = (0..5000).map(|i| format!("v{i}").into_bytes()).collect();
        let mut seen = Seen::default();
        assert!(values
            .iter()
            .all(|v| !seen.check(ValueKey::new(Part::BodyArgValue, false, v))));
        assert!(!seen.check(ValueKey::new(Part::BodyArgValue, true, b"v4999")));
    }
}
