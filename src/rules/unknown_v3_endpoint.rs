//! A `/v3/...` path on the Flexy host (or on a base that is) that v3 does not have.
//!
//! ## What it finds
//! A path written after `https://api.oneclickdz.com` (or the v2 host, or a configured Flexy
//! host), after a use of a Flexy base (`${BASE}/v3/...`), or at the start of a string that
//! the code around it ties to Flexy alone, whose first segment is Flexy's (`mobile`,
//! `account`, `topup`...), and which names no endpoint of the v3 reference table:
//! `/v3/mobile/list-plans`, `/v3/account/get-balance`, or a v2 path whose version alone was
//! changed (`/v3/topup/sendTopup`). Other OneClickDz products on the same host
//! (`/v3/ocpay/createLink`, `/v3/ocpay/checkPayment/:ref`, `/v3/bills/...`) and the app's
//! own paths (`/v3/orders`) are not judged. A version-less path appended to a v3 base
//! (`const BASE = "https://api.oneclickdz.com/v3"; fetch(`${BASE}/mobile/list-plans`)`, or
//! `/plans` on `.../v3/mobile`) is judged as the `/v3/...` path it makes. Paths with an expression where the endpoint's
//! name would be (`/v3/mobile/${op}`) are left alone: they could be any endpoint.
//!
//! ## Why
//! v3 answers an unknown path with `404 NOT_FOUND`: a hand migration that guessed a name, or
//! that changed `/v2` to `/v3` without the endpoint table, is as broken as v2 code.
//!
//! ## Example
//! ```js
//! fetch("https://api.oneclickdz.com/v3/mobile/list-plans", opts)   // reported:
//! // did you mean `/v3/mobile/plans`?
//! fetch("https://api.oneclickdz.com/v3/topup/sendTopup", opts)     // reported:
//! // `/v2/topup/sendTopup` is `/v3/mobile/send` in v3
//! ```
//!
//! ## Fix safety
//! No fix: the right endpoint is the author's to choose. The message names the nearest
//! endpoint: the v3 path of the v2 row the path spells with `/v3`, or else the endpoint of
//! the same group whose name is closest in spelling (any group's when the first segment
//! names none).
//!
//! ## Guide section
//! The vendor's migration guide, "Complete Endpoint Reference" (the v3 column).

use super::{Finding, Rule};
use crate::api::{self, v3::V3Path};
use crate::context::Ctx;
use crate::flexy::Tie;

pub fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for site in &ctx.v3_sites {
        let V3Path::Unknown {
            written, nearest, ..
        } = &site.path_match
        else {
            continue;
        };
        if site.tie != Tie::Proven {
            continue;
        }
        // Only Flexy's own groups are judged: other OneClickDz products share the host
        // (`/v3/ocpay/createLink`, `/v3/bills/...`), and a host-less path in a file that
        // calls Flexy may be the app's own (`/v3/orders`).
        if !starts_like_flexy(written) {
            continue;
        }
        let message = if nearest.from_v2 {
            format!(
                "`{written}` is not a v3 endpoint: it is a v2 path with `/v3`; v3 has `{} {}`",
                nearest.endpoint.method,
                nearest.path()
            )
        } else {
            format!(
                "`{written}` is not a v3 endpoint: did you mean `{}`?",
                nearest.path()
            )
        };
        out.push(Finding::new(
            Rule::UnknownV3Endpoint,
            site.path.clone(),
            message,
        ));
    }
}

/// `/v3/<segment>` where the segment is one of v3's groups or v2's first segments.
fn starts_like_flexy(written: &str) -> bool {
    let first = written
        .trim_start_matches("/v3/")
        .split(['/', '?', '#'])
        .next()
        .unwrap_or("");
    api::Group::ALL.iter().any(|g| g.name() == first) || api::V2_SEGMENTS.contains(&first)
}
