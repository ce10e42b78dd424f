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
    // `const { data: { balance } } = await api.get<T>(url)`: the request itself.
    if body.type_name() != "identifier" {
        return value_type(syntax, root_of(body), body, true, src);
    }
    let name = text(body, src);
    let Some(decl) = binding_of(syntax, body, name, src) else {
        // `.then((data: Balance) => ...)`: a parameter's annotation.
        return parameter_type(syntax, body, name, src);
    };
    if let Some(t) = decl.field("type") {
        return t.named_child(0);
    }
    // `const { data } = await http.get(url)`: a function's declared type is the whole
    // response's, not the entry's; a request's type argument (`axios.get<T>`) is the body's.
    let direct = decl
        .field("name")
        .is_some_and(|n| n.type_name() == "identifier");
    value_type(syntax, root_of(body), decl.field("value")?, direct, src)
}

fn root_of(n: Node) -> Node {
    let mut n = n;
    while let Some(p) = n.up() {
        n = p;
    }
    n
}

/// The type a value is given where it is made: a cast, the type argument of the request
/// (`axios.get<T>(url)`), or the cast of what a `.then` callback returns (`.then((r) =>
/// r.json() as Promise<T>)`).
fn value_type<'t>(
    syntax: &JavaScript,
    root: Node<'t>,
    mut value: Node<'t>,
    direct: bool,
    src: &str,
) -> Option<Node<'t>> {
    loop {
        if let Some(t) = cast_type(value) {
            return Some(t);
        }
        match value.type_name() {
            "await_expression" | "parenthesized_expression" => value = value.named_child(0)?,
            "call_expression" => {
                // `axios.get<T>(url)`, and `await f<T>(x)` as the grammar reads it.
                if let Some(t) = value.field("type_arguments") {
                    return t.named_child(0);
                }
                // `await send(...)` of a function of the file declared `Promise<T>`.
                // `await send(...)`, `await api.sendTopup(...)` of a function or method of
                // the file declared `Promise<T>`.
                let callee =
                    value
                        .field("function")
                        .filter(|_| direct)
                        .and_then(|f| match f.type_name() {
                            "identifier" => Some(f),
                            "member_expression" => f.field("property"),
                            _ => None,
                        });
                if let Some(t) = callee.and_then(|f| returned_type(syntax, root, text(f, src), src))
                {
                    return Some(t);
                }
                return then_type(value, src);
            }
            _ => return None,
        }
    }
}

/// `p.then((r) => r.json() as Promise<T>)`: `T`.
fn then_type<'t>(call: Node<'t>, src: &str) -> Option<Node<'t>> {
    let callee = call.field("function")?;
    let property = callee.field("property")?;
    if text(property, src) != "then" {
        return None;
    }
    let callback = call.field("arguments")?.named_child(0)?;
    if callback.type_name() != "arrow_function" {
        return None;
    }
    let t = cast_type(callback.field("body")?)?;
    // `Promise<T>`: its argument.
    if t.type_name() == "generic_type" {
        return t.field("type_arguments")?.named_child(0);
    }
    Some(t)
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

/// The annotated type of the parameter `name` of the innermost function around `at` that
/// has one of that name.
fn parameter_type<'t>(
    syntax: &JavaScript,
    at: Node<'t>,
    name: &str,
    src: &str,
) -> Option<Node<'t>> {
    let mut n = at.up();
    while let Some(f) = n {
        if syntax.is_function(f) {
            let params = f.field("parameters");
            let mut c = params.map(|p| p.walk());
            let found = params.zip(c.as_mut()).and_then(|(p, c)| {
                p.named_children(c).find(|p| {
                    p.field("pattern").is_some_and(|pat| {
                        pat.type_name() == "identifier" && text(pat, src) == name
                    })
                })
            });
            // `(data) => ...` without a type: the name is the parameter's, untyped.
            if let Some(p) = found {
                return p.field("type")?.named_child(0);
            }
            // An arrow function's single parameter written bare (`data => ...`).
            if f.field("parameter").is_some_and(|p| text(p, src) == name) {
                return None;
            }
        }
        n = f.up();
    }
    None
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
    declaration_of(
        root,
        name,
        &["interface_declaration", "type_alias_declaration"],
        src,
    )
}

/// The declaration of one of `kinds` named `name` in the file: its name node.
pub(super) fn declaration_of<'t>(
    root: Node<'t>,
    name: &str,
    kinds: &[&str],
    src: &str,
) -> Option<Node<'t>> {
    let mut stack = vec![root];
    while let Some(n) = stack.pop() {
        if kinds.contains(&n.type_name()) {
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

/// The function of the file named `name` (a declaration, or a function bound to a `const`):
/// the type it is declared to return, `T` of `Promise<T>`.
fn returned_type<'t>(
    syntax: &JavaScript,
    root: Node<'t>,
    name: &str,
    src: &str,
) -> Option<Node<'t>> {
    let mut stack = vec![root];
    while let Some(n) = stack.pop() {
        let function = match n.type_name() {
            "function_declaration" | "method_definition"
                if n.field("name").is_some_and(|id| text(id, src) == name) =>
            {
                Some(n)
            }
            "variable_declarator" if n.field("name").is_some_and(|id| text(id, src) == name) => {
                n.field("value").filter(|v| syntax.is_function(*v))
            }
            _ => None,
        };
        if let Some(f) = function {
            return declared_return(f, src);
        }
        let mut c = n.walk();
        stack.extend(n.named_children(&mut c));
    }
    None
}

/// `T` of `Promise<T>`, else the type itself.
fn promised<'t>(t: Node<'t>, src: &str) -> Node<'t> {
    if t.type_name() == "generic_type" && t.field("name").is_some_and(|n| text(n, src) == "Promise")
    {
        if let Some(arg) = t.field("type_arguments").and_then(|a| a.named_child(0)) {
            return arg;
        }
    }
    t
}

/// When `ty` is (inside) a function's return type: the casts of its returned values that
/// say the same type (`return (await r.json()) as T` in `async (): Promise<T> => ...`).
pub(super) fn type_companions<'t>(syntax: &JavaScript, ty: Node<'t>, src: &str) -> Vec<Node<'t>> {
    // `return this.get<T>(path)` in `topups(): Promise<T>`: the function's return type.
    if let Some(call) = ty
        .up()
        .filter(|a| a.type_name() == "type_arguments")
        .and_then(|a| a.up())
        .filter(|c| c.type_name() == "call_expression")
    {
        let mut n = call;
        while let Some(p) = n.up() {
            if matches!(
                p.type_name(),
                "await_expression" | "parenthesized_expression"
            ) {
                n = p;
                continue;
            }
            break;
        }
        let returned = n.up().filter(|r| r.type_name() == "return_statement");
        let function = returned.and_then(|r| {
            let mut f = r.up();
            while let Some(x) = f {
                if syntax.is_function(x) {
                    return Some(x);
                }
                f = x.up();
            }
            None
        });
        return function
            .and_then(|f| declared_return(f, src))
            .filter(|t| text(*t, src) == text(ty, src))
            .into_iter()
            .collect();
    }
    let mut n = ty;
    let function = loop {
        let Some(p) = n.up() else { return Vec::new() };
        if p.type_name() == "type_annotation" {
            match p.up() {
                Some(f) if syntax.is_function(f) && f.field("return_type") == Some(p) => break f,
                _ => return Vec::new(),
            }
        }
        n = p;
    };
    let same = text(ty, src);
    // `return (await r.json()) as T`, `return this.request<T>(path)`.
    syntax
        .returns(function)
        .into_iter()
        .filter_map(|(_, v)| {
            let mut v = v;
            while matches!(
                v.type_name(),
                "await_expression" | "parenthesized_expression"
            ) {
                v = v.named_child(0)?;
            }
            cast_type(v)
                .map(|t| promised(t, src))
                .or_else(|| call_type_argument(v))
        })
        .filter(|t| text(*t, src) == same)
        .collect()
}

/// The type a function is declared to return: `T` of `Promise<T>`, or the annotation.
pub(super) fn declared_return<'t>(function: Node<'t>, src: &str) -> Option<Node<'t>> {
    let t = function.field("return_type")?.named_child(0)?;
    Some(promised(t, src))
}

/// The type argument of a call (`this.get<T>(path)`).
pub(super) fn call_type_argument(call: Node) -> Option<Node> {
    (call.type_name() == "call_expression")
        .then(|| call.field("type_arguments")?.named_child(0))
        .flatten()
}

/// The string literal a named constant of the file holds: `E.M` of an `enum E` or of a
/// `const E = { M: "..." }`, or a `const NAME = "..."`.
pub(super) fn constant_string<'t>(root: Node<'t>, expr: Node<'t>, src: &str) -> Option<Node<'t>> {
    let (owner, member) = match expr.type_name() {
        "identifier" => (None, text(expr, src)),
        "member_expression" => {
            let object = expr
                .field("object")
                .filter(|o| o.type_name() == "identifier")?;
            (Some(text(object, src)), text(expr.field("property")?, src))
        }
        _ => return None,
    };
    let string = |v: Node<'t>| (v.type_name() == "string").then_some(v);
    let mut stack = vec![root];
    while let Some(n) = stack.pop() {
        match (n.type_name(), owner) {
            ("enum_declaration", Some(owner))
                if n.field("name").is_some_and(|id| text(id, src) == owner) =>
            {
                let body = n.field("body")?;
                let mut c = body.walk();
                let found = body.named_children(&mut c).find_map(|m| {
                    (m.type_name() == "enum_assignment"
                        && m.field("name").is_some_and(|id| text(id, src) == member))
                    .then(|| m.field("value").and_then(string))
                    .flatten()
                });
                return found;
            }
            ("lexical_declaration", _) if text(n, src).starts_with("const") => {
                let mut c = n.walk();
                for d in n
                    .named_children(&mut c)
                    .filter(|d| d.type_name() == "variable_declarator")
                {
                    let Some(name) = d.field("name").filter(|x| x.type_name() == "identifier")
                    else {
                        continue;
                    };
                    let mut value = d.field("value");
                    // `Object.freeze({...})`, `{...} as const`.
                    while let Some(v) = value {
                        match v.type_name() {
                            "as_expression" | "parenthesized_expression" => {
                                value = v.named_child(0)
                            }
                            "call_expression" => {
                                value = v.field("arguments").and_then(|a| a.named_child(0))
                            }
                            _ => break,
                        }
                    }
                    let Some(value) = value else { continue };
                    match owner {
                        None if text(name, src) == member => return string(value),
                        Some(owner)
                            if text(name, src) == owner && value.type_name() == "object" =>
                        {
                            let mut c = value.walk();
                            let found = value.named_children(&mut c).find_map(|p| {
                                (p.type_name() == "pair"
                                    && p.field("key").is_some_and(|k| {
                                        text(k, src).trim_matches(['"', '\'']) == member
                                    }))
                                .then(|| p.field("value").and_then(string))
                                .flatten()
                            });
                            if found.is_some() {
                                return found;
                            }
                        }
                        _ => {}
                    }
                }
                continue;
            }
            _ => {}
        }
        let mut c = n.walk();
        stack.extend(n.named_children(&mut c));
    }
    None
}

/// [`crate::lang::Semantics::success_members`] in TypeScript.
pub(super) fn success_members(root: Node, ty: Node, src: &str) -> Option<String> {
    let mut members = Vec::new();
    union_members(root, ty, src, &mut members, 0);
    if members.len() < 2 {
        return None;
    }
    let kept: Vec<&str> = members
        .iter()
        .filter(|m| !is_error_body(root, **m, src))
        .map(|m| text(*m, src))
        .collect();
    (!kept.is_empty() && kept.len() < members.len()).then(|| kept.join(" | "))
}

/// The members of a union type, through `type` aliases of the file (a type that is no
/// union is its own one member).
fn union_members<'t>(root: Node<'t>, ty: Node<'t>, src: &str, out: &mut Vec<Node<'t>>, depth: u8) {
    let ty = match ty.type_name() {
        "parenthesized_type" => match ty.named_child(0) {
            Some(inner) => inner,
            None => return,
        },
        _ => ty,
    };
    if ty.type_name() == "union_type" {
        let mut c = ty.walk();
        for m in ty.named_children(&mut c) {
            union_members(root, m, src, out, depth);
        }
        return;
    }
    if depth < 4 && ty.type_name() == "type_identifier" {
        let alias = declaration(root, text(ty, src), src)
            .and_then(|id| id.up())
            .filter(|d| d.type_name() == "type_alias_declaration")
            .and_then(|d| d.field("value"));
        if let Some(value) = alias.filter(|v| v.type_name() == "union_type") {
            union_members(root, value, src, out, depth + 1);
            return;
        }
    }
    out.push(ty);
}

/// Does the type describe a v2 error body: an object type, or an interface or `type` of the
/// file, with an `error` property?
fn is_error_body(root: Node, ty: Node, src: &str) -> bool {
    let body = match ty.type_name() {
        "object_type" => Some(ty),
        "type_identifier" => declaration(root, text(ty, src), src)
            .and_then(|id| id.up())
            .and_then(|d| d.field("body").or_else(|| d.field("value")))
            .filter(|b| matches!(b.type_name(), "interface_body" | "object_type")),
        _ => None,
    };
    let Some(body) = body else { return false };
    let mut c = body.walk();
    let has = body.named_children(&mut c).any(|p| {
        p.type_name() == "property_signature"
            && p.field("name")
                .is_some_and(|n| text(n, src).trim_matches(['"', '\'']) == "error")
    });
    has
}
