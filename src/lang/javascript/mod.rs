//! JavaScript (and JSX), and TypeScript (and TSX): strings, template literals, `+`
//! concatenation. TypeScript's grammar extends JavaScript's with the same node names; the
//! type syntax (annotations, `as`, `!`, `satisfies`, generic arguments, parameter
//! wrappers) is looked through.

mod classes;
mod codegen;
mod lower;
mod member_types;
mod modules;
mod semantics;
mod types;

use crate::lang::{text, Lang};
use crate::lang::{Field, NodeType};
use tree_sitter::Node;

pub struct JavaScript {
    lang: Lang,
}

pub static JS: JavaScript = JavaScript {
    lang: Lang::JavaScript,
};

pub static TS: JavaScript = JavaScript {
    lang: Lang::TypeScript,
};

pub static TSX: JavaScript = JavaScript { lang: Lang::Tsx };

fn is_concat(n: Node, src: &str) -> bool {
    n.type_name() == "binary_expression" && n.field("operator").map(|o| text(o, src)) == Some("+")
}
