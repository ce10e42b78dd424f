//! The tree-sitter queries of `queries/<lang>/*.scm`, compiled once per language.
//!
//! Every language has the same query files with the same capture names, so a rule reads
//! the captures without knowing the language. A language's files are compiled together,
//! as one query, on first use (`LazyLock`): a file is walked once for all purposes
//! ([`run_all`]), and each match goes to the purpose of the file its pattern came from. A
//! predicate that the tree-sitter binding does not evaluate itself would be silently true,
//! so loading rejects it.

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
    /// Import and export syntax, lowered by [`super::Semantics::module_facts`]: `@import`
    /// (a statement or call) with `@source` and `@imported`/`@local`, `@export` with
    /// `@exported`/`@local`, `@namespace`, `@declaration`, `@all`, `@dynamic`.
    Modules,
}

impl Purpose {
    fn index(self) -> usize {
        self as usize
    }
}

fn source(lang: Lang, purpose: Purpose) -> String {
    match lang {
        // TypeScript reads JavaScript's queries, then its own additions (type syntax).
        Lang::TypeScript | Lang::Tsx => {
            let mut s = file(Lang::JavaScript, purpose).to_string();
            s.push('\n');
            s.push_str(TS[purpose.index()]);
            s
        }
        _ => file(lang, purpose).to_string(),
    }
}

static TS: [&str; 6] = [
    include_str!("../../queries/typescript/strings.scm"),
    include_str!("../../queries/typescript/headers.scm"),
    include_str!("../../queries/typescript/members.scm"),
    include_str!("../../queries/typescript/compare.scm"),
    include_str!("../../queries/typescript/names.scm"),
    include_str!("../../queries/typescript/modules.scm"),
];

fn file(lang: Lang, purpose: Purpose) -> &'static str {
    macro_rules! q {
        ($l:literal) => {
            [
                include_str!(concat!("../../queries/", $l, "/strings.scm")),
                include_str!(concat!("../../queries/", $l, "/headers.scm")),
                include_str!(concat!("../../queries/", $l, "/members.scm")),
                include_str!(concat!("../../queries/", $l, "/compare.scm")),
                include_str!(concat!("../../queries/", $l, "/names.scm")),
                include_str!(concat!("../../queries/", $l, "/modules.scm")),
            ]
        };
    }
    static JS: [&str; 6] = q!("javascript");
    static PHP: [&str; 6] = q!("php");
    static PY: [&str; 6] = q!("python");
    match lang {
        Lang::JavaScript
        | Lang::TypeScript
        | Lang::Tsx
        | Lang::Html
        | Lang::Vue
        | Lang::Settings => JS[purpose.index()],
        Lang::Php => PHP[purpose.index()],
        Lang::Python => PY[purpose.index()],
    }
}

/// A language's queries, compiled as one.
pub struct Compiled {
    pub query: Query,
    /// Per pattern: the purpose of the file it comes from.
    purpose_of: Vec<Purpose>,
}

fn compile(lang: Lang, purposes: &[Purpose]) -> Compiled {
    let mut all = String::new();
    let mut starts = Vec::new();
    for &p in purposes {
        starts.push((all.len(), p));
        all.push_str(&source(lang, p));
        all.push('\n');
    }
    let purpose_at = |byte: usize| {
        starts
            .iter()
            .rev()
            .find(|(start, _)| *start <= byte)
            .map_or(Purpose::Strings, |(_, p)| *p)
    };
    let query = Query::new(&lang.grammar(), &all).unwrap_or_else(|e| {
        let p = purpose_at(e.offset);
        panic!("queries/{}/{:?}.scm does not compile: {e}", lang.name(), p)
    });
    let mut purpose_of = Vec::new();
    for i in 0..query.pattern_count() {
        let p = purpose_at(query.start_byte_for_pattern(i));
        if let Some(pred) = query.general_predicates(i).first() {
            panic!(
                "queries/{}/{:?}.scm: predicate #{} is not evaluated",
                lang.name(),
                p,
                pred.operator
            );
        }
        purpose_of.push(p);
    }
    Compiled { query, purpose_of }
}

/// Each language's queries, compiled on its first use (a run over one language pays for
/// that one only).
static QUERIES: [LazyLock<Compiled>; 5] = [
    LazyLock::new(|| compile(Lang::JavaScript, &ANALYSIS)),
    LazyLock::new(|| compile(Lang::Php, &ANALYSIS)),
    LazyLock::new(|| compile(Lang::Python, &ANALYSIS)),
    LazyLock::new(|| compile(Lang::TypeScript, &ANALYSIS)),
    LazyLock::new(|| compile(Lang::Tsx, &ANALYSIS)),
];

/// The modules query on its own: only the project layer reads imports, and only for the
/// files it links, so a file's analysis does not pay for it.
static MODULES: [LazyLock<Compiled>; 5] = [
    LazyLock::new(|| compile(Lang::JavaScript, &[Purpose::Modules])),
    LazyLock::new(|| compile(Lang::Php, &[Purpose::Modules])),
    LazyLock::new(|| compile(Lang::Python, &[Purpose::Modules])),
    LazyLock::new(|| compile(Lang::TypeScript, &[Purpose::Modules])),
    LazyLock::new(|| compile(Lang::Tsx, &[Purpose::Modules])),
];

/// The purposes a file's analysis reads, compiled as one query, in [`Purpose`]'s order.
const ANALYSIS: [Purpose; 5] = [
    Purpose::Strings,
    Purpose::Headers,
    Purpose::Members,
    Purpose::Compare,
    Purpose::Names,
];

fn slot(lang: Lang) -> usize {
    match lang {
        Lang::JavaScript => 0,
        Lang::Php => 1,
        Lang::Python => 2,
        Lang::TypeScript => 3,
        Lang::Tsx => 4,
        Lang::Html | Lang::Vue | Lang::Settings => 0,
    }
}

/// A language's analysis queries, compiled as one.
pub fn get(lang: Lang) -> &'static Compiled {
    &QUERIES[slot(lang)]
}

/// The matches of a language's modules query in a tree.
pub fn run_modules<'t>(lang: Lang, root: Node<'t>, src: &str) -> Vec<Captures<'t>> {
    let compiled = &MODULES[slot(lang)];
    let names = compiled.query.capture_names();
    let mut cursor = QueryCursor::new();
    let mut out = Vec::new();
    let mut matches = cursor.matches(&compiled.query, root, src.as_bytes());
    while let Some(m) = matches.next() {
        out.push(Captures(
            m.captures()
                .iter()
                .map(|c| (names[c.index as usize], c.node))
                .collect(),
        ));
    }
    out
}

/// One match: its captures by name (a match has a handful, so a list beats a map).
#[derive(Clone, Debug, Default)]
pub struct Captures<'t>(Vec<(&'static str, Node<'t>)>);

impl<'t> Captures<'t> {
    pub fn get(&self, name: &str) -> Option<&Node<'t>> {
        self.0
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, node)| node)
    }
}

/// The analysis purposes' matches in a tree, from one walk: indexed by [`Purpose`] (the
/// modules query runs on its own, [`run_modules`]).
pub type Matches<'t> = [Vec<Captures<'t>>; ANALYSIS.len()];

/// Runs a language's queries over a tree, once, and returns each purpose's matches.
pub fn run_all<'t>(lang: Lang, root: Node<'t>, src: &str) -> Matches<'t> {
    let compiled = get(lang);
    let names = compiled.query.capture_names();
    let mut cursor = QueryCursor::new();
    let mut out: Matches = Default::default();
    let mut matches = cursor.matches(&compiled.query, root, src.as_bytes());
    while let Some(m) = matches.next() {
        let caps = m
            .captures()
            .iter()
            .map(|c| (names[c.index as usize], c.node))
            .collect();
        out[compiled.purpose_of[m.pattern_index].index()].push(Captures(caps));
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
            "import",
            "source",
            "imported",
            "local",
            "default",
            "namespace",
            "all",
            "export",
            "exported",
            "declaration",
            "dynamic",
            "module",
            "type",
        ];
        for lang in Lang::ALL {
            let modules = MODULES[slot(lang)].query.capture_names();
            for name in get(lang).query.capture_names().iter().chain(modules) {
                assert!(NAMES.contains(name), "{lang:?}: unknown capture @{name}");
            }
        }
    }
}
