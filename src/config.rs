//! Where jobpost keeps its files (via the `directories` crate, which honours the XDG
//! variables on Linux): config, saved answers, user templates and recovery files.

use std::path::{Path, PathBuf};

use directories::ProjectDirs;

/// The folders jobpost uses for the current user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    /// `$XDG_CONFIG_HOME/jobpost`: `config.yaml` and `answers.yaml`.
    pub config_dir: PathBuf,
    /// `$XDG_DATA_HOME/jobpost`: user templates, recovery files and backups.
    pub data_dir: PathBuf,
}

impl Paths {
    /// The user's folders, or `None` when no home folder can be found.
    pub fn discover() -> Option<Self> {
        let dirs = ProjectDirs::from("", "", "jobpost")?;
        Some(Paths {
            config_dir: dirs.config_dir().to_path_buf(),
            data_dir: dirs.data_dir().to_path_buf(),
        })
    }

    /// The config file: placeholder patterns, required sections, rule levels.
    pub fn config_file(&self) -> PathBuf {
        self.config_dir.join("config.yaml")
    }

    /// The saved answers: placeholder text → last value used.
    pub fn answers_file(&self) -> PathBuf {
        self.config_dir.join("answers.yaml")
    }

    /// The user's own templates, `*.md`.
    pub fn templates_dir(&self) -> PathBuf {
        self.data_dir.join("templates")
    }

    /// Where recovery files go after a dropped session or a crash.
    pub fn recovery_dir(&self) -> PathBuf {
        self.data_dir.join("recovery")
    }
}

/// The `*.md` files directly in `dir`, sorted by path. A missing or unreadable folder has none.
pub fn markdown_files_in(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "md") && p.is_file())
        .collect();
    files.sort();
    files
}
