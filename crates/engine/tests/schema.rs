//! `schema/rules.schema.json` against the engine it describes: the same keys
//! in every table, the same enum values and defaults, the same syntax for
//! ids, path patterns, header names and list files, and every shipped rule
//! file pointing editors at it. An editor must never flag a file that
//! `edgewall check` accepts, nor offer a key the engine rejects.
//!
//! The schema is checked with a small validator for exactly the keywords it
//! uses (a test fails if it starts using another one), so no JSON Schema
//! crate is needed.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use edgewall_engine::acl::AclAction;
use edgewall_engine::client_ip::ClientIpPolicy;
use edgewall_engine::cors::OnDisallowedOrigin;
use edgewall_engine::geo::GeoAction;
use edgewall_engine::ip::parse_entry;
use edgewall_engine::policy::{OnMissingIp, Policy};
use edgewall_engine::rate_limit::{Counter, LimitAction};
use edgewall_engine::rules_file::{
    AUTH_KEYS, AUTH_PROVIDER_KEYS, AUTH_RULE_KEYS, CLIENT_IP_KEYS, CORS_KEYS, CORS_POLICY_KEYS,
    GEO_KEYS, GEO_RULE_KEYS, IP_ACL_KEYS, IP_ACL_RULE_KEYS, IP_LIST_KEYS, RATE_LIMIT_KEYS,
    RATE_LIMIT_RULE_KEYS, TOP_LEVEL_KEYS, WAF_EXCLUSION_KEYS, WAF_KEYS, WAF_RULE_KEYS,
};
use edgewall_engine::waf::detect::Detector;
use edgewall_engine::waf::fields::Anomaly;
use edgewall_engine::waf::rules::{Mode, OverLimit, Severity};
use regex::Regex;
use serde_json::Value;

const SCHEMA_LINE: &str = "#:schema ../schema/rules.schema.json";

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn schema() -> Value {
    let path = repo().join("schema/rules.schema.json");
    let text = std::fs::read_to_string(&path).unwrap();
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Follow a local `$ref` (`#/definitions/NAME`).
fn resolve<'a>(root: &'a Value, node: &'a Value) -> &'a Value {
    match node.get("$ref").and_then(Value::as_str) {
        Some(r) => {
            let pointer = r.strip_prefix('#').expect("only local $refs");
            resolve(root, root.pointer(pointer).expect("$ref target exists"))
        }
        None => node,
    }
}

/// The schema of a table, reached by property names; `[]` steps into array
/// items, `*` into `additionalProperties` (the value of any `[ip_lists.NAME]`).
fn at<'a>(root: &'a Value, path: &[&str]) -> &'a Value {
    let mut node = root;
    for step in path {
        node = resolve(root, node);
        node = match *step {
            "[]" => &node["items"],
            "*" => &node["additionalProperties"],
            name => &node["properties"][name],
        };
        assert!(!node.is_null(), "schema has no {path:?}");
    }
    resolve(root, node)
}

/// Every table of a rule file: what to call it, where it is in the schema,
/// and the engine's list of its keys.
const TABLES: &[(&str, &[&str], &[&str])] = &[
    ("the top level", &[], TOP_LEVEL_KEYS),
    ("[client_ip]", &["client_ip"], CLIENT_IP_KEYS),
    ("[ip_acl]", &["ip_acl"], IP_ACL_KEYS),
    (
        "[[ip_acl.rule]]",
        &["ip_acl", "rule", "[]"],
        IP_ACL_RULE_KEYS,
    ),
    ("[ip_lists.NAME]", &["ip_lists", "*"], IP_LIST_KEYS),
    ("[geo]", &["geo"], GEO_KEYS),
    ("[[geo.rule]]", &["geo", "rule", "[]"], GEO_RULE_KEYS),
    ("[cors]", &["cors"], CORS_KEYS),
    ("[auth]", &["auth"], AUTH_KEYS),
    (
        "[[auth.provider]]",
        &["auth", "provider", "[]"],
        AUTH_PROVIDER_KEYS,
    ),
    ("[[auth.rule]]", &["auth", "rule", "[]"], AUTH_RULE_KEYS),
    ("[rate_limit]", &["rate_limit"], RATE_LIMIT_KEYS),
    (
        "[[rate_limit.rule]]",
        &["rate_limit", "rule", "[]"],
        RATE_LIMIT_RULE_KEYS,
    ),
    ("[waf]", &["waf"], WAF_KEYS),
    ("[[waf.rule]]", &["waf", "rule", "[]"], WAF_RULE_KEYS),
    (
        "[[waf.exclusion]]",
        &["waf", "exclusion", "[]"],
        WAF_EXCLUSION_KEYS,
    ),
    (
        "[[cors.policy]]",
        &["cors", "policy", "[]"],
        CORS_POLICY_KEYS,
    ),
];

fn keys(node: &Value) -> BTreeSet<&str> {
    node["properties"]
        .as_object()
        .map(|m| m.keys().map(String::as_str).collect())
        .unwrap_or_default()
}

fn strings(v: &Value) -> BTreeSet<&str> {
    v.as_array()
        .unwrap_or_else(|| panic!("not an array: {v}"))
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect()
}

fn set<'a>(names: &[&'a str]) -> BTreeSet<&'a str> {
    names.iter().copied().collect()
}

// ---- a validator for the keywords the schema uses -----------------------

/// Keywords that only describe (shown by editors, ignored when validating).
const ANNOTATIONS: &[&str] = &[
    "$schema",
    "title",
    "description",
    "default",
    "examples",
    "x-taplo",
];
/// Keywords `validate` implements.
const ASSERTIONS: &[&str] = &[
    "$ref",
    "type",
    "enum",
    "pattern",
    "minItems",
    "minimum",
    "maximum",
    "items",
    "required",
    "properties",
    "additionalProperties",
    "propertyNames",
    "not",
    "anyOf",
    "definitions",
];

fn validate(root: &Value, schema: &Value, v: &Value, at: &str, errs: &mut Vec<String>) {
    let schema = resolve(root, schema);
    if let Some(t) = schema.get("type").and_then(Value::as_str) {
        let ok = match t {
            "object" => v.is_object(),
            "array" => v.is_array(),
            "string" => v.is_string(),
            "boolean" => v.is_boolean(),
            "integer" => v.is_i64() || v.is_u64(),
            other => panic!("the test validator does not know type `{other}`"),
        };
        if !ok {
            errs.push(format!("{at}: expected {t}, found {v}"));
            return;
        }
    }
    if let Some(choices) = schema.get("enum").and_then(Value::as_array) {
        if !choices.contains(v) {
            errs.push(format!("{at}: {v} is not one of {choices:?}"));
        }
    }
    if let (Some(p), Some(s)) = (schema.get("pattern").and_then(Value::as_str), v.as_str()) {
        if !Regex::new(p).unwrap().is_match(s) {
            errs.push(format!("{at}: {s:?} does not match /{p}/"));
        }
    }
    if let (Some(min), Some(n)) = (schema.get("minimum").and_then(Value::as_i64), v.as_i64()) {
        if n < min {
            errs.push(format!("{at}: {n} is less than {min}"));
        }
    }
    if let (Some(max), Some(n)) = (schema.get("maximum").and_then(Value::as_i64), v.as_i64()) {
        if n > max {
            errs.push(format!("{at}: {n} is more than {max}"));
        }
    }
    if let (Some(n), Some(a)) = (schema.get("minItems").and_then(Value::as_u64), v.as_array()) {
        if (a.len() as u64) < n {
            errs.push(format!("{at}: fewer than {n} items"));
        }
    }
    if let (Some(items), Some(a)) = (schema.get("items"), v.as_array()) {
        for (i, x) in a.iter().enumerate() {
            validate(root, items, x, &format!("{at}[{i}]"), errs);
        }
    }
    if let Some(obj) = v.as_object() {
        if let Some(req) = schema.get("required") {
            for r in strings(req) {
                if !obj.contains_key(r) {
                    errs.push(format!("{at}: missing `{r}`"));
                }
            }
        }
        for (k, x) in obj {
            let here = format!("{at}.{k}");
            if let Some(names) = schema.get("propertyNames") {
                validate(root, names, &Value::String(k.clone()), &here, errs);
            }
            match schema.get("properties").and_then(|p| p.get(k)) {
                Some(s) => validate(root, s, x, &here, errs),
                None => match schema.get("additionalProperties") {
                    Some(Value::Bool(false)) => errs.push(format!("{here}: unknown key")),
                    None | Some(Value::Bool(true)) => {}
                    Some(s) => validate(root, s, x, &here, errs),
                },
            }
        }
    }
    if let Some(not) = schema.get("not") {
        let mut e = Vec::new();
        validate(root, not, v, at, &mut e);
        if e.is_empty() {
            errs.push(format!("{at}: {v} matches `not` {not}"));
        }
    }
    if let Some(any) = schema.get("anyOf").and_then(Value::as_array) {
        let ok = any.iter().any(|s| {
            let mut e = Vec::new();
            validate(root, s, v, at, &mut e);
            e.is_empty()
        });
        if !ok {
            errs.push(format!("{at}: matches none of `anyOf`"));
        }
    }
}

/// Schema errors for one rule file's text.
fn schema_errors(root: &Value, toml_text: &str) -> Vec<String> {
    let doc: Value = toml::from_str(toml_text).unwrap_or_else(|e| panic!("{e}\n{toml_text}"));
    let mut errs = Vec::new();
    validate(root, root, &doc, "$", &mut errs);
    errs
}

/// Error messages of the engine for one rule file (and extra files).
fn engine_errors(toml_text: &str, extra: &[(&str, &str)]) -> Vec<String> {
    let mut files = vec![("rules/a.toml".to_string(), toml_text.to_string())];
    files.extend(extra.iter().map(|(p, t)| (p.to_string(), t.to_string())));
    match edgewall_engine::load(&files) {
        Ok(_) => Vec::new(),
        Err(e) => e
            .diagnostics
            .into_iter()
            .filter(|d| d.is_error())
            .map(|d| d.message)
            .collect(),
    }
}

/// For every sample, the schema and the engine agree on whether the file
/// `make(sample)` is valid.
fn assert_agree(what: &str, samples: &[&str], make: impl Fn(&str) -> String) {
    let root = schema();
    for s in samples {
        let text = make(s);
        let engine = engine_errors(&text, &[]);
        let schema = schema_errors(&root, &text);
        assert_eq!(
            engine.is_empty(),
            schema.is_empty(),
            "{what} {s:?}: engine says {engine:?}, schema says {schema:?}"
        );
    }
}

fn rule_with(line: &str) -> String {
    format!(
        "[ip_acl]\ndefault = \"allow\"\n[[ip_acl.rule]]\nid = \"r\"\naction = \"deny\"\n{line}\n"
    )
}

/// Rule files below `dir`, with their path relative to the repository.
fn rule_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let path = e.unwrap().path();
        if path.is_dir() {
            rule_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "toml") {
            out.push(path);
        }
    }
}

// ---- tests -----------------------------------------------------------------

#[test]
fn schema_keys_match_the_engine_for_every_table() {
    let root = schema();
    for (name, path, engine_keys) in TABLES {
        assert_eq!(
            keys(at(&root, path)),
            set(engine_keys),
            "keys of {name} in the schema differ from rules_file.rs"
        );
    }
}

#[test]
fn every_table_rejects_unknown_keys_like_the_engine() {
    let root = schema();
    for (name, path, _) in TABLES {
        assert_eq!(
            at(&root, path)["additionalProperties"],
            Value::Bool(false),
            "{name} must have additionalProperties: false"
        );
    }
    let errs = schema_errors(&root, "[ip_acl]\ndefalt = \"allow\"\n");
    assert_eq!(errs, ["$.ip_acl.defalt: unknown key"]);
}

#[test]
fn every_key_has_a_description_for_editors() {
    let root = schema();
    for (name, path, _) in TABLES {
        let table = at(&root, path);
        assert!(
            table["description"].as_str().is_some_and(|d| !d.is_empty()),
            "{name} has no description"
        );
        for (key, node) in table["properties"].as_object().unwrap() {
            let d = resolve(&root, node)["description"].as_str().unwrap_or("");
            assert!(!d.is_empty(), "{name} `{key}` has no description");
        }
    }
}

#[test]
fn enum_values_match_the_engine() {
    let root = schema();
    let cases: &[(&[&str], &[&str])] = &[
        (&["ip_acl", "rule", "[]", "action"], AclAction::NAMES),
        (&["ip_acl", "default"], AclAction::NAMES),
        (&["client_ip", "on_missing"], OnMissingIp::NAMES),
        (
            &["cors", "policy", "[]", "on_disallowed_origin"],
            OnDisallowedOrigin::NAMES,
        ),
        (&["geo", "default"], GeoAction::NAMES),
        (&["waf", "mode"], Mode::NAMES),
        (&["waf", "rule", "[]", "mode"], Mode::NAMES),
        (&["waf", "on_body_over_limit"], OverLimit::NAMES),
        (&["waf", "rule", "[]", "severity"], Severity::NAMES),
        (&["waf", "rule", "[]", "anomaly"], Anomaly::NAMES),
        (&["waf", "rule", "[]", "detect"], Detector::NAMES),
        (&["geo", "rule", "[]", "action"], GeoAction::NAMES),
        (&["rate_limit", "rule", "[]", "counter"], Counter::NAMES),
        (&["rate_limit", "rule", "[]", "action"], LimitAction::NAMES),
    ];
    for (path, names) in cases {
        assert_eq!(strings(&at(&root, path)["enum"]), set(names), "{path:?}");
    }
}

#[test]
fn schema_defaults_are_the_engine_defaults() {
    let root = schema();
    let on_missing = at(&root, &["client_ip", "on_missing"])["default"]
        .as_str()
        .unwrap();
    assert_eq!(
        OnMissingIp::parse(on_missing),
        Some(Policy::default().on_missing_ip)
    );
    let header = at(&root, &["client_ip", "forwarded_header"])["default"]
        .as_str()
        .unwrap();
    assert_eq!(
        header.to_ascii_lowercase(),
        ClientIpPolicy::default().forwarded_header
    );
}

#[test]
fn rule_requires_exactly_the_keys_the_engine_requires() {
    let root = schema();
    let required = strings(&at(&root, &["ip_acl", "rule", "[]"])["required"]);
    let full = [
        "id = \"r\"",
        "action = \"deny\"",
        "description = \"d\"",
        "paths = [\"/admin\"]",
        "cidrs = [\"192.0.2.0/24\"]",
        "lists = [\"l\"]",
    ];
    for key in IP_ACL_RULE_KEYS {
        let lines: Vec<&str> = full
            .iter()
            .copied()
            .filter(|l| !l.starts_with(&format!("{key} ")))
            .collect();
        assert_eq!(lines.len(), full.len() - 1, "no sample line for `{key}`");
        let text = format!(
            "[ip_acl]\ndefault = \"allow\"\n[[ip_acl.rule]]\n{}\n[ip_lists.l]\ncidrs = [\"198.51.100.0/24\"]\n",
            lines.join("\n")
        );
        let engine_needs_it = engine_errors(&text, &[])
            .iter()
            .any(|m| m.contains(&format!("missing field `{key}`")));
        assert_eq!(required.contains(key), engine_needs_it, "`{key}`");
        assert_eq!(
            schema_errors(&root, &text).is_empty(),
            !engine_needs_it,
            "`{key}`"
        );
    }
}

#[test]
fn rule_and_list_without_networks_are_flagged_like_the_engine() {
    let root = schema();
    let cases = [
        (rule_with(""), false),
        (rule_with("cidrs = []\nlists = []"), false),
        (rule_with("cidrs = [\"all\"]"), true),
        (
            rule_with("cidrs = []\nlists = [\"l\"]\n[ip_lists.l]\ncidrs = [\"192.0.2.1\"]"),
            true,
        ),
        ("[ip_lists.l]\ndescription = \"x\"\n".to_string(), false),
        ("[ip_lists.l]\ncidrs = []\n".to_string(), false),
        ("[ip_lists.l]\ncidrs = [\"192.0.2.1\"]\n".to_string(), true),
    ];
    for (text, valid) in cases {
        assert_eq!(engine_errors(&text, &[]).is_empty(), valid, "{text}");
        assert_eq!(schema_errors(&root, &text).is_empty(), valid, "{text}");
    }
}

#[test]
fn id_and_list_name_syntax_agrees_with_the_engine() {
    let long = "a".repeat(64);
    let too_long = "a".repeat(65);
    let samples = [
        "a",
        "Z",
        "0",
        "admin-office",
        "x.y:z_w-1",
        "9lives",
        long.as_str(),
        too_long.as_str(),
        "",
        "-a",
        "_a",
        ".a",
        ":a",
        "a b",
        "a/b",
        "a*",
        "a+b",
        "é",
        "aé",
    ];
    assert_agree("rule id", &samples, |id| {
        format!("[ip_acl]\ndefault = \"allow\"\n[[ip_acl.rule]]\nid = {id:?}\naction = \"deny\"\ncidrs = [\"all\"]\n")
    });
    // The same syntax names lists, where they are defined and where a rule
    // refers to them.
    assert_agree("list name", &samples, |name| {
        format!("[ip_lists.{name:?}]\ncidrs = [\"192.0.2.0/24\"]\n")
    });
    // A reference is flagged exactly when no list can have that name (the
    // schema cannot see whether another file defines it).
    let root = schema();
    for name in samples {
        let definable = engine_errors(
            &format!("[ip_lists.{name:?}]\ncidrs = [\"192.0.2.0/24\"]\n"),
            &[],
        )
        .is_empty();
        let reference = rule_with(&format!("lists = [{name:?}]"));
        assert_eq!(
            schema_errors(&root, &reference).is_empty(),
            definable,
            "lists = [{name:?}]"
        );
    }
}

#[test]
fn path_pattern_syntax_agrees_with_the_engine() {
    let samples = [
        "/",
        "/admin",
        "/admin/",
        "/api/*/users",
        "/static/**",
        "/**/*.php",
        "/*.txt",
        "/café",
        "/a.b+c(d)",
        "admin",
        "*/admin",
        "",
        "/search?q=1",
        "/a#b",
        "/%61dmin",
        "//admin",
        "/x/../admin",
        "/a/./b",
        "/a/***",
        "/a***",
        "/a/.",
        "/a/..",
        "/a\\b",
    ];
    assert_agree("path pattern", &samples, |p| {
        rule_with(&format!("cidrs = [\"all\"]\npaths = [{p:?}]"))
    });
    assert_agree("paths", &["[]"], |_| {
        rule_with("cidrs = [\"all\"]\npaths = []")
    });
}

#[test]
fn forwarded_header_syntax_agrees_with_the_engine() {
    let samples = [
        "X-Forwarded-For",
        "x-real-ip",
        "True-Client-IP",
        "X_Odd.Header~1!",
        "",
        "X Forwarded",
        "X-Forwarded-For:",
        "X(1)",
        "Ü",
    ];
    assert_agree("forwarded_header", &samples, |h| {
        format!("[client_ip]\ntrusted_proxies = [\"10.0.0.0/8\"]\nforwarded_header = {h:?}\n")
    });
}

#[test]
fn list_file_paths_the_engine_refuses_are_flagged_by_the_schema() {
    let root = schema();
    for path in [
        "lists/a.txt",
        "./a.txt",
        "a..b.txt",
        "..a/b.txt",
        "",
        "/etc/a.txt",
        "../a.txt",
        "a/../b.txt",
        "a/..",
        "..",
        "a\\b.txt",
    ] {
        let text = format!("[ip_lists.l]\nfile = {path:?}\n");
        let outside = engine_errors(&text, &[])
            .iter()
            .any(|m| m.contains("outside the rules directory"));
        let flagged = !schema_errors(&root, &text).is_empty();
        assert_eq!(flagged, outside, "file = {path:?}");
    }
}

#[test]
fn network_pattern_never_rejects_an_entry_the_engine_accepts() {
    let root = schema();
    let network = &root["definitions"]["network"];
    let check = |s: &str| {
        let mut e = Vec::new();
        validate(&root, network, &Value::String(s.into()), "entry", &mut e);
        e.is_empty()
    };
    let accepted = [
        "all",
        "192.0.2.7",
        "192.0.2.0/24",
        "0.0.0.0/0",
        "255.255.255.255/32",
        "2001:db8::7",
        "2001:DB8::/32",
        "::/0",
        "::",
        "::1/128",
        "::ffff:10.0.0.0/104",
        "::ffff:192.0.2.1",
        "fe80::/10",
    ];
    for s in accepted {
        assert!(parse_entry(s).is_ok(), "the engine should accept {s:?}");
        assert!(
            check(s),
            "the schema rejects {s:?}, which the engine accepts"
        );
    }
    // Mistakes the schema can see are flagged in the editor too.
    let mistakes = [
        "",
        " 10.0.0.0/8",
        "10.0.0.0/8 ",
        "10.*",
        "1.2.3.4-1.2.3.9",
        "example.com",
        "fe80::1%eth0",
        "[::1]",
        "ALL",
        "any",
    ];
    for s in mistakes {
        assert!(parse_entry(s).is_err(), "the engine should refuse {s:?}");
        assert!(!check(s), "the schema accepts {s:?}");
    }
}

#[test]
fn shipped_and_fixture_rules_validate_and_the_broken_fixture_does_not() {
    let root = schema();
    let mut files = Vec::new();
    rule_files(&repo().join("rules"), &mut files);
    rule_files(&repo().join("tests/e2e/rules"), &mut files);
    assert!(!files.is_empty());
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        let errs = schema_errors(&root, &text);
        assert!(errs.is_empty(), "{}: {errs:#?}", path.display());
    }
    let broken =
        std::fs::read_to_string(repo().join("tests/e2e/broken-rules/10-acl.toml")).unwrap();
    let errs = schema_errors(&root, &broken);
    assert!(errs.iter().any(|e| e.contains("\"alow\"")), "{errs:#?}");
    assert!(
        errs.iter().any(|e| e.contains("actoin: unknown key")),
        "{errs:#?}"
    );
}

#[test]
fn a_file_using_every_key_satisfies_both_engine_and_schema() {
    let text = r#"
[client_ip]
on_missing = "allow"
trusted_proxies = ["10.0.0.0/8", "2001:db8:ff::/48"]
forwarded_header = "X-Forwarded-For"

[ip_acl]
default = "deny"

[[ip_acl.rule]]
id = "office"
description = "The office, everywhere"
action = "allow"
paths = ["/admin", "/api/*/users", "/**/*.php"]
cidrs = ["203.0.113.0/24"]
lists = ["office.v6"]

[ip_lists."office.v6"]
description = "Office IPv6"
cidrs = ["2001:db8:1::/48"]
file = "lists/office.txt"
"#;
    let list = ("rules/lists/office.txt", "# more\n198.51.100.7\n");
    assert_eq!(engine_errors(text, &[list]), Vec::<String>::new());
    assert_eq!(schema_errors(&schema(), text), Vec::<String>::new());
}

#[test]
fn the_test_validator_understands_every_keyword_the_schema_uses() {
    fn walk(node: &Value, at: &str) {
        let Some(obj) = node.as_object() else {
            panic!("{at}: a schema must be an object");
        };
        for (k, v) in obj {
            let here = format!("{at}/{k}");
            match k.as_str() {
                "properties" | "definitions" => {
                    for (name, s) in v.as_object().unwrap() {
                        walk(s, &format!("{here}/{name}"));
                    }
                }
                "items" | "propertyNames" | "not" => walk(v, &here),
                "additionalProperties" if v.is_object() => walk(v, &here),
                "anyOf" => {
                    for (i, s) in v.as_array().unwrap().iter().enumerate() {
                        walk(s, &format!("{here}/{i}"));
                    }
                }
                k if ASSERTIONS.contains(&k) || ANNOTATIONS.contains(&k) => {}
                other => panic!("{here}: keyword `{other}` is not checked by this test"),
            }
        }
    }
    let root = schema();
    assert_eq!(
        root["$schema"], "http://json-schema.org/draft-07/schema#",
        "taplo (Even Better TOML) supports drafts 4 to 7"
    );
    walk(&root, "#");
}

#[test]
fn shipped_rule_files_point_editors_at_the_schema() {
    let mut files = Vec::new();
    rule_files(&repo().join("rules"), &mut files);
    assert!(!files.is_empty());
    for path in files {
        let rel = path.strip_prefix(repo().join("rules")).unwrap();
        // One more `../` for every directory below rules/.
        let depth = rel.components().count() - 1;
        let want = SCHEMA_LINE.replacen("../", &"../".repeat(depth + 1), 1);
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            text.lines().next(),
            Some(want.as_str()),
            "{} must start with `{want}`",
            path.display()
        );
        let target = want.strip_prefix("#:schema ").unwrap();
        assert!(
            path.parent().unwrap().join(target).is_file(),
            "{}: `{target}` does not lead to the schema",
            path.display()
        );
    }
}

/// The escapes in the basic strings (`"…"`, `"""…"""`) of a TOML text that
/// TOML 1.0 lacks (`\xHH` and `\e`, new in TOML 1.1), as `line:column`.
/// Literal strings and comments are skipped: a regex's `\x27` there is the
/// regex's own escape.
fn toml_1_1_escapes(text: &str) -> Vec<String> {
    #[derive(PartialEq)]
    enum In {
        Code,
        Comment,
        Basic { multi: bool },
        Literal { multi: bool },
    }
    let mut found = Vec::new();
    let mut state = In::Code;
    let bytes = text.as_bytes();
    let (mut line, mut col, mut i) = (1, 1, 0);
    let at = |s: &str, i: usize| bytes.get(i..).is_some_and(|b| b.starts_with(s.as_bytes()));
    while let Some(&b) = bytes.get(i) {
        let mut step = 1;
        match state {
            In::Code => {
                if b == b'#' {
                    state = In::Comment;
                } else if at("\"\"\"", i) {
                    (state, step) = (In::Basic { multi: true }, 3);
                } else if b == b'"' {
                    state = In::Basic { multi: false };
                } else if at("'''", i) {
                    (state, step) = (In::Literal { multi: true }, 3);
                } else if b == b'\'' {
                    state = In::Literal { multi: false };
                }
            }
            In::Comment if b == b'\n' => state = In::Code,
            In::Comment => {}
            In::Basic { multi } => {
                if b == b'\\' {
                    if let Some(&e) = bytes.get(i + 1) {
                        if e == b'x' || e == b'e' {
                            found.push(format!("{line}:{col}"));
                        }
                    }
                    step = 2;
                } else if multi && at("\"\"\"", i) {
                    (state, step) = (In::Code, 3);
                } else if !multi && b == b'"' {
                    state = In::Code;
                }
            }
            In::Literal { multi } => {
                if multi && at("'''", i) {
                    (state, step) = (In::Code, 3);
                } else if !multi && b == b'\'' {
                    state = In::Code;
                }
            }
        }
        for &c in bytes.get(i..i + step).unwrap_or(&[]) {
            if c == b'\n' {
                (line, col) = (line + 1, 1);
            } else {
                col += 1;
            }
        }
        i += step;
    }
    found
}

#[test]
fn toml_1_1_escapes_are_found_only_in_basic_strings() {
    let text = r#"a = "x\x27y"
b = '\x27'
# "\x27"
c = """
\e\\x"""
d = "\u0027"
"#;
    assert_eq!(toml_1_1_escapes(text), ["1:7", "5:1"]);
}

/// Editors' TOML support (Taplo, Python's `tomllib`) is TOML 1.0, and the
/// engine's parser also reads TOML 1.1: a shipped file must use only what
/// both read, or an editor flags a file `edgewall check` accepts.
#[test]
fn shipped_rule_files_use_only_toml_1_0_escapes() {
    let mut files = Vec::new();
    rule_files(&repo().join("rules"), &mut files);
    rule_files(&repo().join("tests/e2e/rules"), &mut files);
    assert!(!files.is_empty());
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let found = toml_1_1_escapes(&text);
        assert!(
            found.is_empty(),
            "{}: `\\x` or `\\e` escapes at {found:?} are TOML 1.1; write the character, or `\\u00HH`",
            path.display()
        );
    }
}

fn cors_with(line: &str) -> String {
    format!("[[cors.policy]]\nid = \"p\"\n{line}\n")
}

#[test]
fn cors_policy_values_agree_with_the_engine() {
    let root = schema();
    let cases = [
        (cors_with(""), false),
        (cors_with("allow_origins = []"), false),
        (
            cors_with("allow_origins = [\"https://app.example.com\"]"),
            true,
        ),
        (cors_with("allow_origins = [\"*\"]"), true),
        (cors_with("allow_origins = [\"null\"]"), true),
        (cors_with("allow_origins = [\"http://[::1]:8080\"]"), true),
        (cors_with("allow_origins = [\"http://127.0.0.1:*\"]"), true),
        (
            cors_with("allow_origins = [\"https://*.example.com\"]"),
            true,
        ),
        (
            cors_with("allow_origins = [\"https://app.example.com/\"]"),
            false,
        ),
        (
            cors_with("allow_origins = [\"https://App.example.com\"]"),
            false,
        ),
        (cors_with("allow_origins = [\"app.example.com\"]"), false),
        (
            cors_with("allow_origin_regexes = ['^https://a\\.example\\.com$']"),
            true,
        ),
        (cors_with("allow_origin_regexes = ['^$']"), true),
        (
            cors_with("allow_origin_regexes = ['https://a\\.example\\.com']"),
            false,
        ),
        (
            cors_with("allow_origin_regexes = ['^https://a\\.example\\.com\\$']"),
            false,
        ),
        (cors_with("allow_origins = [\"*\"]\nmax_age = 0"), true),
        (cors_with("allow_origins = [\"*\"]\nmax_age = 86400"), true),
        (cors_with("allow_origins = [\"*\"]\nmax_age = 86401"), false),
        (cors_with("allow_origins = [\"*\"]\nmax_age = -1"), false),
        (
            cors_with("allow_origins = [\"*\"]\nmax_age = \"600\""),
            false,
        ),
        (
            cors_with("allow_origins = [\"*\"]\nallow_credentials = \"yes\""),
            false,
        ),
        (
            cors_with("allow_origins = [\"*\"]\nallow_methods = []"),
            false,
        ),
        (
            cors_with("allow_origins = [\"*\"]\nallow_methods = [\"PATCH\", \"X-Custom\"]"),
            true,
        ),
        (
            cors_with("allow_origins = [\"*\"]\nallow_headers = [\"X Y\"]"),
            false,
        ),
        (
            cors_with("allow_origins = [\"*\"]\nexpose_headers = [\"*\"]"),
            true,
        ),
        (
            cors_with("allow_origins = [\"*\"]\non_disallowed_origin = \"serve_without_cors\""),
            true,
        ),
        (
            cors_with("allow_origins = [\"*\"]\non_disallowed_origin = \"allow\""),
            false,
        ),
        (
            cors_with("allow_origins = [\"*\"]\nallow_private_network = true"),
            true,
        ),
    ];
    for (text, valid) in cases {
        assert_eq!(
            engine_errors(&text, &[]).is_empty(),
            valid,
            "engine: {text}"
        );
        assert_eq!(
            schema_errors(&root, &text).is_empty(),
            valid,
            "schema: {text}"
        );
    }
}

fn geo_with(line: &str) -> String {
    format!("[geo]\ndefault = \"allow\"\n[[geo.rule]]\nid = \"g\"\naction = \"deny\"\n{line}\n")
}

#[test]
fn geo_rule_values_agree_with_the_engine() {
    let root = schema();
    let cases = [
        (geo_with(""), false),
        (geo_with("countries = []"), false),
        (
            geo_with("countries = [\"DE\", \"T1\", \"XX\", \"XK\"]"),
            true,
        ),
        (geo_with("countries = [\"*\"]"), true),
        (geo_with("continents = [\"EU\"]"), true),
        (geo_with("continents = [\"eu\"]"), false),
        (geo_with("continents = [\"XY\"]"), false),
        (geo_with("asns = [64496]"), true),
        (geo_with("asns = [4294967295]"), true),
        (geo_with("asns = [0]"), false),
        (geo_with("asns = [4294967296]"), false),
        (geo_with("asns = [\"AS64496\"]"), false),
        (geo_with("eu = true"), true),
        (geo_with("eu = false"), false),
        (geo_with("eu = \"yes\""), false),
        (geo_with("countries = [\"de\"]"), false),
        (geo_with("countries = [\"DEU\"]"), false),
    ];
    for (text, valid) in cases {
        assert_eq!(
            engine_errors(&text, &[]).is_empty(),
            valid,
            "engine: {text}"
        );
        assert_eq!(
            schema_errors(&root, &text).is_empty(),
            valid,
            "schema: {text}"
        );
    }
}

#[test]
fn rate_limit_rule_values_agree_with_the_engine() {
    let rule = |line: &str| {
        format!("[[rate_limit.rule]]\nid = \"r\"\nlimit = 5\nperiod = 60\ncounter = \"global\"\n{line}\n")
    };
    let root = schema();
    let cases = [
        ("key = \"ip\"", true),
        ("key = \"path\"", true),
        ("key = \"scope\"", true),
        ("key = \"header:X-Api-Key\"", true),
        ("key = \"claim:sub\"", true),
        ("key = \"adress\"", false),
        ("key = \"header:\"", false),
        ("key = \"header:X Y\"", false),
        ("key = \"claim:\"", false),
        ("key = \"ip\"\nbinding = \"COUNTS_2\"", true),
        ("key = \"ip\"\nbinding = \"2COUNTS\"", false),
        ("key = \"ip\"\nbinding = \"a-b\"", false),
        ("key = \"ip\"\nmethods = [\"POST\"]", true),
        ("key = \"ip\"\nmethods = []", false),
        ("key = \"ip\"\nmethods = [\"P OST\"]", false),
        ("key = \"ip\"\nstatus = 429", true),
        ("key = \"ip\"\nstatus = 503", false),
        ("key = \"ip\"\nipv6_prefix = 56", true),
        ("key = \"ip\"\nipv6_prefix = 8", false),
        ("key = \"ip\"\naction = \"log_only\"", true),
    ];
    for (line, valid) in cases {
        let text = rule(line);
        assert_eq!(
            engine_errors(&text, &[]).is_empty(),
            valid,
            "engine: {line}"
        );
        assert_eq!(
            schema_errors(&root, &text).is_empty(),
            valid,
            "schema: {line}"
        );
    }
}
