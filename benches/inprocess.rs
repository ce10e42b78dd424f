//! The in-process parts, with criterion: the prefilter's scan (the cost every file pays),
//! parsing, and the full check of a v2 file per language (what a file with a needle pays).
//! The whole CLI against `rg` is benches/bench.sh.
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

criterion_group!(benches, prefilter, per_language);
criterion_main!(benches);
