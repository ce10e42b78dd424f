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

/// A path as every output shows it: relative to the working folder when it is below it
/// (else absolute), `.` and `..` resolved by their text, empty components dropped, `/`
/// between components, and each component's exact bytes. The one path function of the
/// output formats: [`OutputPath::text`] for text, [`OutputPath::uri`] for URIs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutputPath {
    /// Absolute: from the root (with the prefix of a Windows path as its first component).
    absolute: bool,
    components: Vec<std::ffi::OsString>,
}

impl OutputPath {
    /// `path` (relative to the working folder, or absolute) as the output shows it.
    pub fn of(path: &Path) -> OutputPath {
        let cwd = std::env::current_dir().ok();
        let full = match &cwd {
            Some(cwd) if path.is_relative() => OutputPath::lexical(&cwd.join(path)),
            _ => OutputPath::lexical(path),
        };
        if let Some(cwd) = cwd.as_deref().map(OutputPath::lexical) {
            if full.absolute && full.components.starts_with(&cwd.components) {
                return OutputPath {
                    absolute: false,
                    components: full.components[cwd.components.len()..].to_vec(),
                };
            }
        }
        full
    }

    /// The working folder, absolute (for a format that states its base).
    pub fn cwd() -> Option<OutputPath> {
        std::env::current_dir()
            .ok()
            .map(|cwd| OutputPath::lexical(&cwd))
    }

    /// `path` with `.` dropped and `..` taking off the component before it (kept at the
    /// start of a relative path; dropped at the root, where it changes nothing).
    fn lexical(path: &Path) -> OutputPath {
        use std::path::Component;
        let mut out = OutputPath {
            absolute: path.has_root(),
            components: Vec::new(),
        };
        for component in path.components() {
            match component {
                Component::Prefix(prefix) => out.components.push(prefix.as_os_str().into()),
                Component::RootDir | Component::CurDir => {}
                Component::ParentDir => {
                    let keep = out.components.last().is_none_or(|last| last == "..");
                    if keep && !out.absolute {
                        out.components.push("..".into());
                    } else if !keep {
                        out.components.pop();
                    }
                }
                Component::Normal(name) => out.components.push(name.into()),
            }
        }
        out
    }

    /// Whether the path is outside the working folder (then absolute).
    pub fn is_absolute(&self) -> bool {
        self.absolute
    }

    /// The path as text: components as they are, joined by `/`; a byte that is not UTF-8
    /// written `\xHH` (a name that is UTF-8, with a backslash or not, is shown exactly).
    /// The working folder itself is `.`.
    pub fn text(&self) -> String {
        let mut s = String::new();
        if self.absolute && !self.has_prefix() {
            s.push('/');
        }
        for (i, component) in self.components.iter().enumerate() {
            if i > 0 {
                s.push('/');
            }
            for chunk in os_bytes(component).utf8_chunks() {
                s.push_str(chunk.valid());
                for byte in chunk.invalid() {
                    s.push_str(&format!("\\x{byte:02X}"));
                }
            }
        }
        if s.is_empty() {
            s.push('.');
        }
        s
    }

    /// The path as a URI: a relative reference when relative, a `file:` URI when absolute;
    /// each component's bytes percent-encoded but RFC 3986's unreserved characters (so a
    /// `:` cannot read as a scheme, and `%`, `#`, `?`, `\`, spaces keep their meaning).
    /// `dir` adds the final `/` of a folder.
    pub fn uri(&self, dir: bool) -> String {
        use percent_encoding::{percent_encode, AsciiSet, NON_ALPHANUMERIC};
        const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
            .remove(b'-')
            .remove(b'.')
            .remove(b'_')
            .remove(b'~');
        let mut s = String::new();
        if self.absolute {
            s.push_str("file://");
        }
        for (i, component) in self.components.iter().enumerate() {
            if i > 0 || self.absolute {
                s.push('/');
            }
            let bytes = os_bytes(component);
            if i == 0 && self.has_prefix() {
                // A drive (`C:`): its `:` stays, as `file:///C:/x` writes it.
                s.push_str(&String::from_utf8_lossy(&bytes).replace('\\', "/"));
            } else {
                s.extend(percent_encode(&bytes, COMPONENT));
            }
        }
        if dir && !s.ends_with('/') {
            s.push('/');
        }
        s
    }

    fn has_prefix(&self) -> bool {
        cfg!(windows)
            && self
                .components
                .first()
                .is_some_and(|c| Path::new(c).has_root() || c.to_string_lossy().ends_with(':'))
    }
}

#[cfg(unix)]
fn os_bytes(name: &std::ffi::OsStr) -> std::borrow::Cow<'_, [u8]> {
    use std::os::unix::ffi::OsStrExt;
    std::borrow::Cow::Borrowed(name.as_bytes())
}

#[cfg(not(unix))]
fn os_bytes(name: &std::ffi::OsStr) -> std::borrow::Cow<'_, [u8]> {
    match name.to_string_lossy() {
        std::borrow::Cow::Borrowed(s) => std::borrow::Cow::Borrowed(s.as_bytes()),
        std::borrow::Cow::Owned(s) => std::borrow::Cow::Owned(s.into_bytes()),
    }
}

/// `path` as messages and every output format show it: [`OutputPath::text`].
pub fn display_path(path: &Path) -> String {
    OutputPath::of(path).text()
}

#[cfg(test)]
mod tests;
