//! A source file read and parsed: its text (without a BOM), its language and its tree.

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;

use tree_sitter::ffi::TSNode;
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
    /// Keeps the tree's wide-node index registered while the tree lives.
    _index: IndexGuard,
}

impl Source {
    pub fn parse(lang: Lang, text: String) -> Option<Source> {
        let tree = parse(lang, &text)?;
        let _index = WideNodes::register(&tree);
        Some(Source {
            lang,
            text,
            tree,
            _index,
        })
    }

    pub fn root(&self) -> Node<'_> {
        self.tree.root_node()
    }
}

/// Removes a tree's index from this thread's registry when its [`Source`] goes.
struct IndexGuard(usize);

impl Drop for IndexGuard {
    fn drop(&mut self) {
        let key = self.0;
        WIDE_NODES.with(|w| w.borrow_mut().retain(|e| e.tree != key));
    }
}

/// A node's parent, in time bounded by the tree's depth.
///
/// tree-sitter's `Node::parent` walks down from the root and, at each level, scans the
/// children before the one holding the node: it costs the number of siblings along the
/// way, so asking for parents in a file of thousands of top-level statements (a bundle, a
/// generated file) is quadratic. The children of wide nodes are indexed when a [`Source`]
/// is parsed, and found here by binary search. Every parent lookup goes through this trait.
pub trait Up<'t> {
    fn up(&self) -> Option<Node<'t>>;
}

impl<'t> Up<'t> for Node<'t> {
    fn up(&self) -> Option<Node<'t>> {
        WideNodes::parent(*self)
    }
}

/// A node with more children than this has them indexed.
const WIDE: u32 = 16;

/// Per tree parsed by this thread and still alive: the children of its wide nodes.
struct WideNodes {
    tree: usize,
    root: TSNode,
    /// Node id -> its children (start, end, node), in order.
    children: HashMap<usize, Vec<(usize, usize, TSNode)>>,
}

thread_local! {
    static WIDE_NODES: RefCell<Vec<WideNodes>> = const { RefCell::new(Vec::new()) };
}

fn tree_key(tree: &Tree) -> usize {
    tree.root_node().into_raw().tree as usize
}

impl WideNodes {
    fn register(tree: &Tree) -> IndexGuard {
        let mut children = HashMap::new();
        let mut cursor = tree.walk();
        // A pre-order walk with the cursor: parents are never asked for.
        'walk: loop {
            let node = cursor.node();
            if node.child_count() > WIDE {
                let list = node
                    .children(&mut node.walk())
                    .map(|c| (c.start_byte(), c.end_byte(), c.into_raw()))
                    .collect();
                children.insert(node.id(), list);
            }
            if cursor.goto_first_child() {
                continue;
            }
            while !cursor.goto_next_sibling() {
                if !cursor.goto_parent() {
                    break 'walk;
                }
            }
        }
        let entry = WideNodes {
            tree: tree_key(tree),
            root: tree.root_node().into_raw(),
            children,
        };
        let guard = IndexGuard(entry.tree);
        WIDE_NODES.with(|w| w.borrow_mut().push(entry));
        guard
    }

    fn parent(n: Node) -> Option<Node> {
        let key = n.into_raw().tree as usize;
        WIDE_NODES.with(|w| {
            let w = w.borrow();
            let Some(index) = w.iter().find(|e| e.tree == key) else {
                return n.parent();
            };
            // SAFETY: the index belongs to `n`'s tree, which is alive while `n` is: the
            // entry is removed when its `Source` is dropped.
            let mut node: Node = unsafe { Node::from_raw(index.root) };
            if node.id() == n.id() {
                return None;
            }
            // As `ts_node_parent` does, one level at a time, with the wide levels searched.
            loop {
                let next = index
                    .children
                    .get(&node.id())
                    .and_then(|list| holder(list, n))
                    // SAFETY: as above.
                    .map(|raw| unsafe { Node::from_raw(raw) })
                    .or_else(|| node.child_with_descendant(n));
                match next {
                    Some(c) if c.id() != n.id() => node = c,
                    _ => return Some(node),
                }
            }
        })
    }
}

/// The child of `list` holding `n`, when a binary search can tell; `None` leaves it to
/// tree-sitter (zero-width nodes make siblings share a position).
fn holder(list: &[(usize, usize, TSNode)], n: Node) -> Option<TSNode> {
    let (s, e) = (n.start_byte(), n.end_byte());
    if s == e {
        return None;
    }
    let first = list.partition_point(|c| c.1 < e);
    let mut found = None;
    for c in list[first..].iter().take_while(|c| c.0 <= s) {
        if c.0 < c.1 && c.0 <= s && e <= c.1 {
            if found.is_some() {
                return None;
            }
            found = Some(c.2);
        }
    }
    found
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
