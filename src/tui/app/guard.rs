//! The editor's safety net, kept apart from the editing code: the recovery file (written on
//! hang-up, crash and after a short idle pause; removed after a save or a deliberate discard),
//! the recovery offer on open (`r` recover, `d` discard, `k` keep both), and the check that
//! the file on disk is still what was loaded before a save overwrites it (`o` overwrite,
//! `r` reload after a second yes/no, `Esc` cancel).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::{App, Mode, PromptKind, visible};
use crate::posting::Posting;
use crate::recovery::{self, Recovery};
use crate::store::{self, Fingerprint, SaveError, SaveOutcome, StoreError, content_hash};
use crate::tui::action::Effect;
use crate::tui::components::save_ask::{Answer, Anyway, SaveAsk};
use crate::tui::limits;

/// How long after the last keystroke the recovery file is refreshed.
pub const IDLE: Duration = limits::RECOVERY_PAUSE;

/// What bringing the recovery file up to date takes (the event loop does it).
#[derive(Debug)]
pub enum RecoveryWrite<'a> {
    /// Nothing to do.
    Nothing,
    /// The text no longer differs from the file: remove this recovery file.
    Remove(PathBuf),
    /// Write the text to the file.
    Write {
        /// The recovery file.
        file: PathBuf,
        /// The posting path its header names.
        origin: Option<&'a Path>,
        /// The text.
        text: &'a str,
        /// Its hash (kept once written).
        hash: u128,
        /// The file was written with this very text (rewrite only if it is gone).
        current: bool,
    },
}

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
    /// The text came from a recovery file this session and is not saved yet: should it crash
    /// the editor, its recovery file is set aside rather than offered again.
    recovered: bool,
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

    /// Where recovery files go (a save that writes in place keeps the text there first).
    pub fn recovery_dir(&self) -> Option<&Path> {
        self.guard.recovery_dir.as_deref()
    }

    /// Whether the text came from a recovery file this session and is not saved since.
    pub fn holds_recovered_text(&self) -> bool {
        self.guard.recovered
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
                let diff = recovery::diff_summary(self.posting().text(), &recovery.text, 4);
                self.guard.dialog = Some(GuardDialog::Recover { recovery, diff });
            }
            Pending::Apply(recovery) => self.recover(recovery),
        }
    }

    /// A key was handled: while there are unsaved changes the recovery timer restarts.
    pub(super) fn guard_touched(&mut self, now: Instant) {
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

    /// What bringing the recovery file up to date takes: the text while it differs from the
    /// saved file, the file's removal once it no longer does (folds the pane in first).
    pub fn recovery_write(&mut self) -> RecoveryWrite<'_> {
        self.fold();
        self.guard.last_edit = None;
        let Some(file) = self.guard.recovery_file.clone() else {
            return RecoveryWrite::Nothing;
        };
        if !self.modified() {
            if self.guard.written.take().is_some() {
                return RecoveryWrite::Remove(file);
            }
            return RecoveryWrite::Nothing;
        }
        let text = self.session.text();
        let hash = content_hash(text.as_bytes());
        RecoveryWrite::Write {
            file,
            origin: self.guard.origin.as_deref(),
            text,
            hash,
            current: self.guard.written == Some(hash),
        }
    }

    /// The event loop wrote the recovery file with the text of this hash.
    pub fn recovery_written(&mut self, hash: u128) {
        self.guard.written = Some(hash);
    }

    /// The user threw the edits away (Ctrl-Q → d): the recovery file goes too.
    pub(super) fn discard_recovery(&mut self) {
        if let Some(f) = &self.guard.recovery_file {
            self.outbox.push(Effect::RemoveRecovery {
                file: f.clone(),
                report: false,
            });
        }
        self.guard.written = None;
        self.guard.last_edit = None;
    }

    /// Asks the event loop to save to `path` (settled first); a file changed on disk since
    /// it was loaded is not overwritten without asking.
    pub(super) fn save_to(&mut self, path: PathBuf, then_quit: bool) {
        self.save_with(path, then_quit, false, false);
    }

    /// [`App::save_to`] a name typed at Save as (`~/` is the home folder): a file already
    /// there is not replaced without asking.
    pub(super) fn save_as_typed(&mut self, typed: &str, then_quit: bool) {
        self.last_save_as = typed.to_string();
        let path = store::expand_tilde(Path::new(typed), store::home_dir().as_deref());
        let same = self.path.as_deref() == Some(path.as_path());
        self.save_with(path, then_quit, false, !same);
    }

    fn save_with(&mut self, path: PathBuf, then_quit: bool, readonly: bool, new_name: bool) {
        self.settle();
        let check = self.guard.disk_path.as_deref() == Some(path.as_path());
        self.outbox.push(Effect::Save {
            path,
            check,
            expect: self.guard.disk.clone(),
            then_quit,
            readonly,
            new_name,
        });
    }

    /// The file is read-only for the user: nothing was written; ask what to do.
    pub(super) fn read_only(&mut self, path: PathBuf, then_quit: bool, anyway: Option<Anyway>) {
        self.error(format!(
            "Not saved: {} is read-only",
            visible(&self.name_of(&path))
        ));
        self.mode = Mode::SaveAsk(SaveAsk::ReadOnly {
            path,
            then_quit,
            anyway,
        });
    }

    /// Save as named a file that exists: nothing was written; ask.
    pub(super) fn exists(&mut self, path: PathBuf, then_quit: bool) {
        self.message = None;
        self.mode = Mode::SaveAsk(SaveAsk::Overwrite { path, then_quit });
    }

    /// Keys while a save question is open.
    pub(super) fn save_ask_key(&mut self, ask: &SaveAsk, key: KeyEvent) {
        match ask.key(key) {
            Answer::Stay => {}
            Answer::Cancel => match ask {
                SaveAsk::Overwrite { then_quit, .. } => {
                    let typed = self.last_save_as.clone();
                    self.prompt(
                        PromptKind::SavePath {
                            then_quit: *then_quit,
                        },
                        &typed,
                    );
                    self.info("Not overwritten; type another name");
                }
                SaveAsk::ReadOnly { .. } => {
                    self.mode = Mode::Normal;
                    self.info("Not saved; your edits are kept");
                }
            },
            Answer::Retry { path, then_quit } => {
                self.mode = Mode::Normal;
                self.save_to(path, then_quit);
            }
            Answer::SaveAs { then_quit } => {
                self.message = None;
                self.prompt(PromptKind::SavePath { then_quit }, "");
            }
            Answer::Write {
                path,
                then_quit,
                readonly,
            } => {
                self.mode = Mode::Normal;
                self.save_with(path, then_quit, readonly, false);
            }
        }
    }

    /// A path's file name for messages.
    fn name_of(&self, path: &Path) -> String {
        path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
    }

    /// The event loop found the file changed (or gone) before a save: ask.
    pub(super) fn disk_changed(&mut self, path: PathBuf, deleted: bool, then_quit: bool) {
        self.guard.dialog = Some(GuardDialog::ChangedOnDisk {
            path,
            deleted,
            then_quit,
        });
    }

    /// A save ran: on success remember what is on disk now (the recovery file has served
    /// its purpose, the answers are written); on failure keep every edit and say why.
    pub(super) fn saved(
        &mut self,
        path: PathBuf,
        then_quit: bool,
        result: Result<(SaveOutcome, Fingerprint), SaveError>,
    ) {
        match result {
            Ok((outcome, fingerprint)) => {
                self.guard.recovered = false;
                self.path = Some(path.clone());
                self.session.mark_saved();
                self.discard_recovery();
                let g = &mut self.guard;
                g.disk = Some(fingerprint);
                g.disk_path = Some(path.clone());
                g.origin = Some(path.clone());
                g.recovery_file = g
                    .recovery_dir
                    .as_deref()
                    .map(|d| recovery::file_for(d, Some(&path)));
                // Written in place says why (hard links, owner, read-only folder).
                let how = match outcome {
                    SaveOutcome::InPlace(_) => {
                        let said = outcome.to_string();
                        format!(" {}", said.strip_prefix("saved ").unwrap_or(&said))
                    }
                    _ => String::new(),
                };
                self.info(format!("Saved {}{how}", self.file_name()));
                self.outbox.push(Effect::WriteAnswers);
                if then_quit {
                    self.outbox.push(Effect::Quit);
                }
            }
            Err(e) => {
                let hint = e.hint().map(|h| format!(" ({h})")).unwrap_or_default();
                self.error(format!("Not saved: {e}{hint}"));
            }
        }
    }

    /// The answers file was written after a save.
    pub(super) fn answers_written(&mut self, result: Result<usize, String>) {
        match result {
            Ok(0) => {}
            Ok(n) => self.info(format!(
                "Saved {} · {n} answer{} remembered",
                self.file_name(),
                if n == 1 { "" } else { "s" }
            )),
            Err(e) => self.error(format!(
                "Saved {}, but answers not remembered: {e}",
                self.file_name()
            )),
        }
    }

    /// A recovery file removal the user asked for ran.
    pub(super) fn recovery_removed(&mut self, result: Result<(), String>) {
        match result {
            Ok(()) => self.info("Recovery file deleted"),
            Err(e) => self.error(format!("Recovery file not deleted: {e}")),
        }
    }

    /// Keys while a safety question is open.
    pub(super) fn guard_key(&mut self, key: KeyEvent) {
        let Some(dialog) = self.guard.dialog.clone() else {
            return;
        };
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
                    self.outbox.push(Effect::RemoveRecovery {
                        file: recovery.file.clone(),
                        report: true,
                    });
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
                    self.outbox.push(Effect::Save {
                        path,
                        expect: None,
                        check: false,
                        then_quit,
                        readonly: false,
                        new_name: false,
                    });
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
                    self.outbox.push(Effect::Reload { path });
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
    }

    /// Loads recovered text as unsaved edits of this posting (Ctrl-Z goes back to the file).
    fn recover(&mut self, recovery: Recovery) {
        self.settle();
        self.guard.recovered = true;
        // This recovery file is ours now (it may be another process's `untitled-<pid>`).
        self.guard.recovery_file = Some(recovery.file.clone());
        let new = Posting::parse_with(recovery.text, self.posting().options().clone());
        let focus = self.parts[self.focus];
        self.whole_edit(new, focus, None);
        // The recovery file stays until the text is saved or discarded.
        self.guard.written = Some(content_hash(self.session.text().as_bytes()));
        self.info(format!(
            "Recovered unsaved text from {}; Ctrl-S saves it",
            recovery::format_time(recovery.header.saved)
        ));
    }

    /// Opens recovered text as a new posting with no path; the file stays as it is, the
    /// recovery file until the new posting is saved somewhere.
    fn keep_both(&mut self, recovery: Recovery) {
        self.guard.recovered = true;
        self.guard.recovery_file = Some(recovery.file.clone());
        let saved = self.session.saved();
        let new = Posting::parse_with(recovery.text, self.posting().options().clone());
        self.session.reload(new);
        // Unsaved until written somewhere: compared with the file it came from.
        self.session.set_saved(saved);
        self.path = None;
        self.guard.disk_path = None;
        self.guard.disk = None;
        self.guard.written = Some(content_hash(self.session.text().as_bytes()));
        self.session_changed(None, None);
        self.info("Recovered text opened as a new posting; the file is untouched");
    }

    /// The file as it is on disk now replaces every edit (or could not be read).
    pub(super) fn reloaded(
        &mut self,
        path: &Path,
        result: Result<(Box<Posting>, Fingerprint), StoreError>,
    ) {
        match result {
            Ok((p, fingerprint)) => {
                let p = Posting::parse_with(p.into_text(), self.posting().options().clone());
                self.session.reload(p);
                self.guard.disk = Some(fingerprint);
                self.guard.disk_path = Some(path.to_path_buf());
                self.discard_recovery();
                self.session_changed(None, None);
                self.mode = Mode::Normal;
                self.info("Reloaded from disk");
            }
            Err(e) => self.error(format!("Not reloaded: {e}")),
        }
    }
}
