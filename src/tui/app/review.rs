//! The review panel's state changes (F3): open and close it, move the selection, and jump
//! to a finding (focus its pane, cursor at its line and column). Drawing is in
//! `ui/review.rs`; the rules are `crate::review`, run once per change of the text and kept
//! (see `App::cached_review`; a normal posting reviews in well under a millisecond, so its
//! outline marks follow every keystroke; a large one is reviewed after a pause in typing).

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::{App, Mode};
use crate::review::{FileReview, Finding, ReviewPanic};

impl App {
    /// Reviews the posting as last folded (a computation, for the review panel and tests);
    /// a review that panicked has no findings (see [`App::guarded_review`]).
    pub fn review(&self) -> FileReview {
        self.guarded_review().unwrap_or_else(|_| self.no_findings())
    }

    /// Reviews the posting as last folded; a panic inside a rule (a bug) is caught and
    /// returned, so the editor keeps the text and keeps running.
    pub fn guarded_review(&self) -> Result<FileReview, ReviewPanic> {
        crate::review::review_guarded(self.file_name(), self.posting(), self.rules(), None)
    }

    fn no_findings(&self) -> FileReview {
        FileReview {
            path: self.file_name(),
            complete: true,
            sections: Vec::new(),
            placeholders: Vec::new(),
            findings: Vec::new(),
        }
    }

    /// The review panicked: this text is not reviewed again until it changes, and the user
    /// is told; the text is untouched.
    pub(super) fn review_failed(&mut self, e: ReviewPanic) {
        let none = self.no_findings();
        self.keep_review(none);
        let why = format!(
            "Review failed, a bug in jobpost (please report it): {}. Your text is safe.",
            e.message
        );
        if let Some(cache) = self.review.as_mut() {
            cache.failed = Some(why.clone());
        }
        self.error(why);
    }

    /// Byte offset of a finding's line and column in the current posting.
    pub fn finding_offset(&self, f: &Finding) -> usize {
        let posting = self.posting();
        let text = posting.text();
        let start = posting.lines().line_start(f.line);
        let line = &text[start..crate::posting::lines::line_end_after(text, start)];
        start
            + line
                .char_indices()
                .nth(f.column.saturating_sub(1))
                .map_or(line.trim_end_matches(['\n', '\r']).len(), |(i, _)| i)
    }

    /// The order the panel lists findings in: whole-posting ones first, then by position.
    pub fn review_order(&self, findings: &[Finding]) -> Vec<usize> {
        let mut order: Vec<usize> = (0..findings.len()).collect();
        order.sort_by_key(|&i| !findings[i].is_whole_posting());
        order
    }

    pub(super) fn toggle_review(&mut self) {
        self.settle();
        self.mode = match self.mode {
            Mode::Review(_) => Mode::Normal,
            _ => {
                self.refresh_review();
                Mode::Review(0)
            }
        };
    }

    pub(super) fn review_key(&mut self, key: KeyEvent, selected: usize) {
        let review = self
            .cached_review()
            .expect("the review panel opens with a review");
        let findings = &review.findings;
        let last = findings.len().saturating_sub(1);
        let selected = match key.code {
            KeyCode::Down | KeyCode::Char('j') => (selected + 1).min(last),
            KeyCode::Up | KeyCode::Char('k') => selected.saturating_sub(1),
            KeyCode::PageDown => (selected + 10).min(last),
            KeyCode::PageUp => selected.saturating_sub(10),
            KeyCode::Home => 0,
            KeyCode::End => last,
            KeyCode::Char('q') => {
                self.mode = Mode::Normal;
                return;
            }
            KeyCode::Enter => {
                self.mode = Mode::Normal;
                let order = self.review_order(findings);
                if let Some(f) = order.get(selected).map(|&i| &findings[i]) {
                    let at = self.finding_offset(f);
                    self.focus_offset(at);
                    let pane = self.focus;
                    self.refresh_highlight(pane);
                    self.info(format!("Line {}: {}", f.line, f.message));
                }
                return;
            }
            _ => selected,
        };
        self.mode = Mode::Review(selected);
    }
}
