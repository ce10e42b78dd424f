//! JavaScript's and TypeScript's import and export syntax, lowered to module facts from the
//! matches of `queries/{javascript,typescript}/modules.scm`.
//!
//! An import is the node captured as `@import` (a statement, or a `require`/`import()`
//! call): the matches on one node are grouped, the one with `@source` makes it an import,
//! the others bring its bindings. Static imports (`import ...`, `export ... from`) and
//! calls are told apart by the node, not by the match.

use std::collections::HashMap;

use tree_sitter::Node;

use super::JavaScript;
use crate::lang::module::{Binding, Export, Import, Imported, ModuleFacts, Specifier};
use crate::lang::query::Captures;
use crate::lang::{text, Field, Lowering, NodeType};

/// The matches on one `@import` node.
#[derive(Default)]
struct Group<'t> {
    node: Option<Node<'t>>,
    source: Option<Node<'t>>,
    type_only: bool,
    /// Each binding with where it is written (to keep the source order) and whether its
    /// specifier alone is a type (`import { type A, b }`).
    bindings: Vec<(usize, Binding, bool)>,
}

pub(super) fn module_facts(js: &JavaScript, matches: &[Captures], src: &str) -> ModuleFacts {
    let mut groups: HashMap<usize, Group> = HashMap::new();
    let mut facts = ModuleFacts::default();
    let mut exports: Vec<(usize, Export)> = Vec::new();
    for m in matches {
        if let Some(node) = m.get("import") {
            let g = groups.entry(node.id()).or_default();
            g.node = Some(*node);
            import_match(js, m, g, src);
        } else if let Some(stmt) = m.get("export") {
            export_match(js, m, *stmt, src, &mut exports, &mut facts.declarations);
        } else if let Some(decl) = m.get("declaration") {
            declare(&declared_names(*decl, src), &mut facts.declarations);
        }
    }
    let mut groups: Vec<Group> = groups
        .into_values()
        .filter(|g| g.source.is_some())
        .collect();
    groups.sort_by_key(|g| g.node.map_or(0, |n| n.start_byte()));
    for g in groups {
        facts.imports.extend(lower_group(js, g, src));
    }
    exports.sort_by_key(|(at, _)| *at);
    exports.dedup();
    facts.exports = exports.into_iter().map(|(_, e)| e).collect();
    facts
}

fn import_match<'t>(js: &JavaScript, m: &Captures<'t>, g: &mut Group<'t>, src: &str) {
    if let Some(s) = m.get("source") {
        g.source = Some(*s);
    }
    if m.get("type").is_some() {
        g.type_only = true;
    }
    let mut push = |at: Node, imported: Imported, local: Option<String>, type_spec: bool| {
        g.bindings
            .push((at.start_byte(), Binding { imported, local }, type_spec));
    };
    if let Some(all) = m.get("all") {
        push(*all, Imported::All, None, false);
    }
    if let Some(d) = m.get("default") {
        push(
            *d,
            Imported::Default,
            Some(text(*d, src).to_string()),
            false,
        );
    }
    if let Some(ns) = m.get("namespace") {
        push(*ns, Imported::Module, name_of(js, *ns, src), false);
    }
    let local = m.get("local").copied();
    if let Some(imported) = m.get("imported") {
        let spec = imported
            .parent()
            .filter(|p| matches!(p.type_name(), "import_specifier" | "export_specifier"));
        let Some(name) = name_of(js, *imported, src) else {
            return;
        };
        match spec {
            // import { a as b }, export { a as b } from: the alias or the name itself.
            Some(spec) => {
                let local = local
                    .and_then(|l| name_of(js, l, src))
                    .or(Some(name.clone()));
                push(*imported, imported_of(name), local, has_token(spec, "type"));
            }
            // const x = require("m").a
            None => {
                let local = local.filter(|l| l.type_name() == "identifier");
                push(
                    *imported,
                    imported_of(name),
                    local.map(|l| text(l, src).to_string()),
                    false,
                );
            }
        }
    } else if let Some(pattern) = local {
        // const x = require("m"), const { a, b: c } = require("m"), import x = require("m")
        for (imported, local) in pattern_bindings(js, pattern, src) {
            push(pattern, imported, local, false);
        }
    }
}

/// The imports of one group: one, or two when some specifiers alone are types (their
/// own import, `type_only`).
fn lower_group(js: &JavaScript, mut g: Group, src: &str) -> Vec<Import> {
    let (Some(node), Some(source)) = (g.node, g.source) else {
        return Vec::new();
    };
    let specifier = match js.literal(source, src) {
        Some(lit) => Specifier::Path(lit.value),
        None => Specifier::Dynamic,
    };
    let reexport = node.type_name() == "export_statement";
    g.bindings.sort_by_key(|(at, _, _)| *at);
    g.bindings.dedup();
    let import = |bindings: Vec<Binding>, type_only: bool| Import {
        range: node.byte_range(),
        specifier: specifier.clone(),
        bindings,
        reexport,
        type_only,
    };
    if g.bindings.is_empty() {
        // import "m", require("m") alone, or a call whose value is not bound by name.
        let module = Binding {
            imported: Imported::Module,
            local: None,
        };
        return vec![import(vec![module], g.type_only)];
    }
    let (types, values): (Vec<_>, Vec<_>) = g.bindings.into_iter().partition(|b| b.2);
    let strip = |v: Vec<(usize, Binding, bool)>| v.into_iter().map(|b| b.1).collect::<Vec<_>>();
    let mut out = Vec::new();
    if !values.is_empty() {
        out.push(import(strip(values), g.type_only));
    }
    if !types.is_empty() {
        out.push(import(strip(types), true));
    }
    out
}

fn export_match(
    js: &JavaScript,
    m: &Captures,
    stmt: Node,
    src: &str,
    out: &mut Vec<(usize, Export)>,
    declarations: &mut Vec<String>,
) {
    let range = stmt.byte_range();
    let mut push = |at: usize, name: Option<String>, local: Option<String>| {
        let name = name.filter(|n| n != "default");
        out.push((
            at,
            Export {
                range: range.clone(),
                name,
                local,
            },
        ));
    };
    if let Some(decl) = m.get("declaration") {
        let names = declared_names(*decl, src);
        if !matches!(
            decl.type_name(),
            "interface_declaration" | "type_alias_declaration"
        ) {
            declare(&names, declarations);
        }
        if has_token(stmt, "default") {
            // export default function f() {}, export default class {}
            push(decl.start_byte(), None, names.into_iter().next());
        } else {
            for n in names {
                push(decl.start_byte(), Some(n.clone()), Some(n));
            }
        }
    } else if let Some(value) = m.get("default") {
        match (m.get("module"), value.type_name()) {
            // module.exports = { a, b: c }
            (Some(_), "object") => {
                for (at, name, local) in object_entries(js, *value, src) {
                    push(at, Some(name), local);
                }
            }
            // export default x, export = x, module.exports = x
            _ => push(value.start_byte(), None, identifier(*value, src)),
        }
    } else if let Some(local) = m.get("local") {
        match (m.get("module"), m.get("exported")) {
            // module.exports.a = x, exports.a = x
            (Some(_), Some(prop)) => push(
                prop.start_byte(),
                Some(text(*prop, src).to_string()),
                identifier(*local, src),
            ),
            // export { a as b }
            (None, exported) => {
                let local_name = name_of(js, *local, src);
                let name = match exported {
                    Some(e) => name_of(js, *e, src),
                    None => local_name.clone(),
                };
                push(local.start_byte(), name, local_name);
            }
            (Some(_), None) => {}
        }
    }
}

fn declare(names: &[String], declarations: &mut Vec<String>) {
    for n in names {
        if !declarations.contains(n) {
            declarations.push(n.clone());
        }
    }
}

/// The names a declaration binds: a function's, a class's, each declarator's (every name
/// of a destructuring pattern).
fn declared_names(decl: Node, src: &str) -> Vec<String> {
    let mut out = Vec::new();
    match decl.type_name() {
        "lexical_declaration" | "variable_declaration" => {
            let mut c = decl.walk();
            for d in decl.named_children(&mut c) {
                if let Some(name) = d.field("name") {
                    pattern_names(name, src, &mut out);
                }
            }
        }
        "ambient_declaration" => {
            if let Some(inner) = decl.named_child(0) {
                out = declared_names(inner, src);
            }
        }
        _ => {
            if let Some(name) = decl.field("name").filter(|n| n.type_name() != "string") {
                out.push(text(name, src).to_string());
            }
        }
    }
    out
}

/// Every name a binding pattern binds.
fn pattern_names(p: Node, src: &str, out: &mut Vec<String>) {
    match p.type_name() {
        "identifier" | "shorthand_property_identifier_pattern" => {
            out.push(text(p, src).to_string());
        }
        "pair_pattern" => {
            if let Some(v) = p.field("value") {
                pattern_names(v, src, out);
            }
        }
        "object_assignment_pattern" | "assignment_pattern" => {
            if let Some(l) = p.field("left") {
                pattern_names(l, src, out);
            }
        }
        "object_pattern" | "array_pattern" | "rest_pattern" => {
            let mut c = p.walk();
            for ch in p.named_children(&mut c) {
                pattern_names(ch, src, out);
            }
        }
        _ => {}
    }
}

/// What `pattern = require("m")` binds: the module to a name, or each destructured
/// property to its local name.
fn pattern_bindings(js: &JavaScript, pattern: Node, src: &str) -> Vec<(Imported, Option<String>)> {
    match pattern.type_name() {
        "identifier" => vec![(Imported::Module, Some(text(pattern, src).to_string()))],
        "object_pattern" => {
            let mut out = Vec::new();
            let mut c = pattern.walk();
            for e in pattern.named_children(&mut c) {
                let entry = match e.type_name() {
                    "shorthand_property_identifier_pattern" => {
                        let n = text(e, src).to_string();
                        Some((imported_of(n.clone()), Some(n)))
                    }
                    "object_assignment_pattern" => e.field("left").map(|l| {
                        let n = text(l, src).to_string();
                        (imported_of(n.clone()), Some(n))
                    }),
                    "pair_pattern" => e.field("key").and_then(|k| key_name(js, k, src)).map(|k| {
                        let v = e.field("value");
                        let v = match v.filter(|v| v.type_name() == "assignment_pattern") {
                            Some(a) => a.field("left"),
                            None => v,
                        };
                        (imported_of(k), v.and_then(|v| identifier(v, src)))
                    }),
                    "rest_pattern" => e
                        .named_child(0)
                        .map(|r| (Imported::Module, identifier(r, src))),
                    _ => None,
                };
                out.extend(entry);
            }
            out
        }
        _ => vec![(Imported::Module, None)],
    }
}

/// The entries of `module.exports = { ... }`: where each is written, its export name, and
/// its value's name when it is one.
fn object_entries(
    js: &JavaScript,
    object: Node,
    src: &str,
) -> Vec<(usize, String, Option<String>)> {
    let mut out = Vec::new();
    let mut c = object.walk();
    for e in object.named_children(&mut c) {
        let at = e.start_byte();
        match e.type_name() {
            "shorthand_property_identifier" => {
                let n = text(e, src).to_string();
                out.push((at, n.clone(), Some(n)));
            }
            "pair" => {
                if let Some(k) = e.field("key").and_then(|k| key_name(js, k, src)) {
                    let local = e.field("value").and_then(|v| identifier(v, src));
                    out.push((at, k, local));
                }
            }
            "method_definition" => {
                if let Some(k) = e.field("name").and_then(|k| key_name(js, k, src)) {
                    out.push((at, k, None));
                }
            }
            _ => {}
        }
    }
    out
}

/// A property key's name: `a`, `"a"`, `1`; `None` for a computed key.
fn key_name(js: &JavaScript, key: Node, src: &str) -> Option<String> {
    match key.type_name() {
        "property_identifier" | "identifier" | "number" | "private_property_identifier" => {
            Some(text(key, src).to_string())
        }
        _ => js.literal(key, src).map(|l| l.value),
    }
}

/// A module export name: an identifier, `default`, or a string (`"a-b"`).
fn name_of(js: &JavaScript, n: Node, src: &str) -> Option<String> {
    match n.type_name() {
        "string" => js.literal(n, src).map(|l| l.value),
        _ => Some(text(n, src).to_string()),
    }
}

fn imported_of(name: String) -> Imported {
    if name == "default" {
        Imported::Default
    } else {
        Imported::Name(name)
    }
}

fn identifier(n: Node, src: &str) -> Option<String> {
    (n.type_name() == "identifier").then(|| text(n, src).to_string())
}

/// Does `n` have the keyword `token` among its children (`export default`, `import type`)?
fn has_token(n: Node, token: &str) -> bool {
    let mut c = n.walk();
    let found = n
        .children(&mut c)
        .any(|ch| !ch.is_named() && ch.type_name() == token);
    found
}

#[cfg(test)]
mod tests;
