//! A window of a big pane in its text area.
//!
//! ratatui-textarea 0.9 re-wraps every line it holds on each edit (`push_history` →
//! `refresh_screen_map`), so a 1 MB pane costs tens of milliseconds a key. A pane over
//! [`WINDOW_MIN`] bytes therefore holds only a window of its lines in the `TextArea` (a few
//! hundred lines around the cursor); the lines above and below wait in plain vectors. When
//! the cursor comes within a margin of a window edge that is not the pane's edge, the window
//! moves: it is rebuilt around the cursor with the same cursor, selection, search pattern and
//! screen position, so the user sees nothing. The text area's undo history does not move
//! with it: the app keeps the edits made in the old window as one undo step instead.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

use super::Pane;
use crate::tui::limits;

/// A text area's selection: ((row, col), (row, col)).
pub type Selection = ((usize, usize), (usize, usize));
use crate::posting::block::Lines;
use crate::posting::lines::join_lines;

/// Panes from this many bytes on are windowed.
pub const WINDOW_MIN: usize = limits::WINDOW_FROM;
const WINDOW_LINES: usize = limits::WINDOW_SIDE_LINES;
const WINDOW_BYTES: usize = limits::WINDOW_SIDE_BYTES;
const MARGIN_LINES: usize = limits::WINDOW_MARGIN_LINES;
const MARGIN_BYTES: usize = limits::WINDOW_MARGIN_BYTES;
/// A window that grew past this many lines (typing many lines) is cut back.
const WINDOW_MAX_LINES: usize = 4 * WINDOW_LINES;

/// A text area over `lines`, set up as every pane's is.
pub fn text_area(lines: Vec<String>, selection: Style, search: Style) -> TextArea<'static> {
    let mut textarea = TextArea::new(lines);
    textarea.set_wrap_mode(WrapMode::WordOrGlyph);
    textarea.set_cursor_line_style(Style::new());
    textarea.set_selection_style(selection);
    textarea.set_search_style(search);
    // The session keeps the one history; the widget keeps none.
    textarea.set_max_histories(0);
    textarea
}

/// Moves the cursor to (row, col) of a text area.
pub fn jump(ta: &mut TextArea<'static>, row: usize, col: usize) {
    let clamp = |n: usize| u16::try_from(n).unwrap_or(u16::MAX);
    ta.move_cursor(CursorMove::Jump(clamp(row), clamp(col)));
}

impl Lines for Pane {
    fn count(&self) -> usize {
        self.above.len() + self.textarea.lines().len() + self.below.len()
    }

    fn line(&self, i: usize) -> &str {
        let top = self.above.len();
        let n = self.textarea.lines().len();
        if i < top {
            &self.above[i]
        } else if i < top + n {
            &self.textarea.lines()[i - top]
        } else {
            &self.below[i - top - n]
        }
    }
}

impl Pane {
    /// Notes where the pane's text area is drawn (drawing calls this).
    pub fn drawn_at(&mut self, area: Rect) {
        self.area = area;
    }

    /// (lines, bytes) kept between the cursor and a window edge that is not the pane's: at
    /// least what the pane's text area shows (rows; cells, a byte each), so on any screen size
    /// the edge stays off screen.
    fn margin(&self) -> (usize, usize) {
        let (w, h) = (usize::from(self.area.width), usize::from(self.area.height));
        (h.max(MARGIN_LINES), (w * h).max(MARGIN_BYTES))
    }

    /// The pane's first line in its text area.
    pub fn top(&self) -> usize {
        self.above.len()
    }

    /// Whether the text area holds only a window of the pane's lines.
    pub fn windowed(&self) -> bool {
        self.window_base.is_some()
    }

    /// Every line of the pane, window or not.
    pub fn all_lines(&self) -> impl Iterator<Item = &str> {
        self.above
            .iter()
            .chain(self.textarea.lines())
            .chain(&self.below)
            .map(String::as_str)
    }

    /// The pane's text as it would be written.
    pub fn text(&self) -> String {
        if !self.windowed() {
            return join_lines(self.textarea.lines(), self.ending);
        }
        let lines: Vec<&str> = self.all_lines().collect();
        join_lines(&lines, self.ending)
    }

    /// Whether the pane's lines are those it was built with (or last settled to).
    pub fn lines_are_base(&self) -> bool {
        let lines = &self.base_lines;
        let (top, n) = (self.above.len(), self.textarea.lines().len());
        if lines.len() != top + n + self.below.len()
            || self.textarea.lines() != &lines[top..top + n]
        {
            return false;
        }
        match self.outside_is_base.get() {
            Some(same) => same,
            None => {
                let same = self.above == lines[..top] && self.below == lines[top + n..];
                self.outside_is_base.set(Some(same));
                same
            }
        }
    }

    /// The lines the pane's text counts as untouched with.
    pub fn set_base_lines(&mut self, lines: Vec<String>) {
        self.base_lines = lines;
        self.outside_is_base.set(None);
    }

    /// The cursor (row, col) in the pane's lines.
    pub fn cursor(&self) -> (usize, usize) {
        let c = self.textarea.cursor();
        (c.0 + self.top(), c.1)
    }

    /// The selection in the pane's lines.
    pub fn selection(&self) -> Option<Selection> {
        let top = self.top();
        self.textarea
            .selection_range()
            .map(|((r0, c0), (r1, c1))| ((r0 + top, c0), (r1 + top, c1)))
    }

    /// Whether the window must move so that `rows` (of the pane) sit inside it with the
    /// margin kept.
    pub fn window_moves_for(&self, rows: std::ops::Range<usize>) -> bool {
        if !self.windowed() {
            return false;
        }
        let (top, n) = (self.above.len(), self.textarea.lines().len());
        let (first, last) = (rows.start, rows.end.max(rows.start + 1) - 1);
        let lines = self.textarea.lines();
        let (margin_lines, margin_bytes) = self.margin();
        let room = |range: std::ops::Range<usize>| {
            range.len() >= margin_lines
                || lines[range].iter().map(|l| l.len() + 1).sum::<usize>() >= margin_bytes
        };
        if first < top || last >= top + n {
            return true;
        }
        (top > 0 && !room(0..first - top))
            || (!self.below.is_empty() && !room(last - top + 1..n))
            || n > WINDOW_MAX_LINES
    }

    /// Whether the window's lines changed since it was made.
    pub fn window_edited(&self) -> bool {
        self.window_base
            .as_ref()
            .is_some_and(|b| b.as_slice() != self.textarea.lines())
    }

    /// The pane's text as it was when the window was made (edits since left out).
    pub fn text_before_window(&self) -> String {
        let Some(base) = &self.window_base else {
            return self.text();
        };
        let lines: Vec<&str> = self
            .above
            .iter()
            .chain(base)
            .chain(&self.below)
            .map(String::as_str)
            .collect();
        join_lines(&lines, self.ending)
    }

    /// Makes the window hold `rows` (pane lines) with room around them, and puts the cursor
    /// at `cursor` (selecting from `anchor`, if given). Keeps the screen where it was when
    /// the cursor was already on it; otherwise scrolls as the text area would.
    pub fn move_window(
        &mut self,
        rows: std::ops::Range<usize>,
        cursor: (usize, usize),
        anchor: Option<(usize, usize)>,
    ) {
        let area = self.area;
        let height = usize::from(area.height);
        // Where the cursor will show, in rows from the top of the pane: as the text area
        // would scroll to it from the current screen.
        let from_top = (height > 0).then(|| {
            let top = self.top();
            let old_top = usize::from(self.textarea.scroll_offset().0);
            let mut probe = self.textarea.clone();
            probe.cancel_selection();
            let n = probe.lines().len();
            let row = cursor.0.clamp(top, top + n - 1) - top;
            jump(&mut probe, row, cursor.1);
            let screen = probe.screen_cursor().row;
            if screen < old_top {
                0
            } else if screen >= old_top + height {
                height - 1
            } else {
                screen - old_top
            }
        });
        let mid = std::mem::take(&mut self.textarea).into_lines();
        let mut all = std::mem::take(&mut self.above);
        all.extend(mid);
        all.append(&mut self.below);
        let (margin_lines, margin_bytes) = self.margin();
        let side = (
            (2 * margin_lines).max(WINDOW_LINES),
            (2 * margin_bytes).max(WINDOW_BYTES),
        );
        let (a, b) = window_around(&all, rows, side);
        self.outside_is_base.set(None);
        self.below = all.split_off(b);
        let window = all.split_off(a);
        self.above = all;
        let e = self.ending.len();
        self.above_bytes = self.above.iter().map(|l| l.len() + e).sum();
        self.window_base = Some(window.clone());
        self.textarea = text_area(window, self.selection_style, self.search_style);
        if let Some(p) = &self.pattern {
            let _ = self.textarea.set_search_pattern(p);
        }
        let ta = &mut self.textarea;
        if let Some(anchor) = anchor {
            jump(ta, anchor.0 - a, anchor.1);
            ta.start_selection();
        }
        jump(ta, cursor.0 - a, cursor.1);
        if let Some(k) = from_top {
            // Lay the new window out once, then scroll it so the cursor shows `k` rows down.
            ta.render(area, &mut Buffer::empty(area));
            let now = usize::from(ta.scroll_offset().0);
            let want = ta.screen_cursor().row.saturating_sub(k);
            let delta = want as isize - now as isize;
            if delta != 0 {
                ta.scroll((i16::try_from(delta).unwrap_or(0), 0));
            }
        }
    }
}

/// The window of `lines` around `rows`: up to `side` (lines, bytes) on each side.
fn window_around(
    lines: &[String],
    rows: std::ops::Range<usize>,
    (side_lines, side_bytes): (usize, usize),
) -> (usize, usize) {
    let n = lines.len();
    let first = rows.start.min(n.saturating_sub(1));
    let last = (rows.end.max(rows.start + 1) - 1).clamp(first, n.saturating_sub(1));
    let (mut a, mut bytes) = (first, 0);
    while a > 0 && first - a < side_lines && bytes < side_bytes {
        a -= 1;
        bytes += lines[a].len() + 1;
    }
    let (mut b, mut bytes) = (last + 1, 0);
    while b < n && b - last - 1 < side_lines && bytes < side_bytes {
        bytes += lines[b].len() + 1;
        b += 1;
    }
    (a, b)
}

/// A new pane's window: the whole text when it is small, else a window at its start.
pub fn split(lines: Vec<String>, bytes: usize) -> (Vec<String>, Vec<String>, bool) {
    if bytes < WINDOW_MIN {
        return (lines, Vec::new(), false);
    }
    let (_, b) = window_around(&lines, 0..1, (WINDOW_LINES, WINDOW_BYTES));
    let mut window = lines;
    let below = window.split_off(b);
    (window, below, true)
}

/// Where a pane was last drawn (the window keeps the screen still when it moves).
pub type DrawnArea = Rect;
