//! Filling placeholders by name: every occurrence replaced, nothing else touched.

use super::{Placeholder, Posting};

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
    pub fn fill_all(&self, pairs: &[(String, String)]) -> (Posting, Vec<usize>) {
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
        (self.splice(edits), counts)
    }

    /// Replaces the given placeholder spans (in any order; they must not overlap) with `value`.
    pub fn fill_spans(
        &self,
        spans: &[std::ops::Range<usize>],
        value: &str,
    ) -> (Posting, FillReport) {
        let edits = spans.iter().map(|r| (r.clone(), value)).collect();
        let report = FillReport {
            replaced: spans.len(),
        };
        (self.splice(edits), report)
    }

    /// The posting with each range replaced by its value (ranges must not overlap).
    fn splice(&self, mut edits: Vec<(std::ops::Range<usize>, &str)>) -> Posting {
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
}
