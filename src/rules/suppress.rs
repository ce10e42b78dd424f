//! Suppression comments: `v3-migrate: ignore`, `v3-migrate: ignore[rule,...]` and the
//! file-level `v3-migrate: ignore-file` / `ignore-file[rule,...]`, each with an optional
//! `: reason` after, in any of the language's comments (`//`, `/* */`, `#`).
//!
//! Owns: finding the directives in a parsed file's comments, deciding which findings they
//! cover, and which directives (or which names in them) matched nothing. Not: the text and
//! fix of the `unused-suppression` finding (`rules/unused_suppression.rs`).
//!
//! A line directive covers the findings on the lines its comment spans and, when the
//! comment starts its line (nothing but blanks before it), the findings on the next line.
//! A finding spanning several lines is covered when any of its lines is. Names are rule
//! names, group names (`response`) or `ALL`; see `v3-migrate rules`.

use std::ops::Range;

use crate::rules::{self, Finding, Rule};
use crate::source::Source;

/// What every directive starts with.
pub const MARKER: &str = "v3-migrate:";

/// The lines a directive covers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scope {
    /// 1-based lines, first to last, inclusive.
    Lines(usize, usize),
    File,
}

/// A rule name written in a directive.
#[derive(Clone, Debug)]
pub struct Name {
    pub text: String,
    pub range: Range<usize>,
    /// The rules it names; `None` when it names none (a typo, a rule that does not exist).
    pub rules: Option<Vec<Rule>>,
}

/// A well-formed directive.
#[derive(Clone, Debug)]
pub struct Directive {
    /// The whole comment holding it.
    pub comment: Range<usize>,
    /// The directive itself, from the marker to the end of its reason.
    pub range: Range<usize>,
    /// The text between the brackets (empty range when there are none).
    pub list: Range<usize>,
    pub scope: Scope,
    /// `None`: every rule.
    pub names: Option<Vec<Name>>,
}

/// A `v3-migrate:` comment that does not parse as a directive.
#[derive(Clone, Debug)]
pub struct Malformed {
    pub range: Range<usize>,
    pub why: String,
}

/// The directives of a file, in source order.
pub fn directives(source: &Source) -> Vec<Result<Directive, Malformed>> {
    let text = source.text.as_str();
    let mut out = Vec::new();
    if !text.contains(MARKER) {
        return out;
    }
    let lines = LineIndex::new(text);
    let mut cursor = source.root().walk();
    let mut stack = vec![source.root()];
    let syntax = source.lang.syntax();
    while let Some(node) = stack.pop() {
        if syntax.is_comment(node) {
            let mut range = node.byte_range();
            // Some grammars end a line comment after a CR of a CRLF line ending.
            while range.end > range.start && text[..range.end].ends_with('\r') {
                range.end -= 1;
            }
            if text[range.clone()].contains(MARKER) {
                parse_comment(text, range, &lines, &mut out);
            }
            continue;
        }
        stack.extend(node.children(&mut cursor));
    }
    out.sort_by_key(|d| match d {
        Ok(d) => d.range.start,
        Err(m) => m.range.start,
    });
    out
}

/// The comment's content: inside `/* */`, after `//` or `#`.
fn content(text: &str, comment: Range<usize>) -> Range<usize> {
    let s = &text[comment.clone()];
    let start = comment.start
        + if s.starts_with("/*") || s.starts_with("//") {
            2
        } else {
            usize::from(s.starts_with('#'))
        };
    let end = if s.starts_with("/*") && s.ends_with("*/") && s.len() >= 4 {
        comment.end - 2
    } else {
        comment.end
    };
    start..end.max(start)
}

fn parse_comment(
    text: &str,
    comment: Range<usize>,
    lines: &LineIndex,
    out: &mut Vec<Result<Directive, Malformed>>,
) {
    let body = content(text, comment.clone());
    let s = &text[body.clone()];
    let marks: Vec<usize> = s.match_indices(MARKER).map(|(i, _)| i).collect();
    for (k, &at) in marks.iter().enumerate() {
        // A directive's reason runs to the next directive or the end of the comment.
        let end = marks.get(k + 1).copied().unwrap_or(s.len());
        let raw = &s[at..end];
        let trimmed_end = at + raw.trim_end().len();
        let range = body.start + at..body.start + trimmed_end;
        out.push(parse_directive(text, comment.clone(), range, lines));
    }
}

fn parse_directive(
    text: &str,
    comment: Range<usize>,
    range: Range<usize>,
    lines: &LineIndex,
) -> Result<Directive, Malformed> {
    let malformed = |why: &str| Malformed {
        range: range.clone(),
        why: why.to_string(),
    };
    let after_marker = range.start + MARKER.len();
    let rest = &text[after_marker..range.end];
    let lead = rest.len() - rest.trim_start().len();
    let word_at = after_marker + lead;
    let rest = &text[word_at..range.end];
    let (file, word_len) = if rest.starts_with("ignore-file") {
        (true, "ignore-file".len())
    } else if rest.starts_with("ignore") {
        (false, "ignore".len())
    } else {
        return Err(malformed(
            "expected `ignore`, `ignore[rule,...]` or `ignore-file` after `v3-migrate:`",
        ));
    };
    let mut pos = word_at + word_len;
    let next = text[pos..range.end].chars().next();
    if matches!(next, Some(c) if c.is_alphanumeric() || c == '-' || c == '_') {
        return Err(malformed(
            "expected `ignore`, `ignore[rule,...]` or `ignore-file` after `v3-migrate:`",
        ));
    }
    let mut names = None;
    let mut list = pos..pos;
    if next == Some('[') {
        let Some(close) = text[pos..range.end].find(']') else {
            return Err(malformed("`[` without its `]`"));
        };
        list = pos + 1..pos + close;
        let mut found = Vec::new();
        let mut at = list.start;
        for part in text[list.clone()].split(',') {
            let lead = part.len() - part.trim_start().len();
            let name = part.trim();
            if !name.is_empty() {
                let start = at + lead;
                found.push(Name {
                    text: name.to_string(),
                    range: start..start + name.len(),
                    rules: rules::selector(name),
                });
            }
            at += part.len() + 1;
        }
        if found.is_empty() {
            return Err(malformed(
                "an empty list ignores nothing: name rules, or drop the brackets",
            ));
        }
        names = Some(found);
        pos += close + 1;
    }
    // What follows is the reason: `: why`, or free text after a blank.
    let tail = &text[pos..range.end];
    if !(tail.is_empty() || tail.starts_with(':') || tail.starts_with(char::is_whitespace)) {
        return Err(malformed(
            "expected `: reason` after the directive, e.g. `v3-migrate: ignore[v2-endpoint]: proxied`",
        ));
    }
    let scope = if file {
        Scope::File
    } else {
        let first = lines.line(comment.start);
        let mut last = lines.line(comment.end.saturating_sub(1).max(comment.start));
        let line_start = lines.start_of(first);
        if text[line_start..comment.start].trim().is_empty() {
            last += 1;
        }
        Scope::Lines(first, last)
    };
    Ok(Directive {
        comment,
        range,
        list,
        scope,
        names,
    })
}

/// Which findings a file's directives suppress, and what matched nothing.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Findings not suppressed.
    pub kept: Vec<Finding>,
    /// Findings suppressed.
    pub suppressed: Vec<Finding>,
    /// Directives (or names in them) that suppressed nothing, with the unused names
    /// (`None`: the whole directive).
    pub unused: Vec<(Directive, Option<Vec<Name>>)>,
}

/// Applies `directives` to `findings`. `enabled` are the rules that ran on this file: a
/// directive naming only rules that did not run is not judged unused. Malformed directives
/// suppress nothing (`unused-suppression` reports them).
pub fn apply(
    text: &str,
    findings: Vec<Finding>,
    directives: Vec<Result<Directive, Malformed>>,
    enabled: &[Rule],
) -> Outcome {
    let mut out = Outcome::default();
    let directives: Vec<Directive> = directives.into_iter().filter_map(Result::ok).collect();
    if directives.is_empty() {
        out.kept = findings;
        return out;
    }
    let lines = LineIndex::new(text);
    // used[d][n]: name n of directive d (or the blanket, n = 0) suppressed something.
    let mut used: Vec<Vec<bool>> = directives
        .iter()
        .map(|d| vec![false; d.names.as_ref().map_or(1, Vec::len)])
        .collect();
    for f in findings {
        let first = lines.line(f.range.start);
        let last = lines.line(f.range.end.saturating_sub(1).max(f.range.start));
        let mut hit = false;
        for (d, dir) in directives.iter().enumerate() {
            let covers = match dir.scope {
                Scope::File => true,
                Scope::Lines(a, b) => first <= b && a <= last,
            };
            if !covers {
                continue;
            }
            match &dir.names {
                None => {
                    used[d][0] = true;
                    hit = true;
                }
                Some(names) => {
                    for (n, name) in names.iter().enumerate() {
                        if name.rules.as_ref().is_some_and(|r| r.contains(&f.rule)) {
                            used[d][n] = true;
                            hit = true;
                        }
                    }
                }
            }
        }
        if hit {
            out.suppressed.push(f);
        } else {
            out.kept.push(f);
        }
    }
    let judged = |r: &[Rule]| r.iter().all(|r| enabled.contains(r));
    // A blanket directive is judged when every rule on by default ran (a hint one asks for
    // may not have).
    let every_rule: Vec<Rule> = Rule::defaults()
        .into_iter()
        .filter(|r| *r != Rule::UnusedSuppression)
        .collect();
    for (dir, used) in directives.into_iter().zip(used) {
        match &dir.names {
            None => {
                if !used[0] && judged(&every_rule) {
                    out.unused.push((dir, None));
                }
            }
            Some(names) => {
                let unused: Vec<Name> = names
                    .iter()
                    .zip(&used)
                    .filter(|(name, used)| !**used && name.rules.as_ref().is_none_or(|r| judged(r)))
                    .map(|(name, _)| name.clone())
                    .collect();
                if unused.is_empty() {
                    continue;
                }
                let whole = unused.len() == names.len();
                out.unused.push((dir, (!whole).then_some(unused)));
            }
        }
    }
    out
}

/// Byte offsets of line starts, for 1-based line numbers.
pub struct LineIndex(Vec<usize>);

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex(starts)
    }

    /// The 1-based line of a byte offset.
    pub fn line(&self, offset: usize) -> usize {
        self.0.partition_point(|&s| s <= offset)
    }

    /// The byte offset where a 1-based line starts.
    pub fn start_of(&self, line: usize) -> usize {
        self.0[line.saturating_sub(1).min(self.0.len() - 1)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;

    fn parse(lang: Lang, text: &str) -> Vec<Result<Directive, Malformed>> {
        directives(&Source::parse(lang, text.to_string()).unwrap())
    }

    #[test]
    fn directives_in_each_comment_syntax() {
        let js =
            "a(); // v3-migrate: ignore[v2-endpoint]: proxied\n/* v3-migrate: ignore */\nb();\n";
        let d = parse(Lang::JavaScript, js);
        assert_eq!(d.len(), 2);
        let first = d[0].as_ref().unwrap();
        assert_eq!(first.scope, Scope::Lines(1, 1));
        assert_eq!(
            &js[first.range.clone()],
            "v3-migrate: ignore[v2-endpoint]: proxied"
        );
        let names = first.names.as_ref().unwrap();
        assert_eq!(names[0].rules, Some(vec![Rule::V2Endpoint]));
        let second = d[1].as_ref().unwrap();
        assert_eq!(second.scope, Scope::Lines(2, 3));
        assert!(second.names.is_none());

        let py = "x = 1  # v3-migrate: ignore-file[response, v2-auth-header]\n";
        let d = parse(Lang::Python, py);
        let d = d[0].as_ref().unwrap();
        assert_eq!(d.scope, Scope::File);
        let names = d.names.as_ref().unwrap();
        assert_eq!(names.len(), 2);
        assert!(names[0]
            .rules
            .as_ref()
            .unwrap()
            .contains(&Rule::NestedTopup));
        assert_eq!(&py[names[1].range.clone()], "v2-auth-header");

        let php = "<?php\n# v3-migrate: ignore\n$a = 1;\n// v3-migrate: ignore[nope]\n";
        let d = parse(Lang::Php, php);
        assert_eq!(d[0].as_ref().unwrap().scope, Scope::Lines(2, 3));
        assert!(d[1].as_ref().unwrap().names.as_ref().unwrap()[0]
            .rules
            .is_none());
    }

    #[test]
    fn strings_are_not_comments() {
        assert!(parse(Lang::JavaScript, "const s = '// v3-migrate: ignore';\n").is_empty());
        assert!(parse(Lang::Python, "s = '# v3-migrate: ignore'\n").is_empty());
    }

    #[test]
    fn malformed_directives_are_reported() {
        for text in [
            "// v3-migrate: ignroe\n",
            "// v3-migrate: ignore[v2-endpoint\n",
            "// v3-migrate: ignore[]\n",
            "// v3-migrate: ignored\n",
            "// v3-migrate: ignore(v2-endpoint)\n",
        ] {
            let d = parse(Lang::JavaScript, text);
            assert!(matches!(d.as_slice(), [Err(_)]), "{text}: {d:?}");
        }
    }

    #[test]
    fn line_index() {
        let l = LineIndex::new("a\nbc\n\nd");
        assert_eq!([0, 1, 2, 4, 5, 6].map(|o| l.line(o)), [1, 1, 2, 2, 3, 4]);
        assert_eq!(l.start_of(3), 5);
    }
}
