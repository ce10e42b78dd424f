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
use std::path::{Path, PathBuf};

use ignore::gitignore::Gitignore;

mod error;
mod patterns;
use error::Doc;
pub use error::{ConfigError, InvalidConfig, InvalidKind};
use patterns::{matcher, matches_here};
use serde::Deserialize;
use toml::Spanned;

use crate::rules::{self, Rule, RuleGroup};

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
    let help = unknown_rule_help(value);
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

/// What to say of an unknown rule or group name: the nearest name when one is near, and
/// where the names are listed (the config file's `select`/`ignore`, `--select`, `--ignore`).
pub(crate) fn unknown_rule_help(value: &str) -> String {
    let candidates = Rule::ALL
        .iter()
        .map(|r| r.name())
        .chain(RuleGroup::ALL.iter().map(|g| g.name()))
        .chain(["ALL"]);
    let groups = RuleGroup::ALL
        .iter()
        .map(|g| g.name())
        .collect::<Vec<_>>()
        .join(", ");
    let lists =
        format!("`v3-migrate rules` lists the rules; the groups are {groups}; `ALL` is every rule");
    match suggest(value.trim(), candidates) {
        Some(s) => format!("did you mean `{s}`? {lists}"),
        None => lists,
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
    path_clean::clean(joined)
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
mod tests;
