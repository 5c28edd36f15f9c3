//! Reading a large body in chunks, on every core: the body is cut at ATX heading lines and at
//! paragraph starts after a blank line (as `block.rs` cuts a pane), outside fences and
//! multi-line HTML; each chunk is parsed on its own with the next chunk's first line appended,
//! and a cut is kept only if that line starts a top-level block exactly there — which proves
//! the chunk closed every block before it, so the chunks parse as the whole would. Any doubt
//! falls back to one sequential pass.

use std::collections::HashSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

use rayon::prelude::*;

use super::block::starts_afresh_after_blank;
use super::frontmatter::FrontMatter;
use super::lines::{LineIndex, line_end_after};
use super::markdown::{self, Outline};
use super::placeholder::{self, DetectOptions, Placeholder};
use super::prose::Prose;
use super::{MIN_CHUNK, Section};

/// What reading a body gives: its headings, link labels, placeholders and (when asked) prose.
#[derive(Debug, Default)]
pub struct Scanned {
    /// Sections in order; each body ends where its heading does (the caller extends it to
    /// the next heading).
    pub sections: Vec<Section>,
    pub refs: HashSet<String>,
    pub placeholders: Vec<Placeholder>,
    pub prose: Option<Prose>,
}

impl Scanned {
    /// Appends what follows (the next chunk's), moving rather than copying into an empty one.
    fn append(&mut self, next: Scanned) {
        fn join<T>(a: &mut Vec<T>, b: Vec<T>) {
            if a.is_empty() {
                *a = b;
            } else {
                a.extend(b);
            }
        }
        join(&mut self.sections, next.sections);
        join(&mut self.placeholders, next.placeholders);
        self.refs.extend(next.refs);
        match (self.prose.as_mut(), next.prose) {
            (Some(a), Some(b)) => a.append(b),
            (None, b) => self.prose = b,
            _ => {}
        }
    }

    /// Keeps what the detector and the prose rules need of one chunk's outline, so the
    /// chunk's leaves are dropped as soon as it is read.
    fn of(
        outline: &mut Outline,
        fm: Option<&FrontMatter>,
        text: &str,
        lines: &LineIndex,
        opts: &DetectOptions,
        want_prose: bool,
    ) -> Scanned {
        let placeholders = placeholder::detect(text, outline, fm, lines, opts);
        let prose = want_prose.then(|| Prose::of(outline));
        // A posting has a handful of distinct titles (a huge one repeats a handful): the first
        // few are looked for in a short list, with no hashing, the rest in a map.
        let mut few: smallvec::SmallVec<[Arc<str>; 16]> = smallvec::SmallVec::new();
        let mut many: std::collections::HashMap<String, Arc<str>> = Default::default();
        // Titles recur from posting to posting too; a large text's chunks (on pool threads)
        // keep nothing.
        let intern = text.len() < 2 * MIN_CHUNK;
        let mut share = |title: &str| -> Arc<str> {
            if let Some(t) = few.iter().find(|t| ***t == *title) {
                return t.clone();
            }
            if few.len() < few.inline_size() {
                let t: Arc<str> = if intern {
                    super::intern::title(title)
                } else {
                    Arc::from(title)
                };
                few.push(t.clone());
                return t;
            }
            if let Some(t) = many.get(title) {
                return t.clone();
            }
            let t: Arc<str> = Arc::from(title);
            many.insert(title.to_string(), t.clone());
            t
        };
        Scanned {
            sections: outline
                .headings
                .iter()
                .map(|h| Section {
                    title: share(outline.title(h)),
                    level: h.level,
                    line: lines.line(h.range.start),
                    body: h.range.end..h.range.end,
                    heading: h.range.clone(),
                    setext: h.setext,
                })
                .collect(),
            refs: std::mem::take(&mut outline.refs),
            placeholders,
            prose,
        }
    }
}

thread_local! {
    /// The outline of the small bodies read on this thread, one after another.
    static OUTLINE: std::cell::RefCell<Outline> = std::cell::RefCell::new(Outline::default());
}

/// Chunks read so far, joined in file order as they finish. A chunk read out of turn waits
/// here; the workers take chunks in order, so few ever wait.
struct Merge {
    all: Scanned,
    next: usize,
    waiting: std::collections::BTreeMap<usize, Scanned>,
}

/// Where the chunks of a large body are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Threads {
    /// On every core (rayon's pool): fastest.
    Pool,
    /// One after another on the calling thread: each pool thread would keep its own
    /// allocator arena, holding its chunks' scratch memory and section titles, so this has
    /// the lower peak memory.
    Caller,
}

/// Scans the body `text[body_start..]` and detects its placeholders, in chunks when large.
/// With `want_prose`, also the literal prose of its leaf blocks. The placeholders of the
/// front matter `fm` come first in the one list.
pub fn scan_and_detect(
    text: &str,
    body_start: usize,
    lines: &LineIndex,
    opts: &DetectOptions,
    want_prose: bool,
    fm: Option<&FrontMatter>,
    threads: Threads,
) -> Scanned {
    let chunks = Chunks {
        min: MIN_CHUNK,
        threads,
    };
    scan_and_detect_with(text, body_start, lines, opts, want_prose, chunks, fm)
}

/// How a large body is cut and read.
#[derive(Debug, Clone, Copy)]
pub struct Chunks {
    /// Bodies smaller than twice this are read in one pass.
    pub min: usize,
    pub threads: Threads,
}

/// As [`scan_and_detect`], with the chunk size given (tests use small chunks).
pub fn scan_and_detect_with(
    text: &str,
    body_start: usize,
    lines: &LineIndex,
    opts: &DetectOptions,
    want_prose: bool,
    chunks: Chunks,
    fm: Option<&FrontMatter>,
) -> Scanned {
    let min_chunk = chunks.min;
    // In one pass, the front matter's placeholders are found with the body's (one set-up).
    let whole = || {
        let of = |outline: &mut Outline| {
            markdown::scan_into(outline, text, body_start..text.len(), None);
            Scanned::of(outline, fm, text, lines, opts, want_prose)
        };
        // A small body's outline is this thread's, reused (its lists keep their room); a
        // large one's is its own, freed when read.
        if text.len() - body_start < 2 * MIN_CHUNK
            && let Some(s) = OUTLINE.with(|o| o.try_borrow_mut().ok().map(|mut o| of(&mut o)))
        {
            return s;
        }
        of(&mut Outline::default())
    };
    if text.len() - body_start < 2 * min_chunk {
        return whole();
    }
    let cuts = cut_points(text, body_start, min_chunk);
    if cuts.is_empty() {
        return whole();
    }
    let mut bounds = Vec::with_capacity(cuts.len() + 1);
    let mut start = body_start;
    for &c in &cuts {
        bounds.push(start..c);
        start = c;
    }
    bounds.push(start..text.len());
    // Link reference definitions reach across the document: collect them first when any line
    // looks like one. Footnote definitions do too, and are rare: those read in one pass.
    let refs = match definition_candidates(&text[body_start..]) {
        Candidates::None => None,
        Candidates::Footnotes => return whole(),
        Candidates::Links => Some(
            bounds
                .par_iter()
                .map(|r| markdown::scan(text, r.clone(), None).refs)
                .reduce(HashSet::new, |mut a, b| {
                    a.extend(b);
                    a
                }),
        ),
    };
    let last = bounds.len() - 1;
    // Each chunk is read with the next chunk's first line appended: the cut holds only if
    // that line starts a top-level block exactly there, so every block before it is closed.
    let read = |i: usize| {
        let r = &bounds[i];
        let ext_end = if i < last {
            line_end_after(text, bounds[i + 1].start)
        } else {
            r.end
        };
        let mut o = markdown::scan(text, r.start..ext_end, refs.as_ref());
        if i < last {
            if o.last_block != Some(r.end) {
                return None;
            }
            o.headings.retain(|h| h.range.start < r.end);
            o.retain_leaves_before(r.end);
            o.html_blocks.retain(|b| b.start < r.end);
            o.html.retain(|b| b.start < r.end);
        }
        if i > 0 && o.first_block != Some(r.start) {
            return None;
        }
        Some(Scanned::of(&mut o, None, text, lines, opts, want_prose))
    };
    // Workers take chunks in file order and append each to the whole as soon as those before
    // it are in: a chunk's lists are freed right after, not all held until a final join.
    let before = fm.map_or_else(Vec::new, |fm| {
        placeholder::detect(text, &Outline::default(), Some(fm), lines, opts)
    });
    let taken = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    let merge = Mutex::new(Merge {
        all: Scanned {
            placeholders: before,
            ..Scanned::default()
        },
        next: 0,
        waiting: Default::default(),
    });
    let work = || {
        loop {
            let i = taken.fetch_add(1, Ordering::Relaxed);
            if i > last || failed.load(Ordering::Relaxed) {
                return;
            }
            let Some(chunk) = read(i) else {
                failed.store(true, Ordering::Relaxed);
                return;
            };
            let mut m = merge.lock().unwrap_or_else(PoisonError::into_inner);
            m.waiting.insert(i, chunk);
            loop {
                let n = m.next;
                let Some(c) = m.waiting.remove(&n) else {
                    break;
                };
                m.all.append(c);
                m.next += 1;
            }
        }
    };
    match chunks.threads {
        // Spawned in a scope, so a caller already on a pool thread (a check of many
        // postings) helps with its own chunks instead of waiting on them.
        Threads::Pool => rayon::scope(|s| {
            for _ in 0..rayon::current_num_threads().min(bounds.len()) {
                s.spawn(|_| work());
            }
        }),
        Threads::Caller => work(),
    }
    if failed.into_inner() {
        return whole();
    }
    let mut all = merge
        .into_inner()
        .unwrap_or_else(PoisonError::into_inner)
        .all;
    if let Some(r) = refs {
        all.refs = r;
    }
    if want_prose && all.prose.is_none() {
        all.prose = Some(Prose::default());
    }
    all
}

enum Candidates {
    None,
    Links,
    Footnotes,
}

/// Whether any line could be a link reference or footnote definition (`[label]: ...`).
fn definition_candidates(body: &str) -> Candidates {
    let b = body.as_bytes();
    let mut found = Candidates::None;
    // Only lines with a `[` after at most three spaces: found by `[`, not line by line.
    for at in memchr::memchr_iter(b'[', b) {
        let line_start = b[..at]
            .iter()
            .rposition(|&c| c != b' ')
            .map_or(0, |i| i + 1);
        let at_line_start = line_start == 0 || matches!(b[line_start - 1], b'\n' | b'\r');
        if !at_line_start || at - line_start > 3 {
            continue;
        }
        let end = line_end_after(body, at);
        if body[at..end].contains("]:") {
            if b.get(at + 1) == Some(&b'^') {
                return Candidates::Footnotes;
            }
            found = Candidates::Links;
        }
    }
    found
}

/// Offsets of lines that should start a top-level block, outside fenced code and multi-line
/// HTML blocks, at least `min_chunk` bytes apart: ATX heading lines (`#` at column 0), and
/// lines starting with a letter at column 0 after a blank line (a paragraph: one giant
/// section is cut too). A wrong guess here costs only speed: the chunk check rejects it.
fn cut_points(text: &str, body_start: usize, min_chunk: usize) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut cuts = Vec::new();
    let mut last = body_start;
    let mut fence: Option<(u8, usize)> = None;
    let mut html_end: Option<&'static str> = None;
    let mut pos = body_start;
    let mut after_blank = false;
    while pos < bytes.len() {
        let end = line_end_after(text, pos);
        let line = &text[pos..end];
        let trimmed = line.trim_start_matches(' ');
        let indent = line.len() - trimmed.len();
        let blank = trimmed
            .as_bytes()
            .first()
            .is_none_or(|c| matches!(c, b'\n' | b'\r' | b'\t'))
            && line.trim().is_empty();
        let was_after_blank = std::mem::replace(&mut after_blank, blank);
        if let Some((ch, n)) = fence {
            let run = trimmed.bytes().take_while(|&b| b == ch).count();
            if indent <= 3 && run >= n && trimmed[run..].trim().is_empty() {
                fence = None;
            }
        } else if let Some(marker) = html_end {
            if contains_ci(line, marker) {
                html_end = None;
            }
        } else if indent <= 3 {
            let b = trimmed.as_bytes();
            let run = b.iter().take_while(|&&c| c == b'`' || c == b'~').count();
            if run >= 3
                && b[..run].iter().all(|&c| c == b[0])
                && !(b[0] == b'`' && trimmed[run..].contains('`'))
            {
                fence = Some((b[0], run));
            } else if let Some(marker) = b
                .first()
                .filter(|&&c| c == b'<')
                .and_then(|_| html_opener(trimmed))
            {
                if !contains_ci(&trimmed[1..], marker) {
                    html_end = Some(marker);
                }
            } else if indent == 0
                && (is_atx(line) || (was_after_blank && starts_afresh_after_blank(line)))
                && pos - last >= min_chunk
            {
                cuts.push(pos);
                last = pos;
            }
        }
        pos = end;
    }
    // The last chunk should not be tiny either.
    if let Some(&c) = cuts.last()
        && bytes.len() - c < min_chunk / 2
    {
        cuts.pop();
    }
    cuts
}

fn is_atx(line: &str) -> bool {
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    (1..=6).contains(&hashes)
        && matches!(
            line.as_bytes().get(hashes),
            None | Some(b' ' | b'\t' | b'\r' | b'\n')
        )
}

/// The end marker of an HTML block that may span blank lines (CommonMark types 1 to 5).
fn html_opener(line: &str) -> Option<&'static str> {
    // Twelve bytes hold every opener; cut on a character (`<pre>日本語` is still `<pre>`).
    let lower = line[..super::boundary::floor_char_boundary(line, 12)].to_ascii_lowercase();
    for (open, close) in [
        ("<script", "</script>"),
        ("<pre", "</pre>"),
        ("<style", "</style>"),
        ("<textarea", "</textarea>"),
    ] {
        if lower.starts_with(open)
            && lower[open.len()..]
                .chars()
                .next()
                .is_none_or(|c| c == '>' || c.is_whitespace())
        {
            return Some(close);
        }
    }
    if lower.starts_with("<!--") {
        Some("-->")
    } else if lower.starts_with("<?") {
        Some("?>")
    } else if lower.starts_with("<![cdata[") {
        Some("]]>")
    } else if lower.starts_with("<!")
        && lower.as_bytes().get(2).is_some_and(u8::is_ascii_alphabetic)
    {
        Some(">")
    } else {
        None
    }
}

fn contains_ci(hay: &str, needle: &str) -> bool {
    hay.to_ascii_lowercase().contains(needle)
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_html_opener_is_seen_before_multibyte_text() {
        assert_eq!(super::html_opener("<pre>日本語"), Some("</pre>"));
        assert_eq!(super::html_opener("<script>’x"), Some("</script>"));
        assert_eq!(super::html_opener("<présent>"), None);
    }

    use super::*;
    use proptest::prelude::*;

    fn pool(min: usize) -> Chunks {
        Chunks {
            min,
            threads: Threads::Pool,
        }
    }

    fn piece() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "# Heading\n",
            "## [Company Name]\n",
            "### About Us\n",
            "#no\n",
            "Setext\n---\n",
            "text [Role] here.\n",
            "Paragraph <Name> one\n",
            "Title\n===\n",
            "Cell | [Pay]\n",
            "--- | ---\n",
            "  indented lazy\n",
            "1. first\n",
            "    code [x]\n",
            "b\n",
            "\n",
            "\r\n",
            "```\n",
            "~~~~\n",
            "    # indented\n",
            "<!--\n",
            "-->\n",
            "<div>\n",
            "<pre>\n",
            "</pre>\n",
            "[ref]: /url\n",
            "[ref] and [other]\n",
            "[^1]: note\n",
            "- item\n",
            "> quote\n",
            "{{ field }}\n",
            "| a | b |\n|---|---|\n",
            "TBD\n",
            "<script>\n",
            "</script>\n",
        ])
    }

    /// The lines the body `text` is cut at, with the smallest chunks.
    fn lines_at_cuts(text: &str) -> Vec<&str> {
        cut_points(text, 0, 1)
            .into_iter()
            .map(|c| &text[c..line_end_after(text, c)])
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

        /// Reading in chunks gives exactly what one pass gives.
        #[test]
        fn chunks_read_as_the_whole(pieces in proptest::collection::vec(piece(), 0..100), min in 1usize..40) {
            let text: String = pieces.concat();
            let lines = LineIndex::new(&text);
            let opts = DetectOptions::default();
            let a = scan_and_detect_with(&text, 0, &lines, &opts, true, pool(min), None);
            let b = scan_and_detect_with(&text, 0, &lines, &opts, true, pool(usize::MAX / 4), None);
            let here = Chunks { min, threads: Threads::Caller };
            let c = scan_and_detect_with(&text, 0, &lines, &opts, true, here, None);
            prop_assert_eq!(format!("{:?}", a.sections), format!("{:?}", b.sections));
            prop_assert_eq!(&a.prose, &b.prose);
            prop_assert_eq!(&a.refs, &b.refs);
            prop_assert_eq!(&a.placeholders, &b.placeholders);
            prop_assert_eq!(format!("{:?}", c.sections), format!("{:?}", b.sections));
            prop_assert_eq!(c.prose, b.prose);
            prop_assert_eq!(c.refs, b.refs);
            prop_assert_eq!(c.placeholders, b.placeholders);
        }
    }

    #[test]
    fn one_giant_section_is_cut_at_paragraphs_not_inside_lists_or_code() {
        let text =
            "# Only\n\nFirst para.\n- item\n\n  more item\n\n```\n\ncode\n```\n\nSecond para.\n";
        let at = lines_at_cuts(text);
        assert_eq!(at, ["First para.\n", "Second para.\n"]);
        // And the pieces read as the whole would.
        let lines = LineIndex::new(text);
        let opts = DetectOptions::default();
        let a = scan_and_detect_with(text, 0, &lines, &opts, true, pool(1), None);
        let b = scan_and_detect_with(text, 0, &lines, &opts, true, pool(usize::MAX / 4), None);
        assert_eq!(a.prose, b.prose);
        assert_eq!(a.sections, b.sections);
    }

    #[test]
    fn cuts_skip_fences_and_comments() {
        let text = "# A\n\n```\n# not\n```\n\n# B\n\n<!--\n\n# hidden\n-->\n\n# C\ntext\n";
        let at = lines_at_cuts(text);
        assert_eq!(at, ["# B\n", "# C\n"]);
    }
}
