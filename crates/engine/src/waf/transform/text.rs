//! Case, whitespace and NUL bytes: `lowercase`, `compress_whitespace`,
//! `remove_whitespace`, `trim`, `remove_nulls`, `replace_nulls`.
//!
//! Whitespace is ASCII space, tab, LF, VT, FF and CR; the Unicode
//! `White_Space` characters (U+0085, U+00A0, U+1680, U+2000–U+200A,
//! U+2028, U+2029, U+202F, U+205F, U+3000) in UTF-8; and the single bytes
//! 0x85 and 0xA0 where they are not part of a UTF-8 sequence: Latin-1 NEL
//! and no-break space, which MySQL accepts between keywords
//! (`UNION%A0SELECT`). Values are read one UTF-8 character at a time, so
//! the 0xA0 inside `à` (C3 A0) is never mistaken for a space.

use std::borrow::Cow;

pub(super) fn lowercase(input: &[u8]) -> Cow<'_, [u8]> {
    if input.iter().any(u8::is_ascii_uppercase) {
        Cow::Owned(input.to_ascii_lowercase())
    } else {
        Cow::Borrowed(input)
    }
}

/// ASCII whitespace, as this module counts it.
fn ascii_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r')
}

pub(super) fn compress_whitespace(input: &[u8]) -> Cow<'_, [u8]> {
    // ASCII (the usual case) a byte at a time, without decoding.
    if input.is_ascii() {
        let compressed = !input
            .windows(2)
            .any(|w| matches!(w, [a, b] if ascii_ws(*a) && ascii_ws(*b)))
            && input.iter().all(|&b| b == b' ' || !ascii_ws(b));
        if compressed {
            return Cow::Borrowed(input);
        }
        let mut out = Vec::with_capacity(input.len());
        let mut previous_ws = false;
        for &b in input {
            let ws = ascii_ws(b);
            if !ws {
                out.push(b);
            } else if !previous_ws {
                out.push(b' ');
            }
            previous_ws = ws;
        }
        return Cow::Owned(out);
    }
    // Already compressed: no whitespace but single ASCII spaces.
    let mut previous_ws = false;
    let compressed = chars(input).all(|(c, ws)| {
        let fine = !ws || (c == b" " && !previous_ws);
        previous_ws = ws;
        fine
    });
    if compressed {
        return Cow::Borrowed(input);
    }
    let mut out = Vec::with_capacity(input.len());
    let mut previous_ws = false;
    for (c, ws) in chars(input) {
        if !ws {
            out.extend_from_slice(c);
        } else if !previous_ws {
            out.push(b' ');
        }
        previous_ws = ws;
    }
    Cow::Owned(out)
}

/// The bytes of `input` that `keep` accepts, in one allocation (a
/// filtered iterator collects into a vector that grows as it goes).
pub(super) fn kept(input: &[u8], keep: impl Fn(u8) -> bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(input.len());
    out.extend(input.iter().copied().filter(|&b| keep(b)));
    out
}

pub(super) fn remove_whitespace(input: &[u8]) -> Cow<'_, [u8]> {
    if input.is_ascii() {
        if !input.iter().any(|&b| ascii_ws(b)) {
            return Cow::Borrowed(input);
        }
        return Cow::Owned(kept(input, |b| !ascii_ws(b)));
    }
    if !chars(input).any(|(_, ws)| ws) {
        return Cow::Borrowed(input);
    }
    let mut out = Vec::with_capacity(input.len());
    for (c, ws) in chars(input) {
        if !ws {
            out.extend_from_slice(c);
        }
    }
    Cow::Owned(out)
}

pub(super) fn trim(input: &[u8]) -> Cow<'_, [u8]> {
    // Only the ends matter: when the first and last bytes that are not
    // ASCII whitespace are ASCII, nothing needs decoding.
    let start = input.iter().position(|&b| !ascii_ws(b));
    let end = input.iter().rposition(|&b| !ascii_ws(b));
    match (start, end) {
        (None, _) | (_, None) => return Cow::Borrowed(&[]),
        (Some(s), Some(e)) => {
            if let (Some(first), Some(last)) = (input.get(s), input.get(e)) {
                if first.is_ascii() && last.is_ascii() {
                    return Cow::Borrowed(input.get(s..=e).unwrap_or_default());
                }
            }
        }
    }
    let mut start = None;
    let mut end = 0;
    let mut at = 0;
    for (c, ws) in chars(input) {
        if !ws {
            start.get_or_insert(at);
            end = at + c.len();
        }
        at += c.len();
    }
    let trimmed = start.and_then(|s| input.get(s..end)).unwrap_or_default();
    Cow::Borrowed(trimmed)
}

pub(super) fn remove_nulls(input: &[u8]) -> Cow<'_, [u8]> {
    if input.contains(&0) {
        Cow::Owned(kept(input, |b| b != 0))
    } else {
        Cow::Borrowed(input)
    }
}

pub(super) fn replace_nulls(input: &[u8]) -> Cow<'_, [u8]> {
    if input.contains(&0) {
        let spaced = input.iter().map(|&b| if b == 0 { b' ' } else { b });
        Cow::Owned(spaced.collect())
    } else {
        Cow::Borrowed(input)
    }
}

/// `input` one character at a time: a valid UTF-8 sequence, or else one
/// byte; with whether it is whitespace.
pub(super) fn chars(input: &[u8]) -> impl Iterator<Item = (&[u8], bool)> {
    let mut rest = input;
    std::iter::from_fn(move || {
        let (len, ws) = next_char(rest)?;
        let (c, tail) = rest.split_at_checked(len)?;
        rest = tail;
        Some((c, ws))
    })
}

/// The length of the character `s` starts with, and whether it is
/// whitespace; `None` when `s` is empty.
fn next_char(s: &[u8]) -> Option<(usize, bool)> {
    let &b = s.first()?;
    if b.is_ascii() {
        return Some((1, matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r')));
    }
    let len = match b {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        // A byte no UTF-8 character starts with: one byte, as Latin-1
        // (never a zero-length step, which would never end).
        _ => return Some((1, b == 0x85 || b == 0xA0)),
    };
    match s.get(..len).filter(|c| std::str::from_utf8(c).is_ok()) {
        Some(c) => Some((len, is_unicode_space(c))),
        // Not UTF-8 here: one byte, read as Latin-1.
        None => Some((1, b == 0x85 || b == 0xA0)),
    }
}

/// Is the UTF-8 character `c` one of the non-ASCII `White_Space` ones?
fn is_unicode_space(c: &[u8]) -> bool {
    matches!(
        c,
        [0xC2, 0x85 | 0xA0]
            | [0xE1, 0x9A, 0x80]
            | [0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF]
            | [0xE2, 0x81, 0x9F]
            | [0xE3, 0x80, 0x80]
    )
}

#[cfg(test)]
mod tests {
    use crate::waf::transform::Transform;
    use std::borrow::Cow;

    fn check(t: Transform, cases: &[(&[u8], &[u8])]) {
        for (input, want) in cases {
            let got = t.apply(input);
            assert_eq!(
                got.as_ref(),
                *want,
                "{t}({:?}) = {:?}",
                String::from_utf8_lossy(input),
                String::from_utf8_lossy(&got),
            );
        }
    }

    #[test]
    fn lowercase_folds_ascii_letters_only() {
        check(
            Transform::Lowercase,
            &[
                (b"", b""),
                (b"SeLeCt", b"select"),
                (b"<SCRIPT>", b"<script>"),
                ("ÉCOLE İ".as_bytes(), "École İ".as_bytes()),
                (b"\xff\xc0A", b"\xff\xc0a"),
            ],
        );
    }

    const SPACES: &[&str] = &[
        " ", "\t", "\n", "\r", "\x0b", "\x0c", "\u{85}", "\u{a0}", "\u{1680}", "\u{2000}",
        "\u{2005}", "\u{200a}", "\u{2028}", "\u{2029}", "\u{202f}", "\u{205f}", "\u{3000}",
    ];

    #[test]
    fn compress_whitespace_turns_each_run_into_one_space() {
        check(
            Transform::CompressWhitespace,
            &[
                (b"", b""),
                (b"a b", b"a b"),
                (b"  ", b" "),
                (b"UNION\t\n\r\x0b\x0cSELECT", b"UNION SELECT"),
                ("UNION\u{a0}\u{3000}SELECT".as_bytes(), b"UNION SELECT"),
                // Latin-1 no-break space, as MySQL reads it.
                (b"UNION\xa0SELECT", b"UNION SELECT"),
                (b"a\x85b", b"a b"),
                // ...but not the 0xA0 inside a UTF-8 character.
                ("voilà tout".as_bytes(), "voilà tout".as_bytes()),
                ("\u{2020}".as_bytes(), "\u{2020}".as_bytes()),
                (b" lead and trail ", b" lead and trail "),
                ("x\u{200b}y".as_bytes(), "x\u{200b}y".as_bytes()),
            ],
        );
        for s in SPACES {
            let input = format!("a{s}{s}b");
            let got = Transform::CompressWhitespace.apply(input.as_bytes());
            assert_eq!(got.as_ref(), b"a b", "{s:?}");
        }
    }

    #[test]
    fn remove_whitespace_removes_every_kind() {
        check(
            Transform::RemoveWhitespace,
            &[
                (b"", b""),
                (b"sel", b"sel"),
                (b"s e\tl\r\ne c t", b"select"),
                (b"a\xa0b", b"ab"),
                ("à\u{a0}b".as_bytes(), "àb".as_bytes()),
            ],
        );
        for s in SPACES {
            let input = format!("{s}a{s}b{s}");
            let got = Transform::RemoveWhitespace.apply(input.as_bytes());
            assert_eq!(got.as_ref(), b"ab", "{s:?}");
        }
    }

    #[test]
    fn trim_removes_whitespace_at_both_ends_without_allocating() {
        check(
            Transform::Trim,
            &[
                (b"", b""),
                (b"   ", b""),
                (b"x", b"x"),
                (b" \tadmin \n", b"admin"),
                ("\u{a0}\u{3000}admin\u{2028}".as_bytes(), b"admin"),
                (b"\xa0admin\xa0", b"admin"),
                (b" a b ", b"a b"),
                ("à".as_bytes(), "à".as_bytes()),
                (" \u{3000}a\u{a0} ".as_bytes(), b"a"),
                (" a\u{2028} ".as_bytes(), b"a"),
            ],
        );
        assert!(matches!(Transform::Trim.apply(b" x "), Cow::Borrowed(b"x")));
    }

    #[test]
    fn ascii_fast_paths_agree_with_reading_characters() {
        use super::chars;
        let compress = |v: &[u8]| {
            let mut out = Vec::new();
            let mut previous = false;
            for (c, ws) in chars(v) {
                if !ws {
                    out.extend_from_slice(c);
                } else if !previous {
                    out.push(b' ');
                }
                previous = ws;
            }
            out
        };
        let remove = |v: &[u8]| -> Vec<u8> {
            chars(v)
                .filter(|(_, ws)| !ws)
                .flat_map(|(c, _)| c.to_vec())
                .collect()
        };
        let trim = |v: &[u8]| -> Vec<u8> {
            let cs: Vec<(&[u8], bool)> = chars(v).collect();
            let s = cs.iter().position(|(_, ws)| !ws);
            let e = cs.iter().rposition(|(_, ws)| !ws);
            match (s, e) {
                (Some(s), Some(e)) => cs
                    .get(s..=e)
                    .unwrap_or_default()
                    .iter()
                    .flat_map(|(c, _)| c.to_vec())
                    .collect(),
                _ => Vec::new(),
            }
        };
        let pieces: &[&[u8]] = &[
            b" ",
            b"  ",
            b"\t",
            b"\r\n",
            b"a",
            b"SELECT",
            b"\xa0",
            "\u{3000}".as_bytes(),
            "é".as_bytes(),
            b"\x0b",
        ];
        let mut rng = crate::testing::Rng(0x9E37_79B9_7F4A_7C15);
        for _ in 0..20_000 {
            let mut v = Vec::new();
            let mut x = rng.next();
            for _ in 0..(x % 9) {
                x /= 7;
                v.extend_from_slice(
                    pieces
                        .get((x % pieces.len() as u64) as usize)
                        .unwrap_or(&&b""[..]),
                );
            }
            assert_eq!(
                Transform::CompressWhitespace.apply(&v).as_ref(),
                compress(&v),
                "{v:?}"
            );
            assert_eq!(
                Transform::RemoveWhitespace.apply(&v).as_ref(),
                remove(&v),
                "{v:?}"
            );
            assert_eq!(Transform::Trim.apply(&v).as_ref(), trim(&v), "{v:?}");
        }
    }

    #[test]
    fn null_bytes_are_removed_or_replaced_by_a_space() {
        check(
            Transform::RemoveNulls,
            &[(b"", b""), (b"sel\0ect", b"select"), (b"\0\0a\0", b"a")],
        );
        check(
            Transform::ReplaceNulls,
            &[
                (b"", b""),
                (b"union\0select", b"union select"),
                (b"\0", b" "),
            ],
        );
    }
}
