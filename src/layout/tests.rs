use super::*;

#[test]
fn line_endings_follow_the_line() {
    let t = "a\r\nb\nc";
    assert_eq!(line_ending(t, 0), "\r\n");
    assert_eq!(line_ending(t, 3), "\n");
    // The last line has none: the one before it counts.
    assert_eq!(line_ending(t, 6), "\n");
    assert_eq!(line_ending("x = 1\r\ny", 8), "\r\n");
    assert_eq!(line_ending("no break", 3), "\n");
    assert_eq!(with_line_ending("a\nb\r\nc\n", "\r\n"), "a\r\nb\r\nc\r\n");
    assert_eq!(with_line_ending("a\nb", "\n"), "a\nb");
}

#[test]
fn indentation_unit() {
    assert_eq!(indent_unit("a {\n    b {\n        c\n    }\n}\n"), "    ");
    assert_eq!(indent_unit("a {\n  b {\n    c\n  }\n}\n"), "  ");
    assert_eq!(indent_unit("a {\n\tb {\n\t\tc\n\t}\n}\n"), "\t");
    // A doc comment's ` * ` lines are no unit.
    assert_eq!(
        indent_unit("/**\n * doc\n */\nclass A {\n    m() {\n        x();\n    }\n}\n"),
        "    "
    );
    assert_eq!(indent_unit("flat();\n"), "    ");
    assert_eq!(line_indent("  if (x) return y;", 10), "  ");
    assert!(starts_line("a\n   b", 5));
    assert!(!starts_line("a; b", 3));
}
