//! Model throughput: parse (front matter, sections, placeholders) plus write-back, for the
//! built-in template and for generated 1 MB and 10 MB postings, reported in MB/s.
//!
//! Run: `cargo bench --bench model` (add `-- --quick` for a fast, rougher figure).

mod common;

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use jobpost::posting::Posting;
use jobpost::templates;

const MB: usize = 1024 * 1024;

/// A posting of about `bytes` bytes made of many template-like sections with distinct
/// headings (about 2,800 headings per MB), placeholders of several forms in each.
fn sectioned(bytes: usize) -> String {
    common::grow(
        "---\ntitle: Generated\ndescription: Bench input\n---\n\n",
        bytes,
        |i| {
            format!(
                "### Section {i}\n\n[Company Name] builds {{{{ product_{i} }}}} for <Customer Type>.\n\
             - Own the roadmap for area {i}, TBD by {{TEAM_LEAD}}.\n\
             - Work with `code spans` and [a link](https://example.com/{i}).\n\n\
             We are a small team that plans carefully, writes things down and ships work \
             that customers rely on. Measure what changes, \
             and keep the backlog for area {i} honest and short.\n\n"
            )
        },
    )
}

/// A posting of about `bytes` bytes with one heading and one giant body.
fn giant_section(bytes: usize) -> String {
    common::grow("---\ntitle: Giant\n---\n\n# Everything\n\n", bytes, |i| {
        format!(
            "Paragraph {i}: [Company Name] offers <insert salary> and {{{{ perks }}}} to every \
             member of the team, with plenty of ordinary words around them.\n\n"
        )
    })
}

fn parse_and_write(text: &str) -> usize {
    let posting = Posting::parse(text);
    let mut out = Vec::with_capacity(text.len());
    out.extend_from_slice(posting.text().as_bytes());
    out.len() + posting.placeholders().len() + posting.sections().len()
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse+detect+write");
    let template = templates::PRODUCT_OWNER.to_string();
    group.throughput(Throughput::Bytes(template.len() as u64));
    group.bench_with_input(
        BenchmarkId::new("template", "product-owner"),
        &template,
        |b, t| b.iter(|| parse_and_write(black_box(t))),
    );

    group.sample_size(10);
    group.measurement_time(Duration::from_secs(5));
    for (name, text) in [
        ("sections-1MB", sectioned(MB)),
        ("sections-10MB", sectioned(10 * MB)),
        ("giant-section-1MB", giant_section(MB)),
        ("giant-section-10MB", giant_section(10 * MB)),
    ] {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::new("generated", name), &text, |b, t| {
            b.iter(|| parse_and_write(black_box(t)))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
