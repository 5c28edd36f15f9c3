//! Placeholder detection on a posting full of the traps real templates contain (written for
//! this project, modelled on what the annotated corpus shows).

use jobpost::posting::{PlaceholderKind, Posting};

#[test]
fn traps_fixture_finds_exactly_the_fields_to_fill() {
    let text = include_str!("fixtures/traps.md");
    let p = Posting::parse(text);
    let got: Vec<(&str, usize, PlaceholderKind)> = p
        .placeholders()
        .iter()
        .map(|x| (x.text.as_ref(), x.line as usize, x.kind))
        .collect();
    use PlaceholderKind::*;
    assert_eq!(
        got,
        [
            ("[Job Title]", 2, Bracket),
            ("{{ company }}", 2, Mustache),
            ("HIRING_MANAGER_NAME", 5, ScreamingSnake),
            ("[Job Title]", 9, Bracket),
            ("{TEAM_NAME}", 11, Brace),
            ("%SALARY_RANGE%", 11, Percent),
            ("TBD", 11, Marker),
            ("[Office City]", 14, Bracket),
            ("[first project\n  of the quarter]", 22, Bracket),
            ("<Mentor Name>", 24, Angle),
            ("[Enter the tool name]", 24, Bracket),
            ("[...]", 27, Bracket),
            ("Lorem ipsum", 28, Lorem),
            ("TODO", 28, Marker),
            ("XXX", 28, Marker),
            ("{{REMOTE | HYBRID | ON-SITE}}", 32, Mustache),
            ("[Supervisor Name]", 34, Bracket),
            ("<insert source here>", 44, Angle),
        ]
    );
}

#[test]
fn placeholders_know_their_section() {
    let p = Posting::parse(include_str!("fixtures/traps.md"));
    let section = |text: &str| {
        let x = p.placeholders().iter().find(|x| &*x.text == text).unwrap();
        x.section_index().map(|i| p.sections()[i].title.clone())
    };
    assert_eq!(section("{TEAM_NAME}"), Some("[Job Title]".into()));
    assert_eq!(section("<Mentor Name>"), Some("What you will do".into()));
    assert_eq!(section("{{ company }}"), None);
}
