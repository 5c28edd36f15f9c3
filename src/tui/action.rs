//! What the user asked for (`Action`) and what the event loop must do about it (`Effect`).

use std::path::PathBuf;

use ratatui::crossterm::event::KeyEvent;

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
    /// A key no command is bound to: goes to whatever has focus (pane, prompt, dialog).
    Input(KeyEvent),
}

/// Work with side effects that the event loop runs, never `update` or `draw`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Write the posting to `path`; quit afterwards if it worked and `then_quit`.
    Save {
        /// Where to write.
        path: PathBuf,
        /// Whether to quit after a successful save.
        then_quit: bool,
    },
    /// Leave the editor (the terminal is restored by the loop).
    Quit,
    /// Clear the terminal so the next frame repaints every cell.
    Redraw,
}
