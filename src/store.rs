//! Loading and saving posting files: refuses folders, binary and non-UTF-8 input before anything
//! else happens; saves postings as vim does (`save`: rename a new file over the old one when
//! that keeps its links, owner and mode, else write in place after keeping a recovery copy;
//! read-only files only when the user confirms); writes jobpost's own files atomically
//! (`write_atomic`); fingerprints files so a change by someone else is noticed before a save
//! overwrites it.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::posting::{LoadError, Posting};

mod save;
pub use save::{
    InPlaceReason, SaveError, SaveOptions, SaveOutcome, expand_tilde, home_dir, save,
    would_overwrite, write_anyway,
};

/// Why a posting file cannot be read or written.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The path does not exist.
    #[error("{0}: no such file")]
    NotFound(PathBuf),
    /// The path is a folder.
    #[error("{0}: is a folder, not a posting file")]
    IsFolder(PathBuf),
    /// The content is binary or not UTF-8.
    #[error("{path}: {source}")]
    Content {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        source: LoadError,
    },
    /// An I/O failure while reading.
    #[error("{path}: cannot read: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The OS error.
        source: io::Error,
    },
    /// An I/O failure while writing; the target is left as it was.
    #[error("{path}: cannot write: {source}")]
    Write {
        /// The file.
        path: PathBuf,
        /// The OS error.
        source: io::Error,
    },
}

impl StoreError {
    /// A hint telling the user what to do, where one helps.
    pub fn hint(&self) -> Option<&'static str> {
        match self {
            StoreError::NotFound(_) => {
                Some("check the path, or create a posting with `jobpost new FILE`")
            }
            StoreError::IsFolder(_) => {
                Some("give a Markdown file; `jobpost check` accepts folders")
            }
            StoreError::Content {
                source: LoadError::NotUtf8(_),
                ..
            } => Some("convert the file to UTF-8 first, e.g. `iconv -f latin1 -t utf-8 FILE`"),
            StoreError::Content { .. } => Some("jobpost edits Markdown text files only"),
            StoreError::Write { .. } => {
                Some("check the folder exists, is writable and has free space")
            }
            StoreError::Read { .. } => None,
        }
    }
}

/// Reads and parses a posting file.
pub fn load(path: &Path) -> Result<Posting, StoreError> {
    load_with(path, std::sync::Arc::default())
}

/// Reads a posting like [`load`], detecting placeholders with a team's options.
pub fn load_with(
    path: &Path,
    options: std::sync::Arc<crate::posting::DetectOptions>,
) -> Result<Posting, StoreError> {
    read_text(path).map(|text| Posting::parse_with(text, options))
}

/// The text of the posting file at `path`, checked as [`load`] checks it, not yet parsed.
pub fn read_text(path: &Path) -> Result<String, StoreError> {
    // One read, no stat first (`check` opens thousands of files): its error tells a missing
    // file and a folder apart.
    let bytes = fs::read(path).map_err(|e| match e.kind() {
        io::ErrorKind::NotFound => StoreError::NotFound(path.to_path_buf()),
        io::ErrorKind::IsADirectory => StoreError::IsFolder(path.to_path_buf()),
        _ if path.is_dir() => StoreError::IsFolder(path.to_path_buf()),
        _ => StoreError::Read {
            path: path.to_path_buf(),
            source: e,
        },
    })?;
    Posting::text_of(bytes).map_err(|source| StoreError::Content {
        path: path.to_path_buf(),
        source,
    })
}

/// The file a write to `path` really lands in: a symlink is followed (to its final target).
pub fn resolve_target(path: &Path) -> PathBuf {
    let mut p = path.to_path_buf();
    for _ in 0..40 {
        match fs::read_link(&p) {
            Ok(t) => {
                p = if t.is_absolute() {
                    t
                } else {
                    p.parent().unwrap_or(Path::new(".")).join(t)
                }
            }
            Err(_) => break,
        }
    }
    p
}

/// Writes `bytes` to `path` atomically: a temporary file in the same folder, flushed and
/// synced, then renamed over the target. Permissions of an existing file are kept; a symlink
/// is written through. On any failure the target is exactly as it was and the temporary file
/// is removed. For jobpost's own files (recovery, answers); postings go through [`save`],
/// which also keeps hard links, owners and read-only files.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let target = resolve_target(path);
    let err = |source| StoreError::Write {
        path: path.to_path_buf(),
        source,
    };
    if target.is_dir() {
        return Err(StoreError::IsFolder(path.to_path_buf()));
    }
    let (dir, mut tmp) = temp_beside(&target, true).map_err(|e| err(without_temp_path(e)))?;
    tmp.write_all(bytes).map_err(err)?;
    tmp.as_file().sync_all().map_err(err)?;
    if let Ok(meta) = fs::metadata(&target) {
        fs::set_permissions(tmp.path(), meta.permissions()).map_err(err)?;
    }
    tmp.persist(&target).map_err(|e| err(e.error))?;
    if let Ok(d) = fs::File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// The folder `target` is in (`.` for a bare file name).
pub(crate) fn folder_of(target: &Path) -> PathBuf {
    match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// A new temporary file in `target`'s folder, named after it (`.NAME.XXXX.jobpost-tmp`), with
/// the folder it is in. `fresh`: it gets the usual permissions of a new file (0666 less the
/// umask), not the temporary's 0600; the caller sets a replaced file's own mode.
pub(crate) fn temp_beside(
    target: &Path,
    fresh: bool,
) -> io::Result<(PathBuf, tempfile::NamedTempFile)> {
    let dir = folder_of(target);
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut builder = tempfile::Builder::new();
    #[cfg(unix)]
    if fresh {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let tmp = builder
        .prefix(&format!(".{name}."))
        .suffix(".jobpost-tmp")
        .tempfile_in(&dir)?;
    Ok((dir, tmp))
}

/// A stable 64-bit FNV-1a hash: the same bytes give the same value in every run and build
/// (recovery file names rely on that; `DefaultHasher` promises neither).
pub fn stable_hash(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// A 128-bit hash of a file's content (XXH3), as the model computes it.
pub fn content_hash(bytes: &[u8]) -> u128 {
    crate::posting::session::content_hash(bytes)
}

/// What a posting file looked like when it was loaded or saved: enough to tell whether
/// someone else changed it since.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    /// Modification time, where the file system gives one.
    pub modified: Option<std::time::SystemTime>,
    /// Size in bytes.
    pub len: u64,
    /// [`content_hash`] of the content.
    pub hash: u128,
}

/// How the file on disk compares with a [`Fingerprint`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiskState {
    /// Same content (perhaps touched, but not changed).
    Unchanged,
    /// Different content, or a file where there was none.
    Changed,
    /// The file was there and is gone.
    Deleted,
}

impl Fingerprint {
    /// The fingerprint of `bytes` just read from (or written to) `path`.
    pub fn of(path: &Path, bytes: &[u8]) -> Fingerprint {
        Fingerprint::with_hash(path, bytes.len(), content_hash(bytes))
    }

    /// As [`Fingerprint::of`], for content whose length and [`content_hash`] are known.
    pub fn with_hash(path: &Path, len: usize, hash: u128) -> Fingerprint {
        Fingerprint {
            modified: fs::metadata(path).and_then(|m| m.modified()).ok(),
            len: len as u64,
            hash,
        }
    }

    /// The fingerprint of the file at `path` now; `None` when there is no file.
    pub fn read(path: &Path) -> Option<Fingerprint> {
        let bytes = fs::read(path).ok()?;
        Some(Fingerprint::of(path, &bytes))
    }
}

/// Compares the file at `path` now with what was known of it (`None`: there was no file).
/// A file whose time and size are unchanged is taken as unchanged without reading it.
pub fn disk_state(path: &Path, known: Option<&Fingerprint>) -> DiskState {
    let meta = fs::metadata(path).ok();
    match (known, meta) {
        (None, None) => DiskState::Unchanged,
        (None, Some(_)) => DiskState::Changed,
        (Some(_), None) => DiskState::Deleted,
        (Some(k), Some(m)) => {
            if k.modified.is_some() && m.modified().ok() == k.modified && m.len() == k.len {
                return DiskState::Unchanged;
            }
            match Fingerprint::read(path) {
                Some(now) if now.len == k.len && now.hash == k.hash => DiskState::Unchanged,
                Some(_) => DiskState::Changed,
                None => DiskState::Deleted,
            }
        }
    }
}

/// tempfile names its temporary file in its errors; the user only knows the target.
fn without_temp_path(e: io::Error) -> io::Error {
    let msg = e.to_string();
    match msg.find(" at path ") {
        Some(i) => io::Error::new(e.kind(), msg[..i].to_string()),
        None => e,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn content_hash_tells_apart_texts_that_differ_in_one_byte_at_any_size() {
        for len in [0, 10, (2 << 20) - 1, 5 << 20] {
            let a = vec![b'x'; len];
            assert_eq!(super::content_hash(&a), super::content_hash(&a.clone()));
            if len > 0 {
                let mut b = a.clone();
                b[len / 2] = b'y';
                assert_ne!(super::content_hash(&a), super::content_hash(&b), "{len}");
                let mut c = a.clone();
                c.push(b'x');
                assert_ne!(super::content_hash(&a), super::content_hash(&c), "{len}");
            }
        }
    }

    use super::*;

    #[test]
    fn refuses_folders_binary_and_latin1() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(load(dir.path()), Err(StoreError::IsFolder(_))));
        let bin = dir.path().join("a.md");
        fs::write(&bin, b"abc\0def").unwrap();
        assert!(matches!(
            load(&bin),
            Err(StoreError::Content {
                source: LoadError::Binary(3),
                ..
            })
        ));
        fs::write(&bin, b"caf\xe9\n").unwrap();
        assert!(matches!(
            load(&bin),
            Err(StoreError::Content {
                source: LoadError::NotUtf8(3),
                ..
            })
        ));
        assert!(matches!(
            load(&dir.path().join("none.md")),
            Err(StoreError::NotFound(_))
        ));
    }

    #[cfg(unix)]
    #[test]
    fn atomic_write_keeps_permissions_and_writes_through_symlinks() {
        use std::os::unix::fs::{PermissionsExt, symlink};
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.md");
        fs::write(&real, "old").unwrap();
        fs::set_permissions(&real, fs::Permissions::from_mode(0o640)).unwrap();
        let link = dir.path().join("link.md");
        symlink("real.md", &link).unwrap();
        write_atomic(&link, b"new").unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&real).unwrap(), "new");
        assert_eq!(
            fs::metadata(&real).unwrap().permissions().mode() & 0o777,
            0o640
        );
        let leftovers: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().contains("tmp"))
            .collect();
        assert!(leftovers.is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn a_new_file_gets_the_usual_permissions_not_0600() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let new = dir.path().join("new.md");
        write_atomic(&new, b"x").unwrap();
        let plain = dir.path().join("plain.md");
        fs::write(&plain, b"x").unwrap();
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(
            mode(&new),
            mode(&plain),
            "a new posting gets what any new file of the user gets"
        );
    }

    #[test]
    fn a_failed_write_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("gone").join("a.md");
        assert!(matches!(
            write_atomic(&missing, b"x"),
            Err(StoreError::Write { .. })
        ));
    }
}
