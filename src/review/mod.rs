//! Review rules: a posting in, findings out. No I/O here; `report` turns the results into
//! text, JSON, GitHub annotations or SARIF (`sarif.rs`), and `summary` into a GitHub job
//! summary. [`rules::RULES`] lists every rule with its default
//! severity; config (`rules:`) can change any of them or turn them `off`.
//!
//! - Completeness (`placeholder`, `front-matter`, `empty-section`, `missing-section`) is in
//!   this file and `content.rs`; so are the facts applicants filter by (`pay-range`,
//!   `location`, `employment-type`) and the shape checks (`length`, `requirements-count`,
//!   `title-length`).
//! - Language (`gendered-wording`, `exclusionary-jargon`) is in `language.rs`, over the
//!   literal prose `prose.rs` extracts (never code, URLs, YAML keys or placeholders).
//! - schema.org front matter (`schema-value`, `expired`, `structured-data`) is in
//!   `schema.rs`; a `baseSalary`, `jobLocation` or `employmentType` also meets the content
//!   rules for pay, location and employment type.
//! - Inline suppression comments (`<!-- jobpost-disable RULE -->`...) are applied last, in
//!   `suppress.rs`; an unknown id in one is a `suppression` finding.

mod content;
mod facts;
pub mod gender;
mod guard;
mod json;
pub mod lang;
mod language;
pub mod overview;
pub mod prose;
pub mod report;
pub mod rules;
mod sarif;
mod schema;
pub mod summary;
mod suppress;
pub mod words;

use rayon::prelude::*;
use serde::Serialize;

use crate::posting::Posting;
use crate::posting::schema::{Date, JobPosting};
pub use guard::{ReviewPanic, review_guarded, review_guarded_counting};
pub use rules::{GenderMode, Level, RULES, RuleId, Rules};

/// How much a finding matters: any `Error` makes `jobpost check` exit 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// For information; never fails a check.
    Info,
    /// Reported, but the posting can still be complete (fails `check --strict`).
    Warning,
    /// The posting is not complete.
    Error,
}

impl Severity {
    /// `error`, `warning` or `info`, as reports spell it.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// One problem found in a posting: a region of the file from a 1-based line and character
/// column to an end, as SARIF counts regions: `end_line` is the line of the region's last
/// character and `end_column` the column just after it (exclusive), so a one-character
/// region at column 3 ends at column 4. A finding about a whole line ends where the line's
/// text ends (before its line ending).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The rule that found it.
    pub rule: RuleId,
    /// How much it matters.
    pub severity: Severity,
    /// 1-based file line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// 1-based line of the region's last character.
    pub end_line: usize,
    /// 1-based column just after the region's last character, in characters (exclusive).
    pub end_column: usize,
    /// What is wrong, in one line.
    pub message: String,
    /// Replacement texts for the region, best first, where the rule has them (`jargon`);
    /// left out of JSON when there are none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suggestions: Vec<String>,
}

impl Finding {
    /// Whether it is about the posting as a whole (a missing section, pay range, location,
    /// employment type or the length), reported at the first heading for want of a place.
    pub fn is_whole_posting(&self) -> bool {
        matches!(
            self.rule,
            RuleId::MissingSection | RuleId::Location | RuleId::EmploymentType | RuleId::Length
        ) || (self.rule == RuleId::PayRange && self.message.starts_with("no pay range"))
    }
}

/// A section as reports show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SectionSummary {
    /// The heading's plain text (shared with the posting's section).
    pub title: std::sync::Arc<str>,
    /// Heading level, 1 to 6.
    pub level: u8,
    /// 1-based line of the heading.
    pub line: usize,
    /// Unfilled placeholders in the section's body and heading.
    pub placeholders: usize,
    /// Words in the body; `None` when the review was asked not to count them (only the JSON
    /// report shows them).
    pub words: Option<usize>,
}

/// A placeholder as reports show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlaceholderSummary {
    /// The text as written, delimiters included (shared with the posting's placeholder).
    pub text: std::sync::Arc<str>,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// The title of the section it sits in; `None` in front matter or before the first heading.
    /// One copy per section, shared by its placeholders.
    pub section: Option<std::sync::Arc<str>>,
    /// Kept on purpose: a suppression comment covers it, so it has no finding (left out of
    /// JSON when false).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub suppressed: bool,
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

    /// `--strict`: every warning becomes an error (and the posting is not complete).
    pub fn make_strict(&mut self) {
        for f in &mut self.findings {
            if f.severity == Severity::Warning {
                f.severity = Severity::Error;
                self.complete = false;
            }
        }
    }
}

impl Severity {
    /// The severity a config level gives, `None` for `off`.
    pub fn from_level(level: Level) -> Option<Severity> {
        match level {
            Level::Error => Some(Severity::Error),
            Level::Warning => Some(Severity::Warning),
            Level::Info => Some(Severity::Info),
            Level::Off => None,
        }
    }
}

/// Where a finding sits, as rules know it: an offset (the region runs to the end of its
/// line), a byte range, or a line and column (to the end of that line). Every form converts,
/// so `Sink::add` takes whichever a rule has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum At {
    /// A byte offset: from there to the end of its line.
    Offset(usize),
    /// A byte range of the posting's text (a trailing line ending is left out).
    Span(std::ops::Range<usize>),
    /// A 1-based line and column: from there to the end of the line.
    LineCol(usize, usize),
    /// A start already counted as line and column, and the byte offset of the end.
    Counted((usize, usize), usize),
}

impl From<usize> for At {
    fn from(offset: usize) -> At {
        At::Offset(offset)
    }
}

impl From<std::ops::Range<usize>> for At {
    fn from(span: std::ops::Range<usize>) -> At {
        At::Span(span)
    }
}

impl From<(usize, usize)> for At {
    fn from((line, column): (usize, usize)) -> At {
        At::LineCol(line, column)
    }
}

/// Where rules put their findings: applies the configured level of each rule.
pub(crate) struct Sink<'a> {
    posting: &'a Posting,
    rules: &'a Rules,
    /// The schema.org properties of the front matter.
    job: &'a JobPosting,
    /// The day `expired` compares with; `None`: today by the clock, read only when needed.
    today: Option<Date>,
    findings: Vec<Finding>,
}

impl Sink<'_> {
    /// Adds a finding at the rule's level (config, else `default`); nothing when `off`.
    fn add(&mut self, rule: RuleId, default: Severity, at: impl Into<At>, message: String) {
        self.add_suggesting(rule, default, at, message, Vec::new());
    }

    /// Adds a finding with replacement texts for its region (see [`Sink::add`]).
    fn add_suggesting(
        &mut self,
        rule: RuleId,
        default: Severity,
        at: impl Into<At>,
        message: String,
        suggestions: Vec<String>,
    ) {
        let severity = match self.rules.configured(rule) {
            Some(level) => Severity::from_level(level),
            None => Some(default),
        };
        if let Some(severity) = severity {
            self.push(rule, severity, at.into(), message, suggestions);
        }
    }

    /// Adds a finding at the rule's default or configured level at a line and column.
    fn add_at(&mut self, rule: RuleId, default: Severity, at: (usize, usize), message: String) {
        self.add(rule, default, at, message);
    }

    /// Adds a finding with a fixed severity, unless the rule is off.
    fn add_fixed(&mut self, rule: RuleId, severity: Severity, at: impl Into<At>, message: String) {
        if self.rules.enabled(rule) {
            self.push(rule, severity, at.into(), message, Vec::new());
        }
    }

    fn push(
        &mut self,
        rule: RuleId,
        severity: Severity,
        at: At,
        message: String,
        suggestions: Vec<String>,
    ) {
        let ((line, column), (end_line, end_column)) = self.region(at);
        self.findings.push(Finding {
            rule,
            severity,
            line,
            column,
            end_line,
            end_column,
            message,
            suggestions,
        });
    }

    /// Start and exclusive end of a region as (line, column) pairs.
    fn region(&self, at: At) -> ((usize, usize), (usize, usize)) {
        let text = self.posting.text();
        let line_end = |offset: usize| {
            let rest = text.as_bytes().get(offset..).unwrap_or_default();
            offset + memchr::memchr2(b'\n', b'\r', rest).unwrap_or(rest.len())
        };
        // Without its trailing line ending (a region ends on the line of its last character).
        let trimmed = |start: usize, end: usize| {
            let end = end.min(text.len());
            if start > end || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
                return start;
            }
            let bytes = text.as_bytes();
            let mut kept = end;
            while kept > start && matches!(bytes[kept - 1], b'\n' | b'\r') {
                kept -= 1;
            }
            kept
        };
        match at {
            At::Offset(offset) => {
                let offset = offset.min(text.len());
                let at = self.posting.line_col(offset);
                let lines = self.posting.lines();
                (at, lines.line_col_after(text, offset, at, line_end(offset)))
            }
            At::Span(span) => {
                let start = span.start.min(text.len());
                let end = trimmed(start, span.end.max(start));
                let at = self.posting.line_col(start);
                (
                    at,
                    self.posting.lines().line_col_after(text, start, at, end),
                )
            }
            At::LineCol(line, column) => {
                let start = self.posting.lines().line_start(line);
                let end_column = self.posting.line_col(line_end(start)).1;
                ((line, column), (line, end_column.max(column)))
            }
            At::Counted(start, end) => {
                let end = end.min(text.len());
                let from = self.posting.lines().line_start(start.0).min(end);
                (start, self.posting.line_col(trimmed(from, end)))
            }
        }
    }

    /// The level a rule runs at (config or default).
    fn level(&self, rule: RuleId) -> Level {
        self.rules.level(rule)
    }
}

/// Postings this big (bytes) have their words split on every core.
pub(crate) const PARALLEL_BYTES: usize = 256 * 1024;

/// Runs every rule over a posting with the built-in settings.
pub fn review(path: String, posting: &Posting) -> FileReview {
    review_with(path, posting, &Rules::default())
}

/// Runs every rule over a posting with a team's settings, on today's date by the clock.
pub fn review_with(path: String, posting: &Posting, rules: &Rules) -> FileReview {
    review_on(path, posting, rules, None)
}

/// Runs every rule over a posting with a team's settings as on `today` (`check --today`, for
/// reports that do not change with the date); `None` is today by the clock.
pub fn review_on(
    path: String,
    posting: &Posting,
    rules: &Rules,
    today: Option<Date>,
) -> FileReview {
    review_counting(path, posting, rules, today, true)
}

/// [`review_on`], with each section's words counted only when `counted` (else its `words`
/// is `None`): only the JSON report shows them, and counting reads every byte of
/// every body where whether a body has a word at all is known at its first word.
pub fn review_counting(
    path: String,
    posting: &Posting,
    rules: &Rules,
    today: Option<Date>,
    counted: bool,
) -> FileReview {
    let sections = posting.sections();
    let text = posting.text();
    // A huge posting is read on every core (a 10 MB file has 100,000 blocks); the usual
    // 3 KB one stays on the thread that parsed it (`check` already runs files in parallel).
    let parallel = text.len() >= PARALLEL_BYTES;
    let summary = |s: &crate::posting::Section| SectionSummary {
        title: s.title.clone(),
        level: s.level,
        line: s.line,
        placeholders: 0,
        words: counted.then(|| count_words(&text[s.body.clone()])),
    };
    let mut section_summaries: Vec<SectionSummary> = if parallel {
        sections.par_iter().map(summary).collect()
    } else {
        sections.iter().map(summary).collect()
    };
    // Each placeholder counted in its section, whose title it shares.
    let mut placeholders: Vec<PlaceholderSummary> = posting
        .placeholders()
        .iter()
        .map(|p| {
            let index = p.section_index();
            if let Some(i) = index {
                section_summaries[i].placeholders += 1;
            }
            PlaceholderSummary {
                text: p.text.clone(),
                line: p.line as usize,
                column: p.column as usize,
                section: index
                    .filter(|&i| i < sections.len())
                    .map(|i| sections[i].title.clone()),
                suppressed: false,
            }
        })
        .collect();

    let job = JobPosting::read(posting);
    let mut sink = Sink {
        posting,
        rules,
        job: &job,
        today,
        // A usual posting has a few dozen findings: grown once, not five times.
        findings: Vec::with_capacity(32),
    };
    let blocks = prose::blocks(posting);
    // The usual posting's capitalised words borrow their lower case from one copy of the
    // text (a huge one allocates them word by word rather than hold a second copy).
    // The copy's buffer is the thread's last one, given back when this review ends.
    let lower_text = LowerCopy((!parallel).then(|| {
        let mut copy = LOWER.take();
        copy.clear();
        copy.push_str(text);
        copy.make_ascii_lowercase();
        copy
    }));
    let lower = lower_text.0.as_deref();
    let per_block: Vec<Vec<prose::Word>>;
    let flat: Vec<prose::Word>;
    let words: Vec<&[prose::Word]> = if parallel {
        per_block = blocks.par_iter().map(|b| prose::words(text, b)).collect();
        per_block.iter().map(Vec::as_slice).collect()
    } else {
        // One list for every block's words (a usual posting has dozens of blocks).
        let prose_len: usize = blocks.iter().map(prose::Block::len).sum();
        let mut all = Vec::with_capacity(prose_len / 6 + 1);
        // Each block's (start, end) in it: a pair of the slice's size, so the slices are
        // collected into the same buffer.
        let mut ends: Vec<(usize, usize)> = Vec::with_capacity(blocks.len());
        for b in &blocks {
            let start = all.len();
            prose::words_lowered_into(text, lower, b, &mut all);
            ends.push((start, all.len()));
        }
        flat = all;
        ends.into_iter()
            .map(|(start, end)| &flat[start..end])
            .collect()
    };
    placeholder_rule(posting, &mut sink);
    front_matter_rule(posting, &mut sink);
    empty_section_rule(posting, &section_summaries, &mut sink);
    let language = lang::identify(text, &blocks, &rules.lexicon);
    content::run(posting, &blocks, &words, &language, &mut sink);
    language::run(&words, &mut sink);
    gender::run(
        posting,
        if language.english {
            Ok(())
        } else {
            Err(language.name.as_str())
        },
        &mut sink,
    );
    schema::run(posting, &mut sink);
    let suppressions = suppress::Suppressions::find(posting);
    if !suppressions.is_empty() {
        for u in &suppressions.unknown {
            sink.add(
                RuleId::Suppression,
                Severity::Warning,
                u.span.clone(),
                unknown_rule_message(&u.id),
            );
        }
        sink.findings
            .retain(|f| !suppressions.suppresses_finding(f));
        for p in &mut placeholders {
            p.suppressed = suppressions.keeps_placeholder(p.line, p.column);
        }
    }
    let mut findings = sink.findings;
    findings.sort_by_cached_key(|f| (f.line, f.column));

    FileReview {
        path,
        complete: !findings.iter().any(|f| f.severity == Severity::Error),
        sections: section_summaries,
        placeholders,
        findings,
    }
}

thread_local! {
    /// The buffer of this thread's last lower-case copy of a posting (`check` reviews
    /// thousands on each worker: one allocation each, not one per posting).
    static LOWER: std::cell::Cell<String> = const { std::cell::Cell::new(String::new()) };
}

/// A lower-case copy of a posting, its buffer given back to [`LOWER`] when dropped.
struct LowerCopy(Option<String>);

impl Drop for LowerCopy {
    fn drop(&mut self) {
        if let Some(copy) = self.0.take() {
            LOWER.set(copy);
        }
    }
}

/// Words in a text as [`Posting::word_count`] counts them (whitespace-separated chunks with
/// a letter or digit).
///
/// A word starts at a letter or digit when the last byte before it that is not punctuation
/// is white space (or there is none), so punctuation passes the state on unchanged. Eight
/// ASCII bytes are then one sum: each byte that is not white space is `0xff`, plus `0x01` for
/// a letter or digit, so a carry leaves a byte exactly when its chunk has a letter or digit by
/// then, and a letter or digit whose sum byte is even had no carry in: a word starts there.
/// Eight bytes with one that is not ASCII go one character at a time.
pub(crate) fn count_words(text: &str) -> usize {
    use crate::posting::bytes8::{HIGH, ONES, in_range};
    let bytes = text.as_bytes();
    let mut n = 0;
    // Whether the current chunk already has a letter or digit.
    let mut counted = false;
    let mut i = 0;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let x = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        if x & HIGH != 0 {
            let end = i + 8;
            while i < end {
                count_one(text, &mut i, &mut n, &mut counted);
            }
            continue;
        }
        let space = in_range(x, b'\t', b'\r') | in_range(x, b' ', b' ');
        let word = in_range(x, b'0', b'9') | in_range(x | (0x20 * ONES), b'a', b'z');
        let not_space = !((space >> 7) * 0xff);
        let word = word >> 7;
        let (sum, carried) = not_space.overflowing_add(word);
        let (sum, carried_in) = sum.overflowing_add(u64::from(counted));
        // One bit in the low bit of each byte where a word starts: their sum is the top byte.
        n += ((word & !sum).wrapping_mul(ONES) >> 56) as usize;
        counted = carried | carried_in;
        i += 8;
    }
    while i < bytes.len() {
        count_one(text, &mut i, &mut n, &mut counted);
    }
    n
}

/// [`count_words`] on the byte at `i` (passed over unless it starts a character), moving `i`
/// to the next byte.
fn count_one(text: &str, i: &mut usize, n: &mut usize, counted: &mut bool) {
    let b = text.as_bytes()[*i];
    if b < 0x80 {
        let step = COUNT_STEP[usize::from(*counted)][usize::from(b)];
        *n += usize::from(step >> 1);
        *counted = step & 1 != 0;
    } else if b >= 0xc0 {
        let c = text[*i..].chars().next().unwrap_or(' ');
        if c.is_whitespace() {
            *counted = false;
        } else if c.is_alphanumeric() {
            *n += usize::from(!*counted);
            *counted = true;
        }
    }
    *i += 1;
}

/// Whether [`count_words`] finds a word in a text (at its first letter or digit).
pub(crate) fn has_word(text: &str) -> bool {
    text.chars().any(char::is_alphanumeric)
}

/// [`count_words`] on an ASCII byte, by whether the chunk had a letter or digit yet: bit 0,
/// whether it has one after the byte; bit 1, whether a word starts at the byte.
static COUNT_STEP: [[u8; 128]; 2] = {
    let mut t = [[0; 128]; 2];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c) {
            t[0][b] = 0;
            t[1][b] = 0;
        } else if c.is_ascii_alphanumeric() {
            t[0][b] = 0b11;
            t[1][b] = 0b01;
        } else {
            t[0][b] = 0;
            t[1][b] = 1;
        }
        b += 1;
    }
    t
};

/// A fast hasher for short keys (FxHash, as rustc uses): word lookups hash millions of
/// short strings, where SipHash's DoS resistance buys nothing.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

impl std::hash::Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        // Eight bytes a round, then four, then one at a time (as rustc's FxHasher): words
        // are hashed by the thousand.
        let mut b = bytes;
        while let [a0, a1, a2, a3, a4, a5, a6, a7, rest @ ..] = b {
            self.write_u64(u64::from_le_bytes([*a0, *a1, *a2, *a3, *a4, *a5, *a6, *a7]));
            b = rest;
        }
        if let [a0, a1, a2, a3, rest @ ..] = b {
            self.write_u64(u64::from(u32::from_le_bytes([*a0, *a1, *a2, *a3])));
            b = rest;
        }
        for &x in b {
            self.write_u64(u64::from(x));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.write_u64(u64::from(i));
    }

    fn write_u32(&mut self, i: u32) {
        self.write_u64(u64::from(i));
    }

    fn write_usize(&mut self, i: usize) {
        self.write_u64(i as u64);
    }

    fn write_u64(&mut self, i: u64) {
        self.0 = (self.0.rotate_left(5) ^ i).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A `HashMap` with [`FxHasher`].
pub(crate) type FxHashMap<K, V> =
    std::collections::HashMap<K, V, std::hash::BuildHasherDefault<FxHasher>>;

/// A `HashSet` with [`FxHasher`].
pub(crate) type FxHashSet<K> =
    std::collections::HashSet<K, std::hash::BuildHasherDefault<FxHasher>>;

/// Where the placeholders are that a suppression comment keeps on purpose (their starts, in
/// order): `check` does not count them as left, and neither does the editor.
pub fn kept_placeholders(posting: &Posting) -> Vec<usize> {
    let suppressions = suppress::Suppressions::find(posting);
    if suppressions.is_empty() {
        return Vec::new();
    }
    posting
        .placeholders()
        .iter()
        .filter(|p| suppressions.keeps_placeholder(p.line as usize, p.column as usize))
        .map(|p| p.span.start)
        .collect()
}

/// What a suppression comment naming no rule is told: the closest id when one is near.
fn unknown_rule_message(id: &str) -> String {
    let closest = RULES
        .iter()
        .map(|r| (strsim::damerau_levenshtein(id, r.id.as_str()), r.id))
        .filter(|(d, _)| *d <= 3)
        .min_by_key(|(d, _)| *d);
    match closest {
        Some((_, rule)) => {
            format!("unknown rule \"{id}\" in a jobpost comment; did you mean \"{rule}\"?")
        }
        None => format!(
            "unknown rule \"{id}\" in a jobpost comment (known: {})",
            rules::UnknownRule::known()
        ),
    }
}

/// Text on one line: runs of whitespace (a placeholder split over lines) become one space.
/// Borrowed when it already is (most placeholders and titles).
fn one_line(text: &str) -> std::borrow::Cow<'_, str> {
    if is_one_line(text) {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(text.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Whether [`one_line`] leaves a text as it is: no space at either end, no two in a row, no
/// other white space. ASCII is read a byte at a time, with no search set up.
fn is_one_line(text: &str) -> bool {
    let b = text.as_bytes();
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
        return false;
    }
    if !text.is_ascii() {
        return !text.contains("  ") && text.chars().all(|c| c == ' ' || !c.is_whitespace());
    }
    // Eight bytes at a time: no white space but spaces, and no space after a space (the
    // high bit of `after_space` marks a space ending the last eight).
    use crate::posting::bytes8::in_range;
    let mut rest = b;
    let mut after_space = 0;
    while let Some((chunk, tail)) = rest.split_first_chunk::<8>() {
        let x = u64::from_le_bytes(*chunk);
        let spaces = in_range(x, b' ', b' ');
        if in_range(x, b'\t', b'\r') != 0 || spaces & (spaces << 8 | after_space) != 0 {
            return false;
        }
        after_space = spaces >> 56;
        rest = tail;
    }
    let mut space = after_space != 0;
    for &c in rest {
        match c {
            b' ' if space => return false,
            b' ' => space = true,
            b'\t' | b'\n' | 0x0b | 0x0c | b'\r' => return false,
            _ => space = false,
        }
    }
    true
}

fn placeholder_rule(posting: &Posting, out: &mut Sink) {
    for p in posting.placeholders() {
        out.add(
            RuleId::Placeholder,
            Severity::Error,
            At::Counted(p.line_col(), p.span.end),
            {
                let text = one_line(&p.text);
                let mut message = String::with_capacity(21 + text.len());
                message.push_str("unfilled placeholder ");
                message.push_str(&text);
                message
            },
        );
    }
}

fn front_matter_rule(posting: &Posting, out: &mut Sink) {
    const WHY: &str = "job boards and the templates list show them";
    let Some(fm) = posting.front_matter() else {
        out.add_at(
            RuleId::FrontMatter,
            Severity::Warning,
            (1, 1),
            format!("no front matter with a title and description; {WHY}"),
        );
        return;
    };
    let first_line = posting.lines().line(fm.yaml.start);
    if let Some(e) = &fm.error {
        out.add_at(
            RuleId::FrontMatter,
            Severity::Error,
            (e.line.unwrap_or(first_line), e.column.unwrap_or(1)),
            format!("front matter is not valid YAML: {}", one_line(&e.message)),
        );
        return;
    }
    let blank = |v: Option<&str>| v.is_none_or(|v| v.trim().is_empty());
    let missing = match (blank(fm.title.as_deref()), blank(fm.description.as_deref())) {
        (false, false) => return,
        (true, false) => "title",
        (false, true) => "description",
        (true, true) => "title or description",
    };
    out.add_at(
        RuleId::FrontMatter,
        Severity::Warning,
        (posting.lines().line(fm.block.start), 1),
        format!("front matter has no {missing}; {WHY}"),
    );
}

/// `summaries`: the sections', their words counted or not.
fn empty_section_rule(posting: &Posting, summaries: &[SectionSummary], out: &mut Sink) {
    let sections = posting.sections();
    for (i, s) in sections.iter().enumerate() {
        let has_subsection = sections.get(i + 1).is_some_and(|n| n.level > s.level);
        let empty = || match summaries[i].words {
            Some(n) => n == 0,
            None => !has_word(&posting.text()[s.body.clone()]),
        };
        if !has_subsection && empty() {
            out.add_at(
                RuleId::EmptySection,
                Severity::Error,
                (s.line, 1),
                format!("section \"{}\" is empty", one_line(&s.title)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn old() -> Rules {
        Rules::only(&[
            RuleId::Placeholder,
            RuleId::FrontMatter,
            RuleId::EmptySection,
        ])
    }

    fn rules(text: &str) -> Vec<(&'static str, Severity, usize, usize)> {
        review_with("t.md".into(), &Posting::parse(text), &old())
            .findings
            .iter()
            .map(|f| (f.rule.as_str(), f.severity, f.line, f.column))
            .collect()
    }

    #[test]
    fn placeholders_are_errors_one_per_occurrence() {
        let r = review_with(
            "t.md".into(),
            &Posting::parse("---\ntitle: T\ndescription: D\n---\n# A\n\n[Role] and [Role]\n"),
            &old(),
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
        assert_eq!(
            rules("---\ntitle: T\n---\n# A\n\nText.\n"),
            [("front-matter", Warning, 1, 1)]
        );
        assert!(rules("---\ntitle: T\ndescription: D\n---\n# A\n\nText.\n").is_empty());
    }

    #[test]
    fn empty_sections_are_errors_unless_a_subsection_follows() {
        use Severity::*;
        let t = "---\ntitle: T\ndescription: D\n---\n# Parent\n\n## Child\n\n## Empty\n\n---\n\n# Last\n";
        assert_eq!(
            rules(t),
            [
                ("empty-section", Error, 7, 1),
                ("empty-section", Error, 9, 1),
                ("empty-section", Error, 13, 1),
            ]
        );
        let r = review_with("t.md".into(), &Posting::parse(t), &old());
        assert!(!r.complete);
    }

    #[test]
    fn config_levels_change_severity_or_silence_a_rule() {
        let levels = [
            (RuleId::EmptySection, Level::Warning),
            (RuleId::Placeholder, Level::Off),
        ];
        let rules = Rules::new(levels.into(), None, &Default::default());
        let r = review_with(
            "t.md".into(),
            &Posting::parse("---\ntitle: T\ndescription: D\n---\n# A\n\n[Role]\n\n# B\n"),
            &rules,
        );
        assert!(r.findings.iter().all(|f| f.rule != RuleId::Placeholder));
        let empty: Vec<_> = r
            .findings
            .iter()
            .filter(|f| f.rule == RuleId::EmptySection)
            .collect();
        assert_eq!(empty[0].severity, Severity::Warning);
    }

    #[test]
    fn count_words_agrees_with_the_model() {
        for t in [
            "",
            "one two  three\n",
            "a -- b ** c\t\x0bd\x0ce\r\nf",
            "– x ‘y’ ünïcode\u{a0}word\u{2003}more",
            "  ...  ,,, 1 ",
        ] {
            let model = Posting::parse(t);
            assert_eq!(count_words(t), model.word_count(0..t.len()), "{t:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn count_words_agrees_on_any_text(t in "[a-z0-9 \t\n\r\x0b\x0c.,*éΣ\u{a0}\u{2003}\u{85}-]{0,60}") {
            let model = Posting::parse(t.as_str());
            proptest::prop_assert_eq!(count_words(&t), model.word_count(0..t.len()));
            proptest::prop_assert_eq!(has_word(&t), count_words(&t) > 0);
        }

        #[test]
        fn count_words_agrees_on_any_ascii_and_more(
            t in proptest::prop_oneof![
                "[\\x00-\\x7f]{0,100}",
                "[a-zA-Z0-9 \n\r.,'(*é\u{a0}\u{2003}]{0,100}",
                proptest::prelude::any::<String>(),
            ]
        ) {
            let model = Posting::parse(t.as_str());
            proptest::prop_assert_eq!(count_words(&t), model.word_count(0..t.len()));
        }

        #[test]
        fn one_line_text_is_told_as_the_whitespace_rules_tell_it(
            t in "([a \t\n\r\u{b}\u{c}é\u{a0}\u{85}]{0,8}|[a-z\u{1}\u{1f}\u{7f}]{1,7}( [a-z\u{1f}]{1,9}){0,4}|( ?[a-z]{0,9}[ \t\n\r\u{b}\u{c}]?){0,6})"
        ) {
            let single = !t.starts_with(' ')
                && !t.ends_with(' ')
                && !t.contains("  ")
                && t.chars().all(|c| c == ' ' || !c.is_whitespace());
            proptest::prop_assert_eq!(is_one_line(&t), single);
        }

        #[test]
        fn a_review_without_word_counts_differs_only_in_them(
            parts in proptest::collection::vec(
                "(# A\n|## B\n|### C\n|\n|word |[A-Z][a-z]{0,6}|[0-9]|\\[Role\\]|\u{a0}|é|…|\\*\\*|- |<!-- x -->|\t)",
                0..30,
            ),
        ) {
            let posting = Posting::parse(parts.concat());
            let counted = review_on("t.md".into(), &posting, &Rules::default(), None);
            let mut uncounted =
                review_counting("t.md".into(), &posting, &Rules::default(), None, false);
            proptest::prop_assert!(uncounted.sections.iter().all(|s| s.words.is_none()));
            for (u, c) in uncounted.sections.iter_mut().zip(&counted.sections) {
                u.words = c.words;
            }
            proptest::prop_assert_eq!(uncounted, counted);
        }

        #[test]
        fn a_review_after_another_on_the_same_thread_is_the_same(
            first in "(# A\n|## B\n|Lead the TEAM |WORD |[A-Z][a-z]{0,6} |\n\n){0,40}",
            second in "(# A\n|## B\n|Lead the TEAM |WORD |[A-Z][a-z]{0,6} |\n\n){0,40}",
        ) {
            let review = |t: &str| review_on("t.md".into(), &Posting::parse(t), &Rules::default(), None);
            let alone = std::thread::scope(|s| s.spawn(|| review(&second)).join().unwrap());
            review(&first);
            proptest::prop_assert_eq!(review(&second), alone);
        }
    }

    #[test]
    fn one_line_text_is_told_at_every_place_of_eight() {
        let single = |t: &str| {
            !t.starts_with(' ')
                && !t.ends_with(' ')
                && !t.contains("  ")
                && t.chars().all(|c| c == ' ' || !c.is_whitespace())
        };
        for len in 1..26 {
            for i in 0..len {
                for odd in [
                    "  ", " ", "\t", "\n", "\r", "\u{b}", "\u{c}", "\u{1f}", " a ",
                ] {
                    let mut t = "a".repeat(len);
                    t.insert_str(i, odd);
                    assert_eq!(is_one_line(&t), single(&t), "{t:?}");
                }
            }
        }
    }

    type Region = (RuleId, (usize, usize), (usize, usize));

    fn regions(text: &str, only: &[RuleId]) -> Vec<Region> {
        review_with("t.md".into(), &Posting::parse(text), &Rules::only(only))
            .findings
            .iter()
            .map(|f| (f.rule, (f.line, f.column), (f.end_line, f.end_column)))
            .collect()
    }

    #[test]
    fn findings_end_after_their_last_character_counted_in_characters() {
        use RuleId::*;
        // A placeholder: exactly its text, columns in characters after "Café ".
        assert_eq!(
            regions("# A\n\nCafé [Rôle] ok\n", &[Placeholder]),
            [(Placeholder, (3, 6), (3, 12))]
        );
        // Split over two lines: it ends on the second.
        assert_eq!(
            regions("# A\n\nWe [Company\r\nName] bake.\n", &[Placeholder]),
            [(Placeholder, (3, 4), (4, 6))]
        );
        // A heading: the whole line, without its line ending.
        assert_eq!(
            regions("# A\n\nText.\n\n## Empty \r\n", &[EmptySection]),
            [(EmptySection, (5, 1), (5, 10))]
        );
        // Jargon: the words matched, with the suggestion as a replacement.
        let r = review_with(
            "t.md".into(),
            &Posting::parse("# A\n\nWe hire for Culture fit, always.\n"),
            &Rules::only(&[ExclusionaryJargon]),
        );
        let f = &r.findings[0];
        assert_eq!((f.line, f.column, f.end_line, f.end_column), (3, 13, 3, 24));
        assert_eq!(f.suggestions, ["Shares our values"]);
        // Rules without suggestions leave them out of JSON, so old readers see old findings.
        let r = review_with(
            "t.md".into(),
            &Posting::parse("# A\n\n[Role] and a ninja\n"),
            &Rules::only(&[Placeholder, ExclusionaryJargon]),
        );
        let json = serde_json::to_value(&r.findings).unwrap();
        assert!(json[0].get("suggestions").is_none(), "{json}");
        assert_eq!(json[0]["end_column"], 7);
        assert_eq!(json[1]["suggestions"], serde_json::json!(["expert"]));
    }

    #[test]
    fn fx_maps_find_every_key_they_hold() {
        let words = [
            "",
            "a",
            "ab",
            "abcdefg",
            "abcdefgh",
            "abcdefghi",
            "ab\0",
            "naïve",
            "x",
        ];
        let map: FxHashMap<String, usize> = words
            .iter()
            .enumerate()
            .map(|(i, w)| (w.to_string(), i))
            .collect();
        assert_eq!(map.len(), words.len());
        for (i, w) in words.iter().enumerate() {
            assert_eq!(map.get(*w), Some(&i), "{w:?}");
        }
        assert_eq!(map.get("abcdefghij"), None);
    }

    #[test]
    fn strict_makes_warnings_errors() {
        let mut r = review_with(
            "t.md".into(),
            &Posting::parse("# A\n\nText.\n"),
            &Rules::only(&[RuleId::FrontMatter]),
        );
        assert!(r.complete);
        r.make_strict();
        assert!(!r.complete);
        assert_eq!(r.findings[0].severity, Severity::Error);
    }
}
