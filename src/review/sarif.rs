//! `check --format sarif`: one SARIF 2.1.0 log as GitHub code scanning reads it. The rules
//! come from the rule table (id, summary, help, default level); each finding is a result
//! with its level, message and region. Columns count Unicode code points, as findings do
//! (`columnKind`); regions end as findings end (`endColumn` exclusive). Results are written
//! file by file, so a large run streams like the other formats.

use std::io::{self, Write};

use serde::Serialize;

use super::json;
use super::json::push_decimal;
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

fn rule_index(rule: RuleId) -> usize {
    RULES.iter().position(|r| r.id == rule).unwrap_or(0)
}

/// One file's results, separated by commas (nothing for a file without findings). Written by
/// hand, once per posting, as serde_json writes the reference structs in the tests
/// (byte for byte): this is the bulk of a SARIF run's output.
pub(super) fn results(out: &mut Vec<u8>, review: &FileReview) -> io::Result<()> {
    if review.findings.is_empty() {
        return Ok(());
    }
    let mut uri_json = Vec::new();
    json::push_str(&mut uri_json, &uri(&review.path));
    // Room for every result, taken once rather than doubled on the way (a result's fixed
    // part is under 224 bytes, a fix's under 320; escapes may add).
    let room: usize = (review.findings.iter())
        .map(|f| {
            let fixes: usize = (f.suggestions.iter())
                .map(|s| 320 + uri_json.len() + 2 * s.len())
                .sum();
            224 + uri_json.len() + f.message.len() + fixes
        })
        .sum();
    out.reserve(room);
    for (i, f) in review.findings.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(b",\n");
        }
        result(out, &uri_json, f);
    }
    Ok(())
}

/// One result; `uri_json` is the file's URI as a JSON string (quoted and escaped).
fn result(out: &mut Vec<u8>, uri_json: &[u8], f: &Finding) {
    out.extend_from_slice(b"{\"ruleId\":");
    json::push_str(out, f.rule.as_str());
    out.extend_from_slice(b",\"ruleIndex\":");
    push_decimal(out, rule_index(f.rule));
    out.extend_from_slice(b",\"level\":");
    json::push_str(out, level(f.severity));
    out.extend_from_slice(b",\"message\":{\"text\":");
    json::push_str(out, &f.message);
    out.extend_from_slice(
        b"},\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":",
    );
    out.extend_from_slice(uri_json);
    out.extend_from_slice(b"},\"region\":");
    region(out, f);
    out.extend_from_slice(b"}}]");
    if !f.suggestions.is_empty() {
        out.extend_from_slice(b",\"fixes\":[");
        for (i, s) in f.suggestions.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            // The description is `Replace with "{s}"`, escaped as one string.
            out.extend_from_slice(b"{\"description\":{\"text\":\"Replace with \\\"");
            json::push_str_body(out, s);
            out.extend_from_slice(b"\\\"\"},\"artifactChanges\":[{\"artifactLocation\":{\"uri\":");
            out.extend_from_slice(uri_json);
            out.extend_from_slice(b"},\"replacements\":[{\"deletedRegion\":");
            region(out, f);
            out.extend_from_slice(b",\"insertedContent\":{\"text\":");
            json::push_str(out, s);
            out.extend_from_slice(b"}}]}]}");
        }
        out.push(b']');
    }
    out.push(b'}');
}

fn region(out: &mut Vec<u8>, f: &Finding) {
    out.extend_from_slice(b"{\"startLine\":");
    push_decimal(out, f.line);
    out.extend_from_slice(b",\"startColumn\":");
    push_decimal(out, f.column);
    out.extend_from_slice(b",\"endLine\":");
    push_decimal(out, f.end_line);
    out.extend_from_slice(b",\"endColumn\":");
    push_decimal(out, f.end_column);
    out.push(b'}');
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

    /// The reference: what `result` writes, through serde_json.
    fn reference(uri: &str, f: &Finding) -> Vec<u8> {
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
        serde_json::to_vec(&result).unwrap()
    }

    proptest::proptest! {
        #[test]
        fn results_are_written_as_serde_json_writes_them(
            path in json::tests::text(),
            f in json::tests::finding(),
        ) {
            let uri = uri(&path);
            let mut uri_json = Vec::new();
            json::push_str(&mut uri_json, &uri);
            let mut got = Vec::new();
            result(&mut got, &uri_json, &f);
            let expected = reference(&uri, &f);
            proptest::prop_assert_eq!(String::from_utf8(got).unwrap(), String::from_utf8(expected).unwrap());
            // The escaper on its own, over the raw text (the URI needs no escapes).
            let mut got = Vec::new();
            json::push_str(&mut got, &path);
            proptest::prop_assert_eq!(got, serde_json::to_vec(&path).unwrap());
        }
    }
}
