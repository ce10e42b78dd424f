//! The facts the data flow hands the rules: the reads of a body and how each changes, the
//! bodies used as arrays or destructured, where one escapes, and the functions that return
//! one (wrappers) with how they are migrated.

use std::ops::Range;

use tree_sitter::Node;

use super::Origin;
use crate::api::Endpoint;
use crate::flexy::Member;

/// How a field read of a body changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReadKind {
    /// A payload field: read through `data`.
    Plain,
    /// `totalResults`, `currentPage`, `totalPages`: under `data.pagination`, with this name.
    Pagination(&'static str),
    /// The list field (`transactions`, ...): `data.items`.
    ListItems,
    /// `topup` of a check-status response: `data` itself.
    Topup,
    /// `dymanicPlans`: `data.dynamicPlans`.
    Typo,
    /// A property of the internet products array (`length`, `forEach`): `data.products`.
    ProductsField,
    /// `error` used as text: its code.
    ErrorText,
    /// `message`, the v2 error text: `error.message`.
    ErrorMessage,
    /// `error` tested or compared: unchanged here (`v2-error-code` handles comparisons).
    ErrorCheck,
    /// `success`, `data`, `meta`, `requestId`: already v3.
    V3,
    /// `error.code`, `error.message`: the v3 error, already.
    ErrorV3,
}

impl ReadKind {
    /// A read only a v2 body answers (not the v3 fields, nor an error test both answer).
    pub fn is_v2_way(self) -> bool {
        use ReadKind::*;
        matches!(
            self,
            Plain
                | Pagination(_)
                | ListItems
                | Topup
                | Typo
                | ProductsField
                | ErrorText
                | ErrorMessage
        )
    }
}

/// A field read of a body.
#[derive(Clone, Copy, Debug)]
pub struct Read<'t> {
    pub member: Member<'t>,
    pub kind: ReadKind,
    pub origin: Origin,
    pub endpoint: Option<&'static Endpoint>,
    pub unwrapped: bool,
}

/// A body used as an array (iterated, counted, indexed): the internet products.
#[derive(Clone, Copy, Debug)]
pub struct ArrayUse<'t> {
    pub body: Node<'t>,
    pub origin: Origin,
    pub objects: bool,
    pub unwrapped: bool,
}

/// `const { a, b } = body`.
#[derive(Clone, Copy, Debug)]
pub struct Destructure<'t> {
    pub pattern: Node<'t>,
    pub body: Node<'t>,
    pub origin: Origin,
    pub endpoint: Option<&'static Endpoint>,
    pub unwrapped: bool,
    /// The pattern is the one under an axios response's `data` key
    /// (`const { data: { balance } } = await api.get(...)`): the body is not an expression
    /// of its own, so the pattern, not the body, takes the v3 `data` level.
    pub nested: bool,
}

/// A place where a body leaves the analysis.
#[derive(Clone, Debug)]
pub struct Escape {
    pub range: Range<usize>,
    pub origin: Origin,
    pub endpoint: Option<&'static Endpoint>,
    pub route: Route,
    /// Code the tool sees but does not follow reads the body as v2, so its unit cannot
    /// move until a human rewrites that code: `None` when the body goes out of sight.
    pub held: Option<Held>,
}

/// How a body leaves the analysis: a fact the rules put in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    /// Returned where no caller is followed (a module's top level, a callback).
    Returned,
    /// Returned by a function of the file (`None`: an anonymous one) to callers outside it.
    ReturnedOutside(Option<String>),
    /// Passed to a function or method, by name.
    Passed(String),
    /// Passed to a function or method inside a holder (`{ status, body }`).
    PassedInHolder(String),
    /// Used whole: a method of the object itself (`body.items()`), or an expression.
    UsedWhole(Option<String>),
    /// Stored in a property or an element (its text).
    Stored(String),
    /// Yielded by a generator.
    Yielded,
    /// Tested for a payload key (`"topups" in body`, `array_key_exists('balance', $r)`).
    KeyTested(String),
}

/// Where a body goes that the analysis sees but does not follow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Held {
    /// A function or class of this file (`report(label, body)`).
    LocalCode,
    /// The callers of this file's functions in other files of the run.
    OtherFiles,
    /// The code iterating a generator that yields it.
    Generator,
    /// A test for one of its payload keys, which v3 moves under `data`: not rewritten.
    KeyTest,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Strategy {
    /// Unwrap `data` in the wrapper and raise the v3 error there; callers keep their reads.
    AtWrapper,
    /// Leave the wrapper returning the whole response; rewrite the reads of its callers.
    CallSites,
}

/// What a wrapper migrated at the wrapper raises when a v3 response says it failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Raise {
    /// Nothing new: it checks the errors itself, and its own check moves with it (or it
    /// is migrated at its call sites).
    Nothing,
    /// The migration's own error, carrying the v3 code, message, details and request id.
    New,
    /// The program's own error class (made from the message), which the wrapper already
    /// throws or its callers catch, so that their handlers keep catching it.
    Own(String),
}

/// A function returning the body of a request whose path its callers give.
#[derive(Clone, Debug)]
pub struct Wrapper<'t> {
    pub func: Node<'t>,
    pub name: String,
    pub strategy: Strategy,
    /// The return statements giving the body, with the returned expression.
    pub returns: Vec<(Node<'t>, Node<'t>)>,
    /// What it raises, migrated at the wrapper (nothing when it reads the v2 `error`
    /// itself, and so handles errors already).
    pub raise: Raise,
    pub callers: usize,
    /// Its callers in other files of the run are all followed: they move with it.
    pub followed_elsewhere: bool,
    pub objects: bool,
    pub origin: Origin,
}
