//! `check --format sarif`: one SARIF 2.1.0 log as GitHub code scanning reads it. The rules
//! come from the rule table (id, summary, help, default level); each finding is a result
//! with its level, message and region. Columns count Unicode code points, as findings do
//! (`columnKind`); regions end as findings end (`endColumn` exclusive). Results are written
//! file by file, so a large run streams like the other formats.

use std::io::{self, Write};

use serde::Serialize;

use super::{FileReview, Finding, Level, RULES, RuleId, Severity};

/// The schema GitHub and other readers validate against.
pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// `level` of a result.
fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// `defaultConfiguration.level` of a rule.
fn default_level(level: Level) -> &'static str {
    match level {
        Level::Error => "error",
        Level::Warning => "warning",
        Level::Info => "note",
        Level::Off => "none",
    }
}

#[derive(Serialize)]
struct Text<'a> {
    text: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule<'a> {
    id: &'static str,
    name: String,
    short_description: Text<'static>,
    full_description: Text<'a>,
    help: Text<'a>,
    default_configuration: DefaultConfiguration,
}

#[derive(Serialize)]
struct DefaultConfiguration {
    level: &'static str,
}

/// "pay-range" → "PayRange" (SARIF's rule `name` is an identifier).
fn pascal(id: &str) -> String {
    id.split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        .collect()
}

/// Writes the log up to the opening of the results array.
pub(super) fn start(out: &mut impl Write) -> io::Result<()> {
    let helps: Vec<String> = RULES.iter().map(|r| r.help()).collect();
    let rules: Vec<Rule> = RULES
        .iter()
        .zip(&helps)
        .map(|(r, help)| Rule {
            id: r.id.as_str(),
            name: pascal(r.id.as_str()),
            short_description: Text { text: r.summary },
            full_description: Text { text: help },
            help: Text { text: help },
            default_configuration: DefaultConfiguration {
                level: default_level(r.default),
            },
        })
        .collect();
    let driver = serde_json::json!({
        "name": "jobpost",
        "version": env!("CARGO_PKG_VERSION"),
        "semanticVersion": env!("CARGO_PKG_VERSION"),
        "rules": rules,
    });
    write!(
        out,
        "{{\"version\":\"2.1.0\",\"$schema\":\"{SCHEMA}\",\"runs\":[{{\"tool\":{{\"driver\":{driver}}},\"columnKind\":\"unicodeCodePoints\",\"results\":["
    )
}

/// Ends the results, says whether every input was read (tool notifications for those that
/// were not), and closes the log.
pub(super) fn finish(out: &mut impl Write, failures: &[(String, String)]) -> io::Result<()> {
    let notifications: Vec<serde_json::Value> = failures
        .iter()
        .map(|(path, why)| {
            serde_json::json!({
                "level": "error",
                "message": {"text": why},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri(path)}}}],
            })
        })
        .collect();
    let invocation = serde_json::json!({
        "executionSuccessful": failures.is_empty(),
        "toolExecutionNotifications": notifications,
    });
    writeln!(out, "\n],\"invocations\":[{invocation}]}}]}}")
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
}

#[derive(Serialize)]
struct Uri<'a> {
    uri: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation<'a> {
    artifact_location: Uri<'a>,
    region: &'a Region,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    physical_location: PhysicalLocation<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement<'a> {
    deleted_region: &'a Region,
    inserted_content: Text<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange<'a> {
    artifact_location: Uri<'a>,
    replacements: [Replacement<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Fix<'a> {
    description: Text<'a>,
    artifact_changes: [ArtifactChange<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Text<'a>,
    locations: [Location<'a>; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<Fix<'a>>,
}

fn rule_index(rule: RuleId) -> usize {
    RULES.iter().position(|r| r.id == rule).unwrap_or(0)
}

/// One file's results, separated by commas (nothing for a file without findings).
pub(super) fn results(out: &mut Vec<u8>, review: &FileReview) -> io::Result<()> {
    let uri = uri(&review.path);
    for (i, f) in review.findings.iter().enumerate() {
        if i > 0 {
            out.write_all(b",\n")?;
        }
        result(out, &uri, f)?;
    }
    Ok(())
}

fn result(out: &mut Vec<u8>, uri: &str, f: &Finding) -> io::Result<()> {
    let region = Region {
        start_line: f.line,
        start_column: f.column,
        end_line: f.end_line,
        end_column: f.end_column,
    };
    let descriptions: Vec<String> = f
        .suggestions
        .iter()
        .map(|s| format!("Replace with \"{s}\""))
        .collect();
    let fixes = f
        .suggestions
        .iter()
        .zip(&descriptions)
        .map(|(s, d)| Fix {
            description: Text { text: d },
            artifact_changes: [ArtifactChange {
                artifact_location: Uri { uri },
                replacements: [Replacement {
                    deleted_region: &region,
                    inserted_content: Text { text: s },
                }],
            }],
        })
        .collect();
    let result = SarifResult {
        rule_id: f.rule.as_str(),
        rule_index: rule_index(f.rule),
        level: level(f.severity),
        message: Text { text: &f.message },
        locations: [Location {
            physical_location: PhysicalLocation {
                artifact_location: Uri { uri },
                region: &region,
            },
        }],
        fixes,
    };
    serde_json::to_writer(out, &result).map_err(io::Error::from)
}

/// A path as a URI reference: relative paths stay relative (GitHub resolves them against the
/// checkout), with `/` separators and anything outside RFC 3986's path characters
/// percent-encoded; absolute paths become `file://` URIs.
pub fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let path = path.trim_start_matches("./");
    let mut out = String::with_capacity(path.len() + 8);
    if path.starts_with('/') {
        out.push_str("file://");
    }
    for b in path.bytes() {
        let keep = b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=@".contains(&b);
        if keep {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri("postings/po.md"), "postings/po.md");
        assert_eq!(uri("./a b/ü#1.md"), "a%20b/%C3%BC%231.md");
        assert_eq!(uri("/srv/jobs/x.md"), "file:///srv/jobs/x.md");
        assert_eq!(uri("C:\\jobs\\x.md"), "C%3A/jobs/x.md");
    }

    #[test]
    fn rule_names_are_identifiers() {
        assert_eq!(pascal("pay-range"), "PayRange");
        assert_eq!(pascal("placeholder"), "Placeholder");
    }
}
