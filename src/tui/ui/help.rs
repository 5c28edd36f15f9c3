//! F1 help: every key, generated from the key table, scrollable.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Wrap};

use crate::tui::app::App;
use crate::tui::keymap::{BINDINGS, EDITING_KEYS};

const KEY_WIDTH: usize = 16;

/// The help text, one entry per line.
pub fn lines() -> Vec<Line<'static>> {
    let bold = Style::new().add_modifier(Modifier::BOLD);
    let mut out = vec![Line::styled("Commands", bold)];
    for b in BINDINGS.iter().filter(|b| b.available()) {
        out.push(Line::from(vec![
            Span::styled(format!("{:<KEY_WIDTH$}", b.keys_label()), bold),
            Span::raw(b.description),
        ]));
    }
    out.push(Line::from(""));
    out.push(Line::styled("Editing in a pane", bold));
    for (k, d) in EDITING_KEYS {
        out.push(Line::from(vec![
            Span::styled(format!("{k:<KEY_WIDTH$}"), bold),
            Span::raw(*d),
        ]));
    }
    let later: Vec<String> = BINDINGS
        .iter()
        .filter(|b| !b.available())
        .map(|b| b.keys_label())
        .collect();
    out.push(Line::from(""));
    out.push(Line::from(format!(
        "Reserved for a later version (not working yet): {}",
        later.join(", ")
    )));
    out
}

/// The furthest the help can scroll.
pub fn max_scroll() -> u16 {
    u16::try_from(lines().len()).unwrap_or(u16::MAX)
}

/// Draws the help over `area`.
pub fn draw(_app: &App, frame: &mut Frame, area: Rect, scroll: u16) {
    frame.render_widget(Clear, area);
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .title(" Help · keys ")
        .title_bottom(" ↑↓ scroll · F1/Esc close ");
    frame.render_widget(
        Paragraph::new(lines())
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        area,
    );
}
