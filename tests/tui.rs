//! Editor tests without a terminal: whole-screen snapshots (TestBackend + insta) and
//! helix-style keystroke tests `(document before, "keys", file after)`.

mod common;
use common::{Run, drive, keys};

use std::fs;
use std::path::PathBuf;

use jobpost::posting::Posting;
use jobpost::review::RuleId;
use jobpost::templates;
use jobpost::tui::app::{App, Mode, Theme};
use jobpost::tui::{Launch, key_table_markdown};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::style::Modifier;

// ---- helpers ----

fn app(text: &str, path: Option<PathBuf>) -> App {
    App::with_theme(
        Launch {
            path,
            posting: Posting::parse(text),
        },
        Theme { color: false },
    )
}

/// Writes `before` to a file, opens it, types `key_string` and checks the file's bytes.
#[track_caller]
fn assert_keys(before: &str, key_string: &str, after: &str) -> (App, Run) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("posting.md");
    fs::write(&path, before).unwrap();
    let posting = jobpost::store::load(&path).unwrap();
    let mut app = App::with_theme(
        Launch {
            path: Some(path.clone()),
            posting,
        },
        Theme { color: false },
    );
    let run = drive(&mut app, key_string);
    let got = fs::read_to_string(&path).unwrap();
    assert_eq!(got, after, "keys {key_string:?}");
    (app, run)
}

fn screen(app: &App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| jobpost::tui::ui::draw(app, f)).unwrap();
    t.backend().to_string()
}

/// An 80x24 frame drawn with the event loop's view cache (the outline copied from the last
/// frame where its rows are unchanged).
fn screen_cached(app: &App, view: &mut jobpost::tui::ui::ViewCache) -> String {
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    t.draw(|f| jobpost::tui::ui::draw_cached(app, view, f))
        .unwrap();
    t.backend().to_string()
}

fn template() -> App {
    app(templates::PRODUCT_OWNER, None)
}

const DOC: &str = "---\ntitle: Dev\n---\n\n**Title**: Dev\n\n## About\n\n[Company] builds things.\n\n## Pay\n\nUp to [Salary].\n";

// ---- snapshots ----

#[test]
fn snapshot_template_on_open_80x24() {
    insta::assert_snapshot!(screen(&template(), 80, 24));
}

#[test]
fn snapshot_template_on_open_60x15() {
    insta::assert_snapshot!(screen(&template(), 60, 15));
}

#[test]
fn snapshot_after_filling_a_placeholder() {
    let mut a = template();
    drive(&mut a, "<C-n><C-n>Acme Corp");
    insta::assert_snapshot!(screen(&a, 80, 24));
}

#[test]
fn snapshot_help_80x24_and_60x15() {
    let mut a = template();
    drive(&mut a, "<F1>");
    insta::assert_snapshot!("help_80x24", screen(&a, 80, 24));
    insta::assert_snapshot!("help_60x15", screen(&a, 60, 15));
}

#[test]
fn snapshot_quit_prompt() {
    let mut a = template();
    drive(&mut a, "<C-n>X<C-q>");
    assert_eq!(a.mode(), &Mode::Confirm(jobpost::tui::app::Confirm::Quit));
    insta::assert_snapshot!(screen(&a, 80, 24));
}

#[test]
fn snapshot_too_small() {
    insta::assert_snapshot!(screen(&template(), 30, 8));
}

#[test]
fn snapshot_review_panel_80x24_and_60x15() {
    let mut a = template();
    drive(&mut a, "<F3><Down><Down>");
    assert!(matches!(a.mode(), Mode::Review(2)));
    insta::assert_snapshot!("review_80x24", screen(&a, 80, 24));
    insta::assert_snapshot!("review_60x15", screen(&a, 60, 15));
}

#[test]
fn f3_review_enter_jumps_to_the_finding_and_esc_closes() {
    let mut a = template();
    drive(&mut a, "<F3>");
    let findings = a.review().findings;
    let order = a.review_order(&findings);
    let pay = order
        .iter()
        .position(|&i| findings[i].rule == RuleId::PayRange)
        .expect("the template has no pay range");
    let line = findings[order[pay]].line;
    drive(&mut a, &"<Down>".repeat(pay));
    drive(&mut a, "<Enter>");
    assert_eq!(a.mode(), &Mode::Normal);
    let pane = a.focused();
    let title = match pane.part {
        jobpost::posting::Part::Section(i) => a.posting().sections()[i].title.clone(),
        other => panic!("focused {other:?}"),
    };
    assert_eq!(&*title, "Why Join Us");
    let row = pane.cursor().0;
    let body_line = a.posting().sections()[4].line + 1;
    assert_eq!(row + body_line, line);
    drive(&mut a, "<F3><Esc>");
    assert_eq!(a.mode(), &Mode::Normal);
    drive(&mut a, "<F3><F3>");
    assert_eq!(a.mode(), &Mode::Normal);
}

#[test]
fn placeholders_kept_on_purpose_are_not_counted_as_left() {
    let text = "# About Us\n\nWe are [Company Name].\n\n## Apply\n\n\
                <!-- jobpost-disable-next-line placeholder -->\n\
                Write \"Dear [Your Name]\" as the greeting.\n";
    let mut a = app(text, None);
    let left = |a: &App| {
        a.review()
            .placeholders
            .iter()
            .filter(|p| !p.suppressed)
            .count()
    };
    assert_eq!(a.posting().placeholders().len(), 2);
    assert_eq!(a.placeholders_left(), left(&a));
    let s = screen(&a, 80, 24);
    assert!(s.contains("1 placeholder left"), "{s}");
    // The section with only the kept placeholder is done, as the folder view and check say.
    let apply = s.lines().find(|l| l.contains("Apply")).unwrap();
    assert!(apply.contains('✓'), "{s}");
    // Filling the other one leaves nothing to fill.
    drive(&mut a, "<C-n>Acme");
    assert_eq!(a.placeholders_left(), 0);
    let review = a.review();
    assert!(
        review
            .findings
            .iter()
            .all(|f| f.rule != RuleId::Placeholder)
    );
    assert!(screen(&a, 80, 24).contains("all filled"));
}

#[test]
fn review_counts_follow_typing() {
    let mut a = app(
        "---\ntitle: T\ndescription: D\n---\n# About us\n\nWe bake.\n",
        None,
    );
    let before = a.review().findings.len();
    drive(&mut a, "<Tab><Tab><End> We are a ninja team.");
    let after = a.review();
    assert!(
        after
            .findings
            .iter()
            .any(|f| f.rule == RuleId::ExclusionaryJargon)
    );
    assert_eq!(after.findings.len(), before + 1);
}

#[test]
fn snapshot_key_table_markdown() {
    insta::assert_snapshot!(key_table_markdown());
}

#[test]
fn snapshot_invalid_front_matter_shows_the_error_in_its_pane() {
    let mut a = template();
    drive(&mut a, "<End>: [");
    assert!(a.focused().yaml_error.is_some());
    insta::assert_snapshot!(screen(&a, 60, 15));
}

// ---- keys: one test per entry of the key table ----

#[test]
fn ctrl_s_saves_only_the_edited_bytes() {
    assert_keys(DOC, "<C-n>Acme<C-s>", &DOC.replace("[Company]", "Acme"));
}

#[test]
fn text_typed_into_an_empty_last_section_keeps_the_final_newline() {
    assert_keys(
        "# A\n\nx\n\n## Last\n",
        "<Tab>Hello<C-s>",
        "# A\n\nx\n\n## Last\nHello\n",
    );
    // No final newline in the file: none is added, and the heading stays a heading.
    assert_keys(
        "# A\n\nx\n\n## Last",
        "<Tab>Hello<C-s>",
        "# A\n\nx\n\n## Last\nHello",
    );
}

#[test]
fn ctrl_s_without_a_path_asks_for_one_and_creates_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("new.md");
    let mut a = app(DOC, None);
    drive(&mut a, "<C-n>Acme<C-s>");
    assert!(matches!(a.mode(), Mode::Prompt { .. }));
    assert!(screen(&a, 80, 24).contains("Save as:"));
    drive(&mut a, &format!("{}<Enter>", target.display()));
    assert_eq!(
        fs::read_to_string(&target).unwrap(),
        DOC.replace("[Company]", "Acme")
    );
    assert!(!a.modified());
    assert_eq!(a.path(), Some(target.as_path()));
}

#[test]
fn a_failed_save_keeps_edits_and_says_why() {
    let mut a = app(DOC, Some(PathBuf::from("/nonexistent-dir/x/posting.md")));
    drive(&mut a, "<C-n>Acme<C-s>");
    let m = a.message().unwrap();
    assert!(m.error && m.text.contains("Not saved"), "{m:?}");
    assert!(a.modified());
    assert!(screen(&a, 80, 24).contains("Not saved"));
}

#[test]
fn ctrl_q_unmodified_quits_at_once() {
    let (_, run) = assert_keys(DOC, "<C-q>", DOC);
    assert!(run.quit);
}

#[test]
fn ctrl_q_then_s_saves_and_quits() {
    let (_, run) = assert_keys(DOC, "<C-n>Acme<C-q>s", &DOC.replace("[Company]", "Acme"));
    assert!(run.quit);
}

#[test]
fn ctrl_q_then_d_discards_and_quits() {
    let (_, run) = assert_keys(DOC, "<C-n>Acme<C-q>d", DOC);
    assert!(run.quit);
}

#[test]
fn ctrl_q_then_esc_stays() {
    let (a, run) = assert_keys(DOC, "<C-n>Acme<C-q>x<Esc>", DOC);
    assert!(!run.quit);
    assert_eq!(a.mode(), &Mode::Normal);
    assert!(a.modified());
}

#[test]
fn tab_and_shift_tab_move_between_panes_and_wrap() {
    // Front matter, header, About, Pay: Tab twice lands in About.
    assert_keys(
        DOC,
        "<Tab><Tab>X<C-s>",
        &DOC.replace("## About\n\n", "## About\nX\n"),
    );
    // Shift-Tab from the first pane wraps to the last.
    assert_keys(
        DOC,
        "<S-Tab>Y<C-s>",
        &DOC.replace("## Pay\n\n", "## Pay\nY\n"),
    );
}

#[test]
fn tab_does_not_insert_a_tab() {
    let (a, _) = assert_keys(DOC, "<Tab><Tab><Tab><Tab><C-s>", DOC);
    assert_eq!(a.focus(), 0);
}

#[test]
fn ctrl_n_selects_placeholders_in_order_and_wraps() {
    assert_keys(DOC, "<C-n><C-n><C-n>A<C-s>", &DOC.replace("[Company]", "A"));
    assert_keys(DOC, "<C-n><C-n>B<C-s>", &DOC.replace("[Salary]", "B"));
    let mut a = app(DOC, None);
    drive(&mut a, "<C-n><C-n><C-n>");
    assert!(a.message().unwrap().text.contains("wrapped"));
}

#[test]
fn ctrl_p_selects_backwards_and_wraps_to_the_last() {
    assert_keys(DOC, "<C-p>B<C-s>", &DOC.replace("[Salary]", "B"));
    assert_keys(DOC, "<C-p><C-p>A<C-s>", &DOC.replace("[Company]", "A"));
}

#[test]
fn ctrl_n_with_nothing_left_says_so() {
    let mut a = app("# Done\n\nAll filled.\n", None);
    drive(&mut a, "<C-n>");
    assert_eq!(a.message().unwrap().text, "No unfilled placeholders left");
    let mut a = app(DOC, None);
    drive(&mut a, "<C-n>A<C-n>B<C-n>");
    assert_eq!(a.message().unwrap().text, "No unfilled placeholders left");
    assert!(screen(&a, 80, 24).contains("all filled"));
}

#[test]
fn counts_update_right_after_typing() {
    let mut a = app(DOC, None);
    assert!(screen(&a, 80, 24).contains("2 placeholders left"));
    drive(&mut a, "<C-n>A");
    assert_eq!(a.posting().placeholders().len(), 1);
    assert!(screen(&a, 80, 24).contains("1 placeholder left"));
}

#[test]
fn ctrl_z_and_ctrl_y_undo_and_redo() {
    assert_keys(DOC, "<C-n>AB<C-z><C-z><C-z><C-s>", DOC);
    assert_keys(
        DOC,
        "<C-n>AB<C-z><C-y><C-s>",
        &DOC.replace("[Company]", "AB"),
    );
}

#[test]
fn ctrl_f_finds_across_panes_and_selects_the_match() {
    assert_keys(
        DOC,
        "<C-f>up to<Enter><Esc>At most<C-s>",
        &DOC.replace("Up to", "At most"),
    );
    let mut a = app(DOC, None);
    drive(&mut a, "<C-f>nowhere<Enter>");
    assert!(a.message().unwrap().text.contains("Not found"));
}

#[test]
fn ctrl_l_asks_for_a_redraw() {
    let mut a = app(DOC, None);
    assert_eq!(drive(&mut a, "<C-l>").redraws, 1);
}

#[test]
fn f1_opens_help_and_f1_or_esc_closes_it() {
    let mut a = app(DOC, None);
    drive(&mut a, "<F1>");
    assert_eq!(a.mode(), &Mode::Help(0));
    drive(&mut a, "<F1>");
    assert_eq!(a.mode(), &Mode::Normal);
    drive(&mut a, "<F1><Down><Esc>");
    assert_eq!(a.mode(), &Mode::Normal);
}

#[test]
fn help_lists_every_key_including_the_fill_keys() {
    let mut a = app(DOC, None);
    drive(&mut a, "<F1>");
    let s = screen(&a, 100, 40);
    for k in [
        "Ctrl-S",
        "Ctrl-Q",
        "Tab",
        "Shift-Tab",
        "Ctrl-N",
        "Ctrl-P",
        "Ctrl-Z",
        "Ctrl-Y",
    ] {
        assert!(s.contains(k), "{k} missing from help:\n{s}");
    }
    for k in [
        "Ctrl-F", "Ctrl-L", "F1", "Esc", "Ctrl-T", "Ctrl-O", "Ctrl-D",
    ] {
        assert!(s.contains(k), "{k} missing from help:\n{s}");
    }
    for k in ["Ctrl-R", "F2"] {
        assert!(s.contains(k), "{k} missing from help:\n{s}");
    }
    assert!(!s.contains("not working yet"), "{s}");
}

#[test]
fn esc_closes_a_prompt_and_keys_go_back_to_the_pane() {
    assert_keys(
        DOC,
        "<C-f>abc<Esc><Tab><Tab>X<C-s>",
        &DOC.replace("## About\n\n", "## About\nX\n"),
    );
}

#[test]
fn ctrl_t_renames_the_focused_heading() {
    assert_keys(
        DOC,
        "<Tab><Tab><C-t><C-u>About Acme<Enter><C-s>",
        &DOC.replace("## About\n", "## About Acme\n"),
    );
}

#[test]
fn ctrl_o_adds_a_section_after_the_focused_one() {
    assert_keys(
        DOC,
        "<Tab><Tab><C-o>Benefits<Enter>Lunch.<C-s>",
        &DOC.replace("## Pay", "## Benefits\n\nLunch.\n\n## Pay"),
    );
}

#[test]
fn ctrl_d_deletes_a_section_after_y_and_ctrl_z_brings_it_back() {
    assert_keys(
        DOC,
        "<Tab><Tab><C-d>y<C-s>",
        &DOC.replace("## About\n\n[Company] builds things.\n\n", ""),
    );
    assert_keys(DOC, "<Tab><Tab><C-d>n<C-s>", DOC);
    assert_keys(DOC, "<Tab><Tab><C-d>y<C-z><C-s>", DOC);
}

#[test]
fn a_typed_heading_becomes_a_section_without_losing_text() {
    let (a, _) = assert_keys(
        DOC,
        "<Tab><Tab><Down><End>\n\n## Team<Tab><C-s>",
        &DOC.replace("builds things.\n", "builds things.\n\n## Team\n"),
    );
    assert_eq!(a.posting().sections().len(), 3);
    assert_eq!(a.panes().len(), 5);
}

#[test]
fn crlf_file_keeps_crlf_in_edited_and_untouched_parts() {
    let before = "---\r\ntitle: Dev  \r\n---\r\n\r\n## About\r\n\r\n[Company] builds.\r\n\r\n## Pay\r\n\r\nUp to [Salary].  \r\n";
    assert_keys(
        before,
        "<C-n>Acme\nCorp<C-s>",
        &before.replace("[Company]", "Acme\r\nCorp"),
    );
}

#[test]
fn mixed_endings_and_no_final_newline_survive_open_edit_save() {
    let before = "# A\r\n\r\nkeep\r\n\n# B\n\n[Name] end";
    assert_keys(before, "<C-s>", before);
    assert_keys(before, "<C-n>Y<C-s>", &before.replace("[Name]", "Y"));
}

#[test]
fn key_releases_are_ignored() {
    let mut a = app(DOC, None);
    let mut k = KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE);
    k.kind = KeyEventKind::Release;
    a.handle_key(k);
    assert!(!a.modified());
}

#[test]
fn placeholders_are_highlighted_with_modifiers_not_only_colour() {
    let mut a = app(DOC, None);
    drive(&mut a, "<Tab><Tab>");
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    t.draw(|f| jobpost::tui::ui::draw(&a, f)).unwrap();
    let buf = t.backend().buffer();
    let (x, y) = find_cell(buf, "[Company]").expect("placeholder on screen");
    let m = buf[(x + 1, y)].modifier;
    assert!(m.contains(Modifier::UNDERLINED | Modifier::BOLD), "{m:?}");
    // The selected one shows as selection (reversed) instead.
    drive(&mut a, "<C-n>");
    t.draw(|f| jobpost::tui::ui::draw(&a, f)).unwrap();
    let buf = t.backend().buffer();
    let (x, y) = find_cell(buf, "[Company]").unwrap();
    assert!(buf[(x + 1, y)].modifier.contains(Modifier::REVERSED));
}

#[test]
fn control_characters_never_reach_the_screen_raw() {
    let a = app("# T\u{1b}[31m\n\nbody \u{7}bell\n", None);
    let s = screen(&a, 80, 24);
    assert!(!s.contains('\u{1b}') && !s.contains('\u{7}'), "{s}");
    assert!(s.contains("T^[[31m"), "{s}");
}

#[test]
fn every_size_from_tiny_to_large_draws_without_panic() {
    let mut a = template();
    drive(&mut a, "<C-n>x<F1>");
    for w in [1u16, 5, 10, 39, 40, 41, 60, 80, 200] {
        for h in [1u16, 3, 9, 10, 15, 24, 60] {
            screen(&a, w, h);
        }
    }
}

fn find_cell(buf: &ratatui::buffer::Buffer, text: &str) -> Option<(u16, u16)> {
    let area = buf.area;
    for y in 0..area.height {
        let row: String = (0..area.width).map(|x| buf[(x, y)].symbol()).collect();
        if let Some(i) = row.find(text) {
            return Some((row[..i].chars().count() as u16, y));
        }
    }
    None
}

/// Over 64 KB: 2,000 sections of one placeholder each, `part_0` at the end of the first.
fn large_posting(part_0: &str) -> String {
    let mut text = String::from("# Job\n\nIntro [Company]\n\n");
    for i in 0..2_000 {
        text.push_str(&format!(
            "## Part {i}\n\nWork with [Team {i}] on things.\n\n"
        ));
        if i == 0 {
            text.push_str(part_0);
        }
    }
    text
}

#[test]
fn a_large_posting_counts_follow_typing_and_folds_like_a_small_one() {
    // Over 64 KB: keys re-scan only the focused pane; the posting folds in on leaving it.
    let text = large_posting("");
    assert!(text.len() > jobpost::tui::app::LARGE);
    let mut a = app(&text, None);
    let total = a.posting().placeholders().len();
    drive(&mut a, "<Tab><Down><End> and [Boss]");
    let part = a.focused().part;
    assert_eq!(a.count_in(part), 2);
    assert_eq!(a.placeholders_left(), total + 1);
    assert!(a.modified());
    assert!(screen(&a, 80, 24).contains(&format!("{} placeholders left", total + 1)));
    let typed = a.posting().text().to_string();
    assert!(typed == text.replacen("[Team 0] on things.", "[Team 0] on things. and [Boss]", 1));
    drive(&mut a, "<Tab>");
    assert!(a.posting().text() == typed);
    assert_eq!(a.count_in(part), 2);
    assert_eq!(a.placeholders_left(), total + 1);
    let fresh = jobpost::posting::Posting::parse(typed.clone());
    assert_eq!(fresh.placeholders().len(), total + 1);
}

#[test]
fn a_large_posting_keeps_a_kept_placeholder_out_of_the_counts_while_typing() {
    // The typed pane's live count leaves out the placeholder a comment keeps, as the fold does.
    let text = large_posting("<!-- jobpost-disable-next-line placeholder -->\nKept [Kept].\n\n");
    assert!(text.len() > jobpost::tui::app::LARGE);
    let mut a = app(&text, None);
    let total = a.posting().placeholders().len();
    assert_eq!(a.placeholders_left(), total - 1);
    // As under the event loop: the typed pane folds in at a pause.
    a.defer_review();
    drive(&mut a, "<Tab><Down><End> and [Boss]");
    let part = a.focused().part;
    assert_eq!(a.count_in(part), 2);
    assert_eq!(a.placeholders_left(), total);
    assert!(screen(&a, 80, 24).contains(&format!("{total} placeholders left")));
    let later = std::time::Instant::now() + jobpost::tui::app::IDLE;
    assert!(a.idle(later).0, "the typed pane is folded in");
    assert!(a.posting().text().contains("things. and [Boss]"));
    assert_eq!(a.count_in(part), 2);
    assert_eq!(a.placeholders_left(), total);
    let left = a
        .review()
        .placeholders
        .iter()
        .filter(|p| !p.suppressed)
        .count();
    assert_eq!(left, total);
}

#[test]
fn a_large_posting_is_folded_and_reviewed_in_the_background_when_idle() {
    let text = large_posting("");
    let mut a = app(&text, None);
    // As under the event loop: reviews and re-reads wait for a pause.
    a.defer_review();
    assert!(a.cached_review().is_none(), "not reviewed on the open path");
    drive(&mut a, "<Tab><Down><End> ninja");
    let start = std::time::Instant::now();
    a.touched(start);
    let (_, due) = a.idle(start);
    assert!(due.is_some(), "waits for a pause in typing");
    let later = start + jobpost::tui::app::IDLE;
    assert!(a.idle(later).0, "the typed pane is folded in");
    // The review runs on the event loop's worker.
    let mut runtime = jobpost::tui::runtime::Runtime::default();
    runtime.run_pending(&mut a);
    while a.cached_review().is_none() && start.elapsed() < std::time::Duration::from_secs(30) {
        std::thread::sleep(std::time::Duration::from_millis(10));
        runtime.poll(&mut a);
        a.idle(std::time::Instant::now() + jobpost::tui::app::IDLE);
        runtime.run_pending(&mut a);
    }
    let review = a.cached_review().expect("the worker's review arrived");
    assert_eq!(*review, a.review());
    assert!(
        review
            .findings
            .iter()
            .any(|f| f.rule == RuleId::ExclusionaryJargon)
    );
}

#[test]
fn a_huge_posting_is_reviewed_only_when_the_review_panel_asks() {
    // Over 4 MB the idle review would cost about a second and ten times the posting in
    // memory: it waits for F3.
    let mut text = String::from("# Job\n\nIntro [Company], a ninja team.\n\n");
    let block =
        "## Part\n\nWork with the team on things that matter to our customers every day.\n\n";
    while text.len() <= jobpost::tui::app::HUGE {
        text.push_str(block);
    }
    let mut a = app(&text, None);
    let start = std::time::Instant::now();
    let (_, _) = a.idle(start + jobpost::tui::app::IDLE);
    let (_, due) = a.idle(start + 2 * jobpost::tui::app::IDLE);
    assert!(due.is_none(), "no review worker was started");
    assert!(a.cached_review().is_none(), "not reviewed while idle");
    drive(&mut a, "<F3>");
    let sc = screen(&a, 80, 24);
    assert!(sc.contains("Review:"), "{sc}");
    assert!(sc.contains("ninja"), "{sc}");
}

#[test]
fn the_modified_mark_follows_typing_undo_and_save() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.md");
    let text = "# About us\n\n[Company Name] builds maps.\n";
    fs::write(&path, text).unwrap();
    let mut a = app(text, Some(path.clone()));
    let status = |a: &App| screen(a, 80, 24).lines().nth(22).unwrap_or("").to_string();
    assert!(!status(&a).contains("[+]"), "{}", status(&a));
    drive(&mut a, "<Tab>x");
    assert!(status(&a).contains("p.md [+]"), "{}", status(&a));
    // Undo back to the text on disk: nothing unsaved any more.
    drive(&mut a, "<C-z>");
    assert!(!status(&a).contains("[+]"), "{}", status(&a));
    drive(&mut a, "y");
    assert!(status(&a).contains("[+]"), "{}", status(&a));
    drive(&mut a, "<C-s>");
    assert!(!status(&a).contains("[+]"), "{}", status(&a));
    assert!(fs::read_to_string(&path).unwrap().contains("y"));
}

/// The first screen of a large posting, drawn from its beginning while the rest is read:
/// it says so, and shows no count the rest could change (the total, the last part's count,
/// the number of parts).
#[test]
fn the_first_screen_of_a_large_posting_says_it_is_still_reading() {
    let beginning = "---\ntitle: Dev\n---\n\n## About\n\n[Company] builds things.\n\n## Benefits\n\n## Pay\n\nUp to [Salary] and [Bonus].\n";
    let app = App::with_theme(
        Launch {
            path: Some(PathBuf::from("big.md")),
            posting: Posting::parse(beginning),
        },
        Theme { color: false },
    )
    .reading();
    let s = screen(&app, 80, 24);
    assert!(s.contains("counting…"), "{s}");
    assert!(s.contains("Reading big.md…"), "{s}");
    assert!(!s.contains("placeholders left"), "{s}");
    assert!(s.contains("1/…"), "{s}");
    let pay_row = s.lines().find(|l| l.contains("Pay")).unwrap();
    assert!(pay_row.contains('…') && !pay_row.contains('2'), "{pay_row}");
    // No review marks (the review would flag the empty section): the rest of the posting
    // could change them.
    let empty_row = s.lines().find(|l| l.contains("Benefits")).unwrap();
    assert!(
        empty_row.contains('✓') && !empty_row.contains('!'),
        "{empty_row}"
    );
    let about_row = s.lines().find(|l| l.contains("About")).unwrap();
    assert!(about_row.contains('1'), "{about_row}");
}

#[test]
fn typing_anywhere_in_a_giant_section_counts_placeholders_as_a_full_reread_does() {
    // One section of ~100 KB without headings: each key re-scans only the paragraphs it
    // edits. Whatever is typed (fences, brackets, blank lines, undo), the pane's count and
    // the total must be those of the text read from scratch.
    let mut text = String::from("# Job\n\nIntro [Company]\n\n## Giant\n\n");
    for i in 0..1_100 {
        text.push_str(&format!(
            "Para {i} for [Company Name] and {{{{ field_{i} }}}}.\n- item TBD\n\n"
        ));
    }
    assert!(text.len() > jobpost::tui::app::LARGE);
    let mut a = app(&text, None);
    // Into the middle of the giant section.
    drive(&mut a, "<Tab>");
    drive(&mut a, &"<Down>".repeat(1_600));
    let part = a.focused().part;
    let alphabet = [
        "x",
        " ",
        "[",
        "]",
        "TBD",
        "```",
        "\n",
        "\n\n",
        "<Backspace>",
        "<Up>",
        "<Down>",
        "<Left>",
        "<Right>",
        "<Home>",
        "<End>",
        "<C-z>",
        "<C-k>",
        "A",
        "<lt>",
    ];
    let mut seed: u64 = 7;
    for step in 0..120 {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let k = alphabet[(seed >> 33) as usize % alphabet.len()];
        drive(&mut a, k);
        if a.focused().part != part {
            break;
        }
        let fresh = Posting::parse(a.posting().text().to_string());
        let i = match part {
            jobpost::posting::Part::Section(i) => i,
            other => panic!("focused {other:?}"),
        };
        let in_part = fresh
            .placeholders()
            .iter()
            .filter(|p| p.section_index() == Some(i))
            .count();
        assert_eq!(a.count_in(part), in_part, "step {step}, key {k:?}");
        assert_eq!(
            a.placeholders_left(),
            fresh.placeholders().len(),
            "step {step}, key {k:?}"
        );
    }
}

#[test]
fn a_giant_pane_shown_through_a_window_looks_and_moves_like_one_text_area_holding_it_all() {
    // The text area of a pane over 64 KB holds only a window of its lines (the textarea
    // re-wraps all it holds per edit). Paging, jumping to the ends, typing and undo must
    // look exactly as one text area over the whole pane would show them.
    giant_pane_as_one_text_area(80, 24);
}

#[test]
fn on_a_taller_screen_a_giant_pane_pages_types_and_undoes_like_one_text_area() {
    // 35 rows of text: more than the window's fixed margin of lines, so the margin (and
    // the room kept for a page up or down) follows what the pane shows.
    giant_pane_as_one_text_area(100, 39);
}

/// The differential run at `w`x`h`.
fn giant_pane_as_one_text_area(w: u16, h: u16) {
    use ratatui::widgets::Widget;
    let mut text = String::from("# Job\n\nIntro [Company]\n\n## Giant\n\n");
    for i in 0..900 {
        text.push_str(&format!(
            "Para {i} for [Name {i}] and a longer sentence that wraps on screen.\n- item\n\n"
        ));
    }
    let mut a = app(&text, None);
    drive(&mut a, "<Tab>");
    let part_text = a.posting().part_text(a.focused().part).to_string();
    let mut reference = ratatui_textarea::TextArea::new(
        part_text
            .split('\n')
            .map(str::to_string)
            .collect::<Vec<_>>(),
    );
    reference.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    // Drawn as the event loop draws: the pane editor learns where its text went.
    let mut view = jobpost::tui::ui::ViewCache::default();
    // The pane's text rect: inside the thick border.
    t.draw(|f| jobpost::tui::ui::draw_cached(&a, &mut view, f))
        .unwrap();
    a.pane_drawn_at(view.pane_text);
    let buf = t.backend().buffer().clone();
    let x0 = (0..w).find(|&x| buf[(x, 0)].symbol() == "┏").unwrap() + 1;
    let area = ratatui::layout::Rect::new(x0, 1, w - x0 - 1, h - 4);
    let shown = |buf: &ratatui::buffer::Buffer| -> Vec<String> {
        (area.y..area.bottom())
            .map(|y| {
                (area.x..area.right())
                    .map(|x| buf[(x, y)].symbol())
                    .collect()
            })
            .collect()
    };
    let script = [
        "<Down>".repeat(30),
        "<PageDown>".repeat(60),
        "new words".to_string(),
        "<Enter>and a line<Enter>".to_string(),
        "<PageDown>".repeat(40),
        "<Up>".repeat(200),
        "x<Backspace>y".to_string(),
        "<A-gt>".to_string(),
        "end".to_string(),
        "<PageUp>".repeat(80),
        "<A-lt>".to_string(),
        "top".to_string(),
        "<PageDown>".repeat(150),
    ];
    for (n, step) in script.iter().enumerate() {
        for k in keys(step) {
            a.handle_key(k);
            if k == KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL) {
                reference.undo();
            } else {
                reference.input(k);
                // PgDn stops at the last page.
                if k.code == KeyCode::PageDown {
                    jobpost::tui::app::last_page_at_most(&mut reference, area.height);
                }
            }
            t.draw(|f| jobpost::tui::ui::draw_cached(&a, &mut view, f))
                .unwrap();
            a.pane_drawn_at(view.pane_text);
            let mut want = ratatui::buffer::Buffer::empty(area);
            (&reference).render(area, &mut want);
            let got = shown(t.backend().buffer());
            assert_eq!(got, shown(&want), "step {n} ({step:?}), key {k:?}");
            assert_eq!(
                a.focused().cursor(),
                (reference.cursor().0, reference.cursor().1)
            );
        }
        // Wherever the window is, the placeholders on screen are highlighted.
        let buf = t.backend().buffer();
        let rows = shown(buf);
        let mut seen = 0;
        for (y, row) in rows.iter().enumerate() {
            if let Some(i) = row.find("[Name ") {
                let x = area.x + row[..i].chars().count() as u16;
                let cell = &buf[(x + 1, area.y + y as u16)];
                assert!(
                    cell.modifier.contains(Modifier::UNDERLINED),
                    "step {n}: row {y} {row:?} not highlighted"
                );
                seen += 1;
            }
        }
        assert!(seen > 0, "step {n}: no placeholder on screen");
    }
    // The window moved away from where "top" was typed: the text area's undo history went
    // with it, and the editor's undo takes back the old window's typing as one step, with
    // the cursor back there.
    let typed = a.posting().text().to_string();
    assert!(typed.contains("## Giant\ntop\n"));
    drive(&mut a, "<C-z>");
    let undone = a.posting().text().to_string();
    assert_eq!(undone, typed.replacen("## Giant\ntop\n", "## Giant\n\n", 1));
    assert_eq!(a.focused().cursor(), (0, 0));
    drive(&mut a, "<C-y>");
    assert_eq!(a.posting().text(), typed);
}

#[test]
fn under_the_event_loop_a_small_posting_folds_typing_in_after_the_frame_and_shows_the_same() {
    // The event loop defers reviews to a pause in typing; a small posting's key goes to the
    // screen first and the model's re-read follows right after that frame (with a second
    // frame when the counts on screen changed). Everything after that must be what an editor
    // that re-reads the posting on every key shows.
    let mut now = template();
    let mut later = template();
    later.defer_review();
    let mut view = jobpost::tui::ui::ViewCache::default();
    let script = "<C-n>Acme<Tab><Down><End> and [Role] TBD<Enter><Enter>More {{ x }}<Backspace>\
                  <C-n>Ops<S-Tab><S-Tab>xx<C-z><C-z><C-z><Tab><Tab><Tab>`code` [Team]<Enter>";
    for (i, k) in keys(script).into_iter().enumerate() {
        now.handle_key(k);
        later.handle_key(k);
        // The frame drawn before the fold, with the outline copied from the last frame
        // where its rows are unchanged, is the frame drawn from scratch.
        let before_fold = screen_cached(&later, &mut view);
        assert_eq!(before_fold, screen(&later, 80, 24), "key {i}");
        let counts_moved = later.fold_after_frame();
        assert!(later.posting().text() == now.posting().text(), "key {i}");
        let parts = now.panes().to_vec();
        assert_eq!(later.panes(), parts.as_slice(), "key {i}");
        for p in &parts {
            assert_eq!(later.count_in(*p), now.count_in(*p), "key {i}: {p:?}");
        }
        assert_eq!(
            later.placeholders_left(),
            now.placeholders_left(),
            "key {i}"
        );
        // The second frame is drawn exactly when the first one showed other counts.
        let after_fold = screen_cached(&later, &mut view);
        assert_eq!(counts_moved, after_fold != before_fold, "key {i}");
        // After a pause in typing the review catches up (outline `!` marks).
        later.idle(std::time::Instant::now());
        assert_eq!(screen(&later, 80, 24), screen(&now, 80, 24), "key {i}");
    }
}

// ---- schema.org: what Google for Jobs still needs ----

/// For a posting written for Google for Jobs (a schema.org property in its front matter), the
/// front matter pane says which Google-required properties are missing, and so does the
/// review panel; a posting that has them says nothing.
#[test]
fn missing_schema_properties_are_named_in_the_front_matter_pane_and_the_review() {
    // Not a word about it for a posting not written for Google for Jobs.
    assert!(!screen(&app(DOC, None), 80, 24).contains("schema.org"));
    let schema = DOC.replace("title: Dev\n", "title: Dev\nemploymentType: FULL_TIME\n");
    let mut a = app(&schema, None);
    let sc = screen(&a, 80, 24);
    assert!(
        sc.contains("schema.org needs datePosted, hiringOrganization,"),
        "{sc}"
    );
    insta::assert_snapshot!("missing_schema_80x24", sc);
    insta::assert_snapshot!("missing_schema_60x15", screen(&a, 60, 15));
    drive(&mut a, "<F3>");
    let sc = screen(&a, 80, 24);
    assert!(
        sc.contains("schema.org needs datePosted, hiringOrganization, jobLocation (F2 adds them)"),
        "{sc}"
    );
    insta::assert_snapshot!("missing_schema_review_80x24", sc);
    let complete = "---\ntitle: Dev\ndatePosted: \"2026-12-01\"\nhiringOrganization:\n  name: Acme\njobLocationType: TELECOMMUTE\napplicantLocationRequirements: DE\n---\n\n## About\n\nWe build.\n";
    let mut a = app(complete, None);
    assert!(!screen(&a, 80, 24).contains("schema.org"));
    drive(&mut a, "<F3>");
    assert!(!screen(&a, 80, 24).contains("schema.org needs"));
}
