//! The `edgewall` binary as a rule author uses it: exit codes, the JSON
//! Lines contract of `eval`, and `explain`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn edgewall(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_edgewall"))
        .args(args)
        .current_dir(repo())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn lines(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn check_accepts_the_shipped_rules_with_exit_0() {
    let out = edgewall(&["check", "rules"], "");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("rules: ok"));
}

#[test]
fn check_reports_every_error_with_location_and_exit_1() {
    let out = edgewall(&["check", "tests/e2e/broken-rules"], "");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    for want in [
        "--> tests/e2e/broken-rules/10-acl.toml:3:11",
        "--> tests/e2e/broken-rules/10-acl.toml:8:10",
        "--> tests/e2e/broken-rules/10-acl.toml:12:1",
        "help: did you mean `action`?",
        "rules did not load: 3 errors",
    ] {
        assert!(err.contains(want), "missing {want:?} in:\n{err}");
    }
}

#[test]
fn check_of_a_missing_directory_is_a_usage_error_with_exit_2() {
    let out = edgewall(&["check", "no/such/dir"], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("cannot read rules directory `no/such/dir`")
    );
}

#[test]
fn eval_answers_every_line_in_order_and_keeps_going_after_bad_lines() {
    let input = [
        r#"{"method":"GET","url":"/p?q=1","headers":{"user-agent":"x"},"body":null,"client_ip":"192.0.2.1","country":"DE"}"#,
        "not json",
        r#"{"url":"/admin","client_ip":"198.51.100.1","id":"c2"}"#,
        r#"{"url":"/","clientip":"1.2.3.4"}"#,
        r#"{"url":"/","headers":{"CF-Connecting-IP":"2001:db8:dead::1"}}"#,
        r#"{"url":"/"}"#,
    ]
    .join("\n");
    let out = edgewall(&["eval", "--rules", "rules"], &input);
    assert_eq!(out.status.code(), Some(2), "bad lines make the exit code 2");
    let v = lines(&out);
    assert_eq!(v.len(), 6);
    assert_eq!(v[0]["action"], "block");
    assert_eq!(v[0]["status"], 403);
    assert_eq!(v[0]["rule"], "blocklist");
    assert_eq!(v[0]["headers"]["content-type"], "application/json");
    assert!(v[1]["error"].as_str().unwrap().starts_with("line 2:"));
    assert_eq!(v[2]["action"], "allow");
    assert_eq!(v[2]["rule"], serde_json::Value::Null);
    assert_eq!(v[2]["id"], "c2");
    assert!(v[3]["error"]
        .as_str()
        .unwrap()
        .contains("unknown field `clientip`"));
    assert_eq!(
        v[4]["rule"], "blocklist",
        "cf-connecting-ip header stands in for client_ip"
    );
    assert_eq!(v[5]["rule"], "client_ip.on_missing");
}

#[test]
fn eval_of_good_input_exits_0() {
    let out = edgewall(
        &["eval", "--rules", "rules"],
        "{\"url\":\"/\",\"client_ip\":\"198.51.100.1\"}\n\n",
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(lines(&out).len(), 1);
}

#[test]
fn eval_agrees_with_the_fixture_rules_used_end_to_end() {
    let input = [
        r#"{"url":"/admin/x","client_ip":"203.0.113.7"}"#,
        r#"{"url":"/%61dmin","client_ip":"198.51.100.1"}"#,
        r#"{"url":"/","client_ip":"10.10.0.5","headers":{"x-forwarded-for":"192.0.2.9"}}"#,
        r#"{"url":"/a/b.php","client_ip":"2001:db8::5"}"#,
    ]
    .join("\n");
    let out = edgewall(&["eval", "--rules", "tests/e2e/rules"], &input);
    let rules: Vec<_> = lines(&out).iter().map(|v| v["rule"].clone()).collect();
    assert_eq!(
        rules,
        [
            "admin-office",
            "admin-others",
            "blocklist",
            "no-php-from-v6-doc"
        ]
    );
}

#[test]
fn explain_names_the_rules_looked_at_and_the_one_that_decided() {
    let out = edgewall(
        &[
            "explain",
            "--rules",
            "tests/e2e/rules",
            "--url",
            "/admin",
            "--ip",
            "198.51.100.1",
        ],
        "",
    );
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("ip_acl rule `admin-office`"), "{text}");
    assert!(
        text.contains("198.51.100.1 is not in its networks"),
        "{text}"
    );
    assert!(
        text.contains("decision: block 403 (decided by `admin-others`)"),
        "{text}"
    );
}

#[test]
fn eval_reports_the_keys_the_worker_would_count() {
    let input = [
        r#"{"method":"POST","url":"/rl/login","client_ip":"198.51.100.41"}"#,
        r#"{"url":"/rl/api","client_ip":"198.51.100.41","headers":{"X-Api-Key":"k1"}}"#,
        r#"{"url":"/rl/api","client_ip":"2001:db8:1:2:3::9"}"#,
        r#"{"url":"/elsewhere","client_ip":"198.51.100.41"}"#,
    ]
    .join("\n");
    let out = edgewall(&["eval", "--rules", "tests/e2e/rules"], &input);
    assert_eq!(out.status.code(), Some(0));
    let v = lines(&out);
    assert_eq!(
        v[0]["rate_limits"],
        serde_json::json!([{"rule":"e2e-login","key":"e2e-login|ip:198.51.100.41","counter":"location","binding":"RL_LOGIN","limit":3,"period":60}])
    );
    assert_eq!(
        v[1]["rate_limits"][0]["key"],
        "e2e-api-key|header:x-api-key:k1"
    );
    assert_eq!(
        v[2]["rate_limits"][0]["key"],
        "e2e-api-key|ip:2001:db8:1:2::/64"
    );
    assert_eq!(v[2]["rate_limits"][0]["fallback"], true);
    assert!(v[3].get("rate_limits").is_none());
}

/// The commented examples of the shipped rule files, uncommented, load:
/// the documentation a user copies from is valid. Shipped as comments,
/// they leave the default policy unchanged.
#[test]
fn shipped_examples_load_when_uncommented_and_are_off_by_default() {
    let dir = std::env::temp_dir().join(format!("edgewall-examples-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for name in ["50-auth.toml", "50-rate-limit.toml"] {
        let text = std::fs::read_to_string(repo().join("rules").join(name)).unwrap();
        let uncommented: String = text
            .lines()
            .map(|l| {
                let code = l.strip_prefix("# ").filter(|rest| {
                    rest.starts_with("[[")
                        || rest.split_once(" = ").is_some_and(|(k, _)| {
                            !k.is_empty()
                                && k.bytes().all(|b| {
                                    b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'
                                })
                        })
                });
                code.unwrap_or(l).to_string()
            })
            .collect::<Vec<_>>()
            .join("\n");
        assert_ne!(uncommented, text, "{name} has no examples");
        std::fs::write(dir.join(name), uncommented).unwrap();
    }
    let out = edgewall(&["check", dir.to_str().unwrap()], "");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("4 auth rules; 3 rate limits"), "{stdout}");
    let out = edgewall(&["check", "rules"], "");
    assert!(String::from_utf8_lossy(&out.stdout).contains("0 auth rules; 0 rate limits"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn eval_checks_tokens_offline_with_secrets_and_key_sets_from_flags() {
    fn b64(b: &[u8]) -> String {
        const T: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        let mut out = String::new();
        for c in b.chunks(3) {
            let n = (c[0] as u32) << 16
                | (*c.get(1).unwrap_or(&0) as u32) << 8
                | *c.get(2).unwrap_or(&0) as u32;
            for i in 0..=c.len() {
                out.push(T[(n >> (18 - 6 * i) & 63) as usize] as char);
            }
        }
        out
    }
    let dir = std::env::temp_dir().join(format!("edgewall-eval-auth-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("a.toml"),
        "[[auth.provider]]\nid = \"p\"\nissuer = \"i\"\naudiences = [\"a\"]\nhs256_secret = \"S\"\n[[auth.rule]]\nid = \"r\"\nprovider = \"p\"\n",
    )
    .unwrap();
    // Real signatures are the engine's tests' business; here the flags
    // must reach it: a bad signature and no token are 401 with the
    // secret, keys are unavailable (503) without it, and an unset
    // environment variable is a usage error.
    let header = b64(br#"{"alg":"HS256"}"#);
    let payload = b64(br#"{"iss":"i","aud":"a","exp":4000000000}"#);
    let line = format!(
        "{{\"url\":\"/\",\"client_ip\":\"192.0.2.1\",\"headers\":{{\"authorization\":\"Bearer {header}.{payload}.AAAA\"}}}}\n{{\"url\":\"/\",\"client_ip\":\"192.0.2.1\"}}\n"
    );
    let rules = dir.to_str().unwrap();
    let out = edgewall(
        &[
            "eval",
            "--rules",
            rules,
            "--secret",
            "S=k",
            "--now",
            "1700000000",
        ],
        &line,
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = lines(&out);
    assert_eq!(
        (v[0]["status"].as_u64(), v[1]["status"].as_u64()),
        (Some(401), Some(401))
    );
    assert_eq!(
        v[0]["headers"]["www-authenticate"],
        "Bearer realm=\"edgewall\""
    );
    let out = edgewall(
        &[
            "eval",
            "--rules",
            rules,
            "--secret",
            "EDGEWALL_TEST_UNSET_VAR",
        ],
        "",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("EDGEWALL_TEST_UNSET_VAR"));
    // Without the secret the keys are unavailable: edgewall's failure, 503.
    let out = edgewall(&["eval", "--rules", rules], &line);
    assert_eq!(lines(&out)[0]["status"], 503);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn profile_times_the_shipped_rules_on_eval_input() {
    let input = concat!(
        r#"{"url":"/search?q=blue+jacket","headers":{"user-agent":"Mozilla/5.0"},"client_ip":"198.51.100.7"}"#,
        "\n",
        r#"{"url":"/item?id=1%27%20OR%201=1--","client_ip":"198.51.100.7"}"#,
        "\n",
    );
    let out = edgewall(
        &["profile", "--rules", "rules", "--rounds", "2", "--json"],
        input,
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = lines(&out).remove(0);
    assert_eq!(report["requests"], 2);
    assert_eq!(report["rounds"], 2);
    assert_eq!(report["blocked"], 1, "{report}");
    let rules = report["rules"].as_array().unwrap();
    assert!(rules.iter().any(|r| r["id"] == "sqli-detect"), "{report}");
    let us = |k: &str| report[k].as_f64().unwrap();
    assert!(us("us_per_request") > 0.0);
    assert!(us("operators_us_per_request") <= us("us_per_request") + 0.01);
}

#[test]
fn profile_refuses_a_line_that_is_not_a_request_with_exit_2() {
    let out = edgewall(
        &["profile", "--rules", "rules"],
        "{\"url\":\"/\"}\n{\"uri\":\"/typo\"}\n",
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("line 2 is not a valid request"), "{err}");
}
