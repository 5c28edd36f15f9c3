//! The mouse, laid out by the same [`crate::tui::wide::layout`] as drawing: a click on an
//! outline row focuses that part, a click in a pane's text focuses it and puts the cursor on
//! the character clicked, a drag selects from there, the wheel scrolls the focused pane.

use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};

use super::App;
use crate::tui::wide::{self, Hit};

/// Rows the wheel scrolls per notch (as most terminal programs do).
const WHEEL_ROWS: i16 = 3;

impl App {
    pub(super) fn mouse(&mut self, event: MouseEvent) {
        let screen = crate::tui::ui::screen(self, self.size);
        let hit = wide::hit(
            &screen,
            self.parts.len(),
            self.focus,
            event.column,
            event.row,
        );
        match event.kind {
            MouseEventKind::Down(MouseButton::Left) => {
                self.press = None;
                match hit {
                    Hit::Outline(i) | Hit::Border(i) => self.focus_by_mouse(i),
                    Hit::Text { part, row, col } => {
                        // A neighbour's box leaves out its first blank lines.
                        let skipped = if part == self.focus {
                            0
                        } else {
                            let text = self.posting().part_text(self.parts[part]);
                            crate::tui::ui::pane::peek_skip(text)
                        };
                        self.focus_by_mouse(part);
                        // Each blank line is one display row.
                        let row = row.saturating_add(u16::try_from(skipped).unwrap_or(u16::MAX));
                        let at = self.text_position(row, col);
                        self.fold();
                        self.session.close_step();
                        self.place_cursor(at, None);
                        self.refresh_highlight(self.focus);
                        self.press = Some(at);
                    }
                    Hit::Nothing => {}
                }
            }
            MouseEventKind::Drag(MouseButton::Left) => {
                let Some(anchor) = self.press else {
                    return;
                };
                // Past the pane's edge, the selection goes to the edge's row or column.
                let text = screen.focused().text();
                if text.is_empty() {
                    return;
                }
                let x = event.column.clamp(text.x, text.right() - 1);
                let y = event.row.clamp(text.y, text.bottom() - 1);
                let at = self.text_position(y - text.y, x - text.x);
                self.place_cursor(at, Some(anchor));
                self.refresh_highlight(self.focus);
            }
            MouseEventKind::ScrollDown => self.wheel(WHEEL_ROWS),
            MouseEventKind::ScrollUp => self.wheel(-WHEEL_ROWS),
            _ => {}
        }
    }

    fn focus_by_mouse(&mut self, i: usize) {
        if i != self.focus {
            self.settle();
            self.set_focus(i);
        }
    }

    /// The focused pane's (row, col) of its lines under display `row`, `col` of its text
    /// area as last drawn.
    fn text_position(&self, row: u16, col: u16) -> (usize, usize) {
        let pane = self.focused();
        let ta = &pane.textarea;
        let (top, _) = ta.scroll_offset();
        let at = ta.screen_to_data(usize::from(row) + usize::from(top), usize::from(col));
        (at.0 + pane.top(), at.1)
    }

    fn wheel(&mut self, rows: i16) {
        self.session.close_step();
        let pane = self.focused_mut();
        pane.textarea.scroll((rows, 0));
        if rows > 0 && pane.below.is_empty() {
            super::last_page_at_most(&mut pane.textarea, pane.area.height);
        }
        self.follow_cursor();
        self.refresh_highlight(self.focus);
    }
}
