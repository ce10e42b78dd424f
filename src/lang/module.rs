//! What a file imports and exports, as its own syntax says: the neutral facts each language
//! lowers its import and export syntax to (`queries/<lang>/modules.scm`, then
//! [`super::Semantics::module_facts`]). The project layer resolves them to files
//! (`crate::project`); nothing here touches the file system.

use std::ops::Range;

/// How an import names the module it loads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Specifier {
    /// A path or package as written: `"./client"`, `"../lib/flexy.js"`, `"axios"`,
    /// `"@/lib/api"` (JavaScript); a PHP include of a literal path (`'src/Client.php'`).
    Path(String),
    /// A PHP include relative to the including file's own folder: `__DIR__ . '/x.php'`,
    /// `dirname(__FILE__) . '/x.php'` (the text after the folder, with its leading `/`).
    HereRelative(String),
    /// Python: `level` leading dots (0: absolute) and the dotted module after them
    /// (`from ..pkg.mod import X` is `{ level: 2, module: "pkg.mod" }`; `from . import x`
    /// is `{ level: 1, module: "" }`).
    Dotted { level: u32, module: String },
    /// PHP: a fully qualified class or function name (`use App\Lib\Client;` gives
    /// `App\Lib\Client`, without a leading `\`).
    Qualified(String),
    /// A module computed at run time: `require(name)`, `import(expr)`, `include $file`.
    Dynamic,
}

/// What an import takes from the module.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Imported {
    /// The module itself: `import * as ns`, `const m = require("m")`, `import a.b` (Python),
    /// a PHP include or `use` of a class (the class is the module).
    Module,
    /// The default export: `import x from "m"`, `const { default: x } = require("m")`.
    Default,
    /// One name the module exports: `import { a }`, `const { a } = require("m")`,
    /// `require("m").a`, `from m import a`.
    Name(String),
    /// Every public name: `from m import *`, `export * from "m"`.
    All,
}

/// One name an import binds in the importing file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Binding {
    pub imported: Imported,
    /// The local name (`b` in `import { a as b }`); `None` when nothing is bound locally
    /// (`import "./setup"`, `export * from`, an include).
    pub local: Option<String>,
}

/// One import.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Import {
    /// The import statement or call.
    pub range: Range<usize>,
    pub specifier: Specifier,
    pub bindings: Vec<Binding>,
    /// Re-exported as it is imported (`export { a } from "m"`, `export * from "m"`): the
    /// bindings' local names are export names.
    pub reexport: bool,
    /// Types only (`import type`, `export type ... from`): no value crosses.
    pub type_only: bool,
}

/// One name a module offers its importers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Export {
    /// The export statement or assignment.
    pub range: Range<usize>,
    /// The name importers use; `None` for the default export (`export default`,
    /// `module.exports = x`).
    pub name: Option<String>,
    /// The module-level name it exports, when it is one (`a` in `export { a as b }`,
    /// `module.exports = { b: a }`, `export default a`).
    pub local: Option<String>,
}

/// What one file says about modules.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ModuleFacts {
    pub imports: Vec<Import>,
    /// JavaScript's exports. A Python or PHP module offers its top-level declarations
    /// instead (see `declarations`).
    pub exports: Vec<Export>,
    /// PHP: the file's namespace (`App\Lib`), which its top-level declarations are in.
    pub namespace: Option<String>,
    /// The top-level names the module declares: classes and functions (PHP, Python, JS),
    /// and module-level assignments (Python, JS).
    pub declarations: Vec<String>,
    /// Python `__all__`, when the module sets it to a literal list of strings.
    pub all: Option<Vec<String>>,
}
