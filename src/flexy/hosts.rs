//! The hosts a file names: Flexy's (v2, v3, configured) and every other API's.

use super::*;

/// A host written in a string expression.
#[derive(Clone, Debug)]
pub(super) struct HostHit {
    pub(super) expr: usize,
    /// Token index where the URL starts (its scheme, or `//`).
    pub(super) url_start: usize,
    /// Token range of the host name (no scheme, no port).
    pub(super) toks: Range<usize>,
    /// Token index after the host and its `:port`, where the path starts.
    pub(super) path_start: usize,
    pub(super) flexy: bool,
    pub(super) v2_host: bool,
}

impl<'s> Facts<'s> {
    /// Names bound to other hosts' URLs, with their class scope.
    pub(super) fn foreign_bases(
        &self,
        hosts: &[HostHit],
        roots: &[Node],
    ) -> Vec<(String, Range<usize>)> {
        hosts
            .iter()
            .filter(|h| !h.flexy)
            .filter_map(|h| {
                let name = self.syntax.binding_name(roots[h.expr], self.src())?;
                Some((name, self.class_scope(self.strings[h.expr].root.clone())))
            })
            .collect()
    }

    pub(super) fn find_hosts(&self) -> Vec<HostHit> {
        let mut out = Vec::new();
        for (ei, e) in self.strings.iter().enumerate() {
            let t = &e.toks;
            let ch = |k: usize| match t.get(k) {
                Some(Tok::Ch(c)) => Some(*c),
                _ => None,
            };
            let mut i = 0;
            while i < t.len() {
                // `scheme://host` or `//host` at the start, or a bare Flexy host name.
                let after_scheme = if ch(i) == Some(':')
                    && ch(i + 1) == Some('/')
                    && ch(i + 2) == Some('/')
                {
                    // Only network schemes name a host (`php://output` does not).
                    let scheme: String = t[..i]
                        .iter()
                        .rev()
                        .map_while(|t| match t {
                            Tok::Ch(c) if c.is_ascii_alphabetic() => Some(c.to_ascii_lowercase()),
                            _ => None,
                        })
                        .collect::<String>()
                        .chars()
                        .rev()
                        .collect();
                    matches!(scheme.as_str(), "http" | "https" | "ws" | "wss").then_some(i + 3)
                } else if i == 0 && ch(0) == Some('/') && ch(1) == Some('/') {
                    Some(2)
                } else {
                    None
                };
                let start = match after_scheme {
                    Some(s) => s,
                    None => {
                        let bare = [api::V2_HOST, api::V3_HOST].into_iter().find(|h| {
                            (i == 0 || !matches!(ch(i - 1), Some(c) if c.is_ascii_alphanumeric() || c == '.' || c == '-' || c == '/'))
                                && h.chars().enumerate().all(|(k, c)| ch(i + k) == Some(c))
                        });
                        match bare {
                            Some(_) => i,
                            None => {
                                i += 1;
                                continue;
                            }
                        }
                    }
                };
                let mut end = start;
                while matches!(ch(end), Some(c) if c.is_ascii_alphanumeric() || c == '.' || c == '-')
                {
                    end += 1;
                }
                if end > start {
                    let host: String = (start..end)
                        .filter_map(ch)
                        .collect::<String>()
                        .to_ascii_lowercase();
                    let flexy = api::is_flexy_host(&host, self.extra_hosts);
                    if flexy || !is_non_api_host(&host) {
                        let url_start = match after_scheme {
                            Some(s) if s >= 3 && ch(s - 3) == Some(':') => {
                                let mut k = s - 3;
                                while k > 0
                                    && matches!(ch(k - 1), Some(c) if c.is_ascii_alphabetic())
                                {
                                    k -= 1;
                                }
                                k
                            }
                            Some(s) => s - 2,
                            None => start,
                        };
                        let mut path_start = end;
                        if ch(path_start) == Some(':') {
                            path_start += 1;
                            while matches!(ch(path_start), Some('0'..='9')) {
                                path_start += 1;
                            }
                        }
                        out.push(HostHit {
                            expr: ei,
                            url_start,
                            path_start,
                            toks: start..end,
                            flexy,
                            v2_host: host == api::V2_HOST,
                        });
                    }
                }
                i = end.max(i + 1);
            }
        }
        out
    }
}

/// Hosts that appear in code without being an API it calls (XML namespaces, schemas).
pub(super) fn is_non_api_host(host: &str) -> bool {
    const HOSTS: &[&str] = &[
        "www.w3.org",
        "w3.org",
        "json-schema.org",
        "schemas.xmlsoap.org",
        "xmlns.com",
        "purl.org",
        "schema.org",
    ];
    HOSTS.contains(&host)
}
