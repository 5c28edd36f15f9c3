//! The folder view's state: one row per posting (checked, waiting or unreadable), the sort,
//! the filter and the selection. Pure: keys in, an [`Outcome`] out; results from the worker
//! come in through [`ListState::checked`].

use std::path::PathBuf;
use std::time::SystemTime;

use ratatui::crossterm::event::{KeyCode, KeyEvent, MouseButton, MouseEvent, MouseEventKind};

use crate::review::overview::Overview;
use crate::tui::fill::Field;
use crate::tui::keymap::{LIST_BINDINGS, ListAction, list_lookup};

/// What is known of one posting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// Not checked yet.
    Waiting,
    /// Checked.
    Checked(Overview),
    /// Could not be read or checked: why.
    Failed(String),
}

/// A posting's check, as the worker sends it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    /// The overview, or why there is none.
    pub result: Result<Overview, String>,
    /// The file's modification time, when it could be read.
    pub modified: Option<SystemTime>,
}

/// One posting in the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The file.
    pub path: PathBuf,
    /// The path as shown: relative to the folder opened.
    pub name: String,
    /// What is known.
    pub status: Status,
    /// Being checked again (the figures shown are the previous ones).
    pub rechecking: bool,
    /// Modification time, for sorting.
    pub modified: Option<SystemTime>,
}

/// How the rows are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// By path.
    #[default]
    Name,
    /// Placeholders left, most first.
    Placeholders,
    /// Errors, most first, then warnings.
    Errors,
    /// Modification time, newest first.
    Modified,
}

impl Sort {
    /// How the header names it.
    pub fn label(self) -> &'static str {
        match self {
            Sort::Name => "path",
            Sort::Placeholders => "placeholders left",
            Sort::Errors => "errors",
            Sort::Modified => "last modified",
        }
    }
}

/// What a key asks of the loop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing beyond drawing the new state.
    None,
    /// Open row `id` in the editor.
    Open(usize),
    /// Check these rows again.
    Recheck(Vec<usize>),
    /// Redraw the whole screen.
    Redraw,
    /// Leave.
    Quit,
}

/// Totals for the summary line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Totals {
    /// Rows.
    pub postings: usize,
    /// Checked so far (or failed).
    pub done: usize,
    /// Checked and complete.
    pub complete: usize,
    /// Placeholders left over all checked rows.
    pub placeholders: usize,
    /// Rows that could not be read.
    pub unreadable: usize,
}

/// The folder view.
#[derive(Debug, Clone)]
pub struct ListState {
    /// The folder as the user named it.
    pub root: String,
    rows: Vec<Row>,
    /// Row ids shown, in order (sorted, filtered).
    shown: Vec<usize>,
    /// Position in `shown`.
    selected: usize,
    /// First position drawn (kept by drawing's rules in [`ListState::scroll_to`]).
    pub offset: usize,
    sort: Sort,
    /// The filter, while typed or kept.
    filter: Field,
    /// Typing into the filter.
    pub filtering: bool,
    /// F1 help is open (scrolled by this many lines).
    pub help: Option<u16>,
    /// A message for the status line (an editor that could not open...).
    pub message: Option<String>,
    /// Rows per page, as last drawn.
    pub page: usize,
}

impl ListState {
    /// A list of `paths` (all waiting) under `root`, and rows that failed before any check
    /// (a folder the walk could not read).
    pub fn new(root: &str, paths: Vec<PathBuf>, failed: Vec<(PathBuf, String)>) -> ListState {
        let base = PathBuf::from(root);
        let name = |p: &PathBuf| {
            p.strip_prefix(&base)
                .unwrap_or(p)
                .to_string_lossy()
                .into_owned()
        };
        let mut rows: Vec<Row> = paths
            .into_iter()
            .map(|path| Row {
                name: name(&path),
                path,
                status: Status::Waiting,
                rechecking: false,
                modified: None,
            })
            .collect();
        rows.extend(failed.into_iter().map(|(path, why)| Row {
            name: name(&path),
            path,
            status: Status::Failed(why),
            rechecking: false,
            modified: None,
        }));
        let mut s = ListState {
            root: root.to_string(),
            rows,
            shown: Vec::new(),
            selected: 0,
            offset: 0,
            sort: Sort::Name,
            filter: Field::new(None),
            filtering: false,
            help: None,
            message: None,
            page: 10,
        };
        s.reorder(None);
        s
    }

    /// Every row, by id.
    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// Row ids shown, in order.
    pub fn shown(&self) -> &[usize] {
        &self.shown
    }

    /// Position of the selected row in [`ListState::shown`].
    pub fn selected(&self) -> usize {
        self.selected
    }

    /// The selected row's id.
    pub fn selected_id(&self) -> Option<usize> {
        self.shown.get(self.selected).copied()
    }

    /// The current sort.
    pub fn sort(&self) -> Sort {
        self.sort
    }

    /// The filter field (typed or kept).
    pub fn filter(&self) -> &Field {
        &self.filter
    }

    /// Sums over every row (the filter does not change them).
    pub fn totals(&self) -> Totals {
        let mut t = Totals {
            postings: self.rows.len(),
            ..Totals::default()
        };
        for r in &self.rows {
            match &r.status {
                Status::Waiting => {}
                Status::Checked(o) => {
                    t.done += 1;
                    t.complete += usize::from(o.complete);
                    t.placeholders += o.placeholders;
                }
                Status::Failed(_) => {
                    t.done += 1;
                    t.unreadable += 1;
                }
            }
        }
        t
    }

    /// Whether rows are still waiting for their first check.
    pub fn checking(&self) -> bool {
        self.rows.iter().any(|r| r.status == Status::Waiting)
    }

    /// Whether any row waits for a result (a first check or a recheck).
    pub fn busy(&self) -> bool {
        self.rows
            .iter()
            .any(|r| r.rechecking || r.status == Status::Waiting)
    }

    /// A result from the worker for row `id`.
    pub fn checked(&mut self, id: usize, checked: Checked) {
        self.checked_all([(id, checked)]);
    }

    /// Results from the worker, sorted in once (a burst of thousands costs one sort).
    pub fn checked_all(&mut self, results: impl IntoIterator<Item = (usize, Checked)>) {
        let keep = self.selected_id();
        let mut any = false;
        for (id, checked) in results {
            let Some(row) = self.rows.get_mut(id) else {
                continue;
            };
            row.status = match checked.result {
                Ok(o) => Status::Checked(o),
                Err(e) => Status::Failed(e),
            };
            row.modified = checked.modified;
            row.rechecking = false;
            any = true;
        }
        // Only a sort by a figure moves rows; by path the order is already right. A filter
        // may match a title that just arrived.
        if any && (self.sort != Sort::Name || !self.filter.value().is_empty()) {
            self.reorder(keep);
        }
    }

    /// Marks rows as being checked again (their figures stay until the result comes).
    pub fn rechecking(&mut self, ids: &[usize]) {
        for &id in ids {
            if let Some(r) = self.rows.get_mut(id) {
                r.rechecking = true;
            }
        }
    }

    /// A mouse event, with the posting rows starting at screen row `top`: a click selects a
    /// row, a click on the selected row opens it (as Enter), the wheel moves the selection.
    /// Ignored while help is open or the filter is typed.
    pub fn handle_mouse(&mut self, event: MouseEvent, top: u16) -> Outcome {
        if self.help.is_some() || self.filtering {
            return Outcome::None;
        }
        let last = self.shown.len().saturating_sub(1);
        match event.kind {
            MouseEventKind::Down(MouseButton::Left) => {
                let Some(row) = event.row.checked_sub(top) else {
                    return Outcome::None;
                };
                let at = self.offset + usize::from(row);
                if at >= self.shown.len() || usize::from(row) >= self.page {
                    return Outcome::None;
                }
                self.message = None;
                if at == self.selected {
                    return Outcome::Open(self.shown[at]);
                }
                self.selected = at;
            }
            MouseEventKind::ScrollDown => self.selected = (self.selected + 3).min(last),
            MouseEventKind::ScrollUp => self.selected = self.selected.saturating_sub(3),
            _ => {}
        }
        Outcome::None
    }

    /// Handles a key.
    pub fn handle_key(&mut self, key: KeyEvent) -> Outcome {
        self.message = None;
        if let Some(scroll) = self.help {
            // Room for every description wrapped to two lines.
            let most = u16::try_from(LIST_BINDINGS.len() * 2).unwrap_or(u16::MAX);
            self.help = match key.code {
                KeyCode::Down | KeyCode::Char('j') => Some(scroll.saturating_add(1).min(most)),
                KeyCode::Up | KeyCode::Char('k') => Some(scroll.saturating_sub(1)),
                KeyCode::PageDown => Some(scroll.saturating_add(10).min(most)),
                KeyCode::PageUp => Some(scroll.saturating_sub(10)),
                _ => None,
            };
            return Outcome::None;
        }
        if self.filtering {
            return self.filter_key(key);
        }
        let Some(action) = list_lookup(&key) else {
            return Outcome::None;
        };
        let last = self.shown.len().saturating_sub(1);
        let page = self.page.max(1);
        match action {
            ListAction::Up => self.selected = self.selected.saturating_sub(1),
            ListAction::Down => self.selected = (self.selected + 1).min(last),
            ListAction::PageUp => self.selected = self.selected.saturating_sub(page),
            ListAction::PageDown => self.selected = (self.selected + page).min(last),
            ListAction::First => self.selected = 0,
            ListAction::Last => self.selected = last,
            ListAction::Open => {
                if let Some(id) = self.selected_id() {
                    return Outcome::Open(id);
                }
            }
            ListAction::Filter => {
                self.filtering = true;
                self.filter.select_all();
            }
            ListAction::SortName => self.sort_by(Sort::Name),
            ListAction::SortPlaceholders => self.sort_by(Sort::Placeholders),
            ListAction::SortErrors => self.sort_by(Sort::Errors),
            ListAction::SortModified => self.sort_by(Sort::Modified),
            ListAction::Recheck => {
                return Outcome::Recheck((0..self.rows.len()).collect());
            }
            ListAction::Redraw => return Outcome::Redraw,
            ListAction::Help => self.help = Some(0),
            ListAction::Quit => {
                if key.code == KeyCode::Esc && !self.filter.value().is_empty() {
                    self.set_filter("");
                } else {
                    return Outcome::Quit;
                }
            }
        }
        Outcome::None
    }

    /// A paste: into the filter while it is typed (on one line), else nothing.
    pub fn paste(&mut self, text: &str) {
        if !self.filtering || self.help.is_some() {
            return;
        }
        for c in text.chars().filter(|c| !c.is_control()) {
            self.filter.input(KeyEvent::from(KeyCode::Char(c)));
        }
        let keep = self.selected_id();
        self.reorder(keep);
    }

    fn filter_key(&mut self, key: KeyEvent) -> Outcome {
        match key.code {
            KeyCode::Esc => {
                self.filtering = false;
                self.set_filter("");
            }
            KeyCode::Enter => self.filtering = false,
            KeyCode::Up | KeyCode::Down => {
                self.filtering = false;
                return self.handle_key(key);
            }
            _ => {
                let before = self.filter.value().to_string();
                self.filter.input(key);
                if self.filter.value() != before {
                    let keep = self.selected_id();
                    self.reorder(keep);
                }
            }
        }
        Outcome::None
    }

    fn set_filter(&mut self, text: &str) {
        let keep = self.selected_id();
        self.filter = Field::new(Some(text));
        self.reorder(keep);
    }

    fn sort_by(&mut self, sort: Sort) {
        let keep = self.selected_id();
        self.sort = sort;
        self.reorder(keep);
    }

    /// Rebuilds the shown rows (filter, then sort), keeping `keep` selected when it is still
    /// shown.
    fn reorder(&mut self, keep: Option<usize>) {
        let needle = self.filter.value().to_lowercase();
        let rows = &self.rows;
        let mut shown: Vec<usize> = (0..rows.len())
            .filter(|&i| needle.is_empty() || matches(&rows[i], &needle))
            .collect();
        let figure = |r: &Row, f: fn(&Overview) -> (usize, usize)| match &r.status {
            Status::Checked(o) => Some(f(o)),
            _ => None,
        };
        match self.sort {
            Sort::Name => shown.sort_by(|&a, &b| rows[a].name.cmp(&rows[b].name)),
            Sort::Placeholders => shown.sort_by(|&a, &b| {
                let key = |r: &Row| figure(r, |o| (o.placeholders, 0));
                key(&rows[b])
                    .cmp(&key(&rows[a]))
                    .then_with(|| rows[a].name.cmp(&rows[b].name))
            }),
            Sort::Errors => shown.sort_by(|&a, &b| {
                let key = |r: &Row| match &r.status {
                    // An unreadable posting is the worst kind of error.
                    Status::Failed(_) => Some((usize::MAX, 0)),
                    _ => figure(r, |o| (o.errors, o.warnings)),
                };
                key(&rows[b])
                    .cmp(&key(&rows[a]))
                    .then_with(|| rows[a].name.cmp(&rows[b].name))
            }),
            Sort::Modified => shown.sort_by(|&a, &b| {
                rows[b]
                    .modified
                    .cmp(&rows[a].modified)
                    .then_with(|| rows[a].name.cmp(&rows[b].name))
            }),
        }
        self.shown = shown;
        self.selected = keep
            .and_then(|id| self.shown.iter().position(|&i| i == id))
            .unwrap_or(0)
            .min(self.shown.len().saturating_sub(1));
    }

    /// Keeps the selection within `height` rows drawn from [`ListState::offset`].
    pub fn scroll_to(&mut self, height: usize) {
        self.page = height.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if height > 0 && self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
        let max_offset = self.shown.len().saturating_sub(height);
        self.offset = self.offset.min(max_offset);
    }
}

/// Whether a row's path or title holds `needle` (lower case).
fn matches(row: &Row, needle: &str) -> bool {
    row.name.to_lowercase().contains(needle)
        || matches!(&row.status, Status::Checked(o) if o.title.to_lowercase().contains(needle))
}
