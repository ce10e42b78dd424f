//! Import resolution: where an [`Import`] leads, by each language's own rules, as path
//! arithmetic over the [`FileTable`] (the file system is not read again).

mod javascript;
mod php;
mod python;

use std::sync::OnceLock;

use crate::lang::module::{Import, ModuleFacts};
use crate::lang::Lang;

use super::files::{FileId, FileTable};

/// Where an import leads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Resolution {
    /// A file of the project.
    File(FileId),
    /// A package or a file outside the project (`axios`, `requests`, a vendor class).
    External,
    /// It names a file of the project's kind (a relative path, a class of a project
    /// namespace) that is not there.
    Missing,
    /// Computed at run time (`require(name)`): it may load any file.
    Dynamic,
}

/// What resolution needs besides the table: every file's module facts (PHP resolves a
/// class by the namespaces files declare; Python re-exports through `__init__.py`).
pub struct Resolver<'a> {
    pub table: &'a FileTable,
    /// Per file (by [`FileId`]): its facts, when it was read.
    pub facts: &'a [Option<ModuleFacts>],
    php: php::Index,
    python: python::Index,
    /// The JavaScript manifests (`package.json`, `tsconfig.json`), read on first use.
    js: OnceLock<javascript::Index>,
}

impl<'a> Resolver<'a> {
    pub fn new(table: &'a FileTable, facts: &'a [Option<ModuleFacts>]) -> Resolver<'a> {
        Resolver {
            table,
            facts,
            php: php::Index::new(table, facts),
            python: python::Index::new(table),
            js: OnceLock::new(),
        }
    }

    /// The files code outside the project may import: the entry files of its published
    /// JavaScript packages (a closed world ends there).
    pub fn entry_points(&self) -> Vec<FileId> {
        self.js
            .get_or_init(|| javascript::Index::new(self.table))
            .entries(self.table)
    }

    /// Where `import`, written in file `from`, leads.
    pub fn resolve(&self, from: FileId, import: &Import) -> Resolution {
        match self.table.lang(from) {
            Lang::Php => php::resolve(self, &self.php, from, import),
            Lang::Python => python::resolve(self, from, import),
            _ => javascript::resolve(self, from, import),
        }
    }
}
