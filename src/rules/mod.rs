//! The rules: each one file, with its doc comment (what it finds, why, an example, fix
//! safety), a check that reads a file's [`Ctx`] and emits [`Finding`]s.
//!
//! Rule identity is the [`Rule`] enum; the kebab-case name exists only at the edges (CLI,
//! JSON, SARIF). A rule's documentation is its module's `//!` comment, read at build time,
//! so `v3-migrate rules` and `explain` cannot drift from the code.

mod bare_products_array;
pub mod blocked_migration;
mod dymanic_plans_typo;
pub mod edits;
mod nested_topup;
mod root_pagination;
pub mod suppress;
mod unknown_v3_endpoint;
pub mod unused_suppression;
mod unwrapped_response;
mod v2_auth_header;
pub mod v2_base_url;
mod v2_endpoint;
mod v2_error_check;
pub mod v2_error_code;
mod v2_response_type;
mod v3_unchecked_response;

use std::ops::Range;

pub use crate::edit::{Applicability, Edit, Fix};

use crate::api::{Endpoint, Groups};
use crate::context::Ctx;
use crate::flow::Origin;

/// One finding of one rule.
#[derive(Clone, Debug)]
pub struct Finding {
    pub rule: Rule,
    pub range: Range<usize>,
    pub message: String,
    pub fix: Option<Fix>,
    /// The call site whose migration this finding is part of, when the rule knows it.
    pub origin: Option<Origin>,
    /// The endpoint groups of the call sites it belongs to (see [`crate::groups`]).
    pub groups: Groups,
    /// The endpoint row of a v2 call site's URL (`v2-endpoint` findings only).
    pub endpoint: Option<&'static Endpoint>,
    /// The migration unit it belongs to, in its file (see [`crate::units`]).
    pub unit: Option<usize>,
    /// A finding whose migration needs no edit where it is (a version-less path appended to
    /// a v2 base: the base's fix moves it), with how safe that is.
    pub settled: Option<Applicability>,
    /// A finding without a fix that its unit cannot move without: code the tool sees would
    /// read v3 as v2 (a body passed to a function of this file it does not follow).
    pub holds_unit: bool,
}

impl Finding {
    pub fn new(rule: Rule, range: Range<usize>, message: impl Into<String>) -> Finding {
        Finding {
            rule,
            range,
            message: message.into(),
            fix: None,
            origin: None,
            groups: Groups::NONE,
            endpoint: None,
            unit: None,
            settled: None,
            holds_unit: false,
        }
    }

    /// Names the endpoint row of a v2 call site's URL.
    pub fn for_endpoint(mut self, endpoint: &'static Endpoint) -> Finding {
        self.endpoint = Some(endpoint);
        self
    }

    /// Ties the finding to the call site its body or URL comes from.
    pub fn from_origin(mut self, origin: Origin) -> Finding {
        self.origin = Some(origin);
        self
    }

    /// Attaches a fix built from `edits`, when there are edits.
    pub fn with_fix(
        mut self,
        applicability: Option<Applicability>,
        message: impl Into<String>,
        edits: Option<Vec<Edit>>,
    ) -> Finding {
        if let (Some(applicability), Some(edits)) = (applicability, edits) {
            if edits.is_empty() {
                self.settled = Some(applicability);
            } else {
                self.fix = Some(Fix {
                    applicability,
                    message: message.into(),
                    edits,
                });
            }
        }
        self
    }
}

/// Whether a rule can fix what it finds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FixAvailability {
    Always,
    Sometimes,
    None,
}

impl FixAvailability {
    pub fn name(self) -> &'static str {
        match self {
            FixAvailability::Always => "always",
            FixAvailability::Sometimes => "sometimes",
            FixAvailability::None => "none",
        }
    }
}

/// The sections every rule's doc has, in order; `explain` prints them.
pub const DOC_SECTIONS: &[&str] = &[
    "## What it finds",
    "## Why",
    "## Example",
    "## Fix safety",
    "## Guide section",
];

/// How bad a finding is. Every rule defaults to `Error`: v2 code is broken code since the
/// switch-off.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// What part of the migration a rule covers; a group's name selects all its rules
/// (`--select response`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum RuleGroup {
    /// Hosts, base URLs and endpoint paths.
    Url,
    /// The authentication header.
    Auth,
    /// How a response body is read.
    Response,
    /// How errors are detected and told apart.
    Error,
    /// The tool's own comments.
    Meta,
}

impl RuleGroup {
    pub const ALL: &'static [RuleGroup] = &[
        RuleGroup::Url,
        RuleGroup::Auth,
        RuleGroup::Response,
        RuleGroup::Error,
        RuleGroup::Meta,
    ];

    pub fn name(self) -> &'static str {
        match self {
            RuleGroup::Url => "url",
            RuleGroup::Auth => "auth",
            RuleGroup::Response => "response",
            RuleGroup::Error => "error",
            RuleGroup::Meta => "meta",
        }
    }
}

macro_rules! rules {
    ($($variant:ident => $module:ident, $name:literal, $group:ident, $fix:ident;)*) => {
        /// Every rule.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Rule { $($variant),* }

        impl Rule {
            pub const ALL: &'static [Rule] = &[$(Rule::$variant),*];

            /// The stable kebab-case name.
            pub fn name(self) -> &'static str {
                match self { $(Rule::$variant => $name),* }
            }

            pub fn fix_availability(self) -> FixAvailability {
                match self { $(Rule::$variant => FixAvailability::$fix),* }
            }

            pub fn group(self) -> RuleGroup {
                match self { $(Rule::$variant => RuleGroup::$group),* }
            }

            /// The rule's documentation: its module's `//!` comment.
            pub fn doc(self) -> String {
                let src = match self {
                    $(Rule::$variant => include_str!(concat!(stringify!($module), ".rs"))),*
                };
                module_doc(src)
            }

            fn check(self, ctx: &Ctx, out: &mut Vec<Finding>) {
                match self { $(Rule::$variant => $module::check(ctx, out)),* }
            }
        }
    };
}

rules! {
    V2Endpoint => v2_endpoint, "v2-endpoint", Url, Sometimes;
    V2BaseUrl => v2_base_url, "v2-base-url", Url, Sometimes;
    V2AuthHeader => v2_auth_header, "v2-auth-header", Auth, Sometimes;
    DymanicPlansTypo => dymanic_plans_typo, "dymanic-plans-typo", Response, Always;
    V2ErrorCode => v2_error_code, "v2-error-code", Error, Sometimes;
    V2ErrorCheck => v2_error_check, "v2-error-check", Error, Sometimes;
    RootPagination => root_pagination, "root-pagination", Response, Sometimes;
    UnwrappedResponse => unwrapped_response, "unwrapped-response", Response, Sometimes;
    NestedTopup => nested_topup, "nested-topup", Response, Sometimes;
    BareProductsArray => bare_products_array, "bare-products-array", Response, Sometimes;
    UnknownV3Endpoint => unknown_v3_endpoint, "unknown-v3-endpoint", Url, None;
    V2ResponseType => v2_response_type, "v2-response-type", Response, Sometimes;
    V3UncheckedResponse => v3_unchecked_response, "v3-unchecked-response", Response, None;
    UnusedSuppression => unused_suppression, "unused-suppression", Meta, Sometimes;
    BlockedMigration => blocked_migration, "blocked-migration", Meta, None;
}

impl Rule {
    pub fn from_name(name: &str) -> Option<Rule> {
        Rule::ALL.iter().copied().find(|r| r.name() == name)
    }

    /// Every rule reports at this severity unless configured otherwise: an error, but for
    /// a hint.
    pub fn default_severity(self) -> Severity {
        match self {
            Rule::V3UncheckedResponse => Severity::Warning,
            _ => Severity::Error,
        }
    }

    /// The rules on when nothing selects rules: all, but for the hints one asks for
    /// (`--select v3-unchecked-response`, or `ALL`).
    pub fn defaults() -> Vec<Rule> {
        Rule::ALL
            .iter()
            .copied()
            .filter(|r| *r != Rule::V3UncheckedResponse)
            .collect()
    }

    /// The first line of the doc: a one-line summary.
    pub fn summary(self) -> String {
        self.doc().lines().next().unwrap_or("").trim().to_string()
    }
}

/// The rules a selector names: a rule's name, a group's name, or `ALL`. `None` when it
/// names nothing.
pub fn selector(name: &str) -> Option<Vec<Rule>> {
    let name = name.trim();
    if name == "ALL" {
        return Some(Rule::ALL.to_vec());
    }
    if let Some(rule) = Rule::from_name(name) {
        return Some(vec![rule]);
    }
    let group = RuleGroup::ALL.iter().find(|g| g.name() == name)?;
    Some(
        Rule::ALL
            .iter()
            .copied()
            .filter(|r| r.group() == *group)
            .collect(),
    )
}

fn module_doc(src: &str) -> String {
    let mut out = String::new();
    for line in src.lines() {
        let Some(rest) = line.strip_prefix("//!") else {
            break;
        };
        out.push_str(rest.strip_prefix(' ').unwrap_or(rest));
        out.push('\n');
    }
    out
}

/// Runs the selected rules over a file; findings sorted by position, then rule.
pub fn check(ctx: &Ctx, select: &[Rule]) -> Vec<Finding> {
    let mut out = Vec::new();
    for &rule in select {
        rule.check(ctx, &mut out);
    }
    for f in &mut out {
        if let Some(fix) = f.fix.as_mut() {
            ctx.syntax
                .complete_edits(ctx.source.root(), ctx.src(), &mut fix.edits);
        }
    }
    sort(&mut out);
    out
}

/// Sorts references to findings as [`sort`] sorts findings.
pub fn sort_refs(findings: &mut [&Finding]) {
    findings.sort_by(|a, b| {
        (a.range.start, a.range.end, a.rule).cmp(&(b.range.start, b.range.end, b.rule))
    });
}

/// Sorts findings by position, then rule.
pub fn sort(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        (a.range.start, a.range.end, a.rule).cmp(&(b.range.start, b.range.end, b.rule))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_documents_its_sections() {
        for rule in Rule::ALL {
            let doc = rule.doc();
            let mut at = 0;
            for section in DOC_SECTIONS {
                let found = doc[at..].find(section);
                assert!(
                    found.is_some(),
                    "{} lacks {section} (or out of order)",
                    rule.name()
                );
                at += found.unwrap_or(0);
            }
            assert!(!rule.summary().is_empty());
        }
    }

    #[test]
    fn names_are_kebab_case_and_unique() {
        let mut seen = std::collections::HashSet::new();
        for rule in Rule::ALL {
            assert!(seen.insert(rule.name()));
            assert!(rule
                .name()
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '-' || c.is_ascii_digit()));
            assert_eq!(Rule::from_name(rule.name()), Some(*rule));
        }
    }
}
