use crate::lang::module::{Binding, Imported, ModuleFacts, Specifier};
use crate::lang::Lang;
use crate::project::facts_of;
use crate::source::Source;

fn facts(text: &str) -> ModuleFacts {
    let source = Source::parse(Lang::Php, text.to_string()).expect("parses");
    facts_of(&source)
}

fn here(rest: &str) -> Specifier {
    Specifier::HereRelative(rest.to_string())
}

fn path(p: &str) -> Specifier {
    Specifier::Path(p.to_string())
}

#[test]
fn includes_lower_to_paths_folder_relative_paths_or_dynamic() {
    let table: &[(&str, Specifier)] = &[
        ("require 'src/Client.php';", path("src/Client.php")),
        ("require_once('src/Client.php');", path("src/Client.php")),
        ("include \"lib/x.php\";", path("lib/x.php")),
        ("include_once ('lib/x.php');", path("lib/x.php")),
        ("require __DIR__ . '/x.php';", here("/x.php")),
        ("require_once(__DIR__ . '/lib/x.php');", here("/lib/x.php")),
        ("require_once __DIR__ . \"/x.php\";", here("/x.php")),
        ("include dirname(__FILE__) . '/x.php';", here("/x.php")),
        (
            "require dirname(__DIR__) . '/lib/x.php';",
            here("/../lib/x.php"),
        ),
        (
            "require dirname(__FILE__, 2) . '/x.php';",
            here("/../x.php"),
        ),
        (
            "require dirname(__DIR__, 2) . '/x.php';",
            here("/../../x.php"),
        ),
        (
            "require dirname(dirname(__FILE__)) . '/x.php';",
            here("/../x.php"),
        ),
        ("require __DIR__ . '/lib' . '/x.php';", here("/lib/x.php")),
        ("require sprintf('%s/x.php', __DIR__);", here("/x.php")),
        ("require /* boot */ 'x.php';", path("x.php")),
        ("require $file;", Specifier::Dynamic),
        ("require BASE . 'x.php';", Specifier::Dynamic),
        ("require __DIR__ . $name;", Specifier::Dynamic),
        ("require __DIR__ . 'x.php';", Specifier::Dynamic),
        ("require __FILE__ . '/x.php';", Specifier::Dynamic),
        ("require dirname($path) . '/x.php';", Specifier::Dynamic),
        ("require \"lib/$name.php\";", Specifier::Dynamic),
    ];
    for (code, want) in table {
        let f = facts(&format!("<?php\n{code}\n"));
        assert_eq!(f.imports.len(), 1, "{code}: {:?}", f.imports);
        let import = &f.imports[0];
        assert_eq!(&import.specifier, want, "{code}");
        assert_eq!(
            import.bindings,
            vec![Binding {
                imported: Imported::Module,
                local: None
            }],
            "{code}"
        );
        assert!(!import.reexport && !import.type_only, "{code}");
    }
}

#[test]
fn an_include_is_found_inside_an_expression_and_its_range_is_the_include() {
    let text = "<?php\n$config = require __DIR__ . '/config.php';\nif (x()) { include 'a.php'; }\n";
    let f = facts(text);
    let got: Vec<(&str, &Specifier)> = f
        .imports
        .iter()
        .map(|i| (&text[i.range.clone()], &i.specifier))
        .collect();
    assert_eq!(
        got,
        vec![
            ("require __DIR__ . '/config.php'", &here("/config.php")),
            ("include 'a.php'", &path("a.php")),
        ]
    );
}

#[test]
fn use_declarations_give_one_import_per_name() {
    let table: &[(&str, &[(&str, &str)])] = &[
        ("use App\\Lib\\Client;", &[("App\\Lib\\Client", "Client")]),
        ("use \\App\\Lib\\Client;", &[("App\\Lib\\Client", "Client")]),
        ("use App\\Lib\\Client as C;", &[("App\\Lib\\Client", "C")]),
        ("use Client;", &[("Client", "Client")]),
        (
            "use function App\\Lib\\helper;",
            &[("App\\Lib\\helper", "helper")],
        ),
        (
            "use const App\\Lib\\LIMIT;",
            &[("App\\Lib\\LIMIT", "LIMIT")],
        ),
        (
            "use App\\A, App\\B as BB;",
            &[("App\\A", "A"), ("App\\B", "BB")],
        ),
        (
            "use App\\Lib\\{Client, Errors\\FlexyError as FE};",
            &[
                ("App\\Lib\\Client", "Client"),
                ("App\\Lib\\Errors\\FlexyError", "FE"),
            ],
        ),
        (
            "use function App\\Lib\\{get, post};",
            &[("App\\Lib\\get", "get"), ("App\\Lib\\post", "post")],
        ),
    ];
    for (code, want) in table {
        let text = format!("<?php\n{code}\n");
        let f = facts(&text);
        let got: Vec<(Specifier, Vec<Binding>)> = f
            .imports
            .iter()
            .map(|i| (i.specifier.clone(), i.bindings.clone()))
            .collect();
        let want: Vec<(Specifier, Vec<Binding>)> = want
            .iter()
            .map(|(q, l)| {
                (
                    Specifier::Qualified(q.to_string()),
                    vec![Binding {
                        imported: Imported::Module,
                        local: Some(l.to_string()),
                    }],
                )
            })
            .collect();
        assert_eq!(got, want, "{code}");
        for i in &f.imports {
            assert_eq!(&text[i.range.clone()], *code, "{code}");
        }
    }
}

#[test]
fn a_trait_use_in_a_class_is_no_import() {
    let f = facts("<?php\nclass A { use Helpers; }\n");
    assert_eq!(f.imports, vec![]);
    assert_eq!(f.declarations, vec!["A".to_string()]);
}

#[test]
fn namespace_and_top_level_declarations() {
    let text = "<?php
namespace App\\Lib;

use GuzzleHttp\\Client as Http;

interface Transport {}
abstract class Client implements Transport {
    public function get() {}
}
trait Retries {}
enum Status: string { case Ok = 'ok'; }
function helper() { function inner() {} }
if (!function_exists('maybe')) { function maybe() {} }
$x = new class {};
";
    let f = facts(text);
    assert_eq!(f.namespace.as_deref(), Some("App\\Lib"));
    assert_eq!(
        f.declarations,
        ["Transport", "Client", "Retries", "Status", "helper"].map(String::from)
    );
    assert_eq!(f.exports, vec![]);
    assert_eq!(f.all, None);
    assert_eq!(
        f.imports.iter().map(|i| &i.specifier).collect::<Vec<_>>(),
        vec![&Specifier::Qualified("GuzzleHttp\\Client".into())]
    );
}

#[test]
fn a_namespace_block_holds_its_declarations() {
    let f = facts("<?php\nnamespace App { class Client {} function f() {} }\n");
    assert_eq!(f.namespace.as_deref(), Some("App"));
    assert_eq!(f.declarations, ["Client", "f"].map(String::from));
}

#[test]
fn a_file_without_namespace_declares_global_names() {
    let f = facts("<?php\nclass Legacy {}\n");
    assert_eq!(f.namespace, None);
    assert_eq!(f.declarations, vec!["Legacy".to_string()]);
    assert_eq!(f.imports, vec![]);
}
