//! HTML for publishing: the body rendered by pulldown-cmark with raw HTML escaped (never passed
//! through), and one standalone page holding the JSON-LD, readable without its small style.

use std::fmt::Write as _;

use pulldown_cmark::{CowStr, Event, Parser, Tag, TagEnd};

use crate::posting::schema::{Amount, JobPosting, Prop};
use crate::posting::{Posting, markdown_options};

/// Escapes text for HTML content and attribute values.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The text with `<!-- ... -->` comments cut out (suppressions, notes to the author).
fn without_comments(raw: &str) -> String {
    let mut out = String::new();
    let mut rest = raw;
    while let Some(i) = rest.find("<!--") {
        out.push_str(&rest[..i]);
        rest = rest[i + 4..]
            .find("-->")
            .map_or("", |e| &rest[i + 4 + e + 3..]);
    }
    out.push_str(rest);
    out
}

/// A link that would run script when followed becomes `#`.
fn safe_url(url: CowStr<'_>) -> CowStr<'_> {
    let lower = url.trim_start().to_ascii_lowercase();
    let scripted = lower.starts_with("javascript:")
        || lower.starts_with("vbscript:")
        || (lower.starts_with("data:") && !lower.starts_with("data:image/"));
    if scripted { "#".into() } else { url }
}

/// The body of a posting (everything after the front matter) as HTML. Raw HTML is shown as
/// text, escaped; HTML comments are dropped; links that would run script point nowhere.
pub fn body_html(posting: &Posting) -> String {
    let body = &posting.text()[posting.preamble().start..];
    let mut events = Vec::new();
    let mut block: Option<String> = None;
    for event in Parser::new_ext(body, markdown_options()) {
        match event {
            Event::Start(Tag::HtmlBlock) => block = Some(String::new()),
            Event::End(TagEnd::HtmlBlock) => {
                let shown = without_comments(&block.take().unwrap_or_default());
                if !shown.trim().is_empty() {
                    events.push(Event::Start(Tag::Paragraph));
                    events.push(Event::Text(shown.trim().to_string().into()));
                    events.push(Event::End(TagEnd::Paragraph));
                }
            }
            Event::Html(s) | Event::InlineHtml(s) => match &mut block {
                Some(b) => b.push_str(&s),
                None => {
                    let shown = without_comments(&s);
                    if !shown.is_empty() {
                        events.push(Event::Text(shown.into()));
                    }
                }
            },
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => events.push(Event::Start(Tag::Link {
                link_type,
                dest_url: safe_url(dest_url),
                title,
                id,
            })),
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => events.push(Event::Start(Tag::Image {
                link_type,
                dest_url: safe_url(dest_url),
                title,
                id,
            })),
            e => events.push(e),
        }
    }
    let mut out = String::with_capacity(body.len() * 5 / 4);
    pulldown_cmark::html::push_html(&mut out, events.into_iter());
    out
}

fn get<T>(p: &Option<Prop<T>>) -> Option<&T> {
    p.as_ref().and_then(|p| p.value.as_ref())
}

/// `FULL_TIME` → `Full-time`, for readers of the page.
fn employment_words(t: &str) -> &'static str {
    match t {
        "FULL_TIME" => "Full-time",
        "PART_TIME" => "Part-time",
        "CONTRACTOR" => "Contractor",
        "TEMPORARY" => "Temporary",
        "INTERN" => "Internship",
        "VOLUNTEER" => "Volunteer",
        "PER_DIEM" => "Per diem",
        _ => "Other",
    }
}

/// The facts applicants filter by, as a description list (from the structured data, so the
/// page says what the JSON-LD says).
fn facts(job: &JobPosting) -> String {
    let mut rows: Vec<(&str, String)> = Vec::new();
    if let Some(o) = get(&job.hiring_organization) {
        let name = esc(&o.name);
        let shown = match &o.same_as {
            Some(url) => format!("<a href=\"{}\">{name}</a>", esc(url)),
            None => name,
        };
        rows.push(("Company", shown));
    }
    let mut places: Vec<String> = get(&job.job_location)
        .into_iter()
        .flatten()
        .map(|a| esc(&a.short()))
        .collect();
    if job.is_remote() {
        let areas: Vec<String> = get(&job.applicant_location_requirements)
            .into_iter()
            .flatten()
            .map(|a| esc(&a.name))
            .collect();
        places.push(match areas.is_empty() {
            true => "Remote".into(),
            false => format!("Remote ({})", areas.join(", ")),
        });
    }
    if !places.is_empty() {
        rows.push(("Location", places.join("; ")));
    }
    if let Some(types) = get(&job.employment_type) {
        let words: Vec<&str> = types.iter().map(|t| employment_words(t)).collect();
        rows.push(("Employment type", words.join(", ")));
    }
    if let Some(s) = get(&job.base_salary) {
        let c = esc(&s.currency);
        let amount = match &s.amount {
            Amount::Exact(n) => format!("{n} {c}"),
            Amount::Range {
                min: Some(lo),
                max: Some(hi),
            } => format!("{lo}–{hi} {c}"),
            Amount::Range { min: Some(lo), .. } => format!("from {lo} {c}"),
            Amount::Range { max: Some(hi), .. } => format!("up to {hi} {c}"),
            Amount::Range { .. } => c,
        };
        let per = match s.unit {
            Some("HOUR") => " an hour",
            Some("DAY") => " a day",
            Some("WEEK") => " a week",
            Some("MONTH") => " a month",
            Some("YEAR") => " a year",
            _ => "",
        };
        rows.push(("Pay", format!("{amount}{per}")));
    }
    let date = |d: &crate::posting::schema::Day| {
        format!("<time datetime=\"{}\">{}</time>", esc(&d.text), d.date)
    };
    if let Some(d) = get(&job.date_posted) {
        rows.push(("Posted", date(d)));
    }
    if let Some(d) = get(&job.valid_through) {
        rows.push(("Apply by", date(d)));
    }
    if rows.is_empty() {
        return String::new();
    }
    let mut out = String::from("<dl class=\"facts\">\n");
    for (term, detail) in rows {
        let _ = writeln!(out, "<dt>{term}</dt><dd>{detail}</dd>");
    }
    out.push_str("</dl>\n");
    out
}

const STYLE: &str = "body{max-width:42rem;margin:0 auto;padding:1rem;font:1.0625rem/1.6 system-ui,sans-serif;color:#1b1b1b;background:#fff}
h1,h2,h3,h4{line-height:1.25}
a{color:#0645ad}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}
.facts dt{font-weight:600}
.facts dd{margin:0}";

/// One standalone, accessible HTML page: `lang` from the front matter (`inLanguage` or
/// `lang`, else `en`), the title, the facts from the structured data, the body with its
/// headings (a level-1 heading of the title first when the body has none), and the JSON-LD
/// in `<script type="application/ld+json">` with every `<` escaped so no `</script>` can end
/// it early.
pub fn page(posting: &Posting, job: &JobPosting) -> String {
    let ld = super::json_ld(posting, job);
    let body = ld["description"].as_str().unwrap_or_default().to_string();
    let title = get(&job.title)
        .cloned()
        .or_else(|| posting.sections().first().map(|s| s.title.to_string()))
        .unwrap_or_else(|| "Job posting".into());
    let page_title = match get(&job.hiring_organization) {
        Some(o) => format!("{title} – {}", o.name),
        None => title.clone(),
    };
    let script = serde_json::to_string_pretty(&ld)
        .unwrap_or_default()
        .replace('<', "\\u003c");
    // Text never holds a raw `<`, so a level-1 heading of the body renders as `<h1>`: one
    // that opens the body heads the page (the facts follow it), else the title does.
    let (heading, body) = match body.find("</h1>\n") {
        Some(i) if body.starts_with("<h1>") => (body[..i + 6].to_string(), &body[i + 6..]),
        Some(_) => (String::new(), body.as_str()),
        None => (format!("<h1>{}</h1>\n", esc(&title)), body.as_str()),
    };
    format!(
        "<!doctype html>
<html lang=\"{lang}\">
<head>
<meta charset=\"utf-8\">
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">
<title>{page_title}</title>
<style>
{STYLE}
</style>
<script type=\"application/ld+json\">
{script}
</script>
</head>
<body>
<main>
<article>
<header>
{heading}{facts}</header>
{body}</article>
</main>
</body>
</html>
",
        lang = esc(job.language.as_deref().unwrap_or("en")),
        page_title = esc(&page_title),
        facts = facts(job),
    )
}
