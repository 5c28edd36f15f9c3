//! Inline suppressions, markdownlint-style HTML comments in the body:
//!
//! - `<!-- jobpost-disable RULE... -->` turns rules off from the comment on, to the matching
//!   `<!-- jobpost-enable RULE... -->` or the end of the file;
//! - `<!-- jobpost-disable-next-line RULE... -->` turns them off on the line after the
//!   comment's line.
//!
//! No rule means every rule; ids are separated by spaces or commas. A finding about the
//! posting as a whole (reported at its first heading for want of a place) is suppressed by a
//! `jobpost-disable` of its rule anywhere in the file. An unknown id is a `suppression`
//! finding naming it. Only real HTML comments count (not code, not front matter), found with
//! the Markdown parser, and only in postings that mention `jobpost-` at all.

use std::collections::BTreeSet;
use std::ops::Range;
use std::sync::LazyLock;

use pulldown_cmark::{Event, Options, Parser};
use regex::Regex;

use super::{Finding, RuleId};
use crate::posting::Posting;

/// What a suppression comment does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Disable,
    Enable,
    NextLine,
}

/// One suppression comment: where it is, what it does, and to which rules (`None`: all).
#[derive(Debug, Clone)]
struct Directive {
    /// 1-based (line, column) of the `<!--`.
    at: (usize, usize),
    kind: Kind,
    rules: Option<Vec<RuleId>>,
}

/// An id in a suppression comment that names no rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Unknown {
    /// The id as written.
    pub id: String,
    /// Its byte range in the posting's text.
    pub span: Range<usize>,
}

/// The suppression comments of one posting, in file order.
#[derive(Debug, Default)]
pub(crate) struct Suppressions {
    directives: Vec<Directive>,
    /// Ids that name no rule.
    pub unknown: Vec<Unknown>,
}

static DIRECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"<!--[ \t]*jobpost-(disable-next-line|disable|enable)((?:[ \t,]+[A-Za-z0-9_-]+)*)[ \t,]*-->")
        .expect("pattern")
});

static ID: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[A-Za-z0-9_-]+").expect("pattern"));

impl Suppressions {
    /// Finds the suppression comments in a posting's body.
    pub fn find(posting: &Posting) -> Suppressions {
        // Built once: building a searcher costs about as much as the search of a posting.
        static MARK: LazyLock<memchr::memmem::Finder<'static>> =
            LazyLock::new(|| memchr::memmem::Finder::new(b"jobpost-"));
        let text = posting.text();
        let body = posting.preamble().start;
        let mut out = Suppressions::default();
        // Most postings have none: one fast search decides, before any parsing.
        if MARK.find(&text.as_bytes()[body..]).is_none() {
            return out;
        }
        for html in html_ranges(&text[body..]) {
            let html = body + html.start..body + html.end;
            for m in DIRECTIVE.captures_iter(&text[html.clone()]) {
                let (Some(all), Some(kind), Some(ids)) = (m.get(0), m.get(1), m.get(2)) else {
                    continue;
                };
                let kind = match kind.as_str() {
                    "disable" => Kind::Disable,
                    "enable" => Kind::Enable,
                    _ => Kind::NextLine,
                };
                let mut rules = Vec::new();
                for id in ID.find_iter(ids.as_str()) {
                    match id.as_str().parse::<RuleId>() {
                        Ok(rule) => rules.push(rule),
                        Err(_) => {
                            let start = html.start + ids.start() + id.start();
                            out.unknown.push(Unknown {
                                id: id.as_str().to_string(),
                                span: start..start + id.len(),
                            });
                        }
                    }
                }
                // Only unknown ids: the comment suppresses nothing (not everything).
                let named = !ids.as_str().trim_matches([' ', '\t', ',']).is_empty();
                if named && rules.is_empty() {
                    continue;
                }
                out.directives.push(Directive {
                    at: posting.line_col(html.start + all.start()),
                    kind,
                    rules: named.then_some(rules),
                });
            }
        }
        out
    }

    /// Whether there are no suppression comments (and no unknown ids).
    pub fn is_empty(&self) -> bool {
        self.directives.is_empty() && self.unknown.is_empty()
    }

    /// Whether a finding of `rule` starting at `at` is suppressed; `whole` for findings about
    /// the posting as a whole.
    pub fn suppresses(&self, rule: RuleId, at: (usize, usize), whole: bool) -> bool {
        let names = |d: &Directive| d.rules.as_ref().is_none_or(|r| r.contains(&rule));
        if whole
            && self
                .directives
                .iter()
                .any(|d| d.kind == Kind::Disable && names(d))
        {
            return true;
        }
        if self
            .directives
            .iter()
            .any(|d| d.kind == Kind::NextLine && d.at.0 + 1 == at.0 && names(d))
        {
            return true;
        }
        // The state of `disable`/`enable` comments before `at`, in order.
        let mut all = false;
        let mut listed: BTreeSet<RuleId> = BTreeSet::new();
        for d in self.directives.iter().take_while(|d| d.at <= at) {
            match (d.kind, &d.rules) {
                (Kind::NextLine, _) => {}
                (Kind::Disable, None) => (all, listed) = (true, BTreeSet::new()),
                (Kind::Enable, None) => (all, listed) = (false, BTreeSet::new()),
                // While all are off, `listed` holds the rules turned back on; else those off.
                (Kind::Disable, Some(rules)) => {
                    for r in rules {
                        if all {
                            listed.remove(r);
                        } else {
                            listed.insert(*r);
                        }
                    }
                }
                (Kind::Enable, Some(rules)) => {
                    for r in rules {
                        if all {
                            listed.insert(*r);
                        } else {
                            listed.remove(r);
                        }
                    }
                }
            }
        }
        all != listed.contains(&rule)
    }

    /// Whether a finding is suppressed.
    pub fn suppresses_finding(&self, f: &Finding) -> bool {
        self.suppresses(f.rule, (f.line, f.column), f.is_whole_posting())
    }
}

/// Byte ranges of raw HTML (blocks and inline) in Markdown text, adjacent ones merged: where
/// an HTML comment can be.
fn html_ranges(text: &str) -> Vec<Range<usize>> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS;
    let mut out: Vec<Range<usize>> = Vec::new();
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        if !matches!(event, Event::Html(_) | Event::InlineHtml(_)) {
            continue;
        }
        match out.last_mut() {
            Some(last) if last.end >= range.start => last.end = last.end.max(range.end),
            _ => out.push(range),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::{Rules, review_with};

    fn rules_found(text: &str) -> Vec<(&'static str, usize)> {
        review_with("t.md".into(), &Posting::parse(text), &Rules::default())
            .findings
            .iter()
            .filter(|f| !f.is_whole_posting() && f.rule != RuleId::FrontMatter)
            .map(|f| (f.rule.as_str(), f.line))
            .collect()
    }

    #[test]
    fn disable_to_the_matching_enable_or_the_end() {
        let t = "# About us\n\n[A]\n\n<!-- jobpost-disable placeholder -->\n\n[B]\n\n\
                 <!-- jobpost-enable placeholder -->\n\n[C]\n\n<!-- jobpost-disable -->\n\n[D] ninja\n";
        assert_eq!(
            rules_found(t),
            [("placeholder", 3), ("placeholder", 11)],
            "B and D are kept on purpose, and D's jargon too"
        );
    }

    #[test]
    fn disable_all_then_enable_one() {
        let t = "# A\n\n<!-- jobpost-disable -->\n<!-- jobpost-enable exclusionary-jargon -->\n\n\
                 [B] ninja\n";
        assert_eq!(rules_found(t), [("exclusionary-jargon", 6)]);
    }

    #[test]
    fn next_line_only_and_only_the_rules_named() {
        let t = "# A\n\n<!-- jobpost-disable-next-line placeholder, exclusionary-jargon -->\n\
                 [B] ninja\n[C] guru\n\nX <!-- jobpost-disable-next-line pay-range -->\n[D]\n";
        assert_eq!(
            rules_found(t),
            [
                ("placeholder", 5),
                ("exclusionary-jargon", 5),
                ("placeholder", 8)
            ]
        );
    }

    #[test]
    fn kept_placeholders_stay_listed_and_the_posting_can_be_complete() {
        let t = "---\ntitle: T\ndescription: D\n---\n# A\n\n\
                 <!-- jobpost-disable-next-line placeholder -->\n[Kept on purpose]\n";
        let r = review_with(
            "t.md".into(),
            &Posting::parse(t),
            &Rules::only(&[RuleId::Placeholder, RuleId::Suppression]),
        );
        assert!(r.findings.is_empty(), "{:?}", r.findings);
        assert!(r.complete);
        assert_eq!(&*r.placeholders[0].text, "[Kept on purpose]");
        assert!(r.placeholders[0].suppressed);
        assert_eq!(r.sections[0].placeholders, 1);
    }

    #[test]
    fn whole_posting_findings_by_a_disable_anywhere() {
        let t = "# A\n\nText.\n\n<!-- jobpost-disable pay-range location -->\n";
        let r = review_with("t.md".into(), &Posting::parse(t), &Rules::default());
        let rules: Vec<&str> = r.findings.iter().map(|f| f.rule.as_str()).collect();
        assert!(!rules.contains(&"pay-range") && !rules.contains(&"location"));
        assert!(rules.contains(&"employment-type"), "{rules:?}");
    }

    #[test]
    fn comments_in_code_or_front_matter_do_not_count() {
        let t = "---\nx: \"<!-- jobpost-disable -->\"\n---\n# A\n\n\
                 `<!-- jobpost-disable -->`\n\n```\n<!-- jobpost-disable -->\n```\n\n[B]\n";
        assert_eq!(rules_found(t), [("placeholder", 12)]);
    }

    #[test]
    fn unknown_ids_are_findings_that_name_them_and_suppress_nothing() {
        let t = "# A\n\n<!-- jobpost-disable-next-line placeholdr -->\n[B]\n";
        let r = review_with(
            "t.md".into(),
            &Posting::parse(t),
            &Rules::only(&[RuleId::Placeholder, RuleId::Suppression]),
        );
        let got: Vec<(&str, usize, usize, usize, &str)> = r
            .findings
            .iter()
            .map(|f| {
                (
                    f.rule.as_str(),
                    f.line,
                    f.column,
                    f.end_column,
                    f.message.as_str(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (
                    "suppression",
                    3,
                    32,
                    42,
                    "unknown rule \"placeholdr\" in a jobpost comment; did you mean \"placeholder\"?"
                ),
                ("placeholder", 4, 1, 4, "unfilled placeholder [B]"),
            ]
        );
        assert_eq!(r.findings[0].severity, crate::review::Severity::Warning);
    }

    #[test]
    fn the_comments_are_not_placeholders_or_words() {
        let t = "# A\n\nOne two.\n<!-- jobpost-disable-next-line placeholder -->\n<!-- jobpost-enable -->\n";
        let p = Posting::parse(t);
        assert!(p.placeholders().is_empty());
        let r = review_with("t.md".into(), &p, &Rules::default());
        let length = r
            .findings
            .iter()
            .find(|f| f.rule == RuleId::Length)
            .unwrap();
        assert!(
            length.message.starts_with("the body has 3 words"),
            "{}",
            length.message
        );
    }
}
