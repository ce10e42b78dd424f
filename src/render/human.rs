//! `human` (miette diagnostics with the source snippet) and `concise` (one line each).

use std::io::{self, Write};

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, NamedSource};

use super::{located, Render};
use crate::FileResult;

pub struct Human {
    pub concise: bool,
}

impl Render for Human {
    fn render(&self, files: &[FileResult], out: &mut dyn Write) -> io::Result<()> {
        let handler = GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor()).with_width(100);
        for l in located(files) {
            let f = l.finding;
            let fix_note = match &f.fix {
                Some(x) => format!(" [{} fix]", x.applicability.name()),
                None => String::new(),
            };
            if self.concise {
                writeln!(out, "{}:{}:{}: {} {}{}", l.file, l.start.0, l.start.1, f.rule.name(), f.message, fix_note)?;
                continue;
            }
            let mut diag = MietteDiagnostic::new(f.message.clone())
                .with_code(f.rule.name())
                .with_label(LabeledSpan::at(f.range.clone(), f.rule.name()));
            if let Some(x) = &f.fix {
                let replacement: Vec<String> = x.edits.iter().map(|e| format!("`{}`", e.content)).collect();
                diag = diag.with_help(format!("{} ({} fix: {})", x.message, x.applicability.name(), replacement.join(", ")));
            }
            let report = miette::Report::new(diag)
                .with_source_code(NamedSource::new(format!("{}:{}:{}", l.file, l.start.0, l.start.1), l.text.to_string()));
            let mut s = String::new();
            handler
                .render_report(&mut s, report.as_ref())
                .map_err(|_| io::Error::other("cannot render a diagnostic"))?;
            writeln!(out, "{s}")?;
        }
        Ok(())
    }
}
