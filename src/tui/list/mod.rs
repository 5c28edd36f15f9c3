//! The folder view (`jobpost FOLDER`): a row per posting with what is left to do, sorted
//! and filtered, opening each in the editor.
//!
//! - [`state`]: rows, sort, filter, selection; keys in, an outcome out.
//! - [`ui`]: drawing, side-effect free.
//! - [`run`]: the loop and the worker thread that checks postings.

pub mod run;
pub mod state;
pub mod ui;

pub use run::{Check, Folder, run};
pub use state::{Checked, ListState, Outcome, Sort, Status};
