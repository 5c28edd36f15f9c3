//! What the command line says about itself: shell completions (clap_complete), man pages
//! (clap_mangen, roff), and "did you mean" for a mistyped command that would otherwise open
//! the editor on a new posting named like it. All of it is generated from the clap
//! definitions, so a new command or flag is covered by itself.

use std::io::{self, BufWriter, Write};
use std::path::Path;

use clap::CommandFactory;

use super::{Cli, CompletionsArgs, EXIT_OK, Failure, ManArgs};

/// `jobpost completions SHELL`: the completion script on standard output.
pub fn completions(args: &CompletionsArgs) -> anyhow::Result<u8> {
    let mut out = BufWriter::new(io::stdout().lock());
    clap_complete::generate(args.shell, &mut Cli::command(), "jobpost", &mut out);
    out.flush()?;
    Ok(EXIT_OK)
}

/// `jobpost man [COMMAND]`: the roff page for jobpost or one of its commands (the main page
/// names the others as `jobpost-check(1)`...).
pub fn man(args: &ManArgs) -> anyhow::Result<u8> {
    let mut cmd = Cli::command();
    cmd.build();
    let page = match &args.command {
        None => cmd,
        Some(name) => cmd
            .find_subcommand(name)
            .cloned()
            .ok_or_else(|| unknown_command(name))?,
    };
    let mut out = BufWriter::new(io::stdout().lock());
    clap_mangen::Man::new(page)
        .source(format!("jobpost {}", env!("CARGO_PKG_VERSION")))
        .render(&mut out)?;
    out.flush()?;
    Ok(EXIT_OK)
}

fn unknown_command(name: &str) -> Failure {
    Failure::new(
        format!("no command named '{name}'"),
        format!("commands: {}", command_names().join(", ")),
    )
}

/// Every command's name and alias, in the order `--help` lists them.
pub fn command_names() -> Vec<String> {
    let mut cmd = Cli::command();
    cmd.build();
    cmd.get_subcommands()
        .flat_map(|c| std::iter::once(c.get_name()).chain(c.get_all_aliases()))
        .map(String::from)
        .collect()
}

/// The command a FILE argument was probably meant to be: a path that does not exist, with no
/// extension and no folder part, within two edits of a command (`chekc` → `check`).
pub fn meant_command(file: &Path) -> Option<String> {
    let name = file.to_str()?;
    let plain = file.extension().is_none()
        && file.parent().is_some_and(|p| p.as_os_str().is_empty())
        && !name.is_empty();
    if !plain || std::fs::symlink_metadata(file).is_ok() {
        return None;
    }
    command_names()
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(name, &c), c))
        .filter(|(d, _)| *d <= 2)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// The error for a FILE that looks like a mistyped command.
pub fn mistyped(file: &Path, command: &str) -> Failure {
    let name = file.display();
    Failure::new(
        format!("'{name}' is not a command or an existing file; did you mean '{command}'?"),
        format!("to start a new posting named {name}, write `jobpost ./{name}`"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_new_names_near_a_command_are_taken_for_one() {
        let meant = |s: &str| meant_command(Path::new(s));
        assert_eq!(meant("chekc").as_deref(), Some("check"));
        assert_eq!(meant("fil").as_deref(), Some("fill"));
        assert_eq!(meant("templtes").as_deref(), Some("templates"));
        assert_eq!(meant("chekc.md"), None);
        assert_eq!(meant("drafts/chekc"), None);
        assert_eq!(meant("./chekc"), None);
        assert_eq!(meant("marketing-lead"), None);
    }
}
