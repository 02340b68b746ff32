//! The engine's per-request cost in wasm, as the Worker runs it: the
//! requests of the native WAF bench (`crates/engine/benches/support`),
//! evaluated by the same engine built for `wasm32-unknown-unknown` with the
//! shipped rules compiled in, once with the WAF and once without (the
//! in-run baseline). `scripts/bench-wasm.sh` builds this and times it from
//! Node; the timing is done there, with the loop here, so that crossing
//! from JavaScript into wasm is not what gets measured.

use edgewall_engine::{load, Action, Policy, Request};
use wasm_bindgen::prelude::*;

#[path = "../../engine/benches/support/samples.rs"]
mod samples;

const WAF_RULES: &str = include_str!("../../../rules/40-waf.toml");

/// The policies and requests, built once.
#[wasm_bindgen]
pub struct Bench {
    with_waf: Policy,
    without_waf: Policy,
    requests: Vec<(&'static str, Request)>,
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
        let without_waf = load(&[acl])
            .map_err(|e| JsError::new(&format!("{e:?}")))?
            .policy;
        Ok(Bench {
            with_waf,
            without_waf,
            requests: samples::requests(),
        })
    }

    /// The requests' names, in order.
    pub fn names(&self) -> Vec<String> {
        self.requests.iter().map(|(n, _)| n.to_string()).collect()
    }

    /// Evaluate request `index` `iterations` times, with or without the
    /// WAF; returns how many were allowed (all of them, or the bench is
    /// wrong), which also keeps the work from being optimised away.
    pub fn run(&self, index: usize, with_waf: bool, iterations: u32) -> u32 {
        let Some((_, req)) = self.requests.get(index) else {
            return 0;
        };
        let policy = if with_waf {
            &self.with_waf
        } else {
            &self.without_waf
        };
        (0..iterations)
            .filter(|_| policy.evaluate(req).action == Action::Allow)
            .count() as u32
    }
}
