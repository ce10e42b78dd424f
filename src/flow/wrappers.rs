//! Wrappers: one decision per function returning a body its caller asked for.

use super::*;

impl<'t, 'c> Analysis<'t, 'c> {
    /// Functions returning a v2 response of one endpoint, with no caller in the file: their
    /// callers' reads cannot be followed, so they are migrated at the function.
    pub(super) fn unknown_callers(&self, found: &Found<'t>) -> Vec<(usize, Wrapper<'t>)> {
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
    pub(super) fn decide_wrappers(&self, found: &Found<'t>) -> Vec<(usize, Wrapper<'t>)> {
        self.funcs
            .iter()
            .enumerate()
            .filter(|(fi, f)| {
                f.ret.is_some_and(|r| match r.origin {
                    Origin::Dynamic(_) => true,
                    Origin::Param(g) => g == *fi && found.flexy_helpers.contains(fi),
                    Origin::Site(_) | Origin::Imported(_) | Origin::Foreign | Origin::V3(_) => {
                        false
                    }
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
    pub(super) fn own_error_class(
        &self,
        fi: usize,
        found: &Found<'t>,
    ) -> Result<Option<String>, ()> {
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
    pub(super) fn wrapper(
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
                followed_elsewhere: self.followed_elsewhere(fi, callers > 0),
                objects: ret.objects,
                origin: ret.origin,
            },
        ))
    }

    /// Per origin: the applicability of its reads' fixes.
    pub(super) fn applicability(
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
        origins.extend(flow.error_fields.iter().map(|(_, o)| *o));
        let bases = self
            .ctx
            .bases
            .iter()
            .map(|b| self.ctx.base_applicability(b))
            .min_by_key(|a| a.map_or(0, |a| a as usize + 1))
            .unwrap_or(Some(Applicability::Safe));
        let own = |o: Origin| -> Option<Applicability> {
            let a = match o {
                Origin::Site(k) => self.ctx.endpoints[k].applicability,
                // Its URL is another file's, whose unit this one joins.
                Origin::Imported(_) => Some(Applicability::Safe),
                Origin::Dynamic(_) | Origin::Param(_) | Origin::Foreign | Origin::V3(_) => bases,
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
            let followed = fi.is_some_and(|f| self.followed_elsewhere(f, w.callers > 0));
            if w.callers == 0 && w.strategy == Strategy::AtWrapper && !followed {
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
