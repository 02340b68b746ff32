//! Lookups in a MaxMind DB (`.mmdb`): the country, continent and ASN of an
//! address.
//!
//! The database is checked once, when it is loaded ([`GeoDb::from_bytes`]):
//! that it is a MaxMind DB at all (not a CSV, not still gzipped), that its
//! metadata is readable, and that its type can hold countries or ASNs. After
//! that, [`GeoDb::lookup`] cannot fail: an address the database does not
//! cover, an IPv6 address in an IPv4-only database, a record of an unexpected
//! shape, a code that is not a country: each is "not known" (`None`), never
//! an error on the request path.
//!
//! Records are read in every layout the free and commercial databases use,
//! field by field, so one unexpected field does not lose the others:
//!
//! - country: `country.iso_code` (GeoIP2/GeoLite2 Country, City, Enterprise;
//!   DB-IP), else `country_code` (`@ip-location-db`), else
//!   `registered_country.iso_code` (GeoIP2 networks with no location), or
//!   `country` as a plain string;
//! - continent: `continent.code`, or `continent` / `continent_code` as a
//!   plain string;
//! - ASN: `autonomous_system_number` (GeoLite2-ASN, ISP), else
//!   `traits.autonomous_system_number` (Enterprise), else `asn` as a number
//!   or as `"AS15169"`.
//!
//! A database with no continent gets it from the country (as MaxMind
//! assigns them; see [`super::codes`]). ASN 0 (not routed, RFC 7607) is no
//! ASN.

use std::borrow::Cow;
use std::fmt;
use std::net::IpAddr;

use maxminddb::{Reader, WithinOptions};
use serde::de::{Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use super::codes::{Continent, Country};

/// What a database knows about an address. All `None` when it knows nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct GeoInfo {
    pub country: Option<Country>,
    pub continent: Option<Continent>,
    pub asn: Option<u32>,
}

impl GeoInfo {
    /// Nothing known.
    pub const MISS: GeoInfo = GeoInfo {
        country: None,
        continent: None,
        asn: None,
    };
}

/// The addresses a database covers, from its metadata.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IpVersion {
    /// IPv4 only: every IPv6 address is a miss.
    V4,
    /// IPv6, and IPv4 if the database has an IPv4 subtree.
    V6,
}

/// What a database's records hold, judged by its `database_type`, so a
/// policy can reject a database that cannot answer its rules at load time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DbContent {
    /// Countries (and continents): Country and City databases.
    Country,
    /// ASNs: ASN and ISP databases.
    Asn,
    /// Both: Enterprise, or combined databases.
    CountryAndAsn,
    /// A type this module does not know: records are read all the same, and
    /// answer whatever fields they have.
    Unrecognised,
}

/// Why a database cannot be loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GeoDbError {
    /// Zero bytes.
    Empty,
    /// An archive or compressed file, not yet unpacked.
    Packed { format: &'static str },
    /// Not a MaxMind DB, or its metadata or search tree is malformed.
    Malformed { reason: String },
    /// The metadata has no `database_type`.
    NoDatabaseType,
    /// A MaxMind DB with neither countries nor ASNs (such as Anonymous-IP).
    NotGeo { database_type: String },
    /// [`GeoDb::verify`] found a bad pointer or record.
    Corrupt { reason: String },
    /// [`GeoDb::verify`] found no record with a country or an ASN.
    NoGeoRecords { networks: usize },
}

impl fmt::Display for GeoDbError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GeoDbError::Empty => f.write_str("the geo database is empty (0 bytes)"),
            GeoDbError::Packed { format } => write!(
                f,
                "the geo database is a {format} file, not a MaxMind DB; unpack the .mmdb file from it"
            ),
            GeoDbError::Malformed { reason } => {
                write!(f, "the geo database is not a readable MaxMind DB (.mmdb): {reason}")
            }
            GeoDbError::NoDatabaseType => {
                f.write_str("the geo database's metadata has an empty `database_type`")
            }
            GeoDbError::NotGeo { database_type } => write!(
                f,
                "the geo database is of type `{database_type}`, which has neither countries nor \
                 ASNs; use a Country, City or ASN database"
            ),
            GeoDbError::Corrupt { reason } => {
                write!(f, "the geo database is corrupt: {reason}")
            }
            GeoDbError::NoGeoRecords { networks } => write!(
                f,
                "none of the geo database's {networks} networks has a country or an ASN in a \
                 layout edgewall reads (GeoIP2/GeoLite2, ip-location-db, `country_code`, `asn`)"
            ),
        }
    }
}

impl std::error::Error for GeoDbError {}

/// What [`GeoDb::verify`] counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Coverage {
    /// Networks with a record.
    pub networks: usize,
    /// Of those, the ones whose record has a country.
    pub with_country: usize,
    /// Of those, the ones whose record has an ASN.
    pub with_asn: usize,
}

/// A loaded MaxMind DB.
#[derive(Debug)]
pub struct GeoDb {
    reader: Reader<Cow<'static, [u8]>>,
    ip_version: IpVersion,
    content: DbContent,
}

impl GeoDb {
    /// Load a database from its bytes, checking its metadata.
    pub fn from_bytes(bytes: Vec<u8>) -> Result<GeoDb, GeoDbError> {
        GeoDb::load(Cow::Owned(bytes))
    }

    /// As [`GeoDb::from_bytes`], without copying a database that is already
    /// in memory for good (`include_bytes!`).
    pub fn from_static(bytes: &'static [u8]) -> Result<GeoDb, GeoDbError> {
        GeoDb::load(Cow::Borrowed(bytes))
    }

    fn load(bytes: Cow<'static, [u8]>) -> Result<GeoDb, GeoDbError> {
        if bytes.is_empty() {
            return Err(GeoDbError::Empty);
        }
        if let Some(format) = packed(&bytes) {
            return Err(GeoDbError::Packed { format });
        }
        let reader = Reader::from_source(bytes).map_err(|e| GeoDbError::Malformed {
            reason: e.to_string(),
        })?;
        let meta = reader.metadata();
        let ip_version = match meta.ip_version {
            4 => IpVersion::V4,
            6 => IpVersion::V6,
            v => {
                return Err(GeoDbError::Malformed {
                    reason: format!("ip_version is {v}, not 4 or 6"),
                })
            }
        };
        if meta.database_type.is_empty() {
            return Err(GeoDbError::NoDatabaseType);
        }
        let content = content(&meta.database_type).ok_or_else(|| GeoDbError::NotGeo {
            database_type: meta.database_type.clone(),
        })?;
        Ok(GeoDb {
            reader,
            ip_version,
            content,
        })
    }

    /// Walk every network in the database and decode its record as a lookup
    /// would: a bad pointer or a malformed record is [`GeoDbError::Corrupt`],
    /// and a database none of whose records has a country or an ASN (a
    /// layout this module cannot read) is [`GeoDbError::NoGeoRecords`].
    /// Reads the whole file (about 40 ms natively for 400,000 networks), so for
    /// build time and `edgewall check`, not for every cold start.
    ///
    /// (`maxminddb`'s own `verify` also rejects metadata with an empty
    /// `description`, which the ip-location-db databases have.)
    pub fn verify(&self) -> Result<Coverage, GeoDbError> {
        let corrupt = |e: maxminddb::MaxMindDbError| GeoDbError::Corrupt {
            reason: e.to_string(),
        };
        let mut coverage = Coverage::default();
        for found in self
            .reader
            .networks(WithinOptions::default())
            .map_err(corrupt)?
        {
            let found = found.map_err(corrupt)?;
            coverage.networks += 1;
            let info = match found.decode::<Record>() {
                Ok(record) => record.map(Record::info),
                // Not a map: no geo data, but only corrupt if it cannot
                // even be skipped over.
                Err(_) => found
                    .decode::<IgnoredAny>()
                    .map_err(|e| GeoDbError::Corrupt {
                        reason: match found.network() {
                            Ok(net) => format!("the record for {net}: {e}"),
                            Err(_) => e.to_string(),
                        },
                    })?
                    .map(|_| GeoInfo::MISS),
            };
            let info = info.unwrap_or(GeoInfo::MISS);
            coverage.with_country += usize::from(info.country.is_some());
            coverage.with_asn += usize::from(info.asn.is_some());
        }
        if coverage.with_country == 0 && coverage.with_asn == 0 {
            return Err(GeoDbError::NoGeoRecords {
                networks: coverage.networks,
            });
        }
        Ok(coverage)
    }

    /// The country, continent and ASN of `ip`, as far as the database knows.
    /// IPv4-mapped IPv6 addresses are looked up as the IPv4 address.
    pub fn lookup(&self, ip: IpAddr) -> GeoInfo {
        let ip = crate::ip::canonical(ip);
        if ip.is_ipv6() && self.ip_version == IpVersion::V4 {
            return GeoInfo::MISS;
        }
        let Ok(found) = self.reader.lookup(ip) else {
            return GeoInfo::MISS;
        };
        match found.decode::<Record>() {
            Ok(Some(record)) => record.info(),
            Ok(None) | Err(_) => GeoInfo::MISS,
        }
    }

    /// The metadata's `database_type`, such as `GeoLite2-Country`.
    pub fn database_type(&self) -> &str {
        &self.reader.metadata().database_type
    }

    /// When the database was built, in seconds since the Unix epoch (the
    /// engine has no clock: the caller judges whether that is stale).
    pub fn build_epoch(&self) -> u64 {
        self.reader.metadata().build_epoch
    }

    pub fn ip_version(&self) -> IpVersion {
        self.ip_version
    }

    pub fn content(&self) -> DbContent {
        self.content
    }
}

/// The archive or compression format `bytes` start with, if any.
fn packed(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: [(&[u8], &str); 5] = [
        (b"\x1f\x8b", "gzip"),
        (b"PK\x03\x04", "zip"),
        (b"\xfd7zXZ\x00", "xz"),
        (b"\x28\xb5\x2f\xfd", "zstd"),
        (b"BZh", "bzip2"),
    ];
    if bytes.get(257..262) == Some(b"ustar") {
        return Some("tar");
    }
    MAGIC
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|(_, format)| *format)
}

/// What a `database_type` holds; `None` for MaxMind's databases that hold
/// neither countries nor ASNs.
fn content(database_type: &str) -> Option<DbContent> {
    const NOT_GEO: [&str; 7] = [
        "anonymous",
        "connection-type",
        "domain",
        "densityincome",
        "ip-risk",
        "static-ip-score",
        "user-count",
    ];
    let t = database_type.to_ascii_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| t.contains(w));
    match (
        has(&["country", "city", "enterprise"]),
        has(&["asn", "isp", "enterprise"]),
    ) {
        (true, true) => Some(DbContent::CountryAndAsn),
        (true, false) => Some(DbContent::Country),
        (false, true) => Some(DbContent::Asn),
        (false, false) if has(&NOT_GEO) => None,
        (false, false) => Some(DbContent::Unrecognised),
    }
}

/// The fields of a record that geo rules use, in every layout (see the
/// module comment). Every field is optional and read leniently: a field of
/// an unexpected type is `None`, and the others still count.
#[derive(Deserialize, Default)]
#[serde(default)]
struct Record {
    country: Code,
    registered_country: Code,
    country_code: Code,
    continent: Code,
    continent_code: Code,
    autonomous_system_number: Asn,
    traits: Asn,
    asn: Asn,
}

impl Record {
    fn info(self) -> GeoInfo {
        let country = [self.country, self.country_code, self.registered_country]
            .into_iter()
            .find_map(|c| c.0.and_then(Country::from_bytes_ignore_case));
        let continent = [self.continent, self.continent_code]
            .into_iter()
            .find_map(|c| {
                c.0.and_then(|b| {
                    std::str::from_utf8(&b)
                        .ok()
                        .and_then(Continent::parse_ignore_case)
                })
            })
            .or_else(|| country.and_then(Country::continent));
        let asn = [self.autonomous_system_number, self.traits, self.asn]
            .into_iter()
            .find_map(|a| a.0);
        GeoInfo {
            country,
            continent,
            asn,
        }
    }
}

/// A two-letter code: the string itself (`"DE"`), or the `iso_code` or
/// `code` of a map (`{"iso_code": "DE", "names": {…}}`).
#[derive(Default, Clone, Copy)]
struct Code(Option<[u8; 2]>);

/// An ASN: a number, a string (`"AS15169"`, `"15169"`), or the
/// `autonomous_system_number` of a map (`traits`). 0 is none.
#[derive(Default, Clone, Copy)]
struct Asn(Option<u32>);

impl<'de> Deserialize<'de> for Code {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Code, D::Error> {
        d.deserialize_any(CodeVisitor)
    }
}

impl<'de> Deserialize<'de> for Asn {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Asn, D::Error> {
        d.deserialize_any(AsnVisitor)
    }
}

/// A map key, as far as [`Code`] and [`Asn`] care.
enum Key {
    IsoCode,
    Code,
    AutonomousSystemNumber,
    Other,
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Key, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = Key;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map key")
            }
            // The MaxMind decoder hands identifiers over as bytes.
            fn visit_bytes<E>(self, key: &[u8]) -> Result<Key, E> {
                Ok(match key {
                    b"iso_code" => Key::IsoCode,
                    b"code" => Key::Code,
                    b"autonomous_system_number" => Key::AutonomousSystemNumber,
                    _ => Key::Other,
                })
            }
            fn visit_str<E: serde::de::Error>(self, key: &str) -> Result<Key, E> {
                self.visit_bytes(key.as_bytes())
            }
        }
        d.deserialize_identifier(KeyVisitor)
    }
}

/// Values of any other type are no value: the visitors below answer `None`
/// for them, after consuming them.
macro_rules! ignore_other_types {
    ($value:ty, $none:expr) => {
        fn visit_bool<E>(self, _: bool) -> Result<$value, E> {
            Ok($none)
        }
        fn visit_f64<E>(self, _: f64) -> Result<$value, E> {
            Ok($none)
        }
        fn visit_bytes<E>(self, _: &[u8]) -> Result<$value, E> {
            Ok($none)
        }
        fn visit_unit<E>(self) -> Result<$value, E> {
            Ok($none)
        }
        fn visit_none<E>(self) -> Result<$value, E> {
            Ok($none)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<$value, A::Error> {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            Ok($none)
        }
    };
}

struct CodeVisitor;

impl<'de> Visitor<'de> for CodeVisitor {
    type Value = Code;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a two-letter code, or a map with `iso_code` or `code`")
    }

    fn visit_str<E>(self, s: &str) -> Result<Code, E> {
        Ok(Code(match s.as_bytes() {
            &[a, b] => Some([a, b]),
            _ => None,
        }))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Code, A::Error> {
        let mut code = Code(None);
        while let Some(key) = map.next_key::<Key>()? {
            match key {
                Key::IsoCode | Key::Code if code.0.is_none() => code = map.next_value()?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(code)
    }

    fn visit_i64<E>(self, _: i64) -> Result<Code, E> {
        Ok(Code(None))
    }
    fn visit_u64<E>(self, _: u64) -> Result<Code, E> {
        Ok(Code(None))
    }
    fn visit_u128<E>(self, _: u128) -> Result<Code, E> {
        Ok(Code(None))
    }

    ignore_other_types!(Code, Code(None));
}

struct AsnVisitor;

impl<'de> Visitor<'de> for AsnVisitor {
    type Value = Asn;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an AS number, or a map with `autonomous_system_number`")
    }

    fn visit_u64<E>(self, n: u64) -> Result<Asn, E> {
        Ok(Asn(u32::try_from(n).ok().filter(|&n| n != 0)))
    }
    fn visit_i64<E>(self, n: i64) -> Result<Asn, E> {
        Ok(Asn(u32::try_from(n).ok().filter(|&n| n != 0)))
    }
    fn visit_u128<E>(self, n: u128) -> Result<Asn, E> {
        Ok(Asn(u32::try_from(n).ok().filter(|&n| n != 0)))
    }

    fn visit_str<E>(self, s: &str) -> Result<Asn, E> {
        let digits = s
            .strip_prefix("AS")
            .or_else(|| s.strip_prefix("as"))
            .unwrap_or(s);
        Ok(Asn(digits.parse::<u32>().ok().filter(|&n| n != 0)))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Asn, A::Error> {
        let mut asn = Asn(None);
        while let Some(key) = map.next_key::<Key>()? {
            match key {
                Key::AutonomousSystemNumber => asn = map.next_value()?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(asn)
    }

    ignore_other_types!(Asn, Asn(None));
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::{Ipv4Addr, Ipv6Addr};
    use std::time::{Duration, UNIX_EPOCH};

    use mmdb_writer::ipnet::IpNet;
    use mmdb_writer::{Ipv4Aliasing, Writer};
    use serde_json::{json, Value};

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    /// A database written here: `networks` with their records, and no
    /// IPv4-mapped aliases, so a hit on `::ffff:…` proves the lookup
    /// canonicalised it.
    fn write(database_type: &str, version: IpVersion, networks: &[(&str, Value)]) -> Vec<u8> {
        let mut w = Writer::builder(database_type)
            .ip_version(match version {
                IpVersion::V4 => mmdb_writer::IpVersion::V4,
                IpVersion::V6 => mmdb_writer::IpVersion::V6,
            })
            .ipv4_aliasing(Ipv4Aliasing::Disabled)
            .description(&[("en", "edgewall test database")])
            .build_epoch(UNIX_EPOCH + Duration::from_secs(1_700_000_000))
            .build();
        for (net, record) in networks {
            w.insert(net.parse::<IpNet>().unwrap(), record).unwrap();
        }
        w.to_bytes().unwrap()
    }

    fn load(database_type: &str, version: IpVersion, networks: &[(&str, Value)]) -> GeoDb {
        GeoDb::from_bytes(write(database_type, version, networks)).unwrap()
    }

    /// A record as GeoIP2/GeoLite2 Country writes it.
    fn geoip2(country: &str, continent: &str) -> Value {
        json!({
            "continent": {"code": continent, "geoname_id": 6255148, "names": {"en": "Somewhere", "de": "Irgendwo"}},
            "country": {"geoname_id": 2921044, "is_in_european_union": true, "iso_code": country, "names": {"en": "Somewhere"}},
            "registered_country": {"geoname_id": 2921044, "iso_code": country, "names": {"en": "Somewhere"}},
        })
    }

    fn info(country: Option<&str>, continent: Option<&str>, asn: Option<u32>) -> GeoInfo {
        GeoInfo {
            country: country.map(|c| Country::parse(c).unwrap()),
            continent: continent.map(|c| Continent::parse(c).unwrap()),
            asn,
        }
    }

    fn check(db: &GeoDb, cases: &[(&str, GeoInfo)]) {
        for (addr, want) in cases {
            assert_eq!(db.lookup(ip(addr)), *want, "{addr}");
        }
    }

    fn geoip2_country_db(version: IpVersion) -> GeoDb {
        let mut nets = vec![
            ("192.0.2.0/24", geoip2("DE", "EU")),
            (
                "198.51.100.0/24",
                json!({"country": {"iso_code": "US"}, "continent": {"code": "NA"}}),
            ),
            // No location, only where the block is registered.
            (
                "203.0.113.0/25",
                json!({"registered_country": {"iso_code": "JP"}, "continent": {"code": "AS"}}),
            ),
            (
                "203.0.113.128/25",
                json!({"country": {"iso_code": "ZZ"}, "continent": {"code": "AS"}}),
            ),
        ];
        if version == IpVersion::V6 {
            nets.extend([
                ("2001:db8:1::/48", geoip2("BR", "SA")),
                (
                    "2001:db8:2::/48",
                    json!({"country": 42, "continent": ["EU"]}),
                ),
                ("2001:db8:3::/48", json!({"country": {"iso_code": "de"}})),
                ("2001:db8:4::/48", json!("US")),
            ]);
        }
        load("GeoIP2-Country", version, &nets)
    }

    #[test]
    fn geoip2_country_layout_is_read() {
        let db = geoip2_country_db(IpVersion::V6);
        assert_eq!(db.ip_version(), IpVersion::V6);
        assert_eq!(db.content(), DbContent::Country);
        assert_eq!(db.database_type(), "GeoIP2-Country");
        assert_eq!(db.build_epoch(), 1_700_000_000);
        check(
            &db,
            &[
                ("192.0.2.1", info(Some("DE"), Some("EU"), None)),
                ("192.0.2.255", info(Some("DE"), Some("EU"), None)),
                ("198.51.100.7", info(Some("US"), Some("NA"), None)),
                ("203.0.113.5", info(Some("JP"), Some("AS"), None)),
                ("203.0.113.200", info(None, Some("AS"), None)),
                ("2001:db8:1::1", info(Some("BR"), Some("SA"), None)),
                ("2001:db8:1:ffff::1", info(Some("BR"), Some("SA"), None)),
                // A record of the wrong shape is not an error.
                ("2001:db8:2::1", GeoInfo::MISS),
                // Case-insensitive, and the continent comes from the country.
                ("2001:db8:3::1", info(Some("DE"), Some("EU"), None)),
                ("2001:db8:4::1", GeoInfo::MISS),
            ],
        );
    }

    #[test]
    fn addresses_outside_every_network_are_a_miss() {
        let db = geoip2_country_db(IpVersion::V6);
        for addr in [
            "10.0.0.1",
            "192.0.3.0",
            "0.0.0.0",
            "255.255.255.255",
            "::1",
            "::",
            "2001:db8:ff::1",
            "ffff::1",
        ] {
            assert_eq!(db.lookup(ip(addr)), GeoInfo::MISS, "{addr}");
        }
    }

    #[test]
    fn ipv4_mapped_addresses_are_looked_up_as_ipv4() {
        let db = geoip2_country_db(IpVersion::V6);
        let mapped = IpAddr::V6(Ipv4Addr::new(192, 0, 2, 1).to_ipv6_mapped());
        assert_eq!(mapped.to_string(), "::ffff:192.0.2.1");
        // The database itself has nothing there: the hit is the canonicalising.
        assert!(!db.reader.lookup(mapped).unwrap().has_data());
        assert_eq!(db.lookup(mapped), info(Some("DE"), Some("EU"), None));
    }

    #[test]
    fn ipv4_only_databases_miss_ipv6_addresses_without_error() {
        let db = geoip2_country_db(IpVersion::V4);
        assert_eq!(db.ip_version(), IpVersion::V4);
        check(
            &db,
            &[
                ("192.0.2.1", info(Some("DE"), Some("EU"), None)),
                ("::ffff:192.0.2.1", info(Some("DE"), Some("EU"), None)),
                ("10.0.0.1", GeoInfo::MISS),
                ("2001:db8:1::1", GeoInfo::MISS),
                ("::1", GeoInfo::MISS),
                // IPv4-compatible (deprecated) is IPv6: not canonicalised.
                ("::192.0.2.1", GeoInfo::MISS),
            ],
        );
        assert_eq!(db.lookup(IpAddr::V6(Ipv6Addr::UNSPECIFIED)), GeoInfo::MISS);
    }

    #[test]
    fn every_known_layout_is_read() {
        let db = load(
            "test-Country-ASN",
            IpVersion::V6,
            &[
                // @ip-location-db country databases.
                ("192.0.2.0/24", json!({"country_code": "NL"})),
                // GeoLite2-ASN.
                (
                    "198.51.100.0/24",
                    json!({"autonomous_system_number": 64500, "autonomous_system_organization": "EXAMPLE"}),
                ),
                // Flat, with the ASN as a string.
                (
                    "203.0.113.0/24",
                    json!({"country_code": "fr", "continent_code": "EU", "asn": "AS64501", "as_name": "Example"}),
                ),
                // GeoIP2 Enterprise.
                (
                    "2001:db8:1::/48",
                    json!({"country": {"iso_code": "CH"}, "continent": {"code": "EU"}, "traits": {"autonomous_system_number": 64502, "is_anycast": true}}),
                ),
                // A registry region, not a country.
                ("2001:db8:2::/48", json!({"country_code": "AP"})),
                // AS0: not routed.
                ("2001:db8:3::/48", json!({"autonomous_system_number": 0})),
                (
                    "2001:db8:4::/48",
                    json!({"autonomous_system_number": "many", "country_code": 7}),
                ),
                (
                    "2001:db8:5::/48",
                    json!({"country": "SE", "continent": "EU", "asn": "64503"}),
                ),
                (
                    "2001:db8:6::/48",
                    json!({"autonomous_system_number": 5_000_000_000_u64}),
                ),
                (
                    "2001:db8:7::/48",
                    json!({"country_code": "GB", "autonomous_system_number": 64504}),
                ),
            ],
        );
        assert_eq!(db.content(), DbContent::CountryAndAsn);
        check(
            &db,
            &[
                ("192.0.2.1", info(Some("NL"), Some("EU"), None)),
                ("198.51.100.1", info(None, None, Some(64500))),
                ("203.0.113.1", info(Some("FR"), Some("EU"), Some(64501))),
                ("2001:db8:1::1", info(Some("CH"), Some("EU"), Some(64502))),
                ("2001:db8:2::1", GeoInfo::MISS),
                ("2001:db8:3::1", GeoInfo::MISS),
                ("2001:db8:4::1", GeoInfo::MISS),
                ("2001:db8:5::1", info(Some("SE"), Some("EU"), Some(64503))),
                ("2001:db8:6::1", GeoInfo::MISS),
                ("2001:db8:7::1", info(Some("GB"), Some("EU"), Some(64504))),
            ],
        );
    }

    #[test]
    fn bad_bytes_fail_to_load_with_what_is_wrong() {
        let good = write(
            "GeoLite2-Country",
            IpVersion::V6,
            &[("192.0.2.0/24", geoip2("DE", "EU"))],
        );
        let mut tar = vec![0u8; 1024];
        tar[257..262].copy_from_slice(b"ustar");
        let cases: Vec<(&str, Vec<u8>, &str)> = vec![
            ("empty", vec![], "the geo database is empty (0 bytes)"),
            ("text", b"network,country_code\n1.0.0.0/24,AU\n".to_vec(), "not a readable MaxMind DB (.mmdb): invalid database: could not find MaxMind DB metadata in file"),
            ("gzip", vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0], "the geo database is a gzip file, not a MaxMind DB; unpack the .mmdb file from it"),
            ("zip", b"PK\x03\x04rest".to_vec(), "is a zip file"),
            ("tar", tar, "is a tar file"),
            ("metadata only", good[good.len() - 200..].to_vec(), "not a readable MaxMind DB (.mmdb)"),
            ("garbage", (0..4096u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect(), "could not find MaxMind DB metadata"),
        ];
        for (name, bytes, want) in cases {
            let err = GeoDb::from_bytes(bytes).unwrap_err();
            assert!(err.to_string().contains(want), "{name}: {err}");
        }
    }

    #[test]
    fn databases_without_geo_data_fail_to_load() {
        let bytes = write(
            "GeoIP2-Anonymous-IP",
            IpVersion::V6,
            &[("192.0.2.0/24", json!({"is_anonymous": true}))],
        );
        assert_eq!(
            GeoDb::from_bytes(bytes).unwrap_err(),
            GeoDbError::NotGeo {
                database_type: "GeoIP2-Anonymous-IP".into()
            }
        );
        let bytes = write(
            "",
            IpVersion::V6,
            &[("192.0.2.0/24", json!({"country_code": "DE"}))],
        );
        assert_eq!(
            GeoDb::from_bytes(bytes).unwrap_err(),
            GeoDbError::NoDatabaseType
        );
    }

    #[test]
    fn database_types_say_what_records_hold() {
        let cases = [
            ("GeoLite2-Country", Some(DbContent::Country)),
            ("GeoIP2-City", Some(DbContent::Country)),
            ("DBIP-Country-Lite", Some(DbContent::Country)),
            ("country ipvAll", Some(DbContent::Country)),
            ("GeoLite2-ASN", Some(DbContent::Asn)),
            ("GeoIP2-ISP", Some(DbContent::Asn)),
            ("GeoIP2-Enterprise", Some(DbContent::CountryAndAsn)),
            ("ipinfo country_asn.mmdb", Some(DbContent::CountryAndAsn)),
            ("my-custom-db", Some(DbContent::Unrecognised)),
            ("GeoIP2-Anonymous-IP", None),
            ("GeoIP2-Connection-Type", None),
            ("GeoIP2-Domain", None),
        ];
        for (t, want) in cases {
            assert_eq!(content(t), want, "{t}");
        }
    }

    #[test]
    fn from_static_reads_in_place() {
        let bytes: &'static [u8] = write(
            "GeoLite2-Country",
            IpVersion::V4,
            &[("192.0.2.0/24", geoip2("DE", "EU"))],
        )
        .leak();
        let db = GeoDb::from_static(bytes).unwrap();
        assert_eq!(
            db.lookup(ip("192.0.2.9")),
            info(Some("DE"), Some("EU"), None)
        );
    }

    #[test]
    fn verify_counts_what_the_records_hold() {
        let coverage = |networks, with_country, with_asn| Coverage {
            networks,
            with_country,
            with_asn,
        };
        assert_eq!(
            geoip2_country_db(IpVersion::V6).verify(),
            Ok(coverage(8, 5, 0))
        );
        assert_eq!(
            geoip2_country_db(IpVersion::V4).verify(),
            Ok(coverage(4, 3, 0))
        );
    }

    #[test]
    fn verify_rejects_a_database_with_no_readable_records() {
        let db = load(
            "GeoLite2-Country",
            IpVersion::V6,
            &[
                ("192.0.2.0/24", json!({"land": "DE"})),
                ("198.51.100.0/24", json!("DE")),
            ],
        );
        assert_eq!(db.lookup(ip("192.0.2.1")), GeoInfo::MISS);
        let err = db.verify().unwrap_err();
        assert_eq!(err, GeoDbError::NoGeoRecords { networks: 2 });
        assert!(err
            .to_string()
            .starts_with("none of the geo database's 2 networks has a country"));
    }

    #[test]
    fn a_database_can_be_shared_between_threads() {
        fn shareable<T: Send + Sync>() {}
        shareable::<GeoDb>();
    }
}
