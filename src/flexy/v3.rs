//! v3 paths and bases: `/v3/...` paths on a Flexy host or base (a migrated call site, or a
//! path v3 does not have), the v3 bases of a file, and the version-less paths appended to
//! them, judged as the `/v3/...` path they make.

use super::*;
use bases::is_v3_group_base;

/// A v3 base bound to a name: what its version-less paths are appended to.
pub(super) struct V3Base {
    pub(super) name: String,
    /// The innermost class (or the file) it is defined in.
    pub(super) scope: Range<usize>,
    /// `/v3`, or `/v3/<group>` for a grouped base.
    pub(super) prefix: String,
    /// It ends in `/`: its paths are appended without one.
    pub(super) slash: bool,
}

/// The version a base's literal text after the host holds, when it is v3: `/v3`, `/v3/`,
/// `/v3/mobile`, `/v3/mobile/` (a group of endpoints, not an endpoint: `/v3/validate` is
/// one).
pub(super) fn v3_base_prefix(lit: &str) -> Option<String> {
    let rest = lit.strip_prefix(api::V3_PREFIX)?;
    let rest = rest.strip_prefix('/').unwrap_or(rest);
    let group = rest.strip_suffix('/').unwrap_or(rest);
    if group.is_empty() {
        return Some(api::V3_PREFIX.to_string());
    }
    let grouped = api::Group::ALL
        .iter()
        .any(|g| *g != api::Group::Validate && g.name() == group);
    grouped.then(|| format!("{}/{group}", api::V3_PREFIX))
}

impl<'s> Facts<'s> {
    /// `/v3/...` paths after a Flexy host, after a use of a Flexy base without a version, or
    /// at the start of a string the code around ties to Flexy.
    pub(super) fn match_v3_sites(
        &self,
        hosts: &[HostHit],
        bases: &[Base],
        uses: &[(usize, usize)],
    ) -> Vec<V3Site> {
        let mut out = Vec::new();
        for (ei, e) in self.strings.iter().enumerate() {
            let mut i = 0;
            while i < e.toks.len() {
                if !starts_with(&e.toks, i, "/v3/") || is_v3_group_base(&e.toks, i) {
                    i += 1;
                    continue;
                }
                let host = hosts.iter().find(|h| h.expr == ei && h.path_start == i);
                let on_base = || uses.iter().any(|&(x, b)| x == ei && !bases[b].versioned());
                let proven = match host {
                    Some(h) if !h.flexy => false,
                    Some(_) => true,
                    None if i == 1 && matches!(e.toks[0], Tok::Hole(_)) => on_base(),
                    None => false,
                };
                // Host-less, or after an expression that is no base of this file: tied by the
                // code around it.
                let tie = if proven {
                    Tie::Proven
                } else if host.is_none()
                    && (i == 0 || (i == 1 && matches!(e.toks[0], Tok::Hole(_))))
                {
                    self.tie(e.root.clone())
                } else {
                    Tie::Other
                };
                if !matches!(tie, Tie::Proven | Tie::Mixed) {
                    i += 1;
                    continue;
                }
                let path_match = api::v3::match_v3(&e.toks, i);
                let end = match &path_match {
                    api::v3::V3Path::Known { end, .. } | api::v3::V3Path::Unknown { end, .. } => {
                        *end
                    }
                    api::v3::V3Path::Dynamic => i + 3,
                };
                let shown = host.map_or(i, |h| h.url_start);
                out.push(V3Site {
                    expr: ei,
                    range: self.span(ei, shown..end),
                    path: self.span(ei, i..end),
                    path_match,
                    tie,
                    on_flexy_base: proven,
                });
                i = end.max(i + 1);
            }
        }
        out
    }

    /// The strings built on a v3 base of the file (`${BASE}/mobile/plans`, `BASE + path`):
    /// (string, base), a name written in a class resolving to that class's base first. A
    /// string that is a use of a v2 base of the same name is that base's.
    /// Where the names of the v3 bases are used (the bare name, not a string built on it):
    /// in the scope of the base of that name.
    pub(super) fn name_uses(&self, v3_bases: &[V3Base]) -> Vec<usize> {
        if v3_bases.is_empty() {
            return Vec::new();
        }
        let src = self.src();
        // A variable read (`BASE`, `this.base`), not a property or key of that name
        // (`defaults.prefixUrl`, `{ prefixUrl: ... }` of another client).
        self.source
            .named_nodes()
            .filter(|n| {
                n.named_child_count() == 0
                    || ["this.", "self.", "$this->"]
                        .iter()
                        .any(|p| crate::lang::text(*n, src).starts_with(p))
            })
            .filter_map(|n| {
                let key = self.syntax.name_key(n, src)?;
                let at = n.start_byte();
                v3_bases
                    .iter()
                    .any(|b| b.name == key && b.scope.contains(&at))
                    .then_some(at)
            })
            .collect()
    }

    pub(super) fn v3_base_uses(
        &self,
        v3_bases: &[V3Base],
        v2_uses: &[(usize, usize)],
    ) -> Vec<(usize, usize)> {
        if v3_bases.is_empty() {
            return Vec::new();
        }
        let mut out = Vec::new();
        for (ei, e) in self.strings.iter().enumerate() {
            if e.toks.first() != Some(&Tok::Hole(0)) || v2_uses.iter().any(|(x, _)| *x == ei) {
                continue;
            }
            let Some(name) = self.hole_name(e, 0) else {
                continue;
            };
            let at = e.spans[0].start;
            let best = v3_bases
                .iter()
                .enumerate()
                .filter(|(_, b)| b.name == name && b.scope.contains(&at))
                .min_by_key(|(_, b)| b.scope.len());
            if let Some((b, _)) = best {
                out.push((ei, b));
            }
        }
        out
    }

    /// The endpoint a version-less path appended to a v3 base names (`${BASE}/mobile/plans`,
    /// `/plans` on `.../v3/mobile`), judged as the whole `/v3/...` path it makes.
    pub(super) fn versionless_v3_site(&self, ei: usize, base: &V3Base) -> Option<V3Site> {
        let e = &self.strings[ei];
        let written = &e.toks[1..];
        match written.first() {
            Some(Tok::Ch('/')) if !base.slash => {}
            Some(Tok::Ch(c)) if base.slash && c.is_ascii_alphabetic() => {}
            _ => return None,
        }
        // A path that writes its own version is no version-less one.
        if starts_with(written, 0, "/v2/") || starts_with(written, 0, "/v3/") {
            return None;
        }
        // The whole path: the base's version, then what is written after the base (token
        // `w` of the string is token `w + shift - 1` here).
        let mut toks: Vec<Tok> = base.prefix.chars().map(Tok::Ch).collect();
        if base.slash {
            toks.push(Tok::Ch('/'));
        }
        let shift = toks.len();
        toks.extend(written.iter().cloned());
        let path_match = api::v3::match_v3(&toks, 0);
        let end = match &path_match {
            api::v3::V3Path::Known { end, .. } | api::v3::V3Path::Unknown { end, .. } => {
                (end + 1).saturating_sub(shift).max(2)
            }
            api::v3::V3Path::Dynamic => return None,
        };
        let end = end.min(e.toks.len());
        let range = self.span(ei, 1..end);
        Some(V3Site {
            expr: ei,
            range: range.clone(),
            path: range,
            path_match,
            tie: Tie::Proven,
            on_flexy_base: true,
        })
    }
}
