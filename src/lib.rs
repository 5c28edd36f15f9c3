//! jobpost: a terminal editor for job postings in Markdown with YAML front matter.
//!
//! - [`answers`]: saved answers (placeholder → last value), read and written atomically.
//! - [`cli`]: the command line (clap definitions, one function per command).
//! - [`config`]: where jobpost keeps its files (config, answers, user templates, recovery).
//! - [`export`]: schema.org JSON-LD and an HTML page from a finished posting.
//! - [`posting`]: the document model (no terminal code): load, sections, placeholders, fill,
//!   byte-exact write-back.
//! - [`recovery`]: recovery files (unsaved text after a hang-up or crash) and their listing.
//! - [`review`]: completeness rules and report formats for `jobpost check`.
//! - [`store`]: reading and atomically writing posting files.
//! - [`templates`]: built-in templates embedded from `assets/templates/`.
//! - [`tui`]: the terminal editor (ratatui), a view over the model.
//! - [`yaml`]: the one module that names the YAML crate.
#![forbid(unsafe_code)]

pub mod answers;
pub mod cli;
pub mod config;
pub mod export;
pub mod posting;
pub mod recovery;
pub mod review;
pub mod store;
pub mod templates;
pub mod tui;
pub mod yaml;
