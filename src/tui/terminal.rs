//! The terminal side: init/restore and the event loop, which draws, turns terminal events into
//! keys for the App, and runs effects. The loop polls with a timeout so it can also refresh the
//! recovery file after an idle pause and notice SIGHUP/SIGTERM ([`super::signals`]).
//!
//! Every way out keeps unsaved text: a hang-up, a termination signal or a terminal error
//! writes the recovery file and then restores the terminal; a panic restores the terminal
//! first (ratatui's hook, which wraps the default one), then unwinds to here, where the
//! recovery file is written before the panic continues.

use std::io::Write;
use std::panic::{self, AssertUnwindSafe};
use std::time::{Duration, Instant};

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, Event, KeyEventKind};

use super::Launch;
use super::action::Effect;
use super::app::{App, Pending};
use super::signals::Signals;

/// How often the loop wakes without input, to notice a signal.
const TICK: Duration = Duration::from_millis(200);

/// Why the loop ended.
enum Exit {
    /// The user quit.
    Quit,
    /// SIGHUP or SIGTERM.
    Signal(i32),
}

/// Runs the editor in the real terminal until the user quits; the terminal is restored on
/// every exit path (including errors, signals and panics). Returns the exit status: 0, or
/// 128 + the signal number after SIGHUP (129) or SIGTERM (143).
pub fn run(launch: Launch, pending: Option<Pending>) -> anyhow::Result<u8> {
    let mut app = App::new(launch);
    if let Some(p) = pending {
        app.pending_recovery(p);
    }
    let signals = Signals::install()?;
    let mut terminal = ratatui::try_init()?;
    let result = panic::catch_unwind(AssertUnwindSafe(|| {
        event_loop(&mut terminal, &mut app, &signals)
    }));
    match result {
        Ok(Ok(Exit::Quit)) => {
            ratatui::restore();
            // Nothing unsaved (or discarded): a recovery file of ours has no use left.
            if !app.modified() {
                let _ = app.write_recovery();
            }
            Ok(0)
        }
        Ok(Ok(Exit::Signal(sig))) => {
            // The terminal may be gone (hang-up): keep the text first, then restore quietly.
            let kept = app.write_recovery();
            let _ = ratatui::try_restore();
            report(&kept, Signals::name(sig));
            Ok(128 + u8::try_from(sig).unwrap_or(0))
        }
        Ok(Err(e)) => {
            let kept = app.write_recovery();
            let _ = ratatui::try_restore();
            report(&kept, "terminal error");
            Err(e)
        }
        Err(panic) => {
            // ratatui's hook has restored the terminal and printed the panic.
            let kept = app.write_recovery();
            report(&kept, "crash");
            panic::resume_unwind(panic)
        }
    }
}

/// Tells the user (if stderr still works) where the unsaved text went.
fn report(kept: &Result<Option<std::path::PathBuf>, crate::store::StoreError>, why: &str) {
    let mut err = std::io::stderr().lock();
    let _ = match kept {
        Ok(Some(f)) => writeln!(
            err,
            "jobpost: {why}: unsaved text kept in {}\nhint: open the posting again to recover it, or see `jobpost recovery`",
            f.display()
        ),
        Ok(None) => Ok(()),
        Err(e) => writeln!(err, "jobpost: {why}: unsaved text could not be kept: {e}"),
    };
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    signals: &Signals,
) -> anyhow::Result<Exit> {
    let mut needs_draw = true;
    loop {
        if let Some(sig) = signals.caught() {
            return Ok(Exit::Signal(sig));
        }
        if needs_draw {
            terminal.draw(|frame| app.draw(frame))?;
            needs_draw = false;
        }
        let timeout = app
            .recovery_due_in(Instant::now())
            .map_or(TICK, |d| d.min(TICK));
        if event::poll(timeout)? {
            needs_draw = true;
            let mut effect = match event::read()? {
                Event::Key(key) if key.kind == KeyEventKind::Press => {
                    fault_injection(&key);
                    let e = app.handle_key(key);
                    app.touched(Instant::now());
                    e
                }
                // A resize (or anything else) just leads to the next draw at the new size.
                _ => None,
            };
            while let Some(e) = effect.take() {
                effect = match e {
                    Effect::Quit => return Ok(Exit::Quit),
                    Effect::Redraw => {
                        terminal.clear()?;
                        None
                    }
                    Effect::Save { path, then_quit } => app.save(&path, then_quit),
                };
            }
        }
        if app.recovery_due_in(Instant::now()) == Some(Duration::ZERO)
            && let Err(e) = app.write_recovery()
        {
            app.show_error(format!("Recovery file not written: {e}"));
            needs_draw = true;
        }
    }
}

/// Debug builds only: `JOBPOST_FAULT_PANIC=1` makes F12 panic, so the whole-program tests can
/// check that a crash restores the terminal and keeps the unsaved text.
fn fault_injection(key: &ratatui::crossterm::event::KeyEvent) {
    if cfg!(debug_assertions)
        && key.code == ratatui::crossterm::event::KeyCode::F(12)
        && std::env::var_os("JOBPOST_FAULT_PANIC").is_some()
    {
        panic!("injected fault (JOBPOST_FAULT_PANIC)");
    }
}
