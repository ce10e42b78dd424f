//! python import resolution.

use super::{Resolution, Resolver};
use crate::lang::module::Import;
use crate::project::files::FileId;

pub(super) fn resolve(_r: &Resolver, _from: FileId, _import: &Import) -> Resolution {
    Resolution::Missing
}
