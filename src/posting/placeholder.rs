//! Placeholder detection: text left for the author to replace, found from the Markdown
//! structure (literal text of leaf blocks, HTML blocks, front matter values), never from one
//! pattern over the whole file. See PRODUCT.md "What a placeholder is".

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use super::frontmatter::FrontMatter;
use super::lines::LineIndex;
use super::markdown::{Outline, Piece};

/// Which form a placeholder is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PlaceholderKind {
    /// `[Company Name]`
    Bracket,
    /// `{{ field }}`
    Mustache,
    /// `{COMPANY_NAME}`
    Brace,
    /// `%NAME%`
    Percent,
    /// `<Company Name>`
    Angle,
    /// `OFFICE_MANAGER_NAME`
    ScreamingSnake,
    /// `TBD`, `TODO`, `XXX`
    Marker,
    /// `Lorem ipsum`
    Lorem,
    /// A team's own pattern from config.
    Custom,
}

impl PlaceholderKind {
    /// A short lower-case name, as config files and reports spell it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Bracket => "bracket",
            Self::Mustache => "mustache",
            Self::Brace => "brace",
            Self::Percent => "percent",
            Self::Angle => "angle",
            Self::ScreamingSnake => "screaming-snake",
            Self::Marker => "marker",
            Self::Lorem => "lorem",
            Self::Custom => "custom",
        }
    }
}

impl std::str::FromStr for PlaceholderKind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        ALL_KINDS
            .iter()
            .copied()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| {
                let names: Vec<_> = ALL_KINDS.iter().map(|k| k.as_str()).collect();
                format!(
                    "unknown placeholder style {s:?} (known: {})",
                    names.join(", ")
                )
            })
    }
}

/// Every placeholder style.
pub const ALL_KINDS: &[PlaceholderKind] = &[
    PlaceholderKind::Bracket,
    PlaceholderKind::Mustache,
    PlaceholderKind::Brace,
    PlaceholderKind::Percent,
    PlaceholderKind::Angle,
    PlaceholderKind::ScreamingSnake,
    PlaceholderKind::Marker,
    PlaceholderKind::Lorem,
    PlaceholderKind::Custom,
];

/// How a team tunes detection: styles turned off, patterns of its own.
#[derive(Debug, Clone, Default)]
pub struct DetectOptions {
    /// Styles not reported.
    pub disabled: Vec<PlaceholderKind>,
    /// Extra patterns, matched in the same literal text the built-in styles are (never in
    /// code, comments or YAML keys).
    pub patterns: Vec<regex::Regex>,
}

/// One unfilled placeholder occurrence.
#[derive(Debug, Clone, PartialEq)]
pub struct Placeholder {
    /// The text as written, delimiters included (`\r` removed from a split placeholder).
    /// Shared by every occurrence of the same placeholder in one read (a 10 MB posting
    /// repeats a handful of placeholders tens of thousands of times).
    pub text: Arc<str>,
    /// The text without its delimiters, whitespace collapsed: what `fill` matches.
    pub name: Arc<str>,
    /// Byte range in the posting's text.
    pub span: Range<usize>,
    /// 1-based file line of the first character (32 bits, like every offset of a posting:
    /// a 10 MB posting holds some 34,000 placeholders).
    pub line: u32,
    /// 1-based column of the first character, in characters.
    pub column: u32,
    /// Index of the section it sits in, plus one (so the option takes no extra room in the
    /// tens of thousands a large posting holds); `None` in the front matter or before the
    /// first heading. Read with [`Placeholder::section_index`].
    section: Option<std::num::NonZeroU32>,
    /// The form it is written in.
    pub kind: PlaceholderKind,
    /// Whether it sits in the front matter.
    pub in_front_matter: bool,
}

impl Placeholder {
    /// The index of the section it sits in, if any.
    pub fn section_index(&self) -> Option<usize> {
        self.section.map(|i| i.get() as usize - 1)
    }

    /// Sets the index of the section it sits in.
    pub(crate) fn set_section(&mut self, index: Option<usize>) {
        self.section = index.and_then(|i| std::num::NonZeroU32::new(i as u32 + 1));
    }

    /// The editable part it is counted in (the editor's pane for it).
    pub fn part(&self) -> super::Part {
        match (self.in_front_matter, self.section_index()) {
            (true, _) => super::Part::FrontMatter,
            (false, None) => super::Part::Preamble,
            (false, Some(i)) => super::Part::Section(i),
        }
    }

    /// 1-based (line, column) of its first character.
    pub fn line_col(&self) -> (usize, usize) {
        (self.line as usize, self.column as usize)
    }
}

/// Names that talk about the convention rather than ask for a value ("Replace all
/// [BRACKETED] fields", "Use {{PLACEHOLDER}} syntax").
const META_NAMES: &[&str] = &["placeholder", "placeholders", "bracketed", "brackets"];

/// HTML element names: `<details>` is markup, `<Company Name>` is a field.
const HTML_ELEMENTS: &[&str] = &[
    "a",
    "abbr",
    "address",
    "area",
    "article",
    "aside",
    "audio",
    "b",
    "base",
    "bdi",
    "bdo",
    "blockquote",
    "body",
    "br",
    "button",
    "canvas",
    "caption",
    "center",
    "cite",
    "code",
    "col",
    "colgroup",
    "data",
    "datalist",
    "dd",
    "del",
    "details",
    "dfn",
    "dialog",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "fieldset",
    "figcaption",
    "figure",
    "font",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "i",
    "iframe",
    "img",
    "input",
    "ins",
    "kbd",
    "label",
    "legend",
    "li",
    "link",
    "main",
    "map",
    "mark",
    "menu",
    "meta",
    "meter",
    "nav",
    "noscript",
    "object",
    "ol",
    "optgroup",
    "option",
    "output",
    "p",
    "param",
    "picture",
    "pre",
    "progress",
    "q",
    "rp",
    "rt",
    "ruby",
    "s",
    "samp",
    "script",
    "section",
    "select",
    "slot",
    "small",
    "source",
    "span",
    "strike",
    "strong",
    "style",
    "sub",
    "summary",
    "sup",
    "svg",
    "table",
    "tbody",
    "td",
    "template",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "time",
    "title",
    "tr",
    "track",
    "tt",
    "u",
    "ul",
    "var",
    "video",
    "wbr",
    "path",
    "g",
    "circle",
    "rect",
    "line",
    "polygon",
    "polyline",
    "use",
    "defs",
    "kbd",
    "math",
    "tt",
    "big",
    "nobr",
    "marquee",
    "frame",
    "frameset",
];

/// Byte that stands for text that is not literal (markup, code, comments, keys).
const FILLER: u8 = 1;

#[derive(Debug, Clone)]
struct Cand {
    span: Range<usize>,
    kind: PlaceholderKind,
    /// For a placeholder inside a code span: the name comes from this inner range.
    fm: bool,
}

/// Where a view comes from: the rules differ a little.
#[derive(Clone, Copy, PartialEq)]
enum Ctx {
    Body,
    Yaml,
}

/// Finds every placeholder of `text`, in file order. Sections are filled in by the caller.
pub(super) fn detect(
    text: &str,
    outline: &Outline,
    fm: Option<&FrontMatter>,
    lines: &LineIndex,
    opts: &DetectOptions,
) -> Vec<Placeholder> {
    // Large texts are read in chunks on pool threads, whose memory should all go back when
    // they are done: they lend no buffers, and keep none.
    let lend = text.len() < 2 * super::MIN_CHUNK;
    let mut scratch = if lend {
        SCRATCH.take()
    } else {
        Scratch::default()
    };
    let Scratch {
        cands,
        view,
        starts,
    } = &mut scratch;
    cands.clear();
    view.clear();
    starts.clear();
    // A posting has a handful of candidates: room for them from the start.
    cands.reserve(16);
    // One buffer for every view that is copied (front matter lines, leaves of many pieces).
    view.reserve(256);
    // Every view below is a part of `text` (some bytes made FILLER): where a placeholder may
    // start is found once for the whole span they cover.
    let mut lo = usize::MAX;
    let mut hi = 0;
    let mut cover = |r: &Range<usize>| {
        lo = lo.min(r.start);
        hi = hi.max(r.end);
    };
    if let Some(fm) = fm {
        cover(&fm.yaml);
    }
    if let (Some(first), Some(last)) = (outline.leaves().next(), outline.leaves().last()) {
        cover(&(first[0].0.start..last[last.len() - 1].0.end));
    }
    if let (Some(first), Some(last)) = (outline.html_blocks.first(), outline.html_blocks.last()) {
        cover(&(first.start..last.end));
    }
    if lo < hi {
        starts_in(text.as_bytes(), lo..hi, starts);
    }
    let scan = Scan::new(opts, starts);
    if let Some(fm) = fm {
        scan_yaml(text, fm.yaml.clone(), &scan, view, cands);
    }
    // Every placeholder of a leaf or block starts at a start in it (inline HTML and tags at
    // their `<`, code spans at a start inside): without a team's pattern, one with none is
    // passed over.
    let quiet = |r: Range<usize>| opts.patterns.is_empty() && !scan.any_in(r);
    for leaf in outline.leaves() {
        if let (Some(first), Some(last)) = (leaf.first(), leaf.last())
            && quiet(first.0.start..last.0.end)
        {
            continue;
        }
        scan_leaf(text, leaf, &scan, view, cands);
    }
    for block in &outline.html_blocks {
        if quiet(block.clone()) {
            continue;
        }
        scan_html_block(text, block.clone(), &scan, cands);
    }
    cands.retain(|c| !opts.disabled.contains(&c.kind));
    cands.sort_by(|a, b| {
        a.span
            .start
            .cmp(&b.span.start)
            .then(b.span.end.cmp(&a.span.end))
    });
    let mut out: Vec<Placeholder> = Vec::with_capacity(cands.len());
    let mut shared = Shared {
        // Large texts are read in chunks on pool threads, whose memory should all go back
        // when they are done: nothing of theirs is kept.
        intern: text.len() < 2 * super::MIN_CHUNK,
        ..Shared::default()
    };
    let mut last_end = 0;
    for c in cands.drain(..) {
        if !out.is_empty() && c.span.start < last_end {
            continue;
        }
        last_end = c.span.end;
        let raw = &text[c.span.clone()];
        let (line, column) = lines.line_col(text, c.span.start);
        let (shown, name) = shared.get(raw, c.kind);
        out.push(Placeholder {
            text: shown,
            name,
            span: c.span,
            line: line as u32,
            column: column as u32,
            section: None,
            kind: c.kind,
            in_front_matter: c.fm,
        });
    }
    if lend {
        SCRATCH.set(scratch);
    }
    out
}

/// The buffers a detection works in and drops.
#[derive(Default)]
struct Scratch {
    cands: Vec<Cand>,
    view: Vec<u8>,
    starts: Vec<usize>,
}

thread_local! {
    /// This thread's last [`Scratch`], lent to its next detection (`check` detects thousands
    /// of postings on each worker: no allocations each). Only texts under two chunks lend
    /// theirs, so what it keeps is bounded by theirs.
    static SCRATCH: std::cell::Cell<Scratch> = const {
        std::cell::Cell::new(Scratch {
            cands: Vec::new(),
            view: Vec::new(),
            starts: Vec::new(),
        })
    };
}

/// (text as written, kind) -> (text shown, name), shared by every occurrence in one
/// detection. A posting has a handful of distinct placeholders: the first few are looked for
/// in a short list, with no hashing, the rest in a map.
#[derive(Default)]
struct Shared<'t> {
    few: smallvec::SmallVec<[(Key<'t>, Names); 16]>,
    many: HashMap<Key<'t>, Names>,
    /// Whether names are also shared with the postings read before on this thread (most
    /// postings repeat the same few placeholders).
    intern: bool,
}

/// A placeholder as written, and its kind.
type Key<'t> = (&'t str, PlaceholderKind);
/// The text a placeholder is shown as, and its name.
type Names = (Arc<str>, Arc<str>);

impl<'t> Shared<'t> {
    fn get(&mut self, raw: &'t str, kind: PlaceholderKind) -> Names {
        if let Some((_, names)) = self.few.iter().find(|((r, k), _)| *k == kind && *r == raw) {
            return names.clone();
        }
        let intern = self.intern;
        let make = || {
            let inner = inner_of(raw, kind);
            if !collapsed(inner.as_bytes()) {
                return (shown_of(raw), name_of(raw, kind).into());
            }
            // The name is the text inside the delimiters (none of them a CR), which has no CR:
            // the text is shown as written. Markers, SCREAMING_SNAKE and the like are their own
            // name: one allocation.
            let shown: Arc<str> = raw.into();
            let name = if inner.len() == raw.len() {
                shown.clone()
            } else {
                inner.into()
            };
            (shown, name)
        };
        let made = || {
            if intern {
                super::intern::names(raw, kind as u8, make)
            } else {
                make()
            }
        };
        if self.few.len() < self.few.inline_size() {
            let names = made();
            self.few.push(((raw, kind), names.clone()));
            return names;
        }
        self.many.entry((raw, kind)).or_insert_with(made).clone()
    }
}

/// The text a placeholder is shown as: as written, without carriage returns (one
/// allocation, none to copy when there are none).
fn shown_of(raw: &str) -> Arc<str> {
    if raw.contains('\r') {
        raw.replace('\r', "").into()
    } else {
        raw.into()
    }
}

/// Whether `bytes` is ASCII with its whitespace already collapsed (single spaces between
/// words, none at either end, no other whitespace), read in one pass.
fn collapsed(bytes: &[u8]) -> bool {
    // True at the start, so a leading space fails as a double one does.
    let mut after_space = true;
    for &b in bytes {
        match b {
            b' ' if after_space => return false,
            b' ' => after_space = true,
            b'\t' | b'\n' | b'\r' | 0x0b | 0x0c | 0x80.. => return false,
            _ => after_space = false,
        }
    }
    bytes.is_empty() || !after_space
}

/// The name `fill` matches: the text without delimiters, whitespace collapsed.
pub fn name_of(raw: &str, kind: PlaceholderKind) -> String {
    inner_of(raw, kind)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A placeholder's text without its delimiters.
fn inner_of(raw: &str, kind: PlaceholderKind) -> &str {
    let (open, close): (&[u8], &[u8]) = match kind {
        PlaceholderKind::Bracket => (b"[", b"]"),
        PlaceholderKind::Mustache => (b"{{", b"}}"),
        PlaceholderKind::Brace => (b"{", b"}"),
        PlaceholderKind::Percent => (b"%", b"%"),
        PlaceholderKind::Angle => (b"<", b">"),
        _ => return raw,
    };
    let b = raw.as_bytes();
    // The delimiters are ASCII: cutting them off leaves character boundaries.
    if b.len() >= open.len() + close.len() && b.starts_with(open) && b.ends_with(close) {
        &raw[open.len()..raw.len() - close.len()]
    } else {
        raw
    }
}

/// A leaf block: literal text is scanned; inline HTML may be an angle field; a code span
/// counts when its whole content is one placeholder.
fn scan_leaf(
    text: &str,
    leaf: &[(Range<usize>, Piece)],
    scan: &Scan,
    view: &mut Vec<u8>,
    out: &mut Vec<Cand>,
) {
    let (Some(first), Some(last)) = (leaf.first(), leaf.last()) else {
        return;
    };
    let base = first.0.start;
    let end = last.0.end;
    // Most leaves are one run of literal text: scanned in place.
    if let [(r, Piece::Text)] = leaf {
        scan_view(
            text,
            &text.as_bytes()[r.clone()],
            base,
            Ctx::Body,
            false,
            scan,
            out,
        );
        return;
    }
    // Without a pattern of the team's, literal text with no byte a placeholder may start at
    // is not copied into a view.
    let literal = !scan.opts.patterns.is_empty() || scan.any_in(base..end);
    // One buffer for every leaf of a scan: a posting has a leaf per paragraph and list item.
    view.clear();
    if literal {
        view.resize(end - base, FILLER);
    }
    for (r, kind) in leaf {
        match kind {
            Piece::Text => {
                if literal {
                    view[r.start - base..r.end - base].copy_from_slice(&text.as_bytes()[r.clone()]);
                }
            }
            Piece::Html => {
                if is_angle_field(text, r.start, &text[r.clone()]) {
                    out.push(Cand {
                        span: r.clone(),
                        kind: PlaceholderKind::Angle,
                        fm: false,
                    });
                }
            }
            Piece::Code => {
                if let Some(c) = code_span_placeholder(text, r.clone(), scan) {
                    out.push(c);
                }
            }
        }
    }
    if literal {
        scan_view(text, view, base, Ctx::Body, false, scan, out);
    }
}

/// The content of a code span, when it is exactly one placeholder.
fn code_span_placeholder(text: &str, r: Range<usize>, scan: &Scan) -> Option<Cand> {
    let raw = &text[r.clone()];
    let ticks = raw.len() - raw.trim_start_matches('`').len();
    if raw.len() < 2 * ticks {
        return None;
    }
    let inner = &raw[ticks..raw.len() - ticks];
    let trimmed = inner.trim();
    if trimmed.is_empty() {
        return None;
    }
    let start = r.start + ticks + (inner.len() - inner.trim_start().len());
    let span = start..start + trimmed.len();
    let mut found = Vec::new();
    scan_view(
        text,
        trimmed.as_bytes(),
        start,
        Ctx::Body,
        false,
        scan,
        &mut found,
    );
    match found.as_slice() {
        [c] if c.span == span => Some(c.clone()),
        _ => None,
    }
}

/// An HTML block: comments and tags are not text; a tag whose name is no HTML element is an
/// angle field; the visible text between tags is scanned.
fn scan_html_block(text: &str, r: Range<usize>, scan: &Scan, out: &mut Vec<Cand>) {
    let src = &text.as_bytes()[r.clone()];
    let mut view = src.to_vec();
    let mut i = 0;
    while i < src.len() {
        if src[i..].starts_with(b"<!--") {
            let end = find(src, i + 4, b"-->").map_or(src.len(), |e| e + 3);
            view[i..end].fill(FILLER);
            i = end;
        } else if src[i] == b'<'
            && src
                .get(i + 1)
                .is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, b'/' | b'!' | b'?'))
        {
            let Some(close) = src[i..].iter().position(|&c| c == b'>').map(|p| i + p) else {
                break;
            };
            let tag = &text[r.start + i..r.start + close + 1];
            if is_angle_field(text, r.start + i, tag) {
                out.push(Cand {
                    span: r.start + i..r.start + close + 1,
                    kind: PlaceholderKind::Angle,
                    fm: false,
                });
            }
            view[i..=close].fill(FILLER);
            i = close + 1;
        } else {
            i += 1;
        }
    }
    scan_view(text, &view, r.start, Ctx::Body, false, scan, out);
}

/// Front matter: each line's value is scanned; keys and comments are not.
fn scan_yaml(text: &str, r: Range<usize>, scan: &Scan, view: &mut Vec<u8>, out: &mut Vec<Cand>) {
    let mut pos = r.start;
    // The allowed values when the nearest key line above is an enumerated schema.org property:
    // list items and wrapped flow lists below it are its values too.
    let mut allowed: Option<&[&str]> = None;
    while pos < r.end {
        let end =
            memchr::memchr(b'\n', &text.as_bytes()[pos..r.end]).map_or(r.end, |i| pos + i + 1);
        let line = &text.as_bytes()[pos..end];
        view.clear();
        view.extend_from_slice(line);
        // Comment: a '#' at the start or after whitespace, outside quotes (a line without a
        // `#` has none).
        let mut comment = false;
        if memchr::memchr(b'#', line).is_some() {
            let mut quote: Option<u8> = None;
            for (i, &c) in line.iter().enumerate() {
                match (quote, c) {
                    (None, b'"' | b'\'') => quote = Some(c),
                    (Some(q), c) if c == q => quote = None,
                    (None, b'#') if i == 0 || line[i - 1].is_ascii_whitespace() => {
                        view[i..].fill(FILLER);
                        comment = true;
                        break;
                    }
                    _ => {}
                }
            }
        }
        // Key: `key:` followed by a space or the end of the line.
        let key = {
            // The line itself when nothing was blanked; else valid UTF-8 still (blanked from an
            // ASCII `#` on): checked, not copied.
            let s = if !comment {
                std::borrow::Cow::Borrowed(&text[pos..end])
            } else {
                match std::str::from_utf8(view) {
                    Ok(s) => std::borrow::Cow::Borrowed(s),
                    Err(_) => String::from_utf8_lossy(view),
                }
            };
            let indent = s.len() - s.trim_start_matches([' ', '\t', '-']).len();
            let rest = &s[indent..];
            if !rest.starts_with(['"', '\'', '[', '{'])
                && let Some(colon) = memchr::memchr(b':', rest.as_bytes())
                && (rest[colon + 1..].starts_with([' ', '\t', '\r', '\n'])
                    || colon + 1 == rest.len())
            {
                Some((
                    indent + colon + 1,
                    super::schema::enum_values(rest[..colon].trim()),
                ))
            } else {
                None
            }
        };
        if let Some((key_end, values)) = key {
            allowed = values;
            view[..key_end].fill(FILLER);
        }
        // `employmentType: FULL_TIME` is data: a known value of an enumerated schema.org
        // property is never a placeholder (an unknown one still is, and the review names
        // the values allowed).
        if let Some(values) = allowed {
            blank_words(view, values);
        }
        scan_view(text, view, pos, Ctx::Yaml, true, scan, out);
        pos = end;
    }
}

/// Turns the whole words of `view` that are among `words` into filler.
fn blank_words(view: &mut [u8], words: &[&str]) {
    let mut i = 0;
    while i < view.len() {
        if !is_word(view[i]) {
            i += 1;
            continue;
        }
        let end = (i..view.len())
            .find(|&j| !is_word(view[j]))
            .unwrap_or(view.len());
        if words.iter().any(|w| w.as_bytes() == &view[i..end]) {
            view[i..end].fill(FILLER);
        }
        i = end;
    }
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

fn is_word(c: u8) -> bool {
    WORD_BYTE[usize::from(c)]
}

/// ASCII letters, digits and `_`, as a table: the scan asks it of nearly every byte.
static WORD_BYTE: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = c.is_ascii_alphanumeric() || c == b'_';
        b += 1;
    }
    t
};

fn escaped(text: &str, abs: usize) -> bool {
    let b = text.as_bytes();
    let mut n = 0;
    while abs > n && b[abs - n - 1] == b'\\' {
        n += 1;
    }
    n % 2 == 1
}

/// Scans a view of literal text (non-literal bytes are FILLER) starting at `base` in `text`.
#[allow(clippy::too_many_arguments)]
fn scan_view(
    text: &str,
    view: &[u8],
    base: usize,
    ctx: Ctx,
    fm: bool,
    scan: &Scan,
    out: &mut Vec<Cand>,
) {
    custom_matches(view, base, fm, scan.opts, out);
    let mut push = |span: Range<usize>, kind| out.push(Cand { span, kind, fm });
    let n = view.len();
    let mut i = 0;
    // Only where `starts_in` found a byte may a placeholder begin (or its word hold one);
    // the text between is passed over.
    let from = scan.first_from(base);
    for &at in &scan.starts[from..] {
        let Some(at) = at.checked_sub(base).filter(|&at| at < n) else {
            break;
        };
        if at >= i {
            i = look_at(text, view, base, at, ctx, &mut push);
        }
    }
}

/// The team's own patterns (`detect.patterns`) over a view; a match that takes in a
/// non-literal byte counts not.
fn custom_matches(view: &[u8], base: usize, fm: bool, opts: &DetectOptions, out: &mut Vec<Cand>) {
    if !opts.patterns.is_empty()
        && let Ok(view_text) = std::str::from_utf8(view)
    {
        for re in &opts.patterns {
            for m in re
                .find_iter(view_text)
                .filter(|m| !m.as_str().contains('\u{1}') && !m.is_empty())
            {
                out.push(Cand {
                    span: base + m.start()..base + m.end(),
                    kind: PlaceholderKind::Custom,
                    fm,
                });
            }
        }
    }
}

/// Looks at `view[i]`: a placeholder that starts there (or a word around it) is pushed.
/// Returns where the scan goes on.
fn look_at(
    text: &str,
    view: &[u8],
    base: usize,
    mut i: usize,
    ctx: Ctx,
    push: &mut impl FnMut(Range<usize>, PlaceholderKind),
) -> usize {
    let n = view.len();
    let c = view[i];
    let abs = base + i;
    match c {
        b'{' if view[i..].starts_with(b"{%") => {
            i = find(view, i + 2, b"%}").map_or(i + 2, |e| e + 2);
        }
        b'{' if view[i..].starts_with(b"{{<") || view[i..].starts_with(b"{{%") => {
            let close: &[u8] = if view[i + 2] == b'<' { b">}}" } else { b"%}}" };
            i = find(view, i + 3, close).map_or(i + 3, |e| e + 3);
        }
        b'{' if view[i..].starts_with(b"{{") && !escaped(text, abs) => {
            match find(view, i + 2, b"}}") {
                Some(e) if !view[i + 2..e].contains(&b'\n') || line_count(&view[i + 2..e]) <= 1 => {
                    let inner = &text[base + i + 2..base + e];
                    let mut end = e + 2;
                    // `{{{x}}}` and `{{x}}}`: take the closing run whole.
                    while end < n && view[end] == b'}' {
                        end += 1;
                    }
                    if !inner.trim().is_empty() && !is_liquid(inner) && !is_meta(inner) {
                        push(abs..base + end, PlaceholderKind::Mustache);
                    }
                    i = end;
                }
                _ => i += 2,
            }
        }
        b'{' if view.get(i + 1).is_some_and(u8::is_ascii_uppercase) && !escaped(text, abs) => {
            let e = (i + 1..n)
                .find(|&j| !matches!(view[j], b'A'..=b'Z' | b'0'..=b'9' | b'_' | b' ' | b'-'));
            match e {
                Some(e) if view[e] == b'}' && view[e - 1] != b' ' => {
                    push(abs..base + e + 1, PlaceholderKind::Brace);
                    i = e + 1;
                }
                _ => i += 1,
            }
        }
        b'%' if view.get(i + 1).is_some_and(u8::is_ascii_uppercase)
            && (i == 0 || !is_word(view[i - 1])) =>
        {
            let e = (i + 1..n).find(|&j| !matches!(view[j], b'A'..=b'Z' | b'0'..=b'9' | b'_'));
            match e {
                Some(e)
                    if view[e] == b'%'
                        && e - i > 2
                        && view.get(e + 1).is_none_or(|&c| !is_word(c)) =>
                {
                    push(abs..base + e + 1, PlaceholderKind::Percent);
                    i = e + 1;
                }
                _ => i += 1,
            }
        }
        b'[' if !escaped(text, abs) => match matching_bracket(text, view, base, i) {
            Some(e) => {
                let inner = &text[base + i + 1..base + e];
                let after = view.get(e + 1).copied();
                if bracket_is_placeholder(inner, after, ctx) {
                    push(abs..base + e + 1, PlaceholderKind::Bracket);
                    i = e + 1;
                } else {
                    i += 1;
                }
            }
            None => i += 1,
        },
        b'<' if view.get(i + 1).is_some_and(u8::is_ascii_alphabetic) => {
            let e = (i + 1..n).find(|&j| matches!(view[j], b'>' | b'<' | b'\n' | FILLER));
            match e {
                Some(e)
                    if view[e] == b'>' && is_angle_field(text, abs, &text[abs..base + e + 1]) =>
                {
                    push(abs..base + e + 1, PlaceholderKind::Angle);
                    i = e + 1;
                }
                _ => i += 1,
            }
        }
        c if is_word(c) => {
            // A word with a byte some placeholder word has (`_`, `T`, `X`, `l`, `L`): read
            // whole from its start, which is never before `i` (a scan stops only at a word's
            // start or outside words). Only a word starting with an upper-case letter or `l`
            // can be one.
            let mut s = i;
            while s > 0 && is_word(view[s - 1]) {
                s -= 1;
            }
            let e = (i + 1..n).find(|&j| !is_word(view[j])).unwrap_or(n);
            let first = view[s];
            if first.is_ascii_uppercase() || first == b'l' {
                let word = &view[s..e];
                let prev = if s == 0 { b' ' } else { view[s - 1] };
                let next = view.get(e).copied().unwrap_or(b' ');
                let in_path = matches!(prev, b'/' | b'.' | b'-' | b'$')
                    || (next == b'.' && view.get(e + 1).is_some_and(|&c| is_word(c)));
                let at = base + s;
                if matches!(word, b"TBD" | b"TODO" | b"XXX") && !in_path && next != b'-' {
                    push(at..base + e, PlaceholderKind::Marker);
                } else if is_screaming_snake(word) && !in_path {
                    push(at..base + e, PlaceholderKind::ScreamingSnake);
                } else if word.eq_ignore_ascii_case(b"lorem")
                    && view[e..].len() >= 6
                    && view[e] == b' '
                    && view[e + 1..e + 6].eq_ignore_ascii_case(b"ipsum")
                    && view.get(e + 6).is_none_or(|&c| !is_word(c))
                {
                    push(at..base + e + 6, PlaceholderKind::Lorem);
                }
            }
            i = e;
        }
        _ => i += 1,
    }
    i
}

/// What every view of one detection is scanned with.
struct Scan<'a> {
    opts: &'a DetectOptions,
    /// [`starts_in`] of the span all the views cover, in order.
    starts: &'a [usize],
    /// Where [`Scan::first_from`] last left off.
    hint: std::cell::Cell<usize>,
}

impl<'a> Scan<'a> {
    fn new(opts: &'a DetectOptions, starts: &'a [usize]) -> Self {
        Scan {
            opts,
            starts,
            hint: std::cell::Cell::new(0),
        }
    }

    /// The index of the first start at or after `at`. Views are mostly scanned in file order.
    #[inline]
    fn first_from(&self, at: usize) -> usize {
        let mut hint = self.hint.get();
        let i = super::hinted::partition_point(self.starts, &mut hint, |&x| x < at);
        self.hint.set(hint);
        i
    }

    /// Whether a placeholder may start in `span`.
    #[inline]
    fn any_in(&self, span: Range<usize>) -> bool {
        let from = self.first_from(span.start);
        self.starts.get(from).is_some_and(|&s| s < span.end)
    }
}

/// Where a placeholder may start in `bytes[span]`, in order: at `{`, `[`, `<` and `%`, and in
/// any word holding `_` (SCREAMING_SNAKE), `T` or `X` (markers) or spelling `lorem ipsum`
/// (found by its rarer ` ip`, in any case). Each is a search of many bytes at a time; every
/// placeholder word holds one, so a scan reads the words only there.
/// Put in `out` (empty).
fn starts_in(bytes: &[u8], span: Range<usize>, out: &mut Vec<usize>) {
    let hay = &bytes[span.clone()];
    if hay.len() < 256 {
        // A few lines (front matter): setting up seven searches costs more than reading them.
        out.extend((0..hay.len()).filter(|&p| may_start(hay, p)));
    } else {
        searched_starts_into(hay, out);
    }
    for p in out {
        *p += span.start;
    }
}

/// [`starts_in`] by searches of many bytes at a time: two packed searches where the CPU has
/// them (the seven bytes in one, the `lorem ipsum` gaps in the other), else [`memchr_starts`].
#[cfg(test)]
fn searched_starts(hay: &[u8]) -> Vec<usize> {
    let mut out = Vec::new();
    searched_starts_into(hay, &mut out);
    out
}

/// [`searched_starts`] put in `out` (empty).
fn searched_starts_into(hay: &[u8], out: &mut Vec<usize>) {
    use aho_corasick::packed::{Config, MatchKind, Searcher};
    static PACKED: std::sync::LazyLock<Option<(Searcher, Searcher)>> =
        std::sync::LazyLock::new(|| {
            let build = |patterns: &[&str]| {
                Config::new()
                    .match_kind(MatchKind::LeftmostFirst)
                    .builder()
                    .extend(patterns)
                    .build()
            };
            Some((
                build(&["{", "[", "<", "%", "_", "X", "T"])?,
                build(&LOREM_GAPS)?,
            ))
        });
    let Some((bytes, gaps)) = &*PACKED else {
        out.extend(memchr_starts(hay));
        return;
    };
    // About one in two hundred bytes in postings.
    out.reserve(hay.len() / 128 + 8);
    out.extend(bytes.find_iter(hay).map(|m| m.start()));
    let n = out.len();
    out.extend(lorem_starts(hay, gaps.find_iter(hay).map(|m| m.start())));
    if out.len() > n {
        out.sort_unstable();
    }
}

/// The gap between `lorem` and `ipsum`, in any case: rarer than either word's letters.
const LOREM_GAPS: [&str; 4] = [" ip", " iP", " Ip", " IP"];

/// Where `lorem` starts before each gap that follows one.
fn lorem_starts(hay: &[u8], gaps: impl Iterator<Item = usize>) -> impl Iterator<Item = usize> {
    gaps.filter(|&e| e >= 5 && hay[e - 5..e].eq_ignore_ascii_case(b"lorem"))
        .map(|e| e - 5)
}

/// [`searched_starts`] by one search per byte and per gap.
fn memchr_starts(hay: &[u8]) -> Vec<usize> {
    static GAPS: std::sync::LazyLock<[memchr::memmem::Finder<'static>; 4]> =
        std::sync::LazyLock::new(|| LOREM_GAPS.map(memchr::memmem::Finder::new));
    let mut out = Vec::with_capacity(hay.len() / 128 + 8);
    out.extend(memchr::memchr3_iter(b'{', b'[', b'<', hay));
    out.extend(memchr::memchr3_iter(b'%', b'_', b'X', hay));
    out.extend(memchr::memchr_iter(b'T', hay));
    for gap in GAPS.iter() {
        out.extend(lorem_starts(hay, gap.find_iter(hay)));
    }
    out.sort_unstable();
    out
}

/// [`starts_in`] at one byte, read on its own (a start it finds, or an `l` or `L` more).
fn may_start(hay: &[u8], p: usize) -> bool {
    matches!(
        hay[p],
        b'{' | b'[' | b'<' | b'%' | b'_' | b'X' | b'T' | b'l' | b'L'
    )
}

fn line_count(b: &[u8]) -> usize {
    b.iter().filter(|&&c| c == b'\n').count()
}

/// The matching `]` for the `[` at `i`, nested brackets counted, escapes skipped.
#[inline(always)]
fn matching_bracket(text: &str, view: &[u8], base: usize, i: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut newlines = 0;
    for (k, &c) in view[i..].iter().enumerate() {
        // Letters and most punctuation are none of the three that count.
        if !BRACKET_OR_LF[usize::from(c)] {
            continue;
        }
        let j = i + k;
        match c {
            b'[' if !escaped(text, base + j) => depth += 1,
            b']' if !escaped(text, base + j) => {
                depth -= 1;
                if depth == 0 {
                    return Some(j);
                }
            }
            b'\n' => {
                newlines += 1;
                // A placeholder may wrap once; brackets further apart are prose.
                if newlines > 1 {
                    return None;
                }
            }
            _ => {}
        }
    }
    None
}

/// `[`, `]` and `\n`, as a table: [`matching_bracket`] asks it of every byte it passes.
static BRACKET_OR_LF: [bool; 256] = {
    let mut t = [false; 256];
    t[b'[' as usize] = true;
    t[b']' as usize] = true;
    t[b'\n' as usize] = true;
    t
};

fn bracket_is_placeholder(inner: &str, after: Option<u8>, ctx: Ctx) -> bool {
    let t = trim(inner);
    if t.is_empty() || t.eq_ignore_ascii_case("x") || matches!(t.as_bytes()[0], b'^' | b'!') {
        return false;
    }
    // Citations: [1], [2, 3], [4-6].
    if t.chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ',' | ' ' | '-' | '–'))
    {
        return false;
    }
    // `[...]`: an elision left for the author to fill.
    let ellipsis = t == "..." || t == "…";
    // Most start with an ASCII letter: the characters are not read one by one.
    let alphabetic = t.as_bytes()[0].is_ascii_alphabetic() || t.chars().any(char::is_alphabetic);
    if (!alphabetic && !ellipsis) || is_meta(t) {
        return false;
    }
    // `[text](...)` that CommonMark could not read as a link is still meant as one; `[x]:` is a
    // reference definition.
    if matches!(after, Some(b'(' | b':')) {
        return false;
    }
    if ctx == Ctx::Yaml {
        // A YAML flow sequence: `["a", "b"]`, `[haskell]`, `[rust, backend]`.
        let single_words = t
            .split(',')
            .all(|item| !item.trim().is_empty() && !item.trim().contains(char::is_whitespace));
        let one_lower_word = !t.contains(char::is_whitespace) && !t.chars().any(char::is_uppercase);
        if t.contains(['"', '\'']) || one_lower_word || (t.contains(',') && single_words) {
            return false;
        }
    }
    true
}

/// `s.trim()`, with no character read when `s` starts and ends with a visible ASCII byte
/// (most names do).
fn trim(s: &str) -> &str {
    let visible = |b: &u8| (b'!'..=b'~').contains(b);
    let b = s.as_bytes();
    if b.first().is_some_and(visible) && b.last().is_some_and(visible) {
        s
    } else {
        s.trim()
    }
}

fn is_meta(inner: &str) -> bool {
    let t = trim(inner);
    META_NAMES
        .iter()
        .any(|m| m.len() == t.len() && t.eq_ignore_ascii_case(m))
}

/// `{{ page.title }}`, `{{ title | slugify }}`: filled by a site generator, not by the author.
fn is_liquid(inner: &str) -> bool {
    let t = inner.trim();
    let dotted = t
        .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.'))
        .next()
        .is_some_and(|w| {
            let parts: Vec<&str> = w.split('.').collect();
            parts.len() > 1 && parts.iter().all(|p| !p.is_empty())
        });
    let filtered = t.contains('|') && !t.chars().any(|c| c.is_uppercase());
    // Handlebars/Mustache sections and partials: `{{#if x}}`, `{{/if}}`, `{{> header}}`.
    let block = t.starts_with(['#', '/', '^', '!', '>', '&'])
        && t[1..].trim_start().starts_with(char::is_alphabetic);
    dotted || filtered || block || t.starts_with('-')
}

/// `<Company Name>`, `<insert salary>` are fields; `<br>`, `</div>`, `<a href=..>`, `Vec<T>`,
/// autolinks are not.
fn is_angle_field(text: &str, abs: usize, tag: &str) -> bool {
    let Some(inner) = tag.strip_prefix('<').and_then(|t| t.strip_suffix('>')) else {
        return false;
    };
    let prev = text[..abs].chars().next_back();
    if prev.is_some_and(|c| c.is_alphanumeric() || c == '_') {
        return false;
    }
    let inner = inner.trim_end_matches('/').trim();
    if inner.chars().count() < 2 || !inner.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return false;
    }
    if inner.contains("://")
        || inner.contains('@')
        || inner.contains('=')
        || inner.contains(['<', '>'])
    {
        return false;
    }
    let name: String = inner
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    let lower = name.to_ascii_lowercase();
    if HTML_ELEMENTS.contains(&lower.as_str()) || name.contains('-') && inner == name {
        return false;
    }
    // A one-word all-lowercase tag with nothing else (`<foo>`) reads as XML, not a field,
    // unless it says what to insert.
    !is_meta(inner)
}

fn is_screaming_snake(word: &[u8]) -> bool {
    word[0].is_ascii_uppercase()
        && word.contains(&b'_')
        && !word.ends_with(b"_")
        && !word.windows(2).any(|w| w == b"__")
        && word
            .iter()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || *c == b'_')
        && word.iter().filter(|c| c.is_ascii_uppercase()).count() >= 2
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod simple {
    //! The byte-at-a-time scan the jumping one must agree with.
    use super::*;

    /// What [`scan_view`] makes of a byte at a glance: nothing (`PLAIN`), a word byte that no
    /// placeholder word starts with (`QUIET_WORD`: markers, SCREAMING_SNAKE and lorem ipsum
    /// start with an upper-case letter or `l`), or a byte to look at (`LOOK`).
    pub(super) static SCAN_CLASS: [u8; 256] = {
        let mut t = [PLAIN; 256];
        let mut b = 0;
        while b < 256 {
            let c = b as u8;
            t[b] = if matches!(c, b'{' | b'%' | b'[' | b'<') || c.is_ascii_uppercase() || c == b'l'
            {
                LOOK
            } else if c.is_ascii_alphanumeric() || c == b'_' {
                QUIET_WORD
            } else {
                PLAIN
            };
            b += 1;
        }
        t
    };
    pub(super) const PLAIN: u8 = 0;
    pub(super) const QUIET_WORD: u8 = 1;
    pub(super) const LOOK: u8 = 2;

    /// The scan as it was: a byte at a time, a quiet word passed over whole, every other byte
    /// looked at.
    fn scan_view_simple(
        text: &str,
        view: &[u8],
        base: usize,
        ctx: Ctx,
        fm: bool,
        opts: &DetectOptions,
        out: &mut Vec<Cand>,
    ) {
        custom_matches(view, base, fm, opts, out);
        let mut push = |span: Range<usize>, kind| out.push(Cand { span, kind, fm });
        let n = view.len();
        let mut i = 0;
        while i < n {
            i = match SCAN_CLASS[usize::from(view[i])] {
                PLAIN => i + 1,
                QUIET_WORD => (i + 1..n).find(|&j| !is_word(view[j])).unwrap_or(n),
                _ => look_at(text, view, base, i, ctx, &mut push),
            };
        }
    }

    /// How a test finds the starts: not at all (the simple scan), by searches, byte by byte.
    #[derive(Clone, Copy)]
    enum Finder {
        Simple,
        Searched,
        Read,
    }

    fn cands(
        view: &str,
        prefix: &str,
        ctx: Ctx,
        finder: Finder,
    ) -> Vec<(Range<usize>, PlaceholderKind)> {
        let text = format!("{prefix}{view}");
        let opts = DetectOptions::default();
        let mut out = Vec::new();
        let bytes = text.as_bytes();
        let starts: Vec<usize> = match finder {
            Finder::Simple => {
                scan_view_simple(
                    &text,
                    view.as_bytes(),
                    prefix.len(),
                    ctx,
                    false,
                    &opts,
                    &mut out,
                );
                return out.into_iter().map(|c| (c.span, c.kind)).collect();
            }
            Finder::Searched => searched_starts(bytes),
            Finder::Read => (0..bytes.len()).filter(|&p| may_start(bytes, p)).collect(),
        };
        let scan = Scan::new(&opts, &starts);
        scan_view(
            &text,
            view.as_bytes(),
            prefix.len(),
            ctx,
            false,
            &scan,
            &mut out,
        );
        out.into_iter().map(|c| (c.span, c.kind)).collect()
    }

    fn piece() -> impl proptest::strategy::Strategy<Value = &'static str> {
        proptest::sample::select(vec![
            " ",
            "\n",
            "\r\n",
            "\u{1}",
            "\\",
            "a",
            "l",
            "L",
            "T",
            "X",
            "_",
            "x",
            "Z",
            "9",
            "/",
            ".",
            "-",
            "$",
            "{",
            "}",
            "{{",
            "}}",
            "{%",
            "%}",
            "{{<",
            ">}}",
            "%}}",
            "%",
            "[",
            "]",
            "(",
            ":",
            "<",
            ">",
            "^",
            "TBD",
            "TODO",
            "XXX",
            "lorem",
            "Lorem",
            "LOREM",
            "ipsum",
            "IPSUM",
            "lorem ipsum",
            "FOO_BAR",
            "A_B",
            "OFFICE_MANAGER_NAME",
            "__",
            "Company Name",
            "COMPANY",
            "span",
            "div",
            "é",
            "’",
            "Role",
            "placeholder",
            "page.title",
            "| x",
            "#if",
            "1, 2",
            "...",
            "skills",
            "Team",
            "NOTE",
            "NOT_E",
            "iPhone_X",
        ])
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 4000, ..Default::default() })]

        /// Jumping between the bytes that may start a placeholder finds what reading every
        /// byte finds.
        #[test]
        fn the_jumping_scan_agrees_with_the_simple_one(
            pieces in proptest::collection::vec(piece(), 0..40),
            prefix in "(|x|\\\\|\\\\\\\\|word)",
            yaml in proptest::bool::ANY,
        ) {
            let view = pieces.concat();
            let ctx = if yaml { Ctx::Yaml } else { Ctx::Body };
            let simple = cands(&view, &prefix, ctx, Finder::Simple);
            proptest::prop_assert_eq!(&cands(&view, &prefix, ctx, Finder::Searched), &simple);
            proptest::prop_assert_eq!(&cands(&view, &prefix, ctx, Finder::Read), &simple);
        }

        /// The quick trim is the trim.
        #[test]
        fn trim_is_str_trim(s in "[ a\t\n\r\u{b}\u{c}\u{1f}\u{7f}\u{85}\u{a0}é~!]{0,6}") {
            proptest::prop_assert_eq!(trim(&s), s.trim());
        }

        /// The packed searches find the starts the one-byte-at-a-time searches find, in short
        /// texts (searched another way by the packed searcher) and long ones.
        #[test]
        fn packed_starts_are_the_memchr_ones(pieces in proptest::collection::vec(piece(), 0..300)) {
            let hay = pieces.concat();
            proptest::prop_assert_eq!(searched_starts(hay.as_bytes()), memchr_starts(hay.as_bytes()));
        }
    }
}
