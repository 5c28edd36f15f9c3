//! Which files `jobpost check` reads, as ripgrep chooses them: a folder is searched with the
//! `ignore` crate, skipping hidden files and folders and whatever `.gitignore`, `.ignore`,
//! `.git/info/exclude` and git's global excludes file say (a `.gitignore` counts without a
//! `.git` folder too: a release tarball or a container build has none, and its author
//! still meant it). `--exclude GLOB` skips files and folders, `--include GLOB` chooses
//! which files are postings (default `*.md`). A file or `-` named on the command line is
//! always read.

use std::path::{Path, PathBuf};

use ignore::WalkBuilder;
use ignore::overrides::{Override, OverrideBuilder};

use super::Failure;

/// Which files in folders count.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Globs a file must match (none: `*.md`).
    pub include: Vec<String>,
    /// Globs of files and folders to skip.
    pub exclude: Vec<String>,
    /// Whether ignore files are read (hidden entries are skipped either way).
    pub honour_ignore_files: bool,
}

/// The globs a posting matches when none are given.
pub const DEFAULT_INCLUDE: &str = "*.md";

impl Selection {
    fn includes(&self) -> Vec<&str> {
        if self.include.is_empty() {
            vec![DEFAULT_INCLUDE]
        } else {
            self.include.iter().map(String::as_str).collect()
        }
    }

    /// What a folder's postings are, for messages: "*.md files", "files matching a, b".
    pub fn describe(&self) -> String {
        if self.include.is_empty() {
            format!("{DEFAULT_INCLUDE} files")
        } else {
            format!("files matching {}", self.include.join(", "))
        }
    }

    /// Checks every glob parses, before anything is read.
    pub fn validate(&self) -> Result<(), Failure> {
        self.matchers(Path::new(".")).map(|_| ())
    }

    /// (include, exclude) matchers for one folder searched.
    fn matchers(&self, root: &Path) -> Result<(Override, Override), Failure> {
        let bad = |flag: &str, glob: &str, e: ignore::Error| {
            Failure::new(
                format!("{flag} {glob:?} is not a valid glob: {e}"),
                "globs are written as in .gitignore: `*.md`, `drafts/`, `**/archive/**`",
            )
        };
        let mut include = OverrideBuilder::new(root);
        for glob in self.includes() {
            include.add(glob).map_err(|e| bad("--include", glob, e))?;
        }
        let mut exclude = OverrideBuilder::new(root);
        for glob in &self.exclude {
            exclude
                .add(&format!("!{glob}"))
                .map_err(|e| bad("--exclude", glob, e))?;
        }
        let built = |b: OverrideBuilder, flag: &str| b.build().map_err(|e| bad(flag, "", e));
        Ok((built(include, "--include")?, built(exclude, "--exclude")?))
    }
}

/// A folder's postings, in order, and what could not be read on the way.
#[derive(Debug, Default)]
pub struct Found {
    /// The postings: depth first, each folder's entries sorted by name.
    pub files: Vec<PathBuf>,
    /// Entries that could not be read (a folder without permission...), as messages.
    pub errors: Vec<(Option<PathBuf>, String)>,
}

/// Searches one folder for postings. (The single-threaded walker: it sorts, and listing is
/// cheap next to reading the files, which happens on every core.)
pub fn search(dir: &Path, selection: &Selection) -> Result<Found, Failure> {
    let mut files = Vec::new();
    let errors = each(dir, selection, |path| files.push(path))?;
    Ok(Found { files, errors })
}

/// Searches one folder, handing each posting to `found` as it is listed (in the order
/// [`Found::files`] has), and returns what could not be read.
pub fn each(
    dir: &Path,
    selection: &Selection,
    mut found: impl FnMut(PathBuf),
) -> Result<Vec<(Option<PathBuf>, String)>, Failure> {
    let (include, exclude) = selection.matchers(dir)?;
    let default_include = selection.include.is_empty();
    let mut walk = WalkBuilder::new(dir);
    walk.standard_filters(selection.honour_ignore_files)
        .hidden(true)
        .require_git(false)
        .follow_links(false)
        .overrides(exclude)
        // A folder's entries share its path up to their names, so their paths' bytes sort
        // as their names do, without taking each name apart from its path per comparison.
        .sort_by_file_path(|a, b| a.as_os_str().cmp(b.as_os_str()));
    let mut errors = Vec::new();
    for entry in walk.build() {
        match entry {
            Ok(entry) => {
                let is_file = entry.file_type().is_some_and(|t| t.is_file());
                // Includes decide which files are postings; they never bring back what an
                // ignore file or --exclude left out (an override would).
                if is_file && is_posting(entry.path(), &include, default_include) {
                    found(entry.into_path());
                }
            }
            Err(e) => errors.push(describe_error(e)),
        }
    }
    Ok(errors)
}

/// Whether a file found is a posting: it matches an include glob. `*.md` alone (no
/// `--include`) matches a listed file (never a path ending in `/` or `.`) whose path ends in
/// `.md`, told without the glob set.
fn is_posting(path: &Path, include: &Override, default_include: bool) -> bool {
    if default_include {
        return path.as_os_str().as_encoded_bytes().ends_with(b".md");
    }
    include.matched(path, false).is_whitelist()
}

/// An error of the walk as a path (when it has one) and a message.
fn describe_error(e: ignore::Error) -> (Option<PathBuf>, String) {
    match e {
        ignore::Error::WithPath { path, err } => (Some(path), describe_error(*err).1),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            describe_error(*err)
        }
        ignore::Error::Io(io) => (None, io.to_string()),
        other => (None, other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_include_is_the_glob_it_stands_for() {
        let (include, _) = Selection::default()
            .matchers(Path::new("root"))
            .expect("globs");
        let names = [
            "a.md",
            ".md",
            "a.MD",
            "a.md.bak",
            "amd",
            "a.mdx",
            "a.m",
            "md",
            "a. md",
            "a.md ",
            "é.md",
            "x/y.md",
            "x.md/y",
            "x.md/y.txt",
            "ab.md.md",
            "a*.md",
            "[a].md",
        ];
        for root in ["root", "./root", "/abs/root", "other", "."] {
            for name in names {
                let path = PathBuf::from(format!("{root}/{name}"));
                assert_eq!(
                    is_posting(&path, &include, true),
                    include.matched(&path, false).is_whitelist(),
                    "{}",
                    path.display()
                );
            }
        }
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            for name in [&b"\xff.md"[..], b"a\xfe.md", b"\xff.mdx"] {
                let path = Path::new("root").join(std::ffi::OsStr::from_bytes(name));
                assert_eq!(
                    is_posting(&path, &include, true),
                    include.matched(&path, false).is_whitelist()
                );
            }
        }
    }
}
