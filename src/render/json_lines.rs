//! `json-lines`: one compact JSON object per line, each the same object as an element of
//! `json`'s array (the wire struct is shared, so the two cannot drift). Nothing is written
//! when there is no finding.

use std::io::{self, Write};

use super::json::wire;
use super::{located, Render};
use crate::outcome::RunResult;

pub struct JsonLines;

impl Render for JsonLines {
    fn render(&self, report: &RunResult, out: &mut dyn Write) -> io::Result<()> {
        let located = located(&report.files);
        for finding in wire(&located) {
            serde_json::to_writer(&mut *out, &finding)?;
            writeln!(out)?;
        }
        Ok(())
    }
}
