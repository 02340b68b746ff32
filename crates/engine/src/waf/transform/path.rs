//! `normalise_path` and `normalise_path_win`: a value read as a file path,
//! with `.`, `..` and empty segments resolved.
//!
//! For absolute paths this gives what [`crate::path::normalise`] gives
//! (scopes and rules agree on what a path is), without its percent-decoding
//! and on bytes rather than text. Unlike it, a relative path stays relative
//! and keeps its leading `..` segments: `../../etc/passwd` in a query
//! argument is the traversal a rule is looking for, and resolving it
//! against an imaginary root would hide it.

use std::borrow::Cow;

pub(super) fn normalise_path(input: &[u8], windows: bool) -> Cow<'_, [u8]> {
    if is_normal(input, windows) {
        return Cow::Borrowed(input);
    }
    let slashed: Cow<'_, [u8]> = if windows && input.contains(&b'\\') {
        Cow::Owned(
            input
                .iter()
                .map(|&b| if b == b'\\' { b'/' } else { b })
                .collect(),
        )
    } else {
        Cow::Borrowed(input)
    };
    Cow::Owned(resolve(&slashed))
}

fn resolve(path: &[u8]) -> Vec<u8> {
    let (absolute, body) = match path {
        [b'/', body @ ..] => (true, body),
        body => (false, body),
    };
    let mut segments: Vec<&[u8]> = Vec::new();
    // `..` segments that a relative path keeps at its start.
    let mut up = 0usize;
    let mut last: &[u8] = b"";
    for segment in body.split(|&b| b == b'/') {
        match segment {
            b"" | b"." => {}
            b".." => {
                if segments.pop().is_none() && !absolute {
                    up += 1;
                }
            }
            s => segments.push(s),
        }
        last = segment;
    }
    // `a/`, `a/.` and `a/..` end in a directory; so does a bare `.` or
    // `..` after `/` (but a relative `..` alone stays `..`).
    let trailing = body.contains(&b'/') && matches!(last, b"" | b"." | b"..");
    let mut out = Vec::with_capacity(path.len());
    if absolute {
        out.push(b'/');
    }
    let parts = std::iter::repeat_n(&b".."[..], up).chain(segments.iter().copied());
    for (i, part) in parts.enumerate() {
        if i > 0 {
            out.push(b'/');
        }
        out.extend_from_slice(part);
    }
    // The trailing `/` never makes the value longer than it came in: a
    // relative `..\..` (Windows) resolves to `../..`, not `../../`.
    if trailing && out.last().is_some_and(|&b| b != b'/') && out.len() < path.len() {
        out.push(b'/');
    }
    out
}

/// Would [`resolve`] leave `input` as it is? Checked without allocating:
/// no `\` (for Windows), no empty segment but a trailing one, no `.`
/// segment, and `..` only at the start of a relative path.
fn is_normal(input: &[u8], windows: bool) -> bool {
    if windows && input.contains(&b'\\') {
        return false;
    }
    let (absolute, body) = match input {
        [b'/', body @ ..] => (true, body),
        body => (false, body),
    };
    if body.is_empty() {
        return true;
    }
    let mut leading = !absolute;
    let mut segments = body.split(|&b| b == b'/').peekable();
    while let Some(segment) = segments.next() {
        let is_last = segments.peek().is_none();
        match segment {
            b"" if is_last => {}
            b"" | b"." => return false,
            b".." if leading => {}
            b".." => return false,
            _ => leading = false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use crate::waf::transform::Transform;
    use std::borrow::Cow;

    const CASES: &[(&str, &str)] = &[
        ("", ""),
        ("x", "x"),
        ("/", "/"),
        ("//", "/"),
        ("/foo/bar/baz", "/foo/bar/baz"),
        ("/a/./b/../../etc//passwd", "/etc/passwd"),
        ("/../../../etc/passwd", "/etc/passwd"),
        ("/dir/foo//bar", "/dir/foo/bar"),
        ("/a/b/..", "/a/"),
        ("/./admin/.", "/admin/"),
        ("/a/..", "/"),
        ("/..", "/"),
        (".", ""),
        ("./", ""),
        ("..", ".."),
        ("../", "../"),
        ("./..", "../"),
        ("../.", "../"),
        ("../..", "../.."),
        ("../../", "../../"),
        ("dir/foo//bar/", "dir/foo/bar/"),
        ("dir/../foo", "foo"),
        ("dir/../../foo", "../foo"),
        ("x/../../../etc/passwd", "../../etc/passwd"),
        ("dir/./.././../../foo/bar", "../../foo/bar"),
        ("dir/./.././../../foo/bar/.", "../../foo/bar/"),
        ("dir//.//..//.//..//..//foo//bar//", "../../foo/bar/"),
        ("dir/subdir/subsubdir/subsubsubdir/../../..", "dir/"),
        ("/dir/./subdir/../subsubdir/../subsubsubdir/../", "/dir/"),
        ("/foo/bar\0/baz", "/foo/bar\0/baz"),
        (
            "/./.././../../../../../../../\0/../etc/./passwd",
            "/etc/passwd",
        ),
        ("a\\..\\b", "a\\..\\b"),
    ];

    #[test]
    fn normalise_path_resolves_dot_segments_and_keeps_leading_traversal() {
        for (input, want) in CASES {
            let got = Transform::NormalisePath.apply(input.as_bytes());
            assert_eq!(
                String::from_utf8_lossy(&got),
                *want,
                "normalise_path({input:?})"
            );
        }
        assert!(matches!(
            Transform::NormalisePath.apply(b"../../etc/passwd"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn normalise_path_win_also_treats_backslashes_as_separators() {
        let cases: &[(&str, &str)] = &[
            ("..\\..\\windows\\win.ini", "../../windows/win.ini"),
            ("C:\\inetpub\\..\\..\\boot.ini", "boot.ini"),
            ("\\a\\.\\b\\\\c\\..", "/a/b/"),
            ("a\\..\\b", "b"),
            ("/a/b", "/a/b"),
            // Found by fuzzing: a trailing `/` would have made it longer.
            ("..\\..", "../.."),
            ("l..\\..", ""),
        ];
        for (input, want) in cases {
            let got = Transform::NormalisePathWin.apply(input.as_bytes());
            assert_eq!(
                String::from_utf8_lossy(&got),
                *want,
                "normalise_path_win({input:?})"
            );
        }
    }

    #[test]
    fn absolute_paths_normalise_as_scopes_do() {
        // `crate::path::normalise` also percent-decodes; without `%` the two
        // must agree on every absolute path.
        let segments = ["", ".", "..", "a", "bb", "\\", "..\\x", ".a", "a."];
        let mut checked = 0;
        for a in segments {
            for b in segments {
                for c in segments {
                    for trail in ["", "/"] {
                        let input = format!("/{a}/{b}/{c}{trail}");
                        let got = Transform::NormalisePathWin.apply(input.as_bytes());
                        assert_eq!(
                            String::from_utf8_lossy(&got),
                            crate::path::normalise(&input),
                            "{input:?}"
                        );
                        checked += 1;
                    }
                }
            }
        }
        assert_eq!(checked, 9 * 9 * 9 * 2);
    }
}
