//! The single parse + `build_from_hir` against what it replaced:
//! `regex::bytes::RegexBuilder::new(p).unicode(false)` with the loader's
//! size limits, which parses the pattern itself.

use regex_automata::util::syntax;

use super::*;
use crate::waf::byteset::ByteSet;
use crate::waf::prefilter;

/// How the loader built a rule regex before: `regex` parsing it itself.
fn with_regex_crate(p: &str) -> Result<regex::bytes::Regex, regex::Error> {
    regex::bytes::RegexBuilder::new(p)
        .unicode(false)
        .size_limit(4 << 20)
        .dfa_size_limit(4 << 20)
        .build()
}

/// How it is built now, with the message the loader shows on failure.
fn with_single_parse(p: &str) -> Result<Regex, String> {
    compile(&parse(p)?)
}

/// Patterns that exercise the syntax settings: Unicode classes and case
/// folding inside `(?u:…)`, ASCII-only ones outside, word boundaries of
/// both kinds, raw bytes, bounded and lazy repeats, anchors and flags.
const TRICKY: &[&str] = &[
    r"(?u:\w+)",
    r"(?u:\s)+x",
    r"(?u:\d{2})",
    r"(?u:\bcaf\x{e9}\b)",
    r"(?u:.)",
    r"(?iu:stra\x{df}e)",
    r"(?iu:k)",
    r"(?i)k",
    r"(?i)<\s*script\b",
    r"(?i)select",
    r"\w+",
    r"\bunion\b",
    r"\B\d\B",
    r".",
    r"(?s:.)x",
    r"\xff",
    r"[\x80-\xff]+",
    r"\x00",
    r"(?-u:\xe9)",
    r"(?u:\x{ff1c})",
    r"a{2,4}",
    r"a{2,}?",
    r"(?:ab){2}",
    r"\d{8,10}",
    r"\{\{[^}]{0,80}?__class__",
    r"[^\n]{0,5}?y",
    r"^abc",
    r"abc$",
    r"(?m)^y$",
    r"(?R)^y$",
    r"sam|samwise",
    r"(?U)a+",
    r"[[:alpha:]]+",
    r"\W",
    r"x*",
    r"[\r\n]\s*(?:set-cookie|location)\s*:?",
];

const VALUES: &[&[u8]] = &[
    b"",
    b"abc",
    b"xabcx",
    b"SELECT * FROM t",
    b"1 union select 2",
    b"caf\xc3\xa9 latte",
    b"un caf\xc3\xa9!",
    b"caf\xe9",
    "Stra\u{df}e STRASSE stra\u{1e9e}e".as_bytes(),
    "\u{212a}elvin".as_bytes(),
    b"k K",
    "\u{ff1c}script>".as_bytes(),
    b"< ScRiPt>",
    b"aaaaa",
    b"x\ny\r\ny",
    b"\x85 \xa0x",
    "\u{2003}\u{2003}x \u{0663}\u{0664}".as_bytes(),
    b"{{ ''.__class__ }}",
    b"12345678901",
    "\u{6771}\u{4eac}".as_bytes(),
    b"samwise",
    b"a\x00b\xff\xfe",
    b"\xff\xff\xff",
    b"ababab",
    b"12a34",
    b"x\r\nSet-Cookie: a",
];

#[test]
fn rule_regexes_match_exactly_what_regex_bytes_matches() {
    for p in TRICKY {
        let old = with_regex_crate(p).unwrap_or_else(|e| panic!("{p}: {e}"));
        let new = with_single_parse(p).unwrap_or_else(|e| panic!("{p}: {e}"));
        for v in VALUES {
            let want = old.find(v).map(|m| (m.start(), m.end()));
            let got = new.find(*v).map(|m| (m.start(), m.end()));
            assert_eq!(got, want, "{p} on {:?}", String::from_utf8_lossy(v));
            assert_eq!(new.is_match(*v), old.is_match(v), "{p} on {v:?}");
        }
        assert_eq!(
            new.is_match(b""),
            old.is_match(b""),
            "{p} on the empty value"
        );
    }
}

#[test]
fn rule_regexes_parse_to_the_tree_regex_builds_from() {
    // `regex` parses with `util::syntax::Config`; `parse` must agree with
    // it on every setting, for a tree that compiles and for an error.
    let config = syntax::Config::new().unicode(false).utf8(false);
    for p in TRICKY.iter().chain(UNCOMPILABLE.iter().map(|(p, _)| p)) {
        let want = syntax::parse_with(p, &config).map_err(|e| e.to_string());
        let got = parse(p);
        assert_eq!(got, want, "{p}");
    }
}

/// Patterns refused, each with the end of the message.
const UNCOMPILABLE: &[(&str, &str)] = &[
    ("(unclosed", "unclosed group"),
    ("(?=look)ahead", "look-around"),
    (r"(\w)\1", "backreferences are not supported"),
    // Octal is off, as in `regex`.
    (r"\141", "backreferences are not supported"),
    // Unicode is off outside `(?u:…)`: no `\p`, no code point above
    // \xFF (a byte) in a class.
    (r"\pL", "Unicode not allowed here"),
    (r"[\x{100}]", "Unicode not allowed here"),
    // `regex` is built with unicode-case and unicode-perl only.
    (r"(?u:\p{Greek})", "Unicode property not found"),
    // Over the 4 MiB NFA size limit.
    (r"(?u:\w{1000})", "exceeds size limit of 4194304 bytes."),
];

#[test]
fn uncompilable_rule_regexes_fail_with_the_message_regex_gives() {
    let deep = format!("{}a{}", "(".repeat(300), ")".repeat(300));
    let cases = UNCOMPILABLE
        .iter()
        .map(|&(p, end)| (p.to_string(), end))
        .chain([(deep, "nested parentheses/brackets (250)")]);
    for (p, end) in cases {
        let want = with_regex_crate(&p).map(|_| ()).map_err(|e| e.to_string());
        let got = with_single_parse(&p).map(|_| ());
        assert_eq!(got, want, "{p}");
        let last = got.err().unwrap_or_default();
        let last = last.lines().map(str::trim).rfind(|l| !l.is_empty());
        assert!(last.is_some_and(|l| l.contains(end)), "{p}: {last:?}");
    }
}

/// The prefilter as it was: its own parse of the pattern.
fn required_before(p: &str) -> Option<ByteSet> {
    let hir = regex_syntax::ParserBuilder::new()
        .utf8(false)
        .unicode(false)
        .build()
        .parse(p)
        .ok()?;
    prefilter::for_hir(&hir)
}

#[test]
fn shipped_rule_regexes_compile_match_and_prefilter_as_before() {
    let dir = format!("{}/../..", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(format!("{dir}/rules/40-waf.toml")).unwrap();
    let doc: toml::Table = toml::from_str(&text).unwrap();
    let rules = doc["waf"]["rule"].as_array().unwrap();
    let patterns: Vec<&str> = rules
        .iter()
        .filter_map(|r| r.get("regex")?.as_str())
        .collect();
    assert!(patterns.len() > 30, "{} regexes", patterns.len());
    // The attack corpus as raw lines (URLs, headers and bodies as JSON
    // text), and the table above.
    let corpus = std::fs::read_to_string(format!("{dir}/tests/waf-corpus/attacks.jsonl")).unwrap();
    let values: Vec<&[u8]> = corpus
        .lines()
        .map(str::as_bytes)
        .chain(VALUES.iter().copied())
        .collect();
    let mut matched = 0;
    for p in patterns {
        let old = with_regex_crate(p).unwrap_or_else(|e| panic!("{p}: {e}"));
        let new = with_single_parse(p).unwrap_or_else(|e| panic!("{p}: {e}"));
        let hir = parse(p).unwrap_or_else(|e| panic!("{p}: {e}"));
        assert_eq!(prefilter::for_hir(&hir), required_before(p), "{p}");
        for v in &values {
            let want = old.find(v).map(|m| (m.start(), m.end()));
            let got = new.find(*v).map(|m| (m.start(), m.end()));
            assert_eq!(got, want, "{p} on {:?}", String::from_utf8_lossy(v));
            matched += usize::from(got.is_some());
        }
    }
    // The comparison saw matches, not only misses.
    assert!(matched > 100, "{matched} matches");
}
