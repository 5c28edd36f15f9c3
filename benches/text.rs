//! Text as people write it: Unicode case-folded find over a 1 MB posting (against the ASCII
//! lowercase-and-scan it replaces), a cluster step and a Ctrl-W span at the end of a long
//! line, and an outline row cut to its cells.
//!
//! Run: `cargo bench --bench text` (add `-- --quick` for a fast, rougher figure).

mod common;

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use jobpost::posting::search::Finder;
use jobpost::tui::text;

const MB: usize = 1024 * 1024;

fn posting() -> String {
    common::grow("# Stelle\n\n", MB, |i| {
        format!(
            "## Über uns {i}\n\nWir sind ein kleines Team in der Straße {i}. [Company Name] \
             baut Software für Kunden in ganz Europa, und wir suchen Verstärkung. 会社について.\n\n"
        )
    })
}

fn bench(c: &mut Criterion) {
    let text = posting();
    let mut group = c.benchmark_group("find 1 MB");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("unicode (ÜBER UNS)", |b| {
        b.iter(|| {
            Finder::new("ÜBER UNS")
                .unwrap()
                .find_all(black_box(&text))
                .len()
        })
    });
    group.bench_function("unicode, no match", |b| {
        b.iter(|| {
            Finder::new("zebra")
                .unwrap()
                .find_all(black_box(&text))
                .len()
        })
    });
    group.bench_function("ascii lowercase + scan (before)", |b| {
        b.iter(|| {
            let hay = black_box(&text).to_ascii_lowercase();
            hay.match_indices("über uns").count()
        })
    });
    group.finish();

    let line = "Wir sind ein Team 👩\u{200d}💻 in der Straße. ".repeat(250);
    let end = line.chars().count();
    let mut group = c.benchmark_group("cluster keys at the end of a 12 KB line");
    group.bench_function("prev_boundary", |b| {
        b.iter(|| text::prev_boundary(black_box(&line), end))
    });
    group.bench_function("word_start_before", |b| {
        b.iter(|| text::word_start_before(black_box(&line), end))
    });
    group.finish();

    // What every typed key adds: the cursor snapped out of a cluster, at a 60-char line's end.
    let short = "Wir suchen eine Person für unser Team in der Straße 👩\u{200d}💻 ok";
    let end = short.chars().count();
    c.bench_function("snap at the end of a 60-char line", |b| {
        b.iter(|| text::snap(black_box(short), end))
    });

    c.bench_function("outline row fit (会社について 🚀, 12 cells)", |b| {
        b.iter(|| text::fit(black_box("会社について 🚀 und mehr"), 12))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
