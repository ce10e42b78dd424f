//! TypeScript's types of response bodies: the type a body expression is declared with, and
//! where the file declares it ([`Semantics::body_type`]).

use tree_sitter::Node;

use super::JavaScript;
use crate::lang::{text, BodyType, Field, NodeType, Semantics};
use crate::tree::Up;

/// The type a body expression is given, named or written out; `None` when it has none.
pub(super) fn body_type<'t>(
    js: &JavaScript,
    root: Node<'t>,
    body: Node<'t>,
    src: &str,
) -> Option<BodyType<'t>> {
    let ty = declared_type(js, body, src)?;
    // `any` and `unknown`.
    if matches!(ty.type_name(), "predefined_type") {
        return Some(BodyType::Predefined);
    }
    Some(match type_name(ty, src) {
        Some(name) => BodyType::Named {
            declaration: declaration(root, &name, src),
            name,
            node: ty,
        },
        None => BodyType::Written(ty),
    })
}

/// The type node a body expression is given: a cast around it, the annotation of the
/// variable it names, or the type argument of the request that produced it.
fn declared_type<'t>(syntax: &JavaScript, body: Node<'t>, src: &str) -> Option<Node<'t>> {
    if let Some(t) = cast_type(body) {
        return Some(t);
    }
    if body.type_name() != "identifier" {
        return None;
    }
    let name = text(body, src);
    let decl = binding_of(syntax, body, name, src)?;
    if let Some(t) = decl.field("type") {
        return t.named_child(0);
    }
    let mut value = decl.field("value")?;
    loop {
        if let Some(t) = cast_type(value) {
            return Some(t);
        }
        match value.type_name() {
            "await_expression" | "parenthesized_expression" => value = value.named_child(0)?,
            "call_expression" => {
                // `axios.get<T>(url)`, and `await f<T>(x)` as the grammar reads it.
                return value.field("type_arguments")?.named_child(0);
            }
            _ => return None,
        }
    }
}

/// `x as T`, `x satisfies T`, `<T>x`: the type.
fn cast_type(n: Node) -> Option<Node> {
    match n.type_name() {
        "as_expression" | "satisfies_expression" => n.named_child(1),
        "type_assertion" => n.named_child(0)?.named_child(0),
        "parenthesized_expression" => cast_type(n.named_child(0)?),
        _ => None,
    }
}

/// The declarator binding `name` that is in scope at `at`: the nearest one before it in an
/// enclosing block or function.
fn binding_of<'t>(syntax: &JavaScript, at: Node<'t>, name: &str, src: &str) -> Option<Node<'t>> {
    let mut scope = at.up();
    while let Some(s) = scope {
        let mut best: Option<Node<'t>> = None;
        let mut stack = vec![s];
        while let Some(n) = stack.pop() {
            if n.start_byte() >= at.start_byte() {
                continue;
            }
            if n.type_name() == "variable_declarator" && binds(n, name, src) {
                if best.is_none_or(|b| b.start_byte() < n.start_byte()) {
                    best = Some(n);
                }
                continue;
            }
            // Declarations in nested functions are not in scope here.
            if n != s && syntax.is_function(n) {
                continue;
            }
            let mut c = n.walk();
            stack.extend(n.named_children(&mut c));
        }
        if best.is_some() {
            return best;
        }
        scope = s.up();
    }
    None
}

/// Does the declarator bind `name` (directly, or as `{ name }` / `{ key: name }`)?
fn binds(decl: Node, name: &str, src: &str) -> bool {
    let Some(target) = decl.field("name") else {
        return false;
    };
    match target.type_name() {
        "identifier" => text(target, src) == name,
        "object_pattern" => {
            let mut c = target.walk();
            let found = target.named_children(&mut c).any(|p| match p.type_name() {
                "shorthand_property_identifier_pattern" => text(p, src) == name,
                "pair_pattern" => p.field("value").is_some_and(|v| text(v, src) == name),
                _ => false,
            });
            found
        }
        _ => false,
    }
}

/// The name of a type reference: `TopupList`, `ns.BalanceResponse` (last part); None for
/// built-in and structural types (`any`, `{...}`, `Array<T>`).
fn type_name(ty: Node, src: &str) -> Option<String> {
    match ty.type_name() {
        "type_identifier" => Some(text(ty, src).to_string()),
        "nested_type_identifier" => ty
            .named_child(u32::try_from(ty.named_child_count().checked_sub(1)?).ok()?)
            .map(|n| text(n, src).to_string()),
        _ => None,
    }
}

/// The `interface NAME` or `type NAME =` declared in the file: its name node.
fn declaration<'t>(root: Node<'t>, name: &str, src: &str) -> Option<Node<'t>> {
    let mut stack = vec![root];
    while let Some(n) = stack.pop() {
        if matches!(
            n.type_name(),
            "interface_declaration" | "type_alias_declaration"
        ) {
            if let Some(id) = n.field("name") {
                if text(id, src) == name {
                    return Some(id);
                }
            }
            continue;
        }
        let mut c = n.walk();
        stack.extend(n.named_children(&mut c));
    }
    None
}
