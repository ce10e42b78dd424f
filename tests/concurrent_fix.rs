//! Two `--fix` runs over the same tree at once: every file ends either fully old or fully
//! new (the writes are a temporary file renamed over the original), never torn, and no
//! temporary file is left behind.

mod common;

use std::fs;
use std::process::{Command, Stdio};

use common::project;

/// A v2 client with several fixes spread through it, so a torn write would show.
fn source(i: usize) -> String {
    format!(
        "// client {i}\nconst KEY = process.env.FLEXY_KEY;\nasync function balance{i}() {{\n  const res = await fetch(\"https://flexy-api.oneclickdz.com/v2/account/balance\", {{\n    headers: {{ authorization: KEY }},\n  }});\n  const data = await res.json();\n  return data.balance;\n}}\n{}\nmodule.exports = {{ balance{i} }};\n",
        "// padding line so the file is not tiny\n".repeat(200)
    )
}

#[test]
fn two_fix_runs_at_once_leave_every_file_old_or_new() {
    const FILES: usize = 150;
    let names: Vec<String> = (0..FILES)
        .map(|i| format!("src/m{}/c{i}.js", i % 7))
        .collect();
    let originals: Vec<String> = (0..FILES).map(source).collect();
    // The fixed text of each file, from a run alone.
    let solo = project(
        &names
            .iter()
            .zip(&originals)
            .map(|(n, s)| (n.as_str(), s.as_bytes()))
            .collect::<Vec<_>>(),
    );
    let bin = assert_cmd::cargo::cargo_bin("v3-migrate");
    let status = Command::new(&bin)
        .args(["check", ".", "--fix"])
        .current_dir(solo.path())
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let fixed: Vec<String> = names
        .iter()
        .map(|n| fs::read_to_string(solo.path().join(n)).unwrap())
        .collect();
    assert!(fixed.iter().zip(&originals).all(|(f, o)| f != o));

    for round in 0..4 {
        let dir = project(
            &names
                .iter()
                .zip(&originals)
                .map(|(n, s)| (n.as_str(), s.as_bytes()))
                .collect::<Vec<_>>(),
        );
        let runs: Vec<_> = (0..2)
            .map(|_| {
                Command::new(&bin)
                    .args(["check", ".", "--fix"])
                    .current_dir(dir.path())
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        // While the runs write, a reader sees each file either old or new: a write that
        // truncates then fills the file would show it empty or half-written here (the
        // final state alone could not tell, since both runs write the same text).
        let done = std::sync::atomic::AtomicBool::new(false);
        let reads = std::thread::scope(|scope| {
            let reader = scope.spawn(|| {
                let mut reads = 0usize;
                while !done.load(std::sync::atomic::Ordering::Relaxed) {
                    for (i, name) in names.iter().enumerate() {
                        let now = fs::read_to_string(dir.path().join(name)).unwrap();
                        assert!(
                            now == originals[i] || now == fixed[i],
                            "round {round}: {name} read torn during the runs:\n{now}"
                        );
                        reads += 1;
                    }
                }
                reads
            });
            let outs: Vec<_> = runs
                .into_iter()
                .map(|r| r.wait_with_output().unwrap())
                .collect();
            done.store(true, std::sync::atomic::Ordering::Relaxed);
            (reader.join().unwrap(), outs)
        });
        let (reads, outs) = reads;
        assert!(reads >= names.len(), "the reader never read the tree");
        for out in outs {
            // A file the other run fixed first is "changed while it was being checked".
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(
                stderr
                    .lines()
                    .filter(|l| l.contains(": "))
                    .all(|l| l.contains("changed while it was being checked") || !l.contains(".js")),
                "round {round}: {stderr}"
            );
        }
        for (i, name) in names.iter().enumerate() {
            let now = fs::read_to_string(dir.path().join(name)).unwrap();
            assert!(
                now == originals[i] || now == fixed[i],
                "round {round}: {name} is torn:\n{now}"
            );
        }
        let leftovers: Vec<_> = walk(dir.path())
            .into_iter()
            .filter(|p| p.contains(".v3-migrate-"))
            .collect();
        assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
    }
}

fn walk(dir: &std::path::Path) -> Vec<String> {
    let mut out = Vec::new();
    for e in fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p.to_string_lossy().to_string());
        }
    }
    out
}
