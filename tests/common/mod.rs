//! What the CLI tests share: the binary run in a folder, and a temporary project.

#![allow(dead_code)]

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use tempfile::TempDir;

/// `v3-migrate`, run in `dir`.
pub fn cmd(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("v3-migrate").unwrap();
    c.current_dir(dir);
    c
}

/// A temporary folder holding `files` (relative names, folders created).
pub fn project(files: &[(&str, &[u8])]) -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, content) in files {
        let p = dir.path().join(name);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, content).unwrap();
    }
    dir
}

/// [`project`] with text files.
pub fn text_project(files: &[(&str, &str)]) -> TempDir {
    let files: Vec<(&str, &[u8])> = files.iter().map(|(n, c)| (*n, c.as_bytes())).collect();
    project(&files)
}

/// The TypeScript compiler package (a `node_modules/typescript` folder): from
/// `V3_MIGRATE_TYPESCRIPT`, which `.ci/run` sets after installing it from the npm registry.
pub fn typescript() -> Option<std::path::PathBuf> {
    let dir = std::path::PathBuf::from(std::env::var_os("V3_MIGRATE_TYPESCRIPT")?);
    dir.join("package.json").exists().then_some(dir)
}

/// Checks TypeScript and TSX files compile (syntax only: `ts.transpileModule` with its
/// diagnostics, as a build would transpile them, then node's parser over the JavaScript it
/// emits, which refuses what the transpiler lets through); without the compiler, that tree-sitter
/// parses them with no error. CI must have the compiler: there a missing one fails.
pub fn typescript_errors(paths: &[std::path::PathBuf]) -> Vec<String> {
    if paths.is_empty() {
        return Vec::new();
    }
    let Some(ts) = typescript() else {
        assert!(
            std::env::var("CI").is_err(),
            "CI runs the TypeScript compiler: set V3_MIGRATE_TYPESCRIPT (see .ci/run)"
        );
        eprintln!("TypeScript compiler not found (V3_MIGRATE_TYPESCRIPT): tree-sitter parse only");
        return paths
            .iter()
            .filter_map(|p| {
                let lang = v3_migrate::lang::Lang::from_path(p)?;
                let text = fs::read_to_string(p).ok()?;
                let tree = v3_migrate::source::parse(lang, &text)?;
                tree.root_node()
                    .has_error()
                    .then(|| format!("{}: does not parse", p.display()))
            })
            .collect();
    };
    const SCRIPT: &str = r#"
const ts = require(process.argv[1]);
const fs = require("fs");
const vm = require("vm");
let failed = 0;
for (const f of process.argv.slice(2)) {
  const out = ts.transpileModule(fs.readFileSync(f, "utf8"), {
    fileName: f,
    reportDiagnostics: true,
    compilerOptions: { jsx: ts.JsxEmit.Preserve, target: ts.ScriptTarget.ES2022 },
  });
  for (const d of out.diagnostics) {
    failed++;
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    console.log(`${f}:${line + 1}:${character + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`);
  }
  if (out.diagnostics.length) continue;
  // What the transpiler lets through (a declaration as a braceless `if` body, a `const`
  // declared twice), node's own parser refuses: the JavaScript it emits is compiled too.
  const js = ts.transpileModule(fs.readFileSync(f, "utf8"), {
    fileName: f,
    compilerOptions: { jsx: ts.JsxEmit.React, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
  });
  try {
    new vm.SourceTextModule(js.outputText, { identifier: f });
  } catch (e) {
    failed++;
    console.log(`${f}: the emitted JavaScript does not compile: ${e.message}`);
  }
}
process.exit(failed ? 1 : 0);
"#;
    let out = std::process::Command::new("node")
        .args(["--experimental-vm-modules", "--no-warnings", "-e"])
        .arg(SCRIPT)
        .arg(&ts)
        .args(paths)
        .output()
        .expect("node runs");
    if out.status.success() {
        Vec::new()
    } else {
        vec![format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )]
    }
}
