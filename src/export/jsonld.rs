//! schema.org `JobPosting` JSON-LD from the typed front matter: nested values typed as Google
//! reads them (`Organization`, `Place` + `PostalAddress`, `MonetaryAmount` +
//! `QuantitativeValue`, `Country`, `PropertyValue`).

use serde_json::{Map, Value, json};

use crate::posting::Posting;
use crate::posting::schema::{Address, Amount, Area, JobPosting, Prop, Requirement};

fn get<T>(p: &Option<Prop<T>>) -> Option<&T> {
    p.as_ref().and_then(|p| p.value.as_ref())
}

/// One value as itself, several as a list (schema.org takes either).
fn one_or_list(mut items: Vec<Value>) -> Value {
    if items.len() == 1 {
        items.remove(0)
    } else {
        Value::Array(items)
    }
}

/// A number as written (`fill` writes strings of digits; they are numbers here).
fn number(text: &str) -> Value {
    text.parse::<serde_json::Number>()
        .map_or_else(|_| Value::String(text.into()), Value::Number)
}

fn place(a: &Address) -> Value {
    let mut address = Map::new();
    address.insert("@type".into(), "PostalAddress".into());
    let parts = [
        ("streetAddress", &a.street_address),
        ("addressLocality", &a.address_locality),
        ("addressRegion", &a.address_region),
        ("postalCode", &a.postal_code),
    ];
    for (key, v) in parts {
        if let Some(v) = v {
            address.insert(key.into(), v.as_str().into());
        }
    }
    if let Some(c) = &a.address_country {
        address.insert(
            "addressCountry".into(),
            json!({"@type": "Country", "name": c}),
        );
    }
    json!({"@type": "Place", "address": address})
}

fn area(a: &Area) -> Value {
    json!({"@type": a.kind, "name": a.name})
}

fn requirement(r: &Requirement) -> Value {
    match r {
        Requirement::Text(t) => t.as_str().into(),
        Requirement::Credential(c) => {
            json!({"@type": "EducationalOccupationalCredential", "credentialCategory": c})
        }
        Requirement::Months(m) => {
            json!({"@type": "OccupationalExperienceRequirements", "monthsOfExperience": number(m)})
        }
    }
}

/// The posting as schema.org `JobPosting` JSON-LD: the front matter's properties that hold a
/// usable value, `title` from the front matter and `description` the body as HTML (the front
/// matter is never part of it). Keys are sorted, so the output is stable.
pub fn json_ld(posting: &Posting, job: &JobPosting) -> Value {
    let mut m = Map::new();
    let mut put = |key: &str, v: Value| {
        m.insert(key.to_string(), v);
    };
    put("@context", "https://schema.org/".into());
    put("@type", "JobPosting".into());
    if let Some(t) = get(&job.title) {
        put("title", t.as_str().into());
    }
    put("description", super::body_html(posting).into());
    if let Some(d) = get(&job.date_posted) {
        put("datePosted", d.text.as_str().into());
    }
    if let Some(d) = get(&job.valid_through) {
        put("validThrough", d.text.as_str().into());
    }
    if let Some(types) = get(&job.employment_type) {
        put(
            "employmentType",
            one_or_list(types.iter().map(|t| (*t).into()).collect()),
        );
    }
    let org = get(&job.hiring_organization);
    if let Some(o) = org {
        let mut v = json!({"@type": "Organization", "name": o.name});
        if let Some(s) = &o.same_as {
            v["sameAs"] = s.as_str().into();
        }
        if let Some(l) = &o.logo {
            v["logo"] = l.as_str().into();
        }
        put("hiringOrganization", v);
    }
    if let Some(places) = get(&job.job_location) {
        put(
            "jobLocation",
            one_or_list(places.iter().map(place).collect()),
        );
    }
    if let Some(t) = get(&job.job_location_type) {
        put("jobLocationType", (*t).into());
    }
    if let Some(areas) = get(&job.applicant_location_requirements) {
        put(
            "applicantLocationRequirements",
            one_or_list(areas.iter().map(area).collect()),
        );
    }
    if let Some(s) = get(&job.base_salary) {
        let mut q = json!({"@type": "QuantitativeValue"});
        match &s.amount {
            Amount::Exact(n) => q["value"] = number(n),
            Amount::Range { min, max } => {
                if let Some(n) = min {
                    q["minValue"] = number(n);
                }
                if let Some(n) = max {
                    q["maxValue"] = number(n);
                }
            }
        }
        if let Some(u) = s.unit {
            q["unitText"] = u.into();
        }
        put(
            "baseSalary",
            json!({"@type": "MonetaryAmount", "currency": s.currency, "value": q}),
        );
    }
    if let Some(d) = get(&job.direct_apply) {
        put("directApply", (*d).into());
    }
    if let Some(i) = get(&job.identifier) {
        let name = i.name.clone().or_else(|| org.map(|o| o.name.clone()));
        let mut v = json!({"@type": "PropertyValue", "value": i.value});
        if let Some(n) = name {
            v["name"] = n.into();
        }
        put("identifier", v);
    }
    if let Some(t) = get(&job.industry) {
        put("industry", t.as_str().into());
    }
    if let Some(t) = get(&job.occupational_category) {
        put("occupationalCategory", t.as_str().into());
    }
    if let Some(r) = get(&job.education_requirements) {
        put("educationRequirements", requirement(r));
    }
    if let Some(r) = get(&job.experience_requirements) {
        put("experienceRequirements", requirement(r));
    }
    Value::Object(m)
}
