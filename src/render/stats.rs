//! `--statistics` (counts per rule, with how many are fixable) and `--show-fixes` (what
//! `--fix` applied, per file and rule).

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use crate::display::display_path;
use crate::outcome::FileResult;
use crate::outcome::RunResult;
use crate::rules::{Applicability, Rule};

#[derive(Serialize)]
struct Count {
    rule: &'static str,
    count: usize,
    /// Fixed by `--fix` as it runs now (safe fixes; unsafe ones too with `--unsafe-fixes`).
    fixable: usize,
    /// Fixed only with `--unsafe-fixes`.
    unsafe_fixable: usize,
}

/// Counts of the remaining findings per rule, most frequent first, as a table or JSON.
pub fn statistics(report: &RunResult, json: bool, out: &mut dyn Write) -> io::Result<()> {
    let mut counts: BTreeMap<Rule, Count> = BTreeMap::new();
    for f in report.files.iter().flat_map(|f| &f.checked.linted.findings) {
        let c = counts.entry(f.rule).or_insert(Count {
            rule: f.rule.name(),
            count: 0,
            fixable: 0,
            unsafe_fixable: 0,
        });
        c.count += 1;
        if let Some(fix) = &f.fix {
            if fix.applicability >= report.threshold {
                c.fixable += 1;
            } else if fix.applicability == Applicability::Unsafe {
                c.unsafe_fixable += 1;
            }
        }
    }
    let mut counts: Vec<Count> = counts.into_values().collect();
    counts.sort_by(|a, b| b.count.cmp(&a.count).then(a.rule.cmp(b.rule)));
    if json {
        serde_json::to_writer_pretty(&mut *out, &counts)?;
        return writeln!(out);
    }
    if counts.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "{:>6}  {:<22} {:>7}  {:>14}",
        "count", "rule", "fixable", "unsafe-fixable"
    )?;
    for c in &counts {
        writeln!(
            out,
            "{:>6}  {:<22} {:>7}  {:>14}",
            c.count, c.rule, c.fixable, c.unsafe_fixable
        )?;
    }
    Ok(())
}

/// What `--fix` applied (or `--diff` would apply), per file and rule.
pub fn show_fixes(files: &[FileResult], diff: bool, out: &mut dyn Write) -> io::Result<()> {
    let total: usize = files.iter().map(|f| f.checked.fixed.len()).sum();
    if total == 0 {
        return writeln!(
            out,
            "No fixes {}.",
            if diff { "to apply" } else { "applied" }
        );
    }
    let verb = if diff { "Would fix" } else { "Fixed" };
    let noun = if total == 1 { "finding" } else { "findings" };
    writeln!(out, "{verb} {total} {noun}:")?;
    for f in files.iter().filter(|f| !f.checked.fixed.is_empty()) {
        let mut counts: BTreeMap<Rule, usize> = BTreeMap::new();
        for x in &f.checked.fixed {
            *counts.entry(x.rule).or_insert(0) += 1;
        }
        writeln!(out, "- {}:", display_path(&f.path))?;
        for (rule, n) in counts {
            writeln!(out, "    {n} × {}", rule.name())?;
        }
    }
    Ok(())
}
