//! The memory budget of a run: the checking threads take a share of it before they parse a
//! file, so that two large files are not analysed at once, and a file whose analysis alone
//! would not fit is skipped with a message instead of the run being killed for memory.
//!
//! Owns the estimate (a file's size times [`BYTES_PER_SOURCE_BYTE`]) and the budget (half
//! of the machine's memory). Not: what is done with a file (`run`).

use std::sync::{Condvar, Mutex};

/// Peak memory of checking a file, per byte of it: measured with `/usr/bin/time -v` on
/// minified bundles (benches/memory.sh): 1 MB peaked at 166 MB, 5 MB at 773 MB. Half of it
/// is tree-sitter's own tree (76 bytes a byte of minified code, heaptrack), the rest the
/// parent index (24) and the analysis' per-node tables.
pub const BYTES_PER_SOURCE_BYTE: u64 = 180;

/// The budget when the machine's memory cannot be read.
const FALLBACK: u64 = 4_000_000_000;

/// Memory the checking threads share.
pub struct Budget {
    total: u64,
    used: Mutex<u64>,
    freed: Condvar,
}

/// A share of the budget, given back when dropped.
pub struct Share<'a> {
    budget: &'a Budget,
    amount: u64,
}

impl Drop for Share<'_> {
    fn drop(&mut self) {
        let mut used = self.budget.used.lock().unwrap_or_else(|e| e.into_inner());
        *used -= self.amount;
        self.budget.freed.notify_all();
    }
}

/// A file too large for the whole budget.
#[derive(Debug, PartialEq, Eq)]
pub struct OverBudget {
    pub estimate: u64,
    pub budget: u64,
}

impl Budget {
    /// `V3_MIGRATE_MEMORY_MB` megabytes when set, else half of the machine's memory
    /// (`MemTotal` of `/proc/meminfo`), or 4 GB.
    pub fn of_machine() -> Budget {
        let set = std::env::var("V3_MIGRATE_MEMORY_MB")
            .ok()
            .and_then(|v| v.trim().parse::<u64>().ok())
            .map(|mb| mb.saturating_mul(1_000_000));
        let total = set.unwrap_or_else(|| {
            std::fs::read_to_string("/proc/meminfo")
                .ok()
                .and_then(|m| mem_total(&m))
                .map_or(FALLBACK, |t| t / 2)
        });
        Budget::new(total)
    }

    pub fn new(total: u64) -> Budget {
        Budget {
            total,
            used: Mutex::new(0),
            freed: Condvar::new(),
        }
    }

    /// Memory checking a file of `size` bytes is estimated to take.
    pub fn estimate(size: u64) -> u64 {
        size.saturating_mul(BYTES_PER_SOURCE_BYTE)
    }

    /// Takes the share of a file of `size` bytes, waiting until the others leave room for
    /// it; or says it can never fit.
    pub fn take(&self, size: u64) -> Result<Share<'_>, OverBudget> {
        let amount = Budget::estimate(size);
        if amount > self.total {
            return Err(OverBudget {
                estimate: amount,
                budget: self.total,
            });
        }
        let mut used = self.used.lock().unwrap_or_else(|e| e.into_inner());
        while *used + amount > self.total {
            used = self.freed.wait(used).unwrap_or_else(|e| e.into_inner());
        }
        *used += amount;
        Ok(Share {
            budget: self,
            amount,
        })
    }
}

/// `MemTotal` of a `/proc/meminfo` text, in bytes.
fn mem_total(meminfo: &str) -> Option<u64> {
    let line = meminfo.lines().find(|l| l.starts_with("MemTotal:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

#[cfg(test)]
mod tests;
