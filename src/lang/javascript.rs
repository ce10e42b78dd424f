//! JavaScript (and JSX): strings, template literals, `+` concatenation.

use tree_sitter::Node;

use super::{concat_operands, opaque};

use super::{escape_children, insert, text, Hole, Lang, Literal, StrExpr, Syntax, MAX_DEPTH};
use crate::flexy::Member;
use crate::rules::Edit;

pub struct JavaScript;

fn is_concat(n: Node, src: &str) -> bool {
    n.kind() == "binary_expression"
        && n.child_by_field_name("operator").map(|o| text(o, src)) == Some("+")
}

impl Syntax for JavaScript {
    fn lang(&self) -> Lang {
        Lang::JavaScript
    }

    fn is_string(&self, node: Node) -> bool {
        matches!(node.kind(), "string" | "template_string")
    }

    fn string_root<'t>(&self, literal: Node<'t>, src: &str) -> Node<'t> {
        let mut n = literal;
        while let Some(p) = n.parent() {
            if is_concat(p, src)
                || p.kind() == "parenthesized_expression" && is_concat_parent(p, src)
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
        if node.kind() != "string" && node.kind() != "template_string" {
            return None;
        }
        let mut c = node.walk();
        if node
            .children(&mut c)
            .any(|ch| ch.kind() == "template_substitution")
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
            let p = n.parent()?;
            match p.kind() {
                // process.env.X || "...", process.env.X ?? "..."
                "binary_expression"
                    if matches!(
                        p.child_by_field_name("operator").map(|o| text(o, src)),
                        Some("||" | "??")
                    ) =>
                {
                    n = p
                }
                "parenthesized_expression" | "ternary_expression" | "await_expression" => n = p,
                "variable_declarator" => {
                    return self.tail_name(p.child_by_field_name("name")?, src)
                }
                "assignment_expression" => {
                    return self.tail_name(p.child_by_field_name("left")?, src)
                }
                "field_definition" => {
                    return self.tail_name(p.child_by_field_name("property")?, src)
                }
                "pair" => return self.tail_name(p.child_by_field_name("key")?, src),
                "assignment_pattern" => return self.tail_name(p.child_by_field_name("left")?, src),
                _ => return None,
            }
        }
    }

    fn tail_name(&self, expr: Node, src: &str) -> Option<String> {
        match expr.kind() {
            "identifier"
            | "property_identifier"
            | "shorthand_property_identifier"
            | "private_property_identifier" => {
                Some(text(expr, src).trim_start_matches('#').to_string())
            }
            "member_expression" => self.tail_name(expr.child_by_field_name("property")?, src),
            "subscript_expression" => {
                let lit = self.literal(expr.child_by_field_name("index")?, src)?;
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
        matches!(node.kind(), "call_expression" | "new_expression")
    }

    fn is_scope(&self, node: Node) -> bool {
        matches!(
            node.kind(),
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
}

fn is_concat_parent(p: Node, src: &str) -> bool {
    p.parent().is_some_and(|g| is_concat(g, src))
}

fn lower_into(n: Node, src: &str, out: &mut StrExpr, depth: usize) {
    // Deep concatenations (minified bundles) become one hole rather than a deep recursion.
    if depth > MAX_DEPTH {
        return out.push_hole(opaque(n));
    }
    match n.kind() {
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
                .filter(|ch| ch.kind() == "template_substitution")
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
