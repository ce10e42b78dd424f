//! Bodies that cross files: what this file's functions give callers in other files
//! ([`across::Exported`]), and how this file uses what it gets from theirs
//! ([`across::CallerUse`]).

use super::*;

impl<'t, 'c> Analysis<'t, 'c> {
    /// What the callers in other files do with function `fi`'s bodies: `None` when the file
    /// has none, or they are not known.
    pub(super) fn callers_elsewhere(&self, fi: usize) -> Option<across::Callers> {
        if !self.ctx.callers_elsewhere {
            return None;
        }
        self.ctx.across.callers_of(self.funcs[fi].name.as_deref()?)
    }

    /// Whether every caller of function `fi` elsewhere is followed: none is held, and it
    /// has callers (here, `called_here`, or elsewhere) or none at all, its name written
    /// nowhere in the file but where it is declared (a call the analysis did not see,
    /// `this.#request()`, is no absence of callers).
    pub(super) fn followed_elsewhere(&self, fi: usize, called_here: bool) -> bool {
        let Some(c) = self.callers_elsewhere(fi) else {
            return false;
        };
        !c.held && (c.calls > 0 || called_here || !self.named_in_file(fi))
    }

    /// Function `fi`'s name is written in the file more than once.
    fn named_in_file(&self, fi: usize) -> bool {
        let Some(name) = self.funcs[fi].name.as_deref() else {
            return true;
        };
        let name = name.trim_start_matches(['#', '$']);
        let word = |c: char| c.is_alphanumeric() || c == '_';
        let mut count = 0;
        for (at, _) in self.src.match_indices(name) {
            let before = self.src[..at].chars().next_back();
            let after = self.src[at + name.len()..].chars().next();
            if !before.is_some_and(word) && !after.is_some_and(word) {
                count += 1;
                if count > 1 {
                    return true;
                }
            }
        }
        false
    }

    /// The file's named functions returning a Flexy body, as callers elsewhere get it
    /// given the strategy each is migrated by (`decided`).
    pub(super) fn exported(&self, decided: &HashMap<usize, Strategy>) -> Vec<across::Exported> {
        let mut out: Vec<across::Exported> = Vec::new();
        for (fi, f) in self.funcs.iter().enumerate() {
            let Some(name) = &f.name else { continue };
            let Some(ret) = f.ret.filter(|r| r.kind == Kind::Body) else {
                continue;
            };
            if ret.origin == Origin::Foreign || self.is_callback(f.node) {
                continue;
            }
            let export = across::Exported {
                name: name.clone(),
                method: f.method,
                endpoint: self.endpoint(ret.origin),
                takes_path: matches!(ret.origin, Origin::Dynamic(_) | Origin::Param(_)),
                path_form: match ret.origin {
                    Origin::Dynamic(si) => self.ctx.path_form(si),
                    _ => None,
                },
                client: false,
                raises: Vec::new(),
                unwrapped: ret.unwrapped || decided.get(&fi) == Some(&Strategy::AtWrapper),
                objects: ret.objects,
            };
            // Two functions of one name (methods of two classes) that callers could not
            // tell apart: neither is followed, unless they give the same.
            match out.iter().position(|e| e.name == export.name) {
                Some(i) if out[i] != export => {
                    out.remove(i);
                }
                Some(_) => {}
                None => out.push(export),
            }
        }
        out
    }

    /// The client objects the file exports, configured with a v2 base whose paths their
    /// callers give: `export default axios.create({ baseURL })`, `const api = ...;
    /// module.exports = { api }`. `requests` are the calls configuring a client or making
    /// a request, with their origin.
    pub(super) fn exported_clients(
        &self,
        requests: &HashMap<usize, Origin>,
    ) -> Vec<across::Exported> {
        let facts = self.ctx.module_facts();
        let mut out: Vec<across::Exported> = Vec::new();
        for n in self.ctx.source.named_nodes() {
            let Some(Origin::Dynamic(si)) = requests.get(&n.id()).copied() else {
                continue;
            };
            // At the module's top level only.
            if self.ctx.scopes.enclosing(n).next().is_some() {
                continue;
            }
            let at = n.start_byte();
            let bound = n
                .up()
                .and_then(|p| self.syntax.binding(p, self.src))
                .filter(|(_, v)| v.id() == n.id())
                .and_then(|(t, _)| self.syntax.name_key(t, self.src));
            let export = facts.exports.iter().find(|e| {
                e.range.contains(&at) || (bound.is_some() && e.local.as_deref() == bound.as_deref())
            });
            let Some(export) = export else { continue };
            let name = export
                .name
                .clone()
                .unwrap_or_else(|| across::DEFAULT_EXPORT.to_string());
            let Some(path_form) = self.ctx.path_form(si) else {
                continue;
            };
            if out.iter().any(|e| e.name == name) {
                continue;
            }
            out.push(across::Exported {
                name,
                method: false,
                endpoint: None,
                takes_path: true,
                path_form: Some(path_form),
                unwrapped: false,
                objects: false,
                client: true,
                raises: Vec::new(),
            });
        }
        out
    }

    /// Per function of another file this file may call: how its bodies are used here.
    pub(super) fn caller_uses(&self, flow: &Flow<'t>) -> Vec<across::CallerUse> {
        let imported = &self.ctx.across.imported;
        if imported.is_empty() {
            return Vec::new();
        }
        let calls = self.imported_calls.borrow();
        let mut out: Vec<across::CallerUse> = imported
            .iter()
            .map(|imp| across::CallerUse {
                name: imp.export.name.clone(),
                ..across::CallerUse::default()
            })
            .collect();
        let mut origins: HashMap<Origin, usize> = HashMap::default();
        // Where each followed call names its callee: `getBalance(` of `getBalance(key)`.
        let mut callees: Vec<Range<usize>> = Vec::new();
        for (k, origin, callee) in calls.values() {
            out[*k].calls += 1;
            origins.insert(*origin, *k);
            callees.push(callee.clone());
        }
        for &k in self.unfollowed_calls.borrow().iter() {
            out[k].held = true;
        }
        for r in &flow.reads {
            if let Some(&k) = origins.get(&r.origin) {
                if matches!(
                    r.kind,
                    ReadKind::ErrorCheck | ReadKind::ErrorText | ReadKind::ErrorMessage
                ) {
                    out[k].reads_errors = true;
                }
            }
        }
        // `const { error, message } = err.response.data`: the v2 error destructured.
        for d in &flow.destructures {
            if let Some(&k) = origins.get(&d.origin) {
                if ["error", "message"].iter().any(|key| {
                    self.syntax
                        .pattern_local(d.pattern, key, self.src)
                        .is_some()
                }) {
                    out[k].reads_errors = true;
                }
            }
        }
        // A body of another file's function that escapes here (printed, passed on, stored)
        // holds that function: the file the body comes from cannot see the code it reaches.
        for e in &flow.escapes {
            if let Some(&k) = origins.get(&e.origin) {
                out[k].held = true;
            }
        }
        // A name used other than by a call followed here (passed as a callback, read as a
        // property, `api[name]`): its bodies go where they are not followed.
        let imports: Vec<Range<usize>> = {
            self.ctx
                .module_facts()
                .imports
                .iter()
                // The whole lines: `const { a } = require("m")` binds around the call.
                .map(|i| {
                    let start = self.src[..i.range.start].rfind('\n').map_or(0, |p| p + 1);
                    let end = self.src[i.range.end..]
                        .find('\n')
                        .map_or(self.src.len(), |p| i.range.end + p);
                    start..end
                })
                .collect()
        };
        // The fields of the bodies' reads (`account["balance"]` of a `balance()` call).
        let fields: Vec<Range<usize>> = flow
            .reads
            .iter()
            .map(|r| r.member.field.byte_range())
            .collect();
        // A method is named by a property (`api.getBalance` passed on) or a string
        // (`api["getBalance"]`); a local of the file of the same name (`const plans =
        // await flexy.plans()`) is another thing. An imported local is named by itself.
        let properties: HashSet<usize> = self.ctx.members().iter().map(|m| m.field.id()).collect();
        let strings: Vec<Range<usize>> = self.ctx.strings.iter().map(|e| e.root.clone()).collect();
        for n in self.ctx.source.named_nodes() {
            if n.child_count() != 0 || fields.iter().any(|f| f.contains(&n.start_byte())) {
                continue;
            }
            let t = text(n, self.src);
            let at = n.start_byte();
            let by_property =
                properties.contains(&n.id()) || strings.iter().any(|r| r.contains(&at));
            for (k, imp) in imported.iter().enumerate() {
                // A function called by its own name (PHP's) is named by itself too.
                let bare = imp.by_name && !imp.export.method;
                let named = imp.locals.iter().any(|l| l == t)
                    || ((imp.by_name || !imp.modules.is_empty())
                        && (by_property || bare)
                        && imp.export.name == t);
                if !named
                    || imports.iter().any(|r| r.contains(&at))
                    || callees.iter().any(|r| r.contains(&at))
                {
                    continue;
                }
                out[k].held = true;
            }
        }
        out
    }
}

/// A method name many objects have (`get`, `send`, `request`): a call of it is taken for a
/// Flexy function of another file only when it is given a Flexy path.
pub fn is_common_name(name: &str) -> bool {
    const COMMON: &[&str] = &[
        "all", "call", "create", "delete", "exec", "execute", "fetch", "find", "get", "handle",
        "head", "invoke", "list", "load", "patch", "post", "process", "put", "query", "read",
        "request", "run", "search", "send", "then", "update", "json",
    ];
    let bare = name.trim_start_matches('_').to_ascii_lowercase();
    COMMON.contains(&bare.as_str())
}
