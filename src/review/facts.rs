//! Finding the facts applicants filter by (employment type, location, pay) in any language of
//! the lexicon: word and phrase lists matched on a block's words, labels (`Standort: Berlin`,
//! `勤務地：東京`, a front matter key, a heading over the value), phrases in Japanese or
//! Chinese script matched anywhere in the text, and pay patterns built from each language's
//! range, period, unit and label words.

use aho_corasick::AhoCorasick;
use regex::Regex;

use super::prose::{self, Block, Origin, Word};
pub use super::words::is_cjk;
use super::words::{FactWords, PayWords, heading_words};
use super::{FxHashMap, FxHashSet};
use crate::posting::boundary::floor_char_boundary;

/// A label as the matchers compare it: lower-case words joined by one space.
pub fn label_key(label: &str) -> String {
    if !label.is_ascii() {
        return heading_words(&label.replace('_', " ")).join(" ");
    }
    // The same words without the allocations of `heading_words`: every line with a colon
    // and every heading is looked up, for each fact.
    let mut key = String::with_capacity(label.len());
    for w in ascii_label_words(label) {
        if !key.is_empty() {
            key.push(' ');
        }
        key.extend(w.chars().map(|c| c.to_ascii_lowercase()));
    }
    key
}

/// The words of an ASCII label as [`label_key`] joins them.
fn ascii_label_words(label: &str) -> impl Iterator<Item = &str> {
    label
        .split(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '\'' | '-' | '*')))
        .map(|w| w.trim_matches(['\'', '-']))
        .filter(|w| !w.is_empty())
}

/// Whether `labels` holds a label's [`label_key`]; a short ASCII label's key is built on the
/// stack (headings and `Label:` lines are looked up for every fact).
fn has_label(labels: &FxHashSet<String>, label: &str) -> bool {
    let mut key = [0u8; 96];
    if !label.is_ascii() || label.len() > key.len() {
        return labels.contains(&label_key(label));
    }
    // Words and the single spaces between them are never longer than the label.
    let mut n = 0;
    for w in ascii_label_words(label) {
        if n > 0 {
            key[n] = b' ';
            n += 1;
        }
        for b in w.bytes() {
            key[n] = b.to_ascii_lowercase();
            n += 1;
        }
    }
    std::str::from_utf8(&key[..n]).is_ok_and(|k| labels.contains(k))
}

/// Phrases matched on a block's lower-case words; a last word ending in `*` matches any
/// ending. Indexed by first word, with a filter on the first three bytes so most words cost
/// one array read.
#[derive(Debug, Default)]
pub struct PhraseIndex {
    phrases: Vec<(Vec<String>, bool)>,
    by_first: FxHashMap<String, Vec<u32>>,
    prefixed: Vec<u32>,
    /// A bit per [`key`]: whether a phrase's first word has it (8 KB, not 64, to stay in
    /// cache while every word of a posting is looked up).
    starts: Vec<u64>,
}

/// A 16-bit key of a word's first three bytes (of the whole word when shorter): every word
/// a phrase's first word matches, prefix stems of three bytes or more included, has its key.
fn key(word: &str) -> usize {
    let b = word.as_bytes();
    let n = b.len().min(3);
    // The bytes and the length packed, then one multiply (a chain of them costs more: every
    // word of a posting is keyed once per list).
    let mut k = n as u32;
    for (i, &x) in b[..n].iter().enumerate() {
        k |= u32::from(x) << (8 * (i + 1));
    }
    (k.wrapping_mul(0x9e37_79b1) >> 16) as usize
}

impl PhraseIndex {
    /// An index of the phrases not in Japanese or Chinese script.
    pub fn new<'a>(phrases: impl IntoIterator<Item = &'a String>) -> Self {
        let mut ix = PhraseIndex {
            starts: vec![0; (1 << 16) / 64],
            ..Default::default()
        };
        for p in phrases {
            if is_cjk(p) {
                continue;
            }
            let prefix = p.trim_end().ends_with('*');
            let words = heading_words(p.trim_end().trim_end_matches('*'));
            let Some(first) = words.first() else {
                continue;
            };
            let i = ix.phrases.len() as u32;
            let k = key(first);
            ix.starts[k / 64] |= 1 << (k % 64);
            // A stem under three bytes would slip past the filter: it matches whole words.
            if prefix && words.len() == 1 && first.len() >= 3 {
                ix.prefixed.push(i);
            } else {
                ix.by_first.entry(first.clone()).or_default().push(i);
            }
            ix.phrases.push((words, prefix));
        }
        ix
    }

    /// The first phrase in `words`: the index of its first word and its length in words.
    pub fn find(&self, words: &[Word]) -> Option<(usize, usize)> {
        (0..words.len()).find_map(|i| self.at(words, i).map(|n| (i, n)))
    }

    /// The length of a phrase that starts at `words[i]`, if one does.
    fn at(&self, words: &[Word], i: usize) -> Option<usize> {
        let w = words[i].lower.as_ref();
        let k = key(w);
        if self.starts[k / 64] & (1 << (k % 64)) == 0 {
            return None;
        }
        let prefixed = self.prefixed.iter().any(|&p| {
            let (stem, _) = &self.phrases[p as usize];
            w.starts_with(stem[0].as_str())
        });
        if prefixed {
            return Some(1);
        }
        self.by_first.get(w)?.iter().find_map(|&p| {
            let (pw, prefix) = &self.phrases[p as usize];
            let fits = words.len() >= i + pw.len()
                && pw.iter().enumerate().all(|(k, x)| {
                    let y = words[i + k].lower.as_ref();
                    y == x || (*prefix && k == pw.len() - 1 && y.starts_with(x.as_str()))
                });
            fits.then_some(pw.len())
        })
    }
}

/// Phrases in Japanese or Chinese script, found anywhere in a text.
#[derive(Debug, Default)]
pub struct Substrings(Option<AhoCorasick>);

impl Substrings {
    fn new<'a>(phrases: impl IntoIterator<Item = &'a String>) -> Self {
        let cjk: Vec<&str> = phrases
            .into_iter()
            .map(|p| p.trim())
            .filter(|p| is_cjk(p))
            .collect();
        Substrings(if cjk.is_empty() {
            None
        } else {
            AhoCorasick::new(cjk).ok()
        })
    }

    /// The byte range (in the text) of the first phrase in a block's pieces.
    fn find(&self, text: &str, block: &Block) -> Option<std::ops::Range<usize>> {
        let ac = self.0.as_ref()?;
        block.ranges.iter().find_map(|r| {
            let piece = &text[r.clone()];
            if piece.is_ascii() {
                return None;
            }
            ac.find(piece)
                .map(|m| r.start + m.start()..r.start + m.end())
        })
    }
}

/// One fact's words in every language.
#[derive(Debug, Default)]
pub struct FactMatcher {
    labels: FxHashSet<String>,
    words: PhraseIndex,
    cjk: Substrings,
}

impl FactMatcher {
    /// The lists of every language, merged.
    pub fn new<'a>(lists: impl Iterator<Item = &'a FactWords> + Clone) -> Self {
        FactMatcher {
            labels: lists
                .clone()
                .flat_map(|l| &l.labels)
                .map(|l| label_key(l))
                .filter(|l| !l.is_empty())
                .collect(),
            words: PhraseIndex::new(lists.clone().flat_map(|l| &l.words)),
            cjk: Substrings::new(lists.flat_map(|l| &l.words)),
        }
    }

    /// Whether a label (as written) is one of this fact's.
    pub fn is_label(&self, label: &str) -> bool {
        has_label(&self.labels, label)
    }

    /// Where a block's words state the fact, if they do.
    fn says(&self, text: &str, block: &Block, words: &[Word], ascii: bool) -> Option<usize> {
        let in_cjk = || {
            // Phrases in Japanese or Chinese script are never in an ASCII text.
            (!ascii).then(|| self.cjk.find(text, block)).flatten()
        };
        self.words
            .find(words)
            .map(|(i, _)| words[i].start)
            .or_else(|| in_cjk().map(|r| r.start))
    }
}

/// `Label: value` (also `Label：value` and `【Label】value`) → (label, value).
fn label_value(line: &str) -> Option<(&str, &str)> {
    if let Some(rest) = line.trim_start().strip_prefix('【') {
        return rest.split_once('】');
    }
    let i = line.find([':', '：'])?;
    let colon = line[i..].chars().next().map_or(1, char::len_utf8);
    Some((&line[..i], &line[i + colon..]))
}

/// Whether a line of a block is `Label: value` with one of the fact's labels and a value
/// (placeholders cut out) that has a letter or digit.
fn labelled(text: &str, block: &Block, fact: &FactMatcher) -> bool {
    // ':' or the lead byte of '：' (EF) or '【' (E3) first: a memchr, not a char search.
    let has_mark = |s: &str| {
        memchr::memchr3(b':', 0xEF, 0xE3, s.as_bytes()).is_some() && s.contains([':', '：', '【'])
    };
    if !block.ranges.iter().any(|r| has_mark(&text[r.clone()])) {
        return false;
    }
    let joined = prose::joined_cow(text, block);
    joined.lines().any(|line| {
        label_value(line).is_some_and(|(label, value)| {
            fact.is_label(label) && value.chars().any(char::is_alphanumeric)
        })
    })
}

/// Whether the posting states a fact: a front matter key that is one of its labels, a
/// `Label: value` line, a heading that is a label with prose under it, or one of its words.
pub fn stated(text: &str, blocks: &[Block], words: &[&[Word]], fact: &FactMatcher) -> bool {
    let mut under_label = false;
    let ascii = text.is_ascii();
    for (b, ws) in blocks.iter().zip(words) {
        match b.origin {
            Origin::FrontMatter => {
                if !ws.is_empty() && fact.is_label(&b.key) {
                    return true;
                }
            }
            Origin::Heading => under_label = fact.is_label(&prose::joined_cow(text, b)),
            Origin::Body => {
                if under_label && !ws.is_empty() {
                    return true;
                }
            }
        }
        if labelled(text, b, fact) || fact.says(text, b, ws, ascii).is_some() {
            return true;
        }
    }
    false
}

#[derive(Debug)]
struct PayPatterns {
    range: Regex,
    fixed: Regex,
    amount: Regex,
    context: Regex,
}

/// Pay patterns for every language: an amount is a number with thousands separators, a
/// currency sign or code before or after, and a unit ("k", "万"); a range is two amounts
/// with a dash, tilde or a range word between.
#[derive(Debug)]
pub struct PayMatcher {
    /// The patterns' sources: compiling them costs as much as a few hundred reviews, so it
    /// waits for the first text with a digit (never before the editor's first frame).
    sources: [String; 4],
    compiled: std::sync::OnceLock<PayPatterns>,
    labels: FxHashSet<String>,
    vague: PhraseIndex,
    vague_cjk: Substrings,
}

const CURRENCY: &str = r"(?:[$€£¥₹₩₪₽₺฿₫₴]|R\$|(?:US|CA|AU|NZ|HK|S|C|A)\$|(?-u:\b)(?:USD|EUR|GBP|CAD|AUD|NZD|CHF|SEK|NOK|DKK|PLN|CZK|HUF|INR|JPY|CNY|RMB|SGD|HKD|ZAR|BRL|MXN|ILS|KRW|TWD)(?-u:\b)|円|元|人民币)";
const NUMBER: &str = r"(?:\d{1,3}(?:[,.\u{a0}\u{202f}' ]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d+)?)";
/// Dashes, tildes and wave dashes between two amounts, in every language.
const RANGE_MARKS: &str = r"-|–|—|−|~|〜|～";

/// Alternatives for a list of words: longest first, spaces as runs of white space, a `/`
/// followed by optional space, and ASCII word boundaries at ends that are ASCII letters
/// (not before a unit, which follows its number: "50k").
fn alternatives<'a>(words: impl IntoIterator<Item = &'a String>) -> String {
    alternatives_with(words, true)
}

fn alternatives_with<'a>(words: impl IntoIterator<Item = &'a String>, lead: bool) -> String {
    let mut ws: Vec<&str> = words
        .into_iter()
        .map(|w| w.trim())
        .filter(|w| !w.is_empty())
        .collect();
    ws.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    ws.dedup();
    let alts: Vec<String> = ws
        .iter()
        .map(|w| {
            let body = w
                .split_whitespace()
                .map(|part| regex::escape(part).replace('/', r"/\s*"))
                .collect::<Vec<_>>()
                .join(r"\s+");
            let edge = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
            format!(
                "{}{body}{}",
                if lead && edge(w.chars().next()) {
                    r"(?-u:\b)"
                } else {
                    ""
                },
                if edge(w.chars().last()) {
                    r"(?-u:\b)"
                } else {
                    ""
                }
            )
        })
        .collect();
    if alts.is_empty() {
        // Matches nothing.
        r"[^\s\S]".to_string()
    } else {
        alts.join("|")
    }
}

impl PayMatcher {
    /// The pay words of every language, merged.
    pub fn new<'a>(lists: impl Iterator<Item = &'a PayWords> + Clone) -> Self {
        let all = |f: fn(&'a PayWords) -> &'a Vec<String>| lists.clone().flat_map(f);
        let units = alternatives_with(all(|p| &p.units), false);
        let ranges = alternatives(all(|p| &p.ranges));
        let gross = alternatives(all(|p| &p.gross));
        let periods = alternatives(all(|p| &p.periods));
        let period = format!(r"(?:(?:\s*(?:{gross})\.?)?\s*(?:{periods}))");
        let unit = format!(r"(?:\s?(?:{units}))");
        let range = format!(
            r"(?i)(?P<c1>{CURRENCY})?\s?{NUMBER}{unit}?\s?(?P<c2>{CURRENCY})?\s*(?:{RANGE_MARKS}|{ranges})\s*(?P<c3>{CURRENCY})?\s?{NUMBER}{unit}?\s?(?P<c4>{CURRENCY})?(?P<period>{period})?"
        );
        let amount = format!(r"(?:{CURRENCY}\s?{NUMBER}{unit}?|{NUMBER}{unit}?\s?{CURRENCY})");
        let fixed = format!(r"(?i){amount}{period}");
        let amount = format!(r"(?i){amount}");
        let context = format!(r"(?i){}", alternatives(all(|p| &p.labels)));
        PayMatcher {
            sources: [range, fixed, amount, context],
            compiled: std::sync::OnceLock::new(),
            labels: all(|p| &p.labels).map(|l| label_key(l)).collect(),
            vague: PhraseIndex::new(all(|p| &p.vague)),
            vague_cjk: Substrings::new(all(|p| &p.vague)),
        }
    }

    /// Compiles the patterns now (a worker does it while `check` walks the folders).
    pub fn compile(&self) {
        self.patterns();
    }

    fn patterns(&self) -> &PayPatterns {
        self.compiled.get_or_init(|| {
            let [range, fixed, amount, context] = self
                .sources
                .each_ref()
                .map(|p| Regex::new(p).expect("pay pattern"));
            PayPatterns {
                range,
                fixed,
                amount,
                context,
            }
        })
    }

    /// Whether a label or front matter key is about pay.
    pub fn is_label(&self, label: &str) -> bool {
        has_label(&self.labels, label)
    }

    /// Whether a text states pay: a range with a currency, a period or a pay label shortly
    /// before it (or `pay_context`: a pay key or heading above it); one amount with a
    /// currency and a period; or one amount with a currency right after a pay label
    /// ("Salary: $120k+", "年収600万円〜").
    pub fn states_pay(&self, text: &str, pay_context: bool) -> bool {
        // Most prose blocks are answered without running a regex.
        if !may_state_pay(text) {
            return false;
        }
        let p = self.patterns();
        if p.fixed.is_match(text) {
            return true;
        }
        let labelled_before = |start: usize| {
            let from = floor_char_boundary(text, start.saturating_sub(40));
            pay_context || p.context.is_match(&text[from..start])
        };
        let range = p.range.captures_iter(text).any(|c| {
            let currency = ["c1", "c2", "c3", "c4"].iter().any(|n| c.name(n).is_some());
            let start = c.get(0).map_or(0, |m| m.start());
            currency || c.name("period").is_some() || labelled_before(start)
        });
        range || p.amount.find_iter(text).any(|m| labelled_before(m.start()))
    }

    /// Where a block says something vague instead of a range ("competitive salary"): its
    /// words, or its bytes for a phrase in Japanese or Chinese.
    pub fn vague(&self, text: &str, block: &Block, words: &[Word]) -> Option<Vague> {
        if let Some((i, n)) = self.vague.find(words) {
            return Some(Vague::Words(i, n));
        }
        self.vague_cjk.find(text, block).map(Vague::At)
    }
}

/// Whether a text has a digit, which every pay pattern needs (`\d` is any Unicode decimal
/// digit, all of which are numeric), curly quotes and dashes or not.
pub fn may_state_pay(text: &str) -> bool {
    has_ascii_digit(text.as_bytes()) || (!text.is_ascii() && text.chars().any(char::is_numeric))
}

/// Whether any byte is an ASCII digit: 32 bytes at a time without a branch per byte (most
/// blocks have none, so every byte is looked at).
fn has_ascii_digit(bytes: &[u8]) -> bool {
    let digit = |b: &u8| b.wrapping_sub(b'0') < 10;
    let mut chunks = bytes.chunks_exact(32);
    chunks.any(|c| c.iter().fold(false, |any, b| any | digit(b)))
        || chunks.remainder().iter().any(digit)
}

/// A vague statement of pay.
pub enum Vague {
    /// Starting at this word of the block, so many words long.
    Words(usize, usize),
    /// At these bytes (a phrase in Japanese or Chinese).
    At(std::ops::Range<usize>),
}

#[cfg(test)]
mod tests {
    use crate::posting::Posting;
    use crate::review::lang::DEFAULT;
    use crate::review::{RuleId, review};

    proptest::proptest! {
        #[test]
        fn the_digit_search_agrees_with_a_byte_by_byte_one(
            text in "[a-z é/:]{0,70}[0-9]?[a-z]{0,30}"
        ) {
            let bytes = text.as_bytes();
            proptest::prop_assert_eq!(
                super::has_ascii_digit(bytes),
                bytes.iter().any(u8::is_ascii_digit)
            );
        }

        #[test]
        fn label_keys_are_the_heading_words_joined(
            label in "[a-zA-Z0-9 \t:_*'’\\-.()/Éé]{0,40}"
        ) {
            let reference = super::heading_words(&label.replace('_', " ")).join(" ");
            proptest::prop_assert_eq!(super::label_key(&label), reference);
        }
    }

    #[test]
    fn pay_as_each_language_writes_it() {
        for t in [
            "65.000–80.000 € brutto im Jahr",
            "Gehalt: 65.000 - 80.000",
            "45\u{202f}000 – 55\u{202f}000 € bruts annuels",
            "entre 38.000 y 46.000 € brutos anuales",
            "R$ 8.000 a R$ 12.000 por mês",
            "RAL 35.000 - 42.000 €",
            "€ 3.800 - € 5.200 bruto per maand",
            "CHF 100'000 – 120'000",
            "年収600万円〜800万円",
            "時給1,500円",
            "月薪25k-35k",
            "年薪30-50万",
            "Salary: $120k+",
            "$40/hour",
        ] {
            assert!(DEFAULT.pay.states_pay(t, false), "{t}");
        }
        for t in [
            "3-5 years of experience",
            "3 bis 5 Jahre Erfahrung",
            "de 2 à 3 jours par semaine",
            "de 10 a 15 personas",
            "我们有200-300名员工",
            "週2日から3日",
            "We raised $50M in 2023",
            "Monday to Friday, 9 to 5",
            "ISO 27001 and SOC 2",
        ] {
            assert!(!DEFAULT.pay.states_pay(t, false), "{t}");
        }
    }

    fn rule(text: &str, id: RuleId) -> Vec<String> {
        review("t.md".into(), &Posting::parse(text))
            .findings
            .into_iter()
            .filter(|f| f.rule == id)
            .map(|f| f.message)
            .collect()
    }

    #[test]
    fn labels_on_a_line_or_over_a_section() {
        for t in [
            "# A\n\n## Standort\n\nBerlin-Mitte\n",
            "# A\n\n## 勤務地\n\n東京都港区\n",
            "# A\n\n勤務地：大阪\n",
            "# A\n\n【勤務地】福岡\n",
            "---\nstandort: Köln\n---\n# A\n",
            "# A\n\nWe work remotely.\n",
        ] {
            assert_eq!(rule(t, RuleId::Location), Vec::<String>::new(), "{t}");
        }
        for t in [
            "# A\n\n## Standort\n\n## B\n\nText.\n",
            "# A\n\n勤務地：[未定]\n",
            "# A\n\nOrt und Zeit sind egal.\n",
        ] {
            assert_eq!(rule(t, RuleId::Location).len(), 1, "{t}");
        }
        assert_eq!(
            rule("# A\n\n雇用形態：契約社員\n", RuleId::EmploymentType),
            Vec::<String>::new()
        );
        assert_eq!(
            rule("# A\n\nIn Vollzeit.\n", RuleId::EmploymentType),
            Vec::<String>::new()
        );
    }

    #[test]
    fn vague_pay_is_quoted_in_any_language() {
        let f = rule(
            "# A\n\nWir bieten eine attraktive Vergütung.\n",
            RuleId::PayRange,
        );
        assert!(
            f[0].starts_with("\"attraktive Vergütung\" is not a pay range"),
            "{f:?}"
        );
        let f = rule("# A\n\n薪资面议\n", RuleId::PayRange);
        assert!(f[0].starts_with("\"薪资面议\" is not a pay range"), "{f:?}");
    }
}
