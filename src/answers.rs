//! Saved answers: placeholder → the value last used for it, kept in
//! `$XDG_CONFIG_HOME/jobpost/answers.yaml` so the next posting from the same template fills in
//! seconds. The same file works as `jobpost fill --answers`. No terminal code here.
//!
//! Keys are written as the placeholder's text (`[Company Name]`); a key matches a placeholder
//! the way `jobpost fill` matches names, with or without delimiters, so hand-written
//! `Company Name: Acme` lines work too. A file that cannot be read or parsed is never
//! overwritten.

use std::path::{Path, PathBuf};

use crate::posting::frontmatter::{parse_string_map, to_yaml_string_map};
use crate::posting::{Placeholder, PlaceholderKind, normalize_name};
use crate::store::{self, StoreError};

/// Placeholder → last value, in file order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Answers {
    pairs: Vec<(String, String)>,
}

/// Why the answers file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum AnswersError {
    /// It exists but cannot be read (permissions, a folder, not UTF-8).
    #[error("{}: cannot read: {message}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// The OS error.
        message: String,
    },
    /// It is not a YAML mapping of names to plain values.
    #[error("{}{}: not an answers file: {message}", path.display(), line.map(|l| format!(":{l}")).unwrap_or_default())]
    Invalid {
        /// The file.
        path: PathBuf,
        /// 1-based line, when known.
        line: Option<usize>,
        /// What the parser said.
        message: String,
    },
    /// Writing failed; the file is as it was.
    #[error(transparent)]
    Write(#[from] StoreError),
}

impl Answers {
    /// Reads answers from YAML text (`name: value` lines).
    pub fn parse(text: &str) -> Result<Answers, crate::posting::YamlError> {
        parse_string_map(text).map(|pairs| Answers { pairs })
    }

    /// Loads the answers file; a missing file is no answers yet.
    pub fn load(path: &Path) -> Result<Answers, AnswersError> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Answers::default()),
            Err(e) => {
                return Err(AnswersError::Read {
                    path: path.to_path_buf(),
                    message: e.to_string(),
                });
            }
        };
        Answers::parse(&text).map_err(|e| AnswersError::Invalid {
            path: path.to_path_buf(),
            line: e.line,
            message: e.message,
        })
    }

    /// The pairs in file order, as `jobpost fill --answers` reads them.
    pub fn pairs(&self) -> &[(String, String)] {
        &self.pairs
    }

    /// Whether there are no answers.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// The saved value for a placeholder, given as its text (`[Company Name]`) or name.
    pub fn get(&self, placeholder: &str) -> Option<&str> {
        let want = normalize_name(placeholder);
        let raw = placeholder.trim();
        self.pairs
            .iter()
            .rev()
            .find(|(k, _)| k.trim() == raw || normalize_name(k) == want)
            .map(|(_, v)| v.as_str())
    }

    /// Remembers `value` for a placeholder: an existing entry for it (by text or name) gets
    /// the new value in place, keeping its spelling and position; otherwise one is added.
    pub fn set(&mut self, placeholder: &str, value: &str) {
        let want = normalize_name(placeholder);
        let raw = placeholder.trim();
        match self
            .pairs
            .iter_mut()
            .find(|(k, _)| k.trim() == raw || normalize_name(k) == want)
        {
            Some((_, v)) => *v = value.to_string(),
            None => self.pairs.push((raw.to_string(), value.to_string())),
        }
    }

    /// The answers as YAML text.
    pub fn to_yaml(&self) -> String {
        to_yaml_string_map(&self.pairs)
    }

    /// Writes the answers atomically, creating the folder if needed.
    pub fn save(&self, path: &Path) -> Result<(), AnswersError> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::Write {
                path: path.to_path_buf(),
                source,
            })?;
        }
        store::write_atomic(path, self.to_yaml().as_bytes())?;
        Ok(())
    }
}

/// Whether a placeholder's value is worth remembering: `TBD`, `TODO`, `XXX` and
/// `Lorem ipsum` mean something different in every place, so they are not.
pub fn worth_remembering(p: &Placeholder) -> bool {
    !matches!(p.kind, PlaceholderKind::Marker | PlaceholderKind::Lorem)
}

/// The editor's saved answers for one session: what was on disk when it opened, plus the
/// values filled since, written back (merged with the file as it is then) on save.
#[derive(Debug, Clone, Default)]
pub struct Session {
    /// Where the answers live; `None` when remembering is off or there is no home folder.
    path: Option<PathBuf>,
    /// Whether filled values are written back.
    remember: bool,
    /// The answers offered as defaults (from disk, updated by fills).
    known: Answers,
    /// Values filled since the last write, in order.
    pending: Vec<(String, String)>,
    /// Why the file is not used, if it could not be read.
    problem: Option<String>,
}

impl Session {
    /// No saved answers at all (tests, no home folder).
    pub fn off() -> Session {
        Session::default()
    }

    /// Opens the answers file at `path`. With `remember` off the file is still read for
    /// defaults but never written. A file that cannot be read is neither used nor written;
    /// [`Session::problem`] says why.
    pub fn open(path: PathBuf, remember: bool) -> Session {
        match Answers::load(&path) {
            Ok(known) => Session {
                path: Some(path),
                remember,
                known,
                pending: Vec::new(),
                problem: None,
            },
            Err(e) => Session {
                path: None,
                remember: false,
                known: Answers::default(),
                pending: Vec::new(),
                problem: Some(format!("{e} (not used, left as it is)")),
            },
        }
    }

    /// The user's answers file (`$XDG_CONFIG_HOME/jobpost/answers.yaml`), remembering unless
    /// `answers: {remember: false}` is set in the config for a posting in `posting_dir`. A
    /// config that cannot be read turns remembering off (and says so).
    pub fn discover(posting_dir: Option<&Path>) -> Session {
        let Some(paths) = crate::config::Paths::discover() else {
            return Session::off();
        };
        let (remember, config_problem) =
            match crate::config::Config::load(Some(&paths), posting_dir) {
                Ok(c) => (c.remember_answers, None),
                Err(e) => (false, Some(format!("{e} (answers are not remembered)"))),
            };
        let mut s = Session::open(paths.answers_file(), remember);
        if s.problem.is_none() {
            s.problem = config_problem;
        }
        s
    }

    /// Why saved answers are not in use, when the file could not be read.
    pub fn problem(&self) -> Option<&str> {
        self.problem.as_deref()
    }

    /// The value to offer for a placeholder.
    pub fn default_for(&self, placeholder: &str) -> Option<&str> {
        self.known.get(placeholder)
    }

    /// Notes a value the user filled (offered from now on; written on [`Session::flush`]).
    pub fn filled(&mut self, placeholder: &str, value: &str) {
        if value.trim().is_empty() {
            return;
        }
        self.known.set(placeholder, value);
        if self.remember {
            self.pending.retain(|(k, _)| k != placeholder);
            self.pending
                .push((placeholder.to_string(), value.to_string()));
        }
    }

    /// Whether there are values to write.
    pub fn dirty(&self) -> bool {
        self.remember && self.path.is_some() && !self.pending.is_empty()
    }

    /// Writes the filled values into the answers file, re-reading it first so answers another
    /// editor saved meanwhile are kept. Returns the number written; nothing is written when
    /// remembering is off or nothing was filled. A file that has become unreadable is left
    /// alone (an error).
    pub fn flush(&mut self) -> Result<usize, AnswersError> {
        let Some(path) = self.path.clone().filter(|_| self.dirty()) else {
            return Ok(0);
        };
        let mut on_disk = Answers::load(&path)?;
        for (k, v) in &self.pending {
            on_disk.set(k, v);
        }
        on_disk.save(&path)?;
        let n = self.pending.len();
        self.pending.clear();
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn get_matches_text_or_name_and_set_updates_in_place() {
        let mut a = Answers::parse("Company Name: Crumb\n\"[City]\": Leeds\n").unwrap();
        assert_eq!(a.get("[Company Name]"), Some("Crumb"));
        assert_eq!(a.get("{{ Company Name }}"), Some("Crumb"));
        assert_eq!(a.get("City"), Some("Leeds"));
        assert_eq!(a.get("[Nope]"), None);
        a.set("[Company Name]", "Acme");
        a.set("[Salary]", "lots");
        assert_eq!(
            a.pairs(),
            [
                ("Company Name".to_string(), "Acme".to_string()),
                ("[City]".to_string(), "Leeds".to_string()),
                ("[Salary]".to_string(), "lots".to_string()),
            ]
        );
        assert_eq!(Answers::parse(&a.to_yaml()).unwrap(), a);
    }

    #[test]
    fn a_missing_file_is_empty_and_a_bad_one_is_an_error_with_its_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("answers.yaml");
        assert!(Answers::load(&path).unwrap().is_empty());
        std::fs::write(&path, "a: 1\nb: [unclosed\n").unwrap();
        let e = Answers::load(&path).unwrap_err();
        assert!(matches!(e, AnswersError::Invalid { .. }), "{e}");
        assert!(e.to_string().contains("answers.yaml"), "{e}");
        std::fs::write(&path, "- a list\n").unwrap();
        assert!(Answers::load(&path).is_err());
    }

    #[test]
    fn save_creates_the_folder_and_round_trips() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config/jobpost/answers.yaml");
        let mut a = Answers::default();
        a.set("[Company Name]", "Acme: \"the best\"");
        a.set("{{ city }}", "Oslo");
        a.save(&path).unwrap();
        assert_eq!(Answers::load(&path).unwrap(), a);
    }

    #[test]
    fn a_session_merges_with_the_file_as_it_is_when_flushed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("answers.yaml");
        std::fs::write(&path, "City: Leeds\n").unwrap();
        let mut s = Session::open(path.clone(), true);
        assert_eq!(s.default_for("[City]"), Some("Leeds"));
        s.filled("[Company Name]", "Acme");
        s.filled("[Empty]", "  ");
        assert_eq!(s.default_for("[Company Name]"), Some("Acme"));
        // Another editor saved an answer meanwhile.
        std::fs::write(&path, "City: Leeds\nTeam: Platform\n").unwrap();
        assert_eq!(s.flush().unwrap(), 1);
        let back = Answers::load(&path).unwrap();
        assert_eq!(back.get("Team"), Some("Platform"));
        assert_eq!(back.get("Company Name"), Some("Acme"));
        assert_eq!(back.get("Empty"), None);
        assert_eq!(s.flush().unwrap(), 0);
    }

    #[test]
    fn remember_off_reads_defaults_but_never_writes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("answers.yaml");
        let mut s = Session::open(path.clone(), false);
        s.filled("[Company Name]", "Acme");
        assert_eq!(s.default_for("Company Name"), Some("Acme"));
        assert!(!s.dirty());
        assert_eq!(s.flush().unwrap(), 0);
        assert!(!path.exists());
    }

    #[test]
    fn an_invalid_file_is_reported_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("answers.yaml");
        let bad = "- a list\n- is not a mapping\n";
        std::fs::write(&path, bad).unwrap();
        let mut s = Session::open(path.clone(), true);
        assert!(s.problem().unwrap().contains("not an answers file"));
        s.filled("[Company Name]", "Acme");
        assert_eq!(s.flush().unwrap(), 0);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), bad);
    }

    #[test]
    fn markers_are_not_worth_remembering() {
        let p = crate::posting::Posting::parse("# A\n\nPay: TBD. [Company Name].\n");
        let kinds: Vec<bool> = p.placeholders().iter().map(worth_remembering).collect();
        assert_eq!(kinds, [false, true]);
    }
}
