//! The Ctrl-R fill prompt (drawn over the status line) and the F2 fill form (a box over the
//! panes, two rows per placeholder, scrolled so the focused field is always visible).

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};

use super::truncate;
use crate::tui::app::{App, Theme, visible};
use crate::tui::fill::{Field, Fill, Target};

/// Draws an open fill: the prompt into `status_row`, or the form over `main`.
pub fn draw(app: &App, frame: &mut Frame, main: Rect, status_row: Rect, fill: &Fill) {
    match fill {
        Fill::One { target, field } => draw_prompt(app, frame, status_row, target, field),
        Fill::Form { rows, focus } => draw_form(app, frame, main, rows, *focus),
    }
}

/// `Fill [Company Name] (3×): Acme█  Enter fill · Esc cancel`.
fn draw_prompt(app: &App, frame: &mut Frame, area: Rect, target: &Target, field: &Field) {
    let theme = app.theme();
    let width = usize::from(area.width);
    let label = format!(
        "Fill {} ({}×): ",
        truncate(&visible(&target.text), (width / 2).max(8)),
        target.count
    );
    let keys = "  Enter fill · Esc cancel";
    let mut room = width.saturating_sub(crate::tui::text::width(&label));
    let show_keys = room >= keys.chars().count() + 12;
    if show_keys {
        room -= keys.chars().count();
    }
    let mut spans = vec![Span::styled(
        label,
        Style::new().add_modifier(Modifier::BOLD),
    )];
    spans.extend(field_spans(field, room.max(1), true, theme));
    if show_keys {
        spans.push(Span::styled(keys, theme.dim()));
    }
    let mut line = Line::from(spans);
    if let Some(m) = app.message().filter(|m| m.error) {
        line.spans.push(Span::raw("  "));
        line.spans
            .push(Span::styled(visible(&m.text), theme.error()));
    }
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(line), area);
}

/// The form: every distinct placeholder with its count, where it is, and its value.
fn draw_form(app: &App, frame: &mut Frame, main: Rect, rows: &[(Target, Field)], focus: usize) {
    let theme = app.theme();
    let n = rows.len();
    let wanted = u16::try_from(n * 2 + 2).unwrap_or(u16::MAX);
    let height = wanted.min(main.height);
    let [area] = Layout::vertical([Constraint::Length(height)])
        .flex(Flex::Center)
        .areas(main);
    let schema = rows.iter().filter(|(t, _)| t.schema.is_some()).count();
    let holes = n - schema;
    let mut title = match (holes, schema) {
        (_, 0) => format!(" Fill form · {n} placeholder{} ", plural(n)),
        (0, s) => format!(" Fill form · {s} schema.org field{} ", plural(s)),
        (h, s) => format!(
            " Fill form · {h} placeholder{} · {s} schema.org ",
            plural(h)
        ),
    };
    let inner_height = usize::from(height.saturating_sub(2));
    let visible_rows = (inner_height / 2).max(1);
    let start = if focus >= visible_rows {
        focus + 1 - visible_rows
    } else {
        0
    };
    if n > visible_rows {
        title = format!(" Fill form · {}/{n} ", focus + 1);
    }
    let keys = if area.width >= 64 {
        " Tab/↑↓ move · Enter on last or ^S fills · Esc cancel "
    } else {
        " Tab move · ^S fill · Esc cancel "
    };
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .title(Span::styled(
            title,
            Style::new().add_modifier(Modifier::BOLD),
        ))
        .title_bottom(keys);
    let inner = block.inner(area);
    let width = usize::from(inner.width);
    let mut lines: Vec<Line> = Vec::new();
    for (i, (target, field)) in rows.iter().enumerate().skip(start).take(visible_rows) {
        let active = i == focus;
        let meta = match &target.schema {
            Some(field) => format!(" missing · {}", field.what),
            None => format!(
                " {}× · {}",
                target.count,
                visible(&target.places.join(", "))
            ),
        };
        let label_room = width
            .saturating_sub(2)
            .saturating_sub(crate::tui::text::width(&meta).min(width / 2));
        let label = truncate(&visible(&target.text), label_room.max(4));
        let meta_room = width.saturating_sub(2 + crate::tui::text::width(&label));
        let (marker, label_style) = if active {
            (
                "▶ ",
                theme
                    .focus()
                    .add_modifier(Modifier::BOLD | Modifier::REVERSED),
            )
        } else {
            ("  ", theme.placeholder())
        };
        lines.push(Line::from(vec![
            Span::styled(marker, theme.focus()),
            Span::styled(label, label_style),
            Span::styled(truncate(&meta, meta_room), theme.dim()),
        ]));
        let mut value = vec![Span::raw("  › ")];
        if !active && field.value().is_empty() {
            let empty = if target.schema.is_some() {
                "(empty: not added)"
            } else {
                "(empty: left as it is)"
            };
            value.push(Span::styled(
                truncate(empty, width.saturating_sub(4)),
                theme.dim(),
            ));
        } else {
            value.extend(field_spans(
                field,
                width.saturating_sub(4).max(1),
                active,
                theme,
            ));
        }
        lines.push(Line::from(value));
    }
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// A field's value in `width` cells, scrolled so the cursor shows; the cursor is a reversed
/// cell when `active`, a selected default is shown selected.
fn field_spans(field: &Field, width: usize, active: bool, theme: Theme) -> Vec<Span<'static>> {
    let cells: Vec<String> = field
        .value()
        .chars()
        .map(|c| visible(&c.to_string()))
        .collect();
    let cursor = field.cursor().min(cells.len());
    let start = if active && cursor + 1 > width {
        cursor + 1 - width
    } else {
        0
    };
    let end = cells.len().min(start + width);
    let text = |r: std::ops::Range<usize>| cells[r].concat();
    let cursor_style = Style::new().add_modifier(Modifier::REVERSED);
    if !active {
        return vec![Span::raw(text(start..end))];
    }
    if field.selected() {
        let mut out = vec![Span::styled(text(start..end), theme.selection())];
        if end - start < width {
            out.push(Span::styled(" ", cursor_style));
        }
        return out;
    }
    let mut out = vec![Span::raw(text(start..cursor.min(end)))];
    if cursor < end {
        out.push(Span::styled(text(cursor..cursor + 1), cursor_style));
        out.push(Span::raw(text(cursor + 1..end)));
    } else {
        out.push(Span::styled(" ", cursor_style));
    }
    out
}
