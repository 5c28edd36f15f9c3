//! Report formats for `jobpost check`: compiler-like text, JSON (the stable contract in
//! PRODUCT.md) and GitHub Actions annotations. Each is written file by file, so a report
//! streams out as files are checked.

use std::collections::BTreeSet;
use std::io::{self, Write};

use super::{FileReview, Severity};

/// How `jobpost check` prints its findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// `path:line:col: error[rule]: message` lines and a summary line per file.
    #[default]
    Text,
    /// One JSON document: `{"files": [...]}`.
    Json,
    /// `::error file=F,line=L,col=C::message` workflow commands for GitHub Actions
    /// (`::warning`, and `::notice` for info).
    Github,
}

/// Writes a report in one format, file by file.
pub struct Reporter<W: Write> {
    out: W,
    format: Format,
    files: usize,
}

impl<W: Write> Reporter<W> {
    /// Starts a report.
    pub fn new(out: W, format: Format) -> io::Result<Self> {
        let mut r = Reporter {
            out,
            format,
            files: 0,
        };
        if format == Format::Json {
            r.out.write_all(b"{\"files\":[")?;
        }
        Ok(r)
    }

    /// Adds one file's review.
    pub fn file(&mut self, review: &FileReview) -> io::Result<()> {
        match self.format {
            Format::Text => text(&mut self.out, review)?,
            Format::Json => {
                if self.files > 0 {
                    self.out.write_all(b",")?;
                }
                self.out.write_all(b"\n")?;
                serde_json::to_writer(&mut self.out, review)?;
            }
            Format::Github => github(&mut self.out, review)?,
        }
        self.files += 1;
        Ok(())
    }

    /// Adds one file's report rendered by [`render`] (on any thread) in the same format.
    pub fn rendered(&mut self, bytes: &[u8]) -> io::Result<()> {
        if self.format == Format::Json {
            self.out
                .write_all(if self.files > 0 { b",\n" } else { b"\n" })?;
        }
        self.out.write_all(bytes)?;
        self.files += 1;
        Ok(())
    }

    /// Flushes what has been written so far (before an error goes to stderr, so the two
    /// streams interleave in file order on a terminal).
    pub fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    /// Ends the report and flushes it.
    pub fn finish(mut self) -> io::Result<()> {
        if self.format == Format::Json {
            self.out.write_all(b"\n]}\n")?;
        }
        self.out.flush()
    }
}

/// Renders one file's report as [`Reporter::file`] writes it (without the separator JSON
/// puts between files), so workers can render in parallel and one writer stream the bytes
/// in order with [`Reporter::rendered`].
pub fn render(format: Format, review: &FileReview, out: &mut Vec<u8>) {
    // Writing to a Vec cannot fail.
    let _ = match format {
        Format::Text => text(out, review),
        Format::Json => serde_json::to_writer(&mut *out, review).map_err(io::Error::from),
        Format::Github => github(out, review),
    };
}

fn text(out: &mut impl Write, r: &FileReview) -> io::Result<()> {
    for f in &r.findings {
        writeln!(
            out,
            "{}:{}:{}: {}[{}]: {}",
            r.path,
            f.line,
            f.column,
            f.severity.as_str(),
            f.rule,
            f.message
        )?;
    }
    writeln!(out, "{}: {}", r.path, summary(r))
}

fn plural(n: usize, one: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {one}s")
    }
}

/// One line: how many placeholders are left where, and what else was found.
pub fn summary(r: &FileReview) -> String {
    let mut parts = Vec::new();
    let n = r.placeholders.len();
    if n > 0 {
        // Section titles can repeat; a placeholder's section is the last heading above it
        // (by binary search when the sections are in line order, as reviews make them).
        let sorted = r.sections.is_sorted_by_key(|s| s.line);
        let in_sections: BTreeSet<usize> = r
            .placeholders
            .iter()
            .filter(|p| p.section.is_some())
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
        let outside = r.placeholders.iter().any(|p| p.section.is_none());
        let left = plural(n, "placeholder");
        parts.push(match (in_sections.len(), outside) {
            (0, _) => format!("{left} left before the first heading"),
            (m, false) => format!("{left} left in {}", plural(m, "section")),
            (m, true) => format!(
                "{left} left in {} and before the first heading",
                plural(m, "section")
            ),
        });
    }
    let count = |sev: Severity| {
        r.findings
            .iter()
            .filter(|f| f.severity == sev && f.rule != super::RuleId::Placeholder)
            .count()
    };
    let errors = count(Severity::Error);
    let warnings = count(Severity::Warning);
    let infos = count(Severity::Info);
    if r.complete {
        parts.insert(0, "complete".into());
    }
    if errors > 0 {
        let what = if n > 0 { "other error" } else { "error" };
        parts.push(plural(errors, what));
    }
    if warnings > 0 {
        parts.push(plural(warnings, "warning"));
    }
    if infos > 0 {
        parts.push(format!("{infos} info"));
    }
    parts.join(", ")
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

fn github(out: &mut impl Write, r: &FileReview) -> io::Result<()> {
    for f in &r.findings {
        // Workflow commands know error, warning and notice.
        let command = match f.severity {
            Severity::Info => "notice",
            s => s.as_str(),
        };
        writeln!(
            out,
            "::{command} file={},line={},col={}::{}",
            escape_property(&r.path),
            f.line,
            f.column,
            escape_data(&f.message)
        )?;
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

    #[test]
    fn rendered_files_are_written_like_reviews() {
        let rules = Rules::default();
        let a = review_with("a.md".into(), &Posting::parse("# A\n\n[Role]\n"), &rules);
        let b = review_with("b.md".into(), &Posting::parse("Text.\n"), &rules);
        for format in [Format::Text, Format::Json, Format::Github] {
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
    fn github_escapes_properties_and_messages() {
        assert_eq!(escape_property("a,b:c%"), "a%2Cb%3Ac%25");
        let t = render(
            Format::Github,
            "---\ntitle: T\ndescription: D\n---\n# A\n\n[Role]\n",
        );
        assert!(t.starts_with("::error file=dir/p.md,line=7,col=1::unfilled placeholder [Role]\n"));
    }
}
