//! `check` throughput without I/O: 1,000 postings generated from the built-in Product Owner
//! template with small variations (some placeholders filled, a pay line, jargon, extra
//! bullets, suppression comments in every fifth), one in ten of them a posting in another
//! language (the German, French, Spanish, Portuguese, Italian, Dutch, Japanese and Chinese
//! test fixtures), each parsed once, reviewed with the default rules and rendered as JSON or
//! SARIF, the way `jobpost check --format json|sarif` handles a file. Reported in bytes per
//! second.
//!
//! `check CLI`: the release binary run as CI runs it, `jobpost check DIR --format text|json|
//! sarif > /dev/null`, over the same postings written as 2,000 files into a temporary folder
//! (walker, reading, both cores, writing), next to `cat $(find DIR -name '*.md')` over the
//! same files: the performance budget is `check` ≤ 3× that.
//!
//! Run: `cargo bench --bench check` (add `-- --quick` for a fast, rougher figure).

use std::hint::black_box;
use std::process::{Command, Stdio};
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use jobpost::posting::Posting;
use jobpost::review::{self, Rules, report};
use jobpost::templates;

/// Postings in other languages: language detection, CJK phrases and every pay pattern.
const OTHER_LANGUAGES: &[&str] = &[
    include_str!("../tests/fixtures/languages/de.md"),
    include_str!("../tests/fixtures/languages/fr.md"),
    include_str!("../tests/fixtures/languages/es.md"),
    include_str!("../tests/fixtures/languages/pt.md"),
    include_str!("../tests/fixtures/languages/it.md"),
    include_str!("../tests/fixtures/languages/nl.md"),
    include_str!("../tests/fixtures/languages/ja.md"),
    include_str!("../tests/fixtures/languages/zh.md"),
];

/// `n` variations of the template, one in ten in another language.
fn postings(n: usize) -> Vec<String> {
    const COMPANIES: &[&str] = &["Acme", "Northwind Labs", "Globex", "Initech", "Umbrella"];
    const CITIES: &[&str] = &["Oslo", "Leeds, UK", "Remote", "Austin, TX", "Lyon"];
    (0..n)
        .map(|i| {
            if i % 10 == 9 {
                return format!(
                    "{}\n<!-- {i} -->\n",
                    OTHER_LANGUAGES[i / 10 % OTHER_LANGUAGES.len()]
                );
            }
            let mut text = templates::PRODUCT_OWNER.to_string();
            if i % 2 == 0 {
                text = text.replace("[Company Name]", COMPANIES[i % COMPANIES.len()]);
            }
            if i % 3 == 0 {
                text = text.replace("[Your City]", CITIES[i % CITIES.len()]);
            }
            text.push_str(&format!(
                "\n## Extra {i}\n\nWe are a collaborative team of rockstar builders who value \
                 support and honest feedback. Full-time, hybrid.\n"
            ));
            if i % 4 == 0 {
                text.push_str("\nSalary: $90,000 – $120,000 per year.\n");
            }
            if i % 5 == 0 {
                text.push_str(
                    "\n<!-- jobpost-disable-next-line placeholder exclusionary-jargon -->\n\
                     Kept on purpose: [Start Date], our ninja.\n\n<!-- jobpost-disable length -->\n",
                );
            }
            for b in 0..(i % 7) {
                text.push_str(&format!("- Requirement {b}: ambitious, decisive leader\n"));
            }
            text
        })
        .collect()
}

fn check(c: &mut Criterion) {
    let texts = postings(1000);
    let bytes: usize = texts.iter().map(String::len).sum();
    let rules = Rules::default();
    let mut group = c.benchmark_group("check");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(5));
    group.throughput(Throughput::Bytes(bytes as u64));
    for (name, format) in [
        ("1000 postings, review + JSON", report::Format::Json),
        ("1000 postings, review + SARIF", report::Format::Sarif),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| {
                let mut out = Vec::with_capacity(bytes);
                for (i, t) in texts.iter().enumerate() {
                    let posting = Posting::parse(t.as_str());
                    let r = review::review_with(format!("p{i}.md"), &posting, &rules);
                    report::render(format, &r, &mut out);
                }
                black_box(out)
            })
        });
    }
    group.finish();
}

/// Runs a command with its output thrown away; `check` exits 1 when a posting has errors.
fn run(cmd: &mut Command) {
    let status = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("command runs");
    assert!(status.code().is_some_and(|c| c <= 1), "{cmd:?}: {status}");
}

fn check_cli(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temporary folder");
    for (i, t) in postings(2000).iter().enumerate() {
        std::fs::write(dir.path().join(format!("post_{i:05}.md")), t).expect("write posting");
    }
    let bin = env!("CARGO_BIN_EXE_jobpost");
    let mut group = c.benchmark_group("check CLI");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(10));
    // The budget's baseline as the README measures it: the shell, `find` and `cat`.
    group.bench_function("2000 files, cat $(find DIR -name '*.md')", |b| {
        b.iter(|| {
            run(Command::new("sh")
                .args(["-c", r#"cat $(find "$1" -name '*.md')"#, "sh"])
                .arg(dir.path()))
        })
    });
    for format in ["text", "json", "sarif"] {
        group.bench_function(
            format!("2000 files, jobpost check --format {format}"),
            |b| {
                b.iter(|| {
                    run(Command::new(bin)
                        .args(["check", "--format", format])
                        .arg(dir.path()))
                })
            },
        );
    }
    group.finish();
}

criterion_group!(benches, check, check_cli);
criterion_main!(benches);
