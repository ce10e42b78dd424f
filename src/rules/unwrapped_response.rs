//! A field of a Flexy response read at the root, where v3 has it under `data`.
//!
//! ## What it finds
//! Reads of a v2 Flexy response body's fields (`data.balance`, `$r['topupId']`,
//! `$r->newBalance`, `r["fixedPlans"]`, `r.get("valid")`, `const { balance } = data`),
//! followed from the request that returned the body: `await res.json()` after `fetch`, axios
//! `response.data`, `requests` `.json()`, `json.loads(urlopen(...).read())`, PHP
//! `json_decode` of `curl_exec`, `file_get_contents`, `wp_remote_retrieve_body` or a Guzzle
//! body, through assignments, `await`, `.then`, and the returns of the file's own functions
//! (`this.request("/v2/account/balance")`). Also reported: each place where a response
//! leaves what the analysis can follow (an *escape*), and a client wrapper that returns the
//! response to its callers.
//!
//! ## Why
//! v3 wraps every response: `{success, data, meta, requestId}` (guide: "Response
//! Structure"). Reading the payload at the root gives `undefined`/`null`/`KeyError`.
//!
//! ## Example
//! ```js
//! const data = await res.json(); console.log(data.balance);       // before
//! const data = await res.json(); console.log(data.data.balance);  // after
//! ```
//! ```python
//! data["balance"], data.get("balance")                             # before
//! data["data"]["balance"], data.get("data", {}).get("balance")     # after
//! ```
//! A wrapper whose callers never read the v2 error fields is migrated at the wrapper, as the
//! guide's v3 client is: it checks `success`, raises an error carrying the v3 code, message,
//! details and requestId, and returns `data`, so its callers keep reading fields directly.
//! A wrapper whose callers read the v2 error is left returning the whole response and its
//! callers' reads move instead.
//!
//! ## Fix safety
//! As safe as the call site's URL fix when every read of its response is found and
//! rewritten. Unsafe when the response escapes the analysis (returned to callers outside
//! the file, stored on an object, passed to a function): each escape is reported so a human
//! knows where to look. A wrapper with no caller in its file is migrated at the wrapper with
//! an unsafe fix.
//!
//! ## Guide section
//! The vendor's migration guide, "The 3 Main Changes", 2. Response Structure; "Migrate Your
//! API Client"; and the v3 response-format page.

use super::{Applicability, Edit, Finding, Rule};
use crate::api;
use crate::flexy::Ctx;
use crate::flow::{self, ReadKind, Strategy};
use crate::lang::{insert, text, Field, NodeType, Unwrap};
use crate::source::Up;
use tree_sitter::Node;

pub fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let f = ctx.flow();
    let src = ctx.src();
    for r in f
        .reads
        .iter()
        .filter(|r| r.kind == ReadKind::Plain && !r.unwrapped)
    {
        let m = &r.member;
        let name = ctx.field_name(m).unwrap_or_default();
        out.push(
            Finding::new(
                Rule::UnwrappedResponse,
                m.read.byte_range(),
                format!(
                    "`{}` reads `{name}` at the root of the v2 response of {}: v3 has it at `data.{name}`",
                    text(m.read, src),
                    flow::label(r.endpoint)
                ),
            )
            .with_fix(
                f.applicability(r.origin),
                format!("Read `{name}` through `data`"),
                Some(flow::read_edits(ctx, m, &["data"], None)),
            )
            .from_origin(r.origin),
        );
    }
    for d in &f.destructures {
        if let Some((edits, moved)) = destructure_edits(ctx, d) {
            if edits.is_empty() {
                continue;
            }
            out.push(
                Finding::new(
                    Rule::UnwrappedResponse,
                    d.pattern.byte_range(),
                    format!(
                        "destructures the v2 response of {} at its root: v3 has {moved}",
                        flow::label(d.endpoint)
                    ),
                )
                .with_fix(
                    f.applicability(d.origin),
                    "Destructure the v3 `data`",
                    Some(edits),
                )
                .from_origin(d.origin),
            );
        } else {
            out.push(Finding::new(
                Rule::UnwrappedResponse,
                d.pattern.byte_range(),
                format!(
                    "destructures the v2 error or the nested `topup` of the response of {}: rewrite it by hand for v3's `data` and `error`",
                    flow::label(d.endpoint)
                ),
            ));
        }
    }
    for e in &f.escapes {
        out.push(Finding::new(
            Rule::UnwrappedResponse,
            e.range.clone(),
            format!(
                "the v2 response of {} is {} here, beyond what can be followed: its reads must move to v3's `data` by hand, and the fixes of its call site are unsafe",
                flow::label(e.endpoint),
                e.why
            ),
        ));
    }
    let mut class_added = false;
    for w in f
        .wrappers
        .iter()
        .filter(|w| w.strategy == Strategy::AtWrapper)
    {
        let (edits, mut applicability) = match wrapper_edits(ctx, w, &mut class_added) {
            Some((e, a)) => (Some(e), a),
            None => (None, None),
        };
        let mut message = format!(
            "`{}` returns the whole v2 response to its callers: v3 wraps it in `{{success, data, error, requestId}}`",
            w.name
        );
        if w.callers == 0 {
            message.push_str(" (no caller in this file: check its callers elsewhere)");
            applicability = applicability.map(|_| Applicability::Unsafe);
        }
        let title = format!(
            "Migrate at the wrapper: `{}` checks `success`, raises the v3 error (code, message, details, requestId) and returns `data`; its callers are unchanged",
            w.name
        );
        let range = w
            .returns
            .first()
            .map_or(w.func.byte_range(), |(s, _)| s.byte_range());
        out.push(
            Finding::new(Rule::UnwrappedResponse, range, message)
                .with_fix(applicability, title, edits)
                .from_origin(w.origin),
        );
    }
}

/// Rewrites `const { a, totalPages, transactions } = body` for v3; None when the pattern
/// holds the v2 error or the nested `topup`, which need a human.
fn destructure_edits(ctx: &Ctx, d: &flow::Destructure) -> Option<(Vec<Edit>, String)> {
    let src = ctx.src();
    let mut edits = Vec::new();
    let mut moved = Vec::new();
    let mut root_only = true;
    let mut c = d.pattern.walk();
    for p in d.pattern.named_children(&mut c) {
        let (key, local) = match p.type_name() {
            "shorthand_property_identifier_pattern" => (text(p, src), None),
            "pair_pattern" => (
                text(p.field("key")?, src),
                p.field("value").map(|v| text(v, src)),
            ),
            "object_assignment_pattern" => {
                let left = p.field("left")?;
                if left.type_name() != "shorthand_property_identifier_pattern" {
                    return None;
                }
                (text(left, src), None)
            }
            _ => continue,
        };
        let local = local.unwrap_or(key);
        match key {
            "error" | "message" | "topup" => return None,
            "success" | "data" | "meta" | "requestId" if !d.unwrapped => continue,
            _ => {}
        }
        root_only = false;
        if let Some((_, to)) = api::PAGINATION_FIELDS.iter().find(|(f, _)| *f == key) {
            let leaf = to.trim_start_matches("pagination.");
            let inner = if leaf == local {
                leaf.to_string()
            } else {
                format!("{leaf}: {local}")
            };
            if p.type_name() == "object_assignment_pattern" {
                return None;
            }
            edits.push(Edit {
                range: p.byte_range(),
                content: format!("pagination: {{ {inner} }}"),
            });
            moved.push(format!("`{key}` at `data.{to}`"));
        } else if api::list_fields().any(|f| f == key)
            && d.endpoint
                .is_none_or(|e| matches!(e.shape, api::Shape::List(f) if f == key))
        {
            if p.type_name() == "object_assignment_pattern" {
                return None;
            }
            edits.push(Edit {
                range: p.byte_range(),
                content: format!("items: {local}"),
            });
            moved.push(format!("`{key}` at `data.items`"));
        }
    }
    if root_only {
        return Some((Vec::new(), String::new()));
    }
    if !d.unwrapped {
        edits.extend(flow::body_suffix_edits(ctx, d.body, &["data"], false));
    }
    let moved = if moved.is_empty() {
        "the payload under `data`".to_string()
    } else {
        format!("the payload under `data`, {}", moved.join(", "))
    };
    Some((edits, moved))
}

/// The edits migrating a wrapper at the wrapper, with their applicability.
fn wrapper_edits(
    ctx: &Ctx,
    w: &flow::Wrapper,
    class_added: &mut bool,
) -> Option<(Vec<Edit>, Option<Applicability>)> {
    let src = ctx.src();
    let syntax = ctx.syntax;
    let unit = indent_unit(src);
    let var = fresh_name(text(w.func, src));
    let is_async = syntax.is_async(w.func, src);
    let mut edits = Vec::new();
    for (stmt, value) in &w.returns {
        let expression_body = stmt == value;
        if expression_body && !ctx.source.lang.is_js_family() {
            return None;
        }
        // `(await res.json()) as T`: the type syntax and parentheses around an `await` are
        // dropped with it (the wrapper's own return type still says what it returns).
        let mut v = *value;
        while matches!(
            v.type_name(),
            "as_expression"
                | "satisfies_expression"
                | "non_null_expression"
                | "type_assertion"
                | "parenthesized_expression"
        ) {
            match syntax.look_through(v) {
                Some(inner) => v = inner,
                None => break,
            }
        }
        // `return data as T`: the name inside is returned; anything else but an `await`
        // keeps the whole expression.
        let named = syntax.name_key(v, src).is_some();
        if !v.type_name().starts_with("await") && !named {
            v = *value;
        }
        let inner = syntax
            .look_through(v)
            .filter(|_| v.type_name().starts_with("await"));
        let v = inner.unwrap_or(v);
        let name = syntax
            .name_key(v, src)
            .filter(|k| !k.contains('.') && !k.contains("->"));
        let indent = line_indent(src, stmt.start_byte());
        // The returned expression stays where it is (its own fixes apply inside it): the
        // text around it is replaced.
        const HOLE: &str = "\u{0}";
        let u = Unwrap {
            value: HOLE,
            name: name.as_deref(),
            var: &var,
            indent: &indent,
            unit: &unit,
            is_async,
            expression_body,
            objects: w.objects,
            raise: !w.checks_errors,
        };
        // `return data;` after reads of `data`: the check goes right after `data` is bound,
        // before any read.
        if let (Some(r), true) = (name.as_deref(), u.raise) {
            if let Some(bound) = binding_statement(ctx, w.func, r, stmt.start_byte()) {
                let bind_indent = line_indent(src, bound.start_byte());
                let plain = syntax.unwrap_return(&Unwrap { raise: false, ..u });
                let full = syntax.unwrap_return(&Unwrap {
                    indent: &bind_indent,
                    ..u
                });
                let tail = syntax.unwrap_return(&Unwrap {
                    raise: false,
                    indent: &bind_indent,
                    ..u
                });
                if let Some(check) = full.strip_suffix(&tail) {
                    edits.push(insert(
                        bound.end_byte(),
                        format!("\n{bind_indent}{}", check.trim_end()),
                    ));
                    edits.push(Edit {
                        range: stmt.byte_range(),
                        content: plain,
                    });
                    continue;
                }
            }
        }
        let content = syntax.unwrap_return(&u);
        match content.split_once(HOLE) {
            Some((before, after)) => {
                edits.push(Edit {
                    range: stmt.start_byte()..v.start_byte(),
                    content: before.to_string(),
                });
                edits.push(Edit {
                    range: v.end_byte()..stmt.end_byte(),
                    content: after.to_string(),
                });
            }
            None => edits.push(Edit {
                range: stmt.byte_range(),
                content,
            }),
        }
    }
    if !w.checks_errors && !*class_added {
        if let Some((class, code)) = syntax.error_class() {
            if !src.contains(&format!("class {class}")) {
                let after = top_level(w.func);
                edits.push(insert(after.end_byte(), format!("\n\n{code}")));
                *class_added = true;
            }
        }
    }
    Some((edits, ctx.flow().applicability(w.origin)))
}

/// The statement that last binds `name` in `f` before `before`.
fn binding_statement<'t>(ctx: &Ctx, f: Node<'t>, name: &str, before: usize) -> Option<Node<'t>> {
    let src = ctx.src();
    let mut best: Option<Node<'t>> = None;
    let mut stack = vec![f];
    while let Some(n) = stack.pop() {
        if n.start_byte() >= before {
            continue;
        }
        if let Some((target, _)) = ctx.syntax.binding(n, src) {
            if ctx.syntax.name_key(target, src).as_deref() == Some(name)
                && n.end_byte() <= before
                && best.is_none_or(|b| b.end_byte() < n.end_byte())
            {
                best = Some(n);
            }
        }
        let mut c = n.walk();
        stack.extend(n.named_children(&mut c));
    }
    // Up to the statement in a block.
    let mut s = best?;
    while let Some(p) = s.up() {
        if matches!(
            p.type_name(),
            "statement_block" | "compound_statement" | "block" | "program" | "module"
        ) {
            return Some(s);
        }
        s = p;
    }
    None
}

/// The outermost declaration around a node (its class, or itself).
fn top_level(n: Node) -> Node {
    let mut best = n;
    let mut p = n.up();
    while let Some(x) = p {
        if matches!(
            x.type_name(),
            "class_declaration" | "function_definition" | "trait_declaration"
        ) {
            best = x;
        }
        p = x.up();
    }
    best
}

fn line_indent(src: &str, at: usize) -> String {
    let start = src[..at].rfind('\n').map_or(0, |i| i + 1);
    src[start..at]
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect()
}

/// The file's indentation unit: a tab, or the smallest run of leading spaces.
fn indent_unit(src: &str) -> String {
    let mut best: Option<usize> = None;
    for line in src.lines() {
        if line.starts_with('\t') {
            return "\t".into();
        }
        let n = line.len() - line.trim_start_matches(' ').len();
        if n > 0 && !line.trim().is_empty() {
            best = Some(best.map_or(n, |b| b.min(n)));
        }
    }
    " ".repeat(best.unwrap_or(4).clamp(2, 8))
}

/// A name for the response not used in the function already.
fn fresh_name(function_text: &str) -> String {
    for name in ["result", "flexyResult", "flexy_result", "v3Result"] {
        let used = function_text.match_indices(name).any(|(i, _)| {
            let before = function_text[..i].chars().next_back();
            let after = function_text[i + name.len()..].chars().next();
            !before.is_some_and(|c| c.is_alphanumeric() || c == '_')
                && !after.is_some_and(|c| c.is_alphanumeric() || c == '_')
        });
        if !used {
            return name.to_string();
        }
    }
    "v3Response".to_string()
}
