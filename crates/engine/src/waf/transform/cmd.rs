//! `cmd_line`: a value read as a shell or `cmd.exe` command line, with the
//! spellings that make a command not look like one undone, so that
//! `c'a't /etc/passwd`, `cat$IFS/etc/passwd` and `CAT /etc/passwd` all read
//! `cat/etc/passwd`.
//!
//! Steps 1, 3, 4 and 5 are ModSecurity's `cmdLine`, so rules written for
//! it (which expect `cat/etc/passwd` and `command/c dir`) work unchanged;
//! step 2 adds the expansions that modern evasions use for a space.

use std::borrow::Cow;

pub(super) fn cmd_line(input: &[u8]) -> Cow<'_, [u8]> {
    if unchanged(input) {
        return Cow::Borrowed(input);
    }
    Cow::Owned(rewrite(input))
}

/// Would [`rewrite`] give `input` back? True of most lower-case prose:
/// nothing to unquote, expand or lower-case, and no whitespace but single
/// spaces that are not before `/` or `(`.
fn unchanged(input: &[u8]) -> bool {
    let mut after_space = false;
    for &b in input {
        if b.is_ascii_uppercase() || (is_special(b) && b != b' ') {
            return false;
        }
        if after_space && matches!(b, b' ' | b'/' | b'(') {
            return false;
        }
        after_space = b == b' ';
    }
    true
}

fn rewrite(input: &[u8]) -> Vec<u8> {
    // 1. Quotes and escapes go: `c'a't`, `c\at`, `c^at`, `"cat"`.
    let quoted = |b: u8| matches!(b, b'\\' | b'"' | b'\'' | b'^');
    let unquoted: Cow<'_, [u8]> = if input.iter().any(|&b| quoted(b)) {
        Cow::Owned(super::text::kept(input, |b| !quoted(b)))
    } else {
        Cow::Borrowed(input)
    };
    let mut out = Vec::with_capacity(unquoted.len());
    // Whether `out` ends with a space this function wrote.
    let mut space = false;
    let mut rest: &[u8] = &unquoted;
    while let [b, tail @ ..] = rest {
        // 2. Expansions that are a space, or nothing.
        if let Some((expansion, after)) = expansion(rest) {
            if expansion == Expansion::Space && !space {
                out.push(b' ');
                space = true;
            }
            rest = after;
            continue;
        }
        rest = tail;
        match b {
            // 3. Separators and whitespace: one space for a run.
            b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C | b',' | b';' => {
                if !space {
                    out.push(b' ');
                    space = true;
                }
            }
            // 4. No space before `/` or `(`: `cat /etc`, `cmd /c`, `echo (x)`.
            b'/' | b'(' => {
                if space {
                    out.pop();
                }
                space = false;
                out.push(*b);
            }
            // 5. Lower case.
            _ => {
                out.push(b.to_ascii_lowercase());
                space = false;
            }
        }
    }
    out
}

/// Bytes that `cmd_line` may change (besides upper-case letters).
fn is_special(b: u8) -> bool {
    matches!(
        b,
        b'\\'
            | b'"'
            | b'\''
            | b'^'
            | b'$'
            | b' '
            | b'\t'
            | b'\n'
            | b'\r'
            | 0x0B
            | 0x0C
            | b','
            | b';'
    )
}

#[derive(Clone, Copy, PartialEq)]
enum Expansion {
    /// `$IFS`, `${IFS}`: the field separator, a space by default.
    Space,
    /// `$@`, `$*`, `$1`–`$9` and `${…}` of them: empty in an injected
    /// command, so `ca$@t` runs `cat`.
    Empty,
}

/// The shell expansion `s` starts with, if it is one `cmd_line` knows, and
/// what follows it. Case-sensitive, as the shell is (`$ifs` is another,
/// empty, variable).
fn expansion(s: &[u8]) -> Option<(Expansion, &[u8])> {
    match s {
        [b'$', b'I', b'F', b'S', rest @ ..] => Some((Expansion::Space, rest)),
        [b'$', b'{', b'I', b'F', b'S', b'}', rest @ ..] => Some((Expansion::Space, rest)),
        [b'$', b'@' | b'*' | b'1'..=b'9', rest @ ..] => Some((Expansion::Empty, rest)),
        [b'$', b'{', b'@' | b'*' | b'1'..=b'9', b'}', rest @ ..] => Some((Expansion::Empty, rest)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use crate::waf::transform::Transform;
    use std::borrow::Cow;

    #[test]
    fn values_said_unchanged_are_what_the_rewrite_gives_back() {
        let alphabet = b"ab /(,;'\"\\^$IFS{}@19\t\nA-";
        let mut rng = crate::testing::Rng(5);
        let mut unchanged = 0;
        for _ in 0..20_000 {
            let len = rng.below(8);
            let v: Vec<u8> = (0..len)
                .filter_map(|_| alphabet.get(rng.below(alphabet.len())).copied())
                .collect();
            if super::unchanged(&v) {
                unchanged += 1;
                assert_eq!(super::rewrite(&v), v, "{:?}", String::from_utf8_lossy(&v));
            }
        }
        // The fast path was taken often enough to be tested.
        assert!(unchanged > 1000, "{unchanged}");
    }

    #[test]
    fn cmd_line_reads_every_spelling_of_a_command_the_same_way() {
        let cases: &[(&str, &str)] = &[
            ("", ""),
            ("whoami", "whoami"),
            ("cat /etc/passwd", "cat/etc/passwd"),
            ("c'a't /e't'c/p'a's's'w'd", "cat/etc/passwd"),
            ("c\"a\"t /etc/passwd", "cat/etc/passwd"),
            (r"c\at /et\c/pas\swd", "cat/etc/passwd"),
            ("cat$IFS/etc/passwd", "cat/etc/passwd"),
            ("cat${IFS}/etc/passwd", "cat/etc/passwd"),
            ("cat$IFS$9/etc/passwd", "cat/etc/passwd"),
            ("cat\t\t/etc/passwd", "cat/etc/passwd"),
            ("ca$@t /etc/pas$*swd", "cat/etc/passwd"),
            ("w${1}ho$2am${@}i", "whoami"),
            ("ls$IFS-la", "ls -la"),
            ("CAT /ETC/PASSWD", "cat/etc/passwd"),
            ("C^OMMAND /C DIR", "command/c dir"),
            ("C^oMMaNd /C DiR", "command/c dir"),
            ("cmd,/c DiR", "cmd/c dir"),
            ("\"command\" /c DiR", "command/c dir"),
            ("ls;id", "ls id"),
            ("ls ;, id", "ls id"),
            ("echo  (x)", "echo(x)"),
            // `$ifs` is not `$IFS`; `$0` is not empty.
            ("cat$ifs/etc", "cat$ifs/etc"),
            ("$0", "$0"),
        ];
        for (input, want) in cases {
            let got = Transform::CmdLine.apply(input.as_bytes());
            assert_eq!(String::from_utf8_lossy(&got), *want, "cmd_line({input:?})");
        }
        assert!(matches!(
            Transform::CmdLine.apply(b"whoami"),
            Cow::Borrowed(_)
        ));
    }
}
