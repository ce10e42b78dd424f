//! Two `--fix` runs over the same tree at once, and another process editing a file while it
//! is written. With two runs, every file ends either fully old or fully
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

/// An edit made by another process while the fixed text is being written (after the tool
/// compared the file with what it read, before its rename) is not lost: the tool compares
/// again once the temporary file is written and synced, immediately before the rename.
#[test]
fn an_edit_made_while_the_fix_is_written_is_not_lost() {
    let original = source(0);
    let dir = project(&[("a.js", original.as_bytes()), ("b.js", original.as_bytes())]);
    let pause = tempfile::tempdir().unwrap();
    let child = Command::new(assert_cmd::cargo::cargo_bin("v3-migrate"))
        .args(["check", ".", "--fix", "--output-format", "concise"])
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .env("V3_MIGRATE_TEST_PAUSE_RENAME_DIR", pause.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Files are written in path order: `a.js` first.
    let ready = pause.path().join("0.ready");
    let start = std::time::Instant::now();
    while !ready.exists() {
        assert!(
            start.elapsed().as_secs() < 60,
            "the run never reached its rename"
        );
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    // The fixed text waits in its temporary file; another process appends to the file.
    let temps: Vec<_> = walk(dir.path())
        .into_iter()
        .filter(|p| p.contains(".v3-migrate-"))
        .collect();
    assert_eq!(temps.len(), 1, "no write in flight: {temps:?}");
    let appended = "// appended by another process\n";
    let mut f = fs::OpenOptions::new()
        .append(true)
        .open(dir.path().join("a.js"))
        .unwrap();
    std::io::Write::write_all(&mut f, appended.as_bytes()).unwrap();
    drop(f);
    fs::write(pause.path().join("0.go"), b"").unwrap();
    fs::write(pause.path().join("1.go"), b"").unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        fs::read_to_string(dir.path().join("a.js")).unwrap(),
        format!("{original}{appended}"),
        "the edit was lost\n{stderr}"
    );
    assert!(
        stderr
            .lines()
            .any(|l| l.contains("a.js") && l.contains("changed while it was being checked")),
        "{stderr}"
    );
    // The other file is fixed; no temporary file is left.
    assert_ne!(
        fs::read_to_string(dir.path().join("b.js")).unwrap(),
        original
    );
    let leftovers: Vec<_> = walk(dir.path())
        .into_iter()
        .filter(|p| p.contains(".v3-migrate-"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}
