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
//! On code already on v3 (a v3 Flexy request: a `/v3/...` endpoint on a Flexy host or base,
//! or a path appended to a v3 base), the same reads are the guide's second common
//! mistake: `result.balance` of a v3 response is `result.data.balance`, and a pattern
//! `const { topupId } = await res.json()` takes the payload from `data`. Reads through
//! `data`, `success`, `error`, `meta` and `requestId` are v3's and get no finding.
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
//! the file, stored on an object, passed to another library's function): each escape is
//! reported so a human knows where to look. A response passed to a function of the same
//! file whose parameter is not followed (`report(label, body)`) blocks its migration unit:
//! that function's reads are known to be v2, so the call site stays on v2 until they are
//! rewritten. A wrapper with no caller in its file is migrated at the wrapper with an unsafe
//! fix.
//!
//! A v2 response read half the v3 way by hand (`body.data` or `body.success` beside
//! `body.balance`) is served by neither version: its v2 reads are reported without a fix,
//! which keeps the call site's unit on v2 until a human settles them (a response read only
//! the v3 way is left alone, and moves with its URL).
//!
//! On code already on v3 each fix stands alone (its URL is v3 already, so nothing has to
//! move with it): safe when a Flexy host or base is written in the request's URL, unsafe when
//! a host-less `/v3/...` path is tied to Flexy by code that also calls other hosts.
//!
//! ## Guide section
//! The vendor's migration guide, "The 3 Main Changes", 2. Response Structure; "Migrate Your
//! API Client"; and the v3 response-format page.

use super::edits;
use super::{Applicability, Edit, Finding, Rule};
use crate::api;
use crate::context::Ctx;
use crate::flow::{self, Raise, ReadKind, Strategy};
use crate::lang::{insert, text, Lang, Slot, Syntax, Unwrap};
use crate::layout;
use crate::tree::Up;
use tree_sitter::Node;

/// Said of a v2 read of a response that is also read the v3 way.
const BOTH_WAYS: &str = " (the same response is also read the v3 way, `data`: neither version answers every read, so its reads are migrated by hand)";

pub fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let src = ctx.src();
    for f in ctx.flows() {
        for r in f
            .reads
            .iter()
            .filter(|r| r.kind == ReadKind::Plain && !r.unwrapped)
        {
            let m = &r.member;
            let name = ctx.field_name(m).unwrap_or_default();
            let both = f.read_both_ways(r.origin);
            let mut finding = Finding::new(
                Rule::UnwrappedResponse,
                m.read.byte_range(),
                format!(
                    "`{}` reads `{name}` at the root of {}: v3 has it at `data.{name}`{}",
                    text(m.read, src),
                    edits::response_of(r.origin, r.endpoint),
                    if both { BOTH_WAYS } else { "" }
                ),
            )
            .with_fix(
                f.applicability(r.origin),
                format!("Read `{name}` through `data`"),
                Some(edits::read_edits(ctx, m, &["data"], None)),
            )
            .from_origin(r.origin);
            finding.holds_unit = both;
            out.push(finding);
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
                            "destructures {} at its root: v3 has {moved}",
                            edits::response_of(d.origin, d.endpoint)
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
                // Code that reads the v2 shape and is not rewritten: its call site waits for it.
                let mut finding = Finding::new(
                Rule::UnwrappedResponse,
                d.pattern.byte_range(),
                format!(
                    "destructures the v2 error or the nested `topup` of the response of {}: rewrite it by hand for v3's `data` and `error`; until then its call site stays on v2",
                    edits::label(d.endpoint)
                ),
            );
                finding.holds_unit = !d.origin.is_v3();
                out.push(finding.from_origin(d.origin));
            }
        }
    }
    let f = ctx.flow();
    for e in &f.escapes {
        // Held for callers in other files: which caller holds it, when one does.
        let elsewhere = match (&e.held, &e.route) {
            (Some(flow::Held::OtherFiles), flow::Route::ReturnedOutside(Some(name))) => {
                ctx.across.callers_of(name)
            }
            _ => None,
        };
        let by_caller = elsewhere.as_ref().map(|c| match held_by(c) {
            Some(why) if c.compares_errors => format!("and {why}: its call site stays on v2 until they are migrated together by hand"),
            Some(why) => format!("and {why}: its call site stays on v2 until that code is migrated by hand"),
            None => "and this file names the function where no call of it is followed: its call site stays on v2 (migrate the callers and this file together by hand)".to_string(),
        });
        let then = match e.held {
            _ if by_caller.is_some() => by_caller.as_deref().unwrap_or_default(),
            Some(flow::Held::LocalCode) => "a function or class of this file whose reads of it are not followed: rewrite them for v3's `data` and `error` by hand; until then its call site stays on v2",
            Some(flow::Held::OtherFiles) => "and code outside this run may call it (the entry file of a published package, or a file the run was not given): its callers' reads and error checks cannot be followed, so its call site stays on v2 (migrate the callers and this file together by hand)",
            Some(flow::Held::KeyTest) => "and v3 has that key under `data` (or no longer has it): rewrite the test by hand; until then its call site stays on v2",
            Some(flow::Held::Generator) => "and the code iterating the generator is not followed: rewrite its reads for v3's `data` and `error` by hand; until then its call site stays on v2",
            None => "beyond what can be followed: its reads must move to v3's `data` by hand, and the fixes of its call site are unsafe",
        };
        let mut finding = Finding::new(
            Rule::UnwrappedResponse,
            e.range.clone(),
            format!(
                "the v2 response of {} is {} here, {then}",
                edits::label(e.endpoint),
                route(&e.route)
            ),
        );
        finding.holds_unit = e.held.is_some();
        out.push(finding);
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
        // Its callers are in other files of the run, which import this one: what they
        // read and test is not all followed, so the wrapper waits for them.
        let held = w.callers == 0 && ctx.callers_elsewhere && !w.followed_elsewhere;
        if w.followed_elsewhere && w.callers == 0 {
            message.push_str(
                " (its callers in other files of the run are followed: they move with it)",
            );
        } else if held {
            match ctx.across.callers_of(&w.name).as_ref().and_then(held_by) {
                Some(why) => message.push_str(&format!(
                    " (its callers in other files of the run are not all followed: {why}; it stays on v2 with them)"
                )),
                None => message.push_str(
                    " (its callers in other files of the run are not all followed: it stays on v2 with them)",
                ),
            }
        } else if w.callers == 0 {
            message.push_str(" (no caller in this file: check its callers elsewhere)");
            applicability = applicability.map(|_| Applicability::Unsafe);
        }
        let raises = match &w.raise {
            Raise::Own(class) => format!(
                "raises its `{class}` with the v3 error (code, message, details, requestId)"
            ),
            _ => "raises the v3 error (code, message, details, requestId)".to_string(),
        };
        let title = format!(
            "Migrate at the wrapper: `{}` checks `success`, {raises} and returns `data`; its callers are unchanged",
            w.name
        );
        let range = w
            .returns
            .first()
            .map_or(w.func.byte_range(), |(s, _)| s.byte_range());
        let mut finding = Finding::new(Rule::UnwrappedResponse, range, message);
        if held {
            finding.holds_unit = true;
        } else {
            finding = finding.with_fix(applicability, title, edits);
        }
        out.push(finding.from_origin(w.origin));
    }
}

/// `const { error, message } = err.response.data`: v3's error is an object, so the pattern
/// takes its code and text from it, `{ error: { code: error, message } = {} }` (the default
/// keeps a success body, which has no `error`, destructuring as before). Only a pattern of
/// `error` and `message` alone is rewritten.
/// Why a function's callers in other files hold it, with the file that does: `None` when
/// no file is named.
fn held_by(c: &crate::flexy::across::Callers) -> Option<String> {
    let file = c.held_in.as_ref()?;
    Some(if c.compares_errors {
        format!("`{file}` writes v2 error strings that v3 renames where it does not compare a proven Flexy error (it does not call this file's functions, compares what it cannot tie to their calls, or keeps the strings in a table), which the errors of this file's requests may carry there")
    } else {
        format!("a caller in `{file}` uses it where it cannot be followed (passes it on, stores it, prints it whole, or names the function other than in a call)")
    })
}

fn error_pattern_edits(ctx: &Ctx, d: &flow::Destructure) -> Option<(Vec<Edit>, String)> {
    if d.unwrapped || d.nested {
        return None;
    }
    let src = ctx.src();
    let mut c = d.pattern.walk();
    let props: Vec<_> = d
        .pattern
        .named_children(&mut c)
        .filter(|p| !ctx.syntax.is_comment(*p))
        .collect();
    let local = |key: &str| ctx.syntax.pattern_local(d.pattern, key, src);
    let (error, message) = (local("error"), local("message"));
    let named = usize::from(error.is_some()) + usize::from(message.is_some());
    if error.is_none() || props.len() != named {
        return None;
    }
    let mut parts = Vec::new();
    if let Some(e) = error {
        parts.push(format!("code: {}", text(e, src)));
    }
    if let Some(m) = message {
        let m = text(m, src);
        parts.push(if m == "message" {
            m.to_string()
        } else {
            format!("message: {m}")
        });
    }
    Some((
        vec![Edit {
            range: d.pattern.byte_range(),
            content: format!("{{ error: {{ {} }} = {{}} }}", parts.join(", ")),
        }],
        "the error's code at `error.code` and its text at `error.message`".to_string(),
    ))
}

/// Rewrites `const { a, totalPages, transactions } = body` (and `{ data: { ... } }` of an
/// axios response, a check-status `{ topup }`, an error body's `{ error, message }`) for v3;
/// None when the pattern mixes the v2 error or the nested `topup` with other fields, which
/// needs a human.
fn destructure_edits(ctx: &Ctx, d: &flow::Destructure) -> Option<(Vec<Edit>, String)> {
    let src = ctx.src();
    let syntax = ctx.syntax;
    if let Some(done) = error_pattern_edits(ctx, d) {
        return Some(done);
    }
    let mut edits = Vec::new();
    let mut moved = Vec::new();
    let mut root_only = true;
    let mut renamed_topup = false;
    let entries = syntax.pattern_entries(d.pattern, src)?;
    let alone = entries.len() == 1;
    for e in entries {
        let (key, local) = (e.key.as_str(), &src[e.local_range.clone()]);
        // `{ topup }` of a check-status response: v3 has the record itself at `data`.
        if key == "topup" && d.endpoint.is_some_and(|e| e.shape == api::Shape::Status) {
            // Behind a wrapper that returns `data`, the value is the record itself: the
            // pattern of `topup` alone becomes its local (`const { topup: t } = x` is
            // `const t = x`).
            if d.unwrapped && alone && !e.defaulted && !d.nested {
                let edit = Edit {
                    range: d.pattern.byte_range(),
                    content: local.to_string(),
                };
                return Some((vec![edit], "the record itself".to_string()));
            }
            if e.defaulted || d.unwrapped {
                return None;
            }
            renamed_topup = true;
            edits.push(Edit {
                range: e.range.clone(),
                content: syntax.pattern_entry("data", local),
            });
            moved.push("the record itself at `data`".to_string());
            continue;
        }
        match key {
            // A v3 body's `error` is the v3 error object, whatever pattern takes it.
            "error" if d.origin.is_v3() && !d.unwrapped => continue,
            "error" | "message" | "topup" => return None,
            "success" | "data" | "meta" | "requestId" if !d.unwrapped => continue,
            _ => {}
        }
        root_only = false;
        if let Some((_, to)) = api::PAGINATION_FIELDS.iter().find(|(f, _)| *f == key) {
            if e.defaulted {
                return None;
            }
            let leaf = to.trim_start_matches("pagination.");
            let inner = syntax.pattern_of(d.pattern, &syntax.pattern_entry(leaf, local), src);
            edits.push(Edit {
                range: e.range.clone(),
                content: syntax.pattern_entry("pagination", &inner),
            });
            moved.push(format!("`{key}` at `data.{to}`"));
        } else if api::list_fields().any(|f| f == key)
            && d.endpoint
                .is_none_or(|e| matches!(e.shape, api::Shape::List(f) if f == key))
        {
            if e.defaulted {
                return None;
            }
            edits.push(Edit {
                range: e.range.clone(),
                content: syntax.pattern_entry("items", local),
            });
            moved.push(format!("`{key}` at `data.items`"));
        }
    }
    if renamed_topup {
        // The record is read from `data` by the pattern itself; nothing else may need the
        // root (`{ topup, requestId }` would mix the levels).
        return (root_only).then(|| {
            let moved = moved.join(", ");
            (edits, moved)
        });
    }
    if root_only {
        return Some((Vec::new(), String::new()));
    }
    if d.unwrapped {
        // A wrapper migrated at the wrapper already returns `data`.
    } else if d.nested {
        // `{ data: { balance } }` becomes `{ data: { data: { balance } } }`: the inner
        // pattern, entries edited, goes under a `data` of its own.
        let (open, close) = syntax
            .pattern_of(d.pattern, &syntax.pattern_entry("data", "\u{0}"), src)
            .split_once('\u{0}')
            .map(|(a, b)| (a.to_string(), b.to_string()))?;
        edits.push(Edit {
            range: d.pattern.start_byte()..d.pattern.start_byte(),
            content: open,
        });
        edits.push(Edit {
            range: d.pattern.end_byte()..d.pattern.end_byte(),
            content: close,
        });
    } else {
        edits.extend(edits::body_suffix_edits(ctx, d.body, &["data"], false));
    }
    let moved = if moved.is_empty() {
        "the payload under `data`".to_string()
    } else {
        format!("the payload under `data`, {}", moved.join(", "))
    };
    Some((edits, moved))
}

/// The edits migrating a wrapper at the wrapper, with their applicability.
///
/// Each `return` becomes several statements wherever it stands: in a block, the body of a
/// braceless `if`/`else`/loop/label/`case` (a new block in braces), or a Python block on its
/// header's line (moved to lines of its own). Each return binds a name of its own that the
/// function does not use (`result`, `result2`...). The lines follow the file's line ending
/// and indentation unit.
fn wrapper_edits(
    ctx: &Ctx,
    w: &flow::Wrapper,
    class_added: &mut bool,
) -> Option<(Vec<Edit>, Option<Applicability>)> {
    let src = ctx.src();
    let syntax = ctx.syntax;
    let unit = layout::indent_unit(src);
    let function_text = text(w.func, src);
    let mut names = edits::FreshNames::new(function_text);
    // Python binds the error and exception of the check in the function's scope: names of
    // their own there. Elsewhere they live in the check's block.
    let function_scoped = ctx.source.lang == Lang::Python;
    let error_var = if function_scoped {
        names.fresh("error")
    } else {
        "error".to_string()
    };
    let exc_var = if function_scoped {
        names.fresh("exc")
    } else {
        "exc".to_string()
    };
    let is_async = syntax.is_async(w.func, src);
    let mut edits = Vec::new();
    for (stmt, value) in &w.returns {
        // An arrow function's or lambda's expression body: the value is all there is.
        let expression_body = stmt == value || syntax.is_function(*stmt);
        let stmt = if expression_body { value } else { stmt };
        if expression_body && !ctx.source.lang.is_js_family() {
            return None;
        }
        // `(await res.json()) as T`: the type syntax and parentheses around an `await` are
        // dropped with it (the wrapper's own return type still says what it returns).
        let mut v = *value;
        while let Some(inner) = syntax.transparent(v) {
            v = inner;
        }
        // `return data as T`: the name inside is returned; anything else but an `await`
        // keeps the whole expression.
        let named = syntax.name_key(v, src).is_some();
        if !syntax.is_await(v) && !named {
            v = *value;
        }
        let inner = syntax.look_through(v).filter(|_| syntax.is_await(v));
        let awaited = inner.is_some();
        let v = inner.unwrap_or(v);
        let name = syntax
            .name_key(v, src)
            .filter(|k| !k.contains('.') && !k.contains("->"));
        // A name of its own for each return that binds one.
        let var = match name {
            Some(_) => String::new(),
            None => names.next_result(),
        };
        // JavaScript's `const error` would shadow a returned `error` in its own check.
        let error_var = if name.as_deref() == Some(error_var.as_str()) {
            names.fresh("error")
        } else {
            error_var.clone()
        };
        // An expression body is an expression: its replacement is one.
        let slot = if expression_body {
            Slot::List
        } else {
            syntax.slot(*stmt, src)
        };
        // A lone statement on a line of its own after its header (`while (x)\n  return y;`):
        // the brace opens at the end of the header's line, unless a comment ends it.
        let mut open_at = stmt.start_byte();
        if slot == Slot::Lone && layout::starts_line(src, stmt.start_byte()) {
            let gap_start = src[..stmt.start_byte()].trim_end().len();
            if let Some(prev) = stmt
                .prev_sibling()
                .filter(|p| p.end_byte() == gap_start && !syntax.is_comment(*p))
            {
                open_at = prev.end_byte();
            }
        }
        let line = layout::line_indent(src, open_at);
        let indent = match &slot {
            Slot::List => line.clone(),
            Slot::Lone => format!("{line}{unit}"),
            Slot::HeaderLine { header, .. } => {
                let h: String = src[*header..]
                    .chars()
                    .take_while(|c| *c == ' ' || *c == '\t')
                    .collect();
                format!("{h}{unit}")
            }
        };
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
            awaited,
            expression_body,
            objects: w.objects,
            raise: w.raise != Raise::Nothing,
            class: match &w.raise {
                Raise::Own(class) => Some(class.as_str()),
                _ => None,
            },
            error_var: &error_var,
            exc_var: &exc_var,
        };
        // `return data;` after reads of `data`: the check goes right after `data` is bound,
        // before any read.
        if let (Some(r), true) = (name.as_deref(), u.raise) {
            if let Some(bound) = binding_statement(ctx, w.func, r, stmt.start_byte()) {
                let bind_indent = layout::line_indent(src, bound.start_byte());
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
        let mut content = syntax.unwrap_return(&u);
        if content.contains('\n') {
            match &slot {
                Slot::List => {}
                Slot::Lone if open_at < stmt.start_byte() => {
                    edits.push(Edit {
                        range: open_at..stmt.start_byte(),
                        content: format!(" {{\n{indent}"),
                    });
                    content = format!("{content}\n{line}}}");
                }
                Slot::Lone => content = format!("{{\n{indent}{content}\n{line}}}"),
                Slot::HeaderLine { breaks, .. } => {
                    for b in breaks {
                        let e = Edit {
                            range: b.clone(),
                            content: format!("\n{indent}"),
                        };
                        if !edits.contains(&e) {
                            edits.push(e);
                        }
                    }
                }
            }
        }
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
    if w.raise != Raise::Nothing && !*class_added {
        let parent = match &w.raise {
            Raise::Own(class) => Some(class.as_str()),
            _ => None,
        };
        if let Some((class, code)) = syntax.error_class(parent) {
            if !src.contains(&format!("class {class}")) {
                let after = top_level(syntax, w.func);
                edits.push(insert(after.end_byte(), format!("\n\n{code}")));
                *class_added = true;
            }
        }
    }
    // The lines added follow the file's line ending where they land.
    for e in &mut edits {
        let eol = layout::line_ending(src, e.range.start);
        e.content = layout::with_line_ending(&e.content, eol);
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
        // Not in a Python block on its header's line (`if x: data = r.json()`): a line
        // inserted after it would land outside that block.
        if ctx.syntax.is_statement_list(p)
            && !matches!(ctx.syntax.slot(s, src), Slot::HeaderLine { .. })
        {
            return Some(s);
        }
        s = p;
    }
    None
}

/// The outermost declaration around a node (its class, or itself).
fn top_level<'t>(syntax: &dyn Syntax, n: Node<'t>) -> Node<'t> {
    let mut best = n;
    let mut p = n.up();
    while let Some(x) = p {
        if syntax.is_insertion_anchor(x) {
            best = x;
        }
        p = x.up();
    }
    best
}

/// How a body leaves the analysis, in words: `passed to `render``.
fn route(r: &flow::Route) -> String {
    match r {
        flow::Route::Returned => "returned".to_string(),
        flow::Route::ReturnedOutside(name) => format!(
            "returned by `{}` to callers outside this file",
            name.as_deref().unwrap_or("this function")
        ),
        flow::Route::Passed(name) => format!("passed to `{name}`"),
        flow::Route::PassedInHolder(name) => format!("passed to `{name}` inside a holder"),
        flow::Route::UsedWhole(Some(method)) => format!("used whole (`.{method}`)"),
        flow::Route::UsedWhole(None) => "used whole".to_string(),
        flow::Route::Stored(target) => format!("stored in `{target}`"),
        flow::Route::Yielded => "yielded by a generator".to_string(),
        flow::Route::KeyTested(key) => format!("tested for the key `{key}`"),
    }
}
