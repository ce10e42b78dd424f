//! The tool's own output files (the baseline, the ratchet file, the reports of
//! `--output-file` and `--sarif-output`...): written through a symbolic link to a regular
//! file, never over anything else, and refused before the run when they cannot be.

use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustix::fs::{self as rfs, AtFlags, FileType, Mode};
use rustix::io::Errno;

use super::{replace, Failed, DIR_FLAGS, READ_FLAGS};
use crate::error::RunError;

/// Writes an output file of the tool (the baseline, the ratchet file): through a symbolic
/// link to a regular file, never over anything that is not a regular file.
pub fn write_output(path: &Path, bytes: &[u8]) -> Result<(), RunError> {
    let target = output_target(path)?;
    let err = |source| RunError::Write {
        path: path.to_path_buf(),
        source,
    };
    let (Some(name), Some(parent)) = (target.file_name(), target.parent()) else {
        return Err(not_regular(path, "a folder"));
    };
    let parent = if parent.as_os_str().is_empty() {
        Path::new(".")
    } else {
        parent
    };
    let dir = Arc::new(rfs::open(parent, DIR_FLAGS, Mode::empty()).map_err(|e| err(e.into()))?);
    // Opened without following a link: what is there now, not what was looked at.
    let existing = match rfs::openat(&*dir, name, READ_FLAGS, Mode::empty()) {
        Ok(fd) => {
            let st = rfs::fstat(&fd).map_err(|e| err(e.into()))?;
            if FileType::from_raw_mode(st.st_mode) != FileType::RegularFile {
                return Err(not_regular(path, kind(FileType::from_raw_mode(st.st_mode))));
            }
            Some((File::from(fd), st))
        }
        Err(Errno::NOENT) => None,
        Err(Errno::LOOP) => return Err(not_regular(path, "a symbolic link")),
        Err(e) => return Err(err(e.into())),
    };
    let last_check = || match rfs::statat(&*dir, name, AtFlags::SYMLINK_NOFOLLOW) {
        Err(Errno::NOENT) => Ok(()),
        Err(e) => Err(err(e.into())),
        Ok(st) => match FileType::from_raw_mode(st.st_mode) {
            FileType::RegularFile => Ok(()),
            other => Err(not_regular(path, kind(other))),
        },
    };
    let keep = existing.as_ref().map(|(f, st)| (f, st));
    replace(&dir, name, bytes, keep, last_check).map_err(|f| match f {
        Failed::Io(source) => err(source),
        Failed::Owner(source) => err(io::Error::new(
            source.kind(),
            format!("cannot keep its owner and group: {source}"),
        )),
        Failed::Xattr { name, source } => err(io::Error::new(
            source.kind(),
            format!("cannot keep its extended attribute {name}: {source}"),
        )),
        Failed::Check(e) => e,
    })
}

/// Refuses an output path that is not a regular file (nor a link to one), before anything
/// is read from or written to it. A path that does not exist yet is fine in a folder that
/// does.
pub fn check_output(path: &Path) -> Result<(), RunError> {
    let target = output_target(path)?;
    let parent = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if !parent.is_dir() {
        return Err(RunError::Write {
            path: path.to_path_buf(),
            source: io::Error::new(io::ErrorKind::NotFound, "its folder does not exist"),
        });
    }
    Ok(())
}

/// The file an output path names: through a symbolic link, when it leads to a regular file.
fn output_target(path: &Path) -> Result<PathBuf, RunError> {
    let meta = match std::fs::symlink_metadata(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(path.to_path_buf()),
        Err(source) => {
            return Err(RunError::Write {
                path: path.to_path_buf(),
                source,
            })
        }
        Ok(m) => m,
    };
    if meta.is_file() {
        return Ok(path.to_path_buf());
    }
    if !meta.file_type().is_symlink() {
        return Err(not_regular(path, kind(file_type(&meta))));
    }
    let Ok(target) = std::fs::canonicalize(path) else {
        return Err(not_regular(path, "a symbolic link that leads nowhere"));
    };
    match std::fs::metadata(&target) {
        Ok(m) if m.is_file() => Ok(target),
        Ok(m) => Err(not_regular(path, kind(file_type(&m)))),
        Err(_) => Err(not_regular(path, "a symbolic link that leads nowhere")),
    }
}

fn file_type(m: &std::fs::Metadata) -> FileType {
    use std::os::unix::fs::MetadataExt;
    FileType::from_raw_mode(m.mode())
}

fn not_regular(path: &Path, kind: &'static str) -> RunError {
    RunError::NotRegular {
        path: path.to_path_buf(),
        kind,
    }
}

fn kind(t: FileType) -> &'static str {
    match t {
        FileType::Directory => "a folder",
        FileType::Symlink => "a symbolic link",
        FileType::Fifo => "a FIFO",
        FileType::Socket => "a socket",
        FileType::CharacterDevice => "a character device",
        FileType::BlockDevice => "a block device",
        _ => "not a file",
    }
}
