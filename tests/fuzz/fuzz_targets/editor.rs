//! The editor: random key sequences over a random posting through the editor's own key
//! handling, effects run as the event loop runs them (saves really write, into a fresh
//! folder), each frame drawn on a TestBackend (80x24 or 60x15) and the idle work run between
//! keys. Nothing may panic; what is saved is what the editor holds.
//! Input: `keys \0 posting`; each key is one byte (see `key`), or two for a non-ASCII
//! character.
#![no_main]

use std::time::{Duration, Instant};

use jobpost::posting::Posting;
use jobpost::tui::Launch;
use jobpost::tui::action::Effect;
use jobpost::tui::app::{App, Theme};
use libfuzzer_sys::fuzz_target;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Characters that are more than one byte: accents, CJK, emoji with a joiner, a curly
/// apostrophe, combining marks, right-to-left, a control character.
const WIDE: &[char] = &[
    'é', '日', '💼', '\u{200d}', '’', '\u{301}', 'ש', '\u{1b}', '\u{a0}', '€', '٣', '\t',
];

const CTRL: &[char] = &[
    's', 'q', 'n', 'p', 'r', 'z', 'y', 'f', 't', 'o', 'd', 'l', 'u', 'w', 'a', 'e', 'k', 'c', 'v',
    'x', 'h',
];

/// One byte (and the next, for a wide character) as a key.
fn key(b: u8, next: Option<u8>) -> (KeyEvent, bool) {
    let k = |code| KeyEvent::new(code, KeyModifiers::NONE);
    let special = [
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Backspace,
        KeyCode::Delete,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Home,
        KeyCode::End,
        KeyCode::PageUp,
        KeyCode::PageDown,
        KeyCode::F(1),
        KeyCode::F(2),
        KeyCode::F(3),
    ];
    match b {
        0..=16 => (k(special[usize::from(b)]), false),
        17..=31 => {
            let c = CTRL[usize::from(b - 17) % CTRL.len()];
            (KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL), false)
        }
        32..=126 => (k(KeyCode::Char(char::from(b))), false),
        127 => (KeyEvent::new(KeyCode::Char('<'), KeyModifiers::ALT), false),
        128 => (KeyEvent::new(KeyCode::Char('>'), KeyModifiers::ALT), false),
        129 => (
            KeyEvent::new(KeyCode::Up, KeyModifiers::CONTROL | KeyModifiers::ALT),
            false,
        ),
        130 => (
            KeyEvent::new(KeyCode::Down, KeyModifiers::CONTROL | KeyModifiers::ALT),
            false,
        ),
        131..=140 => {
            let code = special[usize::from(b - 131) + 6];
            (KeyEvent::new(code, KeyModifiers::SHIFT), false)
        }
        _ => {
            let c = WIDE[usize::from(next.unwrap_or(b)) % WIDE.len()];
            (k(KeyCode::Char(c)), next.is_some())
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some(nul) = data.iter().position(|&b| b == 0) else {
        return;
    };
    let (keys, text) = (&data[..nul], &data[nul + 1..]);
    let Ok(posting) = Posting::from_bytes(text.to_vec()) else {
        return;
    };
    let Ok(dir) = tempfile::tempdir() else {
        return;
    };
    let file = dir.path().join("posting.md");
    let new = keys.first().is_some_and(|b| b & 1 == 1);
    if !new && std::fs::write(&file, posting.text()).is_err() {
        return;
    }
    let mut app = App::with_theme(
        Launch {
            path: (!new).then(|| file.clone()),
            posting,
        },
        Theme { color: false },
    );
    app.set_recovery_dir(None);
    app.defer_review();
    let (w, h) = if keys.first().is_some_and(|b| b & 2 == 2) {
        (60, 15)
    } else {
        (80, 24)
    };
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("a test backend");
    let start = Instant::now();
    let mut now = start;
    let mut i = 0;
    while i < keys.len() {
        let (k, two) = key(keys[i], keys.get(i + 1).copied());
        i += if two { 2 } else { 1 };
        let mut effect = app.handle_key(k);
        while let Some(e) = effect.take() {
            effect = match e {
                Effect::Quit => return,
                Effect::Redraw => None,
                // A typed Save-as name lands in the fresh folder, never elsewhere.
                Effect::Save { path, then_quit } => {
                    let name = path.file_name().map_or("x.md".into(), |n| n.to_owned());
                    app.save(&dir.path().join(name), then_quit)
                }
            };
        }
        terminal.draw(|f| app.draw(f)).expect("draw");
        app.touched(now);
        if app.fold_after_frame() {
            terminal.draw(|f| app.draw(f)).expect("draw");
        }
        // Every third key comes after a pause: the idle work runs.
        now += if i % 3 == 0 {
            Duration::from_millis(400)
        } else {
            Duration::from_millis(20)
        };
        if app.idle(now).0 {
            terminal.draw(|f| app.draw(f)).expect("draw");
        }
        // What the editor holds is always a posting that reads back as itself.
        let text = app.posting().text().to_string();
        assert_eq!(Posting::parse(text.as_str()).text(), text);
        if let Some(saved) = app.path().filter(|_| !app.modified()) {
            if let Ok(on_disk) = std::fs::read_to_string(saved) {
                assert_eq!(on_disk, text, "saved text differs from the editor's");
            }
        }
    }
});
