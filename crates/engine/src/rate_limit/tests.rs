use super::*;
use crate::decision::{Action, ErrorKind, Stage};
use crate::load::load;
use crate::policy::Policy;

fn policy(text: &str) -> Policy {
    let files = vec![("rules/a.toml".to_string(), text.to_string())];
    match load(&files) {
        Ok(l) => l.policy,
        Err(e) => panic!("{e}"),
    }
}

const RULES: &str = r#"
[[rate_limit.rule]]
id = "login"
paths = ["/login"]
methods = ["POST"]
key = "ip"
limit = 5
period = 60
binding = "RL_LOGIN"
status = 429

[[rate_limit.rule]]
id = "api-key"
paths = ["/api"]
key = "header:X-Api-Key"
limit = 100
period = 10
binding = "RL_API"

[[rate_limit.rule]]
id = "per-path"
paths = ["/search"]
key = "path"
limit = 3
period = 3600
counter = "global"

[[rate_limit.rule]]
id = "whole-scope"
paths = ["/export"]
key = "scope"
limit = 1
period = 60
counter = "global"
binding = "COUNTS"
action = "log_only"
"#;

fn req(method: &str, url: &str, ip: &str, headers: &[(&str, &str)]) -> Request {
    Request {
        method: method.into(),
        url: url.into(),
        connecting_ip: Some(ip.into()),
        headers: headers
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect(),
        ..Default::default()
    }
}

#[test]
fn each_covering_rule_names_its_key_counter_and_binding() {
    let p = policy(RULES);
    let long = "k".repeat(200);
    // (method, url, ip, headers, expected (rule, key, counter, binding, fallback))
    type Want<'a> = (&'a str, &'a str, Counter, &'a str, bool);
    type Case<'a> = (
        &'a str,
        &'a str,
        &'a str,
        &'a [(&'a str, &'a str)],
        &'a [Want<'a>],
    );
    let cases: &[Case] = &[
        (
            "POST",
            "/login",
            "198.51.100.7",
            &[],
            &[(
                "login",
                "login|ip:198.51.100.7",
                Counter::Location,
                "RL_LOGIN",
                false,
            )],
        ),
        ("GET", "/login", "198.51.100.7", &[], &[]),
        (
            "POST",
            "/%6cogin/",
            "198.51.100.7",
            &[],
            &[(
                "login",
                "login|ip:198.51.100.7",
                Counter::Location,
                "RL_LOGIN",
                false,
            )],
        ),
        // IPv6 clients are counted per /64, IPv4-mapped ones as IPv4.
        (
            "POST",
            "/login",
            "2001:db8:1:2:aaaa::1",
            &[],
            &[(
                "login",
                "login|ip:2001:db8:1:2::/64",
                Counter::Location,
                "RL_LOGIN",
                false,
            )],
        ),
        (
            "POST",
            "/login",
            "::ffff:192.0.2.9",
            &[],
            &[(
                "login",
                "login|ip:192.0.2.9",
                Counter::Location,
                "RL_LOGIN",
                false,
            )],
        ),
        (
            "GET",
            "/api/x",
            "198.51.100.7",
            &[("X-API-KEY", "abc")],
            &[(
                "api-key",
                "api-key|header:x-api-key:abc",
                Counter::Location,
                "RL_API",
                false,
            )],
        ),
        // No header: counted by address, so leaving it out escapes nothing.
        (
            "GET",
            "/api/x",
            "198.51.100.7",
            &[],
            &[(
                "api-key",
                "api-key|ip:198.51.100.7",
                Counter::Location,
                "RL_API",
                true,
            )],
        ),
        (
            "GET",
            "/search/a",
            "198.51.100.7",
            &[],
            &[(
                "per-path",
                "per-path|path:/search/a",
                Counter::Global,
                "EDGEWALL_COUNTER",
                false,
            )],
        ),
        (
            "GET",
            "/export",
            "198.51.100.8",
            &[],
            &[(
                "whole-scope",
                "whole-scope|scope",
                Counter::Global,
                "COUNTS",
                false,
            )],
        ),
        ("GET", "/other", "198.51.100.7", &[], &[]),
    ];
    for (method, url, ip, headers, want) in cases {
        let d = p.evaluate(&req(method, url, ip, headers));
        assert_eq!(d.action, Action::Allow, "{method} {url}");
        let got: Vec<Want> = d
            .rate_limits
            .iter()
            .map(|c| {
                (
                    c.rule.as_str(),
                    c.key.as_str(),
                    c.counter,
                    c.binding.as_str(),
                    c.fallback,
                )
            })
            .collect();
        assert_eq!(got, *want, "{method} {url} {ip}");
    }
    // A long value is counted by its hash, so keys stay small.
    let d = p.evaluate(&req("GET", "/api", "198.51.100.7", &[("x-api-key", &long)]));
    assert!(d.rate_limits[0]
        .key
        .starts_with("api-key|header:x-api-key:sha256:"));
    assert_eq!(
        d.rate_limits[0].key.len(),
        "api-key|header:x-api-key:sha256:".len() + 64
    );
}

#[test]
fn over_the_limit_gives_the_rules_status_and_a_log_only_rule_only_logs() {
    let p = policy(RULES);
    let d = p.evaluate(&req("POST", "/login", "198.51.100.7", &[]));
    let check = d.rate_limits[0].clone();
    let blocked = d.rate_limited(&check);
    assert_eq!(
        (blocked.action, blocked.status, blocked.stage),
        (Action::Block, 429, Stage::RateLimit)
    );
    assert_eq!(blocked.rule.as_deref(), Some("login"));
    assert_eq!(blocked.error_kind(), ErrorKind::TooManyRequests);
    assert!(blocked
        .response_headers()
        .contains(&("retry-after", "60".to_string())));
    assert!(
        blocked.reason.contains("login|ip:198.51.100.7"),
        "{}",
        blocked.reason
    );

    let d = p.evaluate(&req("GET", "/api", "198.51.100.7", &[]));
    let check = d.rate_limits[0].clone();
    let blocked = d.rate_limited(&check);
    assert_eq!(
        (blocked.status, blocked.error_kind()),
        (403, ErrorKind::Forbidden)
    );
    assert!(!blocked
        .response_headers()
        .iter()
        .any(|(n, _)| *n == "retry-after"));

    let d = p.evaluate(&req("GET", "/export", "198.51.100.7", &[]));
    let check = d.rate_limits[0].clone();
    let logged = d.rate_limited(&check);
    assert_eq!(logged.action, Action::Allow);
    assert!(logged.is_logged());
    assert!(logged.reason.contains("(log only)"));
}

#[test]
fn a_stage_that_blocks_first_leaves_nothing_to_count() {
    let p = policy(&format!(
        "{RULES}\n[ip_acl]\ndefault = \"allow\"\n[[ip_acl.rule]]\nid = \"deny-net\"\naction = \"deny\"\ncidrs = [\"192.0.2.0/24\"]\n"
    ));
    let d = p.evaluate(&req("POST", "/login", "192.0.2.1", &[]));
    assert_eq!(d.action, Action::Block);
    assert!(d.rate_limits.is_empty());
}

/// Every load error of a rate-limit rule: (what is wrong, the rule's extra
/// lines, the message, a word the help must contain).
#[test]
fn bad_rules_are_load_errors_with_a_fix() {
    let base = "[[rate_limit.rule]]\nid = \"r\"\n";
    let cases: &[(&str, &str, &str, &str)] = &[
        ("period the binding lacks", "key = \"ip\"\nlimit = 5\nperiod = 30\nbinding = \"RL\"", "`period = 30` is not a period the Rate Limiting binding supports", "10 or 60"),
        ("global period too long", "key = \"ip\"\nlimit = 5\nperiod = 90000\ncounter = \"global\"", "`period = 90000` is out of range", "86400"),
        ("zero limit", "key = \"ip\"\nlimit = 0\nperiod = 60\nbinding = \"RL\"", "`limit = 0` is out of range", "from 1"),
        ("negative limit", "key = \"ip\"\nlimit = -3\nperiod = 60\nbinding = \"RL\"", "`limit = -3` is out of range", "from 1"),
        ("no binding", "key = \"ip\"\nlimit = 5\nperiod = 60", "rule `r` names no Rate Limiting binding", "[[ratelimits]]"),
        ("bad binding", "key = \"ip\"\nlimit = 5\nperiod = 60\nbinding = \"rl-login\"", "`rl-login` is not a binding name", "wrangler.toml"),
        ("unknown key form", "key = \"adress\"\nlimit = 5\nperiod = 60\nbinding = \"RL\"", "unknown `key` `adress`", "expected one of"),
        ("misspelt key form", "key = \"heder:X\"\nlimit = 5\nperiod = 60\nbinding = \"RL\"", "unknown `key` `heder:X`", "`header:NAME`"),
        ("bad header", "key = \"header:X Api\"\nlimit = 5\nperiod = 60\nbinding = \"RL\"", "`X Api` in `key` is not a header name", "X-Api-Key"),
        ("bad claim path", "key = \"claim:a..b\"\nlimit = 5\nperiod = 60\nbinding = \"RL\"", "claim path `a..b` has an empty segment", "single dots"),
        ("unknown counter", "key = \"ip\"\nlimit = 5\nperiod = 60\ncounter = \"globl\"", "unknown `counter` value `globl`", "`global`"),
        ("unknown action", "key = \"ip\"\nlimit = 5\nperiod = 60\nbinding = \"RL\"\naction = \"deny\"", "unknown action `deny`", "`block`"),
        ("bad status", "key = \"ip\"\nlimit = 5\nperiod = 60\nbinding = \"RL\"\nstatus = 503", "`status = 503` is not an answer a limit can give", "429"),
        ("status with log_only", "key = \"ip\"\nlimit = 5\nperiod = 60\nbinding = \"RL\"\naction = \"log_only\"\nstatus = 429", "`status` has no effect with `action = \"log_only\"`", "remove"),
        ("ipv6 prefix", "key = \"ip\"\nlimit = 5\nperiod = 60\nbinding = \"RL\"\nipv6_prefix = 8", "`ipv6_prefix = 8` is out of range", "32 to 128"),
        ("empty methods", "key = \"ip\"\nlimit = 5\nperiod = 60\nbinding = \"RL\"\nmethods = []", "`methods` is empty, so the rule can never match", "remove"),
        ("lower-case method", "key = \"ip\"\nlimit = 5\nperiod = 60\nbinding = \"RL\"\nmethods = [\"post\"]", "method `post` is not upper case", "POST"),
        ("misspelt field", "key = \"ip\"\nlimit = 5\nperiod = 60\nbinding = \"RL\"\nperoid = 60", "unknown field `peroid`", "did you mean `period`?"),
    ];
    for (what, lines, message, help) in cases {
        let text = format!("{base}{lines}\n");
        let files = vec![("rules/a.toml".to_string(), text.clone())];
        let errs: Vec<_> = match load(&files) {
            Ok(_) => panic!("{what}: loaded:\n{text}"),
            Err(e) => e.diagnostics.into_iter().filter(|d| d.is_error()).collect(),
        };
        assert_eq!(errs.len(), 1, "{what}: {errs:#?}");
        assert_eq!(errs[0].message, *message, "{what}");
        let h = errs[0].help.clone().unwrap_or_default();
        assert!(h.contains(help), "{what}: help {h:?} lacks {help:?}");
        assert!(errs[0].line >= 2, "{what}: points at line {}", errs[0].line);
    }
}

#[test]
fn one_binding_cannot_carry_two_limits() {
    let text = "[[rate_limit.rule]]\nid = \"a\"\nkey = \"ip\"\nlimit = 5\nperiod = 60\nbinding = \"RL\"\n\n[[rate_limit.rule]]\nid = \"b\"\nkey = \"path\"\nlimit = 5\nperiod = 60\nbinding = \"RL\"\n\n[[rate_limit.rule]]\nid = \"c\"\nkey = \"ip\"\nlimit = 9\nperiod = 60\nbinding = \"RL\"\n";
    let files = vec![("rules/a.toml".to_string(), text.to_string())];
    let errs = load(&files)
        .err()
        .map(|e| e.diagnostics)
        .unwrap_or_default();
    assert_eq!(errs.len(), 1, "{errs:#?}");
    assert_eq!(
        errs[0].message,
        "binding `RL` is used with two different limits"
    );
    assert_eq!((errs[0].line, errs[0].column), (20, 11));
    assert!(errs[0]
        .help
        .as_deref()
        .unwrap_or("")
        .contains("rules/a.toml:2 uses it for 5 per 60 s"));
}

#[test]
fn rate_limit_ids_share_the_one_id_space() {
    let text = "[ip_acl]\ndefault = \"allow\"\n[[ip_acl.rule]]\nid = \"x\"\naction = \"deny\"\ncidrs = [\"192.0.2.0/24\"]\n[[rate_limit.rule]]\nid = \"x\"\nkey = \"ip\"\nlimit = 5\nperiod = 60\nbinding = \"RL\"\n";
    let files = vec![("rules/a.toml".to_string(), text.to_string())];
    let errs = load(&files)
        .err()
        .map(|e| e.diagnostics)
        .unwrap_or_default();
    assert_eq!(errs.len(), 1, "{errs:#?}");
    assert_eq!(errs[0].message, "duplicate rule id `x`");
}
