//! Input that used to crash, hang or exhaust the machine: the run never exits 101 or
//! aborts; a file it cannot afford is skipped with a message, the others are still checked.

mod common;

use std::path::Path;
use std::process::Output;

use common::{cmd, text_project};

const GOOD: &str = "fetch(\"https://flexy-api.oneclickdz.com/v2/plans/listAll\");\n";

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(dir: &Path, args: &[&str]) -> Run {
    let out: Output = cmd(dir).env("NO_COLOR", "1").args(args).output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).to_string(),
        stderr: String::from_utf8_lossy(&out.stderr).to_string(),
    }
}

fn no_panic(r: &Run) {
    assert!(
        !r.stderr.contains("panicked") && r.code != 101,
        "panicked (exit {}):\n{}",
        r.code,
        r.stderr
    );
}

// --- flexy-hosts: the prefilter's automaton is built from user input ---

#[test]
fn twenty_thousand_flexy_hosts_are_searched() {
    let hosts: Vec<String> = (0..20_000)
        .map(|i| format!("\"gw{i}.example.com\""))
        .collect();
    let config = format!("flexy-hosts = [{}]\n", hosts.join(", "));
    let dir = text_project(&[
        ("v3-migrate.toml", &config),
        ("good.js", GOOD),
        (
            "proxy.js",
            "fetch(\"https://gw19999.example.com/v2/topup/list\");\n",
        ),
        ("other.js", "fetch(\"https://elsewhere.example/v2/x\");\n"),
    ]);
    let r = run(dir.path(), &["check", "--output-format", "concise"]);
    no_panic(&r);
    assert_eq!(r.code, 1, "{}\n{}", r.stdout, r.stderr);
    assert!(
        r.stdout.contains("good.js:1:8: v2-endpoint"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("proxy.js:1:"), "{}", r.stdout);
    assert!(!r.stdout.contains("other.js"), "{}", r.stdout);
}

#[test]
fn a_megabyte_long_flexy_host_is_a_clear_error() {
    let config = format!(
        "flexy-hosts = [\"{}.example.com\"]\n",
        "a".repeat(1_000_000)
    );
    let dir = text_project(&[("v3-migrate.toml", &config), ("good.js", GOOD)]);
    let r = run(dir.path(), &["check"]);
    no_panic(&r);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("longer than a host name can be"),
        "{}",
        r.stderr
    );
    // The message names the value without repeating a megabyte of it.
    assert!(
        r.stderr.len() < 20_000,
        "{} bytes on stderr",
        r.stderr.len()
    );

    let long = format!("{}.example.com", "a".repeat(300));
    let r = run(dir.path(), &["check", "--isolated", "--flexy-host", &long]);
    no_panic(&r);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("longer than a host name can be"),
        "{}",
        r.stderr
    );
}

// --- a finding far along a long line (a minified bundle) ---

/// A one-line bundle of about `size` bytes with a v2 call at byte `at` (padded with
/// comments: long for the renderers, cheap to analyse).
fn bundle(at: usize, size: usize) -> String {
    let call = "fetch(\"https://flexy-api.oneclickdz.com/v2/account/balance\");";
    let pad = |n: usize| format!("/*{}*/", PAD.repeat(n.saturating_sub(4) / PAD.len()));
    format!("{}{call}{}\n", pad(at), pad(size.saturating_sub(at)))
}

const PAD: &str = "var a=1;";

/// No line of the file was printed whole.
fn no_long_line(format: &str, out: &str) {
    assert!(
        !out.contains(&PAD.repeat(100)),
        "{format}: the long line is in the output ({} bytes)",
        out.len()
    );
}

const FORMATS: [&str; 8] = [
    "human",
    "concise",
    "json",
    "json-lines",
    "sarif",
    "github",
    "gitlab",
    "junit",
];

#[test]
fn every_format_renders_a_finding_past_column_65535() {
    let text = bundle(80_000, 100_000);
    let dir = text_project(&[("bundle.js", &text)]);
    for format in FORMATS {
        let r = run(dir.path(), &["check", "--output-format", format]);
        no_panic(&r);
        assert_eq!(r.code, 1, "{format}: {}", r.stderr);
        assert!(r.stdout.contains("bundle.js"), "{format}:\n{}", r.stdout);
        // The snippet is a window of the line, not the line.
        no_long_line(format, &r.stdout);
    }
    let r = run(dir.path(), &["check"]);
    assert!(r.stdout.contains("╭─[bundle.js:1:80004]"), "{}", r.stdout);
    assert!(
        r.stdout
            .contains("var a=1;*/fetch(\"https://flexy-api.oneclickdz.com/v2/account/balance\")"),
        "{}",
        r.stdout
    );
    let r = run(dir.path(), &["check", "--output-format", "concise"]);
    assert!(
        r.stdout.contains("bundle.js:1:80004: v2-endpoint"),
        "{}",
        r.stdout
    );
}

#[test]
fn fix_on_a_multi_megabyte_line_reports_without_the_line() {
    // A second finding with no fix (an endpoint v3 does not have), reported after the
    // first one's fix was written.
    let text = format!(
        "{}fetch(\"https://api.oneclickdz.com/v3/mobile/list-plans\");/*{}*/\n",
        bundle(2_000_000, 2_000_000).trim_end(),
        PAD.repeat(300_000)
    );
    let dir = text_project(&[("bundle.js", &text)]);
    let r = run(dir.path(), &["check", "--fix"]);
    no_panic(&r);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stdout.contains("bundle.js:1:"), "{}", r.stdout);
    no_long_line("human", &r.stdout);
    let fixed = std::fs::read_to_string(dir.path().join("bundle.js")).unwrap();
    assert!(fixed.contains("\"https://api.oneclickdz.com/v3/account/balance\""));
    for format in FORMATS {
        let r = run(dir.path(), &["check", "--output-format", format]);
        no_panic(&r);
        assert_eq!(r.code, 1, "{format}: {}", r.stderr);
        no_long_line(format, &r.stdout);
    }
}

// --- stdout that cannot be written ---

/// `v3-migrate args` in `dir` with stdout on a pipe whose reader has gone.
fn to_closed_pipe(dir: &Path, args: &[&str]) -> Run {
    use std::process::{Command, Stdio};
    // A reader that exits at once: once it is gone, the pipe's write end is all that is
    // left, and every write to it fails with EPIPE.
    let mut reader = Command::new("true").stdin(Stdio::piped()).spawn().unwrap();
    let write_end = reader.stdin.take().unwrap();
    reader.wait().unwrap();
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("v3-migrate"))
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::from(write_end))
        .output()
        .unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::new(),
        stderr: String::from_utf8_lossy(&out.stderr).to_string(),
    }
}

/// `v3-migrate args` in `dir` with stdout on `/dev/full` (every write: no space left).
fn to_full_device(dir: &Path, args: &[&str]) -> Run {
    use std::process::Stdio;
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("v3-migrate"))
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::from(full))
        .output()
        .unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::new(),
        stderr: String::from_utf8_lossy(&out.stderr).to_string(),
    }
}

/// Every command that writes on stdout.
const WRITERS: &[&[&str]] = &[
    &["--help"],
    &["check", "--help"],
    &["--version"],
    &["explain", "v2-endpoint"],
    &["rules"],
    &["rules", "--output-format", "json"],
    &["check", "good.js"],
    &["check", "good.js", "--output-format", "json"],
    &["check", "good.js", "--output-format", "sarif"],
    &["check", "good.js", "--statistics"],
    &["check", "good.js", "--diff"],
    &["report", "good.js"],
    &["report", "good.js", "--output-format", "json"],
];

#[test]
fn a_full_stdout_is_an_error() {
    if !Path::new("/dev/full").exists() {
        eprintln!("skipping: no /dev/full");
        return;
    }
    let dir = text_project(&[("good.js", GOOD)]);
    for args in WRITERS {
        let r = to_full_device(dir.path(), args);
        no_panic(&r);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(
            r.stderr
                .contains("cannot write the output: No space left on device"),
            "{args:?}: {}",
            r.stderr
        );
    }
}

#[test]
fn a_closed_pipe_ends_the_run_quietly() {
    let dir = text_project(&[("good.js", GOOD)]);
    for args in WRITERS {
        let r = to_closed_pipe(dir.path(), args);
        no_panic(&r);
        assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
        assert!(
            !r.stderr.contains("cannot write the output"),
            "{args:?}: {}",
            r.stderr
        );
    }
}

#[test]
fn stdin_filename_with_an_unwritable_stdout() {
    use std::io::Write;
    use std::process::Stdio;
    let dir = text_project(&[]);
    for fix in [false, true] {
        let mut args = vec!["check", "--stdin-filename", "x.js"];
        if fix {
            args.push("--fix");
        }
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("v3-migrate"))
            .current_dir(dir.path())
            .args(&args)
            .stdin(Stdio::piped())
            .stdout(Stdio::from(full))
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(GOOD.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains("cannot write the output"),
            "{args:?}: {stderr}"
        );
    }
}

#[test]
fn a_closed_stderr_does_not_panic() {
    use std::process::Stdio;
    let dir = text_project(&[("good.js", GOOD), ("bin.js", "a\0b")]);
    for (args, code) in [
        (
            &["check", "--no-prefilter", "--output-format", "json"][..],
            1,
        ),
        (
            &["check", "--no-prefilter", "--flexy-host", "https://x/"][..],
            2,
        ),
        (&["explain", "no-such-rule"][..], 2),
    ] {
        let mut reader = std::process::Command::new("true")
            .stdin(Stdio::piped())
            .spawn()
            .unwrap();
        let write_end = reader.stdin.take().unwrap();
        reader.wait().unwrap();
        let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("v3-migrate"))
            .current_dir(dir.path())
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::from(write_end))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(code), "{args:?}");
    }
}

// --- trees that would make the queries quadratic, or the walks deep ---

#[test]
fn unclosed_brackets_are_skipped_not_hung_on() {
    let v2 = "fetch(\"https://flexy-api.oneclickdz.com/v2/account/balance\");\n";
    let brackets = "(".repeat(100_000);
    let files = [
        ("a.js", format!("{v2}{brackets}\n")),
        ("a.ts", format!("{v2}{brackets}\n")),
        ("a.php", format!("<?php {v2}{brackets}\n")),
        (
            "a.py",
            format!("u = \"https://flexy-api.oneclickdz.com/v2/account/balance\"\n{brackets}\n"),
        ),
        ("a.html", format!("<script>{v2}{brackets}\n</script>\n")),
        ("b.js", format!("{v2}{}\n", "[".repeat(100_000))),
    ];
    let mut all: Vec<(&str, &str)> = files.iter().map(|(n, t)| (*n, t.as_str())).collect();
    all.push(("good.js", GOOD));
    let dir = text_project(&all);
    let r = run(dir.path(), &["check", "--output-format", "concise"]);
    no_panic(&r);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stdout.contains("good.js:1:8: v2-endpoint"),
        "{}",
        r.stdout
    );
    for (name, _) in &files {
        assert!(
            r.stderr.lines().any(|l| l.contains(name)
                && l.contains("tokens in a row")
                && l.contains("skipped")),
            "{name} not said to be skipped:\n{}",
            r.stderr
        );
        assert!(!r.stdout.contains(name), "{name}: {}", r.stdout);
    }
    assert!(r.stdout.contains("(1 file checked)"), "{}", r.stdout);
}

#[test]
fn deep_nesting_in_every_language_is_skipped_not_overflowed() {
    let n = 100_000;
    let deep = format!("x={}1{};\n", "(".repeat(n), ")".repeat(n));
    let v2 = "fetch(\"https://flexy-api.oneclickdz.com/v2/account/balance\");\n";
    let files = [
        ("d.js", format!("{v2}{deep}")),
        ("d.ts", format!("{v2}{deep}")),
        ("d.php", format!("<?php {v2}${deep}")),
        (
            "d.py",
            format!(
                "u = \"https://flexy-api.oneclickdz.com/v2/account/balance\"\n{}",
                deep.trim_end_matches(";\n")
            ),
        ),
        ("d.html", format!("<script>{v2}{deep}</script>\n")),
    ];
    let all: Vec<(&str, &str)> = files.iter().map(|(n, t)| (*n, t.as_str())).collect();
    let dir = text_project(&all);
    let r = run(
        dir.path(),
        &["check", "--output-format", "concise", "--fix"],
    );
    no_panic(&r);
    for (name, _) in &files {
        assert!(
            r.stderr
                .lines()
                .any(|l| l.contains(name) && l.contains("levels deep")),
            "{name} not said to be skipped:\n{}",
            r.stderr
        );
    }
}

// --- memory ---

#[test]
fn a_file_over_the_memory_budget_is_skipped_with_a_message() {
    // 1 MB, estimated at 180 MB to check: over a 100 MB budget, under a 1,000 MB one.
    let big = bundle(500_000, 1_000_000);
    let dir = text_project(&[("big.js", &big), ("good.js", GOOD)]);
    let out = cmd(dir.path())
        .env("V3_MIGRATE_MEMORY_MB", "100")
        .args(["check", "--output-format", "concise"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stdout.contains("good.js:1:8: v2-endpoint"), "{stdout}");
    assert!(!stdout.contains("big.js"), "{stdout}");
    assert!(
        stderr.contains("big.js: checking it would take about 180.0 MB of memory, more than the 100.0 MB this run may use; skipped"),
        "{stderr}"
    );
    assert!(stdout.contains("(1 file checked)"), "{stdout}");

    let out = cmd(dir.path())
        .env("V3_MIGRATE_MEMORY_MB", "1000")
        .args(["check", "--output-format", "concise"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("big.js:1:"), "{stdout}");
    assert!(stdout.contains("(2 files checked)"), "{stdout}");
}
