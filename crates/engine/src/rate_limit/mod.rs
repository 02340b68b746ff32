//! Rate limits: which `[[rate_limit.rule]]` limits a request counts
//! against, and under which key.
//!
//! Counting is I/O and is not done here: the engine returns one
//! [`LimitCheck`] per rule that covers the request (every covering rule
//! applies, not only the first), with the key to count, and the Worker asks
//! the platform's counter named by the rule:
//!
//! - [`Counter::Location`]: a Workers Rate Limiting binding, counted per
//!   Cloudflare location (a client reaching several locations gets the
//!   limit at each), periods of 10 or 60 s, approximate;
//! - [`Counter::Global`]: a Durable Object per key, one exact count
//!   worldwide, any period, at the cost of a round trip to the object.
//!
//! An answer over the limit becomes the 403 (or 429) via
//! [`crate::Decision::rate_limited`]. `edgewall eval` reports the keys.

use std::net::IpAddr;

use sha2::{Digest, Sha256};

use crate::auth::claims::{ClaimPath, Claims};
use crate::path::PathPattern;
use crate::request::Request;
use crate::trace::Trace;

#[cfg(test)]
mod tests;

/// What a limit is counted per.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeySource {
    /// The client address; IPv6 addresses by their network of
    /// `ipv6_prefix` bits, since one client usually holds a whole /64.
    Ip,
    /// A request header's value (lower-case name).
    Header(String),
    /// A claim of the token an `[[auth.rule]]` verified.
    Claim(ClaimPath),
    /// The normalised path: each path has its own count, shared by all
    /// clients.
    Path,
    /// One count for everything the rule covers.
    Scope,
}

impl KeySource {
    /// The forms `key` may take in a rule file.
    pub const FORMS: &'static [&'static str] =
        &["ip", "header:NAME", "claim:PATH", "path", "scope"];
}

/// Which platform counter counts a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Counter {
    /// A Workers Rate Limiting binding (`[[ratelimits]]`): per location.
    Location,
    /// The `RateLimitCounter` Durable Object: exact and global.
    Global,
}

impl Counter {
    pub const NAMES: &'static [&'static str] = &["location", "global"];

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "location" => Some(Counter::Location),
            "global" => Some(Counter::Global),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Counter::Location => "location",
            Counter::Global => "global",
        }
    }
}

/// What happens to a request over the limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LimitAction {
    /// Refused with the error body (403, or 429 if the rule says so).
    Block,
    /// Let through; the log line says it was over.
    LogOnly,
}

impl LimitAction {
    pub const NAMES: &'static [&'static str] = &["block", "log_only"];

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "block" => Some(LimitAction::Block),
            "log_only" => Some(LimitAction::LogOnly),
            _ => None,
        }
    }
}

/// The periods the Workers Rate Limiting binding supports, in seconds.
pub const LOCATION_PERIODS: &[u32] = &[10, 60];
/// The Durable Object counter's longest period: one day.
pub const MAX_GLOBAL_PERIOD: u32 = 86_400;
/// The binding name of the Durable Object counter when a rule names none.
pub const DEFAULT_GLOBAL_BINDING: &str = "EDGEWALL_COUNTER";
/// Values longer than this are counted by their SHA-256, so a client
/// cannot make keys of any size.
const MAX_KEY_VALUE: usize = 128;

/// One `[[rate_limit.rule]]`, validated.
#[derive(Debug, Clone)]
pub struct RateLimitRule {
    pub id: String,
    pub paths: Vec<PathPattern>,
    /// Methods the rule covers (as sent, case-sensitive); empty: every method.
    pub methods: Vec<String>,
    pub key: KeySource,
    pub limit: u32,
    /// Seconds.
    pub period: u32,
    pub counter: Counter,
    /// The binding the Worker counts with.
    pub binding: String,
    pub action: LimitAction,
    /// 403 or 429.
    pub status: u16,
    /// IPv6 addresses are counted by their network of this many bits.
    pub ipv6_prefix: u8,
    /// `file:line`, for `explain`.
    pub location: String,
}

impl RateLimitRule {
    fn covers(&self, method: &str, path: &str) -> bool {
        (self.paths.is_empty() || self.paths.iter().any(|p| p.matches(path)))
            && (self.methods.is_empty() || self.methods.iter().any(|m| m == method))
    }
}

/// Every rate-limit rule, in file order.
#[derive(Debug, Clone, Default)]
pub struct RateLimits {
    pub rules: Vec<RateLimitRule>,
}

/// One count the Worker must make for a request.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct LimitCheck {
    /// The rule's id.
    pub rule: String,
    /// What is counted: the rule id, then the key's source and value,
    /// e.g. `login|ip:198.51.100.7`. Rules sharing a binding never share
    /// a count.
    pub key: String,
    pub counter: Counter,
    pub binding: String,
    pub limit: u32,
    pub period: u32,
    #[serde(skip)]
    pub action: LimitAction,
    #[serde(skip)]
    pub status: u16,
    /// The key's source was missing (no such header, no verified token or
    /// claim), so the client address is counted instead: nobody escapes
    /// a limit by leaving a header out.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub fallback: bool,
}

impl RateLimits {
    pub fn is_active(&self) -> bool {
        !self.rules.is_empty()
    }

    /// The counts this request makes, in rule order.
    pub fn checks(
        &self,
        req: &Request,
        path: &str,
        client_ip: Option<IpAddr>,
        claims: Option<&Claims>,
        trace: &mut Trace,
    ) -> Vec<LimitCheck> {
        let mut out = Vec::new();
        for r in &self.rules {
            if !r.covers(&req.method, path) {
                continue;
            }
            let value = match &r.key {
                KeySource::Ip => None,
                KeySource::Header(name) => req
                    .header(name)
                    .map(|v| format!("header:{name}:{}", clip(v))),
                KeySource::Claim(p) => claims
                    .and_then(|c| p.scalar(c))
                    .map(|v| format!("claim:{}:{}", p.text, clip(&v))),
                KeySource::Path => Some(format!("path:{}", clip(path))),
                KeySource::Scope => Some("scope".to_string()),
            };
            let fallback = value.is_none() && r.key != KeySource::Ip;
            let value = value.unwrap_or_else(|| ip_key(client_ip, r.ipv6_prefix));
            let check = LimitCheck {
                rule: r.id.clone(),
                key: format!("{}|{value}", r.id),
                counter: r.counter,
                binding: r.binding.clone(),
                limit: r.limit,
                period: r.period,
                action: r.action,
                status: r.status,
                fallback,
            };
            trace.note(|| {
                format!(
                    "rate_limit rule `{}` ({}) counts `{}`: {} per {} s, {} counter `{}`{}",
                    r.id,
                    r.location,
                    check.key,
                    r.limit,
                    r.period,
                    r.counter.as_str(),
                    r.binding,
                    if fallback {
                        " (key source missing: counted by client address)"
                    } else {
                        ""
                    }
                )
            });
            out.push(check);
        }
        out
    }
}

/// `ip:ADDRESS`, IPv6 cut to its network; `ip:none` without an address.
fn ip_key(ip: Option<IpAddr>, v6_prefix: u8) -> String {
    match ip {
        Some(IpAddr::V4(a)) => format!("ip:{a}"),
        Some(IpAddr::V6(a)) => {
            let bits = u128::from(a);
            let mask = match v6_prefix {
                0 => 0,
                p if p >= 128 => u128::MAX,
                p => u128::MAX << (128 - u32::from(p)),
            };
            let net = std::net::Ipv6Addr::from(bits & mask);
            format!("ip:{net}/{v6_prefix}")
        }
        None => "ip:none".to_string(),
    }
}

/// A value as it is when short, else `sha256:HEX`.
fn clip(v: &str) -> String {
    if v.len() <= MAX_KEY_VALUE {
        return v.to_string();
    }
    let digest = Sha256::digest(v.as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}
