//! One undo history for a whole posting: a list of steps, each one or more changes with the
//! selection before and after. Typing groups into one step (as VS Code does) until a word
//! ends, the cursor jumps, the user pauses, or a different kind of edit comes; a paste, a
//! fill or a section command is a step of its own. Time is passed in, never read here.

use std::time::{Duration, Instant};

use super::change::Change;

/// A selection in byte offsets of the text: `anchor` stays, `head` is the cursor. Equal
/// offsets are a plain cursor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Selection {
    /// Where the selection started.
    pub anchor: usize,
    /// Where the cursor is.
    pub head: usize,
}

impl Selection {
    /// A cursor with nothing selected.
    pub fn cursor(at: usize) -> Selection {
        Selection {
            anchor: at,
            head: at,
        }
    }

    /// The selected bytes, in order.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.anchor.min(self.head)..self.anchor.max(self.head)
    }
}

/// What kind of edit a change is, for grouping.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditKind {
    /// Typed text (characters, Enter).
    Insert,
    /// Backspace, Delete, a word deleted.
    Delete,
    /// An edit that is always a step of its own: a paste, a fill, a section command,
    /// recovered text.
    Whole,
}

/// One edit as the history is told of it.
#[derive(Debug, Clone)]
pub struct Edit {
    /// The change.
    pub change: Change,
    /// The change that takes it back (from [`Change::invert`]).
    pub inverse: Change,
    /// What kind of edit it is.
    pub kind: EditKind,
    /// The selection before it.
    pub before: Selection,
    /// The selection after it.
    pub after: Selection,
    /// When it was made.
    pub at: Instant,
}

/// One undo step.
#[derive(Debug, Clone)]
pub struct Step {
    /// The changes in the order they were made.
    changes: Vec<Change>,
    /// Their inverses, in the same order (undo applies them last first).
    inverses: Vec<Change>,
    kind: EditKind,
    before: Selection,
    after: Selection,
    last: Instant,
    /// No more edits join this step.
    closed: bool,
}

impl Step {
    /// The changes that undo the step, in the order to apply them.
    pub fn undo_changes(&self) -> impl Iterator<Item = &Change> {
        self.inverses.iter().rev()
    }

    /// The changes that redo the step, in the order to apply them.
    pub fn redo_changes(&self) -> impl Iterator<Item = &Change> {
        self.changes.iter()
    }

    /// The selection before the step (where undo puts it).
    pub fn before(&self) -> Selection {
        self.before
    }

    /// The selection after the step (where redo puts it).
    pub fn after(&self) -> Selection {
        self.after
    }

    /// What kind of edit the step is.
    pub fn kind(&self) -> EditKind {
        self.kind
    }
}

/// The undo and redo steps.
#[derive(Debug, Clone)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
    /// A pause longer than this ends a typing step.
    pause: Duration,
}

impl History {
    /// An empty history whose typing steps end after a pause of `pause`.
    pub fn new(pause: Duration) -> History {
        History {
            undo: Vec::new(),
            redo: Vec::new(),
            pause,
        }
    }

    /// Records an edit: it joins the last step when that is typing of the same kind, the
    /// cursor did not move in between, no pause came and no word ended; else it starts a
    /// step. Anything undone can no longer be redone.
    pub fn record(&mut self, edit: Edit) {
        if edit.change.is_empty() {
            return;
        }
        self.redo.clear();
        if let Some(last) = self.undo.last_mut()
            && joins(last, &edit, self.pause)
        {
            last.changes.push(edit.change);
            last.inverses.push(edit.inverse);
            last.after = edit.after;
            last.last = edit.at;
            return;
        }
        self.undo.push(Step {
            changes: vec![edit.change],
            inverses: vec![edit.inverse],
            kind: edit.kind,
            before: edit.before,
            after: edit.after,
            last: edit.at,
            closed: edit.kind == EditKind::Whole,
        });
    }

    /// Ends the step being typed: the next edit starts a new one (e.g. focus moved).
    pub fn close(&mut self) {
        if let Some(last) = self.undo.last_mut() {
            last.closed = true;
        }
    }

    /// Takes the last step for undoing (it moves to the redo list).
    pub fn undo(&mut self) -> Option<&Step> {
        let mut step = self.undo.pop()?;
        step.closed = true;
        self.redo.push(step);
        self.redo.last()
    }

    /// Takes the last undone step for redoing (it moves back to the undo list).
    pub fn redo(&mut self) -> Option<&Step> {
        let step = self.redo.pop()?;
        self.undo.push(step);
        self.undo.last()
    }

    /// Steps that can be undone.
    pub fn undo_len(&self) -> usize {
        self.undo.len()
    }

    /// Steps that can be redone.
    pub fn redo_len(&self) -> usize {
        self.redo.len()
    }

    /// Forgets every step (a reload from disk).
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }
}

/// Whether `edit` continues `last` (see [`History::record`]).
fn joins(last: &Step, edit: &Edit, pause: Duration) -> bool {
    if last.closed
        || edit.kind == EditKind::Whole
        || edit.kind != last.kind
        || edit.before != last.after
        || edit.at.saturating_duration_since(last.last) > pause
    {
        return false;
    }
    // A word ends where typing goes from white space back to other characters: `hello `
    // is one step and `world` the next.
    if edit.kind == EditKind::Insert {
        let typed_space = last
            .changes
            .last()
            .and_then(|c| c.edits().last())
            .and_then(|e| e.insert.chars().last())
            .is_some_and(char::is_whitespace);
        let starts_word = edit
            .change
            .edits()
            .first()
            .and_then(|e| e.insert.chars().next())
            .is_some_and(|c| !c.is_whitespace());
        if typed_space && starts_word {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(h: &mut History, text: &mut String, s: &str, at: Instant) {
        for c in s.chars() {
            let pos = text.len();
            let change = Change::replace(pos..pos, c.to_string());
            let inverse = change.invert(text);
            change.apply(text);
            h.record(Edit {
                change,
                inverse,
                kind: EditKind::Insert,
                before: Selection::cursor(pos),
                after: Selection::cursor(text.len()),
                at,
            });
        }
    }

    #[test]
    fn typing_groups_by_word() {
        let mut h = History::new(Duration::from_secs(1));
        let mut text = String::new();
        typed(&mut h, &mut text, "hello world", Instant::now());
        assert_eq!(h.undo_len(), 2);
    }

    #[test]
    fn a_pause_ends_a_step() {
        let mut h = History::new(Duration::from_secs(1));
        let mut text = String::new();
        let t = Instant::now();
        typed(&mut h, &mut text, "ab", t);
        typed(&mut h, &mut text, "cd", t + Duration::from_secs(2));
        assert_eq!(h.undo_len(), 2);
    }
}
