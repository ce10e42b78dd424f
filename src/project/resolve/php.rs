//! PHP import resolution. An include is path arithmetic: relative to the including file's
//! folder (`__DIR__ . '/x.php'`), a plain path against that folder and then the root, and
//! a path that names no file by its unique ending. A `use` of a class or function finds the
//! file that declares it (the [`Index`] of every file's namespace and declarations), then
//! the file `composer.json` `autoload.psr-4` maps it to; a name of no project namespace is
//! a vendor's.

use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};

use serde_json::Value;

use super::{Resolution, Resolver};
use crate::lang::module::{Import, ModuleFacts, Specifier};
use crate::lang::Lang;
use crate::project::files::{normal, FileId, FileTable};

/// The project's declarations by fully qualified name, and its `psr-4` maps.
#[derive(Debug, Default)]
pub(super) struct Index {
    /// Lowercased fully qualified name (PHP's class and function names ignore case) -> the
    /// files that declare it; more than one when the name is ambiguous.
    declared: HashMap<String, Vec<FileId>>,
    /// The namespaces the project's files declare, lowercased.
    namespaces: HashSet<String>,
    /// Per folder with a `composer.json`: its `autoload` and `autoload-dev` `psr-4` maps.
    psr4: Vec<(PathBuf, Vec<Psr4>)>,
}

/// One `psr-4` entry: a namespace prefix (`App\`, or empty) and its folders.
#[derive(Debug)]
struct Psr4 {
    prefix: String,
    folders: Vec<PathBuf>,
}

impl Index {
    pub(super) fn new(table: &FileTable, facts: &[Option<ModuleFacts>]) -> Index {
        let mut index = Index::default();
        let mut seen: HashSet<PathBuf> = HashSet::new();
        for id in table.ids().filter(|id| table.lang(*id) == Lang::Php) {
            let mut dir = table.path(id).parent();
            while let Some(d) = dir {
                if !seen.insert(d.to_path_buf()) {
                    break;
                }
                if let Some(text) = table.manifest(&d.join("composer.json")) {
                    index.psr4.push((d.to_path_buf(), psr4(text)));
                }
                if d == table.root() || !d.starts_with(table.root()) {
                    break;
                }
                dir = d.parent();
            }
            let Some(f) = facts.get(id.0 as usize).and_then(Option::as_ref) else {
                continue;
            };
            let ns = f.namespace.as_deref().unwrap_or("");
            if !ns.is_empty() {
                index.namespaces.insert(ns.to_lowercase());
            }
            for d in &f.declarations {
                let files = index
                    .declared
                    .entry(qualify(ns, d).to_lowercase())
                    .or_default();
                if !files.contains(&id) {
                    files.push(id);
                }
            }
        }
        index
    }

    /// The files `psr-4` maps `name` to that the project has, the maps of the importing
    /// file's folders first (nearest first); and whether any prefix matched the name.
    fn mapped(&self, table: &FileTable, from: &Path, name: &str) -> (Vec<FileId>, bool) {
        let mut maps: Vec<&(PathBuf, Vec<Psr4>)> = self.psr4.iter().collect();
        maps.sort_by_key(|(dir, _)| {
            let own = from.starts_with(dir);
            (!own, std::cmp::Reverse(dir.components().count()))
        });
        let mut files = Vec::new();
        let mut matched = false;
        for (dir, entries) in maps {
            let mut entries: Vec<&Psr4> = entries.iter().collect();
            entries.sort_by_key(|e| std::cmp::Reverse(e.prefix.len()));
            for e in entries {
                let Some(rest) = name.strip_prefix(e.prefix.as_str()) else {
                    continue;
                };
                matched |= !e.prefix.is_empty();
                let file = format!("{}.php", rest.replace('\\', "/"));
                for folder in &e.folders {
                    if let Some(id) = table.find(&dir.join(folder).join(&file)) {
                        if !files.contains(&id) {
                            files.push(id);
                        }
                    }
                }
            }
        }
        (files, matched)
    }
}

/// `name` in namespace `ns`.
fn qualify(ns: &str, name: &str) -> String {
    if ns.is_empty() {
        name.to_string()
    } else {
        format!("{ns}\\{name}")
    }
}

/// The `psr-4` maps of a `composer.json` (none when it does not parse).
fn psr4(text: &str) -> Vec<Psr4> {
    let Ok(json) = serde_json::from_str::<Value>(text) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for section in ["autoload", "autoload-dev"] {
        let Some(map) = json
            .get(section)
            .and_then(|a| a.get("psr-4"))
            .and_then(Value::as_object)
        else {
            continue;
        };
        for (prefix, folders) in map {
            let folders: Vec<PathBuf> = match folders {
                Value::String(s) => vec![PathBuf::from(s)],
                Value::Array(a) => a
                    .iter()
                    .filter_map(Value::as_str)
                    .map(PathBuf::from)
                    .collect(),
                _ => continue,
            };
            let prefix = prefix.trim_start_matches('\\');
            let prefix = if prefix.is_empty() || prefix.ends_with('\\') {
                prefix.to_string()
            } else {
                format!("{prefix}\\")
            };
            out.push(Psr4 { prefix, folders });
        }
    }
    out
}

pub(super) fn resolve(r: &Resolver, index: &Index, from: FileId, import: &Import) -> Resolution {
    let table = r.table;
    let folder = table.path(from).parent().unwrap_or(table.root());
    match &import.specifier {
        Specifier::HereRelative(rest) => {
            let path = normal(&folder.join(rest.trim_start_matches('/')));
            table
                .find(&path)
                .map_or_else(|| elsewhere(table, &path), Resolution::File)
        }
        Specifier::Path(p) => include_path(table, folder, Path::new(p)),
        Specifier::Qualified(name) => qualified(table, index, folder, name),
        Specifier::Dynamic => Resolution::Dynamic,
        Specifier::Dotted { .. } => Resolution::Missing,
    }
}

/// A literal include path: against the including file's folder, then the root; then by
/// its ending (the whole relative path, then the basename), when one file has it.
fn include_path(table: &FileTable, folder: &Path, path: &Path) -> Resolution {
    let tries = if path.is_absolute() {
        vec![path.to_path_buf()]
    } else {
        vec![folder.join(path), table.root().join(path)]
    };
    if let Some(id) = tries.iter().find_map(|p| table.find(p)) {
        return Resolution::File(id);
    }
    let tail: PathBuf = {
        let parts: Vec<Component> = path.components().collect();
        let start = parts
            .iter()
            .rposition(|c| !matches!(c, Component::Normal(_)))
            .map_or(0, |i| i + 1);
        parts[start..].iter().collect()
    };
    let basename = path.file_name().map(PathBuf::from);
    for ending in [Some(tail), basename].into_iter().flatten() {
        if ending.as_os_str().is_empty() {
            continue;
        }
        let mut found = table.ending_with(&ending);
        if let (Some(id), None) = (found.next(), found.next()) {
            return Resolution::File(id);
        }
    }
    elsewhere(table, &normal(&tries[0]))
}

/// A path no project file has: outside the root or in Composer's `vendor` folder it is
/// not the project's (external); otherwise missing.
fn elsewhere(table: &FileTable, path: &Path) -> Resolution {
    match path.strip_prefix(table.root()) {
        Ok(inside) if !inside.components().any(|c| c.as_os_str() == "vendor") => {
            Resolution::Missing
        }
        _ => Resolution::External,
    }
}

/// A class or function name: the one file that declares it; among several, the one
/// `psr-4` maps it to; none, the file `psr-4` maps it to. A name of a project namespace
/// (a `psr-4` prefix, a namespace a file declares) that no file has is missing; any other
/// is a vendor's or PHP's own (external).
fn qualified(table: &FileTable, index: &Index, folder: &Path, name: &str) -> Resolution {
    let declared = index
        .declared
        .get(&name.to_lowercase())
        .map_or(&[][..], Vec::as_slice);
    if let [one] = declared {
        return Resolution::File(*one);
    }
    let (mapped, matched) = index.mapped(table, folder, name);
    if declared.is_empty() {
        if let Some(id) = mapped.first() {
            return Resolution::File(*id);
        }
        let ns = name.rsplit_once('\\').map_or("", |(ns, _)| ns);
        if matched || index.namespaces.contains(&ns.to_lowercase()) {
            return Resolution::Missing;
        }
        return Resolution::External;
    }
    // Declared by several files: psr-4 breaks the tie, or it stays ambiguous.
    mapped
        .iter()
        .find(|id| declared.contains(id))
        .map_or(Resolution::Missing, |id| Resolution::File(*id))
}

#[cfg(test)]
mod tests;
