//! The SQL lexer behind [`super::sqli`]: bytes → typed tokens, read the way
//! a permissive SQL parser would (MySQL, PostgreSQL, SQL Server, SQLite and
//! Oracle syntax at once), optionally starting *inside* a quoted string, as
//! a value spliced into `'…'` does.
//!
//! Comments are not tokens. Each token records the kind of comment that came
//! before it, so `/**/` padding cannot push a payload past the token cap,
//! and the grammar can still see where a comment cut a query short. Two
//! comment evasions are undone here: MySQL's executable comments
//! (`/*!50000union*/` is `union` to MySQL) and keywords split by an empty
//! comment (`UN/**/ION`, which becomes `UNION` once a filter strips comments).
//!
//! Reference: <https://dev.mysql.com/doc/refman/8.4/en/lexical-structure.html>,
//! <https://www.postgresql.org/docs/current/sql-syntax-lexical.html>.

use super::label::Label;

/// Where the value sits in the query it is spliced into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quote {
    /// As-is: `WHERE id = <value>`.
    None,
    /// Inside `'…'`.
    Single,
    /// Inside `"…"` (a string in MySQL, an identifier elsewhere).
    Double,
}

impl Quote {
    fn byte(self) -> Option<u8> {
        match self {
            Quote::None => None,
            Quote::Single => Some(b'\''),
            Quote::Double => Some(b'"'),
        }
    }
}

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A string literal; `open` when the input ended before its closing
    /// quote (the query around the value would close it).
    Str {
        open: bool,
    },
    Num,
    /// An identifier or any word that is not a keyword.
    Word,
    /// `@var`, `@@system_var`, `$1`.
    Var,
    Kw(Kw),
    Op(Op),
    /// `AND`, `OR`, `XOR`, `&&`, `||`.
    Logic,
    LParen,
    RParen,
    Comma,
    Semi,
    Dot,
    /// A byte no SQL dialect accepts here (`{`, `?`, `:` alone, …).
    Other,
    /// End of input.
    End,
    /// The token cap was reached: nothing further is looked at.
    Cap,
}

/// Operators, by what they do to a condition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// `=`, `<`, `>`, `<=`, `>=`, `<>`, `!=`, `<=>`, `@>`, `<@`.
    Compare,
    /// `+`, `-`, `/`, `%`, `&`, `|`, `^`, `<<`, `>>`, `:=`, `->`, `->>`,
    /// `DIV`, `MOD`.
    Arith,
    /// `::`, PostgreSQL's cast: a type name follows.
    Cast,
    /// `*`: multiplication, or every column.
    Star,
    /// `~`, `!`: prefix only.
    Unary,
}

/// The keywords the grammar tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kw {
    Select,
    /// `UNION`, `INTERSECT`, `EXCEPT`, `MINUS`.
    Union,
    All,
    Distinct,
    From,
    Where,
    Group,
    Order,
    By,
    Having,
    Limit,
    Offset,
    Into,
    /// `OUTFILE`, `DUMPFILE`.
    Outfile,
    As,
    On,
    /// `JOIN` and its qualifiers (`INNER`, `OUTER`, `CROSS`, `NATURAL`).
    Join,
    Insert,
    Update,
    Delete,
    Drop,
    Create,
    Alter,
    Truncate,
    /// `EXEC`, `EXECUTE`.
    Exec,
    Declare,
    Shutdown,
    Waitfor,
    /// `GRANT`, `REVOKE`.
    Grant,
    Call,
    Set,
    Load,
    Rename,
    /// `TABLE`, `DATABASE`, `SCHEMA`, `VIEW`, `INDEX`, `TRIGGER`, `FUNCTION`.
    Object,
    Procedure,
    Values,
    /// `NULL`, `TRUE`, `FALSE`, `UNKNOWN`, MySQL's `\N`.
    Null,
    Not,
    Is,
    /// `LIKE`, `RLIKE`, `ILIKE`, `REGEXP`, `GLOB`, `SIMILAR`.
    Like,
    In,
    Between,
    Exists,
    Case,
    When,
    Then,
    Else,
    End,
    Collate,
    Escape,
    /// `ASC`, `DESC`.
    Asc,
    Top,
}

impl Kw {
    /// Starts a statement of its own (the `E` of a fingerprint).
    pub fn is_statement(self) -> bool {
        matches!(
            self,
            Kw::Select
                | Kw::Insert
                | Kw::Update
                | Kw::Delete
                | Kw::Drop
                | Kw::Create
                | Kw::Alter
                | Kw::Truncate
                | Kw::Exec
                | Kw::Declare
                | Kw::Shutdown
                | Kw::Waitfor
                | Kw::Grant
                | Kw::Call
                | Kw::Set
                | Kw::Load
                | Kw::Rename
        )
    }
}

/// The comment before a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comment {
    /// `-- …` or `# …`, to the end of the line.
    Line,
    /// `/* … */`.
    Block,
    /// `/* …` without an end: the rest of the input.
    Unterminated,
}

/// One token: its kind, its bytes (`start..end` of the input) and the last
/// comment between it and the token before.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub kind: Kind,
    pub start: u32,
    pub end: u32,
    pub comment: Option<Comment>,
}

impl Token {
    const NONE: Token = Token {
        kind: Kind::End,
        start: 0,
        end: 0,
        comment: None,
    };
}

/// Longest word looked up as a keyword; longer words are identifiers.
const MAX_KEYWORD: usize = 24;

/// Reads tokens one at a time.
pub struct Lexer<'a> {
    s: &'a [u8],
    pos: usize,
    /// The value starts inside a string with this quote.
    start_in: Option<u8>,
    /// `\'` escapes a quote (MySQL's default), as well as `''`.
    backslash: bool,
    /// Inside a MySQL `/*! … */`, whose body is code.
    exec_comment: bool,
}

impl<'a> Lexer<'a> {
    /// Positions are `u32`; anything past 4 GiB is not looked at.
    pub fn new(s: &'a [u8], quote: Quote, backslash: bool) -> Lexer<'a> {
        let s = s.get(..u32::MAX as usize).unwrap_or(s);
        Lexer {
            s,
            pos: 0,
            start_in: quote.byte(),
            backslash,
            exec_comment: false,
        }
    }

    fn at(&self, i: usize) -> Option<u8> {
        self.s.get(i).copied()
    }

    fn starts_with(&self, i: usize, prefix: &[u8]) -> bool {
        self.s.get(i..).is_some_and(|rest| rest.starts_with(prefix))
    }

    fn token(&self, kind: Kind, start: usize, comment: Option<Comment>) -> Token {
        Token {
            kind,
            // Both fit: the input was cut to u32::MAX bytes.
            start: start as u32,
            end: self.pos as u32,
            comment,
        }
    }

    pub fn next_token(&mut self) -> Token {
        if let Some(q) = self.start_in.take() {
            let kind = self.string_body(0, q);
            return self.token(kind, 0, None);
        }
        let comment = self.skip_space_and_comments();
        let start = self.pos;
        let Some(c) = self.at(start) else {
            return self.token(Kind::End, start, comment);
        };
        let next = self.at(start + 1);
        self.pos = start + 1;
        let kind = match c {
            b'\'' | b'"' => self.string_body(start + 1, c),
            b'`' => {
                self.pos = self.find(start + 1, b'`').map_or(self.s.len(), |i| i + 1);
                Kind::Word
            }
            b'0'..=b'9' => self.number(start),
            b'.' if next.is_some_and(|n| n.is_ascii_digit()) => self.number(start),
            b'.' => Kind::Dot,
            b'(' => Kind::LParen,
            b')' => Kind::RParen,
            b',' => Kind::Comma,
            b';' => Kind::Semi,
            // PostgreSQL's JSON containment, `@>` and `<@`: the operators
            // behind the JSON-based WAF bypasses.
            b'@' if next == Some(b'>') => {
                self.pos += 1;
                Kind::Op(Op::Compare)
            }
            b'@' => self.variable(start),
            b'$' => self.dollar(start),
            b'=' => {
                self.eat(b'=');
                Kind::Op(Op::Compare)
            }
            b'<' => {
                if self.starts_with(start + 1, b"=>") || next == Some(b'@') {
                    self.pos += 2;
                    Kind::Op(Op::Compare)
                } else if self.eat(b'<') {
                    Kind::Op(Op::Arith)
                } else {
                    let _ = self.eat(b'=') || self.eat(b'>');
                    Kind::Op(Op::Compare)
                }
            }
            b'>' => {
                if self.eat(b'>') {
                    Kind::Op(Op::Arith)
                } else {
                    self.eat(b'=');
                    Kind::Op(Op::Compare)
                }
            }
            b'!' => {
                if self.eat(b'=') || self.eat(b'<') || self.eat(b'>') {
                    Kind::Op(Op::Compare)
                } else {
                    Kind::Op(Op::Unary)
                }
            }
            b'|' => {
                if self.eat(b'|') {
                    Kind::Logic
                } else {
                    Kind::Op(Op::Arith)
                }
            }
            b'&' => {
                if self.eat(b'&') {
                    Kind::Logic
                } else {
                    Kind::Op(Op::Arith)
                }
            }
            b'-' if next == Some(b'>') => {
                self.pos += 1;
                self.eat(b'>');
                Kind::Op(Op::Arith)
            }
            b'+' | b'-' | b'/' | b'%' | b'^' => Kind::Op(Op::Arith),
            b'*' => Kind::Op(Op::Star),
            b'~' => Kind::Op(Op::Unary),
            b':' if next == Some(b'=') => {
                self.pos += 1;
                Kind::Op(Op::Arith)
            }
            b':' if next == Some(b':') => {
                self.pos += 1;
                Kind::Op(Op::Cast)
            }
            b'\\' if next == Some(b'N') => {
                self.pos += 1;
                Kind::Kw(Kw::Null)
            }
            c if is_word_start(c) => self.word(start),
            _ => Kind::Other,
        };
        self.token(kind, start, comment)
    }

    fn eat(&mut self, b: u8) -> bool {
        if self.at(self.pos) == Some(b) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn find(&self, from: usize, b: u8) -> Option<usize> {
        let rest = self.s.get(from..)?;
        rest.iter().position(|&c| c == b).map(|i| from + i)
    }

    fn find_slice(&self, from: usize, needle: &[u8]) -> Option<usize> {
        let rest = self.s.get(from..)?;
        let first = *needle.first()?;
        let mut i = 0;
        while let Some(off) = rest.get(i..)?.iter().position(|&c| c == first) {
            let at = i + off;
            if rest.get(at..).is_some_and(|r| r.starts_with(needle)) {
                return Some(from + at);
            }
            i = at + 1;
        }
        None
    }

    /// Whitespace and comments before the next token; the kind of the last
    /// comment, if any.
    fn skip_space_and_comments(&mut self) -> Option<Comment> {
        let mut last = None;
        loop {
            match (self.at(self.pos), self.at(self.pos + 1)) {
                (Some(b' ' | b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c'), _) => self.pos += 1,
                (Some(b'-'), Some(b'-')) | (Some(b'#'), _) => {
                    self.pos = self.find(self.pos, b'\n').map_or(self.s.len(), |i| i + 1);
                    last = Some(Comment::Line);
                }
                (Some(b'/'), Some(b'*')) if self.at(self.pos + 2) == Some(b'!') => {
                    // MySQL runs the body of `/*!` (or `/*!50000`) as code.
                    self.pos += 3;
                    let digits = self.s.get(self.pos..).map_or(0, |rest| {
                        rest.iter()
                            .take(6)
                            .take_while(|c| c.is_ascii_digit())
                            .count()
                    });
                    self.pos += digits;
                    self.exec_comment = true;
                }
                (Some(b'/'), Some(b'*')) => match self.find_slice(self.pos + 2, b"*/") {
                    Some(end) => {
                        self.pos = end + 2;
                        last = Some(Comment::Block);
                    }
                    None => {
                        self.pos = self.s.len();
                        last = Some(Comment::Unterminated);
                    }
                },
                (Some(b'*'), Some(b'/')) if self.exec_comment => {
                    self.pos += 2;
                    self.exec_comment = false;
                }
                _ => return last,
            }
        }
    }

    /// A string whose body starts at `from`, closed by `q`; `''` (and `\'`
    /// with backslash escapes) do not close it.
    fn string_body(&mut self, from: usize, q: u8) -> Kind {
        let mut i = from;
        loop {
            match self.at(i) {
                None => {
                    self.pos = self.s.len();
                    return Kind::Str { open: true };
                }
                Some(b'\\') if self.backslash => i += 2,
                Some(c) if c == q => {
                    if self.at(i + 1) == Some(q) {
                        i += 2;
                    } else {
                        self.pos = i + 1;
                        return Kind::Str { open: false };
                    }
                }
                Some(_) => i += 1,
            }
        }
    }

    fn number(&mut self, start: usize) -> Kind {
        let mut i = start;
        let radix_digits = |lx: &Self, from: usize, ok: fn(u8) -> bool| {
            lx.s.get(from..)
                .map_or(0, |r| r.iter().take_while(|&&c| ok(c)).count())
        };
        let prefixed = match (self.at(start), self.at(start + 1)) {
            (Some(b'0'), Some(b'x' | b'X')) => {
                radix_digits(self, start + 2, |c| c.is_ascii_hexdigit())
            }
            (Some(b'0'), Some(b'b' | b'B')) => {
                radix_digits(self, start + 2, |c| c == b'0' || c == b'1')
            }
            _ => 0,
        };
        if prefixed > 0 {
            i += 2 + prefixed;
        } else {
            i += radix_digits(self, i, |c| c.is_ascii_digit());
            if self.at(i) == Some(b'.') {
                i += 1;
                i += radix_digits(self, i, |c| c.is_ascii_digit());
            }
            if matches!(self.at(i), Some(b'e' | b'E')) {
                let sign = usize::from(matches!(self.at(i + 1), Some(b'+' | b'-')));
                let exp = radix_digits(self, i + 1 + sign, |c| c.is_ascii_digit());
                if exp > 0 {
                    i += 1 + sign + exp;
                }
            }
        }
        if self.at(i).is_some_and(is_word_byte) {
            // `1union` is `1 union` to MySQL; `10pm` is an identifier.
            let end = self.word_end(i);
            if keyword(self.s.get(i..end).unwrap_or_default()).is_some() {
                self.pos = i;
                return Kind::Num;
            }
            self.pos = end;
            return Kind::Word;
        }
        self.pos = i;
        Kind::Num
    }

    fn word_end(&self, from: usize) -> usize {
        self.s.get(from..).map_or(from, |r| {
            from + r.iter().take_while(|&&c| is_word_byte(c)).count()
        })
    }

    fn word(&mut self, start: usize) -> Kind {
        let end = self.word_end(start);
        let text = self.s.get(start..end).unwrap_or_default();
        // N'…', X'…', B'…', E'…', _utf8'…': a string with a prefix.
        if self.at(end) == Some(b'\'')
            && (matches!(
                text,
                [b'n' | b'N' | b'x' | b'X' | b'b' | b'B' | b'e' | b'E']
            ) || text.first() == Some(&b'_'))
        {
            return self.string_body(end + 1, b'\'');
        }
        if self.at(end) == Some(b'/') {
            if let Some((kind, joined_end)) = self.joined_keyword(start, end) {
                self.pos = joined_end;
                return kind;
            }
        }
        self.pos = end;
        keyword(text).unwrap_or(Kind::Word)
    }

    /// `SEL/**/ECT`: the words around empty comments, read as one, when
    /// that makes a keyword.
    fn joined_keyword(&self, start: usize, end: usize) -> Option<(Kind, usize)> {
        let mut buf = [0u8; MAX_KEYWORD];
        let first = self.s.get(start..end)?;
        buf.get_mut(..first.len())?.copy_from_slice(first);
        let mut len = first.len();
        let mut at = end;
        let mut found = None;
        while self.starts_with(at, b"/*") && !self.starts_with(at, b"/*!") {
            let close = self.find_slice(at + 2, b"*/")?;
            let w_start = close + 2;
            let w_end = self.word_end(w_start);
            let part = self.s.get(w_start..w_end)?;
            if part.is_empty() || len + part.len() > MAX_KEYWORD {
                break;
            }
            buf.get_mut(len..len + part.len())?.copy_from_slice(part);
            len += part.len();
            if let Some(kind) = keyword(buf.get(..len)?) {
                found = Some((kind, w_end));
            }
            at = w_end;
        }
        found
    }

    fn variable(&mut self, start: usize) -> Kind {
        let mut i = start + 1;
        if self.at(i) == Some(b'@') {
            i += 1;
        }
        match self.at(i) {
            Some(q @ (b'\'' | b'"' | b'`')) => {
                self.pos = self.find(i + 1, q).map_or(self.s.len(), |e| e + 1);
                Kind::Var
            }
            Some(c) if is_word_byte(c) => {
                self.pos = self.word_end(i);
                Kind::Var
            }
            _ => Kind::Other,
        }
    }

    /// `$1` (a parameter) or PostgreSQL's `$$…$$` / `$tag$…$tag$` strings.
    fn dollar(&mut self, start: usize) -> Kind {
        let digits = self
            .s
            .get(start + 1..)
            .map_or(0, |r| r.iter().take_while(|c| c.is_ascii_digit()).count());
        if digits > 0 {
            self.pos = start + 1 + digits;
            return Kind::Var;
        }
        let tag_len = self.s.get(start + 1..).map_or(0, |r| {
            r.iter()
                .take(16)
                .take_while(|&&c| c.is_ascii_alphanumeric() || c == b'_')
                .count()
        });
        let tag_end = start + 1 + tag_len;
        if self.at(tag_end) != Some(b'$') {
            return Kind::Other;
        }
        let Some(tag) = self.s.get(start..=tag_end) else {
            return Kind::Other;
        };
        match self.find_slice(tag_end + 1, tag) {
            Some(close) => {
                self.pos = close + tag.len();
                Kind::Str { open: false }
            }
            None => {
                self.pos = self.s.len();
                Kind::Str { open: true }
            }
        }
    }
}

fn is_word_start(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_' || c >= 0x80
}

/// Identifier bytes; bytes ≥ 0x80 too, as MySQL and PostgreSQL accept
/// UTF-8 identifiers.
fn is_word_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80
}

/// The keyword `word` spells, whatever its case.
pub fn keyword(word: &[u8]) -> Option<Kind> {
    if word.len() > MAX_KEYWORD {
        return None;
    }
    let mut buf = [0u8; MAX_KEYWORD];
    let lower = buf.get_mut(..word.len())?;
    lower.copy_from_slice(word);
    lower.make_ascii_lowercase();
    let kw = match &*lower {
        b"and" | b"or" | b"xor" => return Some(Kind::Logic),
        b"div" | b"mod" => return Some(Kind::Op(Op::Arith)),
        b"select" => Kw::Select,
        b"union" | b"intersect" | b"except" | b"minus" => Kw::Union,
        b"all" => Kw::All,
        b"distinct" | b"distinctrow" => Kw::Distinct,
        b"from" => Kw::From,
        b"where" => Kw::Where,
        b"group" => Kw::Group,
        b"order" => Kw::Order,
        b"by" => Kw::By,
        b"having" => Kw::Having,
        b"limit" => Kw::Limit,
        b"offset" => Kw::Offset,
        b"into" => Kw::Into,
        b"outfile" | b"dumpfile" => Kw::Outfile,
        b"as" => Kw::As,
        b"on" => Kw::On,
        b"join" | b"inner" | b"outer" | b"cross" | b"natural" | b"straight_join" => Kw::Join,
        b"insert" => Kw::Insert,
        b"update" => Kw::Update,
        b"delete" => Kw::Delete,
        b"drop" => Kw::Drop,
        b"create" => Kw::Create,
        b"alter" => Kw::Alter,
        b"truncate" => Kw::Truncate,
        b"exec" | b"execute" => Kw::Exec,
        b"declare" => Kw::Declare,
        b"shutdown" => Kw::Shutdown,
        b"waitfor" => Kw::Waitfor,
        b"grant" | b"revoke" => Kw::Grant,
        b"call" => Kw::Call,
        b"set" => Kw::Set,
        b"load" => Kw::Load,
        b"rename" => Kw::Rename,
        b"table" | b"database" | b"schema" | b"view" | b"index" | b"trigger" | b"function" => {
            Kw::Object
        }
        b"procedure" => Kw::Procedure,
        b"values" => Kw::Values,
        b"null" | b"true" | b"false" | b"unknown" => Kw::Null,
        b"not" => Kw::Not,
        b"is" => Kw::Is,
        b"like" | b"rlike" | b"ilike" | b"regexp" | b"glob" | b"similar" => Kw::Like,
        b"in" => Kw::In,
        b"between" => Kw::Between,
        b"exists" => Kw::Exists,
        b"case" => Kw::Case,
        b"when" => Kw::When,
        b"then" => Kw::Then,
        b"else" => Kw::Else,
        b"end" => Kw::End,
        b"collate" => Kw::Collate,
        b"escape" => Kw::Escape,
        b"asc" | b"desc" => Kw::Asc,
        b"top" => Kw::Top,
        _ => return None,
    };
    Some(Kind::Kw(kw))
}

/// Most tokens looked at per reading; a payload has to show itself early.
pub const MAX_TOKENS: usize = 128;

/// Tokens kept for looking around: the grammar looks back at most two
/// tokens and ahead at most twelve.
const WINDOW: usize = 32;

/// The tokens of one reading of the input, lexed on demand up to
/// [`MAX_TOKENS`], with a window of recent ones for looking around, the
/// first one, and the fingerprint of all of them.
pub struct Tokens<'a> {
    lexer: Lexer<'a>,
    window: [Token; WINDOW],
    first: Token,
    len: usize,
    ended: bool,
    fingerprint: Label,
}

impl<'a> Tokens<'a> {
    pub fn new(input: &'a [u8], quote: Quote, backslash: bool) -> Tokens<'a> {
        Tokens {
            lexer: Lexer::new(input, quote, backslash),
            window: [Token::NONE; WINDOW],
            first: Token::NONE,
            len: 0,
            ended: false,
            fingerprint: Label::default(),
        }
    }

    /// Token `i`: `End` past the end of input, `Cap` past the cap. A token
    /// that has left the window reads as `Other`, which no rule accepts.
    pub fn get(&mut self, i: usize) -> Token {
        while self.len <= i && !self.ended && self.len < MAX_TOKENS {
            let t = self.lexer.next_token();
            self.ended = t.kind == Kind::End;
            if self.len == 0 {
                self.first = t;
            }
            self.record(t);
            if let Some(slot) = self.window.get_mut(self.len % WINDOW) {
                *slot = t;
            }
            self.len += 1;
        }
        let at = |n: usize| self.window.get(n % WINDOW).copied();
        let kept = i == 0 || i + WINDOW >= self.len;
        let token = match () {
            _ if i == 0 && self.len > 0 => Some(self.first),
            _ if i < self.len && kept => at(i),
            _ if i < self.len => Some(Token {
                kind: Kind::Other,
                ..Token::NONE
            }),
            _ if self.ended => at(self.len.wrapping_sub(1)),
            _ => Some(Token {
                kind: Kind::Cap,
                ..Token::NONE
            }),
        };
        token.unwrap_or(Token::NONE)
    }

    /// How many tokens were lexed.
    pub fn count(&self) -> usize {
        self.len
    }

    /// One character per token lexed, libinjection style (see
    /// [`super::SqliMatch::fingerprint`]).
    pub fn fingerprint(&self) -> Label {
        self.fingerprint
    }

    fn record(&mut self, t: Token) {
        if t.comment.is_some() {
            self.fingerprint.push(b'c');
        }
        let c = match t.kind {
            Kind::Str { .. } => b's',
            Kind::Num => b'1',
            Kind::Word => b'n',
            Kind::Var => b'v',
            Kind::Kw(Kw::Union) => b'U',
            Kind::Kw(k) if k.is_statement() => b'E',
            Kind::Kw(_) => b'k',
            Kind::Op(_) => b'o',
            Kind::Logic => b'&',
            Kind::LParen => {
                // A word right before `(` is a function.
                if self.fingerprint.last() == Some(b'n') {
                    self.fingerprint.set_last(b'f');
                }
                b'('
            }
            Kind::RParen => b')',
            Kind::Comma => b',',
            Kind::Semi => b';',
            Kind::Dot => b'.',
            Kind::Other => b'?',
            Kind::End | Kind::Cap => return,
        };
        self.fingerprint.push(c);
    }

    /// The bytes of `t`.
    pub fn text(&self, t: Token) -> &'a [u8] {
        self.lexer
            .s
            .get(t.start as usize..t.end as usize)
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(input: &str, quote: Quote) -> Vec<Kind> {
        let mut lx = Lexer::new(input.as_bytes(), quote, false);
        let mut out = Vec::new();
        loop {
            let t = lx.next_token();
            if t.kind == Kind::End {
                return out;
            }
            out.push(t.kind);
        }
    }

    const S: Kind = Kind::Str { open: false };
    const OPEN: Kind = Kind::Str { open: true };

    #[test]
    fn lexes_the_classic_tautology_inside_a_single_quoted_string() {
        assert_eq!(
            kinds("1' OR '1'='1", Quote::Single),
            [S, Kind::Logic, S, Kind::Op(Op::Compare), OPEN]
        );
    }

    #[test]
    fn doubled_quotes_and_backslashes_do_not_end_a_string() {
        assert_eq!(kinds("'it''s'", Quote::None), [S]);
        assert_eq!(kinds("'' x", Quote::Single), [OPEN]);
        let mut lx = Lexer::new(br"a\' or 1", Quote::Single, true);
        assert_eq!(lx.next_token().kind, OPEN);
    }

    #[test]
    fn comments_are_recorded_on_the_next_token_not_emitted() {
        let mut lx = Lexer::new(b"1 /* x */ or -- y\n 2 #z", Quote::None, false);
        let toks: Vec<Token> = std::iter::from_fn(|| Some(lx.next_token()))
            .take_while(|t| t.kind != Kind::End)
            .collect();
        assert_eq!(toks.len(), 3);
        assert_eq!(toks[1].comment, Some(Comment::Block));
        assert_eq!(toks[2].comment, Some(Comment::Line));
        let mut lx = Lexer::new(b"x /* open", Quote::None, false);
        lx.next_token();
        assert_eq!(lx.next_token().comment, Some(Comment::Unterminated));
    }

    #[test]
    fn mysql_executable_comments_are_code() {
        assert_eq!(
            kinds("1 /*!50000union*/ /*!select*/ 2", Quote::None),
            [
                Kind::Num,
                Kind::Kw(Kw::Union),
                Kind::Kw(Kw::Select),
                Kind::Num
            ]
        );
    }

    #[test]
    fn keywords_split_by_empty_comments_are_joined() {
        assert_eq!(
            kinds("UN/**/ION SEL/**/E/**/CT", Quote::None),
            [Kind::Kw(Kw::Union), Kind::Kw(Kw::Select)]
        );
        // Not a keyword once joined: two words.
        assert_eq!(kinds("ab/**/cd", Quote::None), [Kind::Word, Kind::Word]);
    }

    #[test]
    fn numbers_in_their_forms() {
        for n in ["1", "0x7e", "0b101", "1.5", ".5", "1e5", "1.2E-3"] {
            assert_eq!(kinds(n, Quote::None), [Kind::Num], "{n}");
        }
        assert_eq!(
            kinds("1union", Quote::None),
            [Kind::Num, Kind::Kw(Kw::Union)]
        );
        assert_eq!(kinds("10pm", Quote::None), [Kind::Word]);
        assert_eq!(kinds("1.2.3", Quote::None), [Kind::Num, Kind::Num]);
    }

    #[test]
    fn operators_variables_and_odd_bytes() {
        assert_eq!(
            kinds("a<=>b || c && @@version <> $1", Quote::None),
            [
                Kind::Word,
                Kind::Op(Op::Compare),
                Kind::Word,
                Kind::Logic,
                Kind::Word,
                Kind::Logic,
                Kind::Var,
                Kind::Op(Op::Compare),
                Kind::Var
            ]
        );
        assert_eq!(kinds("{ ? :", Quote::None), [Kind::Other; 3]);
        assert_eq!(kinds("$$a'b$$", Quote::None), [S]);
        assert_eq!(kinds("N'x' _utf8'y'", Quote::None), [S, S]);
    }

    #[test]
    fn tokens_stop_at_the_cap() {
        let input = "1,".repeat(MAX_TOKENS);
        let mut toks = Tokens::new(input.as_bytes(), Quote::None, false);
        assert_eq!(toks.get(MAX_TOKENS - 1).kind, Kind::Comma);
        assert_eq!(toks.get(MAX_TOKENS).kind, Kind::Cap);
        assert_eq!(toks.count(), MAX_TOKENS);
        let mut short = Tokens::new(b"1", Quote::None, false);
        assert_eq!(short.get(5).kind, Kind::End);
    }

    #[test]
    fn the_first_token_and_a_recent_window_stay_readable() {
        let input = "a ".repeat(100);
        let mut toks = Tokens::new(input.as_bytes(), Quote::None, false);
        assert_eq!(toks.get(90).kind, Kind::Word);
        assert_eq!(toks.get(0).kind, Kind::Word);
        assert_eq!(toks.get(90 - WINDOW + 1).kind, Kind::Word);
        // Out of the window: a kind no rule accepts, never a stale token.
        assert_eq!(toks.get(10).kind, Kind::Other);
    }

    #[test]
    fn the_fingerprint_names_calls_and_comments() {
        let mut toks = Tokens::new(b"1 union select version()--", Quote::None, false);
        toks.get(20);
        assert_eq!(toks.fingerprint().as_str(), "1UEf()c");
    }
}
