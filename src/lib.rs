//! v3-migrate: finds OneClickDz Flexy API v2 code and rewrites it to v3.
//!
//! Data flows one way: walk -> read -> parse -> analyze ("is this Flexy?") -> rules ->
//! findings (diagnostic + optional fix) -> render or apply.

pub mod api;
pub mod baseline;
pub mod budget;
pub mod cli;
pub mod commands;
pub mod config;
pub mod display;
pub mod document;
pub mod error;
pub mod excerpt;
pub mod fingerprint;
pub mod fix;
pub mod flexy;
pub mod flow;
pub mod groups;
pub mod host;
pub mod input;
pub mod interactive;
pub mod lang;
pub mod layout;
pub mod link;
pub mod prefilter;
pub mod progress;
pub mod render;
pub mod report;
pub mod rules;
pub mod run;
pub mod source;
pub mod suppress;
pub mod units;
pub mod vcs;
pub mod walk;
pub mod write;

use std::path::{Path, PathBuf};

pub use commands::main_with_args;
use error::FileError;
pub use input::{decode, read_candidate, read_source, Encoding};
use lang::Lang;
use rules::{Applicability, Finding, Rule};

/// The settings a check runs with.
#[derive(Clone, Debug)]
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
}

/// Files over 10 MB are skipped unless the limit is raised: the analysis holds about ten
/// times a file's size in memory, and files that large are generated.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 10_000_000;

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            rules: Rule::ALL.to_vec(),
            extra_hosts: Vec::new(),
            threshold: Applicability::Safe,
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            only: None,
            inventory: false,
            callers_elsewhere: false,
            imports_flexy: false,
            link: None,
        }
    }
}

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
    /// Other files of the run import it (see [`link`]).
    pub callers_elsewhere: bool,
    /// It imports a file of the run that calls Flexy (see [`link`]).
    pub imports_flexy: bool,
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

/// What [`lint`] gives: the findings left, sorted by position then rule, and how many were
/// suppressed by comments or left out by `--only`.
#[derive(Debug, Default)]
pub struct Linted {
    pub findings: Vec<Finding>,
    pub suppressed: usize,
    pub left_out: usize,
    /// With [`Settings::inventory`]: the v3 endpoints called, with where.
    pub v3_sites: Vec<(std::ops::Range<usize>, &'static api::Endpoint)>,
}

/// Runs the rules over a parsed text, ties each finding to its endpoint groups, applies the
/// suppression comments and `--only`.
pub fn lint(source: &source::Source, settings: &Settings) -> Linted {
    let mut ctx = flexy::Ctx::new_in(source, &settings.extra_hosts, settings.imports_flexy);
    ctx.callers_elsewhere = settings.callers_elsewhere;
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
    if settings.rules.contains(&Rule::BlockedMigration) {
        findings.extend(units::blocked(&units, &findings));
    }
    if let Some(hold) = &settings.link {
        let blocked = units::hold_linked(&mut findings, hold);
        if settings.rules.contains(&Rule::BlockedMigration) {
            findings.extend(blocked);
        }
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
            let blocked = units::hold_back(&mut findings, &split, &units::Blocker::LeftOut);
            if settings.rules.contains(&Rule::BlockedMigration) {
                findings.extend(blocked);
                rules::sort(&mut findings);
            }
        }
    }
    let v3_sites = if settings.inventory {
        ctx.v3_sites
            .iter()
            .filter_map(|s| match s.path_match {
                api::v3::V3Path::Known { endpoint, .. } => Some((s.path.clone(), endpoint)),
                _ => None,
            })
            .collect()
    } else {
        Vec::new()
    };
    Linted {
        findings,
        suppressed,
        left_out,
        v3_sites,
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
        all.left_out += l.left_out;
        all.v3_sites.extend(l.v3_sites);
    }
    if doc.sources.len() > 1 {
        rules::sort(&mut all.findings);
    }
    all
}

/// A parsed file and its text.
struct Current {
    text: String,
    doc: document::Document,
}

impl Current {
    fn parse(lang: Lang, text: String) -> Result<Current, source::Unparsed> {
        let doc = document::Document::parse(lang, &text)?;
        Ok(Current { text, doc })
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
    let linted = lint_document(&current.doc, settings);
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
    let manual: Vec<Finding> = findings
        .iter()
        .filter(|f| f.fix.is_none())
        .filter_map(|f| {
            let range = fix::remap(&f.range, &applied)?;
            Some(Finding { range, ..f.clone() })
        })
        .collect();
    let after = Current::parse(lang, out.text)?;
    let mut linted = lint_document(&after.doc, settings);
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
            && self.new.is_none()
            && self.encoding != Encoding::SingleByte
    }
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
    Ok(FileResult {
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
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fix of a unit that cannot be applied (it overlaps another unit's, taken first)
    /// holds back its whole unit: the unit's other fix is not applied either.
    #[test]
    fn a_unit_with_a_skipped_fix_is_held_back_whole() {
        let text = "var a = 1;\nvar b = 2;\nvar c = 3;\n".to_string();
        let current = Current::parse(Lang::JavaScript, text).expect("parsed");
        let fix = |range: std::ops::Range<usize>, content: &str, unit: usize| {
            let mut f = Finding::new(Rule::V2Endpoint, range.clone(), "m");
            f.unit = Some(unit);
            f.fix = Some(rules::Fix {
                applicability: rules::Applicability::Safe,
                message: "m".into(),
                edits: vec![rules::Edit {
                    range,
                    content: content.into(),
                }],
            });
            f
        };
        // Unit 0: `a` and `c`; unit 1 rewrites `var b = 2` whole, overlapping unit 0's `2`.
        let a = fix(4..5, "x", 0);
        let two = fix(19..20, "9", 0);
        let b = fix(11..20, "let b = 7", 1);
        let (fixable, out, held) = apply_units(Lang::JavaScript, &current, vec![&a, &b, &two]);
        assert_eq!(out.text, "var a = 1;\nlet b = 7;\nvar c = 3;\n");
        assert_eq!(fixable.len(), 1);
        let mut why: Vec<_> = held
            .iter()
            .map(|(f, w)| (f.range.start, w.clone()))
            .collect();
        why.sort_by_key(|(at, _)| *at);
        assert_eq!(
            why,
            [
                (4, fix::Skipped::UnitHeldBack),
                (19, fix::Skipped::Conflict)
            ]
        );
    }

    fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
        Encoding::Utf16 { big_endian }.encode(text).unwrap()
    }

    #[test]
    fn utf16_round_trips_with_its_mark_and_byte_order() {
        let text = "x = '€ 𝄞'\r\n";
        for big_endian in [false, true] {
            let bytes = utf16(text, big_endian);
            let mark: &[u8] = if big_endian {
                &[0xfe, 0xff]
            } else {
                &[0xff, 0xfe]
            };
            assert_eq!(&bytes[..2], mark);
            let (decoded, encoding) = decode(Path::new("a.py"), &bytes).unwrap();
            assert_eq!(decoded, text);
            assert_eq!(encoding, Encoding::Utf16 { big_endian });
            assert_eq!(encoding.encode(&decoded).unwrap(), bytes);
        }
    }

    #[test]
    fn not_utf16_after_its_mark() {
        let path = Path::new("a.js");
        // An odd length, an unpaired surrogate: not UTF-16.
        let mut odd = utf16("x", false);
        odd.push(b'y');
        assert!(matches!(
            decode(path, &odd),
            Err(FileError::BadUtf16 { .. })
        ));
        assert!(matches!(
            decode(path, &[0xff, 0xfe, 0x00, 0xd8, b'x', 0]),
            Err(FileError::BadUtf16 { .. })
        ));
        // UTF-32 starts with UTF-16's little-endian mark: its NULs make it binary.
        assert!(matches!(
            decode(path, &[0xff, 0xfe, 0, 0, b'x', 0, 0, 0]),
            Err(FileError::Binary { .. })
        ));
    }

    #[test]
    fn the_prefilter_reads_utf16_as_text() {
        let dir = tempfile::tempdir().unwrap();
        let prefilter = prefilter::Prefilter::new(&[]);
        let flexy = dir.path().join("flexy.js");
        std::fs::write(&flexy, utf16("x.dymanicPlans", false)).unwrap();
        let other = dir.path().join("other.js");
        std::fs::write(&other, utf16("x.plans", true)).unwrap();
        assert!(read_candidate(&flexy, 1000, Some(&prefilter))
            .unwrap()
            .is_some());
        assert!(read_candidate(&other, 1000, Some(&prefilter))
            .unwrap()
            .is_none());
        // Over the size limit, a UTF-16 file is never passed as clean unread.
        assert!(matches!(
            read_candidate(&flexy, 4, Some(&prefilter)),
            Err(FileError::TooLarge { .. })
        ));
    }
}
