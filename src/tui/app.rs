//! Editor state (`App`) and `update`: every key becomes an [`Action`], every action changes
//! the state and may ask the event loop for [`Effect`]s. No I/O here: saving, reading files,
//! removing recovery files and reviewing on a worker are effects the event loop runs
//! (`runtime.rs`), and their results come back through [`reply`].
//!
//! The document is one [`Session`]: the posting as last folded, the saved fingerprint and the
//! one undo history. Each pane keeps a `TextArea` (built when first focused) over one
//! [`Part`] of `base`, the posting as it was when the pane got focus. A key edits the focused
//! pane; the pane is *folded* into the session (`base.replace_part(part, text)`, one recorded
//! edit) right away, or — under the event loop, and for a large posting until a pause —
//! after the frame. Only the focused pane is ever ahead of the session. When focus leaves the
//! pane the posting is *settled*: it becomes the new `base`, and panes are rebuilt only if its
//! parts changed (e.g. a typed `## heading`). A pane whose lines equal its original lines
//! never writes, so untouched parts keep their exact bytes.

mod commands;
mod external;
mod guard;
mod mouse;
mod review;
mod sync;
mod window;

pub use sync::last_page_at_most;
pub use window::text_area;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind};
use ratatui::style::Style;
use ratatui_textarea::TextArea;

use super::Launch;
use super::action::{Action, Effect, Reply};
use super::components::prompt::{Prompt, PromptOutcome};
use super::keymap;
use super::limits;
use crate::posting::block::BlockScan;
use crate::posting::history::{EditKind, Selection};
use crate::posting::session::Session;
use crate::posting::{Part, Posting, YamlError};
use crate::review::FileReview;

pub use super::components::prompt::PromptKind;
pub use super::ui::theme::{Theme, visible};
pub use guard::{GuardDialog, Pending, RecoveryWrite};

/// From this size on, whole-posting work waits for an idle pause (see [`limits`]).
pub const LARGE: usize = limits::REVIEW_AFTER_PAUSE_FROM;
/// From this size on a posting is reviewed only when the review panel asks (see [`limits`]).
pub const HUGE: usize = limits::REVIEW_ON_REQUEST_FROM;
/// The idle pause after the last key before whole-posting work runs.
pub const IDLE: Duration = limits::WORK_PAUSE;

/// A review and the parts it flags in the outline, for one generation of the posting.
struct ReviewCache {
    generation: u64,
    review: std::rc::Rc<FileReview>,
    flagged: Vec<Part>,
    /// The review panicked (a bug in a rule): what went wrong; the review has no findings.
    failed: Option<String>,
}

/// The focused pane's placeholders while its text is not folded into the session (they are
/// kept per block in the pane's [`BlockScan`]).
#[derive(Debug)]
struct Unfolded {
    /// Unfilled placeholders in the pane.
    count: usize,
}

/// The pane edit not yet folded into the session: what kind it is and the selections
/// around it, for the history.
#[derive(Debug, Clone, Copy)]
struct PendingEdit {
    kind: EditKind,
    before: Selection,
    after: Selection,
    at: Instant,
    /// The last character typed into it (a word starting after white space ends the step).
    last_char: Option<char>,
}

/// Per-posting figures the outline and panes show on every frame, computed once per change
/// in one pass over the placeholders and sections. Placeholders a suppression comment keeps
/// on purpose are not counted, as `check` does not count them as left.
#[derive(Debug, Default)]
struct OutlineCache {
    /// Placeholders left in the whole posting.
    total: usize,
    /// The part of each placeholder kept on purpose (seldom any).
    kept: Vec<Part>,
    front_matter: usize,
    preamble: usize,
    /// Per section: 32 bits, as a posting's offsets are.
    sections: Vec<u32>,
    /// The longest outline label (indent included), in characters.
    longest: usize,
    /// The smallest heading level (outline labels are indented from it).
    min_level: u8,
}

impl OutlineCache {
    fn of(posting: &Posting) -> Self {
        let mut c = OutlineCache {
            sections: vec![0; posting.sections().len()],
            longest: "Front matter".len(),
            ..Default::default()
        };
        let kept = crate::review::kept_placeholders(posting);
        for p in posting.placeholders() {
            if kept.binary_search(&p.span.start).is_ok() {
                c.kept.push(p.part());
                continue;
            }
            c.total += 1;
            match p.part() {
                Part::FrontMatter => c.front_matter += 1,
                Part::Preamble => c.preamble += 1,
                Part::Section(i) => {
                    if let Some(n) = c.sections.get_mut(i) {
                        *n += 1;
                    }
                }
            }
        }
        let min_level = posting
            .sections()
            .iter()
            .map(|s| s.level)
            .min()
            .unwrap_or(1);
        c.min_level = min_level;
        for s in posting.sections() {
            let indent = usize::from(s.level.saturating_sub(min_level));
            let title = if s.title.trim().is_empty() {
                "(untitled)".len()
            } else {
                crate::tui::text::width(&visible(&s.title))
            };
            c.longest = c.longest.max(indent + title);
        }
        c
    }

    fn count(&self, part: Part) -> usize {
        match part {
            Part::FrontMatter => self.front_matter,
            Part::Preamble => self.preamble,
            Part::Section(i) => self.sections.get(i).map_or(0, |&n| n as usize),
        }
    }

    /// A pane's placeholders left, from all those its unfolded text has (kept ones as at the
    /// last fold).
    fn left_of(&self, part: Part, all: usize) -> usize {
        all.saturating_sub(self.kept.iter().filter(|&&k| k == part).count())
    }
}

/// One editable part of the posting, shown as a text pane: the pane editor's state. Its
/// keys go through [`App`]'s `pane_key` (one place for cursor movement and editing keys).
pub struct Pane {
    /// Which part of `base` it edits.
    pub part: Part,
    /// The editor widget state: the part's lines, or for a big part a window of them
    /// (rows count from [`Pane::top`]; see `window.rs`).
    pub textarea: TextArea<'static>,
    /// The lines above the window.
    above: Vec<String>,
    /// Their bytes, line endings included (offsets in the window start after them).
    above_bytes: usize,
    /// The lines below the window.
    below: Vec<String>,
    /// The window's lines when it was made; `None` when the text area holds every line.
    window_base: Option<Vec<String>>,
    selection_style: Style,
    search_style: Style,
    /// Where the text area was last drawn.
    area: window::DrawnArea,
    /// The part's lines when the pane was built: equal lines mean "untouched".
    base_lines: Vec<String>,
    /// Whether the lines outside the window equal those of `base_lines` (known once
    /// compared: they change only when the window moves or `base_lines` does).
    outside_is_base: std::cell::Cell<Option<bool>>,
    /// The line ending edited text is joined with.
    ending: &'static str,
    /// The YAML error of a front matter pane's current text.
    pub yaml_error: Option<YamlError>,
    /// The search pattern last set (a new regex is built only when it changes).
    pattern: Option<String>,
    /// In a large posting, the pane's placeholders per block of its current lines, so a
    /// key re-scans only the block it edits (`None` until the first edit, or when only a
    /// whole re-read tells).
    blocks: Option<BlockScan>,
}

/// A yes/no style question in a dialog box.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Confirm {
    /// Quit with unsaved changes: s / d / Esc.
    Quit,
    /// Delete section `n`: y / n.
    DeleteSection(usize),
}

/// What has the keyboard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    /// The focused pane.
    Normal,
    /// The F1 help, scrolled by this many lines.
    Help(u16),
    /// A one-line prompt in the status line.
    Prompt(Prompt),
    /// A dialog box.
    Confirm(Confirm),
    /// The Ctrl-R fill prompt or the F2 fill form.
    Fill(super::fill::Fill),
    /// The review panel (F3), with the selected finding.
    Review(usize),
    /// A save question: the file is read-only, or Save as named a file that exists.
    SaveAsk(super::components::save_ask::SaveAsk),
}

/// A status-line message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// The text.
    pub text: String,
    /// Whether it reports a failure.
    pub error: bool,
    /// The cells the text takes (measured once: the layout asks every frame).
    pub cells: usize,
}

impl Message {
    fn new(text: impl Into<String>, error: bool) -> Message {
        let text = text.into();
        let cells = crate::tui::text::width(&text);
        Message { text, error, cells }
    }
}

/// The whole editor state: the document session, the panes, what has the keyboard and the
/// message.
pub struct App {
    /// The document: posting, saved fingerprint, history.
    session: Session,
    /// The posting when the focused pane got focus; `None` while it equals the session's (no
    /// second copy of a large posting until the first edit).
    base: Option<Posting>,
    /// Drawn from the beginning of a large posting while the whole is still being read:
    /// counts that the rest could change are not shown.
    reading: bool,
    path: Option<PathBuf>,
    /// The parts of `base` shown as panes, in document order.
    parts: Vec<Part>,
    /// The panes built so far, indexed like `parts`: a pane's `TextArea` is built when it
    /// is first focused (a 10 MB posting has some 28,000 parts). The focused pane is always
    /// built.
    panes: Vec<Option<Box<Pane>>>,
    focus: usize,
    /// Unfilled placeholders per part and the longest outline label, for the session's
    /// posting.
    outline: OutlineCache,
    /// The review of the posting at some generation.
    review: Option<ReviewCache>,
    /// When the last key arrived (for idle work).
    last_key: Option<Instant>,
    /// The generation a worker review was asked for (see [`Effect::Review`]).
    review_job: Option<u64>,
    /// Under the event loop: reviews and re-reads wait until after the frame.
    deferred: bool,
    /// A large posting's focused pane as typed but not yet folded into the session: per key
    /// only that pane is re-scanned.
    unfolded: Option<Unfolded>,
    /// The pane edit the next fold records.
    pending: Option<PendingEdit>,
    mode: Mode,
    message: Option<Message>,
    theme: Theme,
    last_find: String,
    /// The name last typed at Save as, offered again when the user does not overwrite.
    last_save_as: String,
    answers: crate::answers::Session,
    /// The review rules in force (the user's and the team's config).
    rules: std::sync::Arc<crate::review::Rules>,
    guard: guard::Guard,
    /// What Ctrl-C / Ctrl-X last took, for Ctrl-V.
    clipboard: crate::tui::clipboard::Clipboard,
    /// Effects asked for while handling the current action.
    outbox: Vec<Effect>,
    /// How wide text is set (config).
    view: super::wide::View,
    /// The screen's size as last drawn (what mouse positions are laid out against).
    size: ratatui::layout::Rect,
    /// The focused pane's cursor where a left click put it, for a drag to select from.
    press: Option<(usize, usize)>,
}

impl App {
    /// Opens the editor state for a posting under the event loop: colours follow
    /// `NO_COLOR`, saved answers are found next to the file, and reviews wait until after
    /// the frame.
    pub fn new(launch: Launch) -> Self {
        let dir = launch.path.as_deref().and_then(Path::parent);
        let answers = crate::answers::Session::discover(dir);
        let mut app = Self::build(launch, Theme::from_env(), true);
        app.use_answers(answers);
        app
    }

    /// Reviews with these rules (from the user's and the team's config).
    pub fn with_rules(mut self, rules: crate::review::Rules) -> Self {
        self.rules = std::sync::Arc::new(rules);
        self.review = None;
        self.after_action();
        self
    }

    /// Sets text this wide, placed so (from the config).
    pub fn with_view(mut self, view: super::wide::View) -> Self {
        self.view = view;
        self
    }

    /// How wide text is set.
    pub fn view(&self) -> super::wide::View {
        self.view
    }

    /// The screen's size as last drawn.
    pub fn size(&self) -> ratatui::layout::Rect {
        self.size
    }

    /// Notes the screen's size (the event loop after each frame; tests before a click).
    pub fn set_size(&mut self, size: ratatui::layout::Rect) {
        self.size = size;
    }

    /// The review rules in force.
    pub fn rules(&self) -> &crate::review::Rules {
        &self.rules
    }

    /// Uses these saved answers (offered as defaults in Ctrl-R and F2, written on save).
    pub fn with_answers(mut self, answers: crate::answers::Session) -> Self {
        self.use_answers(answers);
        self
    }

    fn use_answers(&mut self, answers: crate::answers::Session) {
        if let Some(p) = answers.problem() {
            self.error(format!("Saved answers: {p}"));
        }
        self.answers = answers;
    }

    /// Opens the editor state with an explicit theme, reviewing as it goes (no event loop:
    /// tests and benches).
    pub fn with_theme(launch: Launch, theme: Theme) -> Self {
        Self::build(launch, theme, false)
    }

    fn build(launch: Launch, theme: Theme, deferred: bool) -> Self {
        let Launch { path, posting } = launch;
        let session = Session::new(posting, limits::UNDO_STEP_PAUSE);
        let saved = session.saved();
        let guard = guard::Guard::new(path.as_deref(), saved.len, saved.hash);
        let mut app = App {
            session,
            base: None,
            reading: false,
            path,
            parts: Vec::new(),
            panes: Vec::new(),
            focus: 0,
            outline: OutlineCache::default(),
            review: None,
            last_key: None,
            review_job: None,
            deferred,
            unfolded: None,
            pending: None,
            mode: Mode::Normal,
            message: None,
            theme,
            last_find: String::new(),
            last_save_as: String::new(),
            answers: crate::answers::Session::off(),
            rules: Default::default(),
            guard,
            clipboard: Default::default(),
            outbox: Vec::new(),
            view: Default::default(),
            size: ratatui::layout::Rect::new(0, 0, 80, 24),
            press: None,
        };
        app.outline = OutlineCache::of(app.session.posting());
        app.rebuild(None);
        app.after_action();
        app
    }

    /// Marks this state as the first screen of a large posting still being read (see
    /// [`crate::tui::Reading`]): the status line says so instead of counting, and no review
    /// is made.
    pub fn reading(mut self) -> Self {
        self.reading = true;
        self.deferred = true;
        self.review = None;
        self.info(format!("Reading {}…", self.file_name()));
        self
    }

    // ---- read access for drawing and tests ----

    /// Whether this is the first screen of a posting still being read.
    pub fn is_reading(&self) -> bool {
        self.reading
    }

    /// The posting as last folded: every edit, except (under the event loop) the focused
    /// pane's last keys until the fold after the frame, or for a large posting until a pause
    /// in typing. Its parts, sections and titles are always current (a pane's unfolded text
    /// never changes them).
    pub fn posting(&self) -> &Posting {
        self.session.posting()
    }

    /// Same as [`App::posting`] (what drawing shows).
    pub fn shown(&self) -> &Posting {
        self.session.posting()
    }

    /// The document session.
    pub fn session(&self) -> &Session {
        &self.session
    }

    /// Where Ctrl-S writes.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The parts shown as panes, in document order.
    pub fn panes(&self) -> &[Part] {
        &self.parts
    }

    /// Index of the focused pane.
    pub fn focus(&self) -> usize {
        self.focus
    }

    /// The focused pane.
    pub fn focused(&self) -> &Pane {
        self.panes[self.focus]
            .as_deref()
            .expect("the focused pane is built")
    }

    fn focused_mut(&mut self) -> &mut Pane {
        self.panes[self.focus]
            .as_deref_mut()
            .expect("the focused pane is built")
    }

    /// Whether the front matter is invalid YAML (as edited, when its pane is built).
    pub fn yaml_bad(&self) -> bool {
        match self.parts.iter().position(|p| *p == Part::FrontMatter) {
            Some(i) => match &self.panes[i] {
                Some(pane) => pane.yaml_error.is_some(),
                None => self
                    .posting()
                    .front_matter()
                    .is_some_and(|f| f.error.is_some()),
            },
            None => false,
        }
    }

    /// The smallest heading level of the posting's sections (1 when it has none).
    pub fn min_level(&self) -> u8 {
        self.outline.min_level
    }

    /// The longest outline label (indent included), in characters.
    pub fn longest_label(&self) -> usize {
        self.outline.longest
    }

    /// What has the keyboard.
    pub fn mode(&self) -> &Mode {
        &self.mode
    }

    /// The status-line message, if any.
    pub fn message(&self) -> Option<&Message> {
        self.message.as_ref()
    }

    /// The styles in use.
    pub fn theme(&self) -> Theme {
        self.theme
    }

    /// Whether there are unsaved changes.
    pub fn modified(&self) -> bool {
        self.unfolded.is_some() || self.pending.is_some() || self.session.modified()
    }

    /// The name the status line shows.
    pub fn file_name(&self) -> String {
        match &self.path {
            Some(p) => p
                .file_name()
                .map_or_else(|| p.display().to_string(), |n| n.to_string_lossy().into()),
            None => "[new posting]".into(),
        }
    }

    /// Unfilled placeholders in a part of the current posting.
    pub fn count_in(&self, part: Part) -> usize {
        match &self.unfolded {
            Some(u) if part == self.parts[self.focus] => self.outline.left_of(part, u.count),
            _ => self.outline.count(part),
        }
    }

    /// Unfilled placeholders in the whole posting, edits included.
    pub fn placeholders_left(&self) -> usize {
        let total = self.outline.total;
        match &self.unfolded {
            Some(_) => {
                let focus = self.parts[self.focus];
                total - self.outline.count(focus) + self.count_in(focus)
            }
            None => total,
        }
    }

    /// Bumped on every change of the session's posting.
    pub fn generation(&self) -> u64 {
        self.session.generation()
    }

    /// Whether the posting is large enough that whole-posting work waits for an idle pause.
    pub fn is_large(&self) -> bool {
        self.posting().text().len() >= LARGE
    }

    /// Whether the posting is so big that it is reviewed only on request (F3).
    pub fn is_huge(&self) -> bool {
        self.posting().text().len() >= HUGE
    }

    /// The last review made (possibly of a few keystrokes ago), or none yet.
    pub fn cached_review(&self) -> Option<std::rc::Rc<FileReview>> {
        self.review.as_ref().map(|c| c.review.clone())
    }

    /// Why the last review has no findings when it panicked (a bug in a rule).
    pub fn review_failure(&self) -> Option<&str> {
        self.review.as_ref().and_then(|c| c.failed.as_deref())
    }

    /// The parts the outline marks `!`: a warning or error other than a placeholder (those
    /// are counted already) in them, from [`App::cached_review`].
    pub fn flagged_parts(&self) -> &[Part] {
        self.review.as_ref().map_or(&[], |c| c.flagged.as_slice())
    }

    /// The saved answers in use.
    pub fn answers(&self) -> &crate::answers::Session {
        &self.answers
    }

    /// The saved answers, for the event loop to write after a save.
    pub fn answers_mut(&mut self) -> &mut crate::answers::Session {
        &mut self.answers
    }

    /// Where the event loop drew the focused pane's text (see `ui::ViewCache`).
    pub fn pane_drawn_at(&mut self, area: ratatui::layout::Rect) {
        if let Some(pane) = self.panes[self.focus].as_deref_mut() {
            pane.drawn_at(area);
        }
    }

    // ---- work after the frame ----

    /// Reviews and re-reads wait until after the frame (the event loop's way).
    pub fn defer_review(&mut self) {
        self.deferred = true;
    }

    /// Without the event loop, the model and the review follow every action.
    fn after_action(&mut self) {
        if self.deferred {
            return;
        }
        self.fold();
        if !self.is_large() {
            self.refresh_review();
        }
    }

    /// Makes the review current, now (small postings, and the review panel for any).
    fn refresh_review(&mut self) {
        if self.review_stale() {
            match self.guarded_review() {
                Ok(review) => self.keep_review(review),
                Err(e) => self.review_failed(e),
            }
        }
    }

    fn keep_review(&mut self, review: FileReview) {
        let flagged = review
            .findings
            .iter()
            .filter(|f| {
                f.rule != crate::review::RuleId::Placeholder
                    && f.severity >= crate::review::Severity::Warning
                    && !f.is_whole_posting()
            })
            .filter_map(|f| self.posting().part_at(self.finding_offset(f)))
            .collect();
        self.review = Some(ReviewCache {
            generation: self.generation(),
            review: std::rc::Rc::new(review),
            flagged,
            failed: None,
        });
    }

    fn review_stale(&self) -> bool {
        self.review
            .as_ref()
            .is_none_or(|c| c.generation != self.generation())
    }

    /// After a key's frame is on screen: folds a small posting's typed pane into the
    /// session (a large one folds in [`App::idle`]). Returns whether the counts on screen
    /// changed. The review waits for a pause in typing.
    pub fn fold_after_frame(&mut self) -> bool {
        if self.is_large() || (self.unfolded.is_none() && self.pending.is_none()) {
            return false;
        }
        let shown = |app: &App| (app.placeholders_left(), app.count_in(app.parts[app.focus]));
        let before = shown(self);
        self.fold();
        shown(self) != before
    }

    /// Idle work for the event loop, once no key came for [`IDLE`]: folds the typed pane
    /// in, and reviews the posting (a large one through [`Effect::Review`] on a worker, so
    /// keys are never kept waiting by it). Returns whether the screen needs drawing, and when
    /// to call again.
    pub fn idle(&mut self, now: Instant) -> (bool, Option<Duration>) {
        let poll = self.review_job.is_some().then_some(limits::REVIEW_POLL);
        let since = self
            .last_key
            .map_or(IDLE, |t| now.saturating_duration_since(t));
        if since < IDLE {
            let wait = IDLE - since;
            return (false, Some(poll.map_or(wait, |p| p.min(wait))));
        }
        let mut redraw = false;
        if self.unfolded.is_some() || self.pending.is_some() {
            self.fold();
            redraw = true;
        }
        if self.review_stale() && self.review_job.is_none() && !self.is_huge() {
            if self.is_large() {
                self.review_job = Some(self.generation());
                self.outbox.push(Effect::Review {
                    generation: self.generation(),
                    posting: Box::new(self.posting().clone()),
                    rules: self.rules.clone(),
                    name: self.file_name(),
                });
            } else {
                self.refresh_review();
                redraw = true;
            }
        }
        (
            redraw,
            self.review_job.is_some().then_some(limits::REVIEW_POLL),
        )
    }

    /// The effects asked for since the last call (by [`App::idle`]).
    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.outbox)
    }

    // ---- input ----

    /// Maps a key press to an action (by mode) and applies it. Releases and repeats of
    /// other kinds are ignored.
    pub fn handle_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        if key.kind != KeyEventKind::Press {
            return Vec::new();
        }
        if self.guard_dialog().is_some() {
            self.guard_key(key);
            self.after_action();
            return self.take_effects();
        }
        let action = match (&self.mode, keymap::lookup(&key)) {
            (Mode::Normal, Some(a)) => a,
            // The question has the keyboard (Esc included) until it is answered.
            (Mode::SaveAsk(_), Some(Action::Redraw)) => Action::Redraw,
            (Mode::SaveAsk(_), _) => Action::Input(key),
            (_, Some(a @ (Action::Escape | Action::Redraw))) => a,
            (Mode::Help(_), Some(Action::Help)) => Action::Help,
            (Mode::Review(_), Some(Action::Review)) => Action::Review,
            (Mode::Prompt(_) | Mode::Fill(_), Some(Action::Paste)) => Action::Paste,
            _ => Action::Input(key),
        };
        update(self, action)
    }

    /// Pasted text (bracketed paste): verbatim into the focused pane as one undo step, or
    /// into the open prompt or field. Focus never moves.
    pub fn handle_paste(&mut self, text: &str) -> Vec<Effect> {
        if self.guard_dialog().is_some() {
            return Vec::new();
        }
        self.paste(text);
        self.after_action();
        self.take_effects()
    }

    fn paste(&mut self, text: &str) {
        match &mut self.mode {
            Mode::Normal => self.paste_into_pane(text),
            Mode::Prompt(p) => p.paste(text),
            Mode::Fill(f) => f.paste(text),
            _ => {}
        }
    }

    /// A mouse event (click, drag, wheel): only the editor itself takes it, not a dialog,
    /// prompt or panel.
    pub fn handle_mouse(&mut self, event: ratatui::crossterm::event::MouseEvent) -> Vec<Effect> {
        if self.guard_dialog().is_some() || self.mode != Mode::Normal {
            return Vec::new();
        }
        update(self, Action::Mouse(event))
    }

    /// Saves to `path` (as Ctrl-S with that path typed at the Save-as prompt).
    pub fn save_as(&mut self, path: &Path, then_quit: bool) -> Vec<Effect> {
        self.save_to(path.to_path_buf(), then_quit);
        self.take_effects()
    }

    fn info(&mut self, text: impl Into<String>) {
        self.message = Some(Message::new(text, false));
    }

    /// Shows a failure in the status line (for the event loop's own errors).
    pub fn show_error(&mut self, text: impl Into<String>) {
        self.error(text);
    }

    fn error(&mut self, text: impl Into<String>) {
        self.message = Some(Message::new(text, true));
    }

    /// Notes that a key was handled: while there are unsaved changes the idle timers
    /// restart.
    pub fn touched(&mut self, now: Instant) {
        self.last_key = Some(now);
        self.guard_touched(now);
    }
}

/// Applies one action to the state; returns the effects the event loop must run.
pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    if !matches!(action, Action::Input(_) | Action::Redraw | Action::Mouse(_)) {
        app.message = None;
    }
    match action {
        Action::Save => {
            app.settle();
            match app.path.clone() {
                Some(path) => app.save_to(path, false),
                None => app.prompt(PromptKind::SavePath { then_quit: false }, ""),
            }
        }
        Action::Quit => {
            app.settle();
            if !app.modified() {
                app.outbox.push(Effect::Quit);
            } else {
                app.mode = Mode::Confirm(Confirm::Quit);
            }
        }
        Action::NextPane | Action::PrevPane => {
            app.settle();
            let n = app.parts.len();
            app.set_focus(if action == Action::NextPane {
                (app.focus + 1) % n
            } else {
                (app.focus + n - 1) % n
            });
        }
        Action::NextPlaceholder => app.jump_placeholder(true),
        Action::PrevPlaceholder => app.jump_placeholder(false),
        Action::Undo => app.undo_redo(true),
        Action::Redo => app.undo_redo(false),
        Action::Copy => app.copy(false),
        Action::Cut => app.copy(true),
        Action::Paste => match app.clipboard.text().map(str::to_string) {
            Some(text) => app.paste(&text),
            None => app.info("Nothing to paste yet: Ctrl-C or Ctrl-X copies first"),
        },
        Action::Find => {
            let last = app.last_find.clone();
            app.prompt(PromptKind::Find, &last);
        }
        Action::Redraw => app.outbox.push(Effect::Redraw),
        Action::Help => {
            app.mode = match app.mode {
                Mode::Help(_) => Mode::Normal,
                _ => Mode::Help(0),
            }
        }
        Action::Escape => {
            if app.mode == Mode::Normal {
                app.focused_mut().textarea.cancel_selection();
                let f = app.focus;
                app.refresh_highlight(f);
            }
            app.mode = Mode::Normal;
        }
        Action::RenameSection => {
            app.settle();
            match app.focused_section() {
                Some(i) => {
                    let title = app.posting().sections()[i].title.clone();
                    app.prompt(PromptKind::Rename(i), &title);
                }
                None => app.info("Only section headings can be renamed; Tab to a section"),
            }
        }
        Action::AddSection => {
            app.settle();
            let after = app.focused_section();
            let sections = app.posting().sections();
            let level = after
                .or(if sections.is_empty() { None } else { Some(0) })
                .map_or(2, |i| sections[i].level);
            app.prompt(PromptKind::AddSection { after, level }, "");
        }
        Action::DeleteSection => {
            app.settle();
            match app.focused_section() {
                Some(i) => app.mode = Mode::Confirm(Confirm::DeleteSection(i)),
                None => app.info("Only sections can be deleted; Tab to a section"),
            }
        }
        Action::FillEverywhere => app.open_fill_one(),
        Action::FillForm => app.open_fill_form(),
        Action::Review => app.toggle_review(),
        Action::EditExternally => app.edit_externally(),
        Action::Mouse(event) => app.mouse(event),
        Action::Input(key) => match app.mode.clone() {
            Mode::Normal => app.pane_key(key),
            Mode::Prompt(_) => app.prompt_key(key),
            Mode::Confirm(which) => app.confirm_key(which, key),
            Mode::Fill(_) => app.fill_key(key),
            Mode::SaveAsk(ask) => app.save_ask_key(&ask, key),
            Mode::Review(selected) => app.review_key(key, selected),
            Mode::Help(scroll) => {
                let scroll = match key.code {
                    KeyCode::Down | KeyCode::Char('j') => scroll.saturating_add(1),
                    KeyCode::Up | KeyCode::Char('k') => scroll.saturating_sub(1),
                    KeyCode::PageDown | KeyCode::Char(' ') => scroll.saturating_add(10),
                    KeyCode::PageUp => scroll.saturating_sub(10),
                    KeyCode::Home => 0,
                    KeyCode::Char('q') => {
                        app.mode = Mode::Normal;
                        return app.take_effects();
                    }
                    _ => scroll,
                };
                app.mode = Mode::Help(scroll.min(super::ui::help::max_scroll()));
            }
        },
    }
    app.after_action();
    app.take_effects()
}

/// Takes the result of an effect the event loop ran; returns further effects.
pub fn reply(app: &mut App, reply: Reply) -> Vec<Effect> {
    match reply {
        Reply::Saved {
            path,
            then_quit,
            result,
        } => app.saved(path, then_quit, result),
        Reply::DiskChanged {
            path,
            deleted,
            then_quit,
        } => app.disk_changed(path, deleted, then_quit),
        Reply::ReadOnly {
            path,
            then_quit,
            anyway,
        } => app.read_only(path, then_quit, anyway),
        Reply::Exists { path, then_quit } => app.exists(path, then_quit),
        Reply::Reloaded { path, result } => app.reloaded(&path, result),
        Reply::Removed { result } => app.recovery_removed(result),
        Reply::AnswersWritten(result) => app.answers_written(result),
        Reply::ReviewReady { generation, review } => {
            if app.review_job == Some(generation) {
                app.review_job = None;
            }
            if generation == app.generation() {
                match review {
                    Ok(review) => app.keep_review(*review),
                    Err(e) => app.review_failed(e),
                }
            }
        }
        Reply::Edited {
            part,
            generation,
            outcome,
        } => app.edited(part, generation, outcome),
    }
    app.after_action();
    app.take_effects()
}
