//! Bodies followed across files (see [`crate::flexy::across`]): a client module's functions
//! that return Flexy bodies, the files that call them, one decision per function for all
//! of them.
//!
//! 1. The files other files import say what their functions return (`Exported`).
//! 2. Every file that may call them (it imports the module, or names one of its methods)
//!    is checked knowing it, and says how it uses what it gets (`CallerUse`).
//! 3. The client module is checked again knowing what all its callers do: a function is
//!    migrated at the function (it unwraps `data` and raises the v3 error) when no caller
//!    reads the v2 error, else it keeps returning the whole response and its callers' reads
//!    move; it stays on v2 when a caller uses it where it cannot be followed.
//! 4. The callers are checked again with what the module's functions now give them.
//!
//! A published package's entry file is left alone: code outside the run calls it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use regex::Regex;

use super::linked::{recheck_all, replace, settings_of};
use super::scope::Scope;
use crate::display::display_path;
use crate::error::FileError;
use crate::flexy::across::{CallerUse, Callers, Exported, Imported};
use crate::lang::module::Imported as Bound;
use crate::lang::Lang;
use crate::link::Links;
use crate::outcome::FileResult;
use crate::pipeline::Settings;
use crate::project::reach::{module_name, Family};

/// How many times the callers and the module are checked again, at most, while their
/// answers change (each pass can only hold more back).
const ROUNDS: usize = 3;

/// Follows the bodies of the client modules among `results` into the files that call
/// them. Returns the pairs (module, caller) whose units now move together.
pub(super) fn follow(
    results: &mut Vec<FileResult>,
    links: &Links,
    walked: &[(PathBuf, Lang)],
    roots: &[PathBuf],
    scope: &Scope,
    fix: bool,
    problems: &mut Vec<FileError>,
) -> Vec<(PathBuf, PathBuf)> {
    // The modules: imported by files of the run only, with functions returning bodies.
    let modules: Vec<PathBuf> = results
        .iter()
        .enumerate()
        .filter(|(i, r)| {
            links.imported.get(*i) == Some(&true)
                && links.open.get(*i) == Some(&false)
                && !r.checked.linted.across.exported.is_empty()
        })
        .map(|(_, r)| r.path.clone())
        .collect();
    if modules.is_empty() {
        return Vec::new();
    }
    let exported = |results: &[FileResult], m: &Path| -> Vec<Exported> {
        results
            .iter()
            .find(|r| r.path == m)
            .map(|r| r.checked.linted.across.exported.clone())
            .unwrap_or_default()
    };
    let max = scope.settings.max_file_size;
    let (mut callers, errors) = callers_of(results, links, &modules, walked, max, &exported);
    let mut pairs: Vec<(PathBuf, PathBuf)> = Vec::new();
    let mut decided: BTreeMap<PathBuf, Vec<Callers>> = BTreeMap::new();
    for round in 0..ROUNDS {
        // The callers, knowing what the modules' functions give them.
        let jobs: Vec<(PathBuf, Lang, Settings)> = callers
            .iter()
            .map(|(path, (lang, imported))| {
                let mut settings = match results.iter().find(|r| &r.path == path) {
                    Some(r) => settings_of(scope, r),
                    None => scope.for_file(path),
                };
                settings.across.imported = imported.iter().map(|(_, imp)| imp.clone()).collect();
                (path.clone(), *lang, settings)
            })
            .collect();
        let checked = recheck_all(jobs, roots, fix, problems);
        // Per module, per function: what its callers do.
        let mut now: BTreeMap<PathBuf, Vec<Callers>> = modules
            .iter()
            .map(|m| {
                let all = exported(results, m)
                    .into_iter()
                    .map(|e| Callers {
                        name: e.name,
                        ..Callers::default()
                    })
                    .collect();
                (m.clone(), all)
            })
            .collect();
        // Errors renamed by v3 compared elsewhere: every function of the module stays.
        for (module, at) in &errors {
            for c in now.get_mut(module).into_iter().flatten() {
                c.held = true;
                c.held_in = Some(display_path(at));
                c.compares_errors = true;
            }
        }
        pairs.clear();
        for r in &checked {
            let Some((_, imported)) = callers.get(&r.path) else {
                continue;
            };
            for (k, u) in r.checked.linted.across.uses.iter().enumerate() {
                let Some((module, _)) = imported.get(k) else {
                    continue;
                };
                gather(&mut now, module, u, &r.path);
                if u.calls > 0 && !pairs.iter().any(|p| p.0 == *module && p.1 == r.path) {
                    pairs.push((module.clone(), r.path.clone()));
                }
            }
        }
        for r in checked {
            match results.iter_mut().find(|x| x.path == r.path) {
                Some(x) => *x = r,
                None if !r.is_quiet() => results.push(r),
                None => {}
            }
        }
        results.sort_by(|a, b| a.path.cmp(&b.path));
        // The callers saw what the modules give, decided on what they do: settled.
        if round > 0 && now == decided {
            break;
        }
        decided = now;
        if round + 1 == ROUNDS {
            // Not settled: every function stays on v2, and its callers with it.
            for c in decided.values_mut().flatten() {
                c.held = true;
            }
        }
        // The modules, knowing what their callers do.
        let jobs: Vec<(PathBuf, Lang, Settings)> = results
            .iter()
            .filter_map(|r| {
                let known = decided.get(&r.path)?;
                let mut settings = settings_of(scope, r);
                settings.callers_elsewhere = true;
                settings.across.callers = Some(known.clone());
                Some((r.path.clone(), r.lang, settings))
            })
            .collect();
        replace(results, recheck_all(jobs, roots, fix, problems));
        // What the modules' functions give their callers now.
        for (_, imported) in callers.values_mut() {
            for (module, imp) in imported.iter_mut() {
                if let Some(e) = exported(results, module)
                    .into_iter()
                    .find(|e| e.name == imp.export.name)
                {
                    imp.export = e;
                }
            }
        }
    }
    pairs
}

/// Adds one file's use of one function to what its module's callers do.
fn gather(now: &mut BTreeMap<PathBuf, Vec<Callers>>, module: &Path, u: &CallerUse, at: &Path) {
    let Some(all) = now.get_mut(module) else {
        return;
    };
    let Some(c) = all.iter_mut().find(|c| c.name == u.name) else {
        return;
    };
    c.calls += u.calls;
    c.reads_errors |= u.reads_errors;
    if u.held && !c.held {
        c.held = true;
        c.held_in = Some(display_path(at));
    }
}

/// The files that may call the modules' functions, with what each may call: the files
/// that import a module (by the names they bind), and, for methods and PHP functions, the
/// files of the module's language family that name one.
fn callers_of(
    results: &[FileResult],
    links: &Links,
    modules: &[PathBuf],
    walked: &[(PathBuf, Lang)],
    max_size: u64,
    exported: &dyn Fn(&[FileResult], &Path) -> Vec<Exported>,
) -> Scanned {
    let mut out: BTreeMap<PathBuf, (Lang, Vec<(PathBuf, Imported)>)> = BTreeMap::new();
    let mut errors: BTreeMap<PathBuf, PathBuf> = BTreeMap::new();
    for module in modules {
        let Some(mi) = results.iter().position(|r| &r.path == module) else {
            continue;
        };
        let lang = results[mi].lang;
        let functions = exported(results, module);
        let stem = module_name(module);
        // Importers, by what they bind.
        for u in links.uses.iter().filter(|u| u.target == mi && !u.forwards) {
            let bindings: Vec<crate::lang::module::Binding> = std::fs::read(&u.path)
                .ok()
                .and_then(|b| crate::project::facts_of_text(u.lang, &String::from_utf8_lossy(&b)))
                .map(|f| {
                    f.imports
                        .into_iter()
                        .filter(|i| i.specifier == u.specifier)
                        .flat_map(|i| i.bindings)
                        .collect()
                })
                .unwrap_or_else(|| u.bindings.clone());
            let entries: &mut Vec<(PathBuf, Imported)> =
                &mut out.entry(u.path.clone()).or_insert((u.lang, Vec::new())).1;
            for e in &functions {
                let mut imp = Imported {
                    export: e.clone(),
                    locals: Vec::new(),
                    modules: Vec::new(),
                    by_name: e.method || lang == Lang::Php,
                };
                for b in &bindings {
                    let Some(local) = &b.local else {
                        // An include: its functions are the file's.
                        imp.by_name = true;
                        continue;
                    };
                    match &b.imported {
                        Bound::Name(n) if *n == e.name => imp.locals.push(local.clone()),
                        // `from pkg import client`: the module itself.
                        Bound::Name(n) if *n == stem => imp.modules.push(local.clone()),
                        Bound::Name(_) => {}
                        Bound::Module | Bound::Default => imp.modules.push(local.clone()),
                        Bound::All => imp.locals.push(e.name.clone()),
                    }
                }
                add(entries, module, imp);
            }
        }
        // One read of the other files of the module's language family: those naming a
        // method (or a PHP function) of the module without importing it (an object handed
        // to them), and those comparing v2 error strings, which the errors the module
        // raises may carry to them through any number of callers.
        let by_name: Vec<&Exported> = functions
            .iter()
            .filter(|e| e.method || lang == Lang::Php)
            .collect();
        let words: Vec<String> = by_name.iter().map(|e| regex::escape(&e.name)).collect();
        let names = (!words.is_empty())
            .then(|| Regex::new(&format!(r"\b(?:{})\b", words.join("|"))).ok())
            .flatten();
        let family = Family::of(lang);
        for (path, l) in walked.iter().filter(|(p, l)| {
            Family::of(*l) == family
                && p != module
                && std::fs::metadata(p).is_ok_and(|m| m.len() <= max_size)
        }) {
            let Ok(bytes) = std::fs::read(path) else {
                continue;
            };
            let text = String::from_utf8_lossy(&bytes);
            if V2_ERRORS.is_match(&text) {
                errors.entry(module.clone()).or_insert_with(|| path.clone());
            }
            if out.contains_key(path) || !names.as_ref().is_some_and(|n| n.is_match(&text)) {
                continue;
            }
            let entries = &mut out.entry(path.clone()).or_insert((*l, Vec::new())).1;
            for e in &by_name {
                add(
                    entries,
                    module,
                    Imported {
                        export: (*e).clone(),
                        locals: Vec::new(),
                        modules: Vec::new(),
                        by_name: true,
                    },
                );
            }
        }
    }
    (out, errors)
}

/// The files that may call each module's functions, with what each may call; and per
/// module, the first other file comparing v2 error strings.
type Scanned = (
    BTreeMap<PathBuf, (Lang, Vec<(PathBuf, Imported)>)>,
    BTreeMap<PathBuf, PathBuf>,
);

/// A v2 error string that v3 renames, quoted: code comparing it reads a v2 error.
static V2_ERRORS: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
    let codes: Vec<String> = crate::api::ERROR_CODES
        .iter()
        .map(|c| regex::escape(c.v2))
        .collect();
    Regex::new(&format!(r#"["'`](?:{})["'`]"#, codes.join("|"))).expect("a valid pattern")
});

/// Adds `imp` to a file's entries, merged with one of the same module and function.
fn add(entries: &mut Vec<(PathBuf, Imported)>, module: &Path, imp: Imported) {
    match entries
        .iter_mut()
        .find(|(m, e)| m == module && e.export.name == imp.export.name)
    {
        Some((_, e)) => {
            e.locals.extend(imp.locals);
            e.modules.extend(imp.modules);
            e.by_name |= imp.by_name;
        }
        None => entries.push((module.to_path_buf(), imp)),
    }
}
