//! What WAF rules look at: the request taken apart once into named fields
//! (path, query arguments, headers, cookies, body arguments, file names,
//! raw body), each with the part it came from.
//!
//! Values are bytes, decoded once where the protocol says they are encoded
//! (`%XX` in the query and in form bodies, `+` as space in both); any
//! further decoding is a rule's [transformations](super::transform). The
//! path is split from the query before either is decoded (ModSecurity's
//! CVE-2024-1019 came from decoding first).
//!
//! Extraction cannot fail: malformed input (broken escapes, invalid JSON,
//! truncated multipart) yields what can be read plus an [`Anomaly`], which
//! protocol rules can match.

use std::borrow::Cow;

use super::anomaly;
pub use super::anomaly::Anomaly;
use crate::path::{percent_decoded, split_target};
use crate::request::Request;
use crate::waf::body::{self, BodyKind, JsonItem};

/// Where a field came from: what a rule's `targets` select.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Part {
    Method,
    /// The normalised path (see [`crate::path::normalise`]).
    Path,
    /// The path as sent, not decoded.
    PathRaw,
    /// One segment of the path as sent, percent-decoded once: where REST
    /// applications take their parameters from (`/users/{id}`).
    PathSegment,
    /// The query string as sent, not decoded.
    QueryRaw,
    QueryArgName,
    QueryArgValue,
    HeaderName,
    HeaderValue,
    CookieName,
    CookieValue,
    BodyArgName,
    BodyArgValue,
    /// A multipart part's file name.
    FileName,
    /// The content of an uploaded file (a multipart part with a file
    /// name): data, not an argument, so only rules that target
    /// `files_content` read it.
    FileContent,
    /// The body as sent (up to the inspection limit), for bodies that are
    /// not form, JSON or multipart.
    BodyRaw,
}

impl Part {
    /// How many parts there are.
    pub const COUNT: usize = 16;

    /// Every part, in declaration order (`ALL[p as usize] == p`).
    pub const ALL: [Part; Part::COUNT] = [
        Part::Method,
        Part::Path,
        Part::PathRaw,
        Part::PathSegment,
        Part::QueryRaw,
        Part::QueryArgName,
        Part::QueryArgValue,
        Part::HeaderName,
        Part::HeaderValue,
        Part::CookieName,
        Part::CookieValue,
        Part::BodyArgName,
        Part::BodyArgValue,
        Part::FileName,
        Part::FileContent,
        Part::BodyRaw,
    ];
}

/// One value a rule can inspect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field<'a> {
    pub part: Part,
    /// Argument, header or cookie name (lower-cased for headers); empty
    /// where the part has no name.
    pub name: Cow<'a, str>,
    pub value: Cow<'a, [u8]>,
}

/// A request, taken apart.
#[derive(Debug, Default)]
pub struct Fields<'a> {
    pub fields: Vec<Field<'a>>,
    pub anomalies: Vec<Anomaly>,
}

impl<'a> Fields<'a> {
    /// Take `req` apart; `path` is its path normalised
    /// ([`crate::path::normalise`]), which the caller has already. At
    /// most `body_limit` bytes of the body are read.
    pub fn extract(req: &'a Request, path: &'a str, body_limit: usize) -> Fields<'a> {
        let mut out = Fields {
            // A GET's fields without reallocating: method, paths, a few
            // arguments, and a name and a value per header.
            fields: Vec::with_capacity(16 + 2 * req.headers.len()),
            anomalies: Vec::new(),
        };
        out.push(Part::Method, "", Cow::Borrowed(req.method.as_bytes()));
        let (raw_path, query) = split_target(&req.url);
        out.push(Part::PathRaw, "", Cow::Borrowed(raw_path.as_bytes()));
        out.push(Part::Path, "", Cow::Borrowed(path.as_bytes()));
        out.note_escapes(raw_path.as_bytes());
        out.note_decoded(&percent_decoded(raw_path.as_bytes(), false));
        for segment in raw_path.split('/').filter(|s| !s.is_empty()) {
            out.push(
                Part::PathSegment,
                "",
                percent_decoded(segment.as_bytes(), false),
            );
        }
        if let Some(q) = query {
            out.push(Part::QueryRaw, "", Cow::Borrowed(q.as_bytes()));
            out.note_escapes(q.as_bytes());
            out.form(q.as_bytes(), Part::QueryArgName, Part::QueryArgValue);
        }

        let has_body = req.body.as_ref().is_some_and(|b| !b.is_empty())
            || req
                .header("content-length")
                .is_some_and(|l| l.trim().parse::<u64>().is_ok_and(|n| n > 0));
        anomaly::in_headers(
            req.headers.iter().map(|(n, v)| (n.as_str(), v.as_str())),
            &req.method,
            has_body,
            &mut out.anomalies,
        );
        for (name, value) in &req.headers {
            // The runtime hands header names over in lower case already.
            let lower: Cow<'a, str> = if name.bytes().any(|b| b.is_ascii_uppercase()) {
                Cow::Owned(name.to_ascii_lowercase())
            } else {
                Cow::Borrowed(name)
            };
            if lower == "cookie" {
                for pair in value.split(';') {
                    let (n, v) = pair.split_once('=').unwrap_or((pair, ""));
                    let n = n.trim();
                    if n.is_empty() && v.is_empty() {
                        continue;
                    }
                    out.push(Part::CookieName, "", Cow::Borrowed(n.as_bytes()));
                    out.push(Part::CookieValue, n, Cow::Borrowed(v.trim().as_bytes()));
                }
            }
            if lower == "referer" {
                // What the referring page's query said, decoded, as more
                // values of the same header: attacks ride in on links.
                if let (_, Some(q)) = split_target(value) {
                    out.form_values(q.as_bytes(), Part::HeaderValue, "referer");
                }
            }
            out.fields.push(Field {
                part: Part::HeaderName,
                name: Cow::Borrowed(""),
                value: match &lower {
                    Cow::Borrowed(l) => Cow::Borrowed(l.as_bytes()),
                    Cow::Owned(l) => Cow::Owned(l.clone().into_bytes()),
                },
            });
            out.fields.push(Field {
                part: Part::HeaderValue,
                name: lower,
                value: Cow::Borrowed(value.as_bytes()),
            });
        }

        if let Some(bytes) = req.body.as_deref().filter(|b| !b.is_empty()) {
            let inspected = match bytes.get(..body_limit) {
                Some(prefix) if bytes.len() > body_limit => {
                    out.anomalies.push(Anomaly::BodyOverLimit);
                    prefix
                }
                _ => bytes,
            };
            let content_type = req.header("content-type").unwrap_or("");
            out.body(content_type, inspected);
        }
        out.anomalies.sort_unstable();
        out.anomalies.dedup();
        out
    }

    fn push(&mut self, part: Part, name: &'a str, value: Cow<'a, [u8]>) {
        self.fields.push(Field {
            part,
            name: Cow::Borrowed(name),
            value,
        });
    }

    fn note_escapes(&mut self, s: &[u8]) {
        if has_bad_escape(s) {
            self.anomalies.push(Anomaly::BadPercentEncoding);
        }
        if anomaly::has_evasive_escape(s) {
            self.anomalies.push(Anomaly::EvasivePercentEncoding);
        }
    }

    /// Anomalies of a value once percent-decoded.
    fn note_decoded(&mut self, s: &[u8]) {
        if s.contains(&0) {
            self.anomalies.push(Anomaly::NulByte);
        }
        if anomaly::has_overlong_utf8(s) {
            self.anomalies.push(Anomaly::OverlongUtf8);
        }
    }

    /// The decoded values of `a=1&b=2`, all under one name.
    fn form_values(&mut self, s: &'a [u8], part: Part, name: &'a str) {
        for (_, v) in form_pairs(s) {
            if !v.is_empty() {
                self.push(part, name, percent_decoded(v, true));
            }
        }
    }

    /// `a=1&b=2`, decoded: names and values.
    fn form(&mut self, s: &'a [u8], name_part: Part, value_part: Part) {
        for (n, v) in form_pairs(s) {
            let name = percent_decoded(n, true);
            let value = percent_decoded(v, true);
            self.note_decoded(&name);
            self.note_decoded(&value);
            let name_text = match &name {
                Cow::Borrowed(b) => String::from_utf8_lossy(b),
                Cow::Owned(b) => Cow::Owned(String::from_utf8_lossy(b).into_owned()),
            };
            self.fields.push(Field {
                part: name_part,
                name: Cow::Borrowed(""),
                value: name,
            });
            self.fields.push(Field {
                part: value_part,
                name: name_text,
                value,
            });
        }
    }

    fn body(&mut self, content_type: &str, bytes: &'a [u8]) {
        match body::kind(content_type) {
            BodyKind::Form => {
                self.note_escapes(bytes);
                self.form(bytes, Part::BodyArgName, Part::BodyArgValue);
            }
            BodyKind::Json => {
                let json = body::json(bytes);
                if !json.complete {
                    // Still inspect what was read, and the text as a whole.
                    self.anomalies.push(Anomaly::MalformedBody);
                    self.push(Part::BodyRaw, "", Cow::Borrowed(bytes));
                }
                self.fields.reserve(json.items.len());
                for item in json.items {
                    match item {
                        JsonItem::Key(key) => self.fields.push(Field {
                            part: Part::BodyArgName,
                            name: Cow::Borrowed(""),
                            value: match key {
                                Cow::Borrowed(k) => Cow::Borrowed(k.as_bytes()),
                                Cow::Owned(k) => Cow::Owned(k.into_bytes()),
                            },
                        }),
                        JsonItem::Value { key, value } => {
                            if value.contains(&0) {
                                self.anomalies.push(Anomaly::NulByte);
                            }
                            self.fields.push(Field {
                                part: Part::BodyArgValue,
                                name: key,
                                value,
                            });
                        }
                    }
                }
            }
            BodyKind::Multipart(boundary) => {
                let parsed = body::multipart(bytes, &boundary);
                if !parsed.complete {
                    self.anomalies.push(Anomaly::MalformedBody);
                }
                for p in parsed.parts {
                    if let Some(f) = p.filename {
                        self.fields.push(Field {
                            part: Part::FileName,
                            name: Cow::Owned(p.name.clone()),
                            value: Cow::Owned(f.into_bytes()),
                        });
                        self.fields.push(Field {
                            part: Part::FileContent,
                            name: Cow::Owned(p.name),
                            value: Cow::Borrowed(p.value),
                        });
                        continue;
                    }
                    self.fields.push(Field {
                        part: Part::BodyArgName,
                        name: Cow::Borrowed(""),
                        value: Cow::Owned(p.name.clone().into_bytes()),
                    });
                    self.fields.push(Field {
                        part: Part::BodyArgValue,
                        name: Cow::Owned(p.name),
                        value: Cow::Borrowed(p.value),
                    });
                }
            }
            BodyKind::MultipartWithoutBoundary => {
                self.anomalies.push(Anomaly::MalformedBody);
                self.push(Part::BodyRaw, "", Cow::Borrowed(bytes));
            }
            BodyKind::Other => {
                anomaly::in_xml_declaration(bytes, &mut self.anomalies);
                self.push(Part::BodyRaw, "", Cow::Borrowed(bytes));
            }
        }
    }
}

/// The `name=value` pairs of `a=1&b=2`, not decoded; empty pairs skipped,
/// and a pair without `=` is a name with an empty value.
fn form_pairs(s: &[u8]) -> impl Iterator<Item = (&[u8], &[u8])> {
    s.split(|b| *b == b'&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| match pair.iter().position(|b| *b == b'=') {
            Some(i) => (
                pair.get(..i).unwrap_or_default(),
                pair.get(i + 1..).unwrap_or_default(),
            ),
            None => (pair, &[][..]),
        })
}

/// A `%` not followed by two hex digits.
fn has_bad_escape(s: &[u8]) -> bool {
    s.iter().enumerate().any(|(i, b)| {
        *b == b'%'
            && !(s.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                && s.get(i + 2).is_some_and(u8::is_ascii_hexdigit))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `r`'s normalised path, as the policy hands it to the WAF (leaked:
    /// a test's fields borrow it).
    fn normal(r: &Request) -> &'static str {
        Box::leak(crate::path::target_path(&r.url).into_boxed_str())
    }

    fn req(method: &str, url: &str, headers: &[(&str, &str)], body: Option<&[u8]>) -> Request {
        Request {
            method: method.into(),
            url: url.into(),
            headers: headers
                .iter()
                .map(|(n, v)| (n.to_string(), v.to_string()))
                .collect(),
            body: body.map(<[u8]>::to_vec),
            ..Default::default()
        }
    }

    fn find<'f>(f: &'f Fields<'_>, part: Part) -> Vec<(&'f str, String)> {
        f.fields
            .iter()
            .filter(|x| x.part == part)
            .map(|x| {
                (
                    x.name.as_ref(),
                    String::from_utf8_lossy(&x.value).into_owned(),
                )
            })
            .collect()
    }

    #[test]
    fn path_and_query_split_before_decoding() {
        let r = req("GET", "/a%3Fb/../c?x=1%27+or+1%3D1&y&=z&x=%zz", &[], None);
        let f = Fields::extract(&r, normal(&r), 1024);
        assert_eq!(find(&f, Part::PathRaw), vec![("", "/a%3Fb/../c".into())]);
        assert_eq!(find(&f, Part::Path), vec![("", "/c".into())]);
        assert_eq!(
            find(&f, Part::QueryArgValue),
            vec![
                ("x", "1' or 1=1".into()),
                ("y", "".into()),
                ("", "z".into()),
                ("x", "%zz".into())
            ]
        );
        assert_eq!(f.anomalies, vec![Anomaly::BadPercentEncoding]);
    }

    #[test]
    fn headers_and_cookies_are_fields() {
        let r = req(
            "GET",
            "/",
            &[
                ("User-Agent", "sqlmap/1.7"),
                ("Cookie", "sid=abc; theme=dark;; lang"),
            ],
            None,
        );
        let f = Fields::extract(&r, normal(&r), 1024);
        assert!(find(&f, Part::HeaderValue).contains(&("user-agent", "sqlmap/1.7".into())));
        assert_eq!(
            find(&f, Part::CookieValue),
            vec![
                ("sid", "abc".into()),
                ("theme", "dark".into()),
                ("lang", "".into())
            ]
        );
        assert!(f.anomalies.is_empty());
    }

    #[test]
    fn protocol_anomalies_are_noted() {
        let cases: Vec<(Request, Anomaly)> = vec![
            (
                req(
                    "POST",
                    "/",
                    &[("Content-Length", "5"), ("Transfer-Encoding", "chunked")],
                    None,
                ),
                Anomaly::ConflictingLength,
            ),
            (
                req(
                    "POST",
                    "/",
                    &[("Content-Length", "5"), ("Content-Length", "6")],
                    None,
                ),
                Anomaly::ConflictingLength,
            ),
            (req("GET", "/a%00b", &[], None), Anomaly::NulByte),
            (req("GET", "/?q=%00", &[], None), Anomaly::NulByte),
            (req("GET", "/%", &[], None), Anomaly::BadPercentEncoding),
            (
                req(
                    "POST",
                    "/",
                    &[("Content-Type", "application/json")],
                    Some(b"{\"a\":"),
                ),
                Anomaly::MalformedBody,
            ),
            (
                req(
                    "POST",
                    "/",
                    &[("Content-Type", "text/plain")],
                    Some(&[b'a'; 100]),
                ),
                Anomaly::BodyOverLimit,
            ),
        ];
        for (r, want) in cases {
            let f = Fields::extract(&r, normal(&r), 64);
            assert!(
                f.anomalies.contains(&want),
                "{} {} {:?}: {:?}",
                r.method,
                r.url,
                r.headers,
                f.anomalies
            );
        }
        let same = req(
            "POST",
            "/",
            &[("Content-Length", "5"), ("content-length", "5")],
            None,
        );
        assert!(Fields::extract(&same, normal(&same), 64)
            .anomalies
            .is_empty());
    }

    #[test]
    fn bodies_become_arguments_by_type() {
        let form = req(
            "POST",
            "/",
            &[("Content-Type", "application/x-www-form-urlencoded")],
            Some(b"name=O%27Reilly&comment=%3Cb%3Ehi%3C%2Fb%3E+there"),
        );
        assert_eq!(
            find(
                &Fields::extract(&form, normal(&form), 1024),
                Part::BodyArgValue
            ),
            vec![
                ("name", "O'Reilly".into()),
                ("comment", "<b>hi</b> there".into())
            ]
        );
        let json = req(
            "POST",
            "/",
            &[("Content-Type", "application/json")],
            Some(br#"{"post":{"content":"<p>x</p>","n":1}}"#),
        );
        let f = Fields::extract(&json, normal(&json), 1024);
        assert_eq!(
            find(&f, Part::BodyArgValue),
            vec![("content", "<p>x</p>".into()), ("n", "1".into())]
        );
        assert_eq!(
            find(&f, Part::BodyArgName),
            vec![
                ("", "post".into()),
                ("", "content".into()),
                ("", "n".into())
            ]
        );
        let multi = req(
            "POST",
            "/",
            &[("Content-Type", "multipart/form-data; boundary=zz")],
            Some(b"--zz\r\nContent-Disposition: form-data; name=\"f\"; filename=\"shell.php\"\r\n\r\n<?php ?>\r\n--zz--"),
        );
        let f = Fields::extract(&multi, normal(&multi), 1024);
        assert_eq!(find(&f, Part::FileName), vec![("f", "shell.php".into())]);
        assert_eq!(find(&f, Part::FileContent), vec![("f", "<?php ?>".into())]);
        assert_eq!(find(&f, Part::BodyArgValue), vec![]);
        let raw = req(
            "PUT",
            "/",
            &[("Content-Type", "text/xml")],
            Some(b"<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"),
        );
        assert_eq!(
            find(&Fields::extract(&raw, normal(&raw), 1024), Part::BodyRaw).len(),
            1
        );
    }

    #[test]
    fn only_the_inspection_limit_is_read() {
        let mut body = b"a=".to_vec();
        body.extend(std::iter::repeat_n(b'x', 10_000));
        body.extend_from_slice(b"&evil=<script>");
        let r = req(
            "POST",
            "/",
            &[("Content-Type", "application/x-www-form-urlencoded")],
            Some(&body),
        );
        let f = Fields::extract(&r, normal(&r), 4096);
        assert!(f.anomalies.contains(&Anomaly::BodyOverLimit));
        assert!(!find(&f, Part::BodyArgValue)
            .iter()
            .any(|(n, _)| *n == "evil"));
    }

    #[test]
    fn hostile_bytes_never_panic() {
        let mut rng = crate::testing::Rng(0x2545_f491_4f6c_dd1d_u64);
        let mut next = move || rng.next();
        let types = [
            "application/json",
            "multipart/form-data; boundary=b",
            "application/x-www-form-urlencoded",
            "text/plain",
        ];
        for i in 0..5_000 {
            let len = (next() % 300) as usize;
            let alphabet = b"--b\r\n\"{}[]:,\\u%0a=&;+ x\x00\xff";
            let body: Vec<u8> = (0..len)
                .map(|_| alphabet[(next() as usize) % alphabet.len()])
                .collect();
            let r = req(
                "POST",
                "/?a=%&b=%00",
                &[
                    ("Content-Type", types[i % types.len()]),
                    ("Cookie", "=;=;a"),
                ],
                Some(&body),
            );
            let _ = Fields::extract(&r, normal(&r), 128);
        }
    }
}
