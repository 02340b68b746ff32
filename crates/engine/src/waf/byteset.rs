//! Sets of byte values: which bytes a value holds, which bytes a
//! transformation acts on, and which bytes any match of a rule must
//! contain. Comparing two of them costs four `and`s, which is how the WAF
//! skips work that cannot change or match a value without reading it.

use std::fmt;

/// A set of byte values.
#[derive(Clone, Copy, PartialEq, Eq, Default)]
pub struct ByteSet([u64; 4]);

impl ByteSet {
    pub const EMPTY: ByteSet = ByteSet([0; 4]);
    pub const ALL: ByteSet = ByteSet([u64::MAX; 4]);

    /// The bytes `value` holds.
    pub fn of(value: &[u8]) -> ByteSet {
        // Four accumulators in registers, each byte's bit masked into the
        // one its word is: no stores to memory in the loop.
        let (mut w0, mut w1, mut w2, mut w3) = (0u64, 0u64, 0u64, 0u64);
        for &b in value {
            let bit = 1u64 << (b & 63);
            let word = b >> 6;
            w0 |= bit & 0u64.wrapping_sub(u64::from(word == 0));
            w1 |= bit & 0u64.wrapping_sub(u64::from(word == 1));
            w2 |= bit & 0u64.wrapping_sub(u64::from(word == 2));
            w3 |= bit & 0u64.wrapping_sub(u64::from(word == 3));
        }
        ByteSet([w0, w1, w2, w3])
    }

    /// The set of the bytes in `bytes`.
    pub const fn from_bytes(bytes: &[u8]) -> ByteSet {
        let mut set = ByteSet::EMPTY;
        let mut i = 0;
        while i < bytes.len() {
            set = set.with(bytes[i]);
            i += 1;
        }
        set
    }

    /// The bytes `lo..=hi`.
    pub const fn range(lo: u8, hi: u8) -> ByteSet {
        let mut set = ByteSet::EMPTY;
        let mut b = lo as u16;
        while b <= hi as u16 {
            set = set.with(b as u8);
            b += 1;
        }
        set
    }

    pub const fn with(self, b: u8) -> ByteSet {
        let mut words = self.0;
        words[(b >> 6) as usize] |= 1 << (b & 63);
        ByteSet(words)
    }

    pub const fn union(self, other: ByteSet) -> ByteSet {
        let (a, b) = (self.0, other.0);
        ByteSet([a[0] | b[0], a[1] | b[1], a[2] | b[2], a[3] | b[3]])
    }

    pub const fn intersection(self, other: ByteSet) -> ByteSet {
        let (a, b) = (self.0, other.0);
        ByteSet([a[0] & b[0], a[1] & b[1], a[2] & b[2], a[3] & b[3]])
    }

    pub const fn minus(self, other: ByteSet) -> ByteSet {
        let (a, b) = (self.0, other.0);
        ByteSet([a[0] & !b[0], a[1] & !b[1], a[2] & !b[2], a[3] & !b[3]])
    }

    pub fn intersects(self, other: ByteSet) -> bool {
        let (a, b) = (self.0, other.0);
        (a[0] & b[0]) | (a[1] & b[1]) | (a[2] & b[2]) | (a[3] & b[3]) != 0
    }

    pub fn contains(self, b: u8) -> bool {
        self.0
            .get(usize::from(b >> 6))
            .is_some_and(|w| w & (1 << (b & 63)) != 0)
    }

    pub fn is_empty(self) -> bool {
        self.0 == [0; 4]
    }

    pub fn len(self) -> u32 {
        self.0.iter().map(|w| w.count_ones()).sum()
    }

    /// The bytes in the set, ascending.
    pub fn iter(self) -> impl Iterator<Item = u8> {
        (0..=255u8).filter(move |&b| self.contains(b))
    }

    /// The set with ASCII upper-case letters made lower-case.
    pub fn to_ascii_lowercase(self) -> ByteSet {
        // `A`–`Z` are bits 1–26 of the second word, `a`–`z` bits 33–58.
        const UPPER: u64 = ((1 << 26) - 1) << 1;
        let [w0, w1, w2, w3] = self.0;
        ByteSet([w0, (w1 & !UPPER) | ((w1 & UPPER) << 32), w2, w3])
    }
}

impl fmt::Debug for ByteSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown: String = self
            .iter()
            .flat_map(|b| std::ascii::escape_default(b).map(char::from))
            .collect();
        write!(f, "ByteSet({shown:?})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_hold_what_they_are_given() {
        let s = ByteSet::of(b"Ab\x00\xff");
        for b in [b'A', b'b', 0, 0xff] {
            assert!(s.contains(b));
        }
        assert_eq!(s.len(), 4);
        assert!(!s.contains(b'a'));
        assert_eq!(ByteSet::from_bytes(b"Ab\x00\xff"), s);
        assert_eq!(ByteSet::range(0, 255), ByteSet::ALL);
        assert!(ByteSet::of(b"").is_empty());
        assert!(s.intersects(ByteSet::from_bytes(b"b")));
        assert!(!s.intersects(ByteSet::from_bytes(b"B")));
        assert_eq!(s.minus(ByteSet::from_bytes(b"A")).len(), 3);
        assert_eq!(
            ByteSet::of(b"AbZ!").to_ascii_lowercase(),
            ByteSet::of(b"abz!")
        );
    }
}
