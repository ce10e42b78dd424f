//! UTF-16 source files (with a byte order mark, as Windows editors save them): checked,
//! fixed, and written back in UTF-16 with the same mark and byte order.

mod common;

use std::fs;

use common::{cmd, project};

const V2: &str = "// café\r\nfetch(\"https://flexy-api.oneclickdz.com/v2/plans/listAll\");\r\n";
const V3: &str = "// café\r\nfetch(\"https://api.oneclickdz.com/v3/mobile/plans\");\r\n";

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut bytes = if big_endian {
        vec![0xfe, 0xff]
    } else {
        vec![0xff, 0xfe]
    };
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        });
    }
    bytes
}

#[test]
fn utf16_files_are_checked_and_fixed_in_utf16() {
    let le = utf16(V2, false);
    let be = utf16(V2, true);
    let dir = project(&[("le.js", &le), ("be.py", &be)]);
    let be_py = utf16(&V2.replace("// ", "# ").replace(';', ""), true);
    fs::write(dir.path().join("be.py"), &be_py).unwrap();

    let out = cmd(dir.path())
        .args(["check", ".", "--output-format", "concise"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("le.js:2:8: v2-endpoint"), "{stdout}");
    assert!(stdout.contains("be.py:2:8: v2-endpoint"), "{stdout}");
    // With --no-prefilter, the same.
    let out = cmd(dir.path())
        .args(["check", ".", "--output-format", "concise", "--no-prefilter"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("le.js:2:8: v2-endpoint"));

    // The patch is shown as text.
    let out = cmd(dir.path())
        .args(["check", "le.js", "--diff"])
        .output()
        .unwrap();
    let diff = String::from_utf8_lossy(&out.stdout);
    assert!(
        diff.contains("+fetch(\"https://api.oneclickdz.com/v3/mobile/plans\");"),
        "{diff}"
    );

    let out = cmd(dir.path())
        .args(["check", ".", "--fix"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        fs::read(dir.path().join("le.js")).unwrap(),
        utf16(V3, false)
    );
    assert_eq!(
        fs::read(dir.path().join("be.py")).unwrap(),
        utf16(&V3.replace("// ", "# ").replace(';', ""), true)
    );
}

#[test]
fn a_file_with_a_utf16_mark_that_is_not_utf16_is_said() {
    let mut odd = utf16(V2, false);
    odd.push(b'x');
    let dir = project(&[("odd.js", &odd)]);
    let out = cmd(dir.path())
        .env("NO_COLOR", "1")
        .args(["check", "."])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(
            "odd.js: starts with a UTF-16 byte order mark but is not UTF-16 text; skipped"
        ),
        "{stderr}"
    );
    assert_eq!(fs::read(dir.path().join("odd.js")).unwrap(), odd);
}
