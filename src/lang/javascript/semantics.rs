//! What JavaScript and TypeScript code means: calls, bindings, functions, uses, error classes, patterns.

use std::ops::Range;

use super::JavaScript;
use crate::lang::{callee_tail, BodyType, CaseAlternative, TextUse};

use crate::lang::module::ModuleFacts;
use crate::lang::query::Captures;
use crate::lang::{collect_returns, text, CallView, Lang, UseSite};
use crate::lang::{Field, NodeType};
use crate::lang::{Lowering, Semantics};
use crate::tree::Up;
use tree_sitter::Node;

impl Semantics for JavaScript {
    fn is_statement_list(&self, node: Node) -> bool {
        matches!(node.type_name(), "statement_block" | "program" | "module")
    }

    fn text_use(&self, node: Node, src: &str) -> Option<TextUse> {
        let p = node.up()?;
        match p.type_name() {
            "template_substitution" => Some(TextUse::Shown),
            "binary_expression" => {
                matches!(p.field("operator").map(|o| text(o, src)), Some("+" | "."))
                    .then_some(TextUse::Shown)
            }
            "arguments" => Some(TextUse::Argument(callee_tail(Some(p), src))),
            _ => None,
        }
    }

    fn case_alternative<'t>(&self, literal: Node<'t>) -> Option<CaseAlternative<'t>> {
        let case = literal.up()?;
        (case.type_name() == "switch_case" && case.named_child_count() == 1)
            .then(|| CaseAlternative::fallthrough(case, |n| n.field("value")))
    }

    fn body_type<'t>(&self, root: Node<'t>, body: Node<'t>, src: &str) -> Option<BodyType<'t>> {
        super::types::body_type(self, root, body, src)
    }

    fn type_companions<'t>(&self, ty: Node<'t>, src: &str) -> Vec<Node<'t>> {
        super::types::type_companions(self, ty, src)
    }

    fn declared_return<'t>(&self, function: Node<'t>, src: &str) -> Option<Node<'t>> {
        super::types::declared_return(function, src)
    }

    fn member_type<'t>(
        &self,
        root: Node<'t>,
        expr: Node<'t>,
        field: Option<&str>,
        src: &str,
    ) -> Option<Node<'t>> {
        super::member_types::member_type(root, expr, field, src)
    }

    fn success_members(&self, root: Node, ty: Node, src: &str) -> Option<String> {
        super::types::success_members(root, ty, src)
    }

    fn call_type_argument<'t>(&self, call: Node<'t>) -> Option<Node<'t>> {
        super::types::call_type_argument(call)
    }

    fn constant_string<'t>(&self, root: Node<'t>, expr: Node<'t>, src: &str) -> Option<Node<'t>> {
        super::types::constant_string(root, expr, src)
    }

    fn lang(&self) -> Lang {
        self.lang
    }

    fn module_facts(&self, matches: &[Captures], src: &str) -> ModuleFacts {
        super::modules::module_facts(self, matches, src)
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
            // A private method (`this.#request()`) is named without its `#`, as where it
            // is declared.
            "member_expression" => (
                text(callee.field("property")?, src)
                    .trim_start_matches('#')
                    .to_string(),
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
        super::classes::constructor_copy(root, read, src)
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

    fn pattern_entries(&self, pattern: Node, src: &str) -> Option<Vec<crate::lang::PatternEntry>> {
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
            out.push(crate::lang::PatternEntry {
                range: p.byte_range(),
                key: key.to_string(),
                local_range: local.byte_range(),
                defaulted,
            });
        }
        Some(out)
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
        super::classes::message_first(root, name, src)
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

    fn success_test(&self, node: Node, src: &str) -> Option<(Range<usize>, String)> {
        self.membership_key(node, src)?;
        let test = node.up()?;
        let subject = text(node, src);
        let flag = match node.type_name() {
            "identifier" | "member_expression" | "subscript_expression" | "this" => {
                format!("!{subject}.success")
            }
            _ => format!("!({subject}).success"),
        };
        Some((test.byte_range(), flag))
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
            "expression_statement" => UseSite::Discarded,
            _ => UseSite::Other,
        }
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
