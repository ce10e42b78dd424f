//! Edits and fixes: replacements of byte ranges of a source, applied together or not at
//! all, with how safe they are. The analysis builds them; the rules attach them to findings.

use std::ops::Range;

/// How safe a fix is: `--fix` applies `Safe` ones, `--unsafe-fixes` adds `Unsafe` ones.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Applicability {
    Unsafe,
    Safe,
}

impl Applicability {
    pub fn name(self) -> &'static str {
        match self {
            Applicability::Unsafe => "unsafe",
            Applicability::Safe => "safe",
        }
    }
}

/// One replacement of a byte range of the source.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Edit {
    pub range: Range<usize>,
    pub content: String,
}

/// A fix: edits applied together, or not at all.
#[derive(Clone, Debug)]
pub struct Fix {
    pub applicability: Applicability,
    /// A title read in review: what the fix does.
    pub message: String,
    pub edits: Vec<Edit>,
}
