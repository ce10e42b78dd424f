;; TypeScript additions to queries/javascript/names.scm (read first).
; Property names of interfaces and object types (`interface R { dymanicPlans: Plan[] }`).
(property_signature name: (property_identifier) @name)
