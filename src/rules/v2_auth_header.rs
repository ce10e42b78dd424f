//! An `authorization` header sent to Flexy.
//!
//! ## What it finds
//! The v2 auth header, in any case: JavaScript object keys (quoted, unquoted, shorthand
//! `{ authorization }`), `new Headers(...)`, `headers.set/append`, axios defaults and
//! `axios.create`; PHP arrays (`'authorization' => $k`), curl header lines
//! (`"authorization: $k"`, `'authorization: ' . $k`), Guzzle and `wp_remote_*` options;
//! Python dicts, `session.headers.update(...)`, `session.headers["authorization"] = k`,
//! `add_header(...)`.
//!
//! On code already on v3 (the guide's first common issue, "Changed endpoint but forgot to
//! update header name"), an `authorization` header sent with a v3 Flexy request is reported
//! the same way; and where a v3 request visibly sends the key in another header
//! (`Authorization: Bearer ...`, `X-API-Key`, `token`) and the file sends no
//! `X-Access-Token` at all, that header is reported without a fix.
//!
//! ## Why
//! v3 reads the key from `X-Access-Token` (guide: "Authentication Header"); a request that
//! sends only `authorization` is answered `ERR_AUTH`.
//!
//! ## Example
//! ```js
//! headers: { authorization: API_KEY }          // before
//! headers: { "X-Access-Token": API_KEY }       // after
//! ```
//!
//! ## Fix safety
//! A header is Flexy's only when it is sent with a Flexy request: in the same call or options
//! object, in a headers value that flows into the request, on a client or session configured
//! for Flexy (`axios.create({baseURL})`, a `requests.Session` whose requests go to Flexy,
//! `httpx.Client(base_url=...)`, Guzzle `new Client([...])`, a curl handle), or returned by a
//! function whose calls send it there. Then the fix is safe; unsafe when it is also sent to
//! other hosts. That the function, class or file around it also calls Flexy proves nothing:
//! the `Authorization` of an HTTP auth helper beside a Flexy function gets no finding, nor
//! does a header given to a call of an HTTP package itself (`requests.get(url, headers=h)`,
//! `axios.get(url, {headers})`) whose URL the file does not show: a package holds no
//! headers, so its other calls to Flexy say nothing of where this one goes. A key
//! named for Flexy (`FLEXY_API_KEY`) sent with requests the file does not show is reported
//! without a fix. A value of another scheme (`Bearer ...`, `Basic ...`) is never the Flexy key
//! and gets no finding.
//! The key sent in another header of a v3 request has no fix: which header the key should
//! leave is the author's to say.
//!
//! ## Guide section
//! The vendor's migration guide, "The 3 Main Changes", 1. Authentication Header; and
//! "Complete Endpoint Reference", Authentication.

use super::{Applicability, Edit, Finding, Rule};
use crate::api::{self, Tok};
use crate::context::Ctx;
use crate::flexy::Tie;
use crate::lang::query::Purpose;
use crate::lang::text;
use crate::tree::Up;

pub fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let src = ctx.src();
    let lowered = src.to_ascii_lowercase();
    // A v3 request sent no `X-Access-Token`, with a key in another header.
    let key_elsewhere =
        !lowered.contains(&api::V3_AUTH_HEADER.to_ascii_lowercase()) && !ctx.v3_sites.is_empty();
    // Only a file that holds the name can have a finding: skip the queries.
    let other_headers = key_elsewhere && api::OTHER_KEY_HEADERS.iter().any(|h| lowered.contains(h));
    if !lowered.contains(api::V2_AUTH_HEADER) && !other_headers {
        return;
    }
    let mut seen = Vec::new();
    for c in ctx.matches(Purpose::Headers) {
        let (key, form) = if let Some(k) = c.get("key.quoted") {
            (*k, Form::Quoted)
        } else if let Some(k) = c.get("key.bare") {
            (*k, Form::Bare)
        } else if let Some(k) = c.get("key.shorthand") {
            (*k, Form::Shorthand)
        } else if let Some(k) = c.get("key.member") {
            (*k, Form::Member)
        } else {
            continue;
        };
        if seen.contains(&key.byte_range()) {
            continue;
        }
        let name = match form {
            Form::Quoted => match ctx.syntax.literal(key, src) {
                Some(l) => l.value,
                None => continue,
            },
            _ => text(key, src).to_string(),
        };
        let value = c.get("value").copied().unwrap_or(key);
        let v2 = name.eq_ignore_ascii_case(api::V2_AUTH_HEADER);
        if !v2 || foreign_value(ctx, value) {
            let other = v2
                || api::OTHER_KEY_HEADERS
                    .iter()
                    .any(|h| name.eq_ignore_ascii_case(h));
            let v3 = if key_elsewhere && other {
                sent_to_v3(ctx, key)
            } else {
                None
            };
            if let Some(v3) = v3 {
                seen.push(key.byte_range());
                out.push(Finding::new(
                    Rule::V2AuthHeader,
                    key.byte_range(),
                    format!(
                        "the key is sent to v3 as `{}`, and no `{}` is sent: v3 reads the key from `{}` only",
                        text(c.get("value").map_or(key, |v| if v2 { *v } else { key }), src).trim_matches(['"', '\'', '`']),
                        api::V3_AUTH_HEADER,
                        api::V3_AUTH_HEADER
                    ),
                ).from_origin(v3));
            }
            continue;
        }
        let Some(applicability) = applicability(ctx, key, &context_text(ctx, key)) else {
            continue;
        };
        seen.push(key.byte_range());
        let v3 = api::V3_AUTH_HEADER;
        let edit = match form {
            Form::Quoted => {
                let Some(l) = ctx.syntax.literal(key, src) else {
                    continue;
                };
                Edit {
                    range: l.inner,
                    content: v3.to_string(),
                }
            }
            Form::Bare => Edit {
                range: key.byte_range(),
                content: ctx.syntax.quote(v3),
            },
            Form::Shorthand => Edit {
                range: key.byte_range(),
                content: format!("{}: {}", ctx.syntax.quote(v3), text(key, src)),
            },
            Form::Member => {
                // `h.authorization` -> `h["X-Access-Token"]`, `h?.authorization` -> `h?.["..."]`
                let Some(object) = key.up().and_then(|m| ctx.member_at(m)).map(|m| m.object) else {
                    continue;
                };
                let between = &src[object.end_byte()..key.start_byte()];
                let op = if between.contains("?.") { "?." } else { "" };
                Edit {
                    range: object.end_byte()..key.end_byte(),
                    content: format!("{op}[{}]", ctx.syntax.quote(v3)),
                }
            }
        };
        let f = finding(key.byte_range(), &name, applicability, vec![edit]);
        // Sent with v3 requests only: work left on code already on v3, a unit of its own.
        out.push(match sent_to_v3(ctx, key) {
            Some(v3) => f.from_origin(v3),
            None => f,
        });
    }
    header_lines(ctx, out);
}

/// The v3 Flexy request a header is sent with, when it is sent with Flexy's only, and with
/// no v2 request.
fn sent_to_v3<'s>(ctx: &Ctx<'s>, key: tree_sitter::Node<'s>) -> Option<crate::flow::Origin> {
    match ctx.header_requests(key) {
        (Tie::Proven, v3) => v3,
        _ => None,
    }
}

#[derive(Clone, Copy)]
enum Form {
    Quoted,
    Bare,
    Shorthand,
    Member,
}

fn finding(
    range: std::ops::Range<usize>,
    name: &str,
    applicability: Option<Applicability>,
    edits: Vec<Edit>,
) -> Finding {
    let f = Finding::new(
        Rule::V2AuthHeader,
        range,
        format!(
            "v2 auth header `{name}`: v3 reads the key from `{}`{}",
            api::V3_AUTH_HEADER,
            if applicability.is_none() {
                " (no request in this file shows it is sent to Flexy: check where it goes)"
            } else {
                ""
            }
        ),
    );
    match applicability {
        Some(a) => f.with_fix(
            Some(a),
            format!("Send the key as `{}`", api::V3_AUTH_HEADER),
            Some(edits),
        ),
        None => f,
    }
}

/// None: no finding; `Some(None)`: a finding without a fix; else the fix's applicability.
/// Safe when sent with Flexy requests only, unsafe when also with other hosts' requests.
fn applicability<'s>(
    ctx: &Ctx<'s>,
    at: tree_sitter::Node<'s>,
    context: &str,
) -> Option<Option<Applicability>> {
    // The header moves with the URLs it is sent to: it is as unsafe as its migration unit
    // (`crate::units`), not as the worst call of the file.
    applicability_alone(ctx, at, context)
}

fn applicability_alone<'s>(
    ctx: &Ctx<'s>,
    at: tree_sitter::Node<'s>,
    context: &str,
) -> Option<Option<Applicability>> {
    // A key or client named for Flexy (`FLEXY_API_KEY`, `flexy.headers`).
    let named = context.to_ascii_lowercase().contains("flexy");
    match ctx.header_tie(at) {
        Tie::Proven => Some(Some(Applicability::Safe)),
        // Sent with Flexy requests and others': the name says which.
        Tie::Mixed if named => Some(Some(Applicability::Safe)),
        Tie::Mixed => Some(Some(Applicability::Unsafe)),
        // Probable, not proven: reported without a fix.
        Tie::Unknown if named => Some(None),
        _ => None,
    }
}

/// The text of the innermost call (or statement) around a header key.
fn context_text(ctx: &Ctx, key: tree_sitter::Node) -> String {
    let mut n = Some(key);
    while let Some(x) = n {
        if ctx.syntax.is_call(x) || ctx.syntax.is_statement(x) {
            return text(x, ctx.src()).to_string();
        }
        n = x.up();
    }
    String::new()
}

/// A value that belongs to another auth scheme, or is a URL (OAuth endpoints config).
fn foreign_value(ctx: &Ctx, value: tree_sitter::Node) -> bool {
    let src = ctx.src();
    let lowered = ctx.syntax.lower(value, src).text().to_ascii_lowercase();
    let lowered = lowered.trim_start();
    api::FOREIGN_AUTH_SCHEMES
        .iter()
        .any(|s| lowered.starts_with(s))
        || lowered.starts_with("http://")
        || lowered.starts_with("https://")
}

/// Raw header lines: `"authorization: $key"`, `'Authorization: ' . $key`, at the start of
/// a string or after a `\n` (stream-context headers).
fn header_lines(ctx: &Ctx, out: &mut Vec<Finding>) {
    let name = api::V2_AUTH_HEADER;
    for (ei, e) in ctx.strings.iter().enumerate() {
        let t = &e.toks;
        for i in 0..t.len() {
            if i > 0 && t[i - 1] != Tok::Ch('\n') {
                continue;
            }
            let matches_name = name.chars().enumerate().all(
                |(k, c)| matches!(t.get(i + k), Some(Tok::Ch(x)) if x.eq_ignore_ascii_case(&c)),
            );
            if !matches_name || t.get(i + name.len()) != Some(&Tok::Ch(':')) {
                continue;
            }
            let value: String = t[i + name.len() + 1..]
                .iter()
                .map(|t| match t {
                    Tok::Ch(c) => *c,
                    Tok::Hole(_) => 'x',
                })
                .collect::<String>()
                .trim_start()
                .to_ascii_lowercase();
            if api::FOREIGN_AUTH_SCHEMES
                .iter()
                .any(|s| value.starts_with(s))
            {
                continue;
            }
            let range = ctx.span(ei, i..i + name.len());
            let Some(node) = ctx.node_at(e.root.clone()) else {
                continue;
            };
            let context = context_text(ctx, node);
            let Some(applicability) = applicability(ctx, node, &context) else {
                continue;
            };
            let new: Vec<Tok> = api::V3_AUTH_HEADER.chars().map(Tok::Ch).collect();
            let Some(edits) = ctx.rewrite(ei, i..i + name.len(), &new) else {
                continue;
            };
            let written: String = ctx.src()[range.clone()].to_string();
            out.push(finding(range, &written, applicability, edits));
        }
    }
}
