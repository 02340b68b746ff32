//! Reading the start of a request body for the WAF, without taking the body
//! from the origin.
//!
//! The request is cloned (the runtime tees its body stream), the clone is
//! read until `limit + 1` bytes or its end, and then cancelled. The original
//! stream, with what the clone read buffered for it, goes to the origin
//! untouched. One byte over the limit tells the engine the body was larger
//! than what it inspected.

use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::ReadableStreamDefaultReader;
use worker::Request;

/// Up to `limit + 1` bytes of the body; `None` when there is no body or it
/// cannot be read (the engine then sees no body, and the WAF inspects the
/// rest of the request).
pub async fn prefix(req: &Request, limit: usize) -> Option<Vec<u8>> {
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
