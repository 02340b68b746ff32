//! Tokenizer-grade detectors for injection attacks in a single value (a
//! query parameter, a header, a form field), in the manner of libinjection
//! but with rules of our own. This far: the SQL lexer ([`sql_lexer`]) the
//! SQL injection detector will walk.

pub mod label;
pub mod sql_lexer;

pub use label::Label;
