//! Helpers shared by the editor test files (each `tests/*.rs` includes this with `mod common;`).

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

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
