//! Diagnostics for rule files: what went wrong, where (file, line, column),
//! and how to fix it.
//!
//! Loading collects every diagnostic it can instead of stopping at the first,
//! so one `edgewall check` run shows the whole list. Rendering follows the
//! shape rustc users know: a headline, a `-->` location, the offending line
//! with a caret under the span, and a `help:` line.

use std::fmt;
use std::ops::Range;

/// How bad a diagnostic is. Errors stop the rules from loading; warnings are
/// printed but do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// One finding about one place in one rule file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path of the file, as given to the loader (relative to the rules dir's parent).
    pub file: String,
    /// 1-based line; 0 when the finding is about the file as a whole.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    /// Byte span in the file; empty when the finding is about the file as a whole.
    pub span: Range<usize>,
    /// Lower-case, no trailing period.
    pub message: String,
    /// How to fix it, when there is something useful to say.
    pub help: Option<String>,
    /// The source line the span starts on, for rendering.
    pub source_line: Option<String>,
}

impl Diagnostic {
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        writeln!(f, "{label}: {}", self.message)?;
        if self.line == 0 {
            writeln!(f, "  --> {}", self.file)?;
        } else {
            writeln!(f, "  --> {}:{}:{}", self.file, self.line, self.column)?;
        }
        if let Some(text) = &self.source_line {
            let gutter = self.line.to_string();
            let pad = " ".repeat(gutter.len());
            let shown: String = text.chars().take(200).collect();
            writeln!(f, "{pad} |")?;
            writeln!(f, "{gutter} | {shown}")?;
            let before = self.column.saturating_sub(1);
            let span_chars = text
                .chars()
                .skip(before)
                .take(span_len_chars(text, before, self.span.len()))
                .count()
                .max(1);
            let carets = "^".repeat(span_chars.min(200usize.saturating_sub(before)).max(1));
            writeln!(f, "{pad} | {}{carets}", " ".repeat(before.min(200)))?;
        }
        if let Some(help) = &self.help {
            writeln!(f, "  = help: {help}")?;
        }
        Ok(())
    }
}

/// Number of characters covered by `byte_len` bytes starting at character
/// `start_char` of `line`, clipped to the end of the line.
fn span_len_chars(line: &str, start_char: usize, byte_len: usize) -> usize {
    let mut bytes = 0;
    let mut chars = 0;
    for c in line.chars().skip(start_char) {
        if bytes >= byte_len {
            break;
        }
        bytes += c.len_utf8();
        chars += 1;
    }
    chars
}

/// A source file being loaded: its name, its text, and where its lines start.
#[derive(Debug)]
pub struct SourceFile<'a> {
    pub name: &'a str,
    pub text: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> SourceFile<'a> {
    pub fn new(name: &'a str, text: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        SourceFile {
            name,
            text,
            line_starts,
        }
    }

    /// 1-based (line, column) of a byte offset; the column counts characters.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line_idx = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line_idx];
        let column = self
            .text
            .get(start..offset)
            .map(|s| s.chars().count())
            .unwrap_or(0)
            + 1;
        (line_idx + 1, column)
    }

    fn line_text(&self, line: usize) -> Option<String> {
        let start = *self.line_starts.get(line.checked_sub(1)?)?;
        let end = self
            .line_starts
            .get(line)
            .copied()
            .unwrap_or(self.text.len());
        let raw = self.text.get(start..end)?;
        Some(raw.trim_end_matches(['\n', '\r']).to_string())
    }

    /// A diagnostic at a byte span of this file.
    pub fn diag(
        &self,
        severity: Severity,
        span: Range<usize>,
        message: impl Into<String>,
        help: Option<String>,
    ) -> Diagnostic {
        let (line, column) = self.position(span.start);
        Diagnostic {
            severity,
            file: self.name.to_string(),
            line,
            column,
            span,
            message: message.into(),
            help,
            source_line: self.line_text(line),
        }
    }

    pub fn error(
        &self,
        span: Range<usize>,
        message: impl Into<String>,
        help: Option<String>,
    ) -> Diagnostic {
        self.diag(Severity::Error, span, message, help)
    }
}

/// A diagnostic about a file as a whole (missing, unreadable, not referenced).
pub fn file_diag(
    severity: Severity,
    file: &str,
    message: impl Into<String>,
    help: Option<String>,
) -> Diagnostic {
    Diagnostic {
        severity,
        file: file.to_string(),
        line: 0,
        column: 0,
        span: 0..0,
        message: message.into(),
        help,
        source_line: None,
    }
}

/// The rule set did not load. Holds every diagnostic found, errors and
/// warnings, in file order.
#[derive(Debug, Clone)]
pub struct LoadError {
    pub diagnostics: Vec<Diagnostic>,
}

impl LoadError {
    pub fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.diagnostics {
            writeln!(f, "{d}")?;
        }
        let n = self.error_count();
        write!(
            f,
            "error: rules did not load: {n} error{}",
            if n == 1 { "" } else { "s" }
        )
    }
}

impl std::error::Error for LoadError {}

/// The closest candidate to `word`, for "did you mean" hints.
pub fn closest<'c>(word: &str, candidates: &[&'c str]) -> Option<&'c str> {
    candidates
        .iter()
        .map(|c| (edit_distance(word, c), *c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// "expected one of: a, b, c" with a "did you mean" in front when one is close.
pub fn one_of_hint(found: &str, expected: &[&str]) -> String {
    let list = expected
        .iter()
        .map(|e| format!("`{e}`"))
        .collect::<Vec<_>>()
        .join(", ");
    match closest(found, expected) {
        Some(c) => format!("did you mean `{c}`? expected one of: {list}"),
        None => format!("expected one of: {list}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn position_counts_lines_and_characters_from_one() {
        let f = SourceFile::new("r.toml", "a = 1\nbé = \"x\"\n");
        assert_eq!(f.position(0), (1, 1));
        assert_eq!(f.position(6), (2, 1));
        // 'é' is two bytes but one column.
        assert_eq!(f.position(9), (2, 3));
    }

    #[test]
    fn rendering_shows_location_line_caret_and_help() {
        let f = SourceFile::new("rules/a.toml", "x = 1\ncidrs = [\"10.0.0.1/8\"]\n");
        let d = f.error(
            16..28,
            "host bits set",
            Some("use `10.0.0.0/8`".to_string()),
        );
        let text = d.to_string();
        assert!(text.contains("error: host bits set"), "{text}");
        assert!(text.contains("--> rules/a.toml:2:11"), "{text}");
        assert!(text.contains("2 | cidrs = [\"10.0.0.1/8\"]"), "{text}");
        assert!(text.contains("  |           ^^^^^^^^^^^^"), "{text}");
        assert!(text.contains("= help: use `10.0.0.0/8`"), "{text}");
    }

    #[test]
    fn closest_suggests_near_misses_only() {
        assert_eq!(closest("alow", &["allow", "deny"]), Some("allow"));
        assert_eq!(closest("permit", &["allow", "deny"]), None);
    }
}
