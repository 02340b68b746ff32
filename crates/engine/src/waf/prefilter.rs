//! Required bytes: a set of bytes of which any value a rule can match holds
//! at least one, worked out when the rules load, so that evaluation can
//! skip a rule (and the transformations it would need) for a value that
//! holds none of them.
//!
//! For a regular expression the set comes from its syntax tree, as
//! literal-extracting engines (Hyperscan, ripgrep) do it: a literal needs
//! each of its bytes, a class needs one of its members, a concatenation
//! needs what any one of its parts needs, an alternation needs one of what
//! each branch needs, and an optional part needs nothing. Among the sets a
//! concatenation offers, the one least likely in ordinary text is kept:
//! `union\s+select` is filtered on `u` (letters are all alike), while `sleep\s*\(` is filtered on
//! `(`, which prose seldom has. A pattern with no requirement (one that can
//! match the empty string, or any letter) gets none, and always runs.

use regex_syntax::hir::{Class, Hir, HirKind};

use super::byteset::ByteSet;

/// The required bytes of a regular expression, from the syntax tree the
/// loader compiles it from ([`super::pattern::parse`]); `None` when a
/// match needs no particular byte.
pub fn for_hir(hir: &Hir) -> Option<ByteSet> {
    required(hir)
}

/// The required bytes of a phrase list matched ASCII case-insensitively:
/// for each phrase, its least common byte in either case.
pub fn for_phrases<S: AsRef<[u8]>>(phrases: &[S]) -> Option<ByteSet> {
    let mut set = ByteSet::EMPTY;
    for phrase in phrases {
        let best = phrase
            .as_ref()
            .iter()
            .map(|&b| {
                ByteSet::EMPTY
                    .with(b.to_ascii_lowercase())
                    .with(b.to_ascii_uppercase())
            })
            .min_by_key(|s| commonness(*s))?;
        set = set.union(best);
    }
    Some(set)
}

fn required(hir: &Hir) -> Option<ByteSet> {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => None,
        HirKind::Literal(lit) => lit
            .0
            .iter()
            .map(|&b| ByteSet::EMPTY.with(b))
            .min_by_key(|s| commonness(*s)),
        HirKind::Class(class) => Some(first_bytes(class)),
        HirKind::Repetition(rep) if rep.min == 0 => None,
        HirKind::Repetition(rep) => required(&rep.sub),
        HirKind::Capture(cap) => required(&cap.sub),
        HirKind::Concat(parts) => parts
            .iter()
            .filter_map(required)
            .min_by_key(|s| commonness(*s)),
        HirKind::Alternation(branches) => branches
            .iter()
            .map(required)
            .try_fold(ByteSet::EMPTY, |acc, s| Some(acc.union(s?))),
    }
}

/// The bytes a member of `class` can start with: ASCII members
/// themselves, and for the others the UTF-8 lead bytes from that of the
/// range's first non-ASCII member to that of its last (UTF-8 keeps code
/// point order, so no member of the range starts outside them):
/// `[\x{560a}\x{560d}]` needs `0xE5`, not any of `0xC0..=0xFF`.
fn first_bytes(class: &Class) -> ByteSet {
    match class {
        Class::Bytes(c) => c.ranges().iter().fold(ByteSet::EMPTY, |s, r| {
            s.union(ByteSet::range(r.start(), r.end()))
        }),
        Class::Unicode(c) => c.ranges().iter().fold(ByteSet::EMPTY, |s, r| {
            let (lo, hi) = (r.start(), r.end());
            let mut s = s;
            if lo.is_ascii() {
                let top = if hi.is_ascii() { hi } else { '\x7f' };
                s = s.union(ByteSet::range(lo as u8, top as u8));
            }
            if !hi.is_ascii() {
                let first = if lo.is_ascii() { '\u{80}' } else { lo };
                s = s.union(ByteSet::range(lead_byte(first), lead_byte(hi)));
            }
            s
        }),
    }
}

/// The first byte of `c` in UTF-8.
fn lead_byte(c: char) -> u8 {
    let mut buf = [0u8; 4];
    c.encode_utf8(&mut buf);
    buf[0]
}

/// How often ordinary text (prose, names, identifiers, numbers) holds some
/// byte of `set`, roughly: letters, digits and spaces are everywhere, common
/// punctuation often, the rest seldom. Only the order matters. Four
/// population counts: the loader asks this for every byte of every literal.
fn commonness(set: ByteSet) -> u32 {
    const EVERYWHERE: ByteSet = ByteSet::range(b'a', b'z')
        .union(ByteSet::range(b'A', b'Z'))
        .union(ByteSet::range(b'0', b'9'))
        .union(ByteSet::from_bytes(b" "));
    const OFTEN: ByteSet = ByteSet::from_bytes(b".,-'/:_\n\r\t");
    const HIGH: ByteSet = ByteSet::range(0x80, 0xFF);
    let everywhere = set.intersection(EVERYWHERE).len();
    let often = set.intersection(OFTEN).len();
    let high = set.intersection(HIGH).len();
    let rest = set.len() - everywhere - often - high;
    20 * everywhere + 4 * often + 3 * high + rest
}

#[cfg(test)]
mod tests {
    use super::super::pattern;
    use super::*;

    /// The required bytes of a pattern parsed as the loader parses it.
    fn for_regex(p: &str) -> Option<ByteSet> {
        for_hir(&pattern::parse(p).unwrap_or_else(|e| panic!("{p}: {e}")))
    }

    fn shown(set: Option<ByteSet>) -> Option<String> {
        set.map(|s| s.iter().map(char::from).collect())
    }

    #[test]
    fn required_bytes_come_from_what_every_match_contains() {
        let cases: &[(&str, Option<&str>)] = &[
            (r"sleep\s*\(", Some("(")),
            (r"\bunion\s+select\b", Some("u")),
            (r"<script\b", Some("<")),
            (r"(?i)<\s*script", Some("<")),
            (r"\$\{|#\{", Some("#$")),
            (r"abc|x?", None),
            (r"a*", None),
            (r"^$", None),
            (r"[;|&]\s*id\b", Some("&;|")),
            (r"(?:\.\.){1,3}/", Some(".")),
            // Non-ASCII members need their own lead bytes, not every one.
            (
                r"(?:[\r\n]|(?u:[\x{560a}\x{010a}]))\s*location",
                Some("\n\r\u{c4}\u{e5}"),
            ),
        ];
        for (pattern, want) in cases {
            let got = shown(for_regex(pattern));
            assert_eq!(got.as_deref(), *want, "{pattern}");
        }
    }

    #[test]
    fn a_unicode_class_needs_the_lead_bytes_of_its_members() {
        let mut rng = crate::testing::Rng(11);
        let any_char = |rng: &mut crate::testing::Rng| loop {
            // Mostly short code points, some long ones.
            let bound = [0x100, 0x800, 0x1_0000, 0x11_0000][rng.below(4)];
            if let Some(c) = char::from_u32(rng.below(bound) as u32) {
                return c;
            }
        };
        for _ in 0..500 {
            let (a, b) = (any_char(&mut rng), any_char(&mut rng));
            let (lo, hi) = (a.min(b), a.max(b));
            let class = Class::Unicode(regex_syntax::hir::ClassUnicode::new([
                regex_syntax::hir::ClassUnicodeRange::new(lo, hi),
            ]));
            let set = first_bytes(&class);
            // Both ends, and members spread over the range.
            let (l, h) = (u32::from(lo), u32::from(hi));
            for k in 0..=16u32 {
                // A surrogate code point is no char: take the range's end.
                let c = char::from_u32(l + (h - l) / 16 * k).unwrap_or(hi);
                assert!(set.contains(lead_byte(c)), "{lo:?}..={hi:?}: {c:?}");
            }
            if !lo.is_ascii() {
                // No byte below the lowest member's lead.
                assert!(set.iter().all(|b| b >= lead_byte(lo)), "{lo:?}..={hi:?}");
            }
        }
    }

    #[test]
    fn a_value_without_the_required_bytes_never_matches() {
        // The property the WAF relies on, over the shipped kind of pattern.
        let patterns = [
            r"(?i)\b(?:sleep|pg_sleep|benchmark)\s*\(\s*[\d(]",
            r"[\r\n]\s*(?:set-cookie|location)\s*:?",
            r"(?:^|[/\\])\.\.+[/\\;]",
            r"\{\{[^}]{0,80}?__class__",
            "(?iu:caf\u{e9})|(?u:\u{ff1c})",
        ];
        let values: &[&[u8]] = &[
            b"SLEEP(5)",
            b"x\r\nSet-Cookie: a",
            b"../etc",
            b"{{ ''.__class__ }}",
            "CAF\u{c9}".as_bytes(),
            "\u{ff1c}".as_bytes(),
            b"plain words",
        ];
        for p in patterns {
            // The matcher the WAF runs, from the tree the set comes from.
            let hir = pattern::parse(p).unwrap_or_else(|e| panic!("{p}: {e}"));
            let re = pattern::compile(&hir).unwrap_or_else(|e| panic!("{p}: {e}"));
            let req = for_hir(&hir);
            for v in values {
                if re.is_match(*v) {
                    assert!(
                        req.is_none_or(|r| ByteSet::of(v).intersects(r)),
                        "{p} matches {v:?} but {req:?} says it cannot"
                    );
                }
            }
        }
    }

    #[test]
    fn phrases_need_one_byte_of_each_phrase_in_either_case() {
        let set = for_phrases(&["sqlmap", "dirb/", "(dirb)"]);
        let set = set.unwrap_or(ByteSet::ALL);
        assert!(set.contains(b'/') && set.contains(b'('));
        assert!(ByteSet::of(b"SQLMAP/1.7").intersects(set));
        assert_eq!(for_phrases::<&str>(&[]), Some(ByteSet::EMPTY));
        assert_eq!(for_phrases(&[""]), None);
    }

    #[test]
    fn commonness_weighs_each_byte_by_its_class() {
        let weight = |b: u8| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b' ' => 20,
            b'.' | b',' | b'-' | b'\'' | b'/' | b':' | b'_' | b'\n' | b'\r' | b'\t' => 4,
            0x80..=0xFF => 3,
            _ => 1,
        };
        let mut rng = crate::testing::Rng(7);
        for _ in 0..2000 {
            let bytes: Vec<u8> = (0..rng.below(12)).map(|_| rng.below(256) as u8).collect();
            let set = ByteSet::of(&bytes);
            assert_eq!(
                commonness(set),
                set.iter().map(weight).sum::<u32>(),
                "{set:?}"
            );
        }
        assert_eq!(commonness(ByteSet::ALL), 63 * 20 + 10 * 4 + 128 * 3 + 55);
    }
}
