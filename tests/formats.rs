//! The output formats end to end: a snapshot of each, SARIF checked against the published
//! 2.1.0 schema, fingerprints stable across line shifts, GitHub's escaping, `json-lines`
//! against `json`, and every format sorted the same way.

mod common;

use common::{cmd, project};

use std::fs;
use std::path::Path;

use serde_json::Value;
use tempfile::TempDir;

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

/// Two identical calls (same rule, same text: the fingerprints must still differ), safe
/// fixes, and a non-ASCII character before the findings of lines 3 and 6.
const CLIENT_JS: &str = r#"// Flexy client
const KEY = process.env.FLEXY_KEY;
const café = fetch("https://flexy-api.oneclickdz.com/v2/plans/listAll", {
  headers: { authorization: KEY },
});
const thé = fetch("https://flexy-api.oneclickdz.com/v2/plans/listAll", {
  headers: { authorization: KEY },
});
"#;

/// Unsafe fixes, and a finding with no fix (the response stored on the instance).
const BALANCE_PY: &str = r#"import os

import requests

API_KEY = os.environ["FLEXY_API_KEY"]


class Tracker:
    def refresh(self, ref):
        resp = requests.get(
            f"https://flexy-api.oneclickdz.com/v2/topup/checkStatus/REF/{ref}",
            headers={"authorization": API_KEY},
            timeout=10,
        )
        self.last_status = resp.json()
"#;

/// A third language, in a file whose name has a space (percent-encoded in SARIF).
const OLD_API_PHP: &str = r#"<?php
// Solde — vérifié
function flexy_balance(string $key): ?array
{
    $ch = curl_init('https://flexy-api.oneclickdz.com/v2/account/balance');
    curl_setopt($ch, CURLOPT_HTTPHEADER, ["authorization: $key"]);
    $body = curl_exec($ch);
    return json_decode($body, true);
}
"#;

/// How many findings the fixture has: 4 in the JS file, 3 in each of the others.
const FINDINGS: usize = 10;

fn fixture() -> TempDir {
    project(&[
        ("src/client.js", CLIENT_JS.as_bytes()),
        ("lib/balance.py", BALANCE_PY.as_bytes()),
        ("lib/old api.php", OLD_API_PHP.as_bytes()),
    ])
}

/// Runs `check .` in `dir` with `format`; stdout, with the exit code checked.
fn run(dir: &Path, format: &str, code: i32) -> String {
    let out = cmd(dir)
        .args(["check", ".", "--output-format", format])
        .assert()
        .code(code)
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).unwrap()
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

/// The SARIF output with what depends on the machine or the rules' prose replaced: the
/// `file:` URI of the current directory, the tool's version, and each rule's description
/// (checked here to be the rule's doc and summary; the docs have tests of their own).
fn redact_sarif(text: &str) -> String {
    let v = json(text);
    let run = &v["runs"][0];
    let root = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
        .as_str()
        .expect("%SRCROOT% is mapped");
    assert!(
        root.starts_with("file:///") && root.ends_with('/'),
        "{root}"
    );
    let mut out = text.replace(root, "file:///[ROOT]/");
    let version = format!("\"version\": \"{}\"", env!("CARGO_PKG_VERSION"));
    assert!(out.contains(&version));
    out = out.replace(&version, "\"version\": \"[VERSION]\"");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), v3_migrate::rules::Rule::ALL.len());
    for (r, rule) in rules.iter().zip(v3_migrate::rules::Rule::ALL) {
        assert_eq!(r["id"], rule.name());
        let doc = rule.doc();
        assert_eq!(r["fullDescription"]["text"], doc.as_str());
        assert_eq!(r["help"]["text"], doc.as_str());
        assert_eq!(r["help"]["markdown"], doc.as_str());
        assert_eq!(r["shortDescription"]["text"], rule.summary().as_str());
        let doc = serde_json::to_string(&doc).unwrap();
        out = out.replace(&doc, &format!("\"[doc of {}]\"", rule.name()));
        let summary = serde_json::to_string(&rule.summary()).unwrap();
        out = out.replace(
            &format!("\"text\": {summary}"),
            &format!("\"text\": \"[summary of {}]\"", rule.name()),
        );
    }
    out
}

#[test]
fn snapshots_of_every_format() {
    let dir = fixture();
    for format in FORMATS {
        let out = run(dir.path(), format, 1);
        let out = if format == "sarif" {
            redact_sarif(&out)
        } else {
            out
        };
        insta::assert_snapshot!(format!("format_{format}"), out);
    }
}

#[test]
fn snapshots_without_findings() {
    let dir = project(&[(
        "ok.js",
        b"fetch('https://api.oneclickdz.com/v3/account/balance');\n",
    )]);
    for format in ["json", "json-lines", "github", "gitlab", "junit"] {
        let out = run(dir.path(), format, 0);
        insta::assert_snapshot!(format!("empty_{format}"), out);
    }
    let sarif = json(&run(dir.path(), "sarif", 0));
    assert_eq!(sarif["runs"][0]["results"], serde_json::json!([]));
    assert_eq!(
        sarif["runs"][0]["invocations"][0]["executionSuccessful"],
        true
    );
}

/// The schema, checked to be SARIF 2.1.0's, as a draft-07 validator that checks formats
/// (`uri`, `uri-reference`) too.
fn sarif_validator() -> jsonschema::Validator {
    let mut schema = json(include_str!("sarif/sarif-schema-2.1.0.json"));
    // This revision's `language` patterns (of `run` and `toolComponent`) have a stray `]`, not a valid ECMA-262 regex,
    // which the validator refuses when it checks the schema itself. They are mended here to
    // the pattern OASIS's errata01 schema gives (this tool writes no `language` anyway); the
    // vendored file stays as published.
    for definition in ["run", "toolComponent"] {
        let language = &mut schema["definitions"][definition]["properties"]["language"]["pattern"];
        assert_eq!(*language, "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$");
        *language = "^[a-zA-Z]{2}(-[a-zA-Z]{2})?$".into();
    }
    assert_eq!(
        schema["$id"],
        "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json"
    );
    assert_eq!(
        schema["title"],
        "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    );
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    jsonschema::draft7::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the SARIF schema compiles")
}

fn schema_errors(validator: &jsonschema::Validator, doc: &Value) -> Vec<String> {
    validator
        .iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn sarif_matches_the_schema() {
    let validator = sarif_validator();
    let dir = fixture();
    let doc = json(&run(dir.path(), "sarif", 1));
    let errors = schema_errors(&validator, &doc);
    assert!(errors.is_empty(), "{errors:#?}");
    let run0 = &doc["runs"][0];
    let results = run0["results"].as_array().unwrap();
    assert_eq!(results.len(), FINDINGS);
    assert_eq!(run0["columnKind"], "unicodeCodePoints");
    // Fixable and unfixable findings, both fix applicabilities.
    assert!(results.iter().any(|r| r.get("fixes").is_none()));
    assert!(results
        .iter()
        .any(|r| r["properties"]["fixApplicability"] == "safe"));
    assert!(results
        .iter()
        .any(|r| r["properties"]["fixApplicability"] == "unsafe"));
    // The percent-encoded path, relative to %SRCROOT%.
    let php = results
        .iter()
        .find(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "lib/old%20api.php"
        })
        .expect("the PHP file's uri is percent-encoded");
    assert_eq!(
        php["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"],
        "%SRCROOT%"
    );
    // `café = fetch("https://...`: the column counts `é` as one character.
    let first_js = results
        .iter()
        .find(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "src/client.js"
        })
        .unwrap();
    let region = &first_js["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startLine"], 3);
    assert_eq!(region["startColumn"], 21);

    // The validator does reject broken documents, so the checks above are not vacuous.
    type Breaks = fn(&mut Value);
    let broken: [(&str, Breaks); 6] = [
        ("a path left unencoded", |d| {
            d["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
                ["uri"] = "lib/old api%.php".into()
        }),
        ("an unknown level", |d| {
            d["runs"][0]["results"][0]["level"] = "fatal".into()
        }),
        ("a 0 line", |d| {
            d["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
                0.into()
        }),
        ("a result without message", |d| {
            d["runs"][0]["results"][0]
                .as_object_mut()
                .unwrap()
                .remove("message");
        }),
        ("an unknown property", |d| {
            d["runs"][0]["results"][0]["severity"] = "error".into()
        }),
        ("a replacement without deletedRegion", |d| {
            let r = d["runs"][0]["results"]
                .as_array_mut()
                .unwrap()
                .iter_mut()
                .find(|r| r.get("fixes").is_some())
                .unwrap();
            r["fixes"][0]["artifactChanges"][0]["replacements"][0]
                .as_object_mut()
                .unwrap()
                .remove("deletedRegion");
        }),
    ];
    for (what, breaks) in broken {
        let mut bad = doc.clone();
        breaks(&mut bad);
        assert!(
            !schema_errors(&validator, &bad).is_empty(),
            "the schema accepted {what}"
        );
    }
}

#[test]
fn sarif_notifications_match_the_schema() {
    let validator = sarif_validator();
    let dir = project(&[
        ("src/client.js", CLIENT_JS.as_bytes()),
        (
            "latin1.js",
            b"const s = 'caf\xe9'; // flexy-api.oneclickdz.com\n",
        ),
    ]);
    let doc = json(&run(dir.path(), "sarif", 1));
    let errors = schema_errors(&validator, &doc);
    assert!(errors.is_empty(), "{errors:#?}");
    let invocation = &doc["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], true);
    let notes = invocation["toolExecutionNotifications"].as_array().unwrap();
    assert_eq!(notes.len(), 1, "{notes:#?}");
    assert_eq!(notes[0]["level"], "warning");
    assert!(notes[0]["message"]["text"]
        .as_str()
        .unwrap()
        .contains("not UTF-8"));
    let location = &notes[0]["locations"][0]["physicalLocation"]["artifactLocation"];
    assert_eq!(location["uri"], "latin1.js");
    assert_eq!(location["uriBaseId"], "%SRCROOT%");

    // A run that could not do its whole job (a path given does not exist).
    let out = cmd(dir.path())
        .args(["check", ".", "missing", "--output-format", "sarif"])
        .assert()
        .code(2)
        .get_output()
        .stdout
        .clone();
    let doc = json(std::str::from_utf8(&out).unwrap());
    assert!(schema_errors(&validator, &doc).is_empty());
    assert_eq!(
        doc["runs"][0]["invocations"][0]["executionSuccessful"],
        false
    );
}

fn sarif_fingerprints(text: &str) -> Vec<(String, String, u64)> {
    json(text)["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let loc = &r["locations"][0]["physicalLocation"];
            (
                r["partialFingerprints"]["v3-migrate/v1"]
                    .as_str()
                    .unwrap()
                    .to_string(),
                loc["artifactLocation"]["uri"].as_str().unwrap().to_string(),
                loc["region"]["startLine"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn gitlab_fingerprints(text: &str) -> Vec<(String, String, u64)> {
    json(text)
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["fingerprint"].as_str().unwrap().to_string(),
                i["location"]["path"].as_str().unwrap().to_string(),
                i["location"]["lines"]["begin"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn fingerprints_survive_line_shifts_and_are_unique() {
    let dir = fixture();
    let sarif_before = sarif_fingerprints(&run(dir.path(), "sarif", 1));
    let gitlab_before = gitlab_fingerprints(&run(dir.path(), "gitlab", 1));
    assert_eq!(sarif_before.len(), FINDINGS);
    // Unique within the report, though the JS file has two identical calls.
    for list in [&sarif_before, &gitlab_before] {
        let unique: std::collections::HashSet<_> = list.iter().map(|f| &f.0).collect();
        assert_eq!(unique.len(), list.len(), "{list:#?}");
    }
    // Both formats give the same fingerprint to the same finding.
    let fps = |l: &[(String, String, u64)]| l.iter().map(|f| f.0.clone()).collect::<Vec<_>>();
    assert_eq!(fps(&sarif_before), fps(&gitlab_before));

    // Two lines added at the top of two files: every finding there moves down two lines,
    // and no fingerprint changes.
    let js = dir.path().join("src/client.js");
    fs::write(&js, format!("// one\n// two\n{CLIENT_JS}")).unwrap();
    let py = dir.path().join("lib/balance.py");
    fs::write(&py, format!("# one\n# two\n{BALANCE_PY}")).unwrap();
    let sarif_after = sarif_fingerprints(&run(dir.path(), "sarif", 1));
    let gitlab_after = gitlab_fingerprints(&run(dir.path(), "gitlab", 1));
    for (before, after) in [
        (&sarif_before, &sarif_after),
        (&gitlab_before, &gitlab_after),
    ] {
        assert_eq!(fps(before), fps(after));
        for (b, a) in before.iter().zip(after.iter()) {
            let shift = if b.1.contains("old") { 0 } else { 2 };
            assert_eq!(a.2, b.2 + shift, "{b:?} -> {a:?}");
        }
    }
}

#[test]
fn github_commands_are_escaped() {
    let dir = project(&[
        ("we,ird:name.js", CLIENT_JS.as_bytes()),
        (
            "bad%\nname.js",
            b"const s = 'caf\xe9'; // flexy-api.oneclickdz.com\n",
        ),
    ]);
    let out = run(dir.path(), "github", 1);
    let lines: Vec<&str> = out.lines().collect();
    // One command per finding, one per problem; no line broken by a raw newline.
    assert_eq!(lines.len(), 5, "{out}");
    assert!(lines.iter().all(|l| l.starts_with("::")), "{out}");
    assert_eq!(
        lines[0],
        "::error title=v3-migrate (v2-endpoint),file=we%2Cird%3Aname.js,line=3,col=21,\
         endLine=3,endColumn=70::v2-endpoint: v2 endpoint `GET /v2/plans/listAll`: v3 has \
         `GET /v3/mobile/plans`"
    );
    // The problem's path has `%` and a newline, in the property and in the message.
    let warning = lines[4];
    assert!(
        warning.starts_with("::warning title=v3-migrate,file=bad%25%0Aname.js::"),
        "{warning}"
    );
    assert!(warning.contains("bad%25%0Aname.js: not UTF-8"), "{warning}");
}

#[test]
fn json_lines_are_the_elements_of_json() {
    let dir = fixture();
    let array = json(&run(dir.path(), "json", 1));
    let lines: Vec<Value> = run(dir.path(), "json-lines", 1).lines().map(json).collect();
    assert_eq!(lines.len(), FINDINGS);
    assert_eq!(Value::Array(lines), array);
}

/// Undoes `%XX` escapes (enough for the paths of these tests).
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

/// `path:line:col` split from the right (the path may hold `:`).
fn split_position(s: &str) -> (String, u64, u64) {
    let mut parts = s.rsplitn(3, ':');
    let col = parts.next().unwrap().parse().unwrap();
    let line = parts.next().unwrap().parse().unwrap();
    (parts.next().unwrap().to_string(), line, col)
}

/// The (path, line, column) of each finding in a format's output, in output order; 0 for
/// the column where the format has none.
fn positions(format: &str, out: &str) -> Vec<(String, u64, u64)> {
    let pos = |v: &Value, file: &str| {
        (
            v[file].as_str().unwrap().to_string(),
            v["start"]["line"].as_u64().unwrap(),
            v["start"]["column"].as_u64().unwrap(),
        )
    };
    match format {
        "human" => out
            .lines()
            .filter_map(|l| l.split_once("─[").map(|(_, rest)| rest))
            .map(|rest| split_position(rest.trim_end_matches(']')))
            .collect(),
        "concise" => out
            .lines()
            .filter_map(|l| l.split_once(": ").map(|(p, _)| p))
            .filter(|p| p.matches(':').count() >= 2)
            .map(split_position)
            .collect(),
        "json" => json(out)
            .as_array()
            .unwrap()
            .iter()
            .map(|v| pos(v, "file"))
            .collect(),
        "json-lines" => out.lines().map(|l| pos(&json(l), "file")).collect(),
        "sarif" => json(out)["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                let loc = &r["locations"][0]["physicalLocation"];
                (
                    percent_decode(loc["artifactLocation"]["uri"].as_str().unwrap()),
                    loc["region"]["startLine"].as_u64().unwrap(),
                    loc["region"]["startColumn"].as_u64().unwrap(),
                )
            })
            .collect(),
        "github" => out
            .lines()
            .map(|l| {
                let props = l.trim_start_matches("::").split("::").next().unwrap();
                let get = |k: &str| {
                    props
                        .split(',')
                        .find_map(|p| p.strip_prefix(&format!("{k}=")))
                        .unwrap()
                        .to_string()
                };
                (
                    percent_decode(&get("file")),
                    get("line").parse().unwrap(),
                    get("col").parse().unwrap(),
                )
            })
            .collect(),
        "gitlab" => json(out)
            .as_array()
            .unwrap()
            .iter()
            .map(|i| {
                (
                    i["location"]["path"].as_str().unwrap().to_string(),
                    i["location"]["lines"]["begin"].as_u64().unwrap(),
                    0,
                )
            })
            .collect(),
        "junit" => out
            .lines()
            .filter_map(|l| l.split_once("<failure ").map(|(_, rest)| rest))
            .map(|rest| {
                let text = rest.split_once('>').unwrap().1;
                split_position(text.split_once(": ").unwrap().0)
            })
            .collect(),
        _ => unreachable!("{format}"),
    }
}

#[test]
fn every_format_is_sorted_the_same_way() {
    let dir = fixture();
    let reference = positions("json", &run(dir.path(), "json", 1));
    assert_eq!(reference.len(), FINDINGS);
    let mut sorted = reference.clone();
    sorted.sort();
    assert_eq!(reference, sorted, "json is sorted by path, line, column");
    // Three files, so the order across files is tested too.
    let files: std::collections::BTreeSet<_> = reference.iter().map(|p| &p.0).collect();
    assert_eq!(files.len(), 3);
    for format in FORMATS {
        let got = positions(format, &run(dir.path(), format, 1));
        let want: Vec<_> = if format == "gitlab" {
            reference
                .iter()
                .map(|(f, l, _)| (f.clone(), *l, 0))
                .collect()
        } else {
            reference.clone()
        };
        assert_eq!(got, want, "{format}");
    }
}

#[test]
fn junit_marks_skipped_files_and_a_clean_run() {
    let dir = project(&[
        (
            "ok.js",
            b"fetch('https://api.oneclickdz.com/v3/account/balance');\n",
        ),
        (
            "logo.js",
            b"\x89PNG\r\n\x1a\n\x00\x00 flexy-api.oneclickdz.com",
        ),
        (
            "latin1.js",
            b"const s = 'caf\xe9'; // flexy-api.oneclickdz.com\n",
        ),
    ]);
    let out = run(dir.path(), "junit", 0);
    assert!(
        out.contains(r#"<testsuites name="v3-migrate" tests="2" skipped="1" failures="0""#),
        "{out}"
    );
    assert!(
        out.contains(r#"<testcase name="no v2 code found" classname="v3-migrate"/>"#),
        "{out}"
    );
    assert!(
        out.contains(r#"<testcase name="v3-migrate" classname="logo.js">"#),
        "{out}"
    );
    assert!(out.contains("looks binary"), "{out}");
    // A file read as single-byte text was checked: not a skip.
    assert!(!out.contains(r#"classname="latin1.js""#), "{out}");
}
