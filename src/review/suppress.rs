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
//! finding naming it. Only real HTML comments count (not code, not front matter), found in
//! the raw HTML the model's parse kept, and only in postings that mention `jobpost-` at all.

use std::ops::Range;
use std::sync::LazyLock;

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
    rules: Option<RuleSet>,
}

/// A set of rules, a bit each: every finding is looked up, with no allocation.
type RuleSet = u32;

const _: () = assert!(super::rules::RULES.len() <= RuleSet::BITS as usize);

fn bit(rule: RuleId) -> RuleSet {
    1 << rule as u32
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

/// A suppression comment found in raw HTML: `<!--[ \t]*jobpost-KIND IDS[ \t,]*-->`, where
/// KIND is `disable-next-line`, `disable` or `enable` and IDS is `([ \t,]+[A-Za-z0-9_-]+)*`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Comment {
    /// The whole comment, `<!--` to `-->`.
    all: Range<usize>,
    kind: Kind,
    /// The ids and the separators between them (trailing ones left out).
    ids: Range<usize>,
}

/// What separates the ids of a comment.
const SEPARATORS: [char; 3] = [' ', '\t', ','];

fn is_separator(b: u8) -> bool {
    SEPARATORS.contains(&char::from(b))
}

fn is_id_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-')
}

/// The suppression comments in `html`, in order, none overlapping. Matched by hand: a regex
/// with captures cost more than the rest of the suppression pass.
fn comments(html: &str) -> Vec<Comment> {
    let b = html.as_bytes();
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(k) = memchr::memmem::find(&b[pos..], b"<!--") {
        let at = pos + k;
        match comment_at(b, at) {
            Some(c) => {
                pos = c.all.end;
                out.push(c);
            }
            None => pos = at + 1,
        }
    }
    out
}

/// The comment starting at `b[at..]` (which starts with `<!--`), if it is a suppression.
fn comment_at(b: &[u8], at: usize) -> Option<Comment> {
    let mut i = at + 4;
    while i < b.len() && matches!(b[i], b' ' | b'\t') {
        i += 1;
    }
    let rest = b[i..].strip_prefix(b"jobpost-")?;
    let i = b.len() - rest.len();
    // In the pattern's order: `disable-next-line` is tried before `disable`, which it starts
    // with.
    [
        ("disable-next-line", Kind::NextLine),
        ("disable", Kind::Disable),
        ("enable", Kind::Enable),
    ]
    .into_iter()
    .filter(|(word, _)| rest.starts_with(word.as_bytes()))
    .find_map(|(word, kind)| {
        // Ids and separators run up to the first other byte, which must be the `>` of a `-->`
        // whose dashes end the run; what comes before them is empty or starts with a separator.
        let from = i + word.len();
        let run = b[from..]
            .iter()
            .take_while(|&&c| is_separator(c) || is_id_byte(c))
            .count();
        let end = from + run;
        let ids = b[from..end].strip_suffix(b"--")?;
        if b.get(end) != Some(&b'>') || ids.first().is_some_and(|&c| !is_separator(c)) {
            return None;
        }
        let kept = ids.len() - ids.iter().rev().take_while(|&&c| is_separator(c)).count();
        Some(Comment {
            all: at..end + 1,
            kind,
            ids: from..from + kept,
        })
    })
}

/// The ids of a comment (`ids` as in [`Comment`]), each with its offset in it.
fn ids_of(ids: &str) -> impl Iterator<Item = (usize, &str)> {
    ids.split(SEPARATORS)
        .scan(0, |at, id| {
            let start = *at;
            *at += id.len() + 1;
            Some((start, id))
        })
        .filter(|(_, id)| !id.is_empty())
}

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
        for html in posting.raw_html() {
            for c in comments(&text[html.clone()]) {
                let ids = html.start + c.ids.start..html.start + c.ids.end;
                let mut rules: RuleSet = 0;
                for (at, id) in ids_of(&text[ids.clone()]) {
                    match id.parse::<RuleId>() {
                        Ok(rule) => rules |= bit(rule),
                        Err(_) => {
                            let start = ids.start + at;
                            out.unknown.push(Unknown {
                                id: id.to_string(),
                                span: start..start + id.len(),
                            });
                        }
                    }
                }
                // Only unknown ids: the comment suppresses nothing (not everything).
                let named = !ids.is_empty();
                if named && rules == 0 {
                    continue;
                }
                out.directives.push(Directive {
                    at: posting.line_col(html.start + c.all.start),
                    kind: c.kind,
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
        let names = |d: &Directive| d.rules.is_none_or(|r| r & bit(rule) != 0);
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
        let mut off: RuleSet = 0;
        for d in self.directives.iter().take_while(|d| d.at <= at) {
            match (d.kind, d.rules) {
                (Kind::NextLine, _) => {}
                (Kind::Disable, rules) => off |= rules.unwrap_or(RuleSet::MAX),
                (Kind::Enable, rules) => off &= !rules.unwrap_or(RuleSet::MAX),
            }
        }
        off & bit(rule) != 0
    }

    /// Whether a placeholder starting at 1-based `line` and `column` is kept on purpose.
    pub fn keeps_placeholder(&self, line: usize, column: usize) -> bool {
        self.suppresses(RuleId::Placeholder, (line, column), false)
    }

    /// Whether a finding is suppressed.
    pub fn suppresses_finding(&self, f: &Finding) -> bool {
        self.suppresses(f.rule, (f.line, f.column), f.is_whole_posting())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::{Rules, review_with};
    use proptest::prelude::*;

    /// The comments as the pattern in [`Comment`]'s documentation finds them.
    fn comments_by_regex(html: &str) -> Vec<Comment> {
        let re = regex::Regex::new(
            r"<!--[ \t]*jobpost-(disable-next-line|disable|enable)((?:[ \t,]+[A-Za-z0-9_-]+)*)[ \t,]*-->",
        )
        .unwrap();
        re.captures_iter(html)
            .map(|m| {
                let kind = match &m[1] {
                    "disable" => Kind::Disable,
                    "enable" => Kind::Enable,
                    _ => Kind::NextLine,
                };
                let ids = m.get(2).unwrap().range();
                Comment {
                    all: m.get(0).unwrap().range(),
                    kind,
                    ids,
                }
            })
            .collect()
    }

    fn fragment() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "<!--",
            "-->",
            "--",
            "-",
            ">",
            "<",
            "!",
            " ",
            "\t",
            ",",
            "\n",
            "jobpost-",
            "disable",
            "enable",
            "-next-line",
            "disable-next-line",
            "placeholder",
            "length",
            "x",
            "_",
            "9",
            "é",
            "jobpost-disable",
            "JOBPOST-",
            " -->",
        ])
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 5000, ..ProptestConfig::default() })]

        /// The hand matcher finds what the pattern finds, ids split as the pattern splits them.
        #[test]
        fn comments_are_what_the_pattern_finds(parts in proptest::collection::vec(fragment(), 0..24)) {
            let html: String = parts.concat();
            let found = comments(&html);
            prop_assert_eq!(&found, &comments_by_regex(&html));
            let id = regex::Regex::new(r"[A-Za-z0-9_-]+").unwrap();
            for c in found {
                let ids = &html[c.ids.clone()];
                let by_regex: Vec<(usize, &str)> =
                    id.find_iter(ids).map(|m| (m.start(), m.as_str())).collect();
                prop_assert_eq!(ids_of(ids).collect::<Vec<_>>(), by_regex);
            }
        }
    }

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
