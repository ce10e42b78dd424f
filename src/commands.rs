//! The command line's entry point and its small commands: `check` and `report` run
//! through their own modules; `rules` and `explain` print from the rule catalogue.

use std::ffi::OsString;
use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

use crate::cli::{self, Cli, Command};
use crate::error::RunError;
use crate::rules::Rule;
use crate::{render, run};

/// The entry point: parses `args`, runs, returns the exit code.
pub fn main_with_args(args: impl IntoIterator<Item = OsString>) -> ExitCode {
    let cli = match Cli::try_parse_from(args) {
        Ok(c) => c,
        Err(e) => {
            let printed = e.print();
            if e.use_stderr() {
                // A usage error: 2, whether or not stderr could say it.
                return ExitCode::from(2);
            }
            // `--help` and `--version` print on stdout: that write is checked too.
            return match printed {
                Ok(()) => ExitCode::SUCCESS,
                Err(io) => failed(RunError::Output(io)),
            };
        }
    };
    render::colour::set(cli.color);
    let result = match cli.command {
        Command::Check(args) => run::check(&args),
        Command::Report(args) => run::report(&args),
        Command::Rules { output_format } => print_rules(output_format),
        Command::Explain { rule } => explain(&rule),
        Command::Server(args) => crate::server::serve(&args),
        Command::Graph { paths } => print_graph(&paths),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => failed(e),
    }
}

/// The exit of a run that stopped on `e`: 2, said on stderr. A reader that closed the
/// output (`v3-migrate check | head`) ends the run quietly with 0, as ripgrep does.
fn failed(e: RunError) -> ExitCode {
    if let RunError::Output(io) = &e {
        if io.kind() == std::io::ErrorKind::BrokenPipe {
            return ExitCode::SUCCESS;
        }
    }
    render::eprint_line(format_args!("{:?}", miette::Report::new(e)));
    ExitCode::from(2)
}

fn print_rules(format: cli::RulesFormat) -> Result<u8, RunError> {
    let mut out = std::io::stdout().lock();
    let fix = |r: Rule| r.fix_availability().name();
    if format == cli::RulesFormat::Json {
        let list: Vec<_> = Rule::ALL
            .iter()
            .map(|&r| {
                serde_json::json!({
                    "name": r.name(),
                    "group": r.group().name(),
                    "severity": r.default_severity().name(),
                    "fix": fix(r),
                    "summary": r.summary(),
                })
            })
            .collect();
        serde_json::to_writer_pretty(&mut out, &list).map_err(|e| RunError::Output(e.into()))?;
        writeln!(out)
            .and_then(|()| out.flush())
            .map_err(RunError::Output)?;
        return Ok(0);
    }
    writeln!(
        out,
        "{:<22} {:<9} {:<9} {:<10} summary",
        "rule", "group", "severity", "fix"
    )
    .map_err(RunError::Output)?;
    for &r in Rule::ALL {
        writeln!(
            out,
            "{:<22} {:<9} {:<9} {:<10} {}",
            r.name(),
            r.group().name(),
            r.default_severity().name(),
            fix(r),
            r.summary()
        )
        .map_err(RunError::Output)?;
    }
    out.flush().map_err(RunError::Output)?;
    Ok(0)
}

fn explain(name: &str) -> Result<u8, RunError> {
    let rule = Rule::from_name(name).ok_or_else(|| RunError::UnknownRule {
        name: name.to_string(),
        help: crate::config::unknown_rule_help(name),
    })?;
    let fix = rule.fix_availability().name();
    let mut out = std::io::stdout().lock();
    write!(
        out,
        "# {}\n\ngroup: {} · default severity: {} · fix: {}\n\n{}",
        rule.name(),
        rule.group().name(),
        rule.default_severity().name(),
        fix,
        rule.doc()
    )
    .and_then(|()| out.flush())
    .map_err(RunError::Output)?;
    Ok(0)
}

/// `graph`: the module graph of the files under `paths`, one import a line: `from -> to`,
/// where `to` is a file of the project, `(external)`, `(missing)` or `(dynamic)`.
fn print_graph(paths: &[std::path::PathBuf]) -> Result<u8, RunError> {
    use crate::project::resolve::Resolution;
    use crate::project::{FileTable, ModuleGraph};
    let files = std::sync::Mutex::new(Vec::new());
    let filter = crate::walk::Filter {
        excluded: &|_, _| false,
        force: false,
    };
    crate::walk::walk(paths, &filter, &|e| {
        if let crate::walk::Entry::File(p, l) = e {
            files.lock().unwrap_or_else(|p| p.into_inner()).push((p, l));
        }
    });
    let mut files = files.into_inner().unwrap_or_else(|p| p.into_inner());
    files.sort();
    let table = FileTable::scan(&crate::project::files::common_root(paths), &files);
    let facts: Vec<_> = table
        .ids()
        .map(|id| {
            let text = std::fs::read(table.path(id)).ok()?;
            crate::project::facts_of_text(table.lang(id), &String::from_utf8_lossy(&text))
        })
        .collect();
    let graph = ModuleGraph::build(&table, &facts);
    let mut out = String::new();
    for id in table.ids() {
        for e in &graph.edges[id.0 as usize] {
            let to = match &e.to {
                Resolution::File(t) => table.path(*t).display().to_string(),
                Resolution::External => "(external)".to_string(),
                Resolution::Missing => "(missing)".to_string(),
                Resolution::Dynamic => "(dynamic)".to_string(),
            };
            out.push_str(&format!("{} -> {to}\n", table.path(id).display()));
        }
    }
    std::io::stdout()
        .write_all(out.as_bytes())
        .map_err(RunError::Output)?;
    Ok(0)
}
