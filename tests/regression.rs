//! Regression tests, one per bug found by users or fuzzers, named after it (as ripgrep names
//! its own): the exact input that broke jobpost, and what it must do instead.

use jobpost::posting::Posting;
use jobpost::review::{self, Rules, report};

/// Reviews `text` and renders every report format, as `jobpost check` does; the findings.
fn check(text: &str) -> Vec<String> {
    let posting = Posting::from_bytes(text.as_bytes().to_vec()).unwrap();
    let r = review::review_guarded("a.md".into(), &posting, &Rules::default(), None)
        .unwrap_or_else(|e| panic!("{e}"));
    for format in [
        report::Format::Text,
        report::Format::Json,
        report::Format::Github,
    ] {
        report::render(format, &r, &mut Vec::new());
    }
    r.findings
        .iter()
        .map(|f| format!("{}:{} {}", f.line, f.column, f.rule))
        .collect()
}

/// Issue 12: the pay-range rule sliced 40 bytes back from a number range, inside the curly
/// apostrophe; `jobpost check` exited 101.
#[test]
fn r12_pay_range_context_inside_a_curly_apostrophe() {
    let f = check("# Role\n\nWe’re looking for people who can commit to 20-30 hours a week.\n");
    // Hours are not pay: the posting still has no pay range.
    assert!(f.contains(&"1:1 pay-range".to_string()), "{f:?}");
}

/// Issue 12: the same slice inside Japanese text before `1-2`.
#[test]
fn r12_pay_range_context_inside_japanese_text() {
    let f = check("# 役割\n\n私たちは週に数時間働ける人を探しています。経験は1-2年\n");
    assert!(f.contains(&"1:1 pay-range".to_string()), "{f:?}");
}

/// Issue 12: pay words more than 40 bytes back, across multi-byte text, still count when
/// within reach, and a range right at the start of a block has nothing before it.
#[test]
fn r12_pay_range_context_at_the_edges() {
    assert!(
        !check("# Role\n\nSalary: ’’’’ 50,000 - 60,000\n").contains(&"1:1 pay-range".to_string())
    );
    assert!(check("# Role\n\n1-2\n").contains(&"1:1 pay-range".to_string()));
}

/// Issue 12, found by the fill fuzz target: a placeholder holding `: ` on a plain YAML line
/// (`title:x [: Title]` reads as the key `title:x [`) was filled raw, and valid front matter
/// no longer parsed. Such a fill is refused now.
#[test]
fn r12_fill_of_a_placeholder_that_is_yaml_syntax_is_refused() {
    let p =
        Posting::parse("---\ntitle:x [: Title] at [Company]\ncompany: [Company]\n---\n# About\n");
    assert!(p.front_matter().unwrap().error.is_none());
    let pairs = [(": Title".to_string(), "123".to_string())];
    let e = p.try_fill_all(&pairs).unwrap_err();
    assert_eq!((e.line, e.placeholder.as_str()), (2, "[: Title]"));
    assert!(e.reason.contains("part of the YAML"), "{e}");
    // The other placeholders there are values: filled exactly.
    let pairs = [("Company".to_string(), "Acme: Inc.".to_string())];
    let (f, _) = p.try_fill_all(&pairs).unwrap();
    assert!(f.front_matter().unwrap().error.is_none(), "{}", f.text());
}

// ---- found by the editor fuzz target (keys over a posting, each frame drawn) ----

mod common;

use jobpost::tui::Launch;
use jobpost::tui::app::App;
use jobpost::tui::ui::theme::Theme;

/// Opens `text` as a new posting and types `keys` (tests/common notation) through the event
/// loop's steps (each frame drawn at 80x24, a pause after every key): the text it holds.
fn type_drawn(text: &str, keys: &str) -> String {
    let mut app = App::with_theme(
        Launch {
            path: None,
            posting: Posting::parse(text),
        },
        Theme { color: false },
    );
    app.set_recovery_dir(None);
    app.defer_review();
    let mut run = common::Loop::new(80, 24);
    for k in common::keys(keys) {
        if run.key(&mut app, k, std::time::Duration::from_millis(400)) {
            break;
        }
    }
    app.posting().text().to_string()
}

/// Typing `---` in the header of a posting whose front matter never closes made that text a
/// front matter block: the outline still listed the section the model no longer had.
#[test]
fn r12_editor_typed_front_matter_delimiter_then_undo_redo() {
    let text = "---\ntitle: [Pastry Chpayef\ndescription:e werken: twee dage\"n per week samenland.\n\n## DeinefuA gacen\n\n- Du entwickelst neue Diand.\nval";
    let keys = "!<C-r>X<Enter>g, Invoicing and Ledger Platform Team<Home>---<Home><Home># Backend Engineer<Home><Home>Start date: [Start Date]. We offer a competitive salary.<Home><Home><lt>!-- jobpost-enable pay-r<C-z><C-y>";
    let got = type_drawn(text, keys);
    assert!(got.contains("Invoicing"), "{got}");
}
