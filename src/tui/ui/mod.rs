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

/// What drawing keeps from one frame to the next, owned by the event loop: the outline, the
/// neighbours' boxes, the focused pane's box and the status and key-hint lines as last drawn
/// (a frame showing the same copies their cells instead of laying them out again) and where
/// the pane's text went.
#[derive(Default)]
pub struct ViewCache {
    /// The outline's cells and the key of what they showed.
    pub outline: Option<(u64, ratatui::buffer::Buffer)>,
    /// The neighbours' boxes drawn in the last frame, each with the key of what it showed.
    pub peeks: Vec<(u64, ratatui::buffer::Buffer)>,
    /// The focused pane's border and titles.
    pub pane_box: Drawn,
    /// The status line.
    pub status: Drawn,
    /// The key-hint line.
    pub hints: Drawn,
    /// Where the focused pane's text was drawn.
    pub pane_text: Rect,
    /// The areas this frame copied from the parts above (nothing drawn over them), each with
    /// the key of what it shows: an area with the same key shows the same cells.
    pub copies: Vec<(Rect, u64)>,
}

/// Draws the whole screen from scratch.
pub fn draw(app: &App, frame: &mut Frame) {
    draw_cached(app, &mut ViewCache::default(), frame);
}

/// Draws the whole screen, reusing and refreshing `cache`. The App is only read.
pub fn draw_cached(app: &App, cache: &mut ViewCache, frame: &mut Frame) {
    let area = frame.area();
    cache.copies.clear();
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
            cache.pane_text = pane::draw(app, frame, slot.area, &mut cache.pane_box);
        } else {
            let peek = pane::draw_peek(app, frame, slot.area, slot.part, &mut last_peeks);
            cache.peeks.push(peek);
        }
    }
    status::draw(app, frame, status_row, &mut cache.status);
    if hints_row.height > 0 {
        status::draw_hints(app, frame, hints_row, &mut cache.hints);
    }
    let covered =
        !matches!(app.mode(), Mode::Normal | Mode::Prompt { .. }) || app.guard_dialog().is_some();
    if !covered {
        copies(cache, &screen, area);
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

/// Lists in `cache.copies` the areas of `screen` this frame filled from the cache.
fn copies(cache: &mut ViewCache, screen: &crate::tui::wide::Screen, area: Rect) {
    // What a part keeps is listed only where this frame put it.
    let kept = |drawn: &Option<(u64, ratatui::buffer::Buffer)>, at: Rect| {
        let at = at.intersection(area);
        drawn
            .as_ref()
            .filter(|(_, buf)| buf.area.intersection(area) == at)
            .map(|(key, _)| (at, *key))
    };
    cache.copies.extend(kept(&cache.outline, screen.outline));
    cache.copies.extend(kept(&cache.status.0, screen.status));
    if screen.hints.height > 0 {
        cache.copies.extend(kept(&cache.hints.0, screen.hints));
    }
    for (key, buf) in &cache.peeks {
        cache.copies.push((buf.area.intersection(area), *key));
    }
    // Of the pane's box only its border: its text is drawn inside.
    let focused = screen.panes.iter().find(|slot| slot.focused);
    if let Some((r, key)) = focused.and_then(|slot| kept(&cache.pane_box.0, slot.area))
        && !r.is_empty()
    {
        let (bottom, right) = (r.bottom() - 1, r.right() - 1);
        let inner = r.height.saturating_sub(2);
        cache.copies.push((Rect::new(r.x, r.y, r.width, 1), key));
        if r.height > 1 {
            cache.copies.push((Rect::new(r.x, bottom, r.width, 1), key));
        }
        cache.copies.push((Rect::new(r.x, r.y + 1, 1, inner), key));
        if r.width > 1 {
            cache
                .copies
                .push((Rect::new(right, r.y + 1, 1, inner), key));
        }
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

/// A widget's cells as drawn on a blank area, kept to be copied into later frames that draw
/// the same widget in the same place.
#[derive(Default)]
pub struct Drawn(Option<(u64, ratatui::buffer::Buffer)>);

impl Drawn {
    /// Renders `widget` into `area` of `frame` (blank there), or copies its cells from the
    /// last time it was rendered there.
    fn render<W>(&mut self, frame: &mut Frame, area: Rect, widget: W)
    where
        W: ratatui::widgets::Widget + std::hash::Hash,
    {
        let key = {
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            (area, &widget).hash(&mut h);
            h.finish()
        };
        self.show(frame, area, key, copy, |buf| widget.render(area, buf));
    }

    /// Puts into `area` of `frame` (blank there) the cells `render` draws on a blank area,
    /// moved by `copy`; they are drawn again only when `key`, which stands for everything
    /// they depend on, changes.
    fn show(
        &mut self,
        frame: &mut Frame,
        area: Rect,
        key: u64,
        copy: fn(&ratatui::buffer::Buffer, &mut ratatui::buffer::Buffer),
        render: impl FnOnce(&mut ratatui::buffer::Buffer),
    ) {
        // Cut to the screen, as rendering into the frame would.
        let area = area.intersection(frame.area());
        let buf = match &mut self.0 {
            Some((k, buf)) if *k == key && buf.area == area => buf,
            kept => {
                let (_, buf) = kept.insert((key, ratatui::buffer::Buffer::empty(area)));
                render(buf);
                buf
            }
        };
        copy(buf, frame.buffer_mut());
    }
}

/// Copies the cells of `from` (drawn earlier) into the same place of `to`.
fn copy(from: &ratatui::buffer::Buffer, to: &mut ratatui::buffer::Buffer) {
    let area = from.area.intersection(to.area);
    if area.is_empty() {
        return;
    }
    let width = usize::from(area.width);
    for y in area.top()..area.bottom() {
        let (a, b) = (from.index_of(area.x, y), to.index_of(area.x, y));
        to.content[b..b + width].clone_from_slice(&from.content[a..a + width]);
    }
}

/// `copy` for a box whose inside is blank: only its border rows and columns.
fn copy_border(from: &ratatui::buffer::Buffer, to: &mut ratatui::buffer::Buffer) {
    let area = from.area.intersection(to.area);
    if area.is_empty() {
        return;
    }
    let (left, right) = (area.left(), area.right() - 1);
    for y in area.top()..area.bottom() {
        if y == area.top() || y == area.bottom() - 1 {
            let width = usize::from(area.width);
            let (a, b) = (from.index_of(left, y), to.index_of(left, y));
            to.content[b..b + width].clone_from_slice(&from.content[a..a + width]);
        } else {
            to[(left, y)].clone_from(&from[(left, y)]);
            to[(right, y)].clone_from(&from[(right, y)]);
        }
    }
}

/// Cuts `s` to at most `width` terminal cells (whole characters), marking the cut with `…`.
pub fn truncate(s: &str, width: usize) -> String {
    crate::tui::text::truncate(s, width)
}

pub use crate::tui::text::wrap;
