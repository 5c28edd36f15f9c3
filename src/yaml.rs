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
    serde_yaml::from_str::<serde_yaml::Value>(text)
        .map(Value::from_crate)
        .map_err(|e| YamlError::from_parser(&e))
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
