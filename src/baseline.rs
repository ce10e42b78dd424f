//! Baselines: the findings a team has accepted for now, so that `check --baseline FILE`
//! reports only new ones and CI fails only when v2 code is added.
//!
//! A baseline is a JSON file of fingerprints (see [`crate::fingerprint`]: rule, path and the
//! normalised matched text, so a finding keeps its fingerprint when lines move). Each entry
//! also records the rule, file, line and message, for the reader of a pull request that
//! changes the file; only the fingerprint is compared. A finding fixed or removed simply no
//! longer matches; writing the baseline again drops it.

use std::collections::HashSet;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::RunError;
use crate::outcome::FileResult;
use crate::render::{fingerprints, located};

const FORMAT: u32 = 1;

#[derive(Debug, Serialize, Deserialize)]
pub struct Baseline {
    /// The file format's version.
    pub version: u32,
    pub findings: Vec<Entry>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct Entry {
    pub fingerprint: String,
    pub rule: String,
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl Baseline {
    /// The baseline of a run's findings.
    pub fn of(files: &[FileResult]) -> Baseline {
        let located = located(files);
        let fps = fingerprints(&located);
        Baseline {
            version: FORMAT,
            findings: located
                .iter()
                .zip(fps)
                .map(|(l, fingerprint)| Entry {
                    fingerprint,
                    rule: l.finding.rule.name().to_string(),
                    file: l.file.clone(),
                    line: l.start.0,
                    message: l.finding.message.clone(),
                })
                .collect(),
        }
    }

    pub fn load(path: &Path) -> Result<Baseline, RunError> {
        let err = |why: String| RunError::BaselineRead {
            path: path.to_path_buf(),
            why,
        };
        let text = std::fs::read_to_string(path).map_err(|e| err(e.to_string()))?;
        let b: Baseline = serde_json::from_str(&text).map_err(|e| err(e.to_string()))?;
        if b.version != FORMAT {
            return Err(err(format!(
                "format version {} (this v3-migrate reads version {FORMAT})",
                b.version
            )));
        }
        Ok(b)
    }

    /// Writes the baseline atomically (a temporary file renamed over it), through a
    /// symbolic link, never over anything but a regular file.
    pub fn save(&self, path: &Path) -> Result<(), RunError> {
        let mut text = serde_json::to_string_pretty(self).expect("a baseline serialises");
        text.push('\n');
        crate::write::write_output(path, text.as_bytes())
    }

    /// Takes the baselined findings out of `files`, counting them per file.
    pub fn filter(&self, files: &mut [FileResult]) {
        let known: HashSet<&str> = self
            .findings
            .iter()
            .map(|e| e.fingerprint.as_str())
            .collect();
        // Fingerprints are computed per file, in the same order `located` gives.
        for f in files.iter_mut() {
            let drop: HashSet<usize> = {
                let located = located(std::slice::from_ref(f));
                let fps = fingerprints(&located);
                located
                    .iter()
                    .zip(&fps)
                    .filter(|(_, fp)| known.contains(fp.as_str()))
                    .filter_map(|(l, _)| {
                        f.checked
                            .linted
                            .findings
                            .iter()
                            .position(|x| std::ptr::eq(x, l.finding))
                    })
                    .collect()
            };
            if drop.is_empty() {
                continue;
            }
            f.baselined += drop.len();
            let mut i = 0;
            f.checked.linted.findings.retain(|_| {
                i += 1;
                !drop.contains(&(i - 1))
            });
        }
    }
}
