//! What a person at a terminal sees: colour (`--color`, `NO_COLOR`, `FORCE_COLOR`),
//! `--quiet`, a suggestion for a mistyped rule, and `--no-unsafe-fixes` over the config.

mod common;

use common::{cmd, text_project};

const V2: &str = "const BASE = 'https://flexy-api.oneclickdz.com/v2';\n\
fetch(BASE + '/account/balance', { headers: { authorization: KEY } });\n";

fn run(dir: &std::path::Path, args: &[&str], env: &[(&str, &str)]) -> (String, String) {
    let mut c = cmd(dir);
    c.args(args)
        .env_remove("NO_COLOR")
        .env_remove("FORCE_COLOR");
    for (k, v) in env {
        c.env(k, v);
    }
    let out = c.output().unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

const ESC: &str = "\x1b[";

#[test]
fn colour_is_asked_for_or_forced_never_guessed_off_a_terminal() {
    let p = text_project(&[("a.js", V2)]);
    let concise = ["check", ".", "--output-format", "concise"];
    // Off a terminal (the tests' stdout is a pipe): plain.
    let (out, _) = run(p.path(), &concise, &[]);
    assert!(!out.contains(ESC), "{out}");
    assert!(out.contains("a.js:1:23: v2-base-url"), "{out}");
    // Asked for.
    let (out, _) = run(
        p.path(),
        &[&concise[..], &["--color", "always"]].concat(),
        &[],
    );
    assert!(out.contains(ESC), "{out}");
    let (out, _) = run(p.path(), &concise, &[("FORCE_COLOR", "1")]);
    assert!(out.contains(ESC), "{out}");
    // NO_COLOR wins over FORCE_COLOR; the command line over both.
    let (out, _) = run(
        p.path(),
        &concise,
        &[("FORCE_COLOR", "1"), ("NO_COLOR", "1")],
    );
    assert!(!out.contains(ESC), "{out}");
    let (out, _) = run(
        p.path(),
        &[&concise[..], &["--color", "never"]].concat(),
        &[("FORCE_COLOR", "1")],
    );
    assert!(!out.contains(ESC), "{out}");
    // The human format and the diff too; a machine-readable format never.
    let (out, _) = run(p.path(), &["check", ".", "--color", "always"], &[]);
    assert!(out.contains(ESC), "{out}");
    let (out, _) = run(
        p.path(),
        &["check", ".", "--diff", "--color", "always"],
        &[],
    );
    assert!(out.contains("\x1b[32m+const BASE"), "{out}");
    assert!(out.contains("\x1b[31m-const BASE"), "{out}");
    let (out, _) = run(
        p.path(),
        &["check", ".", "--output-format", "json", "--color", "always"],
        &[],
    );
    assert!(!out.contains(ESC), "{out}");
    serde_json::from_str::<serde_json::Value>(&out).unwrap();
}

#[test]
fn quiet_prints_the_findings_only() {
    let p = text_project(&[("a.js", V2)]);
    let (out, err) = run(p.path(), &["check", ".", "--output-format", "concise"], &[]);
    assert!(out.contains("fixable"), "the summary: {out}");
    let (quiet, qerr) = run(
        p.path(),
        &["check", ".", "-q", "--output-format", "concise"],
        &[],
    );
    assert!(!quiet.contains("fixable"), "{quiet}");
    assert_eq!(quiet.lines().count(), out.lines().count() - 1, "{quiet}");
    assert_eq!(qerr, err);
}

#[test]
fn a_mistyped_rule_gets_the_nearest_name() {
    let p = text_project(&[("a.js", V2)]);
    let mut c = cmd(p.path());
    let out = c
        .args(["check", ".", "--select", "v2-endpont"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("unknown rule `v2-endpont`"), "{err}");
    assert!(err.contains("did you mean `v2-endpoint`?"), "{err}");
    let out = cmd(p.path())
        .args(["explain", "v2-auth-headr"])
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("did you mean `v2-auth-header`?"), "{err}");
    // Nothing near: only where the names are listed.
    let out = cmd(p.path())
        .args(["check", ".", "--ignore", "zzzzzzzz"])
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(!err.contains("did you mean"), "{err}");
    assert!(err.contains("`v3-migrate rules` lists the rules"), "{err}");
}

#[test]
fn no_unsafe_fixes_overrides_the_config_file() {
    // A body passed beyond the analysis makes the unit's fixes unsafe.
    let src = "const BASE = 'https://flexy-api.oneclickdz.com/v2';\n\
async function b() {\n  const r = await fetch(BASE + '/account/balance');\n  keep(await r.json());\n}\n";
    let p = text_project(&[("a.js", src), ("v3-migrate.toml", "unsafe-fixes = true\n")]);
    let diff = |args: &[&str]| {
        let (out, _) = run(
            p.path(),
            &[&["check", "a.js", "--diff"][..], args].concat(),
            &[],
        );
        out
    };
    let with_config = diff(&[]);
    assert!(
        with_config.contains("+const BASE = 'https://api.oneclickdz.com/v3'"),
        "{with_config}"
    );
    assert_eq!(
        diff(&["--no-unsafe-fixes"]),
        "",
        "only the safe fixes: none here"
    );
    // The last flag given wins.
    assert_eq!(diff(&["--no-unsafe-fixes", "--unsafe-fixes"]), with_config);
    assert_eq!(diff(&["--unsafe-fixes", "--no-unsafe-fixes"]), "");
}
