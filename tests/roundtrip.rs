//! The law that matters most: load then write is the identity, for any text; and filling one
//! placeholder changes only its bytes.

use std::path::PathBuf;

use jobpost::posting::Posting;
use proptest::prelude::*;

/// Text built from the pieces that trip Markdown tools: line endings, BOM, brackets, headings,
/// fences, front matter delimiters, HTML, tabs, non-ASCII.
fn posting_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("\r\n".to_string()),
        Just("\n".to_string()),
        Just("\r".to_string()),
        Just("---\n".to_string()),
        Just("...\n".to_string()),
        Just("# ".to_string()),
        Just("### About Us\n".to_string()),
        Just("Title\n===\n".to_string()),
        Just("```\n".to_string()),
        Just("~~~".to_string()),
        Just("    ".to_string()),
        Just("\t".to_string()),
        Just("[".to_string()),
        Just("]".to_string()),
        Just("[Company Name]".to_string()),
        Just("[x](y)".to_string()),
        Just("[ref]: /u\n".to_string()),
        Just("{{ name }}".to_string()),
        Just("{".to_string()),
        Just("<div>\n".to_string()),
        Just("<Company Name>".to_string()),
        Just("<!-- ".to_string()),
        Just(" -->\n".to_string()),
        Just("<b>".to_string()),
        Just("`".to_string()),
        Just("\\".to_string()),
        Just("| a | b |\n|---|---|\n".to_string()),
        Just("- [ ] ".to_string()),
        Just("TBD ".to_string()),
        Just("OFFICE_NAME ".to_string()),
        Just("title: x\n".to_string()),
        Just("é€😀".to_string()),
        "[a-zA-Z ,.:%_-]{0,12}",
    ];
    (any::<bool>(), proptest::collection::vec(piece, 0..40)).prop_map(|(bom, pieces)| {
        let body: String = pieces.concat();
        if bom { format!("\u{feff}{body}") } else { body }
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

    #[test]
    fn load_then_write_is_the_identity(text in posting_text()) {
        let p = Posting::from_bytes(text.clone().into_bytes()).unwrap();
        prop_assert_eq!(p.text(), text.as_str());
        // Sections, preamble and front matter tile the file: nothing is lost between them.
        let mut pos = p.front_matter().map_or(if p.has_bom() { 3 } else { 0 }, |f| f.block.end);
        prop_assert_eq!(p.preamble().start, pos);
        pos = p.preamble().end;
        for s in p.sections() {
            prop_assert_eq!(s.heading.start, pos);
            prop_assert!(s.heading.end <= s.body.start || s.heading.end == s.body.start);
            pos = s.body.end;
        }
        prop_assert_eq!(pos, text.len());
        for ph in p.placeholders() {
            prop_assert_eq!(text[ph.span.clone()].replace('\r', ""), &*ph.text);
        }
    }

    /// The raw HTML the model keeps (where the review reads suppression comments) is what a
    /// plain CommonMark parse of the body reads as HTML.
    #[test]
    fn raw_html_is_what_a_plain_parse_reads(text in posting_text()) {
        let p = Posting::parse(text);
        let plain = plain_html(&p);
        prop_assert_eq!(p.raw_html(), plain.as_slice());
    }

    #[test]
    fn filling_one_placeholder_changes_only_its_bytes(text in posting_text(), value in "[a-zA-Z0-9 ]{0,10}") {
        let p = Posting::parse(text.clone());
        if let Some(ph) = p.placeholders().first() {
            let (filled, report) = p.fill_spans(std::slice::from_ref(&ph.span), &value);
            prop_assert_eq!(report.replaced, 1);
            let expected = format!("{}{}{}", &text[..ph.span.start], value, &text[ph.span.end..]);
            prop_assert_eq!(filled.text(), expected.as_str());
        }
    }

    #[test]
    fn replacing_a_part_with_its_own_text_changes_nothing(text in posting_text()) {
        let p = Posting::parse(text.clone());
        for part in p.parts() {
            let same = p.replace_part(part, p.part_text(part));
            prop_assert_eq!(same.text(), text.as_str());
        }
    }
}

/// The body's HTML and inline HTML events from a parse of its own, touching ranges merged.
fn plain_html(p: &Posting) -> Vec<std::ops::Range<usize>> {
    use pulldown_cmark::{Event, Options, Parser};
    let body = p.preamble().start;
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS;
    let mut out: Vec<std::ops::Range<usize>> = Vec::new();
    for (event, r) in Parser::new_ext(&p.text()[body..], options).into_offset_iter() {
        if !matches!(event, Event::Html(_) | Event::InlineHtml(_)) {
            continue;
        }
        let r = body + r.start..body + r.end;
        match out.last_mut() {
            Some(last) if last.end >= r.start => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

/// The CommonMark spec examples that pulldown-cmark ships in its test suite.
fn spec_examples() -> Option<Vec<String>> {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))?;
    let registry = home.join("registry/src");
    for index in std::fs::read_dir(registry).ok()?.filter_map(Result::ok) {
        let mut crates: Vec<_> = std::fs::read_dir(index.path())
            .ok()?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .collect();
        crates.sort();
        for dir in crates.iter().rev() {
            let name = dir.file_name()?.to_string_lossy().into_owned();
            if !name.starts_with("pulldown-cmark-0.") {
                continue;
            }
            if let Ok(src) = std::fs::read_to_string(dir.join("tests/suite/spec.rs")) {
                let examples = src
                    .split("let original = r##\"")
                    .skip(1)
                    .filter_map(|s| s.split_once("\"##;").map(|(body, _)| body.to_string()))
                    .collect::<Vec<_>>();
                return Some(examples);
            }
        }
    }
    None
}

#[test]
fn every_commonmark_spec_example_round_trips_bare_and_under_front_matter() {
    // pulldown-cmark's source, tests included, is in the registry once cargo has built it.
    let examples = spec_examples()
        .expect("pulldown-cmark's spec suite (tests/suite/spec.rs) in the cargo registry");
    assert!(
        examples.len() > 600,
        "found only {} examples",
        examples.len()
    );
    for (i, ex) in examples.iter().enumerate() {
        let bare = Posting::parse(ex.clone());
        assert_eq!(bare.text(), ex, "example {}", i + 1);
        assert_eq!(bare.raw_html(), plain_html(&bare), "example {}", i + 1);
        let wrapped = format!("---\ntitle: Spec {}\n---\n{ex}", i + 1);
        let under = Posting::parse(wrapped.clone());
        assert_eq!(
            under.text(),
            wrapped,
            "example {} under front matter",
            i + 1
        );
        assert_eq!(
            under.front_matter().and_then(|f| f.title.clone()),
            Some(format!("Spec {}", i + 1))
        );
        // The same headings are found with or without the front matter in front.
        let titles = |p: &Posting| {
            p.sections()
                .iter()
                .map(|s| (s.title.clone(), s.level))
                .collect::<Vec<_>>()
        };
        if bare.front_matter().is_none() {
            assert_eq!(titles(&bare), titles(&under), "example {}", i + 1);
        }
    }
    eprintln!(
        "CommonMark spec: {} examples round trip, bare and under front matter",
        examples.len()
    );
}

/// What a posting knows, for comparing an incremental edit with a full re-read.
fn anatomy(p: &Posting) -> String {
    format!(
        "{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}",
        p.front_matter(),
        p.prose_blocks().collect::<Vec<_>>(),
        p.raw_html(),
        p.preamble(),
        p.sections(),
        p.placeholders(),
        (1..=p.lines().len())
            .map(|l| p.lines().line_start(l))
            .collect::<Vec<_>>()
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

    /// Editing one part re-scans only that part; the result must be exactly what reading the
    /// whole edited text gives.
    #[test]
    fn editing_a_part_matches_a_full_reread(text in posting_text(), new in posting_text(), which in 0usize..8) {
        let p = Posting::parse(text);
        let parts = p.parts();
        let part = parts[which % parts.len()];
        let edited = p.replace_part(part, &new);
        let full = Posting::parse(edited.text().to_string());
        prop_assert_eq!(anatomy(&edited), anatomy(&full));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// A recovery file gives back exactly the text written to it, whatever the text.
    #[test]
    fn recovery_files_round_trip_any_text(text in posting_text(), extra in "\\PC*") {
        let dir = tempfile::tempdir().unwrap();
        let file = jobpost::recovery::file_for(dir.path(), Some(std::path::Path::new("x.md")));
        let text = format!("{text}{extra}");
        jobpost::recovery::write(&file, Some(std::path::Path::new("x.md")), &text).unwrap();
        prop_assert_eq!(jobpost::recovery::read(&file).unwrap().text, text.clone());
        let diff = jobpost::recovery::diff_summary("", &text, 3);
        prop_assert!(diff.len() <= 9);
    }

    /// Control pictures keep one character per character, so the cursor stays put.
    #[test]
    fn control_pictures_keep_the_character_count(line in "[\\x00-\\x1f\\x7f\\u{80}-\\u{9f}a-z\\t ]{0,40}") {
        let shown = jobpost::tui::ui::controls::with_pictures(&line);
        prop_assert_eq!(shown.chars().count(), line.chars().count());
        prop_assert!(!shown.chars().any(|c| c.is_control() && c != '\t'));
    }
}
