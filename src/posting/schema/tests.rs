//! The schema.org reading of front matter: values, shapes, positions and what is missing.

use super::*;
use crate::posting::Posting;

fn job(yaml: &str) -> (Posting, JobPosting) {
    let p = Posting::parse(format!("---\n{yaml}---\n# About us\n\nWe bake bread.\n"));
    let j = JobPosting::read(&p);
    (p, j)
}

fn problems(yaml: &str) -> Vec<(usize, String)> {
    let (p, j) = job(yaml);
    j.problems
        .iter()
        .map(|x| (p.line_col(x.at).0, x.message.clone()))
        .collect()
}

const FULL: &str = "title: Baker
datePosted: 2025-01-15
validThrough: 2025-03-01T17:00
employmentType: [FULL_TIME, PART_TIME]
hiringOrganization:
  name: Crumb & Co
  sameAs: https://crumb.example
  logo: https://crumb.example/logo.png
jobLocation:
  address:
    streetAddress: 1 Mill Lane
    addressLocality: Leeds
    postalCode: LS1 1AA
    addressCountry: GB
baseSalary:
  currency: GBP
  value:
    minValue: 28000
    maxValue: \"32000\"
    unitText: YEAR
directApply: true
identifier: {name: Crumb & Co, value: BAKE-7}
industry: Food
occupationalCategory: 51-3011.00 Bakers
educationRequirements: {credentialCategory: high school}
experienceRequirements: {monthsOfExperience: 24}
inLanguage: en-GB
";

#[test]
fn a_full_front_matter_reads_into_typed_values() {
    let (_, j) = job(FULL);
    assert_eq!(j.problems, []);
    assert_eq!(j.title.as_ref().unwrap().value.as_deref(), Some("Baker"));
    let posted = j.date_posted.as_ref().unwrap().value.as_ref().unwrap();
    assert_eq!(posted.date, jiff::civil::date(2025, 1, 15));
    let until = j.valid_through.as_ref().unwrap().value.as_ref().unwrap();
    assert_eq!(
        (until.text.as_str(), until.date),
        ("2025-03-01T17:00", jiff::civil::date(2025, 3, 1))
    );
    assert_eq!(
        j.employment_type.as_ref().unwrap().value,
        Some(vec!["FULL_TIME", "PART_TIME"])
    );
    let org = j
        .hiring_organization
        .as_ref()
        .unwrap()
        .value
        .clone()
        .unwrap();
    assert_eq!(org.name, "Crumb & Co");
    assert_eq!(org.logo.as_deref(), Some("https://crumb.example/logo.png"));
    let places = j.job_location.as_ref().unwrap().value.clone().unwrap();
    assert_eq!(places[0].short(), "Leeds, GB");
    assert_eq!(places[0].postal_code.as_deref(), Some("LS1 1AA"));
    let pay = j.base_salary.as_ref().unwrap().value.clone().unwrap();
    assert_eq!(
        pay,
        Salary {
            currency: "GBP".into(),
            amount: Amount::Range {
                min: Some("28000".into()),
                max: Some("32000".into())
            },
            unit: Some("YEAR"),
        }
    );
    assert_eq!(j.direct_apply.as_ref().unwrap().value, Some(true));
    assert_eq!(
        j.identifier.as_ref().unwrap().value.as_ref().unwrap().value,
        "BAKE-7"
    );
    assert_eq!(
        j.education_requirements.as_ref().unwrap().value,
        Some(Requirement::Credential("high school".into()))
    );
    assert_eq!(
        j.experience_requirements.as_ref().unwrap().value,
        Some(Requirement::Months("24".into()))
    );
    assert_eq!(j.language.as_deref(), Some("en-GB"));
    assert!(j.states_pay() && j.states_location() && j.states_employment_type());
    assert_eq!(j.missing(), []);
}

#[test]
fn keys_are_found_at_their_lines() {
    let (p, j) = job(FULL);
    let line = |at: usize| p.line_col(at).0;
    assert_eq!(line(j.date_posted.as_ref().unwrap().at), 3);
    assert_eq!(line(j.base_salary.as_ref().unwrap().at), 16);
    assert_eq!(line(j.identifier.as_ref().unwrap().at), 23);
}

#[test]
fn unknown_enum_values_name_the_allowed_ones_at_their_line() {
    let all = "use one of FULL_TIME, PART_TIME, CONTRACTOR, TEMPORARY, INTERN, VOLUNTEER, PER_DIEM, OTHER (or a list of them)";
    assert_eq!(
        problems("title: T\nemploymentType: COMPANY_NAME\n"),
        [(
            3,
            format!("employmentType \"COMPANY_NAME\" is not a schema.org value; {all}")
        )]
    );
    assert_eq!(
        problems("employmentType:\n  - FULL_TIME\n  - Full-time\n"),
        [(
            4,
            format!("employmentType \"Full-time\" is not a schema.org value; {all}")
        )]
    );
    assert_eq!(
        problems("jobLocationType: REMOTE\n"),
        [(
            2,
            "jobLocationType \"REMOTE\" is not a schema.org value; use one of TELECOMMUTE".into()
        )]
    );
    let p = problems(
        "baseSalary:\n  currency: USD\n  value: {minValue: 1, maxValue: 2, unitText: yearly}\n",
    );
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].0, 4);
    assert!(
        p[0].1.ends_with("use one of HOUR, DAY, WEEK, MONTH, YEAR"),
        "{p:?}"
    );
}

#[test]
fn dates_are_strict_iso_8601() {
    for ok in [
        "2025-01-15",
        "2025-01-15T09:00",
        "2025-01-15T09:00:00Z",
        "2025-01-15T09:00:00+01:00",
    ] {
        assert!(parse_date(ok).is_some(), "{ok}");
    }
    for bad in [
        "15/01/2025",
        "2025-1-5",
        "20250115",
        "2025-02-30",
        "2025-01-15 09:00",
        "January 15, 2025",
        "2025-01-15T25:00",
    ] {
        assert!(parse_date(bad).is_none(), "{bad}");
    }
    assert_eq!(
        problems("datePosted: 15/01/2025\n"),
        [(2, "datePosted \"15/01/2025\" is not an ISO 8601 date; write YYYY-MM-DD (a time may follow, e.g. 2025-01-31T17:00)".into())]
    );
}

#[test]
fn placeholders_make_a_value_pending_not_missing_nor_a_problem() {
    let (_, j) = job(
        "title: \"[Job Title]\"\ndatePosted: \"[Date posted, YYYY-MM-DD]\"\nhiringOrganization:\n  name: \"[Company Name]\"\njobLocation:\n  address:\n    addressLocality: \"{{ city }}\"\nbaseSalary:\n  currency: USD\n  value:\n    minValue: \"[Lowest]\"\n    maxValue: \"[Highest]\"\n    unitText: YEAR\n",
    );
    assert_eq!(j.problems, []);
    assert!(j.date_posted.as_ref().unwrap().pending);
    assert!(j.title.as_ref().unwrap().value.is_none());
    assert!(!j.states_pay() && !j.states_location());
    let missing: Vec<_> = j
        .missing()
        .iter()
        .filter(|m| m.required)
        .map(|m| m.property)
        .collect();
    assert_eq!(missing, Vec::<&str>::new());
}

#[test]
fn google_required_and_recommended_lists() {
    let (_, j) = job("title: Baker\n");
    let missing: Vec<_> = j
        .missing()
        .iter()
        .map(|m| (m.property, m.required))
        .collect();
    assert_eq!(
        missing,
        [
            ("datePosted", true),
            ("hiringOrganization", true),
            ("jobLocation", true),
            ("baseSalary", false),
            ("employmentType", false),
            ("validThrough", false),
            ("directApply", false),
            ("identifier", false),
        ]
    );
    let p = Posting::parse("---\ntitle: \"\"\n---\n");
    let m: Vec<_> = JobPosting::read(&p)
        .missing()
        .iter()
        .filter(|m| m.required)
        .map(|m| m.property)
        .collect();
    assert_eq!(m[..2], ["title", "description"]);
    // A remote job needs applicantLocationRequirements instead of jobLocation.
    let (_, j) = job("jobLocationType: TELECOMMUTE\n");
    assert!(
        j.missing()
            .iter()
            .any(|m| m.property == "applicantLocationRequirements" && m.required)
    );
    assert!(!j.missing().iter().any(|m| m.property == "jobLocation"));
    let (_, j) = job(
        "jobLocationType: TELECOMMUTE\napplicantLocationRequirements: [US, {name: Ontario, \"@type\": State}]\n",
    );
    assert!(j.states_location());
    assert_eq!(
        j.applicant_location_requirements.unwrap().value.unwrap(),
        [
            Area {
                kind: "Country",
                name: "US".into()
            },
            Area {
                kind: "State",
                name: "Ontario".into()
            }
        ]
    );
}

#[test]
fn wrong_shapes_are_problems() {
    let p = problems(
        "baseSalary:\n  currency: dollars\n  value:\n    minValue: 120,000\n    maxValue: 100\n    unitText: YEAR\n",
    );
    let msgs: Vec<&str> = p.iter().map(|x| x.1.as_str()).collect();
    assert_eq!(
        msgs,
        [
            "baseSalary currency \"dollars\" is not an ISO 4217 code; write three capital letters such as USD, EUR or GBP",
            "baseSalary minValue \"120,000\" is not a plain number; write digits only, e.g. 120000",
        ]
    );
    assert_eq!(
        problems(
            "baseSalary:\n  currency: EUR\n  value: {minValue: 9, maxValue: 5, unitText: HOUR}\n"
        )[0]
        .1,
        "baseSalary minValue 9 is more than maxValue 5"
    );
    assert!(
        problems("baseSalary: {currency: EUR, value: 50}\n")[0]
            .1
            .starts_with(
                "baseSalary value needs a unitText: write value: {value: 50, unitText: YEAR}"
            )
    );
    assert_eq!(
        problems("directApply: yes please\n")[0].1,
        "directApply is true or false"
    );
    assert_eq!(
        problems("jobLocation:\n  address: Leeds\n")[0].1,
        "jobLocation address is a mapping of streetAddress, addressLocality, addressRegion, postalCode, addressCountry"
    );
    assert_eq!(
        problems("hiringOrganization:\n  name: Acme\n  logo: logo.png\n"),
        [(4, "hiringOrganization logo is a URL (https://...)".into())]
    );
}

#[test]
fn lists_of_places_and_a_plain_organization_name() {
    let (p, j) = job(
        "hiringOrganization: Acme\njobLocation:\n  - address: {addressLocality: Oslo, addressCountry: NO}\n  - address:\n      addressLocality: Bergen\n      addressCountry: {name: NO}\n",
    );
    assert_eq!(j.problems, []);
    assert_eq!(j.hiring_organization.unwrap().value.unwrap().name, "Acme");
    let places = j.job_location.as_ref().unwrap().value.clone().unwrap();
    let short: Vec<_> = places.iter().map(Address::short).collect();
    assert_eq!(short, ["Oslo, NO", "Bergen, NO"]);
    assert_eq!(p.line_col(j.job_location.unwrap().at).0, 3);
}

#[test]
fn yaml_that_does_not_parse_gives_nothing() {
    let (_, j) = job("title: [oops\n");
    assert_eq!(j.title, None);
    assert_eq!(j.problems, []);
    assert!(j.has_body);
}
