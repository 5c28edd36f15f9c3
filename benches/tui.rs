//! Editor speed in-process: open a posting to its first frame in a `TestBackend` (80x24),
//! and a keystroke plus redraw (a key and its Backspace), for the built-in template and generated 1 MB / 10 MB
//! postings of many sections and of one giant section (typing before it, and inside it).
//!
//! At 100x50 the focused pane is stacked with its neighbours (`seed_100x50`), drawn through
//! the event loop's view cache. `seed_event_loop` draws at 80x24 as the event loop does (view
//! cache, and its own copy of the screen finding what to send) where `seed` draws every frame
//! from scratch through ratatui's `Terminal::draw`.
//!
//! Run: `cargo bench --bench tui` (big inputs take 10 samples each). A keystroke runs as
//! the event loop runs it: the key, its frame, then the model fold (the review waits for a
//! pause in typing).

mod common;

use std::hint::black_box;
use std::time::Duration;

use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, BenchmarkId, Criterion, criterion_group, criterion_main};
use jobpost::posting::Posting;
use jobpost::templates;
use jobpost::tui::Launch;
use jobpost::tui::app::{App, Theme};
use jobpost::tui::ui::ViewCache;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const MB: usize = 1024 * 1024;

/// The template, then template-like sections with distinct headings (about 2,800 per MB).
fn sectioned(bytes: usize) -> String {
    common::grow(templates::PRODUCT_OWNER, bytes, |i| {
        format!(
            "\n### Area {i}\n\n[Company Name] builds {{{{ product_{i} }}}} for <Customer>.\n\
             - Own the roadmap for area {i}, TBD by {{TEAM_LEAD}}.\n\
             - Keep the backlog honest and short.\n\n\
             We plan carefully, write things down and ship work customers rely on.\n"
        )
    })
}

/// The template, then one giant body under its last heading (no more headings).
fn giant(bytes: usize) -> String {
    common::grow(templates::PRODUCT_OWNER, bytes, |i| {
        format!(
            "\nArea {i}: [Company Name] builds {{{{ product_{i} }}}} for <Customer>.\n\
             We plan carefully, write things down and ship work customers rely on.\n"
        )
    })
}

fn open(text: &str) -> App {
    App::with_theme(
        Launch {
            path: None,
            posting: Posting::parse(text.to_string()),
        },
        Theme { color: true },
    )
}

fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

fn first_frame(c: &mut Criterion) {
    let mut group = c.benchmark_group("first_frame");
    let inputs = [
        ("seed", templates::PRODUCT_OWNER.to_string()),
        ("1MB_sections", sectioned(MB)),
        ("1MB_giant", giant(MB)),
        ("10MB_sections", sectioned(10 * MB)),
        ("10MB_giant", giant(10 * MB)),
    ];
    for (name, text) in &inputs {
        if text.len() > 100_000 {
            group.sample_size(10);
            group.measurement_time(Duration::from_secs(5));
        }
        group.bench_with_input(BenchmarkId::from_parameter(name), text, |b, text| {
            b.iter(|| {
                let app = open(black_box(text));
                let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
                t.draw(|f| jobpost::tui::ui::draw(&app, f)).unwrap();
                app
            })
        });
    }
    group.finish();
}

fn keystroke(c: &mut Criterion) {
    let mut group = c.benchmark_group("keystroke_redraw");
    for (name, text, jump) in [
        ("seed", templates::PRODUCT_OWNER.to_string(), 'n'),
        ("1MB_sections", sectioned(MB), 'n'),
        ("1MB_giant", giant(MB), 'n'),
        // Typing inside the giant section itself (its last placeholder, by Ctrl-P).
        ("1MB_giant_in_section", giant(MB), 'p'),
    ] {
        let mut app = open(&text);
        // As the event loop runs it: a key, its frame, then the review (and a frame if the
        // outline marks changed).
        app.defer_review();
        // Into the first placeholder, as a user does with Ctrl-N (or the last, Ctrl-P).
        app.handle_key(KeyEvent::new(KeyCode::Char(jump), KeyModifiers::CONTROL));
        let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
        t.draw(|f| jobpost::tui::ui::draw(&app, f)).unwrap();
        // Each iteration types a key and takes it back (two keystrokes, two frames), so the
        // pane stays as it was and every sample measures the same thing.
        group.bench_function(BenchmarkId::from_parameter(name), |b| {
            b.iter(|| {
                for k in [
                    key('a'),
                    KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE),
                ] {
                    app.handle_key(k);
                    t.draw(|f| jobpost::tui::ui::draw(&app, f)).unwrap();
                    if app.fold_after_frame() {
                        t.draw(|f| jobpost::tui::ui::draw(&app, f)).unwrap();
                    }
                }
            })
        });
    }
    keystroke_tall(&mut group);
    keystroke_event_loop(&mut group);
    group.finish();
}

/// A keystroke and its frames on a tall screen: the focused pane with its neighbours, drawn
/// as the event loop draws (one view cache kept from frame to frame).
fn keystroke_tall(group: &mut BenchmarkGroup<'_, WallTime>) {
    let mut app = open(templates::PRODUCT_OWNER);
    app.defer_review();
    app.handle_key(KeyEvent::new(KeyCode::Char('n'), KeyModifiers::CONTROL));
    let mut t = Terminal::new(TestBackend::new(100, 50)).unwrap();
    let mut view = ViewCache::default();
    let mut frame = |app: &mut App, t: &mut Terminal<TestBackend>| {
        t.draw(|f| jobpost::tui::ui::draw_cached(app, &mut view, f))
            .unwrap();
        app.pane_drawn_at(view.pane_text);
    };
    frame(&mut app, &mut t);
    group.bench_function(BenchmarkId::from_parameter("seed_100x50"), |b| {
        b.iter(|| type_and_erase(&mut app, &mut |app: &mut App| frame(app, &mut t)))
    });
}

/// A keystroke and its frames at 80x24 drawn as the event loop draws them: one view cache
/// and one copy of the screen kept from frame to frame.
fn keystroke_event_loop(group: &mut BenchmarkGroup<'_, WallTime>) {
    let mut app = open(templates::PRODUCT_OWNER);
    app.defer_review();
    app.handle_key(KeyEvent::new(KeyCode::Char('n'), KeyModifiers::CONTROL));
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let mut view = ViewCache::default();
    let mut screen = jobpost::tui::screen::Screen::default();
    let mut frame = |app: &mut App, t: &mut Terminal<TestBackend>| {
        screen
            .draw(t, |f, copies| {
                jobpost::tui::ui::draw_cached(app, &mut view, f);
                copies.extend_from_slice(&view.copies);
                None
            })
            .unwrap();
        app.pane_drawn_at(view.pane_text);
    };
    frame(&mut app, &mut t);
    group.bench_function(BenchmarkId::from_parameter("seed_event_loop"), |b| {
        b.iter(|| type_and_erase(&mut app, &mut |app: &mut App| frame(app, &mut t)))
    });
}

/// Types a letter and erases it, each key with its frames as the event loop draws them.
fn type_and_erase(app: &mut App, frame: &mut dyn FnMut(&mut App)) {
    for k in [
        key('a'),
        KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE),
    ] {
        app.handle_key(k);
        frame(app);
        if app.fold_after_frame() {
            frame(app);
        }
    }
}

criterion_group!(benches, first_frame, keystroke);
criterion_main!(benches);
