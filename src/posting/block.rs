//! Re-scanning one block of a large part per keystroke, not the whole part.
//!
//! A part's text (its lines, as an editor holds them) is cut into *blocks* that CommonMark
//! reads independently: a block starts at the part's start, or at a line that begins with an
//! ASCII letter at column 0 right after a blank line. After a blank line such a line can
//! only continue a fenced code block or a multi-line HTML block (a list item or block quote
//! would need indentation or `>`, and a blank line ends paragraphs, tables and the other
//! HTML blocks). Each block is scanned on its own with a heading line appended (for the
//! part's last block: the real next heading); that line is read as a heading exactly there
//! only if the block closed every block it opened, fences and HTML included. So by
//! induction from the part's start (right after a plain heading line, or the body start),
//! every cut is a fresh start, and the blocks' placeholders are the part's placeholders.
//!
//! An edit re-scans only the blocks it touched (joined with the next one while a proof
//! fails); anything that could change other parts (a heading, a link reference or footnote
//! definition) makes [`BlockScan::update`] give up, and the caller re-reads the part.

use std::ops::Range;

use super::markdown;
use super::placeholder;
use super::{LineIndex, Part, Placeholder, Posting};

/// The line appended to a block to prove it closed every block it opened.
const SENTINEL: &str = "# x";

/// Blocks grow to at least this many bytes before a cut (one cut per paragraph would make
/// the per-block overhead dominate).
pub const MIN_BLOCK: usize = 2048;

/// Lines of a part as an editor holds them (without their endings).
pub trait Lines {
    /// How many lines (at least one).
    fn count(&self) -> usize;
    /// Line `i`.
    fn line(&self, i: usize) -> &str;
}

impl<S: AsRef<str>> Lines for [S] {
    fn count(&self) -> usize {
        self.len()
    }
    fn line(&self, i: usize) -> &str {
        self[i].as_ref()
    }
}

impl<S: AsRef<str>> Lines for Vec<S> {
    fn count(&self) -> usize {
        self.len()
    }
    fn line(&self, i: usize) -> &str {
        self[i].as_ref()
    }
}

#[derive(Debug, Clone)]
struct Block {
    /// First line.
    start: usize,
    /// Bytes of the block in the part's text (each line's ending included, but the part's
    /// last line has none).
    bytes: usize,
    /// Its placeholders, spans relative to the block's first byte.
    found: Vec<Placeholder>,
}

/// A part's placeholders kept per block, for re-scanning only what an edit touched.
#[derive(Debug, Clone)]
pub struct BlockScan {
    part: Part,
    ending: &'static str,
    blocks: Vec<Block>,
    lines: usize,
    count: usize,
    /// Bytes a block grows to before a cut ([`MIN_BLOCK`]; tests use less).
    min: usize,
}

/// What a part's scan needs from the posting around it.
struct Context<'a> {
    /// The next heading's text, when the part is followed by one.
    next: Option<&'a super::Section>,
    /// Whether text follows the part (a last line without ending then gets one).
    followed: bool,
}

fn blank(line: &str) -> bool {
    line.bytes().all(|b| b == b' ' || b == b'\t')
}

/// Whether a line that follows a blank line starts afresh: an ASCII letter at column 0 (see
/// the module comment). The chunked read of a large body cuts at the same lines.
pub(super) fn starts_afresh_after_blank(line: &str) -> bool {
    line.as_bytes().first().is_some_and(u8::is_ascii_alphabetic)
}

/// Whether a block may start at line `i`.
fn is_cut<L: Lines + ?Sized>(lines: &L, i: usize) -> bool {
    i > 0
        && i < lines.count()
        && blank(lines.line(i - 1))
        && starts_afresh_after_blank(lines.line(i))
}

fn line_bytes<L: Lines + ?Sized>(lines: &L, i: usize, ending: &str) -> usize {
    lines.line(i).len()
        + if i + 1 < lines.count() {
            ending.len()
        } else {
            0
        }
}

impl Posting {
    /// The context of a block scan of `part`, or `None` when only a whole re-read tells
    /// (front matter, an edit at the very start, a heading inside a container).
    fn block_context(&self, part: Part) -> Option<Context<'_>> {
        let range = self.part_range(part)?;
        let start = if self.bom { 3 } else { 0 };
        if part == Part::FrontMatter
            || range.start <= start
            || (self.front_matter.is_none() && self.text[start..].starts_with("---"))
        {
            return None;
        }
        let (own, next) = match part {
            Part::Section(i) => (Some(&self.sections[i]), self.sections.get(i + 1)),
            _ => (None, self.sections.first()),
        };
        for h in own.into_iter().chain(next) {
            if !super::incremental::plain_heading_line(&self.text[h.heading.clone()]) {
                return None;
            }
        }
        Some(Context {
            next,
            followed: range.end < self.text.len(),
        })
    }

    /// Scans `part` as it would be with `lines` (joined with `ending`) as its text, block by
    /// block. `None` when a block scan cannot tell (see [`BlockScan`]); then only
    /// [`Posting::replace_part`] does.
    pub fn block_scan<L: Lines + ?Sized>(
        &self,
        part: Part,
        lines: &L,
        ending: &'static str,
    ) -> Option<BlockScan> {
        self.block_scan_with(part, lines, ending, MIN_BLOCK)
    }

    /// As [`Posting::block_scan`], cutting blocks after `min` bytes.
    pub fn block_scan_with<L: Lines + ?Sized>(
        &self,
        part: Part,
        lines: &L,
        ending: &'static str,
        min: usize,
    ) -> Option<BlockScan> {
        let ctx = self.block_context(part)?;
        let mut scan = BlockScan {
            part,
            ending,
            blocks: Vec::new(),
            lines: lines.count(),
            count: 0,
            min,
        };
        let (blocks, _) = scan.run(self, &ctx, lines, 0, &[])?;
        scan.count = blocks.iter().map(|b| b.found.len()).sum();
        scan.blocks = blocks;
        Some(scan)
    }
}

impl BlockScan {
    /// The part scanned.
    pub fn part(&self) -> Part {
        self.part
    }

    /// Unfilled placeholders in the part.
    pub fn count(&self) -> usize {
        self.count
    }

    /// How many blocks the part is cut into.
    pub fn blocks(&self) -> usize {
        self.blocks.len()
    }

    /// Every placeholder's text, in order.
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        self.blocks
            .iter()
            .flat_map(|b| b.found.iter().map(|p| p.text.as_ref()))
    }

    /// The texts of the placeholders in blocks that hold any of lines `rows`.
    pub fn texts_in(&self, rows: Range<usize>) -> impl Iterator<Item = &str> {
        let first = self
            .blocks
            .partition_point(|b| b.start <= rows.start)
            .saturating_sub(1);
        self.blocks[first..]
            .iter()
            .take_while(move |b| b.start < rows.end.max(rows.start + 1))
            .flat_map(|b| b.found.iter().map(|p| p.text.as_ref()))
    }

    /// The placeholders with spans as in `posting.replace_part(part, text)` (lines, columns
    /// and sections are those of the block alone: only a fold tells them).
    pub fn placeholders(&self, posting: &Posting) -> Vec<Placeholder> {
        let start = posting.part_range(self.part).map_or(0, |r| r.start);
        let mut at = start;
        let mut out = Vec::with_capacity(self.count);
        for b in &self.blocks {
            out.extend(b.found.iter().cloned().map(|mut p| {
                p.span = p.span.start + at..p.span.end + at;
                p
            }));
            at += b.bytes;
        }
        out
    }

    /// Follows an edit: old lines `old` were replaced by `new_len` lines (now `lines`);
    /// re-scans only the blocks they touch. False when only a whole re-read tells (the
    /// scan is then out of date: drop it).
    pub fn update<L: Lines + ?Sized>(
        &mut self,
        posting: &Posting,
        lines: &L,
        old: Range<usize>,
        new_len: usize,
    ) -> bool {
        let delta = new_len as isize - old.len() as isize;
        if old.start > old.end
            || old.end > self.lines
            || (self.lines as isize + delta) as usize != lines.count()
        {
            return false;
        }
        let Some(ctx) = posting.block_context(self.part) else {
            return false;
        };
        // The block holding the first changed line; one earlier when that line starts its
        // block (the cut may be gone).
        let mut k0 = self
            .blocks
            .partition_point(|b| b.start <= old.start)
            .saturating_sub(1);
        if k0 > 0 && self.blocks[k0].start == old.start {
            k0 -= 1;
        }
        // Blocks that start after the last changed line stay, shifted.
        let last = old.end.max(old.start + 1) - 1;
        let k1 = self.blocks.partition_point(|b| b.start <= last);
        let stops: Vec<usize> = self.blocks[k1..]
            .iter()
            .map(|b| (b.start as isize + delta) as usize)
            .collect();
        let from = self.blocks[k0].start;
        let Some((fresh, reached)) = self.run(posting, &ctx, lines, from, &stops) else {
            return false;
        };
        // Old blocks from `k0` up to the one now starting at `reached` are replaced.
        let kept = if reached == lines.count() {
            self.blocks.len()
        } else {
            k1 + stops.partition_point(|&s| s < reached)
        };
        let removed: usize = self.blocks[k0..kept].iter().map(|b| b.found.len()).sum();
        let added: usize = fresh.iter().map(|b| b.found.len()).sum();
        let after = k0 + fresh.len();
        self.blocks.splice(k0..kept, fresh);
        for b in &mut self.blocks[after..] {
            b.start = (b.start as isize + delta) as usize;
        }
        self.lines = lines.count();
        self.count = self.count - removed + added;
        true
    }

    /// Scans blocks from line `from` (a fresh start) until the part's end, or until a block
    /// proven closed ends at one of `stops` (sorted). Returns the blocks and where they end.
    fn run<L: Lines + ?Sized>(
        &self,
        posting: &Posting,
        ctx: &Context,
        lines: &L,
        from: usize,
        stops: &[usize],
    ) -> Option<(Vec<Block>, usize)> {
        let n = lines.count();
        let mut out = Vec::new();
        let mut s = from;
        let mut stop = stops.iter().copied().filter(|&x| x > from).peekable();
        while s < n {
            while stop.peek().is_some_and(|&x| x <= s) {
                stop.next();
            }
            // The end: the next cut after MIN_BLOCK bytes, or an earlier stop.
            let mut e = s + 1;
            let mut bytes = line_bytes(lines, s, self.ending);
            loop {
                if e >= n {
                    break;
                }
                if stop.peek() == Some(&e) && is_cut(lines, e) {
                    break;
                }
                if bytes >= self.min && is_cut(lines, e) {
                    break;
                }
                bytes += line_bytes(lines, e, self.ending);
                e += 1;
            }
            // Proven, or joined with what follows until it is.
            let found = loop {
                if let Some(found) = self.scan_block(posting, ctx, lines, s..e)? {
                    break found;
                }
                if e >= n {
                    return None;
                }
                loop {
                    bytes += line_bytes(lines, e, self.ending);
                    e += 1;
                    if e >= n || is_cut(lines, e) {
                        break;
                    }
                }
            };
            out.push(Block {
                start: s,
                bytes,
                found,
            });
            if e < n && stop.peek() == Some(&e) {
                return Some((out, e));
            }
            s = e;
        }
        Some((out, n))
    }

    /// Scans lines `r` on their own. `Some(None)`: the block did not prove closed (join it
    /// with the next); `None`: the edit may change other parts (give up).
    #[allow(clippy::option_option)]
    fn scan_block<L: Lines + ?Sized>(
        &self,
        posting: &Posting,
        ctx: &Context,
        lines: &L,
        r: Range<usize>,
    ) -> Option<Option<Vec<Placeholder>>> {
        let n = lines.count();
        let mut frag = String::new();
        for i in r.clone() {
            frag.push_str(lines.line(i));
            if i + 1 < n {
                frag.push_str(self.ending);
            }
        }
        if frag.contains("]:") {
            return None;
        }
        let own_end = frag.len();
        let last = r.end == n;
        let expect: Option<(u8, &str)> = if !last {
            frag.push_str(SENTINEL);
            frag.push_str(self.ending);
            Some((1, "x"))
        } else {
            let whole_empty = n == 1 && lines.line(0).is_empty();
            let tail = lines.line(n - 1);
            if ctx.followed && !whole_empty && !tail.is_empty() && !tail.ends_with('\r') {
                frag.push_str(posting.line_ending());
            }
            ctx.next.map(|h| (h.level, &*h.title))
        };
        let at = if last { frag.len() } else { own_end };
        if last && let Some(h) = ctx.next {
            frag.push_str(&posting.text[h.heading.clone()]);
        }
        let outline = markdown::scan(&frag, 0..frag.len(), Some(&posting.refs));
        if !outline.refs.is_empty() {
            return None;
        }
        match (expect, outline.headings.as_slice()) {
            (None, []) => {}
            (Some((level, title)), [h]) if h.range == (at..frag.len()) => {
                if h.level != level || outline.title(h) != title {
                    return if last { None } else { Some(None) };
                }
            }
            // A heading inside the block changes the parts: only a re-read tells.
            (_, hs) if hs.iter().any(|h| h.range.start < at) => return None,
            _ => return if last { None } else { Some(None) },
        }
        let frag_lines = LineIndex::new(&frag);
        let found = placeholder::detect(&frag, &outline, None, &frag_lines, &posting.options)
            .into_iter()
            .filter(|p| p.span.start < own_end)
            .collect();
        Some(Some(found))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::posting::lines::split_lines;
    use proptest::prelude::*;

    /// The part's placeholders as a full re-read of the edited posting reports them.
    fn reread(p: &Posting, part: Part, text: &str) -> Vec<(Range<usize>, String)> {
        let new = p.replace_part(part, text);
        let full = Posting::parse(new.text().to_string());
        let r = full.part_range(part).unwrap();
        full.placeholders()
            .iter()
            .filter(|ph| !ph.in_front_matter && r.start <= ph.span.start && ph.span.end <= r.end)
            .map(|ph| (ph.span.clone(), ph.text.to_string()))
            .collect()
    }

    fn ours(p: &Posting, s: &BlockScan) -> Vec<(Range<usize>, String)> {
        s.placeholders(p)
            .into_iter()
            .map(|ph| (ph.span, ph.text.to_string()))
            .collect()
    }

    fn piece() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "Text [Role] here.\n",
            "Text [Role] here.\n",
            "About {{ field }} and <Company Name>.\n",
            "\n",
            "\n",
            "\n",
            "\n",
            "\n",
            "Plain words only.\n",
            "Plain words only.\n",
            "```\n",
            "~~~\n",
            "    [indented]\n",
            "<!--\n",
            "-->\n",
            "<div>\n",
            "<pre>\n",
            "</pre>\n",
            "- item [X]\n",
            "  more [Y]\n",
            "> quote [Q]\n",
            "| a | [b] |\n|---|---|\n",
            "TBD\n",
            "Setext\n",
            "---\n",
            "# Heading\n",
            "[ref]: /url\n",
            "[ref] and [other]\n",
            "`[Code]`\n",
            "1. first [F]\n",
            "Lorem ipsum\n",
        ])
    }

    /// Mostly paragraphs, so parts cut into many blocks; sometimes structure.
    fn mixed() -> impl Strategy<Value = &'static str> {
        prop_oneof![
            6 => prop::sample::select(vec![
                "Text [Role] here.\n",
                "\n",
                "\n",
                "Plain words.\n",
                "More {{ x }}\n",
                " indented [I]\n",
            ]),
            1 => piece(),
        ]
    }

    fn doc(pieces: &[&str]) -> String {
        format!(
            "---\ntitle: t\n---\nIntro [A]\n\n## Body\n\n{}\n## Next [N]\n\nTail [T]\n",
            pieces.concat()
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

        /// After any line edit, the block scan (when it answers) gives exactly the
        /// placeholders a full re-read of the edited posting gives in that part.
        #[test]
        fn block_rescan_equals_full_reread(
            before in proptest::collection::vec(mixed(), 0..60),
            at in 0usize..60,
            removed in 0usize..4,
            inserted in proptest::collection::vec(mixed(), 0..4),
            last_section in any::<bool>(),
            min in 1usize..200,
        ) {
            let text = if last_section {
                format!("# Top\n\n## Body\n\n{}", before.concat())
            } else {
                doc(&before)
            };
            let p = Posting::parse(text);
            let part = p
                .parts()
                .into_iter()
                .find(|&pt| matches!(pt, Part::Section(i) if &*p.sections()[i].title == "Body"));
            prop_assume!(part.is_some());
            let part = part.unwrap();
            let old_lines = split_lines(p.part_text(part));
            // Start from the unedited part, then edit lines at..at+removed.
            let Some(mut scan) = p.block_scan_with(part, &old_lines, "\n", min) else {
                return Ok(());
            };
            prop_assert_eq!(ours(&p, &scan), reread(&p, part, &old_lines.join("\n")));
            let at = at.min(old_lines.len());
            let end = (at + removed).min(old_lines.len());
            let ins: Vec<String> = split_lines(inserted.concat().trim_end_matches('\n'));
            let ins = if inserted.is_empty() { Vec::new() } else { ins };
            let mut new_lines = old_lines.clone();
            new_lines.splice(at..end, ins.iter().cloned());
            if new_lines.is_empty() {
                new_lines.push(String::new());
            }
            let new_len = new_lines.len() + end - at - old_lines.len();
            let ok = scan.update(&p, &new_lines, at..end, new_len);
            if ok {
                let want = reread(&p, part, &new_lines.join("\n"));
                let all: Vec<&str> = want.iter().map(|(_, t)| t.as_str()).collect();
                prop_assert_eq!(scan.texts_in(0..new_lines.len()).collect::<Vec<_>>(), all);
                prop_assert_eq!(ours(&p, &scan), want);
            }
        }
    }

    #[test]
    fn a_giant_body_is_cut_into_blocks_and_one_edit_rescans_one() {
        let mut body = String::new();
        for i in 0..2000 {
            body.push_str(&format!(
                "Para {i} for [Company Name] and {{{{ f{i} }}}}.\n\n"
            ));
        }
        let p = Posting::parse(format!("# Top\n\n## Body\n\n{body}"));
        let part = Part::Section(1);
        let mut lines = split_lines(p.part_text(part));
        let mut scan = p.block_scan(part, &lines, "\n").unwrap();
        assert!(scan.blocks() > 10, "{} blocks", scan.blocks());
        assert_eq!(scan.count(), 4000);
        // Type a placeholder into a paragraph in the middle.
        lines[2001].push_str(" TBD");
        assert!(scan.update(&p, &lines, 2001..2002, 1));
        assert_eq!(scan.count(), 4001);
        assert_eq!(ours(&p, &scan), reread(&p, part, &lines.join("\n")));
        // Open a fence there: everything after it is code.
        lines.insert(2002, "```".into());
        assert!(scan.update(&p, &lines, 2002..2002, 1));
        assert_eq!(ours(&p, &scan), reread(&p, part, &lines.join("\n")));
        assert_eq!(scan.count(), 2003);
        // A heading changes the parts: the scan gives up.
        lines[10] = "## New".into();
        assert!(!scan.update(&p, &lines, 10..11, 1));
    }
}
