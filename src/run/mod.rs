//! The commands that run over files: `check` and `report`. The arguments and the config
//! file resolved into settings ([`scope`]), the walk and the check of every file
//! ([`collect`]), the files linked by imports ([`linked`]), fixing and writing ([`fixes`]),
//! `--stdin-filename`, the output and the exit code ([`check`], [`report`]).
//!
//! Owns the order of a run and what goes to stdout or stderr. Not: what a finding is
//! (`rules`), how files are found (`walk`), how a format looks (`render`, `report`).

mod across;
mod bases;
mod check;
mod collect;
mod fixes;
mod handed;
mod linked;
mod parse_only;
mod report;
pub(crate) mod scope;

pub use check::check;

/// Is `a` the file `b`? The paths of a run are all written from the paths it was given,
/// by the walk and by the link table from the walk's list, alike: they are compared as
/// bytes. (`Path`'s `==` parses both into components; the lookups of the linking passes,
/// which compare every file of the run with every module, spent a quarter of a dense run
/// there.)
fn same(a: &std::path::Path, b: impl AsRef<std::path::Path>) -> bool {
    a.as_os_str() == b.as_ref().as_os_str()
}

/// Where each file of a run's results is, by its path's bytes.
type Positions = rustc_hash::FxHashMap<std::ffi::OsString, usize>;

/// Where each file of `results` is, by its path's bytes (as [`same`] compares them): one
/// lookup per file where a search of every result would make the linking passes quadratic.
fn positions(results: &[crate::outcome::FileResult]) -> Positions {
    results
        .iter()
        .enumerate()
        .map(|(i, r)| (r.path.as_os_str().to_os_string(), i))
        .collect()
}

pub use report::report;
