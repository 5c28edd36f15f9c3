//! The CommonMark pass: headings and the literal text of the body, by byte offset
//! (pulldown-cmark), for the section split and the placeholder detector.

use std::collections::HashSet;
use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// A heading as CommonMark sees it.
#[derive(Debug, Clone)]
pub struct Heading {
    /// From the start of the heading's first line to the end of its last line (ending included).
    pub range: Range<usize>,
    pub level: u8,
    /// Where its plain text is in [`Outline::titles`]: read with [`Outline::title`].
    title: Range<usize>,
    pub setext: bool,
}

/// What a piece of a leaf block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece {
    /// Literal text: brackets, braces and words here are as written.
    Text,
    /// Inline raw HTML (`<Company Name>` is read as a tag by CommonMark).
    Html,
    /// A code span, backticks included.
    Code,
}

/// The body as the detector needs it.
#[derive(Debug, Default)]
pub struct Outline {
    pub headings: Vec<Heading>,
    /// The headings' plain texts, one after another (one buffer, not a string a heading).
    titles: String,
    /// Every leaf block's pieces (paragraph, heading, table cell...), in order, one list for
    /// them all (a posting has dozens of leaves): see [`Outline::leaves`].
    pieces: Vec<(Range<usize>, Piece)>,
    /// `pieces[leaf_ends[i - 1]..leaf_ends[i]]` is leaf `i`.
    leaf_ends: Vec<usize>,
    /// HTML blocks, by range.
    pub html_blocks: Vec<Range<usize>>,
    /// Raw HTML as CommonMark reads it (block lines and inline tags and comments), touching
    /// ranges merged: where an HTML comment can be.
    pub html: Vec<Range<usize>>,
    /// Link reference labels defined in the scanned text (normalised).
    pub refs: HashSet<String>,
    /// Where the first and the last top-level block start (not nested in a list or quote).
    pub first_block: Option<usize>,
    pub last_block: Option<usize>,
}

impl Outline {
    /// The plain text of a heading of this outline (emphasis removed, links reduced to their
    /// text, trimmed).
    pub fn title(&self, h: &Heading) -> &str {
        &self.titles[h.title.clone()]
    }

    /// Per leaf block: its pieces in order (never none).
    pub fn leaves(&self) -> impl Iterator<Item = &[(Range<usize>, Piece)]> + '_ {
        let mut start = 0;
        self.leaf_ends.iter().map(move |&end| {
            let leaf = &self.pieces[start..end];
            start = end;
            leaf
        })
    }

    /// How many pieces the leaves have in all.
    pub fn piece_count(&self) -> usize {
        self.pieces.len()
    }

    /// Keeps the leaves whose first piece starts before `end`.
    pub fn retain_leaves_before(&mut self, end: usize) {
        let mut pieces = Vec::with_capacity(self.pieces.len());
        let mut ends = Vec::with_capacity(self.leaf_ends.len());
        for leaf in self.leaves() {
            if leaf[0].0.start < end {
                pieces.extend_from_slice(leaf);
                ends.push(pieces.len());
            }
        }
        self.pieces = pieces;
        self.leaf_ends = ends;
    }

    /// Empties the outline, its lists keeping their room.
    fn clear(&mut self) {
        self.headings.clear();
        self.titles.clear();
        self.pieces.clear();
        self.leaf_ends.clear();
        self.html_blocks.clear();
        self.html.clear();
        self.refs.clear();
        self.first_block = None;
        self.last_block = None;
    }

    /// Ends the leaf whose pieces start at `pieces[*start..]` (nothing when it has none) and
    /// starts the next.
    fn end_leaf(&mut self, start: &mut usize) {
        if self.pieces.len() > *start {
            self.leaf_ends.push(self.pieces.len());
            *start = self.pieces.len();
        }
    }
}

/// A link label as CommonMark matches it: case-insensitive, whitespace collapsed.
pub fn normalize_label(label: &str) -> String {
    label
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The CommonMark extensions postings are read with (tables, footnotes, strikethrough, task
/// lists); `export` renders with the same.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
}

fn is_inline(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Link { .. }
            | Tag::Image { .. }
            | Tag::Superscript
            | Tag::Subscript
    )
}

fn is_inline_end(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Link
            | TagEnd::Image
            | TagEnd::Superscript
            | TagEnd::Subscript
    )
}

/// Scans `text[span]` as a Markdown document; all ranges are into `text`. `known_refs` are
/// link labels defined elsewhere in the document (when a part is scanned on its own), so
/// `[label]` resolves as a link just as it would in place.
pub fn scan(text: &str, span: Range<usize>, known_refs: Option<&HashSet<String>>) -> Outline {
    let mut out = Outline::default();
    scan_into(&mut out, text, span, known_refs);
    out
}

/// As [`scan`], into `out`, emptied first: its lists keep their room, so one outline can serve
/// a thread's postings one after another.
pub fn scan_into(
    out: &mut Outline,
    text: &str,
    span: Range<usize>,
    known_refs: Option<&HashSet<String>>,
) {
    let body_start = span.start;
    let body = &text[span];
    out.clear();
    // At most a piece per 40 bytes, a leaf per 60 and a heading per 256 in postings: seldom
    // grown.
    out.pieces.reserve(body.len() / 40 + 1);
    out.leaf_ends.reserve(body.len() / 60 + 1);
    out.headings.reserve(body.len() / 256 + 4);
    let callback = |link: pulldown_cmark::BrokenLink<'_>| {
        known_refs
            .filter(|refs| refs.contains(&normalize_label(&link.reference)))
            .map(|_| {
                (
                    pulldown_cmark::CowStr::from(""),
                    pulldown_cmark::CowStr::from(""),
                )
            })
    };
    let parser = Parser::new_with_broken_link_callback(body, options(), Some(callback));
    out.refs.extend(
        parser
            .reference_definitions()
            .iter()
            .map(|(k, _)| normalize_label(k)),
    );
    // The current leaf's pieces go straight into `out.pieces`, from this index on.
    let mut leaf = 0usize;
    let mut in_code_block = 0usize;
    let mut heading: Option<(Range<usize>, u8)> = None;
    // Where the current heading's title starts in `out.titles`.
    let mut title = 0usize;
    // The current table row, and its cells (one list for every row).
    let mut row: Option<Range<usize>> = None;
    let mut cells: Vec<Range<usize>> = Vec::new();
    let mut depth = 0usize;

    // One match an event: a block's start and end also keep the top-level block offsets.
    for (event, r) in parser.into_offset_iter() {
        let r = r.start + body_start..r.end + body_start;
        match event {
            Event::Start(tag) => {
                if is_inline(&tag) {
                    continue;
                }
                if depth == 0 {
                    out.first_block.get_or_insert(r.start);
                    out.last_block = Some(r.start);
                }
                depth += 1;
                match tag {
                    Tag::CodeBlock(_) => {
                        out.end_leaf(&mut leaf);
                        in_code_block += 1;
                    }
                    Tag::HtmlBlock => {
                        out.end_leaf(&mut leaf);
                        out.html_blocks.push(r);
                    }
                    Tag::Heading { level, .. } => {
                        out.end_leaf(&mut leaf);
                        heading = Some((r, level as u8));
                        if out.titles.capacity() == 0 {
                            out.titles.reserve(256);
                        }
                        title = out.titles.len();
                    }
                    // A table row is scanned whole: `{{REMOTE | HYBRID}}` spans cell
                    // delimiters, and cells past the header's count (which GFM drops) are
                    // still text to the author.
                    Tag::TableHead | Tag::TableRow => {
                        out.end_leaf(&mut leaf);
                        row = Some(r);
                        cells.clear();
                    }
                    Tag::TableCell if row.is_some() => cells.push(r),
                    _ => out.end_leaf(&mut leaf),
                }
            }
            Event::End(tag) => {
                if is_inline_end(&tag) {
                    continue;
                }
                depth = depth.saturating_sub(1);
                match tag {
                    TagEnd::CodeBlock => in_code_block = in_code_block.saturating_sub(1),
                    TagEnd::Heading(_) => {
                        out.end_leaf(&mut leaf);
                        if let Some((hr, level)) = heading.take() {
                            end_heading(text, body_start, hr, level, title, out);
                        }
                    }
                    TagEnd::TableCell => {}
                    TagEnd::TableHead | TagEnd::TableRow => {
                        if let Some(row_range) = row.take() {
                            add_dropped_cells(text, row_range, &cells, &mut out.pieces, leaf);
                        }
                        out.end_leaf(&mut leaf);
                    }
                    _ => out.end_leaf(&mut leaf),
                }
            }
            // A thematic break is the one block with no start and end events.
            Event::Rule if depth == 0 => {
                out.first_block.get_or_insert(r.start);
                out.last_block = Some(r.start);
            }
            Event::Text(t) if in_code_block == 0 => {
                if heading.is_some() {
                    out.titles.push_str(&t);
                }
                push(&mut out.pieces, leaf, r, Piece::Text);
            }
            Event::Code(c) => {
                if heading.is_some() {
                    out.titles.push_str(&c);
                }
                out.pieces.push((r, Piece::Code));
            }
            Event::InlineHtml(h) => {
                if heading.is_some() {
                    out.titles.push_str(&h);
                }
                push_html(&mut out.html, r.clone());
                out.pieces.push((r, Piece::Html));
            }
            Event::Html(_) => push_html(&mut out.html, r),
            Event::SoftBreak | Event::HardBreak => {
                if heading.is_some() {
                    out.titles.push(' ');
                }
                push(&mut out.pieces, leaf, r, Piece::Text);
            }
            _ => {}
        }
    }
    out.end_leaf(&mut leaf);
}

/// Records the heading `hr` (its event range) at its end: the lines it spans, and its title,
/// the text pushed to `out.titles` since `title`, trimmed in place.
fn end_heading(
    text: &str,
    body_start: usize,
    hr: Range<usize>,
    level: u8,
    title: usize,
    out: &mut Outline,
) {
    let start = text[..hr.start]
        .rfind(['\n', '\r'])
        .map_or(body_start, |i| i + 1)
        .max(body_start);
    let last = hr.end.saturating_sub(1).max(hr.start);
    let end = super::lines::line_end_after(text, last.min(text.len()));
    let head = &text[hr.clone()];
    let setext = !head.trim_start().starts_with('#');
    // Trimmed in place: the buffer ends with this title.
    let raw = &out.titles[title..];
    let lead = raw.len() - raw.trim_start().len();
    let kept = raw.trim().len();
    out.titles.truncate(title + lead + kept);
    out.headings.push(Heading {
        range: start..end,
        level,
        title: title + lead..title + lead + kept,
        setext,
    });
}

/// Adds the bytes of a table row that no cell covers (pipes excepted) as text pieces of the
/// leaf `pieces[leaf..]`, which stays in order.
fn add_dropped_cells(
    text: &str,
    row: Range<usize>,
    cells: &[Range<usize>],
    pieces: &mut Vec<(Range<usize>, Piece)>,
    leaf: usize,
) {
    let row_text = &text[row.clone()];
    let end = row.start + row_text.trim_end_matches(['\n', '\r']).len();
    let mut pos = row.start;
    let mut gaps = Vec::new();
    for c in cells.iter().chain(std::iter::once(&(end..end))) {
        if c.start > pos {
            gaps.push(pos..c.start.min(end));
        }
        pos = pos.max(c.end);
    }
    for g in gaps {
        let mut start = g.start;
        for (i, b) in text[g.clone()].bytes().enumerate() {
            if b == b'|' {
                if start < g.start + i {
                    pieces.push((start..g.start + i, Piece::Text));
                }
                start = g.start + i + 1;
            }
        }
        if start < g.end {
            pieces.push((start..g.end, Piece::Text));
        }
    }
    pieces[leaf..].sort_by_key(|(r, _)| r.start);
}

/// Adds a range of raw HTML, merged into the last when they touch.
pub(super) fn push_html(html: &mut Vec<Range<usize>>, r: Range<usize>) {
    match html.last_mut() {
        Some(last) if last.end >= r.start => last.end = last.end.max(r.end),
        _ => html.push(r),
    }
}

/// Adds a text piece to the leaf `pieces[leaf..]`, merging it with the leaf's last one when
/// they touch.
fn push(pieces: &mut Vec<(Range<usize>, Piece)>, leaf: usize, r: Range<usize>, kind: Piece) {
    if pieces.len() > leaf
        && let Some((last, Piece::Text)) = pieces.last_mut()
        && kind == Piece::Text
        && last.end == r.start
    {
        last.end = r.end;
        return;
    }
    pieces.push((r, kind));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(o: &Outline) -> impl PartialEq + std::fmt::Debug + '_ {
        (
            format!("{:?}", o.headings),
            &o.titles,
            &o.pieces,
            &o.leaf_ends,
            &o.html_blocks,
            &o.refs,
            (o.first_block, o.last_block),
        )
    }

    proptest::proptest! {
        /// An outline scanned into again holds what a fresh one would: nothing of the text
        /// before.
        #[test]
        fn a_reused_outline_is_a_fresh_one(
            a in "(# T\n|[x]: /u\n|<div>\n|\\| a \\| b \\|\n\\|---\\|---\\|\n|`c` [y]\n|\n|text\n)*",
            b in "(## U\n|[z]: /v\n|<p>\n|- [w]\n|\n|more\n)*",
        ) {
            let mut reused = scan(&a, 0..a.len(), None);
            scan_into(&mut reused, &b, 0..b.len(), None);
            let fresh = scan(&b, 0..b.len(), None);
            proptest::prop_assert_eq!(parts(&reused), parts(&fresh));
        }
    }
}
