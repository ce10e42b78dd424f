;; Import and export syntax (Purpose::Modules): see src/lang/module.rs.
;; Python has no export syntax: a module offers its module-level names (@declaration),
;; filtered by `__all__` (@all) for `from m import *`. Each import match below is one
;; imported module or name; src/lang/python/modules.rs lowers them.

; import a.b.c
(import_statement
  name: (dotted_name) @source) @import

; import a.b as c
(import_statement
  name: (aliased_import
    name: (dotted_name) @source
    alias: (identifier) @local)) @import

; from a.b import x / from . import x / from ..pkg.mod import X
(import_from_statement
  module_name: (_) @source
  name: (dotted_name) @imported) @import

; from a.b import x as y
(import_from_statement
  module_name: (_) @source
  name: (aliased_import
    name: (dotted_name) @imported
    alias: (identifier) @local)) @import

; from a.b import *
(import_from_statement
  module_name: (_) @source
  (wildcard_import) @all) @import

; importlib.import_module(expr), import_module(expr), __import__(expr)
(call
  function: [(identifier) (attribute)] @dynamic
  arguments: (argument_list
    .
    (_) @source)
  (#any-of? @dynamic "importlib.import_module" "import_module" "__import__")) @import

; __all__ = [...] / (...), and __all__ += [...] (any other value makes it unknown)
(module
  (expression_statement
    (assignment
      left: (identifier) @declaration
      right: (_) @all)
    (#eq? @declaration "__all__")))
(module
  (expression_statement
    (augmented_assignment
      left: (identifier) @declaration
      right: (_) @all)
    (#eq? @declaration "__all__")))

; Definitions and assigned names (the lowering keeps the module-level ones).
(function_definition
  name: (identifier) @declaration)
(class_definition
  name: (identifier) @declaration)
(assignment
  left: (identifier) @declaration
  right: (_))
(assignment
  left: [(pattern_list (identifier) @declaration) (tuple_pattern (identifier) @declaration)]
  right: (_))
