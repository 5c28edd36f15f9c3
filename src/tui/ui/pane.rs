//! The focused part's text pane: a `TextArea` (soft word wrap) inside a border titled with
//! the part's name and count; the front matter pane shows its YAML error on a line under the
//! text while the YAML is invalid.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph, Widget, Wrap};

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

/// The state a pane's title shows: its placeholders left, done, or invalid YAML.
fn state(count: usize, yaml_error: bool) -> String {
    match (yaml_error, count) {
        (true, _) => "invalid YAML".to_string(),
        (false, 0) => "done ✓".to_string(),
        (false, 1) => "1 placeholder".to_string(),
        (false, n) => format!("{n} placeholders"),
    }
}

/// A bordered box titled with the part's name (in `name_style`), its state and, on the
/// right, its `position` among the panes, the name cut to fit `area`.
fn titled(
    app: &App,
    part: Part,
    yaml_error: bool,
    position: String,
    area: Rect,
    name_style: Style,
) -> Block<'static> {
    let theme = app.theme();
    let state = state(app.count_in(part), yaml_error);
    let room = usize::from(area.width).saturating_sub(10 + state.len() + position.len());
    let state_style = if yaml_error {
        theme.error()
    } else {
        theme.dim()
    };
    Block::bordered()
        .title(Line::from(vec![
            Span::raw(" "),
            Span::styled(truncate(&title(app, part), room), name_style),
            Span::raw(" · "),
            Span::styled(state, state_style),
            Span::raw(" "),
        ]))
        .title(Line::from(position).right_aligned())
}

/// The blank lines at the top of a part's text a neighbour's box leaves out (the blank line
/// after a heading), so its few rows show words.
pub fn peek_skip(text: &str) -> usize {
    text.lines().take_while(|l| l.trim().is_empty()).count()
}

/// Draws part `i` (not focused) into `area` as a neighbour of the focused pane: a thin box
/// titled with its heading, showing its first lines wrapped as its pane would wrap them, its
/// placeholders marked. Read only: a click focuses it.
///
/// `last` holds the boxes drawn in the last frame with the key of what they showed: a box
/// showing the same is copied from there (typing elsewhere leaves neighbours as they were)
/// instead of building and highlighting a text area again. Returns this box and its key.
pub fn draw_peek(
    app: &App,
    frame: &mut Frame,
    area: Rect,
    i: usize,
    last: &mut Vec<(u64, Buffer)>,
) -> (u64, Buffer) {
    let part = app.panes()[i];
    let yaml_error = part == Part::FrontMatter && app.yaml_bad();
    let position = format!(" {}/{} ", i + 1, app.panes().len());
    let posting = app.shown();
    let text = posting.part_text(part);
    // Lines longer than the box wrap to more rows: as many lines as rows is always enough.
    let rows = usize::from(area.height.saturating_sub(2));
    let lines = || text.lines().skip(peek_skip(text)).take(rows);
    let pattern = peek_pattern(app, part);
    let key = {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        (area, app.theme().color, &position, &pattern).hash(&mut h);
        (title(app, part), app.count_in(part), yaml_error).hash(&mut h);
        lines().for_each(|l| l.hash(&mut h));
        h.finish()
    };
    if let Some(at) = last.iter().position(|(k, b)| *k == key && b.area == area) {
        let (key, buf) = last.swap_remove(at);
        super::copy(&buf, frame.buffer_mut());
        return (key, buf);
    }
    let theme = app.theme();
    let mut buf = Buffer::empty(area);
    let block =
        titled(app, part, yaml_error, position, area, Style::new()).border_style(theme.dim());
    let inner = block.inner(area);
    block.render(area, &mut buf);
    let mut ta = crate::tui::app::text_area(
        lines().map(str::to_string).collect(),
        theme.selection(),
        theme.placeholder(),
    );
    // No cursor in a pane without focus.
    ta.set_cursor_style(ratatui::style::Style::new());
    if !pattern.is_empty() {
        let _ = ta.set_search_pattern(&pattern);
    }
    super::controls::render(&ta, inner, &mut buf);
    super::copy(&buf, frame.buffer_mut());
    (key, buf)
}

/// A search pattern matching the placeholders of `part` (at most 64 looked at), longest
/// first; empty when there are none.
fn peek_pattern(app: &App, part: Part) -> String {
    let posting = app.shown();
    let Some(range) = posting.part_range(part) else {
        return String::new();
    };
    // Placeholders are in text order: only this part's are looked at.
    let all = posting.placeholders();
    let first = all.partition_point(|p| p.span.start < range.start);
    let mut shown: Vec<&str> = all[first..]
        .iter()
        .take_while(|p| p.span.start < range.end)
        .filter(|p| p.span.end <= range.end)
        .take(64)
        .filter_map(|p| posting.text().get(p.span.clone()))
        .filter(|s| !s.contains('\n') && !s.trim().is_empty())
        .collect();
    shown.sort_unstable_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    shown.dedup();
    shown
        .iter()
        .map(|s| regex::escape(s))
        .collect::<Vec<_>>()
        .join("|")
}

/// Draws the focused pane into `area`.
/// Returns where the text itself went (the pane editor keeps the screen still there when a
/// big pane's window moves, and pages by its height).
pub fn draw(app: &App, frame: &mut Frame, area: Rect, drawn: &mut super::Drawn) -> Rect {
    let theme = app.theme();
    let pane = app.focused();
    let position = if app.is_reading() {
        format!(" {}/… ", app.focus() + 1)
    } else {
        format!(" {}/{} ", app.focus() + 1, app.panes().len())
    };
    let yaml_error = pane.yaml_error.is_some();
    let block = titled(app, pane.part, yaml_error, position, area, theme.focus())
        .border_type(BorderType::Thick)
        .border_style(theme.focus());
    let inner = block.inner(area);
    // Its inside stays blank: only its border is copied into later frames.
    let key = {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        (area, &block).hash(&mut h);
        h.finish()
    };
    let copy = if ratatui::style::Styled::style(&block) == Style::new() {
        super::copy_border
    } else {
        super::copy
    };
    drawn.show(frame, area, key, copy, |buf| block.render(area, buf));
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
