//! Request evaluation with the shipped WAF rules and an ACL, CORS and
//! client-IP policy: any request (method, target, headers, body, client
//! address) gets a decision; never a panic.
//!
//! Input: `METHOD TARGET\n` then `name: value` header lines, an empty
//! line, and the body; the first header named `ip` is the client address.
#![no_main]

use std::sync::OnceLock;

use edgewall_engine::{load, Policy, Request};
use libfuzzer_sys::fuzz_target;

const WAF: &str = include_str!("../../rules/40-waf.toml");
const OTHERS: &str = r#"
[client_ip]
on_missing = "block"
trusted_proxies = ["10.0.0.0/8"]

[ip_acl]
default = "allow"

[[ip_acl.rule]]
id = "admin-office-only"
action = "deny"
paths = ["/admin"]
cidrs = ["192.0.2.0/24", "2001:db8::/32"]

[[cors.policy]]
id = "api"
paths = ["/api/**"]
allow_origins = ["https://app.example.com", "https://*.example.org"]
allow_methods = ["GET", "POST", "PUT"]
allow_headers = ["content-type", "x-custom"]
allow_credentials = true
"#;

fn policy() -> &'static Policy {
    static POLICY: OnceLock<Policy> = OnceLock::new();
    POLICY.get_or_init(|| {
        let files = vec![
            ("rules/10-others.toml".to_string(), OTHERS.to_string()),
            ("rules/40-waf.toml".to_string(), WAF.to_string()),
        ];
        match load(&files) {
            Ok(l) => l.policy,
            Err(e) => panic!("the fuzz policy must load: {e:?}"),
        }
    })
}

fuzz_target!(|data: &[u8]| {
    let (head, body) = match data.windows(2).position(|w| w == b"\n\n") {
        Some(i) => (&data[..i], Some(data[i + 2..].to_vec())),
        None => (data, None),
    };
    let head = String::from_utf8_lossy(head);
    let mut lines = head.lines();
    let first = lines.next().unwrap_or("GET /");
    let (method, url) = first.split_once(' ').unwrap_or(("GET", first));
    let mut req = Request {
        method: method.to_string(),
        url: url.to_string(),
        body,
        ..Default::default()
    };
    for line in lines {
        let (name, value) = line.split_once(':').unwrap_or((line, ""));
        if name == "ip" {
            req.connecting_ip = Some(value.trim().to_string());
        } else {
            req.headers
                .push((name.to_string(), value.trim_start().to_string()));
        }
    }
    let decision = policy().evaluate(&req);
    // Whatever the request, the answer is one of the documented ones.
    assert!(
        matches!(decision.status, 200 | 204 | 401 | 403 | 429 | 503),
        "{}",
        decision.status
    );
});
