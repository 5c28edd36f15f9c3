//! Keeping the panes and the session in step: building panes, focusing, folding the focused
//! pane's text into the session as a recorded edit, settling, offsets between pane rows and
//! posting bytes, placeholder highlights. And the pane editor's keys: the one place where a
//! key moves the cursor or edits the focused pane's text (and where a paste lands).

use std::ops::Range;
use std::time::Instant;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::TextArea;

use super::{App, EditKind, Pane, PendingEdit, Selection, Unfolded, window};
use crate::posting::Part;
use crate::posting::frontmatter::validate;
use crate::posting::lines::{dominant_ending, split_lines};
use crate::tui::action::Effect;
use crate::tui::{clipboard, clusters};

use super::window::Selection as RowCols;

impl App {
    pub(super) fn make_pane(&self, part: Part) -> Pane {
        let posting = self.posting();
        let text = posting.part_text(part);
        let ending = if text.contains('\n') {
            dominant_ending(text)
        } else {
            posting.line_ending()
        };
        let base_lines = split_lines(text);
        let (window, below, windowed) = window::split(base_lines.clone(), text.len());
        let (selection_style, search_style) = (self.theme.selection(), self.theme.placeholder());
        let window_base = windowed.then(|| window.clone());
        let textarea = window::text_area(window, selection_style, search_style);
        let yaml_error = (part == Part::FrontMatter)
            .then(|| validate(text).err())
            .flatten();
        Pane {
            part,
            textarea,
            above: Vec::new(),
            above_bytes: 0,
            below,
            window_base,
            selection_style,
            search_style,
            area: Default::default(),
            outside_is_base: Default::default(),
            base_lines,
            ending,
            yaml_error,
            pattern: None,
            blocks: None,
        }
    }

    /// Rebuilds every pane from the session's posting (which becomes `base`), focusing the
    /// part that holds byte `at` (cursor placed there) or the first pane.
    pub(super) fn rebuild(&mut self, at: Option<usize>) {
        self.base = None;
        self.unfolded = None;
        self.pending = None;
        self.parts = self.posting().parts();
        self.panes = std::iter::repeat_with(|| None)
            .take(self.parts.len())
            .collect();
        self.set_focus(0);
        if let Some(at) = at {
            self.focus_offset(at);
        }
    }

    /// The session changed under the panes (undo, fill, section commands): the outline
    /// follows and the panes are rebuilt around `sel` (selected) or the part `focus`.
    pub(super) fn session_changed(&mut self, sel: Option<Selection>, focus: Option<Part>) {
        self.outline = super::OutlineCache::of(self.session.posting());
        self.rebuild(None);
        match sel {
            Some(sel) if sel.head <= self.posting().text().len() => {
                if sel.anchor == sel.head {
                    self.focus_offset(sel.head);
                } else if let Some(pane) = self.pane_holding(&sel.range()) {
                    self.select_range(pane, sel.range());
                } else {
                    self.focus_offset(sel.head);
                }
            }
            _ => {
                if let Some(part) = focus {
                    self.focus_part(part);
                }
            }
        }
    }

    /// Focuses pane `i`, building it if it was never shown, and highlights its placeholders.
    pub(super) fn set_focus(&mut self, i: usize) {
        if i != self.focus {
            self.session.close_step();
        }
        self.focus = i;
        if self.panes[i].is_none() {
            self.panes[i] = Some(Box::new(self.make_pane(self.parts[i])));
        }
        self.refresh_highlight(i);
    }

    /// Focuses the pane whose range holds byte `at` (the nearest one before it when `at`
    /// is in a heading) and puts the cursor there.
    pub(super) fn focus_offset(&mut self, at: usize) {
        let base = self.base();
        let best = self
            .parts
            .partition_point(|p| base.part_range(*p).is_some_and(|r| r.start <= at))
            .saturating_sub(1);
        self.set_focus(best);
        let start = self.pane_range(best).start;
        let (row, col) = self.row_col(best, at.max(start));
        self.place_cursor((row, col), None);
    }

    pub(super) fn focus_part(&mut self, part: Part) {
        let n = self.parts.len();
        let i = self
            .parts
            .iter()
            .position(|p| *p == part)
            .or_else(|| match part {
                Part::Section(i) => (0..n).rev().find(|&j| match self.parts[j] {
                    Part::Section(k) => k <= i,
                    _ => true,
                }),
                _ => None,
            })
            .unwrap_or(0);
        self.set_focus(i);
    }

    /// Puts the focused pane's cursor at (row, col) of its lines, selecting from `anchor`
    /// when given; a windowed pane's window moves there first if it must.
    pub(super) fn place_cursor(&mut self, cursor: (usize, usize), anchor: Option<(usize, usize)>) {
        let rows = match anchor {
            Some(a) => a.0.min(cursor.0)..a.0.max(cursor.0) + 1,
            None => cursor.0..cursor.0 + 1,
        };
        if self.focused().window_moves_for(rows.clone()) {
            self.focused_mut().move_window(rows, cursor, anchor);
            // The placeholders it shows moved with it.
            self.refresh_highlight(self.focus);
            return;
        }
        let pane = self.focused_mut();
        let top = pane.top();
        let ta = &mut pane.textarea;
        ta.cancel_selection();
        if let Some((r, c)) = anchor {
            window::jump(ta, r - top, c);
            ta.start_selection();
        }
        window::jump(ta, cursor.0 - top, cursor.1);
    }

    /// After a key, moves a windowed pane's window when the cursor nears one of its edges.
    pub(super) fn follow_cursor(&mut self) {
        let pane = self.focused();
        let cursor = pane.cursor();
        let anchor = pane
            .selection()
            .map(|(a, b)| if a == cursor { b } else { a });
        let rows = match anchor {
            Some(a) => a.0.min(cursor.0)..a.0.max(cursor.0) + 1,
            None => cursor.0..cursor.0 + 1,
        };
        if pane.window_moves_for(rows.clone()) {
            self.focused_mut().move_window(rows, cursor, anchor);
            self.refresh_highlight(self.focus);
        }
    }

    /// The posting as it was when the focused pane got focus.
    pub(super) fn base(&self) -> &crate::posting::Posting {
        self.base.as_ref().unwrap_or(self.session.posting())
    }

    /// Byte range of pane `i` in `base` (and, after settling, in the session's posting).
    pub(super) fn pane_range(&self, i: usize) -> Range<usize> {
        self.base().part_range(self.parts[i]).unwrap_or(0..0)
    }

    /// Folds the focused pane's text into the session as one recorded edit (when leaving
    /// the pane, saving, filling, searching, reviewing, after the frame or an idle pause).
    pub(super) fn fold(&mut self) {
        let Some(edit) = self.pending.take() else {
            self.unfolded = None;
            return;
        };
        self.unfolded = None;
        let pane = self.focused();
        let part = pane.part;
        let new = if pane.lines_are_base() {
            // Untouched again: the base's exact bytes come back.
            self.base().clone()
        } else {
            self.focused_mut().blocks = None;
            self.base().replace_part(part, &self.focused().text())
        };
        let old = self
            .session
            .replace(new, edit.kind, edit.before, edit.after, edit.at);
        if self.base.is_none() {
            self.base = old;
        }
        self.outline = super::OutlineCache::of(self.session.posting());
        if part == Part::FrontMatter {
            let yaml_error = validate(self.posting().part_text(Part::FrontMatter)).err();
            self.focused_mut().yaml_error = yaml_error;
        }
        self.refresh_highlight(self.focus);
    }

    /// Makes the session's posting the new `base`; rebuilds the panes if its parts changed.
    pub(super) fn settle(&mut self) {
        self.fold();
        let Some(base) = &self.base else {
            return;
        };
        if self.posting().text() == base.text() {
            self.base = None;
            return;
        }
        if self.posting().parts() == base.parts() {
            let part = self.parts[self.focus];
            let lines = split_lines(self.posting().part_text(part));
            self.focused_mut().set_base_lines(lines);
            self.base = None;
            self.refresh_highlight(self.focus);
        } else {
            let at = self.cursor_offset();
            self.rebuild(Some(at));
        }
    }

    /// Before a key edits the focused pane: the pending edit is folded in (recorded) first
    /// when this key's edit cannot join it (another kind, a new word, the cursor moved, a
    /// pause). In a big pane (one that holds a window of its text) a fold re-reads the whole
    /// section (tens of milliseconds for a megabyte), too slow for every word or Backspace:
    /// there typing and deleting make one step until a pause or a cursor jump, as an insert
    /// does in vim.
    fn before_edit(
        &mut self,
        kind: EditKind,
        typed: Option<char>,
        before: Selection,
        now: Instant,
    ) {
        let by_word = !self.focused().windowed();
        let word_starts = |p: &PendingEdit| {
            p.last_char.is_some_and(char::is_whitespace)
                && typed.is_some_and(|c| !c.is_whitespace())
        };
        if let Some(p) = &self.pending
            && ((p.kind != kind && (by_word || p.kind == EditKind::Whole))
                || kind == EditKind::Whole
                || p.after != before
                || (by_word && word_starts(p))
                || now.saturating_duration_since(p.at) > crate::tui::limits::UNDO_STEP_PAUSE)
        {
            self.fold();
        }
    }

    /// A key changed the focused pane's text: the edit waits to be folded into the
    /// session; counts follow now (a large posting re-scans only the edited blocks).
    fn pane_edited(
        &mut self,
        kind: EditKind,
        typed: Option<char>,
        before: Selection,
        now: Instant,
        edit: Option<(Range<usize>, usize)>,
    ) {
        let after = self.selection_now();
        match &mut self.pending {
            Some(p) => {
                p.after = after;
                p.at = now;
                p.last_char = typed;
            }
            None => {
                self.pending = Some(PendingEdit {
                    kind,
                    before,
                    after,
                    at: now,
                    last_char: typed,
                })
            }
        }
        if self.deferred && !self.is_large() {
            // The event loop folds right after this key's frame (and draws again if the
            // counts changed): scanning the pane now would do that work twice.
            return;
        }
        if (self.is_large() || self.deferred) && self.sync_unfolded(edit) {
            self.refresh_highlight(self.focus);
            return;
        }
        // Small postings outside the event loop, and edits only a whole re-read tells (a
        // typed heading, the front matter): folded now.
        self.fold();
    }

    /// A large posting's keystroke: re-scans only the blocks of the focused pane the edit
    /// touched (no copy of the pane or the posting); false when only a full re-read tells
    /// (e.g. a typed heading).
    fn sync_unfolded(&mut self, edit: Option<(Range<usize>, usize)>) -> bool {
        let part = self.parts[self.focus];
        let base = self.base.as_ref().unwrap_or(self.session.posting());
        let Some(pane) = self.panes[self.focus].as_deref_mut() else {
            return false;
        };
        if part == Part::FrontMatter || pane.lines_are_base() {
            return false;
        }
        let mut blocks = pane.blocks.take();
        let updated = match (&mut blocks, edit) {
            (Some(scan), Some((old, new_len))) => scan.update(base, &*pane, old, new_len),
            _ => false,
        };
        if !updated {
            blocks = base.block_scan(part, &*pane, pane.ending);
        }
        pane.blocks = blocks;
        match &pane.blocks {
            Some(scan) => {
                self.unfolded = Some(Unfolded {
                    count: scan.count(),
                });
                true
            }
            None => false,
        }
    }

    /// Byte offset in the text of (row, col) of the focused pane.
    pub(super) fn offset_of(&self, row: usize, col: usize) -> usize {
        let pane = self.focused();
        let start = self.pane_range(self.focus).start;
        let e = pane.ending.len();
        let top = pane.top();
        // Rows in the window count from its first line (a big pane's lines above it are
        // summed once, when the window moves).
        let mut off = if row >= top {
            let window = &pane.textarea.lines()[..(row - top).min(pane.textarea.lines().len())];
            start
                + pane.above_bytes
                + window.iter().map(|l| l.len() + e).sum::<usize>()
                + pane
                    .below
                    .iter()
                    .take(row.saturating_sub(top + pane.textarea.lines().len()))
                    .map(|l| l.len() + e)
                    .sum::<usize>()
        } else {
            start
                + pane
                    .all_lines()
                    .take(row)
                    .map(|l| l.len() + e)
                    .sum::<usize>()
        };
        if row < crate::posting::block::Lines::count(pane) {
            let l = crate::posting::block::Lines::line(pane, row);
            off += l.char_indices().nth(col).map_or(l.len(), |(i, _)| i);
        }
        off
    }

    pub(super) fn cursor_offset(&self) -> usize {
        let c = self.focused().cursor();
        let off = self.offset_of(c.0, c.1);
        let text = self.posting().text();
        let mut off = off.min(text.len());
        while !text.is_char_boundary(off) {
            off -= 1;
        }
        off
    }

    /// The focused pane's selection (or cursor) in byte offsets of the text.
    pub(super) fn selection_now(&self) -> Selection {
        let pane = self.focused();
        let head = pane.cursor();
        let head_at = self.offset_of(head.0, head.1);
        match pane.selection() {
            Some((a, b)) => {
                let anchor = if a == head { b } else { a };
                Selection {
                    anchor: self.offset_of(anchor.0, anchor.1),
                    head: head_at,
                }
            }
            None => Selection::cursor(head_at),
        }
    }

    /// (row, col in chars) of byte `at` of `base` inside pane `i`.
    pub(super) fn row_col(&self, i: usize, at: usize) -> (usize, usize) {
        let r = self.pane_range(i);
        let at = at.clamp(r.start, r.end);
        let text = self.base().text();
        let mut at = at;
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let before = &text[r.start..at];
        let row = before.matches('\n').count();
        let line_start = before.rfind('\n').map_or(0, |p| p + 1);
        let col = before[line_start..].trim_end_matches('\r').chars().count();
        (row, col)
    }

    /// Sets pane `i`'s search pattern to its placeholders' texts, so they are highlighted
    /// (the selected text is left out so the selection shows).
    pub(super) fn refresh_highlight(&mut self, i: usize) {
        let start = self.pane_range(i).start;
        let Some(pane) = self.panes[i].as_deref() else {
            return;
        };
        let selected = selected_text(&pane.textarea);
        // Only the lines in the text area can show (a big pane's window): the placeholders
        // there are highlighted; an unfolded pane's are in its block scan.
        let (top, rows) = (pane.top(), pane.textarea.lines().len());
        let texts: Box<dyn Iterator<Item = &str>> = match (&self.unfolded, &pane.blocks) {
            (Some(_), Some(scan)) if i == self.focus => Box::new(scan.texts_in(top..top + rows)),
            _ => {
                let bytes = |l: &String| l.len() + pane.ending.len();
                let start = start + pane.above.iter().map(bytes).sum::<usize>();
                let len = pane.textarea.lines().iter().map(bytes).sum::<usize>();
                let posting = self.session.posting();
                let (text, all) = (posting.text(), posting.placeholders());
                let first = all.partition_point(|p| p.span.start < start);
                Box::new(
                    all[first..]
                        .iter()
                        .take_while(move |p| p.span.start < start + len.max(1))
                        .filter(move |p| p.span.end <= start + len)
                        .filter_map(|p| text.get(p.span.clone())),
                )
            }
        };
        let mut pieces: Vec<&str> = texts
            .flat_map(|s| s.split('\n'))
            .map(|s| s.trim_end_matches('\r'))
            .filter(|s| !s.trim().is_empty() && Some(*s) != selected.as_deref())
            .collect();
        // Longest first (so a longer text wins where two match at one place).
        pieces.sort_unstable_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        pieces.dedup();
        let pattern = pieces
            .iter()
            .map(|s| regex::escape(s))
            .collect::<Vec<_>>()
            .join("|");
        if let Some(pane) = self.panes[i].as_deref_mut()
            && pane.pattern.as_deref() != Some(pattern.as_str())
        {
            let _ = pane.textarea.set_search_pattern(&pattern);
            pane.pattern = Some(pattern);
        }
    }

    /// Selects `span` (bytes of the text) in pane `pane`.
    pub(super) fn select_range(&mut self, pane: usize, span: Range<usize>) {
        self.set_focus(pane);
        let (r0, c0) = self.row_col(pane, span.start);
        let (r1, c1) = self.row_col(pane, span.end);
        self.place_cursor((r1, c1), Some((r0, c0)));
        self.refresh_highlight(pane);
    }

    /// Pane index whose range holds `span` entirely.
    pub(super) fn pane_holding(&self, span: &Range<usize>) -> Option<usize> {
        // Pane ranges are in document order: the last one starting at or before the span.
        let base = self.base();
        let i = self
            .parts
            .partition_point(|p| base.part_range(*p).is_some_and(|r| r.start <= span.start))
            .checked_sub(1)?;
        let r = self.pane_range(i);
        (r.start <= span.start && span.end <= r.end).then_some(i)
    }

    /// (start, end) of the selection in bytes, or the cursor twice.
    pub(super) fn selection_offsets(&self) -> (usize, usize) {
        let r = self.selection_now().range();
        (r.start, r.end)
    }

    // ---- the pane editor's keys ----

    /// A key for the focused pane: cursor movement, selection and editing.
    pub(super) fn pane_key(&mut self, key: KeyEvent) {
        if self.focused().windowed()
            && let Some(to_end) = to_top_or_bottom(&key)
        {
            // The text area knows only its window: the pane's first or last line.
            let pane = self.focused();
            let (_, col) = pane.cursor();
            let row = if to_end {
                crate::posting::block::Lines::count(pane) - 1
            } else {
                0
            };
            let here = pane.cursor();
            let anchor = key.modifiers.contains(KeyModifiers::SHIFT).then(|| {
                pane.selection()
                    .map_or(here, |(a, b)| if a == here { b } else { a })
            });
            self.session.close_step();
            self.place_cursor((row, col), anchor);
            self.refresh_highlight(self.focus);
            return;
        }
        if matches!(key.code, KeyCode::PageUp | KeyCode::PageDown) {
            self.window_for_a_page();
        }
        if key.code == KeyCode::PageDown && key.modifiers.is_empty() {
            self.page_down();
            return;
        }
        let top = self.focused().top();
        let ta = &self.focused().textarea;
        let before = (ta.cursor(), ta.selection_range(), ta.lines().len());
        let sel_before = self.selection_now();
        let (kind, now) = (edit_kind(&key), Instant::now());
        let typed = match key.code {
            KeyCode::Char(c) if kind == EditKind::Insert => Some(c),
            KeyCode::Enter if kind == EditKind::Insert => Some('\n'),
            _ => None,
        };
        self.before_edit(kind, typed, sel_before, now);
        let ta = &mut self.focused_mut().textarea;
        // One character is one cluster; no key leaves the cursor inside one.
        let changed = clusters::input(ta, &key).unwrap_or_else(|| {
            let changed = ta.input(key);
            clusters::snap(ta);
            changed
        });
        if changed {
            let ta = &self.focused().textarea;
            let (old, new_len) = edited_lines(before, ta.cursor().0, ta.lines().len());
            self.pane_edited(
                kind,
                typed,
                sel_before,
                now,
                Some((old.start + top..old.end + top, new_len)),
            );
        } else {
            if self.selection_now() != sel_before {
                // A cursor jump ends the typing step.
                self.fold();
                self.session.close_step();
            }
            self.refresh_highlight(self.focus);
        }
        self.follow_cursor();
    }

    /// Before PgUp/PgDn in a windowed pane: the window holds two pages of lines on each side
    /// of the cursor (the view may already be a page away from it), so the text area pages as
    /// it would over the whole pane.
    fn window_for_a_page(&mut self) {
        let pane = self.focused();
        if !pane.windowed() {
            return;
        }
        let page = usize::from(pane.area.height).max(1);
        let cursor = pane.cursor();
        let last = crate::posting::block::Lines::count(pane);
        let rows = cursor.0.saturating_sub(2 * page)..(cursor.0 + 2 * page + 1).min(last);
        if pane.window_moves_for(rows.clone()) {
            let anchor = pane
                .selection()
                .map(|(a, b)| if a == cursor { b } else { a });
            self.focused_mut().move_window(rows, cursor, anchor);
            self.refresh_highlight(self.focus);
        }
    }

    /// PgDn: a page down, but never past the last page: the text's last line ends the
    /// page at most, so a short text stays in view.
    fn page_down(&mut self) {
        self.session.close_step();
        let pane = self.focused_mut();
        pane.textarea
            .input(KeyEvent::new(KeyCode::PageDown, KeyModifiers::NONE));
        if pane.below.is_empty() {
            last_page_at_most(&mut pane.textarea, pane.area.height);
        }
        self.follow_cursor();
        self.refresh_highlight(self.focus);
    }

    /// Pasted text into the focused pane, verbatim (a tab is a tab; CR LF and CR become the
    /// pane's line ending), replacing the selection, as one undo step.
    pub(super) fn paste_into_pane(&mut self, text: &str) {
        let normal = text.replace("\r\n", "\n").replace('\r', "\n");
        if normal.is_empty() {
            return;
        }
        self.fold();
        let sel_before = self.selection_now();
        let ta = &self.focused().textarea;
        let before = (ta.cursor(), ta.selection_range(), ta.lines().len());
        let top = self.focused().top();
        let ta = &mut self.focused_mut().textarea;
        if ta.selection_range().is_some() {
            ta.cut();
        }
        ta.insert_str(&normal);
        let ta = &self.focused().textarea;
        let (old, new_len) = edited_lines(before, ta.cursor().0, ta.lines().len());
        // Rows from the first touched one to the cursor are new.
        let new_len = new_len.max(ta.cursor().0 + 1 - old.start.min(ta.cursor().0));
        self.pane_edited(
            EditKind::Whole,
            None,
            sel_before,
            Instant::now(),
            Some((old.start + top..old.end + top, new_len)),
        );
        self.follow_cursor();
    }
}

impl App {
    /// Ctrl-C / Ctrl-X: the selection, or with none the cursor's line (as micro), to the
    /// clipboard and the terminal's; a cut is one undo step.
    pub(super) fn copy(&mut self, cut: bool) {
        let ta = &self.focused().textarea;
        let selection = ta.selection_range();
        let cursor = ta.cursor();
        let (start, end) = clipboard::span(ta.lines(), (cursor.0, cursor.1), selection);
        let text = clipboard::text_of(ta.lines(), start, end);
        if text.is_empty() {
            self.info("Nothing to copy: the line is empty");
            return;
        }
        let what = match selection {
            Some((a, b)) if a != b => {
                let n = text.chars().count();
                format!("{n} character{}", if n == 1 { "" } else { "s" })
            }
            _ => "the line".to_string(),
        };
        if cut {
            self.cut_span(start.0, text.chars().count());
        }
        let note = if clipboard::fits_terminal(&text) {
            ""
        } else {
            " (too long for the terminal's clipboard)"
        };
        let verb = if cut { "Cut" } else { "Copied" };
        self.info(format!("{verb} {what}{note} · Ctrl-V pastes"));
        self.outbox.push(Effect::SetClipboard(text.clone()));
        self.clipboard.set(text);
    }

    /// Deletes the selection, or with none the `chars` chars from the start of `row` (line
    /// breaks count one), as one undo step.
    fn cut_span(&mut self, row: usize, chars: usize) {
        self.fold();
        let sel_before = self.selection_now();
        let top = self.focused().top();
        let ta = &mut self.focused_mut().textarea;
        if ta.selection_range().is_none_or(|(a, b)| a == b) {
            ta.cancel_selection();
            window::jump(ta, row, 0);
        }
        let before = (ta.cursor(), ta.selection_range(), ta.lines().len());
        ta.delete_str(chars);
        let ta = &self.focused().textarea;
        let (old, new_len) = edited_lines(before, ta.cursor().0, ta.lines().len());
        self.pane_edited(
            EditKind::Whole,
            None,
            sel_before,
            Instant::now(),
            Some((old.start + top..old.end + top, new_len)),
        );
        self.follow_cursor();
    }
}

/// Scrolls a text area back so that its last line ends the view of `height` rows at most.
pub fn last_page_at_most(ta: &mut TextArea<'static>, height: u16) {
    let height = usize::from(height);
    if height == 0 {
        return;
    }
    let (top, _) = ta.scroll_offset();
    let mut probe = ta.clone();
    probe.cancel_selection();
    probe.move_cursor(ratatui_textarea::CursorMove::Bottom);
    probe.move_cursor(ratatui_textarea::CursorMove::End);
    let rows = probe.screen_cursor().row + 1;
    let most = rows.saturating_sub(height);
    if usize::from(top) > most {
        let back = usize::from(top) - most;
        ta.scroll((-(i16::try_from(back).unwrap_or(i16::MAX)), 0));
    }
}

/// The kind of edit a key makes, for grouping undo steps.
fn edit_kind(key: &KeyEvent) -> EditKind {
    let plain = !key
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
    match key.code {
        KeyCode::Char(_) | KeyCode::Enter if plain => EditKind::Insert,
        KeyCode::Backspace | KeyCode::Delete => EditKind::Delete,
        KeyCode::Char('h' | 'w' | 'k' | 'j' | 'd') if !plain => EditKind::Delete,
        _ => EditKind::Whole,
    }
}

fn selected_text(ta: &TextArea) -> Option<String> {
    let ((r0, c0), (r1, c1)) = ta.selection_range()?;
    if r0 != r1 {
        return None;
    }
    let line = ta.lines().get(r0)?;
    Some(line.chars().skip(c0).take(c1.saturating_sub(c0)).collect())
}

/// The old lines a text-area edit replaced, and how many lines replace them, from the
/// cursor and selection before it, the cursor row after it and the line counts. An edit
/// touches the rows between the cursor (or selection) before and the cursor after, and may
/// join the next line (Delete at a line's end): one more line is counted on both sides.
fn edited_lines(
    before: (ratatui_textarea::DataCursor, Option<RowCols>, usize),
    row_after: usize,
    count_after: usize,
) -> (Range<usize>, usize) {
    let (cursor, selection, count_before) = before;
    let (mut lo, mut hi) = (cursor.0, cursor.0);
    if let Some(((r0, _), (r1, _))) = selection {
        lo = lo.min(r0);
        hi = hi.max(r1);
    }
    lo = lo.min(row_after);
    let end = (hi + 2).min(count_before);
    let new_len = (end - lo + count_after).saturating_sub(count_before);
    (lo..end, new_len)
}

/// Whether a key moves a text area's cursor to its first (`false`) or last (`true`) line.
fn to_top_or_bottom(key: &KeyEvent) -> Option<bool> {
    let ctrl_alt = KeyModifiers::CONTROL | KeyModifiers::ALT;
    let m = key.modifiers - KeyModifiers::SHIFT;
    match key.code {
        KeyCode::Char('<') if m == KeyModifiers::ALT => Some(false),
        KeyCode::Char('>') if m == KeyModifiers::ALT => Some(true),
        KeyCode::Up | KeyCode::Char('p') if m == ctrl_alt => Some(false),
        KeyCode::Down | KeyCode::Char('n') if m == ctrl_alt => Some(true),
        _ => None,
    }
}
