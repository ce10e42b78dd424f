//! What PHP code means: calls, bindings, functions, uses, error classes, patterns.

use super::short_name;
use super::Php;
use crate::lang::module::ModuleFacts;
use crate::lang::query::Captures;
use crate::lang::{callee_tail, CaseAlternative, TextUse};
use crate::lang::{collect_returns, text, CallView, Lang, UseSite};
use crate::lang::{Field, NodeType};
use crate::lang::{Lowering, Semantics};
use crate::tree::Up;
use tree_sitter::Node;

impl Semantics for Php {
    fn is_statement_list(&self, node: Node) -> bool {
        matches!(node.type_name(), "compound_statement" | "program")
    }

    fn text_use(&self, node: Node, src: &str) -> Option<TextUse> {
        let p = node.up()?;
        match p.type_name() {
            "encapsed_string" | "echo_statement" => Some(TextUse::Shown),
            "binary_expression" => {
                matches!(p.field("operator").map(|o| text(o, src)), Some("+" | "."))
                    .then_some(TextUse::Shown)
            }
            "arguments" => Some(TextUse::Argument(callee_tail(Some(p), src))),
            "argument" => Some(TextUse::Argument(callee_tail(p.up(), src))),
            _ => None,
        }
    }

    fn case_alternative<'t>(&self, literal: Node<'t>) -> Option<CaseAlternative<'t>> {
        let parent = literal.up()?;
        match parent.type_name() {
            "case_statement" if parent.named_child_count() == 1 => {
                Some(CaseAlternative::fallthrough(parent, |n| n.field("value")))
            }
            "match_condition_list" => Some(CaseAlternative::alternative(literal)),
            _ => None,
        }
    }

    fn lang(&self) -> Lang {
        Lang::Php
    }

    fn is_call(&self, node: Node) -> bool {
        matches!(
            node.type_name(),
            "function_call_expression"
                | "member_call_expression"
                | "nullsafe_member_call_expression"
                | "scoped_call_expression"
                | "object_creation_expression"
        )
    }

    fn is_scope(&self, node: Node) -> bool {
        matches!(
            node.type_name(),
            "function_definition"
                | "method_declaration"
                | "anonymous_function"
                | "arrow_function"
                | "class_declaration"
                | "trait_declaration"
        )
    }

    fn call_view<'t>(&self, node: Node<'t>, src: &str) -> Option<CallView<'t>> {
        let (name, receiver) = match node.type_name() {
            "function_call_expression" => {
                let f = node.field("function")?;
                let t = text(f, src);
                (
                    t.rsplit('\\').next().unwrap_or(t).to_ascii_lowercase(),
                    None,
                )
            }
            "member_call_expression" | "nullsafe_member_call_expression" => (
                text(node.field("name")?, src).to_string(),
                node.field("object"),
            ),
            "scoped_call_expression" => (
                text(node.field("name")?, src).to_string(),
                node.field("scope"),
            ),
            "object_creation_expression" => {
                let mut c = node.walk();
                let n = node
                    .named_children(&mut c)
                    .find(|n| matches!(n.type_name(), "name" | "qualified_name"))?;
                let t = text(n, src);
                (t.rsplit('\\').next().unwrap_or(t).to_string(), None)
            }
            _ => return None,
        };
        let mut args = Vec::new();
        let mut c = node.walk();
        if let Some(a) = node
            .named_children(&mut c)
            .find(|n| n.type_name() == "arguments")
        {
            let mut c2 = a.walk();
            for arg in a
                .named_children(&mut c2)
                .filter(|n| n.type_name() == "argument")
            {
                let mut c3 = arg.walk();
                if let Some(v) = arg
                    .named_children(&mut c3)
                    .filter(|n| n.type_name() != "name")
                    .last()
                {
                    args.push(v);
                }
            }
        }
        Some(CallView {
            node,
            name,
            receiver,
            args,
        })
    }

    fn constructor_copy(&self, root: Node, read: Node, src: &str) -> Option<String> {
        let arg = read.up().filter(|p| p.type_name() == "argument")?;
        if arg.field("name").is_some() {
            return None;
        }
        let args = arg.up().filter(|p| p.type_name() == "arguments")?;
        let call = args
            .up()
            .filter(|c| c.type_name() == "object_creation_expression")?;
        let index = crate::lang::positional_index(args, arg, &[])?;
        // `new FlexyException(...)`, `new \Acme\FlexyException(...)`: a class of this file.
        let mut c = call.walk();
        let class_node = call
            .named_children(&mut c)
            .find(|n| matches!(n.type_name(), "name" | "qualified_name"))?;
        let class = text(class_node, src).rsplit('\\').next()?.to_string();
        let decl = crate::lang::find_node(root, |n| {
            n.type_name() == "class_declaration"
                && n.field("name").is_some_and(|id| text(id, src) == class)
        })?;
        let ctor = crate::lang::find_node(decl.field("body")?, |n| {
            n.type_name() == "method_declaration"
                && n.field("name")
                    .is_some_and(|id| text(id, src) == "__construct")
        })?;
        let params = ctor.field("parameters")?;
        let mut c = params.walk();
        let param = params
            .named_children(&mut c)
            .filter(|p| p.type_name() != "comment")
            .nth(index)?;
        let name = text(param.field("name")?, src);
        // A promoted parameter (`public string $code`) is the field itself.
        if param.type_name() == "property_promotion_parameter" {
            return Some(name.trim_start_matches('$').to_string());
        }
        // `$this->code = $code` in its body.
        let stored = crate::lang::find_node(ctor.field("body")?, |n| {
            n.type_name() == "assignment_expression"
                && n.field("right").is_some_and(|r| text(r, src) == name)
                && n.field("left").is_some_and(|l| {
                    l.type_name() == "member_access_expression"
                        && l.field("object").is_some_and(|o| text(o, src) == "$this")
                })
        })?;
        Some(text(stored.field("left")?.field("name")?, src).to_string())
    }

    fn takes_list(&self, name: &str) -> bool {
        matches!(
            name.to_ascii_lowercase().as_str(),
            "array_filter"
                | "array_map"
                | "array_values"
                | "array_column"
                | "array_slice"
                | "array_reverse"
                | "array_keys"
                | "usort"
                | "uasort"
                | "sort"
                | "rsort"
                | "array_walk"
                | "array_reduce"
                | "array_search"
                | "in_array"
                | "array_merge"
                | "array_unique"
                | "array_sum"
                | "reset"
                | "end"
                | "current"
        )
    }

    fn holder_entries<'t>(&self, node: Node<'t>, src: &str) -> Option<Vec<(String, Node<'t>)>> {
        if node.type_name() != "array_creation_expression" {
            return None;
        }
        let mut c = node.walk();
        let mut out = Vec::new();
        let mut position = 0;
        for e in node.named_children(&mut c) {
            if e.type_name() != "array_element_initializer" {
                continue;
            }
            let mut c = e.walk();
            let parts: Vec<Node<'t>> = e.named_children(&mut c).collect();
            match parts.as_slice() {
                [value] => {
                    out.push((format!("#{position}"), *value));
                    position += 1;
                }
                [key, value] => {
                    if let Some(k) = self.literal(*key, src) {
                        out.push((k.value, *value));
                    }
                }
                _ => {}
            }
        }
        Some(out)
    }

    fn entry_container<'t>(&self, node: Node<'t>) -> Option<Node<'t>> {
        let p = node
            .up()
            .filter(|p| p.type_name() == "array_element_initializer")?;
        p.up()
    }

    fn sequence_targets<'t>(&self, target: Node<'t>) -> Option<Vec<Option<Node<'t>>>> {
        // `[$status, $body] = f()`, `list($status, $body) = f()`: positions, no keys.
        if target.type_name() != "list_literal" {
            return None;
        }
        let mut c = target.walk();
        let all: Vec<Node<'t>> = target
            .named_children(&mut c)
            .filter(|e| e.type_name() != "comment")
            .collect();
        all.iter()
            .all(|e| e.type_name() == "variable_name")
            .then(|| all.into_iter().map(Some).collect())
    }

    fn pattern_entries(&self, pattern: Node, src: &str) -> Option<Vec<crate::lang::PatternEntry>> {
        if pattern.type_name() != "list_literal" {
            return None;
        }
        // `['a' => $a, 'b' => ['c' => $c]]`: keys and values alternate.
        let mut c = pattern.walk();
        let parts: Vec<Node> = pattern
            .named_children(&mut c)
            .filter(|p| p.type_name() != "comment")
            .collect();
        if parts.is_empty() || !parts.len().is_multiple_of(2) {
            return None;
        }
        let mut out = Vec::new();
        for pair in parts.chunks(2) {
            let (key, value) = (pair[0], pair[1]);
            let key = match self.literal(key, src) {
                Some(l) if key.type_name() == "string" => l.value,
                _ => return None,
            };
            if !matches!(value.type_name(), "variable_name" | "list_literal") {
                return None;
            }
            out.push(crate::lang::PatternEntry {
                range: pair[0].start_byte()..value.end_byte(),
                key,
                local_range: value.byte_range(),
                defaulted: false,
            });
        }
        Some(out)
    }

    fn thrown_class(&self, node: Node, src: &str) -> Option<String> {
        if node.type_name() != "throw_expression" {
            return None;
        }
        let new = node
            .named_child(0)
            .filter(|n| n.type_name() == "object_creation_expression")?;
        let class = new.named_child(0)?;
        matches!(class.type_name(), "name" | "qualified_name").then(|| short_name(text(class, src)))
    }

    fn caught_classes(&self, node: Node, src: &str) -> Vec<String> {
        let mut out = Vec::new();
        let (mut inner, mut n) = (node, node.up());
        while let Some(x) = n.filter(|x| !self.is_function(*x)) {
            if x.type_name() == "try_statement" && x.field("body") == Some(inner) {
                let mut c = x.walk();
                for clause in x.named_children(&mut c) {
                    let Some(types) = clause
                        .field("type")
                        .filter(|_| clause.type_name() == "catch_clause")
                    else {
                        continue;
                    };
                    let mut c = types.walk();
                    out.extend(
                        types
                            .named_children(&mut c)
                            .filter(|t| t.type_name() == "named_type")
                            .map(|t| short_name(text(t, src))),
                    );
                }
            }
            inner = x;
            n = x.up();
        }
        out
    }

    fn message_first(&self, root: Node, name: &str, src: &str) -> Option<bool> {
        let decl = crate::lang::find_node(root, |n| {
            n.type_name() == "class_declaration"
                && n.field("name").is_some_and(|id| text(id, src) == name)
        })?;
        let mut c = decl.walk();
        if !decl
            .named_children(&mut c)
            .any(|ch| ch.type_name() == "base_clause")
        {
            return None;
        }
        // The migration's class derives from it.
        let mut c = decl.walk();
        if decl
            .children(&mut c)
            .any(|ch| ch.type_name() == "final_modifier")
        {
            return Some(false);
        }
        let body = decl.field("body")?;
        let mut c = body.walk();
        let members: Vec<Node> = body.named_children(&mut c).collect();
        // The migration's class derives from it and declares these: a typed declaration of
        // one of them in the parent would not match.
        let clash = members.iter().any(|m| {
            m.type_name() == "property_declaration"
                && ["$errorCode", "$details", "$requestId"]
                    .iter()
                    .any(|p| text(*m, src).contains(p))
        });
        if clash {
            return Some(false);
        }
        let ctor = members.iter().find(|m| {
            m.type_name() == "method_declaration"
                && m.field("name")
                    .is_some_and(|id| text(id, src).eq_ignore_ascii_case("__construct"))
        });
        let Some(ctor) = ctor else {
            return Some(true);
        };
        let params = ctor.field("parameters")?;
        let mut c = params.walk();
        let params: Vec<Node> = params
            .named_children(&mut c)
            .filter(|p| p.type_name() != "comment")
            .collect();
        let Some(first) = params
            .first()
            .filter(|p| p.type_name() == "simple_parameter")
            .and_then(|p| p.field("name"))
        else {
            return Some(false);
        };
        let param = text(first, src);
        let optional = params
            .iter()
            .skip(1)
            .all(|p| p.field("default_value").is_some() || p.type_name() == "variadic_parameter");
        // `parent::__construct($message, ...)`.
        let passes = crate::lang::find_node(*ctor, |n| {
            n.type_name() == "scoped_call_expression"
                && n.field("scope").is_some_and(|s| text(s, src) == "parent")
                && n.field("name")
                    .is_some_and(|m| text(m, src).eq_ignore_ascii_case("__construct"))
                && n.field("arguments").is_some_and(|args| {
                    let mut c = args.walk();
                    let first = args
                        .named_children(&mut c)
                        .find(|a| a.type_name() == "argument");
                    first.is_some_and(|a| text(a, src) == param)
                })
        })
        .is_some();
        Some(optional && passes)
    }

    fn look_through<'t>(&self, node: Node<'t>) -> Option<Node<'t>> {
        match node.type_name() {
            // `(e)`, `@e`.
            "parenthesized_expression" | "error_suppression_expression" => node.named_child(0),
            "cast_expression" => node.field("value"),
            // `json_decode($raw, true) ?? []`: the body, or nothing to read;
            // `($r['error'] ?? null) === '...'`: the value, or nothing to compare.
            "binary_expression"
                if node
                    .field("operator")
                    .is_some_and(|o| matches!(o.type_name(), "??" | "?:"))
                    && node.field("right").is_some_and(|r| {
                        (r.type_name() == "array_creation_expression" && r.named_child_count() == 0)
                            || r.type_name() == "null"
                    }) =>
            {
                node.field("left")
            }
            // `json_decode($raw, true) ?: []`, the short ternary.
            "conditional_expression"
                if node.field("body").is_none()
                    && node.field("alternative").is_some_and(|r| {
                        r.type_name() == "array_creation_expression" && r.named_child_count() == 0
                    }) =>
            {
                node.field("condition")
            }
            _ => None,
        }
    }

    fn name_key(&self, node: Node, src: &str) -> Option<String> {
        match node.type_name() {
            "variable_name" => Some(text(node, src).to_string()),
            // A constant: `FLEXY_BASE`, `self::BASE`.
            "name"
                if node.up().is_some_and(|p| {
                    !matches!(
                        p.type_name(),
                        "function_call_expression"
                            | "member_call_expression"
                            | "scoped_call_expression"
                            | "object_creation_expression"
                            | "member_access_expression"
                            | "variable_name"
                            | "named_type"
                            | "class_declaration"
                            | "function_definition"
                            | "method_declaration"
                            | "argument"
                            | "const_element"
                            | "namespace_name"
                            | "qualified_name"
                    )
                }) || node
                    .up()
                    .is_some_and(|p| p.type_name() == "argument" && p.named_child_count() == 1) =>
            {
                Some(text(node, src).to_string())
            }
            "class_constant_access_expression" => {
                let last = node.named_child(node.named_child_count().checked_sub(1)? as u32)?;
                Some(text(last, src).to_string())
            }
            "member_access_expression" => {
                let object = node.field("object")?;
                let name = node.field("name")?;
                (text(object, src) == "$this").then(|| format!("$this->{}", text(name, src)))
            }
            _ => None,
        }
    }

    fn binding<'t>(&self, node: Node<'t>, _src: &str) -> Option<(Node<'t>, Node<'t>)> {
        match node.type_name() {
            "assignment_expression"
            | "augmented_assignment_expression"
            | "reference_assignment_expression" => {
                Some((node.field("left")?, node.field("right")?))
            }
            _ => None,
        }
    }

    fn declaration<'t>(&self, node: Node<'t>, src: &str) -> Option<(String, Node<'t>)> {
        match node.type_name() {
            "property_element" => {
                let name = node.field("name")?;
                let key = format!("$this->{}", text(name, src).trim_start_matches('$'));
                Some((key, node.field("default_value")?))
            }
            "const_element" => {
                let name = node.named_child(0)?;
                let value = node.named_child(1)?;
                Some((text(name, src).to_string(), value))
            }
            "function_call_expression" => {
                let call = self.call_view(node, src)?;
                if call.name != "define" || call.args.len() < 2 {
                    return None;
                }
                let name = self.literal(call.args[0], src)?.value;
                Some((name, call.args[1]))
            }
            _ => None,
        }
    }

    fn loop_variable<'t>(&self, node: Node<'t>) -> Option<Node<'t>> {
        if node.type_name() != "foreach_statement" {
            return None;
        }
        let v = node.named_child(1)?;
        match v.type_name() {
            "pair" => v.named_child(1),
            "by_ref" => v.named_child(0),
            _ => Some(v),
        }
    }

    fn handler<'t>(&self, node: Node<'t>) -> Option<(Node<'t>, Node<'t>)> {
        if node.type_name() != "catch_clause" {
            return None;
        }
        let name = node.field("name")?;
        let body = node.up()?.field("body")?;
        Some((name, body))
    }

    fn is_function(&self, node: Node) -> bool {
        matches!(
            node.type_name(),
            "function_definition" | "method_declaration" | "anonymous_function" | "arrow_function"
        )
    }

    fn function_name(&self, f: Node, src: &str) -> Option<String> {
        f.field("name").map(|n| text(n, src).to_string())
    }

    fn is_async(&self, _f: Node, _src: &str) -> bool {
        false
    }

    fn first_param<'t>(&self, f: Node<'t>) -> Option<Node<'t>> {
        f.field("parameters")?.named_child(0)?.field("name")
    }

    fn returns<'t>(&self, f: Node<'t>) -> Vec<(Node<'t>, Node<'t>)> {
        let Some(body) = f.field("body") else {
            return Vec::new();
        };
        if f.type_name() == "arrow_function" {
            return vec![(body, body)];
        }
        let mut out = Vec::new();
        collect_returns(self, body, &mut out);
        out
    }

    fn is_json_parse(&self, call: &CallView, _src: &str) -> bool {
        call.receiver.is_none() && call.name == "json_decode"
    }

    fn response_field(&self, name: &str) -> Option<bool> {
        match name {
            "body" => Some(false),
            _ => None,
        }
    }

    fn membership_key(&self, node: Node, src: &str) -> Option<String> {
        // `array_key_exists('k', $body)`, `key_exists(...)`, `property_exists($body, 'k')`.
        let p = node.up().filter(|p| p.type_name() == "argument")?;
        let call = p.up().and_then(|a| a.up())?;
        let call = self.call_view(call, src)?;
        let key = match call.name.as_str() {
            "array_key_exists" | "key_exists" if call.args.get(1) == Some(&node) => call.args[0],
            "property_exists" if call.args.first() == Some(&node) => *call.args.get(1)?,
            _ => return None,
        };
        self.literal(key, src).map(|l| l.value)
    }

    fn use_site<'t>(&self, node: Node<'t>, src: &str) -> UseSite<'t> {
        let Some(p) = node.up() else {
            return UseSite::Other;
        };
        let is = |field: &str| p.field(field) == Some(node);
        match p.type_name() {
            "parenthesized_expression"
                if p.up().is_some_and(|g| {
                    matches!(
                        g.type_name(),
                        "if_statement" | "while_statement" | "do_statement" | "else_if_clause"
                    )
                }) =>
            {
                UseSite::Test
            }
            "conditional_expression" if is("condition") => UseSite::Test,
            "unary_op_expression" if text(p, src).trim_start().starts_with('!') => UseSite::Test,
            "binary_expression"
                if matches!(
                    p.field("operator").map(|o| text(o, src).to_ascii_lowercase()),
                    Some(ref o) if ["&&", "||", "and", "or"].contains(&o.as_str())
                ) =>
            {
                UseSite::Test
            }
            "foreach_statement" if p.named_child(0) == Some(node) => UseSite::Iterate,
            "subscript_expression" if p.named_child(0) == Some(node) => match p.named_child(1) {
                Some(i) if !matches!(i.type_name(), "string" | "encapsed_string") => {
                    UseSite::Index(p)
                }
                _ => UseSite::Other,
            },
            "expression_statement" => UseSite::Discarded,
            "return_statement" => UseSite::Return,
            "array_element_initializer"
                if p.up().is_some_and(|y| y.type_name() == "yield_expression") =>
            {
                UseSite::Yield
            }
            "arrow_function" if is("body") => UseSite::Return,
            "assignment_expression" if is("right") => match p.field("left") {
                // `['topup' => $t] = $r`: keyed, it is taken apart like a JS pattern.
                Some(t)
                    if t.type_name() == "list_literal"
                        && self.pattern_entries(t, src).is_some() =>
                {
                    UseSite::Destructure(t)
                }
                Some(t)
                    if matches!(t.type_name(), "list_literal" | "array_creation_expression") =>
                {
                    UseSite::Other
                }
                Some(t) => UseSite::Bound(t),
                None => UseSite::Other,
            },
            "argument" => {
                let call = p
                    .up()
                    .and_then(|a| a.up())
                    .and_then(|c| self.call_view(c, src));
                match call.as_ref().map(|c| c.name.as_str()) {
                    Some(
                        "isset" | "empty" | "is_null" | "is_array" | "is_object"
                        | "array_key_exists" | "key_exists" | "property_exists",
                    ) => UseSite::Test,
                    Some("count" | "sizeof") => UseSite::Count,
                    _ => UseSite::Other,
                }
            }
            _ => UseSite::Other,
        }
    }

    fn module_facts(&self, matches: &[Captures], src: &str) -> ModuleFacts {
        super::modules::facts(matches, src)
    }
}
