//! Python's imports lowered to [`ModuleFacts`]: the matches of `queries/python/modules.scm`.
//!
//! Each imported module or name is one [`Import`], as Python resolves each on its own:
//! `import a, b` is two, and so is `from m import x, y` (`x` may be a submodule of `m`
//! and `y` an attribute of it; the resolver decides, name by name). Imports inside
//! functions and `try:` blocks count; those under `if TYPE_CHECKING:` are `type_only`.
//! Python has no export syntax: a module offers its module-level definitions and assigned
//! names (`declarations`), and `__all__` (`all`) when it is a literal list of strings.

use tree_sitter::Node;

use super::Python;
use crate::lang::module::{Binding, Import, Imported, ModuleFacts, Specifier};
use crate::lang::query::Captures;
use crate::lang::{text, Field, Lowering, NodeType};
use crate::tree::Up;

/// The facts of one file, from its `modules.scm` matches.
pub(super) fn module_facts(matches: &[Captures], src: &str) -> ModuleFacts {
    let mut imports: Vec<(usize, Import)> = Vec::new();
    let mut alls: Vec<Node> = Vec::new();
    let mut declarations: Vec<(usize, String)> = Vec::new();
    for m in matches {
        if let Some(stmt) = m.get("import") {
            let import = match m.get("dynamic") {
                Some(_) => dynamic(*stmt, m.get("source").copied(), src),
                None => statement(*stmt, m, src),
            };
            if let Some(import) = import {
                let key = m
                    .get("source")
                    .map_or(stmt.start_byte(), |s| s.start_byte());
                let key = m.get("imported").map_or(key, |n| n.start_byte());
                imports.push((key, import));
            }
        } else if let Some(list) = m.get("all") {
            alls.push(*list);
        } else if let Some(name) = m.get("declaration") {
            if is_module_level(*name) {
                declarations.push((name.start_byte(), text(*name, src).to_string()));
            }
        }
    }
    imports.sort_by_key(|(key, i)| (i.range.start, *key));
    declarations.sort();
    let mut names: Vec<String> = Vec::new();
    for (_, d) in declarations {
        if !names.contains(&d) {
            names.push(d);
        }
    }
    alls.sort_by_key(|n| n.start_byte());
    ModuleFacts {
        imports: imports.into_iter().map(|(_, i)| i).collect(),
        exports: Vec::new(),
        namespace: None,
        declarations: names,
        all: dunder_all(&alls, src),
    }
}

/// One name of an `import` or `from ... import` statement.
fn statement(stmt: Node, m: &Captures, src: &str) -> Option<Import> {
    let source = *m.get("source")?;
    let specifier = match source.type_name() {
        "relative_import" => relative(source, src),
        _ => Specifier::Dotted {
            level: 0,
            module: dotted(source, src),
        },
    };
    let local = m.get("local").map(|l| text(*l, src).to_string());
    let binding = if m.get("all").is_some() {
        Binding {
            imported: Imported::All,
            local: None,
        }
    } else if let Some(name) = m.get("imported") {
        let name = dotted(*name, src);
        Binding {
            local: Some(local.unwrap_or_else(|| name.clone())),
            imported: Imported::Name(name),
        }
    } else {
        // `import a.b.c` binds `a`, the top package; `import a.b as c` binds `c`, a.b.
        let top = dotted(source, src)
            .split('.')
            .next()
            .unwrap_or_default()
            .to_string();
        Binding {
            imported: Imported::Module,
            local: Some(local.unwrap_or(top)),
        }
    };
    Some(Import {
        range: stmt.byte_range(),
        specifier,
        bindings: vec![binding],
        reexport: false,
        type_only: under_type_checking(stmt, src),
    })
}

/// `a.b.c` from a `dotted_name`, its identifiers joined (whatever spaces or line breaks
/// stand between them).
fn dotted(n: Node, src: &str) -> String {
    let mut c = n.walk();
    let parts: Vec<&str> = n
        .named_children(&mut c)
        .filter(|p| p.type_name() == "identifier")
        .map(|p| text(p, src))
        .collect();
    if parts.is_empty() {
        text(n, src).to_string()
    } else {
        parts.join(".")
    }
}

/// `..pkg.mod`: the dots of its prefix and the module after them.
fn relative(n: Node, src: &str) -> Specifier {
    let mut level = 0;
    let mut module = String::new();
    let mut c = n.walk();
    for part in n.named_children(&mut c) {
        match part.type_name() {
            "import_prefix" => level += text(part, src).matches('.').count() as u32,
            "dotted_name" => module = dotted(part, src),
            _ => {}
        }
    }
    Specifier::Dotted { level, module }
}

/// `importlib.import_module(arg)`, `import_module(arg)`, `__import__(arg)`: a literal
/// module name is [`Specifier::Dotted`] (a relative one, `".x"`, when its package is
/// `__package__` or `__name__`, or a literal package); anything else is
/// [`Specifier::Dynamic`]. `m = import_module("a.b")` binds `m` to module `a.b`.
fn dynamic(call: Node, arg: Option<Node>, src: &str) -> Option<Import> {
    let callee = call.field("function").map(|f| text(f, src))?;
    let name = arg.and_then(|a| Python.literal(a, src)).map(|l| l.value);
    let specifier = match name {
        Some(name) if !name.is_empty() => literal_module(call, &name, src),
        _ => Specifier::Dynamic,
    };
    let local = call
        .up()
        .filter(|p| p.type_name() == "assignment" && p.field("right") == Some(call))
        .and_then(|p| p.field("left"))
        .filter(|l| l.type_name() == "identifier")
        .map(|l| text(l, src).to_string());
    // `__import__("a.b")` gives `a`, not `a.b`: no binding to the module it names.
    let dotted_dunder = callee == "__import__"
        && matches!(&specifier, Specifier::Dotted { module, .. } if module.contains('.'));
    let bindings = match local {
        Some(local) if !dotted_dunder && specifier != Specifier::Dynamic => vec![Binding {
            imported: Imported::Module,
            local: Some(local),
        }],
        _ => Vec::new(),
    };
    Some(Import {
        range: call.byte_range(),
        specifier,
        bindings,
        reexport: false,
        type_only: false,
    })
}

/// The specifier of a literal module name given to `import_module`.
fn literal_module(call: Node, name: &str, src: &str) -> Specifier {
    let rest = name.trim_start_matches('.');
    let level = (name.len() - rest.len()) as u32;
    if level == 0 {
        return Specifier::Dotted {
            level: 0,
            module: name.to_string(),
        };
    }
    let Some(package) = package_arg(call, src) else {
        return Specifier::Dynamic;
    };
    match text(package, src) {
        "__package__" | "__name__" => Specifier::Dotted {
            level,
            module: rest.to_string(),
        },
        _ => {
            // `import_module(".x", "pkg.sub")` is `pkg.sub.x`; `"..x"` is `pkg.x`.
            let Some(base) = Python.literal(package, src).map(|l| l.value) else {
                return Specifier::Dynamic;
            };
            let mut parts: Vec<&str> = base.split('.').filter(|p| !p.is_empty()).collect();
            if parts.len() < level as usize {
                return Specifier::Dynamic;
            }
            parts.truncate(parts.len() + 1 - level as usize);
            if !rest.is_empty() {
                parts.push(rest);
            }
            Specifier::Dotted {
                level: 0,
                module: parts.join("."),
            }
        }
    }
}

/// The `package` argument of `import_module(name, package)`: the second positional
/// argument or `package=`.
fn package_arg<'t>(call: Node<'t>, src: &str) -> Option<Node<'t>> {
    let args = call.field("arguments")?;
    let mut c = args.walk();
    let list: Vec<Node> = args
        .named_children(&mut c)
        .filter(|a| a.type_name() != "comment")
        .collect();
    let keyword = list.iter().find(|a| {
        a.type_name() == "keyword_argument"
            && a.field("name").is_some_and(|n| text(n, src) == "package")
    });
    match keyword {
        Some(kw) => kw.field("value"),
        None => list.get(1).copied(),
    }
}

/// Is `stmt` in the body of an `if TYPE_CHECKING:` (or `typing.TYPE_CHECKING`)?
fn under_type_checking(stmt: Node, src: &str) -> bool {
    let mut n = stmt;
    while let Some(p) = n.up() {
        if p.type_name() == "if_statement"
            && p.field("consequence") == Some(n)
            && p.field("condition")
                .is_some_and(|c| matches!(text(c, src), "TYPE_CHECKING" | "typing.TYPE_CHECKING"))
        {
            return true;
        }
        n = p;
    }
    false
}

/// Is the name a definition or assignment binds at module level (inside no function,
/// class or lambda; `if` and `try` blocks at module level count)?
fn is_module_level(name: Node) -> bool {
    let mut n = name.up();
    if let Some(def) = n.filter(|d| d.field("name") == Some(name)) {
        n = def.up();
    }
    while let Some(p) = n {
        if matches!(
            p.type_name(),
            "function_definition" | "class_definition" | "lambda"
        ) {
            return false;
        }
        n = p.up();
    }
    true
}

/// `__all__` from its assignments (`=` sets it, `+=` extends it), in order; `None` as
/// soon as one of them is not a literal list of strings.
fn dunder_all(values: &[Node], src: &str) -> Option<Vec<String>> {
    let mut all: Option<Vec<String>> = None;
    for v in values {
        let names = strings(*v, src)?;
        let augmented = v.up().filter(|p| p.type_name() == "augmented_assignment");
        if augmented.is_some_and(|p| p.field("operator").map(|o| text(o, src)) != Some("+=")) {
            return None;
        }
        match (&mut all, augmented.is_some()) {
            (Some(list), true) => list.extend(names),
            (None, true) => return None,
            (_, false) => all = Some(names),
        }
    }
    all
}

/// The values of a list or tuple of string literals.
fn strings(list: Node, src: &str) -> Option<Vec<String>> {
    if !matches!(list.type_name(), "list" | "tuple") {
        return None;
    }
    let mut c = list.walk();
    let items: Vec<Node> = list
        .named_children(&mut c)
        .filter(|i| i.type_name() != "comment")
        .collect();
    items
        .into_iter()
        .map(|i| Python.literal(i, src).map(|l| l.value))
        .collect()
}

#[cfg(test)]
mod tests;
