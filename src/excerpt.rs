//! The source snippet a diagnostic shows: the lines around a span, each cut to a window
//! around it, with the original line numbers.
//!
//! miette prints every line of the context whole and formats it with widths it computes
//! from the line: a minified bundle's one line of megabytes would be printed whole for each
//! finding (a 4.8 MB line gave 14 MB of output), and past column 65,535 or on a line of
//! tens of megabytes its formatting panics. An [`Excerpt`] holds only the few lines shown,
//! each at most about [`WIDTH`] characters, marked with `…` where it was cut, so the work
//! and the output per diagnostic are bounded whatever the file.

use std::ops::Range;

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

/// Lines up to this many characters are shown whole; longer ones are cut to a window of
/// about this many characters around the span.
pub const WIDTH: usize = 160;

/// How many characters of a span that runs past the window are kept.
const SPAN_SHOWN: usize = WIDTH / 2;

/// The lines around a span, cut to a window: a [`SourceCode`] for miette.
#[derive(Debug)]
pub struct Excerpt {
    name: String,
    text: String,
    /// The 0-based number of the first line of `text` in the original.
    first_line: usize,
}

impl SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner = self
            .text
            .read_span(span, context_lines_before, context_lines_after)?;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            inner.line() + self.first_line,
            inner.column(),
            inner.line_count(),
        )))
    }
}

impl Excerpt {
    /// The excerpt of `text` named `name` around the byte range `span` (with a line of
    /// context each side), and the span's place in it.
    pub fn around(name: String, text: &str, span: Range<usize>) -> (Excerpt, SourceSpan) {
        let start = floor(text, span.start.min(text.len()));
        let end = floor(text, span.end.clamp(start, text.len()));
        let line_start = |at: usize| text[..at].rfind('\n').map_or(0, |i| i + 1);
        let line_end = |at: usize| text[at..].find('\n').map_or(text.len(), |i| at + i);
        let first_line_start = line_start(start);
        let last_line_start = line_start(end);
        // The line before and the line after, as miette shows them.
        let from = match first_line_start.checked_sub(1) {
            Some(nl) => line_start(nl),
            None => first_line_start,
        };
        let to = {
            let e = line_end(end);
            if e < text.len() {
                line_end(e + 1)
            } else {
                e
            }
        };
        let first_line = text[..from].bytes().filter(|&b| b == b'\n').count();
        // The window is placed by the span's start; a span that runs past it is cut.
        let column = start - first_line_start;
        let mut out = String::new();
        let mut new_start = 0;
        let mut new_end = 0;
        let mut at = from;
        loop {
            let e = line_end(at);
            let line = &text[at..e];
            let focus = if at == first_line_start {
                start - at
            } else if at == last_line_start && at != first_line_start {
                0
            } else {
                column.min(line.len())
            };
            let (ws, we) = window(line, focus);
            let base = out.len();
            if ws > 0 {
                out.push('…');
            }
            let lead = out.len();
            out.push_str(&line[ws..we]);
            let clipped_end = out.len();
            if we < line.len() {
                out.push('…');
            }
            // Where an original offset lands: inside the window, or at its edge.
            let map = |o: usize| -> usize {
                let o = o - at;
                if o < ws {
                    base
                } else if o > we {
                    clipped_end
                } else {
                    lead + (o - ws)
                }
            };
            if (at..=e).contains(&start) && at == first_line_start {
                new_start = map(start);
            }
            if (at..=e).contains(&end) && at == last_line_start {
                new_end = map(end);
                // A long span on one line: keep its beginning, cut at a char boundary.
                if new_end - new_start > SPAN_SHOWN * 4 {
                    new_end = floor(&out, new_start + SPAN_SHOWN * 4);
                }
            }
            if e >= to {
                break;
            }
            out.push('\n');
            at = e + 1;
        }
        let span = (new_start, new_end.max(new_start) - new_start).into();
        (
            Excerpt {
                name,
                text: out,
                first_line,
            },
            span,
        )
    }
}

/// The byte range of `line` shown when looking at byte `focus`: the whole line when it is
/// short, else about [`WIDTH`] characters starting a little before `focus`.
fn window(line: &str, focus: usize) -> (usize, usize) {
    if line.chars().take(WIDTH + 1).count() <= WIDTH {
        return (0, line.len());
    }
    let focus = floor(line, focus.min(line.len()));
    let before = line[..focus]
        .char_indices()
        .rev()
        .nth(WIDTH / 4 - 1)
        .map_or(0, |(i, _)| i);
    let after = line[before..]
        .char_indices()
        .nth(WIDTH)
        .map_or(line.len(), |(i, _)| before + i);
    (before, after)
}

/// The char boundary at or before `at`.
fn floor(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests;
