//! The shape of `src/`: no import cycle among the modules, and no source file too long to
//! read.
//!
//! The module graph is read from the text: a top-level module (`src/<name>.rs` or
//! `src/<name>/`) uses another when its code outside `#[cfg(test)]` names
//! `crate::<name>`, or `<name>` in a `use crate::{...}` list. A `crate::<item>` that is no
//! module is an item of the crate root, module `lib`; `src/lib.rs`'s own uses (not its
//! `mod` declarations) are its edges. Comments are left out: a doc link is no import.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Every module of the library crate: `src/<name>.rs` and `src/<name>/`, and the crate
/// root `lib` (`main.rs` is the binary's root, outside the graph).
fn modules() -> BTreeSet<String> {
    let mut out = BTreeSet::from(["lib".to_string()]);
    for entry in fs::read_dir(src()).expect("src/ is readable") {
        let path = entry.expect("a folder entry").path();
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        if path.is_dir()
            || (path.extension().is_some_and(|e| e == "rs") && name != "lib" && name != "main")
        {
            out.insert(name.to_string());
        }
    }
    out
}

/// No source file longer than this, but the unit tests' `tests.rs`.
const MAX_LINES: usize = 700;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("src/ is readable") {
        let path = entry.expect("a folder entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The top-level module a file of `src/` belongs to (`lib` for `src/lib.rs`).
fn module_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).expect("a file under src/");
    let first = rel.components().next().expect("a path under src/");
    let name = first.as_os_str().to_string_lossy();
    name.strip_suffix(".rs").unwrap_or(&name).to_string()
}

/// `text` without comments and without the items marked `#[cfg(test)]` (a `mod tests;`
/// line, or an item up to its closing brace). String literals are kept as they are, but
/// the braces and `//` in them do not count.
fn code_outside_tests(text: &str) -> String {
    let no_comments = strip_comments(text);
    let mut out = String::new();
    let mut rest = no_comments.as_str();
    while let Some(at) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..at]);
        rest = skip_item(&rest[at + "#[cfg(test)]".len()..]);
    }
    out.push_str(rest);
    out
}

/// What follows the item at the start of `text`: up to its `;` when that comes before any
/// `{`, else past the brace matching its first `{`.
fn skip_item(text: &str) -> &str {
    let mut depth = 0usize;
    let mut chars = text.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            ';' if depth == 0 => return &text[i + 1..],
            '{' => depth += 1,
            '}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return &text[i + 1..];
                }
            }
            '"' => skip_string(&mut chars),
            // A char literal (`'{'`, `'\''`), not a lifetime.
            '\'' if text[i + 1..].starts_with('\\') => {
                chars.next();
                chars.next();
                for (_, c) in chars.by_ref() {
                    if c == '\'' {
                        break;
                    }
                }
            }
            '\'' if text[i + 1..].chars().nth(1) == Some('\'') => {
                chars.next();
                chars.next();
            }
            _ => {}
        }
    }
    ""
}

/// Past the end of a string literal whose `"` was just read.
fn skip_string(chars: &mut std::str::CharIndices) {
    while let Some((_, c)) = chars.next() {
        match c {
            '\\' => {
                chars.next();
            }
            '"' => return,
            _ => {}
        }
    }
}

/// `text` with `//` comments (doc comments too) and `/* */` comments taken out; string and
/// char literals kept.
fn strip_comments(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let mut start = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                out.push_str(&text[start..i]);
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
                start = i;
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                out.push_str(&text[start..i]);
                i += 2;
                while i + 1 < bytes.len() && !(bytes[i] == b'*' && bytes[i + 1] == b'/') {
                    i += 1;
                }
                i = (i + 2).min(bytes.len());
                start = i;
            }
            // A raw string: up to its `"` and as many `#`.
            b'r' if (i == 0 || !is_ident(char::from(bytes[i - 1])))
                && matches!(bytes.get(i + 1), Some(b'"' | b'#')) =>
            {
                let hashes = bytes[i + 1..].iter().take_while(|&&b| b == b'#').count();
                if bytes.get(i + 1 + hashes) != Some(&b'"') {
                    i += 1;
                    continue;
                }
                let close: String = std::iter::once('"')
                    .chain(std::iter::repeat_n('#', hashes))
                    .collect();
                let body = i + 2 + hashes;
                i = text[body..]
                    .find(&close)
                    .map_or(bytes.len(), |at| body + at + close.len());
            }
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    if bytes[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
                i += 1;
            }
            // A char literal ('"', '\'', '/'), not a lifetime.
            b'\'' if bytes.get(i + 2) == Some(&b'\'') => i += 3,
            b'\'' if bytes.get(i + 1) == Some(&b'\\') => {
                i += 2;
                while i < bytes.len() && bytes[i] != b'\'' {
                    i += 1;
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    out.push_str(&text[start.min(text.len())..]);
    out
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// The identifier at the start of `text`.
fn ident(text: &str) -> &str {
    let end = text.find(|c: char| !is_ident(c)).unwrap_or(text.len());
    &text[..end]
}

/// The names `code` uses from the crate: `crate::<name>`, and the first name of each path
/// in a `crate::{...}` list.
fn crate_names(code: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for (at, _) in code.match_indices("crate::") {
        if code[..at].ends_with(|c: char| is_ident(c)) {
            continue;
        }
        let rest = &code[at + "crate::".len()..];
        if let Some(list) = rest.strip_prefix('{') {
            let list = &list[..list.find('}').unwrap_or(list.len())];
            for part in list.split(',') {
                let name = ident(part.trim());
                if !name.is_empty() && name != "self" {
                    names.insert(name.to_string());
                }
            }
        } else {
            let name = ident(rest);
            if !name.is_empty() {
                names.insert(name.to_string());
            }
        }
    }
    names
}

/// What `src/lib.rs` uses: the modules named at the start of its `use` paths (its `mod`
/// declarations are no use).
fn lib_names(code: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for line in code.split(';') {
        let line = line.trim();
        let line = line.strip_prefix("pub ").unwrap_or(line);
        let Some(path) = line.strip_prefix("use ") else {
            continue;
        };
        let path = path
            .trim_start_matches("crate::")
            .trim_start_matches("self::");
        names.insert(ident(path).to_string());
    }
    names.extend(crate_names(code));
    names
}

/// The module graph of `src/`: each top-level module and the modules it uses.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = src();
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let modules: BTreeSet<String> = files.iter().map(|f| module_of(&src, f)).collect();
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in &files {
        let module = module_of(&src, file);
        if module == "main" || file.file_name().is_some_and(|n| n == "tests.rs") {
            continue;
        }
        let code = code_outside_tests(&fs::read_to_string(file).expect("a source file"));
        let names = if module == "lib" {
            lib_names(&code)
        } else {
            crate_names(&code)
        };
        let out = edges.entry(module.clone()).or_default();
        for name in names {
            let target = if modules.contains(&name) {
                name
            } else if module == "lib" {
                // `use std::...` and the like.
                continue;
            } else {
                "lib".to_string()
            };
            if target != module {
                out.insert(target);
            }
        }
    }
    edges
}

/// A cycle among `nodes` of `edges`, as the path that closes it, if there is one.
fn find_cycle(
    edges: &BTreeMap<String, BTreeSet<String>>,
    nodes: &BTreeSet<String>,
) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    fn visit(
        node: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        nodes: &BTreeSet<String>,
        marks: &mut BTreeMap<String, Mark>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        marks.insert(node.to_string(), Mark::Open);
        path.push(node.to_string());
        for next in edges.get(node).into_iter().flatten() {
            if !nodes.contains(next) {
                continue;
            }
            match marks.get(next).copied().unwrap_or(Mark::New) {
                Mark::Open => {
                    let from = path.iter().position(|n| n == next).expect("on the path");
                    let mut cycle = path[from..].to_vec();
                    cycle.push(next.clone());
                    return Some(cycle);
                }
                Mark::New => {
                    if let Some(cycle) = visit(next, edges, nodes, marks, path) {
                        return Some(cycle);
                    }
                }
                Mark::Done => {}
            }
        }
        path.pop();
        marks.insert(node.to_string(), Mark::Done);
        None
    }
    let mut marks = BTreeMap::new();
    for node in nodes {
        if marks.get(node).copied().unwrap_or(Mark::New) == Mark::New {
            if let Some(cycle) = visit(node, edges, nodes, &mut marks, &mut Vec::new()) {
                return Some(cycle);
            }
        }
    }
    None
}

#[test]
fn the_modules_import_each_other_one_way() {
    let edges = graph();
    let checked = modules();
    for m in &checked {
        assert!(
            edges.contains_key(m) || src().join(format!("{m}.rs")).exists(),
            "{m} is no module of src/"
        );
    }
    if let Some(cycle) = find_cycle(&edges, &checked) {
        let graph: Vec<String> = edges
            .iter()
            .filter(|(m, _)| checked.contains(*m))
            .map(|(m, to)| {
                let to: Vec<&str> = to
                    .iter()
                    .filter(|t| checked.contains(*t))
                    .map(String::as_str)
                    .collect();
                format!("  {m} -> {}", to.join(" "))
            })
            .collect();
        panic!(
            "an import cycle: {}\nthe graph of the modules checked:\n{}",
            cycle.join(" -> "),
            graph.join("\n")
        );
    }
}

#[test]
fn the_graph_reader_sees_a_cycle() {
    let edges: BTreeMap<String, BTreeSet<String>> = [
        ("a", vec!["b"]),
        ("b", vec!["c", "x"]),
        ("c", vec!["a"]),
        ("x", vec!["a"]),
    ]
    .into_iter()
    .map(|(m, to)| (m.to_string(), to.into_iter().map(String::from).collect()))
    .collect();
    let all: BTreeSet<String> = edges.keys().cloned().collect();
    assert_eq!(
        find_cycle(&edges, &all),
        Some(vec!["a".into(), "b".into(), "c".into(), "a".into()])
    );
    let some: BTreeSet<String> = ["a", "b", "x"].into_iter().map(String::from).collect();
    assert_eq!(
        find_cycle(&edges, &some),
        Some(vec!["a".into(), "b".into(), "x".into(), "a".into()])
    );
    let none: BTreeSet<String> = ["a", "b"].into_iter().map(String::from).collect();
    assert_eq!(find_cycle(&edges, &none), None);
    let code = "use crate::{fix, rules::Rule};\n// crate::walk\n#[cfg(test)]\nmod tests { use crate::run; let c = '}'; }\nfn f() { crate::error::x(\"}\", r#\"\"//\"#); crate::input::x() }\n";
    let names = crate_names(&code_outside_tests(code));
    assert_eq!(
        names.into_iter().collect::<Vec<_>>(),
        ["error", "fix", "input", "rules"]
    );
}

#[test]
fn no_source_file_is_over_700_lines() {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    files.sort();
    let long: Vec<String> = files
        .iter()
        .filter(|f| f.file_name().is_some_and(|n| n != "tests.rs"))
        .filter_map(|f| {
            let lines = fs::read_to_string(f)
                .expect("a source file")
                .lines()
                .count();
            let shown = f.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap_or(f);
            (lines > MAX_LINES).then(|| format!("  {} ({lines} lines)", shown.display()))
        })
        .collect();
    assert!(
        long.is_empty(),
        "source files over {MAX_LINES} lines (move the unit tests to tests.rs, or split \
         the module):\n{}",
        long.join("\n")
    );
}
