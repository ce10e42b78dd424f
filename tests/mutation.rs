//! The mutation run: the project's own sources, mutated, checked and fixed in process, each
//! fixed file judged by the language's real parser.
//!
//! A case takes one source (a before-file of `fixtures/<lang>/`, a file of `examples/`, an
//! end-to-end program of `tests/e2e/<lang>/`), applies one to three seeded mutations (see
//! [`Op`]: edits that keep the program valid, such as a statement under a braceless `if`, and
//! edits that break it, such as a deleted bracket) and runs `check_text` on it as the CLI
//! does with a file (decoded, BOM set apart, encoded back): once without fixing, then with
//! fixes at each threshold (safe, then unsafe included). The case fails, with one of these
//! kinds, when:
//!
//! - `panic`: checking or fixing panicked;
//! - `timeout`: the case took more CPU time than the budget (`V3_MIGRATE_MUTATION_BUDGET_MS`,
//!   default 10 s in a release build, 30 s in a debug build, for all its checks together); a
//!   case still running after twice the budget and 10 s of CPU time (or ten minutes of wall
//!   time) is abandoned, its thread left running;
//! - `check-changed`: checking without fixing changed the text;
//! - `not-idempotent`: fixing the fixed text again changed it;
//! - `newly-broken`: the real parser accepts the mutant but not the fixed text (node's V8
//!   for JavaScript, PHP's own parser through `token_get_all(.., TOKEN_PARSE)`, Python's
//!   `compile()`, the TypeScript compiler's syntactic diagnostics for TypeScript and TSX,
//!   and for HTML and Vue the content of each `<script>` block through V8 or TypeScript),
//!   or the tool declines to parse its own output;
//! - `line-endings`: the mutant's lines all end in CRLF and the fixed text has a bare LF;
//! - `lost-return`: a `return` a mutation put under a braceless `if`/`else` (`if (c) return
//!   X;`, `if c: return X`) is no longer directly under it in the fixed text: a fix split the
//!   statement, leaving one part in the branch and running the rest always. In PHP and
//!   Python that still parses, so no parser sees it;
//! - `cut-interpolation`: the fixed PHP has more simple string interpolations followed by a
//!   member or an index PHP does not read (`"$d->data->balance"` interpolates `$d->data`, then
//!   prints `->balance`) than the mutant, as PHP's tokenizer counts them.
//!
//! The parsers run in batches, one process per language for many files, after each chunk
//! of cases. The seed and case index are in every failure, with the command that replays the
//! case alone; the mutant and the fixed texts are written to a folder kept for inspection
//! (`V3_MIGRATE_MUTATION_OUT`, default `target/tmp/mutation/seed-<S>/`).
//!
//! Environment: `V3_MIGRATE_MUTATION_CASES` (default 200), `V3_MIGRATE_MUTATION_SEED`
//! (default 15), `V3_MIGRATE_MUTATION_CASE` (run these case indexes alone: `12` or `12,40,977`),
//! `V3_MIGRATE_MUTATION_BUDGET_MS`, `V3_MIGRATE_MUTATION_THREADS` (default: the cores, at
//! most 4), `V3_MIGRATE_MUTATION_OUT`. See `fuzz/README.md` for a campaign.

mod common;

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, LazyLock, Mutex, Once};
use std::time::{Duration, Instant};

use regex::Regex;
use v3_migrate::lang::Lang;
use v3_migrate::rules::Applicability;
use v3_migrate::{check_text, Settings};

const DEFAULT_CASES: usize = 200;
const DEFAULT_SEED: u64 = 15;
/// The CPU time a case may take, all its checks together: a debug build is several times
/// slower than a release build.
const DEFAULT_BUDGET_MS: u64 = if cfg!(debug_assertions) {
    30_000
} else {
    10_000
};
/// Cases run between two batches of parser checks.
const CHUNK: usize = 256;

// ---------------------------------------------------------------------------------------
// Sources

/// A source file the cases start from.
struct Src {
    /// Relative to the repository root.
    path: String,
    lang: Lang,
    text: String,
}

impl Src {
    fn ext(&self) -> String {
        Path::new(&self.path)
            .extension()
            .map_or_else(String::new, |e| e.to_string_lossy().to_ascii_lowercase())
    }
}

fn sources() -> Vec<Src> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(rd) = std::fs::read_dir(dir) else {
            return;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else {
                out.push(p);
            }
        }
    }
    let mut paths = Vec::new();
    for dir in ["fixtures", "examples"] {
        walk(Path::new(dir), &mut paths);
    }
    // The programs, not the mock server or the TypeScript runner beside them.
    for dir in ["js", "php", "python", "ts"] {
        walk(&Path::new("tests/e2e").join(dir), &mut paths);
    }
    paths.sort();
    let mut out = Vec::new();
    for p in paths {
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        if name.contains(".fixed.") || name.contains(".unsafe.") {
            continue;
        }
        let Some(lang) = Lang::from_path(&p).filter(|l| *l != Lang::Settings) else {
            continue;
        };
        let Ok(text) = std::fs::read_to_string(&p) else {
            continue;
        };
        out.push(Src {
            path: p.to_string_lossy().replace('\\', "/"),
            lang,
            text,
        });
    }
    out
}

// ---------------------------------------------------------------------------------------
// Mutations

/// The syntax family a mutation writes in.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Family {
    /// JavaScript, TypeScript, TSX, and the scripts of HTML and Vue files.
    Js,
    Php,
    Python,
}

fn family(lang: Lang) -> Family {
    match lang {
        Lang::Php => Family::Php,
        Lang::Python => Family::Python,
        _ => Family::Js,
    }
}

/// One kind of mutation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Op {
    DeleteLine,
    DuplicateLine,
    SwapLines,
    /// Delete one of `{ } ( ) [ ] " ' ` ; :`.
    DeleteChar,
    /// Insert one of them.
    InsertChar,
    /// A statement under a braceless `if (x) `, `if x:` or `else`.
    WrapIf,
    /// `return X;` becomes `if (c) return X;`.
    ReturnIf,
    /// Every line ending becomes CRLF.
    Crlf,
    /// A UTF-8 byte order mark before the text.
    Bom,
    /// Python: the indentation changes (the whole file consistently, or one line).
    Reindent,
    /// A line of another source of the same language.
    Splice,
    /// A member read (`$d->balance`, `d.balance`, `d["balance"]`) inside a string
    /// interpolation.
    Interpolate,
    /// A line longer than 65,535 characters, or a line pushed past that column.
    LongLine,
    /// Brackets nested deeply, closed or not.
    DeepNest,
}

/// The operations and their weights: the edits that keep a program valid weigh more, since
/// only they can show a fix that breaks a program.
const OPS: &[(Op, u32)] = &[
    (Op::DeleteLine, 6),
    (Op::DuplicateLine, 5),
    (Op::SwapLines, 5),
    (Op::DeleteChar, 6),
    (Op::InsertChar, 6),
    (Op::WrapIf, 12),
    (Op::ReturnIf, 10),
    (Op::Crlf, 8),
    (Op::Bom, 4),
    (Op::Reindent, 8),
    (Op::Splice, 8),
    (Op::Interpolate, 14),
    (Op::LongLine, 4),
    (Op::DeepNest, 4),
];

const PUNCTUATION: &[char] = &['{', '}', '(', ')', '[', ']', '"', '\'', '`', ';', ':'];

/// A mutated source: its bytes (as a file holds them) and what was done.
struct Mutant {
    source: usize,
    lang: Lang,
    ext: String,
    bytes: Vec<u8>,
    mutations: Vec<String>,
}

/// The text as lines, each with its line break, so that lines move freely.
struct Lines {
    lines: Vec<String>,
    trailing_newline: bool,
}

impl Lines {
    fn new(text: &str) -> Lines {
        let mut lines: Vec<String> = text.split_inclusive('\n').map(str::to_string).collect();
        let trailing_newline = text.ends_with('\n') || text.is_empty();
        if let Some(last) = lines.last_mut() {
            if !last.ends_with('\n') {
                last.push('\n');
            }
        }
        if lines.is_empty() {
            lines.push("\n".to_string());
        }
        Lines {
            lines,
            trailing_newline,
        }
    }

    fn text(&self) -> String {
        let mut t: String = self.lines.concat();
        if !self.trailing_newline && t.ends_with('\n') {
            t.pop();
        }
        t
    }
}

fn indent_of(line: &str) -> &str {
    &line[..line.len() - line.trim_start().len()]
}

/// The line's content without its break.
fn body(line: &str) -> &str {
    line.trim_end_matches(['\n', '\r'])
}

/// A random element of a non-empty slice.
fn pick<'a, T>(rng: &mut fastrand::Rng, items: &'a [T]) -> &'a T {
    &items[rng.usize(..items.len())]
}

/// The index of a random line for which `want` holds.
fn pick_line(rng: &mut fastrand::Rng, l: &Lines, want: impl Fn(&str) -> bool) -> Option<usize> {
    let c: Vec<usize> = (0..l.lines.len()).filter(|&k| want(&l.lines[k])).collect();
    (!c.is_empty()).then(|| *pick(rng, &c))
}

/// The mutants of case `index` of the campaign `seed`: deterministic in both.
fn mutant(seed: u64, index: usize, sources: &[Src]) -> Mutant {
    let mut rng = fastrand::Rng::with_seed(
        seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ (index as u64).wrapping_add(1),
    );
    let source = rng.usize(..sources.len());
    let src = &sources[source];
    let fam = family(src.lang);
    let same: Vec<&Src> = sources
        .iter()
        .enumerate()
        .filter(|(k, s)| *k != source && family(s.lang) == fam)
        .map(|(_, s)| s)
        .collect();
    let mut lines = Lines::new(&src.text);
    let mut mutations = Vec::new();
    let (mut crlf, mut bom) = (false, false);
    let total: u32 = OPS.iter().map(|(_, w)| w).sum();
    let wanted = 1 + rng.usize(..3);
    let mut attempts = 0;
    while mutations.len() < wanted && attempts < 50 {
        attempts += 1;
        let mut roll = rng.u32(..total);
        let op = OPS
            .iter()
            .find(|(_, w)| {
                if roll < *w {
                    true
                } else {
                    roll -= w;
                    false
                }
            })
            .unwrap()
            .0;
        let done = match op {
            Op::Crlf if !crlf => {
                crlf = true;
                Some("CRLF line endings".to_string())
            }
            Op::Bom if !bom => {
                bom = true;
                Some("a byte order mark".to_string())
            }
            Op::Crlf | Op::Bom => None,
            _ => apply(op, &mut rng, fam, &mut lines, &same),
        };
        mutations.extend(done);
    }
    let mut text = lines.text();
    if crlf {
        text = text.replace("\r\n", "\n").replace('\n', "\r\n");
    }
    let mut bytes = Vec::new();
    if bom {
        bytes.extend_from_slice("\u{feff}".as_bytes());
    }
    bytes.extend_from_slice(text.as_bytes());
    Mutant {
        source,
        lang: src.lang,
        ext: src.ext(),
        bytes,
        mutations,
    }
}

/// Applies one mutation; `None` when it finds nothing to apply to.
fn apply(
    op: Op,
    rng: &mut fastrand::Rng,
    fam: Family,
    l: &mut Lines,
    same: &[&Src],
) -> Option<String> {
    let n = l.lines.len();
    match op {
        Op::DeleteLine => {
            let k = rng.usize(..n);
            l.lines.remove(k);
            if l.lines.is_empty() {
                l.lines.push("\n".to_string());
            }
            Some(format!("delete line {}", k + 1))
        }
        Op::DuplicateLine => {
            let k = rng.usize(..n);
            let line = l.lines[k].clone();
            l.lines.insert(k, line);
            Some(format!("duplicate line {}", k + 1))
        }
        Op::SwapLines => {
            if n < 2 {
                return None;
            }
            let a = rng.usize(..n - 1);
            let b = if rng.bool() { a + 1 } else { rng.usize(..n) };
            if a == b {
                return None;
            }
            l.lines.swap(a, b);
            Some(format!("swap lines {} and {}", a + 1, b + 1))
        }
        Op::DeleteChar => {
            let k = pick_line(rng, l, |s| s.contains(PUNCTUATION))?;
            let line = &l.lines[k];
            let at: Vec<(usize, char)> = line
                .char_indices()
                .filter(|(_, c)| PUNCTUATION.contains(c))
                .collect();
            let (i, c) = *pick(rng, &at);
            l.lines[k].remove(i);
            Some(format!("delete `{c}` at line {} column {}", k + 1, i + 1))
        }
        Op::InsertChar => {
            let k = rng.usize(..n);
            let line = body(&l.lines[k]);
            let at: Vec<usize> = line
                .char_indices()
                .map(|(i, _)| i)
                .chain([line.len()])
                .collect();
            let i = *pick(rng, &at);
            let c = *pick(rng, PUNCTUATION);
            l.lines[k].insert(i, c);
            Some(format!("insert `{c}` at line {} column {}", k + 1, i + 1))
        }
        Op::WrapIf => wrap_if(rng, fam, l),
        Op::ReturnIf => {
            let k = pick_line(rng, l, |s| {
                let t = s.trim_start();
                t.starts_with("return ") || t.starts_with("return;") || body(t) == "return"
            })?;
            let line = l.lines[k].clone();
            let ind = indent_of(&line);
            let rest = &line[ind.len()..];
            let cond = match fam {
                Family::Js => "if (c) ",
                Family::Php => "if ($c) ",
                Family::Python => "if c: ",
            };
            l.lines[k] = format!("{ind}{cond}{rest}");
            Some(format!(
                "`{}` before the return of line {}",
                cond.trim(),
                k + 1
            ))
        }
        Op::Reindent => reindent(rng, fam, l),
        Op::Splice => {
            if same.is_empty() {
                return None;
            }
            let other = *pick(rng, same);
            let lines: Vec<&str> = other.text.split_inclusive('\n').collect();
            if lines.is_empty() {
                return None;
            }
            let j = rng.usize(..lines.len());
            let mut line = lines[j].to_string();
            if !line.ends_with('\n') {
                line.push('\n');
            }
            let k = rng.usize(..=n);
            let replace = k < n && rng.bool();
            if replace {
                l.lines[k] = line;
            } else {
                l.lines.insert(k, line);
            }
            Some(format!(
                "{} line {} with line {} of {}",
                if replace { "replace" } else { "before" },
                k + 1,
                j + 1,
                other.path
            ))
        }
        Op::Interpolate => interpolate(rng, fam, l),
        Op::LongLine => long_line(rng, fam, l),
        Op::DeepNest => deep_nest(rng, fam, l),
        Op::Crlf | Op::Bom => None,
    }
}

/// Whether a line looks like a whole statement that may stand under an `if`.
fn statement_line(fam: Family, line: &str) -> bool {
    let t = body(line).trim();
    if t.is_empty() || t.starts_with("//") || t.starts_with('#') || t.starts_with('*') {
        return false;
    }
    match fam {
        Family::Js | Family::Php => {
            t.ends_with(';')
                && ![
                    "const ",
                    "let ",
                    "var ",
                    "class ",
                    "function ",
                    "import ",
                    "export ",
                    "use ",
                    "namespace ",
                    "declare(",
                    "type ",
                    "interface ",
                ]
                .iter()
                .any(|k| t.starts_with(k))
        }
        Family::Python => {
            !t.ends_with(':')
                && !t.ends_with(['(', '[', '{', ',', '\\'])
                && ![
                    "def ", "class ", "@", "elif", "else", "except", "finally", "import ", "from ",
                    ")", "]", "}",
                ]
                .iter()
                .any(|k| t.starts_with(k))
        }
    }
}

fn wrap_if(rng: &mut fastrand::Rng, fam: Family, l: &mut Lines) -> Option<String> {
    let k = pick_line(rng, l, |s| statement_line(fam, s))?;
    let line = l.lines[k].clone();
    let ind = indent_of(&line).to_string();
    let rest = &line[ind.len()..];
    let variant = rng.usize(..3);
    let (new, what) = match fam {
        Family::Js | Family::Php => {
            let x = if fam == Family::Php { "$x" } else { "x" };
            match variant {
                0 => (format!("{ind}if ({x}) {rest}"), format!("if ({x})")),
                1 => (
                    format!("{ind}if ({x}) {{}} else {rest}"),
                    "else".to_string(),
                ),
                _ => (
                    format!("{ind}if ({x})\n{ind}  {rest}"),
                    format!("if ({x}) on its own line"),
                ),
            }
        }
        Family::Python => match variant {
            0 => (format!("{ind}if x: {rest}"), "if x:".to_string()),
            1 => (
                format!("{ind}if x: pass\n{ind}else: {rest}"),
                "else:".to_string(),
            ),
            _ => (
                format!("{ind}if x:\n{ind}    {rest}"),
                "if x: on its own line".to_string(),
            ),
        },
    };
    l.lines[k] = new;
    Some(format!("line {} under a braceless `{what}`", k + 1))
}

fn reindent(rng: &mut fastrand::Rng, fam: Family, l: &mut Lines) -> Option<String> {
    if fam != Family::Python {
        return None;
    }
    let width = |line: &str| indent_of(body(line)).len();
    let map = |l: &mut Lines, f: &dyn Fn(usize) -> String| {
        for line in &mut l.lines {
            if body(line).trim().is_empty() {
                continue;
            }
            let w = indent_of(line).len();
            let rest = line[w..].to_string();
            *line = format!("{}{rest}", f(w));
        }
    };
    match rng.usize(..4) {
        0 => {
            map(l, &|w| " ".repeat(w / 2 + w % 2));
            Some("indentation halved".to_string())
        }
        1 => {
            map(l, &|w| "\t".repeat(w / 4) + &" ".repeat(w % 4));
            Some("indentation in tabs".to_string())
        }
        2 => {
            map(l, &|w| " ".repeat(w * 2));
            Some("indentation doubled".to_string())
        }
        _ => {
            let k = pick_line(rng, l, |s| width(s) > 0)?;
            let shift = if rng.bool() { 1 } else { 4 };
            l.lines[k].insert_str(0, &" ".repeat(shift));
            Some(format!("line {} indented by {shift} more", k + 1))
        }
    }
}

static MEMBER: LazyLock<[Regex; 3]> = LazyLock::new(|| {
    [
        // JavaScript: `d.balance`, `d["balance"]`
        Regex::new(
            r#"\b([A-Za-z_$][\w$]*)(?:\.([A-Za-z_$][\w$]*)|\[\s*["']([A-Za-z_]\w*)["']\s*\])"#,
        )
        .unwrap(),
        // PHP: `$d->balance`, `$d['balance']`
        Regex::new(r#"\$([A-Za-z_]\w*)(?:->([A-Za-z_]\w*)|\[\s*["']([A-Za-z_]\w*)["']\s*\])"#)
            .unwrap(),
        // Python: `d.balance`, `d["balance"]`, `d.get("balance")`
        Regex::new(
            r#"\b([A-Za-z_]\w*)(?:\.([A-Za-z_]\w*)\b(?:\s*\()?|\[\s*["']([A-Za-z_]\w*)["']\s*\])"#,
        )
        .unwrap(),
    ]
});

/// Names that are modules or globals, not response bodies.
const NOT_BODIES: &[&str] = &[
    "console", "JSON", "Math", "Object", "Array", "Promise", "process", "module", "exports",
    "window", "document", "this", "os", "sys", "json", "requests", "urllib", "time", "datetime",
    "self", "http", "axios", "String", "Number",
];

fn interpolate(rng: &mut fastrand::Rng, fam: Family, l: &mut Lines) -> Option<String> {
    let re = &MEMBER[match fam {
        Family::Js => 0,
        Family::Php => 1,
        Family::Python => 2,
    }];
    // (line, byte range of the read, variable, field)
    let mut found: Vec<(usize, std::ops::Range<usize>, String, String)> = Vec::new();
    for (k, line) in l.lines.iter().enumerate() {
        let t = line.trim_start();
        if t.starts_with("//") || t.starts_with('#') || t.starts_with('*') {
            continue;
        }
        for c in re.captures_iter(line) {
            let m = c.get(0).unwrap();
            // A call (`d.get(`) is no read, but the read is still a read without the call.
            if NOT_BODIES.contains(&&c[1]) {
                continue;
            }
            let field = c.get(2).or(c.get(3)).unwrap().as_str().to_string();
            let range = match m.as_str().find(['(', ' ']) {
                Some(cut) if c.get(2).is_some() => m.start()..m.start() + cut,
                _ => m.range(),
            };
            found.push((k, range, c[1].to_string(), field));
        }
    }
    if found.is_empty() {
        return None;
    }
    let (k, range, v, f) = pick(rng, &found).clone();
    let expr = match fam {
        Family::Php => match rng.usize(..5) {
            0 => format!("\"${v}->{f}\""),
            1 => format!("\"{{${v}->{f}}}\""),
            2 => format!("\"{{${v}['{f}']}}\""),
            3 => format!("\"${v}[{f}]\""),
            _ => format!("\"balance: ${v}->{f} DA\""),
        },
        Family::Js => match rng.usize(..3) {
            0 => format!("`${{{v}.{f}}}`"),
            1 => format!("`${{{v}[\"{f}\"]}}`"),
            _ => format!("`balance: ${{{v}.{f}}} DA`"),
        },
        Family::Python => match rng.usize(..4) {
            0 => format!("f\"{{{v}['{f}']}}\""),
            1 => format!("f\"{{{v}.{f}}}\""),
            2 => format!("f'{{{v}[\"{f}\"]}}'"),
            _ => format!("f\"balance: {{{v}.get('{f}')}} DA\""),
        },
    };
    if rng.bool() {
        // In place of the read.
        let line = &mut l.lines[k];
        let was = line[range.clone()].to_string();
        line.replace_range(range, &expr);
        Some(format!("`{was}` of line {} as {expr}", k + 1))
    } else {
        // A new statement after the line.
        let line = l.lines[k].clone();
        let mut ind = indent_of(&line).to_string();
        let opens = body(&line).trim_end().ends_with([':', '{']);
        if opens {
            ind.push_str("    ");
        }
        let stmt = match fam {
            Family::Php => format!("{ind}echo {expr};\n"),
            Family::Js => format!("{ind}console.log({expr});\n"),
            Family::Python => format!("{ind}print({expr})\n"),
        };
        l.lines.insert(k + 1, stmt);
        Some(format!("after line {}: a statement printing {expr}", k + 1))
    }
}

fn long_line(rng: &mut fastrand::Rng, fam: Family, l: &mut Lines) -> Option<String> {
    let width = *pick(rng, &[66_000usize, 70_000, 100_000]);
    if rng.bool() {
        // Push a line's code past column 65,535, preferably a line the rules look at.
        let flexy = |s: &str| {
            s.contains("/v2") || s.contains("flexy") || s.contains("uthorization") || {
                let t = s.trim_start();
                statement_line(fam, s) && !t.is_empty()
            }
        };
        let k = pick_line(rng, l, flexy)?;
        let line = l.lines[k].clone();
        let ind = indent_of(&line).to_string();
        let pad = match fam {
            // Python statements may follow `0;` on their line; spaces would indent.
            Family::Python => "0;".repeat(width / 2),
            _ => " ".repeat(width),
        };
        l.lines[k] = format!("{ind}{pad}{}", &line[ind.len()..]);
        Some(format!("line {} pushed right by {width} characters", k + 1))
    } else {
        let k = rng.usize(..=l.lines.len());
        let fill = "x".repeat(width);
        let line = match (fam, rng.bool()) {
            (Family::Python, true) => format!("# {fill}\n"),
            (Family::Python, false) => format!("LONG = \"{fill}\"\n"),
            (_, true) => format!("// {fill}\n"),
            (Family::Php, false) => format!("$long = '{fill}';\n"),
            (Family::Js, false) => format!("var long = \"{fill}\";\n"),
        };
        l.lines.insert(k, line);
        Some(format!("a {width}-character line before line {}", k + 1))
    }
}

fn deep_nest(rng: &mut fastrand::Rng, fam: Family, l: &mut Lines) -> Option<String> {
    let k = rng.usize(..=l.lines.len());
    let (open, close) = *pick(rng, &[("(", ")"), ("[", "]"), ("{", "}")]);
    let line = if rng.bool() {
        let depth = *pick(rng, &[20usize, 100, 1_000, 5_000]);
        let value = if open == "{" {
            // An object literal needs keys; nest arrays of objects instead.
            format!("{}{}", "[{a: ".repeat(depth), "1}]".repeat(depth))
        } else {
            format!("{}1{}", open.repeat(depth), close.repeat(depth))
        };
        let stmt = match fam {
            Family::Js => format!("x = {value};\n"),
            Family::Php => format!(
                "$x = {};\n",
                value.replace("{a: ", "['a' => ").replace("1}", "1]")
            ),
            Family::Python => format!("x = {}\n", value.replace("{a: ", "{'a': ")),
        };
        l.lines.insert(k, stmt);
        format!("{depth} nested `{open}{close}` before line {}", k + 1)
    } else {
        // Unclosed: the parser recovers over all of them. Large counts are rare: they are
        // for finding time quadratic in them, which a few cases show.
        let count = *pick(
            rng,
            &[
                100usize, 100, 100, 1_000, 1_000, 1_000, 5_000, 5_000, 20_000, 20_000, 100_000,
            ],
        );
        l.lines.insert(k, format!("{}\n", open.repeat(count)));
        format!("{count} unclosed `{open}` before line {}", k + 1)
    };
    Some(line)
}

// ---------------------------------------------------------------------------------------
// Running a case in process

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Kind {
    Panic,
    Timeout,
    CheckChanged,
    NotIdempotent,
    NewlyBroken,
    LineEndings,
    LostReturn,
    CutInterpolation,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Panic => "panic",
            Kind::Timeout => "timeout",
            Kind::CheckChanged => "check-changed",
            Kind::NotIdempotent => "not-idempotent",
            Kind::NewlyBroken => "newly-broken",
            Kind::LineEndings => "line-endings",
            Kind::LostReturn => "lost-return",
            Kind::CutInterpolation => "cut-interpolation",
        }
    }
}

/// A failure found while running a case in process.
struct Issue {
    kind: Kind,
    /// `check`, `safe` or `unsafe`.
    step: &'static str,
    detail: String,
}

/// What the in-process run of a case gives.
#[derive(Default)]
struct Outcome {
    /// The tool declined the mutant (too deep, too indented): nothing to judge.
    declined: bool,
    issues: Vec<Issue>,
    /// Per threshold, the fixed file when it differs from the mutant.
    fixed: Vec<(&'static str, Vec<u8>)>,
    /// Per threshold, the text of a second fix when it differs from the first.
    again: Vec<(&'static str, Vec<u8>)>,
    elapsed: Duration,
    /// How long each call of `check_text` took: `check`, `safe`, `safe again`...
    timings: Vec<(String, Duration)>,
}

thread_local! {
    /// Where the last panic of this thread happened, from the panic hook.
    static PANIC_AT: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// A quiet panic hook that records where each panic happened: a panic is a finding here,
/// printed with the others, not on its own.
fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            let in_case = std::thread::current()
                .name()
                .is_some_and(|n| n.starts_with("mutation-case"));
            if !in_case {
                previous(info);
                return;
            }
            let at = info
                .location()
                .map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column()))
                .unwrap_or_default();
            PANIC_AT.with(|p| *p.borrow_mut() = Some(at));
        }));
    });
}

fn guarded<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    panic::catch_unwind(AssertUnwindSafe(f)).map_err(|payload| {
        let msg = payload
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_else(|| "(no message)".to_string());
        let at = PANIC_AT.with(|p| p.borrow_mut().take()).unwrap_or_default();
        format!("panicked at {at}: {msg}")
    })
}

/// The one-line braceless branches the mutations write before a `return`: the conditions are
/// the mutations' own (`c`, `x`), so no fix rewrites them.
static BRANCH_RETURN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?m)^([ \t]*(?:if \(\$?[cx]\) (?:\{\} else )?|if [cx]:(?: pass\r?\n[ \t]*else:)?))[ \t]*(.*)$",
    )
    .unwrap()
});

/// The first braceless branch of `before` whose `return` is gone from `after`: every
/// `if (c) return` line must still be there, its branch holding a `return` or a block.
fn lost_return(before: &str, after: &str) -> Option<String> {
    let mut want: BTreeMap<&str, (usize, &str)> = BTreeMap::new();
    for c in BRANCH_RETURN.captures_iter(before) {
        if c[2].starts_with("return") {
            let e = want
                .entry(c.get(1).unwrap().as_str())
                .or_insert((0, c.get(0).unwrap().as_str()));
            e.0 += 1;
        }
    }
    let mut have: BTreeMap<&str, usize> = BTreeMap::new();
    for c in BRANCH_RETURN.captures_iter(after) {
        let rest = c[2].trim();
        if rest.starts_with("return") || rest.starts_with('{') || rest.is_empty() {
            *have.entry(c.get(1).unwrap().as_str()).or_default() += 1;
        }
    }
    want.into_iter()
        .find(|(branch, (n, _))| have.get(branch).copied().unwrap_or(0) < *n)
        .map(|(_, (_, line))| line.trim().to_string())
}

fn only_crlf(text: &str) -> bool {
    text.contains("\r\n") && !text.replace("\r\n", "").contains('\n')
}

/// The CPU time this thread has used: unlike the wall clock, it does not grow when other
/// processes load the machine.
#[cfg(unix)]
fn thread_cpu() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid timespec to write into; the clock id is a constant.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    assert_eq!(rc, 0, "clock_gettime(CLOCK_THREAD_CPUTIME_ID)");
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

/// Elsewhere, the wall clock since the first call.
#[cfg(not(unix))]
fn thread_cpu() -> Duration {
    static START: LazyLock<Instant> = LazyLock::new(Instant::now);
    START.elapsed()
}

/// Measures the CPU time of the current thread from its creation.
struct Clock(Duration);

impl Clock {
    fn start() -> Clock {
        Clock(thread_cpu())
    }
    fn elapsed(&self) -> Duration {
        thread_cpu().saturating_sub(self.0)
    }
}

/// Checks and fixes a mutant as the CLI does with a file. Once over `budget` (CPU time), it
/// stops: the case is a timeout already, and the checks left would only take longer.
fn run_case(lang: Lang, bytes: &[u8], budget: Duration) -> Outcome {
    let start = Clock::start();
    let mut out = Outcome::default();
    let (text, encoding) = match v3_migrate::decode(Path::new("mutant"), bytes) {
        Ok(t) => t,
        Err(_) => {
            out.declined = true;
            return out;
        }
    };
    let settings = |threshold| Settings {
        threshold,
        ..Settings::default()
    };
    let t = Clock::start();
    let checked = guarded(|| check_text(lang, text.clone(), &settings(Applicability::Safe), false));
    out.timings.push(("check".to_string(), t.elapsed()));
    match checked {
        Err(p) => out.issues.push(Issue {
            kind: Kind::Panic,
            step: "check",
            detail: p,
        }),
        Ok(Err(_)) => {
            out.declined = true;
            out.elapsed = start.elapsed();
            return out;
        }
        Ok(Ok(c)) if c.text != text => out.issues.push(Issue {
            kind: Kind::CheckChanged,
            step: "check",
            detail: "checking without --fix changed the text".to_string(),
        }),
        Ok(Ok(_)) => {}
    }
    for (step, threshold) in [
        ("safe", Applicability::Safe),
        ("unsafe", Applicability::Unsafe),
    ] {
        if start.elapsed() > budget {
            break;
        }
        let s = settings(threshold);
        let t = Clock::start();
        let first = guarded(|| check_text(lang, text.clone(), &s, true));
        out.timings.push((format!("fix {step}"), t.elapsed()));
        let fixed = match first {
            Err(p) => {
                out.issues.push(Issue {
                    kind: Kind::Panic,
                    step,
                    detail: p,
                });
                continue;
            }
            Ok(Err(why)) => {
                out.issues.push(Issue {
                    kind: Kind::Panic,
                    step,
                    detail: format!("--fix declined a text that check parsed: {why:?}"),
                });
                continue;
            }
            Ok(Ok(c)) => c.text,
        };
        if fixed == text {
            // check_text is a function of its text: fixing again gives the same.
            continue;
        }
        if start.elapsed() > budget {
            break;
        }
        let encode = |t: &str| encoding.encode(t).unwrap_or_else(|| t.as_bytes().to_vec());
        out.fixed.push((step, encode(&fixed)));
        if only_crlf(&text) && !only_crlf(&fixed) {
            let line = fixed
                .split_inclusive('\n')
                .position(|l| !l.ends_with("\r\n") && l.ends_with('\n'))
                .map_or(0, |k| k + 1);
            out.issues.push(Issue {
                kind: Kind::LineEndings,
                step,
                detail: format!("the mutant's lines end in CRLF; line {line} of the fixed text ends in a bare LF"),
            });
        }
        if let Some(line) = lost_return(&text, &fixed) {
            out.issues.push(Issue {
                kind: Kind::LostReturn,
                step,
                detail: format!(
                    "`{}` lost its return: the branch no longer holds it",
                    line.chars().take(120).collect::<String>()
                ),
            });
        }
        let t = Clock::start();
        let second = guarded(|| check_text(lang, fixed.clone(), &s, true));
        out.timings.push((format!("fix {step} again"), t.elapsed()));
        match second {
            Err(p) => out.issues.push(Issue {
                kind: Kind::Panic,
                step,
                detail: format!("fixing the fixed text: {p}"),
            }),
            Ok(Err(why)) => out.issues.push(Issue {
                kind: Kind::NewlyBroken,
                step,
                detail: format!("the tool declines its own fixed text: {why:?}"),
            }),
            Ok(Ok(c)) if c.text != fixed => {
                out.again.push((step, encode(&c.text)));
                out.issues.push(Issue {
                    kind: Kind::NotIdempotent,
                    step,
                    detail: "fixing the fixed text again changed it".to_string(),
                });
            }
            Ok(Ok(_)) => {}
        }
    }
    out.elapsed = start.elapsed();
    out
}

// ---------------------------------------------------------------------------------------
// The real parsers, in batches

/// What a real parser said of a file.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Verdict {
    Accepted,
    Rejected(String),
    /// Not judged (the TypeScript compiler is missing, or the checker died on the file).
    Unknown(String),
}

/// Node: JavaScript through V8 (as a CommonJS module, a script or an ES module: the mutant
/// and the fixed text are judged alike), TypeScript and TSX through the TypeScript
/// compiler's syntactic diagnostics, HTML and Vue through their `<script>` blocks.
const NODE_CHECKER: &str = r#"
const fs = require("fs");
const vm = require("vm");
let ts = null;
if (process.env.V3_MIGRATE_TYPESCRIPT) {
  try { ts = require(process.env.V3_MIGRATE_TYPESCRIPT); } catch (e) { ts = null; }
}
const one = (s) => String(s).replace(/\s+/g, " ").slice(0, 300);
function tsCheck(text, fileName) {
  if (!ts) return ["UNKNOWN", "no TypeScript compiler (V3_MIGRATE_TYPESCRIPT)"];
  const out = ts.transpileModule(text, {
    fileName,
    reportDiagnostics: true,
    compilerOptions: { jsx: ts.JsxEmit.Preserve, target: ts.ScriptTarget.ES2022 },
  });
  if (!out.diagnostics.length) return ["OK", ""];
  const d = out.diagnostics[0];
  let at = "";
  if (d.file && d.start !== undefined) {
    const p = d.file.getLineAndCharacterOfPosition(d.start);
    at = `${p.line + 1}:${p.character + 1}: `;
  }
  return ["ERR", at + one(ts.flattenDiagnosticMessageText(d.messageText, " "))];
}
function v8Check(text, moduleOnly) {
  const errs = [];
  const ways = moduleOnly ? ["module"] : ["commonjs", "script", "module"];
  for (const how of ways) {
    try {
      if (how === "commonjs") vm.compileFunction(text, ["exports", "require", "module", "__filename", "__dirname"]);
      else if (how === "script") new vm.Script(text);
      else new vm.SourceTextModule(text);
      return ["OK", ""];
    } catch (e) {
      errs.push(`${how}: ${one(e && e.message)}`);
    }
  }
  return ["ERR", errs.join("; ")];
}
const JS_TYPES = ["", "module", "text/javascript", "application/javascript", "text/ecmascript",
  "application/ecmascript", "text/babel", "text/jsx", "text/typescript", "text/ts"];
function blocksCheck(text) {
  const re = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
  let m, n = 0;
  while ((m = re.exec(text))) {
    const attrs = m[1];
    const type = (attrs.match(/\btype\s*=\s*["']?([^"'\s>]*)/i) || [null, ""])[1].toLowerCase();
    if (!JS_TYPES.includes(type)) continue;
    const lang = (attrs.match(/\blang\s*=\s*["']?([^"'\s>]*)/i) || [null, ""])[1].toLowerCase();
    n++;
    const isTs = lang === "ts" || lang === "tsx" || type.includes("typescript") || type === "text/ts";
    const r = isTs ? tsCheck(m[2], `block${n}.${lang === "tsx" ? "tsx" : "ts"}`) : v8Check(m[2], false);
    if (r[0] !== "OK") return [r[0], `<script> block ${n}: ${r[1]}`];
  }
  return ["OK", ""];
}
const list = fs.readFileSync(process.argv[1], "utf8").split("\n").filter(Boolean);
for (const entry of list) {
  const [kind, file] = entry.split("\t");
  let r;
  try {
    const text = fs.readFileSync(file, "utf8");
    if (kind === "js") r = v8Check(text, false);
    else if (kind === "mjs") r = v8Check(text, true);
    else if (kind === "ts") r = tsCheck(text, "file.ts");
    else if (kind === "tsx") r = tsCheck(text, "file.tsx");
    else r = blocksCheck(text);
  } catch (e) {
    r = ["UNKNOWN", "checker: " + one(e && e.message)];
  }
  process.stdout.write(`${file}\t${r[0]}\t${r[1]}\n`);
}
"#;

/// PHP's own parser: `token_get_all` with `TOKEN_PARSE` throws a `ParseError` where
/// `php -l` reports a syntax error. The fourth field counts the simple interpolations cut
/// short: a string part starting with `->name` or `[` right after an interpolated
/// `$v->name` or `$v[key]`, which PHP prints as text.
const PHP_CHECKER: &str = r#"
function cuts($src) {
    $t = token_get_all($src);
    $n = 0;
    for ($i = 1; $i < count($t); $i++) {
        if (!is_array($t[$i]) || $t[$i][0] !== T_ENCAPSED_AND_WHITESPACE) continue;
        if (!preg_match('/^(->[A-Za-z_]|\[)/', $t[$i][1])) continue;
        $p = $t[$i - 1];
        if ((is_array($p) && ($p[0] === T_STRING || $p[0] === T_NUM_STRING)) || $p === ']') $n++;
    }
    return $n;
}
foreach (file($argv[1], FILE_IGNORE_NEW_LINES | FILE_SKIP_EMPTY_LINES) as $entry) {
    $f = explode("\t", $entry, 2)[1];
    $src = file_get_contents($f);
    try {
        token_get_all($src, TOKEN_PARSE);
        $r = "OK\t";
    } catch (\Throwable $e) {
        $m = preg_replace('/\s+/', ' ', $e->getMessage());
        $r = "ERR\t" . get_class($e) . ": " . substr($m, 0, 300) . " on line " . $e->getLine();
    }
    echo $f, "\t", $r, "\t", cuts($src), "\n";
}
"#;

/// Python's `compile()`, as `py_compile` does.
const PYTHON_CHECKER: &str = r#"
import sys, warnings
warnings.simplefilter("ignore")
for entry in open(sys.argv[1], encoding="utf-8").read().split("\n"):
    if not entry:
        continue
    f = entry.split("\t", 1)[1]
    try:
        compile(open(f, "rb").read(), f, "exec", dont_inherit=True)
        r = "OK\t"
    except BaseException as e:
        m = " ".join(str(e).split())[:300]
        r = "ERR\t%s: %s" % (type(e).__name__, m)
    print(f + "\t" + r, flush=True)
"#;

/// Which checker judges a file, and how.
fn checker_kind(lang: Lang, ext: &str) -> (&'static str, &'static str) {
    match lang {
        Lang::Php => ("php", "php"),
        Lang::Python => ("python", "python"),
        Lang::TypeScript => ("node", "ts"),
        Lang::Tsx => ("node", "tsx"),
        Lang::Html | Lang::Vue => ("node", "blocks"),
        // Settings files are not mutated (see `mutants`).
        Lang::Settings => unreachable!("settings files are not mutated"),
        // JSX is not JavaScript to V8: the TypeScript compiler reads it.
        Lang::JavaScript if ext == "jsx" => ("node", "tsx"),
        Lang::JavaScript if ext == "mjs" => ("node", "mjs"),
        Lang::JavaScript => ("node", "js"),
    }
}

/// Runs one checker over files (`kind`, path): one process for all of them; files it did
/// not answer for (it died) are retried one by one.
///
/// With each verdict, the checker's count of PHP interpolations cut short (0 elsewhere).
fn run_checker(
    checker: &str,
    files: &[(&'static str, PathBuf)],
    work: &Path,
) -> Vec<(Verdict, usize)> {
    let run = |files: &[(&'static str, PathBuf)],
               list: &Path|
     -> BTreeMap<String, (Verdict, usize)> {
        let mut listing = String::new();
        for (kind, p) in files {
            writeln!(listing, "{kind}\t{}", p.display()).unwrap();
        }
        std::fs::write(list, listing).unwrap();
        let mut cmd = match checker {
            "node" => {
                let mut c = Command::new("node");
                c.arg("--experimental-vm-modules")
                    .arg("--no-warnings")
                    .arg("--stack-size=4000")
                    .arg("-e")
                    .arg(NODE_CHECKER)
                    .arg(list);
                if let Some(ts) = common::typescript() {
                    c.env("V3_MIGRATE_TYPESCRIPT", ts);
                } else {
                    c.env_remove("V3_MIGRATE_TYPESCRIPT");
                }
                c
            }
            "php" => {
                let mut c = Command::new("php");
                c.args(["-d", "memory_limit=1G", "-r", PHP_CHECKER])
                    .arg(list);
                c
            }
            _ => {
                let mut c = Command::new("python3");
                c.args(["-c", PYTHON_CHECKER]).arg(list);
                c
            }
        };
        let out = cmd
            .output()
            .unwrap_or_else(|e| panic!("cannot run the {checker} checker: {e}"));
        let mut verdicts = BTreeMap::new();
        for line in String::from_utf8_lossy(&out.stdout).lines() {
            let mut parts = line.splitn(4, '\t');
            let (Some(file), Some(status), msg) = (parts.next(), parts.next(), parts.next()) else {
                continue;
            };
            let cuts = parts
                .next()
                .and_then(|n| n.trim().parse().ok())
                .unwrap_or(0);
            let msg = msg.unwrap_or("").to_string();
            let v = match status {
                "OK" => Verdict::Accepted,
                "ERR" => Verdict::Rejected(msg),
                _ => Verdict::Unknown(msg),
            };
            verdicts.insert(file.to_string(), (v, cuts));
        }
        verdicts
    };
    let list = work.join(format!("{checker}.list"));
    let mut verdicts = run(files, &list);
    let missing: Vec<(&'static str, PathBuf)> = files
        .iter()
        .filter(|(_, p)| !verdicts.contains_key(&p.display().to_string()))
        .cloned()
        .collect();
    for f in missing {
        let one = run(std::slice::from_ref(&f), &list);
        let key = f.1.display().to_string();
        let v = one.get(&key).cloned().unwrap_or_else(|| {
            (
                Verdict::Unknown(format!("the {checker} checker died on it")),
                0,
            )
        });
        verdicts.insert(key, v);
    }
    files
        .iter()
        .map(|(_, p)| verdicts[&p.display().to_string()].clone())
        .collect()
}

// ---------------------------------------------------------------------------------------
// The campaign

struct Config {
    seed: u64,
    cases: Vec<usize>,
    budget: Duration,
    threads: usize,
    out: PathBuf,
}

fn env_number(name: &str) -> Option<u64> {
    let v = std::env::var(name).ok()?;
    Some(
        v.trim()
            .parse()
            .unwrap_or_else(|_| panic!("{name}={v}: not a number")),
    )
}

fn config() -> Config {
    let seed = env_number("V3_MIGRATE_MUTATION_SEED").unwrap_or(DEFAULT_SEED);
    // One case, or several separated by commas (the cases of a campaign's report, again).
    let listed = std::env::var("V3_MIGRATE_MUTATION_CASE").ok().map(|v| {
        v.split(',')
            .map(|c| {
                c.trim()
                    .parse::<usize>()
                    .unwrap_or_else(|_| panic!("V3_MIGRATE_MUTATION_CASE={v}: not case numbers"))
            })
            .collect::<Vec<usize>>()
    });
    let cases = match listed {
        Some(cases) => cases,
        None => (0..env_number("V3_MIGRATE_MUTATION_CASES").map_or(DEFAULT_CASES, |n| n as usize))
            .collect(),
    };
    let budget = Duration::from_millis(
        env_number("V3_MIGRATE_MUTATION_BUDGET_MS").unwrap_or(DEFAULT_BUDGET_MS),
    );
    let threads = env_number("V3_MIGRATE_MUTATION_THREADS").map_or_else(
        || {
            std::thread::available_parallelism()
                .map_or(2, |n| n.get())
                .min(4)
        },
        |n| (n as usize).max(1),
    );
    let out = std::env::var_os("V3_MIGRATE_MUTATION_OUT").map_or_else(
        || {
            Path::new(env!("CARGO_TARGET_TMPDIR"))
                .join("mutation")
                .join(format!("seed-{seed}"))
        },
        PathBuf::from,
    );
    Config {
        seed,
        cases,
        budget,
        threads,
        out,
    }
}

/// One failure, as reported.
struct Failure {
    kind: Kind,
    case: usize,
    lang: Lang,
    source: String,
    step: &'static str,
    mutations: Vec<String>,
    detail: String,
    dir: PathBuf,
    diff: String,
}

/// A unified diff of two file contents, lines cut at 200 characters, at most 80 lines.
fn diff(a: &[u8], b: &[u8], from: &str, to: &str) -> String {
    let (a, b) = (String::from_utf8_lossy(a), String::from_utf8_lossy(b));
    let d = similar::TextDiff::from_lines(a.as_ref(), b.as_ref())
        .unified_diff()
        .context_radius(2)
        .header(from, to)
        .to_string();
    let mut out = String::new();
    for (k, line) in d.lines().enumerate() {
        if k == 80 {
            out.push_str("  ... (diff cut; see the files)\n");
            break;
        }
        let visible = line.replace('\r', "\\r");
        let cut: String = visible.chars().take(200).collect();
        let more = visible.chars().count() > 200;
        writeln!(out, "  {cut}{}", if more { " ..." } else { "" }).unwrap();
    }
    out
}

/// A case run in process, and what the parsers need to judge it.
struct Ran {
    index: usize,
    mutant: Mutant,
    outcome: Outcome,
}

/// The CPU time after which a case is abandoned.
fn watchdog(budget: Duration) -> Duration {
    budget * 2 + Duration::from_secs(10)
}

/// A case's thread is also abandoned after this much wall time, however little CPU time it
/// had: a machine loaded a hundred times over.
const WALL_LIMIT: Duration = Duration::from_secs(600);

/// A handle on another thread's CPU clock.
#[cfg(unix)]
#[derive(Clone, Copy)]
struct ThreadClock(libc::clockid_t);

#[cfg(unix)]
impl ThreadClock {
    /// The calling thread's clock.
    fn current() -> Option<ThreadClock> {
        let mut id: libc::clockid_t = 0;
        // SAFETY: `id` is valid to write into; the thread is the calling one.
        let rc = unsafe { libc::pthread_getcpuclockid(libc::pthread_self(), &mut id) };
        (rc == 0).then_some(ThreadClock(id))
    }

    /// The CPU time the thread has used; read only while it runs (it has not sent its
    /// outcome yet).
    fn read(self) -> Option<Duration> {
        let mut ts = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: `ts` is valid to write into.
        let rc = unsafe { libc::clock_gettime(self.0, &mut ts) };
        (rc == 0).then(|| Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32))
    }
}

/// Elsewhere, no CPU clock of another thread: the wall clock decides.
#[cfg(not(unix))]
#[derive(Clone, Copy)]
struct ThreadClock;

#[cfg(not(unix))]
impl ThreadClock {
    fn current() -> Option<ThreadClock> {
        None
    }
    fn read(self) -> Option<Duration> {
        None
    }
}

/// What a case's thread sends: its CPU clock first, then its outcome.
enum Msg {
    Clock(Option<ThreadClock>),
    Done(Outcome),
}

/// Waits for a case's outcome; `None` when it used more CPU time than the watchdog allows
/// (or the wall limit passed).
fn wait(rx: &mpsc::Receiver<Msg>, budget: Duration) -> Option<Outcome> {
    let start = Instant::now();
    let mut clock = None;
    loop {
        match rx.recv_timeout(Duration::from_millis(200)) {
            Ok(Msg::Clock(c)) => clock = c,
            Ok(Msg::Done(o)) => return Some(o),
            Err(mpsc::RecvTimeoutError::Disconnected) => return None,
            Err(mpsc::RecvTimeoutError::Timeout) => {
                let used = clock.and_then(ThreadClock::read);
                let over = match used {
                    Some(cpu) => cpu > watchdog(budget),
                    None => start.elapsed() > watchdog(budget),
                };
                if over || start.elapsed() > WALL_LIMIT {
                    return None;
                }
            }
        }
    }
}

/// Runs the cases on `threads` threads, each case in a thread of its own so that a case
/// that never ends is left behind (and reported) rather than stopping the run.
fn run_chunk(cfg: &Config, sources: &[Src], cases: &[usize]) -> Vec<Ran> {
    let next = AtomicUsize::new(0);
    let done = Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..cfg.threads {
            s.spawn(|| loop {
                let k = next.fetch_add(1, Ordering::Relaxed);
                let Some(&index) = cases.get(k) else { break };
                let m = mutant(cfg.seed, index, sources);
                let (tx, rx) = mpsc::channel();
                let (lang, bytes, budget) = (m.lang, m.bytes.clone(), cfg.budget);
                std::thread::Builder::new()
                    .name(format!("mutation-case-{index}"))
                    .spawn(move || {
                        let _ = tx.send(Msg::Clock(ThreadClock::current()));
                        let _ = tx.send(Msg::Done(run_case(lang, &bytes, budget)));
                    })
                    .unwrap();
                let outcome = match wait(&rx, cfg.budget) {
                    Some(o) => o,
                    None => Outcome {
                        issues: vec![Issue {
                            kind: Kind::Timeout,
                            step: "check",
                            detail: format!(
                                "not done after {:.0} s of CPU time (or {} s of wall time): \
abandoned, still running",
                                watchdog(cfg.budget).as_secs_f64(),
                                WALL_LIMIT.as_secs()
                            ),
                        }],
                        elapsed: watchdog(cfg.budget),
                        ..Outcome::default()
                    },
                };
                done.lock().unwrap().push(Ran {
                    index,
                    mutant: m,
                    outcome,
                });
            });
        }
    });
    let mut done = done.into_inner().unwrap();
    done.sort_by_key(|r| r.index);
    done
}

/// Judges the fixed files of a chunk with the real parsers; returns the failures of the
/// chunk, and how many fixed files could not be judged.
fn judge(cfg: &Config, sources: &[Src], ran: &[Ran]) -> (Vec<Failure>, usize, usize) {
    let work = tempfile::tempdir().unwrap();
    // (checker, kind, path) of each mutant and fixed file, by case.
    let mut files: BTreeMap<&'static str, Vec<(&'static str, PathBuf)>> = BTreeMap::new();
    for r in ran {
        if r.outcome.fixed.is_empty() {
            continue;
        }
        let (checker, kind) = checker_kind(r.mutant.lang, &r.mutant.ext);
        let dir = work.path().join(r.index.to_string());
        std::fs::create_dir_all(&dir).unwrap();
        let ext = &r.mutant.ext;
        let mutant = dir.join(format!("mutant.{ext}"));
        std::fs::write(&mutant, &r.mutant.bytes).unwrap();
        files.entry(checker).or_default().push((kind, mutant));
        for (step, bytes) in &r.outcome.fixed {
            let p = dir.join(format!("fixed-{step}.{ext}"));
            std::fs::write(&p, bytes).unwrap();
            files.entry(checker).or_default().push((kind, p));
        }
    }
    let mut verdicts: BTreeMap<PathBuf, (Verdict, usize)> = BTreeMap::new();
    for (checker, list) in &files {
        let v = run_checker(checker, list, work.path());
        verdicts.extend(list.iter().map(|(_, p)| p.clone()).zip(v));
    }
    let mut failures = Vec::new();
    let mut judged = 0;
    let mut unknown = 0;
    for r in ran {
        let m = &r.mutant;
        let dir = cfg.out.join(format!("case-{}", r.index));
        let mut issues: Vec<&Issue> = r.outcome.issues.iter().collect();
        let mut broken = Vec::new();
        let ext = &m.ext;
        let base = work.path().join(r.index.to_string());
        let mutant_verdict = verdicts.get(&base.join(format!("mutant.{ext}")));
        let mutant_cuts = mutant_verdict.map_or(0, |v| v.1);
        let mutant_verdict = mutant_verdict.map(|v| &v.0);
        for (step, _) in &r.outcome.fixed {
            let fixed = verdicts.get(&base.join(format!("fixed-{step}.{ext}")));
            let fixed_cuts = fixed.map_or(0, |v| v.1);
            if fixed_cuts > mutant_cuts {
                broken.push(Issue {
                    kind: Kind::CutInterpolation,
                    step,
                    detail: format!(
                        "{fixed_cuts} string interpolations cut short in the fixed text, \
{mutant_cuts} in the mutant: PHP prints the member or index after the first as text"
                    ),
                });
            }
            let fixed = fixed.map(|v| &v.0);
            match (mutant_verdict, fixed) {
                (Some(Verdict::Accepted), Some(Verdict::Rejected(why))) => {
                    judged += 1;
                    broken.push(Issue {
                        kind: Kind::NewlyBroken,
                        step,
                        detail: format!("the real parser rejects the fixed text: {why}"),
                    });
                }
                (Some(Verdict::Unknown(_)), _) | (_, Some(Verdict::Unknown(_))) => unknown += 1,
                _ => judged += 1,
            }
        }
        issues.extend(broken.iter());
        if issues.is_empty() {
            continue;
        }
        // Keep the files for inspection.
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(format!("mutant.{ext}")), &m.bytes).unwrap();
        for (step, bytes) in &r.outcome.fixed {
            std::fs::write(dir.join(format!("fixed-{step}.{ext}")), bytes).unwrap();
        }
        for (step, bytes) in &r.outcome.again {
            std::fs::write(dir.join(format!("again-{step}.{ext}")), bytes).unwrap();
        }
        for issue in issues {
            let fixed = r
                .outcome
                .fixed
                .iter()
                .find(|(s, _)| *s == issue.step)
                .map(|(_, b)| b);
            let again = r
                .outcome
                .again
                .iter()
                .find(|(s, _)| *s == issue.step)
                .map(|(_, b)| b);
            let d = match (issue.kind, fixed, again) {
                (Kind::NotIdempotent, Some(f), Some(a)) => {
                    diff(f, a, "fixed", &format!("fixed again ({})", issue.step))
                }
                (_, Some(f), _) => diff(&m.bytes, f, "mutant", &format!("fixed ({})", issue.step)),
                _ => String::new(),
            };
            failures.push(Failure {
                kind: issue.kind,
                case: r.index,
                lang: m.lang,
                source: sources[m.source].path.clone(),
                step: issue.step,
                mutations: m.mutations.clone(),
                detail: issue.detail.clone(),
                dir: dir.clone(),
                diff: d,
            });
        }
    }
    (failures, judged, unknown)
}

fn describe(f: &Failure, seed: u64, ext: &str) -> String {
    let mut s = String::new();
    writeln!(
        s,
        "[{}] seed {seed} case {} ({}, {}; {})",
        f.kind.name(),
        f.case,
        f.lang.name(),
        f.source,
        match f.step {
            "check" => "check",
            "safe" => "--fix",
            _ => "--fix --unsafe-fixes",
        }
    )
    .unwrap();
    writeln!(s, "  mutations: {}", f.mutations.join("; ")).unwrap();
    writeln!(s, "  {}", f.detail).unwrap();
    writeln!(
        s,
        "  mutant: {}",
        f.dir.join(format!("mutant.{ext}")).display()
    )
    .unwrap();
    writeln!(
        s,
        "  replay: V3_MIGRATE_MUTATION_SEED={seed} V3_MIGRATE_MUTATION_CASE={} cargo test --release --test mutation mutants_are_fixed_safely",
        f.case
    )
    .unwrap();
    s.push_str(&f.diff);
    s
}

#[test]
fn mutants_are_fixed_safely() {
    install_panic_hook();
    let cfg = config();
    let sources = sources();
    assert!(sources.len() >= 100, "only {} sources", sources.len());
    for lang in [
        Lang::JavaScript,
        Lang::Php,
        Lang::Python,
        Lang::TypeScript,
        Lang::Tsx,
        Lang::Html,
        Lang::Vue,
    ] {
        assert!(
            sources.iter().any(|s| s.lang == lang),
            "no {} source",
            lang.name()
        );
    }
    if common::typescript().is_none() {
        assert!(
            std::env::var("CI").is_err(),
            "CI runs the TypeScript compiler: set V3_MIGRATE_TYPESCRIPT (see .ci/run)"
        );
        eprintln!("mutation: no TypeScript compiler (V3_MIGRATE_TYPESCRIPT): TypeScript output is not judged");
    }
    // A campaign starts a clean folder; a replayed case clears its own only, keeping the
    // campaign's record of the others.
    let replay = std::env::var_os("V3_MIGRATE_MUTATION_CASE").is_some();
    if replay {
        for &case in &cfg.cases {
            let _ = std::fs::remove_dir_all(cfg.out.join(format!("case-{case}")));
        }
    } else {
        let _ = std::fs::remove_dir_all(&cfg.out);
    }
    let start = Instant::now();
    let mut failures = Vec::new();
    let (mut declined, mut judged, mut unknown, mut changed) = (0, 0, 0, 0);
    let mut slowest = (Duration::ZERO, 0usize);
    let mut processed = 0;
    for chunk in cfg.cases.chunks(CHUNK) {
        let ran = run_chunk(&cfg, &sources, chunk);
        processed += ran.len();
        for r in &ran {
            declined += usize::from(r.outcome.declined);
            changed += usize::from(!r.outcome.fixed.is_empty());
            if r.outcome.elapsed > slowest.0 {
                slowest = (r.outcome.elapsed, r.index);
            }
        }
        let mut timed: Vec<Failure> = Vec::new();
        let (mut f, j, u) = judge(&cfg, &sources, &ran);
        for r in &ran {
            if r.outcome.elapsed > cfg.budget
                && !r.outcome.issues.iter().any(|i| i.kind == Kind::Timeout)
            {
                let dir = cfg.out.join(format!("case-{}", r.index));
                std::fs::create_dir_all(&dir).unwrap();
                std::fs::write(
                    dir.join(format!("mutant.{}", r.mutant.ext)),
                    &r.mutant.bytes,
                )
                .unwrap();
                timed.push(Failure {
                    kind: Kind::Timeout,
                    case: r.index,
                    lang: r.mutant.lang,
                    source: sources[r.mutant.source].path.clone(),
                    step: "check",
                    mutations: r.mutant.mutations.clone(),
                    detail: format!(
                        "took {:.1} s of CPU time (budget {:.1} s): {}",
                        r.outcome.elapsed.as_secs_f64(),
                        cfg.budget.as_secs_f64(),
                        r.outcome
                            .timings
                            .iter()
                            .map(|(what, d)| format!("{what} {:.2} s", d.as_secs_f64()))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                    dir,
                    diff: String::new(),
                });
            }
        }
        f.extend(timed);
        failures.extend(f);
        judged += j;
        unknown += u;
        eprintln!(
            "mutation: {} of {} cases, {} failures, {:.0} s",
            processed,
            cfg.cases.len(),
            failures.len(),
            start.elapsed().as_secs_f64()
        );
    }
    failures.sort_by_key(|f| (f.kind, f.lang.name(), f.case));

    // The summary: counts per kind and language.
    let mut counts: BTreeMap<(Kind, &str), usize> = BTreeMap::new();
    for f in &failures {
        *counts.entry((f.kind, f.lang.name())).or_default() += 1;
    }
    let mut report = String::new();
    writeln!(
        report,
        "mutation run: seed {}, {} cases in {:.0} s ({} declined by the tool as too deep or too indented; \
{} fixed files judged by the real parsers, {} not judged; slowest case {} at {:.2} s)",
        cfg.seed,
        cfg.cases.len(),
        start.elapsed().as_secs_f64(),
        declined,
        judged,
        unknown,
        slowest.1,
        slowest.0.as_secs_f64(),
    )
    .unwrap();
    writeln!(report, "cases whose fix changed the text: {changed}").unwrap();
    for ((kind, lang), n) in &counts {
        writeln!(report, "  {:<15} {:<11} {n}", kind.name(), lang).unwrap();
    }
    let ext_of = |f: &Failure| {
        Path::new(&f.source)
            .extension()
            .map_or_else(String::new, |e| e.to_string_lossy().to_string())
    };
    let mut details = String::new();
    for f in &failures {
        details.push('\n');
        details.push_str(&describe(f, cfg.seed, &ext_of(f)));
    }
    eprintln!("{report}");
    if failures.is_empty() {
        return;
    }
    std::fs::create_dir_all(&cfg.out).unwrap();
    let full = cfg.out.join(if replay {
        // One case names its report; a list would make too long a file name.
        match cfg.cases[..] {
            [one] => format!("report-case-{one}.txt"),
            _ => "report-replay.txt".to_string(),
        }
    } else {
        "report.txt".to_string()
    });
    std::fs::write(&full, format!("{report}{details}")).unwrap();
    // The first failures of each kind and language in full; all of them in the report file.
    let mut shown: BTreeMap<(Kind, &str), usize> = BTreeMap::new();
    let mut printed = String::new();
    for f in &failures {
        let n = shown.entry((f.kind, f.lang.name())).or_default();
        *n += 1;
        if *n <= 3 {
            printed.push('\n');
            printed.push_str(&describe(f, cfg.seed, &ext_of(f)));
        }
    }
    panic!(
        "{} mutation failures\n{report}{printed}\nall {} failures: {}",
        failures.len(),
        failures.len(),
        full.display()
    );
}

/// The same seed and case give the same mutant; another case gives another.
#[test]
fn mutants_are_deterministic() {
    let sources = sources();
    let a = mutant(7, 42, &sources);
    let b = mutant(7, 42, &sources);
    assert_eq!(a.bytes, b.bytes);
    assert_eq!(a.mutations, b.mutations);
    assert!(!a.mutations.is_empty());
    let others: Vec<Vec<u8>> = (0..20).map(|k| mutant(7, k, &sources).bytes).collect();
    assert!(others.iter().filter(|o| **o == a.bytes).count() <= 1);
}

/// Each checker tells a broken file from a good one (else `newly-broken` could never fire).
#[test]
fn checkers_reject_broken_files() {
    let work = tempfile::tempdir().unwrap();
    let cases: &[(&str, &str, &str, &str)] = &[
        ("node", "js", "a.js", "if (x) return f();\n"),
        ("node", "js", "b.js", "if (x) const y = 1;\n"),
        ("node", "mjs", "c.mjs", "export const a = 1;\nawait a;\n"),
        ("node", "mjs", "d.mjs", "export const a = (;\n"),
        (
            "node",
            "blocks",
            "e.html",
            "<p>\n<script>\nvar a = 1;\n</script>\n",
        ),
        (
            "node",
            "blocks",
            "f.vue",
            "<template></template>\n<script>\nvar a = ;\n</script>\n",
        ),
        ("php", "php", "g.php", "<?php\necho \"$d->balance\";\n"),
        ("php", "php", "h.php", "<?php\nif ($x) function f() {}\n}\n"),
        ("python", "python", "i.py", "if x: print(f\"{d['a']}\")\n"),
        ("python", "python", "j.py", "if x:\nprint(1)\n"),
        (
            "php",
            "php",
            "k.php",
            "<?php\necho \"$d->data->balance {$d->data->x}\";\necho \"$a[data][balance]\";\n",
        ),
    ];
    let want = [
        true, false, true, false, true, false, true, false, true, false, true,
    ];
    let mut by: BTreeMap<&'static str, Vec<(&'static str, PathBuf)>> = BTreeMap::new();
    let mut order = Vec::new();
    for (checker, kind, name, text) in cases {
        let p = work.path().join(name);
        std::fs::write(&p, text).unwrap();
        let checker: &'static str = match *checker {
            "node" => "node",
            "php" => "php",
            _ => "python",
        };
        let kind: &'static str = match *kind {
            "js" => "js",
            "mjs" => "mjs",
            "blocks" => "blocks",
            "php" => "php",
            _ => "python",
        };
        by.entry(checker).or_default().push((kind, p.clone()));
        order.push(p);
    }
    let mut verdicts = BTreeMap::new();
    for (checker, list) in &by {
        let v = run_checker(checker, list, work.path());
        verdicts.extend(list.iter().map(|(_, p)| p.clone()).zip(v));
    }
    let cuts: Vec<usize> = order.iter().map(|p| verdicts[p].1).collect();
    assert_eq!(cuts, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2]);
    for (p, accepted) in order.iter().zip(want) {
        let v = &verdicts[p].0;
        assert_eq!(
            matches!(v, Verdict::Accepted),
            accepted,
            "{}: {v:?}",
            p.display()
        );
        if !accepted {
            assert!(matches!(v, Verdict::Rejected(_)), "{}: {v:?}", p.display());
        }
    }
}

/// `lost-return` sees a branch split by a fix, and accepts a branch kept or turned into a block.
#[test]
fn lost_return_sees_split_branches() {
    let before = "function f() {\n  if (c) return res.json();\n}\n";
    let split =
        "function f() {\n  if (c) const result = await res.json();\n  return result.data;\n}\n";
    let block = "function f() {\n  if (c) {\n    return result.data;\n  }\n}\n";
    let kept = "function f() {\n  if (c) return res.json().then((r) => r.data);\n}\n";
    assert_eq!(
        lost_return(before, split).as_deref(),
        Some("if (c) return res.json();")
    );
    assert_eq!(lost_return(before, block), None);
    assert_eq!(lost_return(before, kept), None);
    let py = "def f(c):\n    if c: return r.json()\n";
    let py_split = "def f(c):\n    if c: result = r.json()\n    return result[\"data\"]\n";
    assert!(lost_return(py, py_split).is_some());
    // A one-line Python branch moved to lines of its own keeps its return.
    let py_block =
        "def f(c):\n    if c:\n        result = r.json()\n        return result[\"data\"]\n";
    assert_eq!(lost_return(py, py_block), None);
    let php = "<?php\nfunction f() {\n    if ($c) {} else return $r;\n}\n";
    let php_split =
        "<?php\nfunction f() {\n    if ($c) {} else $result = $r;\n    return $result;\n}\n";
    assert!(lost_return(php, php_split).is_some());
    // A return not under a mutation's branch is not judged.
    assert_eq!(lost_return("if (ok) return a;\n", "if (ok) x = a;\n"), None);
}
