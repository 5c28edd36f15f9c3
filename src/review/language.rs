//! `exclusionary-jargon` over the literal prose: `assets/wordlists/jargon.yaml` plus a team's
//! `jargon:`. (`gendered-wording` is in `gender.rs`: it reads the text as its source does.)

use super::prose::Word;
use super::{RuleId, Severity, Sink};

/// Runs the jargon rule over every block's words.
pub(super) fn run(words: &[&[Word]], out: &mut Sink) {
    if !out.rules.enabled(RuleId::ExclusionaryJargon) {
        return;
    }
    // The filter borrowed once: every word of the posting is asked, and the usual list has no
    // first word under four bytes (one loop without that test).
    let starts = out.rules.jargon_starts();
    for words in words {
        if starts.has_short() {
            for (i, w) in words.iter().enumerate() {
                if starts.may_start(w.lower_str()) {
                    jargon_at(words, i, out);
                }
            }
        } else {
            for (i, w) in words.iter().enumerate() {
                if starts.may_start_long(w.lower_str()) {
                    jargon_at(words, i, out);
                }
            }
        }
    }
}

/// The jargon phrase starting at `words[i]`, if any (the first that matches).
#[inline(never)]
fn jargon_at(words: &[Word], i: usize, out: &mut Sink) {
    let rules = out.rules;
    let w = &words[i];
    let lower = w.lower_str();
    let singular = lower
        .strip_suffix("es")
        .into_iter()
        .chain(lower.strip_suffix('s'));
    let candidates = std::iter::once(lower)
        .chain(singular)
        .filter_map(|k| rules.jargon_index.get(k))
        .flatten();
    for &j in candidates {
        let entry = &rules.jargon[j];
        let n = entry.words.len();
        let Some(span) = words.get(i..i + n) else {
            continue;
        };
        let matches = span
            .iter()
            .zip(&entry.words)
            .enumerate()
            .all(|(k, (w, p))| {
                w.lower == *p
                    || (k == n - 1
                        && (w.lower.strip_suffix('s') == Some(p)
                            || w.lower.strip_suffix("es") == Some(p)))
            });
        if matches {
            let written: Vec<&str> = span.iter().map(|w| w.text).collect();
            let last = &span[n - 1];
            out.add_suggesting(
                RuleId::ExclusionaryJargon,
                Severity::Warning,
                w.start..last.start + last.text.len(),
                format!(
                    "\"{}\" is jargon that puts off good applicants who don't see themselves that way; try \"{}\"",
                    written.join(" "),
                    entry.suggestion
                ),
                vec![replacement(w.text, &entry.suggestion)],
            );
            break;
        }
    }
}

/// A suggestion as a replacement for `written`: capitalised when the jargon it replaces
/// starts with a capital ("Rockstar developer" → "Skilled engineer developer").
fn replacement(written: &str, suggestion: &str) -> String {
    let mut chars = suggestion.chars();
    match (written.chars().next(), chars.next()) {
        (Some(w), Some(s)) if w.is_uppercase() && s.is_lowercase() => {
            s.to_uppercase().chain(chars).collect()
        }
        _ => suggestion.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::posting::Posting;
    use crate::review::{Finding, Rules, review_with};

    fn found(text: &str, rule: &str) -> Vec<Finding> {
        review_with("t.md".into(), &Posting::parse(text), &Rules::default())
            .findings
            .into_iter()
            .filter(|f| f.rule.as_str() == rule)
            .collect()
    }

    #[test]
    fn jargon_is_flagged_with_a_suggestion() {
        let t = "---\ntitle: Rockstar Developer\n---\n# A\n\nNinjas wanted. We work hard, \
                 *play hard*, and hire for culture fit. A rock star! `guru`\n";
        let f = found(t, "exclusionary-jargon");
        let got: Vec<(usize, usize, &str)> = f
            .iter()
            .map(|f| (f.line, f.column, f.message.as_str()))
            .collect();
        assert_eq!(got.len(), 5, "{got:?}");
        assert_eq!(got[0].0, 2);
        assert_eq!(got[0].1, 8);
        assert!(got[0].2.starts_with("\"Rockstar\" is jargon"));
        assert!(got[0].2.ends_with("try \"skilled engineer\""));
        assert!(got[1].2.starts_with("\"Ninjas\""));
        assert!(got[2].2.starts_with("\"work hard play hard\""));
        assert!(got[3].2.starts_with("\"culture fit\""));
        assert!(got[4].2.starts_with("\"rock star\""));
        assert!(found("# A\n\nNinjago and wizardry.\n", "exclusionary-jargon").is_empty());
    }

    #[test]
    fn teams_add_jargon() {
        let jargon = [("Synergy".to_string(), "working together".to_string())].into();
        let rules = Rules::new(Default::default(), None, &jargon);
        let r = review_with("t.md".into(), &Posting::parse("# A\n\nSynergy.\n"), &rules);
        assert!(
            r.findings
                .iter()
                .any(|f| f.rule == RuleId::ExclusionaryJargon
                    && f.message.ends_with("try \"working together\""))
        );
        // Short first words (and their plurals) are looked up too.
        let jargon = [("GTD".to_string(), "organised".to_string())].into();
        let rules = Rules::new(Default::default(), None, &jargon);
        let r = review_with(
            "t.md".into(),
            &Posting::parse("# A\n\nGTDs and gtd.\n"),
            &rules,
        );
        let jargon: Vec<_> = r
            .findings
            .iter()
            .filter(|f| f.rule == RuleId::ExclusionaryJargon)
            .collect();
        assert_eq!(jargon.len(), 2, "{jargon:?}");
    }
}
