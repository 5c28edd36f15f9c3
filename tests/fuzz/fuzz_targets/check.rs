//! The whole `check` path: any bytes are loaded as `check` loads a file (refused, or a
//! posting), reviewed (plain and `--strict`, built-in and team rules), and rendered in every
//! report format. Nothing may panic; the JSON report parses back with every finding.
#![no_main]

use std::collections::BTreeMap;
use std::sync::{Arc, LazyLock};

use jobpost::posting::{DetectOptions, Posting};
use jobpost::review::{self, Level, RuleId, Rules, report};
use libfuzzer_sys::fuzz_target;

/// A team config: every rule on at a different level, its own sections, jargon and pattern.
static TEAM: LazyLock<(Rules, Arc<DetectOptions>)> = LazyLock::new(|| {
    let levels: BTreeMap<RuleId, Level> = review::RULES
        .iter()
        .map(|r| (r.id, Level::Error))
        .collect();
    let sections: BTreeMap<String, Vec<String>> = [
        ("über uns".to_string(), vec!["über *".to_string(), "会社".to_string()]),
        ("pay".to_string(), vec!["gehalt".to_string()]),
    ]
    .into();
    let jargon = [("Wunderkind".to_string(), "talent".to_string())].into();
    let options = DetectOptions {
        patterns: vec![regex::Regex::new(r"\(\(\w[^)]*\)\)|XX+").unwrap()],
        ..DetectOptions::default()
    };
    (Rules::new(levels, Some(&sections), &jargon), Arc::new(options))
});

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let team = selector & 1 == 1;
    let options = if team { TEAM.1.clone() } else { Arc::default() };
    let Ok(posting) = Posting::from_bytes_with(bytes.to_vec(), options) else {
        return;
    };
    let default = Rules::default();
    let rules = if team { &TEAM.0 } else { &default };
    let mut r = review::review_with("fuzz.md".into(), &posting, rules);
    if selector & 2 == 2 {
        r.make_strict();
    }
    for format in [report::Format::Text, report::Format::Github] {
        let mut out = Vec::new();
        report::render(format, &r, &mut out);
        assert!(std::str::from_utf8(&out).is_ok());
    }
    let mut json = Vec::new();
    report::render(report::Format::Json, &r, &mut json);
    let back: serde_json::Value = serde_json::from_slice(&json).expect("the JSON report parses");
    assert_eq!(back["findings"].as_array().map(Vec::len), Some(r.findings.len()));
    let _ = report::summary(&r);
    // Every finding points into the file (lines end with `\n`, `\r\n` or a lone `\r`).
    let lines = posting.text().replace("\r\n", "\n").replace('\r', "\n").split('\n').count();
    for f in &r.findings {
        assert!(f.line >= 1 && f.line <= lines + 1, "{f:?} of {lines} lines");
        assert!(f.column >= 1, "{f:?}");
    }
});
