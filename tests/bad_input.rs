//! Bad input, one case per row: the message the user gets (naming the file and what to do),
//! the exit code, that the rest of the run still happens, and that no file is mangled.
//!
//! Every case runs in a project that also holds `good.js`, a v2 file: the run must still
//! report it (or fix it, with `--fix`), whatever the bad file does.

mod common;

use std::fs;
use std::os::unix::fs::{symlink, PermissionsExt};
use std::path::Path;
use std::process::Output;

use common::{cmd, project};

const GOOD: &str = "fetch(\"https://flexy-api.oneclickdz.com/v2/plans/listAll\");\n";
const GOOD_FIXED: &str = "fetch(\"https://api.oneclickdz.com/v3/mobile/plans\");\n";

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

/// The row's expectations: exit code, a message on stderr (with the file's name), and the
/// good file reported.
fn expect(r: &Run, code: i32, file: &str, message: &str) {
    assert_eq!(
        r.code, code,
        "exit code\nstdout: {}\nstderr: {}",
        r.stdout, r.stderr
    );
    let line = r
        .stderr
        .lines()
        .find(|l| l.contains(message) && l.contains(file))
        .unwrap_or_else(|| panic!("no `{message}` naming {file} on stderr:\n{}", r.stderr));
    assert!(
        r.stderr.contains("help:") || line.contains(": fix not applied: "),
        "no help saying what to do:\n{}",
        r.stderr
    );
}

fn good_reported(r: &Run) {
    assert!(
        r.stdout.contains("good.js:1:8: v2-endpoint"),
        "the rest of the run did not happen:\n{}",
        r.stdout
    );
}

fn check(dir: &Path) -> Run {
    run(dir, &["check", ".", "--output-format", "concise"])
}

#[test]
fn latin1_and_windows_1256_php_are_checked_and_fixed_byte_for_byte() {
    // "café" in Latin-1 and "الرصيد" (the balance) in Windows-1256.
    let latin1: &[u8] = b"<?php\n// caf\xe9\n$ch = curl_init('https://flexy-api.oneclickdz.com/v2/account/balance');\ncurl_exec($ch);\n";
    let cp1256: &[u8] = b"<?php\necho '\xc7\xe1\xd1\xd5\xed\xcf';\n$ch = curl_init('https://flexy-api.oneclickdz.com/v2/account/balance');\ncurl_exec($ch);\n";
    for (name, bytes) in [("latin1.php", latin1), ("arabic.php", cp1256)] {
        let dir = project(&[(name, bytes), ("good.js", GOOD.as_bytes())]);
        let r = check(dir.path());
        expect(&r, 1, name, "not UTF-8: checked as single-byte text");
        good_reported(&r);
        assert!(
            r.stdout.contains(&format!("{name}:3:18: v2-endpoint")),
            "{}",
            r.stdout
        );
        let r = run(dir.path(), &["check", ".", "--fix"]);
        assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
        let fixed = fs::read(dir.path().join(name)).unwrap();
        let want: Vec<u8> = String::from_utf8_lossy(bytes)
            .replace("flexy-api.oneclickdz.com/v2", "api.oneclickdz.com/v3")
            .into_bytes();
        // Every byte but the edited URL is as it was: compare around it.
        let at = bytes.windows(5).position(|w| w == b"https").unwrap();
        assert_eq!(&fixed[..at], &bytes[..at]);
        assert!(fixed.ends_with(b"/v3/account/balance');\ncurl_exec($ch);\n"));
        assert_eq!(fixed.len(), bytes.len() - 6);
        assert_ne!(
            fixed, want,
            "a lossy round trip would have changed the non-ASCII bytes"
        );
        assert_eq!(read(&dir, "good.js"), GOOD_FIXED);
    }
}

#[test]
fn a_binary_file_with_a_source_extension_is_skipped() {
    let dir = project(&[
        // Bytes that mention Flexy: the prefilter lets it through to decoding.
        (
            "logo.js",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR flexy-api.oneclickdz.com".as_slice(),
        ),
        ("good.js", GOOD.as_bytes()),
    ]);
    let r = check(dir.path());
    expect(&r, 1, "logo.js", "looks binary");
    good_reported(&r);
}

#[test]
fn a_50_mb_generated_file_is_skipped_unless_the_limit_is_raised() {
    let line =
        "function g(a,b){const x=a*2+b;if(x>3){return {id:x,tags:[\"a\",\"b\"]};}return null;}\n";
    let mut big = line.repeat(50_000_000 / line.len() + 1);
    big.push_str(GOOD);
    let dir = project(&[("gen/big.js", big.as_bytes()), ("good.js", GOOD.as_bytes())]);
    let r = check(dir.path());
    expect(&r, 1, "gen/big.js", "over the 10.0 MB limit; skipped");
    good_reported(&r);
    // A smaller limit, and a raised one, on a smaller file.
    let mid = format!("{}{GOOD}", line.repeat(2_000_000 / line.len()));
    let dir = project(&[("mid.js", mid.as_bytes()), ("good.js", GOOD.as_bytes())]);
    let r = run(
        dir.path(),
        &[
            "check",
            ".",
            "--max-file-size",
            "1",
            "--output-format",
            "concise",
        ],
    );
    expect(&r, 1, "mid.js", "over the 1.0 MB limit");
    let r = run(
        dir.path(),
        &[
            "check",
            ".",
            "--max-file-size",
            "3",
            "--output-format",
            "concise",
        ],
    );
    assert!(
        r.stdout.contains("mid.js:") && r.stdout.contains("v2-endpoint"),
        "{}",
        r.stdout
    );
}

#[test]
fn a_minified_one_line_bundle_is_checked_and_fixed_in_place() {
    let mut bundle = String::from("!function(){\"use strict\";");
    for i in 0..3000 {
        bundle.push_str(&format!(
            "function a{i}(n){{return n*{i}+1}};var b{i}={{k:\"v{i}\",f:a{i}}};"
        ));
        if i % 500 == 0 {
            bundle.push_str("fetch(\"https://flexy-api.oneclickdz.com/v2/topup/sendTopup\",{method:\"POST\",headers:{authorization:k}});");
        }
    }
    bundle.push_str("}();");
    let dir = project(&[("dist/app.min.js", bundle.as_bytes())]);
    let r = check(dir.path());
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stdout.matches("dist/app.min.js:1:").count(),
        12,
        "{}",
        r.stdout
    );
    let r = run(dir.path(), &["check", ".", "--fix"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let fixed = read(&dir, "dist/app.min.js");
    assert_eq!(fixed.lines().count(), 1);
    assert_eq!(
        fixed,
        bundle
            .replace(
                "https://flexy-api.oneclickdz.com/v2/topup/sendTopup",
                "https://api.oneclickdz.com/v3/mobile/send"
            )
            .replace("authorization:k", "\"X-Access-Token\":k")
    );
}

#[test]
fn deep_nesting_is_analysed_or_skipped_never_a_crash() {
    let n = 200_000;
    // Each file mentions Flexy, so the prefilter lets it through to the parser.
    let js_mark = "// https://flexy-api.oneclickdz.com/v2\n";
    let py_mark = "# https://flexy-api.oneclickdz.com/v2\n";
    let arrays = format!("{js_mark}const x = {}1{};\n", "[".repeat(n), "]".repeat(n));
    let concat = format!(
        "const u = \"https://flexy-api.oneclickdz.com/v2/plans/listAll\"{};\n",
        " + \"x\"".repeat(3000)
    );
    let indented: String = [py_mark.to_string()]
        .into_iter()
        .chain((0..400).map(|i| format!("{}if x:\n", "    ".repeat(i))))
        .chain([format!("{}pass\n", "    ".repeat(400))])
        .collect();
    let parens = format!("{py_mark}x = {}1{}\n", "(".repeat(n), ")".repeat(n));
    // In a folder, so the files are checked on the walker's threads (smaller stacks).
    let dir = project(&[
        ("d/arrays.js", arrays.as_bytes()),
        ("d/concat.js", concat.as_bytes()),
        ("d/indented.py", indented.as_bytes()),
        ("d/parens.py", parens.as_bytes()),
        ("good.js", GOOD.as_bytes()),
    ]);
    let r = check(dir.path());
    expect(
        &r,
        1,
        "d/arrays.js",
        "levels deep, deeper than v3-migrate analyses; skipped",
    );
    expect(
        &r,
        1,
        "d/indented.py",
        "more than the Python parser can follow",
    );
    expect(
        &r,
        1,
        "d/parens.py",
        "levels deep, deeper than v3-migrate analyses; skipped",
    );
    // A 3,000-term concatenation is real (generated SQL, HTML): analysed.
    assert!(
        r.stdout.contains("d/concat.js:1:12: v2-endpoint"),
        "{}",
        r.stdout
    );
    good_reported(&r);
}

#[test]
fn syntax_errors_keep_the_findings_and_hold_back_every_fix() {
    let src = "fetch(\"https://flexy-api.oneclickdz.com/v2/plans/listAll\");\nconst a = (1 + ;\nfetch(\"https://flexy-api.oneclickdz.com/v2/account/balance\" +);\n";
    let dir = project(&[("broken.js", src.as_bytes()), ("good.js", GOOD.as_bytes())]);
    let r = check(dir.path());
    assert_eq!(r.code, 1);
    assert!(
        r.stdout.contains("broken.js:1:8: v2-endpoint"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("broken.js:3:8: v2-endpoint"),
        "{}",
        r.stdout
    );
    good_reported(&r);
    let r = run(
        dir.path(),
        &["check", ".", "--fix", "--output-format", "concise"],
    );
    // No fix in a file that does not parse, not even before the error: reported, and
    // said once, where the error is.
    assert_eq!(read(&dir, "broken.js"), src);
    assert_eq!(r.code, 1);
    assert!(
        r.stdout.contains("broken.js:1:8: v2-endpoint")
            && r.stdout.contains("broken.js:3:8: v2-endpoint"),
        "{}",
        r.stdout
    );
    expect(
        &r,
        1,
        "broken.js:2:1",
        "fix not applied: the file has a syntax error at 2:1; fix it first",
    );
    assert_eq!(
        r.stderr.matches("fix not applied").count(),
        1,
        "{}",
        r.stderr
    );
    assert_eq!(read(&dir, "good.js"), GOOD_FIXED);
}

#[test]
fn an_unreadable_file_is_reported() {
    let dir = project(&[("secret.js", GOOD.as_bytes()), ("good.js", GOOD.as_bytes())]);
    fs::set_permissions(
        dir.path().join("secret.js"),
        fs::Permissions::from_mode(0o000),
    )
    .unwrap();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    // As root every file is readable: run as an unprivileged user, with a copy of the
    // binary it can reach (the build folder may be under a private home).
    let bin_dir = tempfile::tempdir().unwrap();
    fs::set_permissions(bin_dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    let bin = bin_dir.path().join("v3-migrate");
    fs::copy(assert_cmd::cargo::cargo_bin("v3-migrate"), &bin).unwrap();
    fs::set_permissions(&bin, fs::Permissions::from_mode(0o755)).unwrap();
    let out = if is_root() {
        std::process::Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
            .arg(&bin)
            .args(["check", ".", "--output-format", "concise"])
            .current_dir(dir.path())
            .env("NO_COLOR", "1")
            .output()
            .expect("setpriv (util-linux) runs the test as an unprivileged user")
    } else {
        cmd(dir.path())
            .env("NO_COLOR", "1")
            .args(["check", ".", "--output-format", "concise"])
            .output()
            .unwrap()
    };
    let r = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).to_string(),
        stderr: String::from_utf8_lossy(&out.stderr).to_string(),
    };
    expect(&r, 1, "secret.js", "cannot read");
    good_reported(&r);
}

#[test]
fn symlink_loops_broken_links_and_missing_paths() {
    let dir = project(&[("good.js", GOOD.as_bytes()), ("src/a.js", GOOD.as_bytes())]);
    symlink("loop.js", dir.path().join("loop.js")).unwrap();
    symlink("nowhere.js", dir.path().join("broken.js")).unwrap();
    symlink("..", dir.path().join("src/up")).unwrap();
    let r = run(
        dir.path(),
        &[
            "check",
            "loop.js",
            "broken.js",
            "good.js",
            "--output-format",
            "concise",
        ],
    );
    expect(&r, 1, "loop.js", "a symbolic link loop; skipped");
    expect(&r, 1, "broken.js", "a broken symbolic link");
    good_reported(&r);
    // Walked, links are not followed: the folder's loop is no problem.
    let r = check(dir.path());
    assert_eq!(r.code, 1);
    assert!(r.stdout.contains("(2 files checked)"), "{}", r.stdout);
    // A path that does not exist: exit 2, the others still checked.
    let r = run(
        dir.path(),
        &["check", "missing/", "good.js", "--output-format", "concise"],
    );
    expect(&r, 2, "missing", "no such file or directory");
    good_reported(&r);
}

#[test]
fn a_read_only_file_is_not_fixed() {
    let dir = project(&[("locked.js", GOOD.as_bytes()), ("good.js", GOOD.as_bytes())]);
    fs::set_permissions(
        dir.path().join("locked.js"),
        fs::Permissions::from_mode(0o444),
    )
    .unwrap();
    let r = run(
        dir.path(),
        &["check", ".", "--fix", "--output-format", "concise"],
    );
    expect(&r, 1, "locked.js", "read-only: its fixes were not written");
    assert_eq!(read(&dir, "locked.js"), GOOD);
    assert_eq!(read(&dir, "good.js"), GOOD_FIXED);
    assert!(
        r.stdout.contains("locked.js:1:8: v2-endpoint"),
        "its finding remains: {}",
        r.stdout
    );
}

/// Runs `--fix` paused before its write; `meddle` acts on the project in the pause.
fn fix_with_a_pause(meddle: impl FnOnce(&Path)) -> (tempfile::TempDir, Run) {
    let dir = project(&[("a.js", GOOD.as_bytes())]);
    let pause = tempfile::tempdir().unwrap();
    let child = std::process::Command::new(assert_cmd::cargo::cargo_bin("v3-migrate"))
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .env("V3_MIGRATE_TEST_PAUSE_DIR", pause.path())
        .args(["check", ".", "--fix", "--output-format", "concise"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let ready = pause.path().join("0.ready");
    let start = std::time::Instant::now();
    while !ready.exists() {
        assert!(
            start.elapsed().as_secs() < 60,
            "the run never reached its write"
        );
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    meddle(dir.path());
    fs::write(pause.path().join("0.go"), b"").unwrap();
    let out = child.wait_with_output().unwrap();
    let r = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).to_string(),
        stderr: String::from_utf8_lossy(&out.stderr).to_string(),
    };
    (dir, r)
}

#[test]
fn a_file_deleted_during_the_run_is_not_written_again() {
    let (dir, r) = fix_with_a_pause(|d| fs::remove_file(d.join("a.js")).unwrap());
    expect(
        &r,
        1,
        "a.js",
        "deleted while it was being checked; not written again",
    );
    assert!(!dir.path().join("a.js").exists());
}

#[test]
fn a_file_changed_between_read_and_write_is_not_overwritten() {
    let edit = "// edited meanwhile\n";
    let (dir, r) = fix_with_a_pause(|d| fs::write(d.join("a.js"), edit).unwrap());
    expect(
        &r,
        1,
        "a.js",
        "changed while it was being checked; not overwritten",
    );
    assert_eq!(read(&dir, "a.js"), edit);
}

fn read(dir: &tempfile::TempDir, name: &str) -> String {
    fs::read_to_string(dir.path().join(name)).unwrap()
}

fn is_root() -> bool {
    std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

#[test]
fn bad_files_that_mention_nothing_flexy_are_skipped_quietly() {
    // The prefilter reads their bytes and finds no needle (src/prefilter.rs): no rule could
    // report anything, so they are neither decoded nor parsed, and nothing is said of them.
    let n = 200_000;
    let arrays = format!("const x = {}1{};\n", "[".repeat(n), "]".repeat(n));
    let line = "function g(a,b){return a*2+b;}\n";
    let big = line.repeat(11_000_000 / line.len() + 1);
    let dir = project(&[
        ("logo.js", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".as_slice()),
        ("latin1.php", b"<?php echo 'caf\xe9';\n".as_slice()),
        ("d/arrays.js", arrays.as_bytes()),
        ("gen/big.js", big.as_bytes()),
        ("good.js", GOOD.as_bytes()),
    ]);
    let r = check(dir.path());
    assert_eq!(r.code, 1, "{}", r.stderr);
    good_reported(&r);
    for file in ["logo.js", "latin1.php", "arrays.js", "big.js"] {
        assert!(!r.stderr.contains(file), "{file} named:\n{}", r.stderr);
    }
    assert!(r.stdout.contains("(5 files checked)"), "{}", r.stdout);
    // Without the prefilter, each is reported as before.
    let r = run(
        dir.path(),
        &["check", ".", "--output-format", "concise", "--no-prefilter"],
    );
    for (file, message) in [
        ("logo.js", "looks binary"),
        ("d/arrays.js", "deeper than v3-migrate analyses"),
        ("gen/big.js", "over the 10.0 MB limit"),
    ] {
        expect(&r, 1, file, message);
    }
    good_reported(&r);
}
