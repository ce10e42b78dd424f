; Every string literal (plain, f-string, raw); the analysis climbs to its string expression.
(string) @string
