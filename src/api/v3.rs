//! Matching written `/v3/...` paths against the v3 endpoints: a known endpoint (a call site
//! already migrated), a path v3 does not have (with the nearest real one), or a path built at
//! run time that cannot be told.
//!
//! The v3 endpoints are the v3 column of the guide's reference table; nothing else is known to
//! exist in v3. Only the path is compared: the query string (`?type=...`) is the caller's.

use super::path::{Piece, Tok};
use super::{match_endpoint, Endpoint, Form, Page, ENDPOINTS};

/// What a `/v3/...` path written at a token position is.
#[derive(Clone, Debug)]
pub enum V3Path {
    /// A v3 endpoint of the table; `end` is one past its path.
    Known {
        endpoint: &'static Endpoint,
        end: usize,
    },
    /// A path no v3 endpoint has, with its text and the nearest endpoint.
    Unknown {
        end: usize,
        written: String,
        nearest: Nearest,
    },
    /// A path with an expression in it that could still be an endpoint (`/v3/mobile/${op}`).
    Dynamic,
}

/// The endpoint suggested for an unknown path, and why.
#[derive(Clone, Debug)]
pub struct Nearest {
    pub endpoint: &'static Endpoint,
    /// The unknown path is a v2 path with `/v2` changed to `/v3`: the suggestion is that
    /// row's v3 path, not a guess by spelling.
    pub from_v2: bool,
}

/// The rows with a v3 endpoint of their own (the changelog's older paths map onto them).
fn v3_rows() -> impl Iterator<Item = &'static Endpoint> {
    ENDPOINTS.iter().filter(|e| e.page == Page::Reference)
}

/// A v3 pattern's path, without its query string.
fn path_of(e: &Endpoint) -> &'static str {
    e.v3.split('?').next().unwrap_or(e.v3)
}

static PATH_PIECES: std::sync::LazyLock<Vec<(&'static Endpoint, Vec<Piece>)>> =
    std::sync::LazyLock::new(|| {
        v3_rows()
            .map(|e| (e, super::path::pieces(path_of(e))))
            .collect()
    });

/// How a pattern fares against the tokens.
enum Fit {
    Match(usize),
    /// The literal text agrees with the pattern up to an expression.
    Maybe,
    No,
}

fn fit(toks: &[Tok], at: usize, pieces: &[Piece]) -> Fit {
    let mut i = at;
    for (k, piece) in pieces.iter().enumerate() {
        match *piece {
            Piece::Param(_) => {
                let start = i;
                while !matches!(toks.get(i), None | Some(Tok::Ch('/' | '?' | '#'))) {
                    i += 1;
                }
                // A last parameter may be appended later (`"/v3/mobile/check-id/" + id`).
                if i == start && !(k + 1 == pieces.len() && i == toks.len()) {
                    return Fit::No;
                }
            }
            Piece::Lit(c) => match toks.get(i) {
                Some(Tok::Ch(x)) if *x == c => i += 1,
                Some(Tok::Hole(_)) => return Fit::Maybe,
                // A prefix ending on a `/` is one the rest is appended to later
                // (`GIFT = BASE + "/v3/gift-cards/"`); a string ending mid-name is whole.
                None if i > at && toks[i - 1] == Tok::Ch('/') => return Fit::Maybe,
                None => return Fit::No,
                _ => return Fit::No,
            },
        }
    }
    match toks.get(i) {
        None | Some(Tok::Ch('?' | '#')) => Fit::Match(i),
        Some(Tok::Ch('/')) if toks.get(i + 1).is_none() => Fit::Match(i + 1),
        // `/v3/mobile/plans${query}`: a query string or nothing, most likely.
        Some(Tok::Hole(_)) => Fit::Match(i),
        _ => Fit::No,
    }
}

/// The end of a written path: up to a query string, a fragment, a quote or a space.
fn path_end(toks: &[Tok], at: usize) -> usize {
    let mut k = at;
    while !matches!(
        toks.get(k),
        None | Some(Tok::Ch('?' | '#' | '"' | '\'' | ' ' | '`'))
    ) {
        k += 1;
    }
    k
}

/// Classifies the `/v3/...` path that starts at `toks[at]`.
pub fn match_v3(toks: &[Tok], at: usize) -> V3Path {
    let mut maybe = false;
    for (e, pieces) in PATH_PIECES.iter() {
        match fit(toks, at, pieces) {
            Fit::Match(end) => return V3Path::Known { endpoint: e, end },
            Fit::Maybe => maybe = true,
            Fit::No => {}
        }
    }
    let end = path_end(toks, at);
    if maybe || toks[at..end].iter().any(|t| matches!(t, Tok::Hole(_))) {
        // An expression inside the path could make it any endpoint: not reported.
        if maybe || !diverges_before_hole(toks, at) {
            return V3Path::Dynamic;
        }
    }
    let written: String = toks[at..end]
        .iter()
        .map(|t| match t {
            Tok::Ch(c) => c.to_string(),
            Tok::Hole(_) => "…".to_string(),
        })
        .collect();
    V3Path::Unknown {
        end,
        nearest: nearest(toks, at, &written),
        written,
    }
}

/// True when the literal text before the path's first expression already matches no v3
/// pattern (no pattern said `Maybe`, and some text was compared).
fn diverges_before_hole(toks: &[Tok], at: usize) -> bool {
    toks[at..]
        .iter()
        .take_while(|t| matches!(t, Tok::Ch(_)))
        .count()
        > "/v3/".len()
}

/// The nearest v3 endpoint to an unknown path: the v3 path of the v2 row it spells with
/// `/v3`, or else the endpoint of its group (of any, when it names none) whose literal
/// segments are closest in edit distance.
fn nearest(toks: &[Tok], at: usize, written: &str) -> Nearest {
    let mut as_v2: Vec<Tok> = toks[at..].to_vec();
    if let Some(Tok::Ch(c)) = as_v2.get_mut(2) {
        *c = '2';
    }
    if let Some(m) = match_endpoint(&as_v2, 0, Form::Versioned) {
        let endpoint = v3_rows()
            .find(|e| path_of(e) == path_of(m.endpoint))
            .unwrap_or(m.endpoint);
        return Nearest {
            endpoint,
            from_v2: true,
        };
    }
    let segments: Vec<&str> = written
        .trim_start_matches("/v3/")
        .split('/')
        .filter(|s| !s.is_empty())
        .collect();
    // The endpoints of the group the path names (`/v3/mobile/...`), or all.
    let group = segments.first().map(|g| format!("/v3/{g}/"));
    let in_group = |e: &&Endpoint| {
        group
            .as_ref()
            .is_some_and(|g| path_of(e).starts_with(g.as_str()))
    };
    let same_group = v3_rows().any(|e| in_group(&e));
    let endpoint = v3_rows()
        .filter(|e| !same_group || in_group(e))
        .min_by_key(|e| {
            let lits: Vec<&str> = path_of(e)
                .trim_start_matches("/v3/")
                .split('/')
                .filter(|s| !s.starts_with(':'))
                .collect();
            let all = path_of(e).trim_start_matches("/v3/").split('/').count();
            let n = lits.len().min(segments.len());
            let d = strsim::levenshtein(&segments[..n].join("/"), &lits.join("/"));
            d + 2 * all.abs_diff(segments.len())
        })
        .expect("the table has v3 rows");
    Nearest {
        endpoint,
        from_v2: false,
    }
}

impl Nearest {
    /// The suggested path, as written in the table (`/v3/mobile/check-ref/:ref`).
    pub fn path(&self) -> &'static str {
        self.endpoint.v3
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<Tok> {
        s.chars()
            .map(|c| if c == '#' { Tok::Hole(0) } else { Tok::Ch(c) })
            .collect()
    }

    fn classify(s: &str) -> String {
        match match_v3(&toks(s), 0) {
            V3Path::Known { endpoint, .. } => format!("known {}", endpoint.v3),
            V3Path::Unknown {
                nearest, written, ..
            } => format!("unknown {written} -> {}", nearest.path()),
            V3Path::Dynamic => "dynamic".to_string(),
        }
    }

    #[test]
    fn every_v3_endpoint_is_known() {
        for e in ENDPOINTS.iter().filter(|e| e.page == Page::Reference) {
            let written = e.v3.replace(":type", "ADSL").replace(":number", "0550");
            let written = written.replace(":ref", "r-1").replace(":id", "42");
            assert_eq!(classify(&written), format!("known {}", e.v3), "{written}");
        }
        assert_eq!(
            classify("/v3/mobile/check-ref/#"),
            "known /v3/mobile/check-ref/:ref"
        );
        assert_eq!(
            classify("/v3/mobile/check-id/"),
            "known /v3/mobile/check-id/:id"
        );
        assert_eq!(
            classify("/v3/account/transactions?page=#"),
            "known /v3/account/transactions"
        );
        assert_eq!(classify("/v3/mobile/plans/"), "known /v3/mobile/plans");
        assert_eq!(classify("/v3/mobile/plans#"), "known /v3/mobile/plans");
    }

    #[test]
    fn unknown_paths_get_the_nearest_endpoint() {
        let cases = [
            ("/v3/mobile/list-plans", "/v3/mobile/plans"),
            ("/v3/account/get-balance", "/v3/account/balance"),
            ("/v3/mobile/checkRef/abc", "/v3/mobile/check-ref/:ref"),
            ("/v3/gift-cards/catalogue", "/v3/gift-cards/catalog"),
            (
                "/v3/internet/product?type=ADSL",
                "/v3/internet/products?type=:type",
            ),
            // A v2 path with only its version changed: that row's v3 path.
            ("/v3/topup/sendTopup", "/v3/mobile/send"),
            ("/v3/plans/listAll", "/v3/mobile/plans"),
            ("/v3/topup/checkStatus/REF/#", "/v3/mobile/check-ref/:ref"),
            // The nearest of the group the path names, though another group's is closer
            // in spelling (`/v3/gift-cards/list`).
            ("/v3/internet/lists", "/v3/internet/list"),
            ("/v3/mobile/listing", "/v3/mobile/list"),
            ("/v3/mobile/products", "/v3/mobile/plans"),
        ];
        for (written, want) in cases {
            let got = classify(written);
            assert!(got.ends_with(&format!("-> {want}")), "{written}: {got}");
        }
    }

    #[test]
    fn paths_built_at_run_time_are_not_guessed() {
        assert_eq!(classify("/v3/mobile/#"), "dynamic");
        assert_eq!(classify("/v3/#"), "dynamic");
        assert_eq!(classify("/v3/"), "dynamic");
        assert_eq!(classify("/v3/gift-cards/"), "dynamic");
        assert!(classify("/v3/mobile/plan").starts_with("unknown"));
        // The text before the expression already names no endpoint.
        assert!(classify("/v3/topup/checkStatus/ID/#").starts_with("unknown"));
    }
}
