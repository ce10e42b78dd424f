//! What the user is told: help texts that name every kind of file read, messages whose
//! advice fits the cause, values refused where they are given.

mod common;

use std::process::Output;

use common::{cmd, text_project};

fn text(out: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&out.stdout).to_string(),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

#[test]
fn help_names_every_language_read() {
    let dir = tempfile::tempdir().unwrap();
    let out = cmd(dir.path()).arg("--help").output().unwrap();
    let (stdout, _) = text(&out);
    assert!(
        stdout.contains("JavaScript, TypeScript, PHP, Python, HTML and Vue"),
        "{stdout}"
    );
    let out = cmd(dir.path()).args(["check", "--help"]).output().unwrap();
    let (stdout, _) = text(&out);
    let flat = stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains(
            ".js .mjs .cjs .jsx, .ts .mts .cts, .tsx, .php .phtml .inc, .py .pyw, .html .htm, .vue"
        ),
        "{stdout}"
    );
}

#[test]
fn stdin_filename_of_an_unknown_kind_names_every_extension() {
    let dir = tempfile::tempdir().unwrap();
    let out = cmd(dir.path())
        .env("NO_COLOR", "1")
        .args(["check", "--stdin-filename", "notes.txt"])
        .write_stdin("x")
        .output()
        .unwrap();
    let (_, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    let flat = stderr.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains(".ts .mts .cts, .tsx"), "{stderr}");
    assert!(flat.contains(".vue"), "{stderr}");
}

#[test]
fn a_named_file_of_another_kind_is_said_to_be_none_of_those_read() {
    let dir = text_project(&[("notes.txt", "x\n")]);
    let out = cmd(dir.path())
        .env("NO_COLOR", "1")
        .args(["check", "notes.txt"])
        .output()
        .unwrap();
    let (_, stderr) = text(&out);
    assert!(
        stderr.contains(
            "notes.txt: not a JavaScript, TypeScript, PHP, Python, HTML or Vue file (by its \
             extension); skipped"
        ),
        "{stderr}"
    );
}

#[test]
fn a_zero_max_file_size_is_refused_on_the_command_line_and_in_the_config() {
    let dir = text_project(&[(
        "a.js",
        "fetch(\"https://flexy-api.oneclickdz.com/v2/plans/listAll\");\n",
    )]);
    let out = cmd(dir.path())
        .args(["check", ".", "--max-file-size", "0"])
        .output()
        .unwrap();
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(2), "{stdout}{stderr}");
    assert!(stderr.contains("--max-file-size"), "{stderr}");
    assert!(!stderr.contains("0.0 MB"), "{stderr}");
    assert!(stdout.is_empty(), "{stdout}");

    std::fs::write(dir.path().join("v3-migrate.toml"), "max-file-size = 0\n").unwrap();
    let out = cmd(dir.path())
        .env("NO_COLOR", "1")
        .args(["check", "."])
        .output()
        .unwrap();
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(2), "{stdout}{stderr}");
    assert!(
        stderr.contains("`max-file-size` must be at least 1"),
        "{stderr}"
    );
    assert!(!stderr.contains("0.0 MB"), "{stderr}");
}
