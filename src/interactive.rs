//! `check --fix --interactive`: each fix shown as a diff, applied only when the user says so.
//!
//! Answers: `y` apply it, `n` skip it, `a` apply it and every later fix of the same rule
//! without asking, `q` stop asking and keep what was applied. End of input is `q`. A fix
//! that needs another one first (a second pass) is asked about once the first is applied; a
//! fix declined is not asked about again.

use std::collections::HashSet;
use std::io::{self, BufRead, Write};

use crate::document::Document;
use crate::fingerprint::normalise;
use crate::fix;
use crate::rules::{Finding, Rule};
use crate::source;
use crate::{decode, lint_document, walk, FileResult, Settings};

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
    let Ok(mut current) = Document::parse(r.lang, &text) else {
        return Ok(());
    };
    let mut current_text = text.clone();
    let name = walk::display_path(&r.path);
    // Declined fixes, by rule, matched text and message: asked once.
    let mut declined: HashSet<(Rule, String, String)> = HashSet::new();
    let mut fixed: Vec<Finding> = Vec::new();
    let mut skipped = Vec::new();
    for _pass in 0..4 {
        let findings = lint_document(&current, settings).findings;
        let mut accepted: Vec<&Finding> = Vec::new();
        for f in &findings {
            let Some(x) = &f.fix else { continue };
            let key = (
                f.rule,
                normalise(&current_text[f.range.clone()]),
                f.message.clone(),
            );
            if x.applicability < settings.threshold || declined.contains(&key) || state.quit {
                continue;
            }
            let answer = if state.all.contains(&f.rule) {
                Answer::All
            } else {
                show(out, &name, &current_text, f)?;
                ask(out, input, f.rule)?
            };
            match answer {
                Answer::Yes => accepted.push(f),
                Answer::All => {
                    state.all.insert(f.rule);
                    accepted.push(f);
                }
                Answer::No => {
                    declined.insert(key);
                }
                Answer::Quit => state.quit = true,
            }
        }
        if accepted.is_empty() {
            break;
        }
        let fixes: Vec<&crate::rules::Fix> =
            accepted.iter().filter_map(|f| f.fix.as_ref()).collect();
        let errors = current.error_ranges();
        let applied = fix::apply(r.lang, &current_text, &fixes, &errors);
        skipped = applied
            .skipped
            .iter()
            .map(|(i, why)| (accepted[*i].clone(), why.clone()))
            .collect();
        if applied.applied.is_empty() || applied.text == current_text {
            break;
        }
        fixed.extend(applied.applied.iter().map(|&i| accepted[i].clone()));
        let Ok(next) = Document::parse(r.lang, &applied.text) else {
            break;
        };
        current = next;
        current_text = applied.text;
    }
    let remaining = lint_document(&current, settings);
    r.new = if current_text == text {
        None
    } else {
        r.encoding.encode(&current_text)
    };
    r.findings = remaining.findings;
    r.suppressed = remaining.suppressed;
    r.fixed = fixed;
    r.skipped = skipped;
    r.text = current_text;
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
