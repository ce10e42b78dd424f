//! `v3-migrate check`: the run over the paths or `--stdin-filename`, then the fixes, the
//! baseline, the output and the exit code.

use std::io::{self, IsTerminal, Read, Write};
use std::path::Path;

use super::collect::{collect, single_byte_warnings};
use super::fixes::{refuse_dirty, report_skipped, write_diff, write_fixes};
use super::scope::{RuleArgs, Scope};
use crate::baseline::Baseline;
use crate::cli::CheckArgs;
use crate::error::RunError;
use crate::input::decode;
use crate::lang::Lang;
use crate::outcome::RunResult;
use crate::pipeline::check_source;
use crate::render::{self, Format};
use crate::write;

/// The `check` arguments, resolved.
struct Options<'a> {
    args: &'a CheckArgs,
    scope: Scope<'a>,
}

impl Options<'_> {
    fn want_fix(&self) -> bool {
        self.args.fix || self.args.diff
    }

    /// The files the findings are written to besides (or instead of) standard output:
    /// `--output-file` in `--output-format`, then `--sarif-output` and the others.
    fn output_files(&self) -> Vec<(&Path, Format)> {
        let a = self.args;
        [
            (&a.output_file, a.output_format),
            (&a.sarif_output, Format::Sarif),
            (&a.json_output, Format::Json),
            (&a.gitlab_output, Format::Gitlab),
            (&a.junit_output, Format::Junit),
        ]
        .into_iter()
        .filter_map(|(path, format)| Some((path.as_deref()?, format)))
        .collect()
    }

    /// Machine-readable formats get no progress line and print the summary on stderr.
    fn human_output(&self) -> bool {
        matches!(self.args.output_format, Format::Human | Format::Concise)
    }
}

/// Runs `check`; the exit code.
pub fn check(args: &CheckArgs) -> Result<u8, RunError> {
    let rule_args = RuleArgs {
        select: &args.select,
        ignore: &args.ignore,
        unsafe_fixes: match (args.unsafe_fixes, args.no_unsafe_fixes) {
            (true, _) => Some(true),
            (_, true) => Some(false),
            _ => None,
        },
        only: &args.only,
    };
    let opts = Options {
        scope: Scope::resolve(&args.scope, &rule_args)?,
        args,
    };
    if let Some(name) = &args.stdin_filename {
        return check_stdin(&opts, name);
    }
    if args.parse_only {
        return Ok(super::parse_only::parse_only(&opts.scope));
    }
    if args.interactive && !io::stdin().is_terminal() {
        return Err(RunError::NotInteractive);
    }
    if let Some(path) = &args.write_baseline {
        // Refused before the run, not after it.
        write::check_output(path)?;
    }
    for (path, _) in opts.output_files() {
        write::check_output(path)?;
    }
    let mut baseline = args.baseline.as_deref().map(Baseline::load).transpose()?;
    let mut run = collect(
        &opts.scope,
        opts.want_fix(),
        opts.human_output() && !args.quiet,
    );
    let colour = render::colour::enabled(io::stdout().is_terminal());

    let stdout = io::stdout();
    let mut out = stdout.lock();
    let mut diff_changes = false;
    if args.diff {
        for r in &run.files {
            if let Some(new) = &r.new {
                diff_changes = true;
                write_diff(
                    &mut out,
                    &r.path,
                    r.encoding,
                    &r.original,
                    new,
                    &opts.scope.settings,
                    colour,
                )?;
            }
        }
    } else if args.fix {
        if !args.force {
            refuse_dirty(&run.files)?;
        }
        if args.interactive {
            crate::interactive::review(
                &mut run.files,
                &opts.scope.settings,
                &mut io::stdin().lock(),
                &mut io::stderr(),
            )
            .map_err(RunError::Output)?;
        }
        write_fixes(&mut run.files, &mut run.problems, &opts.scope);
    }
    if let Some(path) = &args.write_baseline {
        // The findings written are accepted: the run reports them as baselined.
        let written = Baseline::of(&run.files);
        written.save(path)?;
        baseline = Some(written);
    }
    if let Some(b) = &baseline {
        b.filter(&mut run.files);
    }
    for p in &run.problems {
        render::eprint_diagnostic(p);
    }
    report_skipped(&run.files);
    finish(&opts, &run, &mut out, diff_changes, colour)
}

/// The findings or statistics, the fixes list, the summary; the exit code.
fn finish(
    opts: &Options,
    report: &RunResult,
    out: &mut dyn Write,
    diff_changes: bool,
    colour: bool,
) -> Result<u8, RunError> {
    let args = opts.args;
    // Where the human-facing lines go: with the findings, unless stdout holds a patch, a
    // fixed source or a machine-readable document.
    let side_to_stdout = opts.human_output() && !args.diff && args.stdin_filename.is_none();
    let mut side: Box<dyn Write> = if side_to_stdout {
        Box::new(io::stdout())
    } else {
        // A closed stderr loses the summary, not the exit code.
        Box::new(render::Lossy(io::stderr()))
    };
    // `--output-file`: what would go to stdout goes to the file, uncoloured.
    let to_a_file = args.output_file.is_some();
    let mut to_file: Option<Vec<u8>> = to_a_file.then(Vec::new);
    let (out, colour): (&mut dyn Write, bool) = match &mut to_file {
        Some(buffer) => (buffer, false),
        None => (out, colour),
    };
    if args.statistics {
        let json = matches!(args.output_format, Format::Json | Format::JsonLines);
        render::statistics(report, json, out).map_err(RunError::Output)?;
    } else if !args.diff || to_a_file {
        render::renderer(args.output_format, colour)
            .render(report, out)
            .map_err(RunError::Output)?;
    }
    out.flush().map_err(RunError::Output)?;
    for (k, (path, format)) in opts.output_files().into_iter().enumerate() {
        let bytes = match (k, &mut to_file) {
            (0, Some(buffer)) => std::mem::take(buffer),
            _ => {
                let mut buffer = Vec::new();
                render::renderer(format, false)
                    .render(report, &mut buffer)
                    .map_err(RunError::Output)?;
                buffer
            }
        };
        write::write_output(path, &bytes)?;
    }
    if args.show_fixes && opts.want_fix() {
        render::show_fixes(&report.files, args.diff, &mut side).map_err(RunError::Output)?;
    }
    let summary = render::summary(
        report,
        args.fix,
        args.diff,
        opts.scope.settings.threshold,
        args.strict,
    );
    if !args.quiet {
        writeln!(side, "{summary}").map_err(RunError::Output)?;
    }
    side.flush().map_err(RunError::Output)?;
    let remaining: usize = report
        .files
        .iter()
        .map(|r| r.checked.linted.findings.len())
        .sum();
    let fixed_any = args.fix && report.files.iter().any(|r| r.new.is_some());
    Ok(
        if !report.complete || (args.strict && report.unchecked() > 0) {
            2
        } else if args.exit_zero {
            0
        } else if (args.diff && diff_changes)
            || remaining > 0
            || (args.exit_non_zero_on_fix && fixed_any)
        {
            1
        } else {
            0
        },
    )
}

/// `--stdin-filename NAME`: the source from stdin, as the file NAME. Findings go to stdout;
/// with `--fix` the fixed source does (exactly the input when nothing applies or the input
/// cannot be checked, so an editor never loses text) and the findings go to stderr.
fn check_stdin(opts: &Options, name: &Path) -> Result<u8, RunError> {
    let args = opts.args;
    if args
        .scope
        .paths
        .iter()
        .any(|p| p != Path::new("-") && p != Path::new("."))
    {
        return Err(RunError::StdinWithPaths);
    }
    let mut input = Vec::new();
    io::stdin()
        .read_to_end(&mut input)
        .map_err(RunError::Stdin)?;
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let echo = |out: &mut dyn Write| -> Result<(), RunError> {
        if args.fix {
            out.write_all(&input).map_err(RunError::Output)?;
        }
        Ok(())
    };
    let lang = Lang::from_path(name).ok_or_else(|| RunError::StdinLanguage {
        name: name.to_path_buf(),
    });
    let lang = match lang {
        Ok(l) => l,
        Err(e) => {
            echo(&mut out)?;
            return Err(e);
        }
    };
    if opts.scope.force_exclude && opts.scope.config.is_excluded(name) {
        echo(&mut out)?;
        return Ok(0);
    }
    let settings = opts.scope.for_file(name);
    let result = decode(name, &input).and_then(|(text, encoding)| {
        check_source(
            name,
            lang,
            input.clone(),
            text,
            encoding,
            &settings,
            opts.want_fix(),
        )
    });
    let result = match result {
        Ok(r) => r,
        Err(e) => {
            echo(&mut out)?;
            render::eprint_diagnostic(&e);
            return Ok(2);
        }
    };
    let diff_changes = result.new.is_some();
    if args.fix {
        out.write_all(result.new.as_deref().unwrap_or(&input))
            .map_err(RunError::Output)?;
    } else if args.diff {
        if let Some(new) = &result.new {
            write_diff(
                &mut out,
                name,
                result.encoding,
                &input,
                new,
                &opts.scope.settings,
                render::colour::enabled(io::stdout().is_terminal()),
            )?;
        }
    }
    out.flush().map_err(RunError::Output)?;
    let files = vec![result];
    report_skipped(&files);
    let problems = single_byte_warnings(&files);
    for p in &problems {
        render::eprint_diagnostic(p);
    }
    let report = RunResult {
        checked: files.len(),
        files,
        problems,
        threshold: settings.threshold,
        complete: true,
    };
    if args.fix {
        // stdout holds the source: the findings left go to stderr.
        let colour = render::colour::enabled(io::stderr().is_terminal());
        finish(opts, &report, &mut io::stderr(), diff_changes, colour)
    } else {
        let colour = render::colour::enabled(io::stdout().is_terminal());
        finish(opts, &report, &mut out, diff_changes, colour)
    }
}
