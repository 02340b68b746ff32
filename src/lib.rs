//! The edgewall Worker: a thin adapter between the Workers runtime and the
//! pure engine.
//!
//! Per request: convert the `worker::Request` into the engine's view
//! ([`convert`]), ask the policy for a verdict, log it when it is not a
//! plain allow, and either answer itself (the one error body, or a CORS
//! preflight's 204) or hand the request, untouched, to the origin
//! ([`origin`]), adding the CORS headers to its response.
//!
//! The handler never returns `Err`: the `#[event(fetch)]` macro would turn
//! it into a plain-text 500. Every failure becomes the JSON error body
//! (503, fail closed; 502 when the origin cannot be reached), and the cause
//! goes to the log only.

mod body;
mod convert;
mod counter;
mod echo;
mod keys;
mod limits;
mod origin;

pub use counter::RateLimitCounter;

use std::borrow::Cow;
use std::sync::OnceLock;

use edgewall_engine::load::{load_with_data, DataCheck, DataFile};
use edgewall_engine::{log_line, Action, ErrorKind, Policy};
use worker::{console_error, console_log, event, Context, Env, Request, Response, Result};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/rules.rs"));
}

/// The policy, loaded once per isolate from the rules embedded at build
/// time. The build already proved they load; `None` here would mean the
/// wasm and the build disagree, and every request then fails closed.
fn policy() -> Option<&'static Policy> {
    static POLICY: OnceLock<Option<Policy>> = OnceLock::new();
    POLICY
        .get_or_init(|| {
            let files: Vec<(String, String)> = embedded::RULE_FILES
                .iter()
                .map(|(p, t)| (p.to_string(), t.to_string()))
                .collect();
            // Borrowed: a geo database is used where it was embedded, never
            // copied. The build read every record; here only headers.
            let data: Vec<DataFile> = embedded::DATA_FILES
                .iter()
                .map(|(p, b)| DataFile {
                    path: p.to_string(),
                    bytes: Cow::Borrowed(*b),
                })
                .collect();
            match load_with_data(&files, &data, DataCheck::HeadersOnly) {
                Ok(loaded) => Some(loaded.policy),
                Err(e) => {
                    console_error!("{}", internal_log("rules_load_failed", "", &e.to_string()));
                    None
                }
            }
        })
        .as_ref()
}

#[event(fetch)]
async fn fetch(req: Request, env: Env, _ctx: Context) -> Result<Response> {
    match handle(req, &env).await {
        Ok(resp) => Ok(resp),
        // Only building a response failed; answer with a bare 503 rather
        // than let the macro turn the error into a plain-text 500.
        Err(e) => {
            console_error!("{}", internal_log("response_failed", "", &e.to_string()));
            Ok(Response::empty()?.with_status(503))
        }
    }
}

async fn handle(mut req: Request, env: &Env) -> Result<Response> {
    let request_id = convert::request_id(&req);
    if cfg!(edgewall_passthrough) {
        // The benchmarks' baseline (build.rs): the origin round trip alone.
        return baseline_forward(req, env, None, &request_id).await;
    }
    let Some(policy) = policy() else {
        return convert::error_response(ErrorKind::Unavailable, &request_id, &Default::default());
    };
    let mut view = convert::engine_request(&req);
    // The body the origin must be sent when inspecting it consumed the
    // request's own.
    let mut whole_body = None;
    if policy.waf.is_active() {
        let inspected = body::inspect(&mut req, policy.waf.body_limit).await;
        view.body = inspected.bytes;
        whole_body = inspected.whole;
    }
    if cfg!(edgewall_reader) {
        // The benchmarks' second baseline (build.rs): the request read as
        // above, then handed on as an allowed one is, unevaluated.
        std::hint::black_box(view);
        return baseline_forward(req, env, whole_body, &request_id).await;
    }
    let creds = keys::credentials(policy, &view, env, false).await;
    let mut decision = policy.evaluate_with(&view, &creds);
    if decision.refresh_keys.is_some() {
        // The token names a key the cached set lacks: keys may have rotated.
        let creds = keys::credentials(policy, &view, env, true).await;
        decision = policy.evaluate_with(&view, &creds);
    }
    if !decision.rate_limits.is_empty() {
        decision = match limits::count(decision, env).await {
            Ok(d) => d,
            Err(e) => {
                console_error!(
                    "{}",
                    internal_log("rate_limit_failed", &request_id, &e.to_string())
                );
                return convert::error_response(
                    ErrorKind::Unavailable,
                    &request_id,
                    &Default::default(),
                );
            }
        };
    }
    if decision.is_logged() {
        let (path, _) = edgewall_engine::path::split_target(&view.url);
        console_log!("{}", log_line(&decision, &request_id, &view.method, path));
    }
    let cors = &decision.cors;
    match decision.action {
        Action::Block => convert::error_response(decision.error_kind(), &request_id, cors)
            .and_then(|r| convert::with_decision_headers(r, &decision)),
        Action::Preflight => convert::preflight_response(cors),
        Action::Allow => match origin::forward(req, env, whole_body).await {
            Ok(resp) => convert::with_cors(resp, cors),
            Err(failure) => {
                console_error!(
                    "{}",
                    internal_log(failure.kind(), &request_id, &failure.to_string())
                );
                convert::error_response(failure.error_kind(), &request_id, cors)
            }
        },
    }
}

/// A baseline build's answer (build.rs): the origin's response as it came,
/// or the generic error body.
async fn baseline_forward(
    req: Request,
    env: &Env,
    body: Option<js_sys::ArrayBuffer>,
    request_id: &str,
) -> Result<Response> {
    match origin::forward(req, env, body).await {
        Ok(resp) => Ok(resp),
        Err(failure) => {
            convert::error_response(failure.error_kind(), request_id, &Default::default())
        }
    }
}

/// A log line for a failure inside edgewall, in the same JSON shape family
/// as decision lines.
fn internal_log(event: &str, request_id: &str, detail: &str) -> String {
    serde_json::json!({
        "edgewall": "error",
        "event": event,
        "request_id": request_id,
        "detail": detail,
    })
    .to_string()
}
