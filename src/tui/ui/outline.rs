//! The outline: front matter, header and every section (indented by level), each with its
//! count of unfilled placeholders or a done mark, and `!` where the review (F3) found an
//! error or warning other than a placeholder; the focused part is marked `▶` and reversed.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState};

use super::truncate;
use crate::posting::Part;
use crate::review::Severity;
use crate::tui::app::{App, visible};

/// One outline row: what it names and its label.
pub fn rows(app: &App) -> Vec<(Part, String)> {
    let posting = app.posting();
    let min_level = posting
        .sections()
        .iter()
        .map(|s| s.level)
        .min()
        .unwrap_or(1);
    posting
        .parts()
        .into_iter()
        .map(|part| {
            let label = match part {
                Part::FrontMatter => "Front matter".to_string(),
                Part::Preamble => "Header".to_string(),
                Part::Section(i) => {
                    let s = &posting.sections()[i];
                    let indent = " ".repeat(usize::from(s.level.saturating_sub(min_level)));
                    let title = if s.title.trim().is_empty() {
                        "(untitled)".to_string()
                    } else {
                        visible(&s.title)
                    };
                    format!("{indent}{title}")
                }
            };
            (part, label)
        })
        .collect()
}

/// Draws the outline into `area`.
pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let theme = app.theme();
    let block = Block::bordered().title(" Outline ");
    let inner = block.inner(area);
    let width = usize::from(inner.width);
    let focused = app.focused().part;
    let yaml_bad = app
        .panes()
        .iter()
        .any(|p| p.part == Part::FrontMatter && p.yaml_error.is_some());
    // Parts with problems other than placeholders (those are counted already) get a `!`.
    let review = app.review();
    let flagged: Vec<Part> = review
        .findings
        .iter()
        .filter(|f| {
            f.rule != "placeholder" && f.severity >= Severity::Warning && !f.is_whole_posting()
        })
        .filter_map(|f| app.posting().part_at(app.finding_offset(f)))
        .collect();
    let mut selected = 0;
    let items: Vec<ListItem> = rows(app)
        .into_iter()
        .enumerate()
        .map(|(i, (part, label))| {
            let is_focus = part == focused;
            if is_focus {
                selected = i;
            }
            let count = app.count_in(part);
            let yaml_error = part == Part::FrontMatter && yaml_bad;
            let (mark, mark_style) = if yaml_error || (count == 0 && flagged.contains(&part)) {
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
            let text = format!("{marker}{:<room$}", truncate(&label, room));
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
    let mut state = ListState::default().with_selected(Some(selected));
    frame.render_stateful_widget(List::new(items).block(block), area, &mut state);
}
