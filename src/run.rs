//! `v3-migrate check`: the arguments and the config file resolved into settings, the walk,
//! fixing and writing, `--stdin-filename`, rendering, and the exit code.
//!
//! Owns the order of a run and what goes to stdout or stderr. Not: what a finding is
//! (`rules`), how files are found (`walk`), how a format looks (`render`).

use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use crate::api::Group;
use crate::cli::{CheckArgs, OutputFormat, ScopeArgs};
use crate::config::Config;
use crate::error::{FileError, RunError};
use crate::input::{decode, read_candidate, Encoding};
use crate::lang::Lang;
use crate::outcome::FileResult;
use crate::pipeline::{check_source, Settings, DEFAULT_MAX_FILE_SIZE};
use crate::prefilter::Prefilter;
use crate::progress::Progress;
use crate::rules::{self, Applicability, Rule};
use crate::{fix, render, source, walk, write};

/// What a run looks at and how it checks it: the scope arguments and the config file,
/// resolved. `check` and `report` share it.
pub(crate) struct Scope<'a> {
    args: &'a ScopeArgs,
    config: Config,
    /// Settings before per-file ignores.
    pub(crate) settings: Settings,
    force_exclude: bool,
}

/// How the rules are chosen: `--select`, `--ignore`, `--unsafe-fixes` and `--only`.
#[derive(Default)]
pub(crate) struct RuleArgs<'a> {
    pub select: &'a [String],
    pub ignore: &'a [String],
    pub unsafe_fixes: bool,
    pub only: &'a [Group],
}

impl Scope<'_> {
    pub(crate) fn resolve<'a>(args: &'a ScopeArgs, r: &RuleArgs) -> Result<Scope<'a>, RunError> {
        let config = if args.isolated {
            Config::default()
        } else if let Some(path) = &args.config {
            Config::load(path)?
        } else {
            let cwd = std::env::current_dir().map_err(RunError::Cwd)?;
            Config::discover(&cwd)?.unwrap_or_default()
        };
        let names = |names: &[String]| -> Result<Vec<Rule>, RunError> {
            let mut out = Vec::new();
            for n in names.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
                let rules = rules::selector(n).ok_or_else(|| RunError::UnknownRule {
                    name: n.to_string(),
                })?;
                out.extend(rules);
            }
            Ok(out)
        };
        // The command line's `--select` replaces the file's; `--ignore` adds to it.
        let selected = match names(r.select)? {
            cli if !cli.is_empty() => cli,
            _ => config.select.clone().unwrap_or_else(|| Rule::ALL.to_vec()),
        };
        let mut ignored = config.ignore.clone();
        ignored.extend(names(r.ignore)?);
        let rules = Rule::ALL
            .iter()
            .copied()
            .filter(|r| selected.contains(r) && !ignored.contains(r))
            .collect();
        let mut extra_hosts = config.flexy_hosts.clone();
        extra_hosts.extend(
            args.flexy_host
                .iter()
                .map(|h| h.trim().to_ascii_lowercase()),
        );
        let unsafe_fixes = r.unsafe_fixes || config.unsafe_fixes == Some(true);
        let max_file_size = args
            .max_file_size
            .or(config.max_file_size)
            .map_or(DEFAULT_MAX_FILE_SIZE, |mb| mb.saturating_mul(1_000_000));
        Ok(Scope {
            force_exclude: args.force_exclude || config.force_exclude == Some(true),
            settings: Settings {
                rules,
                extra_hosts,
                threshold: if unsafe_fixes {
                    Applicability::Unsafe
                } else {
                    Applicability::Safe
                },
                max_file_size,
                only: (!r.only.is_empty()).then(|| r.only.iter().copied().collect()),
                inventory: false,
                callers_elsewhere: false,
                imports_flexy: false,
                link: None,
            },
            config,
            args,
        })
    }

    /// The settings for one file: the config's per-file ignores taken out.
    fn for_file(&self, path: &Path) -> Settings {
        let ignored = self.config.ignored_rules(path);
        let mut settings = self.settings.clone();
        settings.rules.retain(|r| !ignored.contains(r));
        settings
    }
}

/// The `check` arguments, resolved.
struct Options<'a> {
    args: &'a CheckArgs,
    scope: Scope<'a>,
}

impl Options<'_> {
    fn want_fix(&self) -> bool {
        self.args.fix || self.args.diff
    }

    /// Machine-readable formats get no progress line and print the summary on stderr.
    fn human_output(&self) -> bool {
        matches!(
            self.args.output_format,
            OutputFormat::Human | OutputFormat::Concise
        )
    }
}

/// What checking the paths of a scope gives.
pub(crate) struct Collected {
    /// Files with something to say, sorted by path.
    pub results: Vec<FileResult>,
    /// Files that could not be checked, sorted by path.
    pub problems: Vec<FileError>,
    pub checked: usize,
    /// False when a path given does not exist.
    pub complete: bool,
}

/// Walks the scope's paths and checks every file (with `fix`, computes the fixed text).
pub(crate) fn collect(scope: &Scope, fix: bool, show_progress: bool) -> Collected {
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
                let max = scope.settings.max_file_size;
                match read_candidate(&path, max, prefilter.as_ref()) {
                    Ok(Some(bytes)) => {
                        let size = bytes.len() as u64;
                        candidates.lock().unwrap().push((size, path, lang));
                        return;
                    }
                    Ok(None) => {
                        checked.fetch_add(1, Ordering::Relaxed);
                    }
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
    let budget = crate::budget::Budget::of_machine();
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
                            checked.fetch_add(1, Ordering::Relaxed);
                            if !r.is_quiet() {
                                // The bytes read are needed to write or diff, not to report.
                                if !fix {
                                    r.original = Vec::new();
                                }
                                results.lock().unwrap().push(r);
                            }
                        }
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
    link_files(&mut results, &walked, &roots, scope, fix, &mut problems);
    problems.extend(single_byte_warnings(&results));
    problems.sort_by(|a, b| a.path().cmp(b.path()));
    Collected {
        results,
        problems,
        checked: checked.into_inner(),
        complete,
    }
}

/// Files linked by imports move together (see [`crate::link`]): a file other files import
/// is checked again knowing that its callers are elsewhere (what its functions return to
/// them holds its units back), then the files of one component are held back together when
/// one of them is blocked (every unit of the others blocked too) or, for plain `--fix`, has
/// a unit only `--unsafe-fixes` applies (every fix of the others made unsafe).
fn link_files(
    results: &mut Vec<FileResult>,
    walked: &[(PathBuf, Lang)],
    roots: &[PathBuf],
    scope: &Scope,
    fix: bool,
    problems: &mut Vec<FileError>,
) {
    let files = |results: &[FileResult]| -> Vec<(PathBuf, Lang)> {
        results.iter().map(|r| (r.path.clone(), r.lang)).collect()
    };
    if results.is_empty() {
        return;
    }
    let max = scope.settings.max_file_size;
    let settings_of = |r: &FileResult| {
        let mut settings = scope.for_file(&r.path);
        settings.callers_elsewhere = r.callers_elsewhere;
        settings.imports_flexy = r.imports_flexy;
        settings
    };
    let mut links = crate::link::link(&files(results), walked, max);
    // A file importing a Flexy client module: its host-less `/v2/...` paths are Flexy's,
    // so it is checked (again) knowing it; a file that had nothing to say may now.
    let clients: Vec<bool> = results.iter().map(has_units).collect();
    let mut jobs: Vec<(PathBuf, Lang, Settings)> = Vec::new();
    for (path, lang, targets) in std::mem::take(&mut links.importers) {
        if targets.iter().any(|&t| clients[t]) {
            let mut settings = match results.iter().find(|r| r.path == path) {
                Some(r) => settings_of(r),
                None => scope.for_file(&path),
            };
            settings.imports_flexy = true;
            jobs.push((path, lang, settings));
        }
    }
    let mut added = false;
    for r in recheck_all(jobs, roots, fix, problems) {
        match results.iter_mut().find(|x| x.path == r.path) {
            Some(x) => *x = r,
            None if !r.is_quiet() => {
                results.push(r);
                added = true;
            }
            None => {}
        }
    }
    if added {
        results.sort_by(|a, b| a.path.cmp(&b.path));
        links = crate::link::link(&files(results), walked, max);
    }
    // A file other files import: what its functions return goes to them.
    let jobs: Vec<(PathBuf, Lang, Settings)> = results
        .iter()
        .enumerate()
        .filter(|(i, r)| links.imported[*i] && has_units(r))
        .map(|(_, r)| {
            let mut settings = settings_of(r);
            settings.callers_elsewhere = true;
            (r.path.clone(), r.lang, settings)
        })
        .collect();
    replace(results, recheck_all(jobs, roots, fix, problems));
    let mut components: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for (i, c) in links.component.iter().enumerate() {
        components.entry(*c).or_default().push(i);
    }
    let mut jobs: Vec<(PathBuf, Lang, Settings)> = Vec::new();
    for members in components.values().filter(|m| m.len() > 1) {
        let blocked = members.iter().find(|&&i| {
            results[i]
                .checked
                .linted
                .findings
                .iter()
                .any(|f| f.rule == crate::rules::Rule::BlockedMigration)
        });
        let hold = |i: usize| match blocked {
            Some(&b) => {
                // The blocked file for the others; a file it is linked to for itself.
                let named = if i == b {
                    members.iter().copied().find(|&j| j != b).unwrap_or(b)
                } else {
                    b
                };
                let path = &results[named].path;
                let name = path.strip_prefix(".").unwrap_or(path).display().to_string();
                crate::units::LinkHold::Blocked(name)
            }
            None => crate::units::LinkHold::Unsafe,
        };
        let pending = scope.settings.threshold == crate::rules::Applicability::Safe
            && members.iter().any(|&i| {
                results[i].checked.linted.findings.iter().any(|f| {
                    f.fix
                        .as_ref()
                        .is_some_and(|x| x.applicability == crate::rules::Applicability::Unsafe)
                })
            });
        if blocked.is_none() && !pending {
            continue;
        }
        for &i in members.iter().filter(|&&i| has_fixes(&results[i])) {
            let r = &results[i];
            let mut settings = settings_of(r);
            settings.link = Some(hold(i));
            jobs.push((r.path.clone(), r.lang, settings));
        }
    }
    replace(results, recheck_all(jobs, roots, fix, problems));
}

/// Puts each result checked again in the place of the one of its path.
fn replace(results: &mut [FileResult], again: Vec<FileResult>) {
    for r in again {
        if let Some(x) = results.iter_mut().find(|x| x.path == r.path) {
            *x = r;
        }
    }
}

/// Checks files again (read again from disk, pinned), on every core.
fn recheck_all(
    jobs: Vec<(PathBuf, Lang, Settings)>,
    roots: &[PathBuf],
    fix: bool,
    problems: &mut Vec<FileError>,
) -> Vec<FileResult> {
    let next = AtomicUsize::new(0);
    let done: Mutex<Vec<FileResult>> = Mutex::new(Vec::new());
    let failed: Mutex<Vec<FileError>> = Mutex::new(Vec::new());
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    std::thread::scope(|s| {
        for _ in 0..threads.min(jobs.len()) {
            s.spawn(|| {
                while let Some((path, lang, settings)) =
                    jobs.get(next.fetch_add(1, Ordering::Relaxed))
                {
                    match check_candidate(path, *lang, roots, settings, fix) {
                        Ok(mut r) => {
                            r.callers_elsewhere = settings.callers_elsewhere;
                            r.imports_flexy = settings.imports_flexy;
                            if !fix {
                                r.original = Vec::new();
                            }
                            done.lock().unwrap().push(r);
                        }
                        Err(e) => failed.lock().unwrap().push(e),
                    }
                }
            });
        }
    });
    problems.extend(failed.into_inner().unwrap());
    done.into_inner().unwrap()
}

/// Whether a file has Flexy findings that take part in units.
fn has_units(r: &FileResult) -> bool {
    r.checked
        .linted
        .findings
        .iter()
        .chain(&r.checked.fixed)
        .any(|f| f.unit.is_some())
}

/// Whether a file has fixes, applied or not.
fn has_fixes(r: &FileResult) -> bool {
    !r.checked.fixed.is_empty() || r.checked.linted.findings.iter().any(|f| f.fix.is_some())
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
fn check_candidate(
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

/// Runs `check`; the exit code.
pub fn check(args: &CheckArgs) -> Result<u8, RunError> {
    let rule_args = RuleArgs {
        select: &args.select,
        ignore: &args.ignore,
        unsafe_fixes: args.unsafe_fixes,
        only: &args.only,
    };
    let opts = Options {
        scope: Scope::resolve(&args.scope, &rule_args)?,
        args,
    };
    if let Some(name) = &args.stdin_filename {
        return check_stdin(&opts, name);
    }
    if args.interactive && !io::stdin().is_terminal() {
        return Err(RunError::NotInteractive);
    }
    if let Some(path) = &args.write_baseline {
        // Refused before the run, not after it.
        write::check_output(path)?;
    }
    let mut baseline = args
        .baseline
        .as_deref()
        .map(crate::baseline::Baseline::load)
        .transpose()?;
    let Collected {
        mut results,
        mut problems,
        checked,
        complete,
    } = collect(&opts.scope, opts.want_fix(), opts.human_output());

    let stdout = io::stdout();
    let mut out = stdout.lock();
    let mut diff_changes = false;
    if args.diff {
        for r in &results {
            if let Some(new) = &r.new {
                diff_changes = true;
                write_diff(&mut out, &r.path, r.encoding, &r.original, new)?;
            }
        }
    } else if args.fix {
        if !args.force {
            refuse_dirty(&results)?;
        }
        if args.interactive {
            crate::interactive::review(
                &mut results,
                &opts.scope.settings,
                &mut io::stdin().lock(),
                &mut io::stderr(),
            )
            .map_err(RunError::Output)?;
        }
        write_fixes(&mut results, &mut problems, &opts.scope);
    }
    if let Some(path) = &args.write_baseline {
        // The findings written are accepted: the run reports them as baselined.
        let written = crate::baseline::Baseline::of(&results);
        written.save(path)?;
        baseline = Some(written);
    }
    if let Some(b) = &baseline {
        b.filter(&mut results);
    }
    for p in &problems {
        render::eprint_diagnostic(p);
    }
    report_skipped(&results);
    let report = render::Report {
        files: &results,
        checked,
        problems: &problems,
        threshold: opts.scope.settings.threshold,
        complete,
    };
    finish(&opts, &report, &mut out, diff_changes)
}

/// Writes each fixed file. A file not written is reported as it still is.
fn write_fixes(results: &mut [FileResult], problems: &mut Vec<FileError>, scope: &Scope) {
    for r in results.iter_mut().filter(|r| r.new.is_some()) {
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
fn refuse_dirty(results: &[FileResult]) -> Result<(), RunError> {
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
                format!("{} ({why})", crate::display::display_path(p))
            })
            .collect(),
    })
}

/// A file read as single-byte text is said once, as a warning.
fn single_byte_warnings(results: &[FileResult]) -> Vec<FileError> {
    results
        .iter()
        .filter(|r| r.encoding == Encoding::SingleByte)
        .map(|r| FileError::SingleByte {
            path: r.path.clone(),
        })
        .collect()
}

/// The findings or statistics, the fixes list, the summary; the exit code.
fn finish(
    opts: &Options,
    report: &render::Report,
    out: &mut dyn Write,
    diff_changes: bool,
) -> Result<u8, RunError> {
    let args = opts.args;
    // Where the human-facing lines go: with the findings, unless stdout holds a patch, a
    // fixed source or a machine-readable document.
    let side_to_stdout = opts.human_output() && !args.diff && args.stdin_filename.is_none();
    let mut side: Box<dyn Write> = if side_to_stdout {
        Box::new(io::stdout())
    } else {
        // A closed stderr loses the summary, not the exit code.
        Box::new(render::Lossy(io::stderr()))
    };
    if args.statistics {
        let json = matches!(
            args.output_format,
            OutputFormat::Json | OutputFormat::JsonLines
        );
        render::statistics(report, json, out).map_err(RunError::Output)?;
    } else if !args.diff {
        render::renderer(args.output_format)
            .render(report, out)
            .map_err(RunError::Output)?;
    }
    out.flush().map_err(RunError::Output)?;
    if args.show_fixes && opts.want_fix() {
        render::show_fixes(report.files, args.diff, &mut side).map_err(RunError::Output)?;
    }
    let summary = render::summary(
        report,
        args.fix,
        args.diff,
        opts.scope.settings.threshold,
        args.strict,
    );
    writeln!(side, "{summary}").map_err(RunError::Output)?;
    side.flush().map_err(RunError::Output)?;
    let remaining: usize = report
        .files
        .iter()
        .map(|r| r.checked.linted.findings.len())
        .sum();
    let fixed_any = args.fix && report.files.iter().any(|r| r.new.is_some());
    Ok(
        if !report.complete || (args.strict && report.unchecked() > 0) {
            2
        } else if args.exit_zero {
            0
        } else if (args.diff && diff_changes)
            || remaining > 0
            || (args.exit_non_zero_on_fix && fixed_any)
        {
            1
        } else {
            0
        },
    )
}

/// `--stdin-filename NAME`: the source from stdin, as the file NAME. Findings go to stdout;
/// with `--fix` the fixed source does (exactly the input when nothing applies or the input
/// cannot be checked, so an editor never loses text) and the findings go to stderr.
fn check_stdin(opts: &Options, name: &Path) -> Result<u8, RunError> {
    let args = opts.args;
    if args
        .scope
        .paths
        .iter()
        .any(|p| p != Path::new("-") && p != Path::new("."))
    {
        return Err(RunError::StdinWithPaths);
    }
    let mut input = Vec::new();
    io::stdin()
        .read_to_end(&mut input)
        .map_err(RunError::Stdin)?;
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let echo = |out: &mut dyn Write| -> Result<(), RunError> {
        if args.fix {
            out.write_all(&input).map_err(RunError::Output)?;
        }
        Ok(())
    };
    let lang = Lang::from_path(name).ok_or_else(|| RunError::StdinLanguage {
        name: name.to_path_buf(),
    });
    let lang = match lang {
        Ok(l) => l,
        Err(e) => {
            echo(&mut out)?;
            return Err(e);
        }
    };
    if opts.scope.force_exclude && opts.scope.config.is_excluded(name) {
        echo(&mut out)?;
        return Ok(0);
    }
    let settings = opts.scope.for_file(name);
    let result = decode(name, &input).and_then(|(text, encoding)| {
        check_source(
            name,
            lang,
            input.clone(),
            text,
            encoding,
            &settings,
            opts.want_fix(),
        )
    });
    let result = match result {
        Ok(r) => r,
        Err(e) => {
            echo(&mut out)?;
            render::eprint_diagnostic(&e);
            return Ok(2);
        }
    };
    let diff_changes = result.new.is_some();
    if args.fix {
        out.write_all(result.new.as_deref().unwrap_or(&input))
            .map_err(RunError::Output)?;
    } else if args.diff {
        if let Some(new) = &result.new {
            write_diff(&mut out, name, result.encoding, &input, new)?;
        }
    }
    out.flush().map_err(RunError::Output)?;
    let results = [result];
    report_skipped(&results);
    let problems = single_byte_warnings(&results);
    for p in &problems {
        render::eprint_diagnostic(p);
    }
    let report = render::Report {
        files: &results,
        checked: results.len(),
        problems: &problems,
        threshold: settings.threshold,
        complete: true,
    };
    if args.fix {
        // stdout holds the source: the findings left go to stderr.
        finish(opts, &report, &mut io::stderr(), diff_changes)
    } else {
        finish(opts, &report, &mut out, diff_changes)
    }
}

/// The patch of one file, as text: a UTF-16 file's is shown decoded.
fn write_diff(
    out: &mut dyn Write,
    path: &Path,
    encoding: Encoding,
    old: &[u8],
    new: &[u8],
) -> Result<(), RunError> {
    let name = crate::display::display_path(path);
    let name = name.trim_start_matches('/');
    let old = encoding.show(old);
    let new = encoding.show(new);
    let diff = similar::TextDiff::from_lines(old.as_str(), new.as_str());
    write!(
        out,
        "{}",
        diff.unified_diff()
            .context_radius(3)
            .header(&format!("a/{name}"), &format!("b/{name}"))
    )
    .map_err(RunError::Output)
}

/// Fixes left out are said, with the reason, so nothing is skipped silently.
fn report_skipped(results: &[FileResult]) {
    for r in results {
        // A syntax error holds back every fix of the file: said once, where it is.
        if let Some(at) = r.checked.skipped.iter().find_map(|(_, why)| match why {
            fix::Skipped::SyntaxError { at } => Some(*at),
            _ => None,
        }) {
            let (line, col) = source::line_col(&r.checked.text, at.min(r.checked.text.len()));
            render::eprint_line(format_args!(
                "{}:{line}:{col}: fix not applied: the file has a syntax error at {line}:{col}; fix it first",
                crate::display::display_path(&r.path),
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
                crate::display::display_path(&r.path),
                f.rule.name()
            ));
        }
    }
}
