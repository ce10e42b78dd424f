; Field reads: x.f, x?.f, x["f"].
(member_expression object: (_) @object property: (property_identifier) @field) @read
(subscript_expression object: (_) @object index: (string) @field.string) @read
