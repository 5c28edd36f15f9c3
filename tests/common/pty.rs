//! The real `jobpost` in a pseudo-terminal: its output fed to a vt100 parser and kept raw (to
//! see the terminal modes and OSC sequences it writes, which never reach the screen). Tests
//! wait for text on screen (with a deadline) instead of sleeping.

use std::ffi::OsStr;
use std::io::{Read, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// How long a test waits for the screen it expects.
pub const DEADLINE: Duration = Duration::from_secs(10);

const CTRL_Q: &[u8] = b"\x11";
const CTRL_S: &[u8] = b"\x13";

pub struct Term {
    parser: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    pub child: Box<dyn Child + Send + Sync>,
    /// Asks the reader thread to stop (dropping its copy of the pty master).
    stop_reading: Arc<AtomicBool>,
    reader: Option<thread::JoinHandle<()>>,
    /// A home folder of the session's own, removed with it.
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

impl Term {
    /// `jobpost FILE` at 80x24 with a home folder of its own.
    pub fn open(file: &Path) -> Term {
        let home = tempfile::tempdir().unwrap();
        let mut term = Term::start_in(home.path(), &[file.as_os_str()], &[]);
        term._home = Some(home);
        term
    }

    /// `jobpost FILE` at `cols`x`rows`, in `home` with HOME and the XDG folders under it,
    /// without NO_COLOR, plus `env`.
    pub fn spawn(file: &Path, home: &Path, rows: u16, cols: u16, env: &[(&str, &str)]) -> Term {
        Term::launch(&[file.as_os_str()], home, rows, cols, env)
    }

    /// `jobpost ARGS...` at 80x24 as [`Term::spawn`] starts it; a second session in the same
    /// `home` finds the first one's recovery files and answers.
    pub fn start_in(home: &Path, args: &[&OsStr], env: &[(&str, &str)]) -> Term {
        Term::launch(args, home, 24, 80, env)
    }

    fn launch(args: &[&OsStr], home: &Path, rows: u16, cols: u16, env: &[(&str, &str)]) -> Term {
        let pair = native_pty_system().openpty(size(rows, cols)).unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_jobpost"));
        cmd.args(args);
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
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let stop_reading = Arc::new(AtomicBool::new(false));
        let mut reader = pair.master.try_clone_reader().unwrap();
        let (sink, log, stop) = (
            Arc::clone(&parser),
            Arc::clone(&raw),
            Arc::clone(&stop_reading),
        );
        let reader = thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                log.lock().unwrap().extend_from_slice(&buf[..n]);
                sink.lock().unwrap().process(&buf[..n]);
                if stop.load(Ordering::SeqCst) {
                    break;
                }
            }
        });
        let writer = pair.master.take_writer().unwrap();
        Term {
            parser,
            raw,
            master: pair.master,
            writer,
            child,
            stop_reading,
            reader: Some(reader),
            _home: None,
        }
    }

    pub fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).unwrap();
        self.writer.flush().unwrap();
    }

    /// Sends keys one write each, as typed (a write of several is read as a paste).
    pub fn type_keys(&mut self, keys: &[&[u8]]) {
        for k in keys {
            self.send(k);
            thread::sleep(Duration::from_millis(15));
        }
    }

    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// The screen's rows, each as wide as the terminal.
    pub fn rows(&self) -> Vec<String> {
        let p = self.parser.lock().unwrap();
        let (_, cols) = p.screen().size();
        p.screen().rows(0, cols).collect()
    }

    /// A look at the emulator's screen (cells, colours), holding it still meanwhile.
    pub fn with_screen<R>(&self, f: impl FnOnce(&vt100::Screen) -> R) -> R {
        f(self.parser.lock().unwrap().screen())
    }

    /// Whether the program is in the alternate screen.
    pub fn alternate_screen(&self) -> bool {
        self.parser.lock().unwrap().screen().alternate_screen()
    }

    /// Whether the program left the cursor hidden.
    pub fn cursor_hidden(&self) -> bool {
        self.parser.lock().unwrap().screen().hide_cursor()
    }

    /// Everything the program wrote so far, as text.
    pub fn raw(&self) -> String {
        String::from_utf8_lossy(&self.raw.lock().unwrap()).into_owned()
    }

    /// Whether the program wrote `bytes` to the terminal so far.
    pub fn wrote(&self, bytes: &[u8]) -> bool {
        let raw = self.raw.lock().unwrap();
        raw.windows(bytes.len()).any(|w| w == bytes)
    }

    #[track_caller]
    pub fn wait_for(&self, text: &str) {
        self.wait_until(text, || self.screen().contains(text));
    }

    /// Waits until `text` is no longer on screen.
    #[track_caller]
    pub fn wait_gone(&self, text: &str) {
        let start = Instant::now();
        while start.elapsed() < DEADLINE {
            if !self.screen().contains(text) {
                return;
            }
            thread::sleep(Duration::from_millis(20));
        }
        panic!("{text:?} stayed; screen:\n{}", self.screen());
    }

    #[track_caller]
    pub fn wait_until(&self, what: &str, done: impl Fn() -> bool) {
        let start = Instant::now();
        while start.elapsed() < DEADLINE {
            if done() {
                return;
            }
            thread::sleep(Duration::from_millis(20));
        }
        panic!("{what:?} never appeared; screen:\n{}", self.screen());
    }

    /// Resizes the emulator before the pty, holding the emulator's lock across both: output the
    /// program draws for the new size is then never parsed at the old one.
    pub fn resize(&mut self, rows: u16, cols: u16) {
        let mut parser = self.parser.lock().unwrap();
        parser.screen_mut().set_size(rows, cols);
        self.master.resize(size(rows, cols)).unwrap();
    }

    /// Waits for the process to exit; returns its exit code.
    #[track_caller]
    pub fn wait_exit(&mut self) -> u32 {
        let start = Instant::now();
        while start.elapsed() < DEADLINE {
            if let Some(status) = self.child.try_wait().unwrap() {
                // Let the reader thread take in the last bytes (the terminal restore).
                thread::sleep(Duration::from_millis(100));
                return status.exit_code();
            }
            thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        panic!("the editor did not exit; screen:\n{}", self.screen());
    }

    /// Ctrl-Q with nothing unsaved: the editor quits at once; its exit status.
    #[track_caller]
    pub fn quit(&mut self) -> u32 {
        self.send(CTRL_Q);
        self.wait_exit()
    }

    /// Ctrl-S, waits for "Saved", Ctrl-Q, and checks the editor exited with status 0.
    #[track_caller]
    pub fn save_and_quit(&mut self) {
        self.send(CTRL_S);
        self.wait_for("Saved");
        assert_eq!(self.quit(), 0);
    }

    /// Ctrl-Q, waits for the unsaved-changes prompt, `d`, and checks the editor exited with
    /// status 0.
    #[track_caller]
    pub fn discard_and_quit(&mut self) {
        self.send(CTRL_Q);
        self.wait_for("Unsaved changes");
        self.send(b"d");
        assert_eq!(self.wait_exit(), 0);
    }

    /// Closes every handle on the pty master, as sshd does when the connection drops: the
    /// kernel hangs up the terminal and sends SIGHUP. Gives back the child's exit status
    /// (panics if it does not exit within [`DEADLINE`]).
    pub fn hang_up(mut self) -> portable_pty::ExitStatus {
        self.stop_reading.store(true, Ordering::SeqCst);
        // One more frame wakes the reader thread so it sees the request and lets go.
        self.send(b"\x0c");
        if let Some(r) = self.reader.take() {
            r.join().unwrap();
        }
        let Term {
            master,
            writer,
            child,
            ..
        } = self;
        drop(writer);
        drop(master);
        let mut child = child;
        let start = Instant::now();
        loop {
            if let Some(status) = child.try_wait().unwrap() {
                return status;
            }
            if start.elapsed() > DEADLINE {
                let _ = child.kill();
                panic!("the editor did not exit after the hang-up");
            }
            thread::sleep(Duration::from_millis(20));
        }
    }
}
