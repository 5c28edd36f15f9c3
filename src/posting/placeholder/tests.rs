use crate::posting::Posting;

fn found(src: &str) -> Vec<String> {
    Posting::parse(src)
        .placeholders()
        .iter()
        .map(|p| p.text.to_string())
        .collect()
}

#[test]
fn brackets_that_commonmark_leaves_as_text_are_placeholders() {
    assert_eq!(
        found("[Company Name] is a [industry/type] firm.\n"),
        ["[Company Name]", "[industry/type]"]
    );
    assert_eq!(
        found("See [our site](https://x.y) and ![logo](a.png).\n"),
        Vec::<String>::new()
    );
    assert_eq!(
        found("[home]\n\n[home]: https://x.y\n"),
        Vec::<String>::new()
    );
    assert_eq!(found("- [ ] task\n- [x] done\n"), Vec::<String>::new());
    assert_eq!(
        found("As shown [1], [2, 3] and a note[^1].\n\n[^1]: yes\n"),
        Vec::<String>::new()
    );
    assert_eq!(
        found("An \\[escaped\\] bracket and an unclosed [ one.\n"),
        Vec::<String>::new()
    );
    assert_eq!(
        found("Grade [Grade level [6, 7 or 8]] here\n"),
        ["[Grade level [6, 7 or 8]]"]
    );
}

#[test]
fn a_placeholder_split_over_two_lines_is_one() {
    let p = Posting::parse("Intro\n\nWe are [brief description\nof the company].\n");
    assert_eq!(p.placeholders().len(), 1);
    assert_eq!(p.placeholders()[0].line, 3);
    assert_eq!(
        &*p.placeholders()[0].name,
        "brief description of the company"
    );
}

#[test]
fn other_delimiters_and_markers() {
    assert_eq!(
        found(
            "{{ job_title }} at {COMPANY_NAME} for %SALARY% by OFFICE_MANAGER_NAME, TBD. Lorem ipsum dolor.\n"
        ),
        [
            "{{ job_title }}",
            "{COMPANY_NAME}",
            "%SALARY%",
            "OFFICE_MANAGER_NAME",
            "TBD",
            "Lorem ipsum"
        ]
    );
    assert_eq!(
        found("Send <Company Name> your <insert salary> wish.\n"),
        ["<Company Name>", "<insert salary>"]
    );
    assert_eq!(
        found("Use Vec<T> and a line<br> break, <details> too.\n"),
        Vec::<String>::new()
    );
    assert_eq!(
        found("{{ page.title }} {{< ref x >}} {% include a.html %}\n"),
        Vec::<String>::new()
    );
}

#[test]
fn code_counts_only_when_it_is_wholly_a_placeholder() {
    assert_eq!(
        found("Name: `[Enter the company name]`.\n"),
        ["[Enter the company name]"]
    );
    assert_eq!(
        found("Call `balance[account]`.\n\n```\n[Company Name]\n```\n"),
        Vec::<String>::new()
    );
}

#[test]
fn teams_turn_styles_off_and_add_patterns() {
    use super::{DetectOptions, PlaceholderKind};
    use std::sync::Arc;
    let opts = DetectOptions {
        disabled: vec![PlaceholderKind::Marker],
        patterns: vec![regex::Regex::new(r"\$\{[a-z_]+\}").unwrap()],
    };
    let src = "Pay ${salary_range}, start TBD, at [Company].\n\n`let x = ${not_code};`\n";
    let p = Posting::parse_with(src, Arc::new(opts));
    let got: Vec<_> = p
        .placeholders()
        .iter()
        .map(|x| (x.text.as_ref(), x.kind))
        .collect();
    assert_eq!(
        got,
        [
            ("${salary_range}", PlaceholderKind::Custom),
            ("[Company]", PlaceholderKind::Bracket)
        ]
    );
    // Edits keep the options.
    let edited = p.replace_range(0..3, "Salary");
    assert_eq!(edited.placeholders().len(), 2);
}

#[test]
fn html_blocks_and_comments() {
    assert_eq!(
        found("<table>\n<tr><td>[Supervisor Name]</td></tr>\n</table>\n"),
        ["[Supervisor Name]"]
    );
    assert_eq!(found("<!-- [Not this] -->\n\nText\n"), Vec::<String>::new());
}

#[test]
fn known_values_of_enumerated_schema_org_properties_are_data() {
    assert_eq!(
        found("---\nemploymentType: FULL_TIME\njobLocationType: TELECOMMUTE\n---\nBody\n"),
        Vec::<String>::new()
    );
    assert_eq!(
        found("---\nemploymentType:\n  - PER_DIEM\n  - PART_TIME # or FULL_TIME\n---\nBody\n"),
        Vec::<String>::new()
    );
    assert_eq!(
        found("---\nemploymentType: [FULL_TIME,\n  PART_TIME]\n---\n"),
        Vec::<String>::new()
    );
    // Only as values of those properties, and only the known values.
    assert_eq!(
        found(
            "---\ntitle: FULL_TIME role\nemploymentType: COMPANY_NAME\n---\nWe hire FULL_TIME staff.\n"
        ),
        ["FULL_TIME", "COMPANY_NAME", "FULL_TIME"]
    );
}

#[test]
fn front_matter_values_but_not_keys_comments_or_flow_lists() {
    let src = "---\ntitle: \"[Job Title]\"\ntags: [\"a\", \"b\"]\nlang: [haskell]\nstack: [rust, backend]\nwhere: [Your City, Your State]\n# [Comment text]\nOWNER_NAME: x\n---\nBody\n";
    let p = Posting::parse(src);
    let got: Vec<_> = p
        .placeholders()
        .iter()
        .map(|p| (p.text.as_ref(), p.in_front_matter))
        .collect();
    assert_eq!(
        got,
        [("[Job Title]", true), ("[Your City, Your State]", true)]
    );
}

#[test]
fn words_passed_over_whole_hide_no_placeholder_and_make_none() {
    assert_eq!(
        found(
            "# T\n\nabcTODO lorem ipsum dolor xTBD yFOO_BAR 1XXX l_TODO Lorem Ipsum TODO {% x %} aa{{x}} FULL_NAME_X ok\n"
        ),
        ["lorem ipsum", "Lorem Ipsum", "TODO", "{{x}}", "FULL_NAME_X"]
    );
    // The glance table: a quiet byte is a word byte no placeholder word starts with.
    for b in 0..=255u8 {
        let expected =
            if matches!(b, b'{' | b'%' | b'[' | b'<') || b.is_ascii_uppercase() || b == b'l' {
                super::simple::LOOK
            } else if super::is_word(b) {
                super::simple::QUIET_WORD
            } else {
                super::simple::PLAIN
            };
        assert_eq!(
            super::simple::SCAN_CLASS[usize::from(b)],
            expected,
            "{b:#x}"
        );
    }
}

proptest::proptest! {
    #[test]
    fn a_shared_name_is_the_name(inner in "[a-zA-Z _\t\r\n\u{a0}é]{0,12}") {
        for (raw, kind) in [
            (format!("[{inner}]"), super::PlaceholderKind::Bracket),
            (format!("{{{{{inner}}}}}"), super::PlaceholderKind::Mustache),
            (inner.clone(), super::PlaceholderKind::Custom),
            (inner.clone(), super::PlaceholderKind::Marker),
        ] {
            let name = super::name_of(&raw, kind);
            let shown = raw.replace('\r', "");
            proptest::prop_assert_eq!(&*super::shown_of(&raw), shown.as_str());
            // Made once, then found again: the same both times.
            let mut shared = super::Shared::default();
            for _ in 0..2 {
                let (s, n) = shared.get(&raw, kind);
                proptest::prop_assert_eq!(&*n, name.as_str());
                proptest::prop_assert_eq!(&*s, shown.as_str());
            }
        }
    }
}

proptest::proptest! {
    /// The one-pass whitespace check and the byte-level delimiter cut agree with the plain
    /// versions.
    #[test]
    fn collapsed_and_inner_agree_with_the_plain_checks(
        s in "[a-zA-Z _\t\r\n\u{b}\u{c}\u{a0}é\\[\\]{}<>%]{0,12}",
    ) {
        let b = s.as_bytes();
        let plain = s.is_ascii()
            && b.first().is_none_or(|&c| c != b' ')
            && b.last().is_none_or(|&c| c != b' ')
            && !b.iter().any(|&c| matches!(c, b'\t' | b'\n' | b'\r' | 0x0b | 0x0c))
            && !b.windows(2).any(|w| w == b"  ");
        proptest::prop_assert_eq!(super::collapsed(b), plain);
        let strip = |open: &str, close: &str| {
            s.strip_prefix(open).and_then(|t| t.strip_suffix(close)).unwrap_or(&s)
        };
        use super::PlaceholderKind as K;
        for (kind, want) in [
            (K::Bracket, strip("[", "]")),
            (K::Mustache, strip("{{", "}}")),
            (K::Brace, strip("{", "}")),
            (K::Percent, strip("%", "%")),
            (K::Angle, strip("<", ">")),
            (K::Marker, s.as_str()),
            (K::Custom, s.as_str()),
        ] {
            proptest::prop_assert_eq!(super::inner_of(&s, kind), want);
        }
    }
}

proptest::proptest! {
    /// The start a view's scan begins at, found on from the last one, is the one a binary
    /// search finds, whatever order the views come in.
    #[test]
    fn first_start_from_a_hint_is_the_searched_one(
        mut starts in proptest::collection::vec(0usize..200, 0..40),
        queries in proptest::collection::vec(0usize..220, 0..30),
    ) {
        starts.sort_unstable();
        starts.dedup();
        let opts = super::DetectOptions::default();
        let scan = super::Scan::new(&opts, &starts);
        for q in queries {
            proptest::prop_assert_eq!(scan.first_from(q), starts.partition_point(|&x| x < q));
        }
    }
}
