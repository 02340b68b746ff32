//! Tokenizer-grade detectors for SQL injection and cross-site scripting in
//! a single value (a query parameter, a header, a form field), in the
//! manner of libinjection but with rules of our own:
//!
//! - [`is_sqli`] lexes the value as SQL ([`sql_lexer`]) three ways (as-is,
//!   inside `'…'`, inside `"…"`) and walks each with a small grammar
//!   ([`sqli`]) that stops at the first token SQL would reject, flagging
//!   the value only when the part it accepted escapes the value's place
//!   and adds SQL (a `UNION SELECT`, a stacked statement, a condition on
//!   constants, a comment cutting the query short, a delay function, …);
//! - [`is_xss`] tokenizes the value as HTML ([`html_lexer`]) between tags
//!   and inside unquoted, single- and double-quoted attribute values, and
//!   flags tags, attributes and URLs that run script ([`xss`]).
//!
//! Both are total and cheap: they never panic, read each byte a bounded
//! number of times (at most five SQL readings, each cut at
//! [`sql_lexer::MAX_TOKENS`] tokens; at most four HTML readings plus one of
//! attribute values), allocate nothing, and return `None` early for values
//! without the bytes any payload needs. The input may or may not have been
//! transformed (URL-decoded, lower-cased, comments removed) before; both
//! read raw bytes, whatever the case, and treat comments as separators.
//!
//! What is and is not flagged, case by case, is in `tests.rs`: every rule is
//! there with the attacks it is for and the ordinary text it must let
//! through.

pub mod html_lexer;
pub mod label;
pub mod sql_lexer;
pub mod sqli;
pub mod xss;

use std::fmt;

use super::byteset::ByteSet;

pub use html_lexer::HtmlContext;
pub use label::Label;
pub use sqli::{is_sqli, SqlContext, SqliMatch, SqliReason};
pub use xss::{is_xss, XssMatch, XssReason};

/// The detectors a rule can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detector {
    Sqli,
    Xss,
}

impl Detector {
    pub const NAMES: &'static [&'static str] = &["sqli", "xss"];

    pub fn parse(s: &str) -> Option<Detector> {
        match s {
            "sqli" => Some(Detector::Sqli),
            "xss" => Some(Detector::Xss),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Detector::Sqli => "sqli",
            Detector::Xss => "xss",
        }
    }

    /// Bytes every value this detector flags holds one of, if there are
    /// such: XSS needs markup, a quote, an attribute, a scheme or a
    /// character reference; SQL injection can be letters and spaces only
    /// (`1 union select 2`).
    pub fn required(self) -> Option<ByteSet> {
        match self {
            Detector::Sqli => None,
            Detector::Xss => Some(ByteSet::from_bytes(b"<\"':=&")),
        }
    }

    /// Run this detector on one value.
    pub fn detect(self, input: &[u8]) -> Option<Detection> {
        match self {
            Detector::Sqli => is_sqli(input).map(Detection::Sqli),
            Detector::Xss => is_xss(input).map(Detection::Xss),
        }
    }
}

/// What a detector found; its `Display` is a one-line explanation for the
/// log, never for the client.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detection {
    Sqli(SqliMatch),
    Xss(XssMatch),
}

impl fmt::Display for Detection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Detection::Sqli(m) => m.fmt(f),
            Detection::Xss(m) => m.fmt(f),
        }
    }
}

#[cfg(test)]
mod tests;
