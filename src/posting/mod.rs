//! The posting model: a Markdown job posting with YAML front matter, kept as its original
//! text and known by byte ranges (front matter, the text before the first heading, sections,
//! placeholders). Edits replace only the bytes they touch, so everything else is written back
//! exactly as it was loaded. No terminal code lives here.

pub mod add;
pub mod block;
pub mod boundary;
pub mod bytes8;
pub mod change;
mod chunked;
mod fill;
pub mod frontmatter;
pub mod hinted;
pub mod history;
mod incremental;
mod intern;
pub mod lines;
mod markdown;
pub mod placeholder;
mod prose;
pub mod schema;
pub mod search;
pub mod session;

use std::ops::Range;

/// Bodies smaller than twice this are read in one pass on the caller's thread; larger ones in
/// chunks of at least this on pool threads, which keep nothing of what they read.
const MIN_CHUNK: usize = 128 * 1024;

pub use fill::{FillError, FillReport, normalize_name};
pub use frontmatter::{FrontMatter, YamlError};
pub use lines::LineIndex;
pub use markdown::options as markdown_options;
pub use placeholder::{DetectOptions, Placeholder, PlaceholderKind};

/// Why a text cannot be loaded as a posting.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum LoadError {
    /// The bytes contain a NUL: a binary file, not a posting.
    #[error("the file looks binary (it contains a NUL byte at offset {0})")]
    Binary(usize),
    /// The bytes are not UTF-8.
    #[error("the file is not UTF-8 text (invalid byte at offset {0})")]
    NotUtf8(usize),
    /// 4 GiB or more: no job posting is that long.
    #[error("the file is too large for a posting ({0} bytes; the limit is 4 GiB)")]
    TooLarge(usize),
}

/// One heading and the body under it, up to the next heading of any level.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// Plain text of the heading (emphasis removed, links reduced to their text). Shared by
    /// the sections of one read that have the same title (a 10 MB posting repeats a handful
    /// of titles tens of thousands of times).
    pub title: std::sync::Arc<str>,
    /// Heading level, 1 to 6.
    pub level: u8,
    /// 1-based file line of the heading's first line.
    pub line: usize,
    /// The heading's lines, line ending included.
    pub heading: Range<usize>,
    /// Everything after the heading up to the next heading (or the end of the file).
    pub body: Range<usize>,
    /// Whether the heading is setext (underlined) rather than ATX (`#`).
    pub setext: bool,
}

impl Section {
    /// The heading and the body together.
    pub fn range(&self) -> Range<usize> {
        self.heading.start..self.body.end
    }
}

/// An editable part of a posting, as the editor shows it in panes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Part {
    /// The YAML text of the front matter (between the delimiter lines).
    FrontMatter,
    /// The text before the first heading (after the front matter).
    Preamble,
    /// The body of section `n`.
    Section(usize),
}

/// A loaded posting. The text is the file's text exactly as read (BOM included).
#[derive(Debug, Clone)]
pub struct Posting {
    text: String,
    bom: bool,
    front_matter: Option<FrontMatter>,
    preamble: Range<usize>,
    sections: Vec<Section>,
    placeholders: Vec<Placeholder>,
    lines: LineIndex,
    options: std::sync::Arc<DetectOptions>,
    /// Link reference labels defined anywhere in the body (normalised).
    refs: std::sync::Arc<std::collections::HashSet<String>>,
    /// Read with the posting when it is small; on first use when large (only the review
    /// asks, and a 10 MB posting should open without it).
    prose: std::sync::OnceLock<prose::Prose>,
}

impl Posting {
    /// Loads raw file bytes: refuses binary (NUL) and non-UTF-8 content.
    pub fn from_bytes(bytes: Vec<u8>) -> Result<Self, LoadError> {
        Self::from_bytes_with(bytes, std::sync::Arc::default())
    }

    /// Loads raw file bytes like [`Posting::from_bytes`], detecting placeholders with a
    /// team's options.
    pub fn from_bytes_with(
        bytes: Vec<u8>,
        options: std::sync::Arc<DetectOptions>,
    ) -> Result<Self, LoadError> {
        Self::text_of(bytes).map(|text| Self::parse_with(text, options))
    }

    /// The text of raw file bytes, if they can be a posting: not binary (a NUL), UTF-8, and
    /// under 4 GiB.
    pub fn text_of(bytes: Vec<u8>) -> Result<String, LoadError> {
        if bytes.len() > lines::MAX_LEN {
            return Err(LoadError::TooLarge(bytes.len()));
        }
        if let Some(i) = memchr::memchr(0, &bytes) {
            return Err(LoadError::Binary(i));
        }
        String::from_utf8(bytes).map_err(|e| LoadError::NotUtf8(e.utf8_error().valid_up_to()))
    }

    /// Parses text into a posting. Never fails: any text under 4 GiB is a posting (a larger
    /// one panics; [`Posting::from_bytes`] refuses it).
    pub fn parse(text: impl Into<String>) -> Self {
        Self::parse_with(text, std::sync::Arc::new(DetectOptions::default()))
    }

    /// Parses text with placeholder detection options (a team's config); every posting made
    /// from this one by an edit keeps the same options.
    pub fn parse_with(text: impl Into<String>, options: std::sync::Arc<DetectOptions>) -> Self {
        Self::parse_on(text.into(), options, chunked::Threads::Pool)
    }

    /// As [`Posting::parse_with`], reading a large posting's chunks one after another on
    /// this thread rather than on every core: slower, with a lower peak memory (for an
    /// editor that holds the posting for a long time).
    pub fn parse_here(text: impl Into<String>, options: std::sync::Arc<DetectOptions>) -> Self {
        Self::parse_on(text.into(), options, chunked::Threads::Caller)
    }

    fn parse_on(
        text: String,
        options: std::sync::Arc<DetectOptions>,
        threads: chunked::Threads,
    ) -> Self {
        let lines = LineIndex::new(&text);
        let bom = text.starts_with('\u{feff}');
        let start = if bom { 3 } else { 0 };
        let front_matter = frontmatter::locate(&text, start).map(|(block, yaml)| {
            let first_line = lines.line(yaml.start);
            frontmatter::read(&text[yaml.clone()], block, yaml, first_line)
        });
        let body_start = front_matter.as_ref().map_or(start, |f| f.block.end);
        let small = text.len() - body_start < 2 * MIN_CHUNK;
        let scanned = chunked::scan_and_detect(
            &text,
            body_start,
            &lines,
            &options,
            small,
            front_matter.as_ref(),
            threads,
        );
        let refs = std::sync::Arc::new(scanned.refs);
        let mut sections = scanned.sections;
        let chunked = !small;
        for i in 0..sections.len() {
            let next = sections.get(i + 1).map_or(text.len(), |n| n.heading.start);
            sections[i].body.end = next;
        }
        let preamble = body_start..sections.first().map_or(text.len(), |s| s.heading.start);
        let mut placeholders = scanned.placeholders;
        if chunked {
            share_on_this_thread(&mut placeholders);
        }
        for p in &mut placeholders {
            p.set_section(
                sections
                    .partition_point(|s| s.heading.start <= p.span.start)
                    .checked_sub(1),
            );
        }
        let prose = std::sync::OnceLock::new();
        if let Some(p) = scanned.prose {
            let _ = prose.set(p);
        }
        Posting {
            text,
            bom,
            front_matter,
            preamble,
            sections,
            placeholders,
            lines,
            options,
            refs,
            prose,
        }
    }

    /// The whole text, as it would be written to disk.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Consumes the posting, giving its text.
    pub fn into_text(self) -> String {
        self.text
    }

    /// Whether the file starts with a UTF-8 byte order mark.
    pub fn has_bom(&self) -> bool {
        self.bom
    }

    /// The front matter, if the file has a closed `---` block on line 1.
    pub fn front_matter(&self) -> Option<&FrontMatter> {
        self.front_matter.as_ref()
    }

    /// The text before the first heading (after any front matter).
    pub fn preamble(&self) -> Range<usize> {
        self.preamble.clone()
    }

    /// Every heading CommonMark sees, in order, each with its body.
    pub fn sections(&self) -> &[Section] {
        &self.sections
    }

    /// Every unfilled placeholder, in file order.
    pub fn placeholders(&self) -> &[Placeholder] {
        &self.placeholders
    }

    /// The literal prose of the body, one list of byte ranges per leaf block (paragraph,
    /// heading, list item text, table row), in file order: text as CommonMark reads it, never
    /// code, inline or block HTML, link destinations or front matter. Placeholders are still
    /// in it; language rules cut them out.
    pub fn prose_blocks(&self) -> impl ExactSizeIterator<Item = &[Range<usize>]> + '_ {
        self.prose().blocks()
    }

    /// The raw HTML of the body (HTML blocks, inline tags and comments) as CommonMark reads
    /// it, in order, touching ranges merged: never code or front matter.
    pub fn raw_html(&self) -> &[Range<usize>] {
        self.prose().html()
    }

    fn prose(&self) -> &prose::Prose {
        self.prose.get_or_init(|| {
            chunked::scan_and_detect(
                &self.text,
                self.preamble.start,
                &self.lines,
                &self.options,
                true,
                None,
                chunked::Threads::Pool,
            )
            .prose
            .unwrap_or_default()
        })
    }

    /// The line index of the text.
    pub fn lines(&self) -> &LineIndex {
        &self.lines
    }

    /// 1-based (line, column) of a byte offset; columns count characters.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        self.lines.line_col(&self.text, offset)
    }

    /// The line ending the file mostly uses.
    pub fn line_ending(&self) -> &'static str {
        lines::dominant_ending(&self.text)
    }

    /// The parts an editor shows as panes, in document order: front matter (if any), the
    /// preamble (if any text or no sections), then every section.
    pub fn parts(&self) -> Vec<Part> {
        let mut parts = Vec::new();
        if self.front_matter.is_some() {
            parts.push(Part::FrontMatter);
        }
        if !self.preamble.is_empty() || self.sections.is_empty() {
            parts.push(Part::Preamble);
        }
        parts.extend((0..self.sections.len()).map(Part::Section));
        parts
    }

    /// Byte range of a part's editable text, or `None` for a part the posting lacks.
    pub fn part_range(&self, part: Part) -> Option<Range<usize>> {
        match part {
            Part::FrontMatter => self.front_matter.as_ref().map(|f| f.yaml.clone()),
            Part::Preamble => Some(self.preamble.clone()),
            Part::Section(i) => self.sections.get(i).map(|s| s.body.clone()),
        }
    }

    /// The editable text of a part.
    pub fn part_text(&self, part: Part) -> &str {
        self.part_range(part).map_or("", |r| &self.text[r])
    }

    /// The part a byte offset belongs to (a heading belongs to its section).
    pub fn part_at(&self, offset: usize) -> Option<Part> {
        if let Some(f) = &self.front_matter
            && offset < f.block.end
        {
            return Some(Part::FrontMatter);
        }
        match self.sections.partition_point(|s| s.heading.start <= offset) {
            0 => Some(Part::Preamble),
            n => Some(Part::Section(n - 1)),
        }
    }

    /// Replaces the bytes in `range` and re-reads the posting; nothing else changes.
    pub fn replace_range(&self, range: Range<usize>, new: &str) -> Posting {
        let mut text = String::with_capacity(self.text.len() + new.len());
        text.push_str(&self.text[..range.start]);
        text.push_str(new);
        text.push_str(&self.text[range.end..]);
        Posting::parse_with(text, self.options.clone())
    }

    /// The detection options this posting was parsed with.
    pub fn options(&self) -> &std::sync::Arc<DetectOptions> {
        &self.options
    }

    /// Replaces a part's editable text, with the line endings [`Posting::part_text_to_write`]
    /// adds.
    pub fn replace_part(&self, part: Part, new: &str) -> Posting {
        let Some(range) = self.part_range(part) else {
            return self.clone();
        };
        let with = self.part_text_to_write(part, &range, new);
        self.splice_part(part, range.clone(), &with)
            .unwrap_or_else(|| self.replace_range(range, &with))
    }

    /// `new` as it is written over a part's text at `range`. Nothing is added to empty text.
    /// A line ending goes after it when more text follows (so the next heading stays a
    /// heading) and after front matter; before it when the text before does not end a line
    /// (a heading or a closing `---` that ends the file); and after text typed into an empty
    /// part at the end of a file whose last line ended, so the file keeps its final newline.
    fn part_text_to_write<'a>(
        &self,
        part: Part,
        range: &Range<usize>,
        new: &'a str,
    ) -> std::borrow::Cow<'a, str> {
        let ends_line = |t: &str| t.ends_with(['\n', '\r']);
        if new.is_empty() {
            return new.into();
        }
        let before = &self.text[..range.start];
        let at_end = range.end == self.text.len();
        let bom = if self.bom { 3 } else { 0 };
        let lead = range.start > bom && !ends_line(before);
        let trail = !ends_line(new)
            && (!at_end
                || part == Part::FrontMatter
                || (range.is_empty() && range.start > bom && ends_line(before)));
        if !lead && !trail {
            return new.into();
        }
        let e = self.line_ending();
        let mut out = String::with_capacity(new.len() + 2 * e.len());
        if lead {
            out.push_str(e);
        }
        out.push_str(new);
        if trail {
            out.push_str(e);
        }
        out.into()
    }

    /// Renames section `index`, keeping its heading style (`###` run or setext underline)
    /// and line ending.
    pub fn rename_section(&self, index: usize, title: &str) -> Posting {
        let Some(s) = self.sections.get(index) else {
            return self.clone();
        };
        let old = &self.text[s.heading.clone()];
        let ending = if old.ends_with("\r\n") {
            "\r\n"
        } else if old.ends_with('\n') {
            "\n"
        } else {
            ""
        };
        let title = title.replace(['\n', '\r'], " ");
        let new = if s.setext {
            let underline = if s.level == 1 { "=" } else { "-" };
            let width = title.chars().count().max(3);
            format!("{title}{ending}{}{ending}", underline.repeat(width))
        } else {
            let indent: String = old.chars().take_while(|c| *c == ' ').collect();
            format!("{indent}{} {title}{ending}", "#".repeat(s.level as usize))
        };
        self.replace_range(s.heading.clone(), &new)
    }

    /// Adds a new section with `title` at `level` after section `after` (or after the
    /// preamble when `None`), with an empty body line.
    pub fn insert_section(&self, after: Option<usize>, level: u8, title: &str) -> Posting {
        let at = match after {
            Some(i) => self.sections.get(i).map_or(self.text.len(), |s| s.body.end),
            None => self.preamble.end,
        };
        let e = self.line_ending();
        let mut new = String::new();
        if at > 0 && !self.text[..at].ends_with('\n') {
            new.push_str(e);
        }
        if at > 0
            && !self.text[..at].ends_with(&format!("{e}{e}"))
            && !self.text[..at].ends_with("\n\n")
        {
            new.push_str(e);
        }
        new.push_str(&format!(
            "{} {}{e}{e}",
            "#".repeat(level.clamp(1, 6) as usize),
            title.trim()
        ));
        self.replace_range(at..at, &new)
    }

    /// Removes section `index`, heading and body.
    pub fn remove_section(&self, index: usize) -> Posting {
        match self.sections.get(index) {
            Some(s) => self.replace_range(s.range(), ""),
            None => self.clone(),
        }
    }

    /// Words in a range of the text (for reports).
    pub fn word_count(&self, range: Range<usize>) -> usize {
        self.text[range]
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .count()
    }
}

/// Gives the placeholders' strings, made per chunk on worker threads, one copy each made on
/// this thread: the workers' memory is then all free and can go back to the system.
fn share_on_this_thread(placeholders: &mut [Placeholder]) {
    use std::collections::HashMap;
    use std::sync::Arc;
    let mut shared: HashMap<Arc<str>, Arc<str>> = HashMap::new();
    let mut here = |s: &mut Arc<str>| {
        let mine = shared
            .entry(s.clone())
            .or_insert_with(|| Arc::from(&**s))
            .clone();
        *s = mine;
    };
    for p in placeholders {
        here(&mut p.text);
        here(&mut p.name);
    }
}

#[cfg(test)]
mod tests;
