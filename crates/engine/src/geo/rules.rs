//! Geo rules: where a request comes from, and what `[[geo.rule]]` entries
//! make of it.
//!
//! The location is resolved once per request ([`Location::resolve`]): the
//! platform's answer first (Cloudflare's `request.cf`: country, continent,
//! ASN), and, where the platform has no country (`XX` or none: local
//! development, some internal requests), the `[geo] database` looked up by
//! the client address. Rules then work like the IP ACL: in order, the first
//! rule whose paths and location both match decides, else `default`.
//!
//! A rule matches a location when any of its lists does: `countries` (ISO
//! 3166-1 alpha-2, plus Cloudflare's `T1` for Tor and `XX` for "unknown"),
//! `continents`, `asns`, or `eu = true` (the 27 member states);
//! `countries = ["*"]` matches every location. A location
//! with no country matches only rules that list `XX`; a Tor exit (`T1`)
//! matches only rules that list `T1` (it has no continent and is not in the
//! EU).

use std::net::IpAddr;
use std::sync::Arc;

use crate::geo::{Continent, Country, GeoDb};
use crate::path::PathPattern;
use crate::request::Request;
use crate::trace::Trace;

/// What a geo rule (or the default) does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GeoAction {
    Allow,
    Deny,
}

impl GeoAction {
    pub const NAMES: &'static [&'static str] = &["allow", "deny"];

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "allow" => Some(GeoAction::Allow),
            "deny" => Some(GeoAction::Deny),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            GeoAction::Allow => "allow",
            GeoAction::Deny => "deny",
        }
    }
}

/// Where a request's location came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LocationSource {
    /// The platform (`request.cf`, or `country` in `edgewall eval`).
    Platform,
    /// The `[geo] database`, by client address.
    Database,
    /// Nobody knows.
    Unknown,
}

impl LocationSource {
    pub fn as_str(self) -> &'static str {
        match self {
            LocationSource::Platform => "platform",
            LocationSource::Database => "database",
            LocationSource::Unknown => "unknown",
        }
    }
}

/// Where a request comes from, as far as edgewall can tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Location {
    /// `None`: unknown. Never `XX` (that is `None`); may be `T1`.
    pub country: Option<Country>,
    pub continent: Option<Continent>,
    pub asn: Option<u32>,
    pub source: LocationSource,
}

impl Location {
    pub const UNKNOWN: Location = Location {
        country: None,
        continent: None,
        asn: None,
        source: LocationSource::Unknown,
    };

    /// The platform's answer, then the database's where the platform has no
    /// country. The database is asked only when it is needed, and only with
    /// a resolved (canonical) client address.
    pub fn resolve(req: &Request, client_ip: Option<IpAddr>, db: Option<&GeoDb>) -> Location {
        let platform_country = req
            .country
            .as_deref()
            .and_then(|c| Country::parse_ignore_case(c.trim()))
            .filter(|c| *c != Country::UNKNOWN);
        if let Some(country) = platform_country {
            return Location {
                country: Some(country),
                continent: req
                    .continent
                    .as_deref()
                    .and_then(|c| Continent::parse_ignore_case(c.trim()))
                    .or_else(|| country.continent()),
                asn: req.asn.filter(|a| *a != 0),
                source: LocationSource::Platform,
            };
        }
        if let (Some(db), Some(ip)) = (db, client_ip) {
            let info = db.lookup(ip);
            if info.country.is_some() || info.asn.is_some() {
                return Location {
                    country: info.country.filter(|c| *c != Country::UNKNOWN),
                    continent: info
                        .continent
                        .or_else(|| info.country.and_then(Country::continent)),
                    asn: info.asn.or(req.asn.filter(|a| *a != 0)),
                    source: LocationSource::Database,
                };
            }
        }
        Location {
            asn: req.asn.filter(|a| *a != 0),
            ..Location::UNKNOWN
        }
    }

    /// `DE (continent EU, AS3320, from platform)`, for logs and `explain`.
    pub fn describe(&self) -> String {
        let mut s = self
            .country
            .map(|c| c.as_str().to_string())
            .unwrap_or_else(|| "unknown country".into());
        if let Some(c) = self.continent {
            s.push_str(&format!(", continent {}", c.code()));
        }
        if let Some(a) = self.asn {
            s.push_str(&format!(", AS{a}"));
        }
        s.push_str(&format!(" (from {})", self.source.as_str()));
        s
    }
}

/// One compiled `[[geo.rule]]`.
#[derive(Debug, Clone)]
pub struct GeoRule {
    pub id: String,
    pub action: GeoAction,
    /// Empty: every path.
    pub paths: Vec<PathPattern>,
    /// May hold `XX` (unknown location) and `T1` (Tor).
    pub countries: Vec<Country>,
    pub continents: Vec<Continent>,
    pub asns: Vec<u32>,
    pub eu: bool,
    /// `countries = ["*"]`: every location, known or not.
    pub everywhere: bool,
    /// `file:line`, for `explain`.
    pub location: String,
}

impl GeoRule {
    fn path_matches(&self, path: &str) -> bool {
        self.paths.is_empty() || self.paths.iter().any(|p| p.matches(path))
    }

    /// Does the rule match this location? The first list that does is
    /// named, for the log.
    pub fn matches(&self, loc: &Location) -> Option<String> {
        let country = loc.country.unwrap_or(Country::UNKNOWN);
        if self.everywhere {
            return Some("every location (*)".into());
        }
        if self.countries.contains(&country) {
            return Some(match loc.country {
                Some(c) => format!("country {c}"),
                None => "unknown location (XX)".into(),
            });
        }
        if let Some(c) = loc.continent.filter(|c| self.continents.contains(c)) {
            return Some(format!("continent {}", c.code()));
        }
        if let Some(a) = loc.asn.filter(|a| self.asns.contains(a)) {
            return Some(format!("AS{a}"));
        }
        if self.eu && loc.country.is_some_and(Country::is_eu) {
            return Some(format!("EU member {country}"));
        }
        None
    }
}

/// The compiled `[geo]` table.
#[derive(Debug, Clone)]
pub struct GeoRules {
    pub rules: Vec<GeoRule>,
    pub default: GeoAction,
    /// Where the platform has no country.
    pub database: Option<Arc<GeoDb>>,
    /// The database's path in the rules directory, for `explain`.
    pub database_path: Option<String>,
}

impl Default for GeoRules {
    fn default() -> Self {
        GeoRules {
            rules: Vec::new(),
            default: GeoAction::Allow,
            database: None,
            database_path: None,
        }
    }
}

/// Which part of the geo rules decided, and why.
#[derive(Debug, Clone)]
pub enum GeoOutcome<'a> {
    /// A rule matched; the string names what matched.
    Rule(&'a GeoRule, String),
    Default(GeoAction),
}

impl GeoOutcome<'_> {
    pub fn action(&self) -> GeoAction {
        match self {
            GeoOutcome::Rule(r, _) => r.action,
            GeoOutcome::Default(a) => *a,
        }
    }
}

impl GeoRules {
    /// Are there geo rules at all? Without them the location is not even
    /// looked up.
    pub fn is_active(&self) -> bool {
        !self.rules.is_empty() || self.default == GeoAction::Deny
    }

    pub fn evaluate<'a>(&'a self, path: &str, loc: &Location, trace: &mut Trace) -> GeoOutcome<'a> {
        for r in &self.rules {
            if !r.path_matches(path) {
                trace.note(|| {
                    format!(
                        "geo rule `{}` ({}): path {path} is outside its paths",
                        r.id, r.location
                    )
                });
                continue;
            }
            match r.matches(loc) {
                Some(what) => {
                    trace.note(|| {
                        format!(
                            "geo rule `{}` ({}): {what} matches: {}",
                            r.id,
                            r.location,
                            r.action.as_str()
                        )
                    });
                    return GeoOutcome::Rule(r, what);
                }
                None => trace.note(|| {
                    format!(
                        "geo rule `{}` ({}): location does not match",
                        r.id, r.location
                    )
                }),
            }
        }
        trace.note(|| format!("geo: no rule matched; default: {}", self.default.as_str()));
        GeoOutcome::Default(self.default)
    }
}

#[cfg(test)]
mod tests;
