//! Bases shared across files (see [`crate::flexy::across::SharedBase`]): a v2 base one
//! file binds to a name (`FLEXY_BASE_URL` of a settings module, `baseUrl` of a config
//! object) that other files of the run import and append their own paths to; the base a
//! settings file gives a key (`.env`: `FLEXY_URL=.../v2`), read by the files naming the
//! key; and the base of a config file no file includes that returns an array, read by its
//! dotted path (`config('services.flexy.url')`).
//!
//! 1. Each file importing such a module (or naming such a key) and using one of its
//!    bases is checked knowing it: its version-less paths are tied to the base, and it
//!    says whether one of them keeps the base on v2 (a path matching no v2 endpoint, one
//!    not sent by a request it makes).
//! 2. The module is checked again knowing whether every file using its base is followed:
//!    the base then moves with their paths, one unit across the files; else it stays on
//!    v2 (`blocked-migration` names the file), and its readers with it. Source modules
//!    are decided before the settings files they read.
//!
//! A file that uses the base and ties no path to it (it hands the base on to code
//! elsewhere) is not followed; one that only mentions it (in a comment) does not use it.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::linked::{last_settings, merge, recheck_all, replace, settings_of};
use super::scope::Scope;
use crate::error::FileError;
use crate::flexy::across::{GivenUse, SharedBase};
use crate::lang::Lang;
use crate::link::Links;
use crate::outcome::FileResult;
use crate::pipeline::Settings;
use crate::project::reach::any_word;

/// What sharing bases did to a run.
#[derive(Debug, Default)]
pub(super) struct Shared {
    /// The pairs (module, importer) whose units now move together.
    pub pairs: Vec<(PathBuf, PathBuf)>,
    /// Files with findings were added to the results: links are to be computed again.
    pub added: bool,
}

/// The files of `results` read by key, not by import: each with its keys, and the bases
/// given to the files naming them (named by their key). A settings file's keys are its
/// own; a config file that no file imports and that returns an array gives the bases of
/// that array by their dotted path, its stem first (`services.flexy.url`).
fn read_by_key(
    results: &[FileResult],
    links: &Links,
) -> Vec<(PathBuf, Vec<String>, Vec<SharedBase>)> {
    let mut out = Vec::new();
    for (i, r) in results.iter().enumerate() {
        let said = &r.checked.linted.across;
        if r.lang == Lang::Settings && !said.bases.is_empty() {
            out.push((r.path.clone(), said.bases.clone(), said.shared.clone()));
            continue;
        }
        if links.imported.get(i) == Some(&true) {
            continue;
        }
        let stem = r.path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        let shared: Vec<SharedBase> = said
            .shared
            .iter()
            .filter_map(|b| {
                Some(SharedBase {
                    name: format!("{stem}.{}", b.returned.as_ref()?),
                    form: b.form,
                    returned: None,
                })
            })
            .collect();
        if !shared.is_empty() {
            let keys = shared.iter().map(|b| b.name.clone()).collect();
            out.push((r.path.clone(), keys, shared));
        }
    }
    out
}

/// Gives the named v2 bases of the files other files import to the files that name them,
/// then checks the modules again knowing whether those are all followed.
pub(super) fn share(
    results: &mut Vec<FileResult>,
    links: &Links,
    walked: &[(PathBuf, Lang)],
    roots: &[PathBuf],
    scope: &Scope,
    fix: bool,
    problems: &mut Vec<FileError>,
) -> Shared {
    let mut out = Shared::default();
    // Per importer: its language and the bases it names; per module: its importers.
    let mut given: BTreeMap<PathBuf, (Lang, Vec<SharedBase>)> = BTreeMap::new();
    let mut importers: BTreeMap<PathBuf, Vec<PathBuf>> = BTreeMap::new();
    for (mi, module) in results.iter().enumerate() {
        let shared = &module.checked.linted.across.shared;
        if links.imported.get(mi) != Some(&true) || links.open.get(mi) != Some(&false) {
            continue;
        }
        let Some(names) = any_word(shared.iter().map(|b| b.name.as_str())) else {
            continue;
        };
        for u in links.uses.iter().filter(|u| u.target == mi && !u.forwards) {
            let Ok(bytes) = std::fs::read(&u.path) else {
                continue;
            };
            let text = String::from_utf8_lossy(&bytes);
            let named: Vec<&str> = names.find_iter(&text).map(|m| m.as_str()).collect();
            if named.is_empty() {
                continue;
            }
            let entry = given.entry(u.path.clone()).or_insert((u.lang, Vec::new()));
            for b in shared.iter().filter(|b| named.contains(&b.name.as_str())) {
                if !entry.1.contains(b) {
                    entry.1.push(b.clone());
                }
            }
            let of = importers.entry(module.path.clone()).or_default();
            if !of.contains(&u.path) {
                of.push(u.path.clone());
            }
        }
    }
    // A settings file (`.env`, JSON, YAML...) is imported by no code, nor is a config file
    // returning an array (`config/services.php`, read as `config('services.flexy.url')`):
    // every source file of the run naming one of their keys reads them. One read of each
    // source file, for them all.
    let read_by_key = read_by_key(results, links);
    if !read_by_key.is_empty() {
        let keys = any_word(
            read_by_key
                .iter()
                .flat_map(|(_, keys, _)| keys.iter().map(String::as_str)),
        )
        .expect("files read by key have keys");
        let max = scope.settings.max_file_size;
        for (path, lang) in walked.iter().filter(|(p, l)| {
            *l != Lang::Settings && std::fs::metadata(p).is_ok_and(|m| m.len() <= max)
        }) {
            let Ok(bytes) = std::fs::read(path) else {
                continue;
            };
            let text = String::from_utf8_lossy(&bytes);
            let named: Vec<&str> = keys.find_iter(&text).map(|m| m.as_str()).collect();
            if named.is_empty() {
                continue;
            }
            for (module, keys, shared) in &read_by_key {
                if module == path || !keys.iter().any(|k| named.contains(&k.as_str())) {
                    continue;
                }
                let entry = given.entry(path.clone()).or_insert((*lang, Vec::new()));
                for b in shared.iter().filter(|b| named.contains(&b.name.as_str())) {
                    if !entry.1.contains(b) {
                        entry.1.push(b.clone());
                    }
                }
                let of = importers.entry(module.clone()).or_default();
                if !of.contains(path) {
                    of.push(path.clone());
                }
            }
        }
    }
    if given.is_empty() {
        return out;
    }
    let at = super::positions(results);
    let jobs: Vec<(PathBuf, Lang, Settings)> = given
        .into_iter()
        .filter(|(_, (_, bases))| !bases.is_empty())
        .map(|(path, (lang, bases))| {
            let mut settings = last_settings(scope, results, &at, &path);
            settings.across.given = bases;
            (path, lang, settings)
        })
        .collect();
    // How each file checked uses what it was given, quiet ones too (a file reading a key
    // only to hand it on has nothing to report, and holds the base all the same).
    let mut uses: BTreeMap<PathBuf, GivenUse> = BTreeMap::new();
    let checked = recheck_all(&jobs, roots, fix, problems);
    for r in &checked {
        uses.insert(
            r.path.clone(),
            r.checked.linted.across.given.unwrap_or_default(),
        );
    }
    out.added = merge(results, checked);
    // A name mentioned but not used (in a comment, a word of prose) makes no reader.
    for of in importers.values_mut() {
        of.retain(|p| uses.get(p).is_none_or(|g| g.reads > 0));
    }
    // A module is followed when every file using its base ties paths to it and none keeps
    // it on v2; a settings file needs one such file at least (a key no file of the run
    // reads may be read by code outside it). Source modules first: one that reads a
    // settings file itself (`'url' => env('FLEXY_URL', '...')`) is followed there once it
    // knows its own readers.
    for settings_files in [false, true] {
        let mut jobs: Vec<(PathBuf, Lang, Settings)> = Vec::new();
        for (module, of) in &importers {
            let settings_file = Lang::from_path(module) == Some(Lang::Settings);
            if settings_file != settings_files {
                continue;
            }
            let followed = (!settings_file || !of.is_empty())
                && of
                    .iter()
                    .all(|p| uses.get(p).is_some_and(|g| g.paths > 0 && !g.held));
            for p in of {
                out.pairs.push((module.clone(), p.clone()));
            }
            let Some(r) = results.iter().find(|r| super::same(&r.path, module)) else {
                continue;
            };
            let mut settings = settings_of(scope, r);
            settings.callers_elsewhere = true;
            settings.across.bases_elsewhere = !followed;
            settings.across.bases_shared = true;
            // Its functions' callers are told by following them (`super::across`).
            if settings.across.callers.is_none() && r.checked.linted.across.exported.is_empty() {
                settings.across.callers = Some(Vec::new());
            }
            jobs.push((r.path.clone(), r.lang, settings));
        }
        for r in recheck_all(&jobs, roots, fix, problems) {
            if let Some(g) = r.checked.linted.across.given {
                uses.insert(r.path.clone(), g);
            }
            replace(results, vec![r]);
        }
    }
    out
}
