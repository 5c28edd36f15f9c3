//! Whole-program tests: the real `jobpost` binary in a pseudo-terminal (tests/common/pty.rs),
//! saving, quitting, recovery after signals and crashes, the folder view, pastes and undo.

mod common;

use std::path::Path;
use std::thread;
use std::time::{Duration, Instant};

use common::pty::{DEADLINE, Term};

const CTRL_N: &[u8] = b"\x0e";
const CTRL_S: &[u8] = b"\x13";
const CTRL_Q: &[u8] = b"\x11";

fn fixture(name: &str) -> (tempfile::TempDir, std::path::PathBuf, Vec<u8>) {
    let src = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    let bytes = std::fs::read(&src).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, &bytes).unwrap();
    (dir, path, bytes)
}

#[test]
fn fill_save_quit_writes_exact_bytes_and_restores_the_terminal() {
    let (_dir, path, before) = fixture("tui-backend-engineer.md");
    let mut s = Term::open(&path);
    s.wait_for("placeholders left");
    s.send(CTRL_N);
    s.wait_for("▶About");
    s.send(b"Acme Ltd");
    s.wait_for("Acme Ltd");
    s.save_and_quit();
    let expected = String::from_utf8(before)
        .unwrap()
        .replace("[Company Name] builds", "Acme Ltd builds");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), expected);
    let (alternate, hidden) = (s.alternate_screen(), s.cursor_hidden());
    assert!(!alternate, "left in the alternate screen");
    assert!(!hidden, "cursor left hidden");
}

#[test]
fn quit_and_discard_writes_nothing() {
    let (_dir, path, before) = fixture("tui-backend-engineer.md");
    let mut s = Term::open(&path);
    s.wait_for("placeholders left");
    s.send(CTRL_N);
    s.send(b"Typed but not kept");
    s.wait_for("[+]");
    s.discard_and_quit();
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(!s.alternate_screen());
}

#[test]
fn resize_storm_while_typing_does_not_panic() {
    let (_dir, path, before) = fixture("tui-backend-engineer.md");
    let mut s = Term::open(&path);
    s.wait_for("placeholders left");
    let sizes = [
        (5, 10),
        (24, 80),
        (15, 60),
        (3, 3),
        (10, 40),
        (9, 39),
        (50, 200),
        // Not 1x1: the vt100 test emulator itself panics on a two-cell character at one
        // column (an overflow in its grid), which says nothing about jobpost.
        (2, 2),
        (24, 80),
    ];
    for (i, (rows, cols)) in sizes.iter().cycle().take(40).enumerate() {
        s.resize(*rows, *cols);
        s.send(if i % 5 == 0 { CTRL_N } else { b"z" });
    }
    s.resize(5, 10);
    s.wait_for("too small");
    s.resize(24, 80);
    s.wait_for("Outline");
    assert!(s.child.try_wait().unwrap().is_none(), "the editor died");
    // One more key at full size, so the quit prompt does not depend on which keys of the
    // storm arrived while the screen was too small.
    s.send(b"z");
    s.wait_for("[+]");
    // Ctrl-L redraws everything, as a user does when a storm leaves the screen stale. This
    // emulator never answers a cursor-position query: a redraw that asked (ratatui's
    // `Terminal::clear` does) would end the editor with a terminal error two seconds later.
    s.send(b"\x0c");
    thread::sleep(Duration::from_millis(300));
    s.discard_and_quit();
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn f2_fills_the_product_owner_template_and_the_next_copy_offers_the_answers() {
    // The template's placeholders in the fill form's order, with a value each.
    let fields = [
        ("[Date posted, YYYY-MM-DD]", "2025-01-15"),
        ("[Closing date, YYYY-MM-DD]", "2025-03-31"),
        ("[Company Name]", "Acme"),
        ("[Your City]", "Oslo"),
        ("[Your Country]", "Norway"),
        ("[Currency code, e.g. USD]", "NOK"),
        ("[Lowest yearly salary]", "700000"),
        ("[Highest yearly salary]", "900000"),
        ("[industry/type]", "fintech"),
        (
            "[brief description of company mission or products/services]",
            "making payments simple",
        ),
    ];
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("po.md");
    std::fs::write(&first, jobpost::templates::PRODUCT_OWNER).unwrap();
    let mut s = Term::start_in(home.path(), &[first.as_os_str()], &[]);
    s.wait_for("13 placeholders left");
    s.send(b"\x1bOQ"); // F2
    s.wait_for("Fill form");
    let typed: Vec<&str> = fields.iter().map(|(_, v)| *v).collect();
    s.send(format!("{}\r", typed.join("\t")).as_bytes());
    s.wait_for("all filled");
    s.send(CTRL_S);
    s.wait_for("answers remembered");
    s.send(CTRL_Q);
    assert_eq!(s.wait_exit(), 0);
    let expected = fields.iter().fold(
        jobpost::templates::PRODUCT_OWNER.to_string(),
        |t, (name, v)| t.replace(name, v),
    );
    assert_eq!(std::fs::read_to_string(&first).unwrap(), expected);
    assert!(
        home.path()
            .join("xdg_config_home/jobpost/answers.yaml")
            .is_file()
    );

    let second = dir.path().join("po2.md");
    std::fs::write(&second, jobpost::templates::PRODUCT_OWNER).unwrap();
    let mut s = Term::start_in(home.path(), &[second.as_os_str()], &[]);
    s.wait_for("13 placeholders left");
    s.send(b"\x1bOQ");
    s.wait_for("Fill form");
    // The first fields on screen offer the saved answers.
    for (_, value) in &fields[..3] {
        s.wait_for(&format!("› {value}"));
    }
    s.send(CTRL_S); // applies the form
    s.wait_for("all filled");
    s.save_and_quit();
    assert_eq!(std::fs::read_to_string(&second).unwrap(), expected);
}

// ---- safety: hang-up, termination, kill, crash ----

/// Sends a signal to the editor with the `kill` command (no unsafe code needed).
fn signal(s: &Term, sig: &str) {
    let pid = s.child.process_id().expect("the child has a pid");
    let ok = std::process::Command::new("kill")
        .args([format!("-{sig}"), pid.to_string()])
        .status()
        .unwrap()
        .success();
    assert!(ok, "kill -{sig} {pid} failed");
}

/// There is exactly one recovery file, and it holds `text`.
#[track_caller]
fn the_one_recovery_file_holds(home: &Path, text: &str) {
    let files = recovery_files(home);
    assert_eq!(files.len(), 1, "{files:?}");
    let kept = std::fs::read_to_string(&files[0]).unwrap();
    assert!(kept.contains(text), "{kept}");
}

fn recovery_files(home: &Path) -> Vec<std::path::PathBuf> {
    let dir = home.join("xdg_data_home/jobpost/recovery");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    files
}

/// Polls until a recovery file holding `text` appears (the idle write comes ~2 s after the
/// last key); gives its path.
#[track_caller]
fn wait_for_recovery(home: &Path, text: &str) -> std::path::PathBuf {
    let start = Instant::now();
    while start.elapsed() < DEADLINE {
        // Not a temporary being written (it is renamed onto the recovery file a moment later).
        let files = recovery_files(home).into_iter();
        for f in files.filter(|f| !f.to_string_lossy().ends_with(".jobpost-tmp")) {
            if std::fs::read_to_string(&f).is_ok_and(|t| t.contains(text)) {
                return f;
            }
        }
        thread::sleep(Duration::from_millis(50));
    }
    panic!(
        "no recovery file with {text:?} in {:?}",
        recovery_files(home)
    );
}

/// Types an edit, sends `sig`, and checks: exit status, terminal restored, posting untouched,
/// recovery file written; then reopens, recovers with `r`, saves, and checks the bytes.
fn signal_keeps_edits_and_reopening_recovers_them(sig: &str, status: u32) {
    let (dir, path, before) = fixture("tui-backend-engineer.md");
    let home = dir.path().join("home");
    std::fs::create_dir(&home).unwrap();
    let mut s = Term::start_in(&home, &[path.as_os_str()], &[]);
    s.wait_for("placeholders left");
    s.send(CTRL_N);
    s.wait_for("▶About");
    s.send(b"Acme Ltd");
    s.wait_for("Acme Ltd");
    signal(&s, sig);
    assert_eq!(s.wait_exit(), status, "exit status after SIG{sig}");
    let (alternate, hidden) = (s.alternate_screen(), s.cursor_hidden());
    assert!(!alternate, "left in the alternate screen after SIG{sig}");
    assert!(!hidden, "cursor left hidden after SIG{sig}");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the posting was touched"
    );
    the_one_recovery_file_holds(&home, "Acme Ltd builds");
    assert!(!path.parent().unwrap().read_dir().unwrap().any(|e| {
        e.unwrap()
            .file_name()
            .to_string_lossy()
            .contains("recovery")
    }));

    let mut s = Term::start_in(&home, &[path.as_os_str()], &[]);
    s.wait_for("Recover unsaved edits");
    s.wait_for("+ Acme Ltd builds");
    s.send(b"r");
    s.wait_for("Recovered unsaved text");
    s.save_and_quit();
    let expected = String::from_utf8(before)
        .unwrap()
        .replace("[Company Name] builds", "Acme Ltd builds");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), expected);
    assert!(
        recovery_files(&home).is_empty(),
        "recovery file left after the save"
    );
}

#[test]
fn sighup_keeps_edits_restores_the_terminal_and_reopening_recovers_them() {
    signal_keeps_edits_and_reopening_recovers_them("HUP", 129);
}

#[test]
fn sigterm_keeps_edits_restores_the_terminal_and_reopening_recovers_them() {
    signal_keeps_edits_and_reopening_recovers_them("TERM", 143);
}

#[test]
fn sigkill_after_an_idle_pause_loses_nothing_and_recover_flag_applies_it() {
    let (dir, path, before) = fixture("tui-backend-engineer.md");
    let home = dir.path().join("home");
    std::fs::create_dir(&home).unwrap();
    let mut s = Term::start_in(&home, &[path.as_os_str()], &[]);
    s.wait_for("placeholders left");
    s.send(CTRL_N);
    s.wait_for("▶About");
    s.send(b"Kill Corp");
    s.wait_for("Kill Corp");
    let file = wait_for_recovery(&home, "Kill Corp builds");
    signal(&s, "KILL");
    let _ = s.wait_exit();
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("Kill Corp builds")
    );

    // `jobpost --recover FILE` applies it without asking.
    let mut s = Term::start_in(&home, &["--recover".as_ref(), path.as_os_str()], &[]);
    s.wait_for("Recovered unsaved text");
    s.wait_for("[+]");
    s.save_and_quit();
    let expected = String::from_utf8(before)
        .unwrap()
        .replace("[Company Name] builds", "Kill Corp builds");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), expected);
    assert!(recovery_files(&home).is_empty());
}

#[test]
fn a_crash_restores_the_terminal_then_keeps_the_edits() {
    let (dir, path, before) = fixture("tui-backend-engineer.md");
    let home = dir.path().join("home");
    std::fs::create_dir(&home).unwrap();
    let mut s = Term::start_in(
        &home,
        &[path.as_os_str()],
        &[("JOBPOST_FAULT_PANIC", "1"), ("RUST_BACKTRACE", "0")],
    );
    s.wait_for("placeholders left");
    s.send(CTRL_N);
    s.send(b"Crash Co");
    s.wait_for("Crash Co");
    s.send(b"\x1b[24~"); // F12: the injected fault
    assert_eq!(s.wait_exit(), 101, "a panic exits 101");
    let (alternate, hidden) = (s.alternate_screen(), s.cursor_hidden());
    assert!(
        !alternate && !hidden,
        "terminal not restored after the panic"
    );
    s.wait_for("injected fault");
    s.wait_for("unsaved text kept in");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    the_one_recovery_file_holds(&home, "Crash Co builds");
}

#[test]
fn escape_sequences_in_a_posting_are_shown_not_obeyed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hostile.md");
    let hostile = "# Hostile\n\nRed \u{1b}[31mALERT\u{1b}[0m bell\u{7} clear\u{1b}[2J title\u{1b}]0;pwned\u{7} [Company]\n";
    std::fs::write(&path, hostile).unwrap();
    let mut s = Term::open(&path);
    s.wait_for("placeholders left");
    s.wait_for("␛[31mALERT␛[0m bell␇ clear␛[2J");
    s.with_screen(|screen| {
        assert!(
            screen.contents().contains("␛]0;pwned␇"),
            "an OSC title escape reached the terminal"
        );
        // ALERT is drawn in the default colour: the SGR sequence was not obeyed.
        let text = screen.contents();
        let (row, line) = text
            .lines()
            .enumerate()
            .find(|(_, l)| l.contains("ALERT"))
            .unwrap();
        let col = line.chars().take_while(|c| *c != 'A').count();
        let cell = screen.cell(row as u16, col as u16).unwrap();
        assert_eq!(cell.fgcolor(), vt100::Color::Default, "{line}");
    });
    // Edit another line: the escape sequences' bytes are kept exactly.
    s.send(b"Hello");
    s.wait_for("[+]");
    s.save_and_quit();
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        hostile.replacen("# Hostile\n\n", "# Hostile\nHello\n", 1)
    );
}

#[test]
fn recover_flag_opens_an_untitled_recovery_file_as_a_new_posting() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("xdg_data_home/jobpost/recovery");
    let file = dir.join("untitled-1.md");
    jobpost::recovery::write(&file, None, "# Draft\n\nRescued text\n").unwrap();
    let mut s = Term::start_in(home.path(), &["--recover".as_ref(), file.as_os_str()], &[]);
    s.wait_for("Recovered unsaved text");
    s.wait_for("[new posting] [+]");
    s.wait_for("Rescued text");
    s.send(CTRL_S);
    s.wait_for("Save as:");
    s.send(b"rescued.md\r");
    s.wait_for("Saved rescued.md");
    s.send(CTRL_Q);
    assert_eq!(s.wait_exit(), 0);
    assert_eq!(
        std::fs::read_to_string(home.path().join("rescued.md")).unwrap(),
        "# Draft\n\nRescued text\n"
    );
    assert!(!file.exists(), "the recovery file is removed once saved");
}

#[test]
fn a_dropped_connection_keeps_the_edits() {
    let (dir, path, before) = fixture("tui-backend-engineer.md");
    let home = dir.path().join("home");
    std::fs::create_dir(&home).unwrap();
    let mut s = Term::start_in(&home, &[path.as_os_str()], &[]);
    s.wait_for("placeholders left");
    s.send(CTRL_N);
    // Ends with Enter, so the typed words sit on a line of their own: dropping portable-pty's
    // writer sends "\n" and the EOF character to the program (meant for a shell in canonical
    // mode), and the editor may read them as Ctrl-J (delete to the line's head) and Ctrl-D
    // before the hang-up arrives. sshd sends nothing; here they cannot touch the words.
    s.send(b"Dropped Ltd\r");
    s.wait_for("Dropped Ltd  ");
    let status = s.hang_up();
    assert_eq!(status.exit_code(), 129, "128 + SIGHUP");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    the_one_recovery_file_holds(&home, "Dropped Ltd");
}

#[test]
fn the_editor_follows_the_team_config_next_to_the_posting() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join(".jobpost.yaml"),
        "placeholders:\n  disable: [marker]\n",
    )
    .unwrap();
    let file = dir.path().join("p.md");
    std::fs::write(&file, "# About us\n\n[Company Name] starts TBD.\n").unwrap();
    let mut s = Term::start_in(home.path(), &[file.as_os_str()], &[]);
    // `TBD` is not counted: the team turned markers off.
    s.wait_for("1 placeholder left");
    s.send(CTRL_Q);
    assert_eq!(s.wait_exit(), 0);
}

/// A posting of ~1.2 MB: the seed-like start, then many sections with placeholders.
fn large_posting() -> String {
    let mut text = String::from("---\ntitle: Big\n---\n\n## About\n\n[Company] builds things.\n");
    let mut i = 0;
    while text.len() < 1_200_000 {
        i += 1;
        text.push_str(&format!(
            "\n## Area {i}\n\n[Company] owns area {i} with {{{{ team_{i} }}}}; we write things down.\n"
        ));
    }
    text
}

#[test]
fn a_large_posting_opens_whole_after_its_first_screen() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.md");
    let text = large_posting();
    std::fs::write(&path, &text).unwrap();
    let total = jobpost::posting::Posting::parse(text.clone())
        .placeholders()
        .len();
    let mut s = Term::open(&path);
    // Only the whole posting knows the total; the first screen says "counting…".
    s.wait_for(&format!("{total} placeholders left"));
    assert!(!s.screen().contains("counting"));
    s.send(CTRL_N);
    s.send(b"Acme");
    s.wait_for("[+]");
    s.discard_and_quit();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn a_large_file_that_turns_binary_further_on_is_refused_with_the_terminal_restored() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.md");
    let mut bytes = large_posting().into_bytes();
    bytes[600_000] = 0;
    std::fs::write(&path, &bytes).unwrap();
    let mut s = Term::open(&path);
    assert_eq!(s.wait_exit(), 2);
    let screen = s.screen();
    assert!(screen.contains("looks binary"), "{screen}");
    assert!(
        !screen.contains("Outline"),
        "the editor's screen is gone: {screen}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
}

/// A copy of a fixture folder (subfolders included) in a new temporary folder.
fn fixture_folder(name: &str) -> tempfile::TempDir {
    fn copy(from: &Path, to: &Path) {
        for entry in std::fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            let target = to.join(entry.file_name());
            if entry.file_type().unwrap().is_dir() {
                std::fs::create_dir_all(&target).unwrap();
                copy(&entry.path(), &target);
            } else {
                std::fs::copy(entry.path(), target).unwrap();
            }
        }
    }
    let dir = tempfile::tempdir().unwrap();
    copy(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name),
        dir.path(),
    );
    dir
}

#[test]
fn a_folder_lists_its_postings_and_a_posting_filled_in_the_editor_is_checked_again() {
    let dir = fixture_folder("folder");
    std::fs::write(
        dir.path().join("sales-lead.md"),
        b"# Sales Lead\n\nCaf\xe9\n",
    )
    .unwrap();
    let mut s = Term::open(dir.path());
    s.wait_for("5 postings · 1 complete · 6 placeholders left · 1 unreadable");
    s.wait_for("not UTF-8");
    // The last readable posting: design/ux-writer.md, one placeholder left.
    s.send(b"G");
    s.send(b"k");
    s.wait_for("UX Writer — not complete");
    s.send(b"\r");
    s.wait_for("placeholder left");
    // The editor's frame is drawn on a clear screen: nothing of the list shows through.
    thread::sleep(Duration::from_millis(200));
    assert!(!s.screen().contains("Warn"), "{}", s.screen());
    s.send(CTRL_N);
    s.send(b"Mia");
    s.wait_for("with Mia on");
    s.send(CTRL_S);
    s.wait_for("Saved");
    s.send(CTRL_Q);
    s.wait_for("5 placeholders left");
    s.wait_for("UX Writer — complete");
    assert!(!s.screen().contains("Outline"), "{}", s.screen());
    assert!(
        std::fs::read_to_string(dir.path().join("design/ux-writer.md"))
            .unwrap()
            .contains("- Work with Mia on the tone of voice.")
    );
    s.send(b"q");
    assert_eq!(s.wait_exit(), 0);
    let (alternate, hidden) = (s.alternate_screen(), s.cursor_hidden());
    assert!(!alternate, "left in the alternate screen");
    assert!(!hidden, "cursor left hidden");
}

#[test]
fn an_empty_folder_is_refused_before_the_terminal_is_touched() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "not a posting").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_jobpost"))
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("no postings found (*.md files"), "{err}");
    assert!(err.contains("hint: "), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn sigterm_in_the_folder_view_after_discarding_edits_keeps_nothing_and_restores_the_terminal() {
    let dir = fixture_folder("folder");
    let home = dir.path().join("home");
    std::fs::create_dir(&home).unwrap();
    let mut s = Term::start_in(&home, &[dir.path().as_os_str()], &[]);
    s.wait_for("4 postings · 1 complete");
    s.send(b"\r");
    s.wait_for("placeholders left");
    s.send(CTRL_N);
    s.send(b"Not kept");
    s.wait_for("[+]");
    s.send(CTRL_Q);
    s.wait_for("Unsaved changes");
    s.send(b"d");
    s.wait_for("Backend Engineer — not complete");
    signal(&s, "TERM");
    assert_eq!(s.wait_exit(), 143, "128 + SIGTERM");
    assert!(!s.alternate_screen(), "left in the alternate screen");
    assert_eq!(recovery_files(&home), Vec::<std::path::PathBuf>::new());
}

#[test]
fn a_hang_up_in_the_second_posting_opened_from_the_folder_view_keeps_its_unsaved_text() {
    let dir = fixture_folder("folder");
    let home = dir.path().join("home");
    std::fs::create_dir(&home).unwrap();
    let mut s = Term::start_in(&home, &[dir.path().as_os_str()], &[]);
    s.wait_for("Backend Engineer — not complete");
    s.send(b"\r");
    s.wait_for("Outline");
    s.send(CTRL_Q);
    s.wait_for("Backend Engineer — not complete");
    s.send(b"j");
    s.wait_for("Data Analyst — not complete");
    s.send(b"\r");
    s.wait_for("Outline");
    s.send(CTRL_N);
    // Ends with Enter: see `a_dropped_connection_keeps_the_edits`.
    s.send(b"Second Ltd\r");
    s.wait_for("Second Ltd");
    s.wait_for("[+]");
    let status = s.hang_up();
    assert_eq!(status.exit_code(), 129, "128 + SIGHUP");
    the_one_recovery_file_holds(&home, "Second Ltd");
}

#[test]
fn the_folder_view_follows_a_resize_to_60x15() {
    let dir = fixture_folder("folder");
    let mut s = Term::open(dir.path());
    s.wait_for("Title");
    s.resize(15, 60);
    // No room for titles: the selected one is shown under the rows instead.
    let narrow = |screen: &str| {
        !screen.contains("Title")
            && !screen.contains("placeholders left")
            && screen.contains("6 placeholders")
            && screen.contains("Backend Engineer — not complete")
    };
    let start = Instant::now();
    while !narrow(&s.screen()) && start.elapsed() < DEADLINE {
        thread::sleep(Duration::from_millis(20));
    }
    assert!(narrow(&s.screen()), "{}", s.screen());
    s.send(b"q");
    assert_eq!(s.wait_exit(), 0);
    assert!(!s.alternate_screen());
}

#[test]
fn a_posting_that_turned_binary_is_not_opened_and_the_list_stays() {
    let dir = fixture_folder("folder");
    let mut s = Term::open(dir.path());
    s.wait_for("Backend Engineer — not complete");
    std::fs::write(dir.path().join("backend-engineer.md"), b"# A\n\0\n").unwrap();
    s.send(b"\r");
    s.wait_for("Not opened:");
    s.wait_for("looks binary");
    s.send(b"q");
    assert_eq!(s.wait_exit(), 0);
    assert!(!s.alternate_screen());
}

#[test]
fn esc_followed_at_once_by_down_in_the_folder_view_clears_the_filter_then_moves_down() {
    let dir = fixture_folder("folder");
    let mut s = Term::open(dir.path());
    s.wait_for("4 postings · 1 complete");
    s.send(b"/data");
    s.wait_for("Data Analyst — not complete");
    // Esc then Down, in one write (SSH; Alt-Down on some terminals): Esc clears the filter,
    // Down selects the next posting; nothing is typed into the filter.
    s.send(b"\x1b\x1b[B");
    s.wait_for("Product Designer — complete");
    let screen = s.screen();
    assert!(!screen.contains("Filter:"), "{screen}");
    assert!(!screen.contains("[B"), "{screen}");
    assert!(
        screen.contains("backend-engineer.md"),
        "filter cleared:\n{screen}"
    );
    s.send(b"q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn keys_typed_right_after_enter_reach_the_editor_and_after_its_quit_the_list() {
    let dir = fixture_folder("folder");
    let mut s = Term::open(dir.path());
    s.wait_for("4 postings · 1 complete");
    // Enter, Ctrl-N and a word in one write: read with Enter, they are the editor's.
    s.send(b"\r\x0eAhead");
    s.wait_for("[+]");
    s.wait_for("Ahead");
    s.send(CTRL_Z);
    s.wait_gone("[+]");
    // Ctrl-Q and Down in one write: the editor quits, the list moves down.
    s.send(b"\x11\x1b[B");
    s.wait_for("Data Analyst — not complete");
    s.send(b"q");
    assert_eq!(s.wait_exit(), 0);
}

const CTRL_Z: &[u8] = b"\x1a";
const END: &[u8] = b"\x1b[F";

#[test]
fn a_bracketed_paste_of_200_lines_with_tabs_lands_whole_in_one_section_and_one_ctrl_z_takes_it_back()
 {
    let (_dir, path, before) = fixture("tui-backend-engineer.md");
    let mut s = Term::open(&path);
    s.wait_for("placeholders left");
    s.send(CTRL_N);
    s.wait_for("▶About");
    let lines: Vec<String> = (0..200)
        .map(|i| format!("Name:\tAcme {i}\tCity:\tBerlin"))
        .collect();
    let pasted = format!("{}\r\n", lines.join("\r\n"));
    s.send(format!("\x1b[200~{pasted}\x1b[201~").as_bytes());
    // The pane shows the end of the paste; focus never moved.
    s.wait_for("Acme 199");
    assert!(s.screen().contains("▶About"), "{}", s.screen());
    s.send(CTRL_S);
    s.wait_for("Saved");
    let text = String::from_utf8(before.clone()).unwrap();
    let expected = text.replacen(
        "[Company Name] builds",
        &format!("{} builds", pasted.replace("\r\n", "\n")),
        1,
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), expected);
    s.send(CTRL_Z);
    s.wait_gone("Acme 199");
    s.save_and_quit();
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn a_burst_of_2000_characters_is_all_on_screen_without_another_key() {
    let (_dir, path, before) = fixture("tui-backend-engineer.md");
    let mut s = Term::open(&path);
    s.wait_for("placeholders left");
    s.send(CTRL_N);
    s.wait_for("▶About");
    s.send(END);
    // What a paste without bracketed mode is over SSH: keystrokes, all in one write.
    let mut burst = String::new();
    for i in 0..400 {
        burst.push_str(&format!("w{:03} ", i % 1000));
    }
    burst.truncate(1992);
    burst.push_str(" ENDMARK");
    assert_eq!(burst.len(), 2000);
    s.send(burst.as_bytes());
    s.wait_for("ENDMARK");
    s.send(CTRL_S);
    s.wait_for("Saved");
    let text = String::from_utf8(before).unwrap();
    let expected = text.replacen(
        "builds payment systems.",
        &format!("builds payment systems.{burst}"),
        1,
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), expected);
    s.send(CTRL_Q);
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn esc_followed_at_once_by_another_key_inserts_nothing() {
    let (_dir, path, before) = fixture("tui-backend-engineer.md");
    let mut s = Term::open(&path);
    s.wait_for("placeholders left");
    s.send(CTRL_N);
    s.wait_for("▶About");
    // Esc then Down, in one write (SSH; Alt-Down on some terminals).
    s.send(b"\x1b\x1b[B");
    // Esc then Home, and Esc then F2 (which opens the fill form).
    s.send(b"\x1b\x1b[1~");
    s.send(b"\x1b\x1bOQ");
    s.wait_for("Fill form ·");
    s.send(b"\x1b");
    s.wait_gone("Fill form ·");
    let screen = s.screen();
    assert!(!screen.contains("[+]"), "text was inserted:\n{screen}");
    assert!(
        !screen.contains("[B") && !screen.contains("[1~"),
        "{screen}"
    );
    // Nothing changed: Ctrl-Q quits without asking.
    s.send(CTRL_Q);
    assert_eq!(s.wait_exit(), 0);
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn typing_words_then_one_ctrl_z_takes_back_a_word_not_a_character() {
    let (_dir, path, before) = fixture("tui-backend-engineer.md");
    let mut s = Term::open(&path);
    s.wait_for("placeholders left");
    s.send(CTRL_N);
    s.wait_for("▶About");
    s.send(END);
    for word in [" hello", " brave", " world"] {
        s.send(word.as_bytes());
        thread::sleep(Duration::from_millis(30));
    }
    s.wait_for("world");
    assert!(
        s.screen().contains("systems. hello brave"),
        "{}",
        s.screen()
    );
    s.send(CTRL_Z);
    // The last word goes whole (not one character: `worl` would stay).
    s.wait_gone("world");
    assert!(!s.screen().contains("worl"), "{}", s.screen());
    assert!(
        s.screen().contains("systems. hello brave"),
        "{}",
        s.screen()
    );
    s.discard_and_quit();
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn ctrl_n_typing_and_one_ctrl_z_bring_the_placeholder_back() {
    let (_dir, path, before) = fixture("tui-backend-engineer.md");
    let mut s = Term::open(&path);
    s.wait_for("placeholders left");
    s.send(CTRL_N);
    s.wait_for("▶About");
    for c in "Paris".chars() {
        s.send(c.to_string().as_bytes());
        thread::sleep(Duration::from_millis(20));
    }
    s.wait_for("Paris builds");
    s.send(CTRL_Z);
    s.wait_for("[Company Name] builds");
    assert!(!s.screen().contains("Paris"), "{}", s.screen());
    // Back to the file's text: Ctrl-Q quits without asking.
    s.send(CTRL_Q);
    assert_eq!(s.wait_exit(), 0);
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

// ---- read-only files, Save as onto an existing file, a text that crashes the editor ----

/// Ctrl-S on a 0444 file replaces nothing: the editor says it is read-only and offers Save
/// as; `a` then a new name writes the edits there. Runs as whoever runs the tests: jobpost
/// treats a file without write permission as read-only for root too (as vim does).
#[test]
fn ctrl_s_on_a_read_only_file_replaces_nothing_and_save_as_writes_a_new_name() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, path, before) = fixture("tui-backend-engineer.md");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let home = dir.path().join("home");
    std::fs::create_dir(&home).unwrap();
    let mut s = Term::start_in(&home, &[path.as_os_str()], &[]);
    s.wait_for("placeholders left");
    s.send(CTRL_N);
    s.wait_for("▶About");
    s.send(b"Acme Ltd");
    s.wait_for("Acme Ltd");
    s.send(CTRL_S);
    s.wait_for("Read-only file");
    s.wait_for("tui-backend-engineer.md is read-only: you may not write it");
    s.wait_for("write anyway");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the file was replaced"
    );
    s.send(b"a");
    s.wait_for("Save as:");
    let copy = dir.path().join("copy.md");
    s.send(copy.to_str().unwrap().as_bytes());
    s.send(b"\r");
    s.wait_for("Saved copy.md");
    let expected = String::from_utf8(before.clone())
        .unwrap()
        .replace("[Company Name] builds", "Acme Ltd builds");
    assert_eq!(std::fs::read_to_string(&copy).unwrap(), expected);
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert_eq!(
        std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o444
    );
    // The posting is now the copy: Ctrl-S writes it without asking.
    s.send(b" more");
    s.send(CTRL_S);
    s.wait_for("Saved copy.md");
    s.send(CTRL_Q);
    assert_eq!(s.wait_exit(), 0);
    assert!(
        std::fs::read_to_string(&copy)
            .unwrap()
            .contains("Acme Ltd more")
    );
}

/// `w` writes a read-only file anyway (where its folder allows): it keeps its mode.
#[test]
fn w_writes_a_read_only_file_anyway_and_it_stays_read_only() {
    use std::os::unix::fs::PermissionsExt;
    let (_dir, path, before) = fixture("tui-backend-engineer.md");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let mut s = Term::open(&path);
    s.wait_for("placeholders left");
    s.send(CTRL_N);
    s.send(b"Acme Ltd");
    s.wait_for("Acme Ltd");
    s.send(CTRL_S);
    s.wait_for("write anyway");
    s.send(b"w");
    s.wait_for("Saved");
    s.send(CTRL_Q);
    assert_eq!(s.wait_exit(), 0);
    let expected = String::from_utf8(before)
        .unwrap()
        .replace("[Company Name] builds", "Acme Ltd builds");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), expected);
    assert_eq!(
        std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o444
    );
}

/// Save as onto a file that exists asks first: Esc keeps it (and the name can be changed),
/// `o` overwrites it. `~/` is the home folder.
#[test]
fn save_as_onto_an_existing_file_asks_o_or_esc_and_tilde_is_home() {
    let home = tempfile::tempdir().unwrap();
    let theirs = home.path().join("theirs.md");
    std::fs::write(&theirs, "their text\n").unwrap();
    let mut s = Term::start_in(home.path(), &[], &[]);
    s.wait_for("[new posting]");
    s.send(CTRL_N);
    s.send(b"Acme Ltd");
    s.wait_for("Acme Ltd");
    s.send(CTRL_S);
    s.wait_for("Save as:");
    s.send(b"~/theirs.md\r");
    s.wait_for("File exists");
    s.wait_for("theirs.md already exists");
    s.send(b"\x1b");
    s.wait_for("Save as: ~/theirs.md");
    assert_eq!(std::fs::read_to_string(&theirs).unwrap(), "their text\n");
    s.send(b"\r");
    s.wait_for("File exists");
    s.send(b"o");
    s.wait_for("Saved theirs.md");
    let text = std::fs::read_to_string(&theirs).unwrap();
    assert!(text.contains("Acme Ltd"), "{text}");
    assert!(!home.path().join("~").exists(), "a folder named ~ was made");
    s.send(CTRL_Q);
    assert_eq!(s.wait_exit(), 0);
}

/// A text that crashes the editor after it was recovered is set aside: the next start does
/// not offer it again, and the crash message says where it is.
#[test]
fn a_recovered_text_that_crashes_again_is_not_offered_a_third_time() {
    let (dir, path, before) = fixture("tui-backend-engineer.md");
    let home = dir.path().join("home");
    std::fs::create_dir(&home).unwrap();
    let fault = [("JOBPOST_FAULT_PANIC", "1"), ("RUST_BACKTRACE", "0")];
    let mut s = Term::start_in(&home, &[path.as_os_str()], &fault);
    s.wait_for("placeholders left");
    s.send(CTRL_N);
    s.send(b"Crash Co");
    s.wait_for("Crash Co");
    s.send(b"\x1b[24~");
    assert_eq!(s.wait_exit(), 101);
    the_one_recovery_file_holds(&home, "Crash Co builds");

    // Offered once more; recovered, it crashes again.
    let mut s = Term::start_in(&home, &[path.as_os_str()], &fault);
    s.wait_for("Recover unsaved edits");
    s.send(b"r");
    s.wait_for("Recovered unsaved text");
    s.send(b"\x1b[24~");
    assert_eq!(s.wait_exit(), 101);
    s.wait_for("not offered again");
    let files = recovery_files(&home);
    assert_eq!(files.len(), 1, "{files:?}");
    assert!(
        files[0].to_string_lossy().ends_with(".crashed"),
        "{files:?}"
    );
    let shown = s.screen().replace('\n', "");
    assert!(
        shown.contains(&*files[0].file_name().unwrap().to_string_lossy()),
        "{shown}"
    );

    // Not offered a third time: the posting opens as it is on disk.
    let mut s = Term::start_in(&home, &[path.as_os_str()], &[]);
    s.wait_for("placeholders left");
    assert!(!s.screen().contains("Recover unsaved edits"));
    s.send(CTRL_Q);
    assert_eq!(s.wait_exit(), 0);
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(
        std::fs::read_to_string(&files[0])
            .unwrap()
            .contains("Crash Co builds")
    );

    // `jobpost recovery` lists it apart, with the command that opens it; that command does.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_jobpost"))
        .arg("recovery")
        .env("HOME", &home)
        .env("XDG_DATA_HOME", home.join("xdg_data_home"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let listed = String::from_utf8(out.stdout).unwrap();
    assert!(listed.contains("Set aside after a crash"), "{listed}");
    let command = format!("jobpost --recover {}", files[0].display());
    assert!(listed.contains(&format!("hint: `{command}`")), "{listed}");
    let mut s = Term::start_in(&home, &["--recover".as_ref(), files[0].as_os_str()], &[]);
    s.wait_for("Recovered unsaved text");
    s.save_and_quit();
    let expected = String::from_utf8(before)
        .unwrap()
        .replace("[Company Name] builds", "Crash Co builds");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), expected);
    assert!(
        !files[0].exists(),
        "the set-aside file is removed once saved"
    );
}

/// The crash message's command opens the set-aside text from a shell even where the data
/// folder has a space in its name (macOS: `Application Support`).
#[test]
fn the_crash_hint_quotes_a_data_folder_with_a_space_for_the_shell() {
    let (dir, path, _) = fixture("tui-backend-engineer.md");
    let home = dir.path().join("home");
    let data = home.join("Application Support");
    std::fs::create_dir_all(&data).unwrap();
    let env = [
        ("JOBPOST_FAULT_PANIC", "1"),
        ("RUST_BACKTRACE", "0"),
        ("XDG_DATA_HOME", data.to_str().unwrap()),
    ];
    let mut s = Term::start_in(&home, &[path.as_os_str()], &env);
    s.wait_for("placeholders left");
    s.send(CTRL_N);
    s.send(b"Crash Co");
    s.wait_for("Crash Co");
    s.send(b"\x1b[24~");
    assert_eq!(s.wait_exit(), 101);
    let mut s = Term::start_in(&home, &[path.as_os_str()], &env);
    s.wait_for("Recover unsaved edits");
    s.send(b"r");
    s.wait_for("Recovered unsaved text");
    s.send(b"\x1b[24~");
    assert_eq!(s.wait_exit(), 101);
    s.wait_for("not offered again");
    let aside: Vec<_> = std::fs::read_dir(data.join("jobpost/recovery"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(aside.len(), 1, "{aside:?}");
    let hint = format!(
        "hint: `jobpost --recover '{}'` opens it",
        aside[0].display()
    );
    let shown = s.screen().replace('\n', "");
    assert!(shown.contains(&hint), "{hint}\n{shown}");
}

/// A review that panics (a bug in a rule, injected in debug builds) is a message: the editor
/// keeps running and the text, and saves it.
#[test]
fn a_review_that_panics_is_a_message_and_the_editor_keeps_the_text() {
    let (dir, path, before) = fixture("tui-backend-engineer.md");
    let text = String::from_utf8(before)
        .unwrap()
        .replace("[Company Name] builds", "FAULT-HERE [Company Name] builds");
    std::fs::write(&path, &text).unwrap();
    let home = dir.path().join("home");
    std::fs::create_dir(&home).unwrap();
    let mut s = Term::start_in(
        &home,
        &[path.as_os_str()],
        &[
            ("JOBPOST_FAULT_REVIEW", "FAULT-HERE"),
            ("RUST_BACKTRACE", "0"),
        ],
    );
    s.wait_for("placeholders left");
    s.send(b"\x1bOR"); // F3: the review panel
    s.wait_for("Review: 0 errors");
    s.wait_for("Review failed");
    s.wait_for("Your text is safe");
    assert!(!s.screen().contains("panicked"), "{}", s.screen());
    s.send(b"\x1b");
    s.wait_for("Outline");
    s.send(CTRL_N);
    s.wait_for("1/4 [Company Name]");
    s.send(b"Acme Ltd");
    s.wait_for("Acme Ltd");
    s.save_and_quit();
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        text.replace(
            "FAULT-HERE [Company Name] builds",
            "FAULT-HERE Acme Ltd builds"
        )
    );
}
