use super::*;
use crate::ip::parse_client_ip;
use crate::{Action, Request};

fn files(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(p, t)| (p.to_string(), t.to_string()))
        .collect()
}

fn errors(list: &[(&str, &str)]) -> Vec<Diagnostic> {
    match load(&files(list)) {
        Ok(_) => panic!("expected load errors"),
        Err(e) => e
            .diagnostics
            .into_iter()
            .filter(Diagnostic::is_error)
            .collect(),
    }
}

fn one_error(text: &str) -> Diagnostic {
    let errs = errors(&[("rules/a.toml", text)]);
    assert_eq!(errs.len(), 1, "{errs:#?}");
    errs.into_iter().next().unwrap()
}

fn policy(text: &str) -> Policy {
    load(&files(&[("rules/a.toml", text)])).unwrap().policy
}

const ACL: &str = r#"
[ip_acl]
default = "allow"

[[ip_acl.rule]]
id = "admin-office"
paths = ["/admin"]
action = "allow"
cidrs = ["203.0.113.0/24", "2001:db8:1::/48"]

[[ip_acl.rule]]
id = "admin-others"
paths = ["/admin"]
action = "deny"
cidrs = ["all"]

[[ip_acl.rule]]
id = "bad-net"
action = "deny"
lists = ["bad"]

[ip_lists.bad]
cidrs = ["198.51.100.0/24"]
"#;

fn eval(p: &Policy, url: &str, ip: &str) -> (Action, Option<String>) {
    let d = p.evaluate(&Request {
        connecting_ip: Some(ip.into()),
        ..Request::get(url)
    });
    (d.action, d.rule)
}

#[test]
fn first_matching_rule_wins_in_file_order() {
    let p = policy(ACL);
    assert_eq!(
        eval(&p, "/admin/x", "203.0.113.5"),
        (Action::Allow, Some("admin-office".into()))
    );
    assert_eq!(
        eval(&p, "/admin/x", "192.0.2.1"),
        (Action::Block, Some("admin-others".into()))
    );
    assert_eq!(
        eval(&p, "/admin", "2001:db8:1::9"),
        (Action::Allow, Some("admin-office".into()))
    );
    assert_eq!(
        eval(&p, "/public", "198.51.100.4"),
        (Action::Block, Some("bad-net".into()))
    );
    assert_eq!(eval(&p, "/public", "192.0.2.1"), (Action::Allow, None));
    // The office rule comes first, so the office is let into /admin even
    // from an address that is also on the bad list.
    assert_eq!(
        eval(&p, "/admin", "::ffff:203.0.113.5"),
        (Action::Allow, Some("admin-office".into()))
    );
}

#[test]
fn encoded_and_dotted_paths_stay_in_their_scope() {
    let p = policy(ACL);
    for url in [
        "/%61dmin",
        "//admin/x",
        "/x/../admin",
        "/admin/.",
        "/ADMIN/../admin",
        "https://h.example/admin?x",
    ] {
        assert_eq!(eval(&p, url, "192.0.2.1").0, Action::Block, "{url}");
    }
    assert_eq!(eval(&p, "/administrator", "192.0.2.1").0, Action::Allow);
}

#[test]
fn default_deny_blocks_unmatched_requests() {
    let p = policy("[ip_acl]\ndefault = \"deny\"\n[[ip_acl.rule]]\nid = \"ok\"\naction = \"allow\"\ncidrs = [\"10.0.0.0/8\"]\n");
    assert_eq!(
        eval(&p, "/", "10.1.1.1"),
        (Action::Allow, Some("ok".into()))
    );
    assert_eq!(
        eval(&p, "/", "11.1.1.1"),
        (Action::Block, Some("ip_acl.default".into()))
    );
}

#[test]
fn missing_client_ip_is_blocked_by_default_and_allowed_only_when_written() {
    let blocked = policy("");
    let d = blocked.evaluate(&Request::get("/"));
    assert_eq!(
        (d.action, d.rule.as_deref()),
        (Action::Block, Some("client_ip.on_missing"))
    );

    let allowed = policy("[client_ip]\non_missing = \"allow\"\n");
    assert_eq!(allowed.evaluate(&Request::get("/")).action, Action::Allow);
}

#[test]
fn no_client_ip_cannot_match_deny_all_so_default_decides() {
    let p = policy("[client_ip]\non_missing = \"allow\"\n[ip_acl]\ndefault = \"deny\"\n[[ip_acl.rule]]\nid = \"x\"\naction = \"allow\"\ncidrs = [\"all\"]\n");
    let d = p.evaluate(&Request::get("/"));
    assert_eq!(
        (d.action, d.rule.as_deref()),
        (Action::Block, Some("ip_acl.default"))
    );
}

#[test]
fn trusted_proxy_forwarded_address_is_the_client() {
    let p = policy("[client_ip]\ntrusted_proxies = [\"10.0.0.0/8\"]\n[ip_acl]\ndefault = \"allow\"\n[[ip_acl.rule]]\nid = \"x\"\naction = \"deny\"\ncidrs = [\"198.51.100.7\"]\n");
    let mut r = Request {
        connecting_ip: Some("10.0.0.1".into()),
        headers: vec![("x-forwarded-for".into(), "198.51.100.7".into())],
        ..Request::get("/")
    };
    assert_eq!(p.evaluate(&r).client_ip, parse_client_ip("198.51.100.7"));
    assert_eq!(p.evaluate(&r).action, Action::Block);
    // The same header from an untrusted peer is ignored.
    r.connecting_ip = Some("192.0.2.1".into());
    assert_eq!(p.evaluate(&r).action, Action::Allow);
}

#[test]
fn host_bits_error_points_at_the_entry() {
    let d = one_error("[ip_acl]\ndefault = \"allow\"\n[[ip_acl.rule]]\nid = \"x\"\naction = \"deny\"\ncidrs = [\"10.0.0.1/8\"]\n");
    assert_eq!(d.message, "host bits set in `10.0.0.1/8`");
    assert_eq!((d.file.as_str(), d.line, d.column), ("rules/a.toml", 6, 10));
    assert!(d.help.unwrap().contains("10.0.0.0/8"));
}

#[test]
fn unknown_key_is_an_error_with_a_suggestion() {
    let d = one_error("[ip_acl]\ndefault = \"allow\"\n[[ip_acl.rule]]\nid = \"x\"\nactoin = \"deny\"\ncidrs = [\"all\"]\n");
    assert!(
        d.message.contains("unknown field `actoin`"),
        "{}",
        d.message
    );
    assert_eq!(d.line, 5);
    assert!(d.help.unwrap().contains("did you mean `action`"));
}

#[test]
fn unknown_enum_value_suggests_the_closest() {
    let d = one_error("[ip_acl]\ndefault = \"alow\"\n");
    assert_eq!(d.message, "unknown `default` value `alow`");
    assert_eq!((d.line, d.column), (2, 11));
    assert!(d.help.unwrap().starts_with("did you mean `allow`?"));
}

#[test]
fn unknown_top_level_table_is_an_error() {
    let d = one_error("[ip_acls]\ndefault = \"allow\"\n");
    assert_eq!(d.message, "unknown top-level table `ip_acls`");
    assert!(d.help.unwrap().contains("did you mean `ip_acl`"));
}

#[test]
fn duplicate_ids_across_files_name_both_places() {
    let rule = "[[ip_acl.rule]]\nid = \"dup\"\naction = \"deny\"\ncidrs = [\"all\"]\n";
    let errs = errors(&[
        (
            "rules/a.toml",
            &format!("[ip_acl]\ndefault = \"allow\"\n{rule}"),
        ),
        ("rules/b.toml", rule),
    ]);
    assert_eq!(errs.len(), 1, "{errs:#?}");
    assert_eq!(errs[0].file, "rules/b.toml");
    assert_eq!(errs[0].message, "duplicate rule id `dup`");
    assert!(errs[0].help.as_deref().unwrap().contains("rules/a.toml:4"));
}

#[test]
fn every_error_is_reported_not_only_the_first() {
    let errs = errors(&[
        ("rules/a.toml", "[ip_acl]\ndefault = \"maybe\"\n[[ip_acl.rule]]\nid = \"a\"\naction = \"deny\"\ncidrs = [\"10.0.0.1/8\", \"nonsense\"]\n[[ip_acl.rule]]\nid = \"b\"\nacton = \"deny\"\n"),
        ("rules/b.toml", "this is = = not toml\n"),
    ]);
    let msgs: Vec<&str> = errs.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(errs.len(), 5, "{msgs:#?}");
    assert!(errs.iter().any(|d| d.file == "rules/b.toml"));
}

#[test]
fn rules_without_default_are_an_error() {
    let d = one_error("[[ip_acl.rule]]\nid = \"x\"\naction = \"deny\"\ncidrs = [\"all\"]\n");
    assert_eq!(d.message, "`[ip_acl]` has rules but no `default`");
}

#[test]
fn rule_with_no_networks_is_an_error() {
    let d = one_error(
        "[ip_acl]\ndefault = \"allow\"\n[[ip_acl.rule]]\nid = \"x\"\naction = \"deny\"\n",
    );
    assert_eq!(d.message, "rule `x` names no networks");
}

#[test]
fn list_files_load_and_their_errors_point_into_them() {
    let toml = "[ip_acl]\ndefault = \"allow\"\n[[ip_acl.rule]]\nid = \"x\"\naction = \"deny\"\nlists = [\"tor\"]\n[ip_lists.tor]\nfile = \"lists/tor.txt\"\n";
    let ok = load(&files(&[
        ("rules/a.toml", toml),
        (
            "rules/lists/tor.txt",
            "# exits\n192.0.2.0/24 # one\n\n2001:db8::/32\n",
        ),
    ]))
    .unwrap();
    assert!(ok.warnings.is_empty(), "{:#?}", ok.warnings);
    assert_eq!(eval(&ok.policy, "/", "2001:db8::1").0, Action::Block);

    let errs = errors(&[
        ("rules/a.toml", toml),
        ("rules/lists/tor.txt", "192.0.2.0/24\n  10.0.0.1/8\n"),
    ]);
    assert_eq!(errs.len(), 1);
    assert_eq!(
        (errs[0].file.as_str(), errs[0].line, errs[0].column),
        ("rules/lists/tor.txt", 2, 3)
    );

    let missing = errors(&[("rules/a.toml", toml)]);
    assert_eq!(missing[0].message, "list file `lists/tor.txt` not found");

    let escape = errors(&[(
        "rules/a.toml",
        &toml.replace("lists/tor.txt", "../secrets.txt"),
    )]);
    assert!(escape[0].message.contains("outside the rules directory"));
}

#[test]
fn unknown_list_reference_suggests_a_defined_one() {
    let d = one_error("[ip_acl]\ndefault = \"allow\"\n[[ip_acl.rule]]\nid = \"x\"\naction = \"deny\"\nlists = [\"scaners\"]\n[ip_lists.scanners]\ncidrs = [\"192.0.2.0/24\"]\n");
    assert_eq!(d.message, "unknown list `scaners`");
    assert_eq!(d.help.as_deref(), Some("did you mean `scanners`?"));
}

#[test]
fn stray_files_and_ipv4_only_deny_all_are_warnings() {
    let l = load(&files(&[
        ("rules/a.toml", "[ip_acl]\ndefault = \"allow\"\n[[ip_acl.rule]]\nid = \"x\"\npaths = [\"/admin\"]\naction = \"deny\"\ncidrs = [\"0.0.0.0/0\"]\n"),
        ("rules/notes.md", "hi"),
    ]))
    .unwrap();
    let msgs: Vec<&str> = l.warnings.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(msgs.len(), 2, "{msgs:#?}");
    assert!(msgs.iter().any(|m| m.contains("no IPv6 address")));
    assert!(msgs.iter().any(|m| m.contains("not a rule file")));
}

#[test]
fn no_rule_files_is_an_error() {
    let errs = errors(&[("rules/readme.txt", "x")]);
    assert_eq!(errs[0].message, "no rule files (*.toml) found");
}

#[test]
fn bad_path_patterns_are_errors() {
    let d = one_error("[ip_acl]\ndefault = \"allow\"\n[[ip_acl.rule]]\nid = \"x\"\naction = \"deny\"\npaths = [\"admin\"]\ncidrs = [\"all\"]\n");
    assert!(d.message.contains("does not start with `/`"));
}

#[test]
fn wrong_value_types_are_errors() {
    let d = one_error("[ip_acl]\ndefault = \"allow\"\n[[ip_acl.rule]]\nid = 7\naction = \"deny\"\ncidrs = [\"all\"]\n");
    assert!(d.message.contains("invalid type"), "{}", d.message);
    assert_eq!(d.line, 4);
}

#[test]
fn shipped_default_rules_load_without_warnings() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../rules");
    let mut list = Vec::new();
    collect(std::path::Path::new(dir), "rules", &mut list);
    assert!(!list.is_empty());
    let loaded = load(&list).unwrap_or_else(|e| panic!("{e}"));
    assert!(loaded.warnings.is_empty(), "{:#?}", loaded.warnings);
}

fn collect(dir: &std::path::Path, prefix: &str, out: &mut Vec<(String, String)>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let e = e.unwrap();
        let name = format!("{prefix}/{}", e.file_name().to_string_lossy());
        if e.file_type().unwrap().is_dir() {
            collect(&e.path(), &name, out);
        } else {
            out.push((name, std::fs::read_to_string(e.path()).unwrap()));
        }
    }
}

#[test]
fn sections_that_are_not_tables_are_errors_with_a_hint() {
    let d = one_error("ip_acl = \"deny\"\n");
    assert_eq!(d.message, "`ip_acl` must be a table");
    assert_eq!((d.line, d.column), (1, 10));
    let d = one_error("ip_lists = [\"192.0.2.0/24\"]\n");
    assert_eq!(d.message, "`ip_lists` must be a table");
    assert!(d.help.unwrap().contains("[ip_lists.NAME]"));
}

#[test]
fn default_pseudo_ids_are_reserved() {
    let d = one_error("[ip_acl]\ndefault = \"allow\"\n[[ip_acl.rule]]\nid = \"ip_acl.default\"\naction = \"deny\"\ncidrs = [\"all\"]\n");
    assert_eq!(d.message, "rule id `ip_acl.default` is reserved");
}

#[test]
fn a_list_no_rule_uses_is_a_warning() {
    let l = load(&files(&[(
        "rules/a.toml",
        "[ip_lists.spare]\ncidrs = [\"192.0.2.0/24\"]\n",
    )]))
    .unwrap();
    assert_eq!(l.warnings.len(), 1);
    assert_eq!(
        l.warnings[0].message,
        "list `spare` is not used by any rule"
    );
}

/// Evaluation cannot fail: random bytes in every field the client controls
/// never panic, and a request without a usable address is still blocked.
#[test]
fn evaluation_survives_random_hostile_input() {
    let p = policy(ACL);
    let mut rng = crate::testing::Rng(0xdead_beef_cafe_f00d);
    let mut next = move || rng.next();
    let alphabet: &[u8] = b"/%.\\?#*:@[]0123456789abcdefABCDEF admin\x00\xff\r\n";
    let mut junk = |len: usize| -> String {
        let bytes: Vec<u8> = (0..len)
            .map(|_| alphabet[(next() as usize) % alphabet.len()])
            .collect();
        String::from_utf8_lossy(&bytes).into_owned()
    };
    for i in 0..20_000 {
        let req = Request {
            method: junk(i % 9),
            url: junk(i % 300),
            headers: vec![
                (junk(8), junk(i % 50)),
                ("x-forwarded-for".into(), junk(40)),
            ],
            connecting_ip: Some(junk(i % 45)),
            country: Some(junk(2)),
            continent: Some(junk(2)),
            asn: Some((i as u32).wrapping_mul(2_654_435_761)),
            body: None,
        };
        let d = p.evaluate(&req);
        if d.client_ip.is_none() {
            assert_eq!(d.action, Action::Block);
        }
    }
}

#[test]
fn very_long_and_deeply_dotted_paths_are_handled() {
    let p = policy(ACL);
    let long = format!("/{}", "a/".repeat(50_000));
    assert_eq!(eval(&p, &long, "192.0.2.1").0, Action::Allow);
    let dots = format!("{}admin", "../".repeat(50_000));
    assert_eq!(eval(&p, &format!("/{dots}"), "192.0.2.1").0, Action::Block);
}

#[test]
fn a_rule_list_that_is_not_an_array_of_tables_says_how_to_write_it() {
    let cases = [
        (
            "[ip_acl]\ndefault = \"allow\"\nrule = \"x\"\n",
            "ip_acl.rule",
        ),
        ("[cors]\npolicy = 1\n", "cors.policy"),
        ("[geo]\ndefault = \"allow\"\nrule = true\n", "geo.rule"),
        ("[rate_limit]\nrule = \"x\"\n", "rate_limit.rule"),
        ("[waf]\nrule = \"x\"\n", "waf.rule"),
        ("[waf]\nexclusion = 2\n", "waf.exclusion"),
        ("[auth]\nprovider = \"x\"\n", "auth.provider"),
        ("[auth]\nrule = \"x\"\n", "auth.rule"),
    ];
    for (text, name) in cases {
        let errs = errors(&[("rules/a.toml", text)]);
        let e = errs
            .iter()
            .find(|e| e.message == format!("`{name}` must be an array of tables"));
        assert!(e.is_some(), "{name}: {errs:#?}");
        let help = e.and_then(|e| e.help.clone());
        assert_eq!(help, Some(format!("write each as a `[[{name}]]` table")));
        assert_eq!(e.map(|e| e.line), Some(text.lines().count()), "{name}");
    }
}
