//! Header names and methods in CORS: the lists a policy allows, the
//! comma-separated lists a preflight asks for, and `Vary`.
//!
//! Header names compare case-insensitively (they are lower-cased once, at
//! load and on arrival); methods compare case-sensitively, as the Fetch
//! standard does: `patch` is not `PATCH`
//! (<https://fetch.spec.whatwg.org/#concept-method-normalize> upper-cases
//! only DELETE, GET, HEAD, OPTIONS, POST and PUT).

/// Is `s` an HTTP token (a valid method or header name)?
pub fn is_token(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// The names in a comma-separated header list (`Access-Control-Request-Headers`),
/// lower-cased. `None` when an element is not a header name: such a
/// preflight is refused, not guessed at.
pub fn parse_name_list(value: &str) -> Option<Vec<String>> {
    let mut out = Vec::new();
    for part in value.split(',') {
        let name = part.trim_matches([' ', '\t']);
        if name.is_empty() {
            continue;
        }
        if !is_token(name) {
            return None;
        }
        out.push(name.to_ascii_lowercase());
    }
    Some(out)
}

/// `Access-Control-Allow-Headers` as configured: names, or `*` for any
/// name except `Authorization`, which a wildcard never covers
/// (<https://fetch.spec.whatwg.org/#cors-preflight-fetch>, step 7.8).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AllowHeaders {
    pub any: bool,
    /// Lower-cased.
    pub names: Vec<String>,
}

impl AllowHeaders {
    pub fn allows(&self, name: &str) -> bool {
        self.names.iter().any(|n| n == name) || (self.any && name != "authorization")
    }
}

/// `Access-Control-Allow-Methods` as configured: methods as written, or `*`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllowMethods {
    pub any: bool,
    pub names: Vec<String>,
}

impl Default for AllowMethods {
    /// The CORS-safelisted methods, which browsers send without asking.
    fn default() -> Self {
        AllowMethods {
            any: false,
            names: vec!["GET".into(), "HEAD".into(), "POST".into()],
        }
    }
}

impl AllowMethods {
    pub fn allows(&self, method: &str) -> bool {
        self.any || self.names.iter().any(|m| m == method)
    }
}

/// Response headers that belong to CORS. Where a policy covers a path,
/// edgewall owns them: the origin's own are removed before edgewall's are
/// added, so a response never carries two answers.
pub const RESPONSE_HEADERS: &[&str] = &[
    "access-control-allow-origin",
    "access-control-allow-credentials",
    "access-control-allow-methods",
    "access-control-allow-headers",
    "access-control-allow-private-network",
    "access-control-expose-headers",
    "access-control-max-age",
];

/// Is `name` a CORS response header (any case)?
pub fn is_cors_response_header(name: &str) -> bool {
    RESPONSE_HEADERS
        .iter()
        .any(|h| h.eq_ignore_ascii_case(name))
}

/// `Vary` with `add` merged into what the origin sent: each name once
/// (compared without case), the origin's first, in order. `Vary: *` stays
/// `*`. `None` when there is nothing to send.
pub fn merge_vary(existing: Option<&str>, add: &[&str]) -> Option<String> {
    let mut names: Vec<&str> = Vec::new();
    for part in existing.unwrap_or("").split(',') {
        let n = part.trim();
        if n == "*" {
            return Some("*".into());
        }
        if !n.is_empty() && !names.iter().any(|x| x.eq_ignore_ascii_case(n)) {
            names.push(n);
        }
    }
    for n in add {
        if !names.iter().any(|x| x.eq_ignore_ascii_case(n)) {
            names.push(n);
        }
    }
    (!names.is_empty()).then(|| names.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_header_lists_are_lower_cased_and_checked() {
        assert_eq!(
            parse_name_list("X-Custom, content-type ,\tAuthorization").unwrap(),
            vec!["x-custom", "content-type", "authorization"]
        );
        assert_eq!(parse_name_list("").unwrap(), Vec::<String>::new());
        assert_eq!(parse_name_list("a,,b").unwrap(), vec!["a", "b"]);
        assert_eq!(parse_name_list("x y"), None);
        assert_eq!(parse_name_list("x:y"), None);
        assert_eq!(parse_name_list("é"), None);
    }

    #[test]
    fn wildcard_headers_never_cover_authorization() {
        let any = AllowHeaders {
            any: true,
            names: vec![],
        };
        assert!(any.allows("x-anything"));
        assert!(!any.allows("authorization"));
        let explicit = AllowHeaders {
            any: true,
            names: vec!["authorization".into()],
        };
        assert!(explicit.allows("authorization"));
    }

    #[test]
    fn methods_compare_case_sensitively() {
        let m = AllowMethods {
            any: false,
            names: vec!["PATCH".into(), "GET".into()],
        };
        assert!(m.allows("PATCH"));
        assert!(!m.allows("patch"));
        assert!(!m.allows("Get"));
        assert!(AllowMethods::default().allows("POST"));
        assert!(!AllowMethods::default().allows("PUT"));
    }

    #[test]
    fn vary_merges_without_duplicates_and_keeps_star() {
        let cases: &[(Option<&str>, &[&str], Option<&str>)] = &[
            (None, &["Origin"], Some("Origin")),
            (
                Some("Accept-Encoding"),
                &["Origin"],
                Some("Accept-Encoding, Origin"),
            ),
            (Some("origin, Accept"), &["Origin"], Some("origin, Accept")),
            (Some("*"), &["Origin"], Some("*")),
            (Some(" , "), &[], None),
            (None, &[], None),
            (
                Some("Accept"),
                &["Origin", "Access-Control-Request-Method"],
                Some("Accept, Origin, Access-Control-Request-Method"),
            ),
        ];
        for (existing, add, want) in cases {
            assert_eq!(
                merge_vary(*existing, add).as_deref(),
                *want,
                "{existing:?} + {add:?}"
            );
        }
    }

    #[test]
    fn cors_response_headers_are_recognised_in_any_case() {
        assert!(is_cors_response_header("Access-Control-Allow-Origin"));
        assert!(is_cors_response_header("ACCESS-CONTROL-MAX-AGE"));
        assert!(!is_cors_response_header("access-control-request-method"));
        assert!(!is_cors_response_header("vary"));
    }
}
