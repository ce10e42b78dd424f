//! An old v2 error string compared with a Flexy error.
//!
//! ## What it finds
//! `"NO-BALANCE"`, `"DUPLICATED-REF"`, `"Forbidden"` and `"Access token missing"` compared
//! with the `error` field of a Flexy response (`==`, `===`, `!=`, `!==`, `switch`/`case`,
//! `match`, Python `in (...)`, PHP `in_array`, JS `[...].includes`); and the codes that keep
//! their name (`ERR_PHONE`, ...) compared with the error itself rather than its code.
//!
//! On code already on v3, a v2 string compared with the error (`result.error ===
//! "NO-BALANCE"`) or with the v3 code (`result.error.code === "NO-BALANCE"`) is reported:
//! v3 names it `INSUFFICIENT_BALANCE`, at `error.code`.
//!
//! ## Why
//! v3 errors are objects: the code is at `error.code` and two codes were renamed
//! (`NO-BALANCE` is `INSUFFICIENT_BALANCE`, `DUPLICATED-REF` is `DUPLICATED_REF`, both
//! auth messages are `ERR_AUTH`) (guide: "Error Code Reference").
//!
//! ## Example
//! ```js
//! if (result.error === "NO-BALANCE")                     // before
//! if (result.error?.code === "INSUFFICIENT_BALANCE")     // after
//! ```
//! ```php
//! if ($r['error'] === 'NO-BALANCE')                              // before
//! if (($r['error']['code'] ?? null) === 'INSUFFICIENT_BALANCE')  // after
//! ```
//!
//! ## Fix safety
//! A string alone proves nothing, since another API may use it too, and neither does the code
//! around it: a class, function or file that also calls Flexy may hold another API's client.
//! The comparison is fixed only when the data flow proves the error is Flexy's: its object is
//! a body followed from a Flexy request, or it is a property the file copies a Flexy body's
//! v2 error into (`err.code = data.error`). The fix then moves with that request: safe or
//! unsafe as its call site's fixes. Unproven, the two strings only v2 Flexy used
//! (`NO-BALANCE`, `DUPLICATED-REF`) are reported without a fix, unless only another host's
//! requests are around them; `"Forbidden"`, `"Access token missing"` and the kept codes are
//! not reported at all.
//!
//! A Flexy error compared with a named constant of the file that holds a v2 string (`enum
//! FlexyError { NoBalance = "NO-BALANCE" }`, `const NO_BALANCE = "NO-BALANCE"`, `const E = {
//! NoBalance: "NO-BALANCE" }`): the constant takes the v3 code and the comparison reads
//! `error.code`, when every use of the constant compares the errors of one call site; else
//! it is reported without a fix, and that call site stays on v2 (once its URL moved, the v2
//! string would never match).
//!
//! On code already on v3 each fix stands alone (its URL is v3 already, so nothing has to
//! move with it): safe when a Flexy host or base is written in the request's URL, unsafe when
//! a host-less `/v3/...` path is tied to Flexy by code that also calls other hosts.
//!
//! ## Guide section
//! The vendor's migration guide, "Error Code Reference", and "The 3 Main Changes",
//! 3. Error Handling.

use super::{Edit, Finding, Rule};
use crate::api::{self, ErrorCode};
use crate::context::Ctx;
use crate::context::ErrorSource;
use crate::flexy::Tie;
use crate::lang::query::Purpose;
use tree_sitter::Node;

pub fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let src = ctx.src();
    // Only a file that holds one of the strings can have a finding: skip the query.
    let codes = api::ERROR_CODES
        .iter()
        .map(|c| c.v2)
        .chain(api::KEPT_ERROR_CODES.iter().copied());
    // Or a v3 request: its error is an object, compared with no string.
    // Or a v2 error compared with another string, which moves to `error.code` too.
    let v3 = !ctx.v3_sites.is_empty() || ctx.v3_url.contains(&true);
    let compared = || {
        ctx.flow()
            .reads
            .iter()
            .any(|r| r.kind == crate::flow::ReadKind::ErrorCheck)
    };
    if !v3 && !codes.into_iter().any(|c| src.contains(c)) && !compared() {
        return;
    }
    let constants = constant_comparisons(ctx);
    for c in ctx.matches(Purpose::Compare) {
        let switch = c.get("switch").copied();
        for (subject, literal) in pairs(ctx, c) {
            if ctx.syntax.literal(literal, src).is_none() {
                if let Some(f) = compare_constant(ctx, &constants, subject, literal) {
                    out.push(f);
                }
                continue;
            }
            let duplicate = switch.is_some() && repeats_earlier_case(ctx, literal);
            if let Some(mut f) = compare(ctx, subject, literal) {
                if duplicate {
                    drop_duplicate_case(ctx, literal, &mut f);
                }
                if !out
                    .iter()
                    .any(|o| o.rule == Rule::V2ErrorCode && o.range == f.range)
                {
                    out.push(f);
                }
            }
        }
    }
}

/// The (compared value, other side) pairs of one comparison: both ways for `a == b`; the
/// compared value seen through what does not change it (`($r['error'] ?? null)`).
fn pairs<'s>(ctx: &Ctx<'s>, c: &crate::lang::query::Captures<'s>) -> Vec<(Node<'s>, Node<'s>)> {
    let inner = |mut n: Node<'s>| {
        while let Some(i) = ctx.syntax.look_through(n) {
            n = i;
        }
        n
    };
    if let (Some(l), Some(r)) = (c.get("left"), c.get("right")) {
        vec![(inner(*l), *r), (inner(*r), *l)]
    } else if let (Some(s), Some(k)) = (c.get("subject"), c.get("case").or(c.get("candidate"))) {
        vec![(inner(*s), *k)]
    } else {
        Vec::new()
    }
}

/// How many strings of v2 error codes that v3 renames the file writes other than compared
/// with an error the data flow proves Flexy's (a followed body's `error`, a copy of it):
/// in a lookup table, compared with what a function returns, with an error caught from
/// code of other files. Errors another file's functions raise may reach them unseen, so
/// that file's migration waits for them.
pub fn unproven(ctx: &Ctx) -> usize {
    let src = ctx.src();
    if !api::ERROR_CODES.iter().any(|c| src.contains(c.v2)) {
        return 0;
    }
    let proven: Vec<std::ops::Range<usize>> = ctx
        .matches(Purpose::Compare)
        .iter()
        .flat_map(|c| pairs(ctx, c))
        .filter(|(subject, _)| ctx.error_source(*subject).is_some())
        .map(|(_, literal)| literal.byte_range())
        .collect();
    ctx.matches(Purpose::Strings)
        .iter()
        .filter_map(|c| c.get("string"))
        .filter(|s| {
            ctx.syntax
                .literal(**s, src)
                .is_some_and(|lit| api::error_code(&lit.value).is_some())
        })
        .filter(|s| {
            let r = s.byte_range();
            !proven.iter().any(|p| p.start <= r.start && r.end <= p.end)
        })
        .count()
}

fn compare(ctx: &Ctx, subject: Node, literal: Node) -> Option<Finding> {
    let finding = compare_unattributed(ctx, subject, literal)?;
    // A comparison of a followed response's error moves with its call site.
    let origin = ctx
        .member_at(subject)
        .and_then(|m| ctx.read_origin(m.read))
        .or_else(|| match ctx.error_source(subject) {
            // `body.error.code` of a v3 body: that request's.
            Some(ErrorSource::Body(o)) if o.is_v3() => Some(o),
            _ => None,
        });
    Some(match origin {
        Some(o) => finding.from_origin(o),
        None => finding,
    })
}

fn compare_unattributed(ctx: &Ctx, subject: Node, literal: Node) -> Option<Finding> {
    let src = ctx.src();
    let lit = ctx.syntax.literal(literal, src)?;
    let old: Option<&ErrorCode> = api::error_code(&lit.value);
    let kept = api::KEPT_ERROR_CODES.contains(&lit.value.as_str());
    let read = ctx
        .member_at(subject)
        .filter(|m| ctx.field_name(m).as_deref() == Some("error"));
    if old.is_none() && !kept {
        // `result.error === "..."` of a Flexy body: in v3 an object compared with a string.
        // A v2 body's moves with its call site, so that a second run finds nothing.
        let origin = read.and_then(|m| ctx.read_origin(m.read))?;
        let applicability = ctx.flow_of(origin).applicability(origin)?;
        return Some(
            Finding::new(
                Rule::V2ErrorCode,
                literal.byte_range(),
                if origin.is_v3() {
                    format!(
                        "`{}` compared with the v3 error, an object: its code is at `error.code`",
                        lit.value
                    )
                } else {
                    format!(
                        "`{}` compared with the error: in v3 the error is an object, its code is at `error.code`",
                        lit.value
                    )
                },
            )
            .with_fix(
                Some(applicability),
                "Compare `error.code`",
                Some(ctx.syntax.error_code_read(read?, src)),
            ),
        );
    }
    let range = literal.byte_range();
    let rename = |code: &ErrorCode| Edit {
        range: lit.inner.clone(),
        content: code.v3.to_string(),
    };
    // A string alone proves nothing (another API may use it), and neither does the code
    // around it: only the data flow does. The fix moves with the request it comes from.
    match (ctx.error_source(subject), read, old) {
        (Some(ErrorSource::Body(origin)), Some(read), Some(code)) => {
            let applicability = ctx.flow_of(origin).applicability(origin)?;
            let mut edits = ctx.syntax.error_code_read(read, src);
            edits.push(rename(code));
            Some(
                Finding::new(
                    Rule::V2ErrorCode,
                    range,
                    format!("v2 error `{}` compared with the error: v3 has the code `{}` at `error.code`", code.v2, code.v3),
                )
                .with_fix(Some(applicability), format!("Compare `error.code` with `{}`", code.v3), Some(edits)),
            )
        }
        (Some(ErrorSource::Body(origin)), Some(read), None) => {
            let applicability = ctx.flow_of(origin).applicability(origin)?;
            Some(
                Finding::new(
                    Rule::V2ErrorCode,
                    range,
                    format!("`{}` compared with the error: in v3 the error is an object, its code is at `error.code`", lit.value),
                )
                .with_fix(Some(applicability), "Compare `error.code`", Some(ctx.syntax.error_code_read(read, src))),
            )
        }
        // `body.error.code === "NO-BALANCE"` of a v3 body: the code is where v3 has it, the
        // string is v2's.
        (Some(ErrorSource::Body(origin)), None, Some(code))
            if origin.is_v3()
                && ctx.member_at(subject).and_then(|m| ctx.field_name(m)).as_deref() == Some("code") =>
        {
            let applicability = ctx.flow_of(origin).applicability(origin)?;
            Some(
                Finding::new(
                    Rule::V2ErrorCode,
                    range,
                    format!("v2 error `{}` compared with the v3 `error.code`: v3 names it `{}`", code.v2, code.v3),
                )
                .with_fix(Some(applicability), format!("Rename to `{}`", code.v3), Some(vec![rename(code)])),
            )
        }
        // `err.code === "Forbidden"` where the file copies the v2 error into `err.code`: as
        // safe as the requests whose error it copies.
        (Some(ErrorSource::Copy { origins, .. }), _, Some(code)) => {
            let f = Finding::new(
                Rule::V2ErrorCode,
                range,
                format!(
                    "v2 error `{}`, compared with a copy of the error: v3 names it `{}`",
                    code.v2, code.v3
                ),
            );
            let applicability = origins
                .iter()
                .map(|o| ctx.flow_of(*o).applicability(*o))
                .min_by_key(|a| a.map_or(0, |a| a as usize + 1))
                .flatten();
            Some(match applicability {
                Some(a) => f.with_fix(Some(a), format!("Rename to `{}`", code.v3), Some(vec![rename(code)])),
                None => f,
            })
        }
        // Not proven: a string only Flexy's v2 used is reported without a fix, unless only
        // another host's requests are around it; the others (`Forbidden`, kept codes) are
        // not reported.
        (_, read, Some(code)) if code.distinctive && ctx.tie(range.clone()) != Tie::Other => {
            Some(Finding::new(
                Rule::V2ErrorCode,
                range,
                match read {
                    Some(_) => format!("v2 error `{}` compared with an error whose request is not in this file: if it is Flexy's, v3 has the code `{}` at `error.code`", code.v2, code.v3),
                    None => format!("v2 error `{}`: v3 names it `{}`; check that the compared value is the v3 `error.code`", code.v2, code.v3),
                },
            ))
        }
        _ => None,
    }
}

/// The comparisons of a Flexy error with a named constant of the file holding an error
/// string (`body.error === FlexyError.NoBalance` with `enum FlexyError { NoBalance =
/// "NO-BALANCE" }`): (the constant's literal, the origin of the error compared), one per
/// comparison.
fn constant_comparisons<'s>(
    ctx: &Ctx<'s>,
) -> Vec<(std::ops::Range<usize>, Option<crate::flow::Origin>)> {
    let src = ctx.src();
    let root = ctx.source.root();
    let mut out = Vec::new();
    for c in ctx.matches(Purpose::Compare) {
        for (subject, other) in pairs(ctx, c) {
            // Only a named value (`E.M`, `NAME`) can be a constant; a Flexy error is looked
            // up first, the constant (a walk of the file) only then.
            if ctx.syntax.literal(other, src).is_some() || other.named_child_count() > 2 {
                continue;
            }
            let Some(ErrorSource::Body(origin)) = ctx.error_source(subject) else {
                continue;
            };
            let Some(lit) = ctx.syntax.constant_string(root, other, src) else {
                continue;
            };
            out.push((lit.byte_range(), Some(origin)));
        }
    }
    out
}

/// A Flexy error compared with a named constant of the file holding a v2 error string: the
/// constant is renamed and the error's code compared when every use of the constant is a
/// comparison with the errors of one call site; else reported without a fix, which keeps
/// that call site on v2 (after its URL moved, the v2 string would never match).
fn compare_constant(
    ctx: &Ctx,
    constants: &[(std::ops::Range<usize>, Option<crate::flow::Origin>)],
    subject: Node,
    other: Node,
) -> Option<Finding> {
    let src = ctx.src();
    let Some(ErrorSource::Body(origin)) = ctx.error_source(subject) else {
        return None;
    };
    // Only where a constant was found for a comparison of this call site's errors.
    if !constants.iter().any(|(_, o)| *o == Some(origin)) {
        return None;
    }
    let lit_node = ctx.syntax.constant_string(ctx.source.root(), other, src)?;
    let lit = ctx.syntax.literal(lit_node, src)?;
    let code = api::error_code(&lit.value);
    if code.is_none() && !api::KEPT_ERROR_CODES.contains(&lit.value.as_str()) {
        return None;
    }
    let read = ctx
        .member_at(subject)
        .filter(|m| ctx.field_name(m).as_deref() == Some("error"));
    let name = crate::lang::text(other, src);
    // Every use of the constant is a comparison with this call site's errors.
    let written = ctx
        .source
        .named_nodes()
        .filter(|n| n.kind_id() == other.kind_id() && crate::lang::text(*n, src) == name)
        .count();
    let compared = constants
        .iter()
        .filter(|(r, o)| *r == lit_node.byte_range() && *o == Some(origin))
        .count();
    let finding = |message: String| {
        Finding::new(Rule::V2ErrorCode, other.byte_range(), message).from_origin(origin)
    };
    let v3 = code.map_or(lit.value.as_str(), |c| c.v3);
    if compared < written || (read.is_none() && !origin.is_v3()) {
        let mut f = finding(format!(
            "`{name}` holds the v2 error `{}`, compared with the error of a Flexy response and used elsewhere too: v3 names it `{v3}`, at `error.code`; change the constant and its uses by hand",
            lit.value
        ));
        f.holds_unit = true;
        return Some(f);
    }
    let applicability = ctx.flow_of(origin).applicability(origin)?;
    let mut edits = read
        .map(|r| ctx.syntax.error_code_read(r, src))
        .unwrap_or_default();
    if let Some(code) = code {
        edits.push(Edit {
            range: lit.inner.clone(),
            content: code.v3.to_string(),
        });
    }
    Some(
        finding(format!(
            "`{name}` holds the v2 error `{}`, compared with the error: v3 has the code `{v3}` at `error.code`",
            lit.value
        ))
        .with_fix(Some(applicability), format!("Compare `error.code` with `{v3}`"), Some(edits)),
    )
}

/// The v3 code a case literal stands for (its new name, or itself).
fn v3_code(ctx: &Ctx, literal: Node) -> Option<String> {
    let value = ctx.syntax.literal(literal, ctx.src())?.value;
    Some(api::error_code(&value).map_or(value, |c| c.v3.to_string()))
}

/// True when the case can go because another case keeps its v3 code
/// (`case "Forbidden": case "Access token missing":` both become `ERR_AUTH`): an empty
/// case that falls through to a case of the same code, or an alternative of a pattern
/// that repeats an earlier alternative.
fn repeats_earlier_case(ctx: &Ctx, literal: Node) -> bool {
    let Some(code) = v3_code(ctx, literal) else {
        return false;
    };
    let Some(case) = ctx.syntax.case_alternative(literal) else {
        return false;
    };
    case.others
        .iter()
        .any(|v| v3_code(ctx, *v).as_deref() == Some(code.as_str()))
}

/// A case that repeats an earlier one's v3 code is removed instead of renamed, when that
/// changes nothing: an empty case that falls through, or an alternative of a pattern.
fn drop_duplicate_case(ctx: &Ctx, literal: Node, f: &mut Finding) {
    let Some(fix) = f.fix.as_mut() else { return };
    // A whole empty case (JS `case "x":`, PHP `case 'x':`), or an alternative with the
    // separator before it (Python `case "a" | "b":`, PHP `'a', 'b' =>`).
    let Some(removal) = ctx.syntax.case_alternative(literal).and_then(|c| c.removal) else {
        return;
    };
    let inner = ctx.syntax.literal(literal, ctx.src()).map(|l| l.inner);
    fix.edits.retain(|e| Some(&e.range) != inner.as_ref());
    fix.edits.push(Edit {
        range: removal,
        content: String::new(),
    });
    fix.message = "Remove this case: another case has the same v3 code".to_string();
}
