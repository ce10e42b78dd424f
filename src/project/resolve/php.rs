//! php import resolution.

use super::{Resolution, Resolver};
use crate::lang::module::{Import, ModuleFacts};
use crate::project::files::{FileId, FileTable};

/// The project's declarations by fully qualified name.
#[derive(Debug, Default)]
pub(super) struct Index;

impl Index {
    pub(super) fn new(_table: &FileTable, _facts: &[Option<ModuleFacts>]) -> Index {
        Index
    }
}

pub(super) fn resolve(
    _r: &Resolver,
    _index: &Index,
    _from: FileId,
    _import: &Import,
) -> Resolution {
    Resolution::Missing
}
