//! Helpers shared by the editor test files (each `tests/*.rs` includes this with `mod common;`):
//! the key notation, and the one way tests drive the App — through the event loop's own
//! effect runner (saves really write, reloads really read).
#![allow(dead_code)]

use jobpost::tui::app::App;
use jobpost::tui::runtime::Runtime;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// What running keys led to.
#[derive(Default, Debug)]
pub struct Run {
    /// The App asked to quit.
    pub quit: bool,
    /// Redraws (Ctrl-L) asked for.
    pub redraws: usize,
}

/// Feeds keys to the app, running their effects as the event loop does.
pub fn drive(app: &mut App, key_string: &str) -> Run {
    let mut run = Run::default();
    let mut runtime = Runtime::default();
    for k in keys(key_string) {
        let effects = app.handle_key(k);
        let flow = runtime.run(app, effects);
        if flow.redraw {
            run.redraws += 1;
        }
        if flow.quit {
            run.quit = true;
            return run;
        }
    }
    run
}

/// A mouse event at column `x`, row `y`, handled and its effects run as the event loop does.
pub fn mouse(app: &mut App, kind: ratatui::crossterm::event::MouseEventKind, x: u16, y: u16) {
    let event = ratatui::crossterm::event::MouseEvent {
        kind,
        column: x,
        row: y,
        modifiers: KeyModifiers::NONE,
    };
    let effects = app.handle_mouse(event);
    Runtime::default().run(app, effects);
}

/// Draws a frame of `w`x`h` as the event loop does (the App learns the screen's size and
/// where its pane's text went); returns the screen as text.
pub fn frame(app: &mut App, w: u16, h: u16) -> String {
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    let mut view = jobpost::tui::ui::ViewCache::default();
    let area = t
        .draw(|f| jobpost::tui::ui::draw_cached(app, &mut view, f))
        .unwrap()
        .area;
    app.pane_drawn_at(view.pane_text);
    app.set_size(area);
    t.backend().to_string()
}

/// Saves to `path` (as the Save-as prompt does) and runs the effects.
pub fn save_as(app: &mut App, path: &std::path::Path) {
    let effects = app.save_as(path, false);
    Runtime::default().run(app, effects);
}

/// Pastes text (bracketed paste) and runs its effects.
pub fn paste(app: &mut App, text: &str) {
    let effects = app.handle_paste(text);
    Runtime::default().run(app, effects);
}

/// Parses `"<C-n>Acme<Tab><S-Tab><Esc><Enter><F1>"` into key events; `<lt>` and `<gt>` are
/// literal `<` and `>`.
pub fn keys(s: &str) -> Vec<KeyEvent> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        if c == '<'
            && let Some(end) = rest.find('>')
        {
            let name = &rest[1..end];
            rest = &rest[end + 1..];
            let (mods, base) = match name.split_once('-') {
                Some(("C", b)) => (KeyModifiers::CONTROL, b),
                Some(("S", b)) => (KeyModifiers::SHIFT, b),
                Some(("A", b)) => (KeyModifiers::ALT, b),
                _ => (KeyModifiers::NONE, name),
            };
            let code = match base {
                "Tab" if mods == KeyModifiers::SHIFT => KeyCode::BackTab,
                "Tab" => KeyCode::Tab,
                "Esc" => KeyCode::Esc,
                "Enter" => KeyCode::Enter,
                "Backspace" => KeyCode::Backspace,
                "Down" => KeyCode::Down,
                "Up" => KeyCode::Up,
                "Left" => KeyCode::Left,
                "Right" => KeyCode::Right,
                "End" => KeyCode::End,
                "Home" => KeyCode::Home,
                "lt" => KeyCode::Char('<'),
                "gt" => KeyCode::Char('>'),
                "PageDown" => KeyCode::PageDown,
                "PageUp" => KeyCode::PageUp,
                f if f.starts_with('F') => KeyCode::F(f[1..].parse().expect("F key number")),
                c if c.chars().count() == 1 => KeyCode::Char(c.chars().next().unwrap()),
                other => panic!("unknown key <{other}>"),
            };
            out.push(KeyEvent::new(code, mods));
        } else {
            rest = &rest[c.len_utf8()..];
            let code = if c == '\n' {
                KeyCode::Enter
            } else {
                KeyCode::Char(c)
            };
            out.push(KeyEvent::new(code, KeyModifiers::NONE));
        }
    }
    out
}

/// The screen at `w`x`h` drawn as the event loop draws it: with a view cache, and the pane
/// editor told where its text went (PgDn pages by that height).
pub fn screen_as_loop(app: &mut App, w: u16, h: u16) -> String {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    let mut view = jobpost::tui::ui::ViewCache::default();
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| jobpost::tui::ui::draw_cached(app, &mut view, f))
        .unwrap();
    app.pane_drawn_at(view.pane_text);
    t.backend().to_string()
}

/// The event loop's steps around each key, on a TestBackend: the key's effects run, the
/// frame is drawn (the pane learns where its text went), the model folds in after the frame,
/// and the idle work and worker reviews run after a pause. The editor fuzz target drives the
/// App through this too (`tests/fuzz/fuzz_targets/editor.rs`).
pub struct Loop {
    runtime: Runtime,
    view: jobpost::tui::ui::ViewCache,
    terminal: ratatui::Terminal<ratatui::backend::TestBackend>,
    /// The loop's clock: each key comes `pause` after the last one.
    pub now: std::time::Instant,
}

impl Loop {
    /// A loop drawing at `width` x `height`.
    pub fn new(width: u16, height: u16) -> Loop {
        Loop {
            runtime: Runtime::default(),
            view: Default::default(),
            terminal: ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height))
                .expect("a test backend"),
            now: std::time::Instant::now(),
        }
    }

    fn frame(&mut self, app: &mut App) {
        let view = &mut self.view;
        self.terminal
            .draw(|f| jobpost::tui::ui::draw_cached(app, view, f))
            .expect("drawing");
        app.pane_drawn_at(self.view.pane_text);
    }

    /// One key, `pause` after the last, as the event loop handles it; true when the App
    /// asked to quit.
    pub fn key(&mut self, app: &mut App, key: KeyEvent, pause: std::time::Duration) -> bool {
        self.now += pause;
        let effects = app.handle_key(key);
        if self.runtime.run(app, effects).quit {
            return true;
        }
        self.frame(app);
        app.touched(self.now);
        if app.fold_after_frame() {
            self.frame(app);
        }
        let (drawn, _) = app.idle(self.now);
        let flow = self.runtime.run_pending(app);
        let arrived = self.runtime.poll(app);
        if drawn || arrived {
            self.frame(app);
        }
        flow.quit
    }

    /// The screen as last drawn.
    pub fn screen(&self) -> String {
        self.terminal.backend().to_string()
    }
}
pub mod pty;
