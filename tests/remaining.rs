//! What a second `check` says after `--fix`: every piece of work the fix left, and nothing
//! else.
//!
//! For each end-to-end program (`tests/e2e/<lang>/`, a file or a folder) and each fixture
//! (`fixtures/<lang>/<case>`, its `.fixed` and `.unsafe` texts): the program is copied,
//! fixed with plain `--fix` and, apart, with `--fix --unsafe-fixes`; then `check` runs on
//! each copy and its findings (file, line, rule, message) are compared with the expected
//! ones, an insta snapshot per program (`tests/snapshots/remaining/`). What stays on v2 on
//! purpose says so (`blocked-migration`, a finding without a fix); what a hand migration or
//! a held unit leaves on code already on v3 is reported by the v3-aware rules. A fix that
//! leaves work nobody reports, or reports work that is not there, changes a snapshot.
//!
//! The remaining findings have no fix the second `--fix` would apply: a second run changes
//! nothing (the programs' second runs are checked in `e2e` and `projects`; here, that no
//! remaining finding has a fix at the threshold it was fixed with).

mod common;

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use v3_migrate::lang::Lang;
use v3_migrate::rules::Applicability;
use v3_migrate::{check_text, Settings};

/// The programs of the end-to-end tests: files and folders of `tests/e2e/<lang>/`.
fn programs() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for lang in ["js", "ts", "php", "python"] {
        let dir = Path::new("tests/e2e").join(lang);
        let mut entries: Vec<PathBuf> = fs::read_dir(&dir)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.is_dir() || Lang::from_path(p).is_some())
            .collect();
        entries.sort();
        out.extend(entries);
    }
    out
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap().flatten() {
        let p = e.path();
        let dest = to.join(e.file_name());
        if p.is_dir() {
            copy_dir(&p, &dest);
        } else {
            fs::copy(&p, &dest).unwrap();
        }
    }
}

/// The findings `check` reports in `dir`, one line each: `file:line rule [fix] message`.
fn remaining(dir: &Path) -> String {
    let out = common::cmd(dir)
        .args(["check", "--isolated", "--output-format", "json", "."])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{}: check printed no JSON ({e}): {}",
            dir.display(),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let mut lines: Vec<String> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let fix = match f["fix"]["applicability"].as_str() {
                Some(a) => format!(" [{a} fix]"),
                None => String::new(),
            };
            format!(
                "{}:{} {}{fix} {}",
                f["file"]
                    .as_str()
                    .unwrap_or("?")
                    .replace('\\', "/")
                    .trim_start_matches("./"),
                f["start"]["line"],
                f["rule"].as_str().unwrap_or("?"),
                f["message"].as_str().unwrap_or("?"),
            )
        })
        .collect();
    lines.sort();
    lines.join("\n")
}

/// The program fixed in a copy (`args` after `check`), then what `check` says there.
fn after_fix(program: &Path, args: &[&str]) -> String {
    let tmp = tempfile::tempdir().unwrap();
    let name = program.file_name().unwrap();
    if program.is_dir() {
        copy_dir(program, &tmp.path().join(name));
    } else {
        fs::copy(program, tmp.path().join(name)).unwrap();
    }
    common::cmd(tmp.path())
        .args(["check", "--isolated"])
        .args(args)
        .arg(".")
        .output()
        .unwrap();
    remaining(tmp.path())
}

#[test]
fn a_second_check_after_fix_reports_the_work_left_in_the_e2e_programs() {
    let programs = programs();
    assert!(
        programs.len() >= 40,
        "only {} programs found",
        programs.len()
    );
    for program in programs {
        let safe = after_fix(&program, &["--fix"]);
        let unsafe_ = after_fix(&program, &["--fix", "--unsafe-fixes"]);
        let lang = program
            .parent()
            .unwrap()
            .file_name()
            .unwrap()
            .to_string_lossy();
        let name = program.file_name().unwrap().to_string_lossy();
        let report = format!("after --fix:\n{safe}\n\nafter --fix --unsafe-fixes:\n{unsafe_}\n");
        insta::with_settings!({ snapshot_path => "snapshots/remaining", prepend_module_to_snapshot => false, omit_expression => true }, {
            insta::assert_snapshot!(format!("e2e__{lang}__{name}"), report);
        });
        for (threshold, text) in [("safe", &safe), ("unsafe", &unsafe_)] {
            let applied = text.contains("[safe fix]")
                || (threshold == "unsafe" && text.contains("[unsafe fix]"));
            assert!(
                !applied,
                "{}: after --fix ({threshold}) a finding still has a fix a second --fix would apply:\n{text}",
                program.display()
            );
        }
    }
}

/// The fixtures' fixed texts, checked in process: what `check` says after `--fix`.
#[test]
fn a_second_check_after_fix_reports_the_work_left_in_the_fixtures() {
    let mut cases = 0;
    for dir in ["js", "php", "python", "ts", "tsx", "html", "vue"] {
        let Ok(rd) = fs::read_dir(Path::new("fixtures").join(dir)) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = rd.flatten().map(|e| e.path()).collect();
        paths.sort();
        for path in paths {
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            let Some(lang) = Lang::from_path(&path) else {
                continue;
            };
            if name.contains(".fixed.")
                || name.contains(".unsafe.")
                || name.starts_with("negative_")
            {
                continue;
            }
            let mut report = String::new();
            for (kind, threshold) in [
                ("fixed", Applicability::Safe),
                ("unsafe", Applicability::Unsafe),
            ] {
                let sibling = path.with_file_name(name.replacen('.', &format!(".{kind}."), 1));
                let sibling = if sibling.exists() {
                    sibling
                } else {
                    path.with_file_name(name.replacen('.', ".fixed.", 1))
                };
                let Ok(text) = fs::read_to_string(&sibling) else {
                    continue;
                };
                let checked = check_text(lang, text.clone(), &Settings::default(), false).unwrap();
                writeln!(report, "after --fix ({kind}):").unwrap();
                for f in &checked.linted.findings {
                    let line = text[..f.range.start].matches('\n').count() + 1;
                    let fix = f.fix.as_ref().map(|x| x.applicability);
                    // A file with a syntax error gets no fix at all: its fixes stay offered.
                    assert!(
                        name.starts_with("broken_") || fix.is_none_or(|a| a < threshold),
                        "{}: {} at line {line} still has a fix a second --fix would apply",
                        sibling.display(),
                        f.rule.name()
                    );
                    writeln!(report, "{line} {} {}", f.rule.name(), f.message).unwrap();
                }
            }
            if report.lines().all(|l| l.starts_with("after --fix")) {
                continue;
            }
            cases += 1;
            insta::with_settings!({ snapshot_path => "snapshots/remaining", prepend_module_to_snapshot => false, omit_expression => true }, {
                insta::assert_snapshot!(format!("fixture__{dir}__{name}"), report);
            });
        }
    }
    assert!(cases > 0, "no fixture leaves work after --fix");
}
