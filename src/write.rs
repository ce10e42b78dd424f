//! Writing a fixed file: atomically (temp file + rename), keeping permissions, and only if
//! the file still holds what was read. A file is never left half-written: another process
//! sees either the old content or the new one.
//!
//! `V3_MIGRATE_TEST_PAUSE_DIR` is for tests of races only: before each write, the tool
//! creates `<dir>/<n>.ready` and waits (up to 30 s) for `<dir>/<n>.go`.

use std::fs;
use std::io::Write;
use std::path::Path;

use crate::error::FileError;

/// Writes the fixed content of a file the run read: refused for a read-only file, and
/// through a symbolic link to its target (the link stays a link).
pub fn write_fixed(path: &Path, original: &[u8], new: &[u8]) -> Result<(), FileError> {
    pause_for_tests();
    let gone = |e: std::io::Error| {
        if e.kind() == std::io::ErrorKind::NotFound {
            FileError::Deleted {
                path: path.to_path_buf(),
            }
        } else {
            FileError::Write {
                path: path.to_path_buf(),
                source: e,
            }
        }
    };
    let meta = fs::metadata(path).map_err(gone)?;
    if meta.permissions().readonly() {
        return Err(FileError::ReadOnly {
            path: path.to_path_buf(),
        });
    }
    let target = fs::canonicalize(path).map_err(gone)?;
    write_atomic(&target, original, new).map_err(|e| match e {
        // Name the file as the user gave it.
        FileError::Changed { .. } => FileError::Changed {
            path: path.to_path_buf(),
        },
        FileError::Deleted { .. } => FileError::Deleted {
            path: path.to_path_buf(),
        },
        other => other,
    })
}

/// Replaces `path`'s content with `new`, if it still is `original`.
pub fn write_atomic(path: &Path, original: &[u8], new: &[u8]) -> Result<(), FileError> {
    let err = |e: std::io::Error| FileError::Write {
        path: path.to_path_buf(),
        source: e,
    };
    let now = fs::read(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            FileError::Deleted {
                path: path.to_path_buf(),
            }
        } else {
            err(e)
        }
    })?;
    if now != original {
        return Err(FileError::Changed {
            path: path.to_path_buf(),
        });
    }
    let meta = fs::metadata(path).map_err(err)?;
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(".v3-migrate-")
        .tempfile_in(dir)
        .map_err(err)?;
    tmp.write_all(new).map_err(err)?;
    tmp.as_file().sync_all().map_err(err)?;
    fs::set_permissions(tmp.path(), meta.permissions()).map_err(err)?;
    tmp.persist(path).map_err(|e| err(e.error))?;
    Ok(())
}

/// See the module doc: lets a test change or delete a file between read and write.
fn pause_for_tests() {
    let Some(dir) = std::env::var_os("V3_MIGRATE_TEST_PAUSE_DIR") else {
        return;
    };
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let dir = Path::new(&dir);
    let _ = fs::write(dir.join(format!("{n}.ready")), b"");
    let go = dir.join(format!("{n}.go"));
    let start = std::time::Instant::now();
    while !go.exists() && start.elapsed() < std::time::Duration::from_secs(30) {
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_changed_since_it_was_read_is_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.js");
        fs::write(&p, "edited by the user").unwrap();
        let err = write_atomic(&p, b"what was read", b"fixed").unwrap_err();
        assert!(matches!(err, FileError::Changed { .. }));
        assert_eq!(fs::read_to_string(&p).unwrap(), "edited by the user");
        write_atomic(&p, b"edited by the user", b"fixed").unwrap();
        assert_eq!(fs::read_to_string(&p).unwrap(), "fixed");
    }
}
