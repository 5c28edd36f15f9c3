//! Language rules over the literal prose: `gendered-wording` (Gaucher, Friesen & Kay 2011,
//! the Gender Decoder's word lists in `assets/wordlists/gender-coded.yaml`) and
//! `exclusionary-jargon` (`assets/wordlists/jargon.yaml` plus a team's `jargon:`).
//!
//! Noise: every posting has some coded words, so single words are `info`; one verdict per
//! posting carries the rule's level (warning) when the posting is *strongly*
//! masculine-coded (more than 3 masculine words over feminine ones, the Gender Decoder's
//! threshold). Feminine-coded wording was not found to put men off, so that verdict stays
//! `info`. Headings are not read ("Responsibilities" is structure, not tone).

use std::sync::LazyLock;

use super::prose::{Block, Origin, Word};
use super::{FxHashMap, Level, RuleId, Severity, Sink};

/// Which way a word is coded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Coding {
    /// Masculine-coded.
    Masculine,
    /// Feminine-coded.
    Feminine,
}

impl Coding {
    fn as_str(self) -> &'static str {
        match self {
            Coding::Masculine => "masculine",
            Coding::Feminine => "feminine",
        }
    }
}

#[derive(Debug)]
struct Stem {
    text: String,
    prefix: bool,
    coding: Coding,
}

/// The word lists, indexed by their first three bytes (every entry has at least three).
struct GenderLists {
    by_start: FxHashMap<[u8; 3], Vec<Stem>>,
}

/// The first three bytes of a word, the key of [`GenderLists::by_start`]. (A word whose third
/// byte is inside a character cannot equal an entry's key, which ends on a character.)
fn start_key(word: &str) -> Option<[u8; 3]> {
    word.as_bytes().first_chunk::<3>().copied()
}

#[derive(serde::Deserialize)]
struct GenderFile {
    masculine: Vec<String>,
    feminine: Vec<String>,
}

const GENDER_CODED: &str = include_str!("../../assets/wordlists/gender-coded.yaml");

static LISTS: LazyLock<GenderLists> = LazyLock::new(|| {
    let file: GenderFile = crate::yaml::from_str(GENDER_CODED).unwrap_or(GenderFile {
        masculine: Vec::new(),
        feminine: Vec::new(),
    });
    let mut by_start: FxHashMap<[u8; 3], Vec<Stem>> = FxHashMap::default();
    for (list, coding) in [
        (file.masculine, Coding::Masculine),
        (file.feminine, Coding::Feminine),
    ] {
        for entry in list {
            let prefix = entry.ends_with('*');
            let text = entry.trim_end_matches('*').to_lowercase();
            let Some(key) = text.get(..3).and_then(start_key) else {
                continue;
            };
            by_start.entry(key).or_default().push(Stem {
                text,
                prefix,
                coding,
            });
        }
    }
    GenderLists { by_start }
});

/// Endings a whole-word entry may take: "decide" matches "decides" and "decided".
const INFLECTIONS: &[&str] = &["", "s", "es", "d", "ed", "ly", "ness"];

/// The coding of one word (lower case), if any: stems match the start of the word, whole
/// words match with a simple inflection. A hyphenated word is tried whole, then by parts.
pub fn coding(word: &str) -> Option<(Coding, &'static str)> {
    let lookup = |w: &str| -> Option<(Coding, &'static str)> {
        let stems = LISTS.by_start.get(&start_key(w)?)?;
        stems
            .iter()
            .find(|s| {
                if s.prefix {
                    w.starts_with(&s.text)
                } else {
                    w.strip_prefix(s.text.as_str())
                        .is_some_and(|rest| INFLECTIONS.contains(&rest))
                }
            })
            .map(|s| (s.coding, s.text.as_str()))
    };
    lookup(word).or_else(|| {
        word.contains('-')
            .then(|| word.split('-').find_map(lookup))
            .flatten()
    })
}

/// Uses of a coded word that are about things, not people (false alarms found in the
/// corpus): "what kind of", "competitive pay", "understanding of X" (knowledge), the nouns
/// "responsibilities", "response", "objectives" (goals), "committee", "dependencies", and
/// method compounds like "data-driven".
fn excused(word: &str, next: Option<&Word>) -> bool {
    let next = next.map_or("", |n| n.lower.as_ref());
    (matches!(word, "kind" | "kinds" | "understanding") && next == "of")
        || (word == "competitive"
            && matches!(
                next,
                "salary"
                    | "salaries"
                    | "pay"
                    | "compensation"
                    | "wage"
                    | "wages"
                    | "benefits"
                    | "package"
                    | "rates"
                    | "rate"
                    | "bonus"
                    | "equity"
            ))
        || word.starts_with("responsibilit")
        || matches!(word, "response" | "responses" | "objectives")
        || word.starts_with("committee")
        || matches!(
            word,
            "dependency" | "dependencies" | "interdependency" | "interdependencies"
        )
        || word.ends_with("-driven")
}

/// Runs the language rules.
pub(super) fn run(blocks: &[Block], words: &[Vec<Word>], out: &mut Sink) {
    let gendered = out.rules.enabled(RuleId::GenderedWording);
    let jargon = out.rules.enabled(RuleId::ExclusionaryJargon);
    if !gendered && !jargon {
        return;
    }
    let mut hits: Vec<(Coding, usize, &str)> = Vec::new();
    for (block, words) in blocks.iter().zip(words) {
        if jargon {
            jargon_in(words, out);
        }
        if gendered && block.origin != Origin::Heading {
            for (i, w) in words.iter().enumerate() {
                if let Some((c, _)) = coding(&w.lower)
                    && !excused(&w.lower, words.get(i + 1))
                {
                    hits.push((c, w.start, w.text));
                }
            }
        }
    }
    if gendered {
        verdict(&hits, out);
    }
}

fn verdict(hits: &[(Coding, usize, &str)], out: &mut Sink) {
    let m = hits.iter().filter(|h| h.0 == Coding::Masculine).count();
    let f = hits.len() - m;
    if m == f {
        return;
    }
    let side = if m > f {
        Coding::Masculine
    } else {
        Coding::Feminine
    };
    let diff = m.abs_diff(f);
    let strong = diff > 3;
    let Some(first) = hits.iter().find(|h| h.0 == side) else {
        return;
    };
    let severity = match (side, strong) {
        (Coding::Masculine, true) => match out.level(RuleId::GenderedWording) {
            Level::Error => Severity::Error,
            Level::Warning => Severity::Warning,
            Level::Info | Level::Off => Severity::Info,
        },
        _ => Severity::Info,
    };
    let words = |n: usize| if n == 1 { "word" } else { "words" };
    let why = match side {
        Coding::Masculine => {
            "masculine-coded ads draw fewer women applicants (Gaucher, Friesen & Kay 2011)"
        }
        Coding::Feminine => "feminine-coded wording was not found to put men off",
    };
    out.add_fixed(
        RuleId::GenderedWording,
        severity,
        first.1..first.1 + first.2.len(),
        format!(
            "{}{}-coded: {m} masculine, {f} feminine {}; {why}",
            if strong { "strongly " } else { "" },
            side.as_str(),
            words(f)
        ),
    );
    for (c, at, word) in hits.iter().filter(|h| h.0 == side) {
        out.add_fixed(
            RuleId::GenderedWording,
            Severity::Info,
            *at..*at + word.len(),
            format!("{}-coded word \"{word}\"", c.as_str()),
        );
    }
}

fn jargon_in(words: &[Word], out: &mut Sink) {
    let rules = out.rules;
    for (i, w) in words.iter().enumerate() {
        if !rules.may_start_jargon(&w.lower) {
            continue;
        }
        let singular = w
            .lower
            .strip_suffix("es")
            .into_iter()
            .chain(w.lower.strip_suffix('s'));
        let candidates = std::iter::once(w.lower.as_ref())
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
    fn stems_match_word_starts() {
        use Coding::*;
        assert_eq!(coding("lead").map(|c| c.0), Some(Masculine));
        assert_eq!(coding("leader").map(|c| c.0), Some(Masculine));
        assert_eq!(coding("leadership").map(|c| c.0), Some(Masculine));
        assert_eq!(coding("misleading"), None);
        assert_eq!(coding("self-confident").map(|c| c.1), Some("self-confiden"));
        assert_eq!(coding("decision-making").map(|c| c.1), Some("decision"));
        assert_eq!(coding("well-supported").map(|c| c.1), Some("support"));
        assert_eq!(coding("responsibilities").map(|c| c.0), Some(Feminine));
        // Whole words take simple inflections only.
        assert_eq!(coding("decided").map(|c| c.1), Some("decide"));
        assert_eq!(coding("decider"), None);
        assert_eq!(coding("kindness").map(|c| c.0), Some(Feminine));
        assert_eq!(coding("kindred"), None);
        assert_eq!(coding("nagios"), None);
        assert_eq!(coding("the"), None);
    }

    #[test]
    fn lead_the_team_counts_and_the_verdict_is_a_warning_when_strong() {
        let t = "# Role\n\nLead the team. A leader, ambitious, competitive, decisive, \
                 independent and assertive. Supportive.\n";
        let f = found(t, "gendered-wording");
        assert_eq!(f[0].severity, Severity::Warning);
        assert_eq!(
            f[0].message,
            "strongly masculine-coded: 7 masculine, 1 feminine word; masculine-coded ads draw \
             fewer women applicants (Gaucher, Friesen & Kay 2011)"
        );
        assert_eq!((f[0].line, f[0].column), (3, 1));
        assert_eq!(f.len(), 8);
        assert!(f[1..].iter().all(|f| f.severity == Severity::Info));
        assert_eq!(f[1].message, "masculine-coded word \"Lead\"");
        assert_eq!(f[2].message, "masculine-coded word \"leader\"");
    }

    #[test]
    fn mildly_coded_and_balanced_postings_are_information_or_nothing() {
        let f = found(
            "# A\n\nYou will lead and decide. We support you.\n",
            "gendered-wording",
        );
        assert_eq!(f[0].severity, Severity::Info);
        assert!(
            f[0].message
                .starts_with("masculine-coded: 2 masculine, 1 feminine word;")
        );
        assert!(found("# A\n\nLead with care and support.\n", "gendered-wording").is_empty());
        let f = found(
            "# A\n\nSupportive, warm, kind, loyal and gentle.\n",
            "gendered-wording",
        );
        assert_eq!(f[0].severity, Severity::Info);
        assert!(
            f[0].message
                .starts_with("strongly feminine-coded: 0 masculine, 5 feminine words")
        );
    }

    #[test]
    fn headings_code_and_idioms_do_not_count() {
        let t = "# Leadership Responsibilities\n\nWhat kind of work? A competitive salary. \
                 `lead` [Lead Engineer] https://lead.example.com misleading. Understanding of \
                 SQL, data-driven, incident response, key objectives, dependencies, committees. \
                 Responsibilities include:\n";
        assert!(
            found(t, "gendered-wording").is_empty(),
            "{:?}",
            found(t, "gendered-wording")
        );
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
    }
}
