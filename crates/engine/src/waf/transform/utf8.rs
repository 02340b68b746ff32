//! UTF-8 as attackers spell it: overlong sequences (`utf8_overlong`), and
//! the non-ASCII characters that an origin's best-fit or compatibility
//! conversion turns into ASCII syntax (folded by `url_decode_uni`, and the
//! full-width ones by `js_decode` and `css_decode`).

use std::borrow::Cow;

use super::{output, push_char};

pub(super) fn utf8_overlong(input: &[u8]) -> Cow<'_, [u8]> {
    // Find the first one without allocating: valid non-ASCII text (which
    // shares lead bytes with overlong forms) comes back borrowed.
    let Some(first) = (0..input.len()).find(|&i| input.get(i..).and_then(overlong_at).is_some())
    else {
        return Cow::Borrowed(input);
    };
    let Some((clean, mut rest)) = input.split_at_checked(first) else {
        return Cow::Borrowed(input);
    };
    let mut out = output(clean, input.len());
    while let [b, tail @ ..] = rest {
        match overlong_at(rest) {
            Some((cp, len)) => {
                push_char(&mut out, cp);
                rest = rest.get(len..).unwrap_or_default();
            }
            None => {
                out.push(*b);
                rest = tail;
            }
        }
    }
    Cow::Owned(out)
}

/// When `s` starts with an overlong sequence, the character it encodes and
/// the sequence's length. A sequence is a lead byte announcing 2–6 bytes
/// followed by that many continuation bytes (`10xxxxxx`); it is overlong
/// when the character it encodes needs fewer. Sequences for surrogates or
/// for values above U+10FFFF are not characters and are left alone.
fn overlong_at(s: &[u8]) -> Option<(u32, usize)> {
    let [lead, more @ ..] = s else {
        return None;
    };
    let len = lead.leading_ones() as usize;
    if !(2..=6).contains(&len) {
        return None;
    }
    let continuation = more.get(..len - 1)?;
    if !continuation.iter().all(|c| c & 0xC0 == 0x80) {
        return None;
    }
    // A lead byte of `len` ones carries 7 - len bits; each continuation 6.
    let mut cp = u32::from(lead & (0x7F >> len));
    for c in continuation {
        cp = cp << 6 | u32::from(c & 0x3F);
    }
    let shortest = match cp {
        0..=0x7F => 1,
        0x80..=0x7FF => 2,
        0x800..=0xFFFF => 3,
        0x10000..=0x10FFFF => 4,
        _ => return None,
    };
    (len > shortest && char::from_u32(cp).is_some()).then_some((cp, len))
}

/// `input` with every UTF-8 character that [`best_fit`] maps to ASCII
/// replaced by that ASCII byte; borrowed when there is none.
pub(super) fn best_fit_utf8(input: &[u8]) -> Cow<'_, [u8]> {
    // Every folded character is multi-byte UTF-8: ASCII (the usual case,
    // checked a word at a time) has nothing to fold.
    if input.is_ascii() {
        return Cow::Borrowed(input);
    }
    let Some(first) = (0..input.len()).find(|&i| input.get(i..).and_then(folds_at).is_some())
    else {
        return Cow::Borrowed(input);
    };
    let Some((clean, mut rest)) = input.split_at_checked(first) else {
        return Cow::Borrowed(input);
    };
    let mut out = output(clean, input.len());
    while let [b, tail @ ..] = rest {
        match folds_at(rest) {
            Some((ascii, len)) => {
                out.push(ascii);
                rest = rest.get(len..).unwrap_or_default();
            }
            None => {
                out.push(*b);
                rest = tail;
            }
        }
    }
    Cow::Owned(out)
}

/// When `s` starts with a UTF-8 character that [`best_fit`] maps, the
/// ASCII byte and the character's length. Every mapped character is in the
/// Basic Multilingual Plane, so two or three bytes.
fn folds_at(s: &[u8]) -> Option<(u8, usize)> {
    let len = match s.first()? {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => return None,
    };
    let c = std::str::from_utf8(s.get(..len)?).ok()?.chars().next()?;
    Some((best_fit(u32::from(c))?, len))
}

/// The ASCII character that a full-width form (U+FF01–FF5E) stands for.
/// Browsers do not fold these, but Unicode compatibility normalisation
/// (NFKC, which applications apply to identifiers) and Windows' best-fit
/// conversion to a code page do.
pub(super) fn fullwidth(cp: u32) -> Option<u8> {
    match cp {
        0xFF01..=0xFF5E => u8::try_from(cp - 0xFEE0).ok(),
        _ => None,
    }
}

/// The ASCII letter or digit that an enclosed alphanumeric (`ⓛ`, `Ⓐ`,
/// `①`) stands for under NFKC, which IDNA applies to host names: the
/// circled `ⓛⓞⓒⓐⓛⓗⓞⓢⓣ` is `localhost` to a URL parser. Circled numbers
/// from ten up are two digits and are left alone.
fn enclosed(cp: u32) -> Option<u8> {
    let ascii = match cp {
        0x2460..=0x2468 => cp - 0x2460 + u32::from(b'1'),
        0x24B6..=0x24CF => cp - 0x24B6 + u32::from(b'A'),
        0x24D0..=0x24E9 => cp - 0x24D0 + u32::from(b'a'),
        0x24EA => u32::from(b'0'),
        _ => return None,
    };
    u8::try_from(ascii).ok()
}

/// The ASCII character that Windows' best-fit conversion to a code page
/// (IIS, classic ASP, `…A` API calls), or NFKC normalisation, makes of
/// `cp`, for the characters that matter to a WAF: ASCII punctuation and
/// spaces. Full-width forms, small form variants (U+FE50–FE6B), and the
/// punctuation of ModSecurity's default best-fit map, plus the slashes
/// `∕` `⁄` `∖`. Letters with diacritics (`é` → `e` in the best-fit map)
/// are not folded.
pub(super) fn best_fit(cp: u32) -> Option<u8> {
    if let Some(ascii) = fullwidth(cp).or_else(|| enclosed(cp)) {
        return Some(ascii);
    }
    let i = BEST_FIT.binary_search_by_key(&cp, |&(c, _)| c).ok()?;
    BEST_FIT.get(i).map(|&(_, ascii)| ascii)
}

/// Sorted by code point (a test checks).
const BEST_FIT: &[(u32, u8)] = &[
    (0x00A0, b' '),  // NO-BREAK SPACE
    (0x00AB, b'<'),  // LEFT-POINTING DOUBLE ANGLE QUOTATION MARK
    (0x00AD, b'-'),  // SOFT HYPHEN
    (0x00B7, b'.'),  // MIDDLE DOT
    (0x00B8, b','),  // CEDILLA
    (0x00BB, b'>'),  // RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK
    (0x02B9, b'\''), // MODIFIER LETTER PRIME
    (0x02BA, b'"'),  // MODIFIER LETTER DOUBLE PRIME
    (0x02BC, b'\''), // MODIFIER LETTER APOSTROPHE
    (0x02C4, b'^'),  // MODIFIER LETTER UP ARROWHEAD
    (0x02C6, b'^'),  // MODIFIER LETTER CIRCUMFLEX ACCENT
    (0x02C8, b'\''), // MODIFIER LETTER VERTICAL LINE
    (0x02CB, b'`'),  // MODIFIER LETTER GRAVE ACCENT
    (0x02CD, b'_'),  // MODIFIER LETTER LOW MACRON
    (0x02DC, b'~'),  // SMALL TILDE
    (0x2000, b' '),  // EN QUAD
    (0x2001, b' '),  // EM QUAD
    (0x2002, b' '),  // EN SPACE
    (0x2003, b' '),  // EM SPACE
    (0x2004, b' '),  // THREE-PER-EM SPACE
    (0x2005, b' '),  // FOUR-PER-EM SPACE
    (0x2006, b' '),  // SIX-PER-EM SPACE
    (0x2010, b'-'),  // HYPHEN
    (0x2011, b'-'),  // NON-BREAKING HYPHEN
    (0x2013, b'-'),  // EN DASH
    (0x2014, b'-'),  // EM DASH
    (0x2018, b'\''), // LEFT SINGLE QUOTATION MARK
    (0x2019, b'\''), // RIGHT SINGLE QUOTATION MARK
    (0x201A, b','),  // SINGLE LOW-9 QUOTATION MARK
    (0x201C, b'"'),  // LEFT DOUBLE QUOTATION MARK
    (0x201D, b'"'),  // RIGHT DOUBLE QUOTATION MARK
    (0x201E, b'"'),  // DOUBLE LOW-9 QUOTATION MARK
    (0x2022, b'.'),  // BULLET
    (0x2024, b'.'),  // ONE DOT LEADER
    (0x2026, b'.'),  // HORIZONTAL ELLIPSIS
    (0x2032, b'\''), // PRIME
    (0x2035, b'`'),  // REVERSED PRIME
    (0x2039, b'<'),  // SINGLE LEFT-POINTING ANGLE QUOTATION MARK
    (0x203A, b'>'),  // SINGLE RIGHT-POINTING ANGLE QUOTATION MARK
    (0x2044, b'/'),  // FRACTION SLASH
    (0x2212, b'-'),  // MINUS SIGN
    (0x2215, b'/'),  // DIVISION SLASH
    (0x2216, b'\\'), // SET MINUS
    (0x2236, b':'),  // RATIO
    (0x3000, b' '),  // IDEOGRAPHIC SPACE
    (0xFE50, b','),  // SMALL COMMA
    (0xFE52, b'.'),  // SMALL FULL STOP
    (0xFE54, b';'),  // SMALL SEMICOLON
    (0xFE55, b':'),  // SMALL COLON
    (0xFE56, b'?'),  // SMALL QUESTION MARK
    (0xFE57, b'!'),  // SMALL EXCLAMATION MARK
    (0xFE59, b'('),  // SMALL LEFT PARENTHESIS
    (0xFE5A, b')'),  // SMALL RIGHT PARENTHESIS
    (0xFE5B, b'{'),  // SMALL LEFT CURLY BRACKET
    (0xFE5C, b'}'),  // SMALL RIGHT CURLY BRACKET
    (0xFE5F, b'#'),  // SMALL NUMBER SIGN
    (0xFE60, b'&'),  // SMALL AMPERSAND
    (0xFE61, b'*'),  // SMALL ASTERISK
    (0xFE62, b'+'),  // SMALL PLUS SIGN
    (0xFE63, b'-'),  // SMALL HYPHEN-MINUS
    (0xFE64, b'<'),  // SMALL LESS-THAN SIGN
    (0xFE65, b'>'),  // SMALL GREATER-THAN SIGN
    (0xFE66, b'='),  // SMALL EQUALS SIGN
    (0xFE68, b'\\'), // SMALL REVERSE SOLIDUS
    (0xFE69, b'$'),  // SMALL DOLLAR SIGN
    (0xFE6A, b'%'),  // SMALL PERCENT SIGN
    (0xFE6B, b'@'),  // SMALL COMMERCIAL AT
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::waf::transform::Transform;

    #[test]
    fn best_fit_table_is_sorted_for_binary_search() {
        assert!(BEST_FIT
            .windows(2)
            .all(|w| matches!(w, [a, b] if a.0 < b.0)));
        assert!(BEST_FIT.iter().all(|&(cp, a)| cp >= 0x80 && a.is_ascii()));
    }

    #[test]
    fn full_width_ascii_maps_to_ascii_and_nothing_else_does() {
        assert_eq!(fullwidth(0xFF01), Some(b'!'));
        assert_eq!(fullwidth(0xFF0F), Some(b'/'));
        assert_eq!(fullwidth(0xFF5E), Some(b'~'));
        assert_eq!(fullwidth(0xFF00), None);
        assert_eq!(fullwidth(0xFF5F), None);
        assert_eq!(best_fit(0x4E3C), None);
        assert_eq!(best_fit(0x24DB), Some(b'l'), "circled l");
        assert_eq!(best_fit(0x24B6), Some(b'A'), "circled A");
        assert_eq!(best_fit(0x2460), Some(b'1'), "circled one");
        assert_eq!(best_fit(0x2469), None, "circled ten is two digits");
        assert_eq!(best_fit(0x00E9), None);
    }

    #[test]
    fn utf8_overlong_decodes_overlong_forms_to_the_shortest_one() {
        let cases: &[(&[u8], &[u8])] = &[
            (b"", b""),
            (b"plain", b"plain"),
            (b"\xc0\xae\xc0\xae\xc0\xaf", b"../"),
            (b"\xc0\xaf", b"/"),
            (b"\xc1\x9c", b"\\"),
            (b"\xe0\x80\xaf", b"/"),
            (b"\xf0\x80\x80\xaf", b"/"),
            (b"\xf8\x80\x80\x80\xaf", b"/"),
            (b"\xfc\x80\x80\x80\x80\xaf", b"/"),
            (b"\xe0\x80\xbcscript\xe0\x80\xbe", b"<script>"),
            (b"\xc0\x80", b"\x00"),
            // Overlong, but of a character that needs two bytes.
            (b"\xe0\x83\xa9", "é".as_bytes()),
            (b"\xf0\x82\x82\xac", "€".as_bytes()),
            // Valid UTF-8, broken sequences and other bytes stay.
            ("é€😀日本".as_bytes(), "é€😀日本".as_bytes()),
            (b"\xc0", b"\xc0"),
            (b"\xc0/", b"\xc0/"),
            (b"\xe0\x80", b"\xe0\x80"),
            (b"\xe0\x80/", b"\xe0\x80/"),
            (b"\xff\xfe\x80", b"\xff\xfe\x80"),
            // An overlong surrogate, or a value above U+10FFFF, is not a
            // character.
            (b"\xf0\x8d\xa0\x80", b"\xf0\x8d\xa0\x80"),
            (b"\xf8\x88\x80\x80\x80", b"\xf8\x88\x80\x80\x80"),
            (b"a\xc0\xafb\xc0", b"a/b\xc0"),
        ];
        for (input, want) in cases {
            let got = Transform::Utf8Overlong.apply(input);
            assert_eq!(got.as_ref(), *want, "utf8_overlong({input:x?})");
        }
    }

    #[test]
    fn url_decode_then_utf8_overlong_defeats_encoded_overlong_traversal() {
        let chain = [Transform::UrlDecode, Transform::Utf8Overlong];
        for input in [
            "%c0%ae%c0%ae%c0%af",
            "%e0%80%ae%e0%80%ae%e0%80%af",
            "..%c0%af",
        ] {
            let got = crate::waf::transform::apply_chain(&chain, input.as_bytes());
            assert_eq!(got.as_ref(), b"../", "{input}");
        }
    }
}
