//! Response bodies, followed from the v2 request that returns them to where they are read.
//!
//! A v3 URL returns a wrapped response, so the code that reads the response moves with the
//! URL (DESIGN.md: the unit of migration is the call site). This module finds, per file:
//!
//! - **values**: a v2 Flexy URL (a string with an endpoint site, or a v2 host or base with
//!   a dynamic path), a *raw* response (the result of a call that was given a URL, or of a
//!   curl handle it was set on; its text), and a *body* (the raw response parsed as JSON:
//!   `res.json()`, axios `response.data`, `json.loads`, `json_decode`, ...). Values flow
//!   through assignments, `await`, `.then` callbacks, `with ... as`, `except ... as`, and
//!   through the returns of the file's functions: `this.request("/v2/account/balance")`
//!   yields a body tagged with that endpoint when `request` returns one.
//! - **uses** of each body: field reads (`x.f`, `x["f"]`, `x?.f`, `$x['f']`, `$x->f`,
//!   `x.get("f")`), destructuring, truth tests, iteration and counting, returns, and
//!   everything else, which is an **escape**: the body leaves what the analysis can follow,
//!   so the fixes of its call site become unsafe and the place is reported.
//! - **wrappers**: a function that returns the body of a request whose path is given by
//!   its caller. Each is migrated one way, for all its callers: at the wrapper (unwrap
//!   `data` there and raise the v3 error; callers keep reading fields) when no caller reads
//!   the v2 error fields, else at its call sites.
//!
//! Only v2 requests make bodies: after `--fix` the URLs are v3, nothing is found, and a
//! second run changes nothing.

use crate::source::Up;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::ops::Range;

use tree_sitter::Node;

use crate::api::{self, Endpoint, Shape};
use crate::flexy::{Ctx, FieldKind, Member};
use crate::lang::{text, CallView, Field, NodeType, Syntax, UseSite};
use crate::rules::Applicability;

/// Where a body comes from: a v2 endpoint site of the file (index in `Ctx::endpoints`), or
/// a v2 URL whose path is not written there (index of the string).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Origin {
    Site(usize),
    Dynamic(usize),
    /// A URL given by the caller of a function (index of the function): a helper like
    /// `def get(url): return requests.get(url).json()`. Its calls with a Flexy URL give
    /// Flexy bodies; its own reads are Flexy when every call of it in the file is.
    Param(usize),
    /// A URL proven not to be Flexy's (another host, or built on another host's base), and
    /// what its request returns. Used only as a negative: its bodies are no Flexy bodies, and
    /// their reads are never rewritten or suspected.
    Foreign,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Url,
    Raw,
    Body,
    /// An object or sequence holding a body in one entry (`{ status, body }`,
    /// `(status, body)`): `Val::field` names the entry.
    Holder,
}

/// The id of a holder's entry: its key, or `#<position>`.
fn entry_id(key: &str) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(key)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Val {
    kind: Kind,
    origin: Origin,
    /// The function whose return gave this value.
    via: Option<usize>,
    /// The generic request function (path or URL given by its callers) it came through.
    wrapper: Option<usize>,
    /// PHP `json_decode` without `assoc`: objects, read with `->`.
    objects: bool,
    /// Returned by a wrapper migrated at the wrapper: the v3 `data` itself.
    unwrapped: bool,
    /// A holder's entry holding the body ([`entry_id`]).
    field: Option<u64>,
}

/// The values of the expressions evaluated so far, by node id. Most expressions of a file
/// are not Flexy values: they are kept apart, in a set of ids, a seventh of the size.
#[derive(Default)]
struct Memo {
    values: HashMap<usize, Val>,
    none: HashSet<usize>,
}

impl Memo {
    fn get(&self, id: usize) -> Option<Option<Val>> {
        if self.none.contains(&id) {
            return Some(None);
        }
        self.values.get(&id).map(|v| Some(*v))
    }

    fn insert(&mut self, id: usize, v: Option<Val>) {
        match v {
            Some(v) => self.values.insert(id, v),
            None => {
                self.none.insert(id);
                None
            }
        };
    }
}

struct Func<'t> {
    node: Node<'t>,
    name: Option<String>,
    ret: Option<Val>,
    /// A method: called on an object (`this.request()`, `$client->get()`), where a function
    /// is called bare.
    method: bool,
    /// The class it is in (the whole text when none), found once: a call compares it
    /// with its own for every function of its name.
    class: Range<usize>,
}

#[derive(Clone, Copy)]
enum From<'t> {
    Expr(Node<'t>),
    /// `const { data } = await axios.get(...)`: the `data` field of a raw response.
    DataField(Node<'t>),
    /// A callback's parameter: the value of the call's receiver (`p.then(r => ...)`).
    Receiver(Node<'t>),
    /// `catch (e)` / `except ... as e`: a raw response when the `try` body makes a request.
    Handler(Node<'t>),
    /// A callback's parameter given the response of the request it is passed to:
    /// `https.get(url, (res) => ...)`.
    Callback(Node<'t>),
    /// The entry of a holder (`const { status, body } = await get(...)`,
    /// `status, body = get(...)`): the body when the value holds it there.
    Entry(Node<'t>, u64),
    /// A parameter of the function (its index).
    Param(usize),
    /// A name bound to something not followed (a loop variable): it shadows outer names.
    Opaque,
    /// `x += value`: the value, or what `x` held before.
    Augment(Node<'t>, Node<'t>),
}

struct Bind<'t> {
    key: String,
    scope: Range<usize>,
    at: usize,
    from: From<'t>,
}

/// How a field read of a body changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReadKind {
    /// A payload field: read through `data`.
    Plain,
    /// `totalResults`, `currentPage`, `totalPages`: under `data.pagination`, with this name.
    Pagination(&'static str),
    /// The list field (`transactions`, ...): `data.items`.
    ListItems,
    /// `topup` of a check-status response: `data` itself.
    Topup,
    /// `dymanicPlans`: `data.dynamicPlans`.
    Typo,
    /// A property of the internet products array (`length`, `forEach`): `data.products`.
    ProductsField,
    /// `error` used as text: its code.
    ErrorText,
    /// `message`, the v2 error text: `error.message`.
    ErrorMessage,
    /// `error` tested or compared: unchanged here (`v2-error-code` handles comparisons).
    ErrorCheck,
    /// `success`, `data`, `meta`, `requestId`: already v3.
    V3,
    /// `error.code`, `error.message`: the v3 error, already.
    ErrorV3,
}

/// A field read of a body.
#[derive(Clone, Copy, Debug)]
pub struct Read<'t> {
    pub member: Member<'t>,
    pub kind: ReadKind,
    pub origin: Origin,
    pub endpoint: Option<&'static Endpoint>,
    pub unwrapped: bool,
}

/// A body used as an array (iterated, counted, indexed): the internet products.
#[derive(Clone, Copy, Debug)]
pub struct ArrayUse<'t> {
    pub body: Node<'t>,
    pub origin: Origin,
    pub objects: bool,
    pub unwrapped: bool,
}

/// `const { a, b } = body`.
#[derive(Clone, Copy, Debug)]
pub struct Destructure<'t> {
    pub pattern: Node<'t>,
    pub body: Node<'t>,
    pub origin: Origin,
    pub endpoint: Option<&'static Endpoint>,
    pub unwrapped: bool,
    /// The pattern is the one under an axios response's `data` key
    /// (`const { data: { balance } } = await api.get(...)`): the body is not an expression
    /// of its own, so the pattern, not the body, takes the v3 `data` level.
    pub nested: bool,
}

/// A place where a body leaves the analysis.
#[derive(Clone, Debug)]
pub struct Escape {
    pub range: Range<usize>,
    pub origin: Origin,
    pub endpoint: Option<&'static Endpoint>,
    pub why: String,
    /// Code the tool sees but does not follow reads the body as v2, so its unit cannot
    /// move until a human rewrites that code: `None` when the body goes out of sight.
    pub held: Option<Held>,
}

/// Where a body goes that the analysis sees but does not follow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Held {
    /// A function or class of this file (`report(label, body)`).
    LocalCode,
    /// The callers of this file's functions in other files of the run.
    OtherFiles,
    /// The code iterating a generator that yields it.
    Generator,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Strategy {
    /// Unwrap `data` in the wrapper and raise the v3 error there; callers keep their reads.
    AtWrapper,
    /// Leave the wrapper returning the whole response; rewrite the reads of its callers.
    CallSites,
}

/// What a wrapper migrated at the wrapper raises when a v3 response says it failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Raise {
    /// Nothing new: it checks the errors itself, and its own check moves with it (or it
    /// is migrated at its call sites).
    Nothing,
    /// The migration's own error, carrying the v3 code, message, details and request id.
    New,
    /// The program's own error class (made from the message), which the wrapper already
    /// throws or its callers catch, so that their handlers keep catching it.
    Own(String),
}

/// A function returning the body of a request whose path its callers give.
#[derive(Clone, Debug)]
pub struct Wrapper<'t> {
    pub func: Node<'t>,
    pub name: String,
    pub strategy: Strategy,
    /// The return statements giving the body, with the returned expression.
    pub returns: Vec<(Node<'t>, Node<'t>)>,
    /// What it raises, migrated at the wrapper (nothing when it reads the v2 `error`
    /// itself, and so handles errors already).
    pub raise: Raise,
    pub callers: usize,
    pub objects: bool,
    pub origin: Origin,
}

pub struct Flow<'t> {
    pub reads: Vec<Read<'t>>,
    pub arrays: Vec<ArrayUse<'t>>,
    pub destructures: Vec<Destructure<'t>>,
    pub escapes: Vec<Escape>,
    pub wrappers: Vec<Wrapper<'t>>,
    applicability: HashMap<Origin, Option<Applicability>>,
    read_nodes: HashMap<usize, Origin>,
    /// Properties the v2 error string is copied into (`err.code = data.error`), with the
    /// call site of the body it is read from: comparisons of them with the old strings are
    /// comparisons of that request's error.
    pub error_fields: Vec<(String, Origin)>,
    /// Locals a followed body's v2 error string is destructured into
    /// (`const { error, message } = err.response.data`): (name, the scope it is bound in,
    /// from where, the call site). The destructuring's fix binds them to `error.code`.
    pub error_locals: Vec<(String, Range<usize>, usize, Origin)>,
    /// The calls that make (or configure a client for) a Flexy request, with its origin.
    requests: HashMap<usize, Origin>,
    /// Requests and bodies of URLs proven non-Flexy, by node id.
    foreign: HashSet<usize>,
    /// Requests made to a URL a function is given, with that function.
    param_requests: HashMap<usize, Node<'t>>,
}

impl<'t> Flow<'t> {
    pub fn new(ctx: &Ctx<'t>) -> Flow<'t> {
        let empty = Flow {
            reads: Vec::new(),
            arrays: Vec::new(),
            destructures: Vec::new(),
            escapes: Vec::new(),
            wrappers: Vec::new(),
            applicability: HashMap::default(),
            read_nodes: HashMap::default(),
            error_fields: Vec::new(),
            error_locals: Vec::new(),
            requests: HashMap::default(),
            foreign: HashSet::default(),
            param_requests: HashMap::default(),
        };
        // Only a file with a v2 Flexy request can have a v2 body.
        if ctx.endpoints.iter().all(|s| s.matched.is_none()) && !ctx.v2_url.contains(&true) {
            return empty;
        }
        let mut a = Analysis::new(ctx);
        a.solve();
        let first = a.classify();
        // Wrappers: decided on the first pass, then everything is evaluated again with the
        // callers of wrappers migrated at the wrapper seeing the unwrapped `data`.
        let wrappers = a.decide_wrappers(&first);
        a.at_wrapper = wrappers
            .iter()
            .filter(|(_, w)| w.strategy == Strategy::AtWrapper)
            .map(|(f, _)| *f)
            .collect();
        if !a.at_wrapper.is_empty() {
            a.solve();
        }
        let mut found = a.classify();
        // Code that reads `success`, `data`, `meta` or `requestId` of a response treats it as
        // v3 already: its reads are left alone.
        let v3: HashSet<Origin> = found
            .reads
            .iter()
            .filter(|r| r.kind == ReadKind::V3)
            .map(|r| r.origin)
            .collect();
        found.reads.retain(|r| !v3.contains(&r.origin));
        // A function returning one endpoint's response to callers outside the file is
        // migrated at the function too (their reads cannot be followed).
        let mut wrappers = wrappers;
        // With callers in other files of the run, a function no caller of this file uses is
        // not migrated at the function: its callers are known, only not followed yet.
        if !ctx.callers_elsewhere {
            wrappers.extend(a.unknown_callers(&found));
        }
        let wrapper_funcs: HashMap<usize, Strategy> =
            wrappers.iter().map(|(f, w)| (*f, w.strategy)).collect();
        let mut flow = empty;
        flow.escapes = found.escapes(&a, &wrapper_funcs);
        flow.reads = found.reads;
        flow.arrays = found.arrays;
        flow.destructures = found.destructures;
        flow.wrappers = wrappers.into_iter().map(|(_, w)| w).collect();
        flow.read_nodes = flow
            .reads
            .iter()
            .map(|r| (r.member.read.id(), r.origin))
            .collect();
        flow.error_fields = flow
            .reads
            .iter()
            .filter(|r| r.kind == ReadKind::ErrorText)
            .filter_map(|r| Some((a.copied_into(r.member.read)?, r.origin)))
            .collect();
        flow.requests = std::mem::take(&mut found.requests);
        flow.foreign = std::mem::take(&mut found.foreign);
        flow.param_requests = std::mem::take(&mut found.param_requests);
        flow.error_fields.dedup();
        flow.error_locals = flow
            .destructures
            .iter()
            .filter(|d| !d.unwrapped && !d.nested)
            .filter_map(|d| {
                let local = a.syntax.pattern_local(d.pattern, "error", a.src)?;
                let name = a.syntax.name_key(local, a.src)?;
                Some((name, a.function_scope(local), local.end_byte(), d.origin))
            })
            .collect();
        flow.applicability = a.applicability(&flow, &found.via);
        flow
    }

    /// Is this member read a read of a tracked body (so the rules of the data flow own it)?
    pub fn is_body_read(&self, read: Node) -> bool {
        self.read_nodes.contains_key(&read.id())
    }

    /// The call site a body read belongs to.
    pub fn read_origin(&self, read: Node) -> Option<Origin> {
        self.read_nodes.get(&read.id()).copied()
    }

    /// The applicability of the fixes of a call site's reads: its URL's, made unsafe when
    /// one of its bodies escapes; None when its URL has no fix.
    pub fn applicability(&self, origin: Origin) -> Option<Applicability> {
        self.applicability.get(&origin).copied().flatten()
    }

    /// The Flexy request a call makes, or the Flexy client it configures
    /// (`axios.create({baseURL})`, `new Client(['base_uri' => ...])`, a curl handle's
    /// `curl_setopt`): its call site.
    pub fn request_origin(&self, call: Node) -> Option<Origin> {
        self.requests.get(&call.id()).copied()
    }

    /// The function whose parameter is the URL of this request (`def get(url):
    /// requests.get(url, ...)`): its callers say where it goes.
    pub fn param_request(&self, call: Node) -> Option<Node<'t>> {
        self.param_requests.get(&call.id()).copied()
    }

    /// Is this expression a request, response or body of a URL proven non-Flexy?
    pub fn is_foreign(&self, n: Node) -> bool {
        self.foreign.contains(&n.id())
    }

    /// The call sites whose v2 error a property holds (`code` in `err.code = data.error`).
    pub fn error_copies<'a>(&'a self, field: &'a str) -> impl Iterator<Item = Origin> + 'a {
        self.error_fields
            .iter()
            .filter(move |(f, _)| f == field)
            .map(|(_, o)| *o)
    }

    /// Are a v2 endpoint site's fixes unsafe because of its response (an escape, a wrapper
    /// with callers elsewhere)?
    pub fn site_unsafe(&self, site: usize) -> bool {
        self.applicability.get(&Origin::Site(site)) == Some(&Some(Applicability::Unsafe))
    }
}

/// What one classification pass found.
struct Found<'t> {
    reads: Vec<Read<'t>>,
    arrays: Vec<ArrayUse<'t>>,
    destructures: Vec<Destructure<'t>>,
    /// (node, origin, endpoint, reason) before wrapper rules drop followed returns.
    others: Vec<(Node<'t>, Val, String)>,
    /// The nodes of `others` passed to a function of this file.
    to_local: HashSet<usize>,
    /// The nodes of `others` yielded by a generator.
    yielded: HashSet<usize>,
    /// Bodies returned: (function index, return statement, value, body).
    returns: Vec<(usize, Node<'t>, Node<'t>, Val)>,
    /// Origins seen through each function: callers of it.
    via: HashMap<usize, Vec<Origin>>,
    /// Functions called (a body came out of a call to them).
    called: HashSet<usize>,
    /// Error fields read by the callers of each function.
    error_reads: HashSet<usize>,
    /// The classes caught around the calls of each function giving a body.
    caught: HashMap<usize, Vec<String>>,
    /// Calls of each function that gave a Flexy body.
    flexy_calls: HashMap<usize, HashSet<usize>>,
    /// Helpers taking a URL whose every call in the file is given a Flexy one.
    flexy_helpers: HashSet<usize>,
    /// Calls giving a Flexy request or client, with its origin.
    requests: HashMap<usize, Origin>,
    /// Requests and bodies of non-Flexy URLs.
    foreign: HashSet<usize>,
    /// Requests to a URL a function is given: the function.
    param_requests: HashMap<usize, Node<'t>>,
}

impl<'t> Found<'t> {
    /// A body yielded by a generator: its consumers are not followed, so it holds its unit.
    fn yield_of(&mut self, n: Node<'t>, v: Val) {
        self.yielded.insert(n.id());
        self.others
            .push((n, v, "yielded by a generator".to_string()));
    }

    fn escapes(&self, a: &Analysis<'t, '_>, wrappers: &HashMap<usize, Strategy>) -> Vec<Escape> {
        let mut out = Vec::new();
        for (node, val, why) in &self.others {
            // The callers of a wrapper migrated at the wrapper keep a plain payload.
            if val.unwrapped
                && a.endpoint(val.origin)
                    .is_none_or(|e| e.shape == Shape::Plain)
            {
                continue;
            }
            out.push(Escape {
                range: node.byte_range(),
                origin: val.origin,
                endpoint: a.endpoint(val.origin),
                why: why.clone(),
                held: if self.to_local.contains(&node.id()) {
                    Some(Held::LocalCode)
                } else if self.yielded.contains(&node.id()) {
                    Some(Held::Generator)
                } else {
                    None
                },
            });
        }
        for (f, stmt, _, val) in &self.returns {
            let followed = wrappers.get(f).is_some_and(|s| *s == Strategy::AtWrapper)
                || self.called.contains(f)
                || a.is_callback(a.funcs[*f].node);
            if followed {
                continue;
            }
            // The plain payload of a wrapper migrated at the wrapper is the same in v3, but
            // callers elsewhere may test for the error the wrapper now raises.
            if val.unwrapped
                && !a.ctx.callers_elsewhere
                && a.endpoint(val.origin)
                    .is_none_or(|e| e.shape == Shape::Plain)
            {
                continue;
            }
            let name = a.funcs[*f]
                .name
                .clone()
                .unwrap_or_else(|| "this function".into());
            out.push(Escape {
                range: stmt.byte_range(),
                origin: val.origin,
                endpoint: a.endpoint(val.origin),
                why: format!("returned by `{name}` to callers outside this file"),
                held: a.ctx.callers_elsewhere.then_some(Held::OtherFiles),
            });
        }
        out
    }
}

struct Analysis<'t, 'c> {
    ctx: &'c Ctx<'t>,
    syntax: &'static dyn Syntax,
    src: &'t str,
    funcs: Vec<Func<'t>>,
    func_at: HashMap<usize, usize>,
    binds: Vec<Bind<'t>>,
    vals: Vec<Option<Val>>,
    by_key: HashMap<String, Vec<usize>>,
    /// The values functions give their callers, by node id (a returned expression, what a
    /// returned promise is resolved with): the function and the return statement.
    holder_returns: HashMap<usize, (usize, Node<'t>)>,
    /// Binds assigning a name of an enclosing function (`Syntax::assigns_outer`), with
    /// their targets: scoped once everything is collected.
    outer_assigns: Vec<(usize, Node<'t>)>,
    /// Per scope (byte range), per name: the bindings, so a lookup walks the use's scopes
    /// instead of every binding of the name (common names are bound in every function).
    by_scope: HashMap<(usize, usize), HashMap<String, Vec<usize>>>,
    targets: HashSet<usize>,
    strings: HashMap<(usize, usize), usize>,
    members_by_object: HashMap<usize, Vec<usize>>,
    at_wrapper: HashSet<usize>,
    /// Calls evaluated as callbacks' owners: `then`, `on`, ...
    callback_calls: HashSet<usize>,
    memo: std::cell::RefCell<Memo>,
    /// How many calls name each function.
    calls_by_name: HashMap<(String, bool), usize>,
    /// The functions of each name.
    funcs_by_name: HashMap<String, Vec<usize>>,
    /// The classes of the file, by name: what `new C(body)` / `C(body)` hands a body to.
    classes: HashMap<String, Node<'t>>,
    /// The expressions of a `Promise.all`/`gather` whose results are destructured in order:
    /// followed through their targets, not escapes.
    all_elements: HashSet<usize>,
    /// Per name, how many of its bindings hold a value now: a name with none is looked up
    /// no further (most names of a file never hold a request, a response or a URL).
    live: HashMap<String, usize>,
    /// Each function's returns `(statement, value)`, found once.
    func_rets: Vec<Vec<(Node<'t>, Node<'t>)>>,
}

const MAX_EVAL_DEPTH: usize = 48;

impl<'t, 'c> Analysis<'t, 'c> {
    fn new(ctx: &'c Ctx<'t>) -> Analysis<'t, 'c> {
        let src: &'t str = ctx.source.text.as_str();
        let mut a = Analysis {
            ctx,
            syntax: ctx.syntax,
            src,
            funcs: Vec::new(),
            func_at: HashMap::default(),
            binds: Vec::new(),
            vals: Vec::new(),
            by_key: HashMap::default(),
            outer_assigns: Vec::new(),
            holder_returns: HashMap::default(),
            by_scope: HashMap::default(),
            targets: HashSet::default(),
            strings: ctx
                .strings
                .iter()
                .enumerate()
                .map(|(i, e)| ((e.root.start, e.root.end), i))
                .collect(),
            members_by_object: HashMap::default(),
            at_wrapper: HashSet::default(),
            callback_calls: HashSet::default(),
            calls_by_name: HashMap::default(),
            funcs_by_name: HashMap::default(),
            classes: HashMap::default(),
            all_elements: HashSet::default(),
            live: HashMap::default(),
            func_rets: Vec::new(),
            memo: std::cell::RefCell::new(Memo::default()),
        };
        for (i, m) in ctx.members().iter().enumerate() {
            a.members_by_object
                .entry(m.object.id())
                .or_default()
                .push(i);
        }
        a.collect();
        a.scope_outer_assigns();
        a.func_rets = a.funcs.iter().map(|f| a.syntax.returns(f.node)).collect();
        for (fi, rets) in a.func_rets.iter().enumerate() {
            for &(stmt, v) in rets {
                a.holder_returns.insert(v.id(), (fi, stmt));
                for r in a.syntax.promise_resolved(v, a.src) {
                    a.holder_returns.insert(r.id(), (fi, stmt));
                }
            }
        }
        for (i, f) in a.funcs.iter().enumerate() {
            if let Some(name) = &f.name {
                a.funcs_by_name.entry(name.clone()).or_default().push(i);
            }
        }
        a.vals = vec![None; a.binds.len()];
        for (i, b) in a.binds.iter().enumerate() {
            a.by_key.entry(b.key.clone()).or_default().push(i);
            a.by_scope
                .entry((b.scope.start, b.scope.end))
                .or_default()
                .entry(b.key.clone())
                .or_default()
                .push(i);
        }
        a
    }

    fn collect(&mut self) {
        for n in self.ctx.source.named_nodes() {
            if n.type_name().contains("class") && self.syntax.is_scope(n) {
                if let Some(name) = n.field("name") {
                    self.classes.insert(text(name, self.src).to_string(), n);
                }
            }
            if self.syntax.is_function(n) {
                self.func_at.insert(n.id(), self.funcs.len());
                let class = self.class_scope(n);
                let method = matches!(n.type_name(), "method_definition" | "method_declaration")
                    || n.up().is_some_and(|p| p.type_name() == "pair")
                    || class != (0..self.src.len());
                self.funcs.push(Func {
                    node: n,
                    name: self.syntax.function_name(n, self.src),
                    ret: None,
                    method,
                    class,
                });
                self.params(n, self.funcs.len() - 1);
            }
            if let Some((target, value)) = self.syntax.binding(n, self.src) {
                let from = if n.type_name().starts_with("augmented") {
                    From::Augment(value, target)
                } else {
                    From::Expr(value)
                };
                self.bind_target(target, n.end_byte(), from);
            }
            if let Some((key, value)) = self.syntax.declaration(n, self.src) {
                let scope = if is_member_key(&key) {
                    self.class_scope(n)
                } else {
                    0..self.src.len()
                };
                self.binds.push(Bind {
                    key,
                    scope,
                    at: n.end_byte(),
                    from: From::Expr(value),
                });
            }
            if let Some(v) = self.syntax.loop_variable(n) {
                self.bind_target(v, n.start_byte(), From::Opaque);
            }
            if let Some((name, body)) = self.syntax.handler(n) {
                self.bind_target(name, name.end_byte(), From::Handler(body));
            }
            if let Some(call) = self.syntax.call_view(n, self.src) {
                self.collect_call(&call);
            }
        }
    }

    fn collect_call(&mut self, call: &CallView<'t>) {
        if !call.name.is_empty() {
            let key = (call.name.clone(), call.receiver.is_some());
            *self.calls_by_name.entry(key).or_default() += 1;
        }
        // p.then(r => r.json()), res.on("data", chunk => ...): the callback's parameter
        // holds what the receiver gives.
        let chained = call
            .receiver
            .filter(|_| matches!(call.name.as_str(), "then" | "on" | "once"));
        if let Some(r) = chained {
            self.callback_calls.insert(call.node.id());
            for f in call.args.iter().filter(|f| self.syntax.is_function(**f)) {
                if let Some(p) = self.syntax.first_param(*f) {
                    let at = p.end_byte();
                    self.bind_target(p, at, From::Receiver(r));
                }
            }
        }
        // https.get(url, (res) => ...), https.request(options, (res) => ...): the callback's
        // parameter is the response, when the call is a request. A callback taking an error
        // first (`(err, res, body) =>`) is not followed.
        else if !matches!(call.name.as_str(), "then" | "catch" | "finally") {
            for f in call.args.iter().filter(|f| self.syntax.is_function(**f)) {
                if let Some(p) = self.syntax.first_param(*f) {
                    let name = text(p, self.src);
                    if !name.starts_with("err") && name != "e" && !self.targets.contains(&p.id()) {
                        self.bind_target(p, p.end_byte(), From::Callback(call.node));
                    }
                }
            }
        }
        // curl_setopt($ch, CURLOPT_URL, $url): the handle is the request.
        if call.receiver.is_none() && call.name.starts_with("curl_setopt") {
            if let Some(h) = call.args.first() {
                self.bind_target(*h, call.node.end_byte(), From::Expr(call.node));
            }
        }
    }

    fn params(&mut self, f: Node<'t>, fi: usize) {
        let ps = f.field("parameters").or_else(|| f.field("parameter"));
        let Some(ps) = ps else { return };
        let mut stack = vec![ps];
        while let Some(n) = stack.pop() {
            if matches!(
                n.type_name(),
                "identifier" | "variable_name" | "shorthand_property_identifier_pattern"
            ) {
                if !self.targets.contains(&n.id()) {
                    self.bind_target(n, f.start_byte(), From::Param(fi));
                }
                continue;
            }
            let mut c = n.walk();
            // Default values are not parameters.
            let skip = n.field("value").or(n.field("right"));
            stack.extend(n.named_children(&mut c).filter(|ch| Some(*ch) != skip));
        }
    }

    fn bind_target(&mut self, target: Node<'t>, at: usize, from: From<'t>) {
        // `const [a, b] = await Promise.all([get(x), get(y)])`, `a, b = await
        // asyncio.gather(...)`: each target is the result of its own expression.
        if let From::Expr(value) = from {
            if let (Some(targets), Some(values)) = (
                self.syntax.sequence_targets(target),
                self.syntax.all_of(value, self.src),
            ) {
                if targets.len() <= values.len() {
                    for (t, v) in targets.into_iter().zip(values) {
                        if let Some(v) = v {
                            self.all_elements.insert(v.id());
                            if let Some(t) = t {
                                self.bind_target(t, at, From::Expr(v));
                            }
                        }
                    }
                    return;
                }
            }
            // `status, body = get(...)`, `const [status, body] = await get(...)`: each target
            // is an entry of a holder, by position.
            if let Some(targets) = self.syntax.sequence_targets(target) {
                for (i, t) in targets.into_iter().enumerate() {
                    if let Some(t) = t {
                        self.bind_target(t, at, From::Entry(value, entry_id(&format!("#{i}"))));
                    }
                }
                return;
            }
        }
        // Destructuring (`{ data: { balance } } = ...`, `['body' => $b] = ...`): `data` of a
        // response, or any entry of a holder; the other names of a body are reads.
        if let Some(entries) = self.syntax.pattern_entries(target, self.src) {
            if let From::Expr(v) = from {
                for e in entries.iter().filter(|e| !e.defaulted) {
                    let local = target
                        .descendant_for_byte_range(e.local_range.start, e.local_range.end)
                        .filter(|l| self.syntax.name_key(*l, self.src).is_some());
                    let Some(local) = local else { continue };
                    let from = if e.key == "data" {
                        From::DataField(v)
                    } else {
                        From::Entry(v, entry_id(&e.key))
                    };
                    self.push_bind(local, at, from);
                }
            }
            return;
        }
        self.push_bind(target, at, from);
    }

    fn push_bind(&mut self, target: Node<'t>, at: usize, from: From<'t>) {
        let Some(key) = self.syntax.name_key(target, self.src) else {
            return;
        };
        self.targets.insert(target.id());
        let scope = if is_member_key(&key) {
            self.class_scope(target)
        } else {
            if self.syntax.assigns_outer(target) {
                self.outer_assigns.push((self.binds.len(), target));
            }
            self.function_scope(target)
        };
        self.binds.push(Bind {
            key,
            scope,
            at,
            from,
        });
    }

    fn function_scope(&self, n: Node) -> Range<usize> {
        let mut p = n.up();
        while let Some(x) = p {
            if self.syntax.is_function(x) {
                return x.byte_range();
            }
            p = x.up();
        }
        0..self.src.len()
    }

    /// Moves each assignment of a name its own function does not bind (`raw += chunk` in a
    /// callback) to the scope of the innermost enclosing function that does (a declaration
    /// or a parameter), else to the file's.
    fn scope_outer_assigns(&mut self) {
        let mut declared: HashMap<&str, HashSet<(usize, usize)>> = HashMap::default();
        let outer: HashSet<usize> = self.outer_assigns.iter().map(|(i, _)| *i).collect();
        for (i, b) in self.binds.iter().enumerate() {
            if !outer.contains(&i) {
                declared
                    .entry(b.key.as_str())
                    .or_default()
                    .insert((b.scope.start, b.scope.end));
            }
        }
        let mut moved = Vec::new();
        for &(i, target) in &self.outer_assigns {
            let key = self.binds[i].key.as_str();
            let scopes = declared.get(key);
            let scope = std::iter::successors(target.up(), |x| x.up())
                .filter(|x| self.syntax.is_function(*x))
                .map(|f| f.byte_range())
                .find(|r| scopes.is_some_and(|s| s.contains(&(r.start, r.end))))
                .unwrap_or(0..self.src.len());
            moved.push((i, scope));
        }
        for (i, scope) in moved {
            self.binds[i].scope = scope;
        }
    }

    fn class_scope(&self, n: Node) -> Range<usize> {
        let mut p = n.up();
        while let Some(x) = p {
            if x.type_name().contains("class") && self.syntax.is_scope(x) {
                return x.byte_range();
            }
            p = x.up();
        }
        0..self.src.len()
    }

    fn enclosing_function(&self, n: Node) -> Option<usize> {
        let mut p = n.up();
        while let Some(x) = p {
            if let Some(i) = self.func_at.get(&x.id()) {
                return Some(*i);
            }
            p = x.up();
        }
        None
    }

    fn is_callback(&self, f: Node) -> bool {
        let call = f.up().and_then(|a| a.up());
        call.is_some_and(|c| self.callback_calls.contains(&c.id()))
    }

    /// Evaluates the bindings and the functions' returns until nothing changes.
    fn solve(&mut self) {
        for f in &mut self.funcs {
            f.ret = None;
        }
        self.vals = vec![None; self.binds.len()];
        self.live.clear();
        for _ in 0..8 {
            self.memo.replace(Memo::default());
            let mut changed = false;
            for i in 0..self.binds.len() {
                let v = self.eval_from(self.binds[i].from);
                if v != self.vals[i] {
                    if v.is_some() != self.vals[i].is_some() {
                        let count = self.live.entry(self.binds[i].key.clone()).or_default();
                        if v.is_some() {
                            *count += 1;
                        } else {
                            *count -= 1;
                        }
                    }
                    self.vals[i] = v;
                    changed = true;
                }
            }
            for i in 0..self.funcs.len() {
                let v = self.func_rets[i]
                    .iter()
                    .filter_map(|(_, v)| self.returned(*v))
                    .max_by_key(|v| (v.origin != Origin::Foreign, v.kind));
                if v != self.funcs[i].ret {
                    self.funcs[i].ret = v;
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
    }

    /// What a function gives its callers by returning `v`: its value, a holder of a body
    /// (`return { status, body }`), or what the promise it makes is resolved with
    /// (`return new Promise((resolve) => ... resolve({ status, body }))`).
    fn returned(&self, v: Node<'t>) -> Option<Val> {
        std::iter::once(v)
            .chain(self.syntax.promise_resolved(v, self.src))
            .filter_map(|x| self.eval(x, 0).or_else(|| self.holder(x)))
            .max_by_key(|v| (v.origin != Origin::Foreign, v.kind))
    }

    /// `{ status: res.statusCode, body: JSON.parse(raw) }`, `(status, body)`: a holder, when
    /// one entry is a body of a request that is not another API's.
    fn holder(&self, n: Node<'t>) -> Option<Val> {
        let entries = self.syntax.holder_entries(n, self.src)?;
        entries.into_iter().find_map(|(key, value)| {
            // `{ status, body }`: the shorthand reads the name.
            let v = self.eval(value, 0).or_else(|| {
                let name = self.syntax.tail_name(value, self.src)?;
                self.lookup(&name, value)
            })?;
            // A read of a body (`(status["topup"]["status"], ...)`) is not the body.
            let read = self.ctx.member_at(value).is_some()
                || self
                    .member_of_object(value)
                    .is_some_and(|m| m.read == value);
            (v.kind == Kind::Body && v.origin != Origin::Foreign && !read).then_some(Val {
                kind: Kind::Holder,
                field: Some(entry_id(&key)),
                ..v
            })
        })
    }

    fn eval_from(&self, from: From<'t>) -> Option<Val> {
        match from {
            From::Expr(v) => self.eval(v, 0),
            From::DataField(v) => self
                .eval(v, 0)
                .filter(|v| {
                    v.kind == Kind::Raw
                        || (v.kind == Kind::Holder && v.field == Some(entry_id("data")))
                })
                .map(|v| Val {
                    kind: Kind::Body,
                    field: None,
                    ..v
                }),
            From::Receiver(r) => self.eval(r, 0).filter(|v| v.kind != Kind::Url),
            From::Entry(v, id) => self
                .eval(v, 0)
                .filter(|h| h.kind == Kind::Holder && h.field == Some(id))
                .map(|h| Val {
                    kind: Kind::Body,
                    field: None,
                    ..h
                }),
            From::Callback(call) => self
                .eval(call, 0)
                .filter(|v| v.kind == Kind::Raw && v.origin != Origin::Foreign),
            From::Handler(body) => {
                let v = self.any_request_in(body)?;
                Some(Val {
                    kind: Kind::Raw,
                    via: None,
                    ..v
                })
            }
            From::Opaque => None,
            From::Augment(value, target) => self.eval(value, 0).or_else(|| {
                let key = self.syntax.name_key(target, self.src)?;
                self.lookup(&key, target)
            }),
            From::Param(f) => Some(Val {
                kind: Kind::Url,
                origin: Origin::Param(f),
                via: None,
                wrapper: None,
                objects: false,
                unwrapped: false,
                field: None,
            }),
        }
    }

    /// The first request made in a `try` body.
    fn any_request_in(&self, body: Node<'t>) -> Option<Val> {
        let mut stack = vec![body];
        while let Some(n) = stack.pop() {
            if self.syntax.call_view(n, self.src).is_some() {
                if let Some(v) = self
                    .eval(n, 0)
                    .filter(|v| v.kind >= Kind::Raw && v.origin != Origin::Foreign)
                {
                    return Some(v);
                }
            }
            let mut c = n.walk();
            stack.extend(
                n.named_children(&mut c)
                    .filter(|x| !self.syntax.is_function(*x)),
            );
        }
        None
    }

    /// The value of an expression (memoized: nested calls evaluate their arguments more than
    /// once).
    fn eval(&self, n: Node<'t>, depth: usize) -> Option<Val> {
        if depth > MAX_EVAL_DEPTH {
            return None;
        }
        if let Some(v) = self.memo.borrow().get(n.id()) {
            return v;
        }
        let v = self.eval_uncached(n, depth);
        self.memo.borrow_mut().insert(n.id(), v);
        v
    }

    fn eval_uncached(&self, n: Node<'t>, depth: usize) -> Option<Val> {
        if let Some(inner) = self.syntax.look_through(n) {
            return self.eval(inner, depth + 1);
        }
        if let Some(&si) = self.strings.get(&(n.start_byte(), n.end_byte())) {
            return self.url(si);
        }
        if let Some(key) = self.syntax.name_key(n, self.src) {
            if let Some(v) = self.lookup(&key, n) {
                return Some(v);
            }
        }
        if let Some(call) = self.syntax.call_view(n, self.src) {
            return self.eval_call(&call, depth);
        }
        // `BASE + path`, `$this->base . $path`, `rtrim($base, '/') . $uri`: a URL when an
        // operand is one.
        if matches!(n.type_name(), "binary_expression" | "binary_operator") {
            let mut c = n.walk();
            let operands: Vec<Node<'t>> = n.named_children(&mut c).collect();
            return operands
                .into_iter()
                .filter_map(|o| self.eval(o, depth + 1))
                .filter(|v| v.kind <= Kind::Raw)
                .min_by_key(|v| origin_rank(v.origin))
                .map(|v| Val {
                    kind: Kind::Url,
                    via: None,
                    ..v
                });
        }
        if let Some(m) = self.ctx.member_at(n).copied() {
            let o = self.eval(m.object, depth + 1)?;
            // `r.body`, `r["body"]`, `$r['body']` of a holder: the body.
            if o.kind == Kind::Holder {
                let name = self.ctx.field_name(&m)?;
                return (o.field == Some(entry_id(&name))).then_some(Val {
                    kind: Kind::Body,
                    field: None,
                    ..o
                });
            }
            if o.kind == Kind::Raw && m.kind == FieldKind::Dot {
                let name = text(m.field, self.src);
                return match self.syntax.response_field(name)? {
                    true => Some(Val {
                        kind: Kind::Body,
                        ..o
                    }),
                    false => Some(o),
                };
            }
        }
        None
    }

    fn url(&self, si: usize) -> Option<Val> {
        let site = self
            .ctx
            .endpoints
            .iter()
            .position(|s| s.expr == si && s.matched.is_some());
        let origin = match site {
            Some(k) => Origin::Site(k),
            None if self.ctx.v2_url[si] => Origin::Dynamic(si),
            None if self.ctx.foreign_url[si] => Origin::Foreign,
            None => return None,
        };
        Some(Val {
            kind: Kind::Url,
            origin,
            via: None,
            wrapper: None,
            objects: false,
            unwrapped: false,
            field: None,
        })
    }

    fn lookup(&self, key: &str, n: Node) -> Option<Val> {
        if self.live.get(key).is_none_or(|&c| c == 0) {
            return None;
        }
        let ids = self.by_key.get(key)?;
        let p = n.start_byte();
        if is_member_key(key) {
            return ids
                .iter()
                .filter(|i| self.binds[**i].scope.contains(&p))
                .find_map(|i| self.vals[*i]);
        }
        // The innermost scope with a binding of the name decides (shadowing); in it, the
        // last binding before the use, or the first one after it (loops, hoisting). Names
        // are bound in function scopes or the file's: walk the use's functions outward.
        let mut scope = Some(n).filter(|x| self.syntax.is_function(*x)).or_else(|| {
            std::iter::successors(n.up(), |x| x.up()).find(|x| self.syntax.is_function(*x))
        });
        let in_scope = loop {
            let range = scope.map_or(0..self.src.len(), |f| f.byte_range());
            if let Some(found) = self
                .by_scope
                .get(&(range.start, range.end))
                .and_then(|m| m.get(key))
            {
                break found;
            }
            let f = scope?;
            scope = std::iter::successors(f.up(), |x| x.up()).find(|x| self.syntax.is_function(*x));
        };
        let before = in_scope
            .iter()
            .filter(|i| self.binds[**i].at <= p)
            .max_by_key(|i| self.binds[**i].at);
        let chosen = before.or_else(|| in_scope.iter().min_by_key(|i| self.binds[**i].at))?;
        self.vals[*chosen]
    }

    fn eval_call(&self, call: &CallView<'t>, depth: usize) -> Option<Val> {
        // A URL as a receiver (`url.replace(...)`, a parameter object) is not a response.
        let receiver = call
            .receiver
            .and_then(|r| self.eval(r, depth + 1))
            .filter(|v| v.kind != Kind::Url);
        // A method or function of this file returning a body (on an object that may have
        // been configured with a URL: `new Client(['base_uri' => ...])`).
        if receiver.is_none_or(|r| r.kind == Kind::Raw) {
            if let Some(v) = self.call_of_function(call, depth) {
                return Some(v);
            }
        }
        if let Some(r) = receiver {
            match call.name.as_str() {
                "then" => {
                    let f = call.args.iter().find(|f| self.syntax.is_function(**f))?;
                    let rets = self.syntax.returns(*f);
                    return rets
                        .iter()
                        .filter_map(|(_, v)| self.eval(*v, depth + 1))
                        .max_by_key(|v| (v.origin != Origin::Foreign, v.kind))
                        .or(Some(r).filter(|r| r.kind == Kind::Raw));
                }
                "json" | "toArray" if r.kind == Kind::Raw => {
                    return Some(Val {
                        kind: Kind::Body,
                        ..r
                    })
                }
                // Another API's client: a call on it is judged by its own arguments.
                _ if r.origin == Origin::Foreign => {}
                _ if r.kind == Kind::Raw => {
                    // `$client->get('/v2/account/balance')` on a client given the base URL.
                    let site = call
                        .args
                        .iter()
                        .filter_map(|a| self.eval(*a, depth + 1))
                        .find(|v| matches!(v.origin, Origin::Site(_)));
                    return Some(site.map_or(r, |s| Val {
                        kind: Kind::Raw,
                        ..s
                    }));
                }
                _ => return None,
            }
        }
        if self.syntax.is_json_parse(call, self.src) {
            let v = self.eval(*call.args.first()?, depth + 1)?;
            if v.kind != Kind::Raw {
                return None;
            }
            let assoc = call.args.get(1).is_some_and(|a| {
                let t = text(*a, self.src).to_ascii_lowercase();
                t == "true" || t.contains("json_object_as_array")
            });
            let objects = self.ctx.source.lang == crate::lang::Lang::Php && !assoc;
            return Some(Val {
                kind: Kind::Body,
                objects,
                ..v
            });
        }
        // Any other call given a URL or a response: a request, or its raw result.
        // The strongest evidence wins: an endpoint, then a v2 URL, then a parameter.
        let found = call
            .args
            .iter()
            .filter_map(|a| self.find_in(*a, depth + 1))
            .min_by_key(|v| (origin_rank(v.origin), std::cmp::Reverse(v.kind)));
        // A URL proven foreign given as an argument itself outweighs a parameter somewhere
        // in the options (`fetch(`${OTHER}/x`, {body: JSON.stringify(payload)})`).
        let found = match found {
            Some(v) if matches!(v.origin, Origin::Param(_)) => {
                let direct: Vec<Val> = call
                    .args
                    .iter()
                    .filter_map(|a| self.eval(*a, depth + 1))
                    .collect();
                let param = direct.iter().any(|d| matches!(d.origin, Origin::Param(_)));
                match direct.iter().find(|d| d.origin == Origin::Foreign) {
                    Some(f) if !param => Some(*f),
                    _ => Some(v),
                }
            }
            other => other,
        };
        found.filter(|v| v.kind <= Kind::Raw).map(|v| Val {
            kind: Kind::Raw,
            via: None,
            ..v
        })
    }

    /// A URL or a raw response in an argument, looking into object, array and dict literals.
    fn find_in(&self, n: Node<'t>, depth: usize) -> Option<Val> {
        if depth > MAX_EVAL_DEPTH {
            return None;
        }
        if let Some(v) = self.eval(n, depth + 1) {
            return Some(v);
        }
        if !matches!(
            n.type_name(),
            "object"
                | "array"
                | "pair"
                | "dictionary"
                | "list"
                | "tuple"
                | "array_creation_expression"
                | "array_element_initializer"
                | "spread_element"
        ) {
            return None;
        }
        let mut c = n.walk();
        let children: Vec<Node<'t>> = n.named_children(&mut c).collect();
        children
            .into_iter()
            .filter_map(|ch| self.find_in(ch, depth + 1))
            .max_by_key(|v| (v.origin != Origin::Foreign, v.kind))
    }

    fn call_of_function(&self, call: &CallView<'t>, depth: usize) -> Option<Val> {
        if call.name.is_empty() {
            return None;
        }
        let here = call.node.start_byte();
        let class = self.class_scope(call.node);
        let (fi, f) = self
            .funcs_by_name
            .get(&call.name)?
            .iter()
            .map(|&fi| (fi, &self.funcs[fi]))
            .filter(|(_, f)| f.ret.is_some())
            .filter(|(_, f)| f.method == call.receiver.is_some())
            // A function does not return its own request's body to itself.
            .filter(|(_, f)| !f.node.byte_range().contains(&here))
            // 0 when `f` is in the call's class, else 1.
            .min_by_key(|(_, f)| usize::from(f.class != class))?;
        let ret = f.ret?;
        if ret.kind == Kind::Url {
            return None;
        }
        let mut v = Val {
            via: Some(fi),
            unwrapped: ret.unwrapped || self.at_wrapper.contains(&fi),
            ..ret
        };
        match ret.origin {
            Origin::Dynamic(_) => {
                v.wrapper = Some(fi);
                // The endpoint is the path the caller gives.
                for a in &call.args {
                    if let Some(u) = self.eval(*a, depth + 1) {
                        if let Origin::Site(_) = u.origin {
                            v.origin = u.origin;
                            break;
                        }
                    }
                }
            }
            Origin::Param(_) => {
                v.wrapper = Some(fi);
                // The URL the caller gives: Flexy or not.
                let given = call
                    .args
                    .iter()
                    .filter_map(|a| self.eval(*a, depth + 1))
                    .filter(|u| u.kind <= Kind::Raw)
                    .min_by_key(|u| origin_rank(u.origin))?;
                v.origin = given.origin;
            }
            Origin::Site(_) | Origin::Foreign => {}
        }
        Some(v)
    }

    fn endpoint(&self, o: Origin) -> Option<&'static Endpoint> {
        match o {
            Origin::Site(k) => self.ctx.endpoints[k].matched.as_ref().map(|m| m.endpoint),
            Origin::Dynamic(_) | Origin::Param(_) | Origin::Foreign => None,
        }
    }

    /// Every place a body is used, classified.
    fn classify(&self) -> Found<'t> {
        self.memo.replace(Memo::default());
        let mut given: Vec<(Node<'t>, Val, String)> = Vec::new();
        let mut found = Found {
            reads: Vec::new(),
            arrays: Vec::new(),
            destructures: Vec::new(),
            others: Vec::new(),
            to_local: HashSet::default(),
            yielded: HashSet::default(),
            returns: Vec::new(),
            via: HashMap::default(),
            called: HashSet::default(),
            error_reads: HashSet::default(),
            flexy_calls: HashMap::default(),
            caught: HashMap::default(),
            flexy_helpers: HashSet::default(),
            requests: HashMap::default(),
            foreign: HashSet::default(),
            param_requests: HashMap::default(),
        };
        for n in self.ctx.source.named_nodes() {
            if self.targets.contains(&n.id()) || !self.candidate(n) {
                continue;
            }
            let Some(v) = self.eval(n, 0) else { continue };
            if v.origin == Origin::Foreign {
                if v.kind >= Kind::Raw {
                    found.foreign.insert(n.id());
                }
                continue;
            }
            if v.kind >= Kind::Raw && self.syntax.call_view(n, self.src).is_some() {
                found.requests.insert(n.id(), v.origin);
                if let Origin::Param(f) = v.origin {
                    found.param_requests.insert(n.id(), self.funcs[f].node);
                }
            }
            if let Some(f) = v.via {
                if v.kind >= Kind::Raw
                    && self.syntax.call_view(n, self.src).is_some()
                    && !matches!(v.origin, Origin::Param(_))
                {
                    found.flexy_calls.entry(f).or_default().insert(n.id());
                }
            }
            // `const { data: { balance } } = await api.get(...)`: the body destructured in
            // the pattern of its response.
            let response = v.kind == Kind::Raw
                || (v.kind == Kind::Holder && v.field == Some(entry_id("data")));
            if response {
                if let UseSite::Destructure(p) = self.syntax.use_site(n, self.src) {
                    if let Some(inner) = self.syntax.data_pattern(p, self.src) {
                        found.destructures.push(Destructure {
                            pattern: inner,
                            body: n,
                            origin: v.origin,
                            endpoint: self.endpoint(v.origin),
                            unwrapped: v.unwrapped,
                            nested: true,
                        });
                    }
                }
            }
            // `get("/v2/account/balance")`, a call of a function of this file whose result
            // is not followed: checked below, once its requests are known.
            if v.kind == Kind::Raw && matches!(v.origin, Origin::Site(_)) {
                if let Some(call) = self.syntax.call_view(n, self.src) {
                    given.push((n, v, call.name));
                }
            }
            if v.kind == Kind::Holder {
                self.classify_holder_use(n, v, &mut found);
                continue;
            }
            if v.kind != Kind::Body {
                continue;
            }
            // The outermost of `await (x)`: its parent is evaluated on its own.
            if n.up()
                .and_then(|p| self.syntax.look_through(p))
                .is_some_and(|inner| inner == n)
            {
                continue;
            }
            if let Some(f) = v.via {
                found.called.insert(f);
                found.via.entry(f).or_default().push(v.origin);
                let caught = self.syntax.caught_classes(n, self.src);
                found.caught.entry(f).or_default().extend(caught);
            }
            self.classify_use(n, v, &mut found);
        }
        // A path given to a function that makes a request from it (`https.request({host,
        // path})` inside `new Promise(...)`) whose result the analysis does not follow: the
        // response is handled where its reads cannot be moved, so the path's unit waits.
        // Its body escapes there, other than as the `data` of an object shaped like an axios
        // response (`{ status, data: await res.json() }`, read as one by its callers).
        let unfollowed: Vec<Range<usize>> = found
            .others
            .iter()
            .filter(|(n, ..)| self.syntax.binding_name(*n, self.src).as_deref() != Some("data"))
            // A request to the URL given, or to a v2 host with the path given.
            .filter(|(_, v, _)| matches!(v.origin, Origin::Param(_) | Origin::Dynamic(_)))
            .map(|(n, ..)| n.byte_range())
            .collect();
        for (call, v, name) in given {
            let requests = self.funcs_by_name.get(&name).is_some_and(|fs| {
                fs.iter().all(|&g| self.funcs[g].ret.is_none())
                    && fs.iter().any(|&g| {
                        let f = self.funcs[g].node.byte_range();
                        unfollowed
                            .iter()
                            .any(|r| f.start <= r.start && r.end <= f.end)
                    })
            });
            if requests {
                found.to_local.insert(call.id());
                found.others.push((
                    call,
                    Val {
                        kind: Kind::Body,
                        ..v
                    },
                    format!("passed to `{name}`"),
                ));
            }
        }
        // A URL-taking helper is Flexy when all its calls in the file are; else its own
        // uses are not followed.
        for (fi, f) in self.funcs.iter().enumerate() {
            let Some(name) = &f.name else { continue };
            let flexy = found.flexy_calls.get(&fi).map_or(0, |c| c.len());
            let calls = self
                .calls_by_name
                .get(&(name.clone(), f.method))
                .copied()
                .unwrap_or(0);
            if flexy > 0 && flexy >= calls {
                found.flexy_helpers.insert(fi);
            }
        }
        let helpers = found.flexy_helpers.clone();
        let keep = |o: &Origin| match o {
            Origin::Param(f) => helpers.contains(f),
            _ => true,
        };
        found.reads.retain(|r| keep(&r.origin));
        found.arrays.retain(|r| keep(&r.origin));
        found.destructures.retain(|r| keep(&r.origin));
        found.others.retain(|(_, v, _)| keep(&v.origin));
        found.returns.retain(|(_, _, _, v)| keep(&v.origin));
        found.requests.retain(|_, o| keep(o));
        found
    }

    fn candidate(&self, n: Node) -> bool {
        self.syntax.call_view(n, self.src).is_some()
            || self.syntax.name_key(n, self.src).is_some()
            || self.syntax.look_through(n).is_some()
            || self.ctx.member_at(n).is_some()
    }

    fn classify_use(&self, n: Node<'t>, v: Val, found: &mut Found<'t>) {
        let endpoint = self.endpoint(v.origin);
        // A field read of the body.
        if let Some(m) = self.member_of_object(n) {
            let name = self.ctx.field_name(&m).unwrap_or_default();
            if m.kind == FieldKind::Dot && self.ctx.source.lang == crate::lang::Lang::Python {
                // Python dict methods: the body used whole.
                if !matches!(name.as_str(), "get") {
                    found.others.push((n, v, format!("used whole (`.{name}`)")));
                }
                return;
            }
            if matches!(name.as_str(), "then" | "catch" | "finally") {
                return;
            }
            let kind = self.read_kind(&m, &name, endpoint, v);
            if matches!(
                kind,
                ReadKind::ErrorText | ReadKind::ErrorMessage | ReadKind::ErrorCheck
            ) {
                if let Some(f) = v.wrapper {
                    found.error_reads.insert(f);
                }
            }
            found.reads.push(Read {
                member: m,
                kind,
                origin: v.origin,
                endpoint,
                unwrapped: v.unwrapped,
            });
            return;
        }
        // `"error" in body`: the callers tell errors from results, so a wrapper of the body
        // must keep returning what they test (its callers are rewritten, it does not raise).
        if self.syntax.membership_key(n, self.src).as_deref() == Some("error") {
            if let Some(f) = v.wrapper {
                found.error_reads.insert(f);
            }
        }
        let products = endpoint.is_some_and(|e| e.shape == Shape::Products);
        match self.syntax.use_site(n, self.src) {
            // `is_array($cards)`: in v2 it told the products from an error; in v3 both are
            // objects, so the test moves to the products too.
            UseSite::Test if products && type_test(self.syntax, n, self.src) => {
                found.arrays.push(ArrayUse {
                    body: n,
                    origin: v.origin,
                    objects: v.objects,
                    unwrapped: v.unwrapped,
                })
            }
            UseSite::Test => {}
            // `array_filter($cards, ...)`, `sorted(cards)`: the list given whole to a function
            // of the language's own that takes a list.
            UseSite::Other
                if products
                    && self
                        .call_around(n)
                        .is_some_and(|name| self.syntax.takes_list(&name)) =>
            {
                found.arrays.push(ArrayUse {
                    body: n,
                    origin: v.origin,
                    objects: v.objects,
                    unwrapped: v.unwrapped,
                })
            }
            UseSite::Iterate | UseSite::Count | UseSite::Index(_) if products => {
                found.arrays.push(ArrayUse {
                    body: n,
                    origin: v.origin,
                    objects: v.objects,
                    unwrapped: v.unwrapped,
                })
            }
            UseSite::Return => match self.enclosing_function(n) {
                Some(f) => {
                    let stmt = n.up().unwrap_or(n);
                    found.returns.push((f, stmt, n, v));
                }
                None => found.others.push((n, v, "returned".into())),
            },
            UseSite::Bound(t) => {
                let stored = self
                    .syntax
                    .name_key(t, self.src)
                    .is_none_or(|k| is_member_key(&k));
                if stored {
                    found
                        .others
                        .push((n, v, format!("stored in `{}`", text(t, self.src))));
                }
            }
            UseSite::Destructure(p) => found.destructures.push(Destructure {
                nested: false,
                pattern: p,
                body: n,
                origin: v.origin,
                endpoint,
                unwrapped: v.unwrapped,
            }),
            // Its consumers iterate the generator: they are not followed.
            UseSite::Yield => found.yield_of(n, v),
            _ if self.all_elements.contains(&n.id()) => {}
            _ => {
                // An entry of a holder its function returns (`{ status, body }`, resolved or
                // returned): it goes to the callers with the holder.
                if let Some(returned) = self.returned_holder(n) {
                    found.returns.push(returned);
                    return;
                }
                let why = match self.call_around(n) {
                    Some(name) => {
                        // `report(label, body)` with `def report(...)` in this file, or
                        // `Result(status, body)` with its class here.
                        let local: Vec<Node> = match self.funcs_by_name.get(&name) {
                            Some(fs) => fs.iter().map(|&g| self.funcs[g].node).collect(),
                            None => self.classes.get(&name).copied().into_iter().collect(),
                        };
                        if !local.is_empty() {
                            found.to_local.insert(n.id());
                            // A function that tells errors from results (`if body.error`,
                            // `"error" in body`): a wrapper of the body must keep returning
                            // what it tests, as for its callers' own tests.
                            if let Some(w) = v.wrapper {
                                if local.iter().any(|&g| self.reads_error(g)) {
                                    found.error_reads.insert(w);
                                }
                            }
                        }
                        format!("passed to `{name}`")
                    }
                    None => "used whole".to_string(),
                };
                found.others.push((n, v, why));
            }
        }
    }

    /// The holder `n` is an entry of, when a function returns it: (function, return
    /// statement, holder, its value).
    fn returned_holder(&self, n: Node<'t>) -> Option<(usize, Node<'t>, Node<'t>, Val)> {
        let c = self.syntax.entry_container(n)?;
        let &(fi, stmt) = self.holder_returns.get(&c.id())?;
        let h = self.holder(c)?;
        // The holder follows one body: a second one in it (`return balance, transactions`)
        // still escapes.
        let entries = self.syntax.holder_entries(c, self.src)?;
        let (key, _) = entries.iter().find(|(_, v)| *v == n)?;
        (h.field == Some(entry_id(key))).then_some((fi, stmt, c, h))
    }

    /// A use of a holder: reading its entries and taking it apart are followed (the body's
    /// entry is a body of its own); anything else takes the body along unseen.
    fn classify_holder_use(&self, n: Node<'t>, v: Val, found: &mut Found<'t>) {
        if n.up()
            .and_then(|p| self.syntax.look_through(p))
            .is_some_and(|inner| inner == n)
        {
            return;
        }
        if let Some(f) = v.via {
            found.called.insert(f);
            found.via.entry(f).or_default().push(v.origin);
        }
        if self.member_of_object(n).is_some() {
            return;
        }
        let body = Val {
            kind: Kind::Body,
            field: None,
            ..v
        };
        // `status, body = get(...)`, `[$code, $body] = call(...)`: taken apart by position.
        let by_position = n
            .up()
            .and_then(|p| self.syntax.binding(p, self.src))
            .is_some_and(|(t, value)| value == n && self.syntax.sequence_targets(t).is_some());
        if by_position {
            return;
        }
        match self.syntax.use_site(n, self.src) {
            UseSite::Bound(_) | UseSite::Destructure(_) => {}
            UseSite::Return => match self.enclosing_function(n) {
                Some(f) => found.returns.push((f, n.up().unwrap_or(n), n, v)),
                None => found.others.push((n, body, "returned".into())),
            },
            UseSite::Yield => found.yield_of(n, body),
            _ if self.all_elements.contains(&n.id()) => {}
            // Passed whole: the body goes along (an axios-shaped `{ status, data }` is read
            // as a response is, and a response passed on is not followed either).
            _ if v.field != Some(entry_id("data")) => {
                if let Some(name) = self.call_around(n) {
                    found
                        .others
                        .push((n, body, format!("passed to `{name}` inside a holder")));
                }
            }
            _ => {}
        }
    }

    /// Does this function read an `error` field or test `"error"` membership anywhere?
    fn reads_error(&self, f: Node) -> bool {
        let r = f.byte_range();
        self.ctx
            .members()
            .iter()
            .filter(|m| r.contains(&m.read.start_byte()))
            .any(|m| self.ctx.field_name(m).as_deref() == Some("error"))
            || crate::lang::find_node(f, |n| {
                self.syntax.membership_key(n, self.src).as_deref() == Some("error")
            })
            .is_some()
    }

    fn call_around(&self, n: Node) -> Option<String> {
        let mut p = n.up()?;
        for _ in 0..3 {
            if let Some(c) = self.syntax.call_view(p, self.src) {
                return Some(c.name).filter(|s| !s.is_empty());
            }
            p = p.up()?;
        }
        None
    }

    /// The member read whose object is `n` (a `.get("f")` call before the `.get` attribute).
    fn member_of_object(&self, n: Node) -> Option<Member<'t>> {
        let ids = self.members_by_object.get(&n.id())?;
        let members = self.ctx.members();
        ids.iter()
            .map(|i| members[*i])
            .max_by_key(|m| (m.kind == FieldKind::Get, m.read.end_byte()))
    }

    fn read_kind(
        &self,
        m: &Member<'t>,
        name: &str,
        endpoint: Option<&'static Endpoint>,
        v: Val,
    ) -> ReadKind {
        let shape = endpoint.map(|e| e.shape);
        match name {
            "success" | "data" | "meta" | "requestId" if !v.unwrapped => ReadKind::V3,
            "error" => {
                let inner = self
                    .member_of_object(m.read)
                    .and_then(|o| self.ctx.field_name(&o));
                if matches!(inner.as_deref(), Some("code" | "message" | "details")) {
                    ReadKind::ErrorV3
                } else if self.compared_or_tested(m.read) {
                    ReadKind::ErrorCheck
                } else {
                    ReadKind::ErrorText
                }
            }
            "message" => ReadKind::ErrorMessage,
            _ if name == api::PLANS_TYPO.0 => ReadKind::Typo,
            _ => {
                if let Some((_, to)) = api::PAGINATION_FIELDS.iter().find(|(f, _)| *f == name) {
                    if matches!(shape, None | Some(Shape::List(_))) {
                        return ReadKind::Pagination(to);
                    }
                }
                match shape {
                    Some(Shape::List(f)) if f == name => ReadKind::ListItems,
                    None if api::list_fields().any(|f| f == name) => ReadKind::ListItems,
                    Some(Shape::Status) | None if name == "topup" => ReadKind::Topup,
                    Some(Shape::Products) => ReadKind::ProductsField,
                    _ => ReadKind::Plain,
                }
            }
        }
    }

    /// `r.error` tested (`if (r.error)`) or compared (`r.error === "X"`, `switch`, `in`).
    fn compared_or_tested(&self, read: Node) -> bool {
        let mut n = read;
        while let Some(p) = n.up() {
            if self.syntax.look_through(p) == Some(n) && p.type_name() == "parenthesized_expression"
            {
                n = p;
                continue;
            }
            break;
        }
        if matches!(self.syntax.use_site(n, self.src), UseSite::Test) {
            return true;
        }
        let Some(p) = n.up() else { return false };
        match p.type_name() {
            "binary_expression" => p
                .field("operator")
                .is_some_and(|o| matches!(text(o, self.src), "==" | "===" | "!=" | "!==" | "<>")),
            "comparison_operator"
            | "switch_statement"
            | "match_statement"
            | "match_expression"
            | "switch_expression" => true,
            "parenthesized_expression" => p
                .up()
                .is_some_and(|g| matches!(g.type_name(), "switch_statement" | "match_expression")),
            "argument" | "arguments" | "argument_list" => self.call_around(n).is_some_and(|c| {
                matches!(c.as_str(), "in_array" | "includes" | "array_key_exists")
            }),
            _ => false,
        }
    }

    /// The property a read is stored into: `code` in `err.code = data.error`, in
    /// `$this->code = $data['error']`, in `FlexyError(msg, code=data["error"])`.
    fn copied_into(&self, read: Node) -> Option<String> {
        let p = read.up()?;
        if p.type_name() == "keyword_argument" {
            return Some(text(p.field("name")?, self.src).to_string());
        }
        // `new FlexyError(data.message, data.error)`, `FlexyError(body["error"])`: the field
        // its constructor keeps it in.
        if let Some(field) = self
            .syntax
            .constructor_copy(self.ctx.source.root(), read, self.src)
        {
            return Some(field);
        }
        let (target, value) = self.syntax.binding(p, self.src)?;
        if value != read
            || self
                .syntax
                .name_key(target, self.src)
                .is_some_and(|k| !is_member_key(&k))
        {
            return None;
        }
        self.syntax.tail_name(target, self.src)
    }

    /// Functions returning a v2 response of one endpoint, with no caller in the file: their
    /// callers' reads cannot be followed, so they are migrated at the function.
    fn unknown_callers(&self, found: &Found<'t>) -> Vec<(usize, Wrapper<'t>)> {
        self.funcs
            .iter()
            .enumerate()
            .filter(|(fi, f)| {
                f.ret
                    .is_some_and(|r| !r.unwrapped && matches!(r.origin, Origin::Site(_)))
                    && !found.called.contains(fi)
                    && !self.is_callback(f.node)
            })
            .filter_map(|(fi, _)| self.wrapper(fi, found, Strategy::AtWrapper))
            .collect()
    }

    /// The generic request functions of the file (path or URL given by their callers), each
    /// migrated at the wrapper unless a caller reads the v2 error.
    fn decide_wrappers(&self, found: &Found<'t>) -> Vec<(usize, Wrapper<'t>)> {
        self.funcs
            .iter()
            .enumerate()
            .filter(|(fi, f)| {
                f.ret.is_some_and(|r| match r.origin {
                    Origin::Dynamic(_) => true,
                    Origin::Param(g) => g == *fi && found.flexy_helpers.contains(fi),
                    Origin::Site(_) | Origin::Foreign => false,
                })
            })
            // A function returning what another function of the file returned is no wrapper
            // of its own: the inner one is migrated, once (`flexy_post` returning
            // `_call(request)` would unwrap `data` a second time).
            .filter(|(fi, f)| f.ret.is_none_or(|r| r.via.is_none_or(|g| g == *fi)))
            .filter_map(|(fi, _)| {
                // Callers that test errors, of it or of a function returning what it returns.
                let tested = found.error_reads.contains(&fi)
                    || self.funcs.iter().enumerate().any(|(g, f)| {
                        found.error_reads.contains(&g) && f.ret.is_some_and(|r| r.via == Some(fi))
                    });
                let strategy = if tested {
                    Strategy::CallSites
                } else {
                    Strategy::AtWrapper
                };
                self.wrapper(fi, found, strategy)
            })
            .collect()
    }

    /// The error class of the program that function `fi`, migrated at the wrapper, raises
    /// on a v3 error: one it throws already or its callers catch, declared in the file
    /// and made from the message alone (the first such). `Err` when its callers catch a
    /// class of the file that cannot be made so, and none can: raising anything else
    /// would pass their handlers by.
    fn own_error_class(&self, fi: usize, found: &Found<'t>) -> Result<Option<String>, ()> {
        let func = self.funcs[fi].node;
        let mut thrown = Vec::new();
        let mut stack = vec![func];
        while let Some(n) = stack.pop() {
            if let Some(class) = self.syntax.thrown_class(n, self.src) {
                thrown.push(class);
            }
            if n == func || !self.syntax.is_function(n) {
                let mut c = n.walk();
                stack.extend(n.named_children(&mut c));
            }
        }
        let caught = found.caught.get(&fi).map_or(&[][..], |c| c.as_slice());
        let root = self.ctx.source.root();
        let mut unusable = false;
        for class in thrown.iter().chain(caught) {
            match self.syntax.message_first(root, class, self.src) {
                Some(true) => return Ok(Some(class.clone())),
                Some(false) => unusable |= caught.contains(class),
                None => {}
            }
        }
        if unusable {
            Err(())
        } else {
            Ok(None)
        }
    }

    /// Function `fi` as a wrapper returning a body, if it returns one, migrated by
    /// `strategy`; at its call sites instead when its callers catch an error class of the
    /// program that the v3 check cannot raise (it keeps returning what it returned).
    fn wrapper(
        &self,
        fi: usize,
        found: &Found<'t>,
        strategy: Strategy,
    ) -> Option<(usize, Wrapper<'t>)> {
        let f = &self.funcs[fi];
        let ret = f.ret.filter(|r| r.kind == Kind::Body)?;
        let name = f.name.clone()?;
        let returns: Vec<(Node<'t>, Node<'t>)> = found
            .returns
            .iter()
            .filter(|(g, ..)| *g == fi)
            .map(|(_, s, v, _)| (*s, *v))
            .collect();
        if returns.is_empty() {
            return None;
        }
        let checks_errors = found.reads.iter().any(|r| {
            r.origin == ret.origin
                && matches!(
                    r.kind,
                    ReadKind::ErrorCheck | ReadKind::ErrorText | ReadKind::ErrorMessage
                )
                && f.node.byte_range().contains(&r.member.read.start_byte())
        });
        let callers = found.via.get(&fi).map_or(0, |v| v.len());
        let (strategy, raise) = match (checks_errors, strategy) {
            (true, _) | (_, Strategy::CallSites) => (strategy, Raise::Nothing),
            (false, Strategy::AtWrapper) => match self.own_error_class(fi, found) {
                Ok(Some(class)) => (strategy, Raise::Own(class)),
                Ok(None) => (strategy, Raise::New),
                Err(()) => (Strategy::CallSites, Raise::Nothing),
            },
        };
        Some((
            fi,
            Wrapper {
                func: f.node,
                name,
                strategy,
                returns,
                raise,
                callers,
                objects: ret.objects,
                origin: ret.origin,
            },
        ))
    }

    /// Per origin: the applicability of its reads' fixes.
    fn applicability(
        &self,
        flow: &Flow<'t>,
        via: &HashMap<usize, Vec<Origin>>,
    ) -> HashMap<Origin, Option<Applicability>> {
        let mut origins: HashSet<Origin> = HashSet::default();
        origins.extend(flow.reads.iter().map(|r| r.origin));
        origins.extend(flow.arrays.iter().map(|r| r.origin));
        origins.extend(flow.destructures.iter().map(|r| r.origin));
        origins.extend(flow.escapes.iter().map(|r| r.origin));
        origins.extend(flow.wrappers.iter().map(|w| w.origin));
        let bases = self
            .ctx
            .bases
            .iter()
            .map(|b| b.applicability)
            .min_by_key(|a| a.map_or(0, |a| a as usize + 1))
            .unwrap_or(Some(Applicability::Safe));
        let own = |o: Origin| -> Option<Applicability> {
            let a = match o {
                Origin::Site(k) => self.ctx.endpoints[k].applicability,
                Origin::Dynamic(_) | Origin::Param(_) | Origin::Foreign => bases,
            };
            if flow.escapes.iter().any(|e| e.origin == o) {
                a.map(|_| Applicability::Unsafe)
            } else {
                a
            }
        };
        let mut out: HashMap<Origin, Option<Applicability>> =
            origins.iter().map(|o| (*o, own(*o))).collect();
        // A wrapper and the call sites through it move together.
        for w in &flow.wrappers {
            let fi = self.func_at.get(&w.func.id()).copied();
            let sites: Vec<Origin> = fi.and_then(|f| via.get(&f)).cloned().unwrap_or_default();
            let mut group = sites
                .iter()
                .chain(std::iter::once(&w.origin))
                .map(|o| own(*o))
                .min_by_key(|a| a.map_or(0, |a| a as usize + 1))
                .flatten();
            // Its callers are elsewhere: nobody checked what they read.
            if w.callers == 0 && w.strategy == Strategy::AtWrapper {
                group = group.map(|_| Applicability::Unsafe);
            }
            for o in sites.iter().chain(std::iter::once(&w.origin)) {
                let cur = out.get(o).copied().flatten();
                let joined = match (cur.or(own(*o)), group) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    _ => None,
                };
                out.insert(*o, joined);
            }
        }
        out
    }
}

fn origin_rank(o: Origin) -> u8 {
    match o {
        Origin::Site(_) => 0,
        Origin::Dynamic(_) => 1,
        Origin::Param(_) => 2,
        Origin::Foreign => 3,
    }
}

/// A key naming the code's own object: `this`, `self`, `$this`.
pub fn is_own_object(key: &str) -> bool {
    matches!(key, "this" | "self" | "$this")
}

/// A key naming a field of the code's own object: `this.x`, `self.x`, `$this->x`.
pub fn is_member_key(key: &str) -> bool {
    key.starts_with("this.") || key.starts_with("self.") || key.starts_with("$this->")
}

/// How a read's origin is named in messages: `GET /v2/account/balance`.
pub fn label(endpoint: Option<&Endpoint>) -> String {
    match endpoint {
        Some(e) => format!("`{} {}`", e.method, e.v2),
        None => "a v2 Flexy request".to_string(),
    }
}

/// Edits that read `path` between a read's object and its field, and rename the field.
pub fn read_edits(
    ctx: &Ctx,
    m: &Member,
    path: &[&str],
    rename: Option<&str>,
) -> Vec<crate::rules::Edit> {
    let src = ctx.src();
    let mut out = Vec::new();
    if !path.is_empty() {
        let suffix = ctx.syntax.path_suffix(path, Some(m), m.object, false, src);
        out.push(crate::lang::insert(m.object.end_byte(), suffix));
    }
    if let Some(new) = rename {
        let range = match m.kind {
            FieldKind::Dot => m.field.byte_range(),
            _ => match ctx.syntax.literal(m.field, src) {
                Some(l) => l.inner,
                None => return Vec::new(),
            },
        };
        out.push(crate::rules::Edit {
            range,
            content: new.to_string(),
        });
    }
    out
}

/// An edit that reads `path` after a whole body expression (`cards` -> `cards.data.products`),
/// parenthesizing it when it is not a primary expression.
/// Is `n` the value of a type test that tells an array from an object: JavaScript's
/// `Array.isArray(x)`, PHP's `is_array($x)` / `is_object($x)` (the call a few levels up,
/// through its argument list)?
pub fn type_test(syntax: &dyn crate::lang::Syntax, n: Node, src: &str) -> bool {
    let mut p = n.up();
    for _ in 0..3 {
        let Some(call) = p else { return false };
        if let Some(c) = syntax.call_view(call, src) {
            let receiver = c.receiver.map(|r| text(r, src));
            let test = match syntax.lang() {
                crate::lang::Lang::Php => {
                    matches!(
                        c.name.to_ascii_lowercase().as_str(),
                        "is_array" | "is_object"
                    )
                }
                l if l.is_js_family() => c.name == "isArray" && receiver == Some("Array"),
                _ => false,
            };
            return test && c.args.first() == Some(&n);
        }
        p = call.up();
    }
    false
}

/// TypeScript reads `await f<T>(x)` as a call of `await f`: the whole is an `await`, which
/// a suffix must not be appended to without parentheses.
fn awaited_generic_call(n: Node) -> bool {
    n.type_name() == "call_expression"
        && n.field("function")
            .is_some_and(|f| f.type_name() == "await_expression")
}

pub fn body_suffix_edits(
    ctx: &Ctx,
    body: Node,
    path: &[&str],
    objects: bool,
) -> Vec<crate::rules::Edit> {
    let suffix = ctx.syntax.path_suffix(path, None, body, objects, ctx.src());
    let primary = matches!(
        body.type_name(),
        "identifier"
            | "variable_name"
            | "member_expression"
            | "subscript_expression"
            | "call_expression"
            | "parenthesized_expression"
            | "attribute"
            | "subscript"
            | "call"
            | "function_call_expression"
            | "member_call_expression"
            | "member_access_expression"
    ) && !awaited_generic_call(body);
    if primary {
        vec![crate::lang::insert(body.end_byte(), suffix)]
    } else {
        vec![
            crate::lang::insert(body.start_byte(), "("),
            crate::lang::insert(body.end_byte(), format!("){suffix}")),
        ]
    }
}
