;; Import and export syntax (Purpose::Modules): see src/lang/module.rs.
;;
;; An import is established by a match with @import and @source: the statement of a static
;; import or re-export, or the call of a `require(...)` or `import(...)`. Other matches on
;; the same @import node add its bindings (@default, @namespace, @imported with @local,
;; @all); the lowering (src/lang/javascript/modules.rs) groups them by that node. A match
;; whose @import has no @source anywhere (a declarator whose value is some other call) adds
;; nothing.

;; import "m"; import x from "m"; import {a} from "m"; import * as ns from "m"
(import_statement source: (_) @source) @import

;; import x from "m"
(import_statement (import_clause (identifier) @default)) @import

;; import * as ns from "m"
(import_statement (import_clause (namespace_import (identifier) @namespace))) @import

;; import {a, b as c, default as d, "e-f" as g} from "m"
(import_statement
  (import_clause
    (named_imports
      (import_specifier name: _ @imported alias: _? @local)))) @import

;; export {a as b} from "m"; export * from "m"; export * as ns from "m"
(export_statement source: (_) @source) @import

;; export * from "m"
(export_statement "*" @all source: (_)) @import

;; export * as ns from "m"
(export_statement (namespace_export (_) @namespace) source: (_)) @import

;; export {a, b as c} from "m"
(export_statement
  (export_clause (export_specifier name: _ @imported alias: _? @local))
  source: (_)) @import

;; require("m"), require(`m`), require(expr)
((call_expression
  function: (identifier) @function
  arguments: (arguments . (_) @source)) @import
  (#eq? @function "require"))

;; import("m"), import(expr)
(call_expression
  function: (import)
  arguments: (arguments . (_) @source)) @import

;; const x = require("m"); const {a, b: c} = require("m"); const x = await import("m")
(variable_declarator
  name: (_) @local
  value: [
    (call_expression) @import
    (await_expression (call_expression) @import)
  ])

;; const x = require("m").a; const x = (await import("m")).a
(variable_declarator
  name: (_) @local
  value: (member_expression
    object: [
      (call_expression) @import
      (parenthesized_expression (await_expression (call_expression) @import))
    ]
    property: (property_identifier) @imported))

;; export default <expr>
(export_statement value: (_) @default) @export

;; export function f() {}; export class C {}; export const a = 1, b = 2;
;; export default function f() {} (the lowering reads the `default`)
(export_statement declaration: (_) @declaration) @export

;; export {a, b as c}
(export_statement
  (export_clause (export_specifier name: _ @local alias: _? @exported))
  !source) @export

;; module.exports = <expr>; module.exports = {a, b: c}
((assignment_expression
  left: (member_expression) @module
  right: (_) @default) @export
  (#eq? @module "module.exports"))

;; module.exports.a = <expr>; exports.a = <expr>
((assignment_expression
  left: (member_expression
    object: (_) @module
    property: (property_identifier) @exported)
  right: (_) @local) @export
  (#any-of? @module "module.exports" "exports"))

;; Top-level declarations: function, class, const/let/var.
(program
  [
    (function_declaration)
    (generator_function_declaration)
    (class_declaration)
    (lexical_declaration)
    (variable_declaration)
  ] @declaration)
