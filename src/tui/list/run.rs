//! The folder view's loop and its worker. The worker checks postings on every core and
//! sends each result as it is ready; the loop draws the first frame before any result and
//! folds results in between keys. Enter hands the terminal to the editor (its own entry,
//! which restores the terminal when it ends) and takes it back afterwards.

use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::{Duration, Instant};

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{Event, KeyEventKind};
use rayon::prelude::*;

use super::state::{Checked, ListState, Outcome};
use super::ui;
use crate::review::overview::Overview;
use crate::tui::input;
use crate::tui::signals::Watch;
use crate::tui::terminal::{self, Winch, resize};

/// Checks one posting (by its id in [`Folder::files`]): its overview, or why there is none.
pub type Check = Arc<dyn Fn(usize) -> Result<Overview, String> + Send + Sync>;

/// Opens a posting in the editor; gives the editor's exit status (0, or 128 + a signal).
pub type Open<'a> = &'a mut dyn FnMut(&Path) -> anyhow::Result<u8>;

/// A folder's postings, found and ready to check.
pub struct Folder {
    /// The folder as the user named it.
    pub root: String,
    /// The postings, in the order found.
    pub files: Vec<PathBuf>,
    /// What could not be read while searching, with why.
    pub unreadable: Vec<(PathBuf, String)>,
    /// Checks posting `i` of `files`.
    pub check: Check,
    /// Whether the list takes the mouse (config `mouse:`).
    pub mouse: bool,
}

/// While results come in, the screen is redrawn at most this often.
const FRAME: Duration = Duration::from_millis(50);

/// The longest the loop waits for a key when nothing is being checked.
const TICK: Duration = Duration::from_millis(500);

/// Sends results for `ids` from a new thread (on every core), then ends.
fn spawn_checks(ids: Vec<usize>, files: &[PathBuf], check: &Check, tx: &Sender<(usize, Checked)>) {
    let jobs: Vec<(usize, PathBuf)> = ids.into_iter().map(|i| (i, files[i].clone())).collect();
    let check = check.clone();
    let tx = tx.clone();
    std::thread::Builder::new()
        .name("jobpost-list".into())
        .spawn(move || {
            jobs.into_par_iter().for_each_with(tx, |tx, (id, path)| {
                let modified = std::fs::metadata(&path).and_then(|m| m.modified()).ok();
                // A bug in a rule costs this row its figures, not the list.
                let result = panic::catch_unwind(AssertUnwindSafe(|| check(id)))
                    .unwrap_or_else(|_| Err("checking it failed (a bug in jobpost)".into()));
                let _ = tx.send((id, Checked { result, modified }));
            });
        })
        .expect("a thread for the folder view's checks");
}

/// Runs the folder view until the user quits; gives the exit status (0, or the editor's
/// when it ended on a signal). The terminal is restored on every exit path.
pub fn run(folder: Folder, open: Open) -> anyhow::Result<u8> {
    let Folder {
        root,
        files,
        unreadable,
        check,
        mouse,
    } = folder;
    let (tx, rx) = mpsc::channel();
    let mut state = ListState::new(&root, files.clone(), unreadable);
    // Nothing unsaved here: a hang-up just restores the terminal and exits.
    let _watch = Watch::start()?;
    let winch = Winch::register()?;
    let mut terminal = init(mouse)?;
    let result = panic::catch_unwind(AssertUnwindSafe(|| {
        // Rows past the postings found are folders the search could not read.
        let mut recheck = |state: &mut ListState, ids: Vec<usize>| {
            let ids: Vec<usize> = ids.into_iter().filter(|&i| i < files.len()).collect();
            state.rechecking(&ids);
            spawn_checks(ids, &files, &check, &tx);
        };
        event_loop(
            &mut terminal,
            &mut state,
            &rx,
            &winch,
            &mut recheck,
            open,
            mouse,
        )
    }));
    match result {
        Ok(r) => {
            crate::tui::signals::leave_terminal();
            r
        }
        // ratatui's hook has restored the terminal and printed the panic.
        Err(p) => panic::resume_unwind(p),
    }
}

/// The editor's terminal set-up (modes, and their undoing on a panic), cleared too: back from
/// the editor, a terminal without an alternate screen (or one kept by a multiplexer) still
/// shows the editor's last frame, and the new frame draws only what it thinks changed.
fn init(mouse: bool) -> std::io::Result<DefaultTerminal> {
    let terminal = terminal::init(mouse)?;
    ratatui::crossterm::execute!(
        std::io::stdout(),
        ratatui::crossterm::terminal::Clear(ratatui::crossterm::terminal::ClearType::All)
    )?;
    Ok(terminal)
}

fn draw(terminal: &mut DefaultTerminal, state: &mut ListState) -> std::io::Result<()> {
    let area = terminal.get_frame().area();
    state.scroll_to(ui::rows_height(area));
    terminal.draw(|frame| ui::draw(state, frame))?;
    Ok(())
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    state: &mut ListState,
    rx: &Receiver<(usize, Checked)>,
    winch: &Winch,
    recheck: &mut dyn FnMut(&mut ListState, Vec<usize>),
    open: Open,
    mouse: bool,
) -> anyhow::Result<u8> {
    // The first frame goes out before any result: the rows are known, their figures not.
    draw(terminal, state)?;
    // Then the checks start (they take every core).
    recheck(state, (0..state.rows().len()).collect());
    let mut dirty = false;
    let mut drawn = Instant::now();
    loop {
        if winch.take() {
            resize(terminal)?;
            dirty = true;
        }
        // Results fold in between keys; a burst of them is drawn once per frame.
        let results: Vec<(usize, Checked)> = rx.try_iter().collect();
        if !results.is_empty() {
            state.checked_all(results);
            dirty = true;
        }
        if dirty && (drawn.elapsed() >= FRAME || !state.checking()) {
            draw(terminal, state)?;
            drawn = Instant::now();
            dirty = false;
        }
        let timeout = if dirty {
            FRAME
                .saturating_sub(drawn.elapsed())
                .max(Duration::from_millis(1))
        } else if state.busy() {
            FRAME
        } else {
            TICK
        };
        if !input::poll(timeout)? {
            continue;
        }
        // Read as the editor reads: a batch, Esc + sequence as Esc and its key.
        let mut answer = false;
        let mut batch = input::read_batch()?.into_iter();
        while let Some(ev) = batch.next() {
            let outcome = match ev {
                Event::Key(key) if key.kind == KeyEventKind::Press => state.handle_key(key),
                Event::Paste(text) => {
                    state.paste(&text);
                    answer = true;
                    continue;
                }
                Event::Resize(..) => {
                    resize(terminal)?;
                    dirty = true;
                    continue;
                }
                Event::Mouse(m) if mouse => {
                    let outcome = state.handle_mouse(m, ui::ROWS_TOP);
                    if outcome == Outcome::None {
                        dirty = true;
                        continue;
                    }
                    outcome
                }
                _ => continue,
            };
            answer = true;
            match outcome {
                Outcome::None => {}
                Outcome::Quit => return Ok(0),
                Outcome::Redraw => resize(terminal)?,
                Outcome::Recheck(ids) => recheck(state, ids),
                Outcome::Open(id) => {
                    let path = state.rows()[id].path.clone();
                    // The editor sets the terminal up and restores it itself. Its first frame
                    // assumes a blank screen, and entering the alternate screen while in it
                    // clears nothing: clear it here (blank for a moment, never the list behind
                    // the editor).
                    ratatui::crossterm::execute!(
                        std::io::stdout(),
                        ratatui::crossterm::terminal::Clear(
                            ratatui::crossterm::terminal::ClearType::All
                        )
                    )?;
                    // Keys typed after Enter are the editor's.
                    input::unread(batch.by_ref());
                    let status = open(&path);
                    // The editor ended on a hang-up or signal: so does the list (the terminal
                    // may be gone).
                    if let Ok(code @ 1..) = status {
                        return Ok(code);
                    }
                    *terminal = init(mouse)?;
                    if let Err(e) = status {
                        state.message = Some(format!("Not opened: {e}"));
                    }
                    recheck(state, vec![id]);
                }
            }
        }
        if !answer {
            continue;
        }
        // A key's frame goes out at once.
        draw(terminal, state)?;
        drawn = Instant::now();
        dirty = false;
    }
}
