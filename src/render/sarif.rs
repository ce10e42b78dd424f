//! `sarif`: SARIF 2.1.0 (the OASIS standard GitHub code scanning and most viewers read).
//!
//! - `tool.driver.rules` describes every rule (summary, full doc as text and markdown,
//!   default level, group and fix availability); results point at them by id and index.
//! - Locations are URI references relative to `%SRCROOT%`, which `originalUriBaseIds` maps
//!   to the root of the git working tree holding the current directory (else to it); regions are 1-based and columns count Unicode code points
//!   (`columnKind: unicodeCodePoints`), as everywhere else in this tool.
//! - `partialFingerprints` holds [`crate::fingerprint`]'s digest, stable across line shifts.
//! - A fix becomes `fixes[0]` (one replacement per edit); its applicability goes in the
//!   result's `properties`.
//! - Per-file problems become the invocation's `toolExecutionNotifications` (`error` for a
//!   file that could not be checked, `warning` otherwise), and `executionSuccessful` is
//!   false when a path given does not exist or a file could not be checked.

use std::io::{self, Write};
use std::path::Path;

use serde_json::{json, Value};

use super::{fingerprints, located, Render};
use crate::display::OutputPath;
use crate::outcome::RunResult;
use crate::rules::{Rule, Severity};
use crate::source::line_col;

pub struct Sarif;

/// The key of our fingerprint in `partialFingerprints`; bump the version if the digest's
/// inputs ever change, so viewers do not match old fingerprints against new ones.
const FINGERPRINT_KEY: &str = "v3-migrate/v1";

/// The base id relative locations are resolved against.
const SRCROOT: &str = "%SRCROOT%";

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// The folder `%SRCROOT%` stands for: the root of the git working tree holding the working
/// folder (code scanning resolves URIs against the repository's root, wherever in it the
/// tool ran), else the working folder.
fn source_root() -> Option<std::path::PathBuf> {
    let cwd = std::env::current_dir().ok()?;
    Some(
        crate::vcs::work_tree_of(&cwd)
            .map(Path::to_path_buf)
            .unwrap_or(cwd),
    )
}

/// An artifact location: a path below `%SRCROOT%` as a URI reference relative to it, one
/// outside it as a `file:` URI; the name's exact bytes percent-encoded
/// ([`OutputPath::uri`]).
fn artifact_location(path: &Path) -> Value {
    let cwd = std::env::current_dir().ok();
    let path = OutputPath::below(path, cwd.as_deref(), source_root().as_deref());
    if path.is_absolute() {
        json!({ "uri": path.uri(false) })
    } else {
        json!({ "uri": path.uri(false), "uriBaseId": SRCROOT })
    }
}

fn region(start: (usize, usize), end: (usize, usize)) -> Value {
    json!({
        "startLine": start.0,
        "startColumn": start.1,
        "endLine": end.0,
        "endColumn": end.1,
    })
}

/// The other members of its migration unit a result names, at most.
const MAX_RELATED: usize = 50;

/// `v2-endpoint` as `V2Endpoint`.
fn pascal(name: &str) -> String {
    name.split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        .collect()
}

fn rule_descriptor(r: Rule) -> Value {
    let doc = r.doc();
    json!({
        "id": r.name(),
        // SARIF's `name` is an identifier for people, apart from the id: `V2Endpoint`.
        "name": pascal(r.name()),
        "shortDescription": { "text": r.summary() },
        "fullDescription": { "text": doc },
        "help": { "text": doc, "markdown": doc },
        "defaultConfiguration": { "level": level(r.default_severity()) },
        "properties": {
            "group": r.group().name(),
            "fixAvailability": r.fix_availability().name(),
            "tags": [r.group().name()],
        },
    })
}

impl Render for Sarif {
    fn render(&self, report: &RunResult, out: &mut dyn Write) -> io::Result<()> {
        let rules: Vec<Value> = Rule::ALL.iter().map(|r| rule_descriptor(*r)).collect();
        let located = located(&report.files);
        let fps = fingerprints(&located);
        // The members of each unit, by file: each result names the others of its unit.
        let mut units: std::collections::HashMap<(&std::path::Path, usize), Vec<usize>> =
            std::collections::HashMap::new();
        for (i, l) in located.iter().enumerate() {
            if let Some(u) = l.finding.unit {
                units.entry((l.path, u)).or_default().push(i);
            }
        }
        let results: Vec<Value> = located
            .iter()
            .zip(&fps)
            .enumerate()
            .map(|(i, (l, fp))| {
                let f = l.finding;
                let location = artifact_location(l.path);
                let mut result = json!({
                    "ruleId": f.rule.name(),
                    "ruleIndex": Rule::ALL.iter().position(|r| *r == f.rule),
                    "level": level(l.severity()),
                    "message": { "text": f.message },
                    "locations": [{
                        "physicalLocation": {
                            "artifactLocation": location,
                            "region": region(l.start, l.end),
                        }
                    }],
                    "partialFingerprints": { FINGERPRINT_KEY: fp },
                });
                if let Some(members) = f.unit.and_then(|u| units.get(&(l.path, u))) {
                    let related: Vec<Value> = members
                        .iter()
                        .filter(|&&j| j != i)
                        .take(MAX_RELATED)
                        .map(|&j| {
                            let m = &located[j];
                            json!({
                                "id": j,
                                "message": { "text": format!("{} (same migration unit)", m.finding.rule.name()) },
                                "physicalLocation": {
                                    "artifactLocation": artifact_location(m.path),
                                    "region": region(m.start, m.end),
                                },
                            })
                        })
                        .collect();
                    if !related.is_empty() {
                        result["relatedLocations"] = Value::Array(related);
                    }
                }
                if let Some(fix) = &f.fix {
                    let replacements: Vec<Value> = fix
                        .edits
                        .iter()
                        .map(|e| {
                            json!({
                                "deletedRegion": region(
                                    line_col(l.text, e.range.start),
                                    line_col(l.text, e.range.end),
                                ),
                                "insertedContent": { "text": e.content },
                            })
                        })
                        .collect();
                    result["fixes"] = json!([{
                        "description": { "text": fix.message },
                        "artifactChanges": [{
                            "artifactLocation": location,
                            "replacements": replacements,
                        }],
                    }]);
                    result["properties"] = json!({
                        "fixApplicability": fix.applicability.name(),
                    });
                }
                result
            })
            .collect();
        let notifications: Vec<Value> = report
            .problems
            .iter()
            .map(|p| {
                json!({
                    // A file not checked is a failure of the run, as `executionSuccessful`
                    // says; a warning or a fix not written is not.
                    "level": if p.is_unchecked() { "error" } else { "warning" },
                    "message": { "text": p.to_string() },
                    "locations": [{
                        "physicalLocation": {
                            "artifactLocation": artifact_location(p.path()),
                        }
                    }],
                })
            })
            .collect();
        let mut driver = json!({
            "name": env!("CARGO_PKG_NAME"),
            "version": env!("CARGO_PKG_VERSION"),
            "rules": rules,
        });
        // Only a URL the crate declares; none is made up when it has none.
        let info = [env!("CARGO_PKG_HOMEPAGE"), env!("CARGO_PKG_REPOSITORY")]
            .into_iter()
            .find(|u| !u.is_empty());
        if let Some(uri) = info {
            driver["informationUri"] = json!(uri);
            // Each rule's documentation: the README's rule table, by the rule's id.
            for rule in driver["rules"].as_array_mut().into_iter().flatten() {
                let id = rule["id"].as_str().unwrap_or_default().to_string();
                rule["helpUri"] = json!(format!("{}#{id}", uri.trim_end_matches('/')));
            }
        }
        let mut run = json!({
            "tool": { "driver": driver },
            "invocations": [{
                "executionSuccessful": report.all_checked(),
                "toolExecutionNotifications": notifications,
            }],
            "columnKind": "unicodeCodePoints",
            "results": results,
        });
        if let Some(root) = source_root() {
            run["originalUriBaseIds"] = json!({
                SRCROOT: { "uri": OutputPath::folder(&root).uri(true) },
            });
        }
        let doc = json!({
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [run],
        });
        serde_json::to_writer_pretty(&mut *out, &doc)?;
        writeln!(out)
    }
}

#[cfg(test)]
mod tests;
