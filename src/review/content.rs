//! Content rules: the sections a posting needs (`missing-section`), the facts applicants
//! filter by (`pay-range`, `location`, `employment-type`) and its shape (`length`,
//! `requirements-count`, `title-length`). Headings and facts are recognised in every
//! language of the lexicon (`lang.rs`, matched by `facts.rs`); patterns are compiled once
//! per config.

use super::facts::{self, Vague, WordMarks};
use super::lang::{Lexicon, PostingLanguage};
use super::prose::{self, Block, Origin, Word};
use super::words::{SectionKind, heading_lower, split_heading_words};
use super::{RuleId, Severity, Sink, one_line};
use crate::posting::Posting;

/// Runs the content rules; `language` picks the examples messages give.
pub(super) fn run(
    posting: &Posting,
    blocks: &[Block],
    words: &[&[Word]],
    language: &PostingLanguage,
    out: &mut Sink,
) {
    let rules = out.rules;
    let mut headings = headings(posting);
    classify_all(&mut headings, rules);
    missing_section(posting, &headings, language, out);
    // Marked once for the three phrase lists, when a rule first needs them.
    let marks = Marks {
        words,
        lexicon: &rules.lexicon,
        marks: std::cell::OnceCell::new(),
        labels: facts::BlockLabels::new(
            posting.text(),
            blocks,
            rules.lexicon.pay.all_labels(
                &rules.lexicon.location,
                &rules.lexicon.employment,
                [LOCATION, EMPLOYMENT, PAY],
            ),
        ),
    };
    pay_range(posting, blocks, &marks, out);
    location(posting, blocks, &marks, out);
    employment_type(posting, blocks, &marks, out);
    length(posting, blocks, words, out);
    requirements_count(posting, &headings, out);
    title_length(posting, out);
}

/// A posting's words with their [`WordMarks`] for the location, employment type and vague
/// pay phrases (bits [`LOCATION`], [`EMPLOYMENT`], [`VAGUE_PAY`]), made on first use.
struct Marks<'a, 'w> {
    words: &'a [&'a [Word<'w>]],
    lexicon: &'a Lexicon,
    marks: std::cell::OnceCell<WordMarks>,
    /// The facts' labels of each block (bits [`LOCATION`], [`EMPLOYMENT`], [`PAY`]).
    labels: facts::BlockLabels<'a>,
}

const LOCATION: u8 = 1;
const EMPLOYMENT: u8 = 2;
const VAGUE_PAY: u8 = 4;
/// The bit of a pay label.
const PAY: u8 = 4;

impl Marks<'_, '_> {
    fn get(&self) -> &WordMarks {
        self.marks.get_or_init(|| {
            let l = self.lexicon;
            WordMarks::new(self.words, l.pay.mark_table(&l.location, &l.employment))
        })
    }

    /// Whether a label, front matter key or phrase states the fact of `bit` ([`LOCATION`] or
    /// [`EMPLOYMENT`]).
    fn state(&self, text: &str, blocks: &[Block], bit: u8) -> bool {
        let l = self.lexicon;
        let fact = if bit == LOCATION {
            &l.location
        } else {
            &l.employment
        };
        facts::stated(
            text,
            blocks,
            self.words,
            (self.get(), bit),
            fact,
            &self.labels,
        )
    }
}

/// A heading, or a paragraph that is only bold text (`**Requirements:**`) used as one.
#[derive(Debug)]
struct Heading {
    /// Shared with the posting's section (a bold line's is its own).
    title: std::sync::Arc<str>,
    level: u8,
    offset: usize,
    /// Byte range of everything under it, up to the next heading of the same or a higher
    /// level (bold pseudo-headings: up to the next heading or pseudo-heading).
    scope: std::ops::Range<usize>,
    /// The index of its section kind in the rules, once [`classify_all`] has told it.
    kind: Option<usize>,
}

/// A line that is only bold text (`**Requirements:**`), as a pattern: the reference for
/// [`bold_title`].
#[cfg(test)]
static BOLD_LINE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?m)^ {0,3}(?:\*\*|__)([^*_\n]{2,60}?)(?:\*\*|__) *:? *\r?$")
        .expect("pattern")
});

/// The title of a bold line: `rest` is the line after its opening ` {0,3}**` or ` {0,3}__`
/// (up to its `\n`, which it never holds). The title is 2 to 60 characters without `*`,
/// `_` or a line break, then `**` or `__`, spaces, an optional `:`, spaces and an optional
/// `\r` end the line. The title's end is its first `*` or `_`, so no pattern is needed.
fn bold_title(rest: &str) -> Option<&str> {
    let bytes = rest.as_bytes();
    let end = memchr::memchr2(b'*', b'_', bytes)?;
    let title = &rest[..end];
    let chars = if title.is_ascii() {
        title.len()
    } else {
        title.chars().count()
    };
    if !(2..=60).contains(&chars) || !matches!(bytes.get(end..end + 2), Some(b"**" | b"__")) {
        return None;
    }
    let mut tail = &bytes[end + 2..];
    let spaces = |t: &mut &[u8]| {
        while let [b' ', more @ ..] = *t {
            *t = more;
        }
    };
    spaces(&mut tail);
    if let [b':', more @ ..] = tail {
        tail = more;
    }
    spaces(&mut tail);
    matches!(tail, [] | [b'\r']).then_some(title)
}

fn headings(posting: &Posting) -> Vec<Heading> {
    let text = posting.text();
    let sections = posting.sections();
    let mut out: Vec<Heading> = sections
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let end = sections[i + 1..]
                .iter()
                .find(|n| n.level <= s.level)
                .map_or(text.len(), |n| n.heading.start);
            Heading {
                title: s.title.clone(),
                level: s.level,
                offset: s.heading.start,
                scope: s.body.start..end,
                kind: None,
            }
        })
        .collect();
    // Bold lines in paragraphs of the body (not code: a prose block must start there). The
    // title of a match starts a prose block, so only lines where one starts right after
    // ` {0,3}**` or ` {0,3}__` are tried, not the whole body.
    let body_start = posting.preamble().start;
    let bytes = text.as_bytes();
    let mut bold = Vec::new();
    let mut prev = None;
    for block in posting.prose_blocks() {
        let inner = block[0].start;
        if inner < body_start + 2 || prev == Some(inner) {
            continue;
        }
        prev = Some(inner);
        // The marks right before it first (most blocks have none): no search for the line.
        if !matches!(&bytes[inner - 2..inner], b"**" | b"__") {
            continue;
        }
        let line_start = memchr::memrchr(b'\n', &bytes[body_start..inner])
            .map_or(body_start, |i| body_start + i + 1);
        let spaces = &bytes[line_start..inner - 2];
        if spaces.len() > 3 || spaces.iter().any(|&b| b != b' ') {
            continue;
        }
        let line_end = memchr::memchr(b'\n', &bytes[inner..]).map_or(text.len(), |i| inner + i);
        let Some(title) = bold_title(&text[inner..line_end]) else {
            continue;
        };
        bold.push((line_start, title.trim().trim_end_matches(':')));
    }
    for (i, (at, title)) in bold.iter().enumerate() {
        // Sections are in file order: the first one after the bold line, by binary search.
        let next_heading = sections
            .get(sections.partition_point(|s| s.heading.start <= *at))
            .map_or(text.len(), |s| s.heading.start);
        let next_bold = bold.get(i + 1).map_or(text.len(), |b| b.0);
        out.push(Heading {
            title: (*title).into(),
            level: 7,
            offset: *at,
            scope: *at..next_heading.min(next_bold),
            kind: None,
        });
    }
    out.sort_by_key(|h| h.offset);
    out
}

/// Whether `phrase` (words, `*` = one or more words) occurs in `title` as whole words.
fn phrase_in<S: AsRef<str>>(phrase: &[String], title: &[S]) -> bool {
    (0..title.len()).any(|i| phrase_at(phrase, &title[i..]))
}

/// Whether `phrase` (words, `*` = one or more words) starts `title`.
fn phrase_at<S: AsRef<str>>(phrase: &[String], title: &[S]) -> bool {
    match phrase.split_first() {
        None => true,
        Some((w, rest)) if w == "*" => (1..=title.len()).any(|n| phrase_at(rest, &title[n..])),
        Some((w, rest)) => {
            title.first().is_some_and(|t| t.as_ref() == w) && phrase_at(rest, &title[1..])
        }
    }
}

/// The kind a heading is about: a phrase without a wildcard wins over one with. A phrase
/// in Japanese or Chinese script is found anywhere in the heading. (The reference for
/// [`HeadingIndex::classify`], which the review uses.)
#[cfg(test)]
fn classify(title: &str, kinds: &[SectionKind]) -> Option<usize> {
    let lower_title = heading_lower(title);
    let words: Vec<&str> = split_heading_words(&lower_title).collect();
    let lower = (!title.is_ascii()).then(|| title.to_lowercase());
    let plain = kinds.iter().position(|k| {
        (0..words.len()).any(|i| {
            k.by_first
                .get(words[i])
                .is_some_and(|ps| ps.iter().any(|&p| phrase_at(&k.words[p], &words[i..])))
        }) || lower.as_deref().is_some_and(|lower| {
            k.cjk
                .iter()
                .zip(&k.phrases)
                .any(|(&cjk, p)| cjk && lower.contains(p.trim()))
        })
    });
    plain.or_else(|| {
        kinds
            .iter()
            .position(|k| k.wild.iter().any(|&p| phrase_in(&k.words[p], &words)))
    })
}

/// Every kind's phrases without a wildcard or CJK script by first word, in one table: a
/// heading's word is looked up once, not once per kind.
#[derive(Debug, Default)]
pub(crate) struct HeadingIndex {
    /// (kind, phrase) by the phrase's first word.
    by_first: super::FxHashMap<String, Vec<(u32, u32)>>,
    /// Where the kinds it was made of and their phrases are, so a list replaced or
    /// reordered since is never read through a stale index.
    made_of: Vec<usize>,
    /// The last answers by title: postings use few heading titles ("About us",
    /// "Requirements"), and each costs many word lookups.
    answers: std::sync::Mutex<super::FxHashMap<Box<str>, Option<usize>>>,
}

/// Titles up to this many bytes have their kinds kept...
const KEPT_TITLE_BYTES: usize = 64;
/// ...and so many of them, forgotten all at once when full.
const KEPT_TITLES: usize = 256;

/// Where a list of kinds and each kind's phrases are.
fn whereabouts(kinds: &[SectionKind]) -> impl Iterator<Item = usize> + '_ {
    [kinds.as_ptr() as usize, kinds.len()].into_iter().chain(
        kinds
            .iter()
            .flat_map(|k| [k.words.as_ptr() as usize, k.words.len()]),
    )
}

impl HeadingIndex {
    fn new(kinds: &[SectionKind]) -> Self {
        let mut by_first: super::FxHashMap<String, Vec<(u32, u32)>> = Default::default();
        for (k, kind) in kinds.iter().enumerate() {
            for (first, ps) in &kind.by_first {
                let list = by_first.entry(first.clone()).or_default();
                list.extend(ps.iter().map(|&p| (k as u32, p as u32)));
            }
        }
        HeadingIndex {
            by_first,
            made_of: whereabouts(kinds).collect(),
            answers: Default::default(),
        }
    }

    /// [`HeadingIndex::classify`], its answer kept for the next heading with the title.
    fn classify_kept(&self, title: &str, kinds: &[SectionKind]) -> Option<usize> {
        if title.len() > KEPT_TITLE_BYTES {
            return self.classify(title, kinds);
        }
        let known = self.answers.lock().ok().and_then(|a| a.get(title).copied());
        if let Some(kind) = known {
            return kind;
        }
        let kind = self.classify(title, kinds);
        if let Ok(mut answers) = self.answers.lock() {
            if answers.len() >= KEPT_TITLES {
                answers.clear();
            }
            answers.insert(title.into(), kind);
        }
        kind
    }

    fn fits(&self, kinds: &[SectionKind]) -> bool {
        // [`whereabouts`] compared pair by pair, without its iterator (every posting asks).
        let [list, len, each @ ..] = self.made_of.as_slice() else {
            return false;
        };
        *list == kinds.as_ptr() as usize
            && *len == kinds.len()
            && each.len() == 2 * kinds.len()
            && kinds
                .iter()
                .zip(each.chunks_exact(2))
                .all(|(k, w)| w[0] == k.words.as_ptr() as usize && w[1] == k.words.len())
    }

    /// The kind a heading is about, as [`classify`] tells it.
    fn classify(&self, title: &str, kinds: &[SectionKind]) -> Option<usize> {
        // A usual heading is lowered on the stack (every heading is classified).
        let mut buf = [0u8; 128];
        let owned;
        let lower_title = if title.is_ascii() && title.len() <= buf.len() {
            let b = &mut buf[..title.len()];
            b.copy_from_slice(title.as_bytes());
            b.make_ascii_lowercase();
            std::str::from_utf8(b).unwrap_or_default()
        } else {
            owned = heading_lower(title);
            owned.as_str()
        };
        let words: smallvec::SmallVec<[&str; 12]> = if title.is_ascii() {
            ascii_heading_words(lower_title)
        } else {
            split_heading_words(lower_title).collect()
        };
        // The first kind with a plain phrase in the heading.
        let mut best = kinds.len();
        for i in 0..words.len() {
            let Some(list) = self.by_first.get(words[i]) else {
                continue;
            };
            for &(k, p) in list {
                let k = k as usize;
                if k < best && phrase_at(&kinds[k].words[p as usize], &words[i..]) {
                    best = k;
                }
            }
        }
        // Phrases in Japanese or Chinese script are searched in the lower-case title; an
        // ASCII title (most of them) cannot hold one.
        if !title.is_ascii() {
            let lower = title.to_lowercase();
            if let Some(k) = kinds[..best].iter().position(|k| {
                k.cjk
                    .iter()
                    .zip(&k.phrases)
                    .any(|(&cjk, p)| cjk && lower.contains(p.trim()))
            }) {
                best = k;
            }
        }
        if best < kinds.len() {
            return Some(best);
        }
        kinds
            .iter()
            .position(|k| k.wild.iter().any(|&p| phrase_in(&k.words[p], &words)))
    }
}

/// [`split_heading_words`] of an ASCII text, a byte at a time.
fn ascii_heading_words(lower: &str) -> smallvec::SmallVec<[&str; 12]> {
    let word_byte = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'\'' | b'-' | b'*');
    let edge = |b: u8| matches!(b, b'\'' | b'-');
    let b = lower.as_bytes();
    let mut words = smallvec::SmallVec::new();
    let mut i = 0;
    while i < b.len() {
        if !word_byte(b[i]) {
            i += 1;
            continue;
        }
        let mut start = i;
        while i < b.len() && word_byte(b[i]) {
            i += 1;
        }
        let mut end = i;
        while start < end && edge(b[start]) {
            start += 1;
        }
        while end > start && edge(b[end - 1]) {
            end -= 1;
        }
        if start < end {
            words.push(&lower[start..end]);
        }
    }
    words
}

/// A [`HeadingIndex`] made on first use; a copy of the rules makes its own (its kinds are
/// a new list).
#[derive(Debug, Default)]
pub(crate) struct HeadingCache(std::sync::OnceLock<HeadingIndex>);

impl Clone for HeadingCache {
    fn clone(&self) -> Self {
        HeadingCache::default()
    }
}

/// Sets each heading's `kind`.
fn classify_all(headings: &mut [Heading], rules: &super::Rules) {
    use rayon::prelude::*;
    let kinds = &rules.sections;
    let made;
    let index = match rules
        .heading_index
        .0
        .get_or_init(|| HeadingIndex::new(kinds))
    {
        index if index.fits(kinds) => index,
        _ => {
            made = HeadingIndex::new(kinds);
            &made
        }
    };
    // Thousands of headings (a huge posting): on every core.
    if headings.len() >= 1024 {
        headings
            .par_iter_mut()
            .for_each(|h| h.kind = index.classify(&h.title, kinds));
        return;
    }
    for h in headings {
        h.kind = index.classify_kept(&h.title, kinds);
    }
}

/// Up to `n` of a kind's phrases as examples: those of the posting's language when it has
/// some, else the first ones (English, or a team's own list).
fn quoted_list(kind: &SectionKind, language: Option<&str>, n: usize) -> String {
    let mut items: Vec<&String> = kind
        .phrases
        .iter()
        .zip(&kind.languages)
        .filter(|(_, l)| language.is_some_and(|c| *l == c))
        .map(|(p, _)| p)
        .collect();
    if items.is_empty() {
        items = kind.phrases.iter().collect();
    }
    let shown: Vec<String> = items
        .iter()
        .filter(|p| !p.contains('*'))
        .take(n)
        .map(|p| format!("\"{}\"", title_case(p)))
        .collect();
    match shown.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}

/// "about us" → "About us".
fn title_case(phrase: &str) -> String {
    let mut chars = phrase.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn missing_section(
    posting: &Posting,
    headings: &[Heading],
    language: &PostingLanguage,
    out: &mut Sink,
) {
    let at = posting.sections().first().map_or(0, |s| s.heading.start);
    let rules = out.rules;
    for (i, kind) in rules.sections.iter().enumerate() {
        if headings.iter().any(|h| h.kind == Some(i)) {
            continue;
        }
        out.add(
            RuleId::MissingSection,
            Severity::Error,
            at,
            format!(
                "no section about the {}: add a heading like {}; applicants look for it first",
                kind.name,
                quoted_list(kind, language.code.as_deref(), 3)
            ),
        );
    }
}

/// Whether front matter block `i` (key `key`) is about pay.
fn is_pay_key(key: &str, i: usize, labels: &facts::BlockLabels) -> bool {
    has_pay_word(key) || labels.head(i) & PAY != 0
}

/// Whether a key holds one of the words that make it about pay, read once (every front
/// matter key is asked).
fn has_pay_word(key: &str) -> bool {
    let b = key.as_bytes();
    (0..b.len()).any(|i| {
        let rest = &b[i..];
        match rest[0] {
            b'p' => rest.starts_with(b"pay"),
            b's' => rest.starts_with(b"salary") || rest.starts_with(b"stipend"),
            b'c' => rest.starts_with(b"compensation"),
            b'w' => rest.starts_with(b"wage"),
            _ => false,
        }
    })
}

fn pay_range(posting: &Posting, blocks: &[Block], marks: &Marks, out: &mut Sink) {
    if !out.rules.enabled(RuleId::PayRange) || out.job.states_pay() {
        return;
    }
    let text = posting.text();
    let ascii = text.is_ascii();
    let pay = &out.rules.lexicon.pay;
    let mut fm_numbers = 0;
    // Under a heading that is a pay label ("## Salary", "## 給与"), amounts are pay.
    let mut pay_heading = false;
    let mut digits = facts::Digits::new(text, ascii);
    for (i, b) in blocks.iter().enumerate() {
        let pay_key = b.origin == Origin::FrontMatter && is_pay_key(&b.key, i, &marks.labels);
        // A body block without a digit states no pay: not joined just to be told so.
        if b.origin != Origin::Heading
            && !pay_key
            && !b.ranges.iter().any(|r| digits.may_state_pay(r.clone()))
        {
            continue;
        }
        let joined = prose::joined_cow(text, b);
        if b.origin == Origin::Heading {
            pay_heading = marks.labels.head(i) & PAY != 0;
        }
        if pay.states_pay(
            &joined,
            pay_key || (pay_heading && b.origin == Origin::Body),
        ) {
            return;
        }
        if pay_key
            && joined
                .trim()
                .chars()
                .all(|c| c.is_ascii_digit() || ",._ $€£".contains(c))
        {
            fm_numbers += 1;
        }
    }
    if fm_numbers >= 2 {
        return;
    }
    const WHY: &str = "pay transparency laws (Colorado, New York City, California, Washington; EU Directive 2023/970) require one";
    let words = marks.words;
    let message = |said: &str| ["\"", said, "\" is not a pay range; ", WHY].concat();
    let said = |b: &Block, ws: &[Word], ms| {
        Some(match pay.vague(text, b, ws, ms, ascii)? {
            Vague::Words(i, n) => {
                let last = &ws[i + n - 1];
                let at = ws[i].start..last.start + last.text.len();
                // The words as said, one space between.
                let mut said = String::with_capacity(at.len());
                for w in &ws[i..i + n] {
                    if !said.is_empty() {
                        said.push(' ');
                    }
                    said.push_str(w.text);
                }
                (at, message(&said))
            }
            Vague::At(at) => (at.clone(), message(&text[at])),
        })
    };
    // An ASCII text has no phrase in Japanese or Chinese: only blocks with a marked word
    // can say something vague.
    let vague = if ascii {
        marks
            .get()
            .marked_blocks(words, VAGUE_PAY)
            .find_map(|(i, ws, ms)| said(&blocks[i], ws, ms))
    } else {
        let marked = blocks
            .iter()
            .zip(words)
            .zip(marks.get().blocks(words, VAGUE_PAY));
        marked.into_iter().find_map(|((b, ws), ms)| said(b, ws, ms))
    };
    match vague {
        Some((at, message)) => out.add(RuleId::PayRange, Severity::Warning, at, message),
        None => out.add(
            RuleId::PayRange,
            Severity::Warning,
            first_heading(posting),
            ["no pay range stated; ", WHY].concat(),
        ),
    }
}

pub(super) fn first_heading(posting: &Posting) -> usize {
    posting
        .sections()
        .first()
        .map_or(posting.preamble().start, |s| s.heading.start)
}

fn location(posting: &Posting, blocks: &[Block], marks: &Marks, out: &mut Sink) {
    if !out.rules.enabled(RuleId::Location) || out.job.states_location() {
        return;
    }
    if !marks.state(posting.text(), blocks, LOCATION) {
        out.add(
            RuleId::Location,
            Severity::Warning,
            first_heading(posting),
            "no location stated (a place, remote, hybrid or on-site); applicants filter by it first".into(),
        );
    }
}

fn employment_type(posting: &Posting, blocks: &[Block], marks: &Marks, out: &mut Sink) {
    if !out.rules.enabled(RuleId::EmploymentType) || out.job.states_employment_type() {
        return;
    }
    if !marks.state(posting.text(), blocks, EMPLOYMENT) {
        out.add(
            RuleId::EmploymentType,
            Severity::Warning,
            first_heading(posting),
            "no employment type stated (full-time, part-time, contract, internship...); applicants filter by it".into(),
        );
    }
}

fn length(posting: &Posting, blocks: &[Block], words: &[&[Word]], out: &mut Sink) {
    let n: usize = blocks
        .iter()
        .zip(words)
        .filter(|(b, _)| b.origin != Origin::FrontMatter)
        .map(|(_, ws)| ws.len())
        .sum();
    let message = if n < 300 {
        format!("the body has {n} words; under 300 rarely tells applicants enough to decide")
    } else if n > 750 {
        format!("the body has {n} words; over 750 and applicants stop reading before the end")
    } else {
        return;
    };
    out.add(
        RuleId::Length,
        Severity::Info,
        first_heading(posting),
        message,
    );
}

/// List items (`-`, `*`, `+`, `1.`, `1)`) in a range, outside fenced code.
fn bullets(text: &str) -> usize {
    let mut fence: Option<&str> = None;
    let mut n = 0;
    for line in text.lines() {
        let t = line.trim_start();
        if let Some(f) = fence {
            if t.starts_with(f) {
                fence = None;
            }
            continue;
        }
        if t.starts_with("```") {
            fence = Some("```");
            continue;
        }
        if t.starts_with("~~~") {
            fence = Some("~~~");
            continue;
        }
        let digits = t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let rest = &t[digits..];
        let item = if digits == 0 {
            (rest.starts_with("- ") || rest.starts_with("* ") || rest.starts_with("+ "))
                && rest.len() > 2
        } else {
            digits <= 9 && (rest.starts_with(". ") || rest.starts_with(") "))
        };
        if item && !rest[2..].trim().is_empty() {
            n += 1;
        }
    }
    n
}

fn requirements_count(posting: &Posting, headings: &[Heading], out: &mut Sink) {
    let Some(q) = out
        .rules
        .sections
        .iter()
        .position(|k| k.name == "qualifications")
    else {
        return;
    };
    let text = posting.text();
    let mut n = 0;
    let mut covered = 0;
    let mut first = None;
    for (i, h) in headings.iter().enumerate() {
        if h.kind != Some(q) || h.scope.start < covered {
            continue;
        }
        first.get_or_insert(h.offset);
        // Subsections about something else (a nested "Benefits") are not counted. Headings
        // are sorted by offset, so only those after this one and inside its scope are looked
        // at (one further away would end it at the scope's end anyway).
        let end = headings[i + 1..]
            .iter()
            .take_while(|o| o.offset < h.scope.end)
            .find(|o| {
                o.offset > h.offset && o.level > h.level && o.kind.is_some() && o.kind != Some(q)
            })
            .map_or(h.scope.end, |o| o.offset);
        n += bullets(&text[h.scope.start..end]);
        covered = h.scope.end;
    }
    if n > 12 {
        out.add(
            RuleId::RequirementsCount,
            Severity::Info,
            first.unwrap_or(0),
            format!(
                "{n} qualification bullets; long lists put off applicants who meet most but not all of them"
            ),
        );
    }
}

fn title_length(posting: &Posting, out: &mut Sink) {
    let from_fm = posting.front_matter().and_then(|fm| {
        let title = fm.title.as_ref()?;
        let yaml = &posting.text()[fm.yaml.clone()];
        let at = yaml
            .find("title:")
            .map_or(fm.yaml.start, |i| fm.yaml.start + i);
        Some((title.as_str(), at))
    });
    let title = from_fm.or_else(|| {
        posting
            .sections()
            .iter()
            .find(|s| s.level == 1)
            .map(|s| (&*s.title, s.heading.start))
    });
    let Some((title, at)) = title else {
        return;
    };
    let n = one_line(title).chars().count();
    if n > 80 {
        out.add(
            RuleId::TitleLength,
            Severity::Warning,
            at,
            format!("the title has {n} characters; job boards cut titles over 80"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::{Rules, review_with};

    fn states_pay(text: &str) -> bool {
        crate::review::lang::DEFAULT.pay.states_pay(text, false)
    }

    fn found(text: &str, rule: &str) -> Vec<(usize, usize, String)> {
        review_with("t.md".into(), &Posting::parse(text), &Rules::default())
            .findings
            .into_iter()
            .filter(|f| f.rule.as_str() == rule)
            .map(|f| (f.line, f.column, f.message))
            .collect()
    }

    const FULL: &str = "---\ntitle: T\ndescription: D\n---\n# About Acme\n\nWe bake.\n\n## What you'll do\n\nBake.\n\n## Requirements\n\n- Hands\n";

    #[test]
    fn sections_match_by_synonym() {
        assert!(found(FULL, "missing-section").is_empty());
        let t = "# About the role\n\nText.\n\n## Who we are\n\nUs.\n\n## About You\n\nYou.\n";
        assert!(
            found(t, "missing-section").is_empty(),
            "{:?}",
            found(t, "missing-section")
        );
        let t = "Intro.\n\n# About the role\n\nText.\n\n**Requirements:**\n\n- A\n";
        let f = found(t, "missing-section");
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!((f[0].0, f[0].1), (3, 1));
        assert!(f[0].2.starts_with("no section about the company: add a heading like \"About us\", \"About the company\" or \"About the team\""), "{}", f[0].2);
    }

    #[test]
    fn teams_replace_the_required_sections() {
        let sections = [("benefits".to_string(), vec!["perks".to_string()])].into();
        let rules = Rules::new(Default::default(), Some(&sections), &Default::default());
        let r = review_with("t.md".into(), &Posting::parse(FULL), &rules);
        let f: Vec<&str> = r
            .findings
            .iter()
            .filter(|f| f.rule == RuleId::MissingSection)
            .map(|f| f.message.as_str())
            .collect();
        assert_eq!(f.len(), 1);
        assert!(f[0].contains("benefits") && f[0].contains("\"Perks\""));
    }

    #[test]
    fn real_pay_ranges_are_recognised() {
        for t in [
            "$120,000 – $150,000",
            "€50k-60k",
            "£30,000 to £35,000 per year",
            "25–30 USD/hour",
            "$120k–$150k",
            "between $90,000 and $110,000",
            "Salary: 50,000 - 60,000",
            "$40 per hour",
            "CHF 100'000 – 120'000",
        ] {
            assert!(states_pay(t), "{t}");
        }
        for t in [
            "3-5 years of experience",
            "Monday to Friday, 9 to 5",
            "a competitive salary",
            "2020-2024",
            "ISO 27001 and SOC 2",
        ] {
            assert!(!states_pay(t), "{t}");
        }
    }

    #[test]
    fn pay_range_in_text_front_matter_or_placeholder() {
        assert!(found("# A\n\nWe pay **$120k** – **$150k** a year.\n", "pay-range").is_empty());
        assert!(found("---\nsalary: \"$120k–$150k\"\n---\n# A\n", "pay-range").is_empty());
        assert!(
            found(
                "---\nmin_payrange: 90000\nmax_payrange: 120000\n---\n# A\n",
                "pay-range"
            )
            .is_empty()
        );
        let f = found(
            "# A\n\nPay: [e.g. $120,000 – $150,000 per year].\n",
            "pay-range",
        );
        assert_eq!(f.len(), 1);
        assert!(
            f[0].2
                .starts_with("no pay range stated; pay transparency laws")
        );
        let f = found("# A\n\nB\n\nWe offer a competitive salary.\n", "pay-range");
        assert_eq!((f[0].0, f[0].1), (5, 12));
        assert!(
            f[0].2
                .starts_with("\"competitive salary\" is not a pay range"),
            "{}",
            f[0].2
        );
    }

    #[test]
    fn location_needs_a_real_value() {
        assert!(found("# A\n\n**Location**: Leeds, UK\n", "location").is_empty());
        assert!(found("---\nlocation: Oslo\n---\n# A\n", "location").is_empty());
        assert!(found("# A\n\nThis role is fully remote.\n", "location").is_empty());
        assert!(found("# A\n\nWe work on-site three days a week.\n", "location").is_empty());
        assert_eq!(
            found("# A\n\n**Location**: [Your City]\n", "location").len(),
            1
        );
        assert_eq!(
            found("---\nlocation: \"[City]\"\n---\n# A\n", "location").len(),
            1
        );
        assert_eq!(found("# A\n\nWe bake bread.\n", "location").len(), 1);
    }

    #[test]
    fn employment_type_words() {
        assert!(found("# A\n\nA full-time role.\n", "employment-type").is_empty());
        assert!(found("# A\n\nPart time, 20 hours.\n", "employment-type").is_empty());
        assert!(found("# A\n\nA 6-month internship.\n", "employment-type").is_empty());
        assert!(
            found(
                "---\nemployment_type: permanent\n---\n# A\n",
                "employment-type"
            )
            .is_empty()
        );
        assert_eq!(
            found("# A\n\nInternal tools.\n", "employment-type").len(),
            1
        );
    }

    #[test]
    fn length_and_requirements_and_title() {
        let short = found("# A\n\nShort.\n", "length");
        assert_eq!(
            short[0].2,
            "the body has 2 words; under 300 rarely tells applicants enough to decide"
        );
        let long = format!("# A\n\n{}\n", "word ".repeat(800));
        assert!(found(&long, "length")[0].2.contains("801 words; over 750"));
        assert!(found(&format!("# A\n\n{}\n", "word ".repeat(400)), "length").is_empty());

        let list = |n: usize| (0..n).map(|i| format!("- item {i}\n")).collect::<String>();
        let t = format!(
            "# Qualifications\n\n{}\n## Nice to have\n\n{}\n# Benefits\n\n{}",
            list(8),
            list(5),
            list(9)
        );
        let f = found(&t, "requirements-count");
        assert_eq!(f, [(1, 1, "13 qualification bullets; long lists put off applicants who meet most but not all of them".to_string())]);
        let t = format!("# Qualifications\n\n{}```\n- not\n```\n", list(12));
        assert!(found(&t, "requirements-count").is_empty());

        let long_title = "A".repeat(81);
        let f = found(
            &format!("---\ntitle: {long_title}\n---\n# X\n"),
            "title-length",
        );
        assert_eq!(
            f,
            [(
                2,
                1,
                "the title has 81 characters; job boards cut titles over 80".to_string()
            )]
        );
        assert!(
            found(
                &format!("---\ntitle: {}\n---\n# X\n", "A".repeat(80)),
                "title-length"
            )
            .is_empty()
        );
        assert_eq!(found(&format!("# {long_title}\n"), "title-length").len(), 1);
    }

    proptest::proptest! {
        #[test]
        fn the_heading_index_classifies_as_each_kind_does(
            title in "(About|about|the|The|Role|role|Us|us|Company|Who|we|are|What|you'll|do|Requirements|Skills|Nice|to|have|Über|uns|Aufgaben|Profil|Ihr|À|propos|会社概要|募集要項|仕事内容|必須|职位|About Acme|\\*\\*|:|-| |’|'|[a-zé]{1,6}){0,8}",
            long in proptest::bool::ANY,
        ) {
            let title = if long { title.repeat(12) } else { title };
            let default = Rules::default();
            let custom = Rules::new(
                Default::default(),
                Some(&[
                    ("b".to_string(), vec!["about us".to_string(), "role".to_string()]),
                    ("a".to_string(), vec!["about *".to_string(), "会社".to_string(), "we are".to_string()]),
                ].into()),
                &Default::default(),
            );
            for rules in [&default, &custom] {
                let kinds = &rules.sections;
                let index = HeadingIndex::new(kinds);
                proptest::prop_assert_eq!(index.classify(&title, kinds), classify(&title, kinds), "{}", title);
            }
        }
    }

    #[test]
    fn a_kept_heading_kind_is_the_classified_one() {
        let rules = Rules::default();
        let kinds = &rules.sections;
        let index = HeadingIndex::new(kinds);
        let titles = [
            "About us",
            "Requirements",
            "Why join us",
            "Über uns",
            "会社概要",
            "x",
        ];
        for _ in 0..2 {
            for t in titles {
                assert_eq!(index.classify_kept(t, kinds), classify(t, kinds), "{t}");
            }
        }
        // Full, the answers are forgotten and kept again; long titles are never kept.
        for i in 0..KEPT_TITLES + 3 {
            let t = format!("About {i}");
            assert_eq!(index.classify_kept(&t, kinds), classify(&t, kinds));
        }
        let long = "Requirements ".repeat(6);
        assert_eq!(index.classify_kept(&long, kinds), classify(&long, kinds));
        let answers = index.answers.lock().unwrap();
        assert!(answers.len() <= KEPT_TITLES && !answers.contains_key(long.as_str()));
    }

    #[test]
    fn a_heading_index_fits_only_the_lists_it_was_made_of() {
        let default = Rules::default();
        let kinds = &default.sections;
        let index = HeadingIndex::new(kinds);
        assert!(index.fits(kinds));
        assert!(index.made_of.iter().copied().eq(whereabouts(kinds)));
        let copy = kinds.clone();
        assert!(!index.fits(&copy));
        assert!(!index.fits(&kinds[1..]));
        assert!(!index.fits(&kinds[..kinds.len() - 1]));
        let mut one_changed = kinds.clone();
        let made = HeadingIndex::new(&one_changed);
        assert!(made.fits(&one_changed));
        one_changed[0].words = one_changed[0].words.clone();
        assert!(!made.fits(&one_changed));
        assert!(!HeadingIndex::default().fits(kinds));
    }

    proptest::proptest! {
        #[test]
        fn a_bold_title_is_what_the_pattern_captures(
            lead in "( {0,4})(\\*\\*|__|\\*_)",
            rest in "([a-zé:’ ]|Ü|\\*|_|\r|\t){0,70}",
        ) {
            let line = format!("{lead}{rest}");
            let expected = BOLD_LINE
                .captures(&line)
                .and_then(|c| c.get(1))
                .filter(|t| t.start() == lead.len())
                .map(|t| t.as_str());
            let leads = lead.len() <= 5 && !lead.ends_with("*_");
            let got = if leads { bold_title(&rest) } else { None };
            proptest::prop_assert_eq!(got, expected, "{:?}", line);
        }
    }

    proptest::proptest! {
        #[test]
        fn ascii_heading_words_are_the_heading_words(
            text in "[a-z0-9 '*:/().\\-_]{0,40}",
        ) {
            let expected: Vec<&str> = split_heading_words(&text).collect();
            proptest::prop_assert_eq!(ascii_heading_words(&text).to_vec(), expected);
        }

        #[test]
        fn pay_words_in_a_key_are_found_as_by_searching_for_each(
            key in "(pay|salary|compensation|wage|stipend|pa|sal|_|x|é|[a-z]{0,3}){0,5}",
        ) {
            let each = ["pay", "salary", "compensation", "wage", "stipend"]
                .iter()
                .any(|k| key.contains(k));
            proptest::prop_assert_eq!(has_pay_word(&key), each);
        }
    }

    #[test]
    fn a_copy_of_the_rules_classifies_with_its_own_index() {
        let rules = Rules::default();
        let headings = headings(&Posting::parse(
            "# About us\n\nA.\n\n## Requirements\n\n- B\n",
        ));
        let mut headings = headings;
        let kinds_by = |headings: &mut [Heading], rules: &Rules| {
            classify_all(headings, rules);
            headings.iter().map(|h| h.kind).collect::<Vec<_>>()
        };
        let kinds = kinds_by(&mut headings, &rules);
        let mut copy = rules.clone();
        assert_eq!(kinds_by(&mut headings, &copy), kinds);
        copy.sections.reverse();
        let reversed: Vec<_> = headings
            .iter()
            .map(|h| classify(&h.title, &copy.sections))
            .collect();
        assert_eq!(kinds_by(&mut headings, &copy), reversed);
        assert_ne!(reversed, kinds);
    }

    #[test]
    fn phrases_match_whole_words_with_wildcards() {
        let w = |s: &str| crate::review::words::heading_words(s);
        assert!(phrase_in(&w("about *"), &w("About Acme Corp")));
        assert!(!phrase_in(&w("about *"), &w("About")));
        assert!(phrase_in(
            &w("responsibilities"),
            &w("Key Responsibilities:")
        ));
        assert!(!phrase_in(&w("skills"), &w("Skillset")));
    }
}
