//! Whole-value binary-to-text encodings: `base64_text` and `hex_decode`.
//!
//! Unlike the escape decoders, these decode a value only when all of it is
//! in the encoding, and otherwise leave it alone: a value is either a
//! wrapped payload or ordinary text, and partly decoding ordinary text
//! (ModSecurity decodes base64 up to the first character that is not)
//! turns it into noise that matches nothing, or anything.

use std::borrow::Cow;

use super::hex;

/// Fewer significant characters than this are never decoded: short
/// words and numbers are base64 too (`admin`, `2024`), and a payload of
/// interest takes more.
pub const BASE64_MIN_CHARS: usize = 8;

pub(super) fn base64_text(input: &[u8]) -> Cow<'_, [u8]> {
    match decode_base64(input) {
        Some(decoded) if is_text(&decoded) => Cow::Owned(decoded),
        _ => Cow::Borrowed(input),
    }
}

/// `input` decoded when it is entirely base64: either alphabet (`+/` or
/// `-_`), line breaks ignored, `=` padding optional but correct when
/// present, at least [`BASE64_MIN_CHARS`] characters.
fn decode_base64(input: &[u8]) -> Option<Vec<u8>> {
    if input.len() < BASE64_MIN_CHARS {
        return None;
    }
    let mut out = Vec::with_capacity(input.len() / 4 * 3 + 2);
    let mut group = 0u32;
    let mut in_group = 0;
    let mut chars = 0usize;
    let mut padding = 0;
    for &b in input {
        let sextet = match b {
            b'A'..=b'Z' => b - b'A',
            b'a'..=b'z' => b - b'a' + 26,
            b'0'..=b'9' => b - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            b'\r' | b'\n' => continue,
            b'=' => {
                padding += 1;
                continue;
            }
            _ => return None,
        };
        if padding > 0 {
            return None;
        }
        chars += 1;
        group = group << 6 | u32::from(sextet);
        in_group += 1;
        if in_group == 4 {
            let [_, a, b, c] = group.to_be_bytes();
            out.extend_from_slice(&[a, b, c]);
            group = 0;
            in_group = 0;
        }
    }
    if chars < BASE64_MIN_CHARS {
        return None;
    }
    // The last group: 2 characters are 1 byte, 3 are 2; 1 is not base64.
    match (in_group, padding) {
        (0, 0) => {}
        (2, 0 | 2) => out.push((group >> 4) as u8),
        (3, 0 | 1) => out.extend_from_slice(&((group >> 2) as u16).to_be_bytes()),
        _ => return None,
    }
    Some(out)
}

/// Is `decoded` UTF-8 text, at least 90% of whose characters are printable
/// (not control characters, bar tab, CR and LF)?
fn is_text(decoded: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(decoded) else {
        return false;
    };
    let (mut total, mut printable) = (0usize, 0usize);
    for c in text.chars() {
        total += 1;
        if !c.is_control() || matches!(c, '\t' | '\n' | '\r') {
            printable += 1;
        }
    }
    total > 0 && printable * 10 >= total * 9
}

pub(super) fn hex_decode(input: &[u8]) -> Cow<'_, [u8]> {
    let digits = match input {
        [b'0', b'x' | b'X', digits @ ..] => digits,
        digits => digits,
    };
    if digits.is_empty() || digits.len() % 2 != 0 {
        return Cow::Borrowed(input);
    }
    let bytes: Option<Vec<u8>> = digits
        .chunks_exact(2)
        .map(|pair| match pair {
            [h, l] => Some((hex(*h)? << 4 | hex(*l)?) as u8),
            _ => None,
        })
        .collect();
    match bytes {
        Some(bytes) => Cow::Owned(bytes),
        None => Cow::Borrowed(input),
    }
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
                "{t}({:?}) = {:?}",
                String::from_utf8_lossy(input),
                String::from_utf8_lossy(&got)
            );
        }
    }

    #[test]
    fn base64_text_decodes_whole_values_that_decode_to_text() {
        check(
            Transform::Base64Text,
            &[
                (
                    b"PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
                    b"<script>alert(1)</script>",
                ),
                // Padding optional; URL-safe alphabet; line breaks.
                (
                    b"PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg",
                    b"<script>alert(1)</script>",
                ),
                (b"Pz8_Pz8-Pz4-", b"?????>?>>"),
                (b"Pz8/Pz8+Pz4+", b"?????>?>>"),
                (b"PHNjcmlw\r\ndD4=", b"<script>"),
                (b"PHNjcmlwdD4", b"<script>"),
                (b"JyBPUiAxPTE=", b"' OR 1=1"),
                ("w6lsw6h2ZQ==".as_bytes(), "élève".as_bytes()),
            ],
        );
    }

    #[test]
    fn base64_text_leaves_everything_else_alone() {
        check(
            Transform::Base64Text,
            &[
                (b"", b""),
                // Too short.
                (b"PHNj", b"PHNj"),
                (b"YWJjZA", b"YWJjZA"),
                // Not entirely base64.
                (b"PHNjcmlwdD4= x", b"PHNjcmlwdD4= x"),
                (b"hello world", b"hello world"),
                (b"PHNjcmlwdD4=PHNj", b"PHNjcmlwdD4=PHNj"),
                (b"PHNjcmlwdD4===", b"PHNjcmlwdD4==="),
                (b"PHNjcmlwdD4*", b"PHNjcmlwdD4*"),
                // Binary junk.
                (b"AAECAwQFBgcICQ==", b"AAECAwQFBgcICQ=="),
                (b"/+/+/+/+/+/+", b"/+/+/+/+/+/+"),
                (b"3q2+78r+ur4=", b"3q2+78r+ur4="),
                // Words and tokens that happen to be base64.
                (b"username", b"username"),
                (b"password", b"password"),
                (b"localhost", b"localhost"),
                (b"description", b"description"),
                (b"0123456789abcdef", b"0123456789abcdef"),
                (b"12345678", b"12345678"),
            ],
        );
    }

    #[test]
    fn hex_decode_decodes_whole_values_of_hex_digits() {
        check(
            Transform::HexDecode,
            &[
                (b"", b""),
                (b"3c7363726970743e", b"<script>"),
                (b"0x3C62 3E", b"0x3C62 3E"),
                (b"0x3C623E", b"<b>"),
                (b"00ff", b"\x00\xff"),
                (b"abc", b"abc"),
                (b"0x", b"0x"),
                (b"zz", b"zz"),
                (b"3g", b"3g"),
            ],
        );
    }
}
