//! Claims of a verified token, and the paths rules use to name one:
//! `sub`, `realm_access.roles` (dotted, into nested objects), or a JSON
//! Pointer (`/https:~1~1example.com~1roles`) for a claim whose name has a
//! `.` in it, as namespaced claims do.
//!
//! A path is parsed (and refused, with a fix) when the rules load; looking
//! one up in a token's claims cannot fail, it only finds a value or not.

use serde_json::{Map, Value};

/// The claims of a token whose signature and times were verified.
pub type Claims = Map<String, Value>;

/// Where a claim is in a token's claims object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimPath {
    /// As written in the rule file, for logs and `explain`.
    pub text: String,
    segments: Vec<String>,
}

impl ClaimPath {
    /// Parse a dotted path or a JSON Pointer; `Err((message, help))`.
    pub fn parse(text: &str) -> Result<ClaimPath, (String, Option<String>)> {
        let bad = |why: &str, help: &str| {
            Err((format!("claim path `{text}` {why}"), Some(help.to_string())))
        };
        if text.is_empty() {
            return bad(
                "is empty",
                "name a claim, e.g. `sub` or `realm_access.roles`",
            );
        }
        let segments: Vec<String> = if let Some(pointer) = text.strip_prefix('/') {
            let mut out = Vec::new();
            for raw in pointer.split('/') {
                let mut seg = String::with_capacity(raw.len());
                let mut chars = raw.chars();
                while let Some(c) = chars.next() {
                    if c == '~' {
                        match chars.next() {
                            Some('0') => seg.push('~'),
                            Some('1') => seg.push('/'),
                            _ => {
                                return bad(
                                    "has a `~` that is not `~0` or `~1`",
                                    "in a JSON Pointer write `~` as `~0` and `/` as `~1`",
                                )
                            }
                        }
                    } else {
                        seg.push(c);
                    }
                }
                if seg.is_empty() {
                    return bad(
                        "has an empty segment",
                        "a JSON Pointer is `/name` or `/outer/inner`, with no `//` and no trailing `/`",
                    );
                }
                out.push(seg);
            }
            out
        } else {
            let mut out = Vec::new();
            for seg in text.split('.') {
                if seg.is_empty() {
                    return bad(
                        "has an empty segment",
                        "join nested claim names with single dots: `realm_access.roles`; for a claim whose name contains `.`, write a JSON Pointer such as `/https:~1~1example.com~1roles`",
                    );
                }
                if !seg
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b':' | b'$'))
                {
                    return bad(
                        "has a character a dotted path cannot hold",
                        "dotted paths use letters, digits, `_`, `-`, `:` and `$`; for any other name write a JSON Pointer such as `/https:~1~1example.com~1roles`",
                    );
                }
                out.push(seg.to_string());
            }
            out
        };
        Ok(ClaimPath {
            text: text.to_string(),
            segments,
        })
    }

    /// A top-level claim: `sub`, `roles`. Infallible, for defaults.
    pub fn top(name: &str) -> ClaimPath {
        ClaimPath {
            text: name.to_string(),
            segments: vec![name.to_string()],
        }
    }

    /// The value at this path, if the claims have one.
    pub fn lookup<'c>(&self, claims: &'c Claims) -> Option<&'c Value> {
        let (first, rest) = self.segments.split_first()?;
        let mut v = claims.get(first)?;
        for seg in rest {
            v = v.as_object()?.get(seg)?;
        }
        Some(v)
    }

    /// The value as one string, for keys and ownership: a string as it is,
    /// a number or boolean as its JSON text; `None` for anything else.
    pub fn scalar(&self, claims: &Claims) -> Option<String> {
        match self.lookup(claims)? {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }

    /// The value as a set of names: an array of strings, or one string of
    /// space-separated names (as OAuth's `scope` is). Anything else is empty.
    pub fn names<'c>(&self, claims: &'c Claims) -> Vec<&'c str> {
        match self.lookup(claims) {
            Some(Value::String(s)) => s.split(' ').filter(|s| !s.is_empty()).collect(),
            Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn claims(v: Value) -> Claims {
        v.as_object().cloned().unwrap_or_default()
    }

    #[test]
    fn dotted_and_pointer_paths_find_nested_and_namespaced_claims() {
        let c = claims(json!({
            "sub": "42",
            "n": 7,
            "realm_access": {"roles": ["admin", "user"]},
            "https://example.com/roles": ["editor"],
            "scope": "read  write",
        }));
        let cases: &[(&str, Option<&str>, &[&str])] = &[
            ("sub", Some("42"), &["42"]),
            ("n", Some("7"), &[]),
            ("realm_access.roles", None, &["admin", "user"]),
            ("/https:~1~1example.com~1roles", None, &["editor"]),
            ("/realm_access/roles", None, &["admin", "user"]),
            ("scope", Some("read  write"), &["read", "write"]),
            ("missing", None, &[]),
            ("sub.deeper", None, &[]),
        ];
        for (path, scalar, names) in cases {
            let p = ClaimPath::parse(path).unwrap();
            assert_eq!(p.scalar(&c).as_deref(), *scalar, "{path}");
            assert_eq!(p.names(&c), *names, "{path}");
        }
    }

    #[test]
    fn malformed_paths_are_refused_with_a_fix() {
        for bad in [
            "",
            "a..b",
            ".a",
            "a.",
            "a b",
            "https://x.com/roles",
            "/a//b",
            "/a/",
            "/a~2",
        ] {
            let err = ClaimPath::parse(bad).unwrap_err();
            assert!(err.1.is_some(), "{bad}: {err:?}");
        }
    }
}
