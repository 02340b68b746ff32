//! Necessary literals: for a rule's regex, a set of strings one of which
//! (ASCII case aside) every match contains, found from its syntax tree
//! when the rules load. The WAF looks for every rule's literals in a
//! value with one Aho-Corasick pass ([`super::plan`]) and runs a regex
//! only where one of its literals is: most regexes never start on prose.
//!
//! The set comes from the tree as literal-extracting engines (Hyperscan,
//! ripgrep) find inner literals: a literal is its own set; a
//! concatenation offers each run of fixed bytes in it (a letter that
//! matches in either case is a fixed byte here, and zero-width assertions
//! do not end a run) and the set of each of its parts, and the one with
//! the longest shortest literal is kept; an alternation needs one of what
//! each branch needs; a repetition of at least once needs what its body
//! needs; anything optional, any class of other bytes, needs nothing.
//! A set is kept only if each of its literals has at least
//! [`MIN_LEN`] bytes: shorter ones are in too many values to be worth
//! the look.

use regex_syntax::hir::{Class, Hir, HirKind};

/// The shortest literal worth looking for.
pub const MIN_LEN: usize = 3;
/// The most literals kept for one regex.
const MAX_LITERALS: usize = 64;

/// Literals (lower case), one of which every match of `hir` contains in
/// some mix of ASCII cases; `None` when no set of literals of at least
/// [`MIN_LEN`] bytes is found.
pub fn for_hir(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    let set = necessary(hir)?;
    (shortest(&set) >= MIN_LEN).then_some(set)
}

/// The length of the shortest literal of `set`.
fn shortest(set: &[Vec<u8>]) -> usize {
    set.iter().map(Vec::len).min().unwrap_or(0)
}

fn necessary(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    match hir.kind() {
        HirKind::Literal(lit) => Some(vec![lit.0.to_ascii_lowercase()]),
        HirKind::Capture(cap) => necessary(&cap.sub),
        HirKind::Repetition(rep) if rep.min >= 1 => necessary(&rep.sub),
        HirKind::Alternation(branches) => {
            let mut all: Vec<Vec<u8>> = Vec::new();
            for branch in branches {
                all.extend(necessary(branch)?);
                if all.len() > MAX_LITERALS {
                    return None;
                }
            }
            all.sort();
            all.dedup();
            Some(all)
        }
        HirKind::Concat(parts) => {
            let mut best: Option<Vec<Vec<u8>>> = None;
            let mut keep = |set: Vec<Vec<u8>>| {
                let better = best.as_ref().is_none_or(|b| {
                    (shortest(&set), std::cmp::Reverse(set.len()))
                        > (shortest(b), std::cmp::Reverse(b.len()))
                });
                if better {
                    best = Some(set);
                }
            };
            let mut run: Vec<u8> = Vec::new();
            for part in parts {
                match part.kind() {
                    HirKind::Literal(lit) => run.extend(lit.0.to_ascii_lowercase()),
                    // Zero-width: the bytes either side are adjacent.
                    HirKind::Look(_) => {}
                    HirKind::Class(class) if fixed_byte(class).is_some() => {
                        run.extend(fixed_byte(class));
                    }
                    _ => {
                        if !run.is_empty() {
                            keep(vec![std::mem::take(&mut run)]);
                        }
                        if let Some(set) = necessary(part) {
                            keep(set);
                        }
                    }
                }
            }
            if !run.is_empty() {
                keep(vec![run]);
            }
            best
        }
        HirKind::Empty | HirKind::Look(_) | HirKind::Class(_) | HirKind::Repetition(_) => None,
    }
}

/// The byte (lower case) a class matches, if it matches one ASCII byte,
/// or one ASCII letter in either case.
fn fixed_byte(class: &Class) -> Option<u8> {
    let members: Vec<u32> = match class {
        Class::Bytes(c) => {
            let mut out = Vec::new();
            for r in c.ranges() {
                if usize::from(r.end() - r.start()) + out.len() >= 2 {
                    return None;
                }
                out.extend((r.start()..=r.end()).map(u32::from));
            }
            out
        }
        Class::Unicode(c) => {
            let mut out = Vec::new();
            for r in c.ranges() {
                let (lo, hi) = (u32::from(r.start()), u32::from(r.end()));
                if (hi - lo) as usize + out.len() >= 2 {
                    return None;
                }
                out.extend(lo..=hi);
            }
            out
        }
    };
    let ascii = |m: u32| u8::try_from(m).ok().filter(u8::is_ascii);
    match members.as_slice() {
        [one] => ascii(*one).map(|b| b.to_ascii_lowercase()),
        [a, b] => {
            let (a, b) = (ascii(*a)?, ascii(*b)?);
            (a != b && a.eq_ignore_ascii_case(&b)).then(|| a.to_ascii_lowercase())
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::pattern;
    use super::*;

    fn literals(p: &str) -> Option<Vec<String>> {
        let hir = pattern::parse(p).unwrap_or_else(|e| panic!("{p}: {e}"));
        for_hir(&hir).map(|set| {
            set.iter()
                .map(|l| String::from_utf8_lossy(l).into_owned())
                .collect()
        })
    }

    #[test]
    fn literals_are_what_every_match_contains() {
        let cases: &[(&str, Option<&[&str]>)] = &[
            (r"(?i)\bunion\s+select\b", Some(&["select"])),
            (
                r"(?i)\b(?:sleep|pg_sleep|benchmark)\s*\(",
                Some(&["benchmark", "pg_sleep", "sleep"]),
            ),
            (r"etc/passwd", Some(&["etc/passwd"])),
            (r"(?i)ETC/(?:passwd|shadow)", Some(&["passwd", "shadow"])),
            // Optional parts and short literals give nothing.
            (r"(?:union)?\s+x", None),
            (r"ab|cde", None),
            (r"[;|&]\s*id\b", None),
            (r"a[bc]d", None),
            // A repetition of at least once needs its body.
            (r"(?:\.\./)+", Some(&["../"])),
            (r"(?:\.\./)*x", None),
            // Not a case pair: a class of two unrelated bytes ends a run.
            (r"ab[xy]cdef", Some(&["cdef"])),
            // Unicode case folding adds the Kelvin sign to `k`: no fixed byte.
            (r"(?iu:kkkk)", None),
        ];
        for (pattern, want) in cases {
            let want = want.map(|w| w.iter().map(|s| s.to_string()).collect::<Vec<_>>());
            assert_eq!(literals(pattern), want, "{pattern}");
        }
    }

    #[test]
    fn a_value_that_matches_holds_one_of_the_literals() {
        // The property the WAF relies on: over random values built from
        // the patterns' own pieces, every match holds a literal.
        let patterns = [
            r"(?i)\bunion\b[\s\S]{0,40}?\bselect\b",
            r"(?i)(?:sleep|benchmark|waitfor\s+delay)\s*\(",
            r"(?i)(?:/etc/(?:passwd|shadow|hosts)|c:\\windows\\win\.ini)",
            r"(?i)<script\b|javascript:",
            r"\$\{(?:jndi|env|sys):",
            r"(?i)169\.254\.169\.254|metadata\.google\.internal",
        ];
        let pieces: &[&[u8]] = &[
            b"UNION",
            b"union",
            b" ",
            b"select",
            b"SeLeCt",
            b"sleep",
            b"(",
            b"/etc/",
            b"passwd",
            b"shadow",
            b"<script",
            b">",
            b"JavaScript:",
            b"${",
            b"jndi",
            b":",
            b"169.254.169.254",
            b"metadata.google.internal",
            b"x",
            b"1",
            b"waitfor",
            b"delay",
            b"c:\\windows\\win.ini",
            b"\t",
            b"benchmark",
        ];
        let mut rng = crate::testing::Rng(0x3C6E_F372_FE94_F82B);
        let mut matched = 0;
        for p in patterns {
            let hir = pattern::parse(p).unwrap_or_else(|e| panic!("{p}: {e}"));
            let re = pattern::compile(&hir).unwrap_or_else(|e| panic!("{p}: {e}"));
            let Some(set) = for_hir(&hir) else {
                panic!("{p}: no literals");
            };
            for _ in 0..3_000 {
                let value: Vec<u8> = (0..1 + rng.below(8))
                    .flat_map(|_| pieces.get(rng.below(pieces.len())).copied().unwrap_or(b""))
                    .copied()
                    .collect();
                if re.is_match(&value) {
                    matched += 1;
                    let lower = value.to_ascii_lowercase();
                    assert!(
                        set.iter()
                            .any(|l| lower.windows(l.len()).any(|w| w == l.as_slice())),
                        "{p} matches {:?} but holds none of {set:?}",
                        String::from_utf8_lossy(&value)
                    );
                }
            }
        }
        assert!(matched > 500, "only {matched} values matched");
    }
}
