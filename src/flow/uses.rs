//! Every use of a body, classified: reads, arrays, destructuring, returns, escapes.

use super::*;

impl<'t> Found<'t> {
    /// A body yielded by a generator: its consumers are not followed, so it holds its unit.
    pub(super) fn yield_of(&mut self, n: Node<'t>, v: Val) {
        self.yielded.insert(n.id());
        self.others.push((n, v, Route::Yielded));
    }

    pub(super) fn escapes(
        &self,
        a: &Analysis<'t, '_>,
        wrappers: &HashMap<usize, Strategy>,
    ) -> Vec<Escape> {
        let mut out = Vec::new();
        for (node, val, route) in &self.others {
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
                route: route.clone(),
                held: if self.to_local.contains(&node.id()) {
                    Some(Held::LocalCode)
                } else if self.yielded.contains(&node.id()) {
                    Some(Held::Generator)
                } else if self.key_tests.contains(&node.id()) {
                    Some(Held::KeyTest)
                } else {
                    None
                },
            });
        }
        for (f, stmt, _, val) in &self.returns {
            // Its callers in other files, once known, are followed unless one is held.
            let followed = wrappers.get(f).is_some_and(|s| *s == Strategy::AtWrapper)
                || a.is_callback(a.funcs[*f].node)
                || match a.callers_elsewhere(*f) {
                    Some(_) => a.followed_elsewhere(*f, self.called.contains(f)),
                    None => self.called.contains(f),
                };
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
            out.push(Escape {
                range: stmt.byte_range(),
                origin: val.origin,
                endpoint: a.endpoint(val.origin),
                route: Route::ReturnedOutside(a.funcs[*f].name.clone()),
                held: a.ctx.callers_elsewhere.then_some(Held::OtherFiles),
            });
        }
        out
    }
}

impl<'t, 'c> Analysis<'t, 'c> {
    /// Every place a body is used, classified.
    pub(super) fn classify(&self) -> Found<'t> {
        self.memo.replace(Memo::default());
        let mut given: Vec<(Node<'t>, Val, String)> = Vec::new();
        let mut found = Found {
            reads: Vec::new(),
            arrays: Vec::new(),
            destructures: Vec::new(),
            error_key_tests: Vec::new(),
            others: Vec::new(),
            to_local: HashSet::default(),
            yielded: HashSet::default(),
            key_tests: HashSet::default(),
            returns: Vec::new(),
            via: HashMap::default(),
            called: HashSet::default(),
            error_reads: HashSet::default(),
            flexy_calls: HashMap::default(),
            caught: HashMap::default(),
            flexy_helpers: HashSet::default(),
            requests: HashMap::default(),
            body_requests: HashSet::default(),
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
                if v.kind == Kind::Body {
                    found.body_requests.insert(n.id());
                }
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
                    Route::Passed(name),
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
        found.error_key_tests.retain(|(_, o)| keep(o));
        found.others.retain(|(_, v, _)| keep(&v.origin));
        found.returns.retain(|(_, _, _, v)| keep(&v.origin));
        found.requests.retain(|_, o| keep(o));
        found
    }

    pub(super) fn candidate(&self, n: Node) -> bool {
        self.syntax.call_view(n, self.src).is_some()
            || self.syntax.name_key(n, self.src).is_some()
            || self.syntax.look_through(n).is_some()
            || self.ctx.member_at(n).is_some()
    }

    pub(super) fn classify_use(&self, n: Node<'t>, v: Val, found: &mut Found<'t>) {
        let endpoint = self.endpoint(v.origin);
        // A field read of the body.
        if let Some(m) = self.member_of_object(n) {
            let name = self.ctx.field_name(&m).unwrap_or_default();
            if m.kind == FieldKind::Dot && self.ctx.source.lang == crate::lang::Lang::Python {
                // Python dict methods: the body used whole.
                if !matches!(name.as_str(), "get") {
                    found.others.push((n, v, Route::UsedWhole(Some(name))));
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
            if !v.unwrapped {
                found.error_key_tests.push((n, v.origin));
            }
        }
        // `"topups" in body`: a payload key, which v3 has under `data` (the root keys of a
        // v3 response and `error`, in both, keep their meaning).
        if let Some(key) = self.syntax.membership_key(n, self.src) {
            if !matches!(
                key.as_str(),
                "error" | "success" | "data" | "meta" | "requestId"
            ) {
                found.key_tests.insert(n.id());
                found.others.push((n, v, Route::KeyTested(key)));
                return;
            }
        }
        let products = endpoint.is_some_and(|e| e.shape == Shape::Products);
        match self.syntax.use_site(n, self.src) {
            // `is_array($cards)`: in v2 it told the products from an error; in v3 both are
            // objects, so the test moves to the products too.
            UseSite::Test if products && self.syntax.is_type_test(n, self.src) => {
                found.arrays.push(ArrayUse {
                    body: n,
                    origin: v.origin,
                    objects: v.objects,
                    unwrapped: v.unwrapped,
                })
            }
            UseSite::Test | UseSite::Discarded => {}
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
                None => found.others.push((n, v, Route::Returned)),
            },
            UseSite::Bound(t) => {
                let stored = self
                    .syntax
                    .name_key(t, self.src)
                    .is_none_or(|k| is_member_key(&k));
                if stored {
                    found
                        .others
                        .push((n, v, Route::Stored(text(t, self.src).to_string())));
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
                        Route::Passed(name)
                    }
                    None => Route::UsedWhole(None),
                };
                found.others.push((n, v, why));
            }
        }
    }

    /// The holder `n` is an entry of, when a function returns it: (function, return
    /// statement, holder, its value).
    pub(super) fn returned_holder(&self, n: Node<'t>) -> Option<(usize, Node<'t>, Node<'t>, Val)> {
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
    pub(super) fn classify_holder_use(&self, n: Node<'t>, v: Val, found: &mut Found<'t>) {
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
            UseSite::Bound(_) | UseSite::Destructure(_) | UseSite::Discarded => {}
            UseSite::Return => match self.enclosing_function(n) {
                Some(f) => found.returns.push((f, n.up().unwrap_or(n), n, v)),
                None => found.others.push((n, body, Route::Returned)),
            },
            UseSite::Yield => found.yield_of(n, body),
            _ if self.all_elements.contains(&n.id()) => {}
            // Passed whole: the body goes along (an axios-shaped `{ status, data }` is read
            // as a response is, and a response passed on is not followed either).
            _ if v.field != Some(entry_id("data")) => {
                if let Some(name) = self.call_around(n) {
                    found.others.push((n, body, Route::PassedInHolder(name)));
                }
            }
            _ => {}
        }
    }

    pub(super) fn call_around(&self, n: Node) -> Option<String> {
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
    pub(super) fn member_of_object(&self, n: Node) -> Option<Member<'t>> {
        let ids = self.members_by_object.get(&n.id())?;
        let members = self.ctx.members();
        ids.iter()
            .map(|i| members[*i])
            .max_by_key(|m| (m.kind == FieldKind::Get, m.read.end_byte()))
    }

    pub(super) fn read_kind(
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
                // Through what does not change it: `result.error!.code`, `(r.error).code`.
                let mut read = m.read;
                while let Some(p) = read
                    .up()
                    .filter(|p| self.syntax.look_through(*p) == Some(read))
                {
                    read = p;
                }
                let inner = self
                    .member_of_object(read)
                    .and_then(|o| self.ctx.field_name(&o));
                if matches!(inner.as_deref(), Some("code" | "message" | "details")) {
                    ReadKind::ErrorV3
                } else if self.v3 {
                    // A v3 error object is handed on whole (`new ApiError(result.error)`):
                    // only its text in a string (`${result.error}`) is v2's.
                    match self.syntax.text_use(read, self.src) {
                        Some(crate::lang::TextUse::Shown) => ReadKind::ErrorText,
                        _ => ReadKind::ErrorCheck,
                    }
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
                    // The v3 payload's own list.
                    Some(Shape::Products) if v.unwrapped && name == "products" => ReadKind::Plain,
                    Some(Shape::Products) => ReadKind::ProductsField,
                    _ => ReadKind::Plain,
                }
            }
        }
    }

    /// `r.error` tested (`if (r.error)`) or compared (`r.error === "X"`, `switch`, `in`).
    pub(super) fn compared_or_tested(&self, read: Node) -> bool {
        let mut n = read;
        while let Some(p) = n.up() {
            if self.syntax.look_through(p) == Some(n) && self.syntax.is_parenthesized(p) {
                n = p;
                continue;
            }
            break;
        }
        if matches!(self.syntax.use_site(n, self.src), UseSite::Test) {
            return true;
        }
        if self.syntax.is_argument(n) {
            return self.call_around(n).is_some_and(|c| {
                matches!(c.as_str(), "in_array" | "includes" | "array_key_exists")
            });
        }
        self.syntax.is_compared(n, self.src)
    }
}
