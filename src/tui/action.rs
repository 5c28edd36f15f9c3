//! What the user asked for (`Action`) and what the event loop must do about it (`Effect`).

use std::path::PathBuf;

use ratatui::crossterm::event::{KeyEvent, MouseEvent};

use crate::posting::{Part, Posting};
use crate::review::{FileReview, ReviewPanic, Rules};
use crate::store::{Fingerprint, SaveError, SaveOutcome, StoreError};
use crate::tui::components::save_ask::Anyway;

/// A message to [`crate::tui::app::update`]: one user intention.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Write the posting to its file; asks for a path when there is none.
    Save,
    /// Leave the editor; asks first when there are unsaved changes.
    Quit,
    /// Focus the next pane (wrapping).
    NextPane,
    /// Focus the previous pane (wrapping).
    PrevPane,
    /// Select the next unfilled placeholder, across panes, wrapping.
    NextPlaceholder,
    /// Select the previous unfilled placeholder, across panes, wrapping.
    PrevPlaceholder,
    /// Undo the last edit (text in the pane, else the last section change).
    Undo,
    /// Redo what was undone.
    Redo,
    /// Copy the selection (or the line) to the clipboard.
    Copy,
    /// Cut the selection (or the line) to the clipboard.
    Cut,
    /// Paste the clipboard.
    Paste,
    /// Open the find prompt.
    Find,
    /// Clear and repaint the whole terminal.
    Redraw,
    /// Open or close the key help.
    Help,
    /// Close a dialog, prompt or help; in the editor, drop the selection and message.
    Escape,
    /// Rename the focused section's heading.
    RenameSection,
    /// Add a section after the focused one.
    AddSection,
    /// Delete the focused section (asks first).
    DeleteSection,
    /// Fill the placeholder at (or after) the cursor everywhere it occurs (asks the value).
    FillEverywhere,
    /// Open the fill form: every distinct placeholder once.
    FillForm,
    /// Open or close the review panel: findings by section, Enter jumps to one.
    Review,
    /// Edit the focused part's text in the user's editor (`$VISUAL`, `$EDITOR`).
    EditExternally,
    /// A key no command is bound to: goes to whatever has focus (pane, prompt, dialog).
    Input(KeyEvent),
    /// A click, drag or wheel turn (when the mouse is on).
    Mouse(MouseEvent),
}

/// Work with side effects that the event loop runs (`runtime.rs`), never `update` or
/// drawing. Results come back as [`Reply`]s.
#[derive(Debug)]
pub enum Effect {
    /// Write the posting's text to `path` through `store::save`; when `check`, first make
    /// sure the file is still `expect` (what was loaded or saved; `None`: no file).
    Save {
        /// Where to write.
        path: PathBuf,
        /// Whether to compare the file with `expect` first.
        check: bool,
        /// What the file held when loaded or last saved.
        expect: Option<Fingerprint>,
        /// Whether to quit after a successful save.
        then_quit: bool,
        /// The user confirmed writing a file that is read-only for them (`w`).
        readonly: bool,
        /// A name typed at Save as: a file already there is not replaced without asking.
        new_name: bool,
    },
    /// Write the remembered fill answers to their file (after a save).
    WriteAnswers,
    /// Remove a recovery file (after a save, or the edits thrown away).
    RemoveRecovery {
        /// The file.
        file: PathBuf,
        /// Whether the user asked (the result is then reported).
        report: bool,
    },
    /// Read the file again, dropping every edit.
    Reload {
        /// The file.
        path: PathBuf,
    },
    /// Review a copy of the posting on a worker thread.
    Review {
        /// The posting generation it is of.
        generation: u64,
        /// The posting.
        posting: Box<Posting>,
        /// The rules.
        rules: std::sync::Arc<Rules>,
        /// The file name the review reports.
        name: String,
    },
    /// Leave the editor (the terminal is restored by the loop).
    Quit,
    /// Clear the terminal so the next frame repaints every cell.
    Redraw,
    /// Put this text on the terminal's clipboard (OSC 52).
    SetClipboard(String),
    /// Hand `text` (part `part`'s, at `generation` of the posting) to the user's editor with
    /// the terminal restored, then re-enter and repaint the terminal.
    EditExternally {
        /// The part edited.
        part: Part,
        /// Its text.
        text: String,
        /// The posting's generation when it was handed over.
        generation: u64,
    },
}

/// What running an [`Effect`] gave, fed back to [`crate::tui::app::reply`].
#[derive(Debug)]
pub enum Reply {
    /// A save ran (or failed).
    Saved {
        /// Where.
        path: PathBuf,
        /// Whether to quit now.
        then_quit: bool,
        /// How it went, and the file's fingerprint after it.
        result: Result<(SaveOutcome, Fingerprint), SaveError>,
    },
    /// The file changed (or vanished) on disk since it was loaded: not saved.
    DiskChanged {
        /// Where the save was going.
        path: PathBuf,
        /// It is gone rather than changed.
        deleted: bool,
        /// Whether the save was to quit after.
        then_quit: bool,
    },
    /// The file is read-only for this user: not saved.
    ReadOnly {
        /// The file.
        path: PathBuf,
        /// Whether the save was to quit after.
        then_quit: bool,
        /// Whether its folder lets it be written anyway, and what that does.
        anyway: Option<Anyway>,
    },
    /// Save as named a file that exists: not saved.
    Exists {
        /// The file.
        path: PathBuf,
        /// Whether the save was to quit after.
        then_quit: bool,
    },
    /// A reload ran.
    Reloaded {
        /// The file.
        path: PathBuf,
        /// The posting read and the file's fingerprint, or why not.
        result: Result<(Box<Posting>, Fingerprint), StoreError>,
    },
    /// A recovery file removal the user asked for ran.
    Removed {
        /// How it went.
        result: Result<(), String>,
    },
    /// The fill answers were written: how many, or why not.
    AnswersWritten(Result<usize, String>),
    /// A worker review finished, for this generation of the posting.
    ReviewReady {
        /// The generation it reviewed.
        generation: u64,
        /// The review, or the panic inside it (a bug in a rule).
        review: Result<Box<FileReview>, ReviewPanic>,
    },
    /// The user's editor is done with a part's text.
    Edited {
        /// The part.
        part: Part,
        /// The posting's generation when it was handed over.
        generation: u64,
        /// The new text, no change, or why nothing was taken.
        outcome: super::external::Outcome,
    },
}
