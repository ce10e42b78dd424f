;; Import and export syntax (Purpose::Modules): see src/lang/module.rs. TypeScript reads
;; queries/javascript/modules.scm first; these are its own forms.

;; import type x from "m"; import type {A} from "m"; import type * as ns from "m"
(import_statement "type" @type) @import

;; export type {A} from "m"
(export_statement "type" @type source: (_)) @import

;; import x = require("m")
(import_statement
  (import_require_clause (identifier) @local source: (_) @source)) @import

;; export = <expr>
(export_statement "=" (_) @default) @export

;; Top-level declarations TypeScript adds: abstract classes and enums.
(program [(abstract_class_declaration) (enum_declaration)] @declaration)
