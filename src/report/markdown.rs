//! The inventory as Markdown, for a pull-request comment: the groups as a table, each
//! endpoint with call sites in a collapsed list, then the files and the other findings.

use std::io::Write;

use super::{Counts, Inventory, Writer};

pub struct Markdown;

fn cells(c: &Counts) -> String {
    format!(
        "{} | {} | {} | {} | {} | {}",
        c.v2,
        c.v3,
        c.migrated_text(),
        c.safe,
        c.unsafe_,
        c.manual
    )
}

impl Writer for Markdown {
    fn write(&self, inv: &Inventory, out: &mut dyn Write) -> std::io::Result<()> {
        writeln!(out, "## Flexy v2 -> v3 migration inventory")?;
        writeln!(out)?;
        writeln!(
            out,
            "{}: **{} days** since the v2 switch-off ({}). **{}** of {} call sites on v3{}; {} files checked.",
            inv.date,
            inv.days_since_switch_off,
            inv.switch_off,
            inv.total.migrated_text(),
            inv.total.v2 + inv.total.v3,
            super::with_findings(&inv.total),
            inv.files_checked
        )?;
        writeln!(out)?;
        writeln!(
            out,
            "| group | v2 | v3 | migrated | safe | unsafe | manual |"
        )?;
        writeln!(out, "|---|---:|---:|---:|---:|---:|---:|")?;
        for g in &inv.groups {
            writeln!(out, "| {} | {} |", g.group, cells(&g.counts))?;
        }
        writeln!(out, "| **all** | {} |", cells(&inv.total))?;
        writeln!(out)?;
        writeln!(out, "### Endpoints")?;
        writeln!(out)?;
        writeln!(out, "| group | v2 | v3 | v2 sites | v3 sites |")?;
        writeln!(out, "|---|---|---|---:|---:|")?;
        for e in &inv.endpoints {
            let older = if e.older { " (older path)" } else { "" };
            writeln!(
                out,
                "| {} | `{} {}`{older} | `{}` | {} | {} |",
                e.group, e.method, e.v2, e.v3, e.counts.v2, e.counts.v3
            )?;
        }
        let with_sites: Vec<_> = inv
            .endpoints
            .iter()
            .filter(|e| !e.v2_sites.is_empty() || !e.v3_sites.is_empty() || !e.calls.is_empty())
            .collect();
        if !with_sites.is_empty() {
            writeln!(out)?;
            writeln!(out, "<details><summary>Call sites</summary>")?;
            writeln!(out)?;
            for e in with_sites {
                writeln!(out, "- `{} {}` -> `{}`", e.method, e.v2, e.v3)?;
                for s in &e.v2_sites {
                    writeln!(out, "  - v2 `{}:{}` ({})", s.file, s.line, s.fix.name())?;
                }
                for s in &e.v3_sites {
                    writeln!(
                        out,
                        "  - v3 `{}:{}`{}",
                        s.file,
                        s.line,
                        super::left(s.findings_left)
                    )?;
                }
                for c in &e.calls {
                    writeln!(out, "  - called `{}:{}` (`{}`)", c.file, c.line, c.function)?;
                }
            }
            writeln!(out)?;
            writeln!(out, "</details>")?;
        }
        if !inv.files.is_empty() {
            writeln!(out)?;
            writeln!(out, "### Files")?;
            writeln!(out)?;
            writeln!(
                out,
                "| file | v2 | v3 | migrated | safe | unsafe | manual |"
            )?;
            writeln!(out, "|---|---:|---:|---:|---:|---:|---:|")?;
            for f in &inv.files {
                writeln!(out, "| `{}` | {} |", f.file, cells(&f.counts))?;
            }
        }
        if !inv.shared.is_empty() {
            writeln!(out)?;
            writeln!(out, "### Groups that share a client or base URL")?;
            writeln!(out)?;
            writeln!(out, "They move together (`--only` reports them together), or the client is split first.")?;
            writeln!(out)?;
            for sh in &inv.shared {
                let files: Vec<String> = sh.files.iter().map(|f| format!("`{f}`")).collect();
                writeln!(out, "- {}: {}", sh.groups.join(" + "), files.join(", "))?;
            }
        }
        if !inv.other.is_empty() {
            writeln!(out)?;
            writeln!(out, "### Other findings")?;
            writeln!(out)?;
            writeln!(out, "| rule | findings | safe | unsafe | manual |")?;
            writeln!(out, "|---|---:|---:|---:|---:|")?;
            for o in &inv.other {
                writeln!(
                    out,
                    "| `{}` | {} | {} | {} | {} |",
                    o.rule, o.findings, o.safe, o.unsafe_, o.manual
                )?;
            }
        }
        Ok(())
    }
}
