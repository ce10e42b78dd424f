//! PHP: single-quoted strings, double-quoted interpolation (`"$x"`, `"{$x}"`,
//! `"{$this->x}"`), heredoc/nowdoc, `.` concatenation and `sprintf`.

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

pub struct Php;

/// The v3 error a wrapper migrated at the wrapper throws: code, message, details and
/// requestId (PHP's own exception code must be an integer, so the code has its own field).
const PHP_ERROR_CLASS: &str = r#"/**
 * A Flexy API v3 error response: its code, message, details and request id.
 */
class FlexyApiException extends \RuntimeException
{
    /** @var string|null */
    public $errorCode;
    /** @var array */
    public $details;
    /** @var string|null */
    public $requestId;

    public function __construct($response)
    {
        $response = json_decode(json_encode($response), true);
        $error = isset($response['error']) && is_array($response['error']) ? $response['error'] : array();
        parent::__construct(isset($error['message']) ? $error['message'] : 'Flexy API error');
        $this->errorCode = isset($error['code']) ? $error['code'] : null;
        $this->details = isset($error['details']) ? $error['details'] : array();
        $this->requestId = isset($response['requestId']) ? $response['requestId'] : null;
    }
}"#;

/// A class name without its namespace (`\\App\\ApiException` is `ApiException`).
fn short_name(name: &str) -> String {
    name.rsplit('\\').next().unwrap_or(name).to_string()
}

const FORMAT_FUNCTIONS: &[&str] = &["sprintf", "vsprintf", "printf"];

fn is_concat(n: Node, src: &str) -> bool {
    n.type_name() == "binary_expression" && n.field("operator").map(|o| text(o, src)) == Some(".")
}

/// `sprintf(<literal>, ...)`: the call, when `arg` is its first argument.
fn format_call_of<'t>(literal: Node<'t>, src: &str) -> Option<Node<'t>> {
    let arg = literal.up().filter(|p| p.type_name() == "argument")?;
    let args = arg.up().filter(|p| p.type_name() == "arguments")?;
    let call = args
        .up()
        .filter(|p| p.type_name() == "function_call_expression")?;
    let f = call.field("function")?;
    if !FORMAT_FUNCTIONS.contains(&text(f, src).to_ascii_lowercase().as_str()) {
        return None;
    }
    (args.named_child(0)? == arg).then_some(call)
}

impl Syntax for Php {
    fn lang(&self) -> Lang {
        Lang::Php
    }

    fn is_string(&self, node: Node) -> bool {
        matches!(
            node.type_name(),
            "string" | "encapsed_string" | "heredoc" | "nowdoc"
        )
    }

    fn string_root<'t>(&self, literal: Node<'t>, src: &str) -> Node<'t> {
        let mut n = literal;
        loop {
            if let Some(call) = format_call_of(n, src) {
                n = call;
                continue;
            }
            match n.up() {
                Some(p) if is_concat(p, src) => n = p,
                Some(p)
                    if p.type_name() == "parenthesized_expression"
                        && p.up().is_some_and(|g| is_concat(g, src)) =>
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
        // `"$x[f]"`: the key is the bare name.
        if node.type_name() == "name" && bare_key(node) {
            return Some(Literal {
                value: text(node, src).to_string(),
                inner: node.byte_range(),
            });
        }
        if !matches!(node.type_name(), "string" | "encapsed_string") {
            return None;
        }
        let mut c = node.walk();
        if node
            .named_children(&mut c)
            .any(|ch| !matches!(ch.type_name(), "string_content" | "escape_sequence"))
        {
            return None;
        }
        let t = text(node, src);
        let open = t.find(['\'', '"'])?;
        let inner = node.start_byte() + open + 1..node.end_byte().saturating_sub(1);
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
                "binary_expression"
                    if matches!(
                        p.field("operator").map(|o| text(o, src)),
                        Some("??" | "?:" | "||" | "or")
                    ) =>
                {
                    n = p
                }
                "conditional_expression" | "parenthesized_expression" => n = p,
                "assignment_expression" | "assignment_reference_expression" => {
                    return self.tail_name(p.field("left")?, src)
                }
                "const_element" => return p.named_child(0).map(|c| text(c, src).to_string()),
                "property_element" => return self.tail_name(p.field("name")?, src),
                "property_promotion_parameter" | "simple_parameter" => {
                    return self.tail_name(p.field("name")?, src)
                }
                "array_element_initializer" if p.named_child_count() == 2 => {
                    let key = p.named_child(0)?;
                    return (key != n).then(|| self.literal(key, src).map(|l| l.value))?;
                }
                "argument" => {
                    // define('NAME', '...')
                    let args = p.up()?;
                    let call = args.up()?;
                    let f = call.field("function")?;
                    if call.type_name() == "function_call_expression"
                        && text(f, src).eq_ignore_ascii_case("define")
                        && args.named_child(1) == Some(p)
                    {
                        let name = args.named_child(0)?.named_child(0)?;
                        return self.literal(name, src).map(|l| l.value);
                    }
                    return None;
                }
                _ => return None,
            }
        }
    }

    fn tail_name(&self, expr: Node, src: &str) -> Option<String> {
        match expr.type_name() {
            "variable_name" => Some(text(expr, src).trim_start_matches('$').to_string()),
            "name" => Some(text(expr, src).to_string()),
            "member_access_expression" | "nullsafe_member_access_expression" => {
                self.tail_name(expr.field("name")?, src)
            }
            "class_constant_access_expression" | "scoped_property_access_expression" => {
                let last = expr.named_child((expr.named_child_count() as u32).checked_sub(1)?)?;
                self.tail_name(last, src)
            }
            "subscript_expression" => {
                let key = expr.named_child(1)?;
                self.literal(key, src).map(|l| l.value)
            }
            "parenthesized_expression" => self.tail_name(expr.named_child(0)?, src),
            _ => None,
        }
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

    fn quote(&self, text: &str) -> String {
        format!("'{text}'")
    }

    fn error_code_read(&self, read: &Member, src: &str) -> Vec<Edit> {
        let code = match read.kind {
            FieldKind::Dot => "->code".to_string(),
            _ => {
                let q = quote_of(read.field, src);
                format!("[{q}code{q}]")
            }
        };
        // Inside `"{$r['error']}"` only a plain read is allowed.
        let mut n = read.read.up();
        while let Some(p) = n {
            if matches!(p.type_name(), "encapsed_string" | "heredoc") {
                return vec![insert(read.read.end_byte(), code)];
            }
            if p.type_name().ends_with("statement") {
                break;
            }
            n = p.up();
        }
        vec![
            insert(read.read.start_byte(), "("),
            insert(read.read.end_byte(), format!("{code} ?? null)")),
        ]
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
        let index = super::positional_index(args, arg, &[])?;
        // `new FlexyException(...)`, `new \Acme\FlexyException(...)`: a class of this file.
        let mut c = call.walk();
        let class_node = call
            .named_children(&mut c)
            .find(|n| matches!(n.type_name(), "name" | "qualified_name"))?;
        let class = text(class_node, src).rsplit('\\').next()?.to_string();
        let decl = super::find_node(root, |n| {
            n.type_name() == "class_declaration"
                && n.field("name").is_some_and(|id| text(id, src) == class)
        })?;
        let ctor = super::find_node(decl.field("body")?, |n| {
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
        let stored = super::find_node(ctor.field("body")?, |n| {
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

    fn pattern_entries(&self, pattern: Node, src: &str) -> Option<Vec<super::PatternEntry>> {
        if pattern.type_name() != "list_literal" {
            return None;
        }
        // `['a' => $a, 'b' => ['c' => $c]]`: keys and values alternate.
        let mut c = pattern.walk();
        let parts: Vec<Node> = pattern
            .named_children(&mut c)
            .filter(|p| p.type_name() != "comment")
            .collect();
        if parts.is_empty() || parts.len() % 2 != 0 {
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
            out.push(super::PatternEntry {
                range: pair[0].start_byte()..value.end_byte(),
                key,
                local_range: value.byte_range(),
                defaulted: false,
            });
        }
        Some(out)
    }

    fn pattern_entry(&self, key: &str, local: &str) -> String {
        format!("'{key}' => {local}")
    }

    fn pattern_of(&self, like: Node, entries: &str, src: &str) -> String {
        if text(like, src).starts_with('[') {
            format!("[{entries}]")
        } else {
            format!("list({entries})")
        }
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
        let decl = super::find_node(root, |n| {
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
        let passes = super::find_node(*ctor, |n| {
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
            // `json_decode($raw, true) ?? []`: the body, or nothing to read.
            "binary_expression"
                if node
                    .field("operator")
                    .is_some_and(|o| matches!(o.type_name(), "??" | "?:"))
                    && node.field("right").is_some_and(|r| {
                        r.type_name() == "array_creation_expression" && r.named_child_count() == 0
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

    fn slot(&self, stmt: Node, _src: &str) -> super::Slot {
        match stmt.up().map(|p| p.type_name()) {
            Some(
                "compound_statement" | "program" | "colon_block" | "case_statement"
                | "default_statement",
            ) => super::Slot::List,
            // `if (...) return ...;`, `else`, `elseif`, loops, `declare`: one statement.
            _ => super::Slot::Lone,
        }
    }

    fn complete_edits(&self, root: Node, src: &str, edits: &mut Vec<Edit>) {
        brace_interpolations(root, src, edits);
    }

    fn unwrap_return(&self, u: &Unwrap) -> String {
        let (i, un) = (u.indent, u.unit);
        let (head, r) = match u.name {
            Some(r) => (String::new(), r.to_string()),
            None => {
                let v = format!("${}", u.var);
                (format!("{v} = {};\n{i}", u.value), v)
            }
        };
        let (success, data) = if u.objects {
            (format!("{r}->success"), format!("{r}->data"))
        } else {
            (format!("{r}['success']"), format!("{r}['data']"))
        };
        let check = if u.raise {
            format!(
                "if (empty({success})) {{\n{i}{un}throw new FlexyApiException({r});\n{i}}}\n{i}"
            )
        } else {
            String::new()
        };
        format!("{head}{check}return {data};")
    }

    fn error_class(&self, parent: Option<&str>) -> Option<(&'static str, String)> {
        let base = parent.map_or("\\RuntimeException".to_string(), |p| p.to_string());
        Some((
            "FlexyApiException",
            PHP_ERROR_CLASS.replace("extends \\RuntimeException", &format!("extends {base}")),
        ))
    }

    fn response_field(&self, name: &str) -> Option<bool> {
        match name {
            "body" => Some(false),
            _ => None,
        }
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

    fn path_suffix(
        &self,
        path: &[&str],
        like: Option<&Member>,
        _at: Node,
        objects: bool,
        src: &str,
    ) -> String {
        let (arrow, q) = match like {
            Some(m) if m.kind == FieldKind::Dot => {
                let nullsafe = m.read.type_name() == "nullsafe_member_access_expression";
                (Some(if nullsafe { "?->" } else { "->" }), '\'')
            }
            Some(m) if bare_key(m.field) => (None, '\''),
            Some(m) => (None, quote_of(m.field, src)),
            None if objects => (Some("->"), '\''),
            None => (None, '\''),
        };
        path.iter()
            .map(|f| match arrow {
                Some(a) => format!("{a}{f}"),
                None => format!("[{q}{f}{q}]"),
            })
            .collect()
    }
}

/// Pushes the content of an interpolating string (the children of `encapsed_string`,
/// `heredoc_body`): text, escapes, and `$x` / `{$x}` / `${x}` holes with their braces.
fn lower_interpolated(n: Node, src: &str, out: &mut StrExpr) {
    let mut c = n.walk();
    let mut open: Option<usize> = None;
    for ch in n.children(&mut c) {
        match ch.type_name() {
            "string_content" | "string_value" => {
                out.push_text(src, ch.byte_range(), &escape_children(ch));
            }
            "escape_sequence" => out.push_text(src, ch.byte_range(), &[ch.byte_range()]),
            "{" | "${" => open = Some(ch.start_byte()),
            "}" => {
                if let Some(h) = out.holes.last_mut() {
                    h.span.end = ch.end_byte();
                    if let Some(s) = out.spans.last_mut() {
                        s.end = ch.end_byte();
                    }
                }
            }
            "\"" | "'" | "$" => {}
            _ if ch.is_named() => out.push_hole(Hole {
                span: open.take().unwrap_or(ch.start_byte())..ch.end_byte(),
                expr: Some(ch.byte_range()),
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
        "string" | "encapsed_string" => lower_interpolated(n, src, out),
        "heredoc" | "nowdoc" => {
            let mut c = n.walk();
            for ch in n.named_children(&mut c) {
                if matches!(ch.type_name(), "heredoc_body" | "nowdoc_body") {
                    lower_interpolated(ch, src, out);
                }
            }
        }
        "binary_expression" if is_concat(n, src) => {
            // Left-nested chains (`a + b + c ...`) are walked in a loop, not recursively.
            for o in concat_operands(n, |c| is_concat(c, src)) {
                lower_into(o, src, out, depth + 1);
            }
        }
        "parenthesized_expression" if n.named_child(0).is_some_and(|c| is_concat(c, src)) => {
            lower_into(n.named_child(0).unwrap(), src, out, depth + 1)
        }
        "function_call_expression" => {
            let Some(args) = n.field("arguments") else {
                return push_opaque(n, out);
            };
            let mut c = args.walk();
            let list: Vec<Node> = args.named_children(&mut c).collect();
            let Some(fmt) = list.first().and_then(|a| a.named_child(0)) else {
                return push_opaque(n, out);
            };
            if !matches!(fmt.type_name(), "string" | "encapsed_string") {
                return push_opaque(n, out);
            }
            let mut inner = StrExpr {
                root: n.byte_range(),
                ..Default::default()
            };
            lower_into(fmt, src, &mut inner, depth + 1);
            let rest: Vec<_> = list[1..]
                .iter()
                .filter_map(|a| a.named_child(0).map(|e| e.byte_range()))
                .collect();
            inner.apply_placeholders(printf_placeholder, &rest, &[]);
            out.append(inner);
        }
        _ => push_opaque(n, out),
    }
}

fn push_opaque(n: Node, out: &mut StrExpr) {
    out.push_hole(opaque(n));
}

/// A printf placeholder at `toks[i]`: `%s`, `%1$s`, `%05.2f`, `%%`.
pub(crate) fn printf_placeholder(toks: &[Tok], i: usize) -> Option<(usize, Placeholder)> {
    let ch = |k: usize| match toks.get(k) {
        Some(Tok::Ch(c)) => Some(*c),
        _ => None,
    };
    if ch(i)? != '%' {
        return None;
    }
    if ch(i + 1)? == '%' {
        return Some((2, Placeholder::Literal('%')));
    }
    let mut k = i + 1;
    let mut index = None;
    let mut digits = 0usize;
    let start = k;
    while let Some(c @ '0'..='9') = ch(k) {
        digits = digits * 10 + c.to_digit(10)? as usize;
        k += 1;
    }
    if k > start && ch(k) == Some('$') {
        index = Some(digits.checked_sub(1)?);
        k += 1;
    } else {
        k = start;
    }
    while let Some(c) = ch(k) {
        if matches!(c, '-' | '+' | ' ' | '0') {
            k += 1;
        } else if c == '\'' {
            k += 2;
        } else {
            break;
        }
    }
    while matches!(ch(k), Some('0'..='9' | '.')) {
        k += 1;
    }
    if !matches!(
        ch(k)?,
        'b' | 'c' | 'd' | 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'o' | 's' | 'u' | 'x' | 'X'
    ) {
        return None;
    }
    let ph = index.map_or(Placeholder::Next, Placeholder::Index);
    Some((k + 1 - i, ph))
}

/// Is this name the key of a subscript in a string's simple interpolation (`"$x[f]"`)?
fn bare_key(n: Node) -> bool {
    n.type_name() == "name"
        && n.up().is_some_and(|p| {
            p.type_name() == "subscript_expression"
                && p.named_child(1) == Some(n)
                && p.up()
                    .is_some_and(|s| matches!(s.type_name(), "encapsed_string" | "heredoc_body"))
        })
}

/// The simple interpolation (`$x`, `$x->f`, `$x[f]` in a string, not inside `{...}`)
/// holding `range`, its ends included.
fn simple_interpolation<'t>(root: Node<'t>, range: &Range<usize>) -> Option<Node<'t>> {
    let mut n = root.descendant_for_byte_range(range.start, range.end)?;
    let string = loop {
        if matches!(n.type_name(), "encapsed_string" | "heredoc_body") {
            break n;
        }
        n = n.up()?;
    };
    let mut c = string.walk();
    let found = string.children(&mut c).find(|x| {
        matches!(
            x.type_name(),
            "variable_name"
                | "member_access_expression"
                | "nullsafe_member_access_expression"
                | "subscript_expression"
        ) && x.start_byte() <= range.start
            && range.end <= x.end_byte()
            && x.prev_sibling().is_none_or(|p| p.type_name() != "{")
    });
    found
}

/// PHP's simple interpolation reads one property or one key: `"$o->data->balance"` is
/// `$o->data` and the text `->balance`, and `"$a['data'][balance]"` does not parse. An edit
/// inside one (a read moved under `data`, a key renamed) turns it into the complex form:
/// `{$o->data->balance}`, `{$a['data']['balance']}` (a bare key quoted). Heredocs alike.
fn brace_interpolations(root: Node, src: &str, edits: &mut Vec<Edit>) {
    let mut done: Vec<Range<usize>> = Vec::new();
    let mut added: Vec<Edit> = Vec::new();
    for k in 0..edits.len() {
        let Some(x) = simple_interpolation(root, &edits[k].range) else {
            continue;
        };
        if done.contains(&x.byte_range()) {
            continue;
        }
        done.push(x.byte_range());
        // A bare key becomes a quoted one: in the edit that replaces it, or by its own.
        if let Some(key) = x.named_child(1).filter(|n| bare_key(*n)) {
            match edits.iter_mut().find(|e| e.range == key.byte_range()) {
                Some(e) => e.content = format!("'{}'", e.content),
                None => added.push(Edit {
                    range: key.byte_range(),
                    content: format!("'{}'", text(key, src)),
                }),
            }
        }
        // The braces join an insertion already at either end (so nothing lands between).
        let (start, end) = (x.start_byte(), x.end_byte());
        match edits.iter_mut().find(|e| e.range == (start..start)) {
            Some(e) => e.content.insert(0, '{'),
            None => added.push(insert(start, "{")),
        }
        match edits.iter_mut().find(|e| e.range == (end..end)) {
            Some(e) => e.content.push('}'),
            None => added.push(insert(end, "}")),
        }
    }
    edits.extend(added);
}
