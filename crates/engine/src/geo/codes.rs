//! Country and continent codes: the table of every ISO 3166-1 alpha-2 code
//! with its continent and EU status, strict parsing for rule files,
//! case-insensitive parsing for geolocation sources, and hints for codes
//! that are not assigned.
//!
//! Continents are the seven codes MaxMind and Cloudflare use (`cf.continent`,
//! `continent.code`), and each country's continent is the one MaxMind
//! assigns, so a rule on `AS` matches the same countries whichever of the two
//! located the request. Some are not where people guess: Türkiye, Armenia,
//! Azerbaijan, Georgia and Kazakhstan are in Asia, Russia and Cyprus in
//! Europe, Timor-Leste in Oceania, the French Southern Territories in
//! Antarctica.
//!
//! Besides the 249 assigned codes, three values that geolocation sources
//! return are accepted: `XX` and `T1` (Cloudflare: no country known, Tor exit
//! node), which have no continent, and `XK` (Kosovo), user-assigned in ISO
//! 3166-1 but what MaxMind and Cloudflare report for Kosovo.
//!
//! Rule files are parsed strictly (uppercase, assigned): a rule that names
//! `UK` blocks nobody, so it is an error with a hint, not a silent no-op.
//! Request-side values from `cf.country` or a database are matched ignoring
//! case, and anything unassigned is no country at all.

use std::fmt;
use std::str::FromStr;

/// A continent, as MaxMind and Cloudflare code them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Continent {
    Africa,
    Antarctica,
    Asia,
    Europe,
    NorthAmerica,
    Oceania,
    SouthAmerica,
}

impl Continent {
    /// Every continent, in code order.
    pub const ALL: [Continent; 7] = [
        Continent::Africa,
        Continent::Antarctica,
        Continent::Asia,
        Continent::Europe,
        Continent::NorthAmerica,
        Continent::Oceania,
        Continent::SouthAmerica,
    ];

    /// The two-letter code: `AF`, `AN`, `AS`, `EU`, `NA`, `OC`, `SA`.
    pub const fn code(self) -> &'static str {
        match self {
            Continent::Africa => "AF",
            Continent::Antarctica => "AN",
            Continent::Asia => "AS",
            Continent::Europe => "EU",
            Continent::NorthAmerica => "NA",
            Continent::Oceania => "OC",
            Continent::SouthAmerica => "SA",
        }
    }

    /// The English name.
    pub const fn name(self) -> &'static str {
        match self {
            Continent::Africa => "Africa",
            Continent::Antarctica => "Antarctica",
            Continent::Asia => "Asia",
            Continent::Europe => "Europe",
            Continent::NorthAmerica => "North America",
            Continent::Oceania => "Oceania",
            Continent::SouthAmerica => "South America",
        }
    }

    /// A continent code as a rule file writes it: uppercase only.
    pub fn parse(code: &str) -> Option<Continent> {
        Continent::ALL.into_iter().find(|c| c.code() == code)
    }

    /// A continent code as a geolocation source gives it, in any case.
    pub fn parse_ignore_case(code: &str) -> Option<Continent> {
        Continent::ALL
            .into_iter()
            .find(|c| c.code().eq_ignore_ascii_case(code))
    }
}

impl fmt::Display for Continent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Continent {
    type Err = CodeError;

    /// Strict, as [`Continent::parse`], with a hint when it fails.
    fn from_str(raw: &str) -> Result<Continent, CodeError> {
        if let Some(c) = Continent::parse(raw) {
            return Ok(c);
        }
        let named = Continent::parse_ignore_case(raw).or_else(|| {
            Continent::ALL
                .into_iter()
                .find(|c| c.name().eq_ignore_ascii_case(raw.trim()))
        });
        let help = match named {
            Some(c) => format!("{} is `{}`", c.name(), c.code()),
            None => format!(
                "continents are {}",
                Continent::ALL
                    .iter()
                    .map(|c| format!("`{}` ({})", c.code(), c.name()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        Err(CodeError {
            message: format!("`{raw}` is not a continent code"),
            help: Some(help),
        })
    }
}

/// Why a rule file's country or continent code is not accepted, and what to
/// write instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeError {
    pub message: String,
    pub help: Option<String>,
}

impl fmt::Display for CodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        if let Some(help) = &self.help {
            write!(f, "; {help}")?;
        }
        Ok(())
    }
}

impl std::error::Error for CodeError {}

/// A country code: one of the 249 ISO 3166-1 alpha-2 codes, `XK` (Kosovo),
/// or Cloudflare's `XX` (unknown) and `T1` (Tor). Only parsing makes one, so
/// every value is in the table.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Country([u8; 2]);

impl Country {
    /// Cloudflare's `XX`: the request's country is not known.
    pub const UNKNOWN: Country = Country(*b"XX");
    /// Cloudflare's `T1`: the request came through the Tor network.
    pub const TOR: Country = Country(*b"T1");

    /// A code as a rule file writes it: uppercase, assigned (or `XK`, `XX`,
    /// `T1`). See the [`FromStr`] impl for the same with a hint on failure.
    pub fn parse(code: &str) -> Option<Country> {
        match code.as_bytes() {
            &[a, b] => Country::from_bytes([a, b]),
            _ => None,
        }
    }

    /// A code as a geolocation source gives it (`cf.country`, a database's
    /// `iso_code` or `country_code`): any case. Unassigned codes, such as
    /// the registries' `AP` or `EU`, are no country.
    pub fn parse_ignore_case(code: &str) -> Option<Country> {
        match code.as_bytes() {
            &[a, b] => Country::from_bytes_ignore_case([a, b]),
            _ => None,
        }
    }

    pub(crate) fn from_bytes_ignore_case(code: [u8; 2]) -> Option<Country> {
        Country::from_bytes(code.map(|b| b.to_ascii_uppercase()))
    }

    fn from_bytes(code: [u8; 2]) -> Option<Country> {
        row(code).map(|_| Country(code))
    }

    /// The code, such as `"DE"`.
    pub fn as_str(&self) -> &'static str {
        self.row().map_or("XX", |r| r.code)
    }

    /// The English short name, such as `"Germany"`.
    pub fn name(self) -> &'static str {
        self.row().map_or("unknown", |r| r.name)
    }

    /// The continent MaxMind and Cloudflare place the country on; `None` for
    /// `XX` and `T1`.
    pub fn continent(self) -> Option<Continent> {
        self.row().and_then(|r| r.continent)
    }

    /// One of the 27 EU member states.
    pub fn is_eu(self) -> bool {
        self.row().is_some_and(|r| r.eu == Eu::Member)
    }

    /// In the European Union: a member state, or a region of one that has a
    /// code of its own (Åland, French Guiana, Guadeloupe, Martinique, Mayotte,
    /// Réunion, Saint Martin). This is MaxMind's `is_in_european_union`.
    pub fn is_in_eu(self) -> bool {
        self.row().is_some_and(|r| r.eu != Eu::Outside)
    }

    /// `XX` or `T1`: what Cloudflare reports, not a place.
    pub fn is_special(self) -> bool {
        self.row().is_some_and(|r| r.kind == Kind::Cloudflare)
    }

    /// Every accepted code, in order.
    pub fn all() -> impl Iterator<Item = Country> {
        TABLE.iter().map(|r| Country(r.bytes()))
    }

    fn row(self) -> Option<&'static Row> {
        row(self.0)
    }
}

impl fmt::Display for Country {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Country {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Country({})", self.as_str())
    }
}

impl FromStr for Country {
    type Err = CodeError;

    /// Strict, as [`Country::parse`], with a hint when it fails: the right
    /// case, the ISO code for a common non-ISO one (`UK`, `EL`), the two-letter
    /// code for an alpha-3 code or a name, or the assigned codes nearby.
    fn from_str(raw: &str) -> Result<Country, CodeError> {
        Country::parse(raw).ok_or_else(|| country_error(raw))
    }
}

fn country_error(raw: &str) -> CodeError {
    let error = |message: String, help: String| CodeError {
        message,
        help: Some(help),
    };
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return error(
            "empty country code".into(),
            "write an ISO 3166-1 alpha-2 code such as `DE`".into(),
        );
    }
    if trimmed != raw {
        return error(
            format!("`{raw}` has surrounding whitespace"),
            format!("write `{trimmed}`"),
        );
    }
    if let Some(c) = Country::parse_ignore_case(raw) {
        return error(
            format!("`{raw}` is not uppercase"),
            format!("write `{c}` ({})", c.name()),
        );
    }
    let upper = raw.to_ascii_uppercase();
    let not_iso = format!("`{raw}` is not an ISO 3166-1 alpha-2 country code");
    if let Some((_, help)) = TRAPS.iter().find(|(code, _)| *code == upper) {
        return error(not_iso, (*help).into());
    }
    if let Some(r) = TABLE
        .iter()
        .find(|r| !r.alpha3.is_empty() && r.alpha3 == upper)
    {
        return error(
            format!("`{raw}` is an ISO 3166-1 alpha-3 code; country codes are two letters"),
            format!("{} is `{}`", r.name, r.code),
        );
    }
    if let Some(r) = TABLE.iter().find(|r| r.name.eq_ignore_ascii_case(trimmed)) {
        return error(
            format!("`{raw}` is a name, not a country code"),
            format!("{} is `{}`", r.name, r.code),
        );
    }
    if let &[a, b] = upper.as_bytes() {
        if let Some(c) = Country::from_bytes([b, a]) {
            return error(not_iso, format!("did you mean `{c}` ({})?", c.name()));
        }
        let nearby: Vec<String> = TABLE
            .iter()
            .filter(|r| r.kind == Kind::Iso && r.bytes()[0] == a)
            .map(|r| format!("`{}` {}", r.code, r.name))
            .collect();
        if !nearby.is_empty() {
            return error(
                not_iso,
                format!(
                    "codes starting with `{}`: {}",
                    char::from(a),
                    nearby.join(", ")
                ),
            );
        }
    }
    error(
        not_iso,
        "write an ISO 3166-1 alpha-2 code such as `DE`".into(),
    )
}

/// Codes people write that ISO 3166-1 does not assign, and what to write.
const TRAPS: &[(&str, &str)] = &[
    ("A1", "`A1` was MaxMind's legacy code for anonymous proxies, not a country"),
    ("A2", "`A2` was MaxMind's legacy code for satellite providers, not a country"),
    ("AN", "the Netherlands Antilles (`AN`) were dissolved in 2010: Bonaire, Sint Eustatius and Saba is `BQ`, Curaçao `CW`, Sint Maarten `SX`"),
    ("AP", "`AP` is the registries' Asia/Pacific region, not a country"),
    ("BU", "Burma (`BU`) is now Myanmar, `MM`"),
    ("CS", "Serbia and Montenegro (`CS`) split in 2006: Serbia is `RS`, Montenegro `ME`"),
    ("DD", "East Germany (`DD`) is part of Germany, `DE`"),
    ("EL", "`EL` is the EU's abbreviation for Greece; its ISO code is `GR`"),
    ("EU", "`EU` is the European Union, not a country: name its member states"),
    ("FX", "Metropolitan France (`FX`) is withdrawn; France is `FR`"),
    ("KS", "Kosovo is `XK`"),
    ("SU", "the Soviet Union (`SU`) is withdrawn; Russia is `RU`"),
    ("TP", "East Timor (`TP`) is now Timor-Leste, `TL`"),
    ("UK", "the United Kingdom is `GB`"),
    ("YU", "Yugoslavia (`YU`) is withdrawn; Serbia is `RS`, Montenegro `ME`"),
    ("ZR", "Zaire (`ZR`) is now the Democratic Republic of the Congo, `CD`"),
];

fn row(code: [u8; 2]) -> Option<&'static Row> {
    TABLE
        .binary_search_by(|r| r.bytes().cmp(&code))
        .ok()
        .and_then(|i| TABLE.get(i))
}

/// What kind of code a table row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Officially assigned in ISO 3166-1.
    Iso,
    /// User-assigned in ISO 3166-1, but returned by geolocation sources.
    UserAssigned,
    /// Cloudflare's own values: not a place.
    Cloudflare,
}

/// A country's relation to the European Union.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Eu {
    /// A member state.
    Member,
    /// Part of the EU through a member state (an outermost region, or Åland)
    /// but with a code of its own.
    Part,
    Outside,
}

struct Row {
    code: &'static str,
    /// ISO 3166-1 alpha-3, for hints; empty for Cloudflare's values.
    alpha3: &'static str,
    continent: Option<Continent>,
    eu: Eu,
    kind: Kind,
    name: &'static str,
}

impl Row {
    fn bytes(&self) -> [u8; 2] {
        match self.code.as_bytes() {
            &[a, b] => [a, b],
            _ => *b"XX",
        }
    }
}

const fn iso(
    code: &'static str,
    alpha3: &'static str,
    continent: Continent,
    eu: Eu,
    name: &'static str,
) -> Row {
    Row {
        code,
        alpha3,
        continent: Some(continent),
        eu,
        kind: Kind::Iso,
        name,
    }
}

const fn user_assigned(
    code: &'static str,
    alpha3: &'static str,
    continent: Continent,
    eu: Eu,
    name: &'static str,
) -> Row {
    Row {
        kind: Kind::UserAssigned,
        ..iso(code, alpha3, continent, eu, name)
    }
}

const fn cloudflare(code: &'static str, name: &'static str) -> Row {
    Row {
        code,
        alpha3: "",
        continent: None,
        eu: Eu::Outside,
        kind: Kind::Cloudflare,
        name,
    }
}

use Continent::{Africa, Antarctica, Asia, Europe, NorthAmerica, Oceania, SouthAmerica};
use Eu::{Member, Outside, Part};

/// Every accepted code, sorted by code (a test checks). Columns: code,
/// alpha-3, continent (as MaxMind assigns it), EU status, English name.
#[rustfmt::skip]
static TABLE: &[Row] = &[
    iso("AD", "AND", Europe, Outside, "Andorra"),
    iso("AE", "ARE", Asia, Outside, "United Arab Emirates"),
    iso("AF", "AFG", Asia, Outside, "Afghanistan"),
    iso("AG", "ATG", NorthAmerica, Outside, "Antigua and Barbuda"),
    iso("AI", "AIA", NorthAmerica, Outside, "Anguilla"),
    iso("AL", "ALB", Europe, Outside, "Albania"),
    iso("AM", "ARM", Asia, Outside, "Armenia"),
    iso("AO", "AGO", Africa, Outside, "Angola"),
    iso("AQ", "ATA", Antarctica, Outside, "Antarctica"),
    iso("AR", "ARG", SouthAmerica, Outside, "Argentina"),
    iso("AS", "ASM", Oceania, Outside, "American Samoa"),
    iso("AT", "AUT", Europe, Member, "Austria"),
    iso("AU", "AUS", Oceania, Outside, "Australia"),
    iso("AW", "ABW", NorthAmerica, Outside, "Aruba"),
    iso("AX", "ALA", Europe, Part, "Åland Islands"),
    iso("AZ", "AZE", Asia, Outside, "Azerbaijan"),
    iso("BA", "BIH", Europe, Outside, "Bosnia and Herzegovina"),
    iso("BB", "BRB", NorthAmerica, Outside, "Barbados"),
    iso("BD", "BGD", Asia, Outside, "Bangladesh"),
    iso("BE", "BEL", Europe, Member, "Belgium"),
    iso("BF", "BFA", Africa, Outside, "Burkina Faso"),
    iso("BG", "BGR", Europe, Member, "Bulgaria"),
    iso("BH", "BHR", Asia, Outside, "Bahrain"),
    iso("BI", "BDI", Africa, Outside, "Burundi"),
    iso("BJ", "BEN", Africa, Outside, "Benin"),
    iso("BL", "BLM", NorthAmerica, Outside, "Saint Barthélemy"),
    iso("BM", "BMU", NorthAmerica, Outside, "Bermuda"),
    iso("BN", "BRN", Asia, Outside, "Brunei"),
    iso("BO", "BOL", SouthAmerica, Outside, "Bolivia"),
    iso("BQ", "BES", NorthAmerica, Outside, "Bonaire, Sint Eustatius and Saba"),
    iso("BR", "BRA", SouthAmerica, Outside, "Brazil"),
    iso("BS", "BHS", NorthAmerica, Outside, "Bahamas"),
    iso("BT", "BTN", Asia, Outside, "Bhutan"),
    iso("BV", "BVT", Antarctica, Outside, "Bouvet Island"),
    iso("BW", "BWA", Africa, Outside, "Botswana"),
    iso("BY", "BLR", Europe, Outside, "Belarus"),
    iso("BZ", "BLZ", NorthAmerica, Outside, "Belize"),
    iso("CA", "CAN", NorthAmerica, Outside, "Canada"),
    iso("CC", "CCK", Asia, Outside, "Cocos (Keeling) Islands"),
    iso("CD", "COD", Africa, Outside, "Democratic Republic of the Congo"),
    iso("CF", "CAF", Africa, Outside, "Central African Republic"),
    iso("CG", "COG", Africa, Outside, "Republic of the Congo"),
    iso("CH", "CHE", Europe, Outside, "Switzerland"),
    iso("CI", "CIV", Africa, Outside, "Côte d'Ivoire"),
    iso("CK", "COK", Oceania, Outside, "Cook Islands"),
    iso("CL", "CHL", SouthAmerica, Outside, "Chile"),
    iso("CM", "CMR", Africa, Outside, "Cameroon"),
    iso("CN", "CHN", Asia, Outside, "China"),
    iso("CO", "COL", SouthAmerica, Outside, "Colombia"),
    iso("CR", "CRI", NorthAmerica, Outside, "Costa Rica"),
    iso("CU", "CUB", NorthAmerica, Outside, "Cuba"),
    iso("CV", "CPV", Africa, Outside, "Cabo Verde"),
    iso("CW", "CUW", NorthAmerica, Outside, "Curaçao"),
    iso("CX", "CXR", Oceania, Outside, "Christmas Island"),
    iso("CY", "CYP", Europe, Member, "Cyprus"),
    iso("CZ", "CZE", Europe, Member, "Czechia"),
    iso("DE", "DEU", Europe, Member, "Germany"),
    iso("DJ", "DJI", Africa, Outside, "Djibouti"),
    iso("DK", "DNK", Europe, Member, "Denmark"),
    iso("DM", "DMA", NorthAmerica, Outside, "Dominica"),
    iso("DO", "DOM", NorthAmerica, Outside, "Dominican Republic"),
    iso("DZ", "DZA", Africa, Outside, "Algeria"),
    iso("EC", "ECU", SouthAmerica, Outside, "Ecuador"),
    iso("EE", "EST", Europe, Member, "Estonia"),
    iso("EG", "EGY", Africa, Outside, "Egypt"),
    iso("EH", "ESH", Africa, Outside, "Western Sahara"),
    iso("ER", "ERI", Africa, Outside, "Eritrea"),
    iso("ES", "ESP", Europe, Member, "Spain"),
    iso("ET", "ETH", Africa, Outside, "Ethiopia"),
    iso("FI", "FIN", Europe, Member, "Finland"),
    iso("FJ", "FJI", Oceania, Outside, "Fiji"),
    iso("FK", "FLK", SouthAmerica, Outside, "Falkland Islands"),
    iso("FM", "FSM", Oceania, Outside, "Micronesia"),
    iso("FO", "FRO", Europe, Outside, "Faroe Islands"),
    iso("FR", "FRA", Europe, Member, "France"),
    iso("GA", "GAB", Africa, Outside, "Gabon"),
    iso("GB", "GBR", Europe, Outside, "United Kingdom"),
    iso("GD", "GRD", NorthAmerica, Outside, "Grenada"),
    iso("GE", "GEO", Asia, Outside, "Georgia"),
    iso("GF", "GUF", SouthAmerica, Part, "French Guiana"),
    iso("GG", "GGY", Europe, Outside, "Guernsey"),
    iso("GH", "GHA", Africa, Outside, "Ghana"),
    iso("GI", "GIB", Europe, Outside, "Gibraltar"),
    iso("GL", "GRL", NorthAmerica, Outside, "Greenland"),
    iso("GM", "GMB", Africa, Outside, "Gambia"),
    iso("GN", "GIN", Africa, Outside, "Guinea"),
    iso("GP", "GLP", NorthAmerica, Part, "Guadeloupe"),
    iso("GQ", "GNQ", Africa, Outside, "Equatorial Guinea"),
    iso("GR", "GRC", Europe, Member, "Greece"),
    iso("GS", "SGS", Antarctica, Outside, "South Georgia and the South Sandwich Islands"),
    iso("GT", "GTM", NorthAmerica, Outside, "Guatemala"),
    iso("GU", "GUM", Oceania, Outside, "Guam"),
    iso("GW", "GNB", Africa, Outside, "Guinea-Bissau"),
    iso("GY", "GUY", SouthAmerica, Outside, "Guyana"),
    iso("HK", "HKG", Asia, Outside, "Hong Kong"),
    iso("HM", "HMD", Antarctica, Outside, "Heard Island and McDonald Islands"),
    iso("HN", "HND", NorthAmerica, Outside, "Honduras"),
    iso("HR", "HRV", Europe, Member, "Croatia"),
    iso("HT", "HTI", NorthAmerica, Outside, "Haiti"),
    iso("HU", "HUN", Europe, Member, "Hungary"),
    iso("ID", "IDN", Asia, Outside, "Indonesia"),
    iso("IE", "IRL", Europe, Member, "Ireland"),
    iso("IL", "ISR", Asia, Outside, "Israel"),
    iso("IM", "IMN", Europe, Outside, "Isle of Man"),
    iso("IN", "IND", Asia, Outside, "India"),
    iso("IO", "IOT", Asia, Outside, "British Indian Ocean Territory"),
    iso("IQ", "IRQ", Asia, Outside, "Iraq"),
    iso("IR", "IRN", Asia, Outside, "Iran"),
    iso("IS", "ISL", Europe, Outside, "Iceland"),
    iso("IT", "ITA", Europe, Member, "Italy"),
    iso("JE", "JEY", Europe, Outside, "Jersey"),
    iso("JM", "JAM", NorthAmerica, Outside, "Jamaica"),
    iso("JO", "JOR", Asia, Outside, "Jordan"),
    iso("JP", "JPN", Asia, Outside, "Japan"),
    iso("KE", "KEN", Africa, Outside, "Kenya"),
    iso("KG", "KGZ", Asia, Outside, "Kyrgyzstan"),
    iso("KH", "KHM", Asia, Outside, "Cambodia"),
    iso("KI", "KIR", Oceania, Outside, "Kiribati"),
    iso("KM", "COM", Africa, Outside, "Comoros"),
    iso("KN", "KNA", NorthAmerica, Outside, "Saint Kitts and Nevis"),
    iso("KP", "PRK", Asia, Outside, "North Korea"),
    iso("KR", "KOR", Asia, Outside, "South Korea"),
    iso("KW", "KWT", Asia, Outside, "Kuwait"),
    iso("KY", "CYM", NorthAmerica, Outside, "Cayman Islands"),
    iso("KZ", "KAZ", Asia, Outside, "Kazakhstan"),
    iso("LA", "LAO", Asia, Outside, "Laos"),
    iso("LB", "LBN", Asia, Outside, "Lebanon"),
    iso("LC", "LCA", NorthAmerica, Outside, "Saint Lucia"),
    iso("LI", "LIE", Europe, Outside, "Liechtenstein"),
    iso("LK", "LKA", Asia, Outside, "Sri Lanka"),
    iso("LR", "LBR", Africa, Outside, "Liberia"),
    iso("LS", "LSO", Africa, Outside, "Lesotho"),
    iso("LT", "LTU", Europe, Member, "Lithuania"),
    iso("LU", "LUX", Europe, Member, "Luxembourg"),
    iso("LV", "LVA", Europe, Member, "Latvia"),
    iso("LY", "LBY", Africa, Outside, "Libya"),
    iso("MA", "MAR", Africa, Outside, "Morocco"),
    iso("MC", "MCO", Europe, Outside, "Monaco"),
    iso("MD", "MDA", Europe, Outside, "Moldova"),
    iso("ME", "MNE", Europe, Outside, "Montenegro"),
    iso("MF", "MAF", NorthAmerica, Part, "Saint Martin (French part)"),
    iso("MG", "MDG", Africa, Outside, "Madagascar"),
    iso("MH", "MHL", Oceania, Outside, "Marshall Islands"),
    iso("MK", "MKD", Europe, Outside, "North Macedonia"),
    iso("ML", "MLI", Africa, Outside, "Mali"),
    iso("MM", "MMR", Asia, Outside, "Myanmar"),
    iso("MN", "MNG", Asia, Outside, "Mongolia"),
    iso("MO", "MAC", Asia, Outside, "Macao"),
    iso("MP", "MNP", Oceania, Outside, "Northern Mariana Islands"),
    iso("MQ", "MTQ", NorthAmerica, Part, "Martinique"),
    iso("MR", "MRT", Africa, Outside, "Mauritania"),
    iso("MS", "MSR", NorthAmerica, Outside, "Montserrat"),
    iso("MT", "MLT", Europe, Member, "Malta"),
    iso("MU", "MUS", Africa, Outside, "Mauritius"),
    iso("MV", "MDV", Asia, Outside, "Maldives"),
    iso("MW", "MWI", Africa, Outside, "Malawi"),
    iso("MX", "MEX", NorthAmerica, Outside, "Mexico"),
    iso("MY", "MYS", Asia, Outside, "Malaysia"),
    iso("MZ", "MOZ", Africa, Outside, "Mozambique"),
    iso("NA", "NAM", Africa, Outside, "Namibia"),
    iso("NC", "NCL", Oceania, Outside, "New Caledonia"),
    iso("NE", "NER", Africa, Outside, "Niger"),
    iso("NF", "NFK", Oceania, Outside, "Norfolk Island"),
    iso("NG", "NGA", Africa, Outside, "Nigeria"),
    iso("NI", "NIC", NorthAmerica, Outside, "Nicaragua"),
    iso("NL", "NLD", Europe, Member, "Netherlands"),
    iso("NO", "NOR", Europe, Outside, "Norway"),
    iso("NP", "NPL", Asia, Outside, "Nepal"),
    iso("NR", "NRU", Oceania, Outside, "Nauru"),
    iso("NU", "NIU", Oceania, Outside, "Niue"),
    iso("NZ", "NZL", Oceania, Outside, "New Zealand"),
    iso("OM", "OMN", Asia, Outside, "Oman"),
    iso("PA", "PAN", NorthAmerica, Outside, "Panama"),
    iso("PE", "PER", SouthAmerica, Outside, "Peru"),
    iso("PF", "PYF", Oceania, Outside, "French Polynesia"),
    iso("PG", "PNG", Oceania, Outside, "Papua New Guinea"),
    iso("PH", "PHL", Asia, Outside, "Philippines"),
    iso("PK", "PAK", Asia, Outside, "Pakistan"),
    iso("PL", "POL", Europe, Member, "Poland"),
    iso("PM", "SPM", NorthAmerica, Outside, "Saint Pierre and Miquelon"),
    iso("PN", "PCN", Oceania, Outside, "Pitcairn"),
    iso("PR", "PRI", NorthAmerica, Outside, "Puerto Rico"),
    iso("PS", "PSE", Asia, Outside, "Palestine"),
    iso("PT", "PRT", Europe, Member, "Portugal"),
    iso("PW", "PLW", Oceania, Outside, "Palau"),
    iso("PY", "PRY", SouthAmerica, Outside, "Paraguay"),
    iso("QA", "QAT", Asia, Outside, "Qatar"),
    iso("RE", "REU", Africa, Part, "Réunion"),
    iso("RO", "ROU", Europe, Member, "Romania"),
    iso("RS", "SRB", Europe, Outside, "Serbia"),
    iso("RU", "RUS", Europe, Outside, "Russia"),
    iso("RW", "RWA", Africa, Outside, "Rwanda"),
    iso("SA", "SAU", Asia, Outside, "Saudi Arabia"),
    iso("SB", "SLB", Oceania, Outside, "Solomon Islands"),
    iso("SC", "SYC", Africa, Outside, "Seychelles"),
    iso("SD", "SDN", Africa, Outside, "Sudan"),
    iso("SE", "SWE", Europe, Member, "Sweden"),
    iso("SG", "SGP", Asia, Outside, "Singapore"),
    iso("SH", "SHN", Africa, Outside, "Saint Helena, Ascension and Tristan da Cunha"),
    iso("SI", "SVN", Europe, Member, "Slovenia"),
    iso("SJ", "SJM", Europe, Outside, "Svalbard and Jan Mayen"),
    iso("SK", "SVK", Europe, Member, "Slovakia"),
    iso("SL", "SLE", Africa, Outside, "Sierra Leone"),
    iso("SM", "SMR", Europe, Outside, "San Marino"),
    iso("SN", "SEN", Africa, Outside, "Senegal"),
    iso("SO", "SOM", Africa, Outside, "Somalia"),
    iso("SR", "SUR", SouthAmerica, Outside, "Suriname"),
    iso("SS", "SSD", Africa, Outside, "South Sudan"),
    iso("ST", "STP", Africa, Outside, "São Tomé and Príncipe"),
    iso("SV", "SLV", NorthAmerica, Outside, "El Salvador"),
    iso("SX", "SXM", NorthAmerica, Outside, "Sint Maarten (Dutch part)"),
    iso("SY", "SYR", Asia, Outside, "Syria"),
    iso("SZ", "SWZ", Africa, Outside, "Eswatini"),
    cloudflare("T1", "Tor exit node"),
    iso("TC", "TCA", NorthAmerica, Outside, "Turks and Caicos Islands"),
    iso("TD", "TCD", Africa, Outside, "Chad"),
    iso("TF", "ATF", Antarctica, Outside, "French Southern Territories"),
    iso("TG", "TGO", Africa, Outside, "Togo"),
    iso("TH", "THA", Asia, Outside, "Thailand"),
    iso("TJ", "TJK", Asia, Outside, "Tajikistan"),
    iso("TK", "TKL", Oceania, Outside, "Tokelau"),
    iso("TL", "TLS", Oceania, Outside, "Timor-Leste"),
    iso("TM", "TKM", Asia, Outside, "Turkmenistan"),
    iso("TN", "TUN", Africa, Outside, "Tunisia"),
    iso("TO", "TON", Oceania, Outside, "Tonga"),
    iso("TR", "TUR", Asia, Outside, "Türkiye"),
    iso("TT", "TTO", NorthAmerica, Outside, "Trinidad and Tobago"),
    iso("TV", "TUV", Oceania, Outside, "Tuvalu"),
    iso("TW", "TWN", Asia, Outside, "Taiwan"),
    iso("TZ", "TZA", Africa, Outside, "Tanzania"),
    iso("UA", "UKR", Europe, Outside, "Ukraine"),
    iso("UG", "UGA", Africa, Outside, "Uganda"),
    iso("UM", "UMI", Oceania, Outside, "United States Minor Outlying Islands"),
    iso("US", "USA", NorthAmerica, Outside, "United States"),
    iso("UY", "URY", SouthAmerica, Outside, "Uruguay"),
    iso("UZ", "UZB", Asia, Outside, "Uzbekistan"),
    iso("VA", "VAT", Europe, Outside, "Holy See"),
    iso("VC", "VCT", NorthAmerica, Outside, "Saint Vincent and the Grenadines"),
    iso("VE", "VEN", SouthAmerica, Outside, "Venezuela"),
    iso("VG", "VGB", NorthAmerica, Outside, "British Virgin Islands"),
    iso("VI", "VIR", NorthAmerica, Outside, "U.S. Virgin Islands"),
    iso("VN", "VNM", Asia, Outside, "Vietnam"),
    iso("VU", "VUT", Oceania, Outside, "Vanuatu"),
    iso("WF", "WLF", Oceania, Outside, "Wallis and Futuna"),
    iso("WS", "WSM", Oceania, Outside, "Samoa"),
    user_assigned("XK", "XKX", Europe, Outside, "Kosovo"),
    cloudflare("XX", "unknown"),
    iso("YE", "YEM", Asia, Outside, "Yemen"),
    iso("YT", "MYT", Africa, Part, "Mayotte"),
    iso("ZA", "ZAF", Africa, Outside, "South Africa"),
    iso("ZM", "ZMB", Africa, Outside, "Zambia"),
    iso("ZW", "ZWE", Africa, Outside, "Zimbabwe"),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn c(code: &str) -> Country {
        Country::parse(code).unwrap_or_else(|| panic!("{code} should parse"))
    }

    #[test]
    fn table_is_sorted_without_duplicates() {
        for pair in TABLE.windows(2) {
            assert!(
                pair[0].code < pair[1].code,
                "{} then {}: the table must be sorted and each code listed once",
                pair[0].code,
                pair[1].code
            );
        }
    }

    #[test]
    fn table_rows_are_well_formed() {
        let mut alpha3: Vec<&str> = TABLE
            .iter()
            .map(|r| r.alpha3)
            .filter(|a| !a.is_empty())
            .collect();
        for r in TABLE {
            let [a, b] = r.bytes();
            assert_eq!(r.code.len(), 2, "{}", r.code);
            assert!(a.is_ascii_uppercase(), "{}", r.code);
            assert!(
                b.is_ascii_uppercase() || r.kind == Kind::Cloudflare,
                "{}",
                r.code
            );
            assert_eq!(
                r.continent.is_none(),
                r.kind == Kind::Cloudflare,
                "{}",
                r.code
            );
            if r.kind != Kind::Cloudflare {
                assert!(
                    r.alpha3.len() == 3 && r.alpha3.bytes().all(|b| b.is_ascii_uppercase()),
                    "{}: alpha-3 `{}`",
                    r.code,
                    r.alpha3
                );
            }
        }
        let n = alpha3.len();
        alpha3.sort_unstable();
        alpha3.dedup();
        assert_eq!(alpha3.len(), n, "alpha-3 codes must be unique");
    }

    #[test]
    fn table_has_every_assigned_code_and_three_extras() {
        let count = |k: Kind| TABLE.iter().filter(|r| r.kind == k).count();
        assert_eq!(count(Kind::Iso), 249);
        assert_eq!(count(Kind::UserAssigned), 1, "XK");
        assert_eq!(count(Kind::Cloudflare), 2, "XX and T1");
        assert_eq!(Country::all().count(), TABLE.len());
    }

    #[test]
    fn countries_are_on_maxminds_continents() {
        let cases = [
            ("DE", Europe),
            ("BR", SouthAmerica),
            ("AU", Oceania),
            ("AQ", Antarctica),
            ("US", NorthAmerica),
            ("EG", Africa),
            ("JP", Asia),
            // The ones people would guess differently.
            ("TR", Asia),
            ("RU", Europe),
            ("CY", Europe),
            ("GE", Asia),
            ("KZ", Asia),
            ("TL", Oceania),
            ("PA", NorthAmerica),
            ("GL", NorthAmerica),
            ("TF", Antarctica),
            ("GF", SouthAmerica),
            ("XK", Europe),
        ];
        for (code, continent) in cases {
            assert_eq!(c(code).continent(), Some(continent), "{code}");
        }
        assert_eq!(Country::UNKNOWN.continent(), None);
        assert_eq!(Country::TOR.continent(), None);
    }

    #[test]
    fn the_eu_has_27_member_states() {
        let members: Vec<String> = Country::all()
            .filter(|c| c.is_eu())
            .map(|c| c.to_string())
            .collect();
        assert_eq!(members.len(), 27, "{members:?}");
        for code in ["DE", "FR", "IE", "HR", "CY", "MT"] {
            assert!(c(code).is_eu(), "{code}");
        }
        for code in ["GB", "CH", "NO", "IS", "TR", "UA", "AX", "RE", "XX", "T1"] {
            assert!(!c(code).is_eu(), "{code}");
        }
    }

    #[test]
    fn regions_with_own_codes_are_in_the_eu_but_not_members() {
        let part: Vec<String> = Country::all()
            .filter(|c| c.is_in_eu() && !c.is_eu())
            .map(|c| c.to_string())
            .collect();
        assert_eq!(part, ["AX", "GF", "GP", "MF", "MQ", "RE", "YT"]);
        assert!(c("DE").is_in_eu());
        assert!(!c("GB").is_in_eu());
    }

    #[test]
    fn rule_files_accept_assigned_uppercase_codes_only() {
        let cases = [
            ("DE", true),
            ("GB", true),
            ("XK", true),
            ("XX", true),
            ("T1", true),
            ("de", false),
            ("De", false),
            ("UK", false),
            ("EU", false),
            ("ZZ", false),
            ("DEU", false),
            ("D", false),
            ("", false),
            (" DE", false),
            ("t1", false),
        ];
        for (raw, ok) in cases {
            assert_eq!(Country::parse(raw).is_some(), ok, "{raw:?}");
            assert_eq!(raw.parse::<Country>().is_ok(), ok, "{raw:?}");
        }
    }

    #[test]
    fn geolocation_sources_are_matched_in_any_case() {
        let cases = [
            ("de", Some("DE")),
            ("De", Some("DE")),
            ("GB", Some("GB")),
            ("t1", Some("T1")),
            ("xx", Some("XX")),
            ("AP", None),
            ("EU", None),
            ("", None),
            ("USA", None),
        ];
        for (raw, want) in cases {
            assert_eq!(
                Country::parse_ignore_case(raw).map(|c| c.to_string()),
                want.map(String::from),
                "{raw:?}"
            );
        }
    }

    #[test]
    fn unknown_codes_get_a_hint_at_what_to_write() {
        let cases = [
            ("UK", "`UK` is not an ISO 3166-1 alpha-2 country code; the United Kingdom is `GB`"),
            ("EL", "`EL` is not an ISO 3166-1 alpha-2 country code; `EL` is the EU's abbreviation for Greece; its ISO code is `GR`"),
            ("uk", "`uk` is not an ISO 3166-1 alpha-2 country code; the United Kingdom is `GB`"),
            ("de", "`de` is not uppercase; write `DE` (Germany)"),
            ("DEU", "`DEU` is an ISO 3166-1 alpha-3 code; country codes are two letters; Germany is `DE`"),
            ("usa", "`usa` is an ISO 3166-1 alpha-3 code; country codes are two letters; United States is `US`"),
            ("Germany", "`Germany` is a name, not a country code; Germany is `DE`"),
            ("ED", "`ED` is not an ISO 3166-1 alpha-2 country code; did you mean `DE` (Germany)?"),
            ("QQ", "`QQ` is not an ISO 3166-1 alpha-2 country code; codes starting with `Q`: `QA` Qatar"),
            (" DE", "` DE` has surrounding whitespace; write `DE`"),
            ("", "empty country code; write an ISO 3166-1 alpha-2 code such as `DE`"),
            ("1", "`1` is not an ISO 3166-1 alpha-2 country code; write an ISO 3166-1 alpha-2 code such as `DE`"),
        ];
        for (raw, want) in cases {
            let err = raw.parse::<Country>().unwrap_err();
            assert_eq!(err.to_string(), want, "{raw:?}");
        }
    }

    #[test]
    fn continents_parse_strictly_with_hints() {
        for c in Continent::ALL {
            assert_eq!(Continent::parse(c.code()), Some(c));
            assert_eq!(c.code().parse::<Continent>(), Ok(c));
        }
        assert_eq!(Continent::parse("eu"), None);
        assert_eq!(Continent::parse_ignore_case("eu"), Some(Europe));
        assert_eq!(Continent::parse_ignore_case("XX"), None);
        let cases = [
            ("eu", "`eu` is not a continent code; Europe is `EU`"),
            ("Europe", "`Europe` is not a continent code; Europe is `EU`"),
            (
                "north america",
                "`north america` is not a continent code; North America is `NA`",
            ),
        ];
        for (raw, want) in cases {
            assert_eq!(raw.parse::<Continent>().unwrap_err().to_string(), want);
        }
        let err = "ME".parse::<Continent>().unwrap_err().to_string();
        assert!(err.contains("`OC` (Oceania)"), "{err}");
    }

    #[test]
    fn countries_print_as_their_code() {
        assert_eq!(c("DE").to_string(), "DE");
        assert_eq!(format!("{:?}", c("T1")), "Country(T1)");
        assert_eq!(c("GB").name(), "United Kingdom");
        assert!(Country::TOR.is_special() && Country::UNKNOWN.is_special());
        assert!(!c("XK").is_special());
    }
}
