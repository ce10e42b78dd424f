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
