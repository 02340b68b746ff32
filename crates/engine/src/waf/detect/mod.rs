//! Tokenizer-grade detectors for SQL injection, cross-site scripting and OS
//! command injection in a single value (a query parameter, a header, a form field), in the
//! manner of libinjection but with rules of our own:
//!
//! - [`is_sqli`] lexes the value as SQL ([`sql_lexer`]) three ways (as-is,
//!   inside `'…'`, inside `"…"`) and walks each with a small grammar
//!   ([`sqli`]) that stops at the first token SQL would reject, flagging
//!   the value only when the part it accepted escapes the value's place
//!   and adds SQL (a `UNION SELECT`, a stacked statement, a condition on
//!   constants, a comment cutting the query short, a delay function, …);
//! - [`is_cmdi`] lexes the value as a shell command line
//!   ([`shell_lexer`]) as-is and inside `'…'` and `"…"`, and flags a
//!   command it starts, from a table of the commands attackers run, where
//!   an injection is credible and with the arguments it needs to do harm,
//!   or spelled with the tricks that hide a command name ([`cmdi`]);
//! - [`is_xss`] tokenizes the value as HTML ([`html_lexer`]) between tags
//!   and inside unquoted, single- and double-quoted attribute values, and
//!   flags tags, attributes and URLs that run script ([`xss`]).
//!
//! All are total and cheap: they never panic, read each byte a bounded
//! number of times (at most five SQL readings, each cut at
//! [`sql_lexer::MAX_TOKENS`] tokens; at most four HTML readings plus one of
//! attribute values; at most three shell readings, each cut at
//! [`shell_lexer::MAX_TOKENS`] tokens), allocate nothing, and return `None`
//! early for values without the bytes any payload needs. The input may or
//! may not have been transformed (URL-decoded, lower-cased, comments
//! removed) before; all read raw bytes. (Lower-casing hides nothing from
//! SQL and HTML, but Unix command names are case-sensitive: `cmdi` is best
//! run on values that were not lower-cased.)
//!
//! What is and is not flagged, case by case, is in `tests.rs` and
//! `cmdi_tests.rs`: every rule is
//! there with the attacks it is for and the ordinary text it must let
//! through.

pub mod cmdi;
pub mod html_lexer;
pub mod label;
pub mod shell_lexer;
pub mod sql_lexer;
pub mod sqli;
pub mod xss;

use std::fmt;

use super::byteset::ByteSet;

pub use cmdi::{
    is_cmdi, is_cmdi_at_injection_points, CmdiMatch, CmdiPosition, CmdiReason, ShellContext,
};
pub use html_lexer::HtmlContext;
pub use label::Label;
pub use sqli::{is_sqli, SqlContext, SqliMatch, SqliReason};
pub use xss::{is_xss, XssMatch, XssReason};

/// The detectors a rule can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detector {
    Sqli,
    Xss,
    /// Command injection where an injection can start (and tricks
    /// anywhere): [`is_cmdi_at_injection_points`].
    Cmdi,
    /// Command injection also in the strong shapes inside prose (a piped
    /// shell in a forum post's code block): [`is_cmdi`].
    CmdiAnywhere,
}

impl Detector {
    pub const NAMES: &'static [&'static str] = &["sqli", "xss", "cmdi", "cmdi_anywhere"];

    pub fn parse(s: &str) -> Option<Detector> {
        match s {
            "sqli" => Some(Detector::Sqli),
            "xss" => Some(Detector::Xss),
            "cmdi" => Some(Detector::Cmdi),
            "cmdi_anywhere" => Some(Detector::CmdiAnywhere),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Detector::Sqli => "sqli",
            Detector::Xss => "xss",
            Detector::Cmdi => "cmdi",
            Detector::CmdiAnywhere => "cmdi_anywhere",
        }
    }

    /// Bytes every value this detector flags holds one of, if there are
    /// such: XSS needs markup, a quote, an attribute, a scheme or a
    /// character reference; SQL injection can be letters and spaces only
    /// (`1 union select 2`), and so can a command line run as a whole
    /// (`cat /etc/passwd`).
    pub fn required(self) -> Option<ByteSet> {
        match self {
            Detector::Sqli | Detector::Cmdi | Detector::CmdiAnywhere => None,
            Detector::Xss => Some(ByteSet::from_bytes(b"<\"':=&")),
        }
    }

    /// Run this detector on one value.
    pub fn detect(self, input: &[u8]) -> Option<Detection> {
        match self {
            Detector::Sqli => is_sqli(input).map(Detection::Sqli),
            Detector::Xss => is_xss(input).map(Detection::Xss),
            Detector::Cmdi => is_cmdi_at_injection_points(input).map(Detection::Cmdi),
            Detector::CmdiAnywhere => is_cmdi(input).map(Detection::Cmdi),
        }
    }
}

/// What a detector found; its `Display` is a one-line explanation for the
/// log, never for the client.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detection {
    Sqli(SqliMatch),
    Xss(XssMatch),
    Cmdi(CmdiMatch),
}

impl fmt::Display for Detection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Detection::Sqli(m) => m.fmt(f),
            Detection::Xss(m) => m.fmt(f),
            Detection::Cmdi(m) => m.fmt(f),
        }
    }
}

#[cfg(test)]
mod cmdi_tests;
#[cfg(test)]
mod tests;
