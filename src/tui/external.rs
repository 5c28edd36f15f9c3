//! Editing a text in the user's own editor: `$VISUAL`, else `$EDITOR`, else `vi`, run on a
//! temporary `.md` file. Knows nothing of the App: the event loop restores the terminal around
//! [`edit`] and hands the [`Outcome`] back to `update`.

use std::io::Write;
use std::path::Path;
use std::process::Command;

/// The editor used when neither `$VISUAL` nor `$EDITOR` is set (as git does).
pub const DEFAULT_EDITOR: &str = "vi";

/// What came back from the editor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The text as the editor left it, different from what went in.
    Changed(String),
    /// The editor exited successfully and the text is the same.
    Unchanged,
    /// Nothing to take: the editor could not start, exited non-zero, or the file could not be
    /// written or read back. Says why, for the status line.
    Failed(String),
}

/// The editor command: `$VISUAL`, then `$EDITOR` (empty ones skipped), then [`DEFAULT_EDITOR`].
/// It may hold arguments (`code --wait`); it is run by the shell, as git runs it.
pub fn command(visual: Option<&str>, editor: Option<&str>) -> String {
    [visual, editor]
        .into_iter()
        .flatten()
        .map(str::trim)
        .find(|c| !c.is_empty())
        .unwrap_or(DEFAULT_EDITOR)
        .to_string()
}

/// The editor command from the environment.
pub fn command_from_env() -> String {
    let var = |name| std::env::var(name).ok();
    command(var("VISUAL").as_deref(), var("EDITOR").as_deref())
}

/// Runs `command` on `path`: through `sh -c` so arguments and quoting work as in a shell.
fn run(command: &str, path: &Path) -> std::io::Result<std::process::ExitStatus> {
    if cfg!(unix) {
        Command::new("sh")
            .arg("-c")
            .arg(format!("{command} \"$@\""))
            .arg(command)
            .arg(path)
            .status()
    } else {
        let mut words = command.split_whitespace();
        let program = words.next().unwrap_or(DEFAULT_EDITOR);
        Command::new(program).args(words).arg(path).status()
    }
}

/// Writes `text` to a temporary `.md` file, runs `command` on it (with the terminal as it
/// is: the caller restores it first) and reads the file back. The file is removed after.
pub fn edit(text: &str, command: &str) -> Outcome {
    let file = tempfile::Builder::new()
        .prefix("jobpost-")
        .suffix(".md")
        .tempfile()
        .and_then(|mut f| {
            f.write_all(text.as_bytes())?;
            f.flush()?;
            Ok(f)
        });
    let file = match file {
        Ok(f) => f,
        Err(e) => return Outcome::Failed(format!("cannot write a temporary file: {e}")),
    };
    let status = match run(command, file.path()) {
        Ok(s) => s,
        Err(e) => return Outcome::Failed(format!("cannot run `{command}`: {e}")),
    };
    if !status.success() {
        let how = status
            .code()
            .map(|c| format!("exited with status {c}"))
            .unwrap_or_else(|| "was stopped by a signal".into());
        return Outcome::Failed(format!("`{command}` {how}; nothing changed"));
    }
    // Editors may replace the file rather than write into it: read it by path.
    let back = match std::fs::read(file.path()) {
        Ok(b) => b,
        Err(e) => return Outcome::Failed(format!("cannot read the edited text back: {e}")),
    };
    let Ok(back) = String::from_utf8(back) else {
        return Outcome::Failed("the edited text is not UTF-8; nothing changed".into());
    };
    compare(text, back)
}

/// The outcome of `before` edited into `after`. Most editors end a file with a newline: one
/// added to a text that had none is not a change the user made.
fn compare(before: &str, mut after: String) -> Outcome {
    if !before.ends_with('\n') && after.len() == before.len() + 1 && after.ends_with('\n') {
        after.pop();
    } else if !before.ends_with('\n') && after.ends_with("\r\n") && after.len() == before.len() + 2
    {
        after.truncate(after.len() - 2);
    }
    if after == before {
        Outcome::Unchanged
    } else {
        Outcome::Changed(after)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visual_then_editor_then_vi() {
        assert_eq!(command(Some("hx"), Some("nano")), "hx");
        assert_eq!(command(None, Some("nano -w")), "nano -w");
        assert_eq!(command(Some("  "), Some("nano")), "nano");
        assert_eq!(command(None, None), "vi");
    }

    #[test]
    fn a_final_newline_the_editor_adds_is_no_change() {
        assert_eq!(compare("a", "a\n".into()), Outcome::Unchanged);
        assert_eq!(compare("a\n", "a\n".into()), Outcome::Unchanged);
        assert_eq!(
            compare("a\n", "a\n\n".into()),
            Outcome::Changed("a\n\n".into())
        );
        assert_eq!(compare("a", "b\n".into()), Outcome::Changed("b".into()));
    }

    #[cfg(unix)]
    mod with_scripts {
        use super::super::*;
        use std::os::unix::fs::PermissionsExt;

        fn script(dir: &Path, body: &str) -> String {
            let path = dir.join("ed.sh");
            std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
            path.display().to_string()
        }

        #[test]
        fn the_editor_changes_the_text() {
            let dir = tempfile::tempdir().unwrap();
            let ed = script(dir.path(), r#"sed -i 's/\[Company\]/Acme/' "$1""#);
            assert_eq!(
                edit("We are [Company].\n", &ed),
                Outcome::Changed("We are Acme.\n".into())
            );
        }

        #[test]
        fn arguments_in_the_command_are_passed() {
            let dir = tempfile::tempdir().unwrap();
            let ed = script(dir.path(), r#"sed -i "s/x/$1/" "$2""#);
            assert_eq!(
                edit("x\n", &format!("{ed} 'y z'")),
                Outcome::Changed("y z\n".into())
            );
        }

        #[test]
        fn an_editor_exiting_1_changes_nothing() {
            let dir = tempfile::tempdir().unwrap();
            let ed = script(dir.path(), r#"echo changed > "$1"; exit 1"#);
            match edit("keep\n", &ed) {
                Outcome::Failed(why) => assert!(why.contains("status 1"), "{why}"),
                other => panic!("{other:?}"),
            }
        }

        #[test]
        fn an_editor_that_saves_nothing_new_is_unchanged() {
            assert_eq!(edit("same\n", "true"), Outcome::Unchanged);
        }

        #[test]
        fn a_missing_editor_fails() {
            // The shell reports 127 for a command it cannot find.
            assert!(matches!(
                edit("x", "/nonexistent/editor"),
                Outcome::Failed(_)
            ));
        }
    }
}
