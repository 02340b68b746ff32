//! Backslash escapes: JavaScript string escapes (`js_decode`,
//! <https://tc39.es/ecma262/#sec-literals-string-literals>) and CSS
//! escapes (`css_decode`, <https://www.w3.org/TR/css-syntax-3/#consume-escaped-code-point>).

use std::borrow::Cow;

use super::url::hex4;
use super::utf8::fullwidth;
use super::{hex, output, push_char, split_at_first};

pub(super) fn js_decode(input: &[u8]) -> Cow<'_, [u8]> {
    decode_escapes(input, js_escape)
}

pub(super) fn css_decode(input: &[u8]) -> Cow<'_, [u8]> {
    decode_escapes(input, css_escape)
}

/// Copy `input`, handing what follows each backslash to `escape`, which
/// writes what the escape means and returns what follows the escape.
fn decode_escapes<'a>(
    input: &'a [u8],
    escape: impl for<'s> Fn(&mut Vec<u8>, &'s [u8]) -> &'s [u8],
) -> Cow<'a, [u8]> {
    let Some((clean, mut rest)) = split_at_first(input, |b| b == b'\\') else {
        return Cow::Borrowed(input);
    };
    let mut out = output(clean, input.len());
    loop {
        let n = rest.iter().position(|&b| b == b'\\').unwrap_or(rest.len());
        let Some((run, tail)) = rest.split_at_checked(n) else {
            break;
        };
        out.extend_from_slice(run);
        let [_backslash, tail @ ..] = tail else {
            break;
        };
        rest = escape(&mut out, tail);
    }
    Cow::Owned(out)
}

/// Append an escaped character: full-width ASCII as ASCII, anything else as
/// UTF-8 (U+FFFD when it is not a character).
fn push_escaped(out: &mut Vec<u8>, cp: u32) {
    match fullwidth(cp) {
        Some(ascii) => out.push(ascii),
        None => push_char(out, cp),
    }
}

fn js_escape<'s>(out: &mut Vec<u8>, s: &'s [u8]) -> &'s [u8] {
    if let Some((cp, rest)) = js_unicode(s) {
        let (cp, rest) = low_surrogate_after(cp, rest);
        push_escaped(out, cp);
        return rest;
    }
    match s {
        // A backslash at the end stays.
        [] => {
            out.push(b'\\');
            s
        }
        [b'x', h, l, rest @ ..] if hex(*h).is_some() && hex(*l).is_some() => {
            let cp = hex(*h).unwrap_or(0) << 4 | hex(*l).unwrap_or(0);
            push_char(out, cp);
            rest
        }
        [b'0'..=b'7', ..] => js_octal(out, s),
        // Line continuations: the backslash and the line break vanish.
        [b'\r', b'\n', rest @ ..] | [b'\n' | b'\r', rest @ ..] => rest,
        [0xE2, 0x80, 0xA8 | 0xA9, rest @ ..] => rest,
        [c, rest @ ..] => {
            out.push(match c {
                b'b' => 0x08,
                b't' => b'\t',
                b'n' => b'\n',
                b'v' => 0x0B,
                b'f' => 0x0C,
                b'r' => b'\r',
                // `\'` `\"` `\\` and any other: the character itself.
                c => *c,
            });
            rest
        }
    }
}

/// `uHHHH` or `u{H…}` after a backslash: the code point (up to U+10FFFF)
/// and what follows.
fn js_unicode(s: &[u8]) -> Option<(u32, &[u8])> {
    match s {
        [b'u', b'{', s @ ..] => {
            // Any number of leading zeros is allowed; every digit is read
            // once and the value saturates.
            let n = s.iter().take_while(|&&b| hex(b).is_some()).count();
            let (digits, rest) = s.split_at_checked(n)?;
            let rest = rest.strip_prefix(b"}")?;
            let cp = digits
                .iter()
                .fold(0u32, |v, &d| (v << 4 | hex(d).unwrap_or(0)).min(0x11_0000));
            (n > 0 && cp <= 0x10_FFFF).then_some((cp, rest))
        }
        [b'u', s @ ..] => hex4(s),
        _ => None,
    }
}

/// A high surrogate followed by an escaped low surrogate is one character.
fn low_surrogate_after(high: u32, rest: &[u8]) -> (u32, &[u8]) {
    if (0xD800..0xDC00).contains(&high) {
        if let [b'\\', more @ ..] = rest {
            if let Some((low, after)) = js_unicode(more) {
                if (0xDC00..0xE000).contains(&low) {
                    return (0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00), after);
                }
            }
        }
    }
    (high, rest)
}

/// Legacy octal `\0`–`\377`: up to three digits when the first is 0–3,
/// up to two otherwise, so the value fits in a byte.
fn js_octal<'s>(out: &mut Vec<u8>, s: &'s [u8]) -> &'s [u8] {
    let max = match s.first() {
        Some(b'0'..=b'3') => 3,
        _ => 2,
    };
    let n = s
        .iter()
        .take(max)
        .take_while(|b| matches!(b, b'0'..=b'7'))
        .count();
    let Some((digits, rest)) = s.split_at_checked(n) else {
        return s;
    };
    let cp = digits
        .iter()
        .fold(0u32, |v, &d| v << 3 | u32::from(d - b'0'));
    push_char(out, cp);
    rest
}

fn css_escape<'s>(out: &mut Vec<u8>, s: &'s [u8]) -> &'s [u8] {
    let n = s.iter().take(6).take_while(|&&b| hex(b).is_some()).count();
    if n > 0 {
        let Some((digits, rest)) = s.split_at_checked(n) else {
            return s;
        };
        let cp = digits
            .iter()
            .fold(0u32, |v, &d| v << 4 | hex(d).unwrap_or(0));
        // U+0000 is dropped: browsers make it U+FFFD, and old Internet
        // Explorer ignored it (`exp\0ression`); neither is a keyword.
        if cp != 0 {
            push_escaped(out, cp);
        }
        // One whitespace character after the digits belongs to the escape.
        return match rest {
            [b'\r', b'\n', rest @ ..] => rest,
            [b' ' | b'\t' | b'\n' | b'\r' | 0x0C, rest @ ..] => rest,
            rest => rest,
        };
    }
    match s {
        // A backslash at the end continues to nothing.
        [] => s,
        // An escaped line break vanishes.
        [b'\r', b'\n', rest @ ..] | [b'\n' | b'\r' | 0x0C, rest @ ..] => rest,
        [c, rest @ ..] => {
            out.push(*c);
            rest
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::waf::transform::Transform;

    fn check(t: Transform, cases: &[(&str, &str)]) {
        for (input, want) in cases {
            let got = t.apply(input.as_bytes());
            assert_eq!(String::from_utf8_lossy(&got), *want, "{t}({input:?})");
        }
    }

    #[test]
    fn js_decode_decodes_javascript_string_escapes() {
        check(
            Transform::JsDecode,
            &[
                ("", ""),
                ("plain", "plain"),
                (r"\u003cscript\u003e", "<script>"),
                (r"\x3cscript\x3E", "<script>"),
                (r"\u{3c}\u{00003C}\u{1F600}", "<<😀"),
                (r"\74\074\0074", "<<\u{7}4"),
                (r"\101\477\8", "A'78"),
                (r"\0", "\0"),
                (r"a\b\t\n\v\f\rz", "a\u{8}\t\n\u{b}\u{c}\rz"),
                (r#"\'\"\\\/\a"#, "'\"\\/a"),
                ("al\\\nert", "alert"),
                ("al\\\r\nert", "alert"),
                ("al\\\u{2028}ert", "alert"),
                // Surrogate pairs; lone surrogates.
                (r"\ud83d\ude00", "😀"),
                (r"\u{d83d}\u{de00}", "😀"),
                (r"\ud83d", "\u{fffd}"),
                (r"\ude00\ud83d", "\u{fffd}\u{fffd}"),
                (r"\ud83dx", "\u{fffd}x"),
                // Full-width ASCII folds; other characters are themselves.
                (r"\uff1cscript\uff1e", "<script>"),
                (r"\u013c", "ļ"),
                (r"\xe9", "é"),
                // Malformed escapes: the backslash goes, the rest stays.
                (r"\x3", "x3"),
                (r"\xzz", "xzz"),
                (r"\u00", "u00"),
                (r"\u{}", "u{}"),
                (r"\u{110000}", "u{110000}"),
                (r"\u{3c", "u{3c"),
                ("end\\", "end\\"),
            ],
        );
    }

    #[test]
    fn css_decode_decodes_css_escapes() {
        check(
            Transform::CssDecode,
            &[
                ("", ""),
                ("plain", "plain"),
                (r"\3C script\3E", "<script>"),
                (r"\3cscript\3e", "<script>"),
                (r"\3cab", "\u{3cab}"),
                (r"\00003c\00003E", "<>"),
                (r"\65 xpression", "expression"),
                ("\\65\txpression", "expression"),
                ("\\65\r\nxpression", "expression"),
                // Only one whitespace character is part of the escape.
                (r"\41  B", "A B"),
                (r"exp\0ression", "expression"),
                (r"\1A\1 A", "\u{1a}\u{1}A"),
                // Six digits at most; values that are not characters.
                (r"\1234567", "\u{fffd}7"),
                (r"\d800", "\u{fffd}"),
                (r"\ff1c\ff5e", "<~"),
                (r"\e9", "é"),
                // A backslash before anything else, or a line break.
                (r"ja\vascript", "javascript"),
                (r"\'\(", "'("),
                ("a\\\nb\\\r\nc\\\u{c}d", "abcd"),
                ("end\\", "end"),
            ],
        );
    }
}
