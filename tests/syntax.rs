//! Fixed files must still parse with the real interpreters: `node --check`, `php -l`,
//! `python3 -m py_compile`. Covers every expected output in fixtures/ and the tool's own
//! output on the bundled examples.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

/// TypeScript files, checked in one batch by the TypeScript compiler (see `common`).
fn is_typescript(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| matches!(e.to_str(), Some("ts" | "mts" | "cts" | "tsx")))
}

/// Every file's check: the interpreters one by one, the TypeScript ones together; the
/// scripts of HTML pages, Vue components and PHP templates too.
fn check_all(paths: &[&PathBuf]) -> Vec<String> {
    let scripts = tempfile::tempdir().unwrap();
    let mut all: Vec<PathBuf> = paths.iter().map(|p| (*p).clone()).collect();
    for p in paths {
        all.extend(script_blocks(p, scripts.path()));
    }
    let (ts, other): (Vec<PathBuf>, Vec<PathBuf>) = all.into_iter().partition(|p| is_typescript(p));
    let mut errors: Vec<String> = other
        .iter()
        .filter_map(|p| interpreter_check(p).err())
        .collect();
    errors.extend(common::typescript_errors(&ts));
    errors
}

/// The `<script>` blocks of an HTML, Vue or PHP file, each written to a file of its own in
/// `dir` (the file's text with everything outside the block blanked, as the analysis reads
/// it), named after the file and the block's language.
fn script_blocks(path: &Path, dir: &Path) -> Vec<PathBuf> {
    let Some(lang) = v3_migrate::lang::Lang::from_path(path) else {
        return Vec::new();
    };
    if !matches!(
        lang,
        v3_migrate::lang::Lang::Html | v3_migrate::lang::Lang::Vue | v3_migrate::lang::Lang::Php
    ) {
        return Vec::new();
    }
    let text = std::fs::read_to_string(path).unwrap();
    let Ok(doc) = v3_migrate::document::Document::parse(lang, &text) else {
        return Vec::new();
    };
    let name = path
        .file_name()
        .unwrap()
        .to_string_lossy()
        .replace('.', "_");
    doc.sources
        .iter()
        .filter(|s| s.lang.is_js_family())
        .enumerate()
        .map(|(k, s)| {
            let ext = if s.lang.is_typescript() { "ts" } else { "js" };
            let out = dir.join(format!("{name}_script{k}.{ext}"));
            std::fs::write(&out, &s.text).unwrap();
            out
        })
        .collect()
}

fn interpreter_check(path: &Path) -> Result<(), String> {
    let ext = path.extension().unwrap().to_string_lossy().to_string();
    let out = match ext.as_str() {
        // A classic script, else a module (`import` in a `<script type="module">`).
        "js" | "mjs" | "cjs" => Command::new("node")
            .arg("--check")
            .arg(path)
            .output()
            .and_then(|out| {
                if out.status.success() || ext != "js" {
                    return Ok(out);
                }
                let module = path.with_extension("mjs");
                std::fs::copy(path, &module)?;
                Command::new("node").arg("--check").arg(&module).output()
            }),
        "php" => Command::new("php").arg("-l").arg(path).output(),
        "py" => {
            let cache = tempfile::tempdir().unwrap();
            Command::new("python3")
                .env("PYTHONPYCACHEPREFIX", cache.path())
                .args(["-m", "py_compile"])
                .arg(path)
                .output()
        }
        _ => return Ok(()),
    };
    let out = out.map_err(|e| {
        format!(
            "{}: cannot run the interpreter for .{ext} files: {e}",
            path.display()
        )
    })?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{}: {}{}",
            path.display(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else {
            out.push(p);
        }
    }
}

#[test]
fn expected_outputs_parse() {
    let mut all = Vec::new();
    files(Path::new("fixtures"), &mut all);
    let wanted: Vec<&PathBuf> = all
        .iter()
        .filter(|p| {
            let n = p.file_name().unwrap().to_string_lossy();
            // `broken_*` inputs do not parse (fuzzer finds, syntax-error cases): their
            // outputs may not either; the harness checks they get no new error.
            !n.starts_with("broken_")
                && (n.contains(".fixed.") || n.contains(".unsafe.") || n.starts_with("negative_"))
        })
        .collect();
    assert!(wanted.len() > 60, "{}", wanted.len());
    let errors = check_all(&wanted);
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

#[test]
fn fixed_examples_parse() {
    let tmp = tempfile::tempdir().unwrap();
    let copy = tmp.path().join("examples");
    let mut all = Vec::new();
    files(Path::new("examples"), &mut all);
    for f in &all {
        let dest = copy.join(f.strip_prefix("examples").unwrap());
        std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
        std::fs::copy(f, dest).unwrap();
    }
    let status = assert_cmd::Command::cargo_bin("v3-migrate")
        .unwrap()
        .args([
            "check",
            "--fix",
            "--unsafe-fixes",
            "--output-format",
            "concise",
        ])
        .arg(&copy)
        .output()
        .unwrap();
    assert!(
        status.status.code() != Some(2),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let mut fixed = Vec::new();
    files(&copy, &mut fixed);
    // The fixes were applied: no v2 host is left in the sources.
    let sources: Vec<&PathBuf> = fixed
        .iter()
        .filter(|p| p.extension().is_none_or(|e| e != "md"))
        .collect();
    assert!(sources.len() >= 6, "{}", sources.len());
    for p in &sources {
        let text = std::fs::read_to_string(p).unwrap();
        assert!(
            !text.contains("flexy-api.oneclickdz.com"),
            "{} still holds the v2 host",
            p.display()
        );
    }
    let fixed: Vec<&PathBuf> = fixed.iter().collect();
    let errors = check_all(&fixed);
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

/// The check catches what tree-sitter lets through: each interpreter rejects a file its
/// tree-sitter grammar parses with no error (the shapes of a wrapper fix in a braceless `if`,
/// in a one-line Python `if`), so a `.fixed` file like them fails `expected_outputs_parse`.
#[test]
fn the_interpreters_reject_what_tree_sitter_accepts() {
    let tmp = tempfile::tempdir().unwrap();
    let cases = [
        // A declaration as the body of a braceless `if`: a SyntaxError in node.
        ("a.js", "async function f(r, x) {\n  if (x) const result = await r.json();\n  return result;\n}\n"),
        ("a.ts", "async function f(r: any, x: boolean) {\n  if (x) const result = await r.json();\n  return result;\n}\n"),
        // Two `const` of one name in one block.
        ("b.js", "async function f(r) {\n  const result = 1;\n  const result = 2;\n  return result;\n}\n"),
        // Python: a statement indented after a one-line `if`.
        ("a.py", "def f(r, x):\n    if x: a = r.json()\n        return a\n"),
        // PHP: what only the compiler refuses.
        ("a.php", "<?php\nfunction f() {\n    $this = 1;\n}\n"),
    ];
    let mut accepted = Vec::new();
    for (name, text) in cases {
        let path = tmp.path().join(name);
        std::fs::write(&path, text).unwrap();
        let lang = v3_migrate::lang::Lang::from_path(&path).unwrap();
        assert!(
            !v3_migrate::source::parse(lang, text)
                .unwrap()
                .root_node()
                .has_error(),
            "{name}: tree-sitter should accept it"
        );
        let errors = if is_typescript(&path) {
            common::typescript_errors(std::slice::from_ref(&path))
        } else {
            interpreter_check(&path).err().into_iter().collect()
        };
        if errors.is_empty() {
            accepted.push(name);
        }
    }
    assert!(accepted.is_empty(), "accepted: {accepted:?}");
    // The scripts of pages, components and templates are checked with them.
    let blocks = [
        ("page.html", "<!doctype html>\n<script>\nif (x) const a = 1;\n</script>\n"),
        ("Comp.vue", "<template><p/></template>\n<script setup lang=\"ts\">\nlet x: number = 1;\nif (x) const a = 1;\n</script>\n"),
        ("tpl.php", "<?php $k = 1; ?>\n<script>\nvar k = \"<?= $k ?>\";\nif (k) const a = 1;\n</script>\n"),
    ];
    for (name, text) in blocks {
        let path = tmp.path().join(name);
        std::fs::write(&path, text).unwrap();
        assert_eq!(check_all(&[&path]).len(), 1, "{name}");
        let fine = text
            .replace("if (k) const a = 1;", "")
            .replace("if (x) const a = 1;", "");
        std::fs::write(&path, fine).unwrap();
        assert_eq!(check_all(&[&path]), Vec::<String>::new(), "{name}");
    }
}
