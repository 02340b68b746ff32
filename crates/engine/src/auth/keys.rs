//! Verification keys: a JSON Web Key Set parsed into ready-to-use keys,
//! and the [`Credentials`] an evaluation is given.
//!
//! Fetching a key set or reading a secret is I/O and is the caller's (the
//! Worker fetches and caches JWKS, reads HS256 secrets from its
//! environment; `edgewall eval` reads files and flags). Parsing is here:
//! it can fail, so it happens once per fetch, never per request, and a
//! key that cannot be used (an unknown type, an RSA modulus under 2048
//! bits, a point not on the curve) is left out and reported.

use std::collections::HashMap;
use std::sync::Arc;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use rsa::pkcs1v15;
use serde::Deserialize;
use sha2::Sha256;

use super::jwt::Alg;

/// The smallest RSA modulus accepted, in bits (NIST SP 800-131A).
pub const MIN_RSA_BITS: usize = 2048;

/// A usable public key from a key set.
#[derive(Debug, Clone)]
pub enum PublicKey {
    Rs256(pkcs1v15::VerifyingKey<Sha256>),
    Es256(p256::ecdsa::VerifyingKey),
}

impl PublicKey {
    pub fn alg(&self) -> Alg {
        match self {
            PublicKey::Rs256(_) => Alg::Rs256,
            PublicKey::Es256(_) => Alg::Es256,
        }
    }
}

/// One key of a set, with its id.
#[derive(Debug, Clone)]
pub struct Jwk {
    pub kid: Option<String>,
    pub key: PublicKey,
}

/// A parsed JSON Web Key Set: the usable signing keys.
#[derive(Debug, Clone, Default)]
pub struct KeySet {
    pub keys: Vec<Jwk>,
}

#[derive(Deserialize)]
struct RawSet {
    keys: Vec<serde_json::Value>,
}

#[derive(Deserialize)]
struct RawKey {
    kty: String,
    #[serde(default)]
    kid: Option<String>,
    #[serde(default, rename = "use")]
    use_: Option<String>,
    #[serde(default)]
    alg: Option<String>,
    #[serde(default)]
    n: Option<String>,
    #[serde(default)]
    e: Option<String>,
    #[serde(default)]
    crv: Option<String>,
    #[serde(default)]
    x: Option<String>,
    #[serde(default)]
    y: Option<String>,
}

impl KeySet {
    /// Parse a JWKS document. `Ok` holds the usable keys and a note for
    /// each key left out; `Err` when the document is not a key set or has
    /// no usable key at all.
    pub fn parse(json: &[u8]) -> Result<(KeySet, Vec<String>), String> {
        let raw: RawSet =
            serde_json::from_slice(json).map_err(|e| format!("not a JSON Web Key Set ({e})"))?;
        let mut set = KeySet::default();
        let mut skipped = Vec::new();
        for (i, v) in raw.keys.into_iter().enumerate() {
            let key: RawKey = match serde_json::from_value(v) {
                Ok(k) => k,
                Err(e) => {
                    skipped.push(format!("key {i}: {e}"));
                    continue;
                }
            };
            let name = key.kid.clone().unwrap_or_else(|| format!("#{i}"));
            match parse_key(&key) {
                Ok(k) => set.keys.push(Jwk {
                    kid: key.kid.clone(),
                    key: k,
                }),
                Err(why) => skipped.push(format!("key {name}: {why}")),
            }
        }
        if set.keys.is_empty() {
            return Err(format!(
                "no usable RS256 or ES256 key in the set{}",
                if skipped.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", skipped.join("; "))
                }
            ));
        }
        Ok((set, skipped))
    }

    /// The keys a token may be verified with: those of its algorithm and,
    /// when the token names a `kid`, only that one.
    pub fn candidates<'a>(
        &'a self,
        alg: Alg,
        kid: Option<&'a str>,
    ) -> impl Iterator<Item = &'a PublicKey> + 'a {
        self.keys
            .iter()
            .filter(move |k| k.key.alg() == alg && (kid.is_none() || k.kid.as_deref() == kid))
            .map(|k| &k.key)
    }

    /// Does the set have a key with this id?
    pub fn has_kid(&self, kid: &str) -> bool {
        self.keys.iter().any(|k| k.kid.as_deref() == Some(kid))
    }
}

fn b64(field: &str, v: Option<&String>) -> Result<Vec<u8>, String> {
    let v = v.ok_or_else(|| format!("no `{field}`"))?;
    URL_SAFE_NO_PAD
        .decode(v)
        .map_err(|_| format!("`{field}` is not base64url"))
}

fn parse_key(k: &RawKey) -> Result<PublicKey, String> {
    if let Some(u) = &k.use_ {
        if u != "sig" {
            return Err(format!("`use` is {u:?}, not \"sig\""));
        }
    }
    let key = match k.kty.as_str() {
        "RSA" => {
            let n = b64("n", k.n.as_ref())?;
            let e = b64("e", k.e.as_ref())?;
            let n_bits = u32::try_from(n.len() * 8).map_err(|_| "modulus too long".to_string())?;
            let n = rsa::BoxedUint::from_be_slice(&n, n_bits)
                .map_err(|e| format!("bad modulus ({e})"))?;
            let e = rsa::BoxedUint::from_be_slice_vartime(&e);
            let pk =
                rsa::PublicKey::new_with_size_limits(n, e, MIN_RSA_BITS..=8192).map_err(|e| {
                    format!("unusable RSA key ({e}); at least {MIN_RSA_BITS} bits are required")
                })?;
            PublicKey::Rs256(pkcs1v15::VerifyingKey::new(pk))
        }
        "EC" => {
            if k.crv.as_deref() != Some("P-256") {
                return Err(format!(
                    "curve {:?} is not supported (only P-256, for ES256)",
                    k.crv
                ));
            }
            let x = b64("x", k.x.as_ref())?;
            let y = b64("y", k.y.as_ref())?;
            if x.len() != 32 || y.len() != 32 {
                return Err("P-256 coordinates must be 32 bytes".into());
            }
            let mut sec1 = Vec::with_capacity(65);
            sec1.push(4);
            sec1.extend_from_slice(&x);
            sec1.extend_from_slice(&y);
            let vk = p256::ecdsa::VerifyingKey::from_sec1_bytes(&sec1)
                .map_err(|_| "the point is not on P-256".to_string())?;
            PublicKey::Es256(vk)
        }
        other => {
            return Err(format!(
                "key type {other:?} is not supported (RSA or EC P-256)"
            ))
        }
    };
    if let Some(alg) = &k.alg {
        if Alg::parse(alg) != Some(key.alg()) {
            return Err(format!("`alg` {alg:?} does not fit the key"));
        }
    }
    Ok(key)
}

/// What an evaluation may verify tokens with, and when it happens.
#[derive(Debug, Clone, Default)]
pub struct Credentials {
    /// Seconds since the Unix epoch.
    pub now: i64,
    /// HS256 secrets by binding name (`[[auth.provider]] hs256_secret`).
    pub secrets: HashMap<String, Vec<u8>>,
    /// Key sets by provider id (`[[auth.provider]] jwks_url`).
    pub key_sets: HashMap<String, Arc<KeySet>>,
}
