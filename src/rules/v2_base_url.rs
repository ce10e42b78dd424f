//! The v2 host, or a base URL ending in `/v2` (or in a group: `/v2/internet`), wherever a
//! base URL is built.
//!
//! ## What it finds
//! `https://flexy-api.oneclickdz.com`, with or without `/v2` or `/v2/<group>` (`topup`,
//! `plans`, `internet`, `gift-cards`, `account`), in a constant, a variable, a class
//! property, an object key (`baseURL`), or an environment default
//! (`process.env.X || "..."`, `os.environ.get("X", "...")`, `getenv("X") ?: "..."`).
//!
//! ## Why
//! v3 is served from another host: `https://api.oneclickdz.com/v3` (guide: "Base URL
//! Change"). The v2 host no longer answers.
//!
//! ## Example
//! ```js
//! const BASE = "https://flexy-api.oneclickdz.com/v2";   // before
//! const BASE = "https://api.oneclickdz.com/v3";         // after
//! const NET = "https://flexy-api.oneclickdz.com/v2/internet"; fetch(NET + "/checkCards/ADSL"); // before
//! const NET = "https://api.oneclickdz.com/v3/internet"; fetch(NET + "/products?type=ADSL");    // after
//! ```
//!
//! ## Fix safety
//! A host-only base is safe to change: the `/v2/...` paths appended to it are migrated by
//! `v2-endpoint`. A base ending in `/v2` changes with the version-less paths appended to it
//! (`BASE + "/topup/sendTopup"` becomes `BASE + "/mobile/send"`): safe when every one of them
//! is found and maps to v3; unsafe when some are built elsewhere (passed in, in another
//! file); not fixed when one of them matches no v2 endpoint. A grouped base takes the v3
//! prefix its paths share (`/v3/internet`; `topup` and `plans` paths share `/v3/mobile`;
//! `/v3` when they share none) and each path keeps the rest of its v3 path; it is not fixed
//! when no path appended to it is written in the file, or when a path-like string of the
//! file may be one of its paths and matches none of its rows.
//!
//! ## Guide section
//! The vendor's migration guide, "Choose Your Migration Strategy" (Base URL Change) and
//! "Migrate Your API Client" (step 1: change base URL).

use super::{Finding, Rule};
use crate::api;
use crate::context::Ctx;
use crate::flexy::Note;

pub fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for site in &ctx.bases {
        let version = site.base.v3_version().unwrap_or(api::V3_PREFIX);
        let target = if site.base.versioned() {
            format!("https://{}{version}", api::V3_HOST)
        } else {
            format!("https://{}", api::V3_HOST)
        };
        let (mut message, title) = if !site.base.on_v2_host() {
            // A proxy or gateway configured as a Flexy host keeps its host.
            (
                format!("v2 base URL: v3 paths start with `{version}`"),
                format!("Use `{version}` on the same host"),
            )
        } else if site.base.versioned() {
            (
                format!("v2 base URL: v3 is served from `{target}`"),
                format!("Use `{target}`"),
            )
        } else {
            (
                format!("v2 Flexy host: v3 is served from `{}`", api::V3_HOST),
                format!("Use `{target}`"),
            )
        };
        if let Some(n) = site.note {
            message.push_str(&format!(" ({})", super::v2_endpoint::note(n)));
        }
        // A base other files of the run import and append their paths to (a settings
        // module, a config array): those paths, headers and reads are not followed across
        // files yet, so the base stays on v2 with them. One only this file's functions use,
        // whose callers elsewhere are all followed, and no other file names, moves.
        if ctx.callers_elsewhere && site.note == Some(Note::PathsElsewhere) && !ctx.bases_followed()
        {
            message.push_str(
                "; other files of the run import this file, and what they send to this base is not followed across files yet, so it stays on v2 (migrate it with the code that uses it by hand)",
            );
            let mut finding = Finding::new(Rule::V2BaseUrl, site.range.clone(), message);
            finding.holds_unit = true;
            out.push(finding);
            continue;
        }
        // Its calls move with it, in its migration unit (`crate::units`); the paths its
        // functions' callers elsewhere give are followed there.
        let applicability = ctx.base_applicability(site);
        out.push(
            Finding::new(Rule::V2BaseUrl, site.range.clone(), message).with_fix(
                applicability,
                title,
                ctx.base_edits(site),
            ),
        );
    }
}
