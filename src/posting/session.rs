//! One document being edited: the posting as it is now (always equal to a full parse of its
//! text), the fingerprint of the text the file holds, and the one undo history.

use std::time::{Duration, Instant};

use super::Posting;
use super::change::Change;
use super::history::{Edit, EditKind, History, Selection};

/// A 128-bit hash of a text (XXH3): fast enough to run over a 10 MB posting, wide enough
/// that two different texts never meet. A megabyte and more is hashed in 1 MB pieces on
/// every core, then the pieces' hashes.
pub fn content_hash(bytes: &[u8]) -> u128 {
    use rayon::prelude::*;
    const PIECE: usize = 1 << 20;
    if bytes.len() < 2 * PIECE {
        return xxhash_rust::xxh3::xxh3_128(bytes);
    }
    let pieces: Vec<[u8; 16]> = bytes
        .par_chunks(PIECE)
        .map(|p| xxhash_rust::xxh3::xxh3_128(p).to_le_bytes())
        .collect();
    xxhash_rust::xxh3::xxh3_128(pieces.as_flattened())
}

/// Length and [`content_hash`] of a text: what the file holds, without a copy of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fingerprint {
    /// Bytes.
    pub len: usize,
    /// [`content_hash`] of the bytes.
    pub hash: u128,
}

impl Fingerprint {
    /// The fingerprint of a text.
    pub fn of(text: &str) -> Fingerprint {
        Fingerprint {
            len: text.len(),
            hash: content_hash(text.as_bytes()),
        }
    }

    /// Whether `text` is the text fingerprinted (the hash is read only when lengths agree).
    pub fn matches(&self, text: &str) -> bool {
        text.len() == self.len && content_hash(text.as_bytes()) == self.hash
    }
}

/// A posting being edited, with its history.
#[derive(Debug)]
pub struct Session {
    posting: Posting,
    saved: Fingerprint,
    modified: bool,
    history: History,
    generation: u64,
}

impl Session {
    /// A session over a posting as the file holds it; typing steps end after `pause`.
    pub fn new(posting: Posting, pause: Duration) -> Session {
        Session {
            saved: Fingerprint::of(posting.text()),
            posting,
            modified: false,
            history: History::new(pause),
            generation: 0,
        }
    }

    /// The posting as it is now.
    pub fn posting(&self) -> &Posting {
        &self.posting
    }

    /// Its text.
    pub fn text(&self) -> &str {
        self.posting.text()
    }

    /// Bumped on every change of the text.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Whether the text differs from what the file holds.
    pub fn modified(&self) -> bool {
        self.modified
    }

    /// What the file holds (length and hash).
    pub fn saved(&self) -> Fingerprint {
        self.saved
    }

    /// The history (for counts).
    pub fn history(&self) -> &History {
        &self.history
    }

    /// The text as it is now is what the file holds.
    pub fn mark_saved(&mut self) {
        self.saved = Fingerprint::of(self.posting.text());
        self.modified = false;
    }

    /// The file holds `saved` (e.g. the text was recovered: the file still has the old one).
    pub fn set_saved(&mut self, saved: Fingerprint) {
        self.saved = saved;
        self.modified = !saved.matches(self.posting.text());
    }

    /// Ends the typing step: the next edit starts a new one.
    pub fn close_step(&mut self) {
        self.history.close();
    }

    fn set_posting(&mut self, posting: Posting) {
        self.posting = posting;
        self.generation += 1;
        self.modified = !self.saved.matches(self.posting.text());
    }

    /// Takes a posting made from this one by an edit (its parts re-read however the caller
    /// found fastest; it must equal a full parse of its text) and records the difference as
    /// one edit. Returns the posting it replaced (`None`: the text is the same, nothing
    /// changed).
    pub fn replace(
        &mut self,
        new: Posting,
        kind: EditKind,
        before: Selection,
        after: Selection,
        at: Instant,
    ) -> Option<Posting> {
        let change = Change::diff(self.posting.text(), new.text());
        if change.is_empty() {
            return None;
        }
        let inverse = change.invert(self.posting.text());
        self.history.record(Edit {
            change,
            inverse,
            kind,
            before,
            after,
            at,
        });
        let old = std::mem::replace(&mut self.posting, new);
        self.generation += 1;
        self.modified = !self.saved.matches(self.posting.text());
        Some(old)
    }

    /// Applies a change and records it.
    ///
    /// # Panics
    /// When the change does not fit the text ([`Change::fits`]).
    pub fn apply(
        &mut self,
        change: Change,
        kind: EditKind,
        before: Selection,
        after: Selection,
        at: Instant,
    ) {
        if change.is_empty() {
            return;
        }
        let inverse = change.invert(self.posting.text());
        self.apply_unrecorded(&change);
        self.history.record(Edit {
            change,
            inverse,
            kind,
            before,
            after,
            at,
        });
    }

    /// Applies a change to the text and re-reads the posting, without the history.
    fn apply_unrecorded(&mut self, change: &Change) {
        let options = self.posting.options().clone();
        let old = std::mem::replace(&mut self.posting, Posting::parse_with("", options.clone()));
        let mut text = old.into_text();
        change.apply(&mut text);
        self.set_posting(Posting::parse_with(text, options));
    }

    /// Undoes the last step; returns the selection it had before, or `None` when there is
    /// nothing to undo.
    pub fn undo(&mut self) -> Option<Selection> {
        let step = self.history.undo()?;
        let changes: Vec<Change> = step.undo_changes().cloned().collect();
        let before = step.before();
        for c in &changes {
            self.apply_unrecorded(c);
        }
        Some(before)
    }

    /// Redoes the last undone step; returns the selection it left, or `None`.
    pub fn redo(&mut self) -> Option<Selection> {
        let step = self.history.redo()?;
        let changes: Vec<Change> = step.redo_changes().cloned().collect();
        let after = step.after();
        for c in &changes {
            self.apply_unrecorded(c);
        }
        Some(after)
    }

    /// Replaces the whole posting without a step: the file's text read again. The history
    /// goes (its offsets are of a text that is gone) and the text counts as saved.
    pub fn reload(&mut self, posting: Posting) {
        self.history.clear();
        self.set_posting(posting);
        self.mark_saved();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undo_to_the_start_gives_the_file_back() {
        let mut s = Session::new(Posting::parse("# A\n\nx\n"), Duration::from_secs(1));
        let t = Instant::now();
        let at = s.text().len();
        s.apply(
            Change::replace(at..at, "more"),
            EditKind::Insert,
            Selection::cursor(at),
            Selection::cursor(at + 4),
            t,
        );
        assert!(s.modified());
        assert_eq!(s.undo(), Some(Selection::cursor(at)));
        assert_eq!(s.text(), "# A\n\nx\n");
        assert!(!s.modified());
        assert_eq!(s.redo(), Some(Selection::cursor(at + 4)));
        assert_eq!(s.text(), "# A\n\nx\nmore");
    }
}
