use std::path::{Path, PathBuf};

use super::{strip_jsonc, EXTENSIONS};
use crate::lang::module::{Import, Specifier};
use crate::lang::Lang;
use crate::project::files::FileTable;
use crate::project::resolve::{Resolution, Resolver};

const FILES: &[&str] = &[
    "src/app.js",
    "src/a.js",
    "src/a.ts",
    "src/b.ts",
    "src/c.mjs",
    "src/comp.tsx",
    "src/util/index.js",
    "src/util/x.js",
    "src/lib/x.ts",
    "src/lib/y.mts",
    "src/lib/z.cts",
    "src/lib/w.tsx",
    "src/pkg/lib/main.js",
    "src/pkg/index.js",
    "src/pkg2/esm/index.mjs",
    "src/pkg2/cjs/index.cjs",
    "src/pkg3/entry.js",
    "src/pkg4/index.ts",
    "src/pkg5/lib/index.js",
    "src/pkg6/dist/index.js",
    "packages/core/src/index.ts",
    "packages/core/src/sub.ts",
    "packages/utils/index.js",
    "packages/utils/src/fmt.js",
    "packages/utils/src/helpers/date.js",
    "packages/utils/other.js",
    "web/main.js",
    "web/lib/api.js",
];

const MANIFESTS: &[(&str, &str)] = &[
    ("src/pkg/package.json", r#"{"main": "./lib/main.js"}"#),
    (
        "src/pkg2/package.json",
        r#"{"main": "cjs/index.cjs", "exports": {".": {"import": "./esm/index.mjs", "require": "./cjs/index.cjs"}}}"#,
    ),
    ("src/pkg3/package.json", r#"{"exports": "./entry.js"}"#),
    ("src/pkg4/package.json", r#"{"main": "./dist/missing.js"}"#),
    ("src/pkg5/package.json", r#"{"main": "lib"}"#),
    (
        "src/pkg6/package.json",
        r#"{"exports": {"require": "./dist/index.cjs", "default": "./dist/index.js"}}"#,
    ),
    (
        "packages/core/package.json",
        r#"{"name": "@acme/core", "main": "src/index.ts"}"#,
    ),
    (
        "packages/utils/package.json",
        r#"{"name": "utils", "exports": {".": "./index.js", "./fmt": "./src/fmt.js", "./helpers/*": "./src/helpers/*.js"}}"#,
    ),
    (
        "tsconfig.json",
        r#"{
  // The whole project.
  "compilerOptions": {
    "baseUrl": ".", /* the root */
    "paths": {
      "@/*": ["src/*"],
      "~lib": ["src/lib/x.ts"],
      "@app/*": ["nowhere/*", "src/*"],
      "@app/lib/*": ["src/lib/*"],
    },
  },
}"#,
    ),
    (
        "web/jsconfig.json",
        r#"{"compilerOptions": {"paths": {"@/*": ["./*"]}}}"#,
    ),
];

fn table() -> FileTable {
    let root = Path::new("/p");
    let files: Vec<(PathBuf, Lang)> = FILES
        .iter()
        .map(|f| (root.join(f), Lang::from_path(Path::new(f)).unwrap()))
        .collect();
    let manifests = MANIFESTS
        .iter()
        .map(|(p, t)| (root.join(p), t.to_string()))
        .collect();
    FileTable::from_parts(root, &files, manifests)
}

fn import(specifier: Specifier) -> Import {
    Import {
        range: 0..0,
        specifier,
        bindings: Vec::new(),
        reexport: false,
        type_only: false,
    }
}

/// Where `spec`, written in `from`, leads: the file's path under the root, or
/// `external`, `missing`, `dynamic`.
fn resolve(table: &FileTable, from: &str, specifier: Specifier) -> String {
    let r = Resolver::new(table, &[]);
    let from = table.find(&Path::new("/p").join(from)).expect(from);
    match r.resolve(from, &import(specifier)) {
        Resolution::File(id) => table
            .path(id)
            .strip_prefix("/p")
            .unwrap()
            .to_string_lossy()
            .into_owned(),
        Resolution::External => "external".into(),
        Resolution::Missing => "missing".into(),
        Resolution::Dynamic => "dynamic".into(),
    }
}

fn check(table: &[(&str, &str, &str)]) {
    let t = self::table();
    for (from, spec, expected) in table {
        let got = resolve(&t, from, Specifier::Path(spec.to_string()));
        assert_eq!(got, *expected, "{spec:?} from {from}");
    }
}

#[test]
fn relative_specifiers_take_the_exact_file_then_each_extension() {
    check(&[
        ("src/app.js", "./a.js", "src/a.js"),
        ("src/app.js", "./a.ts", "src/a.ts"),
        // .js comes before .ts.
        ("src/app.js", "./a", "src/a.js"),
        ("src/app.js", "./b", "src/b.ts"),
        ("src/app.js", "./c", "src/c.mjs"),
        ("src/app.js", "./comp", "src/comp.tsx"),
        ("src/app.js", "./lib/x", "src/lib/x.ts"),
        ("src/app.js", "./lib/y", "src/lib/y.mts"),
        ("src/app.js", "./lib/z", "src/lib/z.cts"),
        ("src/util/x.js", "../a", "src/a.js"),
        ("src/util/x.js", "../lib/../b", "src/b.ts"),
        ("src/util/x.js", "./index.js", "src/util/index.js"),
        ("src/app.js", "./a.js?raw", "src/a.js"),
    ]);
    assert_eq!(EXTENSIONS.len(), 8);
}

#[test]
fn a_javascript_name_finds_its_typescript_source() {
    check(&[
        ("src/app.js", "./lib/x.js", "src/lib/x.ts"),
        ("src/app.js", "./lib/y.mjs", "src/lib/y.mts"),
        ("src/app.js", "./lib/z.cjs", "src/lib/z.cts"),
        ("src/app.js", "./lib/w.jsx", "src/lib/w.tsx"),
        ("src/app.js", "./comp.js", "src/comp.tsx"),
        // Only the TypeScript counterpart: a .mjs name does not find a .ts file.
        ("src/app.js", "./b.mjs", "missing"),
    ]);
}

#[test]
fn folders_take_their_index_file() {
    check(&[
        ("src/app.js", "./util", "src/util/index.js"),
        ("src/app.js", "./util/", "src/util/index.js"),
        ("src/util/x.js", ".", "src/util/index.js"),
        ("src/util/x.js", "..", "missing"),
        ("src/app.js", "./pkg4", "src/pkg4/index.ts"),
    ]);
}

#[test]
fn folders_with_a_package_json_take_its_exports_then_main() {
    check(&[
        // main before index.js.
        ("src/app.js", "./pkg", "src/pkg/lib/main.js"),
        // exports["."] with conditions: import first, before main.
        ("src/app.js", "./pkg2", "src/pkg2/esm/index.mjs"),
        // exports as a string.
        ("src/app.js", "./pkg3", "src/pkg3/entry.js"),
        // main names a folder.
        ("src/app.js", "./pkg5", "src/pkg5/lib/index.js"),
        // Conditions without a ".": require is not a file, default is.
        ("src/app.js", "./pkg6", "src/pkg6/dist/index.js"),
    ]);
}

#[test]
fn tsconfig_paths_and_base_url_map_bare_specifiers() {
    check(&[
        ("src/app.js", "@/a", "src/a.js"),
        ("src/util/x.js", "@/lib/x", "src/lib/x.ts"),
        ("src/util/x.js", "@/util", "src/util/index.js"),
        // An exact pattern.
        ("src/app.js", "~lib", "src/lib/x.ts"),
        // The targets in order: the first that resolves.
        ("src/app.js", "@app/b", "src/b.ts"),
        // The longest prefix: "@app/lib/*" over "@app/*".
        ("src/app.js", "@app/lib/z", "src/lib/z.cts"),
        // baseUrl alone.
        ("src/app.js", "src/c", "src/c.mjs"),
        ("packages/utils/other.js", "src/b", "src/b.ts"),
        // The nearest config: web/jsconfig.json, paths against its own folder.
        ("web/main.js", "@/lib/api", "web/lib/api.js"),
        ("web/main.js", "@/a", "missing"),
        // An alias of the project that leads to no file.
        ("src/app.js", "@/nope", "missing"),
    ]);
}

#[test]
fn bare_specifiers_naming_a_project_package_resolve_into_it() {
    check(&[
        ("src/app.js", "@acme/core", "packages/core/src/index.ts"),
        (
            "src/app.js",
            "@acme/core/src/sub",
            "packages/core/src/sub.ts",
        ),
        ("src/app.js", "@acme/core/nope", "missing"),
        ("web/main.js", "utils", "packages/utils/index.js"),
        ("web/main.js", "utils/fmt", "packages/utils/src/fmt.js"),
        (
            "web/main.js",
            "utils/helpers/date",
            "packages/utils/src/helpers/date.js",
        ),
        ("web/main.js", "utils/other", "packages/utils/other.js"),
    ]);
}

#[test]
fn other_bare_specifiers_are_external() {
    check(&[
        ("src/app.js", "axios", "external"),
        ("src/app.js", "node:fs", "external"),
        ("src/app.js", "@scope/pkg", "external"),
        ("src/app.js", "lodash/get", "external"),
        ("web/main.js", "core", "external"),
    ]);
}

#[test]
fn relative_specifiers_without_a_file_are_missing_unless_assets() {
    check(&[
        ("src/app.js", "./nope", "missing"),
        ("src/app.js", "../src/nope.js", "missing"),
        ("src/app.js", "./lib", "missing"),
        ("src/app.js", "../../outside", "missing"),
        ("src/app.js", "./style.css", "external"),
        ("src/app.js", "./data.json", "external"),
        ("src/app.js", "./logo.SVG", "external"),
    ]);
}

#[test]
fn computed_specifiers_are_dynamic() {
    let t = table();
    assert_eq!(resolve(&t, "src/app.js", Specifier::Dynamic), "dynamic");
    let dotted = Specifier::Dotted {
        level: 1,
        module: "a".into(),
    };
    assert_eq!(resolve(&t, "src/app.js", dotted), "missing");
}

#[test]
fn facts_of_a_file_resolve_end_to_end() {
    let t = table();
    let text =
        "import a from './a';\nconst {x} = require('@/lib/x');\nimport('axios');\nrequire(name);";
    let source = crate::source::Source::parse(Lang::JavaScript, text.to_string()).unwrap();
    let facts = crate::project::facts_of(&source);
    let from = t.find(Path::new("/p/src/app.js")).unwrap();
    let all: Vec<_> = t
        .ids()
        .map(|id| (id == from).then(|| facts.clone()))
        .collect();
    let r = Resolver::new(&t, &all);
    let got: Vec<Resolution> = facts.imports.iter().map(|i| r.resolve(from, i)).collect();
    let a = t.find(Path::new("/p/src/a.js")).unwrap();
    let x = t.find(Path::new("/p/src/lib/x.ts")).unwrap();
    assert_eq!(
        got,
        [
            Resolution::File(a),
            Resolution::File(x),
            Resolution::External,
            Resolution::Dynamic
        ]
    );
}

#[test]
fn jsonc_loses_its_comments_and_trailing_commas_only() {
    let text = r#"{ "a": "x // not a comment", /* c */ "b": [1, 2, ], // end
  "c": "/* kept */", "d": "q\"," , }"#;
    let v: serde_json::Value = serde_json::from_str(&strip_jsonc(text)).unwrap();
    assert_eq!(v["a"], "x // not a comment");
    assert_eq!(v["b"], serde_json::json!([1, 2]));
    assert_eq!(v["c"], "/* kept */");
    assert_eq!(v["d"], "q\",");
}

#[test]
fn a_catch_all_path_pattern_leaves_packages_external() {
    let root = Path::new("/q");
    let files = [
        (root.join("src/app.ts"), Lang::TypeScript),
        (root.join("types/env.ts"), Lang::TypeScript),
    ];
    let config = r#"{"compilerOptions": {"baseUrl": ".", "paths": {"*": ["types/*"]}}}"#;
    let t = FileTable::from_parts(
        root,
        &files,
        vec![(root.join("tsconfig.json"), config.into())],
    );
    let r = Resolver::new(&t, &[]);
    let app = t.find(&root.join("src/app.ts")).unwrap();
    let go = |spec: &str| r.resolve(app, &import(Specifier::Path(spec.into())));
    assert_eq!(
        go("env"),
        Resolution::File(t.find(&root.join("types/env.ts")).unwrap())
    );
    assert_eq!(go("react"), Resolution::External);
}
