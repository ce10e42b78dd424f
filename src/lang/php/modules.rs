//! PHP's module syntax lowered to [`ModuleFacts`]: includes (`require`, `include` and their
//! `_once` forms), the file's namespace, `use` imports (single, aliased, `use function`,
//! group) and the top-level declarations (classes, interfaces, traits, enums, functions).
//!
//! An include's argument goes through the string lowering ([`Lowering::lower`]): without a
//! hole it is a path; with one leading hole that names the file's own folder (`__DIR__`,
//! `dirname(__FILE__)`) or one above it (`dirname(__DIR__)`, `dirname(__FILE__, 2)`) it is
//! relative to the including file; anything else is computed at run time.

use tree_sitter::Node;

use super::{short_name, Php};
use crate::api::Tok;
use crate::lang::module::{Binding, Import, Imported, ModuleFacts, Specifier};
use crate::lang::query::Captures;
use crate::lang::{text, Field, Lowering, NodeType};

/// The facts of one file, from its `modules.scm` matches.
pub(super) fn facts(matches: &[Captures], src: &str) -> ModuleFacts {
    let mut facts = ModuleFacts::default();
    for m in matches {
        if let Some(ns) = m.get("namespace") {
            // A file with several namespace blocks keeps the first.
            if facts.namespace.is_none() {
                facts.namespace = Some(qualified(text(*ns, src)));
            }
        } else if let Some(d) = m.get("declaration") {
            let name = text(*d, src).to_string();
            if !facts.declarations.contains(&name) {
                facts.declarations.push(name);
            }
        } else if let Some(import) = m.get("import") {
            let lowered = match m.get("imported") {
                Some(clause) => use_import(*import, *clause, m.get("module").copied(), src),
                None => m
                    .get("source")
                    .filter(|s| !s.is_extra())
                    .map(|arg| include(*import, *arg, src)),
            };
            facts.imports.extend(lowered);
        }
    }
    // A group's names stay in their written order (the sort is stable).
    facts.imports.sort_by_key(|i| i.range.start);
    facts
}

/// A name as written, without blanks and without a leading `\`.
fn qualified(written: &str) -> String {
    let name: String = written.chars().filter(|c| !c.is_whitespace()).collect();
    name.trim_start_matches('\\').to_string()
}

/// One name of a `use` declaration: `clause` is `Name [as Alias]`, `prefix` the group's
/// common prefix (`App\Lib` in `use App\Lib\{...}`).
fn use_import(decl: Node, clause: Node, prefix: Option<Node>, src: &str) -> Option<Import> {
    let alias = clause.field("alias");
    let mut c = clause.walk();
    let name = clause
        .named_children(&mut c)
        .find(|n| Some(*n) != alias && matches!(n.type_name(), "name" | "qualified_name"))?;
    let mut full = qualified(text(name, src));
    if let Some(p) = prefix {
        full = format!("{}\\{full}", qualified(text(p, src)));
    }
    let local = alias.map_or_else(|| short_name(&full), |a| text(a, src).to_string());
    Some(Import {
        range: decl.byte_range(),
        specifier: Specifier::Qualified(full),
        bindings: vec![Binding {
            imported: Imported::Module,
            local: Some(local),
        }],
        reexport: false,
        type_only: false,
    })
}

/// An include or require of `arg`.
fn include(expr: Node, arg: Node, src: &str) -> Import {
    Import {
        range: expr.byte_range(),
        specifier: include_specifier(arg, src),
        bindings: vec![Binding {
            imported: Imported::Module,
            local: None,
        }],
        reexport: false,
        type_only: false,
    }
}

fn include_specifier(arg: Node, src: &str) -> Specifier {
    let mut arg = arg;
    while arg.type_name() == "parenthesized_expression" {
        match arg.named_child(0) {
            Some(inner) => arg = inner,
            None => return Specifier::Dynamic,
        }
    }
    let e = Php.lower(arg, src);
    match (e.holes.as_slice(), e.toks.first()) {
        ([], _) => Specifier::Path(e.text()),
        ([hole], Some(Tok::Hole(0))) => {
            let range = hole.expr.clone().unwrap_or_else(|| hole.span.clone());
            let ups = arg
                .descendant_for_byte_range(range.start, range.end)
                .and_then(|n| folder_level(n, src))
                .and_then(|l| usize::try_from(l).ok());
            let rest: String = e.text().chars().skip(1).collect();
            match ups {
                Some(ups) if rest.starts_with('/') => {
                    Specifier::HereRelative(format!("{}{rest}", "/..".repeat(ups)))
                }
                _ => Specifier::Dynamic,
            }
        }
        _ => Specifier::Dynamic,
    }
}

/// How many folders above the file's own folder `n` names: `__DIR__` and
/// `dirname(__FILE__)` 0, `dirname(__DIR__)` 1, `dirname(__FILE__, 3)` 2; `__FILE__` is -1
/// (the file itself). `None` for anything else.
fn folder_level(n: Node, src: &str) -> Option<i64> {
    match n.type_name() {
        "parenthesized_expression" => folder_level(n.named_child(0)?, src),
        "function_call_expression" => {
            let f = qualified(text(n.field("function")?, src));
            if !f.eq_ignore_ascii_case("dirname") {
                return None;
            }
            let args = n.field("arguments")?;
            let mut c = args.walk();
            let values: Vec<Node> = args
                .named_children(&mut c)
                .filter(|a| !a.is_extra())
                .map(|a| {
                    let k = a.named_child_count().saturating_sub(1) as u32;
                    a.named_child(k).unwrap_or(a)
                })
                .collect();
            let levels = match values.as_slice() {
                [_] => 1,
                [_, l] if l.type_name() == "integer" => {
                    text(*l, src).parse::<i64>().ok().filter(|l| *l >= 1)?
                }
                _ => return None,
            };
            Some(folder_level(*values.first()?, src)? + levels)
        }
        _ => match text(n, src).to_ascii_uppercase().as_str() {
            "__DIR__" => Some(0),
            "__FILE__" => Some(-1),
            _ => None,
        },
    }
}

#[cfg(test)]
mod tests;
