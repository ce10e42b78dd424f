//! `check --fix --interactive`: each fix shown as a diff, applied only when the user says so.
//!
//! Answers: `y` apply it, `n` skip it, `a` apply it and every later fix of the same rule
//! without asking, `q` stop asking and keep what was applied. End of input is `q`. A fix
//! that needs another one first (a second pass) is asked about once the first is applied; a
//! fix declined is not asked about again.

use std::collections::HashSet;
use std::io::{self, BufRead, Write};

use crate::fingerprint::normalise;
use crate::fix;
use crate::rules::{Finding, Rule};
use crate::source;
use crate::{check_text_choosing, decode, walk, FileResult, Settings};

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
    /// Rules answered `a`.
    all: HashSet<Rule>,
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
    let name = walk::display_path(&r.path);
    // Declined fixes, by rule, matched text and message: asked once.
    let mut declined: HashSet<(Rule, String, String)> = HashSet::new();
    let mut failed: Option<io::Error> = None;
    // The passes are `check_text`'s; only the choice of the fixes is the user's.
    let mut choose = |f: &Finding, current: &str| -> bool {
        let Some(x) = &f.fix else { return false };
        let key = (
            f.rule,
            normalise(&current[f.range.clone()]),
            f.message.clone(),
        );
        if x.applicability < settings.threshold
            || declined.contains(&key)
            || state.quit
            || failed.is_some()
        {
            return false;
        }
        if state.all.contains(&f.rule) {
            return true;
        }
        let answer = show(out, &name, current, f).and_then(|()| ask(out, input, f.rule));
        match answer {
            Ok(Answer::Yes) => true,
            Ok(Answer::All) => {
                state.all.insert(f.rule);
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
    r.findings = checked.findings;
    r.suppressed = checked.suppressed;
    r.fixed = checked.fixed;
    r.skipped = checked.skipped;
    r.text = checked.text;
    Ok(())
}

/// The finding and the diff its fix alone makes.
fn show(out: &mut dyn Write, name: &str, current: &str, f: &Finding) -> io::Result<()> {
    let (line, col) = source::line_col(current, f.range.start);
    let x = f.fix.as_ref().expect("asked about a fix");
    writeln!(out, "{name}:{line}:{col}: {}: {}", f.rule.name(), f.message)?;
    writeln!(out, "  fix ({}): {}", x.applicability.name(), x.message)?;
    let edits: Vec<&crate::rules::Edit> = x.edits.iter().collect();
    let after = fix::apply_edits(current, &edits);
    let diff = similar::TextDiff::from_lines(current, after.as_str());
    write!(
        out,
        "{}",
        diff.unified_diff()
            .context_radius(2)
            .header(&format!("a/{name}"), &format!("b/{name}"))
    )
}

/// Asks until the answer is one of y, n, a, q; end of input is q.
fn ask(out: &mut dyn Write, input: &mut dyn BufRead, rule: Rule) -> io::Result<Answer> {
    loop {
        write!(
            out,
            "Apply this fix? [y]es, [n]o, [a]ll {} fixes, [q]uit: ",
            rule.name()
        )?;
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
