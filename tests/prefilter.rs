//! The prefilter loses nothing: every fixture, example, precision-corpus module and
//! end-to-end program is checked with and without it, and the results are compared.
//!
//! - In process: a file the prefilter calls clean gives no finding and no fix when checked
//!   in full, with the default settings, with unsafe fixes, and with an extra Flexy host.
//! - Through the CLI: `check` and `check --no-prefilter` print the same JSON and the same
//!   `--diff` over each folder.

mod common;

use std::path::{Path, PathBuf};

use common::cmd;
use v3_migrate::lang::Lang;
use v3_migrate::prefilter::{Prefilter, Verdict};
use v3_migrate::rules::Applicability;
use v3_migrate::{check_text, decode, Settings};

const ROOTS: &[&str] = &["fixtures", "examples", "tests/precision", "tests/e2e"];

fn sources(dir: &Path, out: &mut Vec<(PathBuf, Lang)>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in rd.flatten() {
        let p = entry.path();
        if p.is_dir() {
            sources(&p, out);
        } else if let Some(lang) = Lang::from_path(&p) {
            out.push((p, lang));
        }
    }
}

fn all_sources() -> Vec<(PathBuf, Lang)> {
    let mut out = Vec::new();
    for root in ROOTS {
        sources(Path::new(root), &mut out);
    }
    out.sort();
    out
}

#[test]
fn files_the_prefilter_skips_have_no_finding() {
    let files = all_sources();
    assert!(files.len() > 150, "only {} files found", files.len());
    let extra = vec!["gateway.flexy.example".to_string()];
    let settings = [
        Settings::default(),
        Settings {
            threshold: Applicability::Unsafe,
            ..Settings::default()
        },
        Settings {
            extra_hosts: extra.clone(),
            threshold: Applicability::Unsafe,
            ..Settings::default()
        },
    ];
    let (mut clean, mut candidates) = (0, 0);
    for (path, lang) in &files {
        let bytes = std::fs::read(path).unwrap();
        let Ok((text, _)) = decode(path, &bytes) else {
            continue;
        };
        for s in &settings {
            let verdict = Prefilter::new(&s.extra_hosts).scan(&bytes);
            let Ok(checked) = check_text(*lang, text.clone(), s, true) else {
                continue;
            };
            if verdict == Verdict::Clean {
                clean += 1;
                assert!(
                    checked.linted.findings.is_empty() && checked.fixed.is_empty(),
                    "{}: skipped by the prefilter, but a full check finds {:?}",
                    path.display(),
                    checked
                        .linted
                        .findings
                        .iter()
                        .chain(&checked.fixed)
                        .map(|f| f.rule.name())
                        .collect::<Vec<_>>()
                );
                assert_eq!(checked.text, text, "{}", path.display());
                assert_eq!(checked.linted.suppressed, 0, "{}", path.display());
            } else {
                candidates += 1;
            }
        }
    }
    // Both sides are exercised: v2 code, v3 code and other APIs' code.
    eprintln!("{clean} clean, {candidates} candidates");
    assert!(
        clean > 50 && candidates > 100,
        "{clean} clean, {candidates} candidates"
    );
}

#[test]
fn check_prints_the_same_with_and_without_the_prefilter() {
    for root in ROOTS {
        for extra in [
            &[][..],
            &["--unsafe-fixes", "--flexy-host", "gateway.flexy.example"],
        ] {
            let run = |prefilter: bool, mode: &[&str]| {
                let mut c = cmd(Path::new("."));
                c.args(["check", "--isolated", root]).args(mode).args(extra);
                if !prefilter {
                    c.arg("--no-prefilter");
                }
                let out = c.output().unwrap();
                (
                    out.status.code(),
                    String::from_utf8_lossy(&out.stdout).to_string(),
                )
            };
            for mode in [&["--output-format", "json"][..], &["--diff"]] {
                let with = run(true, mode);
                let without = run(false, mode);
                if mode[0] != "--diff" {
                    assert!(!with.1.is_empty(), "{root} {mode:?}: no output");
                }
                assert_eq!(with, without, "{root} {mode:?} {extra:?}");
            }
        }
    }
}
