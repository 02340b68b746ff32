//! JSON Web Tokens (RFC 7519) as edgewall checks them: the signature
//! (HS256, RS256, ES256; never `none`), then `exp` and `nbf` with
//! leeway, `iss` and `aud`. Every check that fails has its own
//! [`TokenFailure`], for the log; the client only ever sees the one 401.
//!
//! The algorithm a token names is only believed when the provider allows
//! it, and each key type verifies one algorithm only: an HS256 token can
//! never be checked against an RSA public key used as an HMAC secret
//! (algorithm confusion), and `alg: none` is refused before anything else.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use hmac::{Hmac, KeyInit, Mac};
use serde::Deserialize;
use serde_json::Value;
use sha2::Sha256;

use super::claims::Claims;
use super::keys::{Credentials, PublicKey};

/// Longer tokens are refused unread: no client makes us decode megabytes.
pub const MAX_TOKEN_BYTES: usize = 16 * 1024;

/// The signature algorithms edgewall verifies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Alg {
    Hs256,
    Rs256,
    Es256,
}

impl Alg {
    pub const NAMES: &'static [&'static str] = &["HS256", "RS256", "ES256"];

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "HS256" => Some(Alg::Hs256),
            "RS256" => Some(Alg::Rs256),
            "ES256" => Some(Alg::Es256),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Alg::Hs256 => "HS256",
            Alg::Rs256 => "RS256",
            Alg::Es256 => "ES256",
        }
    }
}

/// Why a token was not accepted. Logged, never sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenFailure {
    /// No `Authorization: Bearer` header.
    Missing,
    /// Several `Authorization` headers, or another scheme.
    BadHeader,
    /// Not three base64url parts of JSON, or over the size limit.
    Malformed(&'static str),
    /// `alg: none`: an unsigned token.
    AlgNone,
    /// An algorithm the provider does not allow.
    AlgNotAllowed(String),
    /// The token names a `kid` the key set does not have.
    UnknownKid(String),
    /// The provider's keys are not available (the key set could not be
    /// fetched, the secret is not set): edgewall's failure, not the
    /// client's.
    KeysUnavailable,
    /// No key verified the signature.
    BadSignature,
    /// No `exp`: tokens must expire.
    NoExpiry,
    Expired {
        exp: i64,
    },
    NotYetValid {
        nbf: i64,
    },
    WrongIssuer(String),
    WrongAudience,
}

impl TokenFailure {
    /// The sentence for the log line.
    pub fn describe(&self) -> String {
        match self {
            TokenFailure::Missing => "no bearer token".into(),
            TokenFailure::BadHeader => "Authorization is not one `Bearer <token>` header".into(),
            TokenFailure::Malformed(why) => format!("malformed token: {why}"),
            TokenFailure::AlgNone => "unsigned token (alg none)".into(),
            TokenFailure::AlgNotAllowed(a) => format!("algorithm {a:?} not allowed"),
            TokenFailure::UnknownKid(k) => format!("unknown key id {k:?}"),
            TokenFailure::KeysUnavailable => "verification keys unavailable".into(),
            TokenFailure::BadSignature => "bad signature".into(),
            TokenFailure::NoExpiry => "token has no exp".into(),
            TokenFailure::Expired { exp } => format!("token expired (exp {exp})"),
            TokenFailure::NotYetValid { nbf } => format!("token not valid yet (nbf {nbf})"),
            TokenFailure::WrongIssuer(i) => format!("wrong issuer {i:?}"),
            TokenFailure::WrongAudience => "wrong audience".into(),
        }
    }
}

/// What a token is checked against: one `[[auth.provider]]`, validated.
#[derive(Debug, Clone)]
pub struct Verifier {
    pub provider: String,
    pub issuer: String,
    pub audiences: Vec<String>,
    pub algorithms: Vec<Alg>,
    /// The Worker binding holding the HS256 secret.
    pub secret_binding: Option<String>,
    /// Seconds of clock skew tolerated on `exp` and `nbf`.
    pub leeway: i64,
}

#[derive(Deserialize)]
struct Header {
    alg: String,
    #[serde(default)]
    kid: Option<String>,
    #[serde(default)]
    crit: Option<Value>,
}

impl Verifier {
    /// The claims of `token`, or why it is refused.
    pub fn verify(&self, token: &str, creds: &Credentials) -> Result<Claims, TokenFailure> {
        if token.len() > MAX_TOKEN_BYTES {
            return Err(TokenFailure::Malformed("over 16 KiB"));
        }
        let mut parts = token.split('.');
        let (Some(h64), Some(p64), Some(s64), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(TokenFailure::Malformed("not three dot-separated parts"));
        };
        let header_bytes = URL_SAFE_NO_PAD
            .decode(h64)
            .map_err(|_| TokenFailure::Malformed("header is not base64url"))?;
        let header: Header = serde_json::from_slice(&header_bytes)
            .map_err(|_| TokenFailure::Malformed("header is not a JSON object with alg"))?;
        if header.alg.eq_ignore_ascii_case("none") {
            return Err(TokenFailure::AlgNone);
        }
        let alg = Alg::parse(&header.alg)
            .filter(|a| self.algorithms.contains(a))
            .ok_or_else(|| TokenFailure::AlgNotAllowed(header.alg.clone()))?;
        if header.crit.is_some() {
            return Err(TokenFailure::Malformed("crit extensions are not supported"));
        }
        let sig = URL_SAFE_NO_PAD
            .decode(s64)
            .map_err(|_| TokenFailure::Malformed("signature is not base64url"))?;
        let signed = &token.as_bytes()[..h64.len() + 1 + p64.len()];
        self.check_signature(alg, header.kid.as_deref(), signed, &sig, creds)?;

        // Signed by a key we trust: now read what it says.
        let payload = URL_SAFE_NO_PAD
            .decode(p64)
            .map_err(|_| TokenFailure::Malformed("payload is not base64url"))?;
        let claims: Claims = serde_json::from_slice(&payload)
            .map_err(|_| TokenFailure::Malformed("payload is not a JSON object"))?;
        let exp = match claims.get("exp") {
            None => return Err(TokenFailure::NoExpiry),
            Some(v) => time(v).ok_or(TokenFailure::Malformed("exp is not a number"))?,
        };
        if creds.now > exp.saturating_add(self.leeway) {
            return Err(TokenFailure::Expired { exp });
        }
        if let Some(v) = claims.get("nbf") {
            let nbf = time(v).ok_or(TokenFailure::Malformed("nbf is not a number"))?;
            if creds.now.saturating_add(self.leeway) < nbf {
                return Err(TokenFailure::NotYetValid { nbf });
            }
        }
        match claims.get("iss").and_then(Value::as_str) {
            Some(iss) if iss == self.issuer => {}
            other => {
                return Err(TokenFailure::WrongIssuer(
                    other.unwrap_or("(none)").chars().take(200).collect(),
                ))
            }
        }
        let aud_ok = match claims.get("aud") {
            Some(Value::String(a)) => self.audiences.contains(a),
            Some(Value::Array(list)) => list
                .iter()
                .filter_map(Value::as_str)
                .any(|a| self.audiences.iter().any(|x| x == a)),
            _ => false,
        };
        if !aud_ok {
            return Err(TokenFailure::WrongAudience);
        }
        Ok(claims)
    }

    fn check_signature(
        &self,
        alg: Alg,
        kid: Option<&str>,
        signed: &[u8],
        sig: &[u8],
        creds: &Credentials,
    ) -> Result<(), TokenFailure> {
        if alg == Alg::Hs256 {
            let secret = self
                .secret_binding
                .as_ref()
                .and_then(|b| creds.secrets.get(b))
                .filter(|s| !s.is_empty())
                .ok_or(TokenFailure::KeysUnavailable)?;
            let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(secret)
                .map_err(|_| TokenFailure::KeysUnavailable)?;
            mac.update(signed);
            // Constant-time comparison.
            return mac
                .verify_slice(sig)
                .map_err(|_| TokenFailure::BadSignature);
        }
        let set = creds
            .key_sets
            .get(&self.provider)
            .ok_or(TokenFailure::KeysUnavailable)?;
        if let Some(k) = kid {
            if !set.has_kid(k) {
                return Err(TokenFailure::UnknownKid(k.chars().take(100).collect()));
            }
        }
        let ok = set.candidates(alg, kid).any(|key| match key {
            PublicKey::Rs256(vk) => rsa::pkcs1v15::Signature::try_from(sig)
                .is_ok_and(|s| rsa::signature::Verifier::verify(vk, signed, &s).is_ok()),
            PublicKey::Es256(vk) => p256::ecdsa::Signature::from_slice(sig)
                .is_ok_and(|s| p256::ecdsa::signature::Verifier::verify(vk, signed, &s).is_ok()),
        });
        if ok {
            Ok(())
        } else {
            Err(TokenFailure::BadSignature)
        }
    }
}

/// A NumericDate: an integer or a number of seconds, as `i64`.
fn time(v: &Value) -> Option<i64> {
    v.as_i64().or_else(|| {
        v.as_f64()
            .filter(|f| f.is_finite() && f.abs() < 1e15)
            .map(|f| f.floor() as i64)
    })
}
