//! Finding the facts applicants filter by (employment type, location, pay) in any language of
//! the lexicon: word and phrase lists matched on a block's words, labels (`Standort: Berlin`,
//! `勤務地：東京`, a front matter key, a heading over the value), phrases in Japanese or
//! Chinese script matched anywhere in the text, and pay patterns built from each language's
//! range, period, unit and label words.

use aho_corasick::AhoCorasick;
use regex::Regex;

use super::prose::{self, Block, Origin, Word};
pub use super::words::is_cjk;
use super::words::{FactWords, PayWords, heading_words};
use super::{FxHashMap, FxHashSet};
use crate::posting::boundary::floor_char_boundary;

/// A label as the matchers compare it: lower-case words joined by one space.
pub fn label_key(label: &str) -> String {
    if !label.is_ascii() {
        return heading_words(&label.replace('_', " ")).join(" ");
    }
    // The same words without the allocations of `heading_words`: every line with a colon
    // and every heading is looked up, for each fact.
    let mut key = String::with_capacity(label.len());
    for w in ascii_label_words(label) {
        if !key.is_empty() {
            key.push(' ');
        }
        key.extend(w.chars().map(|c| c.to_ascii_lowercase()));
    }
    key
}

/// The words of an ASCII label as [`label_key`] joins them.
fn ascii_label_words(label: &str) -> impl Iterator<Item = &str> {
    label
        .split(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '\'' | '-' | '*')))
        .map(|w| w.trim_matches(['\'', '-']))
        .filter(|w| !w.is_empty())
}

/// A fact's label keys, with a filter on each key's length and first and last bytes: most
/// keys looked up (every heading and `Label:` line) are no label and cost no hash.
#[derive(Debug, Default)]
struct LabelSet {
    keys: FxHashSet<String>,
    /// A bit per [`LabelSet::bit`] of a key in `keys`.
    filter: [u64; 16],
}

impl LabelSet {
    /// The filter's bit for a key.
    fn bit(key: &[u8]) -> usize {
        let (first, last) = (key.first().copied(), key.last().copied());
        Self::bit_of(key.len(), first.unwrap_or(0), last.unwrap_or(0))
    }

    /// The filter's bit for a key of this length, first and last bytes.
    fn bit_of(len: usize, first: u8, last: u8) -> usize {
        let k = len as u32 | u32::from(first) << 8 | u32::from(last) << 16;
        (k.wrapping_mul(0x9e37_79b1) >> 22) as usize
    }

    /// Whether the filter has a key's bit.
    fn filtered(filter: &[u64; 16], key: &[u8]) -> bool {
        Self::has_bit(filter, Self::bit(key))
    }

    fn has_bit(filter: &[u64; 16], b: usize) -> bool {
        filter[b / 64] & (1 << (b % 64)) != 0
    }

    fn contains(&self, key: &str) -> bool {
        Self::filtered(&self.filter, key.as_bytes()) && self.keys.contains(key)
    }
}

impl FromIterator<String> for LabelSet {
    fn from_iter<I: IntoIterator<Item = String>>(keys: I) -> Self {
        let mut set = LabelSet::default();
        for k in keys {
            let b = Self::bit(k.as_bytes());
            set.filter[b / 64] |= 1 << (b % 64);
            set.keys.insert(k);
        }
        set
    }
}

/// Every fact's label keys in one table, each with the bits of the facts it is a label of
/// (a heading or `Label:` line is keyed once for all of them), filtered as [`LabelSet`].
#[derive(Debug, Default)]
pub struct LabelBits {
    keys: FxHashMap<Box<[u8]>, u8>,
    filter: [u64; 16],
}

impl LabelBits {
    /// The sets merged, each one's keys with its bits.
    fn new(sets: &[(&LabelSet, u8)]) -> Self {
        let mut table = LabelBits::default();
        for &(set, bits) in sets {
            for k in &set.keys {
                let b = LabelSet::bit(k.as_bytes());
                table.filter[b / 64] |= 1 << (b % 64);
                *table.keys.entry(k.as_bytes().into()).or_default() |= bits;
            }
        }
        table
    }

    /// The bits of a key (0: no label).
    fn get(&self, key: &[u8]) -> u8 {
        if !LabelSet::filtered(&self.filter, key) {
            return 0;
        }
        self.keys.get(key).copied().unwrap_or(0)
    }

    /// The bits of a label's [`label_key`].
    fn of(&self, label: &str) -> u8 {
        // Most labels looked up (headings, keys) are words and single spaces, their own key
        // but for case: the filter is asked from their ends before a key is built.
        if let Some(b) = plain_label_bit(label.as_bytes())
            && !LabelSet::has_bit(&self.filter, b)
        {
            return 0;
        }
        let mut buf = [0u8; 96];
        match ascii_label_key_bytes(label, &mut buf) {
            Some(k) => self.get(k),
            None => self.get(label_key(label).as_bytes()),
        }
    }
}

/// Whether `labels` holds a label's [`label_key`].
fn has_label(labels: &LabelSet, label: &str) -> bool {
    let mut buf = [0u8; 96];
    match ascii_label_key(label, &mut buf) {
        Some(k) => labels.contains(k),
        None => labels.contains(&label_key(label)),
    }
}

/// A short ASCII label's [`label_key`], built in `key` (headings and `Label:` lines are all
/// looked up); `None` for another label.
fn ascii_label_key<'k>(label: &str, key: &'k mut [u8; 96]) -> Option<&'k str> {
    std::str::from_utf8(ascii_label_key_bytes(label, key)?).ok()
}

/// What each ASCII byte is to a label's words: a letter or digit (or `*`), a `'` or `-` (part
/// of a word, trimmed from its ends), or a break.
static LABEL_BYTE: [u8; 128] = {
    let mut t = [LABEL_BREAK; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() || c == b'*' {
            t[b] = LABEL_CORE;
        } else if c == b'\'' || c == b'-' {
            t[b] = LABEL_EDGE;
        }
        b += 1;
    }
    t
};
const LABEL_BREAK: u8 = 0;
const LABEL_CORE: u8 = 1;
const LABEL_EDGE: u8 = 2;

/// The filter bit ([`LabelSet::bit`]) of the key of a label made of ASCII letters, digits
/// and `*` in words parted by single spaces (which is the label in lower case); `None` for
/// another label.
fn plain_label_bit(label: &[u8]) -> Option<usize> {
    let (&first, &last) = (label.first()?, label.last()?);
    let mut space = true;
    for &b in label {
        if b == b' ' {
            if space {
                return None;
            }
            space = true;
        } else if *LABEL_BYTE.get(usize::from(b))? == LABEL_CORE {
            space = false;
        } else {
            return None;
        }
    }
    (!space && label.len() <= 96).then(|| {
        LabelSet::bit_of(
            label.len(),
            first.to_ascii_lowercase(),
            last.to_ascii_lowercase(),
        )
    })
}

/// [`ascii_label_key`] as bytes (always ASCII), in one pass with no character decoding.
fn ascii_label_key_bytes<'k>(label: &str, key: &'k mut [u8; 96]) -> Option<&'k [u8]> {
    let bytes = label.as_bytes();
    if bytes.len() > key.len() {
        return None;
    }
    // Words and the single spaces between them are never longer than the label. Within a
    // word, edge bytes are kept only once a core byte follows them.
    let mut n = 0;
    // Where the word being built started in `key` (`None` between words), and where it
    // ends after its last core byte.
    let mut word: Option<usize> = None;
    let mut kept = 0;
    for &b in bytes {
        let class = *LABEL_BYTE.get(usize::from(b))?;
        match class {
            LABEL_CORE => {
                if word.is_none() {
                    if n > 0 {
                        key[n] = b' ';
                        n += 1;
                    }
                    word = Some(n);
                }
                key[n] = b.to_ascii_lowercase();
                n += 1;
                kept = n;
            }
            LABEL_EDGE => {
                // Leading edges are dropped; inner ones are kept (cut back if none follows).
                if word.is_some() {
                    key[n] = b;
                    n += 1;
                }
            }
            _ => {
                if word.take().is_some() {
                    n = kept;
                }
            }
        }
    }
    if word.is_some() {
        n = kept;
    }
    Some(&key[..n])
}

/// Phrases matched on a block's lower-case words; a last word ending in `*` matches any
/// ending. Indexed by first word, with a filter on the first three bytes so most words cost
/// one array read.
#[derive(Debug)]
pub struct PhraseIndex {
    phrases: Vec<(Vec<String>, bool)>,
    by_first: FxHashMap<String, Vec<u32>>,
    prefixed: Vec<u32>,
    /// A bit per [`key`]: whether a phrase's first word has it (8 KB, not 64, to stay in
    /// cache while every word of a posting is looked up).
    starts: Box<[u64; 1 << 10]>,
    /// A bit per [`word_key`] of the first words looked up whole (`by_first`'s), and per
    /// [`key`] `>> 4` of the stems (`prefixed`'s): a word with neither starts no phrase.
    exact: [u64; 64],
    stems: [u64; 64],
}

/// A 12-bit key of a whole word: its length and first, middle and last bytes.
fn word_key(word: &str) -> usize {
    let b = word.as_bytes();
    let (first, mid, last) = match b {
        [] => (0, 0, 0),
        _ => (b[0], b[b.len() / 2], b[b.len() - 1]),
    };
    let k = (b.len() as u32 & 0xff)
        | u32::from(first) << 8
        | u32::from(mid) << 16
        | u32::from(last) << 24;
    (k.wrapping_mul(0x9e37_79b1) >> 20) as usize
}

/// Sets bit `b` of a 4096-bit set.
fn set_bit(bits: &mut [u64; 64], b: usize) {
    bits[b / 64] |= 1 << (b % 64);
}

/// Bit `b` of a 4096-bit set (1 or 0).
fn bit(bits: &[u64; 64], b: usize) -> u8 {
    (bits[b / 64] >> (b % 64)) as u8 & 1
}

/// A 16-bit key of a word's first three bytes (of the whole word when shorter): every word
/// a phrase's first word matches, prefix stems of three bytes or more included, has its key.
fn key(word: &str) -> u16 {
    // The bytes and the length packed, then one multiply (every word of a posting is keyed;
    // most have three bytes or more, told apart by one test).
    let bytes = word.as_bytes();
    let k = if let [a, b, c, ..] = *bytes {
        3 | u32::from(a) << 8 | u32::from(b) << 16 | u32::from(c) << 24
    } else {
        match *bytes {
            [a] => 1 | u32::from(a) << 8,
            [a, b, ..] => 2 | u32::from(a) << 8 | u32::from(b) << 16,
            [] => 0,
        }
    };
    (k.wrapping_mul(0x9e37_79b1) >> 16) as u16
}

impl Default for PhraseIndex {
    fn default() -> Self {
        PhraseIndex {
            phrases: Vec::new(),
            by_first: FxHashMap::default(),
            prefixed: Vec::new(),
            starts: Box::new([0; 1 << 10]),
            exact: [0; 64],
            stems: [0; 64],
        }
    }
}

impl PhraseIndex {
    /// An index of the phrases not in Japanese or Chinese script.
    pub fn new<'a>(phrases: impl IntoIterator<Item = &'a String>) -> Self {
        let mut ix = PhraseIndex::default();
        for p in phrases {
            if is_cjk(p) {
                continue;
            }
            let prefix = p.trim_end().ends_with('*');
            let words = heading_words(p.trim_end().trim_end_matches('*'));
            let Some(first) = words.first() else {
                continue;
            };
            let i = ix.phrases.len() as u32;
            let k = usize::from(key(first));
            ix.starts[k / 64] |= 1 << (k % 64);
            // A stem under three bytes would slip past the filter: it matches whole words.
            if prefix && words.len() == 1 && first.len() >= 3 {
                // Every language lists "remote*": one stem is tried once.
                let known = ix
                    .prefixed
                    .iter()
                    .any(|&p| ix.phrases[p as usize].0 == words);
                if !known {
                    ix.prefixed.push(i);
                }
                set_bit(&mut ix.stems, usize::from(key(first) >> 4));
            } else {
                set_bit(&mut ix.exact, word_key(first));
                ix.by_first.entry(first.clone()).or_default().push(i);
            }
            ix.phrases.push((words, prefix));
        }
        ix
    }

    /// Whether a phrase's first word may be a word with this [`key`] (1 or 0).
    #[cfg(test)]
    fn may_start(&self, k: u16) -> u8 {
        (self.starts[usize::from(k / 64)] >> (k % 64)) as u8 & 1
    }

    /// The first phrase in `words`: the index of its first word and its length in words.
    #[cfg(test)]
    fn find(&self, words: &[Word]) -> Option<(usize, usize)> {
        (0..words.len())
            .filter(|&i| self.may_start(key(&words[i].lower)) == 1)
            .find_map(|i| self.at(words, i).map(|n| (i, n)))
    }

    /// [`PhraseIndex::find`] over a block's words marked for this list (in [`WordMarks`]).
    fn find_marked(&self, words: &[Word], marked: Marked) -> Option<(usize, usize)> {
        marked
            .indices()
            .find_map(|i| self.at(words, i).map(|n| (i, n)))
    }

    /// The length of a phrase that starts at `words[i]`, if one does (the word's key has
    /// passed the filter).
    fn at(&self, words: &[Word], i: usize) -> Option<usize> {
        let w = words[i].lower_str();
        let prefixed = self.prefixed.iter().any(|&p| {
            let (stem, _) = &self.phrases[p as usize];
            w.starts_with(stem[0].as_str())
        });
        if prefixed {
            return Some(1);
        }
        self.by_first.get(w)?.iter().find_map(|&p| {
            let (pw, prefix) = &self.phrases[p as usize];
            let fits = words.len() >= i + pw.len()
                && pw.iter().enumerate().all(|(k, x)| {
                    let y = words[i + k].lower.as_ref();
                    y == x || (*prefix && k == pw.len() - 1 && y.starts_with(x.as_str()))
                });
            fits.then_some(pw.len())
        })
    }
}

/// Which of three phrase lists (a bit per list, in the order given) may have a phrase
/// starting at a word with each [`key`]: one read per word instead of one per list.
#[derive(Debug)]
pub struct MarkTable {
    /// By [`key`].
    first: Box<[u8; 1 << 16]>,
    /// The lists whose first words looked up whole have a [`word_key`], and whose stems
    /// have a [`key`] `>> 4`: of a word with a mark in `first`, those it keeps.
    exact: Box<[u8; 1 << 12]>,
    stems: Box<[u8; 1 << 12]>,
}

impl MarkTable {
    pub fn new([a, b, c]: [&PhraseIndex; 3]) -> Self {
        // Only the set bits of each list's filter are visited.
        let mut marks = vec![0u8; 1 << 16];
        for (j, list) in [a, b, c].into_iter().enumerate() {
            for (w, &bits) in list.starts.iter().enumerate() {
                let mut rest = bits;
                while rest != 0 {
                    marks[w * 64 + rest.trailing_zeros() as usize] |= 1 << j;
                    rest &= rest - 1;
                }
            }
        }
        let per_list = |f: fn(&PhraseIndex) -> &[u64; 64]| -> Box<[u8; 1 << 12]> {
            let bits: Vec<u8> = (0..1 << 12)
                .map(|k| bit(f(a), k) | bit(f(b), k) << 1 | bit(f(c), k) << 2)
                .collect();
            bits.into_boxed_slice().try_into().expect("a mark per key")
        };
        MarkTable {
            first: marks.into_boxed_slice().try_into().expect("a mark per key"),
            exact: per_list(|ix| &ix.exact),
            stems: per_list(|ix| &ix.stems),
        }
    }

    /// The lists a phrase of which may start at a word.
    fn marks(&self, word: &str) -> u8 {
        let k = key(word);
        let mark = self.first[usize::from(k)];
        if mark == 0 {
            return 0;
        }
        // A word one of whose lists may start there on its first bytes (one in four): of
        // those lists, the ones with that word whole or with a stem it may start with.
        mark & (self.exact[word_key(word)] | self.stems[usize::from(k >> 4)])
    }
}

/// Which words of a posting may start a phrase of each of three lists (in the order of its
/// [`MarkTable`]): every word is keyed once for all the lists, and a list's search looks
/// only at its marked words.
#[derive(Debug)]
pub struct WordMarks {
    /// Per list: the posting-wide indices of its marked words, in order (few words are).
    marked: [Vec<u32>; 3],
    /// The posting-wide index of each block's first word, then the number of words.
    starts: Vec<u32>,
}

/// A block's words marked for one list: posting-wide indices, and the block's first one.
#[derive(Debug, Clone, Copy)]
pub struct Marked<'a> {
    indices: &'a [u32],
    first: u32,
}

impl Marked<'_> {
    /// The indices in the block of its marked words.
    fn indices(self) -> impl Iterator<Item = usize> {
        self.indices.iter().map(move |&i| (i - self.first) as usize)
    }
}

impl WordMarks {
    /// The marks of a posting's words (its blocks' words, in order).
    pub fn new(words: &[&[Word]], table: &MarkTable) -> Self {
        // About one word in four is marked for some list: grown once, if at all.
        let total: usize = words.iter().map(|ws| ws.len()).sum();
        let mut marked: [Vec<u32>; 3] = std::array::from_fn(|_| Vec::with_capacity(total / 4));
        let mut starts = Vec::with_capacity(words.len() + 1);
        let mut n = 0u32;
        for ws in words {
            starts.push(n);
            for w in ws.iter() {
                let mark = table.marks(w.lower_str());
                if mark != 0 {
                    for (j, list) in marked.iter_mut().enumerate() {
                        if mark >> j & 1 != 0 {
                            list.push(n);
                        }
                    }
                }
                n += 1;
            }
        }
        starts.push(n);
        WordMarks { marked, starts }
    }

    /// The blocks with words marked for the list of `bit` (1, 2 or 4), in order: their
    /// index, words and marked words (the blocks of [`WordMarks::blocks`] that have some).
    /// `words` are those the marks were made of. From each marked word straight to its
    /// block: most blocks have none, and are not visited.
    pub fn marked_blocks<'a, 'w>(
        &'a self,
        words: &'a [&'a [Word<'w>]],
        bit: u8,
    ) -> impl Iterator<Item = (usize, &'a [Word<'w>], Marked<'a>)> + 'a {
        let mut rest = self.marked[bit.trailing_zeros() as usize % 3].as_slice();
        let starts = self.starts.as_slice();
        let mut b = 0;
        std::iter::from_fn(move || {
            let &m = rest.first()?;
            // The last block starting at or before the word holds it (an empty block starts
            // where the next one does); the final start is the word count, past every word.
            b += starts[b..].partition_point(|&s| s <= m) - 1;
            let (first, end) = (starts[b], starts[b + 1]);
            let n = rest.partition_point(|&i| i < end);
            let (indices, after) = rest.split_at(n);
            rest = after;
            Some((b, words[b], Marked { indices, first }))
        })
    }

    /// Each block's words marked for the list of `bit` (1, 2 or 4), block by block.
    pub fn blocks<'a>(
        &'a self,
        words: &'a [&[Word]],
        bit: u8,
    ) -> impl Iterator<Item = Marked<'a>> + 'a {
        let mut rest = self.marked[bit.trailing_zeros() as usize % 3].as_slice();
        let mut first = 0u32;
        words.iter().map(move |ws| {
            let end = first + ws.len() as u32;
            let n = rest.iter().take_while(|&&i| i < end).count();
            let (indices, after) = rest.split_at(n);
            rest = after;
            let block = Marked { indices, first };
            first = end;
            block
        })
    }
}

/// Phrases in Japanese or Chinese script, found anywhere in a text; their automaton is
/// built when a text first needs it (an ASCII text never does).
#[derive(Debug, Default)]
pub struct Substrings {
    phrases: Vec<String>,
    automaton: std::sync::OnceLock<Option<AhoCorasick>>,
}

impl Substrings {
    fn new<'a>(phrases: impl IntoIterator<Item = &'a String>) -> Self {
        Substrings {
            phrases: phrases
                .into_iter()
                .map(|p| p.trim())
                .filter(|p| is_cjk(p))
                .map(String::from)
                .collect(),
            automaton: std::sync::OnceLock::new(),
        }
    }

    /// The byte range (in the text) of the first phrase in a block's pieces.
    fn find(&self, text: &str, block: &Block) -> Option<std::ops::Range<usize>> {
        if self.phrases.is_empty() {
            return None;
        }
        let ac = self
            .automaton
            .get_or_init(|| AhoCorasick::new(&self.phrases).ok())
            .as_ref()?;
        block.ranges.iter().find_map(|r| {
            let piece = &text[r.clone()];
            if piece.is_ascii() {
                return None;
            }
            ac.find(piece)
                .map(|m| r.start + m.start()..r.start + m.end())
        })
    }
}

/// One fact's words in every language.
#[derive(Debug, Default)]
pub struct FactMatcher {
    labels: LabelSet,
    words: PhraseIndex,
    cjk: Substrings,
}

impl FactMatcher {
    /// The lists of every language, merged.
    pub fn new<'a>(lists: impl Iterator<Item = &'a FactWords> + Clone) -> Self {
        FactMatcher {
            labels: lists
                .clone()
                .flat_map(|l| &l.labels)
                .map(|l| label_key(l))
                .filter(|l| !l.is_empty())
                .collect(),
            words: PhraseIndex::new(lists.clone().flat_map(|l| &l.words)),
            cjk: Substrings::new(lists.flat_map(|l| &l.words)),
        }
    }

    /// Whether a label (as written) is one of this fact's.
    pub fn is_label(&self, label: &str) -> bool {
        has_label(&self.labels, label)
    }

    /// Its phrases, for [`WordMarks`].
    pub fn phrases(&self) -> &PhraseIndex {
        &self.words
    }

    /// Where a block's words (marked for this fact by `bit`) state the fact, if they do.
    /// (An ASCII text asks its marked words alone: it has no phrase in Japanese or Chinese.)
    fn says(&self, text: &str, block: &Block, words: &[Word], marked: Marked) -> Option<usize> {
        self.words
            .find_marked(words, marked)
            .map(|(i, _)| words[i].start)
            .or_else(|| self.cjk.find(text, block).map(|r| r.start))
    }
}

/// `Label: value` (also `Label：value` and `【Label】value`) → (label, value).
fn label_value(line: &str) -> Option<(&str, &str)> {
    if let Some(rest) = line.trim_start().strip_prefix('【') {
        return rest.split_once('】');
    }
    let i = line.find([':', '：'])?;
    let colon = line[i..].chars().next().map_or(1, char::len_utf8);
    Some((&line[..i], &line[i + colon..]))
}

/// The bits (in `labels`) of the labels of a block's `Label: value` lines whose value
/// (placeholders cut out) has a letter or digit.
fn labelled(text: &str, block: &Block, labels: &LabelBits) -> u8 {
    // ':' or the lead byte of '：' (EF) or '【' (E3) first: a memchr, not a char search.
    let has_mark = |r: &std::ops::Range<usize>| {
        let s = &text[r.clone()];
        memchr::memchr3(b':', 0xEF, 0xE3, s.as_bytes()).is_some() && s.contains([':', '：', '【'])
    };
    if !block.ranges.iter().any(has_mark) {
        return 0;
    }
    line_labels(text, block, labels)
}

/// [`labelled`] of a block with a mark.
fn line_labels(text: &str, block: &Block, labels: &LabelBits) -> u8 {
    prose::with_joined(text, block, |joined| {
        let mut bits = 0;
        for line in joined.lines() {
            if let Some((label, value)) = label_value(line) {
                let b = labels.of(label);
                if b & !bits != 0 && value.chars().any(char::is_alphanumeric) {
                    bits |= b;
                }
            }
        }
        bits
    })
}

/// Which facts' labels a posting's blocks have, each block found when a rule first asks: a
/// heading, front matter key or `Label:` line is keyed once for every fact.
pub struct BlockLabels<'a> {
    text: &'a str,
    blocks: &'a [Block],
    labels: &'a LabelBits,
    ascii: bool,
    /// How many blocks (from the first) [`BlockLabels::walk_colons`] has told apart, once it
    /// has: those of them still without `lines` have a `:`.
    walked: std::cell::Cell<Option<usize>>,
    /// Per block: its bits, each found when first asked (one list, not one per kind).
    found: Vec<FoundBits>,
}

/// A block's bits in [`BlockLabels`], `None` until found.
#[derive(Clone, Default)]
struct FoundBits {
    /// Of its heading or front matter key.
    head: std::cell::Cell<Option<u8>>,
    /// Of its `Label: value` lines.
    lines: std::cell::Cell<Option<u8>>,
}

impl<'a> BlockLabels<'a> {
    /// `labels`: every fact's, from [`PayMatcher::all_labels`].
    pub fn new(text: &'a str, blocks: &'a [Block], labels: &'a LabelBits) -> Self {
        BlockLabels {
            text,
            blocks,
            labels,
            ascii: text.is_ascii(),
            walked: std::cell::Cell::new(None),
            found: vec![FoundBits::default(); blocks.len()],
        }
    }

    /// The bits of block `i`'s heading or front matter key (0 for other blocks).
    pub fn head(&self, i: usize) -> u8 {
        if let Some(bits) = self.found[i].head.get() {
            return bits;
        }
        let b = &self.blocks[i];
        let bits = match b.origin {
            Origin::FrontMatter => self.labels.of(&b.key),
            Origin::Heading => self.labels.of(&prose::joined_cow(self.text, b)),
            Origin::Body => 0,
        };
        self.found[i].head.set(Some(bits));
        bits
    }

    /// The bits of block `i`'s `Label: value` lines.
    fn lines(&self, i: usize) -> u8 {
        if let Some(bits) = self.found[i].lines.get() {
            return bits;
        }
        let walked = match self.walked.get() {
            Some(n) => n,
            None => {
                let n = self.walk_colons();
                self.walked.set(Some(n));
                if let Some(bits) = self.found[i].lines.get() {
                    return bits;
                }
                n
            }
        };
        let block = &self.blocks[i];
        let bits = if i < walked {
            line_labels(self.text, block, self.labels)
        } else {
            labelled(self.text, block, self.labels)
        };
        self.found[i].lines.set(Some(bits));
        bits
    }

    /// In an ASCII text (whose only mark is `:`), sets the `lines` of the blocks without a
    /// colon to none, from one walk of the text's colons beside the blocks' ranges rather
    /// than a search per block; returns how many blocks it told apart (it stops at a range
    /// out of text order, which the blocks never have; 0 for another text).
    fn walk_colons(&self) -> usize {
        if !self.ascii {
            return 0;
        }
        let mut colons = memchr::memchr_iter(b':', self.text.as_bytes());
        // The first colon at or after the range's start.
        let mut next = colons.next().unwrap_or(usize::MAX);
        let mut end = 0;
        for (i, b) in self.blocks.iter().enumerate() {
            let mut colon = false;
            for r in b.ranges.iter() {
                if r.start < end {
                    return i;
                }
                end = r.end;
                while next < r.start {
                    next = colons.next().unwrap_or(usize::MAX);
                }
                colon |= next < r.end;
            }
            if !colon {
                self.found[i].lines.set(Some(0));
            }
        }
        self.blocks.len()
    }
}

/// Whether the posting states a fact: a front matter key that is one of its labels, a
/// `Label: value` line, a heading that is a label with prose under it, or one of its words
/// (its phrases' marks have `bit`).
pub fn stated(
    text: &str,
    blocks: &[Block],
    words: &[&[Word]],
    (marks, bit): (&WordMarks, u8),
    fact: &FactMatcher,
    labels: &BlockLabels,
) -> bool {
    // Labels first, then words: which is found first changes nothing but the cost.
    let mut under_label = false;
    for (i, (b, ws)) in blocks.iter().zip(words).enumerate() {
        let labelled = match b.origin {
            Origin::FrontMatter => !ws.is_empty() && labels.head(i) & bit != 0,
            Origin::Heading => {
                under_label = labels.head(i) & bit != 0;
                false
            }
            Origin::Body => under_label && !ws.is_empty(),
        };
        if labelled || labels.lines(i) & bit != 0 {
            return true;
        }
    }
    if !labels.ascii {
        let marked = blocks.iter().zip(words).zip(marks.blocks(words, bit));
        return marked
            .into_iter()
            .any(|((b, ws), ms)| fact.says(text, b, ws, ms).is_some());
    }
    // An ASCII text has no phrase in Japanese or Chinese: only blocks with a marked word
    // are tried.
    marks
        .marked_blocks(words, bit)
        .any(|(_, ws, ms)| fact.words.find_marked(ws, ms).is_some())
}

#[derive(Debug)]
struct PayPatterns {
    range: Regex,
    fixed: Regex,
    /// Compiled when first needed (a range without a currency or period, or no range): many
    /// runs never need them.
    amount: LazyRegex,
    context: LazyRegex,
}

impl PayPatterns {
    fn compile(sources: &[String; 4]) -> Self {
        let [range, fixed, amount, context] = sources;
        PayPatterns {
            range: Regex::new(range).expect("pay pattern"),
            fixed: Regex::new(fixed).expect("pay pattern"),
            amount: LazyRegex(amount.clone(), std::sync::OnceLock::new()),
            context: LazyRegex(context.clone(), std::sync::OnceLock::new()),
        }
    }
}

/// A pattern's source, compiled on first use.
#[derive(Debug)]
struct LazyRegex(String, std::sync::OnceLock<Regex>);

impl LazyRegex {
    fn get(&self) -> &Regex {
        self.1
            .get_or_init(|| Regex::new(&self.0).expect("pay pattern"))
    }
}

/// Pay patterns for every language: an amount is a number with thousands separators, a
/// currency sign or code before or after, and a unit ("k", "万"); a range is two amounts
/// with a dash, tilde or a range word between.
#[derive(Debug)]
pub struct PayMatcher {
    /// The patterns' sources: compiling them costs as much as a few hundred reviews, so it
    /// waits for the first text with a digit (never before the editor's first frame).
    sources: [String; 4],
    compiled: std::sync::OnceLock<PayPatterns>,
    /// The same patterns for ASCII texts (most of them): without the words, signs and
    /// classes that only match other characters, they compile and run for a fraction of
    /// the cost. `None` when a word could match ASCII text through Unicode case folding.
    ascii_sources: Option<[String; 4]>,
    ascii: std::sync::OnceLock<PayPatterns>,
    /// Whether no unit or range word has an ASCII digit: two numbers of a range are then
    /// two runs of digits in an ASCII text.
    digit_free: bool,
    labels: LabelSet,
    /// Every fact's labels, for [`BlockLabels`]: see [`PayMatcher::all_labels`].
    all_labels: std::sync::OnceLock<LabelBits>,
    /// The phrase lists' marks, for [`WordMarks`]: see [`PayMatcher::mark_table`].
    mark_table: std::sync::OnceLock<MarkTable>,
    vague: PhraseIndex,
    vague_cjk: Substrings,
    /// The last answers of the patterns, by pay context and text: the editor reviews a
    /// posting again at each change, and postings from one template repeat their pay
    /// lines, where an answer costs thousands of instructions.
    answers: std::sync::Mutex<[FxHashMap<Box<str>, bool>; 2]>,
}

/// Texts up to this many bytes have their pay answers kept...
const ANSWERED_BYTES: usize = 256;
/// ...and so many of them for each context, forgotten all at once when full.
const ANSWERS: usize = 512;

/// The currency codes of [`currency`], in upper case.
const CURRENCY_CODES: [&str; 25] = [
    "USD", "EUR", "GBP", "CAD", "AUD", "NZD", "CHF", "SEK", "NOK", "DKK", "PLN", "CZK", "HUF",
    "INR", "JPY", "CNY", "RMB", "SGD", "HKD", "ZAR", "BRL", "MXN", "ILS", "KRW", "TWD",
];

/// A currency sign or code; `ascii`: only the alternatives an ASCII text can hold, in lower
/// case.
fn currency(ascii: bool) -> String {
    let codes = CURRENCY_CODES.join("|");
    if ascii {
        let codes = codes.to_ascii_lowercase();
        format!(r"(?:\$|r\$|(?:us|ca|au|nz|hk|s|c|a)\$|(?-u:\b)(?:{codes})(?-u:\b))")
    } else {
        format!(
            r"(?:[$€£¥₹₩₪₽₺฿₫₴]|R\$|(?:US|CA|AU|NZ|HK|S|C|A)\$|(?-u:\b)(?:{codes})(?-u:\b)|円|元|人民币)"
        )
    }
}

const NUMBER: &str = r"(?:\d{1,3}(?:[,.\u{a0}\u{202f}' ]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d+)?)";
/// [`NUMBER`] as it matches in an ASCII text.
const ASCII_NUMBER: &str = r"(?:\d{1,3}(?:[,.' ]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d+)?)";
/// Dashes, tildes and wave dashes between two amounts, in every language.
const RANGE_MARKS: &str = r"-|–|—|−|~|〜|～";
/// [`RANGE_MARKS`] that an ASCII text can hold.
const ASCII_RANGE_MARKS: &str = r"-|~";

/// Alternatives for a list of words: longest first, spaces as runs of white space, a `/`
/// followed by optional space, and ASCII word boundaries at ends that are ASCII letters
/// (not before a unit, which follows its number: "50k"). `ascii`: only the ASCII words, in
/// lower case (for patterns matched on a lower-case copy of an ASCII text).
fn alternatives<'a>(words: impl IntoIterator<Item = &'a String>, ascii: bool) -> String {
    alternatives_with(words, true, ascii)
}

fn alternatives_with<'a>(
    words: impl IntoIterator<Item = &'a String>,
    lead: bool,
    ascii: bool,
) -> String {
    let mut ws: Vec<&str> = words
        .into_iter()
        .map(|w| w.trim())
        .filter(|w| !w.is_empty() && (!ascii || w.is_ascii()))
        .collect();
    ws.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    ws.dedup();
    let alts: Vec<String> = ws
        .iter()
        .map(|w| {
            let lower = ascii.then(|| w.to_ascii_lowercase());
            let body = lower
                .as_deref()
                .unwrap_or(w)
                .split_whitespace()
                .map(|part| regex::escape(part).replace('/', r"/\s*"))
                .collect::<Vec<_>>()
                .join(r"\s+");
            let edge = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
            format!(
                "{}{body}{}",
                if lead && edge(w.chars().next()) {
                    r"(?-u:\b)"
                } else {
                    ""
                },
                if edge(w.chars().last()) {
                    r"(?-u:\b)"
                } else {
                    ""
                }
            )
        })
        .collect();
    if alts.is_empty() {
        // Matches nothing.
        r"[^\s\S]".to_string()
    } else {
        alts.join("|")
    }
}

/// Whether a character matches an ASCII letter under Unicode case folding (`ſ` an `s`, the
/// Kelvin sign a `k`): a word with one is not left out of the ASCII patterns.
fn folds_to_ascii(c: char) -> bool {
    matches!(c, '\u{17f}' | '\u{212a}')
}

/// The sources of the range, fixed, amount and context patterns; `ascii`: as they match
/// the lower-case copy of an ASCII text (ASCII classes, lower-case words without the
/// `i` flag, and without the words that have other characters, which never match there).
fn pay_sources<'a>(lists: impl Iterator<Item = &'a PayWords> + Clone, ascii: bool) -> [String; 4] {
    let all = |f: fn(&'a PayWords) -> &'a Vec<String>| lists.clone().flat_map(f);
    let units = alternatives_with(all(|p| &p.units), false, ascii);
    let ranges = alternatives(all(|p| &p.ranges), ascii);
    let gross = alternatives(all(|p| &p.gross), ascii);
    let periods = alternatives(all(|p| &p.periods), ascii);
    let (flags, number, marks) = if ascii {
        ("(?-u)", ASCII_NUMBER, ASCII_RANGE_MARKS)
    } else {
        ("(?i)", NUMBER, RANGE_MARKS)
    };
    let currency = currency(ascii);
    let period = format!(r"(?:(?:\s*(?:{gross})\.?)?\s*(?:{periods}))");
    let unit = format!(r"(?:\s?(?:{units}))");
    let range = format!(
        r"{flags}(?P<c1>{currency})?\s?{number}{unit}?\s?(?P<c2>{currency})?\s*(?:{marks}|{ranges})\s*(?P<c3>{currency})?\s?{number}{unit}?\s?(?P<c4>{currency})?(?P<period>{period})?"
    );
    let amount = format!(r"(?:{currency}\s?{number}{unit}?|{number}{unit}?\s?{currency})");
    let fixed = format!(r"{flags}{amount}{period}");
    let amount = format!(r"{flags}{amount}");
    let context = format!(r"{flags}{}", alternatives(all(|p| &p.labels), ascii));
    [range, fixed, amount, context]
}

impl PayMatcher {
    /// The pay words of every language, merged.
    pub fn new<'a>(lists: impl Iterator<Item = &'a PayWords> + Clone) -> Self {
        let all = |f: fn(&'a PayWords) -> &'a Vec<String>| lists.clone().flat_map(f);
        let folding = lists
            .clone()
            .flat_map(|p| [&p.labels, &p.ranges, &p.gross, &p.periods, &p.units])
            .flatten()
            .any(|w| w.chars().any(folds_to_ascii));
        let digit_free = all(|p| &p.units)
            .chain(all(|p| &p.ranges))
            .all(|w| !w.bytes().any(|b| b.is_ascii_digit()));
        PayMatcher {
            sources: pay_sources(lists.clone(), false),
            compiled: std::sync::OnceLock::new(),
            ascii_sources: (!folding).then(|| pay_sources(lists.clone(), true)),
            ascii: std::sync::OnceLock::new(),
            digit_free,
            labels: all(|p| &p.labels).map(|l| label_key(l)).collect(),
            all_labels: std::sync::OnceLock::new(),
            mark_table: std::sync::OnceLock::new(),
            vague: PhraseIndex::new(all(|p| &p.vague)),
            vague_cjk: Substrings::new(all(|p| &p.vague)),
            answers: Default::default(),
        }
    }

    /// Compiles the patterns ASCII texts use now (a worker does it while `check` walks the
    /// folders); the others wait for a text that needs them.
    pub fn compile(&self) {
        self.patterns(true);
    }

    /// The patterns for a text: the ASCII ones when it is ASCII and they exist.
    fn patterns(&self, ascii: bool) -> &PayPatterns {
        match &self.ascii_sources {
            Some(sources) if ascii => self.ascii.get_or_init(|| PayPatterns::compile(sources)),
            _ => self
                .compiled
                .get_or_init(|| PayPatterns::compile(&self.sources)),
        }
    }

    /// Whether a label or front matter key is about pay.
    pub fn is_label(&self, label: &str) -> bool {
        has_label(&self.labels, label)
    }

    /// Whether a text states pay: a range with a currency, a period or a pay label shortly
    /// before it (or `pay_context`: a pay key or heading above it); one amount with a
    /// currency and a period; or one amount with a currency right after a pay label
    /// ("Salary: $120k+", "年収600万円〜").
    pub fn states_pay(&self, text: &str, pay_context: bool) -> bool {
        // Most prose blocks are answered without running a regex.
        if !may_state_pay(text) {
            return false;
        }
        if text.len() > ANSWERED_BYTES {
            return self.run_patterns(text, pay_context);
        }
        let context = usize::from(pay_context);
        let known = self
            .answers
            .lock()
            .ok()
            .and_then(|a| a[context].get(text).copied());
        if let Some(answer) = known {
            return answer;
        }
        let answer = self.run_patterns(text, pay_context);
        if let Ok(mut answers) = self.answers.lock() {
            let answers = &mut answers[context];
            if answers.len() >= ANSWERS {
                answers.clear();
            }
            answers.insert(text.into(), answer);
        }
        answer
    }

    /// [`PayMatcher::states_pay`] past the digit test, by the patterns.
    fn run_patterns(&self, text: &str, pay_context: bool) -> bool {
        if self.ascii_sources.is_some() && text.is_ascii() {
            if self.digit_free && !ascii_may_state_pay(text.as_bytes()) {
                return false;
            }
            // Lower case keeps every byte where it is, so matches are where they were.
            let lower = text.to_ascii_lowercase();
            return pay_in(self.patterns(true), &lower, pay_context);
        }
        pay_in(self.patterns(false), text, pay_context)
    }

    /// The labels of `location` (bits `bits[0]`), `employment` (`bits[1]`) and pay
    /// (`bits[2]`) in one set, made on first use: the lexicon's matchers, with the same
    /// bits, are its only callers.
    pub fn all_labels(
        &self,
        location: &FactMatcher,
        employment: &FactMatcher,
        bits: [u8; 3],
    ) -> &LabelBits {
        self.all_labels.get_or_init(|| {
            LabelBits::new(&[
                (&location.labels, bits[0]),
                (&employment.labels, bits[1]),
                (&self.labels, bits[2]),
            ])
        })
    }

    /// The [`MarkTable`] of `location`'s and `employment`'s phrases and its vague ones (in
    /// that order), made on first use: the lexicon's matchers are its only callers.
    pub fn mark_table(&self, location: &FactMatcher, employment: &FactMatcher) -> &MarkTable {
        self.mark_table
            .get_or_init(|| MarkTable::new([location.phrases(), employment.phrases(), &self.vague]))
    }

    /// Its vague phrases, for [`WordMarks`].
    pub fn vague_phrases(&self) -> &PhraseIndex {
        &self.vague
    }

    /// Where a block says something vague instead of a range ("competitive salary"): its
    /// words (`marked`: those marked for the vague phrases), or its bytes for a phrase in Japanese
    /// or Chinese (never in an `ascii` text).
    pub fn vague(
        &self,
        text: &str,
        block: &Block,
        words: &[Word],
        marked: Marked,
        ascii: bool,
    ) -> Option<Vague> {
        if let Some((i, n)) = self.vague.find_marked(words, marked) {
            return Some(Vague::Words(i, n));
        }
        if ascii {
            return None;
        }
        self.vague_cjk.find(text, block).map(Vague::At)
    }
}

/// [`PayMatcher::states_pay`] with one set of patterns.
fn pay_in(p: &PayPatterns, text: &str, pay_context: bool) -> bool {
    // Most ranges are told without their captures (which cost far more than the match): one
    // that opens with its currency, or any one in a pay context. The rest as ever.
    if p.range
        .find_iter(text)
        .any(|m| pay_context || opens_with_currency(&text[m.start()..]))
    {
        return true;
    }
    pay_in_by_captures(p, text, pay_context)
}

/// [`pay_in`] by every range's captures: its general way, and the reference for its
/// shortcut.
fn pay_in_by_captures(p: &PayPatterns, text: &str, pay_context: bool) -> bool {
    if p.fixed.is_match(text) {
        return true;
    }
    let labelled_before = |start: usize| {
        let from = floor_char_boundary(text, start.saturating_sub(40));
        pay_context || p.context.get().is_match(&text[from..start])
    };
    let range = p.range.captures_iter(text).any(|c| {
        let currency = ["c1", "c2", "c3", "c4"].iter().any(|n| c.name(n).is_some());
        let start = c.get(0).map_or(0, |m| m.start());
        currency || c.name("period").is_some() || labelled_before(start)
    });
    range
        || p.amount
            .get()
            .find_iter(text)
            .any(|m| labelled_before(m.start()))
}

/// Whether a range match (`range`: the text from its start) has its first currency (`c1`):
/// the range pattern opens with `c1`, optional, then `\s?` and a number (`\d`), so a match
/// whose first character is neither white space nor a digit has taken `c1`. (A character
/// that may be either, in the ASCII or the Unicode patterns, tells nothing.)
fn opens_with_currency(range: &str) -> bool {
    match range.chars().next() {
        Some(c) if c.is_ascii() => c > ' ' && !c.is_ascii_digit(),
        Some(c) => !c.is_whitespace() && !c.is_numeric(),
        None => false,
    }
}

/// Whether an ASCII text may match a pay pattern: a range has two numbers with a mark
/// between (two runs of digits, when no unit or range word has a digit), and an amount
/// a currency (a `$`, or a code that is a word of its own).
fn ascii_may_state_pay(text: &[u8]) -> bool {
    let mut runs = 0;
    let mut in_digits = false;
    for &b in text {
        let digit = b.is_ascii_digit();
        if digit && !in_digits {
            runs += 1;
            if runs == 2 {
                return true;
            }
        }
        in_digits = digit;
    }
    memchr::memchr(b'$', text).is_some()
        || text
            .split(|&b| !(b.is_ascii_alphanumeric() || b == b'_'))
            .any(|w| {
                w.len() == 3
                    && CURRENCY_CODES
                        .iter()
                        .any(|c| c.as_bytes().eq_ignore_ascii_case(w))
            })
}

/// Whether a text has a digit, which every pay pattern needs (`\d` is any Unicode decimal
/// digit, all of which are numeric), curly quotes and dashes or not.
pub fn may_state_pay(text: &str) -> bool {
    let (digit, wide) = digits_and_wide(text.as_bytes());
    digit || (wide && text.chars().any(char::is_numeric))
}

/// [`may_state_pay`] of the ranges of a text, asked in text order: in an ASCII text, the
/// next digit is found by a packed search over many bytes at a time and kept, so the text
/// is read once however many ranges are asked about (and most hold no digit).
pub struct Digits<'a> {
    text: &'a str,
    /// `None` for a text that is not ASCII (or a CPU without packed searches): each range
    /// is then read by [`may_state_pay`].
    search: Option<&'static aho_corasick::packed::Searcher>,
    /// Where the last range asked about starts...
    from: usize,
    /// ...and the first digit at or after it (the text's length when none is).
    next: usize,
}

impl<'a> Digits<'a> {
    /// `ascii`: whether the text is ASCII.
    pub fn new(text: &'a str, ascii: bool) -> Self {
        use aho_corasick::packed::{Config, MatchKind, Searcher};
        static DIGITS: std::sync::LazyLock<Option<Searcher>> = std::sync::LazyLock::new(|| {
            Config::new()
                .match_kind(MatchKind::LeftmostFirst)
                .builder()
                .extend((b'0'..=b'9').map(|d| [d]))
                .build()
        });
        let search = DIGITS.as_ref().filter(|_| ascii);
        let mut digits = Digits {
            text,
            search,
            from: 0,
            next: text.len(),
        };
        if let Some(s) = search {
            digits.next = s.find(text).map_or(text.len(), |m| m.start());
        }
        digits
    }

    /// Whether `text[r]` may state pay, as [`may_state_pay`] tells it.
    pub fn may_state_pay(&mut self, r: std::ops::Range<usize>) -> bool {
        let Some(s) = self.search.filter(|_| r.start >= self.from) else {
            // Not ASCII, or asked out of order.
            return may_state_pay(&self.text[r]);
        };
        if self.next < r.start {
            let rest = &self.text.as_bytes()[r.start..];
            self.next = s
                .find(rest)
                .map_or(self.text.len(), |m| r.start + m.start());
        }
        self.from = r.start;
        self.next < r.end
    }
}

/// Whether any byte is an ASCII digit.
#[cfg(test)]
fn has_ascii_digit(bytes: &[u8]) -> bool {
    digits_and_wide(bytes).0
}

/// Whether any byte is an ASCII digit, and (when none is) whether any is not ASCII: eight
/// bytes at a time without a branch per byte (most blocks have no digit, so every byte is
/// looked at).
fn digits_and_wide(bytes: &[u8]) -> (bool, bool) {
    use crate::posting::bytes8::{HIGH, in_range};
    // The high bit of each byte that is a digit, and of each that is not ASCII.
    let marks = |x: u64| (in_range(x, b'0', b'9'), x & HIGH);
    let mut wide = 0;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let (digits, w) = marks(u64::from_le_bytes(c.try_into().expect("8 bytes")));
        if digits != 0 {
            return (true, true);
        }
        wide |= w;
    }
    let mut last = [0u8; 8];
    last[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
    let (digits, w) = marks(u64::from_le_bytes(last));
    (digits != 0, wide | w != 0)
}

/// A vague statement of pay.
pub enum Vague {
    /// Starting at this word of the block, so many words long.
    Words(usize, usize),
    /// At these bytes (a phrase in Japanese or Chinese).
    At(std::ops::Range<usize>),
}

#[cfg(test)]
mod tests {
    use crate::posting::Posting;
    use crate::review::lang::DEFAULT;
    use crate::review::{RuleId, review};

    type Checked = Result<(), proptest::test_runner::TestCaseError>;

    /// Digits found by one cursor over `text` for ranges cut from it (sorted when
    /// `in_order`) are those a scan of each range finds.
    fn digits_found_ahead_are_those_of_each(
        text: &str,
        mut cuts: Vec<(usize, usize)>,
        in_order: bool,
    ) -> Checked {
        // Ranges in order (some overlapping), or in any order, on char boundaries.
        if in_order {
            cuts.sort_unstable();
        }
        let ascii = text.is_ascii();
        let mut digits = super::Digits::new(text, ascii);
        for (start, len) in cuts {
            let start = crate::posting::boundary::floor_char_boundary(text, start.min(text.len()));
            let end =
                crate::posting::boundary::floor_char_boundary(text, (start + len).min(text.len()));
            let r = start..end;
            proptest::prop_assert_eq!(
                digits.may_state_pay(r.clone()),
                super::may_state_pay(&text[r.clone()]),
                "{:?}",
                r
            );
        }
        Ok(())
    }

    /// Pay ranges told without the capture engine are told as with it.
    fn ranges_told_as_with_captures(text: &str) -> Checked {
        let pay = &DEFAULT.pay;
        for (patterns, t) in [
            (pay.patterns(false), text.to_string()),
            (pay.patterns(true), text.to_ascii_lowercase()),
        ] {
            for context in [false, true] {
                proptest::prop_assert_eq!(
                    super::pay_in(patterns, &t, context),
                    super::pay_in_by_captures(patterns, &t, context)
                );
            }
        }
        Ok(())
    }

    /// Label lines found from the text's colons (blocks reversed when `reversed`) are those
    /// found by searching each block.
    fn label_lines_are_those_found_per_block(text: &str, reversed: bool) -> Checked {
        let set =
            |keys: &[&str]| -> super::LabelSet { keys.iter().map(|k| k.to_string()).collect() };
        let (a, b) = (set(&["location", "job type"]), set(&["salary"]));
        let bits = super::LabelBits::new(&[(&a, 1), (&b, 2)]);
        let posting = crate::posting::Posting::parse(text);
        let mut blocks = crate::review::prose::blocks(&posting);
        // Blocks out of text order are each searched alone.
        if reversed {
            blocks.reverse();
        }
        let labels = super::BlockLabels::new(text, &blocks, &bits);
        for (i, block) in blocks.iter().enumerate() {
            proptest::prop_assert_eq!(labels.lines(i), super::labelled(text, block, &bits));
        }
        Ok(())
    }

    /// The smallest failures the property tests above found while their shortcuts were
    /// being written, kept as cases of their own.
    #[test]
    fn the_shortcuts_hold_where_they_once_failed() -> Checked {
        ranges_told_as_with_captures("5-5")?;
        digits_found_ahead_are_those_of_each(" 0 0", vec![(4, 0), (0, 2)], false)?;
        label_lines_are_those_found_per_block("Location: Leeds\n\n**", true)
    }

    proptest::proptest! {
        #[test]
        fn the_digit_search_agrees_with_a_byte_by_byte_one(
            text in "[a-z é/:]{0,70}[0-9]?[a-z]{0,30}"
        ) {
            let bytes = text.as_bytes();
            proptest::prop_assert_eq!(
                super::has_ascii_digit(bytes),
                bytes.iter().any(u8::is_ascii_digit)
            );
        }

        #[test]
        fn digits_and_wide_bytes_are_found_as_byte_by_byte(
            text in "[a-z é/:0-9٣²\u{80}\u{7f}\u{0}]{0,40}"
        ) {
            let bytes = text.as_bytes();
            let (digit, wide) = super::digits_and_wide(bytes);
            proptest::prop_assert_eq!(digit, bytes.iter().any(u8::is_ascii_digit));
            if !digit {
                proptest::prop_assert_eq!(wide, !text.is_ascii());
            }
            proptest::prop_assert_eq!(
                super::may_state_pay(&text),
                text.chars().any(|c| c.is_ascii_digit() || c.is_numeric())
            );
        }

        #[test]
        fn ascii_pay_patterns_match_as_the_unicode_ones_do(
            text in "(\\$|USD|eur|Chf|R\\$|US\\$|[0-9]{1,6}|[0-9]{1,3}[,.' ][0-9]{3}|k|K|M| |  |\t|-|~|to|and|bis|a|per year|Per  Hour|a month|/hr|/ Jahr|p\\.a\\.|gross|Brutto|Salary|pay:|Base|\\.|,|x|_|years|usd2){0,12}"
        ) {
            let pay = &DEFAULT.pay;
            let (full, ascii) = (pay.patterns(false), pay.patterns(true));
            let lower = text.to_ascii_lowercase();
            let spans = |r: &regex::Regex, t: &str| -> Vec<Vec<Option<(usize, usize)>>> {
                r.captures_iter(t)
                    .map(|c| c.iter().map(|m| m.map(|m| (m.start(), m.end()))).collect())
                    .collect()
            };
            for (a, b) in [
                (&full.range, &ascii.range),
                (&full.fixed, &ascii.fixed),
                (full.amount.get(), ascii.amount.get()),
                (full.context.get(), ascii.context.get()),
            ] {
                proptest::prop_assert_eq!(spans(a, &text), spans(b, &lower));
            }
            for context in [false, true] {
                let stated = super::pay_in(full, &text, context);
                proptest::prop_assert_eq!(stated, pay.states_pay(&text, context));
                if !super::ascii_may_state_pay(text.as_bytes()) {
                    proptest::prop_assert!(!stated);
                }
            }
        }

        #[test]
        fn digits_found_ahead_are_those_of_each_range(
            text in "[a-z 0-9]{0,60}(é|٣|)[a-z 0-9]{0,20}",
            cuts in proptest::collection::vec((0usize..100, 0usize..12), 0..12),
            in_order in proptest::bool::ANY,
        ) {
            digits_found_ahead_are_those_of_each(&text, cuts, in_order)?;
        }

        #[test]
        fn ranges_told_without_captures_are_told_as_with_them(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "5", "50", "50,000", "1.5", "٣", " ", " ", "  ", "\u{a0}", "\t", "\u{b}", "\n",
                    "-", "-", "–", "~", "to", " to ", "a", "$", "usd", "EUR ", "€", "¥", "円",
                    "k", "万", " per year", "/hr", "x", "_", "Salary: ", "pay", "years", ".",
                ]),
                0..10,
            )
        ) {
            ranges_told_as_with_captures(&parts.concat())?;
        }

        #[test]
        fn marked_words_find_the_phrases_every_word_finds(
            text in proptest::collection::vec(
                "a|in|on|office|site|remote|remotely|full|time|part-time|contract|competitive|salary|pay|werkstudentin|we|the|temps|plein|x",
                0..14,
            )
        ) {
            use crate::review::prose::Word;
            let words: Vec<Word> = text
                .iter()
                .map(|w| Word { text: w, lower: w.as_str().into(), start: 0 })
                .collect();
            let half = words.len() / 2;
            let (lex, blocks) = (
                &*DEFAULT,
                [words.as_slice(), &[], &words[..half], &words[half..], &[], &words[..1.min(half)]],
            );
            let lists = [lex.location.phrases(), lex.employment.phrases(), lex.pay.vague_phrases()];
            let marks = super::WordMarks::new(&blocks, &super::MarkTable::new(lists));
            for (j, list) in lists.into_iter().enumerate() {
                let bit = 1 << j;
                for (ws, ms) in blocks.iter().zip(marks.blocks(&blocks, bit)) {
                    proptest::prop_assert_eq!(list.find_marked(ws, ms), list.find(ws));
                }
                let found: Vec<_> = marks
                    .marked_blocks(&blocks, bit)
                    .map(|(i, ws, ms)| (i, ws.as_ptr(), ms.indices, ms.first))
                    .collect();
                let expected: Vec<_> = blocks
                    .iter()
                    .zip(marks.blocks(&blocks, bit))
                    .enumerate()
                    .filter(|(_, (_, ms))| !ms.indices.is_empty())
                    .map(|(i, (ws, ms))| (i, ws.as_ptr(), ms.indices, ms.first))
                    .collect();
                proptest::prop_assert_eq!(found, expected);
            }
        }

        #[test]
        fn a_label_is_found_by_its_key(
            label in "(Location|Job type|Standort|[a-zA-Z0-9 \t:_*'’\\-.()/Éé]{0,12}){1,3}"
        ) {
            let labels: super::LabelSet = ["location", "job type", "standort", "a", "x-y"]
                .into_iter()
                .map(String::from)
                .chain([super::label_key(&label)].into_iter().filter(|_| label.len() % 3 == 0))
                .collect();
            proptest::prop_assert_eq!(
                super::has_label(&labels, &label),
                labels.keys.contains(&super::label_key(&label))
            );
        }

        #[test]
        fn label_lines_found_from_the_texts_colons_are_those_found_per_block(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "Location", "Salary", "Job type", ":", " : ", " ", "\n", "\n\n", "# ", "- ",
                    "**", "a", "x-y", "1", "Remote", "[Company]", "：", "é", "Location: Leeds\n\n",
                    "Salary: 5\n\n", "**Job type**: full\n\n", "Text.\n\n",
                ]),
                0..24,
            ),
            reversed in proptest::bool::ANY,
        ) {
            label_lines_are_those_found_per_block(&parts.concat(), reversed)?;
        }

        #[test]
        fn label_bits_are_each_sets_answer(
            label in "(Location|Job type|Standort|Salary|[a-zA-Z0-9 \t:_*'’\\-.()/Éé]{0,12}){1,3}"
        ) {
            let set = |keys: &[&str]| -> super::LabelSet {
                keys.iter().map(|k| k.to_string()).collect()
            };
            let (a, b, c) = (
                set(&["location", "standort", "a"]),
                set(&["job type", "a", "x-y"]),
                set(&["salary", "location"]),
            );
            let bits = super::LabelBits::new(&[(&a, 1), (&b, 2), (&c, 4)]);
            let expected = u8::from(super::has_label(&a, &label))
                | u8::from(super::has_label(&b, &label)) << 1
                | u8::from(super::has_label(&c, &label)) << 2;
            proptest::prop_assert_eq!(bits.of(&label), expected);
        }

        #[test]
        fn a_plain_labels_bit_is_its_keys(
            label in "[a-zA-Z0-9 *\\t'\\-:]{0,12}|[a-zA-Z ]{90,100}"
        ) {
            if let Some(b) = super::plain_label_bit(label.as_bytes()) {
                let key = super::label_key(&label);
                proptest::prop_assert_eq!(&key, &label.to_ascii_lowercase());
                proptest::prop_assert_eq!(b, super::LabelSet::bit(key.as_bytes()));
            }
        }

        #[test]
        fn an_ascii_label_key_built_in_place_is_the_label_key(
            label in "[a-zA-Z0-9 \t:_*'\\-.()/]{0,100}"
        ) {
            let mut buf = [0u8; 96];
            let built = super::ascii_label_key(&label, &mut buf).map(str::to_string);
            let expected = (label.len() <= 96).then(|| super::label_key(&label));
            proptest::prop_assert_eq!(built, expected);
        }

        #[test]
        fn label_keys_are_the_heading_words_joined(
            label in "[a-zA-Z0-9 \t:_*'’\\-.()/Éé]{0,40}"
        ) {
            let reference = super::heading_words(&label.replace('_', " ")).join(" ");
            proptest::prop_assert_eq!(super::label_key(&label), reference);
        }
    }

    #[test]
    fn the_range_pattern_opens_with_its_first_currency() {
        // What `opens_with_currency` relies on.
        for ascii in [false, true] {
            let (flags, number) = if ascii {
                ("(?-u)", super::ASCII_NUMBER)
            } else {
                ("(?i)", super::NUMBER)
            };
            let open = format!(r"{flags}(?P<c1>{})?\s?{number}", super::currency(ascii));
            let source = DEFAULT.pay.patterns(ascii).range.as_str();
            assert!(source.starts_with(&open), "{source}");
            assert!(number.starts_with(r"(?:\d{1,3}") && number.contains(r"|\d+"));
        }
        // Ranges that open with a space or a digit of any kind, told by their captures.
        let pay = &DEFAULT.pay;
        for t in [
            "٣-٣",
            "\u{a0}5-6",
            " 5-6",
            "\u{b}5 - 6",
            "\u{2003}5 – 6",
            "x 5-6",
            "5-6 usd",
        ] {
            for (patterns, t) in [
                (pay.patterns(false), t.to_string()),
                (pay.patterns(true), t.to_ascii_lowercase()),
            ] {
                for context in [false, true] {
                    assert_eq!(
                        super::pay_in(patterns, &t, context),
                        super::pay_in_by_captures(patterns, &t, context),
                        "{t:?} {context}"
                    );
                }
            }
        }
        for (t, opens) in [
            ("$5", true),
            ("eur 5", true),
            ("€5", true),
            ("5", false),
            (" 5", false),
            ("\u{a0}5", false),
            ("٣", false),
            ("", false),
        ] {
            assert_eq!(super::opens_with_currency(t), opens, "{t}");
        }
    }

    #[test]
    fn a_kept_pay_answer_is_the_patterns_answer() {
        let pay = &DEFAULT.pay;
        let texts = [
            "Compensation: EUR 60,000 - 75,000",
            "3-5 years of experience",
            "Salary: 50,000 - 60,000",
            "50,000 - 60,000",
            "$40 per hour",
        ];
        for _ in 0..2 {
            for t in texts {
                for context in [false, true] {
                    assert_eq!(
                        pay.states_pay(t, context),
                        pay.run_patterns(t, context),
                        "{t} {context}"
                    );
                }
            }
        }
        // Full, the answers are forgotten and kept again.
        for i in 0..super::ANSWERS + 3 {
            let t = format!("{i} - {}", i + 1);
            assert_eq!(pay.states_pay(&t, true), pay.run_patterns(&t, true));
        }
        assert!(pay.answers.lock().unwrap()[1].len() <= super::ANSWERS);
    }

    #[test]
    fn a_words_key_packs_its_length_and_first_three_bytes() {
        for w in ["", "a", "ab", "abc", "abcd", "é", "éa", "in office"] {
            let b = w.as_bytes();
            let n = b.len().min(3);
            let packed = b[..n]
                .iter()
                .enumerate()
                .fold(n as u32, |k, (i, &x)| k | u32::from(x) << (8 * (i + 1)));
            let expected = (packed.wrapping_mul(0x9e37_79b1) >> 16) as u16;
            assert_eq!(super::key(w), expected, "{w}");
        }
    }

    #[test]
    fn a_mark_table_has_each_lists_filter() {
        let lex = &*DEFAULT;
        let lists = [
            lex.location.phrases(),
            lex.employment.phrases(),
            lex.pay.vague_phrases(),
        ];
        let table = super::MarkTable::new(lists);
        for k in 0..=u16::MAX {
            let expected =
                lists[0].may_start(k) | lists[1].may_start(k) << 1 | lists[2].may_start(k) << 2;
            assert_eq!(table.first[usize::from(k)], expected, "{k}");
        }
    }

    #[test]
    fn only_the_known_characters_fold_to_ascii_letters() {
        let letter = regex::Regex::new("(?i)^[a-z]$").unwrap();
        let folding: Vec<char> = (0x80..=0x10ffff)
            .filter_map(char::from_u32)
            .filter(|c| letter.is_match(c.encode_utf8(&mut [0; 4])))
            .collect();
        assert_eq!(folding, ['\u{17f}', '\u{212a}']);
        assert!(folding.into_iter().all(super::folds_to_ascii));
        assert!(DEFAULT.pay.ascii_sources.is_some() && DEFAULT.pay.digit_free);
    }

    #[test]
    fn pay_as_each_language_writes_it() {
        for t in [
            "65.000–80.000 € brutto im Jahr",
            "Gehalt: 65.000 - 80.000",
            "45\u{202f}000 – 55\u{202f}000 € bruts annuels",
            "entre 38.000 y 46.000 € brutos anuales",
            "R$ 8.000 a R$ 12.000 por mês",
            "RAL 35.000 - 42.000 €",
            "€ 3.800 - € 5.200 bruto per maand",
            "CHF 100'000 – 120'000",
            "年収600万円〜800万円",
            "時給1,500円",
            "月薪25k-35k",
            "年薪30-50万",
            "Salary: $120k+",
            "$40/hour",
        ] {
            assert!(DEFAULT.pay.states_pay(t, false), "{t}");
        }
        for t in [
            "3-5 years of experience",
            "3 bis 5 Jahre Erfahrung",
            "de 2 à 3 jours par semaine",
            "de 10 a 15 personas",
            "我们有200-300名员工",
            "週2日から3日",
            "We raised $50M in 2023",
            "Monday to Friday, 9 to 5",
            "ISO 27001 and SOC 2",
        ] {
            assert!(!DEFAULT.pay.states_pay(t, false), "{t}");
        }
    }

    fn rule(text: &str, id: RuleId) -> Vec<String> {
        review("t.md".into(), &Posting::parse(text))
            .findings
            .into_iter()
            .filter(|f| f.rule == id)
            .map(|f| f.message)
            .collect()
    }

    #[test]
    fn labels_on_a_line_or_over_a_section() {
        for t in [
            "# A\n\n## Standort\n\nBerlin-Mitte\n",
            "# A\n\n## 勤務地\n\n東京都港区\n",
            "# A\n\n勤務地：大阪\n",
            "# A\n\n【勤務地】福岡\n",
            "---\nstandort: Köln\n---\n# A\n",
            "# A\n\nWe work remotely.\n",
        ] {
            assert_eq!(rule(t, RuleId::Location), Vec::<String>::new(), "{t}");
        }
        for t in [
            "# A\n\n## Standort\n\n## B\n\nText.\n",
            "# A\n\n勤務地：[未定]\n",
            "# A\n\nOrt und Zeit sind egal.\n",
        ] {
            assert_eq!(rule(t, RuleId::Location).len(), 1, "{t}");
        }
        assert_eq!(
            rule("# A\n\n雇用形態：契約社員\n", RuleId::EmploymentType),
            Vec::<String>::new()
        );
        assert_eq!(
            rule("# A\n\nIn Vollzeit.\n", RuleId::EmploymentType),
            Vec::<String>::new()
        );
    }

    #[test]
    fn vague_pay_is_quoted_in_any_language() {
        let f = rule(
            "# A\n\nWir bieten eine attraktive Vergütung.\n",
            RuleId::PayRange,
        );
        assert!(
            f[0].starts_with("\"attraktive Vergütung\" is not a pay range"),
            "{f:?}"
        );
        let f = rule("# A\n\n薪资面议\n", RuleId::PayRange);
        assert!(f[0].starts_with("\"薪资面议\" is not a pay range"), "{f:?}");
    }
}
