//! The review panel (F3): every finding, grouped under the part of the posting it sits in
//! (front matter, header, each section), with its severity, line and message; the selected
//! one is reversed. Enter jumps there, Esc closes.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, List, ListItem, ListState};

use super::{truncate, wrap};
use crate::posting::Part;
use crate::review::Severity;
use crate::tui::app::{App, visible};

/// The part's name as the outline shows it.
fn part_name(app: &App, part: Option<Part>) -> String {
    match part {
        Some(Part::FrontMatter) => "Front matter".into(),
        Some(Part::Preamble) | None => "Header".into(),
        Some(Part::Section(i)) => app
            .posting()
            .sections()
            .get(i)
            .map_or_else(String::new, |s| visible(&s.title)),
    }
}

/// Draws the panel over `area`.
pub fn draw(app: &App, frame: &mut Frame, area: Rect, selected: usize) {
    let theme = app.theme();
    let review = app
        .cached_review()
        .expect("the review panel opens with a review");
    let n = review.findings.len();
    let count = |s: Severity| review.findings.iter().filter(|f| f.severity == s).count();
    let title = format!(
        " Review: {} errors, {} warnings, {} info ",
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info)
    );
    let mid = area;
    let block = Block::bordered()
        .title(truncate(&title, usize::from(mid.width.saturating_sub(2))))
        .title_bottom(" ↑↓ select · Enter jump · Esc close ");
    let inner = block.inner(mid);
    let width = usize::from(inner.width);
    let mut items = Vec::new();
    let mut selected_row = 0;
    let mut last_group = None;
    let missing = crate::tui::fill::missing_required(app.posting(), app.rules());
    if !missing.is_empty() {
        let line = format!("schema.org needs {} (F2 adds them)", missing.join(", "));
        for piece in wrap(&line, width) {
            items.push(ListItem::new(Line::styled(piece, theme.placeholder())));
        }
    }
    // Whole-posting findings first, then the rest by part, in file order; the selection
    // index counts in this order (see `App::review_order`).
    for (k, i) in app.review_order(&review.findings).into_iter().enumerate() {
        let f = &review.findings[i];
        let group = (!f.is_whole_posting()).then(|| app.posting().part_at(app.finding_offset(f)));
        if last_group.is_none() || Some(group) != last_group {
            let name = match group {
                None => "Whole posting".to_string(),
                Some(part) => part_name(app, part),
            };
            items.push(ListItem::new(Line::styled(
                truncate(&name, width),
                Style::new().add_modifier(Modifier::BOLD),
            )));
            last_group = Some(group);
        }
        let (mark, style) = match f.severity {
            Severity::Error => ("E", theme.error()),
            Severity::Warning => ("W", theme.placeholder()),
            Severity::Info => ("i", theme.dim()),
        };
        let head = format!(" {:>4} ", f.line);
        let room = width.saturating_sub(crate::tui::text::width(&head) + 2);
        let text = truncate(&visible(&f.message), room);
        let row_style = if k == selected.min(n.saturating_sub(1)) {
            selected_row = items.len();
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new()
        };
        items.push(ListItem::new(Line::from(vec![
            Span::styled(mark, style),
            Span::styled(format!("{head}{text}"), row_style),
        ])));
    }
    if let Some(why) = app.review_failure() {
        for piece in wrap(&visible(why), width) {
            items.push(ListItem::new(Line::styled(piece, theme.error())));
        }
    } else if review.findings.is_empty() {
        items.push(ListItem::new("No problems found"));
    }
    frame.render_widget(Clear, mid);
    let mut state = ListState::default().with_selected(Some(selected_row));
    frame.render_stateful_widget(List::new(items).block(block), mid, &mut state);
}
