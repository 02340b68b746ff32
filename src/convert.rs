//! Conversions between the Workers runtime and the engine: the engine's
//! request view from a `worker::Request`, and edgewall's own responses.

use edgewall_engine::{error_body, error_headers, ErrorKind};
use wasm_bindgen::JsCast;
use worker::{Headers, Request, Response};

/// The engine's view of the request. The body is not read: until a policy
/// stage inspects bodies, it streams to the origin untouched.
pub fn engine_request(req: &Request) -> edgewall_engine::Request {
    let headers: Vec<(String, String)> = req.headers().entries().collect();
    let connecting_ip = req.headers().get("cf-connecting-ip").ok().flatten();
    edgewall_engine::Request {
        method: req.method().to_string(),
        url: req.inner().url(),
        headers,
        connecting_ip,
        country: req.cf().and_then(|cf| cf.country()),
        body: None,
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

/// The one error response: fixed body shape and headers, whatever the reason.
pub fn error_response(kind: ErrorKind, request_id: &str) -> worker::Result<Response> {
    let headers = Headers::new();
    for (name, value) in error_headers() {
        headers.set(name, &value)?;
    }
    Ok(Response::ok(error_body(kind, request_id))?
        .with_status(kind.status())
        .with_headers(headers))
}
