//! Parts of the editor that own their state and keys: keys in, an outcome out (as
//! [`crate::tui::fill`] does for the fill prompt and form). The App decides what an outcome
//! does to the document.

pub mod prompt;
pub mod save_ask;
