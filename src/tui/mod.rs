//! The terminal editor (placeholder module: replaced by the editor work).

use std::path::PathBuf;

use crate::posting::Posting;

/// What the editor opens.
pub struct Launch {
    /// Where Ctrl-S writes; `None` for a new posting (Ctrl-S asks for a path).
    pub path: Option<PathBuf>,
    /// The posting as loaded (or from a template).
    pub posting: Posting,
}

/// Runs the editor until the user quits.
pub fn run(_launch: Launch) -> anyhow::Result<()> {
    anyhow::bail!("the editor is not built yet")
}
