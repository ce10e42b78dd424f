//! Languages: which files are which, their grammars and queries, and the lowering of each
//! language's syntax to a few neutral facts that the rules read.
//!
//! The neutral facts are: a string expression as characters and holes ([`StrExpr`]), the
//! name a value is bound to, the tail name of an expression (`this.baseUrl` -> `baseUrl`),
//! and the captures of the per-language queries in `queries/<lang>/`, whose capture names are
//! shared by all languages. Everything language-specific sits behind [`Syntax`].

mod facts;
mod javascript;
pub mod module;
mod node;
mod php;
mod python;
pub mod query;
pub mod settings;
mod strexpr;
mod syntax;
#[cfg(test)]
mod tests;

use std::path::Path;

pub(crate) use node::{callee_tail, find_node, positional_index};
pub use node::{collect_returns, insert, quote_of, text, walk_kinds, Field, NodeType};
pub use strexpr::{concat_operands, escape_children, opaque, Hole, Literal, Placeholder, StrExpr};
pub use syntax::{
    BodyType, CallView, CaseAlternative, CodeGen, FieldKind, Lowering, Member, PatternEntry,
    Semantics, Slot, Syntax, TextUse, Unwrap, UseSite,
};

/// The language traits, for calling their methods on a `&dyn Syntax`:
/// `use crate::lang::prelude::*;`.
pub mod prelude {
    pub use super::{CodeGen, Lowering, Semantics, Syntax};
}

/// How deep a string expression is followed (concatenation operands, format strings).
pub const MAX_DEPTH: usize = 200;

/// A supported language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    JavaScript,
    Php,
    Python,
    /// TypeScript (`.ts`, `.mts`, `.cts`): JavaScript's syntax with types, read by the
    /// JavaScript analysis, which looks through the type syntax.
    TypeScript,
    /// TypeScript with JSX (`.tsx`).
    Tsx,
    /// An HTML page: its `<script>` blocks are read (see [`crate::document`]).
    Html,
    /// A Vue single-file component: its `<script>` blocks are read.
    Vue,
    /// A settings file (`.env`, JSON, YAML, INI, TOML): not parsed, read for the Flexy
    /// base it gives a key (see [`settings`]).
    Settings,
}

impl Lang {
    /// The languages with a grammar of their own (HTML and Vue files are read through the
    /// scripts they hold).
    pub const ALL: [Lang; 5] = [
        Lang::JavaScript,
        Lang::Php,
        Lang::Python,
        Lang::TypeScript,
        Lang::Tsx,
    ];

    /// The language of a file, by its extension (in any case); a settings file by its
    /// name or extension (see [`settings::is_settings_file`]).
    pub fn from_path(path: &Path) -> Option<Lang> {
        let ext = path.extension().and_then(|e| e.to_str());
        KINDS
            .iter()
            .find(|kind| {
                ext.is_some_and(|ext| kind.extensions.iter().any(|e| e.eq_ignore_ascii_case(ext)))
            })
            .map(|kind| kind.lang)
            .or_else(|| settings::is_settings_file(path).then_some(Lang::Settings))
    }

    pub fn name(self) -> &'static str {
        match self {
            Lang::JavaScript => "javascript",
            Lang::Php => "php",
            Lang::Python => "python",
            Lang::TypeScript => "typescript",
            Lang::Tsx => "tsx",
            Lang::Html => "html",
            Lang::Vue => "vue",
            Lang::Settings => "settings",
        }
    }

    /// JavaScript, or TypeScript with or without JSX: one analysis, one set of queries.
    pub fn is_js_family(self) -> bool {
        matches!(self, Lang::JavaScript | Lang::TypeScript | Lang::Tsx)
    }

    /// Is TypeScript (type annotations, interfaces)?
    pub fn is_typescript(self) -> bool {
        matches!(self, Lang::TypeScript | Lang::Tsx)
    }

    pub fn grammar(self) -> tree_sitter::Language {
        match self {
            Lang::JavaScript => tree_sitter_javascript::LANGUAGE.into(),
            // Real files: `<?php` tags and inline HTML, not PHP-only fragments.
            Lang::Php => tree_sitter_php::LANGUAGE_PHP.into(),
            Lang::Python => tree_sitter_python::LANGUAGE.into(),
            Lang::TypeScript => tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into(),
            Lang::Tsx => tree_sitter_typescript::LANGUAGE_TSX.into(),
            // Not parsed as a whole: `Document` parses their scripts. JavaScript's grammar
            // stands in for a caller that asks anyway.
            Lang::Html | Lang::Vue | Lang::Settings => tree_sitter_javascript::LANGUAGE.into(),
        }
    }

    pub fn syntax(self) -> &'static dyn Syntax {
        match self {
            Lang::JavaScript | Lang::Html | Lang::Vue | Lang::Settings => &javascript::JS,
            Lang::TypeScript => &javascript::TS,
            Lang::Tsx => &javascript::TSX,
            Lang::Php => &php::Php,
            Lang::Python => &python::Python,
        }
    }
}

/// A kind of file the tool reads: its language, the name users know it by, and its
/// extensions.
pub struct FileKind {
    pub lang: Lang,
    /// As written in messages: "TypeScript".
    pub title: &'static str,
    /// Without the dot, lowercase.
    pub extensions: &'static [&'static str],
}

/// Every kind of file the tool reads, in the order messages list them: the one table that
/// [`Lang::from_path`], the command line's help and the messages about a file's kind come
/// from, so they cannot drift apart.
pub const KINDS: &[FileKind] = &[
    FileKind {
        lang: Lang::JavaScript,
        title: "JavaScript",
        extensions: &["js", "mjs", "cjs", "jsx"],
    },
    FileKind {
        lang: Lang::TypeScript,
        title: "TypeScript",
        extensions: &["ts", "mts", "cts"],
    },
    FileKind {
        lang: Lang::Tsx,
        title: "TSX",
        extensions: &["tsx"],
    },
    FileKind {
        lang: Lang::Php,
        title: "PHP",
        extensions: &["php", "phtml", "inc"],
    },
    FileKind {
        lang: Lang::Python,
        title: "Python",
        extensions: &["py", "pyw"],
    },
    FileKind {
        lang: Lang::Html,
        title: "HTML",
        extensions: &["html", "htm"],
    },
    FileKind {
        lang: Lang::Vue,
        title: "Vue",
        extensions: &["vue"],
    },
];

/// The extensions read, grouped by kind: `.js .mjs .cjs .jsx, .ts .mts .cts, ...`.
pub fn extension_list() -> String {
    KINDS
        .iter()
        .map(|kind| {
            kind.extensions
                .iter()
                .map(|e| format!(".{e}"))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A regular expression matching the names of the files read by their extension, in any
/// case: the `files:` pattern of the pre-commit hooks (`.pre-commit-hooks.yaml`, checked
/// against it by `tests/packaging.rs`).
pub fn files_pattern() -> String {
    let all: Vec<&str> = KINDS
        .iter()
        .flat_map(|k| k.extensions.iter().copied())
        .collect();
    format!(r"(?i)\.({})$", all.join("|"))
}

/// The kinds of file read, by name, TSX counted with TypeScript: "JavaScript, TypeScript,
/// PHP, Python, HTML or Vue" (with `last` = "or").
pub fn kind_list(last: &str) -> String {
    let titles: Vec<&str> = KINDS
        .iter()
        .filter(|kind| kind.lang != Lang::Tsx)
        .map(|kind| kind.title)
        .collect();
    match titles.split_last() {
        Some((end, [])) => end.to_string(),
        Some((end, rest)) => format!("{} {last} {end}", rest.join(", ")),
        None => String::new(),
    }
}
