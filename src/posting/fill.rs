//! Filling placeholders by name: every occurrence replaced, nothing else touched.

use super::Posting;

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

impl Posting {
    /// Replaces every placeholder whose name is `name` (given with or without delimiters) with
    /// `value`. Bytes outside the replaced spans are unchanged.
    pub fn fill(&self, name: &str, value: &str) -> (Posting, FillReport) {
        let want = normalize_name(name);
        let raw = name.trim();
        let spans: Vec<_> = self
            .placeholders()
            .iter()
            .filter(|p| p.name == want || p.text == raw)
            .map(|p| p.span.clone())
            .collect();
        self.fill_spans(&spans, value)
    }

    /// Replaces the given placeholder spans (in any order; they must not overlap) with `value`.
    pub fn fill_spans(
        &self,
        spans: &[std::ops::Range<usize>],
        value: &str,
    ) -> (Posting, FillReport) {
        if spans.is_empty() {
            return (self.clone(), FillReport::default());
        }
        let mut sorted = spans.to_vec();
        sorted.sort_by_key(|r| r.start);
        let text = self.text();
        let mut out = String::with_capacity(text.len() + spans.len() * value.len());
        let mut pos = 0;
        for r in &sorted {
            out.push_str(&text[pos..r.start]);
            out.push_str(value);
            pos = r.end;
        }
        out.push_str(&text[pos..]);
        (
            Posting::parse(out),
            FillReport {
                replaced: sorted.len(),
            },
        )
    }
}
