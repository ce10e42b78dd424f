//! The tree-sitter queries of `queries/<lang>/*.scm`, compiled once per language.
//!
//! Every language has the same query files with the same capture names, so a rule reads
//! the captures without knowing the language. Compiling costs a few milliseconds per query;
//! it happens once per process (`LazyLock`). A predicate that the tree-sitter binding does not
//! evaluate itself would be silently true, so loading rejects it.

use std::collections::HashMap;
use std::sync::LazyLock;

use streaming_iterator::StreamingIterator;
use tree_sitter::{Node, Query, QueryCursor};

use super::Lang;

/// The purposes a query serves; one `.scm` file each.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// `@string`: every string literal (plain, template, interpolated, heredoc).
    Strings,
    /// Header entries: `@key.quoted`, `@key.bare`, `@key.shorthand`, `@key.member`, with
    /// `@value` when the value is a separate node.
    Headers,
    /// Field reads: `@read` (the access), `@object`, and `@field` (an identifier) or
    /// `@field.string` (a string key), or `@field.get` (a `.get("key")` argument).
    Members,
    /// Comparisons: `@compare` with `@left` and `@right`; `@switch` with `@subject` and
    /// `@case`; `@membership` with `@subject` and `@candidate`.
    Compare,
    /// Property names outside member reads: `@name` (key or pattern) and `@shorthand`
    /// (a shorthand property whose local name must be kept).
    Names,
}

impl Purpose {
    pub const ALL: [Purpose; 5] = [
        Purpose::Strings,
        Purpose::Headers,
        Purpose::Members,
        Purpose::Compare,
        Purpose::Names,
    ];

    fn index(self) -> usize {
        self as usize
    }
}

fn source(lang: Lang, purpose: Purpose) -> &'static str {
    macro_rules! q {
        ($l:literal) => {
            [
                include_str!(concat!("../../queries/", $l, "/strings.scm")),
                include_str!(concat!("../../queries/", $l, "/headers.scm")),
                include_str!(concat!("../../queries/", $l, "/members.scm")),
                include_str!(concat!("../../queries/", $l, "/compare.scm")),
                include_str!(concat!("../../queries/", $l, "/names.scm")),
            ]
        };
    }
    static JS: [&str; 5] = q!("javascript");
    static PHP: [&str; 5] = q!("php");
    static PY: [&str; 5] = q!("python");
    match lang {
        Lang::JavaScript => JS[purpose.index()],
        Lang::Php => PHP[purpose.index()],
        Lang::Python => PY[purpose.index()],
    }
}

fn compile(lang: Lang) -> Vec<Query> {
    Purpose::ALL
        .iter()
        .map(|&p| {
            let q = Query::new(&lang.grammar(), source(lang, p)).unwrap_or_else(|e| {
                panic!("queries/{}/{:?}.scm does not compile: {e}", lang.name(), p)
            });
            for i in 0..q.pattern_count() {
                if let Some(pred) = q.general_predicates(i).first() {
                    panic!(
                        "queries/{}/{:?}.scm: predicate #{} is not evaluated",
                        lang.name(),
                        p,
                        pred.operator
                    );
                }
            }
            q
        })
        .collect()
}

/// Each language's queries, compiled on its first use (a run over one language pays for
/// that one only).
static QUERIES: [LazyLock<Vec<Query>>; 3] = [
    LazyLock::new(|| compile(Lang::JavaScript)),
    LazyLock::new(|| compile(Lang::Php)),
    LazyLock::new(|| compile(Lang::Python)),
];

pub fn get(lang: Lang, purpose: Purpose) -> &'static Query {
    let i = match lang {
        Lang::JavaScript => 0,
        Lang::Php => 1,
        Lang::Python => 2,
    };
    &QUERIES[i][purpose.index()]
}

/// One match: capture name -> node.
pub type Captures<'t> = HashMap<&'static str, Node<'t>>;

/// Runs a query over a tree and returns each match's captures by name.
pub fn run<'t>(lang: Lang, purpose: Purpose, root: Node<'t>, src: &str) -> Vec<Captures<'t>> {
    let query = get(lang, purpose);
    let names = query.capture_names();
    let mut cursor = QueryCursor::new();
    let mut out = Vec::new();
    let mut matches = cursor.matches(query, root, src.as_bytes());
    while let Some(m) = matches.next() {
        let mut caps = HashMap::new();
        for c in m.captures() {
            caps.insert(names[c.index as usize], c.node);
        }
        out.push(caps);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_query_compiles_and_uses_the_shared_capture_names() {
        const NAMES: &[&str] = &[
            "string",
            "key.quoted",
            "key.bare",
            "key.shorthand",
            "key.member",
            "value",
            "method",
            "read",
            "object",
            "field",
            "field.string",
            "field.get",
            "compare",
            "left",
            "right",
            "switch",
            "subject",
            "case",
            "membership",
            "candidate",
            "function",
            "name",
            "shorthand",
        ];
        for lang in Lang::ALL {
            for p in Purpose::ALL {
                for name in get(lang, p).capture_names() {
                    assert!(
                        NAMES.contains(name),
                        "{lang:?} {p:?}: unknown capture @{name}"
                    );
                }
            }
        }
    }
}
