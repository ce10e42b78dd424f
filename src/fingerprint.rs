//! Fingerprints: an identity for a finding that survives edits elsewhere in the file.
//!
//! A fingerprint is the SHA-256 (hex) of the rule's name, the file's path, the text the
//! finding matched with whitespace runs collapsed, and the occurrence index among the
//! findings of the same rule, file and normalised text. Lines and columns are left out, so
//! inserting lines above a finding does not change it; the occurrence index tells two
//! identical findings in one file apart. SARIF (`partialFingerprints`), GitLab Code
//! Quality (`fingerprint`) and baselines share it.
//!
//! SHA-256 rather than `std`'s `DefaultHasher`, whose output may change between Rust
//! releases: fingerprints are stored by CI systems and must stay the same across builds.

use std::collections::HashMap;

use sha2::{Digest, Sha256};

/// The matched text with every run of whitespace made one space, trimmed at both ends.
pub fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The fingerprint of one finding, given its already normalised text and its occurrence
/// index (0 for the first finding of this rule, file and text).
pub fn fingerprint(rule: &str, path: &str, normalised: &str, occurrence: usize) -> String {
    let mut hasher = Sha256::new();
    // Each field with its length first, so that no two different field lists hash the same
    // bytes ("a" + "bc" versus "ab" + "c").
    for field in [rule.as_bytes(), path.as_bytes(), normalised.as_bytes()] {
        hasher.update((field.len() as u64).to_le_bytes());
        hasher.update(field);
    }
    hasher.update((occurrence as u64).to_le_bytes());
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The fingerprints of findings given as `(rule, path, matched text)` in position order
/// (as `render::located` sorts them); one per finding, in the same order.
pub fn fingerprints<'a>(
    findings: impl IntoIterator<Item = (&'a str, &'a str, &'a str)>,
) -> Vec<String> {
    let mut seen: HashMap<(&str, &str, String), usize> = HashMap::new();
    findings
        .into_iter()
        .map(|(rule, path, matched)| {
            let text = normalise(matched);
            let count = seen.entry((rule, path, text.clone())).or_insert(0);
            let fp = fingerprint(rule, path, &text, *count);
            *count += 1;
            fp
        })
        .collect()
}

#[cfg(test)]
mod tests {
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
}
