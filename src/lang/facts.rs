//! The neutral values the language traits ([`super::syntax`]) answer with: how a value is
//! used as text, a case's alternatives, a body's declared type, destructuring entries, the
//! slots and unwrapping of generated code, member reads.

use std::ops::Range;

use tree_sitter::Node;

/// How a value is used as text where it stands ([`Semantics::text_use`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TextUse {
    /// Interpolated in a string, concatenated, or printed (`echo`).
    Shown,
    /// An argument of a call whose callee's last name is this (`""` when it has none).
    Argument(String),
}

/// A case value that means the same as other case values ([`Semantics::case_alternative`]).
#[derive(Clone, Debug)]
pub struct CaseAlternative<'t> {
    /// The values it means the same as: those of the cases it falls through to (up to the
    /// first with statements of its own), or the alternatives before it in its pattern.
    pub others: Vec<Node<'t>>,
    /// What goes to remove it: the whole empty case, or the alternative with the separator
    /// before it (`None` for a pattern's first alternative).
    pub removal: Option<Range<usize>>,
}

impl<'t> CaseAlternative<'t> {
    /// An empty `case` falling through: the values of the cases after it, up to the first
    /// with statements of its own, read by `value`.
    pub fn fallthrough(case: Node<'t>, value: impl Fn(Node<'t>) -> Option<Node<'t>>) -> Self {
        let mut others = Vec::new();
        let mut next = case.next_named_sibling();
        while let Some(n) = next {
            others.extend(value(n));
            if n.named_child_count() != 1 {
                break;
            }
            next = n.next_named_sibling();
        }
        let end = case
            .next_sibling()
            .map_or(case.end_byte(), |n| n.start_byte());
        CaseAlternative {
            others,
            removal: Some(case.start_byte()..end),
        }
    }

    /// An alternative of a pattern: the alternatives before it.
    pub fn alternative(literal: Node<'t>) -> Self {
        let mut others = Vec::new();
        let mut prev = literal.prev_named_sibling();
        while let Some(p) = prev {
            others.push(p);
            prev = p.prev_named_sibling();
        }
        CaseAlternative {
            others,
            removal: literal
                .prev_named_sibling()
                .map(|prev| prev.end_byte()..literal.end_byte()),
        }
    }
}

/// The type a response body is declared with ([`Semantics::body_type`]).
#[derive(Clone, Debug)]
pub enum BodyType<'t> {
    /// A predefined type (`any`, `unknown`): it says nothing of the body's shape.
    Predefined,
    /// A type reference (`TopupList`, `ns.BalanceResponse`): its name (the last part), the
    /// reference, and the name of its declaration when the file declares it
    /// (`interface NAME`, `type NAME =`).
    Named {
        name: String,
        node: Node<'t>,
        declaration: Option<Node<'t>>,
    },
    /// A type written where it is used: `{ balance: number }`, `Array<{ value: number }>`.
    Written(Node<'t>),
}

/// One keyed entry of a destructuring pattern ([`Syntax::pattern_entries`]).
#[derive(Clone, Debug)]
pub struct PatternEntry {
    /// The whole entry, replaced when it moves.
    pub range: Range<usize>,
    pub key: String,
    /// What the entry binds: a local name, or a nested pattern.
    pub local_range: Range<usize>,
    /// It has a default (`{ a = 1 }`).
    pub defaulted: bool,
}

/// Where a statement stands ([`Syntax::slot`]): what must change around it when it becomes
/// several statements.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Slot {
    /// In a list of statements (a block, a `case` of PHP, a PHP `if: ... endif;`): several
    /// statements may replace it as they are.
    List,
    /// The one statement of a body without braces (`if (x) return y;`, `else return y;`, a
    /// loop's, a label's, a JavaScript `case`'s): several go in a new block `{ ... }`.
    Lone,
    /// In a block written on its header's line (Python `if x: return y`, `def f(): return
    /// y`): the block's statements move to lines of their own, one level deeper than the
    /// header line (whose indentation starts at `header`), by replacing each of `breaks`
    /// (the space after the `:`, each `;` between two statements) with a line break.
    HeaderLine {
        header: usize,
        breaks: Vec<Range<usize>>,
    },
}

/// What [`Syntax::unwrap_return`] needs to know.
#[derive(Clone, Copy)]
pub struct Unwrap<'a> {
    /// The returned expression (without `await`).
    pub value: &'a str,
    /// The returned expression is this variable already.
    pub name: Option<&'a str>,
    /// A fresh variable name for the response.
    pub var: &'a str,
    /// The indentation of the return statement, and one level.
    pub indent: &'a str,
    pub unit: &'a str,
    pub is_async: bool,
    /// The returned expression was awaited (`return await r.json()`).
    pub awaited: bool,
    /// The return is a whole expression body (`(p) => fetch(p).then(...)`).
    pub expression_body: bool,
    /// PHP objects (`json_decode` without `assoc`).
    pub objects: bool,
    /// Insert the v3 error check (the wrapper does not check errors itself).
    pub raise: bool,
    /// The program's own error class to raise, made from the v3 message
    /// ([`Syntax::message_first`]); the migration's own error when `None`.
    pub class: Option<&'a str>,
    /// Names the inserted code may bind besides `var` (fresh in the function): the v3
    /// error, the exception raised. Python binds them in the function's scope.
    pub error_var: &'a str,
    pub exc_var: &'a str,
}

/// A field read: `x.f`, `x["f"]`, `$x->f`, `x.get("f")`.
#[derive(Clone, Copy, Debug)]
pub struct Member<'t> {
    pub read: Node<'t>,
    pub object: Node<'t>,
    /// The field's node (identifier or string literal).
    pub field: Node<'t>,
    pub kind: FieldKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldKind {
    /// `x.f`, `$x->f`
    Dot,
    /// `x["f"]`, `$x['f']`
    Subscript,
    /// `x.get("f")`
    Get,
}
