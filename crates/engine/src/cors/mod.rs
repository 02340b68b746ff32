//! CORS at the edge: which cross-origin requests a path accepts, the
//! preflights edgewall answers itself, and the headers that go on every
//! response to an allowed origin
//! (<https://fetch.spec.whatwg.org/#http-cors-protocol>).
//!
//! `[[cors.policy]]` entries are looked at in order; the first whose paths
//! match covers the request (a request no policy covers is left alone: no
//! headers added, none removed). Under a policy:
//!
//! - a **preflight** is `OPTIONS` with `Origin` and
//!   `Access-Control-Request-Method` (any other `OPTIONS` is an ordinary
//!   request). It is answered here, 204 or 403, and never reaches the origin;
//! - a request **without `Origin`**, or from the request's own origin, is
//!   not cross-origin: no CORS headers, only `Vary: Origin`;
//! - a request from an **allowed origin** gets `Access-Control-Allow-Origin`
//!   (that origin; `*` only when the policy allows every origin, has no
//!   credentials, and the request carries none), `-Allow-Credentials`,
//!   `-Expose-Headers`, and `Vary: Origin`, on whatever answers it: the
//!   origin, or edgewall's own 403 so page script can read its message;
//! - a request from **any other origin** is refused with the 403 body, or,
//!   with `on_disallowed_origin = "serve_without_cors"`, served without CORS
//!   headers, and the browser then withholds the response from the page.
//!
//! Everything that could be misconfigured is checked at load
//! ([`crate::load`]); evaluation cannot fail.

pub mod headers;
pub mod origin;

use crate::path::PathPattern;
use crate::request::Request;
use crate::trace::Trace;

pub use headers::{is_cors_response_header, merge_vary, AllowHeaders, AllowMethods};
pub use origin::{Origin, OriginPattern};

/// What happens to a request whose origin no pattern allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnDisallowedOrigin {
    /// The 403 body (the default).
    Block,
    /// Forward it, without CORS headers; the browser enforces the rest.
    ServeWithoutCors,
}

impl OnDisallowedOrigin {
    pub const NAMES: &'static [&'static str] = &["block", "serve_without_cors"];

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "block" => Some(OnDisallowedOrigin::Block),
            "serve_without_cors" => Some(OnDisallowedOrigin::ServeWithoutCors),
            _ => None,
        }
    }
}

/// One compiled `[[cors.policy]]`.
#[derive(Debug, Clone)]
pub struct CorsPolicy {
    pub id: String,
    /// Empty: every path.
    pub paths: Vec<PathPattern>,
    /// `allow_origins = ["*"]`: every origin (never with credentials).
    pub any_origin: bool,
    pub origins: Vec<OriginPattern>,
    pub methods: AllowMethods,
    pub headers: AllowHeaders,
    /// As written; `*` only without credentials.
    pub expose_headers: Vec<String>,
    pub credentials: bool,
    pub max_age: Option<u32>,
    pub private_network: bool,
    pub on_disallowed_origin: OnDisallowedOrigin,
    /// `file:line`, for `explain`.
    pub location: String,
}

impl CorsPolicy {
    fn covers(&self, path: &str) -> bool {
        self.paths.is_empty() || self.paths.iter().any(|p| p.matches(path))
    }

    fn allows_origin(&self, origin: &str, parsed: Option<&Origin>) -> bool {
        self.any_origin || self.origins.iter().any(|p| p.matches(origin, parsed))
    }
}

/// The compiled `[cors]` table.
#[derive(Debug, Clone, Default)]
pub struct Cors {
    pub policies: Vec<CorsPolicy>,
}

/// The CORS part of the answer to a request.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CorsHeaders {
    /// A policy covers the path: edgewall owns the CORS headers, and the
    /// origin's own are removed from its response.
    pub covered: bool,
    /// Headers to set on the response, whoever produces it.
    pub headers: Vec<(&'static str, String)>,
    /// Names to merge into the response's `Vary`.
    pub vary: Vec<&'static str>,
}

/// What the CORS stage made of a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CorsVerdict {
    /// No policy covers the path.
    NotCovered,
    /// No `Origin`, or the request's own origin: nothing to check.
    NotCrossOrigin,
    /// An actual request from an allowed origin.
    Allowed,
    /// A preflight answered with 204 and the CORS headers.
    PreflightAllowed,
    /// A preflight refused: 403, or 204 without CORS headers when the origin
    /// is not allowed and the policy serves such origins without CORS.
    PreflightRefused { reason: String, block: bool },
    /// An actual request from an origin the policy does not allow.
    OriginRefused { reason: String, block: bool },
}

/// The verdict, the policy behind it, and the headers for the response.
#[derive(Debug, Clone)]
pub struct CorsOutcome<'a> {
    pub policy: Option<&'a CorsPolicy>,
    pub verdict: CorsVerdict,
    pub headers: CorsHeaders,
}

const ACAO: &str = "access-control-allow-origin";
const ACAC: &str = "access-control-allow-credentials";
const ACAM: &str = "access-control-allow-methods";
const ACAH: &str = "access-control-allow-headers";
const ACEH: &str = "access-control-expose-headers";
const ACMA: &str = "access-control-max-age";
const ACAPN: &str = "access-control-allow-private-network";

impl Cors {
    /// Look at `req` (whose normalised path is `path`).
    pub fn evaluate<'a>(&'a self, req: &Request, path: &str, trace: &mut Trace) -> CorsOutcome<'a> {
        let Some(policy) = self.policies.iter().find(|p| p.covers(path)) else {
            trace.note(|| "cors: no policy covers this path".into());
            return CorsOutcome {
                policy: None,
                verdict: CorsVerdict::NotCovered,
                headers: CorsHeaders::default(),
            };
        };
        trace.note(|| {
            format!(
                "cors: policy `{}` ({}) covers {path}",
                policy.id, policy.location
            )
        });
        let (verdict, headers) = decide(policy, req);
        trace.note(|| match &verdict {
            CorsVerdict::NotCovered => String::new(),
            CorsVerdict::NotCrossOrigin => "cors: not a cross-origin request".into(),
            CorsVerdict::Allowed => "cors: origin allowed".into(),
            CorsVerdict::PreflightAllowed => "cors: preflight allowed, answered with 204".into(),
            CorsVerdict::PreflightRefused { reason, .. }
            | CorsVerdict::OriginRefused { reason, .. } => format!("cors: {reason}"),
        });
        CorsOutcome {
            policy: Some(policy),
            verdict,
            headers,
        }
    }
}

fn decide(policy: &CorsPolicy, req: &Request) -> (CorsVerdict, CorsHeaders) {
    let mut out = CorsHeaders {
        covered: true,
        headers: Vec::new(),
        // `*` answers the same to everyone; anything else depends on Origin.
        vary: if policy.any_origin {
            vec![]
        } else {
            vec!["Origin"]
        },
    };
    let mut origins = req.header_values("origin");
    let Some(origin) = origins.next() else {
        return (CorsVerdict::NotCrossOrigin, out);
    };
    let several = origins.next().is_some();
    let preflight =
        req.method == "OPTIONS" && req.header("access-control-request-method").is_some();
    if preflight {
        out.vary.extend([
            "Access-Control-Request-Method",
            "Access-Control-Request-Headers",
        ]);
        if policy.private_network {
            out.vary.push("Access-Control-Request-Private-Network");
        }
    }
    let parsed = Origin::parse(origin);
    if !preflight && !several && is_same_origin(req, parsed.as_ref()) {
        return (CorsVerdict::NotCrossOrigin, out);
    }
    let block = policy.on_disallowed_origin == OnDisallowedOrigin::Block;
    if several || !policy.allows_origin(origin, parsed.as_ref()) {
        let reason = if several {
            format!(
                "several Origin headers, refused by cors policy `{}`",
                policy.id
            )
        } else {
            format!(
                "origin {origin:?} not allowed by cors policy `{}`",
                policy.id
            )
        };
        let verdict = if preflight {
            CorsVerdict::PreflightRefused { reason, block }
        } else {
            CorsVerdict::OriginRefused { reason, block }
        };
        return (verdict, out);
    }

    // Allowed origin. `*` only where it means what it says: every origin,
    // no credentials allowed, none sent.
    let credentialed = req.header("cookie").is_some() || req.header("authorization").is_some();
    if policy.any_origin && (preflight || !credentialed) {
        out.headers.push((ACAO, "*".into()));
    } else {
        out.headers.push((ACAO, origin.to_string()));
        if policy.any_origin {
            out.vary.insert(0, "Origin");
        }
    }
    if policy.credentials {
        out.headers.push((ACAC, "true".into()));
    }
    if !preflight {
        if !policy.expose_headers.is_empty() {
            out.headers.push((ACEH, policy.expose_headers.join(", ")));
        }
        return (CorsVerdict::Allowed, out);
    }

    // Preflight: method, headers, private network.
    let method = req.header("access-control-request-method").unwrap_or("");
    let refuse = |reason: String, out: CorsHeaders| {
        (
            CorsVerdict::PreflightRefused {
                reason,
                block: true,
            },
            out,
        )
    };
    if !headers::is_token(method) || !policy.methods.allows(method) {
        return refuse(
            format!(
                "preflight method {method:?} not allowed by cors policy `{}`",
                policy.id
            ),
            out,
        );
    }
    let requested: Vec<String> = {
        let joined = req
            .header_values("access-control-request-headers")
            .collect::<Vec<_>>()
            .join(",");
        match headers::parse_name_list(&joined) {
            Some(names) => names,
            None => {
                return refuse(
                    format!(
                        "malformed Access-Control-Request-Headers under cors policy `{}`",
                        policy.id
                    ),
                    out,
                )
            }
        }
    };
    if let Some(bad) = requested.iter().find(|h| !policy.headers.allows(h)) {
        return refuse(
            format!(
                "preflight header `{bad}` not allowed by cors policy `{}`",
                policy.id
            ),
            out,
        );
    }
    let wants_private = req
        .header("access-control-request-private-network")
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"));
    if wants_private && !policy.private_network {
        return refuse(
            format!(
                "private network access not allowed by cors policy `{}`",
                policy.id
            ),
            out,
        );
    }
    let methods = if policy.methods.any {
        method.to_string()
    } else {
        policy.methods.names.join(", ")
    };
    out.headers.push((ACAM, methods));
    if !requested.is_empty() {
        out.headers.push((ACAH, requested.join(", ")));
    }
    if let Some(age) = policy.max_age {
        out.headers.push((ACMA, age.to_string()));
    }
    if wants_private {
        out.headers.push((ACAPN, "true".into()));
    }
    (CorsVerdict::PreflightAllowed, out)
}

/// Is the request from its own origin? Browsers send `Origin` on same-origin
/// POSTs too; a policy for other sites must not refuse the site itself. The
/// request's origin is its absolute URL's (the Worker always has one), or,
/// for an origin-form target, its `Host` under the `Origin`'s scheme.
fn is_same_origin(req: &Request, origin: Option<&Origin>) -> bool {
    let Some(origin) = origin else {
        return false;
    };
    let own = match req.url.split_once("://") {
        Some((scheme, rest)) if !req.url.starts_with('/') => {
            let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
            Origin::parse(&format!("{scheme}://{authority}"))
        }
        _ => req
            .header("host")
            .and_then(|h| Origin::parse(&format!("{}://{}", origin.scheme, h.trim()))),
    };
    own.as_ref() == Some(origin)
}

#[cfg(test)]
mod tests;
