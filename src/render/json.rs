//! `json`: an array of findings (DESIGN.md's schema), positions 1-based. The schema is a
//! contract: `json-lines` writes the same objects, one per line.

use std::io::{self, Write};

use serde::Serialize;

use super::{located, Located, Render};
use crate::outcome::RunResult;
use crate::source::line_col;

pub struct Json;

#[derive(Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

#[derive(Serialize)]
struct WireEdit {
    start: Position,
    end: Position,
    content: String,
}

#[derive(Serialize)]
struct WireFix {
    applicability: &'static str,
    message: String,
    edits: Vec<WireEdit>,
}

/// One finding as `json` and `json-lines` write it.
#[derive(Serialize)]
pub(super) struct WireFinding<'a> {
    rule: &'static str,
    severity: &'static str,
    message: &'a str,
    file: &'a str,
    start: Position,
    end: Position,
    fix: Option<WireFix>,
    /// The migration unit in its file: findings of one file with the same number move
    /// together (`null`: the finding is in none).
    unit: Option<usize>,
}

fn pos((line, column): (usize, usize)) -> Position {
    Position { line, column }
}

/// The wire form of each finding, in order.
pub(super) fn wire<'a>(located: &'a [Located<'a>]) -> Vec<WireFinding<'a>> {
    located
        .iter()
        .map(|l| WireFinding {
            rule: l.finding.rule.name(),
            severity: l.severity().name(),
            message: &l.finding.message,
            file: &l.file,
            start: pos(l.start),
            end: pos(l.end),
            fix: l.finding.fix.as_ref().map(|x| WireFix {
                applicability: x.applicability.name(),
                message: x.message.clone(),
                edits: x
                    .edits
                    .iter()
                    .map(|e| WireEdit {
                        start: pos(line_col(l.text, e.range.start)),
                        end: pos(line_col(l.text, e.range.end)),
                        content: e.content.clone(),
                    })
                    .collect(),
            }),
            unit: l.finding.unit,
        })
        .collect()
}

impl Render for Json {
    fn render(&self, report: &RunResult, out: &mut dyn Write) -> io::Result<()> {
        let located = located(&report.files);
        serde_json::to_writer_pretty(&mut *out, &wire(&located))?;
        writeln!(out)
    }
}
