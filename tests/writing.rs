//! What `--fix` and the output files (`--write-baseline`, `report --ratchet`) write, and
//! where: only the very file that was read, with its owner, group, mode, extended attributes
//! and hard links kept or the write refused; never through a folder swapped for a link;
//! never over a device, FIFO or link; no temporary file left behind on SIGINT or SIGTERM.

mod common;

use std::fs;
use std::os::unix::fs::{symlink, MetadataExt, PermissionsExt};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use common::{cmd, project};

const GOOD: &str = "fetch(\"https://flexy-api.oneclickdz.com/v2/plans/listAll\");\n";
const GOOD_FIXED: &str = "fetch(\"https://api.oneclickdz.com/v3/mobile/plans\");\n";

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(dir: &Path, args: &[&str]) -> Run {
    let out = cmd(dir).env("NO_COLOR", "1").args(args).output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).to_string(),
        stderr: String::from_utf8_lossy(&out.stderr).to_string(),
    }
}

/// `v3-migrate ARGS` in `dir`, with `env` set to `pause` (a pause hook of src/write.rs).
fn spawn_paused(dir: &Path, env: &str, pause: &Path, args: &[&str]) -> Child {
    Command::new(assert_cmd::cargo::cargo_bin("v3-migrate"))
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env(env, pause)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Waits until the run paused at its write number `n`.
fn wait_ready(pause: &Path, n: usize) {
    let ready = pause.join(format!("{n}.ready"));
    let start = std::time::Instant::now();
    while !ready.exists() {
        assert!(
            start.elapsed().as_secs() < 60,
            "the run never reached the pause {}",
            ready.display()
        );
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

fn go(pause: &Path, n: usize) {
    fs::write(pause.join(format!("{n}.go")), b"").unwrap();
}

fn finish(child: Child) -> Run {
    let out = child.wait_with_output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).to_string(),
        stderr: String::from_utf8_lossy(&out.stderr).to_string(),
    }
}

/// Every file under `dir`, links not followed.
fn files_under(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for e in fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if e.file_type().unwrap().is_dir() {
            out.extend(files_under(&p));
        } else {
            out.push(p.to_string_lossy().to_string());
        }
    }
    out
}

fn temp_files(dir: &Path) -> Vec<String> {
    files_under(dir)
        .into_iter()
        .filter(|p| p.contains(".v3-migrate-"))
        .collect()
}

#[test]
fn a_folder_swapped_for_a_link_between_read_and_write_is_not_written_through() {
    let dir = project(&[("root/sub/a.js", GOOD.as_bytes())]);
    // The folder outside holds a file with the very text that was read, so that a
    // content check alone would let the write go through.
    let outside = project(&[("a.js", GOOD.as_bytes())]);
    let pause = tempfile::tempdir().unwrap();
    let child = spawn_paused(
        dir.path(),
        "V3_MIGRATE_TEST_PAUSE_DIR",
        pause.path(),
        &["check", "root", "--fix", "--output-format", "concise"],
    );
    wait_ready(pause.path(), 0);
    let sub = dir.path().join("root/sub");
    fs::rename(&sub, dir.path().join("moved")).unwrap();
    symlink(outside.path(), &sub).unwrap();
    go(pause.path(), 0);
    let r = finish(child);
    assert_eq!(
        fs::read_to_string(outside.path().join("a.js")).unwrap(),
        GOOD,
        "written outside the checked tree\n{}",
        r.stderr
    );
    assert_eq!(files_under(outside.path()).len(), 1, "a file added outside");
    assert_eq!(
        fs::read_to_string(dir.path().join("moved/a.js")).unwrap(),
        GOOD
    );
    assert!(
        r.stderr
            .lines()
            .any(|l| l.contains("root/sub/a.js") && l.contains("replaced")),
        "no message naming the file:\n{}",
        r.stderr
    );
    assert!(r.stderr.contains("help:"), "{}", r.stderr);
    assert_eq!(r.code, 1, "{}", r.stderr);
}

#[test]
fn a_file_swapped_for_a_link_between_read_and_write_is_not_written_through() {
    let dir = project(&[("root/a.js", GOOD.as_bytes())]);
    let outside = project(&[("target.js", GOOD.as_bytes())]);
    let pause = tempfile::tempdir().unwrap();
    let child = spawn_paused(
        dir.path(),
        "V3_MIGRATE_TEST_PAUSE_DIR",
        pause.path(),
        &["check", ".", "--fix", "--output-format", "concise"],
    );
    wait_ready(pause.path(), 0);
    let a = dir.path().join("root/a.js");
    fs::remove_file(&a).unwrap();
    symlink(outside.path().join("target.js"), &a).unwrap();
    go(pause.path(), 0);
    let r = finish(child);
    assert_eq!(
        fs::read_to_string(outside.path().join("target.js")).unwrap(),
        GOOD
    );
    assert!(fs::symlink_metadata(&a).unwrap().file_type().is_symlink());
    assert!(
        r.stderr
            .lines()
            .any(|l| l.contains("root/a.js") && l.contains("replaced")),
        "{}",
        r.stderr
    );
}

#[test]
fn a_named_symbolic_link_is_written_through_and_stays_a_link() {
    let dir = project(&[("real/a.js", GOOD.as_bytes())]);
    symlink("real/a.js", dir.path().join("link.js")).unwrap();
    let r = run(
        dir.path(),
        &["check", "link.js", "--fix", "--output-format", "concise"],
    );
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    assert_eq!(
        fs::read_to_string(dir.path().join("real/a.js")).unwrap(),
        GOOD_FIXED
    );
    let link = fs::symlink_metadata(dir.path().join("link.js")).unwrap();
    assert!(link.file_type().is_symlink());
    assert!(temp_files(dir.path()).is_empty());
}

#[test]
fn a_fixed_file_keeps_its_owner_group_and_mode() {
    let dir = project(&[("a.js", GOOD.as_bytes()), ("b.js", GOOD.as_bytes())]);
    let a = dir.path().join("a.js");
    std::os::unix::fs::chown(&a, Some(12345), Some(23456)).unwrap();
    // The set-user-id bit is cleared by a change of owner: the mode must come after it.
    fs::set_permissions(&a, fs::Permissions::from_mode(0o6754)).unwrap();
    let b = dir.path().join("b.js");
    fs::set_permissions(&b, fs::Permissions::from_mode(0o640)).unwrap();
    let r = run(dir.path(), &["check", ".", "--fix"]);
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    assert_eq!(fs::read_to_string(&a).unwrap(), GOOD_FIXED);
    let m = fs::metadata(&a).unwrap();
    assert_eq!((m.uid(), m.gid()), (12345, 23456));
    assert_eq!(m.mode() & 0o7777, 0o6754);
    let m = fs::metadata(&b).unwrap();
    assert_eq!(fs::read_to_string(&b).unwrap(), GOOD_FIXED);
    assert_eq!(m.mode() & 0o7777, 0o640);
}

#[test]
fn a_file_whose_owner_cannot_be_kept_is_not_written() {
    // Run as a user (12345) who may write the file (mode 0666) but not give it back to its
    // owner (23456): root for the setup, `setpriv` (util-linux) to drop to that user.
    if !root_with_setpriv() {
        eprintln!("note: needs root and setpriv to run as another user; not tested");
        return;
    }
    let dir = project(&[("a.js", GOOD.as_bytes()), ("mine.js", GOOD.as_bytes())]);
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o777)).unwrap();
    let a = dir.path().join("a.js");
    std::os::unix::fs::chown(&a, Some(23456), Some(23456)).unwrap();
    fs::set_permissions(&a, fs::Permissions::from_mode(0o666)).unwrap();
    let mine = dir.path().join("mine.js");
    std::os::unix::fs::chown(&mine, Some(12345), Some(12345)).unwrap();
    let out = Command::new("setpriv")
        .args(["--reuid=12345", "--regid=12345", "--clear-groups"])
        .arg(assert_cmd::cargo::cargo_bin("v3-migrate"))
        .args(["check", ".", "--fix", "--output-format", "concise"])
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(fs::read_to_string(&a).unwrap(), GOOD, "written: {stderr}");
    let m = fs::metadata(&a).unwrap();
    assert_eq!((m.uid(), m.gid()), (23456, 23456));
    assert!(
        stderr
            .lines()
            .any(|l| l.contains("a.js") && l.contains("owner and group cannot be kept")),
        "{stderr}"
    );
    assert_eq!(fs::read_to_string(&mine).unwrap(), GOOD_FIXED, "{stderr}");
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(temp_files(dir.path()).is_empty());
}

#[test]
fn a_file_whose_extended_attribute_cannot_be_kept_is_not_written() {
    // `security.capability` (a file capability) can be read by anyone and set only with
    // CAP_SETFCAP: run as a user (12345) who owns the file but may not set it again.
    if !root_with_setpriv() {
        eprintln!("note: needs root and setpriv to run as another user; not tested");
        return;
    }
    let dir = project(&[("a.js", GOOD.as_bytes())]);
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o777)).unwrap();
    let a = dir.path().join("a.js");
    std::os::unix::fs::chown(&a, Some(12345), Some(12345)).unwrap();
    // VFS_CAP_REVISION_2, CAP_NET_BIND_SERVICE permitted.
    let mut cap = Vec::new();
    for word in [0x0200_0000u32, 1 << 10, 0, 0, 0] {
        cap.extend_from_slice(&word.to_le_bytes());
    }
    if let Err(e) = rustix::fs::setxattr(
        &a,
        "security.capability",
        &cap,
        rustix::fs::XattrFlags::empty(),
    ) {
        eprintln!("note: cannot set a file capability here ({e}); not tested");
        return;
    }
    let out = Command::new("setpriv")
        .args(["--reuid=12345", "--regid=12345", "--clear-groups"])
        .arg(assert_cmd::cargo::cargo_bin("v3-migrate"))
        .args(["check", ".", "--fix", "--output-format", "concise"])
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(fs::read_to_string(&a).unwrap(), GOOD, "written: {stderr}");
    let mut value = [0u8; 64];
    let n = rustix::fs::getxattr(&a, "security.capability", &mut value[..]).unwrap();
    assert_eq!(&value[..n], cap.as_slice());
    assert!(
        stderr.lines().any(|l| l.contains("a.js")
            && l.contains("extended attribute `security.capability` cannot be kept")),
        "{stderr}"
    );
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(temp_files(dir.path()).is_empty());
}

fn root_with_setpriv() -> bool {
    let as_root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
    as_root && Command::new("setpriv").arg("--version").output().is_ok()
}

#[test]
fn a_fixed_file_keeps_its_extended_attributes() {
    let dir = project(&[("a.js", GOOD.as_bytes())]);
    let a = dir.path().join("a.js");
    if let Err(e) = rustix::fs::setxattr(
        &a,
        "user.origin",
        b"vendor",
        rustix::fs::XattrFlags::empty(),
    ) {
        eprintln!("note: extended attributes not supported here ({e}); not tested");
        return;
    }
    let r = run(dir.path(), &["check", ".", "--fix"]);
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    assert_eq!(fs::read_to_string(&a).unwrap(), GOOD_FIXED);
    let mut value = [0u8; 64];
    let n =
        rustix::fs::getxattr(&a, "user.origin", &mut value[..]).expect("the attribute was dropped");
    assert_eq!(&value[..n], b"vendor");
}

#[test]
fn a_file_with_hard_links_is_not_split() {
    let dir = project(&[("a.js", GOOD.as_bytes()), ("good.js", GOOD.as_bytes())]);
    fs::hard_link(dir.path().join("a.js"), dir.path().join("other-name.txt")).unwrap();
    let r = run(
        dir.path(),
        &["check", ".", "--fix", "--output-format", "concise"],
    );
    let a = fs::metadata(dir.path().join("a.js")).unwrap();
    let other = fs::metadata(dir.path().join("other-name.txt")).unwrap();
    assert_eq!(a.ino(), other.ino(), "the hard link was split");
    assert_eq!(a.nlink(), 2);
    assert_eq!(
        fs::read_to_string(dir.path().join("a.js")).unwrap(),
        GOOD,
        "written, though refused"
    );
    assert!(
        r.stderr
            .lines()
            .any(|l| l.contains("a.js") && l.contains("2 hard links")),
        "{}",
        r.stderr
    );
    assert!(r.stdout.contains("a.js:1:8: v2-endpoint"), "{}", r.stdout);
    assert_eq!(
        fs::read_to_string(dir.path().join("good.js")).unwrap(),
        GOOD_FIXED
    );
    assert_eq!(r.code, 1);
}

/// A FIFO at `path` (`mkfifo`, from coreutils).
fn mkfifo(path: &Path) {
    let ok = Command::new("mkfifo").arg(path).status().unwrap().success();
    assert!(ok, "mkfifo failed");
}

#[test]
fn the_baseline_is_not_written_over_a_fifo() {
    let dir = project(&[("a.js", GOOD.as_bytes())]);
    mkfifo(&dir.path().join("base.json"));
    let r = run(dir.path(), &["check", ".", "--write-baseline", "base.json"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("base.json") && r.stderr.contains("not a regular file"),
        "{}",
        r.stderr
    );
    let m = fs::symlink_metadata(dir.path().join("base.json")).unwrap();
    assert!(
        std::os::unix::fs::FileTypeExt::is_fifo(&m.file_type()),
        "the FIFO was replaced"
    );
    assert!(temp_files(dir.path()).is_empty());
}

#[test]
fn the_ratchet_file_is_not_written_over_a_fifo() {
    let dir = project(&[("a.js", GOOD.as_bytes())]);
    mkfifo(&dir.path().join("ratchet.json"));
    let r = run(dir.path(), &["report", ".", "--ratchet", "ratchet.json"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("ratchet.json") && r.stderr.contains("not a regular file"),
        "{}",
        r.stderr
    );
    let m = fs::symlink_metadata(dir.path().join("ratchet.json")).unwrap();
    assert!(std::os::unix::fs::FileTypeExt::is_fifo(&m.file_type()));
}

#[test]
fn an_output_file_named_by_a_link_is_written_through_it() {
    let dir = project(&[("a.js", GOOD.as_bytes()), ("store/base.json", b"{}")]);
    fs::set_permissions(
        dir.path().join("store/base.json"),
        fs::Permissions::from_mode(0o640),
    )
    .unwrap();
    symlink("store/base.json", dir.path().join("base.json")).unwrap();
    let r = run(dir.path(), &["check", ".", "--write-baseline", "base.json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(fs::symlink_metadata(dir.path().join("base.json"))
        .unwrap()
        .file_type()
        .is_symlink());
    let target = dir.path().join("store/base.json");
    let written = fs::read_to_string(&target).unwrap();
    assert!(written.contains("\"v2-endpoint\""), "{written}");
    assert_eq!(fs::metadata(&target).unwrap().mode() & 0o7777, 0o640);
    // A link to a folder, or to nothing, is refused.
    symlink("store", dir.path().join("to-dir.json")).unwrap();
    let r = run(
        dir.path(),
        &["check", ".", "--write-baseline", "to-dir.json"],
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("to-dir.json"), "{}", r.stderr);
    assert!(fs::symlink_metadata(dir.path().join("to-dir.json"))
        .unwrap()
        .file_type()
        .is_symlink());
    // A new file gets the usual mode of a new file, not a temporary file's 0600.
    let r = run(dir.path(), &["check", ".", "--write-baseline", "new.json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mode = fs::metadata(dir.path().join("new.json")).unwrap().mode() & 0o777;
    assert_ne!(mode, 0o600, "a new baseline kept the temporary file's mode");
    assert!(temp_files(dir.path()).is_empty());
}

/// SIGTERM or SIGINT (`kill -SIG PID`) while a write is in flight.
fn interrupted_write(signal: &str) {
    let dir = project(&[("a.js", GOOD.as_bytes())]);
    let pause = tempfile::tempdir().unwrap();
    let child = spawn_paused(
        dir.path(),
        "V3_MIGRATE_TEST_PAUSE_RENAME_DIR",
        pause.path(),
        &["check", ".", "--fix"],
    );
    wait_ready(pause.path(), 0);
    // The temporary file is written and waits to be renamed.
    assert_eq!(temp_files(dir.path()).len(), 1, "no write in flight");
    let ok = Command::new("kill")
        .args([signal, &child.id().to_string()])
        .status()
        .unwrap()
        .success();
    assert!(ok);
    let r = finish(child);
    assert_eq!(r.code, 130, "{signal}: {}", r.stderr);
    assert!(
        temp_files(dir.path()).is_empty(),
        "{signal}: temporary files left: {:?}",
        temp_files(dir.path())
    );
    let now = fs::read_to_string(dir.path().join("a.js")).unwrap();
    assert!(now == GOOD || now == GOOD_FIXED, "{signal}: torn: {now}");
}

#[test]
fn sigterm_during_the_write_leaves_no_temporary_file() {
    interrupted_write("-TERM");
}

#[test]
fn sigint_during_the_write_leaves_no_temporary_file() {
    interrupted_write("-INT");
}

#[test]
fn a_file_named_twice_is_checked_once() {
    let dir = project(&[("a.js", GOOD.as_bytes())]);
    let r = run(
        dir.path(),
        &["check", "a.js", "a.js", "--output-format", "concise"],
    );
    assert_eq!(
        r.stdout.matches("a.js:1:8: v2-endpoint").count(),
        1,
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("(1 file checked)"), "{}", r.stdout);
    // Reached from a folder and by name, through a link: fixed once, no "changed" report.
    symlink("a.js", dir.path().join("link.js")).unwrap();
    let r = run(
        dir.path(),
        &[
            "check",
            ".",
            "./a.js",
            "link.js",
            "--fix",
            "--output-format",
            "concise",
        ],
    );
    assert!(!r.stderr.contains("changed while"), "{}", r.stderr);
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    assert_eq!(
        fs::read_to_string(dir.path().join("a.js")).unwrap(),
        GOOD_FIXED
    );
}

#[test]
fn findings_of_a_file_not_written_point_into_its_original_text() {
    // A fix that shortens the first line, and a finding with no fix far to its right: on
    // the fixed text its columns would be wrong, and past the end of a shorter file.
    let src = "const r = await fetch(\"https://flexy-api.oneclickdz.com/v2/plans/listAll\"); const d = await r.json(); console.log(d.dymanicPlans);\nfetch(\"https://flexy-api.oneclickdz.com/v2/topup/list\");\n";
    let dir = project(&[
        ("locked.js", src.as_bytes()),
        (
            "binary.js",
            b"fetch(\"https://flexy-api.oneclickdz.com/v2/x\")\0\0",
        ),
        ("z.js", GOOD.as_bytes()),
    ]);
    let plain = run(dir.path(), &["check", ".", "--output-format", "json"]);
    fs::set_permissions(
        dir.path().join("locked.js"),
        fs::Permissions::from_mode(0o444),
    )
    .unwrap();
    let fixed = run(
        dir.path(),
        &["check", ".", "--fix", "--output-format", "json"],
    );
    assert!(!fixed.stderr.contains("panicked"), "{}", fixed.stderr);
    let of_locked = |r: &Run| -> Vec<serde_json::Value> {
        let all: Vec<serde_json::Value> = serde_json::from_str(&r.stdout).unwrap();
        all.into_iter()
            .filter(|f| f["file"] == "locked.js")
            .map(|mut f| {
                f.as_object_mut().unwrap().remove("fix");
                f
            })
            .collect()
    };
    let before = of_locked(&plain);
    assert!(before.len() >= 3, "{}", plain.stdout);
    assert_eq!(of_locked(&fixed), before);
    // The human format prints each snippet from the original text, without a panic.
    let human = run(dir.path(), &["check", ".", "--fix"]);
    assert!(!human.stderr.contains("panicked"), "{}", human.stderr);
    assert!(
        human
            .stdout
            .contains("flexy-api.oneclickdz.com/v2/topup/list"),
        "{}",
        human.stdout
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("locked.js")).unwrap(),
        src
    );
}
