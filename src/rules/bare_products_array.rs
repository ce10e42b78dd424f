//! The internet products response used as a bare array.
//!
//! ## What it finds
//! The body of `/v2/internet/checkCards/:type` used as an array: iterated (`for...of`,
//! `foreach`, `for ... in`), counted (`.length`, `count()`, `len()`), indexed (`cards[0]`),
//! or given an array method (`cards.forEach`, `cards.filter`), followed from the request.
//!
//! On code already on v3, `result.data` of the internet products used as the list
//! (`result.data.forEach(...)`, `for card in result["data"]`) is reported: v3 has the list at
//! `result.data.products`.
//!
//! ## Why
//! v2 returns the products as a bare array; v3 returns them at `data.products` (guide:
//! Example 5).
//!
//! ## Example
//! ```js
//! cards.forEach((card) => console.log(card.value));            // before
//! cards.data.products.forEach((card) => console.log(card.value)); // after
//! ```
//! ```php
//! foreach ($cards as $card)                       // before
//! foreach ($cards['data']['products'] as $card)   // after
//! ```
//!
//! ## Fix safety
//! As safe as the call site's URL fix, when every use of the response is found; unsafe when
//! the response escapes the analysis.
//!
//! On code already on v3 each fix stands alone (its URL is v3 already, so nothing has to
//! move with it): safe when a Flexy host or base is written in the request's URL, unsafe when
//! a host-less `/v3/...` path is tied to Flexy by code that also calls other hosts.
//!
//! ## Guide section
//! The vendor's migration guide, "Step-by-Step Migration Examples", Example 5: Check
//! Internet Products ("Direct array -> result.data.products").

use tree_sitter::Node;

use super::edits;
use super::{Edit, Finding, Rule};
use crate::context::Ctx;
use crate::flow::ReadKind;
use crate::lang::text;

pub fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for f in ctx.flows() {
        for r in f.reads.iter().filter(|r| r.kind == ReadKind::ProductsField) {
            let path: &[&str] = if r.unwrapped {
                &["products"]
            } else {
                &["data", "products"]
            };
            out.push(
                Finding::new(
                    Rule::BareProductsArray,
                    r.member.read.byte_range(),
                    format!(
                    "`{}` uses the {} products response as an array: v3 has the products at `{}`",
                    text(r.member.read, ctx.src()),
                    edits::version(r.origin),
                    edits::shown_path(r.origin, r.unwrapped, &path.join("."))
                ),
                )
                .with_fix(
                    f.applicability(r.origin),
                    format!("Use `{}`", path.join(".")),
                    Some(edits::read_edits(ctx, &r.member, path, None)),
                )
                .from_origin(r.origin),
            );
        }
        for a in &f.arrays {
            let path: &[&str] = if a.unwrapped {
                &["products"]
            } else {
                &["data", "products"]
            };
            out.push(
                Finding::new(
                    Rule::BareProductsArray,
                    a.body.byte_range(),
                    format!(
                        "`{}` is the {}: v3 has the products at `{}`",
                        text(a.body, ctx.src()),
                        if a.origin.is_v3() {
                            "v3 products response, read as v2's bare array"
                        } else {
                            "v2 products response, a bare array"
                        },
                        edits::shown_path(a.origin, a.unwrapped, &path.join("."))
                    ),
                )
                .with_fix(
                    f.applicability(a.origin),
                    format!("Use `{}`", path.join(".")),
                    Some(array_edits(ctx, a.body, path, a.objects)),
                )
                .from_origin(a.origin),
            );
        }
    }
}

/// The edits reading the products; in `Array.isArray(body)` or PHP's `is_array($body)`, the
/// test that told a v2 list from a v2 error, `data` may be absent (a v3 error has none):
/// `data?.products`, `$body['data']['products'] ?? null`.
fn array_edits(ctx: &Ctx, body: Node, path: &[&str], objects: bool) -> Vec<Edit> {
    let mut edits = edits::body_suffix_edits(ctx, body, path, objects);
    if path.len() > 1 && ctx.syntax.is_type_test(body, ctx.src()) {
        for e in &mut edits {
            if ctx.source.lang.is_js_family() {
                e.content = e.content.replace(".data.", ".data?.");
            } else if !e.content.is_empty()
                && e.range.is_empty()
                && e.range.start == body.end_byte()
            {
                // PHP: reading a missing key would warn.
                e.content.push_str(" ?? null");
            }
        }
    }
    edits
}
