//! `gitlab`: a GitLab Code Quality report (a subset of the Code Climate issue format), a
//! JSON array that GitLab shows in merge requests when a job uploads it as
//! `artifacts:reports:codequality`.
//!
//! Each issue has `description` (`RULE: message`), `check_name` (the rule), `fingerprint` (unique within the
//! report and stable across line shifts, see [`crate::fingerprint`]: GitLab compares them
//! between the source and target branches to tell new issues from old), `severity`
//! (`major` for an error, `minor` for a warning) and `location` (path and lines).

use std::io::{self, Write};

use serde::Serialize;

use super::{fingerprints, located, Render};
use crate::outcome::RunResult;
use crate::rules::Severity;

pub struct Gitlab;

#[derive(Serialize)]
struct Lines {
    begin: usize,
    end: usize,
}

#[derive(Serialize)]
struct Location<'a> {
    path: &'a str,
    lines: Lines,
}

#[derive(Serialize)]
struct Issue<'a> {
    description: String,
    check_name: &'static str,
    fingerprint: String,
    severity: &'static str,
    location: Location<'a>,
}

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "major",
        Severity::Warning => "minor",
    }
}

impl Render for Gitlab {
    fn render(&self, report: &RunResult, out: &mut dyn Write) -> io::Result<()> {
        let located = located(&report.files);
        let fps = fingerprints(&located);
        let issues: Vec<Issue> = located
            .iter()
            .zip(fps)
            .map(|(l, fingerprint)| Issue {
                // The merge request widget shows the description alone: name the rule.
                description: format!("{}: {}", l.finding.rule.name(), l.finding.message),
                check_name: l.finding.rule.name(),
                fingerprint,
                severity: severity(l.severity()),
                location: Location {
                    path: &l.file,
                    lines: Lines {
                        begin: l.start.0,
                        end: l.end.0,
                    },
                },
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &issues)?;
        writeln!(out)
    }
}
