; Header entries. The key's name is checked in code (any case).
; ['authorization' => $k]
(array_element_initializer . [(string) (encapsed_string)] @key.quoted . (_) @value)
; $headers['authorization'] = $k
(assignment_expression
  left: (subscript_expression [(string) (encapsed_string)] @key.quoted)
  right: (_) @value)
; $request->withHeader('Authorization', $k), ->setHeader(...), ->header(...)
(member_call_expression
  name: (name) @method
  arguments: (arguments . (argument [(string) (encapsed_string)] @key.quoted) . (argument (_) @value))
  (#any-of? @method "withHeader" "withAddedHeader" "setHeader" "header" "addHeader" "set"))
