//! The config's glob patterns (`include`, `exclude`, `per-file-ignores`): checked, then
//! matched with gitignore's rules by the `ignore` crate.

use std::path::Path;

use ignore::gitignore::{Gitignore, GitignoreBuilder};
use toml::Spanned;

use super::{ConfigError, Doc, InvalidKind};

/// The patterns under `key` as one gitignore-style matcher, rooted at the config's folder
/// (paths are given to it relative to that folder). `x/**` also gets `x/`, so that the walk
/// can skip the folder itself.
pub(super) fn matcher<'p>(
    doc: &Doc,
    key: &str,
    patterns: impl Iterator<Item = &'p Spanned<String>>,
) -> Result<Gitignore, ConfigError> {
    let mut builder = GitignoreBuilder::new("");
    for pattern in patterns {
        let line = pattern_line(doc, key, pattern)?;
        let bad = |e: ignore::Error| bad_glob(doc, key, pattern, e.to_string());
        builder.add_line(None, &line).map_err(bad)?;
        if let Some(folder) = line.strip_suffix("/**").filter(|f| !f.is_empty()) {
            // `x/**` is anchored (it has a `/`): so is the folder line.
            let anchored = if folder.contains('/') {
                format!("{folder}/")
            } else {
                format!("/{folder}/")
            };
            builder.add_line(None, &anchored).map_err(bad)?;
        }
    }
    builder
        .build()
        .map_err(|e| bad_glob(doc, key, patterns_of(key), e.to_string()))
}

/// A stand-in span for an error of the whole list (a matcher that does not build after its
/// lines were each taken: not seen in practice).
fn patterns_of(_key: &str) -> &'static Spanned<String> {
    static NONE: std::sync::OnceLock<Spanned<String>> = std::sync::OnceLock::new();
    NONE.get_or_init(|| Spanned::new(0..0, String::new()))
}

/// Does `rel` (relative to the root, `/`-separated), or a folder above it, match?
pub(super) fn matches_here(matcher: &Gitignore, rel: &str, is_dir: bool) -> bool {
    matcher
        .matched_path_or_any_parents(Path::new(rel), is_dir)
        .is_ignore()
}

fn bad_glob(doc: &Doc, key: &str, pattern: &Spanned<String>, why: String) -> ConfigError {
    let raw = pattern.get_ref();
    doc.error(
        InvalidKind::BadGlob,
        pattern.span(),
        format!("invalid glob `{raw}` in `{key}`: {why}"),
        "invalid glob",
        Some(
            "globs are relative to the config file's folder: `*` matches within a name, \
             `**` across folders, e.g. \"vendor/**\" or \"**/*.min.js\""
                .into(),
        ),
    )
}

/// A pattern as a gitignore line: a leading `./` is dropped (the root is the config's
/// folder), and a pattern that names nothing or climbs out of the root is an error.
fn pattern_line(doc: &Doc, key: &str, pattern: &Spanned<String>) -> Result<String, ConfigError> {
    let raw = pattern.get_ref();
    let bad = |why: &str| bad_glob(doc, key, pattern, why.to_string());
    let mut p = raw.as_str();
    while let Some(rest) = p.strip_prefix("./") {
        p = rest;
    }
    let negated = p.starts_with('!');
    let name = p
        .trim_start_matches('!')
        .trim_start_matches('/')
        .trim_end_matches('/');
    if name.is_empty() || name == "." {
        return Err(bad("it names no file"));
    }
    if name.split('/').any(|part| part == "..") {
        return Err(bad(
            "`..` cannot match: globs are below the config's folder",
        ));
    }
    if negated && key != "exclude" {
        return Err(bad(
            "`!` (a pattern that re-includes) is for `exclude` only",
        ));
    }
    // gitignore reads an unclosed `[` as a literal; here it is a mistake, said as one.
    globset::GlobBuilder::new(name)
        .literal_separator(true)
        .build()
        .map_err(|e| bad(&e.kind().to_string()))?;
    Ok(p.to_string())
}
