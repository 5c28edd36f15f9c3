//! The command line: clap definitions and one function per subcommand. Each returns the exit
//! status (0, 1 or 2); errors go back to `main` as `anyhow::Error` and are printed by
//! [`print_error`] as `error:` plus, where useful, `hint:`.

mod check;
mod config_cmd;
mod export;
mod list;
mod shell;
mod walk;

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use clap::{Args, Parser, Subcommand};

use crate::config::{self, Paths};
use crate::posting::{self, Posting, frontmatter};
use crate::review::report;
use crate::store::{self, StoreError};
use crate::{recovery, templates, tui};

pub use export::{ExportArgs, ExportFormat};
pub use list::folder;

/// Exit status: success, or a complete posting.
pub const EXIT_OK: u8 = 0;
/// Exit status of `check` when any finding has severity error.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit status for unreadable input, unwritable output and bad usage.
pub const EXIT_ERROR: u8 = 2;

/// A terminal editor for job postings in Markdown with YAML front matter.
///
/// With no command, opens FILE in the editor (a FILE that does not exist yet is created on
/// the first save), a FOLDER's postings in a list (as `check` finds them), or a new unsaved
/// posting from the built-in Product Owner template.
#[derive(Debug, Parser)]
#[command(name = "jobpost", version, propagate_version = true)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// The posting to open in the editor, or a folder of postings to list.
    #[arg(value_name = "FILE", conflicts_with = "recover", value_parser = user_path)]
    pub file: Option<PathBuf>,

    /// Open FILE with its unsaved edits from the recovery file applied (see `jobpost
    /// recovery`); FILE may also be a recovery file itself
    #[arg(long, value_name = "FILE", value_parser = user_path)]
    pub recover: Option<PathBuf>,

    /// A command to run without the editor.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The commands that run without a terminal.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Report unfilled placeholders, missing sections, pay, location and wording problems.
    ///
    /// Levels can be changed under `rules:` in $XDG_CONFIG_HOME/jobpost/config.yaml or the
    /// nearest .jobpost.yaml above each posting (`jobpost config` shows what applies).
    /// Comments in a posting suppress findings in place: `<!-- jobpost-disable RULE... -->`
    /// to the matching `<!-- jobpost-enable RULE... -->` or the end, and
    /// `<!-- jobpost-disable-next-line RULE... -->`; no RULE means all.
    ///
    /// Exits 0 when no finding is an error, 1 when any is, 2 when an input or a config file
    /// cannot be read or a folder holds no postings.
    #[command(after_long_help = check_rules_help())]
    Check(CheckArgs),
    /// Fill placeholders by name and write the result.
    ///
    /// Writes to standard output unless -o or --in-place is given; both write atomically.
    /// With no values the output is byte-identical to FILE. Exits 0 when written, 2 on error.
    #[command(
        after_help = "Examples:\n  jobpost fill po.md --set 'Company Name=Acme' -o acme.md\n  jobpost fill po.md --answers answers.yaml --set '[Your City]=Oslo' --in-place"
    )]
    Fill(FillArgs),
    /// Write a new posting from a template.
    New(NewArgs),
    /// List the built-in and user templates.
    Templates,
    /// List unsaved edits kept after a hang-up or crash (original path, time, size).
    ///
    /// Opening the posting offers them back; `jobpost --recover FILE` applies them directly.
    /// Edits that crashed jobpost again when recovered are set aside (never offered on open)
    /// and listed apart, each with the command that opens it.
    Recovery,
    /// Print the configuration in force, as YAML, each part marked with where it came from.
    ///
    /// The built-in defaults, the user's $XDG_CONFIG_HOME/jobpost/config.yaml and the
    /// nearest .jobpost.yaml above the posting's folder (the current folder without --path),
    /// merged as `check` and the editor merge them. Exits 2 when a config file cannot be used.
    Config(ConfigArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    #[command(
        after_help = "Examples:\n  jobpost completions bash > ~/.local/share/bash-completion/completions/jobpost\n  jobpost completions zsh > ~/.zfunc/_jobpost\n  jobpost completions fish > ~/.config/fish/completions/jobpost.fish"
    )]
    Completions(CompletionsArgs),
    /// Print the manual page (roff) for jobpost or one of its commands.
    #[command(
        after_help = "Examples:\n  jobpost man | man -l -\n  jobpost man check > ~/.local/share/man/man1/jobpost-check.1"
    )]
    Man(ManArgs),
    /// Write a finished posting as schema.org JobPosting JSON-LD, or an HTML page holding it.
    ///
    /// Refuses (exit 1, nothing written) while placeholders are left, a schema.org value is
    /// wrong or a property Google for Jobs requires is missing, naming each. Writes to
    /// standard output unless -o is given. Exits 0 when written, 2 on unreadable input.
    #[command(
        after_help = "Examples:\n  jobpost export --format jsonld po.md -o po.jsonld\n  jobpost export --format html po.md -o careers/po.html"
    )]
    Export(ExportArgs),
}

/// Arguments of `jobpost config`.
#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// Show the configuration for this posting (it need not exist) or folder.
    #[arg(long, value_name = "FILE")]
    pub path: Option<PathBuf>,
}

/// Arguments of `jobpost completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

/// Arguments of `jobpost man`.
#[derive(Debug, Args)]
pub struct ManArgs {
    /// The command whose page to print (default: the main page).
    #[arg(value_name = "COMMAND")]
    pub command: Option<String>,
}

/// Arguments of `jobpost check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// How to print the report.
    #[arg(long, value_enum, default_value_t)]
    pub format: report::Format,

    /// Treat warnings as errors: they are reported as errors and make the exit status 1.
    #[arg(long)]
    pub strict: bool,

    /// Print no report; the exit status says it all (errors still go to stderr).
    #[arg(long, short = 'q')]
    pub quiet: bool,

    /// When to colour the text report: on a terminal (unless NO_COLOR is set or
    /// CLICOLOR_FORCE asks for it anyway), always or never.
    #[arg(long, value_enum, value_name = "WHEN", default_value_t)]
    pub color: ColorWhen,

    /// Files in folders count as postings when they match GLOB (repeatable; default
    /// `*.md`; globs as in .gitignore).
    #[arg(long, value_name = "GLOB")]
    pub include: Vec<String>,

    /// Skip files and folders matching GLOB when searching folders (repeatable; e.g.
    /// `drafts/`, `**/archive/**`).
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,

    /// Search folders without reading .gitignore, .ignore and git's exclude files (hidden
    /// files are still skipped).
    #[arg(long)]
    pub no_ignore: bool,

    /// The name standard input (`-`) is reported as; its folder's config applies.
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<PathBuf>,

    /// Judge validThrough (rule `expired`) as on DATE (YYYY-MM-DD) instead of today.
    #[arg(long, value_name = "DATE", value_parser = export::parse_today)]
    pub today: Option<posting::schema::Date>,

    /// Posting files (always read), `-` for standard input, or folders to search for
    /// postings (as ripgrep does: hidden and ignored entries are skipped).
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,
}

/// `--color`: when the text report is coloured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorWhen {
    /// On a terminal, following NO_COLOR and CLICOLOR_FORCE.
    #[default]
    Auto,
    /// Always, even into a pipe or a file.
    Always,
    /// Never.
    Never,
}

/// Arguments of `jobpost fill`.
#[derive(Debug, Args)]
pub struct FillArgs {
    /// The posting to fill; `-` reads standard input.
    #[arg(value_name = "FILE", value_parser = user_path)]
    pub file: PathBuf,

    /// Fill every occurrence of placeholder NAME with VALUE (repeatable)
    ///
    /// NAME may keep its delimiters: `Company Name` and `[Company Name]` are the same.
    /// A NAME that matches nothing is reported as a warning. Wins over --answers.
    #[arg(long = "set", value_name = "NAME=VALUE", value_parser = parse_set)]
    pub set: Vec<(String, String)>,

    /// Fill from a YAML file of `Name: value` lines
    ///
    /// Names it has that the posting lacks are skipped quietly, so one answers file can
    /// serve many postings.
    #[arg(long, value_name = "F.yaml", value_parser = user_path)]
    pub answers: Option<PathBuf>,

    /// Write the result to OUT instead of standard output (`-`: standard output).
    #[arg(
        short = 'o',
        long = "output",
        value_name = "OUT",
        conflicts_with = "in_place",
        value_parser = user_path
    )]
    pub output: Option<PathBuf>,

    /// Write the result back to FILE, keeping its permissions.
    #[arg(long)]
    pub in_place: bool,

    /// The name standard input (`-`) goes by in messages.
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<PathBuf>,
}

/// Arguments of `jobpost new`.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// The template to start from (see `jobpost templates`).
    #[arg(long, short = 't', value_name = "NAME", default_value = templates::DEFAULT)]
    pub template: String,

    /// The file to create; it must not exist yet.
    #[arg(value_name = "FILE", value_parser = user_path)]
    pub file: PathBuf,
}

/// An error meant for the user: what happened and what to do about it.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct Failure {
    /// What happened.
    pub message: String,
    /// What to do, when there is something useful to say.
    pub hint: Option<String>,
}

impl Failure {
    fn new(message: impl Into<String>, hint: impl Into<String>) -> Self {
        Failure {
            message: message.into(),
            hint: Some(hint.into()),
        }
    }
}

/// A path as the user typed it, `~/` expanded (a shell leaves `--output=~/x.md` alone).
fn user_path(arg: &str) -> Result<PathBuf, String> {
    Ok(store::expand_tilde(
        Path::new(arg),
        store::home_dir().as_deref(),
    ))
}

/// The rules `check --help` lists, from the rule table.
fn check_rules_help() -> String {
    format!(
        "Rules (id, default level, what it finds):\n{}",
        crate::review::rules::help_lines()
    )
}

fn parse_set(arg: &str) -> Result<(String, String), String> {
    match arg.split_once('=') {
        Some((name, value)) if !name.trim().is_empty() => Ok((name.to_string(), value.to_string())),
        Some(_) => Err("the NAME before `=` is empty".into()),
        None => Err("expected NAME=VALUE, e.g. --set \"Company Name=Acme\"".into()),
    }
}

/// Runs a parsed command line, giving the exit status.
pub fn run(cli: Cli) -> anyhow::Result<u8> {
    match cli.command {
        None => match cli.recover {
            Some(file) => open_recovered(&file),
            None => {
                if let Some(file) = &cli.file
                    && let Some(command) = shell::meant_command(file)
                {
                    return Err(shell::mistyped(file, &command).into());
                }
                open(cli.file)
            }
        },
        Some(Command::Check(args)) => check::run(&args),
        Some(Command::Fill(args)) => fill(&args),
        Some(Command::New(args)) => new(&args),
        Some(Command::Templates) => list_templates(),
        Some(Command::Recovery) => list_recovery(),
        Some(Command::Config(args)) => config_cmd::run(&args),
        Some(Command::Completions(args)) => shell::completions(&args),
        Some(Command::Man(args)) => shell::man(&args),
        Some(Command::Export(args)) => export::export(&args),
    }
}

/// Prints an error as `error:` and `hint:` lines on stderr and gives the exit status. A broken
/// pipe on stdout (`jobpost check . | head`) is not an error: nothing is printed, status 0.
pub fn print_error(err: &anyhow::Error) -> u8 {
    if err
        .downcast_ref::<io::Error>()
        .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    {
        return EXIT_OK;
    }
    let mut stderr = io::stderr().lock();
    // Paths and text from postings may hold control characters: shown, never sent raw.
    let _ = writeln!(stderr, "error: {}", report::visible(&err.to_string()));
    let hint = if let Some(f) = err.downcast_ref::<Failure>() {
        f.hint.clone()
    } else if let Some(p) = err.downcast_ref::<crate::review::ReviewPanic>() {
        Some(p.hint().to_string())
    } else if let Some(e) = err.downcast_ref::<store::SaveError>() {
        e.hint().map(String::from)
    } else {
        err.downcast_ref::<StoreError>()
            .and_then(|e| e.hint().map(String::from))
    };
    if let Some(hint) = hint {
        let _ = writeln!(stderr, "hint: {}", report::visible(&hint));
    }
    EXIT_ERROR
}

/// `jobpost [FILE]`: loads (or starts) a posting, then hands it to the editor; a folder opens
/// the folder view. Input that cannot be opened is refused here, before the terminal is
/// touched.
fn open(file: Option<PathBuf>) -> anyhow::Result<u8> {
    if let Some(dir) = file.as_deref().filter(|f| f.is_dir()) {
        return list::run(dir);
    }
    let config = editor_config(file.as_deref())?;
    let detect = config.detect.clone();
    let mut pending = None;
    let launch = match file {
        None => tui::Launch {
            path: None,
            posting: Posting::parse_with(templates::PRODUCT_OWNER, detect),
        },
        Some(path) => {
            pending = Paths::discover()
                .and_then(|p| recovery::pending_for(&p.recovery_dir(), &path))
                .map(tui::Pending::Offer);
            if let Some(preview) = preview_of(&path, &detect) {
                let start = tui::Start::Reading(tui::Reading {
                    path,
                    preview,
                    detect,
                });
                return tui::run_with(start, pending, config.rules(), (&config).into());
            }
            match store::load_with(&path, detect.clone()) {
                Ok(posting) => tui::Launch {
                    path: Some(path),
                    posting,
                },
                Err(StoreError::NotFound(_)) => tui::Launch {
                    path: Some(path),
                    posting: Posting::parse_with("", detect),
                },
                Err(e) => return Err(e.into()),
            }
        }
    };
    tui::run_with(launch, pending, config.rules(), (&config).into())
}

/// Postings from this size on show their first screen while the rest is read and parsed.
const PREVIEW_FROM: u64 = 512 * 1024;

/// How much of a large posting its first screen is drawn from: a screenful of outline rows and
/// the first pane, with room to spare.
const PREVIEW_BYTES: u64 = 16 * 1024;

/// The first screen of a large posting: its first whole lines (up to 16 KB) parsed, when
/// they are text. `None` for a smaller file, or one whose start is not text (then the normal
/// read refuses it before the terminal is touched).
fn preview_of(path: &Path, detect: &Arc<posting::DetectOptions>) -> Option<Posting> {
    use std::io::Read;
    let file = std::fs::File::open(path).ok()?;
    let meta = file.metadata().ok()?;
    if !meta.is_file() || meta.len() < PREVIEW_FROM {
        return None;
    }
    let mut head = Vec::with_capacity(PREVIEW_BYTES as usize);
    file.take(PREVIEW_BYTES).read_to_end(&mut head).ok()?;
    let end = head.iter().rposition(|&b| b == b'\n')? + 1;
    head.truncate(end);
    let text = Posting::text_of(head).ok()?;
    Some(Posting::parse_with(text, detect.clone()))
}

/// The config in force for a posting opened in the editor: the user's `config.yaml` and the
/// nearest `.jobpost.yaml` above the posting's folder (the current folder for a new posting).
/// A config that cannot be used stops here, before the terminal is touched.
fn editor_config(file: Option<&Path>) -> anyhow::Result<config::Config> {
    let folder = match file.and_then(Path::parent) {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    Ok(config::Config::load(
        Paths::discover().as_ref(),
        Some(&folder),
    )?)
}

/// `jobpost --recover FILE`: opens FILE with its recovery file applied as unsaved edits. A
/// recovery file given directly opens its text (as the posting it names, or a new posting).
fn open_recovered(file: &Path) -> anyhow::Result<u8> {
    let no_recovery = || {
        Failure::new(
            format!("{}: no unsaved edits kept for this file", file.display()),
            "see `jobpost recovery` for what is kept",
        )
    };
    let dir = Paths::discover().map(|p| p.recovery_dir());
    let in_recovery_dir = dir.as_deref().is_some_and(|d| {
        let canon = |p: &Path| fs::canonicalize(p).ok();
        file.parent()
            .and_then(canon)
            .is_some_and(|p| Some(p) == canon(d))
    });
    let rec = if in_recovery_dir {
        recovery::read(file)?
    } else {
        let dir = dir.ok_or_else(no_recovery)?;
        recovery::read(&recovery::file_for(&dir, Some(file))).map_err(|_| no_recovery())?
    };
    let path = if in_recovery_dir {
        rec.header.path.clone()
    } else {
        Some(file.to_path_buf())
    };
    let config = editor_config(path.as_deref())?;
    let detect = config.detect.clone();
    let posting = match path.as_deref().map(|p| store::load_with(p, detect.clone())) {
        None | Some(Err(StoreError::NotFound(_))) => Posting::parse_with("", detect),
        Some(Ok(p)) => p,
        Some(Err(e)) => return Err(e.into()),
    };
    tui::run_with(
        tui::Launch { path, posting },
        Some(tui::Pending::Apply(rec)),
        config.rules(),
        (&config).into(),
    )
}

/// `jobpost recovery`: one line per kept recovery file, oldest first; then the ones set aside
/// after a crash, each with the command that opens it.
fn list_recovery() -> anyhow::Result<u8> {
    let mut out = BufWriter::new(io::stdout().lock());
    let Some(paths) = Paths::discover() else {
        writeln!(out, "No unsaved edits are kept (no home folder found).")?;
        return Ok(EXIT_OK);
    };
    let dir = paths.recovery_dir();
    let kept = recovery::list(&dir);
    let aside = recovery::list_set_aside(&dir);
    if kept.is_empty() && aside.is_empty() {
        writeln!(out, "No unsaved edits are kept in {}.", dir.display())?;
        out.flush()?;
        return Ok(EXIT_OK);
    }
    for r in &kept {
        write_recovery_entry(&mut out, r)?;
    }
    if !kept.is_empty() {
        writeln!(
            out,
            "\nOpen a posting to be offered its edits, or `jobpost --recover FILE` to apply them."
        )?;
    }
    if !aside.is_empty() {
        if !kept.is_empty() {
            writeln!(out)?;
        }
        writeln!(
            out,
            "Set aside after a crash (the recovered text crashed jobpost again, so it is not offered on open):"
        )?;
        for r in &aside {
            write_recovery_entry(&mut out, r)?;
            let command = recovery::recover_command(&r.file);
            writeln!(out, "    hint: `{command}` opens it")?;
        }
        writeln!(
            out,
            "\nSaving or discarding the text in the editor removes its file; the text alone is the file after its first line (`tail -n +2 FILE`)."
        )?;
    }
    out.flush()?;
    Ok(EXIT_OK)
}

/// One kept text: when, how big, whose, and where it is.
fn write_recovery_entry(out: &mut impl Write, r: &recovery::Recovery) -> io::Result<()> {
    let what = match &r.header.path {
        Some(p) => p.display().to_string(),
        None => format!("(new posting, never saved; process {})", r.header.pid),
    };
    writeln!(
        out,
        "{}  {:>9} bytes  {what}\n    kept in {}",
        recovery::format_time(r.header.saved),
        r.text.len(),
        r.file.display()
    )
}

/// `jobpost fill`: answers first, then `--set` on top; one pass over the placeholders.
fn fill(args: &FillArgs) -> anyhow::Result<u8> {
    let stdin = args.file.as_os_str() == "-";
    let name = match &args.stdin_filename {
        Some(n) if stdin => n.clone(),
        _ if stdin => PathBuf::from(check::STDIN_NAME),
        _ => args.file.clone(),
    };
    if stdin && args.in_place {
        return Err(Failure::new(
            "standard input cannot be filled in place",
            "write the result with -o OUT, or to standard output",
        )
        .into());
    }
    let posting = if stdin {
        Posting::parse(check::read_stdin(&name)?)
    } else {
        store::load(&args.file)?
    };
    let mut pairs: Vec<(String, String)> = Vec::new();
    if let Some(answers) = &args.answers {
        let set_names: Vec<String> = args
            .set
            .iter()
            .map(|(n, _)| posting::normalize_name(n))
            .collect();
        pairs.extend(
            read_answers(answers)?
                .into_iter()
                .filter(|(n, _)| !set_names.contains(&posting::normalize_name(n))),
        );
    }
    let from_answers = pairs.len();
    pairs.extend(args.set.iter().cloned());

    let name_shown = name.display().to_string();
    let (filled, counts) = posting.try_fill_all(&pairs).map_err(|e| {
        Failure::new(
            format!(
                "{}:{}: cannot fill {} with {:?} in the front matter: {}",
                report::visible(&name_shown),
                e.line,
                report::visible(&e.placeholder),
                e.value,
                e.reason
            ),
            "quote that value in the front matter, or fill it by hand; nothing was written",
        )
    })?;
    for ((name, _), count) in pairs[from_answers..].iter().zip(&counts[from_answers..]) {
        if *count == 0 {
            eprintln!(
                "warning: no placeholder named \"{}\" in {}",
                report::visible(name),
                report::visible(&name_shown)
            );
        }
    }

    let text = filled.text();
    if args.in_place {
        if text != posting.text() {
            let options = store::SaveOptions {
                // Changed between our read and this write: theirs is not overwritten.
                expect: Some(store::Fingerprint::of(
                    &args.file,
                    posting.text().as_bytes(),
                )),
                ..store::SaveOptions::default()
            };
            store::save(&args.file, text, &options)?;
        }
    } else if let Some(out) = args.output.as_ref().filter(|o| o.as_os_str() != "-") {
        store::save(out, text, &store::SaveOptions::default())?;
    } else {
        let mut stdout = io::stdout().lock();
        stdout.write_all(text.as_bytes())?;
        stdout.flush()?;
    }
    Ok(EXIT_OK)
}

fn read_answers(path: &Path) -> anyhow::Result<Vec<(String, String)>> {
    let text = fs::read_to_string(path).map_err(|source| match source.kind() {
        io::ErrorKind::NotFound => Failure::new(
            format!("{}: no such answers file", path.display()),
            "give a YAML file of `Name: value` lines",
        ),
        _ => Failure {
            message: format!("{}: cannot read: {source}", path.display()),
            hint: None,
        },
    })?;
    frontmatter::parse_string_map(&text).map_err(|e| {
        let at = e.line.map(|l| format!(":{l}")).unwrap_or_default();
        Failure::new(
            format!("{}{at}: not an answers file: {}", path.display(), e.message),
            "an answers file is a YAML mapping, one `Company Name: Acme` per line",
        )
        .into()
    })
}

/// Where a template comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Origin {
    Builtin,
    User { replaces_builtin: bool },
}

/// A template by name, built-in or the user's own.
#[derive(Debug)]
struct Template {
    name: String,
    origin: Origin,
    text: Result<String, StoreError>,
}

/// Built-in templates, then the user's (a user template with a built-in's name replaces it),
/// sorted by name.
fn catalog(paths: Option<&Paths>) -> Vec<Template> {
    let mut all: Vec<Template> = templates::builtin()
        .iter()
        .map(|t| Template {
            name: t.name.to_string(),
            origin: Origin::Builtin,
            text: Ok(t.text.to_string()),
        })
        .collect();
    let user = paths.map(|p| config::markdown_files_in(&p.templates_dir()));
    for file in user.into_iter().flatten() {
        let Some(name) = file.file_stem().map(|s| s.to_string_lossy().into_owned()) else {
            continue;
        };
        let text = store::load(&file).map(Posting::into_text);
        let replaces_builtin = templates::find_builtin(&name).is_some();
        all.retain(|t| t.name != name);
        all.push(Template {
            name,
            origin: Origin::User { replaces_builtin },
            text,
        });
    }
    all.sort_by(|a, b| a.name.cmp(&b.name));
    all
}

/// `jobpost new`: writes a template to a file that must not exist yet.
fn new(args: &NewArgs) -> anyhow::Result<u8> {
    let mut all = catalog(Paths::discover().as_ref());
    let Some(found) = all.iter().position(|t| t.name == args.template) else {
        let names: Vec<&str> = all.iter().map(|t| t.name.as_str()).collect();
        return Err(Failure::new(
            format!("unknown template \"{}\"", args.template),
            format!(
                "available templates: {} (see `jobpost templates`)",
                names.join(", ")
            ),
        )
        .into());
    };
    let template = all.swap_remove(found);
    let text = template.text?;
    let file = &args.file;
    let exists = || {
        Failure::new(
            format!("{} already exists", file.display()),
            format!(
                "choose another file name, or open it with `jobpost {}`",
                file.display()
            ),
        )
    };
    if fs::symlink_metadata(file).is_ok() {
        return Err(exists().into());
    }
    let mut out = match fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(file)
    {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => return Err(exists().into()),
        Err(source) => {
            return Err(StoreError::Write {
                path: file.clone(),
                source,
            }
            .into());
        }
    };
    if let Err(source) = out.write_all(text.as_bytes()).and_then(|()| out.sync_all()) {
        drop(out);
        let _ = fs::remove_file(file);
        return Err(StoreError::Write {
            path: file.clone(),
            source,
        }
        .into());
    }
    let left = Posting::parse(text).placeholders().len();
    let mut stdout = io::stdout().lock();
    writeln!(
        stdout,
        "wrote {} from template {} ({left} placeholders to fill)",
        file.display(),
        template.name
    )?;
    Ok(EXIT_OK)
}

/// `jobpost templates`: one line per template, name, origin and description.
fn list_templates() -> anyhow::Result<u8> {
    let paths = Paths::discover();
    let all = catalog(paths.as_ref());
    let width = all.iter().map(|t| t.name.len()).max().unwrap_or(0);
    let mut out = BufWriter::new(io::stdout().lock());
    for t in &all {
        let origin = match t.origin {
            Origin::Builtin => "built-in",
            Origin::User {
                replaces_builtin: false,
            } => "user",
            Origin::User {
                replaces_builtin: true,
            } => "user, replaces the built-in",
        };
        let description = match &t.text {
            Ok(text) => Posting::parse(text.as_str())
                .front_matter()
                .and_then(|f| f.description.clone())
                .unwrap_or_else(|| "(no description in the front matter)".into()),
            Err(e) => format!("(cannot be used: {e})"),
        };
        writeln!(out, "{:width$}  {description} [{origin}]", t.name)?;
    }
    if let Some(p) = &paths {
        writeln!(
            out,
            "\nYour own templates go in {}/ as NAME.md.",
            p.templates_dir().display()
        )?;
    }
    out.flush()?;
    Ok(EXIT_OK)
}
