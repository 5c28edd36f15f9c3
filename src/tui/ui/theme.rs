//! Styles and the text the screen shows for any string.

use ratatui::style::{Color, Modifier, Style};

/// Styles, with colour only when the terminal may use it (`NO_COLOR` unset). Every style
/// that carries meaning also has a modifier, so it survives 16 colours and `NO_COLOR`.
#[derive(Debug, Clone, Copy)]
pub struct Theme {
    /// Whether colours may be used.
    pub color: bool,
}

impl Theme {
    /// Reads `NO_COLOR` (set and non-empty: no colours at all).
    pub fn from_env() -> Self {
        Theme {
            color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        }
    }

    fn fg(&self, style: Style, c: Color) -> Style {
        if self.color { style.fg(c) } else { style }
    }

    /// Unfilled placeholders in the text.
    pub fn placeholder(&self) -> Style {
        self.fg(
            Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            Color::Yellow,
        )
    }

    /// The selection (e.g. the placeholder Ctrl-N selected).
    pub fn selection(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }

    /// The focused item / border.
    pub fn focus(&self) -> Style {
        self.fg(Style::new().add_modifier(Modifier::BOLD), Color::Cyan)
    }

    /// Errors (YAML, failed save).
    pub fn error(&self) -> Style {
        self.fg(
            Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED),
            Color::Red,
        )
    }

    /// Done marks.
    pub fn done(&self) -> Style {
        self.fg(Style::new(), Color::Green)
    }

    /// Less important text.
    pub fn dim(&self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new()
        }
    }
}

/// Text for the screen: C0 controls (other than tab) and DEL shown as `^X`.
pub fn visible(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\t' => out.push(' '),
            c if (c as u32) < 0x20 => {
                out.push('^');
                out.push(char::from(b'@' + c as u8));
            }
            '\u{7f}' => out.push_str("^?"),
            c if c.is_control() => out.push('?'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_shown_in_caret_form() {
        assert_eq!(visible("a\u{1b}[31mb\u{7f}"), "a^[[31mb^?");
    }
}
