//! The Markdown job summary `check --format github` appends to `$GITHUB_STEP_SUMMARY`: a
//! line of totals, then per posting its state and a table of every finding, so nothing is
//! lost to GitHub's limit of ten annotations of each level per step. GitHub refuses a
//! summary over 1 MiB, so postings that do not fit are counted instead of shown.

use std::io::{self, Write};
use std::path::Path;

use super::report::{summary, visible};
use super::{FileReview, Severity};

/// What GitHub accepts per step, less room for the totals and the note on what was left out.
const LIMIT: usize = 1024 * 1024 - 4096;

/// One posting's part of the summary, rendered on any thread.
pub fn render(r: &FileReview, out: &mut Vec<u8>) {
    let mark = if r.complete { "✅" } else { "❌" };
    let _ = writeln!(
        out,
        "### {mark} `{}`\n\n{}\n",
        code(&r.path),
        cell(&summary(r))
    );
    if r.findings.is_empty() {
        return;
    }
    out.extend_from_slice(b"| Line | Level | Rule | Message |\n|---:|---|---|---|\n");
    for f in &r.findings {
        let level = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        };
        let _ = writeln!(
            out,
            "| {}:{} | {level} | `{}` | {} |",
            f.line,
            f.column,
            f.rule,
            cell(&f.message)
        );
    }
    out.push(b'\n');
}

/// The parts of a summary, in file order, and the totals.
#[derive(Debug, Default)]
pub struct StepSummary {
    postings: usize,
    complete: usize,
    body: Vec<u8>,
    left_out: usize,
}

impl StepSummary {
    /// Adds one posting's part (from [`render`]).
    pub fn add(&mut self, complete: bool, part: &[u8]) {
        self.postings += 1;
        self.complete += usize::from(complete);
        if self.left_out > 0 || self.body.len() + part.len() > LIMIT {
            self.left_out += 1;
        } else {
            self.body.extend_from_slice(part);
        }
    }

    /// The whole summary.
    pub fn text(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.body.len() + 256);
        let _ = writeln!(
            out,
            "## jobpost check\n\n{} checked: {} complete, {} not.\n",
            plural(self.postings, "posting"),
            self.complete,
            self.postings - self.complete
        );
        out.extend_from_slice(&self.body);
        if self.left_out > 0 {
            let n = self.left_out;
            let _ = writeln!(
                out,
                "{n} more {} not shown: GitHub keeps 1 MiB of summary per step. \
                 `jobpost check --format json` has them all.",
                if n == 1 { "posting" } else { "postings" }
            );
        }
        out
    }

    /// Appends the summary to a file (GitHub's `$GITHUB_STEP_SUMMARY`).
    pub fn append_to(&self, path: &Path) -> io::Result<()> {
        let mut f = std::fs::OpenOptions::new()
            .append(true)
            .create(true)
            .open(path)?;
        f.write_all(&self.text())?;
        f.flush()
    }
}

fn plural(n: usize, one: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {one}s")
    }
}

/// Text for a table cell: control characters escaped, Markdown and HTML made literal, one
/// line.
fn cell(text: &str) -> String {
    let text = visible(text);
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '#' | '~' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Text inside a code span: control characters escaped, no backtick to end it early.
fn code(text: &str) -> String {
    visible(text).replace('`', "'")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::posting::Posting;
    use crate::review::{RuleId, Rules, review_with};

    fn part(path: &str, text: &str) -> (bool, Vec<u8>) {
        let rules = Rules::only(&[RuleId::Placeholder, RuleId::ExclusionaryJargon]);
        let r = review_with(path.into(), &Posting::parse(text), &rules);
        let mut out = Vec::new();
        render(&r, &mut out);
        (r.complete, out)
    }

    #[test]
    fn a_table_per_posting_with_markdown_made_literal() {
        let (complete, p) = part(
            "jobs/a|b.md",
            "# A\n\n<Hiring Manager> and a *ninja* [Role]\n",
        );
        assert!(!complete);
        let p = String::from_utf8(p).unwrap();
        assert_eq!(
            p,
            "### ❌ `jobs/a|b.md`\n\n2 placeholders left in 1 section, 1 warning\n\n\
             | Line | Level | Rule | Message |\n|---:|---|---|---|\n\
             | 3:1 | error | `placeholder` | unfilled placeholder &lt;Hiring Manager&gt; |\n\
             | 3:25 | warning | `exclusionary-jargon` | \"ninja\" is jargon that puts off good applicants who don't see themselves that way; try \"expert\" |\n\
             | 3:32 | error | `placeholder` | unfilled placeholder \\[Role\\] |\n\n"
        );
    }

    #[test]
    fn totals_first_and_what_does_not_fit_is_counted() {
        let mut s = StepSummary::default();
        let (c, p) = part("a.md", "# A\n\nDone.\n");
        s.add(c, &p);
        let (c, big) = part("b.md", &"[Role] ".repeat(40_000));
        s.add(c, &big);
        let (c, p) = part("c.md", "# C\n\nDone.\n");
        s.add(c, &p);
        let t = String::from_utf8(s.text()).unwrap();
        assert!(
            t.starts_with(
                "## jobpost check\n\n3 postings checked: 2 complete, 1 not.\n\n### ✅ `a.md`"
            ),
            "{t}"
        );
        assert!(t.ends_with("2 more postings not shown: GitHub keeps 1 MiB of summary per step. `jobpost check --format json` has them all.\n"), "{}", &t[t.len() - 200..]);
        assert!(t.len() < 1024 * 1024);
    }
}
