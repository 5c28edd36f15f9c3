//! One posting at a glance, for the folder view: its title, what is left to do and whether
//! the facts applicants filter by are stated. Built from the same review `check` makes, so
//! the two never disagree.

use super::{FileReview, RuleId, Rules, Severity};
use crate::posting::Posting;

/// Whether a fact applicants filter by (pay, location, employment type) is stated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fact {
    /// Stated (or its finding suppressed in place).
    Stated,
    /// Not stated: the rule reports it missing.
    Missing,
    /// The rule is off in the config, so nobody asked.
    Unchecked,
}

/// What the folder view shows of one posting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overview {
    /// The front matter's `title`, else the first heading's text, else empty.
    pub title: String,
    /// Unfilled placeholders that are not kept on purpose.
    pub placeholders: usize,
    /// Error findings other than placeholders (as `check`'s summary counts them).
    pub errors: usize,
    /// Warning findings.
    pub warnings: usize,
    /// Whether a pay range is stated.
    pub pay: Fact,
    /// Whether a location is stated.
    pub location: Fact,
    /// Whether an employment type is stated.
    pub employment: Fact,
    /// No finding is an error (what `check` exits 0 for).
    pub complete: bool,
}

impl Overview {
    /// The overview of a posting from its review under `rules`.
    pub fn of(review: &FileReview, posting: &Posting, rules: &Rules) -> Overview {
        let title = posting
            .front_matter()
            .and_then(|f| f.title.clone())
            .filter(|t| !t.trim().is_empty())
            .or_else(|| posting.sections().first().map(|s| s.title.to_string()))
            .unwrap_or_default();
        let count = |sev: Severity| {
            review
                .findings
                .iter()
                .filter(|f| f.severity == sev && f.rule != RuleId::Placeholder)
                .count()
        };
        let fact = |rule: RuleId| {
            if !rules.enabled(rule) {
                Fact::Unchecked
            } else if review
                .findings
                .iter()
                .any(|f| f.rule == rule && f.is_whole_posting())
            {
                Fact::Missing
            } else {
                Fact::Stated
            }
        };
        Overview {
            title,
            placeholders: review.placeholders.iter().filter(|p| !p.suppressed).count(),
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            pay: fact(RuleId::PayRange),
            location: fact(RuleId::Location),
            employment: fact(RuleId::EmploymentType),
            complete: review.complete,
        }
    }

    /// How finished the posting is, 0 to 100: a fifth each for no placeholders left, no other
    /// errors, and pay, location and employment type stated (an unchecked fact counts as
    /// done). 100 only when there is nothing left to do.
    pub fn percent(&self) -> u8 {
        let done = [
            self.placeholders == 0,
            self.errors == 0,
            self.pay != Fact::Missing,
            self.location != Fact::Missing,
            self.employment != Fact::Missing,
        ];
        (done.iter().filter(|d| **d).count() * 20) as u8
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::review_with;

    fn overview(text: &str, rules: &Rules) -> Overview {
        let posting = Posting::parse(text);
        Overview::of(
            &review_with("p.md".into(), &posting, rules),
            &posting,
            rules,
        )
    }

    #[test]
    fn counts_and_facts_follow_the_review() {
        let o = overview(
            "---\ntitle: Backend Engineer\n---\n# About\n\n**Location**: Oslo\n\n[Company Name] is hiring.\n",
            &Rules::default(),
        );
        assert_eq!(o.title, "Backend Engineer");
        assert_eq!(o.placeholders, 1);
        assert_eq!(o.location, Fact::Stated);
        assert_eq!(o.pay, Fact::Missing);
        assert_eq!(o.employment, Fact::Missing);
        assert!(!o.complete);
        assert!(o.percent() < 100);
    }

    #[test]
    fn a_rule_turned_off_leaves_its_fact_unchecked() {
        let rules = Rules::only(&[RuleId::Placeholder]);
        let o = overview("# Engineer\n\nDone.\n", &rules);
        assert_eq!(o.title, "Engineer");
        assert_eq!(
            (o.pay, o.location, o.employment),
            (Fact::Unchecked, Fact::Unchecked, Fact::Unchecked)
        );
        assert_eq!(o.percent(), 100);
    }
}
