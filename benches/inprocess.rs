//! The in-process parts, with criterion: the prefilter's scan (the cost every file pays),
//! parsing, and the full check of a v2 file per language (what a file with a needle pays);
//! and, on the dense tree's sources (every e2e program, fixture and example, what
//! benches/dense.py copies), a tree-sitter parse of every file against its check and its fix,
//! file by file (no linking between files). The whole CLI against `rg` is benches/bench.sh,
//! against ast-grep and its own parse-only pass benches/dense.sh.
//!
//! Run: `cargo bench --bench inprocess`

use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use v3_migrate::lang::Lang;
use v3_migrate::prefilter::{Prefilter, Verdict};
use v3_migrate::{check_text, source::Source, Settings};

const EXAMPLES: &[(&str, Lang)] = &[
    ("examples/js/flexy-client.js", Lang::JavaScript),
    ("examples/php/flexy_client.php", Lang::Php),
    ("examples/python/flexy_client.py", Lang::Python),
];

/// About 8 MB of code that mentions no Flexy needle: this crate's sources, repeated.
fn clean_code() -> Vec<u8> {
    let filter = Prefilter::new(&[]);
    let mut one = Vec::new();
    for dir in ["src", "src/rules", "src/lang", "src/render", "src/api"] {
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "rs"))
            .collect();
        files.sort();
        for p in files {
            let text = std::fs::read_to_string(&p).unwrap();
            // Lines naming a needle (the table itself) are left out.
            for line in text
                .lines()
                .filter(|l| !l.contains("/v2") && filter.scan(l.as_bytes()) == Verdict::Clean)
            {
                one.extend_from_slice(line.as_bytes());
                one.push(b'\n');
            }
        }
    }
    one.repeat((8_000_000 / one.len()).max(1))
}

fn prefilter(c: &mut Criterion) {
    let bytes = clean_code();
    let p = Prefilter::new(&[]);
    assert_eq!(p.scan(&bytes), Verdict::Clean);
    let mut g = c.benchmark_group("prefilter");
    g.throughput(Throughput::Bytes(bytes.len() as u64));
    g.bench_function("scan clean 8 MB", |b| b.iter(|| p.scan(black_box(&bytes))));
    g.finish();
}

fn per_language(c: &mut Criterion) {
    let mut g = c.benchmark_group("v2 file");
    for (path, lang) in EXAMPLES {
        let text = std::fs::read_to_string(Path::new(path)).unwrap();
        g.throughput(Throughput::Bytes(text.len() as u64));
        let name = lang.name();
        g.bench_function(format!("parse {name}"), |b| {
            b.iter(|| Source::parse(*lang, black_box(text.clone())).unwrap())
        });
        let settings = Settings::default();
        g.bench_function(format!("check {name}"), |b| {
            b.iter(|| check_text(*lang, black_box(text.clone()), &settings, false).unwrap())
        });
        g.bench_function(format!("fix {name}"), |b| {
            b.iter(|| check_text(*lang, black_box(text.clone()), &settings, true).unwrap())
        });
    }
    g.finish();
}

/// The dense tree's sources, read once: (language, text).
fn dense_sources() -> Vec<(Lang, String)> {
    let mut out = Vec::new();
    let mut dirs = vec![
        Path::new("tests/e2e").to_path_buf(),
        Path::new("fixtures").to_path_buf(),
        Path::new("examples").to_path_buf(),
    ];
    while let Some(d) = dirs.pop() {
        let mut entries: Vec<_> = std::fs::read_dir(&d)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                dirs.push(p);
                continue;
            }
            let broken = p
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("broken_"));
            let (Some(lang), false) = (Lang::from_path(&p), broken) else {
                continue;
            };
            if lang == Lang::Settings {
                continue;
            }
            if let Ok(text) = std::fs::read_to_string(&p) {
                out.push((lang, text));
            }
        }
    }
    out
}

fn dense(c: &mut Criterion) {
    let files = dense_sources();
    let bytes: usize = files.iter().map(|(_, t)| t.len()).sum();
    let settings = Settings::default();
    let mut g = c.benchmark_group("dense");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(10);
    g.bench_function("parse", |b| {
        b.iter(|| {
            for (lang, text) in &files {
                black_box(v3_migrate::document::Document::parse(*lang, text).ok());
            }
        })
    });
    g.bench_function("check", |b| {
        b.iter(|| {
            for (lang, text) in &files {
                black_box(check_text(*lang, text.clone(), &settings, false).ok());
            }
        })
    });
    g.bench_function("fix", |b| {
        b.iter(|| {
            for (lang, text) in &files {
                black_box(check_text(*lang, text.clone(), &settings, true).ok());
            }
        })
    });
    g.finish();
}

criterion_group!(benches, prefilter, per_language, dense);
criterion_main!(benches);
