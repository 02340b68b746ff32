//! Geolocation: where a request comes from, for geo rules. Country and
//! continent codes ([`codes`]) and lookups in a MaxMind DB ([`mmdb`]).
//!
//! A database is validated when it is loaded ([`GeoDb::from_bytes`]); a
//! lookup cannot fail and answers "unknown" for anything it cannot place.

pub mod codes;
pub mod mmdb;
pub mod rules;

pub use codes::{CodeError, Continent, Country};
pub use mmdb::{Coverage, DbContent, GeoDb, GeoDbError, GeoInfo, IpVersion};
pub use rules::{GeoAction, GeoOutcome, GeoRule, GeoRules, Location, LocationSource};
