//! The real `jobpost` in a pseudo-terminal: its output fed to a vt100 parser and kept raw (to
//! see the terminal modes and OSC sequences it writes, which never reach the screen).

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// How long a test waits for the screen it expects.
pub const DEADLINE: Duration = Duration::from_secs(10);

pub struct Term {
    parser: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    _master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    pub child: Box<dyn Child + Send + Sync>,
}

impl Term {
    /// `jobpost FILE` at `cols`x`rows`, in `home` with HOME and the XDG folders under it,
    /// without NO_COLOR, plus `env`.
    pub fn spawn(file: &Path, home: &Path, rows: u16, cols: u16, env: &[(&str, &str)]) -> Term {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
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
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let mut reader = pair.master.try_clone_reader().unwrap();
        let (sink, log) = (Arc::clone(&parser), Arc::clone(&raw));
        thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                log.lock().unwrap().extend_from_slice(&buf[..n]);
                sink.lock().unwrap().process(&buf[..n]);
            }
        });
        let writer = pair.master.take_writer().unwrap();
        Term {
            parser,
            raw,
            _master: pair.master,
            writer,
            child,
        }
    }

    pub fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).unwrap();
        self.writer.flush().unwrap();
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

    /// Whether the program is in the alternate screen.
    pub fn alternate_screen(&self) -> bool {
        self.parser.lock().unwrap().screen().alternate_screen()
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
}
