//! Everyday editing as a person meets it, without a terminal: paste, undo steps, the find
//! prompt's last query, PgDn at the end of a short section, a long message read whole.
//! Screens are TestBackend snapshots at 80x24 and 60x15.

mod common;
use common::{drive, paste, screen_as_loop};

use jobpost::posting::Posting;
use jobpost::tui::Launch;
use jobpost::tui::app::{App, Mode, Theme};

fn open(text: &str) -> (tempfile::TempDir, std::path::PathBuf, App) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("posting.md");
    std::fs::write(&path, text).unwrap();
    let app = App::with_theme(
        Launch {
            path: Some(path.clone()),
            posting: Posting::parse(text),
        },
        Theme { color: false },
    );
    (dir, path, app)
}

const DOC: &str = "# Job\n\nIntro.\n\n## About [Company]\n\n[Company] builds things.\n\n## The role\n\nYou will work in [City].\n";

#[test]
fn a_paste_lands_verbatim_in_the_focused_pane_as_one_undo_step() {
    let (_d, path, mut a) = open(DOC);
    drive(&mut a, "<C-n>"); // the heading's placeholder is skipped: [Company] in About's text
    let part = a.panes()[a.focus()];
    let lines: Vec<String> = (0..200).map(|i| format!("Name:\tAcme {i}")).collect();
    paste(&mut a, &format!("{}\r\n", lines.join("\r\n")));
    // Focus stayed; tabs are tabs; CR LF became the pane's LF; all of it in About.
    assert_eq!(a.panes()[a.focus()], part);
    let text = a.posting().text().to_string();
    assert!(text.contains(&format!(
        "## About [Company]\n\n{}\n builds things.",
        lines.join("\n")
    )));
    drive(&mut a, "<C-s>");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    drive(&mut a, "<C-z><C-s>");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), DOC);
}

#[test]
fn typing_words_then_one_ctrl_z_takes_back_the_last_word_not_one_character() {
    let (_d, _p, mut a) = open(DOC);
    drive(&mut a, "<C-n><End> hello brave world");
    assert!(a.posting().text().contains("things. hello brave world\n"));
    drive(&mut a, "<C-z>");
    let text = a.posting().text();
    assert!(text.contains("things. hello brave \n"), "{text}");
    drive(&mut a, "<C-z><C-z><C-z>");
    assert_eq!(a.posting().text(), DOC);
    assert!(!a.modified());
    // The space typed first is a step of its own, then each word with its space.
    drive(&mut a, "<C-y><C-y>");
    assert!(a.posting().text().contains("things. hello \n"));
}

#[test]
fn in_a_giant_section_typing_until_a_pause_is_one_undo_step_and_a_paste_its_own() {
    // A word at a time would re-read the giant section on every word: typing, Backspace
    // included, is one step there until a pause or a cursor jump (as an insert in vim).
    let mut filler = String::new();
    while filler.len() <= jobpost::tui::app::LARGE {
        filler.push_str("\nMore about us, written down at length.\n");
    }
    let text = DOC.replace("builds things.\n", &format!("builds things.\n{filler}"));
    let (_d, _p, mut a) = open(&text);
    // As in the event loop, which reads the pane into the posting after a pause.
    a.defer_review();
    drive(&mut a, "<C-n><End> hello brave worlx<Backspace>d");
    assert!(a.focused().windowed());
    assert!(a.focused().text().contains("things. hello brave world\n"));
    paste(&mut a, " pasted");
    drive(&mut a, " again");
    assert!(
        a.focused()
            .text()
            .contains("things. hello brave world pasted again\n")
    );
    drive(&mut a, "<C-z>");
    assert!(
        a.posting()
            .text()
            .contains("things. hello brave world pasted\n")
    );
    drive(&mut a, "<C-z>");
    assert!(a.posting().text().contains("things. hello brave world\n"));
    drive(&mut a, "<C-z>");
    assert_eq!(a.posting().text(), text);
    // A cursor jump still ends a step.
    drive(&mut a, "<C-y><Home>start <End> end");
    drive(&mut a, "<C-z>");
    let t = a.posting().text();
    assert!(
        t.contains("start [Company] builds things. hello brave world\n"),
        "{t:.200}"
    );
}

#[test]
fn ctrl_n_typing_and_one_ctrl_z_bring_the_placeholder_back_selected() {
    let (_d, _p, mut a) = open(DOC);
    drive(&mut a, "<C-n>Paris");
    assert!(a.posting().text().contains("Paris builds"));
    drive(&mut a, "<C-z>");
    assert_eq!(a.posting().text(), DOC);
    // The placeholder is selected again: typing replaces it once more.
    drive(&mut a, "Acme");
    assert!(a.posting().text().contains("\n\nAcme builds"));
}

#[test]
fn ctrl_f_offers_the_last_query_selected_and_typing_replaces_it() {
    let (_d, _p, mut a) = open(DOC);
    drive(&mut a, "<C-f>work<Enter><Esc><C-f>");
    let Mode::Prompt(p) = a.mode() else {
        panic!("the find prompt is open")
    };
    assert_eq!(p.input.value(), "work");
    assert!(p.input.selected());
    insta::assert_snapshot!(screen_as_loop(&mut a, 80, 24));
    drive(&mut a, "intro");
    let Mode::Prompt(p) = a.mode() else {
        panic!("the find prompt is open")
    };
    assert_eq!(p.input.value(), "intro");
    drive(&mut a, "<Enter>");
    assert!(a.message().unwrap().text.starts_with("1 match"));
    // Backspace on the offered query clears it; Right keeps it to edit.
    drive(&mut a, "<Esc><C-f><Right>s");
    let Mode::Prompt(p) = a.mode() else {
        panic!("the find prompt is open")
    };
    assert_eq!(p.input.value(), "intros");
}

#[test]
fn pgdn_in_a_short_section_keeps_its_text_in_view() {
    let (_d, _p, mut a) = open(DOC);
    drive(&mut a, "<Tab>");
    let before = screen_as_loop(&mut a, 80, 24);
    assert!(before.contains("[Company] builds things."), "{before}");
    drive(&mut a, "<PageDown>");
    let after = screen_as_loop(&mut a, 80, 24);
    assert!(after.contains("[Company] builds things."), "{after}");
    insta::assert_snapshot!(after);
    drive(&mut a, "<PageDown><PageDown>");
    let small = screen_as_loop(&mut a, 60, 15);
    assert!(small.contains("[Company] builds things."), "{small}");
    insta::assert_snapshot!(small);
}

#[test]
fn a_message_longer_than_the_status_line_is_shown_whole() {
    let doc = "# Job\n\n## About\n\n[Company Name] in [Your City], [Your Country], paying [Currency code].\n";
    let (_d, _p, mut a) = open(doc);
    drive(&mut a, "<F2>Acme<Tab>Oslo<Tab>Norway<Tab>NOK<Enter>");
    let message = a.message().unwrap().text.clone();
    assert_eq!(message, "Filled 4 placeholders in 4 places · Ctrl-Z undoes");
    for (w, h) in [(60, 15), (40, 10)] {
        let s = screen_as_loop(&mut a, w, h);
        let words: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
        for word in message.split_whitespace() {
            assert!(words.contains(word), "{word:?} missing at {w}x{h}:\n{s}");
        }
    }
    insta::assert_snapshot!(screen_as_loop(&mut a, 60, 15));
}
