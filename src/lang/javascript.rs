//! JavaScript (and JSX), and TypeScript (and TSX): strings, template literals, `+`
//! concatenation. TypeScript's grammar extends JavaScript's with the same node names; the
//! type syntax (annotations, `as`, `!`, `satisfies`, generic arguments, parameter
//! wrappers) is looked through.

use crate::source::Up;
use tree_sitter::Node;

use super::{concat_operands, opaque, Field, NodeType};

use super::{
    collect_returns, escape_children, insert, text, CallView, Hole, Lang, Literal, StrExpr, Syntax,
    Unwrap, UseSite, MAX_DEPTH,
};
use crate::flexy::Member;
use crate::rules::Edit;

pub struct JavaScript {
    lang: Lang,
}

pub static JS: JavaScript = JavaScript {
    lang: Lang::JavaScript,
};
pub static TS: JavaScript = JavaScript {
    lang: Lang::TypeScript,
};
pub static TSX: JavaScript = JavaScript { lang: Lang::Tsx };

fn is_concat(n: Node, src: &str) -> bool {
    n.type_name() == "binary_expression" && n.field("operator").map(|o| text(o, src)) == Some("+")
}

impl Syntax for JavaScript {
    fn lang(&self) -> Lang {
        self.lang
    }

    fn is_string(&self, node: Node) -> bool {
        matches!(node.type_name(), "string" | "template_string")
    }

    fn string_root<'t>(&self, literal: Node<'t>, src: &str) -> Node<'t> {
        let mut n = literal;
        while let Some(p) = n.up() {
            if is_concat(p, src)
                || p.type_name() == "parenthesized_expression" && is_concat_parent(p, src)
            {
                n = p;
            } else {
                break;
            }
        }
        n
    }

    fn lower(&self, root: Node, src: &str) -> StrExpr {
        let mut out = StrExpr {
            root: root.byte_range(),
            ..Default::default()
        };
        lower_into(root, src, &mut out, 0);
        out
    }

    fn literal(&self, node: Node, src: &str) -> Option<Literal> {
        if node.type_name() != "string" && node.type_name() != "template_string" {
            return None;
        }
        let mut c = node.walk();
        if node
            .children(&mut c)
            .any(|ch| ch.type_name() == "template_substitution")
        {
            return None;
        }
        let inner = node.start_byte() + 1..node.end_byte().saturating_sub(1);
        if inner.start > inner.end {
            return None;
        }
        let mut e = StrExpr::default();
        e.push_text(src, inner.clone(), &escape_children(node));
        Some(Literal {
            value: e.text(),
            inner,
        })
    }

    fn binding_name(&self, root: Node, src: &str) -> Option<String> {
        let mut n = root;
        loop {
            let p = n.up()?;
            match p.type_name() {
                // process.env.X || "...", process.env.X ?? "..."
                "binary_expression"
                    if matches!(p.field("operator").map(|o| text(o, src)), Some("||" | "??")) =>
                {
                    n = p
                }
                "parenthesized_expression"
                | "ternary_expression"
                | "await_expression"
                // TypeScript: `"..." as const`, `"..." satisfies string`, `x!`.
                | "as_expression"
                | "satisfies_expression"
                | "non_null_expression" => n = p,
                "variable_declarator" => return self.tail_name(p.field("name")?, src),
                "assignment_expression" => return self.tail_name(p.field("left")?, src),
                "field_definition" => return self.tail_name(p.field("property")?, src),
                // TypeScript's class field: `private readonly base: string = "..."`.
                "public_field_definition" => return self.tail_name(p.field("name")?, src),
                "pair" => return self.tail_name(p.field("key")?, src),
                "assignment_pattern" => return self.tail_name(p.field("left")?, src),
                _ => return None,
            }
        }
    }

    fn tail_name(&self, expr: Node, src: &str) -> Option<String> {
        match expr.type_name() {
            "identifier"
            | "property_identifier"
            | "shorthand_property_identifier"
            | "private_property_identifier" => {
                Some(text(expr, src).trim_start_matches('#').to_string())
            }
            "member_expression" => self.tail_name(expr.field("property")?, src),
            "subscript_expression" => {
                let lit = self.literal(expr.field("index")?, src)?;
                Some(lit.value)
            }
            "string" => self.literal(expr, src).map(|l| l.value),
            "parenthesized_expression" | "await_expression" | "non_null_expression" => {
                self.tail_name(expr.named_child(0)?, src)
            }
            _ => None,
        }
    }

    fn error_code_read(&self, read: &Member, _src: &str) -> Vec<Edit> {
        vec![insert(read.read.end_byte(), "?.code")]
    }

    fn is_call(&self, node: Node) -> bool {
        matches!(node.type_name(), "call_expression" | "new_expression")
    }

    fn is_scope(&self, node: Node) -> bool {
        matches!(
            node.type_name(),
            "function_declaration"
                | "function_expression"
                | "function"
                | "arrow_function"
                | "method_definition"
                | "generator_function_declaration"
                | "class_declaration"
                | "class"
        )
    }

    fn call_view<'t>(&self, node: Node<'t>, src: &str) -> Option<CallView<'t>> {
        let (callee, args) = match node.type_name() {
            "call_expression" => (node.field("function")?, node.field("arguments")),
            "new_expression" => (node.field("constructor")?, node.field("arguments")),
            _ => return None,
        };
        // TypeScript parses `await f<T>(x)` as a call of `await f` (the grammar's
        // precedence for type arguments): the callee is under the `await`.
        let callee = match callee.type_name() {
            "await_expression" if node.field("type_arguments").is_some() => {
                callee.named_child(0)?
            }
            _ => callee,
        };
        let (name, receiver) = match callee.type_name() {
            "member_expression" => (
                text(callee.field("property")?, src).to_string(),
                callee.field("object"),
            ),
            "identifier" => (text(callee, src).to_string(), None),
            _ => (String::new(), None),
        };
        let mut out = Vec::new();
        if let Some(a) = args.filter(|a| a.type_name() == "arguments") {
            let mut c = a.walk();
            out.extend(
                a.named_children(&mut c)
                    .filter(|n| n.type_name() != "comment"),
            );
        }
        Some(CallView {
            node,
            name,
            receiver,
            args: out,
        })
    }

    fn pattern_local<'t>(&self, pattern: Node<'t>, key: &str, src: &str) -> Option<Node<'t>> {
        let mut c = pattern.walk();
        let found = pattern
            .named_children(&mut c)
            .find_map(|p| match p.type_name() {
                "shorthand_property_identifier_pattern" if text(p, src) == key => Some(p),
                "pair_pattern" => {
                    let (k, v) = (p.field("key")?, p.field("value")?);
                    (text(k, src) == key && v.type_name() == "identifier").then_some(v)
                }
                _ => None,
            });
        found
    }

    fn all_of<'t>(&self, value: Node<'t>, src: &str) -> Option<Vec<Option<Node<'t>>>> {
        let mut v = value;
        while let Some(inner) = self.look_through(v) {
            v = inner;
        }
        let call = self.call_view(v, src)?;
        if call.name != "all" || call.receiver.map(|r| text(r, src)) != Some("Promise") {
            return None;
        }
        let array = v.field("arguments")?.named_child(0)?;
        (array.type_name() == "array").then(|| positions(array, "spread_element"))?
    }

    fn sequence_targets<'t>(&self, target: Node<'t>) -> Option<Vec<Option<Node<'t>>>> {
        (target.type_name() == "array_pattern").then(|| positions(target, "rest_pattern"))?
    }

    fn data_pattern<'t>(&self, pattern: Node<'t>, src: &str) -> Option<Node<'t>> {
        let mut c = pattern.walk();
        let found = pattern.named_children(&mut c).find_map(|p| {
            let (key, value) = (p.field("key")?, p.field("value")?);
            (p.type_name() == "pair_pattern"
                && text(key, src) == "data"
                && value.type_name() == "object_pattern")
                .then_some(value)
        });
        found
    }

    fn constructor_copy(&self, root: Node, read: Node, src: &str) -> Option<String> {
        let args = read.up().filter(|p| p.type_name() == "arguments")?;
        let call = args.up().filter(|c| c.type_name() == "new_expression")?;
        let index = super::positional_index(args, read, &["spread_element"])?;
        let class = text(call.field("constructor")?, src);
        // The class's constructor stores its `index`-th parameter: a TypeScript parameter
        // property (`public readonly code: string`), or `this.code = code` in its body.
        let decl = super::find_node(root, |n| {
            matches!(n.type_name(), "class_declaration" | "class")
                && n.field("name").is_some_and(|id| text(id, src) == class)
        })?;
        let mut c = decl.walk();
        let body = decl.field("body")?;
        let ctor = body.named_children(&mut c).find(|m| {
            m.type_name() == "method_definition"
                && m.field("name")
                    .is_some_and(|id| text(id, src) == "constructor")
        })?;
        let params = ctor.field("parameters")?;
        let mut c = params.walk();
        let param = params
            .named_children(&mut c)
            .filter(|a| a.type_name() != "comment")
            .nth(index)?;
        let name = match param.type_name() {
            "required_parameter" | "optional_parameter" => {
                let pattern = param.field("pattern")?;
                let mut c = param.walk();
                let property = param
                    .children(&mut c)
                    .any(|ch| matches!(ch.type_name(), "accessibility_modifier" | "readonly"));
                if property {
                    return Some(text(pattern, src).to_string());
                }
                text(pattern, src)
            }
            "identifier" => text(param, src),
            "assignment_pattern" => text(param.field("left")?, src),
            _ => return None,
        };
        // `this.code = code;` in the constructor's body.
        let mut stack = vec![ctor.field("body")?];
        while let Some(n) = stack.pop() {
            if n.type_name() == "assignment_expression" {
                let (left, right) = (n.field("left")?, n.field("right")?);
                if text(right, src) == name && left.type_name() == "member_expression" {
                    let object = left.field("object")?;
                    if object.type_name() == "this" {
                        return Some(text(left.field("property")?, src).to_string());
                    }
                }
            }
            let mut c = n.walk();
            stack.extend(n.named_children(&mut c));
        }
        None
    }

    fn holder_entries<'t>(&self, node: Node<'t>, src: &str) -> Option<Vec<(String, Node<'t>)>> {
        match node.type_name() {
            "object" => {
                let mut c = node.walk();
                let mut out = Vec::new();
                for e in node.named_children(&mut c) {
                    match e.type_name() {
                        "pair" => {
                            let key = e.field("key")?;
                            let key = match key.type_name() {
                                "property_identifier" => text(key, src).to_string(),
                                _ => self.literal(key, src)?.value,
                            };
                            out.push((key, e.field("value")?));
                        }
                        "shorthand_property_identifier" => out.push((text(e, src).to_string(), e)),
                        _ => {}
                    }
                }
                Some(out)
            }
            "array" => Some(
                positions(node, "spread_element")?
                    .into_iter()
                    .enumerate()
                    .filter_map(|(i, e)| Some((format!("#{i}"), e?)))
                    .collect(),
            ),
            _ => None,
        }
    }

    fn entry_container<'t>(&self, node: Node<'t>) -> Option<Node<'t>> {
        let p = node.up()?;
        match p.type_name() {
            "pair" if p.field("value") == Some(node) => p.up(),
            "object" | "array" => Some(p),
            _ => None,
        }
    }

    fn promise_resolved<'t>(&self, value: Node<'t>, src: &str) -> Vec<Node<'t>> {
        let mut v = value;
        while let Some(inner) = self.look_through(v) {
            v = inner;
        }
        let executor = (v.type_name() == "new_expression")
            .then(|| v.field("constructor"))
            .flatten()
            .filter(|c| text(*c, src) == "Promise")
            .and_then(|_| v.field("arguments")?.named_child(0))
            .filter(|f| self.is_function(*f));
        let Some(resolve) = executor.and_then(|f| self.first_param(f)) else {
            return Vec::new();
        };
        let name = text(resolve, src);
        let mut out = Vec::new();
        let mut stack = vec![executor.unwrap()];
        while let Some(n) = stack.pop() {
            if n.type_name() == "call_expression"
                && n.field("function").is_some_and(|f| text(f, src) == name)
            {
                if let Some(arg) = n.field("arguments").and_then(|a| a.named_child(0)) {
                    out.push(arg);
                }
            }
            let mut c = n.walk();
            stack.extend(n.named_children(&mut c));
        }
        out
    }

    fn pattern_entries(&self, pattern: Node, src: &str) -> Option<Vec<super::PatternEntry>> {
        if pattern.type_name() != "object_pattern" {
            return None;
        }
        let mut c = pattern.walk();
        let mut out = Vec::new();
        for p in pattern.named_children(&mut c) {
            let (key, local, defaulted) = match p.type_name() {
                "shorthand_property_identifier_pattern" => (text(p, src), p, false),
                "pair_pattern" => {
                    let key = p.field("key")?;
                    if key.type_name() != "property_identifier" {
                        return None;
                    }
                    (text(key, src), p.field("value")?, false)
                }
                "object_assignment_pattern" => {
                    let left = p.field("left")?;
                    if left.type_name() != "shorthand_property_identifier_pattern" {
                        return None;
                    }
                    (text(left, src), left, true)
                }
                "comment" => continue,
                _ => return None,
            };
            out.push(super::PatternEntry {
                range: p.byte_range(),
                key: key.to_string(),
                local_range: local.byte_range(),
                defaulted,
            });
        }
        Some(out)
    }

    fn pattern_entry(&self, key: &str, local: &str) -> String {
        if key == local {
            key.to_string()
        } else {
            format!("{key}: {local}")
        }
    }

    fn pattern_of(&self, _like: Node, entries: &str, _src: &str) -> String {
        format!("{{ {entries} }}")
    }

    fn thrown_class(&self, node: Node, src: &str) -> Option<String> {
        if node.type_name() != "throw_statement" {
            return None;
        }
        let new = node
            .named_child(0)
            .filter(|n| n.type_name() == "new_expression")?;
        let class = new.field("constructor")?;
        (class.type_name() == "identifier").then(|| text(class, src).to_string())
    }

    fn caught_classes(&self, node: Node, src: &str) -> Vec<String> {
        let mut out = Vec::new();
        let (mut inner, mut n) = (node, node.up());
        while let Some(x) = n.filter(|x| !self.is_function(*x)) {
            if x.type_name() == "try_statement" && x.field("body") == Some(inner) {
                if let Some(handler) = x.field("handler") {
                    let mut stack = vec![handler];
                    while let Some(m) = stack.pop() {
                        if m.type_name() == "binary_expression"
                            && m.field("operator").map(|o| text(o, src)) == Some("instanceof")
                        {
                            if let Some(r) =
                                m.field("right").filter(|r| r.type_name() == "identifier")
                            {
                                out.push(text(r, src).to_string());
                            }
                        }
                        if !self.is_function(m) {
                            let mut c = m.walk();
                            stack.extend(m.named_children(&mut c));
                        }
                    }
                }
            }
            inner = x;
            n = x.up();
        }
        out
    }

    fn message_first(&self, root: Node, name: &str, src: &str) -> Option<bool> {
        let decl = super::find_node(root, |n| {
            matches!(n.type_name(), "class_declaration" | "class")
                && n.field("name").is_some_and(|id| text(id, src) == name)
        })?;
        let mut c = decl.walk();
        if !decl
            .children(&mut c)
            .any(|ch| ch.type_name() == "class_heritage")
        {
            return None;
        }
        let body = decl.field("body")?;
        let mut c = body.walk();
        let ctor = body.named_children(&mut c).find(|m| {
            m.type_name() == "method_definition"
                && m.field("name")
                    .is_some_and(|id| text(id, src) == "constructor")
        });
        let Some(ctor) = ctor else {
            return Some(true);
        };
        // `constructor(message, code)` with `super(message)`: missing arguments are
        // `undefined` in JavaScript, so only the first one counts.
        let first = ctor.field("parameters").and_then(|p| {
            let mut c = p.walk();
            let first = p
                .named_children(&mut c)
                .find(|a| a.type_name() != "comment");
            first
        });
        let param = match first {
            Some(p) if p.type_name() == "identifier" => p,
            Some(p) if p.type_name() == "required_parameter" => p
                .field("pattern")
                .filter(|x| x.type_name() == "identifier")?,
            _ => return Some(false),
        };
        let param = text(param, src);
        let sup = super::find_node(ctor, |n| {
            n.type_name() == "call_expression"
                && n.field("function")
                    .is_some_and(|f| f.type_name() == "super")
        });
        let passes = sup
            .and_then(|call| call.field("arguments"))
            .and_then(|args| {
                let mut c = args.walk();
                let first = args
                    .named_children(&mut c)
                    .find(|a| a.type_name() != "comment");
                first
            })
            .is_some_and(|a| text(a, src) == param);
        Some(passes)
    }

    fn look_through<'t>(&self, node: Node<'t>) -> Option<Node<'t>> {
        match node.type_name() {
            "await_expression"
            | "parenthesized_expression"
            | "non_null_expression"
            | "as_expression"
            | "satisfies_expression" => node.named_child(0),
            // `(await res.json()) || {}`: the body, or nothing to read.
            "binary_expression"
                if node
                    .field("operator")
                    .is_some_and(|o| matches!(o.type_name(), "||" | "??"))
                    && node.field("right").is_some_and(|r| {
                        r.type_name() == "object" && r.named_child_count() == 0
                    }) =>
            {
                node.field("left")
            }
            // `<T>value`: the type comes first.
            "type_assertion" => {
                node.named_child(u32::try_from(node.named_child_count().checked_sub(1)?).ok()?)
            }
            _ => None,
        }
    }

    fn name_key(&self, node: Node, src: &str) -> Option<String> {
        match node.type_name() {
            "identifier" | "shorthand_property_identifier_pattern" => {
                Some(text(node, src).to_string())
            }
            "member_expression" => {
                let object = node.field("object")?;
                let property = node.field("property")?;
                (object.type_name() == "this").then(|| format!("this.{}", text(property, src)))
            }
            _ => None,
        }
    }

    fn transparent<'t>(&self, node: Node<'t>) -> Option<Node<'t>> {
        match node.type_name() {
            "parenthesized_expression"
            | "as_expression"
            | "satisfies_expression"
            | "non_null_expression" => node.named_child(0),
            // `<T>x`: the type comes first.
            "type_assertion" => {
                let last = node.named_child_count().checked_sub(1)?;
                node.named_child(u32::try_from(last).ok()?)
            }
            _ => None,
        }
    }

    fn is_await(&self, node: Node) -> bool {
        node.type_name() == "await_expression"
    }

    fn is_statement(&self, node: Node) -> bool {
        node.type_name().ends_with("statement") || node.type_name() == "variable_declarator"
    }

    fn assigns_outer(&self, target: Node) -> bool {
        target.type_name() == "identifier"
            && target.up().is_some_and(|p| {
                matches!(
                    p.type_name(),
                    "assignment_expression" | "augmented_assignment_expression"
                ) && p.field("left") == Some(target)
            })
    }

    fn binding<'t>(&self, node: Node<'t>, _src: &str) -> Option<(Node<'t>, Node<'t>)> {
        match node.type_name() {
            "variable_declarator" => Some((node.field("name")?, node.field("value")?)),
            "assignment_expression" | "augmented_assignment_expression" => {
                Some((node.field("left")?, node.field("right")?))
            }
            _ => None,
        }
    }

    fn declaration<'t>(&self, node: Node<'t>, src: &str) -> Option<(String, Node<'t>)> {
        let p = match node.type_name() {
            "field_definition" => node.field("property")?,
            "public_field_definition" => node.field("name")?,
            _ => return None,
        };
        let name = text(p, src).trim_start_matches('#');
        Some((format!("this.{name}"), node.field("value")?))
    }

    fn loop_variable<'t>(&self, node: Node<'t>) -> Option<Node<'t>> {
        (node.type_name() == "for_in_statement")
            .then(|| node.field("left"))
            .flatten()
    }

    fn handler<'t>(&self, node: Node<'t>) -> Option<(Node<'t>, Node<'t>)> {
        if node.type_name() != "catch_clause" {
            return None;
        }
        let name = node.field("parameter")?;
        let body = node.up()?.field("body")?;
        Some((name, body))
    }

    fn is_function(&self, node: Node) -> bool {
        matches!(
            node.type_name(),
            "function_declaration"
                | "function_expression"
                | "function"
                | "arrow_function"
                | "method_definition"
                | "generator_function_declaration"
        )
    }

    fn function_name(&self, f: Node, src: &str) -> Option<String> {
        if let Some(n) = f.field("name") {
            return Some(text(n, src).trim_start_matches('#').to_string());
        }
        // const request = async (path) => ...; obj = { request: function () {} }
        let p = f.up()?;
        match p.type_name() {
            "variable_declarator" => Some(text(p.field("name")?, src).to_string()),
            "pair" => self.tail_name(p.field("key")?, src),
            "assignment_expression" => self.tail_name(p.field("left")?, src),
            _ => None,
        }
    }

    fn is_async(&self, f: Node, _src: &str) -> bool {
        // The `async` keyword among the function's own tokens (after `static`, `private`...).
        let mut c = f.walk();
        let is = f.children(&mut c).any(|ch| ch.type_name() == "async");
        is
    }

    fn first_param<'t>(&self, f: Node<'t>) -> Option<Node<'t>> {
        if let Some(p) = f.field("parameter") {
            return Some(p);
        }
        let ps = f.field("parameters")?;
        let first = ps.named_child(0)?;
        match first.type_name() {
            "assignment_pattern" => first.field("left"),
            // TypeScript: `(res: Response = x)`, `(res?: Response)`.
            "required_parameter" | "optional_parameter" => {
                let p = first.field("pattern")?;
                match p.type_name() {
                    "assignment_pattern" => p.field("left"),
                    _ => Some(p),
                }
            }
            _ => Some(first),
        }
    }

    fn returns<'t>(&self, f: Node<'t>) -> Vec<(Node<'t>, Node<'t>)> {
        let Some(body) = f.field("body") else {
            return Vec::new();
        };
        if body.type_name() != "statement_block" {
            return vec![(body, body)];
        }
        let mut out = Vec::new();
        collect_returns(self, body, &mut out);
        out
    }

    fn is_json_parse(&self, call: &CallView, src: &str) -> bool {
        call.name == "parse" && call.receiver.is_some_and(|r| text(r, src) == "JSON")
    }

    fn slot(&self, stmt: Node, _src: &str) -> super::Slot {
        // A `case` body is a list, but a `const` there is scoped to the whole `switch`: the
        // statements get a block of their own, as in any other single-statement body.
        match stmt.up().map(|p| p.type_name()) {
            Some("statement_block" | "program" | "class_static_block") => super::Slot::List,
            _ => super::Slot::Lone,
        }
    }

    fn unwrap_return(&self, u: &Unwrap) -> String {
        let (i, un) = (u.indent, u.unit);
        let ts = self.lang.is_typescript();
        if let Some(r) = u.name {
            let check = if u.raise {
                raise_js(r, u, i, un, ts) + i
            } else {
                String::new()
            };
            return format!("{check}return {r}.data;");
        }
        if u.is_async && !u.expression_body {
            let v = u.var;
            let check = if u.raise {
                raise_js(v, u, i, un, ts) + i
            } else {
                String::new()
            };
            return format!("const {v} = await {};\n{i}{check}return {v}.data;", u.value);
        }
        // A promise: one more `.then` that checks and unwraps.
        let v = u.var;
        let inner = format!("{i}{un}");
        let check = if u.raise {
            inner.clone() + &raise_js(v, u, &inner, un, ts)
        } else {
            String::new()
        };
        // TypeScript: the parameter is the parsed JSON, `any` (strict mode asks for a type).
        let param = if ts {
            format!("{v}: any")
        } else {
            v.to_string()
        };
        let chained = format!(
            "{}.then(({param}) => {{\n{check}{inner}return {v}.data;\n{i}}})",
            u.value
        );
        if u.expression_body {
            chained
        } else {
            format!("return {chained};")
        }
    }

    fn response_field(&self, name: &str) -> Option<bool> {
        match name {
            "data" => Some(true),
            "response" | "body" => Some(false),
            _ => None,
        }
    }

    fn membership_key(&self, node: Node, src: &str) -> Option<String> {
        let p = node.up()?;
        if p.type_name() != "binary_expression"
            || p.field("right") != Some(node)
            || p.field("operator").map(|o| text(o, src)) != Some("in")
        {
            return None;
        }
        let key = p.field("left")?;
        (key.type_name() == "string").then(|| text(key, src).trim_matches(['"', '\'']).to_string())
    }

    fn use_site<'t>(&self, node: Node<'t>, src: &str) -> UseSite<'t> {
        let Some(p) = node.up() else {
            return UseSite::Other;
        };
        let is = |field: &str| p.field(field) == Some(node);
        match p.type_name() {
            "if_statement" | "while_statement" | "do_statement" | "for_statement"
                if is("condition") =>
            {
                UseSite::Test
            }
            "ternary_expression" if is("condition") => UseSite::Test,
            "unary_expression"
                if matches!(p.field("operator").map(|o| text(o, src)), Some("!")) =>
            {
                UseSite::Test
            }
            "binary_expression"
                if matches!(p.field("operator").map(|o| text(o, src)), Some("&&" | "||"))
                    && (is("left") || test_context(self, p, src)) =>
            {
                UseSite::Test
            }
            // `"error" in data`
            "binary_expression"
                if is("right") && p.field("operator").map(|o| text(o, src)) == Some("in") =>
            {
                UseSite::Test
            }
            "for_in_statement" if is("right") => UseSite::Iterate,
            "subscript_expression" if is("object") => match p.field("index") {
                Some(i) if i.type_name() != "string" => UseSite::Index(p),
                _ => UseSite::Other,
            },
            "return_statement" => UseSite::Return,
            "yield_expression" => UseSite::Yield,
            "arrow_function" if is("body") => UseSite::Return,
            "variable_declarator" if is("value") => match p.field("name") {
                Some(t) if t.type_name() == "object_pattern" => UseSite::Destructure(t),
                Some(t) => UseSite::Bound(t),
                None => UseSite::Other,
            },
            "assignment_expression" if is("right") => match p.field("left") {
                Some(t) if t.type_name() == "object_pattern" => UseSite::Destructure(t),
                Some(t) => UseSite::Bound(t),
                None => UseSite::Other,
            },
            "arguments" => {
                let call = p.up().and_then(|c| self.call_view(c, src));
                match call
                    .as_ref()
                    .map(|c| (c.name.as_str(), c.receiver.map(|r| text(r, src))))
                {
                    Some(("Boolean", None)) => UseSite::Test,
                    Some(("isArray", Some("Array"))) => UseSite::Count,
                    Some(("from", Some("Array"))) => UseSite::Iterate,
                    _ => UseSite::Other,
                }
            }
            "spread_element" => UseSite::Iterate,
            _ => UseSite::Other,
        }
    }

    fn path_suffix(
        &self,
        path: &[&str],
        like: Option<&Member>,
        _at: Node,
        _objects: bool,
        src: &str,
    ) -> String {
        let optional = like.is_some_and(|m| {
            let mut c = m.read.walk();
            let found = m
                .read
                .children(&mut c)
                .any(|ch| ch.type_name() == "optional_chain");
            found && text(m.read, src).contains("?.")
        });
        let sep = if optional { "?." } else { "." };
        path.iter().map(|f| format!("{sep}{f}")).collect()
    }
}

fn raise_js(r: &str, w: &Unwrap, i: &str, u: &str, ts: bool) -> String {
    let (e, class) = (w.error_var, w.class.unwrap_or("Error"));
    if ts {
        // An `Error` has no `code`: TypeScript gets the fields in one typed object.
        return format!(
            "if (!{r}.success) {{\n{i}{u}throw Object.assign(new {class}({r}.error.message), {{\n\
             {i}{u}{u}code: {r}.error.code,\n{i}{u}{u}details: {r}.error.details,\n\
             {i}{u}{u}requestId: {r}.requestId,\n{i}{u}}});\n{i}}}\n"
        );
    }
    format!(
        "if (!{r}.success) {{\n{i}{u}const {e} = new {class}({r}.error.message);\n\
         {i}{u}{e}.code = {r}.error.code;\n{i}{u}{e}.details = {r}.error.details;\n\
         {i}{u}{e}.requestId = {r}.requestId;\n{i}{u}throw {e};\n{i}}}\n"
    )
}

fn is_concat_parent(p: Node, src: &str) -> bool {
    p.up().is_some_and(|g| is_concat(g, src))
}

fn lower_into(n: Node, src: &str, out: &mut StrExpr, depth: usize) {
    // Deep concatenations (minified bundles) become one hole rather than a deep recursion.
    if depth > MAX_DEPTH {
        return out.push_hole(opaque(n));
    }
    match n.type_name() {
        "string" => {
            let inner = n.start_byte() + 1..n.end_byte().saturating_sub(1).max(n.start_byte() + 1);
            out.push_text(src, inner, &escape_children(n));
        }
        "template_string" => {
            let mut c = n.walk();
            let children: Vec<Node> = n.children(&mut c).collect();
            // Text between the backticks and substitutions; fragments are not always
            // separate nodes (an empty template has none), so walk by byte offsets.
            let mut pos = n.start_byte() + 1;
            let end = n.end_byte().saturating_sub(1).max(pos);
            let escapes = escape_children(n);
            for ch in children
                .iter()
                .filter(|ch| ch.type_name() == "template_substitution")
            {
                out.push_text(src, pos..ch.start_byte(), &escapes);
                out.push_hole(Hole {
                    span: ch.byte_range(),
                    expr: ch.named_child(0).map(|e| e.byte_range()),
                    inside_string: true,
                });
                pos = ch.end_byte();
            }
            out.push_text(src, pos..end, &escapes);
        }
        "binary_expression" if is_concat(n, src) => {
            // Left-nested chains (`a + b + c ...`) are walked in a loop, not recursively.
            for o in concat_operands(n, |c| is_concat(c, src)) {
                lower_into(o, src, out, depth + 1);
            }
        }
        "parenthesized_expression"
            if n.named_child_count() == 1 && is_concat(n.named_child(0).unwrap(), src) =>
        {
            lower_into(n.named_child(0).unwrap(), src, out, depth + 1)
        }
        _ => out.push_hole(opaque(n)),
    }
}

/// A `&&`/`||` expression whose value is itself tested (`if (a && b)`).
fn test_context(syntax: &JavaScript, n: Node, src: &str) -> bool {
    matches!(syntax.use_site(n, src), UseSite::Test)
}
/// The elements of an array or array pattern by position, `None` at a hole (`[, b]`,
/// `[a, , b]`); `None` overall when one is a spread or rest (`variadic`), whose positions
/// are unknown.
fn positions<'t>(list: Node<'t>, variadic: &str) -> Option<Vec<Option<Node<'t>>>> {
    let mut out = Vec::new();
    // Whether an element is due: after `[` or `,`, a `,` marks a hole.
    let mut due = true;
    let mut c = list.walk();
    for ch in list.children(&mut c) {
        match ch.type_name() {
            "[" => due = true,
            "," => {
                if due {
                    out.push(None);
                }
                due = true;
            }
            t if t == variadic => return None,
            _ if ch.is_named() && ch.type_name() != "comment" => {
                out.push(Some(ch));
                due = false;
            }
            _ => {}
        }
    }
    Some(out)
}
