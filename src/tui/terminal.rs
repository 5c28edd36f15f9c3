//! The terminal side: init/restore and the event loop, which draws, turns terminal events into
//! keys for the App, and runs effects. The loop polls with a timeout so it can refresh the
//! recovery file after an idle pause.
//!
//! Every way out keeps unsaved text: SIGHUP and SIGTERM are handled by the watch thread in
//! [`super::signals`] (the loop publishes the unsaved text to it after every step); a terminal
//! error writes the recovery file and then restores the terminal; a panic restores the
//! terminal first (ratatui's hook, which wraps the default one), then unwinds to here, where
//! the recovery file is written before the panic continues.

use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{Event, KeyEventKind};

use super::app::{App, Pending};
use super::runtime::{self, Runtime};
use super::screen::Screen;
use super::signals::{self, Watch};
use super::ui::ViewCache;
use super::{Launch, Reading, Start, input, limits};
use crate::recovery;

/// Runs the editor in the real terminal until the user quits; the terminal is restored on
/// every exit path (including errors, signals and panics). Returns the exit status 0; after
/// SIGHUP or SIGTERM the watch thread exits with 129 or 143.
pub fn run(
    start: Start,
    pending: Option<Pending>,
    rules: crate::review::Rules,
    settings: super::Settings,
) -> anyhow::Result<u8> {
    let watch = Watch::start()?;
    let winch = Winch::register()?;
    let mut terminal = init(settings.mouse)?;
    let mut screen = Screen::default();
    let launch = match start {
        Start::Ready(launch) => launch,
        Start::Reading(reading) => {
            match first_screen_while_reading(&mut terminal, &mut screen, reading) {
                Ok(launch) => launch,
                Err(e) => {
                    signals::leave_terminal();
                    return Err(e);
                }
            }
        }
    };
    let mut app = App::new(launch).with_rules(rules).with_view(settings.view);
    app.defer_review();
    if let Some(p) = pending {
        app.pending_recovery(p);
    }
    let result = panic::catch_unwind(AssertUnwindSafe(|| {
        event_loop(
            &mut terminal,
            &mut screen,
            &mut app,
            &watch,
            &winch,
            settings.mouse,
        )
    }));
    match result {
        Ok(Ok(())) => {
            // Saved or discarded: a hang-up after this (back in the folder view) keeps nothing.
            watch.publish(None, None, None);
            signals::leave_terminal();
            // Nothing unsaved (or discarded): a recovery file of ours has no use left.
            if !app.modified() {
                let _ = runtime::write_recovery(&mut app);
            }
            Ok(0)
        }
        Ok(Err(e)) => {
            // A dropped connection can reach the loop as a read or write error just before
            // its SIGHUP reaches the watch thread: give that a moment (it keeps the text and
            // ends the process as a hang-up), so the two never write the recovery file at
            // once; then keep the text here, holding the loop's lock as a step does.
            std::thread::sleep(signals::POLL * 3);
            let kept = {
                let _busy = watch.busy();
                runtime::write_recovery(&mut app)
            };
            signals::leave_terminal();
            // The terminal gone without a SIGHUP ends the same way.
            if signals::terminal_gone() {
                return Ok(signals::hung_up(&kept));
            }
            signals::report(&kept, "terminal error");
            Err(e)
        }
        Err(panic) => {
            // Our hook (around ratatui's) has restored the terminal and printed the panic.
            let kept = runtime::write_recovery(&mut app);
            match kept {
                // Recovered text that crashes again is set aside, so that opening the posting
                // does not offer it (and crash) in a loop.
                Ok(Some(file)) if app.holds_recovered_text() => {
                    signals::report_set_aside(&file, recovery::set_aside(&file));
                }
                kept => signals::report(&kept, "crash"),
            }
            panic::resume_unwind(panic)
        }
    }
}

/// Draws the beginning of a large posting (a frame that says it is still reading), then
/// reads and parses the whole; a file that turns out not to be a posting (a NUL or invalid
/// UTF-8 further on) ends here with its error, the terminal restored. Nothing is read from
/// the keyboard meanwhile: keys wait for the editor.
fn first_screen_while_reading(
    terminal: &mut DefaultTerminal,
    screen: &mut Screen,
    reading: Reading,
) -> anyhow::Result<Launch> {
    let Reading {
        path,
        preview,
        detect,
    } = reading;
    {
        let first = App::new(Launch {
            path: Some(path.clone()),
            posting: preview,
        })
        .reading();
        screen.draw(terminal, |frame, _| {
            super::ui::draw(&first, frame);
            None
        })?;
    }
    let text = crate::store::read_text(&path)?;
    let posting = crate::posting::Posting::parse_here(text, detect);
    Ok(Launch {
        path: Some(path),
        posting,
    })
}

/// ratatui's `try_init` (panic hook, raw mode, alternate screen) with bracketed paste (and
/// mouse capture when `mouse`), but with the viewport fixed
/// at the terminal's size: a fullscreen viewport asks the terminal for its size before every
/// frame (crossterm opens `/dev/tty` for that: three system calls per keystroke). The size
/// changes only on SIGWINCH, and the loop resizes the viewport then.
pub(super) fn init(mouse: bool) -> std::io::Result<DefaultTerminal> {
    let (width, height) = ratatui::crossterm::terminal::size()?;
    let area = ratatui::layout::Rect::new(0, 0, width, height);
    let terminal = ratatui::try_init_with_options(ratatui::TerminalOptions {
        viewport: ratatui::Viewport::Fixed(area),
    })?;
    ratatui::crossterm::execute!(
        std::io::stdout(),
        ratatui::crossterm::terminal::EnterAlternateScreen,
        ratatui::crossterm::event::EnableBracketedPaste
    )?;
    if mouse {
        ratatui::crossterm::execute!(
            std::io::stdout(),
            ratatui::crossterm::event::EnableMouseCapture
        )?;
    }
    // A panic leaves bracketed paste and the mouse off too (ratatui's hook, installed above,
    // restores the rest and prints the panic).
    let ratatui_hook = panic::take_hook();
    panic::set_hook(Box::new(move |info| {
        let _ = ratatui::crossterm::execute!(
            std::io::stdout(),
            ratatui::crossterm::event::DisableBracketedPaste,
            ratatui::crossterm::event::DisableMouseCapture
        );
        ratatui_hook(info);
    }));
    Ok(terminal)
}

/// Gives the terminal to the user's editor (`leave`) and takes it back: the modes `init`
/// set are undone and redone. Meanwhile Ctrl-C and Ctrl-\ reach the editor only: this
/// process ignores SIGINT and SIGQUIT, as git does around an editor (and otherwise acts on
/// them as it always did).
fn hand_off(mouse: bool) -> runtime::HandOff {
    use ratatui::crossterm::{cursor, event as ev, terminal as term};
    use std::sync::atomic::{AtomicBool, Ordering};
    // While false, SIGINT and SIGQUIT do nothing; while true, what they do by default.
    let default_action = std::sync::Arc::new(AtomicBool::new(true));
    let mut registered = false;
    Box::new(move |leave| {
        let mut out = std::io::stdout();
        if leave {
            if !registered {
                for sig in [signal_hook::consts::SIGINT, signal_hook::consts::SIGQUIT] {
                    signal_hook::flag::register_conditional_default(sig, default_action.clone())?;
                }
                registered = true;
            }
            default_action.store(false, Ordering::SeqCst);
            ratatui::crossterm::execute!(
                out,
                ev::DisableMouseCapture,
                ev::DisableBracketedPaste,
                term::LeaveAlternateScreen,
                cursor::Show
            )?;
            term::disable_raw_mode()
        } else {
            term::enable_raw_mode()?;
            ratatui::crossterm::execute!(
                out,
                term::EnterAlternateScreen,
                ev::EnableBracketedPaste
            )?;
            if mouse {
                ratatui::crossterm::execute!(out, ev::EnableMouseCapture)?;
            }
            default_action.store(true, Ordering::SeqCst);
            Ok(())
        }
    })
}

/// Whether a SIGWINCH came since the last look. Our own flag besides crossterm's resize
/// event: crossterm drops that event when a key is read in the same poll (it returns the key
/// and the signal's readiness is not reported again), so the event alone can miss a resize.
pub(super) struct Winch(std::sync::Arc<std::sync::atomic::AtomicBool>);

impl Winch {
    pub(super) fn register() -> std::io::Result<Self> {
        let flag = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        signal_hook::flag::register(signal_hook::consts::SIGWINCH, flag.clone())?;
        Ok(Winch(flag))
    }

    pub(super) fn take(&self) -> bool {
        self.0.swap(false, std::sync::atomic::Ordering::Relaxed)
    }
}

/// Follows a resize: the viewport takes the terminal's size as it is now (an event's may
/// already be out of date in a storm of resizes), and the next frame is drawn whole.
pub(super) fn resize(terminal: &mut DefaultTerminal) -> std::io::Result<()> {
    let (width, height) = ratatui::crossterm::terminal::size()?;
    // Always redrawn whole: the terminal may have cut or reflowed what it showed, even
    // when the size came back to what it was.
    terminal.resize(ratatui::layout::Rect::new(0, 0, width, height))
}

/// `resize` for the editor, whose own copy of the screen is forgotten too.
fn redraw_whole(terminal: &mut DefaultTerminal, screen: &mut Screen) -> std::io::Result<()> {
    resize(terminal)?;
    screen.forget();
    Ok(())
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    screen: &mut Screen,
    app: &mut App,
    watch: &Watch,
    winch: &Winch,
    mouse: bool,
) -> anyhow::Result<()> {
    let mut runtime = Runtime::with_hand_off(hand_off(mouse));
    let mut view = ViewCache::default();
    let mut needs_draw = true;
    let mut published = None;
    loop {
        publish(app, watch, &mut published);
        if winch.take() {
            redraw_whole(terminal, screen)?;
            needs_draw = true;
        }
        if needs_draw {
            let _busy = watch.busy();
            frame(terminal, screen, app, &mut view)?;
            needs_draw = false;
            // The key's effect is on screen; the model catches up after it.
            if app.fold_after_frame() {
                frame(terminal, screen, app, &mut view)?;
            }
        }
        // Whole-posting work (the review of a large posting) waits for a pause in typing.
        let (idle_drawn, idle_due) = app.idle(Instant::now());
        let flow = runtime.run_pending(app);
        let arrived = runtime.poll(app);
        if idle_drawn || arrived {
            let _busy = watch.busy();
            frame(terminal, screen, app, &mut view)?;
        }
        if flow.quit {
            return Ok(());
        }
        let poll_due = runtime.reviewing().then_some(limits::REVIEW_POLL);
        let timeout = app
            .recovery_due_in(Instant::now())
            .map_or(limits::LOOP_TICK, |d| d.min(limits::LOOP_TICK))
            .min(idle_due.unwrap_or(limits::LOOP_TICK))
            .min(poll_due.unwrap_or(limits::LOOP_TICK));
        if input::poll(timeout)? {
            let _busy = watch.busy();
            let mut pressed = false;
            let mut batch = input::read_batch()?.into_iter();
            while let Some(ev) = batch.next() {
                let effects = match ev {
                    Event::Key(key) if key.kind == KeyEventKind::Press => {
                        fault_injection(&key);
                        pressed = true;
                        app.handle_key(key)
                    }
                    Event::Paste(text) => {
                        pressed = true;
                        app.handle_paste(&text)
                    }
                    // With the mouse left to the terminal, a mouse report (from a program that
                    // left capture on) is not ours to act on.
                    Event::Mouse(m) if mouse => app.handle_mouse(m),
                    // A resize (or anything else) just leads to the next draw (at the new
                    // size: see `winch`).
                    _ => Vec::new(),
                };
                let flow = runtime.run(app, effects);
                if flow.quit {
                    // Keys typed after the quit are the folder view's (when it opened us).
                    input::unread(batch);
                    return Ok(());
                }
                if let Some(text) = &flow.clipboard {
                    super::clipboard::send(terminal.backend_mut(), text)?;
                }
                if flow.redraw {
                    // Not `Terminal::clear`: it asks the terminal where the cursor is, and
                    // a terminal that does not answer within 2 s (a slow SSH link) would
                    // end the session. Resizing to the size it has clears the screen and
                    // forgets the last frame without asking.
                    redraw_whole(terminal, screen)?;
                }
            }
            // The batch's frame goes out first; the bookkeeping (and the review) after it.
            if winch.take() {
                redraw_whole(terminal, screen)?;
            }
            frame(terminal, screen, app, &mut view)?;
            needs_draw = false;
            if pressed {
                app.touched(Instant::now());
            }
            publish(app, watch, &mut published);
            if app.fold_after_frame() {
                frame(terminal, screen, app, &mut view)?;
            }
        }
        if app.recovery_due_in(Instant::now()) == Some(Duration::ZERO) {
            let _busy = watch.busy();
            if let Err(e) = runtime::write_recovery(app) {
                app.show_error(format!("Recovery file not written: {e}"));
                needs_draw = true;
            }
        }
    }
}

/// Draws one frame; the pane editor learns where its text went.
fn frame(
    terminal: &mut DefaultTerminal,
    screen: &mut Screen,
    app: &mut App,
    view: &mut ViewCache,
) -> std::io::Result<()> {
    // The editor draws its own cursor (a cell's style): the terminal's stays hidden.
    let area = screen.draw(terminal, |f, copies| {
        super::ui::draw_cached(app, view, f);
        copies.extend_from_slice(&view.copies);
        None
    })?;
    app.pane_drawn_at(view.pane_text);
    app.set_size(area);
    Ok(())
}

/// Publishes what a hang-up now would keep, when the posting (or where it would be kept)
/// changed: not per key. A large posting's pane folds in after an idle pause (or on leaving
/// it), so a hang-up mid-typing there keeps the text of that moment.
fn publish(app: &App, watch: &Watch, published: &mut Option<(u64, Option<PathBuf>, bool)>) {
    let (file, origin) = app.recovery_target();
    let now = (
        app.generation(),
        file.map(Path::to_path_buf),
        app.modified(),
    );
    if published.as_ref() != Some(&now) {
        watch.publish(file, origin, app.modified().then(|| app.posting().text()));
        *published = Some(now);
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
