//! What holds for every transform and chain: names round-trip, the
//! evasions each was made for are undone through realistic chains, clean
//! values are not copied, and, for many thousands of random and hostile
//! values, no transform panics, runs long, or grows its input.
//!
//! Each transform's own cases are in its module.

#![allow(clippy::indexing_slicing)]

use crate::testing::Rng;
use std::borrow::Cow;

use super::Transform::{self, *};
use super::{apply_chain, url};
use crate::waf::byteset::ByteSet;

#[test]
fn names_and_parse_round_trip_for_every_transform() {
    // Adding a variant breaks this match until it is placed in `ALL`.
    fn position(t: Transform) -> usize {
        match t {
            UrlDecode => 0,
            UrlDecodeUni => 1,
            UrlDecodeRecursive => 2,
            HtmlEntityDecode => 3,
            JsDecode => 4,
            CssDecode => 5,
            Utf8Overlong => 6,
            Base64Text => 7,
            HexDecode => 8,
            Lowercase => 9,
            CompressWhitespace => 10,
            RemoveWhitespace => 11,
            Trim => 12,
            RemoveNulls => 13,
            ReplaceNulls => 14,
            NormalisePath => 15,
            NormalisePathWin => 16,
            RemoveComments => 17,
            ReplaceComments => 18,
            CmdLine => 19,
        }
    }
    assert_eq!(Transform::ALL.len(), Transform::NAMES.len());
    for (i, &t) in Transform::ALL.iter().enumerate() {
        assert_eq!(position(t), i, "{t:?} is out of place in ALL");
        assert_eq!(Transform::NAMES[i], t.name());
        assert_eq!(Transform::parse(t.name()), Some(t));
        assert_eq!(t.to_string(), t.name());
        let snake = t
            .name()
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        assert!(snake, "{} is not snake_case", t.name());
    }
}

#[test]
fn unknown_names_do_not_parse() {
    for name in [
        "",
        "url_decod",
        "URL_DECODE",
        "urlDecode",
        "url-decode",
        " trim",
        "none",
    ] {
        assert_eq!(Transform::parse(name), None, "{name:?}");
    }
}

#[test]
fn chains_undo_the_evasions_they_are_for() {
    let cases: &[(&[Transform], &[u8], &[u8])] = &[
        (&[UrlDecodeRecursive], b"%252e%252e%252f", b"../"),
        (&[UrlDecodeUni], b"%u002e%u002e%u2215", b"../"),
        (&[UrlDecode, Utf8Overlong], b"%c0%ae%c0%ae%c0%af", b"../"),
        (
            &[UrlDecode, Utf8Overlong, NormalisePath],
            b"x/..%c0%af..%c0%af..%c0%afetc%c0%afpasswd",
            b"../../etc/passwd",
        ),
        (
            &[UrlDecodeRecursive, NormalisePathWin],
            b"..%255c..%255cwindows%255cwin.ini",
            b"../../windows/win.ini",
        ),
        (
            &[HtmlEntityDecode, Lowercase],
            b"&#x3C;SCRIPT&#62;",
            b"<script>",
        ),
        (
            &[UrlDecode, HtmlEntityDecode],
            b"%26lt%3Bimg+src%3Dx+onerror%3Dalert(1)%26gt",
            b"<img src=x onerror=alert(1)>",
        ),
        (&[JsDecode], br"\u003cscript\u003e", b"<script>"),
        (&[CssDecode], br"\3C script\3E", b"<script>"),
        (
            &[UrlDecode, ReplaceComments, CompressWhitespace, Lowercase],
            b"1%20UNION/**/SELECT%0b%a0password/*!50000FROM*/users",
            b"1 union select password from users",
        ),
        (&[RemoveComments, Lowercase], b"SEL/**/ECT", b"select"),
        (
            &[UrlDecode, RemoveNulls, Lowercase],
            b"%00S%00c%00R%00i%00P%00t",
            b"script",
        ),
        (
            &[UrlDecode, ReplaceNulls],
            b"union%00select",
            b"union select",
        ),
        (
            &[Base64Text, Lowercase],
            b"PFNDUklQVD5hbGVydCgxKTwvU0NSSVBUPg==",
            b"<script>alert(1)</script>",
        ),
        (
            &[UrlDecode, CmdLine],
            b"c%27a%27t%24IFS%2Fetc%2Fpasswd",
            b"cat/etc/passwd",
        ),
        (&[UrlDecode, Trim, Lowercase], b"+%09ADMIN%20", b"admin"),
    ];
    for (chain, input, want) in cases {
        let got = apply_chain(chain, input);
        assert_eq!(
            got.as_ref(),
            *want,
            "{chain:?}({:?}) = {:?}",
            String::from_utf8_lossy(input),
            String::from_utf8_lossy(&got)
        );
    }
}

#[test]
fn clean_values_are_borrowed_not_copied() {
    let clean: &[&[u8]] = &[
        b"",
        b"hello world",
        b"/api/v1/users/42",
        b"q=shoes",
        "caf\u{e9} na\u{ef}ve \u{65e5}\u{672c}".as_bytes(),
        b"2024-06-01",
    ];
    let chain = [
        UrlDecode,
        HtmlEntityDecode,
        JsDecode,
        CssDecode,
        Utf8Overlong,
        Lowercase,
        CompressWhitespace,
        RemoveNulls,
        ReplaceNulls,
        NormalisePath,
        RemoveComments,
        ReplaceComments,
        Base64Text,
    ];
    for input in clean {
        for t in chain {
            assert!(
                matches!(t.apply(input), Cow::Borrowed(b) if b == *input),
                "{t}({:?}) copied",
                String::from_utf8_lossy(input)
            );
        }
        assert!(matches!(apply_chain(&chain, input), Cow::Borrowed(_)));
    }
}

#[test]
fn a_chain_keeps_working_on_its_own_copy() {
    // `trim` borrows part of an owned value: the chain must copy that part.
    let got = apply_chain(&[UrlDecode, Trim, Lowercase, Trim], b"%20%20A%20B%20");
    assert_eq!(got.as_ref(), b"a b");
    let got = apply_chain(&[UrlDecode, Trim], b"+x+");
    assert_eq!(got.as_ref(), b"x");
    let got = apply_chain(&[], b"X");
    assert!(matches!(got, Cow::Borrowed(b"X")));
}

/// Pieces of the syntax the decoders look for, so random values reach
/// their edge cases far more often than random bytes would.
const PIECES: &[&[u8]] = &[
    b"%",
    b"%2",
    b"%25",
    b"%u",
    b"%uD83D",
    b"%uDE00",
    b"%uff0f",
    b"%c0",
    b"%af",
    b"+",
    b"&",
    b"&#",
    b"&#x",
    b"&lt",
    b";",
    b"&nbsp",
    b"\\",
    b"\\u",
    b"\\u{",
    b"}",
    b"\\x",
    b"\\0",
    b"\\3c",
    b"0",
    b"7",
    b"f",
    b"F",
    b"9999999999",
    b"/",
    b"/*",
    b"*/",
    b"/*!",
    b"50000",
    b"--",
    b"#",
    b"\n",
    b"\r",
    b" ",
    b"\t",
    b"\0",
    b"$",
    b"$IFS",
    b"${",
    b"'",
    b"\"",
    b"^",
    b",",
    b".",
    b"..",
    b"./",
    b"../",
    b"=",
    b"==",
    b"PHNj",
    b"A",
    b"z",
    b"\xc0",
    b"\xe0\x80",
    b"\xf0\x80\x80",
    b"\xaf",
    b"\xa0",
    b"\xc2\xa0",
    b"\xe3\x80\x80",
    b"\xef\xbc",
    b"\xff",
    b"\xfe",
    b"\xed\xa0\x80",
];

fn random_value(rng: &mut Rng) -> Vec<u8> {
    let len = rng.below(64);
    let mut v = Vec::new();
    if rng.below(4) == 0 {
        // Uniform bytes.
        v.extend((0..len).map(|_| rng.next() as u8));
    } else {
        for _ in 0..len {
            v.extend_from_slice(PIECES[rng.below(PIECES.len())]);
        }
    }
    v
}

/// A borrowed result must be part of the input.
fn is_part_of(part: &[u8], whole: &[u8]) -> bool {
    let (p, w) = (part.as_ptr() as usize, whole.as_ptr() as usize);
    part.is_empty() || (p >= w && p + part.len() <= w + whole.len())
}

#[test]
fn random_values_never_panic_or_grow_through_any_transform_or_chain() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut runs = 0;
    for _ in 0..20_000 {
        let input = random_value(&mut rng);
        for &t in Transform::ALL {
            let out = t.apply(&input);
            assert!(
                out.len() <= input.len(),
                "{t} grew {input:x?} ({} bytes) to {} bytes",
                input.len(),
                out.len()
            );
            if let Cow::Borrowed(b) = out {
                assert!(is_part_of(b, &input), "{t} borrowed outside its input");
            }
            // Deterministic.
            assert_eq!(t.apply(&input), t.apply(&input));
            runs += 1;
        }
        let chain: Vec<Transform> = (0..1 + rng.below(6))
            .map(|_| Transform::ALL[rng.below(Transform::ALL.len())])
            .collect();
        let out = apply_chain(&chain, &input);
        assert!(out.len() <= input.len(), "{chain:?} grew {input:x?}");
        // A chain is its transforms one after another.
        let stepwise = chain
            .iter()
            .fold(input.clone(), |v, t| t.apply(&v).into_owned());
        assert_eq!(out.as_ref(), stepwise.as_slice(), "{chain:?} on {input:x?}");
    }
    assert_eq!(runs, 20_000 * Transform::ALL.len());
}

#[test]
fn a_transform_changes_nothing_without_its_trigger_bytes() {
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    for _ in 0..20_000 {
        let input = random_value(&mut rng);
        for &t in Transform::ALL {
            // The value with every byte that could trigger `t` taken out.
            let quiet: Vec<u8> = input
                .iter()
                .copied()
                .filter(|&b| !t.triggers().contains(b))
                .collect();
            assert!(!ByteSet::of(&quiet).intersects(t.triggers()));
            match t.apply(&quiet) {
                Cow::Borrowed(b) if b == quiet.as_slice() => {}
                other => panic!("{t} changed {quiet:x?} into {other:x?} without a trigger byte"),
            }
        }
    }
}

#[test]
fn transfer_sets_hold_every_byte_of_the_output() {
    let mut rng = Rng(0x51_7CC1_B727_220A);
    for _ in 0..20_000 {
        let input = random_value(&mut rng);
        for &t in Transform::ALL {
            let Some(set) = t.transfer(ByteSet::of(&input)) else {
                continue;
            };
            let out = t.apply(&input);
            assert!(
                out.iter().all(|&b| set.contains(b)),
                "{t}: {out:x?} has a byte outside {set:?}"
            );
        }
    }
}

#[test]
fn a_transfer_step_is_decided_byte_by_byte() {
    // The step a plan takes for a value with bytes `s`: unchanged without
    // a trigger byte, else through the transfer function. Its preimage of
    // an output set must say exactly whether the step's set meets it.
    let mut rng = Rng(0x6A09_E667_F3BC_C908);
    let step = |t: Transform, s: ByteSet| -> Option<ByteSet> {
        if s.intersects(t.triggers()) {
            t.transfer(s)
        } else {
            Some(s)
        }
    };
    let random_set = |rng: &mut Rng, n: usize| -> ByteSet {
        (0..n).fold(ByteSet::EMPTY, |s, _| s.with(rng.below(256) as u8))
    };
    let mut decided = 0;
    for _ in 0..5_000 {
        let len = rng.below(12);
        let input = ByteSet::of(&random_value(&mut rng)).union(random_set(&mut rng, len));
        let n = 1 + rng.below(6);
        let output = random_set(&mut rng, n);
        for &t in Transform::ALL {
            let (Some(set), Some(pre)) = (step(t, input), t.preimage(output)) else {
                assert!(t.transfer(input).is_none() && t.preimage(output).is_none());
                continue;
            };
            assert_eq!(
                set.intersects(output),
                input.intersects(pre),
                "{t}: {input:?} → {set:?}, against {output:?} (preimage {pre:?})"
            );
            decided += 1;
        }
    }
    assert!(decided >= 5_000 * 6);
}

#[test]
fn hostile_values_take_linear_time() {
    // Each repeats one piece to 256 KiB: a transform that rescans (or a
    // chain that re-decodes) per piece would take minutes, not moments.
    let hostile: &[&[u8]] = &[
        b"%",
        b"%25",
        b"%u",
        b"%uD83D",
        b"&#",
        b"&#1",
        b"&#x",
        b"&lt",
        b"&a",
        b"\\",
        b"\\u{0",
        b"\\u{",
        b"\\0",
        b"\\1",
        b"/*",
        b"/*!",
        b"*/",
        b"-",
        b"#",
        b"../",
        b"./",
        b"/",
        b"$",
        b"$IFS",
        b"\xc0",
        b"\xe0\x80",
        b"\xa0",
        b"\xc2\xa0",
        b"A",
        b"=",
        b"0",
        b" ",
    ];
    for piece in hostile {
        let input = piece.repeat(256 * 1024 / piece.len());
        let all = Transform::ALL;
        for &t in all {
            assert!(t.apply(&input).len() <= input.len(), "{t} on {piece:?}");
        }
        let out = apply_chain(all, &input);
        assert!(out.len() <= input.len());
    }
}

#[test]
fn recursive_decoding_is_bounded() {
    // One more level of encoding than the bound: one escape remains.
    let mut input = b"%2e".to_vec();
    for _ in 0..url::MAX_ROUNDS {
        input = input
            .iter()
            .flat_map(|&b| if b == b'%' { b"%25".to_vec() } else { vec![b] })
            .collect();
    }
    let got = UrlDecodeRecursive.apply(&input);
    assert_eq!(got.as_ref(), b"%2e");
}
