//! `--output-file` and `--sarif-output`/`--json-output`/`--gitlab-output`/`--junit-output`:
//! several reports from one run, each what its format prints on stdout.

mod common;

use common::{cmd, text_project};

const V2: &str = "const BASE = 'https://flexy-api.oneclickdz.com/v2';\n\
fetch(BASE + '/account/balance', { headers: { authorization: KEY } });\n";

fn stdout_of(dir: &std::path::Path, args: &[&str]) -> String {
    String::from_utf8(cmd(dir).args(args).output().unwrap().stdout).unwrap()
}

#[test]
fn one_run_writes_every_format_asked_for() {
    let p = text_project(&[("a.js", V2)]);
    let out = cmd(p.path())
        .args([
            "check",
            ".",
            "--output-format",
            "github",
            "--sarif-output",
            "r.sarif",
            "--json-output",
            "r.json",
            "--gitlab-output",
            "gl.json",
            "--junit-output",
            "r.xml",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "findings remain");
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        stdout,
        stdout_of(p.path(), &["check", ".", "--output-format", "github"])
    );
    let read = |name: &str| std::fs::read_to_string(p.path().join(name)).unwrap();
    // JUnit stamps its run's time: compared without it.
    let stamps = regex::Regex::new(r#"timestamp="[^"]*"|time="[^"]*""#).unwrap();
    let strip = |s: &str| stamps.replace_all(s, "").to_string();
    for (file, format) in [
        ("r.json", "json"),
        ("gl.json", "gitlab"),
        ("r.xml", "junit"),
    ] {
        let alone = stdout_of(p.path(), &["check", ".", "--output-format", format]);
        assert_eq!(strip(&read(file)), strip(&alone), "{file}");
    }
    let sarif: serde_json::Value = serde_json::from_str(&read("r.sarif")).unwrap();
    assert_eq!(sarif["runs"][0]["results"].as_array().unwrap().len(), 3);
}

#[test]
fn output_file_takes_what_stdout_would_get() {
    let p = text_project(&[("a.js", V2)]);
    let out = cmd(p.path())
        .args([
            "check",
            ".",
            "--output-format",
            "concise",
            "--output-file",
            "found.txt",
            "--color",
            "always",
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let file = std::fs::read_to_string(p.path().join("found.txt")).unwrap();
    assert_eq!(file.lines().count(), 3, "{file}");
    assert!(!file.contains('\x1b'), "a file is never coloured: {file}");
    assert!(
        !stdout.contains("a.js:"),
        "the findings went to the file: {stdout}"
    );
    assert!(stdout.contains("3 findings"), "the summary stays: {stdout}");
    // With --diff: the patch on stdout, the findings that would remain in the file (as
    // with --fix: none here).
    let out = cmd(p.path())
        .args([
            "check",
            ".",
            "--diff",
            "--output-format",
            "json",
            "--output-file",
            "f.json",
        ])
        .output()
        .unwrap();
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .starts_with("--- a/a.js"));
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(p.path().join("f.json")).unwrap()).unwrap();
    assert_eq!(json, serde_json::json!([]));
}

#[test]
fn a_report_that_cannot_be_written_stops_the_run_before_it() {
    let p = text_project(&[("a.js", V2), ("dir/keep", "")]);
    // A folder, and a file in a folder that does not exist.
    for to in ["dir", "missing/r.sarif"] {
        let out = cmd(p.path())
            .args(["check", ".", "--fix", "--sarif-output", to])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{to}");
        let a = std::fs::read_to_string(p.path().join("a.js")).unwrap();
        assert_eq!(a, V2, "{to}: refused before the run, nothing fixed");
    }
}

#[test]
fn sarif_uris_are_relative_to_the_repository_root() {
    // Run from a folder inside a git working tree: code scanning resolves the URIs against
    // the repository's root.
    let p = text_project(&[
        (".git/HEAD", "ref: refs/heads/main\n"),
        ("web/src/a.js", V2),
    ]);
    let out = cmd(&p.path().join("web"))
        .args(["check", "src", "--output-format", "sarif"])
        .output()
        .unwrap();
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let run = &sarif["runs"][0];
    let location = &run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
    assert_eq!(location["uri"], "web/src/a.js");
    assert_eq!(location["uriBaseId"], "%SRCROOT%");
    let root = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
        .as_str()
        .unwrap();
    let canonical = std::fs::canonicalize(p.path()).unwrap();
    assert!(
        root.starts_with("file:///") && root.ends_with('/'),
        "{root}"
    );
    assert!(
        root.trim_end_matches('/')
            .ends_with(canonical.file_name().unwrap().to_str().unwrap()),
        "{root}"
    );
    // The rules: `name` apart from `id`.
    let rule = &run["tool"]["driver"]["rules"][0];
    assert_ne!(rule["name"], rule["id"]);
}
