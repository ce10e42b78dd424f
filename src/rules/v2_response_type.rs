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

use super::{Finding, Rule};
use crate::context::Ctx;
use crate::flow;
use crate::lang::{text, Field, NodeType, Syntax};
use crate::source::Up;

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
        let Some(ty) = declared_type(ctx.syntax, body, src) else {
            continue;
        };
        // `any` and `unknown` need no change.
        if matches!(ty.type_name(), "predefined_type") {
            continue;
        }
        let (name, at, imported) = match type_name(ty, src) {
            Some(name) => match declaration(ctx.source.root(), &name, src) {
                Some(d) => (name, d, false),
                None => (name, ty, true),
            },
            // Written where it is used: `Array<{ value: number }>`, `{ balance: number }`.
            None => (text(ty, src).to_string(), ty, false),
        };
        if !seen.insert(at.start_byte()) {
            continue;
        }
        let what = flow::label(endpoint);
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

/// The type node a body expression is given: a cast around it, the annotation of the
/// variable it names, or the type argument of the request that produced it.
fn declared_type<'t>(syntax: &dyn Syntax, body: Node<'t>, src: &str) -> Option<Node<'t>> {
    if let Some(t) = cast_type(body) {
        return Some(t);
    }
    if body.type_name() != "identifier" {
        return None;
    }
    let name = text(body, src);
    let decl = binding_of(syntax, body, name, src)?;
    if let Some(t) = decl.field("type") {
        return t.named_child(0);
    }
    let mut value = decl.field("value")?;
    loop {
        if let Some(t) = cast_type(value) {
            return Some(t);
        }
        match value.type_name() {
            "await_expression" | "parenthesized_expression" => value = value.named_child(0)?,
            "call_expression" => {
                // `axios.get<T>(url)`, and `await f<T>(x)` as the grammar reads it.
                return value.field("type_arguments")?.named_child(0);
            }
            _ => return None,
        }
    }
}

/// `x as T`, `x satisfies T`, `<T>x`: the type.
fn cast_type(n: Node) -> Option<Node> {
    match n.type_name() {
        "as_expression" | "satisfies_expression" => n.named_child(1),
        "type_assertion" => n.named_child(0)?.named_child(0),
        "parenthesized_expression" => cast_type(n.named_child(0)?),
        _ => None,
    }
}

/// The declarator binding `name` that is in scope at `at`: the nearest one before it in an
/// enclosing block or function.
fn binding_of<'t>(syntax: &dyn Syntax, at: Node<'t>, name: &str, src: &str) -> Option<Node<'t>> {
    let mut scope = at.up();
    while let Some(s) = scope {
        let mut best: Option<Node<'t>> = None;
        let mut stack = vec![s];
        while let Some(n) = stack.pop() {
            if n.start_byte() >= at.start_byte() {
                continue;
            }
            if n.type_name() == "variable_declarator" && binds(n, name, src) {
                if best.is_none_or(|b| b.start_byte() < n.start_byte()) {
                    best = Some(n);
                }
                continue;
            }
            // Declarations in nested functions are not in scope here.
            if n != s && syntax.is_function(n) {
                continue;
            }
            let mut c = n.walk();
            stack.extend(n.named_children(&mut c));
        }
        if best.is_some() {
            return best;
        }
        scope = s.up();
    }
    None
}

/// Does the declarator bind `name` (directly, or as `{ name }` / `{ key: name }`)?
fn binds(decl: Node, name: &str, src: &str) -> bool {
    let Some(target) = decl.field("name") else {
        return false;
    };
    match target.type_name() {
        "identifier" => text(target, src) == name,
        "object_pattern" => {
            let mut c = target.walk();
            let found = target.named_children(&mut c).any(|p| match p.type_name() {
                "shorthand_property_identifier_pattern" => text(p, src) == name,
                "pair_pattern" => p.field("value").is_some_and(|v| text(v, src) == name),
                _ => false,
            });
            found
        }
        _ => false,
    }
}

/// The name of a type reference: `TopupList`, `ns.BalanceResponse` (last part); None for
/// built-in and structural types (`any`, `{...}`, `Array<T>`).
fn type_name(ty: Node, src: &str) -> Option<String> {
    match ty.type_name() {
        "type_identifier" => Some(text(ty, src).to_string()),
        "nested_type_identifier" => ty
            .named_child(u32::try_from(ty.named_child_count().checked_sub(1)?).ok()?)
            .map(|n| text(n, src).to_string()),
        _ => None,
    }
}

/// The `interface NAME` or `type NAME =` declared in the file: its name node.
fn declaration<'t>(root: Node<'t>, name: &str, src: &str) -> Option<Node<'t>> {
    let mut stack = vec![root];
    while let Some(n) = stack.pop() {
        if matches!(
            n.type_name(),
            "interface_declaration" | "type_alias_declaration"
        ) {
            if let Some(id) = n.field("name") {
                if text(id, src) == name {
                    return Some(id);
                }
            }
            continue;
        }
        let mut c = n.walk();
        stack.extend(n.named_children(&mut c));
    }
    None
}
