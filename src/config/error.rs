//! What is wrong with a config file: [`ConfigError`], pointing into the file when it was
//! read.

use std::path::PathBuf;

use miette::{Diagnostic, SourceSpan};
use thiserror::Error;

/// A config file that cannot be used.
#[derive(Debug, Error, Diagnostic)]
pub enum ConfigError {
    #[error("{path}: cannot read the config file: {source}")]
    #[diagnostic(help("check that the file exists, is readable and is UTF-8 text"))]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    #[diagnostic(transparent)]
    Invalid(Box<InvalidConfig>),
}

impl ConfigError {
    /// What is wrong, when the file was read.
    pub fn kind(&self) -> Option<InvalidKind> {
        match self {
            ConfigError::Read { .. } => None,
            ConfigError::Invalid(e) => Some(e.kind),
        }
    }
}

/// What is wrong in a config file that was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InvalidKind {
    /// Not TOML.
    Syntax,
    /// A top-level key that is not one of the known ones.
    UnknownKey,
    /// A value of the wrong type (a string for a list, a string for a boolean...).
    WrongType,
    /// A name in `select`, `ignore` or `per-file-ignores` that is no rule, group or `ALL`.
    UnknownRule,
    /// A glob that does not compile.
    BadGlob,
    /// A `flexy-hosts` entry that is not a bare `host` or `host:port`.
    BadHost,
    /// A value of the right type out of its range (`max-file-size = 0`).
    OutOfRange,
}

/// A mistake in a config file, at a place in it.
#[derive(Debug, Error, Diagnostic)]
#[error("{file}:{line}:{col}: {message}")]
pub struct InvalidConfig {
    pub kind: InvalidKind,
    /// The file, as shown (relative to the current folder when under it).
    pub file: String,
    /// 1-based.
    pub line: usize,
    /// 1-based, in characters.
    pub col: usize,
    pub message: String,
    #[source_code]
    src: crate::excerpt::Excerpt,
    #[label("{label}")]
    span: SourceSpan,
    label: String,
    #[help]
    help: Option<String>,
}

/// The file's text and name, to build errors that point into it.
pub(super) struct Doc<'a> {
    pub(super) name: String,
    pub(super) text: &'a str,
}

impl Doc<'_> {
    pub(super) fn error(
        &self,
        kind: InvalidKind,
        span: std::ops::Range<usize>,
        message: String,
        label: impl Into<String>,
        help: Option<String>,
    ) -> ConfigError {
        let mut start = span.start.min(self.text.len());
        while !self.text.is_char_boundary(start) {
            start -= 1;
        }
        let end = span.end.clamp(start, self.text.len());
        let (line, col) = crate::source::line_col(self.text, start);
        // The lines around the mistake, cut to a window: a megabyte-long line is not
        // printed whole.
        let (src, span) = crate::excerpt::Excerpt::around(self.name.clone(), self.text, start..end);
        ConfigError::Invalid(Box::new(InvalidConfig {
            kind,
            file: self.name.clone(),
            line,
            col,
            message,
            src,
            span,
            label: label.into(),
            help,
        }))
    }
}
