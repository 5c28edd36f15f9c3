//! The save questions (read-only file, file exists) as a box over the panes: what is wrong,
//! wrapped so it reads whole at any width, then the keys.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::dialogs::{centered_box, titled_box};
use super::wrap;
use crate::tui::components::save_ask::SaveAsk;

/// Draws `ask` centred in `area`.
pub fn draw(frame: &mut Frame, area: Rect, ask: &SaveAsk) {
    let width = area.width.min(64);
    let inner = usize::from(width.saturating_sub(2)).max(1);
    let mut lines: Vec<Line> = Vec::new();
    for paragraph in ask.text() {
        let shown = crate::review::report::visible(&paragraph);
        lines.extend(wrap(&shown, inner).into_iter().map(Line::from));
    }
    lines.push(Line::from(""));
    for (key, what) in ask.choices() {
        lines.push(Line::from(vec![
            Span::styled(
                format!(" {key:^3} "),
                Style::new().add_modifier(Modifier::REVERSED),
            ),
            Span::raw(format!(" {what}")),
        ]));
    }
    let rect = centered_box(frame, area, width, lines.len());
    frame.render_widget(Paragraph::new(lines).block(titled_box(ask.title())), rect);
}
