//! The check of one text or file: lint (the rules, suppressions, units, `--only`), then the
//! fixes of the units chosen, then a lint of the fixed text for what is left.

use std::path::Path;

use crate::api;
use crate::context;
use crate::document;
use crate::error::FileError;
use crate::fix;
use crate::flexy::across;
use crate::groups;
use crate::input::{read_source, Encoding};
use crate::lang::Lang;
use crate::outcome::{Checked, FileResult, Linted, V3Call};
use crate::rules::suppress;
use crate::rules::{self, Applicability, Finding, Rule};
use crate::source;
use crate::units;

/// The settings a check runs with.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    pub rules: Vec<Rule>,
    pub extra_hosts: Vec<String>,
    /// The lowest applicability applied by `--fix` / shown by `--diff`.
    pub threshold: Applicability,
    /// Larger files are skipped, in bytes.
    pub max_file_size: u64,
    /// `--only`: the endpoint groups whose findings are kept (with those sharing a client).
    pub only: Option<api::Groups>,
    /// `report`: keep the v3 call sites of each file too.
    pub inventory: bool,
    /// Other files of the run import this file (set per file by the run, see
    /// `crate::link`): what its functions return to them holds its unit back.
    pub callers_elsewhere: bool,
    /// Set per file by the run: the file imports a file of the run that calls Flexy, so its
    /// host-less `/v2/...` paths are Flexy's (see `crate::link`).
    pub imports_flexy: bool,
    /// Set per file by the run: the file is linked by imports to others that hold it back.
    pub link: Option<units::LinkHold>,
    /// Set per file by the run: the Flexy functions of other files it calls, and what the
    /// callers elsewhere of its own do (see `crate::flexy::across`).
    pub across: across::Env,
}

/// Files over 10 MB are skipped unless the limit is raised: the analysis holds about ten
/// times a file's size in memory, and files that large are generated.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 10_000_000;

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            rules: Rule::defaults(),
            extra_hosts: Vec::new(),
            threshold: Applicability::Safe,
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            only: None,
            inventory: false,
            callers_elsewhere: false,
            imports_flexy: false,
            link: None,
            across: across::Env::default(),
        }
    }
}

/// Runs the rules over a parsed text, ties each finding to its endpoint groups, applies the
/// suppression comments and `--only`.
pub fn lint(source: &source::Source, settings: &Settings) -> Linted {
    let ctx = context::Ctx::new_in(
        source,
        &settings.extra_hosts,
        settings.imports_flexy,
        settings.callers_elsewhere,
        settings.across.clone(),
    );
    // Every rule runs: a finding of a rule that is not selected still holds its unit back.
    let every: Vec<Rule> = Rule::ALL
        .iter()
        .copied()
        .filter(|r| *r != Rule::UnusedSuppression || settings.rules.contains(r))
        .collect();
    let mut findings = rules::check(&ctx, &every);
    groups::attribute(&ctx, &mut findings);
    let (findings, unselected): (Vec<Finding>, Vec<Finding>) = findings
        .into_iter()
        .partition(|f| settings.rules.contains(&f.rule));
    let outcome = suppress::apply(
        &source.text,
        findings,
        suppress::directives(source),
        &settings.rules,
    );
    let withheld: Vec<units::Withheld> = unselected
        .into_iter()
        .map(|finding| units::Withheld {
            finding,
            why: units::Blocker::NotSelected,
        })
        .chain(
            outcome
                .suppressed
                .into_iter()
                .map(|finding| units::Withheld {
                    finding,
                    why: units::Blocker::Suppressed,
                }),
        )
        .collect();
    let suppressed = withheld
        .iter()
        .filter(|w| w.why == units::Blocker::Suppressed)
        .count();
    let mut findings = outcome.kept;
    let units = units::assign(&ctx, &mut findings, &withheld);
    // Whether a unit stays on v2, said or not: files linked to this one are held with it
    // whatever rules are selected.
    let mut held = Vec::new();
    held.extend(units::blocked(&units, &findings));
    if let Some(hold) = &settings.link {
        held.extend(units::hold_linked(&mut findings, hold));
    }
    let mut blocked = !held.is_empty();
    if settings.rules.contains(&Rule::BlockedMigration) {
        findings.extend(held);
    }
    if settings.rules.contains(&Rule::UnusedSuppression) {
        for (directive, names) in &outcome.unused {
            findings.push(rules::unused_suppression::unused(
                &source.text,
                directive,
                names.as_deref(),
            ));
        }
    }
    rules::sort(&mut findings);
    let mut left_out = 0;
    if let Some(only) = settings.only {
        let before = units::sizes(&findings);
        (findings, left_out) = groups::restrict(&ctx, findings, only);
        // A unit `--only` splits moves not at all.
        let split: Vec<usize> = units::sizes(&findings)
            .into_iter()
            .filter(|(u, n)| before.iter().any(|(v, m)| v == u && m != n))
            .map(|(u, _)| u)
            .collect();
        if !split.is_empty() {
            let held = units::hold_back(&mut findings, &split, &units::Blocker::LeftOut);
            blocked |= !held.is_empty();
            if settings.rules.contains(&Rule::BlockedMigration) {
                findings.extend(held);
                rules::sort(&mut findings);
            }
        }
    }
    let v3_sites = if settings.inventory {
        ctx.v3_sites
            .iter()
            .filter_map(|s| match s.path_match {
                api::v3::V3Path::Known { endpoint, .. } => Some(V3Call {
                    range: s.path.clone(),
                    endpoint,
                    findings_left: findings
                        .iter()
                        .filter(|f| f.origin == Some(crate::flow::Origin::V3(s.expr)))
                        .count(),
                }),
                _ => None,
            })
            .collect()
    } else {
        Vec::new()
    };
    // What the file says other files: its bases always (a config file no file imports is
    // read by key), what its functions give and take when files are linked to it.
    let mut calls = Vec::new();
    let mut across = across::Said {
        shared: ctx.shared_bases(),
        given: ctx.given,
        handed: ctx.handed.clone(),
        hands_on: settings.across.project_names.is_empty() && ctx.hands_on(),
        ..across::Said::default()
    };
    if settings.callers_elsewhere
        || !settings.across.imported.is_empty()
        || !settings.across.given.is_empty()
    {
        let flow = ctx.flow();
        across.exported = flow.exported.clone();
        across.uses = flow.caller_uses.clone();
        across.bases = ctx
            .bases
            .iter()
            .filter_map(|b| b.base.name.clone())
            .collect();
        if !settings.across.imported.is_empty() {
            across.unproven_errors = rules::v2_error_code::unproven(&ctx);
        }
        if settings.inventory {
            for (range, k) in &flow.imported_calls {
                let export = &settings.across.imported[*k].export;
                if let Some(e) = export.endpoint {
                    calls.push((range.clone(), e, export.name.clone()));
                }
            }
        }
    }
    Linted {
        findings,
        suppressed,
        left_out,
        v3_sites,
        calls,
        across,
        blocked,
    }
}

/// [`lint`] over every source of a file (its own, and its injected blocks): the findings of
/// all, sorted.
pub fn lint_document(doc: &document::Document, settings: &Settings) -> Linted {
    let mut all = Linted::default();
    for source in &doc.sources {
        let mut l = lint(source, settings);
        // Unit ids are per source: numbered on, so that they stay apart in the file.
        let offset = all
            .findings
            .iter()
            .filter_map(|f| f.unit)
            .max()
            .map_or(0, |u| u + 1);
        for f in &mut l.findings {
            f.unit = f.unit.map(|u| u + offset);
        }
        all.findings.extend(l.findings);
        all.suppressed += l.suppressed;
        all.blocked |= l.blocked;
        all.left_out += l.left_out;
        all.v3_sites.extend(l.v3_sites);
        all.calls.extend(l.calls);
        all.across.exported.extend(l.across.exported);
        all.across.uses.extend(l.across.uses);
        all.across.bases.extend(l.across.bases);
        all.across.shared.extend(l.across.shared);
        all.across.unproven_errors += l.across.unproven_errors;
        all.across.handed.extend(l.across.handed);
        all.across.hands_on |= l.across.hands_on;
        if let Some(g) = l.across.given {
            let all = all.across.given.get_or_insert_with(Default::default);
            all.paths += g.paths;
            all.reads += g.reads;
            all.held |= g.held;
        }
    }
    if doc.sources.len() > 1 {
        rules::sort(&mut all.findings);
    }
    all
}

/// A parsed file and its text.
struct Current {
    lang: Lang,
    text: String,
    doc: document::Document,
}

impl Current {
    fn parse(lang: Lang, text: String) -> Result<Current, source::Unparsed> {
        let doc = document::Document::parse(lang, &text)?;
        Ok(Current { lang, text, doc })
    }

    /// Its findings: its sources' ([`lint_document`]), or a settings file's values.
    fn lint(&self, settings: &Settings) -> Linted {
        match self.lang {
            Lang::Settings => lint_settings(&self.text, settings),
            _ => lint_document(&self.doc, settings),
        }
    }
}

/// The v2 Flexy hosts: Flexy's own and the extra hosts named as Flexy's.
fn v2_hosts(settings: &Settings) -> Vec<&str> {
    std::iter::once(api::V2_HOST)
        .chain(settings.extra_hosts.iter().map(String::as_str))
        .collect()
}

/// The hosts whose URLs a settings file shows unmasked: the v2 hosts and v3's.
pub fn shown_hosts(settings: &Settings) -> Vec<&str> {
    let mut hosts = v2_hosts(settings);
    hosts.push(api::V3_HOST);
    hosts
}

/// The findings of a settings file (`.env`, JSON, YAML, INI, TOML): its Flexy bases, one
/// unit each (see [`rules::v2_base_url::check_settings`]), and what it gives other files.
fn lint_settings(text: &str, settings: &Settings) -> Linted {
    let values = crate::lang::settings::values(text, &v2_hosts(settings));
    let mut findings = Vec::new();
    if settings.rules.contains(&Rule::V2BaseUrl) {
        rules::v2_base_url::check_settings(&values, &settings.across, &mut findings);
    }
    let mut held: Vec<Finding> = findings
        .iter()
        .filter(|f| f.holds_unit)
        .map(|f| {
            let mut b = rules::blocked_migration::report(
                rules::blocked_migration::Blocker::NoFix,
                f.range.clone(),
                f.rule,
                std::iter::once(f),
            );
            b.unit = f.unit;
            b
        })
        .collect();
    if let Some(hold) = &settings.link {
        held.extend(units::hold_linked(&mut findings, hold));
    }
    let blocked = !held.is_empty();
    if settings.rules.contains(&Rule::BlockedMigration) {
        findings.extend(held);
    }
    rules::sort(&mut findings);
    let mut shared: Vec<across::SharedBase> = Vec::new();
    for v in &values {
        let Some(form) = v.form() else { continue };
        if !shared.iter().any(|s| s.name == v.key) {
            shared.push(across::SharedBase {
                name: v.key.clone(),
                form,
                returned: None,
            });
        }
    }
    Linted {
        findings,
        suppressed: 0,
        left_out: 0,
        v3_sites: Vec::new(),
        calls: Vec::new(),
        across: across::Said {
            bases: values.iter().map(|v| v.key.clone()).collect(),
            shared,
            ..across::Said::default()
        },
        blocked,
    }
}

/// Checks one text; with `fix`, applies the fixes of every unit whose fixes all reach the
/// threshold.
pub fn check_text(
    lang: Lang,
    text: String,
    settings: &Settings,
    fix: bool,
) -> Result<Checked, source::Unparsed> {
    check_text_choosing(lang, text, settings, &mut |unit, _| {
        fix && unit.iter().all(|f| {
            f.fix
                .as_ref()
                .is_some_and(|x| x.applicability >= settings.threshold)
        })
    })
}

/// [`check_text`], applying the units `choose` accepts: it sees the findings with fixes of
/// one migration unit at a time (one finding for a fix in no unit), and the text they point
/// into. A unit is applied whole or not at all.
///
/// Every plan is decided once, on the text as given: the fixes are computed by one lint,
/// applied together, and the result is parsed and linted again only to report what is
/// left. A unit that cannot be applied (a conflict, a syntax error it would add) is held
/// back, not planned again from partly fixed text, where a wrapper's callers or a request's
/// reads may no longer look like v2 code.
pub fn check_text_choosing(
    lang: Lang,
    text: String,
    settings: &Settings,
    choose: &mut dyn FnMut(&[&Finding], &str) -> bool,
) -> Result<Checked, source::Unparsed> {
    let current = Current::parse(lang, text)?;
    let linted = current.lint(settings);
    let findings = &linted.findings;
    // A migration unit is chosen whole, in the order of its first fix.
    let mut fixable: Vec<&Finding> = Vec::new();
    let mut asked: Vec<usize> = Vec::new();
    for f in findings.iter().filter(|f| f.fix.is_some()) {
        let unit: Vec<&Finding> = match f.unit {
            Some(u) if asked.contains(&u) => continue,
            Some(u) => {
                asked.push(u);
                findings
                    .iter()
                    .filter(|g| g.unit == Some(u) && g.fix.is_some())
                    .collect()
            }
            None => vec![f],
        };
        if choose(&unit, &current.text) {
            fixable.extend(unit);
        }
    }
    rules::sort_refs(&mut fixable);
    if fixable.is_empty() {
        return Ok(Checked {
            text: current.text,
            linted,
            fixed: Vec::new(),
            skipped: Vec::new(),
        });
    }
    let (fixable, out, held_back) = apply_units(lang, &current, fixable);
    let skipped: Vec<(Finding, fix::Skipped)> = out
        .skipped
        .iter()
        .map(|(i, why)| (fixable[*i].clone(), why.clone()))
        .chain(held_back)
        .collect();
    if out.applied.is_empty() || out.text == current.text {
        return Ok(Checked {
            text: current.text,
            linted,
            fixed: Vec::new(),
            skipped,
        });
    }
    let fixed: Vec<Finding> = out.applied.iter().map(|&i| fixable[i].clone()).collect();
    let fixes: Vec<&rules::Fix> = fixable.iter().filter_map(|f| f.fix.as_ref()).collect();
    let applied: Vec<&rules::Edit> = out
        .applied
        .iter()
        .flat_map(|&i| fixes[i].edits.iter())
        .collect();
    // Findings with no fix, where they are now: what needs a human (a v2 response type, an
    // escape) is still said after the fix, though the fixed text may no longer show it.
    // A settled finding needs no edit of its own: its unit moved it.
    let manual: Vec<Finding> = findings
        .iter()
        .filter(|f| f.fix.is_none() && f.settled.is_none())
        .filter_map(|f| {
            let range = fix::remap(&f.range, &applied)?;
            Some(Finding { range, ..f.clone() })
        })
        .collect();
    let after = Current::parse(lang, out.text)?;
    let said = linted.across.clone();
    // A unit held on v2 is never applied: the text as read says so.
    let held = linted.blocked;
    // The functions of other files this one calls were migrated with it (files linked by
    // imports move together): what they returned in v2 no longer holds.
    let mut settings_after = settings.clone();
    settings_after.across.imported.clear();
    settings_after.across.given.clear();
    settings_after.across.handed_in.clear();
    let mut linted = after.lint(&settings_after);
    linted.across = said;
    linted.blocked |= held;
    carry_manual(&mut linted.findings, &manual);
    Ok(Checked {
        text: after.text,
        linted,
        fixed,
        skipped,
    })
}

/// Applies `fixable` to the current text, whole units only: when a fix of a unit is
/// skipped (a conflict, a syntax error it would add), every fix of that unit is taken out
/// and the rest applied again. Returns the fixes applied from, the outcome, and the
/// findings held back with their unit.
fn apply_units<'f>(
    lang: Lang,
    current: &Current,
    mut fixable: Vec<&'f Finding>,
) -> (Vec<&'f Finding>, fix::Outcome, Vec<(Finding, fix::Skipped)>) {
    let mut held_back: Vec<(Finding, fix::Skipped)> = Vec::new();
    loop {
        let fixes: Vec<&rules::Fix> = fixable.iter().filter_map(|f| f.fix.as_ref()).collect();
        let out = fix::apply(
            lang,
            &current.text,
            &fixes,
            &current.doc.syntax_errors(),
            &current.doc.islands,
        );
        let broken: Vec<usize> = out
            .skipped
            .iter()
            .filter_map(|(i, _)| fixable[*i].unit)
            .filter(|u| out.applied.iter().any(|&i| fixable[i].unit == Some(*u)))
            .collect();
        if broken.is_empty() {
            return (fixable, out, held_back);
        }
        // The skipped members say why; the others are held back with them.
        let mut kept = Vec::new();
        for (i, f) in fixable.into_iter().enumerate() {
            match f.unit {
                Some(u) if broken.contains(&u) => {
                    let why = match out.skipped.iter().find(|(j, _)| *j == i) {
                        Some((_, why)) => why.clone(),
                        None => fix::Skipped::UnitHeldBack,
                    };
                    held_back.push((f.clone(), why));
                }
                _ => kept.push(f),
            }
        }
        fixable = kept;
    }
}

/// Adds the carried fix-less findings a lint of the current text no longer gives.
fn carry_manual(findings: &mut Vec<Finding>, manual: &[Finding]) {
    let before = findings.len();
    for m in manual {
        if !findings
            .iter()
            .any(|f| f.rule == m.rule && f.range == m.range)
        {
            findings.push(m.clone());
        }
    }
    if findings.len() > before {
        rules::sort(findings);
    }
}

/// Reads and checks one file.
pub fn check_file(
    path: &Path,
    lang: Lang,
    settings: &Settings,
    fix: bool,
) -> Result<FileResult, FileError> {
    let (original, text, encoding) = read_source(path, settings.max_file_size)?;
    check_source(path, lang, original, text, encoding, settings, fix)
}

/// Checks one decoded source (`original` is the bytes it came from).
pub fn check_source(
    path: &Path,
    lang: Lang,
    original: Vec<u8>,
    text: String,
    encoding: Encoding,
    settings: &Settings,
    fix: bool,
) -> Result<FileResult, FileError> {
    let before = text.clone();
    let checked =
        check_text(lang, text, settings, fix).map_err(|why| FileError::unparsed(path, why))?;
    let new = if checked.text == before {
        None
    } else {
        Some(
            encoding
                .encode(&checked.text)
                .ok_or_else(|| FileError::Encoding {
                    path: path.to_path_buf(),
                })?,
        )
    };
    let shown = (lang == Lang::Settings)
        .then(|| crate::lang::settings::masked(&checked.text, &shown_hosts(settings)));
    Ok(FileResult {
        shown,
        path: path.to_path_buf(),
        lang,
        encoding,
        original,
        checked,
        baselined: 0,
        new,
        pinned: None,
        callers_elsewhere: false,
        imports_flexy: false,
        across: across::Env::default(),
        component: None,
    })
}

#[cfg(test)]
mod tests;
