//! Conversions between the Workers runtime and the engine: the engine's
//! request view from a `worker::Request`, and edgewall's own responses.

use edgewall_engine::cors::{is_cors_response_header, merge_vary, CorsHeaders};
use edgewall_engine::{error_body, error_headers, ErrorKind};
use wasm_bindgen::JsCast;
use worker::{Headers, Request, Response};

/// The engine's view of the request. The body is not read: until a policy
/// stage inspects bodies, it streams to the origin untouched.
pub fn engine_request(req: &Request) -> edgewall_engine::Request {
    let cf = req.cf();
    let mut view = edgewall_engine::Request {
        method: req.method().to_string(),
        url: req.inner().url(),
        headers: req.headers().entries().collect(),
        connecting_ip: None,
        country: cf.as_ref().and_then(|cf| cf.country()),
        continent: cf.as_ref().and_then(|cf| cf.continent()),
        asn: cf.as_ref().and_then(|cf| cf.asn()),
        body: None,
    };
    view.connecting_ip = view.header("cf-connecting-ip").map(str::to_string);
    #[cfg(edgewall_local_testing)]
    local_testing::pretend_location(&mut view);
    view
}

/// Local testing only (`scripts/dev.sh`): under `wrangler dev`, `request.cf`
/// is a placeholder (Miniflare answers "US" for everyone), so it is ignored
/// and a request to a loopback address may say where it comes from with
/// `X-Edgewall-Test-Country: DE`; without it, the `[geo] database` places
/// `CF-Connecting-IP` (which `wrangler dev` takes from the client).
///
/// None of this is compiled into a production build: there, these headers
/// are ordinary request headers that nothing reads.
#[cfg(edgewall_local_testing)]
mod local_testing {
    pub const COUNTRY_HEADER: &str = "x-edgewall-test-country";

    pub fn pretend_location(view: &mut edgewall_engine::Request) {
        if !is_loopback_url(&view.url) {
            return;
        }
        view.country = view
            .header(COUNTRY_HEADER)
            .map(|c| c.trim().to_ascii_uppercase());
        view.continent = None;
        view.asn = None;
    }

    fn is_loopback_url(url: &str) -> bool {
        let host = url
            .split_once("://")
            .map(|(_, rest)| rest)
            .unwrap_or("")
            .split(['/', '?', '#'])
            .next()
            .unwrap_or("");
        let host = match host.rsplit_once(':') {
            Some((h, port)) if port.bytes().all(|b| b.is_ascii_digit()) => h,
            _ => host,
        };
        let host = host.trim_start_matches('[').trim_end_matches(']');
        host == "localhost"
            || host
                .parse::<std::net::IpAddr>()
                .is_ok_and(|ip| edgewall_engine::ip::canonical(ip).is_loopback())
    }
}

/// The request id: `cf-ray` when it looks like one, else random.
pub fn request_id(req: &Request) -> String {
    let ray = req.headers().get("cf-ray").ok().flatten();
    edgewall_engine::request_id(ray.as_deref(), random_bytes())
}

/// 16 bytes from the runtime's `crypto.getRandomValues`; zeros only if the
/// runtime has no crypto (never on workerd), which still yields a valid id.
fn random_bytes() -> [u8; 16] {
    let mut buf = [0u8; 16];
    let crypto = js_sys::Reflect::get(&js_sys::global(), &"crypto".into())
        .ok()
        .and_then(|c| c.dyn_into::<web_sys::Crypto>().ok());
    if let Some(c) = crypto {
        let _ = c.get_random_values_with_u8_array(&mut buf);
    }
    buf
}

/// The one error response: fixed body shape and headers, whatever the
/// reason, plus the CORS headers when the request comes from an allowed
/// origin (so page script can read the message).
pub fn error_response(
    kind: ErrorKind,
    request_id: &str,
    cors: &CorsHeaders,
) -> worker::Result<Response> {
    let headers = Headers::new();
    for (name, value) in error_headers() {
        headers.set(name, &value)?;
    }
    set_cors(&headers, cors)?;
    Ok(Response::ok(error_body(kind, request_id))?
        .with_status(kind.status())
        .with_headers(headers))
}

/// The headers a block adds to the error body: `WWW-Authenticate` on a
/// 401, `Retry-After` on a 429.
pub fn with_decision_headers(
    resp: Response,
    decision: &edgewall_engine::Decision,
) -> worker::Result<Response> {
    if let Some(c) = &decision.challenge {
        resp.headers().set("www-authenticate", c)?;
    }
    if let Some(s) = decision.retry_after {
        resp.headers().set("retry-after", &s.to_string())?;
    }
    Ok(resp)
}

/// The answer to an allowed preflight (or a refused one served without
/// CORS): 204, no body, the CORS headers.
pub fn preflight_response(cors: &CorsHeaders) -> worker::Result<Response> {
    let headers = Headers::new();
    set_cors(&headers, cors)?;
    Ok(Response::empty()?.with_status(204).with_headers(headers))
}

/// The origin's response with edgewall's CORS headers: where a policy
/// covers the path, the origin's own `Access-Control-*` response headers
/// are dropped and edgewall's set, and `Vary` is merged. Elsewhere the
/// response is returned as it came.
pub fn with_cors(resp: Response, cors: &CorsHeaders) -> worker::Result<Response> {
    if !cors.covered {
        return Ok(resp);
    }
    // A fetched response's headers are immutable: build a new set.
    let headers = Headers::new();
    let mut vary: Option<String> = None;
    for (name, value) in resp.headers().entries() {
        if is_cors_response_header(&name) {
            continue;
        }
        if name.eq_ignore_ascii_case("vary") {
            vary = Some(match vary {
                Some(v) => format!("{v}, {value}"),
                None => value,
            });
            continue;
        }
        headers.append(&name, &value)?;
    }
    for (name, value) in &cors.headers {
        headers.set(name, value)?;
    }
    if let Some(v) = merge_vary(vary.as_deref(), &cors.vary) {
        headers.set("vary", &v)?;
    }
    Ok(resp.with_headers(headers))
}

fn set_cors(headers: &Headers, cors: &CorsHeaders) -> worker::Result<()> {
    for (name, value) in &cors.headers {
        headers.set(name, value)?;
    }
    if let Some(v) = merge_vary(None, &cors.vary) {
        headers.set("vary", &v)?;
    }
    Ok(())
}

// clippy only recognises `cfg(test)` alone as test code.
#[cfg(all(test, target_arch = "wasm32"))]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    async fn error_response_is_the_documented_403() {
        let mut r =
            error_response(ErrorKind::Forbidden, "abc123", &CorsHeaders::default()).unwrap();
        assert_eq!(r.status_code(), 403);
        assert_eq!(
            r.headers().get("content-type").unwrap().as_deref(),
            Some("application/json")
        );
        assert_eq!(
            r.headers().get("cache-control").unwrap().as_deref(),
            Some("no-store")
        );
        assert_eq!(
            r.text().await.unwrap(),
            r#"{"error":"Forbidden","message":"You don't have permission to access this resource.","request_id":"abc123"}"#
        );
    }

    #[wasm_bindgen_test]
    fn random_request_ids_come_from_crypto_and_differ() {
        let a = random_bytes();
        let b = random_bytes();
        assert_ne!(a, b);
        assert_ne!(a, [0u8; 16]);
    }

    #[wasm_bindgen_test]
    fn engine_request_carries_method_url_headers_and_connecting_ip() {
        let mut init = worker::RequestInit::new();
        init.with_method(worker::Method::Put);
        let req = Request::new_with_init("https://site.example/a%20b?q=1", &init).unwrap();
        req.headers()
            .set("CF-Connecting-IP", "::ffff:192.0.2.1")
            .unwrap();
        req.headers().set("X-Thing", "v").unwrap();
        let view = engine_request(&req);
        assert_eq!(view.method, "PUT");
        assert_eq!(view.url, "https://site.example/a%20b?q=1");
        assert_eq!(view.connecting_ip.as_deref(), Some("::ffff:192.0.2.1"));
        assert_eq!(view.header("x-thing"), Some("v"));
        assert!(view.body.is_none());
        // No `cf` outside Cloudflare's runtime: no platform location.
        assert_eq!(view.country, None);
    }
}
