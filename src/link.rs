//! Files of one run that import each other: until a body is followed across files, code in
//! one file that reads what another returns is code the tool sees but does not follow, so
//! the migration units of files linked by imports move together or not at all.
//!
//! Imports are read from each file's own syntax ([`crate::project::facts_of`]) and resolved
//! by the languages' rules ([`crate::project::ModuleGraph`]). Only the files that may import
//! a file with findings are parsed for it: those whose text names one (its stem, or its
//! folder's name for an `index` or `__init__` file, or a PHP class it declares), found by
//! one literal scan.
//!
//! Owns: which files import which files with findings, and the components. Not: what is
//! held back (`run::linked`, through `Settings::callers_elsewhere` and `Settings::link`).

use std::path::PathBuf;
use std::sync::LazyLock;

use regex::Regex;

use crate::lang::module::{Binding, ModuleFacts, Specifier};
use crate::lang::Lang;
use crate::project::reach::{any_word, Family, Needles, Reach};
use crate::project::resolve::Resolver;
use crate::project::{self, FileId, FileTable, ModuleGraph};

/// How the files with findings of a run are linked by imports.
#[derive(Debug, Default)]
pub struct Links {
    /// Per file with findings: whether another file of the run imports it, or code outside
    /// the project may (the entry file of a published package).
    pub imported: Vec<bool>,
    /// Per file with findings: its component among the files with findings (the index of
    /// its first file); files alone are their own component.
    pub component: Vec<usize>,
    /// Every file of the run that imports files with findings and writes a host-less v2
    /// path (a string starting with `/v2/` or `v2/`; with or without findings of its own),
    /// with the indices of those it imports.
    pub importers: Vec<(PathBuf, Lang, Vec<usize>)>,
    /// Per file with findings: code outside the project may import it (the entry file of a
    /// published package), so its callers are not all known.
    pub open: Vec<bool>,
    /// Every import, by a file of the run, of a file with findings.
    pub uses: Vec<Use>,
    /// The files of the run and their manifests, as the imports were resolved in.
    pub table: FileTable,
}

/// One file's import of a file with findings.
#[derive(Clone, Debug)]
pub struct Use {
    /// The importing file, as the run walked it.
    pub path: PathBuf,
    pub lang: Lang,
    /// The index of the file imported among the files with findings.
    pub target: usize,
    /// How the import names the module (the bindings of an import read from its line
    /// alone are not known: the file is parsed for them).
    pub specifier: Specifier,
    /// What the import binds.
    pub bindings: Vec<Binding>,
    /// The importing file only re-exports it (see [`reexporters`]): its importers use it.
    pub forwards: bool,
}

/// Links the files with findings (`files`) through the imports of every file of the run
/// (`walked`, which includes them), below the paths the run was given (`roots`). Files are read again only when their text names one of
/// `files`; larger files than `max_size` bytes are not read.
pub fn link(
    files: &[(PathBuf, Lang)],
    walked: &[(PathBuf, Lang)],
    roots: &[PathBuf],
    max_size: u64,
) -> Links {
    let n = files.len();
    let mut links = Links {
        imported: vec![false; n],
        component: (0..n).collect(),
        importers: Vec::new(),
        open: vec![false; n],
        uses: Vec::new(),
        table: FileTable::default(),
    };
    if n == 0 || walked.len() < 2 {
        return links;
    }
    let table = FileTable::scan(&project::files::common_root(roots), walked);
    let with_findings: Vec<Option<FileId>> = files.iter().map(|(p, _)| table.find(p)).collect();
    let targets: Vec<FileId> = with_findings.iter().flatten().copied().collect();
    let families: Vec<Family> = targets.iter().map(|t| Family::of(table.lang(*t))).collect();
    let Some(needles) = Needles::new(&table, &targets) else {
        return links;
    };
    let read = |id: FileId| -> Option<Vec<u8>> {
        if !families.contains(&Family::of(table.lang(id))) {
            return None;
        }
        if std::fs::metadata(table.path(id)).map_or(true, |m| m.len() > max_size) {
            return None;
        }
        std::fs::read(table.path(id)).ok()
    };
    // The facts of the PHP files with findings first: a PHP class is resolved by the
    // namespace its file declares.
    let mut facts: Vec<Option<ModuleFacts>> = vec![None; table.len()];
    let mut v2 = vec![false; table.len()];
    let php: Vec<FileId> = targets
        .iter()
        .copied()
        .filter(|t| table.lang(*t) == Lang::Php)
        .collect();
    for (id, (f, writes_v2)) in on_every_core(&php, |id| {
        let bytes = read(id)?;
        let text = String::from_utf8_lossy(&bytes);
        Some((
            project::facts_of_text(table.lang(id), &text)?,
            V2_PATH.is_match(&text),
        ))
    }) {
        facts[id.0 as usize] = Some(f);
        v2[id.0 as usize] = writes_v2;
    }
    // Then every other file that reaches one of them, the files with findings included (read on every core: the files were read once
    // by the walk, and are in the page cache), parsed for its imports.
    // A published package's entry file is imported from outside the project.
    let entries = Resolver::new(&table, &facts).entry_points();
    for (t, w) in with_findings.iter().enumerate() {
        if w.is_some_and(|w| entries.contains(&w)) {
            links.imported[t] = true;
            links.open[t] = true;
        }
    }
    let others: Vec<FileId> = table.ids().filter(|id| !php.contains(id)).collect();
    let scan = |resolver: &Resolver,
                needles: &Needles,
                targets: &[FileId],
                ids: &[FileId],
                only: Option<&Regex>| {
        on_every_core(ids, |id| {
            let bytes = read(id)?;
            let text = || String::from_utf8_lossy(&bytes).into_owned();
            if only.is_some_and(|r| !r.is_match(&text())) {
                return None;
            }
            match needles.reach(resolver, id, &bytes, targets) {
                Reach::No => None,
                // Each import line read alone and resolved: the file need not be parsed.
                Reach::Imports(imports) => Some((
                    ModuleFacts {
                        imports,
                        ..ModuleFacts::default()
                    },
                    V2_PATH.is_match(&text()),
                )),
                Reach::Unsure => {
                    let text = text();
                    Some((
                        project::facts_of_text(table.lang(id), &text)?,
                        V2_PATH.is_match(&text),
                    ))
                }
            }
        })
    };
    let first = scan(
        &Resolver::new(&table, &facts),
        &needles,
        &targets,
        &others,
        None,
    );
    for (id, (f, writes_v2)) in first {
        facts[id.0 as usize] = Some(f);
        v2[id.0 as usize] = writes_v2;
    }
    // Files that re-export a file with findings (a package's `__init__.py`, an `index`
    // file, `export ... from`): their importers import it too. A second scan finds them.
    let reexports = reexporters(&table, &facts, &with_findings);
    // Only a file naming one of the names they pass on can take it through them; one that
    // passes every name on (`export * from`, `from .flexy import *`) names none, so any
    // file importing it may.
    let every = reexports.iter().any(|(_, _, n)| n.is_empty());
    let only = any_word(
        reexports
            .iter()
            .flat_map(|(_, _, n)| n.iter().map(String::as_str)),
    );
    if !reexports.is_empty() && (every || only.is_some()) {
        let only = only.filter(|_| !every);
        let via: Vec<FileId> = reexports.iter().map(|(r, ..)| *r).collect();
        if let Some(needles) = Needles::new(&table, &via) {
            let unread: Vec<FileId> = others
                .iter()
                .copied()
                .filter(|id| facts[id.0 as usize].is_none())
                .collect();
            let known = facts.clone();
            let second = scan(
                &Resolver::new(&table, &known),
                &needles,
                &via,
                &unread,
                only.as_ref(),
            );
            for (id, (f, writes_v2)) in second {
                facts[id.0 as usize] = Some(f);
                v2[id.0 as usize] = writes_v2;
            }
        }
    }
    let graph = ModuleGraph::build(&table, &facts);
    // Each file as the run walked it, by its normal path (made once: a file is named for
    // each of its imports).
    let walked_as: std::collections::HashMap<PathBuf, &PathBuf> = walked
        .iter()
        .map(|(p, _)| (project::files::normal(p), p))
        .collect();
    let original = |id: FileId| -> PathBuf {
        walked_as
            .get(table.path(id))
            .map_or_else(|| table.path(id).to_path_buf(), |p| (*p).clone())
    };
    for from in table.ids() {
        for edge in &graph.edges[from.0 as usize] {
            let crate::project::resolve::Resolution::File(to) = edge.to else {
                continue;
            };
            let target = with_findings
                .iter()
                .position(|w| *w == Some(to))
                .or_else(|| {
                    reexports
                        .iter()
                        .find(|(r, ..)| *r == to)
                        .map(|(_, t, _)| *t)
                });
            let Some(target) = target else {
                continue;
            };
            let Some(import) = facts[from.0 as usize]
                .as_ref()
                .and_then(|f| f.imports.get(edge.import))
            else {
                continue;
            };
            if to != from && !import.type_only {
                links.uses.push(Use {
                    path: original(from),
                    lang: table.lang(from),
                    target,
                    specifier: import.specifier.clone(),
                    bindings: import.bindings.clone(),
                    forwards: reexports.iter().any(|(r, t, _)| *r == from && *t == target),
                });
            }
        }
    }
    let mut parent: Vec<usize> = (0..n).collect();
    for from in table.ids() {
        let me = with_findings.iter().position(|w| *w == Some(from));
        let mut targets: Vec<usize> = Vec::new();
        for to in graph.imports(from) {
            for (t, _) in with_findings
                .iter()
                .enumerate()
                .filter(|(_, w)| **w == Some(to))
            {
                if Some(t) != me && !targets.contains(&t) {
                    targets.push(t);
                }
            }
        }
        if targets.is_empty() {
            continue;
        }
        for &t in &targets {
            links.imported[t] = true;
            if let Some(me) = me {
                union(&mut parent, me, t);
            }
        }
        if v2[from.0 as usize] {
            links
                .importers
                .push((original(from), table.lang(from), targets));
        }
    }
    for i in 0..n {
        links.component[i] = find(&mut parent, i);
    }
    links.table = table;
    links
}

/// The files that re-export a file with findings, with the index of that file: a Python
/// package's `__init__.py` taking names from it, or any `export ... from` of it, with the
/// names they pass on. One level: what they re-export is imported through them.
fn reexporters(
    table: &FileTable,
    facts: &[Option<ModuleFacts>],
    with_findings: &[Option<FileId>],
) -> Vec<(FileId, usize, Vec<String>)> {
    let resolver = Resolver::new(table, facts);
    let mut out: Vec<(FileId, usize, Vec<String>)> = Vec::new();
    for from in table.ids() {
        let Some(f) = facts[from.0 as usize].as_ref() else {
            continue;
        };
        if with_findings.contains(&Some(from)) {
            continue;
        }
        // A package's `__init__.py` taking names from its modules; any `export ... from`.
        let init = table
            .path(from)
            .file_stem()
            .is_some_and(|s| s == "__init__");
        let reaches = f.imports.iter().any(|i| {
            matches!(resolver.resolve(from, i), crate::project::resolve::Resolution::File(to)
                if with_findings.contains(&Some(to)))
        });
        if !reaches {
            continue;
        }
        // Its imports read line by line carry no bindings: parsed whole when it may pass
        // names on.
        let full;
        let f = match std::fs::read(table.path(from)) {
            Ok(bytes) => {
                let text = String::from_utf8_lossy(&bytes);
                if init || REEXPORT.is_match(&text) {
                    full = project::facts_of_text(table.lang(from), &text);
                    full.as_ref().unwrap_or(f)
                } else {
                    f
                }
            }
            Err(_) => f,
        };
        let forwards = |i: &&crate::lang::module::Import| {
            i.reexport
                || (init
                    && i.bindings.iter().any(|b| {
                        matches!(
                            b.imported,
                            crate::lang::module::Imported::Name(_)
                                | crate::lang::module::Imported::All
                        )
                    }))
        };
        for import in f.imports.iter().filter(forwards) {
            if let crate::project::resolve::Resolution::File(to) = resolver.resolve(from, import) {
                if let Some(t) = with_findings.iter().position(|w| *w == Some(to)) {
                    // The names it passes on (none for `export * from`: not followed).
                    let names: Vec<String> = import
                        .bindings
                        .iter()
                        .filter_map(|b| b.local.clone())
                        .collect();
                    match out.iter_mut().find(|(r, u, _)| *r == from && *u == t) {
                        Some((_, _, n)) => n.extend(names),
                        None => out.push((from, t, names)),
                    }
                }
            }
        }
    }
    out
}

/// `f` of each of `ids`, on every core, with the ids it answered for (in their order).
fn on_every_core<T: Send>(
    ids: &[FileId],
    f: impl Fn(FileId) -> Option<T> + Sync,
) -> Vec<(FileId, T)> {
    use rayon::prelude::*;
    ids.par_iter()
        .filter_map(|&id| f(id).map(|t| (id, t)))
        .collect()
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

/// A JavaScript re-export: `export { a } from`, `export * from`.
static REEXPORT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"export\s*(?:\*|\{)[^;]*?\bfrom\b").expect("a valid pattern"));

/// A string that starts with a v2 path (`"/v2/...`, `'v2/...`): what a caller of a client
/// module passes it. A URL with a host (`"https://.../v2/"`) is not one.
static V2_PATH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"["'`]/?v2/"#).expect("a valid pattern"));

/// Per file of `files`: the names its imports bind to other files of the run (`walked`,
/// below `roots`) that write a path of the API, with the file each leads to (as walked), with findings or not (`FlexyClient` of
/// `require("./flexy")`, `Client` of `from .flexy import Client`). Only `files` and the
/// files they import are read.
pub fn project_names(
    table: &FileTable,
    files: &[(PathBuf, Lang)],
    walked: &[(PathBuf, Lang)],
) -> Vec<Vec<(String, PathBuf)>> {
    let walked_as: std::collections::HashMap<PathBuf, &PathBuf> = walked
        .iter()
        .map(|(p, _)| (project::files::normal(p), p))
        .collect();
    let ids: Vec<Option<FileId>> = files.iter().map(|(p, _)| table.find(p)).collect();
    let mut facts: Vec<Option<ModuleFacts>> = vec![None; table.len()];
    for id in ids.iter().flatten() {
        facts[id.0 as usize] = std::fs::read(table.path(*id))
            .ok()
            .and_then(|b| project::facts_of_text(table.lang(*id), &String::from_utf8_lossy(&b)));
    }
    let resolver = Resolver::new(table, &facts);
    ids.iter()
        .map(|id| {
            let Some(id) = *id else { return Vec::new() };
            let mut names: Vec<(String, PathBuf)> = Vec::new();
            for import in facts[id.0 as usize].iter().flat_map(|f| &f.imports) {
                if import.type_only {
                    continue;
                }
                // A file of the run writing a path of the API: a Flexy client (a generic
                // HTTP helper of the project, a local stand-in of a library, is not one).
                let project::resolve::Resolution::File(to) = resolver.resolve(id, import) else {
                    continue;
                };
                let Some(text) = std::fs::read(table.path(to))
                    .ok()
                    .map(|b| String::from_utf8_lossy(&b).into_owned())
                    .filter(|t| to != id && crate::api::writes_api_path(t))
                else {
                    continue;
                };
                let mut bound: Vec<String> = import
                    .bindings
                    .iter()
                    .filter_map(|b| b.local.clone())
                    .collect();
                // An include binds no name: the classes and functions it declares are the
                // file's (`new FlexyClient(...)` of a PHP `require_once`).
                if import.bindings.iter().any(|b| b.local.is_none()) {
                    bound.extend(
                        project::facts_of_text(table.lang(to), &text)
                            .map(|f| f.declarations)
                            .unwrap_or_default(),
                    );
                }
                let path = walked_as
                    .get(table.path(to))
                    .map_or_else(|| table.path(to).to_path_buf(), |p| (*p).clone());
                for local in bound {
                    if !names.iter().any(|(n, _)| *n == local) {
                        names.push((local, path.clone()));
                    }
                }
            }
            names
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn write(dir: &Path, files: &[(&str, &str)]) -> Vec<(PathBuf, Lang)> {
        // Manifests are written, not walked.
        files
            .iter()
            .filter_map(|(name, text)| {
                let path = dir.join(name);
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(&path, text).unwrap();
                Some((path.clone(), Lang::from_path(&path)?))
            })
            .collect()
    }

    /// Links `files[..with]` (the files with findings) through every file.
    fn links(files: &[(&str, &str)], with: usize) -> Links {
        let dir = tempfile::tempdir().unwrap();
        let walked = write(dir.path(), files);
        link(
            &walked[..with],
            &walked,
            &[dir.path().to_path_buf()],
            1_000_000,
        )
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
                ("src/Sms.php", "<?php namespace Shop\\Notify; class Sms {}"),
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
    fn a_published_package_entry_is_imported_from_outside() {
        let l = links(
            &[
                ("lib/index.js", "module.exports = {};"),
                ("app/index.js", "module.exports = {};"),
                (
                    "lib/package.json",
                    r#"{"name": "flexy-balance", "main": "index.js"}"#,
                ),
                (
                    "app/package.json",
                    r#"{"name": "shop", "private": true, "main": "index.js"}"#,
                ),
            ],
            2,
        );
        assert_eq!(l.imported, vec![true, false]);
    }

    #[test]
    fn a_file_alone_is_not_imported() {
        let l = links(&[("a.js", "x"), ("b.js", "y")], 2);
        assert_eq!(l.imported, vec![false, false]);
        assert_eq!(l.component, vec![0, 1]);
    }
}
