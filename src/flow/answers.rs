//! What the rules ask of a file's data flow once it is built: whether a read is a body's,
//! the origin of a read or a request, a site's applicability, whether a site is sent.

use super::*;

impl<'t> Flow<'t> {
    /// Is this member read a read of a tracked body (so the rules of the data flow own it)?
    pub fn is_body_read(&self, read: Node) -> bool {
        self.read_nodes.contains_key(&read.id())
    }

    /// The call site a body read belongs to.
    pub fn read_origin(&self, read: Node) -> Option<Origin> {
        self.read_nodes.get(&read.id()).copied()
    }

    /// Are the call site's bodies read both the v2 and the v3 way (`list.currentPage` beside
    /// `list.data.pagination`)? Then its v2 reads have no fix, and hold its unit.
    pub fn read_both_ways(&self, origin: Origin) -> bool {
        self.mixed.contains(&origin)
    }

    /// The applicability of the fixes of a call site's reads: its URL's, made unsafe when
    /// one of its bodies escapes; None when its URL has no fix.
    pub fn applicability(&self, origin: Origin) -> Option<Applicability> {
        self.applicability.get(&origin).copied().flatten()
    }

    /// The Flexy request a call makes, or the Flexy client it configures
    /// (`axios.create({baseURL})`, `new Client(['base_uri' => ...])`, a curl handle's
    /// `curl_setopt`): its call site.
    pub fn request_origin(&self, call: Node) -> Option<Origin> {
        self.requests.get(&call.id()).copied()
    }

    /// The function whose parameter is the URL of this request (`def get(url):
    /// requests.get(url, ...)`): its callers say where it goes.
    pub fn param_request(&self, call: Node) -> Option<Node<'t>> {
        self.param_requests.get(&call.id()).copied()
    }

    /// Is this expression a request, response or body of a URL proven non-Flexy?
    pub fn is_foreign(&self, n: Node) -> bool {
        self.foreign.contains(&n.id())
    }

    /// The call sites whose v2 error a property holds (`code` in `err.code = data.error`).
    pub fn error_copies<'a>(&'a self, field: &'a str) -> impl Iterator<Item = Origin> + 'a {
        self.error_fields
            .iter()
            .filter(move |(f, _)| f == field)
            .map(|(_, o)| *o)
    }

    /// Are a v2 endpoint site's fixes unsafe because of its response (an escape, a wrapper
    /// with callers elsewhere)?
    pub fn site_unsafe(&self, site: usize) -> bool {
        self.applicability.get(&Origin::Site(site)) == Some(&Some(Applicability::Unsafe))
    }

    /// Whether a request of the file (or a call of one of its wrappers) is seen sending
    /// the URL of endpoint site `site`; with `body`, one giving the parsed body itself
    /// (not a client library's response object, whose reads a custom client's
    /// `$client->post(path)` would hide).
    pub fn site_sent(&self, site: usize, body: bool) -> bool {
        self.requests
            .iter()
            .any(|(id, o)| *o == Origin::Site(site) && (!body || self.body_requests.contains(id)))
    }
}
