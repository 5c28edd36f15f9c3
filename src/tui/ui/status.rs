//! The status line (file name, modified mark, placeholders left, message — or the one-line
//! prompt while one is open) and the always-visible key-hint line.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::tui::app::{App, Mode, visible};
use crate::tui::keymap;

/// Draws the status line (or the open prompt) into `area`.
pub fn draw(app: &App, frame: &mut Frame, area: Rect, drawn: &mut super::Drawn) {
    let theme = app.theme();
    if let Mode::Prompt(prompt) = app.mode() {
        let (kind, input) = (&prompt.kind, &prompt.input);
        // An offered value shows selected: typing replaces it.
        let value = if input.selected() {
            Span::styled(visible(input.value()), theme.selection())
        } else {
            Span::raw(visible(input.value()))
        };
        let line = Line::from(vec![
            Span::styled(kind.label(), Style::new().add_modifier(Modifier::BOLD)),
            value,
            Span::styled(" ", Style::new().add_modifier(Modifier::REVERSED)),
            Span::raw("  "),
            Span::styled(kind.keys(), theme.dim()),
        ]);
        let mut spans = line.spans;
        if let Some(m) = app.message() {
            spans.push(Span::raw("  "));
            spans.push(Span::styled(
                visible(&m.text),
                if m.error { theme.error() } else { Style::new() },
            ));
        }
        drawn.render(frame, area, Paragraph::new(Line::from(spans)));
        return;
    }
    let left = app.placeholders_left();
    let mut spans = vec![
        Span::styled(
            format!(" {}", visible(&app.file_name())),
            Style::new().add_modifier(Modifier::BOLD),
        ),
        Span::raw(if app.modified() { " [+]" } else { "" }),
        Span::raw(" │ "),
        if app.is_reading() {
            Span::raw("counting…")
        } else if left == 0 {
            Span::styled("all filled ✓", theme.done())
        } else {
            Span::styled(
                if area.width < 70 {
                    format!("{left} left")
                } else {
                    format!(
                        "{left} placeholder{} left",
                        if left == 1 { "" } else { "s" }
                    )
                },
                theme.placeholder(),
            )
        },
    ];
    if let Some(m) = app.message() {
        spans.push(Span::raw(" │ "));
        spans.push(Span::styled(
            visible(&m.text),
            if m.error { theme.error() } else { Style::new() },
        ));
    }
    let line = Line::from(spans);
    if area.height > 1 {
        // A message longer than the line goes on over the rows `rows` gave it.
        drawn.render(
            frame,
            area,
            Paragraph::new(line).wrap(ratatui::widgets::Wrap { trim: false }),
        );
    } else {
        // One row (as while typing): no word wrapping to lay out.
        drawn.render(frame, area, line);
    }
}

/// Rows the status line needs at `width`: one, or up to three while a message longer than
/// the line is shown whole (it takes the key-hint line first, then a row of the pane).
pub fn rows(app: &App, width: u16) -> u16 {
    let Some(m) = app.message() else {
        return 1;
    };
    if matches!(app.mode(), Mode::Prompt(_)) {
        return 1;
    }
    // The file name, mark and count come first: at most ~45 columns.
    let before = crate::tui::text::width(&app.file_name()) + " [+] │ ".len() + 24 + " │ ".len();
    let need = before + m.cells;
    let width = usize::from(width.max(1));
    u16::try_from(need.div_ceil(width).clamp(1, 3)).unwrap_or(3)
}

/// Draws the key hints (from the key table) into `area`. When they do not fit, hints
/// before the last one are dropped from the end, so F1 Help always shows. The line depends
/// only on the width: it is made once per width.
pub fn draw_hints(_app: &App, frame: &mut Frame, area: Rect, drawn: &mut super::Drawn) {
    thread_local! {
        static LINE: std::cell::RefCell<Option<(u16, Line<'static>)>> =
            const { std::cell::RefCell::new(None) };
    }
    LINE.with(|cell| {
        let mut cached = cell.borrow_mut();
        if cached.as_ref().is_none_or(|(w, _)| *w != area.width) {
            *cached = Some((area.width, hints_line(area.width)));
        }
        if let Some((_, line)) = cached.as_ref() {
            drawn.render(frame, area, line);
        }
    });
}

fn hints_line(width: u16) -> Line<'static> {
    let key_style = Style::new().add_modifier(Modifier::REVERSED);
    let mut hints = keymap::hints();
    let fits = |h: &[(String, &str)]| {
        h.iter()
            .map(|(k, w)| k.chars().count() + w.chars().count() + 2)
            .sum::<usize>()
            .saturating_sub(1)
    };
    while hints.len() > 2 && fits(&hints) > usize::from(width) {
        hints.remove(hints.len() - 2);
    }
    let mut spans = Vec::new();
    for (key, word) in hints {
        spans.push(Span::styled(key, key_style));
        spans.push(Span::raw(format!(" {word} ")));
    }
    Line::from(spans)
}
