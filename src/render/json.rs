//! `json`: an array of findings (DESIGN.md's schema), positions 1-based.

use std::io::{self, Write};

use serde::Serialize;

use super::{located, Render};
use crate::source::line_col;
use crate::FileResult;

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

#[derive(Serialize)]
struct WireFinding<'a> {
    rule: &'static str,
    severity: &'static str,
    message: &'a str,
    file: &'a str,
    start: Position,
    end: Position,
    fix: Option<WireFix>,
}

fn pos((line, column): (usize, usize)) -> Position {
    Position { line, column }
}

impl Render for Json {
    fn render(&self, files: &[FileResult], out: &mut dyn Write) -> io::Result<()> {
        let located = located(files);
        let wire: Vec<WireFinding> = located
            .iter()
            .map(|l| WireFinding {
                rule: l.finding.rule.name(),
                severity: "error",
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
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &wire)?;
        writeln!(out)
    }
}
