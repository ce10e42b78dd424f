//! End-to-end behaviour tests: a migrated program must behave against v3 exactly as the
//! original did against v2.
//!
//! The programs are small v2 clients of the Flexy API in `tests/e2e/js` (`.js`, `.mjs`),
//! `tests/e2e/php` and `tests/e2e/python`; `tests/e2e/README.md` describes them and the
//! mock they talk to. For each program, one test per language:
//!
//! 1. **v2 run**: a copy with the v2 host replaced by the mock's v2 port runs with the real
//!    interpreter (`node`, `php`, `python3`); it must exit 0 and print at least 3 lines.
//! 2. **migrate**: another copy, hosts untouched, goes through
//!    `v3-migrate check --fix --unsafe-fixes`; no v2 host may be left and the text must
//!    have changed.
//! 3. **v3 run**: the migrated text, with the v3 host replaced by the mock's v3 port, must
//!    exit 0 and print the same stdout lines as the v2 run.
//!
//! The mock (`tests/e2e/mock_api.py`, Python standard library only) is started once per
//! test and stopped when the test ends. All failures of a language are collected and
//! reported together: the step, the diff of the outputs, stderr and the migrated source.
//!
//! `E2E_ONLY=name` runs only the programs whose file stem contains `name`.

use std::fmt::Write as _;
use std::fs;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
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

/// Runs every program of `lang` through the three steps and panics once, at the end,
/// with a report of every program that failed.
fn run_language(lang: &Language) {
    let dir = e2e_dir().join(lang.dir);
    let programs = list_programs(&dir, lang.extensions);
    assert!(
        programs.len() >= lang.min,
        "expected at least {} programs in tests/e2e/{}, found {}",
        lang.min,
        lang.dir,
        programs.len()
    );
    let only = std::env::var("E2E_ONLY").ok().filter(|s| !s.is_empty());
    let selected: Vec<PathBuf> = programs
        .into_iter()
        .filter(|p| {
            only.as_deref()
                .is_none_or(|name| file_stem(p).contains(name))
        })
        .collect();
    if selected.is_empty() {
        eprintln!(
            "E2E_ONLY={}: no program in tests/e2e/{} matches",
            only.unwrap_or_default(),
            lang.dir
        );
        return;
    }

    let mock = MockApi::start();
    let mut failures = Vec::new();
    for program in &selected {
        if let Err(failure) = check_program(lang, program, &mock) {
            failures.push((format!("{}/{}", lang.dir, file_name(program)), failure));
        }
    }
    if !failures.is_empty() {
        let mut report = format!(
            "{} of {} {} programs failed\n",
            failures.len(),
            selected.len(),
            lang.dir
        );
        for (program, failure) in &failures {
            report.push('\n');
            report.push_str(&failure.render(program));
        }
        panic!("{report}");
    }
}

/// The programs directly in `dir` with one of `extensions`, sorted by path.
fn list_programs(dir: &Path, extensions: &[&str]) -> Vec<PathBuf> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Vec::new(),
        Err(err) => panic!("cannot list {}: {err}", dir.display()),
    };
    let mut programs: Vec<PathBuf> = entries
        .map(|entry| entry.expect("cannot read a directory entry").path())
        .filter(|path| path.is_file())
        .filter(|path| {
            path.extension()
                .and_then(|ext| ext.to_str())
                .is_some_and(|ext| extensions.contains(&ext))
        })
        .collect();
    programs.sort();
    programs
}

fn file_stem(path: &Path) -> &str {
    path.file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
}

fn file_name(path: &Path) -> &str {
    path.file_name()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
}

/// The three steps for one program; the first one that fails ends it.
fn check_program(lang: &Language, program: &Path, mock: &MockApi) -> Result<(), Failure> {
    let failure = |step: &'static str, reason: String| Failure {
        step,
        reason,
        diff: None,
        stderr: String::new(),
        migrated: None,
    };
    let original = fs::read_to_string(program)
        .map_err(|err| failure("read", format!("cannot read {}: {err}", program.display())))?;

    // 1. v2 run.
    let v2_source = original.replace(V2_HOST, &format!("http://127.0.0.1:{}", mock.v2));
    let v2 = run_program(lang, program, &v2_source).map_err(|err| failure("v2 run", err))?;
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
            ..failure("v2 run", reason)
        });
    }

    // 2. migrate.
    let work = tempfile::tempdir().map_err(|err| failure("migrate", err.to_string()))?;
    let target = work.path().join(file_name(program));
    fs::write(&target, &original).map_err(|err| failure("migrate", err.to_string()))?;
    let mut migrate = Command::new(assert_cmd::cargo::cargo_bin("v3-migrate"));
    migrate
        .args(["check", "--fix", "--unsafe-fixes", file_name(program)])
        .current_dir(work.path());
    let outcome = run_with_timeout(&mut migrate).map_err(|err| failure("migrate", err))?;
    let migrated = fs::read_to_string(&target).map_err(|err| {
        failure(
            "migrate",
            format!("cannot read the migrated file back: {err}"),
        )
    })?;
    let migrate_failure = |reason: String| Failure {
        diff: Some(outcome.stdout.clone()),
        stderr: outcome.stderr.clone(),
        migrated: Some(migrated.clone()),
        ..failure("migrate", reason)
    };
    if !matches!(outcome.status.code(), Some(0 | 1)) {
        return Err(migrate_failure(format!(
            "v3-migrate exited with {}",
            outcome.status
        )));
    }
    if migrated.contains(V2_HOST_NAME) {
        return Err(migrate_failure(format!(
            "the migrated program still contains `{V2_HOST_NAME}`"
        )));
    }
    if migrated == original {
        return Err(migrate_failure(
            "v3-migrate left the program unchanged".to_string(),
        ));
    }

    // 3. v3 run.
    let v3_source = migrated.replace(V3_HOST, &format!("http://127.0.0.1:{}", mock.v3));
    let v3 = run_program(lang, program, &v3_source).map_err(|err| Failure {
        migrated: Some(migrated.clone()),
        ..failure("v3 run", err)
    })?;
    let same_lines = v2.stdout.lines().eq(v3.stdout.lines());
    if v3.status.success() && same_lines {
        return Ok(());
    }
    let reason = match (v3.status.success(), same_lines) {
        (false, true) => format!("exited with {}", v3.status),
        (false, false) => format!("exited with {} and printed other lines", v3.status),
        _ => "printed other lines than the v2 run".to_string(),
    };
    let diff = similar::TextDiff::from_lines(&v2.stdout, &v3.stdout)
        .unified_diff()
        .header("v2 run", "v3 run")
        .to_string();
    Err(Failure {
        diff: Some(diff),
        stderr: v3.stderr,
        migrated: Some(migrated),
        ..failure("v3 run", reason)
    })
}

/// Writes `source` under the program's own file name into a fresh temp dir and runs it
/// there with the language's interpreter.
fn run_program(lang: &Language, program: &Path, source: &str) -> Result<Output, String> {
    let dir = tempfile::tempdir().map_err(|err| format!("cannot create a temp dir: {err}"))?;
    let file = dir.path().join(file_name(program));
    fs::write(&file, source).map_err(|err| format!("cannot write {}: {err}", file.display()))?;
    let mut command = Command::new(lang.interpreter);
    command
        .args(lang.args)
        .arg(file_name(program))
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

/// Why one program failed, for the report.
struct Failure {
    step: &'static str,
    reason: String,
    /// The unified diff of the two runs' stdout, or the failing step's stdout.
    diff: Option<String>,
    stderr: String,
    migrated: Option<String>,
}

impl Failure {
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
            let title = if self.step == "v3 run" {
                "stdout diff (v2 run -> v3 run)"
            } else {
                "stdout"
            };
            section(title, diff);
        }
        section(&format!("stderr ({})", self.step), &self.stderr);
        if let Some(migrated) = &self.migrated {
            section("migrated source", migrated);
        }
        out
    }
}

/// The mock API, a child process; it exits when its stdin closes, and is killed if that
/// is not enough.
struct MockApi {
    child: Child,
    stdin: Option<ChildStdin>,
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
        let stdout = child.stdout.take().expect("the mock's stdout is piped");
        // From here on, dropping `mock` stops the child, even if reading the ports panics.
        let mut mock = MockApi {
            child,
            stdin,
            v2: 0,
            v3: 0,
        };
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("cannot read the mock's ports line");
        let ports: serde_json::Value = serde_json::from_str(&line).unwrap_or_else(|err| {
            panic!(
                "the mock printed {line:?} instead of its ports line ({err}); \
                 its stderr, if any, is above"
            )
        });
        let port = |version: &str| {
            ports[version]
                .as_u64()
                .and_then(|port| u16::try_from(port).ok())
                .unwrap_or_else(|| panic!("no {version} port in the mock's line {line:?}"))
        };
        mock.v2 = port("v2");
        mock.v3 = port("v3");
        mock
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
