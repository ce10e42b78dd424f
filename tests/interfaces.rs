//! The CI and editor interfaces, end to end: suppression comments, `v3-migrate.toml`,
//! `--select/--ignore`, exit-code flags, `--show-fixes`, `--statistics`, `--stdin-filename`,
//! `rules` and `explain`, the progress line, and the pre-commit hooks.

mod common;

use common::{cmd, text_project as project};

use std::fs;

use assert_cmd::Command;
use predicates::prelude::*;
use tempfile::TempDir;

const V2_JS: &str = "const KEY = process.env.FLEXY_KEY;\nfetch(\"https://flexy-api.oneclickdz.com/v2/plans/listAll\", {\n  headers: { authorization: KEY },\n});\n";
const V3_JS: &str = "const KEY = process.env.FLEXY_KEY;\nfetch(\"https://api.oneclickdz.com/v3/mobile/plans\", {\n  headers: { \"X-Access-Token\": KEY },\n});\n";
const V2_PY: &str = "import requests\n\nBASE = \"https://flexy-api.oneclickdz.com\"\n\n\ndef balance(key):\n    r = requests.get(BASE + \"/v2/account/balance\", headers={\"authorization\": key})\n    return r.status_code\n";

/// Whether concise output has a finding of `rule` (a `blocked-migration` message may name
/// a rule it holds back).
fn found(out: &str, rule: &str) -> bool {
    out.lines().any(|l| l.contains(&format!(": {rule} ")))
}

fn stdout(c: &mut Command) -> String {
    String::from_utf8(c.output().unwrap().stdout).unwrap()
}

fn stderr(c: &mut Command) -> String {
    String::from_utf8(c.output().unwrap().stderr).unwrap()
}

fn read(dir: &TempDir, name: &str) -> String {
    fs::read_to_string(dir.path().join(name)).unwrap()
}

// ---- suppression comments ----

#[test]
fn suppressed_findings_are_counted_and_not_fixed() {
    let src = "const KEY = process.env.FLEXY_KEY;\n// v3-migrate: ignore[v2-endpoint]: proxied\nfetch(\"https://flexy-api.oneclickdz.com/v2/plans/listAll\", {\n  headers: { authorization: KEY }, // v3-migrate: ignore\n});\n";
    let dir = project(&[("a.js", src)]);
    cmd(dir.path())
        .args(["check", "."])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "0 findings in 0 files, 0 fixable, 2 suppressed (1 file checked)",
        ));
    cmd(dir.path())
        .args(["check", ".", "--fix"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("2 suppressed"));
    assert_eq!(read(&dir, "a.js"), src);
    // The same file without the comments: both findings come back.
    let bare = project(&[("a.js", V2_JS)]);
    cmd(bare.path())
        .args(["check", ".", "--output-format", "concise"])
        .assert()
        .code(1)
        .stdout(
            predicate::str::contains("v2-endpoint").and(predicate::str::contains("v2-auth-header")),
        );
}

#[test]
fn unused_suppressions_are_found_and_removed() {
    let src = "const KEY = process.env.FLEXY_KEY;\n// v3-migrate: ignore[v2-endpoint]\nfetch(\"https://api.oneclickdz.com/v3/mobile/plans\", {\n  headers: { \"X-Access-Token\": KEY }, // v3-migrate: ignore[v2-auth-header]\n});\n";
    let dir = project(&[("a.js", src)]);
    let out = stdout(cmd(dir.path()).args(["check", ".", "--output-format", "concise"]));
    assert_eq!(
        out.lines()
            .filter(|l| l.contains("unused-suppression"))
            .count(),
        2,
        "{out}"
    );
    assert!(out.contains("a.js:2:4: unused-suppression"), "{out}");
    // A rule that did not run is not judged: only the endpoint directive is unused.
    let out = stdout(cmd(dir.path()).args([
        "check",
        ".",
        "--select",
        "v2-endpoint,unused-suppression",
        "--output-format",
        "concise",
    ]));
    assert!(
        out.contains("a.js:2:4:") && !out.contains("a.js:4:"),
        "{out}"
    );
    // Ignoring the rule silences it.
    cmd(dir.path())
        .args(["check", ".", "--ignore", "unused-suppression"])
        .assert()
        .code(0);
    cmd(dir.path())
        .args(["check", ".", "--fix"])
        .assert()
        .code(0);
    assert_eq!(read(&dir, "a.js"), V3_JS);
}

#[test]
fn file_level_suppression_and_comment_syntaxes() {
    let dir = project(&[
        (
            "a.py",
            &format!("# v3-migrate: ignore-file[url]: kept on v2 by the gateway\n{V2_PY}"),
        ),
        (
            "b.php",
            "<?php\n/* v3-migrate: ignore */\n$ch = curl_init('https://flexy-api.oneclickdz.com/v2/plans/listAll');\n# v3-migrate: ignore[v2-auth-header]\ncurl_setopt($ch, CURLOPT_HTTPHEADER, ['authorization: ' . $key]);\n",
        ),
    ]);
    let out = stdout(cmd(dir.path()).args(["check", ".", "--output-format", "concise"]));
    // Python: the base URL and endpoint are ignored in the whole file, the header is not;
    // the header's unit stays on v2 with them, and `blocked-migration` says so.
    assert!(
        out.contains("a.py:8:") && found(&out, "v2-auth-header"),
        "{out}"
    );
    assert!(
        !found(&out, "v2-endpoint") && !found(&out, "v2-base-url"),
        "{out}"
    );
    assert!(found(&out, "blocked-migration"), "{out}");
    assert!(!out.contains("b.php"), "{out}");
    assert!(out.contains(", 4 suppressed"), "{out}");
}

// ---- exit codes, --show-fixes, --statistics ----

#[test]
fn exit_non_zero_on_fix() {
    let dir = project(&[("a.js", V2_JS)]);
    cmd(dir.path())
        .args(["check", ".", "--fix", "--exit-non-zero-on-fix"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("2 fixed, 0 remaining"));
    assert_eq!(read(&dir, "a.js"), V3_JS);
    // Nothing left to fix: 0.
    cmd(dir.path())
        .args(["check", ".", "--fix", "--exit-non-zero-on-fix"])
        .assert()
        .code(0);
    let dir = project(&[("a.js", V2_JS)]);
    cmd(dir.path())
        .args(["check", ".", "--fix"])
        .assert()
        .code(0);
    let dir = project(&[("a.js", V2_JS)]);
    cmd(dir.path())
        .args([
            "check",
            ".",
            "--fix",
            "--exit-non-zero-on-fix",
            "--exit-zero",
        ])
        .assert()
        .code(0);
}

#[test]
fn show_fixes_lists_what_was_applied() {
    let dir = project(&[("a.js", V2_JS), ("lib/b.py", V2_PY), ("c.js", V3_JS)]);
    let out = stdout(cmd(dir.path()).args(["check", ".", "--fix", "--show-fixes"]));
    insta::assert_snapshot!("show_fixes", out);
    // With --diff: what would be applied, on stderr (stdout holds the patch).
    let dir = project(&[("a.js", V2_JS)]);
    let err = stderr(cmd(dir.path()).args(["check", ".", "--diff", "--show-fixes"]));
    assert!(
        err.contains(
            "Would fix 2 findings:\n- a.js:\n    1 × v2-endpoint\n    1 × v2-auth-header\n"
        ),
        "{err}"
    );
}

#[test]
fn statistics_count_per_rule() {
    let dir = project(&[("a.js", V2_JS), ("lib/b.py", V2_PY)]);
    let out = stdout(cmd(dir.path()).args(["check", ".", "--statistics"]));
    insta::assert_snapshot!("statistics", out);
    let out =
        stdout(cmd(dir.path()).args(["check", ".", "--statistics", "--output-format", "json"]));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let auth = v
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["rule"] == "v2-auth-header")
        .unwrap();
    assert_eq!(auth["count"], 2);
    assert_eq!(auth["fixable"], 2);
}

// ---- v3-migrate.toml ----

#[test]
fn config_is_found_upward_and_applies() {
    let dir = project(&[
        (
            "v3-migrate.toml",
            "exclude = [\"vendor\", \"**/*.min.js\"]\nignore = [\"v2-auth-header\"]\n\n[per-file-ignores]\n\"legacy/**\" = [\"ALL\"]\n",
        ),
        ("app/a.js", V2_JS),
        ("app/vendor/lib.js", V2_JS),
        ("app/x.min.js", V2_JS),
        ("legacy/old.js", V2_JS),
    ]);
    let out =
        stdout(cmd(&dir.path().join("app")).args(["check", ".", "--output-format", "concise"]));
    assert!(out.contains("a.js:2:8: v2-endpoint"), "{out}");
    assert!(!found(&out, "v2-auth-header"), "{out}");
    // The header's rule is off, so its request stays on v2 whole.
    assert!(found(&out, "blocked-migration"), "{out}");
    assert!(!out.contains("vendor") && !out.contains("min.js"), "{out}");
    assert!(out.contains("(1 file checked)"), "{out}");
    // From the root: legacy/ is checked with every rule ignored.
    let out = stdout(cmd(dir.path()).args(["check", ".", "--output-format", "concise"]));
    assert!(
        out.contains("(2 files checked)") && !out.contains("legacy"),
        "{out}"
    );
    // --isolated: no config at all.
    let out =
        stdout(cmd(dir.path()).args(["check", ".", "--isolated", "--output-format", "concise"]));
    assert!(
        out.contains("(4 files checked)") && out.contains("v2-auth-header"),
        "{out}"
    );
    // A file named on the command line is checked unless --force-exclude.
    let out = stdout(cmd(dir.path()).args(["check", "app/x.min.js", "--output-format", "concise"]));
    assert!(out.contains("x.min.js:2:8: v2-endpoint"), "{out}");
    cmd(dir.path())
        .args(["check", "app/x.min.js", "--force-exclude"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("(0 files checked)"));
}

#[test]
fn config_select_include_hosts_and_unsafe_fixes() {
    let proxy = "const BASE = \"https://flexy-proxy.internal/v2\";\nasync function balance(key) {\n  const res = await fetch(BASE + \"/account/balance\", { headers: { authorization: key } });\n  const data = await res.json();\n  return data.balance;\n}\n";
    let dir = project(&[
        (
            "ci/flexy.toml",
            "include = [\"src/**\"]\nselect = [\"url\", \"auth\"]\nflexy-hosts = [\"flexy-proxy.internal\"]\n",
        ),
        ("src/proxy.js", proxy),
        ("scripts/a.js", V2_JS),
    ]);
    // --config FILE instead of the discovered one.
    fs::write(
        dir.path().join("v3-migrate.toml"),
        "select = [\"response\"]\n",
    )
    .unwrap();
    let out = stdout(cmd(dir.path()).args([
        "check",
        "scripts",
        "--config",
        "ci/flexy.toml",
        "--output-format",
        "concise",
    ]));
    assert!(
        out.contains("v2-auth-header") && out.contains("v2-endpoint"),
        "{out}"
    );
    fs::write(
        dir.path().join("v3-migrate.toml"),
        "include = [\"src/**\"]\nselect = [\"url\", \"auth\"]\nflexy-hosts = [\"flexy-proxy.internal\"]\n",
    )
    .unwrap();
    let out = stdout(cmd(dir.path()).args(["check", ".", "--output-format", "concise"]));
    // The proxy counts as the Flexy host; only url and auth rules run; scripts/ is not included.
    assert!(out.contains("src/proxy.js:1:23: v2-base-url"), "{out}");
    assert!(out.contains("v2-auth-header"), "{out}");
    assert!(
        !out.contains("unwrapped-response") && !out.contains("scripts"),
        "{out}"
    );
    // The command line's --select replaces the file's.
    let out = stdout(cmd(dir.path()).args([
        "check",
        ".",
        "--select",
        "unwrapped-response",
        "--output-format",
        "concise",
    ]));
    assert!(
        out.contains("unwrapped-response") && !out.contains("v2-base-url"),
        "{out}"
    );

    // unsafe-fixes = true: a fix that is unsafe without it is applied.
    let mixed = "fetch(\"https://api.example.com/users\");\nfetch(\"/v2/account/balance\", { headers: { authorization: process.env.K } });\nfetch(\"https://flexy-api.oneclickdz.com/v2/validate\");\n";
    let dir = project(&[("a.js", mixed)]);
    cmd(dir.path())
        .args(["check", ".", "--fix"])
        .assert()
        .code(1);
    let safe_only = read(&dir, "a.js");
    fs::write(dir.path().join("v3-migrate.toml"), "unsafe-fixes = true\n").unwrap();
    cmd(dir.path())
        .args(["check", ".", "--fix"])
        .assert()
        .code(0);
    let with_unsafe = read(&dir, "a.js");
    assert_ne!(safe_only, with_unsafe);
    assert!(
        with_unsafe.contains("\"/v3/account/balance\""),
        "{with_unsafe}"
    );
}

#[test]
fn config_errors_name_the_file_the_line_and_the_key() {
    let cases = [
        (
            "select = [\"v2-endpoint\"]\nselct = [\"x\"]\n",
            "v3-migrate.toml:2:1",
            "selct",
        ),
        (
            "ignore = [\"v2-endpoint\", \"no-such-rule\"]\n",
            "v3-migrate.toml:1:26",
            "no-such-rule",
        ),
        (
            "\n\nunsafe-fixes = \"yes\"\n",
            "v3-migrate.toml:3:",
            "unsafe-fixes",
        ),
        (
            "flexy-hosts = [\"https://gw.example.com/v2\"]\n",
            "v3-migrate.toml:1:",
            "gw.example.com",
        ),
        ("exclude = [\"a/[\"]\n", "v3-migrate.toml:1:", "a/["),
    ];
    for (toml, at, key) in cases {
        let dir = project(&[("v3-migrate.toml", toml), ("a.js", V2_JS)]);
        let err = stderr(cmd(dir.path()).env("NO_COLOR", "1").args(["check", "."]));
        assert!(err.contains(at) && err.contains(key), "{toml}: {err}");
        cmd(dir.path()).args(["check", "."]).assert().code(2);
    }
    let dir = project(&[("a.js", V2_JS)]);
    cmd(dir.path())
        .args(["check", ".", "--flexy-host", "https://gw.example.com/v2"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "write the host alone: gw.example.com",
        ));
    cmd(dir.path())
        .args(["check", ".", "--config", "nope.toml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nope.toml"));
}

// ---- --stdin-filename ----

#[test]
fn stdin_prints_findings_or_the_fixed_source() {
    let dir = project(&[]);
    cmd(dir.path())
        .args([
            "check",
            "--stdin-filename",
            "src/a.js",
            "--output-format",
            "concise",
        ])
        .write_stdin(V2_JS)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("src/a.js:2:8: v2-endpoint"));
    // --fix: exactly the fixed source on stdout, the summary on stderr.
    cmd(dir.path())
        .args(["check", "--stdin-filename", "src/a.js", "--fix", "-"])
        .write_stdin(V2_JS)
        .assert()
        .code(0)
        .stdout(V3_JS)
        .stderr(predicate::str::contains("2 fixed, 0 remaining"));
    // Nothing to fix: the input, byte for byte.
    cmd(dir.path())
        .args(["check", "--stdin-filename", "a.js", "--fix"])
        .write_stdin(V3_JS)
        .assert()
        .code(0)
        .stdout(V3_JS);
    cmd(dir.path())
        .args(["check", "--stdin-filename", "a.js", "--diff"])
        .write_stdin(V2_JS)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "+fetch(\"https://api.oneclickdz.com/v3/mobile/plans\", {",
        ));
    // The name gives the language; an unknown one is an error, and the input is kept.
    cmd(dir.path())
        .args(["check", "--stdin-filename", "notes.txt", "--fix"])
        .write_stdin("hello\n")
        .assert()
        .code(2)
        .stdout("hello\n")
        .stderr(predicate::str::contains("notes.txt"));
    // Not UTF-8: read as single-byte text (said on stderr), the bytes given back unchanged.
    cmd(dir.path())
        .args(["check", "--stdin-filename", "a.php", "--fix"])
        .write_stdin(b"<?php echo '\xe9t\xe9';\n".to_vec())
        .assert()
        .code(0)
        .stdout(b"<?php echo '\xe9t\xe9';\n".to_vec())
        .stderr(predicate::str::contains(
            "not UTF-8: checked as single-byte text",
        ));
    // The config's per-file settings apply to the name.
    let dir = project(&[(
        "v3-migrate.toml",
        "force-exclude = true\nexclude = [\"gen/**\"]\n[per-file-ignores]\n\"*.js\" = [\"v2-auth-header\"]\n",
    )]);
    let out = stdout(
        cmd(dir.path())
            .args([
                "check",
                "--stdin-filename",
                "a.js",
                "--output-format",
                "concise",
            ])
            .write_stdin(V2_JS),
    );
    assert!(
        found(&out, "v2-endpoint") && !found(&out, "v2-auth-header"),
        "{out}"
    );
    cmd(dir.path())
        .args(["check", "--stdin-filename", "gen/a.js", "--fix"])
        .write_stdin(V2_JS)
        .assert()
        .code(0)
        .stdout(V2_JS);
}

// ---- rules, explain ----

#[test]
fn rules_and_explain_come_from_the_rule_docs() {
    let dir = project(&[]);
    let out = stdout(cmd(dir.path()).args(["rules"]));
    insta::assert_snapshot!("rules", out);
    let json = stdout(cmd(dir.path()).args(["rules", "--output-format", "json"]));
    let list: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    assert!(list.len() >= 11);
    for rule in &list {
        let name = rule["name"].as_str().unwrap();
        // Every rule is an error but the hint one asks for.
        let severity = if name == "v3-unchecked-response" {
            "warning"
        } else {
            "error"
        };
        assert_eq!(rule["severity"], severity, "{name}");
        assert!(out.contains(name));
        let doc = stdout(cmd(dir.path()).args(["explain", name]));
        for section in v3_migrate::rules::DOC_SECTIONS {
            assert!(doc.contains(section), "{name} lacks {section}");
        }
        assert!(doc.starts_with(&format!("# {name}\n")), "{doc}");
        assert!(doc.contains(&format!("group: {}", rule["group"].as_str().unwrap())));
    }
    cmd(dir.path())
        .args(["explain", "v2-endpoit"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("v2-endpoit"));
}

#[test]
fn groups_select_their_rules() {
    let dir = project(&[("a.js", V2_JS)]);
    let out = stdout(cmd(dir.path()).args([
        "check",
        ".",
        "--select",
        "auth",
        "--output-format",
        "concise",
    ]));
    assert!(
        found(&out, "v2-auth-header") && !found(&out, "v2-endpoint"),
        "{out}"
    );
    let out = stdout(cmd(dir.path()).args([
        "check",
        ".",
        "--ignore",
        "url",
        "--output-format",
        "concise",
    ]));
    assert!(
        found(&out, "v2-auth-header") && !found(&out, "v2-endpoint"),
        "{out}"
    );
}

// ---- progress ----

#[test]
fn no_progress_line_when_stderr_is_not_a_terminal() {
    let dir = project(&[("a.js", V2_JS)]);
    let err = stderr(
        cmd(dir.path())
            .env("V3_MIGRATE_PROGRESS_AFTER_MS", "0")
            .args(["check", ".", "--output-format", "concise"]),
    );
    assert!(!err.contains("files done"), "{err}");
}

#[test]
fn progress_line_on_a_terminal_but_not_for_machine_formats() {
    // `script` (util-linux) runs the command on a pseudo-terminal.
    let bin = assert_cmd::cargo::cargo_bin("v3-migrate");
    let dir = project(&[("a.js", V2_JS), ("b.js", V3_JS)]);
    let run = |format: &str| {
        let out = std::process::Command::new("script")
            .args(["-qec"])
            .arg(format!(
                "{} check . --output-format {format} > /dev/null",
                bin.display()
            ))
            .arg("/dev/null")
            .current_dir(dir.path())
            .env("V3_MIGRATE_PROGRESS_AFTER_MS", "0")
            .output()
            .expect("`script` (util-linux) is needed for this test");
        String::from_utf8_lossy(&out.stdout).to_string()
    };
    let human = run("concise");
    assert!(human.contains("files done"), "{human:?}");
    let json = run("json");
    assert!(!json.contains("files done"), "{json:?}");
}

// ---- pre-commit ----

#[test]
fn pre_commit_hooks_run_the_cli() {
    let text = fs::read_to_string(".pre-commit-hooks.yaml").unwrap();
    let mut hooks = 0;
    for block in text.split("\n- id: ").skip(1) {
        hooks += 1;
        let field = |key: &str| {
            block
                .lines()
                .find_map(|l| l.trim().strip_prefix(&format!("{key}: ")))
                .map(str::to_string)
        };
        let entry = field("entry").expect("entry");
        assert!(entry.starts_with("v3-migrate check"), "{entry}");
        // Installed with pip (the wheel, or built by maturin from the pinned revision).
        assert_eq!(field("language").as_deref(), Some("python"));
        // pre-commit passes the staged files' names after the entry and args.
        let args: Vec<String> = field("args")
            .map(|a| {
                a.trim_matches(['[', ']'])
                    .split(',')
                    .map(|s| s.trim().trim_matches('"').to_string())
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        let dir = project(&[
            ("a.js", V2_JS),
            ("v3-migrate.toml", "exclude = [\"gen\"]\n"),
            ("gen/b.js", V2_JS),
        ]);
        let mut words: Vec<String> = entry.split_whitespace().skip(1).map(String::from).collect();
        words.extend(args);
        words.extend(["a.js".to_string(), "gen/b.js".to_string()]);
        let out = cmd(dir.path()).args(&words).output().unwrap();
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(all.contains("(1 file checked)"), "{words:?}: {all}");
        if words.iter().any(|w| w == "--fix") {
            assert_eq!(read(&dir, "a.js"), V3_JS);
            assert_eq!(read(&dir, "gen/b.js"), V2_JS);
        }
    }
    assert!(hooks >= 2, "{text}");
}
