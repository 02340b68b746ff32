//! Percent-decoding: `url_decode` (`%XX` and `+`), `url_decode_uni`
//! (also IIS's `%uXXXX`, and ASCII look-alikes folded to ASCII) and
//! `url_decode_recursive` (decoding again until nothing changes).
//!
//! [`crate::path::percent_decode`] decodes request paths the same way for
//! scope matching, minus `+` (which is a space only in forms and queries).

use std::borrow::Cow;

use super::utf8::best_fit_utf8;
use super::{hex, output, push_char, split_at_first};

/// How many rounds of decoding `url_decode_recursive` does at most. An
/// origin behind a proxy, a framework and an application that each decode
/// once sees three rounds; more than that is not a spelling any origin
/// reads.
pub const MAX_ROUNDS: usize = 3;

pub(super) fn url_decode(input: &[u8]) -> Cow<'_, [u8]> {
    let Some((clean, rest)) = split_at_first(input, |b| b == b'%' || b == b'+') else {
        return Cow::Borrowed(input);
    };
    let mut out = output(clean, input.len());
    percent_decode_into(&mut out, rest, Plus::Space);
    Cow::Owned(out)
}

pub(super) fn url_decode_uni(input: &[u8]) -> Cow<'_, [u8]> {
    let Some((clean, mut rest)) = split_at_first(input, |b| b == b'%' || b == b'+') else {
        return best_fit_utf8(input);
    };
    let mut out = output(clean, input.len());
    while let [b, tail @ ..] = rest {
        rest = tail;
        match b {
            b'%' => {
                if let Some((cp, after)) = percent_u(tail) {
                    push_char(&mut out, cp);
                    rest = after;
                } else if let Some((byte, after)) = percent_xx(tail) {
                    out.push(byte);
                    rest = after;
                } else {
                    out.push(b'%');
                }
            }
            b'+' => out.push(b' '),
            _ => out.push(*b),
        }
    }
    // Percent-encoded UTF-8 look-alikes (`%ef%bc%8f`) fold like `%uff0f`.
    match best_fit_utf8(&out) {
        Cow::Borrowed(_) => Cow::Owned(out),
        Cow::Owned(folded) => Cow::Owned(folded),
    }
}

pub(super) fn url_decode_recursive(input: &[u8]) -> Cow<'_, [u8]> {
    let mut value = url_decode(input);
    for _ in 1..MAX_ROUNDS {
        // Still borrowed: the first round found nothing to decode.
        let Cow::Owned(current) = &value else {
            return value;
        };
        let Some((clean, rest)) = split_at_first(current, |b| b == b'%') else {
            break;
        };
        let mut out = output(clean, current.len());
        if !percent_decode_into(&mut out, rest, Plus::Keep) {
            break;
        }
        value = Cow::Owned(out);
    }
    value
}

/// What `+` means: a space in form and query decoding (the first round),
/// itself in the later rounds of `url_decode_recursive` (a `+` that
/// decoding produced was written `%2B`, and so means `+`).
#[derive(Clone, Copy, PartialEq)]
enum Plus {
    Space,
    Keep,
}

/// Decode `rest` onto `out`; whether any `%XX` escape was decoded.
fn percent_decode_into(out: &mut Vec<u8>, mut rest: &[u8], plus: Plus) -> bool {
    let mut decoded = false;
    loop {
        // Copy the run up to the next `%` or `+` in one go.
        let n = rest
            .iter()
            .position(|&b| b == b'%' || b == b'+')
            .unwrap_or(rest.len());
        let Some((run, tail)) = rest.split_at_checked(n) else {
            break;
        };
        out.extend_from_slice(run);
        let [b, tail @ ..] = tail else {
            break;
        };
        rest = tail;
        match b {
            b'%' => match percent_xx(tail) {
                Some((byte, after)) => {
                    out.push(byte);
                    rest = after;
                    decoded = true;
                }
                None => out.push(b'%'),
            },
            _ if plus == Plus::Space => out.push(b' '),
            _ => out.push(*b),
        }
    }
    decoded
}

/// The byte a `%XX` escape names, given what follows the `%`, and what
/// follows the escape.
fn percent_xx(after_percent: &[u8]) -> Option<(u8, &[u8])> {
    let [h, l, rest @ ..] = after_percent else {
        return None;
    };
    let byte = hex(*h)? << 4 | hex(*l)?;
    Some((u8::try_from(byte).ok()?, rest))
}

/// The character a `%uXXXX` escape names (a surrogate pair of them is one
/// character), given what follows the `%`, and what follows the escape.
fn percent_u(after_percent: &[u8]) -> Option<(u32, &[u8])> {
    let [b'u' | b'U', rest @ ..] = after_percent else {
        return None;
    };
    let (cp, rest) = hex4(rest)?;
    if (0xD800..0xDC00).contains(&cp) {
        if let [b'%', b'u' | b'U', more @ ..] = rest {
            if let Some((low, after)) = hex4(more) {
                if (0xDC00..0xE000).contains(&low) {
                    return Some((0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00), after));
                }
            }
        }
    }
    Some((cp, rest))
}

/// Four hex digits, and what follows them.
pub(super) fn hex4(s: &[u8]) -> Option<(u32, &[u8])> {
    let [a, b, c, d, rest @ ..] = s else {
        return None;
    };
    let cp = hex(*a)? << 12 | hex(*b)? << 8 | hex(*c)? << 4 | hex(*d)?;
    Some((cp, rest))
}

#[cfg(test)]
mod tests {
    use crate::waf::transform::Transform;

    fn check(t: Transform, cases: &[(&[u8], &[u8])]) {
        for (input, want) in cases {
            let got = t.apply(input);
            assert_eq!(
                got.as_ref(),
                *want,
                "{t}({:?}) = {:?}, want {:?}",
                String::from_utf8_lossy(input),
                String::from_utf8_lossy(&got),
                String::from_utf8_lossy(want),
            );
        }
    }

    #[test]
    fn url_decode_decodes_escapes_and_plus_once_and_keeps_malformed_ones() {
        check(
            Transform::UrlDecode,
            &[
                (b"", b""),
                (b"plain", b"plain"),
                (b"a%3Cb%3E+c", b"a<b> c"),
                (b"%3c%3C", b"<<"),
                (b"%00%ff", b"\x00\xff"),
                (b"%252e", b"%2e"),
                (b"%zz%4%", b"%zz%4%"),
                (b"%%41", b"%A"),
                (b"%+", b"% "),
                (b"%0g%20", b"%0g "),
                (b"%u0041", b"%u0041"),
                (b"100%", b"100%"),
                (b"%e2%88%95", "∕".as_bytes()),
            ],
        );
    }

    #[test]
    fn url_decode_uni_decodes_iis_escapes_and_folds_look_alikes() {
        check(
            Transform::UrlDecodeUni,
            &[
                (b"", b""),
                (b"plain", b"plain"),
                (b"%u002e%u002e%u2215", b"../"),
                (b"%U002E%u002F", b"./"),
                (b"%uff1cscript%uff1e", b"<script>"),
                (b"%uFF0E%uff0e%uff0f", b"../"),
                // Percent-encoded and plain UTF-8 look-alikes fold too.
                (b"%ef%bc%8f%EF%BC%9C", b"/<"),
                ("＜ｓｃｒｉｐｔ＞".as_bytes(), b"<script>"),
                (
                    "‘quoted’ “text” a∕b ‹›".as_bytes(),
                    b"'quoted' \"text\" a/b <>",
                ),
                ("﹤svg﹥".as_bytes(), b"<svg>"),
                // Not folded: the character itself, not its low byte.
                (b"%u4e3c", "丼".as_bytes()),
                (b"%u00e9", "é".as_bytes()),
                ("日本語".as_bytes(), "日本語".as_bytes()),
                // Surrogate pairs, lone surrogates.
                (b"%uD83D%uDE00", "😀".as_bytes()),
                (b"%uD83D", "\u{fffd}".as_bytes()),
                (b"%uDE00%uD83D", "\u{fffd}\u{fffd}".as_bytes()),
                (b"%uD83Dx", "\u{fffd}x".as_bytes()),
                // Malformed escapes stay.
                (b"%u%u0020", b"%u "),
                (b"%u000g%u0020", b"%u000g "),
                (b"%u00", b"%u00"),
                (b"%%u0020", b"% "),
                (b"%0g%20+", b"%0g  "),
                (b"%u", b"%u"),
            ],
        );
    }

    #[test]
    fn url_decode_recursive_decodes_until_nothing_changes_up_to_three_rounds() {
        check(
            Transform::UrlDecodeRecursive,
            &[
                (b"", b""),
                (b"plain", b"plain"),
                (b"%252e%252e%252f", b"../"),
                (b"%25252e", b"."),
                // A fourth round is not done.
                (b"%2525252e", b"%2e"),
                (b"%2e%2e%2f", b"../"),
                (b"a+b", b"a b"),
                // `%2B` is a `+`, not a space.
                (b"1%2Bsleep(5)", b"1+sleep(5)"),
                (b"%25zz", b"%zz"),
                (b"%25%32%35%32%65", b"."),
            ],
        );
    }
}
