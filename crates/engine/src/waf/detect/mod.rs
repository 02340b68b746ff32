//! Tokenizer-grade detectors for injection attacks in a single value (a
//! query parameter, a header, a form field), in the manner of libinjection
//! but with rules of our own. [`is_sqli`] lexes the value as SQL
//! ([`sql_lexer`]) three ways (as-is, inside `'…'`, inside `"…"`) and walks
//! each with a small grammar ([`sqli`]) that stops at the first token SQL
//! would reject, flagging the value only when the part it accepted escapes
//! the value's place and adds SQL (a `UNION SELECT`, a stacked statement,
//! a condition on constants, a comment cutting the query short, a delay
//! function, …). [`html_lexer`] is the HTML tokenizer the XSS detector
//! will read values with.
//!
//! It is total and cheap: it never panics, reads each byte a bounded number
//! of times (at most five readings, each cut at [`sql_lexer::MAX_TOKENS`]
//! tokens) and allocates nothing. The input may or may not have been
//! transformed (URL-decoded, lower-cased, comments removed) before; it
//! reads raw bytes, whatever the case, and treats comments as separators.
//!
//! What is and is not flagged, case by case, is in `tests.rs`: every rule is
//! there with the attacks it is for and the ordinary text it must let
//! through.

pub mod html_lexer;
pub mod label;
pub mod sql_lexer;
pub mod sqli;

pub use html_lexer::HtmlContext;
pub use label::Label;
pub use sqli::{is_sqli, SqlContext, SqliMatch, SqliReason};

#[cfg(test)]
mod tests;
