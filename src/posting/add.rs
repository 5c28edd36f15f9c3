//! Adding schema.org properties a posting lacks to its front matter (the fill form offers
//! Google's missing required ones): each value lands in block style where it belongs
//! (`hiringOrganization:` / `  name: Acme`), written for its YAML scalar as `fill` writes
//! values, and checked by reading the result back. Only the lines added (or an empty value
//! filled in) change: every other byte of the posting stays as it was.

use std::ops::Range;

use super::Posting;
use super::schema::Missing;
use crate::yaml::{self, Value};

/// A front matter value the fill form can ask for, standing for a missing required property.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SchemaField {
    /// The missing property it stands for.
    pub property: &'static str,
    /// Where its value goes: keys from the top of the front matter.
    pub path: &'static [&'static str],
    /// What to type, in a few words.
    pub what: &'static str,
}

impl SchemaField {
    /// The path written with dots: `hiringOrganization.name`.
    pub fn dotted(&self) -> String {
        self.path.join(".")
    }
}

/// The fields for each required property, in the order the form shows them. `description`
/// is the body, which the form does not write.
const FIELDS: &[SchemaField] = &[
    SchemaField {
        property: "title",
        path: &["title"],
        what: "the job's title",
    },
    SchemaField {
        property: "datePosted",
        path: &["datePosted"],
        what: "date posted, YYYY-MM-DD",
    },
    SchemaField {
        property: "hiringOrganization",
        path: &["hiringOrganization", "name"],
        what: "the employer's name",
    },
    SchemaField {
        property: "jobLocation",
        path: &["jobLocation", "address", "addressLocality"],
        what: "city of the job",
    },
    SchemaField {
        property: "jobLocation",
        path: &["jobLocation", "address", "addressCountry"],
        what: "country of the job (name or code)",
    },
    SchemaField {
        property: "applicantLocationRequirements",
        path: &["applicantLocationRequirements", "name"],
        what: "country a remote applicant may live in",
    },
];

/// The fields that would add the missing required properties of `missing` (recommended ones
/// and the body are left out).
pub fn fields_for(missing: &[Missing]) -> Vec<SchemaField> {
    FIELDS
        .iter()
        .filter(|f| {
            missing
                .iter()
                .any(|m| m.required && m.property == f.property)
        })
        .copied()
        .collect()
}

/// A property that cannot be added so that it reads back as given; nothing was added.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot add {property} to the front matter: {reason}")]
pub struct AddError {
    /// The property, dotted (`jobLocation.address.addressLocality`).
    pub property: String,
    /// Why, in a few words.
    pub reason: String,
}

impl Posting {
    /// The posting with each `(path, value)` added to its front matter (which is made when
    /// there is none). A key that is there with an empty value (`name:`, `name: ""`) gets the
    /// value; a missing key is added as a block under its parent. Refused, with nothing
    /// added, when the front matter is not valid YAML, when a key already has a value, or
    /// when a parent is written in a shape that takes no key (a list, a one-line mapping).
    pub fn add_properties(&self, props: &[(&[&str], &str)]) -> Result<Posting, AddError> {
        if props.is_empty() {
            return Ok(self.clone());
        }
        let text = self.text();
        let (yaml_range, wrap) = match self.front_matter() {
            Some(fm) => {
                if let Some(e) = &fm.error {
                    return Err(AddError {
                        property: props[0].0.join("."),
                        reason: format!("its YAML is not valid ({}); fix that first", e.message),
                    });
                }
                (fm.yaml.clone(), false)
            }
            None => {
                let at = if self.has_bom() { 3 } else { 0 };
                (at..at, true)
            }
        };
        let original = &text[yaml_range.clone()];
        let newline = if original.contains("\r\n") || (wrap && self.line_ending() == "\r\n") {
            "\r\n"
        } else {
            "\n"
        };
        let mut yaml = original.to_string();
        for (path, value) in props {
            yaml = add_one(&yaml, path, value, newline).map_err(|reason| AddError {
                property: path.join("."),
                reason,
            })?;
        }
        let block = if wrap {
            format!("---{newline}{yaml}---{newline}")
        } else {
            yaml
        };
        let mut out = String::with_capacity(text.len() + block.len());
        out.push_str(&text[..yaml_range.start]);
        out.push_str(&block);
        out.push_str(&text[yaml_range.end..]);
        Ok(Posting::parse_with(out, self.options().clone()))
    }
}

/// One line of the YAML: its byte range (line ending included), indentation and content.
struct Line<'a> {
    range: Range<usize>,
    indent: usize,
    /// The text after the indentation, without the line ending.
    content: &'a str,
}

impl Line<'_> {
    /// Holds a key or an item, not only a comment or blanks.
    fn is_entry(&self) -> bool {
        !self.content.trim().is_empty() && !self.content.starts_with('#')
    }
}

fn lines_of(yaml: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut pos = 0;
    for raw in yaml.split_inclusive('\n') {
        let body = raw.trim_end_matches(['\n', '\r']);
        let indent = body.len() - body.trim_start_matches(' ').len();
        out.push(Line {
            range: pos..pos + raw.len(),
            indent,
            content: &body[indent..],
        });
        pos += raw.len();
    }
    out
}

/// Where the value of a `key:` line starts and ends (spaces and a comment left out), when the
/// line is `key:` for this key.
fn value_of(content: &str, key: &str) -> Option<Range<usize>> {
    let rest = content.strip_prefix(key)?;
    let colon = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    let rest_after = rest[colon..].strip_prefix(':')?;
    if !(rest_after.is_empty() || rest_after.starts_with([' ', '\t'])) {
        return None;
    }
    let start = key.len() + colon + 1;
    let value = &content[start..];
    let lead = value.len() - value.trim_start_matches([' ', '\t']).len();
    let mut end = value.len();
    // A comment starts at ` #` outside quotes; a value that is only quotes or `~` has none.
    let v = &value[lead..];
    if let Some(i) = v.find(" #").or_else(|| v.find("\t#")) {
        end = lead + i;
    } else if v.starts_with('#') {
        end = lead;
    }
    let trimmed = value[lead..end].trim_end_matches([' ', '\t']);
    Some(start + lead..start + lead + trimmed.len())
}

/// A value that parses to nothing or to an empty string.
fn is_empty_value(v: &str) -> bool {
    matches!(v, "" | "~" | "null" | "Null" | "NULL" | "\"\"" | "''")
}

/// `yaml` with `value` at `path`; the reason when it cannot be added.
fn add_one(yaml: &str, path: &[&str], value: &str, newline: &str) -> Result<String, String> {
    let before = if yaml.trim().is_empty() {
        Value::Null
    } else {
        yaml::parse(yaml).map_err(|e| format!("its YAML is not valid ({})", e.message))?
    };
    if !matches!(before, Value::Map(_) | Value::Null) {
        return Err("the front matter is not a mapping of keys to values".into());
    }
    let lines = lines_of(yaml);
    let (with_slot, slot) = slot_for(yaml, &lines, path, newline)?;
    let filled =
        super::fill::fill_yaml(&with_slot, &[(slot..slot, value)]).map_err(|(_, reason)| reason)?;
    let mut want = before;
    set_path(&mut want, path, value);
    match yaml::parse(&filled) {
        Ok(got) if same(&got, &want) => Ok(filled),
        _ => Err("YAML would not read it back as given".into()),
    }
}

/// The YAML with an empty place for the value at `path` (a new `key: ` line, or the empty
/// value of an existing one), and the byte offset of that place.
fn slot_for(
    yaml: &str,
    lines: &[Line],
    path: &[&str],
    newline: &str,
) -> Result<(String, usize), String> {
    let dotted = path.join(".");
    let mut range = 0..lines.len();
    let mut indent = lines.iter().find(|l| l.is_entry()).map_or(0, |l| l.indent);
    // Where a new block goes when the key is missing: the end of the YAML at the top.
    let mut insert_at = yaml.len();
    let mut step = 2;
    for (depth, key) in path.iter().enumerate() {
        let found = lines[range.clone()]
            .iter()
            .enumerate()
            .filter(|(_, l)| l.is_entry() && l.indent == indent)
            .find_map(|(i, l)| value_of(l.content, key).map(|v| (range.start + i, v)));
        let Some((i, v)) = found else {
            let block = render(&path[depth..], indent, step, newline);
            let mut out = yaml.to_string();
            let lead = if insert_at > 0 && !yaml[..insert_at].ends_with('\n') {
                newline
            } else {
                ""
            };
            out.insert_str(insert_at, &format!("{lead}{block}"));
            let slot = insert_at + lead.len() + block.len() - newline.len();
            return Ok((out, slot));
        };
        let line = &lines[i];
        let at = line.range.start + line.indent;
        let value = &line.content[v.clone()];
        // The lines under this key, up to the next entry as far left as it.
        let end = (i + 1..lines.len())
            .find(|&j| lines[j].is_entry() && lines[j].indent <= line.indent)
            .unwrap_or(lines.len());
        let first_child = lines[i + 1..end].iter().find(|l| l.is_entry());
        let last = depth + 1 == path.len();
        if !is_empty_value(value) || (last && first_child.is_some()) {
            return Err(if last {
                format!("{dotted} already has a value")
            } else {
                format!("{key} is written on one line or as a list; add {dotted} by hand")
            });
        }
        if last {
            // `key:` or `key: ""`: the value goes where the empty one was.
            let mut out = yaml.to_string();
            let (r, pad) = if v.is_empty() {
                // Right after the colon: any comment stays apart from the value.
                let colon = at + line.content[..v.start].trim_end_matches([' ', '\t']).len();
                (colon..colon, " ")
            } else {
                (at + v.start..at + v.end, "")
            };
            out.replace_range(r.clone(), pad);
            return Ok((out, r.start + pad.len()));
        }
        if !value.is_empty() {
            return Err(format!(
                "{key} is empty (`{value}`); remove that to add {dotted}"
            ));
        }
        match first_child {
            Some(child) if child.indent > line.indent && !child.content.starts_with("- ") => {
                step = child.indent - line.indent;
                indent = child.indent;
            }
            Some(_) => {
                return Err(format!("{key} is a list; add {dotted} by hand"));
            }
            None => {
                indent = line.indent + step;
            }
        }
        // A missing child goes after the last line under its parent.
        let last_under = lines[i + 1..end]
            .iter()
            .rev()
            .find(|l| !l.content.trim().is_empty())
            .unwrap_or(line);
        insert_at = last_under.range.end;
        range = i + 1..end;
    }
    Err(format!("{dotted} cannot be placed"))
}

/// `a:` / `  b:` / `    c: ` lines for `path` from `indent`, each level `step` further in;
/// the last line ends with a space before its line ending, where the value goes.
fn render(path: &[&str], indent: usize, step: usize, newline: &str) -> String {
    let mut out = String::new();
    for (i, key) in path.iter().enumerate() {
        out.push_str(&" ".repeat(indent + i * step));
        out.push_str(key);
        out.push(':');
        if i + 1 == path.len() {
            out.push(' ');
        }
        out.push_str(newline);
    }
    out
}

/// `v` with the string `value` at `path`, mappings made (or a null replaced) on the way.
fn set_path(v: &mut Value, path: &[&str], value: &str) {
    let Some((key, rest)) = path.split_first() else {
        *v = Value::String(value.to_string());
        return;
    };
    if !matches!(v, Value::Map(_)) {
        *v = Value::Map(Vec::new());
    }
    let Value::Map(entries) = v else {
        return;
    };
    let i = match entries
        .iter()
        .position(|(k, _)| k.scalar_text().as_deref() == Some(key))
    {
        Some(i) => i,
        None => {
            entries.push((Value::String((*key).to_string()), Value::Null));
            entries.len() - 1
        }
    };
    set_path(&mut entries[i].1, rest, value);
}

/// Equal values, mappings compared without regard to the order of their keys.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Map(x), Value::Map(y)) => {
            x.len() == y.len()
                && x.iter().all(|(k, v)| {
                    y.iter()
                        .find(|(k2, _)| k2 == k)
                        .is_some_and(|(_, v2)| same(v, v2))
                })
        }
        (Value::Seq(x), Value::Seq(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
        }
        _ => a == b,
    }
}

#[cfg(test)]
mod tests;
