//! Editor state (`App`) and `update`: every key becomes an [`Action`], every action changes
//! the state and may ask the event loop for an [`Effect`]. No terminal I/O here.
//!
//! Model sync: each pane keeps a `TextArea` (built when the pane is first focused) over one
//! [`Part`] of `base`, the posting as it was when the pane got focus. After each edit
//! `posting = base.replace_part(part, text)`, so counts and the outline follow every
//! keystroke while the panes stay put. A large posting (over [`LARGE`]) instead re-scans only
//! the focused pane per key (its count and highlights follow at once) and folds the pane into
//! `posting` on leaving it, saving, filling, searching, reviewing, or after an idle pause.
//! When focus leaves the pane (Tab, Ctrl-N, save, section commands) the posting is
//! *settled*: it becomes the new `base`, and panes are rebuilt only if its parts changed
//! (e.g. a typed `## heading`). A pane whose lines equal its original lines never writes, so
//! untouched parts keep their exact bytes.

mod guard;

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::style::Style;
use ratatui_textarea::TextArea;

mod review;
mod window;

use super::Launch;
use super::action::{Action, Effect};
use super::keymap;
use crate::posting::block::BlockScan;
use crate::posting::frontmatter::validate;
use crate::posting::lines::{dominant_ending, split_lines};
use crate::posting::{Part, Posting, YamlError};
use crate::review::FileReview;
use crate::store;

/// From this size on, whole-posting work (the review) waits for an idle pause instead of
/// following every keystroke.
pub const LARGE: usize = 64 * 1024;
/// From this size on a posting is reviewed only when the review panel (F3) asks for it.
pub const HUGE: usize = 4 * 1024 * 1024;
/// The idle pause after the last key before whole-posting work runs.
pub const IDLE: Duration = Duration::from_millis(300);
/// How often the event loop looks for a finished worker review.
const REVIEW_POLL: Duration = Duration::from_millis(50);

/// A review and the parts it flags in the outline, for one generation of the posting.
struct ReviewCache {
    generation: u64,
    review: std::rc::Rc<FileReview>,
    flagged: std::rc::Rc<Vec<Part>>,
}

/// The focused pane's placeholders while its text is not folded into `posting` (they are
/// kept per block in the pane's [`BlockScan`]).
#[derive(Debug)]
struct Unfolded {
    /// Unfilled placeholders in the pane.
    count: usize,
}

/// Per-posting figures the outline and panes show on every frame, computed once per change
/// in one pass over the placeholders and sections.
#[derive(Debug, Default)]
struct OutlineCache {
    front_matter: usize,
    preamble: usize,
    sections: Vec<usize>,
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
        for p in posting.placeholders() {
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
                s.title.chars().count()
            };
            c.longest = c.longest.max(indent + title);
        }
        c
    }

    fn count(&self, part: Part) -> usize {
        match part {
            Part::FrontMatter => self.front_matter,
            Part::Preamble => self.preamble,
            Part::Section(i) => self.sections.get(i).copied().unwrap_or(0),
        }
    }
}

pub use guard::{GuardDialog, Pending};

pub use super::ui::theme::{Theme, visible};

/// One editable part of the posting, shown as a text pane.
pub struct Pane {
    /// Which part of `base` it edits.
    pub part: Part,
    /// The editor widget state: the part's lines, or for a big part a window of them
    /// (rows count from [`Pane::top`]; see `window.rs`).
    pub textarea: TextArea<'static>,
    /// The lines above the window.
    above: Vec<String>,
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

/// What a one-line prompt is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromptKind {
    /// Path for Ctrl-S when the posting has none.
    SavePath {
        /// Quit after saving (from the quit dialog).
        then_quit: bool,
    },
    /// Ctrl-F text.
    Find,
    /// New title for section `n`.
    Rename(usize),
    /// Title of a new section.
    AddSection {
        /// Insert after this section (`None`: after the header).
        after: Option<usize>,
        /// Heading level.
        level: u8,
    },
}

impl PromptKind {
    /// The label before the input.
    pub fn label(&self) -> &'static str {
        match self {
            PromptKind::SavePath { .. } => "Save as: ",
            PromptKind::Find => "Find: ",
            PromptKind::Rename(_) => "Rename heading: ",
            PromptKind::AddSection { .. } => "New section title: ",
        }
    }

    /// The keys the prompt reacts to, shown after the input.
    pub fn keys(&self) -> &'static str {
        match self {
            PromptKind::Find => "Enter next · Esc close",
            _ => "Enter ok · Esc cancel",
        }
    }
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
    Prompt {
        /// What it asks for.
        kind: PromptKind,
        /// What was typed.
        input: String,
    },
    /// A dialog box.
    Confirm(Confirm),
    /// The Ctrl-R fill prompt or the F2 fill form.
    Fill(super::fill::Fill),
    /// The review panel (F3), with the selected finding.
    Review(usize),
}

/// A status-line message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// The text.
    pub text: String,
    /// Whether it reports a failure.
    pub error: bool,
}

/// A posting state for undoing section commands.
#[derive(Debug, Clone)]
struct Snapshot {
    text: String,
    focus: Part,
    /// Where the cursor goes when the snapshot comes back (byte offset), if not the
    /// focused part's start.
    at: Option<usize>,
}

/// The whole editor state.
pub struct App {
    /// The posting when the focused pane got focus; `None` while it equals `posting` (no
    /// second copy of a large posting until the first edit).
    base: Option<Posting>,
    posting: Posting,
    /// Drawn from the beginning of a large posting while the whole is still being read:
    /// counts that the rest could change are not shown.
    reading: bool,
    /// Length and [`store::content_hash`] of the text the file holds (not a copy of it: a
    /// 10 MB posting should not cost 20 MB).
    saved: (usize, u128),
    /// Whether `posting` differs from what was saved, for one generation: the status line
    /// and the event loop ask on every frame, and for a big posting the hash reads it all.
    differs_from_saved: std::cell::Cell<Option<(u64, bool)>>,
    path: Option<PathBuf>,
    /// The parts of `base` shown as panes, in document order.
    parts: Vec<Part>,
    /// The panes built so far, indexed like `parts`: a pane's `TextArea` is built when it
    /// is first focused (a 10 MB posting has some 28,000 parts), and kept for its undo
    /// history until the parts change. The focused pane is always built.
    panes: Vec<Option<Box<Pane>>>,
    focus: usize,
    /// Bumped on every change of `posting`: the key of the caches below.
    generation: u64,
    /// Unfilled placeholders per part and the longest outline label, for `posting`.
    outline: OutlineCache,
    /// The review of `posting` at some generation (computed on demand for small postings,
    /// after an idle pause for large ones: see [`App::idle`]).
    review_cache: std::cell::RefCell<Option<ReviewCache>>,
    /// When the last key arrived (for idle work).
    last_key: Option<Instant>,
    /// A large posting's review running on a worker thread, for this generation.
    review_job: Option<(u64, std::sync::mpsc::Receiver<FileReview>)>,
    /// Drawing never reviews: the event loop draws first and reviews after (see
    /// [`App::defer_review`]).
    review_deferred: bool,
    /// A large posting's focused pane as typed but not yet folded into `posting` (see
    /// [`App::fold`]): per key only that pane is re-scanned.
    unfolded: Option<Unfolded>,
    /// `posting` with `unfolded` folded in, made when [`App::posting`] is asked for it.
    folded: std::cell::OnceCell<Posting>,
    mode: Mode,
    message: Option<Message>,
    theme: Theme,
    undo: Vec<Snapshot>,
    redo: Vec<Snapshot>,
    last_find: String,
    answers: crate::answers::Session,
    /// The review rules in force (the user's and the team's config).
    rules: std::sync::Arc<crate::review::Rules>,
    guard: guard::Guard,
    /// The outline as last drawn, keyed by what it showed (see `ui/outline.rs`).
    outline_drawn: std::cell::RefCell<Option<(u64, ratatui::buffer::Buffer)>>,
}

impl App {
    /// Opens the editor state for a posting; colours follow `NO_COLOR`.
    pub fn new(launch: Launch) -> Self {
        let dir = launch.path.as_deref().and_then(Path::parent);
        let answers = crate::answers::Session::discover(dir);
        Self::with_theme(launch, Theme::from_env()).with_answers(answers)
    }

    /// Reviews with these rules (from the user's and the team's config).
    pub fn with_rules(mut self, rules: crate::review::Rules) -> Self {
        self.rules = std::sync::Arc::new(rules);
        self
    }

    /// The review rules in force.
    pub fn rules(&self) -> &crate::review::Rules {
        &self.rules
    }

    /// Uses these saved answers (offered as defaults in Ctrl-R and F2, written on save).
    pub fn with_answers(mut self, answers: crate::answers::Session) -> Self {
        if let Some(p) = answers.problem() {
            self.error(format!("Saved answers: {p}"));
        }
        self.answers = answers;
        self
    }

    /// Opens the editor state with an explicit theme.
    pub fn with_theme(launch: Launch, theme: Theme) -> Self {
        let Launch { path, posting } = launch;
        let saved = (
            posting.text().len(),
            store::content_hash(posting.text().as_bytes()),
        );
        let guard = guard::Guard::new(path.as_deref(), saved.0, saved.1);
        let mut app = App {
            base: None,
            reading: false,
            saved,
            differs_from_saved: std::cell::Cell::new(None),
            posting,
            path,
            parts: Vec::new(),
            panes: Vec::new(),
            focus: 0,
            generation: 0,
            outline: OutlineCache::default(),
            review_cache: Default::default(),
            last_key: None,
            review_deferred: false,
            review_job: None,
            unfolded: None,
            folded: Default::default(),
            mode: Mode::Normal,
            message: None,
            theme,
            undo: Vec::new(),
            redo: Vec::new(),
            last_find: String::new(),
            answers: crate::answers::Session::off(),
            rules: Default::default(),
            guard,
            outline_drawn: Default::default(),
        };
        app.outline = OutlineCache::of(&app.posting);
        app.rebuild(None);
        app
    }

    /// Marks this state as the first screen of a large posting still being read (see
    /// [`crate::tui::Reading`]): the status line says so instead of counting, and no review
    /// is made.
    pub fn reading(mut self) -> Self {
        self.reading = true;
        // No review either: its `!` marks could change with the rest, and making one would
        // cost the first frame time and ~2 MB of high-water memory on a 10 MB posting.
        self.review_deferred = true;
        self.info(format!("Reading {}…", self.file_name()));
        self
    }

    // ---- read access for drawing and tests ----

    /// Whether this is the first screen of a posting still being read.
    pub fn is_reading(&self) -> bool {
        self.reading
    }

    /// The posting with every edit so far (for a large posting whose pane is being typed
    /// in, made on demand by folding the pane in: drawing uses [`App::shown`]).
    pub fn posting(&self) -> &Posting {
        match &self.unfolded {
            Some(_) => self.folded.get_or_init(|| {
                self.base()
                    .replace_part(self.parts[self.focus], &self.focused_text())
            }),
            None => &self.posting,
        }
    }

    /// The posting as last folded: its parts, sections and titles are those of
    /// [`App::posting`] (a pane's unfolded text never changes them); offsets after the
    /// focused pane may lag until the next fold.
    pub fn shown(&self) -> &Posting {
        &self.posting
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
                    .posting
                    .front_matter()
                    .is_some_and(|f| f.error.is_some()),
            },
            None => false,
        }
    }

    /// The outline as last drawn and the key of what it showed (drawing keeps it, so a
    /// frame whose outline shows the same rows copies it instead of laying it out again).
    pub fn outline_drawn(&self) -> &std::cell::RefCell<Option<(u64, ratatui::buffer::Buffer)>> {
        &self.outline_drawn
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
        if self.unfolded.is_some() {
            return true;
        }
        if let Some((generation, differs)) = self.differs_from_saved.get()
            && generation == self.generation
        {
            return differs;
        }
        let text = self.posting.text();
        let differs =
            text.len() != self.saved.0 || store::content_hash(text.as_bytes()) != self.saved.1;
        self.differs_from_saved
            .set(Some((self.generation, differs)));
        differs
    }

    /// The posting as it is now is what the file holds.
    fn mark_saved(&mut self) {
        let text = self.posting.text();
        self.saved = (text.len(), store::content_hash(text.as_bytes()));
        self.differs_from_saved.set(None);
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
            Some(u) if part == self.parts[self.focus] => u.count,
            _ => self.outline.count(part),
        }
    }

    /// Unfilled placeholders in the whole posting, edits included.
    pub fn placeholders_left(&self) -> usize {
        let total = self.posting.placeholders().len();
        match &self.unfolded {
            Some(u) => total - self.outline.count(self.parts[self.focus]) + u.count,
            None => total,
        }
    }

    /// Folds the focused pane's unfolded text into `posting` (when leaving the pane, saving,
    /// searching, reviewing, or after an idle pause).
    fn fold(&mut self) {
        if self.unfolded.take().is_some() {
            let part = self.parts[self.focus];
            let new = self
                .folded
                .take()
                .unwrap_or_else(|| self.base().replace_part(part, &self.focused_text()));
            self.set_posting(new);
        }
    }

    /// Replaces `posting` (every change goes through here, so the caches follow).
    fn set_posting(&mut self, posting: Posting) {
        let old = std::mem::replace(&mut self.posting, posting);
        // The first change since `posting` became the base keeps the old one as the base.
        if self.base.is_none() {
            self.base = Some(old);
        }
        self.generation += 1;
        self.outline = OutlineCache::of(&self.posting);
    }

    /// Bumped on every change of [`App::posting`].
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// The posting as it was when the focused pane got focus (see the module comment).
    fn base(&self) -> &Posting {
        self.base.as_ref().unwrap_or(&self.posting)
    }

    /// Makes `posting` the base again, dropping the edits since.
    fn revert_to_base(&mut self) {
        if let Some(base) = self.base.take() {
            self.posting = base;
            self.generation += 1;
            self.outline = OutlineCache::of(&self.posting);
        }
    }

    /// Whether the posting is large enough that whole-posting work waits for an idle pause.
    pub fn is_large(&self) -> bool {
        self.posting.text().len() >= LARGE
    }

    /// Whether the posting is so big that it is reviewed only on request (F3): reviewing
    /// 10 MB takes about a second of CPU and roughly ten times the posting's size in memory.
    pub fn is_huge(&self) -> bool {
        self.posting.text().len() >= HUGE
    }

    /// The review of the posting for drawing: current for small postings (and when `fresh`),
    /// else the last one computed (possibly a few keystrokes old), or none yet.
    pub fn cached_review(&self, fresh: bool) -> Option<std::rc::Rc<FileReview>> {
        self.cached(fresh).map(|c| c.0)
    }

    /// The parts the outline marks `!`: a warning or error other than a placeholder (those
    /// are counted already) in them, from the review [`App::cached_review`] gives.
    pub fn flagged_parts(&self) -> std::rc::Rc<Vec<Part>> {
        self.cached(false).map(|c| c.1).unwrap_or_default()
    }

    fn cached(&self, fresh: bool) -> Option<(std::rc::Rc<FileReview>, std::rc::Rc<Vec<Part>>)> {
        let mut cache = self.review_cache.borrow_mut();
        let stale = self.review_stale_in(cache.as_ref());
        if stale && (fresh || !(self.is_large() || self.review_deferred)) {
            *cache = Some(self.review_cache_of(self.review()));
        }
        cache
            .as_ref()
            .map(|c| (c.review.clone(), c.flagged.clone()))
    }

    /// A review of the current posting with the parts it flags.
    fn review_cache_of(&self, review: FileReview) -> ReviewCache {
        let flagged = review
            .findings
            .iter()
            .filter(|f| {
                f.rule != crate::review::RuleId::Placeholder
                    && f.severity >= crate::review::Severity::Warning
                    && !f.is_whole_posting()
            })
            .filter_map(|f| self.posting.part_at(self.finding_offset(f)))
            .collect();
        ReviewCache {
            generation: self.generation,
            review: std::rc::Rc::new(review),
            flagged: std::rc::Rc::new(flagged),
        }
    }

    fn review_stale_in(&self, cache: Option<&ReviewCache>) -> bool {
        cache.is_none_or(|c| c.generation != self.generation)
    }

    fn review_stale(&self) -> bool {
        self.review_stale_in(self.review_cache.borrow().as_ref())
    }

    /// Drawing shows the last review instead of making one (the event loop reviews after a
    /// pause in typing, in [`App::idle`]).
    pub fn defer_review(&mut self) {
        self.review_deferred = true;
    }

    /// After a key's frame is on screen: folds a small posting's typed pane into the model
    /// (see [`App::sync_focused`]; a large one folds in [`App::idle`]). Returns whether the
    /// counts on screen changed. The review waits for a pause in typing too: run after every
    /// key it took a fifth of a keystroke's time and pushed the editor's own code out of the
    /// caches before the next key.
    pub fn fold_after_frame(&mut self) -> bool {
        if self.is_large() || self.unfolded.is_none() {
            return false;
        }
        let shown = |app: &App| (app.placeholders_left(), app.count_in(app.parts[app.focus]));
        let before = shown(self);
        self.fold();
        shown(self) != before
    }

    /// Idle work for the event loop, once no key came for [`IDLE`]: folds the typed pane
    /// in, and reviews the posting (a large one on a worker thread, so keys are never kept
    /// waiting by it). Returns whether the screen needs drawing, and when to call again.
    pub fn idle(&mut self, now: Instant) -> (bool, Option<Duration>) {
        let mut redraw = self.collect_review();
        let poll = self.review_job.is_some().then_some(REVIEW_POLL);
        let since = self
            .last_key
            .map_or(IDLE, |t| now.saturating_duration_since(t));
        if since < IDLE {
            let wait = IDLE - since;
            return (redraw, Some(poll.map_or(wait, |p| p.min(wait))));
        }
        if self.unfolded.is_some() {
            self.fold();
            redraw = true;
        }
        if self.review_stale() && self.review_job.is_none() && !self.is_huge() {
            if self.is_large() {
                self.spawn_review();
            } else {
                self.cached_review(true);
                redraw = true;
            }
        }
        (redraw, self.review_job.is_some().then_some(REVIEW_POLL))
    }

    /// Starts reviewing a copy of the posting on a worker thread.
    fn spawn_review(&mut self) {
        let posting = self.posting.clone();
        let rules = self.rules.clone();
        let name = self.file_name();
        let (tx, rx) = std::sync::mpsc::channel();
        let started = std::thread::Builder::new()
            .name("jobpost-review".into())
            .spawn(move || {
                let _ = tx.send(crate::review::review_with(name, &posting, &rules));
            });
        match started {
            Ok(_) => self.review_job = Some((self.generation, rx)),
            Err(_) => {
                self.cached_review(true);
            }
        }
    }

    /// Takes a finished worker review; true if it is of the current posting (kept).
    fn collect_review(&mut self) -> bool {
        let Some((generation, rx)) = &self.review_job else {
            return false;
        };
        let generation = *generation;
        match rx.try_recv() {
            Ok(review) => {
                self.review_job = None;
                if generation == self.generation {
                    let cache = self.review_cache_of(review);
                    *self.review_cache.borrow_mut() = Some(cache);
                    return true;
                }
                false
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => false,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                self.review_job = None;
                false
            }
        }
    }

    // ---- input ----

    /// Maps a key press to an action (by mode) and applies it. Releases and repeats of
    /// other kinds are ignored.
    pub fn handle_key(&mut self, key: KeyEvent) -> Option<Effect> {
        if key.kind != KeyEventKind::Press {
            return None;
        }
        if self.guard_dialog().is_some() {
            return self.guard_key(key);
        }
        let action = match (&self.mode, keymap::lookup(&key)) {
            (Mode::Normal, Some(a)) => a,
            (_, Some(a @ (Action::Escape | Action::Redraw))) => a,
            (Mode::Help(_), Some(Action::Help)) => Action::Help,
            (Mode::Review(_), Some(Action::Review)) => Action::Review,
            _ => Action::Input(key),
        };
        update(self, action)
    }

    /// Runs a save (the event loop calls this for [`Effect::Save`]); returns
    /// [`Effect::Quit`] when the save worked and was asked to quit. A file changed on disk
    /// since it was loaded is not overwritten without asking.
    pub fn save(&mut self, path: &Path, then_quit: bool) -> Option<Effect> {
        self.settle();
        if !self.disk_allows_save(path, then_quit) {
            return None;
        }
        self.write_to(path, then_quit)
    }

    /// Writes the posting to `path`; a failure keeps every edit and says why.
    fn write_to(&mut self, path: &Path, then_quit: bool) -> Option<Effect> {
        match store::write_atomic(path, self.posting.text().as_bytes()) {
            Ok(()) => {
                self.path = Some(path.to_path_buf());
                self.mark_saved();
                self.saved_to(path);
                self.info(format!("Saved {}", self.file_name()));
                self.flush_answers();
                then_quit.then_some(Effect::Quit)
            }
            Err(e) => {
                let hint = e.hint().map(|h| format!(" ({h})")).unwrap_or_default();
                self.error(format!("Not saved: {e}{hint}"));
                None
            }
        }
    }

    fn info(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: false,
        });
    }

    /// Shows a failure in the status line (for the event loop's own errors).
    pub fn show_error(&mut self, text: impl Into<String>) {
        self.error(text);
    }

    fn error(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: true,
        });
    }

    // ---- model sync ----

    fn make_pane(&self, part: Part) -> Pane {
        let text = self.posting.part_text(part);
        let ending = if text.contains('\n') {
            dominant_ending(text)
        } else {
            self.posting.line_ending()
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

    /// Rebuilds every pane from `posting` (which becomes `base`), focusing the part that
    /// holds byte `at` (cursor placed there) or the first pane.
    fn rebuild(&mut self, at: Option<usize>) {
        self.base = None;
        self.parts = self.posting.parts();
        self.panes = std::iter::repeat_with(|| None)
            .take(self.parts.len())
            .collect();
        self.set_focus(0);
        if let Some(at) = at {
            self.focus_offset(at);
        }
    }

    /// Focuses pane `i`, building it if it was never shown, and highlights its placeholders.
    fn set_focus(&mut self, i: usize) {
        self.focus = i;
        if self.panes[i].is_none() {
            self.panes[i] = Some(Box::new(self.make_pane(self.parts[i])));
        }
        self.refresh_highlight(i);
    }

    /// Focuses the pane whose range holds byte `at` (the nearest one before it when `at`
    /// is in a heading) and puts the cursor there.
    fn focus_offset(&mut self, at: usize) {
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

    /// Puts the focused pane's cursor at (row, col) of its lines, selecting from `anchor`
    /// when given; a windowed pane's window moves there first if it must.
    fn place_cursor(&mut self, cursor: (usize, usize), anchor: Option<(usize, usize)>) {
        let rows = match anchor {
            Some(a) => a.0.min(cursor.0)..a.0.max(cursor.0) + 1,
            None => cursor.0..cursor.0 + 1,
        };
        if self.focused().window_moves_for(rows.clone()) {
            self.keep_window_edits();
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

    /// Before a windowed pane's window moves (its text area's undo history goes with it),
    /// the edits made in it become one step of the editor's own undo.
    fn keep_window_edits(&mut self) {
        let pane = self.focused();
        if !pane.window_edited() {
            return;
        }
        let before = self
            .base()
            .replace_part(pane.part, &pane.text_before_window());
        // Both texts share everything up to the window's first edited line: the cursor
        // goes back there.
        let top = pane.top();
        let first = pane
            .textarea
            .lines()
            .iter()
            .zip(pane.window_base.iter().flatten())
            .take_while(|(a, b)| a == b)
            .count();
        let at = self.pane_range(self.focus).start
            + pane
                .all_lines()
                .take(top + first)
                .map(|l| l.len() + pane.ending.len())
                .sum::<usize>();
        self.undo.push(Snapshot {
            text: before.text().to_string(),
            focus: pane.part,
            at: Some(at),
        });
        self.redo.clear();
    }

    /// After a key, moves a windowed pane's window when the cursor nears one of its edges.
    fn follow_cursor(&mut self) {
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
            self.keep_window_edits();
            self.focused_mut().move_window(rows, cursor, anchor);
            // The placeholders it shows moved with it.
            self.refresh_highlight(self.focus);
        }
    }

    /// Byte range of pane `i` in `base` (and, after settling, in `posting`).
    fn pane_range(&self, i: usize) -> Range<usize> {
        self.base().part_range(self.parts[i]).unwrap_or(0..0)
    }

    /// The focused pane's text as it would be written.
    fn focused_text(&self) -> String {
        self.focused().text()
    }

    /// Writes the focused pane's text into `posting` (from `base`), updating counts.
    /// `edit` is the pane's old lines the edit replaced and how many lines replace them,
    /// when known. In a large posting only the edited blocks are re-scanned and the pane is
    /// folded into `posting` later (see [`App::fold`]); so too in a small one under the
    /// event loop (which defers reviews), which folds it in right after the key's frame is
    /// on screen ([`App::fold_after_frame`]): the model's re-read is off the keystroke's path.
    fn sync_focused(&mut self, edit: Option<(Range<usize>, usize)>) {
        self.unfolded = None;
        self.folded.take();
        if (self.is_large() || self.review_deferred) && self.sync_unfolded(edit) {
            self.refresh_highlight(self.focus);
            return;
        }
        let pane = self.focused();
        let part = pane.part;
        // (A block scan stays right for the pane's lines when they are the base's again.)
        if pane.lines_are_base() {
            let yaml_error = (part == Part::FrontMatter)
                .then(|| validate(self.base().part_text(Part::FrontMatter)).err())
                .flatten();
            self.focused_mut().yaml_error = yaml_error;
            self.revert_to_base();
        } else {
            self.focused_mut().blocks = None;
            let pane = self.focused();
            let text = pane.text();
            if part == Part::FrontMatter {
                let yaml_error = validate(&text).err();
                self.focused_mut().yaml_error = yaml_error;
            }
            let new = self.base().replace_part(part, &text);
            self.set_posting(new);
        }
        self.refresh_highlight(self.focus);
    }

    /// A large posting's keystroke: re-scans only the blocks of the focused pane the edit
    /// touched (no copy of the pane or the posting); false when only a full re-read tells
    /// (e.g. a typed heading).
    fn sync_unfolded(&mut self, edit: Option<(Range<usize>, usize)>) -> bool {
        let part = self.parts[self.focus];
        let base = self.base.as_ref().unwrap_or(&self.posting);
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

    /// Makes `posting` the new `base`; rebuilds the panes if its parts changed.
    fn settle(&mut self) {
        self.fold();
        if self.posting.text() == self.base().text() {
            return;
        }
        let same_parts = self.posting.parts() == self.base().parts();
        if same_parts {
            let part = self.parts[self.focus];
            let lines = split_lines(self.posting.part_text(part));
            self.focused_mut().set_base_lines(lines);
            self.base = None;
            self.refresh_highlight(self.focus);
        } else {
            let at = self.cursor_offset();
            self.undo.push(Snapshot {
                text: self.base().text().to_string(),
                focus: self.parts[self.focus],
                at: None,
            });
            self.rebuild(Some(at));
        }
    }

    /// Byte offset in `posting` of (row, col) of the focused pane.
    fn offset_of(&self, row: usize, col: usize) -> usize {
        let pane = self.focused();
        let start = self.pane_range(self.focus).start;
        let mut off = start;
        for l in pane.all_lines().take(row) {
            off += l.len() + pane.ending.len();
        }
        if row < crate::posting::block::Lines::count(pane) {
            let l = crate::posting::block::Lines::line(pane, row);
            off += l.char_indices().nth(col).map_or(l.len(), |(i, _)| i);
        }
        let text = self.posting.text();
        let mut off = off.min(text.len());
        while !text.is_char_boundary(off) {
            off -= 1;
        }
        off
    }

    fn cursor_offset(&self) -> usize {
        let c = self.focused().cursor();
        self.offset_of(c.0, c.1)
    }

    /// (row, col in chars) of byte `at` of `base` inside pane `i`.
    fn row_col(&self, i: usize, at: usize) -> (usize, usize) {
        let r = self.pane_range(i);
        let at = at.clamp(r.start, r.end);
        let before = &self.base().text()[r.start..at];
        let row = before.matches('\n').count();
        let line_start = before.rfind('\n').map_or(0, |p| p + 1);
        let col = before[line_start..].trim_end_matches('\r').chars().count();
        (row, col)
    }

    /// Sets pane `i`'s search pattern to its placeholders' texts, so they are highlighted
    /// (the selected text is left out so the selection shows).
    fn refresh_highlight(&mut self, i: usize) {
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
                let (text, all) = (self.posting.text(), self.posting.placeholders());
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

    // ---- commands ----

    fn select_range(&mut self, pane: usize, span: Range<usize>) {
        self.set_focus(pane);
        let (r0, c0) = self.row_col(pane, span.start);
        let (r1, c1) = self.row_col(pane, span.end);
        self.place_cursor((r1, c1), Some((r0, c0)));
        self.refresh_highlight(pane);
    }

    /// Pane index whose range holds `span` entirely.
    fn pane_holding(&self, span: &Range<usize>) -> Option<usize> {
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
    fn selection_offsets(&self) -> (usize, usize) {
        match self.focused().selection() {
            Some(((r0, c0), (r1, c1))) => (self.offset_of(r0, c0), self.offset_of(r1, c1)),
            None => {
                let c = self.cursor_offset();
                (c, c)
            }
        }
    }

    fn jump_placeholder(&mut self, forward: bool) {
        self.settle();
        let spans: Vec<Range<usize>> = self
            .posting
            .placeholders()
            .iter()
            .map(|p| p.span.clone())
            .filter(|s| self.pane_holding(s).is_some())
            .collect();
        let total = self.posting.placeholders().len();
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
        self.select_range(pane, span.clone());
        let what = visible(&self.posting.text()[span]);
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
        let hay = self.posting.text().to_ascii_lowercase();
        let needle = query.to_ascii_lowercase();
        let (_, from) = self.selection_offsets();
        let matches: Vec<Range<usize>> = hay
            .match_indices(&needle)
            .map(|(i, m)| i..i + m.len())
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
                self.select_range(pane, r);
                let n = matches.len();
                let wrap = if wrapped { ", wrapped" } else { "" };
                self.info(format!("{n} match{}{wrap}", if n == 1 { "" } else { "es" }));
            }
            None => self.error(format!("Not found: {}", visible(query))),
        }
    }

    fn structural(&mut self, new: Posting, focus: Part) {
        self.undo.push(Snapshot {
            text: self.posting.text().to_string(),
            focus: self.parts[self.focus],
            at: None,
        });
        self.redo.clear();
        self.set_posting(new);
        self.rebuild(None);
        self.focus_part(focus);
    }

    fn focus_part(&mut self, part: Part) {
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

    fn restore(&mut self, snap: Snapshot) -> Snapshot {
        let here = Snapshot {
            text: self.posting.text().to_string(),
            focus: self.parts[self.focus],
            at: snap.at,
        };
        self.set_posting(Posting::parse_with(
            snap.text,
            self.posting.options().clone(),
        ));
        self.rebuild(None);
        match snap.at {
            Some(at) if at <= self.posting.text().len() => self.focus_offset(at),
            _ => self.focus_part(snap.focus),
        }
        here
    }

    fn undo_redo(&mut self, undo: bool) {
        let ta = &mut self.focused_mut().textarea;
        let done = if undo { ta.undo() } else { ta.redo() };
        if done {
            self.sync_focused(None);
            return;
        }
        self.settle();
        let stack = if undo { &mut self.undo } else { &mut self.redo };
        match stack.pop() {
            Some(snap) => {
                let here = self.restore(snap);
                if undo {
                    self.redo.push(here);
                } else {
                    self.undo.push(here);
                }
                self.info(if undo { "Undone" } else { "Redone" });
            }
            None => self.info(if undo {
                "Nothing to undo"
            } else {
                "Nothing to redo"
            }),
        }
    }

    fn focused_section(&self) -> Option<usize> {
        match self.parts[self.focus] {
            Part::Section(i) => Some(i),
            _ => None,
        }
    }

    fn prompt(&mut self, kind: PromptKind, input: impl Into<String>) {
        self.mode = Mode::Prompt {
            kind,
            input: input.into(),
        };
    }

    fn prompt_enter(&mut self, kind: PromptKind, input: String) -> Option<Effect> {
        let value = input.trim().to_string();
        match kind {
            PromptKind::Find => {
                self.last_find = input.clone();
                self.find_next(&input);
                return None;
            }
            _ if value.is_empty() => {
                self.error("Type something first, or Esc to cancel");
                return None;
            }
            PromptKind::SavePath { then_quit } => {
                self.mode = Mode::Normal;
                return Some(Effect::Save {
                    path: PathBuf::from(value),
                    then_quit,
                });
            }
            PromptKind::Rename(i) => {
                let new = self.posting.rename_section(i, &value);
                self.structural(new, Part::Section(i));
                self.info(format!("Renamed to {}", visible(&value)));
            }
            PromptKind::AddSection { after, level } => {
                let index = after.map_or(0, |i| i + 1);
                let new = self.posting.insert_section(after, level, &value);
                // Room to type: a blank line under the heading, the cursor's line, and a
                // blank line before the next heading.
                let e = new.line_ending();
                let more =
                    new.part_range(Part::Section(index)).map(|r| r.end) < Some(new.text().len());
                let body = if more { e.repeat(3) } else { e.repeat(2) };
                let new = new.replace_part(Part::Section(index), &body);
                self.structural(new, Part::Section(index));
                self.place_cursor((1, 0), None);
                self.info(format!("Added {}", visible(&value)));
            }
        }
        self.mode = Mode::Normal;
        None
    }

    fn prompt_key(&mut self, key: KeyEvent) -> Option<Effect> {
        let Mode::Prompt { kind, input } = &mut self.mode else {
            return None;
        };
        match key.code {
            KeyCode::Enter => {
                let (kind, input) = (kind.clone(), input.clone());
                return self.prompt_enter(kind, input);
            }
            KeyCode::Backspace => {
                input.pop();
            }
            KeyCode::Char('u') if key.modifiers.contains(KeyModifiers::CONTROL) => input.clear(),
            KeyCode::Char(c)
                if !key
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
                    && !c.is_control() =>
            {
                input.push(c)
            }
            _ => {}
        }
        None
    }

    fn confirm_key(&mut self, which: Confirm, key: KeyEvent) -> Option<Effect> {
        let KeyCode::Char(c) = key.code else {
            return None;
        };
        match (which, c.to_ascii_lowercase()) {
            (Confirm::Quit, 's') => {
                self.mode = Mode::Normal;
                match self.path.clone() {
                    Some(path) => Some(Effect::Save {
                        path,
                        then_quit: true,
                    }),
                    None => {
                        self.prompt(PromptKind::SavePath { then_quit: true }, "");
                        None
                    }
                }
            }
            (Confirm::Quit, 'd') => {
                self.discard_recovery();
                Some(Effect::Quit)
            }
            (Confirm::DeleteSection(i), 'y') => {
                self.mode = Mode::Normal;
                let title = self.posting.sections().get(i).map(|s| s.title.clone());
                let new = self.posting.remove_section(i);
                self.structural(new, Part::Section(i));
                self.info(format!("Deleted {}", visible(&title.unwrap_or_default())));
                None
            }
            (Confirm::DeleteSection(_), 'n') => {
                self.mode = Mode::Normal;
                None
            }
            _ => None,
        }
    }

    fn pane_key(&mut self, key: KeyEvent) {
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
            self.place_cursor((row, col), anchor);
            self.refresh_highlight(self.focus);
            return;
        }
        let top = self.focused().top();
        let ta = &self.focused().textarea;
        let before = (ta.cursor(), ta.selection_range(), ta.lines().len());
        let changed = self.focused_mut().textarea.input(key);
        if changed {
            self.redo.clear();
            let ta = &self.focused().textarea;
            let (old, new_len) = edited_lines(before, ta.cursor().0, ta.lines().len());
            self.sync_focused(Some((old.start + top..old.end + top, new_len)));
        } else {
            self.refresh_highlight(self.focus);
        }
        self.follow_cursor();
    }
}

/// Applies one action to the state; returns the side effect the event loop must run.
pub fn update(app: &mut App, action: Action) -> Option<Effect> {
    if !matches!(action, Action::Input(_) | Action::Redraw) {
        app.message = None;
    }
    match action {
        Action::Save => {
            app.settle();
            match app.path.clone() {
                Some(path) => {
                    return Some(Effect::Save {
                        path,
                        then_quit: false,
                    });
                }
                None => app.prompt(PromptKind::SavePath { then_quit: false }, ""),
            }
        }
        Action::Quit => {
            app.settle();
            if !app.modified() {
                return Some(Effect::Quit);
            }
            app.mode = Mode::Confirm(Confirm::Quit);
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
        Action::Find => {
            let last = app.last_find.clone();
            app.prompt(PromptKind::Find, last);
        }
        Action::Redraw => return Some(Effect::Redraw),
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
                    let title = app.posting.sections()[i].title.clone();
                    app.prompt(PromptKind::Rename(i), title);
                }
                None => app.info("Only section headings can be renamed; Tab to a section"),
            }
        }
        Action::AddSection => {
            app.settle();
            let after = app.focused_section();
            let sections = app.posting.sections();
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
        Action::Input(key) => match app.mode.clone() {
            Mode::Normal => app.pane_key(key),
            Mode::Prompt { .. } => return app.prompt_key(key),
            Mode::Confirm(which) => return app.confirm_key(which, key),
            Mode::Fill(_) => app.fill_key(key),
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
                        return None;
                    }
                    _ => scroll,
                };
                app.mode = Mode::Help(scroll.min(super::ui::help::max_scroll()));
            }
        },
    }
    None
}

// ---- fill-in: Ctrl-R and F2 (state and keys in `fill.rs`, drawing in `ui/fill_form.rs`) ----

impl App {
    /// The saved answers in use.
    pub fn answers(&self) -> &crate::answers::Session {
        &self.answers
    }

    fn open_fill_one(&mut self) {
        self.settle();
        let (at, _) = self.selection_offsets();
        match super::fill::target_at(&self.posting, at) {
            Some(target) => {
                let default = self.answers.default_for(&target.text).map(str::to_string);
                self.mode = Mode::Fill(super::fill::Fill::one(target, default.as_deref()));
            }
            None => self.info("No unfilled placeholders left"),
        }
    }

    fn open_fill_form(&mut self) {
        self.settle();
        let targets = super::fill::targets(&self.posting);
        if targets.is_empty() {
            self.info("No unfilled placeholders left");
            return;
        }
        let answers = &self.answers;
        self.mode = Mode::Fill(super::fill::Fill::form(targets, |t| answers.default_for(t)));
    }

    fn fill_key(&mut self, key: KeyEvent) {
        let Mode::Fill(fill) = &mut self.mode else {
            return;
        };
        match fill.key(key) {
            super::fill::Outcome::Stay => {}
            super::fill::Outcome::NeedValue => {
                self.error("Type a value, or Esc to cancel");
            }
            super::fill::Outcome::Apply(values) => {
                self.mode = Mode::Normal;
                self.apply_fill(&values);
            }
        }
    }

    /// Fills every occurrence of each target through the model, as one undo step; remembers
    /// the values; keeps the cursor where it was in the text.
    fn apply_fill(&mut self, values: &[(super::fill::Target, String)]) {
        if values.is_empty() {
            self.info("Nothing filled: every field was empty");
            return;
        }
        let before = self.posting.clone();
        let pairs: Vec<(String, String)> = values
            .iter()
            .map(|(t, v)| (t.text.clone(), v.clone()))
            .collect();
        let (new, counts) = before.fill_all(&pairs);
        let places: usize = counts.iter().sum();
        if places == 0 {
            self.info("Nothing filled");
            return;
        }
        let mut edits: Vec<(Range<usize>, usize)> = Vec::new();
        for (t, v) in values {
            edits.extend(
                before
                    .occurrences(&t.text)
                    .into_iter()
                    .map(|p| (p.span.clone(), v.len())),
            );
        }
        edits.sort_by_key(|(r, _)| r.start);
        let at = super::fill::shift_offset(self.cursor_offset(), &edits);
        for (t, v) in values {
            if t.remember {
                self.answers.filled(&t.text, v);
            }
        }
        let yaml_was_ok = before.front_matter().is_none_or(|f| f.error.is_none());
        self.undo.push(Snapshot {
            text: before.text().to_string(),
            focus: self.parts[self.focus],
            at: None,
        });
        self.redo.clear();
        self.set_posting(new);
        self.rebuild(Some(at));
        let what = match values {
            [(t, _)] => format!("Filled {} ×{places}", visible(&t.text)),
            _ => format!("Filled {} placeholders in {places} places", values.len()),
        };
        match self.posting.front_matter().and_then(|f| f.error.clone()) {
            Some(e) if yaml_was_ok => self.error(format!(
                "{what}, but the front matter is no longer valid YAML: {} (Ctrl-Z undoes)",
                e.message
            )),
            _ => self.info(format!("{what} · Ctrl-Z undoes")),
        }
    }

    /// Writes filled values to the answers file (after a save).
    fn flush_answers(&mut self) {
        match self.answers.flush() {
            Ok(0) => {}
            Ok(n) => self.info(format!(
                "Saved {} · {n} answer{} remembered",
                self.file_name(),
                if n == 1 { "" } else { "s" }
            )),
            Err(e) => self.error(format!(
                "Saved {}, but answers not remembered: {e}",
                self.file_name()
            )),
        }
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
    before: (ratatui_textarea::DataCursor, Option<Selection>, usize),
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

/// A text area's selection: ((row, col), (row, col)).
type Selection = ((usize, usize), (usize, usize));

