//! Reading the front matter: each property's value, the byte offset of its key (a small scan
//! of the YAML text, as the parser keeps no positions) and what is wrong with it.

use std::ops::Range;

use super::{Day, JobPosting, LOCATION_TYPES, PROPERTIES, Problem, Prop, parse_date};
use crate::posting::Posting;
use crate::yaml::Value;

impl JobPosting {
    /// Reads the schema.org properties of a posting's front matter. Front matter that does not
    /// parse gives no properties (the `front-matter` rule reports it).
    pub fn read(posting: &Posting) -> JobPosting {
        let text = posting.text();
        let mut job = JobPosting {
            has_body: text[posting.preamble().start..]
                .split_whitespace()
                .any(|w| w.chars().any(char::is_alphanumeric)),
            ..JobPosting::default()
        };
        let Some(fm) = posting.front_matter().filter(|f| f.error.is_none()) else {
            return job;
        };
        let Some(Value::Map(map)) = fm.data.as_deref() else {
            return job;
        };
        let holes = posting
            .placeholders()
            .iter()
            .filter(|p| p.in_front_matter)
            .map(|p| &*p.text)
            .collect();
        let mut r = Reader {
            text,
            yaml: fm.yaml.clone(),
            holes,
            problems: Vec::new(),
        };
        for (k, v) in map {
            let Some(key) = k.as_str().filter(|k| PROPERTIES.contains(k)) else {
                continue;
            };
            let entry = r.top(key);
            let at = entry.start;
            match key {
                "title" => job.title = Some(r.text_prop(key, v, at)),
                "datePosted" => job.date_posted = Some(r.date(key, v, at)),
                "validThrough" => job.valid_through = Some(r.date(key, v, at)),
                "employmentType" => job.employment_type = Some(r.employment_type(v, entry)),
                "hiringOrganization" => job.hiring_organization = Some(r.organization(v, entry)),
                "jobLocation" => job.job_location = Some(r.places(v, entry)),
                "jobLocationType" => {
                    job.job_location_type = Some(r.one_of(key, LOCATION_TYPES, v, entry))
                }
                "applicantLocationRequirements" => {
                    job.applicant_location_requirements = Some(r.areas(v, entry))
                }
                "baseSalary" => job.base_salary = Some(r.salary(v, entry)),
                "directApply" => job.direct_apply = Some(r.boolean(key, v, at)),
                "identifier" => job.identifier = Some(r.identifier(v, entry)),
                "industry" => job.industry = Some(r.text_prop(key, v, at)),
                "occupationalCategory" => job.occupational_category = Some(r.text_prop(key, v, at)),
                "educationRequirements" => {
                    job.education_requirements =
                        Some(r.requirement(key, "credentialCategory", v, entry))
                }
                "experienceRequirements" => {
                    job.experience_requirements =
                        Some(r.requirement(key, "monthsOfExperience", v, entry))
                }
                "inLanguage" | "lang" => {
                    if let Some(tag) = v.as_str().filter(|t| is_language_tag(t)) {
                        job.language.get_or_insert_with(|| tag.to_string());
                    }
                }
                _ => {}
            }
        }
        r.problems.sort_by_key(|p| p.at);
        job.problems = r.problems;
        job
    }
}

/// `en`, `de-CH`, `zh-Hant-TW`: the shape of a BCP 47 tag (`lang: [haskell]` is not one).
fn is_language_tag(t: &str) -> bool {
    let mut parts = t.split('-');
    parts
        .next()
        .is_some_and(|p| (2..=3).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphabetic()))
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// A scalar as the rules see it.
pub(super) enum Scalar {
    /// Filled text.
    Filled(String),
    /// A placeholder is left in it (the text as parsed).
    Unfilled(String),
    /// Null or blank.
    Empty,
    /// A list or a mapping where one value belongs.
    Other,
}

/// Reads values with the posting's text at hand for positions and placeholders.
pub(super) struct Reader<'a> {
    text: &'a str,
    /// The front matter's YAML, by byte range of `text`.
    yaml: Range<usize>,
    /// The placeholders of the front matter, as written.
    holes: Vec<&'a str>,
    problems: Vec<Problem>,
}

impl Reader<'_> {
    /// The byte range of a top-level key's entry: its key line up to the next line that starts
    /// another top-level entry. An empty range at the YAML's start if the key is not found
    /// (a key the scan does not recognise, such as one in a flow mapping).
    fn top(&self, key: &str) -> Range<usize> {
        let mut pos = self.yaml.start;
        let mut start = None;
        for line in self.text[self.yaml.clone()].split_inclusive('\n') {
            let here = pos;
            pos += line.len();
            let starts_entry = !line.starts_with([' ', '\t', '-', '#', '\r', '\n']);
            match start {
                None if starts_entry && is_key(line, key) => start = Some(here),
                Some(s) if starts_entry => return s..here,
                _ => {}
            }
        }
        start.map_or(self.yaml.start..self.yaml.start, |s| s..self.yaml.end)
    }

    /// The offset of the `n`th (0-based) `key:` in `within`; `within.start` if not found.
    pub(super) fn key(&self, within: &Range<usize>, key: &str, n: usize) -> usize {
        let hay = &self.text[within.clone()];
        hay.match_indices(key)
            .filter(|(i, _)| {
                let before = hay[..*i].chars().next_back();
                let after = hay[i + key.len()..].trim_start_matches(['"', '\'']);
                !before.is_some_and(|c| c.is_alphanumeric() || c == '_')
                    && after.trim_start_matches([' ', '\t']).starts_with(':')
            })
            .nth(n)
            .map_or(within.start, |(i, _)| within.start + i)
    }

    /// The offset of `word` (whole) in `within`; `within.start` if not found.
    pub(super) fn word(&self, within: &Range<usize>, word: &str) -> usize {
        let hay = &self.text[within.clone()];
        let is_word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        hay.match_indices(word)
            .find(|(i, _)| {
                !is_word(hay[..*i].chars().next_back())
                    && !is_word(hay[i + word.len()..].chars().next())
            })
            .map_or(within.start, |(i, _)| within.start + i)
    }

    /// The entry of a nested key: from that key to the end of `within`.
    pub(super) fn inside(&self, within: &Range<usize>, key: &str, n: usize) -> Range<usize> {
        self.key(within, key, n)..within.end
    }

    pub(super) fn problem(&mut self, at: usize, message: String) {
        self.problems.push(Problem { at, message });
    }

    pub(super) fn scalar(&self, v: &Value) -> Scalar {
        match v {
            Value::Null => Scalar::Empty,
            Value::Seq(_) | Value::Map(_) => Scalar::Other,
            v => {
                let s = v.scalar_text().unwrap_or_default();
                if s.trim().is_empty() {
                    Scalar::Empty
                } else if self.holes.iter().any(|h| s.contains(h)) {
                    Scalar::Unfilled(s)
                } else {
                    Scalar::Filled(s)
                }
            }
        }
    }

    /// A text value. A list or mapping is a problem.
    pub(super) fn text_prop(&mut self, name: &str, v: &Value, at: usize) -> Prop<String> {
        match self.scalar(v) {
            Scalar::Filled(s) => Prop::ok(s, at),
            Scalar::Unfilled(_) => Prop::none(at, true),
            Scalar::Empty => Prop::none(at, false),
            Scalar::Other => {
                self.problem(
                    at,
                    format!("{name} is one text value, not a list or mapping"),
                );
                Prop::none(at, true)
            }
        }
    }

    /// An optional text part of a mapping (`sameAs`); `Err(())` when it holds a placeholder
    /// or a wrong shape (the mapping is then pending).
    pub(super) fn part(
        &mut self,
        map: &Value,
        name: &str,
        within: &Range<usize>,
    ) -> Result<Option<String>, ()> {
        let Some(v) = map.get(name) else {
            return Ok(None);
        };
        let at = self.key(within, name, 0);
        match self.text_prop(name, v, at) {
            Prop { value: Some(s), .. } => Ok(Some(s)),
            Prop { pending: true, .. } => Err(()),
            _ => Ok(None),
        }
    }

    fn date(&mut self, name: &str, v: &Value, at: usize) -> Prop<Day> {
        let Prop { value, pending, .. } = self.text_prop(name, v, at);
        let Some(text) = value else {
            return Prop::none(at, pending);
        };
        match parse_date(&text) {
            Some(date) => Prop::ok(Day { text, date }, at),
            None => {
                self.problem(
                    at,
                    format!(
                        "{name} \"{text}\" is not an ISO 8601 date; write YYYY-MM-DD (a time may follow, e.g. 2025-01-31T17:00)"
                    ),
                );
                Prop::none(at, true)
            }
        }
    }

    fn boolean(&mut self, name: &str, v: &Value, at: usize) -> Prop<bool> {
        match v {
            Value::Bool(b) => Prop::ok(*b, at),
            Value::Null => Prop::none(at, false),
            _ => match self.scalar(v) {
                Scalar::Unfilled(_) => Prop::none(at, true),
                _ => {
                    self.problem(at, format!("{name} is true or false"));
                    Prop::none(at, true)
                }
            },
        }
    }

    /// One value of a fixed list. A placeholder that is not one of them is a problem too,
    /// naming the values to write.
    pub(super) fn one_of(
        &mut self,
        name: &str,
        allowed: &'static [&'static str],
        v: &Value,
        within: Range<usize>,
    ) -> Prop<&'static str> {
        let at = within.start;
        let s = match self.scalar(v) {
            Scalar::Filled(s) | Scalar::Unfilled(s) => s,
            Scalar::Empty => return Prop::none(at, false),
            Scalar::Other => {
                self.problem(at, format!("{name} is one value: {}", allowed.join(", ")));
                return Prop::none(at, true);
            }
        };
        match allowed.iter().find(|a| **a == s) {
            Some(a) => Prop::ok(*a, at),
            None => {
                let at = self.word(&within, &s);
                self.problem(at, unknown(name, &s, allowed, false));
                Prop::none(at, true)
            }
        }
    }

    /// A plain non-negative number (a YAML number, or a string of digits as `fill` writes
    /// one); `Err` when it holds a placeholder or is not a number (reported).
    pub(super) fn number(&mut self, v: &Value, name: &str, at: usize) -> Result<String, ()> {
        let s = match (v, self.scalar(v)) {
            (_, Scalar::Unfilled(_)) => return Err(()),
            (Value::Number(n), _) => n.clone(),
            (_, Scalar::Filled(s)) => s.trim().to_string(),
            (_, Scalar::Empty) => {
                self.problem(
                    at,
                    format!("baseSalary {name} is empty; write a number, e.g. 120000"),
                );
                return Err(());
            }
            (_, Scalar::Other) => String::from("a list or mapping"),
        };
        let (int, frac) = s.split_once('.').unwrap_or((&s, "0"));
        let plain = |d: &str| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit());
        if plain(int) && plain(frac) {
            Ok(s)
        } else {
            self.problem(
                at,
                format!("baseSalary {name} \"{s}\" is not a plain number; write digits only, e.g. 120000"),
            );
            Err(())
        }
    }
}

/// `employmentType "X" is not a schema.org value; use one of A, B, C`.
pub(super) fn unknown(name: &str, value: &str, allowed: &[&str], list: bool) -> String {
    let or_list = if list { " (or a list of them)" } else { "" };
    format!(
        "{name} \"{value}\" is not a schema.org value; use one of {}{or_list}",
        allowed.join(", ")
    )
}

/// Whether a line of YAML is the entry of `key` (`key:`, `"key":`).
fn is_key(line: &str, key: &str) -> bool {
    let l = line.trim_start_matches(['"', '\'']);
    l.strip_prefix(key).is_some_and(|rest| {
        rest.trim_start_matches(['"', '\''])
            .trim_start_matches([' ', '\t'])
            .starts_with(':')
    })
}
