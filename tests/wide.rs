//! A big terminal: several sections at once (200x50), text at a readable width, the mouse
//! through the event loop's own handling, and Ctrl-E handing a section to the user's editor.

mod common;
use common::{drive, frame, mouse};

use jobpost::posting::Posting;
use jobpost::templates;
use jobpost::tui::app::{App, Theme};
use jobpost::tui::runtime::Runtime;
use jobpost::tui::{Launch, wide};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEventKind};

fn app(text: &str) -> App {
    App::with_theme(
        Launch {
            path: None,
            posting: Posting::parse(text),
        },
        Theme { color: false },
    )
}

fn template() -> App {
    app(templates::PRODUCT_OWNER)
}

/// The first screen cell (x, y) where `text` starts.
fn find(screen: &str, text: &str) -> (u16, u16) {
    for (y, line) in screen.lines().enumerate() {
        // TestBackend's text is the cells quoted, one line per row.
        let line = line.trim_start_matches('"');
        if let Some(i) = line.find(text) {
            let x = line[..i].chars().count();
            return (x as u16, y as u16);
        }
    }
    panic!("{text:?} not on screen:\n{screen}");
}

fn focused_title(app: &App) -> String {
    jobpost::tui::ui::pane::title(app, app.panes()[app.focus()])
}

// ---- the wide layout ----

#[test]
fn snapshot_200x50_shows_the_neighbouring_sections() {
    let mut a = template();
    drive(&mut a, "<Tab><Tab><Tab>");
    let screen = frame(&mut a, 200, 50);
    // The focused section and the ones around it, each under its heading.
    for heading in ["About Us", "Position Overview", "Key Responsibilities"] {
        assert!(screen.contains(heading), "{heading}:\n{screen}");
    }
    insta::assert_snapshot!(screen);
}

#[test]
fn snapshot_120x40_stacks_too() {
    let mut a = template();
    drive(&mut a, "<Tab><Tab>");
    insta::assert_snapshot!(frame(&mut a, 120, 40));
}

#[test]
fn text_is_wrapped_at_100_columns_and_centred_on_a_wide_short_screen() {
    let mut a = template();
    drive(&mut a, "<Tab><Tab>");
    let screen = frame(&mut a, 200, 24);
    let s = jobpost::tui::ui::screen(&a, ratatui::layout::Rect::new(0, 0, 200, 24));
    assert_eq!(s.panes.len(), 1, "below 40 rows, one pane");
    assert_eq!(s.focused().text().width, 100);
    let row = screen.lines().nth(3).unwrap();
    // Room on both sides of the pane's box.
    assert!(row.trim_end_matches('"').ends_with("  "), "{row}");
}

#[test]
fn text_width_comes_from_the_view() {
    let mut a = template().with_view(wide::View {
        text_width: 60,
        align: wide::Align::Left,
    });
    frame(&mut a, 200, 24);
    let s = jobpost::tui::ui::screen(&a, a.size());
    assert_eq!(s.focused().text().width, 60);
    assert_eq!(s.focused().area.x, s.outline.right());
}

#[test]
fn tab_moves_focus_down_the_stack() {
    let mut a = template();
    drive(&mut a, "<Tab><Tab>");
    frame(&mut a, 200, 50);
    let before = jobpost::tui::ui::screen(&a, a.size());
    drive(&mut a, "<Tab>");
    frame(&mut a, 200, 50);
    let after = jobpost::tui::ui::screen(&a, a.size());
    assert_eq!(after.focused().part, before.focused().part + 1);
    assert!(before.panes.iter().any(|s| s.part == after.focused().part));
}

#[test]
fn neighbours_copied_from_the_last_frame_are_what_a_fresh_frame_draws() {
    // The event loop keeps each neighbour's box (and the outline, the pane's box, the status
    // and key-hint lines) and copies it while it shows the same: every frame it draws (styles
    // and placeholder marks included) must be the one drawn from scratch, through typing,
    // fills, focus moves, undo and broken YAML; at 80x24 (no neighbours) too.
    for (w, h) in [(100, 50), (80, 24)] {
        copied_frames_are_fresh_frames(w, h);
    }
}

fn copied_frames_are_fresh_frames(w: u16, h: u16) {
    let mut a = App::with_theme(
        Launch {
            path: None,
            posting: Posting::parse(templates::PRODUCT_OWNER),
        },
        Theme { color: true },
    );
    let mut view = jobpost::tui::ui::ViewCache::default();
    let mut cached = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    // And as the event loop sends frames: through its own copy of the screen, which does
    // not compare what both frames copied from the same cache.
    let mut sent = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    let mut screen = jobpost::tui::screen::Screen::default();
    let mut sent_view = jobpost::tui::ui::ViewCache::default();
    // A fill whose value keeps the placeholder changes a neighbour's text but not its marks.
    let script = "<F1><Esc><F2><Esc><C-n><C-n><C-n><C-r>Acme [Company Name]<Enter>\
                  <Tab><Tab>plain words <Tab><C-z><C-y><C-n>Acme<Tab>x [Team] y<Enter><Tab><Tab><S-Tab><C-r>Ops<Enter>\
                  <C-z><S-Tab><S-Tab><S-Tab><Down>: [<Tab><Backspace><Backspace><Backspace><C-z><C-y>";
    for (i, k) in common::keys(script).into_iter().enumerate() {
        drive_key(&mut a, k);
        cached
            .draw(|f| jobpost::tui::ui::draw_cached(&a, &mut view, f))
            .unwrap();
        a.pane_drawn_at(view.pane_text);
        let mut fresh = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
        fresh.draw(|f| jobpost::tui::ui::draw(&a, f)).unwrap();
        assert_eq!(
            cached.backend().buffer(),
            fresh.backend().buffer(),
            "{w}x{h}: key {i} ({k:?})"
        );
        screen
            .draw(&mut sent, |f, copies| {
                jobpost::tui::ui::draw_cached(&a, &mut sent_view, f);
                copies.extend_from_slice(&sent_view.copies);
                None
            })
            .unwrap();
        assert_eq!(
            sent.backend().buffer(),
            fresh.backend().buffer(),
            "{w}x{h}, sent: key {i} ({k:?})"
        );
        assert!(
            h < 50 || !view.peeks.is_empty(),
            "key {i}: neighbours on screen"
        );
        a.fold_after_frame();
    }
}

fn drive_key(app: &mut App, k: KeyEvent) {
    let effects = app.handle_key(k);
    Runtime::default().run(app, effects);
}

// ---- the mouse ----

#[test]
fn a_click_on_an_outline_row_focuses_that_section() {
    let mut a = template();
    let screen = frame(&mut a, 80, 24);
    let (x, y) = find(&screen, "Qualifications");
    mouse(&mut a, MouseEventKind::Down(MouseButton::Left), x, y);
    assert_eq!(focused_title(&a), "### Qualifications");
    mouse(&mut a, MouseEventKind::Up(MouseButton::Left), x, y);
    assert_eq!(focused_title(&a), "### Qualifications");
}

#[test]
fn a_click_in_the_pane_puts_the_cursor_on_that_character() {
    let mut a = template();
    drive(&mut a, "<Tab><Tab>");
    let screen = frame(&mut a, 80, 24);
    let (x, y) = find(&screen, "growing");
    mouse(&mut a, MouseEventKind::Down(MouseButton::Left), x, y);
    // Typing goes where the click was.
    drive(&mut a, "fast ");
    let text = a.posting().text().to_string();
    assert!(text.contains("is a fast growing"), "{text}");
}

#[test]
fn a_click_in_a_neighbour_focuses_it_with_the_cursor_there() {
    let mut a = template();
    drive(&mut a, "<Tab><Tab>");
    let screen = frame(&mut a, 200, 50);
    let (x, y) = find(&screen, "looking for");
    mouse(&mut a, MouseEventKind::Down(MouseButton::Left), x, y);
    assert_eq!(focused_title(&a), "### Position Overview");
    drive(&mut a, "now ");
    assert!(a.posting().text().contains("We are now looking for"));
}

#[test]
fn a_drag_selects_and_typing_replaces_the_selection() {
    let mut a = template();
    drive(&mut a, "<Tab><Tab>");
    let screen = frame(&mut a, 80, 24);
    let (x, y) = find(&screen, "growing");
    mouse(&mut a, MouseEventKind::Down(MouseButton::Left), x, y);
    mouse(&mut a, MouseEventKind::Drag(MouseButton::Left), x + 4, y);
    mouse(&mut a, MouseEventKind::Up(MouseButton::Left), x + 7, y);
    drive(&mut a, "show");
    assert!(a.posting().text().contains("is a showing [industry"));
}

#[test]
fn the_wheel_scrolls_the_pane() {
    let long: String = (1..=60).map(|i| format!("Line {i}.\n")).collect();
    let mut a = app(&format!("## Long\n\n{long}"));
    let first = frame(&mut a, 80, 24);
    assert!(first.contains("Line 1."));
    let (x, y) = find(&first, "Line 5.");
    mouse(&mut a, MouseEventKind::ScrollDown, x, y);
    mouse(&mut a, MouseEventKind::ScrollDown, x, y);
    let scrolled = frame(&mut a, 80, 24);
    assert!(!scrolled.contains("Line 1."), "{scrolled}");
    assert!(scrolled.contains("Line 7."), "{scrolled}");
    mouse(&mut a, MouseEventKind::ScrollUp, x, y);
    mouse(&mut a, MouseEventKind::ScrollUp, x, y);
    assert!(frame(&mut a, 80, 24).contains("Line 1."));
}

#[test]
fn the_mouse_does_nothing_while_a_dialog_is_open() {
    let mut a = template();
    let screen = frame(&mut a, 80, 24);
    drive(&mut a, "<F1>");
    let (x, y) = find(&screen, "Qualifications");
    mouse(&mut a, MouseEventKind::Down(MouseButton::Left), x, y);
    drive(&mut a, "<Esc>");
    assert_eq!(focused_title(&a), "Front matter");
}

// ---- Ctrl-E: the user's editor ----

#[cfg(unix)]
fn script(dir: &std::path::Path, body: &str) -> String {
    use std::os::unix::fs::PermissionsExt;
    let path = dir.join("editor.sh");
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path.display().to_string()
}

/// Ctrl-E with `command` as the user's editor, run by the event loop's effect runner.
fn ctrl_e(app: &mut App, command: &str) {
    let effects = app.handle_key(KeyEvent::new(KeyCode::Char('e'), KeyModifiers::CONTROL));
    let flow = Runtime::default().with_editor(command).run(app, effects);
    assert!(flow.redraw, "the screen is repainted after the editor");
}

#[cfg(unix)]
#[test]
fn ctrl_e_edits_the_section_in_the_editor_and_one_ctrl_z_restores_it() {
    let dir = tempfile::tempdir().unwrap();
    let ed = script(
        dir.path(),
        r#"sed -i -e 's/\[Company Name\]/Acme/' -e 's/growing/bold/' "$1""#,
    );
    let mut a = template();
    drive(&mut a, "<Tab><Tab>");
    let before = a.posting().text().to_string();
    ctrl_e(&mut a, &ed);
    let after = a.posting().text().to_string();
    assert!(after.contains("Acme is a bold"), "{after}");
    assert!(a.modified());
    assert_eq!(focused_title(&a), "### About Us");
    drive(&mut a, "<C-z>");
    assert_eq!(a.posting().text(), before);
    drive(&mut a, "<C-y>");
    assert_eq!(a.posting().text(), after);
}

#[cfg(unix)]
#[test]
fn an_editor_exiting_1_changes_nothing_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let ed = script(dir.path(), r#"echo ruined > "$1"; exit 1"#);
    let mut a = template();
    drive(&mut a, "<Tab><Tab>");
    let before = a.posting().text().to_string();
    ctrl_e(&mut a, &ed);
    assert_eq!(a.posting().text(), before);
    assert!(!a.modified());
    let m = a.message().expect("a message");
    assert!(m.error && m.text.contains("status 1"), "{m:?}");
    drive(&mut a, "<C-z>");
    assert_eq!(a.posting().text(), before);
}

#[cfg(unix)]
#[test]
fn an_editor_that_leaves_the_text_unchanged_changes_nothing() {
    let mut a = template();
    drive(&mut a, "<Tab><Tab>");
    let before = a.posting().text().to_string();
    ctrl_e(&mut a, "true");
    assert_eq!(a.posting().text(), before);
    assert!(!a.modified());
}

#[cfg(unix)]
#[test]
fn typed_text_not_yet_folded_goes_to_the_editor_too() {
    let dir = tempfile::tempdir().unwrap();
    let ed = script(dir.path(), r#"sed -i 's/Hello/Hi/' "$1""#);
    let mut a = template();
    drive(&mut a, "<Tab><Tab><Down>Hello ");
    ctrl_e(&mut a, &ed);
    assert!(a.posting().text().contains("Hi [Company Name]"));
    drive(&mut a, "<C-z>");
    assert!(a.posting().text().contains("Hello [Company Name]"));
}

#[test]
fn a_click_on_a_scrolled_outline_focuses_the_row_shown() {
    let text: String = (1..=20)
        .map(|i| format!("## Part {i:02}\n\nText {i}.\n\n"))
        .collect();
    let mut a = app(&text);
    drive(&mut a, &"<Tab>".repeat(15));
    let screen = frame(&mut a, 60, 15);
    assert!(
        !screen.contains("Part 01"),
        "the outline is scrolled:\n{screen}"
    );
    let (x, y) = find(&screen, "Part 09");
    mouse(&mut a, MouseEventKind::Down(MouseButton::Left), x, y);
    assert_eq!(focused_title(&a), "## Part 09");
}
