//! `human` (miette diagnostics with the source snippet) and `concise` (one line each).

use std::io::{self, Write};

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic};

use super::{located, Render};
use crate::excerpt::{Excerpt, WIDTH};
use crate::outcome::RunResult;

pub struct Human {
    pub concise: bool,
    /// Coloured (see [`super::colour`]).
    pub colour: bool,
}

impl Render for Human {
    fn render(&self, report: &RunResult, out: &mut dyn Write) -> io::Result<()> {
        // miette would print its own `[path:line:col]`, with a column counted in bytes: the
        // source's name carries ours instead (counted in characters, like every format).
        let theme = if self.colour {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        let paint = super::colour::Paint(self.colour);
        let handler = GraphicalReportHandler::new_themed(theme)
            .with_width(100)
            .without_primary_span_start();
        for l in located(&report.files) {
            let f = l.finding;
            let fix_note = match &f.fix {
                Some(x) => format!(" [{} fix]", x.applicability.name()),
                None => String::new(),
            };
            if self.concise {
                writeln!(
                    out,
                    "{}: {} {}{}",
                    paint.bold(&format!("{}:{}:{}", l.file, l.start.0, l.start.1)),
                    paint.red(f.rule.name()),
                    f.message,
                    fix_note
                )?;
                continue;
            }
            // Only the lines around the finding, cut to a window: a minified bundle's one
            // line is not copied or printed whole for each finding.
            let name = format!("{}:{}:{}", l.file, l.start.0, l.start.1);
            let (excerpt, span) = Excerpt::around(name, l.text, f.range.clone());
            let mut diag = MietteDiagnostic::new(f.message.clone())
                .with_code(f.rule.name())
                .with_label(LabeledSpan::new_with_span(Some(f.rule.name().into()), span));
            if let Some(x) = &f.fix {
                diag = diag.with_help(format!(
                    "{} ({} fix: `{}`)",
                    x.message,
                    x.applicability.name(),
                    clip(&replacement(l.text, f))
                ));
            }
            let report = miette::Report::new(diag).with_source_code(excerpt);
            let mut s = String::new();
            handler
                .render_report(&mut s, report.as_ref())
                .map_err(|_| io::Error::other("cannot render a diagnostic"))?;
            writeln!(out, "{s}")?;
        }
        Ok(())
    }
}

/// At most this many lines of a fix's text are shown in its help.
const FIX_LINES: usize = 60;

/// `s` with each line cut to [`WIDTH`] characters and at most [`FIX_LINES`] lines: a fix that
/// spans a minified line is not printed whole, while a generated multi-line fix (a wrapper's
/// error check and exception class) stays readable in review.
fn clip(s: &str) -> std::borrow::Cow<'_, str> {
    let long = |l: &str| l.chars().nth(WIDTH).is_some();
    if s.split('\n').count() <= FIX_LINES && !s.split('\n').any(long) {
        return s.into();
    }
    let mut out: Vec<String> = s
        .split('\n')
        .take(FIX_LINES)
        .map(|l| match l.char_indices().nth(WIDTH) {
            Some((at, _)) => format!("{}…", &l[..at]),
            None => l.to_string(),
        })
        .collect();
    if s.split('\n').nth(FIX_LINES).is_some() {
        out.push("…".to_string());
    }
    out.join("\n").into()
}

/// The finding's span as the fix would write it (edits outside the span are left out).
fn replacement(text: &str, f: &crate::rules::Finding) -> String {
    let Some(fix) = &f.fix else {
        return String::new();
    };
    let start = fix
        .edits
        .iter()
        .map(|e| e.range.start)
        .chain([f.range.start])
        .min()
        .unwrap_or(0);
    let end = fix
        .edits
        .iter()
        .map(|e| e.range.end)
        .chain([f.range.end])
        .max()
        .unwrap_or(0);
    let mut edits: Vec<_> = fix.edits.iter().collect();
    edits.sort_by_key(|e| e.range.start);
    let mut out = String::new();
    let mut pos = start;
    for e in edits {
        out.push_str(&text[pos..e.range.start.max(pos)]);
        out.push_str(&e.content);
        pos = e.range.end.max(pos);
    }
    out.push_str(&text[pos..end]);
    out
}
