; Header entries. The key's name is checked in code (any case).
; {"authorization": key}
(pair key: (string) @key.quoted value: (_) @value)
; session.headers["authorization"] = key
(assignment left: (subscript subscript: (string) @key.quoted) right: (_) @value)
; req.add_header("authorization", key), headers.setdefault(...), putheader(...)
(call
  function: (attribute attribute: (identifier) @method)
  arguments: (argument_list . (string) @key.quoted . (_) @value)
  (#any-of? @method "add_header" "putheader" "setdefault" "set" "add_unredirected_header"))
