//! The command line, as clap definitions only.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "v3-migrate",
    version,
    about = "Find OneClickDz Flexy API v2 code in JavaScript, PHP and Python, and rewrite it to v3"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Report v2 code; with --fix, rewrite it; with --diff, show the rewrite.
    Check(CheckArgs),
    /// List the rules.
    Rules,
    /// Print a rule's documentation.
    Explain {
        /// The rule's name, e.g. `v2-endpoint`.
        rule: String,
    },
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Files or folders to check (default: the current folder).
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Apply the safe fixes in place.
    #[arg(long)]
    pub fix: bool,
    /// Print the fixes as a unified diff; write nothing.
    #[arg(long, conflicts_with = "fix")]
    pub diff: bool,
    /// Also apply (or show) the unsafe fixes.
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Output format of the findings.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub output_format: OutputFormat,
    /// Only these rules (comma-separated names).
    #[arg(long, value_delimiter = ',')]
    pub select: Vec<String>,
    /// Not these rules (comma-separated names).
    #[arg(long, value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// Exit 0 even when findings remain.
    #[arg(long)]
    pub exit_zero: bool,
    /// Extra hosts that count as Flexy (a proxy or gateway in front of the API).
    #[arg(long, value_delimiter = ',')]
    pub flexy_host: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Full diagnostics with source snippets.
    Human,
    /// One line per finding.
    Concise,
    /// A JSON array of findings.
    Json,
    /// SARIF 2.1.0.
    Sarif,
}
