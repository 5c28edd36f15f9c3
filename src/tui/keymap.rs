//! The one key table: key → [`Action`] with a description. The keymap lookup, the F1 help,
//! the key-hint line and [`key_table_markdown`] (for the README) are all generated from it.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;

/// A key with its modifiers, as the table writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    /// The key.
    pub code: KeyCode,
    /// Ctrl / Alt (Shift is implied by the code for characters and Shift-Tab).
    pub mods: KeyModifiers,
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}

const fn key(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}

/// One row of the key table (of the editor's, or with [`ListAction`]s the folder view's).
#[derive(Debug, Clone, Copy)]
pub struct Binding<A = Action> {
    /// The keys that trigger the action (empty for documentation-only rows).
    pub keys: &'static [Key],
    /// How help shows the keys when they are not just `keys` (e.g. "Arrows").
    pub label: Option<&'static str>,
    /// What happens.
    pub action: A,
    /// One line for F1 help and the README.
    pub description: &'static str,
    /// A short word for the always-visible hint line, if the key earns a place there.
    pub hint: Option<&'static str>,
}

impl<A> Binding<A> {
    /// The keys as help shows them: `Ctrl-T / F3`.
    pub fn keys_label(&self) -> String {
        if let Some(l) = self.label {
            return l.to_string();
        }
        self.keys
            .iter()
            .map(|k| key_label(*k))
            .collect::<Vec<_>>()
            .join(" / ")
    }
}

/// The key table. Order is the order of F1 help.
pub static BINDINGS: &[Binding] = &[
    Binding {
        keys: &[ctrl('s')],
        label: None,
        action: Action::Save,
        description: "save (asks for a path when there is none)",
        hint: Some("Save"),
    },
    Binding {
        keys: &[ctrl('q')],
        label: None,
        action: Action::Quit,
        description: "quit; with unsaved changes asks: s save and quit, d discard and quit, Esc stay",
        hint: Some("Quit"),
    },
    Binding {
        keys: &[key(KeyCode::Tab)],
        label: None,
        action: Action::NextPane,
        description: "next pane (Tab moves between panes; it does not insert a tab)",
        hint: Some("Pane"),
    },
    Binding {
        keys: &[key(KeyCode::BackTab)],
        label: None,
        action: Action::PrevPane,
        description: "previous pane",
        hint: None,
    },
    Binding {
        keys: &[ctrl('n')],
        label: None,
        action: Action::NextPlaceholder,
        description: "select the next unfilled placeholder (across panes); typing replaces it",
        hint: Some("Next field"),
    },
    Binding {
        keys: &[ctrl('p')],
        label: None,
        action: Action::PrevPlaceholder,
        description: "select the previous unfilled placeholder (across panes)",
        hint: None,
    },
    Binding {
        keys: &[ctrl('r')],
        label: None,
        action: Action::FillEverywhere,
        description: "fill the placeholder at (or after) the cursor everywhere it occurs: type the value (saved answer offered), Enter",
        hint: None,
    },
    Binding {
        keys: &[key(KeyCode::F(2))],
        label: None,
        action: Action::FillForm,
        description: "fill form: every distinct placeholder once, with its count and saved answer, then the schema.org properties Google requires that are missing; empty fields stay as they are",
        hint: Some("Fill form"),
    },
    Binding {
        keys: &[ctrl('z')],
        label: None,
        action: Action::Undo,
        description: "undo the last step: a word typed, a deletion, a paste, a fill, a section change (the cursor goes back too)",
        hint: None,
    },
    Binding {
        keys: &[ctrl('y')],
        label: None,
        action: Action::Redo,
        description: "redo the step undone",
        hint: None,
    },
    // As micro: Ctrl-C/X/V are copy, cut and paste (the text pane's own Ctrl-V, a page
    // down, is PgDn's; raw mode makes Ctrl-C a key, never an interrupt).
    Binding {
        keys: &[ctrl('c')],
        label: None,
        action: Action::Copy,
        description: "copy the selection (nothing selected: the line), also to the terminal's clipboard (OSC 52, works over SSH)",
        hint: None,
    },
    Binding {
        keys: &[ctrl('x')],
        label: None,
        action: Action::Cut,
        description: "cut the selection (nothing selected: the line), also to the terminal's clipboard",
        hint: None,
    },
    Binding {
        keys: &[ctrl('v')],
        label: None,
        action: Action::Paste,
        description: "paste what was last copied or cut, as one undo step (the terminal's own paste works too)",
        hint: None,
    },
    Binding {
        keys: &[ctrl('f')],
        label: None,
        action: Action::Find,
        description: "find: type text (any case: über finds ÜBER), Enter jumps to the next match (across panes), Esc closes",
        hint: Some("Find"),
    },
    Binding {
        keys: &[ctrl('t')],
        label: None,
        action: Action::RenameSection,
        description: "rename the focused section's heading",
        hint: None,
    },
    Binding {
        keys: &[ctrl('o')],
        label: None,
        action: Action::AddSection,
        description: "add a section after the focused one (asks for its title)",
        hint: None,
    },
    Binding {
        keys: &[ctrl('d')],
        label: None,
        action: Action::DeleteSection,
        description: "delete the focused section, heading and text (asks y/n)",
        hint: None,
    },
    Binding {
        keys: &[ctrl('e')],
        label: None,
        action: Action::EditExternally,
        description: "edit the focused section in $VISUAL / $EDITOR (vi when neither is set); saving there brings it back as one undo step, quitting without saving or an error changes nothing",
        hint: None,
    },
    Binding {
        keys: &[key(KeyCode::F(3))],
        label: None,
        action: Action::Review,
        description: "review: problems by section (pay, sections, wording...); Enter jumps, Esc closes",
        hint: None,
    },
    Binding {
        keys: &[ctrl('l')],
        label: None,
        action: Action::Redraw,
        description: "redraw the screen",
        hint: None,
    },
    Binding {
        keys: &[key(KeyCode::F(1))],
        label: None,
        action: Action::Help,
        description: "help: every key",
        hint: Some("Help"),
    },
    Binding {
        keys: &[key(KeyCode::Esc)],
        label: None,
        action: Action::Escape,
        description: "close a dialog, prompt or help; drop the selection",
        hint: None,
    },
];

/// Keys the focused text pane handles itself; listed in help, never looked up.
pub static EDITING_KEYS: &[(&str, &str)] = &[
    (
        "Arrows Home End",
        "move the cursor (one character as you see it: é or 👩‍💻 is one step); with Shift, select",
    ),
    (
        "PgUp / PgDn",
        "scroll the pane a page (PgDn stops at the last page)",
    ),
    (
        "Backspace / Del",
        "delete the character before / after the cursor (all of é or 👩‍💻)",
    ),
    ("Ctrl-W", "delete the word before the cursor"),
    ("Ctrl-K", "delete to the end of the line"),
    (
        "Paste",
        "the terminal's paste goes into the pane as it is (tabs and line breaks kept), one undo step",
    ),
    (
        "Mouse",
        "click an outline row to focus it, click text to place the cursor, drag to select, wheel to scroll (config `mouse: false` leaves the mouse to the terminal)",
    ),
];

/// The action a key press is bound to, if any.
pub fn lookup(event: &KeyEvent) -> Option<Action> {
    let pressed = normalize(event);
    BINDINGS
        .iter()
        .find(|b| b.keys.contains(&pressed))
        .map(|b| b.action)
}

/// What a key does in the folder view (`jobpost FOLDER`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListAction {
    /// Select the row above.
    Up,
    /// Select the row below.
    Down,
    /// A page up.
    PageUp,
    /// A page down.
    PageDown,
    /// The first row.
    First,
    /// The last row.
    Last,
    /// Open the selected posting in the editor.
    Open,
    /// Start typing a filter.
    Filter,
    /// Sort by path.
    SortName,
    /// Sort by placeholders left, most first.
    SortPlaceholders,
    /// Sort by errors, most first.
    SortErrors,
    /// Sort by modification time, newest first.
    SortModified,
    /// Check every posting again.
    Recheck,
    /// Redraw the screen.
    Redraw,
    /// Show the keys.
    Help,
    /// Quit (Esc first clears a kept filter).
    Quit,
}

const fn plain(c: char) -> Key {
    key(KeyCode::Char(c))
}

/// The folder view's keys. Order is the order of its F1 help.
pub static LIST_BINDINGS: &[Binding<ListAction>] = &[
    Binding {
        keys: &[key(KeyCode::Up), plain('k')],
        label: Some("Up / k"),
        action: ListAction::Up,
        description: "select the posting above",
        hint: None,
    },
    Binding {
        keys: &[key(KeyCode::Down), plain('j')],
        label: Some("Down / j"),
        action: ListAction::Down,
        description: "select the posting below",
        hint: None,
    },
    Binding {
        keys: &[key(KeyCode::PageUp)],
        label: Some("PgUp"),
        action: ListAction::PageUp,
        description: "a page up",
        hint: None,
    },
    Binding {
        keys: &[key(KeyCode::PageDown)],
        label: Some("PgDn"),
        action: ListAction::PageDown,
        description: "a page down",
        hint: None,
    },
    Binding {
        keys: &[key(KeyCode::Home), plain('g')],
        label: Some("Home / g"),
        action: ListAction::First,
        description: "the first posting",
        hint: None,
    },
    Binding {
        keys: &[key(KeyCode::End), plain('G')],
        label: Some("End / G"),
        action: ListAction::Last,
        description: "the last posting",
        hint: None,
    },
    Binding {
        keys: &[key(KeyCode::Enter)],
        label: None,
        action: ListAction::Open,
        description: "open the posting in the editor; closing it (Ctrl-Q) comes back here with its row checked again",
        hint: Some("Open"),
    },
    Binding {
        keys: &[plain('/')],
        label: None,
        action: ListAction::Filter,
        description: "filter by path or title: type, Enter keeps the filter, Esc clears it",
        hint: Some("Filter"),
    },
    Binding {
        keys: &[plain('n')],
        label: Some("n"),
        action: ListAction::SortName,
        description: "sort by path",
        hint: None,
    },
    Binding {
        keys: &[plain('p')],
        label: Some("p"),
        action: ListAction::SortPlaceholders,
        description: "sort by placeholders left, most first",
        hint: None,
    },
    Binding {
        keys: &[plain('e')],
        label: Some("e"),
        action: ListAction::SortErrors,
        description: "sort by errors, most first (then warnings)",
        hint: None,
    },
    Binding {
        keys: &[plain('m')],
        label: Some("m"),
        action: ListAction::SortModified,
        description: "sort by modification time, newest first",
        hint: None,
    },
    Binding {
        keys: &[plain('r')],
        label: Some("r"),
        action: ListAction::Recheck,
        description: "check every posting again (after changes made elsewhere)",
        hint: None,
    },
    Binding {
        keys: &[ctrl('l')],
        label: None,
        action: ListAction::Redraw,
        description: "redraw the screen",
        hint: None,
    },
    Binding {
        keys: &[key(KeyCode::F(1))],
        label: None,
        action: ListAction::Help,
        description: "help: every key",
        hint: Some("Help"),
    },
    Binding {
        keys: &[plain('q'), key(KeyCode::Esc)],
        label: Some("q / Esc"),
        action: ListAction::Quit,
        description: "quit (Esc first clears a kept filter)",
        hint: Some("Quit"),
    },
];

/// The folder view's action for a key press, if any.
pub fn list_lookup(event: &KeyEvent) -> Option<ListAction> {
    let pressed = normalize(event);
    LIST_BINDINGS
        .iter()
        .find(|b| b.keys.contains(&pressed))
        .map(|b| b.action)
}

fn normalize(event: &KeyEvent) -> Key {
    let mods = event.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
    let code = match event.code {
        KeyCode::Char(c) if mods.contains(KeyModifiers::CONTROL) => {
            KeyCode::Char(c.to_ascii_lowercase())
        }
        c => c,
    };
    Key { code, mods }
}

/// How a key is written in help and the README: `Ctrl-S`, `Shift-Tab`, `F1`, `Esc`.
pub fn key_label(k: Key) -> String {
    let base = match k.code {
        KeyCode::Char(c) => c.to_ascii_uppercase().to_string(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "Shift-Tab".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::F(n) => format!("F{n}"),
        other => format!("{other:?}"),
    };
    let mut s = String::new();
    if k.mods.contains(KeyModifiers::CONTROL) {
        s.push_str("Ctrl-");
    }
    if k.mods.contains(KeyModifiers::ALT) {
        s.push_str("Alt-");
    }
    s + &base
}

/// The short form the hint line uses: `^S`, `Tab`, `F1`.
pub fn short_label(k: Key) -> String {
    match k.code {
        KeyCode::Char(c) if k.mods == KeyModifiers::CONTROL => {
            format!("^{}", c.to_ascii_uppercase())
        }
        _ => key_label(k),
    }
}

/// `(keys, word)` pairs for the always-visible hint line, in table order.
pub fn hints() -> Vec<(String, &'static str)> {
    BINDINGS
        .iter()
        .filter_map(|b| Some((short_label(*b.keys.first()?), b.hint?)))
        .collect()
}

/// The key list as a Markdown table (what the README's key list is generated from / checked
/// against).
pub fn key_table_markdown() -> String {
    let mut out = String::from("| key | action |\n|---|---|\n");
    for b in BINDINGS {
        out.push_str(&format!("| {} | {} |\n", b.keys_label(), b.description));
    }
    for (k, d) in EDITING_KEYS {
        out.push_str(&format!("| {k} | {d} |\n"));
    }
    out
}

/// The folder view's keys as a Markdown table (the README's folder view section).
pub fn list_key_table_markdown() -> String {
    let mut out = String::from("| key | action |\n|---|---|\n");
    for b in LIST_BINDINGS {
        out.push_str(&format!("| {} | {} |\n", b.keys_label(), b.description));
    }
    out
}
