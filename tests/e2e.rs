//! End-to-end behaviour tests: a migrated program must behave against v3 exactly as the
//! original did against v2, and a program the tool does not fully migrate must keep
//! working on v2, never half-migrated.
//!
//! The programs are small v2 clients of the Flexy API in `tests/e2e/js` (`.js`, `.mjs`),
//! `tests/e2e/ts`, `tests/e2e/php` and `tests/e2e/python`: single files, or folders whose
//! entry file is `main.<ext>` (a client module and its callers; the folder is copied
//! whole). `tests/e2e/README.md` describes them and the mock they talk to. One test per
//! language; for each program:
//!
//! 1. **v2 run**: a copy with both hosts pointed at the mock (`https://flexy-api...` at its
//!    v2 port, `https://api...` at its v3 port) runs with the real interpreter (`node`,
//!    `php`, `python3`); it must exit 0 and print at least 3 lines. This validates the
//!    program and the mock, and always has to pass.
//! 2. **migrate**: a copy, hosts untouched, goes through `v3-migrate check --fix
//!    --unsafe-fixes .`, another through plain `v3-migrate check --fix .`; then
//!    `v3-migrate check --output-format json .` on the first says what remains.
//! 3. The migrated copies run with both hosts pointed at the mock, and four modes are
//!    judged ([`Mode`]):
//!    - `v3`: after `--fix --unsafe-fixes`, no v2 host is left, the text changed, and the
//!      program exits 0 printing the same lines as the v2 run (against v3);
//!    - `strict`: after `--fix --unsafe-fixes`, if the tool reports nothing left, the run
//!      exits 0 and not one request reaches the mock's v2 side (the mock records them);
//!      if findings remain, one of them must be `blocked-migration` (the tool says what
//!      stays on v2), else the mode fails;
//!    - `invariant-safe` and `invariant-unsafe`: after plain `--fix`, and after `--fix
//!      --unsafe-fixes`, the program prints exactly what the v2 run printed and exits the
//!      same way, whatever it talks to (v2 still answers).
//!
//! [`EXPECTED_FAILURES`] lists, with a cause, each program and mode that today's tool
//! fails. A listed pair that passes fails the test (remove it from the list), as does an
//! unlisted pair that fails, a v2 run that fails, or a listed program that does not exist.
//! The mock (`tests/e2e/mock_api.py`, Python standard library only) is started once per
//! test and stopped when the test ends; the programs of a language run one after the
//! other (the requests the mock records are per run), the languages in parallel. All
//! failures of a language are reported together: the mode, the diff of the outputs,
//! stderr and the migrated source; a table of every program's modes goes to stderr
//! (`-- --nocapture`).
//!
//! `E2E_ONLY=name` runs only the programs whose file stem (or folder name) contains `name`.

use std::fmt::Write as _;
use std::fs;
use std::io::{self, BufRead, BufReader, Read, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, ExitStatus, Stdio};
use std::thread;
use std::time::{Duration, Instant};

const V2_HOST: &str = "https://flexy-api.oneclickdz.com";
const V3_HOST: &str = "https://api.oneclickdz.com";
/// What must be gone from a migrated program (with or without the scheme).
const V2_HOST_NAME: &str = "flexy-api.oneclickdz.com";
/// The key the mock accepts; the programs default to it, the variable makes sure.
const API_KEY: &str = "e2e-test-key";
const RUN_TIMEOUT: Duration = Duration::from_secs(60);
const MIN_PROGRAMS: usize = 8;
const MIN_OUTPUT_LINES: usize = 3;
/// The rule that says a unit stays on v2 on purpose (issue 16).
const BLOCKED_RULE: &str = "blocked-migration";

/// The modes judged after the v2 run, each listed in [`EXPECTED_FAILURES`] on its own.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Mode {
    /// `--fix --unsafe-fixes`: no v2 host left, the text changed, exit 0 and the v2 run's
    /// lines against v3.
    V3,
    /// `--fix --unsafe-fixes`: reported fully migrated and no request reaches v2 (or a
    /// `blocked-migration` finding says what stays on v2).
    Strict,
    /// plain `--fix`: the v2 run's lines and exit status, both versions answering.
    InvariantSafe,
    /// `--fix --unsafe-fixes`: the v2 run's lines and exit status, both versions answering.
    InvariantUnsafe,
}

impl Mode {
    const ALL: [Mode; 4] = [
        Mode::V3,
        Mode::Strict,
        Mode::InvariantSafe,
        Mode::InvariantUnsafe,
    ];

    fn name(self) -> &'static str {
        match self {
            Mode::V3 => "v3",
            Mode::Strict => "strict",
            Mode::InvariantSafe => "invariant-safe",
            Mode::InvariantUnsafe => "invariant-unsafe",
        }
    }
}

/// What today's tool fails: (program, mode, cause). The program is named as in the reports:
/// `<lang dir>/<file name>`, or `<lang dir>/<folder>` for a folder program. The list may
/// only shrink: a listed pair that passes fails the test, so remove it when the tool is
/// fixed; never add a pair to make a new failure go away without its cause.
const EXPECTED_FAILURES: &[(&str, Mode, &str)] = &[
    // JavaScript
    // PHP
    (
        "php/config_array_client",
        Mode::V3,
        "blocked on purpose (v2 host stays): the base of the config array config/services.php reaches the client class of src/FlexyClient.php through main.php, which does not name the class's file: the paths main.php gives `$client->post()` are not followed to a request",
    ),
    (
        "php/error_enum_client",
        Mode::V3,
        "blocked on purpose (v2 host stays): src/FlexyError.php keeps v2 error strings that v3 renames in an enum, whose cases main.php compares with `error` through `tryFrom`: strings kept in a table are not rewritten, so the client's errors may reach them unchanged",
    ),
    (
        "php/guzzle_base_uri_topup.php",
        Mode::V3,
        "blocked on purpose (v2 host stays): Guzzle `base_uri => '.../v2/topup/'` with relative paths, and a nested `topup` read without a fix",
    ),
    (
        "php/wordpress_helpers.php",
        Mode::V3,
        "blocked on purpose (v2 host stays): a built endpoint (`'v2/' . $group . '/list'`) matches no one v3 row, so FLEXY_API_URL and its paths stay on v2",
    ),
    // Python
    (
        "python/module_functions_requests",
        Mode::V3,
        "blocked on purpose (v2 host stays): catalog.py tests a body for a payload key (`\"topups\" not in body`), which v3 moves under `data`; such a test is not rewritten",
    ),
    (
        "python/wrapper_returns_error_dicts.py",
        Mode::V3,
        "blocked on purpose (v2 host stays): each body goes to `report`, a function of the file whose reads of it are not followed",
    ),
    // TypeScript
    (
        "ts/base_moved_paths_stay.ts",
        Mode::V3,
        "blocked on purpose (v2 host stays): the list path built as `/v2/${group}/list` matches no one v3 row",
    ),
    (
        "ts/internet_base_shared_headers",
        Mode::V3,
        "blocked on purpose (v2 host stays): the grouped base `INTERNET_API = \".../v2/internet\"` in client.ts has no fix, and main.ts's own header has none",
    ),
];

fn expected_failure(program: &str, mode: Mode) -> Option<&'static str> {
    EXPECTED_FAILURES
        .iter()
        .find(|(name, m, _)| *name == program && *m == mode)
        .map(|(_, _, cause)| *cause)
}

/// One language of the suite: where its programs live and how they run.
struct Language {
    /// Directory under `tests/e2e`.
    dir: &'static str,
    extensions: &'static [&'static str],
    interpreter: &'static str,
    /// Arguments before the program's file name.
    args: &'static [&'static str],
    /// How many programs the directory must hold at least.
    min: usize,
}

const JAVASCRIPT: Language = Language {
    dir: "js",
    extensions: &["js", "mjs"],
    interpreter: "node",
    args: &[],
    min: MIN_PROGRAMS,
};

const PHP: Language = Language {
    dir: "php",
    extensions: &["php"],
    interpreter: "php",
    // Warnings go to stderr, once: on stdout they would carry the temp dir's path,
    // which differs between the two runs.
    args: &["-d", "display_errors=stderr", "-d", "log_errors=0"],
    min: MIN_PROGRAMS,
};

const PYTHON: Language = Language {
    dir: "python",
    extensions: &["py"],
    interpreter: "python3",
    args: &[],
    min: MIN_PROGRAMS,
};

/// TypeScript programs run through `tests/e2e/run_ts.js`: the TypeScript compiler (from
/// `V3_MIGRATE_TYPESCRIPT`, installed by `.ci/run`) transpiles them, then node runs them.
const TYPESCRIPT: Language = Language {
    dir: "ts",
    extensions: &["ts"],
    interpreter: "node",
    args: &[concat!(env!("CARGO_MANIFEST_DIR"), "/tests/e2e/run_ts.js")],
    min: 5,
};

#[test]
fn e2e_typescript() {
    let installed = std::env::var_os("V3_MIGRATE_TYPESCRIPT")
        .is_some_and(|d| Path::new(&d).join("package.json").exists());
    if !installed {
        assert!(
            std::env::var("CI").is_err(),
            "CI runs the TypeScript programs: set V3_MIGRATE_TYPESCRIPT (see .ci/run)"
        );
        eprintln!("skipped: the TypeScript compiler is not installed (V3_MIGRATE_TYPESCRIPT)");
        return;
    }
    run_language(&TYPESCRIPT);
}

#[test]
fn e2e_javascript() {
    run_language(&JAVASCRIPT);
}

#[test]
fn e2e_php() {
    require_php_with_curl();
    run_language(&PHP);
}

#[test]
fn e2e_python() {
    run_language(&PYTHON);
}

fn e2e_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("e2e")
}

/// How one mode of one program went.
type Verdict = Result<(), Failure>;

/// A program's files: paths relative to its root (with `/`) and texts, sorted by path.
type Files = Vec<(String, String)>;

/// One e2e program: a single file, or a folder with an entry file `main.<ext>`.
struct Program {
    /// `js/name.js`, or `js/name` for a folder: how reports and [`EXPECTED_FAILURES`]
    /// name it.
    name: String,
    /// The file stem or folder name, for `E2E_ONLY`.
    stem: String,
    /// The file the interpreter runs, relative to the program's root.
    entry: String,
    files: Files,
}

/// Runs every program of `lang` and panics once, at the end, with a report of every
/// failure that is not expected and every expected failure that no longer happens.
fn run_language(lang: &Language) {
    let programs = list_programs(lang);
    assert!(
        programs.len() >= lang.min,
        "expected at least {} programs in tests/e2e/{}, found {}",
        lang.min,
        lang.dir,
        programs.len()
    );
    let mut problems = Vec::new();
    // Every listed pair must name a program of the suite.
    let prefix = format!("{}/", lang.dir);
    for (index, (name, mode, _)) in EXPECTED_FAILURES.iter().enumerate() {
        if name.starts_with(&prefix) && !programs.iter().any(|p| p.name == *name) {
            problems.push(format!(
                "=== EXPECTED_FAILURES lists {name} ({}), which is not a program of tests/e2e\n",
                mode.name()
            ));
        }
        if EXPECTED_FAILURES[..index]
            .iter()
            .any(|(n, m, _)| n == name && m == mode)
        {
            problems.push(format!(
                "=== EXPECTED_FAILURES lists {name} ({}) twice\n",
                mode.name()
            ));
        }
    }
    let only = std::env::var("E2E_ONLY").ok().filter(|s| !s.is_empty());
    let selected: Vec<&Program> = programs
        .iter()
        .filter(|p| only.as_deref().is_none_or(|name| p.stem.contains(name)))
        .collect();
    if selected.is_empty() {
        eprintln!(
            "E2E_ONLY={}: no program in tests/e2e/{} matches",
            only.unwrap_or_default(),
            lang.dir
        );
        return;
    }

    let mut mock = MockApi::start();
    let mut table = format!(
        "{:<48} {:<6} {:<6} {:<14} {:<16}\n",
        "program", "v3", "strict", "invariant-safe", "invariant-unsafe"
    );
    let mut causes = String::new();
    let mut failed = 0;
    for program in &selected {
        let verdicts = match check_program(lang, program, &mut mock) {
            Ok(verdicts) => verdicts,
            Err(failure) => {
                failed += 1;
                let _ = writeln!(table, "{:<48} v2 run FAILED", program.name);
                problems.push(failure.render(&program.name));
                continue;
            }
        };
        let mut row = format!("{:<48}", program.name);
        let mut program_failed = false;
        for mode in Mode::ALL {
            let verdict = verdicts
                .iter()
                .find(|(m, _)| *m == mode)
                .map(|(_, verdict)| verdict)
                .expect("every mode is judged");
            let cell = match (verdict, expected_failure(&program.name, mode)) {
                (Ok(()), None) => "pass",
                (Err(failure), Some(_)) => {
                    let _ = writeln!(
                        causes,
                        "{} {}: {}",
                        program.name,
                        mode.name(),
                        failure.reason.lines().next().unwrap_or_default()
                    );
                    "xfail"
                }
                (Err(failure), None) => {
                    program_failed = true;
                    problems.push(failure.render(&program.name));
                    "FAIL"
                }
                (Ok(()), Some(cause)) => {
                    program_failed = true;
                    problems.push(format!(
                        "=== {}: {} passes now: remove it from EXPECTED_FAILURES in tests/e2e.rs \
                         (listed as: {cause})\n",
                        program.name,
                        mode.name()
                    ));
                    "XPASS"
                }
            };
            let width = mode.name().len().max(6);
            let _ = write!(row, " {cell:<width$}");
        }
        failed += usize::from(program_failed);
        table.push_str(row.trim_end());
        table.push('\n');
    }
    eprintln!("tests/e2e/{}:\n{table}", lang.dir);
    if !causes.is_empty() {
        eprintln!(
            "expected failures of tests/e2e/{}, as they fail now:\n{causes}",
            lang.dir
        );
    }
    if !problems.is_empty() {
        let mut report = format!(
            "{failed} of {} {} programs failed (see the table above with -- --nocapture)\n",
            selected.len(),
            lang.dir
        );
        for problem in &problems {
            report.push('\n');
            report.push_str(problem);
        }
        panic!("{report}");
    }
}

/// The programs directly in `tests/e2e/<lang.dir>`: the files with one of the language's
/// extensions, and the folders, each of which must hold an entry file `main.<ext>`.
/// Sorted by name.
fn list_programs(lang: &Language) -> Vec<Program> {
    let dir = e2e_dir().join(lang.dir);
    let entries = match fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Vec::new(),
        Err(err) => panic!("cannot list {}: {err}", dir.display()),
    };
    let mut programs = Vec::new();
    for entry in entries {
        let path = entry.expect("cannot read a directory entry").path();
        let file_name = file_name(&path).to_string();
        if path.is_dir() {
            let entry = lang
                .extensions
                .iter()
                .map(|ext| format!("main.{ext}"))
                .find(|main| path.join(main).is_file())
                .unwrap_or_else(|| {
                    panic!(
                        "{}: a program folder needs an entry file main.{}",
                        path.display(),
                        lang.extensions.join(" or main.")
                    )
                });
            let mut files = Vec::new();
            read_tree(&path, "", &mut files);
            files.sort();
            programs.push(Program {
                name: format!("{}/{file_name}", lang.dir),
                stem: file_name,
                entry,
                files,
            });
        } else if path.is_file()
            && path
                .extension()
                .and_then(|ext| ext.to_str())
                .is_some_and(|ext| lang.extensions.contains(&ext))
        {
            let text = fs::read_to_string(&path)
                .unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()));
            programs.push(Program {
                name: format!("{}/{file_name}", lang.dir),
                stem: path
                    .file_stem()
                    .and_then(|s| s.to_str())
                    .unwrap_or_default()
                    .to_string(),
                entry: file_name.clone(),
                files: vec![(file_name, text)],
            });
        }
    }
    programs.sort_by(|a, b| a.name.cmp(&b.name));
    programs
}

/// Every file under `dir`, with its path relative to the program's root.
fn read_tree(dir: &Path, prefix: &str, out: &mut Files) {
    let entries =
        fs::read_dir(dir).unwrap_or_else(|err| panic!("cannot list {}: {err}", dir.display()));
    for entry in entries {
        let path = entry.expect("cannot read a directory entry").path();
        let relative = format!("{prefix}{}", file_name(&path));
        if path.is_dir() {
            read_tree(&path, &format!("{relative}/"), out);
        } else {
            let text = fs::read_to_string(&path)
                .unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()));
            out.push((relative, text));
        }
    }
}

fn file_name(path: &Path) -> &str {
    path.file_name()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
}

/// `tsc --noEmit --strict` on a program's entry (and what it imports), with Node's types:
/// the compiler's errors, if any. The compiler and `@types/node` come from
/// `V3_MIGRATE_TYPESCRIPT` (`.ci/run` installs both).
fn type_check(files: &Files, entry: &str) -> Result<(), String> {
    let ts = PathBuf::from(
        std::env::var_os("V3_MIGRATE_TYPESCRIPT").ok_or("V3_MIGRATE_TYPESCRIPT is not set")?,
    );
    let types = ts
        .parent()
        .map(|p| p.join("@types"))
        .ok_or("no node_modules")?;
    let work = tempfile::tempdir().map_err(|e| e.to_string())?;
    write_files(work.path(), files)?;
    let mut command = Command::new("node");
    command
        .arg(ts.join("bin/tsc"))
        .args([
            "--noEmit",
            "--strict",
            "--target",
            "es2022",
            "--lib",
            "es2022,dom",
        ])
        .args([
            "--module",
            "commonjs",
            "--moduleResolution",
            "node",
            "--types",
            "node",
        ])
        .arg("--typeRoots")
        .arg(&types)
        .arg(entry)
        .current_dir(work.path());
    let out = run_with_timeout(&mut command)?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!("{}{}", out.stdout, out.stderr))
    }
}

fn write_files(dir: &Path, files: &Files) -> Result<(), String> {
    for (relative, text) in files {
        let path = dir.join(relative);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)
                .map_err(|err| format!("cannot create {}: {err}", parent.display()))?;
        }
        fs::write(&path, text).map_err(|err| format!("cannot write {}: {err}", path.display()))?;
    }
    Ok(())
}

/// The files with both hosts pointed at the mock.
fn on_mock(files: &Files, mock: &MockApi) -> Files {
    let v2 = format!("http://127.0.0.1:{}", mock.v2);
    let v3 = format!("http://127.0.0.1:{}", mock.v3);
    files
        .iter()
        .map(|(path, text)| {
            (
                path.clone(),
                text.replace(V2_HOST, &v2).replace(V3_HOST, &v3),
            )
        })
        .collect()
}

/// The v2 run, then the two migrations and their runs; `Err` when the v2 run fails (the
/// program or the mock is wrong, and no mode can be judged), else a verdict per mode.
fn check_program(
    lang: &Language,
    program: &Program,
    mock: &mut MockApi,
) -> Result<Vec<(Mode, Verdict)>, Failure> {
    // 1. v2 run.
    let v2 = run_program(lang, &program.entry, &on_mock(&program.files, mock))
        .map_err(|err| Failure::new("v2 run", err))?;
    if !v2.status.success() || v2.stdout.lines().count() < MIN_OUTPUT_LINES {
        let reason = if v2.status.success() {
            format!(
                "printed {} lines, at least {MIN_OUTPUT_LINES} expected",
                v2.stdout.lines().count()
            )
        } else {
            format!("exited with {}", v2.status)
        };
        return Err(Failure {
            stderr: v2.stderr,
            diff: Some(v2.stdout),
            ..Failure::new("v2 run", reason)
        });
    }
    // A TypeScript program type-checks (`tsc --noEmit --strict`) before it is migrated.
    if lang.dir == TYPESCRIPT.dir {
        type_check(&program.files, &program.entry).map_err(|errors| Failure {
            diff: Some(errors),
            ..Failure::new(
                "v2 type check",
                "tsc --noEmit --strict rejects the v2 program".to_string(),
            )
        })?;
    }
    let mut verdicts = Vec::new();

    // 2. --fix --unsafe-fixes: the v3, strict and invariant-unsafe modes, from one run.
    match migrate(program, true) {
        Err(failure) => {
            for mode in [Mode::V3, Mode::Strict, Mode::InvariantUnsafe] {
                verdicts.push((mode, Err(failure.clone().in_mode(mode))));
            }
        }
        Ok(migrated) => {
            let remaining = remaining_rules(&migrated.files);
            // Forget what the v2 run sent: from here on, the mock records this run's.
            mock.take_v2_requests();
            let run = run_program(lang, &program.entry, &on_mock(&migrated.files, mock));
            let v2_requests = mock.take_v2_requests();
            let mut v3 = v3_verdict(program, &migrated, &v2, &run);
            // Migrated TypeScript type-checks as the original did.
            if v3.is_ok() && lang.dir == TYPESCRIPT.dir {
                if let Err(errors) = type_check(&migrated.files, &program.entry) {
                    v3 = Err(Failure {
                        diff: Some(errors),
                        migrated: migrated.files.clone(),
                        ..Failure::new(
                            Mode::V3.name(),
                            "tsc --noEmit --strict rejects the migrated program".to_string(),
                        )
                    });
                }
            }
            verdicts.push((Mode::V3, v3));
            verdicts.push((
                Mode::Strict,
                strict_verdict(&migrated, &remaining, &run, &v2_requests),
            ));
            verdicts.push((
                Mode::InvariantUnsafe,
                same_behaviour(Mode::InvariantUnsafe, &migrated, &v2, &run),
            ));
        }
    }

    // 3. plain --fix: the invariant-safe mode.
    match migrate(program, false) {
        Err(failure) => verdicts.push((
            Mode::InvariantSafe,
            Err(failure.in_mode(Mode::InvariantSafe)),
        )),
        Ok(migrated) => {
            // An untouched program is the v2 run again.
            let run = if migrated.files == program.files {
                Ok(v2.clone())
            } else {
                run_program(lang, &program.entry, &on_mock(&migrated.files, mock))
            };
            verdicts.push((
                Mode::InvariantSafe,
                same_behaviour(Mode::InvariantSafe, &migrated, &v2, &run),
            ));
        }
    }
    Ok(verdicts)
}

/// A migrated copy of a program, and what the tool printed.
struct Migrated {
    files: Files,
    stdout: String,
    stderr: String,
}

/// Copies the program (real hosts) into a temp dir and runs `v3-migrate check --fix` on
/// it, with `--unsafe-fixes` if `unsafe_fixes`.
fn migrate(program: &Program, unsafe_fixes: bool) -> Result<Migrated, Failure> {
    let step = if unsafe_fixes {
        "migrate (--fix --unsafe-fixes)"
    } else {
        "migrate (--fix)"
    };
    let fail = |reason: String| Failure::new(step, reason);
    let work = tempfile::tempdir().map_err(|err| fail(err.to_string()))?;
    write_files(work.path(), &program.files).map_err(fail)?;
    let mut command = Command::new(assert_cmd::cargo::cargo_bin("v3-migrate"));
    command.args(["check", "--fix"]);
    if unsafe_fixes {
        command.arg("--unsafe-fixes");
    }
    command.arg(".").current_dir(work.path());
    let outcome = run_with_timeout(&mut command).map_err(fail)?;
    let mut files = Files::new();
    for (relative, _) in &program.files {
        let text = fs::read_to_string(work.path().join(relative))
            .map_err(|err| fail(format!("cannot read {relative} back: {err}")))?;
        files.push((relative.clone(), text));
    }
    if !matches!(outcome.status.code(), Some(0 | 1)) {
        return Err(Failure {
            diff: Some(outcome.stdout),
            stderr: outcome.stderr,
            migrated: files,
            ..fail(format!("v3-migrate exited with {}", outcome.status))
        });
    }
    Ok(Migrated {
        files,
        stdout: outcome.stdout,
        stderr: outcome.stderr,
    })
}

/// The rules of the findings `v3-migrate check --output-format json` still reports on
/// migrated files (empty: the tool reports the program fully migrated).
fn remaining_rules(files: &Files) -> Result<Vec<String>, String> {
    let work = tempfile::tempdir().map_err(|err| err.to_string())?;
    write_files(work.path(), files)?;
    let mut command = Command::new(assert_cmd::cargo::cargo_bin("v3-migrate"));
    command
        .args(["check", "--output-format", "json", "."])
        .current_dir(work.path());
    let outcome = run_with_timeout(&mut command)?;
    if !matches!(outcome.status.code(), Some(0 | 1)) {
        return Err(format!(
            "`v3-migrate check --output-format json` exited with {}: {}",
            outcome.status, outcome.stderr
        ));
    }
    let findings: serde_json::Value = serde_json::from_str(&outcome.stdout)
        .map_err(|err| format!("`v3-migrate check --output-format json` printed no JSON: {err}"))?;
    let findings = findings
        .as_array()
        .ok_or("`v3-migrate check --output-format json` printed no array")?;
    Ok(findings
        .iter()
        .map(|finding| finding["rule"].as_str().unwrap_or("?").to_string())
        .collect())
}

fn v3_verdict(
    program: &Program,
    migrated: &Migrated,
    v2: &Output,
    run: &Result<Output, String>,
) -> Result<(), Failure> {
    let with_tool_output = |reason: String| Failure {
        diff: Some(migrated.stdout.clone()),
        stderr: migrated.stderr.clone(),
        migrated: migrated.files.clone(),
        ..Failure::new(Mode::V3.name(), reason)
    };
    if let Some((path, _)) = migrated
        .files
        .iter()
        .find(|(_, text)| text.contains(V2_HOST_NAME))
    {
        return Err(with_tool_output(format!(
            "the migrated program still contains `{V2_HOST_NAME}` (in {path})"
        )));
    }
    if migrated.files == program.files {
        return Err(with_tool_output(
            "v3-migrate left the program unchanged".to_string(),
        ));
    }
    compare_runs(Mode::V3, migrated, v2, run, true)
}

fn strict_verdict(
    migrated: &Migrated,
    remaining: &Result<Vec<String>, String>,
    run: &Result<Output, String>,
    v2_requests: &[String],
) -> Result<(), Failure> {
    let fail = |reason: String| Failure {
        migrated: migrated.files.clone(),
        ..Failure::new(Mode::Strict.name(), reason)
    };
    let remaining = remaining.as_ref().map_err(|err| fail(err.clone()))?;
    if !remaining.is_empty() {
        if remaining.iter().any(|rule| rule == BLOCKED_RULE) {
            // Blocked on purpose: what stays on v2 is the invariant modes' business.
            return Ok(());
        }
        let mut rules: Vec<&str> = remaining.iter().map(String::as_str).collect();
        rules.sort_unstable();
        rules.dedup();
        let counted: Vec<String> = rules
            .iter()
            .map(|rule| {
                let n = remaining.iter().filter(|r| r == rule).count();
                format!("{rule} x{n}")
            })
            .collect();
        return Err(fail(format!(
            "not fully migrated and no `{BLOCKED_RULE}` finding: {} remain ({}); {} requests reached v2",
            remaining.len(),
            counted.join(", "),
            v2_requests.len()
        )));
    }
    let run = run.as_ref().map_err(|err| fail(err.clone()))?;
    if !run.status.success() {
        return Err(Failure {
            diff: Some(run.stdout.clone()),
            stderr: run.stderr.clone(),
            ..fail(format!(
                "reported fully migrated, but exited with {}",
                run.status
            ))
        });
    }
    if !v2_requests.is_empty() {
        let shown: Vec<&str> = v2_requests.iter().take(3).map(String::as_str).collect();
        return Err(Failure {
            diff: Some(v2_requests.join("\n")),
            ..fail(format!(
                "reported fully migrated, yet {} requests reached v2: {}{}",
                v2_requests.len(),
                shown.join(", "),
                if v2_requests.len() > shown.len() {
                    ", ..."
                } else {
                    ""
                }
            ))
        });
    }
    Ok(())
}

fn same_behaviour(
    mode: Mode,
    migrated: &Migrated,
    v2: &Output,
    run: &Result<Output, String>,
) -> Result<(), Failure> {
    compare_runs(mode, migrated, v2, run, false)
}

/// The run's stdout lines must be the v2 run's; its exit status must be 0 if `must_succeed`,
/// else the v2 run's.
fn compare_runs(
    mode: Mode,
    migrated: &Migrated,
    v2: &Output,
    run: &Result<Output, String>,
    must_succeed: bool,
) -> Result<(), Failure> {
    let run = run.as_ref().map_err(|err| Failure {
        migrated: migrated.files.clone(),
        ..Failure::new(mode.name(), err.clone())
    })?;
    let same_lines = v2.stdout.lines().eq(run.stdout.lines());
    let same_exit = if must_succeed {
        run.status.success()
    } else {
        run.status.code() == v2.status.code()
    };
    if same_exit && same_lines {
        return Ok(());
    }
    let reason = match (same_exit, same_lines) {
        (false, true) => format!("exited with {}", run.status),
        (false, false) => format!("exited with {} and printed other lines", run.status),
        _ => "printed other lines than the v2 run".to_string(),
    };
    let first_change = v2
        .stdout
        .lines()
        .map(Some)
        .chain(std::iter::repeat(None))
        .zip(run.stdout.lines().map(Some).chain(std::iter::repeat(None)))
        .take(v2.stdout.lines().count().max(run.stdout.lines().count()))
        .find(|(a, b)| a != b);
    let reason = match first_change {
        Some((a, b)) => format!(
            "{reason}; first change: {:?} -> {:?}",
            a.unwrap_or("<none>"),
            b.unwrap_or("<none>")
        ),
        None => reason,
    };
    let diff = similar::TextDiff::from_lines(&v2.stdout, &run.stdout)
        .unified_diff()
        .header("v2 run", mode.name())
        .to_string();
    Err(Failure {
        diff: Some(diff),
        stderr: run.stderr.clone(),
        migrated: migrated.files.clone(),
        ..Failure::new(mode.name(), reason)
    })
}

/// Writes the files into a fresh temp dir and runs the entry file there with the
/// language's interpreter.
fn run_program(lang: &Language, entry: &str, files: &Files) -> Result<Output, String> {
    let dir = tempfile::tempdir().map_err(|err| format!("cannot create a temp dir: {err}"))?;
    write_files(dir.path(), files)?;
    let mut command = Command::new(lang.interpreter);
    command
        .args(lang.args)
        .arg(entry)
        .current_dir(dir.path())
        .env("FLEXY_API_KEY", API_KEY);
    // The mock is on loopback; a proxy from the environment must not get in the way.
    for var in ["http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY"] {
        command.env_remove(var);
    }
    command
        .env("NO_PROXY", "127.0.0.1,localhost")
        .env("no_proxy", "127.0.0.1,localhost");
    run_with_timeout(&mut command)
}

/// What a finished process printed.
#[derive(Clone)]
struct Output {
    status: ExitStatus,
    stdout: String,
    stderr: String,
}

/// Runs `command` with no stdin, capturing stdout and stderr, and kills it after
/// [`RUN_TIMEOUT`].
fn run_with_timeout(command: &mut Command) -> Result<Output, String> {
    let program = command.get_program().to_string_lossy().into_owned();
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|err| format!("cannot start `{program}`: {err}"))?;
    // Read both pipes while waiting, so a chatty child never blocks on a full pipe.
    let stdout = drain(child.stdout.take().expect("stdout is piped"));
    let stderr = drain(child.stderr.take().expect("stderr is piped"));
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if started.elapsed() >= RUN_TIMEOUT => {
                // Already exited if the kill fails; wait reaps it either way.
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            Ok(None) => thread::sleep(Duration::from_millis(20)),
            Err(err) => return Err(format!("cannot wait for `{program}`: {err}")),
        }
    };
    let stdout = stdout.join().expect("the stdout reader panicked");
    let stderr = stderr.join().expect("the stderr reader panicked");
    match status {
        Some(status) => Ok(Output {
            status,
            stdout,
            stderr,
        }),
        None => Err(format!(
            "`{program}` timed out after {} s and was killed\n--- stdout ---\n{stdout}\n--- stderr ---\n{stderr}",
            RUN_TIMEOUT.as_secs()
        )),
    }
}

fn drain(mut pipe: impl Read + Send + 'static) -> thread::JoinHandle<String> {
    thread::spawn(move || {
        let mut bytes = Vec::new();
        // A read error leaves what was read so far, which is what a report can show.
        let _ = pipe.read_to_end(&mut bytes);
        String::from_utf8_lossy(&bytes).into_owned()
    })
}

/// Why one mode of one program failed, for the report.
#[derive(Clone)]
struct Failure {
    /// The mode, or the step (`v2 run`, `migrate ...`) that failed.
    step: String,
    reason: String,
    /// The unified diff of the two runs' stdout, or the failing step's stdout.
    diff: Option<String>,
    stderr: String,
    /// The migrated files, if the migration got that far.
    migrated: Files,
}

impl Failure {
    fn new(step: &str, reason: String) -> Failure {
        Failure {
            step: step.to_string(),
            reason,
            diff: None,
            stderr: String::new(),
            migrated: Files::new(),
        }
    }

    /// The failure of a step, charged to a mode that needed it.
    fn in_mode(self, mode: Mode) -> Failure {
        Failure {
            reason: format!("{} failed: {}", self.step, self.reason),
            step: mode.name().to_string(),
            ..self
        }
    }

    fn render(&self, program: &str) -> String {
        let mut out = format!("=== {program}: {} failed: {}\n", self.step, self.reason);
        let mut section = |title: &str, body: &str| {
            if !body.trim().is_empty() {
                let _ = write!(out, "--- {title} ---\n{body}");
                if !body.ends_with('\n') {
                    out.push('\n');
                }
            }
        };
        if let Some(diff) = &self.diff {
            let title = if diff.starts_with("--- v2 run") {
                "stdout diff"
            } else {
                "stdout"
            };
            section(title, diff);
        }
        section(&format!("stderr ({})", self.step), &self.stderr);
        for (path, text) in &self.migrated {
            section(&format!("migrated source: {path}"), text);
        }
        out
    }
}

/// The mock API, a child process; it exits when its stdin closes, and is killed if that
/// is not enough.
struct MockApi {
    child: Child,
    stdin: Option<ChildStdin>,
    stdout: BufReader<ChildStdout>,
    v2: u16,
    v3: u16,
}

impl MockApi {
    fn start() -> MockApi {
        let script = e2e_dir().join("mock_api.py");
        let mut child = Command::new("python3")
            .arg(&script)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap_or_else(|err| panic!("cannot start `python3 {}`: {err}", script.display()));
        let stdin = child.stdin.take();
        let stdout = BufReader::new(child.stdout.take().expect("the mock's stdout is piped"));
        // From here on, dropping `mock` stops the child, even if reading the ports panics.
        let mut mock = MockApi {
            child,
            stdin,
            stdout,
            v2: 0,
            v3: 0,
        };
        let ports = mock.read_json_line("its ports line");
        let port = |version: &str| {
            ports[version]
                .as_u64()
                .and_then(|port| u16::try_from(port).ok())
                .unwrap_or_else(|| panic!("no {version} port in the mock's line {ports}"))
        };
        mock.v2 = port("v2");
        mock.v3 = port("v3");
        mock
    }

    fn read_json_line(&mut self, what: &str) -> serde_json::Value {
        let mut line = String::new();
        self.stdout
            .read_line(&mut line)
            .unwrap_or_else(|err| panic!("cannot read the mock's {what}: {err}"));
        serde_json::from_str(&line).unwrap_or_else(|err| {
            panic!(
                "the mock printed {line:?} instead of {what} ({err}); \
                 its stderr, if any, is above"
            )
        })
    }

    /// The requests (`METHOD PATH`) the v2 side received since the last call.
    fn take_v2_requests(&mut self) -> Vec<String> {
        let stdin = self.stdin.as_mut().expect("the mock's stdin is open");
        stdin
            .write_all(b"log\n")
            .and_then(|()| stdin.flush())
            .unwrap_or_else(|err| panic!("cannot ask the mock for its log: {err}"));
        let log = self.read_json_line("its request log");
        log["v2"]
            .as_array()
            .unwrap_or_else(|| panic!("no v2 list in the mock's log {log}"))
            .iter()
            .map(|request| request.as_str().unwrap_or_default().to_string())
            .collect()
    }
}

impl Drop for MockApi {
    fn drop(&mut self) {
        // Closing stdin asks the mock to exit; give it a moment, then make sure.
        drop(self.stdin.take());
        let deadline = Instant::now() + Duration::from_secs(2);
        while Instant::now() < deadline {
            match self.child.try_wait() {
                Ok(None) => thread::sleep(Duration::from_millis(20)),
                _ => return,
            }
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The PHP programs need the interpreter and its curl extension; a missing one is a
/// failure with instructions, never a silent skip.
fn require_php_with_curl() {
    let check = Command::new("php")
        .args(["-r", "exit(function_exists('curl_init') ? 0 : 3);"])
        .stdin(Stdio::null())
        .output();
    match check {
        Ok(out) if out.status.success() => {}
        Ok(out) if out.status.code() == Some(3) => panic!(
            "php has no curl extension: install php-curl (e.g. `apt-get install php-curl`)"
        ),
        Ok(out) => panic!(
            "`php -r` failed ({}): {}\ninstall php-cli and php-curl (e.g. `apt-get install php-cli php-curl`)",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        ),
        Err(err) => panic!(
            "cannot run `php` ({err}): install php-cli and php-curl (e.g. `apt-get install php-cli php-curl`)"
        ),
    }
}
