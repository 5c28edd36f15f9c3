//! Defence in depth: a review that panics (a bug in a rule) becomes an error value for that
//! one posting, so `check` still reports the other files and the editor keeps the user's text
//! and keeps running.

use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

use super::{FileReview, Rules, review_counting};
use crate::posting::Posting;
use crate::posting::schema::Date;

/// A review that panicked: a bug in jobpost, not in the posting.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}: internal error while reviewing this posting: {message}")]
pub struct ReviewPanic {
    /// The path the review was for.
    pub path: String,
    /// What went wrong and where in the code, on one line, control characters escaped.
    pub message: String,
}

impl ReviewPanic {
    /// What the user can do about it.
    pub fn hint(&self) -> &'static str {
        "this is a bug in jobpost; please report it with the posting (the other files were checked)"
    }
}

thread_local! {
    /// Set while a guarded review runs on this thread: its panic is caught, so the hook keeps
    /// quiet and leaves the place it happened here for the error message.
    static GUARDED: Cell<bool> = const { Cell::new(false) };
    static LOCATION: Cell<Option<String>> = const { Cell::new(None) };
}

/// Wraps the panic hook in force at the first guarded review (ratatui's, in the editor): a
/// panic caught by [`review_guarded`] prints nothing (it would land on the editor's screen,
/// or in the middle of a report); every other panic goes to the hook as before.
fn quiet_hook() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if GUARDED.with(Cell::get) {
                let at = info
                    .location()
                    .map(|l| format!("{}:{}", l.file(), l.line()));
                LOCATION.with(|c| c.set(at));
            } else {
                previous(info);
            }
        }));
    });
}

/// [`review_on`](super::review_on), with a panic inside the review caught and returned as a [`ReviewPanic`].
pub fn review_guarded(
    path: String,
    posting: &Posting,
    rules: &Rules,
    today: Option<Date>,
) -> Result<FileReview, ReviewPanic> {
    review_guarded_counting(path, posting, rules, today, true)
}

/// [`review_guarded`], counting each section's words only when `counted` (see
/// [`review_counting`]).
pub fn review_guarded_counting(
    path: String,
    posting: &Posting,
    rules: &Rules,
    today: Option<Date>,
    counted: bool,
) -> Result<FileReview, ReviewPanic> {
    let name = path.clone();
    guarded(path, || {
        fault_injection(posting);
        review_counting(name, posting, rules, today, counted)
    })
}

/// Runs `f`, turning a panic into a [`ReviewPanic`] for `path`.
fn guarded<T>(path: String, f: impl FnOnce() -> T) -> Result<T, ReviewPanic> {
    quiet_hook();
    let was = GUARDED.with(|g| g.replace(true));
    // The review only reads the posting and rules: nothing is left half-changed to observe.
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    GUARDED.with(|g| g.set(was));
    let at = LOCATION.with(Cell::take);
    result.map_err(|payload| {
        let what = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic".into());
        let message = match at {
            Some(at) => format!("{} (at {at})", one_line(&what)),
            None => one_line(&what),
        };
        ReviewPanic { path, message }
    })
}

/// Debug builds only: a posting containing the text of `JOBPOST_FAULT_REVIEW` makes its
/// review panic, so the CLI tests can show what a bug in a rule does to `check`.
fn fault_injection(posting: &Posting) {
    if cfg!(debug_assertions)
        && let Some(marker) = std::env::var_os("JOBPOST_FAULT_REVIEW")
        && posting.text().contains(marker.to_string_lossy().as_ref())
    {
        panic!("injected fault (JOBPOST_FAULT_REVIEW)");
    }
}

/// The first line of a panic message, at most 160 characters, control characters escaped (a
/// slicing panic quotes the posting's text, which may hold escape sequences).
fn one_line(s: &str) -> String {
    let line = s.lines().next().unwrap_or("");
    let mut out = String::new();
    for (i, c) in line.chars().enumerate() {
        if i == 160 {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clean_review_is_returned_unchanged() {
        let p = Posting::parse("# About us\n\nWe bake.\n");
        let guarded = review_guarded("a.md".into(), &p, &Rules::default(), None).unwrap();
        assert_eq!(
            guarded,
            super::super::review_with("a.md".into(), &p, &Rules::default())
        );
    }

    #[test]
    fn a_panic_becomes_an_error_with_its_message_and_place() {
        let e = guarded("a.md".into(), || -> usize {
            let s = "We\u{2019}re";
            s[..3].len()
        })
        .unwrap_err();
        assert_eq!(e.path, "a.md");
        assert!(e.message.contains("not a char boundary"), "{}", e.message);
        assert!(
            e.message.contains("(at src/review/guard.rs:"),
            "{}",
            e.message
        );
        // The thread is usable afterwards, and its panics are no longer caught quietly.
        assert!(!GUARDED.with(Cell::get));
        assert_eq!(guarded("b.md".into(), || 7), Ok(7));
    }

    #[test]
    fn a_panic_message_is_one_escaped_line() {
        assert_eq!(
            one_line("bad \u{1b}]0;x\u{7} at\nmore"),
            "bad \\u{1b}]0;x\\u{7} at"
        );
        assert_eq!(one_line(&"x".repeat(200)).chars().count(), 161);
    }
}
