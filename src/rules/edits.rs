//! Edits the rules build from the analysis: reads moved under `data`, suffixes.

use std::ops::Range;

use tree_sitter::Node;

use super::Edit;
use crate::api::{self, Endpoint, Tok};
use crate::flexy::{BaseSite, EndpointSite, Facts, FieldKind, Member};
use crate::flow::Origin;

/// How a read's origin is named in messages: `GET /v2/account/balance`.
pub fn label(endpoint: Option<&Endpoint>) -> String {
    match endpoint {
        Some(e) => format!("`{} {}`", e.method, e.v2),
        None => "a v2 Flexy request".to_string(),
    }
}

/// How the response a read's origin gives is named in messages: `the v2 response of `GET
/// /v2/account/balance``, `the v3 response of `GET /v3/account/balance``.
pub fn response_of(origin: Origin, endpoint: Option<&Endpoint>) -> String {
    format!(
        "the {} response of {}",
        version(origin),
        label_of(origin, endpoint)
    )
}

/// [`label`] for a read's origin: a v3 request is named by its v3 path.
pub fn label_of(origin: Origin, endpoint: Option<&Endpoint>) -> String {
    match (origin.is_v3(), endpoint) {
        (false, _) => label(endpoint),
        (true, Some(e)) => format!("`{} {}`", e.method, e.v3),
        (true, None) => "a v3 Flexy request".to_string(),
    }
}

/// The API version a read's origin answers with: `v2`, or `v3` for code already on v3.
pub fn version(origin: Origin) -> &'static str {
    if origin.is_v3() {
        "v3"
    } else {
        "v2"
    }
}

/// Where v3 has what a read should reach, as a message shows it: `path` from the body's
/// root, or from `data` when the read is of the payload a wrapper unwrapped, but always from
/// the root for a v3 body read under `data` (`data.pagination.page`).
pub fn shown_path(origin: Origin, unwrapped: bool, path: &str) -> String {
    if origin.is_v3() && unwrapped {
        format!("data.{path}")
    } else {
        path.to_string()
    }
}

/// Edits that read `path` between a read's object and its field, and rename the field.
pub fn read_edits(
    ctx: &Facts,
    m: &Member,
    path: &[&str],
    rename: Option<&str>,
) -> Vec<super::Edit> {
    let src = ctx.src();
    let mut out = Vec::new();
    if !path.is_empty() {
        let suffix = ctx.syntax.path_suffix(path, Some(m), m.object, false, src);
        out.push(crate::lang::insert(m.object.end_byte(), suffix));
    }
    if let Some(new) = rename {
        let range = match m.kind {
            FieldKind::Dot => m.field.byte_range(),
            _ => match ctx.syntax.literal(m.field, src) {
                Some(l) => l.inner,
                None => return Vec::new(),
            },
        };
        out.push(super::Edit {
            range,
            content: new.to_string(),
        });
    }
    out
}

/// An edit that reads `path` after a whole body expression (`cards` -> `cards.data.products`),
/// parenthesizing it when it is not a primary expression.
pub fn body_suffix_edits(
    ctx: &Facts,
    body: Node,
    path: &[&str],
    objects: bool,
) -> Vec<super::Edit> {
    let suffix = ctx.syntax.path_suffix(path, None, body, objects, ctx.src());
    let primary = ctx.syntax.is_primary(body);
    if primary {
        vec![crate::lang::insert(body.end_byte(), suffix)]
    } else {
        vec![
            crate::lang::insert(body.start_byte(), "("),
            crate::lang::insert(body.end_byte(), format!("){suffix}")),
        ]
    }
}

impl<'s> Facts<'s> {
    /// Edits that turn tokens `range` of string `ei` into `new`, changing literal text
    /// only; None when text would have to be inserted between two expressions.
    pub fn rewrite(&self, ei: usize, range: Range<usize>, new: &[Tok]) -> Option<Vec<Edit>> {
        self.strings[ei].rewrite(range, new)
    }

    /// The edits for an endpoint site: the host (when written, v2) and the path, each
    /// rewritten on its own so that each literal keeps its own text.
    pub fn endpoint_edits(&self, s: &EndpointSite) -> Option<Vec<Edit>> {
        let m = s.matched.as_ref()?;
        let mut edits = Vec::new();
        let mut path_start = s.toks.start;
        if let Some((host, v2)) = &s.host {
            if *v2 {
                let new: Vec<Tok> = api::V3_HOST.chars().map(Tok::Ch).collect();
                edits.extend(self.rewrite(s.expr, host.clone(), &new)?);
            }
            let e = &self.strings[s.expr];
            path_start = (host.end..s.toks.end).find(|&k| e.toks[k] == Tok::Ch('/'))?;
        }
        edits.extend(self.rewrite(s.expr, path_start..s.toks.end, &m.out)?);
        Some(edits)
    }

    /// The edits for a base site: the v3 host and `/v3`.
    pub fn base_edits(&self, s: &BaseSite) -> Option<Vec<Edit>> {
        let b = &s.base;
        let e = &self.strings[b.expr];
        let mut new: Vec<Tok> = Vec::new();
        if b.v2_host {
            new.extend(api::V3_HOST.chars().map(Tok::Ch));
        } else {
            new.extend_from_slice(&e.toks[b.host.clone()]);
        }
        let end = match &b.version {
            Some(v) => {
                new.extend_from_slice(&e.toks[b.host.end..v.start]);
                let version = b.v3_version.as_deref().unwrap_or(api::V3_PREFIX);
                new.extend(version.chars().map(Tok::Ch));
                if e.toks.get(v.end - 1) == Some(&Tok::Ch('/')) {
                    new.push(Tok::Ch('/'));
                }
                v.end
            }
            None => b.host.end,
        };
        self.rewrite(b.expr, b.host.start..end, &new)
    }
}

/// Names a function does not use yet, handed out once each: `result`, `result2`...
pub struct FreshNames<'a> {
    function_text: &'a str,
    given: Vec<String>,
}

impl<'a> FreshNames<'a> {
    pub fn new(function_text: &'a str) -> Self {
        FreshNames {
            function_text,
            given: Vec::new(),
        }
    }

    /// The next name for a response.
    pub fn next_result(&mut self) -> String {
        self.fresh("result")
    }

    /// `base`, else `base2`, `base3`... : the first the function does not use as a name
    /// (a property `x.base` or a string `"base"` is no use) and that was not given.
    pub fn fresh(&mut self, base: &str) -> String {
        let name = (1..)
            .map(|k| {
                if k == 1 {
                    base.to_string()
                } else {
                    format!("{base}{k}")
                }
            })
            .find(|n| !self.given.contains(n) && !uses_name(self.function_text, n))
            .unwrap_or_else(|| base.to_string());
        self.given.push(name.clone());
        name
    }
}

/// Does `text` hold `name` as a name: a whole word not read as a member (`.name`,
/// `->name`) nor quoted (`"name"`, `'name'`)?
fn uses_name(text: &str, name: &str) -> bool {
    let word = |c: char| c.is_alphanumeric() || c == '_';
    text.match_indices(name).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + name.len()..].chars().next();
        !before.is_some_and(|c| word(c) || matches!(c, '.' | '>' | '"' | '\''))
            && !after.is_some_and(|c| word(c) || matches!(c, '"' | '\''))
    })
}
