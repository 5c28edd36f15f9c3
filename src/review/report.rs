//! Report formats for `jobpost check`: compiler-like text (coloured on request), JSON (the
//! stable contract in PRODUCT.md), GitHub Actions annotations and SARIF 2.1.0 (`sarif.rs`).
//! Each is written file by file, so a report streams out as files are checked. Text that came
//! from a posting or a path is shown with its control characters escaped ([`visible`]), so a
//! posting cannot drive the terminal or the CI log.

use std::borrow::Cow;
use std::io::{self, Write};

use super::json::push_decimal;
use super::{FileReview, Severity, sarif};

/// How `jobpost check` prints its findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// `path:line:col: error[rule]: message` lines and a summary line per file.
    #[default]
    Text,
    /// One JSON document: `{"files": [...]}`.
    Json,
    /// `::error file=F,line=L,endLine=E,col=C,endColumn=EC,title=RULE::message` workflow
    /// commands for GitHub Actions (`::warning`, and `::notice` for info).
    Github,
    /// One SARIF 2.1.0 log, as GitHub code scanning reads it.
    Sarif,
}

/// A format and whether text is coloured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Style {
    /// The format.
    pub format: Format,
    /// Whether `text` uses ANSI colours (the other formats never do).
    pub color: bool,
}

impl From<Format> for Style {
    fn from(format: Format) -> Style {
        Style {
            format,
            color: false,
        }
    }
}

/// Writes a report in one format, file by file.
pub struct Reporter<W: Write> {
    out: W,
    style: Style,
    files: usize,
    /// SARIF: whether a result has been written (results are separated by commas).
    results: bool,
    /// Inputs that could not be read: (path, why), for SARIF's tool notifications.
    failures: Vec<(String, String)>,
}

impl<W: Write> Reporter<W> {
    /// Starts a report.
    pub fn new(out: W, style: impl Into<Style>) -> io::Result<Self> {
        let style = style.into();
        let mut r = Reporter {
            out,
            style,
            files: 0,
            results: false,
            failures: Vec::new(),
        };
        match style.format {
            Format::Json => r.out.write_all(b"{\"files\":[")?,
            Format::Sarif => sarif::start(&mut r.out)?,
            Format::Text | Format::Github => {}
        }
        Ok(r)
    }

    /// Adds one file's review.
    pub fn file(&mut self, review: &FileReview) -> io::Result<()> {
        let mut bytes = Vec::new();
        render(self.style, review, &mut bytes);
        self.rendered(&bytes)
    }

    /// Adds one file's report rendered by [`render`] (on any thread) in the same style.
    pub fn rendered(&mut self, bytes: &[u8]) -> io::Result<()> {
        match self.style.format {
            Format::Json => self
                .out
                .write_all(if self.files > 0 { b",\n" } else { b"\n" })?,
            // A file without findings has no results, and adds no separator.
            Format::Sarif if bytes.is_empty() => {}
            Format::Sarif => {
                self.out
                    .write_all(if self.results { b",\n" } else { b"\n" })?;
                self.results = true;
            }
            Format::Text | Format::Github => {}
        }
        self.out.write_all(bytes)?;
        self.files += 1;
        Ok(())
    }

    /// Notes an input that could not be read (its error goes to stderr too): SARIF lists it
    /// as a tool notification and marks the run unsuccessful.
    pub fn failed(&mut self, path: &str, why: &str) {
        self.failures.push((path.to_string(), why.to_string()));
    }

    /// Flushes what has been written so far (before an error goes to stderr, so the two
    /// streams interleave in file order on a terminal).
    pub fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    /// Ends the report and flushes it.
    pub fn finish(mut self) -> io::Result<()> {
        match self.style.format {
            Format::Json => self.out.write_all(b"\n]}\n")?,
            Format::Sarif => sarif::finish(&mut self.out, &self.failures)?,
            Format::Text | Format::Github => {}
        }
        self.out.flush()
    }
}

/// Renders one file's report as [`Reporter::file`] writes it (without the separator JSON
/// and SARIF put between files), so workers can render in parallel and one writer stream the
/// bytes in order with [`Reporter::rendered`].
pub fn render(style: impl Into<Style>, review: &FileReview, out: &mut Vec<u8>) {
    let style = style.into();
    // Writing to a Vec cannot fail.
    let _ = match style.format {
        Format::Text => text(out, review, style.color),
        Format::Json => {
            super::json::file(out, review);
            Ok(())
        }
        Format::Github => github(out, review),
        Format::Sarif => sarif::results(out, review),
    };
}

/// Whether [`visible`] escapes a character.
fn hidden(c: char) -> bool {
    (c.is_control() && c != '\t')
        || matches!(c, '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Text with its control characters (and the bidirectional controls that reorder a line)
/// written as escapes: `\x1b` for one up to U+00FF, `\u{202e}` above. Tabs stay.
pub fn visible(s: &str) -> Cow<'_, str> {
    // Fast paths: printable ASCII (most messages and paths) is checked 8 bytes at a time;
    // else every character escaped has a C0 byte or DEL, or starts with 0xC2 (C1), 0xD8
    // (U+061C) or 0xE2 (U+200E...); text without those needs no look at characters.
    if printable_ascii(s.as_bytes())
        || !s.bytes().any(|b| MAYBE_HIDDEN[usize::from(b)])
        || !s.chars().any(hidden)
    {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if !hidden(c) {
            out.push(c);
        } else if (c as u32) <= 0xff {
            out.push_str(&format!("\\x{:02x}", c as u32));
        } else {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        }
    }
    Cow::Owned(out)
}

/// Whether every byte is printable ASCII (space to `~`), sixteen at a time (a fold the
/// compiler does in a few vector instructions), the last sixteen overlapping the others.
fn printable_ascii(bytes: &[u8]) -> bool {
    #[inline(always)]
    fn printable(c: &[u8; 16]) -> bool {
        c.iter()
            .fold(true, |ok, &b| ok & (b.wrapping_sub(0x20) < 0x5f))
    }
    if bytes.len() < 16 {
        return printable_ascii_u64(bytes);
    }
    let mut rest = bytes;
    while let Some((c, tail)) = rest.split_first_chunk::<16>() {
        if !printable(c) {
            return false;
        }
        rest = tail;
    }
    rest.is_empty() || bytes.last_chunk::<16>().is_some_and(printable)
}

/// [`printable_ascii`] eight bytes at a time: a byte under 0x20 makes `x - 0x20` borrow
/// into its top bit (where `x` has none), and one of 0x7F or more has its top bit set in
/// `x + 1` or in `x`.
fn printable_ascii_u64(bytes: &[u8]) -> bool {
    const ONES: u64 = u64::from_ne_bytes([1; 8]);
    const TOPS: u64 = u64::from_ne_bytes([0x80; 8]);
    let mut chunks = bytes.chunks_exact(8);
    let odd = chunks.by_ref().fold(0, |odd, c| {
        let x = u64::from_le_bytes(c.try_into().unwrap_or_default());
        odd | (x.wrapping_sub(0x20 * ONES) & !x) | x.wrapping_add(ONES) | x
    });
    odd & TOPS == 0 && chunks.remainder().iter().all(|b| (0x20..0x7f).contains(b))
}

/// Bytes that may start a character [`visible`] escapes, as a table (it looks at every byte
/// of every message).
static MAYBE_HIDDEN: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = (c < 0x20 && c != b'\t') || matches!(c, 0x7f | 0xc2 | 0xd8 | 0xe2);
        b += 1;
    }
    t
};

/// ANSI styles of the text format.
mod paint {
    use anstyle::{AnsiColor, Style};

    pub const PATH: Style = Style::new().bold();
    pub const ERROR: Style = AnsiColor::Red.on_default().bold();
    pub const WARNING: Style = AnsiColor::Yellow.on_default().bold();
    pub const INFO: Style = AnsiColor::Cyan.on_default().bold();
    pub const RULE: Style = Style::new().dimmed();
    pub const COMPLETE: Style = AnsiColor::Green.on_default();
    pub const INCOMPLETE: Style = AnsiColor::Red.on_default();
}

fn text(out: &mut Vec<u8>, r: &FileReview, color: bool) -> io::Result<()> {
    let path = visible(&r.path);
    if !color {
        // The common case (CI logs, pipes), without a style to format per line.
        // Straight into the buffer, reserved once for the whole report (a line's other
        // pieces are under 64 bytes; escapes, rarely, grow it): `writeln!` and `write_all`
        // per piece cost more than the bytes for a few dozen lines a file.
        let path = path.as_bytes();
        let messages: usize = r.findings.iter().map(|f| f.message.len()).sum();
        out.reserve(messages + (r.findings.len() + 1) * (path.len() + 64));
        let middles = &*MIDDLES;
        for f in &r.findings {
            let message = visible(&f.message);
            // The short pieces a byte at a time: a copy call costs more than they do.
            out.extend_from_slice(path);
            out.push(b':');
            push_decimal(out, f.line);
            out.push(b':');
            push_decimal(out, f.column);
            // `: severity[rule]: ` in one piece.
            match middles.get(middle_index(f.severity, f.rule)) {
                Some(m) => out.extend_from_slice(m.as_bytes()),
                None => out.extend_from_slice(middle(f.severity, f.rule).as_bytes()),
            }
            out.extend_from_slice(message.as_bytes());
            out.push(b'\n');
        }
        out.extend_from_slice(path);
        out.push(b':');
        out.push(b' ');
        // Numbers and fixed words only: nothing [`visible`] would escape.
        summary_into(r, out);
        out.push(b'\n');
        return Ok(());
    }
    let p = paint::PATH;
    let rule = paint::RULE;
    for f in &r.findings {
        let sev = match f.severity {
            Severity::Error => paint::ERROR,
            Severity::Warning => paint::WARNING,
            Severity::Info => paint::INFO,
        };
        writeln!(
            out,
            "{p}{path}:{}:{}:{p:#} {sev}{}{sev:#}[{rule}{}{rule:#}]: {}",
            f.line,
            f.column,
            f.severity.as_str(),
            f.rule,
            visible(&f.message)
        )?;
    }
    let status = if r.complete {
        paint::COMPLETE
    } else {
        paint::INCOMPLETE
    };
    writeln!(
        out,
        "{p}{path}:{p:#} {status}{}{status:#}",
        visible(&summary(r))
    )
}

/// The fixed middle of a text line, `: severity[rule]: `.
fn middle(severity: Severity, rule: super::RuleId) -> String {
    format!(": {}[{}]: ", severity.as_str(), rule.as_str())
}

/// Where [`MIDDLES`] keeps the middle of a severity and a rule.
fn middle_index(severity: Severity, rule: super::RuleId) -> usize {
    severity as usize * super::RULES.len() + rule as usize
}

/// [`middle`] of every severity and rule, made once: each text line copies one.
static MIDDLES: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
    let mut all = vec![String::new(); 3 * super::RULES.len()];
    for severity in [Severity::Info, Severity::Warning, Severity::Error] {
        for rule in super::RULES {
            if let Some(m) = all.get_mut(middle_index(severity, rule.id)) {
                *m = middle(severity, rule.id);
            }
        }
    }
    all
});

/// `n one` or `n ones`, after a comma unless first.
fn push_plural(out: &mut Vec<u8>, start: usize, n: usize, one: &str) {
    push_part(out, start, n, one);
    if n != 1 {
        out.push(b's');
    }
}

/// `n what`, a part of the summary line, after a comma unless first.
fn push_part(out: &mut Vec<u8>, start: usize, n: usize, what: &str) {
    if out.len() > start {
        out.extend_from_slice(b", ");
    }
    push_decimal(out, n);
    out.push(b' ');
    out.extend_from_slice(what.as_bytes());
}

/// One line: how many placeholders are left where, and what else was found.
pub fn summary(r: &FileReview) -> String {
    let mut out = Vec::with_capacity(64);
    summary_into(r, &mut out);
    // Fixed words and digits only.
    String::from_utf8(out).unwrap_or_default()
}

/// [`summary`], appended to `out` (every file's text report ends with it).
fn summary_into(r: &FileReview, out: &mut Vec<u8>) {
    let start = out.len();
    if r.complete {
        out.extend_from_slice(b"complete");
    }
    let kept = r.placeholders.iter().filter(|p| p.suppressed).count();
    let n = r.placeholders.len() - kept;
    if n > 0 {
        // Section titles can repeat; a placeholder's section is the last heading above it
        // (by binary search when the sections are in line order, as reviews make them).
        let sorted = r.sections.is_sorted_by_key(|s| s.line);
        let mut in_sections: smallvec::SmallVec<[usize; 32]> = r
            .placeholders
            .iter()
            .filter(|p| p.section.is_some() && !p.suppressed)
            .filter_map(|p| {
                if sorted {
                    r.sections
                        .partition_point(|s| s.line <= p.line)
                        .checked_sub(1)
                } else {
                    r.sections.iter().rposition(|s| s.line <= p.line)
                }
            })
            .collect();
        // Only how many distinct sections: already in order when the placeholders are.
        if !in_sections.is_sorted() {
            in_sections.sort_unstable();
        }
        in_sections.dedup();
        let outside = r
            .placeholders
            .iter()
            .any(|p| p.section.is_none() && !p.suppressed);
        push_plural(out, start, n, "placeholder");
        match (in_sections.len(), outside) {
            (0, _) => out.extend_from_slice(b" left before the first heading"),
            (m, outside) => {
                out.extend_from_slice(b" left in ");
                let sections: &[u8] = if m == 1 { b"section" } else { b"sections" };
                push_decimal(out, m);
                out.push(b' ');
                out.extend_from_slice(sections);
                if outside {
                    out.extend_from_slice(b" and before the first heading");
                }
            }
        }
    }
    // Each severity counted in one pass.
    let mut counts = [0usize; 3];
    for f in &r.findings {
        if f.rule != super::RuleId::Placeholder {
            counts[match f.severity {
                Severity::Error => 0,
                Severity::Warning => 1,
                Severity::Info => 2,
            }] += 1;
        }
    }
    let [errors, warnings, infos] = counts;
    if errors > 0 {
        let what = if n > 0 { "other error" } else { "error" };
        push_plural(out, start, errors, what);
    }
    if warnings > 0 {
        push_plural(out, start, warnings, "warning");
    }
    if infos > 0 {
        push_part(out, start, infos, "info");
    }
    if kept > 0 {
        push_plural(out, start, kept, "placeholder");
        out.extend_from_slice(b" kept on purpose");
    }
}

/// Escapes text for a workflow command's message (`%`, CR, LF).
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes text for a workflow command's property (also `:` and `,`).
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// [`escape_data`] appended to `out` (one pass, no string per step).
fn push_data(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let escaped: &[u8] = match b {
            b'%' => b"%25",
            b'\r' => b"%0D",
            b'\n' => b"%0A",
            _ => continue,
        };
        out.extend_from_slice(&bytes[start..i]);
        out.extend_from_slice(escaped);
        start = i + 1;
    }
    out.extend_from_slice(&bytes[start..]);
}

fn github(out: &mut Vec<u8>, r: &FileReview) -> io::Result<()> {
    let path = escape_property(&visible(&r.path));
    // Room for every line, taken once (a line's fixed part is under 96 bytes).
    let messages: usize = r.findings.iter().map(|f| f.message.len()).sum();
    out.reserve(messages + r.findings.len() * (96 + path.len()));
    for f in &r.findings {
        // Workflow commands know error, warning and notice.
        let command = match f.severity {
            Severity::Info => "notice",
            s => s.as_str(),
        };
        out.extend_from_slice(b"::");
        out.extend_from_slice(command.as_bytes());
        out.extend_from_slice(b" file=");
        out.extend_from_slice(path.as_bytes());
        out.extend_from_slice(b",line=");
        push_decimal(out, f.line);
        out.extend_from_slice(b",endLine=");
        push_decimal(out, f.end_line);
        out.extend_from_slice(b",col=");
        push_decimal(out, f.column);
        out.extend_from_slice(b",endColumn=");
        push_decimal(out, f.end_column);
        out.extend_from_slice(b",title=");
        out.extend_from_slice(f.rule.as_str().as_bytes());
        out.extend_from_slice(b"::");
        push_data(out, &visible(&f.message));
        out.push(b'\n');
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::posting::Posting;
    use crate::review::{Rules, review_with};

    fn render(format: Format, text: &str) -> String {
        let rules = Rules::only(&[
            crate::review::RuleId::Placeholder,
            crate::review::RuleId::FrontMatter,
            crate::review::RuleId::EmptySection,
        ]);
        let r = review_with("dir/p.md".into(), &Posting::parse(text), &rules);
        let mut buf = Vec::new();
        let mut rep = Reporter::new(&mut buf, format).unwrap();
        rep.file(&r).unwrap();
        rep.file(&r).unwrap();
        rep.finish().unwrap();
        String::from_utf8(buf).unwrap()
    }

    proptest::proptest! {
        #[test]
        fn workflow_data_is_escaped_as_by_replacing(
            parts in proptest::collection::vec(
                proptest::sample::select(vec!["a", "%", "\r", "\n", "%0A", ":", ",", "é", " "]),
                0..10,
            )
        ) {
            let s = parts.concat();
            let mut out = Vec::new();
            push_data(&mut out, &s);
            proptest::prop_assert_eq!(String::from_utf8(out).unwrap(), escape_data(&s));
        }
    }

    #[test]
    fn rendered_files_are_written_like_reviews() {
        let rules = Rules::default();
        let a = review_with("a.md".into(), &Posting::parse("# A\n\n[Role]\n"), &rules);
        let b = review_with("b.md".into(), &Posting::parse("Text.\n"), &rules);
        for format in [Format::Text, Format::Json, Format::Github, Format::Sarif] {
            let mut direct = Vec::new();
            let mut rep = Reporter::new(&mut direct, format).unwrap();
            rep.file(&a).unwrap();
            rep.file(&b).unwrap();
            rep.finish().unwrap();
            let mut via = Vec::new();
            let mut rep = Reporter::new(&mut via, format).unwrap();
            for r in [&a, &b] {
                let mut buf = Vec::new();
                super::render(format, r, &mut buf);
                rep.rendered(&buf).unwrap();
            }
            rep.finish().unwrap();
            assert_eq!(
                String::from_utf8(direct),
                String::from_utf8(via),
                "{format:?}"
            );
        }
    }

    #[test]
    fn json_is_one_document() {
        let out = render(
            Format::Json,
            "---\ntitle: T\ndescription: D\n---\n# A\n\n[Role]\n",
        );
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["files"].as_array().unwrap().len(), 2);
        assert_eq!(v["files"][0]["placeholders"][0]["section"], "A");
        assert_eq!(v["files"][0]["findings"][0]["severity"], "error");
    }

    #[test]
    fn summaries_say_what_is_left() {
        let t = render(
            Format::Text,
            "[Before]\n\n# A\n\n[Role] [Y]\n\n# B\n\n[Z]\n",
        );
        assert!(
            t.contains("dir/p.md: 4 placeholders left in 2 sections and before the first heading, 1 warning\n"),
            "{t}"
        );
        let t = render(
            Format::Text,
            "---\ntitle: T\ndescription: D\n---\n# A\n\nDone.\n",
        );
        assert_eq!(t, "dir/p.md: complete\ndir/p.md: complete\n");
    }

    #[test]
    fn control_characters_are_shown_escaped() {
        assert_eq!(visible("plain text\tok"), "plain text\tok");
        assert_eq!(
            visible("[Company \u{1b}]0;HACKED\u{7} Name]"),
            "[Company \\x1b]0;HACKED\\x07 Name]"
        );
        assert_eq!(visible("a\u{9b}b\u{202e}c\rd"), "a\\x9bb\\u{202e}c\\x0dd");
        assert_eq!(visible("Café – ok"), "Café – ok");
        let t = "---\ntitle: T\ndescription: D\n---\n# A\n\n[Company \u{1b}]0;HACKED\u{7} Name]\n";
        for format in [Format::Text, Format::Github] {
            let out = render(format, t);
            assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out}");
            assert!(out.contains("[Company \\x1b]"), "{out}");
        }
    }

    proptest::proptest! {
        #[test]
        fn printable_ascii_is_found_as_byte_by_byte(
            bytes in proptest::collection::vec(
                proptest::prop_oneof![0x20u8..0x7f, proptest::num::u8::ANY],
                0..40,
            )
        ) {
            proptest::prop_assert_eq!(
                printable_ascii(&bytes),
                bytes.iter().all(|b| (0x20..0x7f).contains(b))
            );
        }

        #[test]
        fn one_odd_byte_anywhere_is_found(
            len in 0usize..80,
            at in proptest::num::usize::ANY,
            odd in proptest::prop_oneof![0u8..0x20, 0x7fu8..=0xff],
            fill in 0x20u8..0x7f,
        ) {
            let mut bytes = vec![fill; len];
            proptest::prop_assert!(printable_ascii(&bytes));
            if len > 0 {
                bytes[at % len] = odd;
                proptest::prop_assert!(!printable_ascii(&bytes));
            }
        }

        #[test]
        fn visible_text_hides_nothing_and_changes_nothing_else(
            s in "(\\PC|\\p{Cc}|[\u{61c}\u{200e}\u{202a}-\u{202e}\u{2066}-\u{2069}\u{85}\u{9b}\t]){0,40}"
        ) {
            let v = visible(&s);
            proptest::prop_assert!(!v.chars().any(hidden), "{v:?}");
            if !s.chars().any(hidden) {
                proptest::prop_assert_eq!(v.as_ref(), s.as_str());
            }
        }
    }

    #[test]
    fn every_middle_is_made_once_as_written() {
        for severity in [Severity::Info, Severity::Warning, Severity::Error] {
            for rule in crate::review::RULES {
                let m = &MIDDLES[middle_index(severity, rule.id)];
                assert_eq!(*m, format!(": {severity:?}[{}]: ", rule.id).to_lowercase());
            }
        }
    }

    #[test]
    fn colour_only_when_asked() {
        let r = review_with(
            "p.md".into(),
            &Posting::parse("# A\n\n[Role]\n"),
            &Rules::only(&[crate::review::RuleId::Placeholder]),
        );
        let mut plain = Vec::new();
        super::render(Format::Text, &r, &mut plain);
        let mut coloured = Vec::new();
        let style = Style {
            format: Format::Text,
            color: true,
        };
        super::render(style, &r, &mut coloured);
        let coloured = String::from_utf8(coloured).unwrap();
        assert!(!plain.contains(&0x1b));
        assert!(
            coloured.starts_with("\u{1b}[1mp.md:3:1:\u{1b}[0m \u{1b}[1m\u{1b}[31merror\u{1b}[0m["),
            "{coloured:?}"
        );
        let stripped = anstream::adapter::strip_str(&coloured).to_string();
        assert_eq!(stripped.as_bytes(), plain);
    }

    #[test]
    fn github_escapes_properties_and_messages() {
        assert_eq!(escape_property("a,b:c%"), "a%2Cb%3Ac%25");
        let t = render(
            Format::Github,
            "---\ntitle: T\ndescription: D\n---\n# A\n\n[Role]\n",
        );
        assert!(t.starts_with(
            "::error file=dir/p.md,line=7,endLine=7,col=1,endColumn=7,title=placeholder::unfilled placeholder [Role]\n"
        ));
    }
}
