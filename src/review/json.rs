//! `check --format json`: one file's review written by hand, byte for byte as serde_json
//! writes the derived form (the tests compare the two), without its per-field machinery.

use super::{FileReview, Finding, PlaceholderSummary, SectionSummary};

/// The review as a JSON object, appended to `out`.
pub(super) fn file(out: &mut Vec<u8>, r: &FileReview) {
    // Room for the whole object, taken once rather than doubled on the way (the fixed part of
    // a section, placeholder or finding is under 80, 64 and 128 bytes; escapes may add).
    let sections: usize = r.sections.iter().map(|s| 80 + s.title.len()).sum();
    let placeholders: usize = (r.placeholders.iter())
        .map(|p| 64 + p.text.len() + p.section.as_ref().map_or(0, |s| s.len()))
        .sum();
    let findings: usize = (r.findings.iter())
        .map(|f| 128 + f.message.len() + f.suggestions.iter().map(|s| s.len() + 3).sum::<usize>())
        .sum();
    out.reserve(64 + r.path.len() + sections + placeholders + findings);
    out.extend_from_slice(b"{\"path\":");
    push_str(out, &r.path);
    out.extend_from_slice(if r.complete {
        b",\"complete\":true,\"sections\":["
    } else {
        b",\"complete\":false,\"sections\":["
    });
    push_items(out, &r.sections, section);
    out.extend_from_slice(b"],\"placeholders\":[");
    push_items(out, &r.placeholders, placeholder);
    out.extend_from_slice(b"],\"findings\":[");
    push_items(out, &r.findings, finding);
    out.extend_from_slice(b"]}");
}

/// The items of a JSON array, comma-separated (the brackets are the caller's).
fn push_items<T>(out: &mut Vec<u8>, items: &[T], item: impl Fn(&mut Vec<u8>, &T)) {
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        item(out, x);
    }
}

fn section(out: &mut Vec<u8>, s: &SectionSummary) {
    out.extend_from_slice(b"{\"title\":");
    push_str(out, &s.title);
    out.extend_from_slice(b",\"level\":");
    push_decimal(out, usize::from(s.level));
    out.extend_from_slice(b",\"line\":");
    push_decimal(out, s.line);
    out.extend_from_slice(b",\"placeholders\":");
    push_decimal(out, s.placeholders);
    out.extend_from_slice(b",\"words\":");
    match s.words {
        Some(n) => push_decimal(out, n),
        None => out.extend_from_slice(b"null"),
    }
    out.push(b'}');
}

fn placeholder(out: &mut Vec<u8>, p: &PlaceholderSummary) {
    out.extend_from_slice(b"{\"text\":");
    push_str(out, &p.text);
    out.extend_from_slice(b",\"line\":");
    push_decimal(out, p.line);
    out.extend_from_slice(b",\"column\":");
    push_decimal(out, p.column);
    out.extend_from_slice(b",\"section\":");
    match &p.section {
        Some(title) => push_str(out, title),
        None => out.extend_from_slice(b"null"),
    }
    if p.suppressed {
        out.extend_from_slice(b",\"suppressed\":true");
    }
    out.push(b'}');
}

fn finding(out: &mut Vec<u8>, f: &Finding) {
    out.extend_from_slice(b"{\"rule\":\"");
    out.extend_from_slice(f.rule.as_str().as_bytes());
    out.extend_from_slice(b"\",\"severity\":\"");
    out.extend_from_slice(f.severity.as_str().as_bytes());
    out.extend_from_slice(b"\",\"line\":");
    push_decimal(out, f.line);
    out.extend_from_slice(b",\"column\":");
    push_decimal(out, f.column);
    out.extend_from_slice(b",\"end_line\":");
    push_decimal(out, f.end_line);
    out.extend_from_slice(b",\"end_column\":");
    push_decimal(out, f.end_column);
    out.extend_from_slice(b",\"message\":");
    push_str(out, &f.message);
    if !f.suggestions.is_empty() {
        out.extend_from_slice(b",\"suggestions\":[");
        push_items(out, &f.suggestions, |out, s| push_str(out, s));
        out.push(b']');
    }
    out.push(b'}');
}

/// `s` as a JSON string, escaped as serde_json escapes it: `"`, `\` and control characters
/// (the short forms where JSON has them); every other byte, non-ASCII too, as it is.
pub(crate) fn push_str(out: &mut Vec<u8>, s: &str) {
    out.reserve(s.len() + 2);
    out.push(b'"');
    push_str_body(out, s);
    out.push(b'"');
}

/// [`push_str`] without the quotes. Eight bytes at a time are copied whole (nearly all
/// have nothing to escape), and cut back to the first that needs escaping when one does.
pub(crate) fn push_str_body(out: &mut Vec<u8>, s: &str) {
    let mut rest = s.as_bytes();
    while let Some(chunk) = rest.first_chunk::<8>() {
        let marks = escape_marks(u64::from_le_bytes(*chunk));
        out.extend_from_slice(chunk);
        if marks == 0 {
            rest = &rest[8..];
        } else {
            let k = (marks.trailing_zeros() / 8) as usize;
            out.truncate(out.len() - 8 + k);
            push_escape(out, chunk[k]);
            rest = &rest[k + 1..];
        }
    }
    for &b in rest {
        if b < 0x20 || b == b'"' || b == b'\\' {
            push_escape(out, b);
        } else {
            out.push(b);
        }
    }
}

/// The high bit of the first of eight bytes (little-endian) that JSON escapes, or 0. Bits
/// above it may be set wrongly (a borrow runs on upwards), so only the lowest one counts.
fn escape_marks(x: u64) -> u64 {
    use crate::posting::bytes8::{HIGH, ONES};
    // A byte below `n` (not one of 0x80 and up) borrows and sets its high bit; below the
    // first such byte nothing has borrowed. `"` and `\` are zero bytes after the xor.
    let below = |n: u64, x: u64| x.wrapping_sub(n * ONES) & !x & HIGH;
    below(0x20, x) | below(1, x ^ (0x22 * ONES)) | below(1, x ^ (0x5c * ONES))
}

/// A byte JSON escapes (`"`, `\` or a control character), escaped.
fn push_escape(out: &mut Vec<u8>, b: u8) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    match b {
        b'"' => out.extend_from_slice(b"\\\""),
        b'\\' => out.extend_from_slice(b"\\\\"),
        0x08 => out.extend_from_slice(b"\\b"),
        b'\t' => out.extend_from_slice(b"\\t"),
        b'\n' => out.extend_from_slice(b"\\n"),
        0x0c => out.extend_from_slice(b"\\f"),
        b'\r' => out.extend_from_slice(b"\\r"),
        _ => out.extend_from_slice(&[
            b'\\',
            b'u',
            b'0',
            b'0',
            HEX[usize::from(b >> 4)],
            HEX[usize::from(b & 15)],
        ]),
    }
}

/// The digits of `n` in decimal, written at the end of `digits`.
pub(super) fn decimal(mut n: usize, digits: &mut [u8; 20]) -> &str {
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    std::str::from_utf8(&digits[i..]).expect("ASCII digits")
}

/// Appends `n` in decimal, as `{}` writes it: lines and columns are mostly under 1,000,
/// written a pair of digits at a time.
pub(super) fn push_decimal(out: &mut Vec<u8>, n: usize) {
    // "00" to "99".
    const PAIRS: [[u8; 2]; 100] = {
        let mut t = [[0; 2]; 100];
        let mut i = 0;
        while i < 100 {
            t[i] = [b'0' + (i / 10) as u8, b'0' + (i % 10) as u8];
            i += 1;
        }
        t
    };
    if n < 10 {
        out.push(b'0' + n as u8);
    } else if n < 100 {
        out.extend_from_slice(&PAIRS[n]);
    } else if n < 1000 {
        out.push(b'0' + (n / 100) as u8);
        out.extend_from_slice(&PAIRS[n % 100]);
    } else {
        out.extend_from_slice(decimal(n, &mut [0; 20]).as_bytes());
    }
}

#[cfg(test)]
pub(super) mod tests {
    use std::sync::Arc;

    use proptest::prelude::*;

    use super::super::{FileReview, Finding, PlaceholderSummary, RULES, SectionSummary, Severity};

    /// Texts with what JSON escapes, and what it does not.
    pub(in crate::review) fn text() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            proptest::sample::select(vec![
                "a",
                "Zürich",
                " ",
                "\"",
                "\\",
                "\n",
                "\r",
                "\t",
                "\u{8}",
                "\u{c}",
                "\u{0}",
                "\u{1f}",
                "\u{7f}",
                "/",
                "é",
                "’",
                "\u{2028}",
                "🙂",
                "[Company Name]",
                "<b>",
            ]),
            0..8,
        )
        .prop_map(|parts| parts.concat())
    }

    fn review() -> impl Strategy<Value = FileReview> {
        let section = (
            text(),
            1u8..7,
            0usize..5000,
            0usize..40,
            proptest::option::of(0usize..900),
        )
            .prop_map(|(title, level, line, placeholders, words)| SectionSummary {
                title: Arc::from(title),
                level,
                line,
                placeholders,
                words,
            });
        let placeholder = (
            text(),
            0usize..5000,
            0usize..300,
            proptest::option::of(text()),
            any::<bool>(),
        )
            .prop_map(
                |(t, line, column, section, suppressed)| PlaceholderSummary {
                    text: Arc::from(t),
                    line,
                    column,
                    section: section.map(Arc::from),
                    suppressed,
                },
            );
        (
            text(),
            any::<bool>(),
            proptest::collection::vec(section, 0..4),
            proptest::collection::vec(placeholder, 0..4),
            proptest::collection::vec(finding(), 0..5),
        )
            .prop_map(
                |(path, complete, sections, placeholders, findings)| FileReview {
                    path,
                    complete,
                    sections,
                    placeholders,
                    findings,
                },
            )
    }

    /// Findings of every rule and severity, with small positions or any.
    pub(in crate::review) fn finding() -> impl Strategy<Value = Finding> {
        let positions = prop_oneof![
            proptest::array::uniform4(0usize..200),
            proptest::array::uniform4(any::<usize>()),
        ];
        (
            0..RULES.len(),
            0..3usize,
            positions,
            text(),
            proptest::collection::vec(text(), 0..3),
        )
            .prop_map(
                |(rule, severity, [line, column, end_line, end_column], message, suggestions)| {
                    Finding {
                        rule: RULES[rule].id,
                        severity: [Severity::Info, Severity::Warning, Severity::Error][severity],
                        line,
                        column,
                        end_line,
                        end_column,
                        message,
                        suggestions,
                    }
                },
            )
    }

    proptest::proptest! {
        #[test]
        fn numbers_are_written_as_format_writes_them(n in proptest::num::usize::ANY, small in 0usize..1000) {
            for n in [n, small] {
                let mut digits = [0; 20];
                let written = super::decimal(n, &mut digits).as_bytes().to_vec();
                proptest::prop_assert_eq!(written, n.to_string().into_bytes());
                let mut pushed = b"x".to_vec();
                super::push_decimal(&mut pushed, n);
                proptest::prop_assert_eq!(pushed, format!("x{n}").into_bytes());
            }
        }

    }

    proptest::proptest! {
        #[test]
        fn a_review_is_written_as_serde_json_writes_it(r in review()) {
            let mut out = Vec::new();
            super::file(&mut out, &r);
            let reference = serde_json::to_vec(&r).unwrap();
            prop_assert_eq!(String::from_utf8(out).unwrap(), String::from_utf8(reference).unwrap());
        }
    }

    proptest::proptest! {
        #[test]
        fn escape_marks_finds_the_first_escaped_byte(
            bytes in proptest::array::uniform8(proptest::sample::select(vec![
                b'a', b' ', b'"', b'\\', 0, 1, 0x1f, 0x20, 0x21, 0x23, 0x5b, 0x5d, 0x7f, 0x80, 0x9f, 0xa2,
                0xdc, 0xff,
            ])),
        ) {
            let first = bytes.iter().position(|&b| b < 0x20 || b == b'"' || b == b'\\');
            let marks = super::escape_marks(u64::from_le_bytes(bytes));
            prop_assert_eq!((marks != 0).then(|| marks.trailing_zeros() as usize / 8), first);
        }

        #[test]
        fn a_string_is_written_as_serde_json_writes_it(
            s in proptest::prop_oneof![text(), proptest::prelude::any::<String>()],
            at in 0usize..9,
        ) {
            // Shifted by up to eight bytes, so an escape falls at each place in the eight.
            let s = format!("{}{s}", "a".repeat(at));
            let mut out = Vec::new();
            super::push_str(&mut out, &s);
            prop_assert_eq!(String::from_utf8(out).unwrap(), serde_json::to_string(&s).unwrap());
        }
    }

    #[test]
    fn every_rule_and_control_character_is_written_as_serde_json_writes_it() {
        let every_byte: String = (0u8..0x80).map(char::from).collect();
        let mut out = Vec::new();
        super::push_str(&mut out, &every_byte);
        assert_eq!(out, serde_json::to_vec(&every_byte).unwrap());
        for rule in RULES {
            let mut out = Vec::new();
            super::push_str(&mut out, rule.id.as_str());
            assert_eq!(
                out,
                serde_json::to_vec(&rule.id).unwrap(),
                "{}",
                rule.id.as_str()
            );
        }
    }
}
