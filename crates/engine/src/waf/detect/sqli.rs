//! SQL injection: does a value, spliced into a query as-is or inside a
//! quoted string, break out of its place and add SQL of its own?
//!
//! The value is read three ways (as-is, as if inside `'…'`, as if inside
//! `"…"`; the quoted readings only when the input has that quote, and once
//! more with MySQL's backslash escapes when it has a `\`). Each reading is
//! lexed ([`super::sql_lexer`]) and walked by a small expression grammar
//! from its first token: the value (a closed string in the quoted readings,
//! any operand as-is), then what may follow a value in SQL. The walk stops,
//! clean, at the first token SQL would reject; prose stops within a token or
//! two (`O'Reilly` is a string followed by a word; `drop me a line` is
//! `DROP` without `TABLE`). It flags the input only when the part it
//! accepted adds something an ordinary value never does:
//!
//! - `UNION [ALL] SELECT` with a select list;
//! - `;` followed by a statement (`DROP TABLE`, `EXEC`, `SELECT 1`, …);
//! - an `AND`/`OR` condition on constants (`1=1`, `'a'='a'`), a lone true
//!   constant with the rest of the query cut off (`' OR 1--`) or closed
//!   (`1' OR '1`), or any comparison right after a closed string or a bare
//!   number (`' OR name LIKE 'a%`);
//! - a bare comment (`--`, `#`, `/*`) right after the closed string
//!   (`admin'--`) or after closing the query's parentheses (`1)--`);
//! - a subquery `(SELECT …)`; a time-delay or probing function called with
//!   a literal (`SLEEP(5)`, `BENCHMARK(…)`, `EXTRACTVALUE(…)`,
//!   `LOAD_FILE('…')`, but not `time.sleep(timeout)`); a known SQL function
//!   or `@@variable` after a closed string;
//! - `ORDER BY <n>` after a value or cut off by a comment (column
//!   counting), `INTO OUTFILE`, `WAITFOR DELAY '…'`, `EXEC xp_…`, and
//!   `DROP TABLE x` on its own.
//!
//! These are this module's own rules, derived from what each attack shape
//! needs to work rather than from libinjection's fingerprint list; the
//! tables in `tests.rs` justify each one with attacks it catches and text
//! it leaves alone. SQL on its own is not an injection: `SELECT * FROM
//! users WHERE id = 1` is not flagged (nothing in it escapes a value or
//! adds a condition), nor is prose that merely mentions SQL.

use std::fmt;

use super::label::Label;
use super::sql_lexer::{Comment, Kind, Kw, Op, Quote, Token, Tokens, MAX_TOKENS};

/// Where the value was assumed to sit when the injection was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SqlContext {
    /// `… WHERE id = <value>`.
    AsIs,
    /// `… WHERE name = '<value>'`.
    SingleQuoted,
    /// `… WHERE name = "<value>"`.
    DoubleQuoted,
}

impl SqlContext {
    pub fn name(self) -> &'static str {
        match self {
            SqlContext::AsIs => "as-is",
            SqlContext::SingleQuoted => "in '…'",
            SqlContext::DoubleQuoted => "in \"…\"",
        }
    }
}

/// What the value added to the query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SqliReason {
    /// `UNION SELECT …`.
    UnionSelect,
    /// `; <statement>`.
    StackedQuery,
    /// `AND`/`OR` with a condition of constants: `OR 1=1`, `AND 'a'='b'`.
    ConstantCondition,
    /// `AND`/`OR` with a comparison, after a closed string or a number.
    InjectedCondition,
    /// A comment right after the closed string or closing parentheses.
    CommentAfterBreakout,
    /// `SLEEP(…)`, `BENCHMARK(…)`, `PG_SLEEP(…)`, `WAITFOR DELAY '…'`.
    TimeDelay,
    /// Error-based, file and out-of-band functions: `EXTRACTVALUE`,
    /// `UPDATEXML`, `LOAD_FILE`, `PROCEDURE ANALYSE`, …
    ProbeFunction,
    /// A SQL function call or `@@variable` after a closed string.
    FunctionAfterBreakout,
    /// `(SELECT …)`.
    Subquery,
    /// `ORDER BY <n>` cut off by a comment: counting columns.
    ColumnProbe,
    /// `INTO OUTFILE` / `INTO DUMPFILE`.
    FileWrite,
    /// `EXEC xp_cmdshell …` and other `xp_`/`sp_` procedures.
    SystemCommand,
    /// `DROP TABLE x` / `TRUNCATE TABLE x` on its own.
    DestructiveStatement,
}

impl SqliReason {
    pub fn describe(self) -> &'static str {
        match self {
            SqliReason::UnionSelect => "union select",
            SqliReason::StackedQuery => "stacked query",
            SqliReason::ConstantCondition => "condition on constants",
            SqliReason::InjectedCondition => "condition after a closed value",
            SqliReason::CommentAfterBreakout => "comment after a closed value",
            SqliReason::TimeDelay => "time delay",
            SqliReason::ProbeFunction => "probing function",
            SqliReason::FunctionAfterBreakout => "sql function after a closed string",
            SqliReason::Subquery => "subquery",
            SqliReason::ColumnProbe => "order by column count",
            SqliReason::FileWrite => "into outfile",
            SqliReason::SystemCommand => "system procedure",
            SqliReason::DestructiveStatement => "destructive statement",
        }
    }
}

/// A SQL injection found in a value, for the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SqliMatch {
    pub context: SqlContext,
    /// The reading that matched treats `\'` as an escaped quote (MySQL).
    pub backslash_escapes: bool,
    pub reason: SqliReason,
    /// One character per token up to the match, libinjection style: `s`
    /// string, `1` number, `n` word, `f` function, `v` variable, `k`
    /// keyword, `E` statement, `U` union, `o` operator, `&` logic, `c`
    /// comment, `( ) , ; .` themselves, `?` anything else.
    pub fingerprint: Label,
}

impl fmt::Display for SqliMatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "sql injection: {} ({}{}, fingerprint {})",
            self.reason.describe(),
            self.context.name(),
            if self.backslash_escapes {
                ", backslash escapes"
            } else {
                ""
            },
            self.fingerprint
        )
    }
}

/// The first SQL injection found in `input`, if any.
pub fn is_sqli(input: &[u8]) -> Option<SqliMatch> {
    let single = input.contains(&b'\'');
    let double = input.contains(&b'"');
    let backslash = input.contains(&b'\\');
    let readings = [
        (SqlContext::AsIs, true, false),
        (SqlContext::SingleQuoted, single, false),
        (SqlContext::DoubleQuoted, double, false),
        (SqlContext::SingleQuoted, single && backslash, true),
        (SqlContext::DoubleQuoted, double && backslash, true),
    ];
    readings
        .into_iter()
        .filter(|&(_, wanted, _)| wanted)
        .find_map(|(context, _, backslash_escapes)| {
            let quote = match context {
                SqlContext::AsIs => Quote::None,
                SqlContext::SingleQuoted => Quote::Single,
                SqlContext::DoubleQuoted => Quote::Double,
            };
            let mut parser = Parser::new(input, quote, backslash_escapes);
            let reason = parser.run()?;
            Some(SqliMatch {
                context,
                backslash_escapes,
                reason,
                fingerprint: parser.toks.fingerprint(),
            })
        })
}

/// Deepest parenthesis nesting followed; deeper input is not SQL we judge.
const MAX_DEPTH: usize = 32;

/// What a called function is to the detector.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Func {
    /// Makes the query slow on purpose.
    Delay,
    /// Leaks data through errors, files or the network.
    Probe,
    /// Any other function injections use (`version`, `concat`, `char`, …).
    Known,
    Unknown,
}

#[derive(Debug, Clone, Copy)]
enum Frame {
    Group,
    Call(Call),
}

/// A function call being read.
#[derive(Debug, Clone, Copy)]
struct Call {
    func: Func,
    /// Arguments it needs to do harm.
    min_args: u8,
    commas: u8,
    has_arg: bool,
    /// Its arguments name a column somewhere (`len(path)`).
    columns: bool,
    /// Its arguments hold a literal or a SQL function somewhere (`sleep(5)`,
    /// `sleep(if(…))`), not only names (`sleep(timeout)` is code).
    literals: bool,
}

/// An operand, as a condition sees it.
#[derive(Debug, Clone, Copy)]
enum Value {
    Column,
    Constant { truthy: bool },
}

/// The operand of the latest `AND`/`OR`/`WHERE`/`HAVING`, as it is read.
#[derive(Debug, Clone, Copy)]
struct Cond {
    depth: usize,
    /// It follows the value itself: `1 AND …`, `' OR …`.
    after_value: bool,
    operands: u8,
    idents: bool,
    compare: bool,
    /// Only `<`, `>`, `<=`, `>=` compared so far: no `=`, `LIKE`, `IN`, …
    ordering_only: bool,
    /// Joined by `&&` or `||` rather than a keyword.
    symbolic: bool,
    /// Every constant operand is a number.
    numbers_only: bool,
    /// The last operand is a constant SQL takes for true.
    truthy: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// The first token of an as-is value.
    Start,
    /// An operand is expected.
    Operand,
    /// An operand was read; an operator, clause or end is expected.
    After,
}

/// What ended a condition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Term {
    Logic,
    Clause,
    Comment,
    Semi,
    Paren,
    End,
}

enum Step {
    Go(State),
    /// Not SQL from here on: the reading is clean.
    Stop,
    Hit(SqliReason),
}

struct Parser<'a> {
    toks: Tokens<'a>,
    quoted: bool,
    /// The quote the value is in, if any.
    quote: Option<u8>,
    /// The next token.
    i: usize,
    frames: [Frame; MAX_DEPTH],
    depth: usize,
    cond: Option<Cond>,
    in_select: bool,
    /// As-is, and the value is a number.
    first_num: bool,
    /// Nothing read yet but the value and closing parentheses.
    prefix_only: bool,
    /// Parentheses closed that the value never opened.
    closers: u32,
    /// An operand was read (`1)`, not just `)`).
    valued: bool,
}

impl<'a> Parser<'a> {
    fn new(input: &'a [u8], quote: Quote, backslash: bool) -> Parser<'a> {
        Parser {
            toks: Tokens::new(input, quote, backslash),
            quoted: quote != Quote::None,
            quote: match quote {
                Quote::None => None,
                Quote::Single => Some(b'\''),
                Quote::Double => Some(b'"'),
            },
            i: 0,
            frames: [Frame::Group; MAX_DEPTH],
            depth: 0,
            cond: None,
            in_select: false,
            first_num: false,
            prefix_only: true,
            closers: 0,
            valued: false,
        }
    }

    fn tok(&mut self, i: usize) -> Token {
        self.toks.get(i)
    }

    fn kind(&mut self, i: usize) -> Kind {
        self.toks.get(i).kind
    }

    fn word_in(&self, t: Token, words: &[&[u8]]) -> bool {
        t.kind == Kind::Word && {
            let text = self.toks.text(t);
            words.iter().any(|w| text.eq_ignore_ascii_case(w))
        }
    }

    fn run(&mut self) -> Option<SqliReason> {
        let mut state = State::Start;
        if self.quoted {
            // The value has to close the string it starts in.
            if self.kind(0) != (Kind::Str { open: false }) {
                return None;
            }
            self.i = 1;
            state = State::After;
        }
        // Every step reads at least one token, and tokens stop at the cap.
        for _ in 0..MAX_TOKENS + 2 {
            let t = self.tok(self.i);
            if state == State::After
                && matches!(t.comment, Some(Comment::Line | Comment::Unterminated))
            {
                if let Some(reason) = self.comment() {
                    return Some(reason);
                }
            }
            let step = match state {
                State::Start => self.start(t),
                State::Operand => self.operand(t),
                State::After => self.after(t),
            };
            match step {
                Step::Go(next) => state = next,
                Step::Stop => return None,
                Step::Hit(reason) => return Some(reason),
            }
        }
        None
    }

    /// A comment that cuts the rest of the line or input, after an operand.
    fn comment(&mut self) -> Option<SqliReason> {
        // `<a href="#top">` and `"#1"` in `"…"`: a comment holding the very
        // quote the value is in is markup or prose, not `admin"#`.
        let gap = self.comment_text();
        let quote_in_comment = self.quote.is_some_and(|q| gap.contains(&q));
        if self.prefix_only
            && (self.quoted || (self.closers > 0 && self.valued))
            && !quote_in_comment
            && self.bare_comment(gap)
        {
            return Some(SqliReason::CommentAfterBreakout);
        }
        self.finish(Term::Comment)
    }

    /// The comment before the next token is `#`, `--` or `/*` on its own
    /// (then the end, a space, or `-`/`+` as in `-- -` and `--+`), the way
    /// a payload truncates a query; `}"#;` in code or `"#top"` are not.
    fn bare_comment(&mut self, gap: &[u8]) -> bool {
        let after = match gap.trim_ascii_start() {
            // `"# Header`: a hash after an empty string is markdown or code.
            [b'#', rest @ ..] if !self.blank_breakout() => rest,
            [b'-', b'-', rest @ ..] | [b'/', b'*', rest @ ..] => rest,
            _ => return false,
        };
        match after.first() {
            None => true,
            Some(b) => b.is_ascii_whitespace() || matches!(b, b'-' | b'+' | b'*'),
        }
    }

    /// The comments and spaces between the last token and the next.
    fn comment_text(&mut self) -> &'a [u8] {
        let from = match self.i.checked_sub(1) {
            Some(p) => self.tok(p).end,
            None => 0,
        };
        let next = self.tok(self.i);
        self.toks.text(Token {
            start: from,
            end: next.start,
            ..next
        })
    }

    /// The string the value closed holds nothing but quotes and spaces.
    fn blank_breakout(&mut self) -> bool {
        let t = self.tok(0);
        self.quoted
            && self
                .toks
                .text(t)
                .iter()
                .all(|b| b.is_ascii_whitespace() || Some(*b) == self.quote)
    }

    fn start(&mut self, t: Token) -> Step {
        match t.kind {
            Kind::Num => {
                self.first_num = true;
                self.operand(t)
            }
            Kind::RParen => {
                self.closers += 1;
                self.i += 1;
                Step::Go(State::After)
            }
            Kind::Semi
            | Kind::Logic
            | Kind::Kw(
                Kw::Union
                | Kw::Order
                | Kw::Group
                | Kw::Having
                | Kw::Procedure
                | Kw::Into
                | Kw::Waitfor
                | Kw::Exec,
            ) => self.after(t),
            Kind::Kw(Kw::Select) => {
                self.in_select = true;
                self.prefix_only = false;
                self.i += 1;
                Step::Go(State::Operand)
            }
            Kind::Kw(Kw::Drop | Kw::Truncate) => {
                let object = self.tok(self.i + 1);
                let name = self.tok(self.i + 2);
                let after = self.tok(self.i + 3);
                let destructive = object.kind == Kind::Kw(Kw::Object)
                    && name.kind == Kind::Word
                    && (matches!(after.kind, Kind::End | Kind::Semi) || after.comment.is_some());
                if destructive {
                    Step::Hit(SqliReason::DestructiveStatement)
                } else {
                    Step::Stop
                }
            }
            _ => self.operand(t),
        }
    }

    fn operand(&mut self, t: Token) -> Step {
        let next = self.kind(self.i + 1);
        match t.kind {
            Kind::Var if self.quoted && self.toks.text(t).starts_with(b"@@") => {
                Step::Hit(SqliReason::FunctionAfterBreakout)
            }
            Kind::Num | Kind::Str { .. } | Kind::Var | Kind::Kw(Kw::Null) => {
                if t.kind != Kind::Num {
                    if let Some(c) = self.cond.as_mut() {
                        c.numbers_only = false;
                    }
                }
                let truthy = self.truthy(t);
                self.seen(Value::Constant { truthy });
                self.i += 1;
                Step::Go(State::After)
            }
            Kind::Word | Kind::Kw(Kw::Insert | Kw::Object | Kw::Values) if next == Kind::LParen => {
                self.call(t)
            }
            Kind::Word => {
                self.seen(Value::Column);
                self.i += 1;
                Step::Go(State::After)
            }
            Kind::Op(Op::Arith) if matches!(self.toks.text(t), b"+" | b"-") => {
                self.i += 1;
                Step::Go(State::Operand)
            }
            Kind::Op(Op::Unary)
            | Kind::Kw(Kw::Not | Kw::Exists | Kw::Case | Kw::Distinct | Kw::All) => {
                self.i += 1;
                Step::Go(State::Operand)
            }
            Kind::Kw(Kw::Top) if self.in_select => {
                self.i += 1;
                Step::Go(State::Operand)
            }
            Kind::Op(Op::Star) => {
                let prev = match self.i.checked_sub(1) {
                    Some(p) => self.kind(p),
                    None => Kind::End,
                };
                if self.in_select || matches!(prev, Kind::LParen | Kind::Dot | Kind::Comma) {
                    self.seen(Value::Constant { truthy: false });
                    self.i += 1;
                    Step::Go(State::After)
                } else {
                    Step::Stop
                }
            }
            Kind::LParen => self.open_paren(),
            Kind::RParen
                if matches!(self.top(), Some(Frame::Call(Call { has_arg: false, .. }))) =>
            {
                self.close_paren()
            }
            _ => Step::Stop,
        }
    }

    fn after(&mut self, t: Token) -> Step {
        let after_value = self.prefix_only;
        if t.kind != Kind::RParen {
            self.prefix_only = false;
        }
        let next = self.tok(self.i + 1);
        match t.kind {
            Kind::End => self.finish(Term::End).map_or(Step::Stop, Step::Hit),
            Kind::Cap => self.finish(Term::Clause).map_or(Step::Stop, Step::Hit),
            Kind::Op(Op::Compare) | Kind::Kw(Kw::Is | Kw::Like | Kw::In | Kw::Between) => {
                let ordering = t.kind == Kind::Op(Op::Compare)
                    && matches!(self.toks.text(t), b"<" | b">" | b"<=" | b">=");
                self.compare(ordering);
                self.i += 1;
                Step::Go(State::Operand)
            }
            // `x::int`; `thread::sleep(…)` is not SQL.
            Kind::Op(Op::Cast) if next.kind == Kind::Word => {
                if self.kind(self.i + 2) == Kind::LParen {
                    return Step::Stop;
                }
                self.i += 2;
                Step::Go(State::After)
            }
            Kind::Op(Op::Arith | Op::Star) | Kind::Kw(Kw::Escape) => {
                self.i += 1;
                Step::Go(State::Operand)
            }
            Kind::Logic => self.condition(Term::Logic, after_value),
            Kind::Kw(Kw::Where | Kw::Having | Kw::On) => self.condition(Term::Clause, false),
            Kind::Kw(Kw::Not) if matches!(next.kind, Kind::Kw(Kw::Like | Kw::In | Kw::Between)) => {
                self.i += 1;
                Step::Go(State::After)
            }
            Kind::Kw(Kw::Collate) if next.kind == Kind::Word => {
                self.i += 2;
                Step::Go(State::After)
            }
            Kind::Kw(Kw::As) if matches!(next.kind, Kind::Word | Kind::Str { .. }) => {
                self.i += 2;
                Step::Go(State::After)
            }
            Kind::Dot => match next.kind {
                Kind::Word if self.kind(self.i + 2) == Kind::LParen => {
                    self.i += 1;
                    Step::Go(State::Operand)
                }
                Kind::Word | Kind::Op(Op::Star) => {
                    self.i += 2;
                    Step::Go(State::After)
                }
                // `master..xp_cmdshell`
                Kind::Dot => {
                    self.i += 1;
                    Step::Go(State::After)
                }
                _ => Step::Stop,
            },
            Kind::Comma => {
                if let Some(Frame::Call(call)) = self.top_mut() {
                    call.commas = call.commas.saturating_add(1);
                }
                self.i += 1;
                Step::Go(State::Operand)
            }
            Kind::RParen => self.close_paren(),
            Kind::Semi => match self.finish(Term::Semi) {
                Some(reason) => Step::Hit(reason),
                None => self.stacked(self.i + 1),
            },
            Kind::Kw(Kw::Union) => match self.finish(Term::Clause) {
                Some(reason) => Step::Hit(reason),
                None => self.union(self.i + 1),
            },
            Kind::Kw(Kw::Order | Kw::Group) if next.kind == Kind::Kw(Kw::By) => {
                match self.finish(Term::Clause) {
                    Some(reason) => Step::Hit(reason),
                    None => self.order_by(self.i + 2),
                }
            }
            Kind::Kw(Kw::Limit | Kw::Offset) => self.clause(),
            Kind::Kw(Kw::From | Kw::Join) if self.in_select => self.clause(),
            Kind::Kw(Kw::Into) => match next.kind {
                Kind::Kw(Kw::Outfile) => Step::Hit(SqliReason::FileWrite),
                Kind::Var => {
                    self.i += 2;
                    Step::Go(State::After)
                }
                _ => Step::Stop,
            },
            Kind::Kw(Kw::Procedure) if self.word_in(next, &[b"analyse", b"analyze"]) => {
                Step::Hit(SqliReason::ProbeFunction)
            }
            Kind::Kw(Kw::When | Kw::Then | Kw::Else) => {
                self.i += 1;
                Step::Go(State::Operand)
            }
            Kind::Kw(Kw::End | Kw::Asc) => {
                self.i += 1;
                Step::Go(State::After)
            }
            Kind::Kw(Kw::Waitfor) => self.waitfor(self.i),
            Kind::Kw(Kw::Exec) if self.system_procedure(next) => {
                Step::Hit(SqliReason::SystemCommand)
            }
            // An alias in a select list.
            Kind::Word if self.in_select => {
                self.i += 1;
                Step::Go(State::After)
            }
            _ => Step::Stop,
        }
    }

    /// `LIMIT`, `FROM`, …: a clause that ends any condition and takes an
    /// operand.
    fn clause(&mut self) -> Step {
        match self.finish(Term::Clause) {
            Some(reason) => Step::Hit(reason),
            None => {
                self.i += 1;
                Step::Go(State::Operand)
            }
        }
    }

    /// `AND`, `OR`, `WHERE`, `HAVING`, `ON`: judge the condition before,
    /// start the next.
    fn condition(&mut self, term: Term, after_value: bool) -> Step {
        // In a function's arguments, a condition is the function's business.
        if self.cond.is_some_and(|c| self.call_above(c.depth)) {
            self.i += 1;
            return Step::Go(State::Operand);
        }
        if let Some(reason) = self.finish(term) {
            return Step::Hit(reason);
        }
        let connector = self.tok(self.i);
        let symbolic = matches!(self.toks.text(connector), b"&&" | b"||");
        self.cond = Some(Cond {
            depth: self.depth,
            after_value,
            operands: 0,
            idents: false,
            compare: false,
            ordering_only: false,
            symbolic,
            numbers_only: true,
            truthy: false,
        });
        self.i += 1;
        Step::Go(State::Operand)
    }

    /// Judge the condition being read, now that `term` ended it.
    fn finish(&mut self, term: Term) -> Option<SqliReason> {
        let c = self.cond.take()?;
        let constant = !c.idents && c.operands > 0;
        // `5 > 3 && 2 < 4` with nothing else SQL about it is arithmetic
        // (a calculator, a code snippet), not a tautology: a value that
        // breaks out of its place uses a quote, `=`, or a keyword.
        let arithmetic = c.symbolic && c.ordering_only && c.numbers_only && !self.quoted;
        if constant && c.compare && c.operands >= 2 && !arithmetic {
            return Some(SqliReason::ConstantCondition);
        }
        // `' OR 1--`, `1 OR TRUE;`: a true constant, with the rest of the
        // query cut off; `1' OR '1`: a true string the query's own quote
        // closes.
        let cut = matches!(term, Term::Comment | Term::Semi)
            || (term == Term::End && self.quoted && self.ends_in_open_string());
        if constant && !c.compare && c.operands == 1 && c.truthy && cut {
            return Some(SqliReason::ConstantCondition);
        }
        // `' OR name LIKE 'a%`, `1 AND ascii(substr(password,1,1))>64`:
        // right after a closed string, or a number on its own.
        if c.compare
            && c.after_value
            && (self.quoted || self.first_num)
            && !(constant && arithmetic)
        {
            return Some(SqliReason::InjectedCondition);
        }
        None
    }

    /// The last token read is a string the query's own quote would close.
    fn ends_in_open_string(&mut self) -> bool {
        self.i
            .checked_sub(1)
            .is_some_and(|last| self.kind(last) == Kind::Str { open: true })
    }

    /// Does SQL take the literal `t` for true? Numbers that are not zero,
    /// `TRUE`, and strings that start like such a number (`'1'`, `' 2x'`),
    /// as MySQL converts them.
    fn truthy(&self, t: Token) -> bool {
        let text = self.toks.text(t);
        let nonzero_number = |digits: &[u8]| {
            digits
                .iter()
                .take_while(|b| b.is_ascii_digit() || **b == b'.')
                .any(|b| (b'1'..=b'9').contains(b))
        };
        match t.kind {
            Kind::Num => match text {
                [b'0', b'x' | b'X' | b'b' | b'B', digits @ ..] => digits.iter().any(|&b| b != b'0'),
                _ => nonzero_number(text),
            },
            Kind::Str { .. } => {
                let body = text
                    .iter()
                    .position(|&b| matches!(b, b'\'' | b'"'))
                    .and_then(|q| text.get(q + 1..))
                    .unwrap_or_default()
                    .trim_ascii_start();
                let body = match body {
                    [b'-' | b'+', rest @ ..] => rest,
                    _ => body,
                };
                nonzero_number(body)
            }
            Kind::Kw(Kw::Null) => text.eq_ignore_ascii_case(b"true"),
            _ => false,
        }
    }

    fn compare(&mut self, ordering: bool) {
        let Some(depth) = self.cond.map(|c| c.depth) else {
            return;
        };
        if !self.call_above(depth) {
            if let Some(c) = self.cond.as_mut() {
                c.ordering_only = (!c.compare || c.ordering_only) && ordering;
                c.compare = true;
            }
        }
    }

    /// An operand was read at the current depth.
    fn seen(&mut self, value: Value) {
        self.valued = true;
        self.mark_arg();
        if let Some(call) = self.innermost_call() {
            match value {
                Value::Column => call.columns = true,
                Value::Constant { .. } => call.literals = true,
            }
        }
        let Some(depth) = self.cond.map(|c| c.depth) else {
            return;
        };
        // A call's arguments are counted in the call, not the condition.
        if !self.call_above(depth) {
            if let Some(c) = self.cond.as_mut() {
                c.operands = c.operands.saturating_add(1);
                c.idents |= matches!(value, Value::Column);
                c.truthy = matches!(value, Value::Constant { truthy: true });
            }
        }
    }

    fn innermost_call(&mut self) -> Option<&mut Call> {
        self.frames
            .get_mut(..self.depth)?
            .iter_mut()
            .rev()
            .find_map(|f| match f {
                Frame::Call(call) => Some(call),
                Frame::Group => None,
            })
    }

    fn call_above(&self, depth: usize) -> bool {
        self.frames
            .get(depth..self.depth)
            .is_some_and(|fs| fs.iter().any(|f| matches!(f, Frame::Call(_))))
    }

    fn mark_arg(&mut self) {
        if let Some(Frame::Call(call)) = self.top_mut() {
            call.has_arg = true;
        }
    }

    fn top(&self) -> Option<Frame> {
        self.frames.get(self.depth.checked_sub(1)?).copied()
    }

    fn top_mut(&mut self) -> Option<&mut Frame> {
        self.frames.get_mut(self.depth.checked_sub(1)?)
    }

    fn push(&mut self, frame: Frame) -> bool {
        match self.frames.get_mut(self.depth) {
            Some(slot) => {
                *slot = frame;
                self.depth += 1;
                true
            }
            None => false,
        }
    }

    fn call(&mut self, name: Token) -> Step {
        let (mut func, min_args) = classify(self.toks.text(name));
        // `time.sleep(…)` is some object's method; `dbms_lock.sleep(…)` is
        // the database's.
        if let Some(dot) = self.i.checked_sub(1) {
            if self.kind(dot) == Kind::Dot {
                let package = self.tok(dot.saturating_sub(1));
                let packages: &[&[u8]] = &[
                    b"dbms_lock",
                    b"dbms_pipe",
                    b"utl_inaddr",
                    b"utl_http",
                    b"sys",
                ];
                if !self.word_in(package, packages) {
                    func = Func::Unknown;
                }
            }
        }
        self.mark_arg();
        let frame = Frame::Call(Call {
            func,
            min_args,
            commas: 0,
            has_arg: false,
            columns: false,
            literals: false,
        });
        if !self.push(frame) {
            return Step::Stop;
        }
        self.i += 2;
        Step::Go(State::Operand)
    }

    fn open_paren(&mut self) -> Step {
        let select = self.kind(self.i + 1) == Kind::Kw(Kw::Select);
        if select && self.select_head(self.i + 2) {
            return Step::Hit(SqliReason::Subquery);
        }
        self.mark_arg();
        if !self.push(Frame::Group) {
            return Step::Stop;
        }
        self.i += 1;
        if select {
            self.in_select = true;
            self.i += 1;
        }
        Step::Go(State::Operand)
    }

    fn close_paren(&mut self) -> Step {
        self.i += 1;
        let Some(frame) = self.top() else {
            // Closes a parenthesis of the query around the value.
            self.closers += 1;
            return Step::Go(State::After);
        };
        self.depth -= 1;
        if self.cond.is_some_and(|c| c.depth > self.depth) {
            if let Some(reason) = self.finish(Term::Paren) {
                return Step::Hit(reason);
            }
        }
        if let Frame::Call(call) = frame {
            let args = if call.has_arg {
                call.commas.saturating_add(1)
            } else {
                0
            };
            let armed = args >= call.min_args && call.literals;
            match call.func {
                Func::Delay if armed => return Step::Hit(SqliReason::TimeDelay),
                Func::Probe if armed => return Step::Hit(SqliReason::ProbeFunction),
                Func::Unknown => {}
                // The outermost call, so a probe around it is named instead.
                _ if self.quoted && !self.call_above(0) => {
                    return Step::Hit(SqliReason::FunctionAfterBreakout)
                }
                _ => {}
            }
            if call.func != Func::Unknown {
                // A SQL function's result arms a call around it.
                if let Some(outer) = self.innermost_call() {
                    outer.literals = true;
                }
            }
            self.seen(if call.func == Func::Unknown || call.columns {
                Value::Column
            } else {
                Value::Constant { truthy: false }
            });
        }
        Step::Go(State::After)
    }

    /// Does a select list start at `j`, one that prose would not write?
    /// `(select all that apply)` is valid SQL but reads as prose; a select
    /// list with a literal, `*`, a call, a comma or `FROM` does not.
    fn select_head(&mut self, mut j: usize) -> bool {
        for _ in 0..2 {
            if matches!(self.kind(j), Kind::Kw(Kw::All | Kw::Distinct)) {
                j += 1;
            }
        }
        if self.kind(j) == Kind::Kw(Kw::Top) {
            j += 1;
            if self.kind(j) == Kind::Num {
                j += 1;
            }
        }
        let t = self.tok(j);
        let next = self.kind(j + 1);
        match t.kind {
            Kind::Num
            | Kind::Str { .. }
            | Kind::Var
            | Kind::Kw(Kw::Null | Kw::Case)
            | Kind::Op(Op::Star | Op::Unary)
            | Kind::LParen => true,
            Kind::Op(Op::Arith) => matches!(self.toks.text(t), b"+" | b"-"),
            Kind::Word | Kind::Kw(Kw::Insert | Kw::Object | Kw::Values) if next == Kind::LParen => {
                true
            }
            Kind::Word => matches!(
                next,
                Kind::Comma | Kind::Dot | Kind::Op(_) | Kind::Kw(Kw::From | Kw::Into | Kw::As)
            ),
            _ => false,
        }
    }

    /// After `UNION`, at `j`.
    fn union(&mut self, mut j: usize) -> Step {
        if matches!(self.kind(j), Kind::Kw(Kw::All | Kw::Distinct)) {
            j += 1;
        }
        let mut parens = 0;
        while self.kind(j) == Kind::LParen && parens < 4 {
            j += 1;
            parens += 1;
        }
        if self.kind(j) != Kind::Kw(Kw::Select) {
            return Step::Stop;
        }
        if self.select_head(j + 1) {
            return Step::Hit(SqliReason::UnionSelect);
        }
        for _ in 0..parens {
            if !self.push(Frame::Group) {
                return Step::Stop;
            }
        }
        self.in_select = true;
        self.i = j + 1;
        Step::Go(State::Operand)
    }

    /// After `;`, at `j`: a statement of its own?
    fn stacked(&mut self, j: usize) -> Step {
        let t = self.tok(j);
        let n1 = self.tok(j + 1);
        let n2 = self.kind(j + 2);
        let Kind::Kw(kw) = t.kind else {
            return Step::Stop;
        };
        let stacked = match kw {
            Kw::Select => self.select_head(j + 1),
            Kw::Insert => matches!(n1.kind, Kind::Kw(Kw::Into) | Kind::Word),
            Kw::Update => n1.kind == Kind::Word && n2 == Kind::Kw(Kw::Set),
            Kw::Delete => {
                n1.kind == Kind::Kw(Kw::From)
                    || (n1.kind == Kind::Word
                        && matches!(n2, Kind::End | Kind::Semi | Kind::Kw(Kw::Where)))
            }
            Kw::Drop | Kw::Create | Kw::Alter | Kw::Rename => {
                matches!(n1.kind, Kind::Kw(Kw::Object | Kw::Procedure))
                    || self.word_in(
                        n1,
                        &[b"user", b"login", b"role", b"column", b"sequence", b"event"],
                    )
            }
            Kw::Truncate => matches!(n1.kind, Kind::Kw(Kw::Object) | Kind::Word),
            Kw::Exec if self.system_procedure(n1) => return Step::Hit(SqliReason::SystemCommand),
            Kw::Exec | Kw::Call => {
                matches!(
                    n1.kind,
                    Kind::Word | Kind::Var | Kind::LParen | Kind::Str { .. }
                )
            }
            Kw::Declare => n1.kind == Kind::Var,
            Kw::Shutdown => true,
            Kw::Waitfor => return self.waitfor(j),
            Kw::Grant => !matches!(n1.kind, Kind::End | Kind::Cap),
            Kw::Set => matches!(n1.kind, Kind::Var | Kind::Word) && n2 == Kind::Op(Op::Compare),
            Kw::Load => self.word_in(n1, &[b"data", b"xml"]),
            _ => false,
        };
        if stacked {
            Step::Hit(SqliReason::StackedQuery)
        } else {
            Step::Stop
        }
    }

    /// `WAITFOR DELAY '0:0:5'` / `WAITFOR TIME '…'`, `WAITFOR` at `j`.
    fn waitfor(&mut self, j: usize) -> Step {
        let what = self.tok(j + 1);
        let when = self.kind(j + 2);
        if self.word_in(what, &[b"delay", b"time"]) && matches!(when, Kind::Str { .. }) {
            Step::Hit(SqliReason::TimeDelay)
        } else {
            Step::Stop
        }
    }

    /// `xp_cmdshell`, `sp_oacreate`, `master..xp_…`.
    fn system_procedure(&self, t: Token) -> bool {
        if t.kind != Kind::Word {
            return false;
        }
        let text = self.toks.text(t);
        let prefix = text.get(..3).unwrap_or_default();
        prefix.eq_ignore_ascii_case(b"xp_")
            || prefix.eq_ignore_ascii_case(b"sp_")
            || text.eq_ignore_ascii_case(b"master")
    }

    /// After `ORDER BY` / `GROUP BY`, at `j`.
    fn order_by(&mut self, j: usize) -> Step {
        let t = self.kind(j);
        let next = self.tok(j + 1);
        // `ORDER BY 10` alone could be prose; after a value, or cut off by
        // a comment, it counts columns.
        let after_value = j > 2;
        let cut = matches!(next.comment, Some(Comment::Line | Comment::Unterminated))
            || matches!(next.kind, Kind::Semi | Kind::Kw(Kw::Union))
            || (next.kind == Kind::End && after_value);
        if t == Kind::Num && cut {
            return Step::Hit(SqliReason::ColumnProbe);
        }
        self.i = j;
        Step::Go(State::Operand)
    }
}

/// What `name(` calls, and how many arguments it needs to do harm.
fn classify(name: &[u8]) -> (Func, u8) {
    let mut buf = [0u8; 24];
    let Some(lower) = buf.get_mut(..name.len()) else {
        return (Func::Unknown, 0);
    };
    lower.copy_from_slice(name);
    lower.make_ascii_lowercase();
    match &*lower {
        b"sleep" | b"pg_sleep" | b"pg_sleep_for" | b"pg_sleep_until" | b"randomblob" => {
            (Func::Delay, 1)
        }
        // BENCHMARK(count, expr); DBMS_PIPE.RECEIVE_MESSAGE(pipe, timeout)
        b"benchmark" | b"receive_message" => (Func::Delay, 2),
        b"extractvalue" | b"name_const" | b"gtid_subset" | b"gtid_subtract" => (Func::Probe, 2),
        b"updatexml" => (Func::Probe, 3),
        b"load_file"
        | b"pg_read_file"
        | b"pg_read_binary_file"
        | b"pg_ls_dir"
        | b"lo_import"
        | b"lo_export"
        | b"sys_eval"
        | b"sys_exec"
        | b"xp_cmdshell"
        | b"openrowset"
        | b"opendatasource"
        | b"get_host_name"
        | b"get_host_address"
        | b"xmltype"
        | b"dblink" => (Func::Probe, 1),
        b"version" | b"database" | b"schema" | b"user" | b"current_user" | b"session_user"
        | b"system_user" | b"current_database" | b"current_schema" | b"db_name" | b"user_name"
        | b"suser_name" | b"suser_sname" | b"host_name" | b"connection_id" | b"last_insert_id"
        | b"row_count" | b"found_rows" | b"concat" | b"concat_ws" | b"group_concat"
        | b"string_agg" | b"listagg" | b"char" | b"chr" | b"nchar" | b"ascii" | b"ord" | b"hex"
        | b"unhex" | b"bin" | b"conv" | b"substring" | b"substr" | b"mid" | b"left" | b"right"
        | b"length" | b"len" | b"char_length" | b"count" | b"cast" | b"convert" | b"if"
        | b"iif" | b"ifnull" | b"isnull" | b"nullif" | b"coalesce" | b"md5" | b"sha1" | b"sha2"
        | b"lower" | b"upper" | b"lcase" | b"ucase" | b"floor" | b"rand" | b"round" | b"abs"
        | b"now" | b"sysdate" | b"reverse" | b"replace" | b"instr" | b"locate" | b"position"
        | b"strcmp" | b"elt" | b"field" | b"make_set" | b"exp" | b"pow" | b"power"
        | b"json_extract" | b"to_char" | b"unicode" | b"datalength" | b"is_srvrolemember"
        | b"object_id" | b"quotename" | b"crc32" | b"uuid" | b"insert" | b"values" | b"sum"
        | b"min" | b"max" | b"avg" => (Func::Known, 0),
        _ => (Func::Unknown, 0),
    }
}
