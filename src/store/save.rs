//! Saving a posting as vim does with `backupcopy=auto`: a new file renamed over the old one
//! when that keeps everything the old one had (its other names, owner, group and mode);
//! otherwise the text is first kept in a recovery file, then written into the file in place.
//! A file the user may not write is never replaced without [`SaveOptions::overwrite_readonly`].

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::{
    DiskState, Fingerprint, disk_state, folder_of, resolve_target, temp_beside, without_temp_path,
};
use crate::recovery;

/// What a save may do beyond a plain save.
#[derive(Debug, Clone, Default)]
pub struct SaveOptions {
    /// The user confirmed writing a file that is read-only for them: it is written where its
    /// folder allows (a new file replaces it; another user's file becomes the user's).
    pub overwrite_readonly: bool,
    /// What the file was when loaded or last saved: a file whose content changed since is
    /// not overwritten ([`SaveError::Changed`]). `None`: not checked.
    pub expect: Option<Fingerprint>,
    /// Where the text is kept while a file is written in place; `None`: the user's recovery
    /// folder (`$XDG_DATA_HOME/jobpost/recovery`).
    pub recovery_dir: Option<PathBuf>,
}

/// How a save wrote the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveOutcome {
    /// There was no file: a new one was made.
    Created,
    /// A new file, with the old one's mode (and owner and group), renamed over it.
    Replaced,
    /// Written into the existing file, because a new file would have lost something.
    InPlace(InPlaceReason),
}

/// Why a file was written in place rather than replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InPlaceReason {
    /// It has other names (hard links), which would keep the old text.
    HardLinks,
    /// Its owner or group cannot be given to a new file.
    Owner,
    /// Its folder does not take new files.
    FolderReadOnly,
}

impl std::fmt::Display for SaveOutcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            SaveOutcome::Created => "created",
            SaveOutcome::Replaced => "saved",
            SaveOutcome::InPlace(InPlaceReason::HardLinks) => {
                "saved in place (it has other hard links)"
            }
            SaveOutcome::InPlace(InPlaceReason::Owner) => {
                "saved in place (to keep its owner and group)"
            }
            SaveOutcome::InPlace(InPlaceReason::FolderReadOnly) => {
                "saved in place (its folder is read-only)"
            }
        })
    }
}

/// Why a save did not happen. The file is as it was, except for [`SaveError::InPlace`].
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// The file is read-only for this user; [`SaveOptions::overwrite_readonly`] writes it.
    #[error("{}: is read-only", .0.display())]
    ReadOnly(PathBuf),
    /// Neither the file nor its folder can be written (or there is no file and the folder
    /// takes no new one).
    #[error("{}: its folder is read-only", .0.display())]
    FolderReadOnly(PathBuf),
    /// The file changed on disk since it was loaded or saved.
    #[error("{}: changed on disk since it was opened", .0.display())]
    Changed(PathBuf),
    /// The path is a folder.
    #[error("{}: is a folder, not a posting file", .0.display())]
    IsFolder(PathBuf),
    /// An I/O failure; the file is as it was.
    #[error("{}: cannot write: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The OS error.
        source: io::Error,
    },
    /// Writing in place failed part way: the file may hold part of the text, all of which is
    /// kept in the recovery file.
    #[error("{}: cannot write: {source}; the text is kept in {}", path.display(), kept.display())]
    InPlace {
        /// The file.
        path: PathBuf,
        /// The OS error.
        source: io::Error,
        /// The recovery file holding the whole text.
        kept: PathBuf,
    },
}

impl SaveError {
    /// What the user can do, in a few words.
    pub fn hint(&self) -> Option<&'static str> {
        match self {
            SaveError::ReadOnly(_) => {
                Some("write it under another name, or make it writable (chmod u+w) first")
            }
            SaveError::FolderReadOnly(_) => {
                Some("write it under another name in a writable folder")
            }
            SaveError::Changed(_) => Some("reload it, or write it under another name"),
            SaveError::IsFolder(_) => Some("give a file name"),
            SaveError::Io { .. } => Some("check the folder exists, is writable and has free space"),
            SaveError::InPlace { .. } => {
                Some("`jobpost --recover FILE` opens the kept text once the problem is fixed")
            }
        }
    }

    /// The message without the folder, for a status line: `posting.md is read-only`.
    pub fn short(&self) -> String {
        let (path, what) = match self {
            SaveError::ReadOnly(p) => (p, "is read-only".to_string()),
            SaveError::FolderReadOnly(p) => (p, "is in a read-only folder".to_string()),
            SaveError::Changed(p) => (p, "changed on disk".to_string()),
            SaveError::IsFolder(p) => (p, "is a folder".to_string()),
            SaveError::Io { path, source } => (path, io_reason(source)),
            SaveError::InPlace { path, source, .. } => (
                path,
                format!("{} (text kept for recovery)", io_reason(source)),
            ),
        };
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into(),
        );
        format!("{name} {what}")
    }
}

/// An OS error without its `(os error 28)` suffix.
fn io_reason(e: &io::Error) -> String {
    let s = e.to_string();
    match s.find(" (os error") {
        Some(i) => format!("not written: {}", &s[..i]),
        None => format!("not written: {s}"),
    }
}

/// Whether a save to `path` would replace an existing file (or link): Save-as asks first.
pub fn would_overwrite(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok()
}

/// Whether a file the user may not write could be written anyway ([`SaveOptions::overwrite_readonly`]):
/// `None` when its folder takes no new file; else whether the new file would be the user's
/// rather than its owner's (only root can keep another user's file theirs).
pub fn write_anyway(path: &Path) -> Option<bool> {
    let target = resolve_target(path);
    folder_takes_files(&folder_of(&target)).then(|| becomes_users(&target))
}

#[cfg(unix)]
fn folder_takes_files(dir: &Path) -> bool {
    use rustix::fs::{Access, AtFlags, CWD, accessat};
    accessat(
        CWD,
        dir,
        Access::WRITE_OK | Access::EXEC_OK,
        AtFlags::EACCESS,
    )
    .is_ok()
}

#[cfg(not(unix))]
fn folder_takes_files(dir: &Path) -> bool {
    fs::metadata(dir).is_ok_and(|m| !m.permissions().readonly())
}

#[cfg(unix)]
fn becomes_users(target: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    let me = rustix::process::geteuid();
    !me.is_root() && fs::metadata(target).is_ok_and(|m| m.uid() != me.as_raw())
}

#[cfg(not(unix))]
fn becomes_users(_: &Path) -> bool {
    false
}

/// `~` and `~/…` at the start of a path typed by the user, with `home`; anything else
/// (`~user/x`, `a/~`) as given.
pub fn expand_tilde(path: &Path, home: Option<&Path>) -> PathBuf {
    let Some(home) = home else {
        return path.to_path_buf();
    };
    let mut parts = path.components();
    match parts.next() {
        Some(std::path::Component::Normal(first)) if first == "~" => home.join(parts.as_path()),
        _ => path.to_path_buf(),
    }
}

/// `$HOME`, for [`expand_tilde`].
pub fn home_dir() -> Option<PathBuf> {
    std::env::var_os("HOME")
        .filter(|h| !h.is_empty())
        .map(PathBuf::from)
}

/// Saves `text` to `path` (a symlink is written through): see the module comment.
pub fn save(path: &Path, text: &str, options: &SaveOptions) -> Result<SaveOutcome, SaveError> {
    let target = resolve_target(path);
    let io_err = |source| SaveError::Io {
        path: path.to_path_buf(),
        source,
    };
    let meta = match fs::metadata(&target) {
        Ok(m) if m.is_dir() => return Err(SaveError::IsFolder(path.to_path_buf())),
        Ok(m) => Some(m),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(io_err(e)),
    };
    if let Some(expect) = &options.expect
        && disk_state(&target, Some(expect)) == DiskState::Changed
    {
        return Err(SaveError::Changed(path.to_path_buf()));
    }
    let Some(meta) = meta else {
        return match replace(&target, text, None) {
            Ok(()) => Ok(SaveOutcome::Created),
            Err(Replace::Refused(_)) => Err(SaveError::FolderReadOnly(path.to_path_buf())),
            Err(Replace::Failed(e)) => Err(io_err(e)),
        };
    };
    let writable = may_write(&target, &meta);
    if !writable && !options.overwrite_readonly {
        return Err(SaveError::ReadOnly(path.to_path_buf()));
    }
    // A new file would not be another name of this one.
    if links(&meta) > 1 && writable {
        return in_place(path, &target, text, options, InPlaceReason::HardLinks);
    }
    match replace(&target, text, Some(&meta)) {
        Ok(()) => Ok(SaveOutcome::Replaced),
        Err(Replace::Refused(why)) if writable => in_place(path, &target, text, options, why),
        Err(Replace::Refused(InPlaceReason::Owner)) => replace_anyway(path, &target, text, &meta),
        Err(Replace::Refused(_)) => Err(SaveError::FolderReadOnly(path.to_path_buf())),
        Err(Replace::Failed(e)) => Err(io_err(e)),
    }
}

/// A read-only file the user confirmed writing, whose owner cannot be kept: a new file
/// (the user's) with its mode replaces it.
fn replace_anyway(
    path: &Path,
    target: &Path,
    text: &str,
    meta: &fs::Metadata,
) -> Result<SaveOutcome, SaveError> {
    match write_new(target, text, Some(meta), false) {
        Ok(()) => Ok(SaveOutcome::Replaced),
        Err(Replace::Refused(_)) => Err(SaveError::FolderReadOnly(path.to_path_buf())),
        Err(Replace::Failed(source)) => Err(SaveError::Io {
            path: path.to_path_buf(),
            source,
        }),
    }
}

/// Why a new file could not replace the old one.
enum Replace {
    /// It would lose something, or the folder refuses new files: write in place instead.
    Refused(InPlaceReason),
    /// Anything else (no space, I/O error); nothing changed.
    Failed(io::Error),
}

/// A new file with the old one's mode, owner and group (`old`; a file that is new gets
/// what any new file of the user gets), written and synced, then renamed over `target`.
fn replace(target: &Path, text: &str, old: Option<&fs::Metadata>) -> Result<(), Replace> {
    write_new(target, text, old, true)
}

/// [`replace`]; with `keep_owner` false the new file is the user's. On any failure the
/// temporary is removed and `target` is untouched.
fn write_new(
    target: &Path,
    text: &str,
    old: Option<&fs::Metadata>,
    keep_owner: bool,
) -> Result<(), Replace> {
    let (dir, mut tmp) = match temp_beside(target, old.is_none()) {
        Ok(t) => t,
        Err(e) if is_refusal(&e) => return Err(Replace::Refused(InPlaceReason::FolderReadOnly)),
        // tempfile names its temporary in the message; the user knows only the target.
        Err(e) => return Err(Replace::Failed(without_temp_path(e))),
    };
    if let Some(old) = old
        && keep_owner
        && !same_owner(tmp.as_file(), old)
    {
        return Err(Replace::Refused(InPlaceReason::Owner));
    }
    tmp.write_all(text.as_bytes()).map_err(Replace::Failed)?;
    if let Some(old) = old {
        // After the owner: changing it clears the set-user-ID and set-group-ID bits.
        tmp.as_file()
            .set_permissions(old.permissions())
            .map_err(Replace::Failed)?;
    }
    tmp.as_file().sync_all().map_err(Replace::Failed)?;
    tmp.persist(target).map_err(|e| Replace::Failed(e.error))?;
    if let Ok(d) = fs::File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Permission errors: the folder takes no new file (for this user, or at all).
fn is_refusal(e: &io::Error) -> bool {
    // EACCES and EPERM (an immutable folder) are both PermissionDenied.
    matches!(
        e.kind(),
        io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem
    )
}

/// Writes `text` into `target` itself, after keeping it in a recovery file: if the write
/// fails part way, the whole text is still there. The recovery file goes once the text is.
fn in_place(
    path: &Path,
    target: &Path,
    text: &str,
    options: &SaveOptions,
    why: InPlaceReason,
) -> Result<SaveOutcome, SaveError> {
    let dir = options
        .recovery_dir
        .clone()
        .or_else(|| crate::config::Paths::discover().map(|p| p.recovery_dir()));
    let Some(dir) = dir else {
        return Err(SaveError::Io {
            path: path.to_path_buf(),
            source: io::Error::other("no folder to keep a copy in while writing in place"),
        });
    };
    let kept = recovery::file_for(&dir, Some(path));
    if let Err(e) = recovery::write(&kept, Some(path), text) {
        return Err(SaveError::Io {
            path: path.to_path_buf(),
            source: io::Error::other(format!("cannot keep a copy while writing in place: {e}")),
        });
    }
    let write = || -> io::Result<()> {
        let mut f = fs::OpenOptions::new().write(true).open(target)?;
        // Written over the old text, then cut to length: the file is never empty between.
        f.write_all(text.as_bytes())?;
        f.set_len(text.len() as u64)?;
        f.sync_all()
    };
    match write() {
        Ok(()) => {
            let _ = recovery::remove(&kept);
            Ok(SaveOutcome::InPlace(why))
        }
        // Nothing was written: the file is as it was and the copy is not needed.
        Err(source) if source.kind() == io::ErrorKind::PermissionDenied => {
            let _ = recovery::remove(&kept);
            Err(SaveError::ReadOnly(path.to_path_buf()))
        }
        Err(source) => Err(SaveError::InPlace {
            path: path.to_path_buf(),
            source,
            kept,
        }),
    }
}

#[cfg(unix)]
fn links(meta: &fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::nlink(meta)
}

#[cfg(not(unix))]
fn links(_: &fs::Metadata) -> u64 {
    1
}

/// Gives the new file the old one's owner and group; false when that is not allowed (only
/// root may give a file away; a user may pick only a group of their own).
#[cfg(unix)]
fn same_owner(new: &fs::File, old: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    let Ok(now) = new.metadata() else {
        return false;
    };
    if now.uid() == old.uid() && now.gid() == old.gid() {
        return true;
    }
    let uid = (now.uid() != old.uid()).then_some(old.uid());
    let gid = (now.gid() != old.gid()).then_some(old.gid());
    std::os::unix::fs::fchown(new, uid, gid).is_ok()
}

#[cfg(not(unix))]
fn same_owner(_: &fs::File, _: &fs::Metadata) -> bool {
    true
}

/// Whether this user may write the file: the OS says so and, for root (whom the OS never
/// stops), a write permission bit is set, as vim decides.
#[cfg(unix)]
fn may_write(path: &Path, meta: &fs::Metadata) -> bool {
    use rustix::fs::{Access, AtFlags, CWD, accessat};
    use std::os::unix::fs::PermissionsExt;
    let allowed = accessat(CWD, path, Access::WRITE_OK, AtFlags::EACCESS).is_ok();
    allowed && (!rustix::process::geteuid().is_root() || meta.permissions().mode() & 0o222 != 0)
}

#[cfg(not(unix))]
fn may_write(_: &Path, meta: &fs::Metadata) -> bool {
    !meta.permissions().readonly()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tilde_means_home_only_at_the_start() {
        let home = Path::new("/home/ann");
        let e = |p: &str| expand_tilde(Path::new(p), Some(home));
        assert_eq!(e("~"), PathBuf::from("/home/ann"));
        assert_eq!(e("~/x.md"), PathBuf::from("/home/ann/x.md"));
        assert_eq!(e("~/jobs/../x.md"), PathBuf::from("/home/ann/jobs/../x.md"));
        assert_eq!(e("~bob/x.md"), PathBuf::from("~bob/x.md"));
        assert_eq!(e("a/~/x.md"), PathBuf::from("a/~/x.md"));
        assert_eq!(e("x.md"), PathBuf::from("x.md"));
        assert_eq!(e("/abs/x.md"), PathBuf::from("/abs/x.md"));
        assert_eq!(
            expand_tilde(Path::new("~/x.md"), None),
            PathBuf::from("~/x.md")
        );
    }

    #[test]
    fn short_messages_fit_a_status_line() {
        let p = PathBuf::from("/a/very/long/folder/name/that/goes/on/and/on/posting.md");
        assert_eq!(
            SaveError::ReadOnly(p.clone()).short(),
            "posting.md is read-only"
        );
        let e = SaveError::Io {
            path: p,
            source: io::Error::from_raw_os_error(28),
        };
        assert_eq!(e.short(), "posting.md not written: No space left on device");
    }
}
