//! Folder view speed on the loop's thread: with 10,000 rows, folding one check result in and
//! drawing the frame (sorted by path, and by placeholders, where every result re-sorts), and
//! a filter keystroke with its frame, and a burst of 1,000 results folded at once. The checks themselves run on the worker (`check` bench).
//!
//! Run: `cargo bench --bench list`.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{Criterion, criterion_group, criterion_main};
use jobpost::review::overview::{Fact, Overview};
use jobpost::tui::list::{Checked, ListState, ui};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

const ROWS: usize = 10_000;

fn overview(i: usize) -> Checked {
    Checked {
        result: Ok(Overview {
            title: format!("Role {i}"),
            placeholders: i % 13,
            errors: i % 3,
            warnings: i % 5,
            pay: Fact::Stated,
            location: Fact::Missing,
            employment: Fact::Stated,
            complete: i.is_multiple_of(3) && i.is_multiple_of(13),
        }),
        modified: None,
    }
}

fn list() -> ListState {
    let paths = (0..ROWS)
        .map(|i| PathBuf::from(format!("roles/post_{i:05}.md")))
        .collect();
    let mut s = ListState::new("roles", paths, Vec::new());
    for i in 0..ROWS {
        s.checked(i, overview(i));
    }
    s
}

fn frame(t: &mut Terminal<TestBackend>, s: &mut ListState) {
    s.scroll_to(ui::rows_height(Rect::new(0, 0, 80, 24)));
    t.draw(|f| ui::draw(s, f)).unwrap();
}

fn result_and_frame(c: &mut Criterion) {
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    for (name, sort_key) in [("by path", 'n'), ("by placeholders", 'p')] {
        let mut s = list();
        s.handle_key(KeyEvent::new(KeyCode::Char(sort_key), KeyModifiers::NONE));
        let mut i = 0;
        c.bench_function(&format!("list 10k: a result and its frame, {name}"), |b| {
            b.iter(|| {
                i = (i + 1) % ROWS;
                s.checked(i, overview(i + 1));
                frame(&mut t, &mut s);
                black_box(&s);
            })
        });
    }
}

fn filter_keystroke(c: &mut Criterion) {
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let mut s = list();
    s.handle_key(KeyEvent::new(KeyCode::Char('/'), KeyModifiers::NONE));
    c.bench_function("list 10k: a filter keystroke and its frame", |b| {
        b.iter(|| {
            s.handle_key(KeyEvent::new(KeyCode::Char('7'), KeyModifiers::NONE));
            s.handle_key(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
            frame(&mut t, &mut s);
        })
    });
}

fn burst(c: &mut Criterion) {
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let mut s = list();
    s.handle_key(KeyEvent::new(KeyCode::Char('p'), KeyModifiers::NONE));
    c.bench_function(
        "list 10k: 1,000 results at once and their frame, by placeholders",
        |b| {
            b.iter(|| {
                s.checked_all((0..1000).map(|i| (i * 7, overview(i))));
                frame(&mut t, &mut s);
            })
        },
    );
}

criterion_group!(benches, result_and_frame, filter_keystroke, burst);
criterion_main!(benches);
