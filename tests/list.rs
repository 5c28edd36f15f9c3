//! The folder view without a terminal: screen snapshots (TestBackend + insta) of a fixed
//! folder of postings, and keystroke tests `(list before, "keys", list after)`.

mod common;
use common::keys;

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use jobpost::tui::list::{Checked, ListState, Outcome, Sort, Status};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// Invalid UTF-8 halfway through: a posting that cannot be read.
const BROKEN: &[u8] = b"# Sales Lead\n\nCaf\xe9 au lait\n";

/// A copy of tests/fixtures/folder with an unreadable posting added.
fn folder() -> tempfile::TempDir {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/folder");
    let dir = tempfile::tempdir().unwrap();
    copy(&src, dir.path());
    std::fs::write(dir.path().join("sales-lead.md"), BROKEN).unwrap();
    dir
}

fn copy(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The list of `dir` with every posting checked (as the worker would), each file's
/// modification time a fixed day apart in path order, shown as `roles/`.
fn checked_list(dir: &Path) -> ListState {
    let folder = jobpost::cli::folder(dir).unwrap();
    let mut state = ListState::new(
        &folder.root,
        folder.files.clone(),
        folder.unreadable.clone(),
    );
    state.root = "roles/".into();
    for i in 0..folder.files.len() {
        let day = Duration::from_secs(86_400 * i as u64);
        state.checked(
            i,
            Checked {
                result: (folder.check)(i),
                modified: Some(SystemTime::UNIX_EPOCH + day),
            },
        );
    }
    state
}

fn screen(state: &ListState, w: u16, h: u16) -> String {
    let mut state = state.clone();
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    state.scroll_to(jobpost::tui::list::ui::rows_height(
        ratatui::layout::Rect::new(0, 0, w, h),
    ));
    t.draw(|f| jobpost::tui::list::ui::draw(&state, f)).unwrap();
    t.backend().to_string()
}

/// Feeds keys; gives the last outcome that was not `None`.
fn press(state: &mut ListState, key_string: &str) -> Outcome {
    let mut last = Outcome::None;
    for k in keys(key_string) {
        let o = state.handle_key(k);
        if o != Outcome::None {
            last = o;
        }
    }
    last
}

/// The paths shown, in order.
fn names(state: &ListState) -> Vec<&str> {
    state
        .shown()
        .iter()
        .map(|&i| state.rows()[i].name.as_str())
        .collect()
}

fn selected(state: &ListState) -> &str {
    &state.rows()[state.selected_id().unwrap()].name
}

// ---- snapshots ----

#[test]
fn snapshot_folder_80x24() {
    let dir = folder();
    insta::assert_snapshot!(screen(&checked_list(dir.path()), 80, 24));
}

#[test]
fn snapshot_folder_60x15() {
    let dir = folder();
    insta::assert_snapshot!(screen(&checked_list(dir.path()), 60, 15));
}

#[test]
fn snapshot_while_checking_and_filtering_80x24() {
    let dir = folder();
    let folder = jobpost::cli::folder(dir.path()).unwrap();
    let mut state = ListState::new(&folder.root, folder.files.clone(), Vec::new());
    state.root = "roles/".into();
    state.checked(
        1,
        Checked {
            result: (folder.check)(1),
            modified: None,
        },
    );
    insta::assert_snapshot!("checking", screen(&state, 80, 24));
    press(&mut state, "/design");
    insta::assert_snapshot!("filtering", screen(&state, 80, 24));
}

#[test]
fn snapshot_help_60x15() {
    let dir = folder();
    let mut state = checked_list(dir.path());
    press(&mut state, "<F1>");
    insta::assert_snapshot!(screen(&state, 60, 15));
}

// ---- what a user notices ----

#[test]
fn an_unreadable_posting_is_a_row_with_its_error() {
    let dir = folder();
    let state = checked_list(dir.path());
    let row = state
        .rows()
        .iter()
        .find(|r| r.name == "sales-lead.md")
        .expect("the unreadable posting is listed");
    assert_eq!(
        row.status,
        Status::Failed("the file is not UTF-8 text (invalid byte at offset 17)".into())
    );
    let s = screen(&state, 80, 24);
    assert!(
        s.contains("sales-lead.md") && s.contains("not UTF-8"),
        "{s}"
    );
    assert!(
        s.contains("5 postings · 1 complete · 6 placeholders left · 1 unreadable"),
        "{s}"
    );
}

#[test]
fn subfolders_are_listed_and_ignored_files_are_not() {
    let dir = folder();
    let state = checked_list(dir.path());
    assert_eq!(
        names(&state),
        [
            "backend-engineer.md",
            "data-analyst.md",
            "design/product-designer.md",
            "design/ux-writer.md",
            "sales-lead.md",
        ]
    );
}

// ---- keys: (before, keys, after) ----

#[test]
fn sort_keys_reorder_and_keep_the_selection() {
    let dir = folder();
    let mut state = checked_list(dir.path());
    press(&mut state, "<Down>");
    assert_eq!(selected(&state), "data-analyst.md");

    press(&mut state, "p");
    assert_eq!(state.sort(), Sort::Placeholders);
    assert_eq!(
        names(&state)[..3],
        [
            "backend-engineer.md",
            "data-analyst.md",
            "design/ux-writer.md"
        ]
    );
    assert_eq!(selected(&state), "data-analyst.md");

    press(&mut state, "e");
    assert_eq!(
        names(&state)[..2],
        ["sales-lead.md", "data-analyst.md"],
        "unreadable first, then the most errors"
    );

    press(&mut state, "m");
    assert_eq!(
        names(&state)[..2],
        ["sales-lead.md", "design/ux-writer.md"],
        "newest first"
    );

    press(&mut state, "n");
    assert_eq!(names(&state)[0], "backend-engineer.md");
    assert!(screen(&state, 80, 24).contains("sorted by path"));
}

#[test]
fn filter_by_path_or_title_enter_keeps_esc_clears() {
    let dir = folder();
    let mut state = checked_list(dir.path());
    press(&mut state, "/design");
    assert_eq!(
        names(&state),
        ["design/product-designer.md", "design/ux-writer.md"]
    );
    // By title: "UX Writer" is in no path as written.
    press(&mut state, "<Esc>/ux writer<Enter>");
    assert_eq!(names(&state), ["design/ux-writer.md"]);
    assert!(!state.filtering);
    // Kept: keys move and sort again; the first Esc clears, the next quits.
    assert_eq!(press(&mut state, "<Esc>"), Outcome::None);
    assert_eq!(names(&state).len(), 5);
    assert_eq!(press(&mut state, "<Esc>"), Outcome::Quit);
}

#[test]
fn typing_q_into_the_filter_does_not_quit() {
    let dir = folder();
    let mut state = checked_list(dir.path());
    assert_eq!(press(&mut state, "/q"), Outcome::None);
    assert_eq!(state.filter().value(), "q");
    assert_eq!(press(&mut state, "<Enter>q"), Outcome::Quit);
}

#[test]
fn enter_opens_the_selected_posting() {
    let dir = folder();
    let mut state = checked_list(dir.path());
    let Outcome::Open(id) = press(&mut state, "<End><Up><Enter>") else {
        panic!("Enter opens");
    };
    assert_eq!(state.rows()[id].name, "design/ux-writer.md");
    assert_eq!(
        state.rows()[id].path,
        dir.path().join("design/ux-writer.md")
    );
}

#[test]
fn a_recheck_replaces_the_row() {
    let dir = folder();
    let mut state = checked_list(dir.path());
    let path: PathBuf = dir.path().join("design/ux-writer.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("<Design Lead>", "Mia")).unwrap();
    let folder = jobpost::cli::folder(dir.path()).unwrap();
    let id = 3;
    assert_eq!(state.rows()[id].name, "design/ux-writer.md");
    assert!(screen(&state, 80, 24).contains("6 placeholders left"));
    state.rechecking(&[id]);
    state.checked(
        id,
        Checked {
            result: (folder.check)(id),
            modified: None,
        },
    );
    assert!(screen(&state, 80, 24).contains("5 placeholders left"));
}

#[test]
fn f1_lists_the_keys_and_any_key_closes_it() {
    let dir = folder();
    let mut state = checked_list(dir.path());
    press(&mut state, "<F1>");
    let s = screen(&state, 80, 24);
    for b in jobpost::tui::keymap::LIST_BINDINGS {
        assert!(
            s.contains(&b.keys_label()),
            "{} missing:\n{s}",
            b.keys_label()
        );
    }
    assert_eq!(press(&mut state, "q"), Outcome::None, "q closes help first");
    assert!(state.help.is_none());
}

#[test]
fn a_filter_typed_while_checking_finds_titles_as_they_arrive() {
    let dir = folder();
    let folder = jobpost::cli::folder(dir.path()).unwrap();
    let mut state = ListState::new(&folder.root, folder.files.clone(), Vec::new());
    press(&mut state, "/ux writer<Enter>");
    assert!(names(&state).is_empty());
    let results = (0..folder.files.len()).map(|i| {
        (
            i,
            Checked {
                result: (folder.check)(i),
                modified: None,
            },
        )
    });
    state.checked_all(results);
    assert_eq!(names(&state), ["design/ux-writer.md"]);
}

#[test]
fn a_paste_goes_into_the_filter_and_is_ignored_elsewhere() {
    let dir = folder();
    let mut state = checked_list(dir.path());
    state.paste("quit");
    assert_eq!(
        names(&state).len(),
        5,
        "a paste outside the filter does nothing"
    );
    press(&mut state, "/");
    state.paste("ux\nwriter");
    assert_eq!(state.filter().value(), "uxwriter");
    press(&mut state, "<Esc>/");
    state.paste("ux w");
    assert_eq!(names(&state), ["design/ux-writer.md"]);
}

/// A left click at screen row `row` (column 5).
fn click(
    state: &mut ListState,
    kind: ratatui::crossterm::event::MouseEventKind,
    row: u16,
) -> Outcome {
    state.handle_mouse(
        ratatui::crossterm::event::MouseEvent {
            kind,
            column: 5,
            row,
            modifiers: ratatui::crossterm::event::KeyModifiers::NONE,
        },
        jobpost::tui::list::ui::ROWS_TOP,
    )
}

#[test]
fn a_click_selects_a_row_a_second_click_opens_it_and_the_wheel_moves() {
    use ratatui::crossterm::event::{MouseButton, MouseEventKind};
    let dir = folder();
    let mut state = checked_list(dir.path());
    // Drawn once, as the loop does, so the rows on screen are known.
    screen(&state, 80, 24);
    state.scroll_to(jobpost::tui::list::ui::rows_height(
        ratatui::layout::Rect::new(0, 0, 80, 24),
    ));
    let third = names(&state)[2].to_string();
    let left = MouseEventKind::Down(MouseButton::Left);
    assert_eq!(click(&mut state, left, 4), Outcome::None);
    assert_eq!(selected(&state), third);
    let Outcome::Open(id) = click(&mut state, left, 4) else {
        panic!("a click on the selected row opens it");
    };
    assert_eq!(state.rows()[id].name, third);
    // The header and column names are not rows; below the last row is nothing.
    assert_eq!(click(&mut state, left, 1), Outcome::None);
    assert_eq!(click(&mut state, left, 20), Outcome::None);
    assert_eq!(selected(&state), third);
    click(&mut state, MouseEventKind::ScrollUp, 10);
    assert_eq!(selected(&state), names(&state)[0]);
    click(&mut state, MouseEventKind::ScrollDown, 10);
    assert_eq!(selected(&state), names(&state)[3]);
}
