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

use super::{located, Located, Render, Report};
use crate::rules::Severity;
use crate::walk::display_path;

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
    fn render(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        for l in located(report.files) {
            writeln!(out, "{}", annotation(&l))?;
        }
        for p in report.problems {
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
mod tests {
    use super::*;
    use crate::rules::{Finding, Rule};

    #[test]
    fn escapes_as_the_runner_expects() {
        assert_eq!(escape_data("50% a:b,c\r\nd"), "50%25 a:b,c%0D%0Ad");
        assert_eq!(escape_property("50% a:b,c\r\nd"), "50%25 a%3Ab%2Cc%0D%0Ad");
    }

    #[test]
    fn one_command_per_finding_escaped() {
        let finding = Finding::new(Rule::V2Endpoint, 0..3, "100% v2,\nsee: docs");
        let l = Located {
            file: "a,b:c%.js".to_string(),
            path: std::path::Path::new("a,b:c%.js"),
            finding: &finding,
            text: "abc",
            start: (1, 1),
            end: (2, 4),
        };
        assert_eq!(
            annotation(&l),
            "::error title=v3-migrate (v2-endpoint),file=a%2Cb%3Ac%25.js,line=1,col=1,\
             endLine=2,endColumn=4::v2-endpoint: 100%25 v2,%0Asee: docs"
        );
    }
}
