//! What the CLI tests share: the binary run in a folder, and a temporary project.

#![allow(dead_code)]

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use tempfile::TempDir;

/// `v3-migrate`, run in `dir`.
pub fn cmd(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("v3-migrate").unwrap();
    c.current_dir(dir);
    c
}

/// A temporary folder holding `files` (relative names, folders created).
pub fn project(files: &[(&str, &[u8])]) -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, content) in files {
        let p = dir.path().join(name);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, content).unwrap();
    }
    dir
}

/// [`project`] with text files.
pub fn text_project(files: &[(&str, &str)]) -> TempDir {
    let files: Vec<(&str, &[u8])> = files.iter().map(|(n, c)| (*n, c.as_bytes())).collect();
    project(&files)
}
