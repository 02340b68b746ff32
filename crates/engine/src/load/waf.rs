//! Loading `[waf]`: settings in range, every rule with one operator that
//! compiles (regexes parsed once and compiled with the linear-time
//! `regex` engine, refused when they would match every value), known
//! targets and transformations, and exclusions that name rules and tags
//! that exist.

use aho_corasick::{AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use toml::de::DeValue;
use toml::Spanned;

use super::{valid_id, FileIdx, Loader, ID_HELP};
use crate::diagnostics::{closest, one_of_hint};
use crate::rules_file::{
    SpannedStr, WafExclusion, WafRule as RawRule, WAF_EXCLUSION_KEYS, WAF_KEYS, WAF_RULE_KEYS,
};
use crate::waf::detect::Detector;
use crate::waf::fields::Anomaly;
use crate::waf::rules::{Exclusion, Mode, Operator, OverLimit, Severity, Waf, WafRule};
use crate::waf::target::{self, Target};
use crate::waf::transform::Transform;
use crate::waf::{pattern, prefilter};

/// Bodies are read into the Worker's memory (128 MB per isolate, shared by
/// concurrent requests): 1 MiB is the most one request may hold.
const MAX_BODY_LIMIT: i64 = 1024 * 1024;

/// `[waf]` as read, before checking.
#[derive(Debug, Default)]
pub(super) struct RawWaf {
    mode: Option<(FileIdx, SpannedStr)>,
    paranoia_level: Option<(FileIdx, Spanned<i64>)>,
    anomaly_threshold: Option<(FileIdx, Spanned<i64>)>,
    block_on_critical: Option<(FileIdx, Spanned<bool>)>,
    body_limit: Option<(FileIdx, Spanned<i64>)>,
    on_body_over_limit: Option<(FileIdx, SpannedStr)>,
    rules: Vec<(FileIdx, RawRule)>,
    exclusions: Vec<(FileIdx, WafExclusion)>,
}

impl Loader<'_> {
    pub(super) fn read_waf(&mut self, file: FileIdx, value: Spanned<DeValue<'_>>) {
        let Some(table) = self.table(
            file,
            value,
            "waf",
            "write `[waf]` with settings, and `[[waf.rule]]` entries",
        ) else {
            return;
        };
        for (key, value) in table {
            let key_span = key.span();
            let name = key.get_ref().to_string();
            macro_rules! setting {
                ($field:ident, $ty:ty) => {{
                    let Some(v) = self.de::<$ty>(file, value, &[]) else {
                        continue;
                    };
                    if let Some((prev_file, prev)) = &self.waf.$field {
                        let at = self.location(*prev_file, &prev.span());
                        self.error(
                            file,
                            key_span,
                            format!("`waf.{name}` is set twice"),
                            Some(format!("it is already set at {at}; keep one")),
                        );
                    } else {
                        self.waf.$field = Some((file, v));
                    }
                }};
            }
            match name.as_str() {
                "mode" => setting!(mode, SpannedStr),
                "paranoia_level" => setting!(paranoia_level, Spanned<i64>),
                "anomaly_threshold" => setting!(anomaly_threshold, Spanned<i64>),
                "block_on_critical" => setting!(block_on_critical, Spanned<bool>),
                "body_limit" => setting!(body_limit, Spanned<i64>),
                "on_body_over_limit" => setting!(on_body_over_limit, SpannedStr),
                "rule" => {
                    let rules = self.de_tables(file, value, "waf.rule", WAF_RULE_KEYS);
                    self.waf.rules.extend(rules);
                }
                "exclusion" => {
                    let exclusions =
                        self.de_tables(file, value, "waf.exclusion", WAF_EXCLUSION_KEYS);
                    self.waf.exclusions.extend(exclusions);
                }
                other => {
                    let other = other.to_string();
                    self.error(
                        file,
                        key_span,
                        format!("unknown key `{other}` in `[waf]`"),
                        Some(one_of_hint(&other, WAF_KEYS)),
                    );
                }
            }
        }
    }

    fn int_in(
        &mut self,
        v: &Option<(FileIdx, Spanned<i64>)>,
        key: &str,
        lo: i64,
        hi: i64,
        why: &str,
    ) -> Option<i64> {
        let (file, n) = v.as_ref()?;
        let x = *n.get_ref();
        if (lo..=hi).contains(&x) {
            Some(x)
        } else {
            self.error(
                *file,
                n.span(),
                format!("`{key} = {x}` is out of range"),
                Some(format!("write a number from {lo} to {hi}{why}")),
            );
            None
        }
    }

    pub(super) fn compile_waf(&mut self) -> Waf {
        let raw = std::mem::take(&mut self.waf);
        let mut waf = Waf::default();
        if let Some((file, m)) = &raw.mode {
            match Mode::parse(m.get_ref()) {
                Some(mode) => waf.mode = mode,
                None => self.error(
                    *file,
                    m.span(),
                    format!("unknown `mode` value `{}`", m.get_ref()),
                    Some(one_of_hint(m.get_ref(), Mode::NAMES)),
                ),
            }
        }
        if let Some(p) = self.int_in(
            &raw.paranoia_level,
            "paranoia_level",
            1,
            4,
            " (1 blocks the least legitimate traffic; 4 is the most thorough)",
        ) {
            waf.paranoia_level = p as u8;
        }
        if let Some(t) = self.int_in(
            &raw.anomaly_threshold,
            "anomaly_threshold",
            1,
            1000,
            " (5 = one critical match)",
        ) {
            waf.anomaly_threshold = t as u32;
        }
        if let Some((_, b)) = &raw.block_on_critical {
            waf.block_on_critical = *b.get_ref();
        }
        if let Some(b) = self.int_in(
            &raw.body_limit,
            "body_limit",
            1024,
            MAX_BODY_LIMIT,
            " bytes; bodies are held in the Worker's memory",
        ) {
            waf.body_limit = b as usize;
        }
        if let Some((file, o)) = &raw.on_body_over_limit {
            match OverLimit::parse(o.get_ref()) {
                Some(x) => waf.over_limit = x,
                None => self.error(
                    *file,
                    o.span(),
                    format!("unknown `on_body_over_limit` value `{}`", o.get_ref()),
                    Some(one_of_hint(o.get_ref(), OverLimit::NAMES)),
                ),
            }
        }
        for (file, r) in &raw.rules {
            if let Some(rule) = self.waf_rule(*file, r, &mut waf.chains) {
                waf.rules.push(rule);
            }
        }
        for (file, e) in &raw.exclusions {
            if let Some(x) = self.waf_exclusion(*file, e, &waf.rules) {
                waf.exclusions.push(x);
            }
        }
        waf.prepare();
        waf
    }

    fn waf_rule(
        &mut self,
        file: FileIdx,
        r: &RawRule,
        chains: &mut Vec<Vec<Transform>>,
    ) -> Option<WafRule> {
        let id = self.register_id(file, &r.id);
        let severity = Severity::parse(r.severity.get_ref()).unwrap_or_else(|| {
            self.error(
                file,
                r.severity.span(),
                format!("unknown severity `{}`", r.severity.get_ref()),
                Some(one_of_hint(r.severity.get_ref(), Severity::NAMES)),
            );
            Severity::Critical
        });
        let paranoia = match &r.paranoia {
            None => 1,
            Some(p) if (1..=4).contains(p.get_ref()) => *p.get_ref() as u8,
            Some(p) => {
                self.error(
                    file,
                    p.span(),
                    format!("`paranoia = {}` is out of range", p.get_ref()),
                    Some("paranoia levels are 1 to 4".into()),
                );
                1
            }
        };
        let mut tags = Vec::new();
        for t in &r.tags {
            if valid_id(t.get_ref()) {
                tags.push(t.get_ref().clone());
            } else {
                self.error(
                    file,
                    t.span(),
                    format!("tag `{}` is not a valid tag", t.get_ref()),
                    Some(ID_HELP.into()),
                );
            }
        }
        let targets = self.parse_each(file, &r.targets, "target", target::NAMES, Target::parse);
        let chain = self.parse_each(
            file,
            &r.transforms,
            "transformation",
            Transform::NAMES,
            Transform::parse,
        );
        let chain_idx = match chains.iter().position(|c| *c == chain) {
            Some(i) => i,
            None => {
                chains.push(chain);
                chains.len() - 1
            }
        };
        let log_only = match &r.mode {
            None => false,
            Some(m) => match Mode::parse(m.get_ref()) {
                Some(Mode::LogOnly) => true,
                Some(Mode::Block) => false,
                None => {
                    self.error(
                        file,
                        m.span(),
                        format!("unknown `mode` value `{}`", m.get_ref()),
                        Some(one_of_hint(m.get_ref(), Mode::NAMES)),
                    );
                    false
                }
            },
        };

        let given = [
            r.regex.is_some(),
            r.phrases.is_some(),
            r.detect.is_some(),
            r.anomaly.is_some(),
        ]
        .iter()
        .filter(|x| **x)
        .count();
        if given != 1 {
            self.error(
                file,
                r.id.span(),
                format!("rule `{id}` needs exactly one operator, has {given}"),
                Some("give one of `regex = '…'`, `phrases = [\"…\"]`, `detect = \"sqli\"` / `\"xss\"` / `\"cmdi\"`, `anomaly = \"…\"`".into()),
            );
            return None;
        }
        // A regex's required bytes come from the tree it is compiled from.
        let mut regex_required = None;
        let operator = if let Some(re) = &r.regex {
            let built = pattern::parse(re.get_ref())
                .and_then(|hir| pattern::compile(&hir).map(|compiled| (compiled, hir)));
            match built {
                Ok((compiled, _)) if compiled.is_match(b"") => {
                    self.error(file, re.span(), format!("regex of rule `{id}` matches an empty value"), Some("it would match every field of every request; make it require at least one character".into()));
                    return None;
                }
                Ok((compiled, hir)) => {
                    regex_required = prefilter::for_hir(&hir);
                    Operator::Regex(compiled)
                }
                Err(msg) => {
                    let last = msg
                        .lines()
                        .map(str::trim)
                        .rfind(|l| !l.is_empty())
                        .unwrap_or("")
                        .to_string();
                    self.error(file, re.span(), format!("regex of rule `{id}` does not compile: {last}"), Some("the syntax is the `regex` crate's, matching bytes (no look-around, no backreferences: it cannot backtrack; `(?u:…)` for Unicode classes); write it as a TOML literal string '…' so backslashes stay".into()));
                    return None;
                }
            }
        } else if let Some(list) = &r.phrases {
            if list.get_ref().is_empty() || list.get_ref().iter().any(|p| p.get_ref().is_empty()) {
                self.error(
                    file,
                    list.span(),
                    "`phrases` is empty or has an empty phrase",
                    Some("an empty phrase matches everything; list non-empty phrases".into()),
                );
                return None;
            }
            let words: Vec<&str> = list
                .get_ref()
                .iter()
                .map(|p| p.get_ref().as_str())
                .collect();
            match AhoCorasickBuilder::new()
                // A DFA: phrase lists are small, and it scans fastest.
                .kind(Some(AhoCorasickKind::DFA))
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::LeftmostFirst)
                .build(&words)
            {
                Ok(ac) => Operator::Phrases(ac),
                Err(e) => {
                    self.error(
                        file,
                        list.span(),
                        format!("phrases of rule `{id}` cannot be built: {e}"),
                        None,
                    );
                    return None;
                }
            }
        } else if let Some(d) = &r.detect {
            match Detector::parse(d.get_ref()) {
                Some(det) => Operator::Detect(det),
                None => {
                    self.error(
                        file,
                        d.span(),
                        format!("unknown detector `{}`", d.get_ref()),
                        Some(one_of_hint(d.get_ref(), Detector::NAMES)),
                    );
                    return None;
                }
            }
        } else if let Some(a) = &r.anomaly {
            match Anomaly::parse(a.get_ref()) {
                Some(x) => {
                    if !r.targets.is_empty() {
                        self.error(file, a.span(), "an `anomaly` rule looks at the request as a whole and takes no `targets`", Some("remove `targets`".into()));
                    }
                    Operator::Anomaly(x)
                }
                None => {
                    self.error(
                        file,
                        a.span(),
                        format!("unknown anomaly `{}`", a.get_ref()),
                        Some(one_of_hint(a.get_ref(), Anomaly::NAMES)),
                    );
                    return None;
                }
            }
        } else {
            return None;
        };
        if targets.is_empty() && !matches!(operator, Operator::Anomaly(_)) && r.targets.is_empty() {
            self.error(
                file,
                r.id.span(),
                format!("rule `{id}` has no `targets`"),
                Some(format!(
                    "say what it looks at, e.g. `targets = [\"args\", \"path\"]`; one of {}",
                    target::NAMES.join(", ")
                )),
            );
        }
        let required = match (&operator, &r.regex, &r.phrases) {
            (Operator::Regex(_), _, _) => regex_required,
            (Operator::Phrases(_), _, Some(list)) => {
                let words: Vec<&str> = list
                    .get_ref()
                    .iter()
                    .map(|p| p.get_ref().as_str())
                    .collect();
                prefilter::for_phrases(&words)
            }
            (Operator::Detect(d), _, _) => d.required(),
            _ => None,
        };
        Some(WafRule {
            location: self.location(file, &r.id.span()),
            required,
            id,
            severity,
            paranoia,
            tags,
            targets,
            chain: chain_idx,
            operator,
            log_only,
        })
    }

    /// Each of `items` (targets, transformations) read by `parse`; an
    /// error naming the valid ones for each that does not read.
    fn parse_each<T>(
        &mut self,
        file: FileIdx,
        items: &[SpannedStr],
        what: &str,
        valid: &[&str],
        parse: impl Fn(&str) -> Option<T>,
    ) -> Vec<T> {
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            match parse(item.get_ref()) {
                Some(x) => out.push(x),
                None => self.error(
                    file,
                    item.span(),
                    format!("unknown {what} `{}`", item.get_ref()),
                    Some(one_of_hint(item.get_ref(), valid)),
                ),
            }
        }
        out
    }

    fn waf_exclusion(
        &mut self,
        file: FileIdx,
        e: &WafExclusion,
        rules: &[WafRule],
    ) -> Option<Exclusion> {
        let id = self.register_id(file, &e.id);
        let paths = self.path_patterns(file, e.paths.as_ref());
        if e.rules.is_empty() && e.tags.is_empty() {
            self.error(file, e.id.span(), format!("exclusion `{id}` names no rule"), Some("add `rules = [\"rule-id\"]` (a trailing `*` matches by prefix) or `tags = [\"tag\"]`".into()));
        }
        let ids: Vec<&str> = rules.iter().map(|r| r.id.as_str()).collect();
        for pat in &e.rules {
            let p = pat.get_ref();
            let found = match p.strip_suffix('*') {
                Some(prefix) => ids.iter().any(|i| i.starts_with(prefix)),
                None => ids.contains(&p.as_str()),
            };
            if !found {
                let help = match closest(p, &ids) {
                    Some(c) => format!("no WAF rule is `{p}`; did you mean `{c}`?"),
                    None => "name a `[[waf.rule]]` id; a trailing `*` matches ids by prefix".into(),
                };
                self.error(
                    file,
                    pat.span(),
                    format!("exclusion `{id}` names no existing rule with `{p}`"),
                    Some(help),
                );
            }
        }
        let all_tags: Vec<&str> = rules
            .iter()
            .flat_map(|r| r.tags.iter().map(String::as_str))
            .collect();
        for t in &e.tags {
            if !all_tags.contains(&t.get_ref().as_str()) {
                let help = match closest(t.get_ref(), &all_tags) {
                    Some(c) => format!("did you mean `{c}`?"),
                    None => "name a tag that some `[[waf.rule]]` has".into(),
                };
                self.error(
                    file,
                    t.span(),
                    format!("no WAF rule has the tag `{}`", t.get_ref()),
                    Some(help),
                );
            }
        }
        let targets = self.parse_each(file, &e.targets, "target", target::NAMES, Target::parse);
        Some(Exclusion {
            id,
            paths,
            rules: e.rules.iter().map(|r| r.get_ref().clone()).collect(),
            tags: e.tags.iter().map(|t| t.get_ref().clone()).collect(),
            targets,
        })
    }
}
