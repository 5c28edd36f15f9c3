//! The one-line prompt in the status line (save as, find, rename, new section): a text
//! field that offers its last value selected, so typing replaces it and Enter takes it.

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use crate::tui::fill::Field;

/// What a one-line prompt is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromptKind {
    /// Path for Ctrl-S when the posting has none.
    SavePath {
        /// Quit after saving (from the quit dialog).
        then_quit: bool,
    },
    /// Ctrl-F text.
    Find,
    /// New title for section `n`.
    Rename(usize),
    /// Title of a new section.
    AddSection {
        /// Insert after this section (`None`: after the header).
        after: Option<usize>,
        /// Heading level.
        level: u8,
    },
}

impl PromptKind {
    /// The label before the input.
    pub fn label(&self) -> &'static str {
        match self {
            PromptKind::SavePath { .. } => "Save as: ",
            PromptKind::Find => "Find: ",
            PromptKind::Rename(_) => "Rename heading: ",
            PromptKind::AddSection { .. } => "New section title: ",
        }
    }

    /// The keys the prompt reacts to, shown after the input.
    pub fn keys(&self) -> &'static str {
        match self {
            PromptKind::Find => "Enter next · Esc close",
            _ => "Enter ok · Esc cancel",
        }
    }
}

/// An open prompt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    /// What it asks for.
    pub kind: PromptKind,
    /// What was typed (or offered, selected).
    pub input: Field,
}

/// What a key did to the prompt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromptOutcome {
    /// Still open.
    Stay,
    /// Enter: the text as typed.
    Enter(String),
}

impl Prompt {
    /// A prompt offering `value` (selected: typing replaces it).
    pub fn new(kind: PromptKind, value: &str) -> Prompt {
        Prompt {
            kind,
            input: Field::new((!value.is_empty()).then_some(value)),
        }
    }

    /// Handles a key.
    pub fn key(&mut self, key: KeyEvent) -> PromptOutcome {
        if key.code == KeyCode::Enter {
            return PromptOutcome::Enter(self.input.value().to_string());
        }
        self.input.input(key);
        PromptOutcome::Stay
    }

    /// Takes pasted text (one line: line breaks become spaces).
    pub fn paste(&mut self, text: &str) {
        self.input.paste(text);
    }
}
