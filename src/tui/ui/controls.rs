//! Control characters made visible in the editing panes. ratatui (and so ratatui-textarea)
//! draws no control characters at all, so an ESC in a posting would be invisible, its bytes
//! silently kept. Here a pane holding controls is drawn from a display copy in which each one
//! is a Unicode control picture (`␛` for ESC, `␉`-style, `␡` for DEL, `�` for C1 controls):
//! one cell each, so the cursor and selection stay in the same columns. Nothing raw ever
//! reaches the terminal, and the text itself is untouched.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use ratatui_textarea::{CursorMove, TextArea};

/// Whether `c` is drawn as a picture (tabs are laid out by the text area, not drawn).
fn hidden(c: char) -> bool {
    c.is_control() && c != '\t'
}

/// The visible stand-in for a control character.
pub fn picture(c: char) -> char {
    match c {
        '\0'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
        '\u{7f}' => '\u{2421}',
        _ => '\u{fffd}',
    }
}

/// `line` with every control character (but tab) replaced by its picture.
pub fn with_pictures(line: &str) -> String {
    line.chars()
        .map(|c| if hidden(c) { picture(c) } else { c })
        .collect()
}

/// Renders a text area, showing its control characters as pictures.
pub fn render(ta: &TextArea<'static>, area: Rect, buf: &mut Buffer) {
    if !ta.lines().iter().any(|l| l.chars().any(hidden)) {
        ta.render(area, buf);
        return;
    }
    // Render the real one off-screen first so its scroll position follows the cursor as
    // usual; the copy starts from that position.
    let mut scratch = Buffer::empty(area);
    ta.render(area, &mut scratch);
    let mut shown = ta.clone();
    shown.set_max_histories(0);
    shown.cancel_selection();
    let top = usize::from(ta.scroll_offset().0);
    let rows = usize::from(area.height).max(1);
    for (row, line) in ta.lines().iter().enumerate().skip(top).take(rows) {
        if line.chars().any(hidden) {
            jump(&mut shown, row, 0);
            shown.delete_line_by_end();
            shown.insert_str(with_pictures(line));
        }
    }
    let cursor = ta.cursor();
    match ta.selection_range() {
        Some((start, end)) => {
            let (from, to) = if cursor == start {
                (end, start)
            } else {
                (start, end)
            };
            jump(&mut shown, from.0, from.1);
            shown.start_selection();
            jump(&mut shown, to.0, to.1);
        }
        None => jump(&mut shown, cursor.0, cursor.1),
    }
    shown.render(area, buf);
}

/// Moves the cursor to (row, col), beyond what `CursorMove::Jump`'s u16 can say if needed.
fn jump(ta: &mut TextArea<'static>, row: usize, col: usize) {
    if let (Ok(r), Ok(c)) = (u16::try_from(row), u16::try_from(col)) {
        ta.move_cursor(CursorMove::Jump(r, c));
        return;
    }
    let r16 = u16::try_from(row).unwrap_or(u16::MAX);
    ta.move_cursor(CursorMove::Jump(r16, 0));
    for _ in usize::from(r16)..row {
        ta.move_cursor(CursorMove::Down);
    }
    ta.move_cursor(CursorMove::Head);
    for _ in 0..col {
        ta.move_cursor(CursorMove::Forward);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pictures_are_one_cell_each() {
        assert_eq!(
            with_pictures("a\u{1b}[31m\tb\u{7f}\u{85}"),
            "a␛[31m\tb␡\u{fffd}"
        );
    }
}
