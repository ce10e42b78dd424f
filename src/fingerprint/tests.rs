use super::*;

#[test]
fn normalise_collapses_whitespace() {
    assert_eq!(normalise("  a \n\t b  c\r\n"), "a b c");
    assert_eq!(normalise("ab"), "ab");
}

#[test]
fn is_hex_sha256() {
    let fp = fingerprint("v2-endpoint", "a.js", "x", 0);
    assert_eq!(fp.len(), 64);
    assert!(fp
        .chars()
        .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
    // Fixed forever (checked against an independent SHA-256 of the same bytes): a change
    // here breaks every stored baseline and CI history.
    assert_eq!(
        fp,
        "8da0b8df0a769e3e7026b64d05e04c0e2ad50dfd8b33335485b51eaf991e1a06"
    );
}

#[test]
fn stable_under_line_shifts_and_reindentation() {
    // The same finding, before and after lines were added above it and it was
    // re-indented: positions are not part of the fingerprint.
    let before = fingerprints([("v2-endpoint", "a.js", "fetch(url,\n  opts)")]);
    let after = fingerprints([("v2-endpoint", "a.js", "fetch(url,\n      opts)")]);
    assert_eq!(before, after);
    let before = fingerprints([
        ("v2-endpoint", "a.js", "'/v2/a'"),
        ("v2-base-url", "a.js", "BASE"),
    ]);
    let after = fingerprints([
        ("v2-base-url", "a.js", "OTHER"),
        ("v2-endpoint", "a.js", "'/v2/a'"),
        ("v2-base-url", "a.js", "BASE"),
    ]);
    assert_eq!(before[0], after[1]);
    // A new finding with another text does not shift the occurrence index of BASE.
    assert_eq!(before[1], after[2]);
}

#[test]
fn duplicates_are_unique() {
    let fps = fingerprints([
        ("v2-endpoint", "a.js", "'/v2/a'"),
        ("v2-endpoint", "a.js", "'/v2/a'"),
        ("v2-endpoint", "a.js", "'/v2/a'"),
    ]);
    assert_ne!(fps[0], fps[1]);
    assert_ne!(fps[1], fps[2]);
    assert_ne!(fps[0], fps[2]);
}

#[test]
fn paths_rules_and_texts_matter() {
    let base = fingerprint("v2-endpoint", "a.js", "x", 0);
    assert_ne!(base, fingerprint("v2-endpoint", "b.js", "x", 0));
    assert_ne!(base, fingerprint("v2-base-url", "a.js", "x", 0));
    assert_ne!(base, fingerprint("v2-endpoint", "a.js", "y", 0));
    assert_ne!(base, fingerprint("v2-endpoint", "a.js", "x", 1));
    // Field boundaries count.
    assert_ne!(
        fingerprint("ab", "c", "x", 0),
        fingerprint("a", "bc", "x", 0)
    );
}
