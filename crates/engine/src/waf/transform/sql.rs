//! SQL comments: `remove_comments` and `replace_comments`.
//!
//! Comments are `/* … */` (an unclosed one runs to the end of the value),
//! and `--` and `#` up to the end of the line. MySQL runs the contents of
//! an executable comment `/*! … */` (<https://dev.mysql.com/doc/refman/8.4/en/comments.html>),
//! optionally with a five-digit version (`/*!50000 … */`), and MariaDB
//! also those of `/*M! … */` with a five- or six-digit version
//! (<https://mariadb.com/kb/en/comment-syntax/>): so their markers and
//! version go, and their contents stay. A comment inside one ends at the
//! first `*/`, and the next `*/` ends the executable comment.
//!
//! ModSecurity's `removeComments` drops everything after `--` or `#`, to
//! the end of the value; here a line comment ends at the line break, as in
//! SQL, so `1--x\nUNION SELECT` keeps its second line. Quotes are not
//! tracked: an injection starts inside a string literal as often as
//! outside one.

use std::borrow::Cow;

use super::output;

/// What becomes of a comment.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Comments {
    /// Nothing: `UN/**/ION` → `UNION`.
    Remove,
    /// One space, as the SQL lexer sees it: `SELECT/**/1` → `SELECT 1`.
    Replace,
}

pub(super) fn comments(input: &[u8], mode: Comments) -> Cow<'_, [u8]> {
    let Some(first) = (0..input.len()).find(|&i| {
        matches!(
            input.get(i..),
            Some([b'/', b'*', ..] | [b'-', b'-', ..] | [b'#', ..])
        )
    }) else {
        return Cow::Borrowed(input);
    };
    let Some((clean, mut rest)) = input.split_at_checked(first) else {
        return Cow::Borrowed(input);
    };
    let mut out = output(clean, input.len());
    let gap = |out: &mut Vec<u8>| {
        if mode == Comments::Replace {
            out.push(b' ');
        }
    };
    let mut executable = false;
    while let [b, tail @ ..] = rest {
        match rest {
            [b'/', b'*', after @ ..] => {
                gap(&mut out);
                if let Some(contents) = executable_contents(after) {
                    executable = true;
                    rest = contents;
                } else {
                    rest = after_block_comment(after);
                }
            }
            [b'*', b'/', after @ ..] if executable => {
                gap(&mut out);
                executable = false;
                rest = after;
            }
            [b'-', b'-', ..] | [b'#', ..] => {
                gap(&mut out);
                let eol = rest
                    .iter()
                    .position(|&c| c == b'\n' || c == b'\r')
                    .unwrap_or(rest.len());
                rest = rest.get(eol..).unwrap_or_default();
            }
            _ => {
                out.push(*b);
                rest = tail;
            }
        }
    }
    Cow::Owned(out)
}

/// After `/*`: when it opens an executable comment, what follows its
/// `!` or `M!` and version.
fn executable_contents(after_open: &[u8]) -> Option<&[u8]> {
    let (s, max_digits) = match after_open {
        [b'!', s @ ..] => (s, 5),
        [b'M', b'!', s @ ..] => (s, 6),
        _ => return None,
    };
    let digits = s
        .iter()
        .take(max_digits)
        .take_while(|b| b.is_ascii_digit())
        .count();
    // A version is five digits (or six for MariaDB); fewer are contents.
    let version = if digits >= 5 { digits } else { 0 };
    s.get(version..)
}

/// What follows the `*/` that closes a block comment (nothing when none
/// does), given what follows its `/*`.
fn after_block_comment(s: &[u8]) -> &[u8] {
    match s.windows(2).position(|w| w == b"*/") {
        Some(i) => s.get(i + 2..).unwrap_or_default(),
        None => &[],
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
    fn remove_comments_joins_what_comments_split() {
        check(
            Transform::RemoveComments,
            &[
                ("", ""),
                (
                    "no comments - here / there * 2",
                    "no comments - here / there * 2",
                ),
                ("SEL/**/ECT", "SELECT"),
                ("UN/*x*/ION/*y*/SELECT", "UNIONSELECT"),
                ("/*!50000UNION*/", "UNION"),
                ("/*!UNION*/ SELECT", "UNION SELECT"),
                ("/*M!100301UNION*/", "UNION"),
                ("/*!1 UNION*/", "1 UNION"),
                ("/*!50000UNION/*x*/SELECT*/", "UNIONSELECT"),
                ("1--comment\n", "1\n"),
                ("1-- comment\r\nOR 1=1", "1\r\nOR 1=1"),
                ("1#comment\nUNION#\nSELECT", "1\nUNION\nSELECT"),
                ("' OR 1=1#", "' OR 1=1"),
                ("' OR 1=1 -- ", "' OR 1=1 "),
                ("a/* unclosed", "a"),
                ("a*/b", "a*/b"),
                ("/*/ still a comment */x", "x"),
                ("/**/", ""),
            ],
        );
    }

    #[test]
    fn replace_comments_turns_comments_into_spaces() {
        check(
            Transform::ReplaceComments,
            &[
                ("", ""),
                ("plain", "plain"),
                ("SELECT/**/password/**/FROM", "SELECT password FROM"),
                ("UN/**/ION", "UN ION"),
                ("/*!50000select*/", " select "),
                ("1/*!UNION*/SELECT", "1 UNION SELECT"),
                ("1--comment\n", "1 \n"),
                ("1#x\nUNION", "1 \nUNION"),
                ("a/* unclosed", "a "),
                ("/*!50000UNION/*x*/SELECT*/", " UNION SELECT "),
            ],
        );
    }
}
