//! A `v3-migrate: ignore` comment that suppresses nothing.
//!
//! ## What it finds
//! A suppression comment (`v3-migrate: ignore`, `ignore[rule,...]`, `ignore-file`) with no
//! finding to suppress where it applies; a rule name in its list that matched nothing there
//! or that names no rule; and a `v3-migrate:` comment that does not parse as a directive.
//! A directive is judged only when the rules it names ran (`--select`, `ignore` and
//! per-file ignores can turn them off).
//!
//! ## Why
//! A suppression outlives the code it was written for: once the line is migrated, or moved,
//! the comment stays and would hide the next v2 construct written there. A misspelt rule
//! name or directive suppresses nothing, silently. The summary line counts suppressed
//! findings so that they are never silent either.
//!
//! ## Example
//! ```js
//! fetch(`${BASE}/v3/mobile/plans`); // v3-migrate: ignore[v2-endpoint]   // before
//! fetch(`${BASE}/v3/mobile/plans`);                                      // after
//! // v3-migrate: ignore[v2-endpoint, v2-auth-header]: proxied           // before (only the header is found)
//! // v3-migrate: ignore[v2-auth-header]: proxied                        // after
//! ```
//!
//! ## Fix safety
//! Safe: removing a comment changes no behaviour. A comment holding only the directive is
//! removed (its whole line when it stands alone); otherwise only the directive, or only the
//! unused names in its list, are removed. A directive that does not parse has no fix.
//!
//! ## Guide section
//! None: this rule is about v3-migrate's own comments.

use super::suppress::{self, Directive, Name};
use super::{Applicability, Edit, Finding, Rule};
use crate::context::Ctx;

/// Reports the `v3-migrate:` comments that do not parse. Unused directives are reported
/// by [`unused`], after the other rules ran and the directives were matched.
pub fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for d in suppress::directives(ctx.source) {
        if let Err(m) = d {
            out.push(Finding::new(
                Rule::UnusedSuppression,
                m.range,
                format!("suppression comment does not parse: {}", m.why),
            ));
        }
    }
}

/// The finding for a directive that suppressed nothing (`names: None`) or for the names in
/// it that suppressed nothing.
pub fn unused(text: &str, dir: &Directive, names: Option<&[Name]>) -> Finding {
    let (message, title, edits) = match names {
        None => {
            let what = match &dir.names {
                None => "no finding to suppress here".to_string(),
                Some(all) => format!("no {} finding here", listed(all)),
            };
            (
                format!("unused suppression: {what}"),
                "Remove the unused suppression".to_string(),
                vec![remove_directive(text, dir)],
            )
        }
        Some(unused) => {
            let all = dir.names.as_deref().unwrap_or_default();
            let keep: Vec<&str> = all
                .iter()
                .filter(|n| !unused.iter().any(|u| u.range == n.range))
                .map(|n| n.text.as_str())
                .collect();
            (
                format!("unused suppression: no {} finding here", listed(unused)),
                format!("Remove {} from the suppression", listed(unused)),
                vec![Edit {
                    range: dir.list.clone(),
                    content: keep.join(", "),
                }],
            )
        }
    };
    Finding::new(Rule::UnusedSuppression, dir.range.clone(), message).with_fix(
        Some(Applicability::Safe),
        title,
        Some(edits),
    )
}

/// `` `a` `` / `` `a`, `b` ``; a name that names no rule says so.
fn listed(names: &[Name]) -> String {
    names
        .iter()
        .map(|n| match n.rules {
            Some(_) => format!("`{}`", n.text),
            None => format!("`{}` (no such rule)", n.text),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Removes a directive: the whole comment when it holds nothing else (and the whole line
/// when the comment stands alone on it), else the directive and the blanks before it.
fn remove_directive(text: &str, dir: &Directive) -> Edit {
    let comment = &text[dir.comment.clone()];
    let delimiters: &[char] = &['/', '*', '#', ' ', '\t'];
    let rest = format!(
        "{}{}",
        &text[dir.comment.start..dir.range.start],
        &text[dir.range.end..dir.comment.end]
    );
    let only_directive = rest.trim_matches(delimiters).is_empty() && !comment.is_empty();
    let (start, end) = if only_directive {
        (dir.comment.start, dir.comment.end)
    } else {
        (dir.range.start, dir.range.end)
    };
    let blank = |c: char| c == ' ' || c == '\t';
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let before = text[line_start..start].trim_end_matches(blank);
    let ws_start = line_start + before.len();
    let after = &text[end..];
    let after_ws = after.len() - after.trim_start_matches(blank).len();
    let eol = matches!(after[after_ws..].chars().next(), None | Some('\n' | '\r'));
    let range = if only_directive && before.is_empty() && eol {
        // Alone on its line: the line goes, with its line ending.
        let rest = &after[after_ws..];
        let nl = if rest.starts_with("\r\n") {
            2
        } else {
            usize::from(rest.starts_with('\n'))
        };
        line_start..end + after_ws + nl
    } else if eol || !only_directive {
        ws_start..end
    } else {
        // Before code on its line: the blanks after it go instead.
        start..end + after_ws
    };
    Edit {
        range,
        content: String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;
    use crate::source::Source;

    fn removed(lang: Lang, text: &str) -> String {
        let src = Source::parse(lang, text.to_string()).unwrap();
        let dirs = suppress::directives(&src);
        let dir = dirs[0].as_ref().unwrap();
        let f = unused(text, dir, None);
        let e = &f.fix.unwrap().edits[0];
        format!(
            "{}{}{}",
            &text[..e.range.start],
            e.content,
            &text[e.range.end..]
        )
    }

    #[test]
    fn removal_keeps_the_code_around() {
        let cases = [
            (
                Lang::JavaScript,
                "a();\n// v3-migrate: ignore\nb();\n",
                "a();\nb();\n",
            ),
            (
                Lang::JavaScript,
                "a(); // v3-migrate: ignore: why\nb();\n",
                "a();\nb();\n",
            ),
            (
                Lang::JavaScript,
                "/* v3-migrate: ignore */ a();\n",
                "a();\n",
            ),
            (
                Lang::JavaScript,
                "a(); // eslint-disable-line v3-migrate: ignore\n",
                "a(); // eslint-disable-line\n",
            ),
            (
                Lang::Python,
                "x = 1  # v3-migrate: ignore\r\ny = 2\r\n",
                "x = 1\r\ny = 2\r\n",
            ),
            (
                Lang::Python,
                "if x:\n    # v3-migrate: ignore\n    y()\n",
                "if x:\n    y()\n",
            ),
            (
                Lang::Php,
                "<?php\n$a = 1; # v3-migrate: ignore-file\n",
                "<?php\n$a = 1;\n",
            ),
        ];
        for (lang, before, after) in cases {
            assert_eq!(removed(lang, before), after, "{before:?}");
        }
    }

    #[test]
    fn unused_names_leave_the_used_ones() {
        let text = "// v3-migrate: ignore[v2-endpoint, nope, v2-auth-header]: why\nx();\n";
        let src = Source::parse(Lang::JavaScript, text.to_string()).unwrap();
        let dirs = suppress::directives(&src);
        let dir = dirs[0].as_ref().unwrap();
        let names = dir.names.as_ref().unwrap();
        let f = unused(text, dir, Some(&names[..2]));
        assert_eq!(
            f.message,
            "unused suppression: no `v2-endpoint`, `nope` (no such rule) finding here"
        );
        let e = &f.fix.unwrap().edits[0];
        assert_eq!(e.content, "v2-auth-header");
        assert_eq!(&text[e.range.clone()], "v2-endpoint, nope, v2-auth-header");
    }
}
