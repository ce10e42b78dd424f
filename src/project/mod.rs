//! The project: the files of a run as one program. Its files ([`files`]), the module
//! graph their imports make ([`graph`]), resolved per language ([`resolve`]).
//!
//! The scanned root is the project (a closed world): an import that leaves it (a package,
//! a computed `require(expr)`) is an edge to the outside, which the graph records.

pub mod files;
pub mod graph;
pub mod reach;
pub mod resolve;

pub use files::{FileId, FileTable};
pub use graph::ModuleGraph;

use crate::lang::module::ModuleFacts;
use crate::lang::query;
use crate::source::Source;

/// What a parsed file imports and exports.
pub fn facts_of(source: &Source) -> ModuleFacts {
    let src = source.text.as_str();
    let matches = query::run_modules(source.lang, source.root(), src);
    source.lang.syntax().module_facts(&matches, src)
}

/// What a file's text imports and exports: its own, or its script blocks' (HTML, Vue, and
/// the scripts of a PHP template). None when it does not parse.
pub fn facts_of_text(lang: crate::lang::Lang, text: &str) -> Option<ModuleFacts> {
    let document = crate::document::Document::parse(lang, text).ok()?;
    let mut out = ModuleFacts::default();
    for source in &document.sources {
        let f = facts_of(source);
        out.imports.extend(f.imports);
        out.exports.extend(f.exports);
        out.declarations.extend(f.declarations);
        out.namespace = out.namespace.or(f.namespace);
        out.all = out.all.or(f.all);
    }
    Some(out)
}
