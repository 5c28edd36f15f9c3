//! What export writes and when it refuses, from postings written here.

use super::*;
use crate::posting::Posting;
use crate::posting::schema::JobPosting;

fn refused(text: &str) -> Vec<(usize, String)> {
    let p = Posting::parse(text);
    refusals(&p, &JobPosting::read(&p))
        .into_iter()
        .map(|r| (r.line, r.message))
        .collect()
}

const READY: &str = "---
title: Baker
datePosted: 2025-01-15
hiringOrganization: {name: Crumb & Co}
jobLocation: {address: {addressLocality: Leeds, addressCountry: GB}}
---
# About us

We bake bread.
";

#[test]
fn a_ready_posting_is_not_refused() {
    assert_eq!(refused(READY), []);
}

#[test]
fn refusals_name_each_placeholder_wrong_value_and_missing_property() {
    let text = "---\ntitle: \"[Job Title]\"\nemploymentType: FULLTIME\n---\n# About [Company Name]\n\nWe bake.\n";
    assert_eq!(
        refused(text),
        [
            (1, "no datePosted in the front matter (the date it is posted, YYYY-MM-DD); Google for Jobs requires it".to_string()),
            (1, "no hiringOrganization in the front matter (the employer, with a name); Google for Jobs requires it".to_string()),
            (1, "no jobLocation in the front matter (an address, or jobLocationType: TELECOMMUTE with applicantLocationRequirements); Google for Jobs requires it".to_string()),
            (2, "unfilled placeholder [Job Title]".to_string()),
            (3, "employmentType \"FULLTIME\" is not a schema.org value; use one of FULL_TIME, PART_TIME, CONTRACTOR, TEMPORARY, INTERN, VOLUNTEER, PER_DIEM, OTHER (or a list of them)".to_string()),
            (5, "unfilled placeholder [Company Name]".to_string()),
        ]
    );
    assert_eq!(
        refused("# A\n\nText.\n")[0].1,
        "no front matter: the schema.org properties (title, datePosted, hiringOrganization, jobLocation...) go there"
    );
    assert!(
        refused("---\ntitle: [oops\n---\n# A\n")[0]
            .1
            .starts_with("front matter is not valid YAML: ")
    );
}

#[test]
fn the_body_is_html_with_raw_html_escaped_and_comments_dropped() {
    let p = Posting::parse(
        "---\ntitle: T\n---\n# Role\n\nWe <b>bake</b> & <script>alert(1)</script> [go](javascript:alert(1)).\n\n<div onclick=\"x()\">\nblock\n</div>\n\n<!-- jobpost-disable length -->\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
    );
    assert_eq!(
        body_html(&p),
        "<h1>Role</h1>\n<p>We &lt;b&gt;bake&lt;/b&gt; &amp; &lt;script&gt;alert(1)&lt;/script&gt; <a href=\"#\">go</a>.</p>\n<p>&lt;div onclick=\"x()\"&gt;\nblock\n&lt;/div&gt;</p>\n<table><thead><tr><th>a</th><th>b</th></tr></thead><tbody>\n<tr><td>1</td><td>2</td></tr>\n</tbody></table>\n"
    );
}

#[test]
fn json_ld_types_nested_values_and_never_includes_front_matter() {
    let p = Posting::parse(READY.replace("title: Baker", "title: Baker\ndescription: SECRET NOTE"));
    let ld = json_ld(&p, &JobPosting::read(&p));
    assert_eq!(ld["@context"], "https://schema.org/");
    assert_eq!(ld["@type"], "JobPosting");
    assert_eq!(ld["hiringOrganization"]["@type"], "Organization");
    assert_eq!(ld["jobLocation"]["@type"], "Place");
    assert_eq!(ld["jobLocation"]["address"]["@type"], "PostalAddress");
    assert_eq!(
        ld["jobLocation"]["address"]["addressCountry"],
        serde_json::json!({"@type": "Country", "name": "GB"})
    );
    assert_eq!(
        ld["description"],
        "<h1>About us</h1>\n<p>We bake bread.</p>\n"
    );
    assert!(!ld.to_string().contains("SECRET NOTE"));
}

#[test]
fn the_page_takes_its_language_and_keeps_a_body_heading_first() {
    let p = Posting::parse(READY.replace("title: Baker", "title: Baker\ninLanguage: de-CH"));
    let html = page(&p, &JobPosting::read(&p));
    assert!(
        html.starts_with("<!doctype html>\n<html lang=\"de-CH\">\n"),
        "{html}"
    );
    assert!(html.contains("<title>Baker – Crumb &amp; Co</title>"));
    assert!(
        html.contains("<header>\n<h1>About us</h1>\n<dl class=\"facts\">"),
        "{html}"
    );
    let p = Posting::parse(READY.replace("# About us", "## About us"));
    let html = page(&p, &JobPosting::read(&p));
    assert!(html.contains("<header>\n<h1>Baker</h1>\n<dl"), "{html}");
    assert!(html.contains("<html lang=\"en\">"));
}
