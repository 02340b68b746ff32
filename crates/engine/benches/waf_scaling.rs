//! How the WAF's cost grows with the number of rules: one evaluation of
//! each benchmark request (a browser GET, a 4 KB JSON POST, a 64 KB form)
//! and the rule load, with 10, 100 and 1,000 generated rules, against an
//! in-run baseline: the same policy without `[waf]`.
//!
//! The rules are generated, not the shipped ones repeated (a repeated rule
//! would share its compiled transformations and prefilter and flatter the
//! numbers): each is shaped like a real one, a regex (keyword
//! alternations with separators, function calls, tags with handlers,
//! file extensions, header injection) or a phrase list, with its own
//! words, its own transformation chain from the shipped set and its own
//! targets. The words are made up, so no benign request matches and every
//! rule is evaluated to the end, as for legitimate traffic.
//!
//! `cargo bench -p edgewall-engine --bench waf_scaling`

// Benches are not request paths.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fmt::Write as _;
use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use edgewall_engine::{load, Action, Policy};

#[path = "support/samples.rs"]
mod samples;
use samples::requests;

const RULE_COUNTS: [usize; 3] = [10, 100, 1_000];

/// Deterministic xorshift64: the same rules every run.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
}

/// A made-up word of 4 to 9 letters, from syllables no benchmark request
/// contains.
fn word(rng: &mut Rng) -> String {
    const ONSETS: &[&str] = &["zr", "kv", "qu", "xy", "vl", "gz", "jh", "wq", "zh", "kx"];
    const VOWELS: &[&str] = &["a", "o", "u", "ei", "y"];
    const CODAS: &[&str] = &["", "k", "x", "z", "rn", "q"];
    let mut w = String::new();
    for _ in 0..1 + rng.below(3) {
        w.push_str(rng.pick(ONSETS));
        w.push_str(rng.pick(VOWELS));
        w.push_str(rng.pick(CODAS));
    }
    w
}

fn words(rng: &mut Rng, n: usize) -> Vec<String> {
    (0..n).map(|_| word(rng)).collect()
}

/// One regex in the shapes the shipped rules use.
fn regex(rng: &mut Rng) -> String {
    // `min` to `min + spread - 1` alternatives.
    let alt = |rng: &mut Rng, min: usize, spread: usize| {
        let n = min + rng.below(spread);
        words(rng, n).join("|")
    };
    match rng.below(6) {
        // SQL-ish keywords in sequence.
        0 => format!(r"\b(?:{})\s+(?:{})\b", alt(rng, 2, 4), alt(rng, 2, 4)),
        // A function call.
        1 => format!(r"\b(?:{})\s*\(", alt(rng, 3, 8)),
        // A tag with an event handler.
        2 => format!(r"<\s*(?:{})\b[^>]{{0,80}}\bon[a-z]+\s*=", alt(rng, 2, 5)),
        // A file with a dangerous extension.
        3 => format!(
            r"(?:^|[/\\])(?:{})\.(?:php|aspx?|jsp|cgi|sh)\b",
            alt(rng, 2, 6)
        ),
        // A command after a separator.
        4 => format!(r"[;|&`]\s*(?:{})\b", alt(rng, 3, 10)),
        // A header injected after a line break.
        _ => format!(r"[\r\n]\s*(?:{})\s*:", alt(rng, 1, 3)),
    }
}

const TARGETS: &[&str] = &[
    "args",
    "args_names",
    "path",
    "path_segments",
    "cookies",
    "client_headers",
    "body",
    "files",
];
const TRANSFORMS: &[&str] = &[
    "url_decode_uni",
    "html_entity_decode",
    "remove_nulls",
    "replace_comments",
    "lowercase",
    "compress_whitespace",
];

/// `[waf]` with `n` generated rules.
fn waf_rules(n: usize) -> String {
    let mut rng = Rng(0x5851_f42d_4c95_7f2d ^ n as u64);
    let mut s = String::from(
        "[waf]\nmode = \"block\"\nparanoia_level = 1\nanomaly_threshold = 5\nbody_limit = 65536\non_body_over_limit = \"inspect_prefix\"\n",
    );
    for i in 0..n {
        // Targets: 2 to 5 of the shipped kinds.
        let mut targets: Vec<&str> = Vec::new();
        for _ in 0..2 + rng.below(4) {
            let t = rng.pick(TARGETS);
            if !targets.contains(&t) {
                targets.push(t);
            }
        }
        // A prefix of the shipped decoding chain, as the shipped rules
        // share theirs.
        let chain = &TRANSFORMS[..1 + rng.below(TRANSFORMS.len())];
        let quoted = |xs: &[&str]| {
            xs.iter()
                .map(|x| format!("\"{x}\""))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let _ = write!(
            s,
            "\n[[waf.rule]]\nid = \"gen-{i}\"\nseverity = \"critical\"\ntargets = [{}]\ntransforms = [{}]\n",
            quoted(&targets),
            quoted(chain)
        );
        if rng.below(5) == 0 {
            let n = 4 + rng.below(16);
            let ws = words(&mut rng, n);
            let ws: Vec<&str> = ws.iter().map(String::as_str).collect();
            let _ = writeln!(s, "phrases = [{}]", quoted(&ws));
        } else {
            let _ = writeln!(s, "regex = '{}'", regex(&mut rng));
        }
    }
    s
}

fn policy(waf: Option<String>) -> Policy {
    let mut files = vec![(
        "rules/10-ip-acl.toml".to_string(),
        "[ip_acl]\ndefault = \"allow\"\n".to_string(),
    )];
    if let Some(text) = waf {
        files.push(("rules/40-waf.toml".to_string(), text));
    }
    let mut p = load(&files).unwrap().policy;
    // Every evaluation as if its values were new (no cache of values that
    // passed): the cost of first-seen traffic.
    p.waf.clean = edgewall_engine::waf::clean::CleanValues::disabled();
    p
}

fn evaluate(c: &mut Criterion) {
    let reqs = requests();
    let mut g = c.benchmark_group("waf_scaling");
    let base = policy(None);
    for (name, r) in &reqs {
        g.bench_function(
            BenchmarkId::new(format!("{name}/baseline_no_waf"), 0),
            |b| b.iter(|| base.evaluate(black_box(r))),
        );
    }
    for n in RULE_COUNTS {
        let p = policy(Some(waf_rules(n)));
        for (name, r) in &reqs {
            assert_eq!(p.evaluate(r).action, Action::Allow, "{name} with {n} rules");
            g.bench_function(BenchmarkId::new(format!("{name}/rules"), n), |b| {
                b.iter(|| p.evaluate(black_box(r)))
            });
        }
    }
    g.finish();
}

/// Parsing and compiling the rules: what a fresh isolate pays once.
fn load_rules(c: &mut Criterion) {
    let mut g = c.benchmark_group("waf_scaling_load");
    g.sample_size(10);
    for n in RULE_COUNTS {
        let files = vec![("rules/40-waf.toml".to_string(), waf_rules(n))];
        g.bench_with_input(BenchmarkId::new("rules", n), &files, |b, f| {
            b.iter(|| load(black_box(f)).unwrap())
        });
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .measurement_time(Duration::from_secs(3))
        .warm_up_time(Duration::from_secs(1));
    targets = evaluate, load_rules
}
criterion_main!(benches);
