//! `edgewall profile`: what each WAF rule costs on a sample of requests.
//!
//! Every request is evaluated as `eval` evaluates it, in order, `rounds`
//! times; each round starts from the loaded rules with an empty cache of
//! values that passed, as a fresh Worker isolate does. The engine tells a
//! [`RuleClock`] about every run of a rule's operator (its regex, phrases
//! or detector on one field value), which times it. What is left of the
//! evaluation time is everything else: taking the request apart, the
//! transformations, the caches, and the stages before the WAF.
//!
//! Times are native and include the clock's own cost (two readings per
//! operator run, about 50 ns on the benchmark machine): they rank rules
//! and show where a request's time goes; `scripts/bench.sh` measures the
//! Worker itself.

use std::time::{Duration, Instant};

use edgewall_engine::auth::Credentials;
use edgewall_engine::waf::meter::Meter;
use edgewall_engine::waf::rules::Operator;
use edgewall_engine::{Action, Policy, Request};
use serde_json::{json, Value};

/// What one rule's operator cost, summed over every run.
#[derive(Debug, Clone, Copy, Default)]
struct RuleCost {
    runs: u64,
    bytes: u64,
    time: Duration,
}

/// Times every operator run, per rule.
struct RuleClock {
    rules: Vec<RuleCost>,
}

impl Meter for RuleClock {
    fn operator<R>(&mut self, rule: usize, len: usize, run: impl FnOnce() -> R) -> R {
        let start = Instant::now();
        let out = run();
        let time = start.elapsed();
        if let Some(cost) = self.rules.get_mut(rule) {
            cost.runs += 1;
            cost.bytes += len as u64;
            cost.time += time;
        }
        out
    }
}

/// One rule's line of the report, per request evaluated.
#[derive(Debug)]
pub struct RuleLine {
    pub id: String,
    pub runs: f64,
    pub bytes_per_run: f64,
    pub us: f64,
}

/// The figures of one profile.
#[derive(Debug)]
pub struct Report {
    pub requests: usize,
    pub rounds: u32,
    pub blocked: usize,
    /// Evaluation time per request, µs.
    pub total_us: f64,
    /// The rules that ran, costliest first.
    pub rules: Vec<RuleLine>,
    /// The ids of the rules that never ran on these requests (anomaly
    /// rules, which have no operator, are in no list).
    pub idle: Vec<String>,
    /// The ids of the rules above the paranoia level, which are off.
    pub off: Vec<String>,
}

impl Report {
    /// Every rule's operator, µs per request.
    pub fn operators_us(&self) -> f64 {
        // Not `sum()`: an empty f64 sum is -0.0, printed "-0.00".
        self.rules.iter().fold(0.0, |total, r| total + r.us)
    }

    pub fn to_json(&self) -> Value {
        json!({
            "requests": self.requests,
            "rounds": self.rounds,
            "blocked": self.blocked,
            "us_per_request": round(self.total_us),
            "operators_us_per_request": round(self.operators_us()),
            "rest_us_per_request": round(self.total_us - self.operators_us()),
            "rules": self.rules.iter().map(|r| json!({
                "id": r.id,
                "runs_per_request": round(r.runs),
                "bytes_per_run": round(r.bytes_per_run),
                "us_per_request": round(r.us),
            })).collect::<Vec<_>>(),
            "never_ran": self.idle,
            "above_paranoia_level": self.off,
        })
    }

    pub fn to_text(&self) -> String {
        let share = |us: f64| {
            if self.total_us > 0.0 {
                100.0 * us / self.total_us
            } else {
                0.0
            }
        };
        let mut out = format!(
            "edgewall profile: {} requests ({} blocked), {} round{}; evaluation {:.2} µs per request, natively\n",
            self.requests,
            self.blocked,
            self.rounds,
            if self.rounds == 1 { "" } else { "s" },
            self.total_us
        );
        out.push_str("  µs/req   share  runs/req  bytes/run  rule\n");
        for r in &self.rules {
            out.push_str(&format!(
                "{:>8.2} {:>6.1}% {:>9.2} {:>10.0}  {}\n",
                r.us,
                share(r.us),
                r.runs,
                r.bytes_per_run,
                r.id
            ));
        }
        let ops = self.operators_us();
        out.push_str(&format!(
            "{:>8.2} {:>6.1}%                       every rule's operator\n",
            ops,
            share(ops)
        ));
        let rest = self.total_us - ops;
        out.push_str(&format!(
            "{:>8.2} {:>6.1}%                       the rest: taking requests apart, transformations, caches, other stages\n",
            rest,
            share(rest)
        ));
        if !self.idle.is_empty() {
            out.push_str(&format!(
                "never ran on these requests ({}): {}\n",
                self.idle.len(),
                self.idle.join(", ")
            ));
        }
        if !self.off.is_empty() {
            out.push_str(&format!(
                "off, above the paranoia level ({}): {}\n",
                self.off.len(),
                self.off.join(", ")
            ));
        }
        out
    }
}

fn round(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Evaluate `requests` `rounds` times (at least once) under `policy` and
/// `creds`, timing each rule.
pub fn profile(policy: &Policy, creds: &Credentials, requests: &[Request], rounds: u32) -> Report {
    let rounds = rounds.max(1);
    let mut clock = RuleClock {
        rules: vec![RuleCost::default(); policy.waf.rules.len()],
    };
    let mut total = Duration::ZERO;
    let mut blocked = 0;
    for round in 0..rounds {
        // A clone's cache of values that passed starts empty.
        let fresh = policy.clone();
        for req in requests {
            let start = Instant::now();
            let decision = fresh.evaluate_metered(req, creds, &mut clock);
            total += start.elapsed();
            if round == 0 && decision.action == Action::Block {
                blocked += 1;
            }
        }
    }
    let evaluated = (requests.len() as f64 * f64::from(rounds)).max(1.0);
    let mut rules = Vec::new();
    let mut idle = Vec::new();
    let mut off = Vec::new();
    for (rule, cost) in policy.waf.rules.iter().zip(&clock.rules) {
        // Anomaly rules have no operator to run: the request's anomalies
        // are found while it is taken apart (the rest).
        if matches!(rule.operator, Operator::Anomaly(_)) {
            continue;
        }
        if rule.paranoia > policy.waf.paranoia_level {
            off.push(rule.id.clone());
            continue;
        }
        if cost.runs == 0 {
            idle.push(rule.id.clone());
            continue;
        }
        rules.push(RuleLine {
            id: rule.id.clone(),
            runs: cost.runs as f64 / evaluated,
            bytes_per_run: cost.bytes as f64 / cost.runs as f64,
            us: cost.time.as_secs_f64() * 1e6 / evaluated,
        });
    }
    rules.sort_by(|a, b| b.us.total_cmp(&a.us));
    Report {
        requests: requests.len(),
        rounds,
        blocked,
        total_us: total.as_secs_f64() * 1e6 / evaluated,
        rules,
        idle,
        off,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use edgewall_engine::load;

    fn policy(waf: &str) -> Policy {
        load(&[("rules/40-waf.toml".to_string(), waf.to_string())])
            .map(|l| l.policy)
            .unwrap_or_else(|e| panic!("{e:?}"))
    }

    fn get(url: &str) -> Request {
        Request {
            method: "GET".into(),
            url: url.into(),
            headers: vec![("cf-connecting-ip".into(), "192.0.2.1".into())],
            connecting_ip: Some("192.0.2.1".into()),
            country: None,
            continent: None,
            asn: None,
            body: None,
        }
    }

    const TWO_RULES: &str = r#"
[[waf.rule]]
id = "evil-word"
severity = "critical"
targets = ["args"]
regex = 'evil'

[[waf.rule]]
id = "paranoid"
severity = "critical"
paranoia = 2
targets = ["args"]
regex = 'live'

[[waf.rule]]
id = "nul-byte"
severity = "critical"
anomaly = "nul_byte"

[[waf.rule]]
id = "header-only"
severity = "critical"
targets = ["header:x-never-sent"]
regex = 'x'
"#;

    #[test]
    fn counts_each_rule_run_per_request_and_lists_rules_that_never_ran() {
        // Values holding every byte of `evil`, so that no byte prefilter
        // skips the regex, and none matching it.
        let reqs = [get("/a?q=live&r=veil"), get("/b?q=vile")];
        let report = profile(&policy(TWO_RULES), &Credentials::default(), &reqs, 3);
        assert_eq!((report.requests, report.rounds, report.blocked), (2, 3, 0));
        assert_eq!(report.idle, vec!["header-only".to_string()]);
        assert_eq!(report.off, vec!["paranoid".to_string()]);
        let [line] = report.rules.as_slice() else {
            panic!("{:?}", report.rules)
        };
        assert_eq!(line.id, "evil-word");
        // Three argument values over two requests: 1.5 runs per request,
        // of 4 bytes each.
        assert!((line.runs - 1.5).abs() < 1e-9, "{}", line.runs);
        assert!((line.bytes_per_run - 4.0).abs() < 1e-9);
        assert!(line.us > 0.0 && line.us <= report.total_us);
    }

    #[test]
    fn blocked_requests_are_counted_once_whatever_the_rounds() {
        let reqs = [get("/a?q=evil"), get("/b?q=live")];
        let report = profile(&policy(TWO_RULES), &Credentials::default(), &reqs, 4);
        assert_eq!(report.blocked, 1);
    }

    #[test]
    fn every_round_starts_with_an_empty_cache_of_clean_values() {
        // The same value in every request: with the cache kept across
        // rounds, only the first request of the first round would run it.
        let reqs = [get("/a?q=live"), get("/b?q=live")];
        let report = profile(&policy(TWO_RULES), &Credentials::default(), &reqs, 5);
        let runs = report.rules.first().map(|l| l.runs);
        assert_eq!(runs, Some(0.5), "one run per round of two requests");
    }

    #[test]
    fn no_rule_run_reads_as_zero() {
        let report = profile(&policy(TWO_RULES), &Credentials::default(), &[get("/")], 1);
        assert!(report.rules.is_empty());
        assert!(report.operators_us().is_sign_positive());
        assert!(!report.to_text().contains("-0.0"), "{}", report.to_text());
    }

    #[test]
    fn the_report_adds_up() {
        let reqs = [get("/a?q=live&r=veil")];
        let report = profile(&policy(TWO_RULES), &Credentials::default(), &reqs, 2);
        let v = report.to_json();
        let total = v["us_per_request"].as_f64().unwrap_or(-1.0);
        let parts = v["operators_us_per_request"].as_f64().unwrap_or(-1.0)
            + v["rest_us_per_request"].as_f64().unwrap_or(-1.0);
        assert!((total - parts).abs() < 0.02, "{v}");
        assert_eq!(v["never_ran"], json!(["header-only"]));
        let text = report.to_text();
        assert!(text.contains("evil-word"), "{text}");
        assert!(
            text.contains("never ran on these requests (1): header-only"),
            "{text}"
        );
    }
}
