//! `--fix` asks git whether the files it writes have uncommitted changes, in every working
//! tree it meets, a vendored package's own repository too: that repository's configuration
//! must not get a command run (an fsmonitor hook, a clean filter), and the answer must
//! stay right.

#![cfg(unix)]

mod common;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;

use common::{cmd, text_project};

const V2: &str = "fetch(\"https://flexy-api.oneclickdz.com/v2/plans/listAll\");\n";
const V3: &str = "fetch(\"https://api.oneclickdz.com/v3/mobile/plans\");\n";

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args(["-c", "user.email=test@example.com", "-c", "user.name=Test"])
        .args(["-c", "commit.gpgsign=false", "-c", "core.fsmonitor=false"])
        .arg("-C")
        .arg(dir)
        .args(args)
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env_remove("GIT_INDEX_FILE")
        .output()
        .expect("run git");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn has_git() -> bool {
    Command::new("git").arg("--version").output().is_ok()
}

/// A script that creates `marker` when run.
fn marker_script(path: &Path, marker: &Path) {
    fs::write(
        path,
        format!("#!/bin/sh\ntouch '{}'\nexit 1\n", marker.display()),
    )
    .unwrap();
    fs::set_permissions(path, fs::Permissions::from_mode(0o755)).unwrap();
}

/// `vendor/pkg`, a repository of its own holding a committed v2 file whose stat data is
/// stale, with an fsmonitor hook and a clean filter on `*.js` that each leave a mark.
fn vendored(dir: &Path, marks: &Path) -> std::path::PathBuf {
    let pkg = dir.join("vendor/pkg");
    git(&pkg, &["init", "-q"]);
    git(&pkg, &["add", "-A"]);
    git(&pkg, &["commit", "-q", "-m", "vendored"]);
    let hook = marks.join("fsmonitor.sh");
    marker_script(&hook, &marks.join("fsmonitor-ran"));
    git(&pkg, &["config", "core.fsmonitor", hook.to_str().unwrap()]);
    let clean = format!(
        "sh -c 'touch \"{}\"; cat'",
        marks.join("filter-ran").display()
    );
    git(&pkg, &["config", "filter.mark.clean", &clean]);
    let file = pkg.join("client.js");
    let old = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1 << 30);
    fs::File::options()
        .write(true)
        .open(&file)
        .unwrap()
        .set_modified(old)
        .unwrap();
    file
}

#[test]
fn fix_runs_nothing_a_vendored_repository_names_and_still_writes_a_clean_file() {
    if !has_git() {
        eprintln!("skipping: no git");
        return;
    }
    let dir = text_project(&[
        ("vendor/pkg/client.js", V2),
        ("vendor/pkg/.gitattributes", "*.js filter=mark\n"),
    ]);
    let marks = tempfile::tempdir().unwrap();
    let file = vendored(dir.path(), marks.path());
    let out = cmd(dir.path())
        .args(["check", ".", "--fix", "--output-format", "concise"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!marks.path().join("fsmonitor-ran").exists(), "{stderr}");
    assert!(!marks.path().join("filter-ran").exists(), "{stderr}");
    // Committed and unchanged: clean, so fixed.
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert_eq!(fs::read_to_string(&file).unwrap(), V3);
}

#[test]
fn fix_still_refuses_a_modified_file_of_a_vendored_repository() {
    if !has_git() {
        eprintln!("skipping: no git");
        return;
    }
    let dir = text_project(&[
        ("vendor/pkg/client.js", V2),
        ("vendor/pkg/.gitattributes", "*.js filter=mark\n"),
    ]);
    let marks = tempfile::tempdir().unwrap();
    let file = vendored(dir.path(), marks.path());
    let edited = format!("{V2}// edited\n");
    fs::write(&file, &edited).unwrap();
    let out = cmd(dir.path())
        .env("NO_COLOR", "1")
        .args(["check", ".", "--fix", "--output-format", "concise"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!marks.path().join("fsmonitor-ran").exists(), "{stderr}");
    assert!(!marks.path().join("filter-ran").exists(), "{stderr}");
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("vendor/pkg/client.js (modified)"),
        "{stderr}"
    );
    assert_eq!(fs::read_to_string(&file).unwrap(), edited);
}
