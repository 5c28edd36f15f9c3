//! No text crashes the `check` path: for any Unicode text laid out as a posting (front matter,
//! headings, lists, tables, placeholders) the posting loads, its review runs, and every report
//! format renders it (the JSON parses back, the GitHub lines stay one per finding).

use jobpost::posting::Posting;
use jobpost::review::{self, Rules, report};
use proptest::prelude::*;

/// Characters that have broken text tools: combining marks, ZWJ sequences, right-to-left
/// text and marks, CJK, fullwidth and Arabic-Indic digits, NBSP and narrow NBSP, currency
/// signs next to digits, curly quotes, a BOM inside the text, control characters.
const UNICODE: &[&str] = &[
    "e\u{301}",
    "\u{301}\u{308}",
    "\u{200d}",
    "👩\u{200d}💻",
    "👨\u{200d}👩\u{200d}👧\u{200d}👦",
    "🏳\u{fe0f}\u{200d}🌈",
    "مرحبا",
    "שלום",
    "\u{200f}",
    "\u{202e}",
    "\u{2067}",
    "日本語",
    "経験は",
    "年収",
    "１２３",
    "－",
    "～",
    "٠١٢٣٤٥٦٧٨٩",
    "۱۲",
    "\u{a0}",
    "\u{202f}",
    "€",
    "£",
    "¥",
    "₹",
    "₩",
    "₪",
    "$",
    "US$",
    "CHF",
    "’",
    "‘",
    "“",
    "–",
    "—",
    "−",
    "…",
    "\u{feff}",
    "\u{1b}]0;x\u{7}",
    "\u{7f}",
    "\t",
    "ǅ",
    "ß",
    "İ",
    "ﬁ",
];

/// Markdown and YAML structure, and the words the rules look for.
const STRUCTURE: &[&str] = &[
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "# ",
    "## ",
    "###### ",
    "\n===\n",
    "- ",
    "* ",
    "1. ",
    "1) ",
    "> ",
    "```\n",
    "~~~\n",
    "    ",
    "---\n",
    "...\n",
    "title: ",
    "description: ",
    "salary: ",
    "location: ",
    "|\n",
    ">\n",
    "**",
    "__",
    "_",
    "`",
    "[",
    "]",
    "(",
    ")",
    "<",
    ">",
    "{{",
    "}}",
    "{",
    "}",
    "%",
    "<!--",
    "-->",
    "| a | b |\n|---|---|\n",
    "[Company Name]",
    "<Job Title>",
    "{{ salary }}",
    "TBD",
    "OFFICE_NAME",
    "lorem ipsum",
    ":",
    "#",
    "\\",
    "'",
    "\"",
    "https://x.example/a",
    "a@b.co",
    " ",
    "20",
    "30",
    "1",
    "2",
    "120,000",
    "50k",
    "-",
    " to ",
    " per hour",
    " a year",
    "Salary",
    "competitive salary",
    "full-time",
    "remote",
    "About us",
    "Requirements",
    "What you'll do",
    "rockstar",
    "ninja",
    "We",
    "people who can commit to ",
    "hours a week.",
];

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => proptest::sample::select(UNICODE).prop_map(String::from),
        4 => proptest::sample::select(STRUCTURE).prop_map(String::from),
        1 => "\\PC{0,8}",
        1 => any::<char>().prop_map(String::from),
    ]
}

/// A posting: perhaps front matter, then pieces.
fn posting_text() -> impl Strategy<Value = String> {
    (
        proptest::option::of(proptest::collection::vec(piece(), 0..12)),
        proptest::collection::vec(piece(), 0..80),
    )
        .prop_map(|(front, body)| match front {
            Some(f) => format!("---\ntitle: {}\n---\n{}", f.concat(), body.concat()),
            None => body.concat(),
        })
}

/// Reviews a text and renders every report format, as `jobpost check` does.
fn check_path(text: &str) -> Result<(), TestCaseError> {
    // A NUL makes the loader refuse the file before anything else: not the case under test.
    let text = text.replace('\0', "");
    let posting = Posting::from_bytes(text.into_bytes()).expect("text without NUL loads");
    for strict in [false, true] {
        let mut r = review::review_with("a.md".into(), &posting, &Rules::default());
        if strict {
            r.make_strict();
        }
        let mut json = Vec::new();
        report::render(report::Format::Json, &r, &mut json);
        let back: serde_json::Value = serde_json::from_slice(&json)
            .map_err(|e| TestCaseError::fail(format!("JSON report does not parse: {e}")))?;
        prop_assert_eq!(
            back["findings"].as_array().map(Vec::len),
            Some(r.findings.len())
        );
        let mut text = Vec::new();
        report::render(report::Format::Text, &r, &mut text);
        prop_assert!(String::from_utf8(text).is_ok());
        let mut github = Vec::new();
        report::render(report::Format::Github, &r, &mut github);
        prop_assert!(String::from_utf8(github).is_ok());
        let _ = report::summary(&r);
    }
    // The guarded review (what `check` and the editor call) reports no panic either.
    let guarded = review::review_guarded("a.md".into(), &posting, &Rules::default(), None);
    prop_assert!(guarded.is_ok(), "{:?}", guarded.err());
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn reviewing_any_unicode_posting_never_panics(text in posting_text()) {
        check_path(&text)?;
    }

    #[test]
    fn reviewing_any_string_never_panics(text in any::<String>()) {
        check_path(&text)?;
    }

    /// Every byte offset in front of a number range: the pay-range rule looks back 40 bytes
    /// from an amount, which must never land inside a character.
    #[test]
    fn a_number_range_after_any_text_never_panics(
        before in proptest::collection::vec(proptest::sample::select(UNICODE), 0..30),
        range in proptest::sample::select(&["20-30", "1-2", "１-２", "٣-٤", "$5–6", "5 to 6€"][..]),
    ) {
        check_path(&format!("# Role\n\n{}{range} hours a week.\n", before.concat()))?;
    }
}
