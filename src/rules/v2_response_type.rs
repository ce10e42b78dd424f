//! A TypeScript type that describes a v2 response body.
//!
//! ## What it finds
//! In TypeScript, the type a v2 Flexy response body is given, where that body's reads are
//! migrated: the annotation of the variable holding it (`const list: TopupList = await
//! r.json()`), a cast (`(await res.json()) as PlansResponse`, `<PlansResponse>body`), or the
//! type argument of the request (`axios.get<BalanceResponse>(url)`,
//! `this.request<TopupList>(path)`). The finding is on that type where the body gets it.
//!
//! ## Why
//! v3 wraps the payload: `{success, data: {...}, meta, requestId}`, with lists under
//! `data.items` and `data.pagination`. Once the reads move to `data`, a type that still
//! describes the v2 body makes the compiler reject them (`Property 'data' does not exist on
//! type 'BalanceResponse'`): the type must change with the call.
//!
//! ## Example
//! ```ts
//! const body: BalanceResponse = await res.json();        // before
//! console.log(body.balance);
//! const body: V3Response<BalanceResponse> = await res.json();   // after
//! console.log(body.data.balance);
//! ```
//! The type is rewritten where the body gets it, so the declaration (which other code may
//! use, for a request's payload or a cache) keeps its meaning: the v2 payload type keeps
//! its fields under `data` (`V3Response<BalanceResponse>`); a list moves to `items` and
//! `pagination` (`V3Response<V3Page<TopupList["topups"][number]>>`); a check-status record
//! comes out of `topup` (`V3Response<StatusResponse["topup"]>`); the internet products go
//! under `products` (`V3Response<{ products: Card[] }>`); the plans' misspelled
//! `dymanicPlans` is renamed in the declaration by `dymanic-plans-typo`. The envelope types (`V3Response<T>`, `V3Page<T>`, the shape of
//! the vendor's response-format page, with `data` and `error` typed to be read before
//! `success` is tested, as the migrated reads do) are declared once at the end of the file.
//! A type given to a wrapper migrated at the wrapper (`this.request<BalanceResponse>(...)`,
//! which then returns `data`) still describes what the caller gets; a list's changes there.
//!
//! v3 sends errors apart from the payload, so a result type that is a union of the payload
//! and the v2 error body (`type SendResult = Sent | ApiError`) keeps only the payload
//! (`V3Response<Sent>`). The envelope types `error` as present, so a test that tells errors
//! from results by the key (`"error" in result`, which would narrow the other branch to
//! `never`) reads the `success` flag instead (`!result.success`), in the same fix: v3 clears
//! it exactly when it sends `error`, so the same branch runs.
//!
//! An error body typed apart from any request, by the program's own HTTP error class
//! (`constructor(public response: HttpResponse<{ error: string; message: string }>)`,
//! reached through `err instanceof HttpError`), gets its `error: string` typed as the v3
//! error object, `{ code: string; message: string }`: the reads of `error` move to
//! `error.code`. That finding is made once per call site whose errors are read through the
//! type, since the type changes with any of them.
//!
//! ## Fix safety
//! As safe as the call site whose reads move: the type moves with them, in the same unit.
//! A body whose type is `any` or `unknown` needs no change.
//!
//! ## Guide section
//! The vendor's migration guide, "The 3 Main Changes" (3: response format) and the v3
//! response-format page ("Success Response Structure", "TypeScript Types").

use std::collections::HashSet;

use tree_sitter::Node;

use super::edits;
use super::{Edit, Finding, Rule};
use crate::context::Ctx;
use crate::flow;
use crate::lang::{text, BodyType};
use crate::layout;

pub fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    if !ctx.source.lang.is_typescript() {
        return;
    }
    let f = ctx.flow();
    let src = ctx.src();
    // The body expressions whose reads are migrated, with their endpoint; and whether the
    // body is the payload a wrapper migrated at the wrapper returns.
    type Body<'t> = (
        Node<'t>,
        Option<&'static crate::api::Endpoint>,
        flow::Origin,
        bool,
    );
    let mut bodies: Vec<Body> = f
        .reads
        .iter()
        .filter(|r| is_moved(r.kind))
        .map(|r| (r.member.object, r.endpoint, r.origin, r.unwrapped))
        .collect();
    bodies.extend(
        f.destructures
            .iter()
            .map(|d| (d.body, d.endpoint, d.origin, d.unwrapped)),
    );
    bodies.extend(
        f.arrays
            .iter()
            .map(|a| (a.body, None, a.origin, a.unwrapped)),
    );
    let mut seen: HashSet<usize> = HashSet::new();
    // Functions migrated at the function return the v3 `data`: their declared return type
    // (`Promise<TopupStatus>`) changes where that payload's shape does.
    for w in f
        .wrappers
        .iter()
        .filter(|w| w.strategy == flow::Strategy::AtWrapper)
    {
        let Some(at) = ctx.syntax.declared_return(w.func, src) else {
            continue;
        };
        let endpoint = endpoint_of(ctx, w.origin);
        let Some(new) = changed(ctx, f, w.origin, endpoint, at) else {
            continue;
        };
        if !seen.insert(at.start_byte()) {
            continue;
        }
        let message = format!(
            "`{}` is what `{}` returns, the v2 response of {}: migrated at the function, it returns v3's `data`, typed `{new}`",
            text(at, src),
            w.name,
            edits::label(endpoint)
        );
        // Its returns are rewritten by the wrapper's own fix: no companion here.
        out.push(retyped(ctx, f, at, &new, w.origin, message, None));
    }
    // The calls of those functions that name the payload's type (`this.get<TopupList>(path)`
    // of a generic `get<T>` unwrapping `data`): the type changes where the shape does, and
    // so does the declared type of a function returning the call.
    let at_wrapper: Vec<&str> = f
        .wrappers
        .iter()
        .filter(|w| w.strategy == flow::Strategy::AtWrapper)
        .map(|w| w.name.as_str())
        .collect();
    if !at_wrapper.is_empty() {
        for call in ctx.source.named_nodes() {
            let Some(view) = ctx.syntax.call_view(call, src) else {
                continue;
            };
            if !at_wrapper.contains(&view.name.as_str()) {
                continue;
            }
            let (Some(at), Some(origin)) =
                (ctx.syntax.call_type_argument(call), f.request_origin(call))
            else {
                continue;
            };
            let endpoint = endpoint_of(ctx, origin);
            let Some(new) = changed(ctx, f, origin, endpoint, at) else {
                continue;
            };
            if !seen.insert(at.start_byte()) {
                continue;
            }
            let message = format!(
                "`{}` is the payload `{}` returns for {}: migrated at the function, it returns v3's `data`, typed `{new}`",
                text(at, src),
                view.name,
                edits::label(endpoint)
            );
            out.push(retyped(ctx, f, at, &new, origin, message, Some(&mut seen)));
        }
    }
    // The v2 error's type where the file declares it apart from any request (a class's
    // `response: AxiosResponse<{ error: string; message: string }>`): the reads of `error`
    // move to `error.code`, so `error` becomes the v3 error object. One finding per call site
    // whose errors are read through it: the type changes with any of them.
    let errors = f
        .reads
        .iter()
        .filter(|r| {
            matches!(
                r.kind,
                flow::ReadKind::ErrorText
                    | flow::ReadKind::ErrorCheck
                    | flow::ReadKind::ErrorMessage
            )
        })
        .map(|r| (r.member.object, r.origin, r.endpoint, r.unwrapped))
        .chain(
            f.destructures
                .iter()
                .map(|d| (d.body, d.origin, d.endpoint, d.unwrapped)),
        );
    let mut typed: HashSet<(usize, flow::Origin)> = HashSet::new();
    for (body, origin, endpoint, unwrapped) in errors {
        // A body given its own type is retyped whole, into the envelope (below).
        if unwrapped || ctx.syntax.body_type(ctx.source.root(), body, src).is_some() {
            continue;
        }
        let Some(at) = ctx
            .syntax
            .member_type(ctx.source.root(), body, Some("error"), src)
            .filter(|t| text(*t, src) == "string")
        else {
            continue;
        };
        if !typed.insert((at.start_byte(), origin)) {
            continue;
        }
        let message = format!(
            "`error: string` types the v2 error of {}: v3 sends `error` as an object, `{{ code, message }}`; the type changes with the reads",
            edits::label(endpoint)
        );
        out.push(
            Finding::new(Rule::V2ResponseType, at.byte_range(), message)
                .with_fix(
                    f.applicability(origin),
                    format!("Type it `{V3_ERROR}`"),
                    Some(vec![Edit {
                        range: at.byte_range(),
                        content: V3_ERROR.to_string(),
                    }]),
                )
                .from_origin(origin),
        );
    }
    for (body, endpoint, origin, unwrapped) in bodies {
        let Some(ty) = ctx.syntax.body_type(ctx.source.root(), body, src) else {
            continue;
        };
        let (name, at) = match ty {
            // `any` and `unknown` need no change.
            BodyType::Predefined => continue,
            BodyType::Named { name, node, .. } => (name, node),
            // Written where it is used: `Array<{ value: number }>`, `{ balance: number }`.
            BodyType::Written(ty) => (text(ty, src).to_string(), ty),
        };
        let change = changed(ctx, f, origin, endpoint, at);
        // The payload a wrapper unwraps keeps its type unless its shape changes.
        if unwrapped && change.is_none() {
            continue;
        }
        if !seen.insert(at.start_byte()) {
            continue;
        }
        let payload = change.unwrap_or_else(|| text(at, src).to_string());
        let new = if unwrapped {
            payload
        } else {
            format!("{ENVELOPE}<{payload}>")
        };
        let what = edits::label(endpoint);
        let message = format!("`{name}` describes the v2 response of {what}: v3 wraps the payload in `{{success, data, meta, requestId}}` (lists under `data.items` and `data.pagination`); the type changes with the reads to `{new}`");
        out.push(retyped(ctx, f, at, &new, origin, message, Some(&mut seen)));
    }
}

/// The finding that retypes `at` (and the types that must say the same: the casts a
/// function declared to return it returns, the type argument of a call it returns) to
/// `new`, with the envelope declared when `new` names it; in the unit of `origin`. Without
/// `seen`, `at` alone.
fn retyped(
    ctx: &Ctx,
    f: &flow::Flow,
    at: Node,
    new: &str,
    origin: flow::Origin,
    message: String,
    seen: Option<&mut HashSet<usize>>,
) -> Finding {
    let src = ctx.src();
    let mut edits = vec![Edit {
        range: at.byte_range(),
        content: new.to_string(),
    }];
    let companions = match seen {
        Some(seen) => ctx
            .syntax
            .type_companions(at, src)
            .into_iter()
            .filter(|t| seen.insert(t.start_byte()))
            .collect(),
        None => Vec::new(),
    };
    edits.extend(companions.into_iter().map(|t| Edit {
        range: t.byte_range(),
        content: new.to_string(),
    }));
    if new.contains(ENVELOPE) || new.contains(PAGE) {
        edits.extend(declarations(ctx));
    }
    // The envelope types `error` as present, so `"error" in result` would narrow its other
    // branch to `never`: the test reads the `success` flag instead, which v3 clears exactly
    // when it sends `error` (the same branch is taken).
    if new.contains(ENVELOPE) {
        edits.extend(
            f.error_key_tests
                .iter()
                .filter(|(_, o)| *o == origin)
                .filter_map(|(body, _)| ctx.syntax.success_test(*body, src))
                .map(|(range, content)| Edit { range, content }),
        );
    }
    Finding::new(Rule::V2ResponseType, at.byte_range(), message)
        .with_fix(
            f.applicability(origin),
            format!("Type it `{new}`"),
            Some(edits),
        )
        .from_origin(origin)
}

/// The endpoint of a body's origin, when one is known.
fn endpoint_of(ctx: &Ctx, origin: flow::Origin) -> Option<&'static crate::api::Endpoint> {
    match origin {
        flow::Origin::Site(k) => ctx.endpoints.get(k)?.matched.as_ref().map(|m| m.endpoint),
        flow::Origin::Imported(k) => ctx.across.imported.get(k)?.export.endpoint,
        _ => None,
    }
}

/// The envelope type the fixes use, and the list payload's.
const ENVELOPE: &str = "V3Response";
const PAGE: &str = "V3Page";
/// The v3 error object, as the envelope types it.
const V3_ERROR: &str = "{ code: string; message: string }";

/// What v3 returns under `data` for a body of v2 type `at`, when that differs from it: the
/// payload of [`payload`], of the union's members that are no v2 error body (v3 sends errors
/// apart, under `error`: `type SendResult = SendTopupResponse | ApiError` gives
/// `SendTopupResponse`).
fn changed(
    ctx: &Ctx,
    f: &flow::Flow,
    origin: flow::Origin,
    endpoint: Option<&'static crate::api::Endpoint>,
    at: Node,
) -> Option<String> {
    let src = ctx.src();
    let results = ctx.syntax.success_members(ctx.source.root(), at, src);
    let t = results.as_deref().unwrap_or(text(at, src));
    let t = match (&results, t.contains(" | ")) {
        (Some(_), true) => format!("({t})"),
        _ => t.to_string(),
    };
    payload(ctx, f, origin, endpoint, &t).or(results.map(|_| t))
}

/// What v3 returns under `data` for a body of v2 type `t`, when that differs from `t`: a
/// list's items and pagination, a check-status record out of `topup`, the products under
/// `products`, the plans with `dynamicPlans` spelled right.
fn payload(
    ctx: &Ctx,
    f: &flow::Flow,
    origin: flow::Origin,
    endpoint: Option<&'static crate::api::Endpoint>,
    t: &str,
) -> Option<String> {
    use crate::api::Shape;
    use flow::ReadKind;
    let reads: Vec<&flow::Read> = f.reads.iter().filter(|r| r.origin == origin).collect();
    let simple = t
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '_' | '$' | '.'));
    let of = |field: &str| {
        if simple {
            format!("{t}[\"{field}\"]")
        } else {
            format!("({t})[\"{field}\"]")
        }
    };
    let list_field = match endpoint.map(|e| e.shape) {
        Some(Shape::List(field)) => Some(field.to_string()),
        None => reads
            .iter()
            .find(|r| r.kind == ReadKind::ListItems)
            .and_then(|r| ctx.field_name(&r.member)),
        _ => None,
    };
    if let Some(field) = list_field {
        return Some(format!("{PAGE}<{}[number]>", of(&field)));
    }
    match endpoint.map(|e| e.shape) {
        Some(Shape::Status) => return Some(of("topup")),
        Some(Shape::Products) => return Some(format!("{{ products: {t} }}")),
        None if reads.iter().any(|r| r.kind == ReadKind::Topup) => return Some(of("topup")),
        _ => {}
    }
    // The plans' `dymanicPlans` is renamed where the type declares it (`dymanic-plans-typo`).
    None
}

/// The envelope types, declared once at the end of the file (an identical edit shared by
/// every fix): none when the file declares them already.
fn declarations(ctx: &Ctx) -> Option<Edit> {
    let src = ctx.src();
    if src.contains(&format!("interface {ENVELOPE}<")) {
        return None;
    }
    let root = ctx.source.root();
    let mut c = root.walk();
    let last = root.named_children(&mut c).last()?;
    let at = last.end_byte();
    let eol = layout::line_ending(src, at);
    let u = layout::indent_unit(src);
    let lines = [
        String::new(),
        String::new(),
        "// The v3 response envelope of the vendor's response-format page, added by the migration:".to_string(),
        "// `data` and `error` are typed to be read before `success` is tested.".to_string(),
        format!("interface {ENVELOPE}<T> {{"),
        format!("{u}success: boolean;"),
        format!("{u}data: T;"),
        format!("{u}error: {{ code: string; message: string; details?: Record<string, any> }};"),
        format!("{u}meta?: {{ timestamp: string }};"),
        format!("{u}requestId?: string;"),
        "}".to_string(),
        format!("interface {PAGE}<T> {{"),
        format!("{u}items: T[];"),
        format!("{u}pagination: {{ page: number; pageSize: number; totalPages: number; totalResults: number }};"),
        "}".to_string(),
    ];
    Some(Edit {
        range: at..at,
        content: lines.join(eol),
    })
}

/// Reads that move in v3 (not the v3 fields, nor a v2 error test left as it is).
fn is_moved(kind: flow::ReadKind) -> bool {
    use flow::ReadKind::*;
    matches!(
        kind,
        Plain | Pagination(_) | ListItems | Topup | Typo | ProductsField | ErrorText | ErrorMessage
    )
}
