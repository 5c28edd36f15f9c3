//! The focused part's text pane: a `TextArea` (soft word wrap) inside a border titled with
//! the part's name and count; the front matter pane shows its YAML error on a line under the
//! text while the YAML is invalid.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph, Wrap};

use super::truncate;
use crate::posting::Part;
use crate::tui::app::{App, visible};

/// The title of a part's pane.
pub fn title(app: &App, part: Part) -> String {
    match part {
        Part::FrontMatter => "Front matter".into(),
        Part::Preamble => "Header".into(),
        Part::Section(i) => match app.shown().sections().get(i) {
            Some(s) => format!("{} {}", "#".repeat(usize::from(s.level)), visible(&s.title)),
            None => "…".into(),
        },
    }
}

/// Draws the focused pane into `area`.
/// Returns where the text itself went (the pane editor keeps the screen still there when a
/// big pane's window moves, and pages by its height).
pub fn draw(app: &App, frame: &mut Frame, area: Rect) -> Rect {
    let theme = app.theme();
    let pane = app.focused();
    let count = app.count_in(pane.part);
    let state = match (&pane.yaml_error, count) {
        (Some(_), _) => "invalid YAML".to_string(),
        (None, 0) => "done ✓".to_string(),
        (None, 1) => "1 placeholder".to_string(),
        (None, n) => format!("{n} placeholders"),
    };
    let position = if app.is_reading() {
        format!(" {}/… ", app.focus() + 1)
    } else {
        format!(" {}/{} ", app.focus() + 1, app.panes().len())
    };
    let room = usize::from(area.width).saturating_sub(10 + state.len() + position.len());
    let block = Block::bordered()
        .border_type(BorderType::Thick)
        .border_style(theme.focus())
        .title(Line::from(vec![
            Span::raw(" "),
            Span::styled(truncate(&title(app, pane.part), room), theme.focus()),
            Span::raw(" · "),
            Span::styled(
                state,
                if pane.yaml_error.is_some() {
                    theme.error()
                } else {
                    theme.dim()
                },
            ),
            Span::raw(" "),
        ]))
        .title(Line::from(position).right_aligned());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    // What Google for Jobs needs and the front matter lacks (F2 offers fields for it).
    let missing = match (pane.part, &pane.yaml_error) {
        (Part::FrontMatter, None) => crate::tui::fill::missing_required(app.shown(), app.rules()),
        _ => Vec::new(),
    };
    let text_area = match &pane.yaml_error {
        None if !missing.is_empty() => {
            let note = format!("schema.org needs {} · F2 adds them", missing.join(", "));
            let lines: Vec<Line> = super::wrap(&note, usize::from(inner.width))
                .into_iter()
                .map(|l| Line::styled(l, theme.placeholder()))
                .collect();
            let rows = u16::try_from(lines.len())
                .unwrap_or(1)
                .min(inner.height / 2);
            let [text, below] =
                Layout::vertical([Constraint::Min(1), Constraint::Length(rows)]).areas(inner);
            frame.render_widget(Paragraph::new(lines), below);
            text
        }
        Some(e) => {
            let [text, error] =
                Layout::vertical([Constraint::Min(1), Constraint::Length(2)]).areas(inner);
            let line = e.line.map(|l| format!("line {l}: ")).unwrap_or_default();
            let msg = format!("YAML error: {line}{}", visible(&e.message));
            frame.render_widget(
                Paragraph::new(Span::styled(msg, theme.error())).wrap(Wrap { trim: true }),
                error,
            );
            text
        }
        None => inner,
    };
    // Control characters are drawn as pictures (ratatui would drop them invisibly).
    super::controls::render(&pane.textarea, text_area, frame.buffer_mut());
    text_area
}
