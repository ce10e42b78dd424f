; Every string literal; the analysis climbs from each to its string expression.
[(string) (template_string)] @string
