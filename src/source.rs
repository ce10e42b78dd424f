//! A source file read and parsed: its text (without a BOM), its language and its tree.

use std::cell::RefCell;
use std::ops::Range;

use tree_sitter::{Node, Parser, Tree};

use crate::lang::Lang;
use crate::tree::Index;
pub use crate::tree::{Unparsed, Up, MAX_DEPTH, QUERY_COST_BASE, QUERY_COST_PER_BYTE};

thread_local! {
    // One parser per language per thread: `Parser::parse` needs `&mut`.
    static PARSERS: RefCell<Vec<(Lang, Parser)>> = const { RefCell::new(Vec::new()) };
}

/// Parses `text` as `lang` with this thread's parser.
pub fn parse(lang: Lang, text: &str) -> Option<Tree> {
    PARSERS.with(|p| {
        let mut p = p.borrow_mut();
        if !p.iter().any(|(l, _)| *l == lang) {
            let mut parser = Parser::new();
            parser.set_language(&lang.grammar()).ok()?;
            p.push((lang, parser));
        }
        let (_, parser) = p.iter_mut().find(|(l, _)| *l == lang)?;
        parser.parse(text, None)
    })
}

/// Ranges of ERROR and MISSING nodes.
pub fn error_ranges(tree: &Tree) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    if !tree.root_node().has_error() {
        return out;
    }
    let mut stack = vec![tree.root_node()];
    while let Some(n) = stack.pop() {
        if n.is_error() || n.is_missing() {
            out.push(n.byte_range());
            continue;
        }
        if !n.has_error() {
            continue;
        }
        let mut c = n.walk();
        stack.extend(n.children(&mut c));
    }
    out
}

/// Where a parsed text has syntax errors: its ERROR and MISSING nodes, and the errors the
/// language's parser reports that the tree does not show ([`crate::lang::Syntax::hidden_errors`]).
pub fn syntax_errors(lang: Lang, tree: &Tree, text: &str) -> Vec<Range<usize>> {
    let mut out = error_ranges(tree);
    out.extend(lang.syntax().hidden_errors(tree.root_node(), text));
    out
}

/// Python files with more indentation levels are not parsed: tree-sitter-python's scanner
/// stores two bytes per level in a 1,024-byte state and asserts past it.
pub const MAX_PYTHON_INDENT: usize = 250;

/// A parsed file.
pub struct Source {
    pub lang: Lang,
    pub text: String,
    pub tree: Tree,
    /// The tree's parent index and its named nodes in pre-order.
    index: Index,
}

impl Source {
    pub fn parse(lang: Lang, text: String) -> Result<Source, Unparsed> {
        if lang == Lang::Python {
            let levels = python_indent_levels(&text);
            if levels > MAX_PYTHON_INDENT {
                return Err(Unparsed::TooIndented { levels });
            }
        }
        let tree = parse(lang, &text).ok_or(Unparsed::Failed)?;
        let budget = QUERY_COST_BASE + QUERY_COST_PER_BYTE * text.len() as u64;
        let index = Index::build(&tree, budget)?;
        Ok(Source {
            lang,
            text,
            tree,
            index,
        })
    }

    /// The named nodes in pre-order, not descending into anonymous ones: one pass over a
    /// list, where a cursor walk costs tree-sitter's search through hidden nodes again.
    pub fn named_nodes(&self) -> impl Iterator<Item = Node<'_>> + '_ {
        self.index.named_nodes(&self.tree)
    }

    pub fn root(&self) -> Node<'_> {
        self.tree.root_node()
    }
}

/// How many indentation levels deep a Python text goes, counted from the lines' leading
/// blanks (an upper bound: lines inside brackets and strings count too).
fn python_indent_levels(text: &str) -> usize {
    let mut stack: Vec<usize> = vec![0];
    let mut most = 0;
    for line in text.lines() {
        let body = line.trim_start_matches([' ', '\t']);
        if body.is_empty() || body.starts_with('#') {
            continue;
        }
        let width = line.len() - body.len();
        while stack.last().is_some_and(|&w| w > width) {
            stack.pop();
        }
        if stack.last().is_none_or(|&w| w < width) {
            stack.push(width);
        }
        most = most.max(stack.len() - 1);
    }
    most
}

/// 1-based line and column (in characters) of a byte offset.
/// The starts of a text's lines, found once: [`LineIndex::line_col`] of many offsets of one
/// text without scanning it from its start each time.
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> LineIndex<'a> {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex { text, starts }
    }

    /// The same as [`line_col`].
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        let col = self
            .text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count())
            + 1;
        (line, col)
    }
}

pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The line index answers as the scan from the start does, at every offset (multi-byte
    /// characters, CRLF, a last line without its end, an empty text, past the end).
    #[test]
    fn line_index_agrees_with_line_col() {
        for text in [
            "",
            "a",
            "a\nb",
            "é\r\nàb\n\nx",
            "line 1\n  ümlaut 2\n\t3",
            "\n\n",
        ] {
            let index = LineIndex::new(text);
            for offset in 0..=text.len() + 2 {
                if text.is_char_boundary(offset.min(text.len())) {
                    assert_eq!(
                        index.line_col(offset),
                        line_col(text, offset),
                        "{text:?} at {offset}"
                    );
                }
            }
        }
    }

    /// Every node's indexed parent is tree-sitter's own, in trees with chains of nodes that
    /// start at one byte (`a.b.c()`, `x+y+z`), zero-width nodes and syntax errors.
    fn parents_agree(lang: Lang, text: &str) {
        let src = Source::parse(lang, text.to_string()).expect("parsed");
        let mut stack = vec![src.root()];
        let mut seen = 0;
        while let Some(n) = stack.pop() {
            assert_eq!(n.up(), n.parent(), "{n:?} in {text:?}");
            seen += 1;
            let mut c = n.walk();
            stack.extend(n.children(&mut c));
        }
        assert_eq!(seen, src.root().descendant_count(), "{text:?}");
        let listed: Vec<_> = src.named_nodes().map(|n| n.id()).collect();
        assert!(listed.contains(&src.root().id()));
        assert!(listed.len() > 1, "{text:?}");
    }

    #[test]
    fn the_index_gives_tree_sitters_parents() {
        parents_agree(
            Lang::JavaScript,
            "a.b.c(d).e(f)[g](h);\nvar s = 'x' + y + 'z' + w;",
        );
        parents_agree(Lang::JavaScript, "function f( {\n  return [1, 2, (3;\n");
        parents_agree(Lang::TypeScript, "const x: A<B<C>> = (y as any).z!;\n");
        parents_agree(
            Lang::Php,
            "<?php\n$a = $b->c['d']->e(f($g));\nif ($x) { echo \"$y->z\";\n",
        );
        parents_agree(Lang::Python, "x = a.b(c)[d].e\nif y:\n    z = (1 +\n");
    }

    #[test]
    fn named_nodes_are_in_pre_order_below_named_nodes() {
        let src = Source::parse(Lang::JavaScript, "f(a, [b, c]);".into()).expect("parsed");
        let kinds: Vec<_> = src.named_nodes().map(|n| n.kind()).collect();
        assert_eq!(
            kinds,
            [
                "program",
                "expression_statement",
                "call_expression",
                "identifier",
                "arguments",
                "identifier",
                "array",
                "identifier",
                "identifier"
            ]
        );
    }
}
