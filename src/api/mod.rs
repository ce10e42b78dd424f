//! The migration table, as data: hosts, endpoint rows, error codes and field moves.
//!
//! Everything the rules know about the Flexy API comes from here; no other module names a
//! host, a path or an error code. The rows restate the vendor's migration guide
//! ("Complete Endpoint Reference" and "Error Code Reference") and its changelog's older paths.

pub mod path;
pub mod v3;
pub use path::{looks_v2, match_endpoint, Form, PathMatch, Tok};

/// The v2 host (switched off on 2026-10-30).
pub const V2_HOST: &str = "flexy-api.oneclickdz.com";
/// The v3 host.
pub const V3_HOST: &str = "api.oneclickdz.com";
/// The version prefix of v2 paths, and of v3 paths.
pub const V2_PREFIX: &str = "/v2";
pub const V3_PREFIX: &str = "/v3";

/// The endpoint groups of the guide's gradual migration.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Group {
    Validate,
    Account,
    Mobile,
    Internet,
    GiftCards,
}

impl Group {
    /// In the order of the guide's suggested migration (gift cards first, internet last).
    pub const ALL: [Group; 5] = [GiftCards, Validate, Account, Mobile, Internet];

    /// The group a `--only` name selects.
    pub fn from_name(name: &str) -> Option<Group> {
        Group::ALL.into_iter().find(|g| g.name() == name)
    }

    fn bit(self) -> u8 {
        1 << self as u8
    }

    pub fn name(self) -> &'static str {
        match self {
            Group::Validate => "validate",
            Group::Account => "account",
            Group::Mobile => "mobile",
            Group::Internet => "internet",
            Group::GiftCards => "gift-cards",
        }
    }
}

/// A set of endpoint groups: the groups whose call sites a finding belongs to. Empty when
/// the finding is tied to no call site of a known endpoint.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Groups(u8);

impl Groups {
    pub const NONE: Groups = Groups(0);

    pub fn of(group: Group) -> Groups {
        Groups(group.bit())
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn contains(self, group: Group) -> bool {
        self.0 & group.bit() != 0
    }

    pub fn intersects(self, other: Groups) -> bool {
        self.0 & other.0 != 0
    }

    /// True when every group of `self` is in `other`.
    pub fn within(self, other: Groups) -> bool {
        self.0 & !other.0 == 0
    }

    pub fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    pub fn iter(self) -> impl Iterator<Item = Group> {
        Group::ALL.into_iter().filter(move |g| self.contains(*g))
    }

    /// The names, comma-separated, in the guide's order.
    pub fn names(self) -> String {
        self.iter().map(Group::name).collect::<Vec<_>>().join(", ")
    }
}

impl std::ops::BitOr for Groups {
    type Output = Groups;
    fn bitor(self, rhs: Groups) -> Groups {
        Groups(self.0 | rhs.0)
    }
}

impl std::ops::BitOrAssign for Groups {
    fn bitor_assign(&mut self, rhs: Groups) {
        self.0 |= rhs.0;
    }
}

impl FromIterator<Group> for Groups {
    fn from_iter<I: IntoIterator<Item = Group>>(iter: I) -> Groups {
        iter.into_iter()
            .fold(Groups::NONE, |s, g| s | Groups::of(g))
    }
}

/// What a v2 response of the endpoint looks like, for the response-shape rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// Payload at the root; v3 wraps it in `data`.
    Plain,
    /// A paginated list: root `totalResults`/`currentPage`/`totalPages` and the list under
    /// the named field; v3 has `data.items` and `data.pagination`.
    List(&'static str),
    /// A check-status response: v2 nests the record under `topup`; v3 has it at `data`.
    Status,
    /// The internet products: a bare array in v2, `data.products` in v3.
    Products,
}

/// Where a row comes from: the guide's reference table, or the changelog's older paths,
/// whose v3 target the two vendor pages disagree on (so their fixes are unsafe).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    Reference,
    Changelog,
}

/// One endpoint row. Paths are patterns: `:name` is a path parameter, matched by a run of
/// text and expressions up to the next `/`, `?` or `#`. In `v3`, a `:name` may sit in the
/// query string (`/v3/internet/products?type=:type`): that is the path-to-query move.
#[derive(Clone, Copy, Debug)]
pub struct Endpoint {
    pub method: &'static str,
    pub v2: &'static str,
    pub v3: &'static str,
    pub group: Group,
    pub shape: Shape,
    pub page: Page,
    /// The v2 path is unlike any other API's, so it is Flexy even without a host nearby.
    pub distinctive: bool,
}

const fn row(
    method: &'static str,
    v2: &'static str,
    v3: &'static str,
    group: Group,
    shape: Shape,
    distinctive: bool,
) -> Endpoint {
    Endpoint {
        method,
        v2,
        v3,
        group,
        shape,
        page: Page::Reference,
        distinctive,
    }
}

const fn older(method: &'static str, v2: &'static str, v3: &'static str, group: Group) -> Endpoint {
    Endpoint {
        method,
        v2,
        v3,
        group,
        shape: Shape::Plain,
        page: Page::Changelog,
        distinctive: false,
    }
}

use Group::*;
use Shape::*;

/// Every v2 endpoint, one row per line (guide: "Complete Endpoint Reference").
/// The list field names of the three list endpoints other than transactions are not in the
/// guide; they follow the v2 responses integrators' code reads (`topups`, `orders`).
#[rustfmt::skip]
pub const ENDPOINTS: &[Endpoint] = &[
    row("GET", "/v2/validate", "/v3/validate", Validate, Plain, false),
    row("GET", "/v2/plans/listAll", "/v3/mobile/plans", Mobile, Plain, true),
    row("POST", "/v2/topup/sendTopup", "/v3/mobile/send", Mobile, Plain, true),
    row("GET", "/v2/topup/checkStatus/REF/:ref", "/v3/mobile/check-ref/:ref", Mobile, Status, true),
    row("GET", "/v2/topup/checkStatus/ID/:id", "/v3/mobile/check-id/:id", Mobile, Status, true),
    row("GET", "/v2/topup/list", "/v3/mobile/list", Mobile, List("topups"), false),
    row("GET", "/v2/internet/checkCards/:type", "/v3/internet/products?type=:type", Internet, Products, true),
    row("GET", "/v2/internet/checkNumber/:type/:number", "/v3/internet/check-number?type=:type&number=:number", Internet, Plain, true),
    row("POST", "/v2/internet/sendTopup", "/v3/internet/send", Internet, Plain, true),
    row("GET", "/v2/internet/checkStatus/REF/:ref", "/v3/internet/check-ref/:ref", Internet, Status, true),
    row("GET", "/v2/internet/checkStatus/ID/:id", "/v3/internet/check-id/:id", Internet, Status, true),
    row("GET", "/v2/internet/list", "/v3/internet/list", Internet, List("topups"), false),
    row("GET", "/v2/gift-cards/catalogue", "/v3/gift-cards/catalog", GiftCards, Plain, true),
    row("GET", "/v2/gift-cards/checkProduct/:id", "/v3/gift-cards/checkProduct/:id", GiftCards, Plain, true),
    row("POST", "/v2/gift-cards/placeOrder", "/v3/gift-cards/placeOrder", GiftCards, Plain, true),
    row("GET", "/v2/gift-cards/checkOrder/:id", "/v3/gift-cards/checkOrder/:id", GiftCards, Plain, true),
    row("GET", "/v2/gift-cards/list", "/v3/gift-cards/list", GiftCards, List("orders"), false),
    row("GET", "/v2/account/balance", "/v3/account/balance", Account, Plain, false),
    row("GET", "/v2/account/transactions", "/v3/account/transactions", Account, List("transactions"), false),
    // The changelog's older v2 paths (DESIGN.md): flagged, fixed only with --unsafe-fixes.
    older("GET", "/v2/topup/plans", "/v3/mobile/plans", Mobile),
    older("POST", "/v2/topup/send", "/v3/mobile/send", Mobile),
    older("GET", "/v2/topup/check/:id", "/v3/mobile/check-id/:id", Mobile),
    older("GET", "/v2/plans/internet", "/v3/internet/products", Internet),
    older("POST", "/v2/topup/sendInternet", "/v3/internet/send", Internet),
    older("GET", "/v2/account/info", "/v3/account/balance", Account),
];

/// The first path segments of v2 (after `/v2`): a `/v2/<one of these>/...` path that
/// matches no row is still reported, without a fix.
pub const V2_SEGMENTS: &[&str] = &[
    "validate",
    "plans",
    "topup",
    "internet",
    "gift-cards",
    "account",
];

/// v2 error strings and their v3 codes (guide: "Error Code Reference").
pub const ERROR_CODES: &[ErrorCode] = &[
    ErrorCode {
        v2: "NO-BALANCE",
        v3: "INSUFFICIENT_BALANCE",
        distinctive: true,
    },
    ErrorCode {
        v2: "DUPLICATED-REF",
        v3: "DUPLICATED_REF",
        distinctive: true,
    },
    ErrorCode {
        v2: "Forbidden",
        v3: "ERR_AUTH",
        distinctive: false,
    },
    ErrorCode {
        v2: "Access token missing",
        v3: "ERR_AUTH",
        distinctive: false,
    },
];

/// Codes that keep their name in v3 (still read from `error.code` there).
pub const KEPT_ERROR_CODES: &[&str] = &["ERR_VALIDATION", "ERR_PHONE", "ERR_STOCK", "NOT_FOUND"];

#[derive(Clone, Copy, Debug)]
pub struct ErrorCode {
    pub v2: &'static str,
    pub v3: &'static str,
    /// Only Flexy says it, so a comparison with it is Flexy wherever it is.
    pub distinctive: bool,
}

/// Root pagination fields of v2 list responses and where v3 keeps them (under `data`).
pub const PAGINATION_FIELDS: &[(&str, &str)] = &[
    ("totalResults", "pagination.totalResults"),
    ("currentPage", "pagination.page"),
    ("totalPages", "pagination.totalPages"),
];

/// The v2 typo and its v3 spelling (guide: Example 1).
pub const PLANS_TYPO: (&str, &str) = ("dymanicPlans", "dynamicPlans");

/// The v2 auth header name (any case) and the v3 one (guide: "Authentication Header").
pub const V2_AUTH_HEADER: &str = "authorization";
pub const V3_AUTH_HEADER: &str = "X-Access-Token";

/// Header values that belong to other schemes: never the Flexy key.
/// Header names that carry an API key in other APIs: sent to v3 instead of
/// `X-Access-Token`, the key is not read.
pub const OTHER_KEY_HEADERS: &[&str] = &[
    "x-api-key",
    "api-key",
    "apikey",
    "x-auth-token",
    "access-token",
    "x-token",
    "token",
];

pub const FOREIGN_AUTH_SCHEMES: &[&str] = &["bearer ", "basic ", "token ", "digest ", "bot "];

pub fn error_code(v2: &str) -> Option<&'static ErrorCode> {
    ERROR_CODES.iter().find(|e| e.v2 == v2)
}

/// The list fields of every list endpoint (`transactions`, ...).
pub fn list_fields() -> impl Iterator<Item = &'static str> {
    let mut seen: Vec<&'static str> = Vec::new();
    ENDPOINTS.iter().filter_map(move |e| match e.shape {
        List(f) if !seen.contains(&f) => {
            seen.push(f);
            Some(f)
        }
        _ => None,
    })
}

/// True when `host` (lowercase, no port) is a Flexy host, v2 or v3, or one of `extra`
/// (`host` or `host:port`; the port is not compared, as URLs are scanned without it).
pub fn is_flexy_host(host: &str, extra: &[String]) -> bool {
    let host = host.to_ascii_lowercase();
    host == V2_HOST
        || host == V3_HOST
        || extra.iter().any(|e| {
            let bare = e.rsplit_once(':').map_or(e.as_str(), |(h, _)| h);
            bare.eq_ignore_ascii_case(&host)
        })
}

/// A quoted path starting with a segment of the API (`"/account/balance"`, `'topup/list'`,
/// `` `/v2/...` ``): the file may pass paths to a Flexy client, or be one.
static API_PATH: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    let segments: Vec<String> = V2_SEGMENTS
        .iter()
        .chain(["v2"].iter())
        .map(|s| regex::escape(s))
        .collect();
    regex::Regex::new(&format!(r#"["'`]/?(?:{})/"#, segments.join("|"))).expect("a valid pattern")
});

/// Does `text` write a quoted path of the API ([`API_PATH`])?
pub fn writes_api_path(text: &str) -> bool {
    API_PATH.is_match(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn v2_paths_are_unique_and_well_formed() {
        let mut seen = std::collections::HashSet::new();
        for e in ENDPOINTS {
            assert!(seen.insert(e.v2), "duplicate v2 path {}", e.v2);
            assert!(e.v2.starts_with("/v2/"), "{}", e.v2);
            assert!(e.v3.starts_with("/v3/"), "{}", e.v3);
            let seg = e.v2["/v2/".len()..].split('/').next().unwrap();
            assert!(
                V2_SEGMENTS.contains(&seg),
                "{} has an unlisted first segment",
                e.v2
            );
            assert!(matches!(e.method, "GET" | "POST"));
        }
    }

    #[test]
    fn v3_params_are_v2_params_in_order() {
        fn params(p: &str) -> Vec<&str> {
            p.split(['/', '?', '&', '='])
                .filter_map(|s| s.strip_prefix(':'))
                .collect()
        }
        for e in ENDPOINTS {
            assert_eq!(params(e.v2), params(e.v3), "{} -> {}", e.v2, e.v3);
        }
    }

    #[test]
    fn error_codes_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for e in ERROR_CODES {
            assert!(seen.insert(e.v2));
            assert!(!KEPT_ERROR_CODES.contains(&e.v2));
        }
    }
}
