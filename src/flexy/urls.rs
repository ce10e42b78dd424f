//! Endpoint sites: v2 and v3 paths matched against the endpoint table, with their verdict.

use super::v3::{v3_base_prefix, V3Base};
use super::*;

impl<'s> Facts<'s> {
    pub(super) fn hole_name(&self, e: &StrExpr, hole: usize) -> Option<String> {
        let r = e.holes[hole].expr.clone()?;
        let n = self.node_at(r.clone())?;
        self.syntax.tail_name(n, self.src()).or_else(|| {
            let p = n.up().filter(|p| p.byte_range() == r)?;
            self.syntax.tail_name(p, self.src())
        })
    }

    pub(super) fn analyze_urls(&mut self, roots: &[Node<'s>]) {
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
        // And v3 bases bound to a name: `https://api.oneclickdz.com/v3`, `.../v3/mobile`.
        let mut v3_bases: Vec<V3Base> = Vec::new();
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
            if let Some(prefix) = v3_base_prefix(&lit) {
                if followed_by_hole_or_end && rest.len() == lit.chars().count() {
                    if let Some(name) = self.syntax.binding_name(roots[h.expr], self.src()) {
                        v3_bases.push(V3Base {
                            name,
                            scope: self.class_scope(self.strings[h.expr].root.clone()),
                            slash: lit.ends_with('/'),
                            prefix,
                        });
                    }
                }
                continue;
            }
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
                given: None,
            });
        }
        // The bases of other files this file names: its paths are appended to them, by
        // their name or by a name bound to a read of it (`const BASE =
        // process.env.FLEXY_URL`, `BASE = os.getenv("FLEXY_URL")`).
        let mut given = self.across.given.clone();
        given.extend(self.handed_bases());
        let mut given_reads: Vec<(Range<usize>, String)> = Vec::new();
        for g in &given {
            let (reads, names) = self.bound_reads(&g.name);
            // A read of a v2 base another file gives is Flexy evidence where it is
            // (`fetch(this.baseUrl + path, ...)`), as a use of a base of the file is.
            self.flexy_at.extend(reads.iter().map(|r| r.start));
            given_reads.extend(reads.into_iter().map(|r| (r, g.name.clone())));
            let used = self.mentions(&g.name);
            self.given
                .get_or_insert_with(across::GivenUse::default)
                .reads += used;
            for name in std::iter::once(g.name.clone()).chain(names) {
                self.given_names.push(name.clone());
                // A base of this file by that name (`const BASE = process.env.X || "..."`):
                // its paths are tied to it, and it moves with the given one.
                if bases.iter().any(|b| b.name.as_ref() == Some(&name)) {
                    continue;
                }
                bases.push(Base {
                    expr: usize::MAX,
                    host: 0..0,
                    v2_host: false,
                    version: Some(0..0),
                    group: None,
                    v3_version: None,
                    name: Some(name),
                    scope: 0..self.src().len(),
                    given: Some(g.form),
                });
            }
        }
        // Uses of named bases are Flexy evidence too; a name written in a class resolves to
        // that class's base, then to a base outside any class. Another host's base of the
        // same name shadows a Flexy one.
        let foreign: Vec<(String, Range<usize>)> = self.foreign_bases(&hosts, roots);
        let mut uses: Vec<(usize, usize)> = Vec::new(); // (expr, base)
        let mut foreign_uses: Vec<usize> = Vec::new(); // exprs built on another host's base
        for (ei, e) in self.strings.iter().enumerate() {
            if let Some(Tok::Hole(0)) = e.toks.first() {
                // A read of a given key written in place (`getenv('FLEXY_URL') . '/x'`) is
                // that key's base.
                let read = e.holes[0].expr.as_ref().and_then(|r| {
                    given_reads
                        .iter()
                        .find(|(range, _)| range == r)
                        .map(|(_, key)| key.clone())
                });
                let Some(name) = read.or_else(|| self.hole_name(e, 0)) else {
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
        let given = self.imported_paths();
        self.endpoints.extend(given);
        self.v3_sites = self.match_v3_sites(&hosts, &bases, &uses);
        self.v3_url = vec![false; self.strings.len()];
        // A bare v3 base (`const BASE = ".../v3"`) is no request URL: handed to a client of
        // another file (`new FlexyClient({ baseUrl: BASE })`), what comes back is not known.
        for h in hosts.iter().filter(|h| h.flexy && !h.v2_host) {
            let t = &self.strings[h.expr].toks;
            let rest = &t[h.path_start..];
            let bare = rest.iter().all(|t| matches!(t, Tok::Ch(_))) && {
                let lit: String = rest
                    .iter()
                    .map(|t| match t {
                        Tok::Ch(c) => *c,
                        Tok::Hole(_) => ' ',
                    })
                    .collect();
                v3_base_prefix(&lit).is_some()
            };
            // The v3 host alone (`HOST = "https://api.oneclickdz.com"`) is a v3 URL with its
            // path given at run time (`HOST + path`), as the v2 host alone is a v2 one.
            if !bare
                && (starts_with(t, h.path_start, api::V3_PREFIX)
                    || rest.is_empty()
                    || matches!(rest.first(), Some(Tok::Hole(_))))
            {
                self.v3_url[h.expr] = true;
            }
        }
        // A URL built on a base that is the v3 host alone, with its path given at run time
        // (`${this.baseUrl}${endpoint}` of `baseUrl = "https://api.oneclickdz.com"`), is a v3
        // URL, as the host written before a hole is: its callers' paths say where it goes.
        for &(ei, bi) in &uses {
            let b = &bases[bi];
            let bare = b.given.is_none()
                && !b.v2_host
                && !b.versioned()
                && self.strings[b.expr]
                    .toks
                    .get(b.host.end..)
                    .is_some_and(|rest| rest.iter().all(|t| matches!(t, Tok::Ch('/'))));
            if bare && matches!(self.strings[ei].toks.get(1), Some(Tok::Hole(_))) {
                self.v3_url[ei] = true;
            }
        }
        let on_v3: Vec<(usize, usize)> = self.v3_base_uses(&v3_bases, &uses);
        // A v3 base named where a client is configured (`axios.create({ baseURL: BASE,
        // headers })`) is Flexy evidence there, as a v2 base's use is.
        let at = self.name_uses(&v3_bases);
        self.flexy_at.extend(at);
        for &(ei, b) in &on_v3 {
            self.v3_url[ei] = true;
            self.flexy_at.push(self.strings[ei].spans[0].start);
            if let Some(site) = self.versionless_v3_site(ei, &v3_bases[b]) {
                self.v3_sites.push(site);
            }
        }
        for s in &self.v3_sites {
            self.v3_url[s.expr] = false;
        }
        self.bases = self.base_sites(&hosts, bases, &uses);
    }

    pub(super) fn match_endpoints(
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
            let form = b.form(&self.strings);
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
                let note = m.is_none().then_some(Note::UnmatchedOnBase);
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
                let form = b.form(&self.strings);
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
                        let note = Some(match b.given {
                            Some(_) => Note::OnGivenBase,
                            None => Note::OnBase,
                        });
                        out.push(self.dependent(ei, 0..end, Some(m), bi, note));
                    }
                }
            }
        }
        out
    }

    /// Version-less paths given to a function of another file of the run that appends its
    /// path to a v2 base (`flexy_get('/account/balance')`, `api.request("/topup/list")`):
    /// the first argument of a call of it, matched in that base's form.
    fn imported_paths(&self) -> Vec<EndpointSite> {
        let takers: Vec<(&across::Imported, Form)> = self
            .across
            .imported
            .iter()
            .filter(|i| i.export.takes_path)
            .filter_map(|i| Some((i, i.export.path_form?)))
            .collect();
        if takers.is_empty() {
            return Vec::new();
        }
        let mut out = Vec::new();
        for (ei, e) in self.strings.iter().enumerate() {
            if self.endpoints.iter().any(|s| s.expr == ei)
                || self.v2_url[ei]
                || self.foreign_url[ei]
            {
                continue;
            }
            let Some(root) = self.node_at(e.root.clone()) else {
                continue;
            };
            // The call it is the first argument of.
            let call = std::iter::successors(root.up(), |n| n.up())
                .take(3)
                .find_map(|n| self.syntax.call_view(n, self.src()))
                .filter(|c| c.args.first().is_some_and(|a| a.byte_range() == e.root));
            let Some(call) = call else { continue };
            let receiver = call.receiver.map(|r| crate::lang::text(r, self.src()));
            let Some((_, form)) = takers
                .iter()
                .find(|(i, _)| i.is_called_by(&call.name, receiver))
            else {
                continue;
            };
            let m = match form {
                Form::VersionlessNoSlash => match_endpoint(&e.toks, 0, *form)
                    .or_else(|| match_endpoint(&e.toks, 0, Form::Versionless)),
                _ => match_endpoint(&e.toks, 0, *form),
            };
            // A path matching no v2 row is left to the call's own analysis (it holds the
            // function, being a call not followed): a v3 path looks like a v2 one here.
            if m.is_none() {
                continue;
            }
            let end = m
                .as_ref()
                .map_or_else(|| v2_path_end(&e.toks, 0), |m| m.end);
            let applicability = m.as_ref().map(|m| {
                if m.is_changelog() || m.ambiguous_param {
                    Applicability::Unsafe
                } else {
                    Applicability::Safe
                }
            });
            out.push(EndpointSite {
                expr: ei,
                host: None,
                toks: 0..end,
                range: self.span(ei, 0..end),
                matched: m,
                applicability,
                note: Some(Note::GivenToImported),
                base: None,
                external_base: true,
            });
        }
        out
    }
}

/// Whether a `/v2/...` path is a site, and how safe its fix is: `m` is its row (none when
/// no row matches), `tie` what ties the code around it to Flexy, `built` that its endpoint
/// is chosen at run time (`/v2/${group}/list`). None: not a Flexy site.
pub(super) fn site_verdict(
    m: Option<&PathMatch>,
    tie: Tie,
    built: bool,
) -> Option<(Option<Applicability>, Option<Note>)> {
    let tied = matches!(tie, Tie::Proven | Tie::Mixed);
    let Some(m) = m else {
        return match (tied, built) {
            (false, _) => None,
            (true, true) => Some((None, Some(Note::ChosenAtRunTime))),
            (true, false) => Some((None, Some(Note::NoV3Endpoint))),
        };
    };
    let verdict = if m.is_changelog() {
        if !tied {
            return None;
        }
        (Some(Applicability::Unsafe), Some(Note::Disputed))
    } else if tie == Tie::Proven || m.endpoint.distinctive {
        (Some(Applicability::Safe), None)
    } else if tie == Tie::Mixed {
        (Some(Applicability::Unsafe), Some(Note::OtherHosts))
    } else {
        return None;
    };
    if m.ambiguous_param {
        return Some((Some(Applicability::Unsafe), Some(Note::QueryValueFollowed)));
    }
    Some(verdict)
}

pub(super) fn starts_with(t: &[Tok], at: usize, s: &str) -> bool {
    s.chars()
        .enumerate()
        .all(|(k, c)| t.get(at + k) == Some(&Tok::Ch(c)))
}

/// The end of a `/v2/...` path that matched no row: up to a `?`, `#` or the end.
pub(super) fn v2_path_end(t: &[Tok], at: usize) -> usize {
    let mut k = at;
    while !matches!(t.get(k), None | Some(Tok::Ch('?' | '#' | '"' | '\'' | ' '))) {
        k += 1;
    }
    k
}
