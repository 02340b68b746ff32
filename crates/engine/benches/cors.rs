//! What the CORS stage costs per request, against an in-run baseline: the
//! same request through a policy without `[cors]`.
//!
//! `cargo bench -p edgewall-engine --bench cors`

// Benches are not request paths.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use edgewall_engine::{load, Policy, Request};

const CORS: &str = r#"
[[cors.policy]]
id = "api"
paths = ["/api"]
allow_origins = ["https://app.example.com", "https://admin.example.com", "https://*.example.org"]
allow_origin_regexes = ['^https://pr-[0-9]+\.preview\.example\.net$']
allow_methods = ["GET", "POST", "PUT", "DELETE"]
allow_headers = ["Content-Type", "Authorization", "X-Custom"]
expose_headers = ["X-Request-Id"]
allow_credentials = true
max_age = 600
"#;

fn policy(with_cors: bool) -> Policy {
    let mut files = vec![(
        "rules/10-acl.toml".to_string(),
        "[ip_acl]\ndefault = \"allow\"\n[[ip_acl.rule]]\nid = \"bad\"\naction = \"deny\"\ncidrs = [\"192.0.2.0/24\"]\n".to_string(),
    )];
    if with_cors {
        files.push(("rules/20-cors.toml".to_string(), CORS.to_string()));
    }
    load(&files).unwrap().policy
}

fn req(method: &str, url: &str, headers: &[(&str, &str)]) -> Request {
    Request {
        method: method.into(),
        url: url.into(),
        headers: headers
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect(),
        connecting_ip: Some("198.51.100.7".into()),
        ..Default::default()
    }
}

fn bench(c: &mut Criterion) {
    let browser: &[(&str, &str)] = &[
        ("host", "api.example.com"),
        (
            "user-agent",
            "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 Safari/537.36",
        ),
        ("accept", "application/json"),
        ("accept-language", "en-GB,en;q=0.9"),
        ("cookie", "session=abcdef0123456789"),
    ];
    let with = |extra: &[(&'static str, &'static str)]| {
        let mut h = browser.to_vec();
        h.extend_from_slice(extra);
        h
    };
    let cases = [
        (
            "get_no_origin",
            req("GET", "https://api.example.com/api/items?page=2", browser),
        ),
        (
            "get_allowed_origin",
            req(
                "GET",
                "https://api.example.com/api/items?page=2",
                &with(&[("origin", "https://shop.example.org")]),
            ),
        ),
        (
            "get_refused_origin",
            req(
                "GET",
                "https://api.example.com/api/items?page=2",
                &with(&[("origin", "https://evil.test")]),
            ),
        ),
        (
            "preflight",
            req(
                "OPTIONS",
                "https://api.example.com/api/items",
                &with(&[
                    ("origin", "https://pr-42.preview.example.net"),
                    ("access-control-request-method", "PUT"),
                    ("access-control-request-headers", "content-type, x-custom"),
                ]),
            ),
        ),
    ];
    let without = policy(false);
    let cors = policy(true);
    let mut g = c.benchmark_group("cors");
    for (name, r) in &cases {
        g.bench_function(format!("baseline_no_cors/{name}"), |b| {
            b.iter(|| without.evaluate(black_box(r)))
        });
        g.bench_function(format!("with_cors/{name}"), |b| {
            b.iter(|| cors.evaluate(black_box(r)))
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
