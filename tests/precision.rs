//! The precision corpus: `tests/precision/{js,php,python}/` holds realistic modules of the
//! kind integrators keep next to their Flexy client (GitHub, Stripe, Slack, Chargily,
//! Dropbox, Twilio, Mailchimp, another telco's and an ISP's `/v2/...` APIs, OAuth, GraphQL,
//! webhooks, their own v2 API server, service clients with no host at all) and code already
//! migrated to Flexy v3. None of it is Flexy v2 code, so every file must get zero findings.
//!
//! Each file is checked in process with every rule; the test fails listing every finding as
//! `path:line:col rule message`. The binary is also run once on the whole folder.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command as Process;

use assert_cmd::Command;
use v3_migrate::lang::Lang;
use v3_migrate::{check_text, source, Settings};

const ROOT: &str = "tests/precision";
/// The corpus cannot pass empty: at least this many files per language.
const MIN_PER_LANG: usize = 8;
/// Each file is a whole module, not a snippet.
const LINES: std::ops::RangeInclusive<usize> = 60..=250;

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let rd = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in rd.flatten() {
        let p = entry.path();
        if p.is_dir() {
            walk(&p, out);
        } else {
            out.push(p);
        }
    }
}

/// Every source file of the corpus, with its language.
fn corpus() -> Vec<(PathBuf, Lang)> {
    let mut all = Vec::new();
    walk(Path::new(ROOT), &mut all);
    let mut out: Vec<(PathBuf, Lang)> = all
        .into_iter()
        .filter_map(|p| Lang::from_path(&p).map(|l| (p, l)))
        .collect();
    out.sort();
    out
}

#[test]
fn corpus_is_not_empty() {
    let mut per_lang: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, lang) in corpus() {
        *per_lang.entry(lang.name()).or_default() += 1;
    }
    for lang in Lang::ALL {
        let n = per_lang.get(lang.name()).copied().unwrap_or(0);
        assert!(
            n >= MIN_PER_LANG,
            "only {n} {} files in {ROOT} (need {MIN_PER_LANG})",
            lang.name()
        );
    }
}

#[test]
fn corpus_files_are_whole_modules_that_parse() {
    let mut problems = Vec::new();
    for (path, lang) in corpus() {
        let text = std::fs::read_to_string(&path).unwrap();
        let lines = text.lines().count();
        if !LINES.contains(&lines) {
            problems.push(format!(
                "{}: {lines} lines (a corpus file is a module of {}-{} lines)",
                path.display(),
                LINES.start(),
                LINES.end()
            ));
        }
        // A parse error could hide constructs from the rules and make the test vacuous.
        match source::Source::parse(lang, text) {
            Ok(src) => {
                let errors = source::error_ranges(&src.tree);
                if let Some(r) = errors.first() {
                    let (line, col) = source::line_col(&src.text, r.start);
                    problems.push(format!(
                        "{}:{line}:{col}: tree-sitter parse error",
                        path.display()
                    ));
                }
            }
            Err(why) => problems.push(format!("{}: does not parse: {why:?}", path.display())),
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn corpus_files_pass_their_interpreter() {
    let mut problems = Vec::new();
    let typescript: Vec<PathBuf> = corpus()
        .into_iter()
        .filter(|(_, l)| l.is_typescript())
        .map(|(p, _)| p)
        .collect();
    problems.extend(common::typescript_errors(&typescript));
    for (path, lang) in corpus() {
        let out = match lang {
            Lang::TypeScript | Lang::Tsx | Lang::Html | Lang::Vue | Lang::Settings => continue,
            Lang::JavaScript => Process::new("node").arg("--check").arg(&path).output(),
            Lang::Php => Process::new("php").arg("-l").arg(&path).output(),
            Lang::Python => {
                let cache = tempfile::tempdir().unwrap();
                Process::new("python3")
                    .env("PYTHONPYCACHEPREFIX", cache.path())
                    .args(["-m", "py_compile"])
                    .arg(&path)
                    .output()
            }
        };
        match out {
            Ok(o) if o.status.success() => {}
            Ok(o) => problems.push(format!(
                "{}: {}{}",
                path.display(),
                String::from_utf8_lossy(&o.stdout),
                String::from_utf8_lossy(&o.stderr)
            )),
            Err(e) => problems.push(format!(
                "{}: cannot run the {} interpreter: {e}",
                path.display(),
                lang.name()
            )),
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn corpus_has_no_findings() {
    let files = corpus();
    assert!(!files.is_empty(), "no corpus files under {ROOT}");
    let mut findings = Vec::new();
    let mut suppressed = Vec::new();
    for (path, lang) in &files {
        let text = std::fs::read_to_string(path).unwrap();
        let checked = check_text(*lang, text.clone(), &Settings::default(), false)
            .unwrap_or_else(|why| panic!("{}: could not be checked: {why:?}", path.display()));
        if checked.linted.suppressed > 0 {
            suppressed.push(format!(
                "{}: {} suppressed",
                path.display(),
                checked.linted.suppressed
            ));
        }
        for f in &checked.linted.findings {
            let (line, col) = source::line_col(&text, f.range.start);
            findings.push(format!(
                "{}:{line}:{col} {} {}",
                path.display(),
                f.rule.name(),
                f.message
            ));
        }
    }
    // The corpus must pass on its own merits, not through suppression comments.
    assert!(suppressed.is_empty(), "{}", suppressed.join("\n"));
    assert!(
        findings.is_empty(),
        "{} finding(s) on non-Flexy-v2 code (precision bugs):\n{}",
        findings.len(),
        findings.join("\n")
    );
}

#[test]
fn cli_reports_nothing_on_the_corpus() {
    Command::cargo_bin("v3-migrate")
        .unwrap()
        .args(["check", ROOT, "--output-format", "concise"])
        .assert()
        .code(0);
}
