//! Migration management through the CLI: `report` (three formats, snapshotted) and its
//! ratchet, `check --baseline`/`--write-baseline`, `--only GROUP`, `--fix --interactive`,
//! `--fix` in a git working tree with uncommitted changes, and `unknown-v3-endpoint`.

mod common;

use std::fs;
use std::path::Path;
use std::process::Command as Process;

use common::{cmd, text_project};

/// Gift cards in JS and mobile in Python, each call on its own; one account call already v3.
const GIFT_JS: &str = r#"async function catalogue(key) {
  const res = await fetch("https://flexy-api.oneclickdz.com/v2/gift-cards/catalogue", { headers: { authorization: key } });
  const body = await res.json();
  return body.products;
}

async function order(key, id) {
  const res = await fetch(`https://flexy-api.oneclickdz.com/v2/gift-cards/checkOrder/${id}`, { headers: { authorization: key } });
  const body = await res.json();
  return body.status;
}
module.exports = { catalogue, order };
"#;

const MOBILE_PY: &str = r#"import requests


def plans(key):
    r = requests.get("https://flexy-api.oneclickdz.com/v2/plans/listAll", headers={"authorization": key})
    return r.json()["dymanicPlans"]


def balance(key):
    r = requests.get("https://api.oneclickdz.com/v3/account/balance", headers={"X-Access-Token": key})
    return r.json()["data"]["balance"]
"#;

/// A client class shared by gift cards and mobile: they cannot move apart.
const CLIENT_PHP: &str = r#"<?php
class Flexy
{
    private $base = 'https://flexy-api.oneclickdz.com/v2';

    public function __construct(private string $key) {}

    private function get(string $path): array
    {
        $ch = curl_init($this->base . $path);
        curl_setopt($ch, CURLOPT_HTTPHEADER, ["authorization: {$this->key}"]);
        curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
        return json_decode(curl_exec($ch), true);
    }

    public function giftCards(): array
    {
        return $this->get('/gift-cards/catalogue');
    }

    public function plans(): array
    {
        return $this->get('/plans/listAll');
    }
}
"#;

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Standard error with the diagnostics' line wrapping and box drawing taken out.
fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr)
        .replace('│', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn report(dir: &Path, format: &str) -> String {
    let out = cmd(dir)
        .args(["report", "--today", "2026-11-29", "--output-format", format])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    stdout(&out)
}

#[test]
fn report_in_three_formats() {
    let dir = text_project(&[("shop/gift.js", GIFT_JS), ("shop/mobile.py", MOBILE_PY)]);
    insta::assert_snapshot!("report_table", report(dir.path(), "table"));
    insta::assert_snapshot!("report_markdown", report(dir.path(), "markdown"));
    let json = report(dir.path(), "json");
    insta::assert_snapshot!("report_json", json);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["days_since_switch_off"], 30);
    assert_eq!(v["total"]["v2"], 3);
    assert_eq!(v["total"]["v3"], 1);
    let gift = &v["groups"][0];
    assert_eq!(gift["group"], "gift-cards");
    assert_eq!(gift["counts"]["v2"], 2);
    let account = v["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["group"] == "account")
        .unwrap();
    assert_eq!(account["migrated_percent"], 100.0);
}

#[test]
fn report_splits_call_sites_by_what_fix_can_do() {
    // A response that escapes (returned to callers elsewhere) makes its site unsafe; a v2
    // path with no v3 row is manual and not a call site of an endpoint.
    let dir = text_project(&[(
        "a.js",
        r#"async function send(key, body) {
  const res = await fetch("https://flexy-api.oneclickdz.com/v2/topup/sendTopup", {
    method: "POST",
    headers: { authorization: key },
    body: JSON.stringify(body),
  });
  const data = await res.json();
  console.log(data.topupId);
  return data;
}
module.exports = { send };
"#,
    )]);
    let json: serde_json::Value = serde_json::from_str(&report(dir.path(), "json")).unwrap();
    let mobile = json["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["group"] == "mobile")
        .unwrap();
    assert_eq!(mobile["counts"]["v2"], 1);
    assert_eq!(mobile["counts"]["unsafe"], 1, "{json}");
}

#[test]
fn ratchet_fails_when_v2_call_sites_go_up_and_follows_them_down() {
    let dir = text_project(&[("gift.js", GIFT_JS)]);
    let ratchet = dir.path().join("v2-ratchet.json");
    let run = || {
        cmd(dir.path())
            .args([
                "report",
                "--today",
                "2026-11-29",
                "--ratchet",
                "v2-ratchet.json",
            ])
            .output()
            .unwrap()
    };
    // Created from the current counts.
    let out = run();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let first: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&ratchet).unwrap()).unwrap();
    assert_eq!(first["v2_call_sites"]["gift-cards"], 2);
    assert_eq!(first["v2_call_sites"]["mobile"], 0);

    // A new v2 call: exit 1, the file unchanged.
    fs::write(dir.path().join("mobile.py"), MOBILE_PY).unwrap();
    let out = run();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("mobile 0 -> 1"), "{}", stderr(&out));
    let same: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&ratchet).unwrap()).unwrap();
    assert_eq!(same, first);

    // Migrated: the count goes down and the file follows.
    fs::remove_file(dir.path().join("mobile.py")).unwrap();
    let out = cmd(dir.path())
        .args(["check", "--fix", "gift.js"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let out = run();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("gift-cards 2 -> 0"),
        "{}",
        stderr(&out)
    );
    let lowered: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&ratchet).unwrap()).unwrap();
    assert_eq!(lowered["v2_call_sites"]["gift-cards"], 0);

    // A ratchet file that is not one: a clear error.
    fs::write(&ratchet, "not json").unwrap();
    let out = run();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("cannot read the ratchet file"));
}

#[test]
fn baseline_reports_only_new_findings_even_after_lines_move() {
    let dir = text_project(&[("gift.js", GIFT_JS)]);
    let out = cmd(dir.path())
        .args(["check", "--write-baseline", "baseline.json"])
        .output()
        .unwrap();
    // What is written is accepted: nothing new to report.
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(
        stdout(&out).contains("0 findings in 0 files"),
        "{}",
        stdout(&out)
    );
    let b: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(dir.path().join("baseline.json")).unwrap())
            .unwrap();
    let n = b["findings"].as_array().unwrap().len();
    assert!(n >= 5, "{b}");

    let check = || {
        cmd(dir.path())
            .args([
                "check",
                "--baseline",
                "baseline.json",
                "--output-format",
                "json",
            ])
            .output()
            .unwrap()
    };
    let out = check();
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert_eq!(stdout(&out).trim(), "[]");
    assert!(stderr(&out).contains(&format!("{n} in the baseline")));

    // Lines inserted above, and a new v2 call below: only the new call is reported.
    let moved = format!(
        "// a comment\n// another\n{GIFT_JS}\nasync function list(key) {{\n  return (await fetch(\"https://flexy-api.oneclickdz.com/v2/gift-cards/list\", {{ headers: {{ authorization: key }} }})).json();\n}}\n"
    );
    fs::write(dir.path().join("gift.js"), moved).unwrap();
    let out = check();
    assert_eq!(out.status.code(), Some(1));
    let found: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let found = found.as_array().unwrap();
    assert!(found.len() >= 2, "{found:?}");
    assert!(found
        .iter()
        .all(|f| f["start"]["line"].as_u64().unwrap() >= 15));

    // A missing baseline is an error that says how to make one.
    let out = cmd(dir.path())
        .args(["check", "--baseline", "nope.json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("--write-baseline"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn only_keeps_one_group_and_fixes_it_alone() {
    let dir = text_project(&[("gift.js", GIFT_JS), ("mobile.py", MOBILE_PY)]);
    let out = cmd(dir.path())
        .args([
            "check",
            "--only",
            "gift-cards",
            "--output-format",
            "concise",
        ])
        .output()
        .unwrap();
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(text.contains("gift.js:2"), "{text}");
    assert!(!text.contains("mobile.py"), "{text}");
    assert!(text.contains("3 left out by --only"), "{text}");

    let out = cmd(dir.path())
        .args(["check", "--only", "gift-cards", "--fix"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let gift = fs::read_to_string(dir.path().join("gift.js")).unwrap();
    assert!(gift.contains("https://api.oneclickdz.com/v3/gift-cards/catalog"));
    assert!(gift.contains("X-Access-Token"));
    assert!(gift.contains("body.data.products"), "{gift}");
    assert_eq!(
        fs::read_to_string(dir.path().join("mobile.py")).unwrap(),
        MOBILE_PY
    );

    // The next group.
    let out = cmd(dir.path())
        .args([
            "check",
            "--only",
            "mobile,account",
            "--output-format",
            "concise",
        ])
        .output()
        .unwrap();
    let text = stdout(&out);
    assert!(text.contains("mobile.py:5"), "{text}");
    assert!(!text.contains("gift.js"), "{text}");

    let out = cmd(dir.path())
        .args(["check", "--only", "gift-card"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("unknown endpoint group `gift-card`"));
}

#[test]
fn only_reports_groups_sharing_a_client_together() {
    let dir = text_project(&[("Flexy.php", CLIENT_PHP)]);
    let out = cmd(dir.path())
        .args([
            "check",
            "--only",
            "gift-cards",
            "--output-format",
            "concise",
        ])
        .output()
        .unwrap();
    let text = stdout(&out);
    // The mobile path moves with the base and header it shares with gift cards.
    assert!(text.contains("/v2/gift-cards/catalogue"), "{text}");
    assert!(text.contains("/v2/plans/listAll"), "{text}");
    assert!(
        text.contains("[mobile: shares a client or base URL with the gift-cards call sites"),
        "{text}"
    );
}

#[test]
fn report_names_groups_sharing_a_client() {
    let dir = text_project(&[("Flexy.php", CLIENT_PHP), ("gift.js", GIFT_JS)]);
    let v: serde_json::Value = serde_json::from_str(&report(dir.path(), "json")).unwrap();
    assert_eq!(
        v["shared"],
        serde_json::json!([{"groups": ["gift-cards", "mobile"], "files": ["Flexy.php"]}])
    );
    let table = report(dir.path(), "table");
    assert!(table.contains("gift-cards + mobile: Flexy.php"), "{table}");
}

#[test]
fn only_does_not_fix_a_call_on_a_base_defined_elsewhere() {
    // The axios instance (v2 host, v2 header) is shared by every group's callers.
    let client = r#"const axios = require("axios");
const api = axios.create({ baseURL: "https://flexy-api.oneclickdz.com", headers: { authorization: process.env.KEY } });
module.exports = api;
"#;
    let gift = r#"const api = require("./client");
async function catalogue() {
  const { data } = await api.get("/v2/gift-cards/catalogue");
  return data.products;
}
module.exports = { catalogue };
"#;
    let dir = text_project(&[("client.js", client), ("gift.js", gift)]);
    let out = cmd(dir.path())
        .args([
            "check",
            "--only",
            "gift-cards",
            "--fix",
            "--output-format",
            "concise",
        ])
        .output()
        .unwrap();
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains("not fixed with --only: its base URL is defined in another file"),
        "{text}"
    );
    // The client's findings belong to no group this run can see: left out, and counted.
    assert!(!text.contains("client.js"), "{text}");
    assert!(text.contains("2 left out by --only"), "{text}");
    assert_eq!(
        fs::read_to_string(dir.path().join("gift.js")).unwrap(),
        gift
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("client.js")).unwrap(),
        client
    );
    // Without --only, the client and its callers move together.
    let out = cmd(dir.path()).args(["check", "--fix"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(fs::read_to_string(dir.path().join("gift.js"))
        .unwrap()
        .contains("/v3/gift-cards/catalog"));
}

#[test]
fn interactive_refuses_without_a_terminal() {
    let dir = text_project(&[("gift.js", GIFT_JS)]);
    let out = cmd(dir.path())
        .args(["check", "--fix", "--interactive"])
        .write_stdin("y\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("standard input is not one"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("gift.js")).unwrap(),
        GIFT_JS
    );
    // --interactive needs --fix.
    let out = cmd(dir.path())
        .args(["check", "--interactive"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// Runs `check --fix --interactive` on a pseudo-terminal (util-linux `script`), answering
/// `answers`; None when `script` is not installed.
fn interactive(dir: &Path, answers: &str) -> Option<std::process::Output> {
    let bin = assert_cmd::cargo::cargo_bin("v3-migrate");
    let script = Process::new("script").arg("--version").output();
    if script.is_err() {
        eprintln!("skipped: `script` (util-linux) is not installed");
        return None;
    }
    let command = format!("{} check --fix --interactive gift.js", bin.display());
    let mut child = Process::new("script")
        .args(["-q", "-e", "-c", &command, "/dev/null"])
        .current_dir(dir)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        for line in answers.lines() {
            // One answer per prompt: the terminal is read line by line.
            std::thread::sleep(std::time::Duration::from_millis(400));
            writeln!(stdin, "{line}").unwrap();
        }
    }
    Some(child.wait_with_output().unwrap())
}

#[test]
fn interactive_applies_what_is_accepted() {
    let dir = text_project(&[("gift.js", GIFT_JS)]);
    // One question per migration unit: y for the catalogue call (URL, header and read
    // together), q at the next (the order call): it stays as it was.
    let Some(out) = interactive(dir.path(), "y\nq\n") else {
        return;
    };
    let shown = stdout(&out);
    assert!(
        shown.contains("Apply these 3 fixes (one migration unit)? [y]es, [n]o, [a]ll remaining"),
        "{shown}"
    );
    assert!(shown.contains("+++ b/gift.js"), "{shown}");
    let gift = fs::read_to_string(dir.path().join("gift.js")).unwrap();
    assert!(
        gift.contains("https://api.oneclickdz.com/v3/gift-cards/catalog"),
        "{gift}"
    );
    assert!(gift.contains("return body.data.products;"), "{gift}");
    // Not asked after q: still v2, whole.
    assert!(gift.contains("/v2/gift-cards/checkOrder/"), "{gift}");
    assert!(gift.contains("{ authorization: key }"), "{gift}");
    assert!(gift.contains("return body.status;"), "{gift}");
}

#[test]
fn interactive_review_in_process() {
    use v3_migrate::{check_file, lang::Lang, Settings};
    let dir = text_project(&[("gift.js", GIFT_JS)]);
    let path = dir.path().join("gift.js");
    let settings = Settings::default();
    let all = |answers: &str| {
        let mut results = vec![check_file(&path, Lang::JavaScript, &settings, true).unwrap()];
        let mut out = Vec::new();
        v3_migrate::interactive::review(&mut results, &settings, &mut answers.as_bytes(), &mut out)
            .unwrap();
        let r = results.pop().unwrap();
        (
            String::from_utf8(r.new.unwrap_or_default()).unwrap(),
            String::from_utf8(out).unwrap(),
            r.checked.fixed.len(),
        )
    };
    // `a` on the first unit applies the other one unasked.
    let (text, shown, fixed) = all("a\n");
    assert!(text.contains("/v3/gift-cards/catalog"));
    assert!(text.contains("/v3/gift-cards/checkOrder/"));
    assert!(!text.contains("authorization: key"));
    assert_eq!(fixed, 6, "{shown}");
    assert_eq!(shown.matches("Apply these").count(), 1, "{shown}");
    // `n` on the first unit, `y` on the second: the first stays on v2 whole.
    let (text, shown, fixed) = all("n\ny\n");
    assert!(text.contains("/v2/gift-cards/catalogue"), "{text}");
    assert!(text.contains("return body.products;"), "{text}");
    assert!(text.contains("/v3/gift-cards/checkOrder/"), "{text}");
    assert_eq!(fixed, 3, "{shown}");
    // An unclear answer is asked again; end of input quits.
    let (text, shown, _) = all("maybe\ny\n");
    assert!(shown.contains("Please answer y, n, a or q."));
    assert!(text.contains("/v3/gift-cards/catalog"));
    // Everything declined: nothing written.
    let (text, _, fixed) = all("n\nn\n");
    assert_eq!((text.as_str(), fixed), ("", 0));
}

fn git(dir: &Path, args: &[&str]) -> bool {
    Process::new("git")
        .args(["-c", "user.email=t@example.com", "-c", "user.name=t"])
        .args(args)
        .current_dir(dir)
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn fix_refuses_uncommitted_changes_unless_forced() {
    let dir = text_project(&[("gift.js", GIFT_JS), ("mobile.py", MOBILE_PY)]);
    if !git(dir.path(), &["init", "-q"]) {
        eprintln!("skipped: git is not installed");
        return;
    }
    assert!(git(dir.path(), &["add", "gift.js"]));
    assert!(git(dir.path(), &["commit", "-q", "-m", "first"]));
    // mobile.py is untracked; gift.js is committed, then edited by the user.
    let edited = GIFT_JS.replace("module.exports", "// my edit\nmodule.exports");
    fs::write(dir.path().join("gift.js"), &edited).unwrap();
    let out = cmd(dir.path()).args(["check", "--fix"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("uncommitted changes"), "{err}");
    assert!(err.contains("gift.js (modified)"), "{err}");
    assert!(err.contains("mobile.py (untracked)"), "{err}");
    assert!(err.contains("--force"), "{err}");
    assert_eq!(
        fs::read_to_string(dir.path().join("gift.js")).unwrap(),
        edited
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("mobile.py")).unwrap(),
        MOBILE_PY
    );
    // --diff and check write nothing, so they run.
    let out = cmd(dir.path()).args(["check", "--diff"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));

    // Committed: --fix writes.
    assert!(git(dir.path(), &["add", "."]));
    assert!(git(dir.path(), &["commit", "-q", "-m", "second"]));
    let out = cmd(dir.path()).args(["check", "--fix"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(fs::read_to_string(dir.path().join("gift.js"))
        .unwrap()
        .contains("/v3/gift-cards/catalog"));

    // Dirty again, with --force: writes.
    fs::write(dir.path().join("mobile.py"), MOBILE_PY).unwrap();
    let out = cmd(dir.path())
        .args(["check", "--fix", "--force"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(fs::read_to_string(dir.path().join("mobile.py"))
        .unwrap()
        .contains("/v3/mobile/plans"));
}

#[test]
fn unknown_v3_endpoints_say_what_was_meant() {
    let dir = text_project(&[(
        "api.js",
        r#"const BASE = "https://api.oneclickdz.com";
fetch(`${BASE}/v3/mobile/list-plans`, { headers: { "X-Access-Token": k } });
fetch(`${BASE}/v3/account/get-balance`, { headers: { "X-Access-Token": k } });
fetch(`${BASE}/v3/mobile/plans`, { headers: { "X-Access-Token": k } });
"#,
    )]);
    let out = cmd(dir.path())
        .args(["check", "--output-format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let msgs: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            assert_eq!(f["rule"], "unknown-v3-endpoint");
            assert!(f["fix"].is_null());
            f["message"].as_str().unwrap()
        })
        .collect();
    assert_eq!(
        msgs,
        [
            "`/v3/mobile/list-plans` is not a v3 endpoint: did you mean `/v3/mobile/plans`?",
            "`/v3/account/get-balance` is not a v3 endpoint: did you mean `/v3/account/balance`?"
        ]
    );
}

/// Across the project: the paths callers in other files give a module's request function
/// are call sites of their endpoints, in the callers' files, each as fixable as the unit
/// the module and its callers make.
#[test]
fn report_counts_the_paths_other_files_give_a_client_module() {
    let dir = text_project(&[
        (
            "lib/flexy.php",
            "<?php\nconst FLEXY_URL = 'https://flexy-api.oneclickdz.com/v2';\n\nfunction flexy_get($path)\n{\n    $ch = curl_init(FLEXY_URL . $path);\n    curl_setopt($ch, CURLOPT_HTTPHEADER, ['authorization: ' . getenv('KEY')]);\n    curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);\n    return json_decode(curl_exec($ch), true);\n}\n",
        ),
        (
            "pages/cards.php",
            "<?php\nrequire_once __DIR__ . '/../lib/flexy.php';\n\n$adsl = flexy_get('/internet/checkCards/ADSL');\necho count($adsl);\n$fibre = flexy_get('/internet/checkCards/FIBRE');\necho count($fibre);\n",
        ),
        (
            "pages/status.php",
            "<?php\nrequire_once __DIR__ . '/../lib/flexy.php';\n\n$s = flexy_get('/account/balance');\necho $s['balance'];\n",
        ),
    ]);
    let json: serde_json::Value = serde_json::from_str(&report(dir.path(), "json")).unwrap();
    let group = |name: &str| {
        json["groups"]
            .as_array()
            .unwrap()
            .iter()
            .find(|g| g["group"] == name)
            .unwrap()
            .clone()
    };
    assert_eq!(group("internet")["counts"]["v2"], 2, "{json}");
    assert_eq!(group("internet")["counts"]["safe"], 2, "{json}");
    assert_eq!(group("account")["counts"]["v2"], 1, "{json}");
    assert_eq!(group("account")["counts"]["safe"], 1, "{json}");
    let table = report(dir.path(), "table");
    assert!(table.contains("pages/cards.php:4"), "{table}");
    assert!(table.contains("pages/status.php:4"), "{table}");
}

/// Across the project: the calls in other files of a function that requests one endpoint
/// (`flexy.getBalance()`) are listed under that endpoint, where it is used; the call site
/// stays the one URL the function writes.
#[test]
fn report_lists_the_calls_of_one_endpoint_functions_in_other_files() {
    let dir = text_project(&[
        (
            "lib/flexy.js",
            "const BASE = \"https://flexy-api.oneclickdz.com/v2\";\n\nasync function getBalance() {\n  const res = await fetch(BASE + \"/account/balance\", { headers: { authorization: \"k\" } });\n  return res.json();\n}\n\nmodule.exports = { getBalance };\n",
        ),
        (
            "jobs/alert.js",
            "const flexy = require(\"../lib/flexy\");\n\nasync function alert() {\n  const b = await flexy.getBalance();\n  if (b.balance < 100) console.log(\"low\");\n}\n\nmodule.exports = { alert };\n",
        ),
        (
            "jobs/show.js",
            "const { getBalance } = require(\"../lib/flexy\");\n\ngetBalance().then((b) => console.log(b.balance));\n",
        ),
    ]);
    let json: serde_json::Value = serde_json::from_str(&report(dir.path(), "json")).unwrap();
    let balance = json["endpoints"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["v2"] == "/v2/account/balance")
        .unwrap()
        .clone();
    assert_eq!(balance["counts"]["v2"], 1, "{balance}");
    let calls: Vec<(String, u64, String)> = balance["calls"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["file"].as_str().unwrap().replace('\\', "/"),
                c["line"].as_u64().unwrap(),
                c["function"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(calls.len(), 2, "{balance}");
    assert!(
        calls[0].0.ends_with("jobs/alert.js") && calls[0].1 == 4,
        "{calls:?}"
    );
    assert!(
        calls[1].0.ends_with("jobs/show.js") && calls[1].1 == 3,
        "{calls:?}"
    );
    assert!(calls.iter().all(|c| c.2 == "getBalance"), "{calls:?}");
    let table = report(dir.path(), "table");
    assert!(table.contains("jobs/show.js:3 (`getBalance`)"), "{table}");
}

/// `report` counts v3 call sites on every URL form (a version-less path on a v3 base too),
/// and tells the migrated ones with findings left from the clean ones.
#[test]
fn report_separates_v3_call_sites_with_findings_left() {
    let dir = text_project(&[
        (
            "flexy.js",
            "const BASE = \"https://api.oneclickdz.com/v3\";\nconst headers = { \"X-Access-Token\": process.env.KEY };\n\nasync function balance() {\n  const result = await fetch(`${BASE}/account/balance`, { headers }).then((r) => r.json());\n  return result.balance;\n}\n\nasync function plans() {\n  const result = await fetch(\"https://api.oneclickdz.com/v3/mobile/plans\", { headers }).then((r) => r.json());\n  return result.success ? result.data.dynamicPlans : [];\n}\n\nasync function topups() {\n  const result = await fetch(BASE + \"/mobile/list?page=2\", { headers }).then((r) => r.json());\n  return [result.data.items, result.data.totalPages];\n}\n\nmodule.exports = { balance, plans, topups };\n",
        ),
    ]);
    let json: serde_json::Value = serde_json::from_str(&report(dir.path(), "json")).unwrap();
    assert_eq!(json["total"]["v3"], 3, "{}", json["total"]);
    assert_eq!(json["total"]["v3_with_findings"], 2, "{}", json["total"]);
    let left = |v3: &str| -> Vec<u64> {
        json["endpoints"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["v3"] == v3)
            .unwrap()["v3_sites"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["findings_left"].as_u64().unwrap())
            .collect()
    };
    assert_eq!(left("/v3/account/balance"), [1]);
    assert_eq!(left("/v3/mobile/plans"), [0]);
    assert_eq!(left("/v3/mobile/list"), [1]);
    let table = report(dir.path(), "table");
    assert!(
        table.contains("3 of 3 call sites on v3 (100% migrated, 2 with findings left)"),
        "{table}"
    );
}

/// `v3-unchecked-response` is a hint one asks for: off by default, a warning when selected,
/// and quiet where the response's `success` or `error` is checked.
#[test]
fn v3_unchecked_response_is_a_hint_one_selects() {
    let dir = text_project(&[(
        "balance.py",
        "import requests\n\nURL = \"https://api.oneclickdz.com/v3/account/balance\"\n\n\ndef unchecked(h):\n    result = requests.get(URL, headers=h).json()\n    return result[\"data\"][\"balance\"]\n\n\ndef checked(h):\n    result = requests.get(URL, headers=h).json()\n    if not result[\"success\"]:\n        raise RuntimeError(result[\"error\"][\"message\"])\n    return result[\"data\"][\"balance\"]\n",
    )]);
    let out = cmd(dir.path())
        .args(["check", "--isolated", "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let out = cmd(dir.path())
        .args([
            "check",
            "--isolated",
            "--select",
            "v3-unchecked-response",
            "--output-format",
            "json",
            ".",
        ])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let findings = json.as_array().unwrap();
    assert_eq!(findings.len(), 1, "{json}");
    assert_eq!(findings[0]["rule"], "v3-unchecked-response");
    assert_eq!(findings[0]["severity"], "warning");
    assert_eq!(findings[0]["start"]["line"], 8, "{json}");
    assert!(findings[0]["fix"].is_null());
}
