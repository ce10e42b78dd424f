; Field reads: $x['f'], $x->f, $x?->f.
(subscript_expression . (_) @object . [(string) (encapsed_string)] @field.string) @read
(member_access_expression object: (_) @object name: (name) @field) @read
(nullsafe_member_access_expression object: (_) @object name: (name) @field) @read
; Inside a string, `"$x[f]"` reads the key `f` (a bare name there is a string key).
(encapsed_string (subscript_expression . (variable_name) @object . (name) @field.string) @read)
(heredoc_body (subscript_expression . (variable_name) @object . (name) @field.string) @read)
