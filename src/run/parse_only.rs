//! `check --parse-only` (hidden): the floor the benchmarks compare `check` with. The same
//! walk, reads and decoding, and a tree-sitter parse of every file (its script blocks too),
//! with no prefilter, no analysis and no output but a count.

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use super::scope::Scope;
use crate::document::Document;
use crate::input::{decode, read_candidate};
use crate::lang::Lang;
use crate::walk;

/// Parses every file of the scope; prints how many and how many bytes, on stderr.
pub(super) fn parse_only(scope: &Scope) -> u8 {
    let files = AtomicUsize::new(0);
    let bytes = AtomicU64::new(0);
    let excluded = |path: &std::path::Path, is_dir: bool| {
        if is_dir {
            scope.config.is_dir_excluded(path)
        } else {
            scope.config.is_excluded(path)
        }
    };
    let filter = walk::Filter {
        excluded: &excluded,
        force: scope.force_exclude,
    };
    walk::walk(&scope.args.paths, &filter, &|entry| {
        let walk::Entry::File(path, lang) = entry else {
            return;
        };
        if lang == Lang::Settings {
            return;
        }
        let Ok(Some(raw)) = read_candidate(&path, scope.settings.max_file_size, None) else {
            return;
        };
        let Ok((text, _)) = decode(&path, &raw) else {
            return;
        };
        if Document::parse(lang, &text).is_ok() {
            files.fetch_add(1, Ordering::Relaxed);
            bytes.fetch_add(raw.len() as u64, Ordering::Relaxed);
        }
    });
    eprintln!(
        "parsed {} files, {} bytes",
        files.into_inner(),
        bytes.into_inner()
    );
    0
}
