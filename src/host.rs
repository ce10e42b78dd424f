//! Hosts the user names as Flexy's (`--flexy-host`, `flexy-hosts` in the config): a bare
//! host or `host:port`, checked once here for both. The host part is parsed by the `url`
//! crate's `Host`, so a DNS name, an IPv4 address, a bracketed IPv6 literal (`[::1]:8443`)
//! and an internationalized name (`bücher.example`, checked through its punycode form) are
//! accepted, each with an optional port.

/// A host given on the command line (`--flexy-host`), checked as `flexy-hosts` entries
/// are: lowercased, or why it is not a bare host and the form to write instead.
pub fn host_arg(value: &str) -> Result<String, String> {
    let value = value.trim();
    valid_host(value)
        .map(|()| value.to_lowercase())
        .map_err(
            |why| match bare_host(value).filter(|h| h != value && valid_host(h).is_ok()) {
                Some(h) => format!("{why}; write the host alone: {h}"),
                None => format!("{why}; write a bare host or host:port"),
            },
        )
}

/// The longest `host:port`: a 253-character DNS name, `:` and five digits.
const MAX_HOST_LEN: usize = 253 + 6;

/// Ok for `host` or `host:port`.
pub fn valid_host(value: &str) -> Result<(), &'static str> {
    if value.is_empty() {
        return Err("it is empty");
    }
    // A DNS name is at most 253 characters, and a port adds six: anything longer is no
    // host (and would only make the prefilter's automaton large).
    if value.len() > MAX_HOST_LEN {
        return Err("it is longer than a host name can be (253 characters, and a port)");
    }
    if value.chars().any(char::is_whitespace) {
        return Err("it holds spaces");
    }
    if value.contains("://") {
        return Err("it holds a scheme");
    }
    if value.contains(['/', '?', '#']) {
        return Err("it holds a path");
    }
    if value.contains('@') {
        return Err("it holds a user name");
    }
    // `[::1]:8443`: the port follows the bracket; otherwise the last `:`.
    let (name, port) = if value.starts_with('[') {
        let close = value.find(']').ok_or("an IPv6 address is closed by `]`")?;
        match &value[close + 1..] {
            "" => (&value[..=close], None),
            rest => (
                &value[..=close],
                Some(
                    rest.strip_prefix(':')
                        .ok_or("a port follows `]` after a `:`")?,
                ),
            ),
        }
    } else {
        match value.rsplit_once(':') {
            Some((n, p)) => (n, Some(p)),
            None => (value, None),
        }
    };
    if let Some(port) = port {
        if !port.parse::<u16>().is_ok_and(|p| p > 0) || !port.bytes().all(|b| b.is_ascii_digit()) {
            return Err("the port is not a number from 1 to 65535");
        }
    }
    if name.is_empty() {
        return Err("it names no host");
    }
    // `url::Host` takes `_`, `*` and others in a domain (the URL standard's domain code
    // points); a host name given here is letters, digits, `-` and `.` in each label.
    let label_ok = |l: &str| {
        !l.is_empty()
            && l.chars().all(|c| c.is_alphanumeric() || c == '-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    };
    match url::Host::parse(name) {
        Ok(url::Host::Domain(_)) if !name.split('.').all(label_ok) => {
            Err("a host name is letters, digits, `-` and `.`")
        }
        Ok(_) => Ok(()),
        Err(url::ParseError::InvalidIpv6Address) => Err("it is not an IPv6 address"),
        Err(_) => Err("a host name is letters, digits, `-` and `.`"),
    }
}

/// The host (and port) of what may be a URL: `https://a.b:1/x` gives `a.b:1`.
pub fn bare_host(value: &str) -> Option<String> {
    let v = value.trim();
    let v = v.split_once("://").map_or(v, |(_, rest)| rest);
    let v = v.split(['/', '?', '#']).next()?;
    let v = v.rsplit_once('@').map_or(v, |(_, host)| host);
    (!v.is_empty()).then(|| v.to_lowercase())
}

#[cfg(test)]
mod tests;
