use crate::lang::module::{Binding, Imported, ModuleFacts, Specifier};
use crate::lang::Lang;

fn facts(lang: Lang, text: &str) -> ModuleFacts {
    let source = crate::source::Source::parse(lang, text.to_string()).unwrap();
    crate::project::facts_of(&source)
}

fn binding(b: &Binding) -> String {
    let imported = match &b.imported {
        Imported::Module => "module".to_string(),
        Imported::Default => "default".to_string(),
        Imported::Name(n) => n.clone(),
        Imported::All => "*".to_string(),
    };
    match &b.local {
        Some(l) => format!("{imported} as {l}"),
        None => imported,
    }
}

/// Each import as `spec [bindings]`, with ` reexport` and ` type` when they hold.
fn imports(lang: Lang, text: &str) -> Vec<String> {
    facts(lang, text)
        .imports
        .iter()
        .map(|i| {
            let spec = match &i.specifier {
                Specifier::Path(p) => p.clone(),
                Specifier::Dynamic => "?".to_string(),
                other => format!("{other:?}"),
            };
            let bindings: Vec<String> = i.bindings.iter().map(binding).collect();
            let mut s = format!("{spec} [{}]", bindings.join(", "));
            if i.reexport {
                s.push_str(" reexport");
            }
            if i.type_only {
                s.push_str(" type");
            }
            s
        })
        .collect()
}

/// Each export as `name = local` (`default` for the default export, `-` for no local).
fn exports(lang: Lang, text: &str) -> Vec<String> {
    facts(lang, text)
        .exports
        .iter()
        .map(|e| {
            let name = e.name.as_deref().unwrap_or("default");
            format!("{name} = {}", e.local.as_deref().unwrap_or("-"))
        })
        .collect()
}

fn check_imports(lang: Lang, table: &[(&str, &[&str])]) {
    for (text, expected) in table {
        assert_eq!(imports(lang, text), *expected, "{lang:?}: {text}");
    }
}

fn check_exports(lang: Lang, table: &[(&str, &[&str])]) {
    for (text, expected) in table {
        assert_eq!(exports(lang, text), *expected, "{lang:?}: {text}");
    }
}

const ES_IMPORTS: &[(&str, &[&str])] = &[
    ("import x from './a';", &["./a [default as x]"]),
    (
        "import {a, b as c} from \"./a\";",
        &["./a [a as a, b as c]"],
    ),
    ("import * as ns from './a';", &["./a [module as ns]"]),
    ("import './setup';", &["./setup [module]"]),
    ("import x, {a} from './a';", &["./a [default as x, a as a]"]),
    (
        "import x, * as ns from './a';",
        &["./a [default as x, module as ns]"],
    ),
    (
        "import {default as d, 'a-b' as e} from './a';",
        &["./a [default as d, a-b as e]"],
    ),
    (
        "import x from './a'; import y from 'b';",
        &["./a [default as x]", "b [default as y]"],
    ),
];

const REEXPORTS: &[(&str, &[&str])] = &[
    ("export * from './a';", &["./a [*] reexport"]),
    (
        "export * as ns from './a';",
        &["./a [module as ns] reexport"],
    ),
    (
        "export {a, b as c} from './a';",
        &["./a [a as a, b as c] reexport"],
    ),
    (
        "export {default} from './a';",
        &["./a [default as default] reexport"],
    ),
    (
        "export {default as X} from './a';",
        &["./a [default as X] reexport"],
    ),
];

const COMMONJS_IMPORTS: &[(&str, &[&str])] = &[
    ("const x = require('./a');", &["./a [module as x]"]),
    ("var x = require(\"./a\");", &["./a [module as x]"]),
    (
        "const {a, b: c} = require('./a');",
        &["./a [a as a, b as c]"],
    ),
    (
        "const {default: d, a = 1, ...rest} = require('./a');",
        &["./a [default as d, a as a, module as rest]"],
    ),
    ("const x = require('./a').a;", &["./a [a as x]"]),
    ("const x = require('./a').default;", &["./a [default as x]"]),
    ("require('./setup');", &["./setup [module]"]),
    ("f(require('./a'));", &["./a [module]"]),
    ("const x = require(`./a`);", &["./a [module as x]"]),
    ("const x = require(name);", &["? [module as x]"]),
    ("const x = require(`./${name}`);", &["? [module as x]"]),
    ("const x = require('./' + name);", &["? [module as x]"]),
    ("const x = other('./a');", &[]),
    ("const x = a.require('./a');", &[]),
];

const DYNAMIC_IMPORTS: &[(&str, &[&str])] = &[
    (
        "async function f() { const m = await import('./a'); }",
        &["./a [module as m]"],
    ),
    (
        "async function f() { const {a, b: c} = await import('./a'); }",
        &["./a [a as a, b as c]"],
    ),
    (
        "async function f() { const a = (await import('./a')).a; }",
        &["./a [a as a]"],
    ),
    ("import('./a').then(m => m.a);", &["./a [module]"]),
    ("import(`./a`);", &["./a [module]"]),
    ("import(name);", &["? [module]"]),
];

#[test]
fn static_imports_take_their_bindings_in_source_order() {
    check_imports(Lang::JavaScript, ES_IMPORTS);
}

#[test]
fn export_from_is_a_reexport() {
    check_imports(Lang::JavaScript, REEXPORTS);
}

#[test]
fn require_takes_what_its_declarator_binds() {
    check_imports(Lang::JavaScript, COMMONJS_IMPORTS);
}

#[test]
fn dynamic_import_with_a_literal_is_a_path() {
    check_imports(Lang::JavaScript, DYNAMIC_IMPORTS);
}

#[test]
fn typescript_and_tsx_read_the_javascript_forms() {
    for lang in [Lang::TypeScript, Lang::Tsx] {
        check_imports(lang, ES_IMPORTS);
        check_imports(lang, REEXPORTS);
        check_imports(lang, COMMONJS_IMPORTS);
        check_imports(lang, DYNAMIC_IMPORTS);
        check_exports(lang, ES_EXPORTS);
        check_exports(lang, COMMONJS_EXPORTS);
    }
}

#[test]
fn typescript_type_imports_are_type_only() {
    let table: &[(&str, &[&str])] = &[
        ("import type X from './a';", &["./a [default as X] type"]),
        (
            "import type {A, B as C} from './a';",
            &["./a [A as A, B as C] type"],
        ),
        (
            "import type * as ns from './a';",
            &["./a [module as ns] type"],
        ),
        (
            "export type {A} from './a';",
            &["./a [A as A] reexport type"],
        ),
        (
            "import {type A, b} from './a';",
            &["./a [b as b]", "./a [A as A] type"],
        ),
        ("import {type A} from './a';", &["./a [A as A] type"]),
        ("import x = require('./a');", &["./a [module as x]"]),
        (
            "import type x = require('./a');",
            &["./a [module as x] type"],
        ),
        ("import type from './a';", &["./a [default as type]"]),
        ("import {A} from './a';", &["./a [A as A]"]),
    ];
    check_imports(Lang::TypeScript, table);
}

const ES_EXPORTS: &[(&str, &[&str])] = &[
    ("export default x;", &["default = x"]),
    ("export default f();", &["default = -"]),
    ("export default function f() {}", &["default = f"]),
    ("export default function () {}", &["default = -"]),
    ("export default class C {}", &["default = C"]),
    ("export function f() {}", &["f = f"]),
    ("export function* g() {}", &["g = g"]),
    ("export class C {}", &["C = C"]),
    ("export const a = 1;", &["a = a"]),
    ("export let a = 1, b = 2;", &["a = a", "b = b"]),
    ("export var a;", &["a = a"]),
    ("export const {a, b: c} = o;", &["a = a", "c = c"]),
    ("const a = 1; export {a};", &["a = a"]),
    (
        "const a = 1; export {a as b, a as default};",
        &["b = a", "default = a"],
    ),
];

const COMMONJS_EXPORTS: &[(&str, &[&str])] = &[
    ("module.exports = x;", &["default = x"]),
    ("module.exports = new Client();", &["default = -"]),
    ("module.exports = {a, b: c};", &["a = a", "b = c"]),
    (
        "module.exports = {a: 1, 'b': c, m() {}, ...rest};",
        &["a = -", "b = c", "m = -"],
    ),
    ("module.exports.a = x;", &["a = x"]),
    ("exports.a = function () {};", &["a = -"]),
    ("exports.a = x; exports.b = y;", &["a = x", "b = y"]),
    ("module.exports.a.b = x;", &[]),
    ("other.exports = x; exportz.a = x;", &[]),
];

#[test]
fn es_exports_name_their_locals() {
    check_exports(Lang::JavaScript, ES_EXPORTS);
}

#[test]
fn commonjs_exports_are_assignments_to_module_exports() {
    check_exports(Lang::JavaScript, COMMONJS_EXPORTS);
}

#[test]
fn typescript_exports() {
    let table: &[(&str, &[&str])] = &[
        ("export = x;", &["default = x"]),
        ("export interface I {}", &["I = I"]),
        ("export type T = string;", &["T = T"]),
        ("export enum E { A }", &["E = E"]),
        ("export abstract class A {}", &["A = A"]),
        ("export type {A};", &["A = A"]),
        ("export const a: number = 1;", &["a = a"]),
    ];
    check_exports(Lang::TypeScript, table);
}

#[test]
fn declarations_are_the_top_level_names() {
    let table: &[(Lang, &str, &[&str])] = &[
        (
            Lang::JavaScript,
            "function f() { function inner() {} const x = 1; }\nclass C {}\nconst a = 1, {b, c: [d]} = o;\nlet e;\nvar g;\nfunction* h() {}",
            &["f", "C", "a", "b", "d", "e", "g", "h"],
        ),
        (
            Lang::JavaScript,
            "export function f() {}\nexport const a = 1;\nexport default class D {}\nif (x) { var no = 1; }",
            &["f", "a", "D"],
        ),
        (
            Lang::TypeScript,
            "abstract class A {}\nenum E { X }\ninterface I {}\ntype T = string;\nexport interface J {}\nconst v: T = 'x';",
            &["A", "E", "v"],
        ),
    ];
    for (lang, text, expected) in table {
        assert_eq!(facts(*lang, text).declarations, *expected, "{text}");
    }
}

#[test]
fn ranges_are_the_statement_or_the_call() {
    let text = "import x from './a';\nconst y = require('./b');\nmodule.exports = y;";
    let f = facts(Lang::JavaScript, text);
    let at = |r: &std::ops::Range<usize>| &text[r.clone()];
    assert_eq!(at(&f.imports[0].range), "import x from './a';");
    assert_eq!(at(&f.imports[1].range), "require('./b')");
    assert_eq!(at(&f.exports[0].range), "module.exports = y");
}

#[test]
fn escapes_in_specifiers_are_decoded() {
    assert_eq!(
        imports(Lang::JavaScript, r#"import x from "./lib\/a";"#),
        ["./lib/a [default as x]"]
    );
}
