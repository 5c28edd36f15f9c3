//! Languages: each one's heading names and fact words (`assets/languages/*.yaml`, built in,
//! plus a team's `languages:` in config), compiled into one [`Lexicon`] that the content
//! rules match all at once; and which language a posting is in (front matter `lang` or
//! `inLanguage`, else detected from the start of its prose).
//!
//! Facts and headings count in any language the lexicon has, whatever language the posting
//! is in: German postings often have English headings, and a remote English posting may
//! say "Standort: Berlin". The posting's language only picks the examples messages give
//! and tells `gendered-wording` (English lists) whether to judge.

use std::collections::BTreeMap;
use std::sync::{Arc, LazyLock};

use super::facts::{FactMatcher, PayMatcher};
use super::prose::{Block, Origin};
use super::words::SectionKind;
use super::words::ordered::OrderedMap;
pub use super::words::{FactWords, PayWords};

/// One language's words, as its file or a team's config writes them. Every list is optional.
#[derive(Debug, Clone, Default, PartialEq, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LanguageData {
    /// Its name in English ("German").
    pub name: Option<String>,
    /// Its ISO 639-3 code as the text detector names it (`deu`); without one, a posting is
    /// in this language only when its front matter says so.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detect: Option<String>,
    /// Frequent words of the language that are not English words ("und", "les"): a text
    /// in plain ASCII with none of any language's is taken for English without running the
    /// detector. A language with a `detect` code and no such words is always detected.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub common: Vec<String>,
    /// Section kind → heading phrases.
    #[serde(default)]
    pub sections: OrderedMap,
    /// How a posting states its employment type.
    #[serde(default)]
    pub employment_type: FactWords,
    /// How a posting states where the work is.
    #[serde(default)]
    pub location: FactWords,
    /// How a posting states pay.
    #[serde(default)]
    pub pay: PayWords,
}

/// The built-in languages: code and file.
pub const BUILT_IN: &[(&str, &str)] = &[
    ("en", include_str!("../../assets/languages/en.yaml")),
    ("de", include_str!("../../assets/languages/de.yaml")),
    ("fr", include_str!("../../assets/languages/fr.yaml")),
    ("es", include_str!("../../assets/languages/es.yaml")),
    ("pt", include_str!("../../assets/languages/pt.yaml")),
    ("it", include_str!("../../assets/languages/it.yaml")),
    ("nl", include_str!("../../assets/languages/nl.yaml")),
    ("ja", include_str!("../../assets/languages/ja.yaml")),
    ("zh", include_str!("../../assets/languages/zh.yaml")),
];

/// The built-in languages, read (a file that does not read is a bug the tests catch).
pub fn built_in() -> Vec<(String, LanguageData)> {
    BUILT_IN
        .iter()
        .map(|(code, text)| {
            let data = crate::yaml::from_str(text).unwrap_or_default();
            (code.to_string(), data)
        })
        .collect()
}

/// A language as the lexicon knows it.
#[derive(Debug, Clone)]
pub struct Language {
    /// Its code (`de`), as front matter and config write it.
    pub code: String,
    /// Its English name.
    pub name: String,
    /// The detector's id for it.
    detect: Option<whatlang::Lang>,
    /// Its heading phrases by kind, for the examples messages give.
    pub sections: OrderedMap,
}

/// Every language's words, compiled once per config.
#[derive(Debug)]
pub struct Lexicon {
    /// The languages, built-in first.
    pub languages: Vec<Language>,
    /// Required sections with the phrases of every language, in the built-in kind order.
    pub sections: Vec<SectionKind>,
    /// Employment type words and labels.
    pub employment: FactMatcher,
    /// Location words and labels.
    pub location: FactMatcher,
    /// Pay patterns.
    pub pay: PayMatcher,
    /// Tells apart the languages that have a `detect` code (and only those: comparing a
    /// text with 9 language profiles instead of 37 is most of the cost of a review).
    detector: whatlang::Detector,
    /// Every language's `common` words that a sample word can be (lower case, ASCII letters
    /// and digits, at most 8 bytes).
    common: Common,
    /// Whether a language with a `detect` code has no `common` words.
    always_detect: bool,
}

/// Whether the detector knows an ISO 639-3 code.
pub fn known_detect_code(code: &str) -> bool {
    whatlang::Lang::from_code(code).is_some()
}

/// The built-in lexicon.
pub static DEFAULT: LazyLock<Arc<Lexicon>> = LazyLock::new(|| Arc::new(Lexicon::new(&[])));

impl Lexicon {
    /// The built-in languages with a team's merged in: a team's entry for a built-in code
    /// adds its words to that language; a new code adds a language.
    pub fn new(extra: &[(String, LanguageData)]) -> Lexicon {
        let mut all = built_in();
        for (code, data) in extra {
            let code = code.to_lowercase();
            match all.iter_mut().find(|(c, _)| *c == code) {
                Some((_, d)) => merge(d, data),
                None => all.push((code, data.clone())),
            }
        }
        let languages: Vec<Language> = all
            .iter()
            .map(|(code, d)| Language {
                code: code.clone(),
                name: d.name.clone().unwrap_or_else(|| code.clone()),
                detect: d.detect.as_deref().and_then(whatlang::Lang::from_code),
                sections: d.sections.clone(),
            })
            .collect();
        // Kinds in the order they first appear (English first: company, responsibilities,
        // qualifications), each with every language's phrases.
        let mut kinds: Vec<(String, Vec<(String, String)>)> = Vec::new();
        for (code, d) in &all {
            for (kind, phrases) in &d.sections.0 {
                let i = match kinds.iter().position(|(k, _)| k == kind) {
                    Some(i) => i,
                    None => {
                        kinds.push((kind.clone(), Vec::new()));
                        kinds.len() - 1
                    }
                };
                kinds[i]
                    .1
                    .extend(phrases.iter().map(|p| (p.clone(), code.clone())));
            }
        }
        let sections = kinds
            .iter()
            .map(|(k, phrases)| SectionKind::with_languages(k, phrases))
            .collect();
        let data: Vec<&LanguageData> = all.iter().map(|(_, d)| d).collect();
        let detector =
            whatlang::Detector::with_allowlist(languages.iter().filter_map(|l| l.detect).collect());
        let common = Common::new(
            all.iter()
                .flat_map(|(_, d)| &d.common)
                .filter_map(|w| pack_word(w.trim().to_lowercase().as_bytes()))
                .collect(),
        );
        let always_detect = all.iter().any(|(c, d)| {
            c != "en" && d.detect.is_some() && d.common.is_empty() && !is_cjk_language(d)
        });
        Lexicon {
            detector,
            common,
            always_detect,
            employment: FactMatcher::new(data.iter().map(|d| &d.employment_type)),
            location: FactMatcher::new(data.iter().map(|d| &d.location)),
            pay: PayMatcher::new(data.iter().map(|d| &d.pay)),
            languages,
            sections,
        }
    }

    /// The language with this code.
    pub fn language(&self, code: &str) -> Option<&Language> {
        self.languages.iter().find(|l| l.code == code)
    }
}

fn merge(into: &mut LanguageData, from: &LanguageData) {
    if from.name.is_some() {
        into.name.clone_from(&from.name);
    }
    if from.detect.is_some() {
        into.detect.clone_from(&from.detect);
    }
    into.common.extend(from.common.iter().cloned());
    for (kind, phrases) in &from.sections.0 {
        match into.sections.0.iter_mut().find(|(k, _)| k == kind) {
            Some((_, v)) => v.extend(phrases.iter().cloned()),
            None => into.sections.0.push((kind.clone(), phrases.clone())),
        }
    }
    for (a, b) in [
        (&mut into.employment_type, &from.employment_type),
        (&mut into.location, &from.location),
    ] {
        a.labels.extend(b.labels.iter().cloned());
        a.words.extend(b.words.iter().cloned());
    }
    let (a, b) = (&mut into.pay, &from.pay);
    for (x, y) in [
        (&mut a.labels, &b.labels),
        (&mut a.ranges, &b.ranges),
        (&mut a.gross, &b.gross),
        (&mut a.periods, &b.periods),
        (&mut a.units, &b.units),
        (&mut a.vague, &b.vague),
    ] {
        x.extend(y.iter().cloned());
    }
}

/// The language a posting is in, as far as the review can tell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostingLanguage {
    /// The lexicon's code for it, when the lexicon has it.
    pub code: Option<String>,
    /// Its English name ("German"); "English" when nothing says otherwise.
    pub name: String,
    /// Whether it is English (also when the language cannot be told).
    pub english: bool,
}

impl PostingLanguage {
    fn english() -> Self {
        PostingLanguage {
            code: Some("en".into()),
            name: "English".into(),
            english: true,
        }
    }
}

/// How much prose language detection reads: enough for a clear answer on a real posting,
/// little enough that 10,000 postings are not slowed down.
const DETECT_BYTES: usize = 200;

/// The posting's language: the front matter's `lang` or `inLanguage` (a code such as `de`
/// or `de-DE`, or a name such as `German`), else detected from the first 200 bytes of the
/// body's paragraphs (headings too when there are few). A detection that is not reliable (a
/// short or template-like text) means English.
pub fn identify(text: &str, blocks: &[Block], lexicon: &Lexicon) -> PostingLanguage {
    for b in blocks
        .iter()
        .take_while(|b| b.origin == Origin::FrontMatter)
    {
        if matches!(b.key.as_str(), "lang" | "inlanguage" | "language") {
            let value = super::prose::joined(text, b);
            return from_tag(value.trim(), lexicon);
        }
    }
    // Paragraphs first: headings are short and often in English in any posting. The sample
    // is these pieces joined by spaces; most postings need it only as pieces.
    let mut pieces: smallvec::SmallVec<[&str; 16]> = smallvec::SmallVec::new();
    let mut len = 0;
    for origin in [Origin::Body, Origin::Heading] {
        'fill: for b in blocks.iter().filter(|b| b.origin == origin) {
            for r in &b.ranges {
                pieces.push(&text[r.clone()]);
                len += r.len() + 1;
                if len >= DETECT_BYTES {
                    break 'fill;
                }
            }
        }
        if len >= DETECT_BYTES / 2 {
            break;
        }
    }
    if !may_not_be_english(&pieces, lexicon) {
        return PostingLanguage::english();
    }
    let mut sample = String::with_capacity(len);
    for p in pieces {
        sample.push_str(p);
        sample.push(' ');
    }
    detect(&sample, lexicon)
}

/// Whether a language is written in Japanese or Chinese script (its headings are): such a
/// text is never plain ASCII, so it needs no `common` words.
fn is_cjk_language(d: &LanguageData) -> bool {
    d.sections
        .0
        .iter()
        .flat_map(|(_, p)| p)
        .any(|p| super::words::is_cjk(p))
}

/// Whether a sample (these pieces, joined by spaces) may be in another language than
/// English: it has a non-ASCII letter or one of the lexicon's `common` words. Most English
/// postings skip the detector this way (it compares every text with each language's 300
/// most frequent trigrams).
fn may_not_be_english(pieces: &[&str], lexicon: &Lexicon) -> bool {
    if lexicon.always_detect
        || pieces
            .iter()
            .any(|p| !p.is_ascii() && p.chars().any(|c| !c.is_ascii() && c.is_alphabetic()))
    {
        return true;
    }
    pieces
        .iter()
        .any(|p| has_common_word(p.as_bytes(), &lexicon.common))
}

/// Whether a piece has a word (a run of ASCII letters and digits) of 8 bytes or fewer that
/// is in `common` (sorted, packed as [`pack_word`] packs them), ignoring ASCII case. A word
/// is read eight bytes at a time where eight are left: its length from a mask of the bytes
/// that are not letters or digits, its key from the bytes in lower case.
fn has_common_word(piece: &[u8], common: &Common) -> bool {
    use crate::posting::bytes8::{HIGH, ONES, in_range};
    let mut i = 0;
    while let Some(&b) = piece.get(i) {
        if LOWER_ALNUM[usize::from(b)] == 0 {
            i += 1;
            continue;
        }
        let Some(chunk) = piece[i..].first_chunk::<8>() else {
            return has_common_word_bytes(&piece[i..], common);
        };
        // Letters in lower case; digits already have the 0x20 bit.
        let lower = u64::from_le_bytes(*chunk) | (0x20 * ONES);
        let ends = !(in_range(lower, b'a', b'z') | in_range(lower, b'0', b'9')) & HIGH;
        let len = (ends.trailing_zeros() / 8) as usize;
        if len == 8 {
            // Eight or more: a word only if the ninth byte ends it.
            let mut end = i + 8;
            while piece
                .get(end)
                .is_some_and(|&b| LOWER_ALNUM[usize::from(b)] != 0)
            {
                end += 1;
            }
            if end == i + 8 && common.contains(lower.swap_bytes()) {
                return true;
            }
            i = end;
            continue;
        }
        // The first byte highest, as `pack_word` packs a word.
        if common.contains(lower.swap_bytes() >> (64 - 8 * len)) {
            return true;
        }
        i += len;
    }
    false
}

/// [`has_common_word`] a byte at a time (the end of a piece, and the reference in tests).
fn has_common_word_bytes(piece: &[u8], common: &Common) -> bool {
    let mut key = 0u64;
    let mut len = 0usize;
    for &b in piece {
        let c = LOWER_ALNUM[usize::from(b)];
        if c != 0 {
            key = (key << 8) | u64::from(c);
            len += 1;
        } else {
            if (1..=8).contains(&len) && common.contains(key) {
                return true;
            }
            key = 0;
            len = 0;
        }
    }
    (1..=8).contains(&len) && common.contains(key)
}

/// ASCII letters and digits in lower case; 0 for every other byte.
static LOWER_ALNUM: [u8; 256] = {
    let mut t = [0; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            t[b] = c.to_ascii_lowercase();
        }
        b += 1;
    }
    t
};

/// A word of 1 to 8 ASCII letters and digits packed into a `u64`, its last byte lowest (no
/// byte is 0, so words of different lengths differ); `None` for any other word.
fn pack_word(word: &[u8]) -> Option<u64> {
    if word.is_empty() || word.len() > 8 || !word.iter().all(u8::is_ascii_alphanumeric) {
        return None;
    }
    Some(word.iter().fold(0, |k, &b| (k << 8) | u64::from(b)))
}

/// The `common` words as [`pack_word`] packs them: sorted, with a bit filter in front that
/// rules most other words out with one lookup.
#[derive(Debug, Default)]
struct Common {
    sorted: Vec<u64>,
    filter: [u64; 16],
}

impl Common {
    fn new(mut keys: Vec<u64>) -> Common {
        keys.sort_unstable();
        keys.dedup();
        let mut filter = [0u64; 16];
        for &k in &keys {
            let bit = Common::bit(k);
            filter[bit / 64] |= 1 << (bit % 64);
        }
        Common {
            sorted: keys,
            filter,
        }
    }

    /// A key's bit in the filter (a multiplicative hash to 10 bits).
    fn bit(key: u64) -> usize {
        (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 54) as usize
    }

    fn contains(&self, key: u64) -> bool {
        let bit = Common::bit(key);
        self.filter[bit / 64] >> (bit % 64) & 1 != 0 && self.sorted.binary_search(&key).is_ok()
    }
}

/// A language tag or name from front matter.
fn from_tag(tag: &str, lexicon: &Lexicon) -> PostingLanguage {
    let primary = tag
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .trim()
        .to_lowercase();
    let found = lexicon.languages.iter().find(|l| {
        l.code == primary
            || l.name.eq_ignore_ascii_case(tag)
            || l.detect.is_some_and(|d| d.code() == primary)
    });
    match found {
        Some(l) => PostingLanguage {
            english: l.code == "en",
            code: Some(l.code.clone()),
            name: l.name.clone(),
        },
        None if primary.is_empty() => PostingLanguage::english(),
        None => PostingLanguage {
            code: None,
            english: primary == "en" || primary == "eng" || tag.eq_ignore_ascii_case("english"),
            name: tag.to_string(),
        },
    }
}

fn detect(sample: &str, lexicon: &Lexicon) -> PostingLanguage {
    let Some(info) = lexicon.detector.detect(sample) else {
        return PostingLanguage::english();
    };
    // Japanese and Chinese are told apart by script, which is always reliable; a Latin-script
    // guess on a short or template-like text is not, and then the posting counts as English.
    if info.lang() == whatlang::Lang::Eng || !info.is_reliable() {
        return PostingLanguage::english();
    }
    match lexicon
        .languages
        .iter()
        .find(|l| l.detect == Some(info.lang()))
    {
        Some(l) => PostingLanguage {
            english: false,
            code: Some(l.code.clone()),
            name: l.name.clone(),
        },
        None => PostingLanguage {
            english: false,
            code: None,
            name: info.lang().eng_name().to_string(),
        },
    }
}

/// Team languages by code, as config reads them.
pub type LanguageMap = BTreeMap<String, LanguageData>;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::posting::Posting;

    #[test]
    fn every_built_in_language_file_reads_and_has_every_list() {
        for (code, text) in BUILT_IN {
            let d: LanguageData = crate::yaml::from_str(text)
                .unwrap_or_else(|e| panic!("{code}.yaml: line {:?}: {e}", e.line));
            let name = d.name.as_deref().unwrap_or_default();
            assert!(!name.is_empty(), "{code}");
            let detect = d.detect.as_deref().unwrap_or_default();
            assert!(known_detect_code(detect), "{code}: detect {detect}");
            let kinds: Vec<&str> = d.sections.0.iter().map(|(k, _)| k.as_str()).collect();
            assert_eq!(
                kinds,
                ["company", "responsibilities", "qualifications"],
                "{code}"
            );
            for (kind, phrases) in &d.sections.0 {
                assert!(phrases.len() >= 3, "{code}: {kind}");
            }
            if *code != "en" && !is_cjk_language(&d) {
                assert!(d.common.len() >= 10, "{code}: common words");
            }
            for (what, list) in [
                ("employment-type labels", &d.employment_type.labels),
                ("employment-type words", &d.employment_type.words),
                ("location labels", &d.location.labels),
                ("location words", &d.location.words),
                ("pay labels", &d.pay.labels),
                ("pay periods", &d.pay.periods),
                ("pay vague", &d.pay.vague),
            ] {
                assert!(!list.is_empty(), "{code}: {what}");
            }
        }
    }

    #[test]
    fn no_heading_phrase_names_two_kinds() {
        let lexicon = Lexicon::new(&[]);
        let mut seen: BTreeMap<Vec<String>, &str> = BTreeMap::new();
        for kind in &lexicon.sections {
            for words in &kind.words {
                if let Some(other) = seen.insert(words.clone(), &kind.name) {
                    assert_eq!(other, kind.name, "{words:?}");
                }
            }
        }
    }

    fn language_of(text: &str) -> PostingLanguage {
        let p = Posting::parse(text);
        identify(p.text(), &super::super::prose::blocks(&p), &DEFAULT)
    }

    #[test]
    fn front_matter_says_the_language_else_the_text_does() {
        assert_eq!(language_of("---\nlang: de-DE\n---\n# A\n").name, "German");
        assert_eq!(
            language_of("---\ninLanguage: fr\n---\n# A\n")
                .code
                .as_deref(),
            Some("fr")
        );
        assert_eq!(
            language_of("---\nlanguage: Japanese\n---\n# A\n")
                .code
                .as_deref(),
            Some("ja")
        );
        let sv = language_of("---\nlang: sv\n---\n# A\n");
        assert!(!sv.english && sv.code.is_none() && sv.name == "sv");
        assert!(language_of("---\nlang: en-GB\n---\n# Über uns\n").english);
        let de = language_of(
            "# Über uns\n\nWir sind ein kleines Team aus Hamburg und entwickeln seit zehn Jahren \
             Software für Apotheken. Unsere Kunden schätzen, dass wir zuhören.\n",
        );
        assert_eq!(de.code.as_deref(), Some("de"));
        let ja = language_of("# 会社概要\n\n私たちは東京のスタートアップです。\n");
        assert_eq!(ja.code.as_deref(), Some("ja"));
        let zh = language_of("# 关于我们\n\n我们是一家位于杭州的软件公司。\n");
        assert_eq!(zh.code.as_deref(), Some("zh"));
    }

    #[test]
    fn skipping_the_detector_on_plain_english_changes_no_answer() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut n = 0;
        for dir in [
            "tests/fixtures",
            "tests/fixtures/languages",
            "tests/fixtures/postings",
            "tests/fixtures/review",
            "assets/templates",
        ] {
            for e in std::fs::read_dir(root.join(dir)).unwrap() {
                let path = e.unwrap().path();
                if path.extension().is_none_or(|x| x != "md") {
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap();
                let p = Posting::parse(text.as_str());
                let blocks = super::super::prose::blocks(&p);
                let gated = identify(p.text(), &blocks, &DEFAULT);
                // The same sample, always detected.
                let sample: String = blocks
                    .iter()
                    .filter(|b| b.origin == Origin::Body)
                    .flat_map(|b| b.ranges.iter().map(|r| &p.text()[r.clone()]))
                    .collect::<Vec<_>>()
                    .join(" ");
                let cut = (0..=DETECT_BYTES.min(sample.len()))
                    .rev()
                    .find(|&i| sample.is_char_boundary(i))
                    .unwrap_or(0);
                let always = detect(&sample[..cut], &DEFAULT);
                if p.front_matter()
                    .is_none_or(|fm| !fm.keys.iter().any(|k| k == "lang" || k == "inLanguage"))
                {
                    assert_eq!(gated.english, always.english, "{}", path.display());
                    n += 1;
                }
            }
        }
        assert!(n >= 15, "{n}");
    }

    /// [`may_not_be_english`] as it was first written: the sample joined, its words split
    /// and looked up as strings.
    fn may_not_be_english_reference(sample: &str, lexicon: &Lexicon) -> bool {
        let common: std::collections::HashSet<String> = built_in()
            .iter()
            .flat_map(|(_, d)| &d.common)
            .map(|w| w.trim().to_lowercase())
            .collect();
        lexicon.always_detect
            || sample.chars().any(|c| !c.is_ascii() && c.is_alphabetic())
            || sample
                .split(|c: char| !c.is_ascii_alphanumeric())
                .filter(|w| !w.is_empty() && w.len() <= 8)
                .any(|w| common.contains(&w.to_ascii_lowercase()))
    }

    #[test]
    fn packed_common_words_agree_with_the_strings() {
        for pieces in [
            &["We are a team", "Wir sind"][..],
            &["UND", "x"],
            &["unsere8", "unsere"],
            &["Unsere.", "nicht-"],
            &["abcdefghi und"],
            &["dasdas das9 9das"],
            &["caf\u{e9}", "plain english text only"],
            &["\u{212a}ind words", "naïve"],
            &[],
            &[""],
        ] {
            let sample: String = pieces.iter().map(|p| format!("{p} ")).collect();
            assert_eq!(
                may_not_be_english(pieces, &DEFAULT),
                may_not_be_english_reference(&sample, &DEFAULT),
                "{pieces:?}"
            );
        }
        for (_, d) in built_in() {
            for w in &d.common {
                assert!(has_common_word(w.as_bytes(), &DEFAULT.common), "{w}");
                let upper = w.to_ascii_uppercase();
                assert!(has_common_word(upper.as_bytes(), &DEFAULT.common), "{w}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn common_words_read_eight_bytes_at_a_time_are_read_byte_by_byte(
            piece in "([a-zA-Z0-9]{0,10}[ .,é\u{e9}\u{212a}-]{0,2}){0,8}",
            words in proptest::collection::vec("[a-z0-9]{1,8}", 0..6),
        ) {
            let common = Common::new(words.iter().filter_map(|w| pack_word(w.as_bytes())).collect());
            proptest::prop_assert_eq!(
                has_common_word(piece.as_bytes(), &common),
                has_common_word_bytes(piece.as_bytes(), &common)
            );
            // Each word found in a text made of it, in any case and place.
            for w in &words {
                for t in [w.clone(), format!("x {} y", w.to_uppercase()), format!("{w}.abcdefghijk {w}")] {
                    proptest::prop_assert!(has_common_word(t.as_bytes(), &common), "{t}");
                }
                // Longer words that start with it.
                for t in [format!("{w}x"), format!("{w}{w}"), format!("{w}9 {w}{w}")] {
                    proptest::prop_assert_eq!(
                        has_common_word(t.as_bytes(), &common),
                        has_common_word_bytes(t.as_bytes(), &common),
                        "{}", t
                    );
                }
            }
        }

        #[test]
        fn packed_common_words_agree_on_any_text(
            a in "[a-zA-Z0-9 .,éü-]{0,40}",
            b in "(und|der|les|the|UNSERE|nicht|een|x)[ a-z]{0,12}"
        ) {
            let pieces = [a.as_str(), b.as_str()];
            let sample: String = pieces.iter().map(|p| format!("{p} ")).collect();
            proptest::prop_assert_eq!(
                may_not_be_english(&pieces, &DEFAULT),
                may_not_be_english_reference(&sample, &DEFAULT)
            );
        }
    }

    #[test]
    fn short_or_template_text_counts_as_english() {
        for t in [
            "",
            "# [Job Title]\n\n[Company Name] is hiring.\n",
            "# Über\n",
            "# Rust\n\nGo, SQL, Kafka.\n",
        ] {
            assert!(language_of(t).english, "{t:?}");
        }
    }
}
