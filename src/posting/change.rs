//! An edit as a value: byte-range replacements over one text, sorted and not overlapping
//! (as helix's `ChangeSet`). A change knows nothing of the text it was made for beyond its
//! ranges; [`Change::invert`] reads that text once to make the change that takes it back.

use std::ops::Range;

/// One replacement: the bytes of `range` (in the text before the change) become `insert`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replace {
    /// The bytes replaced, in the text before the change.
    pub range: Range<usize>,
    /// What goes in their place.
    pub insert: String,
}

/// Replacements over one text, sorted by position and not overlapping (two may touch).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Change {
    edits: Vec<Replace>,
}

/// Why a change cannot be made from the pieces given.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChangeError {
    /// Two replacements overlap or are out of order.
    #[error("replacements overlap or are out of order at byte {0}")]
    Overlap(usize),
}

/// Which side of an insertion an offset at the same place stays on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Assoc {
    /// Before the inserted text (a cursor left of a paste).
    Before,
    /// After the inserted text (a cursor that typed it).
    After,
}

impl Change {
    /// A change of one replacement.
    pub fn replace(range: Range<usize>, insert: impl Into<String>) -> Change {
        Change {
            edits: vec![Replace {
                range,
                insert: insert.into(),
            }],
        }
    }

    /// A change from replacements sorted by position that do not overlap.
    pub fn new(edits: Vec<Replace>) -> Result<Change, ChangeError> {
        for pair in edits.windows(2) {
            if pair[1].range.start < pair[0].range.end {
                return Err(ChangeError::Overlap(pair[1].range.start));
            }
        }
        if let Some(e) = edits.iter().find(|e| e.range.end < e.range.start) {
            return Err(ChangeError::Overlap(e.range.start));
        }
        Ok(Change { edits })
    }

    /// The change that turns `old` into `new`: one replacement of what lies between their
    /// common beginning and common end (on character boundaries), or no replacement at all.
    pub fn diff(old: &str, new: &str) -> Change {
        let (a, b) = (old.as_bytes(), new.as_bytes());
        let mut start = same_start(a, b);
        while !old.is_char_boundary(start) || !new.is_char_boundary(start) {
            start -= 1;
        }
        let most = a.len().min(b.len()) - start;
        let mut tail = same_end(&a[a.len() - most..], &b[b.len() - most..]);
        while !old.is_char_boundary(a.len() - tail) || !new.is_char_boundary(b.len() - tail) {
            tail -= 1;
        }
        if start == a.len() && start == b.len() {
            return Change::default();
        }
        Change::replace(start..a.len() - tail, &new[start..b.len() - tail])
    }

    /// The replacements, in order.
    pub fn edits(&self) -> &[Replace] {
        &self.edits
    }

    /// Whether the change leaves every text as it is.
    pub fn is_empty(&self) -> bool {
        self.edits
            .iter()
            .all(|e| e.range.is_empty() && e.insert.is_empty())
    }

    /// Whether the change fits a text of `len` bytes: every range inside it and on
    /// character boundaries of `text`.
    pub fn fits(&self, text: &str) -> bool {
        self.edits.iter().all(|e| {
            e.range.end <= text.len()
                && text.is_char_boundary(e.range.start)
                && text.is_char_boundary(e.range.end)
        })
    }

    /// Applies the change to `text` in place (from the last replacement back, so each
    /// range is still where it was).
    ///
    /// # Panics
    /// When the change does not [fit](Change::fits) the text.
    pub fn apply(&self, text: &mut String) {
        for e in self.edits.iter().rev() {
            text.replace_range(e.range.clone(), &e.insert);
        }
    }

    /// The text after the change.
    pub fn applied(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len() + self.inserted_len());
        let mut at = 0;
        for e in &self.edits {
            out.push_str(&text[at..e.range.start]);
            out.push_str(&e.insert);
            at = e.range.end;
        }
        out.push_str(&text[at..]);
        out
    }

    fn inserted_len(&self) -> usize {
        self.edits.iter().map(|e| e.insert.len()).sum()
    }

    /// The change that undoes this one, given the text this one applies to.
    pub fn invert(&self, original: &str) -> Change {
        let mut shift: isize = 0;
        let edits = self
            .edits
            .iter()
            .map(|e| {
                let start = (e.range.start as isize + shift) as usize;
                shift += e.insert.len() as isize - e.range.len() as isize;
                Replace {
                    range: start..start + e.insert.len(),
                    insert: original[e.range.clone()].to_string(),
                }
            })
            .collect();
        Change { edits }
    }

    /// Where byte `offset` of the text before the change is after it. An offset inside a
    /// replaced range goes to the end of the replacement (`Assoc::After`) or its start.
    pub fn map(&self, offset: usize, assoc: Assoc) -> usize {
        let mut shift: isize = 0;
        for e in &self.edits {
            let new_start = (e.range.start as isize + shift) as usize;
            if e.range.is_empty() {
                if offset < e.range.start || (offset == e.range.start && assoc == Assoc::Before) {
                    break;
                }
            } else if offset <= e.range.start {
                break;
            } else if offset < e.range.end {
                return match assoc {
                    Assoc::Before => new_start,
                    Assoc::After => new_start + e.insert.len(),
                };
            }
            shift += e.insert.len() as isize - e.range.len() as isize;
        }
        (offset as isize + shift) as usize
    }

    /// The bytes the change touches in the text after it, from the first replacement's start
    /// to the last one's end (`None` for no replacement).
    pub fn touched_after(&self) -> Option<Range<usize>> {
        let first = self.edits.first()?;
        let last = self.edits.last()?;
        let shift: isize = self
            .edits
            .iter()
            .map(|e| e.insert.len() as isize - e.range.len() as isize)
            .sum();
        let end = (last.range.end as isize + shift) as usize;
        Some(first.range.start..end)
    }

    /// This change followed by `next` (which applies to the text after this one), as one
    /// change: one replacement from the first byte either touches to the last.
    pub fn compose(&self, next: &Change, original: &str) -> Change {
        if self.edits.is_empty() {
            return next.clone();
        }
        if next.edits.is_empty() {
            return self.clone();
        }
        let middle = self.applied(original);
        let end = next.applied(&middle);
        Change::diff(original, &end)
    }
}

/// How many bytes `a` and `b` start with alike (16 at a time, then one by one: a keystroke
/// diffs the whole posting).
fn same_start(a: &[u8], b: &[u8]) -> usize {
    let n = a.len().min(b.len());
    let (a, b) = (&a[..n], &b[..n]);
    let whole = 16
        * (a.as_chunks::<16>().0.iter())
            .zip(b.as_chunks::<16>().0)
            .take_while(|(x, y)| x == y)
            .count();
    whole
        + a[whole..]
            .iter()
            .zip(&b[whole..])
            .take_while(|(x, y)| x == y)
            .count()
}

/// How many bytes `a` and `b` (as long as each other) end with alike.
fn same_end(a: &[u8], b: &[u8]) -> usize {
    let whole = 16
        * (a.as_rchunks::<16>().1.iter().rev())
            .zip(b.as_rchunks::<16>().1.iter().rev())
            .take_while(|(x, y)| x == y)
            .count();
    let (a, b) = (&a[..a.len() - whole], &b[..b.len() - whole]);
    whole
        + a.iter()
            .rev()
            .zip(b.iter().rev())
            .take_while(|(x, y)| x == y)
            .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn same_start_and_end_count_as_byte_by_byte(
            common in "[a-c]{0,40}",
            x in "[a-c]{0,40}",
            y in "[a-c]{0,40}",
            end in "[a-c]{0,40}",
        ) {
            let (a, b) = (format!("{common}{x}{end}"), format!("{common}{y}{end}"));
            let (a, b) = (a.as_bytes(), b.as_bytes());
            let start = a.iter().zip(b).take_while(|(p, q)| p == q).count();
            prop_assert_eq!(same_start(a, b), start);
            let most = a.len().min(b.len()) - start;
            let (ta, tb) = (&a[a.len() - most..], &b[b.len() - most..]);
            let tail = ta.iter().rev().zip(tb.iter().rev()).take_while(|(p, q)| p == q).count();
            prop_assert_eq!(same_end(ta, tb), tail);
        }
    }

    #[test]
    fn diff_finds_the_one_replacement() {
        let c = Change::diff("hello world", "hello brave world");
        assert_eq!(
            c.edits(),
            &[Replace {
                range: 6..6,
                insert: "brave ".into()
            }]
        );
        assert_eq!(c.applied("hello world"), "hello brave world");
        assert!(Change::diff("same", "same").is_empty());
    }

    #[test]
    fn diff_stays_on_character_boundaries() {
        let (a, b) = ("aé", "aè");
        let c = Change::diff(a, b);
        assert_eq!(c.applied(a), b);
        assert_eq!(c.edits()[0].range, 1..3);
    }

    #[test]
    fn map_moves_offsets_after_an_insert() {
        let c = Change::replace(2..2, "xyz");
        assert_eq!(c.map(1, Assoc::After), 1);
        assert_eq!(c.map(2, Assoc::Before), 2);
        assert_eq!(c.map(2, Assoc::After), 5);
        assert_eq!(c.map(4, Assoc::After), 7);
    }

    #[test]
    fn overlapping_replacements_are_refused() {
        let e = |r: Range<usize>| Replace {
            range: r,
            insert: String::new(),
        };
        assert!(Change::new(vec![e(0..3), e(2..4)]).is_err());
        assert!(Change::new(vec![e(0..2), e(2..4)]).is_ok());
    }
}
