//! The fixture harness: every `fixtures/<lang>/<case>.<ext>` is checked and fixed in process.
//!
//! For each case: the findings are snapshotted (`tests/snapshots/`); the text after `--fix`
//! equals `<case>.fixed.<ext>` byte for byte; after `--fix --unsafe-fixes` it equals
//! `<case>.unsafe.<ext>` when that file exists (else `.fixed`); a second fix pass over the
//! fixed text changes nothing; the fixed text parses with no more errors than the input;
//! a rule without fixes produced none. `negative_*` cases must have zero findings, and
//! `mixed_api_*` cases none outside their marked Flexy block.
//!
//! Every JavaScript case also runs as TypeScript, as TSX, inside an HTML page's `<script>`
//! and inside a Vue component's (`derived_cases_hold_in_every_container`): the same findings
//! (lines shifted by the wrapper) and the same fixes, and the fixed TypeScript compiles.

mod common;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use v3_migrate::document;
use v3_migrate::lang::Lang;
use v3_migrate::rules::{Applicability, FixAvailability};
use v3_migrate::{check_text, source, Settings};

fn cases() -> Vec<(PathBuf, Lang)> {
    let mut out = Vec::new();
    for dir in ["js", "php", "python", "ts", "tsx", "html", "vue"] {
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
    let findings = checked.linted.findings;
    let mut s = String::new();
    if checked.linted.suppressed > 0 {
        writeln!(s, "({} suppressed)", checked.linted.suppressed).unwrap();
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
        // A `broken_` case is one: a syntax error the fixer must see (Python's indentation
        // errors included, which tree-sitter does not mark).
        if name.contains("broken_") && document::error_count(*lang, &text) == 0 {
            failures.push(format!("{name}: a broken_ fixture parses with no error"));
        }
        let snapshot = findings_snapshot(*lang, &text);
        if is_negative {
            if !snapshot.is_empty() {
                failures.push(format!(
                    "{name}: a negative fixture has findings:\n{snapshot}"
                ));
            }
            continue;
        }
        if name.contains("mixed_api_") {
            failures.extend(outside_flexy_block(*lang, &name, &text));
        }
        insta::with_settings!({ snapshot_path => "snapshots/fixtures", prepend_module_to_snapshot => false, omit_expression => true }, {
            insta::assert_snapshot!(case, snapshot);
        });
        // Declared fixability matches what rules did.
        let findings = check_text(*lang, text.clone(), &Settings::default(), false)
            .unwrap()
            .linted
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
            let errors = |t: &str| document::error_count(*lang, t);
            if errors(&got) > errors(&text) {
                failures.push(format!(
                    "{name}: the fixed text ({kind}) has new syntax errors"
                ));
            }
            if !name.contains("broken_") && errors(&got) > 0 {
                failures.push(format!("{name}: the fixed text ({kind}) does not parse"));
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

/// A `mixed_api_` case holds Flexy code between a `--- Flexy ---` and a `--- end Flexy ---`
/// comment, beside other APIs' code: a finding outside that block is a precision bug.
fn outside_flexy_block(lang: Lang, name: &str, text: &str) -> Vec<String> {
    let line_of = |marker: &str| {
        text.lines()
            .position(|l| l.trim_end().ends_with(marker))
            .map(|i| i + 1)
    };
    let (Some(start), Some(end)) = (line_of("--- Flexy ---"), line_of("--- end Flexy ---")) else {
        return vec![format!("{name}: a mixed_api_ case marks its Flexy block")];
    };
    let checked = check_text(lang, text.to_string(), &Settings::default(), false).unwrap();
    checked
        .linted
        .findings
        .iter()
        .filter_map(|f| {
            let (line, col) = source::line_col(text, f.range.start);
            (line < start || line > end).then(|| {
                format!(
                    "{name}:{line}:{col}: {} outside the Flexy block: {}",
                    f.rule.name(),
                    f.message
                )
            })
        })
        .collect()
}

/// A JavaScript case in another container: its text, and the lines the wrapper adds before.
fn wrap(lang: Lang, js: &str) -> (String, usize) {
    match lang {
        Lang::Html => (
            format!("<!doctype html>\n<html>\n<body>\n<script>\n{js}</script>\n</body>\n</html>\n"),
            4,
        ),
        Lang::Vue => (
            format!("<template>\n  <div>{{{{ status }}}}</div>\n</template>\n\n<script>\n{js}</script>\n"),
            5,
        ),
        _ => (js.to_string(), 0),
    }
}

/// Each finding as `line rule [fix] message`, its line moved up by `shift`.
fn shifted(lang: Lang, text: &str, shift: usize) -> Vec<String> {
    let checked = check_text(lang, text.to_string(), &Settings::default(), false).unwrap();
    checked
        .linted
        .findings
        .iter()
        .map(|f| {
            let (line, col) = source::line_col(text, f.range.start);
            let fix = f.fix.as_ref().map_or("none", |x| x.applicability.name());
            format!(
                "{}:{col} {} [{fix}] {}",
                line - shift,
                f.rule.name(),
                f.message
            )
        })
        .collect()
}

#[test]
fn derived_cases_hold_in_every_container() {
    let tmp = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    let mut typescript = Vec::new();
    let mut count = 0;
    for (path, lang) in cases() {
        let file = path.file_name().unwrap().to_string_lossy().to_string();
        if lang != Lang::JavaScript || file.starts_with("broken_") {
            continue;
        }
        let js = std::fs::read_to_string(&path).unwrap();
        assert!(!js.contains("</script"), "{file}");
        let want = shifted(Lang::JavaScript, &js, 0);
        for target in [Lang::TypeScript, Lang::Tsx, Lang::Html, Lang::Vue] {
            count += 1;
            let name = format!("{file} as {}", target.name());
            let (text, shift) = wrap(target, &js);
            let got = shifted(target, &text, shift);
            if got != want {
                failures.push(format!(
                    "{name}: findings differ:\n  want {want:#?}\n  got {got:#?}"
                ));
                continue;
            }
            for (kind, threshold) in [
                ("fixed", Applicability::Safe),
                ("unsafe", Applicability::Unsafe),
            ] {
                let expected = sibling(&path, kind);
                let expected = if expected.exists() {
                    expected
                } else {
                    sibling(&path, "fixed")
                };
                if !expected.exists() {
                    continue;
                }
                let mut js_fixed = std::fs::read_to_string(&expected).unwrap();
                if target.is_typescript() {
                    js_fixed = as_typescript(&js_fixed);
                }
                let (want_fixed, _) = wrap(target, &js_fixed);
                let got_fixed = fixed(target, &text, threshold);
                if got_fixed != want_fixed {
                    failures.push(format!(
                        "{name}: --fix ({kind}) differs from the wrapped {}",
                        expected.display()
                    ));
                    continue;
                }
                if document::error_count(target, &got_fixed) > 0 {
                    failures.push(format!("{name}: the fixed text ({kind}) does not parse"));
                }
                if target.is_typescript() {
                    let ext = if target == Lang::Tsx { "tsx" } else { "ts" };
                    let out = tmp.path().join(format!("{file}.{kind}.{ext}"));
                    std::fs::write(&out, &got_fixed).unwrap();
                    typescript.push(out);
                }
            }
        }
    }
    assert!(count >= 100, "only {count} derived cases");
    failures.extend(common::typescript_errors(&typescript));
    assert!(
        failures.is_empty(),
        "{} failures:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

/// A JavaScript fixture's expected output as the TypeScript fix writes it: the error a
/// wrapper raises is built in one typed object (an `Error` has no `code` in TypeScript),
/// and the `.then` callback the fix adds types its parameter.
fn as_typescript(js: &str) -> String {
    let lines: Vec<&str> = js.split_inclusive('\n').collect();
    let mut out = String::new();
    let mut k = 0;
    let indent = |l: &str| l.len() - l.trim_start().len();
    while k < lines.len() {
        let l = lines[k];
        let t = l.trim_start();
        // `const error = new Error(...)` (or `error2`, when the function has an `error`; or
        // the program's own class, `new ApiError(...)`).
        let raised = t
            .strip_prefix("const error")
            .map(|r| r.trim_start_matches(|c: char| c.is_ascii_digit()))
            .and_then(|r| r.strip_prefix(" = new "))
            .and_then(|r| r.split_once('('))
            .filter(|(class, rest)| {
                !class.is_empty()
                    && class.chars().all(|c| c.is_alphanumeric() || c == '_')
                    && rest.contains(".error.message")
            });
        if let Some((class, rest)) = raised {
            let r = rest
                .trim_end()
                .trim_end_matches(");")
                .trim_end_matches(".error.message");
            let i = &l[..indent(l)];
            let outer = indent(lines[k - 1]);
            let u = &l[outer..indent(l)];
            // The case's own line ending (a CRLF case stays CRLF).
            let n = if l.ends_with("\r\n") { "\r\n" } else { "\n" };
            out.push_str(&format!(
                "{i}throw Object.assign(new {class}({r}.error.message), {{{n}{i}{u}code: {r}.error.code,{n}{i}{u}details: {r}.error.details,{n}{i}{u}requestId: {r}.requestId,{n}{i}}});{n}"
            ));
            // `error.code = ...`, `.details`, `.requestId`, `throw error;`
            k += 5;
            continue;
        }
        let next = lines.get(k + 1).copied().unwrap_or("");
        let added_then = t.contains(".then((") && t.trim_end().ends_with(") => {");
        if added_then {
            let v: String = t[t.rfind(".then((").unwrap() + 7..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if next.contains(&format!("!{v}.success")) || next.contains(&format!("return {v}.data"))
            {
                out.push_str(&l.replacen(
                    &format!(".then(({v}) => {{"),
                    &format!(".then(({v}: any) => {{"),
                    1,
                ));
                k += 1;
                continue;
            }
        }
        out.push_str(l);
        k += 1;
    }
    out
}

/// What needs a human is still said after `--fix`: a finding without a fix whose code the
/// fixes did not touch stays among the findings, at its new place.
#[test]
fn findings_without_a_fix_survive_the_fix() {
    for path in [
        "fixtures/js/v3_read_the_v2_way.js",
        "fixtures/js/response_escape.js",
    ] {
        let path = Path::new(path);
        let lang = Lang::from_path(path).unwrap();
        let text = std::fs::read_to_string(path).unwrap();
        let before = check_text(lang, text.clone(), &Settings::default(), false).unwrap();
        let after = check_text(lang, text.clone(), &Settings::default(), true).unwrap();
        let manual: Vec<(&str, &str)> = before
            .linted
            .findings
            .iter()
            .filter(|f| f.fix.is_none())
            .map(|f| (f.rule.name(), &text[f.range.clone()]))
            .collect();
        assert!(!manual.is_empty(), "{}", path.display());
        for (rule, matched) in manual {
            assert!(
                after
                    .linted
                    .findings
                    .iter()
                    .any(|f| f.rule.name() == rule && &after.text[f.range.clone()] == matched),
                "{}: `{rule}` on `{matched}` is gone after --fix",
                path.display()
            );
        }
    }
}
