//! Drawing the folder view: a header (folder, sort, progress), a row per posting with a
//! completeness bar, the selected posting's title or error, the summary line and the key
//! hints; F1 help over it. Never mutates: the loop calls [`ListState::scroll_to`] with
//! [`rows_height`] first.

use ratatui::Frame;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::state::{ListState, Row, Status};
use crate::review::overview::{Fact, Overview};
use crate::review::report::visible;
use crate::tui::keymap::{LIST_BINDINGS, short_label};
use crate::tui::text::{fit, truncate, wrap};

/// Lines that are not rows: header, column names, detail, summary, hints.
const CHROME: u16 = 5;

/// Columns after the path (and title): placeholders, errors, warnings, the three facts, bar.
fn figures_header() -> String {
    format!(
        " {:>4} {:>3} {:>4} {:^3} {:^3} {:^4} {:<BAR$}",
        "Left", "Err", "Warn", "Pay", "Loc", "Type", "Done"
    )
}

/// The screen row of the first posting (under the header and the column names).
pub const ROWS_TOP: u16 = 2;

/// Blocks in a completeness bar.
const BAR: usize = 5;

/// The title gets a column of its own from this much room for path and title.
const TITLE_FROM: usize = 36;

/// How many rows fit in a frame of `area`.
pub fn rows_height(area: Rect) -> usize {
    usize::from(area.height.saturating_sub(CHROME))
}

/// Draws the whole view.
pub fn draw(state: &ListState, frame: &mut Frame) {
    let area = frame.area();
    if area.height < 3 || area.width < 20 {
        frame.render_widget(Paragraph::new("jobpost: terminal too small"), area);
        return;
    }
    let width = usize::from(area.width);
    let line_at = |y: u16| Rect::new(area.x, area.y + y, area.width, 1);
    let bold = Style::new().add_modifier(Modifier::BOLD);
    let dim = Style::new().add_modifier(Modifier::DIM);

    frame.render_widget(Paragraph::new(header(state, width)).style(bold), line_at(0));
    let (path_w, title_w) = columns(width);
    let mut names = fit(" Path", path_w + 1);
    if let Some(t) = title_w {
        names.push(' ');
        names.push_str(&fit("Title", t));
    }
    names.push_str(&figures_header());
    frame.render_widget(
        Paragraph::new(names).style(Style::new().add_modifier(Modifier::UNDERLINED)),
        line_at(1),
    );

    let height = rows_height(area);
    let shown = state.shown();
    for (i, &id) in shown.iter().enumerate().skip(state.offset).take(height) {
        let row = &state.rows()[id];
        let selected = i == state.selected();
        let mut style = if row.rechecking || row.status == Status::Waiting {
            dim
        } else {
            Style::new()
        };
        if selected {
            style = style.add_modifier(Modifier::REVERSED);
        }
        let y = ROWS_TOP + u16::try_from(i - state.offset).unwrap_or(0);
        frame.render_widget(
            Paragraph::new(row_line(row, selected, path_w, title_w)).style(style),
            line_at(y),
        );
    }
    if shown.is_empty() {
        let why = if state.filter().value().is_empty() {
            " No postings."
        } else {
            " No posting matches the filter."
        };
        frame.render_widget(Paragraph::new(why).style(dim), line_at(2));
    }

    let bottom = area.height;
    frame.render_widget(
        Paragraph::new(detail(state, width)),
        line_at(bottom.saturating_sub(3)),
    );
    frame.render_widget(
        Paragraph::new(summary(state, width)).style(bold),
        line_at(bottom.saturating_sub(2)),
    );
    frame.render_widget(Paragraph::new(hints(state)), line_at(bottom - 1));
    if state.filtering {
        // The cursor sits in the filter, as in a prompt.
        let typed = state.filter().value();
        let before: String = typed.chars().take(state.filter().cursor()).collect();
        let x = FILTER_PROMPT.width() + before.width();
        if x < width {
            frame.set_cursor_position((area.x + x as u16, area.y + bottom - 1));
        }
    }
    if let Some(scroll) = state.help {
        draw_help(frame, area, scroll);
    }
}

const FILTER_PROMPT: &str = " Filter: ";

fn header(state: &ListState, width: usize) -> String {
    let t = state.totals();
    let mut left = format!(
        " {} · sorted by {}",
        visible(&state.root),
        state.sort().label()
    );
    let filter = state.filter().value();
    if !filter.is_empty() && !state.filtering {
        left.push_str(&format!(" · filter \"{}\"", visible(filter)));
    }
    if t.done == t.postings {
        return truncate(&left, width);
    }
    let right = format!(" checking {}/{} ", t.done, t.postings);
    let mut out = fit(&left, width.saturating_sub(right.width()));
    out.push_str(&right);
    out
}

/// The width of the path and title columns (no title column when there is too little room).
fn columns(width: usize) -> (usize, Option<usize>) {
    let flexible = width.saturating_sub(figures_header().width() + 1);
    if flexible >= TITLE_FROM {
        let path = flexible * 9 / 20;
        (path, Some(flexible - path - 1))
    } else {
        (flexible, None)
    }
}

fn row_line(row: &Row, selected: bool, path_w: usize, title_w: Option<usize>) -> Line<'static> {
    let mut text = String::from(if selected { "▶" } else { " " });
    text.push_str(&pad_path(&visible(&row.name), path_w));
    let rest = match &row.status {
        Status::Checked(o) => {
            let mut s = String::new();
            if let Some(t) = title_w {
                s.push(' ');
                s.push_str(&fit(&visible(&o.title), t));
            }
            s.push_str(&figures(o));
            s
        }
        Status::Waiting => " checking…".to_string(),
        Status::Failed(why) => format!(" {}", visible(why)),
    };
    text.push_str(&rest);
    Line::from(text)
}

/// The figures of a checked row, aligned under [`figures_header`].
fn figures(o: &Overview) -> String {
    let fact = |f: Fact| match f {
        Fact::Stated => "✓",
        Fact::Missing => "✗",
        Fact::Unchecked => "-",
    };
    let percent = o.percent();
    let full = usize::from(percent) * BAR / 100;
    let bar = format!("{}{}", "█".repeat(full), "░".repeat(BAR - full));
    format!(
        " {:>4} {:>3} {:>4} {:^3} {:^3} {:^4} {bar}",
        o.placeholders,
        o.errors,
        o.warnings,
        fact(o.pay),
        fact(o.location),
        fact(o.employment),
    )
}

/// The line under the rows: the selected posting's title and state, or its error whole.
fn detail(state: &ListState, width: usize) -> String {
    let Some(id) = state.selected_id() else {
        return String::new();
    };
    let row = &state.rows()[id];
    let text = match &row.status {
        Status::Waiting => format!("{}: checking…", row.name),
        Status::Failed(why) => format!("{}: {why}", row.name),
        Status::Checked(o) => {
            let state = if o.complete {
                "complete"
            } else {
                "not complete"
            };
            let title = if o.title.is_empty() {
                "(no title)"
            } else {
                &o.title
            };
            format!("{title} — {state}")
        }
    };
    if let Some(m) = &state.message {
        return truncate(&format!(" {}", visible(m)), width);
    }
    truncate(&format!(" {}", visible(&text)), width)
}

fn summary(state: &ListState, width: usize) -> String {
    let t = state.totals();
    let mut s = format!(
        " {} · {} complete · {} left",
        plural(t.postings, "posting"),
        t.complete,
        plural(t.placeholders, "placeholder")
    );
    // A narrow terminal keeps the counts and drops words.
    let narrow = width < 70;
    if narrow {
        s.truncate(s.len() - " left".len());
    }
    if t.unreadable > 0 {
        s.push_str(&format!(" · {} unreadable", t.unreadable));
    }
    let shown = state.shown().len();
    if shown < t.postings {
        s.push_str(&format!(" · {shown} shown"));
    }
    s
}

fn hints(state: &ListState) -> Line<'static> {
    if state.filtering {
        return Line::from(vec![
            Span::raw(FILTER_PROMPT),
            Span::styled(
                visible(state.filter().value()).into_owned(),
                Style::new().add_modifier(Modifier::UNDERLINED),
            ),
            Span::raw("  Enter keep · Esc clear"),
        ]);
    }
    let bold = Style::new().add_modifier(Modifier::BOLD);
    let mut spans = vec![Span::raw(" ")];
    for b in LIST_BINDINGS {
        let (Some(word), Some(k)) = (b.hint, b.keys.first()) else {
            continue;
        };
        let label = match k.code {
            KeyCode::Char(c) if k.mods.is_empty() => c.to_string(),
            _ => short_label(*k),
        };
        spans.push(Span::styled(label, bold));
        spans.push(Span::raw(format!(" {word}  ")));
        if word == "Filter" {
            spans.push(Span::styled("n p e m", bold));
            spans.push(Span::raw(" Sort  "));
        }
    }
    Line::from(spans)
}

/// The keys over the list, scrolled by `scroll` lines.
fn draw_help(frame: &mut Frame, area: Rect, scroll: u16) {
    let w = area.width.saturating_sub(4).min(76);
    let h = area.height.saturating_sub(2);
    let rect = Rect::new(area.x + (area.width - w) / 2, area.y + 1, w, h);
    let inner = usize::from(w.saturating_sub(2));
    let key_w = 10;
    let bold = Style::new().add_modifier(Modifier::BOLD);
    let mut lines = Vec::new();
    for b in LIST_BINDINGS {
        for (i, chunk) in wrap(b.description, inner.saturating_sub(key_w).max(10))
            .into_iter()
            .enumerate()
        {
            let k = if i == 0 {
                b.keys_label()
            } else {
                String::new()
            };
            lines.push(Line::from(vec![
                Span::styled(fit(&k, key_w), bold),
                Span::raw(chunk),
            ]));
        }
    }
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .title(" Folder view keys · ↑↓ scroll · other keys close ");
    let scroll = scroll.min(
        u16::try_from(lines.len())
            .unwrap_or(u16::MAX)
            .saturating_sub(h.saturating_sub(2)),
    );
    frame.render_widget(Clear, rect);
    frame.render_widget(Paragraph::new(lines).block(block).scroll((scroll, 0)), rect);
}

fn plural(n: usize, one: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {one}s")
    }
}

/// A path cut from the start (the file name matters most) or padded to `width` columns.
fn pad_path(s: &str, width: usize) -> String {
    if s.width() <= width {
        return fit(s, width);
    }
    let mut kept = Vec::new();
    let mut used = 1;
    for cluster in s.graphemes(true).rev() {
        let w = crate::tui::text::width(cluster);
        if used + w > width {
            break;
        }
        kept.push(cluster);
        used += w;
    }
    let mut out = String::from("…");
    out.extend(kept.into_iter().rev());
    fit(&out, width)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_path_keeps_its_end_and_never_splits_a_character() {
        assert_eq!(pad_path("jobs/backend.md", 18), "jobs/backend.md   ");
        assert_eq!(pad_path("jobs/team/backend.md", 12), "…/backend.md");
        // Cut by characters, the end of the ZWJ sequence alone would stay.
        assert_eq!(
            pad_path("a/\u{1f469}\u{200d}\u{1f4bb}", 3),
            "…\u{1f469}\u{200d}\u{1f4bb}"
        );
    }
}
