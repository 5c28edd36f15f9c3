//! schema.org `JobPosting` in front matter: the properties Google for Jobs reads, parsed into
//! typed values with the byte offset of each key in the posting, what is wrong with them, and
//! Google's required and recommended lists. No terminal code: the review rules, `export` and
//! the editor read this. The YAML is read through [`crate::yaml`]; positions come from a small
//! scan of the front matter text (the parser keeps none).

use std::ops::Range;

pub use jiff::civil::Date;

use super::Posting;
use crate::yaml::Value;

/// schema.org `EmploymentType` values Google for Jobs reads.
pub const EMPLOYMENT_TYPES: &[&str] = &[
    "FULL_TIME",
    "PART_TIME",
    "CONTRACTOR",
    "TEMPORARY",
    "INTERN",
    "VOLUNTEER",
    "PER_DIEM",
    "OTHER",
];

/// The pay periods of `baseSalary.value.unitText`.
pub const UNIT_TEXTS: &[&str] = &["HOUR", "DAY", "WEEK", "MONTH", "YEAR"];

/// The one `jobLocationType` Google reads: a fully remote job.
pub const LOCATION_TYPES: &[&str] = &["TELECOMMUTE"];

/// Properties whose value is one of a fixed list (or, for `employmentType`, a list of them).
const ENUMS: &[(&str, &[&str])] = &[
    ("employmentType", EMPLOYMENT_TYPES),
    ("unitText", UNIT_TEXTS),
    ("jobLocationType", LOCATION_TYPES),
];

/// The allowed values of an enumerated property (`employmentType`, `unitText`,
/// `jobLocationType`); `None` for any other key.
pub fn enum_values(property: &str) -> Option<&'static [&'static str]> {
    ENUMS
        .iter()
        .find(|(name, _)| *name == property)
        .map(|(_, values)| *values)
}

/// The front matter keys read here (any other key is the team's own).
const PROPERTIES: &[&str] = &[
    "title",
    "datePosted",
    "validThrough",
    "employmentType",
    "hiringOrganization",
    "jobLocation",
    "jobLocationType",
    "applicantLocationRequirements",
    "baseSalary",
    "directApply",
    "identifier",
    "industry",
    "occupationalCategory",
    "educationRequirements",
    "experienceRequirements",
    "inLanguage",
    "lang",
];

/// Google's required properties, in the order messages list them (`jobLocation` may be
/// replaced by `jobLocationType: TELECOMMUTE` with `applicantLocationRequirements`).
pub const REQUIRED: &[&str] = &[
    "title",
    "description",
    "datePosted",
    "hiringOrganization",
    "jobLocation",
];

/// Google's recommended properties.
pub const RECOMMENDED: &[&str] = &[
    "baseSalary",
    "employmentType",
    "validThrough",
    "directApply",
    "identifier",
];

/// Today's date by the system clock, in the local time zone.
pub fn today() -> Date {
    jiff::Zoned::now().date()
}

/// Parses an ISO 8601 date in extended form (`2025-01-31`), optionally with a time and an
/// offset (`2025-01-31T17:00`, `2025-01-31T17:00:00+01:00`), giving its calendar date.
pub fn parse_date(text: &str) -> Option<Date> {
    let b = text.as_bytes();
    let shape = b.len() >= 10
        && b[..10].iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        })
        && (b.len() == 10 || b[10] == b'T');
    if !shape {
        return None;
    }
    jiff::fmt::temporal::Pieces::parse(text)
        .ok()
        .map(|p| p.date())
}

/// A property as written: its value when usable, and where its key is.
#[derive(Debug, Clone, PartialEq)]
pub struct Prop<T> {
    /// The value, when it has the right shape and its required parts are filled.
    pub value: Option<T>,
    /// Byte offset of the key in the posting's text.
    pub at: usize,
    /// Whether a placeholder or an invalid value stands in it (reported by the
    /// `placeholder` rule or as a [`Problem`]), so it is not reported as missing too.
    pub pending: bool,
}

impl<T> Prop<T> {
    fn ok(value: T, at: usize) -> Self {
        Prop {
            value: Some(value),
            at,
            pending: false,
        }
    }

    fn none(at: usize, pending: bool) -> Self {
        Prop {
            value: None,
            at,
            pending,
        }
    }
}

/// A date property: the text as written and its calendar date.
#[derive(Debug, Clone, PartialEq)]
pub struct Day {
    /// As written (`2025-01-31` or with a time).
    pub text: String,
    /// The calendar date.
    pub date: Date,
}

/// `hiringOrganization`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Organization {
    /// `name`.
    pub name: String,
    /// `sameAs`: the organisation's web site.
    pub same_as: Option<String>,
    /// `logo`: a URL of its logo.
    pub logo: Option<String>,
}

/// The `address` of one `jobLocation`, each part when filled.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Address {
    /// `streetAddress`.
    pub street_address: Option<String>,
    /// `addressLocality`: the city.
    pub address_locality: Option<String>,
    /// `addressRegion`: the state or region.
    pub address_region: Option<String>,
    /// `postalCode`.
    pub postal_code: Option<String>,
    /// `addressCountry`: a country name or ISO 3166-1 code.
    pub address_country: Option<String>,
}

impl Address {
    /// Locality, region and country, comma-separated (for a page's facts).
    pub fn short(&self) -> String {
        [
            &self.address_locality,
            &self.address_region,
            &self.address_country,
        ]
        .into_iter()
        .flatten()
        .cloned()
        .collect::<Vec<_>>()
        .join(", ")
    }
}

/// One of `applicantLocationRequirements`: where a remote applicant may live.
#[derive(Debug, Clone, PartialEq)]
pub struct Area {
    /// `Country` (the default), `State` or `AdministrativeArea`.
    pub kind: &'static str,
    /// Its name.
    pub name: String,
}

/// `baseSalary.value`: one amount or a range, each a plain number as written.
#[derive(Debug, Clone, PartialEq)]
pub enum Amount {
    /// `value`.
    Exact(String),
    /// `minValue` and/or `maxValue`.
    Range {
        /// `minValue`.
        min: Option<String>,
        /// `maxValue`.
        max: Option<String>,
    },
}

/// `baseSalary`: a `MonetaryAmount` whose value is a `QuantitativeValue`.
#[derive(Debug, Clone, PartialEq)]
pub struct Salary {
    /// ISO 4217 code (`USD`).
    pub currency: String,
    /// The amount or range.
    pub amount: Amount,
    /// `unitText`: the pay period, when given.
    pub unit: Option<&'static str>,
}

/// `identifier`: the employer's reference for the job.
#[derive(Debug, Clone, PartialEq)]
pub struct Identifier {
    /// `name`: whose identifier it is (the organisation's name when not given).
    pub name: Option<String>,
    /// `value`.
    pub value: String,
}

/// `educationRequirements` or `experienceRequirements`: text, or Google's typed form.
#[derive(Debug, Clone, PartialEq)]
pub enum Requirement {
    /// Plain text.
    Text(String),
    /// `{credentialCategory: bachelor degree}` (an `EducationalOccupationalCredential`).
    Credential(String),
    /// `{monthsOfExperience: 36}` (an `OccupationalExperienceRequirements`).
    Months(String),
}

/// A value that is there but wrong: an unknown enum value, an unparseable date, a wrong shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Byte offset in the posting's text.
    pub at: usize,
    /// What is wrong and what to write, in one line.
    pub message: String,
}

/// A required or recommended property that is not there (or is empty).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Missing {
    /// The property's name.
    pub property: &'static str,
    /// Whether Google requires it (else it recommends it).
    pub required: bool,
    /// What to add, in a few words.
    pub what: &'static str,
}

/// The schema.org `JobPosting` properties of a posting's front matter. A property not in the
/// front matter is `None`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct JobPosting {
    /// `title`.
    pub title: Option<Prop<String>>,
    /// Whether the body has any words (it becomes `description`).
    pub has_body: bool,
    /// `datePosted`.
    pub date_posted: Option<Prop<Day>>,
    /// `validThrough`: the last day to apply.
    pub valid_through: Option<Prop<Day>>,
    /// `employmentType`: one or more of [`EMPLOYMENT_TYPES`].
    pub employment_type: Option<Prop<Vec<&'static str>>>,
    /// `hiringOrganization`.
    pub hiring_organization: Option<Prop<Organization>>,
    /// `jobLocation`: the addresses with at least one part filled.
    pub job_location: Option<Prop<Vec<Address>>>,
    /// `jobLocationType` (only `TELECOMMUTE`).
    pub job_location_type: Option<Prop<&'static str>>,
    /// `applicantLocationRequirements`.
    pub applicant_location_requirements: Option<Prop<Vec<Area>>>,
    /// `baseSalary`.
    pub base_salary: Option<Prop<Salary>>,
    /// `directApply`.
    pub direct_apply: Option<Prop<bool>>,
    /// `identifier`.
    pub identifier: Option<Prop<Identifier>>,
    /// `industry`.
    pub industry: Option<Prop<String>>,
    /// `occupationalCategory`.
    pub occupational_category: Option<Prop<String>>,
    /// `educationRequirements`.
    pub education_requirements: Option<Prop<Requirement>>,
    /// `experienceRequirements`.
    pub experience_requirements: Option<Prop<Requirement>>,
    /// `inLanguage` or `lang`, when it is a language tag (`en`, `de-CH`).
    pub language: Option<String>,
    /// Values that are there but wrong, in file order.
    pub problems: Vec<Problem>,
}

fn value<T>(p: &Option<Prop<T>>) -> Option<&T> {
    p.as_ref().and_then(|p| p.value.as_ref())
}

/// Absent, or there with nothing usable and nothing pending.
fn absent<T>(p: &Option<Prop<T>>) -> bool {
    p.as_ref().is_none_or(|p| p.value.is_none() && !p.pending)
}

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

    /// Whether the front matter has any schema.org property besides `title` (which any
    /// front matter may have): the posting is written for Google for Jobs.
    pub fn uses_schema_org(&self) -> bool {
        self.date_posted.is_some()
            || self.valid_through.is_some()
            || self.employment_type.is_some()
            || self.hiring_organization.is_some()
            || self.job_location.is_some()
            || self.job_location_type.is_some()
            || self.applicant_location_requirements.is_some()
            || self.base_salary.is_some()
            || self.direct_apply.is_some()
            || self.identifier.is_some()
            || self.industry.is_some()
            || self.occupational_category.is_some()
            || self.education_requirements.is_some()
            || self.experience_requirements.is_some()
    }

    /// Whether `jobLocationType` is `TELECOMMUTE`.
    pub fn is_remote(&self) -> bool {
        value(&self.job_location_type).is_some()
    }

    /// Whether `baseSalary` states pay: a currency and an amount or a range.
    pub fn states_pay(&self) -> bool {
        value(&self.base_salary).is_some()
    }

    /// Whether a location is stated: a `jobLocation` with an address, or a remote job with
    /// `applicantLocationRequirements`.
    pub fn states_location(&self) -> bool {
        value(&self.job_location).is_some_and(|l| !l.is_empty())
            || (self.is_remote()
                && value(&self.applicant_location_requirements).is_some_and(|a| !a.is_empty()))
    }

    /// Whether `employmentType` states one or more known values.
    pub fn states_employment_type(&self) -> bool {
        value(&self.employment_type).is_some_and(|t| !t.is_empty())
    }

    /// Google's required and recommended properties that are absent or empty, required
    /// first. A property holding a placeholder or a wrong value is not listed: that is
    /// reported as what it is.
    pub fn missing(&self) -> Vec<Missing> {
        let mut out = Vec::new();
        let mut add = |property, required, what| {
            out.push(Missing {
                property,
                required,
                what,
            })
        };
        if absent(&self.title) {
            add("title", true, "the job's title");
        }
        if !self.has_body {
            add(
                "description",
                true,
                "the body, which becomes the description, is empty",
            );
        }
        if absent(&self.date_posted) {
            add("datePosted", true, "the date it is posted, YYYY-MM-DD");
        }
        if absent(&self.hiring_organization) {
            add("hiringOrganization", true, "the employer, with a name");
        }
        let located = !absent(&self.job_location);
        let remote = self.is_remote()
            || self
                .job_location_type
                .as_ref()
                .is_some_and(|p| p.pending || p.value.is_some());
        if remote && !located && absent(&self.applicant_location_requirements) {
            add(
                "applicantLocationRequirements",
                true,
                "where a remote applicant may live (a country), as jobLocationType is TELECOMMUTE",
            );
        } else if !remote && !located {
            add(
                "jobLocation",
                true,
                "an address, or jobLocationType: TELECOMMUTE with applicantLocationRequirements",
            );
        }
        let recommended = [
            (
                "baseSalary",
                absent(&self.base_salary),
                "the pay: currency and amount or range",
            ),
            (
                "employmentType",
                absent(&self.employment_type),
                "FULL_TIME, PART_TIME, CONTRACTOR...",
            ),
            (
                "validThrough",
                absent(&self.valid_through),
                "the last day to apply, YYYY-MM-DD",
            ),
            (
                "directApply",
                absent(&self.direct_apply),
                "true when applicants apply on your page",
            ),
            (
                "identifier",
                absent(&self.identifier),
                "your reference for the job",
            ),
        ];
        for (property, missing, what) in recommended {
            if missing {
                add(property, false, what);
            }
        }
        out
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
enum Scalar {
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
struct Reader<'a> {
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
    fn key(&self, within: &Range<usize>, key: &str, n: usize) -> usize {
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
    fn word(&self, within: &Range<usize>, word: &str) -> usize {
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
    fn inside(&self, within: &Range<usize>, key: &str, n: usize) -> Range<usize> {
        self.key(within, key, n)..within.end
    }

    fn problem(&mut self, at: usize, message: String) {
        self.problems.push(Problem { at, message });
    }

    fn scalar(&self, v: &Value) -> Scalar {
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
    fn text_prop(&mut self, name: &str, v: &Value, at: usize) -> Prop<String> {
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
    fn part(
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
    fn one_of(
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

    fn employment_type(&mut self, v: &Value, within: Range<usize>) -> Prop<Vec<&'static str>> {
        let at = within.start;
        let items: Vec<&Value> = match v {
            Value::Seq(items) => items.iter().collect(),
            v => vec![v],
        };
        let mut known = Vec::new();
        let mut pending = false;
        for item in items {
            let s = match self.scalar(item) {
                Scalar::Filled(s) | Scalar::Unfilled(s) => s,
                Scalar::Empty => continue,
                Scalar::Other => {
                    self.problem(
                        at,
                        unknown("employmentType", "a mapping", EMPLOYMENT_TYPES, true),
                    );
                    pending = true;
                    continue;
                }
            };
            match EMPLOYMENT_TYPES.iter().find(|a| **a == s) {
                Some(a) => known.push(*a),
                None => {
                    let word_at = self.word(&within, &s);
                    self.problem(
                        word_at,
                        unknown("employmentType", &s, EMPLOYMENT_TYPES, true),
                    );
                    pending = true;
                }
            }
        }
        if pending || known.is_empty() {
            Prop::none(at, pending)
        } else {
            Prop::ok(known, at)
        }
    }

    fn organization(&mut self, v: &Value, within: Range<usize>) -> Prop<Organization> {
        let at = within.start;
        if let Value::String(_) = v {
            let Prop { value, pending, .. } = self.text_prop("hiringOrganization", v, at);
            return match value {
                Some(name) => Prop::ok(
                    Organization {
                        name,
                        ..Organization::default()
                    },
                    at,
                ),
                None => Prop::none(at, pending),
            };
        }
        if !matches!(v, Value::Map(_)) {
            if !matches!(v, Value::Null) {
                self.problem(
                    at,
                    "hiringOrganization is a mapping: name, and sameAs and logo (URLs)".into(),
                );
            }
            return Prop::none(at, !matches!(v, Value::Null));
        }
        let mut pending = false;
        let name = match v.get("name") {
            Some(n) => {
                let p = self.text_prop("name", n, self.key(&within, "name", 0));
                pending |= p.pending;
                p.value
            }
            None => None,
        };
        let mut url = |r: &mut Self, key: &str| match r.part(v, key, &within) {
            Ok(Some(u)) if !u.starts_with("https://") && !u.starts_with("http://") => {
                let at = r.key(&within, key, 0);
                r.problem(
                    at,
                    format!("hiringOrganization {key} is a URL (https://...)"),
                );
                pending = true;
                None
            }
            Ok(u) => u,
            Err(()) => {
                pending = true;
                None
            }
        };
        let same_as = url(self, "sameAs");
        let logo = url(self, "logo");
        match name {
            Some(name) => Prop {
                value: Some(Organization {
                    name,
                    same_as,
                    logo,
                }),
                at,
                pending,
            },
            None => Prop::none(at, pending),
        }
    }

    fn places(&mut self, v: &Value, within: Range<usize>) -> Prop<Vec<Address>> {
        const PARTS: &str =
            "streetAddress, addressLocality, addressRegion, postalCode, addressCountry";
        let at = within.start;
        let items: Vec<&Value> = match v {
            Value::Seq(items) => items.iter().collect(),
            Value::Null => return Prop::none(at, false),
            v => vec![v],
        };
        let mut out = Vec::new();
        let mut pending = false;
        for (i, item) in items.into_iter().enumerate() {
            let Some(address) = item.get("address") else {
                self.problem(
                    at,
                    format!("jobLocation needs an address: a mapping of {PARTS}"),
                );
                pending = true;
                continue;
            };
            let here = self.inside(&within, "address", i);
            if !matches!(address, Value::Map(_)) {
                self.problem(
                    here.start,
                    format!("jobLocation address is a mapping of {PARTS}"),
                );
                pending = true;
                continue;
            }
            let mut part = |r: &mut Self, key: &str| {
                let v = address.get(key)?;
                // `addressCountry: {name: DE}` is a Country.
                let v = match v {
                    Value::Map(_) if key == "addressCountry" => v.get("name")?,
                    v => v,
                };
                let p = r.text_prop(key, v, r.key(&here, key, 0));
                pending |= p.pending;
                p.value
            };
            let a = Address {
                street_address: part(self, "streetAddress"),
                address_locality: part(self, "addressLocality"),
                address_region: part(self, "addressRegion"),
                postal_code: part(self, "postalCode"),
                address_country: part(self, "addressCountry"),
            };
            if a != Address::default() {
                out.push(a);
            }
        }
        if out.is_empty() {
            Prop::none(at, pending)
        } else {
            Prop {
                value: Some(out),
                at,
                pending,
            }
        }
    }

    fn areas(&mut self, v: &Value, within: Range<usize>) -> Prop<Vec<Area>> {
        const KINDS: &[&str] = &["Country", "State", "AdministrativeArea"];
        let at = within.start;
        let items: Vec<&Value> = match v {
            Value::Seq(items) => items.iter().collect(),
            v => vec![v],
        };
        let mut out = Vec::new();
        let mut pending = false;
        for item in items {
            let (name, kind) = match item {
                Value::Map(_) => {
                    let kind = item.get("@type").or_else(|| item.get("type"));
                    let kind = match kind.and_then(Value::as_str) {
                        None => Some("Country"),
                        Some(k) => KINDS.iter().find(|x| **x == k).copied(),
                    };
                    (item.get("name").unwrap_or(&Value::Null), kind)
                }
                v => (v, Some("Country")),
            };
            let Some(kind) = kind else {
                self.problem(
                    at,
                    unknown("applicantLocationRequirements @type", "this", KINDS, false),
                );
                pending = true;
                continue;
            };
            let p = self.text_prop("applicantLocationRequirements", name, at);
            pending |= p.pending;
            if let Some(name) = p.value {
                out.push(Area { kind, name });
            }
        }
        if out.is_empty() {
            Prop::none(at, pending)
        } else {
            Prop {
                value: Some(out),
                at,
                pending,
            }
        }
    }

    fn salary(&mut self, v: &Value, within: Range<usize>) -> Prop<Salary> {
        const SHAPE: &str = "baseSalary is a mapping: currency (e.g. USD) and value with minValue and maxValue (or value) and unitText";
        let at = within.start;
        if !matches!(v, Value::Map(_)) {
            if matches!(v, Value::Null) {
                return Prop::none(at, false);
            }
            self.problem(at, SHAPE.into());
            return Prop::none(at, true);
        }
        let mut pending = false;
        let currency = match v.get("currency") {
            None => {
                self.problem(
                    at,
                    "baseSalary has no currency: add currency: USD (an ISO 4217 code)".into(),
                );
                pending = true;
                None
            }
            Some(c) => {
                let c_at = self.key(&within, "currency", 0);
                let p = self.text_prop("currency", c, c_at);
                pending |= p.pending;
                match p.value {
                    Some(c) if c.len() == 3 && c.chars().all(|x| x.is_ascii_uppercase()) => Some(c),
                    Some(c) => {
                        self.problem(
                            c_at,
                            format!("baseSalary currency \"{c}\" is not an ISO 4217 code; write three capital letters such as USD, EUR or GBP"),
                        );
                        pending = true;
                        None
                    }
                    None => None,
                }
            }
        };
        let inner = self.inside(&within, "value", 0);
        let (amount, unit) = match v.get("value") {
            None => {
                self.problem(at, SHAPE.into());
                pending = true;
                (None, None)
            }
            Some(q @ Value::Map(_)) => {
                let mut num = |r: &mut Self, key: &str| {
                    let n = r.number(q.get(key)?, key, r.key(&inner, key, 0));
                    pending |= n.is_err();
                    n.ok()
                };
                let exact = num(self, "value");
                let min = num(self, "minValue");
                let max = num(self, "maxValue");
                if let (Some(lo), Some(hi)) = (&min, &max)
                    && lo.parse::<f64>().ok() > hi.parse::<f64>().ok()
                {
                    let at = self.key(&inner, "minValue", 0);
                    self.problem(
                        at,
                        format!("baseSalary minValue {lo} is more than maxValue {hi}"),
                    );
                    pending = true;
                }
                let amount = match exact {
                    Some(n) => Some(Amount::Exact(n)),
                    None if min.is_some() || max.is_some() => Some(Amount::Range { min, max }),
                    None => None,
                };
                let unit = match q.get("unitText") {
                    Some(u) => {
                        let u_at = self.key(&inner, "unitText", 0);
                        let p = self.one_of("unitText", UNIT_TEXTS, u, u_at..inner.end);
                        pending |= p.pending;
                        p.value
                    }
                    None => {
                        self.problem(
                            inner.start,
                            format!(
                                "baseSalary value has no unitText: add one of {}",
                                UNIT_TEXTS.join(", ")
                            ),
                        );
                        pending = true;
                        None
                    }
                };
                (amount, unit)
            }
            Some(n) => {
                let n = self.number(n, "value", inner.start);
                self.problem(
                    inner.start,
                    format!(
                        "baseSalary value needs a unitText: write value: {{value: {}, unitText: YEAR}} (or HOUR, DAY, WEEK, MONTH)",
                        n.as_deref().unwrap_or("...")
                    ),
                );
                pending = true;
                (n.ok().map(Amount::Exact), None)
            }
        };
        match (currency, amount) {
            (Some(currency), Some(amount)) => Prop {
                value: Some(Salary {
                    currency,
                    amount,
                    unit,
                }),
                at,
                pending,
            },
            _ => Prop::none(at, pending),
        }
    }

    /// A plain non-negative number (a YAML number, or a string of digits as `fill` writes
    /// one); `Err` when it holds a placeholder or is not a number (reported).
    fn number(&mut self, v: &Value, name: &str, at: usize) -> Result<String, ()> {
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

    fn identifier(&mut self, v: &Value, within: Range<usize>) -> Prop<Identifier> {
        let at = within.start;
        if let Value::Map(_) = v {
            let mut pending = false;
            let name = self.part(v, "name", &within).unwrap_or_else(|()| {
                pending = true;
                None
            });
            let value = v.get("value").map(|x| {
                let p = self.text_prop("identifier value", x, self.key(&within, "value", 0));
                pending |= p.pending;
                p.value
            });
            return match value.flatten() {
                Some(value) => Prop {
                    value: Some(Identifier { name, value }),
                    at,
                    pending,
                },
                None => Prop::none(at, pending),
            };
        }
        let Prop { value, pending, .. } = self.text_prop("identifier", v, at);
        match value {
            Some(value) => Prop::ok(Identifier { name: None, value }, at),
            None => Prop::none(at, pending),
        }
    }

    fn requirement(
        &mut self,
        name: &str,
        typed_key: &str,
        v: &Value,
        within: Range<usize>,
    ) -> Prop<Requirement> {
        let at = within.start;
        let Value::Map(_) = v else {
            let Prop { value, pending, .. } = self.text_prop(name, v, at);
            return match value {
                Some(t) => Prop::ok(Requirement::Text(t), at),
                None => Prop::none(at, pending),
            };
        };
        let Some(inner) = v.get(typed_key) else {
            self.problem(at, format!("{name} is text, or a mapping with {typed_key}"));
            return Prop::none(at, true);
        };
        let key_at = self.key(&within, typed_key, 0);
        if typed_key == "monthsOfExperience" {
            let Prop { value, pending, .. } = self.text_prop(typed_key, inner, key_at);
            return match value {
                Some(m) if m.bytes().all(|b| b.is_ascii_digit()) => {
                    Prop::ok(Requirement::Months(m), at)
                }
                Some(m) => {
                    self.problem(
                        key_at,
                        format!("monthsOfExperience \"{m}\" is not a whole number of months"),
                    );
                    Prop::none(at, true)
                }
                None => Prop::none(at, pending),
            };
        }
        let Prop { value, pending, .. } = self.text_prop(typed_key, inner, key_at);
        match value {
            Some(c) => Prop::ok(Requirement::Credential(c), at),
            None => Prop::none(at, pending),
        }
    }
}

/// `employmentType "X" is not a schema.org value; use one of A, B, C`.
fn unknown(name: &str, value: &str, allowed: &[&str], list: bool) -> String {
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

#[cfg(test)]
mod tests;
