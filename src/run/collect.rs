//! The files of a run: the walk, the prefilter, and the check of every candidate on every
//! core, then the files linked by imports checked again ([`linked`]).

use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use super::linked;
use super::scope::Scope;
use crate::budget::Budget;
use crate::error::{FileError, RunError};
use crate::input::{decode, read_candidate, Encoding};
use crate::lang::Lang;
use crate::outcome::{FileResult, RunResult};
use crate::pipeline::{check_source, Settings};
use crate::prefilter::Prefilter;
use crate::progress::Progress;
use crate::{render, walk, write};

/// Walks the scope's paths and checks every file (with `fix`, computes the fixed text).
pub(crate) fn collect(scope: &Scope, fix: bool, show_progress: bool) -> RunResult {
    let mut complete = true;
    let mut roots = Vec::new();
    for p in &scope.args.paths {
        if std::fs::symlink_metadata(p).is_err() {
            render::eprint_diagnostic(&RunError::NoSuchPath { path: p.clone() });
            complete = false;
        } else {
            roots.push(p.clone());
        }
    }
    let progress = Progress::new(show_progress && io::stderr().is_terminal());
    let prefilter = (!scope.args.no_prefilter).then(|| Prefilter::new(&scope.settings.extra_hosts));
    // Only files with something to say are kept; the others are counted.
    let checked = AtomicUsize::new(0);
    let results: Mutex<Vec<FileResult>> = Mutex::new(Vec::new());
    let problems: Mutex<Vec<FileError>> = Mutex::new(Vec::new());
    let excluded = |path: &Path, is_dir: bool| {
        if is_dir {
            scope.config.is_dir_excluded(path)
        } else {
            scope.config.is_excluded(path)
        }
    };
    let filter = walk::Filter {
        excluded: &excluded,
        force: scope.force_exclude,
    };
    // Two passes. The walk reads every file and keeps the names of those the prefilter lets
    // through; a clean file is only counted. Then the candidates are read again and checked
    // on every core, largest first, so that a large file started last does not keep the run
    // waiting on one core. Memory holds the files in flight, never the whole tree.
    let candidates: Mutex<Vec<(u64, PathBuf, Lang)>> = Mutex::new(Vec::new());
    // Every file met, for the imports between files (`link`).
    let walked: Mutex<Vec<(PathBuf, Lang)>> = Mutex::new(Vec::new());
    let seen = Seen::new(roots.len());
    walk::walk(&roots, &filter, &|entry| {
        match entry {
            walk::Entry::File(path, lang) => {
                if !seen.first_visit(&path) {
                    return;
                }
                walked.lock().unwrap().push((path.clone(), lang));
                let max = match lang {
                    // A large JSON or YAML file is data, not settings.
                    Lang::Settings => crate::lang::settings::MAX_SIZE,
                    _ => scope.settings.max_file_size,
                };
                match read_candidate(&path, max, prefilter.as_ref()) {
                    Ok(Some(bytes)) => {
                        let size = bytes.len() as u64;
                        candidates.lock().unwrap().push((size, path, lang));
                        return;
                    }
                    // A settings file counts as checked when it gives a Flexy base; one that
                    // cannot be read is not the project's code, and is passed over quietly.
                    Ok(None) if lang == Lang::Settings => {}
                    Ok(None) => {
                        checked.fetch_add(1, Ordering::Relaxed);
                    }
                    Err(_) if lang == Lang::Settings => {}
                    Err(e) => problems.lock().unwrap().push(e),
                }
            }
            walk::Entry::Error(problem) => problems.lock().unwrap().push(problem),
        }
        progress.tick();
    });
    let mut candidates = candidates.into_inner().unwrap();
    candidates.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    let next = AtomicUsize::new(0);
    let budget = Budget::of_machine();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    std::thread::scope(|s| {
        for _ in 0..threads.min(candidates.len()) {
            s.spawn(|| {
                while let Some((size, path, lang)) =
                    candidates.get(next.fetch_add(1, Ordering::Relaxed))
                {
                    // A share of the memory budget while the file is checked: a file that
                    // would not fit alone is skipped, not the run killed.
                    let _share = match budget.take(*size) {
                        Ok(share) => share,
                        Err(over) => {
                            problems.lock().unwrap().push(FileError::OverMemory {
                                path: path.clone(),
                                estimate: over.estimate,
                                budget: over.budget,
                            });
                            progress.tick();
                            continue;
                        }
                    };
                    match check_candidate(path, *lang, &roots, &scope.for_file(path), fix) {
                        Ok(mut r) => {
                            if *lang != Lang::Settings || !r.is_quiet() {
                                checked.fetch_add(1, Ordering::Relaxed);
                            }
                            if !r.is_quiet() {
                                // The bytes read are needed to write or diff, not to report.
                                if !fix {
                                    r.original = Vec::new();
                                }
                                results.lock().unwrap().push(r);
                            }
                        }
                        Err(_) if *lang == Lang::Settings => {}
                        Err(e) => problems.lock().unwrap().push(e),
                    }
                    progress.tick();
                }
            });
        }
    });
    progress.finish();
    let mut results = results.into_inner().unwrap();
    results.sort_by(|a, b| a.path.cmp(&b.path));
    let mut problems = problems.into_inner().unwrap();
    let mut walked = walked.into_inner().unwrap();
    walked.sort();
    linked::link_files(&mut results, &walked, &roots, scope, fix, &mut problems);
    problems.extend(single_byte_warnings(&results));
    problems.sort_by(|a, b| a.path().cmp(b.path()));
    RunResult {
        files: results,
        checked: checked.into_inner(),
        problems,
        threshold: scope.settings.threshold,
        complete,
    }
}

/// The files a run has met, by canonical path: a file named twice, or reached from two
/// named paths (`check . ./a.js`, a named link and its target), is checked once.
struct Seen {
    /// `None` with one named path: a walk that follows no link meets each file once.
    paths: Option<Mutex<std::collections::HashSet<PathBuf>>>,
}

impl Seen {
    fn new(roots: usize) -> Seen {
        Seen {
            paths: (roots > 1).then(Default::default),
        }
    }

    fn first_visit(&self, path: &Path) -> bool {
        let Some(paths) = &self.paths else {
            return true;
        };
        let key = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        paths.lock().unwrap().insert(key)
    }
}

/// Reads a candidate again, pinned to the file met (see [`write::read_pinned`]), and checks
/// it.
pub(super) fn check_candidate(
    path: &Path,
    lang: Lang,
    roots: &[PathBuf],
    settings: &Settings,
    fix: bool,
) -> Result<FileResult, FileError> {
    let origin = origin(path, roots).ok_or_else(|| FileError::Read {
        path: path.to_path_buf(),
        source: io::Error::other("cannot tell which path given it was found under"),
    })?;
    let (pinned, bytes) = write::read_pinned(path, origin, settings.max_file_size)?;
    let (text, encoding) = decode(path, &bytes)?;
    let mut r = check_source(path, lang, bytes, text, encoding, settings, fix)?;
    r.pinned = Some(pinned);
    Ok(r)
}

/// Where the walk found `path`: a path given (its links followed), or below the longest
/// folder given that holds it (no link followed below it).
fn origin(path: &Path, roots: &[PathBuf]) -> Option<write::Origin> {
    if roots.iter().any(|r| r == path) {
        return write::Origin::named(path);
    }
    let root = roots
        .iter()
        .filter(|r| path.starts_with(r))
        .max_by_key(|r| r.components().count())?;
    write::Origin::walked(root, path)
}

/// A file read as single-byte text is said once, as a warning.
pub(super) fn single_byte_warnings(results: &[FileResult]) -> Vec<FileError> {
    results
        .iter()
        .filter(|r| r.encoding == Encoding::SingleByte)
        .map(|r| FileError::SingleByte {
            path: r.path.clone(),
        })
        .collect()
}
