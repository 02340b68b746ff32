//! The compiled WAF: rules (targets → transformations → operator), the
//! anomaly score they add up to, exclusions, and the verdict.
//!
//! Every rule whose paranoia level is at or below `[waf] paranoia_level`
//! looks at the fields its targets select (minus excluded ones), each
//! through its transformation chain, until its operator matches one. A
//! match adds the rule's severity to the request's anomaly score (critical
//! 5, error 4, warning 3, notice 2, as OWASP CRS scores them). The request
//! is blocked when the score reaches `anomaly_threshold`, or, with
//! `block_on_critical`, when any critical rule matches. Rules in log-only
//! mode, and every rule under `[waf] mode = "log_only"`, are reported and
//! never block.
//!
//! Rules are run field by field with a [`Plan`]: each transformed value is
//! computed at most once per field, shared by every rule whose chain starts
//! the same way, and skipped when the value holds no byte the transform
//! acts on.

use aho_corasick::AhoCorasick;
use regex_automata::meta::Regex;

use super::byteset::ByteSet;
use super::clean::{CleanValues, ValueKey};
use super::detect::Detector;
use super::fields::{Anomaly, Fields};
use super::meter::Meter;
use super::plan::{FieldClass, Plan, Seen};
use super::target::{describe, Target};
use super::transform::Transform;
use crate::path::PathPattern;
use crate::request::Request;
use crate::trace::Trace;

/// How much a match weighs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Notice,
    Warning,
    Error,
    Critical,
}

impl Severity {
    pub const NAMES: &'static [&'static str] = &["critical", "error", "warning", "notice"];

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "critical" => Some(Severity::Critical),
            "error" => Some(Severity::Error),
            "warning" => Some(Severity::Warning),
            "notice" => Some(Severity::Notice),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Critical => "critical",
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Notice => "notice",
        }
    }

    /// Anomaly points, as OWASP CRS counts them.
    pub fn score(self) -> u32 {
        match self {
            Severity::Critical => 5,
            Severity::Error => 4,
            Severity::Warning => 3,
            Severity::Notice => 2,
        }
    }
}

/// Whether matches block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Block,
    /// Simulate: evaluate and log, never block.
    LogOnly,
}

impl Mode {
    pub const NAMES: &'static [&'static str] = &["block", "log_only"];

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "block" => Some(Mode::Block),
            "log_only" => Some(Mode::LogOnly),
            _ => None,
        }
    }
}

/// What to do with a body larger than the inspection limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OverLimit {
    /// Inspect the first `body_limit` bytes; the rest passes unread.
    InspectPrefix,
    /// Refuse the request.
    Block,
}

impl OverLimit {
    pub const NAMES: &'static [&'static str] = &["inspect_prefix", "block"];

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "inspect_prefix" => Some(OverLimit::InspectPrefix),
            "block" => Some(OverLimit::Block),
            _ => None,
        }
    }
}

/// What a rule looks for in a (transformed) value.
#[derive(Debug, Clone)]
pub enum Operator {
    /// A regular expression (the `regex` crate's engine: linear time, no
    /// backtracking), over bytes; built by [`super::pattern`].
    Regex(Regex),
    /// Any of many phrases (Aho-Corasick), ASCII case-insensitive.
    Phrases(AhoCorasick),
    /// A built-in detector (SQL injection, XSS).
    Detect(Detector),
    /// A protocol anomaly of the request as a whole.
    Anomaly(Anomaly),
}

impl Operator {
    /// Does `value` match? Returns a short, log-only note.
    fn matches(&self, value: &[u8]) -> Option<String> {
        match self {
            Operator::Regex(re) => re
                .find(value)
                .map(|m| format!("regex at byte {}", m.start())),
            Operator::Phrases(ac) => ac
                .find(value)
                .map(|m| format!("phrase #{} at byte {}", m.pattern().as_usize(), m.start())),
            Operator::Detect(d) => d.detect(value).map(|m| m.to_string()),
            Operator::Anomaly(_) => None,
        }
    }
}

/// Where a rule stands, during one evaluation, for the fields still to
/// come.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Standing {
    /// It runs on the fields it selects.
    Runs,
    /// It runs on the fields it selects that none of its field exclusions
    /// covers.
    RunsExcept,
    /// It matched already: it runs no more, and a field it selects by
    /// class is not checked by every rule, so is not remembered as clean.
    Done,
    /// An exclusion turns it off for the whole request on this path: as
    /// [`Standing::Done`], without a match.
    Excluded,
    /// Its paranoia level is above the configured one: as if absent.
    Off,
}

/// One compiled `[[waf.rule]]`.
#[derive(Debug, Clone)]
pub struct WafRule {
    pub id: String,
    pub severity: Severity,
    /// 1..=4.
    pub paranoia: u8,
    pub tags: Vec<String>,
    pub targets: Vec<Target>,
    /// Index into [`Waf::chains`].
    pub chain: usize,
    pub operator: Operator,
    /// Bytes any value the operator matches holds one of (after the
    /// chain); `None` when there are none. See [`super::prefilter`].
    pub required: Option<ByteSet>,
    pub log_only: bool,
    /// `file:line`, for `explain`.
    pub location: String,
}

/// One compiled `[[waf.exclusion]]`: where some rules do not apply, to the
/// whole request or to some of its fields.
#[derive(Debug, Clone)]
pub struct Exclusion {
    pub id: String,
    /// Empty: every path.
    pub paths: Vec<PathPattern>,
    /// Rule ids; a trailing `*` matches by prefix.
    pub rules: Vec<String>,
    pub tags: Vec<String>,
    /// Empty: the whole request.
    pub targets: Vec<Target>,
}

impl Exclusion {
    fn covers_rule(&self, r: &WafRule) -> bool {
        self.rules.iter().any(|pat| match pat.strip_suffix('*') {
            Some(prefix) => r.id.starts_with(prefix),
            None => *pat == r.id,
        }) || self.tags.iter().any(|t| r.tags.contains(t))
    }

    fn covers_path(&self, path: &str) -> bool {
        self.paths.is_empty() || self.paths.iter().any(|p| p.matches(path))
    }
}

/// The compiled `[waf]` table.
#[derive(Debug, Clone)]
pub struct Waf {
    pub mode: Mode,
    /// 1..=4: rules with a higher paranoia level are off.
    pub paranoia_level: u8,
    pub anomaly_threshold: u32,
    pub block_on_critical: bool,
    /// Body bytes inspected.
    pub body_limit: usize,
    pub over_limit: OverLimit,
    pub rules: Vec<WafRule>,
    /// Distinct transformation chains, shared by rules.
    pub chains: Vec<Vec<Transform>>,
    pub exclusions: Vec<Exclusion>,
    /// How to evaluate `rules` fast; [`Waf::prepare`] builds it, and a
    /// WAF whose plan does not fit its rules builds one per request.
    pub plan: Plan,
    /// Values that passed before, across requests.
    pub clean: CleanValues,
}

/// The default inspection limit: 64 KiB.
pub const DEFAULT_BODY_LIMIT: usize = 64 * 1024;

impl Default for Waf {
    fn default() -> Self {
        Waf {
            mode: Mode::Block,
            paranoia_level: 1,
            anomaly_threshold: 5,
            block_on_critical: false,
            body_limit: DEFAULT_BODY_LIMIT,
            over_limit: OverLimit::InspectPrefix,
            rules: Vec::new(),
            chains: Vec::new(),
            exclusions: Vec::new(),
            plan: Plan::default(),
            clean: CleanValues::default(),
        }
    }
}

/// One rule that matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WafMatch {
    pub id: String,
    pub severity: Severity,
    pub log_only: bool,
    /// Where: `query_arg:q`, `header:user-agent`, `anomaly`.
    pub at: String,
}

/// The WAF's verdict on a request.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WafOutcome {
    pub matches: Vec<WafMatch>,
    pub score: u32,
    pub blocked: bool,
    /// The body was over the limit and `on_body_over_limit = "block"`.
    pub over_limit: bool,
}

impl WafOutcome {
    /// The rule to name in the log for a block: the first of the heaviest
    /// blocking matches.
    pub fn deciding_rule(&self) -> Option<&WafMatch> {
        self.matches
            .iter()
            .filter(|m| !m.log_only)
            .fold(None, |best: Option<&WafMatch>, m| match best {
                Some(b) if b.severity >= m.severity => Some(b),
                _ => Some(m),
            })
    }

    /// `sqli-detect at query_arg:id (critical); … score 10`.
    pub fn describe(&self) -> String {
        let list: Vec<String> = self
            .matches
            .iter()
            .map(|m| {
                format!(
                    "{} at {} ({}{})",
                    m.id,
                    m.at,
                    m.severity.as_str(),
                    if m.log_only { ", log only" } else { "" }
                )
            })
            .collect();
        format!("waf: {}; anomaly score {}", list.join("; "), self.score)
    }
}

impl Waf {
    /// Build the evaluation [`Plan`] for the rules as they are now.
    pub fn prepare(&mut self) {
        self.plan = Plan::new(&self.rules, &self.chains);
    }

    pub fn is_active(&self) -> bool {
        !self.rules.is_empty() || self.over_limit == OverLimit::Block
    }

    /// Look at `req` (normalised path `path`).
    pub fn evaluate(&self, req: &Request, path: &str, trace: &mut Trace) -> WafOutcome {
        self.evaluate_metered(req, path, trace, &mut ())
    }

    /// [`Waf::evaluate`], with `meter` told about every rule run.
    pub fn evaluate_metered(
        &self,
        req: &Request,
        path: &str,
        trace: &mut Trace,
        meter: &mut impl Meter,
    ) -> WafOutcome {
        let mut out = WafOutcome::default();
        if !self.is_active() {
            return out;
        }
        let fields = Fields::extract(req, path, self.body_limit);
        if self.over_limit == OverLimit::Block && fields.anomalies.contains(&Anomaly::BodyOverLimit)
        {
            trace.note(|| format!("waf: body over the {} byte limit: block", self.body_limit));
            out.over_limit = true;
            out.blocked = self.mode == Mode::Block;
            return out;
        }
        // The exclusions on this path, and for each rule that one of them
        // covers by field, that exclusion: usually none, so nothing is
        // allocated.
        let exclusions: Vec<&Exclusion> = self
            .exclusions
            .iter()
            .filter(|e| e.covers_path(path))
            .collect();
        let mut field_exclusions: Vec<(usize, &Exclusion)> = Vec::new();
        // What each rule found, the first field it matched: (rule, where,
        // note), in the order found.
        let mut hits: Vec<(usize, String, String)> = Vec::new();
        // Where each rule stands for the fields still to come.
        let mut standing: Vec<Standing> = Vec::with_capacity(self.rules.len());
        for (i, rule) in self.rules.iter().enumerate() {
            if rule.paranoia > self.paranoia_level {
                standing.push(Standing::Off);
                continue;
            }
            let mut st = Standing::Runs;
            for e in exclusions.iter().copied().filter(|e| e.covers_rule(rule)) {
                if e.targets.is_empty() {
                    st = Standing::Excluded;
                } else {
                    field_exclusions.push((i, e));
                }
            }
            if st == Standing::Runs {
                if field_exclusions.last().is_some_and(|(r, _)| *r == i) {
                    st = Standing::RunsExcept;
                }
                if let Operator::Anomaly(a) = &rule.operator {
                    if fields.anomalies.contains(a) {
                        hits.push((i, "request".to_string(), a.as_str().to_string()));
                        st = Standing::Done;
                    }
                }
            }
            standing.push(st);
        }
        let built;
        let plan = if self.plan.fits(&self.rules, &self.chains) {
            &self.plan
        } else {
            built = Plan::new(&self.rules, &self.chains);
            &built
        };
        // A value seen before in the same class (part, and for headers
        // whether a client writes them freely), in this request (`Seen`) or
        // as a value that passed (`CleanValues`), skips the rules that
        // select it by class; rules that look at names or have field
        // exclusions still see it. With no field exclusion on this path,
        // such a value walks only the by-name entries.
        let field_excluded = standing.contains(&Standing::RunsExcept);
        let mut seen = Seen::default();
        let mut values = plan.values();
        for f in &fields.fields {
            let mut entries = plan.rules_for(f.part);
            if entries.is_empty() {
                continue;
            }
            let class = FieldClass::of(f);
            let key = ValueKey::new(f.part, class.client, &f.value);
            let known = seen.check(key) || self.clean.contains(key, self.paranoia_level);
            if known && !field_excluded {
                entries = plan.rules_for_known(f.part);
            }
            // Whether this field is checked against every rule that selects
            // it by class, and passes them: then it is clean.
            let mut complete = !known;
            let mut ready = false;
            for e in entries {
                let i = e.rule;
                let by_class = e.selects_by_class(class.client);
                match standing.get(i).copied().unwrap_or(Standing::Off) {
                    Standing::Off => continue,
                    Standing::Done | Standing::Excluded => {
                        complete &= !by_class;
                        continue;
                    }
                    Standing::Runs => {
                        if known && by_class {
                            continue;
                        }
                    }
                    Standing::RunsExcept => {
                        complete &= !by_class;
                        if field_exclusions
                            .iter()
                            .any(|(r, ex)| *r == i && ex.targets.iter().any(|t| t.selects(f)))
                        {
                            continue;
                        }
                    }
                }
                if !e.selects(f, class) {
                    continue;
                }
                if !ready {
                    plan.reset(&mut values, f);
                    ready = true;
                }
                if !plan.may_match(&mut values, f, e) {
                    continue;
                }
                let Some(rule) = self.rules.get(i) else {
                    continue;
                };
                let value = plan.value(&mut values, f, e);
                if let Some(note) = meter.operator(i, value.len(), || rule.operator.matches(value))
                {
                    complete = false;
                    hits.push((i, describe(f), note));
                    if let Some(st) = standing.get_mut(i) {
                        *st = Standing::Done;
                    }
                }
            }
            if complete {
                self.clean.insert(key, self.paranoia_level);
            }
        }
        // Reported in rule order, as the rules are listed.
        hits.sort_by_key(|(i, _, _)| *i);
        let mut hits = hits.into_iter().peekable();
        let mut critical = false;
        for (i, rule) in self.rules.iter().enumerate() {
            if standing.get(i) == Some(&Standing::Excluded) {
                trace.note(|| format!("waf rule `{}`: excluded here", rule.id));
                continue;
            }
            let Some((_, at, note)) = hits.next_if(|(r, _, _)| *r == i) else {
                continue;
            };
            trace.note(|| {
                format!(
                    "waf rule `{}` ({}): matched {at}: {note}{}",
                    rule.id,
                    rule.location,
                    if rule.log_only { " (log only)" } else { "" }
                )
            });
            if !rule.log_only {
                out.score += rule.severity.score();
                critical |= rule.severity == Severity::Critical;
            }
            out.matches.push(WafMatch {
                id: rule.id.clone(),
                severity: rule.severity,
                log_only: rule.log_only,
                at,
            });
        }
        let over = out.score >= self.anomaly_threshold || (self.block_on_critical && critical);
        out.blocked = self.mode == Mode::Block && over;
        trace.note(|| {
            format!(
                "waf: anomaly score {} (threshold {}{}): {}",
                out.score,
                self.anomaly_threshold,
                if self.block_on_critical {
                    ", or any critical match"
                } else {
                    ""
                },
                if out.blocked {
                    "block"
                } else if over {
                    "would block (log_only mode)"
                } else {
                    "pass"
                }
            )
        });
        out
    }
}

#[cfg(test)]
mod tests;
