//! Prints the load benchmark's request mix (`benches/support/mix.rs`) as
//! JSON, for `scripts/bench/runtime.mjs` to send to the Workers with wrk:
//! one definition of the mix for the engine-alone benchmarks and the load
//! on workerd. Each request: method, path (with query), headers in order
//! as `[name, value]` pairs (the client IP as `cf-connecting-ip`, no
//! `host`), body (absent for none), and whether it is an attack the
//! default rules must block.
//!
//! `cargo run --release -p edgewall-engine --example load_mix > mix.json`

// Not a request path.
#![allow(clippy::expect_used)]

#[path = "../benches/support/mix.rs"]
mod mix;

use serde_json::{json, Value};

fn main() {
    let requests: Vec<Value> = mix::mix()
        .into_iter()
        .map(|(kind, r)| {
            let mut headers: Vec<(String, String)> = Vec::new();
            for (name, value) in r.headers {
                if name == "host" {
                    continue;
                }
                // The client IP goes after the browser's own headers,
                // before what the request adds for its body.
                let last_of_browser = name == "cookie";
                headers.push((name, value));
                if last_of_browser {
                    headers.push((
                        "cf-connecting-ip".into(),
                        r.connecting_ip.clone().unwrap_or_default(),
                    ));
                }
            }
            // The mix's bodies are ASCII text.
            let body = r
                .body
                .map(|b| String::from_utf8(b).expect("the mix's bodies are text"));
            json!({
                "method": r.method,
                "path": r.url,
                "headers": headers,
                "body": body,
                "attack": kind == mix::Kind::Attack,
            })
        })
        .collect();
    println!("{}", Value::Array(requests));
}
