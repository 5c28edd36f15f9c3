//! The rule table (ids, default severities, what each checks) and [`Rules`]: a team's
//! config compiled once per config file into what the rules read (levels, required
//! sections, jargon), so reviewing 10,000 postings builds it once.

use std::collections::BTreeMap;
use std::sync::LazyLock;

pub use super::words::{SectionKind, heading_words, ordered};

/// How seriously a rule is taken; `off` silences it (config's `rules:` values).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Fails `check` (exit 1).
    Error,
    /// Reported; fails only with `--strict`.
    Warning,
    /// Reported for information.
    Info,
    /// Not reported.
    Off,
}

/// How `gendered-wording` counts (config: `rules: {gendered-wording: {mode: context}}`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum GenderMode {
    /// The research measure, as Gender Decoder computes it (the default).
    #[default]
    Research,
    /// The research measure less uses that are about things, not people ("kind of",
    /// "competitive salary", "data-driven", headings...).
    Context,
}

/// Every rule's id, as findings carry it and config's `rules:` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RuleId {
    /// `placeholder`
    Placeholder,
    /// `front-matter`
    FrontMatter,
    /// `empty-section`
    EmptySection,
    /// `missing-section`
    MissingSection,
    /// `pay-range`
    PayRange,
    /// `location`
    Location,
    /// `employment-type`
    EmploymentType,
    /// `gendered-wording`
    GenderedWording,
    /// `exclusionary-jargon`
    ExclusionaryJargon,
    /// `length`
    Length,
    /// `requirements-count`
    RequirementsCount,
    /// `title-length`
    TitleLength,
    /// `schema-value`
    SchemaValue,
    /// `expired`
    Expired,
    /// `structured-data`
    StructuredData,
    /// `suppression`
    Suppression,
}

impl RuleId {
    /// The id as reports and config files spell it.
    pub fn as_str(self) -> &'static str {
        match self {
            RuleId::Placeholder => "placeholder",
            RuleId::FrontMatter => "front-matter",
            RuleId::EmptySection => "empty-section",
            RuleId::MissingSection => "missing-section",
            RuleId::PayRange => "pay-range",
            RuleId::Location => "location",
            RuleId::EmploymentType => "employment-type",
            RuleId::GenderedWording => "gendered-wording",
            RuleId::ExclusionaryJargon => "exclusionary-jargon",
            RuleId::Length => "length",
            RuleId::RequirementsCount => "requirements-count",
            RuleId::TitleLength => "title-length",
            RuleId::SchemaValue => "schema-value",
            RuleId::Expired => "expired",
            RuleId::StructuredData => "structured-data",
            RuleId::Suppression => "suppression",
        }
    }

    /// The rule's entry in [`RULES`].
    pub fn info(self) -> &'static RuleInfo {
        RULES
            .iter()
            .find(|r| r.id == self)
            .expect("every rule id has an entry in RULES")
    }
}

impl std::fmt::Display for RuleId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A rule id that no rule has.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown rule \"{0}\"")]
pub struct UnknownRule(pub String);

impl UnknownRule {
    /// Every rule id, comma-separated (for messages that list them).
    pub fn known() -> String {
        RULES
            .iter()
            .map(|r| r.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl std::str::FromStr for RuleId {
    type Err = UnknownRule;

    fn from_str(id: &str) -> Result<RuleId, UnknownRule> {
        RULES
            .iter()
            .map(|r| r.id)
            .find(|r| r.as_str() == id)
            .ok_or_else(|| UnknownRule(id.to_string()))
    }
}

/// One rule as `check` and config files know it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleInfo {
    /// The id findings carry and `rules:` in config names.
    pub id: RuleId,
    /// The level when config says nothing.
    pub default: Level,
    /// What it checks, in one line.
    pub summary: &'static str,
    /// Why it matters and what to do, in a sentence or two (SARIF's help text, after the
    /// summary); empty when the summary says enough.
    pub why: &'static str,
    /// Where its lists and thresholds come from (the README's rule table).
    pub source: &'static str,
}

const fn rule(id: RuleId, default: Level, summary: &'static str) -> RuleInfo {
    RuleInfo {
        id,
        default,
        summary,
        why: "",
        source: "",
    }
}

impl RuleInfo {
    /// The same rule with a longer explanation.
    const fn why(self, why: &'static str) -> RuleInfo {
        RuleInfo { why, ..self }
    }

    /// The same rule with the source of its lists and thresholds.
    const fn source(self, source: &'static str) -> RuleInfo {
        RuleInfo { source, ..self }
    }

    /// The summary and the explanation, as one text (help for a rule in reports).
    pub fn help(&self) -> String {
        let mut summary = self.summary.to_string();
        if let Some(first) = summary.get(..1) {
            summary.replace_range(..1, &first.to_uppercase());
        }
        if self.why.is_empty() {
            format!("{summary}.")
        } else {
            format!("{summary}. {}", self.why)
        }
    }
}

/// Every rule, in the order reports explain them.
pub const RULES: &[RuleInfo] = &[
    rule(
        RuleId::Placeholder,
        Level::Error,
        "an unfilled placeholder ([Company Name], {{ field }}, TBD...)",
    )
    .why("Text written for the author to replace must not reach applicants: fill it (`jobpost fill`, or Ctrl-R and F2 in the editor), or keep it on purpose with `<!-- jobpost-disable-next-line placeholder -->`.")
    .source("the forms real templates use, measured on an annotated corpus of real postings (precision and recall above)"),
    rule(
        RuleId::FrontMatter,
        Level::Error,
        "front matter YAML that does not parse (error); no title or description (warning)",
    )
    .why("Job boards and the templates list show the title and description; YAML that does not parse loses all of it.")
    .source("the fields job boards and `jobpost templates` show"),
    rule(
        RuleId::EmptySection,
        Level::Error,
        "a heading with nothing under it",
    )
    .why("A heading with nothing under it tells applicants the posting is unfinished: write the section or remove the heading.")
    .source("none needed: a heading with no text under it"),
    rule(
        RuleId::MissingSection,
        Level::Error,
        "no section about the company, the responsibilities or the qualifications",
    )
    .why("Applicants look for the company, what they will do and what they need first; headings are matched by synonyms (config: `required_sections`).")
    .source("heading phrases per language in `assets/languages/*.yaml`, from the headings of real postings and of job ads in each language; `required_sections:` in config replaces them"),
    rule(RuleId::PayRange, Level::Warning, "no pay range stated")
    .why("Pay transparency laws (Colorado, New York City, California, Washington; EU Directive 2023/970) require a range; \"competitive salary\" is not one.")
    .source("the pay-transparency laws it cites; currency signs and codes, and range, period, unit and label words per language in `assets/languages/*.yaml`"),
    rule(
        RuleId::Location,
        Level::Warning,
        "no location (a place, remote, hybrid or on-site)",
    )
    .why("Applicants filter by location first; a place, remote, hybrid or on-site all count.")
    .source("the fields job boards filter by (schema.org `JobPosting`: `jobLocation`, `jobLocationType`); labels and words per language in `assets/languages/*.yaml`"),
    rule(
        RuleId::EmploymentType,
        Level::Warning,
        "no employment type (full-time, part-time, contract...)",
    )
    .why("Applicants filter by the kind of contract before they read on.")
    .source("the fields job boards filter by (schema.org `JobPosting`: `employmentType`); labels and words per language in `assets/languages/*.yaml`"),
    rule(
        RuleId::GenderedWording,
        Level::Warning,
        "masculine- or feminine-coded words (Gaucher, Friesen & Kay 2011)",
    )
    .why("Masculine-coded ads draw fewer women applicants. Single words are info; the verdict for the posting carries the rule's level when it is strongly masculine-coded (more than 3 masculine words over feminine ones).")
    .source("Gaucher, Friesen & Kay (2011) as the open-source Gender Decoder computes it: its word lists (`assets/wordlists/gender-coded.yaml`), word splitting and thresholds"),
    rule(
        RuleId::ExclusionaryJargon,
        Level::Warning,
        "jargon that puts applicants off (rockstar, ninja, culture fit...)",
    )
    .why("Jargon puts off good applicants who don't see themselves that way; each finding suggests plainer words (teams add their own under `jargon:`).")
    .source("jobpost's own list (`assets/wordlists/jargon.yaml`), not a study; `jargon:` in config adds to it"),
    rule(
        RuleId::Length,
        Level::Info,
        "a body under 300 or over 750 words",
    )
    .why("Under 300 words rarely tells applicants enough to decide; over 750 and they stop reading before the end.")
    .source("jobpost's own thresholds, not a study (hence info)"),
    rule(
        RuleId::RequirementsCount,
        Level::Info,
        "more than 12 qualification bullets",
    )
    .why("Long lists put off applicants who meet most but not all of them: keep the must-haves.")
    .source("jobpost's own threshold, not a study (hence info)"),
    rule(
        RuleId::TitleLength,
        Level::Warning,
        "a title over 80 characters",
    )
    .why("Job boards cut titles over 80 characters.")
    .source("jobpost's own threshold: job boards cut long titles in result lists"),
    rule(
        RuleId::SchemaValue,
        Level::Warning,
        "a schema.org front matter value that is wrong (unknown employmentType, a date not YYYY-MM-DD...)",
    )
    .why("Job boards and search engines read these fields as data: a value they do not know is dropped or misread.")
    .source("schema.org `JobPosting` and its enumerations; ISO 8601 dates; ISO 4217 currency codes"),
    rule(RuleId::Expired, Level::Warning, "validThrough is past")
    .why("A posting past its closing date misleads applicants and is dropped by Google for Jobs; update validThrough or take the posting down.")
    .source("schema.org `validThrough`"),
    rule(
        RuleId::StructuredData,
        Level::Off,
        "Google for Jobs' required properties missing (recommended ones as info)",
    )
    .why("Google for Jobs lists a posting only with its required properties; a team publishing there turns this rule on.")
    .source("Google Search Central's JobPosting structured data: its required and recommended properties"),
    rule(
        RuleId::Suppression,
        Level::Warning,
        "a jobpost-disable or jobpost-enable comment naming an unknown rule",
    )
    .why("Such a comment suppresses nothing for that id, which is probably misspelt; the rule ids are listed by `jobpost check --help`.")
    .source("the rule ids in this table"),
];

impl Level {
    /// `error`, `warning`, `info` or `off`, as config files spell it.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Info => "info",
            Level::Off => "off",
        }
    }
}

/// Every rule as aligned text lines, `id  level  summary` (for `jobpost check --help`).
pub fn help_lines() -> String {
    let width = RULES.iter().map(|r| r.id.as_str().len()).max().unwrap_or(0);
    RULES
        .iter()
        .map(|r| {
            format!(
                "  {:width$}  {:7}  {}\n",
                r.id.as_str(),
                r.default.as_str(),
                r.summary
            )
        })
        .collect()
}

/// Every rule as a Markdown table (the README's list of rules).
pub fn table_markdown() -> String {
    let mut out = String::from(
        "| rule | default | finds | where its lists and thresholds come from |\n|---|---|---|---|\n",
    );
    for r in RULES {
        let summary = r.summary.replace('|', "\\|");
        let source = r.source.replace('|', "\\|");
        out.push_str(&format!(
            "| `{}` | {} | {summary} | {source} |\n",
            r.id.as_str(),
            r.default.as_str()
        ));
    }
    out
}

/// The rule with this id.
pub fn find(id: &str) -> Option<&'static RuleInfo> {
    id.parse::<RuleId>().ok().map(RuleId::info)
}

const BUILTIN_JARGON: &str = include_str!("../../assets/wordlists/jargon.yaml");

/// The built-in jargon list: phrase → suggestion.
static DEFAULT_JARGON: LazyLock<BTreeMap<String, String>> =
    LazyLock::new(|| crate::yaml::from_str(BUILTIN_JARGON).unwrap_or_default());

/// A phrase and its suggestion, as lower-case words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Jargon {
    /// The phrase as written in the list.
    pub phrase: String,
    /// What to write instead.
    pub suggestion: String,
    /// The phrase as lower-case words.
    pub(crate) words: Vec<String>,
}

/// What the rules read from config, compiled once per config.
#[derive(Debug, Clone)]
pub struct Rules {
    /// The levels config sets, by [`RuleId`] (every finding asks), and each rule's level
    /// in force.
    configured: [Option<Level>; RULE_COUNT],
    in_force: [Level; RULE_COUNT],
    /// Required section kinds, in order.
    pub sections: Vec<SectionKind>,
    /// Jargon phrases, built-in and the team's.
    pub jargon: Vec<Jargon>,
    /// Jargon by first word, for one lookup per word.
    pub(crate) jargon_index: super::FxHashMap<String, Vec<usize>>,
    /// A bit per [`jargon_key`] of the first four bytes of the phrases' first words of four
    /// bytes or more (8 KB that stay in cache): most words skip the lookups.
    jargon_starts: Box<[u64; JARGON_WORDS]>,
    /// The phrases' first words under four bytes (none in the built-in list).
    jargon_short: Vec<String>,
    /// How `gendered-wording` counts.
    pub gender_mode: GenderMode,
    /// Every language's headings and fact words.
    pub lexicon: std::sync::Arc<super::lang::Lexicon>,
    /// Whether `sections` are a team's (`required_sections:`), not the lexicon's.
    custom_sections: bool,
    /// `sections`' phrases by first word, for classifying headings.
    pub(crate) heading_index: super::content::HeadingCache,
}

/// How many rules there are: [`RuleId`]s index arrays.
const RULE_COUNT: usize = RuleId::Suppression as usize + 1;

/// Each rule's configured level and the level in force (config's, else its default).
fn by_rule(levels: &BTreeMap<RuleId, Level>) -> ([Option<Level>; RULE_COUNT], [Level; RULE_COUNT]) {
    let mut configured = [None; RULE_COUNT];
    let mut in_force = [Level::Off; RULE_COUNT];
    for rule in RULES {
        let i = rule.id as usize;
        configured[i] = levels.get(&rule.id).copied();
        in_force[i] = configured[i].unwrap_or(rule.default);
    }
    (configured, in_force)
}

/// The first-word filter of the jargon phrases (see [`Rules::jargon_starts`]).
#[derive(Clone, Copy)]
pub(crate) struct JargonStarts<'a> {
    bits: &'a [u64; JARGON_WORDS],
    short: &'a [String],
}

impl JargonStarts<'_> {
    /// Whether a jargon phrase may start at this word (see [`Rules::jargon_starts`]).
    #[inline]
    pub(crate) fn may_start(self, word: &str) -> bool {
        self.may_start_long(word)
            || (self.has_short()
                && self
                    .short
                    .iter()
                    .any(|f| word.as_bytes().starts_with(f.as_bytes())))
    }

    /// Whether any first word is under four bytes (none in the built-in list).
    #[inline]
    pub(crate) fn has_short(self) -> bool {
        !self.short.is_empty()
    }

    /// [`JargonStarts::may_start`] when no first word is under four bytes.
    #[inline]
    pub(crate) fn may_start_long(self, word: &str) -> bool {
        match *word.as_bytes() {
            [w, x, y, z, ..] => {
                let k = jargon_key([w, x, y, z]);
                self.bits[k / 64] >> (k % 64) & 1 == 1
            }
            _ => false,
        }
    }
}

/// The `u64`s of [`Rules::jargon_starts`]: a bit per 16-bit key (an array, so a key's
/// index needs no bounds check).
const JARGON_WORDS: usize = (1 << 16) / 64;

/// A 16-bit key of a word's first four bytes.
#[inline]
fn jargon_key(first: [u8; 4]) -> usize {
    (u32::from_le_bytes(first).wrapping_mul(0x9e37_79b1) >> 16) as usize
}

impl Default for Rules {
    fn default() -> Self {
        Rules::new(BTreeMap::new(), None, &BTreeMap::new())
    }
}

impl Rules {
    /// Compiles what a config sets: rule levels, required sections (`None`: the built-in
    /// ones) and jargon added to the built-in list (a team's entry wins a clash).
    pub fn new(
        levels: BTreeMap<RuleId, Level>,
        required_sections: Option<&BTreeMap<String, Vec<String>>>,
        extra_jargon: &BTreeMap<String, String>,
    ) -> Self {
        let lexicon = super::lang::DEFAULT.clone();
        let sections = match required_sections {
            Some(map) => map.iter().map(|(k, v)| SectionKind::new(k, v)).collect(),
            None => lexicon.sections.clone(),
        };
        let mut all = DEFAULT_JARGON.clone();
        all.extend(
            extra_jargon
                .iter()
                .map(|(k, v)| (k.to_lowercase(), v.clone())),
        );
        let mut jargon = Vec::new();
        let mut jargon_index: super::FxHashMap<String, Vec<usize>> = Default::default();
        for (phrase, suggestion) in all {
            let words = heading_words(&phrase);
            let Some(first) = words.first() else {
                continue;
            };
            jargon_index
                .entry(first.clone())
                .or_default()
                .push(jargon.len());
            jargon.push(Jargon {
                phrase,
                suggestion,
                words,
            });
        }
        let mut jargon_starts = Box::new([0u64; JARGON_WORDS]);
        let mut jargon_short = Vec::new();
        for first in jargon_index.keys() {
            match first.as_bytes() {
                [a, b, c, d, ..] => {
                    let k = jargon_key([*a, *b, *c, *d]);
                    jargon_starts[k / 64] |= 1 << (k % 64);
                }
                _ => jargon_short.push(first.clone()),
            }
        }
        let (configured, in_force) = by_rule(&levels);
        Rules {
            configured,
            in_force,
            sections,
            jargon,
            jargon_index,
            jargon_starts,
            jargon_short,
            gender_mode: GenderMode::default(),
            lexicon,
            custom_sections: required_sections.is_some(),
            heading_index: Default::default(),
        }
    }

    /// The same rules with a team's languages added to the built-in ones (their section
    /// phrases too, unless `required_sections:` replaced the list).
    pub fn with_languages(mut self, extra: &[(String, super::lang::LanguageData)]) -> Self {
        if extra.is_empty() {
            return self;
        }
        self.lexicon = std::sync::Arc::new(super::lang::Lexicon::new(extra));
        if !self.custom_sections {
            self.sections = self.lexicon.sections.clone();
            self.heading_index = Default::default();
        }
        self
    }

    /// The same rules with `gendered-wording` counting in `mode`.
    pub fn with_gender_mode(mut self, mode: GenderMode) -> Self {
        self.gender_mode = mode;
        self
    }

    /// Whether a jargon phrase may start at a word (lower case), or at it without an `s` or
    /// `es` ending: false only when no first word can match. A word that is a first word,
    /// or one with an ending, starts with that first word: with its first four bytes when
    /// it has four or more, else with one of the few short ones. Borrowed once for a
    /// posting's words.
    #[inline]
    pub(crate) fn jargon_starts(&self) -> JargonStarts<'_> {
        JargonStarts {
            bits: &self.jargon_starts,
            short: &self.jargon_short,
        }
    }

    /// The level of a rule: the config's, else the rule's default.
    pub fn level(&self, id: RuleId) -> Level {
        self.in_force[id as usize]
    }

    /// The level config sets for a rule, if it sets one.
    pub fn configured(&self, id: RuleId) -> Option<Level> {
        self.configured[id as usize]
    }

    /// Only the rules named run, at their default levels (for tests of one rule).
    #[cfg(test)]
    pub(crate) fn only(ids: &[RuleId]) -> Self {
        let mut r = Rules::default();
        for rule in RULES {
            if !ids.contains(&rule.id) {
                r.configured[rule.id as usize] = Some(Level::Off);
                r.in_force[rule.id as usize] = Level::Off;
            }
        }
        r
    }

    /// Whether a rule runs at all.
    pub fn enabled(&self, id: RuleId) -> bool {
        self.level(id) != Level::Off
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_lists_load() {
        let r = Rules::default();
        let names: Vec<&str> = r.sections.iter().map(|k| k.name.as_str()).collect();
        assert_eq!(names, ["company", "responsibilities", "qualifications"]);
        assert!(r.jargon.iter().any(|j| j.phrase == "rockstar"));
        assert!(r.jargon_index["work"].len() == 1);
        assert_eq!(r.level(RuleId::EmptySection), Level::Error);
        assert_eq!(r.level(RuleId::Length), Level::Info);
    }

    proptest::proptest! {
        #[test]
        fn words_skipped_as_no_jargon_start_none(
            word in "(rock|ninja|guru|work|gtd|gt|young|digit|cult)?[a-z'-]{0,6}(s|es)?",
            extra in proptest::bool::ANY,
        ) {
            let rules = if extra {
                let jargon = [("GTD".to_string(), "organised".to_string())].into();
                Rules::new(Default::default(), None, &jargon)
            } else {
                Rules::default()
            };
            let candidates = [
                Some(word.as_str()),
                word.strip_suffix("es"),
                word.strip_suffix('s'),
            ];
            let starts = candidates
                .into_iter()
                .flatten()
                .any(|k| rules.jargon_index.contains_key(k));
            let filter = rules.jargon_starts();
            proptest::prop_assert!(filter.may_start(&word) || !starts, "{}", word);
            if !filter.has_short() {
                proptest::prop_assert_eq!(filter.may_start_long(&word), filter.may_start(&word));
            }
        }
    }

    #[test]
    fn levels_by_rule_are_the_configs_else_the_defaults() {
        assert_eq!(RULES.len(), RULE_COUNT);
        let levels: BTreeMap<RuleId, Level> = [
            (RuleId::Length, Level::Off),
            (RuleId::PayRange, Level::Error),
        ]
        .into();
        let rules = Rules::new(levels.clone(), None, &BTreeMap::new());
        for rule in RULES {
            assert_eq!(rules.configured(rule.id), levels.get(&rule.id).copied());
            let level = levels
                .get(&rule.id)
                .copied()
                .unwrap_or(rule.id.info().default);
            assert_eq!(rules.level(rule.id), level, "{}", rule.id);
            assert_eq!(rules.enabled(rule.id), level != Level::Off);
        }
        let only = Rules::only(&[RuleId::Length]);
        assert!(only.enabled(RuleId::Length) && !only.enabled(RuleId::PayRange));
        assert_eq!(only.configured(RuleId::PayRange), Some(Level::Off));
    }

    #[test]
    fn rule_ids_read_as_written_and_every_id_has_a_rule() {
        for r in RULES {
            assert_eq!(r.id.as_str().parse::<RuleId>(), Ok(r.id));
            assert_eq!(r.id.info().id, r.id);
        }
        let e = "pay-ranges".parse::<RuleId>().unwrap_err();
        assert_eq!(e.to_string(), "unknown rule \"pay-ranges\"");
        assert!(UnknownRule::known().starts_with("placeholder, front-matter, "));
    }

    #[test]
    fn every_rule_says_where_its_lists_and_thresholds_come_from() {
        for r in RULES {
            assert!(r.source.len() > 10, "{}", r.id);
        }
    }

    #[test]
    fn heading_words_ignore_punctuation_and_case() {
        assert_eq!(heading_words("What You’ll Do:"), ["what", "you'll", "do"]);
        assert_eq!(
            heading_words("2. Key Responsibilities"),
            ["2", "key", "responsibilities"]
        );
        assert_eq!(heading_words("about *"), ["about", "*"]);
    }
}
