use super::*;

#[test]
fn node_types_are_ascii() {
    for lang in Lang::ALL {
        let g = lang.grammar();
        for id in 0..g.node_kind_count() as u16 {
            if let Some(name) = g.node_kind_for_id(id) {
                assert!(name.is_ascii(), "{lang:?}: {name:?}");
            }
        }
    }
}

#[test]
fn type_names_and_fields_are_tree_sitters() {
    let samples = [
        (
            Lang::JavaScript,
            "const a = f(`x${y}`) + [1, {b}]; if (!a) { throw new E(); } @",
        ),
        (
            Lang::Php,
            "<?php $a = ['k' => f(\"x$y\")]; class C { function m() { return 1; } } )",
        ),
        (
            Lang::Python,
            "a = f(x)[0]\nclass C:\n  def m(self): return {'k': [1]}\n)",
        ),
        (
            Lang::TypeScript,
            "const a: T<U> = f(`x${y}`)! as V; interface I { k: number } class C { p = 1 } @",
        ),
        (
            Lang::Tsx,
            "const a = <div k={f<T>(x as Y)}>t</div>; function g(p?: string) {} @",
        ),
    ];
    for (lang, text) in samples {
        let src = crate::source::Source::parse(lang, text.to_string()).unwrap();
        let mut stack = vec![src.root()];
        let mut seen = 0;
        while let Some(n) = stack.pop() {
            assert_eq!(n.type_name(), n.kind(), "{lang:?}");
            for f in [
                "body",
                "name",
                "left",
                "right",
                "function",
                "arguments",
                "value",
            ] {
                assert_eq!(n.field(f), n.child_by_field_name(f), "{lang:?} {f}");
            }
            seen += 1;
            let mut c = n.walk();
            stack.extend(n.children(&mut c));
        }
        assert!(seen > 20 && src.root().has_error(), "{lang:?}");
    }
}

#[test]
fn extensions() {
    for (p, l) in [
        ("a.js", Some(Lang::JavaScript)),
        ("a.MJS", Some(Lang::JavaScript)),
        ("a.cjs", Some(Lang::JavaScript)),
        ("a.jsx", Some(Lang::JavaScript)),
        ("a.php", Some(Lang::Php)),
        ("a.phtml", Some(Lang::Php)),
        ("a.inc", Some(Lang::Php)),
        ("a.py", Some(Lang::Python)),
        ("a.pyw", Some(Lang::Python)),
        ("a.ts", Some(Lang::TypeScript)),
        ("a.d.ts", Some(Lang::TypeScript)),
        ("a.mts", Some(Lang::TypeScript)),
        ("a.cts", Some(Lang::TypeScript)),
        ("a.tsx", Some(Lang::Tsx)),
        ("a.vue", Some(Lang::Vue)),
        ("a.html", Some(Lang::Html)),
        ("a.HTM", Some(Lang::Html)),
        ("Makefile", None),
    ] {
        assert_eq!(Lang::from_path(Path::new(p)), l, "{p}");
    }
}

#[test]
fn the_kinds_table_covers_every_language_once() {
    let mut seen: Vec<&str> = Vec::new();
    for kind in KINDS {
        for e in kind.extensions {
            assert_eq!(*e, e.to_ascii_lowercase(), "{e}");
            assert!(!seen.contains(e), "{e} twice");
            seen.push(e);
            let name = format!("a.{}", e.to_ascii_uppercase());
            assert_eq!(Lang::from_path(Path::new(&name)), Some(kind.lang));
        }
    }
    for lang in [
        Lang::JavaScript,
        Lang::Php,
        Lang::Python,
        Lang::TypeScript,
        Lang::Tsx,
        Lang::Html,
        Lang::Vue,
    ] {
        // Exhaustive: a new language fails to compile here until it is in the table.
        match lang {
            Lang::JavaScript
            | Lang::Php
            | Lang::Python
            | Lang::TypeScript
            | Lang::Tsx
            | Lang::Html
            | Lang::Vue => {}
            // Read by name, not by a grammar: not in the table of source kinds.
            Lang::Settings => continue,
        }
        assert_eq!(
            KINDS.iter().filter(|k| k.lang == lang).count(),
            1,
            "{lang:?}"
        );
    }
    assert_eq!(
        kind_list("or"),
        "JavaScript, TypeScript, PHP, Python, HTML or Vue"
    );
    assert!(extension_list().starts_with(".js .mjs .cjs .jsx, .ts .mts .cts, .tsx, "));
}
