//! The terminal editor: a view over the posting model (Elm architecture).
//!
//! - [`app`]: state (`App` = session + panes + mode + message) and
//!   `update(&mut App, Action) -> Vec<Effect>`, `reply(&mut App, Reply) -> Vec<Effect>`.
//! - [`action`]: the `Action` messages, the `Effect`s the event loop runs and their `Reply`s.
//! - [`components`]: parts that own their state and keys (the one-line prompt, the save
//!   questions).
//! - [`fill`]: the Ctrl-R fill prompt and F2 fill form state (keys in, values out).
//! - [`input`]: input as terminals send it (an escape sequence after Esc is a key, not text).
//! - [`keymap`]: the one key table (help, hints and the README list come from it).
//! - [`limits`]: the sizes and pauses behaviour turns on.
//! - [`list`]: the folder view (`jobpost FOLDER`), which opens postings in the editor.
//! - [`runtime`]: runs effects (saves, reloads, recovery files, worker reviews): all I/O.
//! - [`screen`]: what the terminal shows, and sending a frame's changes to it.
//! - [`terminal`]: init/restore and the event loop (idle recovery writes, signal checks).
//! - [`signals`]: SIGHUP/SIGTERM flags for the loop.
//! - [`ui`]: side-effect-free drawing, one file per part of the screen.

pub mod action;
pub mod app;
pub mod clipboard;
pub mod clusters;
pub mod components;
pub mod external;
pub mod fill;
pub mod input;
pub mod keymap;
pub mod limits;
pub mod list;
pub mod runtime;
pub mod screen;
pub mod signals;
pub mod terminal;
pub mod text;
pub mod ui;
pub mod wide;

use std::path::PathBuf;

use crate::posting::Posting;

pub use app::{App, Pending};
pub use keymap::{key_table_markdown, list_key_table_markdown};

/// What the editor opens.
pub struct Launch {
    /// Where Ctrl-S writes; `None` for a new posting (Ctrl-S asks for a path).
    pub path: Option<PathBuf>,
    /// The posting as loaded (or from a template).
    pub posting: Posting,
}

/// A large posting not read yet, with its beginning read to show first.
pub struct Reading {
    /// The file.
    pub path: PathBuf,
    /// The file's first whole lines, parsed: drawn once while the whole is read and parsed,
    /// never edited.
    pub preview: Posting,
    /// How placeholders are detected (the team's config).
    pub detect: std::sync::Arc<crate::posting::DetectOptions>,
}

/// How the editor starts: with the posting, or while a large one is being read.
pub enum Start {
    /// The posting is ready.
    Ready(Launch),
    /// A large posting: its first screen is drawn from the preview first.
    Reading(Reading),
}

impl From<Launch> for Start {
    fn from(launch: Launch) -> Start {
        Start::Ready(launch)
    }
}

/// The editor's settings from the config: the mouse, and how wide text is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    /// Whether the editor takes the mouse (`mouse:`).
    pub mouse: bool,
    /// Text width and placement (`text_width:`, `text_align:`).
    pub view: wide::View,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            mouse: true,
            view: wide::View::default(),
        }
    }
}

impl From<&crate::config::Config> for Settings {
    fn from(c: &crate::config::Config) -> Self {
        Settings {
            mouse: c.mouse,
            view: c.view,
        }
    }
}

/// Runs the editor until the user quits.
pub fn run(launch: Launch) -> anyhow::Result<()> {
    terminal::run(
        Start::Ready(launch),
        None,
        Default::default(),
        Settings::default(),
    )
    .map(drop)
}

/// Runs the editor, first offering (or applying) a recovery file; returns the exit status
/// (0, or 128 + signal after a hang-up or termination). `rules` are the review rules of the
/// user's and the team's config, `settings` the editor's.
pub fn run_with(
    start: impl Into<Start>,
    pending: Option<Pending>,
    rules: crate::review::Rules,
    settings: Settings,
) -> anyhow::Result<u8> {
    terminal::run(start.into(), pending, rules, settings)
}
