//! A frame's way to the terminal. ratatui's `Terminal::draw` finds what changed with
//! `Cell::eq` and two width measurements on every cell; [`Screen`] keeps its own copy of what
//! the terminal shows and finds the same updates ([`diff_into`]: exactly `Buffer::diff`) with
//! a cheaper comparison, then sends them through the terminal's backend.

use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::buffer::{Buffer, Cell, CellDiffOption, CellWidth};
use ratatui::layout::{Position, Rect};
use ratatui::style::{Color, Modifier};

/// What the terminal shows (as far as this process drew it) and the cursor as last set.
#[derive(Debug)]
pub struct Screen {
    shown: Buffer,
    /// `None` until known: the next frame sets it either way.
    cursor: Option<Option<Position>>,
    updates: Vec<usize>,
    /// The copies the frame shown said it holds (see [`Screen::draw`]).
    copies: Vec<(Rect, u64)>,
    /// This frame's copies.
    next_copies: Vec<(Rect, u64)>,
    /// Index ranges of cells known to be the same in both frames.
    same: Vec<std::ops::Range<usize>>,
}

impl Default for Screen {
    fn default() -> Self {
        Screen {
            shown: Buffer::empty(Rect::ZERO),
            cursor: None,
            updates: Vec::new(),
            copies: Vec::new(),
            next_copies: Vec::new(),
            same: Vec::new(),
        }
    }
}

impl Screen {
    /// The terminal was cleared (or shows something else): the next frame draws every cell
    /// and sets the cursor.
    pub fn forget(&mut self) {
        self.shown = Buffer::empty(Rect::ZERO);
        self.cursor = None;
        self.copies.clear();
    }

    /// Renders a frame with `render` (which says where the terminal's cursor goes, `None`
    /// hidden) and sends what changed. Returns the frame's area.
    ///
    /// `render` may also list copies it made: areas it filled with cells it keeps under a
    /// key (the same key and area, the same cells) and did not draw over. An area listed
    /// with the same key for the frame shown too is not compared cell by cell.
    pub fn draw<B: Backend>(
        &mut self,
        terminal: &mut Terminal<B>,
        render: impl FnOnce(&mut ratatui::Frame, &mut Vec<(Rect, u64)>) -> Option<Position>,
    ) -> Result<Rect, B::Error> {
        terminal.autoresize()?;
        let mut frame = terminal.get_frame();
        let area = frame.area();
        self.next_copies.clear();
        let cursor = render(&mut frame, &mut self.next_copies);
        let next = terminal.current_buffer_mut();
        if self.shown.area != next.area {
            // A new size: ratatui cleared the terminal when it took it.
            self.shown = Buffer::empty(next.area);
            self.cursor = None;
            self.copies.clear();
        }
        self.same.clear();
        for &(rect, key) in &self.next_copies {
            if self.copies.contains(&(rect, key)) {
                let rect = rect.intersection(next.area);
                for y in rect.top()..rect.bottom() {
                    let at = next.index_of(rect.x, y);
                    self.same.push(at..at + usize::from(rect.width));
                }
            }
        }
        self.same.sort_unstable_by_key(|r| r.start);
        std::mem::swap(&mut self.copies, &mut self.next_copies);
        // The new frame becomes what is shown; the old one is compared, then blanked for
        // the next frame to render into.
        std::mem::swap(&mut self.shown, next);
        let old = terminal.current_buffer_mut();
        self.updates.clear();
        diff_known(old, &self.shown, &self.same, &mut self.updates);
        old.reset();
        let shown = &self.shown;
        if !self.updates.is_empty() {
            terminal.backend_mut().draw(self.updates.iter().map(|&i| {
                let (x, y) = shown.pos_of(i);
                (x, y, &shown.content[i])
            }))?;
        }
        match cursor {
            None if self.cursor != Some(None) => terminal.hide_cursor()?,
            None => {}
            Some(at) => {
                if self.cursor.is_none_or(|c| c.is_none()) {
                    terminal.show_cursor()?;
                }
                // Drawing moved it.
                if self.cursor != Some(cursor) || !self.updates.is_empty() {
                    terminal.set_cursor_position(at)?;
                }
            }
        }
        self.cursor = Some(cursor);
        terminal.backend_mut().flush()?;
        Ok(area)
    }
}

/// Modifiers that show on a blank cell (as ratatui's diff counts them).
const VISIBLE_ON_BLANK: Modifier = Modifier::REVERSED
    .union(Modifier::UNDERLINED)
    .union(Modifier::SLOW_BLINK)
    .union(Modifier::RAPID_BLINK)
    .union(Modifier::CROSSED_OUT);

/// Appends to `out` the indices into `next.content` of the cells a terminal showing `prev`
/// needs to show `next`: the same cells, in the same order, as ratatui's
/// `prev.diff(next)` (wide characters, their trailing cells, skipped cells), but the
/// style is compared before the symbol and a width is measured only for a symbol of more
/// than one byte.
///
/// # Panics
/// If the buffers differ in x, y or width (as `Buffer::diff`).
pub fn diff_into(prev: &Buffer, next: &Buffer, out: &mut Vec<usize>) {
    diff_known(prev, next, &[], out);
}

/// `diff_into` where the cells of `same` (index ranges, sorted by start) are known to be the
/// same in both: of those only the widths are looked at.
pub fn diff_known(
    prev: &Buffer,
    next: &Buffer,
    same: &[std::ops::Range<usize>],
    out: &mut Vec<usize>,
) {
    assert!(
        prev.area.x == next.area.x
            && prev.area.y == next.area.y
            && prev.area.width == next.area.width,
        "buffer areas must have the same x, y and width"
    );
    let (prev, next) = (&prev.content[..], &next.content[..]);
    let len = prev.len().min(next.len());
    // The last symbol of more than one byte measured (borders repeat one), and its width.
    let mut measured = ("", 0);
    // The next cell to look at (a wide character covers the ones after it).
    let mut i = 0;
    let mut known = same.iter().map(|r| r.start.min(len)..r.end.min(len));
    let mut stretch = known.next().unwrap_or(len..len);
    while i < len {
        if i >= stretch.end {
            stretch = known.next().unwrap_or(len..len);
            continue;
        }
        if i >= stretch.start {
            // The same in both: only widths matter.
            while i < stretch.end {
                let cur = &next[i];
                if cur.diff_option == CellDiffOption::None && !legacy_skip(cur) {
                    let a = cur.symbol();
                    i += if a.len() == 1 {
                        1
                    } else {
                        measure(&mut measured, a)
                    };
                } else {
                    i = changed(prev, next, i, len, out);
                }
            }
            continue;
        }
        while i < stretch.start {
            let (cur, old) = (&next[i], &prev[i]);
            // Nearly every cell: a plain one, unchanged.
            if cur.diff_option == CellDiffOption::None && !legacy_skip(cur) && same_style(cur, old)
            {
                let (a, b) = (cur.symbol(), old.symbol());
                if a.len() == 1 {
                    if b.len() == 1 && a.as_bytes()[0] == b.as_bytes()[0] {
                        i += 1;
                        continue;
                    }
                } else if a == b {
                    i += measure(&mut measured, a);
                    continue;
                }
            }
            i = changed(prev, next, i, len, out);
        }
    }
}

/// The columns an unchanged symbol of more than one byte moves the diff on (at least one),
/// remembering the last one measured in `last`.
fn measure<'a>(last: &mut (&'a str, usize), s: &'a str) -> usize {
    if s != last.0 {
        *last = (s, usize::from(s.cell_width()));
    }
    last.1.max(1)
}

/// `diff_into` for cell `i` when it is not a plain unchanged one: pushes the updates it
/// leads to and returns the next cell to look at.
fn changed(prev: &[Cell], next: &[Cell], i: usize, len: usize, out: &mut Vec<usize>) -> usize {
    let (cur, old) = (&next[i], &prev[i]);
    match cur.diff_option {
        CellDiffOption::Skip => i + 1,
        CellDiffOption::None if legacy_skip(cur) => i + 1,
        CellDiffOption::ForcedWidth(w) => {
            if !(same_style(cur, old) && cur.symbol() == old.symbol()) {
                out.push(i);
            }
            (i + 1).saturating_add(usize::from(w.get()) - 1)
        }
        CellDiffOption::None | CellDiffOption::AlwaysUpdate => {
            let symbol = cur.symbol();
            if cur.diff_option == CellDiffOption::None
                && same_style(cur, old)
                && symbol == old.symbol()
            {
                return i + width(cur).max(1);
            }
            let (w, old_w) = (width(cur), width(old));
            out.push(i);
            // The trailing cells to look at: from, to, and whether they go out even when
            // unchanged.
            let (mut j, mut end, force) = if w > 1 && symbol.contains('\u{FE0F}') {
                // Some terminals leave the trailing cell of an emoji presentation sequence
                // as it was.
                (i + 1, (i + w).min(len), false)
            } else if w > 1 {
                return i + w;
            } else if old_w > w
                && (old.bg != Color::Reset || old.modifier.intersects(VISIBLE_ON_BLANK))
            {
                // The old wide character's style may still show over its columns.
                (i + 1, i + old_w, true)
            } else {
                return i + 1;
            };
            while j < end {
                // (ratatui's diff panics past the end here.)
                let Some(c) = next.get(j) else { break };
                let k = j;
                j += width(c).max(1);
                end = end.max(j).min(len);
                if !is_skip(c) && (force || prev[k].symbol() != c.symbol()) {
                    out.push(k);
                }
            }
            end
        }
    }
}

/// The cells `prev` needs to show `next`, as `Buffer::diff` lists them.
pub fn diff<'a>(prev: &Buffer, next: &'a Buffer) -> Vec<(u16, u16, &'a Cell)> {
    let mut at = Vec::new();
    diff_into(prev, next, &mut at);
    at.into_iter()
        .map(|i| {
            let (x, y) = next.pos_of(i);
            (x, y, &next.content[i])
        })
        .collect()
}

/// `Cell::eq` but for the symbol.
#[allow(deprecated)]
#[inline(always)]
fn same_style(a: &Cell, b: &Cell) -> bool {
    a.fg == b.fg
        && a.bg == b.bg
        && a.modifier == b.modifier
        && a.underline_color == b.underline_color
        && a.diff_option == b.diff_option
        && a.skip == b.skip
}

/// The columns a cell takes, as ratatui measures it.
fn width(c: &Cell) -> usize {
    match c.diff_option {
        CellDiffOption::ForcedWidth(w) => usize::from(w.get()),
        _ => {
            let s = c.symbol();
            if s.len() == 1 {
                1
            } else {
                usize::from(s.cell_width())
            }
        }
    }
}

#[allow(deprecated)]
fn legacy_skip(c: &Cell) -> bool {
    c.skip
}

fn is_skip(c: &Cell) -> bool {
    c.diff_option == CellDiffOption::Skip
        || (legacy_skip(c) && c.diff_option == CellDiffOption::None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use ratatui::backend::TestBackend;
    use ratatui::style::Style;
    use std::num::NonZeroU16;

    const SYMBOLS: &[&str] = &[
        " ",
        "a",
        "b",
        "─",
        "é",
        "e\u{301}",
        "コ",
        "中",
        "👩\u{200d}💻",
        "❤\u{fe0f}",
        "",
        "ｶﾞ",
    ];
    const COLORS: &[Color] = &[
        Color::Reset,
        Color::Red,
        Color::Rgb(1, 2, 3),
        Color::Indexed(5),
    ];

    const MODIFIERS: &[Modifier] = &[
        Modifier::empty(),
        Modifier::BOLD,
        Modifier::REVERSED,
        Modifier::UNDERLINED,
    ];

    #[allow(deprecated)]
    fn cell() -> impl Strategy<Value = Cell> {
        (
            prop::option::weighted(0.8, prop::sample::select(SYMBOLS)),
            prop::sample::select(COLORS),
            prop::sample::select(COLORS),
            prop::sample::select(COLORS),
            prop::sample::select(MODIFIERS),
            0u8..20,
            prop::bool::weighted(0.05),
        )
            .prop_map(|(symbol, fg, bg, underline, modifier, option, skip)| {
                let mut c = Cell::EMPTY;
                if let Some(s) = symbol {
                    c.set_symbol(s);
                }
                c.set_style(
                    Style::new()
                        .fg(fg)
                        .bg(bg)
                        .underline_color(underline)
                        .add_modifier(modifier),
                );
                c.set_diff_option(match option {
                    0 => CellDiffOption::Skip,
                    1 => CellDiffOption::AlwaysUpdate,
                    2 => CellDiffOption::ForcedWidth(NonZeroU16::MIN),
                    3 => CellDiffOption::ForcedWidth(NonZeroU16::new(2).unwrap_or(NonZeroU16::MIN)),
                    _ => CellDiffOption::None,
                });
                c.skip = skip;
                c
            })
    }

    /// A buffer `width` wide, and another of the same width that keeps each cell of the
    /// first or takes a new one (so that most cells are unchanged, as between frames).
    fn pair() -> impl Strategy<Value = (Buffer, Buffer)> {
        (1u16..12, 1u16..5, 1u16..5).prop_flat_map(|(width, h1, h2)| {
            let n1 = usize::from(width * h1);
            let n2 = usize::from(width * h2);
            (
                prop::collection::vec(cell(), n1),
                prop::collection::vec((prop::bool::weighted(0.6), cell()), n2),
            )
                .prop_map(move |(prev, next)| {
                    let next = next
                        .into_iter()
                        .enumerate()
                        .map(|(i, (keep, c))| match prev.get(i) {
                            Some(p) if keep => p.clone(),
                            _ => c,
                        })
                        .collect();
                    let area = |h| Rect::new(2, 1, width, h);
                    (
                        Buffer {
                            area: area(h1),
                            content: prev,
                        },
                        Buffer {
                            area: area(h2),
                            content: next,
                        },
                    )
                })
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: 2000,
            failure_persistence: None,
            ..ProptestConfig::default()
        })]

        #[test]
        fn same_updates_as_ratatui((prev, next) in pair()) {
            // Where ratatui's own diff panics (a wide cell's trailing columns past the end)
            // there is nothing to compare with.
            let theirs = std::panic::catch_unwind(|| prev.diff(&next));
            prop_assume!(theirs.is_ok());
            prop_assert_eq!(diff(&prev, &next), theirs.unwrap_or_default());
        }

        #[test]
        fn cells_known_the_same_give_the_same_updates(
            (prev, mut next) in pair(),
            cuts in prop::collection::vec((0usize..60, 0usize..8), 0..4),
        ) {
            // Some stretches of `next` made equal to `prev`, and said to be so.
            let len = prev.content.len().min(next.content.len());
            let mut same: Vec<std::ops::Range<usize>> = Vec::new();
            for (start, n) in cuts {
                let start = start.min(len);
                let end = (start + n).min(len);
                if same.iter().any(|r| r.start < end && start < r.end) {
                    continue;
                }
                next.content[start..end].clone_from_slice(&prev.content[start..end]);
                same.push(start..end);
            }
            same.sort_unstable_by_key(|r| r.start);
            let theirs = std::panic::catch_unwind(|| prev.diff(&next));
            prop_assume!(theirs.is_ok());
            let mut at = Vec::new();
            diff_known(&prev, &next, &same, &mut at);
            let ours: Vec<_> = at
                .into_iter()
                .map(|i| {
                    let (x, y) = next.pos_of(i);
                    (x, y, &next.content[i])
                })
                .collect();
            prop_assert_eq!(ours, theirs.unwrap_or_default());
        }
    }

    fn frame(screen: &mut Screen, t: &mut Terminal<TestBackend>, text: &str) {
        screen
            .draw(t, |f, _| {
                f.render_widget(text, f.area());
                None
            })
            .unwrap();
    }

    #[test]
    fn frames_reach_the_terminal_as_ratatui_draws_them() {
        let mut ours = Terminal::new(TestBackend::new(8, 2)).unwrap();
        let mut theirs = Terminal::new(TestBackend::new(8, 2)).unwrap();
        let mut screen = Screen::default();
        for text in ["abc", "aコb", "❤\u{fe0f}x", "", "中中中中中"] {
            frame(&mut screen, &mut ours, text);
            theirs.draw(|f| f.render_widget(text, f.area())).unwrap();
            assert_eq!(ours.backend().buffer(), theirs.backend().buffer(), "{text}");
        }
    }

    #[test]
    fn the_cursor_goes_where_the_frame_says_or_hides() {
        let mut t = Terminal::new(TestBackend::new(4, 2)).unwrap();
        let mut screen = Screen::default();
        let mut draw = |t: &mut Terminal<TestBackend>, text: &str, at: Option<(u16, u16)>| {
            screen
                .draw(t, |f, _| {
                    f.render_widget(text, f.area());
                    at.map(Position::from)
                })
                .unwrap();
        };
        draw(&mut t, "ab", Some((1, 1)));
        assert!(t.backend().cursor_visible());
        t.backend_mut().assert_cursor_position((1, 1));
        // Drawing cells moves the terminal's cursor: it is put back.
        draw(&mut t, "xy", Some((1, 1)));
        t.backend_mut().assert_cursor_position((1, 1));
        draw(&mut t, "xy", None);
        assert!(!t.backend().cursor_visible());
    }

    #[test]
    fn a_forgotten_screen_is_drawn_whole() {
        let mut t = Terminal::new(TestBackend::new(4, 1)).unwrap();
        let mut screen = Screen::default();
        frame(&mut screen, &mut t, "ab");
        // The terminal cleared behind our back.
        t.resize(Rect::new(0, 0, 4, 1)).unwrap();
        screen.forget();
        frame(&mut screen, &mut t, "ab");
        t.backend().assert_buffer_lines(["ab  "]);
    }
}
