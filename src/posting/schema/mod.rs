//! schema.org `JobPosting` in front matter: the properties Google for Jobs reads, parsed into
//! typed values with the byte offset of each key in the posting, what is wrong with them, and
//! Google's required and recommended lists. No terminal code: the review rules, `export` and
//! the editor read this. The YAML is read through [`crate::yaml`]; positions come from a small
//! scan of the front matter text (the parser keeps none).

mod properties;
mod read;

pub use jiff::civil::Date;

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

impl<T> Prop<Vec<T>> {
    /// A list property: none when no item was read.
    fn list(items: Vec<T>, at: usize, pending: bool) -> Self {
        Prop {
            value: (!items.is_empty()).then_some(items),
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

#[cfg(test)]
mod tests;
