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

mod across_files;
mod answers;
mod errors;
mod facts;
mod solver;
mod uses;
mod v3;
mod values;
mod wrappers;

use crate::scope;
pub use across_files::is_common_name;
pub use facts::*;

use crate::tree::Up;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::ops::Range;

use tree_sitter::Node;

use crate::api::{self, Endpoint, Shape};
use crate::edit::Applicability;
use crate::flexy::{across, Facts, FieldKind, Member};
use crate::lang::{text, CallView, Syntax, UseSite};

/// Where a body comes from: a v2 endpoint site of the file (index in `Facts::endpoints`), or
/// a v2 URL whose path is not written there (index of the string).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Origin {
    Site(usize),
    Dynamic(usize),
    /// A URL given by the caller of a function (index of the function): a helper like
    /// `def get(url): return requests.get(url).json()`. Its calls with a Flexy URL give
    /// Flexy bodies; its own reads are Flexy when every call of it in the file is.
    Param(usize),
    /// What a call of a function of another file of the run returns (index in
    /// `Facts::across.imported`): the body of its Flexy request.
    Imported(usize),
    /// A URL proven not to be Flexy's (another host, or built on another host's base), and
    /// what its request returns. Used only as a negative: its bodies are no Flexy bodies, and
    /// their reads are never rewritten or suspected.
    Foreign,
    /// A v3 Flexy request (see [`Flow::v3`]): the string of its URL, or, for the body a
    /// URL-taking helper of the file gets from its callers, the number of strings plus the
    /// helper's index. Its body is read the v3 way, or the v2 way by mistake.
    V3(usize),
}

impl Origin {
    /// A v3 request's: a finding of it is work left on code already v3, its own unit.
    pub fn is_v3(self) -> bool {
        matches!(self, Origin::V3(_))
    }
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

pub struct Flow<'t> {
    pub reads: Vec<Read<'t>>,
    pub arrays: Vec<ArrayUse<'t>>,
    pub destructures: Vec<Destructure<'t>>,
    pub escapes: Vec<Escape>,
    pub wrappers: Vec<Wrapper<'t>>,
    applicability: HashMap<Origin, Option<Applicability>>,
    /// Call sites whose bodies are read both the v2 and the v3 way: no fix moves them.
    mixed: HashSet<Origin>,
    read_nodes: HashMap<usize, Origin>,
    /// Properties the v2 error string is copied into (`err.code = data.error`), with the
    /// call site of the body it is read from: comparisons of them with the old strings are
    /// comparisons of that request's error.
    pub error_fields: Vec<(String, Origin)>,
    /// Locals a followed body's v2 error string is destructured into
    /// (`const { error, message } = err.response.data`): (name, the scope it is bound in,
    /// from where, the call site). The destructuring's fix binds them to `error.code`.
    pub error_locals: Vec<(String, Range<usize>, usize, Origin)>,
    /// Bodies (not the payload a wrapper unwraps) tested for the key `error`
    /// (`"error" in result`), with their call site.
    pub error_key_tests: Vec<(Node<'t>, Origin)>,
    /// The calls that make (or configure a client for) a Flexy request, with its origin.
    requests: HashMap<usize, Origin>,
    /// Those of them giving the parsed body itself (a wrapper's call, `requests.get(u).json()`).
    body_requests: HashSet<usize>,
    /// Requests and bodies of URLs proven non-Flexy, by node id.
    foreign: HashSet<usize>,
    /// Requests made to a URL a function is given, with that function.
    param_requests: HashMap<usize, Node<'t>>,
    /// With callers in other files: the file's functions returning a Flexy body, as those
    /// callers will get it.
    pub exported: Vec<across::Exported>,
    /// How this file uses what the functions of other files it calls return, per function
    /// (`Facts::across.imported`).
    pub caller_uses: Vec<across::CallerUse>,
    /// The calls of other files' functions followed here: where each names its callee
    /// (`flexy.getBalance(`), and the function (index in `Facts::across.imported`).
    pub imported_calls: Vec<(Range<usize>, usize)>,
}

impl<'t> Flow<'t> {
    fn empty() -> Flow<'t> {
        Flow {
            reads: Vec::new(),
            arrays: Vec::new(),
            destructures: Vec::new(),
            escapes: Vec::new(),
            wrappers: Vec::new(),
            applicability: HashMap::default(),
            mixed: HashSet::default(),
            read_nodes: HashMap::default(),
            error_fields: Vec::new(),
            error_locals: Vec::new(),
            error_key_tests: Vec::new(),
            requests: HashMap::default(),
            body_requests: HashSet::default(),
            foreign: HashSet::default(),
            param_requests: HashMap::default(),
            exported: Vec::new(),
            caller_uses: Vec::new(),
            imported_calls: Vec::new(),
        }
    }

    pub fn new(ctx: &Facts<'t>) -> Flow<'t> {
        let empty = Flow::empty();
        // Only a file with a v2 Flexy request, or calling a function of another file that
        // makes one, can have a v2 body.
        if ctx.endpoints.iter().all(|s| s.matched.is_none())
            && !ctx.v2_url.contains(&true)
            && ctx.across.imported.is_empty()
        {
            return empty;
        }
        let mut a = Analysis::new(ctx, false);
        a.solve();
        let mut first = a.classify();
        // Callers in other files that read the v2 error: their functions keep returning the
        // whole response, and so do the wrappers they return through.
        for fi in 0..a.funcs.len() {
            if a.callers_elsewhere(fi).is_some_and(|c| c.reads_errors) {
                first.error_reads.insert(fi);
            }
        }
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
        // v3 already: its reads are left alone. Unless it also reads it the v2 way
        // (`list.currentPage` beside `list.data.pagination`, half migrated by hand): then
        // neither version serves every read, and those v2 reads are reported without a fix
        // (`mixed`), which holds the call site's unit on v2.
        let v3: HashSet<Origin> = found
            .reads
            .iter()
            .filter(|r| r.kind == ReadKind::V3)
            .map(|r| r.origin)
            .collect();
        let mixed: HashSet<Origin> = found
            .reads
            .iter()
            .filter(|r| v3.contains(&r.origin) && r.kind.is_v2_way())
            .map(|r| r.origin)
            .collect();
        found.reads.retain(|r| {
            !v3.contains(&r.origin) || (mixed.contains(&r.origin) && r.kind.is_v2_way())
        });
        // A function returning one endpoint's response to callers outside the file is
        // migrated at the function too (their reads cannot be followed).
        let mut wrappers = wrappers;
        // With callers in other files of the run, a function no caller of this file uses is
        // not migrated at the function until its callers there are known.
        // Once every caller elsewhere is followed, and none reads the v2 error, it is.
        let unknown = a.unknown_callers(&found);
        let tentative: HashMap<usize, Strategy> =
            unknown.iter().map(|(f, w)| (*f, w.strategy)).collect();
        if !ctx.callers_elsewhere {
            wrappers.extend(unknown);
        } else {
            wrappers.extend(unknown.into_iter().filter(|(fi, _)| {
                a.followed_elsewhere(*fi, false)
                    && a.callers_elsewhere(*fi).is_some_and(|c| !c.reads_errors)
            }));
        }
        let wrapper_funcs: HashMap<usize, Strategy> =
            wrappers.iter().map(|(f, w)| (*f, w.strategy)).collect();
        let mut flow = empty;
        flow.escapes = found.escapes(&a, &wrapper_funcs);
        flow.reads = found.reads;
        flow.arrays = found.arrays;
        flow.destructures = found.destructures;
        flow.error_key_tests = found.error_key_tests;
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
        flow.body_requests = std::mem::take(&mut found.body_requests);
        flow.foreign = std::mem::take(&mut found.foreign);
        flow.param_requests = std::mem::take(&mut found.param_requests);
        // The errors the calls of another file's functions raise, with a copy of the v2
        // error in a property of theirs (`err.code`): compared here, they move with them.
        for (k, origin, _) in a.imported_calls.borrow().values() {
            for field in &ctx.across.imported[*k].export.raises {
                flow.error_fields.push((field.clone(), *origin));
            }
        }
        let mut seen: HashSet<(String, Origin)> = HashSet::default();
        flow.error_fields.retain(|e| seen.insert(e.clone()));
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
        for &o in &mixed {
            flow.applicability.insert(o, None);
        }
        flow.mixed = mixed;
        if ctx.callers_elsewhere {
            // Before its callers are known, as it will be once they all are followed.
            let decided = if ctx.across.callers.is_some() {
                &wrapper_funcs
            } else {
                &tentative
            };
            flow.exported = a.exported(decided);
            // Its functions raise the errors whose v2 error the file copies (an error
            // class of the file, a property of an error it throws).
            let raises: Vec<String> = flow.error_fields.iter().map(|(f, _)| f.clone()).collect();
            for e in &mut flow.exported {
                e.raises = raises.clone();
                e.raises.dedup();
            }
            flow.exported.extend(a.exported_clients(&flow.requests));
        }
        flow.caller_uses = a.caller_uses(&flow);
        flow.imported_calls = a
            .imported_calls
            .borrow()
            .values()
            .map(|(k, _, callee)| (callee.clone(), *k))
            .collect();
        flow.imported_calls.sort_by_key(|(r, _)| r.start);
        flow
    }
}

/// What one classification pass found.
struct Found<'t> {
    reads: Vec<Read<'t>>,
    arrays: Vec<ArrayUse<'t>>,
    destructures: Vec<Destructure<'t>>,
    /// Bodies tested for the key `error`.
    error_key_tests: Vec<(Node<'t>, Origin)>,
    /// (node, origin, endpoint, reason) before wrapper rules drop followed returns.
    others: Vec<(Node<'t>, Val, Route)>,
    /// The nodes of `others` passed to a function of this file.
    to_local: HashSet<usize>,
    /// The nodes of `others` yielded by a generator.
    yielded: HashSet<usize>,
    /// The nodes of `others` tested for a payload key.
    key_tests: HashSet<usize>,
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
    /// Those of them giving the parsed body itself.
    body_requests: HashSet<usize>,
    /// Requests and bodies of non-Flexy URLs.
    foreign: HashSet<usize>,
    /// Requests to a URL a function is given: the function.
    param_requests: HashMap<usize, Node<'t>>,
}

struct Analysis<'t, 'c> {
    ctx: &'c Facts<'t>,
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
    /// Calls of functions of other files (by node id).
    imported_calls: std::cell::RefCell<HashMap<usize, ImportedCall>>,
    /// Functions of other files called here with a path the analysis cannot tie to an
    /// endpoint (their index in `Facts::across.imported`).
    unfollowed_calls: std::cell::RefCell<HashSet<usize>>,
    /// Following v3 bodies (see [`Flow::v3`]): `Origin::Site` indexes `Facts::v3_sites`,
    /// `Origin::Dynamic` a v3 URL, and a body's `data` is the payload (`unwrapped`).
    v3: bool,
}

/// A call of a function of another file: the index of the function in
/// `Facts::across.imported`, the origin of what it gave, and where the call names it.
type ImportedCall = (usize, Origin, Range<usize>);

const MAX_EVAL_DEPTH: usize = 48;

impl<'t, 'c> Analysis<'t, 'c> {
    fn new(ctx: &'c Facts<'t>, v3: bool) -> Analysis<'t, 'c> {
        let src: &'t str = ctx.source.text.as_str();
        let mut a = Analysis {
            v3,
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
            imported_calls: Default::default(),
            unfollowed_calls: Default::default(),
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
}

fn origin_rank(o: Origin) -> u8 {
    match o {
        Origin::Site(_) => 0,
        Origin::Dynamic(_) => 1,
        Origin::Imported(_) => 1,
        Origin::Param(_) => 2,
        Origin::Foreign | Origin::V3(_) => 3,
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
