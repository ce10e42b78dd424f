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
//! Errors go where no import leads (up through any caller), so every other file of the
//! module's language family that writes a v2 error string v3 renames is read: the module
//! stays on v2 unless each such file calls it and compares only errors it proves Flexy's
//! (a caught body's `error`, the property the module copies the v2 error into:
//! `Exported::raises`); those comparisons then move with the calls.
//!
//! A published package's entry file is left alone: code outside the run calls it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use regex::Regex;

use super::linked::{last_settings, merge, recheck_all, replace, settings_of};
use super::scope::Scope;
use crate::display::display_path;
use crate::error::FileError;
use crate::flexy::across::{CallerUse, Callers, Exported, Imported};
use crate::lang::module::Imported as Bound;
use crate::lang::Lang;
use crate::link::Links;
use crate::outcome::FileResult;
use crate::pipeline::Settings;
use crate::project::reach::{any_word, module_name, Family};

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
    // What each module's functions give, as its last check says.
    let exported_now = |results: &[FileResult]| -> BTreeMap<PathBuf, Vec<Arc<Exported>>> {
        let at = super::positions(results);
        modules
            .iter()
            .map(|m| {
                let e = at
                    .get(m.as_os_str())
                    .map(|&i| &results[i].checked.linted.across);
                let all = e.map(|a| a.exported.iter().cloned().map(Arc::new).collect());
                (m.clone(), all.unwrap_or_default())
            })
            .collect()
    };
    let max = scope.settings.max_file_size;
    let mut exported = exported_now(results);
    let (mut callers, errors, unread, bases_elsewhere) =
        callers_of(results, links, &modules, walked, max, &exported);
    let mut pairs: Vec<(PathBuf, PathBuf)> = Vec::new();
    let mut decided: BTreeMap<PathBuf, Vec<Callers>> = BTreeMap::new();
    // Per caller: the settings it was checked with last, how it uses each function it may
    // call, and how many v2 error strings it compares that it does not prove Flexy's.
    let mut seen: BTreeMap<PathBuf, (Settings, Vec<CallerUse>, usize)> = BTreeMap::new();
    for round in 0..ROUNDS {
        // The callers, knowing what the modules' functions give them.
        let at = super::positions(results);
        let jobs: Vec<(PathBuf, Lang, Settings)> = callers
            .iter()
            .map(|(path, (lang, imported))| {
                let mut settings = last_settings(scope, results, &at, path);
                settings.across.imported = imported.iter().map(|(_, imp)| imp.clone()).collect();
                (path.clone(), *lang, settings)
            })
            .collect();
        // A caller checked before with the same settings gives the same answer: only the
        // others are checked again.
        let stale: Vec<(PathBuf, Lang, Settings)> = jobs
            .into_iter()
            .filter(|(path, _, settings)| seen.get(path).is_none_or(|(s, ..)| s != settings))
            .collect();
        let checked = recheck_all(&stale, roots, fix, problems);
        let at = super::positions(&checked);
        for (path, _, settings) in stale {
            seen.remove(&path);
            if let Some(&i) = at.get(path.as_os_str()) {
                let across = &checked[i].checked.linted.across;
                seen.insert(
                    path,
                    (settings, across.uses.clone(), across.unproven_errors),
                );
            }
        }
        // Per module, per function: what its callers do.
        let mut now: BTreeMap<PathBuf, Vec<Callers>> = modules
            .iter()
            .map(|m| {
                let all = exported[m]
                    .iter()
                    .map(|e| Callers {
                        name: e.name.clone(),
                        ..Callers::default()
                    })
                    .collect();
                (m.clone(), all)
            })
            .collect();
        // A large file naming a method of the module (a bundle) is not parsed for it: the
        // method's callers are not all known.
        for (module, at, name) in &unread {
            if let Some(c) = now
                .get_mut(module)
                .and_then(|all| all.iter_mut().find(|c| c.name == *name))
            {
                if !c.held {
                    c.held = true;
                    c.held_in = Some(display_path(at));
                }
            }
        }
        // Errors renamed by v3 written elsewhere: every function of the module stays,
        // unless each file writing them calls it and compares only errors it proves
        // Flexy's (a body's `error` followed from a call, the property the module copies
        // it into): those comparisons move with the calls.
        let proven: rustc_hash::FxHashSet<&std::ffi::OsStr> = seen
            .iter()
            .filter(|(_, (_, _, unproven))| *unproven == 0)
            .map(|(path, _)| path.as_os_str())
            .collect();
        for (module, files) in &errors {
            let at = files.iter().find(|f| !proven.contains(f.as_os_str()));
            let Some(at) = at else { continue };
            for c in now.get_mut(module).into_iter().flatten() {
                c.held = true;
                c.held_in = Some(display_path(at));
                c.compares_errors = true;
            }
        }
        pairs.clear();
        for (path, (_, imported)) in &callers {
            let Some((_, uses, _)) = seen.get(path) else {
                continue;
            };
            // Each caller is met once: its pairs are those pushed from here.
            let own = pairs.len();
            for (k, u) in uses.iter().enumerate() {
                let Some((module, _)) = imported.get(k) else {
                    continue;
                };
                gather(&mut now, module, u, path);
                if u.calls > 0 && !pairs[own..].iter().any(|p| super::same(&p.0, module)) {
                    pairs.push((module.clone(), path.clone()));
                }
            }
        }
        merge(results, checked);
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
                // The files naming its bases were told of them (`super::bases`): their
                // verdict stands.
                if !settings.across.bases_shared {
                    settings.across.bases_elsewhere = bases_elsewhere.contains(&r.path);
                }
                Some((r.path.clone(), r.lang, settings))
            })
            .collect();
        replace(results, recheck_all(&jobs, roots, fix, problems));
        // What the modules' functions give their callers now: when it is what they were
        // checked with, their answers stand and the decision is settled.
        exported = exported_now(results);
        let mut changed = false;
        for (_, imported) in callers.values_mut() {
            for (module, imp) in imported.iter_mut() {
                if let Some(e) = exported[&*module]
                    .iter()
                    .find(|e| e.name == imp.export.name)
                {
                    changed |= *e != imp.export;
                    imp.export = e.clone();
                }
            }
        }
        if !changed {
            break;
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
/// files of the module's language family that name one. One read of each file of those
/// families, for all the modules at once.
fn callers_of(
    results: &[FileResult],
    links: &Links,
    modules: &[PathBuf],
    walked: &[(PathBuf, Lang)],
    max_size: u64,
    exported: &BTreeMap<PathBuf, Vec<Arc<Exported>>>,
) -> Scanned {
    let mut out: BTreeMap<PathBuf, (Lang, Vec<(PathBuf, Imported)>)> = BTreeMap::new();
    let mut errors: BTreeMap<PathBuf, Vec<PathBuf>> = BTreeMap::new();
    let mut bases_elsewhere: Vec<PathBuf> = Vec::new();
    // What each importer binds, parsed once per file.
    let mut parsed: BTreeMap<PathBuf, Option<crate::lang::module::ModuleFacts>> = BTreeMap::new();
    // Per family: the names called by name, with the modules and functions they name.
    let mut by_name: Vec<(Family, String, PathBuf, Arc<Exported>)> = Vec::new();
    let at = super::positions(results);
    let family_of = |m: &PathBuf| at.get(m.as_os_str()).map(|&i| Family::of(results[i].lang));
    for module in modules {
        let Some(&mi) = at.get(module.as_os_str()) else {
            continue;
        };
        let lang = results[mi].lang;
        let functions = &exported[module];
        let stem = module_name(module);
        // Importers that name one of its functions, by what they bind (one that names
        // none cannot call them).
        // A client exported as the default is named by the importer's own local.
        let unnamed = functions.iter().any(|e| e.client);
        let Some(named) = any_word(functions.iter().map(|e| e.name.as_str())) else {
            continue;
        };
        // A file importing the module that names one of its bases may append its own
        // paths to it (`FLEXY.baseUrl + path`, a PHP constant of an included file).
        let bases = &results[mi].checked.linted.across.bases;
        if let Some(re) = any_word(bases.iter().map(String::as_str)) {
            let named_base = links.uses.iter().filter(|u| u.target == mi).any(|u| {
                std::fs::read(&u.path).is_ok_and(|b| re.is_match(&String::from_utf8_lossy(&b)))
            });
            if named_base {
                bases_elsewhere.push(module.clone());
            }
        }
        for u in links.uses.iter().filter(|u| u.target == mi && !u.forwards) {
            let facts = parsed.entry(u.path.clone()).or_insert_with(|| {
                let bytes = std::fs::read(&u.path).ok()?;
                let text = String::from_utf8_lossy(&bytes);
                if !unnamed && !named.is_match(&text) {
                    return None;
                }
                crate::project::facts_of_text(u.lang, &text)
            });
            let Some(facts) = facts else { continue };
            let bindings: Vec<crate::lang::module::Binding> = facts
                .imports
                .iter()
                .filter(|i| i.specifier == u.specifier)
                .flat_map(|i| i.bindings.iter().cloned())
                .collect();
            let entries: &mut Vec<(PathBuf, Imported)> =
                &mut out.entry(u.path.clone()).or_insert((u.lang, Vec::new())).1;
            for e in functions {
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
                        // `import api from "./api"` of a client the module exports whole.
                        Bound::Default | Bound::Module
                            if e.client && e.name == crate::flexy::across::DEFAULT_EXPORT =>
                        {
                            imp.locals.push(local.clone())
                        }
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
        for e in functions.iter().filter(|e| e.method || lang == Lang::Php) {
            by_name.push((Family::of(lang), e.name.clone(), module.clone(), e.clone()));
        }
    }
    // One read of the other files of the modules' families: those naming a method (or a
    // PHP function) of a module without importing it (an object handed to them), and
    // those comparing v2 error strings, which the errors a module raises may carry to them
    // through any number of callers. A name many objects have (`get`, `request`) counts
    // only in a file that also writes a path of the API (`"/account/...`).
    let families: Vec<Family> = modules.iter().filter_map(family_of).collect();
    let is_module: rustc_hash::FxHashSet<&std::ffi::OsStr> =
        modules.iter().map(|m| m.as_os_str()).collect();
    let names = any_word(by_name.iter().map(|(_, n, ..)| n.as_str()));
    let mut unread: Vec<(PathBuf, PathBuf, String)> = Vec::new();
    // Read on every core; what each file names is then taken in the walk's order.
    let scanned: Vec<(&PathBuf, Lang, Named)> = {
        use rayon::prelude::*;
        walked
            .par_iter()
            .filter(|(p, l)| {
                families.contains(&Family::of(*l)) && !is_module.contains(p.as_os_str())
            })
            .filter_map(|(path, l)| {
                if !std::fs::metadata(path).is_ok_and(|m| m.len() <= max_size) {
                    return None;
                }
                let bytes = std::fs::read(path).ok()?;
                let text = String::from_utf8_lossy(&bytes);
                let found: rustc_hash::FxHashSet<String> = match &names {
                    Some(names) => names
                        .find_iter(&text)
                        .map(|m| m.as_str().to_string())
                        .collect(),
                    None => Default::default(),
                };
                let named = Named {
                    large: bytes.len() > LARGE_CALLER,
                    v2_errors: V2_ERRORS.is_match(&text),
                    api_path: !found.is_empty() && crate::api::writes_api_path(&text),
                    found,
                };
                Some((path, *l, named))
            })
            .collect()
    };
    for (path, l, named) in scanned {
        let family = Family::of(l);
        if named.v2_errors {
            for module in modules {
                if family_of(module) == Some(family) {
                    errors.entry(module.clone()).or_default().push(path.clone());
                }
            }
        }
        for (f, name, module, e) in &by_name {
            if *f != family
                || !named.found.contains(name)
                || (crate::flow::is_common_name(name) && !named.api_path)
            {
                continue;
            }
            if named.large && !out.contains_key(path) {
                unread.push((module.clone(), path.clone(), name.clone()));
                continue;
            }
            let entries = &mut out.entry(path.clone()).or_insert((l, Vec::new())).1;
            add(
                entries,
                module,
                Imported {
                    export: e.clone(),
                    locals: Vec::new(),
                    modules: Vec::new(),
                    by_name: true,
                },
            );
        }
    }
    (out, errors, unread, bases_elsewhere)
}

/// What a file of the modules' families names: the methods (and PHP functions) of the
/// modules it writes, whether it writes a path of the API or a v2 error string.
struct Named {
    found: rustc_hash::FxHashSet<String>,
    api_path: bool,
    v2_errors: bool,
    large: bool,
}

/// Files larger than this that name a module's method are not parsed for it (generated
/// bundles): the method is held.
const LARGE_CALLER: usize = 1_000_000;

/// The files that may call each module's functions, with what each may call; per module,
/// the other files writing v2 error strings; the large files naming a method
/// (module, file, method); and the modules whose base another file names.
type Scanned = (
    BTreeMap<PathBuf, (Lang, Vec<(PathBuf, Imported)>)>,
    BTreeMap<PathBuf, Vec<PathBuf>>,
    Vec<(PathBuf, PathBuf, String)>,
    Vec<PathBuf>,
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
        .find(|(m, e)| super::same(m, module) && e.export.name == imp.export.name)
    {
        Some((_, e)) => {
            e.locals.extend(imp.locals);
            e.modules.extend(imp.modules);
            e.by_name |= imp.by_name;
        }
        None => entries.push((module.to_path_buf(), imp)),
    }
}
