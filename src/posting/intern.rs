//! Strings that recur from one posting to the next (placeholder names, section titles), kept
//! in a small table per thread: a posting read after another finds them already made, with
//! nothing to allocate, and nothing to free when it is dropped. Bounded: a fixed number of
//! slots, each holding the last short string that hashed to it.

use std::cell::RefCell;
use std::sync::Arc;

/// Slots per table.
const SLOTS: usize = 256;
/// Longer keys are not kept.
const MAX_KEY: usize = 64;

/// A value kept in a [`Table`], found again by its own text.
pub(super) trait Keyed {
    /// The text the value is found by.
    fn key(&self) -> &str;
}

/// A placeholder's text as shown and its name: found by the text.
impl Keyed for (Arc<str>, Arc<str>) {
    fn key(&self) -> &str {
        &self.0
    }
}

impl Keyed for Arc<str> {
    fn key(&self) -> &str {
        self
    }
}

/// Values by key text and a tag byte (a placeholder's kind), one per slot.
pub(super) struct Table<V> {
    slots: Vec<Option<(u8, V)>>,
    /// How many slots the table takes on first use (a power of two).
    size: usize,
}

impl<V: Keyed + Clone> Table<V> {
    const fn with_slots(size: usize) -> Self {
        Table {
            slots: Vec::new(),
            size,
        }
    }

    /// The value kept for `key` and `tag`, else `make()` (kept when its key is `key`).
    pub(super) fn get_or(&mut self, key: &str, tag: u8, make: impl FnOnce() -> V) -> V {
        if key.len() > MAX_KEY {
            return make();
        }
        if self.slots.is_empty() {
            self.slots.resize_with(self.size, || None);
        }
        let i = (hash(key.as_bytes(), tag) as usize) & (self.slots.len() - 1);
        if let Some((t, v)) = &self.slots[i]
            && *t == tag
            && v.key() == key
        {
            return v.clone();
        }
        let v = make();
        // Found again by its key: a value under another text would never be.
        if v.key() == key {
            self.slots[i] = Some((tag, v.clone()));
        }
        v
    }
}

/// A hash of a short key from its length, tag and first, middle and last 8 bytes (a key that
/// shares them with another only shares its slot).
fn hash(bytes: &[u8], tag: u8) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let n = bytes.len();
    let word = |at: usize| {
        bytes
            .get(at..at + 8)
            .and_then(|w| w.try_into().ok())
            .map_or(0, u64::from_le_bytes)
    };
    let (a, b, c) = if n >= 8 {
        (word(0), word(n / 2 - 4), word(n - 8))
    } else {
        (bytes.iter().fold(0, |x, &c| x << 8 | u64::from(c)), 0, 0)
    };
    let h = (a ^ (n as u64) << 8 ^ u64::from(tag)).wrapping_mul(K) ^ b.rotate_left(21);
    let h = (h.wrapping_mul(K) ^ c.rotate_left(43)).wrapping_mul(K);
    // The high bits depend on every bit of the words.
    h >> 32
}

thread_local! {
    static NAMES: RefCell<Table<(Arc<str>, Arc<str>)>> =
        const { RefCell::new(Table::with_slots(SLOTS)) };
    static TITLES: RefCell<Table<Arc<str>>> = const { RefCell::new(Table::with_slots(SLOTS)) };
}

/// A placeholder's (text shown, name) for its text as written and its kind, made by `make`
/// unless this thread has made it before.
pub(super) fn names(
    raw: &str,
    kind: u8,
    make: impl FnOnce() -> (Arc<str>, Arc<str>),
) -> (Arc<str>, Arc<str>) {
    NAMES.with(|t| t.borrow_mut().get_or(raw, kind, make))
}

/// A section title, shared with the same title read before on this thread.
pub(super) fn title(title: &str) -> Arc<str> {
    TITLES.with(|t| t.borrow_mut().get_or(title, 0, || Arc::from(title)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Whatever the collisions (four slots), a value asked for is the one made fresh.
        #[test]
        fn a_kept_value_is_the_one_made_fresh(
            asks in proptest::collection::vec(("(a|b|ab|ba|\\[x\\]|\r|é|[a-z]{60,70})", 0u8..3), 0..60),
        ) {
            let mut table: Table<(Arc<str>, Arc<str>)> = Table::with_slots(4);
            let fresh = |k: &str, tag: u8| -> (Arc<str>, Arc<str>) {
                // Shown without CRs (keyed by another text then), named by tag.
                (Arc::from(k.replace('\r', "")), Arc::from(format!("{tag}:{k}")))
            };
            for (k, tag) in &asks {
                let got = table.get_or(k, *tag, || fresh(k, *tag));
                prop_assert_eq!(got, fresh(k, *tag));
            }
        }
    }

    #[test]
    fn a_title_is_shared_with_the_last_one_read() {
        let a = title("About Us");
        let b = title("About Us");
        assert!(Arc::ptr_eq(&a, &b));
        assert_eq!(&*title("Benefits"), "Benefits");
        let long = "x".repeat(MAX_KEY + 1);
        assert!(!Arc::ptr_eq(&title(&long), &title(&long)));
    }
}
