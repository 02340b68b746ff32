//! How a compiled WAF is evaluated fast: which rules can look at which kind
//! of field, and the transformation chains folded into a tree of shared
//! prefixes, with each value's transformed forms computed at most once.
//!
//! Evaluation goes field by field. For each field, only the rules whose
//! targets can select its [`Part`] are considered, and a rule that already
//! matched is not run again, so each rule still reports the first field
//! (in request order) it matched, as a rule-by-rule walk would. The
//! transformed values a field needs live in a per-field cache indexed by
//! tree node: `url_decode_uni, html_entity_decode, lowercase` reuses the
//! `url_decode_uni, html_entity_decode` of another rule. A transform whose
//! [trigger bytes](super::transform::Transform::triggers) the value does
//! not hold is skipped without reading the value, which is what most
//! transforms do to most values; and a rule whose
//! [required bytes](super::prefilter) the transformed value cannot hold is
//! skipped without computing that value (the bytes of `lowercase`,
//! `compress_whitespace` and the like are known from their input's).

use std::borrow::Cow;

use super::byteset::ByteSet;
use super::fields::{Field, Part};
use super::rules::WafRule;
use super::transform::Transform;

/// One node of the chain tree: its parent's value (the field's own value
/// at a root) through `transform`.
#[derive(Debug, Clone)]
struct Node {
    parent: Option<usize>,
    transform: Transform,
}

/// The evaluation plan of a rule set; see the module documentation.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    nodes: Vec<Node>,
    /// For each chain (index as in `Waf::chains`), its node; `None` for
    /// the empty chain (the field's value as extracted).
    chain_node: Vec<Option<usize>>,
    /// For each [`Part`], the indices of the rules that can select a field
    /// of it, in rule order, and whether a field must still be checked
    /// against the rule's targets (a named target such as `arg:q`, or
    /// `client_headers`) rather than being selected by its part alone.
    by_part: Vec<Vec<(usize, bool)>>,
    /// What the plan was built for, to notice a rule set changed since.
    built_for: (usize, usize),
}

impl Plan {
    /// The plan for `rules` with `chains`.
    pub fn new(rules: &[WafRule], chains: &[Vec<Transform>]) -> Plan {
        let mut nodes: Vec<Node> = Vec::new();
        let chain_node = chains
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
                        });
                        nodes.len() - 1
                    }));
                }
                at
            })
            .collect();
        let mut by_part = vec![Vec::new(); Part::COUNT];
        for (i, rule) in rules.iter().enumerate() {
            for part in Part::ALL {
                if rule.targets.iter().any(|t| t.may_select(part)) {
                    // Whether a field of this part still needs the targets'
                    // name checks, or every such field is selected.
                    let every = rule.targets.iter().any(|t| t.selects_every(part));
                    if let Some(list) = by_part.get_mut(part as usize) {
                        list.push((i, !every));
                    }
                }
            }
        }
        Plan {
            nodes,
            chain_node,
            by_part,
            built_for: (rules.len(), chains.len()),
        }
    }

    /// Was this plan built for a rule set of this shape?
    pub fn fits(&self, rules: &[WafRule], chains: &[Vec<Transform>]) -> bool {
        self.built_for == (rules.len(), chains.len()) && self.by_part.len() == Part::COUNT
    }

    /// The rules that may look at a field of `part`.
    pub fn rules_for(&self, part: Part) -> &[(usize, bool)] {
        self.by_part.get(part as usize).map_or(&[], Vec::as_slice)
    }

    /// A cache of one field's transformed values, to be [`Values::reset`]
    /// for each field.
    pub fn values(&self) -> Values {
        Values {
            slots: vec![Slot::Unknown; self.nodes.len()],
            owned: Vec::new(),
            root_set: ByteSet::EMPTY,
            path: Vec::new(),
            memo: Vec::new(),
        }
    }

    /// A set holding every byte of `field`'s value through `chain`,
    /// found, where the chain allows, without computing that value.
    pub fn bytes(&self, values: &mut Values, field: &Field<'_>, chain: usize) -> ByteSet {
        let Some(node) = self.chain_node.get(chain).copied().flatten() else {
            return values.root_set;
        };
        match values.slots.get(node) {
            Some(Slot::Bytes(set) | Slot::Value(set, _)) => *set,
            _ => {
                self.fill(values, &field.value, node, false);
                values.set_of(Some(node))
            }
        }
    }

    /// `field`'s value through `chain`, computed (and cached in `values`)
    /// on first use.
    pub fn value<'v>(
        &self,
        values: &'v mut Values,
        field: &'v Field<'_>,
        chain: usize,
    ) -> &'v [u8] {
        let Some(node) = self.chain_node.get(chain).copied().flatten() else {
            return &field.value;
        };
        if !matches!(values.slots.get(node), Some(Slot::Value(..))) {
            self.fill(values, &field.value, node, true);
        }
        values.get(&field.value, Some(node))
    }

    /// Work out `node`'s slot, and its ancestors' as far as needed: their
    /// byte sets, and their values too when `value` is asked for.
    fn fill(&self, values: &mut Values, root: &[u8], node: usize, value: bool) {
        // The nodes from `node` up that lack what is asked, then filled
        // top down.
        let mut path = std::mem::take(&mut values.path);
        path.clear();
        let mut at = Some(node);
        while let Some(n) = at {
            match values.slots.get(n) {
                Some(Slot::Unknown) => path.push(n),
                Some(Slot::Bytes(_)) if value => path.push(n),
                _ => break,
            }
            at = self.nodes.get(n).and_then(|x| x.parent);
        }
        for &n in path.iter().rev() {
            let Some(Node { parent, transform }) = self.nodes.get(n) else {
                continue;
            };
            let parent_slot = match parent {
                Some(p) => values.slots.get(*p).cloned().unwrap_or(Slot::Unknown),
                None => Slot::Value(values.root_set, Source::Root),
            };
            let (input_set, input_source) = match parent_slot {
                Slot::Value(set, source) => (set, Some(source)),
                Slot::Bytes(set) => (set, None),
                Slot::Unknown => (ByteSet::ALL, None),
            };
            let slot = if !input_set.intersects(transform.triggers()) {
                // Unchanged: the parent's bytes, and its value if known.
                match input_source {
                    Some(source) => Slot::Value(input_set, source),
                    None => Slot::Bytes(input_set),
                }
            } else if let (false, Some(set)) = (value, transform.transfer(input_set)) {
                Slot::Bytes(set)
            } else {
                // `value` is asked, so the parent's value is known.
                let source = input_source.unwrap_or(Source::Root);
                // Another node may have applied this transform to the same
                // value already (chains that differ only in transforms that
                // changed nothing).
                let done = values
                    .memo
                    .iter()
                    .find(|(s, t, _)| *s == source && t == transform)
                    .map(|&(_, _, slot)| slot);
                match done {
                    Some(slot) => slot,
                    None => {
                        let input = values.source_bytes(root, source);
                        let out = match transform.apply(input) {
                            Cow::Borrowed(b) if b.len() == input.len() => None,
                            out => Some(out.into_owned()),
                        };
                        let slot = match out {
                            None => Slot::Value(input_set, source),
                            Some(out) => {
                                let set = transform
                                    .transfer(input_set)
                                    .unwrap_or_else(|| ByteSet::of(&out));
                                values.owned.push(out);
                                Slot::Value(set, Source::Owned(values.owned.len() - 1))
                            }
                        };
                        values.memo.push((source, *transform, slot));
                        slot
                    }
                }
            };
            if let Some(s) = values.slots.get_mut(n) {
                *s = slot;
            }
        }
        values.path = path;
    }
}

/// Where a node's value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    /// The field's own value.
    Root,
    /// `Values::owned[i]`.
    Owned(usize),
}

/// One node's value for the current field.
#[derive(Debug, Clone, Copy)]
enum Slot {
    Unknown,
    /// Not computed yet; every byte it will have is in this set.
    Bytes(ByteSet),
    /// Computed: its bytes (a superset for some transforms) and where it is.
    Value(ByteSet, Source),
}

/// The transformed values of one field; see [`Plan::values`].
#[derive(Debug)]
pub struct Values {
    slots: Vec<Slot>,
    /// The values transforms made.
    owned: Vec<Vec<u8>>,
    root_set: ByteSet,
    /// Scratch space for [`Plan::fill`], kept to spare an allocation.
    path: Vec<usize>,
    /// Transforms applied to this field so far: to which value, which
    /// transform, and the slot of the result.
    memo: Vec<(Source, Transform, Slot)>,
}

impl Values {
    /// Forget the previous field's values; `value` is the new field's.
    pub fn reset(&mut self, value: &[u8]) {
        for s in &mut self.slots {
            *s = Slot::Unknown;
        }
        self.owned.clear();
        self.memo.clear();
        self.root_set = ByteSet::of(value);
    }

    fn source_bytes<'v>(&'v self, root: &'v [u8], source: Source) -> &'v [u8] {
        match source {
            Source::Root => root,
            Source::Owned(i) => self.owned.get(i).map_or(root, Vec::as_slice),
        }
    }

    /// The value of a node whose value is filled (`None`: the root).
    fn get<'v>(&'v self, root: &'v [u8], node: Option<usize>) -> &'v [u8] {
        match node.and_then(|n| self.slots.get(n)) {
            Some(Slot::Value(_, source)) => self.source_bytes(root, *source),
            _ => root,
        }
    }

    /// The byte set of a filled node (`None`: the root).
    fn set_of(&self, node: Option<usize>) -> ByteSet {
        match node.and_then(|n| self.slots.get(n)) {
            Some(Slot::Value(set, _) | Slot::Bytes(set)) => *set,
            Some(Slot::Unknown) => ByteSet::ALL,
            None => self.root_set,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(plan.chain_node[3], None);
        assert_eq!(plan.chain_node[2], Some(0));
    }

    #[test]
    fn values_are_the_chains_applied_in_order() {
        use Transform::*;
        let chains = vec![
            vec![UrlDecodeUni, HtmlEntityDecode, Lowercase],
            vec![UrlDecodeUni, HtmlEntityDecode, RemoveNulls],
            vec![Lowercase, Trim],
            vec![],
        ];
        let plan = Plan::new(&[], &chains);
        let mut values = plan.values();
        for raw in [
            &b"%3CScRiPt%3E&lt;%00x"[..],
            b"  PLAIN  ",
            b"plain",
            b"",
            b"caf\xc3\xa9 %u0041 &#x41;",
        ] {
            let field = Field {
                part: Part::QueryArgValue,
                name: Cow::Borrowed("q"),
                value: Cow::Borrowed(raw),
            };
            values.reset(raw);
            // Ask in an order that fills nodes from both ends.
            for c in [2, 0, 3, 1, 0] {
                let want = super::super::transform::apply_chain(&chains[c], raw).into_owned();
                assert_eq!(
                    plan.value(&mut values, &field, c),
                    want.as_slice(),
                    "{raw:?} chain {c}"
                );
            }
        }
    }
}
