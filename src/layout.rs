//! The layout of a source text that inserted code must follow: its line ending, its
//! indentation unit, the indentation of a line.
//!
//! Fixes that add lines (a wrapper's unwrap, the error it raises, the braces around a
//! statement that becomes several) build their text with `\n` and the file's unit, then
//! [`with_line_ending`] turns each `\n` into the line ending of the place they land in: a
//! CRLF file stays CRLF, line by line.

/// The line ending of the line holding byte `at` (its own, else the nearest one before):
/// `"\r\n"` or `"\n"` (`"\n"` for a text without line breaks).
pub fn line_ending(src: &str, at: usize) -> &'static str {
    let at = at.min(src.len());
    let next = src[at..].find('\n').map(|i| at + i);
    let nl = next.or_else(|| src[..at].rfind('\n'));
    match nl {
        Some(i) if i > 0 && src.as_bytes()[i - 1] == b'\r' => "\r\n",
        _ => "\n",
    }
}

/// `text` (built with `\n` line breaks) with each bare `\n` written as `eol`.
pub fn with_line_ending(text: &str, eol: &str) -> String {
    if eol == "\n" || !text.contains('\n') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut prev = None;
    for c in text.chars() {
        if c == '\n' && prev != Some('\r') {
            out.push_str(eol);
        } else {
            out.push(c);
        }
        prev = Some(c);
    }
    out
}

/// The indentation (spaces and tabs) at the start of the line holding byte `at`, up to `at`.
pub fn line_indent(src: &str, at: usize) -> String {
    let start = line_start(src, at);
    src[start..at]
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect()
}

/// The byte where the line holding `at` starts.
pub fn line_start(src: &str, at: usize) -> usize {
    src[..at].rfind('\n').map_or(0, |i| i + 1)
}

/// Is byte `at` the first non-blank character of its line?
pub fn starts_line(src: &str, at: usize) -> bool {
    src[line_start(src, at)..at]
        .chars()
        .all(|c| c == ' ' || c == '\t')
}

/// The file's indentation unit: a tab when lines are indented with tabs, else the most
/// common step by which one line's indentation exceeds the line before (four spaces when
/// nothing is indented). Block-comment lines (` * ...`) and blank lines are not counted:
/// their one-space indentation is no unit.
pub fn indent_unit(src: &str) -> String {
    let mut steps = [0usize; 9];
    let mut tabs = 0usize;
    let mut spaces = 0usize;
    let mut prev: Option<usize> = None;
    for line in src.lines() {
        let body = line.trim_start_matches([' ', '\t']);
        if body.is_empty() || body.starts_with('*') {
            continue;
        }
        let lead = &line[..line.len() - body.len()];
        if lead.starts_with('\t') {
            tabs += 1;
        } else if !lead.is_empty() {
            spaces += 1;
        }
        let width = lead.len();
        if let Some(p) = prev {
            if width > p && !lead.contains('\t') {
                steps[(width - p).min(8)] += 1;
            }
        }
        prev = Some(width);
    }
    if tabs > spaces {
        return "\t".into();
    }
    // The most common step of 2 to 8 spaces (a one-space step is an alignment).
    let best = (2..=8)
        .max_by_key(|&n| (steps[n], std::cmp::Reverse(n)))
        .filter(|&n| steps[n] > 0)
        .unwrap_or(4);
    " ".repeat(best)
}

#[cfg(test)]
mod tests;
