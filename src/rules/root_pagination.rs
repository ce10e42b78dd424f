//! Pagination fields and the list read at the root of a Flexy list response.
//!
//! ## What it finds
//! `totalResults`, `currentPage`, `totalPages` and the list field (`transactions`, ...) read
//! on the body of a Flexy list endpoint (`/v2/account/transactions`, `/v2/topup/list`,
//! `/v2/internet/list`, `/v2/gift-cards/list`, or their v3 paths once the URL is migrated),
//! in code that calls such an endpoint.
//!
//! On code already on v3 the same reads are reported, at the root (`result.totalPages`) or
//! under `data` (`result.data.currentPage`, `result.data.transactions`, the guide's
//! "Pagination Not Working"): v3 has them at `data.pagination.*` and `data.items`.
//!
//! ## Why
//! v3 moves pagination under `data.pagination` (`currentPage` becomes `page`) and the list
//! under `data.items` (guide: Example 4, "Update Pagination Logic").
//!
//! ## Example
//! ```js
//! console.log(data.totalResults, data.currentPage, data.transactions);        // before
//! console.log(data.data.pagination.totalResults, data.data.pagination.page,
//!             data.data.items);                                              // after
//! ```
//!
//! Behind a wrapper migrated at the wrapper (which already returns `data`), the reads move
//! to `pagination.*` and `items`.
//!
//! ## Fix safety
//! Reads followed from the request that returned the body are fixed, as safely as the call
//! site's URL: unsafe when the response escapes the analysis. Reads in code that calls a
//! list endpoint (its function, or the code outside functions for a call outside any) but
//! that the data flow cannot tie to its response are reported without a fix. `totalPages`
//! of other APIs is never reported.
//!
//! On code already on v3 each fix stands alone (its URL is v3 already, so nothing has to
//! move with it): safe when a Flexy host or base is written in the request's URL, unsafe when
//! a host-less `/v3/...` path is tied to Flexy by code that also calls other hosts.
//!
//! ## Guide section
//! The vendor's migration guide, "Step-by-Step Migration Examples", Example 4: List
//! Transactions with Pagination; and "Common Migration Issues & Solutions".

use super::edits;
use super::{Finding, Rule};
use crate::api::{self, Shape};
use crate::context::Ctx;
use crate::flexy::FieldKind;
use crate::flow::ReadKind;
use crate::lang::text;

pub fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let src = ctx.src();
    for f in ctx.flows() {
        for r in &f.reads {
            let m = &r.member;
            let name = ctx.field_name(m).unwrap_or_default();
            let (path, rename, to): (Vec<&str>, Option<&str>, String) = match r.kind {
                ReadKind::Pagination(to) => {
                    let leaf = to.trim_start_matches("pagination.");
                    let rename = (leaf != name).then_some(leaf);
                    if r.unwrapped {
                        (vec!["pagination"], rename, to.to_string())
                    } else {
                        (vec!["data", "pagination"], rename, format!("data.{to}"))
                    }
                }
                ReadKind::ListItems if r.unwrapped => (vec![], Some("items"), "items".into()),
                ReadKind::ListItems => (vec!["data"], Some("items"), "data.items".into()),
                _ => continue,
            };
            out.push(
                Finding::new(
                    Rule::RootPagination,
                    m.read.byte_range(),
                    format!(
                        "`{name}` is read {} the {} list response of {}: v3 has it at `{}`",
                        if r.unwrapped && r.origin.is_v3() {
                            "in `data` of"
                        } else {
                            "at the root of"
                        },
                        edits::version(r.origin),
                        edits::label_of(r.origin, r.endpoint),
                        edits::shown_path(r.origin, r.unwrapped, &to)
                    ),
                )
                .with_fix(
                    f.applicability(r.origin),
                    format!("Read `{to}`"),
                    Some(edits::read_edits(ctx, m, &path, rename)),
                )
                .from_origin(r.origin),
            );
        }
    }
    // The list endpoints called in this file, by the range of their call site's scope.
    // v3 list calls count too: `--fix` moves the URL before the reads can move.
    let v2 = ctx
        .endpoints
        .iter()
        .filter_map(|s| Some((s.range.clone(), s.matched.as_ref()?.endpoint)));
    let lists: Vec<(std::ops::Range<usize>, &'static str)> = v2
        .chain(ctx.v3_sites.iter().filter_map(|s| match s.path_match {
            crate::api::v3::V3Path::Known { endpoint, .. } => Some((s.range.clone(), endpoint)),
            _ => None,
        }))
        .filter_map(|(range, e)| match e.shape {
            Shape::List(field) => Some((ctx.function_around(range), field)),
            _ => None,
        })
        .collect();
    if lists.is_empty() {
        return;
    }
    for m in ctx.members() {
        if ctx.read_origin(m.read).is_some() || !super::v2_error_check::may_be_a_body(ctx, m) {
            continue;
        }
        let name = match m.kind {
            FieldKind::Dot => text(m.field, src).to_string(),
            _ => match ctx.syntax.literal(m.field, src) {
                Some(l) => l.value,
                None => continue,
            },
        };
        let at = m.read.start_byte();
        // In the function of a list call; a list call outside any function ties only the
        // code outside functions (another function of the file may read another API's list).
        let own = ctx.function_around(m.read.byte_range());
        let file = 0..src.len();
        let in_scope: Vec<&str> = lists
            .iter()
            .filter(|(r, _)| r.contains(&at) && (*r != file || own == file))
            .map(|(_, f)| *f)
            .collect();
        if in_scope.is_empty() {
            continue;
        }
        // Already v3: `x.data.pagination.totalPages`, `x.data.items`.
        // Already v3: `x.data.pagination.totalPages`, `x.data.items`, or a local
        // `pagination = x.data.pagination` read.
        let inner = ctx.member_at(m.object).and_then(|o| ctx.field_name(o));
        if matches!(inner.as_deref(), Some("data" | "pagination"))
            || ctx.syntax.tail_name(m.object, src).as_deref() == Some("pagination")
        {
            continue;
        }
        let moved = if let Some((_, to)) = api::PAGINATION_FIELDS.iter().find(|(f, _)| *f == name) {
            format!("data.{to}")
        } else if in_scope.contains(&name.as_str()) {
            "data.items".to_string()
        } else {
            continue;
        };
        out.push(Finding::new(
            Rule::RootPagination,
            m.field.byte_range(),
            format!("`{name}` is read at the root of a v2 list response: v3 has it at `{moved}`"),
        ));
    }
}
