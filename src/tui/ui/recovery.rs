//! The safety net's dialogs: the recovery offer on open (with a short line diff) and the
//! changed-on-disk question before a save.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::truncate;
use crate::recovery::format_time;
use crate::tui::app::{App, GuardDialog, visible};

/// Title, text lines and `(key, meaning)` choices of a dialog.
fn content(app: &App, d: &GuardDialog) -> (String, Vec<String>, Vec<(&'static str, String)>) {
    let name = visible(&app.file_name());
    match d {
        GuardDialog::Recover { recovery, diff } => {
            let mut text = vec![
                format!("Unsaved edits of {name} were kept"),
                format!("at {}:", format_time(recovery.header.saved)),
            ];
            text.extend(diff.iter().map(|l| visible(l)));
            (
                " Recover unsaved edits? ".into(),
                text,
                vec![
                    ("r", "recover: load them as unsaved edits".into()),
                    ("d", "discard them (delete the recovery file)".into()),
                    ("k", "keep both: open them as a new posting".into()),
                ],
            )
        }
        GuardDialog::ChangedOnDisk { deleted, .. } => {
            let what = if *deleted {
                "was deleted"
            } else {
                "was changed by someone else"
            };
            (
                " Changed on disk ".into(),
                vec![
                    format!("{name} {what}"),
                    "since it was opened or saved.".into(),
                ],
                vec![
                    ("o", "overwrite it with my text".into()),
                    ("r", "reload it, losing my edits (asks again)".into()),
                    ("Esc", "cancel the save".into()),
                ],
            )
        }
        GuardDialog::ConfirmReload { .. } => (
            " Reload from disk ".into(),
            vec![format!("Throw away every unsaved edit of {name}?")],
            vec![
                ("y", "yes, reload".into()),
                ("n", "no, keep my edits".into()),
            ],
        ),
    }
}

/// Draws the dialog centred in `area`.
pub fn draw(app: &App, frame: &mut Frame, area: Rect, d: &GuardDialog) {
    let (title, text, choices) = content(app, d);
    let width = area.width.min(64);
    let inner = usize::from(width.saturating_sub(2));
    let mut lines: Vec<Line> = text
        .into_iter()
        .map(|t| {
            let style = if t.starts_with("- ") || t.starts_with("+ ") {
                app.theme().dim()
            } else {
                Style::new()
            };
            Line::from(Span::styled(truncate(&t, inner), style))
        })
        .collect();
    lines.push(Line::from(""));
    for (k, what) in choices {
        lines.push(Line::from(vec![
            Span::styled(
                format!(" {k:^3} "),
                Style::new().add_modifier(Modifier::REVERSED),
            ),
            Span::raw(truncate(&format!(" {what}"), inner.saturating_sub(5))),
        ]));
    }
    let rect = super::dialogs::centered_box(frame, area, width, lines.len());
    let block = super::dialogs::titled_box(title);
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}
