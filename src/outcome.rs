//! What the stages of a check give, one type each: [`Linted`] (the lint of one text),
//! [`Checked`] (a text checked and fixed), [`FileResult`] (a file read, checked and fixed),
//! [`RunResult`] (the files of a run, what the output formats are given).

use std::path::PathBuf;

use crate::api;
use crate::error::FileError;
use crate::fix;
use crate::input::Encoding;
use crate::lang::Lang;
use crate::rules::{Applicability, Finding};
use crate::write;

/// The result of checking one file: what checking its text gave, and the file around it.
#[derive(Debug)]
pub struct FileResult {
    pub path: PathBuf,
    pub lang: Lang,
    pub encoding: Encoding,
    /// The bytes read (a `check` run without `--fix` or `--diff` drops them once checked).
    pub original: Vec<u8>,
    /// The check of its text (`checked.text` is the fixed text when fixes were applied).
    pub checked: Checked,
    /// Findings in the `--baseline`, not reported.
    pub baselined: usize,
    /// The new file content, when fixes changed it.
    pub new: Option<Vec<u8>>,
    /// The file as it was read, for the write: `None` for text not read from a file.
    pub pinned: Option<write::Pinned>,
    /// Other files of the run import it (see [`crate::link`]).
    pub callers_elsewhere: bool,
    /// It imports a file of the run that calls Flexy (see [`crate::link`]).
    pub imports_flexy: bool,
    /// The cross-file facts it was checked with.
    pub across: crate::flexy::across::Env,
    /// The files linked to it move with it (see [`crate::link`]): written together or not
    /// at all. The number of its group among the run's.
    pub component: Option<usize>,
    /// The text excerpts show when it is not `checked.text`: a settings file's, its other
    /// values masked (see [`crate::lang::settings::masked`]).
    pub shown: Option<String>,
}

/// What checking one text gives: the text after the fixes, the lint of that text, and
/// what the fixes did.
#[derive(Debug)]
pub struct Checked {
    /// The text after the fixes applied (the input when none was).
    pub text: String,
    /// The lint of `text`: the findings that remain (with those found before the fixes
    /// that need a human, at their new places), the suppressed and left-out counts.
    pub linted: Linted,
    /// Findings whose fixes were applied.
    pub fixed: Vec<Finding>,
    /// Fixes not applied, and why.
    pub skipped: Vec<(Finding, fix::Skipped)>,
}

/// A v3 endpoint called (a migrated call site), and how many findings its request still
/// has: code already on v3 that reads the response or sends the key the v2 way.
#[derive(Clone, Debug)]
pub struct V3Call {
    pub range: std::ops::Range<usize>,
    pub endpoint: &'static api::Endpoint,
    pub findings_left: usize,
}

/// What `pipeline::lint` gives: the findings left, sorted by position then rule, and how
/// many were suppressed by comments or left out by `--only`.
#[derive(Debug, Default)]
pub struct Linted {
    pub findings: Vec<Finding>,
    pub suppressed: usize,
    pub left_out: usize,
    /// With `Settings::inventory` (see `pipeline`): the v3 endpoints called, with where.
    pub v3_sites: Vec<V3Call>,
    /// With `Settings::inventory`: the calls of another file's function that requests one
    /// endpoint (`flexy.getBalance()`), with the endpoint and the function's name.
    pub calls: Vec<(std::ops::Range<usize>, &'static api::Endpoint, String)>,
    /// What the file says to the other files of the run (see `crate::flexy::across`), from
    /// the text as it was read.
    pub across: crate::flexy::across::Said,
    /// A migration unit stays on v2 (whether `blocked-migration` is selected to say so).
    pub blocked: bool,
}

impl FileResult {
    /// True when the file has nothing to report, fix or warn about: a run keeps only its
    /// count, not its text.
    pub fn is_quiet(&self) -> bool {
        let (c, l) = (&self.checked, &self.checked.linted);
        l.findings.is_empty()
            && c.fixed.is_empty()
            && c.skipped.is_empty()
            && l.suppressed == 0
            && l.left_out == 0
            && l.v3_sites.is_empty()
            && l.calls.is_empty()
            && self.new.is_none()
            && self.encoding != Encoding::SingleByte
    }
}

/// What a run over files gives, and what the output formats are given.
#[derive(Debug)]
pub struct RunResult {
    /// The files checked that have findings, fixes, suppressions or a warning, sorted by
    /// path (the others are only counted).
    pub files: Vec<FileResult>,
    /// How many files were checked.
    pub checked: usize,
    /// Per-file problems (unreadable, binary, not written...): the run went on without them.
    /// Sorted by path.
    pub problems: Vec<FileError>,
    /// The lowest applicability `--fix` applies in this run.
    pub threshold: Applicability,
    /// False when the run could not do its whole job (a path given does not exist): exit 2.
    pub complete: bool,
}

impl RunResult {
    /// How many files (or folders) could not be checked.
    pub fn unchecked(&self) -> usize {
        self.problems.iter().filter(|p| p.is_unchecked()).count()
    }

    /// Whether the run did its whole job: every path given exists and every file found
    /// was checked.
    pub fn all_checked(&self) -> bool {
        self.complete && self.unchecked() == 0
    }
}
