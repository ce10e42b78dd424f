//! The files of a project, each with a [`FileId`], and the manifests its resolvers read
//! (`package.json`, `tsconfig.json`/`jsconfig.json`, `composer.json`).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::lang::Lang;

/// A file of the project: its index in the [`FileTable`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileId(pub u32);

/// The manifests a resolver may read, by file name.
pub const MANIFESTS: &[&str] = &[
    "package.json",
    "tsconfig.json",
    "jsconfig.json",
    "composer.json",
];

/// The source files of a project (paths normalized: no `.` or `..` components), their
/// languages, and the text of the manifests found in their folders and the folders above
/// them, up to the root.
#[derive(Debug, Default)]
pub struct FileTable {
    root: PathBuf,
    files: Vec<(PathBuf, Lang)>,
    by_path: HashMap<PathBuf, FileId>,
    /// The files of each file name, for [`FileTable::ending_with`].
    by_name: HashMap<std::ffi::OsString, Vec<FileId>>,
    manifests: HashMap<PathBuf, String>,
}

impl FileTable {
    /// The table of `files` under `root`, with the manifests read from disk.
    pub fn scan(root: &Path, files: &[(PathBuf, Lang)]) -> FileTable {
        let mut table = FileTable::from_parts(root, files, Vec::new());
        let mut dirs: std::collections::HashSet<PathBuf> = std::collections::HashSet::new();
        for (path, _) in &table.files {
            let mut dir = path.parent();
            while let Some(d) = dir {
                if !dirs.insert(d.to_path_buf()) {
                    break;
                }
                if d == table.root || !d.starts_with(&table.root) {
                    break;
                }
                dir = d.parent();
            }
        }
        for d in dirs {
            for name in MANIFESTS {
                let path = d.join(name);
                if let Ok(text) = std::fs::read_to_string(&path) {
                    table.manifests.insert(path, text);
                }
            }
        }
        table
    }

    /// A table from its parts, manifests given as `(path, text)` (tests, editors).
    pub fn from_parts(
        root: &Path,
        files: &[(PathBuf, Lang)],
        manifests: Vec<(PathBuf, String)>,
    ) -> FileTable {
        let mut table = FileTable {
            root: normal(root),
            ..FileTable::default()
        };
        for (path, lang) in files {
            let path = normal(path);
            if table.by_path.contains_key(&path) {
                continue;
            }
            let id = FileId(table.files.len() as u32);
            table.by_path.insert(path.clone(), id);
            if let Some(name) = path.file_name() {
                table
                    .by_name
                    .entry(name.to_os_string())
                    .or_default()
                    .push(id);
            }
            table.files.push((path, *lang));
        }
        table.manifests = manifests
            .into_iter()
            .map(|(p, t)| (normal(&p), t))
            .collect();
        table
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    pub fn ids(&self) -> impl Iterator<Item = FileId> {
        (0..self.files.len() as u32).map(FileId)
    }

    pub fn path(&self, id: FileId) -> &Path {
        &self.files[id.0 as usize].0
    }

    pub fn lang(&self, id: FileId) -> Lang {
        self.files[id.0 as usize].1
    }

    /// The file at `path` (normalized first), when it is one of the project's.
    pub fn find(&self, path: &Path) -> Option<FileId> {
        self.by_path.get(&normal(path)).copied()
    }

    /// The text of the manifest at `path`, when there is one.
    pub fn manifest(&self, path: &Path) -> Option<&str> {
        self.manifests.get(&normal(path)).map(String::as_str)
    }

    /// The files whose path ends with `suffix` (whole components).
    pub fn ending_with<'a>(&'a self, suffix: &'a Path) -> impl Iterator<Item = FileId> + 'a {
        // Only the files of the suffix's file name are compared.
        let named = suffix
            .file_name()
            .and_then(|n| self.by_name.get(n))
            .map_or(&[][..], Vec::as_slice);
        named
            .iter()
            .copied()
            .filter(move |id| self.path(*id).ends_with(suffix))
    }
}

/// `path` without `.` components, and with each `..` taking the name before it away (kept
/// at the start of a relative path, dropped at the root): path-clean's lexical cleaning,
/// with an empty path for the folder itself (so that it joins as nothing).
pub fn normal(path: &Path) -> PathBuf {
    let clean = path_clean::clean(path);
    if clean == Path::new(".") {
        PathBuf::new()
    } else {
        clean
    }
}

/// The project's root: the folder every path of `roots` (the paths a run was given) is
/// below; a file stands for its folder.
pub fn common_root(roots: &[PathBuf]) -> PathBuf {
    let mut root: Option<PathBuf> = None;
    for p in roots {
        let dir = if p.is_file() {
            normal(p.parent().unwrap_or(Path::new("")))
        } else {
            normal(p)
        };
        root = Some(match root {
            None => dir,
            Some(r) => r
                .components()
                .zip(dir.components())
                .take_while(|(a, b)| a == b)
                .map(|(a, _)| a)
                .collect(),
        });
    }
    root.unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_is_normalized_lexically() {
        let cases = [
            ("./a/b/../c.js", "a/c.js"),
            ("a/../../x", "../x"),
            ("../../x", "../../x"),
            ("/../x", "/x"),
            ("a/./b/", "a/b"),
        ];
        for (path, want) in cases {
            assert_eq!(normal(Path::new(path)), PathBuf::from(want), "{path}");
        }
    }
}
