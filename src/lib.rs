//! v3-migrate: finds OneClickDz Flexy API v2 code and rewrites it to v3.
//!
//! Data flows one way: walk -> read and decode (`input`) -> prefilter -> parse -> analyze
//! ("is this Flexy?") -> rules -> findings (diagnostic + optional fix) -> fix -> write, or
//! render and report; `run` drives a `check` or `report` run and `cli` reads the command line.
//!
//! The crate root declares the modules and names the library's API: [`check_text`] and
//! [`check_file`] (see `pipeline`), their settings and results (see `outcome`). No module
//! uses the crate root: each names the module an item lives in.

pub mod api;
pub mod baseline;
pub mod budget;
pub mod cli;
pub mod commands;
pub mod config;
pub mod context;
pub mod display;
pub mod document;
pub mod edit;
pub mod error;
pub mod excerpt;
pub mod fingerprint;
pub mod fix;
pub mod flexy;
pub mod flow;
pub mod groups;
pub mod host;
pub mod input;
pub mod interactive;
pub mod lang;
pub mod layout;
pub mod link;
pub mod outcome;
pub mod pipeline;
pub mod prefilter;
pub mod progress;
pub mod project;
pub mod render;
pub mod report;
pub mod rules;
pub mod run;
pub mod scope;
pub mod server;
pub mod source;
pub mod tree;
pub mod units;
pub mod vcs;
pub mod walk;
pub mod write;

pub use commands::main_with_args;
pub use input::{decode, read_candidate, read_source, Encoding};
pub use outcome::{Checked, FileResult, Linted};
pub use pipeline::{
    check_file, check_source, check_text, check_text_choosing, lint, lint_document, Settings,
    DEFAULT_MAX_FILE_SIZE,
};
