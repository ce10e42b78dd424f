use super::*;

#[test]
fn hosts_with_ports_ipv6_and_idn() {
    for ok in [
        "gw.example.com",
        "gw.example.com:8443",
        "127.0.0.1:8080",
        "[::1]",
        "[::1]:8443",
        "[2001:db8::7]:443",
        "bücher.example",
        "xn--bcher-kva.example:8080",
        "localhost",
    ] {
        assert_eq!(valid_host(ok), Ok(()), "{ok}");
    }
    for (bad, why) in [
        ("", "it is empty"),
        ("https://gw.example.com", "it holds a scheme"),
        ("gw.example.com/v2", "it holds a path"),
        (
            "gw.example.com:0",
            "the port is not a number from 1 to 65535",
        ),
        (
            "gw.example.com:http",
            "the port is not a number from 1 to 65535",
        ),
        ("[::1", "an IPv6 address is closed by `]`"),
        ("[::1]8443", "a port follows `]` after a `:`"),
        ("[::zz]", "it is not an IPv6 address"),
        (
            "gw_example.com",
            "a host name is letters, digits, `-` and `.`",
        ),
        (
            "-gw.example.com",
            "a host name is letters, digits, `-` and `.`",
        ),
        ("a..b", "a host name is letters, digits, `-` and `.`"),
        ("user@gw.example.com", "it holds a user name"),
    ] {
        assert_eq!(valid_host(bad), Err(why), "{bad}");
    }
}

#[test]
fn a_url_is_cut_to_its_host_in_the_advice() {
    assert_eq!(
        host_arg("https://GW.example.com:8443/v2/x").unwrap_err(),
        "it holds a scheme; write the host alone: gw.example.com:8443"
    );
    assert_eq!(host_arg("[::1]:8443").unwrap(), "[::1]:8443");
    assert_eq!(host_arg("Bücher.Example").unwrap(), "bücher.example");
}
