//! A scratch folder for running the real `jobpost` binary as a user would: a copy of
//! `tests/fixtures/` as `work/`, its own HOME and XDG folders (so the user's files never
//! matter), and snapshots of exit status, stdout and stderr together. Shared by the CLI test
//! files (`mod scratch;`).
#![allow(dead_code)]

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// A scratch folder holding a copy of `tests/fixtures/` as `work/`, plus empty
/// `home/`, `config/` and `data/` folders for the program's own files.
pub struct Scratch {
    pub dir: tempfile::TempDir,
}

impl Scratch {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        for sub in ["home", "config", "data"] {
            fs::create_dir(dir.path().join(sub)).unwrap();
        }
        copy_dir(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"),
            &dir.path().join("work"),
        );
        Scratch { dir }
    }

    pub fn work(&self) -> PathBuf {
        self.dir.path().join("work")
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.work().join(rel)
    }

    pub fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) {
        let p = self.path(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, bytes).unwrap();
    }

    pub fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.path(rel)).unwrap()
    }

    pub fn user_templates(&self) -> PathBuf {
        self.dir.path().join("data/jobpost/templates")
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.run_with(args, None, &[])
    }

    /// Runs with bytes on standard input (none: `/dev/null`) and extra environment variables.
    pub fn run_with(&self, args: &[&str], stdin: Option<&[u8]>, env: &[(&str, &str)]) -> Output {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_jobpost"));
        cmd.args(args)
            .current_dir(self.work())
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.dir.path().join("home"))
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"))
            .env("XDG_DATA_HOME", self.dir.path().join("data"))
            .envs(env.iter().copied())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .stdin(if stdin.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            });
        let mut child = cmd.spawn().unwrap();
        if let Some(bytes) = stdin {
            let mut input = child.stdin.take().unwrap();
            let bytes = bytes.to_vec();
            // Written on a thread: a program that answers before reading all must not block.
            std::thread::spawn(move || {
                let _ = input.write_all(&bytes);
            });
        }
        child.wait_with_output().unwrap()
    }

    /// Runs and renders status, stdout and stderr as one text, scratch paths as `[TMP]`.
    pub fn snap(&self, args: &[&str]) -> String {
        self.snap_with(args, None, &[])
    }

    /// [`Scratch::snap`] with standard input and environment variables.
    pub fn snap_with(&self, args: &[&str], stdin: Option<&[u8]>, env: &[(&str, &str)]) -> String {
        self.render(&self.run_with(args, stdin, env))
    }

    /// Status, stdout and stderr as one text, scratch paths as `[TMP]`.
    pub fn render(&self, out: &Output) -> String {
        let text = format!(
            "status: {}\n--- stdout\n{}--- stderr\n{}",
            out.status.code().map_or("signal".into(), |c| c.to_string()),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr),
        );
        self.tidy(&text)
    }

    /// Text with the scratch folder's path written as `[TMP]`.
    pub fn tidy(&self, text: &str) -> String {
        let real = self.dir.path().canonicalize().unwrap();
        text.replace(&real.display().to_string(), "[TMP]")
            .replace(&self.dir.path().display().to_string(), "[TMP]")
    }
}

pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}
