//! Where things go on screen, as a pure function of the terminal size, the parts and the
//! focus — so drawing and mouse hit-testing agree on one answer.
//!
//! Below [`WIDE_HEIGHT`] rows the editor is as it always was: the outline, the focused pane
//! and two lines. From [`WIDE_HEIGHT`] rows on, the focused pane is stacked with its
//! neighbours (the part before it above, the parts after it below), each a box titled with
//! its heading and showing its first lines, so a reader sees the posting flow. At any size a
//! pane's text is at most [`View::text_width`] columns wide, centred (or left-aligned) in the
//! room right of the outline, like a reader view.

use ratatui::layout::{Constraint, Layout, Rect};

/// From this terminal height on, neighbouring sections are shown around the focused one
/// (at 120x40 that leaves the focused pane 26 rows; at 80x24 nothing changes).
pub const WIDE_HEIGHT: u16 = 40;
/// The most rows a neighbour's box takes: its border (with its heading) and four lines.
pub const PEEK_ROWS: u16 = 6;
/// The fewest rows a neighbour's box is shown with: its border and one line.
pub const PEEK_MIN: u16 = 3;
/// Rows kept for neighbours when the focused part could fill the screen alone.
pub const PEEK_RESERVE: u16 = 12;
/// The focused pane never gets fewer rows than this (when the screen has them).
pub const FOCUS_MIN: u16 = 10;
/// Default readable text width (columns of text inside a pane's border).
pub const TEXT_WIDTH: u16 = 100;

/// How wide text is set, from the config (`text_width:`, `text_align:`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct View {
    /// The most columns of text per line; 0 means no limit.
    pub text_width: u16,
    /// Where a narrower text column sits in the room beyond it.
    pub align: Align,
}

impl Default for View {
    fn default() -> Self {
        View {
            text_width: TEXT_WIDTH,
            align: Align::Center,
        }
    }
}

/// Where the text column sits when the screen is wider than it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Align {
    /// In the middle of the room right of the outline.
    #[default]
    Center,
    /// Against the outline.
    Left,
}

/// One pane on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    /// The part's index (in the editor's list of parts).
    pub part: usize,
    /// The pane's box, border included.
    pub area: Rect,
    /// Whether this is the focused (editable) pane; the others show their first lines.
    pub focused: bool,
}

impl Slot {
    /// Where the pane's text goes: inside the border.
    pub fn text(&self) -> Rect {
        inner(self.area)
    }
}

/// The whole screen's layout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Screen {
    /// Everything above the two bottom lines (dialogs are drawn over it).
    pub main: Rect,
    /// The outline, border included.
    pub outline: Rect,
    /// The panes, top to bottom; exactly one is focused.
    pub panes: Vec<Slot>,
    /// The status line.
    pub status: Rect,
    /// The key-hint line.
    pub hints: Rect,
}

impl Screen {
    /// The focused pane.
    pub fn focused(&self) -> &Slot {
        self.panes
            .iter()
            .find(|s| s.focused)
            .expect("a layout always has the focused pane")
    }
}

/// Lays out the screen. `status_rows` is what the status line needs (a long message takes
/// the key-hint line, then rows of the panes); `outline_width` is what the outline wants (it
/// gets it within the usual bounds); `parts` is how many parts there are; `rows_needed(part, width)` is how many
/// rows a part's text takes wrapped at `width` columns (asked only on tall screens).
pub fn layout(
    area: Rect,
    status_rows: u16,
    outline_width: u16,
    parts: usize,
    focus: usize,
    view: View,
    rows_needed: impl Fn(usize, u16) -> u16,
) -> Screen {
    let [main, status, hints] = rows(area, status_rows, u16::from(status_rows == 1));
    // Wide enough for whole section names (16 to 30 columns at 80 wide), so a recruiter
    // reads them; the text pane keeps the rest (at least five eighths of the width).
    let most = (area.width * 3 / 8).clamp(16, 30);
    let outline_w = outline_width.clamp(16, most);
    let [outline, rest] = columns(main, outline_w);
    let column = text_column(rest, view);
    let focus = focus.min(parts.saturating_sub(1));
    let panes = if area.height >= WIDE_HEIGHT && parts > 1 {
        stack(column, parts, focus, |p| {
            rows_needed(p, column.width.saturating_sub(2)).saturating_add(2)
        })
    } else {
        vec![Slot {
            part: focus,
            area: column,
            focused: true,
        }]
    };
    Screen {
        main,
        outline,
        panes,
        status,
        hints,
    }
}

/// `area` as `Layout::vertical([Min(1), Length(status), Length(hints)])` splits it, worked
/// out directly where all fit (every frame asks; the solver's cache costs more).
fn rows(area: Rect, status: u16, hints: u16) -> [Rect; 3] {
    if area.height > status.saturating_add(hints) {
        let main = area.height - status - hints;
        let at = |y: u16, height: u16| Rect {
            y: area.y + y,
            height,
            ..area
        };
        return [at(0, main), at(main, status), at(main + status, hints)];
    }
    Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(status),
        Constraint::Length(hints),
    ])
    .areas(area)
}

/// `area` as `Layout::horizontal([Length(left), Min(1)])` splits it, worked out directly
/// where both fit.
fn columns(area: Rect, left: u16) -> [Rect; 2] {
    if area.width > left {
        let at = |x: u16, width: u16| Rect {
            x: area.x + x,
            width,
            ..area
        };
        return [at(0, left), at(left, area.width - left)];
    }
    Layout::horizontal([Constraint::Length(left), Constraint::Min(1)]).areas(area)
}

/// The column panes are drawn in: at most `text_width` columns of text plus the border,
/// placed in `rest` as `align` says.
fn text_column(rest: Rect, view: View) -> Rect {
    if view.text_width == 0 {
        return rest;
    }
    let width = rest.width.min(view.text_width.saturating_add(2));
    let x = match view.align {
        Align::Left => rest.x,
        Align::Center => rest.x + (rest.width - width) / 2,
    };
    Rect { x, width, ..rest }
}

/// The focused pane with the part before it above and as many after it as fit below.
/// `boxed(p)` is the rows part `p` takes whole, border included.
fn stack(column: Rect, parts: usize, focus: usize, boxed: impl Fn(usize) -> u16) -> Vec<Slot> {
    let total = column.height;
    let peek = |p: usize| boxed(p).clamp(PEEK_MIN, PEEK_ROWS);
    // The focused part shows whole when it can, but leaves room for neighbours.
    let cap = total.saturating_sub(PEEK_RESERVE).max(FOCUS_MIN).min(total);
    let mut focus_rows = boxed(focus).clamp(FOCUS_MIN.min(total), cap);
    let mut left = total - focus_rows;
    let above = match focus.checked_sub(1) {
        Some(p) if left >= PEEK_MIN => {
            let rows = peek(p).min(left);
            left -= rows;
            Some((p, rows))
        }
        _ => None,
    };
    let mut below = Vec::new();
    for p in focus + 1..parts {
        if left < PEEK_MIN {
            break;
        }
        let rows = peek(p).min(left);
        left -= rows;
        below.push((p, rows));
    }
    // Rows nobody needs go to the focused pane (its text may grow as it is edited).
    focus_rows += left;
    let mut y = column.y;
    let mut slots = Vec::new();
    let mut put = |part: usize, rows: u16, focused: bool| {
        slots.push(Slot {
            part,
            area: Rect {
                y,
                height: rows,
                ..column
            },
            focused,
        });
        y += rows;
    };
    if let Some((p, rows)) = above {
        put(p, rows, false);
    }
    put(focus, focus_rows, true);
    for (p, rows) in below {
        put(p, rows, false);
    }
    slots
}

/// Inside a one-cell border.
pub fn inner(area: Rect) -> Rect {
    Rect {
        x: area.x.saturating_add(1),
        y: area.y.saturating_add(1),
        width: area.width.saturating_sub(2),
        height: area.height.saturating_sub(2),
    }
}

/// How many rows `lines` take soft-wrapped at `width` columns (by characters, as a pane
/// wrapping mid-word would; word wrap may take a row more), counted up to `most` (a screen's
/// worth: a long part is not read to its end on every frame). An empty line takes one row.
pub fn wrapped_rows<'a>(lines: impl Iterator<Item = &'a str>, width: u16, most: u16) -> u16 {
    let width = usize::from(width.max(1));
    let most = usize::from(most);
    let mut rows = 0;
    for l in lines {
        rows += l.chars().count().div_ceil(width).max(1);
        if rows >= most {
            return most as u16;
        }
    }
    rows as u16
}

/// The first outline row shown: the list scrolls so the focused row is the last one when it
/// is below the first screenful.
pub fn outline_offset(focus: usize, rows: u16) -> usize {
    (focus + 1).saturating_sub(usize::from(rows).max(1))
}

/// What is under a screen cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hit {
    /// The outline row of this part.
    Outline(usize),
    /// A pane's text, at this row and column counted from the top-left of the text as drawn
    /// (the pane's scroll is not added).
    Text {
        /// The part.
        part: usize,
        /// Display row from the text area's top.
        row: u16,
        /// Display column from the text area's left.
        col: u16,
    },
    /// A pane's border (its heading): the part, nothing more.
    Border(usize),
    /// Nothing the editor reacts to.
    Nothing,
}

/// What is at column `x`, row `y` of the screen laid out as `screen`, with `parts` parts and
/// the outline scrolled to show `focus`.
pub fn hit(screen: &Screen, parts: usize, focus: usize, x: u16, y: u16) -> Hit {
    let at = ratatui::layout::Position { x, y };
    let list = inner(screen.outline);
    if list.contains(at) {
        let row = outline_offset(focus, list.height) + usize::from(y - list.y);
        return if row < parts {
            Hit::Outline(row)
        } else {
            Hit::Nothing
        };
    }
    for slot in &screen.panes {
        let text = slot.text();
        if text.contains(at) {
            return Hit::Text {
                part: slot.part,
                row: y - text.y,
                col: x - text.x,
            };
        }
        if slot.area.contains(at) {
            return Hit::Border(slot.part);
        }
    }
    Hit::Nothing
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn rows_and_columns_split_as_the_layout_solver_does(
            x in 0u16..5, y in 0u16..5, w in 0u16..300, h in 0u16..120,
            status in 0u16..4, hints in 0u16..2, left in 0u16..40,
        ) {
            let area = Rect::new(x, y, w, h);
            let solved: [Rect; 3] = Layout::vertical([
                Constraint::Min(1),
                Constraint::Length(status),
                Constraint::Length(hints),
            ])
            .areas(area);
            prop_assert_eq!(rows(area, status, hints), solved);
            let solved: [Rect; 2] =
                Layout::horizontal([Constraint::Length(left), Constraint::Min(1)]).areas(area);
            prop_assert_eq!(columns(area, left), solved);
        }
    }

    fn screen(w: u16, h: u16, parts: usize, focus: usize, rows: &[u16]) -> Screen {
        layout(
            Rect::new(0, 0, w, h),
            1,
            26,
            parts,
            focus,
            View::default(),
            |p, _| rows[p],
        )
    }

    #[test]
    fn at_80x24_one_pane_fills_the_room_right_of_the_outline() {
        let s = screen(80, 24, 7, 2, &[8; 7]);
        assert_eq!(s.outline, Rect::new(0, 0, 26, 22));
        assert_eq!(
            s.panes,
            vec![Slot {
                part: 2,
                area: Rect::new(26, 0, 54, 22),
                focused: true
            }]
        );
        assert_eq!(s.status, Rect::new(0, 22, 80, 1));
        assert_eq!(s.hints, Rect::new(0, 23, 80, 1));
    }

    #[test]
    fn at_60x15_one_pane() {
        let s = screen(60, 15, 7, 0, &[8; 7]);
        assert_eq!(s.panes.len(), 1);
        assert_eq!(s.panes[0].area, Rect::new(22, 0, 38, 13));
    }

    #[test]
    fn on_a_wide_screen_text_is_at_most_100_columns_and_centred() {
        let s = screen(200, 24, 7, 2, &[8; 7]);
        let pane = s.focused().area;
        assert_eq!(pane.width, 102);
        assert_eq!(s.focused().text().width, 100);
        // 26 columns of outline, 174 beyond: 36 either side.
        assert_eq!(pane.x, 26 + 36);
        let left = layout(
            Rect::new(0, 0, 200, 24),
            1,
            26,
            7,
            2,
            View {
                text_width: 100,
                align: Align::Left,
            },
            |_, _| 8,
        );
        assert_eq!(left.focused().area.x, 26);
        let unlimited = layout(
            Rect::new(0, 0, 200, 24),
            1,
            26,
            7,
            2,
            View {
                text_width: 0,
                align: Align::Center,
            },
            |_, _| 8,
        );
        assert_eq!(unlimited.focused().area.width, 174);
    }

    #[test]
    fn at_200x50_neighbours_are_stacked_around_the_focus() {
        let s = screen(200, 50, 7, 2, &[2, 1, 8, 3, 20, 4, 2]);
        let parts: Vec<usize> = s.panes.iter().map(|p| p.part).collect();
        assert_eq!(parts, vec![1, 2, 3, 4, 5, 6]);
        let rows: Vec<u16> = s.panes.iter().map(|p| p.area.height).collect();
        // Previous part whole (1 line), next ones whole or their first four lines; the rest
        // of the 48 rows goes to the focused pane.
        assert_eq!(rows, vec![3, 24, 5, 6, 6, 4]);
        assert_eq!(rows.iter().sum::<u16>(), 48);
        // Stacked without gaps, all in one column.
        for w in s.panes.windows(2) {
            assert_eq!(w[0].area.bottom(), w[1].area.y);
            assert_eq!(w[0].area.x, w[1].area.x);
        }
        assert!(s.panes[1].focused);
    }

    #[test]
    fn a_long_focused_part_still_leaves_room_for_neighbours() {
        let s = screen(120, 40, 5, 0, &[200, 3, 3, 3, 3]);
        assert_eq!(s.panes[0].part, 0);
        // 26 rows (38 less the reserve), and the 2 rows too few for a third neighbour.
        let rows: Vec<u16> = s.panes.iter().map(|p| p.area.height).collect();
        assert_eq!(rows, vec![38 - PEEK_RESERVE + 2, 5, 5]);
        assert_eq!(s.panes.iter().map(|p| p.area.height).sum::<u16>(), 38);
    }

    #[test]
    fn the_last_part_shows_the_one_before_it() {
        let s = screen(200, 50, 3, 2, &[5, 5, 5]);
        let parts: Vec<usize> = s.panes.iter().map(|p| p.part).collect();
        assert_eq!(parts, vec![1, 2]);
        assert_eq!(s.focused().area.height, 48 - 6);
    }

    #[test]
    fn a_posting_of_one_part_is_one_pane() {
        let s = screen(200, 50, 1, 0, &[5]);
        assert_eq!(s.panes.len(), 1);
        assert_eq!(s.panes[0].area.height, 48);
    }

    #[test]
    fn hits_name_the_outline_row_or_the_text_position() {
        let s = screen(200, 50, 7, 2, &[2, 1, 8, 3, 20, 4, 2]);
        assert_eq!(hit(&s, 7, 2, 5, 1), Hit::Outline(0));
        assert_eq!(hit(&s, 7, 2, 5, 4), Hit::Outline(3));
        assert_eq!(hit(&s, 7, 2, 5, 20), Hit::Nothing, "below the last row");
        let focus = s.focused().text();
        assert_eq!(
            hit(&s, 7, 2, focus.x + 4, focus.y + 2),
            Hit::Text {
                part: 2,
                row: 2,
                col: 4
            }
        );
        let next = s.panes[2].text();
        assert_eq!(
            hit(&s, 7, 2, next.x, next.y),
            Hit::Text {
                part: 3,
                row: 0,
                col: 0
            }
        );
        assert_eq!(
            hit(&s, 7, 2, s.panes[0].area.x, s.panes[0].area.y),
            Hit::Border(1)
        );
        assert_eq!(hit(&s, 7, 2, 199, 10), Hit::Nothing, "right of the column");
        assert_eq!(hit(&s, 7, 2, 5, 49), Hit::Nothing, "the hint line");
    }

    #[test]
    fn outline_hits_follow_its_scrolling() {
        // 60x15: 11 outline rows; focus on part 20 scrolls the list by 10.
        let s = screen(60, 15, 30, 20, &[1; 30]);
        assert_eq!(hit(&s, 30, 20, 3, 1), Hit::Outline(10));
        assert_eq!(hit(&s, 30, 20, 3, 11), Hit::Outline(20));
    }

    #[test]
    fn wrapped_rows_count_long_lines_and_empty_ones() {
        assert_eq!(wrapped_rows("".lines(), 10, 50), 0);
        assert_eq!(wrapped_rows("a\n\nb".lines(), 10, 50), 3);
        assert_eq!(
            wrapped_rows(["x".repeat(25).as_str()].into_iter(), 10, 50),
            3
        );
        assert_eq!(wrapped_rows(std::iter::repeat_n("x", 1000), 10, 50), 50);
    }
}
