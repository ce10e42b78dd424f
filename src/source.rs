//! A source file read and parsed: its text (without a BOM), its language and its tree.

use rustc_hash::FxHashMap;
use std::cell::RefCell;
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

/// Where a parsed text has syntax errors: its ERROR and MISSING nodes, and the errors the
/// language's parser reports that the tree does not show ([`crate::lang::Syntax::hidden_errors`]).
pub fn syntax_errors(lang: Lang, tree: &Tree, text: &str) -> Vec<Range<usize>> {
    let mut out = error_ranges(tree);
    out.extend(lang.syntax().hidden_errors(tree.root_node(), text));
    out
}

/// Why a text was not parsed, or not analysed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unparsed {
    /// The parser gave no tree (it was cancelled, or the grammar could not be loaded).
    Failed,
    /// The tree nests deeper than the analysis goes: walks up from a node cost its depth,
    /// and such a file is generated code no one migrates by hand. `depth` is where the
    /// count stopped.
    TooDeep { depth: usize },
    /// Python indented deeper than its parser can keep track of (its scanner's state
    /// overflows, which aborts the process): not parsed at all.
    TooIndented { levels: usize },
    /// The tree would cost the queries more than [`QUERY_COST_PER_BYTE`] steps a byte:
    /// `run` tokens follow each other with no named node between them (thousands of
    /// unclosed brackets), and each query visits every later one of them from each.
    TooCostly { run: usize },
}

/// Deeper trees are not analysed: real code nests a few dozen levels; a concatenation of
/// 4,000 terms nests 4,000 deep and takes seconds.
pub const MAX_DEPTH: usize = 4096;

/// The query work a file may cost, in steps a byte (plus [`QUERY_COST_BASE`]).
///
/// For each node it visits, tree-sitter's query cursor looks through the node's later
/// siblings for a named one (`ts_tree_cursor_current_status`): a run of n anonymous
/// siblings costs n²/2 steps, per query. Real code has runs of a few tokens (a `;`, a
/// `,`, brackets); 100,000 unclosed brackets make one run of 100,000 under an ERROR node,
/// 5·10⁹ steps per query, half a minute. The cost is counted on the tree, in the one walk
/// that indexes it and before any query runs, so the work per file stays linear in its
/// size and the verdict is the same on every machine.
pub const QUERY_COST_PER_BYTE: u64 = 64;

/// The query work any file may cost, however small.
pub const QUERY_COST_BASE: u64 = 4_000_000;

/// Python files with more indentation levels are not parsed: tree-sitter-python's scanner
/// stores two bytes per level in a 1,024-byte state and asserts past it.
pub const MAX_PYTHON_INDENT: usize = 250;

/// A parsed file.
pub struct Source {
    pub lang: Lang,
    pub text: String,
    pub tree: Tree,
    /// The named nodes in pre-order, below named nodes only (the order of a walk through
    /// `named_children`), recorded by the one walk that indexes the parents.
    preorder: Vec<TSNode>,
    /// Keeps the tree's parent index registered while the tree lives.
    _index: IndexGuard,
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
        let (_index, preorder) = Parents::register(&tree, budget)?;
        Ok(Source {
            lang,
            text,
            tree,
            preorder,
            _index,
        })
    }

    /// The named nodes in pre-order, not descending into anonymous ones: one pass over a
    /// list, where a cursor walk costs tree-sitter's search through hidden nodes again.
    pub fn named_nodes(&self) -> impl Iterator<Item = Node<'_>> + '_ {
        // SAFETY: the nodes belong to `self.tree`, which lives as long as `self`.
        self.preorder.iter().map(|&n| unsafe { Node::from_raw(n) })
    }

    pub fn root(&self) -> Node<'_> {
        self.tree.root_node()
    }
}

/// Removes a tree's index from this thread's registry when its [`Source`] goes. Not
/// `Send`: the registry is the thread's own, so a `Source` stays on the thread that parsed
/// it (a stale entry could otherwise outlive its tree).
struct IndexGuard(usize, std::marker::PhantomData<*const ()>);

impl Drop for IndexGuard {
    fn drop(&mut self) {
        let key = self.0;
        PARENTS.with(|w| w.borrow_mut().retain(|e| e.tree != key));
    }
}

/// A node's parent, in constant time.
///
/// tree-sitter's `Node::parent` walks down from the root and, at each level, scans the
/// children before the one holding the node: it costs the number of siblings along the
/// way, so asking for parents in a file of thousands of top-level statements (a bundle, a
/// generated file) is quadratic, and even in ordinary code each call costs the node's depth
/// times the width of its ancestors. Every node's parent is recorded when a [`Source`] is
/// parsed (one pass, about 48 bytes a node) and looked up here. Every parent lookup goes
/// through this trait.
pub trait Up<'t> {
    fn up(&self) -> Option<Node<'t>>;
}

impl<'t> Up<'t> for Node<'t> {
    fn up(&self) -> Option<Node<'t>> {
        Parents::parent(*self)
    }
}

/// Per tree parsed by this thread and still alive: each node's parent.
struct Parents {
    tree: usize,
    /// Node id -> its parent; the root has none.
    parent: FxHashMap<usize, TSNode>,
}

thread_local! {
    static PARENTS: RefCell<Vec<Parents>> = const { RefCell::new(Vec::new()) };
}

fn tree_key(tree: &Tree) -> usize {
    tree.root_node().into_raw().tree as usize
}

impl Parents {
    /// Indexes `tree`, and lists its named nodes in pre-order (see
    /// [`Source::named_nodes`]); or why not: its depth is over [`MAX_DEPTH`], or its
    /// query cost over `budget` (see [`QUERY_COST_PER_BYTE`]).
    fn register(tree: &Tree, budget: u64) -> Result<(IndexGuard, Vec<TSNode>), Unparsed> {
        let mut parent = FxHashMap::default();
        let mut named = Vec::new();
        let mut cursor = tree.walk();
        // The ancestors of the cursor's node: a pre-order walk never asks for a parent.
        let mut path: Vec<TSNode> = Vec::new();
        // How many of them are anonymous: nodes below one are not listed.
        let mut anonymous = 0usize;
        // The anonymous siblings just before the cursor's node, for each level of `path`
        // (the run the node extends), the longest run, and the query cost so far.
        let mut runs: Vec<usize> = vec![0];
        let mut longest = 0usize;
        let mut cost = 0u64;
        'walk: loop {
            let node = cursor.node();
            if path.len() > MAX_DEPTH {
                return Err(Unparsed::TooDeep { depth: path.len() });
            }
            if let Some(&p) = path.last() {
                parent.insert(node.id(), p);
            }
            if let Some(run) = runs.last_mut() {
                if node.is_named() {
                    *run = 0;
                } else {
                    *run += 1;
                    cost += *run as u64;
                    longest = longest.max(*run);
                }
            }
            if cost > budget {
                return Err(Unparsed::TooCostly { run: longest });
            }
            if anonymous == 0 && node.is_named() {
                named.push(node.into_raw());
            }
            if cursor.goto_first_child() {
                path.push(node.into_raw());
                runs.push(0);
                anonymous += usize::from(!node.is_named());
                continue;
            }
            while !cursor.goto_next_sibling() {
                if !cursor.goto_parent() {
                    break 'walk;
                }
                runs.pop();
                if let Some(p) = path.pop() {
                    // SAFETY: `p` is a node of `tree`, borrowed here.
                    anonymous -= usize::from(!unsafe { Node::from_raw(p) }.is_named());
                }
            }
        }
        let entry = Parents {
            tree: tree_key(tree),
            parent,
        };
        let guard = IndexGuard(entry.tree, std::marker::PhantomData);
        PARENTS.with(|w| w.borrow_mut().push(entry));
        Ok((guard, named))
    }

    fn parent(n: Node) -> Option<Node> {
        let key = n.into_raw().tree as usize;
        PARENTS.with(|w| {
            let w = w.borrow();
            let Some(index) = w.iter().find(|e| e.tree == key) else {
                return n.parent();
            };
            let p = *index.parent.get(&n.id())?;
            // SAFETY: the index belongs to `n`'s tree, which is alive while `n` is: the
            // entry is removed when its `Source` is dropped.
            Some(unsafe { Node::from_raw(p) })
        })
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
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}
