//! Errors: per-file problems (reported, the run goes on) and run errors (exit 2).

use std::path::PathBuf;

use miette::Diagnostic;
use thiserror::Error;

/// A problem with one file; the run goes on without it.
#[derive(Debug, Error, Diagnostic)]
pub enum FileError {
    #[error("{path}: cannot read: {source}")]
    #[diagnostic(help("check the file's permissions, or exclude it"))]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: not UTF-8 text; skipped")]
    #[diagnostic(help("convert the file to UTF-8 to have it checked"))]
    NotUtf8 { path: PathBuf },
    #[error("{path}: looks binary (holds NUL bytes); skipped")]
    #[diagnostic(help("exclude it, or give it an extension that is not a source one"))]
    Binary { path: PathBuf },
    #[error("{path}: could not be parsed; skipped")]
    Parse { path: PathBuf },
    #[error("{path}: cannot write the fix: {source}")]
    #[diagnostic(help("check the file's and its folder's permissions"))]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: changed while it was being checked; not overwritten")]
    #[diagnostic(help("run `v3-migrate check --fix` again"))]
    Changed { path: PathBuf },
    #[error("{path}: {message}")]
    Walk { path: PathBuf, message: String },
}

impl FileError {
    /// The file the problem is about.
    pub fn path(&self) -> &std::path::Path {
        match self {
            FileError::Read { path, .. }
            | FileError::NotUtf8 { path }
            | FileError::Binary { path }
            | FileError::Parse { path }
            | FileError::Write { path, .. }
            | FileError::Changed { path }
            | FileError::Walk { path, .. } => path,
        }
    }
}

/// An error that stops the run (exit 2).
#[derive(Debug, Error, Diagnostic)]
pub enum RunError {
    #[error("{path}: no such file or directory")]
    #[diagnostic(help("check the path given to `v3-migrate check`"))]
    NoSuchPath { path: PathBuf },
    #[error("unknown rule `{name}`")]
    #[diagnostic(help("`v3-migrate rules` lists the rules"))]
    UnknownRule { name: String },
    #[error("cannot read standard input: {0}")]
    Stdin(std::io::Error),
    #[error("--stdin-filename checks standard input: it takes no other path")]
    #[diagnostic(help("drop the paths, or use `-` for standard input"))]
    StdinWithPaths,
    #[error("{name}: cannot tell the language from the name given to --stdin-filename")]
    #[diagnostic(help("give a name ending in .js .mjs .cjs .jsx, .php .phtml .inc, or .py .pyw"))]
    StdinLanguage { name: PathBuf },
    #[error("cannot read the current folder: {0}")]
    Cwd(std::io::Error),
    #[error(transparent)]
    #[diagnostic(transparent)]
    Config(#[from] crate::config::ConfigError),
    #[error("cannot write the output: {0}")]
    Output(std::io::Error),
}
