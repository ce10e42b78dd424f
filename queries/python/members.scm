; Field reads: x["f"], x.f, x.get("f").
(subscript value: (_) @object subscript: (string) @field.string) @read
(attribute object: (_) @object attribute: (identifier) @field) @read
(call
  function: (attribute object: (_) @object attribute: (identifier) @method)
  arguments: (argument_list . (string) @field.get)
  (#eq? @method "get")) @read
