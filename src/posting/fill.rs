//! Filling placeholders by name: every occurrence replaced, nothing else touched. A value that
//! lands in the front matter is written for the YAML scalar it lands in (quoted, escaped,
//! indented) so it reads back exactly as typed, and that is checked by reading it back.

use std::ops::Range;

use super::{Placeholder, Posting};
use crate::yaml::{self, Value};

/// A value that cannot be written into the front matter so that it reads back as typed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: cannot fill {placeholder} with {value:?} in the front matter: {reason}")]
pub struct FillError {
    /// The placeholder as written.
    pub placeholder: String,
    /// The value it was to be filled with.
    pub value: String,
    /// 1-based file line of the placeholder.
    pub line: usize,
    /// Why, in a few words.
    pub reason: String,
}

/// What a fill did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FillReport {
    /// Occurrences replaced.
    pub replaced: usize,
}

/// Normalises a user-given name: delimiters stripped (`[Company Name]` → `Company Name`),
/// whitespace collapsed.
pub fn normalize_name(name: &str) -> String {
    let t = name.trim();
    let inner = [("{{", "}}"), ("[", "]"), ("{", "}"), ("<", ">"), ("%", "%")]
        .iter()
        .find_map(|(o, c)| {
            t.strip_prefix(o)
                .and_then(|s| s.strip_suffix(c))
                .filter(|_| t.len() >= o.len() + c.len())
        })
        .unwrap_or(t);
    inner.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether `p` is the placeholder a user named: by its name (`want`, normalised) or by its
/// text as written, delimiters included (`raw`).
fn is_named(p: &Placeholder, want: &str, raw: &str) -> bool {
    &*p.name == want || &*p.text == raw
}

impl Posting {
    /// Replaces every placeholder whose name is `name` (given with or without delimiters) with
    /// `value`. Bytes outside the replaced spans are unchanged.
    pub fn fill(&self, name: &str, value: &str) -> (Posting, FillReport) {
        let spans: Vec<_> = self
            .occurrences(name)
            .into_iter()
            .map(|p| p.span.clone())
            .collect();
        self.fill_spans(&spans, value)
    }

    /// The placeholders [`Posting::fill`] would replace for `name` (given with or without
    /// delimiters), in file order: what an editor counts before filling.
    pub fn occurrences(&self, name: &str) -> Vec<&Placeholder> {
        let want = normalize_name(name);
        let raw = name.trim();
        self.placeholders()
            .iter()
            .filter(|p| is_named(p, &want, raw))
            .collect()
    }

    /// Fills several names at once, in one pass over the placeholders as they are now: a value
    /// that itself looks like a placeholder is never filled again. When two names match the
    /// same placeholder, the later pair wins. Returns the new posting and, per pair, how many
    /// occurrences it replaced.
    ///
    /// A value that cannot go into the front matter as typed is written there as given (the
    /// front matter then reports a YAML error); [`Posting::try_fill_all`] refuses instead.
    pub fn fill_all(&self, pairs: &[(String, String)]) -> (Posting, Vec<usize>) {
        let (edits, counts) = self.fill_edits(pairs);
        let filled = self
            .try_splice(edits.clone())
            .unwrap_or_else(|_| self.raw_splice(edits));
        (filled, counts)
    }

    /// [`Posting::fill_all`], refusing a value that would not read back from the front matter
    /// exactly as typed (nothing is filled then).
    pub fn try_fill_all(
        &self,
        pairs: &[(String, String)],
    ) -> Result<(Posting, Vec<usize>), FillError> {
        let (edits, counts) = self.fill_edits(pairs);
        Ok((self.try_splice(edits)?, counts))
    }

    /// The spans [`Posting::fill_all`] replaces, with their values, and the count per pair.
    fn fill_edits<'a>(
        &self,
        pairs: &'a [(String, String)],
    ) -> (Vec<(Range<usize>, &'a str)>, Vec<usize>) {
        let wanted: Vec<(String, &str)> = pairs
            .iter()
            .map(|(n, _)| (normalize_name(n), n.trim()))
            .collect();
        let mut counts = vec![0; pairs.len()];
        let mut edits: Vec<(std::ops::Range<usize>, &str)> = Vec::new();
        for p in self.placeholders() {
            let hit = wanted
                .iter()
                .rposition(|(want, raw)| is_named(p, want, raw));
            if let Some(i) = hit {
                counts[i] += 1;
                edits.push((p.span.clone(), pairs[i].1.as_str()));
            }
        }
        (edits, counts)
    }

    /// Replaces the given placeholder spans (in any order; they must not overlap) with `value`.
    pub fn fill_spans(
        &self,
        spans: &[std::ops::Range<usize>],
        value: &str,
    ) -> (Posting, FillReport) {
        let edits: Vec<_> = spans.iter().map(|r| (r.clone(), value)).collect();
        let report = FillReport {
            replaced: spans.len(),
        };
        let filled = self
            .try_splice(edits.clone())
            .unwrap_or_else(|_| self.raw_splice(edits));
        (filled, report)
    }

    /// The posting with each range replaced by its value (ranges must not overlap); values
    /// in the front matter are written for their YAML scalars, or refused.
    fn try_splice(&self, mut edits: Vec<(Range<usize>, &str)>) -> Result<Posting, FillError> {
        let Some(fm) = self.front_matter() else {
            return Ok(self.raw_splice(edits));
        };
        let yaml_range = fm.yaml.clone();
        let inside = |r: &Range<usize>| r.start >= yaml_range.start && r.end <= yaml_range.end;
        if !edits.iter().any(|(r, _)| inside(r)) {
            return Ok(self.raw_splice(edits));
        }
        edits.sort_by_key(|(r, _)| r.start);
        let (in_yaml, mut rest): (Vec<_>, Vec<_>) = edits.into_iter().partition(|(r, _)| inside(r));
        let text = self.text();
        let relative: Vec<(Range<usize>, &str)> = in_yaml
            .iter()
            .map(|(r, v)| (r.start - yaml_range.start..r.end - yaml_range.start, *v))
            .collect();
        let new_yaml = fill_yaml(&text[yaml_range.clone()], &relative).map_err(|(i, reason)| {
            let (r, value) = &in_yaml[i];
            FillError {
                placeholder: text[r.clone()].replace('\r', ""),
                value: (*value).to_string(),
                line: self.line_col(r.start).0,
                reason,
            }
        })?;
        rest.push((yaml_range, new_yaml.as_str()));
        Ok(self.raw_splice(rest))
    }

    /// The posting with each range replaced by its value as given (ranges must not overlap).
    fn raw_splice(&self, mut edits: Vec<(Range<usize>, &str)>) -> Posting {
        if edits.is_empty() {
            return self.clone();
        }
        edits.sort_by_key(|(r, _)| r.start);
        let text = self.text();
        let added: usize = edits.iter().map(|(_, v)| v.len()).sum();
        let mut out = String::with_capacity(text.len() + added);
        let mut pos = 0;
        for (r, value) in &edits {
            out.push_str(&text[pos..r.start]);
            out.push_str(value);
            pos = r.end;
        }
        out.push_str(&text[pos..]);
        Posting::parse_with(out, self.options().clone())
    }
}

/// `yaml` with each range replaced by its value, written so that every value reads back as
/// typed and nothing else in the document changes; each is checked by parsing. Where none
/// of the ways to write a value reads back, the index of that edit and why.
///
/// Each placeholder is first replaced by a marker (a private-use character and its index),
/// giving the document as it should parse, with the marker standing for the value. Then, per
/// value: as typed; escaped for the scalar's style; the whole scalar rewritten double-quoted.
/// The first that parses to that document with the marker replaced by the value is kept.
pub(super) fn fill_yaml(
    yaml: &str,
    edits: &[(Range<usize>, &str)],
) -> Result<String, (usize, String)> {
    let raw = || {
        splice_str(
            yaml,
            edits.iter().map(|(r, v)| (r.clone(), (*v).to_string())),
        )
    };
    let taken = |c: char| yaml.contains(c) || edits.iter().any(|(_, v)| v.contains(c));
    let Some(mark) = ('\u{e000}'..='\u{f8ff}').find(|&c| !taken(c)) else {
        return Ok(raw());
    };
    let marker = |i: usize| format!("{mark}{i}{mark}");
    let unreadable = "YAML would not read it back as typed".to_string();
    let mut text = splice_str(
        yaml,
        edits
            .iter()
            .enumerate()
            .map(|(i, (r, _))| (r.clone(), marker(i))),
    );
    // Placeholders often make YAML invalid (`title: [Role] at Acme` starts a list); with the
    // markers it parses. YAML broken elsewhere cannot be checked: filled as typed, as before
    // (the front matter reports its error). Valid YAML that the markers break holds a
    // placeholder that is part of its syntax (`title:x [: Role]` is a key): refused.
    let Ok(mut tree) = yaml::parse(&text) else {
        if yaml::parse(yaml).is_err() {
            return Ok(raw());
        }
        let one = |i: usize| {
            let (r, _) = &edits[i];
            format!("{}{}{}", &yaml[..r.start], marker(i), &yaml[r.end..])
        };
        let culprit = (0..edits.len())
            .find(|&i| yaml::parse(&one(i)).is_err())
            .unwrap_or(0);
        return Err((
            culprit,
            "it is part of the YAML around it (a key, or a `: ` in it), not inside a value".into(),
        ));
    };
    let newline = if yaml.contains("\r\n") { "\r\n" } else { "\n" };
    for (i, (_, value)) in edits.iter().enumerate() {
        let m = marker(i);
        let Some(at) = text.find(&m) else {
            return Err((i, unreadable));
        };
        let mut want = tree.clone();
        let mut scalar_now = None;
        if replace_strings(&mut want, &m, value, &mut scalar_now) == 0 {
            return Err((i, "it is not inside a YAML value".into()));
        }
        let scalar = yaml::scalar_at(&text, at);
        let with = |s: &str| format!("{}{s}{}", &text[..at], &text[at + m.len()..]);
        // (text, whether the value is written in place: the text before `at` is as it was)
        let mut tries = vec![(with(value), true)];
        if let Some(sc) = &scalar {
            if let Some(enc) = yaml::encode_scalar(value, sc.style, &sc.indent, newline) {
                tries.push((with(&enc), true));
            }
            if let (Some(range), Some(whole)) = (&sc.range, &scalar_now) {
                let requoted = format!(
                    "{}{}{}",
                    &text[..range.start],
                    yaml::quoted(whole),
                    &text[range.end..]
                );
                tries.push((requoted, false));
            }
        }
        // A plain scalar that other (YAML 1.1) readers take for a boolean, null or number
        // (`remote: yes`) is not kept plain.
        let stays_a_string = |t: &str| match yaml::scalar_at(t, at) {
            Some(yaml::Scalar {
                style: yaml::ScalarStyle::Plain,
                range: Some(r),
                ..
            }) => !yaml::plain_is_not_a_string(&t[r]),
            _ => true,
        };
        match tries.into_iter().find(|(t, in_place)| {
            (!in_place || stays_a_string(t)) && yaml::parse(t).is_ok_and(|got| got == want)
        }) {
            Some((t, _)) => {
                text = t;
                tree = want;
            }
            None if scalar.as_ref().is_none_or(|s| s.range.is_none()) => {
                return Err((
                    i,
                    "it is inside a YAML value written over several lines; put that value on one line first".into(),
                ));
            }
            None => return Err((i, unreadable)),
        }
    }
    Ok(text)
}

/// `text` with each range (sorted, not overlapping) replaced.
fn splice_str(text: &str, edits: impl Iterator<Item = (Range<usize>, String)>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for (r, v) in edits {
        out.push_str(&text[pos..r.start]);
        out.push_str(&v);
        pos = r.end;
    }
    out.push_str(&text[pos..]);
    out
}

/// Replaces `from` with `to` in every string of `v`, keys included; how many strings changed,
/// and the first one as it is now.
fn replace_strings(v: &mut Value, from: &str, to: &str, first: &mut Option<String>) -> usize {
    match v {
        Value::String(s) if s.contains(from) => {
            *s = s.replace(from, to);
            first.get_or_insert_with(|| s.clone());
            1
        }
        Value::Seq(items) => items
            .iter_mut()
            .map(|x| replace_strings(x, from, to, first))
            .sum(),
        Value::Map(entries) => entries
            .iter_mut()
            .map(|(k, x)| replace_strings(k, from, to, first) + replace_strings(x, from, to, first))
            .sum(),
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_all_fills_in_one_pass_and_counts_per_name() {
        let p = Posting::parse("# A\n\n[Company Name] and [Company Name], {{ city }}.\n");
        let pairs = vec![
            ("Company Name".to_string(), "[City]".to_string()),
            ("{{ city }}".to_string(), "Oslo".to_string()),
            ("Nothing".to_string(), "x".to_string()),
        ];
        let (filled, counts) = p.fill_all(&pairs);
        assert_eq!(filled.text(), "# A\n\n[City] and [City], Oslo.\n");
        assert_eq!(counts, [2, 1, 0]);
    }

    /// The value under `path` (keys, or indices into lists) of a posting's front matter.
    fn value_at(p: &Posting, path: &[&str]) -> Option<Value> {
        let fm = p.front_matter()?;
        let mut v = yaml::parse(&p.text()[fm.yaml.clone()]).ok()?;
        for key in path {
            v = match (&v, key.parse::<usize>()) {
                (Value::Seq(items), Ok(i)) => items.get(i)?.clone(),
                _ => v.get(key)?.clone(),
            };
        }
        Some(v)
    }

    /// Front matter a placeholder can sit in: the YAML, where its value is, and what that
    /// value reads as (`{}` for the filled text).
    const LAYOUTS: &[(&str, &[&str], &str)] = &[
        ("title: [Job Title]\n", &["title"], "{}"),
        (
            "title: Senior [Job Title] at Acme\n",
            &["title"],
            "Senior {} at Acme",
        ),
        ("title: [Job Title] # the role\n", &["title"], "{}"),
        ("title: '[Job Title]'\n", &["title"], "{}"),
        (
            "title: 'Senior [Job Title] at O''Reilly'\n",
            &["title"],
            "Senior {} at O'Reilly",
        ),
        ("title: \"[Job Title]\"\n", &["title"], "{}"),
        (
            "title: \"Senior\\t[Job Title] \\\"x\\\"\"\n",
            &["title"],
            "Senior\t{} \"x\"",
        ),
        (
            "description: |\n  We are [Job Title].\n  More.\n",
            &["description"],
            "We are {}.\nMore.\n",
        ),
        ("description: |-\n  [Job Title]\n", &["description"], "{}"),
        (
            "description: >\n  We are [Job Title].\n  More.\n",
            &["description"],
            "We are {}. More.\n",
        ),
        ("tags:\n  - a\n  - [Job Title]\n", &["tags", "1"], "{}"),
        (
            "job:\n  title: \"[Job Title]\"\n  team: x\n",
            &["job", "title"],
            "{}",
        ),
        ("list:\n- [Job Title]\n", &["list", "0"], "{}"),
        ("title: [Job Title]\r\nlevel: 2\r\n", &["title"], "{}"),
    ];

    /// Values that change meaning or break YAML when written raw.
    const HARD: &[&str] = &[
        "O'Reilly Media",
        "Acme: Inc.",
        "Team #1",
        "line one\nline two",
        " padded ",
        "yes",
        "null",
        "~",
        "123",
        "1e3",
        "true",
        "- item",
        "[x]",
        "{a: b}",
        "\"quoted\"",
        "back\\slash",
        "*alias",
        "&anchor",
        "!tag",
        "%YAML",
        "@at",
        "`tick`",
        "",
        "\n",
        "two\n\nbreaks\n",
        "\ttab",
        "a\r\nb",
        "\u{85}\u{2028}",
        "\u{1b}[31m",
        "\u{feff}",
        "💼 über 日本",
        "a #b",
        "a: b #c",
        "---",
        "...",
        "'",
        "\"",
        "''",
        // Found by the property below: text after a re-quoted value was read at a stale offset.
        "𐀀\u{7f}",
    ];

    fn posting_with(layout: &str) -> Posting {
        Posting::parse(format!(
            "---\n{layout}other: keep\n---\n# Body [Job Title]\n"
        ))
    }

    /// The law: filling then reading the front matter gives exactly the value typed, the
    /// rest of it unchanged, and the body gets the value as typed.
    fn fills_exactly(layout: &str, path: &[&str], reads: &str, value: &str) {
        let p = posting_with(layout);
        assert_eq!(p.placeholders().len(), 2, "{layout:?}");
        let pairs = [("Job Title".to_string(), value.to_string())];
        let (filled, counts) = p
            .try_fill_all(&pairs)
            .unwrap_or_else(|e| panic!("{layout:?} with {value:?}: {e}"));
        assert_eq!(counts, [2]);
        let want = Value::String(reads.replace("{}", value));
        assert_eq!(
            value_at(&filled, path),
            Some(want),
            "{layout:?} with {value:?}:\n{}",
            filled.text()
        );
        assert_eq!(
            value_at(&filled, &["other"]),
            Some(Value::String("keep".into()))
        );
        assert!(
            filled.text().ends_with(&format!("# Body {value}\n")),
            "{}",
            filled.text()
        );
        // fill_all agrees when nothing is refused.
        assert_eq!(p.fill_all(&pairs).0.text(), filled.text());
    }

    #[test]
    fn values_that_break_yaml_raw_are_written_for_their_scalar() {
        for (layout, path, reads) in LAYOUTS {
            for value in HARD {
                fills_exactly(layout, path, reads, value);
            }
        }
    }

    #[test]
    fn a_value_that_fits_is_written_as_typed() {
        let p = posting_with("title: 'Senior [Job Title]'\n");
        let (f, _) = p
            .try_fill_all(&[("Job Title".into(), "Baker".into())])
            .unwrap();
        assert!(f.text().starts_with("---\ntitle: 'Senior Baker'\n"));
        let (f, _) = p
            .try_fill_all(&[("Job Title".into(), "O'Reilly".into())])
            .unwrap();
        assert!(
            f.text().starts_with("---\ntitle: 'Senior O''Reilly'\n"),
            "{}",
            f.text()
        );
        let p = posting_with("title: Senior [Job Title]\n");
        let (f, _) = p
            .try_fill_all(&[("Job Title".into(), "Team #1".into())])
            .unwrap();
        assert!(
            f.text().starts_with("---\ntitle: \"Senior Team #1\"\n"),
            "{}",
            f.text()
        );
        let p = posting_with("remote: [Job Title]\n");
        for (value, written) in [("yes", "\"yes\""), ("1_000", "\"1_000\""), ("Acme", "Acme")] {
            let (f, _) = p
                .try_fill_all(&[("Job Title".into(), value.into())])
                .unwrap();
            assert!(
                f.text().starts_with(&format!("---\nremote: {written}\n")),
                "{}",
                f.text()
            );
        }
        let p = posting_with("description: |\n  We are [Job Title].\n");
        let (f, _) = p
            .try_fill_all(&[("Job Title".into(), "Acme\nInc".into())])
            .unwrap();
        assert!(
            f.text()
                .starts_with("---\ndescription: |\n  We are Acme\n  Inc.\n"),
            "{}",
            f.text()
        );
    }

    #[test]
    fn a_value_in_a_plain_scalar_over_several_lines_is_refused_when_it_would_not_read_back() {
        let p =
            Posting::parse("---\ndescription: Join [Company] as our\n  first engineer\n---\n# A\n");
        let pairs = [("Company".to_string(), "Acme: Inc.".to_string())];
        let e = p.try_fill_all(&pairs).unwrap_err();
        assert_eq!(e.line, 2);
        assert_eq!(e.placeholder, "[Company]");
        assert!(e.reason.contains("several lines"), "{e}");
        // A value that reads back there is fine.
        let ok = [("Company".to_string(), "Acme".to_string())];
        assert!(
            p.try_fill_all(&ok)
                .unwrap()
                .0
                .text()
                .contains("Join Acme as our")
        );
    }

    #[test]
    fn several_placeholders_in_one_scalar_are_all_filled_exactly() {
        let p = Posting::parse("---\ntitle: [Role] at [Company]\n---\n# A\n");
        let pairs = [
            ("Role".to_string(), "Lead: Platform".to_string()),
            ("Company".to_string(), "O'Reilly #1".to_string()),
        ];
        let (f, counts) = p.try_fill_all(&pairs).unwrap();
        assert_eq!(counts, [1, 1], "{}", f.text());
        assert_eq!(
            value_at(&f, &["title"]),
            Some(Value::String("Lead: Platform at O'Reilly #1".into())),
            "{}",
            f.text()
        );
    }

    #[test]
    fn front_matter_broken_elsewhere_is_filled_as_before() {
        let p = Posting::parse("---\ntitle: [Job Title]\nbad: [unclosed\n---\n# A\n");
        let (f, _) = p
            .try_fill_all(&[("Job Title".into(), "a: b".into())])
            .unwrap();
        assert!(f.text().starts_with("---\ntitle: a: b\n"));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 400, ..Default::default() })]

        /// Any value a user can type (no NUL: no command line or terminal passes one), in any
        /// of the layouts, reads back exactly.
        #[test]
        fn any_value_in_any_layout_reads_back_exactly(
            layout in proptest::sample::select(LAYOUTS),
            value in "[^\u{0}]{0,24}",
        ) {
            fills_exactly(layout.0, layout.1, layout.2, &value);
        }
    }
}
