//! jobpost: a terminal editor for job postings in Markdown with YAML front matter.
//!
//! - [`posting`]: the document model (no terminal code): load, sections, placeholders, fill,
//!   byte-exact write-back.
//! - [`store`]: reading and atomically writing posting files.
#![forbid(unsafe_code)]

pub mod posting;
pub mod store;
