//! The engine's per-request cost in wasm, as the Worker runs it: the
//! requests of the native WAF bench (`crates/engine/benches/support`),
//! evaluated by the same engine built for `wasm32-unknown-unknown` with the
//! shipped rules compiled in, once with the WAF and once without (the
//! in-run baseline). `scripts/bench-wasm.sh` builds this and times it from
//! Node; the timing is done there, with the loop here, so that crossing
//! from JavaScript into wasm is not what gets measured.

use edgewall_engine::waf::clean::CleanValues;
use edgewall_engine::waf::{pattern, prefilter};
use edgewall_engine::{load, Action, Policy, Request};
use wasm_bindgen::prelude::*;

#[path = "../../engine/benches/support/mix.rs"]
mod mix;
#[path = "../../engine/benches/support/samples.rs"]
mod samples;

const WAF_RULES: &str = include_str!("../../../rules/40-waf.toml");

/// The policies and requests, built once.
#[wasm_bindgen]
pub struct Bench {
    with_waf: Policy,
    /// The same, with the cache of values that passed off.
    first_sight: Policy,
    without_waf: Policy,
    requests: Vec<(&'static str, Request)>,
    /// The load benchmark's requests, in order.
    mix: Vec<(mix::Kind, Request)>,
}

#[wasm_bindgen]
impl Bench {
    /// Load the rules (the cost a fresh isolate pays once) and build the
    /// requests. Fails, with the loader's message, if the rules do not load.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Result<Bench, JsError> {
        let acl = (
            "rules/10-ip-acl.toml".to_string(),
            "[ip_acl]\ndefault = \"allow\"\n".to_string(),
        );
        let waf = ("rules/40-waf.toml".to_string(), WAF_RULES.to_string());
        let with_waf = load(&[acl.clone(), waf])
            .map_err(|e| JsError::new(&format!("{e:?}")))?
            .policy;
        let mut first_sight = with_waf.clone();
        first_sight.waf.clean = CleanValues::disabled();
        let without_waf = load(&[acl])
            .map_err(|e| JsError::new(&format!("{e:?}")))?
            .policy;
        Ok(Bench {
            with_waf,
            first_sight,
            without_waf,
            requests: samples::requests(),
            mix: mix::mix(),
        })
    }

    /// The requests' names, in order.
    pub fn names(&self) -> Vec<String> {
        self.requests.iter().map(|(n, _)| n.to_string()).collect()
    }

    /// Evaluate request `index` `iterations` times: `mode` 0 without the
    /// WAF, 1 with it and every value new (no cache of values that
    /// passed), 2 with it and the cache warm. Returns how many were
    /// allowed (all of them, or the bench is wrong), which also keeps the
    /// work from being optimised away.
    pub fn run(&self, index: usize, mode: u32, iterations: u32) -> u32 {
        let Some((_, req)) = self.requests.get(index) else {
            return 0;
        };
        let policy = match mode {
            0 => &self.without_waf,
            1 => &self.first_sight,
            _ => &self.with_waf,
        };
        (0..iterations)
            .filter(|_| policy.evaluate(req).action == Action::Allow)
            .count() as u32
    }

    /// The load benchmark's mix, all of it in order, `rounds` times: `mode`
    /// 0 without the WAF, else with it and its cache on, as in the Worker.
    /// Returns how many were allowed: all of them without the WAF, all
    /// but [`Bench::mix_attacks`] with it.
    pub fn run_mix(&self, mode: u32, rounds: u32) -> u32 {
        let policy = self.mix_policy(mode);
        let mut allowed = 0;
        for _ in 0..rounds {
            for (_, req) in &self.mix {
                allowed += u32::from(policy.evaluate(req).action == Action::Allow);
            }
        }
        allowed
    }

    /// Request `index` of the mix alone, `mode` as for [`Bench::run_mix`];
    /// 1 if allowed. For timing each request with the CPU caches flushed
    /// before it, as a Worker's requests find them (`bench-wasm.mjs`).
    pub fn run_mix_one(&self, mode: u32, index: usize) -> u32 {
        let policy = self.mix_policy(mode);
        self.mix.get(index).map_or(0, |(_, req)| {
            u32::from(policy.evaluate(req).action == Action::Allow)
        })
    }

    /// How many requests the mix has.
    pub fn mix_len(&self) -> u32 {
        self.mix.len() as u32
    }

    /// How many of the mix's requests are attacks the WAF must block.
    pub fn mix_attacks(&self) -> u32 {
        self.mix
            .iter()
            .filter(|(kind, _)| *kind == mix::Kind::Attack)
            .count() as u32
    }
}

impl Bench {
    /// The policy of a mix `mode`: 0 without the WAF, else with it and
    /// its cache on, as in the Worker.
    fn mix_policy(&self, mode: u32) -> &Policy {
        if mode == 0 {
            &self.without_waf
        } else {
            &self.with_waf
        }
    }
}

/// The shipped rules loaded once more: what [`Bench::new`] costs a fresh
/// isolate, timed again from Node once the code is warm. Returns how many
/// WAF rules loaded.
#[wasm_bindgen]
pub fn load_shipped() -> Result<u32, JsError> {
    let files = [
        (
            "rules/10-ip-acl.toml".to_string(),
            "[ip_acl]\ndefault = \"allow\"\n".to_string(),
        ),
        ("rules/40-waf.toml".to_string(), WAF_RULES.to_string()),
    ];
    let loaded = load(&files).map_err(|e| JsError::new(&format!("{e:?}")))?;
    Ok(loaded.policy.waf.rules.len() as u32)
}

/// One part of the rule load, done the way the loader does it
/// (crates/engine/src/load/waf.rs, waf/pattern.rs), for every shipped
/// rule that has it, so that Node can time where [`load_shipped`]'s time
/// goes: `"toml"` parses the file, `"regex"` does each regex's whole
/// share (one parse into a syntax tree, the prefilter's required bytes
/// from it, the compile from it, the empty-match check), `"regex_tree"`
/// only the parse (a part of `"regex"`), `"phrases"` builds each phrase
/// list's Aho-Corasick DFA; `"regex:ID"` does `"regex"` for rule ID
/// only. Returns how many items it did.
#[wasm_bindgen]
pub fn load_part(part: &str) -> Result<u32, JsError> {
    let doc: toml::Table = toml::from_str(WAF_RULES).map_err(|e| JsError::new(&e.to_string()))?;
    if part == "toml" {
        return Ok(1);
    }
    let rules = doc
        .get("waf")
        .and_then(|w| w.get("rule"))
        .and_then(|r| r.as_array())
        .ok_or_else(|| JsError::new("no [[waf.rule]]"))?;
    let (part, only) = match part.split_once(':') {
        Some((p, id)) => (p, Some(id)),
        None => (part, None),
    };
    let mut done = 0;
    for rule in rules {
        if only.is_some_and(|id| rule.get("id").and_then(|v| v.as_str()) != Some(id)) {
            continue;
        }
        let ok = match (part, rule.get("regex"), rule.get("phrases")) {
            ("regex", Some(re), _) => pattern::parse(re.as_str().unwrap_or("")).is_ok_and(|hir| {
                std::hint::black_box(prefilter::for_hir(&hir));
                pattern::compile(&hir).is_ok_and(|re| !re.is_match(b""))
            }),
            ("regex_tree", Some(re), _) => pattern::parse(re.as_str().unwrap_or("")).is_ok(),
            ("phrases", _, Some(list)) => {
                let words: Vec<&str> = list
                    .as_array()
                    .map(|l| l.iter().filter_map(|p| p.as_str()).collect())
                    .unwrap_or_default();
                aho_corasick::AhoCorasickBuilder::new()
                    .kind(Some(aho_corasick::AhoCorasickKind::DFA))
                    .ascii_case_insensitive(true)
                    .match_kind(aho_corasick::MatchKind::LeftmostFirst)
                    .build(&words)
                    .is_ok()
            }
            _ => continue,
        };
        if !ok {
            return Err(JsError::new(&format!("{part} failed for {rule:?}")));
        }
        done += 1;
    }
    Ok(done)
}
