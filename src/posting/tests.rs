//! Model tests: sections, parts and edits that touch only their own bytes.

use super::*;

const CRLF: &str = "---\r\ntitle: Data Analyst\r\n---\r\n\r\n**Location**: [City]\r\n\r\n## About Us\r\n\r\n[Company Name] builds maps.  \r\n\r\n## Duties\r\n\r\n- Analyse\tdata\r\n- Report to [Manager Name]";

#[test]
fn sections_tile_the_body_and_carry_level_title_and_line() {
    let p = Posting::parse(CRLF);
    let got: Vec<_> = p
        .sections()
        .iter()
        .map(|s| (&*s.title, s.level, s.line))
        .collect();
    assert_eq!(got, [("About Us", 2, 7), ("Duties", 2, 11)]);
    assert_eq!(
        p.part_text(Part::Preamble),
        "\r\n**Location**: [City]\r\n\r\n"
    );
    assert_eq!(p.part_text(Part::FrontMatter), "title: Data Analyst\r\n");
    assert_eq!(
        p.parts(),
        [
            Part::FrontMatter,
            Part::Preamble,
            Part::Section(0),
            Part::Section(1)
        ]
    );
    assert_eq!(p.line_ending(), "\r\n");
}

#[test]
fn placeholders_know_their_line_column_section_and_name() {
    let p = Posting::parse(CRLF);
    let got: Vec<_> = p
        .placeholders()
        .iter()
        .map(|x| (x.name.as_ref(), x.line, x.column, x.section_index()))
        .collect();
    assert_eq!(
        got,
        [
            ("City", 5, 15, None),
            ("Company Name", 9, 1, Some(0)),
            ("Manager Name", 14, 13, Some(1))
        ]
    );
}

#[test]
fn editing_one_section_changes_only_its_bytes() {
    let p = Posting::parse(CRLF);
    let edited = p.replace_part(Part::Section(0), "\r\nAcme builds maps.\r\n\r\n");
    let expected = CRLF.replace("[Company Name] builds maps.  ", "Acme builds maps.");
    assert_eq!(edited.text(), expected);
}

#[test]
fn a_section_edit_without_final_newline_keeps_the_next_heading_a_heading() {
    let p = Posting::parse(CRLF);
    let edited = p.replace_part(Part::Section(0), "Short");
    assert_eq!(edited.sections().len(), 2);
    assert!(edited.text().contains("Short\r\n## Duties"));
    // The last section may end without a newline, as the file did.
    let last = p.replace_part(Part::Section(1), "\r\nDone");
    assert!(last.text().ends_with("## Duties\r\n\r\nDone"));
}

#[test]
fn text_typed_into_an_empty_last_section_keeps_the_files_final_newline() {
    for (file, ending) in [
        ("# A\n\nx\n\n## Last\n", "\n"),
        ("# A\r\n\r\n## Last\r\n", "\r\n"),
    ] {
        let p = Posting::parse(file);
        let last = Part::Section(p.sections().len() - 1);
        assert_eq!(p.part_text(last), "");
        let typed = p.replace_part(last, "Hello");
        assert_eq!(typed.text(), format!("{file}Hello{ending}"));
        // Typed with its own line ending: nothing more is added.
        let typed = p.replace_part(last, &format!("Hello{ending}"));
        assert_eq!(typed.text(), format!("{file}Hello{ending}"));
        // Emptied again: as it was.
        assert_eq!(typed.replace_part(last, "").text(), file);
    }
    // The front matter closes the file: text typed after it keeps the final newline too.
    let p = Posting::parse("---\ntitle: T\n---\n");
    assert_eq!(
        p.replace_part(Part::Preamble, "Hi").text(),
        "---\ntitle: T\n---\nHi\n"
    );
}

#[test]
fn text_typed_after_a_heading_that_ends_the_file_goes_on_the_next_line() {
    // The file has no final newline, so none is added; the heading stays a heading.
    let p = Posting::parse("# A\n\n## Last");
    let typed = p.replace_part(Part::Section(1), "Hello");
    assert_eq!(typed.text(), "# A\n\n## Last\nHello");
    assert_eq!(&*typed.sections()[1].title, "Last");
    let p = Posting::parse("---\ntitle: T\n---");
    assert_eq!(
        p.replace_part(Part::Preamble, "Hi").text(),
        "---\ntitle: T\n---\nHi"
    );
    // A BOM alone is not a line to end.
    let p = Posting::parse("\u{feff}");
    assert_eq!(p.replace_part(Part::Preamble, "Hi").text(), "\u{feff}Hi");
}

#[test]
fn rename_insert_and_remove_sections() {
    let p = Posting::parse(CRLF);
    let renamed = p.rename_section(1, "What you will do");
    assert_eq!(&*renamed.sections()[1].title, "What you will do");
    assert!(renamed.text().contains("\r\n## What you will do\r\n"));
    let added = renamed.insert_section(Some(0), 2, "Benefits");
    let titles: Vec<_> = added.sections().iter().map(|s| &*s.title).collect();
    assert_eq!(titles, ["About Us", "Benefits", "What you will do"]);
    assert!(
        added
            .text()
            .contains("\r\n## Benefits\r\n\r\n## What you will do")
    );
    let removed = added.remove_section(1);
    assert_eq!(removed.text(), renamed.text());
    let setext = Posting::parse("Intro\n\nOld\n---\nbody\n").rename_section(0, "New name");
    assert_eq!(setext.text(), "Intro\n\nNew name\n--------\nbody\n");
}

#[test]
fn fill_by_name_with_or_without_delimiters_replaces_every_occurrence() {
    let src = "---\ntitle: \"[Company Name] engineer\"\n---\n[Company Name] is hiring.\n\n## About\n\nAt [Company Name] we [verb].\n";
    let p = Posting::parse(src);
    let (a, ra) = p.fill("Company Name", "Acme");
    let (b, rb) = p.fill("[Company Name]", "Acme");
    assert_eq!(ra.replaced, 3);
    assert_eq!(rb.replaced, 3);
    assert_eq!(a.text(), b.text());
    assert_eq!(a.text(), src.replace("[Company Name]", "Acme"));
    assert_eq!(
        a.front_matter().unwrap().title.as_deref(),
        Some("Acme engineer")
    );
    assert_eq!(p.fill("Nothing", "x").1.replaced, 0);
}

#[test]
fn binary_and_non_utf8_bytes_are_refused() {
    assert_eq!(
        Posting::from_bytes(b"a\0b".to_vec()).unwrap_err(),
        LoadError::Binary(1)
    );
    assert_eq!(
        Posting::from_bytes(b"caf\xe9".to_vec()).unwrap_err(),
        LoadError::NotUtf8(3)
    );
}

#[test]
fn invalid_front_matter_is_kept_with_its_error() {
    let src = "---\ntitle: [unclosed\n---\n# Body\n";
    let p = Posting::parse(src);
    assert_eq!(p.text(), src);
    let fm = p.front_matter().unwrap();
    assert!(fm.error.is_some());
    assert_eq!(&*p.sections()[0].title, "Body");
}

#[test]
fn normalize_name_strips_one_pair_of_delimiters() {
    assert_eq!(normalize_name("[Company Name]"), "Company Name");
    assert_eq!(normalize_name("{{ job_title }}"), "job_title");
    assert_eq!(normalize_name("  Company   Name "), "Company Name");
    assert_eq!(normalize_name("%SALARY%"), "SALARY");
}

#[test]
fn scan_part_text_finds_what_a_full_parse_finds() {
    let doc = "---\ntitle: [Job Title]\n---\nIntro [Company]\n\n## About\n\nWe are [Company].\n\n## Role\n\nYou will {{ duty }}.\n";
    let posting = Posting::parse(doc);
    let edits = [
        (Part::Section(0), "\nWe are [Company] in [City].\n\n"),
        (Part::Section(0), "\nNo placeholders"),
        (Part::Section(1), "\nYou will {{ duty }} and <Task>.\n"),
        (Part::Preamble, "Intro [Company] and [Team]\n\n"),
    ];
    for (part, new) in edits {
        let full = Posting::parse(posting.replace_part(part, new).text().to_string());
        let range = full.part_range(part).unwrap();
        let want: Vec<_> = full
            .placeholders()
            .iter()
            .filter(|p| p.span.start >= range.start && p.span.end <= range.end)
            .map(|p| (p.span.clone(), p.text.clone()))
            .collect();
        let got: Vec<_> = posting
            .scan_part_text(part, new)
            .expect("a body edit without headings scans on its own")
            .into_iter()
            .map(|p| (p.span, p.text))
            .collect();
        assert_eq!(got, want, "{part:?} <- {new:?}");
    }
    // A new heading changes the structure: only a full re-read tells.
    assert!(
        posting
            .scan_part_text(Part::Section(0), "\n## New\n")
            .is_none()
    );
    assert!(
        posting
            .scan_part_text(Part::FrontMatter, "x: 1\n")
            .is_none()
    );
}
