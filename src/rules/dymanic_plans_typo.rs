//! The v2 typo `dymanicPlans`, read or written as a field name.
//!
//! ## What it finds
//! `dymanicPlans` as a member (`data.dymanicPlans`, `$data->dymanicPlans`), a key or
//! subscript (`data["dymanicPlans"]`, `$data['dymanicPlans']`, `data.get("dymanicPlans")`),
//! an object key, or a destructured property (`const { dymanicPlans } = data`).
//!
//! On code already on v3, `result.data.dymanicPlans` is reported too: v3 spells it
//! `dynamicPlans`.
//!
//! ## Why
//! v3 fixes the spelling: the plans list is `data.dynamicPlans` (guide: Example 1, "MUST
//! Fix"). A read of the old name finds nothing.
//!
//! ## Example
//! ```js
//! const { dymanicPlans } = data;                   // before
//! const { dynamicPlans: dymanicPlans } = data;     // after: the local keeps its name
//! ```
//!
//! ## Fix safety
//! Always safe: the misspelling exists only in Flexy's v2 responses. A local variable that
//! happens to be named `dymanicPlans` is left alone. Moving the read under `data` is the
//! job of `unwrapped-response`.
//!
//! On code already on v3 each fix stands alone (its URL is v3 already, so nothing has to
//! move with it): safe when a Flexy host or base is written in the request's URL, unsafe when
//! a host-less `/v3/...` path is tied to Flexy by code that also calls other hosts.
//!
//! ## Guide section
//! The vendor's migration guide, "Step-by-Step Migration Examples", Example 1: Get Mobile
//! Plans ("MUST Fix: v3 fixes the typo").

use std::collections::HashSet;

use super::edits;
use super::{Applicability, Edit, Finding, Rule};
use crate::api::PLANS_TYPO;
use crate::flexy::FieldKind;
use crate::flow::ReadKind;
use crate::lang::query::Purpose;
use crate::lang::text;

pub fn check(ctx: &crate::context::Ctx, out: &mut Vec<Finding>) {
    let (old, new) = PLANS_TYPO;
    let src = ctx.src();
    if !src.contains(old) {
        return;
    }
    let mut done: HashSet<std::ops::Range<usize>> = HashSet::new();
    // Reads of a v2 plans response: through `data` too.
    for f in ctx.flows() {
        for r in f.reads.iter().filter(|r| r.kind == ReadKind::Typo) {
            let m = &r.member;
            let path: &[&str] = if r.unwrapped { &[] } else { &["data"] };
            if done.insert(m.field.byte_range()) {
                let to = if r.unwrapped {
                    new.to_string()
                } else {
                    format!("data.{new}")
                };
                out.push(
                    Finding::new(
                        Rule::DymanicPlansTypo,
                        m.field.byte_range(),
                        format!(
                            "`{old}` is the v2 misspelling, read {} the {} response: v3 has `{}`",
                            if r.unwrapped && r.origin.is_v3() {
                                "in `data` of"
                            } else {
                                "at the root of"
                            },
                            edits::version(r.origin),
                            edits::shown_path(r.origin, r.unwrapped, &to)
                        ),
                    )
                    .with_fix(
                        f.applicability(r.origin),
                        format!("Read `{to}`"),
                        Some(edits::read_edits(ctx, m, path, Some(new))),
                    )
                    .from_origin(r.origin),
                );
            }
        }
    }
    let mut push = |range: std::ops::Range<usize>, edit: Edit, out: &mut Vec<Finding>| {
        if done.insert(range.clone()) {
            out.push(
                Finding::new(
                    Rule::DymanicPlansTypo,
                    range,
                    format!("`{old}` is the v2 misspelling: v3 returns `{new}`"),
                )
                .with_fix(
                    Some(Applicability::Safe),
                    format!("Rename to `{new}`"),
                    Some(vec![edit]),
                ),
            );
        }
    };
    for m in ctx.members() {
        if m.kind == FieldKind::Dot && text(m.field, src) == old {
            push(
                m.field.byte_range(),
                Edit {
                    range: m.field.byte_range(),
                    content: new.into(),
                },
                out,
            );
        }
    }
    for c in ctx.matches(Purpose::Names) {
        if let Some(n) = c.get("name").filter(|n| text(**n, src) == old) {
            push(
                n.byte_range(),
                Edit {
                    range: n.byte_range(),
                    content: new.into(),
                },
                out,
            );
        }
        if let Some(n) = c.get("shorthand").filter(|n| text(**n, src) == old) {
            push(
                n.byte_range(),
                Edit {
                    range: n.byte_range(),
                    content: format!("{new}: {old}"),
                },
                out,
            );
        }
    }
    for c in ctx.matches(Purpose::Strings) {
        let Some(s) = c.get("string") else { continue };
        let Some(lit) = ctx.syntax.literal(*s, src) else {
            continue;
        };
        if lit.value == old {
            push(
                s.byte_range(),
                Edit {
                    range: lit.inner,
                    content: new.into(),
                },
                out,
            );
        }
    }
}
