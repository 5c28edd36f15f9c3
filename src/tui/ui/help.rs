//! F1 help: every key, generated from the key table, scrollable.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Wrap};

use crate::tui::keymap::{BINDINGS, EDITING_KEYS};
use crate::tui::text::wrap;

const KEY_WIDTH: usize = 16;

/// The help text for a box `width` columns wide; descriptions wrap under themselves.
pub fn lines(width: usize) -> Vec<Line<'static>> {
    let bold = Style::new().add_modifier(Modifier::BOLD);
    let room = width.saturating_sub(KEY_WIDTH).max(10);
    let entry = |out: &mut Vec<Line<'static>>, key: String, text: &str| {
        for (i, chunk) in wrap(text, room).into_iter().enumerate() {
            let k = if i == 0 { key.clone() } else { String::new() };
            out.push(Line::from(vec![
                Span::styled(format!("{k:<KEY_WIDTH$}"), bold),
                Span::raw(chunk),
            ]));
        }
    };
    let mut out = vec![Line::styled("Commands", bold)];
    for b in BINDINGS {
        entry(&mut out, b.keys_label(), b.description);
    }
    out.push(Line::from(""));
    out.push(Line::styled("Editing in a pane", bold));
    for (k, d) in EDITING_KEYS {
        entry(&mut out, (*k).to_string(), d);
    }
    out
}

/// The furthest the help can scroll.
pub fn max_scroll() -> u16 {
    u16::try_from(lines(40).len()).unwrap_or(u16::MAX)
}

/// Draws the help over `area`.
pub fn draw(frame: &mut Frame, area: Rect, scroll: u16) {
    frame.render_widget(Clear, area);
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .title(" Help · keys ")
        .title_bottom(" ↑↓ scroll · F1/Esc close ");
    let inner = block.inner(area);
    let lines = lines(usize::from(inner.width));
    let last = u16::try_from(lines.len())
        .unwrap_or(u16::MAX)
        .saturating_sub(inner.height);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((scroll.min(last), 0)),
        area,
    );
}
