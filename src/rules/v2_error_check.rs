//! The v2 error read as text: the error used as a string, or `message` as its text.
//!
//! ## What it finds
//! On a Flexy response: `result.error` printed, concatenated, interpolated or passed as a
//! message (`console.error(result.error)`, `new Error(result.error)`), and `result.message`
//! read where the same response's `error` is read too.
//!
//! On code already on v3 (the guide's "Error Handling Not Working"), `result.message` is
//! reported (v3 has it at `result.error.message`), and `result.error` written into a string
//! (`${result.error}`), which shows an object: its code is at `error.code`. A v3 error
//! handed on whole (`new ApiError(result.error)`) or tested (`if (result.error)`) is v3's.
//!
//! ## Why
//! In v3 `error` is an object `{code, message, details}` and the text is at
//! `error.message`; success is `result.success` (guide: "Error Handling").
//!
//! ## Example
//! ```js
//! if (result.error) console.error("Error:", result.message);        // before
//! if (!result.success) console.error("Error:", result.error.message); // after
//! ```
//!
//! `if (result.error)` keeps its meaning in v3 (the error object is there exactly when the
//! request failed) and is left alone.
//!
//! ## Fix safety
//! Reads followed from the request that returned the body are fixed (`error` used as text
//! becomes its `code`, `message` becomes `error.message`), as safely as the call site's URL:
//! unsafe when the response escapes the analysis. Reads the data flow cannot tie to a
//! response are reported without a fix, near Flexy requests only (in the function of a
//! Flexy URL or call site, or outside functions when one is), and never on a field of
//! the code's own object (`this.error` of a form class) or on the body of a request proven
//! to go to another host.
//!
//! On code already on v3 each fix stands alone (its URL is v3 already, so nothing has to
//! move with it): safe when a Flexy host or base is written in the request's URL, unsafe when
//! a host-less `/v3/...` path is tied to Flexy by code that also calls other hosts.
//!
//! ## Guide section
//! The vendor's migration guide, "The 3 Main Changes", 3. Error Handling; and "Common
//! Migration Issues & Solutions" (checking for old error format).

use super::edits;
use super::{Finding, Rule};
use crate::context::Ctx;
use crate::flexy::Tie;
use crate::flow::{self, ReadKind};
use crate::lang::{text, TextUse};
use crate::tree::Up;

/// Calls whose argument is tested, not shown.
const TESTS: &[&str] = &[
    "isset",
    "empty",
    "is_null",
    "Boolean",
    "bool",
    "array_key_exists",
    "is_array",
    "is_string",
];

pub fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let src = ctx.src();
    for f in ctx.flows() {
        for r in &f.reads {
            let m = &r.member;
            let (edits, message, title) = match r.kind {
            ReadKind::ErrorText => (
                ctx.syntax.error_code_read(m, src),
                format!("`{}` is the v2 error string of {}: in v3 the error is an object; its code is at `error.code`", text(m.read, src), edits::label_of(r.origin, r.endpoint)),
                "Read `error.code`",
            ),
            ReadKind::ErrorMessage => (
                edits::read_edits(ctx, m, &["error"], None),
                format!("`{}` is the v2 error text of {}: v3 has it at `error.message`", text(m.read, src), edits::label_of(r.origin, r.endpoint)),
                "Read `error.message`",
            ),
            _ => continue,
        };
            out.push(
                Finding::new(Rule::V2ErrorCheck, m.read.byte_range(), message)
                    .with_fix(f.applicability(r.origin), title, Some(edits))
                    .from_origin(r.origin),
            );
        }
    }
    // Reads not followed to a request are suspected only in a file that still has v2 Flexy
    // URLs: a file of v3 Flexy calls and another API's (Slack's `data.error`) has none.
    if !ctx.v2_url.iter().any(|&v2| v2) && ctx.endpoints.is_empty() {
        return;
    }
    let errors: Vec<_> = ctx
        .members()
        .iter()
        .filter(|m| ctx.field_name(m).as_deref() == Some("error"))
        .collect();
    if errors.is_empty() {
        return;
    }
    // An object whose `success`, `meta` or `requestId` is read is a v3 response.
    let v3_objects: Vec<&str> = ctx
        .members()
        .iter()
        .filter(|m| {
            matches!(
                ctx.field_name(m).as_deref(),
                Some("success" | "meta" | "requestId")
            )
        })
        .map(|m| text(m.object, src))
        .collect();
    for m in ctx.members() {
        if ctx.read_origin(m.read).is_some() || !may_be_a_body(ctx, m) {
            continue;
        }
        if !matches!(ctx.tie(m.read.byte_range()), Tie::Proven | Tie::Mixed)
            || !ctx.near_flexy(m.read.byte_range())
        {
            continue;
        }
        let name = ctx.field_name(m).unwrap_or_default();
        let object = text(m.object, src);
        if v3_objects.contains(&object) {
            continue;
        }
        match name.as_str() {
            "message" => {
                // Already v3: `result.error.message`.
                if ctx.member_at(m.object).and_then(|o| ctx.field_name(o)).as_deref() == Some("error") {
                    continue;
                }
                if !errors.iter().any(|e| text(e.object, src) == object) {
                    continue;
                }
                out.push(Finding::new(
                    Rule::V2ErrorCheck,
                    m.read.byte_range(),
                    format!("`{}` is the v2 error text: v3 has it at `error.message`", text(m.read, src)),
                ));
            }
            "error" if used_as_text(ctx, m.read) => out.push(Finding::new(
                Rule::V2ErrorCheck,
                m.read.byte_range(),
                format!("`{}` is the v2 error string: in v3 the error is an object, with `error.code` and `error.message`", text(m.read, src)),
            )),
            _ => {}
        }
    }
}

/// Can the object of this read be a response body? Not a field of the code's own object
/// (`this.error`, `$this->message`, `self.error`: a class's own state), nor the body of a
/// request whose URL is proven not Flexy's.
pub(crate) fn may_be_a_body(ctx: &Ctx, m: &crate::flexy::Member) -> bool {
    let own_field = ctx
        .syntax
        .name_key(m.read, ctx.src())
        .is_some_and(|k| flow::is_member_key(&k));
    // `$report['topups'] = ...` writes a field of the program's own value.
    let written = m
        .read
        .up()
        .and_then(|p| ctx.syntax.binding(p, ctx.src()))
        .is_some_and(|(target, _)| target == m.read);
    !own_field && !written && !ctx.flows().iter().any(|f| f.is_foreign(m.object))
}

fn used_as_text(ctx: &Ctx, read: tree_sitter::Node) -> bool {
    match ctx.syntax.text_use(read, ctx.src()) {
        Some(TextUse::Shown) => true,
        Some(TextUse::Argument(callee)) => !TESTS.contains(&callee.as_str()),
        None => false,
    }
}
