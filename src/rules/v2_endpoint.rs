//! A v2 Flexy endpoint path, in any string form.
//!
//! ## What it finds
//! A `/v2/...` path of the Flexy API written in a string literal, a template literal, an
//! f-string, PHP interpolation, a concatenation, or a `%`/`.format`/`sprintf` format, with
//! its path parameters as literal text or as expressions, with or without a query string;
//! and a version-less path appended to a base that ends in `/v2`.
//!
//! ## Why
//! v2 was switched off on October 30, 2026: every v2 path now fails. The v3 paths are
//! regrouped (`/mobile/*`, `/internet/*`) and two endpoints take query parameters instead of
//! path parameters (guide: "Complete Endpoint Reference").
//!
//! ## Example
//! ```js
//! fetch(`${BASE}/v2/topup/checkStatus/REF/${ref}`)          // before
//! fetch(`${BASE}/v3/mobile/check-ref/${ref}`)               // after
//! BASE + "/v2/internet/checkNumber/" + t + "/" + n          // before
//! BASE + "/v3/internet/check-number?type=" + t + "&number=" + n   // after
//! ```
//!
//! ## Fix safety
//! Safe when the path is provably Flexy: the Flexy host or a Flexy base is written before it,
//! its path exists only in Flexy, or the code around it calls only Flexy. Unsafe when the
//! file also calls other hosts, for the changelog's older paths (the vendor's pages disagree
//! on their target), and when a parameter that moves to the query string is followed by an
//! expression. A `/v2/` path that matches no endpoint is reported without a fix.
//! The response of a v3 endpoint is wrapped in `{success, data, ...}`: the reads of the
//! response must move with the URL (see `unwrapped-response`).
//!
//! ## Guide section
//! The vendor's migration guide, "Complete Endpoint Reference" (the v2 -> v3 table) and
//! "Step-by-Step Migration Examples"; the older paths come from the vendor's changelog.

use super::{Applicability, Finding, Rule};
use crate::context::Ctx;
use crate::flexy::Note;
use crate::flow::Origin;

pub fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let flow = ctx.flow();
    for (k, site) in ctx.endpoints.iter().enumerate() {
        let Some(m) = &site.matched else {
            let note = site.note.map(note).unwrap_or_default();
            out.push(
                Finding::new(
                    Rule::V2Endpoint,
                    site.range.clone(),
                    format!("v2 Flexy path: {note}"),
                )
                .from_origin(Origin::Site(k)),
            );
            continue;
        };
        let e = m.endpoint;
        let mut message = format!(
            "v2 endpoint `{} {}`: v3 has `{} {}`",
            e.method, e.v2, e.method, e.v3
        );
        if let Some(n) = site.note {
            message.push_str(&format!(" ({})", note(n)));
        }
        let mut applicability = site.applicability;
        // A path tied to another file's base moves only when a request of this file is
        // seen sending it (one written alone, giving the body itself): one handed to code
        // elsewhere (`$client->get('/topup/list')` of a class of another file) would reach
        // v3 with its reads left on v2.
        if site.note == Some(Note::OnGivenBase) && !flow.site_sent(k, site.toks.start == 0) {
            applicability = None;
            message.push_str(
                "; no request of this file is seen sending it, so its response is not followed: it stays on v2 with its base (migrate them by hand)",
            );
        }
        // A path appended to a base moves with the base, which moves with every call made
        // with it: they are one migration unit (`crate::units`).
        if flow.site_unsafe(k) {
            applicability = applicability.map(|_| Applicability::Unsafe);
            message.push_str(" (its response escapes the analysis: see `unwrapped-response`)");
        }
        let title = format!("Use `{}`", e.v3);
        out.push(
            Finding::new(Rule::V2Endpoint, site.range.clone(), message)
                .with_fix(applicability, title, ctx.endpoint_edits(site))
                .from_origin(Origin::Site(k))
                .for_endpoint(e),
        );
    }
}

/// Why a site's fix is missing or unsafe, in words (`v2-base-url` says it the same way).
pub(super) fn note(n: Note) -> &'static str {
    match n {
        Note::ChosenAtRunTime => "its endpoint is chosen at run time (`/v2/${...}`), so its v3 path is unknown: migrate it by hand",
        Note::NoV3Endpoint => "no v3 endpoint matches this path: migrate it by hand",
        Note::Disputed => "an older v2 path: the vendor's pages disagree on its v3 target",
        Note::OtherHosts => "this file also calls other hosts: check that this path is sent to Flexy",
        Note::QueryValueFollowed => "the parameter that becomes a query value is followed by an expression: check where it ends",
        Note::UnmatchedOnBase => "this path is appended to a v2 base but matches no v2 endpoint: migrate it and the base by hand",
        Note::OnBase => "a version-less path, tied to the v2 base of this file",
        Note::BaseBlocked => "its v2 base cannot be migrated safely: migrate them together by hand",
        Note::NotAnEndpoint => "the path after the v2 host is not a v2 endpoint: migrate it by hand",
        Note::GroupPathsUnseen => "the paths appended to this grouped base are not all written in this file, or one matches none of its endpoints: migrate them together by hand",
        Note::BaseHasUnmatchedPath => "a path appended to this base matches no v2 endpoint: migrate them together by hand",
        Note::PathsElsewhere => "paths appended to this base elsewhere must move to v3 with it",
        Note::GivenToImported => "a version-less path given to a function of another file, which appends it to its v2 base",
        Note::OnGivenBase => "a version-less path, tied to the v2 base of another file that this file imports (they move to v3 together)",
        Note::HandedToImported => "this base is handed to code of another file of the run that this file imports, which does not tie every path it appends to it (or was not checked with it): it stays on v2 until they are migrated together by hand",
    }
}
