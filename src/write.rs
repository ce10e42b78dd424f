//! Writing a fixed file: atomically (temp file + rename), keeping permissions, and only if
//! the file still holds what was read.

use std::fs;
use std::io::Write;
use std::path::Path;

use crate::error::FileError;

/// Replaces `path`'s content with `new`, if it still is `original`.
pub fn write_atomic(path: &Path, original: &[u8], new: &[u8]) -> Result<(), FileError> {
    let err = |e: std::io::Error| FileError::Write {
        path: path.to_path_buf(),
        source: e,
    };
    let now = fs::read(path).map_err(err)?;
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
