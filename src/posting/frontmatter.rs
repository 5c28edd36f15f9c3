//! YAML front matter: finding the block and reading it. The only file that names the YAML crate,
//! so the crate can be swapped here alone.

use std::ops::Range;

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
}

/// A YAML parse error, positioned in the file.
#[derive(Debug, Clone, PartialEq)]
pub struct YamlError {
    /// What the parser said.
    pub message: String,
    /// 1-based line in the file, when the parser gave one.
    pub line: Option<usize>,
    /// 1-based column, when the parser gave one.
    pub column: Option<usize>,
}

/// Finds the front matter at `start` (just after any BOM): line 1 is `---`, closed by the
/// next line that is `---` or `...`. No closing line means no front matter.
pub fn locate(text: &str, start: usize) -> Option<(Range<usize>, Range<usize>)> {
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
    };
    match parse(yaml_text) {
        Ok(Some(map)) => {
            for (k, v) in &map {
                let key = scalar_text(k).unwrap_or_default();
                match key.as_str() {
                    "title" => fm.title = scalar_text(v),
                    "description" => fm.description = scalar_text(v),
                    _ => {}
                }
                fm.keys.push(key);
            }
        }
        Ok(None) => {}
        Err(e) => {
            fm.keys = column_zero_keys(yaml_text);
            fm.error = Some(e.positioned(first_line));
        }
    }
    fm
}

/// Checks YAML text as the front matter pane does on every change.
pub fn validate(yaml_text: &str) -> Result<(), YamlError> {
    parse(yaml_text).map(|_| ()).map_err(|e| e.positioned(1))
}

/// Parses a YAML mapping of names to values (an answers file: `Company Name: Acme`).
/// Scalar values (strings, numbers, booleans) are kept as text; an empty document is an
/// empty list. Anything but a mapping of scalars is an error.
pub fn parse_string_map(text: &str) -> Result<Vec<(String, String)>, YamlError> {
    let Some(map) = parse(text).map_err(|e| e.positioned(1))? else {
        return Ok(Vec::new());
    };
    let mut out = Vec::with_capacity(map.len());
    for (k, v) in &map {
        let (Some(k), Some(v)) = (scalar_text(k), scalar_text(v)) else {
            return Err(YamlError {
                message: "expected `name: value` pairs with plain text values".into(),
                line: None,
                column: None,
            });
        };
        out.push((k, v));
    }
    Ok(out)
}

/// Writes name/value pairs as a YAML mapping, in the order given (the inverse of
/// [`parse_string_map`]).
pub fn to_yaml_string_map(pairs: &[(String, String)]) -> String {
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

/// Reads any YAML document into `T` (config files). Errors carry the line and column.
pub fn from_yaml<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    serde_yaml::from_str(text).map_err(|e| {
        let loc = e.location();
        let mut message = e.to_string();
        if let Some(i) = message.find(" at line ") {
            message.truncate(i);
        }
        YamlError {
            message,
            line: loc.as_ref().map(|l| l.line()),
            column: loc.map(|l| l.column()),
        }
    })
}

struct RawError {
    message: String,
    line: Option<usize>,
    column: Option<usize>,
}

impl RawError {
    fn positioned(self, first_line: usize) -> YamlError {
        YamlError {
            message: self.message,
            line: self.line.map(|l| l + first_line - 1),
            column: self.column,
        }
    }
}

fn parse(yaml_text: &str) -> Result<Option<serde_yaml::Mapping>, RawError> {
    if yaml_text.trim().is_empty() {
        return Ok(None);
    }
    match serde_yaml::from_str::<serde_yaml::Value>(yaml_text) {
        Ok(serde_yaml::Value::Mapping(m)) => Ok(Some(m)),
        Ok(serde_yaml::Value::Null) => Ok(None),
        Ok(_) => Err(RawError {
            message: "front matter is not a mapping of keys to values".into(),
            line: Some(1),
            column: Some(1),
        }),
        Err(e) => {
            let loc = e.location();
            let mut message = e.to_string();
            // serde_yaml appends " at line L column C"; the position is reported separately.
            if let Some(i) = message.find(" at line ") {
                message.truncate(i);
            }
            Err(RawError {
                message,
                line: loc.as_ref().map(|l| l.line()),
                column: loc.map(|l| l.column()),
            })
        }
    }
}

fn scalar_text(v: &serde_yaml::Value) -> Option<String> {
    match v {
        serde_yaml::Value::String(s) => Some(s.clone()),
        serde_yaml::Value::Number(n) => Some(n.to_string()),
        serde_yaml::Value::Bool(b) => Some(b.to_string()),
        _ => None,
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
