//! The packages and hooks agree with the tool: the pre-commit hooks' `files:` pattern is
//! the extension table's, the README's hook snippet names the version being built, and the
//! minimum Rust version is the one the locked dependencies need.

use std::path::Path;

use v3_migrate::lang::{files_pattern, Lang, KINDS};

fn read(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path))
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The value of every `files:` line (YAML, any indentation).
fn files_lines(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|l| l.trim_start().strip_prefix("files: "))
        .map(|v| v.trim().to_string())
        .collect()
}

#[test]
fn the_hooks_files_pattern_is_the_extension_table() {
    let hooks = read(".pre-commit-hooks.yaml");
    let lines = files_lines(&hooks);
    assert_eq!(lines.len(), 2, "two hooks, one files: line each");
    for l in &lines {
        assert_eq!(
            *l,
            files_pattern(),
            "regenerate from v3_migrate::lang::files_pattern"
        );
    }
    let readme = read("README.md");
    let shown = files_lines(&readme);
    assert!(!shown.is_empty(), "the README shows the local hook");
    for l in &shown {
        assert_eq!(*l, files_pattern(), "the README's pre-commit snippet");
    }
}

#[test]
fn the_pattern_takes_every_file_the_tool_reads_and_nothing_else() {
    // pre-commit matches with Python's `re.search`; the pattern uses only what both
    // engines read alike (an inline flag, a group of literals, an anchor).
    let re = regex::Regex::new(&files_pattern()).unwrap();
    for kind in KINDS {
        for ext in kind.extensions {
            for name in [
                format!("src/a.{ext}"),
                format!("A.{}", ext.to_uppercase()),
                format!("deep/dir.x/b.min.{ext}"),
            ] {
                assert!(re.is_match(&name), "{name} is read and must be passed");
                assert_eq!(Lang::from_path(Path::new(&name)), Some(kind.lang), "{name}");
            }
        }
    }
    for name in [
        "a.json",
        "a.md",
        "a.js.map",
        "a.pyc",
        "a.phps",
        "README",
        "a.tsx.bak",
    ] {
        assert!(
            !re.is_match(name),
            "{name} is not read and must not be passed"
        );
        assert!(Lang::from_path(Path::new(name)).is_none(), "{name}");
    }
}

fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

#[test]
fn the_readme_installs_the_version_built() {
    let readme = read("README.md");
    assert!(
        readme.contains(&format!("\"v3-migrate=={}\"", version())),
        "the README's pre-commit snippet pins the wheel of this version"
    );
    // The npm packages take the version from Cargo.toml when they are built.
    for p in [
        "packaging/npm/v3-migrate/package.json",
        "packaging/npm/platform/package.json",
    ] {
        assert!(read(p).contains("\"version\": \"@VERSION@\""), "{p}");
    }
    // The wheel takes it from Cargo.toml too (maturin).
    assert!(read("pyproject.toml").contains("dynamic = [\"version\"]"));
}

#[test]
fn the_minimum_rust_version_is_what_the_lockfile_needs() {
    // The packages built here (offline: the lockfile's packages for other platforms are
    // not downloaded).
    let rustc = std::process::Command::new(std::env::var("RUSTC").unwrap_or("rustc".into()))
        .arg("-vV")
        .output()
        .expect("rustc runs");
    let host = String::from_utf8_lossy(&rustc.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("host: ").map(str::to_string))
        .expect("rustc -vV names the host");
    let out = std::process::Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1", "--locked", "--offline"])
        .args(["--filter-platform", &host])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo metadata runs");
    assert!(
        out.status.success(),
        "cargo metadata: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let parse = |v: &str| -> (u64, u64) {
        let mut it = v.split('.').map(|x| x.parse::<u64>().unwrap_or(0));
        (it.next().unwrap_or(0), it.next().unwrap_or(0))
    };
    let mut needed = ((0, 0), String::new());
    let mut ours = None;
    for p in meta["packages"].as_array().unwrap() {
        let Some(rv) = p["rust_version"].as_str() else {
            continue;
        };
        if p["name"] == "v3-migrate" {
            ours = Some(parse(rv));
            continue;
        }
        if parse(rv) > needed.0 {
            needed = (parse(rv), format!("{} {}", p["name"], p["version"]));
        }
    }
    let ours = ours.expect("Cargo.toml sets rust-version");
    assert_eq!(
        ours, needed.0,
        "rust-version in Cargo.toml must be what the lockfile needs: {:?} ({})",
        needed.0, needed.1
    );
}
