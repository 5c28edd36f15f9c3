//! The outline: front matter, header and every section (indented by level), each with its
//! count of unfilled placeholders or a done mark, and `!` where the review (F3) found an
//! error or warning other than a placeholder; the focused part is marked `▶` and reversed.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::StatefulWidget;
use ratatui::widgets::{Block, List, ListItem, ListState};

use crate::posting::Part;
use crate::tui::app::{App, visible};

/// The label of one outline row.
pub fn label(app: &App, part: Part, min_level: u8) -> String {
    match part {
        Part::FrontMatter => "Front matter".to_string(),
        Part::Preamble => "Header".to_string(),
        // A pane's section may be gone from the text typed in another pane until the panes
        // are rebuilt (when focus leaves it).
        Part::Section(i) => match app.shown().sections().get(i) {
            Some(s) => {
                let indent = " ".repeat(usize::from(s.level.saturating_sub(min_level)));
                let title = if s.title.trim().is_empty() {
                    "(untitled)".to_string()
                } else {
                    visible(&s.title)
                };
                format!("{indent}{title}")
            }
            None => "…".to_string(),
        },
    }
}

/// One outline row: what it names and its label (every row; drawing labels only the rows
/// it shows).
pub fn rows(app: &App) -> Vec<(Part, String)> {
    let min_level = min_level(app);
    app.panes()
        .iter()
        .map(|&part| (part, label(app, part, min_level)))
        .collect()
}

fn min_level(app: &App) -> u8 {
    app.min_level()
}

/// The columns the outline wants: its longest label, the `▶` marker, a count and borders.
pub fn wanted_width(app: &App) -> usize {
    app.longest_label() + 7
}

/// Draws the outline into `area`: only the rows that fit, scrolled so the focused part shows.
/// A frame that shows the same rows as the last one (most keystrokes) copies that one's
/// cells instead of laying the list out again.
pub fn draw(app: &App, frame: &mut Frame, area: Rect, drawn: &mut Option<(u64, Buffer)>) {
    let key = fingerprint(app, area);
    if let Some((k, buf)) = drawn.as_ref()
        && *k == key
        && buf.area == area
    {
        super::copy(buf, frame.buffer_mut());
        return;
    }
    let mut buf = Buffer::empty(area);
    render(app, &mut buf, area);
    super::copy(&buf, frame.buffer_mut());
    *drawn = Some((key, buf));
}

/// Everything the outline's cells depend on: the area, the focused row and, for each row
/// shown, its part, heading level and title, count and marks.
fn fingerprint(app: &App, area: Rect) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    area.hash(&mut h);
    let parts = app.panes();
    let selected = app.focus();
    selected.hash(&mut h);
    parts.len().hash(&mut h);
    let height = usize::from(area.height.saturating_sub(2)).max(1);
    let offset = (selected + 1).saturating_sub(height);
    app.yaml_bad().hash(&mut h);
    let flagged = app.flagged_parts();
    min_level(app).hash(&mut h);
    app.longest_label().hash(&mut h);
    for &part in &parts[offset..(offset + height).min(parts.len())] {
        part.hash(&mut h);
        if let Part::Section(i) = part {
            app.shown()
                .sections()
                .get(i)
                .map(|s| (s.level, &s.title))
                .hash(&mut h);
        }
        (app.count_in(part), flagged.contains(&part)).hash(&mut h);
    }
    h.finish()
}

fn render(app: &App, buf: &mut Buffer, area: Rect) {
    let theme = app.theme();
    let block = Block::bordered().title(" Outline ");
    let inner = block.inner(area);
    let width = usize::from(inner.width);
    let height = usize::from(inner.height).max(1);
    let parts = app.panes();
    let selected = app.focus();
    let focused = parts[selected];
    let yaml_bad = app.yaml_bad();
    // Parts with problems other than placeholders (those are counted already) get a `!`
    // (for a large posting, from the last review, made after a pause in typing).
    let flagged = app.flagged_parts();
    // As a list scrolled from the top would show it: the focused row last when it is below
    // (the mouse finds rows by the same offset).
    let offset = crate::tui::wide::outline_offset(selected, inner.height);
    let min_level = min_level(app);
    let items: Vec<ListItem> = parts[offset..(offset + height).min(parts.len())]
        .iter()
        .map(|&part| {
            let is_focus = part == focused;
            let label = label(app, part, min_level);
            let count = app.count_in(part);
            let yaml_error = part == Part::FrontMatter && yaml_bad;
            // While a large posting is read, its last part so far may go on past the preview.
            let unknown = app.is_reading() && Some(&part) == parts.last();
            let (mark, mark_style) = if unknown {
                ("…".to_string(), Style::new())
            } else if yaml_error || (count == 0 && flagged.contains(&part)) {
                ("!".to_string(), theme.error())
            } else if count == 0 {
                ("✓".to_string(), theme.done())
            } else if flagged.contains(&part) {
                (format!("!{count}"), theme.placeholder())
            } else {
                (count.to_string(), theme.placeholder())
            };
            let marker = if is_focus { "▶" } else { " " };
            let room = width.saturating_sub(1 + 1 + mark.chars().count());
            // Padded by cells, not chars: a wide title keeps the count in its column.
            let text = format!("{marker}{}", crate::tui::text::fit(&label, room));
            let style = if is_focus {
                theme.focus().add_modifier(Modifier::REVERSED)
            } else {
                Style::new()
            };
            ListItem::new(Line::from(vec![
                Span::styled(text, style),
                Span::raw(" "),
                Span::styled(mark, mark_style),
            ]))
        })
        .collect();
    let mut state = ListState::default().with_selected(Some(selected - offset));
    StatefulWidget::render(List::new(items).block(block), area, buf, &mut state);
}
