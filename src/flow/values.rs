//! Collecting the file's values: functions, bindings and their scopes.

use super::*;

impl<'t, 'c> Analysis<'t, 'c> {
    pub(super) fn collect(&mut self) {
        for n in self.ctx.source.named_nodes() {
            if self.syntax.is_class(n) {
                if let Some(name) = self.syntax.class_name(n) {
                    self.classes.insert(text(name, self.src).to_string(), n);
                }
            }
            if self.syntax.is_function(n) {
                self.func_at.insert(n.id(), self.funcs.len());
                let class = self.class_scope(n);
                let method = self.syntax.is_method(n) || class != (0..self.src.len());
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
                let from = if self.syntax.is_augmented(n) {
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

    pub(super) fn collect_call(&mut self, call: &CallView<'t>) {
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

    pub(super) fn params(&mut self, f: Node<'t>, fi: usize) {
        let Some(ps) = self.syntax.parameters(f) else {
            return;
        };
        let mut stack = vec![ps];
        while let Some(n) = stack.pop() {
            if self.syntax.is_parameter_name(n) {
                if !self.targets.contains(&n.id()) {
                    self.bind_target(n, f.start_byte(), From::Param(fi));
                }
                continue;
            }
            let mut c = n.walk();
            // Default values are not parameters.
            let skip = self.syntax.default_value(n);
            stack.extend(n.named_children(&mut c).filter(|ch| Some(*ch) != skip));
        }
    }

    pub(super) fn bind_target(&mut self, target: Node<'t>, at: usize, from: From<'t>) {
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

    pub(super) fn push_bind(&mut self, target: Node<'t>, at: usize, from: From<'t>) {
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

    pub(super) fn function_scope(&self, n: Node) -> Range<usize> {
        self.ctx.scopes.around_node(n, scope::Kind::Function)
    }

    /// Moves each assignment of a name its own function does not bind (`raw += chunk` in a
    /// callback) to the scope of the innermost enclosing function that does (a declaration
    /// or a parameter), else to the file's.
    pub(super) fn scope_outer_assigns(&mut self) {
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
            let scope = self
                .ctx
                .scopes
                .enclosing(target)
                .filter(|s| s.kind == scope::Kind::Function)
                .map(|s| s.range.clone())
                .find(|r| scopes.is_some_and(|s| s.contains(&(r.start, r.end))))
                .unwrap_or(0..self.src.len());
            moved.push((i, scope));
        }
        for (i, scope) in moved {
            self.binds[i].scope = scope;
        }
    }

    pub(super) fn class_scope(&self, n: Node) -> Range<usize> {
        self.ctx.scopes.around_node(n, scope::Kind::Class)
    }

    pub(super) fn enclosing_function(&self, n: Node) -> Option<usize> {
        self.ctx
            .scopes
            .enclosing(n)
            .find(|s| s.kind == scope::Kind::Function)
            .and_then(|s| self.func_at.get(&s.node.id()).copied())
    }

    pub(super) fn is_callback(&self, f: Node) -> bool {
        let call = f.up().and_then(|a| a.up());
        call.is_some_and(|c| self.callback_calls.contains(&c.id()))
    }
}
