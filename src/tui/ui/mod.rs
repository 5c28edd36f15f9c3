//! Drawing: one function per part of the screen, all side-effect free over `&App`.
//!
//! Layout (80x24): outline on the left (fitted to the longest section name, 16..30 columns), the
//! focused part's pane on the right, then a status line and a key-hint line. On a tall screen
//! the neighbouring parts are stacked around the focused pane, and text is at most 100
//! columns wide (see [`crate::tui::wide`]).

pub mod controls;
pub mod dialogs;
pub mod fill_form;
pub mod help;
pub mod outline;
pub mod pane;
pub mod recovery;
pub mod review;
pub mod save_ask;
pub mod status;
pub mod theme;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use super::app::{App, Mode};

/// Below this the layout does not fit; a plain message is shown instead.
pub const MIN_WIDTH: u16 = 40;
/// Below this the layout does not fit; a plain message is shown instead.
pub const MIN_HEIGHT: u16 = 10;

/// What drawing keeps from one frame to the next, owned by the event loop: the outline and
/// the neighbours' boxes as last drawn (a frame showing the same copies their cells instead
/// of laying them out again) and where the pane's text went.
#[derive(Default)]
pub struct ViewCache {
    /// The outline's cells and the key of what they showed.
    pub outline: Option<(u64, ratatui::buffer::Buffer)>,
    /// The neighbours' boxes drawn in the last frame, each with the key of what it showed.
    pub peeks: Vec<(u64, ratatui::buffer::Buffer)>,
    /// Where the focused pane's text was drawn.
    pub pane_text: Rect,
}

/// Draws the whole screen from scratch.
pub fn draw(app: &App, frame: &mut Frame) {
    draw_cached(app, &mut ViewCache::default(), frame);
}

/// Draws the whole screen, reusing and refreshing `cache`. The App is only read.
pub fn draw_cached(app: &App, cache: &mut ViewCache, frame: &mut Frame) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame, area);
        return;
    }
    let screen = screen(app, area);
    let (main, status_row, hints_row) = (screen.main, screen.status, screen.hints);
    outline::draw(app, frame, screen.outline, &mut cache.outline);
    let mut last_peeks = std::mem::take(&mut cache.peeks);
    for slot in &screen.panes {
        if slot.focused {
            cache.pane_text = pane::draw(app, frame, slot.area);
        } else {
            let peek = pane::draw_peek(app, frame, slot.area, slot.part, &mut last_peeks);
            cache.peeks.push(peek);
        }
    }
    status::draw(app, frame, status_row);
    if hints_row.height > 0 {
        status::draw_hints(app, frame, hints_row);
    }
    match app.mode() {
        Mode::Help(scroll) => help::draw(frame, main, *scroll),
        Mode::Confirm(c) => dialogs::draw_confirm(app, frame, main, c),
        Mode::Fill(fill) => fill_form::draw(app, frame, main, status_row, fill),
        Mode::Review(selected) => review::draw(app, frame, main, *selected),
        Mode::SaveAsk(ask) => save_ask::draw(frame, main, ask),
        Mode::Normal | Mode::Prompt { .. } => {}
    }
    if let Some(d) = app.guard_dialog() {
        recovery::draw(app, frame, main, d);
    }
}

/// Where everything goes on a screen of `area` (drawing and the mouse ask the same).
pub fn screen(app: &App, area: Rect) -> crate::tui::wide::Screen {
    let outline_width = u16::try_from(outline::wanted_width(app)).unwrap_or(u16::MAX);
    // A long message takes the key-hint line (and, past two rows, a row of the pane).
    let status_rows = status::rows(app, area.width);
    crate::tui::wide::layout(
        area,
        status_rows,
        outline_width,
        app.panes().len(),
        app.focus(),
        app.view(),
        |i, width| {
            if i == app.focus() {
                // A row to spare for the line being typed.
                crate::tui::wide::wrapped_rows(app.focused().all_lines(), width, area.height)
                    .saturating_add(1)
            } else {
                let text = app.shown().part_text(app.panes()[i]);
                let lines = text.lines().skip(pane::peek_skip(text));
                crate::tui::wide::wrapped_rows(lines, width, area.height)
            }
        },
    )
}

fn too_small(frame: &mut Frame, area: Rect) {
    let text = vec![
        Line::from("Terminal too small"),
        Line::from(format!(
            "{}x{}, need {MIN_WIDTH}x{MIN_HEIGHT}",
            area.width, area.height
        )),
    ];
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
}

/// Copies the cells of `from` (drawn earlier) into the same place of `to`.
fn copy(from: &ratatui::buffer::Buffer, to: &mut ratatui::buffer::Buffer) {
    let area = from.area.intersection(to.area);
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            to[(x, y)] = from[(x, y)].clone();
        }
    }
}

/// Cuts `s` to at most `width` terminal cells (whole characters), marking the cut with `…`.
pub fn truncate(s: &str, width: usize) -> String {
    crate::tui::text::truncate(s, width)
}

pub use crate::tui::text::wrap;
