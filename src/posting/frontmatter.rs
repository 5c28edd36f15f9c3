//! YAML front matter: finding the block and reading it (the YAML itself is read by
//! [`crate::yaml`]).

use std::ops::Range;

use crate::yaml::Value;
pub use crate::yaml::YamlError;

/// The front matter block of a posting, by byte range into the posting's text.
#[derive(Debug, Clone, PartialEq)]
pub struct FrontMatter {
    /// The whole block: opening `---` line through the closing line and its line ending.
    pub block: Range<usize>,
    /// The YAML text between the delimiter lines (line endings included).
    pub yaml: Range<usize>,
    /// Top-level keys in file order (from the parser; column-0 `key:` lines when it fails).
    pub keys: Vec<String>,
    /// The parser's message when the YAML does not parse, with its 1-based line in the file.
    pub error: Option<YamlError>,
    /// The `title` value, when it is a string.
    pub title: Option<String>,
    /// The `description` value, when it is a string.
    pub description: Option<String>,
    /// The parsed mapping, when the YAML parses to one (shared: the schema.org reading and
    /// every clone of the posting use this one parse).
    pub data: Option<std::sync::Arc<Value>>,
}

/// Finds the front matter at `start` (just after any BOM): line 1 is `---`, closed by the
/// next line that is `---` or `...`. No closing line means no front matter.
pub fn locate(text: &str, start: usize) -> Option<(Range<usize>, Range<usize>)> {
    // By bytes: every byte compared is ASCII, so the offsets are character boundaries.
    let rest = &text.as_bytes()[start..];
    let first_end = memchr::memchr(b'\n', rest)? + 1;
    if without_ending(&rest[..first_end]) != b"---" {
        return None;
    }
    let mut pos = first_end;
    while pos < rest.len() {
        let end = memchr::memchr(b'\n', &rest[pos..]).map_or(rest.len(), |i| pos + i + 1);
        let line = without_ending(&rest[pos..end]);
        if line == b"---" || line == b"..." {
            return Some((start..start + end, start + first_end..start + pos));
        }
        pos = end;
    }
    None
}

/// A line without the CRs and LFs it ends with.
fn without_ending(mut line: &[u8]) -> &[u8] {
    while let [head @ .., b'\n' | b'\r'] = line {
        line = head;
    }
    line
}

/// Parses the YAML text of a block located by [`locate`]. `first_line` is the file line of
/// the first YAML line, used to position errors.
pub fn read(
    yaml_text: &str,
    block: Range<usize>,
    yaml: Range<usize>,
    first_line: usize,
) -> FrontMatter {
    let mut fm = FrontMatter {
        block,
        yaml,
        keys: Vec::new(),
        error: None,
        title: None,
        description: None,
        data: None,
    };
    match parse(yaml_text) {
        Ok(Some(map)) => {
            for (k, v) in &map {
                let key = k.scalar_text().unwrap_or_default();
                match key.as_str() {
                    "title" => fm.title = v.scalar_text(),
                    "description" => fm.description = v.scalar_text(),
                    _ => {}
                }
                fm.keys.push(key);
            }
            fm.data = Some(std::sync::Arc::new(Value::Map(map)));
        }
        Ok(None) => {}
        Err(e) => {
            fm.keys = column_zero_keys(yaml_text);
            fm.error = Some(e.shifted(first_line));
        }
    }
    fm
}

/// Checks YAML text as the front matter pane does on every change.
pub fn validate(yaml_text: &str) -> Result<(), YamlError> {
    parse(yaml_text).map(|_| ())
}

/// Parses a YAML mapping of names to values (an answers file: `Company Name: Acme`).
/// Scalar values (strings, numbers, booleans) are kept as text; an empty document is an
/// empty list. Anything but a mapping of scalars is an error.
pub fn parse_string_map(text: &str) -> Result<Vec<(String, String)>, YamlError> {
    let Some(map) = parse(text)? else {
        return Ok(Vec::new());
    };
    let mut out = Vec::with_capacity(map.len());
    for (k, v) in &map {
        let (Some(k), Some(v)) = (k.scalar_text(), v.scalar_text()) else {
            return Err(YamlError::new(
                "expected `name: value` pairs with plain text values",
            ));
        };
        out.push((k, v));
    }
    Ok(out)
}

/// Writes name/value pairs as a YAML mapping, in the order given (the inverse of
/// [`parse_string_map`]).
pub fn to_yaml_string_map(pairs: &[(String, String)]) -> String {
    crate::yaml::string_map_to_string(pairs)
}

/// The front matter's top-level mapping, in file order; `None` for an empty document.
fn parse(yaml_text: &str) -> Result<Option<Vec<(Value, Value)>>, YamlError> {
    if yaml_text.trim().is_empty() {
        return Ok(None);
    }
    match crate::yaml::parse(yaml_text)? {
        Value::Map(m) => Ok(Some(m)),
        Value::Null => Ok(None),
        _ => Err(YamlError {
            message: "front matter is not a mapping of keys to values".into(),
            line: Some(1),
            column: Some(1),
        }),
    }
}

fn column_zero_keys(yaml_text: &str) -> Vec<String> {
    yaml_text
        .lines()
        .filter_map(|l| {
            let (k, _) = l.split_once(':')?;
            let ok = !k.is_empty() && !k.starts_with([' ', '\t', '#', '-']) && !k.contains(' ');
            ok.then(|| k.to_string())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`locate`] as first written, on `str` (the reference for the byte version).
    fn locate_by_str(text: &str, start: usize) -> Option<(Range<usize>, Range<usize>)> {
        let rest = &text[start..];
        let first_end = rest.find('\n')? + 1;
        if rest[..first_end].trim_end_matches(['\n', '\r']) != "---" {
            return None;
        }
        let mut pos = first_end;
        while pos < rest.len() {
            let end = rest[pos..].find('\n').map_or(rest.len(), |i| pos + i + 1);
            let line = rest[pos..end].trim_end_matches(['\n', '\r']);
            if line == "---" || line == "..." {
                return Some((start..start + end, start + first_end..start + pos));
            }
            pos = end;
        }
        None
    }

    proptest::proptest! {
        #[test]
        fn locate_finds_what_the_str_version_finds(
            lines in proptest::collection::vec(
                "(---|\\.\\.\\.|-- -|----|\\.\\.|title: x|é|)[\r\n]{0,3}",
                0..8,
            ),
            bom in proptest::bool::ANY,
        ) {
            let text = format!("{}{}", if bom { "\u{feff}" } else { "" }, lines.concat());
            let start = if bom { 3 } else { 0 };
            proptest::prop_assert_eq!(locate(&text, start), locate_by_str(&text, start));
        }
    }

    #[test]
    fn front_matter_needs_a_closing_line() {
        assert!(locate("---\ntitle: x\n", 0).is_none());
        let t = "---\r\ntitle: x\r\n...\r\nbody";
        let (block, yaml) = locate(t, 0).unwrap();
        assert_eq!(&t[block.clone()], "---\r\ntitle: x\r\n...\r\n");
        assert_eq!(&t[yaml.clone()], "title: x\r\n");
        let fm = read(&t[yaml.clone()], block, yaml, 2);
        assert_eq!(fm.title.as_deref(), Some("x"));
        assert_eq!(fm.keys, ["title"]);
    }

    #[test]
    fn invalid_yaml_keeps_the_error_with_a_file_line() {
        let y = "title: x\nbad: [unclosed\n";
        let fm = read(y, 0..0, 0..0, 2);
        let e = fm.error.unwrap();
        assert!(e.line.unwrap() >= 3, "{e:?}");
        assert_eq!(fm.keys, ["title", "bad"]);
        assert!(validate(y).is_err());
        assert!(validate("a: 1\n").is_ok());
    }

    #[test]
    fn string_maps_round_trip() {
        let pairs =
            parse_string_map("Company Name: Acme\n\"[Start Date]\": 2025-01-01\nyears: 3\n")
                .unwrap();
        assert_eq!(
            pairs,
            [
                ("Company Name".to_string(), "Acme".to_string()),
                ("[Start Date]".to_string(), "2025-01-01".to_string()),
                ("years".to_string(), "3".to_string()),
            ]
        );
        assert_eq!(
            parse_string_map(&to_yaml_string_map(&pairs)).unwrap(),
            pairs
        );
        assert!(parse_string_map("- a\n- b\n").is_err());
        assert!(parse_string_map("a: [1, 2]\n").is_err());
        assert!(parse_string_map("a: [unclosed\n").is_err());
        assert_eq!(parse_string_map("").unwrap(), []);
    }
}
