//! Minimal entry point for the editor branch: `jobpost [FILE]`. Replaced at merge by the
//! CLI branch's main.rs, which does the same for the editor case.

use std::path::PathBuf;
use std::process::ExitCode;

use jobpost::posting::Posting;
use jobpost::{store, templates, tui};

fn main() -> ExitCode {
    let launch = match std::env::args_os().nth(1).map(PathBuf::from) {
        None => tui::Launch {
            path: None,
            posting: Posting::parse(templates::PRODUCT_OWNER),
        },
        Some(path) if !path.exists() => tui::Launch {
            path: Some(path),
            posting: Posting::parse(""),
        },
        Some(path) => match store::load(&path) {
            Ok(posting) => tui::Launch {
                path: Some(path),
                posting,
            },
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(2);
            }
        },
    };
    match tui::run(launch) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}
