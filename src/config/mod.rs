//! The config file, `v3-migrate.toml`: which files to check, which rules to run, which
//! extra hosts count as Flexy.
//!
//! ```toml
//! include = ["src/**", "lib/**/*.php"]     # only files matching one of these are checked
//! exclude = ["vendor/**", "**/*.min.js"]   # never checked (a folder excludes all below it)
//! select = ["v2-endpoint", "response"]     # rules or groups to run (default ALL)
//! ignore = ["root-pagination"]             # rules or groups not to run
//! flexy-hosts = ["gw.example.com:8443"]    # extra hosts that count as the Flexy host
//! unsafe-fixes = true                      # --fix also applies unsafe fixes
//! force-exclude = true                     # include/exclude apply to files named too
//! max-file-size = 50                       # skip files larger than 50 MB (default 10)
//!
//! [per-file-ignores]
//! "legacy/**" = ["v2-error-code"]
//! "tests/**/*.py" = ["ALL"]
//! ```
//!
//! Globs are `.gitignore` patterns, matched by the `ignore` crate's gitignore matcher (the
//! one ripgrep uses), relative to the file's folder (the root). `*` and `?` do not cross
//! `/`; `**` does. A pattern without a `/` matches a name at any depth (`*.min.js`,
//! `node_modules`); one with a `/` is anchored at the root (a leading `/` or `./` is
//! dropped). A trailing `/` makes a pattern match folders only. A path matches when it or
//! one of its parent folders below the root matches, so `vendor/**`, `vendor/` and
//! `vendor` all exclude the whole `vendor` folder. In `exclude`, a `!` pattern re-includes
//! what an earlier one excluded (`"*.min.js", "!flexy.min.js"`); as in git, not a file
//! whose folder is excluded itself.
//!
//! Every mistake is an error that names the file, the line and column, and the key or
//! value at fault; the run does not guess.

use std::collections::BTreeMap;

use crate::host;
use std::path::{Component, Path, PathBuf};

use ignore::gitignore::Gitignore;

mod patterns;
use miette::{Diagnostic, SourceSpan};
use patterns::{matcher, matches_here};
use serde::Deserialize;
use thiserror::Error;
use toml::Spanned;

use crate::rules::{self, Group, Rule};

/// The config file's name, looked for in a folder and its parents.
pub const FILE_NAME: &str = "v3-migrate.toml";

/// The keys the file may hold, in the order the docs list them.
const KEYS: &[&str] = &[
    "include",
    "exclude",
    "select",
    "ignore",
    "flexy-hosts",
    "unsafe-fixes",
    "force-exclude",
    "max-file-size",
    "per-file-ignores",
];

/// A loaded config. `Config::default()` is "no config": nothing excluded, nothing ignored.
#[derive(Clone, Debug)]
pub struct Config {
    /// The file read.
    pub path: PathBuf,
    /// Its folder, canonical: globs are relative to it.
    pub root: PathBuf,
    /// The rules to run (`select`, groups and `ALL` expanded); `None` when not given.
    pub select: Option<Vec<Rule>>,
    /// The rules not to run (`ignore`, expanded).
    pub ignore: Vec<Rule>,
    /// Extra Flexy hosts, lowercase, `host` or `host:port`.
    pub flexy_hosts: Vec<String>,
    pub unsafe_fixes: Option<bool>,
    pub force_exclude: Option<bool>,
    /// Files larger than this many megabytes are skipped (`max-file-size`).
    pub max_file_size: Option<u64>,
    /// The folder as given, made absolute without resolving links.
    root_lexical: PathBuf,
    /// Files only matching one of these (or in a folder that does) are checked; `None`:
    /// every file.
    include: Option<Gitignore>,
    /// The `exclude` patterns, with gitignore's rules (and `x/` for each `x/**`, so the walk
    /// skips the folder itself).
    exclude: Gitignore,
    /// Per `per-file-ignores` pattern, in order: its matcher and the rules it ignores.
    per_file: Vec<(Gitignore, Vec<Rule>)>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            path: PathBuf::new(),
            root: PathBuf::new(),
            select: None,
            ignore: Vec::new(),
            flexy_hosts: Vec::new(),
            unsafe_fixes: None,
            force_exclude: None,
            max_file_size: None,
            root_lexical: PathBuf::new(),
            include: None,
            exclude: Gitignore::empty(),
            per_file: Vec::new(),
        }
    }
}

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
    src: crate::render::excerpt::Excerpt,
    #[label("{label}")]
    span: SourceSpan,
    label: String,
    #[help]
    help: Option<String>,
}

/// The file as serde reads it; values keep their place for the errors.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    include: Option<Vec<Spanned<String>>>,
    exclude: Option<Vec<Spanned<String>>>,
    select: Option<Vec<Spanned<String>>>,
    ignore: Option<Vec<Spanned<String>>>,
    flexy_hosts: Option<Vec<Spanned<String>>>,
    unsafe_fixes: Option<bool>,
    force_exclude: Option<bool>,
    max_file_size: Option<Spanned<u64>>,
    per_file_ignores: Option<BTreeMap<Spanned<String>, Vec<Spanned<String>>>>,
}

/// The file's text and name, to build errors that point into it.
struct Doc<'a> {
    name: String,
    text: &'a str,
}

impl Doc<'_> {
    fn error(
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
        let (src, span) =
            crate::render::excerpt::Excerpt::around(self.name.clone(), self.text, start..end);
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

impl Config {
    /// Reads and checks the config file at `path`.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        let folder = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        Config::from_text(&text, path, folder)
    }

    /// Checks `text` as the config file `path`, whose globs are relative to `folder`.
    fn from_text(text: &str, path: &Path, folder: &Path) -> Result<Config, ConfigError> {
        let root_lexical = absolute(folder);
        let root = folder
            .canonicalize()
            .unwrap_or_else(|_| root_lexical.clone());
        let doc = Doc {
            name: shown_name(path),
            text,
        };
        let raw = parse(&doc)?;
        build(&doc, raw, path.to_path_buf(), root, root_lexical)
    }

    /// Finds `v3-migrate.toml` in `start` (a folder, or a file whose folder is meant) or
    /// the nearest of its parents, and loads it. `Ok(None)` when there is none.
    pub fn discover(start: &Path) -> Result<Option<Config>, ConfigError> {
        let start = start.canonicalize().unwrap_or_else(|_| absolute(start));
        for dir in start.ancestors() {
            let candidate = dir.join(FILE_NAME);
            if candidate.is_file() {
                return Config::load(&candidate).map(Some);
            }
        }
        Ok(None)
    }

    /// True when the file at `path` (as the walk gives it: relative to the current folder,
    /// `./`-prefixed or absolute; it need not exist) is not to be checked: it or one of its
    /// folders below the root matches `exclude`, or `include` is given and neither it nor
    /// one of its folders matches it. A path outside the root is never excluded.
    pub fn is_excluded(&self, path: &Path) -> bool {
        let Some(rel) = self.relative(path) else {
            return false;
        };
        if matches_here(&self.exclude, &rel, false) {
            return true;
        }
        match &self.include {
            Some(include) => !matches_here(include, &rel, false),
            None => false,
        }
    }

    /// True when the folder at `dir` or one of its parents below the root is excluded, so
    /// the walk need not enter it. `include` never prunes a folder.
    pub fn is_dir_excluded(&self, dir: &Path) -> bool {
        let Some(rel) = self.relative(dir) else {
            return false;
        };
        matches_here(&self.exclude, &rel, true)
    }

    /// The rules `per-file-ignores` turns off for the file at `path` (in rule order).
    pub fn ignored_rules(&self, path: &Path) -> Vec<Rule> {
        if self.per_file.is_empty() {
            return Vec::new();
        }
        let Some(rel) = self.relative(path) else {
            return Vec::new();
        };
        let ignored: Vec<Rule> = self
            .per_file
            .iter()
            .filter(|(matcher, _)| matches_here(matcher, &rel, false))
            .flat_map(|(_, rules)| rules.iter().copied())
            .collect();
        Rule::ALL
            .iter()
            .copied()
            .filter(|r| ignored.contains(r))
            .collect()
    }

    /// `path` relative to the root, `/`-separated, without `.` or `..`; `None` when it is
    /// outside the root, is the root, or there is no config.
    fn relative(&self, path: &Path) -> Option<String> {
        if self.root.as_os_str().is_empty() {
            return None;
        }
        let lexical = absolute(path);
        // Links in the folders are resolved, not the last name: a linked file is judged by
        // where the walk found it.
        let canonical = canonical_parents(&lexical);
        let rel = canonical
            .as_deref()
            .and_then(|c| c.strip_prefix(&self.root).ok())
            .or_else(|| lexical.strip_prefix(&self.root).ok())
            .or_else(|| lexical.strip_prefix(&self.root_lexical).ok())?;
        let parts: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        (!parts.is_empty()).then(|| parts.join("/"))
    }
}

/// Parses the text: syntax, then the keys, then the types.
fn parse(doc: &Doc) -> Result<RawConfig, ConfigError> {
    let table = toml::de::DeTable::parse(doc.text).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        doc.error(
            InvalidKind::Syntax,
            span,
            format!("invalid TOML: {}", e.message()),
            "here",
            Some(
                "see https://toml.io for the syntax; strings are quoted, lists are [\"a\", \"b\"]"
                    .into(),
            ),
        )
    })?;
    for (key, _) in table.get_ref() {
        let name = key.get_ref().as_ref();
        if !KEYS.contains(&name) {
            let known = KEYS
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ");
            let help = match suggest(name, KEYS.iter().copied()) {
                Some(s) => format!("did you mean `{s}`? The keys are {known}"),
                None => format!("the keys are {known}"),
            };
            return Err(doc.error(
                InvalidKind::UnknownKey,
                key.span(),
                format!("unknown key `{name}`"),
                "unknown key",
                Some(help),
            ));
        }
    }
    toml::from_str::<RawConfig>(doc.text).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        let at = key_at(table.get_ref(), span.start);
        let Some(key) = at else {
            return doc.error(
                InvalidKind::WrongType,
                span,
                e.message().to_string(),
                "here",
                None,
            );
        };
        let top = key.first().cloned().unwrap_or_default();
        let shown = key
            .iter()
            .map(|k| quote_key(k))
            .collect::<Vec<_>>()
            .join(".");
        let nested = key.len() > 1;
        // serde's words, in TOML's.
        let message = e
            .message()
            .replace("a sequence", "a list")
            .replace("a map", "a table")
            .replace("invalid type: ", "found ");
        let expects = expects(&top, nested);
        // A lone string where a list is expected: show the list.
        let found_str = lookup(table.get_ref(), &key).and_then(|v| v.as_str().map(String::from));
        let help = match found_str {
            Some(s) if expects.starts_with("a list") => {
                let last = key.last().map(|k| quote_key(k)).unwrap_or_default();
                format!("write it as a list: {last} = [{}]", toml_string(&s))
            }
            _ => format!("`{shown}` takes {expects}"),
        };
        doc.error(
            InvalidKind::WrongType,
            span,
            format!("wrong type for `{shown}`: {message}"),
            format!("expected {}", expects.split(',').next().unwrap_or(expects)),
            Some(help),
        )
    })
}

/// Checks the values and compiles the globs.
fn build(
    doc: &Doc,
    raw: RawConfig,
    path: PathBuf,
    root: PathBuf,
    root_lexical: PathBuf,
) -> Result<Config, ConfigError> {
    let select = raw
        .select
        .as_deref()
        .map(|names| rule_list(doc, "select", names))
        .transpose()?;
    let ignore = rule_list(doc, "ignore", raw.ignore.as_deref().unwrap_or_default())?;

    let mut flexy_hosts = Vec::new();
    for host in raw.flexy_hosts.iter().flatten() {
        flexy_hosts.push(check_host(doc, host)?);
    }

    let include = raw
        .include
        .as_deref()
        .map(|globs| matcher(doc, "include", globs.iter()))
        .transpose()?;
    let exclude = matcher(doc, "exclude", raw.exclude.iter().flatten())?;
    let mut per_file = Vec::new();
    for (pattern, names) in raw.per_file_ignores.iter().flatten() {
        let key = format!("per-file-ignores.{}", quote_key(pattern.get_ref()));
        per_file.push((
            matcher(doc, "per-file-ignores", std::iter::once(pattern))?,
            rule_list(doc, &key, names)?,
        ));
    }

    // 0 MB would skip every file that mentions Flexy, each as "over the 0.0 MB limit".
    if let Some(size) = raw.max_file_size.as_ref().filter(|s| *s.get_ref() == 0) {
        return Err(doc.error(
            InvalidKind::OutOfRange,
            size.span(),
            "`max-file-size` must be at least 1 (megabyte)".into(),
            "0 would skip every file",
            Some(format!("write {}", expects("max-file-size", false))),
        ));
    }

    Ok(Config {
        path,
        root,
        select,
        ignore,
        flexy_hosts,
        unsafe_fixes: raw.unsafe_fixes,
        force_exclude: raw.force_exclude,
        max_file_size: raw.max_file_size.map(Spanned::into_inner),
        root_lexical,
        include,
        exclude,
        per_file,
    })
}

/// The rules a list of selectors names, in rule order.
fn rule_list(doc: &Doc, key: &str, names: &[Spanned<String>]) -> Result<Vec<Rule>, ConfigError> {
    let mut out = Vec::new();
    for name in names {
        match rules::selector(name.get_ref()) {
            Some(rules) if !name.get_ref().trim().is_empty() => out.extend(rules),
            _ => return Err(unknown_rule(doc, key, name)),
        }
    }
    Ok(Rule::ALL
        .iter()
        .copied()
        .filter(|r| out.contains(r))
        .collect())
}

fn unknown_rule(doc: &Doc, key: &str, name: &Spanned<String>) -> ConfigError {
    let value = name.get_ref();
    let candidates = Rule::ALL
        .iter()
        .map(|r| r.name())
        .chain(Group::ALL.iter().map(|g| g.name()))
        .chain(["ALL"]);
    let groups = Group::ALL
        .iter()
        .map(|g| g.name())
        .collect::<Vec<_>>()
        .join(", ");
    let lists =
        format!("`v3-migrate rules` lists the rules; the groups are {groups}; `ALL` is every rule");
    let help = match suggest(value.trim(), candidates) {
        Some(s) => format!("did you mean `{s}`? {lists}"),
        None => lists,
    };
    doc.error(
        InvalidKind::UnknownRule,
        name.span(),
        format!("unknown rule or group `{value}` in `{key}`"),
        "no rule or group of this name",
        Some(help),
    )
}

/// Checks a `flexy-hosts` entry: a bare host or `host:port`. Gives it lowercase.
fn check_host(doc: &Doc, host: &Spanned<String>) -> Result<String, ConfigError> {
    let value = host.get_ref();
    if let Err(why) = host::valid_host(value) {
        let fixed = host::bare_host(value).filter(|h| h != value && host::valid_host(h).is_ok());
        let help = match fixed {
            Some(h) => format!("write the host alone: \"{h}\""),
            None => "write a bare host or host:port, e.g. \"gw.example.com\" or \
                     \"gw.example.com:8443\""
                .into(),
        };
        return Err(doc.error(
            InvalidKind::BadHost,
            host.span(),
            format!("invalid host `{}` in `flexy-hosts`: {why}", clipped(value)),
            "not a bare host",
            Some(help),
        ));
    }
    Ok(value.to_lowercase())
}

/// `value`, cut to its first 80 characters (a megabyte-long mistake is not repeated whole).
fn clipped(value: &str) -> String {
    match value.char_indices().nth(80) {
        Some((at, _)) => format!("{}...", &value[..at]),
        None => value.to_string(),
    }
}

/// The nearest candidate to a misspelt `name`, when one is near.
fn suggest<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let lower = name.to_ascii_lowercase().replace('_', "-");
    let max = 2.max(name.chars().count() / 3);
    candidates
        .map(|c| {
            let d = if c.eq_ignore_ascii_case(&lower) {
                0
            } else {
                strsim::levenshtein(&lower, c)
            };
            (d, c)
        })
        .filter(|(d, _)| *d <= max)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// The key path (top-level key first) whose value holds byte `at`, the deepest one.
fn key_at(table: &toml::de::DeTable, at: usize) -> Option<Vec<String>> {
    for (key, value) in table {
        let name = key.get_ref().to_string();
        // A `[table]`'s span is its header: its keys are searched whatever the span.
        if let Some(inner) = value.get_ref().as_table() {
            if let Some(mut path) = key_at(inner, at) {
                path.insert(0, name);
                return Some(path);
            }
        }
        if value.span().contains(&at) || key.span().contains(&at) {
            return Some(vec![name]);
        }
    }
    None
}

fn lookup<'a>(
    table: &'a toml::de::DeTable<'a>,
    key: &[String],
) -> Option<&'a toml::de::DeValue<'a>> {
    let (first, rest) = key.split_first()?;
    let value = table.get(first.as_str())?.get_ref();
    if rest.is_empty() {
        Some(value)
    } else {
        lookup(value.as_table()?, rest)
    }
}

/// What a key takes, for the help.
fn expects(top: &str, nested: bool) -> &'static str {
    match (top, nested) {
        ("include" | "exclude", _) => "a list of glob patterns, e.g. [\"vendor/**\"]",
        ("select" | "ignore", _) | ("per-file-ignores", true) => {
            "a list of rule or group names, e.g. [\"v2-endpoint\", \"response\"]"
        }
        ("flexy-hosts", _) => "a list of hosts, e.g. [\"gw.example.com:8443\"]",
        ("unsafe-fixes" | "force-exclude", _) => "true or false",
        ("max-file-size", _) => "a whole number of megabytes, e.g. 50",
        ("per-file-ignores", false) => {
            "a table of glob = [rules], e.g. [per-file-ignores] \"legacy/**\" = [\"v2-error-code\"]"
        }
        _ => "another type",
    }
}

/// A key as written in TOML: bare when it can be.
fn quote_key(key: &str) -> String {
    if !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        key.to_string()
    } else {
        toml_string(key)
    }
}

fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `path` made absolute against the current folder, `.` and `..` resolved by name.
fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|cwd| cwd.join(path))
            .unwrap_or_else(|_| path.to_path_buf())
    };
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// An absolute `path` with its existing folders resolved (links followed), its last name
/// and any missing folders kept as written.
fn canonical_parents(path: &Path) -> Option<PathBuf> {
    let mut rest = Vec::new();
    let mut base = path;
    loop {
        rest.push(base.file_name()?);
        base = base.parent()?;
        if let Ok(mut c) = base.canonicalize() {
            for name in rest.iter().rev() {
                c.push(name);
            }
            return Some(c);
        }
    }
}

/// How a config file is named in messages: relative to the current folder when under it.
fn shown_name(path: &Path) -> String {
    let abs = absolute(path);
    let cwd = std::env::current_dir().ok();
    let cwd_canon = cwd.as_deref().and_then(|c| c.canonicalize().ok());
    let shown = [cwd, cwd_canon]
        .into_iter()
        .flatten()
        .find_map(|c| abs.strip_prefix(&c).ok().map(Path::to_path_buf));
    match shown {
        Some(rel) if !rel.as_os_str().is_empty() && path.is_absolute() => rel.display().to_string(),
        _ => path.display().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Writes `text` as `v3-migrate.toml` in a new temporary folder and loads it.
    fn load_text(text: &str) -> (tempfile::TempDir, Result<Config, ConfigError>) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        std::fs::write(&path, text).unwrap();
        let loaded = Config::load(&path);
        (dir, loaded)
    }

    /// The error `text` gives, as plain text, with its kind.
    fn error_of(text: &str) -> (String, InvalidKind, String) {
        let (_dir, loaded) = load_text(text);
        let err = loaded.expect_err("an error");
        let kind = err.kind().expect("an invalid config");
        let help = err.help().map(|h| h.to_string()).unwrap_or_default();
        (err.to_string(), kind, help)
    }

    /// A config whose root is the current folder, from text.
    fn here(text: &str) -> Config {
        Config::from_text(text, Path::new(FILE_NAME), Path::new(".")).unwrap()
    }

    /// `path` (absolute) written relative to the current folder, through `..`.
    fn via_cwd(path: &Path) -> PathBuf {
        let cwd = std::env::current_dir().unwrap();
        let mut rel = PathBuf::new();
        for _ in cwd.components().skip(1) {
            rel.push("..");
        }
        rel.join(path.strip_prefix("/").unwrap())
    }

    fn p(s: &str) -> PathBuf {
        PathBuf::from(s)
    }

    #[test]
    fn a_full_file_loads() {
        let (dir, loaded) = load_text(
            r#"# every key
include = ["src/**", "lib/**/*.php"]
exclude = ["vendor/**", "**/*.min.js"]
select = ["v2-endpoint", "response"]
ignore = ["root-pagination"]
flexy-hosts = ["flexy-proxy.internal", "GW.example.com:8443"]
unsafe-fixes = true
force-exclude = false
max-file-size = 50

[per-file-ignores]
"legacy/**" = ["v2-error-code"]
"tests/**/*.py" = ["ALL"]
"#,
        );
        let c = loaded.unwrap();
        assert_eq!(c.max_file_size, Some(50));
        assert_eq!(c.path, dir.path().join(FILE_NAME));
        assert_eq!(c.root, dir.path().canonicalize().unwrap());
        let want: Vec<Rule> = Rule::ALL
            .iter()
            .copied()
            .filter(|r| *r == Rule::V2Endpoint || r.group() == Group::Response)
            .collect();
        assert_eq!(c.select, Some(want));
        assert_eq!(c.ignore, vec![Rule::RootPagination]);
        assert_eq!(
            c.flexy_hosts,
            vec!["flexy-proxy.internal", "gw.example.com:8443"]
        );
        assert_eq!(c.unsafe_fixes, Some(true));
        assert_eq!(c.force_exclude, Some(false));
        let root = dir.path();
        assert!(!c.is_excluded(&root.join("src/a.js")));
        assert!(!c.is_excluded(&root.join("lib/x/y.php")));
        assert!(c.is_excluded(&root.join("lib/x/y.js")));
        assert!(c.is_excluded(&root.join("src/vendor.min.js")));
        assert!(c.is_excluded(&root.join("vendor/src/a.js")));
        assert!(c.is_dir_excluded(&root.join("vendor")));
        assert!(!c.is_dir_excluded(&root.join("docs")));
        assert_eq!(
            c.ignored_rules(&root.join("legacy/old.php")),
            vec![Rule::V2ErrorCode]
        );
        assert_eq!(c.ignored_rules(&root.join("tests/a/t.py")), Rule::ALL);
        assert!(c.ignored_rules(&root.join("tests/a/t.js")).is_empty());
    }

    #[test]
    fn an_empty_file_is_no_setting() {
        let (_dir, loaded) = load_text("# nothing yet\n");
        let c = loaded.unwrap();
        assert_eq!(c.select, None);
        assert!(c.ignore.is_empty() && c.flexy_hosts.is_empty());
        assert_eq!((c.unsafe_fixes, c.force_exclude), (None, None));
        assert!(!c.is_excluded(&c.root.join("a.js")));
    }

    #[test]
    fn the_default_config_excludes_nothing() {
        let c = Config::default();
        assert!(!c.is_excluded(Path::new("vendor/a.js")));
        assert!(!c.is_dir_excluded(Path::new("vendor")));
        assert!(c.ignored_rules(Path::new("a.py")).is_empty());
    }

    #[test]
    fn discover_finds_the_nearest_file_up_the_tree() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("a/b/c")).unwrap();
        std::fs::create_dir_all(root.join("x")).unwrap();
        std::fs::write(root.join(FILE_NAME), "select = [\"url\"]\n").unwrap();
        std::fs::write(root.join("a").join(FILE_NAME), "ignore = [\"auth\"]\n").unwrap();
        std::fs::write(root.join("a/b/c/code.js"), "").unwrap();

        let found = Config::discover(&root.join("a/b/c")).unwrap().unwrap();
        assert_eq!(found.root, root.join("a").canonicalize().unwrap());
        assert_eq!(found.ignore, vec![Rule::V2AuthHeader]);
        // A file starts the search at its folder.
        let found = Config::discover(&root.join("a/b/c/code.js"))
            .unwrap()
            .unwrap();
        assert_eq!(found.root, root.join("a").canonicalize().unwrap());
        // A sibling folder finds the parent's.
        let found = Config::discover(&root.join("x")).unwrap().unwrap();
        assert_eq!(found.root, root.canonicalize().unwrap());
        assert!(found.select.is_some());
        // Relative, through `..`.
        let found = Config::discover(&via_cwd(&root.join("a/b")))
            .unwrap()
            .unwrap();
        assert_eq!(found.root, root.join("a").canonicalize().unwrap());
    }

    #[test]
    fn discover_reports_a_bad_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE_NAME), "selct = []\n").unwrap();
        let err = Config::discover(dir.path()).unwrap_err();
        assert_eq!(err.kind(), Some(InvalidKind::UnknownKey));
    }

    #[test]
    fn a_syntax_error_names_the_place() {
        let (text, kind, _) = error_of("select = [\"url\"]\nunsafe-fixes = tru\n");
        assert_eq!(kind, InvalidKind::Syntax);
        assert!(
            text.contains("v3-migrate.toml:2:16: invalid TOML"),
            "{text}"
        );
    }

    #[test]
    fn an_unknown_key_is_named_with_a_suggestion() {
        let (text, kind, help) = error_of("include = []\n\nselct = [\"url\"]\n");
        assert_eq!(kind, InvalidKind::UnknownKey);
        assert!(
            text.ends_with("v3-migrate.toml:3:1: unknown key `selct`"),
            "{text}"
        );
        assert!(help.starts_with("did you mean `select`?"), "{help}");
        assert!(help.contains("`per-file-ignores`"), "{help}");

        let (text, _, help) = error_of("unsafe_fixes = true\n");
        assert!(text.contains(":1:1: unknown key `unsafe_fixes`"), "{text}");
        assert!(help.starts_with("did you mean `unsafe-fixes`?"), "{help}");

        let (text, _, help) = error_of("\n[colours]\nred = 1\n");
        assert!(text.contains(":2:2: unknown key `colours`"), "{text}");
        assert!(help.starts_with("the keys are"), "{help}");
    }

    #[test]
    fn a_wrong_type_names_the_key() {
        let (text, kind, help) = error_of("select = [\"url\"]\nunsafe-fixes = \"yes\"\n");
        assert_eq!(kind, InvalidKind::WrongType);
        assert!(
            text.contains("v3-migrate.toml:2:16: wrong type for `unsafe-fixes`"),
            "{text}"
        );
        assert!(help.contains("true or false"), "{help}");

        let (text, _, help) = error_of("\nselect = \"v2-endpoint\"\n");
        assert!(text.contains(":2:10: wrong type for `select`"), "{text}");
        assert_eq!(help, "write it as a list: select = [\"v2-endpoint\"]");

        let (text, _, _) = error_of("exclude = [\"a\", 3]\n");
        assert!(text.contains(":1:17: wrong type for `exclude`"), "{text}");

        let (text, _, help) = error_of("[per-file-ignores]\n\"legacy/**\" = \"v2-error-code\"\n");
        assert!(
            text.contains(":2:15: wrong type for `per-file-ignores.\"legacy/**\"`"),
            "{text}"
        );
        assert_eq!(
            help,
            "write it as a list: \"legacy/**\" = [\"v2-error-code\"]"
        );

        let (text, _, _) = error_of("per-file-ignores = [\"legacy/**\"]\n");
        assert!(
            text.contains(":1:20: wrong type for `per-file-ignores`"),
            "{text}"
        );
    }

    #[test]
    fn an_unknown_rule_is_pointed_at() {
        let (text, kind, help) = error_of("select = [\"v2-endpoint\", \"v2-endpont\"]\n");
        assert_eq!(kind, InvalidKind::UnknownRule);
        assert!(
            text.contains("v3-migrate.toml:1:26: unknown rule or group `v2-endpont` in `select`"),
            "{text}"
        );
        assert!(help.starts_with("did you mean `v2-endpoint`?"), "{help}");
        assert!(help.contains("`v3-migrate rules`"), "{help}");

        let (text, _, help) = error_of("\nignore = [\"all\"]\n");
        assert!(
            text.contains(":2:11: unknown rule or group `all` in `ignore`"),
            "{text}"
        );
        assert!(help.starts_with("did you mean `ALL`?"), "{help}");

        let (text, _, _) = error_of("[per-file-ignores]\n\"legacy/**\" = [\"bogus\"]\n");
        assert!(
            text.contains(
                ":2:16: unknown rule or group `bogus` in `per-file-ignores.\"legacy/**\"`"
            ),
            "{text}"
        );

        let (text, _, _) = error_of("select = [\"\"]\n");
        assert!(
            text.contains(":1:11: unknown rule or group `` in `select`"),
            "{text}"
        );
    }

    #[test]
    fn an_invalid_glob_is_pointed_at() {
        let (text, kind, _) = error_of("exclude = [\"vendor/**\", \"src/[a-\"]\n");
        assert_eq!(kind, InvalidKind::BadGlob);
        assert!(
            text.contains("v3-migrate.toml:1:25: invalid glob `src/[a-` in `exclude`"),
            "{text}"
        );
        let (text, _, _) = error_of("\ninclude = [\"{a,b\"]\n");
        assert!(
            text.contains(":2:12: invalid glob `{a,b` in `include`"),
            "{text}"
        );
        let (text, _, _) = error_of("[per-file-ignores]\n\"./\" = [\"url\"]\n");
        assert!(
            text.contains(":2:1: invalid glob `./` in `per-file-ignores`"),
            "{text}"
        );
        let (text, _, _) = error_of("exclude = [\"../x\"]\n");
        assert!(text.contains(":1:12: invalid glob `../x`"), "{text}");
    }

    #[test]
    fn a_zero_max_file_size_is_refused() {
        let (text, kind, help) = error_of("max-file-size = 0\n");
        assert_eq!(kind, InvalidKind::OutOfRange);
        assert!(
            text.contains("v3-migrate.toml:1:17: `max-file-size` must be at least 1"),
            "{text}"
        );
        assert!(help.contains("a whole number of megabytes"), "{help}");
    }

    #[test]
    fn a_bad_host_is_pointed_at_with_the_fix() {
        let (text, kind, help) =
            error_of("flexy-hosts = [\"ok.example\", \"https://GW.example.com:8443/api/v3\"]\n");
        assert_eq!(kind, InvalidKind::BadHost);
        assert!(
            text.contains(
                "v3-migrate.toml:1:30: invalid host `https://GW.example.com:8443/api/v3` in `flexy-hosts`: it holds a scheme"
            ),
            "{text}"
        );
        assert_eq!(help, "write the host alone: \"gw.example.com:8443\"");

        let (text, _, help) = error_of("flexy-hosts = [\"gw.example.com/api\"]\n");
        assert!(text.contains(":1:16: invalid host"), "{text}");
        assert!(text.contains("it holds a path"), "{text}");
        assert_eq!(help, "write the host alone: \"gw.example.com\"");

        let (text, _, help) = error_of("flexy-hosts = [\"gw example.com\"]\n");
        assert!(text.contains("it holds spaces"), "{text}");
        assert!(help.contains("bare host or host:port"), "{help}");

        for bad in [
            "gw.example.com:0",
            "gw.example.com:99999",
            "gw..com",
            "",
            "-a.com",
        ] {
            let (text, kind, _) = error_of(&format!("flexy-hosts = [\"{bad}\"]\n"));
            assert_eq!(kind, InvalidKind::BadHost, "{bad}: {text}");
        }
    }

    #[test]
    fn an_unreadable_file_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missing").join(FILE_NAME);
        let err = Config::load(&path).unwrap_err();
        assert!(err.kind().is_none());
        let text = err.to_string();
        assert!(text.starts_with(&path.display().to_string()), "{text}");
        assert!(text.contains("cannot read the config file"), "{text}");
    }

    #[test]
    fn the_report_shows_the_snippet_and_the_help() {
        let (_dir, loaded) = load_text("include = []\nselct = [\"url\"]\n");
        let err = loaded.unwrap_err();
        let mut out = String::new();
        miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
            .render_report(&mut out, &err)
            .unwrap();
        assert!(out.contains("selct = [\"url\"]"), "{out}");
        assert!(out.contains("unknown key"), "{out}");
        assert!(out.contains("did you mean `select`?"), "{out}");
        assert!(out.contains("v3-migrate.toml:2:1"), "{out}");
    }

    #[test]
    fn exclude_matches_files_and_folders_however_written() {
        let c = here(
            r#"exclude = ["vendor/**", "**/*.min.js", "node_modules", "build/", "src/*.gen.js"]"#,
        );
        let cwd = std::env::current_dir().unwrap();
        for excluded in [
            "vendor/a.js",
            "./vendor/a/b.js",
            "x.min.js",
            "./src/deep/x.min.js",
            "a/node_modules/b/c.js",
            "node_modules/c.js",
            "build/out.js",
            "src/build/out.js",
            "src/a.gen.js",
            "src/./x/../../vendor/a.js",
        ] {
            assert!(c.is_excluded(&p(excluded)), "{excluded}");
            assert!(c.is_excluded(&cwd.join(excluded)), "abs {excluded}");
        }
        for kept in [
            "src/a.js",
            "./src/a.js",
            "vendors/a.js",
            "src/vendor/a.js",
            "src/sub/a.gen.js",
            "build",
            "min.js",
        ] {
            assert!(!c.is_excluded(&p(kept)), "{kept}");
            assert!(!c.is_excluded(&cwd.join(kept)), "abs {kept}");
        }
        for pruned in [
            "vendor",
            "./vendor",
            "vendor/sub",
            "x/node_modules",
            "build",
            "a/build",
        ] {
            assert!(c.is_dir_excluded(&p(pruned)), "{pruned}");
            assert!(c.is_dir_excluded(&cwd.join(pruned)), "abs {pruned}");
        }
        for walked in ["src", "./src", "vendors", ".", "src/sub"] {
            assert!(!c.is_dir_excluded(&p(walked)), "{walked}");
        }
    }

    #[test]
    fn an_exclude_can_be_taken_back_with_a_bang() {
        let c = here(r#"exclude = ["**/*.min.js", "!src/flexy.min.js"]"#);
        assert!(c.is_excluded(&p("src/x.min.js")));
        assert!(!c.is_excluded(&p("src/flexy.min.js")));
        assert!(c.is_excluded(&p("lib/flexy.min.js")));
        let (text, _, _) = error_of("include = [\"!src\"]\n");
        assert!(text.contains("is for `exclude` only"), "{text}");
    }

    #[test]
    fn include_picks_files_and_never_prunes() {
        let c = here(r#"include = ["src", "lib/**/*.php"]"#);
        assert!(!c.is_excluded(&p("src/a.js")));
        assert!(!c.is_excluded(&p("./src/deep/a.py")));
        assert!(!c.is_excluded(&p("lib/x/y.php")));
        assert!(!c.is_excluded(&p("lib/y.php")));
        assert!(c.is_excluded(&p("lib/x/y.js")));
        assert!(c.is_excluded(&p("other/a.py")));
        assert!(c.is_excluded(&p("a.py")));
        assert!(!c.is_dir_excluded(&p("other")));
        assert!(!c.is_dir_excluded(&p("lib")));
        // An exclude wins over an include.
        let c = here("include = [\"src/**\"]\nexclude = [\"src/gen\"]\n");
        assert!(!c.is_excluded(&p("src/a.js")));
        assert!(c.is_excluded(&p("src/gen/a.js")));
    }

    #[test]
    fn per_file_ignores_match_like_gitignore() {
        let c = here(
            r#"[per-file-ignores]
"legacy/**" = ["v2-error-code"]
"tests/**/*.py" = ["ALL"]
"*.spec.js" = ["auth", "v2-error-code"]
"#,
        );
        let cwd = std::env::current_dir().unwrap();
        assert_eq!(c.ignored_rules(&p("legacy/a.php")), vec![Rule::V2ErrorCode]);
        assert_eq!(
            c.ignored_rules(&p("./legacy/x/a.php")),
            vec![Rule::V2ErrorCode]
        );
        assert_eq!(
            c.ignored_rules(&cwd.join("legacy/a.php")),
            vec![Rule::V2ErrorCode]
        );
        assert!(c.ignored_rules(&p("src/legacy/a.php")).is_empty());
        assert_eq!(c.ignored_rules(&p("tests/t.py")), Rule::ALL);
        assert_eq!(c.ignored_rules(&p("tests/a/b/t.py")), Rule::ALL);
        assert!(c.ignored_rules(&p("tests/t.js")).is_empty());
        // No `/`: the name, at any depth; rules given twice come once, in rule order.
        assert_eq!(
            c.ignored_rules(&p("legacy/deep/a.spec.js")),
            vec![Rule::V2AuthHeader, Rule::V2ErrorCode]
        );
        assert!(c.ignored_rules(&p("../elsewhere/legacy/a.php")).is_empty());
    }

    #[test]
    fn star_does_not_cross_folders() {
        let c = here(r#"exclude = ["src/*.js"]"#);
        assert!(c.is_excluded(&p("src/a.js")));
        assert!(!c.is_excluded(&p("src/sub/a.js")));
        let c = here(r#"exclude = ["src/**/*.js"]"#);
        assert!(c.is_excluded(&p("src/a.js")));
        assert!(c.is_excluded(&p("src/sub/a.js")));
    }

    #[test]
    fn paths_outside_the_root_are_never_excluded() {
        let (dir, loaded) =
            load_text("exclude = [\"**\"]\n[per-file-ignores]\n\"**\" = [\"ALL\"]\n");
        let c = loaded.unwrap();
        let root = dir.path();
        assert!(c.is_excluded(&root.join("a.js")));
        let outside = root.parent().unwrap().join("elsewhere/a.js");
        assert!(!c.is_excluded(&outside));
        assert!(!c.is_dir_excluded(&outside));
        assert!(c.ignored_rules(&outside).is_empty());
        assert!(!c.is_excluded(&root.join("../elsewhere/a.js")));
        assert!(!c.is_excluded(&p("/")));
        // The root itself is not a file below it.
        assert!(!c.is_excluded(root));
        assert!(!c.is_dir_excluded(root));
        // Relative to the current folder (outside the root, here) and through `..`.
        assert!(c.is_excluded(&via_cwd(&root.join("a.js"))));
        assert!(c.is_excluded(&Path::new(".").join(via_cwd(&root.join("a.js")))));
    }

    #[test]
    fn missing_files_and_linked_folders_are_placed() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real");
        std::fs::create_dir_all(real.join("vendor")).unwrap();
        std::fs::create_dir_all(real.join("src")).unwrap();
        std::fs::write(real.join(FILE_NAME), "exclude = [\"vendor/**\"]\n").unwrap();
        std::fs::write(real.join("vendor/a.js"), "").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(&real, dir.path().join("link")).unwrap();

        let c = Config::load(&real.join(FILE_NAME)).unwrap();
        assert!(c.is_excluded(&real.join("vendor/a.js")));
        // Not on disk (stdin's `--stdin-filename`), even its folder.
        assert!(c.is_excluded(&real.join("vendor/new/b.js")));
        assert!(!c.is_excluded(&real.join("src/new/b.js")));
        #[cfg(unix)]
        {
            let link = dir.path().join("link");
            // Loaded through the link, asked through the real path, and the reverse.
            let through = Config::load(&link.join(FILE_NAME)).unwrap();
            assert!(through.is_excluded(&real.join("vendor/a.js")));
            assert!(through.is_excluded(&link.join("vendor/a.js")));
            assert!(through.is_excluded(&link.join("vendor/none.js")));
            assert!(c.is_excluded(&link.join("vendor/a.js")));
            assert!(!c.is_excluded(&link.join("src/a.js")));
        }
    }

    #[test]
    fn suggestions_are_near_only() {
        assert_eq!(suggest("selct", KEYS.iter().copied()), Some("select"));
        assert_eq!(
            suggest("flexy_host", KEYS.iter().copied()),
            Some("flexy-hosts")
        );
        assert_eq!(suggest("colours", KEYS.iter().copied()), None);
    }
}
