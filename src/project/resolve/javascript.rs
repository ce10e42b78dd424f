//! JavaScript and TypeScript import resolution, by Node's and TypeScript's rules, as path
//! arithmetic over the table:
//!
//! - a relative (`./`, `../`) or absolute specifier: the exact file, the file plus each
//!   extension of [`EXTENSIONS`], the TypeScript file a `.js`/`.mjs`/`.cjs`/`.jsx`
//!   specifier names ([`TS_SOURCES`]), then a folder: its `package.json` `exports["."]` or
//!   `main`, then its `index` file. Not found, it is `Missing`, or `External` when it names
//!   an asset (`./style.css`, `./data.json`: no source file of the project).
//! - a bare specifier: the `compilerOptions.paths` and `baseUrl` of the nearest
//!   `tsconfig.json` (or `jsconfig.json`), then a package of the project (a folder whose
//!   `package.json` `name` is the specifier's package), else `External`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::{Resolution, Resolver};
use crate::lang::module::{Import, Specifier};
use crate::project::files::{normal, FileId, FileTable};

/// The extensions a specifier may leave out, in the order they are tried.
pub(super) const EXTENSIONS: &[&str] = &["js", "mjs", "cjs", "jsx", "ts", "tsx", "mts", "cts"];

/// The TypeScript sources a JavaScript extension names (`import "./x.js"` for `x.ts`).
pub(super) const TS_SOURCES: &[(&str, &[&str])] = &[
    ("js", &["ts", "tsx"]),
    ("mjs", &["mts"]),
    ("cjs", &["cts"]),
    ("jsx", &["tsx"]),
];

/// The extensions of files a bundler or Node loads that are not source files of the
/// project: a relative specifier with one that is not in the table is `External`.
const ASSETS: &[&str] = &[
    "json", "css", "scss", "sass", "less", "styl", "svg", "png", "jpg", "jpeg", "gif", "webp",
    "avif", "ico", "bmp", "html", "htm", "txt", "md", "wasm", "node", "woff", "woff2", "ttf",
    "eot", "otf", "mp3", "mp4", "webm", "wav", "graphql", "gql", "yaml", "yml",
];

/// The conditions of a `package.json` `exports` entry that are followed, by priority.
const CONDITIONS: &[&str] = &["import", "require", "default"];

/// The project's `package.json`, `tsconfig.json` and `jsconfig.json` files, read once.
#[derive(Debug, Default)]
pub(super) struct Index {
    root: PathBuf,
    /// By folder.
    packages: HashMap<PathBuf, Package>,
    /// The folder of each package name (the shortest path when a name repeats).
    by_name: HashMap<String, PathBuf>,
    /// By folder; `tsconfig.json` before `jsconfig.json`.
    configs: HashMap<PathBuf, Config>,
}

#[derive(Debug, Default)]
struct Package {
    main: Option<String>,
    exports: Option<Value>,
    /// Published: it has a name and is not `"private": true`.
    published: bool,
}

/// The module options of a `tsconfig.json` or `jsconfig.json`.
#[derive(Debug, Default)]
struct Config {
    /// `compilerOptions.baseUrl`, against the config's folder.
    base_url: Option<PathBuf>,
    /// `compilerOptions.paths`: each pattern and its targets.
    paths: Vec<(String, Vec<String>)>,
    /// The folder `paths` targets are relative to: the base URL, else the config's folder.
    paths_base: PathBuf,
}

impl Index {
    pub(super) fn new(table: &FileTable) -> Index {
        let root = table.root().to_path_buf();
        // Hashed, not ordered (comparing paths walks their components); sorted once below.
        let mut dirs = std::collections::HashSet::new();
        for id in table.ids() {
            let mut dir = table.path(id).parent();
            while let Some(d) = dir {
                if !dirs.insert(d.to_path_buf()) || d == root || !d.starts_with(&root) {
                    break;
                }
                dir = d.parent();
            }
        }
        let mut index = Index {
            root,
            ..Index::default()
        };
        // Shorter paths first: a package name found twice keeps its outermost folder.
        let mut dirs: Vec<PathBuf> = dirs.into_iter().collect();
        dirs.sort_by_cached_key(|d| (d.components().count(), d.clone()));
        for dir in dirs {
            if let Some(json) = read(table, &dir.join("package.json")) {
                let text = |k: &str| json.get(k).and_then(Value::as_str).map(str::to_string);
                if let Some(name) = text("name") {
                    index.by_name.entry(name).or_insert_with(|| dir.clone());
                }
                let private = json.get("private").and_then(Value::as_bool) == Some(true);
                let package = Package {
                    main: text("main"),
                    exports: json.get("exports").cloned(),
                    published: text("name").is_some() && !private,
                };
                index.packages.insert(dir.clone(), package);
            }
            let config = read(table, &dir.join("tsconfig.json"))
                .or_else(|| read(table, &dir.join("jsconfig.json")));
            if let Some(json) = config {
                index.configs.insert(dir.clone(), Config::new(&dir, &json));
            }
        }
        index
    }

    /// The entry files of the project's published packages (`exports["."]`, `main`,
    /// `index`): what code outside the project imports.
    pub(super) fn entries(&self, table: &FileTable) -> Vec<FileId> {
        let mut out: Vec<FileId> = self
            .packages
            .iter()
            .filter(|(_, p)| p.published)
            .filter_map(|(dir, _)| self.folder(table, dir))
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// The file `path` names: itself, with an extension, or the TypeScript file of a
    /// JavaScript name.
    fn file(&self, table: &FileTable, path: &Path) -> Option<FileId> {
        if let Some(id) = table.find(path) {
            return Some(id);
        }
        let s = path.as_os_str().to_str()?;
        if let Some(id) = EXTENSIONS
            .iter()
            .find_map(|e| table.find(Path::new(&format!("{s}.{e}"))))
        {
            return Some(id);
        }
        let ext = path.extension()?.to_str()?;
        let (_, sources) = TS_SOURCES.iter().find(|(js, _)| *js == ext)?;
        let stem = path.with_extension("");
        let stem = stem.as_os_str().to_str()?;
        sources
            .iter()
            .find_map(|e| table.find(Path::new(&format!("{stem}.{e}"))))
    }

    fn file_or_folder(&self, table: &FileTable, path: &Path) -> Option<FileId> {
        self.file(table, path).or_else(|| self.folder(table, path))
    }

    /// A folder as a module: its package's `exports["."]`, then `main`, then `index`.
    fn folder(&self, table: &FileTable, dir: &Path) -> Option<FileId> {
        if let Some(p) = self.packages.get(dir) {
            if let Some(id) = self.exported(table, dir, p, ".") {
                return Some(id);
            }
            if let Some(main) = &p.main {
                let main = normal(&dir.join(main));
                if let Some(id) = self.file(table, &main).or_else(|| index_file(table, &main)) {
                    return Some(id);
                }
            }
        }
        index_file(table, dir)
    }

    /// The first file among the targets a package's `exports` gives for `sub`.
    fn exported(&self, table: &FileTable, dir: &Path, p: &Package, sub: &str) -> Option<FileId> {
        let targets = export_targets(p.exports.as_ref()?, sub);
        targets
            .iter()
            .find_map(|t| self.file(table, &normal(&dir.join(t))))
    }

    /// A bare specifier through the nearest config's `paths`, then its `baseUrl`: the file,
    /// or `Err(true)` when a `paths` pattern other than the catch-all `*` took it (an alias
    /// of the project, `@/x`), `Err(false)` when none did.
    fn mapped(&self, table: &FileTable, dir: &Path, spec: &str) -> Result<FileId, bool> {
        let Some(config) = self.nearest_config(dir) else {
            return Err(false);
        };
        let mut aliased = false;
        if let Some((pattern, star, targets)) = config.matching(spec) {
            aliased = pattern != "*";
            for t in targets {
                let path = normal(&config.paths_base.join(t.replacen('*', star, 1)));
                if let Some(id) = self.file_or_folder(table, &path) {
                    return Ok(id);
                }
            }
        }
        let base = config.base_url.as_ref().ok_or(aliased)?;
        self.file_or_folder(table, &normal(&base.join(spec)))
            .ok_or(aliased)
    }

    fn nearest_config(&self, dir: &Path) -> Option<&Config> {
        let mut d = Some(dir);
        while let Some(dir) = d {
            if let Some(c) = self.configs.get(dir) {
                return Some(c);
            }
            if dir == self.root || !dir.starts_with(&self.root) {
                return None;
            }
            d = dir.parent();
        }
        None
    }

    /// A bare specifier naming a package of the project (`name`, `@scope/name`, and a path
    /// inside either): `None` when no package has that name, `Some(None)` when the package
    /// has no such file.
    fn package(&self, table: &FileTable, spec: &str) -> Option<Option<FileId>> {
        let mut parts = spec.splitn(if spec.starts_with('@') { 3 } else { 2 }, '/');
        let name = if spec.starts_with('@') {
            format!("{}/{}", parts.next()?, parts.next()?)
        } else {
            parts.next()?.to_string()
        };
        let dir = self.by_name.get(&name)?;
        let Some(sub) = parts.next().filter(|s| !s.is_empty()) else {
            return Some(self.folder(table, dir));
        };
        let package = self.packages.get(dir);
        if let Some(id) = package.and_then(|p| self.exported(table, dir, p, &format!("./{sub}"))) {
            return Some(Some(id));
        }
        Some(self.file_or_folder(table, &normal(&dir.join(sub))))
    }
}

impl Config {
    fn new(dir: &Path, json: &Value) -> Config {
        let options = json.get("compilerOptions");
        let base_url = options
            .and_then(|o| o.get("baseUrl"))
            .and_then(Value::as_str)
            .map(|b| normal(&dir.join(b)));
        let paths = options
            .and_then(|o| o.get("paths"))
            .and_then(Value::as_object)
            .map(|m| {
                m.iter()
                    .map(|(k, v)| {
                        let targets = v.as_array().map_or_else(Vec::new, |a| {
                            a.iter()
                                .filter_map(Value::as_str)
                                .map(str::to_string)
                                .collect()
                        });
                        (k.clone(), targets)
                    })
                    .collect()
            })
            .unwrap_or_default();
        Config {
            paths_base: base_url.clone().unwrap_or_else(|| dir.to_path_buf()),
            base_url,
            paths,
        }
    }

    /// The `paths` entry `spec` matches (its pattern, the text its `*` stands for, its
    /// targets): an exact
    /// pattern first, then the pattern with the longest prefix (TypeScript's order).
    fn matching<'a>(&'a self, spec: &'a str) -> Option<(&'a str, &'a str, &'a [String])> {
        if let Some((k, t)) = self.paths.iter().find(|(k, _)| k == spec) {
            return Some((k, "", t));
        }
        self.paths
            .iter()
            .filter_map(|(k, t)| {
                let (pre, post) = k.split_once('*')?;
                let fits = spec.len() >= pre.len() + post.len()
                    && spec.starts_with(pre)
                    && spec.ends_with(post);
                fits.then(|| {
                    let star = &spec[pre.len()..spec.len() - post.len()];
                    (pre.len(), k.as_str(), star, t)
                })
            })
            .max_by_key(|(len, _, _, _)| *len)
            .map(|(_, k, star, t)| (k, star, t.as_slice()))
    }
}

pub(super) fn resolve(r: &Resolver, from: FileId, import: &Import) -> Resolution {
    let spec = match &import.specifier {
        Specifier::Path(s) => s.as_str(),
        Specifier::Dynamic => return Resolution::Dynamic,
        _ => return Resolution::Missing,
    };
    // A bundler's query (`./worker.js?url`) is not part of the path.
    let spec = spec.split('?').next().unwrap_or(spec);
    let table = r.table;
    let index = r.js.get_or_init(|| Index::new(table));
    let dir = table.path(from).parent().unwrap_or(Path::new(""));
    if is_relative(spec) || spec.starts_with('/') {
        let path = normal(&dir.join(spec));
        return match index.file_or_folder(table, &path) {
            Some(id) => Resolution::File(id),
            None if is_asset(&path) => Resolution::External,
            None => Resolution::Missing,
        };
    }
    let aliased = match index.mapped(table, dir, spec) {
        Ok(id) => return Resolution::File(id),
        Err(aliased) => aliased,
    };
    match index.package(table, spec) {
        Some(Some(id)) => Resolution::File(id),
        Some(None) => Resolution::Missing,
        None if aliased => Resolution::Missing,
        None => Resolution::External,
    }
}

fn is_relative(spec: &str) -> bool {
    spec == "." || spec == ".." || spec.starts_with("./") || spec.starts_with("../")
}

fn is_asset(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ASSETS.contains(&e.to_ascii_lowercase().as_str()))
}

/// `dir/index.<ext>`, for the first extension that is a file.
fn index_file(table: &FileTable, dir: &Path) -> Option<FileId> {
    EXTENSIONS
        .iter()
        .find_map(|e| table.find(&dir.join(format!("index.{e}"))))
}

/// The targets `exports` gives for a subpath (`"."`, `"./sub"`), in priority order: a
/// string, an array (each entry's), an object of subpaths (exact, then the `*` pattern with
/// the longest prefix) or of conditions ([`CONDITIONS`]).
fn export_targets(exports: &Value, sub: &str) -> Vec<String> {
    match exports {
        Value::String(s) if sub == "." => vec![s.clone()],
        Value::Array(a) => a.iter().flat_map(|v| export_targets(v, sub)).collect(),
        Value::Object(m) if m.keys().any(|k| k.starts_with('.')) => {
            if let Some(v) = m.get(sub) {
                return conditions(v);
            }
            let best = m
                .iter()
                .filter_map(|(k, v)| {
                    let (pre, post) = k.split_once('*')?;
                    let fits = sub.len() >= pre.len() + post.len()
                        && sub.starts_with(pre)
                        && sub.ends_with(post);
                    fits.then(|| (pre.len(), &sub[pre.len()..sub.len() - post.len()], v))
                })
                .max_by_key(|(len, _, _)| *len);
            match best {
                Some((_, star, v)) => conditions(v)
                    .into_iter()
                    .map(|t| t.replace('*', star))
                    .collect(),
                None => Vec::new(),
            }
        }
        Value::Object(_) if sub == "." => conditions(exports),
        _ => Vec::new(),
    }
}

/// The targets of an `exports` value: a string, or each condition's, by priority.
fn conditions(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => vec![s.clone()],
        Value::Array(a) => a.iter().flat_map(conditions).collect(),
        Value::Object(m) => CONDITIONS
            .iter()
            .filter_map(|c| m.get(*c))
            .flat_map(conditions)
            .collect(),
        _ => Vec::new(),
    }
}

/// A manifest of the table, parsed (comments and trailing commas allowed, as `tsconfig`
/// files have them).
fn read(table: &FileTable, path: &Path) -> Option<Value> {
    serde_json::from_str(&strip_jsonc(table.manifest(path)?)).ok()
}

/// JSON with comments (`//`, `/* */`) and trailing commas, as plain JSON.
fn strip_jsonc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.char_indices().peekable();
    let mut in_string = false;
    while let Some((i, c)) = chars.next() {
        if in_string {
            out.push(c);
            match c {
                '\\' => out.extend(chars.next().map(|(_, c)| c)),
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match (c, chars.peek().map(|(_, c)| *c)) {
            ('"', _) => {
                in_string = true;
                out.push(c);
            }
            ('/', Some('/')) => while chars.next_if(|(_, c)| *c != '\n').is_some() {},
            ('/', Some('*')) => {
                chars.next();
                let mut last = ' ';
                for (_, c) in chars.by_ref() {
                    if last == '*' && c == '/' {
                        break;
                    }
                    last = c;
                }
            }
            // A trailing comma: only blanks and comments before a closing bracket.
            (',', _) if matches!(strip_jsonc_head(&text[i + 1..]), Some('}' | ']')) => {}
            _ => out.push(c),
        }
    }
    out
}

/// The first character of `text` after blanks and comments.
fn strip_jsonc_head(text: &str) -> Option<char> {
    let mut t = text;
    loop {
        t = t.trim_start();
        if let Some(rest) = t.strip_prefix("//") {
            t = rest.split_once('\n').map_or("", |(_, r)| r);
        } else if let Some(rest) = t.strip_prefix("/*") {
            t = rest.split_once("*/").map_or("", |(_, r)| r);
        } else {
            return t.chars().next();
        }
    }
}

#[cfg(test)]
mod tests;
