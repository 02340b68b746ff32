//! Real signed tokens through the whole policy: every way a token can be
//! wrong, each refused with the one 401 (or 403 for a valid token without
//! what the rule asks for), and the log reason naming the check.

use std::sync::Arc;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use hmac::{Hmac, KeyInit, Mac};
use p256::ecdsa::SigningKey as EcKey;
use rsa::pkcs1v15::SigningKey as RsaKey;
use rsa::signature::{SignatureEncoding, Signer};
use serde_json::{json, Value};
use sha2::Sha256;

use super::keys::{Credentials, KeySet};
use crate::decision::{error_body, Action, ErrorKind, Stage};
use crate::load::load;
use crate::policy::Policy;
use crate::request::Request;

const NOW: i64 = 1_700_000_000;
const SECRET: &[u8] = b"test-only hs256 secret, 32 bytes!";
const RSA_A: &str = include_str!("../../tests/fixtures/jwt/rsa-a.test-only.jwk.json");
const RSA_B: &str = include_str!("../../tests/fixtures/jwt/rsa-b.test-only.jwk.json");

const RULES: &str = r#"
[auth]
realm = "example"

[[auth.provider]]
id = "idp"
issuer = "https://idp.test/"
audiences = ["api", "api2"]
jwks_url = "https://idp.test/jwks.json"

[[auth.provider]]
id = "internal"
issuer = "internal"
audiences = ["edge"]
hs256_secret = "JWT_SECRET"
leeway = 0

[[auth.rule]]
id = "health"
paths = ["/api/health"]
public = true

[[auth.rule]]
id = "api-delete"
paths = ["/api"]
methods = ["DELETE"]
provider = "idp"
require_permissions = ["delete"]

[[auth.rule]]
id = "users"
paths = ["/users"]
provider = "idp"
owner_path = "/users/{id}"
admin_roles = ["admin"]

[[auth.rule]]
id = "editors"
paths = ["/edit"]
provider = "idp"
require_roles = ["editor", "admin"]

[[auth.rule]]
id = "api"
paths = ["/api"]
provider = "idp"

[[auth.rule]]
id = "internal-only"
paths = ["/internal"]
provider = "internal"

[[rate_limit.rule]]
id = "per-user"
paths = ["/api"]
key = "claim:sub"
limit = 10
period = 60
binding = "RL"
"#;

fn b64(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

fn field(jwk: &Value, name: &str) -> rsa::BoxedUint {
    let bytes = URL_SAFE_NO_PAD.decode(jwk[name].as_str().unwrap()).unwrap();
    rsa::BoxedUint::from_be_slice_vartime(&bytes)
}

fn rsa_key(text: &str) -> (RsaKey<Sha256>, Value) {
    let jwk: Value = serde_json::from_str(text).unwrap();
    let private = rsa::PrivateKey::from_components(
        field(&jwk, "n"),
        field(&jwk, "e"),
        field(&jwk, "d"),
        vec![field(&jwk, "p"), field(&jwk, "q")],
    )
    .unwrap();
    (RsaKey::<Sha256>::new(private), jwk)
}

fn ec_key() -> EcKey {
    EcKey::from_slice(&[7u8; 32]).unwrap()
}

/// The key set the tests' `idp` publishes: RSA key A and the EC key.
fn key_set() -> KeySet {
    let (_, a) = rsa_key(RSA_A);
    let point = ec_key().verifying_key().to_sec1_point(false);
    let jwks = json!({"keys": [
        {"kty": "RSA", "kid": "rsa-a", "use": "sig", "alg": "RS256", "n": a["n"], "e": a["e"]},
        {"kty": "EC", "kid": "ec-1", "crv": "P-256", "x": b64(point.x().unwrap()), "y": b64(point.y().unwrap())},
        {"kty": "oct", "kid": "ignored", "k": "c2VjcmV0"},
    ]});
    let (set, skipped) = KeySet::parse(jwks.to_string().as_bytes()).unwrap();
    assert_eq!(
        skipped.len(),
        1,
        "the symmetric key is left out: {skipped:?}"
    );
    set
}

fn creds() -> Credentials {
    let mut c = Credentials {
        now: NOW,
        ..Default::default()
    };
    c.secrets.insert("JWT_SECRET".into(), SECRET.to_vec());
    c.key_sets.insert("idp".into(), Arc::new(key_set()));
    c
}

enum Key {
    RsaA,
    RsaB,
    Ec,
    Hs(&'static [u8]),
    None,
}

fn token(key: Key, header: Value, claims: Value) -> String {
    let signed = format!(
        "{}.{}",
        b64(header.to_string().as_bytes()),
        b64(claims.to_string().as_bytes())
    );
    let sig = match key {
        Key::RsaA => rsa_key(RSA_A).0.sign(signed.as_bytes()).to_vec(),
        Key::RsaB => rsa_key(RSA_B).0.sign(signed.as_bytes()).to_vec(),
        Key::Ec => {
            let s: p256::ecdsa::Signature = ec_key().sign(signed.as_bytes());
            s.to_bytes().to_vec()
        }
        Key::Hs(secret) => {
            let mut m = <Hmac<Sha256> as KeyInit>::new_from_slice(secret).unwrap();
            m.update(signed.as_bytes());
            m.finalize().into_bytes().to_vec()
        }
        Key::None => Vec::new(),
    };
    format!("{signed}.{}", b64(&sig))
}

fn claims(extra: Value) -> Value {
    let mut c = json!({"iss": "https://idp.test/", "aud": "api", "sub": "42", "exp": NOW + 3600});
    for (k, v) in extra.as_object().unwrap() {
        if v.is_null() {
            c.as_object_mut().unwrap().remove(k);
        } else {
            c[k] = v.clone();
        }
    }
    c
}

fn rs(kid: &str) -> Value {
    json!({"alg": "RS256", "typ": "JWT", "kid": kid})
}

fn policy() -> Policy {
    match load(&[("rules/a.toml".to_string(), RULES.to_string())]) {
        Ok(l) => l.policy,
        Err(e) => panic!("{e}"),
    }
}

fn request(method: &str, url: &str, authorization: Option<&str>) -> Request {
    let mut r = Request {
        method: method.into(),
        url: url.into(),
        connecting_ip: Some("198.51.100.7".into()),
        ..Default::default()
    };
    if let Some(a) = authorization {
        r.headers.push(("Authorization".into(), a.into()));
    }
    r
}

#[test]
fn every_token_case_gets_its_status_and_the_log_names_the_check() {
    let p = policy();
    let c = creds();
    let (_, a) = rsa_key(RSA_A);
    // The RSA public key as an attacker would use it for HS256.
    let public_as_secret: &'static [u8] = Box::leak(
        json!({"kty": "RSA", "n": a["n"], "e": a["e"]})
            .to_string()
            .into_bytes()
            .into_boxed_slice(),
    );
    let tampered = {
        let t = token(Key::RsaA, rs("rsa-a"), claims(json!({})));
        let parts: Vec<&str> = t.split('.').collect();
        let forged = b64(claims(json!({"sub": "1"})).to_string().as_bytes());
        format!("{}.{}.{}", parts[0], forged, parts[2])
    };
    let bearer = |t: String| Some(format!("Bearer {t}"));
    // (case, method, url, Authorization, status, reason fragment)
    /// (case, method, url, Authorization, status, reason fragment)
    type Case<'a> = (&'a str, &'a str, &'a str, Option<String>, u16, &'a str);
    let cases: Vec<Case> = vec![
        (
            "valid RS256",
            "GET",
            "/api/x",
            bearer(token(Key::RsaA, rs("rsa-a"), claims(json!({})))),
            200,
            "",
        ),
        (
            "valid ES256",
            "GET",
            "/api/x",
            bearer(token(
                Key::Ec,
                json!({"alg": "ES256", "kid": "ec-1"}),
                claims(json!({})),
            )),
            200,
            "",
        ),
        (
            "valid without kid",
            "GET",
            "/api/x",
            bearer(token(Key::RsaA, json!({"alg": "RS256"}), claims(json!({})))),
            200,
            "",
        ),
        (
            "scheme in lower case",
            "GET",
            "/api/x",
            Some(format!(
                "bearer {}",
                token(Key::RsaA, rs("rsa-a"), claims(json!({})))
            )),
            200,
            "",
        ),
        (
            "audience in a list",
            "GET",
            "/api/x",
            bearer(token(
                Key::RsaA,
                rs("rsa-a"),
                claims(json!({"aud": ["other", "api2"]})),
            )),
            200,
            "",
        ),
        (
            "expired",
            "GET",
            "/api/x",
            bearer(token(
                Key::RsaA,
                rs("rsa-a"),
                claims(json!({"exp": NOW - 61})),
            )),
            401,
            "token expired",
        ),
        (
            "expired within leeway",
            "GET",
            "/api/x",
            bearer(token(
                Key::RsaA,
                rs("rsa-a"),
                claims(json!({"exp": NOW - 59})),
            )),
            200,
            "",
        ),
        (
            "no leeway on the internal provider",
            "GET",
            "/internal",
            bearer(token(
                Key::Hs(SECRET),
                json!({"alg": "HS256"}),
                claims(json!({"iss": "internal", "aud": "edge", "exp": NOW - 1})),
            )),
            401,
            "token expired",
        ),
        (
            "nbf in the future",
            "GET",
            "/api/x",
            bearer(token(
                Key::RsaA,
                rs("rsa-a"),
                claims(json!({"nbf": NOW + 120})),
            )),
            401,
            "not valid yet",
        ),
        (
            "nbf within leeway",
            "GET",
            "/api/x",
            bearer(token(
                Key::RsaA,
                rs("rsa-a"),
                claims(json!({"nbf": NOW + 30})),
            )),
            200,
            "",
        ),
        (
            "no exp",
            "GET",
            "/api/x",
            bearer(token(Key::RsaA, rs("rsa-a"), claims(json!({"exp": null})))),
            401,
            "no exp",
        ),
        (
            "wrong issuer",
            "GET",
            "/api/x",
            bearer(token(
                Key::RsaA,
                rs("rsa-a"),
                claims(json!({"iss": "https://evil.test/"})),
            )),
            401,
            "wrong issuer",
        ),
        (
            "wrong audience",
            "GET",
            "/api/x",
            bearer(token(
                Key::RsaA,
                rs("rsa-a"),
                claims(json!({"aud": "other"})),
            )),
            401,
            "wrong audience",
        ),
        (
            "no audience",
            "GET",
            "/api/x",
            bearer(token(Key::RsaA, rs("rsa-a"), claims(json!({"aud": null})))),
            401,
            "wrong audience",
        ),
        (
            "signed with another key",
            "GET",
            "/api/x",
            bearer(token(Key::RsaB, rs("rsa-a"), claims(json!({})))),
            401,
            "bad signature",
        ),
        (
            "payload changed after signing",
            "GET",
            "/api/x",
            bearer(tampered),
            401,
            "bad signature",
        ),
        (
            "alg none",
            "GET",
            "/api/x",
            bearer(token(Key::None, json!({"alg": "none"}), claims(json!({})))),
            401,
            "alg none",
        ),
        (
            "alg NONE",
            "GET",
            "/api/x",
            bearer(token(Key::None, json!({"alg": "NONE"}), claims(json!({})))),
            401,
            "alg none",
        ),
        (
            "HS256 signed with the RSA public key",
            "GET",
            "/api/x",
            bearer(token(
                Key::Hs(public_as_secret),
                json!({"alg": "HS256", "kid": "rsa-a"}),
                claims(json!({})),
            )),
            401,
            "algorithm \"HS256\" not allowed",
        ),
        (
            "RS256 token to an HS256 provider",
            "GET",
            "/internal",
            bearer(token(
                Key::RsaA,
                rs("rsa-a"),
                claims(json!({"iss": "internal", "aud": "edge"})),
            )),
            401,
            "algorithm \"RS256\" not allowed",
        ),
        (
            "ES256 header on an RSA signature",
            "GET",
            "/api/x",
            bearer(token(
                Key::RsaA,
                json!({"alg": "ES256", "kid": "rsa-a"}),
                claims(json!({})),
            )),
            401,
            "bad signature",
        ),
        (
            "unknown kid",
            "GET",
            "/api/x",
            bearer(token(Key::RsaA, rs("rotated"), claims(json!({})))),
            401,
            "unknown key id",
        ),
        (
            "two parts",
            "GET",
            "/api/x",
            Some("Bearer abc.def".into()),
            401,
            "malformed token",
        ),
        (
            "not base64",
            "GET",
            "/api/x",
            Some("Bearer a*b.c.d".into()),
            401,
            "malformed token",
        ),
        (
            "crit header",
            "GET",
            "/api/x",
            bearer(token(
                Key::RsaA,
                json!({"alg": "RS256", "kid": "rsa-a", "crit": ["exp"]}),
                claims(json!({})),
            )),
            401,
            "crit",
        ),
        ("no token", "GET", "/api/x", None, 401, "no bearer token"),
        (
            "basic auth",
            "GET",
            "/api/x",
            Some("Basic dXNlcjpwYXNz".into()),
            401,
            "not one `Bearer <token>` header",
        ),
        (
            "HS256 valid",
            "GET",
            "/internal",
            bearer(token(
                Key::Hs(SECRET),
                json!({"alg": "HS256"}),
                claims(json!({"iss": "internal", "aud": "edge"})),
            )),
            200,
            "",
        ),
        (
            "HS256 wrong secret",
            "GET",
            "/internal",
            bearer(token(
                Key::Hs(b"another secret"),
                json!({"alg": "HS256"}),
                claims(json!({"iss": "internal", "aud": "edge"})),
            )),
            401,
            "bad signature",
        ),
        ("public exception", "GET", "/api/health", None, 200, ""),
        ("not covered", "GET", "/elsewhere", None, 200, ""),
        (
            "permission held",
            "DELETE",
            "/api/x",
            bearer(token(
                Key::RsaA,
                rs("rsa-a"),
                claims(json!({"permissions": ["read", "delete"]})),
            )),
            200,
            "",
        ),
        (
            "permission missing",
            "DELETE",
            "/api/x",
            bearer(token(
                Key::RsaA,
                rs("rsa-a"),
                claims(json!({"permissions": ["read"]})),
            )),
            403,
            "lacks permission \"delete\"",
        ),
        (
            "role held",
            "GET",
            "/edit/x",
            bearer(token(
                Key::RsaA,
                rs("rsa-a"),
                claims(json!({"roles": ["editor"]})),
            )),
            200,
            "",
        ),
        (
            "role missing",
            "GET",
            "/edit/x",
            bearer(token(
                Key::RsaA,
                rs("rsa-a"),
                claims(json!({"roles": "viewer"})),
            )),
            403,
            "has none of the roles",
        ),
        (
            "owner",
            "GET",
            "/users/42/orders",
            bearer(token(Key::RsaA, rs("rsa-a"), claims(json!({})))),
            200,
            "",
        ),
        (
            "owner, encoded path",
            "GET",
            "/users/%34%32",
            bearer(token(Key::RsaA, rs("rsa-a"), claims(json!({})))),
            200,
            "",
        ),
        (
            "not the owner",
            "GET",
            "/users/7",
            bearer(token(Key::RsaA, rs("rsa-a"), claims(json!({})))),
            403,
            "does not own /users/{id}",
        ),
        (
            "not the owner, traversal",
            "GET",
            "/users/42/../7",
            bearer(token(Key::RsaA, rs("rsa-a"), claims(json!({})))),
            403,
            "does not own",
        ),
        (
            "no id in the path",
            "GET",
            "/users",
            bearer(token(Key::RsaA, rs("rsa-a"), claims(json!({})))),
            403,
            "does not own",
        ),
        (
            "admin, not the owner",
            "GET",
            "/users/7",
            bearer(token(
                Key::RsaA,
                rs("rsa-a"),
                claims(json!({"roles": ["admin"]})),
            )),
            200,
            "",
        ),
    ];
    let mut failures = Vec::new();
    for (name, method, url, auth, status, reason) in &cases {
        let d = p.evaluate_with(&request(method, url, auth.as_deref()), &c);
        let ok = d.status == *status
            && d.reason.contains(reason)
            && (*status == 200) == (d.action == Action::Allow)
            && (*status == 401) == d.challenge.is_some()
            && (*status == 200 || d.stage == Stage::Auth);
        if !ok {
            failures.push(format!(
                "{name}: got {} {:?} {:?}",
                d.status, d.stage, d.reason
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn a_401_challenges_without_saying_which_check_failed() {
    let p = policy();
    let c = creds();
    let expired = token(Key::RsaA, rs("rsa-a"), claims(json!({"exp": NOW - 600})));
    let d = p.evaluate_with(
        &request("GET", "/api/x", Some(&format!("Bearer {expired}"))),
        &c,
    );
    assert_eq!(d.error_kind(), ErrorKind::Unauthorized);
    let headers = d.response_headers();
    assert!(
        headers.contains(&("www-authenticate", "Bearer realm=\"example\"".to_string())),
        "{headers:?}"
    );
    let none = p.evaluate_with(&request("GET", "/api/x", None), &c);
    assert_eq!(
        none.response_headers(),
        headers,
        "expired and absent look the same"
    );
    let body = error_body(ErrorKind::Unauthorized, "id1");
    assert_eq!(
        body,
        r#"{"error":"Unauthorized","message":"A valid access token is required to access this resource.","request_id":"id1"}"#
    );
    let forbidden: Value = serde_json::from_str(&error_body(ErrorKind::Forbidden, "id1")).unwrap();
    let unauthorized: Value = serde_json::from_str(&body).unwrap();
    let keys = |v: &Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    assert_eq!(keys(&forbidden), keys(&unauthorized));
}

#[test]
fn missing_keys_fail_closed_and_an_unknown_kid_asks_for_fresh_keys() {
    let p = policy();
    let valid = token(Key::RsaA, rs("rsa-a"), claims(json!({})));
    let no_keys = Credentials {
        now: NOW,
        ..Default::default()
    };
    let d = p.evaluate_with(
        &request("GET", "/api/x", Some(&format!("Bearer {valid}"))),
        &no_keys,
    );
    assert_eq!((d.status, d.error_kind()), (503, ErrorKind::Unavailable));
    assert!(d.challenge.is_none());
    let hs = token(
        Key::Hs(SECRET),
        json!({"alg": "HS256"}),
        claims(json!({"iss": "internal", "aud": "edge"})),
    );
    let d = p.evaluate_with(
        &request("GET", "/internal", Some(&format!("Bearer {hs}"))),
        &no_keys,
    );
    assert_eq!(d.status, 503, "{}", d.reason);

    let rotated = token(Key::RsaA, rs("next"), claims(json!({})));
    let d = p.evaluate_with(
        &request("GET", "/api/x", Some(&format!("Bearer {rotated}"))),
        &creds(),
    );
    assert_eq!(d.refresh_keys.as_deref(), Some("idp"));
    let d = p.evaluate_with(
        &request("GET", "/api/x", Some(&format!("Bearer {valid}"))),
        &creds(),
    );
    assert_eq!(d.refresh_keys, None);
    assert_eq!(
        p.auth_provider(&request("GET", "/api/x", None))
            .map(|p| p.id.as_str()),
        Some("idp")
    );
    assert!(p
        .auth_provider(&request("GET", "/api/health", None))
        .is_none());
}

#[test]
fn a_verified_claim_keys_the_rate_limit() {
    let p = policy();
    let t = token(Key::RsaA, rs("rsa-a"), claims(json!({})));
    let d = p.evaluate_with(
        &request("GET", "/api/x", Some(&format!("Bearer {t}"))),
        &creds(),
    );
    assert_eq!(d.rate_limits[0].key, "per-user|claim:sub:42");
    let d = p.evaluate_with(&request("GET", "/api/health", None), &creds());
    assert_eq!(d.rate_limits[0].key, "per-user|ip:198.51.100.7");
    assert!(d.rate_limits[0].fallback);
}

#[test]
fn key_sets_leave_out_keys_that_cannot_be_used() {
    let (_, a) = rsa_key(RSA_A);
    let cases = [
        (
            json!({"keys": [{"kty": "RSA", "kid": "x", "n": a["n"], "e": a["e"], "use": "enc"}]}),
            "not \"sig\"",
        ),
        (
            json!({"keys": [{"kty": "RSA", "kid": "x", "n": b64(&[0xc3; 128]), "e": "AQAB"}]}),
            "2048 bits",
        ),
        (
            json!({"keys": [{"kty": "RSA", "kid": "x", "n": a["n"], "e": a["e"], "alg": "ES256"}]}),
            "does not fit",
        ),
        (
            json!({"keys": [{"kty": "EC", "kid": "x", "crv": "P-384", "x": "AA", "y": "AA"}]}),
            "P-256",
        ),
        (
            json!({"keys": [{"kty": "EC", "kid": "x", "crv": "P-256", "x": b64(&[1; 32]), "y": b64(&[2; 32])}]}),
            "not on P-256",
        ),
        (
            json!({"keys": [{"kty": "OKP", "kid": "x"}]}),
            "not supported",
        ),
        (json!({"nokeys": []}), "not a JSON Web Key Set"),
    ];
    for (jwks, why) in cases {
        let err = KeySet::parse(jwks.to_string().as_bytes()).unwrap_err();
        assert!(err.contains(why), "{why}: {err}");
    }
}

/// Every load error of `[auth]`: (what is wrong, the file, the message, a
/// word the help must contain).
#[test]
fn bad_auth_rules_are_load_errors_with_a_fix() {
    let p = |extra: &str| {
        format!("[[auth.provider]]\nid = \"p\"\nissuer = \"https://i/\"\naudiences = [\"a\"]\n{extra}\n")
    };
    let jwks = "jwks_url = \"https://i/jwks.json\"";
    let rule = |extra: &str| format!("{}[[auth.rule]]\nid = \"r\"\n{extra}\n", p(jwks));
    let cases: Vec<(&str, String, &str, &str)> = vec![
        ("no keys", p(""), "provider `p` has no keys", "jwks_url"),
        ("both keys", p(&format!("{jwks}\nhs256_secret = \"S\"")), "`hs256_secret` and `jwks_url` cannot both be set", "two providers"),
        ("a secret in the file", p("hs256_secret = \"hunter2 is my secret!\""), "`hs256_secret` must name a secret binding, not hold a secret", "wrangler secret put"),
        ("http jwks", p("jwks_url = \"http://idp.example.com/jwks.json\""), "`jwks_url` is not https", "127.0.0.1"),
        ("jwks without host", p("jwks_url = \"https:///jwks.json\""), "`jwks_url` has no host, or has credentials or spaces", "https"),
        ("alg none", p(&format!("{jwks}\nalgorithms = [\"none\"]")), "`none` would accept unsigned tokens", "never"),
        ("HS256 with a key set", p(&format!("{jwks}\nalgorithms = [\"RS256\", \"HS256\"]")), "`HS256` does not go with this provider's keys", "algorithm-confusion"),
        ("RS256 with a secret", p("hs256_secret = \"S\"\nalgorithms = [\"RS256\"]"), "`RS256` does not go with this provider's keys", "jwks_url"),
        ("unknown algorithm", p(&format!("{jwks}\nalgorithms = [\"RS265\"]")), "unknown algorithm `RS265`", "did you mean `RS256`?"),
        ("leeway", p(&format!("{jwks}\nleeway = 3600")), "`leeway = 3600` is out of range", "0 to 300"),
        ("cache ttl", p(&format!("{jwks}\njwks_cache_ttl = 5")), "`jwks_cache_ttl = 5` is out of range", "60 to 86400"),
        ("empty audiences", "[[auth.provider]]\nid = \"p\"\nissuer = \"https://i/\"\naudiences = []\njwks_url = \"https://i/j\"\n".into(), "`audiences` is empty, so no token could be accepted", "aud"),
        ("bad roles claim", p(&format!("{jwks}\nroles_claim = \"a..b\"")), "claim path `a..b` has an empty segment", "JSON Pointer"),
        ("misspelt provider key", p(&format!("{jwks}\nissuers = \"x\"")), "unknown field `issuers`", "did you mean `issuer`?"),
        ("no provider", rule(""), "rule `r` names no provider", "public = true"),
        ("unknown provider", rule("provider = \"identity\""), "unknown provider `identity`", "[[auth.provider]]"),
        ("misspelt provider", rule("provider = \"pp\""), "unknown provider `pp`", "did you mean `p`?"),
        ("public with a requirement", rule("public = true\nrequire_roles = [\"admin\"]"), "`require_roles` cannot go with `public = true`", "remove"),
        ("owner claim alone", rule("provider = \"p\"\nowner_claim = \"sub\""), "`owner_claim` without `owner_path`", "/users/{id}"),
        ("bad owner path", rule("provider = \"p\"\nowner_path = \"/users/*\""), "owner path `/users/*` has `*`, `?`, `#`, `%` or `\\`", "{id}"),
        ("empty permissions", rule("provider = \"p\"\nrequire_permissions = []"), "`require_permissions` is empty", "remove"),
        ("realm with a quote", format!("[auth]\nrealm = \"a\\\"b\"\n{}", p(jwks)), "realm `a\"b` cannot go in a WWW-Authenticate header", "printable"),
        ("misspelt auth key", "[auth]\nrealms = \"x\"\n".into(), "unknown key `realms` in `[auth]`", "did you mean `realm`?"),
    ];
    let mut failures = Vec::new();
    for (what, text, message, help) in &cases {
        let errs: Vec<_> = match load(&[("rules/a.toml".to_string(), text.clone())]) {
            Ok(_) => {
                failures.push(format!("{what}: loaded"));
                continue;
            }
            Err(e) => e.diagnostics.into_iter().filter(|d| d.is_error()).collect(),
        };
        let ok = errs.len() == 1
            && errs[0].message == *message
            && errs[0].help.as_deref().unwrap_or("").contains(help)
            && errs[0].line > 0;
        if !ok {
            failures.push(format!("{what}: {errs:#?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
