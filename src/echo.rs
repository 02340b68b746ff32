//! The built-in echo origin for local development: when `wrangler dev` runs
//! with no `ORIGIN`, allowed requests are answered with a JSON description
//! of what the origin would have received, so the firewall can be tried
//! with nothing behind it. The body is summarised by length and SHA-256, so
//! a test can prove it arrived intact.

use std::collections::BTreeMap;

use sha2::{Digest, Sha256};
use worker::{Request, Response};

/// Describe `req`; `body` is its body when already taken from it.
pub async fn respond(mut req: Request, body: Option<Vec<u8>>) -> worker::Result<Response> {
    let body = match body {
        Some(b) => b,
        None => req.bytes().await?,
    };
    let headers: BTreeMap<String, String> = req.headers().entries().collect();
    let digest = Sha256::digest(&body);
    let sha256: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    let description = serde_json::json!({
        "echo": "edgewall built-in echo origin (wrangler dev without ORIGIN)",
        "method": req.method().to_string(),
        "url": req.inner().url(),
        "headers": headers,
        "body_bytes": body.len(),
        "body_sha256": sha256,
    });
    let mut resp = Response::from_json(&description)?;
    resp.headers_mut().set("x-edgewall-echo", "1")?;
    Ok(resp)
}
