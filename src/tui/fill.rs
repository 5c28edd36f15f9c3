//! Fill-in state for the Ctrl-R prompt and the F2 form: which placeholders, how often each
//! occurs and where, and the values typed. Pure: keys in, an [`Outcome`] out; the App applies
//! the values through the model (`Posting::fill_all`) as one undo step.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::answers;
use crate::posting::add::{self, SchemaField};
use crate::posting::schema::{JobPosting, Missing};
use crate::posting::{Part, Posting};
use crate::review::{RuleId, Rules};
use crate::tui::text;

/// A one-line text input. A pre-filled value starts selected, so typing replaces it and
/// Enter accepts it (like a snippet tab stop).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Field {
    value: String,
    /// Cursor position in characters.
    cursor: usize,
    selected: bool,
}

impl Field {
    /// A field holding `default` (selected), or empty.
    pub fn new(default: Option<&str>) -> Field {
        let mut f = Field {
            value: default.unwrap_or_default().to_string(),
            cursor: 0,
            selected: false,
        };
        f.select_all();
        f
    }

    /// The text typed (or offered).
    pub fn value(&self) -> &str {
        &self.value
    }

    /// The cursor, in characters from the start.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// Whether the whole value is selected (typing replaces it).
    pub fn selected(&self) -> bool {
        self.selected
    }

    /// Selects the whole value, cursor at its end.
    pub fn select_all(&mut self) {
        self.cursor = self.value.chars().count();
        self.selected = !self.value.is_empty();
    }

    fn byte(&self, chars: usize) -> usize {
        self.value
            .char_indices()
            .nth(chars)
            .map_or(self.value.len(), |(i, _)| i)
    }

    fn take_selection(&mut self) -> bool {
        if self.selected {
            self.value.clear();
            self.cursor = 0;
            self.selected = false;
            return true;
        }
        false
    }

    /// Takes pasted text as typed (one line: line breaks and tabs become spaces).
    pub fn paste(&mut self, text: &str) {
        for c in text.chars() {
            let c = if c.is_control() { ' ' } else { c };
            self.input(KeyEvent::from(KeyCode::Char(c)));
        }
    }

    /// Edits by key: characters, Backspace, Delete, Left, Right, Home, End, Ctrl-U (clear),
    /// Ctrl-W (delete word). Returns whether the key was one of these.
    pub fn input(&mut self, key: KeyEvent) -> bool {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let len = self.value.chars().count();
        match key.code {
            KeyCode::Char(c) if !ctrl && !key.modifiers.contains(KeyModifiers::ALT) => {
                if c.is_control() {
                    return false;
                }
                self.take_selection();
                let at = self.byte(self.cursor);
                self.value.insert(at, c);
                self.cursor += 1;
            }
            KeyCode::Char('u') if ctrl => {
                self.value.clear();
                self.cursor = 0;
                self.selected = false;
            }
            KeyCode::Char('w') if ctrl => {
                if !self.take_selection() {
                    let chars: Vec<char> = self.value.chars().collect();
                    let mut start = self.cursor;
                    while start > 0 && chars[start - 1].is_whitespace() {
                        start -= 1;
                    }
                    while start > 0 && !chars[start - 1].is_whitespace() {
                        start -= 1;
                    }
                    let start = text::snap(&self.value, start);
                    let (a, b) = (self.byte(start), self.byte(self.cursor));
                    self.value.replace_range(a..b, "");
                    self.cursor = start;
                }
            }
            KeyCode::Backspace => {
                if !self.take_selection() && self.cursor > 0 {
                    let start = text::prev_boundary(&self.value, self.cursor);
                    let (a, b) = (self.byte(start), self.byte(self.cursor));
                    self.value.replace_range(a..b, "");
                    self.cursor = start;
                }
            }
            KeyCode::Delete => {
                if !self.take_selection() && self.cursor < len {
                    let end = text::next_boundary(&self.value, self.cursor);
                    let (a, b) = (self.byte(self.cursor), self.byte(end));
                    self.value.replace_range(a..b, "");
                }
            }
            KeyCode::Left => {
                self.cursor = if self.selected {
                    0
                } else {
                    text::prev_boundary(&self.value, self.cursor)
                };
                self.selected = false;
            }
            KeyCode::Right => {
                self.cursor = text::next_boundary(&self.value, self.cursor);
                if self.selected {
                    self.cursor = len;
                }
                self.selected = false;
            }
            KeyCode::Home => {
                self.cursor = 0;
                self.selected = false;
            }
            KeyCode::End => {
                self.cursor = len;
                self.selected = false;
            }
            _ => return false,
        }
        true
    }
}

/// One distinct placeholder to fill: how it is written, how often it occurs and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The text of its first occurrence (`[Company Name]`); filling by it fills every
    /// occurrence `Posting::fill` would.
    pub text: String,
    /// How many places it occurs in.
    pub count: usize,
    /// Where it occurs: section titles (or "Front matter", "Header"), in order, distinct.
    pub places: Vec<String>,
    /// Whether its value is worth remembering (not `TBD`, `TODO`, `Lorem ipsum`).
    pub remember: bool,
    /// Not a placeholder: a Google-required schema.org property the front matter lacks,
    /// added with the value (`text` is its dotted path).
    pub schema: Option<SchemaField>,
}

impl Target {
    /// The target for the placeholder with index `i` in `posting.placeholders()`.
    fn of(posting: &Posting, i: usize) -> Target {
        let first = &posting.placeholders()[i];
        let occurrences = posting.occurrences(&first.text);
        let mut places: Vec<String> = Vec::new();
        for p in &occurrences {
            let place = match p.part() {
                Part::FrontMatter => "Front matter".to_string(),
                Part::Preamble => "Header".to_string(),
                Part::Section(s) => posting.sections()[s].title.to_string(),
            };
            if !places.contains(&place) {
                places.push(place);
            }
        }
        Target {
            text: first.text.to_string(),
            count: occurrences.len(),
            places,
            remember: answers::worth_remembering(first),
            schema: None,
        }
    }

    /// The target adding a missing schema.org property.
    pub fn schema(field: SchemaField) -> Target {
        Target {
            text: field.dotted(),
            count: 0,
            places: Vec::new(),
            remember: false,
            schema: Some(field),
        }
    }
}

/// The Google-required schema.org properties the posting lacks (what the front matter
/// pane and the review panel list; `description` is the body), for a posting written for
/// Google for Jobs (its front matter has a schema.org property besides `title`) or under
/// the `structured-data` rule; nothing for any other.
pub fn missing_required(posting: &Posting, rules: &Rules) -> Vec<&'static str> {
    missing(posting, rules)
        .into_iter()
        .filter(|m| m.required)
        .map(|m| m.property)
        .collect()
}

fn missing(posting: &Posting, rules: &Rules) -> Vec<Missing> {
    let job = JobPosting::read(posting);
    if job.uses_schema_org() || rules.enabled(RuleId::StructuredData) {
        job.missing()
    } else {
        Vec::new()
    }
}

/// The F2 form's rows: every distinct placeholder, then one field per value that adds a
/// Google-required schema.org property the front matter lacks (see [`missing_required`]).
pub fn form_targets(posting: &Posting, rules: &Rules) -> Vec<Target> {
    let mut out = targets(posting);
    let missing = missing(posting, rules);
    out.extend(add::fields_for(&missing).into_iter().map(Target::schema));
    out
}

/// What [`apply`] did.
#[derive(Debug, Clone)]
pub struct Applied {
    /// The posting with the values in.
    pub posting: Posting,
    /// Placeholders replaced.
    pub places: usize,
    /// The schema.org properties added, dotted.
    pub added: Vec<String>,
    /// Each change as (range in the old text, new length), in order, for moving the cursor.
    pub edits: Vec<(std::ops::Range<usize>, usize)>,
}

/// Fills the placeholders with their values (as `Posting::fill_all`) and adds the schema.org
/// properties (as `Posting::add_properties`, written for YAML so they read back exactly);
/// nothing at all when a property cannot be added, with the reason.
pub fn apply(posting: &Posting, values: &[(Target, String)]) -> Result<Applied, add::AddError> {
    let (fills, props): (Vec<_>, Vec<_>) = values.iter().partition(|(t, _)| t.schema.is_none());
    let pairs: Vec<(String, String)> = fills
        .iter()
        .map(|(t, v)| (t.text.clone(), v.clone()))
        .collect();
    let (filled, counts) = posting.fill_all(&pairs);
    let mut edits: Vec<(std::ops::Range<usize>, usize)> = Vec::new();
    for (t, v) in &fills {
        edits.extend(
            posting
                .occurrences(&t.text)
                .into_iter()
                .map(|p| (p.span.clone(), v.len())),
        );
    }
    let props: Vec<(&[&str], &str)> = props
        .iter()
        .filter_map(|(t, v)| t.schema.map(|f| (f.path, v.as_str())))
        .collect();
    let added = filled.add_properties(&props)?;
    // The front matter grew (or was made) before the body: text after it moves down.
    let grew = added.text().len() - filled.text().len();
    if grew > 0 {
        let at = posting.front_matter().map_or(0, |f| f.yaml.end);
        edits.push((at..at, grew));
    }
    edits.sort_by_key(|(r, _)| r.start);
    Ok(Applied {
        posting: added,
        places: counts.iter().sum(),
        added: props.iter().map(|(p, _)| p.join(".")).collect(),
        edits,
    })
}

/// Every distinct placeholder once, in document order (by first occurrence).
pub fn targets(posting: &Posting) -> Vec<Target> {
    let mut seen: Vec<std::ops::Range<usize>> = Vec::new();
    let mut out = Vec::new();
    for (i, p) in posting.placeholders().iter().enumerate() {
        if seen.contains(&p.span) {
            continue;
        }
        seen.extend(
            posting
                .occurrences(&p.text)
                .into_iter()
                .map(|o| o.span.clone()),
        );
        out.push(Target::of(posting, i));
    }
    out
}

/// The placeholder at byte `offset` or the next one after it, wrapping to the first.
pub fn target_at(posting: &Posting, offset: usize) -> Option<Target> {
    let all = posting.placeholders();
    if all.is_empty() {
        return None;
    }
    let i = all.iter().position(|p| p.span.end > offset).unwrap_or(0);
    Some(Target::of(posting, i))
}

/// An open fill: the Ctrl-R prompt or the F2 form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fill {
    /// Ctrl-R: one placeholder, everywhere it occurs.
    One {
        /// What is filled.
        target: Target,
        /// The value.
        field: Field,
    },
    /// F2: every distinct placeholder once.
    Form {
        /// One row per placeholder, in document order.
        rows: Vec<(Target, Field)>,
        /// The row with the keyboard.
        focus: usize,
    },
}

/// What a key did to an open fill.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Still open.
    Stay,
    /// Enter on an empty Ctrl-R prompt: nothing to apply, still open.
    NeedValue,
    /// Apply these `(placeholder text, value)` pairs (fields left empty are not in it)
    /// and close.
    Apply(Vec<(Target, String)>),
}

impl Fill {
    /// The Ctrl-R prompt for `target`, offering `default`.
    pub fn one(target: Target, default: Option<&str>) -> Fill {
        Fill::One {
            target,
            field: Field::new(default),
        }
    }

    /// The F2 form, each field offering `default_for(text)`.
    pub fn form<'a>(targets: Vec<Target>, default_for: impl Fn(&str) -> Option<&'a str>) -> Fill {
        let rows = targets
            .into_iter()
            .map(|t| {
                let f = Field::new(default_for(&t.text));
                (t, f)
            })
            .collect();
        Fill::Form { rows, focus: 0 }
    }

    /// Pasted text into the field with the keyboard (one line: line breaks become spaces).
    pub fn paste(&mut self, text: &str) {
        let field = match self {
            Fill::One { field, .. } => field,
            Fill::Form { rows, focus } => &mut rows[*focus].1,
        };
        field.paste(text);
    }

    /// Handles a key (Esc is handled by the App: it closes without applying).
    pub fn key(&mut self, key: KeyEvent) -> Outcome {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match self {
            Fill::One { target, field } => match key.code {
                KeyCode::Enter => {
                    let v = field.value().trim();
                    if v.is_empty() {
                        Outcome::NeedValue
                    } else {
                        Outcome::Apply(vec![(target.clone(), v.to_string())])
                    }
                }
                _ => {
                    field.input(key);
                    Outcome::Stay
                }
            },
            Fill::Form { rows, focus } => {
                let n = rows.len();
                let here = *focus;
                let to = match key.code {
                    KeyCode::Char('s') if ctrl => return Outcome::Apply(values(rows)),
                    KeyCode::Enter if here + 1 >= n => return Outcome::Apply(values(rows)),
                    KeyCode::Enter | KeyCode::Tab | KeyCode::Down => (here + 1) % n,
                    KeyCode::BackTab | KeyCode::Up => (here + n - 1) % n,
                    KeyCode::PageDown => n - 1,
                    KeyCode::PageUp => 0,
                    _ => {
                        rows[here].1.input(key);
                        return Outcome::Stay;
                    }
                };
                *focus = to;
                rows[to].1.select_all();
                Outcome::Stay
            }
        }
    }
}

fn values(rows: &[(Target, Field)]) -> Vec<(Target, String)> {
    rows.iter()
        .filter(|(_, f)| !f.value().trim().is_empty())
        .map(|(t, f)| (t.clone(), f.value().trim().to_string()))
        .collect()
}

/// Where byte `at` of the text before a fill lands after it: edits before it shift it, an
/// edit around it moves it to that edit's start. `edits` are (span, new length).
pub fn shift_offset(at: usize, edits: &[(std::ops::Range<usize>, usize)]) -> usize {
    let mut delta: isize = 0;
    for (span, new_len) in edits {
        if span.end <= at {
            delta += *new_len as isize - span.len() as isize;
        } else if span.start < at {
            return (span.start as isize + delta).max(0) as usize;
        }
    }
    (at as isize + delta).max(0) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn typed(f: &mut Field, s: &str) {
        for c in s.chars() {
            f.input(k(KeyCode::Char(c)));
        }
    }

    #[test]
    fn a_default_is_selected_and_typing_replaces_it() {
        let mut f = Field::new(Some("Acme"));
        assert!(f.selected());
        typed(&mut f, "Crumb");
        assert_eq!(f.value(), "Crumb");
        let mut f = Field::new(Some("Acme"));
        f.input(k(KeyCode::End));
        typed(&mut f, " Ltd");
        assert_eq!(f.value(), "Acme Ltd");
        f.input(k(KeyCode::Left));
        f.input(k(KeyCode::Backspace));
        f.input(KeyEvent::new(KeyCode::Char('w'), KeyModifiers::CONTROL));
        assert_eq!(f.value(), "Acme d");
    }

    #[test]
    fn keys_move_and_delete_whole_clusters() {
        let mut f = Field::new(None);
        typed(&mut f, "A👩\u{200d}💻B cafe\u{301}");
        f.input(k(KeyCode::Backspace));
        assert_eq!(f.value(), "A👩\u{200d}💻B caf");
        f.input(k(KeyCode::Home));
        f.input(k(KeyCode::Right));
        f.input(k(KeyCode::Right));
        typed(&mut f, "X");
        assert_eq!(f.value(), "A👩\u{200d}💻XB caf");
        f.input(k(KeyCode::Left));
        f.input(k(KeyCode::Left));
        f.input(k(KeyCode::Delete));
        assert_eq!(f.value(), "AXB caf");
    }

    #[test]
    fn targets_are_distinct_in_order_with_counts_and_places() {
        let p = Posting::parse(
            "---\ncompany: \"[Company Name]\"\n---\n\n# About\n\n[Company Name] in [City].\n\n# Pay\n\n{{ Company Name }} pays.\n",
        );
        let t = targets(&p);
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].text, "[Company Name]");
        assert_eq!(t[0].count, 3);
        assert_eq!(t[0].places, ["Front matter", "About", "Pay"]);
        assert_eq!(t[1].text, "[City]");
        let at = p.text().find("in [City]").unwrap();
        assert_eq!(target_at(&p, at).unwrap().text, "[City]");
        assert_eq!(
            target_at(&p, p.text().len()).unwrap().text,
            "[Company Name]"
        );
    }

    #[test]
    fn the_form_offers_missing_schema_properties_and_adds_them_with_the_fills() {
        let rules = Rules::default();
        // A posting not written for Google for Jobs is not asked for its properties.
        let plain = Posting::parse("---\ntitle: Dev\n---\n# About\n\n[Company] builds things.\n");
        assert!(missing_required(&plain, &rules).is_empty());
        assert_eq!(form_targets(&plain, &rules).len(), 1);
        let p = Posting::parse(
            "---\ntitle: Dev\nemploymentType: FULL_TIME\n---\n# About\n\n[Company] builds things.\n",
        );
        assert_eq!(
            missing_required(&p, &rules),
            ["datePosted", "hiringOrganization", "jobLocation"]
        );
        let t = form_targets(&p, &rules);
        let names: Vec<&str> = t.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(
            names,
            [
                "[Company]",
                "datePosted",
                "hiringOrganization.name",
                "jobLocation.address.addressLocality",
                "jobLocation.address.addressCountry"
            ]
        );
        let values: Vec<(Target, String)> = vec![
            (t[0].clone(), "Acme: Inc.".into()),
            (t[2].clone(), "Acme: Inc.".into()),
            (t[3].clone(), "Leeds".into()),
        ];
        let done = apply(&p, &values).unwrap();
        assert_eq!(
            done.posting.text(),
            "---\ntitle: Dev\nemploymentType: FULL_TIME\nhiringOrganization:\n  name: \"Acme: Inc.\"\njobLocation:\n  address:\n    addressLocality: Leeds\n---\n# About\n\nAcme: Inc. builds things.\n"
        );
        assert_eq!(done.places, 1);
        assert_eq!(done.added.len(), 2);
        assert_eq!(missing_required(&done.posting, &rules), ["datePosted"]);
        // The body moved down by what the front matter grew.
        let at = p.text().find("builds").unwrap();
        let now = done.posting.text().find("builds").unwrap();
        assert_eq!(shift_offset(at, &done.edits), now);
    }

    #[test]
    fn offsets_follow_the_edits_before_them() {
        let edits = [(2..5, 1), (10..12, 5)];
        assert_eq!(shift_offset(0, &edits), 0);
        assert_eq!(shift_offset(3, &edits), 2);
        assert_eq!(shift_offset(6, &edits), 4);
        assert_eq!(shift_offset(20, &edits), 21);
    }
}
