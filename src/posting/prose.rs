//! The literal prose of a body: per leaf block, the byte ranges CommonMark reads as text.
//! Kept flat (one list of ranges, one list of block ends), so a posting with a hundred
//! thousand paragraphs holds two allocations, not a hundred thousand.

use std::ops::Range;

use super::markdown::{Outline, Piece};

/// Prose ranges grouped by leaf block, in file order; blocks without text are left out.
/// Beside them, the raw HTML (what the review reads suppression comments in), so the review
/// needs no second parse.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Prose {
    ranges: Vec<Range<usize>>,
    /// `ranges[ends[i - 1]..ends[i]]` is block `i`.
    ends: Vec<usize>,
    /// The outline's raw HTML ranges, touching ones merged.
    html: Vec<Range<usize>>,
}

impl Prose {
    /// The text pieces of each leaf of a scanned outline.
    pub fn of(outline: &Outline) -> Prose {
        let mut prose = Prose::default();
        let leaves = outline.leaves();
        prose.ends.reserve(leaves.size_hint().0);
        prose.ranges.reserve(outline.piece_count());
        // A plain loop, room reserved: a posting's few dozen leaves are read with no call each.
        for leaf in leaves {
            let before = prose.ranges.len();
            for (r, kind) in leaf {
                if *kind == Piece::Text {
                    prose.ranges.push(r.clone());
                }
            }
            if prose.ranges.len() > before {
                prose.ends.push(prose.ranges.len());
            }
        }
        prose.html.clone_from(&outline.html);
        prose
    }

    /// Adds raw HTML ranges after these, merging touching ones as one parse would.
    fn push_html(&mut self, ranges: impl IntoIterator<Item = Range<usize>>) {
        for r in ranges {
            super::markdown::push_html(&mut self.html, r);
        }
    }

    /// The raw HTML ranges (blocks and inline), in order, touching ones merged.
    pub fn html(&self) -> &[Range<usize>] {
        &self.html
    }

    /// Adds a block (nothing when it has no ranges).
    fn push_block(&mut self, ranges: impl IntoIterator<Item = Range<usize>>) {
        let before = self.ranges.len();
        self.ranges.extend(ranges);
        if self.ranges.len() > before {
            self.ends.push(self.ranges.len());
        }
    }

    /// Appends the blocks of `other` (which come after these in the file).
    pub fn append(&mut self, other: Prose) {
        let base = self.ranges.len();
        self.ranges.extend(other.ranges);
        self.ends.extend(other.ends.into_iter().map(|e| e + base));
        self.push_html(other.html);
    }

    /// Every block: its ranges, in order. No block is empty.
    pub fn blocks(&self) -> impl ExactSizeIterator<Item = &[Range<usize>]> + '_ {
        (0..self.ends.len()).map(|i| {
            let start = if i == 0 { 0 } else { self.ends[i - 1] };
            &self.ranges[start..self.ends[i]]
        })
    }

    /// The blocks of an edited text: blocks starting before `scanned.start` are kept, those
    /// of `fresh` (offsets from `scanned.start`) come next, then the blocks starting at or
    /// after `scanned.end`, moved by `shift`.
    pub fn splice(
        &self,
        scanned: Range<usize>,
        fresh: &Prose,
        shift: impl Fn(usize) -> usize,
    ) -> Prose {
        let mut out = Prose::default();
        for block in self.blocks().take_while(|b| b[0].start < scanned.start) {
            out.push_block(block.iter().cloned());
        }
        for block in fresh.blocks() {
            out.push_block(
                block
                    .iter()
                    .map(|r| r.start + scanned.start..r.end + scanned.start),
            );
        }
        for block in self.blocks().filter(|b| b[0].start >= scanned.end) {
            out.push_block(block.iter().map(|r| shift(r.start)..shift(r.end)));
        }
        let kept = self.html.iter().take_while(|r| r.start < scanned.start);
        out.push_html(kept.cloned());
        out.push_html(
            fresh
                .html
                .iter()
                .map(|r| r.start + scanned.start..r.end + scanned.start),
        );
        let after = self.html.iter().filter(|r| r.start >= scanned.end);
        out.push_html(after.map(|r| shift(r.start)..shift(r.end)));
        out
    }

    /// The blocks that start before `end` (the rest belong to text read only as context).
    pub fn before(&self, end: usize) -> Prose {
        let mut out = Prose::default();
        for block in self.blocks().take_while(|b| b[0].start < end) {
            out.push_block(block.iter().cloned());
        }
        out.push_html(self.html.iter().take_while(|r| r.start < end).cloned());
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_keep_their_grouping_through_append_and_splice() {
        let mut a = Prose::default();
        a.push_block([0..3, 5..8]);
        a.push_block([]);
        a.push_block(vec![10..12, 12..12]);
        let mut b = Prose::default();
        b.push_block(vec![20..25, 25..25]);
        a.append(b);
        let blocks: Vec<Vec<Range<usize>>> = a.blocks().map(<[_]>::to_vec).collect();
        assert_eq!(
            blocks,
            vec![vec![0..3, 5..8], vec![10..12, 12..12], vec![20..25, 25..25]]
        );

        // Replace 10..12 (scanned 9..15) with a fresh block at offset 1..4; the rest moves +3.
        let mut fresh = Prose::default();
        fresh.push_block(vec![1..4, 4..5]);
        let spliced = a.splice(9..15, &fresh, |x| x + 3);
        let blocks: Vec<Vec<Range<usize>>> = spliced.blocks().map(<[_]>::to_vec).collect();
        assert_eq!(
            blocks,
            vec![vec![0..3, 5..8], vec![10..13, 13..14], vec![23..28, 28..28]]
        );
        assert_eq!(spliced.before(10).blocks().len(), 1);
    }
}
