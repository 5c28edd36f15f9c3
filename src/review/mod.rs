//! Completeness rules: a posting in, findings out. No I/O here; `report` turns the results
//! into text, JSON or GitHub annotations.
//!
//! Rules (the `rule` field of a finding):
//! - `placeholder` (error): one finding per unfilled placeholder occurrence.
//! - `front-matter`: error when the YAML does not parse; warning when there is no `title`.
//! - `empty-section` (warning): a section whose body has no words and no deeper heading
//!   under it. A warning, not an error, because an empty section is often a heading the
//!   author has not reached yet; placeholders already fail the check for unfinished text.

pub mod report;

use serde::Serialize;

use crate::posting::Posting;

/// How much a finding matters: any `Error` makes `jobpost check` exit 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Reported, but the posting can still be complete.
    Warning,
    /// The posting is not complete.
    Error,
}

impl Severity {
    /// `error` or `warning`, as reports spell it.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// One problem found in a posting, at a 1-based line and character column of the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The rule that found it: `placeholder`, `front-matter`, `empty-section`.
    pub rule: &'static str,
    /// How much it matters.
    pub severity: Severity,
    /// 1-based file line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// What is wrong, in one line.
    pub message: String,
}

/// A section as reports show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SectionSummary {
    /// The heading's plain text.
    pub title: String,
    /// Heading level, 1 to 6.
    pub level: u8,
    /// 1-based line of the heading.
    pub line: usize,
    /// Unfilled placeholders in the section's body and heading.
    pub placeholders: usize,
    /// Words in the body.
    pub words: usize,
}

/// A placeholder as reports show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlaceholderSummary {
    /// The text as written, delimiters included.
    pub text: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// The title of the section it sits in; `None` in front matter or before the first heading.
    pub section: Option<String>,
}

/// Everything `jobpost check` says about one file. Field order is the JSON order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileReview {
    /// The path as the user gave it (joined with the file's path for folder contents).
    pub path: String,
    /// Whether no finding has severity error.
    pub complete: bool,
    /// Every section, in order.
    pub sections: Vec<SectionSummary>,
    /// Every unfilled placeholder, in order.
    pub placeholders: Vec<PlaceholderSummary>,
    /// Every finding, by line and column.
    pub findings: Vec<Finding>,
}

impl FileReview {
    /// Whether any finding has severity error.
    pub fn has_errors(&self) -> bool {
        !self.complete
    }
}

/// Runs every rule over a posting.
pub fn review(path: String, posting: &Posting) -> FileReview {
    let sections = posting.sections();
    let mut counts = vec![0; sections.len()];
    for p in posting.placeholders() {
        if let Some(i) = p.section {
            counts[i] += 1;
        }
    }
    let section_summaries = sections
        .iter()
        .zip(&counts)
        .map(|(s, &n)| SectionSummary {
            title: s.title.clone(),
            level: s.level,
            line: s.line,
            placeholders: n,
            words: posting.word_count(s.body.clone()),
        })
        .collect();
    let placeholders = posting
        .placeholders()
        .iter()
        .map(|p| PlaceholderSummary {
            text: p.text.clone(),
            line: p.line,
            column: p.column,
            section: p
                .section
                .and_then(|i| sections.get(i))
                .map(|s| s.title.clone()),
        })
        .collect();

    let mut findings = Vec::new();
    placeholder_rule(posting, &mut findings);
    front_matter_rule(posting, &mut findings);
    empty_section_rule(posting, &mut findings);
    findings.sort_by_key(|f| (f.line, f.column));

    FileReview {
        path,
        complete: !findings.iter().any(|f| f.severity == Severity::Error),
        sections: section_summaries,
        placeholders,
        findings,
    }
}

/// Text on one line: runs of whitespace (a placeholder split over lines) become one space.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn placeholder_rule(posting: &Posting, out: &mut Vec<Finding>) {
    out.extend(posting.placeholders().iter().map(|p| Finding {
        rule: "placeholder",
        severity: Severity::Error,
        line: p.line,
        column: p.column,
        message: format!("unfilled placeholder {}", one_line(&p.text)),
    }));
}

fn front_matter_rule(posting: &Posting, out: &mut Vec<Finding>) {
    let Some(fm) = posting.front_matter() else {
        out.push(Finding {
            rule: "front-matter",
            severity: Severity::Warning,
            line: 1,
            column: 1,
            message: "no front matter with a title".into(),
        });
        return;
    };
    let first_line = posting.lines().line(fm.yaml.start);
    if let Some(e) = &fm.error {
        out.push(Finding {
            rule: "front-matter",
            severity: Severity::Error,
            line: e.line.unwrap_or(first_line),
            column: e.column.unwrap_or(1),
            message: format!("front matter is not valid YAML: {}", one_line(&e.message)),
        });
    } else if fm.title.is_none() {
        out.push(Finding {
            rule: "front-matter",
            severity: Severity::Warning,
            line: posting.lines().line(fm.block.start),
            column: 1,
            message: "front matter has no title".into(),
        });
    }
}

fn empty_section_rule(posting: &Posting, out: &mut Vec<Finding>) {
    let sections = posting.sections();
    for (i, s) in sections.iter().enumerate() {
        let has_subsection = sections.get(i + 1).is_some_and(|n| n.level > s.level);
        if !has_subsection && posting.word_count(s.body.clone()) == 0 {
            out.push(Finding {
                rule: "empty-section",
                severity: Severity::Warning,
                line: s.line,
                column: 1,
                message: format!("section \"{}\" is empty", one_line(&s.title)),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(text: &str) -> Vec<(&'static str, Severity, usize, usize)> {
        review("t.md".into(), &Posting::parse(text))
            .findings
            .iter()
            .map(|f| (f.rule, f.severity, f.line, f.column))
            .collect()
    }

    #[test]
    fn placeholders_are_errors_one_per_occurrence() {
        let r = review(
            "t.md".into(),
            &Posting::parse("---\ntitle: T\n---\n# A\n\n[Role] and [Role]\n"),
        );
        assert!(!r.complete);
        assert_eq!(r.findings.len(), 2);
        assert_eq!(r.findings[1].message, "unfilled placeholder [Role]");
        assert_eq!(r.placeholders[0].section.as_deref(), Some("A"));
        assert_eq!(r.sections[0].placeholders, 2);
    }

    #[test]
    fn front_matter_errors_and_missing_titles() {
        use Severity::*;
        assert_eq!(
            rules("---\ntitle: [oops\n---\n# A\n\nText.\n")[0].0,
            "front-matter"
        );
        assert_eq!(rules("---\ntitle: [oops\n---\n# A\n\nText.\n")[0].1, Error);
        assert_eq!(
            rules("---\nother: 1\n---\n# A\n\nText.\n"),
            [("front-matter", Warning, 1, 1)]
        );
        assert_eq!(rules("# A\n\nText.\n"), [("front-matter", Warning, 1, 1)]);
        assert!(rules("---\ntitle: T\n---\n# A\n\nText.\n").is_empty());
    }

    #[test]
    fn empty_sections_are_warnings_unless_a_subsection_follows() {
        use Severity::*;
        let t = "---\ntitle: T\n---\n# Parent\n\n## Child\n\n## Empty\n\n---\n\n# Last\n";
        assert_eq!(
            rules(t),
            [
                ("empty-section", Warning, 6, 1),
                ("empty-section", Warning, 8, 1),
                ("empty-section", Warning, 12, 1),
            ]
        );
        let r = review("t.md".into(), &Posting::parse(t));
        assert!(r.complete);
    }
}
