//! Files linked by imports move together (see [`crate::link`]): the files of a run checked
//! again knowing what the others import from them, and held back together.

use std::path::PathBuf;

use super::collect::check_candidate;
use super::scope::Scope;
use crate::error::FileError;
use crate::lang::Lang;
use crate::outcome::FileResult;
use crate::pipeline::Settings;

/// Files linked by imports move together (see [`crate::link`]): a file other files import
/// is checked again knowing that its callers are elsewhere (what its functions return to
/// them holds its units back), then the files of one component are held back together when
/// one of them is blocked (every unit of the others blocked too) or, for plain `--fix`, has
/// a unit only `--unsafe-fixes` applies (every fix of the others made unsafe).
pub(super) fn link_files(
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
    // Source files: settings files import nothing, and are read for their keys apart
    // (`super::bases`).
    let code: Vec<(PathBuf, Lang)> = walked
        .iter()
        .filter(|(_, l)| *l != Lang::Settings)
        .cloned()
        .collect();
    let settings_of = |r: &FileResult| settings_of(scope, r);
    let mut links = crate::link::link(&files(results), &code, roots, max);
    // A file importing a Flexy client module: its host-less `/v2/...` paths are Flexy's,
    // so it is checked (again) knowing it; a file that had nothing to say may now.
    let clients: Vec<bool> = results.iter().map(has_units).collect();
    let mut jobs: Vec<(PathBuf, Lang, Settings)> = Vec::new();
    let at = super::positions(results);
    for (path, lang, targets) in std::mem::take(&mut links.importers) {
        if targets.iter().any(|&t| clients[t]) {
            let mut settings = last_settings(scope, results, &at, &path);
            settings.imports_flexy = true;
            jobs.push((path, lang, settings));
        }
    }
    if merge(results, recheck_all(&jobs, roots, fix, problems)) {
        links = crate::link::link(&files(results), &code, roots, max);
    }
    // Bases handed to the code of other files (`new FlexyClient({ baseUrl })`): held, or
    // followed into that code and moved with it.
    let handed = super::handed::follow(results, &links, &code, roots, scope, fix, problems);
    if handed.added {
        links = crate::link::link(&files(results), &code, roots, max);
    }
    // A file other files import: what its functions return goes to them.
    let imported = |results: &[FileResult], links: &crate::link::Links| {
        results
            .iter()
            .enumerate()
            .filter(|(i, r)| links.imported[*i] && !r.callers_elsewhere && has_units(r))
            .map(|(_, r)| {
                let mut settings = settings_of(r);
                settings.callers_elsewhere = true;
                (r.path.clone(), r.lang, settings)
            })
            .collect::<Vec<(PathBuf, Lang, Settings)>>()
    };
    let jobs = imported(results, &links);
    replace(results, recheck_all(&jobs, roots, fix, problems));
    // Bases shared with the files that name them (a client module given its settings'
    // base may now have findings of its own), then bodies followed into the files that
    // call.
    let shared = super::bases::share(results, &links, walked, roots, scope, fix, problems);
    if shared.added {
        links = crate::link::link(&files(results), &code, roots, max);
        let jobs = imported(results, &links);
        replace(results, recheck_all(&jobs, roots, fix, problems));
    }
    // Components by path: following bodies across files adds the files that call.
    let linked_paths: Vec<(PathBuf, usize)> = links
        .component
        .iter()
        .enumerate()
        .map(|(i, c)| (results[i].path.clone(), *c))
        .collect();
    let mut pairs = super::across::follow(results, &links, &code, roots, scope, fix, problems);
    pairs.extend(shared.pairs);
    let components = components(results, &linked_paths, &pairs);
    let mut jobs: Vec<(PathBuf, Lang, Settings)> = Vec::new();
    for members in components.values().filter(|m| m.len() > 1) {
        let blocked = members.iter().find(|&&i| results[i].checked.linted.blocked);
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
    replace(results, recheck_all(&jobs, roots, fix, problems));
    // A component moves whole: when a fix of one of its files could not be applied (a
    // conflict, a syntax error it would add), none of its files changes.
    let mut jobs: Vec<(PathBuf, Lang, Settings)> = Vec::new();
    for members in components.values().filter(|m| m.len() > 1) {
        let changed = members.iter().any(|&i| results[i].new.is_some());
        let Some(&short) = members
            .iter()
            .find(|&&i| !results[i].checked.skipped.is_empty())
        else {
            continue;
        };
        if !changed {
            continue;
        }
        let path = &results[short].path;
        let name = path.strip_prefix(".").unwrap_or(path).display().to_string();
        for &i in members.iter().filter(|&&i| results[i].new.is_some()) {
            let r = &results[i];
            let mut settings = settings_of(r);
            settings.link = Some(crate::units::LinkHold::Blocked(name.clone()));
            jobs.push((r.path.clone(), r.lang, settings));
        }
    }
    replace(results, recheck_all(&jobs, roots, fix, problems));
    // The files written together or not at all.
    for (c, members) in components.values().filter(|m| m.len() > 1).enumerate() {
        for &i in members {
            results[i].component = Some(c);
        }
    }
}

/// The settings a file was checked with last: its own, with what the run told it.
pub(super) fn settings_of(scope: &Scope, r: &FileResult) -> Settings {
    let mut settings = scope.for_file(&r.path);
    settings.callers_elsewhere = r.callers_elsewhere;
    settings.imports_flexy = r.imports_flexy;
    settings.across = r.across.clone();
    settings
}

/// The files of `results` that move together, by component: those `link` joined, and
/// each module with the files that call its functions.
fn components(
    results: &[FileResult],
    linked: &[(PathBuf, usize)],
    pairs: &[(PathBuf, PathBuf)],
) -> std::collections::BTreeMap<usize, Vec<usize>> {
    let at: std::collections::HashMap<&std::ffi::OsStr, usize> = results
        .iter()
        .enumerate()
        .map(|(i, r)| (r.path.as_os_str(), i))
        .collect();
    let index = |p: &PathBuf| at.get(p.as_os_str()).copied();
    let mut parent: Vec<usize> = (0..results.len()).collect();
    fn find(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    let mut union = |a: usize, b: usize| {
        let (a, b) = (find(&mut parent, a), find(&mut parent, b));
        parent[a.max(b)] = a.min(b);
    };
    for (p, c) in linked {
        if let (Some(a), Some(b)) = (index(p), index(&linked[*c].0)) {
            union(a, b);
        }
    }
    for (m, c) in pairs {
        if let (Some(a), Some(b)) = (index(m), index(c)) {
            union(a, b);
        }
    }
    let mut out: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for i in 0..results.len() {
        out.entry(find(&mut parent, i)).or_default().push(i);
    }
    out
}

/// The settings a file was checked with last (see [`settings_of`]), or its own when it
/// had nothing to say; `at` is where each result is ([`super::positions`]).
pub(super) fn last_settings(
    scope: &Scope,
    results: &[FileResult],
    at: &super::Positions,
    path: &std::path::Path,
) -> Settings {
    match at.get(path.as_os_str()) {
        Some(&i) => settings_of(scope, &results[i]),
        None => scope.for_file(path),
    }
}

/// Puts each result checked again in the place of the one of its path, and adds those of
/// files that had nothing to say and now have (the results stay sorted by path). Whether
/// any was added.
pub(super) fn merge(
    results: &mut Vec<FileResult>,
    again: impl IntoIterator<Item = FileResult>,
) -> bool {
    let at = super::positions(results);
    let mut added = false;
    for r in again {
        match at.get(r.path.as_os_str()) {
            Some(&i) => results[i] = r,
            None if !r.is_quiet() => {
                results.push(r);
                added = true;
            }
            None => {}
        }
    }
    if added {
        results.sort_by(|a, b| a.path.cmp(&b.path));
    }
    added
}

/// Puts each result checked again in the place of the one of its path.
pub(super) fn replace(results: &mut [FileResult], again: Vec<FileResult>) {
    let at = super::positions(results);
    for r in again {
        if let Some(&i) = at.get(r.path.as_os_str()) {
            results[i] = r;
        }
    }
}

/// Checks files again (read again from disk, pinned), on every core.
pub(super) fn recheck_all(
    jobs: &[(PathBuf, Lang, Settings)],
    roots: &[PathBuf],
    fix: bool,
    problems: &mut Vec<FileError>,
) -> Vec<FileResult> {
    use rayon::prelude::*;
    let checked: Vec<Result<FileResult, FileError>> = jobs
        .par_iter()
        .map(|(path, lang, settings)| {
            let mut r = check_candidate(path, *lang, roots, settings, fix)?;
            r.callers_elsewhere = settings.callers_elsewhere;
            r.imports_flexy = settings.imports_flexy;
            r.across = settings.across.clone();
            if !fix {
                r.original = Vec::new();
            }
            Ok(r)
        })
        .collect();
    let mut done = Vec::with_capacity(checked.len());
    for r in checked {
        match r {
            Ok(r) => done.push(r),
            Err(e) => problems.push(e),
        }
    }
    done
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
