//! Measures the model against the annotated corpus in `../shared/corpus/` (real postings with a
//! `.yaml` of the ground truth): round trip, section split and placeholder precision/recall.
//! The corpus is other people's text and is not part of this repository, so these tests are
//! ignored by default; `.ci/run` runs them with `--ignored` where `../shared/corpus` exists.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use jobpost::posting::Posting;

#[derive(Debug, serde::Deserialize)]
struct Annotation {
    #[serde(default)]
    sections: Vec<SectionNote>,
    #[serde(default)]
    placeholders: Vec<Mark>,
    #[serde(default)]
    not_placeholders: Vec<Mark>,
}

#[derive(Debug, serde::Deserialize)]
struct SectionNote {
    title: String,
    level: u8,
    line: usize,
}

#[derive(Debug, serde::Deserialize, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Mark {
    text: String,
    line: usize,
}

const NEEDS_CORPUS: &str =
    "reads the annotated corpus in ../shared/corpus, which is not part of the repository";

fn corpus() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    assert!(dir.is_dir(), "{NEEDS_CORPUS}: {} not found", dir.display());
    dir
}

fn postings(root: &Path) -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    for folder in std::fs::read_dir(root).unwrap().filter_map(Result::ok) {
        if !folder.path().is_dir() {
            continue;
        }
        let name = folder.file_name().to_string_lossy().into_owned();
        for f in std::fs::read_dir(folder.path())
            .unwrap()
            .filter_map(Result::ok)
        {
            let p = f.path();
            if p.extension().is_some_and(|e| e == "md") && p.with_extension("yaml").exists() {
                out.push((name.clone(), p));
            }
        }
    }
    out.sort();
    out
}

fn annotation(md: &Path) -> Annotation {
    let text = std::fs::read_to_string(md.with_extension("yaml")).unwrap();
    serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", md.display()))
}

#[test]
#[ignore = "reads the annotated corpus in ../shared/corpus, which is not part of the repository"]
fn every_corpus_file_round_trips_byte_for_byte() {
    let root = corpus();
    let files = postings(&root);
    for (_, p) in &files {
        let bytes = std::fs::read(p).unwrap();
        let posting = Posting::from_bytes(bytes.clone()).unwrap();
        assert_eq!(
            posting.text().as_bytes(),
            bytes.as_slice(),
            "{}",
            p.display()
        );
    }
    eprintln!(
        "round trip: {} of {} corpus files identical",
        files.len(),
        files.len()
    );
}

#[test]
#[ignore = "reads the annotated corpus in ../shared/corpus, which is not part of the repository"]
fn sections_match_the_annotations() {
    let root = corpus();
    let mut checked = 0;
    for (_, p) in postings(&root) {
        let note = annotation(&p);
        let posting = Posting::from_bytes(std::fs::read(&p).unwrap()).unwrap();
        let got: Vec<_> = posting
            .sections()
            .iter()
            .map(|s| (s.title.to_string(), s.level, s.line))
            .collect();
        let want: Vec<_> = note
            .sections
            .iter()
            .map(|s| (s.title.clone(), s.level, s.line))
            .collect();
        assert_eq!(got, want, "{}", p.display());
        checked += want.len();
    }
    eprintln!("sections: {checked} headings match");
}

#[test]
#[ignore = "reads the annotated corpus in ../shared/corpus, which is not part of the repository"]
fn placeholder_precision_and_recall_are_at_least_098() {
    let root = corpus();
    let mut per_folder: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    let mut misses = Vec::new();
    for (folder, p) in postings(&root) {
        let note = annotation(&p);
        let posting = Posting::from_bytes(std::fs::read(&p).unwrap()).unwrap();
        let mut got: Vec<Mark> = posting
            .placeholders()
            .iter()
            .map(|x| Mark {
                text: x.text.to_string(),
                line: x.line as usize,
            })
            .collect();
        let mut want = note.placeholders.clone();
        got.sort();
        want.sort();
        let (mut tp, mut fp) = (0, 0);
        let mut remaining = want.clone();
        for g in &got {
            if let Some(i) = remaining.iter().position(|w| w == g) {
                remaining.remove(i);
                tp += 1;
            } else {
                fp += 1;
                let why = note
                    .not_placeholders
                    .iter()
                    .find(|n| n.text == g.text)
                    .map_or("", |_| " (annotated not_placeholder)");
                misses.push(format!(
                    "false positive {}:{} {:?}{why}",
                    p.display(),
                    g.line,
                    g.text
                ));
            }
        }
        for w in &remaining {
            misses.push(format!("missed {}:{} {:?}", p.display(), w.line, w.text));
        }
        let e = per_folder.entry(folder).or_default();
        e.0 += tp;
        e.1 += fp;
        e.2 += remaining.len();
    }
    let (mut tp, mut fp, mut fn_) = (0, 0, 0);
    for (folder, (t, f, n)) in &per_folder {
        eprintln!(
            "{folder}: tp {t} fp {f} fn {n} precision {:.3} recall {:.3}",
            ratio(*t, t + f),
            ratio(*t, t + n)
        );
        tp += t;
        fp += f;
        fn_ += n;
    }
    let (precision, recall) = (ratio(tp, tp + fp), ratio(tp, tp + fn_));
    eprintln!("all: tp {tp} fp {fp} fn {fn_} precision {precision:.4} recall {recall:.4}");
    for m in &misses {
        eprintln!("  {m}");
    }
    assert!(
        precision >= 0.98 && recall >= 0.98,
        "precision {precision:.4} recall {recall:.4}"
    );
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}
