//! A source file read and parsed: its text (without a BOM), its language and its tree.

use std::cell::RefCell;
use std::ops::Range;

use tree_sitter::{Node, Parser, Tree};

use crate::lang::Lang;

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

/// A parsed file.
pub struct Source {
    pub lang: Lang,
    pub text: String,
    pub tree: Tree,
}

impl Source {
    pub fn parse(lang: Lang, text: String) -> Option<Source> {
        let tree = parse(lang, &text)?;
        Some(Source { lang, text, tree })
    }

    pub fn root(&self) -> Node<'_> {
        self.tree.root_node()
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}
