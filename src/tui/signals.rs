//! Hang-up and termination. SIGHUP (a dropped SSH session) and SIGTERM are handled on a small
//! watch thread, not by the event loop: after a hang-up crossterm's `poll` spins forever on the
//! dead terminal (its read loop never gives up on EOF/EIO), so a loop that waits to see a flag
//! would never see it. The loop publishes the unsaved text after every step ([`Watch::publish`])
//! and holds [`Watch::busy`] while it works, so the watch thread writes a text that is not
//! half-way through a keystroke; then it restores the terminal and exits with 128 + the signal.
//! A terminal that hangs up without a SIGHUP reaching the process is treated as a SIGHUP.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use signal_hook::consts::{SIGHUP, SIGTERM};
use signal_hook::iterator::Signals;

use crate::recovery;

/// How often the watch thread looks for a signal or a hung-up terminal.
pub const POLL: Duration = Duration::from_millis(100);

/// The unsaved text and where its recovery file goes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Unsaved {
    /// The recovery file.
    pub file: PathBuf,
    /// The posting's path (for the header), `None` for a new posting.
    pub origin: Option<PathBuf>,
    /// The text with every edit so far.
    pub text: String,
}

/// Ends the editor as a hang-up does when the loop found the terminal gone: reports what
/// was kept, gives the exit status (128 + SIGHUP), as the watch thread does on the signal.
pub fn hung_up(kept: &Result<Option<PathBuf>, crate::store::StoreError>) -> u8 {
    report(kept, name(SIGHUP));
    status(SIGHUP)
}

/// Puts the terminal back as it was: bracketed paste and mouse capture off, then ratatui's restore (raw mode
/// off, main screen). Every way out of the editor goes through here.
pub fn leave_terminal() {
    let _ = ratatui::crossterm::execute!(
        std::io::stdout(),
        ratatui::crossterm::event::DisableBracketedPaste,
        ratatui::crossterm::event::DisableMouseCapture
    );
    let _ = ratatui::try_restore();
}

/// The exit status after signal `sig`.
fn status(sig: i32) -> u8 {
    (128 + sig) as u8
}

/// Whether the terminal is gone: neither stdin nor stdout is a terminal any more.
pub fn terminal_gone() -> bool {
    !(std::io::stdin().is_terminal() || std::io::stdout().is_terminal())
}

/// What the event loop shares with the watch thread.
#[derive(Debug, Clone, Default)]
struct Shared {
    busy: Arc<Mutex<()>>,
    unsaved: Arc<Mutex<Option<Unsaved>>>,
}

/// A loop's hold on the process's one watch thread. The folder view holds one and each editor
/// it opens another, over the same thread: a hang-up keeps what the editor published, and
/// a watch let go of (the editor returned) keeps nothing.
#[derive(Debug)]
pub struct Watch(Shared);

/// The watch thread's side, once it runs; one per process however many postings are opened.
static RUNNING: Mutex<Option<Shared>> = Mutex::new(None);

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Drop for Watch {
    fn drop(&mut self) {
        self.publish(None, None, None);
    }
}

impl Watch {
    /// The watch for SIGHUP and SIGTERM: its thread starts on the first call, later calls
    /// share it.
    pub fn start() -> std::io::Result<Watch> {
        let mut running = lock(&RUNNING);
        if let Some(shared) = running.as_ref() {
            return Ok(Watch(shared.clone()));
        }
        let shared = Shared::default();
        let mut signals = Signals::new([SIGHUP, SIGTERM])?;
        let w = shared.clone();
        let was_tty = !terminal_gone();
        std::thread::Builder::new()
            .name("jobpost-signals".into())
            .spawn(move || {
                loop {
                    if let Some(sig) = signals.pending().next() {
                        w.stop(sig);
                    }
                    // A terminal hung up without a SIGHUP reaching us (e.g. a shell that does
                    // not pass it on) stops answering terminal requests: treat it the same.
                    if was_tty && terminal_gone() {
                        w.stop(SIGHUP);
                    }
                    std::thread::sleep(POLL);
                }
            })?;
        *running = Some(shared.clone());
        Ok(Watch(shared))
    }

    /// Held by the event loop while it handles a key or runs an effect.
    pub fn busy(&self) -> MutexGuard<'_, ()> {
        lock(&self.0.busy)
    }

    /// Publishes the unsaved text (`None`: nothing unsaved). Cheap when nothing changed.
    pub fn publish(
        &self,
        file: Option<&std::path::Path>,
        origin: Option<&std::path::Path>,
        text: Option<&str>,
    ) {
        let mut u = lock(&self.0.unsaved);
        match (file, text) {
            (Some(file), Some(text)) => {
                let same = u.as_ref().is_some_and(|u| u.text == text && u.file == file);
                if !same {
                    *u = Some(Unsaved {
                        file: file.to_path_buf(),
                        origin: origin.map(std::path::Path::to_path_buf),
                        text: text.to_string(),
                    });
                }
            }
            _ => *u = None,
        }
    }
}

impl Shared {
    /// On a signal: wait (briefly) for the loop to finish its step, keep the unsaved text,
    /// restore the terminal, exit with 128 + the signal.
    fn stop(&self, sig: i32) -> ! {
        let deadline = Instant::now() + Duration::from_secs(2);
        let _busy = loop {
            match self.busy.try_lock() {
                Ok(g) => break Some(g),
                Err(std::sync::TryLockError::Poisoned(p)) => break Some(p.into_inner()),
                Err(std::sync::TryLockError::WouldBlock) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(10));
                }
                Err(std::sync::TryLockError::WouldBlock) => break None,
            }
        };
        let unsaved = lock(&self.unsaved).clone();
        let kept = unsaved
            .map(|u| recovery::write(&u.file, u.origin.as_deref(), &u.text).map(|()| u.file))
            .transpose();
        // The terminal may be gone (hang-up): errors here are ignored.
        leave_terminal();
        // The event loop's `Terminal` is never dropped (we exit from here), so show the
        // cursor it hid.
        let _ = ratatui::crossterm::execute!(std::io::stdout(), ratatui::crossterm::cursor::Show);
        report(&kept, name(sig));
        std::process::exit(status(sig).into())
    }
}

/// Tells the user (if stderr still works) where the unsaved text went.
pub fn report(kept: &Result<Option<PathBuf>, crate::store::StoreError>, why: &str) {
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

/// After a crash with recovered text: where that text now is, and that it will not be
/// offered again.
pub fn report_set_aside(file: &std::path::Path, aside: std::io::Result<PathBuf>) {
    let mut err = std::io::stderr().lock();
    let _ = match aside {
        Ok(aside) => writeln!(
            err,
            "jobpost: crash: the recovered text crashed jobpost again; it is kept in {} and not offered again\nhint: `{}` opens it",
            aside.display(),
            recovery::recover_command(&aside)
        ),
        Err(e) => writeln!(
            err,
            "jobpost: crash: unsaved text kept in {} (it could not be set aside: {e})",
            file.display()
        ),
    };
}

/// The name of a signal for messages.
pub fn name(sig: i32) -> &'static str {
    match sig {
        SIGHUP => "SIGHUP",
        SIGTERM => "SIGTERM",
        _ => "signal",
    }
}
