//! Copy, cut and paste (Ctrl-C, Ctrl-X, Ctrl-V), as micro does them: with nothing selected,
//! copy and cut take the cursor's whole line. The text is kept in the editor (paste reads
//! it from there: terminals rarely let a program read their clipboard) and also sent to the
//! terminal's clipboard with OSC 52, which works over SSH and in tmux with `set-clipboard on`.

use std::io::{self, Write};

use ratatui::crossterm::Command;
use ratatui::crossterm::clipboard::CopyToClipboard;

/// Text larger than this goes to the editor's clipboard only: some terminals drop or choke on
/// longer OSC 52 sequences (the sequence is 4/3 of the text).
pub const OSC52_LIMIT: usize = 1 << 20;

/// The editor's own clipboard: the text last copied or cut.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Clipboard {
    text: Option<String>,
}

impl Clipboard {
    /// Keeps `text` for the next paste.
    pub fn set(&mut self, text: String) {
        self.text = Some(text);
    }

    /// What Ctrl-V pastes (`None` before anything was copied).
    pub fn text(&self) -> Option<&str> {
        self.text.as_deref()
    }
}

/// A position in a pane: (row, char column), as the text pane counts them.
pub type Pos = (usize, usize);

/// What copy or cut takes: the selection `(start, end)` if there is one, else the cursor's
/// whole line with its line break (the last line: up to the end of the text), as micro's
/// CopyLine / CutLine.
pub fn span(lines: &[String], cursor: Pos, selection: Option<(Pos, Pos)>) -> (Pos, Pos) {
    if let Some((a, b)) = selection
        && a != b
    {
        return (a.min(b), a.max(b));
    }
    let row = cursor.0.min(lines.len().saturating_sub(1));
    if row + 1 < lines.len() {
        ((row, 0), (row + 1, 0))
    } else {
        let end = lines.get(row).map_or(0, |l| l.chars().count());
        ((row, 0), (row, end))
    }
}

/// The text between two positions of `lines`, lines joined with `\n` (`start <= end`).
pub fn text_of(lines: &[String], start: Pos, end: Pos) -> String {
    let cut = |line: &str, from: usize, to: Option<usize>| -> String {
        let chars = line.chars().skip(from);
        match to {
            Some(to) => chars.take(to.saturating_sub(from)).collect(),
            None => chars.collect(),
        }
    };
    let Some(first) = lines.get(start.0) else {
        return String::new();
    };
    if start.0 == end.0 {
        return cut(first, start.1, Some(end.1));
    }
    let mut out = cut(first, start.1, None);
    for line in lines.iter().take(end.0).skip(start.0 + 1) {
        out.push('\n');
        out.push_str(line);
    }
    if let Some(last) = lines.get(end.0) {
        out.push('\n');
        out.push_str(&cut(last, 0, Some(end.1)));
    }
    out
}

/// Whether `text` may go to the terminal's clipboard (at most [`OSC52_LIMIT`] bytes).
pub fn fits_terminal(text: &str) -> bool {
    text.len() <= OSC52_LIMIT
}

/// The OSC 52 sequence that puts `text` on the terminal's clipboard, or `None` when it does
/// not [fit](fits_terminal).
pub fn osc52(text: &str) -> Option<String> {
    if !fits_terminal(text) {
        return None;
    }
    let mut out = String::new();
    CopyToClipboard::to_clipboard_from(text.as_bytes())
        .write_ansi(&mut out)
        .ok()?;
    Some(out)
}

/// Writes [`osc52`] to the terminal; returns whether the text was sent.
pub fn send(out: &mut impl Write, text: &str) -> io::Result<bool> {
    match osc52(text) {
        Some(seq) => {
            out.write_all(seq.as_bytes())?;
            out.flush()?;
            Ok(true)
        }
        None => Ok(false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(s: &str) -> Vec<String> {
        s.split('\n').map(str::to_string).collect()
    }

    #[test]
    fn osc52_is_base64_to_the_clipboard() {
        assert_eq!(osc52("hi").unwrap(), "\x1b]52;c;aGk=\x1b\\");
        // UTF-8 bytes, not chars.
        assert_eq!(osc52("é").unwrap(), "\x1b]52;c;w6k=\x1b\\");
        assert!(osc52(&"x".repeat(OSC52_LIMIT + 1)).is_none());
        let mut out = Vec::new();
        assert!(send(&mut out, "hi").unwrap());
        assert_eq!(out, b"\x1b]52;c;aGk=\x1b\\");
    }

    #[test]
    fn selection_is_what_is_taken_in_either_direction() {
        let l = lines("Acme GmbH\nBerlin 👩\u{200d}💻 team");
        assert_eq!(span(&l, (0, 0), Some(((1, 3), (0, 5)))), ((0, 5), (1, 3)));
        assert_eq!(text_of(&l, (0, 5), (1, 3)), "GmbH\nBer");
        assert_eq!(text_of(&l, (1, 7), (1, 10)), "👩\u{200d}💻");
    }

    #[test]
    fn nothing_selected_takes_the_whole_line_as_micro() {
        let l = lines("one\ntwo\nthree");
        assert_eq!(span(&l, (1, 2), None), ((1, 0), (2, 0)));
        assert_eq!(text_of(&l, (1, 0), (2, 0)), "two\n");
        // The last line has no break to take.
        assert_eq!(span(&l, (2, 1), Some(((2, 1), (2, 1)))), ((2, 0), (2, 5)));
        assert_eq!(text_of(&l, (2, 0), (2, 5)), "three");
        assert_eq!(span(&[], (0, 0), None), ((0, 0), (0, 0)));
        assert_eq!(text_of(&[], (0, 0), (0, 0)), "");
    }

    #[test]
    fn clipboard_keeps_the_last_text() {
        let mut c = Clipboard::default();
        assert_eq!(c.text(), None);
        c.set("a".into());
        c.set("b\n".into());
        assert_eq!(c.text(), Some("b\n"));
    }
}
