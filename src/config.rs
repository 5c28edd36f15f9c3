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
//! rules:                      # rule id -> error | warning | info | off, or a mapping
//!   pay-range: error          # e.g. a team publishing in the EU
//!   length: off
//!   gendered-wording:         # `info` alone sets the verdict's level (words are info);
//!     level: warning          # a mapping may also set how it counts: `research` (the
//!     mode: context           # default, Gender Decoder's measure) or `context`
//! required_sections:          # replaces the built-in list (company, responsibilities,
//!   company: [About us, Who we are, "About *"]    # qualifications); `*` = any words,
//!   qualifications: [Requirements, What you bring] # tried after plain phrases
//! jargon:                     # added to the built-in list: phrase -> suggestion
//!   synergy: working together
//! languages:                  # added to the built-in languages (assets/languages/*.yaml):
//!   de:                       # words for a built-in language code are added to it;
//!     employment-type:        # a new code adds a language (with `detect:`, its ISO
//!       words: [Minijob]      # 639-3 code, it is also recognised in text)
//!   sv:
//!     name: Swedish
//!     detect: swe
//!     sections: {company: [Om oss], responsibilities: [Arbetsuppgifter]}
//! placeholders:
//!   patterns: ['\$\{\w+\}']   # a team's own placeholder style (regular expressions)
//!   disable: [marker]         # bracket, mustache, brace, percent, angle,
//!                             # screaming-snake, marker, lorem
//! answers:
//!   remember: false           # the editor does not save filled values to answers.yaml
//! mouse: false                # the editor leaves the mouse to the terminal (its selection)
//! text_width: 80              # columns of text per line in the editor (default 100, 0 = all)
//! text_align: left            # a narrower text sits left (default center)
//! ```
//!
//! Rule ids and default levels are the table `review::RULES` (`jobpost check --help` lists
//! them). In a team file, `rules:`, `jargon:` and `languages:` entries are added over the
//! user's; `required_sections:` replaces them whole (`jobpost config` prints the merge the
//! same way).

use std::path::{Path, PathBuf};

use directories::ProjectDirs;

use crate::review::lang::LanguageData;
use crate::review::{GenderMode, Level, RuleId, Rules};

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
    /// Rule id → level, or a mapping with the level and options.
    #[serde(default)]
    pub rules: std::collections::BTreeMap<String, RuleSetting>,
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
    /// Languages: words added to a built-in one, or a new one (the built-in ones are
    /// `assets/languages/`, not printed with the defaults).
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub languages: std::collections::BTreeMap<String, LanguageData>,
    /// Whether the editor takes the mouse (default yes; `false` leaves selection to the
    /// terminal).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mouse: Option<bool>,
    /// The most columns of text per line in the editor (default 100; 0 = the pane's width).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_width: Option<u16>,
    /// Where a text narrower than the screen sits: `center` (default) or `left`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_align: Option<crate::tui::wide::Align>,
}

/// A rule's entry under `rules:`: a level, or `{level: warning, mode: context}`.
#[derive(Debug, Clone, PartialEq)]
pub enum RuleSetting {
    /// Just the level.
    Level(Level),
    /// A level and options.
    Options(RuleOptions),
}

/// The mapping form of a rule's entry.
#[derive(Debug, Clone, Default, PartialEq, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct RuleOptions {
    /// The level, when set.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<Level>,
    /// How `gendered-wording` counts (that rule only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mode: Option<GenderMode>,
}

impl serde::Serialize for RuleSetting {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            RuleSetting::Level(level) => level.serialize(s),
            RuleSetting::Options(o) => o.serialize(s),
        }
    }
}

impl<'de> serde::Deserialize<'de> for RuleSetting {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::{self, IntoDeserializer, MapAccess, Visitor};
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RuleSetting;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a level (error, warning, info, off) or a mapping like {level: warning, mode: context}")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RuleSetting, E> {
                let d: de::value::StrDeserializer<'_, E> = v.into_deserializer();
                serde::Deserialize::deserialize(d).map(RuleSetting::Level)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RuleSetting, A::Error> {
                serde::Deserialize::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(RuleSetting::Options)
            }
        }
        d.deserialize_any(V)
    }
}

impl ConfigFile {
    /// The built-in defaults in a config file's shape: every rule at its default level, the
    /// built-in required sections (of every language) and jargon, answers remembered; the
    /// built-in languages' other words are in `assets/languages/` and not repeated here.
    /// (`jobpost config` prints them first, with each file over them.)
    pub fn builtin() -> ConfigFile {
        let rules = Rules::default();
        ConfigFile {
            rules: crate::review::RULES
                .iter()
                .map(|r| (r.id.as_str().to_string(), RuleSetting::Level(r.default)))
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
            mouse: Some(true),
            text_width: Some(crate::tui::wide::TEXT_WIDTH),
            text_align: Some(crate::tui::wide::Align::Center),
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
    /// How `gendered-wording` counts, when a file sets it.
    pub gender_mode: Option<GenderMode>,
    /// Team languages, in the order the files give them (user's first).
    pub languages: Vec<(String, LanguageData)>,
    /// The files read, user's first.
    pub sources: Vec<PathBuf>,
    /// Whether the editor takes the mouse.
    pub mouse: bool,
    /// How wide the editor sets text, and where.
    pub view: crate::tui::wide::View,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            rules: Default::default(),
            required_sections: None,
            detect: Default::default(),
            jargon: Default::default(),
            remember_answers: true,
            gender_mode: None,
            languages: Vec::new(),
            sources: Vec::new(),
            mouse: true,
            view: Default::default(),
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
            for (id, setting) in file.rules {
                let rule = id.parse::<RuleId>().map_err(|e| ConfigError {
                    path: path.clone(),
                    line: key_line(&text, &id),
                    message: format!(
                        "{e} in `rules:` (known: {})",
                        crate::review::rules::UnknownRule::known()
                    ),
                })?;
                let level = match setting {
                    RuleSetting::Level(level) => Some(level),
                    RuleSetting::Options(o) => {
                        if let Some(mode) = o.mode {
                            if rule != RuleId::GenderedWording {
                                return Err(ConfigError {
                                    path: path.clone(),
                                    line: key_line(&text, &id),
                                    message: format!(
                                        "`mode` in `rules: {id}`: only gendered-wording has a mode"
                                    ),
                                });
                            }
                            config.gender_mode = Some(mode);
                        }
                        o.level
                    }
                };
                if let Some(level) = level {
                    config.rules.insert(rule, level);
                }
            }
            for (code, data) in file.languages {
                if let Some(d) = data.detect.as_deref()
                    && !crate::review::lang::known_detect_code(d)
                {
                    return Err(ConfigError {
                        path: path.clone(),
                        line: key_line(&text, "detect"),
                        message: format!(
                            "`detect: {d}` in `languages: {code}` is not an ISO 639-3 code the text detector knows (e.g. swe, pol, tur)"
                        ),
                    });
                }
                config.languages.push((code, data));
            }
            if file.required_sections.is_some() {
                config.required_sections = file.required_sections;
            }
            config.jargon.extend(file.jargon);
            if let Some(r) = file.answers.remember {
                config.remember_answers = r;
            }
            if let Some(m) = file.mouse {
                config.mouse = m;
            }
            if let Some(w) = file.text_width {
                config.view.text_width = w;
            }
            if let Some(a) = file.text_align {
                config.view.align = a;
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
    /// sections (or the built-in ones), jargon and languages added to the built-in ones,
    /// and how `gendered-wording` counts.
    pub fn rules(&self) -> Rules {
        Rules::new(
            self.rules.clone(),
            self.required_sections.as_ref(),
            &self.jargon,
        )
        .with_gender_mode(self.gender_mode.unwrap_or_default())
        .with_languages(&self.languages)
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
    fn editor_settings_default_to_mouse_on_and_100_columns_centred() {
        let dir = tempfile::tempdir().unwrap();
        let p = paths(dir.path());
        let c = Config::load(Some(&p), None).unwrap();
        assert!(c.mouse);
        assert_eq!(c.view, crate::tui::wide::View::default());
        std::fs::create_dir_all(&p.config_dir).unwrap();
        std::fs::write(
            p.config_file(),
            "mouse: false\ntext_width: 72\ntext_align: left\n",
        )
        .unwrap();
        let c = Config::load(Some(&p), None).unwrap();
        assert!(!c.mouse);
        assert_eq!(c.view.text_width, 72);
        assert_eq!(c.view.align, crate::tui::wide::Align::Left);
        std::fs::write(p.config_file(), "text_align: middle\n").unwrap();
        let e = Config::load(Some(&p), None).unwrap_err();
        assert!(e.message.contains("middle"), "{e}");
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
    fn a_rule_takes_a_level_or_a_mapping_and_only_gendered_wording_a_mode() {
        let dir = tempfile::tempdir().unwrap();
        let p = paths(dir.path());
        std::fs::create_dir_all(&p.config_dir).unwrap();
        std::fs::write(
            p.config_file(),
            "rules:\n  length: off\n  gendered-wording:\n    level: error\n    mode: context\n",
        )
        .unwrap();
        let c = Config::load(Some(&p), None).unwrap();
        assert_eq!(c.rules[&RuleId::GenderedWording], Level::Error);
        assert_eq!(c.rules[&RuleId::Length], Level::Off);
        assert_eq!(c.gender_mode, Some(GenderMode::Context));
        assert_eq!(c.rules().gender_mode, GenderMode::Context);

        std::fs::write(
            p.config_file(),
            "rules:\n  gendered-wording: {mode: context}\n",
        )
        .unwrap();
        let c = Config::load(Some(&p), None).unwrap();
        assert!(!c.rules.contains_key(&RuleId::GenderedWording));
        assert_eq!(c.rules().gender_mode, GenderMode::Context);

        std::fs::write(p.config_file(), "rules:\n  length: {mode: context}\n").unwrap();
        let e = Config::load(Some(&p), None).unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(
            e.message.contains("only gendered-wording has a mode"),
            "{e}"
        );
        std::fs::write(
            p.config_file(),
            "rules:\n  gendered-wording: {mode: strict}\n",
        )
        .unwrap();
        let e = Config::load(Some(&p), None).unwrap_err();
        assert!(
            e.message.contains("strict") && e.message.contains("research"),
            "{e}"
        );
    }

    #[test]
    fn teams_add_languages_and_words() {
        let dir = tempfile::tempdir().unwrap();
        let p = paths(dir.path());
        std::fs::create_dir_all(&p.config_dir).unwrap();
        std::fs::write(
            p.config_file(),
            "languages:\n  de:\n    employment-type:\n      words: [Minijobber]\n  sv:\n    name: Swedish\n    detect: swe\n    sections:\n      company: [Om oss]\n",
        )
        .unwrap();
        let c = Config::load(Some(&p), None).unwrap();
        let rules = c.rules();
        let sv = rules.lexicon.language("sv").unwrap();
        assert_eq!(sv.name, "Swedish");
        assert!(rules.sections[0].phrases.iter().any(|p| p == "Om oss"));

        std::fs::write(p.config_file(), "languages:\n  sv:\n    detect: swedish\n").unwrap();
        let e = Config::load(Some(&p), None).unwrap_err();
        assert_eq!(e.line, Some(3));
        assert!(e.message.contains("ISO 639-3"), "{e}");
        std::fs::write(p.config_file(), "languages:\n  sv:\n    wordz: []\n").unwrap();
        let e = Config::load(Some(&p), None).unwrap_err();
        assert!(e.message.contains("wordz"), "{e}");
    }

    #[test]
    fn no_files_means_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let c = Config::load(Some(&paths(dir.path())), Some(dir.path())).unwrap();
        assert!(c.rules.is_empty() && c.remember_answers && c.sources.is_empty());
    }
}
