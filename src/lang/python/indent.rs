//! Python's indentation errors, which tree-sitter-python does not report.

use crate::lang::NodeType;
use std::ops::Range;
use tree_sitter::Node;

/// The lines whose indentation Python refuses and tree-sitter-python accepts: an indent
/// where no block opens, a dedent to a column no enclosing block has (`IndentationError: unindent does not match any outer
/// indentation level`), and tabs and spaces mixed so that the blocks differ with a tab
/// worth eight columns and a tab worth one (`TabError`), as CPython's tokenizer checks.
/// Only the lines that start a statement or a clause count (not continuation lines
/// inside brackets, nor comments).
pub(super) fn indentation_errors(root: Node, src: &str) -> Vec<Range<usize>> {
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
