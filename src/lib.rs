//! v3-migrate: finds OneClickDz Flexy API v2 code and rewrites it to v3.
//!
//! Data flows one way: walk -> read -> parse -> analyze ("is this Flexy?") -> rules ->
//! findings (diagnostic + optional fix) -> render or apply.

pub mod api;
pub mod cli;
pub mod error;
pub mod fix;
pub mod flexy;
pub mod flow;
pub mod lang;
pub mod render;
pub mod rules;
pub mod source;
pub mod walk;
pub mod write;

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Mutex;

use clap::Parser;

use cli::{CheckArgs, Cli, Command};
use error::{FileError, RunError};
use lang::Lang;
use rules::{Applicability, Finding, Rule};

/// The settings a check runs with.
#[derive(Clone, Debug)]
pub struct Settings {
    pub rules: Vec<Rule>,
    pub extra_hosts: Vec<String>,
    /// The lowest applicability applied by `--fix` / shown by `--diff`.
    pub threshold: Applicability,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            rules: Rule::ALL.to_vec(),
            extra_hosts: Vec::new(),
            threshold: Applicability::Safe,
        }
    }
}

/// The result of checking one file.
#[derive(Debug)]
pub struct FileResult {
    pub path: PathBuf,
    pub lang: Lang,
    /// The bytes read.
    pub original: Vec<u8>,
    /// The text the findings point into (the fixed text when fixes were applied).
    pub text: String,
    /// Findings that remain.
    pub findings: Vec<Finding>,
    /// Findings whose fixes were applied.
    pub fixed: Vec<Finding>,
    /// Fixes not applied, and why.
    pub skipped: Vec<(Finding, fix::Skipped)>,
    /// The new file content, when fixes changed it.
    pub new: Option<Vec<u8>>,
}

/// Reads and decodes a source file: BOM kept apart, NUL bytes and non-UTF-8 refused.
pub fn read_source(path: &Path) -> Result<(Vec<u8>, String, bool), FileError> {
    let bytes = std::fs::read(path).map_err(|e| FileError::Read {
        path: path.to_path_buf(),
        source: e,
    })?;
    if bytes.contains(&0) {
        return Err(FileError::Binary {
            path: path.to_path_buf(),
        });
    }
    let text = std::str::from_utf8(&bytes).map_err(|_| FileError::NotUtf8 {
        path: path.to_path_buf(),
    })?;
    let (bom, text) = match text.strip_prefix('\u{feff}') {
        Some(rest) => (true, rest.to_string()),
        None => (false, text.to_string()),
    };
    Ok((bytes, text, bom))
}

/// What checking one text gives.
#[derive(Debug)]
pub struct Checked {
    /// The text after the fixes applied (the input when none was).
    pub text: String,
    /// Findings that remain in `text`.
    pub findings: Vec<Finding>,
    /// Findings whose fixes were applied.
    pub fixed: Vec<Finding>,
    /// Fixes not applied, and why.
    pub skipped: Vec<(Finding, fix::Skipped)>,
}

/// Checks one text; with `fix`, applies fixes in passes until none applies.
pub fn check_text(lang: Lang, text: String, settings: &Settings, fix: bool) -> Option<Checked> {
    let mut current = source::Source::parse(lang, text)?;
    let mut fixed = Vec::new();
    let mut skipped = Vec::new();
    for _pass in 0..4 {
        let findings = {
            let ctx = flexy::Ctx::new(&current, &settings.extra_hosts);
            rules::check(&ctx, &settings.rules)
        };
        let fixable: Vec<&Finding> = findings
            .iter()
            .filter(|f| {
                fix && f
                    .fix
                    .as_ref()
                    .is_some_and(|x| x.applicability >= settings.threshold)
            })
            .collect();
        if fixable.is_empty() {
            return Some(Checked {
                text: current.text,
                findings,
                fixed,
                skipped,
            });
        }
        let fixes: Vec<&rules::Fix> = fixable.iter().filter_map(|f| f.fix.as_ref()).collect();
        let errors = source::error_ranges(&current.tree);
        let out = fix::apply(lang, &current.text, &fixes, &errors);
        skipped = out
            .skipped
            .iter()
            .map(|(i, why)| (fixable[*i].clone(), why.clone()))
            .collect();
        if out.applied.is_empty() || out.text == current.text {
            return Some(Checked {
                text: current.text,
                findings,
                fixed,
                skipped,
            });
        }
        fixed.extend(out.applied.iter().map(|&i| fixable[i].clone()));
        current = source::Source::parse(lang, out.text)?;
    }
    let findings = {
        let ctx = flexy::Ctx::new(&current, &settings.extra_hosts);
        rules::check(&ctx, &settings.rules)
    };
    Some(Checked {
        text: current.text,
        findings,
        fixed,
        skipped,
    })
}

fn check_file(
    path: &Path,
    lang: Lang,
    settings: &Settings,
    fix: bool,
) -> Result<FileResult, FileError> {
    let (original, text, bom) = read_source(path)?;
    let before = text.clone();
    let Checked {
        text,
        findings,
        fixed,
        skipped,
    } = check_text(lang, text, settings, fix).ok_or_else(|| FileError::Parse {
        path: path.to_path_buf(),
    })?;
    let new = (text != before).then(|| {
        let mut b = Vec::with_capacity(text.len() + 3);
        if bom {
            b.extend_from_slice("\u{feff}".as_bytes());
        }
        b.extend_from_slice(text.as_bytes());
        b
    });
    Ok(FileResult {
        path: path.to_path_buf(),
        lang,
        original,
        text,
        findings,
        fixed,
        skipped,
        new,
    })
}

/// The entry point: parses `args`, runs, returns the exit code.
pub fn main_with_args(args: impl IntoIterator<Item = OsString>) -> ExitCode {
    let cli = match Cli::try_parse_from(args) {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let result = match cli.command {
        Command::Check(args) => run_check(&args),
        Command::Rules => print_rules(),
        Command::Explain { rule } => explain(&rule),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("{:?}", miette::Report::new(e));
            ExitCode::from(2)
        }
    }
}

fn print_rules() -> Result<u8, RunError> {
    let mut out = std::io::stdout().lock();
    for r in Rule::ALL {
        let fix = match r.fix_availability() {
            rules::FixAvailability::Always => "fix",
            rules::FixAvailability::Sometimes => "fix (sometimes)",
            rules::FixAvailability::None => "no fix",
        };
        writeln!(out, "{:<22} {:<16} {}", r.name(), fix, r.summary()).map_err(RunError::Output)?;
    }
    Ok(0)
}

fn explain(name: &str) -> Result<u8, RunError> {
    let rule = Rule::from_name(name).ok_or_else(|| RunError::UnknownRule {
        name: name.to_string(),
    })?;
    print!("# {}\n\n{}", rule.name(), rule.doc());
    Ok(0)
}

fn select_rules(args: &CheckArgs) -> Result<Vec<Rule>, RunError> {
    let parse = |names: &[String]| -> Result<Vec<Rule>, RunError> {
        names
            .iter()
            .filter(|n| !n.is_empty())
            .map(|n| {
                Rule::from_name(n.trim()).ok_or_else(|| RunError::UnknownRule { name: n.clone() })
            })
            .collect()
    };
    let selected = parse(&args.select)?;
    let ignored = parse(&args.ignore)?;
    Ok(Rule::ALL
        .iter()
        .copied()
        .filter(|r| selected.is_empty() || selected.contains(r))
        .filter(|r| !ignored.contains(r))
        .collect())
}

fn run_check(args: &CheckArgs) -> Result<u8, RunError> {
    let settings = Settings {
        rules: select_rules(args)?,
        extra_hosts: args.flexy_host.clone(),
        threshold: if args.unsafe_fixes {
            Applicability::Unsafe
        } else {
            Applicability::Safe
        },
    };
    let mut run_failed = false;
    let mut roots = Vec::new();
    for p in &args.paths {
        if std::fs::symlink_metadata(p).is_err() {
            eprintln!(
                "{:?}",
                miette::Report::new(RunError::NoSuchPath { path: p.clone() })
            );
            run_failed = true;
        } else {
            roots.push(p.clone());
        }
    }
    let want_fix = args.fix || args.diff;
    let results: Mutex<Vec<FileResult>> = Mutex::new(Vec::new());
    let problems: Mutex<Vec<FileError>> = Mutex::new(Vec::new());
    walk::walk(&roots, &|entry| match entry {
        walk::Entry::File(path, lang) => match check_file(&path, lang, &settings, want_fix) {
            Ok(r) => results.lock().unwrap().push(r),
            Err(e) => problems.lock().unwrap().push(e),
        },
        walk::Entry::Error(path, message) => problems
            .lock()
            .unwrap()
            .push(FileError::Walk { path, message }),
    });
    let mut results = results.into_inner().unwrap();
    results.sort_by(|a, b| a.path.cmp(&b.path));
    let mut problems = problems.into_inner().unwrap();

    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut diff_changes = false;
    if args.diff {
        for r in &results {
            if let Some(new) = &r.new {
                diff_changes = true;
                let name = walk::display_path(&r.path);
                let name = name.trim_start_matches('/');
                let old = String::from_utf8_lossy(&r.original);
                let new = String::from_utf8_lossy(new);
                let diff = similar::TextDiff::from_lines(old.as_ref(), new.as_ref());
                write!(
                    out,
                    "{}",
                    diff.unified_diff()
                        .context_radius(3)
                        .header(&format!("a/{name}"), &format!("b/{name}"))
                )
                .map_err(RunError::Output)?;
            }
        }
    } else if args.fix {
        for r in &mut results {
            if let Some(new) = &r.new {
                if let Err(e) = write::write_atomic(&r.path, &r.original, new) {
                    problems.push(e);
                    // Nothing was written: what was fixed is still to do.
                    let fixed = std::mem::take(&mut r.fixed);
                    r.findings.extend(fixed);
                }
            }
        }
    }
    for p in problems {
        eprintln!("{:?}", miette::Report::new(p));
    }
    // Fixes left out are said, with the reason, so nothing is skipped silently.
    for r in &results {
        for (f, why) in &r.skipped {
            let (line, col) = source::line_col(&r.text, f.range.start.min(r.text.len()));
            let why = match why {
                fix::Skipped::Conflict => "it overlaps another fix; run --fix again",
                fix::Skipped::BreaksSyntax => "it would add a syntax error; fix it by hand",
                fix::Skipped::InsideError => "the code around it does not parse",
            };
            eprintln!(
                "{}:{line}:{col}: {}: fix not applied: {why}",
                walk::display_path(&r.path),
                f.rule.name()
            );
        }
    }
    let renderer = render::renderer(args.output_format);
    if !args.diff {
        renderer
            .render(&results, &mut out)
            .map_err(RunError::Output)?;
    }
    let summary = render::summary(&results, args.fix, args.diff, settings.threshold);
    if args.output_format == cli::OutputFormat::Human
        || args.output_format == cli::OutputFormat::Concise
    {
        if args.diff {
            eprintln!("{summary}");
        } else {
            writeln!(out, "{summary}").map_err(RunError::Output)?;
        }
    } else {
        eprintln!("{summary}");
    }
    let remaining: usize = results.iter().map(|r| r.findings.len()).sum();
    let code = if run_failed {
        2
    } else if args.exit_zero {
        0
    } else if (args.diff && diff_changes) || remaining > 0 {
        1
    } else {
        0
    };
    Ok(code)
}
