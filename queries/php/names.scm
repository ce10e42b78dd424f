; php has no property names outside strings (strings.scm) and field reads (members.scm):
; keys are strings, and keyword/named arguments belong to user code, so nothing is captured.
