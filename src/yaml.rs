//! The one module that names the YAML crate (serde_yaml, frozen upstream), so it can be swapped
//! here alone. Front matter, config files, answers and the built-in word lists are read through
//! it; it imports nothing from the rest of the crate.

/// A YAML document that does not parse, or does not have the shape asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    /// What the parser said, without its position.
    pub message: String,
    /// 1-based line, when the parser gave one.
    pub line: Option<usize>,
    /// 1-based column, when the parser gave one.
    pub column: Option<usize>,
}

impl YamlError {
    /// An error with a message and no position.
    pub fn new(message: impl Into<String>) -> Self {
        YamlError {
            message: message.into(),
            line: None,
            column: None,
        }
    }

    /// The same error with its line counted from `first_line` instead of 1 (YAML text that
    /// starts further down a file).
    pub fn shifted(self, first_line: usize) -> Self {
        YamlError {
            line: self.line.map(|l| l + first_line - 1),
            ..self
        }
    }

    fn from_parser(e: &serde_yaml::Error) -> Self {
        let loc = e.location();
        let mut message = e.to_string();
        // serde_yaml appends " at line L column C"; the position is kept separately.
        if let Some(i) = message.find(" at line ") {
            message.truncate(i);
        }
        YamlError {
            message,
            line: loc.as_ref().map(|l| l.line()),
            column: loc.map(|l| l.column()),
        }
    }
}

impl std::fmt::Display for YamlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for YamlError {}

/// A parsed YAML value, independent of the YAML crate. Mappings keep their file order; tags
/// are dropped (their value is kept).
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `~`, `null` or nothing.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// A number, as the parser prints it.
    Number(String),
    /// A string.
    String(String),
    /// A sequence.
    Seq(Vec<Value>),
    /// A mapping, in file order.
    Map(Vec<(Value, Value)>),
}

impl Value {
    /// The text of a scalar (string, number or boolean); `None` for null, sequences and
    /// mappings.
    pub fn scalar_text(&self) -> Option<String> {
        match self {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.clone()),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }

    /// The string, when this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The value under a key whose scalar text is `key`, when this is a mapping.
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Map(entries) => entries
                .iter()
                .find(|(k, _)| k.scalar_text().as_deref() == Some(key))
                .map(|(_, v)| v),
            _ => None,
        }
    }

    fn to_crate(&self) -> serde_yaml::Value {
        match self {
            Value::Null => serde_yaml::Value::Null,
            Value::Bool(b) => serde_yaml::Value::Bool(*b),
            Value::Number(n) => n.parse().map_or_else(
                |_| serde_yaml::Value::String(n.clone()),
                serde_yaml::Value::Number,
            ),
            Value::String(s) => serde_yaml::Value::String(s.clone()),
            Value::Seq(s) => serde_yaml::Value::Sequence(s.iter().map(Value::to_crate).collect()),
            Value::Map(m) => serde_yaml::Value::Mapping(
                m.iter()
                    .map(|(k, v)| (k.to_crate(), v.to_crate()))
                    .collect(),
            ),
        }
    }

    fn from_crate(v: serde_yaml::Value) -> Value {
        match v {
            serde_yaml::Value::Null => Value::Null,
            serde_yaml::Value::Bool(b) => Value::Bool(b),
            serde_yaml::Value::Number(n) => Value::Number(n.to_string()),
            serde_yaml::Value::String(s) => Value::String(s),
            serde_yaml::Value::Sequence(s) => {
                Value::Seq(s.into_iter().map(Value::from_crate).collect())
            }
            serde_yaml::Value::Mapping(m) => Value::Map(
                m.into_iter()
                    .map(|(k, v)| (Value::from_crate(k), Value::from_crate(v)))
                    .collect(),
            ),
            serde_yaml::Value::Tagged(t) => Value::from_crate(t.value),
        }
    }
}

/// Parses one YAML document into a [`Value`]. Errors carry the parser's line and column.
pub fn parse(text: &str) -> Result<Value, YamlError> {
    if let Some(map) = plain_map(text) {
        return Ok(map);
    }
    parse_with_crate(text)
}

fn parse_with_crate(text: &str) -> Result<Value, YamlError> {
    serde_yaml::from_str::<serde_yaml::Value>(text)
        .map(Value::from_crate)
        .map_err(|e| YamlError::from_parser(&e))
}

/// Plain scalars that the parser would read as something other than a string.
const KEYWORDS: [&str; 9] = [
    "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE",
];

/// Bytes a plain key may hold: ASCII letters, digits, `_` and `-`.
const KEY_BYTES: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = c.is_ascii_alphanumeric() || c == b'_' || c == b'-';
        b += 1;
    }
    t
};

/// Bytes a plain value may hold: visible ASCII and spaces, but `:` and `#`.
const VALUE_BYTES: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = c >= b' ' && c <= b'~' && c != b':' && c != b'#';
        b += 1;
    }
    t
};

/// Whether a plain scalar is one of [`KEYWORDS`].
fn is_keyword(s: &[u8]) -> bool {
    matches!(s.len(), 4 | 5) && KEYWORDS.iter().any(|k| k.as_bytes() == s)
}

/// The usual front matter, `key: text` lines of plain ASCII words, as the parser reads it,
/// without the parser: setting one up costs more than reviewing the rest of a posting.
/// `None` for anything else (quotes, comments, numbers, nesting, repeated keys...), which
/// the parser reads. By bytes: every byte it cuts at is ASCII.
fn plain_map(text: &str) -> Option<Value> {
    let bytes = text.as_bytes();
    let mut entries: Vec<(Value, Value)> = Vec::new();
    let mut start = 0;
    while start <= bytes.len() {
        let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |i| start + i);
        let line_start = start;
        let mut line = &bytes[start..end];
        start = end + 1;
        if let [head @ .., b'\r'] = line {
            line = head;
        }
        if line.is_empty() {
            continue;
        }
        // The key ends at the first `: `; a `:` before it would be in the key, which holds
        // none.
        let colon = memchr::memchr(b':', line)?;
        if line.get(colon + 1) != Some(&b' ') {
            return None;
        }
        let key = &line[..colon];
        let (mut vs, mut ve) = (colon + 2, line.len());
        while vs < ve && line[vs] == b' ' {
            vs += 1;
        }
        while ve > vs && line[ve - 1] == b' ' {
            ve -= 1;
        }
        let value = &line[vs..ve];
        // Starting with a letter: not a number, quote, flow collection, anchor, tag or
        // block scalar; without `:` or `#` and control characters, nothing ends it early.
        let key_ok = key.len() <= 128
            && key.first().is_some_and(u8::is_ascii_alphabetic)
            && key.iter().all(|&b| KEY_BYTES[usize::from(b)]);
        let value_ok = value.first().is_some_and(u8::is_ascii_alphabetic)
            && value.iter().all(|&b| VALUE_BYTES[usize::from(b)]);
        if !key_ok || !value_ok || is_keyword(key) || is_keyword(value) {
            return None;
        }
        // Both ASCII: the offsets are character boundaries.
        let key = &text[line_start..line_start + colon];
        let value = &text[line_start + vs..line_start + ve];
        if entries.iter().any(|(k, _)| k.as_str() == Some(key)) {
            return None;
        }
        entries.push((Value::String(key.into()), Value::String(value.into())));
    }
    (!entries.is_empty()).then_some(Value::Map(entries))
}

/// Reads a YAML document into `T` (config files, word lists). Errors carry the line and
/// column.
pub fn from_str<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    serde_yaml::from_str(text).map_err(|e| YamlError::from_parser(&e))
}

/// A value written back as YAML (block style, without a leading `---`), as config files are
/// printed by `jobpost config`.
pub fn to_string(value: &Value) -> String {
    serde_yaml::to_string(&value.to_crate()).unwrap_or_default()
}

/// Any serializable value (a config file read back) as a [`Value`].
pub fn to_value<T: serde::Serialize>(value: &T) -> Result<Value, YamlError> {
    serde_yaml::to_value(value)
        .map(Value::from_crate)
        .map_err(|e| YamlError::from_parser(&e))
}

/// Writes name/value pairs as a YAML mapping of strings, in the order given; empty for no
/// pairs.
pub fn string_map_to_string(pairs: &[(String, String)]) -> String {
    let map: serde_yaml::Mapping = pairs
        .iter()
        .map(|(k, v)| {
            (
                serde_yaml::Value::String(k.clone()),
                serde_yaml::Value::String(v.clone()),
            )
        })
        .collect();
    if map.is_empty() {
        return String::new();
    }
    serde_yaml::to_string(&map).unwrap_or_default()
}

/// How a scalar is written in YAML text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScalarStyle {
    /// `key: text`
    Plain,
    /// `key: 'text'`
    SingleQuoted,
    /// `key: "text"`
    DoubleQuoted,
    /// `key: |` and indented lines
    Literal,
    /// `key: >` and indented lines
    Folded,
}

/// A scalar found in YAML text by [`scalar_at`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scalar {
    /// How it is written.
    pub style: ScalarStyle,
    /// Where: quotes included; for a block scalar, from its `|` or `>` to the end of its last
    /// non-blank line. `None` when it cannot be told from the lines (a plain value continued
    /// on the next line).
    pub range: Option<std::ops::Range<usize>>,
    /// The indentation of a block scalar's lines (empty for the others).
    pub indent: String,
}

/// The scalar written around byte `pos` of YAML `text` (a mapping value, a list item, a line
/// of a block scalar), read from the lines around it. `None` where the layout is not one
/// of those: a quoted or plain value continued from the line above, a flow collection.
/// Callers check what they write with [`parse`]; this only says what to try.
pub fn scalar_at(text: &str, pos: usize) -> Option<Scalar> {
    let line_start = text[..pos].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
    let line = text[line_start..line_end].trim_end_matches('\r');
    if let Some(block) = block_around(text, line_start) {
        return Some(block);
    }
    let indent = indent_of(line);
    let mut i = indent;
    let mut led = false;
    // `- ` list markers, then a `key:`.
    while line[i..].starts_with("- ") {
        i += 2;
        i += indent_of(&line[i..]);
        led = true;
    }
    if let Some(after) = key_end(&line[i..]).filter(|&e| line_start + i + e <= pos) {
        i += after;
        i += line[i..].len() - line[i..].trim_start_matches([' ', '\t']).len();
        led = true;
    }
    let start = line_start + i;
    if !led || start > pos {
        return None;
    }
    let style = match line[i..].chars().next() {
        Some('"') => ScalarStyle::DoubleQuoted,
        Some('\'') => ScalarStyle::SingleQuoted,
        Some('[' | '{') if start < pos => return None,
        _ => ScalarStyle::Plain,
    };
    let range = match style {
        ScalarStyle::DoubleQuoted => closing_double(text, start + 1).map(|e| start..e + 1),
        ScalarStyle::SingleQuoted => closing_single(text, start + 1).map(|e| start..e + 1),
        _ => {
            let value = &line[i..];
            let end = value.find(" #").unwrap_or(value.len());
            let value = value[..end].trim_end_matches([' ', '\t']);
            // A plain value goes on over more-indented lines below.
            let next = text[line_end..]
                .lines()
                .skip(1)
                .find(|l| !l.trim().is_empty());
            let continued =
                next.is_some_and(|l| indent_of(l) > indent && !l.trim_start().starts_with('#'));
            (!continued).then_some(start..start + value.len())
        }
    };
    Some(Scalar {
        style,
        range,
        indent: String::new(),
    })
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// The end of a `key:` (and its space) at the start of `rest`, if it starts with one.
fn key_end(rest: &str) -> Option<usize> {
    let colon = match rest.chars().next()? {
        q @ ('"' | '\'') => {
            let close = if q == '"' {
                closing_double(rest, 1)?
            } else {
                closing_single(rest, 1)?
            };
            rest[close + 1..].starts_with(':').then_some(close + 1)?
        }
        _ => rest.find(": ").or_else(|| rest.find(":\t")).or_else(|| {
            rest.trim_end_matches([' ', '\t', '\r'])
                .strip_suffix(':')
                .map(str::len)
        })?,
    };
    let after = &rest[colon + 1..];
    (after.is_empty() || after.starts_with([' ', '\t', '\r'])).then_some(colon + 1)
}

/// The `"` closing a double-quoted scalar whose text starts at `from`.
fn closing_double(text: &str, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = from;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return Some(i),
            _ => i += 1,
        }
    }
    None
}

/// The `'` closing a single-quoted scalar whose text starts at `from` (`''` is a quote).
fn closing_single(text: &str, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = from;
    while i < bytes.len() {
        if bytes[i] == b'\'' {
            if bytes.get(i + 1) == Some(&b'\'') {
                i += 2;
                continue;
            }
            return Some(i);
        }
        i += 1;
    }
    None
}

/// The block scalar the line at `line_start` belongs to, if any: the nearest line above that
/// is less indented ends with a `|` or `>` header.
fn block_around(text: &str, line_start: usize) -> Option<Scalar> {
    let line = text[line_start..].lines().next().unwrap_or("");
    if line.trim().is_empty() {
        return None;
    }
    let min = indent_of(line);
    let mut at = line_start;
    while at > 0 {
        let above_start = text[..at - 1].rfind('\n').map_or(0, |i| i + 1);
        let above = text[above_start..at - 1].trim_end_matches('\r');
        at = above_start;
        if above.trim().is_empty() {
            continue;
        }
        let ind = indent_of(above);
        if ind >= min {
            continue;
        }
        let header = block_header(above)?;
        let style = if above.as_bytes()[header] == b'|' {
            ScalarStyle::Literal
        } else {
            ScalarStyle::Folded
        };
        // The body: the lines below the header that are blank or more indented than it.
        let body_start = at + above.len() + text[at + above.len()..].find('\n')? + 1;
        let mut end = body_start;
        let mut body_indent = None;
        let mut pos = body_start;
        for l in text[body_start..].split_inclusive('\n') {
            let content = l.trim_end_matches(['\n', '\r']);
            if !content.trim().is_empty() {
                if indent_of(content) <= ind {
                    break;
                }
                body_indent.get_or_insert(indent_of(content));
                end = pos + content.len();
            }
            pos += l.len();
        }
        return Some(Scalar {
            style,
            range: Some(at + header..end),
            indent: " ".repeat(body_indent?),
        });
    }
    None
}

/// Where the `|` or `>` of a block scalar header ends `line` (`key: |`, `- >-`, `key: |2 # x`).
fn block_header(line: &str) -> Option<usize> {
    let code = match line.find(" #") {
        Some(i) => &line[..i],
        None => line,
    };
    let code = code.trim_end();
    let at = code.rfind(['|', '>'])?;
    let indicators = &code[at + 1..];
    let ok = indicators.len() <= 2
        && indicators
            .chars()
            .all(|c| matches!(c, '+' | '-' | '1'..='9'));
    // After a key, or list markers only (`- |`, `- - >`).
    let before = code[..at].trim_end();
    let after_key = before.ends_with(':');
    let item = before.chars().all(|c| c == '-' || c == ' ');
    (ok && (after_key || item)).then_some(at)
}

/// Whether YAML can hold `c` as it is, unescaped (its printable set, line breaks aside).
fn printable(c: char) -> bool {
    matches!(c, '\t' | ' '..='~' | '\u{a0}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
        && !matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}')
}

/// `value` as text to put inside an existing scalar of `style` (whose block lines are
/// indented by `indent`, and whose lines end with `newline`), so it reads back as `value`
/// there; `None` when that style cannot hold it. Plain text is given as it is: whether it
/// reads back depends on the text around it (check with [`parse`]).
pub fn encode_scalar(
    value: &str,
    style: ScalarStyle,
    indent: &str,
    newline: &str,
) -> Option<String> {
    match style {
        ScalarStyle::Plain => Some(value.to_string()),
        ScalarStyle::DoubleQuoted => Some(escape_double(value)),
        ScalarStyle::SingleQuoted => value
            .chars()
            .all(printable)
            .then(|| value.replace('\'', "''")),
        ScalarStyle::Literal | ScalarStyle::Folded => {
            if !value.chars().all(|c| c == '\n' || printable(c)) {
                return None;
            }
            // Folded text turns one line break into a space: each break is written twice.
            let breaks = if style == ScalarStyle::Folded { 2 } else { 1 };
            let mut out = String::with_capacity(value.len());
            for (i, line) in value.split('\n').enumerate() {
                if i > 0 {
                    out.push_str(&newline.repeat(breaks));
                    if !line.is_empty() {
                        out.push_str(indent);
                    }
                }
                out.push_str(line);
            }
            Some(out)
        }
    }
}

/// Whether a plain scalar's text would be read as something other than a string by some
/// reader: this crate follows YAML 1.2, but Jekyll, Hugo and PyYAML read YAML 1.1, where
/// `yes`, `off`, `1_000`, `0x1F`, `1:30` and dates are not strings either.
pub fn plain_is_not_a_string(text: &str) -> bool {
    use std::sync::LazyLock;
    static OTHER: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(concat!(
            r"^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF",
            r"|~|null|Null|NULL|<<|=",
            r"|[-+]?(?:0b[01_]+|0x[0-9a-fA-F_]+|0o?[0-7_]+|[0-9][0-9_]*(?::[0-5]?[0-9])*)",
            r"|[-+]?(?:[0-9][0-9_]*\.[0-9_]*|\.[0-9_]+)(?:[eE][-+]?[0-9]+)?|[-+]?[0-9]+[eE][-+]?[0-9]+",
            r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)",
            r"|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt ].*)?)$"
        ))
        .expect("pattern")
    });
    text.is_empty() || OTHER.is_match(text)
}

/// `value` as a double-quoted scalar, quotes included: reads back as `value`, whatever it holds.
pub fn quoted(value: &str) -> String {
    format!("\"{}\"", escape_double(value))
}

fn escape_double(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if printable(c) => out.push(c),
            c if u32::from(c) <= 0xffff => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push_str(&format!("\\U{:08X}", u32::from(c))),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`plain_map`] as first written, on `str`: the reference for the byte version.
    fn plain_map_by_str(text: &str) -> Option<Value> {
        // Plain scalars that the parser would read as something other than a string.
        const KEYWORDS: [&str; 9] = [
            "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE",
        ];
        let mut entries: Vec<(Value, Value)> = Vec::new();
        for line in text.split('\n') {
            let line = line.strip_suffix('\r').unwrap_or(line);
            if line.is_empty() {
                continue;
            }
            let (key, value) = line.split_once(": ")?;
            let value = value.trim_start_matches(' ').trim_end_matches(' ');
            // Starting with a letter: not a number, quote, flow collection, anchor, tag or
            // block scalar; without `:` or `#` and control characters, nothing ends it early.
            let key_ok = key.len() <= 128
                && key.starts_with(|c: char| c.is_ascii_alphabetic())
                && key
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-'));
            let value_ok = value.starts_with(|c: char| c.is_ascii_alphabetic())
                && value
                    .bytes()
                    .all(|b| (b' '..=b'~').contains(&b) && !matches!(b, b':' | b'#'));
            if !key_ok || !value_ok || KEYWORDS.contains(&key) || KEYWORDS.contains(&value) {
                return None;
            }
            if entries.iter().any(|(k, _)| k.as_str() == Some(key)) {
                return None;
            }
            entries.push((Value::String(key.into()), Value::String(value.into())));
        }
        (!entries.is_empty()).then_some(Value::Map(entries))
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 2000,
            failure_persistence: None,
            ..Default::default()
        })]

        #[test]
        fn plain_maps_read_as_the_parser_reads_them(
            lines in proptest::collection::vec(
                (
                    proptest::prop_oneof![
                        4 => "[a-z][a-zA-Z0-9_-]{0,5}",
                        1 => "[a-zA-Z_0-9-]{0,6}|null|True|FALSE|~",
                    ],
                    proptest::prop_oneof![4 => ": ", 1 => ":|:  |: \t"],
                    proptest::prop_oneof![
                        4 => "[a-zA-Z][a-zA-Z0-9 ,.'\"()&*!|>%@`\\/+\\[\\]{}-]{0,12}",
                        1 => "[a-zA-Z0-9 ,.'\"()&*!|>%@`\\/+\\[\\]{}:#é-]{0,12}|null|true|False|~|yes|no|inf|nan|\\.inf|0x1f|1e3|y|N|on|Off|infinity",
                    ],
                    proptest::prop_oneof![4 => "\n", 1 => "\r\n|\n\n|\r|\n  |\n#x\n"],
                ),
                0..5,
            )
        ) {
            let text: String = lines.iter().map(|(k, c, v, e)| format!("{k}{c}{v}{e}")).collect();
            let fast = plain_map(&text);
            proptest::prop_assert_eq!(&fast, &plain_map_by_str(&text), "{:?}", text);
            if let Some(fast) = fast {
                proptest::prop_assert_eq!(Ok(fast), parse_with_crate(&text), "{:?}", text);
            }
        }
    }

    #[test]
    fn plain_maps_take_the_usual_front_matter_only() {
        let v =
            plain_map("title: DevOps Engineer\r\ndescription: An AI generated job, for you.  \n\n")
                .unwrap();
        assert_eq!(
            v,
            parse_with_crate(
                "title: DevOps Engineer\r\ndescription: An AI generated job, for you.  \n\n"
            )
            .unwrap()
        );
        for text in [
            "",
            "title: 'quoted'\n",
            "title: a # comment\n",
            "title: 3 years\n",
            "title: x\ntitle: y\n",
            "title: x\n  more\n",
            "title: true\n",
            "a: b: c\n",
            "title: Café\n",
        ] {
            assert_eq!(plain_map(text), None, "{text:?}");
        }
    }

    #[test]
    fn values_keep_order_and_drop_tags() {
        let v = parse("b: 1\na: !x [true, ~, 'q']\n").unwrap();
        let Value::Map(entries) = &v else {
            panic!("{v:?}")
        };
        assert_eq!(entries[0].0, Value::String("b".into()));
        assert_eq!(
            v.get("b").and_then(Value::scalar_text).as_deref(),
            Some("1")
        );
        assert_eq!(
            v.get("a"),
            Some(&Value::Seq(vec![
                Value::Bool(true),
                Value::Null,
                Value::String("q".into())
            ]))
        );
    }

    #[test]
    fn values_are_written_back_as_they_read() {
        let text = "b: 1\na:\n- true\n- null\n- 'x: y'\nc:\n  d: 2.5\n";
        let v = parse(text).unwrap();
        assert_eq!(parse(&to_string(&v)).unwrap(), v);
        assert_eq!(to_string(&v).lines().next(), Some("b: 1"));
    }

    #[test]
    fn errors_have_a_position_without_it_in_the_message() {
        let e = parse("a: 1\nb: [unclosed\n").unwrap_err();
        assert!(e.line.is_some_and(|l| l >= 2), "{e:?}");
        assert!(!e.message.contains(" at line "), "{e:?}");
        assert_eq!(e.clone().shifted(10).line, e.line.map(|l| l + 9));
    }

    #[test]
    fn scalars_are_found_with_their_style_and_extent() {
        fn at<'a>(text: &'a str, needle: &str) -> Option<(ScalarStyle, Option<&'a str>, String)> {
            let pos = text.find(needle).unwrap();
            scalar_at(text, pos).map(|s| (s.style, s.range.map(|r| &text[r]), s.indent))
        }
        let t = "a: 1\ntitle: Senior X at Acme # c\n";
        assert_eq!(
            at(t, "X"),
            Some((ScalarStyle::Plain, Some("Senior X at Acme"), String::new()))
        );
        let t = "- 'it''s X'\n";
        assert_eq!(at(t, "X").unwrap().1, Some("'it''s X'"));
        let t = "\"k: v\": \"a \\\" X\"\n";
        assert_eq!(at(t, "X").unwrap().0, ScalarStyle::DoubleQuoted);
        assert_eq!(at(t, "X").unwrap().1, Some("\"a \\\" X\""));
        let t = "d: >-\n    one\n\n    two X\n\nnext: 1\n";
        assert_eq!(
            at(t, "X"),
            Some((
                ScalarStyle::Folded,
                Some(">-\n    one\n\n    two X"),
                "    ".into()
            ))
        );
        // A plain value continued below, a continuation line, a flow list: not known.
        assert_eq!(at("d: one X\n  two\n", "X").unwrap().1, None);
        assert_eq!(at("d: one\n  two X\n", "X"), None);
        assert_eq!(at("d: [a, X]\n", "X"), None);
    }

    #[test]
    fn plain_text_other_readers_take_for_something_else() {
        for t in [
            "yes",
            "Off",
            "~",
            "null",
            "",
            "12",
            "-1.5",
            "1_000",
            "0x1F",
            "1:30",
            "6.02e23",
            ".inf",
            "2024-01-31",
            "<<",
        ] {
            assert!(plain_is_not_a_string(t), "{t}");
        }
        for t in [
            "Acme",
            "yes please",
            "12 engineers",
            "v1.2",
            "1.2.3",
            "Team 1",
            "-",
            ".",
            "x: y",
        ] {
            assert!(!plain_is_not_a_string(t), "{t}");
        }
    }

    #[test]
    fn encoded_values_read_back() {
        for value in [
            "O'Reilly",
            "a\\b\"c",
            "tab\there",
            "\u{1b}\u{85}\u{2028}x",
            "日本",
        ] {
            let doc = format!("k: {}\n", quoted(value));
            assert_eq!(
                parse(&doc).unwrap().get("k"),
                Some(&Value::String(value.into()))
            );
            let doc = format!(
                "k: \"{}\"\n",
                encode_scalar(value, ScalarStyle::DoubleQuoted, "", "\n").unwrap()
            );
            assert_eq!(
                parse(&doc).unwrap().get("k"),
                Some(&Value::String(value.into()))
            );
        }
        assert_eq!(
            encode_scalar("O'R", ScalarStyle::SingleQuoted, "", "\n").as_deref(),
            Some("O''R")
        );
        assert_eq!(
            encode_scalar("a\nb", ScalarStyle::SingleQuoted, "", "\n"),
            None
        );
        assert_eq!(
            encode_scalar("a\nb", ScalarStyle::Literal, "  ", "\r\n").as_deref(),
            Some("a\r\n  b")
        );
        assert_eq!(
            encode_scalar("a\nb", ScalarStyle::Folded, "  ", "\n").as_deref(),
            Some("a\n\n  b")
        );
    }
}
