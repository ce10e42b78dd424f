//! Which endpoint groups (`account`, `mobile`, `internet`, `gift-cards`, `validate`) a finding
//! belongs to, and `--only GROUP,...`, which keeps the findings of some groups.
//!
//! The unit of migration is the call site: its URL, its header and the reads of its body
//! move together. A finding tied to one call site by the rule (a URL, a read of its body)
//! takes that site's group. Any other finding (a header in a client's defaults, a base URL,
//! an error comparison) takes the groups of the call sites nearest to it: those in the same
//! call, else the same function, else the same class, else the file. So a client wrapper or
//! a base URL shared by the gift-cards and mobile calls belongs to both groups: it cannot
//! move with one alone, and `--only gift-cards` reports the mobile calls of that file with it.

use crate::api::{Group, Groups};
use crate::context::Ctx;
use crate::flow::Origin;
use crate::rules::{Finding, Rule};

/// Sets the groups of every finding of a file.
pub fn attribute(ctx: &Ctx, findings: &mut [Finding]) {
    // Where the file's call sites are, with their group: v2 endpoints (with their index)
    // and v3 endpoints.
    let mut sites: Vec<Site> = Vec::new();
    for (k, s) in ctx.endpoints.iter().enumerate() {
        if let Some(m) = &s.matched {
            sites.push(Site {
                at: s.range.start,
                group: m.endpoint.group,
                v2: Some(k),
            });
        }
    }
    for s in &ctx.v3_sites {
        if let crate::api::v3::V3Path::Known { endpoint, .. } = s.path_match {
            sites.push(Site {
                at: s.path.start,
                group: endpoint.group,
                v2: None,
            });
        }
    }
    for f in findings.iter_mut() {
        if let Some(groups) = of_origin(ctx, f.origin) {
            f.groups = groups;
            continue;
        }
        let near = nearest_sites(ctx, &sites, f);
        if let Some((_, Some(k))) = near {
            // In the call of one v2 call site (its header, its options): part of that site.
            f.origin = Some(Origin::Site(k));
        }
        f.groups = near
            .map(|(g, _)| g)
            .or_else(|| inherent(f.rule))
            .unwrap_or(Groups::NONE);
    }
}

/// A call site of the file.
struct Site {
    at: usize,
    group: Group,
    /// The index of a v2 endpoint site.
    v2: Option<usize>,
}

fn of_origin(ctx: &Ctx, origin: Option<Origin>) -> Option<Groups> {
    match origin? {
        Origin::Site(k) => {
            let m = ctx.endpoints.get(k)?.matched.as_ref()?;
            Some(Groups::of(m.endpoint.group))
        }
        Origin::Imported(k) => {
            let e = ctx.across.imported.get(k)?.export.endpoint?;
            Some(Groups::of(e.group))
        }
        // A URL whose path is given elsewhere: by where it is.
        Origin::Dynamic(_) | Origin::Param(_) | Origin::Foreign | Origin::V3(_) => None,
    }
}

/// The groups of the call sites in the innermost call, function, class or file around the
/// finding that has any; with the v2 site's index when that is a call holding one v2 site
/// and nothing else.
fn nearest_sites(ctx: &Ctx, sites: &[Site], f: &Finding) -> Option<(Groups, Option<usize>)> {
    if sites.is_empty() {
        return None;
    }
    ctx.innermost(f.range.clone(), |n, call| {
        let r = n.byte_range();
        let inside: Vec<&Site> = sites.iter().filter(|s| r.contains(&s.at)).collect();
        if inside.is_empty() {
            return None;
        }
        let groups: Groups = inside.iter().map(|s| s.group).collect();
        let one = match inside[..] {
            [s] if call => s.v2,
            _ => None,
        };
        Some((groups, one))
    })
}

/// Findings that name their endpoint by themselves, where no call site is in the file.
fn inherent(rule: Rule) -> Option<Groups> {
    match rule {
        // `dymanicPlans` is in the plans response alone.
        Rule::DymanicPlansTypo => Some(Groups::of(Group::Mobile)),
        // The bare array is the internet products response.
        Rule::BareProductsArray => Some(Groups::of(Group::Internet)),
        _ => None,
    }
}

/// `--only`: keeps the findings of the groups `only`, and of the groups tied to them in the
/// same file by a shared client or base; the others are counted. A kept finding of another
/// group says why it is there.
///
/// A call site whose URL is appended to a base defined in another file (a shared client)
/// keeps its findings but loses their fixes: moving its path to v3 without that base, or
/// the base without the other groups' paths, would break one or the other.
pub fn restrict(ctx: &Ctx, findings: Vec<Finding>, only: Groups) -> (Vec<Finding>, usize) {
    let mut reach = only;
    loop {
        let before = reach;
        for f in &findings {
            if f.groups.intersects(reach) {
                reach |= f.groups;
            }
        }
        if reach == before {
            break;
        }
    }
    let mut left_out = 0;
    let mut kept = Vec::new();
    for mut f in findings {
        if !f.groups.intersects(reach) {
            left_out += 1;
            continue;
        }
        if !f.groups.within(only) {
            f.message.push_str(&format!(
                " [{}: shares a client or base URL with the {} call sites, so it moves with them]",
                f.groups.names(),
                only.names()
            ));
        }
        let external = match f.origin {
            Some(Origin::Site(k)) => ctx.endpoints.get(k).is_some_and(|s| s.external_base),
            _ => false,
        };
        if external && f.fix.take().is_some() {
            f.message.push_str(
                " [not fixed with --only: its base URL is defined in another file and shared with other groups; migrate them together, or give this group a client of its own]",
            );
        }
        kept.push(f);
    }
    (kept, left_out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`restrict`] in an empty file (no call site to look up).
    fn restrict_all(findings: Vec<Finding>, only: Groups) -> (Vec<Finding>, usize) {
        let source =
            crate::source::Source::parse(crate::lang::Lang::JavaScript, String::new()).unwrap();
        let ctx = Ctx::new(&source, &[]);
        restrict(&ctx, findings, only)
    }

    fn finding(groups: &[Group]) -> Finding {
        let mut f = Finding::new(Rule::V2Endpoint, 0..1, "m");
        f.groups = groups.iter().copied().collect();
        f
    }

    #[test]
    fn only_keeps_its_groups_and_those_sharing_a_client() {
        use Group::*;
        let findings = vec![
            finding(&[GiftCards]),
            finding(&[Mobile]),
            finding(&[Account]),
            finding(&[]),
        ];
        let (kept, out) = restrict_all(findings, Groups::of(GiftCards));
        assert_eq!((kept.len(), out), (1, 3));
        assert_eq!(kept[0].message, "m");

        // A shared header couples gift cards and mobile; mobile's own URL comes along.
        let findings = vec![
            finding(&[GiftCards]),
            finding(&[Mobile]),
            finding(&[Account]),
            finding(&[GiftCards, Mobile]),
        ];
        let (kept, out) = restrict_all(findings, Groups::of(GiftCards));
        assert_eq!((kept.len(), out), (3, 1));
        assert!(kept[1].message.contains("[mobile: shares a client"));
        assert!(kept[2].message.contains("[gift-cards, mobile: shares"));
    }
}
