//! A TypeScript type that describes a v2 response body.
//!
//! ## What it finds
//! In TypeScript, the type a v2 Flexy response body is given, where that body's reads are
//! migrated: the annotation of the variable holding it (`const list: TopupList = await
//! r.json()`), a cast (`(await res.json()) as PlansResponse`, `<PlansResponse>body`), or the
//! type argument of the request (`axios.get<BalanceResponse>(url)`). The finding is on the
//! type's declaration (`interface BalanceResponse { balance: number }`, `type TopupList =
//! {...}`) when the file declares it, else on the annotation (the type is imported).
//!
//! ## Why
//! v3 wraps the payload: `{success, data: {...}, meta, requestId}`, with lists under
//! `data.items` and `data.pagination`. Once the reads move to `data`, a type that still
//! describes the v2 body makes the compiler reject them (`Property 'data' does not exist on
//! type 'BalanceResponse'`): the type must change with the call.
//!
//! ## Example
//! ```ts
//! interface BalanceResponse { balance: number }          // reported: v3 has
//! // { success: boolean; data: { balance: number }; requestId: string }
//! const body: BalanceResponse = await res.json();
//! console.log(body.balance);                             // -> body.data.balance
//! ```
//! A type given to a wrapper migrated at the wrapper (`this.request<BalanceResponse>(...)`,
//! which then returns `data`) still describes what the caller gets, and is not reported.
//!
//! ## Fix safety
//! No fix: the type may be shared with other code, and its v3 shape (`data` of which
//! payload, which pagination) is the author's to write.
//!
//! ## Guide section
//! The vendor's migration guide, "The 3 Main Changes" (3: response format) and the v3
//! response-format page ("Success Response Structure").

use std::collections::HashSet;

use tree_sitter::Node;

use super::edits;
use super::{Finding, Rule};
use crate::context::Ctx;
use crate::flow;
use crate::lang::{text, BodyType};

pub fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    if !ctx.source.lang.is_typescript() {
        return;
    }
    let f = ctx.flow();
    let src = ctx.src();
    // The body expressions whose reads are migrated, with their endpoint.
    let mut bodies: Vec<(Node, Option<&'static crate::api::Endpoint>, flow::Origin)> = f
        .reads
        .iter()
        .filter(|r| !r.unwrapped && is_moved(r.kind))
        .map(|r| (r.member.object, r.endpoint, r.origin))
        .collect();
    bodies.extend(
        f.destructures
            .iter()
            .filter(|d| !d.unwrapped)
            .map(|d| (d.body, d.endpoint, d.origin)),
    );
    bodies.extend(
        f.arrays
            .iter()
            .filter(|a| !a.unwrapped)
            .map(|a| (a.body, None, a.origin)),
    );
    let mut seen: HashSet<usize> = HashSet::new();
    for (body, endpoint, origin) in bodies {
        let Some(ty) = ctx.syntax.body_type(ctx.source.root(), body, src) else {
            continue;
        };
        let (name, at, imported) = match ty {
            // `any` and `unknown` need no change.
            BodyType::Predefined => continue,
            BodyType::Named {
                name,
                node,
                declaration,
            } => match declaration {
                Some(d) => (name, d, false),
                None => (name, node, true),
            },
            // Written where it is used: `Array<{ value: number }>`, `{ balance: number }`.
            BodyType::Written(ty) => (text(ty, src).to_string(), ty, false),
        };
        if !seen.insert(at.start_byte()) {
            continue;
        }
        let what = edits::label(endpoint);
        let message = if imported {
            format!("`{name}` is the type of the v2 response of {what}: v3 wraps the payload in `{{success, data, meta, requestId}}`; change the type where it is declared")
        } else {
            format!("`{name}` describes the v2 response of {what}: v3 wraps the payload in `{{success, data, meta, requestId}}` (lists under `data.items` and `data.pagination`); change the type with the reads")
        };
        out.push(Finding::new(Rule::V2ResponseType, at.byte_range(), message).from_origin(origin));
    }
}

/// Reads that move in v3 (not the v3 fields, nor a v2 error test left as it is).
fn is_moved(kind: flow::ReadKind) -> bool {
    use flow::ReadKind::*;
    matches!(
        kind,
        Plain | Pagination(_) | ListItems | Topup | Typo | ProductsField | ErrorText | ErrorMessage
    )
}
