//! The bodies of v3 requests, followed as v2 ones are: code already on v3 (migrated by hand,
//! or by a fix that left work) is checked for reads that take a v3 body the v2 way.

use super::*;
use crate::api::v3::V3Path;
use crate::flexy::Tie;

impl<'t> Flow<'t> {
    /// The response bodies of the file's v3 Flexy requests (a `/v3/...` endpoint on a Flexy
    /// host or base, a v3 base with a path built at run time), followed to their reads. A
    /// body's `data` is its payload (`unwrapped`): `body.data.balance` is read the v3 way,
    /// `body.balance` and `body.data.totalPages` the v2 way. Its origins are
    /// [`Origin::V3`]; its requests are the v3 requests of the file.
    pub fn v3(ctx: &Facts<'t>) -> Flow<'t> {
        let mut flow = Flow::empty();
        let known = ctx
            .v3_sites
            .iter()
            .any(|s| matches!(s.path_match, V3Path::Known { .. }));
        if !known && !ctx.v3_url.contains(&true) {
            return flow;
        }
        let mut a = Analysis::new(ctx, true);
        a.solve();
        let found = a.classify();
        let helpers = ctx.strings.len();
        let key = |o: Origin| -> Option<Origin> {
            match o {
                Origin::Site(k) => Some(Origin::V3(ctx.v3_sites[k].expr)),
                Origin::Dynamic(si) => Some(Origin::V3(si)),
                Origin::Param(f) => Some(Origin::V3(helpers + f)),
                Origin::Imported(_) | Origin::Foreign | Origin::V3(_) => None,
            }
        };
        // A request to a Flexy host written in the URL, or to a Flexy base of the file, is
        // Flexy's; a host-less `/v3/...` path in code that also calls other hosts may not be.
        for (&id, &o) in &found.requests {
            let Some(k) = key(o) else { continue };
            let applicability = match o {
                Origin::Site(s) if ctx.v3_sites[s].tie != Tie::Proven => Applicability::Unsafe,
                _ => Applicability::Safe,
            };
            flow.applicability.insert(k, Some(applicability));
            flow.requests.insert(id, k);
            if found.body_requests.contains(&id) {
                flow.body_requests.insert(id);
            }
        }
        let mut seen = |o: Origin| -> Option<Origin> {
            let k = key(o)?;
            flow.applicability
                .entry(k)
                .or_insert(Some(Applicability::Safe));
            Some(k)
        };
        flow.reads = found
            .reads
            .into_iter()
            .filter_map(|r| {
                Some(Read {
                    origin: seen(r.origin)?,
                    ..r
                })
            })
            .collect();
        flow.arrays = found
            .arrays
            .into_iter()
            .filter_map(|r| {
                Some(ArrayUse {
                    origin: seen(r.origin)?,
                    ..r
                })
            })
            .collect();
        flow.destructures = found
            .destructures
            .into_iter()
            .filter_map(|r| {
                Some(Destructure {
                    origin: seen(r.origin)?,
                    ..r
                })
            })
            .collect();
        flow.read_nodes = flow
            .reads
            .iter()
            .map(|r| (r.member.read.id(), r.origin))
            .collect();
        flow.foreign = found.foreign;
        flow
    }
}
