//! Paths in the output formats: relative to the working folder, normalised (no `./`, `//`
//! or `..`), the exact bytes of a name (a backslash is no separator, a byte that is not
//! UTF-8 is escaped, not replaced), and escaped as each format needs.

#![cfg(unix)]

mod common;

use std::ffi::OsStr;
use std::fs;
use std::os::unix::ffi::OsStrExt;

use common::cmd;

const V2: &str = "fetch(\"https://flexy-api.oneclickdz.com/v2/plans/listAll\");\n";

/// `proj/` with `sub/x.js`, `a\b.js`, `caf<0xE9>.js` and `new<LF>line.js`; the project
/// folder and its parent.
fn project() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let proj = dir.path().join("proj");
    fs::create_dir_all(proj.join("sub")).unwrap();
    for name in [&b"sub/x.js"[..], b"a\\b.js", b"caf\xe9.js", b"new\nline.js"] {
        fs::write(proj.join(OsStr::from_bytes(name)), V2).unwrap();
    }
    (dir, proj)
}

fn run(proj: &std::path::Path, format: &str) -> String {
    let out = cmd(proj)
        .args(["check", "sub//x.js", "../proj/a\\b.js"])
        .arg(OsStr::from_bytes(b"./caf\xe9.js"))
        .arg("new\nline.js")
        .args(["--output-format", format])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("the output is UTF-8")
}

#[test]
fn json_and_gitlab_paths_are_normalised_with_their_exact_names() {
    let (_dir, proj) = project();
    let json: serde_json::Value = serde_json::from_str(&run(&proj, "json")).unwrap();
    let mut files: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["file"].as_str().unwrap())
        .collect();
    files.sort();
    assert_eq!(
        files,
        ["a\\b.js", "caf\\xE9.js", "new\nline.js", "sub/x.js"]
    );

    let gitlab: serde_json::Value = serde_json::from_str(&run(&proj, "gitlab")).unwrap();
    let mut paths: Vec<&str> = gitlab
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["location"]["path"].as_str().unwrap())
        .collect();
    paths.sort();
    assert_eq!(paths, files);
}

#[test]
fn sarif_uris_percent_encode_the_exact_bytes() {
    let (_dir, proj) = project();
    let sarif: serde_json::Value = serde_json::from_str(&run(&proj, "sarif")).unwrap();
    let run = &sarif["runs"][0];
    let mut uris: Vec<(&str, &str)> = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let location = &r["locations"][0]["physicalLocation"]["artifactLocation"];
            (
                location["uri"].as_str().unwrap(),
                location["uriBaseId"].as_str().unwrap(),
            )
        })
        .collect();
    uris.sort();
    assert_eq!(
        uris,
        [
            ("a%5Cb.js", "%SRCROOT%"),
            ("caf%E9.js", "%SRCROOT%"),
            ("new%0Aline.js", "%SRCROOT%"),
            ("sub/x.js", "%SRCROOT%"),
        ]
    );
    let root = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
        .as_str()
        .unwrap();
    assert!(
        root.starts_with("file:///") && root.ends_with("/proj/"),
        "{root}"
    );
}

#[test]
fn github_and_junit_escape_a_line_break_in_a_name() {
    let (_dir, proj) = project();
    let github = run(&proj, "github");
    assert!(github.contains("file=new%0Aline.js,line=1,"), "{github}");
    assert!(github.contains("file=sub/x.js,line=1,"), "{github}");
    assert!(github.contains("file=a\\b.js,line=1,"), "{github}");
    let junit = run(&proj, "junit");
    assert!(junit.contains("classname=\"new&#10;line.js\""), "{junit}");
    assert!(junit.contains("classname=\"caf\\xE9.js\""), "{junit}");
    assert!(junit.contains("classname=\"sub/x.js\""), "{junit}");
}
