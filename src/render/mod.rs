//! Output formats, one file each behind [`Render`]. Findings are sorted (path, line, column,
//! rule) before any format sees them, so output is stable.

pub mod colour;
mod github;
mod gitlab;
mod human;
mod json;
mod json_lines;
mod junit;
mod sarif;
mod stats;

use std::io::{self, Write};

pub use stats::{show_fixes, statistics};

use crate::display::display_path;
use crate::outcome::{FileResult, RunResult};
use crate::rules::{Applicability, Finding, Severity};

/// The output format of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Full diagnostics with source snippets.
    Human,
    /// One line per finding.
    Concise,
    /// A JSON array of findings.
    Json,
    /// One JSON object per line, each as an element of `json`.
    JsonLines,
    /// SARIF 2.1.0 (GitHub code scanning and other SARIF viewers).
    Sarif,
    /// GitHub Actions workflow commands (annotations on the pull request).
    Github,
    /// A GitLab Code Quality report.
    Gitlab,
    /// JUnit XML, one test case per finding.
    Junit,
}

/// An output format.
pub trait Render {
    fn render(&self, report: &RunResult, out: &mut dyn Write) -> io::Result<()>;
}

pub fn renderer(format: Format, colour: bool) -> Box<dyn Render> {
    match format {
        Format::Human => Box::new(human::Human {
            concise: false,
            colour,
        }),
        Format::Concise => Box::new(human::Human {
            concise: true,
            colour,
        }),
        Format::Json => Box::new(json::Json),
        Format::JsonLines => Box::new(json_lines::JsonLines),
        Format::Sarif => Box::new(sarif::Sarif),
        Format::Github => Box::new(github::Github),
        Format::Gitlab => Box::new(gitlab::Gitlab),
        Format::Junit => Box::new(junit::Junit),
    }
}

/// Prints a diagnostic (a per-file problem) on stderr, as miette's default hook would.
pub fn eprint_diagnostic(d: &dyn miette::Diagnostic) {
    let mut s = String::new();
    let handler = miette::GraphicalReportHandler::new();
    if handler.render_report(&mut s, d).is_err() {
        s = d.to_string();
    }
    eprint_line(format_args!("{s}"));
}

/// A writer whose errors are dropped: for what a run says on stderr beside its results,
/// whose loss must not change the exit code.
pub struct Lossy<W>(pub W);

impl<W: Write> Write for Lossy<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let _ = self.0.write_all(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        let _ = self.0.flush();
        Ok(())
    }
}

/// Prints a line on stderr. A closed or full stderr loses the line: `eprintln!` would
/// panic, and there is nowhere left to say anything.
pub fn eprint_line(line: std::fmt::Arguments) {
    let _ = writeln!(io::stderr().lock(), "{line}");
}

/// A finding with its rendered position, the shape every format starts from.
pub struct Located<'a> {
    /// The file as shown ([`crate::display::display_path`]).
    pub file: String,
    /// The file as the run found it (for a format that writes its exact bytes).
    pub path: &'a std::path::Path,
    pub finding: &'a Finding,
    pub text: &'a str,
    pub start: (usize, usize),
    pub end: (usize, usize),
}

impl Located<'_> {
    /// How bad the finding is; every format reads it from here.
    pub fn severity(&self) -> Severity {
        self.finding.rule.default_severity()
    }

    /// The source text the finding points at.
    pub fn matched(&self) -> &str {
        let r = &self.finding.range;
        self.text
            .get(r.start.min(self.text.len())..r.end.min(self.text.len()))
            .unwrap_or("")
    }
}

/// The fingerprint of each finding of [`located`]'s list, in the same order (see
/// [`crate::fingerprint`]).
pub fn fingerprints(located: &[Located]) -> Vec<String> {
    crate::fingerprint::fingerprints(
        located
            .iter()
            .map(|l| (l.finding.rule.name(), l.file.as_str(), l.matched())),
    )
}

/// Every remaining finding, sorted by path, line, column, rule.
pub fn located(files: &[FileResult]) -> Vec<Located<'_>> {
    let mut out: Vec<Located> = files
        .iter()
        .flat_map(|f| {
            let file = display_path(&f.path);
            let lines = crate::source::LineIndex::new(&f.checked.text);
            f.checked
                .linted
                .findings
                .iter()
                .map(move |finding| Located {
                    file: file.clone(),
                    path: &f.path,
                    finding,
                    text: f.shown.as_deref().unwrap_or(&f.checked.text),
                    start: lines.line_col(finding.range.start),
                    end: lines.line_col(finding.range.end),
                })
        })
        .collect();
    out.sort_by(|a, b| (&a.file, a.start, a.finding.rule).cmp(&(&b.file, b.start, b.finding.rule)));
    out
}

/// The closing line: `N findings in M files, K fixable` (with `--fix`: `K fixed, R remaining`),
/// and how many files could not be checked, so that a run that missed some never looks
/// clean.
pub fn summary(
    report: &RunResult,
    fix: bool,
    diff: bool,
    threshold: Applicability,
    strict: bool,
) -> String {
    let mut s = findings_summary(report, fix, diff, threshold);
    let unchecked = report.unchecked();
    if unchecked > 0 {
        s.push_str(&format!(
            "; {} not checked (see above){}",
            if unchecked == 1 {
                "1 file".to_string()
            } else {
                format!("{unchecked} files")
            },
            if strict {
                ""
            } else {
                ": --strict makes that an error"
            }
        ));
    }
    s
}

fn findings_summary(report: &RunResult, fix: bool, diff: bool, threshold: Applicability) -> String {
    let files = &report.files;
    let remaining: usize = files.iter().map(|f| f.checked.linted.findings.len()).sum();
    let in_files = files
        .iter()
        .filter(|f| !f.checked.linted.findings.is_empty())
        .count();
    let fixed: usize = files.iter().map(|f| f.checked.fixed.len()).sum();
    let fixable = files
        .iter()
        .flat_map(|f| &f.checked.linted.findings)
        .filter(|f| f.fix.as_ref().is_some_and(|x| x.applicability >= threshold))
        .count();
    let unsafe_fixable = files
        .iter()
        .flat_map(|f| &f.checked.linted.findings)
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
    let checked = plural(report.checked, "file");
    // Suppressed findings are counted, so that a suppression is never silent.
    let suppressed: usize = files.iter().map(|f| f.checked.linted.suppressed).sum();
    let mut suppressed = if suppressed > 0 {
        format!(", {suppressed} suppressed")
    } else {
        String::new()
    };
    // So are the findings `--only` and `--baseline` leave out.
    let left_out: usize = files.iter().map(|f| f.checked.linted.left_out).sum();
    if left_out > 0 {
        suppressed.push_str(&format!(", {left_out} left out by --only"));
    }
    let baselined: usize = files.iter().map(|f| f.baselined).sum();
    if baselined > 0 {
        suppressed.push_str(&format!(", {baselined} in the baseline"));
    }
    if fix {
        let skipped: usize = files.iter().map(|f| f.checked.skipped.len()).sum();
        let mut s = format!(
            "{} fixed, {} remaining in {}{suppressed} ({checked} checked)",
            fixed,
            remaining,
            plural(in_files, "file")
        );
        if skipped > 0 {
            s.push_str(&format!(
                "; {} not applied (conflict or syntax)",
                if skipped == 1 {
                    "1 fix".to_string()
                } else {
                    format!("{skipped} fixes")
                }
            ));
        }
        return s;
    }
    if diff {
        return format!(
            "would fix {fixed}, {remaining} would remain{suppressed} ({checked} checked)"
        );
    }
    let mut s = format!(
        "{} in {}, {fixable} fixable",
        plural(remaining, "finding"),
        plural(in_files, "file")
    );
    if threshold == Applicability::Safe && unsafe_fixable > 0 {
        s.push_str(&format!(" ({unsafe_fixable} more with --unsafe-fixes)"));
    }
    s.push_str(&format!("{suppressed} ({checked} checked)"));
    s
}
