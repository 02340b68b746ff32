//! The compiled policy and the one documented order in which it looks at a
//! request:
//!
//! 1. **client address**: `CF-Connecting-IP` (trusted proxies aside); a
//!    request without a usable one is blocked or let through per
//!    `[client_ip] on_missing`;
//! 2. **IP ACL**: `[[ip_acl.rule]]` in order, first match wins, then
//!    `[ip_acl] default`;
//! 3. **geo**: the request's location (the platform's, else the `[geo]
//!    database`'s), then `[[geo.rule]]` in order, first match wins, then
//!    `[geo] default`; see [`crate::geo::rules`];
//! 4. **CORS**: the first `[[cors.policy]]` covering the path answers
//!    preflights (204 or 403) and refuses other origins' requests (403, or
//!    served without CORS headers); see [`crate::cors`];
//! 5. **auth**: the first `[[auth.rule]]` covering the request: no valid
//!    token is a 401, a token without the roles, permissions or
//!    ownership the rule asks for a 403; see [`crate::auth`];
//! 6. **rate limits**: every `[[rate_limit.rule]]` covering the request
//!    names a count to make; the Worker makes them (the engine does no
//!    I/O) and an answer over the limit replaces whatever the WAF said;
//!    see [`crate::rate_limit`] and [`Decision::rate_limited`];
//! 7. **WAF**: `[[waf.rule]]` pattern rules over the request's fields,
//!    scored; a score at the threshold blocks; see [`crate::waf`].
//!
//! A 403 from any stage carries the CORS headers when the request comes
//! from an origin the covering policy allows.
//!
//! Evaluation cannot fail: everything fallible happened when the rules
//! loaded.

use crate::acl::{AclAction, AclOutcome, IpAcl};
use crate::auth::jwt::TokenFailure;
use crate::auth::{Auth, AuthOutcome, Credentials};
use crate::client_ip::{ClientIpPolicy, IpSource};
use crate::cors::{Cors, CorsHeaders, CorsVerdict};
use crate::decision::{Action, Decision, Stage};
use crate::geo::{GeoAction, GeoOutcome, GeoRules, Location};
use crate::path::target_path;
use crate::rate_limit::RateLimits;
use crate::request::Request;
use crate::trace::Trace;
use crate::waf::meter::Meter;
use crate::waf::rules::Waf;

/// What to do with a request that has no usable client address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnMissingIp {
    Block,
    Allow,
}

impl OnMissingIp {
    pub const NAMES: &'static [&'static str] = &["block", "allow"];

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "block" => Some(OnMissingIp::Block),
            "allow" => Some(OnMissingIp::Allow),
            _ => None,
        }
    }
}

/// A loaded, validated rule set, ready to evaluate requests.
#[derive(Debug, Clone)]
pub struct Policy {
    pub client_ip: ClientIpPolicy,
    pub on_missing_ip: OnMissingIp,
    pub ip_acl: IpAcl,
    pub geo: GeoRules,
    pub cors: Cors,
    pub auth: Auth,
    pub rate_limit: RateLimits,
    pub waf: Waf,
}

impl Default for Policy {
    /// No rules: every request with a client address passes.
    fn default() -> Self {
        Policy {
            client_ip: ClientIpPolicy::default(),
            on_missing_ip: OnMissingIp::Block,
            ip_acl: IpAcl::default(),
            geo: GeoRules::default(),
            cors: Cors::default(),
            auth: Auth::default(),
            rate_limit: RateLimits::default(),
            waf: Waf::default(),
        }
    }
}

impl Policy {
    /// The verdict on one request, without credentials: a token can only
    /// be checked by [`Policy::evaluate_with`].
    pub fn evaluate(&self, req: &Request) -> Decision {
        self.evaluate_traced(req, &Credentials::default(), &mut Trace::off(), &mut ())
    }

    /// The verdict on one request, with the keys tokens are verified with
    /// and the time.
    pub fn evaluate_with(&self, req: &Request, creds: &Credentials) -> Decision {
        self.evaluate_traced(req, creds, &mut Trace::off(), &mut ())
    }

    /// [`Policy::evaluate_with`], with `meter` told about every WAF rule
    /// run (for `edgewall profile`).
    pub fn evaluate_metered(
        &self,
        req: &Request,
        creds: &Credentials,
        meter: &mut impl Meter,
    ) -> Decision {
        self.evaluate_traced(req, creds, &mut Trace::off(), meter)
    }

    /// The verdict, with every step recorded (for `edgewall explain`).
    pub fn explain(&self, req: &Request, creds: &Credentials) -> (Decision, Vec<String>) {
        let mut trace = Trace::on();
        let d = self.evaluate_traced(req, creds, &mut trace, &mut ());
        (d, trace.into_lines())
    }

    /// The auth provider whose keys this request needs (the Worker fetches
    /// only those), if an auth rule covering it asks for a token.
    pub fn auth_provider(&self, req: &Request) -> Option<&crate::auth::Provider> {
        if !self.auth.is_active() {
            return None;
        }
        self.auth.provider_for(&req.method, &target_path(&req.url))
    }

    fn evaluate_traced(
        &self,
        req: &Request,
        creds: &Credentials,
        trace: &mut Trace,
        meter: &mut impl Meter,
    ) -> Decision {
        let path = target_path(&req.url);
        trace.note(|| {
            format!(
                "request: {} {} (normalised path {path})",
                req.method, req.url
            )
        });
        let mut d = self.decide(req, &path, creds, trace, meter);
        // A block by an earlier stage still carries the CORS headers for an
        // allowed origin, so page script can read the 403's message.
        if d.action == Action::Block && d.stage != Stage::Cors {
            d.cors = self.cors.evaluate(req, &path, &mut Trace::off()).headers;
            d.cors.headers.retain(|(name, _)| {
                matches!(
                    *name,
                    "access-control-allow-origin"
                        | "access-control-allow-credentials"
                        | "access-control-expose-headers"
                )
            });
        }
        d
    }

    fn decide(
        &self,
        req: &Request,
        path: &str,
        creds: &Credentials,
        trace: &mut Trace,
        meter: &mut impl Meter,
    ) -> Decision {
        // 1. Client address.
        let client = self.client_ip.resolve(req);
        let client_ip = client.map(|(ip, _)| ip);
        match client {
            Some((ip, IpSource::ConnectingIp)) => {
                trace.note(|| format!("client address: {ip} (CF-Connecting-IP)"))
            }
            Some((ip, IpSource::ForwardedHeader)) => trace.note(|| {
                format!(
                    "client address: {ip} (from {}, sent by a trusted proxy)",
                    self.client_ip.forwarded_header
                )
            }),
            None => {
                trace.note(|| {
                    format!(
                        "client address: none usable (CF-Connecting-IP is {})",
                        req.connecting_ip
                            .as_deref()
                            .map(|v| format!("{v:?}"))
                            .unwrap_or_else(|| "absent".into())
                    )
                });
                if self.on_missing_ip == OnMissingIp::Block {
                    trace.note(|| "client_ip.on_missing = \"block\": blocked".into());
                    return block(
                        Stage::ClientIp,
                        "client_ip.on_missing".into(),
                        "no usable client address (CF-Connecting-IP)".into(),
                        None,
                        Location::resolve(req, None, None),
                    );
                }
                trace.note(|| "client_ip.on_missing = \"allow\": going on".into());
            }
        }

        // Where the request comes from: for geo rules and for the log.
        let location = Location::resolve(req, client_ip, self.geo.database.as_deref());

        // 2. IP ACL.
        let outcome = self.ip_acl.evaluate(path, client_ip, trace);
        if outcome.action() == AclAction::Deny {
            let (rule, reason) = match outcome {
                AclOutcome::Rule(r) => (
                    r.id.clone(),
                    format!("ip_acl deny rule `{}` matched {}", r.id, ip_text(client_ip)),
                ),
                AclOutcome::Default(_) => (
                    "ip_acl.default".to_string(),
                    format!("ip_acl default deny for {}", ip_text(client_ip)),
                ),
            };
            return block(Stage::IpAcl, rule, reason, client_ip, location);
        }
        let acl_rule = match outcome {
            AclOutcome::Rule(r) => Some(r.id.clone()),
            AclOutcome::Default(_) => None,
        };

        // 3. Geo.
        let mut allow_rule = acl_rule;
        if self.geo.is_active() {
            trace.note(|| format!("location: {}", location.describe()));
            let outcome = self.geo.evaluate(path, &location, trace);
            if outcome.action() == GeoAction::Deny {
                let (rule, reason) = match outcome {
                    GeoOutcome::Rule(r, what) => (
                        r.id.clone(),
                        format!(
                            "geo deny rule `{}` matched {what} ({})",
                            r.id,
                            location.describe()
                        ),
                    ),
                    GeoOutcome::Default(_) => (
                        "geo.default".to_string(),
                        format!("geo default deny for {}", location.describe()),
                    ),
                };
                return block(Stage::Geo, rule, reason, client_ip, location);
            }
            if let GeoOutcome::Rule(r, _) = outcome {
                allow_rule = Some(r.id.clone());
            }
        }

        // 4. CORS.
        let cors = self.cors.evaluate(req, path, trace);
        let policy_id = cors.policy.map(|p| p.id.clone());
        let decided = |action, status, reason: String, headers| Decision {
            action,
            status,
            stage: Stage::Cors,
            rule: policy_id.clone(),
            reason,
            client_ip,
            location,
            cors: headers,
            rate_limits: Vec::new(),
            challenge: None,
            retry_after: None,
            refresh_keys: None,
        };
        let mut pass_reason = String::new();
        let mut pass_stage = Stage::Pass;
        match cors.verdict {
            CorsVerdict::NotCovered | CorsVerdict::NotCrossOrigin | CorsVerdict::Allowed => {}
            CorsVerdict::PreflightAllowed => {
                return decided(Action::Preflight, 204, String::new(), cors.headers)
            }
            CorsVerdict::PreflightRefused { reason, block } => {
                return if block {
                    decided(Action::Block, 403, reason, cors.headers)
                } else {
                    let reason = format!("{reason}; preflight answered without CORS headers");
                    decided(Action::Preflight, 204, reason, cors.headers)
                };
            }
            CorsVerdict::OriginRefused { reason, block } => {
                if block {
                    return decided(Action::Block, 403, reason, cors.headers);
                }
                pass_reason = format!("{reason}; served without CORS headers");
                pass_stage = Stage::Cors;
            }
        }

        // 5. Auth.
        let mut claims = None;
        if self.auth.is_active() {
            match self.auth.evaluate(req, path, creds, trace) {
                AuthOutcome::NotCovered | AuthOutcome::Public(_) => {}
                AuthOutcome::Granted(_, c) => claims = Some(c),
                AuthOutcome::Unauthorized(rule, provider, failure) => {
                    let reason = format!(
                        "auth rule `{}`: {} (provider `{}`)",
                        rule.id,
                        failure.describe(),
                        provider.id
                    );
                    let mut d = block(Stage::Auth, rule.id.clone(), reason, client_ip, location);
                    if failure == TokenFailure::KeysUnavailable {
                        // Our failure, not the client's: fail closed.
                        d.status = 503;
                    } else {
                        d.status = 401;
                        d.challenge = Some(self.auth.challenge());
                    }
                    if let TokenFailure::UnknownKid(_) = failure {
                        d.refresh_keys = Some(provider.id.clone());
                    }
                    return d;
                }
                AuthOutcome::Forbidden(rule, why) => {
                    let reason = format!("auth rule `{}`: {why}", rule.id);
                    return block(Stage::Auth, rule.id.clone(), reason, client_ip, location);
                }
            }
        }

        // 6. Rate limits: the counts to make. Counting is the Worker's; an
        // answer over a limit replaces the WAF's verdict below.
        let rate_limits = if self.rate_limit.is_active() {
            self.rate_limit
                .checks(req, path, client_ip, claims.as_ref(), trace)
        } else {
            Vec::new()
        };

        // 7. WAF.
        if self.waf.is_active() {
            let outcome = self.waf.evaluate_metered(req, path, trace, meter);
            if outcome.blocked {
                let (rule, reason) = if outcome.over_limit {
                    (
                        "waf.body_limit".to_string(),
                        format!(
                            "body over the {} byte inspection limit",
                            self.waf.body_limit
                        ),
                    )
                } else {
                    (
                        outcome
                            .deciding_rule()
                            .map(|m| m.id.clone())
                            .unwrap_or_default(),
                        outcome.describe(),
                    )
                };
                let mut d = block(Stage::Waf, rule, reason, client_ip, location);
                d.rate_limits = rate_limits;
                return d;
            }
            if !outcome.matches.is_empty() {
                // Log-only matches, or a score under the threshold: the
                // operator sees them.
                if !pass_reason.is_empty() {
                    pass_reason.push_str("; ");
                }
                pass_reason.push_str(&outcome.describe());
            }
        }

        trace.note(|| "nothing objected: allow".into());
        Decision {
            action: Action::Allow,
            status: 200,
            stage: pass_stage,
            rule: if pass_stage == Stage::Cors {
                policy_id
            } else {
                allow_rule
            },
            reason: pass_reason,
            client_ip,
            location,
            cors: cors.headers,
            rate_limits,
            challenge: None,
            retry_after: None,
            refresh_keys: None,
        }
    }
}

/// A 403 decision; CORS headers are added by the caller.
fn block(
    stage: Stage,
    rule: String,
    reason: String,
    client_ip: Option<std::net::IpAddr>,
    location: Location,
) -> Decision {
    Decision {
        action: Action::Block,
        status: 403,
        stage,
        rule: Some(rule),
        reason,
        client_ip,
        location,
        cors: CorsHeaders::default(),
        rate_limits: Vec::new(),
        challenge: None,
        retry_after: None,
        refresh_keys: None,
    }
}

fn ip_text(ip: Option<std::net::IpAddr>) -> String {
    ip.map(|i| i.to_string())
        .unwrap_or_else(|| "a request without client address".into())
}
