//! What `--fix` and `--diff` do with the fixed text: the files written (or checked again
//! as they still are when a write fails), the patches, and the fixes not applied said.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::scope::Scope;
use crate::display::display_path;
use crate::error::{FileError, RunError};
use crate::input::{decode, Encoding};
use crate::outcome::FileResult;
use crate::pipeline::check_source;
use crate::{fix, render, source, write};

/// Writes each fixed file. A file not written is reported as it still is. The files of one
/// component (linked by imports, see [`crate::link`]) are checked first, all of them, and
/// written only when every one can be: a client module is not migrated without its
/// callers.
pub(super) fn write_fixes(
    results: &mut [FileResult],
    problems: &mut Vec<FileError>,
    scope: &Scope,
) {
    let mut refused: Vec<usize> = Vec::new();
    for r in results.iter().filter(|r| r.new.is_some()) {
        let Some(c) = r.component else { continue };
        if refused.contains(&c) {
            continue;
        }
        let preflight = match &r.pinned {
            Some(pinned) => write::preflight(&r.path, pinned, &r.original),
            None => Ok(()),
        };
        if let Err(e) = preflight {
            problems.push(e);
            refused.push(c);
        }
    }
    for r in results.iter_mut().filter(|r| r.new.is_some()) {
        if r.component.is_some_and(|c| refused.contains(&c)) {
            problems.push(FileError::LinkedNotWritten {
                path: r.path.clone(),
            });
            problems.extend(unfixed(r, scope));
            continue;
        }
        if let Err(e) = write_result(r) {
            problems.push(e);
            problems.extend(unfixed(r, scope));
        }
    }
}

fn write_result(r: &FileResult) -> Result<(), FileError> {
    let (Some(new), Some(pinned)) = (&r.new, &r.pinned) else {
        return Err(FileError::Write {
            path: r.path.clone(),
            source: io::Error::other("not read from a file"),
        });
    };
    write::write_fixed(&r.path, pinned, &r.original, new)
}

/// A file whose fixes were not written: its findings are those of the text it still holds
/// (the fixed text's positions, snippets and fingerprints would be wrong), checked again
/// without fixing. The reason when that check fails.
fn unfixed(r: &mut FileResult, scope: &Scope) -> Option<FileError> {
    let original = std::mem::take(&mut r.original);
    let again = decode(&r.path, &original).and_then(|(text, encoding)| {
        let settings = scope.for_file(&r.path);
        check_source(&r.path, r.lang, original, text, encoding, &settings, false)
    });
    match again {
        Ok(mut fresh) => {
            fresh.pinned = r.pinned.take();
            *r = fresh;
            None
        }
        // It was checked a moment ago, so this is not expected; should it happen, the
        // reason is said, and no finding points into a text the file does not hold.
        Err(e) => {
            r.new = None;
            r.checked.linted.findings.clear();
            r.checked.fixed.clear();
            r.checked.skipped.clear();
            Some(e)
        }
    }
}

/// `--fix` in a git working tree: the files it would write must have no uncommitted
/// changes, so that `git diff` shows the tool's edits alone.
pub(super) fn refuse_dirty(results: &[FileResult]) -> Result<(), RunError> {
    let touched: Vec<PathBuf> = results
        .iter()
        .filter(|r| r.new.is_some())
        .map(|r| r.path.clone())
        .collect();
    if touched.is_empty() {
        return Ok(());
    }
    let dirty = crate::vcs::dirty_files(&touched).map_err(RunError::Vcs)?;
    if dirty.is_empty() {
        return Ok(());
    }
    Err(RunError::Dirty {
        files: dirty
            .iter()
            .map(|(p, why)| {
                let why = match why {
                    crate::vcs::Dirty::Modified => "modified",
                    crate::vcs::Dirty::Untracked => "untracked",
                };
                format!("{} ({why})", display_path(p))
            })
            .collect(),
    })
}

/// The patch of one file, as text: a UTF-16 file's is shown decoded.
pub(super) fn write_diff(
    out: &mut dyn Write,
    path: &Path,
    encoding: Encoding,
    old: &[u8],
    new: &[u8],
    settings: &crate::pipeline::Settings,
    colour: bool,
) -> Result<(), RunError> {
    let name = display_path(path);
    let name = name.trim_start_matches('/');
    let (old, new) = (encoding.show(old), encoding.show(new));
    // A settings file's other values (keys, passwords) are never shown.
    let hosts = crate::pipeline::shown_hosts(settings);
    let old = crate::lang::settings::shown(path, &old, &hosts);
    let new = crate::lang::settings::shown(path, &new, &hosts);
    let diff = similar::TextDiff::from_lines(old.as_ref(), new.as_ref());
    let patch = diff
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string();
    write!(out, "{}", render::colour::Paint(colour).diff(&patch)).map_err(RunError::Output)
}

/// Fixes left out are said, with the reason, so nothing is skipped silently.
pub(super) fn report_skipped(results: &[FileResult]) {
    for r in results {
        // A syntax error holds back every fix of the file: said once, where it is.
        if let Some(at) = r.checked.skipped.iter().find_map(|(_, why)| match why {
            fix::Skipped::SyntaxError { at } => Some(*at),
            _ => None,
        }) {
            let (line, col) = source::line_col(&r.checked.text, at.min(r.checked.text.len()));
            render::eprint_line(format_args!(
                "{}:{line}:{col}: fix not applied: the file has a syntax error at {line}:{col}; fix it first",
                display_path(&r.path),
            ));
        }
        for (f, why) in &r.checked.skipped {
            let (line, col) =
                source::line_col(&r.checked.text, f.range.start.min(r.checked.text.len()));
            let why = match why {
                fix::Skipped::Conflict => "it overlaps another fix; run --fix again",
                fix::Skipped::BreaksSyntax => "it would add a syntax error; fix it by hand",
                fix::Skipped::InsideError => "it would edit the template's own code",
                fix::Skipped::UnitHeldBack => {
                    "another change of its migration unit could not be applied, so the unit stays on v2"
                }
                fix::Skipped::SyntaxError { .. } => continue,
            };
            render::eprint_line(format_args!(
                "{}:{line}:{col}: {}: fix not applied: {why}",
                display_path(&r.path),
                f.rule.name()
            ));
        }
    }
}
