;; Import and export syntax (Purpose::Modules): see src/lang/module.rs.

;; include 'x.php'; require_once(__DIR__ . '/x.php'); ...: @import the expression, @source
;; its argument (parentheses included).
(include_expression (_) @source) @import
(include_once_expression (_) @source) @import
(require_expression (_) @source) @import
(require_once_expression (_) @source) @import

;; namespace App\Lib;  namespace App\Lib { ... }
(namespace_definition
  name: (namespace_name) @namespace)

;; use App\Lib\Client;  use App\Lib\Client as C, App\X;  use function App\Lib\helper;
;; One match per name: @imported the clause (its name and alias).
(namespace_use_declaration
  (namespace_use_clause) @imported) @import

;; use App\Lib\{Client, Errors\FlexyError as FE};  @module the common prefix.
(namespace_use_declaration
  (namespace_name) @module
  body: (namespace_use_group
    (namespace_use_clause) @imported)) @import

;; Top-level declarations, in the file or in a namespace block.
(program
  [
    (class_declaration name: (name) @declaration)
    (interface_declaration name: (name) @declaration)
    (trait_declaration name: (name) @declaration)
    (enum_declaration name: (name) @declaration)
    (function_definition name: (name) @declaration)
  ])

(namespace_definition
  body: (compound_statement
    [
      (class_declaration name: (name) @declaration)
      (interface_declaration name: (name) @declaration)
      (trait_declaration name: (name) @declaration)
      (enum_declaration name: (name) @declaration)
      (function_definition name: (name) @declaration)
    ]))
