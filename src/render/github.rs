//! `github`: GitHub Actions workflow commands, one per finding, which Actions turns into
//! annotations on the pull request's diff:
//!
//! `::error title=v3-migrate (RULE),file=PATH,line=L,col=C,endLine=L2,endColumn=C2::RULE: MESSAGE`
//!
//! Per-file problems (a file skipped as binary or not UTF-8) are `::warning` commands on
//! that file, so a skipped file shows too. Escaping follows the Actions runner
//! (`toolkit/packages/core/src/command.ts`): in the message `%`, `\r` and `\n`; in property
//! values also `:` and `,`.

use std::io::{self, Write};

use super::{located, Located, Render};
use crate::display::display_path;
use crate::outcome::RunResult;
use crate::rules::Severity;

pub struct Github;

/// Escapes a command's message.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value (`file=...`, `title=...`).
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// The workflow command of one finding (without the line end).
fn annotation(l: &Located) -> String {
    let rule = l.finding.rule.name();
    format!(
        "::{} title={},file={},line={},col={},endLine={},endColumn={}::{}",
        command(l.severity()),
        escape_property(&format!("v3-migrate ({rule})")),
        escape_property(&l.file),
        l.start.0,
        l.start.1,
        l.end.0,
        l.end.1,
        escape_data(&format!("{rule}: {}", l.finding.message)),
    )
}

impl Render for Github {
    fn render(&self, report: &RunResult, out: &mut dyn Write) -> io::Result<()> {
        for l in located(&report.files) {
            writeln!(out, "{}", annotation(&l))?;
        }
        for p in &report.problems {
            writeln!(
                out,
                "::warning title=v3-migrate,file={}::{}",
                escape_property(&display_path(p.path())),
                escape_data(&p.to_string()),
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
