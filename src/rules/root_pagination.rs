//! Pagination fields and the list read at the root of a Flexy list response.
//!
//! ## What it finds
//! `totalResults`, `currentPage`, `totalPages` and the list field (`transactions`, ...) read
//! on the body of a Flexy list endpoint (`/v2/account/transactions`, `/v2/topup/list`,
//! `/v2/internet/list`, `/v2/gift-cards/list`, or their v3 paths once the URL is migrated),
//! in code that calls such an endpoint.
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
//! ## Fix safety
//! Reported without a fix for now: the rewrite needs the response's data flow, so that only
//! reads of a Flexy list body move. `totalPages` of other APIs is never reported.

use super::{Finding, Rule};
use crate::api::{self, Shape};
use crate::flexy::{Ctx, FieldKind};
use crate::lang::text;

pub fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let src = ctx.src();
    // The list endpoints called in this file, by the range of their call site's scope.
    // v3 list calls count too: `--fix` moves the URL before the reads can move.
    let v2 = ctx
        .endpoints
        .iter()
        .filter_map(|s| Some((s.range.clone(), s.matched.as_ref()?.endpoint)));
    let lists: Vec<(std::ops::Range<usize>, &'static str)> = v2
        .chain(ctx.v3_paths())
        .filter_map(|(range, e)| match e.shape {
            Shape::List(field) => Some((scope_of(ctx, range), field)),
            _ => None,
        })
        .collect();
    if lists.is_empty() {
        return;
    }
    for m in ctx.members() {
        let name = match m.kind {
            FieldKind::Dot => text(m.field, src).to_string(),
            _ => match ctx.syntax.literal(m.field, src) {
                Some(l) => l.value,
                None => continue,
            },
        };
        let at = m.read.start_byte();
        let in_scope: Vec<&str> = lists
            .iter()
            .filter(|(r, _)| r.contains(&at))
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

/// The innermost function around a place, or the whole file.
fn scope_of(ctx: &Ctx, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let mut n = ctx.node_at(range);
    while let Some(x) = n {
        if ctx.syntax.is_scope(x)
            && !matches!(x.kind(), "class_declaration" | "class" | "class_definition")
        {
            return x.byte_range();
        }
        n = x.parent();
    }
    0..ctx.src().len()
}
