//! A migration unit that was not migrated: one of its required changes has no fix, is
//! suppressed, or belongs to a rule that is not selected, so none of its changes is made.
//!
//! ## What it finds
//! A migration unit (the changes that must move together for the program to keep working:
//! a request's URL, its header and every read of its body; a base URL and every path
//! appended to it; a wrapper and its callers) with a blocker: a v2 path that matches no v3
//! endpoint, a read the tool cannot rewrite, a `v3-migrate: ignore` comment on one of its
//! findings, a rule of it turned off by `--select`, `--ignore` or `per-file-ignores`. It is
//! reported once, at the blocker; the unit's other findings keep their messages, without
//! fixes.
//!
//! ## Why
//! Moving part of a unit breaks a program that works on v2 today: a header renamed while
//! its URL stays on v2 is rejected, a base moved to v3 while its paths stay on v2 answers
//! 404, a body read as v3 while it comes from v2 reads nothing. So a unit moves whole or
//! not at all, and this finding says which one stayed on v2 and why.
//!
//! ## Example
//! ```js
//! const BASE = "https://flexy-api.oneclickdz.com/v2/internet"; // blocked-migration: the base matches no v3 base
//! fetch(BASE + "/checkCards/ADSL", { headers: { authorization: KEY } }); // header left as it is
//! ```
//!
//! ## Fix safety
//! No fix: migrate the blocker by hand (or remove its suppression), then run `--fix` again;
//! the whole unit then moves.
//!
//! ## Guide section
//! None: this rule is about how the tool applies the others.

use std::ops::Range;

use super::{Finding, Rule};
use crate::context::Ctx;

/// Why a unit applies nothing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Blocker {
    /// A required member has no fix (a path that matches no v3 row, a read the tool
    /// cannot rewrite).
    NoFix,
    /// A member is suppressed by a `v3-migrate: ignore` comment.
    Suppressed,
    /// A member's rule is not selected (`--select`, `--ignore`, per-file ignores).
    NotSelected,
    /// A member belongs to an endpoint group `--only` leaves out.
    LeftOut,
    /// The file is linked by imports to this file of the run, and a unit of the linked
    /// files is blocked: linked files move together, a client module with its callers.
    Linked(String),
}

/// Nothing to find in a file by itself: units are formed after the other rules ran
/// (`crate::units`), and their blockers reported through [`report`].
pub fn check(_ctx: &Ctx, _out: &mut Vec<Finding>) {}

/// The finding of one blocked unit, at its blocker (`range`, found by `rule`); `members`
/// are the changes it holds back (a v2 response type, which the compiler reports, is not
/// one).
pub fn report<'a>(
    why: Blocker,
    range: Range<usize>,
    rule: Rule,
    members: impl Iterator<Item = &'a Finding>,
) -> Finding {
    let mut counts: Vec<(Rule, usize)> = Vec::new();
    for m in members {
        match counts.iter_mut().find(|(r, _)| *r == m.rule) {
            Some((_, n)) => *n += 1,
            None => counts.push((m.rule, 1)),
        }
    }
    let total: usize = counts.iter().map(|(_, n)| n).sum();
    let listed = counts
        .iter()
        .map(|(r, n)| format!("{n} {}", r.name()))
        .collect::<Vec<_>>()
        .join(", ");
    let reason = match why {
        Blocker::NoFix => format!("this `{}` finding has no fix", rule.name()),
        Blocker::Suppressed => format!(
            "this `{}` finding is suppressed by a `v3-migrate: ignore` comment",
            rule.name()
        ),
        Blocker::NotSelected => format!("the rule `{}` is not selected", rule.name()),
        Blocker::LeftOut => "`--only` leaves part of it out".to_string(),
        // A settings file and the code that reads its keys.
        Blocker::Linked(file)
            if crate::lang::Lang::from_path(std::path::Path::new(&file))
                == Some(crate::lang::Lang::Settings) =>
        {
            format!(
                "this file reads its Flexy base from the settings file `{file}`, and a migration unit of the files that read it is blocked (a base moves with every file that appends paths to it)"
            )
        }
        Blocker::Linked(file) => format!(
            "this file is linked by imports to `{file}`, and a migration unit of these linked files is blocked (files linked by imports move together: a client module is not migrated without its callers)"
        ),
    };
    let what = if total == 1 {
        "it stays as it is (nothing else moves with it)".to_string()
    } else {
        format!("none of its {total} changes ({listed}) is made")
    };
    Finding::new(
        Rule::BlockedMigration,
        range,
        format!(
            "migration unit kept on v2: {reason}, so {what}; the code keeps working against v2 until this is migrated"
        ),
    )
}
