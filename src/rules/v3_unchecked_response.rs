//! A v3 response's `data` read with no `success` or `error` check: a hint, off by default.
//!
//! ## What it finds
//! On code already on v3: the first read of `data` of a v3 Flexy response (`result.data`,
//! `$result['data']`, `result["data"]`) when nothing in its function checks that response's
//! `success` or `error` (`if (!result.success)`, `if (result.error)`, `result.error.code`).
//! Off by default: select it with `--select v3-unchecked-response` (or `ALL`).
//!
//! ## Why
//! The guide's "Breaking Change": "In v3, you must always check the success boolean before
//! accessing data". A failed v3 request answers `{success: false, error: {...}}` with no
//! `data`: `result.data.balance` then throws (JavaScript), warns (PHP) or raises (Python)
//! where v2 code printed `undefined` or an error string.
//!
//! ## Example
//! ```js
//! const result = await res.json();
//! console.log(result.data.balance);            // reported (a hint)
//! if (result.success) console.log(result.data.balance);   // not reported
//! ```
//!
//! ## Fix safety
//! No fix: what the program should do when the request fails is the author's to say. A
//! response handled by an HTTP client that throws on error statuses (axios, Guzzle's
//! defaults) may be checked by that; the hint does not know, and is a warning.
//!
//! ## Guide section
//! The vendor's migration guide, "The 3 Main Changes", 2. Response Structure ("Breaking
//! Change"); the response-format page, "Handling Responses".

use rustc_hash::FxHashSet as HashSet;

use super::{Finding, Rule};
use crate::context::Ctx;
use crate::flow::{Origin, ReadKind};
use crate::lang::text;

pub fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let f = ctx.v3_flow();
    let name = |r: &crate::flow::Read| ctx.field_name(&r.member).unwrap_or_default();
    // The responses whose outcome the code looks at, by the function it does it in (one URL
    // may serve requests in several functions).
    let scope = |n: tree_sitter::Node| (n.byte_range(), ctx.function_around(n.byte_range()));
    let mut checked: HashSet<(Origin, std::ops::Range<usize>)> = f
        .reads
        .iter()
        .filter(|r| {
            matches!(
                r.kind,
                ReadKind::ErrorCheck | ReadKind::ErrorV3 | ReadKind::ErrorText
            ) || (r.kind == ReadKind::V3 && name(r) == "success")
        })
        .map(|r| (r.origin, scope(r.member.read).1))
        .collect();
    let src = ctx.src();
    for d in &f.destructures {
        if let Some(entries) = ctx.syntax.pattern_entries(d.pattern, src) {
            if entries
                .iter()
                .any(|e| matches!(e.key.as_str(), "success" | "error"))
            {
                checked.insert((d.origin, scope(d.pattern).1));
            }
        }
    }
    let mut said: HashSet<(Origin, std::ops::Range<usize>)> = HashSet::default();
    for r in &f.reads {
        let key = (r.origin, scope(r.member.read).1);
        if r.kind != ReadKind::V3
            || r.unwrapped
            || name(r) != "data"
            || checked.contains(&key)
            || !said.insert(key)
        {
            continue;
        }
        out.push(
            Finding::new(
                Rule::V3UncheckedResponse,
                r.member.read.byte_range(),
                format!(
                    "`{}` is read with no `success` or `error` check of the response: a failed v3 request has no `data`",
                    text(r.member.read, src)
                ),
            )
            .from_origin(r.origin),
        );
    }
}
