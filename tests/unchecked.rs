//! Files that could not be checked: each said, counted in the summary, and never a green
//! run under `--strict`; a named pipe is never opened (the run would block on it).

#![cfg(unix)]

mod common;

use std::process::Output;
use std::time::Duration;

use common::{cmd, text_project};

const GOOD: &str = "fetch(\"https://flexy-api.oneclickdz.com/v2/plans/listAll\");\n";

fn text(out: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&out.stdout).to_string(),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

fn mkfifo(path: &std::path::Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo");
    assert!(status.success());
}

#[test]
fn pipes_sockets_and_devices_are_said_and_never_opened() {
    let dir = text_project(&[("good.js", GOOD)]);
    mkfifo(&dir.path().join("pipe.js"));
    mkfifo(&dir.path().join("notes.fifo"));
    let _socket = std::os::unix::net::UnixListener::bind(dir.path().join("sock.py")).unwrap();
    let out = cmd(dir.path())
        .env("NO_COLOR", "1")
        .args(["check", ".", "--output-format", "concise"])
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    let (stdout, stderr) = text(&out);
    assert!(
        stderr.contains("pipe.js: not a regular file (a named pipe); skipped"),
        "{stderr}"
    );
    assert!(
        stderr.contains("sock.py: not a regular file (a socket); skipped"),
        "{stderr}"
    );
    // Not a source file's name: nothing to say about it.
    assert!(!stderr.contains("notes.fifo"), "{stderr}");
    assert!(stdout.contains("good.js:1:8: v2-endpoint"), "{stdout}");
    assert_eq!(out.status.code(), Some(1), "{stderr}");

    // Named on the command line, whatever its name.
    let out = cmd(dir.path())
        .env("NO_COLOR", "1")
        .args(["check", "notes.fifo", "/dev/null", "good.js"])
        .args(["--output-format", "concise"])
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    let (stdout, stderr) = text(&out);
    assert!(
        stderr.contains("notes.fifo: not a regular file (a named pipe); skipped"),
        "{stderr}"
    );
    assert!(
        stderr.contains("/dev/null: not a regular file (a character device); skipped"),
        "{stderr}"
    );
    assert!(stdout.contains("good.js:1:8: v2-endpoint"), "{stdout}");
}

/// A project with a v2 file and two that mention Flexy but cannot be checked: one over
/// a 1 MB limit, one binary.
fn with_unchecked_files() -> tempfile::TempDir {
    let big = format!(
        "{}{GOOD}",
        "// filler line of a generated file\n".repeat(40_000)
    );
    let binary = format!("{GOOD}\0\0\0");
    text_project(&[("good.js", GOOD), ("gen/big.js", &big), ("bin.js", &binary)])
}

fn run(dir: &std::path::Path, extra: &[&str]) -> Output {
    cmd(dir)
        .env("NO_COLOR", "1")
        .args(["check", ".", "--max-file-size", "1"])
        .args(extra)
        .output()
        .unwrap()
}

#[test]
fn files_not_checked_are_counted_in_the_summary() {
    let dir = with_unchecked_files();
    let out = run(dir.path(), &["--output-format", "concise"]);
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(1), "{stdout}{stderr}");
    let summary = stdout.lines().last().unwrap_or_default();
    assert_eq!(
        summary,
        "1 finding in 1 file, 1 fixable (1 file checked); 2 files not checked (see above): \
         --strict makes that an error",
        "{stdout}"
    );
    // Nothing to report in what was checked: still not a clean run to look at.
    let out = run(dir.path(), &["--output-format", "concise", "--exit-zero"]);
    let (stdout, _) = text(&out);
    assert!(stdout.contains("2 files not checked"), "{stdout}");
}

#[test]
fn strict_makes_a_file_not_checked_an_error() {
    let dir = with_unchecked_files();
    for extra in [&["--strict"][..], &["--strict", "--exit-zero"]] {
        let out = run(dir.path(), extra);
        let (stdout, stderr) = text(&out);
        assert_eq!(out.status.code(), Some(2), "{extra:?}\n{stdout}{stderr}");
        assert!(
            stdout.contains("; 2 files not checked (see above)\n"),
            "{stdout}"
        );
    }
    // Every file checked: --strict changes nothing.
    let clean = text_project(&[("good.js", GOOD)]);
    let out = run(clean.path(), &["--strict"]);
    assert_eq!(out.status.code(), Some(1));
    let out = run(clean.path(), &["--strict", "--exit-zero"]);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn sarif_says_the_run_was_not_successful_when_a_file_was_not_checked() {
    let dir = with_unchecked_files();
    let out = run(dir.path(), &["--output-format", "sarif"]);
    let (stdout, stderr) = text(&out);
    let doc: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let invocation = &doc["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false, "{invocation}");
    let notes = invocation["toolExecutionNotifications"].as_array().unwrap();
    let mut uris: Vec<(&str, &str)> = notes
        .iter()
        .map(|n| {
            (
                n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                    .as_str()
                    .unwrap(),
                n["level"].as_str().unwrap(),
            )
        })
        .collect();
    uris.sort();
    assert_eq!(uris, [("bin.js", "error"), ("gen/big.js", "error")]);
    assert!(stderr.contains("2 files not checked"), "{stderr}");

    let clean = text_project(&[("good.js", GOOD)]);
    let out = run(clean.path(), &["--output-format", "sarif"]);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        doc["runs"][0]["invocations"][0]["executionSuccessful"],
        true
    );
}

#[test]
fn a_path_longer_than_the_system_allows_is_not_checked() {
    let dir = text_project(&[("good.js", GOOD)]);
    // 25 folders of 200 bytes: over PATH_MAX (4096 on Linux), made one level at a time.
    let name = "d".repeat(200);
    let mut deep = dir.path().to_path_buf();
    for _ in 0..25 {
        deep.push(&name);
        if std::fs::create_dir(&deep).is_err() {
            eprintln!("skipping: the file system refuses the path");
            return;
        }
    }
    let out = cmd(dir.path())
        .env("NO_COLOR", "1")
        .args(["check", ".", "--output-format", "concise"])
        .output()
        .unwrap();
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stdout.contains("good.js:1:8: v2-endpoint"), "{stdout}");
    assert!(
        stdout.contains("; 1 file not checked (see above)"),
        "{stdout}"
    );
    let out = cmd(dir.path())
        .args(["check", ".", "--strict"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}
