//! Request bodies, taken apart for inspection: the body types WAF rules
//! understand (urlencoded forms are handled with the query, in
//! [`super::fields`]; JSON and multipart here), each read by a parser that
//! cannot fail, recurse or backtrack: malformed input yields what could be
//! read and `complete = false`.

use std::borrow::Cow;

/// How a body is read, by its `Content-Type`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyKind {
    /// `application/x-www-form-urlencoded`.
    Form,
    /// `application/json`, `text/json`, `application/*+json`.
    Json,
    /// `multipart/form-data` with its boundary.
    Multipart(String),
    /// `multipart/form-data` without a usable boundary.
    MultipartWithoutBoundary,
    /// Anything else: inspected as raw text.
    Other,
}

/// The body kind for a `Content-Type` value.
pub fn kind(content_type: &str) -> BodyKind {
    let media = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    match media.as_str() {
        "application/x-www-form-urlencoded" => BodyKind::Form,
        "application/json" | "text/json" => BodyKind::Json,
        m if m.starts_with("application/") && m.ends_with("+json") => BodyKind::Json,
        "multipart/form-data" => {
            let boundary = params(content_type)
                .into_iter()
                .skip(1)
                .find_map(|(k, v)| k.eq_ignore_ascii_case("boundary").then_some(v));
            match boundary {
                Some(b) if !b.is_empty() && b.len() <= 200 => BodyKind::Multipart(b),
                _ => BodyKind::MultipartWithoutBoundary,
            }
        }
        _ => BodyKind::Other,
    }
}

/// One thing found in a JSON body. Strings without escapes are borrowed
/// from the body: most keys and values of a real body cost no copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JsonItem<'a> {
    /// An object key.
    Key(Cow<'a, str>),
    /// A string, number or literal, under the nearest enclosing key (`""`
    /// at the top level).
    Value {
        key: Cow<'a, str>,
        value: Cow<'a, [u8]>,
    },
}

/// A JSON body, read.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Json<'a> {
    pub items: Vec<JsonItem<'a>>,
    /// The text was well-formed JSON.
    pub complete: bool,
}

#[derive(Debug)]
struct Frame<'a> {
    object: bool,
    /// In an object, the next string is a key.
    want_key: bool,
    key: Cow<'a, str>,
}

/// Every key and value of a JSON text, nested at any depth (no recursion:
/// a 100,000-deep array is a long loop, not a stack overflow).
pub fn json<'a>(b: &'a [u8]) -> Json<'a> {
    let mut out = Json::default();
    let mut stack: Vec<Frame<'a>> = Vec::new();
    let mut ok = true;
    let mut seen = false;
    let mut i = 0;
    let key_of = |stack: &[Frame<'a>]| -> Cow<'a, str> {
        stack
            .iter()
            .rev()
            .find(|f| f.object && !f.key.is_empty())
            .map(|f| f.key.clone())
            .unwrap_or_default()
    };
    while i < b.len() {
        let c = b[i];
        seen |= !matches!(c, b' ' | b'\t' | b'\n' | b'\r');
        match c {
            b' ' | b'\t' | b'\n' | b'\r' => i += 1,
            b'{' | b'[' => {
                stack.push(Frame {
                    object: c == b'{',
                    want_key: c == b'{',
                    key: Cow::Borrowed(""),
                });
                i += 1;
            }
            b'}' | b']' => {
                match stack.pop() {
                    Some(f) if f.object == (c == b'}') => {}
                    _ => ok = false,
                }
                i += 1;
            }
            b',' => {
                if let Some(f) = stack.last_mut() {
                    if f.object {
                        f.want_key = true;
                    }
                } else {
                    ok = false;
                }
                i += 1;
            }
            b':' => {
                match stack.last_mut() {
                    Some(f) if f.object => f.want_key = false,
                    _ => ok = false,
                }
                i += 1;
            }
            b'"' => {
                let (text, end, good) = json_string(b, i + 1);
                ok &= good;
                i = end;
                match stack.last_mut() {
                    Some(f) if f.object && f.want_key => {
                        let key = match text {
                            Cow::Borrowed(t) => String::from_utf8_lossy(t),
                            Cow::Owned(t) => Cow::Owned(String::from_utf8(t).unwrap_or_else(|e| {
                                String::from_utf8_lossy(e.as_bytes()).into_owned()
                            })),
                        };
                        f.key = key.clone();
                        f.want_key = false;
                        out.items.push(JsonItem::Key(key));
                    }
                    _ => {
                        out.items.push(JsonItem::Value {
                            key: key_of(&stack),
                            value: text,
                        });
                    }
                }
            }
            _ => {
                let start = i;
                while i < b.len()
                    && (b[i].is_ascii_alphanumeric() || matches!(b[i], b'+' | b'-' | b'.'))
                {
                    i += 1;
                }
                if i == start {
                    ok = false;
                    i += 1;
                    continue;
                }
                let tok = &b[start..i];
                let literal = matches!(tok, b"true" | b"false" | b"null")
                    || tok
                        .first()
                        .is_some_and(|f| f.is_ascii_digit() || *f == b'-');
                ok &= literal;
                out.items.push(JsonItem::Value {
                    key: key_of(&stack),
                    value: Cow::Borrowed(tok),
                });
            }
        }
    }
    out.complete = ok && stack.is_empty() && seen;
    out
}

/// A JSON string starting after its opening quote: (unescaped bytes, index
/// after the closing quote, well-formed). Borrowed when it has no escape.
fn json_string(b: &[u8], start: usize) -> (Cow<'_, [u8]>, usize, bool) {
    let rest = b.get(start..).unwrap_or_default();
    match rest.iter().position(|&c| c == b'"' || c == b'\\') {
        Some(n) if rest.get(n) == Some(&b'"') => {
            return (
                Cow::Borrowed(rest.get(..n).unwrap_or_default()),
                start + n + 1,
                true,
            );
        }
        None => return (Cow::Borrowed(rest), b.len(), false),
        Some(_) => {}
    }
    let (out, end, ok) = json_string_escaped(b, start);
    (Cow::Owned(out), end, ok)
}

/// [`json_string`] for a string with escapes.
fn json_string_escaped(b: &[u8], mut i: usize) -> (Vec<u8>, usize, bool) {
    let mut out = Vec::new();
    let mut ok = true;
    while i < b.len() {
        match b[i] {
            b'"' => return (out, i + 1, ok),
            b'\\' => {
                let Some(&e) = b.get(i + 1) else {
                    return (out, b.len(), false);
                };
                i += 2;
                match e {
                    b'"' => out.push(b'"'),
                    b'\\' => out.push(b'\\'),
                    b'/' => out.push(b'/'),
                    b'b' => out.push(8),
                    b'f' => out.push(12),
                    b'n' => out.push(b'\n'),
                    b'r' => out.push(b'\r'),
                    b't' => out.push(b'\t'),
                    b'u' => {
                        let Some(hi) = hex4(b, i) else {
                            ok = false;
                            out.extend_from_slice(b"\\u");
                            continue;
                        };
                        i += 4;
                        let mut code = u32::from(hi);
                        if (0xD800..0xDC00).contains(&hi)
                            && b.get(i) == Some(&b'\\')
                            && b.get(i + 1) == Some(&b'u')
                        {
                            if let Some(lo) =
                                hex4(b, i + 2).filter(|l| (0xDC00..0xE000).contains(l))
                            {
                                code = 0x10000
                                    + ((u32::from(hi) - 0xD800) << 10)
                                    + (u32::from(lo) - 0xDC00);
                                i += 6;
                            }
                        }
                        let ch = char::from_u32(code).unwrap_or('\u{FFFD}');
                        let mut buf = [0u8; 4];
                        out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
                    }
                    other => {
                        ok = false;
                        out.push(b'\\');
                        out.push(other);
                    }
                }
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    (out, b.len(), false)
}

fn hex4(b: &[u8], i: usize) -> Option<u16> {
    let s = b.get(i..i + 4)?;
    let s = std::str::from_utf8(s).ok()?;
    u16::from_str_radix(s, 16).ok()
}

/// One part of a multipart body.
#[derive(Debug, PartialEq, Eq)]
pub struct MultipartPart<'a> {
    pub name: String,
    pub filename: Option<String>,
    pub value: &'a [u8],
}

/// A multipart body, read.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Multipart<'a> {
    pub parts: Vec<MultipartPart<'a>>,
    /// The closing delimiter was found and every part had headers.
    pub complete: bool,
}

/// The parts of a `multipart/form-data` body with this boundary.
pub fn multipart<'a>(b: &'a [u8], boundary: &str) -> Multipart<'a> {
    let delim = format!("--{boundary}");
    let d = delim.as_bytes();
    let mut out = Multipart::default();
    let Some(first) = find(b, d, 0) else {
        return out;
    };
    let mut pos = first + d.len();
    let mut ok = true;
    loop {
        // After a delimiter: `--` closes, else a line break opens a part.
        if b.get(pos..pos + 2) == Some(b"--") {
            out.complete = ok;
            return out;
        }
        pos = skip_line_break(b, pos);
        let next = find(b, d, pos);
        let end = next.unwrap_or(b.len());
        let part = &b[pos.min(end)..end];
        // Headers end at the first blank line.
        let (head, body) = match find(part, b"\r\n\r\n", 0) {
            Some(h) => (&part[..h], &part[h + 4..]),
            None => match find(part, b"\n\n", 0) {
                Some(h) => (&part[..h], &part[h + 2..]),
                None => {
                    ok = false;
                    (part, &part[part.len()..])
                }
            },
        };
        let body = body
            .strip_suffix(b"\r\n")
            .or_else(|| body.strip_suffix(b"\n"))
            .unwrap_or(body);
        let (name, filename) = disposition(head);
        out.parts.push(MultipartPart {
            name,
            filename,
            value: body,
        });
        match next {
            Some(n) => pos = n + d.len(),
            None => return out,
        }
        if out.parts.len() > 10_000 {
            return out;
        }
    }
}

fn skip_line_break(b: &[u8], pos: usize) -> usize {
    if b.get(pos..pos + 2) == Some(b"\r\n") {
        pos + 2
    } else if b.get(pos) == Some(&b'\n') {
        pos + 1
    } else {
        pos
    }
}

/// `name` and `filename` from a part's `Content-Disposition`.
/// `filename` wins over `filename*` (RFC 7578: form data does not use the
/// latter, and the servers behind us read the former).
fn disposition(head: &[u8]) -> (String, Option<String>) {
    let head = String::from_utf8_lossy(head);
    let mut name = String::new();
    let mut filename = None;
    let mut filename_ext = None;
    for line in head.lines() {
        let Some((h, v)) = line.split_once(':') else {
            continue;
        };
        if !h.trim().eq_ignore_ascii_case("content-disposition") {
            continue;
        }
        for (k, val) in params(v).into_iter().skip(1) {
            match k.to_ascii_lowercase().as_str() {
                "name" => name = val,
                "filename" => filename = Some(val),
                "filename*" => filename_ext = Some(ext_value(&val)),
                _ => {}
            }
        }
    }
    (name, filename.or(filename_ext))
}

/// The `;`-separated parameters of a header value, the first item (the
/// disposition or media type) included with an empty value. A value may be
/// a quoted string, in which `;` does not separate and `\` escapes the next
/// character: `filename="a; b.txt"` is one parameter.
fn params(v: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut chars = v.chars().peekable();
    loop {
        let mut key = String::new();
        while let Some(&c) = chars.peek() {
            if c == ';' || c == '=' {
                break;
            }
            key.push(c);
            chars.next();
        }
        let mut val = String::new();
        if chars.peek() == Some(&'=') {
            chars.next();
            while chars.peek().is_some_and(|c| c.is_whitespace()) {
                chars.next();
            }
            if chars.peek() == Some(&'"') {
                chars.next();
                while let Some(c) = chars.next() {
                    match c {
                        '"' => break,
                        '\\' => val.extend(chars.next()),
                        c => val.push(c),
                    }
                }
            }
            while let Some(&c) = chars.peek() {
                if c == ';' {
                    break;
                }
                val.push(c);
                chars.next();
            }
        }
        out.push((key.trim().to_string(), val.trim().to_string()));
        if chars.next().is_none() {
            return out;
        }
    }
}

/// An RFC 5987 extended value, `UTF-8\'\'%e2%82%ac.txt`, decoded. The
/// bytes of other charsets are read as UTF-8 too, lossily (a Latin-1 `£`
/// becomes U+FFFD).
fn ext_value(v: &str) -> String {
    let encoded = v.splitn(3, '\'').nth(2).unwrap_or(v);
    match crate::path::percent_decoded(encoded.as_bytes(), false) {
        // Nothing to decode: it is `encoded`, already a `str`.
        Cow::Borrowed(_) => encoded.to_string(),
        Cow::Owned(bytes) => String::from_utf8(bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
    }
}

/// First index of `needle` in `hay` at or after `from` (memchr-style
/// linear scan on the first byte).
fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    let first = *needle.first()?;
    let mut i = from;
    while i + needle.len() <= hay.len() {
        let rel = hay.get(i..)?.iter().position(|b| *b == first)?;
        i += rel;
        if hay.get(i..i + needle.len()) == Some(needle) {
            return Some(i);
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_types_pick_the_parser() {
        let cases = [
            (
                "application/x-www-form-urlencoded; charset=UTF-8",
                BodyKind::Form,
            ),
            ("Application/JSON", BodyKind::Json),
            ("application/vnd.api+json", BodyKind::Json),
            (
                "multipart/form-data; boundary=abc",
                BodyKind::Multipart("abc".into()),
            ),
            (
                "multipart/form-data; boundary=\"a b\"",
                BodyKind::Multipart("a b".into()),
            ),
            ("multipart/form-data", BodyKind::MultipartWithoutBoundary),
            ("text/plain", BodyKind::Other),
            ("", BodyKind::Other),
        ];
        for (ct, want) in cases {
            assert_eq!(kind(ct), want, "{ct}");
        }
    }

    fn values(j: &Json) -> Vec<(String, String)> {
        j.items
            .iter()
            .filter_map(|i| match i {
                JsonItem::Value { key, value } => {
                    Some((key.to_string(), String::from_utf8_lossy(value).into_owned()))
                }
                JsonItem::Key(_) => None,
            })
            .collect()
    }

    #[test]
    fn json_yields_every_key_and_value_unescaped() {
        let j = json(br#"{"user":{"name":"O'Reilly","tags":["a","<b>"],"age":42,"ok":true},"q":"\u003cscript\u003e \ud83d\ude00"}"#);
        assert!(j.complete);
        assert_eq!(
            values(&j),
            vec![
                ("name".into(), "O'Reilly".into()),
                ("tags".into(), "a".into()),
                ("tags".into(), "<b>".into()),
                ("age".into(), "42".into()),
                ("ok".into(), "true".into()),
                ("q".into(), "<script> 😀".into()),
            ]
        );
        let keys: Vec<&JsonItem> = j
            .items
            .iter()
            .filter(|i| matches!(i, JsonItem::Key(_)))
            .collect();
        assert_eq!(keys.len(), 6);
    }

    #[test]
    fn strings_without_escapes_are_borrowed_and_read_as_escaped_ones_are() {
        let (s, end, ok) = json_string(br#"{"a":"plain"}"#, 6);
        assert!(matches!(s, Cow::Borrowed(b"plain")) && end == 12 && ok);
        let (s, _, _) = json_string(br#""tab	here""#, 1);
        assert_eq!(&*s, b"tab\there");
        // Whatever the bytes, the borrowing path and the escape-reading
        // path agree on the text, where it ends, and whether it is good.
        let alphabet = b"ab\\\"u0D8c{}:, \x00\xff";
        let mut rng = crate::testing::Rng(11);
        for _ in 0..5000 {
            let text: Vec<u8> = (0..rng.below(16))
                .map(|_| {
                    alphabet
                        .get(rng.below(alphabet.len()))
                        .copied()
                        .unwrap_or(b'a')
                })
                .collect();
            let (fast, end, ok) = json_string(&text, 0);
            let (slow, slow_end, slow_ok) = json_string_escaped(&text, 0);
            assert_eq!(
                (&*fast, end, ok),
                (&slow[..], slow_end, slow_ok),
                "{text:?}"
            );
        }
    }

    #[test]
    fn malformed_json_still_yields_what_it_can() {
        for (text, want) in [
            (&br#"{"a":"x""#[..], "x"),
            (br#"{"a":"unterminated"#, "unterminated"),
            (br#"["x"]]"#, "x"),
            (br#"{"a":"bad \q escape"}"#, "bad \\q escape"),
            (br#"not json at all "x""#, "x"),
        ] {
            let j = json(text);
            assert!(!j.complete, "{}", String::from_utf8_lossy(text));
            assert!(
                values(&j).iter().any(|(_, v)| v == want),
                "{:?}",
                values(&j)
            );
        }
        assert!(json(b"{}").complete);
        assert!(json(b" [] ").complete);
        assert!(!json(b"").complete);
        assert!(!json(b"   ").complete);
    }

    #[test]
    fn deeply_nested_json_is_a_loop_not_a_stack_overflow() {
        let mut s = "[".repeat(100_000);
        s.push_str("\"deep\"");
        s.push_str(&"]".repeat(100_000));
        let j = json(s.as_bytes());
        assert!(j.complete);
        assert_eq!(values(&j), vec![(String::new(), "deep".into())]);
    }

    #[test]
    fn content_disposition_parameters_respect_quoted_strings() {
        let cases: &[(&str, &str, Option<&str>)] = &[
            (
                r#"form-data; name="f"; filename="a; b.txt""#,
                "f",
                Some("a; b.txt"),
            ),
            (
                r#"form-data; name="f"; filename="1); SHUTDOWN;--""#,
                "f",
                Some("1); SHUTDOWN;--"),
            ),
            (
                r#"form-data; name="f"; filename="say \"hi\".txt""#,
                "f",
                Some(r#"say "hi".txt"#),
            ),
            (
                r#"form-data; name=plain; filename=x.txt"#,
                "plain",
                Some("x.txt"),
            ),
            (
                "form-data; name=\"f\"; filename*=UTF-8''%e2%82%ac%20rates.txt",
                "f",
                Some("€ rates.txt"),
            ),
            (
                "form-data; name=\"f\"; filename*=UTF-8''plain.txt",
                "f",
                Some("plain.txt"),
            ),
            (
                "form-data; name=\"f\"; filename*=ISO-8859-1''%a3%20rates.txt",
                "f",
                Some("\u{FFFD} rates.txt"),
            ),
            (
                r#"form-data; name="f"; filename="a.txt"; filename*=UTF-8''b.php"#,
                "f",
                Some("a.txt"),
            ),
            (r#"form-data; name="unterminated"#, "unterminated", None),
            (r#"form-data; name="f""#, "f", None),
        ];
        for (value, name, filename) in cases {
            let head = format!("Content-Disposition: {value}\r\n");
            let (n, f) = disposition(head.as_bytes());
            assert_eq!((n.as_str(), f.as_deref()), (*name, *filename), "{value}");
        }
    }

    #[test]
    fn multipart_parts_with_names_filenames_and_values() {
        let body = b"--XyZ\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nHello\r\n--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"../../etc/passwd\"\r\nContent-Type: text/plain\r\n\r\nroot:x:0:0\r\n--XyZ--\r\n";
        let m = multipart(body, "XyZ");
        assert!(m.complete);
        assert_eq!(m.parts.len(), 2);
        assert_eq!(m.parts[0].name, "title");
        assert_eq!(m.parts[0].value, b"Hello");
        assert_eq!(m.parts[1].filename.as_deref(), Some("../../etc/passwd"));
        assert_eq!(m.parts[1].value, b"root:x:0:0");
    }

    #[test]
    fn truncated_multipart_is_incomplete_but_read() {
        let body =
            b"--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n<script>alert(1)</scr";
        let m = multipart(body, "b");
        assert!(!m.complete);
        assert_eq!(m.parts[0].value, b"<script>alert(1)</scr");
        assert!(!multipart(b"no delimiter at all", "b").complete);
        assert!(!multipart(b"--b\r\nno blank line\r\n--b--", "b").complete);
    }
}
