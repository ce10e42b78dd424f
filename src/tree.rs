//! The parent index of a syntax tree: every node's parent recorded in the one walk that
//! also counts the tree's depth and query cost, so walking up is a lookup. It sits below
//! the language modules and [`crate::source`], which builds it when it parses a file.

use std::cell::RefCell;
use std::rc::Rc;

use tree_sitter::ffi::TSNode;
use tree_sitter::{Node, Tree};

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

/// A tree's parent index, registered for this thread while it lives, with the tree's named
/// nodes in pre-order.
pub struct Index {
    /// The named nodes in pre-order, below named nodes only (the order of a walk through
    /// `named_children`), as positions in `nodes`, recorded by the one walk that indexes
    /// the parents.
    preorder: Vec<u32>,
    /// The tree's nodes in pre-order, shared with the thread's registry.
    nodes: Rc<Vec<Raw>>,
    /// The indexed tree's address.
    key: usize,
    /// Keeps the index registered while the tree lives.
    _guard: IndexGuard,
}

impl Index {
    /// Indexes `tree`, refusing it when it is deeper than [`MAX_DEPTH`] or its queries
    /// would cost more than `budget` steps.
    pub fn build(tree: &Tree, budget: u64) -> Result<Index, Unparsed> {
        let (_guard, nodes, preorder) = Parents::register(tree, budget)?;
        Ok(Index {
            preorder,
            nodes,
            key: tree_key(tree),
            _guard,
        })
    }

    /// The named nodes of `tree` (the one indexed) in pre-order, not descending into
    /// anonymous ones.
    pub fn named_nodes<'t>(&'t self, tree: &'t Tree) -> impl Iterator<Item = Node<'t>> + 't {
        let key = tree_key(tree);
        assert_eq!(
            key, self.key,
            "an index gives the nodes of its own tree only"
        );
        self.preorder
            .iter()
            // SAFETY: the nodes belong to `tree`, which outlives the iterator.
            .map(move |&i| unsafe { Node::from_raw(self.nodes[i as usize].node(key)) })
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

/// A node's parent, in logarithmic time.
///
/// tree-sitter's `Node::parent` walks down from the root and, at each level, scans the
/// children before the one holding the node: it costs the number of siblings along the
/// way, so asking for parents in a file of thousands of top-level statements (a bundle, a
/// generated file) is quadratic, and even in ordinary code each call costs the node's depth
/// times the width of its ancestors. Every node's parent is recorded when a [`Source`] is
/// parsed (one pass, 28 bytes a node: a third of what tree-sitter's own tree takes) and
/// looked up here. Every parent lookup goes through this trait.
pub trait Up<'t> {
    fn up(&self) -> Option<Node<'t>>;
}

impl<'t> Up<'t> for Node<'t> {
    fn up(&self) -> Option<Node<'t>> {
        Parents::parent(*self)
    }
}

/// A node without its tree, which is the same for every node of one index: what
/// tree-sitter's node holds but for the tree's address.
#[derive(Clone, Copy)]
struct Raw {
    /// The start byte, the start point and the alias, as tree-sitter keeps them.
    context: [u32; 4],
    id: *const std::ffi::c_void,
}

impl Raw {
    fn of(n: Node) -> Raw {
        let raw = n.into_raw();
        Raw {
            context: raw.context,
            id: raw.id,
        }
    }

    fn start(&self) -> u32 {
        self.context[0]
    }

    fn node(&self, tree: usize) -> TSNode {
        TSNode {
            context: self.context,
            id: self.id,
            tree: tree as *const _,
        }
    }
}

/// Per tree parsed by this thread and still alive: each node's parent.
struct Parents {
    tree: usize,
    /// Every node of the tree in pre-order, so sorted by start byte and, among nodes that
    /// start together, ancestors first.
    nodes: Rc<Vec<Raw>>,
    /// The position in `nodes` of each node's parent; the root's is `u32::MAX`.
    parent: Vec<u32>,
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
    #[allow(clippy::type_complexity)]
    fn register(
        tree: &Tree,
        budget: u64,
    ) -> Result<(IndexGuard, Rc<Vec<Raw>>, Vec<u32>), Unparsed> {
        // The count is kept in the tree: the lists are allocated once, at their size.
        let count = tree.root_node().descendant_count();
        if count >= u32::MAX as usize {
            return Err(Unparsed::Failed);
        }
        let mut nodes: Vec<Raw> = Vec::with_capacity(count);
        let mut parent: Vec<u32> = Vec::with_capacity(count);
        let mut named = Vec::new();
        let mut cursor = tree.walk();
        // The positions of the cursor's node's ancestors: a pre-order walk never asks for
        // a parent.
        let mut path: Vec<u32> = Vec::new();
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
            let at = nodes.len() as u32;
            nodes.push(Raw::of(node));
            parent.push(path.last().copied().unwrap_or(u32::MAX));
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
                named.push(at);
            }
            if cursor.goto_first_child() {
                path.push(at);
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
                    anonymous -= usize::from(!Raw::is_named_at(&nodes, p, tree));
                }
            }
        }
        named.shrink_to_fit();
        let nodes = Rc::new(nodes);
        let entry = Parents {
            tree: tree_key(tree),
            nodes: nodes.clone(),
            parent,
        };
        let guard = IndexGuard(entry.tree, std::marker::PhantomData);
        PARENTS.with(|w| w.borrow_mut().push(entry));
        Ok((guard, nodes, named))
    }

    /// Where `n` is in `nodes`: among the nodes that start where it does (a chain of
    /// ancestors, outermost first), the one with its id.
    fn position(&self, n: Node) -> Option<usize> {
        let start = n.start_byte() as u32;
        let id = n.into_raw().id;
        let first = self.nodes.partition_point(|r| r.start() < start);
        self.nodes[first..]
            .iter()
            .take_while(|r| r.start() == start)
            .position(|r| r.id == id)
            .map(|i| first + i)
    }

    fn parent(n: Node) -> Option<Node> {
        let key = n.into_raw().tree as usize;
        PARENTS.with(|w| {
            let w = w.borrow();
            let Some(index) = w.iter().find(|e| e.tree == key) else {
                return n.parent();
            };
            let Some(at) = index.position(n) else {
                return n.parent();
            };
            let p = *index.nodes.get(*index.parent.get(at)? as usize)?;
            // SAFETY: the index belongs to `n`'s tree, which is alive while `n` is: the
            // entry is removed when its `Source` is dropped.
            Some(unsafe { Node::from_raw(p.node(key)) })
        })
    }
}

impl Raw {
    fn is_named_at(nodes: &[Raw], at: u32, tree: &Tree) -> bool {
        let key = tree_key(tree);
        // SAFETY: `nodes` index `tree`, borrowed here.
        unsafe { Node::from_raw(nodes[at as usize].node(key)) }.is_named()
    }
}
