use std::path::{Path, PathBuf};

use super::super::{Resolution, Resolver};
use crate::lang::module::ModuleFacts;
use crate::lang::Lang;
use crate::project::files::{FileId, FileTable};
use crate::project::{facts_of, ModuleGraph};
use crate::source::Source;

const COMPOSER: &str = r#"{
    "name": "acme/app",
    "autoload": { "psr-4": { "App\\": "src/" } },
    "autoload-dev": { "psr-4": { "Tests\\": ["tests/", "more-tests/"] } }
}"#;

/// The project: each file's path under `/p` and its text (`None`: not read).
fn project() -> Vec<(&'static str, Option<&'static str>)> {
    vec![
        (
            "index.php",
            Some(
                "<?php
require __DIR__ . '/lib/util.php';
require_once(dirname(__FILE__) . '/lib/util.php');
require 'lib/util.php';
include 'header.php';
include 'partials/footer.php';
include 'x.php';
require __DIR__ . '/nope.php';
require __DIR__ . '/vendor/autoload.php';
require '../../outside.php';
require $file;
require BASE . 'x.php';
",
            ),
        ),
        ("bootstrap.php", Some("<?php\n$client = 1;\n")),
        ("lib/util.php", Some("<?php\nfunction util() {}\n")),
        ("templates/partials/header.php", Some("<?php\n")),
        ("templates/partials/footer.php", Some("<?php\n")),
        ("a/x.php", Some("<?php\n")),
        ("b/x.php", Some("<?php\n")),
        (
            "public/index.php",
            Some(
                "<?php
require dirname(__DIR__) . '/config/app.php';
require 'bootstrap.php';
require __DIR__ . '/../vendor/autoload.php';
use App\\Lib\\Client;
use app\\lib\\CLIENT as Same;
use function App\\Lib\\helper;
use App\\Lib\\{Client as C, Errors\\FlexyError as FE};
use App\\Lib\\Unread;
use App\\Lib\\Gone;
use GuzzleHttp\\Client as Http;
use Exception;
use Shared\\Thing;
use Shared\\Gone as SharedGone;
use App\\Dup\\Twice;
use Tests\\Unit\\ClientTest;
",
            ),
        ),
        ("config/app.php", Some("<?php\nreturn [];\n")),
        // Same basenames elsewhere: the folder and the root come first.
        ("templates/bootstrap.php", Some("<?php\n")),
        ("legacy/helpers.php", Some("<?php\n")),
        (
            "src/Lib/Client.php",
            Some(
                "<?php
namespace App\\Lib;
require 'helpers.php';
require dirname(__FILE__) . '/../../lib/util.php';
class Client {}
",
            ),
        ),
        (
            "src/Lib/helpers.php",
            Some("<?php\nnamespace App\\Lib;\nfunction helper() {}\n"),
        ),
        (
            "src/Lib/Errors/FlexyError.php",
            Some("<?php\nnamespace App\\Lib\\Errors;\nclass FlexyError extends \\Exception {}\n"),
        ),
        ("src/Lib/Unread.php", None),
        (
            "src/Shared/One.php",
            Some("<?php\nnamespace Shared;\nclass Thing {}\n"),
        ),
        (
            "legacy/Thing.php",
            Some("<?php\nnamespace Shared { class Thing {} }\n"),
        ),
        (
            "src/Dup/Twice.php",
            Some("<?php\nnamespace App\\Dup;\nclass Twice {}\n"),
        ),
        (
            "legacy/Twice.php",
            Some("<?php\nnamespace App\\Dup;\nclass Twice {}\n"),
        ),
        ("more-tests/Unit/ClientTest.php", None),
    ]
}

struct Fixture {
    table: FileTable,
    facts: Vec<Option<ModuleFacts>>,
}

fn fixture() -> Fixture {
    let root = Path::new("/p");
    let files = project();
    let paths: Vec<(PathBuf, Lang)> = files
        .iter()
        .map(|(p, _)| (root.join(p), Lang::Php))
        .collect();
    let table = FileTable::from_parts(
        root,
        &paths,
        vec![(root.join("composer.json"), COMPOSER.to_string())],
    );
    let facts = files
        .iter()
        .map(|(_, text)| {
            text.map(|t| facts_of(&Source::parse(Lang::Php, t.to_string()).expect("parses")))
        })
        .collect();
    Fixture { table, facts }
}

impl Fixture {
    fn id(&self, path: &str) -> FileId {
        self.table.find(&Path::new("/p").join(path)).expect(path)
    }

    /// Where each import of `file` leads: a path under the root, or the resolution.
    fn resolved(&self, file: &str) -> Vec<String> {
        let r = Resolver::new(&self.table, &self.facts);
        let from = self.id(file);
        let facts = self.facts[from.0 as usize].as_ref().expect("read");
        facts
            .imports
            .iter()
            .map(|i| match r.resolve(from, i) {
                Resolution::File(id) => {
                    let p = self.table.path(id).strip_prefix("/p").expect("inside");
                    p.to_string_lossy().into_owned()
                }
                other => format!("{other:?}"),
            })
            .collect()
    }
}

#[test]
fn includes_resolve_by_folder_root_and_unique_ending() {
    let f = fixture();
    assert_eq!(
        f.resolved("index.php"),
        [
            "lib/util.php",                  // __DIR__ . '/lib/util.php'
            "lib/util.php",                  // dirname(__FILE__) . '/lib/util.php'
            "lib/util.php",                  // plain relative
            "templates/partials/header.php", // basename, unique
            "templates/partials/footer.php", // the path's ending, unique
            "Missing",                       // x.php: two files end so
            "Missing",                       // __DIR__ . '/nope.php'
            "External",                      // Composer's vendor folder
            "External",                      // outside the root
            "Dynamic",                       // $file
            "Dynamic",                       // BASE . 'x.php'
        ]
    );
}

#[test]
fn includes_from_a_subfolder_go_up_and_fall_back_to_the_root() {
    let f = fixture();
    assert_eq!(
        f.resolved("src/Lib/Client.php"),
        ["src/Lib/helpers.php", "lib/util.php"]
    );
    let public = f.resolved("public/index.php");
    assert_eq!(
        public[..3],
        ["config/app.php", "bootstrap.php", "External"],
        "dirname(__DIR__), root-relative, vendor"
    );
}

#[test]
fn use_resolves_through_the_declarations_then_psr4() {
    let f = fixture();
    let public = f.resolved("public/index.php");
    assert_eq!(
        public[3..],
        [
            "src/Lib/Client.php",             // use App\Lib\Client
            "src/Lib/Client.php",             // names ignore case
            "src/Lib/helpers.php",            // use function
            "src/Lib/Client.php",             // group use
            "src/Lib/Errors/FlexyError.php",  // group use, sub-namespace
            "src/Lib/Unread.php",             // psr-4 (the file was not read)
            "Missing",                        // App\Lib\Gone: a psr-4 prefix
            "External",                       // GuzzleHttp\Client: a vendor's
            "External",                       // Exception: PHP's own
            "Missing",                        // Shared\Thing: declared twice
            "Missing",                        // Shared\Gone: a project namespace
            "src/Dup/Twice.php",              // declared twice, psr-4 breaks the tie
            "more-tests/Unit/ClientTest.php", // autoload-dev, second folder
        ]
    );
}

#[test]
fn without_composer_json_a_vendor_name_is_external_and_a_declared_one_resolves() {
    let root = Path::new("/q");
    let texts = [
        "<?php\nuse App\\Client;\nuse App\\Missing;\nuse Vendor\\Thing;\n",
        "<?php\nnamespace App;\nclass Client {}\n",
    ];
    let table = FileTable::from_parts(
        root,
        &[
            (root.join("main.php"), Lang::Php),
            (root.join("Client.php"), Lang::Php),
        ],
        Vec::new(),
    );
    let facts: Vec<Option<ModuleFacts>> = texts
        .iter()
        .map(|t| Some(facts_of(&Source::parse(Lang::Php, t.to_string()).unwrap())))
        .collect();
    let r = Resolver::new(&table, &facts);
    let main = facts[0].as_ref().unwrap();
    let got: Vec<Resolution> = main
        .imports
        .iter()
        .map(|i| r.resolve(FileId(0), i))
        .collect();
    assert_eq!(
        got,
        [
            Resolution::File(FileId(1)),
            Resolution::Missing,
            Resolution::External
        ]
    );
}

#[test]
fn the_graph_links_includes_and_uses() {
    let f = fixture();
    let graph = ModuleGraph::build(&f.table, &f.facts);
    let client = f.id("src/Lib/Client.php");
    let mut dependents: Vec<&Path> = graph.dependents[client.0 as usize]
        .iter()
        .map(|id| f.table.path(*id))
        .collect();
    dependents.sort();
    assert_eq!(dependents, [Path::new("/p/public/index.php")]);
    let util = f.id("lib/util.php");
    let mut dependents: Vec<&Path> = graph.dependents[util.0 as usize]
        .iter()
        .map(|id| f.table.path(*id))
        .collect();
    dependents.sort();
    assert_eq!(
        dependents,
        [
            Path::new("/p/index.php"),
            Path::new("/p/src/Lib/Client.php")
        ]
    );
}
