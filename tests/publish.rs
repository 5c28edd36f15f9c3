//! Publishing as a user meets it: schema.org front matter read by `check`, and `jobpost
//! export` writing JSON-LD or an HTML page, or refusing. Each CLI case runs the real program in
//! a fresh folder holding a copy of `tests/fixtures/` and snapshots status, stdout and stderr.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use insta::assert_snapshot;
use jobpost::export;
use jobpost::posting::Posting;
use jobpost::posting::schema::{self, JobPosting};
use serde_json::Value;

/// A scratch folder with `tests/fixtures/` copied to `work/` and empty XDG folders.
struct Scratch {
    dir: tempfile::TempDir,
}

impl Scratch {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        for sub in ["home", "config", "data"] {
            fs::create_dir(dir.path().join(sub)).unwrap();
        }
        copy_dir(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"),
            &dir.path().join("work"),
        );
        Scratch { dir }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join("work").join(rel)
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_jobpost"))
            .args(args)
            .current_dir(self.dir.path().join("work"))
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.dir.path().join("home"))
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"))
            .env("XDG_DATA_HOME", self.dir.path().join("data"))
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap()
    }

    /// Status, stdout and stderr as one text, scratch paths as `[TMP]`.
    fn snap(&self, args: &[&str]) -> String {
        let out = self.run(args);
        let text = format!(
            "status: {}\n--- stdout\n{}--- stderr\n{}",
            out.status.code().map_or("signal".into(), |c| c.to_string()),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr),
        );
        let real = self.dir.path().canonicalize().unwrap();
        text.replace(&real.display().to_string(), "[TMP]")
            .replace(&self.dir.path().display().to_string(), "[TMP]")
    }

    fn stdout(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

fn fixture(name: &str) -> String {
    fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/publish")
            .join(name),
    )
    .unwrap()
}

// --- check reads the front matter ---------------------------------------------------------

#[test]
fn a_filled_schema_org_posting_checks_clean() {
    let s = Scratch::new();
    let out = s.run(&[
        "check",
        "--format",
        "json",
        "--today",
        "2025-02-01",
        "publish/baker.md",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let rules: Vec<&str> = v["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    for rule in [
        "placeholder",
        "pay-range",
        "location",
        "employment-type",
        "schema-value",
        "expired",
        "structured-data",
    ] {
        assert!(!rules.contains(&rule), "{rule} in {rules:?}");
    }
    assert_snapshot!(s.snap(&[
        "check",
        "--today",
        "2025-02-01",
        "publish/baker.md",
        "publish/remote.md"
    ]));
}

#[test]
fn a_past_valid_through_is_expired_as_of_today() {
    let s = Scratch::new();
    assert_snapshot!(s.snap(&["check", "--today", "2025-05-01", "publish/baker.md"]));
    // The last day to apply is not past yet.
    let out = s.stdout(&["check", "--today", "2025-04-30", "publish/baker.md"]);
    assert!(!out.contains("[expired]"), "{out}");
}

#[test]
fn wrong_values_and_missing_properties_are_reported_by_check() {
    assert_snapshot!(Scratch::new().snap(&[
        "check",
        "--today",
        "2025-06-01",
        "publish/every-schema-rule.md",
        "publish/draft.md"
    ]));
}

#[test]
fn a_bad_today_is_a_usage_error() {
    let s = Scratch::new();
    for bad in ["2025-13-01", "1.2.2025", "2025-01-15T10:00"] {
        let out = s.run(&["check", "--today", bad, "publish/baker.md"]);
        assert_eq!(out.status.code(), Some(2), "{bad}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("expected a date as YYYY-MM-DD"), "{err}");
    }
}

// --- export ---------------------------------------------------------------------------------

#[test]
fn export_json_ld_equals_its_snapshot_and_parses() {
    let s = Scratch::new();
    let out = s.stdout(&["export", "--format", "jsonld", "publish/baker.md"]);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["@type"], "JobPosting");
    assert_snapshot!(s.snap(&[
        "export",
        "--format",
        "jsonld",
        "--today",
        "2025-02-01",
        "publish/baker.md"
    ]));
    assert_snapshot!(s.snap(&["export", "--format", "jsonld", "publish/remote.md"]));
}

/// Google for Jobs' lists, written out here from its documentation (not taken from the code).
const GOOGLE_REQUIRED: &[&str] = &[
    "title",
    "description",
    "datePosted",
    "hiringOrganization",
    "jobLocation",
];
const GOOGLE_RECOMMENDED: &[&str] = &[
    "baseSalary",
    "employmentType",
    "validThrough",
    "directApply",
    "identifier",
];
const EMPLOYMENT_TYPES: &[&str] = &[
    "FULL_TIME",
    "PART_TIME",
    "CONTRACTOR",
    "TEMPORARY",
    "INTERN",
    "VOLUNTEER",
    "PER_DIEM",
    "OTHER",
];

fn iso_date(v: &Value) -> bool {
    v.as_str().is_some_and(|s| {
        let b = s.as_bytes();
        b.len() >= 10 && b[4] == b'-' && b[7] == b'-' && s[..4].parse::<u16>().is_ok()
    })
}

fn items(v: &Value) -> Vec<&Value> {
    match v {
        Value::Array(a) => a.iter().collect(),
        v => vec![v],
    }
}

/// Checks one property's shape as Google reads it; `Err` says what is wrong.
fn check_property(name: &str, v: &Value) -> Result<(), String> {
    let ok = match name {
        "title" => v.as_str().is_some_and(|s| !s.trim().is_empty()),
        "description" => v
            .as_str()
            .is_some_and(|s| s.starts_with('<') && s.contains("</")),
        "datePosted" | "validThrough" => iso_date(v),
        "hiringOrganization" => {
            v["@type"] == "Organization" && v["name"].as_str().is_some_and(|n| !n.is_empty())
        }
        "jobLocation" => items(v).iter().all(|p| {
            p["@type"] == "Place"
                && p["address"]["@type"] == "PostalAddress"
                && (p["address"]["addressCountry"].is_null()
                    || p["address"]["addressCountry"]["@type"] == "Country")
        }),
        "applicantLocationRequirements" => items(v).iter().all(|a| {
            matches!(
                a["@type"].as_str(),
                Some("Country" | "State" | "AdministrativeArea")
            ) && a["name"].is_string()
        }),
        "baseSalary" => {
            let q = &v["value"];
            v["@type"] == "MonetaryAmount"
                && v["currency"].as_str().is_some_and(|c| c.len() == 3)
                && q["@type"] == "QuantitativeValue"
                && (q["value"].is_number()
                    || q["minValue"].is_number()
                    || q["maxValue"].is_number())
                && matches!(
                    q["unitText"].as_str(),
                    Some("HOUR" | "DAY" | "WEEK" | "MONTH" | "YEAR")
                )
        }
        "employmentType" => items(v)
            .iter()
            .all(|t| t.as_str().is_some_and(|t| EMPLOYMENT_TYPES.contains(&t))),
        "directApply" => v.is_boolean(),
        "identifier" => {
            v["@type"] == "PropertyValue" && v["value"].is_string() && v["name"].is_string()
        }
        _ => true,
    };
    if ok {
        Ok(())
    } else {
        Err(format!("{name} has the wrong shape: {v}"))
    }
}

/// Every required property there (jobLocation, or a remote job with
/// applicantLocationRequirements) and right; every recommended one right where there.
fn google_shape(ld: &Value) -> Result<Vec<&'static str>, String> {
    if ld["@context"] != "https://schema.org/" || ld["@type"] != "JobPosting" {
        return Err("not a schema.org JobPosting".into());
    }
    let remote = ld["jobLocationType"] == "TELECOMMUTE";
    for &p in GOOGLE_REQUIRED {
        let v = &ld[p];
        if v.is_null() {
            if p == "jobLocation" && remote && !ld["applicantLocationRequirements"].is_null() {
                check_property(
                    "applicantLocationRequirements",
                    &ld["applicantLocationRequirements"],
                )?;
                continue;
            }
            return Err(format!("required {p} is missing"));
        }
        check_property(p, v)?;
    }
    let mut recommended = Vec::new();
    for &p in GOOGLE_RECOMMENDED {
        if !ld[p].is_null() {
            check_property(p, &ld[p])?;
            recommended.push(p);
        }
    }
    Ok(recommended)
}

fn ld_of(text: &str) -> Value {
    let p = Posting::parse(text);
    export::json_ld(&p, &JobPosting::read(&p))
}

#[test]
fn json_ld_has_googles_required_and_recommended_properties_property_by_property() {
    assert_eq!(schema::REQUIRED, GOOGLE_REQUIRED);
    assert_eq!(schema::RECOMMENDED, GOOGLE_RECOMMENDED);
    assert_eq!(schema::EMPLOYMENT_TYPES, EMPLOYMENT_TYPES);
    assert_eq!(
        google_shape(&ld_of(&fixture("baker.md"))),
        Ok(GOOGLE_RECOMMENDED.to_vec())
    );
    let remote = ld_of(&fixture("remote.md"));
    assert_eq!(
        google_shape(&remote),
        Ok(vec![
            "baseSalary",
            "employmentType",
            "directApply",
            "identifier"
        ])
    );
    assert!(remote["jobLocation"].is_null());
    // The check itself fails on what Google would reject.
    let mut broken = ld_of(&fixture("baker.md"));
    broken["hiringOrganization"]["@type"] = "Person".into();
    assert!(google_shape(&broken).is_err());
    broken = ld_of(&fixture("remote.md"));
    broken
        .as_object_mut()
        .unwrap()
        .remove("applicantLocationRequirements");
    assert_eq!(
        google_shape(&broken),
        Err("required jobLocation is missing".into())
    );
}

#[test]
fn every_builtin_template_filled_in_exports_a_complete_json_ld() {
    // A plausible value for each placeholder, by what its name asks for.
    fn value_for(name: &str) -> &'static str {
        let n = name.to_lowercase();
        if n.contains("closing") {
            "2025-03-31"
        } else if n.contains("date") {
            "2025-01-15"
        } else if n.contains("currency") {
            "EUR"
        } else if n.contains("lowest") || n.contains("salary_min") {
            "50000"
        } else if n.contains("highest") || n.contains("salary_max") {
            "60000"
        } else if n.contains("country") {
            "Germany"
        } else if n.contains("email") {
            "jobs@acme.example"
        } else {
            "Acme"
        }
    }
    for t in jobpost::templates::builtin() {
        let posting = Posting::parse(t.text);
        let names: Vec<(String, String)> = posting
            .placeholders()
            .iter()
            .map(|p| (p.text.to_string(), value_for(&p.name).to_string()))
            .collect();
        let (filled, _) = posting.fill_all(&names);
        let job = JobPosting::read(&filled);
        let refusals = export::refusals(&filled, &job);
        assert_eq!(refusals, [], "{}", t.name);
        let ld = export::json_ld(&filled, &job);
        assert_eq!(
            google_shape(&ld),
            Ok(vec!["baseSalary", "employmentType", "validThrough"]),
            "{}",
            t.name
        );
        assert_eq!(ld["baseSalary"]["value"]["minValue"], 50000, "{}", t.name);
    }
}

#[test]
fn the_html_page_parses_and_holds_the_json_ld() {
    use scraper::{Html, Selector};
    let s = Scratch::new();
    let json = s.stdout(&["export", "--format", "jsonld", "publish/baker.md"]);
    let page = s.stdout(&["export", "--format", "html", "publish/baker.md"]);
    assert!(page.starts_with("<!doctype html>\n"));
    let doc = Html::parse_document(&page);
    assert!(doc.errors.is_empty(), "{:?}", doc.errors);
    let one = |css: &str| {
        let sel = Selector::parse(css).unwrap();
        let all: Vec<_> = doc.select(&sel).collect();
        assert_eq!(all.len(), 1, "{css}");
        all[0]
    };
    assert_eq!(one("html").value().attr("lang"), Some("en"));
    assert_eq!(
        one("title").text().collect::<String>(),
        "Baker – Crumb & Co"
    );
    assert_eq!(one("h1").text().collect::<String>(), "Baker");
    let h2: Vec<String> = doc
        .select(&Selector::parse("main h2").unwrap())
        .map(|h| h.text().collect())
        .collect();
    assert_eq!(
        h2,
        [
            "About Crumb & Co",
            "What you will do",
            "What you bring",
            "What we offer"
        ]
    );
    assert!(
        one("head style")
            .text()
            .collect::<String>()
            .contains("max-width")
    );
    let facts: Vec<String> = doc
        .select(&Selector::parse("dl.facts dd").unwrap())
        .map(|d| d.text().collect())
        .collect();
    assert_eq!(
        facts,
        [
            "Crumb & Co",
            "Leeds, West Yorkshire, GB",
            "Full-time",
            "26000–29000 GBP a year",
            "2025-01-15",
            "2025-04-30"
        ]
    );
    let script = one("script[type=\"application/ld+json\"]")
        .text()
        .collect::<String>();
    assert!(!script.contains("</"), "{script}");
    let in_page: Value = serde_json::from_str(&script).unwrap();
    let exported: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(in_page, exported);
    assert_eq!(doc.select(&Selector::parse("script").unwrap()).count(), 1);
}

#[test]
fn raw_html_in_the_body_comes_out_escaped() {
    use scraper::{Html, Selector};
    let s = Scratch::new();
    let page = s.stdout(&["export", "--format", "html", "publish/raw-html.md"]);
    let doc = Html::parse_document(&page);
    let count = |css: &str| doc.select(&Selector::parse(css).unwrap()).count();
    // Only the JSON-LD is a script; the body's tags are text, its comment is gone.
    assert_eq!(count("script"), 1);
    assert_eq!(count("main b, main div, main [onclick]"), 0);
    let text: String = doc
        .select(&Selector::parse("main").unwrap())
        .flat_map(|m| m.text())
        .collect();
    assert!(
        text.contains(
            "The Grand has <b>forty rooms</b> & a night desk. <script>alert(\"x\")</script>"
        ),
        "{text}"
    );
    assert!(
        text.contains("<div onclick=\"steal()\">\nWelcome, <em>guests</em>!\n</div>"),
        "{text}"
    );
    assert!(!text.contains("jobpost-disable"), "{text}");
    let links: Vec<&str> = doc
        .select(&Selector::parse("main a").unwrap())
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert_eq!(links, ["#", "https://grand.example"]);
    let json = s.stdout(&["export", "--format", "jsonld", "publish/raw-html.md"]);
    let v: Value = serde_json::from_str(&json).unwrap();
    let description = v["description"].as_str().unwrap();
    assert!(
        description.contains("&lt;script&gt;alert(\"x\")&lt;/script&gt;"),
        "{description}"
    );
    assert!(!description.contains("<script"), "{description}");
}

#[test]
fn export_refuses_naming_what_is_left_and_writes_nothing() {
    let s = Scratch::new();
    assert_snapshot!(s.snap(&[
        "export",
        "--format",
        "html",
        "publish/draft.md",
        "-o",
        "draft.html"
    ]));
    assert!(!s.path("draft.html").exists());
    assert_snapshot!(s.snap(&["export", "--format", "jsonld", "postings/complete.md"]));
}

#[test]
fn a_placeholder_kept_on_purpose_passes_check_but_is_not_exported() {
    let s = Scratch::new();
    let text = fs::read_to_string(s.path("publish/remote.md"))
        .unwrap()
        .replace(
            "## What you bring\n",
            "## What you bring\n\n<!-- jobpost-disable-next-line placeholder -->\n\
         Reply to [Hiring Manager] by e-mail.\n",
        );
    fs::write(s.path("kept.md"), &text).unwrap();
    let check = s.run(&["check", "kept.md"]);
    assert_eq!(check.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&check.stdout).contains("1 placeholder kept on purpose"));
    let export = s.run(&["export", "--format", "html", "kept.md", "-o", "kept.html"]);
    assert_eq!(export.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&export.stderr);
    assert!(
        stderr.contains("unfilled placeholder [Hiring Manager]"),
        "{stderr}"
    );
    assert!(!s.path("kept.html").exists());
}

#[test]
fn export_writes_to_a_file_or_to_stdout_for_dash() {
    let s = Scratch::new();
    let stdout = s.stdout(&["export", "--format", "jsonld", "publish/remote.md"]);
    assert_eq!(
        s.stdout(&[
            "export",
            "--format",
            "jsonld",
            "publish/remote.md",
            "-o",
            "-"
        ]),
        stdout
    );
    assert_eq!(
        s.stdout(&[
            "export",
            "--format",
            "jsonld",
            "publish/remote.md",
            "-o",
            "remote.jsonld"
        ]),
        ""
    );
    assert_eq!(fs::read_to_string(s.path("remote.jsonld")).unwrap(), stdout);
    // An existing file is replaced whole.
    fs::write(s.path("page.html"), "old").unwrap();
    s.stdout(&[
        "export",
        "--format",
        "html",
        "publish/remote.md",
        "-o",
        "page.html",
    ]);
    let page = fs::read_to_string(s.path("page.html")).unwrap();
    assert!(
        page.starts_with("<!doctype html>\n<html lang=\"en-US\">"),
        "{page}"
    );
    // Past validThrough: a warning, and the export all the same.
    let out = s.run(&[
        "export",
        "--format",
        "jsonld",
        "--today",
        "2025-05-01",
        "publish/baker.md",
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "warning: publish/baker.md: validThrough 2025-04-30 has passed; exported all the same\n"
    );
}

#[test]
fn export_bad_input_and_usage() {
    let s = Scratch::new();
    assert_snapshot!(s.snap(&["export", "--format", "jsonld", "missing.md"]));
    assert_snapshot!(s.snap(&["export", "--format", "jsonld", "publish"]));
    assert_snapshot!(s.snap(&["export", "publish/baker.md"]));
    assert_snapshot!(s.snap(&[
        "export",
        "--format",
        "jsonld",
        "publish/remote.md",
        "-o",
        "no/such/folder/out.json"
    ]));
    assert!(!s.path("no").exists());
}

#[test]
fn help_export() {
    assert_snapshot!(Scratch::new().snap(&["export", "--help"]));
}
