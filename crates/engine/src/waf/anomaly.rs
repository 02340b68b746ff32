//! Protocol anomalies: things about a request's shape that a well-behaved
//! client (a browser, an HTTP library, a mobile app) does not do, and that
//! request smuggling, parser confusion and encoding tricks need.
//!
//! Each is a fact about the request as a whole, noted while
//! [`fields`](super::fields) takes it apart; rules match them with
//! `anomaly = "…"`. What counts as each one, and why an ordinary client
//! never trips it, is on the variants. Checks here look at header names and
//! values only; the ones about encodings and bodies are made where those
//! are decoded.

/// Something a well-behaved client does not do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Anomaly {
    /// A `%` not followed by two hex digits (also `%uXXXX`, which no
    /// browser sends), in the path, query or a form body.
    BadPercentEncoding,
    /// Percent-encoding that only a filter-evading client writes: IIS's
    /// `%uXXXX`, or `%%` (`%%41`, which a decoder that decodes twice
    /// turns into `A`).
    EvasivePercentEncoding,
    /// A NUL byte in the path, query, a header, or a form/JSON value.
    NulByte,
    /// Both `Content-Length` and `Transfer-Encoding`, or several
    /// `Content-Length`s that disagree.
    ConflictingLength,
    /// The body claims a type it does not have (invalid JSON, multipart
    /// without a boundary or final delimiter).
    MalformedBody,
    /// The body is larger than the inspection limit; only its start was
    /// looked at.
    BodyOverLimit,
    /// `Transfer-Encoding` other than a single, plain `chunked`
    /// (`xchunked`, ` chunked`, `chunked, identity`, `gzip, chunked`, or
    /// the header twice): servers disagree on these, which is what
    /// request smuggling needs.
    BadTransferEncoding,
    /// A header name with a byte HTTP does not allow in one (a space
    /// before the colon, a control byte, a non-ASCII byte).
    BadHeaderName,
    /// A CR or LF inside a header value (obsolete line folding, or an
    /// injected header line).
    HeaderLineBreak,
    /// `Host` empty, sent twice, or holding bytes no host name has.
    BadHost,
    /// `Host` is a numeric IP address: a client that reached the site by
    /// name sends the name. Loopback addresses are not counted: local
    /// development (`wrangler dev`) is reached by them, and a site behind
    /// Cloudflare never is.
    HostIsIp,
    /// A `Range` header asking for more than [`MAX_RANGES`] ranges, or for
    /// overlapping ones (the "Apache killer" denial of service).
    RangeAbuse,
    /// A `charset` in `Content-Type` (or an `encoding` in an XML
    /// declaration) outside the ones the web uses; UTF-7 and EBCDIC code
    /// pages hide payloads from filters that read UTF-8.
    BadCharset,
    /// A GET or HEAD request with a body.
    BodyOnGet,
    /// An overlong UTF-8 sequence after percent-decoding (`%c0%af` for
    /// `/`): no encoder produces one; decoders that accept one turn it into
    /// `/`, `.` or NUL behind the filter's back.
    OverlongUtf8,
}

/// More ranges than this in one `Range` header is [`Anomaly::RangeAbuse`].
pub const MAX_RANGES: usize = 16;

const ALL: [(Anomaly, &str); 15] = [
    (Anomaly::BadPercentEncoding, "bad_percent_encoding"),
    (Anomaly::EvasivePercentEncoding, "evasive_percent_encoding"),
    (Anomaly::NulByte, "nul_byte"),
    (Anomaly::ConflictingLength, "conflicting_length"),
    (Anomaly::MalformedBody, "malformed_body"),
    (Anomaly::BodyOverLimit, "body_over_limit"),
    (Anomaly::BadTransferEncoding, "bad_transfer_encoding"),
    (Anomaly::BadHeaderName, "bad_header_name"),
    (Anomaly::HeaderLineBreak, "header_line_break"),
    (Anomaly::BadHost, "bad_host"),
    (Anomaly::HostIsIp, "host_is_ip"),
    (Anomaly::RangeAbuse, "range_abuse"),
    (Anomaly::BadCharset, "bad_charset"),
    (Anomaly::BodyOnGet, "body_on_get"),
    (Anomaly::OverlongUtf8, "overlong_utf8"),
];

impl Anomaly {
    /// Every anomaly's name, in declaration order.
    pub const NAMES: &'static [&'static str] = &{
        let mut names = [""; ALL.len()];
        let mut i = 0;
        while i < ALL.len() {
            names[i] = ALL[i].1;
            i += 1;
        }
        names
    };

    pub fn as_str(self) -> &'static str {
        ALL.iter()
            .find(|(a, _)| *a == self)
            .map_or("", |(_, name)| name)
    }

    pub fn parse(s: &str) -> Option<Self> {
        ALL.iter().find(|(_, name)| *name == s).map(|(a, _)| *a)
    }
}

/// The anomalies in a request's headers (names and values as sent).
pub fn in_headers<'h>(
    headers: impl IntoIterator<Item = (&'h str, &'h str)>,
    method: &str,
    has_body: bool,
    out: &mut Vec<Anomaly>,
) {
    let mut lengths: Vec<&str> = Vec::new();
    let mut encodings = 0usize;
    let mut hosts = 0usize;
    for (name, value) in headers {
        if name.is_empty() || !name.bytes().all(is_tchar) {
            out.push(Anomaly::BadHeaderName);
        }
        if value.bytes().any(|b| b == b'\r' || b == b'\n') {
            out.push(Anomaly::HeaderLineBreak);
        }
        if value.as_bytes().contains(&0) {
            out.push(Anomaly::NulByte);
        }
        let name = name.trim();
        if name.eq_ignore_ascii_case("content-length") {
            lengths.push(value.trim());
        } else if name.eq_ignore_ascii_case("transfer-encoding") {
            encodings += 1;
            if encodings > 1 || !value.eq_ignore_ascii_case("chunked") {
                out.push(Anomaly::BadTransferEncoding);
            }
        } else if name.eq_ignore_ascii_case("host") {
            hosts += 1;
            match host_kind(value) {
                Host::Name => {}
                Host::Ip => out.push(Anomaly::HostIsIp),
                Host::Bad => out.push(Anomaly::BadHost),
            }
        } else if name.eq_ignore_ascii_case("range") {
            if range_abuse(value) {
                out.push(Anomaly::RangeAbuse);
            }
        } else if name.eq_ignore_ascii_case("content-type") {
            if let Some(cs) = param(value, "charset") {
                if !allowed_charset(cs) {
                    out.push(Anomaly::BadCharset);
                }
            }
        }
    }
    let mut distinct = lengths.clone();
    distinct.sort_unstable();
    distinct.dedup();
    if (encodings > 0 && !lengths.is_empty()) || distinct.len() > 1 {
        out.push(Anomaly::ConflictingLength);
    }
    if hosts > 1 {
        out.push(Anomaly::BadHost);
    }
    if has_body && (method.eq_ignore_ascii_case("GET") || method.eq_ignore_ascii_case("HEAD")) {
        out.push(Anomaly::BodyOnGet);
    }
}

/// A body's own declaration of its encoding: `<?xml … encoding="utf-7"?>`.
pub fn in_xml_declaration(body: &[u8], out: &mut Vec<Anomaly>) {
    let head = body.get(..body.len().min(256)).unwrap_or(body);
    let text = String::from_utf8_lossy(head);
    let text = text.trim_start_matches('\u{feff}').trim_start();
    let Some(decl) = text.strip_prefix("<?xml") else {
        return;
    };
    let decl = decl.split("?>").next().unwrap_or(decl);
    let Some(i) = decl.find("encoding") else {
        return;
    };
    let rest = decl[i + "encoding".len()..].trim_start();
    let Some(rest) = rest.strip_prefix('=') else {
        return;
    };
    let rest = rest.trim_start();
    let value = rest
        .trim_start_matches(['"', '\''])
        .split(['"', '\'', ' ', '?'])
        .next()
        .unwrap_or("");
    if !allowed_charset(value) {
        out.push(Anomaly::BadCharset);
    }
}

/// Does this (percent-decoded) value hold an overlong UTF-8 sequence?
pub fn has_overlong_utf8(s: &[u8]) -> bool {
    s.windows(2).any(|w| match (w[0], w[1]) {
        // Two-byte forms of ASCII.
        (0xC0 | 0xC1, 0x80..=0xBF) => true,
        // Three-byte forms of what fits in two bytes.
        (0xE0, 0x80..=0x9F) => true,
        // Four-byte forms of what fits in three bytes.
        (0xF0, 0x80..=0x8F) => true,
        _ => false,
    })
}

/// `%u` followed by a hex digit, or `%%`, in a raw (not yet decoded)
/// path, query or form body.
pub fn has_evasive_escape(s: &[u8]) -> bool {
    s.windows(3).any(|w| {
        w[0] == b'%' && ((matches!(w[1], b'u' | b'U') && w[2].is_ascii_hexdigit()) || w[1] == b'%')
    })
}

/// RFC 9110 `tchar`: the bytes a header name may have.
fn is_tchar(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

enum Host {
    Name,
    Ip,
    Bad,
}

/// What a `Host` value is: a name (with an optional port), an IP literal,
/// or something no host is.
fn host_kind(value: &str) -> Host {
    let v = value.trim();
    if v.is_empty() {
        return Host::Bad;
    }
    let host = if let Some(rest) = v.strip_prefix('[') {
        match rest.split_once(']') {
            Some((ip, port)) if port.is_empty() || is_port(port) => {
                return match ip.parse::<std::net::Ipv6Addr>() {
                    Ok(a) if a.is_loopback() => Host::Name,
                    Ok(_) => Host::Ip,
                    Err(_) => Host::Bad,
                };
            }
            _ => return Host::Bad,
        }
    } else {
        match v.rsplit_once(':') {
            Some((h, port)) if is_port(&format!(":{port}")) => h,
            Some(_) => return Host::Bad,
            None => v,
        }
    };
    if host.is_empty()
        || !host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.' || b == b'_')
    {
        return Host::Bad;
    }
    match host.parse::<std::net::Ipv4Addr>() {
        // Local development (wrangler dev, Miniflare) is reached by
        // loopback address; a site on Cloudflare never is.
        Ok(a) if a.is_loopback() => Host::Name,
        Ok(_) => Host::Ip,
        Err(_) => Host::Name,
    }
}

/// `:` followed by 1–5 digits.
fn is_port(s: &str) -> bool {
    s.strip_prefix(':')
        .is_some_and(|p| !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()))
}

/// Too many ranges, or two that overlap (`bytes=0-,0-`).
fn range_abuse(value: &str) -> bool {
    let Some(spec) = value.trim().strip_prefix("bytes=") else {
        return false;
    };
    let mut ranges: Vec<(u64, u64)> = Vec::new();
    for part in spec.split(',') {
        if ranges.len() >= MAX_RANGES {
            return true;
        }
        let Some((a, b)) = part.trim().split_once('-') else {
            continue;
        };
        let (Ok(start), end) = (a.trim().parse::<u64>(), b.trim().parse::<u64>()) else {
            // Suffix ranges (`-500`) cannot be placed without the length.
            continue;
        };
        let end = end.unwrap_or(u64::MAX);
        if ranges.iter().any(|&(s, e)| start <= e && s <= end) {
            return true;
        }
        ranges.push((start, end));
    }
    false
}

/// A parameter of a media type: `charset` of `text/html; charset=utf-8`.
fn param<'v>(value: &'v str, key: &str) -> Option<&'v str> {
    value.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case(key)
            .then(|| v.trim().trim_matches('"'))
    })
}

/// Character sets the web uses (WHATWG Encoding labels in common use).
/// Anything else, UTF-7 and EBCDIC above all, is a way around filters.
fn allowed_charset(cs: &str) -> bool {
    const OK: &[&str] = &[
        "utf-8",
        "utf8",
        "us-ascii",
        "ascii",
        "iso-8859-1",
        "latin1",
        "windows-1250",
        "windows-1251",
        "windows-1252",
        "windows-1253",
        "windows-1254",
        "windows-1255",
        "windows-1256",
        "windows-1257",
        "windows-1258",
        "shift_jis",
        "sjis",
        "euc-jp",
        "iso-2022-jp",
        "euc-kr",
        "gb2312",
        "gbk",
        "gb18030",
        "big5",
        "koi8-r",
        "koi8-u",
        "utf-16",
        "utf-16le",
        "utf-16be",
    ];
    let cs = cs.trim();
    OK.iter().any(|ok| ok.eq_ignore_ascii_case(cs))
        || cs
            .get(..9)
            .is_some_and(|p| p.eq_ignore_ascii_case("iso-8859-"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(h: &[(&str, &str)], method: &str, body: bool) -> Vec<Anomaly> {
        let mut out = Vec::new();
        in_headers(h.iter().copied(), method, body, &mut out);
        out.sort();
        out.dedup();
        out
    }

    #[test]
    fn names_round_trip() {
        for name in Anomaly::NAMES {
            let a = Anomaly::parse(name);
            assert_eq!(a.map(Anomaly::as_str), Some(*name));
        }
        assert_eq!(Anomaly::NAMES.len(), ALL.len());
    }

    #[test]
    fn ordinary_browser_headers_are_not_anomalies() {
        let ordinary: &[&[(&str, &str)]] = &[
            &[
                ("Host", "example.com"),
                (
                    "User-Agent",
                    "Mozilla/5.0 (X11; Linux x86_64) Firefox/125.0",
                ),
                ("Accept", "text/html,*/*;q=0.8"),
                (
                    "Content-Type",
                    "application/x-www-form-urlencoded; charset=UTF-8",
                ),
            ],
            &[("Host", "shop.example.com:8443"), ("Range", "bytes=0-1023")],
            &[
                ("Host", "xn--bcher-kva.example"),
                ("Range", "bytes=0-99,200-299,-500"),
            ],
            &[("host", "localhost:8787"), ("Transfer-Encoding", "chunked")],
            &[("Host", "127.0.0.1:8787")],
            &[("Host", "[::1]:8787")],
            &[("Content-Type", "text/plain; charset=\"iso-8859-15\"")],
            &[("Content-Type", "application/json")],
            &[("Content-Length", "5"), ("content-length", "5")],
        ];
        for h in ordinary {
            assert_eq!(headers(h, "POST", true), vec![], "{h:?}");
        }
        assert_eq!(headers(&[("Host", "example.com")], "GET", false), vec![]);
    }

    /// Headers, method, whether there is a body, and the anomaly expected.
    type Case<'a> = (&'a [(&'a str, &'a str)], &'a str, bool, Anomaly);

    #[test]
    fn header_anomalies_are_named() {
        use Anomaly::*;
        let cases: &[Case] = &[
            (&[("Transfer-Encoding", "xchunked")], "POST", true, BadTransferEncoding),
            (&[("Transfer-Encoding", " chunked")], "POST", true, BadTransferEncoding),
            (&[("Transfer-Encoding", "chunked, identity")], "POST", true, BadTransferEncoding),
            (&[("Transfer-Encoding", "gzip, chunked")], "POST", true, BadTransferEncoding),
            (
                &[("Transfer-Encoding", "chunked"), ("Transfer-Encoding", "identity")],
                "POST",
                true,
                BadTransferEncoding,
            ),
            (
                &[("Content-Length", "4"), ("Transfer-Encoding", "chunked")],
                "POST",
                true,
                ConflictingLength,
            ),
            (&[("Content-Length", "3"), ("Content-Length", "7")], "POST", true, ConflictingLength),
            (&[("Transfer-Encoding ", "chunked")], "POST", true, BadHeaderName),
            (&[("X Custom", "1")], "GET", false, BadHeaderName),
            (&[("X-Folded", "first\r\n second")], "GET", false, HeaderLineBreak),
            (&[("X-Id", "abc\nX-Original-URL: /admin")], "GET", false, HeaderLineBreak),
            (&[("X-Id", "a\0b")], "GET", false, NulByte),
            (&[("Host", "")], "GET", false, BadHost),
            (&[("Host", "example.com"), ("Host", "evil.example")], "GET", false, BadHost),
            (&[("Host", "example.com/evil")], "GET", false, BadHost),
            (&[("Host", "example.com:80:80")], "GET", false, BadHost),
            (&[("Host", "192.0.2.1")], "GET", false, HostIsIp),
            (&[("Host", "203.0.113.9:8080")], "GET", false, HostIsIp),
            (&[("Host", "[2001:db8::1]:443")], "GET", false, HostIsIp),
            (&[("Range", "bytes=0-1,2-3,4-5,6-7,8-9,10-11,12-13,14-15,16-17,18-19,20-21,22-23,24-25,26-27,28-29,30-31,32-33")], "GET", false, RangeAbuse),
            (&[("Range", "bytes=0-,0-")], "GET", false, RangeAbuse),
            (&[("Range", "bytes=100-200,150-160")], "GET", false, RangeAbuse),
            (&[("Content-Type", "application/x-www-form-urlencoded; charset=utf-7")], "POST", true, BadCharset),
            (&[("Content-Type", "text/xml; charset=ibm037")], "POST", true, BadCharset),
            (&[("Content-Type", "application/x-www-form-urlencoded")], "GET", true, BodyOnGet),
            (&[], "HEAD", true, BodyOnGet),
        ];
        for (h, method, body, want) in cases {
            let got = headers(h, method, *body);
            assert!(got.contains(want), "{h:?}: want {want:?}, got {got:?}");
        }
    }

    #[test]
    fn xml_declarations_with_foreign_encodings_are_anomalies() {
        let bad: &[&[u8]] = &[
            b"<?xml version=\"1.0\" encoding=\"UTF-7\"?>+ADw-foo+AD4-",
            b"\xef\xbb\xbf<?xml version='1.0' encoding='ibm037'?><a/>",
        ];
        for b in bad {
            let mut out = Vec::new();
            in_xml_declaration(b, &mut out);
            assert_eq!(
                out,
                vec![Anomaly::BadCharset],
                "{}",
                String::from_utf8_lossy(b)
            );
        }
        let good: &[&[u8]] = &[
            b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><a/>",
            b"<?xml version=\"1.0\"?><a/>",
            b"<a>encoding=\"utf-7\"</a>",
            b"",
        ];
        for b in good {
            let mut out = Vec::new();
            in_xml_declaration(b, &mut out);
            assert_eq!(out, vec![], "{}", String::from_utf8_lossy(b));
        }
    }

    #[test]
    fn evasive_escapes_are_found_and_ordinary_ones_are_not() {
        for bad in ["%u0027", "%U00", "a=%%41", "%u1", "x%%y"] {
            assert!(has_evasive_escape(bad.as_bytes()), "{bad}");
        }
        for good in ["", "%20", "100%25", "%E2%82%AC", "%zz", "%", "menu=%75"] {
            assert!(!has_evasive_escape(good.as_bytes()), "{good}");
        }
    }

    #[test]
    fn overlong_utf8_is_found_and_real_utf8_is_not() {
        for bad in [
            &b"\xc0\xaf"[..],
            b"a\xc0\x80",
            b"\xe0\x80\xaf",
            b"\xf0\x80\x80\xaf",
            b"\xc1\xbf",
        ] {
            assert!(has_overlong_utf8(bad), "{bad:?}");
        }
        for good in ["", "/etc", "é", "日本語", "😀", "Grüße"] {
            assert!(!has_overlong_utf8(good.as_bytes()), "{good}");
        }
        assert!(
            !has_overlong_utf8(b"\xe9t\xe9"),
            "latin-1 is invalid UTF-8, not overlong"
        );
    }
}
