//! Values known to pass: a bounded cache, kept for the life of the loaded
//! rules (one Worker isolate), of field values that went past every rule
//! that selects them by class (every field of their part, or every header
//! a client writes freely) and matched none.
//!
//! Rules are pure functions of a value, so such a value, seen again in
//! the same class, can only pass them again: the WAF skips them for it,
//! and runs only the rules that look at field names or have field
//! exclusions.
//! This is what makes repeat traffic cheap: a browser sends the same
//! `User-Agent`, `Accept-*`, `Referer` prefixes and cookies on every
//! request, and they are most of a GET's fields.
//!
//! A value is only remembered when it was checked against *every* such
//! rule at the configured paranoia level (none already matched earlier in
//! the request, none excluded on this path), so what the cache says never
//! depends on the request that filled it.
//!
//! The table is set-associative (256 sets of 4) with a "used again" bit
//! per entry: a new value replaces the oldest entry that was never used
//! again, before any that was, so a stream of one-off values (search
//! terms, ids) cannot push out the values every request repeats, and a new
//! value has the time of a few more inserts into its set to be seen again.
//! Values longer than [`MAX_LEN`] are not kept. The table takes
//! `SETS × WAYS × MAX_LEN` bytes (256 KiB) for values, allocated at the
//! first insert, and one 64-byte line per set for their hashes, so that
//! telling a value is not there reads one line.

use std::fmt;
use std::sync::Mutex;

use super::fields::Part;

/// The longest value kept, in bytes.
pub const MAX_LEN: usize = 256;
/// A power of two.
const SETS: usize = 256;
const WAYS: usize = 4;

/// One way of a set: what identifies its value, which sits in
/// [`Table::bytes`].
#[derive(Clone, Copy, Default)]
struct Way {
    /// The value's [`ValueKey`] hash, compared before any byte.
    hash: u64,
    /// When it was put in: [`Table::clock`] then (wrapping).
    since: u32,
    /// The value's length (at most [`MAX_LEN`]).
    len: u16,
    /// 0: empty; else [`class_code`] of the value's class.
    class: u8,
    used_again: bool,
}

/// The ways of one set, on one cache line: a value that is not in the
/// cache (most first-seen values) costs one line read; a hit, the
/// value's own bytes besides.
#[derive(Clone, Copy, Default)]
#[repr(align(64))]
struct Set {
    ways: [Way; WAYS],
}

#[derive(Default)]
struct Table {
    /// `SETS` sets; empty until first used.
    sets: Vec<Set>,
    /// The values, [`MAX_LEN`] bytes per way ([`value_at`]).
    bytes: Vec<u8>,
    /// The paranoia level the values passed at; another level empties the
    /// table.
    paranoia: u8,
    /// Counts inserts.
    clock: u32,
}

/// Where way `w` of set `set` keeps its value in [`Table::bytes`].
fn value_at(set: usize, w: usize) -> usize {
    (set * WAYS + w) * MAX_LEN
}

impl Table {
    /// The way of set `set` that holds `key`'s value in its class: hash,
    /// class and length are compared first, the bytes only when all agree.
    fn find(&self, set: usize, key: &ValueKey<'_>) -> Option<usize> {
        let code = class_code(key.part, key.client);
        let ways = &self.sets.get(set)?.ways;
        (0..WAYS).find(|&w| {
            let at = value_at(set, w);
            ways.get(w).is_some_and(|way| {
                way.hash == key.hash
                    && way.class == code
                    && usize::from(way.len) == key.value.len()
                    && self.bytes.get(at..at + key.value.len()) == Some(key.value)
            })
        })
    }
}

/// A value's class (its part, and for headers whether a client writes it
/// freely) as a [`Way::class`]: never 0.
fn class_code(part: Part, client: bool) -> u8 {
    1 + (part as u8) * 2 + u8::from(client)
}

/// The cache; see the module documentation.
pub struct CleanValues {
    table: Option<Mutex<Table>>,
}

impl Default for CleanValues {
    fn default() -> Self {
        CleanValues {
            table: Some(Mutex::new(Table::default())),
        }
    }
}

impl CleanValues {
    /// A cache that remembers nothing: every value is evaluated in full
    /// (benchmarks of first-seen traffic).
    pub fn disabled() -> Self {
        CleanValues { table: None }
    }

    /// Did this value, in its class, pass before at this paranoia level?
    pub fn contains(&self, key: ValueKey<'_>, paranoia: u8) -> bool {
        if key.value.len() > MAX_LEN {
            return false;
        }
        let Some(mut table) = self.table.as_ref().and_then(|t| t.lock().ok()) else {
            return false;
        };
        if table.paranoia != paranoia {
            return false;
        }
        let set = key.set();
        let Some(w) = table.find(set, &key) else {
            return false;
        };
        if let Some(way) = table.sets.get_mut(set).and_then(|s| s.ways.get_mut(w)) {
            way.used_again = true;
        }
        true
    }

    /// Remember that this value, in its class, passed every rule that
    /// selects such fields by class at this paranoia level.
    pub fn insert(&self, key: ValueKey<'_>, paranoia: u8) {
        if key.value.len() > MAX_LEN {
            return;
        }
        let Ok(len) = u16::try_from(key.value.len()) else {
            return;
        };
        let Some(mut table) = self.table.as_ref().and_then(|t| t.lock().ok()) else {
            return;
        };
        if table.paranoia != paranoia || table.sets.is_empty() {
            table.sets = vec![Set::default(); SETS];
            table.bytes = vec![0; SETS * WAYS * MAX_LEN];
            table.paranoia = paranoia;
        }
        let set = key.set();
        if table.find(set, &key).is_some() {
            return;
        }
        let code = class_code(key.part, key.client);
        table.clock = table.clock.wrapping_add(1);
        let now = table.clock;
        let Table { sets, bytes, .. } = &mut *table;
        let Some(Set { ways }) = sets.get_mut(set) else {
            return;
        };
        if ways.iter().all(|w| w.class != 0 && w.used_again) {
            // Every entry was used again: give them all a new chance to
            // show it.
            for w in ways.iter_mut() {
                w.used_again = false;
            }
        }
        // An empty way, else the oldest never used again.
        let victim = ways
            .iter_mut()
            .enumerate()
            .filter(|(_, w)| !w.used_again)
            .min_by_key(|(_, w)| (w.class != 0, std::cmp::Reverse(now.wrapping_sub(w.since))));
        if let Some((w, way)) = victim {
            let at = value_at(set, w);
            if let Some(dst) = bytes.get_mut(at..at + key.value.len()) {
                dst.copy_from_slice(key.value);
                *way = Way {
                    hash: key.hash,
                    since: now,
                    len,
                    class: code,
                    used_again: false,
                };
            }
        }
    }
}

/// A field value with its class (its part, and for headers whether a
/// client writes it freely), hashed once for both the request's repeat
/// table ([`super::plan::Seen`]) and this cache.
#[derive(Debug, Clone, Copy)]
pub struct ValueKey<'a> {
    pub part: Part,
    pub client: bool,
    pub value: &'a [u8],
    hash: u64,
}

impl<'a> ValueKey<'a> {
    /// The hash reads a value of at most [`MAX_LEN`] bytes whole, in
    /// 8-byte words mixed as rustc's FxHasher does; of a longer one (which
    /// this cache never keeps) only the length, the first 32 bytes and the
    /// last 8, so that hashing costs little however long the value.
    pub fn new(part: Part, client: bool, value: &'a [u8]) -> ValueKey<'a> {
        let seed = (part as u64) << 56 ^ u64::from(client) << 48 ^ value.len() as u64;
        let mix = |h: u64, chunk: &[u8]| {
            let mut word = [0u8; 8];
            if let Some(w) = word.get_mut(..chunk.len()) {
                w.copy_from_slice(chunk);
            }
            (h.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95)
        };
        let hash = if value.len() <= MAX_LEN {
            value.chunks(8).fold(seed, mix)
        } else {
            let head = value.get(..32).unwrap_or(value);
            let tail = value.get(value.len() - 8..).unwrap_or(value);
            head.chunks(8).chain(std::iter::once(tail)).fold(seed, mix)
        };
        ValueKey {
            part,
            client,
            value,
            hash,
        }
    }

    /// One of `2^bits` slots, from the hash's top bits (the well-mixed
    /// ones).
    pub fn slot(&self, bits: u32) -> usize {
        (self.hash >> (64 - bits)) as usize
    }

    /// The same value in the same class?
    pub fn same(&self, other: &ValueKey<'_>) -> bool {
        self.hash == other.hash
            && self.part == other.part
            && self.client == other.client
            && self.value == other.value
    }

    /// The set this value goes in.
    fn set(&self) -> usize {
        self.slot(SETS.trailing_zeros())
    }
}

/// A copy of a WAF starts with an empty cache.
impl Clone for CleanValues {
    fn clone(&self) -> Self {
        if self.table.is_some() {
            CleanValues::default()
        } else {
            CleanValues::disabled()
        }
    }
}

impl fmt::Debug for CleanValues {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let held = self.table.as_ref().and_then(|t| t.lock().ok()).map(|t| {
            t.sets
                .iter()
                .flat_map(|s| s.ways.iter())
                .filter(|w| w.class != 0)
                .count()
        });
        match held {
            Some(n) => write!(f, "CleanValues({n} of {} held)", SETS * WAYS),
            None => f.write_str("CleanValues(off)"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_is_known_only_in_its_part_at_its_paranoia_level() {
        let c = CleanValues::default();
        assert!(!c.contains(ValueKey::new(Part::HeaderValue, false, b"Mozilla/5.0"), 1));
        c.insert(ValueKey::new(Part::HeaderValue, false, b"Mozilla/5.0"), 1);
        assert!(c.contains(ValueKey::new(Part::HeaderValue, false, b"Mozilla/5.0"), 1));
        assert!(!c.contains(ValueKey::new(Part::CookieValue, false, b"Mozilla/5.0"), 1));
        assert!(!c.contains(ValueKey::new(Part::HeaderValue, true, b"Mozilla/5.0"), 1));
        assert!(!c.contains(ValueKey::new(Part::HeaderValue, false, b"Mozilla/5.1"), 1));
        assert!(!c.contains(ValueKey::new(Part::HeaderValue, false, b"Mozilla/5.0"), 2));
        // Another level starts over.
        c.insert(ValueKey::new(Part::HeaderValue, false, b"x"), 2);
        assert!(!c.contains(ValueKey::new(Part::HeaderValue, false, b"Mozilla/5.0"), 1));
        assert!(!c.contains(ValueKey::new(Part::HeaderValue, false, b"Mozilla/5.0"), 2));
    }

    #[test]
    fn long_values_and_a_disabled_cache_are_never_known() {
        let c = CleanValues::default();
        let long = vec![b'a'; MAX_LEN + 1];
        c.insert(ValueKey::new(Part::BodyArgValue, false, &long), 1);
        assert!(!c.contains(ValueKey::new(Part::BodyArgValue, false, &long), 1));
        let off = CleanValues::disabled();
        off.insert(ValueKey::new(Part::BodyArgValue, false, b"v"), 1);
        assert!(!off.contains(ValueKey::new(Part::BodyArgValue, false, b"v"), 1));
    }

    #[test]
    fn values_used_again_survive_a_flood_of_one_off_values() {
        let c = CleanValues::default();
        let regulars: Vec<Vec<u8>> = (0..64)
            .map(|i| format!("header value {i}").into_bytes())
            .collect();
        for round in 0..50 {
            for r in &regulars {
                if !c.contains(ValueKey::new(Part::HeaderValue, false, r), 1) {
                    c.insert(ValueKey::new(Part::HeaderValue, false, r), 1);
                }
            }
            for k in 0..300 {
                let once = format!("search term {round} {k}").into_bytes();
                c.insert(ValueKey::new(Part::QueryArgValue, false, &once), 1);
            }
        }
        let kept = regulars
            .iter()
            .filter(|r| c.contains(ValueKey::new(Part::HeaderValue, false, r), 1))
            .count();
        assert_eq!(kept, regulars.len());
        assert!(format!("{c:?}").contains("1024 of 1024"));
    }
}
