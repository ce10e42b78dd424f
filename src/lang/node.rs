//! Reading tree-sitter nodes: their type names and fields without tree-sitter's own checks,
//! their text, and the walks the languages and rules share.

use tree_sitter::Node;

use super::{Lang, Semantics};
use crate::edit::Edit;
use crate::tree::Up;

/// The first node under `root`, in pre-order, that `hit` accepts.
pub(crate) fn find_node<'t>(root: Node<'t>, hit: impl Fn(Node<'t>) -> bool) -> Option<Node<'t>> {
    let mut stack = vec![root];
    while let Some(n) = stack.pop() {
        if hit(n) {
            return Some(n);
        }
        let mut c = n.walk();
        let children: Vec<Node<'t>> = n.named_children(&mut c).collect();
        stack.extend(children.into_iter().rev());
    }
    None
}

/// The position of `arg` among the positional arguments of `args` (comments, keyword
/// and spread arguments are not counted; `None` when `arg` is not one of them).
pub(crate) fn positional_index(args: Node, arg: Node, skip: &[&str]) -> Option<usize> {
    let mut c = args.walk();
    let found = args
        .named_children(&mut c)
        .filter(|a| a.type_name() != "comment" && !skip.contains(&a.type_name()))
        .position(|a| a == arg);
    found
}

/// The quote character a string key was written with (`'` or `"`).
pub fn quote_of(field: Node, src: &str) -> char {
    text(field, src)
        .chars()
        .find(|c| *c == '\'' || *c == '"')
        .unwrap_or('"')
}

pub fn insert(at: usize, content: impl Into<String>) -> Edit {
    Edit {
        range: at..at,
        content: content.into(),
    }
}

/// A node's type, as [`Node::kind`] gives it, without that method's UTF-8 check of the name
/// on every call (it was an eighth of the analysis of a large file; a table by type id
/// measured slower than this). Every node type of the three grammars is ASCII (a test
/// checks it), so the name needs no check.
pub trait NodeType {
    fn type_name(&self) -> &'static str;
}

/// A child by field name, as [`Node::child_by_field_name`] finds it, with the field's id
/// from a hash of each grammar's field names: tree-sitter compares the name with every
/// field name of the grammar on each call.
pub trait Field<'t> {
    fn field(&self, name: &str) -> Option<Node<'t>>;
}

impl<'t> Field<'t> for Node<'t> {
    fn field(&self, name: &str) -> Option<Node<'t>> {
        // SAFETY: reads the language pointer of a live node.
        let language = unsafe { tree_sitter::ffi::ts_node_language(self.into_raw()) } as usize;
        match FIELD_IDS.iter().find(|t| t.language == language) {
            Some(t) => self.child_by_field_id(*t.fields.get(name)?),
            None => self.child_by_field_name(name),
        }
    }
}

/// One grammar's field ids, by name.
struct FieldIds {
    language: usize,
    fields: rustc_hash::FxHashMap<String, u16>,
}

static FIELD_IDS: std::sync::LazyLock<Vec<FieldIds>> = std::sync::LazyLock::new(|| {
    Lang::ALL
        .iter()
        .map(|lang| {
            let g = lang.grammar();
            let fields = (1..=g.field_count() as u16)
                .filter_map(|id| Some((g.field_name_for_id(id)?.to_string(), id)))
                .collect();
            FieldIds {
                language: g.into_raw() as usize,
                fields,
            }
        })
        .collect()
});

impl NodeType for Node<'_> {
    fn type_name(&self) -> &'static str {
        // SAFETY: `ts_node_type` returns a NUL-terminated name from the grammar's static
        // symbol table, which lives as long as the program.
        let name =
            unsafe { std::ffi::CStr::from_ptr(tree_sitter::ffi::ts_node_type(self.into_raw())) };
        let bytes = name.to_bytes();
        debug_assert!(bytes.is_ascii());
        // SAFETY: the grammars' node type names are ASCII (`node_types_are_ascii`).
        unsafe { std::str::from_utf8_unchecked(bytes) }
    }
}

/// The text of a node.
pub fn text<'s>(node: Node, src: &'s str) -> &'s str {
    &src[node.byte_range()]
}

/// Every node kind in `kinds`, depth first.
pub fn walk_kinds<'t>(root: Node<'t>, pred: &dyn Fn(Node) -> bool, out: &mut Vec<Node<'t>>) {
    let mut cursor = root.walk();
    let mut stack = vec![root];
    while let Some(n) = stack.pop() {
        if pred(n) {
            out.push(n);
            continue;
        }
        for ch in n.children(&mut cursor) {
            stack.push(ch);
        }
    }
}

/// Return statements under `n` (not inside nested functions), with their values; the three
/// grammars name them `return_statement`.
pub fn collect_returns<'t>(
    syntax: &dyn Semantics,
    n: Node<'t>,
    out: &mut Vec<(Node<'t>, Node<'t>)>,
) {
    let mut c = n.walk();
    for ch in n.named_children(&mut c) {
        if syntax.is_function(ch) {
            continue;
        }
        if ch.type_name() == "return_statement" {
            if let Some(v) = ch.named_child(0).filter(|v| v.type_name() != "comment") {
                out.push((ch, v));
            }
            continue;
        }
        collect_returns(syntax, ch, out);
    }
}

/// The last name of the callee of the call whose argument list is `args`: `log` of
/// `console.log(...)`, `print` of `print(...)`, `json_encode` of `json_encode(...)`; `""`
/// when there is none.
pub(crate) fn callee_tail(args: Option<Node>, src: &str) -> String {
    let call = args.and_then(|a| a.up());
    call.and_then(|c| c.field("function").or(c.field("name")))
        .map(|f| {
            text(f, src)
                .rsplit(['.', '>', ':'])
                .next()
                .unwrap_or("")
                .to_string()
        })
        .unwrap_or_default()
}
