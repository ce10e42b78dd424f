//! The v2 host, or a base URL ending in `/v2` (or in a group: `/v2/internet`), wherever a
//! base URL is built.
//!
//! ## What it finds
//! `https://flexy-api.oneclickdz.com`, with or without `/v2` or `/v2/<group>` (`topup`,
//! `plans`, `internet`, `gift-cards`, `account`), in a constant, a variable, a class
//! property, an object key (`baseURL`), or an environment default
//! (`process.env.X || "..."`, `os.environ.get("X", "...")`, `getenv("X") ?: "..."`); and
//! the value a settings file gives a key (`.env`: `FLEXY_URL=https://.../v2`, JSON, YAML,
//! INI, TOML).
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
//! A base bound to a name that other files of the run import and name (`FLEXY_BASE_URL`
//! of a settings module, `baseUrl` of a config object) is given to those files: their
//! version-less paths are tied to it, and it moves with them, one unit across the files,
//! when every one of them is followed (each ties paths to it, sent by a request it makes,
//! and none matches no v2 endpoint). Else it stays on v2, and the files with it.
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
        // module, a config object): it moves when every file naming it ties its paths to
        // it (`run::bases`) and every caller of this file's functions is followed; else it
        // stays on v2 with them.
        let named_elsewhere = ctx.across.bases_elsewhere && site.base.name.is_some();
        if ctx.callers_elsewhere
            && (site.note == Some(Note::PathsElsewhere) || named_elsewhere)
            && !ctx.bases_followed()
        {
            message.push_str(
                "; other files of the run import this file and name this base, and one of them is not followed (it hands the base on to code elsewhere, appends a path matching no v2 endpoint, or calls this file's functions where they cannot be followed), so it stays on v2 (migrate it with the code that uses it by hand)",
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

/// The Flexy bases of a settings file (`.env`, JSON, YAML, INI, TOML: see
/// [`crate::lang::settings`]), one finding and one unit each. A versioned v2 base moves when
/// the run followed every file naming its key (`run::bases`: each ties its paths to it);
/// any other (a bare host, a grouped base, one no file of the run names) stays on v2.
/// `across` is what the run said of the file.
pub fn check_settings(
    values: &[crate::lang::settings::Value],
    across: &crate::flexy::across::Env,
    out: &mut Vec<Finding>,
) {
    use crate::edit::Edit;
    use crate::rules::Applicability;
    let followed = across.bases_shared && !across.bases_elsewhere;
    for (unit, v) in values.iter().enumerate() {
        let versioned = v.form().is_some();
        let on_v2_host = v.host.eq_ignore_ascii_case(api::V2_HOST);
        let mut message = format!(
            "v2 base URL in a settings file, at `{}`: v3 is served from `https://{}{}`",
            v.key,
            api::V3_HOST,
            api::V3_PREFIX
        );
        let mut finding = if versioned && followed {
            message.push_str(" (it moves with the paths the files that read it append to it)");
            let scheme = v.host_len - v.host.len();
            let mut edits = Vec::new();
            if on_v2_host {
                edits.push(Edit {
                    range: v.range.start + scheme..v.range.start + v.host_len,
                    content: api::V3_HOST.to_string(),
                });
            }
            let version = v.range.start + v.host_len;
            edits.push(Edit {
                range: version..version + api::V2_PREFIX.len(),
                content: api::V3_PREFIX.to_string(),
            });
            Finding::new(Rule::V2BaseUrl, v.range.clone(), message).with_fix(
                Some(Applicability::Safe),
                format!("Use `https://{}{}`", api::V3_HOST, api::V3_PREFIX),
                Some(edits),
            )
        } else {
            message.push_str(if !versioned {
                "; the code that appends its paths is not followed from a settings file unless the value ends in `/v2`, so it stays on v2 (migrate it with that code by hand)"
            } else if across.bases_shared {
                "; a file of the run that names this key is not followed (it hands the value on, or appends a path matching no v2 endpoint), so it stays on v2 (migrate it with that code by hand)"
            } else {
                "; no file of the run names this key (code outside the run may read it), so it stays on v2 (migrate it with the code that reads it by hand)"
            });
            let mut f = Finding::new(Rule::V2BaseUrl, v.range.clone(), message);
            f.holds_unit = true;
            f
        };
        finding.unit = Some(unit);
        out.push(finding);
    }
}
