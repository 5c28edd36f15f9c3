//! Dialog boxes: the quit question (s / d / Esc) and the delete-section question (y / n).

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Wrap};

use crate::tui::app::{App, Confirm, visible};

/// The lines of a question: title, text, and `(key, meaning)` choices.
fn content(
    app: &App,
    which: &Confirm,
) -> (&'static str, String, Vec<(&'static str, &'static str)>) {
    match which {
        Confirm::Quit => (
            " Unsaved changes ",
            format!("{} has unsaved changes.", visible(&app.file_name())),
            vec![
                ("s", "save and quit"),
                ("d", "discard changes and quit"),
                ("Esc", "stay in the editor"),
            ],
        ),
        Confirm::DeleteSection(i) => (
            " Delete section ",
            format!(
                "Delete \"{}\" with all its text?",
                app.posting()
                    .sections()
                    .get(*i)
                    .map(|s| visible(&s.title))
                    .unwrap_or_default()
            ),
            vec![("y", "delete it (Ctrl-Z undoes)"), ("n", "keep it")],
        ),
    }
}

/// Draws a question box centred in `area`.
pub fn draw_confirm(app: &App, frame: &mut Frame, area: Rect, which: &Confirm) {
    let (title, text, choices) = content(app, which);
    let mut lines = vec![Line::from(text), Line::from("")];
    for (k, what) in choices {
        lines.push(Line::from(vec![
            Span::styled(
                format!(" {k:^3} "),
                Style::new().add_modifier(Modifier::REVERSED),
            ),
            Span::raw(format!(" {what}")),
        ]));
    }
    let width = area.width.min(46);
    let rect = centered_box(frame, area, width, lines.len());
    frame.render_widget(
        Paragraph::new(lines)
            .block(titled_box(title))
            .wrap(Wrap { trim: false }),
        rect,
    );
}

/// Clears and returns a box `width` wide, centred in `area`, tall enough for `lines` lines of
/// text inside a border (at most the area's height).
pub fn centered_box(frame: &mut Frame, area: Rect, width: u16, lines: usize) -> Rect {
    let height = u16::try_from(lines)
        .unwrap_or(u16::MAX)
        .saturating_add(2)
        .min(area.height);
    let [row] = Layout::vertical([Constraint::Length(height)])
        .flex(Flex::Center)
        .areas(area);
    let [rect] = Layout::horizontal([Constraint::Length(width)])
        .flex(Flex::Center)
        .areas(row);
    frame.render_widget(Clear, rect);
    rect
}

/// The double border with a bold title that every dialog wears.
pub fn titled_box<'a>(title: impl Into<std::borrow::Cow<'a, str>>) -> Block<'a> {
    Block::bordered()
        .border_type(BorderType::Double)
        .title(Span::styled(
            title.into(),
            Style::new().add_modifier(Modifier::BOLD),
        ))
}
