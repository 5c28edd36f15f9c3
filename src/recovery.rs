//! Recovery files: unsaved text kept in `$XDG_DATA_HOME/jobpost/recovery/` (never next to the
//! posting) after a dropped session, a crash or a few idle seconds, offered back on the next
//! open. One file per posting, named from the posting's absolute path (a stable hash plus the
//! sanitized file name), or `untitled-<pid>.md` for a posting with no path yet. The file is a
//! one-line JSON header (original path, time, pid) followed by the text exactly as it was.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::store::{self, StoreError, stable_hash};

/// The first bytes of every recovery file.
const MAGIC: &str = "jobpost-recovery 1 ";

/// The header line of a recovery file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Header {
    /// The posting's absolute path; `None` for a posting that was never saved.
    pub path: Option<PathBuf>,
    /// When the text was written, in seconds since the Unix epoch.
    pub saved: u64,
    /// The process that wrote it.
    pub pid: u32,
}

/// A recovery file read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recovery {
    /// The recovery file itself.
    pub file: PathBuf,
    /// Its header.
    pub header: Header,
    /// The unsaved text.
    pub text: String,
}

/// Why a recovery file cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum RecoveryError {
    /// The file cannot be read.
    #[error("{}: cannot read: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// The OS error.
        source: io::Error,
    },
    /// The file is not a jobpost recovery file.
    #[error("{}: not a jobpost recovery file", .0.display())]
    NotRecovery(PathBuf),
}

/// `path` made absolute without touching the file (it may not exist yet): the folder is
/// canonicalized where it can be, so `./a.md` and `sub/../a.md` name the same recovery file.
pub fn absolute(path: &Path) -> PathBuf {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    match (abs.parent(), abs.file_name()) {
        (Some(dir), Some(name)) => fs::canonicalize(dir)
            .map(|d| d.join(name))
            .unwrap_or(abs.clone()),
        _ => abs,
    }
}

/// The recovery file for a posting in `dir`: `<hash>-<name>.md` for a path, `untitled-<pid>.md`
/// for a posting without one.
pub fn file_for(dir: &Path, path: Option<&Path>) -> PathBuf {
    match path {
        None => dir.join(format!("untitled-{}.md", std::process::id())),
        Some(p) => {
            let abs = absolute(p);
            let hash = stable_hash(abs.as_os_str().as_encoded_bytes());
            let name = abs
                .file_name()
                .map(|n| sanitize(&n.to_string_lossy()))
                .unwrap_or_default();
            dir.join(format!("{hash:016x}-{name}"))
        }
    }
}

/// Keeps letters, digits, `.`, `-` and `_` of a file name (at most 64 characters).
fn sanitize(name: &str) -> String {
    let s: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .take(64)
        .collect();
    s.trim_start_matches('.').to_string()
}

/// Seconds since the Unix epoch, now.
pub fn now_secs() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// Writes `text` (unsaved edits of the posting at `original`) to the recovery `file`,
/// atomically; the folder is created private to the user (0700) and the file is 0600.
pub fn write(file: &Path, original: Option<&Path>, text: &str) -> Result<(), StoreError> {
    let err = |source| StoreError::Write {
        path: file.to_path_buf(),
        source,
    };
    if let Some(dir) = file.parent() {
        let mut b = fs::DirBuilder::new();
        b.recursive(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::DirBuilderExt;
            b.mode(0o700);
        }
        b.create(dir).map_err(err)?;
    }
    let header = Header {
        path: original.map(absolute),
        saved: now_secs(),
        pid: std::process::id(),
    };
    let json = serde_json::to_string(&header).map_err(|e| err(io::Error::other(e)))?;
    let mut bytes = Vec::with_capacity(MAGIC.len() + json.len() + 1 + text.len());
    bytes.extend_from_slice(MAGIC.as_bytes());
    bytes.extend_from_slice(json.as_bytes());
    bytes.push(b'\n');
    bytes.extend_from_slice(text.as_bytes());
    // A new file gets 0600 before any text lands in it (the temporary is created 0666 less
    // the umask; an existing file's mode is kept by write_atomic).
    if !file.exists() {
        let _ = create_private(file);
    }
    store::write_atomic(file, &bytes)
}

fn create_private(file: &Path) -> io::Result<()> {
    let mut o = fs::OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    o.open(file).map(drop)
}

/// Reads a recovery file.
pub fn read(file: &Path) -> Result<Recovery, RecoveryError> {
    let bytes = fs::read(file).map_err(|source| RecoveryError::Read {
        path: file.to_path_buf(),
        source,
    })?;
    let not = || RecoveryError::NotRecovery(file.to_path_buf());
    let rest = bytes.strip_prefix(MAGIC.as_bytes()).ok_or_else(not)?;
    let nl = rest.iter().position(|&b| b == b'\n').ok_or_else(not)?;
    let header: Header = serde_json::from_slice(&rest[..nl]).map_err(|_| not())?;
    let text = String::from_utf8(rest[nl + 1..].to_vec()).map_err(|_| not())?;
    Ok(Recovery {
        file: file.to_path_buf(),
        header,
        text,
    })
}

/// Removes a recovery file; a file already gone is fine.
pub fn remove(file: &Path) -> io::Result<()> {
    match fs::remove_file(file) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// The suffix of a recovery file set aside by [`set_aside`].
pub const SET_ASIDE: &str = "crashed";

/// Sets a recovery file aside after jobpost crashed with its text loaded: it is renamed to
/// `<name>.crashed` (replacing an older one of that name), which is not offered on open, so a
/// text that crashes jobpost is not offered again and again. [`list_set_aside`] finds it and
/// `jobpost --recover FILE` still opens it. Returns the new name.
pub fn set_aside(file: &Path) -> io::Result<PathBuf> {
    let mut name = file.as_os_str().to_owned();
    name.push(".");
    name.push(SET_ASIDE);
    let aside = PathBuf::from(name);
    fs::rename(file, &aside)?;
    Ok(aside)
}

/// The command that opens `file` (a recovery file, or one set aside), quoted for the shell:
/// the data folder may hold spaces (`Application Support`).
pub fn recover_command(file: &Path) -> String {
    let file = file.to_string_lossy();
    let arg = shlex::try_quote(&file).unwrap_or(file.clone());
    format!("jobpost --recover {arg}")
}

/// Every readable recovery file in `dir`, oldest first.
pub fn list(dir: &Path) -> Vec<Recovery> {
    list_ending(dir, "md")
}

/// Every readable recovery file in `dir` that was set aside after a crash, oldest first.
pub fn list_set_aside(dir: &Path) -> Vec<Recovery> {
    list_ending(dir, SET_ASIDE)
}

fn list_ending(dir: &Path, extension: &str) -> Vec<Recovery> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut all: Vec<Recovery> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == extension) && p.is_file())
        .filter_map(|p| read(&p).ok())
        .collect();
    all.sort_by(|a, b| (a.header.saved, &a.file).cmp(&(b.header.saved, &b.file)));
    all
}

/// The recovery file to offer when opening `path`: one exists, is at least as new as the
/// posting (or the posting is gone), and holds different text.
pub fn pending_for(dir: &Path, path: &Path) -> Option<Recovery> {
    let file = file_for(dir, Some(path));
    let rec = read(&file).ok()?;
    let rec_time = fs::metadata(&file).and_then(|m| m.modified()).ok()?;
    match fs::metadata(path).and_then(|m| m.modified()) {
        Ok(posting_time) if posting_time > rec_time => return None,
        _ => {}
    }
    let on_disk = fs::read(path).unwrap_or_default();
    (on_disk != rec.text.as_bytes()).then_some(rec)
}

/// A short line diff from `old` to `new`: the common first and last lines are skipped, then
/// at most `max` lines of what was removed (`- `) and of what was added (`+ `), with a count
/// of the lines left out.
pub fn diff_summary(old: &str, new: &str, max: usize) -> Vec<String> {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    let head = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let tail = a[head..]
        .iter()
        .rev()
        .zip(b[head..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let removed = &a[head..a.len() - tail];
    let added = &b[head..b.len() - tail];
    let mut out = Vec::new();
    if removed.is_empty() && added.is_empty() {
        out.push("(only line endings or the final newline differ)".to_string());
        return out;
    }
    out.push(format!("from line {}:", head + 1));
    for (sign, lines) in [("-", removed), ("+", added)] {
        for l in lines.iter().take(max) {
            out.push(format!("{sign} {l}"));
        }
        if lines.len() > max {
            out.push(format!("{sign} … {} more line(s)", lines.len() - max));
        }
    }
    out
}

/// `YYYY-MM-DD HH:MM:SS UTC` for seconds since the Unix epoch.
pub fn format_time(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    // Howard Hinnant's days-to-civil algorithm.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02} UTC",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_read_list_remove() {
        let dir = tempfile::tempdir().unwrap();
        let rec_dir = dir.path().join("recovery");
        let posting = dir.path().join("po st.md");
        let file = file_for(&rec_dir, Some(&posting));
        assert!(file.starts_with(&rec_dir));
        assert!(
            file.file_name()
                .unwrap()
                .to_string_lossy()
                .ends_with("-po_st.md")
        );
        write(&file, Some(&posting), "---\na: 1\n---\r\n\u{1b}[31m").unwrap();
        let r = read(&file).unwrap();
        assert_eq!(r.text, "---\na: 1\n---\r\n\u{1b}[31m");
        assert_eq!(r.header.path.as_deref(), Some(absolute(&posting).as_path()));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode(&rec_dir), 0o700);
            assert_eq!(mode(&file), 0o600);
        }
        assert_eq!(list(&rec_dir).len(), 1);
        // The posting does not exist: the recovery is pending.
        assert!(pending_for(&rec_dir, &posting).is_some());
        // Same text on disk: nothing to offer.
        fs::write(&posting, "---\na: 1\n---\r\n\u{1b}[31m").unwrap();
        assert!(pending_for(&rec_dir, &posting).is_none());
        remove(&file).unwrap();
        remove(&file).unwrap();
        assert!(list(&rec_dir).is_empty());
    }

    #[test]
    fn the_same_file_by_another_spelling_has_the_same_recovery_file() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("sub")).unwrap();
        let a = dir.path().join("a.md");
        let b = dir.path().join("sub/../a.md");
        assert_eq!(
            file_for(dir.path(), Some(&a)),
            file_for(dir.path(), Some(&b))
        );
        assert_ne!(
            file_for(dir.path(), Some(&a)),
            file_for(dir.path(), Some(&dir.path().join("sub/a.md")))
        );
    }

    #[test]
    fn diff_summary_shows_the_changed_lines() {
        let d = diff_summary("a\nb\nc\n", "a\nB\nc\nd\n", 3);
        assert_eq!(
            d,
            ["from line 2:", "- b", "- c", "+ B", "+ c", "+ d"].map(String::from)
        );
        let d = diff_summary("x\n", "x\r\n", 3);
        assert_eq!(d.len(), 1);
    }

    #[test]
    fn time_is_formatted_in_utc() {
        assert_eq!(format_time(0), "1970-01-01 00:00:00 UTC");
        assert_eq!(format_time(1_709_208_000), "2024-02-29 12:00:00 UTC");
    }

    #[test]
    fn a_file_set_aside_is_not_offered_but_listed_apart_and_still_reads() {
        let dir = tempfile::tempdir().unwrap();
        let posting = dir.path().join("a.md");
        fs::write(&posting, "old").unwrap();
        let file = file_for(dir.path(), Some(&posting));
        write(&file, Some(&posting), "crashes").unwrap();
        assert!(pending_for(dir.path(), &posting).is_some());
        let aside = set_aside(&file).unwrap();
        assert_eq!(
            aside.file_name().unwrap().to_string_lossy(),
            format!("{}.crashed", file.file_name().unwrap().to_string_lossy())
        );
        assert!(!file.exists());
        assert!(pending_for(dir.path(), &posting).is_none());
        assert!(list(dir.path()).is_empty());
        let apart = list_set_aside(dir.path());
        assert_eq!(apart.len(), 1);
        assert_eq!(apart[0].file, aside);
        assert_eq!(read(&aside).unwrap().text, "crashes");
        // A second crash with the same text replaces the first copy.
        write(&file, Some(&posting), "crashes again").unwrap();
        assert_eq!(set_aside(&file).unwrap(), aside);
        assert_eq!(read(&aside).unwrap().text, "crashes again");
    }

    #[test]
    fn a_foreign_file_is_not_a_recovery() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("x.md");
        fs::write(&f, "hello").unwrap();
        assert!(matches!(read(&f), Err(RecoveryError::NotRecovery(_))));
    }
}
