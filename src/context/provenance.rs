//! Whose is a header or an error read: Flexy's when its request or body is, proven by
//! the data flow, never by the code around it.

use std::ops::Range;

use tree_sitter::Node;

use super::Ctx;
use crate::flexy::{Member, Tie};
use crate::flow::{self, Origin};
use crate::scope;
use crate::tree::Up;

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
pub(super) struct HeaderTrace {
    pub(super) flexy: bool,
    pub(super) other: bool,
    /// The v3 requests it is sent with (one of them), and whether v2 ones too.
    pub(super) v3: Option<Origin>,
    pub(super) v2: bool,
    /// Nodes traced, and names followed (with their scope), so each is done once.
    pub(super) visited: rustc_hash::FxHashSet<usize>,
    pub(super) followed: rustc_hash::FxHashSet<(String, usize, usize)>,
    /// Walks over the file's nodes so far: a header is traced with a few at most (a large
    /// bundle full of headers stays fast; what is not traced stays unproven).
    pub(super) scans: usize,
}

impl HeaderTrace {
    pub(super) fn scan(&mut self) -> bool {
        const MAX_SCANS: usize = 16;
        self.scans += 1;
        self.scans <= MAX_SCANS
    }
}

impl<'s> Ctx<'s> {
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
        if let Some(origin) = self.read_origin(m.read) {
            return Some(ErrorSource::Body(origin));
        }
        // `body.error.code` of a v3 body: its v3 error code.
        if self.field_name(m).as_deref() == Some("code") {
            let error = self
                .member_at(m.object)
                .filter(|e| self.field_name(e).as_deref() == Some("error"));
            if let Some(origin) = error.and_then(|e| self.v3_flow().read_origin(e.read)) {
                return Some(ErrorSource::Body(origin));
            }
        }
        self.error_copy(m)
    }

    pub(super) fn error_copy(&self, m: &Member) -> Option<ErrorSource> {
        let field = self.field_name(m)?;
        let origins: Vec<Origin> = self.flow().error_copies(&field).collect();
        (!origins.is_empty()).then_some(ErrorSource::Copy { field, origins })
    }

    /// A call of a function of this file that returns a copy of the v2 error.
    pub(super) fn returned_error_copy(&self, subject: Node) -> Option<ErrorSource> {
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
                self.members()
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
        self.header_requests(at).0
    }

    /// [`Ctx::header_tie`], with a v3 request the header is sent with when it is sent with
    /// no v2 one: code already on v3, whose header is work left there.
    pub fn header_requests(&self, at: Node<'s>) -> (Tie, Option<Origin>) {
        let mut trace = HeaderTrace::default();
        self.trace_header(at, 0, &mut trace);
        let tie = match (trace.flexy, trace.other) {
            (true, false) => Tie::Proven,
            (true, true) => Tie::Mixed,
            (false, true) => Tie::Other,
            (false, false) => Tie::Unknown,
        };
        (tie, trace.v3.filter(|_| !trace.v2))
    }

    /// Follows `start` (a header, or a value holding it) up to the request it is sent with.
    pub(super) fn trace_header(&self, start: Node<'s>, depth: usize, t: &mut HeaderTrace) {
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
                // The header goes where its receiver goes, and where its value goes. A package
                // itself (`requests.get(url, headers=h)`) holds no headers: its other calls
                // go elsewhere.
                let package = call.receiver.is_some_and(|r| {
                    self.package_modules()
                        .iter()
                        .any(|m| m == crate::lang::text(r, src))
                });
                if let (Some(r), false) = (call.receiver, package) {
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
                let in_body = self.syntax.loop_body(p).is_some_and(|b| inside(b, start));
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
    pub(super) fn request_evidence(&self, call: Node<'s>, t: &mut HeaderTrace) -> bool {
        let r = call.byte_range();
        let (mut flexy, mut other) = self.hosts_in(r.clone());
        let flow = self.flow();
        // A v3 request is Flexy's too: a header sent with it is the guide's first common
        // mistake once the URL moved (`authorization` on a v3 URL).
        let v2 = flow.request_origin(call).is_some();
        // A v3 request made to a URL written or built where it is sent; not one a helper's
        // callers give (`request(method, path)`), whose other callers may send the header
        // elsewhere: what the v2 run did not tie, the v3 run does not tie either.
        let v3_flow = self.v3_flow();
        let v3 = v3_flow
            .request_origin(call)
            .filter(|_| v3_flow.param_request(call).is_none());
        t.v2 |= v2 || self.v2_hosts_in(r);
        t.v3 = t.v3.or(v3);
        flexy |= v2 || v3.is_some();
        // Another API's request, which either flow proves (the v2 flow is empty in a file
        // with no v2 request).
        other |= (flow.is_foreign(call) || v3_flow.is_foreign(call))
            && !v2
            && v3_flow.request_origin(call).is_none();
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
    pub(super) fn follow_object(&self, expr: Node<'s>, depth: usize, t: &mut HeaderTrace) {
        let mut cur = expr;
        loop {
            if let Some(key) = self.syntax.name_key(cur, self.src()) {
                if !flow::is_own_object(&key) {
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
    pub(super) fn follow_parameter(
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
            let Some(params) = self.syntax.parameters(f) else {
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
                            .is_some_and(|k| flow::is_own_object(&k))
                    }),
            );
            if let Some(p) = names.get(index + skip) {
                self.follow_name(*p, depth, t);
            }
        }
    }

    /// The first name in a parameter (`x`, `$x`, `x: T = 1`).
    pub(super) fn first_name(&self, n: Node<'s>) -> Option<Node<'s>> {
        if self.syntax.name_key(n, self.src()).is_some() {
            return Some(n);
        }
        let mut c = n.walk();
        let children: Vec<Node<'s>> = n.named_children(&mut c).collect();
        children.into_iter().find_map(|ch| self.first_name(ch))
    }

    /// Follows the name a value is bound to.
    pub(super) fn follow_name(&self, target: Node<'s>, depth: usize, t: &mut HeaderTrace) {
        match self.syntax.name_key(target, self.src()) {
            Some(key) => self.follow_key(&key, target, depth, t),
            None => self.follow_object(target, depth, t),
        }
    }

    /// Every use of `key` in its scope (the class for a field of the code's own object, the
    /// function it is used in when it is bound there, else the file), followed to its call.
    pub(super) fn follow_key(&self, key: &str, from: Node<'s>, depth: usize, t: &mut HeaderTrace) {
        // Two walks: the name's scope, then its uses.
        if !(t.scan() && t.scan()) {
            return;
        }
        let scope = if flow::is_member_key(key) {
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
    pub(super) fn is_use_of(&self, n: Node<'s>, key: &str) -> bool {
        let src = self.src();
        match self.syntax.name_key(n, src) {
            Some(k) => k == key,
            None => {
                n.named_child_count() == 0
                    && crate::lang::text(n, src) == key
                    && !n.up().is_some_and(|p| {
                        self.syntax.is_entry_key(n)
                            || self.member_at(p).is_some_and(|m| m.field == n)
                    })
            }
        }
    }

    /// The function a local name is bound in (a parameter or an assignment in the innermost
    /// function around `from`), else the whole file.
    pub(super) fn name_scope(&self, key: &str, from: Node<'s>) -> Range<usize> {
        let src = self.src();
        let file = 0..src.len();
        let Some(f) = self
            .scopes
            .enclosing(from)
            .find(|s| s.kind == scope::Kind::Function)
            .map(|s| s.node)
        else {
            return file;
        };
        let r = f.byte_range();
        let params = self.syntax.parameters(f).map(|p| p.byte_range());
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
}
