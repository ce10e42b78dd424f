//! Bases a file hands to the code of other files of the run: `new FlexyClient({ baseUrl:
//! FLEXY_URL })` of a class another file declares, `FlexyClient(base_url=...)`, `new
//! FlexyClient('https://...')` of an included file.
//!
//! 1. A file with a base written in the arguments of a call of a name it imports
//!    (`Said::hands_on`) is checked knowing the names its imports bind to
//!    files writing paths of the API (`link::project_names`): a base written (or its name
//!    read) in the arguments of a call of one is handed there (`across::Handed`), and
//!    held, whether or not the file appends paths of its own to it.
//! 2. Each file it is handed to is checked with it (`Env::handed_in`), under the key or
//!    the parameter name its code reads it by (`this.baseUrl`, `self.base_url`).
//!    Only when every call of that class or function in the files of its language family
//!    hands it a Flexy base (a closed world: a test building the client on a mock's URL
//!    keeps it on v2).
//! 3. When that code ties paths to it and none is held (`GivenUse`), the handing file is
//!    checked again knowing it (`Env::handed_followed`): its base moves, with that code,
//!    in one component.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::linked::{last_settings, merge, recheck_all, replace, settings_of};
use super::scope::Scope;
use crate::error::FileError;
use crate::flexy::across::Handed;
use crate::lang::Lang;
use crate::outcome::FileResult;
use crate::pipeline::Settings;
use crate::project::reach::Family;

/// What following the handed bases did.
#[derive(Default)]
pub(super) struct Followed {
    /// The pairs (file handed to, handing file) whose units now move together.
    pub pairs: Vec<(PathBuf, PathBuf)>,
    /// Files with findings were added to the results: links are to be computed again.
    pub added: bool,
}

pub(super) fn follow(
    results: &mut Vec<FileResult>,
    links: &crate::link::Links,
    code: &[(PathBuf, Lang)],
    roots: &[PathBuf],
    scope: &Scope,
    fix: bool,
    problems: &mut Vec<FileError>,
) -> Followed {
    let mut out = Followed::default();
    // 1. The files with a base written in the arguments of a call of a name they import
    //    (used there or not, it may be handed on).
    let handing: Vec<(PathBuf, Lang)> = results
        .iter()
        .filter(|r| r.checked.linted.across.hands_on)
        .map(|r| (r.path.clone(), r.lang))
        .collect();
    if handing.is_empty() {
        return out;
    }
    let names = crate::link::project_names(&links.table, &handing, code);
    let mut leads: BTreeMap<PathBuf, Vec<(String, PathBuf)>> = BTreeMap::new();
    let jobs: Vec<(PathBuf, Lang, Settings)> = handing
        .iter()
        .zip(names)
        .filter(|(_, names)| !names.is_empty())
        .filter_map(|((path, lang), names)| {
            let r = results.iter().find(|r| super::same(&r.path, path))?;
            let mut settings = settings_of(scope, r);
            settings.across.project_names = names.iter().map(|(n, _)| n.clone()).collect();
            leads.insert(path.clone(), names);
            Some((path.clone(), *lang, settings))
        })
        .collect();
    replace(results, recheck_all(&jobs, roots, fix, problems));
    // 2. The files the bases are handed to, each with all it is handed.
    let mut handed_to: BTreeMap<PathBuf, Vec<Handed>> = BTreeMap::new();
    let mut hands: BTreeMap<PathBuf, Vec<PathBuf>> = BTreeMap::new();
    for (path, names) in &leads {
        let Some(r) = results.iter().find(|r| super::same(&r.path, path)) else {
            continue;
        };
        for h in &r.checked.linted.across.handed {
            let Some((_, to)) = names.iter().find(|(n, _)| *n == h.callee) else {
                continue;
            };
            let all = handed_to.entry(to.clone()).or_default();
            if !all.contains(h) {
                all.push(h.clone());
            }
            let targets = hands.entry(path.clone()).or_default();
            if !targets.contains(to) {
                targets.push(to.clone());
            }
        }
    }
    let lang_of = |p: &Path| code.iter().find(|(c, _)| c == p).map(|(_, l)| *l);
    // A closed world: every call of the code a base is handed to, in any file of its
    // language family, hands it a Flexy base (a test building the client on a mock's URL,
    // a default instance on a variable's, would send the moved paths elsewhere).
    handed_to.retain(|module, handed| {
        let Some(family) = lang_of(module).map(Family::of) else {
            return false;
        };
        let mut callees: Vec<&str> = handed.iter().map(|h| h.callee.as_str()).collect();
        callees.dedup();
        callees.iter().all(|callee| {
            code.iter()
                .filter(|(_, l)| Family::of(*l) == family)
                .all(|(path, _)| {
                    let found = std::fs::read(path)
                        .map(|b| calls_of(&String::from_utf8_lossy(&b), callee))
                        .unwrap_or(0);
                    let sites: usize = results
                        .iter()
                        .find(|r| super::same(&r.path, path))
                        .filter(|_| leads.contains_key(path))
                        .map_or(0, |r| {
                            r.checked
                                .linted
                                .across
                                .handed
                                .iter()
                                .filter(|h| h.callee == *callee)
                                .map(|h| h.sites)
                                .sum()
                        });
                    found == sites
                })
        })
    });
    if handed_to.is_empty() {
        return out;
    }
    let at = super::positions(results);
    let jobs: Vec<(PathBuf, Lang, Settings)> = handed_to
        .iter()
        .filter_map(|(path, handed)| {
            let mut settings = last_settings(scope, results, &at, path);
            settings.across.handed_in = handed.clone();
            Some((path.clone(), lang_of(path)?, settings))
        })
        .collect();
    let checked = recheck_all(&jobs, roots, fix, problems);
    // 3. Followed: every base handed there is tied to paths, none held.
    let followed: Vec<PathBuf> = checked
        .iter()
        .filter(|r| {
            r.checked
                .linted
                .across
                .given
                .is_some_and(|g| g.paths > 0 && !g.held)
        })
        .map(|r| r.path.clone())
        .collect();
    out.added = merge(results, checked);
    let jobs: Vec<(PathBuf, Lang, Settings)> = hands
        .iter()
        .filter(|(_, targets)| targets.iter().all(|t| followed.contains(t)))
        .filter_map(|(path, targets)| {
            let r = results.iter().find(|r| super::same(&r.path, path))?;
            let mut settings = settings_of(scope, r);
            settings.across.handed_followed = true;
            for t in targets {
                out.pairs.push((t.clone(), path.clone()));
            }
            Some((path.clone(), r.lang, settings))
        })
        .collect();
    replace(results, recheck_all(&jobs, roots, fix, problems));
    out
}

/// How many calls of `callee` a text writes: `new FlexyClient(`, `FlexyClient(`, not its
/// declaration (`class FlexyClient(Base)`, `function createClient(`, `def create_client(`)
/// nor a method of that name (`api.createClient(`).
fn calls_of(text: &str, callee: &str) -> usize {
    let re =
        regex::Regex::new(&format!(r"\b{}\s*\(", regex::escape(callee))).expect("a valid pattern");
    re.find_iter(text)
        .filter(|m| {
            let before = text[..m.start()].trim_end();
            !before.ends_with('.')
                && !before.ends_with("->")
                && !before.ends_with("::")
                && !before.ends_with('$')
                && !["class", "def", "function", "fn", "interface"]
                    .iter()
                    .any(|k| before.ends_with(k))
        })
        .count()
}
