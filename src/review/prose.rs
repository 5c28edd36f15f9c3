//! The literal prose of a posting, as words with byte offsets: what the language and
//! content rules read. Only text counts: never code, HTML, URLs, e-mail addresses, YAML
//! keys or comments, or placeholders (`[Salary Range]` is not a salary).

use std::ops::Range;

use crate::posting::{Placeholder, Posting};

/// A block's pieces: nearly always one or two, kept inline.
pub type Ranges = smallvec::SmallVec<[Range<usize>; 2]>;

/// A run of prose the author wrote in one place (a paragraph, a heading, a list item, a
/// front matter value), as byte ranges of the posting's text with placeholders cut out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// The pieces, in order.
    pub ranges: Ranges,
    /// Where it comes from.
    pub origin: Origin,
    /// For a front matter value, its top-level key (lower case); empty otherwise.
    pub key: String,
}

impl Block {
    /// Its length in bytes.
    pub fn len(&self) -> usize {
        self.ranges.iter().map(|r| r.len()).sum()
    }

    /// Whether it has no bytes (never, as [`blocks`] makes them).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Where a block of prose sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// A heading's text.
    Heading,
    /// Body text (paragraphs, list items, table rows).
    Body,
    /// A front matter value.
    FrontMatter,
}

/// One word: its text as written and its byte offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word<'a> {
    /// As written (letters, digits, inner `-` and `'`).
    pub text: &'a str,
    /// Lower case, curly apostrophes made straight (borrowed when the text already is).
    pub lower: std::borrow::Cow<'a, str>,
    /// Byte offset in the posting's text.
    pub start: usize,
}

impl Word<'_> {
    /// [`Word::lower`] as a `str`, matched rather than through `Cow`'s `Deref` (a call per
    /// word where that is not inlined, and the rules read every word).
    #[inline]
    pub fn lower_str(&self) -> &str {
        match &self.lower {
            std::borrow::Cow::Borrowed(s) => s,
            std::borrow::Cow::Owned(s) => s,
        }
    }
}

/// Every block of prose, in file order: front matter values first, then the body.
pub fn blocks(posting: &Posting) -> Vec<Block> {
    let holes = posting.placeholders();
    // Ranges come in text order: the search for a range's first hole goes on from the last.
    let mut next_hole = 0;
    // A value per front matter line at most: one allocation for every block.
    let fm_lines = posting.front_matter().map_or(0, |fm| {
        memchr::memchr_iter(b'\n', &posting.text().as_bytes()[fm.yaml.clone()]).count() + 1
    });
    let mut out = Vec::with_capacity(fm_lines + posting.prose_blocks().len());
    each_front_matter_value(posting, |key, value| {
        let ranges = cut(std::slice::from_ref(&value), holes, &mut next_hole);
        if !ranges.is_empty() {
            out.push(Block {
                ranges,
                origin: Origin::FrontMatter,
                key,
            });
        }
    });
    let sections = posting.sections();
    // The sections whose headings start at or before the block (blocks come in text order).
    let mut i = 0;
    for block in posting.prose_blocks() {
        let start = block[0].start;
        while i < sections.len() && sections[i].heading.start <= start {
            i += 1;
        }
        let heading = i > 0 && sections[i - 1].heading.contains(&start);
        let ranges = cut(block, holes, &mut next_hole);
        if !ranges.is_empty() {
            out.push(Block {
                ranges,
                origin: if heading {
                    Origin::Heading
                } else {
                    Origin::Body
                },
                key: String::new(),
            });
        }
    }
    out
}

/// `ranges` with every placeholder (sorted by start) cut out. `next_hole` is at or before
/// the first placeholder that ends after the first range starts (a hint kept from the
/// ranges before; a wrong one costs a search, never a different answer).
fn cut(ranges: &[Range<usize>], holes: &[Placeholder], next_hole: &mut usize) -> Ranges {
    // The usual block: one range, no placeholder in it.
    if let [r] = ranges
        && r.start < r.end
        && holes
            .get(first_hole(holes, r.start, next_hole))
            .is_none_or(|h| h.span.start >= r.end)
    {
        return Ranges::from_buf_and_len([r.clone(), 0..0], 1);
    }
    cut_each(ranges, holes, next_hole)
}

/// [`cut`] range by range, without its one-range shortcut.
fn cut_each(ranges: &[Range<usize>], holes: &[Placeholder], next_hole: &mut usize) -> Ranges {
    let mut out = Ranges::new();
    for r in ranges {
        let first = first_hole(holes, r.start, next_hole);
        let mut pos = r.start;
        for h in holes[first..].iter().take_while(|h| h.span.start < r.end) {
            if h.span.start > pos {
                out.push(pos..h.span.start);
            }
            pos = pos.max(h.span.end);
        }
        if pos < r.end {
            out.push(pos..r.end);
        }
    }
    out
}

/// The index of the first hole that ends after `start`, searched from `hint`.
#[inline]
fn first_hole(holes: &[Placeholder], start: usize, hint: &mut usize) -> usize {
    crate::posting::hinted::partition_point(holes, hint, |h| h.span.end <= start)
}

/// The front matter's values as (key, byte range) pairs, line by line: the text after
/// `key:` on a key line, or the text of a list item or block-scalar line, with `#` comments
/// cut off. The key is the nearest top-level key above. Line-based, so it works on YAML
/// that does not parse too (that is reported by the `front-matter` rule).
pub fn front_matter_values(posting: &Posting) -> Vec<(String, Range<usize>)> {
    let mut out = Vec::new();
    each_front_matter_value(posting, |key, value| out.push((key, value)));
    out
}

/// [`front_matter_values`] handed to `f` one by one (no list to collect them in).
fn each_front_matter_value(posting: &Posting, mut f: impl FnMut(String, Range<usize>)) {
    let Some(fm) = posting.front_matter() else {
        return;
    };
    let text = posting.text();
    // The nearest top-level key above, as written (lower-cased for each value it has).
    let mut key = "";
    let mut pos = fm.yaml.start;
    while pos < fm.yaml.end {
        let start = pos;
        let rest_of_yaml = &text.as_bytes()[start..fm.yaml.end];
        pos += memchr::memchr(b'\n', rest_of_yaml).map_or(rest_of_yaml.len(), |k| k + 1);
        let line = &text[start..pos];
        let body = &line[..line.len() - trailing_line_ends(line.as_bytes())];
        let indent = indent_of(body);
        let mut rest = &body[indent..];
        let mut at = start + indent;
        if rest.as_bytes().first().is_none_or(|&c| c == b'#') {
            continue;
        }
        if rest.as_bytes().starts_with(b"- ") {
            at += 2;
            rest = &rest[2..];
        }
        if let Some((k, v)) = split_key(rest) {
            if indent == 0 {
                key = k;
            }
            at += rest.len() - v.len();
            rest = v;
        }
        let value = strip_comment(rest);
        let (skip, len) = value_span(value);
        if len == 0 {
            continue;
        }
        let key = if key.is_ascii() {
            let mut k = key.to_string();
            k.make_ascii_lowercase();
            k
        } else {
            key.to_lowercase()
        };
        f(key, at + skip..at + skip + len);
    }
}

/// How many `\n` and `\r` end a line.
fn trailing_line_ends(line: &[u8]) -> usize {
    line.iter()
        .rev()
        .take_while(|&&c| c == b'\n' || c == b'\r')
        .count()
}

/// The bytes of white space that start a line (`line.len() - line.trim_start().len()`),
/// counted by bytes while they are spaces and tabs.
fn indent_of(line: &str) -> usize {
    let bytes = line.as_bytes();
    let n = bytes
        .iter()
        .take_while(|&&c| c == b' ' || c == b'\t')
        .count();
    match bytes.get(n) {
        Some(&c) if c >= 0x80 || (0x09..=0x0d).contains(&c) => line.len() - line.trim_start().len(),
        _ => n,
    }
}

/// Where a value's text is once white space, quotes and block-scalar marks (`|`, `>`) are
/// trimmed off its start and white space and quotes off its end: (bytes skipped, length).
/// ASCII ends are trimmed byte by byte; a non-ASCII character goes to `char`'s white space.
fn value_span(value: &str) -> (usize, usize) {
    let lead = |c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '|' | '>');
    let trail = |c: char| c.is_whitespace() || matches!(c, '"' | '\'');
    let bytes = value.as_bytes();
    let mut skip = bytes
        .iter()
        .take_while(|&&c| c < 0x80 && lead(char::from(c)))
        .count();
    if bytes.get(skip).is_some_and(|&c| c >= 0x80) {
        skip = value.len() - value.trim_start_matches(lead).len();
    }
    let trimmed = &value[skip..];
    let tb = trimmed.as_bytes();
    let mut len = tb.len()
        - tb.iter()
            .rev()
            .take_while(|&&c| c < 0x80 && trail(char::from(c)))
            .count();
    if len > 0 && tb[len - 1] >= 0x80 {
        len = trimmed[..len].trim_end_matches(trail).len();
    }
    (skip, len)
}

/// The front matter's values as the first version read them (a reference for tests).
#[cfg(test)]
fn front_matter_values_reference(posting: &Posting) -> Vec<(String, Range<usize>)> {
    let Some(fm) = posting.front_matter() else {
        return Vec::new();
    };
    let text = posting.text();
    let mut out = Vec::new();
    let mut key = String::new();
    let mut pos = fm.yaml.start;
    for line in text[fm.yaml.clone()].split_inclusive('\n') {
        let start = pos;
        pos += line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        let indent = body.len() - body.trim_start().len();
        let mut rest = &body[indent..];
        let mut at = start + indent;
        if rest.is_empty() || rest.starts_with('#') {
            continue;
        }
        if let Some(item) = rest.strip_prefix("- ") {
            at += rest.len() - item.len();
            rest = item;
        }
        if let Some((k, v)) = split_key_reference(rest) {
            if indent == 0 {
                key = k.to_lowercase();
            }
            at += rest.len() - v.len();
            rest = v;
        }
        let value = strip_comment(rest);
        let trimmed = value
            .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '|' | '>'));
        let skip = value.len() - trimmed.len();
        let trimmed =
            trimmed.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '\''));
        if trimmed.is_empty() {
            continue;
        }
        out.push((key.clone(), at + skip..at + skip + trimmed.len()));
    }
    out
}

/// `key: value` → (key, value); `None` for a line that is not a key line.
fn split_key(line: &str) -> Option<(&str, &str)> {
    let i = memchr::memchr(b':', line.as_bytes())?;
    let key = &line[..i];
    let after = &line[i + 1..];
    let kb = key.as_bytes();
    let plain = !kb.is_empty()
        && !matches!(kb[0], b'"' | b'\'' | b'[' | b'{')
        && if key.is_ascii() {
            kb.iter()
                .all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b' ' | b'.'))
        } else {
            key.chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | ' ' | '.'))
        };
    let quoted = kb.len() >= 2
        && (kb[0] == b'"' && kb[kb.len() - 1] == b'"'
            || kb[0] == b'\'' && kb[kb.len() - 1] == b'\'');
    ((plain || quoted) && matches!(after.as_bytes().first(), None | Some(b' ' | b'\t')))
        .then(|| (key.trim_matches(['"', '\'']), after))
}

/// [`split_key`] as the first version wrote it (a reference for tests).
#[cfg(test)]
fn split_key_reference(line: &str) -> Option<(&str, &str)> {
    let i = line.find(':')?;
    let key = &line[..i];
    let after = &line[i + 1..];
    let plain = !key.is_empty()
        && !key.starts_with(['"', '\'', '[', '{'])
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | ' ' | '.'));
    let quoted = key.len() >= 2
        && (key.starts_with('"') && key.ends_with('"')
            || key.starts_with('\'') && key.ends_with('\''));
    ((plain || quoted) && (after.is_empty() || after.starts_with([' ', '\t'])))
        .then(|| (key.trim_matches(['"', '\'']), after))
}

/// Cuts a ` # comment` off a value (outside quotes).
fn strip_comment(value: &str) -> &str {
    // Most values have no `#` at all (and are short: a plain search, no vector set-up).
    if !value.as_bytes().contains(&b'#') {
        return value;
    }
    let mut quote = None;
    let mut prev = b' ';
    // Bytes: every byte the match looks for is ASCII, never part of another character.
    for (i, &c) in value.as_bytes().iter().enumerate() {
        match (quote, c) {
            (None, b'"' | b'\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, b'#') if prev == b' ' || prev == b'\t' => return &value[..i],
            _ => {}
        }
        prev = c;
    }
    value
}

/// Whether a whitespace-separated chunk is a URL, an e-mail address or a path: not prose.
/// (The reference for [`is_address_bytes`].)
#[cfg(test)]
fn is_address(chunk: &str) -> bool {
    chunk.contains("://")
        || chunk.starts_with("www.")
        || chunk.contains("](")
        || (chunk.contains('@') && chunk.contains('.'))
        || (chunk.matches('/').count() >= 2 && !chunk.contains(' '))
}

/// The words of a block, in order. Chunks that are addresses are skipped whole.
///
/// One pass over the characters: a word is a run of word characters with `-`, `'` and `’`
/// trimmed off its ends; a chunk is a run of non-whitespace. A chunk's words are dropped
/// again when it turns out to be an address (only chunks with `:`, `]`, `@`, `/` or a
/// `www.` start are tested). Only words with upper case or `’` allocate their lower case.
pub fn words<'a>(text: &'a str, block: &Block) -> Vec<Word<'a>> {
    words_lowered(text, None, block)
}

/// [`words`], with the lower case of ASCII words borrowed from `lower`, the whole text in
/// ASCII lower case (when given), instead of allocated word by word.
pub fn words_lowered<'a>(text: &'a str, lower: Option<&'a str>, block: &Block) -> Vec<Word<'a>> {
    let mut out = Vec::with_capacity(block.len() / 6 + 1);
    words_lowered_into(text, lower, block, &mut out);
    out
}

/// [`words_lowered`], appended to `out`.
pub fn words_lowered_into<'a>(
    text: &'a str,
    lower: Option<&'a str>,
    block: &Block,
    out: &mut Vec<Word<'a>>,
) {
    // Two copies of the loop: the usual one borrows every ASCII word's lower case.
    match lower {
        Some(l) => {
            for r in &block.ranges {
                words_in::<true>(r.start, &text[r.clone()], &l[r.clone()], lower, out);
            }
        }
        None => {
            for r in &block.ranges {
                words_in::<false>(r.start, &text[r.clone()], "", None, out);
            }
        }
    }
}

/// Appends the words of `piece` (which starts at byte `base` of the text) to `out`;
/// `lower_piece` is the piece in the lower-case copy `lower` when `LOWERED`.
///
/// The usual word (ASCII letters and digits between other ASCII bytes) takes the short way:
/// no trimming, its lower case borrowed from the lower-case copy; any other goes through
/// [`word_at`]. A chunk's words are found again only when it turns out to be an address.
#[inline(always)]
fn words_in<'a, const LOWERED: bool>(
    base: usize,
    piece: &'a str,
    lower_piece: &'a str,
    lower: Option<&'a str>,
    out: &mut Vec<Word<'a>>,
) {
    let bytes = piece.as_bytes();
    let first_word = out.len();
    // The current chunk: its start, and whether it may be an address.
    let mut chunk_start = 0;
    let mut suspect = false;
    // Ends the chunk at `$end` (white space), the next one starting at `$next`.
    macro_rules! end_chunk {
        ($end:expr, $next:expr) => {
            if suspect {
                drop_address(piece, chunk_start, $end, base, first_word, out);
                suspect = false;
            }
            chunk_start = $next;
        };
    }
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let class = CLASS[usize::from(b)];
        if class == ALNUM {
            let from = i;
            // A chunk that starts `www.` may be an address (its first word starts it).
            if b == b'w' && from == chunk_start && bytes[from..].first_chunk::<4>() == Some(b"www.")
            {
                suspect = true;
            }
            i = past_alphanumeric(bytes, i + 1);
            let next = bytes.get(i).copied();
            match next {
                Some(b'-' | b'\'' | 0x80..) => i = word_at(base, piece, from, lower, out),
                _ if LOWERED => out.push(Word {
                    text: &piece[from..i],
                    lower: std::borrow::Cow::Borrowed(&lower_piece[from..i]),
                    start: base + from,
                }),
                _ => push_word(&piece[from..i], base + from, true, None, out),
            }
            // The usual word ends at a space, and its chunk with it.
            if bytes.get(i) == Some(&b' ') {
                end_chunk!(i, i + 1);
                i += 1;
            }
            continue;
        }
        match class {
            EDGE => i = word_at(base, piece, i, lower, out),
            SPACE => {
                end_chunk!(i, i + 1);
                i += 1;
            }
            SUSPECT => {
                suspect = true;
                i += 1;
            }
            OTHER => i += 1,
            _ => {
                let c = piece[i..].chars().next().unwrap_or(' ');
                if is_word_char(c) {
                    i = word_at(base, piece, i, lower, out);
                } else {
                    let len = c.len_utf8();
                    if c.is_whitespace() {
                        end_chunk!(i, i + len);
                    }
                    i += len;
                }
            }
        }
    }
    if suspect {
        drop_address(piece, chunk_start, bytes.len(), base, first_word, out);
    }
}

/// Reads the run of word characters that starts at byte `from` of `piece` (a word
/// character) as a word, pushed when anything is left of it trimmed; returns where the run
/// ends.
#[inline(never)]
fn word_at<'a>(
    base: usize,
    piece: &'a str,
    from: usize,
    lower: Option<&'a str>,
    out: &mut Vec<Word<'a>>,
) -> usize {
    let bytes = piece.as_bytes();
    let mut i = from;
    let mut ascii = true;
    loop {
        i = past_ascii_word_bytes(bytes, i);
        if let Some(&b) = bytes.get(i)
            && b >= 0x80
            && let Some(c) = piece[i..].chars().next()
            && is_word_char(c)
        {
            ascii = false;
            i += c.len_utf8();
            continue;
        }
        break;
    }
    push_word(&piece[from..i], base + from, ascii, lower, out);
    i
}

/// [`is_address`] in one pass over the bytes (every byte it looks for is ASCII).
fn is_address_bytes(chunk: &[u8]) -> bool {
    if chunk.starts_with(b"www.") {
        return true;
    }
    let (mut slashes, mut at, mut dot, mut space) = (0, false, false, false);
    for (k, &b) in chunk.iter().enumerate() {
        match b {
            b'/' => {
                // The second `/` of `://`.
                if k >= 2 && chunk[k - 1] == b'/' && chunk[k - 2] == b':' {
                    return true;
                }
                slashes += 1;
            }
            b'(' if k >= 1 && chunk[k - 1] == b']' => return true,
            b'@' => at = true,
            b'.' => dot = true,
            b' ' => space = true,
            _ => {}
        }
    }
    (at && dot) || (slashes >= 2 && !space)
}

/// Drops the words of the chunk `piece[start..end]` (those of `out[first_word..]` from
/// there on) when it is an address.
#[cold]
fn drop_address(
    piece: &str,
    start: usize,
    end: usize,
    base: usize,
    first_word: usize,
    out: &mut Vec<Word<'_>>,
) {
    if is_address_bytes(&piece.as_bytes()[start..end]) {
        let keep = out[first_word..]
            .iter()
            .rposition(|w| w.start < base + start)
            .map_or(first_word, |k| first_word + k + 1);
        out.truncate(keep);
    }
}

/// Byte classes for [`words_in`]: ASCII letters and digits, the other ASCII word bytes
/// (`-` and `'`), white space, bytes that make a chunk a possible address, other ASCII, and
/// the bytes of other characters.
const OTHER: u8 = 0;
const ALNUM: u8 = 1;
const EDGE: u8 = 2;
const SPACE: u8 = 3;
const SUSPECT: u8 = 4;
const NON_ASCII: u8 = 5;

static CLASS: [u8; 256] = {
    let mut t = [NON_ASCII; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c.is_ascii_alphanumeric() {
            ALNUM
        } else if c == b'-' || c == b'\'' {
            EDGE
        } else if matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c) {
            SPACE
        } else if matches!(c, b':' | b']' | b'@' | b'/') {
            SUSPECT
        } else {
            OTHER
        };
        b += 1;
    }
    t
};

/// The first index from `i` on whose byte is not an ASCII word byte (a letter, a digit, `-`
/// or `'`).
#[inline]
fn past_ascii_word_bytes(bytes: &[u8], mut i: usize) -> usize {
    loop {
        i = past_alphanumeric(bytes, i);
        match bytes.get(i) {
            Some(b'-' | b'\'') => i += 1,
            _ => return i,
        }
    }
}

/// The first index from `i` on whose byte is not an ASCII letter or digit, 8 bytes at a time.
#[inline]
fn past_alphanumeric(bytes: &[u8], mut i: usize) -> usize {
    use crate::posting::bytes8::{HIGH, ONES, in_range};
    while let Some(chunk) = bytes.get(i..).and_then(|b| b.first_chunk::<8>()) {
        let x = u64::from_le_bytes(*chunk);
        let letter = in_range(x | (0x20 * ONES), b'a', b'z');
        let other = !(letter | in_range(x, b'0', b'9')) & HIGH;
        if other != 0 {
            return i + (other.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while bytes.get(i).is_some_and(u8::is_ascii_alphanumeric) {
        i += 1;
    }
    i
}

/// Pushes a run of word characters as a word, its ends trimmed of `-`, `'` and `’`; `ascii`
/// when every character of it is.
#[inline]
fn push_word<'a>(
    run: &'a str,
    start: usize,
    ascii: bool,
    lower_text: Option<&'a str>,
    out: &mut Vec<Word<'a>>,
) {
    let (lead, trimmed) = trim_word(run);
    if trimmed.is_empty() {
        return;
    }
    let at = start + lead;
    let lower = if ascii || trimmed.is_ascii() {
        // The text's lower-case copy has it at the same place, whatever its case.
        match lower_text {
            Some(l) => std::borrow::Cow::Borrowed(&l[at..at + trimmed.len()]),
            None if trimmed.bytes().any(|b| b.is_ascii_uppercase()) => {
                std::borrow::Cow::Owned(trimmed.to_ascii_lowercase())
            }
            None => std::borrow::Cow::Borrowed(trimmed),
        }
    } else if trimmed.chars().any(|c| c.is_uppercase() || c == '’') {
        std::borrow::Cow::Owned(trimmed.to_lowercase().replace('’', "'"))
    } else {
        std::borrow::Cow::Borrowed(trimmed)
    };
    out.push(Word {
        text: trimmed,
        lower,
        start: at,
    });
}

/// A run with `-`, `'` and `’` trimmed off both ends, and how many bytes went from its start.
#[inline]
fn trim_word(run: &str) -> (usize, &str) {
    let bytes = run.as_bytes();
    let edge = |b: u8| matches!(b, b'-' | b'\'' | 0x80..);
    if bytes.first().is_some_and(|&b| !edge(b)) && bytes.last().is_some_and(|&b| !edge(b)) {
        return (0, run);
    }
    let trimmed = run.trim_start_matches(['-', '\'', '’']);
    let lead = run.len() - trimmed.len();
    (lead, trimmed.trim_end_matches(['-', '\'', '’']))
}

/// The words of a block as the first version read them (a reference for tests).
#[cfg(test)]
fn words_reference<'a>(text: &'a str, block: &Block) -> Vec<Word<'a>> {
    let mut out = Vec::new();
    for r in &block.ranges {
        let piece = &text[r.clone()];
        let mut offset = r.start;
        for chunk in piece.split_inclusive(char::is_whitespace) {
            let chunk_start = offset;
            offset += chunk.len();
            if is_address(chunk.trim_end()) {
                continue;
            }
            let mut i = 0;
            for part in chunk.split(|c: char| !is_word_char(c)) {
                let start = chunk_start + i;
                i += part.len()
                    + chunk[i + part.len()..]
                        .chars()
                        .next()
                        .map_or(0, char::len_utf8);
                let trimmed = part.trim_start_matches(['-', '\'', '’']);
                let lead = part.len() - trimmed.len();
                let trimmed = trimmed.trim_end_matches(['-', '\'', '’']);
                if trimmed.is_empty() {
                    continue;
                }
                let lower = if trimmed.chars().any(|c| c.is_uppercase() || c == '’') {
                    std::borrow::Cow::Owned(trimmed.to_lowercase().replace('’', "'"))
                } else {
                    std::borrow::Cow::Borrowed(trimmed)
                };
                out.push(Word {
                    text: trimmed,
                    lower,
                    start: start + lead,
                });
            }
        }
    }
    out
}

/// A block's text, its pieces joined by a space (for phrase patterns that may span
/// emphasis: `**$120k** – **$150k**`).
pub fn joined(text: &str, block: &Block) -> String {
    joined_cow(text, block).into_owned()
}

/// [`joined`], borrowed from the text when the block is one piece.
pub(crate) fn joined_cow<'a>(text: &'a str, block: &Block) -> std::borrow::Cow<'a, str> {
    if let [one] = block.ranges.as_slice() {
        return std::borrow::Cow::Borrowed(&text[one.clone()]);
    }
    let len = block.ranges.iter().map(|r| r.len() + 1).sum();
    let mut out = String::with_capacity(len);
    push_joined(&mut out, text, block);
    std::borrow::Cow::Owned(out)
}

/// A block's pieces, joined by a space, appended to `out` (empty).
fn push_joined(out: &mut String, text: &str, block: &Block) {
    for r in &block.ranges {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&text[r.clone()]);
    }
}

/// `f` of [`joined_cow`], a block of many pieces joined in this thread's buffer rather than
/// a new string (every `Label: value` block of a posting is read so).
pub(crate) fn with_joined<R>(text: &str, block: &Block, f: impl FnOnce(&str) -> R) -> R {
    if let [one] = block.ranges.as_slice() {
        return f(&text[one.clone()]);
    }
    let mut out = JOINED.take();
    out.clear();
    push_joined(&mut out, text, block);
    let r = f(&out);
    // Kept for the next block when block-sized: a huge one's goes back.
    if out.capacity() <= 4096 {
        JOINED.set(out);
    }
    r
}

thread_local! {
    /// The buffer [`with_joined`] joins blocks in.
    static JOINED: std::cell::Cell<String> = const { std::cell::Cell::new(String::new()) };
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '-' | '\'' | '’')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_words(text: &str) -> Vec<String> {
        let p = Posting::parse(text);
        blocks(&p)
            .iter()
            .flat_map(|b| words(p.text(), b))
            .map(|w| {
                assert_eq!(&p.text()[w.start..w.start + w.text.len()], w.text);
                w.lower.into_owned()
            })
            .collect()
    }

    #[test]
    fn only_literal_prose_counts() {
        let t = "---\ntitle: Lead Dev # a comment\ntags:\n  - ninja\nsalary_max: 5\n---\n\
                 # Heading\n\nWe [Company Name] `lead_code` <b>x</b> see https://a.b/c and \
                 [link](https://lead.example) at me@x.org.\n\n```\nninja\n```\n";
        assert_eq!(
            all_words(t),
            [
                "lead", "dev", "ninja", "5", "heading", "we", "x", "see", "and", "link", "at"
            ]
        );
    }

    #[test]
    fn words_keep_inner_hyphens_and_apostrophes() {
        assert_eq!(
            all_words("# A\n\nSelf-confident, you’ll (lead) 'the' team--fast.\n"),
            ["a", "self-confident", "you'll", "lead", "the", "team--fast"]
        );
    }

    /// The splitter, and the splitter over `lower` (`text` in ASCII lower case), give the
    /// reference's words for block `b` of `text`.
    fn assert_splits_as_reference(text: &str, lower: &str, b: &Block) {
        let reference = words_reference(text, b);
        assert_eq!(words(text, b), reference, "{text:?}");
        assert_eq!(words_lowered(text, Some(lower), b), reference, "{text:?}");
    }

    /// [`assert_splits_as_reference`] for every block of a posting.
    fn assert_posting_splits_as_reference(p: &Posting) {
        let lower = p.text().to_ascii_lowercase();
        for b in blocks(p) {
            assert_splits_as_reference(p.text(), &lower, &b);
        }
    }

    #[test]
    fn the_one_pass_splitter_agrees_with_the_reference() {
        let texts = [
            "# A\n\nSelf-confident, you’ll (lead) 'the' team--fast.\n",
            "# Ünïcode HEADING\n\nΣΟΦΙΑ and ΌΣΟΣ; x@y.z and www.example.com/a, a/b/c d/e \
             see https://a.b/c) [x](y) -’- ’Tis ’ ’’ A’B café\u{a0}NOW\u{2003}then\tend",
            "---\ntitle: Lead Dev # c\ntags:\n  - NINJA\n---\n# H\n\n- one: two/three\n- **Bold** x\n",
            "",
            "# x\n\n--- '' ’’ -a- 'b' İstanbul ǅ\n",
        ];
        for t in texts {
            assert_posting_splits_as_reference(&Posting::parse(t));
        }
    }

    proptest::proptest! {
        #[test]
        fn the_splitter_agrees_on_any_text(
            t in "[a-zA-Z0-9 \t\n:/@.\\]\\[()'’\\-wÉéßΣς\u{a0}\u{2003}_*#`]{0,80}"
        ) {
            assert_posting_splits_as_reference(&Posting::parse(t.as_str()));
            let whole = Block { ranges: std::iter::once(0..t.len()).collect(), origin: Origin::Body, key: String::new() };
            assert_splits_as_reference(&t, &t.to_ascii_lowercase(), &whole);
        }
    }

    proptest::proptest! {
        #[test]
        fn the_splitter_agrees_on_addresses_and_words(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "www.", "w", "Lead", "a", "B2", "://", ":", "@", ".", " ", "  ", "/", "](",
                    "]", "x-y", "-", "'", "’", "é", "É", "\u{a0}", "\u{2003}", "\t", "\n", "(",
                    "[", "*", "#", "`",
                ]),
                0..30,
            )
        ) {
            let t = parts.concat();
            assert_posting_splits_as_reference(&Posting::parse(t.as_str()));
            // Two pieces, a word each side of the cut: each piece's chunks are its own.
            let cut = t.char_indices().map(|(i, _)| i).nth(t.chars().count() / 2).unwrap_or(0);
            let whole = Block {
                ranges: [0..cut, cut..t.len()].into_iter().collect(),
                origin: Origin::Body,
                key: String::new(),
            };
            assert_splits_as_reference(&t, &t.to_ascii_lowercase(), &whole);
        }
    }

    proptest::proptest! {
        #[test]
        fn ascii_word_bytes_are_passed_8_at_a_time(
            bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..40),
            from in 0usize..40
        ) {
            let from = from.min(bytes.len());
            let simple = from
                + bytes[from..]
                    .iter()
                    .take_while(|&&b| b.is_ascii_alphanumeric() || b == b'-' || b == b'\'')
                    .count();
            proptest::prop_assert_eq!(past_ascii_word_bytes(&bytes, from), simple);
        }

        #[test]
        fn word_runs_end_where_a_byte_loop_ends_them(t in "[a-zA-Z0-9'`@{}/:-]{0,30}") {
            let simple = t
                .bytes()
                .take_while(|&b| b.is_ascii_alphanumeric() || b == b'-' || b == b'\'')
                .count();
            proptest::prop_assert_eq!(past_ascii_word_bytes(t.as_bytes(), 0), simple);
        }
    }

    proptest::proptest! {
        #[test]
        fn letters_and_digits_are_passed_8_at_a_time(
            bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..40),
            from in 0usize..40
        ) {
            let from = from.min(bytes.len());
            let simple =
                from + bytes[from..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
            proptest::prop_assert_eq!(past_alphanumeric(&bytes, from), simple);
        }
    }

    proptest::proptest! {
        #[test]
        fn a_block_is_cut_as_range_by_range_cutting_from_the_start_cuts_it(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "word ", "[Company Name]", "[x](y)", "{{salary}}", "`[code]`", "\n\n", "\n",
                    "# Head [City]\n", "- item [Role]\n", "> quote\n", "| a | [b] |\n", "é",
                ]),
                0..16,
            )
        ) {
            let p = Posting::parse(format!("# A\n\n{}", parts.concat()));
            let holes = p.placeholders();
            let mut hint = 0;
            for block in p.prose_blocks() {
                let fresh = cut_each(block, holes, &mut 0);
                proptest::prop_assert_eq!(cut(block, holes, &mut hint), fresh);
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn addresses_are_told_in_one_pass_as_the_reference_tells_them(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "www.", "w", "a", ":", "/", "//", "://", "]", "(", "](", "@", ".", " ", "é",
                    "’",
                ]),
                0..12,
            )
        ) {
            let t = parts.concat();
            proptest::prop_assert_eq!(is_address_bytes(t.as_bytes()), is_address(&t), "{:?}", t);
        }
    }

    proptest::proptest! {
        #[test]
        fn front_matter_values_are_the_references(
            lines in proptest::collection::vec(
                proptest::collection::vec(
                    proptest::sample::select(vec![
                        "title", "Pay", "Ünï", "a b", "\"q\"", "'s'", ":", ": ", ":\t", "- ", "  ",
                        "\t", " ", "#", " # c", "\"", "'", "|", ">", "x", "é", "\u{a0}", "\u{2003}",
                        "\u{85}", "\r", "\x0b", "[", "{", "_", ".",
                    ]),
                    0..8,
                ),
                0..6,
            )
        ) {
            let yaml: String = lines.iter().map(|l| l.concat() + "\n").collect();
            let p = Posting::parse(format!("---\n{yaml}---\n# A\n"));
            proptest::prop_assert_eq!(front_matter_values(&p), front_matter_values_reference(&p));
            for l in &lines {
                let l = l.concat();
                proptest::prop_assert_eq!(split_key(&l), split_key_reference(&l));
                proptest::prop_assert_eq!(indent_of(&l), l.len() - l.trim_start().len());
                let (skip, len) = value_span(&l);
                let t = l.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '|' | '>'));
                let t2 = t.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '\''));
                proptest::prop_assert_eq!((skip, len), (l.len() - t.len(), t2.len()));
            }
        }
    }

    #[test]
    fn front_matter_values_skip_keys_and_comments() {
        let p = Posting::parse(
            "---\nlocation: \"Remote\" # or hybrid\npay:\n  min: 10\n  max: 20\n---\n# A\n",
        );
        let v: Vec<(String, &str)> = front_matter_values(&p)
            .into_iter()
            .map(|(k, r)| (k, &p.text()[r]))
            .collect();
        assert_eq!(
            v,
            [
                ("location".to_string(), "Remote"),
                ("pay".to_string(), "10"),
                ("pay".to_string(), "20")
            ]
        );
    }
}
