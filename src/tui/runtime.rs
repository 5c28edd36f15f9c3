//! Runs the effects `update` asks for — the editor's only I/O besides the terminal — and
//! feeds their results back to the App as replies. The event loop (`terminal.rs`) and the
//! tests drive the editor through this same runner.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError};

use super::action::{Effect, Reply};
use super::app::{self, App, RecoveryWrite};
use super::external;
use crate::recovery;
use crate::review::{FileReview, ReviewPanic};
use crate::store::{self, DiskState, Fingerprint, SaveError, SaveOptions, StoreError};
use crate::tui::components::save_ask::Anyway;

/// What the event loop must do after effects ran.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Flow {
    /// Leave the editor.
    pub quit: bool,
    /// Clear the terminal and repaint every cell.
    pub redraw: bool,
    /// Text for the terminal's clipboard (OSC 52): the event loop writes it, as it owns the
    /// terminal.
    pub clipboard: Option<String>,
}

/// Gives the terminal to another program (`true`) and takes it back (`false`).
pub type HandOff = Box<dyn FnMut(bool) -> std::io::Result<()>>;

/// The runner's own state: the worker review in flight, if any, and how to hand the
/// terminal over to the user's editor (none in tests: there is no terminal to restore).
#[derive(Default)]
pub struct Runtime {
    review: Option<(u64, Receiver<Result<FileReview, ReviewPanic>>)>,
    hand_off: Option<HandOff>,
    editor: Option<String>,
}

impl Runtime {
    /// A runner that hands the terminal over with `hand_off` around the user's editor.
    pub fn with_hand_off(hand_off: HandOff) -> Self {
        Runtime {
            hand_off: Some(hand_off),
            ..Runtime::default()
        }
    }

    /// A runner that edits with `command` instead of `$VISUAL` / `$EDITOR`.
    pub fn with_editor(mut self, command: impl Into<String>) -> Self {
        self.editor = Some(command.into());
        self
    }

    /// Runs the user's editor on `text`, the terminal handed over around it.
    fn external(&mut self, text: &str) -> external::Outcome {
        if let Some(h) = self.hand_off.as_mut()
            && let Err(e) = h(true)
        {
            let _ = h(false);
            return external::Outcome::Failed(format!("cannot restore the terminal: {e}"));
        }
        let command = self
            .editor
            .clone()
            .unwrap_or_else(external::command_from_env);
        let outcome = external::edit(text, &command);
        if let Some(h) = self.hand_off.as_mut()
            && let Err(e) = h(false)
            && !matches!(outcome, external::Outcome::Failed(_))
        {
            return external::Outcome::Failed(format!("cannot take the terminal back: {e}"));
        }
        outcome
    }

    /// Runs `effects` and every effect their results lead to.
    pub fn run(&mut self, app: &mut App, effects: Vec<Effect>) -> Flow {
        let mut flow = Flow::default();
        let mut queue: std::collections::VecDeque<Effect> = effects.into();
        while let Some(effect) = queue.pop_front() {
            let more = match effect {
                Effect::Quit => {
                    flow.quit = true;
                    return flow;
                }
                Effect::Redraw => {
                    flow.redraw = true;
                    Vec::new()
                }
                Effect::SetClipboard(text) => {
                    flow.clipboard = Some(text);
                    Vec::new()
                }
                Effect::EditExternally {
                    part,
                    text,
                    generation,
                } => {
                    let outcome = self.external(&text);
                    // The screen shows the other program's last frame: repaint all of it.
                    flow.redraw = true;
                    app::reply(
                        app,
                        Reply::Edited {
                            part,
                            generation,
                            outcome,
                        },
                    )
                }
                Effect::Save {
                    path,
                    check,
                    expect,
                    then_quit,
                    readonly,
                    new_name,
                } => {
                    let ask = Ask {
                        check,
                        readonly,
                        new_name,
                        then_quit,
                    };
                    app::reply(app, save(app, path, expect.as_ref(), ask))
                }
                Effect::WriteAnswers => {
                    let result = app.answers_mut().flush().map_err(|e| e.to_string());
                    app::reply(app, Reply::AnswersWritten(result))
                }
                Effect::RemoveRecovery { file, report } => {
                    let result = recovery::remove(&file).map_err(|e| e.to_string());
                    if report {
                        app::reply(app, Reply::Removed { result })
                    } else {
                        Vec::new()
                    }
                }
                Effect::Reload { path } => {
                    let result = load(&path);
                    app::reply(app, Reply::Reloaded { path, result })
                }
                Effect::Review {
                    generation,
                    posting,
                    rules,
                    name,
                } => {
                    self.start_review(app, generation, *posting, rules, name);
                    Vec::new()
                }
            };
            queue.extend(more);
        }
        flow
    }

    /// Runs the effects the App asked for outside an action (idle work).
    pub fn run_pending(&mut self, app: &mut App) -> Flow {
        let effects = app.take_effects();
        self.run(app, effects)
    }

    /// Reviews on a worker thread; if no thread can start, here and now.
    fn start_review(
        &mut self,
        app: &mut App,
        generation: u64,
        posting: crate::posting::Posting,
        rules: std::sync::Arc<crate::review::Rules>,
        name: String,
    ) {
        let (tx, rx) = std::sync::mpsc::channel();
        let started = std::thread::Builder::new()
            .name("jobpost-review".into())
            .spawn(move || {
                // A panic inside a rule comes back as a value: the editor keeps running.
                let _ = tx.send(crate::review::review_guarded(name, &posting, &rules, None));
            });
        match started {
            Ok(_) => self.review = Some((generation, rx)),
            Err(_) => {
                let review = app.guarded_review().map(Box::new);
                let more = app::reply(app, Reply::ReviewReady { generation, review });
                self.run(app, more);
            }
        }
    }

    /// Hands a finished worker review to the App; true when one arrived.
    pub fn poll(&mut self, app: &mut App) -> bool {
        let Some((generation, rx)) = &self.review else {
            return false;
        };
        let generation = *generation;
        match rx.try_recv() {
            Ok(review) => {
                self.review = None;
                let more = app::reply(
                    app,
                    Reply::ReviewReady {
                        generation,
                        review: review.map(Box::new),
                    },
                );
                self.run(app, more);
                true
            }
            Err(TryRecvError::Empty) => false,
            Err(TryRecvError::Disconnected) => {
                self.review = None;
                false
            }
        }
    }

    /// Whether a worker review is in flight.
    pub fn reviewing(&self) -> bool {
        self.review.is_some()
    }
}

/// What a save may do without asking.
struct Ask {
    /// Compare the file with what was loaded or saved first.
    check: bool,
    /// Write a file that is read-only for the user.
    readonly: bool,
    /// A name typed at Save as: ask before replacing a file there.
    new_name: bool,
    then_quit: bool,
}

/// A save: a file at a new name and the disk check first (when asked), then `store::save`;
/// a read-only file comes back with whether it could be written anyway.
fn save(app: &App, path: PathBuf, expect: Option<&Fingerprint>, ask: Ask) -> Reply {
    let then_quit = ask.then_quit;
    if ask.new_name && store::would_overwrite(&path) {
        return Reply::Exists { path, then_quit };
    }
    if ask.check {
        match store::disk_state(&path, expect) {
            DiskState::Unchanged => {}
            state => {
                return Reply::DiskChanged {
                    path,
                    deleted: state == DiskState::Deleted,
                    then_quit,
                };
            }
        }
    }
    let text = app.posting().text();
    let options = SaveOptions {
        recovery_dir: app.recovery_dir().map(Path::to_path_buf),
        overwrite_readonly: ask.readonly,
        ..SaveOptions::default()
    };
    match store::save(&path, text, &options) {
        Err(SaveError::ReadOnly(_)) => Reply::ReadOnly {
            anyway: store::write_anyway(&path).map(|becomes_yours| Anyway { becomes_yours }),
            path,
            then_quit,
        },
        result => Reply::Saved {
            result: result.map(|outcome| (outcome, Fingerprint::of(&path, text.as_bytes()))),
            path,
            then_quit,
        },
    }
}

fn load(path: &Path) -> Result<(Box<crate::posting::Posting>, Fingerprint), StoreError> {
    let posting = store::load(path)?;
    let fingerprint = Fingerprint::of(path, posting.text().as_bytes());
    Ok((Box::new(posting), fingerprint))
}

/// Brings the recovery file up to date (after an idle pause, and on every way out): writes
/// the text while it differs from the saved file, removes the file once it no longer does.
/// Returns the file written, if any.
pub fn write_recovery(app: &mut App) -> Result<Option<PathBuf>, StoreError> {
    match app.recovery_write() {
        RecoveryWrite::Nothing => Ok(None),
        RecoveryWrite::Remove(file) => {
            let _ = recovery::remove(&file);
            Ok(None)
        }
        RecoveryWrite::Write { file, current, .. } if current && file.exists() => Ok(Some(file)),
        RecoveryWrite::Write {
            file,
            origin,
            text,
            hash,
            ..
        } => {
            recovery::write(&file, origin, text)?;
            app.recovery_written(hash);
            Ok(Some(file))
        }
    }
}
