//! `--fix` never breaks a program: a file with a syntax error gets no fix (said once, where
//! the error is) and a second run changes nothing; added lines follow the file's line
//! ending; edits inside PHP interpolated strings keep the string valid.

mod common;

use std::fs;
use std::path::Path;

use common::{cmd, text_project};

/// Runs `check --fix` in `dir`: (exit code, stdout, stderr).
fn fix(dir: &Path) -> (i32, String, String) {
    let out = cmd(dir)
        .env("NO_COLOR", "1")
        .args(["check", "--fix", "--output-format", "concise"])
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).to_string(),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

/// A syntax error in each language's usual shapes: the file is left as it is by two
/// `--fix` runs, its findings are still reported, and why no fix applied is said once,
/// at the error, while a clean file beside it is fixed.
#[test]
fn a_file_with_a_syntax_error_gets_no_fix() {
    let cases: &[(&str, &str, &str)] = &[
        // (file, text, where the error is)
        (
            "cards.php",
            "<?php\nfunction cards($t)\n{\n    $cards = json_decode(file_get_contents(\"https://flexy-api.oneclickdz.com/v2/internet/checkCards/$t\"), true);\n    foreach ($cards as $c) {\n        echo $c['value'];\n    return count($cards);\n}\n",
            // The closing brace missing: PHP finds the end of the file.
            "cards.php:8:2:",
        ),
        (
            "note.js",
            "const B = \"https://flexy-api.oneclickdz.com\";\nconst s = `never ends ${B};\nfetch(B + \"/v2/account/balance\").then((r) => r.json()).then((d) => d.balance);\n",
            "note.js:2:27:",
        ),
        (
            "indent.py",
            "import requests\n\ndef balance():\n    data = requests.get(\"https://flexy-api.oneclickdz.com/v2/account/balance\").json()\n  return data[\"balance\"]\n",
            "indent.py:5:3:",
        ),
    ];
    for (file, text, at) in cases {
        let dir = text_project(&[
            (file, text),
            (
                "good.js",
                "fetch(\"https://flexy-api.oneclickdz.com/v2/plans/listAll\");\n",
            ),
        ]);
        for run in 0..2 {
            let (code, stdout, stderr) = fix(dir.path());
            assert_eq!(code, 1, "{file} run {run}: {stderr}");
            assert_eq!(
                fs::read_to_string(dir.path().join(file)).unwrap(),
                *text,
                "{file} run {run}"
            );
            let said: Vec<&str> = stderr
                .lines()
                .filter(|l| l.contains("fix not applied"))
                .collect();
            assert_eq!(said.len(), 1, "{file} run {run}: {stderr}");
            assert!(
                said[0].starts_with(at)
                    && said[0].ends_with(&format!(
                        "the file has a syntax error at {}; fix it first",
                        at.trim_start_matches(file).trim_matches(':')
                    )),
                "{file}: {}",
                said[0]
            );
            // The findings are still reported.
            assert!(
                stdout.contains(&format!("{file}:")) && stdout.contains("v2-endpoint"),
                "{stdout}"
            );
        }
        assert_eq!(
            fs::read_to_string(dir.path().join("good.js")).unwrap(),
            "fetch(\"https://api.oneclickdz.com/v3/mobile/plans\");\n"
        );
    }
}
