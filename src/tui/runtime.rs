//! Runs the effects `update` asks for — the editor's only I/O besides the terminal — and
//! feeds their results back to the App as replies. The event loop (`terminal.rs`) and the
//! tests drive the editor through this same runner.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError};

use super::action::{Effect, Reply};
use super::app::{self, App, RecoveryWrite};
use crate::recovery;
use crate::review::FileReview;
use crate::store::{self, DiskState, Fingerprint, SaveOptions, StoreError};

/// What the event loop must do after effects ran.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Flow {
    /// Leave the editor.
    pub quit: bool,
    /// Clear the terminal and repaint every cell.
    pub redraw: bool,
}

/// The runner's own state: the worker review in flight, if any.
#[derive(Default)]
pub struct Runtime {
    review: Option<(u64, Receiver<FileReview>)>,
}

impl Runtime {
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
                Effect::Save {
                    path,
                    check,
                    expect,
                    then_quit,
                } => app::reply(app, save(app, path, check, expect.as_ref(), then_quit)),
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
                let _ = tx.send(crate::review::review_with(name, &posting, &rules));
            });
        match started {
            Ok(_) => self.review = Some((generation, rx)),
            Err(_) => {
                let review = Box::new(app.review());
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
                        review: Box::new(review),
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

/// A save: the disk check first (when asked), then `store::save`.
fn save(
    app: &App,
    path: PathBuf,
    check: bool,
    expect: Option<&Fingerprint>,
    then_quit: bool,
) -> Reply {
    if check {
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
        ..SaveOptions::default()
    };
    let result = store::save(&path, text, &options)
        .map(|outcome| (outcome, Fingerprint::of(&path, text.as_bytes())));
    Reply::Saved {
        path,
        then_quit,
        result,
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
