//! `sarif`: SARIF 2.1.0, rules described under `tool.driver.rules`.

use std::io::{self, Write};

use serde_json::json;

use super::{located, Render};
use crate::rules::Rule;
use crate::FileResult;

pub struct Sarif;

impl Render for Sarif {
    fn render(&self, files: &[FileResult], out: &mut dyn Write) -> io::Result<()> {
        let rules: Vec<_> = Rule::ALL
            .iter()
            .map(|r| {
                json!({
                    "id": r.name(),
                    "name": r.name(),
                    "shortDescription": { "text": r.summary() },
                    "fullDescription": { "text": r.doc() },
                    "defaultConfiguration": { "level": "error" },
                })
            })
            .collect();
        let results: Vec<_> = located(files)
            .iter()
            .map(|l| {
                json!({
                    "ruleId": l.finding.rule.name(),
                    "ruleIndex": Rule::ALL.iter().position(|r| *r == l.finding.rule),
                    "level": "error",
                    "message": { "text": l.finding.message },
                    "locations": [{
                        "physicalLocation": {
                            "artifactLocation": { "uri": l.file },
                            "region": {
                                "startLine": l.start.0,
                                "startColumn": l.start.1,
                                "endLine": l.end.0,
                                "endColumn": l.end.1,
                            }
                        }
                    }],
                })
            })
            .collect();
        let doc = json!({
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [{
                "tool": { "driver": {
                    "name": "v3-migrate",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                }},
                "results": results,
            }],
        });
        serde_json::to_writer_pretty(&mut *out, &doc)?;
        writeln!(out)
    }
}
