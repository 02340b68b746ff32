//! The verdict on a request, and everything the client and the operator see
//! of it.
//!
//! The client sees one fixed body shape, `{"error","message","request_id"}`:
//! the 403 when a rule blocks, the 401 when an auth rule finds no valid
//! token, the 429 when a rate limit says so, the 503 when edgewall itself
//! cannot work (fail closed). Each is byte-for-byte the same whatever the
//! reason, except the request id, and carries the same headers: nothing
//! tells an attacker which rule fired, what matched, or which check of a
//! token failed.
//!
//! The operator sees the reason in one structured JSON log line per decision
//! that is not a plain allow, keyed by the same request id.

use std::net::IpAddr;

use serde::Serialize;

use crate::cors::CorsHeaders;
use crate::geo::Location;
use crate::rate_limit::{LimitAction, LimitCheck};

/// What happens to the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    /// Forward to the origin untouched.
    Allow,
    /// Answer with the 403 body; the origin never sees the request.
    Block,
    /// Answer a CORS preflight with 204 and the CORS headers; the origin
    /// never sees it.
    Preflight,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Allow => "allow",
            Action::Block => "block",
            Action::Preflight => "preflight",
        }
    }
}

/// Which stage of the policy decided: a closed set, for logs and tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// No usable client address, and `[client_ip] on_missing = "block"`.
    ClientIp,
    /// An `[[ip_acl.rule]]`, or the ACL default.
    IpAcl,
    /// A `[[geo.rule]]`, or the geo default.
    Geo,
    /// A `[[cors.policy]]`: a preflight, or a refused origin.
    Cors,
    /// An `[[auth.rule]]`: no valid token (401), or a token without the
    /// roles, permissions or ownership the rule asks for (403).
    Auth,
    /// A `[[rate_limit.rule]]`'s counter was over its limit.
    RateLimit,
    /// `[[waf.rule]]` matches reached the anomaly threshold, or the body
    /// was over the inspection limit.
    Waf,
    /// Nothing objected.
    Pass,
}

/// The engine's verdict on one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub action: Action,
    /// The status edgewall answers with; for `Allow`, 200 stands for "the
    /// origin answers" (its own status reaches the client).
    pub status: u16,
    pub stage: Stage,
    /// The rule that decided: a rule id, or `ip_acl.default` /
    /// `client_ip.on_missing` when a default decided. `None` for a pass.
    pub rule: Option<String>,
    /// Log-only explanation. Never sent to the client.
    pub reason: String,
    /// The resolved client address, when there is one.
    pub client_ip: Option<IpAddr>,
    /// Where the request comes from, as resolved for geo rules.
    pub location: Location,
    /// CORS headers for whatever answers: edgewall's 403 or 204, or the
    /// origin (the Worker adds them to its response).
    pub cors: CorsHeaders,
    /// The counts the Worker must make before it forwards the request
    /// (see [`crate::rate_limit`]); empty when an earlier stage decided.
    pub rate_limits: Vec<LimitCheck>,
    /// `WWW-Authenticate` for a 401.
    pub challenge: Option<String>,
    /// `Retry-After` seconds for a 429.
    pub retry_after: Option<u32>,
    /// The provider whose key set lacked the token's `kid`: the Worker may
    /// fetch the set again (keys rotate) and evaluate once more.
    pub refresh_keys: Option<String>,
}

impl Decision {
    /// Headers edgewall sets on its own response for this decision (for a
    /// block: the fixed error headers). The Worker sends exactly these, and
    /// `edgewall eval` prints exactly these.
    ///
    /// For an allowed request these are the headers the Worker adds to the
    /// origin's response; there, `vary` is merged with the origin's own.
    pub fn response_headers(&self) -> Vec<(&'static str, String)> {
        let mut h = match self.action {
            Action::Block => error_headers(),
            Action::Allow | Action::Preflight => Vec::new(),
        };
        if let Some(c) = &self.challenge {
            h.push(("www-authenticate", c.clone()));
        }
        if let Some(s) = self.retry_after {
            h.push(("retry-after", s.to_string()));
        }
        h.extend(self.cors.headers.iter().cloned());
        if !self.cors.vary.is_empty() {
            h.push(("vary", self.cors.vary.join(", ")));
        }
        h
    }

    /// Is this a decision the operator should see in the log? Blocks, and
    /// anything that carries a reason (an allow that a rule let through, a
    /// refused origin served without CORS).
    pub fn is_logged(&self) -> bool {
        self.action == Action::Block || !self.reason.is_empty()
    }

    /// The error body a block answers with.
    pub fn error_kind(&self) -> ErrorKind {
        match self.status {
            401 => ErrorKind::Unauthorized,
            429 => ErrorKind::TooManyRequests,
            503 => ErrorKind::Unavailable,
            _ => ErrorKind::Forbidden,
        }
    }

    /// This decision after `check`'s counter said the request is over the
    /// limit. Rate limits come before the WAF, so a block by the limit
    /// replaces a WAF block; a log-only limit only adds to the reason.
    /// Earlier stages never get here: they list no checks.
    pub fn rate_limited(mut self, check: &LimitCheck) -> Decision {
        let reason = format!(
            "rate_limit rule `{}` over {} per {} s for `{}` ({} counter)",
            check.rule,
            check.limit,
            check.period,
            check.key,
            check.counter.as_str()
        );
        match check.action {
            LimitAction::LogOnly => {
                if !self.reason.is_empty() {
                    self.reason.push_str("; ");
                }
                self.reason.push_str(&reason);
                self.reason.push_str(" (log only)");
                self
            }
            LimitAction::Block => {
                // Keep the CORS headers a 403 may carry, drop the rest.
                let mut cors = std::mem::take(&mut self.cors);
                cors.headers.retain(|(name, _)| {
                    matches!(
                        *name,
                        "access-control-allow-origin"
                            | "access-control-allow-credentials"
                            | "access-control-expose-headers"
                    )
                });
                Decision {
                    action: Action::Block,
                    status: check.status,
                    stage: Stage::RateLimit,
                    rule: Some(check.rule.clone()),
                    reason,
                    client_ip: self.client_ip,
                    location: self.location,
                    cors,
                    rate_limits: Vec::new(),
                    challenge: None,
                    retry_after: (check.status == 429).then_some(check.period),
                    refresh_keys: None,
                }
            }
        }
    }
}

/// The message of the 403 body.
pub const FORBIDDEN_MESSAGE: &str = "You don't have permission to access this resource.";
/// The message of the 401 body.
pub const UNAUTHORIZED_MESSAGE: &str = "A valid access token is required to access this resource.";
/// The message of the 429 body.
pub const TOO_MANY_REQUESTS_MESSAGE: &str = "Too many requests. Please try again later.";
/// The message of the 503 body.
pub const UNAVAILABLE_MESSAGE: &str =
    "The service is temporarily unavailable. Please try again later.";

/// The error bodies edgewall can send.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// 401: an auth rule found no valid token.
    Unauthorized,
    /// 403: a rule refused the request.
    Forbidden,
    /// 429: a rate limit that answers 429 was over.
    TooManyRequests,
    /// 502: the origin could not be reached.
    BadGateway,
    /// 503: edgewall itself cannot work (fail closed).
    Unavailable,
}

impl ErrorKind {
    pub fn status(self) -> u16 {
        match self {
            ErrorKind::Unauthorized => 401,
            ErrorKind::Forbidden => 403,
            ErrorKind::TooManyRequests => 429,
            ErrorKind::BadGateway => 502,
            ErrorKind::Unavailable => 503,
        }
    }
}

/// The one body shape for everything edgewall refuses:
/// `{"error":"Forbidden","message":"…","request_id":"…"}`.
pub fn error_body(kind: ErrorKind, request_id: &str) -> String {
    #[derive(Serialize)]
    struct Body<'a> {
        error: &'a str,
        message: &'a str,
        request_id: &'a str,
    }
    let (error, message) = match kind {
        ErrorKind::Unauthorized => ("Unauthorized", UNAUTHORIZED_MESSAGE),
        ErrorKind::Forbidden => ("Forbidden", FORBIDDEN_MESSAGE),
        ErrorKind::TooManyRequests => ("Too Many Requests", TOO_MANY_REQUESTS_MESSAGE),
        ErrorKind::BadGateway => ("Bad Gateway", UNAVAILABLE_MESSAGE),
        ErrorKind::Unavailable => ("Service Unavailable", UNAVAILABLE_MESSAGE),
    };
    // Serializing three &str fields cannot fail; the fallback keeps the
    // no-panic rule without an unwrap.
    serde_json::to_string(&Body {
        error,
        message,
        request_id,
    })
    .unwrap_or_else(|_| {
        format!("{{\"error\":\"{error}\",\"message\":\"{message}\",\"request_id\":\"\"}}")
    })
}

/// Headers on every error response edgewall sends.
pub fn error_headers() -> Vec<(&'static str, String)> {
    vec![
        ("content-type", "application/json".into()),
        ("cache-control", "no-store".into()),
        ("x-content-type-options", "nosniff".into()),
    ]
}

/// The request id: the `cf-ray` id when it looks like one (Cloudflare sets
/// it; locally a client could send anything, so anything else is ignored),
/// else 32 hex digits from the caller's random bytes.
pub fn request_id(cf_ray: Option<&str>, random: [u8; 16]) -> String {
    if let Some(ray) = cf_ray {
        let (id, colo) = ray.split_once('-').unwrap_or((ray, ""));
        let id_ok = (16..=32).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_hexdigit());
        let colo_ok = colo.len() <= 4 && colo.bytes().all(|b| b.is_ascii_uppercase());
        if id_ok && colo_ok {
            return ray.to_string();
        }
    }
    random.iter().map(|b| format!("{b:02x}")).collect()
}

/// The structured log line for a decision: one JSON object.
pub fn log_line(decision: &Decision, request_id: &str, method: &str, path: &str) -> String {
    #[derive(Serialize)]
    struct Line<'a> {
        edgewall: &'static str,
        request_id: &'a str,
        action: Action,
        status: u16,
        stage: Stage,
        rule: Option<&'a str>,
        reason: &'a str,
        ip: Option<String>,
        country: Option<&'static str>,
        method: &'a str,
        path: &'a str,
    }
    serde_json::to_string(&Line {
        edgewall: "decision",
        request_id,
        action: decision.action,
        status: decision.status,
        stage: decision.stage,
        rule: decision.rule.as_deref(),
        reason: &decision.reason,
        ip: decision.client_ip.map(|i| i.to_string()),
        country: decision.location.country.map(|c| c.as_str()),
        method: clip(method, 32),
        path: clip(path, 1024),
    })
    .unwrap_or_default()
}

/// At most `max` bytes, cut on a character boundary: a client must not be
/// able to flood the log with one request.
fn clip(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forbidden_body_has_the_documented_shape() {
        assert_eq!(
            error_body(ErrorKind::Forbidden, "abc"),
            r#"{"error":"Forbidden","message":"You don't have permission to access this resource.","request_id":"abc"}"#
        );
    }

    #[test]
    fn cf_ray_is_used_only_when_it_looks_like_one() {
        let r = [0xab; 16];
        assert_eq!(
            request_id(Some("8f1c2b3a4d5e6f70-FRA"), r),
            "8f1c2b3a4d5e6f70-FRA"
        );
        assert_eq!(request_id(Some("8f1c2b3a4d5e6f70"), r), "8f1c2b3a4d5e6f70");
        for forged in [
            "\"}<script>",
            "x",
            "8f1c2b3a4d5e6f70-fra",
            "8f1c2b3a4d5e6f70-FRA\n",
        ] {
            assert_eq!(request_id(Some(forged), r), "ab".repeat(16), "{forged:?}");
        }
        assert_eq!(request_id(None, [0; 16]), "0".repeat(32));
    }

    #[test]
    fn log_line_clips_long_paths() {
        let d = Decision {
            action: Action::Block,
            status: 403,
            stage: Stage::IpAcl,
            rule: Some("r".into()),
            reason: "x".into(),
            client_ip: None,
            location: Location::UNKNOWN,
            cors: CorsHeaders::default(),
            rate_limits: Vec::new(),
            challenge: None,
            retry_after: None,
            refresh_keys: None,
        };
        let long = "é".repeat(2000);
        let line = log_line(&d, "id", "GET", &long);
        let v: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert!(v["path"].as_str().unwrap().len() <= 1024);
        assert_eq!(v["rule"], "r");
    }
}
