//! `v3-migrate report`: the inventory of a run written in a format, and the ratchet file.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::collect::collect;
use super::scope::{RuleArgs, Scope};
use crate::cli::ReportArgs;
use crate::display::display_path;
use crate::error::RunError;
use crate::render;
use crate::report::{write, Format, Inventory};

/// Runs `report`; the exit code.
pub fn report(args: &ReportArgs) -> Result<u8, RunError> {
    let mut scope = Scope::resolve(&args.scope, &RuleArgs::default())?;
    scope.settings.inventory = true;
    let run = collect(&scope, false, args.output_format == Format::Table);
    for p in &run.problems {
        render::eprint_diagnostic(p);
    }
    let inv = Inventory::of(
        &run.files,
        run.checked,
        args.today.unwrap_or_else(crate::report::today),
    );
    let mut out = std::io::stdout().lock();
    write(&inv, args.output_format, &mut out).map_err(RunError::Output)?;
    out.flush().map_err(RunError::Output)?;
    if !run.complete {
        return Ok(2);
    }
    match &args.ratchet {
        Some(path) => ratchet(path, &inv),
        None => Ok(0),
    }
}

/// The ratchet file: each group's count of v2 call sites.
#[derive(Debug, Serialize, Deserialize)]
struct Ratchet {
    version: u32,
    v2_call_sites: BTreeMap<String, usize>,
}

/// Compares the counts with the ratchet file: 1 when a group's count went up; the file is
/// rewritten when counts went down (and none up), and created when missing.
fn ratchet(path: &Path, inv: &Inventory) -> Result<u8, RunError> {
    let now = inv.v2_counts();
    let save = |counts: &BTreeMap<String, usize>| {
        let r = Ratchet {
            version: 1,
            v2_call_sites: counts.clone(),
        };
        let mut text = serde_json::to_string_pretty(&r).expect("a ratchet serialises");
        text.push('\n');
        crate::write::write_output(path, text.as_bytes())
    };
    // Read and then written: a FIFO or a device would block the read or be replaced.
    crate::write::check_output(path)?;
    let shown = display_path(path);
    let before = match std::fs::read_to_string(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            save(&now)?;
            render::eprint_line(format_args!(
                "ratchet: {shown} written with the current v2 call sites per group"
            ));
            return Ok(0);
        }
        Err(e) => {
            return Err(RunError::RatchetRead {
                path: path.to_path_buf(),
                why: e.to_string(),
            })
        }
        Ok(text) => serde_json::from_str::<Ratchet>(&text).map_err(|e| RunError::RatchetRead {
            path: path.to_path_buf(),
            why: e.to_string(),
        })?,
    };
    let was = |g: &str| before.v2_call_sites.get(g).copied().unwrap_or(0);
    let up: Vec<String> = now
        .iter()
        .filter(|(g, n)| **n > was(g))
        .map(|(g, n)| format!("{g} {} -> {n}", was(g)))
        .collect();
    if !up.is_empty() {
        render::eprint_line(format_args!(
            "ratchet: v2 call sites went up against {shown}: {} (migrate them, or see `v3-migrate check` for where)",
            up.join(", ")
        ));
        return Ok(1);
    }
    let down: Vec<String> = now
        .iter()
        .filter(|(g, n)| **n < was(g))
        .map(|(g, n)| format!("{g} {} -> {n}", was(g)))
        .collect();
    if !down.is_empty() {
        save(&now)?;
        render::eprint_line(format_args!(
            "ratchet: {shown} lowered: {}",
            down.join(", ")
        ));
    } else if before.v2_call_sites != now {
        // A group the file does not list yet (written by an older version).
        save(&now)?;
        render::eprint_line(format_args!("ratchet: {shown} completed with every group"));
    } else {
        render::eprint_line(format_args!(
            "ratchet: no group has more v2 call sites than {shown} records"
        ));
    }
    Ok(0)
}
