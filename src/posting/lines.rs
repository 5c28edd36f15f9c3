//! Line and column lookup for byte offsets, and line-ending helpers.

use super::bytes8::in_range;

/// The longest text a posting may have: offsets are kept in 32 bits.
pub const MAX_LEN: usize = u32::MAX as usize;

/// Maps byte offsets of a text to 1-based lines and character columns.
///
/// A UTF-8 BOM at the start is not content: it does not count as a column.
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    /// Byte offset of the start of each line: 32 bits, as postings are under 4 GiB (the
    /// loader refuses larger files), so a 10 MB posting's index takes half the memory.
    starts: Vec<u32>,
    bom: usize,
    /// The text before this offset is ASCII (it may be longer): there a column is a count of
    /// bytes, not of characters.
    ascii: u32,
}

impl LineIndex {
    /// Indexes `text`. CRLF, LF and lone CR each end a line.
    ///
    /// # Panics
    /// On a text of 4 GiB or more (see [`MAX_LEN`]).
    pub fn new(text: &str) -> Self {
        assert!(text.len() <= MAX_LEN, "a posting is under 4 GiB");
        let bytes = text.as_bytes();
        let mut starts = Vec::with_capacity(bytes.len() / 48 + 1);
        starts.push(0);
        if memchr::memchr(b'\r', bytes).is_none() {
            // Only LF: found 16 bytes at a time (a search per line costs more on short lines).
            push_lf_ends(bytes, &mut starts);
        } else {
            for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
                if bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n') {
                    starts.push((i + 1) as u32);
                }
            }
        }
        let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
        LineIndex {
            starts,
            bom,
            ascii: ascii_prefix(bytes) as u32,
        }
    }

    /// The index of `new_text`, which is `old_text` with `replaced` swapped for `new_len`
    /// bytes: line starts before the edit are kept, those after it shifted, only the new
    /// bytes scanned. A CR at either edge (which may pair with an LF) rebuilds it whole.
    pub fn splice(
        &self,
        old_text: &str,
        new_text: &str,
        replaced: std::ops::Range<usize>,
        new_len: usize,
    ) -> LineIndex {
        let old = old_text.as_bytes();
        let new = new_text.as_bytes();
        let edge_cr = (replaced.start > 0 && old[replaced.start - 1] == b'\r')
            || old[replaced.clone()].last() == Some(&b'\r')
            || new[replaced.start..replaced.start + new_len].last() == Some(&b'\r');
        if edge_cr
            || new_text.len() > MAX_LEN
            || self.bom
                != (if new_text.starts_with('\u{feff}') {
                    3
                } else {
                    0
                })
        {
            return LineIndex::new(new_text);
        }
        let delta = new_len as isize - replaced.len() as isize;
        let keep = self
            .starts
            .partition_point(|&s| s as usize <= replaced.start);
        let mut starts = Vec::with_capacity(self.starts.len() + 8);
        starts.extend_from_slice(&self.starts[..keep]);
        let end = replaced.start + new_len;
        for i in replaced.start..end {
            match new[i] {
                b'\n' => starts.push((i + 1) as u32),
                b'\r' if new.get(i + 1) != Some(&b'\n') => starts.push((i + 1) as u32),
                _ => {}
            }
        }
        let after = self.starts.partition_point(|&s| s as usize <= replaced.end);
        starts.extend(
            self.starts[after..]
                .iter()
                .map(|&s| (s as isize + delta) as u32),
        );
        let fresh = &new[replaced.start..end];
        let ascii = if (self.ascii as usize) < replaced.start {
            // Before the edit: unchanged.
            self.ascii
        } else {
            let kept = ascii_prefix(fresh);
            if kept < new_len {
                (replaced.start + kept) as u32
            } else if self.ascii as usize >= replaced.end {
                (self.ascii as isize + delta) as u32
            } else {
                end as u32
            }
        };
        LineIndex {
            starts,
            bom: self.bom,
            ascii,
        }
    }

    /// The 1-based line of `offset`.
    pub fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s as usize <= offset)
    }

    /// The 1-based (line, column) of `offset`; columns count characters.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.line(offset);
        let mut start = self.starts[line - 1] as usize;
        if line == 1 {
            start = start.max(self.bom.min(offset));
        }
        if offset <= self.ascii as usize {
            return (line, offset - start + 1);
        }
        // An offset inside a character counts as that character's column.
        let offset = super::boundary::floor_char_boundary(text, offset);
        let col = text.get(start..offset).map_or(0, |s| s.chars().count());
        (line, col + 1)
    }

    /// [`LineIndex::line_col`] of `to`, given `at`, the (line, column) of `from` (at or
    /// before `to`): on one line only the characters between the two are counted.
    pub fn line_col_after(
        &self,
        text: &str,
        from: usize,
        at: (usize, usize),
        to: usize,
    ) -> (usize, usize) {
        let (line, column) = at;
        let same_line = self.starts.get(line).is_none_or(|&next| to < next as usize);
        if from > to || to > text.len() || from < self.bom || !same_line {
            return self.line_col(text, to);
        }
        if to <= self.ascii as usize {
            return (line, column + (to - from));
        }
        let a = super::boundary::floor_char_boundary(text, from);
        let b = super::boundary::floor_char_boundary(text, to);
        (line, column + text[a..b].chars().count())
    }

    /// Byte offset where the 1-based `line` starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.starts[line.saturating_sub(1).min(self.starts.len() - 1)] as usize
    }

    /// Number of lines.
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    /// Whether the index has no lines (never: an empty text has one line).
    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }
}

/// Pushes the offset just after each LF of `bytes`, in order: 16 bytes are first asked
/// whether they hold one at all (a test the compiler does in a few vector instructions).
fn push_lf_ends(bytes: &[u8], starts: &mut Vec<u32>) {
    let mut chunks = bytes.chunks_exact(16);
    let mut base = 0usize;
    for c in &mut chunks {
        if c.iter().fold(false, |any, &b| any | (b == b'\n')) {
            let (a, b) = c.split_at(8);
            let a: [u8; 8] = a.try_into().unwrap_or_default();
            let b: [u8; 8] = b.try_into().unwrap_or_default();
            push_marked(in_range(u64::from_le_bytes(a), b'\n', b'\n'), base, starts);
            push_marked(
                in_range(u64::from_le_bytes(b), b'\n', b'\n'),
                base + 8,
                starts,
            );
        }
        base += 16;
    }
    for (i, &b) in chunks.remainder().iter().enumerate() {
        if b == b'\n' {
            starts.push((base + i + 1) as u32);
        }
    }
}

/// Pushes the offset after each byte marked in `mask` (from [`in_range`] of the 8 bytes at
/// `base`).
fn push_marked(mut mask: u64, base: usize, starts: &mut Vec<u32>) {
    while mask != 0 {
        starts.push((base + (mask.trailing_zeros() / 8) as usize + 1) as u32);
        mask &= mask - 1;
    }
}

/// How many bytes at the start of `bytes` are ASCII, found a block at a time.
fn ascii_prefix(bytes: &[u8]) -> usize {
    let mut n = 0;
    for block in bytes.chunks(64) {
        if !block.is_ascii() {
            return n + block.iter().take_while(|b| b.is_ascii()).count();
        }
        n += block.len();
    }
    n
}

/// The line ending a text mostly uses; LF when it has none.
pub fn dominant_ending(text: &str) -> &'static str {
    let crlf = text.matches("\r\n").count();
    let lf = text.matches('\n').count() - crlf;
    if crlf > lf { "\r\n" } else { "\n" }
}

/// Splits text into lines without their endings (`"a\n"` gives `["a", ""]`).
pub fn split_lines(text: &str) -> Vec<String> {
    text.split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l).to_string())
        .collect()
}

/// Joins lines with `ending`; the inverse of [`split_lines`] for single-ending text.
pub fn join_lines<S: AsRef<str>>(lines: &[S], ending: &str) -> String {
    let mut out = String::new();
    for (i, l) in lines.iter().enumerate() {
        if i > 0 {
            out.push_str(ending);
        }
        out.push_str(l.as_ref());
    }
    out
}

/// End of the line containing `offset`, including its line ending (CRLF, LF or a lone CR).
pub fn line_end_after(text: &str, offset: usize) -> usize {
    let b = text.as_bytes();
    // At the LF itself (a heading's last byte, usually): no search.
    if b.get(offset) == Some(&b'\n') {
        return offset + 1;
    }
    match memchr::memchr2(b'\n', b'\r', &b[offset..]) {
        Some(i) if b[offset + i] == b'\r' && b.get(offset + i + 1) == Some(&b'\n') => {
            offset + i + 2
        }
        Some(i) => offset + i + 1,
        None => text.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_count_characters_and_skip_bom() {
        let t = "\u{feff}ab\r\ncé[x]\rz";
        let ix = LineIndex::new(t);
        assert_eq!(ix.len(), 3);
        assert_eq!(ix.line_col(t, 3), (1, 1));
        let p = t.find('[').unwrap();
        assert_eq!(ix.line_col(t, p), (2, 3));
        assert_eq!(ix.line_col(t, t.len() - 1), (3, 1));
        // Inside `é`: its column, not the line's first.
        let e = t.find('é').unwrap();
        assert_eq!(ix.line_col(t, e + 1), (2, 2));
    }

    proptest::proptest! {
        #[test]
        fn a_column_after_another_is_the_column(
            t in "\u{feff}?[ab é\r\n]{0,30}",
            a in 0usize..40,
            b in 0usize..40,
        ) {
            let ix = LineIndex::new(&t);
            let (from, to) = (a.min(b), a.max(b));
            let at = ix.line_col(&t, from);
            proptest::prop_assert_eq!(ix.line_col_after(&t, from, at, to), ix.line_col(&t, to));
        }
    }

    /// Line and column as counted from scratch: lines split at CRLF, LF or CR; columns in
    /// characters; a BOM is no column.
    fn counted(t: &str, offset: usize) -> (usize, usize) {
        let b = t.as_bytes();
        let (mut line, mut start) = (1, 0);
        for i in 0..offset.min(b.len()) {
            if b[i] == b'\n' || (b[i] == b'\r' && b.get(i + 1) != Some(&b'\n')) {
                line += 1;
                start = i + 1;
            }
        }
        if line == 1 && t.starts_with('\u{feff}') {
            start = start.max(3.min(offset));
        }
        let offset = crate::posting::boundary::floor_char_boundary(t, offset);
        (
            line,
            t.get(start..offset).map_or(0, |s| s.chars().count()) + 1,
        )
    }

    proptest::proptest! {
        #[test]
        fn columns_are_counted_characters_ascii_or_not(
            t in "\u{feff}?[ab é\r\n]{0,30}",
            at in 0usize..40,
        ) {
            let ix = LineIndex::new(&t);
            proptest::prop_assert!(t.as_bytes()[..ix.ascii as usize].is_ascii());
            proptest::prop_assert_eq!(ix.line_col(&t, at), counted(&t, at));
        }

        #[test]
        fn a_spliced_index_counts_as_a_new_one(
            old in "[ab é\n]{0,30}",
            new in "[ab é\n]{0,6}",
            a in 0usize..32,
            b in 0usize..32,
        ) {
            let (a, b) = (a.min(b).min(old.len()), a.max(b).min(old.len()));
            proptest::prop_assume!(old.is_char_boundary(a) && old.is_char_boundary(b));
            let text = format!("{}{new}{}", &old[..a], &old[b..]);
            let ix = LineIndex::new(&old).splice(&old, &text, a..b, new.len());
            proptest::prop_assert!(text.as_bytes()[..ix.ascii as usize].is_ascii());
            proptest::prop_assert_eq!(&ix.starts, &LineIndex::new(&text).starts);
            for at in 0..=text.len() + 1 {
                proptest::prop_assert_eq!(ix.line_col(&text, at), counted(&text, at));
            }
        }
    }

    proptest::proptest! {
        /// The LF scan, 16 bytes at a time, finds what a byte at a time finds.
        #[test]
        fn lf_ends_are_found_as_byte_by_byte(t in proptest::collection::vec(
            proptest::prop_oneof![
                proptest::strategy::Just(b'\n'),
                proptest::strategy::Just(0x0bu8),
                proptest::strategy::Just(0x8au8),
                proptest::strategy::Just(0x0au8 ^ 0x80),
                proptest::num::u8::ANY,
            ],
            0..80,
        )) {
            let mut found = Vec::new();
            push_lf_ends(&t, &mut found);
            let expected: Vec<u32> = t
                .iter()
                .enumerate()
                .filter(|&(_, &b)| b == b'\n')
                .map(|(i, _)| (i + 1) as u32)
                .collect();
            proptest::prop_assert_eq!(found, expected);
        }
    }

    #[test]
    fn split_then_join_is_identity_for_one_ending() {
        for t in ["a\nb\n", "a\r\nb", "", "\n\n"] {
            let e = dominant_ending(t);
            assert_eq!(join_lines(&split_lines(t), e), t);
        }
    }
}
