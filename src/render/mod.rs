//! Output formats, one file each behind [`Render`]. Findings are sorted (path, line, column,
//! rule) before any format sees them, so output is stable.

mod human;
mod json;
mod sarif;

use std::io::{self, Write};

use crate::cli::OutputFormat;
use crate::rules::{Applicability, Finding};
use crate::source::line_col;
use crate::walk::display_path;
use crate::FileResult;

/// An output format.
pub trait Render {
    fn render(&self, files: &[FileResult], out: &mut dyn Write) -> io::Result<()>;
}

pub fn renderer(format: OutputFormat) -> Box<dyn Render> {
    match format {
        OutputFormat::Human => Box::new(human::Human { concise: false }),
        OutputFormat::Concise => Box::new(human::Human { concise: true }),
        OutputFormat::Json => Box::new(json::Json),
        OutputFormat::Sarif => Box::new(sarif::Sarif),
    }
}

/// A finding with its rendered position, the shape every format starts from.
pub struct Located<'a> {
    pub file: String,
    pub finding: &'a Finding,
    pub text: &'a str,
    pub start: (usize, usize),
    pub end: (usize, usize),
}

/// Every remaining finding, sorted by path, line, column, rule.
pub fn located(files: &[FileResult]) -> Vec<Located<'_>> {
    let mut out: Vec<Located> = files
        .iter()
        .flat_map(|f| {
            let file = display_path(&f.path);
            f.findings.iter().map(move |finding| Located {
                file: file.clone(),
                finding,
                text: &f.text,
                start: line_col(&f.text, finding.range.start),
                end: line_col(&f.text, finding.range.end),
            })
        })
        .collect();
    out.sort_by(|a, b| (&a.file, a.start, a.finding.rule).cmp(&(&b.file, b.start, b.finding.rule)));
    out
}

/// The closing line: `N findings in M files, K fixable` (with `--fix`: `K fixed, R remaining`).
pub fn summary(files: &[FileResult], fix: bool, diff: bool, threshold: Applicability) -> String {
    let remaining: usize = files.iter().map(|f| f.findings.len()).sum();
    let in_files = files.iter().filter(|f| !f.findings.is_empty()).count();
    let fixed: usize = files.iter().map(|f| f.fixed.len()).sum();
    let fixable = files
        .iter()
        .flat_map(|f| &f.findings)
        .filter(|f| f.fix.as_ref().is_some_and(|x| x.applicability >= threshold))
        .count();
    let unsafe_fixable = files
        .iter()
        .flat_map(|f| &f.findings)
        .filter(|f| {
            f.fix
                .as_ref()
                .is_some_and(|x| x.applicability == Applicability::Unsafe)
        })
        .count();
    let plural = |n: usize, w: &str| {
        if n == 1 {
            format!("{n} {w}")
        } else {
            format!("{n} {w}s")
        }
    };
    let checked = plural(files.len(), "file");
    if fix {
        let skipped: usize = files.iter().map(|f| f.skipped.len()).sum();
        let mut s = format!(
            "{} fixed, {} remaining in {} ({checked} checked)",
            fixed,
            remaining,
            plural(in_files, "file")
        );
        if skipped > 0 {
            s.push_str(&format!(
                "; {} not applied (conflict or syntax)",
                plural(skipped, "fix")
            ));
        }
        return s;
    }
    if diff {
        return format!("would fix {fixed}, {remaining} would remain ({checked} checked)");
    }
    let mut s = format!(
        "{} in {}, {fixable} fixable",
        plural(remaining, "finding"),
        plural(in_files, "file")
    );
    if threshold == Applicability::Safe && unsafe_fixable > 0 {
        s.push_str(&format!(" ({unsafe_fixable} more with --unsafe-fixes)"));
    }
    s.push_str(&format!(" ({checked} checked)"));
    s
}
