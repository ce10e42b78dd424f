(binary_expression
  left: (_) @left
  operator: ["===" "==" "!==" "!="]
  right: (_) @right) @compare
(switch_statement
  value: (parenthesized_expression (_) @subject)
  body: (switch_body (switch_case value: (_) @case))) @switch
; ["NO-BALANCE", ...].includes(r.error)
(call_expression
  function: (member_expression
    object: (array (string) @candidate)
    property: (property_identifier) @method)
  arguments: (arguments . (_) @subject .)
  (#eq? @method "includes")) @membership
