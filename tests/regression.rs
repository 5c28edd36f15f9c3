//! Regression tests, one per bug found by users or fuzzers, named after it (as ripgrep names
//! its own): the exact input that broke jobpost, and what it must do instead.

use jobpost::posting::Posting;
use jobpost::review::{self, Rules, report};

/// Reviews `text` and renders every report format, as `jobpost check` does; the findings.
fn check(text: &str) -> Vec<String> {
    let posting = Posting::from_bytes(text.as_bytes().to_vec()).unwrap();
    let r = review::review_guarded("a.md".into(), &posting, &Rules::default())
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
