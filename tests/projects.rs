//! Project trees: `fixtures/projects/<case>/before/` is fixed as a whole (`check --fix`,
//! or the arguments of the case's `args` file, one a line) and must become `after/` byte
//! for byte, file for file; a second run changes nothing; and `check` reports the same
//! with and without the prefilter, since the files a caller lives in may hold no Flexy
//! needle at all.
//!
//! `UPDATE_PROJECTS=1 cargo test --test projects` writes `after/` from the tool's output,
//! to be read in `git diff` before it is committed.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::cmd;

fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        let Ok(rd) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in rd.flatten() {
            let p = entry.path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                let rel = p.strip_prefix(root).unwrap().to_path_buf();
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn copy(from: &Path, to: &Path) {
    for (rel, bytes) in files(from) {
        let p = to.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }
}

fn cases() -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir("fixtures/projects")
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("before").is_dir())
        .collect();
    out.sort();
    assert!(out.len() >= 4, "the project cases are missing");
    out
}

fn args(case: &Path) -> Vec<String> {
    match std::fs::read_to_string(case.join("args")) {
        Ok(text) => text.lines().map(str::to_string).collect(),
        Err(_) => vec!["--fix".to_string()],
    }
}

fn fix(dir: &Path, args: &[String]) {
    let out = cmd(dir)
        .args(["check", "--isolated", "--exit-zero"])
        .args(args)
        .arg(".")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}: {}",
        dir.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn each_tree_is_fixed_as_a_whole_and_a_second_run_changes_nothing() {
    let update = std::env::var_os("UPDATE_PROJECTS").is_some();
    for case in cases() {
        let dir = tempfile::tempdir().unwrap();
        copy(&case.join("before"), dir.path());
        let args = args(&case);
        fix(dir.path(), &args);
        let got = files(dir.path());
        if update {
            let _ = std::fs::remove_dir_all(case.join("after"));
            copy(dir.path(), &case.join("after"));
        }
        let want = files(&case.join("after"));
        assert_eq!(
            got.keys().collect::<Vec<_>>(),
            want.keys().collect::<Vec<_>>(),
            "{}: the files differ",
            case.display()
        );
        for (rel, bytes) in &want {
            assert!(
                got[rel] == *bytes,
                "{}: {} differs from after/:\n{}",
                case.display(),
                rel.display(),
                String::from_utf8_lossy(&got[rel])
            );
        }
        fix(dir.path(), &args);
        assert_eq!(
            files(dir.path()),
            got,
            "{}: a second run changed it",
            case.display()
        );
    }
}

#[test]
fn check_reports_the_same_with_and_without_the_prefilter() {
    for case in cases() {
        let before = case.join("before");
        let run = |prefilter: bool| {
            let mut c = cmd(&before);
            c.args([
                "check",
                "--isolated",
                "--unsafe-fixes",
                "--output-format",
                "json",
                ".",
            ]);
            if !prefilter {
                c.arg("--no-prefilter");
            }
            let out = c.output().unwrap();
            (
                out.status.code(),
                String::from_utf8_lossy(&out.stdout).to_string(),
            )
        };
        assert_eq!(run(true), run(false), "{}", case.display());
    }
}

/// A client module and its callers are written together or not at all: with one caller
/// read-only, the module is not migrated either, and the run says why for both.
#[test]
fn a_caller_that_cannot_be_written_holds_its_module_back() {
    use std::os::unix::fs::PermissionsExt;
    let case = Path::new("fixtures/projects/js_class_callers_shapes");
    let dir = tempfile::tempdir().unwrap();
    copy(&case.join("before"), dir.path());
    let history = dir.path().join("jobs/history.js");
    std::fs::set_permissions(&history, std::fs::Permissions::from_mode(0o444)).unwrap();
    let before = files(dir.path());
    let out = cmd(dir.path())
        .args([
            "check",
            "--isolated",
            "--exit-zero",
            "--fix",
            "--unsafe-fixes",
            ".",
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(files(dir.path()), before, "a file was written: {stderr}");
    assert!(stderr.contains("read-only"), "{stderr}");
    assert!(
        stderr.contains("not written, since a file linked to it by imports cannot be written"),
        "{stderr}"
    );
}

/// A caller's unit that stays on v2 holds its client module back whatever rules are
/// selected: without `blocked-migration` in the selection, nothing says so, and nothing
/// moves either.
#[test]
fn a_blocked_caller_holds_its_module_back_without_blocked_migration_selected() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("flexy.js"),
        "const BASE = \"https://flexy-api.oneclickdz.com/v2\";\nasync function checkTopup(ref) {\n  const res = await fetch(`${BASE}/topup/checkStatus/REF/${ref}`, { headers: { authorization: \"k\" } });\n  return res.json();\n}\nmodule.exports = { checkTopup };\n",
    )
    .unwrap();
    // `{ topup, note }` mixes the nested record with a root field: not rewritten.
    std::fs::write(
        dir.path().join("main.js"),
        "const { checkTopup } = require(\"./flexy\");\nasync function main() {\n  const { topup, note } = await checkTopup(\"r-1\");\n  console.log(topup.status, note);\n}\nmain();\n",
    )
    .unwrap();
    let before = files(dir.path());
    let out = cmd(dir.path())
        .args([
            "check",
            "--isolated",
            "--exit-zero",
            "--fix",
            "--unsafe-fixes",
        ])
        .args([
            "--select",
            "v2-base-url,v2-endpoint,v2-auth-header,unwrapped-response",
        ])
        .arg(".")
        .output()
        .unwrap();
    assert_eq!(
        files(dir.path()),
        before,
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

/// A settings file's other values (keys, passwords) are never shown: not in any output
/// format, not in the patch, not after the fix; the base it gives is.
#[test]
fn a_settings_file_never_shows_its_other_values() {
    let case = Path::new("fixtures/projects/dotenv_base");
    let secret = "tok_live_do_not_print";
    let runs: &[&[&str]] = &[
        &["--output-format", "human"],
        &["--output-format", "concise"],
        &["--output-format", "json"],
        &["--output-format", "sarif"],
        &["--output-format", "github"],
        &["--output-format", "gitlab"],
        &["--output-format", "junit"],
        &["--diff"],
        &["--fix", "--unsafe-fixes"],
    ];
    for args in runs {
        let dir = tempfile::tempdir().unwrap();
        copy(&case.join("before"), dir.path());
        let out = cmd(dir.path())
            .args(["check", "--isolated", "--exit-zero"])
            .args(*args)
            .arg(".")
            .output()
            .unwrap();
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!all.contains(secret), "{args:?} shows the secret:\n{all}");
        // The excerpt and the patch show the line of the base.
        if args.contains(&"human") || args.contains(&"--diff") {
            assert!(
                all.contains("FLEXY_API=https://flexy-api.oneclickdz.com/v2/"),
                "{args:?} does not show the base:\n{all}"
            );
        }
    }
}
