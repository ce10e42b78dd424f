//! PHP: single-quoted strings, double-quoted interpolation (`"$x"`, `"{$x}"`,
//! `"{$this->x}"`), heredoc/nowdoc, `.` concatenation and `sprintf`.

mod codegen;
mod lower;
mod modules;
mod semantics;

use crate::lang::text;
use crate::lang::{Field, NodeType};
use crate::tree::Up;
use tree_sitter::Node;

pub struct Php;

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
