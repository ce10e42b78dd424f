//! The value solver: evaluates bindings and returns until nothing changes.

use super::*;

impl<'t, 'c> Analysis<'t, 'c> {
    /// Evaluates the bindings and the functions' returns until nothing changes.
    pub(super) fn solve(&mut self) {
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
    pub(super) fn returned(&self, v: Node<'t>) -> Option<Val> {
        std::iter::once(v)
            .chain(self.syntax.promise_resolved(v, self.src))
            .filter_map(|x| self.eval(x, 0).or_else(|| self.holder(x)))
            .max_by_key(|v| (v.origin != Origin::Foreign, v.kind))
    }

    /// `{ status: res.statusCode, body: JSON.parse(raw) }`, `(status, body)`: a holder, when
    /// one entry is a body of a request that is not another API's.
    pub(super) fn holder(&self, n: Node<'t>) -> Option<Val> {
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

    pub(super) fn eval_from(&self, from: From<'t>) -> Option<Val> {
        match from {
            From::Expr(v) => self.eval(v, 0),
            From::DataField(v) => self.eval(v, 0).and_then(|v| {
                // `const { data } = body` of a v3 body: its payload.
                if self.v3 && v.kind == Kind::Body && !v.unwrapped && v.origin != Origin::Foreign {
                    return Some(Val {
                        unwrapped: true,
                        ..v
                    });
                }
                (v.kind == Kind::Raw
                    || (v.kind == Kind::Holder && v.field == Some(entry_id("data"))))
                .then_some(Val {
                    kind: Kind::Body,
                    field: None,
                    ..v
                })
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
    pub(super) fn any_request_in(&self, body: Node<'t>) -> Option<Val> {
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
    pub(super) fn eval(&self, n: Node<'t>, depth: usize) -> Option<Val> {
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

    pub(super) fn eval_uncached(&self, n: Node<'t>, depth: usize) -> Option<Val> {
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
        if self.syntax.is_binary(n) {
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
            // `body.data`, `$body['data']` of a v3 body: its payload.
            if self.v3
                && o.kind == Kind::Body
                && !o.unwrapped
                && o.origin != Origin::Foreign
                && self.ctx.field_name(&m).as_deref() == Some("data")
            {
                return Some(Val {
                    unwrapped: true,
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

    pub(super) fn url(&self, si: usize) -> Option<Val> {
        if self.v3 {
            return self.v3_url(si);
        }
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

    /// [`Analysis::url`] of a v3 flow: a v3 endpoint site, or a v3 URL with its path built
    /// at run time.
    fn v3_url(&self, si: usize) -> Option<Val> {
        let site = self.ctx.v3_sites.iter().position(|s| {
            s.expr == si && matches!(s.path_match, crate::api::v3::V3Path::Known { .. })
        });
        let origin = match site {
            Some(k) => Origin::Site(k),
            None if self.ctx.v3_url[si] => Origin::Dynamic(si),
            None if self.ctx.foreign_url[si] => Origin::Foreign,
            // A v2 URL is not followed here (the v2 flow follows it), and proves nothing
            // foreign: a v2 body read both ways beside a v3 request is the v2 flow's finding.
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

    pub(super) fn lookup(&self, key: &str, n: Node) -> Option<Val> {
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
        let scopes = &self.ctx.scopes;
        let own = self
            .func_at
            .contains_key(&n.id())
            .then(|| scopes.of(n))
            .flatten();
        let file = scopes.file();
        let in_scope = own
            .into_iter()
            .chain(scopes.enclosing(n))
            .filter(|s| s.kind == scope::Kind::Function)
            .map(|s| &s.range)
            .chain(std::iter::once(&file))
            .find_map(|r| {
                self.by_scope
                    .get(&(r.start, r.end))
                    .and_then(|m| m.get(key))
            })?;
        let before = in_scope
            .iter()
            .filter(|i| self.binds[**i].at <= p)
            .max_by_key(|i| self.binds[**i].at);
        let chosen = before.or_else(|| in_scope.iter().min_by_key(|i| self.binds[**i].at))?;
        self.vals[*chosen]
    }

    pub(super) fn eval_call(&self, call: &CallView<'t>, depth: usize) -> Option<Val> {
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
        // A Flexy function of another file, on an object that is not a request (a client
        // built from a parameter, `new FlexyAPI(key)`, is no more than one).
        if receiver.is_none_or(|r| matches!(r.origin, Origin::Param(_))) {
            if let Some(v) = self.imported_call(call, depth) {
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
        // A call of code of another file of the run that a base is handed to (`new
        // FlexyClient({ baseUrl })`): that code makes the requests, followed there.
        if self.ctx.across.handed_followed && self.ctx.across.project_names.contains(&call.name) {
            return None;
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
    pub(super) fn find_in(&self, n: Node<'t>, depth: usize) -> Option<Val> {
        if depth > MAX_EVAL_DEPTH {
            return None;
        }
        if let Some(v) = self.eval(n, depth + 1) {
            return Some(v);
        }
        if !self.syntax.is_collection(n) {
            return None;
        }
        let mut c = n.walk();
        let children: Vec<Node<'t>> = n.named_children(&mut c).collect();
        children
            .into_iter()
            .filter_map(|ch| self.find_in(ch, depth + 1))
            .max_by_key(|v| (v.origin != Origin::Foreign, v.kind))
    }

    pub(super) fn call_of_function(&self, call: &CallView<'t>, depth: usize) -> Option<Val> {
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
            Origin::Site(_) | Origin::Imported(_) | Origin::Foreign | Origin::V3(_) => {}
        }
        Some(v)
    }

    /// A call of a function of another file of the run that returns a Flexy body
    /// (`Facts::across`): by a name this file imports it as, on the module it imports
    /// (`flexy.getBalance()`), or, for a method or a PHP function, by its own name. A
    /// function of this file of that name is the one called. A name many APIs share
    /// (`get`, `request`) is taken only when the call is given a Flexy path.
    pub(super) fn imported_call(&self, call: &CallView<'t>, depth: usize) -> Option<Val> {
        let imported = &self.ctx.across.imported;
        // Other files' functions give v2 bodies, which a v3 flow does not follow.
        if self.v3 || imported.is_empty() || call.name.is_empty() {
            return None;
        }
        let own = call
            .receiver
            .is_none_or(|r| is_own_object(text(r, self.src)));
        if own && self.funcs_by_name.contains_key(&call.name) {
            return None;
        }
        let receiver = call.receiver.map(|r| text(r, self.src));
        let (k, imp) = imported
            .iter()
            .enumerate()
            .find(|(_, imp)| imp.is_called_by(&call.name, receiver))?;
        let e = &imp.export;
        let mut v = Val {
            // A client's request gives the raw response (`res.data` is the body).
            kind: if e.client { Kind::Raw } else { Kind::Body },
            origin: Origin::Imported(k),
            via: None,
            wrapper: None,
            objects: e.objects,
            unwrapped: e.unwrapped,
            field: None,
        };
        if e.takes_path {
            // The endpoint is the path the caller gives. A path the analysis cannot tie to
            // an endpoint (version-less, relative to the other file's base) leaves a call it
            // does not follow: the function's callers are not all known.
            let given = call
                .args
                .iter()
                .filter_map(|a| self.eval(*a, depth + 1))
                .filter(|u| u.kind == Kind::Url && u.origin != Origin::Foreign)
                .min_by_key(|u| origin_rank(u.origin));
            let Some(given) = given else {
                if !imp.by_name || !is_common_name(&call.name) {
                    self.unfollowed_calls.borrow_mut().insert(k);
                }
                return None;
            };
            v.origin = given.origin;
        } else if imp.by_name && receiver.is_some() && is_common_name(&call.name) {
            return None;
        }
        let callee_end = call
            .args
            .first()
            .map_or(call.node.end_byte(), |a| a.start_byte());
        self.imported_calls.borrow_mut().insert(
            call.node.id(),
            (k, v.origin, call.node.start_byte()..callee_end),
        );
        Some(v)
    }

    pub(super) fn endpoint(&self, o: Origin) -> Option<&'static Endpoint> {
        match o {
            Origin::Site(k) if self.v3 => match self.ctx.v3_sites[k].path_match {
                crate::api::v3::V3Path::Known { endpoint, .. } => Some(endpoint),
                _ => None,
            },
            Origin::Site(k) => self.ctx.endpoints[k].matched.as_ref().map(|m| m.endpoint),
            Origin::Imported(k) => self.ctx.across.imported[k].export.endpoint,
            Origin::Dynamic(_) | Origin::Param(_) | Origin::Foreign | Origin::V3(_) => None,
        }
    }
}
