//! `jobpost FOLDER`: the folder's postings, found and checked as `jobpost check FOLDER`
//! finds and checks them (same search, same config per folder, same rules), in the folder
//! view; Enter opens one in the editor as `jobpost FILE` does.

use std::path::Path;
use std::sync::Arc;

use super::check::{self, config_failure, no_postings};
use super::walk::{self, Selection};
use crate::review::{self, overview::Overview};
use crate::store::{self, StoreError};
use crate::tui;

/// Runs the folder view on `dir`. A folder without postings is refused (exit 2) before the
/// terminal is touched.
pub(super) fn run(dir: &Path) -> anyhow::Result<u8> {
    let folder = folder(dir)?;
    tui::list::run(folder, &mut |path| super::open(Some(path.to_path_buf())))
}

/// The postings of `dir` as `check` finds them, each with the settings of its folder, ready
/// for the folder view. An error when there are none or a config file cannot be used.
pub fn folder(dir: &Path) -> anyhow::Result<tui::list::Folder> {
    let selection = Selection {
        honour_ignore_files: true,
        ..Selection::default()
    };
    let found = walk::search(dir, &selection)?;
    if found.files.is_empty() && found.errors.is_empty() {
        let mut e = no_postings(dir, &selection);
        e.hint = Some(format!(
            "open a posting by name (`jobpost FILE`), or see which files `jobpost check \
             --include GLOB {}` finds",
            dir.display()
        ));
        return Err(e.into());
    }
    let settings = check::settings_per_folder(found.files.iter().map(|p| p.as_path()))
        .map_err(config_failure)?;
    let unreadable = found
        .errors
        .into_iter()
        .map(|(at, why)| {
            (
                at.unwrap_or_else(|| dir.to_path_buf()),
                format!("cannot read: {why}"),
            )
        })
        .collect();
    let files = found.files.clone();
    // The user's setting (a team's config may say it too; the first posting's folder decides).
    let mouse = settings.first().is_none_or(|s| s.config.mouse);
    // One date for every posting, as `check` judges them.
    let today = Some(crate::posting::schema::today());
    let check: tui::list::Check = Arc::new(move |i| {
        let (path, s) = (&files[i], &settings[i]);
        let posting = store::load_with(path, s.config.detect.clone()).map_err(reason)?;
        let r = review::review_guarded(
            path.to_string_lossy().into_owned(),
            &posting,
            &s.rules,
            today,
        )
        .map_err(|e| e.to_string())?;
        Ok(Overview::of(&r, &posting, &s.rules))
    });
    Ok(tui::list::Folder {
        root: dir.to_string_lossy().into_owned(),
        files: found.files,
        unreadable,
        check,
        mouse,
    })
}

/// Why a posting cannot be read, without its path (the row shows it).
fn reason(e: StoreError) -> String {
    match e {
        StoreError::Content { source, .. } => source.to_string(),
        StoreError::Read { source, .. } => format!("cannot read: {source}"),
        other => other.to_string(),
    }
}
