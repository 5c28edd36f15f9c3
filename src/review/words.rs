//! Word-level pieces the review's rules, facts and languages share (a leaf: it names none
//! of them): heading words, CJK phrases, section kinds, the word lists of a fact and of pay,
//! and an order-keeping mapping for config files.

/// Whether a phrase is written in a script without spaces between words (Japanese, Chinese,
/// Korean): such a phrase is found anywhere in the text, not as whole words.
pub fn is_cjk(phrase: &str) -> bool {
    phrase.chars().any(|c| {
        matches!(c,
            '\u{3040}'..='\u{30ff}'   // hiragana, katakana
            | '\u{3400}'..='\u{4dbf}' // CJK extension A
            | '\u{4e00}'..='\u{9fff}' // CJK unified ideographs
            | '\u{ac00}'..='\u{d7af}' // hangul syllables
            | '\u{f900}'..='\u{faff}' // CJK compatibility ideographs
        )
    })
}

/// A required section kind with the heading phrases that satisfy it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionKind {
    /// The kind's name as config writes it (`company`, `responsibilities`...).
    pub name: String,
    /// The phrases as written (for messages).
    pub phrases: Vec<String>,
    /// Each phrase as lower-case words; `*` is a wildcard of one or more words.
    pub(crate) words: Vec<Vec<String>>,
    /// The language code of each phrase (empty for a team's `required_sections:`).
    pub(crate) languages: Vec<String>,
    /// Whether each phrase is in Japanese or Chinese script (found anywhere in a heading).
    pub(crate) cjk: Vec<bool>,
    /// Phrases without a wildcard or CJK script, by first word: a heading is looked up by
    /// its words instead of tried against every phrase of every language.
    pub(crate) by_first: super::FxHashMap<String, Vec<usize>>,
    /// Phrases with a `*` wildcard.
    pub(crate) wild: Vec<usize>,
}

impl SectionKind {
    pub(crate) fn new(name: &str, phrases: &[String]) -> Self {
        let tagged: Vec<(String, String)> =
            phrases.iter().map(|p| (p.clone(), String::new())).collect();
        SectionKind::with_languages(name, &tagged)
    }

    /// A kind with (phrase, language code) pairs.
    pub(crate) fn with_languages(name: &str, phrases: &[(String, String)]) -> Self {
        let words: Vec<Vec<String>> = phrases.iter().map(|(p, _)| heading_words(p)).collect();
        let cjk: Vec<bool> = phrases.iter().map(|(p, _)| is_cjk(p)).collect();
        let mut by_first: super::FxHashMap<String, Vec<usize>> = Default::default();
        let mut wild = Vec::new();
        for (i, w) in words.iter().enumerate() {
            if w.iter().any(|w| w == "*") {
                wild.push(i);
            } else if let (Some(first), false) = (w.first(), cjk[i]) {
                by_first.entry(first.clone()).or_default().push(i);
            }
        }
        SectionKind {
            name: name.to_string(),
            phrases: phrases.iter().map(|(p, _)| p.clone()).collect(),
            words,
            languages: phrases.iter().map(|(_, l)| l.clone()).collect(),
            cjk,
            by_first,
            wild,
        }
    }
}

/// A heading or phrase as lower-case words: punctuation other than `'`, `-` and `*` is a
/// word break, curly apostrophes are straight.
pub fn heading_words(text: &str) -> Vec<String> {
    split_heading_words(&heading_lower(text))
        .map(String::from)
        .collect()
}

/// A text in lower case with curly apostrophes straight, as [`heading_words`] reads it.
pub(crate) fn heading_lower(text: &str) -> String {
    if text.is_ascii() {
        text.to_ascii_lowercase()
    } else {
        text.to_lowercase().replace('’', "'")
    }
}

/// [`heading_words`] of a text already made [`heading_lower`], borrowed from it.
pub(crate) fn split_heading_words(lower: &str) -> impl Iterator<Item = &str> {
    lower
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-' || c == '*'))
        .map(|w| w.trim_matches(['\'', '-']))
        .filter(|w| !w.is_empty())
}

/// An ordered mapping of name → list of strings (serde maps lose the file order).
pub mod ordered {
    use std::fmt;

    use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};

    /// Keys in file order.
    #[derive(Debug, Clone, Default, PartialEq, Eq)]
    pub struct OrderedMap(pub Vec<(String, Vec<String>)>);

    impl serde::Serialize for OrderedMap {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            use serde::ser::SerializeMap;
            let mut map = s.serialize_map(Some(self.0.len()))?;
            for (k, v) in &self.0 {
                map.serialize_entry(k, v)?;
            }
            map.end()
        }
    }

    impl<'de> Deserialize<'de> for OrderedMap {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V;
            impl<'de> Visitor<'de> for V {
                type Value = OrderedMap;
                fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                    f.write_str("a mapping of names to lists of headings")
                }
                fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<OrderedMap, A::Error> {
                    let mut out = Vec::new();
                    while let Some(entry) = map.next_entry::<String, Vec<String>>()? {
                        out.push(entry);
                    }
                    Ok(OrderedMap(out))
                }
            }
            d.deserialize_map(V)
        }
    }
}

/// Words that state a fact.
#[derive(Debug, Clone, Default, PartialEq, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct FactWords {
    /// Labels of a `Label: value` line, a front matter key or a heading over the value.
    #[serde(default)]
    pub labels: Vec<String>,
    /// Words or phrases that state it anywhere in the text.
    #[serde(default)]
    pub words: Vec<String>,
}

/// Words around an amount that make it pay.
#[derive(Debug, Clone, Default, PartialEq, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct PayWords {
    /// Words before an amount (within a few words) that make it pay: "salary", "Gehalt".
    #[serde(default)]
    pub labels: Vec<String>,
    /// Words between two amounts: "to", "bis".
    #[serde(default)]
    pub ranges: Vec<String>,
    /// Words that may stand between an amount and its period: "gross", "brutto".
    #[serde(default)]
    pub gross: Vec<String>,
    /// How often it is paid, after an amount: "per year", "im Jahr".
    #[serde(default)]
    pub periods: Vec<String>,
    /// Multipliers after a number: "k", "万".
    #[serde(default)]
    pub units: Vec<String>,
    /// Phrases that stand in for a range without being one: "competitive salary".
    #[serde(default)]
    pub vague: Vec<String>,
}
