//! The reach scan: which files of a project import one of a set of modules (the files with
//! findings), found without parsing the project. One literal search for the names an import
//! of those modules must write (a file's stem, a package's folder, a PHP class), then a
//! lexical reading of the lines where one sits as a module name, resolved exactly by the
//! project's resolvers. Only the files it keeps are parsed for their imports.
//!
//! It is a filter, never the answer: a line it cannot read whole (a Python import over
//! several lines, a PHP include it does not recognize) keeps its file, and the parsed facts
//! decide.

use std::path::Path;

use aho_corasick::{AhoCorasick, MatchKind};

use super::files::{FileId, FileTable};
use super::resolve::{Resolution, Resolver};
use crate::lang::module::{Binding, Import, Imported, Specifier};
use crate::lang::Lang;

/// How a language family writes imports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    Script,
    Php,
    Python,
}

impl Family {
    pub fn of(lang: Lang) -> Family {
        if lang.is_js_family() {
            Family::Script
        } else if lang == Lang::Php {
            Family::Php
        } else {
            Family::Python
        }
    }
}

/// A pattern matching any of `names` as a whole word; None for no name.
pub fn any_word<'a>(names: impl IntoIterator<Item = &'a str>) -> Option<regex::Regex> {
    let mut words: Vec<String> = names.into_iter().map(regex::escape).collect();
    words.sort();
    words.dedup();
    if words.is_empty() {
        return None;
    }
    regex::Regex::new(&format!(r"\b(?:{})\b", words.join("|"))).ok()
}

/// The name an import of this file shows: its stem, or its folder's name for an
/// `index.js` or `__init__.py`.
pub fn module_name(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if stem == "index" || stem == "__init__" {
        if let Some(dir) = path.parent().and_then(Path::file_name) {
            return dir.to_string_lossy().into_owned();
        }
    }
    stem
}

/// The literal search for the modules' names.
pub struct Needles {
    /// Any name at all (the fast search most files end in).
    any: AhoCorasick,
    /// Each name where it sits (leftmost-longest).
    automaton: AhoCorasick,
}

impl Needles {
    pub fn new(table: &FileTable, targets: &[FileId]) -> Option<Needles> {
        let mut names: Vec<String> = targets
            .iter()
            .map(|t| module_name(table.path(*t)))
            .filter(|n| !n.is_empty())
            .collect();
        names.sort();
        names.dedup();
        // DFAs where they can be built: every file of the run is searched, and a DFA
        // searches fastest (a run over the benchmark corpus: 5.1 s to 4.3 s); the default
        // automaton when one would be too large.
        let build = |kind: MatchKind| {
            let mut b = AhoCorasick::builder();
            b.match_kind(kind);
            b.kind(Some(aho_corasick::AhoCorasickKind::DFA))
                .build(&names)
                .or_else(|_| b.kind(None).build(&names))
                .ok()
        };
        let any = build(MatchKind::Standard)?;
        let automaton = build(MatchKind::LeftmostLongest)?;
        Some(Needles { any, automaton })
    }

    /// Whether file `from` (its bytes) imports one of `targets`: the imports of its lines
    /// that name one as a module and resolve to it, or [`Reach::Unsure`] when such a line
    /// cannot be read whole (the file is parsed instead).
    pub fn reach(
        &self,
        resolver: &Resolver,
        from: FileId,
        bytes: &[u8],
        targets: &[FileId],
    ) -> Reach {
        if !self.any.is_match(bytes) {
            return Reach::No;
        }
        let family = Family::of(resolver.table.lang(from));
        let mut seen_lines: Vec<usize> = Vec::new();
        let mut found: Vec<Import> = Vec::new();
        for m in self.automaton.find_iter(bytes) {
            if m.start() == 0 || !fits(family, bytes[m.start() - 1], &bytes[m.end()..]) {
                continue;
            }
            let start = bytes[..m.start()]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |i| i + 1);
            if seen_lines.contains(&start) {
                continue;
            }
            seen_lines.push(start);
            let mut end = bytes[m.end()..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(bytes.len(), |i| m.end() + i);
            // Python's `from x import (` goes on to its `)`: read as one line.
            let open = &bytes[start..end];
            if family == Family::Python
                && open.windows(8).any(|w| w == b"import (")
                && !open.contains(&b')')
            {
                if let Some(close) = bytes[end..].iter().take(4096).position(|&b| b == b')') {
                    end += close + 1;
                }
            }
            let line = String::from_utf8_lossy(&bytes[start..end]).replace(['\n', '\r'], " ");
            let Some(imports) = read_line(family, &line, m.start() - start) else {
                return Reach::Unsure;
            };
            for mut i in imports {
                if matches!(resolver.resolve(from, &i), Resolution::File(t) if targets.contains(&t))
                {
                    i.range = start..end;
                    found.push(i);
                }
            }
        }
        if found.is_empty() {
            Reach::No
        } else {
            Reach::Imports(found)
        }
    }
}

/// What the reach scan tells of one file.
#[derive(Debug)]
pub enum Reach {
    /// It imports none of the modules.
    No,
    /// These imports of its lines lead to them.
    Imports(Vec<Import>),
    /// A line naming one cannot be read alone: parse the file.
    Unsure,
}

/// Whether a name found between `prev` and `rest` sits where a module name does.
fn fits(family: Family, prev: u8, rest: &[u8]) -> bool {
    let quote = |b: u8| matches!(b, b'\'' | b'"' | b'`');
    let next = rest.first().copied();
    match family {
        // The last component of a relative or aliased path: a package is never a file.
        Family::Script => {
            prev == b'/'
                && match next {
                    Some(b'/') => rest.starts_with(b"/index"),
                    Some(b'.') => {
                        let ext = rest[1..]
                            .iter()
                            .take_while(|b| b.is_ascii_alphanumeric())
                            .count();
                        ext <= 4 && rest.get(1 + ext).is_some_and(|b| quote(*b))
                    }
                    Some(b) => quote(b),
                    None => false,
                }
        }
        Family::Php => {
            (matches!(prev, b'\\' | b'{' | b',' | b' ')
                && matches!(next, Some(b';' | b',' | b'}' | b' ')))
                || (matches!(prev, b'/' | b'\'' | b'"') && rest.starts_with(b".php"))
        }
        Family::Python => {
            matches!(prev, b' ' | b'.' | b',' | b'(')
                && matches!(next, None | Some(b' ' | b',' | b')' | b'.' | b'\r' | b'\n'))
        }
    }
}

fn import(specifier: Specifier) -> Import {
    Import {
        range: 0..0,
        specifier,
        bindings: vec![Binding {
            imported: Imported::Module,
            local: None,
        }],
        reexport: false,
        type_only: false,
    }
}

/// The quoted string of `line` around byte `at`.
fn quoted_around(line: &str, at: usize) -> Option<&str> {
    let bytes = line.as_bytes();
    let open = bytes[..at]
        .iter()
        .rposition(|b| matches!(b, b'\'' | b'"' | b'`'))?;
    let q = bytes[open];
    let close = bytes[at..].iter().position(|b| *b == q)? + at;
    Some(&line[open + 1..close])
}

/// The imports a line writes, as far as one line tells (none for a line that imports
/// nothing): `None` when it cannot be read whole, and the file is parsed instead. `at` is
/// where the module's name sits.
fn read_line(family: Family, line: &str, at: usize) -> Option<Vec<Import>> {
    let trimmed = line.trim_start();
    let has = |w: &str| {
        line.match_indices(w).any(|(i, _)| {
            let before = line[..i].chars().next_back();
            let after = line[i + w.len()..].chars().next();
            before.is_none_or(|c| !c.is_alphanumeric() && c != '_' && c != '$')
                && after.is_none_or(|c| !c.is_alphanumeric() && c != '_')
        })
    };
    match family {
        Family::Script => {
            if !(has("import") || has("require") || has("from") || has("export")) {
                return Some(Vec::new());
            }
            // Not in a string: no specifier of this line names it.
            let Some(spec) = quoted_around(line, at) else {
                return Some(Vec::new());
            };
            Some(vec![import(Specifier::Path(spec.to_string()))])
        }
        Family::Php => {
            if let Some(rest) = trimmed.strip_prefix("use ") {
                return Some(php_use(rest));
            }
            if !(has("require") || has("require_once") || has("include") || has("include_once")) {
                return Some(Vec::new());
            }
            let Some(path) = quoted_around(line, at) else {
                return Some(Vec::new());
            };
            let before = &line[..at];
            if before.contains("__DIR__") || before.contains("dirname") {
                // `dirname(__DIR__)` and other forms: parsed.
                if before.contains("dirname(__DIR__") || !path.starts_with('/') {
                    return None;
                }
                return Some(vec![import(Specifier::HereRelative(path.to_string()))]);
            }
            Some(vec![import(Specifier::Path(path.to_string()))])
        }
        Family::Python => python_line(trimmed),
    }
}

/// `use A\B\C;`, `use A\B\C as D, E\F;`, `use function A\f;`, `use A\{B, C as D};`.
fn php_use(rest: &str) -> Vec<Import> {
    let rest = rest.trim().trim_end_matches(';');
    let rest = rest
        .strip_prefix("function ")
        .or_else(|| rest.strip_prefix("const "))
        .unwrap_or(rest);
    let names: Vec<String> = match rest.split_once('{') {
        Some((prefix, group)) => group
            .trim_end_matches('}')
            .split(',')
            .map(|n| format!("{prefix}{}", n.trim()))
            .collect(),
        None => rest.split(',').map(|n| n.trim().to_string()).collect(),
    };
    names
        .into_iter()
        .map(|n| {
            let name = n.split_whitespace().next().unwrap_or_default();
            import(Specifier::Qualified(
                name.trim_start_matches('\\').to_string(),
            ))
        })
        .filter(|i| !matches!(&i.specifier, Specifier::Qualified(q) if q.is_empty()))
        .collect()
}

/// `import a.b, c as d`, `from ..pkg.mod import x, y as z`.
fn python_line(line: &str) -> Option<Vec<Import>> {
    if let Some(rest) = line.strip_prefix("import ") {
        return Some(
            rest.split(',')
                .filter_map(|part| part.split_whitespace().next())
                .map(|m| {
                    import(Specifier::Dotted {
                        level: 0,
                        module: m.to_string(),
                    })
                })
                .collect(),
        );
    }
    let Some(rest) = line.strip_prefix("from ") else {
        // Not an import statement.
        return Some(Vec::new());
    };
    let Some((module, names)) = rest.split_once(" import ") else {
        // `from x \` over several lines.
        return None;
    };
    let module = module.trim();
    let level = module.chars().take_while(|c| *c == '.').count() as u32;
    let module = module.trim_start_matches('.').to_string();
    let names = names.split('#').next().unwrap_or_default().trim();
    if names.starts_with('(') && !names.contains(')') || names.ends_with('\\') {
        return None;
    }
    let mut out = vec![import(Specifier::Dotted {
        level,
        module: module.clone(),
    })];
    for name in names.trim_matches(|c| c == '(' || c == ')').split(',') {
        if let Some(name) = name.split_whitespace().next() {
            let mut i = import(Specifier::Dotted {
                level,
                module: module.clone(),
            });
            i.bindings = vec![Binding {
                imported: Imported::Name(name.to_string()),
                local: None,
            }];
            out.push(i);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_read_as_imports() {
        let js = read_line(Family::Script, r#"const c = require("./lib/client");"#, 20).unwrap();
        assert_eq!(js[0].specifier, Specifier::Path("./lib/client".into()));
        let php = read_line(Family::Php, r"use App\{Client, Errors\Fail as F};", 9).unwrap();
        let names: Vec<_> = php.iter().map(|i| i.specifier.clone()).collect();
        assert_eq!(
            names,
            vec![
                Specifier::Qualified(r"App\Client".into()),
                Specifier::Qualified(r"App\Errors\Fail".into())
            ]
        );
        let inc = read_line(Family::Php, "require_once __DIR__ . '/src/Client.php';", 28).unwrap();
        assert_eq!(
            inc[0].specifier,
            Specifier::HereRelative("/src/Client.php".into())
        );
        let py = read_line(Family::Python, "from ..pkg import client, x as y", 12).unwrap();
        assert_eq!(py.len(), 3);
        assert_eq!(
            py[0].specifier,
            Specifier::Dotted {
                level: 2,
                module: "pkg".into()
            }
        );
        assert_eq!(py[1].bindings[0].imported, Imported::Name("client".into()));
        assert!(read_line(Family::Python, "from pkg import (", 5).is_none());
        assert!(read_line(Family::Php, "require dirname(__DIR__) . '/x.php';", 30).is_none());
    }

    #[test]
    fn a_name_fits_where_a_module_name_does() {
        assert!(fits(Family::Script, b'/', b"\";"));
        assert!(fits(Family::Script, b'/', b".js'"));
        assert!(fits(Family::Script, b'/', b"/index'"));
        assert!(!fits(Family::Script, b'\'', b"';"));
        assert!(!fits(Family::Script, b'/', b"/other'"));
        assert!(fits(Family::Php, b'\\', b";"));
        assert!(fits(Family::Python, b'.', b" import x"));
        assert!(!fits(Family::Python, b'_', b" "));
    }
}
