; Every string literal; the analysis climbs from each to its string expression.
[(string) (encapsed_string) (heredoc) (nowdoc)] @string
