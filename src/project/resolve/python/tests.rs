use std::path::{Path, PathBuf};

use super::super::{Resolution, Resolver};
use crate::lang::module::{Binding, Import, Imported, ModuleFacts, Specifier};
use crate::lang::Lang;
use crate::project::{FileTable, ModuleGraph};
use crate::source::Source;

const ROOT: &str = "/p";

/// The project every table resolves in (paths under [`ROOT`]).
const FILES: &[&str] = &[
    "app/__init__.py",
    "app/main.py",
    "app/client.py",
    "app/config.py",
    // `app/api/__init__.py` declares `Session` and `legacy` (see `facts`).
    "app/api/__init__.py",
    "app/api/v2.py",
    "app/api/legacy.py",
    "app/api/endpoints/__init__.py",
    "app/api/endpoints/balance.py",
    // A namespace package inside a regular one.
    "app/util/helpers.py",
    // A script folder (no `__init__.py`).
    "scripts/run.py",
    "scripts/common.py",
    // The `src/` layout.
    "src/flexylib/__init__.py",
    "src/flexylib/http.py",
    // Namespace packages: `nsp/` holds only a folder.
    "nsp/sub/mod.py",
    "nsp/sub/other.py",
    // `lib/` is a namespace folder at the root, `src/lib/` a regular package.
    "lib/x.py",
    "src/lib/__init__.py",
    // Hides the standard library's `email` from the root.
    "email.py",
];

fn path(p: &str) -> PathBuf {
    Path::new(ROOT).join(p)
}

fn table() -> FileTable {
    let files: Vec<(PathBuf, Lang)> = FILES.iter().map(|f| (path(f), Lang::Python)).collect();
    FileTable::from_parts(Path::new(ROOT), &files, vec![])
}

/// Facts for `app/api/__init__.py` only; the other files' facts were not read.
fn facts(table: &FileTable) -> Vec<Option<ModuleFacts>> {
    let mut facts = vec![None; table.len()];
    let init = table.find(&path("app/api/__init__.py")).unwrap();
    facts[init.0 as usize] = Some(ModuleFacts {
        declarations: vec!["Session".into(), "legacy".into()],
        ..ModuleFacts::default()
    });
    facts
}

fn import(level: u32, module: &str, imported: Imported) -> Import {
    let local = match &imported {
        Imported::Name(n) => Some(n.clone()),
        Imported::Module => module.split('.').next().map(str::to_string),
        _ => None,
    };
    Import {
        range: 0..0,
        specifier: Specifier::Dotted {
            level,
            module: module.to_string(),
        },
        bindings: vec![Binding { imported, local }],
        reexport: false,
        type_only: false,
    }
}

/// `import module`.
fn plain(module: &str) -> Import {
    import(0, module, Imported::Module)
}

/// `from <level dots><module> import name`.
fn from(level: u32, module: &str, name: &str) -> Import {
    import(level, module, Imported::Name(name.to_string()))
}

/// What a table row expects: a file of [`FILES`], or another resolution.
enum Want {
    File(&'static str),
    External,
    Missing,
}

fn check(rows: &[(&str, Import, Want)]) {
    let table = table();
    let facts = facts(&table);
    let r = Resolver::new(&table, &facts);
    for (importer, imp, want) in rows {
        let at = table.find(&path(importer)).unwrap();
        let expected = match want {
            Want::File(f) => Resolution::File(table.find(&path(f)).unwrap()),
            Want::External => Resolution::External,
            Want::Missing => Resolution::Missing,
        };
        let got = r.resolve(at, imp);
        let shown = |res: &Resolution| match res {
            Resolution::File(id) => format!("File({})", table.path(*id).display()),
            other => format!("{other:?}"),
        };
        assert_eq!(
            got,
            expected,
            "{:?} in {importer}: got {}, expected {}",
            imp.specifier,
            shown(&got),
            shown(&expected)
        );
    }
}

#[test]
fn absolute_imports_find_modules_and_packages_above_the_top_package() {
    use Want::*;
    check(&[
        ("app/main.py", plain("app.client"), File("app/client.py")),
        ("app/main.py", plain("app"), File("app/__init__.py")),
        ("app/main.py", plain("app.api"), File("app/api/__init__.py")),
        (
            "app/main.py",
            plain("app.api.endpoints.balance"),
            File("app/api/endpoints/balance.py"),
        ),
        (
            "app/api/endpoints/balance.py",
            plain("app.config"),
            File("app/config.py"),
        ),
        (
            "app/main.py",
            from(0, "app.client", "FlexyClient"),
            File("app/client.py"),
        ),
        (
            "app/main.py",
            import(0, "app", Imported::All),
            File("app/__init__.py"),
        ),
        // A module is no package: it has no submodules.
        ("app/main.py", plain("app.client.sub"), Missing),
    ]);
}

#[test]
fn from_import_takes_a_submodule_first_and_else_the_package_s_attribute() {
    use Want::*;
    check(&[
        // Submodules.
        (
            "app/main.py",
            from(0, "app.api", "v2"),
            File("app/api/v2.py"),
        ),
        (
            "app/main.py",
            from(0, "app.api", "endpoints"),
            File("app/api/endpoints/__init__.py"),
        ),
        (
            "app/main.py",
            from(0, "app.api.endpoints", "balance"),
            File("app/api/endpoints/balance.py"),
        ),
        // Declared in `app/api/__init__.py`.
        (
            "app/main.py",
            from(0, "app.api", "Session"),
            File("app/api/__init__.py"),
        ),
        // Declared there too, which hides the submodule of that name (Python reads the
        // package's attribute first).
        (
            "app/main.py",
            from(0, "app.api", "legacy"),
            File("app/api/__init__.py"),
        ),
        // Neither: an attribute `__init__.py` may import from elsewhere.
        (
            "app/main.py",
            from(0, "app.api", "make_client"),
            File("app/api/__init__.py"),
        ),
        // A package whose facts were not read: the submodule, else the package.
        (
            "scripts/run.py",
            from(0, "flexylib", "http"),
            File("src/flexylib/http.py"),
        ),
        (
            "scripts/run.py",
            from(0, "flexylib", "Client"),
            File("src/flexylib/__init__.py"),
        ),
    ]);
}

#[test]
fn relative_imports_start_from_the_importing_file_s_folder() {
    use Want::*;
    check(&[
        // Level 1 from a module and from a package's `__init__.py`.
        (
            "app/main.py",
            from(1, "client", "FlexyClient"),
            File("app/client.py"),
        ),
        (
            "app/api/__init__.py",
            from(1, "", "v2"),
            File("app/api/v2.py"),
        ),
        (
            "app/api/__init__.py",
            from(1, "v2", "get_balance"),
            File("app/api/v2.py"),
        ),
        // `from . import x`: a submodule, a subpackage, or an attribute of the package.
        (
            "app/api/v2.py",
            from(1, "", "legacy"),
            File("app/api/__init__.py"),
        ),
        (
            "app/api/v2.py",
            from(1, "", "endpoints"),
            File("app/api/endpoints/__init__.py"),
        ),
        (
            "app/api/v2.py",
            from(1, "", "Session"),
            File("app/api/__init__.py"),
        ),
        (
            "app/api/v2.py",
            from(1, "", "other"),
            File("app/api/__init__.py"),
        ),
        (
            "app/api/v2.py",
            from(1, "endpoints", "balance"),
            File("app/api/endpoints/balance.py"),
        ),
        (
            "app/api/v2.py",
            import(1, "endpoints", Imported::All),
            File("app/api/endpoints/__init__.py"),
        ),
        // Level 2.
        (
            "app/api/v2.py",
            from(2, "", "client"),
            File("app/client.py"),
        ),
        (
            "app/api/v2.py",
            from(2, "config", "BASE_URL"),
            File("app/config.py"),
        ),
        (
            "app/api/__init__.py",
            from(2, "", "config"),
            File("app/config.py"),
        ),
        (
            "app/api/endpoints/balance.py",
            from(2, "v2", "get"),
            File("app/api/v2.py"),
        ),
        (
            "app/api/endpoints/balance.py",
            from(3, "client", "FlexyClient"),
            File("app/client.py"),
        ),
        // Not there: missing, never external.
        ("app/api/v2.py", from(1, "missing", "x"), Missing),
        ("app/api/v2.py", from(2, "api.nothere", "x"), Missing),
        ("app/main.py", from(9, "", "x"), Missing),
    ]);
}

#[test]
fn scripts_and_the_src_layout_find_their_modules() {
    use Want::*;
    check(&[
        // A script's own folder comes first, then the root, then `src/`.
        ("scripts/run.py", plain("common"), File("scripts/common.py")),
        (
            "scripts/run.py",
            from(0, "app", "client"),
            File("app/client.py"),
        ),
        (
            "scripts/run.py",
            plain("flexylib.http"),
            File("src/flexylib/http.py"),
        ),
        (
            "src/flexylib/http.py",
            plain("flexylib"),
            File("src/flexylib/__init__.py"),
        ),
        (
            "src/flexylib/__init__.py",
            from(1, "", "http"),
            File("src/flexylib/http.py"),
        ),
        (
            "app/main.py",
            plain("flexylib"),
            File("src/flexylib/__init__.py"),
        ),
        // The script folder is no root of other files.
        ("app/main.py", plain("common"), External),
    ]);
}

#[test]
fn namespace_packages_are_folders_that_hold_project_files() {
    use Want::*;
    check(&[
        (
            "app/main.py",
            from(0, "app.util", "helpers"),
            File("app/util/helpers.py"),
        ),
        (
            "app/main.py",
            plain("app.util.helpers"),
            File("app/util/helpers.py"),
        ),
        ("app/main.py", plain("nsp.sub.mod"), File("nsp/sub/mod.py")),
        (
            "app/main.py",
            from(0, "nsp.sub", "mod"),
            File("nsp/sub/mod.py"),
        ),
        (
            "nsp/sub/mod.py",
            from(1, "", "other"),
            File("nsp/sub/other.py"),
        ),
        (
            "nsp/sub/mod.py",
            from(2, "sub.other", "f"),
            File("nsp/sub/other.py"),
        ),
        // A namespace package has no file: an absolute one may have portions installed,
        // a relative one's attribute is not there.
        ("app/main.py", plain("nsp"), External),
        ("app/main.py", from(0, "nsp", "sub"), External),
        ("nsp/sub/mod.py", from(1, "", "nothing"), Missing),
        // A regular package wins over a namespace folder found before it, and its
        // submodules are looked for in its own folder only.
        ("app/main.py", plain("lib"), File("src/lib/__init__.py")),
        (
            "app/main.py",
            from(0, "lib", "x"),
            File("src/lib/__init__.py"),
        ),
        ("app/main.py", plain("lib.x"), Missing),
    ]);
}

#[test]
fn modules_found_nowhere_are_external_unless_the_project_hides_their_package() {
    use Want::*;
    check(&[
        ("app/main.py", plain("requests"), External),
        ("app/main.py", plain("os.path"), External),
        ("app/main.py", from(0, "os", "path"), External),
        (
            "app/main.py",
            from(0, "requests.adapters", "HTTPAdapter"),
            External,
        ),
        ("scripts/run.py", plain("json"), External),
        // The project's `app` and `email.py` hide any installed package of those names.
        ("app/main.py", plain("app.nothere"), Missing),
        ("app/main.py", from(0, "app.nothere", "x"), Missing),
        ("scripts/run.py", plain("email.mime"), Missing),
        ("scripts/run.py", plain("email"), File("email.py")),
    ]);
}

#[test]
fn dynamic_imports_stay_dynamic() {
    let table = table();
    let facts = facts(&table);
    let r = Resolver::new(&table, &facts);
    let at = table.find(&path("app/main.py")).unwrap();
    let dynamic = Import {
        range: 0..0,
        specifier: Specifier::Dynamic,
        bindings: vec![],
        reexport: false,
        type_only: false,
    };
    assert_eq!(r.resolve(at, &dynamic), Resolution::Dynamic);
}

#[test]
fn a_parsed_project_s_imports_become_graph_edges() {
    let texts = [
        (
            "app/main.py",
            "from . import client, config\nfrom .api import v2, Session\nimport requests\n\ndef f(name):\n    return importlib.import_module(name)\n",
        ),
        ("app/client.py", "import app.config\n"),
        ("app/config.py", "BASE_URL = 'https://api.flexy.com/v2'\n"),
        ("app/api/__init__.py", "from .v2 import get\nSession = object\n"),
        ("app/api/v2.py", "from .. import client\n"),
    ];
    let files: Vec<(PathBuf, Lang)> = texts.iter().map(|(p, _)| (path(p), Lang::Python)).collect();
    let table = FileTable::from_parts(Path::new(ROOT), &files, vec![]);
    let facts: Vec<Option<ModuleFacts>> = texts
        .iter()
        .map(|(_, text)| {
            let source = Source::parse(Lang::Python, text.to_string()).unwrap();
            Some(crate::project::facts_of(&source))
        })
        .collect();
    let graph = ModuleGraph::build(&table, &facts);
    let id = |p: &str| table.find(&path(p)).unwrap();
    let main: Vec<Resolution> = graph.edges[id("app/main.py").0 as usize]
        .iter()
        .map(|e| e.to.clone())
        .collect();
    assert_eq!(
        main,
        [
            Resolution::File(id("app/client.py")),
            Resolution::File(id("app/config.py")),
            Resolution::File(id("app/api/v2.py")),
            Resolution::File(id("app/api/__init__.py")),
            Resolution::External,
            Resolution::Dynamic,
        ]
    );
    assert_eq!(
        graph.imports(id("app/client.py")).collect::<Vec<_>>(),
        [id("app/config.py")]
    );
    let mut dependents = graph.dependents[id("app/client.py").0 as usize].clone();
    dependents.sort();
    assert_eq!(dependents, [id("app/main.py"), id("app/api/v2.py")]);
    // `app/api/__init__.py` imports `v2`, which imports `client`; no cycle.
    assert_eq!(
        graph.imports(id("app/api/__init__.py")).collect::<Vec<_>>(),
        [id("app/api/v2.py")]
    );
}
