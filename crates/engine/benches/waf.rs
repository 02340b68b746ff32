//! One evaluation with the shipped WAF ruleset (rules/40-waf.toml) against
//! an in-run baseline: the same request through the same policy without
//! `[waf]`. Requests: a plain browser GET, a 4 KB JSON POST, a 64 KB form.
//!
//! `cargo bench -p edgewall-engine --bench waf`

// Benches are not request paths.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use edgewall_engine::{load, Policy, Request};

fn policy(with_waf: bool) -> Policy {
    let dir = format!("{}/../../rules", env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![(
        "rules/10-ip-acl.toml".to_string(),
        "[ip_acl]\ndefault = \"allow\"\n".to_string(),
    )];
    if with_waf {
        let text = std::fs::read_to_string(format!("{dir}/40-waf.toml")).unwrap();
        files.push(("rules/40-waf.toml".to_string(), text));
    }
    load(&files).unwrap().policy
}

fn browser_headers() -> Vec<(String, String)> {
    [
        ("host", "shop.example.com"),
        ("user-agent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36"),
        ("accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"),
        ("accept-language", "en-GB,en;q=0.9,de;q=0.8"),
        ("accept-encoding", "gzip, deflate, br"),
        ("referer", "https://shop.example.com/catalog?page=2"),
        ("cookie", "session=4f2a9c1e8b7d6a5f4e3d2c1b0a9f8e7d; theme=dark; consent=analytics%3Dfalse"),
    ]
    .iter()
    .map(|(n, v)| (n.to_string(), v.to_string()))
    .collect()
}

fn requests() -> Vec<(&'static str, Request)> {
    let get = Request {
        method: "GET".into(),
        url: "/catalog/shoes?color=blue&size=42&sort=price_asc&utm_source=newsletter".into(),
        headers: browser_headers(),
        connecting_ip: Some("198.51.100.7".into()),
        ..Default::default()
    };
    let mut json = String::from("{\"order\":{\"items\":[");
    let mut i = 0;
    while json.len() < 4000 {
        json.push_str(&format!("{{\"sku\":\"SKU-{i:05}\",\"qty\":{},\"note\":\"gift wrap, please - it's for O'Brien\"}},", i % 5 + 1));
        i += 1;
    }
    json.push_str("{\"sku\":\"last\",\"qty\":1}],\"coupon\":null,\"express\":true}}");
    let mut h = browser_headers();
    h.push(("content-type".into(), "application/json".into()));
    let post_json = Request {
        method: "POST".into(),
        url: "/api/v1/orders".into(),
        headers: h,
        connecting_ip: Some("198.51.100.7".into()),
        body: Some(json.into_bytes()),
        ..Default::default()
    };
    let mut form = String::new();
    let mut k = 0;
    while form.len() < 64 * 1024 {
        form.push_str(&format!("field{k}=Some+ordinary+text+with+words+like+select+and+update%2C+numbers+{k}+and+O%27Reilly&"));
        k += 1;
    }
    let mut h = browser_headers();
    h.push((
        "content-type".into(),
        "application/x-www-form-urlencoded".into(),
    ));
    let post_form = Request {
        method: "POST".into(),
        url: "/account/profile".into(),
        headers: h,
        connecting_ip: Some("198.51.100.7".into()),
        body: Some(form.into_bytes()),
        ..Default::default()
    };
    vec![
        ("get", get),
        ("json_4k", post_json),
        ("form_64k", post_form),
    ]
}

fn bench(c: &mut Criterion) {
    let without = policy(false);
    let with = policy(true);
    let mut g = c.benchmark_group("waf");
    for (name, r) in requests() {
        assert_eq!(
            with.evaluate(&r).action,
            edgewall_engine::Action::Allow,
            "{name}"
        );
        g.bench_function(format!("baseline_no_waf/{name}"), |b| {
            b.iter(|| without.evaluate(black_box(&r)))
        });
        g.bench_function(format!("shipped_ruleset/{name}"), |b| {
            b.iter(|| with.evaluate(black_box(&r)))
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
