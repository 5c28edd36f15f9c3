//! Find: a literal query matched with case folded by Unicode (`über` finds `ÜBER`, `ß` finds
//! `ẞ`, `k` finds the Kelvin sign `K`), reported as byte ranges of the original text.
//!
//! Folding is Unicode's simple (one char to one char) case folding, as micro and helix search
//! with `(?i)`: each char of the query matches exactly one char of the text, so a match maps
//! back to exact bytes even where the two spell a letter in different lengths (`ẞ` is three
//! bytes, `ß` two). Full folding (`ß` = `ss`) is not done. A match must start and end between
//! grapheme clusters: `e` does not find the `e` of `e` + U+0301, so a found match never puts
//! the cursor inside a character.

use std::ops::Range;

use regex::{Regex, RegexBuilder};
use unicode_segmentation::GraphemeCursor;

/// Why a query cannot be searched for.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SearchError {
    /// Nothing to find.
    #[error("the search text is empty")]
    Empty,
    /// The query is too long to match with case folding.
    #[error("the search text is too long ({0} characters)")]
    TooLong(usize),
}

/// A compiled query, reusable across texts.
#[derive(Debug, Clone)]
pub struct Finder {
    re: Regex,
}

impl Finder {
    /// Compiles `query` (taken literally: `.` is a dot).
    pub fn new(query: &str) -> Result<Finder, SearchError> {
        if query.is_empty() {
            return Err(SearchError::Empty);
        }
        let re = RegexBuilder::new(&regex::escape(query))
            .case_insensitive(true)
            .unicode(true)
            .size_limit(1 << 26)
            .build()
            .map_err(|_| SearchError::TooLong(query.chars().count()))?;
        Ok(Finder { re })
    }

    /// The first match starting at or after byte `from` (a char boundary of `text`).
    pub fn find_at(&self, text: &str, from: usize) -> Option<Range<usize>> {
        let mut at = from.min(text.len());
        while let Some(m) = self.re.find_at(text, at) {
            if is_cluster_boundary(text, m.start()) && is_cluster_boundary(text, m.end()) {
                return Some(m.range());
            }
            // A match inside a cluster: look again from the next char (a valid match may
            // overlap this one).
            at = m.start() + text[m.start()..].chars().next().map_or(1, char::len_utf8);
        }
        None
    }

    /// Every match, left to right, not overlapping.
    pub fn find_all(&self, text: &str) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut at = 0;
        while let Some(r) = self.find_at(text, at) {
            at = r.end;
            out.push(r);
        }
        out
    }
}

/// Every match of `query` in `text` (none for an empty or uncompilable query).
pub fn find_all(text: &str, query: &str) -> Vec<Range<usize>> {
    Finder::new(query).map_or_else(|_| Vec::new(), |f| f.find_all(text))
}

fn is_cluster_boundary(text: &str, at: usize) -> bool {
    GraphemeCursor::new(at, text.len(), true)
        .is_boundary(text, 0)
        .unwrap_or(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn found<'a>(text: &'a str, query: &str) -> Vec<&'a str> {
        find_all(text, query)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn folds_case_beyond_ascii() {
        assert_eq!(found("Büro: ÜBER uns, über", "über"), ["ÜBER", "über"]);
        assert_eq!(found("ÉQUIPE équipe", "Équipe"), ["ÉQUIPE", "équipe"]);
        assert_eq!(found("ΣΟΦΊΑ σοφία", "σοφία"), ["ΣΟΦΊΑ", "σοφία"]);
        assert_eq!(found("ПРОДАЖИ продажи", "Продажи"), ["ПРОДАЖИ", "продажи"]);
    }

    #[test]
    fn matches_map_to_exact_bytes_when_lengths_differ() {
        // ẞ (3 bytes) folds to ß (2 bytes); the Kelvin sign (3 bytes) to k (1 byte).
        let text = "GROẞE Straße 5 \u{212a}";
        let hits = find_all(text, "straße");
        assert_eq!(hits.len(), 1);
        assert_eq!(&text[hits[0].clone()], "Straße");
        assert_eq!(found(text, "große"), ["GROẞE"]);
        let k = find_all(text, "k");
        assert_eq!(k.len(), 1);
        assert_eq!(k[0], text.len() - 3..text.len());
        assert_eq!(&text[k[0].clone()], "\u{212a}");
    }

    #[test]
    fn simple_folding_only() {
        // Full folding would make these equal; micro and helix do not.
        assert!(found("Strasse", "straße").is_empty());
        assert!(found("İstanbul", "istanbul").is_empty());
        assert_eq!(found("İstanbul", "İSTANBUL"), ["İstanbul"]);
    }

    #[test]
    fn never_matches_part_of_a_cluster() {
        assert!(found("cafe\u{301}", "cafe").is_empty());
        assert_eq!(found("cafe\u{301} cafe", "cafe"), ["cafe"]);
        assert!(found("A👩\u{200d}💻B", "👩").is_empty());
        assert_eq!(found("A👩\u{200d}💻B", "👩\u{200d}💻"), ["👩\u{200d}💻"]);
        // The rejected first candidate overlaps a good one.
        assert_eq!(found("aa\u{301}a", "a"), ["a", "a"]);
    }

    #[test]
    fn literal_and_empty_queries() {
        assert_eq!(found("a.b axb", "a.b"), ["a.b"]);
        assert_eq!(
            found("[Company Name]", "[company name]"),
            ["[Company Name]"]
        );
        assert!(found("abc", "").is_empty());
        assert_eq!(Finder::new("").unwrap_err(), SearchError::Empty);
        let f = Finder::new("ab").unwrap();
        assert_eq!(f.find_at("ab ab", 1), Some(3..5));
        assert_eq!(f.find_at("ab ab", 99), None);
    }

    /// The reference: two chars are equal when they are, or when their one-char lower or
    /// upper cases are.
    fn same(a: char, b: char) -> bool {
        fn one(mut it: impl Iterator<Item = char>, c: char) -> char {
            match (it.next(), it.next()) {
                (Some(x), None) => x,
                _ => c,
            }
        }
        a == b
            || one(a.to_lowercase(), a) == one(b.to_lowercase(), b)
            || one(a.to_uppercase(), a) == one(b.to_uppercase(), b)
    }

    /// The reference search: try every cluster boundary, compare char by char.
    fn reference(text: &str, query: &str) -> Vec<Range<usize>> {
        let q: Vec<char> = query.chars().collect();
        let mut out = Vec::new();
        let mut at = 0;
        while at < text.len() {
            let mut end = at;
            let mut chars = text[at..].char_indices();
            let mut ok = !q.is_empty();
            for &qc in &q {
                match chars.next() {
                    Some((i, c)) if same(c, qc) => end = at + i + c.len_utf8(),
                    _ => {
                        ok = false;
                        break;
                    }
                }
            }
            if ok && is_cluster_boundary(text, at) && is_cluster_boundary(text, end) {
                out.push(at..end);
                at = end;
            } else {
                at += text[at..].chars().next().map_or(1, char::len_utf8);
            }
        }
        out
    }

    // Chars whose simple folding the reference gets right (not ı, whose upper case is I but
    // which Unicode folds to nothing).
    fn piece() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "a", "A", "s", "S", "ſ", "k", "K", "\u{212a}", "ß", "ẞ", "ü", "Ü", "e", "\u{301}", "é",
            "σ", "ς", "Σ", "İ", "i", "I", "ω", "Ω", "\u{2126}", "👩", "\u{200d}", "💻", " ", ".",
            "\n",
        ])
    }

    proptest! {
        #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn agrees_with_the_reference(
            text in prop::collection::vec(piece(), 0..24).prop_map(|v| v.concat()),
            query in prop::collection::vec(piece(), 1..4).prop_map(|v| v.concat()),
        ) {
            prop_assert_eq!(find_all(&text, &query), reference(&text, &query));
        }

        #[test]
        fn every_match_is_the_query_up_to_case(
            text in prop::collection::vec(piece(), 0..24).prop_map(|v| v.concat()),
            query in prop::collection::vec(piece(), 1..4).prop_map(|v| v.concat()),
        ) {
            for r in find_all(&text, &query) {
                let hit = &text[r];
                prop_assert_eq!(hit.chars().count(), query.chars().count());
                prop_assert!(hit.chars().zip(query.chars()).all(|(a, b)| same(a, b)));
            }
        }
    }
}
