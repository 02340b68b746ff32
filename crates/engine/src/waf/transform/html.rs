//! `html_entity_decode`: HTML character references, decoded as a browser
//! decodes them in an attribute value
//! (<https://html.spec.whatwg.org/multipage/parsing.html#character-reference-state>),
//! for the numeric ones and the named ones that spell ASCII syntax.

use std::borrow::Cow;

use super::{hex, output, push_char, split_at_first};

pub(super) fn html_entity_decode(input: &[u8]) -> Cow<'_, [u8]> {
    let Some((clean, mut rest)) = split_at_first(input, |b| b == b'&') else {
        return Cow::Borrowed(input);
    };
    let mut out = output(clean, input.len());
    loop {
        let n = rest.iter().position(|&b| b == b'&').unwrap_or(rest.len());
        let Some((run, tail)) = rest.split_at_checked(n) else {
            break;
        };
        out.extend_from_slice(run);
        let [_ampersand, tail @ ..] = tail else {
            break;
        };
        rest = tail;
        if let Some(after) = numeric(&mut out, tail).or_else(|| named(&mut out, tail)) {
            rest = after;
        } else {
            out.push(b'&');
        }
    }
    Cow::Owned(out)
}

/// `#NN` or `#xHH` (with any number of digits, and an optional `;`) after
/// an `&`: decoded onto `out`, returning what follows it.
fn numeric<'a>(out: &mut Vec<u8>, s: &'a [u8]) -> Option<&'a [u8]> {
    let [b'#', s @ ..] = s else {
        return None;
    };
    let (radix, digits) = match s {
        [b'x' | b'X', digits @ ..] => (16, digits),
        digits => (10, digits),
    };
    let count = digits
        .iter()
        .take_while(|&&d| (d as char).is_digit(radix))
        .count();
    if count == 0 {
        return None;
    }
    let (number, rest) = digits.split_at_checked(count)?;
    // Every digit is read (linear), the value saturates past the range.
    let cp = number.iter().fold(0u32, |v, &d| {
        let d = if radix == 16 {
            hex(d)
        } else {
            (d as char).to_digit(10)
        };
        v.saturating_mul(radix)
            .saturating_add(d.unwrap_or(0))
            .min(0x11_0000)
    });
    push_char(out, browser_code_point(cp));
    Some(rest.strip_prefix(b";").unwrap_or(rest))
}

/// The character a browser makes of `&#cp;`: U+FFFD for 0, surrogates and
/// anything past U+10FFFF (which `push_char` does), and windows-1252 for
/// 128–159, as pages labelled ISO-8859-1 meant.
fn browser_code_point(cp: u32) -> u32 {
    match cp {
        0 => 0xFFFD,
        0x80..=0x9F => {
            let i = usize::try_from(cp - 0x80).unwrap_or(usize::MAX);
            WINDOWS_1252.get(i).copied().unwrap_or(cp)
        }
        _ => cp,
    }
}

/// windows-1252 0x80–0x9F as Unicode; 0x81, 0x8D, 0x8F, 0x90 and 0x9D
/// have no character and stay.
const WINDOWS_1252: [u32; 32] = [
    0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
    0x0152, 0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
];

/// A named reference after an `&`: decoded onto `out`, returning what
/// follows it.
fn named<'a>(out: &mut Vec<u8>, s: &'a [u8]) -> Option<&'a [u8]> {
    // Names are short; looking further would not be linear.
    let len = s
        .iter()
        .take(LONGEST_NAME + 1)
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    let (name, rest) = s.split_at_checked(len)?;
    if let Some(after) = rest.strip_prefix(b";") {
        if let Some((_, text)) = NAMED.iter().find(|(n, _)| n.as_bytes() == name) {
            out.extend_from_slice(text.as_bytes());
            return Some(after);
        }
    }
    // Without `;`, only the legacy names, and (in an attribute value) only
    // when no letter, digit or `=` follows: `&lt` and `&lt>` decode,
    // `&ltx` does not.
    let (_, text) = LEGACY.iter().find(|(n, _)| n.as_bytes() == name)?;
    if rest.first() == Some(&b'=') {
        return None;
    }
    out.extend_from_slice(text.as_bytes());
    Some(rest)
}

const LONGEST_NAME: usize = 16;

/// The names that may be written without `;`.
const LEGACY: &[(&str, &str)] = &[
    ("lt", "<"),
    ("LT", "<"),
    ("gt", ">"),
    ("GT", ">"),
    ("amp", "&"),
    ("AMP", "&"),
    ("quot", "\""),
    ("QUOT", "\""),
    ("nbsp", "\u{a0}"),
];

/// The names (with `;`) of ASCII syntax, and the legacy ones.
const NAMED: &[(&str, &str)] = &[
    ("lt", "<"),
    ("LT", "<"),
    ("gt", ">"),
    ("GT", ">"),
    ("amp", "&"),
    ("AMP", "&"),
    ("quot", "\""),
    ("QUOT", "\""),
    ("nbsp", "\u{a0}"),
    ("NonBreakingSpace", "\u{a0}"),
    ("apos", "'"),
    ("Tab", "\t"),
    ("NewLine", "\n"),
    ("excl", "!"),
    ("num", "#"),
    ("dollar", "$"),
    ("percnt", "%"),
    ("lpar", "("),
    ("rpar", ")"),
    ("ast", "*"),
    ("midast", "*"),
    ("plus", "+"),
    ("comma", ","),
    ("period", "."),
    ("sol", "/"),
    ("colon", ":"),
    ("semi", ";"),
    ("equals", "="),
    ("quest", "?"),
    ("commat", "@"),
    ("lsqb", "["),
    ("lbrack", "["),
    ("bsol", "\\"),
    ("rsqb", "]"),
    ("rbrack", "]"),
    ("Hat", "^"),
    ("lowbar", "_"),
    ("UnderBar", "_"),
    ("grave", "`"),
    ("DiacriticalGrave", "`"),
    ("lcub", "{"),
    ("lbrace", "{"),
    ("verbar", "|"),
    ("vert", "|"),
    ("VerticalLine", "|"),
    ("rcub", "}"),
    ("rbrace", "}"),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::waf::transform::Transform;

    #[test]
    fn entity_tables_fit_the_length_bound() {
        for (name, text) in NAMED.iter().chain(LEGACY) {
            assert!(name.len() <= LONGEST_NAME, "{name}");
            // `&name` is never shorter than what it decodes to.
            assert!(text.len() <= name.len() + 1, "{name}");
        }
        for (name, _) in LEGACY {
            assert!(NAMED.iter().any(|(n, _)| n == name), "{name}");
        }
    }

    #[test]
    fn html_entity_decode_decodes_references_as_browsers_do() {
        let cases: &[(&str, &str)] = &[
            ("", ""),
            ("plain", "plain"),
            ("&#x3C;script&#62;", "<script>"),
            (
                "&lt;img src=x onerror=alert(1)&gt",
                "<img src=x onerror=alert(1)>",
            ),
            ("&#60&#x3c&#X3C;&#0060;&#x00003c;", "<<<<<"),
            ("javascript&colon;alert&lpar;1&rpar;", "javascript:alert(1)"),
            ("java&Tab;script&NewLine;:", "java\tscript\n:"),
            ("&quot;&apos;&amp;&nbsp;", "\"'&\u{a0}"),
            (
                "&sol;&bsol;&grave;&lsqb;&rsqb;&semi;&comma;&period;",
                "/\\`[];,.",
            ),
            ("&excl;&equals;&plus;&num;&lcub;&rcub;&verbar;", "!=+#{}|"),
            ("&LT;&GT;&QUOT;&AMP;", "<>\"&"),
            // Names are case-sensitive; unknown names stay.
            ("&Lpar;&colon&bogus;&", "&Lpar;&colon&bogus;&"),
            // Legacy names without `;`, but not before a letter, digit or `=`.
            ("&lt&gt&amp&quot&nbsp", "<>&\"\u{a0}"),
            ("&ltx &lt1 &lt= &lt>", "&ltx &lt1 &lt= <>"),
            ("a=1&ltime=2", "a=1&ltime=2"),
            // Numbers as browsers read them.
            ("&#0;&#xD800;&#x110000;", "\u{fffd}\u{fffd}\u{fffd}"),
            ("&#99999999999999999999999999;", "\u{fffd}"),
            ("&#128;&#x9f;&#x81;", "€Ÿ\u{81}"),
            ("&#x1F600;&#233;", "😀é"),
            ("&#;&#x;&#xg;&#", "&#;&#x;&#xg;&#"),
            ("&&lt;", "&<"),
            ("&#x3cscript", "<script"),
            ("&#x3cab;", "\u{3cab}"),
        ];
        for (input, want) in cases {
            let got = Transform::HtmlEntityDecode.apply(input.as_bytes());
            assert_eq!(
                String::from_utf8_lossy(&got),
                *want,
                "html_entity_decode({input:?})"
            );
        }
    }
}
