//! The CORS stage, case by case against the Fetch standard's rules, through
//! the whole engine (rule file → policy → decision), and the load errors
//! that make the known misconfigurations impossible.

use crate::decision::{Action, Stage};
use crate::{load, Policy, Request};

const RULES: &str = r#"
[ip_acl]
default = "allow"

[[ip_acl.rule]]
id = "bad-net"
action = "deny"
cidrs = ["192.0.2.0/24"]

[[cors.policy]]
id = "api"
paths = ["/api"]
allow_origins = ["https://app.example.com", "https://*.example.org", "null"]
allow_origin_regexes = ['^https://pr-[0-9]+\.preview\.example\.net$']
allow_methods = ["GET", "POST", "PUT", "PATCH", "DELETE"]
allow_headers = ["Content-Type", "X-Custom"]
expose_headers = ["X-Request-Id", "X-Total"]
allow_credentials = true
max_age = 600

[[cors.policy]]
id = "public"
paths = ["/public"]
allow_origins = ["*"]
allow_headers = ["*"]
expose_headers = ["*"]

[[cors.policy]]
id = "widgets"
paths = ["/widgets"]
allow_origins = ["https://partner.example.net"]
allow_private_network = true
on_disallowed_origin = "serve_without_cors"
"#;

struct Case {
    name: &'static str,
    method: &'static str,
    url: &'static str,
    headers: &'static [(&'static str, &'static str)],
    action: Action,
    stage: Stage,
    /// Every header edgewall sets (besides the fixed error headers).
    want: &'static [(&'static str, &'static str)],
}

const APP: (&str, &str) = ("Origin", "https://app.example.com");
const ACAO_APP: (&str, &str) = ("access-control-allow-origin", "https://app.example.com");
const ACAC: (&str, &str) = ("access-control-allow-credentials", "true");
const EXPOSE: (&str, &str) = ("access-control-expose-headers", "x-request-id, x-total");
const VARY_ORIGIN: (&str, &str) = ("vary", "Origin");
const VARY_PREFLIGHT: (&str, &str) = (
    "vary",
    "Origin, Access-Control-Request-Method, Access-Control-Request-Headers",
);
const API_METHODS: (&str, &str) = (
    "access-control-allow-methods",
    "GET, POST, PUT, PATCH, DELETE",
);

const CASES: &[Case] = &[
    // Preflight detection.
    Case {
        name: "allowed preflight is answered at the edge with every header",
        method: "OPTIONS",
        url: "/api/items",
        headers: &[
            APP,
            ("Access-Control-Request-Method", "PUT"),
            ("Access-Control-Request-Headers", "X-Custom, content-type"),
        ],
        action: Action::Preflight,
        stage: Stage::Cors,
        want: &[
            ACAO_APP,
            ACAC,
            API_METHODS,
            ("access-control-allow-headers", "x-custom, content-type"),
            ("access-control-max-age", "600"),
            VARY_PREFLIGHT,
        ],
    },
    Case {
        name: "options without request-method is an ordinary request",
        method: "OPTIONS",
        url: "/api/items",
        headers: &[APP],
        action: Action::Allow,
        stage: Stage::Pass,
        want: &[ACAO_APP, ACAC, EXPOSE, VARY_ORIGIN],
    },
    Case {
        name: "options without origin goes to the origin untouched",
        method: "OPTIONS",
        url: "/api/items",
        headers: &[("Access-Control-Request-Method", "PUT")],
        action: Action::Allow,
        stage: Stage::Pass,
        want: &[VARY_ORIGIN],
    },
    Case {
        name: "get with request-method header is not a preflight",
        method: "GET",
        url: "/api/items",
        headers: &[APP, ("Access-Control-Request-Method", "DELETE")],
        action: Action::Allow,
        stage: Stage::Pass,
        want: &[ACAO_APP, ACAC, EXPOSE, VARY_ORIGIN],
    },
    Case {
        name: "preflight without requested headers sends no allow-headers",
        method: "OPTIONS",
        url: "/api/items",
        headers: &[APP, ("Access-Control-Request-Method", "DELETE")],
        action: Action::Preflight,
        stage: Stage::Cors,
        want: &[
            ACAO_APP,
            ACAC,
            API_METHODS,
            ("access-control-max-age", "600"),
            VARY_PREFLIGHT,
        ],
    },
    // Methods: case-sensitive, checked on preflights.
    Case {
        name: "lower-case patch is not PATCH",
        method: "OPTIONS",
        url: "/api/items",
        headers: &[APP, ("Access-Control-Request-Method", "patch")],
        action: Action::Block,
        stage: Stage::Cors,
        want: &[ACAO_APP, ACAC, VARY_PREFLIGHT],
    },
    Case {
        name: "method outside the list is refused",
        method: "OPTIONS",
        url: "/api/items",
        headers: &[APP, ("Access-Control-Request-Method", "PROPFIND")],
        action: Action::Block,
        stage: Stage::Cors,
        want: &[ACAO_APP, ACAC, VARY_PREFLIGHT],
    },
    Case {
        name: "simple post needs no preflight and gets the headers",
        method: "POST",
        url: "/api/items",
        headers: &[APP, ("Content-Type", "text/plain")],
        action: Action::Allow,
        stage: Stage::Pass,
        want: &[ACAO_APP, ACAC, EXPOSE, VARY_ORIGIN],
    },
    // Header names: case-insensitive; `*` never covers Authorization.
    Case {
        name: "header names compare without case",
        method: "OPTIONS",
        url: "/api/items",
        headers: &[
            APP,
            ("Access-Control-Request-Method", "POST"),
            ("Access-Control-Request-Headers", "CONTENT-TYPE"),
        ],
        action: Action::Preflight,
        stage: Stage::Cors,
        want: &[
            ACAO_APP,
            ACAC,
            API_METHODS,
            ("access-control-allow-headers", "content-type"),
            ("access-control-max-age", "600"),
            VARY_PREFLIGHT,
        ],
    },
    Case {
        name: "unlisted authorization header is refused",
        method: "OPTIONS",
        url: "/api/items",
        headers: &[
            APP,
            ("Access-Control-Request-Method", "GET"),
            ("Access-Control-Request-Headers", "authorization"),
        ],
        action: Action::Block,
        stage: Stage::Cors,
        want: &[ACAO_APP, ACAC, VARY_PREFLIGHT],
    },
    Case {
        name: "wildcard headers do not cover authorization",
        method: "OPTIONS",
        url: "/public/feed",
        headers: &[
            ("Origin", "https://anyone.test"),
            ("Access-Control-Request-Method", "GET"),
            ("Access-Control-Request-Headers", "x-a, Authorization"),
        ],
        action: Action::Block,
        stage: Stage::Cors,
        want: &[
            ("access-control-allow-origin", "*"),
            (
                "vary",
                "Access-Control-Request-Method, Access-Control-Request-Headers",
            ),
        ],
    },
    Case {
        name: "wildcard headers echo what was asked for",
        method: "OPTIONS",
        url: "/public/feed",
        headers: &[
            ("Origin", "https://anyone.test"),
            ("Access-Control-Request-Method", "GET"),
            ("Access-Control-Request-Headers", "X-Anything"),
        ],
        action: Action::Preflight,
        stage: Stage::Cors,
        want: &[
            ("access-control-allow-origin", "*"),
            ("access-control-allow-methods", "GET, HEAD, POST"),
            ("access-control-allow-headers", "x-anything"),
            (
                "vary",
                "Access-Control-Request-Method, Access-Control-Request-Headers",
            ),
        ],
    },
    Case {
        name: "malformed request-headers list is refused",
        method: "OPTIONS",
        url: "/api/items",
        headers: &[
            APP,
            ("Access-Control-Request-Method", "GET"),
            ("Access-Control-Request-Headers", "x custom"),
        ],
        action: Action::Block,
        stage: Stage::Cors,
        want: &[ACAO_APP, ACAC, VARY_PREFLIGHT],
    },
    // Wildcard origin and credentials.
    Case {
        name: "wildcard origin sends star and exposes star",
        method: "GET",
        url: "/public/feed",
        headers: &[("Origin", "https://anyone.test")],
        action: Action::Allow,
        stage: Stage::Pass,
        want: &[
            ("access-control-allow-origin", "*"),
            ("access-control-expose-headers", "*"),
        ],
    },
    Case {
        name: "star is never sent to a request that carries credentials",
        method: "GET",
        url: "/public/feed",
        headers: &[("Origin", "https://anyone.test"), ("Cookie", "s=1")],
        action: Action::Allow,
        stage: Stage::Pass,
        want: &[
            ("access-control-allow-origin", "https://anyone.test"),
            ("access-control-expose-headers", "*"),
            VARY_ORIGIN,
        ],
    },
    // Origin matching.
    Case {
        name: "lookalike suffix origin is refused",
        method: "GET",
        url: "/api/items",
        headers: &[("Origin", "https://app.example.com.evil.com")],
        action: Action::Block,
        stage: Stage::Cors,
        want: &[VARY_ORIGIN],
    },
    Case {
        name: "lookalike prefix origin is refused",
        method: "GET",
        url: "/api/items",
        headers: &[("Origin", "https://evilexample.org")],
        action: Action::Block,
        stage: Stage::Cors,
        want: &[VARY_ORIGIN],
    },
    Case {
        name: "subdomain pattern allows a real subdomain",
        method: "GET",
        url: "/api/items",
        headers: &[("Origin", "https://shop.eu.example.org")],
        action: Action::Allow,
        stage: Stage::Pass,
        want: &[
            ("access-control-allow-origin", "https://shop.eu.example.org"),
            ACAC,
            EXPOSE,
            VARY_ORIGIN,
        ],
    },
    Case {
        name: "subdomain pattern does not allow the bare domain",
        method: "GET",
        url: "/api/items",
        headers: &[("Origin", "https://example.org")],
        action: Action::Block,
        stage: Stage::Cors,
        want: &[VARY_ORIGIN],
    },
    Case {
        name: "regex origin allows what it matches",
        method: "GET",
        url: "/api/items",
        headers: &[("Origin", "https://pr-17.preview.example.net")],
        action: Action::Allow,
        stage: Stage::Pass,
        want: &[
            ("access-control-allow-origin", "https://pr-17.preview.example.net"),
            ACAC,
            EXPOSE,
            VARY_ORIGIN,
        ],
    },
    Case {
        name: "null origin is allowed where written",
        method: "GET",
        url: "/api/items",
        headers: &[("Origin", "null")],
        action: Action::Allow,
        stage: Stage::Pass,
        want: &[
            ("access-control-allow-origin", "null"),
            ACAC,
            EXPOSE,
            VARY_ORIGIN,
        ],
    },
    Case {
        name: "null origin is refused where not written",
        method: "GET",
        url: "/widgets/a",
        headers: &[("Origin", "null")],
        action: Action::Allow,
        stage: Stage::Cors,
        want: &[VARY_ORIGIN],
    },
    Case {
        name: "several origin headers are refused",
        method: "GET",
        url: "/api/items",
        headers: &[APP, ("Origin", "https://evil.test")],
        action: Action::Block,
        stage: Stage::Cors,
        want: &[VARY_ORIGIN],
    },
    Case {
        name: "request without origin gets only vary",
        method: "GET",
        url: "/api/items",
        headers: &[],
        action: Action::Allow,
        stage: Stage::Pass,
        want: &[VARY_ORIGIN],
    },
    Case {
        name: "same-origin request by absolute url is not cross-origin",
        method: "POST",
        url: "https://api.example.com/api/items",
        headers: &[("Origin", "https://api.example.com")],
        action: Action::Allow,
        stage: Stage::Pass,
        want: &[VARY_ORIGIN],
    },
    Case {
        name: "same-origin request by host header is not cross-origin",
        method: "POST",
        url: "/api/items",
        headers: &[("Origin", "https://api.example.com"), ("Host", "api.example.com")],
        action: Action::Allow,
        stage: Stage::Pass,
        want: &[VARY_ORIGIN],
    },
    Case {
        name: "other port is another origin",
        method: "POST",
        url: "http://api.example.com:8080/api/items",
        headers: &[("Origin", "http://api.example.com")],
        action: Action::Block,
        stage: Stage::Cors,
        want: &[VARY_ORIGIN],
    },
    // Serving without CORS, private network access.
    Case {
        name: "serve without cors forwards a disallowed origin bare",
        method: "GET",
        url: "/widgets/a",
        headers: &[("Origin", "https://other.test")],
        action: Action::Allow,
        stage: Stage::Cors,
        want: &[VARY_ORIGIN],
    },
    Case {
        name: "serve without cors answers a disallowed preflight bare",
        method: "OPTIONS",
        url: "/widgets/a",
        headers: &[
            ("Origin", "https://other.test"),
            ("Access-Control-Request-Method", "GET"),
        ],
        action: Action::Preflight,
        stage: Stage::Cors,
        want: &[(
            "vary",
            "Origin, Access-Control-Request-Method, Access-Control-Request-Headers, Access-Control-Request-Private-Network",
        )],
    },
    Case {
        name: "private network preflight is allowed where configured",
        method: "OPTIONS",
        url: "/widgets/a",
        headers: &[
            ("Origin", "https://partner.example.net"),
            ("Access-Control-Request-Method", "GET"),
            ("Access-Control-Request-Private-Network", "true"),
        ],
        action: Action::Preflight,
        stage: Stage::Cors,
        want: &[
            ("access-control-allow-origin", "https://partner.example.net"),
            ("access-control-allow-methods", "GET, HEAD, POST"),
            ("access-control-allow-private-network", "true"),
            (
                "vary",
                "Origin, Access-Control-Request-Method, Access-Control-Request-Headers, Access-Control-Request-Private-Network",
            ),
        ],
    },
    Case {
        name: "private network preflight is refused elsewhere",
        method: "OPTIONS",
        url: "/api/items",
        headers: &[
            APP,
            ("Access-Control-Request-Method", "GET"),
            ("Access-Control-Request-Private-Network", "true"),
        ],
        action: Action::Block,
        stage: Stage::Cors,
        want: &[ACAO_APP, ACAC, VARY_PREFLIGHT],
    },
    // Other stages' 403s, and paths no policy covers.
    Case {
        name: "acl block to an allowed origin carries cors headers",
        method: "GET",
        url: "/api/items?from=blocked-net",
        headers: &[APP],
        action: Action::Block,
        stage: Stage::IpAcl,
        want: &[ACAO_APP, ACAC, EXPOSE, VARY_ORIGIN],
    },
    Case {
        name: "acl block to another origin carries no cors headers",
        method: "GET",
        url: "/api/items?from=blocked-net",
        headers: &[("Origin", "https://evil.test")],
        action: Action::Block,
        stage: Stage::IpAcl,
        want: &[VARY_ORIGIN],
    },
    Case {
        name: "uncovered path gets nothing",
        method: "OPTIONS",
        url: "/other",
        headers: &[APP, ("Access-Control-Request-Method", "PUT")],
        action: Action::Allow,
        stage: Stage::Pass,
        want: &[],
    },
];

fn policy() -> Policy {
    load(&[("rules/cors.toml".to_string(), RULES.to_string())])
        .unwrap()
        .policy
}

#[test]
fn cors_cases() {
    let p = policy();
    let mut failed = Vec::new();
    for c in CASES {
        let ip = if c.url.contains("blocked-net") {
            "192.0.2.7"
        } else {
            "203.0.113.9"
        };
        let req = Request {
            method: c.method.into(),
            url: c.url.into(),
            headers: c
                .headers
                .iter()
                .map(|(n, v)| (n.to_string(), v.to_string()))
                .collect(),
            connecting_ip: Some(ip.into()),
            ..Default::default()
        };
        let d = p.evaluate(&req);
        let got: Vec<(String, String)> = d
            .response_headers()
            .into_iter()
            .filter(|(n, _)| n.starts_with("access-control-") || *n == "vary")
            .map(|(n, v)| (n.to_string(), v))
            .collect();
        let want: Vec<(String, String)> = c
            .want
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect();
        let status_ok = match d.action {
            Action::Allow => d.status == 200,
            Action::Block => d.status == 403,
            Action::Preflight => d.status == 204,
        };
        if d.action != c.action || d.stage != c.stage || got != want || !status_ok {
            failed.push(format!(
                "{}:\n  want {:?} {:?} {want:?}\n  got  {:?} {:?} {got:?} ({})",
                c.name, c.action, c.stage, d.action, d.stage, d.reason
            ));
        }
    }
    assert!(
        failed.is_empty(),
        "{} failed:\n{}",
        failed.len(),
        failed.join("\n")
    );
}

#[test]
fn refused_and_served_bare_origins_are_logged_but_allowed_preflights_are_not() {
    let p = policy();
    let req = |method: &str, url: &str, headers: &[(&str, &str)]| Request {
        method: method.into(),
        url: url.into(),
        headers: headers
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect(),
        connecting_ip: Some("203.0.113.9".into()),
        ..Default::default()
    };
    let served_bare = p.evaluate(&req("GET", "/widgets", &[("Origin", "https://x.test")]));
    assert!(served_bare.is_logged());
    assert_eq!(served_bare.rule.as_deref(), Some("widgets"));
    let preflight = p.evaluate(&req(
        "OPTIONS",
        "/api",
        &[APP, ("Access-Control-Request-Method", "GET")],
    ));
    assert_eq!(preflight.action, Action::Preflight);
    assert!(!preflight.is_logged());
    let refused = p.evaluate(&req("GET", "/api", &[("Origin", "https://x.test")]));
    assert!(refused.is_logged());
    assert!(
        refused.reason.contains("https://x.test"),
        "{}",
        refused.reason
    );
}

fn load_errors(policy_body: &str) -> Vec<(String, String)> {
    let text = format!("[[cors.policy]]\nid = \"p\"\n{policy_body}\n");
    match load(&[("rules/c.toml".to_string(), text)]) {
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
fn known_misconfigurations_do_not_load() {
    let cases = [
        (
            "allow_origins = [\"*\"]\nallow_credentials = true",
            "cannot go with `allow_credentials = true`",
            "list the origins",
        ),
        (
            "allow_origins = [\"https://app.example.com/\"]",
            "trailing slash",
            "write `https://app.example.com`",
        ),
        (
            "allow_origins = [\"https://app.example.com/api\"]",
            "has a path",
            "write `https://app.example.com`",
        ),
        (
            "allow_origins = [\"*\", \"https://a.example.com\"]",
            "lists `*` and other origins",
            "keep `*` alone",
        ),
        ("allow_origins = []", "allows no origin", "allow_origins"),
        (
            "allow_origin_regexes = ['https://.*\\.example\\.com']",
            "not anchored",
            "^",
        ),
        (
            "allow_origin_regexes = ['^https://app.example\\.com$']",
            "unescaped `.`",
            "app\\.example",
        ),
        (
            "allow_origins = [\"https://a.example.com\"]\nmax_age = 100000",
            "out of range",
            "86400",
        ),
        (
            "allow_origins = [\"https://a.example.com\"]\nmax_age = -1",
            "out of range",
            "86400",
        ),
        (
            "allow_origins = [\"https://a.example.com\"]\nexpose_headers = [\"*\"]\nallow_credentials = true",
            "does not work with credentials",
            "list the header names",
        ),
        (
            "allow_origins = [\"https://a.example.com\"]\nallow_methods = []",
            "no preflight can pass",
            "GET",
        ),
        (
            "allow_origins = [\"https://a.example.com\"]\nallow_methods = [\"*\", \"GET\"]",
            "`*` and other methods",
            "keep `*` alone",
        ),
        (
            "allow_origins = [\"https://a.example.com\"]\nallow_headers = [\"X Custom\"]",
            "is not a header name",
            "X-Request-Id",
        ),
        (
            "allow_origins = [\"https://a.example.com\"]\non_disallowed_origin = \"serve\"",
            "unknown `on_disallowed_origin` value",
            "serve_without_cors",
        ),
        (
            "allow_origins = [\"https://a.example.com\"]\nallow_origin = [\"x\"]",
            "unknown field `allow_origin`",
            "did you mean `allow_origins`",
        ),
        (
            "allow_origins = [\"https://a.example.com\"]\npaths = [\"api\"]",
            "does not start with `/`",
            "`/api`",
        ),
    ];
    for (body, msg, help) in cases {
        let errs = load_errors(body);
        assert!(
            errs.iter()
                .any(|(m, h)| m.contains(msg) && h.contains(help)),
            "{body}\n  want {msg:?} / {help:?}\n  got {errs:?}"
        );
    }
}

#[test]
fn cors_ids_share_the_rule_id_namespace() {
    let text = "[ip_acl]\ndefault = \"allow\"\n[[ip_acl.rule]]\nid = \"api\"\naction = \"deny\"\ncidrs = [\"192.0.2.0/24\"]\n[[cors.policy]]\nid = \"api\"\nallow_origins = [\"https://a.example.com\"]\n";
    let err = load(&[("rules/c.toml".to_string(), text.to_string())]).unwrap_err();
    assert!(err.to_string().contains("duplicate rule id `api`"), "{err}");
}

#[test]
fn lower_case_methods_warn() {
    let text = "[[cors.policy]]\nid = \"p\"\nallow_origins = [\"https://a.example.com\"]\nallow_methods = [\"patch\"]\n";
    let loaded = load(&[("rules/c.toml".to_string(), text.to_string())]).unwrap();
    assert!(
        loaded
            .warnings
            .iter()
            .any(|w| w.message.contains("`patch` is not `PATCH`")),
        "{:?}",
        loaded.warnings
    );
}
