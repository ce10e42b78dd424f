//! The inventory for a terminal: the groups, then each endpoint with its call sites, the
//! files, and the findings that are not call sites.

use std::io::Write;

use super::{Counts, Inventory, Writer};

pub struct Table;

impl Writer for Table {
    fn write(&self, inv: &Inventory, out: &mut dyn Write) -> std::io::Result<()> {
        writeln!(
            out,
            "Flexy v2 -> v3 migration inventory, {}: {} days since the v2 switch-off ({})",
            inv.date, inv.days_since_switch_off, inv.switch_off
        )?;
        writeln!(
            out,
            "{} of {} call sites on v3 ({} migrated{}), {} files checked",
            inv.total.v3,
            inv.total.v2 + inv.total.v3,
            inv.total.migrated_text(),
            super::with_findings(&inv.total),
            inv.files_checked
        )?;
        writeln!(out)?;
        header(out, "group", 12)?;
        for g in &inv.groups {
            row(out, g.group, 12, &g.counts)?;
        }
        row(out, "all", 12, &inv.total)?;
        writeln!(out)?;
        writeln!(
        out,
        "Endpoints (v2 -> v3: v2 call sites, v3 call sites; calls of a function of another file requesting it)"
    )?;
        for e in &inv.endpoints {
            let older = if e.older { " (older v2 path)" } else { "" };
            writeln!(
                out,
                "  {:<10} {} {} -> {}{older}: {} v2, {} v3{}",
                e.group,
                e.method,
                e.v2,
                e.v3,
                e.counts.v2,
                e.counts.v3,
                super::with_findings(&e.counts)
            )?;
            for s in &e.v2_sites {
                writeln!(out, "      v2 {}:{} ({})", s.file, s.line, s.fix.name())?;
            }
            for s in &e.v3_sites {
                writeln!(
                    out,
                    "      v3 {}:{}{}",
                    s.file,
                    s.line,
                    super::left(s.findings_left)
                )?;
            }
            for c in &e.calls {
                writeln!(out, "      called {}:{} (`{}`)", c.file, c.line, c.function)?;
            }
        }
        if !inv.files.is_empty() {
            writeln!(out)?;
            header(out, "file", 40)?;
            for f in &inv.files {
                row(out, &f.file, 40, &f.counts)?;
            }
        }
        if !inv.shared.is_empty() {
            writeln!(out)?;
            writeln!(out, "Groups that share a client or base URL (they move together, or the client is split first)")?;
            for sh in &inv.shared {
                writeln!(out, "  {}: {}", sh.groups.join(" + "), sh.files.join(", "))?;
            }
        }
        if !inv.other.is_empty() {
            writeln!(out)?;
            writeln!(out, "Other findings (base URLs, shared headers, error checks not tied to one call site)")?;
            writeln!(
                out,
                "{:<22} {:>8} {:>6} {:>7} {:>7}",
                "rule", "findings", "safe", "unsafe", "manual"
            )?;
            for o in &inv.other {
                writeln!(
                    out,
                    "{:<22} {:>8} {:>6} {:>7} {:>7}",
                    o.rule, o.findings, o.safe, o.unsafe_, o.manual
                )?;
            }
        }
        Ok(())
    }
}

/// The header of a table of counts, its first column `width` wide.
fn header(out: &mut dyn Write, first: &str, width: usize) -> std::io::Result<()> {
    writeln!(
        out,
        "{first:<width$} {:>5} {:>5} {:>9} {:>6} {:>7} {:>7}",
        "v2", "v3", "migrated", "safe", "unsafe", "manual"
    )
}

/// One row of counts.
fn row(out: &mut dyn Write, name: &str, width: usize, c: &Counts) -> std::io::Result<()> {
    writeln!(
        out,
        "{name:<width$} {:>5} {:>5} {:>9} {:>6} {:>7} {:>7}",
        c.v2,
        c.v3,
        c.migrated_text(),
        c.safe,
        c.unsafe_,
        c.manual
    )
}
