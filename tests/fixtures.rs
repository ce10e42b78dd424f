//! The fixture harness: every `fixtures/<lang>/<case>.<ext>` is checked and fixed in process.
//!
//! For each case: the findings are snapshotted (`tests/snapshots/`); the text after `--fix`
//! equals `<case>.fixed.<ext>` byte for byte; after `--fix --unsafe-fixes` it equals
//! `<case>.unsafe.<ext>` when that file exists (else `.fixed`); a second fix pass over the
//! fixed text changes nothing; the fixed text parses with no more errors than the input;
//! a rule without fixes produced none. `negative_*` cases must have zero findings.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use v3_migrate::lang::Lang;
use v3_migrate::rules::{Applicability, FixAvailability};
use v3_migrate::{check_text, source, Settings};

fn cases() -> Vec<(PathBuf, Lang)> {
    let mut out = Vec::new();
    for dir in ["js", "php", "python"] {
        let Ok(rd) = std::fs::read_dir(Path::new("fixtures").join(dir)) else {
            continue;
        };
        for entry in rd.flatten() {
            let p = entry.path();
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            if name.contains(".fixed.") || name.contains(".unsafe.") {
                continue;
            }
            if let Some(lang) = Lang::from_path(&p) {
                out.push((p, lang));
            }
        }
    }
    out.sort();
    out
}

/// `<case>.<kind>.<ext>` beside `<case>.<ext>`.
pub fn sibling(path: &Path, kind: &str) -> PathBuf {
    let stem = path.file_stem().unwrap().to_string_lossy();
    let ext = path.extension().unwrap().to_string_lossy();
    path.with_file_name(format!("{stem}.{kind}.{ext}"))
}

fn settings(threshold: Applicability) -> Settings {
    Settings {
        threshold,
        ..Settings::default()
    }
}

fn findings_snapshot(lang: Lang, text: &str) -> String {
    let checked = check_text(lang, text.to_string(), &Settings::default(), false).unwrap();
    let findings = checked.findings;
    let mut s = String::new();
    if checked.suppressed > 0 {
        writeln!(s, "({} suppressed)", checked.suppressed).unwrap();
    }
    for f in &findings {
        let (line, col) = source::line_col(text, f.range.start);
        let fix = f.fix.as_ref().map_or("none", |x| x.applicability.name());
        writeln!(s, "{line}:{col} {} [{fix}] {}", f.rule.name(), f.message).unwrap();
    }
    s
}

fn fixed(lang: Lang, text: &str, threshold: Applicability) -> String {
    check_text(lang, text.to_string(), &settings(threshold), true)
        .unwrap()
        .text
}

#[test]
fn fixtures() {
    let mut failures = Vec::new();
    let cases = cases();
    assert!(cases.len() >= 60, "only {} fixtures found", cases.len());
    for (path, lang) in &cases {
        let text = std::fs::read_to_string(path).unwrap();
        let name = path.display().to_string();
        let case = format!(
            "{}__{}",
            path.parent()
                .unwrap()
                .file_name()
                .unwrap()
                .to_string_lossy(),
            path.file_name().unwrap().to_string_lossy()
        );
        let is_negative = path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("negative_");
        let snapshot = findings_snapshot(*lang, &text);
        if is_negative {
            if !snapshot.is_empty() {
                failures.push(format!(
                    "{name}: a negative fixture has findings:\n{snapshot}"
                ));
            }
            continue;
        }
        insta::with_settings!({ snapshot_path => "snapshots/fixtures", prepend_module_to_snapshot => false, omit_expression => true }, {
            insta::assert_snapshot!(case, snapshot);
        });
        // Declared fixability matches what rules did.
        let findings = check_text(*lang, text.clone(), &Settings::default(), false)
            .unwrap()
            .findings;
        for f in &findings {
            if f.fix.is_some() && f.rule.fix_availability() == FixAvailability::None {
                failures.push(format!(
                    "{name}: {} has a fix but declares none",
                    f.rule.name()
                ));
            }
        }
        for (kind, threshold) in [
            ("fixed", Applicability::Safe),
            ("unsafe", Applicability::Unsafe),
        ] {
            let want_path = sibling(path, kind);
            let want_path = if kind == "unsafe" && !want_path.exists() {
                sibling(path, "fixed")
            } else {
                want_path
            };
            let Ok(want) = std::fs::read_to_string(&want_path) else {
                failures.push(format!("{name}: missing {}", want_path.display()));
                continue;
            };
            let got = fixed(*lang, &text, threshold);
            if got != want {
                let diff = similar::TextDiff::from_lines(&want, &got)
                    .unified_diff()
                    .header(&want_path.display().to_string(), "tool output")
                    .to_string();
                failures.push(format!(
                    "{name}: --fix ({kind}) differs from {}:\n{diff}",
                    want_path.display()
                ));
                continue;
            }
            let again = fixed(*lang, &got, threshold);
            if again != got {
                failures.push(format!("{name}: a second --fix ({kind}) changed the text"));
            }
            let errors = |t: &str| source::error_ranges(&source::parse(*lang, t).unwrap()).len();
            if errors(&got) > errors(&text) {
                failures.push(format!(
                    "{name}: the fixed text ({kind}) has new syntax errors"
                ));
            }
        }
    }
    if !failures.is_empty() {
        panic!(
            "{} fixture failures:\n\n{}",
            failures.len(),
            failures.join("\n\n")
        );
    }
}
