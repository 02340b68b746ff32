//! Geolocation: where a request comes from, for geo rules. Country and
//! continent codes ([`codes`]).

pub mod codes;

pub use codes::{CodeError, Continent, Country};
