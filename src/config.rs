//! Where jobpost keeps its files (via the `directories` crate, which honours the XDG
//! variables on Linux): config, saved answers, user templates and recovery files.
//!
//! # Config files
//!
//! `$XDG_CONFIG_HOME/jobpost/config.yaml` (the user's) and `.jobpost.yaml` (a team's, the
//! nearest one in the posting's folder or a parent, merged over the user's) share one shape.
//! Every key is optional; an unknown key, rule id, level or placeholder style is an error
//! (`error: FILE:LINE: message`, exit 2), never a silent default.
//!
//! ```yaml
//! rules:                      # rule id -> error | warning | info | off
//!   pay-range: error          # e.g. a team publishing in the EU
//!   length: off
//!   gendered-wording: info    # sets the verdict's level; single words are always info
//! required_sections:          # replaces the built-in list (company, responsibilities,
//!   company: [About us, Who we are, "About *"]    # qualifications); `*` = any words,
//!   qualifications: [Requirements, What you bring] # tried after plain phrases
//! jargon:                     # added to the built-in list: phrase -> suggestion
//!   synergy: working together
//! placeholders:
//!   patterns: ['\$\{\w+\}']   # a team's own placeholder style (regular expressions)
//!   disable: [marker]         # bracket, mustache, brace, percent, angle,
//!                             # screaming-snake, marker, lorem
//! answers:
//!   remember: false           # the editor does not save filled values to answers.yaml
//! ```
//!
//! Rule ids and default levels are the table `review::RULES` (`jobpost check --help` lists
//! them). In a team file, `rules:` and `jargon:` entries are added over the user's;
//! `required_sections:` replaces them whole (`jobpost config` prints the merge the same way).

use std::path::{Path, PathBuf};

use directories::ProjectDirs;

use crate::review::Level;
use crate::review::{RuleId, Rules};

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

/// One config file as written (`config.yaml` or a team's `.jobpost.yaml`). Serializable so
/// `jobpost config` can print the built-in defaults in the same shape (a key added here shows
/// up there by itself).
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    /// Rule id → level.
    #[serde(default)]
    pub rules: std::collections::BTreeMap<String, Level>,
    /// Required section kind → heading synonyms (replaces the built-in list).
    #[serde(default)]
    pub required_sections: Option<std::collections::BTreeMap<String, Vec<String>>>,
    /// Placeholder detection tuning.
    #[serde(default)]
    pub placeholders: PlaceholderConfig,
    /// Extra exclusionary words or phrases → a plainer suggestion (may be empty).
    #[serde(default)]
    pub jargon: std::collections::BTreeMap<String, String>,
    /// Saved answers.
    #[serde(default)]
    pub answers: AnswersConfig,
}

impl ConfigFile {
    /// The built-in defaults in a config file's shape: every rule at its default level, the
    /// built-in required sections and jargon, answers remembered. (`jobpost config` prints
    /// them first, with each file over them.)
    pub fn builtin() -> ConfigFile {
        let rules = Rules::default();
        ConfigFile {
            rules: crate::review::RULES
                .iter()
                .map(|r| (r.id.as_str().to_string(), r.default))
                .collect(),
            required_sections: Some(
                rules
                    .sections
                    .iter()
                    .map(|k| (k.name.clone(), k.phrases.clone()))
                    .collect(),
            ),
            jargon: rules
                .jargon
                .iter()
                .map(|j| (j.phrase.clone(), j.suggestion.clone()))
                .collect(),
            answers: AnswersConfig {
                remember: Some(true),
            },
            ..ConfigFile::default()
        }
    }
}

/// `placeholders:` in a config file.
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct PlaceholderConfig {
    /// Extra regular expressions for a team's own placeholder style.
    #[serde(default)]
    pub patterns: Vec<String>,
    /// Built-in styles to turn off (`bracket`, `mustache`, `brace`, `percent`, `angle`,
    /// `screaming-snake`, `marker`, `lorem`).
    #[serde(default)]
    pub disable: Vec<String>,
}

/// `answers:` in a config file.
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct AnswersConfig {
    /// Whether values filled in the editor are remembered in `answers.yaml` (default yes).
    pub remember: Option<bool>,
}

/// A config file that cannot be used: named, with the line where it goes wrong.
#[derive(Debug, thiserror::Error, PartialEq)]
#[error("{}{}: {message}", path.display(), line.map(|l| format!(":{l}")).unwrap_or_default())]
pub struct ConfigError {
    /// The file.
    pub path: PathBuf,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// What is wrong.
    pub message: String,
}

/// The config in force for one posting: the user's `config.yaml` with the nearest team
/// `.jobpost.yaml` (in the posting's folder or a parent) merged over it.
#[derive(Debug, Clone)]
pub struct Config {
    /// Rule id → level, where a file sets one.
    pub rules: std::collections::BTreeMap<RuleId, Level>,
    /// Required sections, when a file replaces the built-in list.
    pub required_sections: Option<std::collections::BTreeMap<String, Vec<String>>>,
    /// Placeholder detection options for the model.
    pub detect: std::sync::Arc<crate::posting::DetectOptions>,
    /// Extra jargon → suggestion.
    pub jargon: std::collections::BTreeMap<String, String>,
    /// Whether the editor remembers filled values.
    pub remember_answers: bool,
    /// The files read, user's first.
    pub sources: Vec<PathBuf>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            rules: Default::default(),
            required_sections: None,
            detect: Default::default(),
            jargon: Default::default(),
            remember_answers: true,
            sources: Vec::new(),
        }
    }
}

/// The name of a team's config file.
pub const TEAM_FILE: &str = ".jobpost.yaml";

impl Config {
    /// Loads the user's config (if `paths` is given and the file exists) and the nearest team
    /// file above `posting_dir`. A file that does not parse, has unknown keys, a bad level, an
    /// unknown placeholder style or a bad pattern is an error, never a silent default.
    pub fn load(paths: Option<&Paths>, posting_dir: Option<&Path>) -> Result<Config, ConfigError> {
        let mut files = Vec::new();
        if let Some(p) = paths {
            let f = p.config_file();
            if f.is_file() {
                files.push(f);
            }
        }
        if let Some(team) = posting_dir.and_then(find_team_file) {
            files.push(team);
        }
        let mut config = Config::default();
        let mut disabled = Vec::new();
        let mut patterns = Vec::new();
        for path in files {
            let text = std::fs::read_to_string(&path).map_err(|e| ConfigError {
                path: path.clone(),
                line: None,
                message: format!("cannot read: {e}"),
            })?;
            let file: ConfigFile = if text.trim().is_empty() {
                ConfigFile::default()
            } else {
                crate::yaml::from_str(&text).map_err(|e| ConfigError {
                    path: path.clone(),
                    line: e.line,
                    message: e.message,
                })?
            };
            let err = |message: String| ConfigError {
                path: path.clone(),
                line: None,
                message,
            };
            for (id, level) in file.rules {
                let rule = id.parse::<RuleId>().map_err(|e| ConfigError {
                    path: path.clone(),
                    line: key_line(&text, &id),
                    message: format!(
                        "{e} in `rules:` (known: {})",
                        crate::review::rules::UnknownRule::known()
                    ),
                })?;
                config.rules.insert(rule, level);
            }
            if file.required_sections.is_some() {
                config.required_sections = file.required_sections;
            }
            config.jargon.extend(file.jargon);
            if let Some(r) = file.answers.remember {
                config.remember_answers = r;
            }
            for style in &file.placeholders.disable {
                disabled.push(style.parse().map_err(err)?);
            }
            for pat in &file.placeholders.patterns {
                let re = regex::Regex::new(pat)
                    .map_err(|e| err(format!("placeholder pattern {pat:?}: {e}")))?;
                patterns.push(re);
            }
            config.sources.push(path);
        }
        config.detect = std::sync::Arc::new(crate::posting::DetectOptions { disabled, patterns });
        Ok(config)
    }
}

impl Config {
    /// What the review rules read from this config, compiled once: levels, required
    /// sections (or the built-in ones) and jargon added to the built-in list.
    pub fn rules(&self) -> Rules {
        Rules::new(
            self.rules.clone(),
            self.required_sections.as_ref(),
            &self.jargon,
        )
    }
}

/// The 1-based line of the first indented `key:` line naming `key` (for errors about a key
/// the YAML parser accepted).
fn key_line(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|l| {
            let t = l.trim_start().trim_start_matches(['"', '\'']);
            l.starts_with([' ', '\t'])
                && t.strip_prefix(key)
                    .is_some_and(|rest| rest.trim_start_matches(['"', '\'']).starts_with(':'))
        })
        .map(|i| i + 1)
}

/// The nearest `.jobpost.yaml` in `dir` or one of its parents.
pub fn find_team_file(dir: &Path) -> Option<PathBuf> {
    let start = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let abs = std::fs::canonicalize(start).unwrap_or_else(|_| start.to_path_buf());
    abs.ancestors()
        .map(|d| d.join(TEAM_FILE))
        .find(|f| f.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(dir: &Path) -> Paths {
        Paths {
            config_dir: dir.join("config"),
            data_dir: dir.join("data"),
        }
    }

    #[test]
    fn the_nearest_team_file_is_merged_over_the_users() {
        let dir = tempfile::tempdir().unwrap();
        let p = paths(dir.path());
        std::fs::create_dir_all(&p.config_dir).unwrap();
        std::fs::write(
            p.config_file(),
            "rules:\n  pay-range: warning\n  length: off\nanswers:\n  remember: false\n",
        )
        .unwrap();
        let repo = dir.path().join("repo");
        let sub = repo.join("postings/eng");
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(repo.join(TEAM_FILE), "rules:\n  pay-range: error\nplaceholders:\n  disable: [marker]\n  patterns: ['\\$\\{\\w+\\}']\n").unwrap();
        let c = Config::load(Some(&p), Some(&sub)).unwrap();
        assert_eq!(c.rules[&RuleId::PayRange], Level::Error);
        assert_eq!(c.rules[&RuleId::Length], Level::Off);
        assert!(!c.remember_answers);
        assert_eq!(c.detect.disabled, [crate::posting::PlaceholderKind::Marker]);
        assert_eq!(c.detect.patterns.len(), 1);
        assert_eq!(c.sources.len(), 2);
    }

    #[test]
    fn a_bad_config_names_the_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        let p = paths(dir.path());
        std::fs::create_dir_all(&p.config_dir).unwrap();
        std::fs::write(p.config_file(), "rules:\n  pay-range: loud\n").unwrap();
        let e = Config::load(Some(&p), None).unwrap_err();
        assert_eq!(e.path, p.config_file());
        assert_eq!(e.line, Some(2));
        assert!(
            e.message.contains("loud") || e.message.contains("variant"),
            "{e}"
        );
        std::fs::write(p.config_file(), "rulez: {}\n").unwrap();
        let e = Config::load(Some(&p), None).unwrap_err();
        assert!(e.to_string().contains("rulez"), "{e}");
        std::fs::write(
            p.config_file(),
            "rules:\n  length: off\n  pay-ranges: error\n",
        )
        .unwrap();
        let e = Config::load(Some(&p), None).unwrap_err();
        assert_eq!(e.line, Some(3));
        assert!(e.message.starts_with("unknown rule \"pay-ranges\""), "{e}");
        std::fs::write(p.config_file(), "placeholders:\n  disable: [squiggly]\n").unwrap();
        let e = Config::load(Some(&p), None).unwrap_err();
        assert!(e.message.contains("squiggly"), "{e}");
    }

    #[test]
    fn no_files_means_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let c = Config::load(Some(&paths(dir.path())), Some(dir.path())).unwrap();
        assert!(c.rules.is_empty() && c.remember_answers && c.sources.is_empty());
    }
}
