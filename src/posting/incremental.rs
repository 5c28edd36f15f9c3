//! Editing one part without re-reading the whole posting: the part (with its heading and the
//! next heading for context) is scanned on its own and spliced in, and everything after it is
//! shifted. When the edit could change the structure around it (a new heading, an unclosed
//! fence or HTML block, a link reference definition, a front matter delimiter), `None` is
//! returned and the caller re-reads the whole text, so the result is always what a full
//! parse gives — the tests check exactly that.

use std::ops::Range;

use super::markdown::{self, Outline};
use super::placeholder;
use super::prose::Prose;
use super::{LineIndex, Part, Placeholder, Posting, frontmatter};

/// Text that may define or remove a link reference or footnote, which changes other parts.
fn may_define(text: &str) -> bool {
    text.contains("]:")
}

/// A heading line that starts a fresh block context: ATX at column 0, or setext text at
/// column 0 that is not a container marker.
pub(super) fn plain_heading_line(line: &str) -> bool {
    match line.as_bytes().first() {
        Some(b'#') => true,
        Some(c) => {
            !c.is_ascii_whitespace()
                && !matches!(c, b'>' | b'-' | b'*' | b'+' | b'0'..=b'9' | b'<' | b'|')
        }
        None => false,
    }
}

impl Posting {
    /// Replaces `range` (the editable text of `part`) with `new`, re-scanning only that part.
    pub(super) fn splice_part(
        &self,
        part: Part,
        range: Range<usize>,
        new: &str,
    ) -> Option<Posting> {
        // Edits at the very start may add or remove a BOM or front matter; and with an opening
        // `---` but no closing line yet, any later line could close it.
        let start = if self.bom { 3 } else { 0 };
        if range.start <= start
            || (self.front_matter.is_none() && self.text[start..].starts_with("---"))
        {
            return None;
        }
        match part {
            Part::FrontMatter => self.splice_front_matter(range, new),
            Part::Preamble | Part::Section(_) => self.splice_body(part, range, new),
        }
    }

    /// The placeholders `part` would hold with `new` as its text (spans as in
    /// `replace_part(part, new)`; other fields as far as one part tells), found by scanning
    /// only that part, its heading and the next heading. `None` when the edit could change
    /// the structure (then only a `replace_part` tells), or for the front matter.
    pub fn scan_part_text(&self, part: Part, new: &str) -> Option<Vec<Placeholder>> {
        let range = self.part_range(part)?;
        if part == Part::FrontMatter {
            return None;
        }
        let start = if self.bom { 3 } else { 0 };
        if range.start <= start
            || (self.front_matter.is_none() && self.text[start..].starts_with("---"))
        {
            return None;
        }
        let with = self.part_text_to_write(part, &range, new);
        let (fresh, ctx_start) = self.scan_body(part, range, &with)?;
        Some(
            fresh
                .into_iter()
                .map(|mut p| {
                    p.span = p.span.start + ctx_start..p.span.end + ctx_start;
                    p
                })
                .collect(),
        )
    }

    fn splice_body(&self, part: Part, range: Range<usize>, new: &str) -> Option<Posting> {
        let (ctx_start, fresh, prose) = self.scan_body_with_prose(part, range.clone(), new)?;
        Some(self.rebuild(part, ctx_start..range.end, range, new, fresh, prose))
    }

    /// The part's fresh placeholders (spans relative to the context start) and that start.
    fn scan_body(
        &self,
        part: Part,
        range: Range<usize>,
        new: &str,
    ) -> Option<(Vec<Placeholder>, usize)> {
        let (ctx_start, fresh, _) = self.scan_body_with_prose(part, range, new)?;
        Some((fresh, ctx_start))
    }

    #[allow(clippy::type_complexity)]
    fn scan_body_with_prose(
        &self,
        part: Part,
        range: Range<usize>,
        new: &str,
    ) -> Option<(usize, Vec<Placeholder>, Prose)> {
        if may_define(&self.text[range.clone()]) || may_define(new) {
            return None;
        }
        let (ctx_start, own, next) = match part {
            Part::Section(i) => (
                self.sections[i].heading.start,
                Some(i),
                self.sections.get(i + 1),
            ),
            _ => (self.preamble.start, None, self.sections.first()),
        };
        if let Some(i) = own
            && !plain_heading_line(&self.text[self.sections[i].heading.clone()])
        {
            return None;
        }
        if let Some(n) = next
            && !plain_heading_line(&self.text[n.heading.clone()])
        {
            return None;
        }
        let mut frag = String::with_capacity(range.start - ctx_start + new.len() + 64);
        frag.push_str(&self.text[ctx_start..range.start]);
        frag.push_str(new);
        let next_at = frag.len();
        if let Some(n) = next {
            frag.push_str(&self.text[n.heading.clone()]);
        }
        let outline = markdown::scan(&frag, 0..frag.len(), Some(&self.refs));
        if !outline.refs.is_empty()
            || outline.headings.len() != own.is_some() as usize + next.is_some() as usize
        {
            return None;
        }
        if let Some(i) = own {
            let (h, s) = (&outline.headings[0], &self.sections[i]);
            if h.range != (0..s.heading.len())
                || h.level != s.level
                || outline.title(h) != &*s.title
            {
                return None;
            }
        }
        if let Some(n) = next {
            let h = outline.headings.last()?;
            if h.range != (next_at..next_at + n.heading.len())
                || h.level != n.level
                || outline.title(h) != &*n.title
            {
                return None;
            }
        }
        let frag_lines = LineIndex::new(&frag);
        let found = placeholder::detect(&frag, &outline, None, &frag_lines, &self.options);
        let fresh: Vec<Placeholder> = found
            .into_iter()
            .filter(|p| p.span.start < next_at)
            .collect();
        let prose = Prose::of(&outline).before(next_at);
        Some((ctx_start, fresh, prose))
    }

    fn splice_front_matter(&self, range: Range<usize>, new: &str) -> Option<Posting> {
        let fm = self.front_matter.as_ref()?;
        // A delimiter line inside the new YAML would close the block early.
        if new
            .lines()
            .any(|l| matches!(l.trim_end_matches('\r'), "---" | "..."))
            || !(new.is_empty() || new.ends_with(['\n', '\r']))
        {
            return None;
        }
        // Scan the new front matter on its own: the block as it will be, then nothing else.
        let mut frag = String::with_capacity(fm.block.len() + new.len());
        frag.push_str(&self.text[fm.block.start..range.start]);
        frag.push_str(new);
        frag.push_str(&self.text[range.end..fm.block.end]);
        let frag_lines = LineIndex::new(&frag);
        let (block, yaml) = frontmatter::locate(&frag, 0)?;
        let read = frontmatter::read(&frag[yaml.clone()], block, yaml, 1);
        let fresh = placeholder::detect(
            &frag,
            &Outline::default(),
            Some(&read),
            &frag_lines,
            &self.options,
        );
        let mut p = self.rebuild(
            Part::FrontMatter,
            fm.block.start..range.end,
            range,
            new,
            fresh,
            Prose::default(),
        );
        // Re-read the front matter in place, so its ranges and error lines are the file's.
        let f = p.front_matter.as_ref()?;
        let first_line = p.lines.line(f.yaml.start);
        p.front_matter = Some(frontmatter::read(
            &p.text[f.yaml.clone()],
            f.block.clone(),
            f.yaml.clone(),
            first_line,
        ));
        Some(p)
    }

    /// Builds the edited posting: `replaced` (inside `scanned`, which starts where the fresh
    /// placeholders' offsets start) becomes `new`; later ranges shift.
    #[allow(clippy::too_many_arguments)]
    fn rebuild(
        &self,
        part: Part,
        scanned: Range<usize>,
        replaced: Range<usize>,
        new: &str,
        fresh: Vec<Placeholder>,
        fresh_prose: Prose,
    ) -> Posting {
        let delta = new.len() as isize - replaced.len() as isize;
        let shift = |x: usize| {
            if x >= replaced.end {
                (x as isize + delta) as usize
            } else {
                x
            }
        };
        let shift_range = |r: &Range<usize>| shift(r.start)..shift(r.end);
        let mut text = String::with_capacity((self.text.len() as isize + delta) as usize);
        text.push_str(&self.text[..replaced.start]);
        text.push_str(new);
        text.push_str(&self.text[replaced.end..]);
        let lines = self
            .lines
            .splice(&self.text, &text, replaced.clone(), new.len());
        let line_delta = lines.len() as isize - self.lines.len() as isize;
        let shift_line = |l: usize| (l as isize + line_delta) as usize;

        // The front matter and the preamble's start move only when the front matter is edited.
        let fm_edit = part == Part::FrontMatter;
        let mut front_matter = self.front_matter.clone();
        if let Some(f) = front_matter.as_mut().filter(|_| fm_edit) {
            f.block = f.block.start..shift(f.block.end);
            f.yaml = f.yaml.start..shift(f.yaml.end);
        }
        let preamble_start = if fm_edit {
            shift(self.preamble.start)
        } else {
            self.preamble.start
        };
        let preamble = preamble_start..shift(self.preamble.end).max(preamble_start);
        let sections = self
            .sections
            .iter()
            .map(|s| {
                let mut s = s.clone();
                if s.heading.start >= replaced.end {
                    s.heading = shift_range(&s.heading);
                    s.body = shift_range(&s.body);
                    s.line = shift_line(s.line);
                } else {
                    s.body = s.body.start..shift(s.body.end);
                }
                s
            })
            .collect();
        let section = match part {
            Part::Section(i) => Some(i),
            _ => None,
        };
        let mut placeholders = Vec::with_capacity(self.placeholders.len() + fresh.len());
        placeholders.extend(
            self.placeholders
                .iter()
                .take_while(|p| p.span.start < scanned.start)
                .cloned(),
        );
        for mut p in fresh {
            p.span = p.span.start + scanned.start..p.span.end + scanned.start;
            let (line, column) = lines.line_col(&text, p.span.start);
            (p.line, p.column) = (line as u32, column as u32);
            p.set_section(section);
            p.in_front_matter = part == Part::FrontMatter;
            placeholders.push(p);
        }
        for p in self
            .placeholders
            .iter()
            .filter(|p| p.span.start >= scanned.end)
        {
            let mut p = p.clone();
            p.span = shift_range(&p.span);
            p.line = shift_line(p.line as usize) as u32;
            placeholders.push(p);
        }
        let prose = std::sync::OnceLock::new();
        if let Some(old) = self.prose.get() {
            let _ = prose.set(old.splice(scanned, &fresh_prose, shift));
        }
        Posting {
            text,
            bom: self.bom,
            prose,
            front_matter,
            preamble,
            sections,
            placeholders,
            lines,
            options: self.options.clone(),
            refs: self.refs.clone(),
        }
    }
}
