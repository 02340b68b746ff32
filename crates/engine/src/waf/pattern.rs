//! Rule regexes: each pattern is parsed once, into the syntax tree
//! ([`Hir`]) that both the prefilter's required bytes
//! ([`super::prefilter::for_hir`]) and the matcher are built from.
//!
//! The matcher is the engine `regex::bytes::Regex` wraps
//! (`regex_automata::meta`), built from the tree with
//! `Builder::build_from_hir`. (`regex` takes only a pattern string, and
//! parsing it a second time for the prefilter was a quarter of the warm
//! rule load in wasm, a sixth natively.) The settings below are
//! those `regex::bytes::RegexBuilder::new(p).unicode(false)
//! .size_limit(4 << 20).dfa_size_limit(4 << 20)` uses (regex 1.x,
//! `builders.rs`), so what compiles and what matches is unchanged.

use regex_automata::meta::{self, BuildError, Regex};
use regex_automata::MatchKind;
use regex_syntax::hir::Hir;

/// The most heap the compiled NFA of one regex may take
/// (`RegexBuilder::size_limit`).
const SIZE_LIMIT: usize = 4 << 20;
/// The lazy DFA's cache per regex (`RegexBuilder::dfa_size_limit`).
const DFA_SIZE_LIMIT: usize = 4 << 20;

/// Parses a rule's pattern: bytes, Unicode mode off (`(?u:…)` turns it on
/// for a group), every other flag as `regex` leaves it by default. The
/// error is `regex`'s message for it (the pattern, a caret line, the
/// reason on the last line).
pub fn parse(pattern: &str) -> Result<Hir, String> {
    regex_syntax::ParserBuilder::new()
        // `regex::bytes`: a match need not be valid UTF-8.
        .utf8(false)
        // `RegexBuilder::unicode(false)`.
        .unicode(false)
        // `regex_automata::util::syntax::Config`'s defaults, which
        // `regex` does not change unless asked.
        .case_insensitive(false)
        .multi_line(false)
        .dot_matches_new_line(false)
        .crlf(false)
        .line_terminator(b'\n')
        .swap_greed(false)
        .ignore_whitespace(false)
        .nest_limit(250)
        .octal(false)
        .build()
        .parse(pattern)
        .map_err(|e| e.to_string())
}

/// Compiles a parsed pattern into the matcher `regex::bytes::Regex` would
/// have built from it; the error is `regex`'s message for it (a parsed
/// pattern fails to build only on a limit).
pub fn compile(hir: &Hir) -> Result<Regex, String> {
    meta::Builder::new()
        .configure(
            meta::Config::new()
                .match_kind(MatchKind::LeftmostFirst)
                // `regex::bytes`: empty matches may split a UTF-8 sequence.
                .utf8_empty(false)
                .nfa_size_limit(Some(SIZE_LIMIT))
                .hybrid_cache_capacity(DFA_SIZE_LIMIT),
        )
        .build_from_hir(hir)
        .map_err(|e| build_error_message(&e))
}

/// What `regex::Error` says for a build error.
fn build_error_message(e: &BuildError) -> String {
    match e.size_limit() {
        Some(limit) => format!("Compiled regex exceeds size limit of {limit} bytes."),
        None => e.to_string(),
    }
}

#[cfg(test)]
mod tests;
