//! Origins, as browsers serialise them in the `Origin` header, and the
//! origin patterns a CORS policy may allow.
//!
//! An origin is `scheme://host[:port]` (lower case, no path, no default
//! port) or the opaque `null`
//! (<https://html.spec.whatwg.org/multipage/browsers.html#ascii-serialisation-of-an-origin>).
//! Patterns are written the same way, so a policy reads like the headers it
//! answers. What a pattern may be is deliberately narrow, because the known
//! CORS holes are all loose matching: `https://*.example.com` matches whole
//! labels only (never `https://evil-example.com`, never
//! `https://example.com.evil.com`), `null` matches only when written, and
//! regular expressions must be anchored and escape their dots.

use regex::Regex;

/// An `Origin` header value, parsed. Scheme and host are lower-cased.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub scheme: String,
    pub host: String,
    pub port: Option<u16>,
}

impl Origin {
    /// Parse a serialised origin. `None` for `null` and for anything that is
    /// not `scheme://host[:port]` (a path, a query, user info, spaces …).
    pub fn parse(s: &str) -> Option<Origin> {
        let (scheme, rest) = s.split_once("://")?;
        if !valid_scheme(scheme) {
            return None;
        }
        let (host, port) = split_host_port(rest)?;
        if !valid_host(host) {
            return None;
        }
        let scheme = scheme.to_ascii_lowercase();
        // `https://a.example:443` is the origin `https://a.example`.
        let port = port.filter(|p| Some(*p) != default_port(&scheme));
        Some(Origin {
            scheme,
            host: host.to_ascii_lowercase(),
            port,
        })
    }

    /// The origin serialised again, in canonical (lower) case.
    pub fn serialise(&self) -> String {
        match self.port {
            Some(p) => format!("{}://{}:{p}", self.scheme, self.host),
            None => format!("{}://{}", self.scheme, self.host),
        }
    }
}

fn valid_scheme(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b[0].is_ascii_alphabetic()
        && b.iter()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'-' | b'.'))
}

/// `host[:port]` → (host, port). `None` when there is anything after the
/// authority or the port is not a number in 1..=65535.
fn split_host_port(s: &str) -> Option<(&str, Option<u16>)> {
    if s.contains(['/', '?', '#', '@', '\\']) || s.bytes().any(|b| b <= b' ' || b >= 0x7f) {
        return None;
    }
    let (host, port) = if let Some(rest) = s.strip_prefix('[') {
        let (inner, after) = rest.split_once(']')?;
        let port = match after {
            "" => None,
            p => Some(p.strip_prefix(':')?),
        };
        (&s[..inner.len() + 2], port)
    } else {
        match s.split_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (s, None),
        }
    };
    let port = match port {
        None => None,
        Some(p) => Some(parse_port(p)?),
    };
    Some((host, port))
}

fn parse_port(p: &str) -> Option<u16> {
    if p.is_empty() || p.len() > 5 || !p.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    match p.parse::<u16>() {
        Ok(0) | Err(_) => None,
        Ok(n) => Some(n),
    }
}

/// A DNS name (letters, digits, `-`, `_`, dots between non-empty labels) or
/// a bracketed IPv6 literal.
fn valid_host(h: &str) -> bool {
    if let Some(inner) = h.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
        return inner.parse::<std::net::Ipv6Addr>().is_ok();
    }
    !h.is_empty() && h.split('.').all(valid_label)
}

fn valid_label(l: &str) -> bool {
    !l.is_empty()
        && l.len() <= 63
        && l.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

fn default_port(scheme: &str) -> Option<u16> {
    match scheme {
        "http" | "ws" => Some(80),
        "https" | "wss" => Some(443),
        _ => None,
    }
}

/// Which ports a pattern accepts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Port {
    /// No port in the origin: the scheme's default.
    Default,
    Is(u16),
    /// `:*`: any port, or none.
    Any,
}

impl Port {
    fn matches(&self, port: Option<u16>) -> bool {
        match self {
            Port::Default => port.is_none(),
            Port::Is(p) => port == Some(*p),
            Port::Any => true,
        }
    }
}

/// One entry of `allow_origins` or `allow_origin_regexes`.
#[derive(Debug, Clone)]
pub enum OriginPattern {
    /// `https://app.example.com`, `http://127.0.0.1:*`.
    Exact {
        scheme: String,
        host: String,
        port: Port,
    },
    /// `https://*.example.com`: one or more whole labels in front of
    /// `.example.com`.
    Subdomains {
        scheme: String,
        /// `.example.com`
        suffix: String,
        port: Port,
    },
    /// The opaque origin `null` (sandboxed iframes, `file:` pages,
    /// redirects): only when written.
    Null,
    /// An anchored regular expression over the lower-cased origin.
    Regex(Regex),
}

/// Why a pattern was refused, and how to fix it.
pub type PatternError = (String, Option<String>);

impl OriginPattern {
    /// Parse an `allow_origins` entry. `*` is not a pattern: the policy
    /// handles it.
    pub fn parse(p: &str) -> Result<OriginPattern, PatternError> {
        if p == "null" {
            return Ok(OriginPattern::Null);
        }
        if p.eq_ignore_ascii_case("null") {
            return Err((
                format!("origin `{p}` is not `null`"),
                Some("the opaque origin is written `null`, in lower case".into()),
            ));
        }
        let Some((scheme, rest)) = p.split_once("://") else {
            let host = p.trim_start_matches("*.");
            return Err((
                format!("origin `{p}` has no scheme"),
                Some(format!(
                    "an origin is `scheme://host[:port]`, e.g. `https://{}`",
                    if p.starts_with("*.") {
                        format!("*.{host}")
                    } else {
                        host.trim_end_matches('/').to_string()
                    }
                )),
            ));
        };
        if !valid_scheme(scheme) {
            return Err((
                format!("origin `{p}` has an invalid scheme `{scheme}`"),
                Some("write `https://…` or `http://…`".into()),
            ));
        }
        if let Some(i) = rest.find(['/', '?', '#']) {
            let fixed = format!("{scheme}://{}", &rest[..i]);
            let what = if rest[i..] == *"/" {
                "a trailing slash"
            } else {
                "a path"
            };
            return Err((
                format!("origin `{p}` has {what}"),
                Some(format!(
                    "browsers send the origin without path or slash; write `{fixed}`"
                )),
            ));
        }
        if rest.contains('@') {
            return Err((
                format!("origin `{p}` has user info"),
                Some("an origin is `scheme://host[:port]` with no `user@`".into()),
            ));
        }
        if p.bytes().any(|b| b.is_ascii_uppercase()) {
            return Err((
                format!("origin `{p}` has upper-case letters"),
                Some(format!(
                    "browsers send origins in lower case; write `{}`",
                    p.to_ascii_lowercase()
                )),
            ));
        }
        // Host and port; `:*` means any port.
        let (host, port_text) = if rest.starts_with('[') {
            match rest.split_once("]:") {
                Some((h, port)) => (&rest[..h.len() + 1], Some(port)),
                None => (rest, None),
            }
        } else {
            match rest.rsplit_once(':') {
                Some((h, port)) => (h, Some(port)),
                None => (rest, None),
            }
        };
        let port = match port_text {
            None => Port::Default,
            Some("*") => Port::Any,
            Some(t) => match parse_port(t) {
                Some(n) if Some(n) == default_port(scheme) => {
                    return Err((
                        format!("origin `{p}` names the default port {n}"),
                        Some(format!(
                            "browsers leave the default port out of the origin; write `{scheme}://{host}`"
                        )),
                    ))
                }
                Some(n) => Port::Is(n),
                None => {
                    return Err((
                        format!("origin `{p}` has an invalid port `{t}`"),
                        Some("a port is a number from 1 to 65535, or `*` for any".into()),
                    ))
                }
            },
        };
        if let Some(base) = host.strip_prefix("*.") {
            if base.contains('*') || !valid_host(base) {
                return Err(wildcard_error(p));
            }
            if !base.contains('.') {
                return Err((
                    format!("origin `{p}` allows every site under `.{base}`"),
                    Some(format!(
                        "name your own domain, e.g. `{scheme}://*.example.{base}`"
                    )),
                ));
            }
            return Ok(OriginPattern::Subdomains {
                scheme: scheme.to_string(),
                suffix: format!(".{base}"),
                port,
            });
        }
        if host.contains('*') {
            return Err(wildcard_error(p));
        }
        if !valid_host(host) {
            return Err((
                format!("origin `{p}` has an invalid host `{host}`"),
                Some("a host is a DNS name (`app.example.com`), an IPv4 address or a bracketed IPv6 address".into()),
            ));
        }
        Ok(OriginPattern::Exact {
            scheme: scheme.to_string(),
            host: host.to_string(),
            port,
        })
    }

    /// Parse an `allow_origin_regexes` entry: anchored with `^…$`, every
    /// literal dot escaped, compiled by the `regex` crate (linear time, no
    /// backtracking).
    pub fn parse_regex(p: &str) -> Result<OriginPattern, PatternError> {
        if !p.starts_with('^') || !p.ends_with('$') || p.ends_with("\\$") {
            let core = p.trim_start_matches('^').trim_end_matches('$');
            return Err((
                format!("origin regex `{p}` is not anchored"),
                Some(format!(
                    "an unanchored regex also matches origins that merely contain it (`https://evil.com` can include `example.com`); write `^{core}$`"
                )),
            ));
        }
        if let Some(fixed) = escape_bare_dots(p) {
            return Err((
                format!("origin regex `{p}` has an unescaped `.`"),
                Some(format!(
                    "`.` matches any character, so `example.com` also matches `examplexcom`; write `{fixed}` (in TOML, use a literal string: '{fixed}')"
                )),
            ));
        }
        match regex::RegexBuilder::new(p).size_limit(1 << 20).build() {
            Ok(re) => Ok(OriginPattern::Regex(re)),
            Err(e) => Err((
                format!("origin regex `{p}` does not compile"),
                Some(last_line(&e.to_string())),
            )),
        }
    }

    /// Does this pattern allow `origin` (the raw header value)?
    /// `parsed` is `Origin::parse(origin)`.
    pub fn matches(&self, origin: &str, parsed: Option<&Origin>) -> bool {
        match self {
            OriginPattern::Null => origin == "null",
            OriginPattern::Regex(re) => parsed.is_some_and(|o| re.is_match(&o.serialise())),
            OriginPattern::Exact { scheme, host, port } => parsed
                .is_some_and(|o| o.scheme == *scheme && o.host == *host && port.matches(o.port)),
            OriginPattern::Subdomains {
                scheme,
                suffix,
                port,
            } => parsed.is_some_and(|o| {
                o.scheme == *scheme
                    && port.matches(o.port)
                    && o.host
                        .strip_suffix(suffix.as_str())
                        .is_some_and(|sub| !sub.is_empty() && sub.split('.').all(valid_label))
            }),
        }
    }
}

fn wildcard_error(p: &str) -> PatternError {
    (
        format!("origin `{p}` has a `*` that is not a whole leading label"),
        Some(
            "`*` may only stand for subdomains, as in `https://*.example.com`; for anything else use `allow_origin_regexes`"
                .into(),
        ),
    )
}

/// The regex with every bare `.` (outside a class, not escaped) escaped, or
/// `None` when there is none.
fn escape_bare_dots(p: &str) -> Option<String> {
    let mut out = String::with_capacity(p.len() + 4);
    let mut found = false;
    let mut in_class = false;
    let mut chars = p.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                out.push(c);
                if let Some(n) = chars.next() {
                    out.push(n);
                }
            }
            '[' if !in_class => {
                in_class = true;
                out.push(c);
            }
            ']' if in_class => {
                in_class = false;
                out.push(c);
            }
            '.' if !in_class => {
                found = true;
                out.push_str("\\.");
            }
            _ => out.push(c),
        }
    }
    found.then_some(out)
}

fn last_line(s: &str) -> String {
    s.lines()
        .map(str::trim)
        .rfind(|l| !l.is_empty())
        .unwrap_or(s)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn allows(pattern: &str, origin: &str) -> bool {
        let p = OriginPattern::parse(pattern).unwrap();
        p.matches(origin, Origin::parse(origin).as_ref())
    }

    fn regex_allows(pattern: &str, origin: &str) -> bool {
        let p = OriginPattern::parse_regex(pattern).unwrap();
        p.matches(origin, Origin::parse(origin).as_ref())
    }

    #[test]
    fn origins_parse_as_browsers_serialise_them() {
        let o = Origin::parse("https://App.Example.com:8443").unwrap();
        assert_eq!(o.serialise(), "https://app.example.com:8443");
        assert_eq!(
            Origin::parse("http://[::1]:8080").unwrap().serialise(),
            "http://[::1]:8080"
        );
        for bad in [
            "null",
            "",
            "https://",
            "https://a.com/",
            "https://a.com/x",
            "https://u@a.com",
            "https://a.com:0",
            "https://a.com:99999",
            "https://a..com",
            "https://a.com,https://b.com",
            "https://a com",
            "example.com",
            "https://[zz]",
        ] {
            assert_eq!(Origin::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn exact_origins_match_only_themselves() {
        let cases = [
            ("https://example.com", "https://example.com", true),
            ("https://example.com", "https://EXAMPLE.com", true),
            ("https://example.com", "http://example.com", false),
            ("https://example.com", "https://example.com:8443", false),
            ("https://example.com", "https://evil-example.com", false),
            ("https://example.com", "https://example.com.evil.com", false),
            ("https://example.com", "https://sub.example.com", false),
            ("https://example.com", "null", false),
            ("http://127.0.0.1:*", "http://127.0.0.1:5173", true),
            ("http://127.0.0.1:*", "http://127.0.0.1", true),
            ("http://127.0.0.1:*", "http://127.0.0.2:5173", false),
            ("http://localhost:3000", "http://localhost:3000", true),
            ("http://localhost:3000", "http://localhost:3001", false),
            ("http://[::1]:8080", "http://[::1]:8080", true),
        ];
        for (p, o, want) in cases {
            assert_eq!(allows(p, o), want, "{p} vs {o}");
        }
    }

    #[test]
    fn subdomain_wildcards_match_whole_labels_only() {
        let p = "https://*.example.com";
        let cases = [
            ("https://app.example.com", true),
            ("https://a.b.example.com", true),
            ("https://example.com", false),
            ("https://evil-example.com", false),
            ("https://evilexample.com", false),
            ("https://example.com.evil.com", false),
            ("https://app.example.com.evil.com", false),
            ("http://app.example.com", false),
            ("https://app.example.com:8443", false),
            ("https://.example.com", false),
            ("null", false),
        ];
        for (o, want) in cases {
            assert_eq!(allows(p, o), want, "{p} vs {o}");
        }
        assert!(allows(
            "https://*.example.com:*",
            "https://a.example.com:8443"
        ));
    }

    #[test]
    fn null_matches_only_when_written() {
        assert!(allows("null", "null"));
        assert!(!allows("https://example.com", "null"));
        assert!(!allows("null", "https://null"));
    }

    #[test]
    fn misconfigured_origins_are_refused_with_a_fix() {
        let cases = [
            (
                "https://example.com/",
                "trailing slash",
                "`https://example.com`",
            ),
            ("https://example.com/app", "a path", "`https://example.com`"),
            ("example.com", "no scheme", "`https://example.com`"),
            ("*.example.com", "no scheme", "`https://*.example.com`"),
            ("https://Example.com", "upper-case", "`https://example.com`"),
            (
                "https://example.com:443",
                "default port",
                "`https://example.com`",
            ),
            ("https://example.com:0", "invalid port", "1 to 65535"),
            (
                "https://app*.example.com",
                "whole leading label",
                "allow_origin_regexes",
            ),
            ("https://*example.com", "whole leading label", "subdomains"),
            (
                "https://a.*.example.com",
                "whole leading label",
                "subdomains",
            ),
            ("https://*.com", "every site", "example.com"),
            ("NULL", "is not `null`", "lower case"),
            ("https://u@example.com", "user info", "scheme://host"),
        ];
        for (p, msg, help) in cases {
            let (m, h) = OriginPattern::parse(p).unwrap_err();
            assert!(m.contains(msg), "{p}: {m}");
            assert!(h.unwrap_or_default().contains(help), "{p}");
        }
    }

    #[test]
    fn origin_regexes_must_be_anchored_and_escape_dots() {
        let (m, h) = OriginPattern::parse_regex(r"https://[a-z]+\.example\.com").unwrap_err();
        assert!(m.contains("not anchored"), "{m}");
        assert!(h.unwrap().contains(r"^https://[a-z]+\.example\.com$"));
        let (m, h) = OriginPattern::parse_regex(r"^https://app.example\.com$").unwrap_err();
        assert!(m.contains("unescaped"), "{m}");
        assert!(h.unwrap().contains(r"^https://app\.example\.com$"));
        assert!(OriginPattern::parse_regex(r"^https://x\.com\$").is_err());
        assert!(OriginPattern::parse_regex(r"^https://([a-z]$").is_err());
        // A dot inside a class is literal and fine.
        assert!(OriginPattern::parse_regex(r"^https://[a-z.]+\.example\.com$").is_ok());
    }

    #[test]
    fn origin_regexes_match_the_whole_lower_cased_origin() {
        let re = r"^https://pr-[0-9]+\.preview\.example\.com$";
        assert!(regex_allows(re, "https://pr-42.preview.example.com"));
        assert!(regex_allows(re, "https://PR-42.preview.example.com"));
        assert!(!regex_allows(
            re,
            "https://pr-42.preview.example.com.evil.com"
        ));
        assert!(!regex_allows(re, "https://pr-x.preview.example.com"));
        assert!(!regex_allows(re, "null"));
    }
}
