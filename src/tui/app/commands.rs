//! Commands on the document: jump to placeholders, find, undo and redo through the session,
//! section commands, the fill prompt and form, prompts and the quit and delete questions,
//! saving (asked of the event loop as an effect).

use std::ops::Range;
use std::time::Instant;

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::{App, Confirm, EditKind, Effect, Mode, Prompt, PromptKind, PromptOutcome, visible};
use crate::posting::{Part, Posting};
use crate::tui::fill;

impl App {
    pub(super) fn jump_placeholder(&mut self, forward: bool) {
        self.settle();
        let spans: Vec<Range<usize>> = self
            .posting()
            .placeholders()
            .iter()
            .map(|p| p.span.clone())
            .filter(|s| self.pane_holding(s).is_some())
            .collect();
        let total = self.posting().placeholders().len();
        if spans.is_empty() {
            if total > 0 {
                self.info(format!(
                    "{total} left, all in headings: Ctrl-R or F2 fills them"
                ));
            } else {
                self.info("No unfilled placeholders left");
            }
            return;
        }
        let (sel_start, sel_end) = self.selection_offsets();
        let (index, wrapped) = if forward {
            match spans.iter().position(|s| s.start >= sel_end) {
                Some(i) => (i, false),
                None => (0, true),
            }
        } else {
            match spans.iter().rposition(|s| s.start < sel_start) {
                Some(i) => (i, false),
                None => (spans.len() - 1, true),
            }
        };
        let span = spans[index].clone();
        let pane = self.pane_holding(&span).unwrap_or(0);
        self.session.close_step();
        self.select_range(pane, span.clone());
        let what = visible(&self.posting().text()[span]);
        let wrap = if wrapped { " (wrapped)" } else { "" };
        let headings = match total - spans.len() {
            0 => String::new(),
            n => format!(" · {n} in headings: Ctrl-R/F2"),
        };
        self.info(format!(
            "{}/{}{wrap} {what} · type to replace{headings}",
            index + 1,
            spans.len()
        ));
    }

    fn find_next(&mut self, query: &str) {
        self.settle();
        if query.is_empty() {
            return;
        }
        let (_, from) = self.selection_offsets();
        let matches: Vec<Range<usize>> =
            crate::posting::search::find_all(self.posting().text(), query)
                .into_iter()
                .filter(|r| self.pane_holding(r).is_some())
                .collect();
        let hit = matches
            .iter()
            .find(|r| r.start >= from)
            .map(|r| (r.clone(), false))
            .or_else(|| matches.first().map(|r| (r.clone(), true)));
        match hit {
            Some((r, wrapped)) => {
                let pane = self.pane_holding(&r).unwrap_or(0);
                self.session.close_step();
                self.select_range(pane, r);
                let n = matches.len();
                let wrap = if wrapped { ", wrapped" } else { "" };
                self.info(format!("{n} match{}{wrap}", if n == 1 { "" } else { "es" }));
            }
            None => self.error(format!("Not found: {}", visible(query))),
        }
    }

    /// A whole-posting edit (section command, fill, recovered text): one undo step; the
    /// panes are rebuilt and `focus` (or the byte `at`) focused.
    pub(super) fn whole_edit(&mut self, new: Posting, focus: Part, at: Option<usize>) {
        self.settle();
        let before = self.selection_now();
        let after = crate::posting::history::Selection::cursor(at.unwrap_or(before.head));
        self.session
            .replace(new, EditKind::Whole, before, after, Instant::now());
        match at {
            Some(_) => self.session_changed(Some(after), None),
            None => self.session_changed(None, Some(focus)),
        }
    }

    pub(super) fn undo_redo(&mut self, undo: bool) {
        self.settle();
        let sel = if undo {
            self.session.undo()
        } else {
            self.session.redo()
        };
        match sel {
            Some(sel) => {
                let focus = self.parts[self.focus];
                self.session_changed(Some(sel), Some(focus));
            }
            None => self.info(if undo {
                "Nothing to undo"
            } else {
                "Nothing to redo"
            }),
        }
    }

    pub(super) fn focused_section(&self) -> Option<usize> {
        match self.parts[self.focus] {
            Part::Section(i) => Some(i),
            _ => None,
        }
    }

    pub(super) fn prompt(&mut self, kind: PromptKind, value: &str) {
        self.mode = Mode::Prompt(Prompt::new(kind, value));
    }

    fn prompt_enter(&mut self, kind: PromptKind, input: String) {
        let value = input.trim().to_string();
        match kind {
            PromptKind::Find => {
                self.last_find = input.clone();
                // The prompt stays open: Enter again finds the next match.
                self.find_next(&input);
                return;
            }
            _ if value.is_empty() => {
                self.error("Type something first, or Esc to cancel");
                return;
            }
            PromptKind::SavePath { then_quit } => {
                self.mode = Mode::Normal;
                self.save_as_typed(&value, then_quit);
                return;
            }
            PromptKind::Rename(i) => {
                let new = self.posting().rename_section(i, &value);
                self.whole_edit(new, Part::Section(i), None);
                self.info(format!("Renamed to {}", visible(&value)));
            }
            PromptKind::AddSection { after, level } => {
                let index = after.map_or(0, |i| i + 1);
                let new = self.posting().insert_section(after, level, &value);
                // Room to type: a blank line under the heading, the cursor's line, and a
                // blank line before the next heading.
                let e = new.line_ending();
                let more =
                    new.part_range(Part::Section(index)).map(|r| r.end) < Some(new.text().len());
                let body = if more { e.repeat(3) } else { e.repeat(2) };
                let new = new.replace_part(Part::Section(index), &body);
                self.whole_edit(new, Part::Section(index), None);
                self.place_cursor((1, 0), None);
                self.info(format!("Added {}", visible(&value)));
            }
        }
        self.mode = Mode::Normal;
    }

    pub(super) fn prompt_key(&mut self, key: KeyEvent) {
        let Mode::Prompt(prompt) = &mut self.mode else {
            return;
        };
        if let PromptOutcome::Enter(input) = prompt.key(key) {
            let kind = prompt.kind.clone();
            self.prompt_enter(kind, input);
        }
    }

    pub(super) fn confirm_key(&mut self, which: Confirm, key: KeyEvent) {
        let KeyCode::Char(c) = key.code else {
            return;
        };
        match (which, c.to_ascii_lowercase()) {
            (Confirm::Quit, 's') => {
                self.mode = Mode::Normal;
                match self.path.clone() {
                    Some(path) => self.save_to(path, true),
                    None => self.prompt(PromptKind::SavePath { then_quit: true }, ""),
                }
            }
            (Confirm::Quit, 'd') => {
                self.discard_recovery();
                self.outbox.push(Effect::Quit);
            }
            (Confirm::DeleteSection(i), 'y') => {
                self.mode = Mode::Normal;
                let title = self.posting().sections().get(i).map(|s| s.title.clone());
                let new = self.posting().remove_section(i);
                self.whole_edit(new, Part::Section(i), None);
                self.info(format!("Deleted {}", visible(&title.unwrap_or_default())));
            }
            (Confirm::DeleteSection(_), 'n') => self.mode = Mode::Normal,
            _ => {}
        }
    }

    // ---- fill-in: Ctrl-R and F2 (state and keys in `fill.rs`, drawing in `ui/fill_form.rs`) ----

    pub(super) fn open_fill_one(&mut self) {
        self.settle();
        let (at, _) = self.selection_offsets();
        match fill::target_at(self.posting(), at) {
            Some(target) => {
                let default = self.answers.default_for(&target.text).map(str::to_string);
                self.mode = Mode::Fill(fill::Fill::one(target, default.as_deref()));
            }
            None => self.info("No unfilled placeholders left"),
        }
    }

    pub(super) fn open_fill_form(&mut self) {
        self.settle();
        // The placeholders, then the schema.org properties Google requires that are missing.
        let targets = fill::form_targets(self.posting(), &self.rules);
        if targets.is_empty() {
            self.info("No unfilled placeholders left");
            return;
        }
        let answers = &self.answers;
        self.mode = Mode::Fill(fill::Fill::form(targets, |t| answers.default_for(t)));
    }

    pub(super) fn fill_key(&mut self, key: KeyEvent) {
        let Mode::Fill(f) = &mut self.mode else {
            return;
        };
        match f.key(key) {
            fill::Outcome::Stay => {}
            fill::Outcome::NeedValue => {
                self.error("Type a value, or Esc to cancel");
            }
            fill::Outcome::Apply(values) => {
                // The form stays open, values and all, when a property cannot be added.
                if self.apply_fill(&values) {
                    self.mode = Mode::Normal;
                }
            }
        }
    }

    /// Fills every occurrence of each target and adds the schema.org properties through the
    /// model, as one undo step; remembers the values; keeps the cursor where it was in the
    /// text. False (nothing changed, the reason shown) when a property cannot be added.
    fn apply_fill(&mut self, values: &[(fill::Target, String)]) -> bool {
        if values.is_empty() {
            self.info("Nothing filled: every field was empty");
            return true;
        }
        let before = self.posting();
        let yaml_was_ok = before.front_matter().is_none_or(|f| f.error.is_none());
        let done = match fill::apply(before, values) {
            Ok(done) => done,
            Err(e) => {
                self.error(format!("Nothing filled: {e}"));
                return false;
            }
        };
        let (places, added) = (done.places, done.added.len());
        if places == 0 && added == 0 {
            self.info("Nothing filled");
            return true;
        }
        let at = fill::shift_offset(self.cursor_offset(), &done.edits);
        for (t, v) in values {
            if t.remember {
                self.answers.filled(&t.text, v);
            }
        }
        let focus = self.parts[self.focus];
        self.whole_edit(done.posting, focus, Some(at));
        let holes = values.len() - added;
        let mut what = match (values, holes) {
            (_, 0) => String::new(),
            ([(t, _)], _) => format!("Filled {} ×{places}", visible(&t.text)),
            _ => format!("Filled {holes} placeholders in {places} places"),
        };
        if added > 0 {
            let sep = if what.is_empty() { "" } else { "; " };
            what = format!(
                "{what}{sep}Added {} to the front matter",
                done.added.join(", ")
            );
        }
        match self.posting().front_matter().and_then(|f| f.error.clone()) {
            Some(e) if yaml_was_ok => self.error(format!(
                "{what}, but the front matter is no longer valid YAML: {} (Ctrl-Z undoes)",
                e.message
            )),
            _ => self.info(format!("{what} · Ctrl-Z undoes")),
        }
        true
    }
}
