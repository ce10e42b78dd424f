//! What Python code means: calls, bindings, functions, uses, error classes, patterns.

use super::indent::indentation_errors;
use super::Python;
use crate::lang::module::ModuleFacts;
use crate::lang::query::Captures;
use crate::lang::{callee_tail, CaseAlternative, TextUse};
use crate::lang::{collect_returns, text, CallView, Lang, UseSite};
use crate::lang::{Field, NodeType};
use crate::lang::{Lowering, Semantics};
use crate::tree::Up;
use std::ops::Range;
use tree_sitter::Node;

impl Semantics for Python {
    fn is_statement_list(&self, node: Node) -> bool {
        matches!(node.type_name(), "block" | "module")
    }

    fn text_use(&self, node: Node, src: &str) -> Option<TextUse> {
        let p = node.up()?;
        match p.type_name() {
            "interpolation" => Some(TextUse::Shown),
            "binary_operator" => {
                matches!(p.field("operator").map(|o| text(o, src)), Some("+" | "."))
                    .then_some(TextUse::Shown)
            }
            "argument_list" => Some(TextUse::Argument(callee_tail(Some(p), src))),
            _ => None,
        }
    }

    fn case_alternative<'t>(&self, literal: Node<'t>) -> Option<CaseAlternative<'t>> {
        (literal.up()?.type_name() == "union_pattern")
            .then(|| CaseAlternative::alternative(literal))
    }

    fn lang(&self) -> Lang {
        Lang::Python
    }

    fn is_call(&self, node: Node) -> bool {
        node.type_name() == "call"
    }

    fn is_scope(&self, node: Node) -> bool {
        matches!(
            node.type_name(),
            "function_definition" | "class_definition" | "lambda"
        )
    }

    fn call_view<'t>(&self, node: Node<'t>, src: &str) -> Option<CallView<'t>> {
        if node.type_name() != "call" {
            return None;
        }
        let f = node.field("function")?;
        let (name, receiver) = match f.type_name() {
            "attribute" => (
                text(f.field("attribute")?, src).to_string(),
                f.field("object"),
            ),
            "identifier" => (text(f, src).to_string(), None),
            _ => (String::new(), None),
        };
        let mut args = Vec::new();
        if let Some(a) = node.field("arguments") {
            let mut c = a.walk();
            for arg in a.named_children(&mut c) {
                match arg.type_name() {
                    "keyword_argument" => args.extend(arg.field("value")),
                    "comment" => {}
                    _ => args.push(arg),
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

    fn all_of<'t>(&self, value: Node<'t>, src: &str) -> Option<Vec<Option<Node<'t>>>> {
        let mut v = value;
        while let Some(inner) = self.look_through(v) {
            v = inner;
        }
        let call = self.call_view(v, src)?;
        if call.name != "gather" {
            return None;
        }
        let args = v.field("arguments")?;
        let mut c = args.walk();
        let elements: Vec<Node<'t>> = args
            .named_children(&mut c)
            .filter(|e| e.type_name() != "comment")
            .collect();
        // `gather(*tasks)`, `return_exceptions=True`: positions unknown, or errors mixed in.
        let plain = elements.iter().all(|e| {
            !matches!(
                e.type_name(),
                "list_splat" | "dictionary_splat" | "keyword_argument"
            )
        });
        plain.then(|| elements.into_iter().map(Some).collect())
    }

    fn takes_list(&self, name: &str) -> bool {
        matches!(
            name,
            "sorted"
                | "list"
                | "tuple"
                | "filter"
                | "map"
                | "enumerate"
                | "reversed"
                | "sum"
                | "any"
                | "all"
                | "min"
                | "max"
                | "set"
                | "zip"
                | "next"
                | "iter"
        )
    }

    fn is_await(&self, node: Node) -> bool {
        node.type_name() == "await"
    }

    fn is_statement(&self, node: Node) -> bool {
        node.type_name().ends_with("statement") || node.type_name() == "assignment"
    }

    fn holder_entries<'t>(&self, node: Node<'t>, src: &str) -> Option<Vec<(String, Node<'t>)>> {
        let mut c = node.walk();
        match node.type_name() {
            "dictionary" => Some(
                node.named_children(&mut c)
                    .filter(|e| e.type_name() == "pair")
                    .filter_map(|e| {
                        Some((self.literal(e.field("key")?, src)?.value, e.field("value")?))
                    })
                    .collect(),
            ),
            "tuple" | "expression_list" | "list" => Some(
                node.named_children(&mut c)
                    .filter(|e| e.type_name() != "comment")
                    .enumerate()
                    .map(|(i, e)| (format!("#{i}"), e))
                    .collect(),
            ),
            _ => None,
        }
    }

    fn entry_container<'t>(&self, node: Node<'t>) -> Option<Node<'t>> {
        let p = node.up()?;
        match p.type_name() {
            "pair" if p.field("value") == Some(node) => p.up(),
            "tuple" | "expression_list" | "list" => Some(p),
            _ => None,
        }
    }

    fn sequence_targets<'t>(&self, target: Node<'t>) -> Option<Vec<Option<Node<'t>>>> {
        if !matches!(
            target.type_name(),
            "pattern_list" | "tuple_pattern" | "list_pattern"
        ) {
            return None;
        }
        let mut c = target.walk();
        let all: Vec<Node<'t>> = target
            .named_children(&mut c)
            .filter(|e| e.type_name() != "comment")
            .collect();
        let fixed = !all.iter().any(|e| e.type_name() == "list_splat_pattern");
        fixed.then(|| all.into_iter().map(Some).collect())
    }

    fn constructor_copy(&self, root: Node, read: Node, src: &str) -> Option<String> {
        let args = read.up().filter(|p| p.type_name() == "argument_list")?;
        let call = args.up().filter(|c| c.type_name() == "call")?;
        let index = crate::lang::positional_index(
            args,
            read,
            &["keyword_argument", "list_splat", "dictionary_splat"],
        )?;
        // `FlexyError(...)`, `errors.FlexyError(...)`: a class of this file.
        let callee = call.field("function")?;
        let class = match callee.type_name() {
            "identifier" => text(callee, src),
            "attribute" => text(callee.field("attribute")?, src),
            _ => return None,
        };
        let decl = crate::lang::find_node(root, |n| {
            n.type_name() == "class_definition"
                && n.field("name").is_some_and(|id| text(id, src) == class)
        })?;
        let init = crate::lang::find_node(decl.field("body")?, |n| {
            n.type_name() == "function_definition"
                && n.field("name")
                    .is_some_and(|id| text(id, src) == "__init__")
        })?;
        // The parameter after `self`, by position.
        let params = init.field("parameters")?;
        let mut c = params.walk();
        let param = params
            .named_children(&mut c)
            .filter(|p| p.type_name() != "comment")
            .nth(index + 1)?;
        let name = match param.type_name() {
            "identifier" => text(param, src),
            "default_parameter" | "typed_default_parameter" => text(param.field("name")?, src),
            "typed_parameter" => text(param.named_child(0)?, src),
            _ => return None,
        };
        // `self.code = code` in its body.
        let stored = crate::lang::find_node(init.field("body")?, |n| {
            n.type_name() == "assignment"
                && n.field("right").is_some_and(|r| text(r, src) == name)
                && n.field("left").is_some_and(|l| {
                    l.type_name() == "attribute"
                        && l.field("object").is_some_and(|o| text(o, src) == "self")
                })
        })?;
        Some(text(stored.field("left")?.field("attribute")?, src).to_string())
    }

    fn thrown_class(&self, node: Node, src: &str) -> Option<String> {
        if node.type_name() != "raise_statement" {
            return None;
        }
        let call = node.named_child(0).filter(|n| n.type_name() == "call")?;
        let class = call.field("function")?;
        (class.type_name() == "identifier").then(|| text(class, src).to_string())
    }

    fn caught_classes(&self, node: Node, src: &str) -> Vec<String> {
        let mut out = Vec::new();
        let (mut inner, mut n) = (node, node.up());
        while let Some(x) = n.filter(|x| !self.is_function(*x)) {
            if x.type_name() == "try_statement" && x.field("body") == Some(inner) {
                let mut c = x.walk();
                for clause in x.named_children(&mut c) {
                    if clause.type_name() != "except_clause" {
                        continue;
                    }
                    // `except ApiError`, `except (ApiError, KeyError) as e`.
                    let mut value = clause.field("value");
                    if let Some(v) = value.filter(|v| v.type_name() == "as_pattern") {
                        value = v.named_child(0);
                    }
                    let Some(v) = value else { continue };
                    let mut c = v.walk();
                    let names: Vec<Node> = match v.type_name() {
                        "tuple" | "parenthesized_expression" => v.named_children(&mut c).collect(),
                        _ => vec![v],
                    };
                    out.extend(
                        names
                            .into_iter()
                            .filter(|n| n.type_name() == "identifier")
                            .map(|n| text(n, src).to_string()),
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
            n.type_name() == "class_definition"
                && n.field("name").is_some_and(|id| text(id, src) == name)
        })?;
        decl.field("superclasses")?;
        let body = decl.field("body")?;
        let mut c = body.walk();
        let init = body
            .named_children(&mut c)
            .map(|m| match m.type_name() {
                "decorated_definition" => m.field("definition").unwrap_or(m),
                _ => m,
            })
            .find(|m| {
                m.type_name() == "function_definition"
                    && m.field("name")
                        .is_some_and(|id| text(id, src) == "__init__")
            });
        let Some(init) = init else {
            return Some(true);
        };
        // `def __init__(self, message, code=None)`: one required parameter after `self`.
        let params = init.field("parameters")?;
        let mut c = params.walk();
        let params: Vec<Node> = params
            .named_children(&mut c)
            .filter(|p| p.type_name() != "comment")
            .collect();
        let param = match params.get(1) {
            Some(p) if p.type_name() == "identifier" => text(*p, src),
            Some(p) if p.type_name() == "typed_parameter" => match p.named_child(0) {
                Some(id) if id.type_name() == "identifier" => text(id, src),
                _ => return Some(false),
            },
            _ => return Some(false),
        };
        let optional = params.iter().skip(2).all(|p| {
            matches!(
                p.type_name(),
                "default_parameter"
                    | "typed_default_parameter"
                    | "list_splat_pattern"
                    | "dictionary_splat_pattern"
                    | "keyword_separator"
            )
        });
        // `super().__init__(message)` or `Base.__init__(self, message)`.
        let passes = crate::lang::find_node(init, |n| {
            n.type_name() == "call"
                && n.field("function").is_some_and(|f| {
                    f.type_name() == "attribute"
                        && f.field("attribute")
                            .is_some_and(|a| text(a, src) == "__init__")
                })
                && n.field("arguments").is_some_and(|args| {
                    let mut c = args.walk();
                    let args: Vec<&str> = args
                        .named_children(&mut c)
                        .filter(|a| a.type_name() != "comment")
                        .map(|a| text(a, src))
                        .collect();
                    args.first() == Some(&param)
                        || (args.first() == Some(&"self") && args.get(1) == Some(&param))
                })
        })
        .is_some();
        Some(optional && passes)
    }

    fn look_through<'t>(&self, node: Node<'t>) -> Option<Node<'t>> {
        match node.type_name() {
            "await" | "parenthesized_expression" => node.named_child(0),
            // `resp.json() or {}`, `err.read() or b"{}"`: the body, or an empty default.
            "boolean_operator"
                if node
                    .field("operator")
                    .is_some_and(|o| o.type_name() == "or")
                    && node.field("right").is_some_and(|r| match r.type_name() {
                        "dictionary" | "list" => r.named_child_count() == 0,
                        "string" | "concatenated_string" => true,
                        _ => false,
                    }) =>
            {
                node.field("left")
            }
            _ => None,
        }
    }

    fn name_key(&self, node: Node, src: &str) -> Option<String> {
        match node.type_name() {
            // The name of an attribute (`status` of `err.status`) or of a keyword argument
            // (`json=` of `post(url, json=body)`) is no variable.
            "identifier"
                if node.up().is_some_and(|p| {
                    (p.type_name() == "attribute" || p.type_name() == "keyword_argument")
                        && p.field(if p.type_name() == "attribute" {
                            "attribute"
                        } else {
                            "name"
                        })
                        .is_some_and(|f| f.id() == node.id())
                }) =>
            {
                None
            }
            "identifier" => Some(text(node, src).to_string()),
            "attribute" => {
                let object = node.field("object")?;
                let name = node.field("attribute")?;
                (text(object, src) == "self").then(|| format!("self.{}", text(name, src)))
            }
            _ => None,
        }
    }

    fn binding<'t>(&self, node: Node<'t>, _src: &str) -> Option<(Node<'t>, Node<'t>)> {
        match node.type_name() {
            "assignment" | "augmented_assignment" => {
                Some((node.field("left")?, node.field("right")?))
            }
            "named_expression" => Some((node.field("name")?, node.field("value")?)),
            // with urlopen(req) as resp:
            "as_pattern" if node.up().is_some_and(|p| p.type_name() == "with_item") => {
                let target = node.field("alias")?.named_child(0)?;
                Some((target, node.named_child(0)?))
            }
            _ => None,
        }
    }

    fn declaration<'t>(&self, node: Node<'t>, src: &str) -> Option<(String, Node<'t>)> {
        // A class attribute, read as `self.X`.
        if node.type_name() != "assignment" {
            return None;
        }
        let in_class = node
            .up()
            .and_then(|s| s.up())
            .and_then(|b| b.up())
            .is_some_and(|c| c.type_name() == "class_definition");
        let left = node.field("left")?;
        if !in_class || left.type_name() != "identifier" {
            return None;
        }
        Some((format!("self.{}", text(left, src)), node.field("right")?))
    }

    fn loop_variable<'t>(&self, node: Node<'t>) -> Option<Node<'t>> {
        matches!(node.type_name(), "for_statement" | "for_in_clause")
            .then(|| node.field("left"))
            .flatten()
    }

    fn handler<'t>(&self, node: Node<'t>) -> Option<(Node<'t>, Node<'t>)> {
        if node.type_name() != "except_clause" {
            return None;
        }
        let mut c = node.walk();
        let pattern = node
            .named_children(&mut c)
            .find(|n| n.type_name() == "as_pattern")?;
        let name = pattern.field("alias")?.named_child(0)?;
        let body = node.up()?.field("body")?;
        Some((name, body))
    }

    fn is_function(&self, node: Node) -> bool {
        matches!(node.type_name(), "function_definition" | "lambda")
    }

    fn function_name(&self, f: Node, src: &str) -> Option<String> {
        f.field("name").map(|n| text(n, src).to_string())
    }

    fn is_async(&self, f: Node, src: &str) -> bool {
        text(f, src).starts_with("async")
    }

    fn first_param<'t>(&self, f: Node<'t>) -> Option<Node<'t>> {
        let p = f.field("parameters")?.named_child(0)?;
        match p.type_name() {
            "identifier" => Some(p),
            _ => p.field("name"),
        }
    }

    fn returns<'t>(&self, f: Node<'t>) -> Vec<(Node<'t>, Node<'t>)> {
        let Some(body) = f.field("body") else {
            return Vec::new();
        };
        if f.type_name() == "lambda" {
            return vec![(body, body)];
        }
        let mut out = Vec::new();
        collect_returns(self, body, &mut out);
        out
    }

    fn is_json_parse(&self, call: &CallView, src: &str) -> bool {
        matches!(call.name.as_str(), "loads" | "load")
            && call.receiver.is_none_or(|r| text(r, src).ends_with("json"))
    }

    fn hidden_errors(&self, root: Node, src: &str) -> Vec<Range<usize>> {
        indentation_errors(root, src)
    }

    fn response_field(&self, name: &str) -> Option<bool> {
        match name {
            "text" | "content" | "response" => Some(false),
            _ => None,
        }
    }

    fn membership_key(&self, node: Node, src: &str) -> Option<String> {
        let p = node.up()?;
        if p.type_name() != "comparison_operator"
            || p.named_child(0) == Some(node)
            || !text(p, src).contains(" in ")
        {
            return None;
        }
        let key = p.named_child(0)?;
        (key.type_name() == "string").then(|| text(key, src).trim_matches(['"', '\'']).to_string())
    }

    fn use_site<'t>(&self, node: Node<'t>, src: &str) -> UseSite<'t> {
        let Some(p) = node.up() else {
            return UseSite::Other;
        };
        let is = |field: &str| p.field(field) == Some(node);
        match p.type_name() {
            "if_statement" | "while_statement" | "elif_clause" if is("condition") => UseSite::Test,
            "conditional_expression" if p.named_child(1) == Some(node) => UseSite::Test,
            "not_operator" | "boolean_operator" => UseSite::Test,
            // `"error" in data`
            "comparison_operator"
                if p.named_child(0) != Some(node) && text(p, src).contains(" in ") =>
            {
                UseSite::Test
            }
            "for_statement" | "for_in_clause" if is("right") => UseSite::Iterate,
            "subscript" if is("value") => match p.field("subscript") {
                Some(i) if i.type_name() != "string" => UseSite::Index(p),
                _ => UseSite::Other,
            },
            "return_statement" => UseSite::Return,
            "yield" => UseSite::Yield,
            "lambda" if is("body") => UseSite::Return,
            "expression_statement" => UseSite::Discarded,
            "assignment" if is("right") => match p.field("left") {
                Some(t) if matches!(t.type_name(), "identifier" | "attribute") => UseSite::Bound(t),
                _ => UseSite::Other,
            },
            "argument_list" => {
                let call = p.up().and_then(|c| self.call_view(c, src));
                match call
                    .as_ref()
                    .map(|c| (c.name.as_str(), c.receiver.is_none()))
                {
                    Some(("bool", true)) => UseSite::Test,
                    Some(("len", true)) => UseSite::Count,
                    Some(("list" | "enumerate" | "sorted" | "iter" | "tuple", true)) => {
                        UseSite::Iterate
                    }
                    _ => UseSite::Other,
                }
            }
            _ => UseSite::Other,
        }
    }

    fn module_facts(&self, matches: &[Captures], src: &str) -> ModuleFacts {
        super::modules::module_facts(matches, src)
    }
}
