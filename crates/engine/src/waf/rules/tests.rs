//! The WAF through the whole engine: rule file → policy → decision. Scoring,
//! paranoia levels, log-only mode, exclusions, body limits, and the load
//! errors that keep a broken rule from deploying.

use crate::decision::{Action, Stage};
use crate::{load, Policy, Request};

const RULES: &str = r#"
[waf]
paranoia_level = 1
anomaly_threshold = 5
body_limit = 1024

[[waf.rule]]
id = "t-sqli"
severity = "critical"
tags = ["attack-sqli"]
targets = ["args", "cookies"]
transforms = ["url_decode_uni", "lowercase"]
detect = "sqli"

[[waf.rule]]
id = "t-xss"
severity = "critical"
tags = ["attack-xss"]
targets = ["args", "body"]
transforms = ["html_entity_decode", "lowercase"]
regex = '<script\b'

[[waf.rule]]
id = "t-warn-a"
severity = "warning"
targets = ["header:x-a"]
phrases = ["alpha"]

[[waf.rule]]
id = "t-warn-b"
severity = "warning"
targets = ["header:x-b"]
phrases = ["beta"]

[[waf.rule]]
id = "t-pl2"
severity = "critical"
paranoia = 2
targets = ["args"]
phrases = ["paranoid"]

[[waf.rule]]
id = "t-log-only"
severity = "critical"
mode = "log_only"
targets = ["args"]
phrases = ["simulate-me"]

[[waf.rule]]
id = "t-smuggle"
severity = "critical"
anomaly = "conflicting_length"

[[waf.exclusion]]
id = "cms-html"
paths = ["/cms/save"]
tags = ["attack-xss"]
targets = ["arg:content"]

[[waf.exclusion]]
id = "legacy-off"
paths = ["/legacy"]
rules = ["t-*"]
"#;

fn policy(text: &str) -> Policy {
    load(&[("rules/w.toml".into(), text.into())])
        .unwrap()
        .policy
}

/// The WAF's outcome on `r`, handed the normalised path as the policy
/// hands it.
fn waf_outcome(
    p: &Policy,
    r: &Request,
    trace: &mut crate::trace::Trace,
) -> crate::waf::rules::WafOutcome {
    p.waf.evaluate(r, &crate::path::target_path(&r.url), trace)
}

/// The WAF's matches on `r`, as (rule, where).
fn waf_matches(p: &Policy, r: &Request) -> Vec<(String, String)> {
    waf_outcome(p, r, &mut crate::trace::Trace::off())
        .matches
        .into_iter()
        .map(|m| (m.id, m.at))
        .collect()
}

fn req(method: &str, url: &str, headers: &[(&str, &str)], body: Option<&str>) -> Request {
    Request {
        method: method.into(),
        url: url.into(),
        headers: headers
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect(),
        connecting_ip: Some("198.51.100.1".into()),
        body: body.map(|b| b.as_bytes().to_vec()),
        ..Default::default()
    }
}

#[test]
fn waf_cases() {
    let p = policy(RULES);
    let form = [("content-type", "application/x-www-form-urlencoded")];
    // (request, blocking rule or None)
    let cases: Vec<(Request, Option<&str>)> = vec![
        (
            req("GET", "/?q=1%27%20OR%20%271%27=%271", &[], None),
            Some("t-sqli"),
        ),
        (req("GET", "/?q=O%27Reilly", &[], None), None),
        (
            req("GET", "/", &[("cookie", "s=1' or '1'='1")], None),
            Some("t-sqli"),
        ),
        (
            req("POST", "/c", &form, Some("msg=%26lt;SCRIPT%26gt;x")),
            Some("t-xss"),
        ),
        // One warning scores 3, under the threshold; two reach 6.
        (req("GET", "/", &[("x-a", "alpha")], None), None),
        (
            req("GET", "/", &[("x-a", "alpha"), ("x-b", "beta")], None),
            Some("t-warn-a"),
        ),
        // Paranoia 2 rules are off at level 1.
        (req("GET", "/?q=paranoid", &[], None), None),
        // Log-only rules never block.
        (req("GET", "/?q=simulate-me", &[], None), None),
        // Anomaly rules look at the request as a whole.
        (
            req(
                "POST",
                "/",
                &[("content-length", "3"), ("transfer-encoding", "chunked")],
                None,
            ),
            Some("t-smuggle"),
        ),
        // The CMS may post HTML in `content`, and only there.
        (
            req("POST", "/cms/save", &form, Some("content=%3Cscript%3Ex")),
            None,
        ),
        (
            req("POST", "/cms/save", &form, Some("title=%3Cscript%3Ex")),
            Some("t-xss"),
        ),
        (
            req("POST", "/blog/save", &form, Some("content=%3Cscript%3Ex")),
            Some("t-xss"),
        ),
        // An exclusion by rule-id prefix turns all of them off in a scope.
        (
            req("GET", "/legacy/x?q=1%27%20OR%20%271%27=%271", &[], None),
            None,
        ),
    ];
    let mut failed = Vec::new();
    for (r, want) in &cases {
        let d = p.evaluate(r);
        let got = (d.action == Action::Block).then(|| d.rule.clone().unwrap_or_default());
        if got.as_deref() != *want || (got.is_some() && d.stage != Stage::Waf) {
            failed.push(format!(
                "{} {} {:?}: want {want:?}, got {got:?} ({})",
                r.method, r.url, r.headers, d.reason
            ));
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

#[test]
fn the_trace_names_excluded_rules_and_matches_come_in_rule_order() {
    let p = policy(RULES);
    // Every `t-*` rule is off under /legacy: each is named, none runs.
    let r = req("GET", "/legacy/x?q=1%27%20OR%20%271%27=%271", &[], None);
    let mut trace = crate::trace::Trace::on();
    assert!(waf_outcome(&p, &r, &mut trace).matches.is_empty());
    let lines = trace.into_lines();
    let excluded: Vec<&str> = lines
        .iter()
        .filter_map(|l| {
            l.strip_prefix("waf rule `")?
                .strip_suffix("`: excluded here")
        })
        .collect();
    // `t-pl2` is above the paranoia level: as if absent, not excluded.
    assert_eq!(
        excluded,
        [
            "t-sqli",
            "t-xss",
            "t-warn-a",
            "t-warn-b",
            "t-log-only",
            "t-smuggle"
        ]
    );
    // Found in field order (`x-b` first), reported in rule order.
    let r = req("GET", "/", &[("x-b", "beta"), ("x-a", "alpha")], None);
    let ids: Vec<String> = waf_matches(&p, &r).into_iter().map(|(id, _)| id).collect();
    assert_eq!(ids, ["t-warn-a", "t-warn-b"]);
}

#[test]
fn matches_under_the_threshold_and_log_only_matches_are_logged() {
    let p = policy(RULES);
    let d = p.evaluate(&req("GET", "/?q=simulate-me", &[], None));
    assert_eq!(d.action, Action::Allow);
    assert!(d.is_logged());
    assert!(
        d.reason.contains("t-log-only") && d.reason.contains("log only"),
        "{}",
        d.reason
    );
}

#[test]
fn log_only_mode_blocks_nothing_but_reports_everything() {
    let p = policy(&RULES.replace(
        "paranoia_level = 1",
        "paranoia_level = 1\nmode = \"log_only\"",
    ));
    let d = p.evaluate(&req("GET", "/?q=1%27%20OR%20%271%27=%271", &[], None));
    assert_eq!(d.action, Action::Allow);
    assert!(d.reason.contains("t-sqli"), "{}", d.reason);
}

#[test]
fn paranoia_level_two_turns_on_level_two_rules() {
    let p = policy(&RULES.replace("paranoia_level = 1", "paranoia_level = 2"));
    let d = p.evaluate(&req("GET", "/?q=paranoid", &[], None));
    assert_eq!(d.rule.as_deref(), Some("t-pl2"));
}

#[test]
fn bodies_over_the_limit_are_inspected_in_part_or_refused() {
    let big = format!("a={}&b=%3Cscript%3E", "x".repeat(2000));
    let form = [("content-type", "application/x-www-form-urlencoded")];
    let prefix = policy(RULES);
    assert_eq!(
        prefix.evaluate(&req("POST", "/", &form, Some(&big))).action,
        Action::Allow
    );
    let strict = policy(&RULES.replace(
        "body_limit = 1024",
        "body_limit = 1024\non_body_over_limit = \"block\"",
    ));
    let d = strict.evaluate(&req("POST", "/", &form, Some(&big)));
    assert_eq!(d.action, Action::Block);
    assert_eq!(d.rule.as_deref(), Some("waf.body_limit"));
}

#[test]
fn shipped_ruleset_loads_and_blocks_the_classics() {
    let files: Vec<(String, String)> = ["00-client-ip.toml", "10-ip-acl.toml", "40-waf.toml"]
        .iter()
        .map(|f| {
            let path = format!("{}/../../rules/{f}", env!("CARGO_MANIFEST_DIR"));
            (format!("rules/{f}"), std::fs::read_to_string(path).unwrap())
        })
        .chain(std::iter::once((
            "rules/lists/blocklist.txt".to_string(),
            std::fs::read_to_string(format!(
                "{}/../../rules/lists/blocklist.txt",
                env!("CARGO_MANIFEST_DIR")
            ))
            .unwrap(),
        )))
        .collect();
    let p = load(&files).unwrap().policy;
    for url in [
        "/?id=1%20UNION%20SELECT%20password%20FROM%20users",
        "/?q=%3Cscript%3Ealert(1)%3C/script%3E",
        "/?file=../../../../etc/passwd",
        "/?host=127.0.0.1%3B%20cat%20/etc/passwd",
        "/?url=http://169.254.169.254/latest/meta-data/",
        "/?x=${jndi:ldap://evil.example/a}",
    ] {
        assert_eq!(
            p.evaluate(&req("GET", url, &[], None)).action,
            Action::Block,
            "{url}"
        );
    }
    for url in [
        "/search?q=O%27Reilly%20books",
        "/search?q=select%20the%20best%20option",
        "/?q=caf%C3%A9%20%E6%9D%B1%E4%BA%AC",
        "/docs/v1..v2/diff",
    ] {
        assert_eq!(
            p.evaluate(&req("GET", url, &[], None)).action,
            Action::Allow,
            "{url}"
        );
    }
}

fn errors(text: &str) -> Vec<(String, String)> {
    match load(&[("rules/w.toml".into(), text.into())]) {
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
fn broken_waf_rules_do_not_load() {
    let rule = |body: &str| format!("[[waf.rule]]\nid = \"r\"\nseverity = \"critical\"\n{body}\n");
    let cases = [
        (
            rule("targets = [\"args\"]\nregex = '(unclosed'"),
            "does not compile",
            "literal string",
        ),
        (
            rule("targets = [\"args\"]\nregex = 'a*'"),
            "matches an empty value",
            "at least one character",
        ),
        (
            rule("targets = [\"args\"]\nregex = '(?=look)ahead'"),
            "does not compile",
            "no look-around",
        ),
        (
            rule("targets = [\"args\"]"),
            "exactly one operator, has 0",
            "regex",
        ),
        (
            rule("targets = [\"args\"]\nregex = 'x'\nphrases = [\"y\"]"),
            "exactly one operator, has 2",
            "detect",
        ),
        (
            rule("targets = [\"argz\"]\nregex = 'x'"),
            "unknown target `argz`",
            "did you mean `args`",
        ),
        (
            rule("targets = [\"args\"]\ntransforms = [\"url_decod\"]\nregex = 'x'"),
            "unknown transformation",
            "did you mean `url_decode`",
        ),
        (
            rule("targets = [\"args\"]\ndetect = \"sql\""),
            "unknown detector",
            "sqli",
        ),
        (rule("anomaly = \"nul\""), "unknown anomaly", "nul_byte"),
        (
            rule("anomaly = \"nul_byte\"\ntargets = [\"args\"]"),
            "takes no `targets`",
            "remove",
        ),
        (rule("regex = 'x'"), "has no `targets`", "args"),
        (
            rule("targets = [\"args\"]\nphrases = [\"\"]"),
            "empty phrase",
            "non-empty",
        ),
        (
            rule("targets = [\"args\"]\nregex = 'x'\nparanoia = 5"),
            "out of range",
            "1 to 4",
        ),
        (
            "[[waf.rule]]\nid = \"r\"\nseverity = \"fatal\"\ntargets = [\"args\"]\nregex = 'x'\n"
                .into(),
            "unknown severity",
            "critical",
        ),
        (
            "[waf]\nparanoia_level = 7\n".into(),
            "out of range",
            "1 to 4",
        ),
        (
            "[waf]\nbody_limit = 99999999\n".into(),
            "out of range",
            "memory",
        ),
        (
            "[waf]\nmode = \"monitor\"\n".into(),
            "unknown `mode`",
            "log_only",
        ),
        (
            "[waf]\nthreshold = 5\n".into(),
            "unknown key `threshold`",
            "anomaly_threshold",
        ),
        (
            format!(
                "{}[[waf.exclusion]]\nid = \"e\"\nrules = [\"s\"]\n",
                rule("targets = [\"args\"]\nregex = 'x'")
            ),
            "names no existing rule",
            "did you mean `r`",
        ),
        (
            format!(
                "{}[[waf.exclusion]]\nid = \"e\"\ntags = [\"nope\"]\n",
                rule("targets = [\"args\"]\nregex = 'x'")
            ),
            "no WAF rule has the tag",
            "tag",
        ),
        (
            format!(
                "{}[[waf.exclusion]]\nid = \"e\"\n",
                rule("targets = [\"args\"]\nregex = 'x'")
            ),
            "names no rule",
            "rules = ",
        ),
    ];
    for (text, msg, help) in cases {
        let errs = errors(&text);
        assert!(
            errs.iter()
                .any(|(m, h)| m.contains(msg) && h.contains(help)),
            "{text}\n  want {msg:?} / {help:?}\n  got {errs:?}"
        );
    }
}

/// The corpus requests (tests/waf-corpus), as the CLI's `eval` reads them.
fn corpus_requests() -> Vec<(String, Request)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/waf-corpus");
    let mut out = Vec::new();
    for file in ["attacks.jsonl", "legit.jsonl"] {
        let text = std::fs::read_to_string(format!("{dir}/{file}")).unwrap();
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let mut headers = Vec::new();
            for (name, value) in v["headers"].as_object().into_iter().flatten() {
                match value {
                    serde_json::Value::Array(list) => headers.extend(
                        list.iter()
                            .map(|x| (name.clone(), x.as_str().unwrap_or("").to_string())),
                    ),
                    x => headers.push((name.clone(), x.as_str().unwrap_or("").to_string())),
                }
            }
            out.push((
                v["id"].to_string(),
                Request {
                    method: v["method"].as_str().unwrap_or("GET").to_string(),
                    url: v["url"].as_str().unwrap_or("/").to_string(),
                    headers,
                    connecting_ip: Some("198.51.100.1".into()),
                    body: v["body"].as_str().map(|b| b.as_bytes().to_vec()),
                    ..Default::default()
                },
            ));
        }
    }
    out
}

/// What the WAF's matches would be without the plan: every rule on its
/// own, over every field its targets select, through its whole chain.
fn rule_by_rule(waf: &crate::waf::rules::Waf, req: &Request, path: &str) -> Vec<(String, String)> {
    use crate::waf::fields::Fields;
    use crate::waf::rules::Operator;
    use crate::waf::target::describe;
    use crate::waf::transform::apply_chain;
    let fields = Fields::extract(req, path, waf.body_limit);
    let mut out = Vec::new();
    for rule in waf
        .rules
        .iter()
        .filter(|r| r.paranoia <= waf.paranoia_level)
    {
        if let Operator::Anomaly(a) = rule.operator {
            if fields.anomalies.contains(&a) {
                out.push((rule.id.clone(), "request".to_string()));
            }
            continue;
        }
        let excluded = |f: &crate::waf::fields::Field<'_>| {
            waf.exclusions.iter().any(|e| {
                e.covers_path(path)
                    && e.covers_rule(rule)
                    && (e.targets.is_empty() || e.targets.iter().any(|t| t.selects(f)))
            })
        };
        for f in &fields.fields {
            if !rule.targets.iter().any(|t| t.selects(f)) || excluded(f) {
                continue;
            }
            let value = apply_chain(&waf.chains[rule.chain], &f.value);
            if rule.operator.matches(&value).is_some() {
                out.push((rule.id.clone(), describe(f)));
                break;
            }
        }
    }
    out
}

#[test]
fn the_evaluation_plan_finds_what_a_rule_by_rule_walk_finds() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../rules/40-waf.toml"
    ))
    .unwrap();
    for paranoia in [1, 2] {
        let mut p = policy(&text);
        p.waf.paranoia_level = paranoia;
        let requests = corpus_requests();
        assert!(requests.len() > 1000, "{}", requests.len());
        let mut matched = 0;
        for (id, req) in &requests {
            let path = crate::path::target_path(&req.url);
            let got: Vec<(String, String)> = p
                .waf
                .evaluate(req, &path, &mut crate::trace::Trace::off())
                .matches
                .into_iter()
                .map(|m| (m.id, m.at))
                .collect();
            let mut want = rule_by_rule(&p.waf, req, &path);
            // The plan reports matches in rule order, as the walk does.
            want.sort_by_key(|(id, _)| p.waf.rules.iter().position(|r| &r.id == id));
            assert_eq!(got, want, "request {id} at paranoia level {paranoia}");
            matched += got.len();
        }
        // The comparison means something: most attacks match some rule.
        assert!(matched > 600, "{matched}");
    }
}

#[test]
fn a_repeated_value_still_reaches_rules_that_look_at_its_name() {
    let rules = r#"
[waf]
anomaly_threshold = 100

[[waf.rule]]
id = "any-arg"
severity = "notice"
targets = ["args"]
regex = 'evil'

[[waf.rule]]
id = "page-arg"
severity = "notice"
targets = ["arg:page"]
regex = 'evil'

[[waf.rule]]
id = "any-arg-but-q"
severity = "notice"
targets = ["args"]
regex = 'evil'

[[waf.exclusion]]
id = "q-is-free-text"
rules = ["any-arg-but-q"]
targets = ["arg:q"]
"#;
    let p = policy(rules);
    let r = req("GET", "/s?q=evil&page=evil&other=evil", &[], None);
    let got = waf_matches(&p, &r);
    let want = [
        ("any-arg", "query_arg:q"),
        ("page-arg", "query_arg:page"),
        ("any-arg-but-q", "query_arg:page"),
    ];
    assert_eq!(
        got,
        want.map(|(a, b)| (a.to_string(), b.to_string())).to_vec()
    );
}

#[test]
fn a_known_value_still_reaches_rules_that_select_it_by_name() {
    // No exclusions: a value seen earlier in the request, or remembered as
    // clean from an earlier one, skips the rules that select by class
    // only; those that name its field (or a header by name) still run.
    let rules = r#"
[waf]
anomaly_threshold = 100

[[waf.rule]]
id = "any-arg"
severity = "notice"
targets = ["args", "client_headers"]
regex = 'zzz'

[[waf.rule]]
id = "page-arg"
severity = "notice"
targets = ["arg:page"]
regex = 'evil'

[[waf.rule]]
id = "ua-header"
severity = "notice"
targets = ["header:user-agent"]
regex = 'evil'
"#;
    let p = policy(rules);
    let want: Vec<(String, String)> = [
        ("page-arg", "query_arg:page"),
        ("ua-header", "header:user-agent"),
    ]
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .to_vec();
    // Seen earlier in the same request: `q` before `page`, `x-note`
    // before `user-agent`.
    let first = req(
        "GET",
        "/s?q=evil&page=evil",
        &[("x-note", "evil"), ("user-agent", "evil")],
        None,
    );
    assert_eq!(waf_matches(&p, &first), want);
    // Remembered as clean from the first request (`q`, `x-note`), then
    // met alone under the names that the by-name rules select.
    let second = req("GET", "/s?page=evil", &[("user-agent", "evil")], None);
    assert_eq!(waf_matches(&p, &second), want);
}

#[test]
fn values_that_passed_are_remembered_and_matches_never_are() {
    use crate::waf::clean::ValueKey;
    use crate::waf::fields::Part;
    let rules = r#"
[waf]
anomaly_threshold = 100

[[waf.rule]]
id = "any-arg"
severity = "notice"
targets = ["args"]
regex = 'evil'

[[waf.rule]]
id = "page-arg"
severity = "notice"
targets = ["arg:page"]
regex = 'hel'
"#;
    let p = policy(rules);
    let ids = |url: &str| -> Vec<String> {
        waf_matches(&p, &req("GET", url, &[], None))
            .into_iter()
            .map(|(id, _)| id)
            .collect()
    };
    assert!(ids("/s?q=hello").is_empty());
    assert!(p
        .waf
        .clean
        .contains(ValueKey::new(Part::QueryArgValue, false, b"hello"), 1));
    // A rule that names its argument still sees the remembered value.
    assert_eq!(ids("/s?page=hello"), ["page-arg"]);
    // A value that matched is never remembered: it matches every time.
    for _ in 0..3 {
        assert_eq!(ids("/s?q=evil"), ["any-arg"]);
    }
    assert!(!p
        .waf
        .clean
        .contains(ValueKey::new(Part::QueryArgValue, false, b"evil"), 1));
}
