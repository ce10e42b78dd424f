//! Matching endpoint patterns against a string expression lowered to tokens.
//!
//! A string expression (a literal, a template, an f-string, a concatenation...) is seen here
//! as a sequence of characters and holes, where a hole is an expression whose value is not
//! known (`${ref}`, `" + ref + "`, `%s`). A path parameter matches any run of characters and
//! holes up to the next `/`, `?`, `#` or `&`; the rewritten path keeps every hole, in order,
//! so that only literal text changes in the source.

use super::{Endpoint, Page, ENDPOINTS, V2_PREFIX, V2_SEGMENTS, V3_PREFIX};

/// One token of a lowered string expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tok {
    Ch(char),
    /// The n-th hole of the expression.
    Hole(usize),
}

/// A row matched at a token position.
#[derive(Clone, Debug)]
pub struct PathMatch {
    pub endpoint: &'static Endpoint,
    /// Token index one past the match (a `?` merged into the new query string included).
    pub end: usize,
    /// The replacement tokens: the v3 path with the parameters' tokens in place.
    pub out: Vec<Tok>,
    /// Parameters that moved from the path to the query string and hold more than one
    /// token with a hole among them: the boundary of such a value is a guess.
    pub ambiguous_param: bool,
}

/// How the path is written relative to its base.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    /// `/v2/topup/list`: the version is in the path.
    Versioned,
    /// `/topup/list`, appended to a base that ends in `/v2`.
    Versionless,
    /// `topup/list`, appended to a base that ends in `/v2/`.
    VersionlessNoSlash,
}

fn strip(pattern: &'static str, prefix: &str, form: Form) -> &'static str {
    match form {
        Form::Versioned => pattern,
        Form::Versionless => &pattern[prefix.len()..],
        Form::VersionlessNoSlash => &pattern[prefix.len() + 1..],
    }
}

fn is_stop(t: Option<&Tok>) -> bool {
    matches!(t, None | Some(Tok::Ch('/' | '?' | '#' | '&')))
}

fn is_boundary(toks: &[Tok], i: usize) -> bool {
    match toks.get(i) {
        None | Some(Tok::Ch('?' | '#')) | Some(Tok::Hole(_)) => true,
        Some(Tok::Ch('/')) => toks.get(i + 1).is_none(),
        _ => false,
    }
}

/// A pattern read as literal characters and `:name` parameters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Piece {
    Lit(char),
    Param(&'static str),
}

pub(super) fn pieces(pattern: &'static str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut rest = pattern;
    while let Some(c) = rest.chars().next() {
        if c == ':' {
            let end = rest[1..]
                .find(['/', '?', '&', '='])
                .map_or(rest.len(), |n| n + 1);
            out.push(Piece::Param(&rest[1..end]));
            rest = &rest[end..];
        } else {
            out.push(Piece::Lit(c));
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

type Params = Vec<(&'static str, std::ops::Range<usize>)>;

/// Each row's v2 and v3 patterns as pieces, per [`Form`]: read once, matched often.
struct RowPieces {
    v2: [Vec<Piece>; 3],
    v3: [Vec<Piece>; 3],
}

const FORMS: [Form; 3] = [Form::Versioned, Form::Versionless, Form::VersionlessNoSlash];

static ROW_PIECES: std::sync::LazyLock<Vec<RowPieces>> = std::sync::LazyLock::new(|| {
    ENDPOINTS
        .iter()
        .map(|e| RowPieces {
            v2: FORMS.map(|f| pieces(strip(e.v2, V2_PREFIX, f))),
            v3: FORMS.map(|f| pieces(strip(e.v3, V3_PREFIX, f))),
        })
        .collect()
});

fn form_index(form: Form) -> usize {
    match form {
        Form::Versioned => 0,
        Form::Versionless => 1,
        Form::VersionlessNoSlash => 2,
    }
}

/// Matches one pattern at `at`; returns the end index and the parameter runs.
fn match_pattern(toks: &[Tok], at: usize, pieces: &[Piece]) -> Option<(usize, Params)> {
    let mut i = at;
    let mut params = Vec::new();
    for (k, piece) in pieces.iter().enumerate() {
        match *piece {
            Piece::Param(name) => {
                let start = i;
                while !is_stop(toks.get(i)) {
                    i += 1;
                }
                // An empty value is allowed for the last parameter at the end of the string:
                // `"/v2/topup/checkStatus/ID/" + id` built in two steps (`url += id`).
                if i == start && !(k + 1 == pieces.len() && i == toks.len()) {
                    return None;
                }
                params.push((name, start..i));
            }
            Piece::Lit(c) => {
                if toks.get(i) != Some(&Tok::Ch(c)) {
                    return None;
                }
                i += 1;
            }
        }
    }
    is_boundary(toks, i).then_some((i, params))
}

/// The endpoint row written at `toks[at..]`, if any, with its rewrite.
pub fn match_endpoint(toks: &[Tok], at: usize, form: Form) -> Option<PathMatch> {
    let f = form_index(form);
    ENDPOINTS.iter().zip(ROW_PIECES.iter()).find_map(|(e, rp)| {
        let (mut end, params) = match_pattern(toks, at, &rp.v2[f])?;
        let v3 = strip(e.v3, V3_PREFIX, form);
        let mut out = Vec::new();
        let mut ambiguous_param = false;
        let mut in_query = false;
        for &piece in &rp.v3[f] {
            match piece {
                Piece::Lit(c) => {
                    in_query |= c == '?';
                    out.push(Tok::Ch(c));
                }
                Piece::Param(name) => {
                    let (_, run) = params.iter().find(|(n, _)| *n == name)?;
                    let run = &toks[run.clone()];
                    if in_query && run.len() > 1 && run.iter().any(|t| matches!(t, Tok::Hole(_))) {
                        ambiguous_param = true;
                    }
                    out.extend_from_slice(run);
                }
            }
        }
        if v3.contains('?') && toks.get(end) == Some(&Tok::Ch('?')) {
            end += 1;
            out.push(Tok::Ch('&'));
        }
        Some(PathMatch {
            endpoint: e,
            end,
            out,
            ambiguous_param,
        })
    })
}

/// The row of a path appended to a grouped base (`.../v2/internet`): `toks[at..]` read
/// after `/v2/<group>` (and a `/` when the base ends with one, `slash`). The match's `end`
/// is in `toks`; its `out` is the whole v3 path (`/v3/internet/products?type=ADSL`), which
/// [`strip_v3_prefix`] cuts down to the tail kept after the base.
pub fn match_grouped(toks: &[Tok], at: usize, group: &str, slash: bool) -> Option<PathMatch> {
    let mut virt: Vec<Tok> = format!("{V2_PREFIX}/{group}")
        .chars()
        .map(Tok::Ch)
        .collect();
    if slash {
        virt.push(Tok::Ch('/'));
    }
    let prefix = virt.len();
    // A path written with its own leading slash after a base ending in one still counts.
    let from = if slash && toks.get(at) == Some(&Tok::Ch('/')) {
        at + 1
    } else {
        at
    };
    virt.extend_from_slice(&toks[from..]);
    let mut m = match_endpoint(&virt, 0, Form::Versioned)?;
    if m.end < prefix {
        return None;
    }
    m.end = m.end - prefix + from;
    Some(m)
}

/// The group prefix (`/v3/internet`, `/v3/mobile`) every path in `outs` starts with, or
/// `/v3` when they do not share one: a grouped base becomes its group's v3 base, never one
/// endpoint's path.
pub fn common_v3_prefix(outs: &[&[Tok]]) -> String {
    let Some(first) = outs.first() else {
        return V3_PREFIX.to_string();
    };
    let lit: String = first
        .iter()
        .map_while(|t| match t {
            Tok::Ch(c) => Some(*c),
            Tok::Hole(_) => None,
        })
        .collect();
    let mut best = V3_PREFIX.to_string();
    let at = V3_PREFIX.len();
    if let Some(next) = lit[at..].strip_prefix('/').and_then(|rest| {
        let n = rest.find(['/', '?']).unwrap_or(rest.len());
        (n > 0).then(|| at + 1 + n)
    }) {
        let candidate = &lit[..next];
        let all = outs.iter().all(|o| {
            let chars: Vec<char> = candidate.chars().collect();
            chars
                .iter()
                .enumerate()
                .all(|(k, c)| o.get(k) == Some(&Tok::Ch(*c)))
                && matches!(o.get(chars.len()), Some(Tok::Ch('/' | '?')) | None)
        });
        // A prefix that is a whole path leaves that path nothing: keep it in the path.
        let whole = outs.iter().any(|o| o.len() == candidate.chars().count());
        if all && !whole {
            best = candidate.to_string();
        }
    }
    best
}

/// `out` without its first `prefix.len()` characters (a prefix [`common_v3_prefix`] gave).
pub fn strip_v3_prefix(out: &[Tok], prefix: &str) -> Vec<Tok> {
    out[prefix.chars().count().min(out.len())..].to_vec()
}

/// True when `toks[at..]` starts like a v2 path (`/v2/topup/...`) even if no row matches.
pub fn looks_v2(toks: &[Tok], at: usize, form: Form) -> bool {
    let prefix = match form {
        Form::Versioned => "/v2/",
        Form::Versionless => "/",
        Form::VersionlessNoSlash => "",
    };
    V2_SEGMENTS.iter().any(|seg| {
        let want = format!("{prefix}{seg}");
        let n = want.chars().count();
        want.chars()
            .enumerate()
            .all(|(k, c)| toks.get(at + k) == Some(&Tok::Ch(c)))
            && (is_boundary(toks, at + n) || toks.get(at + n) == Some(&Tok::Ch('/')))
    })
}

impl PathMatch {
    /// Fixes of changelog rows are unsafe: the vendor's pages disagree on their target.
    pub fn is_changelog(&self) -> bool {
        self.endpoint.page == Page::Changelog
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grouped_bases_match_their_rows_and_share_a_prefix() {
        let a = toks("/checkCards/ADSL");
        let m = match_grouped(&a, 0, "internet", false).unwrap();
        assert_eq!(show(&m.out), "/v3/internet/products?type=ADSL");
        assert_eq!(m.end, a.len());
        let b = toks("checkNumber/ADSL/#0");
        let n = match_grouped(&b, 0, "internet", true).unwrap();
        assert_eq!(
            show(&n.out),
            "/v3/internet/check-number?type=ADSL&number=#0"
        );
        let p = common_v3_prefix(&[&m.out, &n.out]);
        assert_eq!(p, "/v3/internet");
        assert_eq!(show(&strip_v3_prefix(&m.out, &p)), "/products?type=ADSL");
        // `topup` and `plans` rows share `/v3/mobile`.
        let t = match_grouped(&toks("/sendTopup"), 0, "topup", false).unwrap();
        assert_eq!(common_v3_prefix(&[&t.out]), "/v3/mobile");
        // No common segment: the base keeps `/v3` and each path its group.
        let g = match_grouped(&toks("/list"), 0, "gift-cards", false).unwrap();
        assert_eq!(common_v3_prefix(&[&g.out, &m.out]), "/v3");
        assert!(match_grouped(&toks("/nothing"), 0, "internet", false).is_none());
    }

    fn toks(s: &str) -> Vec<Tok> {
        // `#n` stands for hole n.
        let mut out = Vec::new();
        let mut it = s.chars().peekable();
        while let Some(c) = it.next() {
            if c == '#' {
                let d = it.next().unwrap().to_digit(10).unwrap() as usize;
                out.push(Tok::Hole(d));
            } else {
                out.push(Tok::Ch(c));
            }
        }
        out
    }

    fn show(t: &[Tok]) -> String {
        t.iter()
            .map(|t| match t {
                Tok::Ch(c) => c.to_string(),
                Tok::Hole(n) => format!("#{n}"),
            })
            .collect()
    }

    fn rewrite(s: &str, form: Form) -> Option<String> {
        let t = toks(s);
        let m = match_endpoint(&t, 0, form)?;
        Some(format!("{}{}", show(&m.out), show(&t[m.end..])))
    }

    #[test]
    fn rewrites() {
        let v = Form::Versioned;
        let cases = [
            ("/v2/plans/listAll", "/v3/mobile/plans"),
            ("/v2/topup/checkStatus/REF/#0", "/v3/mobile/check-ref/#0"),
            (
                "/v2/topup/checkStatus/ID/abc?x=1",
                "/v3/mobile/check-id/abc?x=1",
            ),
            (
                "/v2/internet/checkNumber/#0/#1",
                "/v3/internet/check-number?type=#0&number=#1",
            ),
            (
                "/v2/internet/checkCards/ADSL?limit=5",
                "/v3/internet/products?type=ADSL&limit=5",
            ),
            (
                "/v2/internet/checkCards/#0",
                "/v3/internet/products?type=#0",
            ),
            (
                "/v2/account/transactions?page=1",
                "/v3/account/transactions?page=1",
            ),
            ("/v2/topup/send", "/v3/mobile/send"),
            ("/v2/topup/sendTopup#0", "/v3/mobile/send#0"),
        ];
        for (a, b) in cases {
            assert_eq!(rewrite(a, v).as_deref(), Some(b), "{a}");
        }
        assert_eq!(
            rewrite("/topup/sendTopup", Form::Versionless).as_deref(),
            Some("/mobile/send")
        );
        assert_eq!(
            rewrite("topup/sendTopup", Form::VersionlessNoSlash).as_deref(),
            Some("mobile/send")
        );
    }

    #[test]
    fn non_matches() {
        assert_eq!(
            rewrite("/v2/internet/checkCards/", Form::Versioned).as_deref(),
            Some("/v3/internet/products?type=")
        );
        for s in [
            "/v2/topup/listAll",
            "/v2/internet/checkCards/x/y",
            "/v2/topup/checkStatus/#0/#1",
            "/v3/mobile/plans",
        ] {
            assert!(rewrite(s, Form::Versioned).is_none(), "{s}");
        }
        assert!(looks_v2(
            &toks("/v2/topup/checkStatus/#0/#1"),
            0,
            Form::Versioned
        ));
        assert!(!looks_v2(&toks("/v2/users/1"), 0, Form::Versioned));
    }

    #[test]
    fn ambiguous_query_param() {
        let t = toks("/v2/internet/checkCards/#0#1");
        assert!(
            match_endpoint(&t, 0, Form::Versioned)
                .unwrap()
                .ambiguous_param
        );
    }
}
