//! `check --fix --interactive`: each migration unit shown as one diff (its URL, header,
//! reads...), applied only when the user says so.
//!
//! Answers: `y` apply it, `n` skip it, `a` apply it and every later unit without asking,
//! `q` stop asking and keep what was applied. End of input is `q`. A unit is applied whole
//! or not at all (`crate::units`): the user is asked once per unit, never per piece of it.
//! A unit that needs another one first (a second pass) is asked about once the first is
//! applied; a unit declined is not asked about again.

use std::collections::HashSet;
use std::io::{self, BufRead, Write};

use crate::fingerprint::normalise;
use crate::fix;
use crate::input::decode;
use crate::outcome::FileResult;
use crate::pipeline::{check_text_choosing, Settings};
use crate::rules::{Finding, Rule};
use crate::source;

/// What the user said about one fix.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Answer {
    Yes,
    No,
    All,
    Quit,
}

/// The state of a review across files.
#[derive(Default)]
struct Review {
    /// Answered `a`: every later unit is applied.
    all: bool,
    quit: bool,
}

/// Replaces the fixes computed for `results` by those the user accepts, file by file.
pub fn review(
    results: &mut [FileResult],
    settings: &Settings,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut state = Review::default();
    for r in results.iter_mut().filter(|r| r.new.is_some()) {
        review_file(r, settings, &mut state, input, out)?;
    }
    Ok(())
}

fn review_file(
    r: &mut FileResult,
    settings: &Settings,
    state: &mut Review,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
) -> io::Result<()> {
    let Ok((text, _)) = decode(&r.path, &r.original) else {
        return Ok(());
    };
    let name = crate::display::display_path(&r.path);
    // Declined units, by their members' rules, matched texts and messages: asked once.
    let mut declined: HashSet<Vec<(Rule, String, String)>> = HashSet::new();
    let mut failed: Option<io::Error> = None;
    // The passes are `check_text`'s; only the choice of the units is the user's.
    let mut choose = |unit: &[&Finding], current: &str| -> bool {
        let key: Vec<(Rule, String, String)> = unit
            .iter()
            .map(|f| {
                (
                    f.rule,
                    normalise(&current[f.range.clone()]),
                    f.message.clone(),
                )
            })
            .collect();
        let below = unit.iter().any(|f| {
            f.fix
                .as_ref()
                .is_none_or(|x| x.applicability < settings.threshold)
        });
        if unit.is_empty() || below || declined.contains(&key) || state.quit || failed.is_some() {
            return false;
        }
        if state.all {
            return true;
        }
        let answer = show(out, &name, current, unit).and_then(|()| ask(out, input, unit.len()));
        match answer {
            Ok(Answer::Yes) => true,
            Ok(Answer::All) => {
                state.all = true;
                true
            }
            Ok(Answer::No) => {
                declined.insert(key);
                false
            }
            Ok(Answer::Quit) => {
                state.quit = true;
                false
            }
            Err(e) => {
                failed = Some(e);
                false
            }
        }
    };
    let checked = check_text_choosing(r.lang, text.clone(), settings, &mut choose);
    if let Some(e) = failed {
        return Err(e);
    }
    let Ok(checked) = checked else {
        return Ok(());
    };
    r.new = if checked.text == text {
        None
    } else {
        r.encoding.encode(&checked.text)
    };
    r.checked.linted.findings = checked.linted.findings;
    r.checked.linted.suppressed = checked.linted.suppressed;
    r.checked.fixed = checked.fixed;
    r.checked.skipped = checked.skipped;
    r.checked.text = checked.text;
    Ok(())
}

/// The findings of a unit and the diff its fixes make together.
fn show(out: &mut dyn Write, name: &str, current: &str, unit: &[&Finding]) -> io::Result<()> {
    let mut edits: Vec<&crate::rules::Edit> = Vec::new();
    for f in unit {
        let (line, col) = source::line_col(current, f.range.start);
        let x = f.fix.as_ref().expect("asked about a fix");
        writeln!(out, "{name}:{line}:{col}: {}: {}", f.rule.name(), f.message)?;
        writeln!(out, "  fix ({}): {}", x.applicability.name(), x.message)?;
        for e in &x.edits {
            if !edits.contains(&e) {
                edits.push(e);
            }
        }
    }
    edits.sort_by_key(|e| (e.range.start, e.range.end));
    let after = fix::apply_edits(current, &edits);
    // A settings file's other values (keys, passwords) are never shown.
    let hosts = [crate::api::V2_HOST, crate::api::V3_HOST];
    let path = std::path::Path::new(name);
    let current = crate::lang::settings::shown(path, current, &hosts);
    let after = crate::lang::settings::shown(path, &after, &hosts);
    let diff = similar::TextDiff::from_lines(current.as_ref(), after.as_ref());
    write!(
        out,
        "{}",
        diff.unified_diff()
            .context_radius(2)
            .header(&format!("a/{name}"), &format!("b/{name}"))
    )
}

/// Asks until the answer is one of y, n, a, q; end of input is q.
fn ask(out: &mut dyn Write, input: &mut dyn BufRead, fixes: usize) -> io::Result<Answer> {
    let what = if fixes == 1 {
        "this fix".to_string()
    } else {
        format!("these {fixes} fixes (one migration unit)")
    };
    loop {
        write!(out, "Apply {what}? [y]es, [n]o, [a]ll remaining, [q]uit: ")?;
        out.flush()?;
        let mut line = String::new();
        if input.read_line(&mut line)? == 0 {
            writeln!(out)?;
            return Ok(Answer::Quit);
        }
        match line.trim().to_ascii_lowercase().as_str() {
            "y" | "yes" => return Ok(Answer::Yes),
            "n" | "no" => return Ok(Answer::No),
            "a" | "all" => return Ok(Answer::All),
            "q" | "quit" => return Ok(Answer::Quit),
            _ => writeln!(out, "Please answer y, n, a or q.")?,
        }
    }
}
