//! Python: plain, raw and f-strings, implicit concatenation, `+`, `%` formatting and
//! `str.format`.

use std::ops::Range;

use crate::source::Up;
use tree_sitter::Node;

use super::{concat_operands, opaque, Field, NodeType};

use super::{
    collect_returns, escape_children, insert, quote_of, text, CallView, Hole, Lang, Literal,
    Placeholder, StrExpr, Syntax, Unwrap, UseSite, MAX_DEPTH,
};
use crate::api::Tok;
use crate::flexy::{FieldKind, Member};
use crate::rules::Edit;

pub struct Python;

fn op(n: Node, src: &str) -> Option<String> {
    n.field("operator").map(|o| text(o, src).to_string())
}

fn is_stringish(n: Node) -> bool {
    matches!(n.type_name(), "string" | "concatenated_string")
}

/// `"...".format(...)`: the call, when `s` is the string it formats.
fn format_call_of<'t>(s: Node<'t>, src: &str) -> Option<Node<'t>> {
    let attr = s.up().filter(|p| p.type_name() == "attribute")?;
    if attr.field("object")? != s || text(attr.field("attribute")?, src) != "format" {
        return None;
    }
    attr.up().filter(|c| c.type_name() == "call")
}

const ENV_GETTERS: &[&str] = &[
    "os.environ.get",
    "environ.get",
    "os.getenv",
    "getenv",
    "config",
    "env",
];

impl Syntax for Python {
    fn lang(&self) -> Lang {
        Lang::Python
    }

    fn is_string(&self, node: Node) -> bool {
        node.type_name() == "string"
    }

    fn string_root<'t>(&self, literal: Node<'t>, src: &str) -> Node<'t> {
        let mut n = literal;
        loop {
            if let Some(call) = format_call_of(n, src) {
                n = call;
                continue;
            }
            let Some(p) = n.up() else { return n };
            match p.type_name() {
                "concatenated_string" => n = p,
                "binary_operator" if op(p, src).as_deref() == Some("+") => n = p,
                "binary_operator"
                    if op(p, src).as_deref() == Some("%") && p.field("left") == Some(n) =>
                {
                    n = p
                }
                "parenthesized_expression"
                    if p.up().is_some_and(|g| {
                        g.type_name() == "binary_operator" && op(g, src).as_deref() == Some("+")
                    }) =>
                {
                    n = p
                }
                _ => return n,
            }
        }
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
        if node.type_name() != "string" {
            return None;
        }
        let mut c = node.walk();
        let children: Vec<Node> = node.children(&mut c).collect();
        if children.iter().any(|ch| ch.type_name() == "interpolation") {
            return None;
        }
        let start = children
            .first()
            .filter(|c| c.type_name() == "string_start")?;
        let end = children.last().filter(|c| c.type_name() == "string_end")?;
        let inner = start.end_byte()..end.start_byte();
        let mut e = StrExpr::default();
        for ch in &children {
            if ch.type_name() == "string_content" {
                e.push_text(src, ch.byte_range(), &escape_children(*ch));
            }
        }
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
                "boolean_operator" | "parenthesized_expression" | "conditional_expression" => n = p,
                "argument_list" => {
                    let call = p.up()?;
                    let f = text(call.field("function")?, src);
                    if !ENV_GETTERS.contains(&f) {
                        return None;
                    }
                    n = call;
                }
                "keyword_argument" => {
                    let name = text(p.field("name")?, src);
                    let call = p.up().and_then(|a| a.up());
                    let is_env = call
                        .and_then(|c| c.field("function"))
                        .is_some_and(|f| ENV_GETTERS.contains(&text(f, src)));
                    if name == "default" && is_env {
                        n = call?;
                    } else {
                        return Some(name.to_string());
                    }
                }
                "assignment" | "augmented_assignment" => {
                    return self.tail_name(p.field("left")?, src)
                }
                "pair" => return self.literal(p.field("key")?, src).map(|l| l.value),
                "default_parameter" | "typed_default_parameter" => {
                    return self.tail_name(p.field("name")?, src)
                }
                _ => return None,
            }
        }
    }

    fn tail_name(&self, expr: Node, src: &str) -> Option<String> {
        match expr.type_name() {
            "identifier" => Some(text(expr, src).to_string()),
            "attribute" => self.tail_name(expr.field("attribute")?, src),
            "subscript" => self.literal(expr.field("subscript")?, src).map(|l| l.value),
            "parenthesized_expression" => self.tail_name(expr.named_child(0)?, src),
            _ => None,
        }
    }

    fn is_call(&self, node: Node) -> bool {
        node.type_name() == "call"
    }

    fn error_code_read(&self, read: &Member, src: &str) -> Vec<Edit> {
        let q = quote_of(read.field, src);
        match read.kind {
            FieldKind::Subscript => vec![insert(read.read.end_byte(), format!("[{q}code{q}]"))],
            FieldKind::Get => vec![
                insert(read.read.start_byte(), "("),
                insert(read.read.end_byte(), format!(" or {{}}).get({q}code{q})")),
            ],
            FieldKind::Dot => vec![insert(read.read.end_byte(), ".code")],
        }
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
        let index = super::positional_index(
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
        let decl = super::find_node(root, |n| {
            n.type_name() == "class_definition"
                && n.field("name").is_some_and(|id| text(id, src) == class)
        })?;
        let init = super::find_node(decl.field("body")?, |n| {
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
        let stored = super::find_node(init.field("body")?, |n| {
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
        let decl = super::find_node(root, |n| {
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
        let passes = super::find_node(init, |n| {
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
            // `resp.json() or {}`: the body, or nothing to read.
            "boolean_operator"
                if node
                    .field("operator")
                    .is_some_and(|o| o.type_name() == "or")
                    && node.field("right").is_some_and(|r| {
                        r.type_name() == "dictionary" && r.named_child_count() == 0
                    }) =>
            {
                node.field("left")
            }
            _ => None,
        }
    }

    fn name_key(&self, node: Node, src: &str) -> Option<String> {
        match node.type_name() {
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

    fn slot(&self, stmt: Node, src: &str) -> super::Slot {
        let Some(block) = stmt.up().filter(|b| b.type_name() == "block") else {
            return super::Slot::List;
        };
        if crate::layout::starts_line(src, block.start_byte()) {
            return super::Slot::List;
        }
        // `if x: a(); return y`: the block sits on its header's line.
        let header = block.up().map_or(block.start_byte(), |h| h.start_byte());
        let before = src[..block.start_byte()]
            .trim_end_matches([' ', '\t'])
            .len();
        let mut breaks: Vec<Range<usize>> = Vec::new();
        breaks.push(before..block.start_byte());
        let mut c = block.walk();
        let statements: Vec<Node> = block
            .named_children(&mut c)
            .filter(|n| n.type_name() != "comment")
            .collect();
        for pair in statements.windows(2) {
            breaks.push(pair[0].end_byte()..pair[1].start_byte());
        }
        super::Slot::HeaderLine {
            header: crate::layout::line_start(src, header),
            breaks,
        }
    }

    fn unwrap_return(&self, u: &Unwrap) -> String {
        let (i, un) = (u.indent, u.unit);
        let (head, r) = match u.name {
            Some(r) => (String::new(), r),
            // `return await r.json()` (aiohttp, httpx's async client): still awaited.
            None => {
                let awaited = if u.awaited { "await " } else { "" };
                (format!("{} = {awaited}{}\n{i}", u.var, u.value), u.var)
            }
        };
        let (e, x) = (u.error_var, u.exc_var);
        let class = u.class.unwrap_or("RuntimeError");
        let check = if u.raise {
            format!(
                "if not {r}.get(\"success\"):\n\
                 {i}{un}{e} = {r}.get(\"error\") or {{}}\n\
                 {i}{un}{x} = {class}({e}.get(\"message\", \"Flexy API error\"))\n\
                 {i}{un}{x}.code = {e}.get(\"code\")\n\
                 {i}{un}{x}.details = {e}.get(\"details\")\n\
                 {i}{un}{x}.request_id = {r}.get(\"requestId\")\n\
                 {i}{un}raise {x}\n{i}"
            )
        } else {
            String::new()
        };
        format!("{head}{check}return {r}[\"data\"]")
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

    fn path_suffix(
        &self,
        path: &[&str],
        like: Option<&Member>,
        at: Node,
        _objects: bool,
        src: &str,
    ) -> String {
        match like {
            Some(m) if m.kind == FieldKind::Get => {
                let q = quote_of(m.field, src);
                path.iter()
                    .map(|f| format!(".get({q}{f}{q}, {{}})"))
                    .collect()
            }
            Some(m) => {
                let q = quote_of(m.field, src);
                path.iter().map(|f| format!("[{q}{f}{q}]")).collect()
            }
            None => {
                // Inside an f-string (Python 3.11), the other quote than the string's.
                let mut q = '"';
                let mut n = at.up();
                while let Some(p) = n {
                    if p.type_name() == "string" {
                        if text(p, src)
                            .trim_start_matches(|c: char| c.is_ascii_alphabetic())
                            .starts_with('"')
                        {
                            q = '\'';
                        }
                        break;
                    }
                    n = p.up();
                }
                path.iter().map(|f| format!("[{q}{f}{q}]")).collect()
            }
        }
    }
}

fn lower_string(n: Node, src: &str, out: &mut StrExpr) {
    let mut c = n.walk();
    for ch in n.children(&mut c) {
        match ch.type_name() {
            "string_content" => out.push_text(src, ch.byte_range(), &escape_children(ch)),
            "escape_interpolation" => {
                let t = text(ch, src);
                out.push_char(t.chars().next().unwrap_or('{'), ch.byte_range());
            }
            "interpolation" => out.push_hole(Hole {
                span: ch.byte_range(),
                expr: ch.field("expression").map(|e| e.byte_range()),
                inside_string: true,
            }),
            _ => {}
        }
    }
}

fn lower_into(n: Node, src: &str, out: &mut StrExpr, depth: usize) {
    // Deep concatenations (minified bundles) become one hole rather than a deep recursion.
    if depth > MAX_DEPTH {
        return out.push_hole(opaque(n));
    }
    match n.type_name() {
        "string" => lower_string(n, src, out),
        "concatenated_string" => {
            let mut c = n.walk();
            for ch in n.named_children(&mut c) {
                lower_into(ch, src, out, depth + 1);
            }
        }
        "binary_operator" if op(n, src).as_deref() == Some("+") => {
            // Left-nested chains (`a + b + c ...`) are walked in a loop, not recursively.
            for o in concat_operands(n, |c| {
                c.type_name() == "binary_operator" && op(c, src).as_deref() == Some("+")
            }) {
                lower_into(o, src, out, depth + 1);
            }
        }
        "binary_operator"
            if op(n, src).as_deref() == Some("%") && n.field("left").is_some_and(is_stringish) =>
        {
            let left = n.field("left").unwrap();
            let right = n.field("right");
            let mut inner = StrExpr {
                root: n.byte_range(),
                ..Default::default()
            };
            lower_into(left, src, &mut inner, depth + 1);
            let (args, named) = match right {
                Some(r) if r.type_name() == "tuple" => {
                    let mut c = r.walk();
                    (
                        r.named_children(&mut c).map(|e| e.byte_range()).collect(),
                        vec![],
                    )
                }
                Some(r) if r.type_name() == "dictionary" => {
                    let mut c = r.walk();
                    let named = r
                        .named_children(&mut c)
                        .filter(|p| p.type_name() == "pair")
                        .filter_map(|p| {
                            let k = Python.literal(p.field("key")?, src)?;
                            Some((k.value, p.field("value")?.byte_range()))
                        })
                        .collect();
                    (vec![], named)
                }
                Some(r) => (vec![r.byte_range()], vec![]),
                None => (vec![], vec![]),
            };
            inner.apply_placeholders(percent_placeholder, &args, &named);
            out.append(inner);
        }
        "parenthesized_expression" if n.named_child_count() == 1 => {
            let inner = n.named_child(0).unwrap();
            if matches!(
                inner.type_name(),
                "binary_operator" | "string" | "concatenated_string"
            ) {
                lower_into(inner, src, out, depth + 1)
            } else {
                push_opaque(n, out)
            }
        }
        "call" => {
            let obj = n
                .field("function")
                .filter(|f| f.type_name() == "attribute")
                .and_then(|f| f.field("object"))
                .filter(|o| is_stringish(*o) && format_call_of(*o, src) == Some(n));
            let Some(obj) = obj else {
                return push_opaque(n, out);
            };
            let mut inner = StrExpr {
                root: n.byte_range(),
                ..Default::default()
            };
            lower_into(obj, src, &mut inner, depth + 1);
            let mut args = Vec::new();
            let mut named = Vec::new();
            if let Some(al) = n.field("arguments") {
                let mut c = al.walk();
                for a in al.named_children(&mut c) {
                    if a.type_name() == "keyword_argument" {
                        if let (Some(k), Some(v)) = (a.field("name"), a.field("value")) {
                            named.push((text(k, src).to_string(), v.byte_range()));
                        }
                    } else {
                        args.push(a.byte_range());
                    }
                }
            }
            inner.apply_placeholders(brace_placeholder, &args, &named);
            out.append(inner);
        }
        _ => push_opaque(n, out),
    }
}

fn push_opaque(n: Node, out: &mut StrExpr) {
    out.push_hole(opaque(n));
}

fn ch(toks: &[Tok], k: usize) -> Option<char> {
    match toks.get(k) {
        Some(Tok::Ch(c)) => Some(*c),
        _ => None,
    }
}

/// A `%` placeholder: `%s`, `%(name)s`, `%-5d`, `%%`.
fn percent_placeholder(toks: &[Tok], i: usize) -> Option<(usize, Placeholder)> {
    if ch(toks, i)? != '%' {
        return None;
    }
    if ch(toks, i + 1)? == '%' {
        return Some((2, Placeholder::Literal('%')));
    }
    let mut k = i + 1;
    let mut name = None;
    if ch(toks, k) == Some('(') {
        let mut s = String::new();
        k += 1;
        while let Some(c) = ch(toks, k) {
            k += 1;
            if c == ')' {
                break;
            }
            s.push(c);
        }
        name = Some(s);
    }
    while matches!(
        ch(toks, k),
        Some('-' | '+' | ' ' | '#' | '0'..='9' | '.' | '*' | 'h' | 'l' | 'L')
    ) {
        k += 1;
    }
    if !matches!(
        ch(toks, k)?,
        'd' | 'i'
            | 'o'
            | 'u'
            | 'x'
            | 'X'
            | 'e'
            | 'E'
            | 'f'
            | 'F'
            | 'g'
            | 'G'
            | 'c'
            | 'r'
            | 's'
            | 'a'
    ) {
        return None;
    }
    let ph = name.map_or(Placeholder::Next, Placeholder::Named);
    Some((k + 1 - i, ph))
}

/// A `str.format` placeholder: `{}`, `{0}`, `{name}`, `{name!r:>3}`, `{{`, `}}`.
fn brace_placeholder(toks: &[Tok], i: usize) -> Option<(usize, Placeholder)> {
    match ch(toks, i)? {
        '{' if ch(toks, i + 1) == Some('{') => Some((2, Placeholder::Literal('{'))),
        '}' if ch(toks, i + 1) == Some('}') => Some((2, Placeholder::Literal('}'))),
        '{' => {
            let mut k = i + 1;
            let mut field = String::new();
            while let Some(c) = ch(toks, k) {
                if c == '}' {
                    break;
                }
                field.push(c);
                k += 1;
            }
            ch(toks, k)?;
            let name = field
                .split(['!', ':', '.', '['])
                .next()
                .unwrap_or("")
                .to_string();
            let ph = if name.is_empty() {
                Placeholder::Next
            } else if let Ok(n) = name.parse() {
                Placeholder::Index(n)
            } else {
                Placeholder::Named(name)
            };
            Some((k + 1 - i, ph))
        }
        _ => None,
    }
}

/// The lines whose indentation Python refuses and tree-sitter-python accepts: an indent
/// where no block opens, a dedent to a column no enclosing block has (`IndentationError: unindent does not match any outer
/// indentation level`), and tabs and spaces mixed so that the blocks differ with a tab
/// worth eight columns and a tab worth one (`TabError`), as CPython's tokenizer checks.
/// Only the lines that start a statement or a clause count (not continuation lines
/// inside brackets, nor comments).
pub fn indentation_errors(root: Node, src: &str) -> Vec<Range<usize>> {
    // (where a line starts, may it indent: is it a block's first statement?)
    let mut starts: Vec<(usize, bool)> = Vec::new();
    let mut stack = vec![root];
    while let Some(n) = stack.pop() {
        let mut c = n.walk();
        let mut first = n.type_name() == "block";
        for ch in n.named_children(&mut c) {
            let kind = ch.type_name();
            if kind == "comment" {
                continue;
            }
            let may_indent = std::mem::take(&mut first);
            let statement = matches!(n.type_name(), "module" | "block")
                || matches!(
                    kind,
                    "elif_clause"
                        | "else_clause"
                        | "except_clause"
                        | "except_group_clause"
                        | "finally_clause"
                        | "case_clause"
                );
            if statement && crate::layout::starts_line(src, ch.start_byte()) {
                starts.push((ch.start_byte(), may_indent));
            }
            stack.push(ch);
        }
    }
    starts.sort_unstable();
    starts.dedup();
    // Each level as (columns with a tab to the next multiple of 8, columns with a tab as 1).
    let mut levels: Vec<(usize, usize)> = vec![(0, 0)];
    let mut errors = Vec::new();
    for (at, may_indent) in starts {
        let lead = &src[crate::layout::line_start(src, at)..at];
        let mut col8 = 0;
        for c in lead.chars() {
            col8 = if c == '\t' {
                (col8 / 8 + 1) * 8
            } else {
                col8 + 1
            };
        }
        let col1 = lead.chars().count();
        let &(top8, top1) = levels.last().unwrap_or(&(0, 0));
        let ok = if col8 == top8 {
            col1 == top1
        } else if col8 > top8 {
            // An indent opens a block: elsewhere, "unexpected indent".
            let ok = col1 > top1 && may_indent;
            levels.push((col8, col1));
            ok
        } else {
            while levels.len() > 1 && levels.last().is_some_and(|l| col8 < l.0) {
                levels.pop();
            }
            levels.last() == Some(&(col8, col1))
        };
        if !ok {
            let end = src[at..].find('\n').map_or(src.len(), |i| at + i);
            errors.push(at..end);
        }
    }
    errors
}

#[cfg(test)]
mod indentation_tests {
    use super::indentation_errors;
    use crate::lang::Lang;

    fn errors(text: &str) -> usize {
        let tree = crate::source::parse(Lang::Python, text).unwrap();
        indentation_errors(tree.root_node(), text).len()
    }

    #[test]
    fn valid_indentation_is_no_error() {
        let valid = [
            // Dedents by several levels, clauses, one-line bodies, decorators.
            "class A:\n    @staticmethod\n    def f(x):\n        if x:\n            for y in x:\n                pass\n        elif x is None: return 1\n        else:\n            return 2\n\n\ndef g(): return 3\n",
            // Comments and blank lines anywhere, continuation lines in brackets and after a backslash.
            "def f(a,\n        b):\n  # a comment\n        # another, deeper\n  x = [1,\n2]\n  y = 1 + \\\n      2\n    \n  return x, y\n",
            // A string's lines at column 0, try/except/finally, match/case, with.
            "def f(x):\n    s = \"\"\"\ntext\n  more\"\"\"\n    try:\n        pass\n    except ValueError as e:\n        pass\n    finally:\n        pass\n    match x:\n        case 1:\n            pass\n        case _:\n            pass\n    with open(s) as fh:\n        return fh\n",
            // Tabs used alike everywhere.
            "def f(x):\n\tif x:\n\t\treturn 1\n\treturn 2\n",
        ];
        for text in valid {
            assert_eq!(errors(text), 0, "{text}");
        }
    }

    #[test]
    fn python_s_indentation_errors_are_found() {
        let invalid = [
            // unindent does not match any outer indentation level
            "def f():\n    x = 1\n  return x\n",
            // unexpected indent
            "def f():\n    x = 1\n        return x\n",
            "x = 1\n    y = 2\n",
            // inconsistent use of tabs and spaces (TabError)
            "def f(x):\n\tif x:\n        \treturn 1\n\t\treturn 2\n",
        ];
        for text in invalid {
            assert!(errors(text) > 0, "{text}");
        }
    }
}
