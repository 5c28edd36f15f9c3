//! The terminal side: init/restore (ratatui installs a restoring panic hook) and the event
//! loop, which draws, turns terminal events into keys for the App, and runs effects.

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, Event, KeyEventKind};

use super::Launch;
use super::action::Effect;
use super::app::App;

/// Runs the editor in the real terminal until the user quits; the terminal is restored on
/// every exit path (including errors and panics).
pub fn run(launch: Launch) -> anyhow::Result<()> {
    let mut app = App::new(launch);
    let mut terminal = ratatui::try_init()?;
    let result = event_loop(&mut terminal, &mut app);
    ratatui::restore();
    result
}

fn event_loop(terminal: &mut DefaultTerminal, app: &mut App) -> anyhow::Result<()> {
    loop {
        terminal.draw(|frame| app.draw(frame))?;
        let mut effect = match event::read()? {
            Event::Key(key) if key.kind == KeyEventKind::Press => app.handle_key(key),
            // A resize (or anything else) just leads to the next draw at the new size.
            _ => None,
        };
        while let Some(e) = effect.take() {
            effect = match e {
                Effect::Quit => return Ok(()),
                Effect::Redraw => {
                    terminal.clear()?;
                    None
                }
                Effect::Save { path, then_quit } => app.save(&path, then_quit),
            };
        }
    }
}
