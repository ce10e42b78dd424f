//! `v3-migrate report`: the migration inventory, and the ratchet that keeps it from sliding
//! back.
//!
//! The inventory lists every endpoint of the table with its v2 call sites (each a
//! `v2-endpoint` finding) and its v3 call sites (a known `/v3/...` path on a Flexy host or
//! base), per group and per file. A v2 call site is *safe* when `--fix` migrates all of it
//! (its URL and every finding tied to it: header, reads of its body, error checks), *unsafe*
//! when some of that needs `--unsafe-fixes`, and *manual* when some of it has no fix.
//! Findings that are not a call site of their own (a base URL, a client's default header, an
//! error check whose request is elsewhere) are counted by rule.
//!
//! The formats (terminal table, JSON, Markdown) implement [`Writer`].

mod json;
mod markdown;
mod table;

use std::collections::BTreeMap;
use std::io::Write;

use serde::Serialize;

use crate::api::{self, Endpoint, Group, Groups};
use crate::display::display_path;
use crate::flow::Origin;
use crate::outcome::FileResult;
use crate::rules::{Applicability, Rule};
use crate::source::line_col;

/// The day the v2 API was switched off.
pub const SWITCH_OFF: Date = jiff::civil::date(2026, 10, 30);

/// A calendar date (jiff's: the calendar arithmetic is a well-kept crate's, not ours).
pub type Date = jiff::civil::Date;

/// Today, in UTC.
pub fn today() -> Date {
    jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date()
}

/// The days from `from` to `to` (negative when `to` is earlier).
pub fn days_between(from: Date, to: Date) -> i64 {
    from.until(to).map_or(0, |span| i64::from(span.get_days()))
}

/// Reads `YYYY-MM-DD` (a real day of the calendar: not 2026-02-30).
pub fn parse_date(s: &str) -> Result<Date, String> {
    let bad = || format!("`{s}` is not a date as YYYY-MM-DD");
    let s = s.trim();
    let shape = s.len() == 10
        && s.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if !shape {
        return Err(bad());
    }
    s.parse::<Date>().map_err(|_| bad())
}

/// How much of a v2 call site `--fix` migrates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Fixability {
    Manual,
    Unsafe,
    Safe,
}

impl Fixability {
    fn of(a: Option<Applicability>) -> Fixability {
        match a {
            Some(Applicability::Safe) => Fixability::Safe,
            Some(Applicability::Unsafe) => Fixability::Unsafe,
            None => Fixability::Manual,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Fixability::Safe => "safe",
            Fixability::Unsafe => "unsafe",
            Fixability::Manual => "manual",
        }
    }
}

/// Counts of call sites: v2 ones by fixability, and v3 ones.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub v2: usize,
    pub v3: usize,
    /// Of the v3 call sites, those whose request still has findings (a response read the
    /// v2 way, the v2 header): migrated, with work left.
    pub v3_with_findings: usize,
    pub safe: usize,
    #[serde(rename = "unsafe")]
    pub unsafe_: usize,
    pub manual: usize,
}

impl Counts {
    fn add_v2(&mut self, fix: Fixability) {
        self.v2 += 1;
        match fix {
            Fixability::Safe => self.safe += 1,
            Fixability::Unsafe => self.unsafe_ += 1,
            Fixability::Manual => self.manual += 1,
        }
    }

    /// The share of call sites on v3, in percent; None when there is none at all.
    pub fn migrated(&self) -> Option<f64> {
        let all = self.v2 + self.v3;
        (all > 0).then(|| 100.0 * self.v3 as f64 / all as f64)
    }

    /// `migrated` as text: `67%`, or `-` with no call site.
    pub fn migrated_text(&self) -> String {
        self.migrated()
            .map_or_else(|| "-".to_string(), |p| format!("{}%", p.floor()))
    }
}

/// `, 2 with findings left` after a count of v3 call sites, when some have findings.
pub(crate) fn with_findings(c: &Counts) -> String {
    match c.v3_with_findings {
        0 => String::new(),
        n => format!(", {n} with findings left"),
    }
}

/// ` (2 findings left)` after a v3 call site that has some.
pub(crate) fn left(n: usize) -> String {
    match n {
        0 => String::new(),
        1 => " (1 finding left)".to_string(),
        n => format!(" ({n} findings left)"),
    }
}

/// A v2 call site.
#[derive(Clone, Debug, Serialize)]
pub struct V2Site {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub fix: Fixability,
}

/// A v3 call site.
#[derive(Clone, Debug, Serialize)]
pub struct V3Site {
    pub file: String,
    pub line: usize,
    pub column: usize,
    /// Findings its request still has (0: migrated cleanly).
    pub findings_left: usize,
}

/// A call, in another file, of a function that requests one endpoint
/// (`flexy.getBalance()` of a client module): where the endpoint is used, not written.
#[derive(Clone, Debug, Serialize)]
pub struct CallEntry {
    pub file: String,
    pub line: usize,
    pub column: usize,
    /// The function called, as its module names it.
    pub function: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct EndpointEntry {
    pub group: &'static str,
    pub method: &'static str,
    pub v2: &'static str,
    pub v3: &'static str,
    /// From the vendor's changelog (an older v2 path), not the reference table.
    pub older: bool,
    pub counts: Counts,
    pub v2_sites: Vec<V2Site>,
    pub v3_sites: Vec<V3Site>,
    /// The calls of functions of other files that request it (not counted as call sites:
    /// the URL is written once, in the function).
    pub calls: Vec<CallEntry>,
}

#[derive(Clone, Debug, Serialize)]
pub struct GroupEntry {
    pub group: &'static str,
    pub counts: Counts,
    pub migrated_percent: Option<f64>,
}

#[derive(Clone, Debug, Serialize)]
pub struct FileEntry {
    pub file: String,
    pub counts: Counts,
}

/// Findings that are not a call site of their own, per rule.
#[derive(Clone, Debug, Serialize)]
pub struct OtherEntry {
    pub rule: &'static str,
    pub findings: usize,
    pub safe: usize,
    #[serde(rename = "unsafe")]
    pub unsafe_: usize,
    pub manual: usize,
}

/// Groups whose call sites share a client or base URL in some files: they cannot move
/// apart (`--only` reports them together).
#[derive(Clone, Debug, Serialize)]
pub struct SharedEntry {
    pub groups: Vec<&'static str>,
    pub files: Vec<String>,
}

/// The migration inventory of a tree.
#[derive(Clone, Debug, Serialize)]
pub struct Inventory {
    pub date: String,
    pub switch_off: String,
    pub days_since_switch_off: i64,
    pub total: Counts,
    pub migrated_percent: Option<f64>,
    /// In the guide's order of migration: gift cards, validate, account, mobile, internet.
    pub groups: Vec<GroupEntry>,
    pub endpoints: Vec<EndpointEntry>,
    pub files: Vec<FileEntry>,
    pub other: Vec<OtherEntry>,
    pub shared: Vec<SharedEntry>,
    pub files_checked: usize,
}

/// The sets of groups a file's findings tie together (each with more than one group).
fn tied_groups(r: &FileResult) -> Vec<Groups> {
    let mut sets: Vec<Groups> = Vec::new();
    for f in r
        .checked
        .linted
        .findings
        .iter()
        .filter(|f| f.groups.len() > 1)
    {
        let mut merged = f.groups;
        sets.retain(|s| {
            let overlaps = s.intersects(merged);
            if overlaps {
                merged |= *s;
            }
            !overlaps
        });
        sets.push(merged);
    }
    sets
}

impl Inventory {
    /// The inventory of the files of a run.
    pub fn of(results: &[FileResult], checked: usize, today: Date) -> Inventory {
        let mut endpoints: Vec<EndpointEntry> = api::ENDPOINTS
            .iter()
            .map(|e| EndpointEntry {
                group: e.group.name(),
                method: e.method,
                v2: e.v2,
                v3: e.v3,
                older: e.page == api::Page::Changelog,
                counts: Counts::default(),
                v2_sites: Vec::new(),
                v3_sites: Vec::new(),
                calls: Vec::new(),
            })
            .collect();
        let row = |e: &Endpoint| {
            api::ENDPOINTS
                .iter()
                .position(|x| x.v2 == e.v2 && x.method == e.method)
        };
        let mut files = Vec::new();
        let mut other: BTreeMap<Rule, OtherEntry> = BTreeMap::new();
        let mut shared: Vec<(Groups, Vec<String>)> = Vec::new();
        for r in results {
            let file = display_path(&r.path);
            for set in tied_groups(r) {
                match shared.iter_mut().find(|(g, _)| *g == set) {
                    Some((_, files)) => files.push(file.clone()),
                    None => shared.push((set, vec![file.clone()])),
                }
            }
            let mut counts = Counts::default();
            // The worst fix among the findings of each call site.
            let mut worst: BTreeMap<usize, Fixability> = r
                .checked
                .linted
                .findings
                .iter()
                .filter(|f| f.rule == Rule::V2Endpoint && f.endpoint.is_some())
                .filter_map(|f| match f.origin {
                    Some(Origin::Site(k)) => Some((k, Fixability::Safe)),
                    _ => None,
                })
                .collect();
            // The worst fix of each migration unit: a site whose path v3 keeps
            // (`/account/balance`) has no edit of its own and moves with its unit (its base).
            let mut unit_worst: BTreeMap<usize, Fixability> = BTreeMap::new();
            for f in &r.checked.linted.findings {
                if let (Some(u), Some(fix)) = (f.unit, &f.fix) {
                    let w = unit_worst.entry(u).or_insert(Fixability::Safe);
                    *w = (*w).min(Fixability::of(Some(fix.applicability)));
                }
            }
            for f in &r.checked.linted.findings {
                if let Some(Origin::Site(k)) = f.origin {
                    let Some(w) = worst.get_mut(&k) else { continue };
                    let kept = f.rule == Rule::V2Endpoint
                        && f.fix.is_none()
                        && f.endpoint.is_some_and(|e| e.v2.get(3..) == e.v3.get(3..));
                    let fix = match f.unit.and_then(|u| unit_worst.get(&u)) {
                        Some(unit) if kept => *unit,
                        // Its unit's edits are in another file (a client module's base).
                        None if kept => continue,
                        _ => Fixability::of(f.fix.as_ref().map(|x| x.applicability)),
                    };
                    *w = (*w).min(fix);
                }
            }
            for f in &r.checked.linted.findings {
                let (line, column) = line_col(&r.checked.text, f.range.start);
                match (f.rule, f.endpoint, f.origin) {
                    (Rule::V2Endpoint, Some(e), Some(Origin::Site(k))) => {
                        let Some(i) = row(e) else { continue };
                        let fix = worst[&k];
                        endpoints[i].v2_sites.push(V2Site {
                            file: file.clone(),
                            line,
                            column,
                            fix,
                        });
                        endpoints[i].counts.add_v2(fix);
                        counts.add_v2(fix);
                    }
                    // Tied to a call site: counted in the site's fixability.
                    (_, _, Some(Origin::Site(k))) if worst.contains_key(&k) => {}
                    _ => {
                        let o = other.entry(f.rule).or_insert(OtherEntry {
                            rule: f.rule.name(),
                            findings: 0,
                            safe: 0,
                            unsafe_: 0,
                            manual: 0,
                        });
                        o.findings += 1;
                        match Fixability::of(f.fix.as_ref().map(|x| x.applicability)) {
                            Fixability::Safe => o.safe += 1,
                            Fixability::Unsafe => o.unsafe_ += 1,
                            Fixability::Manual => o.manual += 1,
                        }
                    }
                }
            }
            for call in &r.checked.linted.v3_sites {
                let Some(i) = row(call.endpoint) else {
                    continue;
                };
                let (line, column) = line_col(&r.checked.text, call.range.start);
                endpoints[i].v3_sites.push(V3Site {
                    file: file.clone(),
                    line,
                    column,
                    findings_left: call.findings_left,
                });
                let left = usize::from(call.findings_left > 0);
                endpoints[i].counts.v3 += 1;
                endpoints[i].counts.v3_with_findings += left;
                counts.v3 += 1;
                counts.v3_with_findings += left;
            }
            for (range, e, function) in &r.checked.linted.calls {
                let Some(i) = row(e) else { continue };
                let (line, column) = line_col(&r.checked.text, range.start);
                endpoints[i].calls.push(CallEntry {
                    file: file.clone(),
                    line,
                    column,
                    function: function.clone(),
                });
            }
            if counts != Counts::default() {
                files.push(FileEntry { file, counts });
            }
        }
        let sum = |g: Option<Group>| {
            let mut c = Counts::default();
            for e in endpoints
                .iter()
                .filter(|e| g.is_none_or(|g| e.group == g.name()))
            {
                c.v2 += e.counts.v2;
                c.v3 += e.counts.v3;
                c.v3_with_findings += e.counts.v3_with_findings;
                c.safe += e.counts.safe;
                c.unsafe_ += e.counts.unsafe_;
                c.manual += e.counts.manual;
            }
            c
        };
        let groups = Group::ALL
            .iter()
            .map(|&g| {
                let counts = sum(Some(g));
                GroupEntry {
                    group: g.name(),
                    migrated_percent: counts.migrated(),
                    counts,
                }
            })
            .collect();
        let total = sum(None);
        // Older paths are listed only where the code still uses them; groups in the guide's
        // order of migration.
        endpoints.retain(|e| !e.older || e.counts.v2 > 0);
        endpoints.sort_by_key(|e| Group::ALL.iter().position(|g| g.name() == e.group));
        Inventory {
            date: today.to_string(),
            switch_off: SWITCH_OFF.to_string(),
            days_since_switch_off: days_between(SWITCH_OFF, today),
            migrated_percent: total.migrated(),
            total,
            groups,
            endpoints,
            files,
            other: other.into_values().collect(),
            shared: shared
                .into_iter()
                .map(|(g, files)| SharedEntry {
                    groups: g.iter().map(Group::name).collect(),
                    files,
                })
                .collect(),
            files_checked: checked,
        }
    }

    /// Each group's count of v2 call sites, for the ratchet.
    pub fn v2_counts(&self) -> BTreeMap<String, usize> {
        self.groups
            .iter()
            .map(|g| (g.group.to_string(), g.counts.v2))
            .collect()
    }
}

/// The output format of `report`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Json,
    Markdown,
}

/// How a report format writes the inventory.
pub trait Writer {
    fn write(&self, inv: &Inventory, out: &mut dyn Write) -> std::io::Result<()>;
}

fn writer(f: Format) -> Box<dyn Writer> {
    match f {
        Format::Table => Box::new(table::Table),
        Format::Json => Box::new(json::Json),
        Format::Markdown => Box::new(markdown::Markdown),
    }
}

/// Writes the inventory in a format (for tests and the CLI alike).
pub fn write(inv: &Inventory, f: Format, out: &mut dyn Write) -> std::io::Result<()> {
    writer(f).write(inv, out)
}

#[cfg(test)]
mod tests;
