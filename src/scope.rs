//! The scope tree of one source: its functions and classes, each with its range and the
//! one around it, built in one pass over the syntax tree. "The innermost function (or
//! class) around a place" is a binary search and a few steps up this tree, not a walk up
//! the syntax tree from every node that asks.

use std::ops::Range;

use tree_sitter::Node;

use crate::lang::Syntax;
use crate::source::{Source, Up};

/// What a scope is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Function,
    Class,
}

/// One function or class.
#[derive(Clone, Debug)]
pub struct Scope<'t> {
    pub range: Range<usize>,
    pub kind: Kind,
    pub node: Node<'t>,
    /// The scope around it (index in [`Scopes`]).
    pub parent: Option<usize>,
}

/// Every function and class of a source, in source order (a scope before the ones inside).
#[derive(Debug, Default)]
pub struct Scopes<'t> {
    scopes: Vec<Scope<'t>>,
    /// The source's length: the file's own scope is `0..len`.
    len: usize,
}

impl<'t> Scopes<'t> {
    pub fn build(source: &'t Source, syntax: &dyn Syntax) -> Scopes<'t> {
        let mut scopes: Vec<Scope<'t>> = Vec::new();
        let mut open: Vec<usize> = Vec::new();
        for n in source.named_nodes() {
            let kind = if syntax.is_function(n) {
                Kind::Function
            } else if syntax.is_class(n) {
                Kind::Class
            } else {
                continue;
            };
            let range = n.byte_range();
            // Pre-order: the open scopes that do not contain this one are closed.
            while let Some(&top) = open.last() {
                let r = &scopes[top].range;
                if r.start <= range.start && range.end <= r.end {
                    break;
                }
                open.pop();
            }
            open.push(scopes.len());
            scopes.push(Scope {
                range,
                kind,
                node: n,
                parent: open.iter().rev().nth(1).copied(),
            });
        }
        Scopes {
            scopes,
            len: source.text.len(),
        }
    }

    /// The whole file, the scope around everything.
    pub fn file(&self) -> Range<usize> {
        0..self.len
    }

    /// The innermost scope holding all of `range` (one equal to it included).
    fn containing(&self, range: &Range<usize>) -> Option<usize> {
        let after = self
            .scopes
            .partition_point(|s| s.range.start <= range.start);
        let mut at = after.checked_sub(1)?;
        loop {
            let s = &self.scopes[at];
            if s.range.start <= range.start && range.end <= s.range.end {
                return Some(at);
            }
            at = s.parent?;
        }
    }

    /// From scope `at` outwards: it and the scopes around it.
    fn outwards(&self, at: Option<usize>) -> impl Iterator<Item = &Scope<'t>> + '_ {
        std::iter::successors(at, |&i| self.scopes[i].parent).map(|i| &self.scopes[i])
    }

    /// The scopes holding `range`, innermost first (one equal to it included).
    pub fn around(&self, range: Range<usize>) -> impl Iterator<Item = &Scope<'t>> + '_ {
        self.outwards(self.containing(&range))
    }

    /// The scopes around node `n` (its ancestors; `n` itself and a scope inside it with the
    /// same range are not), innermost first.
    pub fn enclosing<'a>(&'a self, n: Node) -> impl Iterator<Item = &'a Scope<'t>> + 'a {
        let range = n.byte_range();
        let mut at = self.containing(&range);
        // Scopes with `n`'s own range are `n`, inside it, or around it: only the last are
        // its ancestors, found among the nodes above it that keep its range.
        while let Some(i) = at {
            let s = &self.scopes[i];
            if s.range != range {
                break;
            }
            let above = std::iter::successors(n.up(), |x| x.up())
                .take_while(|x| x.byte_range() == range)
                .any(|x| x.id() == s.node.id());
            if above {
                break;
            }
            at = s.parent;
        }
        self.outwards(at)
    }

    /// The scope of a function or class node.
    pub fn of(&self, n: Node) -> Option<&Scope<'t>> {
        self.around(n.byte_range()).find(|s| s.node.id() == n.id())
    }

    /// The range of the innermost `kind` holding `range`, or the whole file.
    pub fn innermost(&self, range: Range<usize>, kind: Kind) -> Range<usize> {
        self.around(range)
            .find(|s| s.kind == kind)
            .map_or(self.file(), |s| s.range.clone())
    }

    /// The range of the innermost `kind` around node `n` (not `n` itself), or the file.
    pub fn around_node(&self, n: Node, kind: Kind) -> Range<usize> {
        self.enclosing(n)
            .find(|s| s.kind == kind)
            .map_or(self.file(), |s| s.range.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;

    #[test]
    fn the_innermost_function_and_class_are_found_by_range() {
        let text = "class A {\n  m() {\n    const f = () => x;\n  }\n}\nfunction g() {}\n";
        let source = Source::parse(Lang::JavaScript, text.to_string()).unwrap();
        let scopes = Scopes::build(&source, Lang::JavaScript.syntax());
        let x = text.find("x;").unwrap();
        let arrow = text.find("() => x").unwrap();
        assert_eq!(scopes.innermost(x..x + 1, Kind::Function).start, arrow);
        assert_eq!(scopes.innermost(x..x + 1, Kind::Class).start, 0);
        let g = text.find("function g").unwrap();
        assert_eq!(scopes.innermost(g + 12..g + 13, Kind::Function).start, g);
        assert_eq!(scopes.innermost(g..g + 1, Kind::Class), scopes.file());
        let methods: Vec<Range<usize>> = scopes
            .around(x..x + 1)
            .filter(|s| s.kind == Kind::Function)
            .map(|s| s.range.clone())
            .collect();
        assert_eq!(methods.len(), 2);
    }

    #[test]
    fn a_node_is_not_its_own_enclosing_scope() {
        let text = "function outer() { return function inner() {}; }";
        let source = Source::parse(Lang::JavaScript, text.to_string()).unwrap();
        let scopes = Scopes::build(&source, Lang::JavaScript.syntax());
        let inner = source
            .named_nodes()
            .find(|n| Lang::JavaScript.syntax().is_function(*n) && n.start_byte() > 0)
            .unwrap();
        assert_eq!(scopes.around_node(inner, Kind::Function).start, 0);
        assert_eq!(
            scopes.of(inner).map(|s| s.range.start),
            Some(inner.start_byte())
        );
    }
}
