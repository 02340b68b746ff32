//! The trace behind `edgewall explain`: one line per rule looked at.
//!
//! Evaluation always takes a `Trace`; a disabled one never runs the closures
//! that format its lines, so the Worker's hot path pays nothing for it and
//! `explain` cannot disagree with `eval`: both run the same code.

#[derive(Debug, Default)]
pub struct Trace {
    lines: Option<Vec<String>>,
}

impl Trace {
    /// A trace that records nothing.
    pub fn off() -> Self {
        Trace { lines: None }
    }

    /// A trace that records every step.
    pub fn on() -> Self {
        Trace {
            lines: Some(Vec::new()),
        }
    }

    pub fn note(&mut self, line: impl FnOnce() -> String) {
        if let Some(lines) = &mut self.lines {
            lines.push(line());
        }
    }

    pub fn into_lines(self) -> Vec<String> {
        self.lines.unwrap_or_default()
    }
}
