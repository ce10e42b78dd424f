//! TypeScript's declared type of a member chain (`err.response.data.error`): through the
//! annotation of its root name, an `instanceof` test that narrows it, the properties of
//! the file's classes, interfaces and object types, and the type arguments of generic ones
//! (`AxiosResponse<{ error: string }>` of `interface AxiosResponse<T> { data: T }`).

use tree_sitter::Node;

use crate::lang::{text, Field, NodeType};
use crate::tree::Up;

/// How deep aliases and type parameters are followed (a cycle ends there).
const MAX_DEPTH: u8 = 8;

/// A type as the file writes it, with what its enclosing generic's parameters stand for.
#[derive(Clone)]
struct Ty<'t> {
    node: Node<'t>,
    args: Vec<(String, Node<'t>)>,
}

/// The type node the file declares for `expr`, a name or a member chain (with `field`, for
/// its property `field`); None when a link of the chain has no type written in the file.
pub(super) fn member_type<'t>(
    root: Node<'t>,
    expr: Node<'t>,
    field: Option<&str>,
    src: &str,
) -> Option<Node<'t>> {
    let ty = expr_type(root, expr, src, 0)?;
    match field {
        Some(name) => Some(property(root, &ty, name, src, 1)?.node),
        None => Some(ty.node),
    }
}

fn expr_type<'t>(root: Node<'t>, expr: Node<'t>, src: &str, depth: u8) -> Option<Ty<'t>> {
    if depth > MAX_DEPTH {
        return None;
    }
    match expr.type_name() {
        "parenthesized_expression" | "non_null_expression" => {
            expr_type(root, expr.named_child(0)?, src, depth + 1)
        }
        "member_expression" => {
            let object = expr_type(root, expr.field("object")?, src, depth + 1)?;
            let name = text(expr.field("property")?, src);
            property(root, &object, name, src, depth + 1)
        }
        "identifier" => {
            let name = text(expr, src);
            let node = narrowed(expr, name, src)
                .and_then(|class| named(root, class, src))
                .or_else(|| annotation(expr, name, src))?;
            Some(Ty {
                node,
                args: Vec::new(),
            })
        }
        _ => None,
    }
}

/// The class an `instanceof` test proves `name` is where `at` stands: `if (e instanceof C &&
/// e.x ...)` around it, or `if (!(e instanceof C)) throw e;` before it in its block.
fn narrowed<'s>(at: Node, name: &str, src: &'s str) -> Option<&'s str> {
    let mut child = at;
    while let Some(p) = child.up() {
        match p.type_name() {
            // `e instanceof C && <at>`
            "binary_expression" if p.field("right") == Some(child) => {
                if let Some(c) = p
                    .field("left")
                    .and_then(|l| instance_of(l, name, src, false))
                {
                    return Some(c);
                }
            }
            "if_statement" if p.field("consequence") == Some(child) => {
                if let Some(c) = p
                    .field("condition")
                    .and_then(|l| instance_of(l, name, src, false))
                {
                    return Some(c);
                }
            }
            "statement_block" | "program" => {
                // `if (!(e instanceof C)) throw e;` (or `return`) earlier in the block.
                let mut prev = child.prev_named_sibling();
                while let Some(s) = prev {
                    if s.type_name() == "if_statement"
                        && s.field("consequence").is_some_and(exits)
                        && s.field("alternative").is_none()
                    {
                        if let Some(c) = s
                            .field("condition")
                            .and_then(|l| instance_of(l, name, src, true))
                        {
                            return Some(c);
                        }
                    }
                    prev = s.prev_named_sibling();
                }
            }
            "function_declaration"
            | "function_expression"
            | "arrow_function"
            | "method_definition" => return None,
            _ => {}
        }
        child = p;
    }
    None
}

/// Does the statement always leave (`throw`, `return`, `continue`, `break`, or a block
/// ending so)?
fn exits(s: Node) -> bool {
    match s.type_name() {
        "throw_statement" | "return_statement" | "continue_statement" | "break_statement" => true,
        "statement_block" => {
            let n = s.named_child_count();
            n > 0
                && s.named_child(u32::try_from(n - 1).unwrap_or(0))
                    .is_some_and(exits)
        }
        _ => false,
    }
}

/// `name instanceof C` (or, with `negated`, `!(name instanceof C)`), in parentheses or not:
/// `C`.
fn instance_of<'s>(test: Node, name: &str, src: &'s str, negated: bool) -> Option<&'s str> {
    let mut test = test;
    while test.type_name() == "parenthesized_expression" {
        test = test.named_child(0)?;
    }
    if negated {
        if test.type_name() != "unary_expression"
            || test.field("operator").map(|o| text(o, src)) != Some("!")
        {
            return None;
        }
        return instance_of(test.field("argument")?, name, src, false);
    }
    if test.type_name() != "binary_expression"
        || test.field("operator").map(|o| text(o, src)) != Some("instanceof")
        || test.field("left").map(|l| text(l, src)) != Some(name)
    {
        return None;
    }
    let class = test.field("right")?;
    (class.type_name() == "identifier").then(|| text(class, src))
}

/// The annotation of the parameter or variable `name` nearest around `at`.
fn annotation<'t>(at: Node<'t>, name: &str, src: &str) -> Option<Node<'t>> {
    let mut n = at;
    while let Some(p) = n.up() {
        let mut c = p.walk();
        for child in p.named_children(&mut c) {
            if child.start_byte() >= at.start_byte() {
                break;
            }
            let decl = match child.type_name() {
                "lexical_declaration" | "variable_declaration" => {
                    let mut c2 = child.walk();
                    let found = child.named_children(&mut c2).find(|d| {
                        d.type_name() == "variable_declarator"
                            && d.field("name").map(|x| text(x, src)) == Some(name)
                    });
                    found
                }
                "formal_parameters" => {
                    let mut c2 = child.walk();
                    let found = child
                        .named_children(&mut c2)
                        .find(|d| d.field("pattern").map(|x| text(x, src)) == Some(name));
                    found
                }
                _ => None,
            };
            if let Some(t) = decl.and_then(|d| d.field("type")) {
                return t.named_child(0);
            }
        }
        n = p;
    }
    None
}

/// A type named `name` in the file: its class, interface or `type` declaration.
fn named<'t>(root: Node<'t>, name: &str, src: &str) -> Option<Node<'t>> {
    const TYPES: &[&str] = &[
        "class_declaration",
        "interface_declaration",
        "type_alias_declaration",
    ];
    super::types::declaration_of(root, name, TYPES, src)?.up()
}

/// The type of property `name` of a value of type `ty`.
fn property<'t>(root: Node<'t>, ty: &Ty<'t>, name: &str, src: &str, depth: u8) -> Option<Ty<'t>> {
    if depth > MAX_DEPTH {
        return None;
    }
    let node = ty.node;
    match node.type_name() {
        "parenthesized_type" => property(
            root,
            &Ty {
                node: node.named_child(0)?,
                args: ty.args.clone(),
            },
            name,
            src,
            depth + 1,
        ),
        "type_identifier" => {
            let id = text(node, src);
            if let Some((_, arg)) = ty.args.iter().find(|(p, _)| p == id) {
                return property(
                    root,
                    &Ty {
                        node: *arg,
                        args: Vec::new(),
                    },
                    name,
                    src,
                    depth + 1,
                );
            }
            let decl = named(root, id, src)?;
            member_of(root, decl, Vec::new(), name, src, depth + 1)
        }
        "generic_type" => {
            let decl = named(root, text(node.field("name")?, src), src)?;
            let params = decl.field("type_parameters");
            let arguments = node.field("type_arguments");
            let mut args = Vec::new();
            if let (Some(params), Some(arguments)) = (params, arguments) {
                let mut c1 = params.walk();
                let mut c2 = arguments.walk();
                for (p, a) in params
                    .named_children(&mut c1)
                    .zip(arguments.named_children(&mut c2))
                {
                    if let Some(pn) = p.field("name") {
                        args.push((text(pn, src).to_string(), resolve(a, &ty.args, src)));
                    }
                }
            }
            member_of(root, decl, args, name, src, depth + 1)
        }
        "object_type" => {
            let t = signature(node, name, src)?;
            Some(Ty {
                node: resolve(t, &ty.args, src),
                args: ty.args.clone(),
            })
        }
        // A class proven by `instanceof`.
        "class_declaration" | "interface_declaration" | "type_alias_declaration" => {
            member_of(root, node, ty.args.clone(), name, src, depth + 1)
        }
        _ => None,
    }
}

/// A type argument that is itself a parameter of the enclosing generic: what it stands for.
fn resolve<'t>(t: Node<'t>, args: &[(String, Node<'t>)], src: &str) -> Node<'t> {
    if t.type_name() == "type_identifier" {
        if let Some((_, a)) = args.iter().find(|(p, _)| p == text(t, src)) {
            return *a;
        }
    }
    t
}

/// Property `name` of a class, interface or `type` declaration, its parameters bound to
/// `args`.
fn member_of<'t>(
    root: Node<'t>,
    decl: Node<'t>,
    args: Vec<(String, Node<'t>)>,
    name: &str,
    src: &str,
    depth: u8,
) -> Option<Ty<'t>> {
    match decl.type_name() {
        "interface_declaration" => {
            let t = signature(decl.field("body")?, name, src)?;
            Some(Ty {
                node: resolve(t, &args, src),
                args,
            })
        }
        "type_alias_declaration" => property(
            root,
            &Ty {
                node: decl.field("value")?,
                args,
            },
            name,
            src,
            depth + 1,
        ),
        "class_declaration" => {
            let body = decl.field("body")?;
            let mut c = body.walk();
            for m in body.named_children(&mut c) {
                match m.type_name() {
                    "public_field_definition"
                        if m.field("name").map(|x| text(x, src)) == Some(name) =>
                    {
                        let t = m.field("type")?.named_child(0)?;
                        return Some(Ty {
                            node: resolve(t, &args, src),
                            args,
                        });
                    }
                    // `constructor(public response: T)`: a parameter property.
                    "method_definition"
                        if m.field("name").map(|x| text(x, src)) == Some("constructor") =>
                    {
                        let params = m.field("parameters")?;
                        let mut c2 = params.walk();
                        let found = params.named_children(&mut c2).find(|p| {
                            p.field("pattern").map(|x| text(x, src)) == Some(name)
                                && has_modifier(*p)
                        });
                        if let Some(t) = found.and_then(|p| p.field("type")?.named_child(0)) {
                            return Some(Ty {
                                node: resolve(t, &args, src),
                                args,
                            });
                        }
                    }
                    _ => {}
                }
            }
            None
        }
        _ => None,
    }
}

/// Is the constructor parameter a parameter property (`public`, `private`, `readonly`...)?
fn has_modifier(p: Node) -> bool {
    let mut c = p.walk();
    let found = p.children(&mut c).any(|m| {
        matches!(
            m.type_name(),
            "accessibility_modifier" | "override_modifier" | "readonly"
        )
    });
    found
}

/// The type written for property `name` in an object type or interface body.
fn signature<'t>(body: Node<'t>, name: &str, src: &str) -> Option<Node<'t>> {
    let mut c = body.walk();
    let found = body.named_children(&mut c).find(|p| {
        p.type_name() == "property_signature"
            && p.field("name")
                .is_some_and(|n| text(n, src).trim_matches(['"', '\'']) == name)
    });
    found?.field("type")?.named_child(0)
}
