use super::*;

fn shown(text: &str, span: Range<usize>) -> (String, String, usize) {
    let (e, s) = Excerpt::around("f".into(), text, span);
    let marked = e.text[s.offset()..s.offset() + s.len()].to_string();
    (e.text, marked, e.first_line)
}

#[test]
fn short_lines_are_kept_whole_with_their_neighbours() {
    let text = "a\nb\nfetch(x)\nc\nd\n";
    let at = text.find("x").unwrap();
    let (t, marked, first) = shown(text, at..at + 1);
    assert_eq!(t, "b\nfetch(x)\nc");
    assert_eq!(marked, "x");
    assert_eq!(first, 1);
}

#[test]
fn a_long_line_is_cut_around_the_span() {
    let text = format!("{}NEEDLE{}\n", "x".repeat(200_000), "é".repeat(200_000));
    let at = 200_000;
    let (t, marked, first) = shown(&text, at..at + 6);
    assert_eq!(marked, "NEEDLE");
    assert_eq!(first, 0);
    // The window, its two marks, and the empty line after the final newline.
    assert_eq!(t.chars().count(), WIDTH + 3, "{t}");
    assert!(t.starts_with('…') && t.ends_with("…\n"), "{t}");
}

#[test]
fn a_span_longer_than_the_window_keeps_its_start() {
    let text = format!("x = \"{}\";", "y".repeat(1_000_000));
    let (t, marked, _) = shown(&text, 4..text.len() - 1);
    assert!(marked.starts_with("\"yyy"), "{marked}");
    assert!(t.len() < 1_000, "{} bytes", t.len());
}

#[test]
fn spans_over_lines_and_at_the_end() {
    let text = "one\n`two\nthree`\nfour";
    let s = text.find('`').unwrap();
    let e = text.rfind('`').unwrap() + 1;
    let (t, marked, first) = shown(text, s..e);
    assert_eq!(t, text);
    assert_eq!(marked, "`two\nthree`");
    assert_eq!(first, 0);
    let (_, marked, _) = shown(text, text.len()..text.len());
    assert_eq!(marked, "");
}
