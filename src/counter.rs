//! `RateLimitCounter`: the Durable Object behind `counter = "global"`
//! rate limits. One object per counted key (the Worker names it by the
//! key), so one exact count worldwide: Cloudflare runs each object in one
//! place and delivers its requests one at a time.
//!
//! The window is fixed and starts at the key's first request: up to
//! `limit` requests are allowed until `period` seconds after it, then a
//! new window starts. The count is kept in the object's storage (so it
//! survives the object being evicted), and an alarm at the window's end
//! deletes it, so idle keys leave nothing behind.

use std::time::Duration;

use worker::{durable_object, Date, DurableObject, Env, Request, Response, Result, State};

const WINDOW: &str = "window";

#[durable_object]
pub struct RateLimitCounter {
    state: State,
}

impl DurableObject for RateLimitCounter {
    fn new(state: State, _env: Env) -> Self {
        Self { state }
    }

    /// `POST /?limit=N&period=S` → `{"allowed":bool}`, counting the
    /// request when it is allowed.
    async fn fetch(&self, req: Request) -> Result<Response> {
        let url = req.url()?;
        let param = |name: &str| {
            url.query_pairs()
                .find(|(k, _)| k == name)
                .and_then(|(_, v)| v.parse::<u32>().ok())
                .filter(|v| *v > 0)
        };
        let (Some(limit), Some(period)) = (param("limit"), param("period")) else {
            return Response::error("bad counter request", 400);
        };
        let now = Date::now().as_millis() as f64;
        let storage = self.state.storage();
        // (window start in ms, its period in s, requests counted in it).
        // Storage calls are the only awaits, so the object's input gate
        // keeps this read-modify-write atomic.
        let current: Option<(f64, u32, u32)> = storage.get(WINDOW).await?;
        let (start, counted) = match current {
            Some((start, p, counted)) if now < start + f64::from(p) * 1000.0 => (start, counted),
            _ => (now, 0),
        };
        let allowed = counted < limit;
        if allowed {
            storage.put(WINDOW, (start, period, counted + 1)).await?;
            if counted == 0 {
                storage
                    .set_alarm(Duration::from_secs(u64::from(period)))
                    .await?;
            }
        }
        Response::from_json(&serde_json::json!({ "allowed": allowed }))
    }

    /// The window is over: forget it (unless a new one has started).
    async fn alarm(&self) -> Result<Response> {
        let storage = self.state.storage();
        let current: Option<(f64, u32, u32)> = storage.get(WINDOW).await?;
        if let Some((start, period, _)) = current {
            let now = Date::now().as_millis() as f64;
            if now >= start + f64::from(period) * 1000.0 {
                storage.delete_all().await?;
            }
        }
        Response::ok("")
    }
}
