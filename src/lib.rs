//! jobpost: a terminal editor for job postings in Markdown with YAML front matter.
//!
//! - [`posting`]: the document model (no terminal code): load, sections, placeholders, fill,
//!   byte-exact write-back.
//! - [`store`]: reading and atomically writing posting files.
//! - [`templates`]: built-in templates embedded from `assets/templates/`.
//! - [`tui`]: the terminal editor (ratatui), a view over the model.
#![forbid(unsafe_code)]

pub mod posting;
pub mod store;
pub mod templates;
pub mod tui;
