//! How a path is shown: relative to the working folder when below it, with its exact bytes,
//! as text in messages ([`display_path`]) and as a URI in SARIF ([`OutputPath::uri`]).

use std::path::Path;

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
        OutputPath::below(path, cwd.as_deref(), cwd.as_deref())
    }

    /// `path` (relative to `cwd`, or absolute) relative to the folder `base` when it is
    /// below it, else absolute.
    pub fn below(path: &Path, cwd: Option<&Path>, base: Option<&Path>) -> OutputPath {
        let full = match cwd {
            Some(cwd) if path.is_relative() => OutputPath::lexical(&cwd.join(path)),
            _ => OutputPath::lexical(path),
        };
        if let Some(base) = base.map(OutputPath::lexical) {
            if full.absolute && full.components.starts_with(&base.components) {
                return OutputPath {
                    absolute: false,
                    components: full.components[base.components.len()..].to_vec(),
                };
            }
        }
        full
    }

    /// A folder, absolute (for a format that states its base).
    pub fn folder(dir: &Path) -> OutputPath {
        OutputPath::lexical(dir)
    }

    /// `path` with `.` dropped and `..` taking off the component before it (kept at the
    /// start of a relative path; dropped at the root, where it changes nothing):
    /// path-clean's lexical cleaning, as components.
    fn lexical(path: &Path) -> OutputPath {
        use std::path::Component;
        let clean = path_clean::clean(path);
        let mut out = OutputPath {
            absolute: clean.has_root(),
            components: Vec::new(),
        };
        for component in clean.components() {
            match component {
                Component::RootDir | Component::CurDir => {}
                other => out.components.push(other.as_os_str().into()),
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

    /// The path as a URI: a relative reference when relative, each component's bytes
    /// percent-encoded but RFC 3986's unreserved characters (so a `:` cannot read as a
    /// scheme, and `%`, `#`, `?`, `\`, spaces keep their meaning); a `file:` URI when
    /// absolute, as the url crate writes it.
    /// `dir` adds the final `/` of a folder.
    pub fn uri(&self, dir: bool) -> String {
        use percent_encoding::{percent_encode, AsciiSet, NON_ALPHANUMERIC};
        // An absolute path: the `file:` URI the url crate makes of it.
        if self.absolute && !self.has_prefix() {
            let mut path = std::path::PathBuf::from("/");
            path.extend(&self.components);
            let url = if dir {
                url::Url::from_directory_path(&path)
            } else {
                url::Url::from_file_path(&path)
            };
            if let Ok(url) = url {
                return url.into();
            }
        }
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
