//! The editor's safety net, kept apart from the editing code: the recovery file (written on
//! hang-up, crash and after a short idle pause; removed after a save or a deliberate discard),
//! the recovery offer on open (`r` recover, `d` discard, `k` keep both), and the check that
//! the file on disk is still what was loaded before a save overwrites it (`o` overwrite,
//! `r` reload after a second yes/no, `Esc` cancel).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::{App, Snapshot};
use crate::posting::Posting;
use crate::recovery::{self, Recovery};
use crate::store::{self, DiskState, Fingerprint, StoreError, content_hash};
use crate::tui::action::Effect;

/// How long after the last keystroke the recovery file is refreshed.
pub const IDLE: Duration = Duration::from_secs(2);

/// A question the safety net asks; it has the keyboard until answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GuardDialog {
    /// A recovery file newer than the posting was found on open.
    Recover {
        /// What it holds.
        recovery: Recovery,
        /// A short line diff from the posting to the recovered text.
        diff: Vec<String>,
    },
    /// The file changed (or vanished) on disk since it was loaded or saved.
    ChangedOnDisk {
        /// Where the save was going.
        path: PathBuf,
        /// It is gone rather than changed.
        deleted: bool,
        /// Quit after saving (the save came from the quit question).
        then_quit: bool,
    },
    /// Reloading loses every edit: y / n.
    ConfirmReload {
        /// The file to reload.
        path: PathBuf,
    },
}

/// What to do with a recovery file when the editor opens.
#[derive(Debug, Clone)]
pub enum Pending {
    /// Ask first (the dialog).
    Offer(Recovery),
    /// Load it as unsaved edits straight away (`jobpost --recover FILE`).
    Apply(Recovery),
}

/// The safety net's state inside [`App`].
#[derive(Debug, Default)]
pub struct Guard {
    recovery_dir: Option<PathBuf>,
    recovery_file: Option<PathBuf>,
    origin: Option<PathBuf>,
    disk_path: Option<PathBuf>,
    disk: Option<Fingerprint>,
    written: Option<u128>,
    last_edit: Option<Instant>,
    dialog: Option<GuardDialog>,
}

impl Guard {
    /// The state for a posting loaded from `path` (or a new one), with `text` as loaded.
    pub fn new(path: Option<&Path>, len: usize, hash: u128) -> Guard {
        let dir = crate::config::Paths::discover().map(|p| p.recovery_dir());
        let disk = path
            .filter(|p| p.exists())
            .map(|p| Fingerprint::with_hash(p, len, hash));
        Guard {
            recovery_file: dir.as_deref().map(|d| recovery::file_for(d, path)),
            recovery_dir: dir,
            origin: path.map(Path::to_path_buf),
            disk_path: path.map(Path::to_path_buf),
            disk,
            ..Guard::default()
        }
    }
}

impl App {
    /// The safety net's open question, if any.
    pub fn guard_dialog(&self) -> Option<&GuardDialog> {
        self.guard.dialog.as_ref()
    }

    /// Where recovery files go (`None`: nowhere). Defaults to the user's data folder.
    pub fn set_recovery_dir(&mut self, dir: Option<PathBuf>) {
        self.guard.recovery_file = dir
            .as_deref()
            .map(|d| recovery::file_for(d, self.guard.origin.as_deref()));
        self.guard.recovery_dir = dir;
    }

    /// The recovery file this editor writes to.
    pub fn recovery_file(&self) -> Option<&Path> {
        self.guard.recovery_file.as_deref()
    }

    /// The recovery file and the posting path its header names.
    pub fn recovery_target(&self) -> (Option<&Path>, Option<&Path>) {
        (
            self.guard.recovery_file.as_deref(),
            self.guard.origin.as_deref(),
        )
    }

    /// Handles a recovery file found on open.
    pub fn pending_recovery(&mut self, pending: Pending) {
        match pending {
            Pending::Offer(recovery) => {
                let diff = recovery::diff_summary(self.posting.text(), &recovery.text, 4);
                self.guard.dialog = Some(GuardDialog::Recover { recovery, diff });
            }
            Pending::Apply(recovery) => self.recover(recovery),
        }
    }

    /// Notes that a key was handled: while there are unsaved changes the idle timer restarts.
    pub fn touched(&mut self, now: Instant) {
        self.last_key = Some(now);
        if self.modified() || self.guard.written.is_some() {
            self.guard.last_edit = Some(now);
        }
    }

    /// Time left until the idle recovery write is due (zero: due now), or `None` if nothing
    /// needs writing.
    pub fn recovery_due_in(&self, now: Instant) -> Option<Duration> {
        let last = self.guard.last_edit?;
        Some(IDLE.saturating_sub(now.saturating_duration_since(last)))
    }

    /// Brings the recovery file up to date: writes the text while it differs from the saved
    /// file, removes the file once it no longer does. Returns the file written, if any.
    pub fn write_recovery(&mut self) -> Result<Option<PathBuf>, StoreError> {
        self.fold();
        self.guard.last_edit = None;
        let Some(file) = self.guard.recovery_file.clone() else {
            return Ok(None);
        };
        if !self.modified() {
            if self.guard.written.take().is_some() {
                let _ = recovery::remove(&file);
            }
            return Ok(None);
        }
        let text = self.posting.text();
        let hash = content_hash(text.as_bytes());
        if self.guard.written == Some(hash) && file.exists() {
            return Ok(Some(file));
        }
        recovery::write(&file, self.guard.origin.as_deref(), text)?;
        self.guard.written = Some(hash);
        Ok(Some(file))
    }

    /// The user threw the edits away (Ctrl-Q → d): the recovery file goes too.
    pub(super) fn discard_recovery(&mut self) {
        if let Some(f) = &self.guard.recovery_file {
            let _ = recovery::remove(f);
        }
        self.guard.written = None;
        self.guard.last_edit = None;
    }

    /// Before writing `path`: whether the file there is still what was loaded or saved. If
    /// not, the question is asked and the save waits for the answer.
    pub(super) fn disk_allows_save(&mut self, path: &Path, then_quit: bool) -> bool {
        if self.guard.disk_path.as_deref() != Some(path) {
            return true;
        }
        match store::disk_state(path, self.guard.disk.as_ref()) {
            DiskState::Unchanged => true,
            state => {
                self.guard.dialog = Some(GuardDialog::ChangedOnDisk {
                    path: path.to_path_buf(),
                    deleted: state == DiskState::Deleted,
                    then_quit,
                });
                false
            }
        }
    }

    /// After a successful save to `path`: remember what is on disk now; the recovery file
    /// has served its purpose.
    pub(super) fn saved_to(&mut self, path: &Path) {
        self.discard_recovery();
        let g = &mut self.guard;
        g.disk = Some(Fingerprint::of(path, self.posting.text().as_bytes()));
        g.disk_path = Some(path.to_path_buf());
        g.origin = Some(path.to_path_buf());
        g.recovery_file = g
            .recovery_dir
            .as_deref()
            .map(|d| recovery::file_for(d, Some(path)));
    }

    /// Keys while a safety question is open.
    pub(super) fn guard_key(&mut self, key: KeyEvent) -> Option<Effect> {
        let dialog = self.guard.dialog.clone()?;
        let c = match key.code {
            KeyCode::Char(c) => Some(c.to_ascii_lowercase()),
            _ => None,
        };
        let esc = key.code == KeyCode::Esc;
        match dialog {
            GuardDialog::Recover { recovery, .. } => match c {
                Some('r') => {
                    self.guard.dialog = None;
                    self.recover(recovery);
                }
                Some('d') => {
                    self.guard.dialog = None;
                    match recovery::remove(&recovery.file) {
                        Ok(()) => self.info("Recovery file deleted"),
                        Err(e) => self.error(format!("Recovery file not deleted: {e}")),
                    }
                }
                Some('k') => {
                    self.guard.dialog = None;
                    self.keep_both(recovery);
                }
                _ => self.info("Choose r, d or k"),
            },
            GuardDialog::ChangedOnDisk {
                path,
                deleted,
                then_quit,
            } => match c {
                Some('o') => {
                    self.guard.dialog = None;
                    return self.write_to(&path, then_quit);
                }
                Some('r') if deleted => self.error("The file is gone: nothing to reload"),
                Some('r') => self.guard.dialog = Some(GuardDialog::ConfirmReload { path }),
                _ if esc => {
                    self.guard.dialog = None;
                    self.info("Not saved; your edits are kept");
                }
                _ => {}
            },
            GuardDialog::ConfirmReload { path } => match c {
                Some('y') => {
                    self.guard.dialog = None;
                    self.reload(&path);
                }
                Some('n') => {
                    self.guard.dialog = None;
                    self.info("Not reloaded; your edits are kept");
                }
                _ if esc => {
                    self.guard.dialog = None;
                    self.info("Not reloaded; your edits are kept");
                }
                _ => {}
            },
        }
        None
    }

    /// Loads recovered text as unsaved edits of this posting (Ctrl-Z goes back to the file).
    fn recover(&mut self, recovery: Recovery) {
        self.settle();
        // This recovery file is ours now (it may be another process's `untitled-<pid>`).
        self.guard.recovery_file = Some(recovery.file.clone());
        self.undo.push(Snapshot {
            text: self.posting.text().to_string(),
            focus: self.parts[self.focus],
            at: None,
        });
        self.set_posting(Posting::parse_with(
            recovery.text,
            self.posting.options().clone(),
        ));
        self.rebuild(None);
        // The recovery file stays until the text is saved or discarded.
        self.guard.written = Some(content_hash(self.posting.text().as_bytes()));
        self.info(format!(
            "Recovered unsaved text from {}; Ctrl-S saves it",
            recovery::format_time(recovery.header.saved)
        ));
    }

    /// Opens recovered text as a new posting with no path; the file stays as it is, the
    /// recovery file until the new posting is saved somewhere.
    fn keep_both(&mut self, recovery: Recovery) {
        self.guard.recovery_file = Some(recovery.file.clone());
        self.set_posting(Posting::parse_with(
            recovery.text,
            self.posting.options().clone(),
        ));
        // Unsaved until written somewhere: compared with the file it came from.
        self.path = None;
        self.guard.disk_path = None;
        self.guard.disk = None;
        self.guard.written = Some(content_hash(self.posting.text().as_bytes()));
        self.undo.clear();
        self.redo.clear();
        self.rebuild(None);
        self.info("Recovered text opened as a new posting; the file is untouched");
    }

    /// Replaces every edit with the file as it is on disk now.
    fn reload(&mut self, path: &Path) {
        match store::load(path) {
            Ok(p) => {
                self.set_posting(Posting::parse_with(
                    p.into_text(),
                    self.posting.options().clone(),
                ));
                self.mark_saved();
                self.guard.disk = Some(Fingerprint::of(path, self.posting.text().as_bytes()));
                self.discard_recovery();
                self.undo.clear();
                self.redo.clear();
                self.rebuild(None);
                self.info("Reloaded from disk");
            }
            Err(e) => self.error(format!("Not reloaded: {e}")),
        }
    }
}
