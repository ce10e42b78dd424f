//! "Is this Flexy?": the one module that answers it, and the URL analysis built on it.
//!
//! The precision contract (DESIGN.md) is reviewed here. A string is Flexy when it carries a
//! Flexy host (v2, v3, or one configured), or starts with an expression naming a base
//! binding of the file that holds a Flexy URL. A host-less `/v2/...` path is Flexy when its
//! row is distinctive (only Flexy has it), or when the innermost call, function, class or
//! file around it holds Flexy evidence and no other host ([`Tie`]). Another host's URL is
//! never Flexy.

pub mod across;
mod bases;
mod hosts;
mod urls;
mod v3;

pub use bases::Base;

use hosts::HostHit;
use urls::starts_with;

use crate::tree::Up;
use std::ops::Range;

use tree_sitter::Node;

use crate::api::{self, match_endpoint, Form, PathMatch, Tok};
use crate::edit::Applicability;
use crate::lang::query::{self, Captures, Purpose};
pub use crate::lang::{FieldKind, Member};
use crate::lang::{StrExpr, Syntax};
use crate::scope::{self, Scopes};
use crate::source::Source;

/// How strongly a place is tied to Flexy by the code around it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tie {
    /// The innermost call, function, class or file holding any evidence holds only Flexy's.
    Proven,
    /// It holds Flexy evidence and another host's: probable, not proven.
    Mixed,
    /// It holds another host's evidence only.
    Other,
    /// No evidence at all.
    Unknown,
}

/// Why a site's fix is missing or unsafe: a fact the rules put in words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Note {
    /// `/v2/${group}/list`: the endpoint is chosen at run time, so its v3 path is unknown.
    ChosenAtRunTime,
    /// A `/v2/...` path that no v3 endpoint matches.
    NoV3Endpoint,
    /// An older v2 path the vendor's pages map to different v3 targets.
    Disputed,
    /// The code around the path also calls other hosts.
    OtherHosts,
    /// The parameter that becomes a query value is followed by an expression.
    QueryValueFollowed,
    /// A path appended to a v2 base that matches no v2 endpoint.
    UnmatchedOnBase,
    /// A version-less path appended to a v2 base of this file.
    OnBase,
    /// The v2 base of a version-less path cannot be migrated safely.
    BaseBlocked,
    /// The path after the v2 host is not a v2 endpoint.
    NotAnEndpoint,
    /// Not every path appended to a grouped base is written in the file, or one matches
    /// none of the group's endpoints.
    GroupPathsUnseen,
    /// A path appended to this base matches no v2 endpoint.
    BaseHasUnmatchedPath,
    /// Paths appended to this base elsewhere must move to v3 with it.
    PathsElsewhere,
    /// A version-less path given to a function of another file of the run, which appends
    /// it to its v2 base.
    GivenToImported,
    /// A version-less path tied to the v2 base of another file of the run, which this file
    /// imports and names.
    OnGivenBase,
    /// A base handed to code of another file of the run (`new FlexyClient({ baseUrl })` of
    /// a class this file imports) that does not tie every path it appends to it.
    HandedToImported,
}

/// A v2 endpoint written in a string expression.
#[derive(Clone, Debug)]
pub struct EndpointSite {
    pub expr: usize,
    /// Token range of the host written before the path, and whether it is the v2 host.
    pub host: Option<(Range<usize>, bool)>,
    /// Token range replaced (the host included when it is written before the path).
    pub toks: Range<usize>,
    /// The row, or None for a `/v2/...` path that matches no row.
    pub matched: Option<PathMatch>,
    pub applicability: Option<Applicability>,
    /// Why the fix is missing or unsafe, for the message.
    pub note: Option<Note>,
    pub range: Range<usize>,
    /// The versioned base this version-less path is appended to (index in the bases).
    pub base: Option<usize>,
    /// Neither a host nor a base of this file is written before the path: it is sent to a
    /// base defined elsewhere (a client wrapper in another file), shared with other calls.
    pub external_base: bool,
}

/// A base URL that is reported on its own (not part of an endpoint URL).
#[derive(Clone, Debug)]
pub struct BaseSite {
    pub base: Base,
    pub applicability: Option<Applicability>,
    pub note: Option<Note>,
    pub range: Range<usize>,
}

/// A `/v3/...` path written on a Flexy host or base: a migrated call site, or a path v3 does
/// not have.
#[derive(Clone, Debug)]
pub struct V3Site {
    pub expr: usize,
    /// The source range of the path (and of the host, when written before it).
    pub range: Range<usize>,
    /// The path alone.
    pub path: Range<usize>,
    pub path_match: api::v3::V3Path,
    /// `Proven` when a Flexy host or base is written before it; a host-less path is tied by
    /// the code around it, which may also call other hosts (`Mixed`).
    pub tie: Tie,
    /// A Flexy host or base is written before the path.
    pub on_flexy_base: bool,
}

/// What the URL analysis knows about one file: its strings, field reads and query matches,
/// and the Flexy sites among them.
pub struct Facts<'s> {
    /// Other files of the run import this one: what its functions return reaches code the
    /// analysis sees but does not follow yet, so such a return holds its unit back.
    pub callers_elsewhere: bool,
    /// This file imports a file of the run that calls Flexy (a client module): a host-less
    /// `/v2/...` path with no other host around it is taken as Flexy's.
    pub imports_flexy: bool,
    /// What the other files of the run say about the Flexy bodies crossing into or out of
    /// this file.
    pub across: across::Env,
    pub source: &'s Source,
    pub syntax: &'static dyn Syntax,
    pub extra_hosts: &'s [String],
    pub strings: Vec<StrExpr>,
    flexy_at: Vec<usize>,
    other_at: Vec<usize>,
    pub endpoints: Vec<EndpointSite>,
    pub bases: Vec<BaseSite>,
    pub v3_sites: Vec<V3Site>,
    /// How the file uses the bases other files share with it (`None` when given none).
    pub given: Option<across::GivenUse>,
    /// The names of the bases given, and the names bound to reads of them.
    given_names: Vec<String>,
    /// The bases it hands to code of other files of the run, held for it.
    pub handed: Vec<across::Handed>,
    members: Vec<Member<'s>>,
    /// The queries' matches, by purpose.
    matches: query::Matches<'s>,
    /// Member read node id -> its index in `members`.
    member_index: rustc_hash::FxHashMap<usize, usize>,
    /// Per string: it is a v2 Flexy URL (the v2 host, or a use of a v2 base), whatever
    /// its path.
    pub v2_url: Vec<bool>,
    /// Per string: it is a v3 Flexy URL whose endpoint is not written in it (the v3 host
    /// with a path built at run time, a v3 base with one appended).
    pub v3_url: Vec<bool>,
    /// Per string: it is a URL proven not to be Flexy's (it starts with another host, or is
    /// built on another host's base).
    pub foreign_url: Vec<bool>,
    /// Its functions and classes.
    pub scopes: Scopes<'s>,
    /// What it imports and exports (read on first use, see [`Facts::module_facts`]).
    modules: std::sync::OnceLock<crate::lang::module::ModuleFacts>,
}

impl<'s> Facts<'s> {
    pub fn new(source: &'s Source, extra_hosts: &'s [String]) -> Facts<'s> {
        Facts::new_in(source, extra_hosts, false, false, across::Env::default())
    }

    /// [`Facts::new`] for a file that imports a Flexy client module of the run
    /// (`imports_flexy`, see [`Facts::imports_flexy`]).
    pub fn new_in(
        source: &'s Source,
        extra_hosts: &'s [String],
        imports_flexy: bool,
        callers_elsewhere: bool,
        across: across::Env,
    ) -> Facts<'s> {
        let syntax = source.lang.syntax();
        let src = source.text.as_str();
        let root = source.root();
        let matches = query::run_all(source.lang, root, src);
        let mut roots: Vec<Node> = matches[Purpose::Strings as usize]
            .iter()
            .filter_map(|c| c.get("string").copied())
            .map(|lit| syntax.string_root(lit, src))
            .collect();
        roots.sort_by_key(|n| (n.start_byte(), std::cmp::Reverse(n.end_byte())));
        roots.dedup_by_key(|n| n.byte_range());
        // A root nested in another root's hole (a template inside `${}`) stays separate.
        let strings: Vec<StrExpr> = roots.iter().map(|r| syntax.lower(*r, src)).collect();

        let members: Vec<Member> = matches[Purpose::Members as usize]
            .iter()
            .filter_map(member_of)
            .collect();
        let mut member_index = rustc_hash::FxHashMap::default();
        for (i, m) in members.iter().enumerate() {
            member_index.entry(m.read.id()).or_insert(i);
        }

        let mut ctx = Facts {
            imports_flexy,
            callers_elsewhere,
            across,
            source,
            syntax,
            extra_hosts,
            strings,
            flexy_at: Vec::new(),
            other_at: Vec::new(),
            endpoints: Vec::new(),
            bases: Vec::new(),
            v3_sites: Vec::new(),
            given: None,
            given_names: Vec::new(),
            handed: Vec::new(),
            members,
            member_index,
            matches,
            v2_url: Vec::new(),
            v3_url: Vec::new(),
            foreign_url: Vec::new(),
            scopes: Scopes::build(source, syntax),
            modules: std::sync::OnceLock::new(),
        };
        ctx.analyze_urls(&roots);
        ctx
    }

    pub fn src(&self) -> &'s str {
        &self.source.text
    }

    /// Every caller in other files of this file's functions is followed, and no other file
    /// names one of its bases: a base whose paths are appended elsewhere is appended to
    /// only through them.
    pub fn bases_followed(&self) -> bool {
        self.across
            .callers
            .as_ref()
            .is_some_and(|all| all.iter().all(|c| !c.held))
            && !self.across.bases_elsewhere
    }

    /// A base site's fix applicability, knowing the run: one whose paths are appended
    /// elsewhere (unsafe alone) is safe once those are all followed.
    pub fn base_applicability(&self, site: &BaseSite) -> Option<Applicability> {
        match site.note {
            Some(Note::PathsElsewhere) if self.callers_elsewhere && self.bases_followed() => {
                site.applicability.map(|_| Applicability::Safe)
            }
            _ => site.applicability,
        }
    }

    /// The matches of one purpose's queries (the file is walked once for all).
    pub fn matches(&self, purpose: Purpose) -> &[Captures<'s>] {
        &self.matches[purpose as usize]
    }

    pub fn members(&self) -> &[Member<'s>] {
        &self.members
    }

    /// The name of a member read's field.
    pub fn field_name(&self, m: &Member) -> Option<String> {
        match m.kind {
            FieldKind::Dot => Some(crate::lang::text(m.field, self.src()).to_string()),
            _ => self.syntax.literal(m.field, self.src()).map(|l| l.value),
        }
    }

    /// The member read that is exactly this node (looking through parentheses and casts).
    pub fn member_at(&self, node: Node) -> Option<&Member<'s>> {
        let mut n = node;
        // Parentheses, and TypeScript's `x as T`, `x satisfies T`, `x!`: the read inside.
        while let Some(inner) = self.syntax.transparent(n) {
            n = inner;
        }
        self.member_index.get(&n.id()).map(|&i| &self.members[i])
    }

    /// Base `b` handed to code of another file of the run: written (or its name read) in
    /// the arguments of a call of a name this file's imports bind to such a file (`new
    /// FlexyClient({ baseUrl: BASE })`, `flexy.connect(BASE)`, `FlexyClient(base_url=...)`),
    /// with the key or position it is given under.
    pub fn handed_to_imported(&self, b: &bases::Base) -> Option<across::Handed> {
        self.handed_to(b, &self.across.project_names, false)
    }

    /// Whether a versioned base of the file may be handed to code of another file: written
    /// in the arguments of a call of a name its imports bind (any call, in a file with an
    /// include, which binds no name). The run then resolves those imports
    /// (`run::handed`); a file saying no is not read again for it.
    pub fn hands_on(&self) -> bool {
        let versioned = || self.bases.iter().filter(|s| s.base.versioned());
        // Handed to any call at all, before the imports are read.
        if !versioned().any(|s| self.handed_to(&s.base, &[], true).is_some()) {
            return false;
        }
        let facts = self.module_facts();
        let bindings = facts.imports.iter().flat_map(|i| &i.bindings);
        let any = bindings.clone().any(|b| b.local.is_none());
        let names: Vec<String> = bindings.filter_map(|b| b.local.clone()).collect();
        if names.is_empty() && !any {
            return false;
        }
        versioned().any(|s| self.handed_to(&s.base, &names, any).is_some())
    }

    /// What the file imports and exports, as its module syntax says (read once, on first
    /// use: the flows, the header tracing and the run's questions all ask).
    pub fn module_facts(&self) -> &crate::lang::module::ModuleFacts {
        self.modules.get_or_init(|| {
            let matches =
                crate::lang::query::run_modules(self.source.lang, self.source.root(), self.src());
            self.syntax.module_facts(&matches, self.src())
        })
    }

    /// [`Self::handed_to_imported`] with the names of the code it may be handed to, or any
    /// call's.
    fn handed_to(&self, b: &bases::Base, names: &[String], any: bool) -> Option<across::Handed> {
        if (names.is_empty() && !any) || b.given.is_some() {
            return None;
        }
        let src = self.src();
        let mut places: Vec<Node<'s>> = self
            .strings
            .get(b.expr)
            .and_then(|e| self.node_at(e.root.clone()))
            .into_iter()
            .collect();
        if let Some(name) = &b.name {
            // Its reads, found by their text (no walk of the whole tree).
            let last = name.rsplit('.').next().unwrap_or(name);
            let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
            places.extend(src.match_indices(last).filter_map(|(at, _)| {
                let end = at + last.len();
                if word(src[..at].chars().next_back()) || word(src[end..].chars().next()) {
                    return None;
                }
                let n = self.source.root().descendant_for_byte_range(at, end)?;
                (n.named_child_count() == 0
                    && self.syntax.name_key(n, src).as_deref() == Some(name.as_str()))
                .then_some(n)
            }));
        }
        let root_name = |n: Node| -> String {
            crate::lang::text(n, src)
                .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$'))
                .find(|s| !s.is_empty())
                .unwrap_or_default()
                .to_string()
        };
        let handed: Vec<across::Handed> = places
            .into_iter()
            .filter_map(|place| {
                let mut n = place;
                while let Some(p) = n.up() {
                    if self.syntax.is_function(p) {
                        return None;
                    }
                    if let Some(call) = self.syntax.call_view(p, src) {
                        let at = call.args.iter().position(|a| {
                            a.start_byte() <= place.start_byte() && place.end_byte() <= a.end_byte()
                        })?;
                        let callee = if any || names.contains(&call.name) {
                            call.name.clone()
                        } else {
                            call.receiver.map(root_name).filter(|r| names.contains(r))?;
                            call.name.clone()
                        };
                        // Under a key (`{ baseUrl: BASE }`, `base_url=BASE`), or as the
                        // argument itself at its position.
                        let key = match self.syntax.keyword_of(call.args[at]) {
                            Some(k) => {
                                across::HandedKey::Key(crate::lang::text(k, src).to_string())
                            }
                            None if call.args[at] == place => across::HandedKey::Position(at),
                            None => across::HandedKey::Key(self.syntax.binding_name(place, src)?),
                        };
                        return Some(across::Handed {
                            callee,
                            key,
                            form: b.form(&self.strings),
                            sites: 1,
                        });
                    }
                    n = p;
                }
                None
            })
            .collect();
        // One base handed at several calls of the same code (`new FlexyClient(BASE)` twice).
        let first = handed.first()?.clone();
        let sites = handed.iter().filter(|h| h.callee == first.callee).count();
        Some(across::Handed { sites, ..first })
    }

    /// The bases other files hand to this file's code ([`across::Env::handed_in`]), as the
    /// names its code reads them by: the key, or the parameter at the position of the
    /// class's constructor or of the function called.
    pub(super) fn handed_bases(&self) -> Vec<across::SharedBase> {
        let mut out = Vec::new();
        for h in &self.across.handed_in {
            let name = match &h.key {
                across::HandedKey::Key(k) => Some(k.clone()),
                across::HandedKey::Position(i) => self.parameter_of(&h.callee, *i),
            };
            let Some(name) = name else { continue };
            let name = name.trim_start_matches('$').to_string();
            if !out.iter().any(|s: &across::SharedBase| s.name == name) {
                out.push(across::SharedBase {
                    name,
                    form: h.form,
                    returned: None,
                });
            }
        }
        out
    }

    /// The name of parameter `i` of class `callee`'s constructor (`constructor`,
    /// `__init__` after `self`, `__construct`), or of function `callee`.
    fn parameter_of(&self, callee: &str, i: usize) -> Option<String> {
        let src = self.src();
        let named =
            |n: Node, name: &str| self.syntax.function_name(n, src).as_deref() == Some(name);
        let function = self.source.named_nodes().find_map(|n| {
            if self.syntax.is_class(n)
                && self
                    .syntax
                    .class_name(n)
                    .is_some_and(|c| crate::lang::text(c, src) == callee)
            {
                crate::lang::find_node(n, |f| {
                    self.syntax.is_function(f)
                        && ["constructor", "__init__", "__construct"]
                            .iter()
                            .any(|c| named(f, c))
                })
            } else if self.syntax.is_function(n) && named(n, callee) {
                Some(n)
            } else {
                None
            }
        })?;
        let params = self.syntax.parameters(function)?;
        let mut c = params.walk();
        let names: Vec<String> = params
            .named_children(&mut c)
            .filter(|p| !self.syntax.is_comment(*p))
            .filter_map(|p| {
                let leaf = if self.syntax.is_parameter_name(p) {
                    Some(p)
                } else {
                    crate::lang::find_node(p, |x| self.syntax.is_parameter_name(x))
                };
                leaf.map(|l| crate::lang::text(l, src).to_string())
            })
            .filter(|n| n != "self")
            .collect();
        names.get(i).cloned()
    }

    pub fn node_at(&self, range: Range<usize>) -> Option<Node<'s>> {
        self.source
            .root()
            .descendant_for_byte_range(range.start, range.end)
    }

    /// The first answer `f` gives for the innermost call, function, class or the file
    /// around `range`, walking outwards (`f` is told whether the node is a call): the walk
    /// every "the code around it" decision shares.
    pub fn innermost<T>(
        &self,
        range: Range<usize>,
        mut f: impl FnMut(Node<'s>, bool) -> Option<T>,
    ) -> Option<T> {
        let mut n = self.node_at(range)?;
        loop {
            let call = self.syntax.is_call(n);
            if n.up().is_none() || call || self.syntax.is_scope(n) {
                if let Some(answer) = f(n, call) {
                    return Some(answer);
                }
            }
            n = n.up()?;
        }
    }

    /// Whether the function around a place (or the code outside functions, for a place
    /// outside any) itself holds Flexy evidence: a Flexy host or a v2 call site. A
    /// suspected read elsewhere in a file that calls Flexy (another function, an unrelated
    /// closure of a minified bundle) is not near it.
    pub fn near_flexy(&self, range: Range<usize>) -> bool {
        let file = 0..self.src().len();
        let own = self.function_around(range);
        self.flexy_at
            .iter()
            .copied()
            .chain(self.endpoints.iter().map(|s| s.range.start))
            .any(|p| own.contains(&p) && (own != file || self.function_around(p..p) == file))
    }

    /// The innermost function around a place, or the whole file.
    pub fn function_around(&self, range: Range<usize>) -> Range<usize> {
        self.scopes.innermost(range, scope::Kind::Function)
    }

    /// Whether a range holds a Flexy host (or base use), and another host.
    pub fn hosts_in(&self, r: Range<usize>) -> (bool, bool) {
        (
            self.flexy_at.iter().any(|p| r.contains(p)),
            self.other_at.iter().any(|p| r.contains(p)),
        )
    }

    /// Whether a v2 Flexy URL is written in `r`: an endpoint site, a base reported, a
    /// string on the v2 host or a v2 base.
    pub fn v2_hosts_in(&self, r: Range<usize>) -> bool {
        self.endpoints.iter().any(|s| r.contains(&s.range.start))
            || self.bases.iter().any(|b| r.contains(&b.range.start))
            || self
                .strings
                .iter()
                .zip(&self.v2_url)
                .any(|(e, v2)| *v2 && r.contains(&e.root.start))
    }

    /// The tie of a place to Flexy: the innermost call, function, class or the file that
    /// holds any host evidence decides.
    pub fn tie(&self, range: Range<usize>) -> Tie {
        self.innermost(range, |n, _| match self.hosts_in(n.byte_range()) {
            (true, false) => Some(Tie::Proven),
            (true, true) => Some(Tie::Mixed),
            (false, true) => Some(Tie::Other),
            (false, false) => None,
        })
        .unwrap_or(if self.imports_flexy {
            Tie::Proven
        } else {
            Tie::Unknown
        })
    }

    /// The source range of tokens `toks` of string `e`.
    pub fn span(&self, e: usize, toks: Range<usize>) -> Range<usize> {
        let s = &self.strings[e].spans;
        if toks.is_empty() {
            let at = s
                .get(toks.start)
                .map_or(self.strings[e].root.end, |r| r.start);
            return at..at;
        }
        s[toks.start].start..s[toks.end - 1].end
    }

    /// The innermost class around a place, or the whole file.
    pub fn class_scope(&self, range: Range<usize>) -> Range<usize> {
        self.scopes.innermost(range, scope::Kind::Class)
    }
}

fn member_of<'t>(c: &Captures<'t>) -> Option<Member<'t>> {
    let read = *c.get("read")?;
    let object = *c.get("object")?;
    let (field, kind) = if let Some(f) = c.get("field") {
        (*f, FieldKind::Dot)
    } else if let Some(f) = c.get("field.string") {
        (*f, FieldKind::Subscript)
    } else {
        (*c.get("field.get")?, FieldKind::Get)
    };
    Some(Member {
        read,
        object,
        field,
        kind,
    })
}
