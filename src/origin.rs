//! Where an allowed request goes, untouched: method, headers and the body
//! stream are handed on as they came.
//!
//! - `ORIGIN` set (a `[vars]` entry in wrangler.toml, e.g.
//!   `https://origin.example.com` or `http://127.0.0.1:9000/app`): the
//!   request's path and query, byte for byte, appended to it.
//! - `ORIGIN` unset: the request's own URL, which in a route deployment is
//!   the site behind the route.
//! - `ORIGIN` unset and the request addressed to a loopback host: only
//!   `wrangler dev` does that (a Cloudflare route is never `localhost`), and
//!   fetching our own address would loop, so the built-in echo origin
//!   answers instead ([`crate::echo`]).

use std::fmt;
use std::net::IpAddr;

use edgewall_engine::path::split_target;
use edgewall_engine::ErrorKind;
use js_sys::{ArrayBuffer, Uint8Array};
use wasm_bindgen::JsCast;
use worker::{Env, Fetch, Request, Response};

/// Why the request could not be handed on.
#[derive(Debug)]
pub enum Failure {
    /// `ORIGIN` is not an http(s) URL without query: a deployment mistake.
    BadOrigin(String),
    /// The origin could not be reached, or the runtime refused the fetch.
    Fetch(worker::Error),
}

impl Failure {
    pub fn kind(&self) -> &'static str {
        match self {
            Failure::BadOrigin(_) => "bad_origin_variable",
            Failure::Fetch(_) => "origin_fetch_failed",
        }
    }

    /// A bad `ORIGIN` is edgewall's own failure (503); an unreachable
    /// origin is a gateway failure (502). Same body shape either way.
    pub fn error_kind(&self) -> ErrorKind {
        match self {
            Failure::BadOrigin(_) => ErrorKind::Unavailable,
            Failure::Fetch(_) => ErrorKind::BadGateway,
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::BadOrigin(why) => write!(f, "ORIGIN variable is unusable: {why}"),
            Failure::Fetch(e) => write!(f, "fetch to origin failed: {e}"),
        }
    }
}

/// Hand `req` on. `body`: the request's whole body, already taken from it
/// (see [`crate::body`]); sent as it is in place of the consumed stream.
pub async fn forward(
    req: Request,
    env: &Env,
    body: Option<ArrayBuffer>,
) -> Result<Response, Failure> {
    let url = req.inner().url();
    let origin = env
        .var("ORIGIN")
        .ok()
        .map(|v| v.to_string())
        .filter(|v| !v.trim().is_empty());
    match origin {
        Some(base) => {
            let target = rebase(&base, &url).map_err(Failure::BadOrigin)?;
            let outgoing = match &body {
                Some(bytes) => with_body(&target, &req, bytes),
                // JS `new Request(target, request)`: the request serves as
                // the init dictionary, so method, headers, body stream and
                // redirect mode carry over unchanged.
                None => {
                    web_sys::Request::new_with_str_and_init(&target, req.inner().unchecked_ref())
                }
            }
            .map_err(|e| Failure::Fetch(e.into()))?;
            Fetch::Request(Request::from(outgoing))
                .send()
                .await
                .map_err(Failure::Fetch)
        }
        None if is_loopback_url(&url) => {
            let body = body.map(|b| Uint8Array::new(&b).to_vec());
            crate::echo::respond(req, body)
                .await
                .map_err(Failure::Fetch)
        }
        None => {
            let outgoing = match &body {
                Some(bytes) => with_body(&url, &req, bytes)
                    .map(Request::from)
                    .map_err(|e| Failure::Fetch(e.into()))?,
                None => req,
            };
            Fetch::Request(outgoing)
                .send()
                .await
                .map_err(Failure::Fetch)
        }
    }
}

/// A request to `url` with `req`'s method, headers and redirect mode, and
/// `body` for its body.
fn with_body(
    url: &str,
    req: &Request,
    body: &ArrayBuffer,
) -> Result<web_sys::Request, wasm_bindgen::JsValue> {
    let inner = req.inner();
    let init = web_sys::RequestInit::new();
    init.set_method(&inner.method());
    init.set_headers(&inner.headers());
    init.set_redirect(inner.redirect());
    init.set_body(body);
    web_sys::Request::new_with_str_and_init(url, &init)
}

/// `base` (scheme, authority, optional path prefix) followed by the
/// request's path and query exactly as they came.
pub fn rebase(base: &str, request_url: &str) -> Result<String, String> {
    let parsed =
        worker::Url::parse(base.trim()).map_err(|e| format!("`{base}` is not a URL: {e}"))?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(format!("`{base}` is not an http or https URL"));
    }
    if parsed.query().is_some() || parsed.fragment().is_some() || parsed.host().is_none() {
        return Err(format!(
            "`{base}` must be scheme://host[:port][/path] with no query"
        ));
    }
    let prefix = parsed.as_str().trim_end_matches('/');
    let (path, query) = split_target(request_url);
    let path = if path.is_empty() { "/" } else { path };
    Ok(match query {
        Some(q) => format!("{prefix}{path}?{q}"),
        None => format!("{prefix}{path}"),
    })
}

/// Is the URL's host `localhost`, `*.localhost`, or a loopback address?
pub fn is_loopback_url(url: &str) -> bool {
    let Ok(u) = worker::Url::parse(url) else {
        return false;
    };
    match u.host_str() {
        Some(h) => {
            let h = h.trim_start_matches('[').trim_end_matches(']');
            h.eq_ignore_ascii_case("localhost")
                || h.to_ascii_lowercase().ends_with(".localhost")
                || h.parse::<IpAddr>()
                    .is_ok_and(|ip| ip.to_canonical().is_loopback())
        }
        None => false,
    }
}

// clippy only recognises `cfg(test)` alone as test code.
#[cfg(all(test, target_arch = "wasm32"))]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn rebase_keeps_path_and_raw_query_byte_for_byte() {
        assert_eq!(
            rebase(
                "https://origin.example",
                "https://site.example/a/%2e%2E/b?x=%20&y"
            )
            .unwrap(),
            "https://origin.example/a/%2e%2E/b?x=%20&y"
        );
        assert_eq!(
            rebase("http://127.0.0.1:9000/app/", "https://s.example/p").unwrap(),
            "http://127.0.0.1:9000/app/p"
        );
        assert_eq!(
            rebase("https://o.example", "https://s.example").unwrap(),
            "https://o.example/"
        );
    }

    #[wasm_bindgen_test]
    fn unusable_origins_are_refused() {
        for bad in [
            "ftp://x.example",
            "not a url",
            "https://o.example/?q=1",
            "https://o.example/#f",
        ] {
            assert!(rebase(bad, "https://s.example/p").is_err(), "{bad}");
        }
    }

    #[wasm_bindgen_test]
    fn only_loopback_hosts_get_the_echo_origin() {
        for yes in [
            "http://localhost:8787/",
            "http://127.0.0.1/x",
            "http://[::1]:8787/",
            "http://app.localhost/",
        ] {
            assert!(is_loopback_url(yes), "{yes}");
        }
        for no in [
            "https://example.com/",
            "http://10.0.0.1/",
            "http://localhost.example.com/",
            "garbage",
        ] {
            assert!(!is_loopback_url(no), "{no}");
        }
    }
}
