//! Reading a request body for the WAF, and handing the origin the same
//! bytes.
//!
//! - A body whose `Content-Length` is within the inspection limit is read
//!   whole, in one call, and the origin is sent the runtime's buffer of it
//!   ([`Inspected::whole`]): the engine reads a copy, and no bytes go back
//!   from wasm to JS.
//! - Any other body (larger, or without a length: chunked) may be far
//!   larger than the limit, so it is not buffered: the request is cloned
//!   (the runtime tees its body stream), the clone is read until
//!   `limit + 1` bytes or its end and then cancelled, and the original
//!   stream, with what the clone read buffered for it, goes to the origin
//!   untouched. One byte over the limit tells the engine the body was
//!   larger than what it inspected.

use js_sys::{ArrayBuffer, Reflect, Uint8Array};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::ReadableStreamDefaultReader;
use worker::Request;

/// What the WAF reads of a body.
pub struct Inspected {
    /// Up to `limit + 1` bytes of the body; `None` when there is no body or
    /// it cannot be read (the engine then sees no body, and the WAF
    /// inspects the rest of the request).
    pub bytes: Option<Vec<u8>>,
    /// The whole body as the runtime read it, when it was taken from the
    /// request itself: the request's stream is then consumed, and the
    /// origin must be sent this buffer instead.
    pub whole: Option<ArrayBuffer>,
}

/// The body of `req` for an inspection limit of `limit` bytes.
pub async fn inspect(req: &mut Request, limit: usize) -> Inspected {
    if req.inner().body().is_none() {
        return Inspected {
            bytes: None,
            whole: None,
        };
    }
    let declared = req
        .headers()
        .get("content-length")
        .ok()
        .flatten()
        .and_then(|v| v.trim().parse::<usize>().ok());
    if declared.is_some_and(|n| n <= limit) {
        // On an error the body is gone either way; the forward then fails
        // with the generic 502, as it would have.
        let whole = whole_buffer(req).await;
        let bytes = whole.as_ref().map(|b| Uint8Array::new(b).to_vec());
        return Inspected { bytes, whole };
    }
    Inspected {
        bytes: prefix(req, limit).await,
        whole: None,
    }
}

/// The request's body, read to its end into one buffer.
async fn whole_buffer(req: &Request) -> Option<ArrayBuffer> {
    let promise = req.inner().array_buffer().ok()?;
    JsFuture::from(promise).await.ok()?.dyn_into().ok()
}

/// Up to `limit + 1` bytes of the body, read from a clone of the request.
async fn prefix(req: &Request, limit: usize) -> Option<Vec<u8>> {
    req.inner().body()?;
    let clone = req.inner().clone().ok()?;
    let stream = clone.body()?;
    let reader: ReadableStreamDefaultReader = stream.get_reader().dyn_into().ok()?;
    let mut out = Vec::new();
    while out.len() <= limit {
        let Ok(result) = JsFuture::from(reader.read()).await else {
            break;
        };
        let done = Reflect::get(&result, &"done".into())
            .ok()
            .and_then(|d| d.as_bool())
            .unwrap_or(true);
        if done {
            break;
        }
        let Ok(value) = Reflect::get(&result, &"value".into()) else {
            break;
        };
        let Ok(chunk) = value.dyn_into::<Uint8Array>() else {
            break;
        };
        let room = limit + 1 - out.len();
        let take = (chunk.length() as usize).min(room);
        let start = out.len();
        out.resize(start + take, 0);
        if let Some(dst) = out.get_mut(start..) {
            chunk.subarray(0, take as u32).copy_to(dst);
        }
    }
    // Stop the clone's branch of the tee; the original is unaffected.
    let _ = reader.cancel();
    Some(out)
}
