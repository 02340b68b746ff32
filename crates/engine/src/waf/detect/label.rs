//! Short inline strings for log-only explanations (a fingerprint, a tag or
//! attribute name), so a match carries its explanation without allocating.

use std::fmt;

const CAP: usize = 24;

/// Up to 24 printable ASCII bytes; what does not fit is dropped and marked
/// with a trailing `~`, anything unprintable is shown as `?`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Label {
    buf: [u8; CAP],
    len: u8,
}

impl Label {
    /// `bytes`, lower-cased.
    pub fn lower(bytes: &[u8]) -> Label {
        let mut label = Label::default();
        for &b in bytes {
            label.push(b.to_ascii_lowercase());
        }
        label
    }

    pub fn push(&mut self, b: u8) {
        let b = if b.is_ascii_graphic() { b } else { b'?' };
        let len = usize::from(self.len);
        if let Some(slot) = self.buf.get_mut(len) {
            *slot = if len == CAP - 1 { b'~' } else { b };
            self.len += 1;
        }
    }

    pub fn last(&self) -> Option<u8> {
        self.buf.get(usize::from(self.len).checked_sub(1)?).copied()
    }

    /// Replace the last byte, if any.
    pub fn set_last(&mut self, b: u8) {
        if let Some(i) = usize::from(self.len).checked_sub(1) {
            if let Some(slot) = self.buf.get_mut(i) {
                *slot = b;
            }
        }
    }

    pub fn as_str(&self) -> &str {
        let bytes = self.buf.get(..usize::from(self.len)).unwrap_or_default();
        // Only printable ASCII is ever stored.
        std::str::from_utf8(bytes).unwrap_or_default()
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_and_unprintable_input_stays_short_and_printable() {
        assert_eq!(Label::lower(b"OnLoad").as_str(), "onload");
        assert_eq!(Label::lower(b"a\nb\xff").as_str(), "a?b?");
        let long = Label::lower(&[b'x'; 100]);
        assert_eq!(long.as_str().len(), CAP);
        assert!(long.as_str().ends_with('~'));
    }
}
