//! The geo database the end-to-end suites use,
//! `tests/e2e/rules/geo/test-countries.mmdb`, is written by this test with
//! known networks, so the e2e suites test real MaxMind DB bytes whose
//! answers we know. The test fails when the committed file differs from what
//! it would write; `EDGEWALL_UPDATE_FIXTURES=1 cargo test -p edgewall-engine
//! --test geo_fixture` rewrites it.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::time::{Duration, UNIX_EPOCH};

use edgewall_engine::geo::{Country, GeoDb};
use mmdb_writer::ipnet::IpNet;
use mmdb_writer::{Ipv4Aliasing, Writer};
use serde_json::json;

/// (network, country, continent, ASN): ranges reserved for benchmarking
/// (198.18.0.0/15) and documentation (2001:db8::/32), so they can never
/// be mistaken for real allocations.
pub const NETWORKS: &[(&str, &str, &str, u32)] = &[
    ("198.18.1.0/24", "DE", "EU", 64501),
    ("198.18.2.0/24", "KP", "AS", 64502),
    ("198.18.3.0/24", "BR", "SA", 64503),
    ("198.18.4.0/24", "FR", "EU", 64504),
    ("198.18.5.0/24", "US", "NA", 64505),
    ("198.18.6.0/24", "GB", "EU", 64506),
    ("2001:db8:7000::/48", "JP", "AS", 64507),
    ("2001:db8:7001::/48", "IT", "EU", 64508),
];

fn write() -> Vec<u8> {
    let mut w = Writer::builder("edgewall-Test-Country")
        .ip_version(mmdb_writer::IpVersion::V6)
        // Without the IPv4-mapped alias: the engine must canonicalise
        // `::ffff:198.18.1.1` itself.
        .ipv4_aliasing(Ipv4Aliasing::Disabled)
        .description(&[("en", "edgewall end-to-end test database")])
        .build_epoch(UNIX_EPOCH + Duration::from_secs(1_700_000_000))
        .build();
    for (net, country, continent, asn) in NETWORKS {
        let record = json!({
            "continent": {"code": continent},
            "country": {"iso_code": country},
            "autonomous_system_number": asn,
        });
        w.insert(net.parse::<IpNet>().unwrap(), &record).unwrap();
    }
    w.to_bytes().unwrap()
}

#[test]
fn committed_fixture_is_what_this_test_writes() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/e2e/rules/geo/test-countries.mmdb");
    let bytes = write();
    if std::env::var_os("EDGEWALL_UPDATE_FIXTURES").is_some() {
        std::fs::write(&path, &bytes).unwrap();
    }
    let committed = std::fs::read(&path).unwrap_or_default();
    assert!(
        committed == bytes,
        "{} is stale; rerun with EDGEWALL_UPDATE_FIXTURES=1",
        path.display()
    );
    let db = GeoDb::from_bytes(committed).unwrap();
    db.verify().unwrap();
    for (net, country, _, asn) in NETWORKS {
        let first = net.parse::<IpNet>().unwrap().network();
        let info = db.lookup(first);
        assert_eq!(info.country, Country::parse(country), "{net}");
        assert_eq!(info.asn, Some(*asn), "{net}");
    }
    // IPv4-mapped IPv6 is the IPv4 address; outside the networks is a miss.
    assert_eq!(
        db.lookup("::ffff:198.18.2.9".parse().unwrap()).country,
        Country::parse("KP")
    );
    assert_eq!(db.lookup("198.18.9.1".parse().unwrap()).country, None);
}
