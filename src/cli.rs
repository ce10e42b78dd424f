//! The command line, as clap definitions only.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "v3-migrate",
    version,
    about = about()
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Colour findings and diffs: `auto` (on a terminal, unless NO_COLOR is set or
    /// FORCE_COLOR asks for it), `always`, `never`.
    #[arg(long, global = true, value_enum, default_value_t = crate::render::colour::Choice::Auto)]
    pub color: crate::render::colour::Choice,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Report v2 code; with --fix, rewrite it; with --diff, show the rewrite.
    Check(Box<CheckArgs>),
    /// List the rules: name, group, default severity, fix availability.
    Rules {
        /// `text` (a table) or `json`.
        #[arg(long, value_enum, default_value_t = RulesFormat::Text)]
        output_format: RulesFormat,
    },
    /// The migration inventory: every endpoint with its v2 and v3 call sites, per group and
    /// per file, and the share migrated.
    Report(ReportArgs),
    /// Print a rule's documentation: what it finds, why, an example, fix safety, the guide
    /// section it comes from.
    Explain {
        /// The rule's name, e.g. `v2-endpoint`.
        rule: String,
    },
    /// Run a language server on stdin and stdout: the findings of the files open in an
    /// editor as diagnostics, their fixes (each migration unit whole, or all) as code
    /// actions.
    Server(ServerArgs),
    /// Print the module graph of the files under PATHS: each import and where it leads.
    #[command(hide = true)]
    Graph {
        #[arg(default_value = ".")]
        paths: Vec<PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    Text,
    Json,
}

/// What is checked and how Flexy is recognised: shared by `check` and `report`.
#[derive(Debug, clap::Args)]
pub struct ScopeArgs {
    /// Files or folders to check (default: the current folder; `-` with
    /// `--stdin-filename`: standard input).
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Extra hosts that count as Flexy (a proxy or gateway in front of the API).
    #[arg(long, value_delimiter = ',', value_parser = crate::host::host_arg)]
    pub flexy_host: Vec<String>,
    /// Read the configuration from FILE instead of the `v3-migrate.toml` found from the
    /// current folder upward.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Use no configuration file.
    #[arg(long, conflicts_with = "config")]
    pub isolated: bool,
    /// Skip files larger than this many megabytes (default 10; at least 1).
    #[arg(long, value_name = "MB", value_parser = clap::value_parser!(u64).range(1..))]
    pub max_file_size: Option<u64>,
    /// Parse every file, not only those whose bytes mention something a rule looks for
    /// (a Flexy host, a `/v2` path, a v2-only string). For comparing; the results are the
    /// same, only slower.
    #[arg(long)]
    pub no_prefilter: bool,
    /// Apply the configuration's include/exclude to files named on the command line too
    /// (pre-commit passes file names).
    #[arg(long)]
    pub force_exclude: bool,
}

#[derive(Debug, clap::Args)]
pub struct ServerArgs {
    #[command(flatten)]
    pub scope: ScopeArgs,
    /// Offer the unsafe fixes too.
    #[arg(long)]
    pub unsafe_fixes: bool,
}

#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub scope: ScopeArgs,
    /// `table` (for a terminal), `json`, or `markdown` (for a pull-request comment).
    #[arg(long, value_enum, default_value_t = crate::report::Format::Table)]
    pub output_format: crate::report::Format,
    /// Compare each group's count of v2 call sites with FILE: exit 1 when one went up;
    /// rewrite FILE when some went down and none up; create FILE when it does not exist.
    #[arg(long, value_name = "FILE")]
    pub ratchet: Option<PathBuf>,
    /// The date the report is for, as YYYY-MM-DD (default: today), for the days since the
    /// v2 switch-off.
    #[arg(long, value_name = "DATE", value_parser = crate::report::parse_date)]
    pub today: Option<crate::report::Date>,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub scope: ScopeArgs,
    /// Apply the safe fixes in place.
    #[arg(long)]
    pub fix: bool,
    /// Print the fixes as a unified diff; write nothing.
    #[arg(long, conflicts_with = "fix")]
    pub diff: bool,
    /// Only walk, read and parse every file (no prefilter, no rules, no output but a
    /// count): the floor the benchmarks compare `check` with.
    #[arg(long, hide = true, conflicts_with_all = ["fix", "diff"])]
    pub parse_only: bool,
    /// Also apply (or show) the unsafe fixes.
    #[arg(long, overrides_with = "no_unsafe_fixes")]
    pub unsafe_fixes: bool,
    /// Only the safe fixes, whatever the configuration file says (`unsafe-fixes = true`).
    #[arg(long, overrides_with = "unsafe_fixes")]
    pub no_unsafe_fixes: bool,
    /// Print the findings only: no summary, no progress line.
    #[arg(short, long)]
    pub quiet: bool,
    /// Output format of the findings.
    #[arg(long, value_enum, default_value_t = crate::render::Format::Human)]
    pub output_format: crate::render::Format,
    /// Write the findings (in --output-format) to FILE instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub output_file: Option<PathBuf>,
    /// Also write the findings as SARIF to FILE, in the same run.
    #[arg(long, value_name = "FILE")]
    pub sarif_output: Option<PathBuf>,
    /// Also write the findings as JSON to FILE, in the same run.
    #[arg(long, value_name = "FILE")]
    pub json_output: Option<PathBuf>,
    /// Also write the findings as a GitLab code-quality report to FILE, in the same run.
    #[arg(long, value_name = "FILE")]
    pub gitlab_output: Option<PathBuf>,
    /// Also write the findings as a JUnit report to FILE, in the same run.
    #[arg(long, value_name = "FILE")]
    pub junit_output: Option<PathBuf>,
    /// Only these rules (comma-separated names).
    #[arg(long, value_delimiter = ',')]
    pub select: Vec<String>,
    /// Not these rules (comma-separated names).
    #[arg(long, value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// Exit 0 even when findings remain.
    #[arg(long)]
    pub exit_zero: bool,
    /// Exit 2 when a file could not be checked (unreadable, too large, binary, nested too
    /// deep, not a regular file...), even with `--exit-zero`: in CI, a file not checked
    /// may hide v2 code.
    #[arg(long)]
    pub strict: bool,
    /// Exit 1 when `--fix` changed a file, even if no finding remains.
    #[arg(long)]
    pub exit_non_zero_on_fix: bool,
    /// List the fixes `--fix` applied (or `--diff` would apply), per file and rule.
    #[arg(long)]
    pub show_fixes: bool,
    /// Print counts per rule (with how many are fixable) instead of each finding.
    #[arg(long)]
    pub statistics: bool,
    /// Only the call sites of these endpoint groups (comma-separated: `account`, `mobile`,
    /// `internet`, `gift-cards`, `validate`), and those sharing a client or base URL with
    /// them: one group per pull request.
    #[arg(long, value_delimiter = ',', value_name = "GROUP", value_parser = group_arg)]
    pub only: Vec<crate::api::Group>,
    /// Report only findings not in the baseline FILE (written by `--write-baseline`).
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Write the fingerprints of the findings to FILE, to use with `--baseline`.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["fix", "diff"])]
    pub write_baseline: Option<PathBuf>,
    /// With `--fix`: show each fix's diff and ask whether to apply it (y yes, n no, a all
    /// the rest of this rule, q quit keeping what was applied). Needs a terminal.
    #[arg(long, requires = "fix")]
    pub interactive: bool,
    /// With `--fix`: write even into files with uncommitted changes in a git working tree.
    #[arg(long)]
    pub force: bool,
    // The help comes from the language table (`stdin_filename_help`).
    #[arg(long, value_name = "NAME", help = stdin_filename_help())]
    pub stdin_filename: Option<PathBuf>,
}

/// The tool's one-line description, naming the languages of [`crate::lang::KINDS`].
fn about() -> String {
    format!(
        "Find OneClickDz Flexy API v2 code in {} files, and rewrite it to v3",
        crate::lang::kind_list("and")
    )
}

/// `--stdin-filename`'s help, with the extensions of [`crate::lang::KINDS`].
fn stdin_filename_help() -> String {
    format!(
        "Read the source from standard input, as if it were the file NAME (its extension \
         gives the language: {}; the configuration's per-file settings apply to it). With \
         `--fix`, the fixed source is printed on stdout and the findings on stderr",
        crate::lang::extension_list()
    )
}

fn group_arg(name: &str) -> Result<crate::api::Group, String> {
    crate::api::Group::from_name(name.trim()).ok_or_else(|| {
        let names: Vec<&str> = crate::api::Group::ALL.iter().map(|g| g.name()).collect();
        format!(
            "unknown endpoint group `{name}` (groups: {})",
            names.join(", ")
        )
    })
}
