//! Publishing a finished posting (`jobpost export`): schema.org `JobPosting` JSON-LD built
//! from the front matter ([`crate::posting::schema`]) with the body rendered to HTML as its
//! description, or one standalone HTML page holding it. [`refusals`] says what stops a posting
//! from being published: placeholders left, wrong values, Google-required properties missing.
//! No terminal code and no I/O here.

mod html;
mod jsonld;

pub use html::{body_html, page};
pub use jsonld::json_ld;

use crate::posting::Posting;
use crate::posting::schema::JobPosting;

/// One reason a posting is not ready to publish, at a 1-based line and character column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// 1-based file line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// What is wrong, in one line.
    pub message: String,
}

/// Everything that stops a posting from being published, in file order: front matter that
/// does not parse, every placeholder left, every wrong schema.org value, and every property
/// Google for Jobs requires that is missing. Empty when it can be exported.
pub fn refusals(posting: &Posting, job: &JobPosting) -> Vec<Refusal> {
    let mut out = Vec::new();
    let mut add = |(line, column): (usize, usize), message: String| {
        out.push(Refusal {
            line,
            column,
            message,
        })
    };
    let fm = posting.front_matter();
    match fm.and_then(|f| f.error.as_ref()) {
        Some(e) => add(
            (e.line.unwrap_or(1), e.column.unwrap_or(1)),
            format!("front matter is not valid YAML: {}", e.message),
        ),
        None if fm.is_none() => add(
            (1, 1),
            "no front matter: the schema.org properties (title, datePosted, hiringOrganization, jobLocation...) go there".into(),
        ),
        None => {}
    }
    for p in posting.placeholders() {
        let text = p.text.split_whitespace().collect::<Vec<_>>().join(" ");
        add(p.line_col(), format!("unfilled placeholder {text}"));
    }
    for p in &job.problems {
        add(posting.line_col(p.at), p.message.clone());
    }
    if fm.is_some_and(|f| f.error.is_none()) {
        let at = posting.line_col(fm.map_or(0, |f| f.block.start));
        for m in job.missing().iter().filter(|m| m.required) {
            add(
                at,
                format!(
                    "no {} in the front matter ({}); Google for Jobs requires it",
                    m.property, m.what
                ),
            );
        }
    }
    out.sort_by_key(|r| (r.line, r.column));
    out
}

#[cfg(test)]
mod tests;
