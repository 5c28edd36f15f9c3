//! The questions a save asks before it may write: a file the user may not write (Ctrl-S
//! says so and offers Save as, and where the folder allows, writing anyway, as vim's `:w!`),
//! and Save as onto a file that exists (`o` overwrite / `Esc`). Pure: keys in, an [`Answer`]
//! out; the editor runs the save the answer asks for.

use std::path::{Path, PathBuf};

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// An open save question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveAsk {
    /// Ctrl-S on a file this user may not write.
    ReadOnly {
        /// The file.
        path: PathBuf,
        /// Quit after saving (the save came from the quit question).
        then_quit: bool,
        /// Whether its folder takes a new file, so it can be written anyway.
        anyway: Option<Anyway>,
    },
    /// Save as onto a file (or link) that exists.
    Overwrite {
        /// The file.
        path: PathBuf,
        /// Quit after saving.
        then_quit: bool,
    },
}

/// What writing a read-only file anyway does to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Anyway {
    /// It is someone else's: the new file is the user's.
    pub becomes_yours: bool,
}

/// What a key did to the question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// Still open (a key it does not know).
    Stay,
    /// Esc: nothing is written; the edits stay.
    Cancel,
    /// Ctrl-S again: try the plain save once more (the file may be writable by now).
    Retry {
        /// Where.
        path: PathBuf,
        /// Quit after saving.
        then_quit: bool,
    },
    /// Ask for another name (the Save-as prompt).
    SaveAs {
        /// Quit after saving.
        then_quit: bool,
    },
    /// Write `path`, a read-only file too when `readonly`.
    Write {
        /// Where.
        path: PathBuf,
        /// Quit after saving.
        then_quit: bool,
        /// The user confirmed writing a file that is read-only for them.
        readonly: bool,
    },
}

impl SaveAsk {
    /// Handles a key: `w` writes anyway (read-only, where allowed), `a` asks for another
    /// name, Ctrl-S tries the save again, `o` overwrites (Save as), Esc cancels.
    pub fn key(&self, key: KeyEvent) -> Answer {
        if key.code == KeyCode::Esc {
            return Answer::Cancel;
        }
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let c = match key.code {
            KeyCode::Char(c) if ctrl && c.eq_ignore_ascii_case(&'s') => {
                return match self {
                    SaveAsk::ReadOnly {
                        path, then_quit, ..
                    } => Answer::Retry {
                        path: path.clone(),
                        then_quit: *then_quit,
                    },
                    SaveAsk::Overwrite { .. } => Answer::Stay,
                };
            }
            KeyCode::Char(_) if ctrl => return Answer::Stay,
            KeyCode::Char(c) => c.to_ascii_lowercase(),
            _ => return Answer::Stay,
        };
        match (self, c) {
            (
                SaveAsk::ReadOnly {
                    path,
                    then_quit,
                    anyway: Some(_),
                },
                'w',
            ) => Answer::Write {
                path: path.clone(),
                then_quit: *then_quit,
                readonly: true,
            },
            (SaveAsk::ReadOnly { then_quit, .. }, 'a') => Answer::SaveAs {
                then_quit: *then_quit,
            },
            (SaveAsk::Overwrite { path, then_quit }, 'o') => Answer::Write {
                path: path.clone(),
                then_quit: *then_quit,
                readonly: false,
            },
            _ => Answer::Stay,
        }
    }

    /// The file it is about.
    pub fn path(&self) -> &Path {
        match self {
            SaveAsk::ReadOnly { path, .. } | SaveAsk::Overwrite { path, .. } => path,
        }
    }

    /// The box's title.
    pub fn title(&self) -> &'static str {
        match self {
            SaveAsk::ReadOnly { .. } => " Read-only file ",
            SaveAsk::Overwrite { .. } => " File exists ",
        }
    }

    /// What the box says, one paragraph per item (drawn wrapped, never cut).
    pub fn text(&self) -> Vec<String> {
        let path = self.path();
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into(),
        );
        let folder = path
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .map(|d| format!("(in {})", d.display()));
        let mut out = match self {
            SaveAsk::ReadOnly { .. } => vec![format!("{name} is read-only: you may not write it.")],
            SaveAsk::Overwrite { .. } => vec![format!("{name} already exists.")],
        };
        out.extend(folder);
        match self {
            SaveAsk::ReadOnly { anyway, .. } => {
                out.push(match anyway {
                    Some(Anyway {
                        becomes_yours: true,
                    }) => "Writing anyway replaces it with a new file of yours.".into(),
                    Some(_) => "Writing anyway replaces it; it stays read-only.".into(),
                    None => "Its folder is read-only too: save it under another name.".into(),
                });
                out
            }
            SaveAsk::Overwrite { .. } => out,
        }
    }

    /// The keys and what each does.
    pub fn choices(&self) -> Vec<(&'static str, &'static str)> {
        match self {
            SaveAsk::ReadOnly { anyway, .. } => {
                let mut out = Vec::new();
                if anyway.is_some() {
                    out.push(("w", "write anyway (as vim's :w!)"));
                }
                out.push(("a", "save as another name"));
                out.push(("^S", "try again (once it is writable)"));
                out.push(("Esc", "cancel; your edits are kept"));
                out
            }
            SaveAsk::Overwrite { .. } => vec![
                ("o", "overwrite it"),
                ("Esc", "cancel; choose another name"),
            ],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    fn esc() -> KeyEvent {
        KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)
    }

    #[test]
    fn read_only_offers_save_as_and_writing_anyway_only_where_allowed() {
        let path = PathBuf::from("/jobs/a.md");
        let ask = |anyway| SaveAsk::ReadOnly {
            path: path.clone(),
            then_quit: true,
            anyway,
        };
        let allowed = ask(Some(Anyway {
            becomes_yours: false,
        }));
        assert_eq!(
            allowed.key(k('w')),
            Answer::Write {
                path: path.clone(),
                then_quit: true,
                readonly: true
            }
        );
        assert_eq!(allowed.key(k('W')), allowed.key(k('w')));
        assert_eq!(allowed.key(k('a')), Answer::SaveAs { then_quit: true });
        assert_eq!(
            allowed.key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL)),
            Answer::Retry {
                path: path.clone(),
                then_quit: true
            }
        );
        assert_eq!(allowed.key(esc()), Answer::Cancel);
        assert_eq!(allowed.key(k('o')), Answer::Stay);
        assert_eq!(allowed.choices()[0].0, "w");
        let refused = ask(None);
        assert_eq!(refused.key(k('w')), Answer::Stay);
        assert!(refused.choices().iter().all(|(key, _)| *key != "w"));
        assert_eq!(
            refused.text(),
            [
                "a.md is read-only: you may not write it.",
                "(in /jobs)",
                "Its folder is read-only too: save it under another name."
            ]
        );
    }

    #[test]
    fn overwrite_asks_o_or_esc() {
        let path = PathBuf::from("b.md");
        let ask = SaveAsk::Overwrite {
            path: path.clone(),
            then_quit: false,
        };
        assert_eq!(
            ask.key(k('o')),
            Answer::Write {
                path,
                then_quit: false,
                readonly: false
            }
        );
        assert_eq!(ask.key(k('y')), Answer::Stay);
        assert_eq!(ask.key(k('w')), Answer::Stay);
        assert_eq!(ask.key(esc()), Answer::Cancel);
    }
}
