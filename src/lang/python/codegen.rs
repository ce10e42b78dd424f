//! The Python code text fixes write.

use super::Python;

use crate::edit::Edit;
use crate::lang::CodeGen;
use crate::lang::NodeType;
use crate::lang::{insert, quote_of, text, Unwrap};
use crate::lang::{FieldKind, Member};
use crate::tree::Up;
use std::ops::Range;
use tree_sitter::Node;

impl CodeGen for Python {
    fn is_insertion_anchor(&self, node: Node) -> bool {
        node.type_name() == "function_definition"
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

    fn slot(&self, stmt: Node, src: &str) -> crate::lang::Slot {
        let Some(block) = stmt.up().filter(|b| b.type_name() == "block") else {
            return crate::lang::Slot::List;
        };
        if crate::layout::starts_line(src, block.start_byte()) {
            return crate::lang::Slot::List;
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
        crate::lang::Slot::HeaderLine {
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
