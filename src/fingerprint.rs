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
mod tests;
