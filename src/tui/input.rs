//! Input as terminals send it. crossterm reads `ESC ESC [ B` (Esc, then Down, in one write:
//! an SSH link, or Alt-arrow on some terminals) as Esc followed by the characters `[` and
//! `B`, which would be typed into the text. [`coalesce`] reads such a tail back as the key it
//! encodes, for a batch of events read together; [`read_batch`] reads a batch as the editor
//! and the folder view both do.

use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use ratatui::crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// Most events handled before a frame, so a never-ending stream of input still shows.
const MAX_BATCH: usize = 4096;
/// How long a read looks for more input already sent before it ends the batch (crossterm's
/// poll(2) source reads nothing with a zero timeout, not even events it has parsed already).
const MORE_INPUT: Duration = Duration::from_micros(2);

/// Events read with a batch but meant for what runs next (keys typed right after Enter
/// opened a posting from the folder view are the editor's): the next batch starts with them.
static UNREAD: Mutex<Vec<Event>> = Mutex::new(Vec::new());

fn unread_events() -> MutexGuard<'static, Vec<Event>> {
    UNREAD.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Hands events back, to be read (after any handed back before) by the next [`read_batch`].
pub fn unread(events: impl IntoIterator<Item = Event>) {
    unread_events().extend(events);
}

/// Whether an event is ready within `timeout` (one handed back is ready at once).
pub fn poll(timeout: Duration) -> std::io::Result<bool> {
    if !unread_events().is_empty() {
        return Ok(true);
    }
    event::poll(timeout)
}

/// Reads the next event (waiting for it) and every event already sent after it, coalesced:
/// everything read is handled before the next frame (a burst of keys is one frame, never a
/// stall), and an Esc followed at once by a sequence is Esc and that sequence's key.
pub fn read_batch() -> std::io::Result<Vec<Event>> {
    let mut batch = std::mem::take(&mut *unread_events());
    if batch.is_empty() {
        batch.push(event::read()?);
    }
    while batch.len() < MAX_BATCH && event::poll(MORE_INPUT)? {
        batch.push(event::read()?);
    }
    Ok(coalesce(batch))
}

fn plain_char(e: &Event) -> Option<char> {
    match e {
        Event::Key(KeyEvent {
            code: KeyCode::Char(c),
            modifiers,
            kind: KeyEventKind::Press,
            ..
        }) if (*modifiers - KeyModifiers::SHIFT).is_empty() => Some(*c),
        _ => None,
    }
}

fn is_esc(e: &Event) -> bool {
    matches!(
        e,
        Event::Key(KeyEvent {
            code: KeyCode::Esc,
            kind: KeyEventKind::Press,
            ..
        })
    )
}

/// The events of one batch, with an escape sequence that followed an Esc read back as its
/// key (or dropped when it is not one jobpost knows): never as typed text.
pub fn coalesce(events: Vec<Event>) -> Vec<Event> {
    let mut out = Vec::with_capacity(events.len());
    let mut i = 0;
    while i < events.len() {
        let e = &events[i];
        out.push(e.clone());
        i += 1;
        if !is_esc(e) {
            continue;
        }
        let Some(intro @ ('[' | 'O')) = events.get(i).and_then(plain_char) else {
            continue;
        };
        // The sequence's bytes: parameters and intermediates, then one final byte.
        let mut j = i + 1;
        let mut body = String::new();
        let mut last = None;
        while let Some(c) = events.get(j).and_then(plain_char) {
            j += 1;
            if intro == '[' && matches!(c, '0'..='?' | ' '..='/') {
                body.push(c);
                continue;
            }
            last = Some(c);
            break;
        }
        let Some(last) = last.filter(|c| ('@'..='~').contains(c)) else {
            continue;
        };
        if let Some(key) = decode(intro, &body, last) {
            out.push(Event::Key(key));
        }
        i = j;
    }
    out
}

/// The key a CSI (`[`) or SS3 (`O`) sequence stands for.
fn decode(intro: char, params: &str, last: char) -> Option<KeyEvent> {
    let mut nums = params.split(';').map(|p| p.parse::<u8>().ok());
    let first = nums.next().flatten();
    let m = nums.next().flatten().unwrap_or(1).saturating_sub(1);
    let mut mods = KeyModifiers::NONE;
    if m & 1 != 0 {
        mods |= KeyModifiers::SHIFT;
    }
    if m & 2 != 0 {
        mods |= KeyModifiers::ALT;
    }
    if m & 4 != 0 {
        mods |= KeyModifiers::CONTROL;
    }
    let code = match (intro, last, first) {
        (_, 'A', _) => KeyCode::Up,
        (_, 'B', _) => KeyCode::Down,
        (_, 'C', _) => KeyCode::Right,
        (_, 'D', _) => KeyCode::Left,
        (_, 'H', _) => KeyCode::Home,
        (_, 'F', _) => KeyCode::End,
        ('[', 'Z', _) => KeyCode::BackTab,
        ('O', c @ 'P'..='S', _) => KeyCode::F(1 + c as u8 - b'P'),
        ('[', c @ 'P'..='S', _) => KeyCode::F(1 + c as u8 - b'P'),
        ('[', '~', Some(n)) => match n {
            1 | 7 => KeyCode::Home,
            2 => KeyCode::Insert,
            3 => KeyCode::Delete,
            4 | 8 => KeyCode::End,
            5 => KeyCode::PageUp,
            6 => KeyCode::PageDown,
            11..=15 => KeyCode::F(n - 10),
            17..=21 => KeyCode::F(n - 11),
            23 | 24 => KeyCode::F(n - 12),
            _ => return None,
        },
        _ => return None,
    };
    Some(KeyEvent::new(code, mods))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(s: &str) -> Vec<Event> {
        s.chars()
            .map(|c| {
                Event::Key(match c {
                    '\u{1b}' => KeyEvent::from(KeyCode::Esc),
                    c => KeyEvent::from(KeyCode::Char(c)),
                })
            })
            .collect()
    }

    fn codes(events: &[Event]) -> Vec<KeyCode> {
        events
            .iter()
            .filter_map(|e| match e {
                Event::Key(k) => Some(k.code),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn esc_then_a_sequence_is_esc_then_its_key() {
        assert_eq!(
            codes(&coalesce(typed("\u{1b}[B"))),
            [KeyCode::Esc, KeyCode::Down]
        );
        assert_eq!(
            codes(&coalesce(typed("\u{1b}OQ"))),
            [KeyCode::Esc, KeyCode::F(2)]
        );
        assert_eq!(
            codes(&coalesce(typed("\u{1b}[1~x"))),
            [KeyCode::Esc, KeyCode::Home, KeyCode::Char('x')]
        );
        assert_eq!(
            codes(&coalesce(typed("\u{1b}[1;5C"))),
            [KeyCode::Esc, KeyCode::Right]
        );
    }

    #[test]
    fn text_after_esc_that_is_no_sequence_stays_text() {
        assert_eq!(
            codes(&coalesce(typed("\u{1b}ab"))),
            [KeyCode::Esc, KeyCode::Char('a'), KeyCode::Char('b')]
        );
        assert_eq!(
            codes(&coalesce(typed("[B"))),
            [KeyCode::Char('['), KeyCode::Char('B')]
        );
    }
}
