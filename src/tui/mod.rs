//! The terminal editor: a view over the posting model (Elm architecture).
//!
//! - [`app`]: state (`App`) and `update(&mut App, Action) -> Option<Effect>`.
//! - [`action`]: the `Action` messages and the `Effect`s the event loop runs.
//! - [`fill`]: the Ctrl-R fill prompt and F2 fill form state (keys in, values out).
//! - [`keymap`]: the one key table (help, hints and the README list come from it).
//! - [`terminal`]: init/restore and the event loop (idle recovery writes, signal checks).
//! - [`signals`]: SIGHUP/SIGTERM flags for the loop.
//! - [`ui`]: side-effect-free drawing, one file per part of the screen.

pub mod action;
pub mod app;
pub mod fill;
pub mod keymap;
pub mod signals;
pub mod terminal;
pub mod ui;

use std::path::PathBuf;

use crate::posting::Posting;

pub use app::{App, Pending};
pub use keymap::key_table_markdown;

/// What the editor opens.
pub struct Launch {
    /// Where Ctrl-S writes; `None` for a new posting (Ctrl-S asks for a path).
    pub path: Option<PathBuf>,
    /// The posting as loaded (or from a template).
    pub posting: Posting,
}

/// Runs the editor until the user quits.
pub fn run(launch: Launch) -> anyhow::Result<()> {
    terminal::run(launch, None, Default::default()).map(drop)
}

/// Runs the editor, first offering (or applying) a recovery file; returns the exit status
/// (0, or 128 + signal after a hang-up or termination). `rules` are the review rules of the
/// user's and the team's config.
pub fn run_with(
    launch: Launch,
    pending: Option<Pending>,
    rules: crate::review::Rules,
) -> anyhow::Result<u8> {
    terminal::run(launch, pending, rules)
}
