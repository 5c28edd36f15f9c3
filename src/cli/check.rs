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
    // Standard input is read once, before the workers start.
    let stdin_text = if args.paths.iter().any(|p| p.as_os_str() == "-") {
        Some(read_stdin(&stdin_name))
    } else {
        None
    };
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
    let mut failed = false;
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
            report::render(style, &r, &mut out.report);
        }
        if step_summary.is_some() {
            summary::render(&r, &mut out.summary);
        }
        Ok(out)
    };
    std::thread::scope(|scope| -> anyhow::Result<()> {
        // The folders are searched on one thread while the workers review what it has found
        // (10,000 files take as long to list as ~100 to review); this thread tells what the
        // search met before any report, as when it searched first.
        let (found_tx, found_rx) = std::sync::mpsc::channel();
        let (paths, selection, stdin_name) = (&args.paths, &selection, &stdin_name);
        let search = scope.spawn(move || find_inputs(paths, selection, stdin_name, found_tx));
        // A few batches ahead while the search goes on; then the workers wait for the writes.
        let (tx, rx) = std::sync::mpsc::sync_channel(8);
        let check_one = &check_one;
        scope.spawn(move || {
            let mut found = found_rx.into_iter();
            loop {
                let batch: Vec<(Input, Arc<Settings>)> = found.by_ref().take(chunk).collect();
                if batch.is_empty() {
                    break;
                }
                let reports: Vec<Result<Rendered, anyhow::Error>> = batch
                    .par_iter()
                    .map(|(input, s)| check_one(input, s))
                    .collect();
                if tx.send((batch, reports)).is_err() {
                    break; // The writer stopped on an error.
                }
            }
        });
        let searched = match search.join() {
            Ok(searched) => searched,
            Err(panic) => std::panic::resume_unwind(panic),
        };
        for note in &searched.notes {
            failed = true;
            super::print_error(note);
        }
        if let Some(e) = searched.fatal {
            return Err(e);
        }
        let stdout = BufWriter::new(io::stdout().lock());
        let mut reporter = report::Reporter::new(Quiet::new(stdout, args.quiet), style)?;
        for (batch, reports) in rx {
            for (r, (input, _)) in reports.into_iter().zip(&batch) {
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
        reporter.finish()?;
        Ok(())
    })?;
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

/// What the search of the inputs met, told before any report.
#[derive(Default)]
struct Searched {
    /// Folders that could not be read or held no postings, in the order of the paths.
    notes: Vec<anyhow::Error>,
    /// A config file that cannot be used: nothing is reported then.
    fatal: Option<anyhow::Error>,
}

/// Sends every input, in order, with the settings of its folder, to `found`: the paths as
/// given, folders searched. Stops sending at the first config file that cannot be used.
fn find_inputs(
    paths: &[PathBuf],
    selection: &Selection,
    stdin_name: &Path,
    found: std::sync::mpsc::Sender<(Input, Arc<Settings>)>,
) -> Searched {
    let mut searched = Searched::default();
    let mut folders = FolderSettings::new();
    let mut send = |input: Input, fatal: &mut Option<anyhow::Error>| {
        if fatal.is_some() {
            return;
        }
        match folders.get(input.path()) {
            // (The workers are gone only when the writer stopped on an error.)
            Ok(s) => drop(found.send((input, s))),
            Err(e) => *fatal = Some(config_failure(e).into()),
        }
    };
    for path in paths {
        if path.as_os_str() == "-" {
            send(Input::Stdin(stdin_name.to_path_buf()), &mut searched.fatal);
        } else if path.is_dir() {
            let mut any = false;
            let fatal = &mut searched.fatal;
            let errors = walk::each(path, selection, |file| {
                any = true;
                send(Input::File(file), fatal);
            });
            let errors = match errors {
                Ok(errors) => errors,
                Err(e) => {
                    searched.fatal.get_or_insert(e.into());
                    break;
                }
            };
            for (at, message) in &errors {
                let at = at.as_deref().unwrap_or(path);
                let note = anyhow::anyhow!("{}: cannot read: {message}", at.display());
                searched.notes.push(note);
            }
            if !any && errors.is_empty() {
                searched.notes.push(no_postings(path, selection).into());
            }
        } else {
            send(Input::File(path.clone()), &mut searched.fatal);
        }
    }
    searched
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
    let mut folders = FolderSettings::new();
    inputs.map(|input| folders.get(input)).collect()
}

/// Settings by folder, each loaded once per folder and once per team file.
struct FolderSettings {
    paths: Option<Paths>,
    /// The folder asked about last, as written, and its settings: a folder's files come
    /// one after another, so most questions are answered without hashing the path.
    last: Option<(PathBuf, Arc<Settings>)>,
    by_folder: HashMap<PathBuf, Arc<Settings>>,
    by_team_file: HashMap<Option<PathBuf>, Arc<Settings>>,
}

impl FolderSettings {
    fn new() -> Self {
        FolderSettings {
            paths: Paths::discover(),
            last: None,
            by_folder: HashMap::new(),
            by_team_file: HashMap::new(),
        }
    }

    /// The settings for a posting at `input`.
    fn get(&mut self, input: &Path) -> Result<Arc<Settings>, config::ConfigError> {
        let folder = input.parent().unwrap_or(Path::new(""));
        // The same bytes are the same folder (the map also takes `a//b` for `a/b`).
        if let Some((last, s)) = &self.last
            && last.as_os_str() == folder.as_os_str()
        {
            return Ok(s.clone());
        }
        let settings = self.get_folder(folder)?;
        self.last = Some((folder.to_path_buf(), settings.clone()));
        Ok(settings)
    }

    /// The settings for the postings in `folder`.
    fn get_folder(&mut self, folder: &Path) -> Result<Arc<Settings>, config::ConfigError> {
        if let Some(s) = self.by_folder.get(folder) {
            return Ok(s.clone());
        }
        let team = config::find_team_file(folder);
        let settings = match self.by_team_file.get(&team) {
            Some(s) => s.clone(),
            None => {
                let config = config::Config::load(self.paths.as_ref(), Some(folder))?;
                let rules = config.rules();
                let s = Arc::new(Settings { config, rules });
                self.by_team_file.insert(team, s.clone());
                s
            }
        };
        self.by_folder
            .insert(folder.to_path_buf(), settings.clone());
        Ok(settings)
    }
}

fn display(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}
