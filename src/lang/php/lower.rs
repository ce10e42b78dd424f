//! Single-quoted strings, double-quoted interpolation, heredoc and nowdoc, `.` concatenation and `sprintf` lowered to [`StrExpr`](crate::lang::StrExpr).

use super::codegen::bare_key;
use super::format_call_of;
use super::is_concat;
use super::Php;
use crate::api::Tok;
use crate::lang::Lowering;
use crate::lang::{concat_operands, opaque, Field, NodeType};
use crate::lang::{escape_children, text, Hole, Literal, Placeholder, StrExpr, MAX_DEPTH};
use crate::tree::Up;
use tree_sitter::Node;

impl Lowering for Php {
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

    fn returned_key_path(&self, root: Node, src: &str) -> Option<Vec<String>> {
        let mut keys = Vec::new();
        let mut n = root;
        loop {
            let p = n.up()?;
            match p.type_name() {
                "array_element_initializer" if p.named_child_count() == 2 => {
                    let key = p.named_child(0)?;
                    if key == n {
                        return None;
                    }
                    keys.push(self.literal(key, src)?.value);
                    n = p;
                }
                "array_creation_expression" => n = p,
                "argument" => n = env_default_call(p, src)?,
                "return_statement" if !keys.is_empty() => {
                    // At the file's top level.
                    let top = p.up().is_some_and(|g| g.type_name() == "program");
                    keys.reverse();
                    return top.then_some(keys);
                }
                _ => return None,
            }
        }
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
                    // Laravel's env('NAME', '...'): the default, bound where the call is.
                    match env_default_call(p, src) {
                        Some(call) => n = call,
                        None => return None,
                    }
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
            // A format (`sprintf`), or a function giving back its string argument trimmed
            // (`rtrim($base, '/')`); any other call's result is not its argument
            // (`getenv('FLEXY_URL')`).
            let name = n
                .field("function")
                .map(|f| text(f, src).trim_start_matches('\\').to_ascii_lowercase());
            let format = name
                .as_deref()
                .is_some_and(|f| super::FORMAT_FUNCTIONS.contains(&f));
            let trimmed = matches!(name.as_deref(), Some("rtrim" | "trim" | "ltrim" | "strval"));
            if !format && !trimmed {
                return push_opaque(n, out);
            }
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
            if format {
                inner.apply_placeholders(printf_placeholder, &rest, &[]);
            }
            out.append(inner);
        }
        _ => push_opaque(n, out),
    }
}

/// The call `env('NAME', default)` (Laravel) whose default is argument `arg`.
fn env_default_call<'t>(arg: Node<'t>, src: &str) -> Option<Node<'t>> {
    let args = arg.up()?;
    let call = args
        .up()
        .filter(|c| c.type_name() == "function_call_expression")?;
    let f = call.field("function")?;
    (text(f, src).eq_ignore_ascii_case("env") && args.named_child(1) == Some(arg)).then_some(call)
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
