//! Request paths: splitting a request target into path and query, the
//! normalised path that scopes match against, and path patterns.
//!
//! The path is split from the query *before* anything is decoded, so an
//! encoded `%3F` can never move text from the path into the query or back
//! (ModSecurity's CVE-2024-1019 came from decoding first).
//!
//! Scopes match the *normalised* path, so that none of the spellings an
//! origin server may treat as the same resource can dodge a scope:
//! percent-escapes are decoded once, `\` becomes `/`, repeated slashes
//! collapse, and `.`/`..` segments are resolved (never above the root).
//! `/%61dmin`, `//admin`, `/x/../admin` and `/admin/.` all normalise into
//! the `/admin` scope.

use std::borrow::Cow;

use regex::Regex;

/// The path and query of a request target, as sent (not decoded).
/// Accepts origin-form (`/a?b`) and absolute-form (`https://h/a?b`).
pub fn split_target(target: &str) -> (&str, Option<&str>) {
    let rest = strip_scheme_authority(target);
    let rest = rest.split('#').next().unwrap_or(rest);
    match rest.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (rest, None),
    }
}

/// The normalised path of a request target: what every stage of a policy
/// matches against, the WAF included.
pub fn target_path(target: &str) -> String {
    normalise(split_target(target).0)
}

fn strip_scheme_authority(target: &str) -> &str {
    if let Some(i) = target.find("://") {
        let scheme = &target[..i];
        if !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        {
            let after = &target[i + 3..];
            return match after.find(['/', '?', '#']) {
                Some(j) if after.as_bytes()[j] == b'/' => &after[j..],
                Some(j) => &after[j..],
                None => "",
            };
        }
    }
    target
}

/// Decode `%XX` escapes once; malformed escapes stay as they are.
pub fn percent_decode(s: &str) -> Vec<u8> {
    percent_decoded(s.as_bytes(), false).into_owned()
}

/// `%XX` escapes decoded once (malformed ones stay as they are), and with
/// `plus` each `+` read as a space, as in a query or form component; `b`
/// itself (no copy) when there is nothing to decode.
pub fn percent_decoded(b: &[u8], plus: bool) -> Cow<'_, [u8]> {
    if !b.iter().any(|&c| c == b'%' || (plus && c == b'+')) {
        return Cow::Borrowed(b);
    }
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        let escape = match (c, b.get(i + 1), b.get(i + 2)) {
            (b'%', Some(&h), Some(&l)) => hex(h).zip(hex(l)),
            _ => None,
        };
        match escape {
            Some((h, l)) => {
                out.push(h << 4 | l);
                i += 3;
            }
            None => {
                out.push(if plus && c == b'+' { b' ' } else { c });
                i += 1;
            }
        }
    }
    Cow::Owned(out)
}

fn hex(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

/// The normalised path that scopes match against. Always starts with `/`.
/// Bytes that are not UTF-8 after decoding become U+FFFD.
pub fn normalise(raw_path: &str) -> String {
    let decoded = percent_decode(raw_path);
    let text = String::from_utf8_lossy(&decoded).replace('\\', "/");
    let trailing_slash = text.ends_with('/')
        || text.ends_with("/.")
        || text.ends_with("/..")
        || text == "."
        || text == "..";
    let mut segments: Vec<&str> = Vec::new();
    for seg in text.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            s => segments.push(s),
        }
    }
    let mut out = String::with_capacity(text.len() + 1);
    for s in &segments {
        out.push('/');
        out.push_str(s);
    }
    if out.is_empty() || trailing_slash {
        out.push('/');
    }
    out
}

/// A path pattern from a rule file.
///
/// - Without `*`: a prefix on segment boundaries. `/admin` matches `/admin`,
///   `/admin/` and `/admin/users`, not `/administrator`. `/admin/` matches
///   below `/admin/` only.
/// - With `*`: a glob over the whole path. `*` matches within one segment
///   (no `/`), `**` matches across segments. `/api/*/users`, `/**/*.php`,
///   `/static/**`.
#[derive(Debug, Clone)]
pub struct PathPattern {
    source: String,
    kind: PatternKind,
}

#[derive(Debug, Clone)]
enum PatternKind {
    Prefix(String),
    Glob(Regex),
}

impl PathPattern {
    pub fn parse(pattern: &str) -> Result<Self, (String, Option<String>)> {
        if !pattern.starts_with('/') {
            return Err((
                format!("path pattern `{pattern}` does not start with `/`"),
                Some(format!("write `/{}`", pattern.trim_start_matches('*'))),
            ));
        }
        if pattern.contains(['?', '#']) {
            return Err((
                format!("path pattern `{pattern}` contains `?` or `#`"),
                Some("patterns match the path only; the query is not part of it".into()),
            ));
        }
        // Anything `normalise` would rewrite can never match a normalised
        // path: refuse it rather than accept a rule that never fires.
        if pattern.contains(['%', '\\'])
            || pattern.contains("/./")
            || pattern.contains("/../")
            || pattern.ends_with("/.")
            || pattern.ends_with("/..")
            || pattern.contains("//")
        {
            return Err((
                format!("path pattern `{pattern}` is not normalised"),
                Some(format!(
                    "patterns match the decoded, normalised path; write `{}`",
                    normalise(pattern)
                )),
            ));
        }
        if pattern.contains("***") {
            return Err((
                format!("path pattern `{pattern}` has `***`"),
                Some("use `*` for one segment or `**` for any number".into()),
            ));
        }
        let kind = if pattern.contains('*') {
            let mut re = String::from("^");
            let mut rest = pattern;
            while !rest.is_empty() {
                if let Some(r) = rest.strip_prefix("/**/") {
                    re.push_str("/(?:.*/)?");
                    rest = r;
                } else if let Some(r) = rest.strip_prefix("**") {
                    re.push_str(".*");
                    rest = r;
                } else if let Some(r) = rest.strip_prefix('*') {
                    re.push_str("[^/]*");
                    rest = r;
                } else {
                    let c = rest.chars().next().unwrap_or('/');
                    re.push_str(&regex::escape(&c.to_string()));
                    rest = &rest[c.len_utf8()..];
                }
            }
            re.push('$');
            let compiled = Regex::new(&re)
                .map_err(|e| (format!("path pattern `{pattern}` is invalid: {e}"), None))?;
            PatternKind::Glob(compiled)
        } else {
            PatternKind::Prefix(pattern.to_string())
        };
        Ok(PathPattern {
            source: pattern.to_string(),
            kind,
        })
    }

    /// Does the normalised path match?
    pub fn matches(&self, path: &str) -> bool {
        match &self.kind {
            PatternKind::Prefix(p) => {
                if p.ends_with('/') {
                    path.starts_with(p.as_str())
                } else {
                    path == p
                        || (path.starts_with(p.as_str())
                            && path.as_bytes().get(p.len()) == Some(&b'/'))
                }
            }
            PatternKind::Glob(re) => re.is_match(path),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.source
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn target_splits_before_decoding() {
        assert_eq!(split_target("/a%3Fb?c=1"), ("/a%3Fb", Some("c=1")));
        assert_eq!(split_target("/a?b?c"), ("/a", Some("b?c")));
        assert_eq!(split_target("https://h.example/x/y?q"), ("/x/y", Some("q")));
        assert_eq!(split_target("https://h.example?q"), ("", Some("q")));
        assert_eq!(split_target("http://h.example"), ("", None));
        assert_eq!(split_target("/p#frag"), ("/p", None));
    }

    #[test]
    fn normalisation_closes_known_scope_bypasses() {
        let cases = [
            ("/admin", "/admin"),
            ("/%61dmin", "/admin"),
            ("//admin", "/admin"),
            ("/x/../admin", "/admin"),
            ("/./admin/.", "/admin/"),
            ("/admin/", "/admin/"),
            ("\\admin\\x", "/admin/x"),
            ("/%2e%2e/admin", "/admin"),
            ("/a%2fb", "/a/b"),
            ("/../../etc", "/etc"),
            ("", "/"),
            ("/", "/"),
            ("/a/b/..", "/a/"),
            ("/%zz%4", "/%zz%4"),
            ("/%ff", "/\u{fffd}"),
        ];
        for (raw, want) in cases {
            assert_eq!(normalise(raw), want, "normalise({raw:?})");
        }
    }

    #[test]
    fn percent_decode_keeps_malformed_escapes() {
        assert_eq!(percent_decode("%41%4"), b"A%4");
        assert_eq!(percent_decode("%"), b"%");
        assert_eq!(percent_decode("%g1"), b"%g1");
        assert_eq!(percent_decode("a%2"), b"a%2");
    }

    #[test]
    fn form_decoding_reads_plus_as_space_before_escapes() {
        let cases: &[(&[u8], &[u8])] = &[
            (b"a+b", b"a b"),
            (b"a%2Bb", b"a+b"),
            (b"%+41", b"% 41"),
            (b"%4+", b"%4 "),
            (b"100%", b"100%"),
            (b"Jane+O%27Reilly", b"Jane O'Reilly"),
        ];
        for (raw, want) in cases {
            assert_eq!(percent_decoded(raw, true).as_ref(), *want, "{raw:?}");
        }
        // Nothing to decode: the input itself, not a copy.
        assert!(matches!(
            percent_decoded(b"plain-value", true),
            Cow::Borrowed(_)
        ));
        assert!(matches!(percent_decoded(b"a+b", false), Cow::Borrowed(_)));
        // The same as replacing every `+` first and then decoding escapes.
        let mut rng = crate::testing::Rng(3);
        for _ in 0..5000 {
            let raw: Vec<u8> = (0..rng.below(9))
                .filter_map(|_| b"%+2bBg4 ".get(rng.below(8)).copied())
                .collect();
            let plus: Vec<u8> = raw
                .iter()
                .map(|&b| if b == b'+' { b' ' } else { b })
                .collect();
            // Escapes, decoded the plain way.
            let mut want = Vec::new();
            let mut i = 0;
            while i < plus.len() {
                let hex_at = |j: usize| plus.get(j).is_some_and(u8::is_ascii_hexdigit);
                if plus[i] == b'%' && hex_at(i + 1) && hex_at(i + 2) {
                    let text = std::str::from_utf8(&plus[i + 1..i + 3]).unwrap();
                    want.push(u8::from_str_radix(text, 16).unwrap());
                    i += 3;
                } else {
                    want.push(plus[i]);
                    i += 1;
                }
            }
            assert_eq!(percent_decoded(&raw, true).as_ref(), want, "{raw:?}");
        }
    }

    fn m(p: &str, path: &str) -> bool {
        PathPattern::parse(p).unwrap().matches(path)
    }

    #[test]
    fn prefix_patterns_match_on_segment_boundaries() {
        assert!(m("/admin", "/admin"));
        assert!(m("/admin", "/admin/"));
        assert!(m("/admin", "/admin/users"));
        assert!(!m("/admin", "/administrator"));
        assert!(!m("/admin/", "/admin"));
        assert!(m("/admin/", "/admin/x"));
        assert!(m("/", "/anything"));
    }

    #[test]
    fn glob_star_stays_in_one_segment_and_double_star_crosses() {
        assert!(m("/api/*/users", "/api/v1/users"));
        assert!(!m("/api/*/users", "/api/v1/x/users"));
        assert!(m("/static/**", "/static/a/b.css"));
        assert!(m("/**/*.php", "/index.php"));
        assert!(m("/**/*.php", "/a/b/c.php"));
        assert!(!m("/**/*.php", "/a/b/c.phps"));
        assert!(m("/*.txt", "/robots.txt"));
        assert!(!m("/*.txt", "/a/robots.txt"));
        assert!(!m("/a.b*", "/aXb"));
    }

    #[test]
    fn bad_patterns_are_rejected_with_a_fix() {
        for bad in [
            "admin", "/a?b=1", "/a/../b", "/%61", "//a", "/a/***", "/a/.", "/a/..", "/a\\b",
        ] {
            assert!(PathPattern::parse(bad).is_err(), "{bad}");
        }
        let (_, help) = PathPattern::parse("/x/../admin").unwrap_err();
        assert!(help.unwrap().contains("`/admin`"));
    }
}
