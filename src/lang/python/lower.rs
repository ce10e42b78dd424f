//! Plain, raw and f-strings, implicit concatenation, `+`, `%` formatting and `str.format` lowered to [`StrExpr`](crate::lang::StrExpr).

use super::format_call_of;
use super::is_stringish;
use super::op;
use super::Python;
use super::ENV_GETTERS;
use crate::api::Tok;
use crate::lang::Lowering;
use crate::lang::{concat_operands, opaque, Field, NodeType};
use crate::lang::{escape_children, text, Hole, Literal, Placeholder, StrExpr, MAX_DEPTH};
use crate::tree::Up;
use tree_sitter::Node;

impl Lowering for Python {
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

pub(super) fn ch(toks: &[Tok], k: usize) -> Option<char> {
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
