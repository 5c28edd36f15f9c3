//! Quick fill-in, as keystroke specifications `(document before, "keys", file after)`:
//! Ctrl-N / Ctrl-P, Ctrl-R (fill everywhere), F2 (the fill form), one-step undo, saved answers,
//! and the keystroke count for the Product Owner template.

mod common;
use common::{drive, keys};

use std::fs;
use std::path::PathBuf;

use jobpost::answers::{Answers, Session};
use jobpost::posting::Posting;
use jobpost::templates;
use jobpost::tui::Launch;
use jobpost::tui::app::{App, Mode, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

// ---- helpers (the same key notation as tests/tui.rs) ----

fn screen(app: &App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| jobpost::tui::ui::draw(app, f)).unwrap();
    t.backend().to_string()
}

/// The count or done mark the outline shows for a row.
fn outline_mark(screen: &str, label: &str) -> String {
    let row = screen
        .lines()
        .find_map(|l| {
            let (outline, _) = l.split_once("│┃").or_else(|| l.split_once("││"))?;
            outline
                .trim_start_matches(['"', '│', '▶', ' '])
                .starts_with(label)
                .then(|| outline.to_string())
        })
        .unwrap_or_else(|| panic!("no outline row {label:?}"));
    row.split_whitespace()
        .last()
        .unwrap_or_default()
        .to_string()
}

/// A posting file in a temp folder with saved answers at `answers.yaml` next to it.
struct Setup {
    dir: tempfile::TempDir,
    path: PathBuf,
}

impl Setup {
    fn new(before: &str) -> Setup {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("posting.md");
        fs::write(&path, before).unwrap();
        Setup { dir, path }
    }

    fn answers_file(&self) -> PathBuf {
        self.dir.path().join("config/jobpost/answers.yaml")
    }

    fn with_answers(self, yaml: &str) -> Setup {
        let f = self.answers_file();
        fs::create_dir_all(f.parent().unwrap()).unwrap();
        fs::write(f, yaml).unwrap();
        self
    }

    fn app(&self, remember: bool) -> App {
        App::with_theme(
            Launch {
                path: Some(self.path.clone()),
                posting: jobpost::store::load(&self.path).unwrap(),
            },
            Theme { color: false },
        )
        .with_answers(Session::open(self.answers_file(), remember))
    }

    fn file(&self) -> String {
        fs::read_to_string(&self.path).unwrap()
    }
}

/// Opens `before` (saved answers off), types `key_string`, checks the file's bytes.
#[track_caller]
fn assert_keys(before: &str, key_string: &str, after: &str) -> App {
    let s = Setup::new(before);
    let mut app = App::with_theme(
        Launch {
            path: Some(s.path.clone()),
            posting: jobpost::store::load(&s.path).unwrap(),
        },
        Theme { color: false },
    );
    drive(&mut app, key_string);
    assert_eq!(s.file(), after, "keys {key_string:?}");
    app
}

/// Front matter, two sections, and one placeholder in a heading.
const DOC: &str = "---\ntitle: \"[Company Name] developer\"\ndescription: A test posting\n---\n\n## About\n\n[Company Name] builds things in [City].\n\n## Pay [Currency]\n\n[Company Name] pays [Salary].\n";

// ---- Ctrl-N / Ctrl-P ----

#[test]
fn ctrl_n_visits_front_matter_and_sections_wraps_and_names_heading_placeholders() {
    let mut a = assert_keys(DOC, "<C-n>", DOC);
    let m = &a.message().unwrap().text;
    assert!(m.starts_with("1/5 [Company Name]"), "{m}");
    assert!(m.contains("1 in headings: Ctrl-R/F2"), "{m}");
    drive(&mut a, "<C-n><C-n><C-n><C-n>");
    assert!(a.message().unwrap().text.starts_with("5/5 [Salary]"));
    drive(&mut a, "<C-n>");
    assert!(a.message().unwrap().text.starts_with("1/5 (wrapped)"));
    drive(&mut a, "<C-p>");
    assert!(a.message().unwrap().text.starts_with("5/5 (wrapped)"));
    // Typing replaces the selection, in the front matter too.
    assert_keys(
        DOC,
        "<C-n>Acme<C-s>",
        &DOC.replacen("[Company Name] developer", "Acme developer", 1),
    );
}

#[test]
fn ctrl_n_when_only_heading_placeholders_are_left_points_to_ctrl_r() {
    let mut a = assert_keys(
        "## Pay [Currency]\n\nAll set.\n",
        "<C-n>",
        "## Pay [Currency]\n\nAll set.\n",
    );
    assert_eq!(
        a.message().unwrap().text,
        "1 left, all in headings: Ctrl-R or F2 fills them"
    );
    drive(&mut a, "<C-r>EUR<Enter><C-n>");
    assert_eq!(a.message().unwrap().text, "No unfilled placeholders left");
}

// ---- Ctrl-R ----

#[test]
fn ctrl_r_fills_every_occurrence_in_front_matter_and_two_sections() {
    let a = assert_keys(
        DOC,
        "<C-r>Acme<Enter><C-s>",
        &DOC.replace("[Company Name]", "Acme"),
    );
    assert!(a.message().unwrap().text.starts_with("Saved"));
}

#[test]
fn ctrl_r_prompt_shows_the_placeholder_and_its_count_and_counts_update_at_once() {
    let s = Setup::new(DOC);
    let mut a = s.app(false);
    assert!(screen(&a, 80, 24).contains("6 placeholders left"));
    drive(&mut a, "<C-r>Ac");
    let sc = screen(&a, 80, 24);
    assert!(sc.contains("Fill [Company Name] (3×): Ac "), "{sc}");
    assert!(sc.contains("Enter fill · Esc cancel"), "{sc}");
    drive(&mut a, "me<Enter>");
    let sc = screen(&a, 80, 24);
    assert!(sc.contains("3 placeholders left"), "{sc}");
    assert!(sc.contains("Filled [Company Name] ×3"), "{sc}");
    // The outline: front matter done, About has [City] left, Pay [Salary] and [Currency].
    assert_eq!(outline_mark(&sc, "Front matter"), "✓", "{sc}");
    assert_eq!(outline_mark(&sc, "About"), "1", "{sc}");
    assert_eq!(outline_mark(&sc, "Pay [Currency]"), "2", "{sc}");
    assert_eq!(a.mode(), &Mode::Normal);
}

#[test]
fn ctrl_r_takes_the_placeholder_at_or_after_the_cursor() {
    // Tab to About (front matter, About): the cursor is before [Company Name] there.
    assert_keys(
        DOC,
        "<C-n><C-n><C-n><C-r>Oslo<Enter><C-s>",
        &DOC.replace("[City]", "Oslo"),
    );
    // After the last placeholder it wraps to the first.
    assert_keys(
        "# A\n\n[X] and [Y].\n\nend\n",
        "<C-p><Right><Right><C-r>y<Enter><C-s>",
        "# A\n\n[X] and y.\n\nend\n",
    );
    // A heading placeholder is reached too: from the end of About, the next one is in the
    // heading of Pay.
    assert_keys(
        DOC,
        "<Tab><Tab><Down><Down><Down><Down><C-r>EUR<Enter><C-s>",
        &DOC.replace("[Currency]", "EUR"),
    );
}

#[test]
fn one_ctrl_z_undoes_a_whole_fill_and_ctrl_y_redoes_it() {
    let filled = DOC.replace("[Company Name]", "Acme");
    assert_keys(DOC, "<C-r>Acme<Enter><C-z><C-s>", DOC);
    assert_keys(DOC, "<C-r>Acme<Enter><C-z><C-y><C-s>", &filled);
    // Typing after a fill is undone first (the word typed is one step), then the fill.
    assert_keys(DOC, "<C-r>Acme<Enter>xy<C-z><C-s>", &filled);
    assert_keys(DOC, "<C-r>Acme<Enter>xy<C-z><C-z><C-s>", DOC);
}

#[test]
fn empty_ctrl_r_asks_for_a_value_and_esc_cancels_both_prompt_and_form() {
    let mut a = assert_keys(DOC, "<C-r><Enter>", DOC);
    assert!(matches!(a.mode(), Mode::Fill(_)));
    assert!(a.message().unwrap().error);
    drive(&mut a, "<Esc>");
    assert_eq!(a.mode(), &Mode::Normal);
    let a = assert_keys(DOC, "<C-r>Acme<Esc><F2>X<Tab>Y<Esc><C-s>", DOC);
    assert_eq!(a.mode(), &Mode::Normal);
    assert!(!a.modified());
}

#[test]
fn a_value_with_yaml_syntax_reads_back_exactly_from_the_front_matter() {
    // Escaped in the double-quoted title, as typed in the body.
    let value = "A \"B\": #1";
    let after = DOC
        .replacen("[Company Name]", "A \\\"B\\\": #1", 1)
        .replace("[Company Name]", value);
    let a = assert_keys(DOC, &format!("<C-r>{value}<Enter><C-s>"), &after);
    let m = a.message().unwrap();
    assert!(m.text.starts_with("Saved") && !m.error, "{m:?}");
    let fm = a.posting().front_matter().unwrap();
    assert!(fm.error.is_none());
    assert_eq!(fm.title.as_deref(), Some("A \"B\": #1 developer"));
}

#[test]
fn a_value_that_breaks_the_front_matter_says_so_and_undoes() {
    // A plain value over two lines cannot take `: ` (fill refuses it; the editor warns).
    let doc = "---\ndescription: Join [Company Name] as our\n  first engineer\n---\n\n## About\n";
    let s = Setup::new(doc);
    let mut a = s.app(false);
    drive(&mut a, "<C-r>Acme: Inc.<Enter>");
    let m = a.message().unwrap();
    assert!(m.error && m.text.contains("no longer valid YAML"), "{m:?}");
    drive(&mut a, "<C-z>");
    assert_eq!(a.posting().text(), doc);
}

/// The Product Owner template's placeholders in the order the fill form lists them (first
/// occurrence), with values for a posting in Oslo.
const PO_FIELDS: [(&str, &str); 10] = [
    ("[Date posted, YYYY-MM-DD]", "2025-01-15"),
    ("[Closing date, YYYY-MM-DD]", "2025-03-31"),
    ("[Company Name]", "Acme"),
    ("[Your City]", "Oslo"),
    ("[Your Country]", "Norway"),
    ("[Currency code, e.g. USD]", "NOK"),
    ("[Lowest yearly salary]", "700000"),
    ("[Highest yearly salary]", "900000"),
    ("[industry/type]", "fintech"),
    (
        "[brief description of company mission or products/services]",
        "making payments simple for small shops",
    ),
];

/// The template with `values` (in [`PO_FIELDS`] order; `None` leaves one) in place.
fn po_filled(values: &[Option<&str>]) -> String {
    PO_FIELDS
        .iter()
        .zip(values)
        .fold(
            templates::PRODUCT_OWNER.to_string(),
            |t, ((name, _), v)| match v {
                Some(v) => t.replace(name, v),
                None => t,
            },
        )
}

/// The keys typing `values` into the fill form, Tab between fields (an empty value leaves its
/// field alone), Enter on the last.
fn po_form_keys(values: &[Option<&str>]) -> String {
    let typed: Vec<&str> = values.iter().map(|v| v.unwrap_or("")).collect();
    format!("<F2>{}<Enter>", typed.join("<Tab>"))
}

#[test]
fn f2_fills_all_at_once_and_leaves_an_empty_field_alone() {
    let mut values: Vec<Option<&str>> = PO_FIELDS.iter().map(|(_, v)| Some(*v)).collect();
    values[2] = None; // [Company Name], in the front matter and About Us
    let a = assert_keys(
        templates::PRODUCT_OWNER,
        &format!("{}<C-s>", po_form_keys(&values)),
        &po_filled(&values),
    );
    assert_eq!(a.posting().placeholders().len(), 2);
}

#[test]
fn f2_moves_with_shift_tab_up_down_applies_with_ctrl_s_and_is_one_undo_step() {
    assert_keys(
        DOC,
        "<F2><Down><Up><S-Tab>S<S-Tab>C<C-s><C-s>",
        &DOC.replace("[Salary]", "S").replace("[Currency]", "C"),
    );
    assert_keys(DOC, "<F2>A<Tab>B<Tab>C<Tab>D<Enter><C-z><C-s>", DOC);
}

#[test]
fn f2_lists_each_placeholder_once_with_count_and_section() {
    let s = Setup::new(DOC);
    let mut a = s.app(false);
    drive(&mut a, "<F2>");
    let sc = screen(&a, 80, 24);
    assert!(sc.contains("Fill form · 4 placeholders"), "{sc}");
    assert!(
        sc.contains("[Company Name] 3× · Front matter, About, Pay [Currency]"),
        "{sc}"
    );
    assert!(sc.contains("[City] 1× · About"), "{sc}");
    assert!(sc.contains("(empty: left as it is)"), "{sc}");
    insta::assert_snapshot!("form_80x24", sc);
}

#[test]
fn f2_scrolls_when_there_are_more_fields_than_rows() {
    let many: String = (1..=9)
        .map(|i| format!("## S{i}\n\n[Field {i}] here.\n\n"))
        .collect();
    let s = Setup::new(&many);
    let mut a = s.app(false);
    drive(&mut a, "<F2>");
    insta::assert_snapshot!("form_60x15_top", screen(&a, 60, 15));
    drive(&mut a, "<Up>last");
    let sc = screen(&a, 60, 15);
    assert!(
        sc.contains("9/9") && sc.contains("[Field 9]") && sc.contains("last"),
        "{sc}"
    );
    assert!(!sc.contains("[Field 1]"), "{sc}");
    insta::assert_snapshot!("form_60x15_scrolled", sc);
    drive(&mut a, "<Enter>");
    assert!(a.posting().text().contains("## S9\n\nlast here."));
    for (w, h) in [(40, 10), (41, 11), (200, 60)] {
        drive(&mut a, "<F2>");
        screen(&a, w, h);
        drive(&mut a, "<Esc>");
    }
}

// ---- saved answers ----

#[test]
fn a_saved_answer_is_offered_in_ctrl_r_selected_so_typing_replaces_it() {
    let s = Setup::new(DOC).with_answers("Company Name: Crumb & Co\n");
    let mut a = s.app(true);
    drive(&mut a, "<C-r>");
    let sc = screen(&a, 80, 24);
    assert!(sc.contains("Fill [Company Name] (3×): Crumb & Co"), "{sc}");
    drive(&mut a, "<Enter><C-s>");
    assert_eq!(s.file(), DOC.replace("[Company Name]", "Crumb & Co"));

    let s = Setup::new(DOC).with_answers("Company Name: Crumb & Co\n");
    let mut a = s.app(true);
    drive(&mut a, "<C-r>Acme<Enter><C-s>");
    assert_eq!(s.file(), DOC.replace("[Company Name]", "Acme"));
    let back = Answers::load(&s.answers_file()).unwrap();
    assert_eq!(back.get("[Company Name]"), Some("Acme"));
}

#[test]
fn saved_answers_are_offered_in_f2_and_kept_with_one_ctrl_s() {
    let s = Setup::new(DOC).with_answers("Company Name: Crumb\n\"[City]\": Leeds\n");
    let mut a = s.app(true);
    drive(&mut a, "<F2>");
    let sc = screen(&a, 80, 24);
    assert!(sc.contains("› Crumb"), "{sc}");
    assert!(sc.contains("› Leeds"), "{sc}");
    drive(&mut a, "<C-s><C-s>");
    assert_eq!(
        s.file(),
        DOC.replace("[Company Name]", "Crumb")
            .replace("[City]", "Leeds")
    );
}

#[test]
fn filled_values_are_written_on_save_and_markers_are_not_remembered() {
    let s = Setup::new("# A\n\n[Company Name] pays TBD.\n");
    let mut a = s.app(true);
    drive(&mut a, "<F2>Acme<Tab>soon<Enter>");
    assert!(
        !s.answers_file().exists(),
        "written before the posting was saved"
    );
    drive(&mut a, "<C-s>");
    assert_eq!(s.file(), "# A\n\nAcme pays soon.\n");
    assert!(a.message().unwrap().text.contains("1 answer remembered"));
    assert_eq!(
        fs::read_to_string(s.answers_file()).unwrap(),
        "'[Company Name]': Acme\n"
    );
}

#[test]
fn remember_off_never_writes_the_answers_file() {
    let s = Setup::new(DOC);
    let mut a = s.app(false);
    drive(&mut a, "<C-r>Acme<Enter><F2>Oslo<C-s><C-s>");
    assert_eq!(
        s.file(),
        DOC.replace("[Company Name]", "Acme")
            .replace("[City]", "Oslo")
    );
    assert!(!s.answers_file().exists());
}

#[test]
fn remember_false_in_config_yaml_turns_writing_off() {
    let dir = tempfile::tempdir().unwrap();
    let paths = jobpost::config::Paths {
        config_dir: dir.path().join("jobpost"),
        data_dir: dir.path().join("data"),
    };
    fs::create_dir_all(&paths.config_dir).unwrap();
    fs::write(paths.config_file(), "answers:\n  remember: false\n").unwrap();
    let config = jobpost::config::Config::load(Some(&paths), None).unwrap();
    let s = Setup::new(DOC);
    let mut a = App::with_theme(
        Launch {
            path: Some(s.path.clone()),
            posting: Posting::parse(DOC),
        },
        Theme { color: false },
    )
    .with_answers(Session::open(paths.answers_file(), config.remember_answers));
    drive(&mut a, "<C-r>Acme<Enter><C-s>");
    assert_eq!(s.file(), DOC.replace("[Company Name]", "Acme"));
    assert!(!paths.answers_file().exists());
}

#[test]
fn an_invalid_answers_file_is_reported_on_open_and_never_overwritten() {
    let bad = "- a list\n- is not a mapping\n";
    let s = Setup::new(DOC).with_answers(bad);
    let mut a = s.app(true);
    let m = a.message().unwrap().clone();
    assert!(m.error && m.text.contains("not an answers file"), "{m:?}");
    assert!(screen(&a, 80, 24).contains("Saved answers:"));
    drive(&mut a, "<C-r>Acme<Enter><C-s>");
    assert_eq!(s.file(), DOC.replace("[Company Name]", "Acme"));
    assert_eq!(fs::read_to_string(s.answers_file()).unwrap(), bad);
}

#[test]
fn answers_saved_by_the_editor_fill_the_same_file_with_jobpost_fill_answers() {
    let s = Setup::new(templates::PRODUCT_OWNER);
    let mut a = s.app(true);
    let mut values: Vec<Option<&str>> = PO_FIELDS.iter().map(|(_, v)| Some(*v)).collect();
    values[2] = Some("Acme & Co");
    values[9] = Some("payments: simple \"and\" fair");
    drive(&mut a, &format!("{}<C-s>", po_form_keys(&values)));
    let by_editor = s.file();
    assert!(by_editor.contains("  name: \"Acme & Co\"\n"), "{by_editor}");
    assert_eq!(a.posting().placeholders().len(), 0);
    let copy = s.dir.path().join("copy.md");
    fs::write(&copy, templates::PRODUCT_OWNER).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_jobpost"))
        .arg("fill")
        .arg(&copy)
        .arg("--answers")
        .arg(s.answers_file())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8(out.stdout).unwrap(), by_editor);
}

// ---- the measured figure ----

/// Keys from open to saved for the Product Owner template (10 distinct placeholders, 13
/// occurrences). Every typed character counts as one key.
#[test]
fn keystrokes_to_fill_the_product_owner_template() {
    let values: Vec<Option<&str>> = PO_FIELDS.iter().map(|(_, v)| Some(*v)).collect();
    let expected = po_filled(&values);

    // First posting: F2, type each value, Tab between fields, Enter applies, Ctrl-S saves.
    let typed = format!("{}<C-s>", po_form_keys(&values));
    let s = Setup::new(templates::PRODUCT_OWNER);
    let mut a = s.app(true);
    drive(&mut a, &typed);
    assert_eq!(s.file(), expected);
    let typed_chars: usize = values.iter().flatten().map(|v| v.chars().count()).sum();
    assert_eq!(typed_chars, 94);
    assert_eq!(keys(&typed).len(), 1 + typed_chars + 9 + 1 + 1); // 106

    // Next posting from the same template, answers saved: F2, Enter on each field, Ctrl-S.
    let again = format!("<F2>{}<C-s>", "<Enter>".repeat(PO_FIELDS.len()));
    let next = s.dir.path().join("next.md");
    fs::write(&next, templates::PRODUCT_OWNER).unwrap();
    let mut b = App::with_theme(
        Launch {
            path: Some(next.clone()),
            posting: jobpost::store::load(&next).unwrap(),
        },
        Theme { color: false },
    )
    .with_answers(Session::open(s.answers_file(), true));
    drive(&mut b, &again);
    assert_eq!(fs::read_to_string(&next).unwrap(), expected);
    assert_eq!(keys(&again).len(), 12);

    // Or: F2, Ctrl-S applies the form, Ctrl-S saves.
    let shortest = "<F2><C-s><C-s>";
    let third = s.dir.path().join("third.md");
    fs::write(&third, templates::PRODUCT_OWNER).unwrap();
    let mut c = App::with_theme(
        Launch {
            path: Some(third.clone()),
            posting: jobpost::store::load(&third).unwrap(),
        },
        Theme { color: false },
    )
    .with_answers(Session::open(s.answers_file(), true));
    drive(&mut c, shortest);
    assert_eq!(fs::read_to_string(&third).unwrap(), expected);
    assert_eq!(keys(shortest).len(), 3);
}

// ---- F2: the schema.org properties Google requires that are missing ----

const PLAIN: &str =
    "---\ntitle: Dev\nemploymentType: FULL_TIME\n---\n\n## About\n\n[Company] builds things.\n";

/// The form offers the missing required properties after the placeholders; their values land
/// in the front matter in block style, each reading back exactly as typed; nothing else in
/// the file changes.
#[test]
fn f2_offers_the_missing_schema_properties_and_writes_them_as_yaml() {
    let s = Setup::new(PLAIN);
    let mut a = s.app(false);
    drive(&mut a, "<F2>");
    let sc = screen(&a, 80, 24);
    assert!(
        sc.contains("Fill form · 1 placeholder · 4 schema.org"),
        "{sc}"
    );
    assert!(
        sc.contains("hiringOrganization.name missing · the employer's name"),
        "{sc}"
    );
    insta::assert_snapshot!("form_schema_80x24", sc);
    insta::assert_snapshot!("form_schema_60x15", screen(&a, 60, 15));
    drop(a);
    assert_keys(
        PLAIN,
        "<F2>Acme: Inc.<Tab>2026-12-01<Tab>O'Reilly #1<Tab>Leeds<C-s><C-s>",
        "---\ntitle: Dev\nemploymentType: FULL_TIME\ndatePosted: \"2026-12-01\"\nhiringOrganization:\n  name: \"O'Reilly #1\"\njobLocation:\n  address:\n    addressLocality: Leeds\n---\n\n## About\n\nAcme: Inc. builds things.\n",
    );
}

/// Under the `structured-data` rule a posting without front matter is asked for the
/// properties too, and gets front matter; a value that cannot be added keeps the form open
/// with the reason, and nothing changes.
#[test]
fn f2_makes_front_matter_and_refuses_what_cannot_be_added() {
    use jobpost::review::{Level, RuleId, Rules};
    let bare = "# Dev\n\nWe build.\n";
    let s = Setup::new(bare);
    let levels = [(RuleId::StructuredData, Level::Error)].into();
    let mut a = s
        .app(false)
        .with_rules(Rules::new(levels, None, &Default::default()));
    drive(&mut a, "<F2>Dev<Tab>2026-12-01<C-s><C-s>");
    assert_eq!(
        s.file(),
        "---\ntitle: Dev\ndatePosted: \"2026-12-01\"\n---\n# Dev\n\nWe build.\n"
    );
    let list = "---\ntitle: Dev\ndatePosted: 2026-12-01\nhiringOrganization: {sameAs: https://a.example}\njobLocationType: TELECOMMUTE\napplicantLocationRequirements: DE\n---\n\n## About\n\nWe build.\n";
    let s = Setup::new(list);
    let mut a = s.app(false);
    drive(&mut a, "<F2>Acme<C-s>");
    assert!(matches!(a.mode(), Mode::Fill(_)), "the form stays open");
    let m = a.message().unwrap();
    assert!(m.error, "{m:?}");
    assert!(
        m.text.contains("hiringOrganization.name") && m.text.contains("by hand"),
        "{m:?}"
    );
    drive(&mut a, "<Esc><C-s>");
    assert_eq!(s.file(), list);
}
