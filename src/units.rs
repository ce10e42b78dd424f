//! Migration units: the change sites that must move together for a program to keep
//! working, applied whole or not at all.
//!
//! A unit is a connected component of the *moves-with* relation over a file's findings,
//! computed with a union-find. Its edges: findings tied to the same call site or body
//! origin (a request URL, its header, every read, destructuring and error check of its
//! body; a wrapper and its callers' reads); a base URL and every path appended to it; and a
//! finding tied to no one site (a header in a client's defaults, a base constant, an error
//! comparison, a wrapper whose URL its callers give) and every v2 call site of the
//! innermost call, function, class or file that holds any, so that what may serve several
//! requests moves with all of them.
//!
//! A unit's status is decided once, on the text it was found in:
//! - blocked when a required member has no fix, is suppressed, or its rule is not
//!   selected: none of its fixes is applied, and [`blocked`] reports it once, at the
//!   blocker, naming what stays on v2;
//! - unsafe when a fix of it is unsafe or its body escapes to code the tool cannot see:
//!   every fix of it is unsafe, so `--fix` applies none of them;
//! - safe otherwise.
//!
//! Owns: the grouping and the status. Not: what a finding says (the rules), applying
//! (`fix`), the choice of the user (`lib`).

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use crate::context::Ctx;
use crate::flow::Origin;
pub use crate::rules::blocked_migration::Blocker;
use crate::rules::{Applicability, Finding, Rule};

/// How the run holds back a file linked by imports to others (see `crate::link`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkHold {
    /// A file linked to this one has a blocked unit: nothing of this file moves (the file
    /// named is one it is linked to).
    Blocked(String),
    /// A linked file has a unit only `--unsafe-fixes` applies: every fix here is unsafe
    /// too, so that plain `--fix` moves none of them.
    Unsafe,
}

/// A member found by a rule but not kept: suppressed, or of a rule not selected.
pub struct Withheld {
    pub finding: Finding,
    pub why: Blocker,
}

/// One unit of a file: its members (indices into the file's findings) and its status.
#[derive(Clone, Debug)]
pub struct Unit {
    pub members: Vec<usize>,
    /// The first blocker, with its range and rule; `None` when the unit can be applied.
    pub blocker: Option<(Blocker, std::ops::Range<usize>, Rule)>,
    /// The weakest fix of it: every fix of the unit gets it.
    pub applicability: Applicability,
}

/// Whether leaving a finding unfixed breaks the program once the rest of its unit moves.
/// A v2 response type breaks the build, loudly; an unknown v3 path and the tool's own
/// comments are not v2 constructs; an escape (`unwrapped-response` without a fix) is for a
/// human to follow. A read the tool suspects but cannot tie to a body (a list field read
/// from a value a local helper returned in a tuple) is required: if it is Flexy's, moving
/// the rest of its unit leaves it reading v2 fields of a v3 body.
///
/// A finding on code already on v3 is work left there, not a member of a v2 migration: each
/// of its fixes makes the program more right alone, so none is required.
fn required(f: &Finding) -> bool {
    if f.origin.is_some_and(Origin::is_v3) {
        return false;
    }
    match f.rule {
        Rule::V2ResponseType
        | Rule::V3UncheckedResponse
        | Rule::UnknownV3Endpoint
        | Rule::UnusedSuppression
        | Rule::BlockedMigration => false,
        Rule::UnwrappedResponse => f.fix.is_some() || f.holds_unit,
        Rule::V2Endpoint | Rule::V2BaseUrl | Rule::V2AuthHeader => true,
        _ => true,
    }
}

/// Whether a finding takes part in units at all.
fn member(rule: Rule) -> bool {
    !matches!(
        rule,
        Rule::UnknownV3Endpoint
            | Rule::V3UncheckedResponse
            | Rule::UnusedSuppression
            | Rule::BlockedMigration
    )
}

struct UnionFind(Vec<usize>);

impl UnionFind {
    fn new(n: usize) -> UnionFind {
        UnionFind((0..n).collect())
    }

    fn find(&mut self, mut x: usize) -> usize {
        while self.0[x] != x {
            self.0[x] = self.0[self.0[x]];
            x = self.0[x];
        }
        x
    }

    fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            self.0[a.max(b)] = a.min(b);
        }
    }
}

/// Groups `findings` (the kept ones, then `withheld`) into units, sets each kept finding's
/// `unit`, lowers the fixes of unsafe units and strips those of blocked ones. Returns the
/// units, in the order of their first member.
pub fn assign(ctx: &Ctx, findings: &mut [Finding], withheld: &[Withheld]) -> Vec<Unit> {
    let kept = findings.len();
    let all: Vec<&Finding> = findings
        .iter()
        .chain(withheld.iter().map(|w| &w.finding))
        .collect();
    let sites = ctx.endpoints.len();
    // Nodes: the findings, then the v2 call sites, then the other origins.
    let mut origins: FxHashMap<Origin, usize> = FxHashMap::default();
    for (k, _) in ctx.endpoints.iter().enumerate() {
        origins.insert(Origin::Site(k), all.len() + k);
    }
    let mut next = all.len() + sites;
    for f in &all {
        if let Some(o) = f.origin {
            origins.entry(o).or_insert_with(|| {
                next += 1;
                next - 1
            });
        }
    }
    // Bases and headers tied to no request the file shows (a client's `prefixUrl` and
    // `headers`, configured apart from its calls) move together.
    let untied = next;
    let next = next + 1;
    let mut uf = UnionFind::new(next);
    for (i, f) in all.iter().enumerate() {
        if !member(f.rule) {
            continue;
        }
        if let Some(o) = f.origin {
            uf.union(i, origins[&o]);
            // A body whose URL is written at the call site of its own request is that
            // site's alone; one whose URL comes from elsewhere (a wrapper's callers, a URL
            // built at run time) also moves with the requests around it.
            if matches!(o, Origin::Site(_) | Origin::V3(_)) {
                continue;
            }
        }
        // A base reported on its own moves with every path appended to it.
        for (b, base) in ctx.bases.iter().enumerate() {
            if overlaps(&base.range, &f.range) {
                for (k, s) in ctx.endpoints.iter().enumerate() {
                    if s.base == Some(b) {
                        uf.union(i, all.len() + k);
                    }
                }
            }
        }
        let near = nearest_sites(ctx, &f.range);
        let linked = !near.is_empty()
            || ctx.bases.iter().enumerate().any(|(b, base)| {
                overlaps(&base.range, &f.range) && ctx.endpoints.iter().any(|s| s.base == Some(b))
            });
        for k in near {
            uf.union(i, all.len() + k);
        }
        if !linked
            && matches!(
                f.rule,
                Rule::V2BaseUrl | Rule::V2AuthHeader | Rule::V2Endpoint
            )
        {
            uf.union(i, untied);
        }
    }
    let mut by_root: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, f) in all.iter().enumerate() {
        if member(f.rule) {
            let root = uf.find(i);
            by_root.entry(root).or_default().push(i);
        }
    }
    let mut units: Vec<Unit> = Vec::new();
    for members in by_root.into_values() {
        let mut blocker = None;
        let mut applicability = Applicability::Safe;
        for &i in &members {
            let f = all[i];
            let why = if i >= kept {
                Some(withheld[i - kept].why.clone())
            } else if required(f) && f.fix.is_none() && f.settled.is_none() {
                Some(Blocker::NoFix)
            } else {
                None
            };
            if let (None, Some(why)) = (&blocker, why) {
                blocker = Some((why, f.range.clone(), f.rule));
            }
            if let Some(a) = f.settled {
                applicability = applicability.min(a);
            }
            match &f.fix {
                Some(fix) => applicability = applicability.min(fix.applicability),
                // An escape: the body goes where the tool cannot follow it.
                None if f.rule == Rule::UnwrappedResponse => applicability = Applicability::Unsafe,
                None => {}
            }
        }
        let members: Vec<usize> = members.into_iter().filter(|&i| i < kept).collect();
        if members.is_empty() {
            continue;
        }
        units.push(Unit {
            members,
            blocker,
            applicability,
        });
    }
    units.sort_by_key(|u| findings[u.members[0]].range.start);
    for (id, u) in units.iter().enumerate() {
        for &i in &u.members {
            let f = &mut findings[i];
            f.unit = Some(id);
            if u.blocker.is_some() {
                f.fix = None;
            } else if let Some(fix) = f.fix.as_mut() {
                fix.applicability = fix.applicability.min(u.applicability);
            }
        }
    }
    units
}

fn overlaps(a: &std::ops::Range<usize>, b: &std::ops::Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// The v2 call sites (indices in `ctx.endpoints`) of the innermost call, function, class
/// or file around `range` that holds any.
fn nearest_sites(ctx: &Ctx, range: &std::ops::Range<usize>) -> Vec<usize> {
    if ctx.endpoints.is_empty() {
        return Vec::new();
    }
    ctx.innermost(range.clone(), |n, _| {
        let r = n.byte_range();
        let inside: Vec<usize> = (0..ctx.endpoints.len())
            .filter(|&k| r.contains(&ctx.endpoints[k].range.start))
            .collect();
        (!inside.is_empty()).then_some(inside)
    })
    .unwrap_or_default()
}

/// The `blocked-migration` finding of each blocked unit, at its blocker, in the unit.
pub fn blocked(units: &[Unit], findings: &[Finding]) -> Vec<Finding> {
    units
        .iter()
        .enumerate()
        .filter_map(|(id, u)| {
            let (why, range, rule) = u.blocker.clone()?;
            let mut f = crate::rules::blocked_migration::report(
                why,
                range,
                rule,
                u.members
                    .iter()
                    .map(|&i| &findings[i])
                    .filter(|m| m.rule != Rule::V2ResponseType),
            );
            f.unit = Some(id);
            Some(f)
        })
        .collect()
}

/// Holds back a file linked to others by imports (`crate::link`): every unit with a fix
/// is blocked (their `blocked-migration` findings are returned), or every fix lowered to
/// unsafe.
pub fn hold_linked(findings: &mut [Finding], hold: &LinkHold) -> Vec<Finding> {
    match hold {
        LinkHold::Blocked(file) => {
            let units: Vec<usize> = sizes(findings).into_iter().map(|(u, _)| u).collect();
            hold_back(findings, &units, &Blocker::Linked(file.clone()))
        }
        LinkHold::Unsafe => {
            for f in findings.iter_mut() {
                if let Some(fix) = f.fix.as_mut() {
                    fix.applicability = Applicability::Unsafe;
                }
            }
            Vec::new()
        }
    }
}

/// How many findings each unit has, by unit.
pub fn sizes(findings: &[Finding]) -> Vec<(usize, usize)> {
    let mut out: BTreeMap<usize, usize> = BTreeMap::new();
    for f in findings {
        if let Some(u) = f.unit.filter(|_| f.rule != Rule::BlockedMigration) {
            *out.entry(u).or_default() += 1;
        }
    }
    out.into_iter().collect()
}

/// Strips the fixes of the units `split` (some of their members were left out by
/// `--only`, or their file is held back with another, `why`), and gives their
/// `blocked-migration` findings, at their first member.
pub fn hold_back(findings: &mut [Finding], split: &[usize], why: &Blocker) -> Vec<Finding> {
    let mut out = Vec::new();
    for &u in split {
        let members: Vec<usize> = (0..findings.len())
            .filter(|&i| findings[i].unit == Some(u) && findings[i].rule != Rule::BlockedMigration)
            .collect();
        let Some(&first) = members.first() else {
            continue;
        };
        if members.iter().all(|&i| findings[i].fix.is_none()) {
            continue;
        }
        for &i in &members {
            findings[i].fix = None;
        }
        let mut f = crate::rules::blocked_migration::report(
            why.clone(),
            findings[first].range.clone(),
            findings[first].rule,
            members
                .iter()
                .map(|&i| &findings[i])
                .filter(|m| m.rule != Rule::V2ResponseType),
        );
        f.unit = Some(u);
        out.push(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::lang::Lang;
    use crate::rules::Rule;
    use crate::{check_text, check_text_choosing, Settings};

    const TWO_CALLS: &str = r#"
async function balance(key) {
  const res = await fetch("https://flexy-api.oneclickdz.com/v2/account/balance", { headers: { authorization: key } });
  const data = await res.json();
  return data.balance;
}
async function validate(key) {
  const res = await fetch("https://flexy-api.oneclickdz.com/v2/validate", { headers: { authorization: key } });
  const data = await res.json();
  return data.username;
}
"#;

    fn units_of(text: &str) -> Vec<Vec<Rule>> {
        let checked =
            check_text(Lang::JavaScript, text.into(), &Settings::default(), false).expect("parsed");
        let mut units: Vec<Vec<Rule>> = Vec::new();
        for f in &checked.linted.findings {
            if let Some(u) = f.unit {
                if units.len() <= u {
                    units.resize(u + 1, Vec::new());
                }
                units[u].push(f.rule);
            }
        }
        units
    }

    #[test]
    fn each_request_is_a_unit_with_its_header_and_reads() {
        let units = units_of(TWO_CALLS);
        assert_eq!(units.len(), 2, "{units:?}");
        for u in &units {
            assert_eq!(
                u,
                &[
                    Rule::V2Endpoint,
                    Rule::V2AuthHeader,
                    Rule::UnwrappedResponse
                ]
            );
        }
    }

    #[test]
    fn a_base_moves_with_every_path_appended_to_it() {
        let text = r#"
const BASE = "https://flexy-api.oneclickdz.com/v2";
const a = () => fetch(BASE + "/account/balance").then((r) => r.json()).then((d) => d.balance);
const b = () => fetch(BASE + "/validate").then((r) => r.json()).then((d) => d.username);
"#;
        let units = units_of(text);
        assert_eq!(units.len(), 1, "{units:?}");
        assert!(units[0].contains(&Rule::V2BaseUrl));
    }

    #[test]
    fn a_declined_unit_is_kept_whole_and_alone() {
        let settings = Settings::default();
        let checked = check_text_choosing(
            Lang::JavaScript,
            TWO_CALLS.into(),
            &settings,
            &mut |unit, _| {
                // Declines the unit holding the header of the first request.
                !unit
                    .iter()
                    .any(|f| f.rule == Rule::V2AuthHeader && f.range.start < 150)
            },
        )
        .expect("parsed");
        let text = checked.text;
        assert!(
            text.contains("flexy-api.oneclickdz.com/v2/account/balance"),
            "{text}"
        );
        assert!(text.contains("return data.balance;"), "{text}");
        assert!(text.contains("api.oneclickdz.com/v3/validate"), "{text}");
        assert!(text.contains("return data.data.username;"), "{text}");
    }

    #[test]
    fn a_rule_not_selected_blocks_its_units() {
        let mut settings = Settings::default();
        settings.rules.retain(|r| *r != Rule::V2AuthHeader);
        let checked =
            check_text(Lang::JavaScript, TWO_CALLS.into(), &settings, true).expect("parsed");
        assert_eq!(checked.text, TWO_CALLS);
        let blocked = checked
            .linted
            .findings
            .iter()
            .filter(|f| f.rule == Rule::BlockedMigration)
            .count();
        assert_eq!(blocked, 2);
        assert!(checked.linted.findings.iter().all(|f| f.fix.is_none()));
    }
}
