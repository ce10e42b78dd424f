//! Python import resolution, as the import system finds modules (and as `ruff_graph` does):
//! path arithmetic over the [`FileTable`], never the file system.
//!
//! - A relative import (`level` dots) starts from the importing file's folder (level 1)
//!   and goes up one folder for each further dot.
//! - An absolute import searches, in order: the folder holding the importing file's top
//!   package (its folder, left while the folder has an `__init__.py`), the project's root,
//!   and `<root>/src`.
//! - Module `a.b` in a folder is package `a/b/__init__.py`, else module `a/b.py`, else the
//!   namespace package `a/b/` when files of the project are under it. A regular package or
//!   module found in any search folder wins over namespace folders found before it
//!   (PEP 420), and a package's submodules are looked for in its own folders only.
//! - `from m import x` loads `m`, then takes its attribute `x`, and imports submodule
//!   `m.x` when `m` has no such attribute. The file is `m/__init__.py` when that file
//!   declares `x` itself, else submodule `m/x.py` (or `m/x/__init__.py`) when there is one,
//!   else `m` (`x` is an attribute of `m`, which its `__init__.py` may import from
//!   elsewhere: the link step follows it there).
//!
//! An absolute module found nowhere in the project is [`Resolution::External`] (a package
//! or the standard library), unless its top-level name is a regular module or package of
//! the project, which hides any installed one: then it is [`Resolution::Missing`], like a
//! relative import that is not there. A namespace package has no file: importing it alone,
//! or an attribute of it that is no submodule, leads to no file of the project, `External`
//! when absolute (other portions of it may be installed) and `Missing` when relative.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::{Resolution, Resolver};
use crate::lang::module::{Import, Imported, Specifier};
use crate::lang::Lang;
use crate::project::files::{FileId, FileTable};

/// The folders that hold files of the project (at any depth): the candidates for namespace
/// packages.
#[derive(Debug, Default)]
pub(super) struct Index {
    folders: HashSet<PathBuf>,
}

impl Index {
    pub(super) fn new(table: &FileTable) -> Index {
        let mut folders = HashSet::new();
        if !table.ids().any(|id| table.lang(id) == Lang::Python) {
            return Index { folders };
        }
        for id in table.ids() {
            let mut dir = table.path(id).parent();
            while let Some(d) = dir {
                if !folders.insert(d.to_path_buf()) {
                    break;
                }
                dir = d.parent();
            }
        }
        Index { folders }
    }
}

/// A module found in the project.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Module {
    /// `a/b.py`.
    File(FileId),
    /// `a/b/__init__.py` (`Some`), or a namespace package (`None`), with the folders its
    /// submodules are looked for in.
    Package(Option<FileId>, Vec<PathBuf>),
}

impl Module {
    /// The file that holds the module's code, when it has one.
    fn file(&self) -> Option<FileId> {
        match self {
            Module::File(f) => Some(*f),
            Module::Package(init, _) => *init,
        }
    }
}

pub(super) fn resolve(r: &Resolver, from: FileId, import: &Import) -> Resolution {
    let (level, module) = match &import.specifier {
        Specifier::Dotted { level, module } => (*level, module.as_str()),
        Specifier::Dynamic => return Resolution::Dynamic,
        _ => return Resolution::Missing,
    };
    let parts: Vec<&str> = module.split('.').filter(|p| !p.is_empty()).collect();
    let start = if level == 0 {
        Module::Package(None, roots(r.table, r.table.path(from)))
    } else {
        match ancestor(r.table.path(from), level) {
            Some(dir) => package_at(r, dir),
            None => return Resolution::Missing,
        }
    };
    let found = locate(r, start.clone(), &parts).and_then(|m| match attribute(import) {
        Some(name) => member(r, m, name),
        None => m.file(),
    });
    match found {
        Some(f) => Resolution::File(f),
        None if level == 0 && !shadowed(r, &start, &parts) => Resolution::External,
        None => Resolution::Missing,
    }
}

/// The name a `from m import x` takes from `m` (not for `*`, nor for `import m`).
fn attribute(import: &Import) -> Option<&str> {
    match import.bindings.as_slice() {
        [b] => match &b.imported {
            Imported::Name(n) => Some(n.as_str()),
            _ => None,
        },
        _ => None,
    }
}

/// The file `from m import name` leads to, `m` found: its `__init__.py` when it declares
/// `name`, else submodule `m.name`, else `m`'s own file.
fn member(r: &Resolver, m: Module, name: &str) -> Option<FileId> {
    if let Module::Package(Some(init), _) = &m {
        if declares(r, *init, name) {
            return Some(*init);
        }
    }
    let parts: Vec<&str> = name.split('.').collect();
    match locate(r, m.clone(), &parts).and_then(|sub| sub.file()) {
        Some(sub) => Some(sub),
        None => m.file(),
    }
}

/// Does `file`'s facts list `name` among its module-level declarations?
fn declares(r: &Resolver, file: FileId, name: &str) -> bool {
    r.facts
        .get(file.0 as usize)
        .and_then(Option::as_ref)
        .is_some_and(|f| f.declarations.iter().any(|d| d == name))
}

/// The module `parts` names below `start` (`start` itself when `parts` is empty).
fn locate(r: &Resolver, start: Module, parts: &[&str]) -> Option<Module> {
    let mut m = start;
    for part in parts {
        let Module::Package(_, dirs) = &m else {
            return None;
        };
        m = find_in(r, dirs, part)?;
    }
    Some(m)
}

/// Module `name` in the first of `dirs` that has it as a regular package or module, else
/// the namespace package of all the `dirs` that have a folder of that name.
fn find_in(r: &Resolver, dirs: &[PathBuf], name: &str) -> Option<Module> {
    let mut portions = Vec::new();
    for dir in dirs {
        let folder = dir.join(name);
        if let Some(init) = r.table.find(&folder.join("__init__.py")) {
            return Some(Module::Package(Some(init), vec![folder]));
        }
        if let Some(file) = r.table.find(&dir.join(format!("{name}.py"))) {
            return Some(Module::File(file));
        }
        if r.python.folders.contains(&folder) {
            portions.push(folder);
        }
    }
    (!portions.is_empty()).then_some(Module::Package(None, portions))
}

/// The package a relative import starts from: `dir`, with its `__init__.py` when it has
/// one.
fn package_at(r: &Resolver, dir: &Path) -> Module {
    let init = r.table.find(&dir.join("__init__.py"));
    Module::Package(init, vec![dir.to_path_buf()])
}

/// The folder `level` dots name from `file`: its own folder for one dot, and one folder up
/// for each further dot.
fn ancestor(file: &Path, level: u32) -> Option<&Path> {
    let mut dir = file.parent()?;
    for _ in 1..level {
        dir = dir.parent()?;
    }
    Some(dir)
}

/// Where absolute imports are searched from `file`: the folder above its top package,
/// the project's root, and `<root>/src` (each once).
fn roots(table: &FileTable, file: &Path) -> Vec<PathBuf> {
    let mut top = file.parent().unwrap_or(Path::new(""));
    while table.find(&top.join("__init__.py")).is_some() {
        match top.parent() {
            Some(p) => top = p,
            None => break,
        }
    }
    let mut out: Vec<PathBuf> = Vec::new();
    for dir in [
        top.to_path_buf(),
        table.root().to_path_buf(),
        table.root().join("src"),
    ] {
        if !out.contains(&dir) {
            out.push(dir);
        }
    }
    out
}

/// Is the top-level name of an absolute module not found a regular module or package of
/// the project (which hides any installed package of that name)?
fn shadowed(r: &Resolver, roots: &Module, parts: &[&str]) -> bool {
    let (Module::Package(_, dirs), Some(top)) = (roots, parts.first()) else {
        return false;
    };
    find_in(r, dirs, top).is_some_and(|m| m.file().is_some())
}

#[cfg(test)]
mod tests;
