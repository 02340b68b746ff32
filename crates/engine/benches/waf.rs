//! One evaluation with the shipped WAF ruleset (rules/40-waf.toml) against
//! an in-run baseline: the same request through the same policy without
//! `[waf]`. Requests: see `support/samples.rs`.
//!
//! `shipped_ruleset` evaluates every value as new (the cache of values that
//! passed is off): the cost of first-seen traffic. `shipped_ruleset_repeat`
//! has the cache on and warm: the same request again, as from a returning
//! browser whose headers and cookies passed before.
//!
//! `mix/*` evaluates the load benchmark's 2,000 requests in order, cache
//! on, as one isolate of the Worker would see them (`support/mix.rs`); its
//! time divided by 2,000 is the engine's share of a request under load.
//!
//! `cargo bench -p edgewall-engine --bench waf`

// Benches are not request paths.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use edgewall_engine::waf::clean::CleanValues;
use edgewall_engine::{load, Policy};

#[path = "support/samples.rs"]
mod samples;
use samples::requests;
#[path = "support/mix.rs"]
mod mix;

fn policy(with_waf: bool, cache: bool) -> Policy {
    let dir = format!("{}/../../rules", env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![(
        "rules/10-ip-acl.toml".to_string(),
        "[ip_acl]\ndefault = \"allow\"\n".to_string(),
    )];
    if with_waf {
        let text = std::fs::read_to_string(format!("{dir}/40-waf.toml")).unwrap();
        files.push(("rules/40-waf.toml".to_string(), text));
    }
    let mut p = load(&files).unwrap().policy;
    if !cache {
        p.waf.clean = CleanValues::disabled();
    }
    p
}

fn bench(c: &mut Criterion) {
    let without = policy(false, false);
    let with = policy(true, false);
    let repeat = policy(true, true);
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
        g.bench_function(format!("shipped_ruleset_repeat/{name}"), |b| {
            b.iter(|| repeat.evaluate(black_box(&r)))
        });
    }
    g.finish();

    let reqs = mix::mix();
    for (kind, r) in &reqs {
        let blocked = with.evaluate(r).action != edgewall_engine::Action::Allow;
        assert_eq!(
            blocked,
            *kind == mix::Kind::Attack,
            "{} {}",
            r.method,
            r.url
        );
    }
    let mut g = c.benchmark_group("mix");
    g.sample_size(10);
    g.throughput(criterion::Throughput::Elements(reqs.len() as u64));
    g.bench_function("baseline_no_waf", |b| b.iter(|| allowed(&without, &reqs)));
    g.bench_function("shipped_ruleset", |b| b.iter(|| allowed(&repeat, &reqs)));
    g.finish();
}

/// How many of `reqs` `policy` allows.
fn allowed(policy: &Policy, reqs: &[(mix::Kind, edgewall_engine::Request)]) -> usize {
    reqs.iter()
        .filter(|(_, r)| policy.evaluate(black_box(r)).action == edgewall_engine::Action::Allow)
        .count()
}

criterion_group!(benches, bench);
criterion_main!(benches);
