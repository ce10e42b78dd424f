//! Finding the files to check: the `ignore` walk (`.gitignore`, `.ignore`, hidden files as
//! ripgrep skips them), in parallel, with languages by extension. A file named on the
//! command line is checked whatever the ignore files say, and whatever the config's
//! exclude says unless `force-exclude` is on.

use std::path::{Path, PathBuf};

use ignore::{WalkBuilder, WalkState};

use crate::error::FileError;
use crate::lang::Lang;

/// What the walk yields.
pub enum Entry {
    File(PathBuf, Lang),
    /// A problem with one path (a loop, a broken link, no permission).
    Error(FileError),
}

/// Which paths the config leaves out.
pub struct Filter<'a> {
    /// `(path, is_dir)`: true when the path is not to be checked (a folder: not walked).
    pub excluded: &'a (dyn Fn(&Path, bool) -> bool + Sync),
    /// Apply `excluded` to the files named on the command line too.
    pub force: bool,
}

/// Walks `roots` in parallel and calls `visit` on each entry, from the walker's threads.
pub fn walk(roots: &[PathBuf], filter: &Filter, visit: &(dyn Fn(Entry) + Sync)) {
    let mut dirs = Vec::new();
    for root in roots {
        if let Some(problem) = link_problem(root) {
            visit(Entry::Error(problem));
            continue;
        }
        if let Some(what) = std::fs::metadata(root)
            .ok()
            .and_then(|m| special(&m.file_type()))
        {
            if !(filter.force && (filter.excluded)(root, false)) {
                visit(Entry::Error(FileError::NotRegular {
                    path: root.clone(),
                    what,
                }));
            }
            continue;
        }
        if root.is_file() {
            if filter.force && (filter.excluded)(root, false) {
                continue;
            }
            match Lang::from_path(root) {
                Some(lang) => visit(Entry::File(root.clone(), lang)),
                None => visit(Entry::Error(FileError::Walk {
                    path: root.clone(),
                    message: format!(
                        "not a {} file (by its extension); skipped",
                        crate::lang::kind_list("or")
                    ),
                })),
            }
        } else {
            dirs.push(root.clone());
        }
    }
    let Some((first, rest)) = dirs.split_first() else {
        return;
    };
    let mut builder = WalkBuilder::new(first);
    for d in rest {
        builder.add(d);
    }
    builder.follow_links(false).require_git(false);
    builder.build_parallel().run(|| {
        Box::new(move |result| {
            match result {
                Ok(entry) => {
                    let Some(kind) = entry.file_type() else {
                        return WalkState::Continue;
                    };
                    // A root folder is walked even when excluded, unless forced.
                    let named = entry.depth() == 0;
                    if kind.is_dir() {
                        if (!named || filter.force) && (filter.excluded)(entry.path(), true) {
                            return WalkState::Skip;
                        }
                        dotenv_files(entry.path(), filter, visit);
                    } else if kind.is_file() {
                        if let Some(lang) = Lang::from_path(entry.path()) {
                            if !(filter.excluded)(entry.path(), false) {
                                visit(Entry::File(entry.into_path(), lang));
                            }
                        }
                    } else if let Some(what) = special(&kind) {
                        // A pipe, socket or device named like a source file would have
                        // been checked: said, never opened (a pipe would block the run).
                        if Lang::from_path(entry.path()).is_some()
                            && !(filter.excluded)(entry.path(), false)
                        {
                            visit(Entry::Error(FileError::NotRegular {
                                path: entry.into_path(),
                                what,
                            }));
                        }
                    }
                }
                Err(err) => {
                    let path = error_path(&err).unwrap_or_default();
                    let problem = match &err {
                        ignore::Error::Loop { .. } => FileError::SymlinkLoop { path },
                        _ => link_problem(&path).unwrap_or_else(|| FileError::Walk {
                            message: io_message(&err),
                            path,
                        }),
                    };
                    visit(Entry::Error(problem));
                }
            }
            WalkState::Continue
        })
    });
}

/// The `.env` files of a folder walked (`.env`, `.env.local`, `.env.production`...):
/// hidden, and most often git-ignored, yet what the code reads its Flexy base from at run
/// time, so read whatever the ignore files say (the config's exclude still applies).
fn dotenv_files(dir: &Path, filter: &Filter, visit: &(dyn Fn(Entry) + Sync)) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if !crate::lang::settings::is_dotenv(name) || !entry.file_type().is_ok_and(|t| t.is_file())
        {
            continue;
        }
        let path = entry.path();
        if !(filter.excluded)(&path, false) {
            visit(Entry::File(path, Lang::Settings));
        }
    }
}

/// What a file that is neither a regular file, a folder nor a symbolic link is: a named
/// pipe, a socket, a device. Found from its type alone, without opening it.
#[cfg(unix)]
fn special(kind: &std::fs::FileType) -> Option<&'static str> {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_fifo() {
        Some("a named pipe")
    } else if kind.is_socket() {
        Some("a socket")
    } else if kind.is_char_device() {
        Some("a character device")
    } else if kind.is_block_device() {
        Some("a block device")
    } else {
        None
    }
}

#[cfg(not(unix))]
fn special(_kind: &std::fs::FileType) -> Option<&'static str> {
    None
}

/// A symbolic link that leads nowhere: a loop, or a missing target.
fn link_problem(path: &Path) -> Option<FileError> {
    let meta = std::fs::symlink_metadata(path).ok()?;
    if !meta.file_type().is_symlink() {
        return None;
    }
    match std::fs::metadata(path) {
        Ok(_) => None,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Some(FileError::BrokenLink {
            path: path.to_path_buf(),
        }),
        Err(_) => Some(FileError::SymlinkLoop {
            path: path.to_path_buf(),
        }),
    }
}

/// The walker's error without the path it repeats.
fn io_message(err: &ignore::Error) -> String {
    match err {
        ignore::Error::WithPath { err, .. } | ignore::Error::WithDepth { err, .. } => {
            io_message(err)
        }
        other => other.to_string(),
    }
}

fn error_path(err: &ignore::Error) -> Option<PathBuf> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } => error_path(err),
        ignore::Error::Loop { child, .. } => Some(child.clone()),
        _ => None,
    }
}
