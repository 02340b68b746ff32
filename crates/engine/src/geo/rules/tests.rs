//! Geo rules through the whole engine: rule file (+ the e2e fixture
//! database) → policy → decision, and the load errors that keep typos out.

use std::borrow::Cow;

use crate::decision::{Action, Stage};
use crate::load::{load_with_data, DataCheck, DataFile};
use crate::{Policy, Request};

/// Written by `crates/engine/tests/geo_fixture.rs`: 198.18.1.0/24 DE,
/// .2 KP, .3 BR, .4 FR, .5 US, .6 GB (AS64506); 2001:db8:7000::/48 JP,
/// 2001:db8:7001::/48 IT.
const DB: &[u8] = include_bytes!("../../../../../tests/e2e/rules/geo/test-countries.mmdb");

const RULES: &str = r#"
[geo]
default = "allow"
database = "geo/test.mmdb"

[[geo.rule]]
id = "sanctions"
action = "deny"
countries = ["KP", "T1"]

[[geo.rule]]
id = "eu-only"
paths = ["/eu"]
action = "allow"
eu = true

[[geo.rule]]
id = "eu-only-rest"
paths = ["/eu"]
action = "deny"
countries = ["*"]

[[geo.rule]]
id = "no-sa"
paths = ["/sa"]
action = "deny"
continents = ["SA"]

[[geo.rule]]
id = "asn"
paths = ["/asn"]
action = "deny"
asns = [64506, 3320]

[[geo.rule]]
id = "known-only"
paths = ["/known"]
action = "deny"
countries = ["XX"]
"#;

fn data() -> Vec<DataFile> {
    vec![DataFile {
        path: "rules/geo/test.mmdb".into(),
        bytes: Cow::Borrowed(DB),
    }]
}

fn load_one(text: &str, data: &[DataFile]) -> Result<crate::Loaded, crate::LoadError> {
    load_with_data(
        &[("rules/g.toml".into(), text.into())],
        data,
        DataCheck::Full,
    )
}

fn policy(text: &str) -> Policy {
    load_one(text, &data()).unwrap().policy
}

/// What `request.cf` says: country, continent, ASN.
type Cf = (Option<&'static str>, Option<&'static str>, Option<u32>);
const NO_CF: Cf = (None, None, None);

/// (path, client address, cf, blocking rule or allowed, resolved country)
type Case = (
    &'static str,
    &'static str,
    Cf,
    Option<&'static str>,
    Option<&'static str>,
);

const CASES: &[Case] = &[
    // The database, where the platform has no country.
    ("/", "198.18.2.1", NO_CF, Some("sanctions"), Some("KP")),
    (
        "/",
        "::ffff:198.18.2.1",
        NO_CF,
        Some("sanctions"),
        Some("KP"),
    ),
    ("/", "198.18.1.1", NO_CF, None, Some("DE")),
    ("/eu/x", "198.18.4.1", NO_CF, None, Some("FR")),
    (
        "/eu/x",
        "198.18.6.1",
        NO_CF,
        Some("eu-only-rest"),
        Some("GB"),
    ),
    ("/eu/x", "2001:db8:7001::1", NO_CF, None, Some("IT")),
    (
        "/eu/x",
        "2001:db8:7000::1",
        NO_CF,
        Some("eu-only-rest"),
        Some("JP"),
    ),
    ("/eu/x", "203.0.113.1", NO_CF, Some("eu-only-rest"), None),
    ("/sa", "198.18.3.1", NO_CF, Some("no-sa"), Some("BR")),
    ("/asn", "198.18.6.1", NO_CF, Some("asn"), Some("GB")),
    ("/known", "203.0.113.1", NO_CF, Some("known-only"), None),
    ("/known", "198.18.5.1", NO_CF, None, Some("US")),
    // The platform wins where it has a country; `XX` is no country.
    (
        "/eu/x",
        "198.18.5.1",
        (Some("DE"), Some("EU"), None),
        None,
        Some("DE"),
    ),
    (
        "/",
        "198.18.1.1",
        (Some("T1"), None, None),
        Some("sanctions"),
        Some("T1"),
    ),
    (
        "/eu/x",
        "198.18.1.1",
        (Some("T1"), None, None),
        Some("sanctions"),
        Some("T1"),
    ),
    (
        "/",
        "198.18.2.1",
        (Some("XX"), None, None),
        Some("sanctions"),
        Some("KP"),
    ),
    (
        "/",
        "198.18.1.1",
        (Some("kp"), None, None),
        Some("sanctions"),
        Some("KP"),
    ),
    (
        "/asn",
        "198.18.1.1",
        (Some("DE"), None, Some(3320)),
        Some("asn"),
        Some("DE"),
    ),
    // The continent comes from the table when the platform gives only a
    // country.
    (
        "/sa",
        "198.18.1.1",
        (Some("AR"), None, None),
        Some("no-sa"),
        Some("AR"),
    ),
];

#[test]
fn geo_cases() {
    let p = policy(RULES);
    let mut failed = Vec::new();
    for (url, ip, cf, rule, country) in CASES {
        let req = Request {
            connecting_ip: Some((*ip).into()),
            country: cf.0.map(Into::into),
            continent: cf.1.map(Into::into),
            asn: cf.2,
            ..Request::get(url)
        };
        let d = p.evaluate(&req);
        let got_rule = (d.action == Action::Block).then(|| d.rule.clone().unwrap_or_default());
        let got_country = d.location.country.map(|c| c.as_str());
        let stage_ok = d.action == Action::Allow || d.stage == Stage::Geo;
        if got_rule.as_deref() != *rule || got_country != *country || !stage_ok {
            failed.push(format!(
                "{url} from {ip} cf {cf:?}: want {rule:?}/{country:?}, got {got_rule:?}/{got_country:?} ({})",
                d.reason
            ));
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

#[test]
fn default_deny_is_an_allow_list_logged_as_geo_default() {
    let p = policy(
        "[geo]\ndefault = \"deny\"\ndatabase = \"geo/test.mmdb\"\n[[geo.rule]]\nid = \"home\"\naction = \"allow\"\ncountries = [\"DE\", \"FR\"]\n",
    );
    let eval = |ip: &str| {
        p.evaluate(&Request {
            connecting_ip: Some(ip.into()),
            ..Request::get("/")
        })
    };
    assert_eq!(eval("198.18.1.1").action, Action::Allow);
    assert_eq!(eval("198.18.1.1").rule.as_deref(), Some("home"));
    let d = eval("198.18.5.1");
    assert_eq!(d.action, Action::Block);
    assert_eq!(d.rule.as_deref(), Some("geo.default"));
    assert!(d.reason.contains("US"), "{}", d.reason);
    // An unknown location is not on an allow-list.
    assert_eq!(eval("203.0.113.1").action, Action::Block);
}

fn load_errors(text: &str) -> Vec<(String, String)> {
    match load_one(text, &data()) {
        Ok(_) => Vec::new(),
        Err(e) => e
            .diagnostics
            .into_iter()
            .filter(|d| d.is_error())
            .map(|d| (d.message, d.help.unwrap_or_default()))
            .collect(),
    }
}

#[test]
fn typos_in_geo_rules_do_not_load() {
    let rule = |line: &str| {
        format!("[geo]\ndefault = \"allow\"\ndatabase = \"geo/test.mmdb\"\n[[geo.rule]]\nid = \"g\"\naction = \"deny\"\n{line}\n")
    };
    let cases = [
        (rule("countries = [\"UK\"]"), "`UK`", "`GB`"),
        (rule("countries = [\"de\"]"), "`de`", "`DE`"),
        (rule("countries = [\"DEU\"]"), "`DEU`", "`DE`"),
        (rule("countries = [\"EU\"]"), "`EU`", "`eu = true`"),
        (
            rule("countries = [\"*\", \"DE\"]"),
            "`*` and other countries",
            "keep `*` alone",
        ),
        (
            rule("continents = [\"eu\"]"),
            "unknown continent `eu`",
            "`EU`",
        ),
        (
            rule("continents = [\"Europe\"]"),
            "unknown continent",
            "EU Europe",
        ),
        (rule("asns = [0]"), "not an AS number", "1 to 4294967295"),
        (rule("asns = [-5]"), "not an AS number", "1 to 4294967295"),
        (rule(""), "names no location", "countries"),
        (
            "[[geo.rule]]\nid = \"g\"\naction = \"deny\"\ncountries = [\"KP\"]\n".to_string(),
            "has rules but no `default`",
            "default = \"allow\"",
        ),
        (
            "[geo]\ndefault = \"allow\"\ndatabase = \"geo/missing.mmdb\"\n".to_string(),
            "not found",
            "did you mean `rules/geo/test.mmdb`",
        ),
        (
            "[geo]\ndefault = \"allow\"\ndatabase = \"../x.mmdb\"\n".to_string(),
            "outside the rules directory",
            "relative",
        ),
        (
            "[geo]\ndefault = \"allow\"\ndatabase = \"geo/x.dat\"\n".to_string(),
            "not a `.mmdb` file",
            "MaxMind",
        ),
        (
            "[geo]\ndefalt = \"allow\"\n".to_string(),
            "unknown key `defalt` in `[geo]`",
            "did you mean `default`",
        ),
        (
            "[geo]\ndefault = \"allow\"\n[[geo.rule]]\nid = \"g\"\naction = \"deny\"\ncountry = [\"KP\"]\n".to_string(),
            "unknown field `country`",
            "did you mean `countries`",
        ),
        (
            "[geo]\ndefault = \"allow\"\n[[geo.rule]]\nid = \"geo.default\"\naction = \"deny\"\ncountries = [\"KP\"]\n".to_string(),
            "is reserved",
            "choose another id",
        ),
    ];
    for (text, msg, help) in cases {
        let errs = load_errors(&text);
        assert!(
            errs.iter()
                .any(|(m, h)| m.contains(msg) && h.contains(help)),
            "{text}\n  want {msg:?} / {help:?}\n  got {errs:?}"
        );
    }
}

#[test]
fn a_broken_database_is_a_load_error_naming_the_rule_file_line() {
    let bad = vec![DataFile {
        path: "rules/geo/test.mmdb".into(),
        bytes: Cow::Owned(b"this is not a maxmind database at all".to_vec()),
    }];
    let err = load_one(
        "[geo]\ndefault = \"allow\"\ndatabase = \"geo/test.mmdb\"\n",
        &bad,
    )
    .unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("database `geo/test.mmdb` cannot be used"),
        "{text}"
    );
    assert!(text.contains("rules/g.toml:3"), "{text}");
}

#[test]
fn an_unused_database_is_a_warning() {
    let loaded = load_one("[ip_acl]\ndefault = \"allow\"\n", &data()).unwrap();
    assert!(
        loaded
            .warnings
            .iter()
            .any(|w| w.file == "rules/geo/test.mmdb" && w.message.contains("not used")),
        "{:?}",
        loaded.warnings
    );
}

#[test]
fn without_geo_rules_the_location_is_still_resolved_for_the_log() {
    let p = policy("[geo]\ndefault = \"allow\"\ndatabase = \"geo/test.mmdb\"\n");
    let d = p.evaluate(&Request {
        connecting_ip: Some("198.18.2.1".into()),
        ..Request::get("/")
    });
    assert_eq!(d.action, Action::Allow);
    assert_eq!(d.location.country.map(|c| c.as_str()), Some("KP"));
}
