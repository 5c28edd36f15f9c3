//! The editor: random key sequences over a random posting through the event loop's steps as
//! the tests' shared helper takes them (`tests/common`, `Loop`): effects run by the editor's
//! own runtime (saves really write, into a fresh folder), each frame drawn on a TestBackend
//! (80x24 or 60x15), idle work and worker reviews after pauses. Nothing may panic; the text
//! the editor holds always reads back as itself, and what it saved is what it holds.
//! Input: `keys \0 posting`; each key is one byte (see `key`), or two for a non-ASCII
//! character.
#![no_main]

use std::time::Duration;

use jobpost::posting::Posting;
use jobpost::tui::Launch;
use jobpost::tui::app::{App, Mode, PromptKind, Theme};
use libfuzzer_sys::fuzz_target;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[path = "../../common/mod.rs"]
mod common;

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

/// Where Save as writes: a folder of the fuzzing process's own.
static WORK: std::sync::LazyLock<tempfile::TempDir> = std::sync::LazyLock::new(|| {
    let dir = tempfile::tempdir().expect("a work folder");
    std::env::set_current_dir(dir.path()).expect("working there");
    dir
});

fuzz_target!(|data: &[u8]| {
    std::sync::LazyLock::force(&WORK);
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
    let mut run = common::Loop::new(w, h);
    let mut i = 0;
    while i < keys.len() {
        let (mut k, two) = key(keys[i], keys.get(i + 1).copied());
        i += if two { 2 } else { 1 };
        // A name typed at Save as is a plain file name, written where the process works (a
        // folder of its own): never an absolute path, `..` or `~`.
        if let (Mode::Prompt(p), KeyCode::Char(c)) = (app.mode(), k.code)
            && matches!(p.kind, PromptKind::SavePath { .. })
            && !c.is_ascii_alphanumeric()
        {
            k.code = KeyCode::Char('x');
        }
        // Every third key comes after a pause: the idle work runs.
        let pause = if i % 3 == 0 { 400 } else { 20 };
        if run.key(&mut app, k, Duration::from_millis(pause)) {
            return;
        }
        let text = app.posting().text().to_string();
        assert_eq!(Posting::parse(text.as_str()).text(), text);
        if let Some(saved) = app.path().filter(|_| !app.modified()) {
            if let Ok(on_disk) = std::fs::read_to_string(saved) {
                assert_eq!(on_disk, text, "saved text differs from the editor's");
            }
        }
    }
});
