//! "Is this Flexy?": the one module that answers it, and the URL analysis built on it.
//!
//! The precision contract (DESIGN.md) is reviewed here. A string is Flexy when it carries a
//! Flexy host (v2, v3, or one configured), or starts with an expression naming a base
//! binding of the file that holds a Flexy URL. A host-less `/v2/...` path is Flexy when its
//! row is distinctive (only Flexy has it), or when the innermost call, function, class or
//! file around it holds Flexy evidence and no other host ([`Tie`]). Another host's URL is
//! never Flexy.

use crate::source::Up;
use std::ops::Range;

use tree_sitter::Node;

use crate::api::{self, match_endpoint, Form, PathMatch, Tok};
use crate::flow::Origin;
use crate::lang::query::{self, Captures, Purpose};
use crate::lang::{Field, NodeType, StrExpr, Syntax};
use crate::rules::{Applicability, Edit};
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

/// Why an error read or comparison is Flexy's (the precision contract for error rewrites):
/// nothing else, not the class, function or file around it, proves it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ErrorSource {
    /// `x.error` where `x` is a followed Flexy body: moves with that call site.
    Body(Origin),
    /// `e.code` where the file copies the v2 error of these call sites into `code`
    /// (`err.code = data.error`).
    Copy { field: String, origins: Vec<Origin> },
}

/// What tracing a header to its requests found.
#[derive(Default)]
struct HeaderTrace {
    flexy: bool,
    other: bool,
    /// Nodes traced, and names followed (with their scope), so each is done once.
    visited: rustc_hash::FxHashSet<usize>,
    followed: rustc_hash::FxHashSet<(String, usize, usize)>,
    /// Walks over the file's nodes so far: a header is traced with a few at most (a large
    /// bundle full of headers stays fast; what is not traced stays unproven).
    scans: usize,
}

impl HeaderTrace {
    fn scan(&mut self) -> bool {
        const MAX_SCANS: usize = 16;
        self.scans += 1;
        self.scans <= MAX_SCANS
    }
}

/// A host written in a string expression.
#[derive(Clone, Debug)]
struct HostHit {
    expr: usize,
    /// Token index where the URL starts (its scheme, or `//`).
    url_start: usize,
    /// Token range of the host name (no scheme, no port).
    toks: Range<usize>,
    /// Token index after the host and its `:port`, where the path starts.
    path_start: usize,
    flexy: bool,
    v2_host: bool,
}

/// A Flexy base: a host, optionally with `/v2`, with no path after it.
#[derive(Clone, Debug)]
pub struct Base {
    pub expr: usize,
    host: Range<usize>,
    v2_host: bool,
    /// Token range of `/v2` or `/v2/` when the base is versioned (`/v2/internet` or
    /// `/v2/internet/` when it is grouped).
    version: Option<Range<usize>>,
    /// The endpoint group a grouped base ends in (`.../v2/internet`): its paths are the
    /// group's rows without `/v2/<group>`.
    pub group: Option<&'static str>,
    /// What replaces its version: `/v3`, or the v3 prefix a grouped base's paths share.
    v3_version: Option<String>,
    /// The name it is bound to, if any.
    pub name: Option<String>,
    /// The innermost class (or the file) it is defined in: a use resolves to the base of
    /// its own class first.
    scope: Range<usize>,
}

impl Base {
    pub fn versioned(&self) -> bool {
        self.version.is_some()
    }
    /// What replaces its version when that is not `/v3`: the v3 prefix a grouped base's
    /// paths share (`/v3/internet`).
    pub fn v3_version(&self) -> Option<&str> {
        self.v3_version.as_deref()
    }
    /// The v2 host itself, not a proxy or gateway given as an extra Flexy host (whose host
    /// is kept: only its version changes).
    pub fn on_v2_host(&self) -> bool {
        self.v2_host
    }
    /// The row of a version-less path written at `toks[at..]` appended to this base, in
    /// `form` (see [`Base::form`]).
    fn match_path(&self, toks: &[Tok], at: usize, form: Form) -> Option<PathMatch> {
        match self.group {
            Some(g) => api::path::match_grouped(toks, at, g, form == Form::VersionlessNoSlash),
            None => match_endpoint(toks, at, form),
        }
    }

    /// How version-less paths are appended to it: with a leading `/`, or without one when
    /// the base ends in `/v2/`.
    fn form(&self, e: &StrExpr) -> Form {
        let slash = self
            .version
            .as_ref()
            .is_some_and(|v| e.toks.get(v.end - 1) == Some(&Tok::Ch('/')));
        if slash {
            Form::VersionlessNoSlash
        } else {
            Form::Versionless
        }
    }
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
    pub note: Option<String>,
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
    pub note: Option<String>,
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

/// Everything the rules need to know about one file.
pub struct Ctx<'s> {
    /// Other files of the run import this one: what its functions return reaches code the
    /// analysis sees but does not follow yet, so such a return holds its unit back.
    pub callers_elsewhere: bool,
    /// This file imports a file of the run that calls Flexy (a client module): a host-less
    /// `/v2/...` path with no other host around it is taken as Flexy's.
    pub imports_flexy: bool,
    pub source: &'s Source,
    pub syntax: &'static dyn Syntax,
    pub extra_hosts: &'s [String],
    pub strings: Vec<StrExpr>,
    flexy_at: Vec<usize>,
    other_at: Vec<usize>,
    pub endpoints: Vec<EndpointSite>,
    pub bases: Vec<BaseSite>,
    pub v3_sites: Vec<V3Site>,
    members: Vec<Member<'s>>,
    /// The queries' matches, by purpose.
    matches: query::Matches<'s>,
    /// Member read node id -> its index in `members`.
    member_index: rustc_hash::FxHashMap<usize, usize>,
    /// Per string: it is a v2 Flexy URL (the v2 host, or a use of a v2 base), whatever
    /// its path.
    pub v2_url: Vec<bool>,
    /// Per string: it is a URL proven not to be Flexy's (it starts with another host, or is
    /// built on another host's base).
    pub foreign_url: Vec<bool>,
    flow: std::sync::OnceLock<crate::flow::Flow<'s>>,
}

/// A field read: `x.f`, `x["f"]`, `$x->f`, `x.get("f")`.
#[derive(Clone, Copy, Debug)]
pub struct Member<'t> {
    pub read: Node<'t>,
    pub object: Node<'t>,
    /// The field's node (identifier or string literal).
    pub field: Node<'t>,
    pub kind: FieldKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldKind {
    /// `x.f`, `$x->f`
    Dot,
    /// `x["f"]`, `$x['f']`
    Subscript,
    /// `x.get("f")`
    Get,
}

impl<'s> Ctx<'s> {
    pub fn new(source: &'s Source, extra_hosts: &'s [String]) -> Ctx<'s> {
        Ctx::new_in(source, extra_hosts, false)
    }

    /// [`Ctx::new`] for a file that imports a Flexy client module of the run
    /// (`imports_flexy`, see [`Ctx::imports_flexy`]).
    pub fn new_in(source: &'s Source, extra_hosts: &'s [String], imports_flexy: bool) -> Ctx<'s> {
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

        let mut ctx = Ctx {
            imports_flexy,
            callers_elsewhere: false,
            source,
            syntax,
            extra_hosts,
            strings,
            flexy_at: Vec::new(),
            other_at: Vec::new(),
            endpoints: Vec::new(),
            bases: Vec::new(),
            v3_sites: Vec::new(),
            members,
            member_index,
            matches,
            v2_url: Vec::new(),
            foreign_url: Vec::new(),
            flow: std::sync::OnceLock::new(),
        };
        ctx.analyze_urls(&roots);
        ctx
    }

    /// The response bodies of the file's v2 requests, followed to their reads (computed
    /// once, on first use).
    pub fn flow(&self) -> &crate::flow::Flow<'s> {
        self.flow.get_or_init(|| crate::flow::Flow::new(self))
    }

    pub fn src(&self) -> &'s str {
        &self.source.text
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

    pub fn node_at(&self, range: Range<usize>) -> Option<Node<'s>> {
        self.source
            .root()
            .descendant_for_byte_range(range.start, range.end)
    }

    /// Is this error object or field read Flexy's? Its object is a followed Flexy body, or
    /// it is a property the file copies a Flexy body's v2 error into. None when nothing
    /// proves it, whatever code surrounds it.
    pub fn error_source(&self, subject: Node) -> Option<ErrorSource> {
        let flow = self.flow();
        let Some(m) = self.member_at(subject) else {
            // `error === "NO-BALANCE"` after `const { error } = err.response.data`.
            if let Some(key) = self.syntax.name_key(subject, self.src()) {
                let at = subject.start_byte();
                let origins: Vec<Origin> = flow
                    .error_locals
                    .iter()
                    .filter(|(name, scope, from, _)| {
                        *name == key && scope.contains(&at) && *from <= at
                    })
                    .map(|(_, _, _, o)| *o)
                    .collect();
                if !origins.is_empty() {
                    return Some(ErrorSource::Copy {
                        field: key,
                        origins,
                    });
                }
            }
            // `codeOf(err)`, a function of this file returning such a copy (`err.code`).
            return self.returned_error_copy(subject);
        };
        if let Some(origin) = flow.read_origin(m.read) {
            return Some(ErrorSource::Body(origin));
        }
        self.error_copy(m)
    }

    fn error_copy(&self, m: &Member) -> Option<ErrorSource> {
        let field = self.field_name(m)?;
        let origins: Vec<Origin> = self.flow().error_copies(&field).collect();
        (!origins.is_empty()).then_some(ErrorSource::Copy { field, origins })
    }

    /// A call of a function of this file that returns a copy of the v2 error.
    fn returned_error_copy(&self, subject: Node) -> Option<ErrorSource> {
        let src = self.src();
        if self.flow().error_fields.is_empty() {
            return None;
        }
        let call = self.syntax.call_view(subject, src)?;
        self.source
            .named_nodes()
            .filter(|f| {
                self.syntax.is_function(*f)
                    && self.syntax.function_name(*f, src).as_deref() == Some(call.name.as_str())
            })
            .flat_map(|f| self.syntax.returns(f))
            .find_map(|(_, value)| {
                let r = value.byte_range();
                self.members
                    .iter()
                    .filter(|m| r.contains(&m.read.start_byte()) && m.read.end_byte() <= r.end)
                    .find_map(|m| self.error_copy(m))
            })
    }

    /// The tie to Flexy of the requests a header is sent with, by its own evidence only: the
    /// call or options object it is written in, a headers value or client object that flows
    /// into a request (`opts = {headers}`, `session.headers.update(...)` then
    /// `session.get(url)`, `axios.create({baseURL, headers})`), or the calls of a function
    /// that returns it. That the function, class or file around it also calls Flexy proves
    /// nothing: a header of another API's auth helper is `Unknown`.
    pub fn header_tie(&self, at: Node<'s>) -> Tie {
        let mut trace = HeaderTrace::default();
        self.trace_header(at, 0, &mut trace);
        match (trace.flexy, trace.other) {
            (true, false) => Tie::Proven,
            (true, true) => Tie::Mixed,
            (false, true) => Tie::Other,
            (false, false) => Tie::Unknown,
        }
    }

    /// Follows `start` (a header, or a value holding it) up to the request it is sent with.
    fn trace_header(&self, start: Node<'s>, depth: usize, t: &mut HeaderTrace) {
        const MAX_DEPTH: usize = 4;
        if depth > MAX_DEPTH || !t.visited.insert(start.id()) {
            return;
        }
        let src = self.src();
        let inside = |outer: Node, inner: Node| {
            outer.start_byte() <= inner.start_byte() && inner.end_byte() <= outer.end_byte()
        };
        let mut n = start;
        while let Some(p) = n.up() {
            if self.syntax.is_function(p) {
                // Returned: it goes where the function's calls send it.
                if self
                    .syntax
                    .returns(p)
                    .iter()
                    .any(|(_, v)| inside(*v, start))
                {
                    let name = self.syntax.function_name(p, src).filter(|_| t.scan());
                    if let Some(name) = name {
                        for call in self.source.named_nodes() {
                            let named = self
                                .syntax
                                .call_view(call, src)
                                .is_some_and(|c| c.name == name);
                            if named && !inside(p, call) {
                                self.trace_header(call, depth + 1, t);
                            }
                        }
                    }
                }
                return;
            }
            if let Some(call) = self.syntax.call_view(p, src) {
                if self.request_evidence(p, t) {
                    return;
                }
                if !call.args.iter().any(|a| inside(*a, start)) {
                    // A method of the object it is held in (`session.get(url)`): no evidence.
                    return;
                }
                // Given to a call that shows no host: a request whose URL is not known here,
                // or a call that sets or builds headers (`headers.set("authorization", k)`,
                // `session.headers.update({...})`, `new Headers({...})`, `array_merge(...)`).
                // The header goes where its receiver goes, and where its value goes.
                if let Some(r) = call.receiver {
                    self.follow_object(r, depth, t);
                }
                // Given to a function of this file: its parameter holds it.
                if let Some(i) = call.args.iter().position(|a| *a == start) {
                    self.follow_parameter(&call, i, depth, t);
                }
                n = p;
                continue;
            }
            if let Some((target, value)) = self.syntax.binding(p, src) {
                if inside(value, start) {
                    self.follow_name(target, depth, t);
                } else if inside(target, start) {
                    // `r.headers["Authorization"] = v`: set on the object `r`.
                    self.follow_object(target, depth, t);
                }
                return;
            }
            // `foreach ($headers as $name => $value)`: the loop variable holds its entries.
            if let Some(v) = self.syntax.loop_variable(p) {
                let in_body = p.field("body").is_some_and(|b| inside(b, start));
                if !in_body && !inside(v, start) {
                    self.follow_name(v, depth, t);
                    return;
                }
            }
            if let Some((key, value)) = self.syntax.declaration(p, src) {
                if inside(value, start) {
                    self.follow_key(&key, p, depth, t);
                }
                return;
            }
            n = p;
        }
    }

    /// Host or data-flow evidence of a call: a Flexy or another host written in it, or a
    /// Flexy (or proven foreign) request or client the data flow found. True when any.
    fn request_evidence(&self, call: Node<'s>, t: &mut HeaderTrace) -> bool {
        let r = call.byte_range();
        let mut flexy = self.flexy_at.iter().any(|p| r.contains(p));
        let mut other = self.other_at.iter().any(|p| r.contains(p));
        let flow = self.flow();
        flexy |= flow.request_origin(call).is_some();
        other |= flow.is_foreign(call);
        t.flexy |= flexy;
        t.other |= other;
        if flexy || other {
            return true;
        }
        // A request to the URL its function is given: where the function's calls send it.
        let Some(f) = flow.param_request(call) else {
            return false;
        };
        let Some(name) = self.syntax.function_name(f, self.src()) else {
            return false;
        };
        if !t.scan() {
            return false;
        }
        let callers: Vec<Node<'s>> = self
            .source
            .named_nodes()
            .filter(|n| !f.byte_range().contains(&n.start_byte()))
            .filter(|n| {
                self.syntax
                    .call_view(*n, self.src())
                    .is_some_and(|c| c.name == name)
            })
            .collect();
        let mut any = false;
        for c in callers {
            if t.visited.insert(c.id()) {
                any |= self.request_evidence(c, t);
            }
        }
        any
    }

    /// Follows the object a header is set on (`session` in `session.headers[k] = v`,
    /// `self.session` in `self.session.headers.update(...)`) to the calls made with it.
    fn follow_object(&self, expr: Node<'s>, depth: usize, t: &mut HeaderTrace) {
        let mut cur = expr;
        loop {
            if let Some(key) = self.syntax.name_key(cur, self.src()) {
                if !crate::flow::is_own_object(&key) {
                    self.follow_key(&key, cur, depth, t);
                }
                return;
            }
            // `r.headers["k"]`: its object; `$headers[]`: the array appended to.
            match self.member_at(cur) {
                Some(m) => cur = m.object,
                None if self.syntax.is_call(cur) => return,
                None => match cur.named_child(0) {
                    Some(c) => cur = c,
                    None => return,
                },
            }
        }
    }

    /// Follows argument `index` of a call into the functions of this file of its name.
    fn follow_parameter(
        &self,
        call: &crate::lang::CallView<'s>,
        index: usize,
        depth: usize,
        t: &mut HeaderTrace,
    ) {
        let src = self.src();
        if !t.scan() {
            return;
        }
        let functions: Vec<Node<'s>> = self
            .source
            .named_nodes()
            .filter(|f| {
                self.syntax.is_function(*f)
                    && self.syntax.function_name(*f, src).as_deref() == Some(call.name.as_str())
            })
            .collect();
        for f in functions {
            let Some(params) = f.field("parameters").or_else(|| f.field("parameter")) else {
                continue;
            };
            let mut c = params.walk();
            let names: Vec<Node<'s>> = params
                .named_children(&mut c)
                .filter_map(|p| self.first_name(p))
                .collect();
            // A method's own object comes first (`def send(self, session)`).
            let skip = usize::from(
                call.receiver.is_some()
                    && names.first().is_some_and(|n| {
                        self.syntax
                            .name_key(*n, src)
                            .is_some_and(|k| crate::flow::is_own_object(&k))
                    }),
            );
            if let Some(p) = names.get(index + skip) {
                self.follow_name(*p, depth, t);
            }
        }
    }

    /// The first name in a parameter (`x`, `$x`, `x: T = 1`).
    fn first_name(&self, n: Node<'s>) -> Option<Node<'s>> {
        if self.syntax.name_key(n, self.src()).is_some() {
            return Some(n);
        }
        let mut c = n.walk();
        let children: Vec<Node<'s>> = n.named_children(&mut c).collect();
        children.into_iter().find_map(|ch| self.first_name(ch))
    }

    /// Follows the name a value is bound to.
    fn follow_name(&self, target: Node<'s>, depth: usize, t: &mut HeaderTrace) {
        match self.syntax.name_key(target, self.src()) {
            Some(key) => self.follow_key(&key, target, depth, t),
            None => self.follow_object(target, depth, t),
        }
    }

    /// Every use of `key` in its scope (the class for a field of the code's own object, the
    /// function it is used in when it is bound there, else the file), followed to its call.
    fn follow_key(&self, key: &str, from: Node<'s>, depth: usize, t: &mut HeaderTrace) {
        // Two walks: the name's scope, then its uses.
        if !(t.scan() && t.scan()) {
            return;
        }
        let scope = if crate::flow::is_member_key(key) {
            self.class_scope(from.byte_range())
        } else {
            self.name_scope(key, from)
        };
        if !t.followed.insert((key.to_string(), scope.start, scope.end)) {
            return;
        }
        let uses: Vec<Node<'s>> = self
            .source
            .named_nodes()
            .filter(|n| scope.contains(&n.start_byte()) && n.id() != from.id())
            .filter(|n| self.is_use_of(*n, key))
            .collect();
        for u in uses {
            self.trace_header(u, depth + 1, t);
        }
    }

    /// Is `n` a use of the name `key`: its key, or a bare name of that text that is no
    /// field or property key (`{ headers }` shorthand)?
    fn is_use_of(&self, n: Node<'s>, key: &str) -> bool {
        let src = self.src();
        match self.syntax.name_key(n, src) {
            Some(k) => k == key,
            None => {
                n.named_child_count() == 0
                    && crate::lang::text(n, src) == key
                    && !n.up().is_some_and(|p| {
                        p.field("key") == Some(n) || self.member_at(p).is_some_and(|m| m.field == n)
                    })
            }
        }
    }

    /// The function a local name is bound in (a parameter or an assignment in the innermost
    /// function around `from`), else the whole file.
    fn name_scope(&self, key: &str, from: Node<'s>) -> Range<usize> {
        let src = self.src();
        let file = 0..src.len();
        let Some(f) =
            std::iter::successors(from.up(), |x| x.up()).find(|x| self.syntax.is_function(*x))
        else {
            return file;
        };
        let r = f.byte_range();
        let params = f
            .field("parameters")
            .or_else(|| f.field("parameter"))
            .map(|p| p.byte_range());
        let bound = self.source.named_nodes().any(|n| {
            r.contains(&n.start_byte())
                && self.syntax.name_key(n, src).as_deref() == Some(key)
                && (params.as_ref().is_some_and(|p| p.contains(&n.start_byte()))
                    || n.up()
                        .and_then(|b| self.syntax.binding(b, src))
                        .is_some_and(|(target, _)| target.id() == n.id()))
        });
        if bound {
            r
        } else {
            file
        }
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
        let mut n = self.node_at(range);
        while let Some(x) = n {
            if self.syntax.is_function(x) {
                return x.byte_range();
            }
            n = x.up();
        }
        0..self.src().len()
    }

    /// The tie of a place to Flexy: the innermost call, function, class or the file that
    /// holds any host evidence decides.
    pub fn tie(&self, range: Range<usize>) -> Tie {
        self.innermost(range, |n, _| {
            let r = n.byte_range();
            let f = self.flexy_at.iter().any(|p| r.contains(p));
            let o = self.other_at.iter().any(|p| r.contains(p));
            match (f, o) {
                (true, false) => Some(Tie::Proven),
                (true, true) => Some(Tie::Mixed),
                (false, true) => Some(Tie::Other),
                (false, false) => None,
            }
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

    fn hole_name(&self, e: &StrExpr, hole: usize) -> Option<String> {
        let r = e.holes[hole].expr.clone()?;
        let n = self.node_at(r.clone())?;
        self.syntax.tail_name(n, self.src()).or_else(|| {
            let p = n.up().filter(|p| p.byte_range() == r)?;
            self.syntax.tail_name(p, self.src())
        })
    }

    fn analyze_urls(&mut self, roots: &[Node<'s>]) {
        let hosts = self.find_hosts();
        for h in &hosts {
            let at = self.strings[h.expr].spans[h.toks.start].start;
            if h.flexy {
                self.flexy_at.push(at);
            } else {
                self.other_at.push(at);
            }
        }
        // Bases: a Flexy host with nothing but an optional `/v2` after it.
        let mut bases: Vec<Base> = Vec::new();
        for h in hosts.iter().filter(|h| h.flexy) {
            let e = &self.strings[h.expr];
            let i = h.path_start;
            let rest = &e.toks[i..];
            let lit: String = rest
                .iter()
                .take_while(|t| matches!(t, Tok::Ch(_)))
                .map(|t| match t {
                    Tok::Ch(c) => *c,
                    Tok::Hole(_) => ' ',
                })
                .collect();
            let followed_by_hole_or_end = rest.len() == lit.chars().count()
                || matches!(rest.get(lit.chars().count()), Some(Tok::Hole(_)));
            let n = api::V2_PREFIX.len();
            let mut group = None;
            let version = match lit.strip_prefix(api::V2_PREFIX) {
                Some("") => Some(i..i + n),
                Some("/") => Some(i..i + n + 1),
                // A grouped base: `/v2/internet`, `/v2/topup/`.
                Some(rest) => {
                    let seg = rest.strip_prefix('/').unwrap_or("");
                    let seg = seg.strip_suffix('/').unwrap_or(seg);
                    // `/v2/validate` is an endpoint, not a group of them.
                    match api::V2_SEGMENTS
                        .iter()
                        .find(|s| **s == seg && seg != "validate")
                    {
                        Some(s) => {
                            group = Some(*s);
                            Some(i..i + lit.chars().count())
                        }
                        None => continue,
                    }
                }
                _ if lit.is_empty() || lit == "/" => None,
                _ => continue,
            };
            if !followed_by_hole_or_end {
                continue;
            }
            let whole = rest.len() == lit.chars().count();
            let name = if whole {
                self.syntax.binding_name(roots[h.expr], self.src())
            } else {
                None
            };
            bases.push(Base {
                expr: h.expr,
                host: h.toks.clone(),
                v2_host: h.v2_host,
                version,
                group,
                v3_version: None,
                name,
                scope: self.class_scope(self.strings[h.expr].root.clone()),
            });
        }
        // Uses of named bases are Flexy evidence too; a name written in a class resolves to
        // that class's base, then to a base outside any class. Another host's base of the
        // same name shadows a Flexy one.
        let foreign: Vec<(String, Range<usize>)> = self.foreign_bases(&hosts, roots);
        let mut uses: Vec<(usize, usize)> = Vec::new(); // (expr, base)
        let mut foreign_uses: Vec<usize> = Vec::new(); // exprs built on another host's base
        for (ei, e) in self.strings.iter().enumerate() {
            if let Some(Tok::Hole(0)) = e.toks.first() {
                let Some(name) = self.hole_name(e, 0) else {
                    continue;
                };
                let at = e.spans[0].start;
                let best = bases
                    .iter()
                    .enumerate()
                    .filter(|(_, b)| {
                        b.name.as_deref() == Some(name.as_str()) && b.scope.contains(&at)
                    })
                    .min_by_key(|(_, b)| b.scope.len());
                let shadowed = foreign.iter().any(|(n, scope)| {
                    *n == name
                        && scope.contains(&at)
                        && best.is_none_or(|(_, b)| scope.len() < b.scope.len())
                });
                if let (Some((bi, _)), false) = (best, shadowed) {
                    uses.push((ei, bi));
                    self.flexy_at.push(at);
                } else if shadowed
                    || (best.is_none()
                        && foreign
                            .iter()
                            .any(|(n, scope)| *n == name && scope.contains(&at)))
                {
                    // A URL built on another host's base is that host's evidence.
                    self.other_at.push(at);
                    foreign_uses.push(ei);
                }
            }
        }
        self.v2_url = vec![false; self.strings.len()];
        for h in hosts.iter().filter(|h| h.flexy && h.v2_host) {
            self.v2_url[h.expr] = true;
        }
        for &(ei, bi) in &uses {
            if bases[bi].v2_host || bases[bi].versioned() {
                self.v2_url[ei] = true;
            }
        }
        self.foreign_url = vec![false; self.strings.len()];
        for h in hosts.iter().filter(|h| !h.flexy && h.url_start == 0) {
            self.foreign_url[h.expr] = true;
        }
        for &ei in &foreign_uses {
            self.foreign_url[ei] = true;
        }
        for h in hosts.iter().filter(|h| h.flexy) {
            self.foreign_url[h.expr] = false;
        }
        for &(ei, _) in &uses {
            self.foreign_url[ei] = false;
        }
        self.endpoints = self.match_endpoints(&hosts, &bases, &uses, &foreign_uses);
        self.v3_sites = self.match_v3_sites(&hosts, &bases, &uses);
        self.bases = self.base_sites(&hosts, bases, &uses);
    }

    /// The innermost class around a place, or the whole file.
    fn class_scope(&self, range: Range<usize>) -> Range<usize> {
        let mut n = self.node_at(range);
        while let Some(x) = n {
            if self.syntax.is_scope(x) && x.type_name().contains("class") {
                return x.byte_range();
            }
            n = x.up();
        }
        0..self.src().len()
    }

    /// Names bound to other hosts' URLs, with their class scope.
    fn foreign_bases(&self, hosts: &[HostHit], roots: &[Node]) -> Vec<(String, Range<usize>)> {
        hosts
            .iter()
            .filter(|h| !h.flexy)
            .filter_map(|h| {
                let name = self.syntax.binding_name(roots[h.expr], self.src())?;
                Some((name, self.class_scope(self.strings[h.expr].root.clone())))
            })
            .collect()
    }

    fn find_hosts(&self) -> Vec<HostHit> {
        let mut out = Vec::new();
        for (ei, e) in self.strings.iter().enumerate() {
            let t = &e.toks;
            let ch = |k: usize| match t.get(k) {
                Some(Tok::Ch(c)) => Some(*c),
                _ => None,
            };
            let mut i = 0;
            while i < t.len() {
                // `scheme://host` or `//host` at the start, or a bare Flexy host name.
                let after_scheme = if ch(i) == Some(':')
                    && ch(i + 1) == Some('/')
                    && ch(i + 2) == Some('/')
                {
                    // Only network schemes name a host (`php://output` does not).
                    let scheme: String = t[..i]
                        .iter()
                        .rev()
                        .map_while(|t| match t {
                            Tok::Ch(c) if c.is_ascii_alphabetic() => Some(c.to_ascii_lowercase()),
                            _ => None,
                        })
                        .collect::<String>()
                        .chars()
                        .rev()
                        .collect();
                    matches!(scheme.as_str(), "http" | "https" | "ws" | "wss").then_some(i + 3)
                } else if i == 0 && ch(0) == Some('/') && ch(1) == Some('/') {
                    Some(2)
                } else {
                    None
                };
                let start = match after_scheme {
                    Some(s) => s,
                    None => {
                        let bare = [api::V2_HOST, api::V3_HOST].into_iter().find(|h| {
                            (i == 0 || !matches!(ch(i - 1), Some(c) if c.is_ascii_alphanumeric() || c == '.' || c == '-' || c == '/'))
                                && h.chars().enumerate().all(|(k, c)| ch(i + k) == Some(c))
                        });
                        match bare {
                            Some(_) => i,
                            None => {
                                i += 1;
                                continue;
                            }
                        }
                    }
                };
                let mut end = start;
                while matches!(ch(end), Some(c) if c.is_ascii_alphanumeric() || c == '.' || c == '-')
                {
                    end += 1;
                }
                if end > start {
                    let host: String = (start..end)
                        .filter_map(ch)
                        .collect::<String>()
                        .to_ascii_lowercase();
                    let flexy = api::is_flexy_host(&host, self.extra_hosts);
                    if flexy || !is_non_api_host(&host) {
                        let url_start = match after_scheme {
                            Some(s) if s >= 3 && ch(s - 3) == Some(':') => {
                                let mut k = s - 3;
                                while k > 0
                                    && matches!(ch(k - 1), Some(c) if c.is_ascii_alphabetic())
                                {
                                    k -= 1;
                                }
                                k
                            }
                            Some(s) => s - 2,
                            None => start,
                        };
                        let mut path_start = end;
                        if ch(path_start) == Some(':') {
                            path_start += 1;
                            while matches!(ch(path_start), Some('0'..='9')) {
                                path_start += 1;
                            }
                        }
                        out.push(HostHit {
                            expr: ei,
                            url_start,
                            path_start,
                            toks: start..end,
                            flexy,
                            v2_host: host == api::V2_HOST,
                        });
                    }
                }
                i = end.max(i + 1);
            }
        }
        out
    }

    fn match_endpoints(
        &self,
        hosts: &[HostHit],
        bases: &[Base],
        uses: &[(usize, usize)],
        foreign_uses: &[usize],
    ) -> Vec<EndpointSite> {
        let mut out = Vec::new();
        for (ei, e) in self.strings.iter().enumerate() {
            let use_of = uses.iter().find(|(x, _)| *x == ei).map(|(_, b)| &bases[*b]);
            let mut i = 0;
            while i < e.toks.len() {
                if !starts_with(&e.toks, i, api::V2_PREFIX)
                    || e.toks.get(i + api::V2_PREFIX.len()) != Some(&Tok::Ch('/'))
                {
                    i += 1;
                    continue;
                }
                // A grouped base's own `/v2/<group>` is the base, not a path.
                if bases.iter().any(|b| {
                    b.expr == ei
                        && b.group.is_some()
                        && b.version.as_ref().is_some_and(|v| v.start == i)
                }) {
                    i += 1;
                    continue;
                }
                // What is written before the path decides whether it is Flexy.
                let host = hosts.iter().find(|h| h.expr == ei && h.path_start == i);
                let (start, proven) = match host {
                    Some(h) if !h.flexy => {
                        i += 1;
                        continue;
                    }
                    Some(h) => (h.toks.start, true),
                    None if i == 0 => (0, false),
                    None if i == 1 && matches!(e.toks[0], Tok::Hole(_)) => match use_of {
                        Some(b) if b.versioned() => {
                            i += 1;
                            continue;
                        }
                        Some(_) => (i, true),
                        // Appended to another host's base: that host's path.
                        None if foreign_uses.contains(&ei) => {
                            i += 1;
                            continue;
                        }
                        None => (i, false),
                    },
                    None => {
                        i += 1;
                        continue;
                    }
                };
                let m = match_endpoint(&e.toks, i, Form::Versioned);
                // `/v2/${group}/list`: a v2 path whose endpoint is chosen at run time.
                let built = matches!(e.toks.get(i + api::V2_PREFIX.len() + 1), Some(Tok::Hole(_)));
                if m.is_none() && !built && !api::looks_v2(&e.toks, i, Form::Versioned) {
                    i += 1;
                    continue;
                }
                let tie = if proven {
                    Tie::Proven
                } else {
                    self.tie(e.root.clone())
                };
                let Some((applicability, note)) = site_verdict(m.as_ref(), tie, built) else {
                    i += 1;
                    continue;
                };
                let end = m
                    .as_ref()
                    .map_or_else(|| v2_path_end(&e.toks, i), |m| m.end);
                let shown = host.map_or(start, |h| h.url_start);
                out.push(EndpointSite {
                    expr: ei,
                    host: host.map(|h| (h.toks.clone(), h.v2_host)),
                    toks: start..end,
                    range: self.span(ei, shown..end),
                    matched: m,
                    applicability,
                    note,
                    base: None,
                    external_base: !proven,
                });
                i = end.max(i + 1);
            }
        }
        // `v2/account/balance`: a path written without its leading slash, joined to a host
        // by the code (`FLEXY_URL . '/' . $endpoint`), in code tied to Flexy.
        for (ei, e) in self.strings.iter().enumerate() {
            if !starts_with(&e.toks, 0, "v2/") || out.iter().any(|s| s.expr == ei) {
                continue;
            }
            let mut virt = vec![Tok::Ch('/')];
            virt.extend_from_slice(&e.toks);
            let built = matches!(e.toks.get(3), Some(Tok::Hole(_)));
            let m = match_endpoint(&virt, 0, Form::Versioned);
            if m.is_none() && !built && !api::looks_v2(&virt, 0, Form::Versioned) {
                continue;
            }
            let Some((applicability, note)) =
                site_verdict(m.as_ref(), self.tie(e.root.clone()), built)
            else {
                continue;
            };
            let m = m.map(|mut m| {
                m.end -= 1;
                if m.out.first() == Some(&Tok::Ch('/')) {
                    m.out.remove(0);
                }
                m
            });
            let end = m
                .as_ref()
                .map_or_else(|| v2_path_end(&e.toks, 0), |m| m.end);
            out.push(EndpointSite {
                expr: ei,
                host: None,
                toks: 0..end,
                range: self.span(ei, 0..end),
                matched: m,
                applicability,
                note,
                base: None,
                external_base: true,
            });
        }
        // Version-less paths on a versioned base: appended to a use of it, or written alone
        // in a file that has a named versioned base (the callers of a wrapper).
        for (bi, b) in bases.iter().enumerate() {
            if !b.versioned() {
                continue;
            }
            let form = b.form(&self.strings[b.expr]);
            for &(ei, _) in uses.iter().filter(|(_, ub)| *ub == bi) {
                let e = &self.strings[ei];
                if e.toks.len() < 2 || matches!(e.toks[1], Tok::Hole(_)) {
                    continue;
                }
                // `prefixUrl + "/"`, `BASE + "/" + path`: a join, the path comes later.
                let after = e.toks[1..].iter().position(|t| *t != Tok::Ch('/'));
                if after.is_none_or(|k| matches!(e.toks[1 + k], Tok::Hole(_))) {
                    continue;
                }
                let m = b.match_path(&e.toks, 1, form);
                let end = m
                    .as_ref()
                    .map_or_else(|| v2_path_end(&e.toks, 1), |m| m.end);
                let note = m.is_none().then(|| {
                    "this path is appended to a v2 base but matches no v2 endpoint: migrate it and the base by hand".to_string()
                });
                out.push(self.dependent(ei, 1..end, m, bi, note));
            }
        }
        // Then, for bases whose paths are written with a leading slash, paths without one:
        // got's `prefixUrl` (and a join with "/") takes `"account/balance"`, a whole string
        // of at least two segments (one, `"catalogue"`, on a grouped base, which only its
        // group's rows match). After every base had its own form, so that a trailing-slash
        // base keeps its paths.
        for slashless in [false, true] {
            for (bi, b) in bases
                .iter()
                .enumerate()
                .filter(|(_, b)| b.versioned() && b.name.is_some())
            {
                let form = b.form(&self.strings[b.expr]);
                if slashless && form == Form::VersionlessNoSlash {
                    continue;
                }
                for (ei, e) in self.strings.iter().enumerate() {
                    if out.iter().any(|s| s.expr == ei) || ei == b.expr {
                        continue;
                    }
                    let m = match form {
                        _ if slashless => {
                            let two = b.group.is_some() || e.toks.contains(&Tok::Ch('/'));
                            b.match_path(&e.toks, 0, Form::VersionlessNoSlash)
                                .filter(|m| {
                                    two && matches!(
                                        e.toks.get(m.end),
                                        None | Some(Tok::Hole(_)) | Some(Tok::Ch('?'))
                                    )
                                })
                        }
                        // With a trailing-slash base, paths are written with or without the
                        // slash.
                        Form::VersionlessNoSlash => b
                            .match_path(&e.toks, 0, form)
                            .or_else(|| b.match_path(&e.toks, 0, Form::Versionless)),
                        _ => b.match_path(&e.toks, 0, form),
                    };
                    if let Some(m) = m {
                        let end = m.end;
                        let note = Some(
                            "a version-less path, tied to the v2 base of this file".to_string(),
                        );
                        out.push(self.dependent(ei, 0..end, Some(m), bi, note));
                    }
                }
            }
        }
        out
    }

    /// `/v3/...` paths after a Flexy host, after a use of a Flexy base without a version, or
    /// at the start of a string the code around ties to Flexy.
    fn match_v3_sites(
        &self,
        hosts: &[HostHit],
        bases: &[Base],
        uses: &[(usize, usize)],
    ) -> Vec<V3Site> {
        let mut out = Vec::new();
        for (ei, e) in self.strings.iter().enumerate() {
            let mut i = 0;
            while i < e.toks.len() {
                if !starts_with(&e.toks, i, "/v3/") || is_v3_group_base(&e.toks, i) {
                    i += 1;
                    continue;
                }
                let host = hosts.iter().find(|h| h.expr == ei && h.path_start == i);
                let on_base = || uses.iter().any(|&(x, b)| x == ei && !bases[b].versioned());
                let proven = match host {
                    Some(h) if !h.flexy => false,
                    Some(_) => true,
                    None if i == 1 && matches!(e.toks[0], Tok::Hole(_)) => on_base(),
                    None => false,
                };
                // Host-less, or after an expression that is no base of this file: tied by the
                // code around it.
                let tie = if proven {
                    Tie::Proven
                } else if host.is_none()
                    && (i == 0 || (i == 1 && matches!(e.toks[0], Tok::Hole(_))))
                {
                    self.tie(e.root.clone())
                } else {
                    Tie::Other
                };
                if !matches!(tie, Tie::Proven | Tie::Mixed) {
                    i += 1;
                    continue;
                }
                let path_match = api::v3::match_v3(&e.toks, i);
                let end = match &path_match {
                    api::v3::V3Path::Known { end, .. } | api::v3::V3Path::Unknown { end, .. } => {
                        *end
                    }
                    api::v3::V3Path::Dynamic => i + 3,
                };
                let shown = host.map_or(i, |h| h.url_start);
                out.push(V3Site {
                    expr: ei,
                    range: self.span(ei, shown..end),
                    path: self.span(ei, i..end),
                    path_match,
                    tie,
                    on_flexy_base: proven,
                });
                i = end.max(i + 1);
            }
        }
        out
    }

    fn dependent(
        &self,
        ei: usize,
        toks: Range<usize>,
        m: Option<PathMatch>,
        base: usize,
        note: Option<String>,
    ) -> EndpointSite {
        EndpointSite {
            expr: ei,
            host: None,
            range: self.span(ei, toks.clone()),
            toks,
            applicability: m.as_ref().map(|m| {
                if m.is_changelog() || m.ambiguous_param {
                    Applicability::Unsafe
                } else {
                    Applicability::Safe
                }
            }),
            note,
            matched: m,
            base: Some(base),
            external_base: false,
        }
    }

    fn base_sites(
        &mut self,
        hosts: &[HostHit],
        bases: Vec<Base>,
        uses: &[(usize, usize)],
    ) -> Vec<BaseSite> {
        let mut out = Vec::new();
        // A v2 host neither in an endpoint URL nor a base: it has another path after it.
        for h in hosts.iter().filter(|h| h.flexy && h.v2_host) {
            let consumed = self
                .endpoints
                .iter()
                .any(|s| s.host.as_ref().is_some_and(|(r, _)| *r == h.toks) && s.expr == h.expr);
            let is_base = bases.iter().any(|b| b.expr == h.expr && b.host == h.toks);
            if consumed || is_base {
                continue;
            }
            let e = &self.strings[h.expr];
            let v3_path = starts_with(&e.toks, h.toks.end, api::V3_PREFIX);
            out.push(BaseSite {
                base: Base {
                    expr: h.expr,
                    host: h.toks.clone(),
                    v2_host: true,
                    version: None,
                    group: None,
                    v3_version: None,
                    name: None,
                    scope: 0..0,
                },
                applicability: v3_path.then_some(Applicability::Safe),
                note: (!v3_path).then(|| {
                    "the path after the v2 host is not a v2 endpoint: migrate it by hand"
                        .to_string()
                }),
                range: self.span(h.expr, h.toks.clone()),
            });
        }
        for (bi, b) in bases.into_iter().enumerate() {
            if !b.v2_host && !b.versioned() {
                continue;
            }
            let range = self.span(
                b.expr,
                b.host.start..b.version.clone().map_or(b.host.end, |v| v.end),
            );
            let (applicability, note) = if !b.versioned() {
                (Some(Applicability::Safe), None)
            } else {
                let dependents: Vec<&EndpointSite> = self
                    .endpoints
                    .iter()
                    .filter(|s| s.base == Some(bi))
                    .collect();
                let unresolved = dependents.iter().any(|s| s.matched.is_none());
                // Uses whose path is not written here (`BASE + endpoint`), or no use at all.
                let opaque = b.name.is_none()
                    || !uses.iter().any(|(_, ub)| *ub == bi)
                    || uses.iter().any(|(e, ub)| {
                        let t = &self.strings[*e].toks;
                        *ub == bi && (t.len() < 2 || matches!(t[1], Tok::Hole(_)))
                    });
                let standalone = dependents.iter().any(|s| s.toks.start == 0);
                // A grouped base whose paths are passed in: a path-like string of the file
                // that matches none of its rows may be one of them.
                let stray = b.group.is_some()
                    && opaque
                    && self.strings.iter().enumerate().any(|(ei, e)| {
                        ei != b.expr
                            && e.toks.first() == Some(&Tok::Ch('/'))
                            && matches!(e.toks.get(1), Some(Tok::Ch(c)) if c.is_ascii_alphabetic())
                            && !dependents.iter().any(|s| s.expr == ei)
                            && !self.v2_url[ei]
                    });
                if b.group.is_some() && (dependents.is_empty() || stray) {
                    (None, Some("the paths appended to this grouped base are not all written in this file, or one matches none of its endpoints: migrate them together by hand".to_string()))
                } else if unresolved {
                    (None, Some("a path appended to this base matches no v2 endpoint: migrate them together by hand".to_string()))
                } else if opaque && !standalone {
                    (
                        Some(Applicability::Unsafe),
                        Some(
                            "paths appended to this base elsewhere must move to v3 with it"
                                .to_string(),
                        ),
                    )
                } else {
                    (Some(Applicability::Safe), None)
                }
            };
            // A grouped base takes the v3 prefix its paths share; each path keeps the rest.
            let mut b = b;
            if b.group.is_some() && applicability.is_some() {
                let outs: Vec<&[Tok]> = self
                    .endpoints
                    .iter()
                    .filter(|s| s.base == Some(bi))
                    .filter_map(|s| s.matched.as_ref().map(|m| m.out.as_slice()))
                    .collect();
                let prefix = api::path::common_v3_prefix(&outs);
                for s in self.endpoints.iter_mut().filter(|s| s.base == Some(bi)) {
                    if let Some(m) = s.matched.as_mut() {
                        m.out = api::path::strip_v3_prefix(&m.out, &prefix);
                        // Written without its leading slash (after `.../v2/internet/`).
                        if m.out.first() == Some(&Tok::Ch('/'))
                            && self.strings[s.expr].toks.get(s.toks.start) != Some(&Tok::Ch('/'))
                        {
                            m.out.remove(0);
                        }
                    }
                }
                b.v3_version = Some(prefix);
            }
            // A base and its version-less paths only work together.
            for s in self.endpoints.iter_mut().filter(|s| s.base == Some(bi)) {
                match applicability {
                    None => {
                        s.applicability = None;
                        s.note = Some(
                            "its v2 base cannot be migrated safely: migrate them together by hand"
                                .to_string(),
                        );
                    }
                    Some(Applicability::Unsafe) => {
                        s.applicability = s.applicability.map(|_| Applicability::Unsafe)
                    }
                    Some(Applicability::Safe) => {}
                }
            }
            out.push(BaseSite {
                base: b,
                applicability,
                note,
                range,
            });
        }
        out
    }

    /// Edits that turn tokens `range` of string `ei` into `new`, changing literal text
    /// only; None when text would have to be inserted between two expressions.
    pub fn rewrite(&self, ei: usize, range: Range<usize>, new: &[Tok]) -> Option<Vec<Edit>> {
        rewrite(&self.strings[ei], range, new)
    }

    /// The edits for an endpoint site: the host (when written, v2) and the path, each
    /// rewritten on its own so that each literal keeps its own text.
    pub fn endpoint_edits(&self, s: &EndpointSite) -> Option<Vec<Edit>> {
        let m = s.matched.as_ref()?;
        let mut edits = Vec::new();
        let mut path_start = s.toks.start;
        if let Some((host, v2)) = &s.host {
            if *v2 {
                let new: Vec<Tok> = api::V3_HOST.chars().map(Tok::Ch).collect();
                edits.extend(self.rewrite(s.expr, host.clone(), &new)?);
            }
            let e = &self.strings[s.expr];
            path_start = (host.end..s.toks.end).find(|&k| e.toks[k] == Tok::Ch('/'))?;
        }
        edits.extend(self.rewrite(s.expr, path_start..s.toks.end, &m.out)?);
        Some(edits)
    }

    /// The edits for a base site: the v3 host and `/v3`.
    pub fn base_edits(&self, s: &BaseSite) -> Option<Vec<Edit>> {
        let b = &s.base;
        let e = &self.strings[b.expr];
        let mut new: Vec<Tok> = Vec::new();
        if b.v2_host {
            new.extend(api::V3_HOST.chars().map(Tok::Ch));
        } else {
            new.extend_from_slice(&e.toks[b.host.clone()]);
        }
        let end = match &b.version {
            Some(v) => {
                new.extend_from_slice(&e.toks[b.host.end..v.start]);
                let version = b.v3_version.as_deref().unwrap_or(api::V3_PREFIX);
                new.extend(version.chars().map(Tok::Ch));
                if e.toks.get(v.end - 1) == Some(&Tok::Ch('/')) {
                    new.push(Tok::Ch('/'));
                }
                v.end
            }
            None => b.host.end,
        };
        self.rewrite(b.expr, b.host.start..end, &new)
    }
}

/// Hosts that appear in code without being an API it calls (XML namespaces, schemas).
fn is_non_api_host(host: &str) -> bool {
    const HOSTS: &[&str] = &[
        "www.w3.org",
        "w3.org",
        "json-schema.org",
        "schemas.xmlsoap.org",
        "xmlns.com",
        "purl.org",
        "schema.org",
    ];
    HOSTS.contains(&host)
}

/// Whether a `/v2/...` path is a site, and how safe its fix is: `m` is its row (none when
/// no row matches), `tie` what ties the code around it to Flexy, `built` that its endpoint
/// is chosen at run time (`/v2/${group}/list`). None: not a Flexy site.
fn site_verdict(
    m: Option<&PathMatch>,
    tie: Tie,
    built: bool,
) -> Option<(Option<Applicability>, Option<String>)> {
    let tied = matches!(tie, Tie::Proven | Tie::Mixed);
    let note = |s: &str| Some(s.to_string());
    let Some(m) = m else {
        return match (tied, built) {
            (false, _) => None,
            (true, true) => Some((None, note("its endpoint is chosen at run time (`/v2/${...}`), so its v3 path is unknown: migrate it by hand"))),
            (true, false) => Some((None, note("no v3 endpoint matches this path: migrate it by hand"))),
        };
    };
    let verdict = if m.is_changelog() {
        if !tied {
            return None;
        }
        (
            Some(Applicability::Unsafe),
            note("an older v2 path: the vendor's pages disagree on its v3 target"),
        )
    } else if tie == Tie::Proven || m.endpoint.distinctive {
        (Some(Applicability::Safe), None)
    } else if tie == Tie::Mixed {
        (
            Some(Applicability::Unsafe),
            note("this file also calls other hosts: check that this path is sent to Flexy"),
        )
    } else {
        return None;
    };
    if m.ambiguous_param {
        return Some((Some(Applicability::Unsafe), note("the parameter that becomes a query value is followed by an expression: check where it ends")));
    }
    Some(verdict)
}

/// `/v3/<group>` (or with a `/` after it) ending the string or followed by an expression: a
/// grouped v3 base (`https://api.oneclickdz.com/v3/internet`), what a grouped v2 base
/// becomes, not a path.
fn is_v3_group_base(t: &[Tok], at: usize) -> bool {
    // `/v3/validate` is an endpoint, not a group of them.
    api::Group::ALL
        .iter()
        .filter(|g| **g != api::Group::Validate)
        .any(|g| {
            let base = format!("{}/{}", api::V3_PREFIX, g.name());
            let n = base.chars().count();
            let n = if t.get(at + n) == Some(&Tok::Ch('/')) {
                n + 1
            } else {
                n
            };
            starts_with(t, at, &base) && matches!(t.get(at + n), None | Some(Tok::Hole(_)))
        })
}

fn starts_with(t: &[Tok], at: usize, s: &str) -> bool {
    s.chars()
        .enumerate()
        .all(|(k, c)| t.get(at + k) == Some(&Tok::Ch(c)))
}

/// The end of a `/v2/...` path that matched no row: up to a `?`, `#` or the end.
fn v2_path_end(t: &[Tok], at: usize) -> usize {
    let mut k = at;
    while !matches!(t.get(k), None | Some(Tok::Ch('?' | '#' | '"' | '\'' | ' '))) {
        k += 1;
    }
    k
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

/// The gap algorithm: `range` of `e` and `new` hold the same holes in the same order;
/// the literal text between consecutive holes is replaced where it differs.
pub fn rewrite(e: &StrExpr, range: Range<usize>, new: &[Tok]) -> Option<Vec<Edit>> {
    let old = &e.toks[range.clone()];
    let holes_old: Vec<usize> = old
        .iter()
        .filter_map(|t| if let Tok::Hole(h) = t { Some(*h) } else { None })
        .collect();
    let holes_new: Vec<usize> = new
        .iter()
        .filter_map(|t| if let Tok::Hole(h) = t { Some(*h) } else { None })
        .collect();
    if holes_old != holes_new {
        return None;
    }
    // Split both into gaps: (token indices in e) and (chars).
    let mut gaps_old: Vec<Vec<usize>> = vec![Vec::new()];
    for (k, t) in old.iter().enumerate() {
        match t {
            Tok::Ch(_) => gaps_old.last_mut().unwrap().push(range.start + k),
            Tok::Hole(_) => gaps_old.push(Vec::new()),
        }
    }
    let mut gaps_new: Vec<String> = vec![String::new()];
    for t in new {
        match t {
            Tok::Ch(c) => gaps_new.last_mut().unwrap().push(*c),
            Tok::Hole(_) => gaps_new.push(String::new()),
        }
    }
    let mut edits = Vec::new();
    for (g, (old_ix, new_text)) in gaps_old.iter().zip(&gaps_new).enumerate() {
        let old_chars: Vec<char> = old_ix
            .iter()
            .map(|&k| match e.toks[k] {
                Tok::Ch(c) => c,
                _ => '\0',
            })
            .collect();
        let new_chars: Vec<char> = new_text.chars().collect();
        if old_chars == new_chars {
            continue;
        }
        let pre = old_chars
            .iter()
            .zip(&new_chars)
            .take_while(|(a, b)| a == b)
            .count();
        let max_suf = old_chars.len().min(new_chars.len()) - pre;
        let suf = old_chars
            .iter()
            .rev()
            .zip(new_chars.iter().rev())
            .take(max_suf)
            .take_while(|(a, b)| a == b)
            .count();
        let mid_old = &old_ix[pre..old_ix.len() - suf];
        let mid_new: String = new_chars[pre..new_chars.len() - suf].iter().collect();
        if mid_old.is_empty() {
            // Pure insertion: after the last kept char, before the next one, or beside a
            // hole that sits inside a string.
            let at = if pre > 0 {
                e.spans[old_ix[pre - 1]].end
            } else if suf > 0 {
                e.spans[old_ix[old_ix.len() - suf]].start
            } else {
                let before = (g > 0)
                    .then(|| &e.holes[holes_old[g - 1]])
                    .filter(|h| h.inside_string);
                let after = holes_old
                    .get(g)
                    .map(|&h| &e.holes[h])
                    .filter(|h| h.inside_string);
                match (before, after) {
                    (Some(h), _) => h.span.end,
                    (_, Some(h)) => h.span.start,
                    _ => return None,
                }
            };
            edits.push(Edit {
                range: at..at,
                content: mid_new,
            });
            continue;
        }
        // Contiguous runs of source; the new text goes in the first, the rest are cleared.
        let mut runs: Vec<Range<usize>> = Vec::new();
        for &k in mid_old {
            let s = e.spans[k].clone();
            match runs.last_mut() {
                Some(r) if r.end == s.start => r.end = s.end,
                _ => runs.push(s),
            }
        }
        for (ri, r) in runs.into_iter().enumerate() {
            let content = if ri == 0 {
                mid_new.clone()
            } else {
                String::new()
            };
            edits.push(Edit { range: r, content });
        }
    }
    Some(edits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;

    /// The tie of the `n`-th `authorization` (any case) header key of `text`.
    fn header(lang: Lang, text: &str, n: usize) -> Tie {
        let source = Source::parse(lang, text.to_string()).unwrap();
        let ctx = Ctx::new(&source, &[]);
        let at = text
            .to_ascii_lowercase()
            .match_indices("authorization")
            .nth(n)
            .unwrap()
            .0;
        let key = ctx.node_at(at..at + "authorization".len()).unwrap();
        ctx.header_tie(key)
    }

    #[test]
    fn a_header_is_flexys_when_its_request_is() {
        // The same call.
        let js = r#"
const FLEXY = "https://flexy-api.oneclickdz.com";
fetch(`${FLEXY}/v2/account/balance`, { headers: { authorization: key } });
"#;
        assert_eq!(header(Lang::JavaScript, js, 0), Tie::Proven);
        // A headers value and an options object that flow into the request.
        let js = r#"
async function balance(key) {
  const headers = { authorization: key };
  const opts = { headers };
  return fetch("https://flexy-api.oneclickdz.com/v2/account/balance", opts);
}
"#;
        assert_eq!(header(Lang::JavaScript, js, 0), Tie::Proven);
        // A session configured before its Flexy requests, and passed to a function.
        let py = r#"
import requests
BASE = "https://flexy-api.oneclickdz.com"
def balance(s):
    return s.get(f"{BASE}/v2/account/balance").json()
with requests.Session() as session:
    session.headers["authorization"] = KEY
    balance(session)
"#;
        assert_eq!(header(Lang::Python, py, 0), Tie::Proven);
        // Headers built by a function whose calls send them to Flexy.
        let php = r#"<?php
function flexy_headers() { return ['authorization: ' . getenv('KEY')]; }
$ch = curl_init('https://flexy-api.oneclickdz.com/v2/account/balance');
curl_setopt($ch, CURLOPT_HTTPHEADER, flexy_headers());
"#;
        assert_eq!(header(Lang::Php, php, 0), Tie::Proven);
    }

    #[test]
    fn the_code_around_a_header_proves_nothing() {
        // An auth helper beside a Flexy function: no request of its own.
        let py = r#"
import requests
class TokenAuth(requests.auth.AuthBase):
    def __call__(self, r):
        r.headers["Authorization"] = self.token
        return r
def balance(key):
    return requests.get("https://flexy-api.oneclickdz.com/v2/account/balance", headers={"authorization": key}).json()
"#;
        assert_eq!(header(Lang::Python, py, 0), Tie::Unknown);
        assert_eq!(header(Lang::Python, py, 1), Tie::Proven);
        // Another API's client whose URL is not known here.
        let js = r#"
const FLEXY = "https://flexy-api.oneclickdz.com";
async function charge(baseUrl, auth) {
  return fetch(`${baseUrl}/charges`, { headers: { Authorization: auth } });
}
async function balance(key) {
  return fetch(`${FLEXY}/v2/account/balance`, { headers: { authorization: key } });
}
"#;
        assert_eq!(header(Lang::JavaScript, js, 0), Tie::Unknown);
        // Another host's request.
        let js = r#"
const FLEXY = "https://flexy-api.oneclickdz.com";
fetch("https://api.example.com/v1/charges", { headers: { Authorization: auth } });
"#;
        assert_eq!(header(Lang::JavaScript, js, 0), Tie::Other);
    }

    #[test]
    fn an_error_is_flexys_by_its_data_flow() {
        let js = r#"
const FLEXY = "https://flexy-api.oneclickdz.com";
async function send(order) {
  const res = await fetch(`${FLEXY}/v2/topup/sendTopup`, { method: "POST" });
  const data = await res.json();
  if (data.error) { const e = new Error(data.message); e.code = data.error; throw e; }
  return data;
}
async function sms() {
  const body = await (await fetch(process.env.SMS_URL)).json();
  return body.error === "Forbidden";
}
function caught(err) { return err.code === "NO-BALANCE"; }
"#;
        let source = Source::parse(Lang::JavaScript, js.to_string()).unwrap();
        let ctx = Ctx::new(&source, &[]);
        let subject = |needle: &str| {
            let at = js.find(needle).unwrap();
            ctx.node_at(at..at + needle.len()).unwrap()
        };
        assert!(matches!(
            ctx.error_source(subject("data.error")),
            Some(ErrorSource::Body(_))
        ));
        assert_eq!(ctx.error_source(subject("body.error")), None);
        assert!(matches!(
            ctx.error_source(subject("err.code")),
            Some(ErrorSource::Copy { field, .. }) if field == "code"
        ));
    }
}
