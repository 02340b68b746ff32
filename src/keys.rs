//! The keys the engine checks tokens with ([`Credentials`]): HS256
//! secrets from the Worker's environment (`wrangler secret put NAME`; the
//! rule names the binding, never the secret), and JSON Web Key Sets
//! fetched from the provider's `jwks_url` and cached per isolate.
//!
//! Only the provider of the auth rule covering the request is prepared,
//! so requests no rule covers cost nothing. A key set is used for its
//! `jwks_cache_ttl`; a token naming a `kid` the set lacks (keys rotate)
//! fetches it again, at most once per [`MIN_REFETCH_MS`] per provider so
//! forged `kid`s cannot make us hammer the issuer. When a fetch fails the
//! last good set stays in use; with none, the engine fails closed (503).

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

use edgewall_engine::auth::keys::KeySet;
use edgewall_engine::auth::{Credentials, Provider};
use edgewall_engine::{Policy, Request};
use worker::{console_error, Date, Env, Fetch, Url};

/// Unknown `kid`s refetch a key set at most this often.
pub const MIN_REFETCH_MS: f64 = 30_000.0;
/// After a failed fetch, the next try waits this long.
const RETRY_MS: f64 = 5_000.0;

struct Cached {
    keys: Option<Arc<KeySet>>,
    fetched_ms: f64,
    /// The last fetch an unknown `kid` caused.
    refreshed_ms: f64,
    attempted_ms: f64,
}

thread_local! {
    // Workers run one request at a time per isolate thread; the cache is
    // per isolate by design (each isolate fetches once per TTL).
    static CACHE: RefCell<HashMap<String, Cached>> = RefCell::new(HashMap::new());
}

/// The credentials for `view`: the time, and the keys of the provider of
/// the auth rule covering it. `refresh`: the key set lacked the token's
/// `kid`; fetch again unless that was done a moment ago.
pub async fn credentials(policy: &Policy, view: &Request, env: &Env, refresh: bool) -> Credentials {
    let now_ms = Date::now().as_millis() as f64;
    let mut creds = Credentials {
        now: (now_ms / 1000.0) as i64,
        ..Default::default()
    };
    let Some(provider) = policy.auth_provider(view) else {
        return creds;
    };
    if let Some(binding) = &provider.verifier.secret_binding {
        let value = env
            .secret(binding)
            .map(|s| s.to_string())
            .or_else(|_| env.var(binding).map(|v| v.to_string()));
        match value {
            Ok(v) if !v.is_empty() => {
                creds.secrets.insert(binding.clone(), v.into_bytes());
            }
            _ => log(
                "hs256_secret_missing",
                &provider.id,
                &format!("no secret binding `{binding}`"),
            ),
        }
    }
    if provider.jwks.is_some() {
        if let Some(keys) = key_set(provider, now_ms, refresh).await {
            creds.key_sets.insert(provider.id.clone(), keys);
        }
    }
    creds
}

async fn key_set(provider: &Provider, now_ms: f64, refresh: bool) -> Option<Arc<KeySet>> {
    let source = provider.jwks.as_ref()?;
    let ttl_ms = f64::from(source.cache_ttl) * 1000.0;
    let (cached, fetch) = CACHE.with(|c| {
        let c = c.borrow();
        match c.get(&provider.id) {
            Some(e) => {
                let stale = e.keys.is_none() || now_ms - e.fetched_ms >= ttl_ms;
                let fetch = if refresh {
                    now_ms - e.refreshed_ms >= MIN_REFETCH_MS
                } else {
                    stale && now_ms - e.attempted_ms >= RETRY_MS
                };
                (e.keys.clone(), fetch)
            }
            None => (None, true),
        }
    });
    if !fetch {
        return cached;
    }
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        let e = c.entry(provider.id.clone()).or_insert(Cached {
            keys: None,
            fetched_ms: 0.0,
            refreshed_ms: f64::MIN,
            attempted_ms: 0.0,
        });
        e.attempted_ms = now_ms;
        if refresh {
            e.refreshed_ms = now_ms;
        }
    });
    match fetch_set(&source.url).await {
        Ok((set, skipped)) => {
            if !skipped.is_empty() {
                log("jwks_keys_skipped", &provider.id, &skipped.join("; "));
            }
            let set = Arc::new(set);
            CACHE.with(|c| {
                if let Some(e) = c.borrow_mut().get_mut(&provider.id) {
                    e.keys = Some(set.clone());
                    e.fetched_ms = now_ms;
                }
            });
            Some(set)
        }
        Err(why) => {
            log(
                "jwks_fetch_failed",
                &provider.id,
                &format!("{}: {why}", source.url),
            );
            cached
        }
    }
}

async fn fetch_set(url: &str) -> Result<(KeySet, Vec<String>), String> {
    let url = Url::parse(url).map_err(|e| e.to_string())?;
    let mut resp = Fetch::Url(url).send().await.map_err(|e| e.to_string())?;
    if resp.status_code() != 200 {
        return Err(format!("status {}", resp.status_code()));
    }
    let bytes = resp.bytes().await.map_err(|e| e.to_string())?;
    if bytes.len() > 1 << 20 {
        return Err("key set over 1 MiB".into());
    }
    KeySet::parse(&bytes)
}

fn log(event: &str, provider: &str, detail: &str) {
    console_error!(
        "{}",
        serde_json::json!({
            "edgewall": "error",
            "event": event,
            "provider": provider,
            "detail": detail,
        })
    );
}
