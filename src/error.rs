//! Errors: per-file problems (reported, the run goes on) and run errors (exit 2).

use std::path::{Path, PathBuf};

use miette::Diagnostic;
use thiserror::Error;

/// A problem with one file; the run goes on without it. Each says what to do.
#[derive(Debug, Error, Diagnostic)]
pub enum FileError {
    #[error("{}: cannot read: {source}", shown(path))]
    #[diagnostic(help("check the file's permissions, or exclude it"))]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "{}: not UTF-8: checked as single-byte text (Latin-1, Windows-1252, Windows-1256...); \
         its bytes outside the fixes are kept as they are",
        shown(path)
    )]
    #[diagnostic(
        severity(Warning),
        help("convert it to UTF-8 to see its non-ASCII text right in diagnostics")
    )]
    SingleByte { path: PathBuf },
    #[error(
        "{}: starts with a UTF-16 byte order mark but is not UTF-16 text; skipped",
        shown(path)
    )]
    #[diagnostic(help("save it again as UTF-8 (or UTF-16), or exclude it"))]
    BadUtf16 { path: PathBuf },
    #[error("{}: looks binary (holds NUL bytes); skipped", shown(path))]
    #[diagnostic(help("exclude it, or give it an extension that is not a source one"))]
    Binary { path: PathBuf },
    #[error("{}: {} MB, over the {} MB limit; skipped", shown(path), mb(*size), mb(*limit))]
    #[diagnostic(help(
        "exclude it if it is generated, or raise the limit with --max-file-size \
         (max-file-size in v3-migrate.toml)"
    ))]
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },
    #[error("{}: could not be parsed; skipped", shown(path))]
    #[diagnostic(help("check that it is a source file of its extension's language"))]
    Parse { path: PathBuf },
    #[error(
        "{}: nests more than {} levels deep, deeper than v3-migrate analyses; skipped",
        shown(path),
        crate::source::MAX_DEPTH
    )]
    #[diagnostic(help("exclude it if it is generated; otherwise look for v2 code in it by hand"))]
    TooDeep { path: PathBuf, depth: usize },
    #[error(
        "{}: indented {levels} levels deep, more than the Python parser can follow ({}); skipped",
        shown(path),
        crate::source::MAX_PYTHON_INDENT
    )]
    #[diagnostic(help("exclude it if it is generated; otherwise look for v2 code in it by hand"))]
    TooIndented { path: PathBuf, levels: usize },
    #[error(
        "{}: holds {run} tokens in a row with nothing named between them (unclosed \
         brackets?): checking it would take too long; skipped",
        shown(path)
    )]
    #[diagnostic(help(
        "exclude it if it is generated; otherwise fix its syntax, or look for v2 code in it by hand"
    ))]
    TooCostly { path: PathBuf, run: usize },
    #[error(
        "{}: checking it would take about {} MB of memory, more than the {} MB this run may use; skipped",
        shown(path),
        mb(*estimate),
        mb(*budget)
    )]
    #[diagnostic(help(
        "exclude it if it is generated (a minified bundle); otherwise check it on a machine \
         with more memory, or raise the budget with V3_MIGRATE_MEMORY_MB"
    ))]
    OverMemory {
        path: PathBuf,
        estimate: u64,
        budget: u64,
    },
    #[error("{}: read-only: its fixes were not written", shown(path))]
    #[diagnostic(help("make it writable (chmod u+w) and run --fix again, or exclude it"))]
    ReadOnly { path: PathBuf },
    #[error("{}: cannot write the fix: {source}", shown(path))]
    #[diagnostic(help("{}", write_help(source, "the file's and its folder's")))]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: changed while it was being checked; not overwritten", shown(path))]
    #[diagnostic(help("run `v3-migrate check --fix` again"))]
    Changed { path: PathBuf },
    #[error(
        "{}: not written, since a file linked to it by imports cannot be written (its units move with theirs)",
        shown(path)
    )]
    #[diagnostic(help(
        "fix what is said of the other file (read-only, changed, linked), then run `v3-migrate check --fix` again"
    ))]
    LinkedNotWritten { path: PathBuf },
    #[error(
        "{}: deleted while it was being checked; not written again",
        shown(path)
    )]
    #[diagnostic(help("nothing to do, unless it was deleted by mistake"))]
    Deleted { path: PathBuf },
    #[error(
        "{}: a fix would add characters its single-byte encoding cannot hold; not written",
        shown(path)
    )]
    #[diagnostic(help("convert the file to UTF-8 and run --fix again"))]
    Encoding { path: PathBuf },
    #[error("{}: a symbolic link loop; skipped", shown(path))]
    #[diagnostic(help("fix or remove the link"))]
    SymlinkLoop { path: PathBuf },
    #[error(
        "{}: a broken symbolic link (its target does not exist); skipped",
        shown(path)
    )]
    #[diagnostic(help("remove the link, or restore its target"))]
    BrokenLink { path: PathBuf },
    #[error("{}: not a regular file ({what}); skipped", shown(path))]
    #[diagnostic(help("only regular files are read (never opened: it could block the run); exclude it, or check the file it stands for"))]
    NotRegular {
        path: PathBuf,
        /// What it is: "a named pipe", "a socket", "a character device"...
        what: &'static str,
    },
    #[error("{}: {message}", shown(path))]
    #[diagnostic(help("check that the path can be read, or exclude it"))]
    Walk { path: PathBuf, message: String },
    #[error(
        "{}: replaced during the run (it, or a folder on its path, is now a symbolic link \
         or another file); not read or written through it",
        shown(path)
    )]
    #[diagnostic(help("check what changed the tree, then run `v3-migrate check` again"))]
    Replaced { path: PathBuf },
    #[error(
        "{}: has {links} hard links: replacing it would split them; its fixes were not written",
        shown(path)
    )]
    #[diagnostic(help(
        "apply the fixes by hand (`--diff` shows them), or make it a single file (cp it \
         over itself from a copy) and run --fix again"
    ))]
    HardLinks { path: PathBuf, links: u64 },
    #[error(
        "{}: its owner and group cannot be kept ({source}); its fixes were not written",
        shown(path)
    )]
    #[diagnostic(help("run --fix as the file's owner (or as root)"))]
    OwnerNotKept {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "{}: its extended attribute `{name}` cannot be kept ({source}); its fixes were not written",
        shown(path)
    )]
    #[diagnostic(help("run --fix as a user that may set it, or apply the fixes by hand"))]
    XattrNotKept {
        path: PathBuf,
        name: String,
        source: std::io::Error,
    },
}

fn shown(path: &Path) -> String {
    crate::display::display_path(path)
}

/// What to do about a failed write, by its cause: a full disk is not a matter of
/// permissions. `whose` names what the permissions are of ("the folder's").
fn write_help(error: &std::io::Error, whose: &str) -> String {
    use std::io::ErrorKind;
    match error.kind() {
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded | ErrorKind::FileTooLarge => {
            "the disk is full (or the quota reached): free some space and run again; \
             nothing was written"
                .to_string()
        }
        ErrorKind::ReadOnlyFilesystem => {
            "the file system is mounted read-only: run where it can be written".to_string()
        }
        ErrorKind::NotFound => "check that the folder exists".to_string(),
        ErrorKind::PermissionDenied => format!("check {whose} permissions"),
        _ => format!("check {whose} permissions and the room left on the disk"),
    }
}

fn mb(bytes: u64) -> String {
    format!("{:.1}", bytes as f64 / 1_000_000.0)
}

impl FileError {
    /// The file the problem is about.
    pub fn path(&self) -> &Path {
        match self {
            FileError::Read { path, .. }
            | FileError::SingleByte { path }
            | FileError::Binary { path }
            | FileError::BadUtf16 { path }
            | FileError::TooLarge { path, .. }
            | FileError::Parse { path }
            | FileError::TooDeep { path, .. }
            | FileError::TooIndented { path, .. }
            | FileError::TooCostly { path, .. }
            | FileError::OverMemory { path, .. }
            | FileError::ReadOnly { path }
            | FileError::Write { path, .. }
            | FileError::Changed { path }
            | FileError::LinkedNotWritten { path }
            | FileError::Deleted { path }
            | FileError::Encoding { path }
            | FileError::SymlinkLoop { path }
            | FileError::BrokenLink { path }
            | FileError::NotRegular { path, .. }
            | FileError::Walk { path, .. }
            | FileError::Replaced { path }
            | FileError::HardLinks { path, .. }
            | FileError::OwnerNotKept { path, .. }
            | FileError::XattrNotKept { path, .. } => path,
        }
    }

    /// Why a text was not checked, as a problem of its file.
    pub fn unparsed(path: &Path, why: crate::source::Unparsed) -> FileError {
        let path = path.to_path_buf();
        match why {
            crate::source::Unparsed::Failed => FileError::Parse { path },
            crate::source::Unparsed::TooDeep { depth } => FileError::TooDeep { path, depth },
            crate::source::Unparsed::TooIndented { levels } => {
                FileError::TooIndented { path, levels }
            }
            crate::source::Unparsed::TooCostly { run } => FileError::TooCostly { path, run },
        }
    }

    /// A warning: the file was still checked.
    pub fn is_warning(&self) -> bool {
        matches!(self, FileError::SingleByte { .. })
    }

    /// The file (or folder) was not checked: v2 code in it would go unseen. A warning, or
    /// a fix not written, is about a file that was checked.
    pub fn is_unchecked(&self) -> bool {
        match self {
            FileError::Read { .. }
            | FileError::Binary { .. }
            | FileError::BadUtf16 { .. }
            | FileError::TooLarge { .. }
            | FileError::Parse { .. }
            | FileError::TooDeep { .. }
            | FileError::TooIndented { .. }
            | FileError::TooCostly { .. }
            | FileError::OverMemory { .. }
            | FileError::SymlinkLoop { .. }
            | FileError::BrokenLink { .. }
            | FileError::NotRegular { .. }
            | FileError::Walk { .. } => true,
            FileError::SingleByte { .. }
            | FileError::ReadOnly { .. }
            | FileError::Write { .. }
            | FileError::Changed { .. }
            | FileError::LinkedNotWritten { .. }
            | FileError::Deleted { .. }
            | FileError::Encoding { .. }
            | FileError::HardLinks { .. }
            | FileError::OwnerNotKept { .. }
            | FileError::XattrNotKept { .. } => false,
            // Found at read time, it leaves the file unchecked; at write time, unwritten.
            FileError::Replaced { .. } => true,
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
    #[diagnostic(help("{help}"))]
    UnknownRule { name: String, help: String },
    #[error("cannot read standard input: {0}")]
    Stdin(std::io::Error),
    #[error("--stdin-filename checks standard input: it takes no other path")]
    #[diagnostic(help("drop the paths, or use `-` for standard input"))]
    StdinWithPaths,
    #[error("{name}: cannot tell the language from the name given to --stdin-filename")]
    #[diagnostic(help("give a name ending in one of {}", crate::lang::extension_list()))]
    StdinLanguage { name: PathBuf },
    #[error("cannot read the current folder: {0}")]
    Cwd(std::io::Error),
    #[error(transparent)]
    #[diagnostic(transparent)]
    Config(#[from] crate::config::ConfigError),
    #[error("cannot write the output: {0}")]
    Output(std::io::Error),
    #[error("--interactive asks about each fix on the terminal, and standard input is not one")]
    #[diagnostic(help(
        "run it from a terminal, or drop --interactive and review the patch with --diff"
    ))]
    NotInteractive,
    /// Its message says what to do (install git, or pass --force).
    #[error("{0}")]
    Vcs(crate::vcs::VcsError),
    #[error("--fix would write into files with uncommitted changes, so your edits and the tool's could not be told apart: {}", files.join(", "))]
    #[diagnostic(help("commit or stash those changes first, or pass --force to write anyway"))]
    Dirty { files: Vec<String> },
    #[error("{path}: cannot read the baseline: {why}")]
    #[diagnostic(help("write it with `v3-migrate check --write-baseline FILE`"))]
    BaselineRead { path: PathBuf, why: String },
    #[error("{path}: cannot write: {source}")]
    #[diagnostic(help("{}", write_help(source, "the folder's")))]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: not a regular file ({kind}); not written")]
    #[diagnostic(help(
        "name a regular file (or a symbolic link to one), or a new file in an existing folder"
    ))]
    NotRegular { path: PathBuf, kind: &'static str },
    #[error("{path}: cannot read the ratchet file: {why}")]
    #[diagnostic(help("it is written by `v3-migrate report --ratchet FILE`; delete it to start again from the current counts"))]
    RatchetRead { path: PathBuf, why: String },
}

#[cfg(test)]
mod tests;
