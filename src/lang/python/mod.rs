//! Python: plain, raw and f-strings, implicit concatenation, `+`, `%` formatting and
//! `str.format`.

mod codegen;
mod indent;
mod lower;
mod modules;
mod semantics;
#[cfg(test)]
mod tests;

use crate::lang::text;
use crate::lang::{Field, NodeType};
use crate::tree::Up;
use tree_sitter::Node;

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
