; Header entries. The key's name is checked in code (any case).
(pair key: (property_identifier) @key.bare value: (_) @value)
(pair key: (string) @key.quoted value: (_) @value)
(object (shorthand_property_identifier) @key.shorthand)
(assignment_expression
  left: (member_expression property: (property_identifier) @key.member)
  right: (_) @value)
(assignment_expression
  left: (subscript_expression index: (string) @key.quoted)
  right: (_) @value)
; headers.set("authorization", k), headers.append(...), res.setHeader(...)
(call_expression
  function: (member_expression property: (property_identifier) @method)
  arguments: (arguments . (string) @key.quoted . (_) @value)
  (#any-of? @method "set" "append" "setHeader" "header" "setRequestHeader"))
; new Headers([["authorization", k]])
(array . (string) @key.quoted . (_) @value .)
