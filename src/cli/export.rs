//! `jobpost export`: a finished posting as schema.org `JobPosting` JSON-LD or an HTML page
//! holding it. Refuses (exit 1, nothing written) while anything listed by
//! [`crate::export::refusals`] is left, naming each.

use std::io::{self, Write};
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::{EXIT_FINDINGS, EXIT_OK, editor_config};
use crate::export;
use crate::posting::schema::{self, Date, JobPosting, Prop};
use crate::store;

/// Arguments of `jobpost export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// What to write: schema.org JobPosting JSON-LD, or a standalone HTML page holding it.
    #[arg(long, value_enum)]
    pub format: ExportFormat,

    /// The posting to export.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// Write to OUT (atomically) instead of standard output; `-` is standard output.
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    pub output: Option<PathBuf>,

    /// Judge validThrough as on DATE (YYYY-MM-DD) instead of today.
    #[arg(long, value_name = "DATE", value_parser = parse_today)]
    pub today: Option<Date>,
}

/// What `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// schema.org `JobPosting` JSON-LD.
    Jsonld,
    /// One HTML page: the posting, with its JSON-LD in a script element.
    Html,
}

/// `--today DATE`: a calendar date, YYYY-MM-DD.
pub fn parse_today(arg: &str) -> Result<Date, String> {
    schema::parse_date(arg)
        .filter(|_| arg.len() == 10)
        .ok_or_else(|| "expected a date as YYYY-MM-DD, e.g. 2025-01-31".into())
}

/// Loads, checks and writes one posting; the exit status.
pub(super) fn export(args: &ExportArgs) -> anyhow::Result<u8> {
    let config = editor_config(Some(&args.file))?;
    let posting = store::load_with(&args.file, config.detect.clone())?;
    let job = JobPosting::read(&posting);
    let name = args.file.display();
    let refusals = export::refusals(&posting, &job);
    if !refusals.is_empty() {
        let mut err = io::stderr().lock();
        let n = refusals.len();
        let what = if n == 1 { "thing" } else { "things" };
        writeln!(
            err,
            "error: {name} is not ready to publish: {n} {what} to fill or fix"
        )?;
        for r in &refusals {
            writeln!(err, "  {name}:{}:{}: {}", r.line, r.column, r.message)?;
        }
        writeln!(
            err,
            "hint: nothing was written; fill the placeholders (`jobpost fill`, or F2 in the editor), fix the rest and export again"
        )?;
        return Ok(EXIT_FINDINGS);
    }
    if let Some(Prop {
        value: Some(until), ..
    }) = &job.valid_through
    {
        let today = args.today.unwrap_or_else(schema::today);
        if until.date < today {
            eprintln!(
                "warning: {name}: validThrough {} has passed; exported all the same",
                until.text
            );
        }
    }
    let text = match args.format {
        ExportFormat::Jsonld => {
            serde_json::to_string_pretty(&export::json_ld(&posting, &job))? + "\n"
        }
        ExportFormat::Html => export::page(&posting, &job),
    };
    match &args.output {
        Some(out) if out.as_os_str() != "-" => store::write_atomic(out, text.as_bytes())?,
        _ => {
            let mut stdout = io::stdout().lock();
            stdout.write_all(text.as_bytes())?;
            stdout.flush()?;
        }
    }
    Ok(EXIT_OK)
}
