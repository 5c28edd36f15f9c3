//! Whole-program tests: the real `jobpost` binary in a pseudo-terminal, its output fed to a
//! vt100 parser on a reader thread; tests wait for text on screen (with a deadline) instead
//! of sleeping.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

const DEADLINE: Duration = Duration::from_secs(10);

struct Session {
    parser: Arc<Mutex<vt100::Parser>>,
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    _home: Option<tempfile::TempDir>,
}

fn size(rows: u16, cols: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

impl Session {
    fn start(file: &Path) -> Session {
        let home = tempfile::tempdir().unwrap();
        let mut s = Session::start_in(file, home.path());
        s._home = Some(home);
        s
    }

    /// Starts the editor with HOME and the XDG folders under `home` (kept by the caller, so
    /// a second session sees what the first one saved there).
    fn start_in(file: &Path, home: &Path) -> Session {
        let pair = native_pty_system().openpty(size(24, 80)).unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_jobpost"));
        cmd.arg(file);
        cmd.cwd(home);
        cmd.env("TERM", "xterm-256color");
        cmd.env("HOME", home);
        for var in [
            "XDG_CONFIG_HOME",
            "XDG_DATA_HOME",
            "XDG_STATE_HOME",
            "XDG_CACHE_HOME",
        ] {
            cmd.env(var, home.join(var.to_lowercase()));
        }
        cmd.env_remove("NO_COLOR");
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(24, 80, 0)));
        let mut reader = pair.master.try_clone_reader().unwrap();
        let sink = Arc::clone(&parser);
        thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().process(&buf[..n]);
            }
        });
        let writer = pair.master.take_writer().unwrap();
        Session {
            parser,
            master: pair.master,
            writer,
            child,
            _home: None,
        }
    }

    fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).unwrap();
        self.writer.flush().unwrap();
    }

    fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    #[track_caller]
    fn wait_for(&self, text: &str) {
        let start = Instant::now();
        while start.elapsed() < DEADLINE {
            if self.screen().contains(text) {
                return;
            }
            thread::sleep(Duration::from_millis(20));
        }
        panic!("{text:?} never appeared; screen:\n{}", self.screen());
    }

    /// Resizes the emulator before the pty, holding the emulator's lock across both: output the
    /// program draws for the new size is then never parsed at the old one.
    fn resize(&mut self, rows: u16, cols: u16) {
        let mut parser = self.parser.lock().unwrap();
        parser.screen_mut().set_size(rows, cols);
        self.master.resize(size(rows, cols)).unwrap();
    }

    /// Waits for the process to exit; returns its exit code.
    fn wait_exit(&mut self) -> u32 {
        let start = Instant::now();
        while start.elapsed() < DEADLINE {
            if let Some(status) = self.child.try_wait().unwrap() {
                // Let the reader thread drain the last bytes (the terminal restore).
                thread::sleep(Duration::from_millis(100));
                return status.exit_code();
            }
            thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        panic!("the editor did not exit; screen:\n{}", self.screen());
    }

    fn restored(&self) -> (bool, bool) {
        let p = self.parser.lock().unwrap();
        (p.screen().alternate_screen(), p.screen().hide_cursor())
    }
}

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
    let mut s = Session::start(&path);
    s.wait_for("placeholders left");
    s.send(CTRL_N);
    s.wait_for("▶About");
    s.send(b"Acme Ltd");
    s.wait_for("Acme Ltd");
    s.send(CTRL_S);
    s.wait_for("Saved");
    s.send(CTRL_Q);
    assert_eq!(s.wait_exit(), 0);
    let expected = String::from_utf8(before)
        .unwrap()
        .replace("[Company Name] builds", "Acme Ltd builds");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), expected);
    let (alternate, hidden) = s.restored();
    assert!(!alternate, "left in the alternate screen");
    assert!(!hidden, "cursor left hidden");
}

#[test]
fn quit_and_discard_writes_nothing() {
    let (_dir, path, before) = fixture("tui-backend-engineer.md");
    let mut s = Session::start(&path);
    s.wait_for("placeholders left");
    s.send(CTRL_N);
    s.send(b"Typed but not kept");
    s.wait_for("[+]");
    s.send(CTRL_Q);
    s.wait_for("Unsaved changes");
    s.send(b"d");
    assert_eq!(s.wait_exit(), 0);
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(!s.restored().0);
}

#[test]
fn resize_storm_while_typing_does_not_panic() {
    let (_dir, path, before) = fixture("tui-backend-engineer.md");
    let mut s = Session::start(&path);
    s.wait_for("placeholders left");
    let sizes = [
        (5, 10),
        (24, 80),
        (15, 60),
        (3, 3),
        (10, 40),
        (9, 39),
        (50, 200),
        (1, 1),
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
    s.send(CTRL_Q);
    s.wait_for("Unsaved changes");
    s.send(b"d");
    assert_eq!(s.wait_exit(), 0);
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn f2_fills_the_product_owner_template_and_the_next_copy_offers_the_answers() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("po.md");
    std::fs::write(&first, jobpost::templates::PRODUCT_OWNER).unwrap();
    let mut s = Session::start_in(&first, home.path());
    s.wait_for("4 placeholders left");
    s.send(b"\x1bOQ"); // F2
    s.wait_for("Fill form");
    s.send(b"Oslo, Norway\tAcme\tfintech\tmaking payments simple\r");
    s.wait_for("all filled");
    s.send(CTRL_S);
    s.wait_for("answers remembered");
    s.send(CTRL_Q);
    assert_eq!(s.wait_exit(), 0);
    let expected = jobpost::templates::PRODUCT_OWNER
        .replace("[Your City, Your State/Country]", "Oslo, Norway")
        .replace("[Company Name]", "Acme")
        .replace("[industry/type]", "fintech")
        .replace(
            "[brief description of company mission or products/services]",
            "making payments simple",
        );
    assert_eq!(std::fs::read_to_string(&first).unwrap(), expected);
    assert!(
        home.path()
            .join("xdg_config_home/jobpost/answers.yaml")
            .is_file()
    );

    let second = dir.path().join("po2.md");
    std::fs::write(&second, jobpost::templates::PRODUCT_OWNER).unwrap();
    let mut s = Session::start_in(&second, home.path());
    s.wait_for("4 placeholders left");
    s.send(b"\x1bOQ");
    s.wait_for("Fill form");
    for value in [
        "› Oslo, Norway",
        "› Acme",
        "› fintech",
        "› making payments simple",
    ] {
        s.wait_for(value);
    }
    s.send(CTRL_S); // applies the form
    s.wait_for("all filled");
    s.send(CTRL_S); // saves
    s.wait_for("Saved");
    s.send(CTRL_Q);
    assert_eq!(s.wait_exit(), 0);
    assert_eq!(std::fs::read_to_string(&second).unwrap(), expected);
}
