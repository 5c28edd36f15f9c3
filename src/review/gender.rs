//! `gendered-wording`: the measure of Gaucher, Friesen & Kay (2011) as the open-source Gender
//! Decoder computes it, over the posting's visible text, so its verdicts and counts are the
//! ones people get from that tool.
//!
//! - Visible text: headings, paragraphs, list items, table cells and link text of the body;
//!   never front matter, code, inline or block HTML (comments included), image alt text or
//!   URLs (`http://` or `https://` up to the next space, as Gender Decoder's users paste
//!   rendered text without them).
//! - Words as Gender Decoder splits them: every non-ASCII character is a space, so are
//!   ``. , < > * ? ! " [ ] @ ' : ; ( ) / &`` and ASCII white space; a word with a hyphen is
//!   read as its parts unless it starts with a hyphenated stem (`self-confiden`...).
//! - A word counts once per listed stem it starts with (`assets/wordlists/gender-coded.yaml`).
//! - Verdict from feminine minus masculine: 0 neutral, 1 to 3 feminine- or masculine-coded,
//!   more than 3 strongly.
//!
//! `mode: context` (config) sets aside uses that are about things, not people; see
//! [`set_aside`].

use std::sync::LazyLock;

use super::rules::GenderMode;
use super::{At, Level, RuleId, Severity, Sink};
use crate::posting::Posting;
use crate::posting::bytes8::{HIGH, ONES, in_range};

/// Which way a word is coded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Coding {
    /// Masculine-coded.
    Masculine,
    /// Feminine-coded.
    Feminine,
}

impl Coding {
    #[cfg(test)]
    fn as_str(self) -> &'static str {
        match self {
            Coding::Masculine => "masculine",
            Coding::Feminine => "feminine",
        }
    }
}

#[derive(serde::Deserialize)]
struct GenderFile {
    masculine: Vec<String>,
    feminine: Vec<String>,
}

const GENDER_CODED: &str = include_str!("../../assets/wordlists/gender-coded.yaml");

/// The stems, and an index that finds the few a word may start with by its first 4 bytes.
struct Lists {
    stems: Vec<(String, Coding)>,
    /// Each stem's bytes 8 to 16 packed as [`prefix_key`] packs a word, and the mask of them
    /// (0 and 0 for a stem of 8 bytes or fewer).
    keys2: Vec<(u64, u64)>,
    hyphenated: Vec<String>,
    /// Open addressing by [`key4`] (`len` 0 is an empty slot): the stems a word with those
    /// first 4 bytes may start with. Of a fixed size, so a probe needs no bounds test.
    slots: [Slot; SLOTS],
    /// The stems of every slot, each slot's in list order.
    items: Vec<Candidate>,
    /// Stems shorter than 4 bytes, in list order, as ([`key4`] of the stem, mask of its
    /// bytes, index): all a word whose first 4 bytes are in no slot may start with.
    short: Vec<(u32, u32, u16)>,
    /// The first bytes of the `short` stems.
    short_first: [bool; 256],
    /// Whether every word of ASCII letters alone that starts with a stem finds a slot.
    letters_in_slots: bool,
    /// The first bytes of the `hyphenated` stems.
    hyphenated_first: [bool; 256],
    /// The shortest stem's length: a shorter word starts with none.
    min_len: usize,
}

/// A stem a word may start with, with what a word is compared with first (all in one
/// place).
#[derive(Clone, Copy)]
struct Candidate {
    /// The stem's first 8 bytes packed as [`prefix_key`] packs a word, and the mask of them.
    key: u64,
    mask: u64,
    /// The stem's length.
    len: usize,
    /// Its index in [`Lists::stems`].
    index: u16,
}

/// A run of [`Lists::items`] for one 4-byte key.
#[derive(Clone, Copy, Default)]
struct Slot {
    key: u32,
    from: u16,
    len: u16,
}

/// The first 4 bytes of a word in ASCII lower case, packed little-endian (0 past its end).
#[inline]
fn key4(word: &[u8]) -> u32 {
    ascii_lowercase_u64(u64::from(first4(word))) as u32
}

/// The first 4 bytes of a word, packed little-endian (0 past its end).
#[inline]
fn first4(word: &[u8]) -> u32 {
    match word.first_chunk::<4>() {
        Some(b) => u32::from_le_bytes(*b),
        None => match *word {
            [a, b, c] => u32::from_le_bytes([a, b, c, 0]),
            [a, b] => u32::from_le_bytes([a, b, 0, 0]),
            [a] => u32::from(a),
            _ => 0,
        },
    }
}

/// How many bits [`slot_of`] keeps: [`Lists::slots`] has room for many times the keys.
const SLOT_BITS: u32 = 11;
const SLOTS: usize = 1 << SLOT_BITS;

/// A key's first slot (a multiplicative hash to the table's bits).
#[inline]
fn slot_of(key: u32) -> usize {
    (key.wrapping_mul(0x9e37_79b1) >> (32 - SLOT_BITS)) as usize
}

static LISTS: LazyLock<Lists> = LazyLock::new(|| {
    let file: GenderFile = crate::yaml::from_str(GENDER_CODED).unwrap_or(GenderFile {
        masculine: Vec::new(),
        feminine: Vec::new(),
    });
    let mut stems: Vec<(String, Coding)> = Vec::new();
    let mut keys = Vec::new();
    let mut keys2 = Vec::new();
    let mut hyphenated = Vec::new();
    for (list, coding) in [
        (file.masculine, Coding::Masculine),
        (file.feminine, Coding::Feminine),
    ] {
        for stem in list {
            let stem = stem.trim().to_ascii_lowercase();
            if stem.is_empty() {
                continue;
            }
            if stem.contains('-') {
                hyphenated.push(stem.clone());
            }
            let n = stem.len().min(8);
            let mask = if n == 8 { u64::MAX } else { (1 << (8 * n)) - 1 };
            keys.push((prefix_key(stem.as_bytes()), mask));
            let rest = stem.as_bytes().get(8..).unwrap_or_default();
            let n = rest.len().min(8);
            let mask = if n == 8 { u64::MAX } else { (1 << (8 * n)) - 1 };
            keys2.push((prefix_key(rest), mask));
            stems.push((stem, coding));
        }
    }
    let short: Vec<(u32, u32, u16)> = (0..stems.len())
        .filter(|&i| stems[i].0.len() < 4)
        .map(|i| {
            let n = stems[i].0.len();
            (key4(stems[i].0.as_bytes()), (1 << (8 * n)) - 1, i as u16)
        })
        .collect();
    // Each 4-byte start of a longer stem, with the stems a word starting so may start with.
    let mut groups: Vec<(u32, Vec<u16>)> = Vec::new();
    for (i, (stem, _)) in stems.iter().enumerate() {
        if stem.len() < 4 {
            continue;
        }
        let k = key4(stem.as_bytes());
        match groups.iter_mut().find(|(g, _)| *g == k) {
            Some((_, v)) => v.push(i as u16),
            None => groups.push((k, vec![i as u16])),
        }
    }
    // Every key a word of letters alone that starts with a short stem has (the stem, then
    // letters, then nothing past the word's end) gets a slot too, so such a word needs no
    // look at `short` (see `Lists::rules_out_letters`); not for stems of one byte (thousands
    // of keys).
    let mut letters_in_slots = true;
    for &(k, _, i) in &short {
        let stem = stems[usize::from(i)].0.as_bytes();
        if !stem.iter().all(u8::is_ascii_lowercase) {
            continue; // (No word of letters alone starts with it.)
        }
        if stem.len() < 2 {
            letters_in_slots = false;
            continue;
        }
        let mut ends = vec![k];
        for at in stem.len()..4 {
            let longer: Vec<u32> = ends
                .iter()
                .filter(|&&e| at == stem.len() || e >> (8 * (at - 1)) != 0)
                .flat_map(|&e| (b'a'..=b'z').map(move |c| e | u32::from(c) << (8 * at)))
                .collect();
            ends.extend(longer);
        }
        for e in ends {
            if !groups.iter().any(|(g, _)| *g == e) {
                groups.push((e, Vec::new()));
            }
        }
    }
    for (k, v) in &mut groups {
        v.extend(short.iter().filter(|s| *k & s.1 == s.0).map(|s| s.2));
        v.sort_unstable();
    }
    // (A full table would never end a probe; the tests check the lists leave most slots empty.)
    assert!(
        groups.len() < SLOTS,
        "too many stem keys for the slot table"
    );
    let mut slots = [Slot::default(); SLOTS];
    let mut items = Vec::new();
    for (k, v) in groups {
        let mut s = slot_of(k);
        while slots[s].len != 0 {
            s = (s + 1) & (SLOTS - 1);
        }
        slots[s] = Slot {
            key: k,
            from: items.len() as u16,
            len: v.len() as u16,
        };
        items.extend(v.iter().map(|&i| {
            let i = usize::from(i);
            Candidate {
                key: keys[i].0,
                mask: keys[i].1,
                len: stems[i].0.len(),
                index: i as u16,
            }
        }));
    }
    let mut short_first = [false; 256];
    for &(k, _, _) in &short {
        short_first[(k & 0xff) as usize] = true;
    }
    let mut hyphenated_first = [false; 256];
    for h in &hyphenated {
        hyphenated_first[usize::from(h.as_bytes()[0])] = true;
    }
    Lists {
        short_first,
        letters_in_slots,
        hyphenated_first,
        min_len: stems
            .iter()
            .map(|(s, _)| s.len())
            .min()
            .unwrap_or(usize::MAX),
        stems,
        keys2,
        hyphenated,
        slots,
        items,
        short,
    }
});

/// Whether `word` starts with `stem` (lower case), ignoring ASCII case.
fn starts_with(word: &[u8], stem: &str) -> bool {
    word.len() >= stem.len() && word[..stem.len()].eq_ignore_ascii_case(stem.as_bytes())
}

/// The first 8 bytes of a word in ASCII lower case, packed little-endian (0 past its end).
#[inline]
fn prefix_key(word: &[u8]) -> u64 {
    let x = match (word.first_chunk::<8>(), word.first_chunk::<4>()) {
        (Some(b), _) => u64::from_le_bytes(*b),
        // 4 to 7 bytes: the first 4 and the last 4, which overlap (no copy call).
        (None, Some(a)) => {
            let last = word.last_chunk::<4>().map_or(0, |b| u32::from_le_bytes(*b));
            u64::from(u32::from_le_bytes(*a)) | u64::from(last) << (8 * (word.len() - 4))
        }
        (None, None) => u64::from(first4(word)),
    };
    ascii_lowercase_u64(x)
}

/// `to_ascii_lowercase` of each of the 8 bytes packed in `x`, all at once.
#[inline]
fn ascii_lowercase_u64(x: u64) -> u64 {
    x | (in_range(x, b'A', b'Z') >> 2)
}

/// The slot of `key` in `slots` (of [`Lists::slots`]), if it has one.
#[inline]
fn find_slot(slots: &[Slot; SLOTS], key: u32) -> Option<Slot> {
    let mut s = slot_of(key);
    loop {
        let slot = slots[s];
        if slot.len == 0 {
            return None;
        }
        if slot.key == key {
            return Some(slot);
        }
        s = (s + 1) & (SLOTS - 1);
    }
}

impl Lists {
    /// Whether `word` surely starts with no stem: most words are ruled out by their first 4
    /// bytes alone (a false answer means only that it may start with one).
    #[inline]
    fn rules_out(&self, word: &[u8]) -> bool {
        word.len() < self.min_len || self.rules_out_key(key4(word), word.len())
    }

    /// [`Lists::rules_out`] for a word of `len` bytes (at least `min_len`) whose [`key4`] is
    /// `key`.
    #[inline]
    fn rules_out_key(&self, key: u32, len: usize) -> bool {
        if find_slot(&self.slots, key).is_some() {
            return false;
        }
        // (Most words start with no short stem's first byte.)
        !self.short_first[(key & 0xff) as usize]
            || !self
                .short
                .iter()
                .any(|&(k, mask, i)| key & mask == k && len >= self.stems[usize::from(i)].0.len())
    }

    /// [`Lists::rules_out`] for a word of `len` ASCII letters alone whose [`key4`] is `key`
    /// (what [`pass_plain`] asks of the slots).
    #[cfg(test)]
    fn rules_out_letters(&self, key: u32, len: usize) -> bool {
        if !self.letters_in_slots {
            return len < self.min_len || self.rules_out_key(key, len);
        }
        // Such a word that starts with a stem has a slot: a short stem's too (nor does a word
        // shorter than every stem find one).
        find_slot(&self.slots, key).is_none()
    }

    /// Calls `f` with the index of each stem `word` starts with, in list order.
    #[inline]
    fn each_stem(&self, word: &[u8], mut f: impl FnMut(u16)) {
        if word.len() < self.min_len {
            return;
        }
        let key = key4(word);
        let Some(slot) = find_slot(&self.slots, key) else {
            for &(k, mask, i) in &self.short {
                if key & mask == k && word.len() >= self.stems[usize::from(i)].0.len() {
                    f(i);
                }
            }
            return;
        };
        self.slot_stems(slot, word, f);
    }

    /// Puts in `found` (cleared) the stems of a word whose [`key4`] has `slot`: whether
    /// there are any. (Out of [`pass_plain`]'s loop, which seldom needs it.)
    #[inline(never)]
    fn found_stems(&self, slot: Slot, word: &[u8], found: &mut Stems) -> bool {
        found.clear();
        self.slot_stems(slot, word, |k| found.push(k));
        !found.is_empty()
    }

    /// Whether `word` (as long as stem `i` at least, which is longer than 8 bytes and whose
    /// first 8 it starts with) starts with the rest of it: 8 bytes at once, then the rest.
    #[inline]
    fn rest_matches(&self, i: usize, word: &[u8]) -> bool {
        let (key, mask) = self.keys2[i];
        let stem = &self.stems[i].0;
        prefix_key(&word[8..]) & mask == key && (stem.len() <= 16 || starts_with(word, stem))
    }

    /// [`Lists::each_stem`] for a word whose [`key4`] has `slot`.
    #[inline]
    fn slot_stems(&self, slot: Slot, word: &[u8], mut f: impl FnMut(u16)) {
        let candidates = &self.items[usize::from(slot.from)..][..usize::from(slot.len)];
        // A word is compared with a few stems: first 8 bytes at once, then the rest.
        let key = prefix_key(word);
        for c in candidates {
            if key & c.mask == c.key
                && word.len() >= c.len
                && (c.len <= 8 || self.rest_matches(usize::from(c.index), word))
            {
                f(c.index);
            }
        }
    }
}

/// The stems a word starts with, in list order.
#[cfg(test)]
fn stems_of(word: &[u8], mut f: impl FnMut(&'static str, Coding)) {
    let lists: &'static Lists = &LISTS;
    lists.each_stem(word, |i| {
        let (stem, coding) = &lists.stems[usize::from(i)];
        f(stem, *coding);
    });
}

/// Whether a word starts with any stem (as [`stems_of`] would call back at least once).
#[cfg(test)]
fn has_stem(word: &[u8]) -> bool {
    let mut any = false;
    LISTS.each_stem(word, |_| any = true);
    any
}

/// One word of the visible text, as Gender Decoder splits it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'a> {
    /// As written (ASCII: other characters split words).
    pub text: &'a str,
    /// Which leaf block (paragraph, heading, table row...) it is in, counted from 0.
    pub block: usize,
    /// Byte offset in the posting's text.
    pub start: usize,
    /// Byte offset just after its last byte (markup inside a word, `**lead**er`, included).
    pub end: usize,
    /// Whether it is in a heading.
    pub heading: bool,
    /// Whether it followed a hyphen in a word read as its parts (`driven` in `data-driven`).
    pub after_hyphen: bool,
}

/// Bytes that end a word: Gender Decoder's punctuation and ASCII white space (Python's `\s`,
/// which includes the separators 0x1c to 0x1f).
static SEPARATOR: [bool; 128] = {
    let mut t = [false; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = matches!(
            c,
            b'.' | b','
                | b'<'
                | b'>'
                | b'*'
                | b'?'
                | b'!'
                | b'"'
                | b'['
                | b']'
                | b'@'
                | b'\''
                | b':'
                | b';'
                | b'('
                | b')'
                | b'/'
                | b'&'
                | b' '
                | b'\t'
                | b'\n'
                | b'\r'
                | 0x0b
                | 0x0c
                | 0x1c..=0x1f
        );
        b += 1;
    }
    t
};

/// Bytes a run of word bytes stops at, or looks at before going on: non-ASCII, separators,
/// `\\` (a line break before a newline) and `-` (noted: the word may be read as its parts).
static RUN_STOP: [bool; 256] = {
    let mut t = [true; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = SEPARATOR[b] || b == b'\\' as usize || b == b'-' as usize;
        b += 1;
    }
    t
};

/// Whether a pasted URL starts here.
#[inline]
fn is_url(bytes: &[u8]) -> bool {
    match bytes.first_chunk::<8>() {
        Some(b) => {
            let x = u64::from_le_bytes(*b);
            x == u64::from_le_bytes(*b"https://")
                || x & 0x00ff_ffff_ffff_ffff == u64::from_le_bytes(*b"http://\0")
        }
        None => bytes.starts_with(b"http://"),
    }
}

/// The first index from `i` on that is not an ASCII letter (8 bytes at a time).
#[inline]
fn past_letters(bytes: &[u8], mut i: usize) -> usize {
    while let Some(chunk) = bytes.get(i..).and_then(|b| b.first_chunk::<8>()) {
        let other = non_letters(u64::from_le_bytes(*chunk));
        if other != 0 {
            return i + (other.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    i + bytes.get(i..).map_or(0, |rest| {
        rest.iter().take_while(|b| b.is_ascii_alphabetic()).count()
    })
}

/// Of the 8 bytes packed in `x`, the high bit of the first that is not an ASCII letter as
/// the lowest bit set (bits above it may be set or not); 0 when all 8 are letters.
#[inline]
fn non_letters(x: u64) -> u64 {
    // A byte is a letter when it is ASCII and, with the case bit set, in `a..=z`. The sums
    // carry into the next byte only from a byte that is not ASCII: only bytes past the
    // first that is not a letter can be wrong.
    let y = x | (0x20 * ONES);
    let at_least_a = y.wrapping_add((0x80 - u64::from(b'a')) * ONES);
    let past_z = y.wrapping_add((0x7f - u64::from(b'z')) * ONES);
    (!at_least_a | past_z | y) & HIGH
}

/// A word's first 8 bytes, the first a letter: how many are letters before the first that
/// is not, with the word's [`key4`] and that byte; `None` when all 8 are letters.
#[inline]
fn word_head(chunk: &[u8; 8]) -> Option<(usize, u32, u8)> {
    let x = u64::from_le_bytes(*chunk);
    let other = non_letters(x);
    if other == 0 {
        return None;
    }
    let n = (other.trailing_zeros() / 8) as usize & 7;
    // The case bit set on the letters makes them lower case; the rest is masked off.
    let key = (x | (0x20 * ONES)) as u32 & HEAD_MASK[n];
    Some((n, key, chunk[n]))
}

/// The bytes of a [`key4`] a word of `n` letters keeps.
static HEAD_MASK: [u32; 8] = [
    0,
    0xff,
    0xffff,
    0xff_ffff,
    u32::MAX,
    u32::MAX,
    u32::MAX,
    u32::MAX,
];

/// The first `-` in `bytes` from `i` on (8 bytes at a time), or their length.
#[inline]
fn hyphen_from(bytes: &[u8], mut i: usize) -> usize {
    let hyphens = |chunk: &[u8; 8]| in_range(u64::from_le_bytes(*chunk), b'-', b'-');
    while let Some(chunk) = bytes.get(i..).and_then(|b| b.first_chunk::<8>()) {
        let h = hyphens(chunk);
        if h != 0 {
            return i + (h.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    let len = bytes.len();
    match bytes.last_chunk::<8>() {
        // The last 8 bytes, those before `i` left out.
        Some(last) if i < len => {
            let h = hyphens(last) & (u64::MAX << (8 * (i + 8 - len)));
            if h == 0 {
                len
            } else {
                len - 8 + (h.trailing_zeros() / 8) as usize
            }
        }
        _ => {
            while i < len && bytes[i] != b'-' {
                i += 1;
            }
            i.min(len)
        }
    }
}

/// Whether `\\` at `i` is a hard line break (a separator).
#[inline]
fn line_break(bytes: &[u8], i: usize) -> bool {
    matches!(bytes.get(i + 1), Some(b'\n' | b'\r'))
}

/// White space as Python's `\S` sees it (where a pasted URL ends).
fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{1c}'..='\u{1f}')
}

/// Splits the visible text into words, calling `f` with each (hyphenated words already read
/// as their parts) and the stems it starts with (indices in the lists, in list order); with
/// `all` false, only with those that count (that start with a stem). Words are read leaf
/// block by leaf block: a word never runs from one paragraph, heading or table cell into
/// the next.
fn words(posting: &Posting, all: bool, f: impl FnMut(&Token<'_>, &[u16])) {
    words_with::<true>(posting, all, f);
}

/// [`words`]; with `FAST` false, without [`pass_plain`] (the simple version, for tests).
fn words_with<const FAST: bool>(
    posting: &Posting,
    all: bool,
    mut f: impl FnMut(&Token<'_>, &[u16]),
) {
    let text = posting.text();
    let sections = posting.sections();
    let mut next_section = 0;
    let mut w = WordBuf::new(text);
    let mut e = Emitter {
        lists: &LISTS,
        all,
        block: 0,
        heading: false,
        found: Stems::new(),
    };
    for (block, leaf) in posting.prose_blocks().enumerate() {
        e.block = block;
        let start = leaf[0].start;
        while next_section < sections.len() && sections[next_section].heading.start <= start {
            next_section += 1;
        }
        e.heading = next_section > 0 && sections[next_section - 1].heading.contains(&start);
        let all = e.all;
        // Every plain word is handed over (those without a stem then go no further) unless
        // the slots alone rule words of letters out.
        let every = all || !e.lists.letters_in_slots;
        let mut url = false;
        let mut prev_end: Option<usize> = None;
        for r in leaf {
            if let Some(end) = prev_end.filter(|&e| e < r.start) {
                // Markup between two pieces: a table cell boundary splits; strikethrough
                // markers are text to a CommonMark reader without that extension; emphasis,
                // links and code spans join the pieces as rendered text does.
                let gap = &text[end..r.start];
                if gap.contains('|') {
                    w.flush(&mut e, &mut f);
                    url = false;
                } else if gap.contains('~') && !gap.contains('`') && !url {
                    for (i, b) in gap.bytes().enumerate() {
                        if b == b'~' {
                            w.extend("~", end + i, false);
                        }
                    }
                }
            }
            prev_end = Some(r.end);
            if r.start >= 2 && text.as_bytes()[r.start - 2..r.start] == *b"![" {
                continue; // image alt text
            }
            let piece = &text[r.clone()];
            let bytes = piece.as_bytes();
            let mut i = 0;
            while i < bytes.len() {
                let mut b = bytes[i];
                if url {
                    if b < 0x80 {
                        url = !is_space(char::from(b));
                        i += 1;
                    } else {
                        let c = piece[i..].chars().next().unwrap_or(' ');
                        if is_space(c) {
                            url = false;
                        }
                        i += c.len_utf8();
                    }
                    continue;
                }
                // Plain words and separators go by in one tight loop (nothing is pending).
                if FAST && w.is_empty() {
                    let (at, word) = if every {
                        pass_plain::<true>(bytes, i, e.lists, &mut e.found)
                    } else {
                        pass_plain::<false>(bytes, i, e.lists, &mut e.found)
                    };
                    i = at;
                    if let Some(end) = word {
                        if every {
                            e.word(&piece[at..end], false, |k| r.start + at + k, &mut f);
                        } else {
                            // Its stems are found (as `Emitter::part` would find them).
                            let tok = Token {
                                text: &piece[at..end],
                                block: e.block,
                                start: r.start + at,
                                end: r.start + end,
                                heading: e.heading,
                                after_hyphen: false,
                            };
                            f(&tok, &e.found);
                        }
                        // An ASCII separator after it ends nothing more: passed over too.
                        i = end + usize::from(bytes.get(end).is_some_and(|&c| c < 0x80));
                        continue;
                    }
                    let Some(&next) = bytes.get(i) else {
                        continue;
                    };
                    b = next;
                }
                if b >= 0x80 {
                    w.flush(&mut e, &mut f);
                    i += piece[i..].chars().next().map_or(1, char::len_utf8);
                    continue;
                }
                if SEPARATOR[usize::from(b)] || (b == b'\\' && line_break(bytes, i)) {
                    w.flush(&mut e, &mut f);
                    i += 1;
                    continue;
                }
                if b == b'h' && is_url(&bytes[i..]) {
                    w.flush(&mut e, &mut f);
                    url = true;
                    i += 1;
                    continue;
                }
                // A run of word bytes, up to a separator or a non-ASCII character (`\\` not
                // before a newline and `-` are word bytes): letters 8 at a time.
                let from = i;
                let mut hyphen = b == b'-';
                i += 1;
                loop {
                    i = past_letters(bytes, i);
                    match bytes.get(i) {
                        Some(&b) if !RUN_STOP[usize::from(b)] => {}
                        Some(b'-') => hyphen = true,
                        Some(b'\\') if !line_break(bytes, i) => {}
                        _ => break,
                    }
                    i += 1;
                }
                // A URL may start within the run (`seehttps://`): the run ends before it.
                if bytes.get(i) == Some(&b':')
                    && bytes[i + 1..].starts_with(b"//")
                    && let Some(h) = [i.wrapping_sub(4), i.wrapping_sub(5)]
                        .into_iter()
                        .find(|&h| h >= from && h < i && is_url(&bytes[h..]))
                {
                    i = h;
                    if i == from {
                        continue;
                    }
                    hyphen = bytes[from..i].contains(&b'-');
                }
                // A word that is this run alone (nothing before it, and a separator or a
                // non-ASCII character right after it) is read where it is, not copied.
                let whole = w.is_empty()
                    && bytes
                        .get(i)
                        .is_some_and(|&b| b >= 0x80 || SEPARATOR[usize::from(b)]);
                if whole {
                    if all || hyphen || !e.lists.rules_out(&bytes[from..i]) {
                        e.word(&piece[from..i], hyphen, |k| r.start + from + k, &mut f);
                    }
                    // An ASCII separator after it ends nothing more: passed over too.
                    if bytes[i] < 0x80 {
                        i += 1;
                    }
                    continue;
                }
                w.extend(&piece[from..i], r.start + from, hyphen);
            }
        }
        w.flush(&mut e, &mut f);
    }
}

/// Passes over separators, other characters and plain words (ASCII letters alone, between
/// them) that start with no stem, from byte `i`: where it stopped, and the end of the plain
/// word there when it starts with one (its stems then in `found`; every plain word, its
/// stems not looked for, with `EVERY`). It stops before anything else: other word bytes,
/// `\\`, a URL, a word that runs on or ends the piece.
#[inline(never)]
fn pass_plain<const EVERY: bool>(
    bytes: &[u8],
    mut i: usize,
    lists: &Lists,
    found: &mut Stems,
) -> (usize, Option<usize>) {
    while let Some(&b) = bytes.get(i) {
        match BYTE[usize::from(b)][0] {
            LETTER => {}
            STOP => break,
            step => {
                i += usize::from(step);
                continue;
            }
        }
        // (A URL, `http://` or `https://`, is letters then `:`: it stops below.)
        // The word's end, its `key4` and the byte after it from the same load: its bytes are
        // letters, so the case bit set makes them lower case.
        let (end, key, after) = match bytes.get(i..).and_then(|r| r.first_chunk::<8>()) {
            Some(chunk) => match word_head(chunk) {
                Some((n, key, after)) => (i + n, key, after),
                None => {
                    let end = past_letters(bytes, i + 8);
                    let Some(&after) = bytes.get(end) else {
                        break;
                    };
                    (
                        end,
                        u32::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]) | 0x2020_2020,
                        after,
                    )
                }
            },
            None => {
                let end = past_letters(bytes, i + 1);
                let Some(&after) = bytes.get(end) else {
                    break;
                };
                (end, key4(&bytes[i..end]), after)
            }
        };
        // What ends a plain word: not `:` (a URL may start within the run, `seehttps://`),
        // nor the piece's end (the next piece may go on with it, `**lead**er`).
        let past = BYTE[usize::from(after)][1];
        if past == 0 {
            break;
        }
        if EVERY {
            return (i, Some(end));
        }
        // (`Lists::rules_out_letters`, with `letters_in_slots`; then the stems themselves.)
        if let Some(slot) = find_slot(&lists.slots, key)
            && lists.found_stems(slot, &bytes[i..end], found)
        {
            return (i, Some(end));
        }
        // The separator or character after it is passed over too.
        i = end + usize::from(past);
    }
    (i, None)
}

/// For [`pass_plain`], of each byte: its [`PLAIN`], and after a plain word, 0 when it does
/// not end it, else how many bytes it takes (a separator other than `:`, or the first byte
/// of a character not ASCII). (One table: one register for both.)
static BYTE: [[u8; 2]; 256] = {
    let mut t = [[0; 2]; 256];
    let mut b = 0;
    while b < 256 {
        t[b][0] = PLAIN[b];
        if ENDS_PLAIN[b] {
            t[b][1] = PLAIN[b];
        }
        b += 1;
    }
    t
};

/// Bytes that end a plain word for [`pass_plain`]: a separator other than `:`, or the first
/// byte of a character that is not ASCII.
static ENDS_PLAIN: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = PLAIN[b] != LETTER && PLAIN[b] != STOP && b != b':' as usize;
        b += 1;
    }
    t
};

/// For [`pass_plain`], what a byte starts: a letter, something it stops at, or something it
/// passes over whole (the number of bytes: a separator, or a character not ASCII).
const LETTER: u8 = 0;
const STOP: u8 = u8::MAX;
static PLAIN: [u8; 256] = {
    let mut t = [STOP; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c.is_ascii_alphabetic() {
            LETTER
        } else if c < 0x80 {
            if SEPARATOR[b] { 1 } else { STOP }
        } else if c >= 0xf0 {
            4
        } else if c >= 0xe0 {
            3
        } else if c >= 0xc0 {
            2
        } else {
            // (Never the first byte of a character.)
            STOP
        };
        b += 1;
    }
    t
};

/// The word being read: its bytes, and where each run of them starts in the text (a word
/// split by markup, `**lead**er`, has more than one run). A word of one run is not copied.
struct WordBuf<'t> {
    /// The text the runs are from.
    text: &'t str,
    /// The word's one run so far (its start and end in the text), not copied: then `bytes`
    /// and `runs` are empty.
    single: Option<(usize, usize)>,
    /// Only ASCII (other characters end a word).
    bytes: String,
    /// (index in `bytes`, offset in the text) of each run.
    runs: Vec<(usize, usize)>,
    /// Whether the word has a hyphen.
    hyphen: bool,
}

impl<'t> WordBuf<'t> {
    fn new(text: &'t str) -> Self {
        WordBuf {
            text,
            single: None,
            bytes: String::new(),
            runs: Vec::new(),
            hyphen: false,
        }
    }

    /// Whether no word is being read.
    #[inline]
    fn is_empty(&self) -> bool {
        self.single.is_none() && self.bytes.is_empty()
    }

    /// Adds `run`, the text from `at` on.
    fn extend(&mut self, run: &str, at: usize, hyphen: bool) {
        debug_assert_eq!(self.text.get(at..at + run.len()), Some(run));
        self.hyphen |= hyphen;
        if self.is_empty() && self.runs.is_empty() && !run.is_empty() {
            self.single = Some((at, at + run.len()));
            return;
        }
        if let Some((start, end)) = self.single.take() {
            self.runs.push((0, start));
            self.bytes.push_str(&self.text[start..end]);
        }
        let contiguous = self
            .runs
            .last()
            .is_some_and(|&(i, o)| o + (self.bytes.len() - i) == at);
        if !contiguous {
            self.runs.push((self.bytes.len(), at));
        }
        self.bytes.push_str(run);
    }

    /// The text offset of byte `i` of the word.
    fn offset(&self, i: usize) -> usize {
        let k = self.runs.partition_point(|&(j, _)| j <= i) - 1;
        let (j, o) = self.runs[k];
        o + (i - j)
    }

    #[inline]
    fn flush(&mut self, e: &mut Emitter, f: &mut impl FnMut(&Token<'_>, &[u16])) {
        if let Some((start, end)) = self.single.take() {
            e.word(&self.text[start..end], self.hyphen, |i| start + i, f);
            self.hyphen = false;
        } else if !self.bytes.is_empty() {
            self.emit(e, f);
        }
    }

    fn emit(&mut self, e: &mut Emitter, f: &mut impl FnMut(&Token<'_>, &[u16])) {
        e.word(&self.bytes, self.hyphen, |i| self.offset(i), f);
        self.bytes.clear();
        self.runs.clear();
        self.hyphen = false;
    }
}

/// The stems of one word, by index: one or two almost always, kept inline (no allocation
/// per posting).
type Stems = smallvec::SmallVec<[u16; 8]>;

/// Hands words to the caller with their stems.
struct Emitter {
    lists: &'static Lists,
    all: bool,
    block: usize,
    heading: bool,
    /// The stems of the word at hand (reused).
    found: Stems,
}

impl Emitter {
    /// A word, read as its parts when it has a hyphen (unless it starts with a hyphenated
    /// stem); `at` gives the text offset of each of its bytes.
    #[inline]
    fn word(
        &mut self,
        word: &str,
        hyphen: bool,
        at: impl Fn(usize) -> usize,
        f: &mut impl FnMut(&Token<'_>, &[u16]),
    ) {
        // (The hyphenated stems' first bytes rule out most words at once.)
        let first = word.as_bytes().first().map_or(0, u8::to_ascii_lowercase);
        let keep_whole = !hyphen
            || self.lists.hyphenated_first[usize::from(first)]
                && self
                    .lists
                    .hyphenated
                    .iter()
                    .any(|h| h.as_bytes()[0] == first && starts_with(word.as_bytes(), h));
        if keep_whole {
            self.part(word, 0, word.len(), false, &at, f);
            return;
        }
        let bytes = word.as_bytes();
        let mut from = 0;
        let mut part = 0;
        loop {
            let to = hyphen_from(bytes, from);
            if to > from {
                self.part(word, from, to, part > 0, &at, f);
            }
            if to == bytes.len() {
                return;
            }
            part += 1;
            from = to + 1;
        }
    }

    #[inline]
    fn part(
        &mut self,
        word: &str,
        from: usize,
        to: usize,
        after_hyphen: bool,
        at: &impl Fn(usize) -> usize,
        f: &mut impl FnMut(&Token<'_>, &[u16]),
    ) {
        let text = &word[from..to];
        self.found.clear();
        let found = &mut self.found;
        self.lists.each_stem(text.as_bytes(), |i| found.push(i));
        // Only words that start with a stem count: the research measure needs no other.
        if !self.all && self.found.is_empty() {
            return;
        }
        f(
            &Token {
                text,
                block: self.block,
                start: at(from),
                end: at(to - 1) + 1,
                heading: self.heading,
                after_hyphen,
            },
            &self.found,
        );
    }
}

/// A counted word: where it is, as written, and the stems it starts with (one count each).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Which way it is coded.
    pub coding: Coding,
    /// Byte offset in the posting.
    pub start: usize,
    /// Byte offset just after it.
    pub end: usize,
    /// As written.
    pub word: Written,
    /// The stems it starts with (one or two almost always: kept inline).
    pub stems: smallvec::SmallVec<[&'static str; 2]>,
}

/// A counted word as written: nearly always the text from the hit's start to its end, else
/// a copy (a word joined across markup, `**lead**er`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Written {
    /// The text from the hit's start to its end.
    InText,
    /// A copy.
    Copy(String),
}

impl Written {
    #[inline]
    fn new(text: &str, tok: &Token<'_>) -> Self {
        // (Nearly always the very slice of the text: no bytes to compare, no boundaries to
        // check.)
        if text.as_ptr().wrapping_add(tok.start) == tok.text.as_ptr()
            && tok.start + tok.text.len() == tok.end
        {
            return Written::InText;
        }
        let at = text.get(tok.start..tok.end);
        if at.is_some_and(|a| std::ptr::eq(a, tok.text)) || at == Some(tok.text) {
            Written::InText
        } else {
            Written::Copy(tok.text.to_string())
        }
    }
}

impl Hit {
    /// The word as written (`text` is the posting's).
    pub fn word<'a>(&'a self, text: &'a str) -> &'a str {
        match &self.word {
            Written::InText => &text[self.start..self.end],
            Written::Copy(w) => w,
        }
    }
}

/// A coded word that context mode does not count, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetAside {
    /// What was set aside, as written (with the next word when that is the reason).
    pub words: String,
    /// Counts it would have had.
    pub count: usize,
}

/// What the measure found in a posting.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Measure {
    /// Masculine-coded count.
    pub masculine: usize,
    /// Feminine-coded count.
    pub feminine: usize,
    /// Every counted word, in file order.
    pub hits: Vec<Hit>,
    /// Words context mode set aside, in file order.
    pub set_aside: Vec<SetAside>,
}

impl Measure {
    fn count(&mut self, hits: impl IntoIterator<Item = Hit>) {
        for h in hits {
            match h.coding {
                Coding::Masculine => self.masculine += h.stems.len(),
                Coding::Feminine => self.feminine += h.stems.len(),
            }
            self.hits.push(h);
        }
    }
}

/// The measure of a posting: the research measure, or with context mode's exclusions.
pub fn measure(posting: &Posting, mode: GenderMode) -> Measure {
    // A usual posting counts a dozen or two words: one allocation, not four or five.
    let mut out = Measure {
        hits: Vec::with_capacity(32),
        ..Measure::default()
    };
    let lists: &'static Lists = &LISTS;
    let text = posting.text();
    if mode == GenderMode::Research {
        // Every word counts whatever follows it: its hits go straight into the measure.
        words(posting, false, |tok, stems| {
            let first = out.hits.len();
            for &i in stems {
                let (stem, coding) = &lists.stems[usize::from(i)];
                let (stem, coding) = (stem.as_str(), *coding);
                match out.hits[first..].iter_mut().find(|h| h.coding == coding) {
                    Some(h) => h.stems.push(stem),
                    None => out.hits.push(Hit {
                        coding,
                        start: tok.start,
                        end: tok.end,
                        word: Written::new(text, tok),
                        stems: smallvec::smallvec![stem],
                    }),
                }
                match coding {
                    Coding::Masculine => out.masculine += 1,
                    Coding::Feminine => out.feminine += 1,
                }
            }
        });
        return out;
    }
    // A counted word waits for the next word of its block (context mode reads "kind of").
    let mut pending: Option<(Pending, Vec<Hit>)> = None;
    let settle = |out: &mut Measure, p: Pending, hits: Vec<Hit>, next: Option<&Token<'_>>| {
        if let Some(words) = set_aside(&p.token(), next) {
            let count = hits.iter().map(|h| h.stems.len()).sum();
            out.set_aside.push(SetAside { words, count });
            return;
        }
        out.count(hits);
    };
    words(posting, true, |tok, stems| {
        if let Some((p, hits)) = pending.take() {
            let next = (tok.block == p.block).then_some(tok);
            settle(&mut out, p, hits, next);
        }
        let mut hits: Vec<Hit> = Vec::new();
        for &i in stems {
            let (stem, coding) = &lists.stems[usize::from(i)];
            let (stem, coding) = (stem.as_str(), *coding);
            match hits.iter_mut().find(|h| h.coding == coding) {
                Some(h) => h.stems.push(stem),
                None => hits.push(Hit {
                    coding,
                    start: tok.start,
                    end: tok.end,
                    word: Written::new(text, tok),
                    stems: smallvec::smallvec![stem],
                }),
            }
        }
        if !hits.is_empty() {
            pending = Some((Pending::of(tok), hits));
        }
    });
    if let Some((p, hits)) = pending.take() {
        settle(&mut out, p, hits, None);
    }
    out
}

/// A counted word kept until the next one is read.
struct Pending {
    text: String,
    block: usize,
    start: usize,
    end: usize,
    heading: bool,
    after_hyphen: bool,
}

impl Pending {
    fn of(t: &Token<'_>) -> Self {
        Pending {
            text: t.text.to_string(),
            block: t.block,
            start: t.start,
            end: t.end,
            heading: t.heading,
            after_hyphen: t.after_hyphen,
        }
    }

    fn token(&self) -> Token<'_> {
        Token {
            text: &self.text,
            block: self.block,
            start: self.start,
            end: self.end,
            heading: self.heading,
            after_hyphen: self.after_hyphen,
        }
    }
}

/// Context mode: uses of a coded word that are about things, not people. Each was a false
/// alarm in real postings; `None` when the word counts.
///
/// - In a heading: headings are structure ("## Responsibilities", "## Leadership principles").
/// - "kind of" / "kinds of": a question ("what kind of work"), not kindness.
/// - "understanding of": knowledge ("understanding of SQL"), not empathy.
/// - "competitive" before pay words: "competitive salary" is about pay, not rivalry.
/// - "responsibility" / "responsibilities", "response(s)": duties and incident response.
/// - "objectives": goals ("key objectives"), not objectivity.
/// - "committee(s)": a body of people, not commitment.
/// - "dependency" / "dependencies": software ("manage dependencies").
/// - "driven" after a hyphen: a method ("data-driven", "test-driven"), not drive.
pub fn set_aside(tok: &Token<'_>, next: Option<&Token<'_>>) -> Option<String> {
    let w = tok.text.to_ascii_lowercase();
    let next_lower = next.map(|n| n.text.to_ascii_lowercase());
    let next_word = next_lower.as_deref().unwrap_or("");
    let with_next = || match next {
        Some(n) => format!("{} {}", tok.text, n.text),
        None => tok.text.to_string(),
    };
    if tok.heading {
        return Some(format!("{} (heading)", tok.text));
    }
    if matches!(w.as_str(), "kind" | "kinds" | "understanding") && next_word == "of" {
        return Some(with_next());
    }
    const PAY: &[&str] = &[
        "salary",
        "salaries",
        "pay",
        "compensation",
        "wage",
        "wages",
        "benefits",
        "package",
        "rates",
        "rate",
        "bonus",
        "equity",
    ];
    if w == "competitive" && PAY.contains(&next_word) {
        return Some(with_next());
    }
    let thing = w.starts_with("responsibilit")
        || matches!(w.as_str(), "response" | "responses" | "objectives")
        || w.starts_with("committee")
        || matches!(
            w.as_str(),
            "dependency" | "dependencies" | "interdependency" | "interdependencies"
        )
        || (w == "driven" && tok.after_hyphen);
    thing.then(|| {
        if tok.after_hyphen {
            format!("-{}", tok.text)
        } else {
            tok.text.to_string()
        }
    })
}

/// The verdict Gender Decoder gives for these counts (feminine minus masculine).
pub fn verdict(masculine: usize, feminine: usize) -> &'static str {
    let d = feminine as i64 - masculine as i64;
    match d {
        0 if feminine == 0 => "empty",
        0 => "neutral",
        4.. => "strongly feminine-coded",
        1..=3 => "feminine-coded",
        -3..=-1 => "masculine-coded",
        _ => "strongly masculine-coded",
    }
}

/// Runs the rule: `english` is `Err(language name)` when the posting is in another
/// language, which the rule does not judge.
pub(super) fn run(posting: &Posting, english: Result<(), &str>, out: &mut Sink) {
    if !out.rules.enabled(RuleId::GenderedWording) {
        return;
    }
    if let Err(language) = english {
        out.add_fixed(
            RuleId::GenderedWording,
            Severity::Info,
            super::content::first_heading(posting),
            format!(
                "not judged: the posting is in {language}, and the research behind this rule (Gaucher, Friesen & Kay 2011) used English word lists"
            ),
        );
        return;
    }
    let mode = out.rules.gender_mode;
    let m = measure(posting, mode);
    report(
        &m,
        posting.text(),
        mode,
        super::content::first_heading(posting),
        out,
    );
}

/// The verdict at the first word of the side it names (`fallback` when no word counted),
/// then every counted word.
fn report(m: &Measure, text: &str, mode: GenderMode, fallback: usize, out: &mut Sink) {
    let verdict = verdict(m.masculine, m.feminine);
    if verdict == "empty" && m.set_aside.is_empty() {
        return;
    }
    let strong_masculine = verdict == "strongly masculine-coded";
    let severity = if strong_masculine {
        match out.level(RuleId::GenderedWording) {
            Level::Error => Severity::Error,
            Level::Warning => Severity::Warning,
            Level::Info | Level::Off => Severity::Info,
        }
    } else {
        Severity::Info
    };
    let why = match verdict {
        "strongly masculine-coded" | "masculine-coded" => {
            "masculine-coded ads draw fewer women applicants (Gaucher, Friesen & Kay 2011)"
        }
        "strongly feminine-coded" | "feminine-coded" => {
            "feminine-coded wording was not found to put men off"
        }
        _ => "the coded words balance out",
    };
    let side = match verdict {
        "strongly masculine-coded" | "masculine-coded" => Some(Coding::Masculine),
        "strongly feminine-coded" | "feminine-coded" => Some(Coding::Feminine),
        _ => None,
    };
    let at = side
        .and_then(|s| m.hits.iter().find(|h| h.coding == s))
        .or(m.hits.first())
        .map_or(fallback..fallback, |h| h.start..h.end);
    let plural = if m.feminine == 1 { "word" } else { "words" };
    // Built by hand: one allocation, no formatting machinery.
    let shown = if verdict == "empty" {
        "neutral"
    } else {
        verdict
    };
    let mut message = String::with_capacity(shown.len() + why.len() + 64);
    message.push_str(shown);
    message.push_str(": ");
    push_count(&mut message, m.masculine);
    message.push_str(" masculine, ");
    push_count(&mut message, m.feminine);
    message.push_str(" feminine ");
    message.push_str(plural);
    message.push_str("; ");
    message.push_str(why);
    if mode == GenderMode::Context && !m.set_aside.is_empty() {
        let n: usize = m.set_aside.iter().map(|s| s.count).sum();
        let mut listed: Vec<(String, usize)> = Vec::new();
        for s in &m.set_aside {
            match listed
                .iter_mut()
                .find(|(w, _)| w.eq_ignore_ascii_case(&s.words))
            {
                Some(e) => e.1 += 1,
                None => listed.push((s.words.clone(), 1)),
            }
        }
        let listed: Vec<String> = listed
            .into_iter()
            .map(|(w, k)| {
                if k > 1 {
                    format!("\"{w}\" ×{k}")
                } else {
                    format!("\"{w}\"")
                }
            })
            .collect();
        message.push_str(&format!(
            " (context mode set aside {n} as not about people: {})",
            listed.join(", ")
        ));
    }
    out.add_fixed(RuleId::GenderedWording, severity, at, message);
    // (The rule is on: `add_fixed`'s test was made once, in `run`.)
    for h in &m.hits {
        out.push(
            RuleId::GenderedWording,
            Severity::Info,
            At::Span(h.start..h.end),
            hit_message(h, text),
            Vec::new(),
        );
    }
}

/// A counted word's finding: `masculine-coded word "Lead"`, with its stems when it counts
/// more than once. Built by hand into a string of the exact size: a posting has dozens.
fn hit_message(h: &Hit, text: &str) -> String {
    let word = h.word(text);
    let coded = match h.coding {
        Coding::Masculine => "masculine-coded word \"",
        Coding::Feminine => "feminine-coded word \"",
    };
    let n = h.stems.len();
    let mut len = coded.len() + word.len() + 1;
    if n > 1 {
        // ` (counts twice: a, b)` or ` (counts N times: a, b, c)`.
        len += h.stems.iter().map(|s| s.len() + 2).sum::<usize>() - 2 + 1;
        len += if n == 2 {
            " (counts twice: ".len()
        } else {
            " (counts  times: ".len() + count_len(n)
        };
    }
    let mut message = String::with_capacity(len);
    message.push_str(coded);
    message.push_str(word);
    message.push('"');
    if n > 1 {
        if n == 2 {
            message.push_str(" (counts twice: ");
        } else {
            message.push_str(" (counts ");
            push_count(&mut message, n);
            message.push_str(" times: ");
        }
        for (k, stem) in h.stems.iter().enumerate() {
            if k > 0 {
                message.push_str(", ");
            }
            message.push_str(stem);
        }
        message.push(')');
    }
    message
}

/// How many decimal digits `n` has.
fn count_len(mut n: usize) -> usize {
    let mut len = 1;
    while n >= 10 {
        n /= 10;
        len += 1;
    }
    len
}

/// Appends `n` in decimal, as `Display` writes it.
fn push_count(out: &mut String, n: usize) {
    out.push_str(super::json::decimal(n, &mut [0; 20]));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::{Finding, Rules, review_with};
    use proptest::strategy::Strategy;

    fn found_with(text: &str, rules: &Rules) -> Vec<Finding> {
        review_with("t.md".into(), &Posting::parse(text), rules)
            .findings
            .into_iter()
            .filter(|f| f.rule == RuleId::GenderedWording)
            .collect()
    }

    fn found(text: &str) -> Vec<Finding> {
        found_with(text, &Rules::default())
    }

    fn counted(text: &str) -> Vec<String> {
        let p = Posting::parse(text);
        measure(&p, GenderMode::Research)
            .hits
            .iter()
            .map(|h| format!("{}:{}", h.word(p.text()), h.stems.join("+")))
            .collect()
    }

    #[test]
    fn words_count_by_the_stems_they_start_with() {
        assert_eq!(
            counted("# A\n\nLead, leader, leadership; not misleading. The kindest.\n"),
            [
                "Lead:lead",
                "leader:lead",
                "leadership:lead",
                "kindest:kind"
            ]
        );
        // One count per stem: "dominant" starts with "domina" and "dominant".
        assert_eq!(counted("# A\n\nDominant.\n"), ["Dominant:domina+dominant"]);
        let m = measure(&Posting::parse("# A\n\nDominant.\n"), GenderMode::Research);
        assert_eq!((m.masculine, m.feminine), (2, 0));
    }

    #[test]
    fn hyphens_split_unless_a_hyphenated_stem_starts_the_word() {
        assert_eq!(
            counted("# A\n\nSelf-confident, data-driven, well-supported, co-operative.\n"),
            [
                "Self-confident:self-confiden",
                "driven:driven",
                "supported:support",
                "co-operative:co-operat"
            ]
        );
    }

    #[test]
    fn non_ascii_and_punctuation_split_words_as_gender_decoder_does() {
        // "é" is a space to Gender Decoder: "lé" is "l", and "_lead" or "#lead" are words
        // that do not start with "lead".
        assert_eq!(
            counted("# A\n\nlead’s (lead) x/lead \"lead\" _lead #lead lead+ le\u{e9}ad\n"),
            [
                "lead:lead",
                "lead:lead",
                "lead:lead",
                "lead:lead",
                "lead+:lead"
            ]
        );
    }

    #[test]
    fn only_visible_text_counts() {
        let t = "---\ntitle: Lead Engineer\n---\n# Leadership\n\nSee [our leaders](https://lead.example) \
                 and https://x.org/leader or `lead` code.\n\n```\nlead\n```\n\n<!-- lead -->\n\n\
                 ![lead](logo.png)\n\n| Lead | Support |\n|---|---|\n| x | y |\n\n**lead**er ~~lead~~\n";
        assert_eq!(
            counted(t),
            [
                "Leadership:lead",
                "leaders:lead",
                "Lead:lead",
                "Support:support",
                "leader:lead"
            ]
        );
    }

    #[test]
    fn verdicts_follow_gender_decoders_thresholds() {
        assert_eq!(verdict(0, 0), "empty");
        assert_eq!(verdict(2, 2), "neutral");
        assert_eq!(verdict(0, 1), "feminine-coded");
        assert_eq!(verdict(1, 4), "feminine-coded");
        assert_eq!(verdict(1, 5), "strongly feminine-coded");
        assert_eq!(verdict(3, 0), "masculine-coded");
        assert_eq!(verdict(4, 0), "strongly masculine-coded");
    }

    #[test]
    fn a_strongly_masculine_posting_is_a_warning_with_every_word_listed() {
        let t = "# Role\n\nLead the team. A leader, ambitious, competitive, decisive, \
                 independent and assertive. Supportive.\n";
        let f = found(t);
        assert_eq!(f[0].severity, Severity::Warning);
        assert_eq!(
            f[0].message,
            "strongly masculine-coded: 7 masculine, 1 feminine word; masculine-coded ads draw \
             fewer women applicants (Gaucher, Friesen & Kay 2011)"
        );
        assert_eq!((f[0].line, f[0].column), (3, 1));
        assert_eq!(f.len(), 9);
        assert!(f[1..].iter().all(|f| f.severity == Severity::Info));
        assert_eq!(f[1].message, "masculine-coded word \"Lead\"");
        assert_eq!(f[8].message, "feminine-coded word \"Supportive\"");
    }

    #[test]
    fn mild_and_balanced_postings_are_information() {
        let f = found("# A\n\nYou will lead and decide. We support you.\n");
        assert_eq!(f[0].severity, Severity::Info);
        assert!(
            f[0].message
                .starts_with("masculine-coded: 2 masculine, 1 feminine word;")
        );
        let f = found("# A\n\nLead with care and support.\n");
        assert_eq!(f[0].severity, Severity::Info);
        assert!(
            f[0].message
                .starts_with("neutral: 1 masculine, 1 feminine word;"),
            "{}",
            f[0].message
        );
        assert!(found("# A\n\nWe bake bread.\n").is_empty());
    }

    #[test]
    fn context_mode_sets_aside_uses_about_things_and_says_which() {
        let t = "# Leadership Responsibilities\n\nWhat kind of work? A competitive salary. \
                 Understanding of SQL, data-driven, incident response, key objectives, \
                 dependencies, committees. You will lead.\n";
        let research = found(t);
        assert!(
            research.iter().any(|f| f
                .message
                .starts_with("feminine-coded: 5 masculine, 6 feminine words")),
            "{research:?}"
        );
        let rules = Rules::default().with_gender_mode(GenderMode::Context);
        let f = found_with(t, &rules);
        assert_eq!(
            f[0].message,
            "masculine-coded: 1 masculine, 0 feminine words; masculine-coded ads draw fewer \
             women applicants (Gaucher, Friesen & Kay 2011) (context mode set aside 10 as not \
             about people: \"Leadership (heading)\", \"Responsibilities (heading)\", \"kind of\", \
             \"competitive salary\", \"Understanding of\", \"-driven\", \"response\", \
             \"objectives\", \"dependencies\", \"committees\")"
        );
        assert_eq!(f.len(), 2);
        assert_eq!(f[1].message, "masculine-coded word \"lead\"");
    }

    #[test]
    fn other_languages_are_not_judged_and_it_says_so_once() {
        let t = "---\nlang: de\n---\n# Über uns\n\nWir sind ein kleines Team. Loyal, kind, \
                 ambitioniert.\n";
        let f = found(t);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].severity, Severity::Info);
        assert!(
            f[0].message
                .starts_with("not judged: the posting is in German"),
            "{}",
            f[0].message
        );
        let off = Rules::new(
            [(RuleId::GenderedWording, Level::Off)].into(),
            None,
            &Default::default(),
        );
        assert!(found_with(t, &off).is_empty());
    }

    /// Every stem a word starts with, by the definition (list order, no index).
    fn stems_reference(word: &[u8]) -> Vec<&'static str> {
        let lists: &'static Lists = &LISTS;
        lists
            .stems
            .iter()
            .filter(|(stem, _)| starts_with(word, stem))
            .map(|(stem, _)| stem.as_str())
            .collect()
    }

    #[test]
    fn the_stem_index_agrees_with_the_lists_on_every_stem() {
        assert!(
            LISTS
                .short
                .iter()
                .all(|s| LISTS.stems[usize::from(s.2)].0.len() < 4),
            "short stems"
        );
        for (stem, _) in &LISTS.stems {
            for word in [
                stem.clone(),
                stem.to_ascii_uppercase(),
                format!("{stem}s"),
                stem[..stem.len() - 1].to_string(),
            ] {
                let mut found = Vec::new();
                stems_of(word.as_bytes(), |s, _| found.push(s));
                assert_eq!(found, stems_reference(word.as_bytes()), "{word}");
                assert_eq!(has_stem(word.as_bytes()), !found.is_empty(), "{word}");
            }
        }
    }

    #[test]
    fn packed_url_starts_agree_with_the_prefixes() {
        for t in [
            "https://x",
            "http://x",
            "https:/",
            "http:/",
            "https://",
            "http://",
            "http:x//",
            "hTTp://abc",
            "httpss://",
            "h",
            "",
            "ttp://",
            "https:",
            "http://\u{e9}",
        ] {
            let b = t.as_bytes();
            let simple = b.starts_with(b"https://") || b.starts_with(b"http://");
            assert_eq!(is_url(b), simple, "{t:?}");
        }
    }

    #[test]
    fn the_first_four_bytes_rule_out_only_words_without_stems() {
        for (stem, _) in &LISTS.stems {
            for word in [stem.clone(), stem.to_ascii_uppercase(), format!("{stem}x")] {
                assert!(!LISTS.rules_out(word.as_bytes()), "{word}");
            }
        }
    }

    #[test]
    fn a_word_of_letters_with_a_stem_finds_a_slot() {
        let mut words = Vec::new();
        for (stem, _) in &LISTS.stems {
            if stem.bytes().all(|b| b.is_ascii_alphabetic()) {
                words.extend([stem.clone(), stem.to_ascii_uppercase()]);
                for c in ('a'..='z').chain('A'..='Z') {
                    words.push(format!("{stem}{c}"));
                    words.push(format!("{stem}{c}{c}s"));
                }
            }
        }
        for word in words {
            let b = word.as_bytes();
            assert!(!LISTS.rules_out_letters(key4(b), b.len()), "{word}");
        }
    }

    /// Every token `words_with` hands over, with its stems.
    fn tokens<const FAST: bool>(text: &str, all: bool) -> Vec<(Token<'static>, Vec<u16>)> {
        let p = Posting::parse(text);
        let mut out = Vec::new();
        words_with::<FAST>(&p, all, |t, stems| {
            let t = Token {
                text: t.text.to_string().leak(),
                ..t.clone()
            };
            out.push((t, stems.to_vec()));
        });
        out
    }

    #[test]
    fn plain_words_are_read_as_the_byte_loop_reads_them() {
        for t in [
            "# Lead\n\nLead, leader; seehttps://lead.example lead http://x **lead**er x\\\nlead\n",
            "# A\n\n| lead | kind |\n|---|---|\n| warm | loyal |\n\nSelf-confident data-driven \
             lead’s lé ~~lead~~ [lead](https://x) ![lead](y) `lead` <b>lead</b> lead\n",
            "lead",
            "",
        ] {
            for all in [false, true] {
                assert_eq!(tokens::<true>(t, all), tokens::<false>(t, all), "{t:?}");
            }
        }
    }

    #[test]
    fn the_slot_table_is_mostly_empty() {
        // (Short probes; and a probe for a key without a slot always meets an empty one.)
        let used = LISTS.slots.iter().filter(|s| s.len != 0).count();
        assert!(
            used > 0 && used * 4 <= SLOTS,
            "{used} of {SLOTS} slots used"
        );
    }

    proptest::proptest! {
        #[test]
        fn hyphens_are_found_as_a_byte_search_finds_them(
            word in "[a-z-]{0,20}",
            from in 0usize..21,
        ) {
            let b = word.as_bytes();
            let from = from.min(b.len());
            let simple = b[from..].iter().position(|&c| c == b'-').map_or(b.len(), |k| from + k);
            proptest::prop_assert_eq!(hyphen_from(b, from), simple);
        }

        #[test]
        fn long_stems_match_as_the_byte_compare_does(word in "[a-zA-Z-]{9,18}") {
            let b = word.as_bytes();
            for (i, (stem, _)) in LISTS.stems.iter().enumerate() {
                if stem.len() > 8 && b.len() >= stem.len() && starts_with(b, &stem[..8]) {
                    proptest::prop_assert_eq!(LISTS.rest_matches(i, b), starts_with(b, stem));
                }
            }
        }
    }

    #[test]
    fn long_stems_match_their_words() {
        for (i, (stem, _)) in LISTS.stems.iter().enumerate() {
            if stem.len() > 8 {
                let upper = stem.to_ascii_uppercase() + "ing";
                assert!(LISTS.rest_matches(i, upper.as_bytes()), "{stem}");
                let mut off = stem.clone().into_bytes();
                *off.last_mut().unwrap() ^= 1;
                assert!(!LISTS.rest_matches(i, &off), "{stem}");
            }
        }
    }

    #[test]
    fn words_across_markup_are_read_whole_and_placed_in_the_text() {
        let text = "# A\n\n**Lead**er, **lead**: x**lead** ~~kind~~ a**b**c-**lead**\n";
        let got: Vec<(String, usize, usize, bool)> = tokens::<true>(text, true)
            .into_iter()
            .map(|(t, _)| (t.text.to_string(), t.start, t.end, t.after_hyphen))
            .collect();
        let at = |w: &str| text.find(w).unwrap();
        assert_eq!(
            got,
            [
                ("A".to_string(), 2, 3, false),
                ("Leader".to_string(), at("Lead"), at("er,") + 2, false),
                ("lead".to_string(), at("lead*"), at("lead*") + 4, false),
                ("xlead".to_string(), at("x**"), at("x**") + 7, false),
                ("~~kind~~".to_string(), at("~~"), at("~~") + 8, false),
                ("abc".to_string(), at("a**b"), at("c-") + 1, false),
                ("lead".to_string(), at("-**") + 3, at("-**") + 7, true),
            ]
        );
    }

    proptest::proptest! {
        #[test]
        fn the_first_byte_not_a_letter_is_found(b in proptest::array::uniform8(proptest::prelude::any::<u8>())) {
            let first = b.iter().position(|c| !c.is_ascii_alphabetic());
            let other = non_letters(u64::from_le_bytes(b));
            proptest::prop_assert_eq!(
                (other != 0).then(|| (other.trailing_zeros() / 8) as usize),
                first
            );
            if let Some(k) = first {
                proptest::prop_assert_eq!(other.trailing_zeros() % 8, 7);
                proptest::prop_assert!(k < 8);
            }
        }
    }

    #[test]
    fn hit_messages_are_the_formatted_ones() {
        let text = "Lead x";
        for stems in [
            vec!["lead"],
            vec!["domina", "dominant"],
            vec!["a", "bb", "ccc"],
            (0..12).map(|_| "x").collect(),
        ] {
            for coding in [Coding::Masculine, Coding::Feminine] {
                let h = Hit {
                    coding,
                    start: 0,
                    end: 4,
                    word: Written::InText,
                    stems: stems.iter().copied().collect(),
                };
                let mut simple = format!("{}-coded word \"{}\"", coding.as_str(), "Lead");
                match stems.len() {
                    1 => {}
                    2 => simple.push_str(&format!(" (counts twice: {})", stems.join(", "))),
                    n => simple.push_str(&format!(" (counts {n} times: {})", stems.join(", "))),
                }
                let built = hit_message(&h, text);
                assert_eq!(built, simple);
                assert_eq!(built.capacity(), built.len());
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn counts_are_written_as_display_writes_them(n in proptest::prelude::any::<usize>()) {
            let mut s = String::from("x");
            push_count(&mut s, n);
            proptest::prop_assert_eq!(s, format!("x{n}"));
            proptest::prop_assert_eq!(count_len(n), n.to_string().len());
        }
    }

    proptest::proptest! {
        #[test]
        fn plain_words_agree_with_the_byte_loop(
            parts in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::string::string_regex("[a-zA-Z]{1,9}").unwrap(),
                    proptest::sample::select(vec![
                        "lead", "Kind", "hTTps://x", "http://", "h", " ", "  ", "\n", "\n\n",
                        ".", ",", ":", "//", "-", "'", "’", "é", "\u{a0}", "*", "**", "~~", "|",
                        "\\", "\\\n", "#", "# ", "- ", "1", "_", "`", "[", "](", ")", "![",
                        "<b>", "</b>", "\t", "\u{1f600}", "self-", "co-operat", "nag", "Na",
                    ]).prop_map(str::to_string),
                ],
                0..40,
            ),
            all in proptest::prelude::any::<bool>()
        ) {
            let t = parts.concat();
            proptest::prop_assert_eq!(tokens::<true>(&t, all), tokens::<false>(&t, all));
        }
    }

    /// [`word_head`] byte by byte.
    fn word_head_simple(b: [u8; 8]) -> Option<(usize, u32, u8)> {
        let n = b.iter().take_while(|b| b.is_ascii_alphabetic()).count();
        (n < 8).then(|| (n, key4(&b[..n]), b[n]))
    }

    proptest::proptest! {
        #[test]
        fn past_letters_stops_at_the_first_other_byte(
            bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..40),
            from in 0usize..40
        ) {
            let from = from.min(bytes.len());
            let simple = from + bytes[from..].iter().take_while(|b| b.is_ascii_alphabetic()).count();
            proptest::prop_assert_eq!(past_letters(&bytes, from), simple);
        }

        #[test]
        fn a_word_head_is_read_8_bytes_at_a_time(x in proptest::prelude::any::<u64>()) {
            proptest::prop_assert_eq!(word_head(&x.to_le_bytes()), word_head_simple(x.to_le_bytes()));
        }

        #[test]
        fn word_heads_of_words(word in "[a-zA-Z]{1,9}[^a-zA-Z]?[a-z]{0,3}") {
            let mut b = [0u8; 8];
            let n = word.len().min(8);
            b[..n].copy_from_slice(&word.as_bytes()[..n]);
            proptest::prop_assert_eq!(word_head(&b), word_head_simple(b));
        }

        #[test]
        fn letters_pass_and_others_stop(word in "[a-zA-Z]{0,20}[^a-zA-Z]?[a-z]{0,3}") {
            let simple = word.bytes().take_while(u8::is_ascii_alphabetic).count();
            proptest::prop_assert_eq!(past_letters(word.as_bytes(), 0), simple);
        }

        #[test]
        fn a_word_of_letters_ruled_out_has_no_stem(word in "(nag|na|n|lead|kind|co|)[a-zA-Z]{0,9}") {
            let b = word.as_bytes();
            if !b.is_empty() && LISTS.rules_out_letters(key4(b), b.len()) {
                proptest::prop_assert!(stems_reference(b).is_empty());
            }
        }

        #[test]
        fn a_word_ruled_out_has_no_stem(word in "[a-zA-Z0-9_-]{0,12}") {
            if LISTS.rules_out(word.as_bytes()) {
                proptest::prop_assert!(stems_reference(word.as_bytes()).is_empty());
            }
        }

        #[test]
        fn prefix_keys_are_the_first_8_bytes(word in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..12)) {
            let mut b = [0u8; 8];
            let n = word.len().min(8);
            b[..n].copy_from_slice(&word[..n]);
            let simple = u64::from_le_bytes(b.map(|c| c.to_ascii_lowercase()));
            proptest::prop_assert_eq!(prefix_key(&word), simple);
        }

        #[test]
        fn packed_lower_case_is_each_byte_in_lower_case(x in proptest::prelude::any::<u64>()) {
            let each = u64::from_le_bytes(x.to_le_bytes().map(|b| b.to_ascii_lowercase()));
            proptest::prop_assert_eq!(ascii_lowercase_u64(x), each);
        }

        #[test]
        fn the_stem_index_agrees_with_the_lists(word in "[a-zA-Z0-9_~#-]{0,12}") {
            let mut found = Vec::new();
            stems_of(word.as_bytes(), |s, _| found.push(s));
            proptest::prop_assert_eq!(&found, &stems_reference(word.as_bytes()));
            proptest::prop_assert_eq!(has_stem(word.as_bytes()), !found.is_empty());
        }
    }
}
