; Field reads: $x['f'], $x->f, $x?->f.
(subscript_expression . (_) @object . [(string) (encapsed_string)] @field.string) @read
(member_access_expression object: (_) @object name: (name) @field) @read
(nullsafe_member_access_expression object: (_) @object name: (name) @field) @read
