(binary_expression
  left: (_) @left
  operator: ["===" "==" "!==" "!=" "<>"]
  right: (_) @right) @compare
(switch_statement
  condition: (parenthesized_expression (_) @subject)
  body: (switch_block (case_statement value: (_) @case))) @switch
(match_expression
  condition: (parenthesized_expression (_) @subject)
  body: (match_block
    (match_conditional_expression
      conditional_expressions: (match_condition_list (_) @case)))) @switch
; in_array($r['error'], ['NO-BALANCE', ...])
(function_call_expression
  function: (name) @function
  arguments: (arguments
    . (argument (_) @subject)
    . (argument (array_creation_expression (array_element_initializer . (_) @candidate .))))
  (#eq? @function "in_array")) @membership
