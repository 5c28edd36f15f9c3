//! Text as people write it, without a terminal: the cursor and deletions by grapheme cluster,
//! copy/cut/paste, Unicode case-folded find (keystroke tests: before, keys, file after), and
//! the outline with wide and long titles (TestBackend + insta at 80x24 and 60x15).

mod common;
use common::{Run, drive, keys};

use std::fs;

use jobpost::tui::Launch;
use jobpost::tui::app::{App, Theme};
use jobpost::tui::runtime::Runtime;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn open(text: &str) -> (tempfile::TempDir, std::path::PathBuf, App) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("posting.md");
    fs::write(&path, text).unwrap();
    let posting = jobpost::store::load(&path).unwrap();
    let app = App::with_theme(
        Launch {
            path: Some(path.clone()),
            posting,
        },
        Theme { color: false },
    );
    (dir, path, app)
}

/// Opens `before`, types `key_string` (ending with a save) and checks the file's bytes.
#[track_caller]
fn assert_keys(before: &str, key_string: &str, after: &str) -> (App, Run) {
    let (_dir, path, mut app) = open(before);
    let run = drive(&mut app, key_string);
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        after,
        "keys {key_string:?}"
    );
    (app, run)
}

fn screen(app: &App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| jobpost::tui::ui::draw(app, f)).unwrap();
    t.backend().to_string()
}

/// A posting whose About Us body is `line`; Tab focuses that pane, Down reaches the line.
fn about(line: &str) -> String {
    format!("# Engineer\n\n## About Us\n\n{line}\n\n## Role\n\nBuild [Product].\n")
}

const LINE: &str = "A👩\u{200d}💻B cafe\u{301}";
const TO_LINE: &str = "<Tab><Down><Home>";

// ---- clusters ----

#[test]
fn right_crosses_the_emoji_in_one_press_and_typing_never_splits_it() {
    assert_keys(
        &about(LINE),
        &format!("{TO_LINE}<Right><Right>X<C-s>"),
        &about("A👩\u{200d}💻XB cafe\u{301}"),
    );
    assert_keys(
        &about(LINE),
        &format!("{TO_LINE}<Right><Right><Left>X<C-s>"),
        &about("AX👩\u{200d}💻B cafe\u{301}"),
    );
}

#[test]
fn backspace_after_a_combining_accent_removes_the_whole_letter() {
    assert_keys(
        &about(LINE),
        &format!("{TO_LINE}<End><Backspace><C-s>"),
        &about("A👩\u{200d}💻B caf"),
    );
    assert_keys(
        &about(LINE),
        &format!("{TO_LINE}<Right><Right><Backspace><C-s>"),
        &about("AB cafe\u{301}"),
    );
}

#[test]
fn shift_right_selects_the_emoji_whole() {
    assert_keys(
        &about(LINE),
        &format!("{TO_LINE}<Right><S-Right>X<C-s>"),
        &about("AXB cafe\u{301}"),
    );
}

#[test]
fn ctrl_w_deletes_a_word_of_clusters() {
    assert_keys(
        &about("Büro cafe\u{301}"),
        &format!("{TO_LINE}<End><C-w><C-s>"),
        &about("Büro "),
    );
}

#[test]
fn up_and_down_never_leave_the_cursor_inside_an_emoji() {
    // Down from column 2 would land between 👩 and the joiner: typing must not split it.
    let text = "# E\n\n## About Us\n\nabcdef\nA👩\u{200d}💻B\n";
    let (_dir, path, mut app) = open(text);
    drive(&mut app, "<Tab><Down><Home>");
    for _ in 0..2 {
        drive(&mut app, "<Right>");
    }
    drive(&mut app, "<Down>X<C-s>");
    let got = fs::read_to_string(&path).unwrap();
    assert!(got.contains("👩\u{200d}💻"), "emoji split: {got:?}");
}

// ---- clipboard ----

/// Runs keys through the event loop's effect runner; returns the text the last of them put
/// on the terminal's clipboard.
fn osc52_after(app: &mut App, key_string: &str) -> Option<String> {
    let mut runtime = Runtime::default();
    let mut last = None;
    for k in keys(key_string) {
        let effects = app.handle_key(k);
        if let Some(text) = runtime.run(app, effects).clipboard {
            last = Some(text);
        }
    }
    last
}

#[test]
fn copy_puts_the_selection_on_the_terminal_clipboard_and_changes_nothing() {
    let (_dir, path, mut app) = open(&about("Acme builds things"));
    let sent = osc52_after(
        &mut app,
        &format!("{TO_LINE}<S-Right><S-Right><S-Right><S-Right><C-c>"),
    );
    assert_eq!(sent.as_deref(), Some("Acme"));
    let status = screen(&app, 80, 24);
    assert!(status.contains("Copied 4 characters"), "{status}");
    assert!(!app.modified());
    drive(&mut app, "<C-s>");
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        about("Acme builds things")
    );
}

#[test]
fn cut_then_paste_moves_text_and_each_is_one_undo_step() {
    let sel = "<S-Right>".repeat(5);
    assert_keys(
        &about("Acme builds things"),
        &format!("{TO_LINE}{sel}<C-x><End> <C-v><C-s>"),
        &about("builds things Acme "),
    );
    assert_keys(
        &about("Acme builds things"),
        &format!("{TO_LINE}{sel}<C-x><End> <C-v><C-v><C-z><C-s>"),
        &about("builds things Acme "),
    );
    assert_keys(
        &about("Acme builds things"),
        &format!("{TO_LINE}{sel}<C-x><C-z><C-s>"),
        &about("Acme builds things"),
    );
}

#[test]
fn with_nothing_selected_copy_and_cut_take_the_line_as_micro() {
    let text = "# E\n\n## About Us\n\none\ntwo\n";
    assert_keys(text, "<Tab><Down><C-x><C-s>", "# E\n\n## About Us\n\ntwo\n");
    assert_keys(
        text,
        "<Tab><Down><C-c><Down><C-v><C-s>",
        "# E\n\n## About Us\n\none\none\ntwo\n",
    );
}

#[test]
fn paste_before_any_copy_changes_nothing_and_says_so() {
    let (_dir, _path, mut app) = open(&about("Acme"));
    drive(&mut app, &format!("{TO_LINE}<C-v>"));
    assert!(!app.modified());
    assert!(screen(&app, 80, 24).contains("Nothing to paste"));
}

#[test]
fn ctrl_v_pastes_into_the_find_prompt() {
    let (_dir, _path, mut app) = open(&about("Acme builds things, Acme ships"));
    drive(
        &mut app,
        &format!("{TO_LINE}<S-Right><S-Right><S-Right><S-Right><C-c><Esc><C-f><C-v><Enter>"),
    );
    assert!(screen(&app, 80, 24).contains("2 matches"));
}

// ---- find ----

#[test]
fn find_folds_case_by_unicode_rules() {
    let text = "# E\n\n## About Us\n\nWir sind ÜBER 30 Leute in der GROẞEN Stadt.\n";
    let (_dir, _path, mut app) = open(text);
    drive(&mut app, "<C-f>über<Enter>");
    assert!(screen(&app, 80, 24).contains("1 match"), "über → ÜBER");
    let (_dir, _path, mut app) = open(text);
    drive(&mut app, "<C-f>großen<Enter>");
    assert!(screen(&app, 80, 24).contains("1 match"), "großen → GROẞEN");
}

// ---- outline ----

const WIDE: &str = "# Engineer\n\n## 会社について 🚀\n\n[Company Name] and [Company Name].\n\n\
                    ## Ein sehr langer Abschnittstitel über unsere Arbeitsweise\n\n[City]\n\n\
                    ## 👩\u{200d}💻 Team\n\nDone.\n";

#[test]
fn snapshot_outline_with_wide_and_long_titles_80x24() {
    let (_dir, _path, app) = open(WIDE);
    insta::assert_snapshot!(screen(&app, 80, 24));
}

#[test]
fn snapshot_outline_with_wide_and_long_titles_60x15() {
    let (_dir, _path, app) = open(WIDE);
    insta::assert_snapshot!(screen(&app, 60, 15));
}

#[test]
fn snapshot_fill_form_with_wide_placeholders_60x15() {
    let (_dir, _path, mut app) = open(
        "# 求人\n\n## 会社について 🚀\n\n[会社名] は [所在地、都道府県と市区町村] にあります。\n",
    );
    drive(&mut app, "<F2>");
    insta::assert_snapshot!(screen(&app, 60, 15));
}

#[test]
fn cut_and_paste_in_a_windowed_pane_of_a_large_posting() {
    // Over the window size: the pane holds a window of its lines; cut and paste still edit
    // the right bytes, each one undo step.
    let body: String = (0..6000)
        .map(|i| format!("line {i} 👩\u{200d}💻 café\n"))
        .collect();
    let text = format!("# Big\n\n## About Us\n\n{body}");
    assert!(text.len() > 128 * 1024);
    let down = "<Down>".repeat(40);
    let cut_line = "line 39 👩\u{200d}💻 café\n";
    let expected =
        text.replacen(cut_line, "", 1)
            .replacen("line 50 ", &format!("{cut_line}line 50 "), 1);
    assert_keys(
        &text,
        &format!("<Tab>{down}<C-x>{}<Home><C-v><C-s>", "<Down>".repeat(10)),
        &expected,
    );
    assert_keys(
        &text,
        &format!(
            "<Tab>{down}<C-x>{}<Home><C-v><C-z><C-z><C-s>",
            "<Down>".repeat(10)
        ),
        &text,
    );
}
