//! Whole-program tests for text as people write it: the cursor and Backspace over grapheme
//! clusters, wide titles in the outline, and copy/cut/paste with the terminal's clipboard
//! (OSC 52). The real `jobpost` runs in a pseudo-terminal; its output goes to a vt100
//! parser and, raw, to a byte log (OSC 52 never reaches the screen).

mod common;

use std::path::PathBuf;

use common::pty::Term;

const CTRL_C: &[u8] = b"\x03";
const CTRL_V: &[u8] = b"\x16";
const CTRL_X: &[u8] = b"\x18";
const CTRL_Z: &[u8] = b"\x1a";
const RIGHT: &[u8] = b"\x1b[C";
const LEFT: &[u8] = b"\x1b[D";
const DOWN: &[u8] = b"\x1b[B";
const HOME: &[u8] = b"\x1b[H";
const END: &[u8] = b"\x1b[F";
const SHIFT_RIGHT: &[u8] = b"\x1b[1;2C";
const BACKSPACE: &[u8] = b"\x7f";

fn posting(text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("job.md");
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

/// `é` written as `e` + U+0301, after a woman-technologist emoji (three code points).
const LINE: &str = "A👩\u{200d}💻B cafe\u{301}";

fn about(line: &str) -> String {
    format!("# Engineer\n\n## About Us\n\n{line}\n\n## Role\n\nBuild [Product].\n")
}

/// Focuses the About Us pane with the cursor at the start of its first text line.
fn to_line(s: &mut Term) {
    s.wait_for("Outline");
    s.wait_for("About Us");
    s.send(b"\t");
    s.wait_for("▶ About Us");
    s.type_keys(&[DOWN, HOME]);
}

#[test]
fn one_right_press_crosses_an_emoji_and_backspace_removes_an_accented_letter() {
    let (_dir, path) = posting(&about(LINE));
    let mut s = Term::open(&path);
    to_line(&mut s);
    s.type_keys(&[RIGHT, RIGHT, b"X"]);
    s.wait_for("XB caf");
    s.type_keys(&[END, BACKSPACE, b"!"]);
    s.wait_for("XB caf!");
    // Back before the emoji: one Left press from after it.
    s.type_keys(&[HOME, RIGHT, RIGHT, LEFT, b"Y"]);
    s.wait_for("AY");
    s.save_and_quit();
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        about("AY👩\u{200d}💻XB caf!")
    );
}

#[test]
fn the_outline_shows_the_count_beside_a_wide_title_and_cuts_long_ones_with_an_ellipsis() {
    let text = "# Engineer\n\n## 会社について 🚀\n\n[Company Name] and [Company Name].\n\n\
                ## Ein sehr langer Abschnittstitel über unsere Arbeitsweise\n\n[City]\n";
    let (_dir, path) = posting(text);
    let s = Term::open(&path);
    s.wait_for("Outline");
    s.wait_for("会社について");
    let rows = s.rows();
    let row = rows.iter().find(|r| r.contains("会社について")).unwrap();
    let outline = row.split('│').nth(1).unwrap();
    assert!(
        outline.trim_end().ends_with(" 2"),
        "no count beside the title: {row:?}"
    );
    let long = rows.iter().find(|r| r.contains("Ein sehr")).unwrap();
    let outline = long.split('│').nth(1).unwrap();
    assert!(outline.contains('…'), "long title not cut with …: {long:?}");
    assert!(outline.trim_end().ends_with(" 1"), "no count: {long:?}");
}

#[test]
fn copy_sends_the_selection_to_the_terminal_clipboard_with_osc52() {
    let (_dir, path) = posting(&about("Acme builds things"));
    let mut s = Term::open(&path);
    to_line(&mut s);
    s.type_keys(&[SHIFT_RIGHT, SHIFT_RIGHT, SHIFT_RIGHT, SHIFT_RIGHT, CTRL_C]);
    // base64("Acme")
    let osc = b"\x1b]52;c;QWNtZQ==\x1b\\";
    s.wait_until("OSC 52 for Acme", || s.wrote(osc));
    s.wait_for("Copied");
}

#[test]
fn cut_then_paste_moves_text_and_one_undo_takes_the_paste_back() {
    let (_dir, path) = posting(&about("Acme builds things"));
    let mut s = Term::open(&path);
    to_line(&mut s);
    s.type_keys(&[
        SHIFT_RIGHT,
        SHIFT_RIGHT,
        SHIFT_RIGHT,
        SHIFT_RIGHT,
        SHIFT_RIGHT,
    ]);
    s.type_keys(&[CTRL_X]);
    // base64("Acme ")
    s.wait_until("OSC 52 for the cut", || {
        s.wrote(b"\x1b]52;c;QWNtZSA=\x1b\\")
    });
    s.wait_for("builds things");
    s.type_keys(&[END, b" ", CTRL_V]);
    s.wait_for("builds things Acme");
    s.type_keys(&[CTRL_V]);
    s.wait_for("builds things Acme Acme");
    s.type_keys(&[CTRL_Z]);
    s.wait_until("one undo for the paste", || {
        !s.screen().contains("Acme Acme") && s.screen().contains("things Acme")
    });
    s.save_and_quit();
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        about("builds things Acme ")
    );
}
