//! The command line, end to end: exit codes, `--diff`, `--fix` on temporary copies,
//! idempotence, bytes kept outside the edits, output formats.

mod common;

use common::{cmd, project};

use std::fs;

use predicates::prelude::*;

const V2_JS: &str = "const KEY = process.env.FLEXY_KEY;\nfetch(\"https://flexy-api.oneclickdz.com/v2/plans/listAll\", {\n  headers: { authorization: KEY },\n});\n";
const V3_JS: &str = "const KEY = process.env.FLEXY_KEY;\nfetch(\"https://api.oneclickdz.com/v3/mobile/plans\", {\n  headers: { \"X-Access-Token\": KEY },\n});\n";

#[test]
fn exit_codes() {
    let dir = project(&[
        ("a.js", V2_JS.as_bytes()),
        (
            "clean/b.js",
            b"fetch('https://api.example.com/v2/users');\n",
        ),
    ]);
    cmd(dir.path()).args(["check", "clean"]).assert().code(0);
    cmd(dir.path()).args(["check", "."]).assert().code(1);
    cmd(dir.path())
        .args(["check", ".", "--exit-zero"])
        .assert()
        .code(0);
    cmd(dir.path())
        .args(["check", "missing-dir"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing-dir"));
    cmd(dir.path())
        .args(["check", ".", "--select", "no-such-rule"])
        .assert()
        .code(2);
    // Only the selected rule: the auth header is left alone.
    cmd(dir.path())
        .args([
            "check",
            ".",
            "--select",
            "v2-auth-header",
            "--output-format",
            "concise",
        ])
        .assert()
        .code(1)
        .stdout(
            predicate::str::contains("v2-auth-header")
                .and(predicate::str::contains("v2-endpoint").not()),
        );
}

#[test]
fn diff_shows_the_patch_and_writes_nothing() {
    let dir = project(&[("src/a.js", V2_JS.as_bytes())]);
    let out = cmd(dir.path())
        .args(["check", ".", "--diff"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(out.contains("--- a/src/a.js\n+++ b/src/a.js\n"), "{out}");
    assert!(
        out.contains("\n-fetch(\"https://flexy-api.oneclickdz.com/v2/plans/listAll\", {\n"),
        "{out}"
    );
    assert!(
        out.contains("\n+fetch(\"https://api.oneclickdz.com/v3/mobile/plans\", {\n"),
        "{out}"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("src/a.js")).unwrap(),
        V2_JS
    );
    // Nothing to change: empty diff, exit 0.
    let clean = project(&[("b.js", V3_JS.as_bytes())]);
    cmd(clean.path())
        .args(["check", ".", "--diff"])
        .assert()
        .code(0)
        .stdout("");
}

#[test]
fn fix_rewrites_then_is_a_no_op() {
    let dir = project(&[("a.js", V2_JS.as_bytes())]);
    cmd(dir.path())
        .args(["check", ".", "--fix"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("2 fixed, 0 remaining"));
    assert_eq!(fs::read_to_string(dir.path().join("a.js")).unwrap(), V3_JS);
    cmd(dir.path())
        .args(["check", ".", "--fix"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("0 fixed"));
    assert_eq!(fs::read_to_string(dir.path().join("a.js")).unwrap(), V3_JS);
    cmd(dir.path()).args(["check", "."]).assert().code(0);
}

#[test]
fn fix_keeps_crlf_bom_final_newline_and_permissions() {
    let crlf = V2_JS.replace('\n', "\r\n");
    let mut bom = b"\xef\xbb\xbf".to_vec();
    bom.extend_from_slice(V2_JS.as_bytes());
    let no_newline = V2_JS.trim_end();
    let dir = project(&[
        ("crlf.js", crlf.as_bytes()),
        ("bom.js", &bom),
        ("nonl.js", no_newline.as_bytes()),
    ]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(
            dir.path().join("crlf.js"),
            fs::Permissions::from_mode(0o640),
        )
        .unwrap();
    }
    cmd(dir.path())
        .args(["check", ".", "--fix"])
        .assert()
        .code(0);
    assert_eq!(
        fs::read_to_string(dir.path().join("crlf.js")).unwrap(),
        V3_JS.replace('\n', "\r\n")
    );
    let mut want = b"\xef\xbb\xbf".to_vec();
    want.extend_from_slice(V3_JS.as_bytes());
    assert_eq!(fs::read(dir.path().join("bom.js")).unwrap(), want);
    assert_eq!(
        fs::read_to_string(dir.path().join("nonl.js")).unwrap(),
        V3_JS.trim_end()
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(dir.path().join("crlf.js"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o640);
    }
    // No temp files left behind.
    let names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into())
        .collect();
    assert_eq!(names.len(), 3, "{names:?}");
}

#[test]
fn ignored_files_are_skipped_unless_named() {
    let dir = project(&[
        (".gitignore", b"gen/\n"),
        ("gen/a.js", V2_JS.as_bytes()),
        (".hidden/b.js", V2_JS.as_bytes()),
    ]);
    cmd(dir.path()).args(["check", "."]).assert().code(0);
    cmd(dir.path()).args(["check", "gen/a.js"]).assert().code(1);
}

#[test]
fn bad_files_are_reported_and_the_run_goes_on() {
    // Both mention Flexy, so the prefilter lets them through (without, they are clean).
    let dir = project(&[
        (
            "latin1.php",
            b"<?php\n$s = 'caf\xe9'; // flexy-api.oneclickdz.com\n",
        ),
        ("bin.js", b"\x00\x01\x02 flexy-api.oneclickdz.com"),
        ("a.js", V2_JS.as_bytes()),
    ]);
    cmd(dir.path())
        .args(["check", ".", "--output-format", "concise"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("latin1.php").and(predicate::str::contains("not UTF-8")))
        .stderr(predicate::str::contains("bin.js"))
        .stdout(predicate::str::contains("a.js:2:8: v2-endpoint"));
}

#[test]
fn json_has_the_documented_shape() {
    let dir = project(&[("a.js", V2_JS.as_bytes())]);
    let out = cmd(dir.path())
        .args(["check", ".", "--output-format", "json"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    insta::assert_json_snapshot!("json_output", v);
    let first = &v[0];
    assert_eq!(first["rule"], "v2-endpoint");
    assert_eq!(first["file"], "a.js");
    assert_eq!(first["start"]["line"], 2);
    assert_eq!(first["start"]["column"], 8);
    assert_eq!(first["fix"]["applicability"], "safe");
}

#[test]
fn sarif_has_rules_and_regions() {
    let dir = project(&[("a.js", V2_JS.as_bytes())]);
    let out = cmd(dir.path())
        .args(["check", ".", "--output-format", "sarif"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["version"], "2.1.0");
    let run = &v["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), v3_migrate::rules::Rule::ALL.len());
    assert!(rules.iter().all(|r| r["shortDescription"]["text"]
        .as_str()
        .is_some_and(|t| !t.is_empty())));
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
    assert_eq!(results[0]["ruleId"], "v2-endpoint");
    assert_eq!(results[0]["level"], "error");
    assert_eq!(
        results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "a.js"
    );
    assert_eq!(
        results[0]["locations"][0]["physicalLocation"]["region"]["startLine"],
        2
    );
}

#[test]
fn human_output_shows_the_span_and_the_replacement() {
    let dir = project(&[("a.js", V2_JS.as_bytes())]);
    let out = cmd(dir.path())
        .args(["check", "."])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    insta::assert_snapshot!("human_output", out);
    assert!(out.contains("a.js:2:8"));
    assert!(out.contains("2 findings in 1 file, 2 fixable"));
}

#[test]
fn rules_and_explain() {
    let dir = tempfile::tempdir().unwrap();
    cmd(dir.path()).arg("rules").assert().code(0).stdout(
        predicate::str::contains("v2-endpoint").and(predicate::str::contains("root-pagination")),
    );
    cmd(dir.path())
        .args(["explain", "v2-auth-header"])
        .assert()
        .code(0)
        .stdout(
            predicate::str::contains("## Fix safety")
                .and(predicate::str::contains("X-Access-Token")),
        );
    cmd(dir.path()).args(["explain", "nope"]).assert().code(2);
}

/// Files linked by imports move together: a client module whose wrapper returns bodies to
/// a caller in another file of the run is blocked (the caller's error checks are not
/// followed across files), and so is every file linked to a blocked one. Checked alone,
/// the client module is migrated as before.
#[test]
fn files_linked_by_imports_move_together() {
    const CLIENT: &str = "const BASE = \"https://flexy-api.oneclickdz.com\";\nasync function balance(key) {\n  const res = await fetch(BASE + \"/v2/account/balance\", { headers: { authorization: key } });\n  return res.json();\n}\nmodule.exports = { balance };\n";
    const MAIN: &str = "const { balance } = require(\"./client\");\nbalance(process.env.KEY).then((r) => {\n  if (r.error) console.log(\"refused\", r.message);\n  else console.log(r.balance);\n});\n";
    let dir = project(&[
        ("client.js", CLIENT.as_bytes()),
        ("main.js", MAIN.as_bytes()),
    ]);
    // The caller reads the v2 error: the module keeps returning the whole response, and
    // the caller's reads move to v3's `data` and `error`, in the same run.
    cmd(dir.path())
        .args(["check", "--fix", "--output-format", "concise", "."])
        .assert()
        .code(0);
    let client = fs::read_to_string(dir.path().join("client.js")).unwrap();
    assert!(client.contains("/v3/account/balance") && client.contains("return res.json();"));
    assert_eq!(
        fs::read_to_string(dir.path().join("main.js")).unwrap(),
        MAIN.replace("r.message", "r.error.message")
            .replace("r.balance", "r.data.balance")
    );

    // PHP: the client's base and header are safe, the caller's own unit is blocked (a path
    // that matches no v3 endpoint), so neither file moves.
    const PHP_CLIENT: &str = "<?php\nconst FLEXY = 'https://flexy-api.oneclickdz.com';\nfunction flexy_get(string $path, string $key): array\n{\n    $ch = curl_init(FLEXY . $path);\n    curl_setopt($ch, CURLOPT_HTTPHEADER, ['authorization: ' . $key]);\n    curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);\n    return json_decode(curl_exec($ch), true);\n}\n";
    const PHP_MAIN: &str = "<?php\nrequire __DIR__ . '/lib/flexy.php';\n$b = flexy_get('/v2/topup/cancelTopup/REF/x-1', 'k');\necho $b['status'];\n";
    let dir = project(&[
        ("lib/flexy.php", PHP_CLIENT.as_bytes()),
        ("main.php", PHP_MAIN.as_bytes()),
    ]);
    cmd(dir.path())
        .args(["check", "--fix", "--output-format", "concise", "."])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("in other files of the run"));
    assert_eq!(
        fs::read_to_string(dir.path().join("lib/flexy.php")).unwrap(),
        PHP_CLIENT
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("main.php")).unwrap(),
        PHP_MAIN
    );
}
