//! Strings, template literals and `+` concatenation lowered to [`StrExpr`](crate::lang::StrExpr).

use super::is_concat;
use super::JavaScript;
use crate::lang::Lowering;
use crate::lang::{concat_operands, opaque, Field, NodeType};
use crate::lang::{escape_children, text, Hole, Literal, StrExpr, MAX_DEPTH};
use crate::tree::Up;
use tree_sitter::Node;

impl Lowering for JavaScript {
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
