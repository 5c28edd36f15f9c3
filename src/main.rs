//! The `jobpost` binary: parses the command line, runs it, maps the outcome to an exit status.
//!
//! Map of the crate (all in the library, so tests drive the real code):
//! - `cli`: clap definitions and one function per command (`check`, `fill`, `new`,
//!   `templates`, and opening the editor or, for a folder, the folder view).
//! - `posting/`: the document model — front matter, sections, placeholders, fill, write-back.
//! - `review/`: completeness rules → findings; report formats (text, JSON, GitHub).
//! - `store`: loading (refusing folders, binary, non-UTF-8), atomic saving, fingerprints for
//!   the changed-on-disk check.
//! - `recovery`: recovery files (unsaved text after a hang-up, crash or idle pause).
//! - `config`: where config, saved answers, user templates and recovery files live.
//! - `templates`: built-in templates embedded from `assets/templates/`.
//! - `tui/`: the terminal editor, a view over the model, and the folder view (`tui/list/`).
//! - `yaml`: the one module that names the YAML crate.
#![forbid(unsafe_code)]

use std::process::ExitCode;

use clap::Parser;
use jobpost::cli;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match cli::run(args) {
        Ok(code) => ExitCode::from(code),
        Err(err) => ExitCode::from(cli::print_error(&err)),
    }
}
