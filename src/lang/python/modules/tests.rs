use crate::lang::module::{Imported, ModuleFacts, Specifier};
use crate::lang::Lang;
use crate::source::Source;

fn facts(text: &str) -> ModuleFacts {
    let source = Source::parse(Lang::Python, text.to_string()).unwrap();
    crate::project::facts_of(&source)
}

fn dotted(level: u32, module: &str) -> Specifier {
    Specifier::Dotted {
        level,
        module: module.to_string(),
    }
}

fn name(n: &str) -> Imported {
    Imported::Name(n.to_string())
}

/// One import as the tables write it: its specifier and its bindings (imported, local).
type Row = (Specifier, Vec<(Imported, Option<String>)>);

fn imports(text: &str) -> Vec<Row> {
    facts(text)
        .imports
        .into_iter()
        .map(|i| {
            let bindings = i
                .bindings
                .into_iter()
                .map(|b| (b.imported, b.local))
                .collect();
            (i.specifier, bindings)
        })
        .collect()
}

fn row(specifier: Specifier, bindings: &[(Imported, Option<&str>)]) -> Row {
    let bindings = bindings
        .iter()
        .map(|(i, l)| (i.clone(), l.map(str::to_string)))
        .collect();
    (specifier, bindings)
}

#[test]
fn every_import_statement_form_is_lowered() {
    use Imported::{All, Module};
    let table: Vec<(&str, Vec<Row>)> = vec![
        (
            "import a.b.c\n",
            vec![row(dotted(0, "a.b.c"), &[(Module, Some("a"))])],
        ),
        (
            "import a.b as c\n",
            vec![row(dotted(0, "a.b"), &[(Module, Some("c"))])],
        ),
        (
            "import os, sys as system\n",
            vec![
                row(dotted(0, "os"), &[(Module, Some("os"))]),
                row(dotted(0, "sys"), &[(Module, Some("system"))]),
            ],
        ),
        (
            "import a . b\n",
            vec![row(dotted(0, "a.b"), &[(Module, Some("a"))])],
        ),
        (
            "from a.b import x, y as z\n",
            vec![
                row(dotted(0, "a.b"), &[(name("x"), Some("x"))]),
                row(dotted(0, "a.b"), &[(name("y"), Some("z"))]),
            ],
        ),
        (
            "from . import x\n",
            vec![row(dotted(1, ""), &[(name("x"), Some("x"))])],
        ),
        (
            "from ..pkg.mod import X\n",
            vec![row(dotted(2, "pkg.mod"), &[(name("X"), Some("X"))])],
        ),
        (
            "from .. import (a,\n    b as c,\n)\n",
            vec![
                row(dotted(2, ""), &[(name("a"), Some("a"))]),
                row(dotted(2, ""), &[(name("b"), Some("c"))]),
            ],
        ),
        (
            "from ...deep import thing\n",
            vec![row(dotted(3, "deep"), &[(name("thing"), Some("thing"))])],
        ),
        (
            "from x import *\n",
            vec![row(dotted(0, "x"), &[(All, None)])],
        ),
        (
            "from .client import *\n",
            vec![row(dotted(1, "client"), &[(All, None)])],
        ),
        (
            "def f():\n    import json\n    from .lazy import thing\n    return json, thing\n",
            vec![
                row(dotted(0, "json"), &[(Module, Some("json"))]),
                row(dotted(1, "lazy"), &[(name("thing"), Some("thing"))]),
            ],
        ),
        (
            "try:\n    import simplejson as json\nexcept ImportError:\n    import json\n",
            vec![
                row(dotted(0, "simplejson"), &[(Module, Some("json"))]),
                row(dotted(0, "json"), &[(Module, Some("json"))]),
            ],
        ),
        (
            "class A:\n    def m(self):\n        from pkg.client import FlexyClient\n",
            vec![row(
                dotted(0, "pkg.client"),
                &[(name("FlexyClient"), Some("FlexyClient"))],
            )],
        ),
        // `__future__` is no module to load.
        (
            "from __future__ import annotations\nimport a\n",
            vec![row(dotted(0, "a"), &[(Module, Some("a"))])],
        ),
    ];
    for (text, expected) in table {
        assert_eq!(imports(text), expected, "{text}");
    }
}

#[test]
fn an_import_s_range_is_its_statement_and_each_name_of_one_statement_shares_it() {
    let text = "x = 1\nfrom .api import (get,\n    post)\nimport os\n";
    let f = facts(text);
    let ranges: Vec<&str> = f.imports.iter().map(|i| &text[i.range.clone()]).collect();
    assert_eq!(
        ranges,
        [
            "from .api import (get,\n    post)",
            "from .api import (get,\n    post)",
            "import os",
        ]
    );
    assert!(f.imports.iter().all(|i| !i.reexport && !i.type_only));
}

#[test]
fn dynamic_imports_are_dotted_with_a_literal_and_dynamic_without() {
    use Imported::Module;
    let table: Vec<(&str, Vec<Row>)> = vec![
        (
            "import importlib\nm = importlib.import_module('pkg.client')\n",
            vec![
                row(dotted(0, "importlib"), &[(Module, Some("importlib"))]),
                row(dotted(0, "pkg.client"), &[(Module, Some("m"))]),
            ],
        ),
        (
            "importlib.import_module(name)\n",
            vec![row(Specifier::Dynamic, &[])],
        ),
        (
            "m = importlib.import_module(f'plugins.{name}')\n",
            vec![row(Specifier::Dynamic, &[])],
        ),
        (
            "m = import_module('plugins.' + name)\n",
            vec![row(Specifier::Dynamic, &[])],
        ),
        (
            "os = __import__('os')\n",
            vec![row(dotted(0, "os"), &[(Module, Some("os"))])],
        ),
        // `__import__("a.b")` returns `a`: the module is named, nothing is bound to it.
        ("x = __import__('a.b')\n", vec![row(dotted(0, "a.b"), &[])]),
        ("__import__(name)\n", vec![row(Specifier::Dynamic, &[])]),
        (
            "p = import_module('.plugins', __package__)\n",
            vec![row(dotted(1, "plugins"), &[(Module, Some("p"))])],
        ),
        (
            "import_module('..x', package='pkg.sub')\n",
            vec![row(dotted(0, "pkg.x"), &[])],
        ),
        (
            "import_module('.x', 'pkg')\n",
            vec![row(dotted(0, "pkg.x"), &[])],
        ),
        // A relative name without a package raises at run time; the package may be
        // anything when it is computed.
        ("import_module('.x')\n", vec![row(Specifier::Dynamic, &[])]),
        (
            "import_module('.x', package=pkg)\n",
            vec![row(Specifier::Dynamic, &[])],
        ),
        // Other objects' `import_module` methods are not imports.
        ("loader.import_module('x')\n", vec![]),
    ];
    for (text, expected) in table {
        assert_eq!(imports(text), expected, "{text}");
    }
    let text = "def load(n):\n    return importlib.import_module(n)\n";
    let f = facts(text);
    assert_eq!(
        &text[f.imports[0].range.clone()],
        "importlib.import_module(n)"
    );
}

#[test]
fn imports_under_type_checking_are_type_only() {
    let text = "\
from typing import TYPE_CHECKING
import typing
if TYPE_CHECKING:
    from .client import Client
else:
    from .stub import Client
if typing.TYPE_CHECKING:
    import pkg.types
if DEBUG:
    import pdb
";
    let f = facts(text);
    let found: Vec<(String, bool)> = f
        .imports
        .iter()
        .map(|i| match &i.specifier {
            Specifier::Dotted { module, .. } => (module.clone(), i.type_only),
            other => panic!("{other:?}"),
        })
        .collect();
    let expected = [
        ("typing", false),
        ("typing", false),
        ("client", true),
        ("stub", false),
        ("pkg.types", true),
        ("pdb", false),
    ];
    assert_eq!(
        found,
        expected.map(|(m, t)| (m.to_string(), t)).to_vec(),
        "{text}"
    );
}

#[test]
fn declarations_are_the_module_level_definitions_and_assigned_names() {
    let text = "\
import os
from .base import Base
BASE_URL = \"https://api.flexy.com/v2\"
client = FlexyClient(BASE_URL)
TIMEOUT: int = 30
RETRIES: int
a, b = 1, 2
(c, d) = 3, 4
x = y = 0
x = 5
counter += 1
def get_balance():
    local = 1
    return local
@decorator
def wrapped():
    pass
class Api(Base):
    attr = 1
    def method(self):
        inner = 2
async def fetch():
    pass
try:
    from fast import Thing
except ImportError:
    Thing = None
if DEBUG:
    LEVEL = 1
else:
    def LEVEL_OF(): pass
with open(p) as fh:
    DATA = fh.read()
f = lambda: 0
__all__ = [\"client\", \"get_balance\"]
";
    let f = facts(text);
    assert_eq!(
        f.declarations,
        [
            "BASE_URL",
            "client",
            "TIMEOUT",
            "a",
            "b",
            "c",
            "d",
            "x",
            "y",
            "get_balance",
            "wrapped",
            "Api",
            "fetch",
            "Thing",
            "LEVEL",
            "LEVEL_OF",
            "DATA",
            "f",
            "__all__",
        ]
    );
    assert_eq!(f.all, Some(vec!["client".into(), "get_balance".into()]));
    assert!(f.exports.is_empty());
    assert_eq!(f.namespace, None);
    assert_eq!(f.imports.len(), 3);
}

#[test]
fn dunder_all_is_known_only_as_literal_strings() {
    let some = |names: &[&str]| Some(names.iter().map(|n| n.to_string()).collect::<Vec<_>>());
    let table: Vec<(&str, Option<Vec<String>>)> = vec![
        ("__all__ = (\"a\", 'b')\n", some(&["a", "b"])),
        (
            "__all__ = [\n    \"a\",  # the client\n    \"b\",\n]\n",
            some(&["a", "b"]),
        ),
        ("__all__ = []\n", some(&[])),
        ("__all__: list[str] = [\"a\"]\n", some(&["a"])),
        ("__all__ = [\"a\"]\n__all__ += [\"b\"]\n", some(&["a", "b"])),
        ("__all__ = [\"a\"]\n__all__ = [\"b\"]\n", some(&["b"])),
        ("__all__ = []\n__all__ += client.__all__\n", None),
        ("__all__ = [n for n in dir()]\n", None),
        ("__all__ = [\"a\", PREFIX + \"b\"]\n", None),
        ("__all__ = [f\"{x}\"]\n", None),
        ("__all__ += [\"b\"]\n", None),
        ("x = 1\n", None),
        ("def f():\n    __all__ = [\"x\"]\n", None),
    ];
    for (text, expected) in table {
        assert_eq!(facts(text).all, expected, "{text}");
    }
}
