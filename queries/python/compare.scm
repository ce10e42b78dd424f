(comparison_operator (_) @left ["==" "!="] (_) @right) @compare
; r.get("error") in ("NO-BALANCE", "DUPLICATED-REF")
(comparison_operator
  (_) @subject
  "in"
  [(tuple (string) @candidate) (list (string) @candidate) (set (string) @candidate)]) @membership
(match_statement
  subject: (_) @subject
  body: (block (case_clause (case_pattern (string) @case)))) @switch
(match_statement
  subject: (_) @subject
  body: (block (case_clause (case_pattern (union_pattern (string) @case))))) @switch
