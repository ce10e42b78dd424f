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
mod report;
mod scope;

pub use check::check;
pub use report::report;
