//! Whole-program tests of the mouse and the external editor: the real binary in a
//! pseudo-terminal, its raw output kept (to see which terminal modes it sets) and fed to a
//! vt100 parser.

mod common;

use std::path::Path;
use std::thread;
use std::time::Duration;

use common::pty::Term;
const MOUSE_ON: &str = "\x1b[?1000h";
const MOUSE_OFF: &str = "\x1b[?1000l";

/// Where `text` is on screen (0-based column, row).
fn find(s: &Term, text: &str) -> (u16, u16) {
    let screen = s.screen();
    for (y, line) in screen.lines().enumerate() {
        if let Some(i) = line.find(text) {
            return (line[..i].chars().count() as u16, y as u16);
        }
    }
    panic!("{text:?} not on screen:\n{screen}");
}

/// A left click at (x, y) as an xterm sends it in SGR mode (1-based).
fn click(s: &mut Term, x: u16, y: u16) {
    let press = format!("\x1b[<0;{};{}M", x + 1, y + 1);
    let release = format!("\x1b[<0;{};{}m", x + 1, y + 1);
    s.send(press.as_bytes());
    s.send(release.as_bytes());
}

fn posting(dir: &Path) -> std::path::PathBuf {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tui-backend-engineer.md");
    let path = dir.join("posting.md");
    std::fs::copy(src, &path).unwrap();
    path
}

#[test]
fn the_mouse_is_captured_clicks_focus_and_capture_ends_on_exit() {
    let home = tempfile::tempdir().unwrap();
    let file = posting(home.path());
    let mut s = Term::start_in(home.path(), &[file.as_os_str()], &[]);
    s.wait_for("placeholders left");
    assert!(s.raw().contains(MOUSE_ON), "mouse capture not enabled");
    let (x, y) = find(&s, "Pay");
    click(&mut s, x, y);
    s.wait_for("┏ ## Pay");
    assert_eq!(s.quit(), 0);
    let raw = s.raw();
    assert!(
        raw.rfind(MOUSE_OFF) > raw.rfind(MOUSE_ON),
        "mouse capture left on at exit"
    );
}

#[test]
fn config_mouse_false_leaves_the_mouse_to_the_terminal() {
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("xdg_config_home/jobpost");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("config.yaml"), "mouse: false\n").unwrap();
    let file = posting(home.path());
    let mut s = Term::start_in(home.path(), &[file.as_os_str()], &[]);
    s.wait_for("placeholders left");
    // A click the terminal would have kept for its selection changes nothing.
    let (x, y) = find(&s, "Pay");
    click(&mut s, x, y);
    s.send(b"\x0c");
    thread::sleep(Duration::from_millis(300));
    assert!(!s.screen().contains("┏ ## Pay"), "{}", s.screen());
    assert_eq!(s.quit(), 0);
    assert!(!s.raw().contains(MOUSE_ON), "mouse capture enabled");
}

#[cfg(unix)]
#[test]
fn ctrl_e_runs_visual_and_the_terminal_comes_back_redrawn() {
    use std::os::unix::fs::PermissionsExt;
    let home = tempfile::tempdir().unwrap();
    let file = posting(home.path());
    let editor = home.path().join("editor.sh");
    std::fs::write(
        &editor,
        "#!/bin/sh\nsed -i 's/\\[Company Name\\] builds/Acme Ltd builds/' \"$1\"\n",
    )
    .unwrap();
    std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).unwrap();
    let editor = editor.display().to_string();
    let mut s = Term::start_in(
        home.path(),
        &[file.as_os_str()],
        &[("VISUAL", editor.as_str()), ("EDITOR", "false")],
    );
    s.wait_for("placeholders left");
    let (x, y) = find(&s, "About [Company");
    click(&mut s, x, y);
    s.wait_for("┏ ## About");
    s.send(b"\x05");
    s.wait_for("Acme Ltd builds");
    s.wait_for("Ctrl-Z undoes it");
    assert!(s.alternate_screen());
    // Modes come back: the mouse capture is on again.
    assert!(s.raw().matches(MOUSE_ON).count() >= 2);
    s.send(b"\x1a");
    s.wait_for("[Company Name] builds");
    assert_eq!(s.quit(), 0);
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("[Company Name] builds")
    );
}

#[cfg(unix)]
#[test]
fn ctrl_c_in_the_editor_reaches_the_editor_only() {
    use std::os::unix::fs::PermissionsExt;
    let home = tempfile::tempdir().unwrap();
    let file = posting(home.path());
    let editor = home.path().join("editor.sh");
    // What Ctrl-C does: SIGINT to every process of the terminal's foreground group.
    std::fs::write(
        &editor,
        "#!/bin/sh\necho ruined > \"$1\"\nkill -INT 0\nsleep 5\n",
    )
    .unwrap();
    std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).unwrap();
    let editor = editor.display().to_string();
    let mut s = Term::start_in(
        home.path(),
        &[file.as_os_str()],
        &[("VISUAL", editor.as_str())],
    );
    s.wait_for("placeholders left");
    s.send(b"\x05");
    s.wait_for("nothing changed");
    assert!(s.screen().contains("placeholders left"));
    assert!(!s.screen().contains("ruined"));
    assert_eq!(s.quit(), 0);
}
