//! The top-up record read under `topup` in a check-status response.
//!
//! ## What it finds
//! `topup` read on the body of a Flexy check-status response (`/v2/topup/checkStatus/REF/:ref`,
//! `/ID/:id`, and the internet ones): `data.topup.status`, `$r['topup']['status']`,
//! `r["topup"]["MSSIDN"]`, followed from the request to the read.
//!
//! On code already on v3, `result.data.topup.status` of a check-ref or check-id response is
//! reported too: v3 has the record at `result.data`.
//!
//! ## Why
//! v2 nests the record under `topup`; v3 returns it as `data` itself (guide: Example 3,
//! "no more nested topup object").
//!
//! ## Example
//! ```js
//! console.log("Status:", data.topup.status);  // before
//! console.log("Status:", data.data.status);   // after
//! ```
//! Behind a wrapper migrated at the wrapper (which already returns `data`), `topup` is
//! dropped: `status.topup.status` becomes `status.status`.
//!
//! ## Fix safety
//! As safe as the call site's URL fix, when every read of its response is found; unsafe when
//! the response escapes the analysis (returned to unknown callers, stored, passed on).
//!
//! On code already on v3 each fix stands alone (its URL is v3 already, so nothing has to
//! move with it): safe when a Flexy host or base is written in the request's URL, unsafe when
//! a host-less `/v3/...` path is tied to Flexy by code that also calls other hosts.
//!
//! ## Guide section
//! The vendor's migration guide, "Step-by-Step Migration Examples", Example 3: Check Top-Up
//! Status ("no more nested topup object").

use super::edits;
use super::{Finding, Rule};
use crate::context::Ctx;
use crate::flow::ReadKind;
use crate::lang::text;
use crate::rules::Edit;

pub fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for f in ctx.flows() {
        for r in f.reads.iter().filter(|r| r.kind == ReadKind::Topup) {
            let m = &r.member;
            let (edits, to) = if r.unwrapped {
                let edit = Edit {
                    range: m.object.end_byte()..m.read.end_byte(),
                    content: String::new(),
                };
                (vec![edit], text(m.object, ctx.src()).to_string())
            } else {
                let suffix = ctx
                    .syntax
                    .path_suffix(&["data"], Some(m), m.object, false, ctx.src());
                (
                    edits::read_edits(ctx, m, &[], Some("data")),
                    format!("{}{suffix}", text(m.object, ctx.src())),
                )
            };
            out.push(
                Finding::new(
                    Rule::NestedTopup,
                    m.read.byte_range(),
                    format!(
                    "`{}` is the v2 nested record of {}: v3 returns the record itself at `{to}`",
                    text(m.read, ctx.src()),
                    edits::label_of(r.origin, r.endpoint)
                ),
                )
                .with_fix(
                    f.applicability(r.origin),
                    "Read the record without `topup`",
                    Some(edits),
                )
                .from_origin(r.origin),
            );
        }
    }
}
