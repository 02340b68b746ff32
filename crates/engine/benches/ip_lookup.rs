//! IP ACL lookups at 10 to 100,000 entries, against two in-run
//! baselines: a linear scan over the same networks (the naive
//! implementation) and a policy with no ACL at all (the floor).
//!
//! `cargo bench -p edgewall-engine --bench ip_lookup`

// Benches are not request paths.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::hint::black_box;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use edgewall_engine::ip::{Entry, IpSet};
use edgewall_engine::{load, Policy, Request};
use ipnet::{IpNet, Ipv4Net, Ipv6Net};

const SIZES: [usize; 5] = [10, 100, 1_000, 10_000, 100_000];
const QUERIES: usize = 1024;

/// Deterministic xorshift64: the same networks and queries every run.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// `n` networks, 80% IPv4 and 20% IPv6 (/32../128).
fn networks(n: usize, rng: &mut Rng) -> Vec<IpNet> {
    (0..n)
        .map(|i| {
            if i % 5 == 4 {
                let len = 32 + (rng.next() % 97) as u8;
                let addr = Ipv6Addr::from(((rng.next() as u128) << 64) | rng.next() as u128);
                IpNet::V6(Ipv6Net::new(addr, len).unwrap().trunc())
            } else {
                // Shaped like real blocklists: mostly hosts and /24s, few
                // wide networks (wide ones would merge the set into a
                // handful of ranges and flatter the numbers).
                let len = match rng.next() % 100 {
                    0 => 16,
                    1..=9 => 22,
                    10..=39 => 24,
                    40..=49 => 28,
                    _ => 32,
                };
                let addr = Ipv4Addr::from(rng.next() as u32);
                IpNet::V4(Ipv4Net::new(addr, len).unwrap().trunc())
            }
        })
        .collect()
}

/// Half the queries fall inside a listed network, half are random.
fn queries(nets: &[IpNet], rng: &mut Rng) -> Vec<IpAddr> {
    (0..QUERIES)
        .map(|i| {
            if i % 2 == 0 {
                let net = nets[(rng.next() as usize) % nets.len()];
                match net {
                    IpNet::V4(n) => IpAddr::V4(n.network()),
                    IpNet::V6(n) => IpAddr::V6(n.network()),
                }
            } else if i % 10 == 1 {
                IpAddr::V6(Ipv6Addr::from(
                    ((rng.next() as u128) << 64) | rng.next() as u128,
                ))
            } else {
                IpAddr::V4(Ipv4Addr::from(rng.next() as u32))
            }
        })
        .collect()
}

fn ipset_vs_linear(c: &mut Criterion) {
    let mut contains = c.benchmark_group("ipset_contains");
    for n in SIZES {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ n as u64);
        let nets = networks(n, &mut rng);
        let qs = queries(&nets, &mut rng);
        let set = IpSet::from_entries(nets.iter().map(|n| Entry::Net(*n)));
        eprintln!("ipset_contains/{n}: {} merged ranges", set.range_count());
        contains.throughput(Throughput::Elements(QUERIES as u64));
        contains.bench_with_input(BenchmarkId::from_parameter(n), &qs, |b, qs| {
            b.iter(|| qs.iter().filter(|ip| set.contains(black_box(**ip))).count())
        });
    }
    contains.finish();

    let mut linear = c.benchmark_group("linear_scan_baseline");
    for n in SIZES {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ n as u64);
        let nets = networks(n, &mut rng);
        let qs = queries(&nets, &mut rng);
        linear.throughput(Throughput::Elements(QUERIES as u64));
        if n >= 10_000 {
            linear.sample_size(10);
        }
        linear.bench_with_input(BenchmarkId::from_parameter(n), &qs, |b, qs| {
            b.iter(|| {
                qs.iter()
                    .filter(|ip| nets.iter().any(|n| n.contains(black_box(*ip))))
                    .count()
            })
        });
    }
    linear.finish();
}

/// Rule files: two path-scoped rules, then a deny rule over a list file of
/// `n` networks.
fn rules(n: usize) -> Vec<(String, String)> {
    let mut rng = Rng(0x2545_f491_4f6c_dd1d ^ n as u64);
    let list: String = networks(n, &mut rng)
        .iter()
        .map(|n| format!("{n}\n"))
        .collect();
    let toml = r#"
[client_ip]
on_missing = "block"

[ip_acl]
default = "allow"

[[ip_acl.rule]]
id = "admin-office"
paths = ["/admin"]
action = "allow"
cidrs = ["203.0.113.0/24"]

[[ip_acl.rule]]
id = "admin-others"
paths = ["/admin"]
action = "deny"
cidrs = ["all"]

[[ip_acl.rule]]
id = "big"
action = "deny"
lists = ["big"]

[ip_lists.big]
file = "lists/big.txt"
"#;
    vec![
        ("rules/acl.toml".into(), toml.into()),
        ("rules/lists/big.txt".into(), list),
    ]
}

fn policy_requests() -> Vec<Request> {
    let mut rng = Rng(7);
    (0..QUERIES)
        .map(|i| Request {
            connecting_ip: Some(Ipv4Addr::from(rng.next() as u32).to_string()),
            ..Request::get(if i % 4 == 0 {
                "/admin/users?page=2"
            } else {
                "/products/42?ref=home"
            })
        })
        .collect()
}

fn policy_evaluate(c: &mut Criterion) {
    let reqs = policy_requests();
    let mut g = c.benchmark_group("policy_evaluate");
    g.throughput(Throughput::Elements(QUERIES as u64));
    let floor = load(&[(
        "rules/a.toml".into(),
        "[client_ip]\non_missing = \"block\"\n".into(),
    )])
    .unwrap()
    .policy;
    g.bench_function("no_acl_baseline", |b| b.iter(|| run(&floor, &reqs)));
    for n in SIZES {
        let p = load(&rules(n)).unwrap().policy;
        g.bench_with_input(BenchmarkId::from_parameter(n), &p, |b, p| {
            b.iter(|| run(p, &reqs))
        });
    }
    g.finish();
}

fn run(p: &Policy, reqs: &[Request]) -> usize {
    reqs.iter()
        .filter(|r| p.evaluate(black_box(r)).rule.is_some())
        .count()
}

/// Parsing and compiling the rules: the Worker's per-isolate cold-start cost.
fn load_rules(c: &mut Criterion) {
    let mut g = c.benchmark_group("load_rules");
    g.sample_size(10);
    for n in [1_000, 100_000] {
        let files = rules(n);
        g.bench_with_input(BenchmarkId::from_parameter(n), &files, |b, f| {
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
    targets = ipset_vs_linear, policy_evaluate, load_rules
}
criterion_main!(benches);
