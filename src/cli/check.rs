//! `jobpost check`: chooses the inputs (files, `-`, folders searched by `walk`), reviews them
//! in parallel with the config of each one's folder, and writes the report in the order
//! given, batch by batch; `--format github` also appends a job summary to
//! `$GITHUB_STEP_SUMMARY`. Exit status: 2 when an input could not be read or a folder held no
//! postings, else 1 when any finding is an error, else 0.

use std::collections::HashMap;
use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use super::walk::{self, Selection};
use super::{CheckArgs, ColorWhen, EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, Failure};
use crate::config::{self, Paths};
use crate::posting::{LoadError, Posting};
use crate::review::{self, report, summary};
use crate::store::{self, StoreError};

/// The name standard input goes by when `--stdin-filename` is not given.
pub const STDIN_NAME: &str = "<stdin>";

/// One thing to review.
#[derive(Debug, Clone)]
enum Input {
    /// A file, named or found in a folder.
    File(PathBuf),
    /// Standard input (`-`), under the name given to it.
    Stdin(PathBuf),
}

impl Input {
    /// The path reports show and whose folder config is looked up from.
    fn path(&self) -> &Path {
        match self {
            Input::File(p) | Input::Stdin(p) => p,
        }
    }
}

/// Runs `jobpost check`.
pub fn run(args: &CheckArgs) -> anyhow::Result<u8> {
    // The built-in lexicon (its pay patterns) takes as long to compile as a few hundred
    // reviews: a worker compiles it while this thread searches the folders.
    rayon::spawn(|| {
        review::lang::DEFAULT.pay.compile();
    });
    let selection = Selection {
        include: args.include.clone(),
        exclude: args.exclude.clone(),
        honour_ignore_files: !args.no_ignore,
    };
    selection.validate()?;
    let stdin_name = args
        .stdin_filename
        .clone()
        .unwrap_or_else(|| PathBuf::from(STDIN_NAME));
    let mut failed = false;
    let mut inputs = Vec::new();
    for path in &args.paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::Stdin(stdin_name.clone()));
        } else if path.is_dir() {
            let found = walk::search(path, &selection)?;
            for (at, message) in &found.errors {
                failed = true;
                let at = at.as_deref().unwrap_or(path);
                super::print_error(&anyhow::anyhow!("{}: cannot read: {message}", at.display()));
            }
            if found.files.is_empty() && found.errors.is_empty() {
                failed = true;
                super::print_error(&no_postings(path, &selection).into());
            }
            inputs.extend(found.files.into_iter().map(Input::File));
        } else {
            inputs.push(Input::File(path.clone()));
        }
    }
    // Standard input is read once, before the workers start.
    let stdin_text = if inputs.iter().any(|i| matches!(i, Input::Stdin(_))) {
        Some(read_stdin(&stdin_name))
    } else {
        None
    };

    let settings = settings_per_folder(inputs.iter().map(Input::path)).map_err(config_failure)?;
    let style = report::Style {
        format: args.format,
        color: args.format == report::Format::Text && use_color(args.color),
    };
    let step_summary = (args.format == report::Format::Github && !args.quiet)
        .then(|| std::env::var_os("GITHUB_STEP_SUMMARY"))
        .flatten()
        .filter(|p| !p.is_empty())
        .map(PathBuf::from);
    // One date for every posting (the clock read once, not per file).
    let today = Some(args.today.unwrap_or_else(crate::posting::schema::today));
    let mut summary = summary::StepSummary::default();
    let stdout = BufWriter::new(io::stdout().lock());
    let mut reporter = report::Reporter::new(Quiet::new(stdout, args.quiet), style)?;
    let mut any_errors = false;
    // Batches big enough to keep every core busy, small enough to stream: each file is read,
    // parsed once, reviewed and rendered on a worker; this thread writes the bytes in order
    // while the workers go on with the next batch.
    let chunk = rayon::current_num_threads().max(1) * 64;
    let check_one = |input: &Input, s: &Arc<Settings>| -> Result<Rendered, anyhow::Error> {
        let posting = match input {
            Input::File(p) => store::load_with(p, s.config.detect.clone())?,
            // (Read above whenever `-` is an input.)
            Input::Stdin(name) => match &stdin_text {
                Some(Ok(text)) => Posting::parse_with(text.as_str(), s.config.detect.clone()),
                Some(Err(e)) => return Err(copy_error(e).into()),
                None => return Err(StoreError::NotFound(name.clone()).into()),
            },
        };
        // A bug in a rule costs this file its report, not the whole run.
        // Section word counts are only shown in JSON.
        let counted = style.format == report::Format::Json;
        let mut r = review::review_guarded_counting(
            display(input.path()),
            &posting,
            &s.rules,
            today,
            counted,
        )?;
        if args.strict {
            r.make_strict();
        }
        let mut out = Rendered {
            errors: r.has_errors(),
            ..Rendered::default()
        };
        if !args.quiet {
            out.report.reserve(posting.text().len());
            report::render(style, &r, &mut out.report);
        }
        if step_summary.is_some() {
            summary::render(&r, &mut out.summary);
        }
        Ok(out)
    };
    std::thread::scope(|scope| -> anyhow::Result<()> {
        // One batch ahead: the workers never wait for this thread's writes.
        let (tx, rx) = std::sync::mpsc::sync_channel(1);
        let (inputs, settings, check_one) = (&inputs, &settings, &check_one);
        scope.spawn(move || {
            for (batch, batch_settings) in inputs.chunks(chunk).zip(settings.chunks(chunk)) {
                let reports: Vec<Result<Rendered, anyhow::Error>> = batch
                    .par_iter()
                    .zip(batch_settings)
                    .map(|(input, s)| check_one(input, s))
                    .collect();
                if tx.send(reports).is_err() {
                    break; // The writer stopped on an error.
                }
            }
        });
        for (reports, batch) in rx.into_iter().zip(inputs.chunks(chunk)) {
            for (r, input) in reports.into_iter().zip(batch) {
                match r {
                    Ok(r) => {
                        any_errors |= r.errors;
                        reporter.rendered(&r.report)?;
                        if step_summary.is_some() {
                            summary.add(!r.errors, &r.summary);
                        }
                    }
                    Err(e) => {
                        failed = true;
                        reporter.failed(&display(input.path()), &e.to_string());
                        reporter.flush()?;
                        super::print_error(&e);
                    }
                }
            }
        }
        Ok(())
    })?;
    reporter.finish()?;
    if let Some(path) = step_summary
        && let Err(e) = summary.append_to(&path)
    {
        failed = true;
        super::print_error(
            &Failure::new(
                format!("{}: cannot write the job summary: {e}", path.display()),
                "GITHUB_STEP_SUMMARY names the file GitHub Actions reads it from; unset it to skip the summary",
            )
            .into(),
        );
    }
    Ok(if failed {
        EXIT_ERROR
    } else if any_errors {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    })
}

/// One input's report, rendered on a worker.
#[derive(Default)]
struct Rendered {
    errors: bool,
    report: Vec<u8>,
    summary: Vec<u8>,
}

/// A config file that cannot be used, as the user is told.
pub(super) fn config_failure(e: config::ConfigError) -> Failure {
    Failure::new(
        e.to_string(),
        "fix that line, or move the file away to check with the defaults; \
         rule ids: `jobpost check --help`",
    )
}

/// A folder searched that held no postings.
pub(super) fn no_postings(dir: &Path, selection: &Selection) -> Failure {
    Failure::new(
        format!(
            "{}: no postings found ({} outside hidden folders and ignored paths)",
            dir.display(),
            selection.describe()
        ),
        "name the files, or choose which files count with --include GLOB \
         (--no-ignore reads ignored paths too)",
    )
}

/// Whether the text report is coloured: `--color`, else the conventions (`NO_COLOR`,
/// `CLICOLOR_FORCE`, `CLICOLOR=0`, `TERM=dumb`) and whether standard output is a terminal.
fn use_color(when: ColorWhen) -> bool {
    match when {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => {
            anstream::AutoStream::choice(&io::stdout()) != anstream::ColorChoice::Never
        }
    }
}

/// Standard input as a posting's text, checked as a file is.
pub fn read_stdin(name: &Path) -> Result<String, StoreError> {
    let mut bytes = Vec::new();
    io::stdin()
        .lock()
        .read_to_end(&mut bytes)
        .map_err(|source| StoreError::Read {
            path: name.to_path_buf(),
            source,
        })?;
    Posting::text_of(bytes).map_err(|source| StoreError::Content {
        path: name.to_path_buf(),
        source,
    })
}

/// The same error again (standard input is read once; its error is reported where it is
/// reviewed).
fn copy_error(e: &StoreError) -> StoreError {
    match e {
        StoreError::Content { path, source } => StoreError::Content {
            path: path.clone(),
            source: match source {
                LoadError::Binary(at) => LoadError::Binary(*at),
                LoadError::NotUtf8(at) => LoadError::NotUtf8(*at),
                LoadError::TooLarge(n) => LoadError::TooLarge(*n),
            },
        },
        StoreError::Read { path, source } => StoreError::Read {
            path: path.clone(),
            source: io::Error::new(source.kind(), source.to_string()),
        },
        other => StoreError::Read {
            path: PathBuf::from(STDIN_NAME),
            source: io::Error::other(other.to_string()),
        },
    }
}

/// Standard output, or nowhere with `--quiet`.
struct Quiet<W: Write> {
    out: W,
    quiet: bool,
}

impl<W: Write> Quiet<W> {
    fn new(out: W, quiet: bool) -> Self {
        Quiet { out, quiet }
    }
}

impl<W: Write> Write for Quiet<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.quiet {
            Ok(buf.len())
        } else {
            self.out.write(buf)
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// A config and the rules compiled from it.
pub(super) struct Settings {
    pub(super) config: config::Config,
    pub(super) rules: review::Rules,
}

/// The settings for each input, in order: loaded once per folder, and once per team file
/// (10,000 postings in one folder read their config once).
pub(super) fn settings_per_folder<'a>(
    inputs: impl ExactSizeIterator<Item = &'a Path>,
) -> Result<Vec<Arc<Settings>>, config::ConfigError> {
    let paths = Paths::discover();
    let mut by_folder: HashMap<PathBuf, Arc<Settings>> = HashMap::new();
    let mut by_team_file: HashMap<Option<PathBuf>, Arc<Settings>> = HashMap::new();
    let mut out = Vec::with_capacity(inputs.len());
    for input in inputs {
        let folder = input.parent().unwrap_or(Path::new("")).to_path_buf();
        if let Some(s) = by_folder.get(&folder) {
            out.push(s.clone());
            continue;
        }
        let team = config::find_team_file(&folder);
        let settings = match by_team_file.get(&team) {
            Some(s) => s.clone(),
            None => {
                let config = config::Config::load(paths.as_ref(), Some(&folder))?;
                let rules = config.rules();
                let s = Arc::new(Settings { config, rules });
                by_team_file.insert(team, s.clone());
                s
            }
        };
        by_folder.insert(folder, settings.clone());
        out.push(settings);
    }
    Ok(out)
}

fn display(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}
