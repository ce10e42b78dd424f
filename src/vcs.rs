//! Refusing to write into a dirty git working tree.
//!
//! Before `--fix` writes files, the tool checks that none of the files it would touch has
//! uncommitted changes (unless the user passes `--force`). Then, after the run, everything
//! `git diff` shows is the tool's work, and the user's own edits can always be told apart
//! from the tool's (and the tool's undone with `git checkout`).
//!
//! The check runs the `git` command line rather than a git library: it adds no dependency,
//! and it gives the same answer as the user's own `git status` (same version, same
//! configuration, same ignore rules, worktrees, submodules, and index extensions).
//! `git` is only run for files inside a git working tree (a `.git` directory or file found
//! above them), once per working tree, so machines without git work outside repositories.
//!
//! A working tree met on the way may be anyone's (a vendored package with its own `.git`),
//! and a repository's configuration can name commands that `git status` runs: the
//! `core.fsmonitor` hook, and the `filter.<driver>.clean`/`.process` commands it runs on a
//! file whose stat data differs from the index. Checking never runs them: status is run
//! with `core.fsmonitor` empty (off), with every filter driver the configuration names (read
//! first with `git config --get-regexp`, which runs nothing) emptied (git skips an empty
//! filter command) and not required, without looking into submodules (a file inside one
//! is asked about in its own working tree, with the same care), with no pager and no
//! terminal prompt, and without taking the index lock (so no hook runs on an index
//! write). The system and global configuration are still read: they are the user's, not
//! the repository's, and hold settings the answer depends on (`core.autocrlf`,
//! `core.excludesFile`, `safe.directory`, which git still enforces).
//!
//! With its clean filter off, a file git stores filtered (a git-lfs pointer, say) and
//! whose stat data is stale reads as modified: the check then refuses to write it, the
//! safe mistake (`--force` overrides).

use std::collections::BTreeMap;
use std::ffi::{OsStr, OsString};
use std::fmt;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::process::{Command, Stdio};

/// Why a file may not be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dirty {
    /// Tracked, with changes not committed (staged or not).
    Modified,
    /// In a git working tree but not tracked (and not ignored).
    Untracked,
}

/// Why we cannot tell whether files are clean.
#[derive(Debug)]
pub enum VcsError {
    /// A file is inside a git working tree (a `.git` directory or file found above it) but
    /// there is no `git` to ask.
    NoGit {
        /// The root of the working tree (the folder holding `.git`).
        dir: PathBuf,
    },
    /// `git` ran and failed, or could not be started, or its answer could not be read (or
    /// had it been asked, it would have run a command the repository names).
    Git {
        /// The root of the working tree (the folder holding `.git`).
        dir: PathBuf,
        /// What went wrong: git's own error message, or why it could not be started.
        message: String,
    },
}

impl VcsError {
    /// The root of the working tree the question was about.
    pub fn dir(&self) -> &Path {
        match self {
            VcsError::NoGit { dir } | VcsError::Git { dir, .. } => dir,
        }
    }
}

impl fmt::Display for VcsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "cannot tell whether files in the git working tree {} have uncommitted changes: ",
            self.dir().display()
        )?;
        match self {
            VcsError::NoGit { .. } => write!(
                f,
                "`git` was not found on PATH. Install git (and put it on PATH), or pass \
                 --force to write anyway"
            ),
            VcsError::Git { message, .. } => write!(
                f,
                "{}. Run `git status` in that folder to see why, or pass --force to write \
                 anyway",
                message.trim_end_matches('.')
            ),
        }
    }
}

impl std::error::Error for VcsError {}

/// The program run to ask git.
const GIT: &str = "git";

/// Above this many bytes of paths, `git status` is asked about the whole working tree
/// (and its answer filtered) instead of being given the paths: command lines are limited
/// (to 32 KiB on Windows).
const MAX_PATHSPEC_BYTES: usize = 16 * 1024;

/// A path relative to the root of its working tree, as git spells it: components joined
/// by `/`, as bytes.
type GitPath = Vec<u8>;

/// The files asked about in one working tree: git path => indexes into the caller's list.
type Tree = BTreeMap<GitPath, Vec<usize>>;

/// Of `files` (paths as the user gave them, relative to the current directory or
/// absolute), those inside a git working tree that have uncommitted changes, with why;
/// files outside any git working tree are clean. Files are grouped by their working tree
/// and `git status` is run once per working tree, never once per file.
///
/// The paths returned are those given (a file given twice, spelled two ways, is returned
/// under both spellings), sorted, without duplicates. An existing symbolic link is judged
/// by its target, which is the file a write changes. Ignored files are clean; a file that
/// does not exist in a folder that does not exist is clean (there is nothing to lose).
pub fn dirty_files(files: &[PathBuf]) -> Result<Vec<(PathBuf, Dirty)>, VcsError> {
    dirty_files_with(OsStr::new(GIT), files)
}

/// [`dirty_files`], running `git` as the program `git` (tests pass a missing program).
fn dirty_files_with(git: &OsStr, files: &[PathBuf]) -> Result<Vec<(PathBuf, Dirty)>, VcsError> {
    let mut found: BTreeMap<PathBuf, Dirty> = BTreeMap::new();
    for (root, tree) in group_by_work_tree(files) {
        for (path, dirty) in git_status(git, &root, &tree)? {
            for &index in tree.get(&path).into_iter().flatten() {
                record(&mut found, &files[index], dirty.clone());
            }
        }
    }
    Ok(found.into_iter().collect())
}

/// Adds `file` to `found`; a file both untracked and renamed away is `Modified`.
fn record(found: &mut BTreeMap<PathBuf, Dirty>, file: &Path, dirty: Dirty) {
    let entry = found.entry(file.to_path_buf()).or_insert(dirty.clone());
    if dirty == Dirty::Modified {
        *entry = Dirty::Modified;
    }
}

/// The files that are in a git working tree, by the working tree's root.
fn group_by_work_tree(files: &[PathBuf]) -> BTreeMap<PathBuf, Tree> {
    let mut groups: BTreeMap<PathBuf, Tree> = BTreeMap::new();
    for (index, file) in files.iter().enumerate() {
        let Some(real) = resolve(file) else { continue };
        let Some(root) = work_tree_root(&real) else {
            continue;
        };
        let Some(path) = real.strip_prefix(root).ok().and_then(git_path) else {
            continue;
        };
        groups
            .entry(root.to_path_buf())
            .or_default()
            .entry(path)
            .or_default()
            .push(index);
    }
    groups
}

/// The absolute path, without symbolic links, of the file a write to `file` changes:
/// the file itself canonicalised if it exists, else its canonicalised folder joined with
/// its name. `None` if neither exists.
fn resolve(file: &Path) -> Option<PathBuf> {
    if let Ok(real) = fs::canonicalize(file) {
        return Some(real);
    }
    let name = file.file_name()?;
    let parent = match file.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    fs::canonicalize(parent).ok().map(|dir| dir.join(name))
}

/// The root of the git working tree holding `dir` (itself or the nearest folder above it
/// with a `.git` entry), if any.
pub fn work_tree_of(dir: &Path) -> Option<&Path> {
    dir.ancestors()
        .find(|d| fs::symlink_metadata(d.join(".git")).is_ok())
}

/// The nearest folder above `file` holding a `.git` entry (a directory, or a file as in
/// worktrees and submodules).
fn work_tree_root(file: &Path) -> Option<&Path> {
    file.parent()?
        .ancestors()
        .find(|dir| fs::symlink_metadata(dir.join(".git")).is_ok())
}

/// `relative` spelled as git spells paths; `None` if empty or not a plain relative path
/// (or, outside Unix, not UTF-8).
fn git_path(relative: &Path) -> Option<GitPath> {
    let mut path = GitPath::new();
    for component in relative.components() {
        let Component::Normal(name) = component else {
            return None;
        };
        if !path.is_empty() {
            path.push(b'/');
        }
        path.extend_from_slice(os_bytes(name)?);
    }
    (!path.is_empty()).then_some(path)
}

#[cfg(unix)]
fn os_bytes(name: &OsStr) -> Option<&[u8]> {
    use std::os::unix::ffi::OsStrExt;
    Some(name.as_bytes())
}

#[cfg(not(unix))]
fn os_bytes(name: &OsStr) -> Option<&[u8]> {
    name.to_str().map(str::as_bytes)
}

#[cfg(unix)]
fn os_string(bytes: &[u8]) -> Option<OsString> {
    use std::os::unix::ffi::OsStrExt;
    Some(OsStr::from_bytes(bytes).to_os_string())
}

#[cfg(not(unix))]
fn os_string(bytes: &[u8]) -> Option<OsString> {
    std::str::from_utf8(bytes).ok().map(OsString::from)
}

/// Runs `git status` in the working tree at `root` about the files of `tree`, and returns
/// what it reports (possibly about other files too).
fn git_status(git: &OsStr, root: &Path, tree: &Tree) -> Result<Vec<(GitPath, Dirty)>, VcsError> {
    let fail = |message: String| VcsError::Git {
        dir: root.to_path_buf(),
        message,
    };
    let spawn = |error: io::Error| {
        if error.kind() == io::ErrorKind::NotFound {
            VcsError::NoGit {
                dir: root.to_path_buf(),
            }
        } else {
            fail(format!("could not run `git`: {error}"))
        }
    };
    let output = git_command(git, root)
        .args(["config", "-z", "--name-only", "--get-regexp", r"^filter\."])
        .output()
        .map_err(spawn)?;
    let filters = filter_drivers(&output).map_err(fail)?;
    let output = status_command(git, root, tree, &filters)
        .output()
        .map_err(spawn)?;
    if !output.status.success() {
        return Err(fail(failure_message("git status", &output)));
    }
    parse_status(&output.stdout).map_err(fail)
}

/// `git` in `root`, in a clean environment that runs no command the repository's
/// configuration names (see the module doc).
fn git_command(git: &OsStr, root: &Path) -> Command {
    let mut command = Command::new(git);
    command
        .arg("--no-pager")
        .arg("--literal-pathspecs")
        .arg("-C")
        .arg(root)
        // Empty, not `false`: before git 2.36 the setting is a hook's path, and only an
        // empty one turns it off (a `false` would be run); since, empty reads as false.
        .args(["-c", "core.fsmonitor="])
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env_remove("GIT_INDEX_FILE")
        .env_remove("GIT_EXTERNAL_DIFF")
        .env("LC_ALL", "C")
        .env("GIT_TERMINAL_PROMPT", "0")
        // Do not take the index lock to refresh it: never disturb the user's own git, and
        // no index write (nor the hook that follows one).
        .env("GIT_OPTIONAL_LOCKS", "0")
        .stdin(Stdio::null());
    command
}

/// The names of the filter drivers a configuration defines, from the output of
/// `git config -z --name-only --get-regexp ^filter\.` (run in the working tree, it reads
/// the repository's configuration with the user's and the system's, and runs nothing):
/// `filter.<name>.<key>`, whatever the key.
fn filter_drivers(output: &std::process::Output) -> Result<Vec<Vec<u8>>, String> {
    // 1: no such key.
    if output.status.code() == Some(1) && output.stdout.is_empty() {
        return Ok(Vec::new());
    }
    if !output.status.success() {
        return Err(failure_message("git config", output));
    }
    let mut names: Vec<Vec<u8>> = output
        .stdout
        .split(|&byte| byte == 0)
        .filter(|key| !key.is_empty())
        .filter_map(|key| {
            let rest = key.strip_prefix(b"filter.")?;
            let dot = rest.iter().rposition(|&byte| byte == b'.')?;
            Some(rest[..dot].to_vec())
        })
        .collect();
    names.sort();
    names.dedup();
    // `-c KEY=VALUE` splits at the first `=`: a driver whose name holds one (or a line
    // break) cannot be switched off that way, so the answer cannot be had safely.
    if let Some(name) = names
        .iter()
        .find(|n| n.contains(&b'=') || n.contains(&b'\n'))
    {
        return Err(format!(
            "its configuration names a filter driver `{}` that cannot be switched off \
             safely",
            String::from_utf8_lossy(name)
        ));
    }
    Ok(names)
}

/// `-c` settings that switch off the filter driver `name`: no clean, smudge or process
/// command (git skips an empty one), and the filter not required (so skipping it is no
/// error).
fn neutralised(name: &[u8]) -> Vec<OsString> {
    let mut args = Vec::new();
    for (key, value) in [
        ("clean", ""),
        ("smudge", ""),
        ("process", ""),
        ("required", "false"),
    ] {
        let mut setting = b"filter.".to_vec();
        setting.extend_from_slice(name);
        setting.extend_from_slice(format!(".{key}={value}").as_bytes());
        if let Some(setting) = os_string(&setting) {
            args.push(OsString::from("-c"));
            args.push(setting);
        }
    }
    args
}

/// `git status` in `root`, machine-readable, running nothing the configuration names.
fn status_command(git: &OsStr, root: &Path, tree: &Tree, filters: &[Vec<u8>]) -> Command {
    let mut command = git_command(git, root);
    for name in filters {
        command.args(neutralised(name));
    }
    command
        .args([
            "status",
            "--porcelain=v1",
            "-z",
            "--untracked-files=all",
            "--ignored=no",
            // A submodule is another repository, with its own configuration: not entered.
            "--ignore-submodules=all",
            "--",
        ])
        .args(pathspecs(tree));
    command
}

/// The paths to give `git status`: all of them, or none (the whole working tree) if they
/// would make too long a command line.
fn pathspecs(tree: &Tree) -> Vec<OsString> {
    let bytes: usize = tree.keys().map(|path| path.len() + 1).sum();
    if bytes > MAX_PATHSPEC_BYTES {
        return Vec::new();
    }
    tree.keys().filter_map(|path| os_string(path)).collect()
}

fn failure_message(what: &str, output: &std::process::Output) -> String {
    let stderr = String::from_utf8_lossy(&output.stderr);
    let stderr = stderr.trim();
    if stderr.is_empty() {
        format!("`{what}` failed ({})", output.status)
    } else {
        format!("`{what}` failed: {stderr}")
    }
}

/// Parses `git status --porcelain=v1 -z`: NUL-terminated records `XY PATH`; a rename
/// (`R`) or copy (`C`) is followed by a second record, the original path. `??` is
/// untracked, `!!` ignored, anything else modified. A rename's original path is modified
/// too (its deletion is not committed); a copy's is not.
fn parse_status(output: &[u8]) -> Result<Vec<(GitPath, Dirty)>, String> {
    let mut found = Vec::new();
    let mut records = output.split(|&byte| byte == 0).filter(|r| !r.is_empty());
    while let Some(record) = records.next() {
        let (status, path) = split_record(record)?;
        match status {
            b"??" => found.push((path.to_vec(), Dirty::Untracked)),
            b"!!" => {}
            _ => found.push((path.to_vec(), Dirty::Modified)),
        }
        if status.contains(&b'R') || status.contains(&b'C') {
            let original = records
                .next()
                .ok_or("unexpected output from `git status`: a rename without its origin")?;
            if status.contains(&b'R') {
                found.push((original.to_vec(), Dirty::Modified));
            }
        }
    }
    Ok(found)
}

/// Splits a record `XY PATH` into `XY` and `PATH`.
fn split_record(record: &[u8]) -> Result<(&[u8], &[u8]), String> {
    match record {
        [_, _, b' ', path @ ..] if !path.is_empty() => Ok((&record[..2], path)),
        _ => Err(format!(
            "unexpected output from `git status`: {:?}",
            String::from_utf8_lossy(record)
        )),
    }
}

#[cfg(test)]
mod tests;
