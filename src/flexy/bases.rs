//! Base URLs: bindings holding a Flexy host (and version), and the paths appended to them.

use super::*;

/// A Flexy base: a host, optionally with `/v2`, with no path after it.
#[derive(Clone, Debug)]
pub struct Base {
    pub expr: usize,
    pub host: Range<usize>,
    pub v2_host: bool,
    /// Token range of `/v2` or `/v2/` when the base is versioned (`/v2/internet` or
    /// `/v2/internet/` when it is grouped).
    pub version: Option<Range<usize>>,
    /// The endpoint group a grouped base ends in (`.../v2/internet`): its paths are the
    /// group's rows without `/v2/<group>`.
    pub group: Option<&'static str>,
    /// What replaces its version: `/v3`, or the v3 prefix a grouped base's paths share.
    pub v3_version: Option<String>,
    /// The name it is bound to, if any.
    pub name: Option<String>,
    /// The innermost class (or the file) it is defined in: a use resolves to the base of
    /// its own class first.
    pub(super) scope: Range<usize>,
    /// A base of another file of the run this file names (see [`across::SharedBase`]):
    /// the form its paths take. Its `expr` and token ranges are none of this file's.
    pub(super) given: Option<Form>,
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
    pub(super) fn match_path(&self, toks: &[Tok], at: usize, form: Form) -> Option<PathMatch> {
        match self.group {
            Some(g) => api::path::match_grouped(toks, at, g, form == Form::VersionlessNoSlash),
            None => match_endpoint(toks, at, form),
        }
    }

    /// How version-less paths are appended to it: with a leading `/`, or without one when
    /// the base ends in `/v2/`.
    pub(super) fn form(&self, strings: &[StrExpr]) -> Form {
        if let Some(form) = self.given {
            return form;
        }
        let e = &strings[self.expr];
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

impl<'s> Facts<'s> {
    /// How version-less paths are written after the versioned, ungrouped v2 base that
    /// string `si` is built on (or is): what callers of a function appending their path to
    /// it write.
    pub fn path_form(&self, si: usize) -> Option<Form> {
        let e = self.strings.get(si)?;
        let name = match e.toks.first() {
            Some(Tok::Hole(0)) => self.hole_name(e, 0),
            _ => None,
        };
        let site = self
            .bases
            .iter()
            .find(|b| b.base.expr == si || (name.is_some() && b.base.name == name))?;
        let b = &site.base;
        (b.versioned() && b.group.is_none()).then(|| b.form(&self.strings))
    }

    /// The v2 bases of this file that other files may append their paths to: versioned,
    /// ungrouped, bound to a name (a grouped base takes the v3 prefix its paths share,
    /// which paths written elsewhere would decide).
    pub fn shared_bases(&self) -> Vec<across::SharedBase> {
        let mut out: Vec<across::SharedBase> = Vec::new();
        for site in &self.bases {
            let b = &site.base;
            let Some(name) = &b.name else { continue };
            if !b.versioned() || b.group.is_some() || out.iter().any(|s| s.name == *name) {
                continue;
            }
            let returned = self
                .node_at(self.strings[b.expr].root.clone())
                .and_then(|n| self.syntax.returned_key_path(n, self.src()))
                .map(|keys| keys.join("."));
            out.push(across::SharedBase {
                name: name.clone(),
                form: b.form(&self.strings),
                returned,
            });
        }
        out
    }

    /// How many times the code uses `name`: tokens that are the name itself (an
    /// identifier, a property, a string holding only it: `getenv('KEY')`), not a comment or
    /// a longer string mentioning it.
    pub(super) fn mentions(&self, name: &str) -> usize {
        let src = self.src();
        let bare = |s: &str| s.trim_start_matches('$') == name;
        self.source
            .named_nodes()
            .filter(|n| n.named_child_count() == 0 && bare(crate::lang::text(*n, src)))
            .count()
    }

    /// The reads of `key`, and the names bound to them: a member (`process.env.KEY`,
    /// `os.environ["KEY"]`, `settings.KEY`) or a call given it first (`os.getenv("KEY")`, `getenv('KEY')`,
    /// `env('KEY', ...)`), through the defaults around it (`... || "..."`).
    pub(super) fn bound_reads(&self, key: &str) -> (Vec<Range<usize>>, Vec<String>) {
        let src = self.src();
        let mut reads: Vec<Node<'s>> = self
            .members
            .iter()
            .filter(|m| self.field_name(m).as_deref() == Some(key))
            .map(|m| m.read)
            .collect();
        for e in &self.strings {
            let literal = e.toks.len() == key.chars().count()
                && e.toks
                    .iter()
                    .zip(key.chars())
                    .all(|(t, c)| *t == Tok::Ch(c));
            if !literal {
                continue;
            }
            let Some(root) = self.node_at(e.root.clone()) else {
                continue;
            };
            let call = std::iter::successors(root.up(), |n| n.up())
                .take(3)
                .find(|n| {
                    self.syntax
                        .call_view(*n, src)
                        .is_some_and(|c| c.args.first().is_some_and(|a| a.byte_range() == e.root))
                });
            reads.extend(call);
        }
        let mut out: Vec<String> = Vec::new();
        let ranges = reads.iter().map(|n| n.byte_range()).collect();
        for n in reads {
            if let Some(name) = self.syntax.binding_name(n, src) {
                if name != key && !out.contains(&name) {
                    out.push(name);
                }
            }
        }
        (ranges, out)
    }

    pub(super) fn dependent(
        &self,
        ei: usize,
        toks: Range<usize>,
        m: Option<PathMatch>,
        base: usize,
        note: Option<Note>,
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

    pub(super) fn base_sites(
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
                    given: None,
                },
                applicability: v3_path.then_some(Applicability::Safe),
                note: (!v3_path).then_some(Note::NotAnEndpoint),
                range: self.span(h.expr, h.toks.clone()),
            });
        }
        // Per base: the index of its site among those reported.
        let mut index: Vec<Option<usize>> = vec![None; bases.len()];
        for (bi, b) in bases.into_iter().enumerate() {
            if let Some(form) = b.given {
                self.given_use(bi, form);
                continue;
            }
            if !b.v2_host && !b.versioned() {
                continue;
            }
            let range = self.span(
                b.expr,
                b.host.start..b.version.clone().map_or(b.host.end, |v| v.end),
            );
            let default_of_given = b
                .name
                .as_ref()
                .is_some_and(|n| self.given_names.contains(n));
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
                    (None, Some(Note::GroupPathsUnseen))
                } else if unresolved {
                    (None, Some(Note::BaseHasUnmatchedPath))
                } else if let Some(h) = self.handed_to_imported(&b) {
                    // Handed to code of another file (whether or not this file appends
                    // paths to it too): it moves when that code ties its paths to it.
                    if self.across.handed_followed {
                        (Some(Applicability::Safe), None)
                    } else {
                        self.handed.push(h);
                        (None, Some(Note::HandedToImported))
                    }
                } else if opaque && !standalone {
                    (Some(Applicability::Unsafe), Some(Note::PathsElsewhere))
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
                        s.note = Some(Note::BaseBlocked);
                    }
                    Some(Applicability::Unsafe) => {
                        s.applicability = s.applicability.map(|_| Applicability::Unsafe)
                    }
                    Some(Applicability::Safe) => {}
                }
            }
            // The default of a given base's read (`process.env.X || ".../v2"`): the given
            // base is followed here when this one moves, in the same form.
            if default_of_given {
                let dependents = self.endpoints.iter().filter(|s| s.base == Some(bi)).count();
                let same = b.versioned() && b.group.is_none();
                // One whose paths are appended elsewhere moves only when the run follows
                // them: in a file no other file imports, nobody does.
                let unseen = note == Some(Note::PathsElsewhere) && !self.callers_elsewhere;
                let used = self.given.get_or_insert_with(across::GivenUse::default);
                used.paths += dependents.max(1);
                used.held |= applicability.is_none() || !same || unseen;
            }
            index[bi] = Some(out.len());
            out.push(BaseSite {
                base: b,
                applicability,
                note,
                range,
            });
        }
        // A path's base, among the sites reported (none for another file's base).
        for s in &mut self.endpoints {
            s.base = s.base.and_then(|b| index[b]);
        }
        out
    }

    /// How this file uses another file's base `bi` (given to it), whose paths take `form`:
    /// held when a path appended to it matches no v2 endpoint, or a string of the file
    /// looks like a version-less path of the API and matches none (it may be appended to
    /// the base at run time): then its paths stay on v2 with it.
    fn given_use(&mut self, bi: usize, form: Form) {
        let dependents: Vec<usize> = (0..self.endpoints.len())
            .filter(|&k| self.endpoints[k].base == Some(bi))
            .collect();
        let unmatched = dependents
            .iter()
            .any(|&k| self.endpoints[k].matched.is_none());
        let stray = self.strings.iter().enumerate().any(|(ei, e)| {
            !self.v2_url[ei]
                && !self.foreign_url[ei]
                && !self.endpoints.iter().any(|s| s.expr == ei)
                && (api::looks_v2(&e.toks, 0, form) || api::looks_v2(&e.toks, 0, Form::Versionless))
        });
        let held = unmatched || stray;
        if held {
            for &k in &dependents {
                let s = &mut self.endpoints[k];
                s.applicability = None;
                if s.matched.is_some() {
                    s.note = Some(Note::BaseBlocked);
                }
            }
        }
        let used = self.given.get_or_insert_with(across::GivenUse::default);
        used.paths += dependents.len();
        used.held |= held;
    }
}

/// `/v3/<group>` (or with a `/` after it) ending the string or followed by an expression: a
/// grouped v3 base (`https://api.oneclickdz.com/v3/internet`), what a grouped v2 base
/// becomes, not a path.
pub(super) fn is_v3_group_base(t: &[Tok], at: usize) -> bool {
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
