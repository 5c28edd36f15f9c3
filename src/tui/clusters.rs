//! The text pane's one-character keys, by extended grapheme cluster: Left/Right (with Shift,
//! select), Backspace/Delete and Ctrl-W step over `👩‍💻` or `e` + U+0301 whole, where the
//! text area alone steps by code point. [`snap`] keeps every other motion (Up/Down keep the
//! char column) from leaving the cursor inside a cluster, so typing can never split one.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::{CursorMove, DataCursor, TextArea};

use super::text;

/// Handles `key` if it is one of the keys above; `None` leaves it to the text area.
/// `Some(changed)` says whether the text changed.
pub fn input(ta: &mut TextArea<'_>, key: &KeyEvent) -> Option<bool> {
    let mods = key.modifiers;
    let ctrl = mods.contains(KeyModifiers::CONTROL);
    let alt = mods.contains(KeyModifiers::ALT);
    let shift = mods.contains(KeyModifiers::SHIFT);
    let plain = !ctrl && !alt;
    match key.code {
        KeyCode::Right if plain => {
            step(ta, true, shift);
            Some(false)
        }
        KeyCode::Left if plain => {
            step(ta, false, shift);
            Some(false)
        }
        KeyCode::Backspace if plain => Some(backspace(ta)),
        KeyCode::Char('h') if ctrl && !alt => Some(backspace(ta)),
        KeyCode::Delete if plain => Some(delete(ta)),
        KeyCode::Char('w') if ctrl && !alt => word(ta),
        KeyCode::Backspace | KeyCode::Char('h') if alt && !ctrl => word(ta),
        _ => None,
    }
}

/// Moves a cursor left inside a cluster back to the cluster's start.
pub fn snap(ta: &mut TextArea<'_>) {
    let DataCursor(row, col) = ta.cursor();
    let Some(line) = ta.lines().get(row) else {
        return;
    };
    let back = col - text::snap(line, col);
    repeat(ta, CursorMove::Back, back);
}

fn repeat(ta: &mut TextArea<'_>, m: CursorMove, n: usize) {
    for _ in 0..n {
        ta.move_cursor(m);
    }
}

fn line<'a>(ta: &'a TextArea<'_>) -> (&'a str, usize) {
    let DataCursor(row, col) = ta.cursor();
    (ta.lines().get(row).map_or("", String::as_str), col)
}

fn step(ta: &mut TextArea<'_>, forward: bool, shift: bool) {
    if shift {
        if !ta.is_selecting() {
            ta.start_selection();
        }
    } else {
        ta.cancel_selection();
    }
    let (line, col) = line(ta);
    let n = if forward {
        text::next_boundary(line, col) - col
    } else {
        col - text::prev_boundary(line, col)
    };
    // At a line's end or start the step crosses the line break.
    let (m, n) = match forward {
        true => (CursorMove::Forward, n.max(1)),
        false => (CursorMove::Back, n.max(1)),
    };
    repeat(ta, m, n);
}

fn has_selection(ta: &TextArea<'_>) -> bool {
    ta.selection_range().is_some_and(|(a, b)| a != b)
}

/// Deletes the `n` chars before the cursor as one edit.
fn delete_before(ta: &mut TextArea<'_>, n: usize) -> bool {
    repeat(ta, CursorMove::Back, n);
    ta.delete_str(n)
}

fn backspace(ta: &mut TextArea<'_>) -> bool {
    let (line, col) = line(ta);
    if has_selection(ta) || col == 0 {
        return ta.delete_char();
    }
    let n = col - text::prev_boundary(line, col);
    delete_before(ta, n)
}

fn delete(ta: &mut TextArea<'_>) -> bool {
    let (line, col) = line(ta);
    if has_selection(ta) || col >= line.chars().count() {
        return ta.delete_next_char();
    }
    let n = text::next_boundary(line, col) - col;
    ta.delete_str(n)
}

fn word(ta: &mut TextArea<'_>) -> Option<bool> {
    let (line, col) = line(ta);
    if has_selection(ta) || col == 0 {
        // The text area deletes the selection, or joins the line to the one above.
        return None;
    }
    let n = col - text::word_start_before(line, col);
    Some(delete_before(ta, n))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui_textarea::WrapMode;

    const DEV: &str = "A👩\u{200d}💻B cafe\u{301}";

    fn area(lines: &[&str]) -> TextArea<'static> {
        let mut ta = TextArea::new(lines.iter().map(|s| s.to_string()).collect());
        ta.set_wrap_mode(WrapMode::WordOrGlyph);
        ta
    }

    fn press(ta: &mut TextArea<'_>, code: KeyCode, mods: KeyModifiers) -> bool {
        let key = KeyEvent::new(code, mods);
        match input(ta, &key) {
            Some(changed) => changed,
            None => ta.input(key),
        }
    }

    fn typed(ta: &mut TextArea<'_>, s: &str) {
        for c in s.chars() {
            press(ta, KeyCode::Char(c), KeyModifiers::NONE);
        }
    }

    const NONE: KeyModifiers = KeyModifiers::NONE;

    #[test]
    fn one_right_crosses_the_emoji_and_typing_lands_after_it() {
        let mut ta = area(&[DEV]);
        press(&mut ta, KeyCode::Right, NONE);
        press(&mut ta, KeyCode::Right, NONE);
        typed(&mut ta, "X");
        assert_eq!(ta.lines()[0], "A👩\u{200d}💻XB cafe\u{301}");
        press(&mut ta, KeyCode::Left, NONE);
        press(&mut ta, KeyCode::Left, NONE);
        typed(&mut ta, "Y");
        assert_eq!(ta.lines()[0], "AY👩\u{200d}💻XB cafe\u{301}");
    }

    #[test]
    fn backspace_and_delete_take_whole_clusters() {
        let mut ta = area(&[DEV]);
        press(&mut ta, KeyCode::End, NONE);
        assert!(press(&mut ta, KeyCode::Backspace, NONE));
        assert_eq!(ta.lines()[0], "A👩\u{200d}💻B caf");
        press(&mut ta, KeyCode::Home, NONE);
        press(&mut ta, KeyCode::Right, NONE);
        assert!(press(&mut ta, KeyCode::Delete, NONE));
        assert_eq!(ta.lines()[0], "AB caf");
    }

    #[test]
    fn line_ends_still_join_and_move_across_lines() {
        let mut ta = area(&["ab", "👍🏽c"]);
        press(&mut ta, KeyCode::Down, NONE);
        assert!(press(&mut ta, KeyCode::Backspace, NONE));
        assert_eq!(ta.lines(), ["ab👍🏽c"]);
        press(&mut ta, KeyCode::End, NONE);
        press(&mut ta, KeyCode::Left, NONE);
        press(&mut ta, KeyCode::Left, NONE);
        assert_eq!(ta.cursor(), (0, 2));
        let mut ta = area(&["ab", "c"]);
        press(&mut ta, KeyCode::End, NONE);
        press(&mut ta, KeyCode::Right, NONE);
        assert_eq!(ta.cursor(), (1, 0));
        press(&mut ta, KeyCode::Left, NONE);
        assert_eq!(ta.cursor(), (0, 2));
        assert!(press(&mut ta, KeyCode::Delete, NONE));
        assert_eq!(ta.lines(), ["abc"]);
    }

    #[test]
    fn shift_selects_whole_clusters() {
        let mut ta = area(&[DEV]);
        press(&mut ta, KeyCode::Right, NONE);
        press(&mut ta, KeyCode::Right, KeyModifiers::SHIFT);
        assert_eq!(ta.selection_range(), Some(((0, 1), (0, 4))));
        assert!(press(&mut ta, KeyCode::Backspace, NONE));
        assert_eq!(ta.lines()[0], "AB cafe\u{301}");
    }

    #[test]
    fn ctrl_w_deletes_a_word_of_clusters() {
        let mut ta = area(&["Büro cafe\u{301}"]);
        press(&mut ta, KeyCode::End, NONE);
        assert!(press(&mut ta, KeyCode::Char('w'), KeyModifiers::CONTROL));
        assert_eq!(ta.lines()[0], "Büro ");
        assert!(press(&mut ta, KeyCode::Char('w'), KeyModifiers::CONTROL));
        assert_eq!(ta.lines()[0], "");
        let mut ta = area(&["a", "b"]);
        press(&mut ta, KeyCode::Down, NONE);
        assert!(press(&mut ta, KeyCode::Char('w'), KeyModifiers::CONTROL));
        assert_eq!(ta.lines(), ["ab"]);
    }

    #[test]
    fn up_and_down_never_leave_the_cursor_inside_a_cluster() {
        let mut ta = area(&["abcdef", DEV]);
        ta.move_cursor(CursorMove::Jump(1, 2));
        snap(&mut ta);
        assert_eq!(ta.cursor(), (1, 1));
        typed(&mut ta, "X");
        assert_eq!(ta.lines()[1], "AX👩\u{200d}💻B cafe\u{301}");
        for col in 0..7 {
            let mut ta = area(&["abcdefgh", DEV]);
            ta.move_cursor(CursorMove::Jump(0, col));
            press(&mut ta, KeyCode::Down, NONE);
            snap(&mut ta);
            let DataCursor(row, col) = ta.cursor();
            assert_eq!(text::snap(&ta.lines()[row], col), col);
        }
    }

    #[test]
    fn one_undo_per_cluster_deleted() {
        let mut ta = area(&[DEV]);
        press(&mut ta, KeyCode::End, NONE);
        press(&mut ta, KeyCode::Backspace, NONE);
        ta.undo();
        assert_eq!(ta.lines()[0], DEV);
    }
}
