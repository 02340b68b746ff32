//! Making the counts the engine asks for ([`edgewall_engine::rate_limit`]):
//! with the Workers Rate Limiting binding (`counter = "location"`) or the
//! [`crate::counter::RateLimitCounter`] Durable Object (`"global"`), in rule
//! order, stopping at the first count over a blocking limit. The engine
//! turns an answer over the limit into the decision
//! ([`Decision::rate_limited`]); this module only asks.

use edgewall_engine::rate_limit::{Counter, LimitAction, LimitCheck};
use edgewall_engine::{Action, Decision};
use worker::{Env, Method, Request, RequestInit};

/// The decision after every count it names; `Err` when a counter could
/// not be asked (a missing binding, a failed call), and the caller fails
/// closed.
pub async fn count(mut decision: Decision, env: &Env) -> Result<Decision, worker::Error> {
    let checks = decision.rate_limits.clone();
    for check in &checks {
        if !within_limit(check, env).await? {
            decision = decision.rate_limited(check);
            if check.action == LimitAction::Block && decision.action == Action::Block {
                break;
            }
        }
    }
    Ok(decision)
}

/// Count one request; `true` when it is within the limit.
async fn within_limit(check: &LimitCheck, env: &Env) -> Result<bool, worker::Error> {
    match check.counter {
        Counter::Location => {
            let limiter = env.rate_limiter(&check.binding)?;
            Ok(limiter.limit(check.key.clone()).await?.success)
        }
        Counter::Global => {
            let namespace = env.durable_object(&check.binding)?;
            let stub = namespace.id_from_name(&check.key)?.get_stub()?;
            let url = format!(
                "https://counter.edgewall/?limit={}&period={}",
                check.limit, check.period
            );
            let mut init = RequestInit::new();
            init.with_method(Method::Post);
            let mut resp = stub
                .fetch_with_request(Request::new_with_init(&url, &init)?)
                .await?;
            if resp.status_code() != 200 {
                return Err(format!("counter answered {}", resp.status_code()).into());
            }
            let answer: serde_json::Value = serde_json::from_str(&resp.text().await?)?;
            answer["allowed"]
                .as_bool()
                .ok_or_else(|| "counter answer has no `allowed`".into())
        }
    }
}
