//! WAF transformations: the decoding and normalising steps a rule applies,
//! in the order it lists them, to a value (path, query argument, header,
//! cookie, body field) before matching it, so that each of the spellings an
//! origin server may decode into the same thing is matched as that thing.
//!
//! They follow ModSecurity's and Coraza's transformation functions of the
//! same purpose, with the differences noted on each variant of
//! [`Transform`]. Values are bytes, not text: decoding yields arbitrary
//! bytes (`%ff`, `%00`, overlong UTF-8), and a transform must neither fail
//! on them nor hide them by replacing them. Convert to text (lossily) only
//! where a matcher needs it.
//!
//! Every transform is total (it never fails or panics), runs in time linear
//! in its input, and never returns more bytes than it was given, so a chain
//! of any length costs at most a constant times the input and can never
//! grow a value. When nothing changes, the input comes back borrowed and
//! nothing is allocated.
//!
//! | name | what it does | example | defeats |
//! | --- | --- | --- | --- |
//! | `url_decode` | `%XX` → byte, `+` → space, once; malformed escapes stay | `%3Cb%3E+x` → `<b> x` | percent-encoding |
//! | `url_decode_uni` | as `url_decode`, and IIS `%uXXXX`; full-width ASCII (U+FF01–FF5E) and a few best-fit look-alikes (`∕` `‘` `“` …) become ASCII | `%u002e%u002e%u2215` → `../` | IIS `%u` escapes, full-width characters |
//! | `url_decode_recursive` | `url_decode`, then `%XX` again until nothing changes, at most 3 rounds | `%252e%252e%252f` → `../` | double and triple encoding |
//! | `html_entity_decode` | `&#NN;`, `&#xHH;` (`;` optional, any leading zeros) and common named entities | `&#x3C;script&#62;` → `<script>` | HTML entity encoding |
//! | `js_decode` | JavaScript escapes: `\xHH`, `\uHHHH`, `\u{H…}`, octal `\NNN`, `\n` and friends, line continuations | `\u003cscript\u003e` → `<script>` | JavaScript string escapes |
//! | `css_decode` | CSS escapes: `\` and 1–6 hex digits (one following space eaten), escaped newlines removed | `\3C script\3E` → `<script>` | CSS escapes |
//! | `utf8_overlong` | overlong UTF-8 sequences → the shortest encoding of the same character | `\xc0\xae\xc0\xae\xc0\xaf` → `../` | overlong UTF-8 (`%c0%af`) |
//! | `base64_text` | decodes a value that is entirely base64 (standard or URL-safe, padding optional, ≥ 8 characters) and decodes to printable UTF-8 text; anything else is unchanged | `PHNjcmlwdD4=` → `<script>` | base64-wrapped payloads |
//! | `hex_decode` | decodes a value that is entirely hex digits (even count, optional `0x`); anything else is unchanged | `3c623e` → `<b>` | hex-encoded payloads |
//! | `lowercase` | ASCII letters to lower case | `SeLeCt` → `select` | mixed case |
//! | `compress_whitespace` | each run of whitespace → one space | `a\t\n\u{a0}b` → `a b` | odd whitespace between keywords |
//! | `remove_whitespace` | whitespace removed | `s e l` → `sel` | whitespace inside keywords |
//! | `trim` | whitespace removed at both ends | ` x ` → `x` | padding |
//! | `remove_nulls` | NUL bytes removed | `a\0b` → `ab` | NULs inside keywords |
//! | `replace_nulls` | NUL bytes → space | `a\0b` → `a b` | NULs as separators |
//! | `normalise_path` | `.` and `..` segments resolved, repeated `/` collapsed | `/a/./b/../../etc//passwd` → `/etc/passwd` | path traversal spellings |
//! | `normalise_path_win` | `\` → `/`, then `normalise_path` | `..\..\win.ini` → `../../win.ini` | Windows path spellings |
//! | `remove_comments` | SQL comments (`/* */`, `--`, `#` to end of line) removed; MySQL `/*! */` keeps its contents | `UN/**/ION` → `UNION` | comment-split keywords |
//! | `replace_comments` | SQL comments replaced by one space; MySQL `/*! */` keeps its contents | `SELECT/**/1` → `SELECT 1` | comments used as whitespace |
//! | `cmd_line` | shell and `cmd.exe` evasions undone: `\ " ' ^` removed, `$IFS` → space, `$@` `$*` `$1`…`$9` removed, `,` `;` → space, whitespace compressed, no space before `/` or `(`, lower case | `c'a't$IFS/etc/pa\sswd` → `cat/etc/passwd` | shell quoting and expansion tricks |
//!
//! Transforms that decode are normally chained after `url_decode` (for
//! example `url_decode, utf8_overlong, normalise_path`) and before the
//! case and whitespace transforms (`html_entity_decode, lowercase,
//! compress_whitespace`). A transform that drops text (comments,
//! `cmd_line`) can hide what the dropped text would have done in another
//! dialect; rules that use one should also match the value without it.

// Decoders index with offsets computed from attacker-controlled bytes: make
// every access checked, so that a mistake is a wrong answer, not a panic.
#![deny(clippy::indexing_slicing)]

mod cmd;
mod encoding;
mod escape;
mod html;
mod path;
mod sql;
mod text;
mod url;
mod utf8;

#[cfg(test)]
mod tests;

use std::borrow::Cow;
use std::fmt;

use super::byteset::ByteSet;

/// One WAF transformation. The set is closed: a rule names them with
/// [`Transform::NAMES`], and [`Transform::parse`] is the only way in.
///
/// [`Transform::apply`] returns at most as many bytes as it is given and
/// runs in time linear in them; see each variant for what it does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Transform {
    /// `url_decode`: `%XX` escapes (either case of hex digit) become the
    /// byte they name and `+` becomes a space, in one pass, as a form or
    /// query decoder does. An escape that is not `%` and two hex digits
    /// (`%zz`, `%4`, a `%` at the end) stays as it is.
    ///
    /// `a%3Cb%3E+c%zz` → `a<b> c%zz`. Defeats percent-encoding of the
    /// characters a rule looks for.
    UrlDecode,
    /// `url_decode_uni`: `url_decode`, and IIS's `%uXXXX` escapes
    /// (`%u` or `%U` and four hex digits; a surrogate pair of them is one
    /// character, a lone surrogate is U+FFFD). Characters that Windows'
    /// best-fit conversion turns into ASCII become that ASCII character,
    /// whether written `%uXXXX`, percent-encoded UTF-8 or plain UTF-8: the
    /// full-width forms U+FF01–FF5E (`％` `＜` `ｓ` …), and the look-alikes of
    /// ASCII punctuation and spaces such as `∕` (U+2215), `‘` `’` `“` `”`,
    /// `‹` `›` and U+2000–U+200A. Other characters are UTF-8.
    ///
    /// Unlike ModSecurity, a `%uXXXX` that is not in the best-fit table is
    /// the character it names, not its low byte: `%u4e3c` is `丼`, not `<`.
    ///
    /// `%u002e%u002e%u2215etc` → `../etc`, `%uff1cscript%uff1e` →
    /// `<script>`. Defeats IIS `%u` encoding and full-width or look-alike
    /// characters that an origin maps to ASCII.
    UrlDecodeUni,
    /// `url_decode_recursive`: `url_decode`, then `%XX` escapes again
    /// (a `+` produced by decoding stays a `+`) until a round changes
    /// nothing, at most [`url::MAX_ROUNDS`] rounds in all.
    ///
    /// `%252e%252e%252f` → `../`. Defeats double encoding aimed at origins
    /// (or frameworks, or proxies) that decode more than once.
    UrlDecodeRecursive,
    /// `html_entity_decode`: numeric character references `&#NN;` and
    /// `&#xHH;` (`x` or `X`; the `;` optional; any number of leading
    /// zeros), and named ones: `&lt;` `&gt;` `&amp;` `&quot;` `&nbsp;`
    /// (also without `;`, as browsers accept them), and `&apos;` `&colon;`
    /// `&lpar;` `&rpar;` `&Tab;` `&NewLine;` `&sol;` `&bsol;` `&grave;`
    /// `&lsqb;` `&rsqb;` `&lcub;` `&rcub;` `&semi;` `&comma;` `&period;`
    /// `&excl;` `&equals;` `&plus;` `&num;` `&dollar;` `&percnt;` `&ast;`
    /// `&quest;` `&commat;` `&Hat;` `&lowbar;` `&verbar;` and a few more
    /// (with `;`; names are case-sensitive, as in HTML). Numbers are
    /// decoded as browsers do: 0, surrogates and anything above U+10FFFF
    /// (however many digits) become U+FFFD, and 128–159 are the
    /// windows-1252 characters (`&#128;` is `€`).
    ///
    /// `&#x3C;script&#62;` → `<script>`,
    /// `javascript&colon;alert&lpar;1&rpar;` → `javascript:alert(1)`.
    /// Defeats HTML entity encoding in values that end up in a page.
    HtmlEntityDecode,
    /// `js_decode`: JavaScript string escapes: `\xHH`, `\uHHHH` (a
    /// surrogate pair is one character, a lone surrogate U+FFFD),
    /// `\u{H…}` (up to U+10FFFF), legacy octal `\0`–`\377`, `\b` `\t`
    /// `\n` `\v` `\f` `\r`, a backslash before a line break (removed with
    /// it), and a backslash before any other character (removed). Escaped
    /// characters are UTF-8; full-width ASCII (U+FF01–FF5E) becomes ASCII,
    /// as in ModSecurity. Unlike ModSecurity, `\uHHHH` is the character it
    /// names, not its low byte, and `\xHH` is the character U+00HH (as in
    /// JavaScript), not a raw byte.
    ///
    /// `\u003cscript\u003e` → `<script>`, `\x61lert` → `alert`. Defeats
    /// escapes in values that end up inside a script.
    JsDecode,
    /// `css_decode`: CSS escapes: a backslash and 1–6 hex digits is that
    /// character (one whitespace character after it, or CR LF, is part of
    /// the escape); a backslash before a line break is removed with it; a
    /// backslash before any other character is removed. U+0000 is removed
    /// (old Internet Explorer ignored it: `exp\0ression`), surrogates and
    /// values above U+10FFFF are U+FFFD, and full-width ASCII becomes ASCII.
    ///
    /// `\3C script\3E` → `<script>`, `\65 xpression` → `expression`.
    /// Defeats escapes in values that end up in a style sheet.
    CssDecode,
    /// `utf8_overlong`: overlong UTF-8 sequences (a character encoded in
    /// more bytes than it needs, which UTF-8 forbids but old decoders
    /// accepted) become the shortest encoding of the same character. Two-
    /// to six-byte forms are decoded; other bytes, valid or not, are left
    /// as they are. Chain it after `url_decode`.
    ///
    /// `\xc0\xae\xc0\xae\xc0\xaf` → `../`, `\xe0\x80\xbc` → `<`. Defeats
    /// overlong encodings of `/`, `.`, `<` (`%c0%af`, `%e0%80%af`).
    Utf8Overlong,
    /// `base64_text`: when the whole value is base64 (the standard or the
    /// URL-safe alphabet, `=` padding optional, line breaks ignored, at
    /// least 8 characters) and decodes to UTF-8 text whose characters are
    /// at least 90% printable (not control characters other than tab, CR
    /// and LF), the decoded text; anything else is unchanged. A value
    /// that merely happens to be base64 (`username`, a hex token) decodes
    /// to binary and is left alone.
    ///
    /// `PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==` →
    /// `<script>alert(1)</script>`. Defeats payloads wrapped in base64
    /// (tokens, JSON fields, cookies the application decodes).
    Base64Text,
    /// `hex_decode`: when the whole value is an even number of hex digits
    /// (optionally after `0x` or `0X`), the bytes they spell; anything else
    /// is unchanged.
    ///
    /// `3c7363726970743e` → `<script>`. Defeats hex-wrapped payloads.
    HexDecode,
    /// `lowercase`: ASCII `A`–`Z` to `a`–`z`; other bytes are unchanged
    /// (Unicode case mapping can change a value's length).
    ///
    /// `SeLeCt` → `select`. Defeats mixed-case keywords.
    Lowercase,
    /// `compress_whitespace`: each run of whitespace becomes one space.
    /// Whitespace is ASCII space, tab, LF, VT, FF and CR; the Unicode
    /// spaces (U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029,
    /// U+202F, U+205F, U+3000) in UTF-8; and the bytes 0x85 and 0xA0 where
    /// they are not part of UTF-8 (Latin-1 NEL and no-break space, which
    /// MySQL treats as a space).
    ///
    /// `UNION\t\n%a0SELECT` (decoded) → `UNION SELECT`. Defeats odd
    /// whitespace between keywords.
    CompressWhitespace,
    /// `remove_whitespace`: whitespace (as for `compress_whitespace`)
    /// removed. `s e\tl` → `sel`. Defeats whitespace inside keywords.
    RemoveWhitespace,
    /// `trim`: whitespace (as for `compress_whitespace`) removed at both
    /// ends. ` \tadmin\u{a0}` → `admin`. Defeats padding around exact
    /// values.
    Trim,
    /// `remove_nulls`: NUL bytes removed. `sel\0ect` → `select`. Defeats
    /// NULs inside keywords (C-string truncation games).
    RemoveNulls,
    /// `replace_nulls`: NUL bytes become spaces. `union\0select` →
    /// `union select`. Defeats NULs used as separators.
    ReplaceNulls,
    /// `normalise_path`: the value read as a `/`-separated path: empty and
    /// `.` segments are dropped (so `//` collapses), and `..` removes the
    /// segment before it. An absolute path never goes above `/`; a
    /// relative one keeps its leading `..` segments, which are the
    /// traversal a rule looks for. A trailing `/` (or a trailing `.` or
    /// `..` segment) leaves a trailing `/`, and a relative path that
    /// resolves to nothing is empty. Escapes are not decoded: chain
    /// `url_decode` first. For absolute paths this is what edgewall's own
    /// scope matching does ([`crate::path::normalise`]), without its
    /// decoding.
    ///
    /// `/a/./b/../../etc//passwd` → `/etc/passwd`,
    /// `x/../../../etc/passwd` → `../../etc/passwd`. Defeats path spellings
    /// that dodge literal matches.
    NormalisePath,
    /// `normalise_path_win`: `\` becomes `/`, then `normalise_path`.
    ///
    /// `..\..\windows\win.ini` → `../../windows/win.ini`. Defeats Windows
    /// path separators.
    NormalisePathWin,
    /// `remove_comments`: SQL comments removed: `/* … */` (an unclosed
    /// one runs to the end), and `--` and `#` up to the end of the line
    /// (the line break stays). A MySQL executable comment `/*! … */`
    /// (optionally `/*!` and a 5- or 6-digit version, or MariaDB's `/*M!`)
    /// is code MySQL runs: its markers and version are removed and its
    /// contents kept. Quotes are not tracked, so comment markers inside
    /// string literals count too.
    ///
    /// `UN/**/ION` → `UNION`, `/*!50000UNION*/` → `UNION`,
    /// `1--comment\n` → `1\n`. Defeats keywords split by comments, for
    /// applications that strip comments before building a query. For
    /// comments used as whitespace, use `replace_comments`.
    ///
    /// `--` and `#` end the value's meaning in dialects where they start a
    /// comment; in MySQL `1--1` is arithmetic and in PostgreSQL `#` is an
    /// operator, so text after them can still be code there.
    RemoveComments,
    /// `replace_comments`: as `remove_comments`, but each comment, and each
    /// marker of an executable comment, becomes one space, as the SQL
    /// lexer sees it.
    ///
    /// `SELECT/**/password/**/FROM` → `SELECT password FROM`,
    /// `/*!50000select*/` → ` select `. Defeats comments used as
    /// whitespace between keywords. This is the one to use before SQL
    /// keyword matching.
    ReplaceComments,
    /// `cmd_line`: undoes the tricks that make a shell or `cmd.exe`
    /// command not look like one, as ModSecurity's `cmdLine`, plus shell
    /// expansions that evaluate to a space or to nothing:
    ///
    /// 1. `\` `"` `'` `^` are removed;
    /// 2. `$IFS` and `${IFS}` become a space; `$@`, `$*`, `$1`–`$9` and
    ///    their `${…}` forms are removed (they are empty in an injected
    ///    command);
    /// 3. `,` `;` and whitespace become a space, and runs of them one space;
    /// 4. a space before `/` or `(` is removed;
    /// 5. ASCII letters are lower-cased.
    ///
    /// `c'a't /e't'c/p'a's's'w'd`, `cat$IFS/etc/passwd` and
    /// `c\at /et\c/pas\swd` all become `cat/etc/passwd`; `C^OMMAND /C DIR`
    /// → `command/c dir`.
    CmdLine,
}

use Transform::*;

impl Transform {
    /// Every transform, in the order of [`Transform::NAMES`].
    pub const ALL: &'static [Transform] = &[
        UrlDecode,
        UrlDecodeUni,
        UrlDecodeRecursive,
        HtmlEntityDecode,
        JsDecode,
        CssDecode,
        Utf8Overlong,
        Base64Text,
        HexDecode,
        Lowercase,
        CompressWhitespace,
        RemoveWhitespace,
        Trim,
        RemoveNulls,
        ReplaceNulls,
        NormalisePath,
        NormalisePathWin,
        RemoveComments,
        ReplaceComments,
        CmdLine,
    ];

    /// The names rules use, for "expected one of" in load errors.
    pub const NAMES: &'static [&'static str] = &[
        "url_decode",
        "url_decode_uni",
        "url_decode_recursive",
        "html_entity_decode",
        "js_decode",
        "css_decode",
        "utf8_overlong",
        "base64_text",
        "hex_decode",
        "lowercase",
        "compress_whitespace",
        "remove_whitespace",
        "trim",
        "remove_nulls",
        "replace_nulls",
        "normalise_path",
        "normalise_path_win",
        "remove_comments",
        "replace_comments",
        "cmd_line",
    ];

    /// The transform a rule names, or `None` (a load error: the loader
    /// lists [`Transform::NAMES`]). Names are exact: lower case, `_`.
    pub fn parse(name: &str) -> Option<Transform> {
        Self::ALL.iter().copied().find(|t| t.name() == name)
    }

    /// The name a rule uses for this transform.
    pub fn name(self) -> &'static str {
        match self {
            UrlDecode => "url_decode",
            UrlDecodeUni => "url_decode_uni",
            UrlDecodeRecursive => "url_decode_recursive",
            HtmlEntityDecode => "html_entity_decode",
            JsDecode => "js_decode",
            CssDecode => "css_decode",
            Utf8Overlong => "utf8_overlong",
            Base64Text => "base64_text",
            HexDecode => "hex_decode",
            Lowercase => "lowercase",
            CompressWhitespace => "compress_whitespace",
            RemoveWhitespace => "remove_whitespace",
            Trim => "trim",
            RemoveNulls => "remove_nulls",
            ReplaceNulls => "replace_nulls",
            NormalisePath => "normalise_path",
            NormalisePathWin => "normalise_path_win",
            RemoveComments => "remove_comments",
            ReplaceComments => "replace_comments",
            CmdLine => "cmd_line",
        }
    }

    /// Apply this transform to `input`.
    ///
    /// Never fails, runs in time linear in `input.len()`, and returns at
    /// most `input.len()` bytes. `Cow::Borrowed` is always a part of
    /// `input` (all of it when nothing changed; `trim` may return less).
    pub fn apply(self, input: &[u8]) -> Cow<'_, [u8]> {
        match self {
            UrlDecode => url::url_decode(input),
            UrlDecodeUni => url::url_decode_uni(input),
            UrlDecodeRecursive => url::url_decode_recursive(input),
            HtmlEntityDecode => html::html_entity_decode(input),
            JsDecode => escape::js_decode(input),
            CssDecode => escape::css_decode(input),
            Utf8Overlong => utf8::utf8_overlong(input),
            Base64Text => encoding::base64_text(input),
            HexDecode => encoding::hex_decode(input),
            Lowercase => text::lowercase(input),
            CompressWhitespace => text::compress_whitespace(input),
            RemoveWhitespace => text::remove_whitespace(input),
            Trim => text::trim(input),
            RemoveNulls => text::remove_nulls(input),
            ReplaceNulls => text::replace_nulls(input),
            NormalisePath => path::normalise_path(input, false),
            NormalisePathWin => path::normalise_path(input, true),
            RemoveComments => sql::comments(input, sql::Comments::Remove),
            ReplaceComments => sql::comments(input, sql::Comments::Replace),
            CmdLine => cmd::cmd_line(input),
        }
    }
}

/// Bytes that make a transform act; see [`Transform::triggers`].
mod triggers {
    use crate::waf::byteset::ByteSet;

    pub const URL: ByteSet = ByteSet::from_bytes(b"%+");
    pub const HIGH: ByteSet = ByteSet::range(0x80, 0xFF);
    pub const UPPER: ByteSet = ByteSet::range(b'A', b'Z');
    /// ASCII whitespace: space, tab, LF, VT, FF, CR.
    pub const SPACE: ByteSet = ByteSet::from_bytes(b" \t\n\x0b\x0c\r");
    pub const NUL: ByteSet = ByteSet::from_bytes(b"\0");
    pub const ONE_SPACE: ByteSet = ByteSet::from_bytes(b" ");
    pub const AMP: ByteSet = ByteSet::from_bytes(b"&");
    pub const URL_UNI: ByteSet = URL.union(HIGH);
    pub const JS: ByteSet = BACKSLASH.union(HIGH);
    pub const CSS: ByteSet = BACKSLASH.union(NUL).union(HIGH);
    pub const WHITESPACE: ByteSet = SPACE.union(HIGH);
    pub const PATH_WIN: ByteSet = PATH.union(BACKSLASH);
    pub const CMD: ByteSet = UPPER.union(SPACE).union(SHELL);
    pub const BACKSLASH: ByteSet = ByteSet::from_bytes(b"\\");
    pub const SLASH: ByteSet = ByteSet::from_bytes(b"/");
    pub const PATH: ByteSet = ByteSet::from_bytes(b"/.");
    pub const COMMENT: ByteSet = ByteSet::from_bytes(b"/-#");
    /// What `cmd_line` rewrites besides upper case and whitespace.
    pub const SHELL: ByteSet = ByteSet::from_bytes(b"\\\"'^$,;");
}

impl Transform {
    /// The bytes without which this transform changes nothing: when a
    /// value holds none of them, `apply` returns it, borrowed, and need not
    /// run (a test checks this for every transform on random values).
    pub fn triggers(self) -> ByteSet {
        use triggers::*;
        match self {
            UrlDecode | UrlDecodeRecursive => URL,
            UrlDecodeUni => URL_UNI,
            HtmlEntityDecode => AMP,
            JsDecode => JS,
            CssDecode => CSS,
            Utf8Overlong => HIGH,
            Base64Text | HexDecode => ByteSet::ALL,
            Lowercase => UPPER,
            CompressWhitespace | RemoveWhitespace | Trim => WHITESPACE,
            RemoveNulls | ReplaceNulls => NUL,
            NormalisePath => PATH,
            NormalisePathWin => PATH_WIN,
            RemoveComments | ReplaceComments => COMMENT,
            CmdLine => CMD,
        }
    }

    /// For transforms that only drop, fold or replace bytes by ones known
    /// in advance, a set holding every byte the output of a value with
    /// bytes `input` can have, found without running the transform;
    /// `None` for the decoders, whose output can be any byte.
    pub fn transfer(self, input: ByteSet) -> Option<ByteSet> {
        use triggers::*;
        match self {
            Lowercase => Some(input.to_ascii_lowercase()),
            // Unicode spaces become an ASCII space.
            CompressWhitespace => Some(input.union(ONE_SPACE)),
            RemoveWhitespace | Trim | RemoveNulls | RemoveComments => Some(input),
            ReplaceNulls => Some(input.minus(NUL).union(ONE_SPACE)),
            ReplaceComments => Some(input.union(ONE_SPACE)),
            // Segments are dropped and joined by the `/`s that split them.
            NormalisePath => Some(input),
            NormalisePathWin if input.intersects(BACKSLASH) => Some(input.union(SLASH)),
            NormalisePathWin => Some(input),
            // Quotes and escapes go, separators and `$IFS`-like expansions
            // become a space, the rest is lower-cased.
            CmdLine => Some(input.to_ascii_lowercase().union(ONE_SPACE)),
            UrlDecode | UrlDecodeUni | UrlDecodeRecursive | HtmlEntityDecode | JsDecode
            | CssDecode | Utf8Overlong | Base64Text | HexDecode => None,
        }
    }

    /// For transforms with a [`Transform::transfer`] function: the bytes
    /// whose presence in a value puts one of `output` into the byte set
    /// this transform's step gives it (its input's set when it holds no
    /// trigger byte, else the transfer of it); `None` for the decoders.
    ///
    /// Each such step gives a set the union of what it gives each byte
    /// alone (a test checks it), so a byte set `s` leads to one that meets
    /// `output` exactly when `s` meets this preimage: a chain of such
    /// steps can be decided on a value's own bytes.
    pub fn preimage(self, output: ByteSet) -> Option<ByteSet> {
        let triggers = self.triggers();
        (0..=255u8).try_fold(ByteSet::EMPTY, |pre, b| {
            let one = ByteSet::EMPTY.with(b);
            let image = if triggers.contains(b) {
                self.transfer(one)?
            } else {
                one
            };
            Some(if image.intersects(output) {
                pre.with(b)
            } else {
                pre
            })
        })
    }
}

impl fmt::Display for Transform {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Apply `chain` to `input`, first to last.
///
/// Borrows `input` (allocating nothing) until a transform changes it; the
/// result is at most `input.len()` bytes, and takes time linear in
/// `input.len() × chain.len()`.
pub fn apply_chain<'a>(chain: &[Transform], input: &'a [u8]) -> Cow<'a, [u8]> {
    let mut value = Cow::Borrowed(input);
    for t in chain {
        value = match value {
            Cow::Borrowed(b) => t.apply(b),
            Cow::Owned(v) => {
                let changed = match t.apply(&v) {
                    // Borrowed is part of `v`: all of it means unchanged.
                    Cow::Borrowed(part) if part.len() == v.len() => None,
                    Cow::Borrowed(part) => Some(part.to_vec()),
                    Cow::Owned(w) => Some(w),
                };
                Cow::Owned(changed.unwrap_or(v))
            }
        };
    }
    value
}

/// `input` split before the first byte `at` accepts, or `None` when no
/// byte does: the transform then has nothing to do and borrows.
fn split_at_first(input: &[u8], at: impl Fn(u8) -> bool) -> Option<(&[u8], &[u8])> {
    let i = input.iter().position(|&b| at(b))?;
    input.split_at_checked(i)
}

/// A new output buffer holding `clean`, with room for what follows.
fn output(clean: &[u8], capacity: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(capacity);
    out.extend_from_slice(clean);
    out
}

/// The value of an ASCII hex digit.
fn hex(b: u8) -> Option<u32> {
    (b as char).to_digit(16)
}

/// Append `cp` as UTF-8; U+FFFD when it is not a Unicode scalar value
/// (a surrogate, or above U+10FFFF).
fn push_char(out: &mut Vec<u8>, cp: u32) {
    let c = char::from_u32(cp).unwrap_or(char::REPLACEMENT_CHARACTER);
    let mut buf = [0; 4];
    out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
}
