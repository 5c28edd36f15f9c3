//! The sizes and pauses the editor's behaviour turns on, in one place, each named for what it
//! decides.

use std::time::Duration;

/// From this size on, whole-posting work (the review, re-reading the posting after a key)
/// waits for a pause in typing instead of following every keystroke.
pub const REVIEW_AFTER_PAUSE_FROM: usize = 64 * 1024;
/// From this size on a posting is reviewed only when the review panel (F3) asks for it:
/// reviewing 10 MB takes about a second of CPU and some ten times the posting in memory.
pub const REVIEW_ON_REQUEST_FROM: usize = 4 * 1024 * 1024;
/// The pause after the last key before whole-posting work runs.
pub const WORK_PAUSE: Duration = Duration::from_millis(300);
/// How often the event loop looks for a finished worker review.
pub const REVIEW_POLL: Duration = Duration::from_millis(50);
/// How long after the last keystroke the recovery file is refreshed.
pub const RECOVERY_PAUSE: Duration = Duration::from_secs(2);
/// A pause in typing longer than this ends an undo step.
pub const UNDO_STEP_PAUSE: Duration = Duration::from_secs(1);
/// The longest the event loop waits for input without looking at its timers.
pub const LOOP_TICK: Duration = Duration::from_millis(500);
/// Panes from this many bytes on hold only a window of their lines in the text widget.
pub const WINDOW_FROM: usize = 64 * 1024;
/// A big pane's window reaches this many lines (or [`WINDOW_SIDE_BYTES`]) on each side of the
/// cursor, or twice the margin where a screen shows more: the text widget re-wraps all it
/// holds on every edit, so less is faster per key.
pub const WINDOW_SIDE_LINES: usize = 60;
/// ... or this many bytes on each side.
pub const WINDOW_SIDE_BYTES: usize = 2 * 1024;
/// The window moves when fewer lines than this (and fewer than [`WINDOW_MARGIN_BYTES`]) are
/// left between the cursor and an inner edge; a pane drawn taller or wider keeps what its text
/// area shows instead, so a window edge is never on screen.
pub const WINDOW_MARGIN_LINES: usize = 30;
/// ... and fewer bytes than this.
pub const WINDOW_MARGIN_BYTES: usize = 1024;
