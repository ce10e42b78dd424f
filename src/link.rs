//! Files of one run that import each other: the first, coarse step of the project-wide
//! analysis. Until a body is followed across files, code in one file that reads what
//! another returns is code the tool sees but does not follow, so the migration units of
//! files linked by imports move together or not at all.
//!
//! The imports are read from the text (`require("./flexy")`, `import ... from "./flexy"`,
//! `require __DIR__ . '/src/Client.php'`, `use Shop\Flexy\Client;`, `from flexy import
//! get`, `import flexy`) and resolved to files of the run by path, the way the languages'
//! own loaders would for relative paths, next to the importer or below a path given.
//!
//! Owns: finding and resolving imports, the components. Not: what is held back (`run`,
//! `lib::lint` through `Settings::callers_elsewhere` and `Settings::link`).

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{LazyLock, Mutex};

use aho_corasick::AhoCorasick;
use regex::Regex;

use crate::lang::Lang;

/// How the files with findings of a run are linked by imports.
#[derive(Debug, Default)]
pub struct Links {
    /// Per file with findings: whether another file of the run imports it.
    pub imported: Vec<bool>,
    /// Per file with findings: its component among the files with findings (the index of
    /// its first file); files alone are their own component.
    pub component: Vec<usize>,
    /// Every file of the run that imports files with findings and writes a host-less v2
    /// path (a string starting with `/v2/` or `v2/`; with or without findings of its own),
    /// with the indices of those it imports.
    pub importers: Vec<(PathBuf, Lang, Vec<usize>)>,
}

/// Links the files with findings (`files`) through the imports of every file of the run
/// (`walked`, which includes them). Files are read again only when their text names one of
/// `files` (by file stem, or folder for an `index`/`__init__` file); larger files than
/// `max_size` bytes are not read.
pub fn link(files: &[(PathBuf, Lang)], walked: &[(PathBuf, Lang)], max_size: u64) -> Links {
    let n = files.len();
    let mut links = Links {
        imported: vec![false; n],
        component: (0..n).collect(),
        importers: Vec::new(),
    };
    if n == 0 || walked.len() < 2 {
        return links;
    }
    let index: HashMap<PathBuf, usize> = files
        .iter()
        .enumerate()
        .map(|(i, (p, _))| (normal(p), i))
        .collect();
    let names: Vec<String> = files.iter().map(|(p, _)| module_name(p)).collect();
    let Ok(needles) = AhoCorasick::new(&names) else {
        return links;
    };
    let roots: Vec<PathBuf> = common_roots(walked);
    let families: Vec<Family> = files.iter().map(|(_, l)| family(*l)).collect();
    // What one file imports among `files`, and whether it writes a v2 path.
    let scan = |path: &Path, lang: Lang| -> Option<(Vec<usize>, bool)> {
        if !families.contains(&family(lang)) {
            return None;
        }
        if std::fs::metadata(path).map_or(true, |m| m.len() > max_size) {
            return None;
        }
        let bytes = std::fs::read(path).ok()?;
        if !needles.is_match(&bytes) {
            return None;
        }
        let text = String::from_utf8_lossy(&bytes);
        let me = index.get(&normal(path)).copied();
        let mut targets: Vec<usize> = Vec::new();
        for alternatives in imports(lang, &text, path, &roots) {
            let t = alternatives.iter().find_map(|target| match target {
                Target::Path(p) => index.get(&normal(p)).copied(),
                Target::Class(class) => files.iter().position(|(p, l)| {
                    *l == Lang::Php && p.file_stem().is_some_and(|s| s == class.as_str())
                }),
            });
            if let Some(t) = t.filter(|t| Some(*t) != me && !targets.contains(t)) {
                targets.push(t);
            }
        }
        (!targets.is_empty()).then(|| (targets, V2_PATH.is_match(&text)))
    };
    // Read on every core: the files were read once by the walk, and are in the page cache.
    let next = AtomicUsize::new(0);
    let found: Mutex<Vec<(usize, Vec<usize>, bool)>> = Mutex::new(Vec::new());
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| loop {
                let w = next.fetch_add(1, Ordering::Relaxed);
                let Some((path, lang)) = walked.get(w) else {
                    break;
                };
                if let Some((targets, v2)) = scan(path, *lang) {
                    found.lock().unwrap().push((w, targets, v2));
                }
            });
        }
    });
    let mut found = found.into_inner().unwrap();
    found.sort_by_key(|(w, _, _)| *w);
    let mut parent: Vec<usize> = (0..n).collect();
    for (w, targets, v2) in found {
        let (path, lang) = &walked[w];
        let me = index.get(&normal(path)).copied();
        for &t in &targets {
            links.imported[t] = true;
            if let Some(me) = me {
                union(&mut parent, me, t);
            }
        }
        if v2 {
            links.importers.push((path.clone(), *lang, targets));
        }
    }
    for i in 0..n {
        links.component[i] = find(&mut parent, i);
    }
    links
}

fn find(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (a, b) = (find(parent, a), find(parent, b));
    if a != b {
        parent[a.max(b)] = a.min(b);
    }
}

#[derive(PartialEq, Eq)]
enum Family {
    Script,
    Php,
    Python,
}

fn family(lang: Lang) -> Family {
    if lang.is_js_family() {
        Family::Script
    } else if lang == Lang::Php {
        Family::Php
    } else {
        Family::Python
    }
}

/// The name an import of this file shows: its stem, or its folder's name for an
/// `index.js` or `__init__.py`.
fn module_name(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if stem == "index" || stem == "__init__" {
        if let Some(dir) = path.parent().and_then(Path::file_name) {
            return dir.to_string_lossy().into_owned();
        }
    }
    stem
}

/// The folders the walked files are below: where absolute Python imports and PHP paths
/// without a folder are also looked for.
fn common_roots(walked: &[(PathBuf, Lang)]) -> Vec<PathBuf> {
    let mut roots: Vec<PathBuf> = Vec::new();
    for (p, _) in walked {
        let top = p
            .components()
            .take_while(|c| !matches!(c, Component::Normal(_)))
            .chain(p.components().find(|c| matches!(c, Component::Normal(_))))
            .collect::<PathBuf>();
        let root = if top == *p {
            PathBuf::from(".")
        } else {
            top.parent().map(Path::to_path_buf).unwrap_or_default()
        };
        if !roots.contains(&root) {
            roots.push(root);
        }
    }
    roots
}

/// A path without `.` and with `..` applied, for comparing.
fn normal(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// A string that starts with a v2 path (`"/v2/...`, `'v2/...`): what a caller of a client
/// module passes it. A URL with a host (`"https://.../v2/"`) is not one.
static V2_PATH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"["'`]/?v2/"#).expect("a valid pattern"));
static JS_IMPORT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?:\brequire\s*\(\s*|\bimport\s*\(\s*|\bfrom\s*|\bimport\s+)['"](\.{1,2}/[^'"]*)['"]"#,
    )
    .expect("a valid pattern")
});
static PHP_INCLUDE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"\b(?:require|include)(?:_once)?\b\s*\(?\s*(?:(?:__DIR__|dirname\s*\(\s*__FILE__\s*\))\s*\.\s*)?['"]([^'"]+\.php)['"]"#,
    )
    .expect("a valid pattern")
});
static PHP_USE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)^\s*use\s+\\?((?:\w+\\)*\w+)(?:\s+as\s+\w+)?\s*;").expect("a valid pattern")
});
static PY_FROM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)^\s*from\s+(\.*)([\w.]*)\s+import\s+\(?\s*([\w\s,]+)")
        .expect("a valid pattern")
});
static PY_IMPORT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)^\s*import\s+([\w.]+(?:\s+as\s+\w+)?(?:\s*,\s*[\w.]+(?:\s+as\s+\w+)?)*)")
        .expect("a valid pattern")
});

const SCRIPT_EXTENSIONS: &[&str] = &["js", "mjs", "cjs", "jsx", "ts", "mts", "cts", "tsx", "vue"];

/// What an import names.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    /// A file, by every path the import could resolve to.
    Path(PathBuf),
    /// A PHP class (`use Shop\Flexy\FlexyClient;`), autoloaded from a file of its name.
    Class(String),
}

/// What `text` (the file at `path`) imports: per import, the targets it may resolve to,
/// the likeliest first (next to the importer before below a path given); the caller keeps
/// the first that is a file of the run.
pub fn imports(lang: Lang, text: &str, path: &Path, roots: &[PathBuf]) -> Vec<Vec<Target>> {
    let dir = path.parent().unwrap_or(Path::new(""));
    let mut out: Vec<Vec<Target>> = Vec::new();
    let near_then_roots = |dir: &Path| -> Vec<PathBuf> {
        std::iter::once(dir.to_path_buf())
            .chain(roots.iter().cloned())
            .collect()
    };
    match family(lang) {
        Family::Script => {
            for c in JS_IMPORT.captures_iter(text) {
                let base = dir.join(&c[1]);
                let mut alternatives = vec![Target::Path(base.clone())];
                // `./flexy.js` written for `flexy.ts`.
                let stemmed = base.with_extension("");
                for ext in SCRIPT_EXTENSIONS {
                    alternatives.push(Target::Path(PathBuf::from(format!(
                        "{}.{ext}",
                        base.display()
                    ))));
                    alternatives.push(Target::Path(stemmed.with_extension(ext)));
                    alternatives.push(Target::Path(base.join(format!("index.{ext}"))));
                }
                out.push(alternatives);
            }
        }
        Family::Php => {
            for c in PHP_INCLUDE.captures_iter(text) {
                let relative = c[1].trim_start_matches('/');
                out.push(
                    near_then_roots(dir)
                        .into_iter()
                        .map(|b| Target::Path(b.join(relative)))
                        .collect(),
                );
            }
            // `use Shop\Flexy\FlexyClient;`: an autoloaded class, in a file of its name.
            for c in PHP_USE.captures_iter(text) {
                let class = c[1].rsplit('\\').next().unwrap_or_default().to_string();
                out.push(vec![Target::Class(class)]);
            }
        }
        Family::Python => {
            let module = |bases: &[PathBuf], dotted: &str| -> Vec<Target> {
                let rel: PathBuf = dotted.split('.').filter(|s| !s.is_empty()).collect();
                bases
                    .iter()
                    .flat_map(|b| {
                        [
                            Target::Path(b.join(&rel).with_extension("py")),
                            Target::Path(b.join(&rel).join("__init__.py")),
                        ]
                    })
                    .collect()
            };
            for c in PY_FROM.captures_iter(text) {
                let dots = c[1].len();
                let bases: Vec<PathBuf> = if dots > 0 {
                    let mut b = dir.to_path_buf();
                    for _ in 1..dots {
                        b.push("..");
                    }
                    vec![b]
                } else {
                    near_then_roots(dir)
                };
                out.push(module(&bases, &c[2]));
                // `from pkg import mod`: a module of the package.
                for name in c[3].split(',') {
                    let name = name.split_whitespace().next().unwrap_or_default();
                    if !name.is_empty() {
                        out.push(module(&bases, &format!("{}.{name}", &c[2])));
                    }
                }
            }
            for c in PY_IMPORT.captures_iter(text) {
                for part in c[1].split(',') {
                    let name = part.split_whitespace().next().unwrap_or_default();
                    out.push(module(&near_then_roots(dir), name));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, files: &[(&str, &str)]) -> Vec<(PathBuf, Lang)> {
        files
            .iter()
            .map(|(name, text)| {
                let path = dir.join(name);
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(&path, text).unwrap();
                let lang = Lang::from_path(&path).unwrap();
                (path, lang)
            })
            .collect()
    }

    /// Links `files[..with]` (the files with findings) through every file.
    fn links(files: &[(&str, &str)], with: usize) -> Links {
        let dir = tempfile::tempdir().unwrap();
        let walked = write(dir.path(), files);
        link(&walked[..with], &walked, 1_000_000)
    }

    #[test]
    fn script_imports_by_relative_path_with_or_without_extension() {
        let l = links(
            &[
                ("flexy.js", "module.exports = {};"),
                ("lib/client.ts", "export const c = 1;"),
                (
                    "main.js",
                    "const f = require('./flexy');\nimport { c } from \"./lib/client.js\";",
                ),
                (
                    "other.js",
                    "const flexy = require('flexy'); // a package, not the file",
                ),
            ],
            3,
        );
        assert_eq!(l.imported, vec![true, true, false]);
        assert_eq!(l.component, vec![0, 0, 0]);
    }

    #[test]
    fn php_includes_and_autoloaded_classes() {
        let l = links(
            &[
                ("src/FlexyClient.php", "<?php class FlexyClient {}"),
                ("src/Sms.php", "<?php class Sms {}"),
                (
                    "main.php",
                    "<?php\nrequire __DIR__ . '/src/FlexyClient.php';\n",
                ),
                ("jobs.php", "<?php\nuse Shop\\Notify\\Sms;\n"),
            ],
            4,
        );
        assert_eq!(l.imported, vec![true, true, false, false]);
        assert_eq!(l.component, vec![0, 1, 0, 1]);
    }

    #[test]
    fn python_absolute_relative_and_package_imports() {
        let l = links(
            &[
                ("flexy.py", "KEY = 1"),
                ("pkg/client.py", "X = 1"),
                ("pkg/jobs.py", "from .client import X"),
                ("main.py", "import flexy\nfrom pkg import client\n"),
                ("alone.py", "import json"),
            ],
            5,
        );
        assert_eq!(l.imported, vec![true, true, false, false, false]);
        assert_eq!(l.component[0], l.component[3]);
        assert_eq!(l.component[1], l.component[2]);
        assert_eq!(l.component[1], l.component[3]);
        assert_eq!(l.component[4], 4);
    }

    #[test]
    fn an_importer_without_findings_still_makes_its_import_imported() {
        // main.js has nothing Flexy of its own: the client module is imported all the same.
        let l = links(
            &[
                ("client.js", "module.exports = {};"),
                ("main.js", "const { Client } = require(\"./client\");"),
            ],
            1,
        );
        assert_eq!(l.imported, vec![true]);
    }

    #[test]
    fn a_file_alone_is_not_imported() {
        let l = links(&[("a.js", "x"), ("b.js", "y")], 2);
        assert_eq!(l.imported, vec![false, false]);
        assert_eq!(l.component, vec![0, 1]);
    }
}
