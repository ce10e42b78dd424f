//! Applying fixes: pure, text in and text out.
//!
//! Fixes are taken in source order; a fix whose edits overlap an edit already taken is
//! skipped (an identical edit is shared, not a conflict), so edits never overlap. After
//! applying, the text is re-parsed: fixes that add a syntax error are rolled back one by
//! one. A file with a syntax error gets no fix at all (as ruff does): what a recovering
//! parser makes of the code around the error is a guess. The caller plans every fix on the
//! text as read and applies them in one call (see `check_text_choosing`).

use std::ops::Range;

use crate::edit::{Edit, Fix};
use crate::lang::Lang;
use crate::source;

/// Why a fix was not applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Skipped {
    /// It overlaps another fix's edits.
    Conflict,
    /// Applying it adds a syntax error.
    BreaksSyntax,
    /// It edits inside a region no fix may touch (the host language's code inside a
    /// `<script>` block of a PHP template).
    InsideError,
    /// The file has a syntax error (the first at byte `at`): no fix is applied in it. A
    /// parser recovering from an error may read code as inside an unterminated string,
    /// template or comment, or a block as ended where it is not; an edit there could change
    /// what the error hides, and a second run would find the same code again.
    SyntaxError { at: usize },
    /// Another change of its migration unit could not be applied, so none of the unit's
    /// is (see [`crate::units`]).
    UnitHeldBack,
}

/// Applies `fixes` (indices into `fixes` are kept in the outcome).
pub struct Outcome {
    pub text: String,
    pub applied: Vec<usize>,
    pub skipped: Vec<(usize, Skipped)>,
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    if a == b {
        return true;
    }
    if a.is_empty() || b.is_empty() {
        // An insertion conflicts with a replacement only strictly inside it.
        let (p, r) = if a.is_empty() {
            (a.start, b)
        } else {
            (b.start, a)
        };
        return r.start < p && p < r.end;
    }
    a.start < b.end && b.start < a.end
}

/// Selects the fixes whose edits fit together, in source order.
pub fn select(fixes: &[&Fix]) -> (Vec<usize>, Vec<(usize, Skipped)>) {
    let mut order: Vec<usize> = (0..fixes.len()).collect();
    order.sort_by_key(|&i| {
        fixes[i]
            .edits
            .iter()
            .map(|e| e.range.start)
            .min()
            .unwrap_or(0)
    });
    let mut taken: Vec<&Edit> = Vec::new();
    let mut applied = Vec::new();
    let mut skipped = Vec::new();
    for i in order {
        let conflict = fixes[i].edits.iter().any(|e| {
            taken
                .iter()
                .any(|t| *t != e && overlaps(&t.range, &e.range))
        }) || has_self_overlap(&fixes[i].edits);
        if conflict {
            skipped.push((i, Skipped::Conflict));
            continue;
        }
        for e in &fixes[i].edits {
            if !taken.contains(&e) {
                taken.push(e);
            }
        }
        applied.push(i);
    }
    (applied, skipped)
}

fn has_self_overlap(edits: &[Edit]) -> bool {
    edits.iter().enumerate().any(|(i, a)| {
        edits[i + 1..]
            .iter()
            .any(|b| a != b && overlaps(&a.range, &b.range))
    })
}

/// Applies edits that do not overlap (identical ones once).
pub fn apply_edits(text: &str, edits: &[&Edit]) -> String {
    let mut edits: Vec<&Edit> = edits.to_vec();
    edits.sort_by_key(|e| (e.range.start, e.range.end));
    edits.dedup();
    let mut out = String::with_capacity(text.len() + 64);
    let mut pos = 0;
    for e in edits {
        if e.range.start < pos {
            continue;
        }
        out.push_str(&text[pos..e.range.start]);
        out.push_str(&e.content);
        pos = e.range.end;
    }
    out.push_str(&text[pos..]);
    out
}

/// Where `range` of a text is after `edits` (applied as [`apply_edits`] applies them);
/// None when an edit touches it.
pub fn remap(range: &Range<usize>, edits: &[&Edit]) -> Option<Range<usize>> {
    let mut edits: Vec<&Edit> = edits.to_vec();
    edits.sort_by_key(|e| (e.range.start, e.range.end));
    edits.dedup();
    let mut shift: isize = 0;
    let mut pos = 0;
    for e in edits {
        if e.range.start < pos {
            continue;
        }
        pos = e.range.end;
        let inside = if e.range.is_empty() {
            range.start < e.range.start && e.range.start < range.end
        } else {
            e.range.start < range.end && range.start < e.range.end
        };
        if inside {
            return None;
        }
        if e.range.end <= range.start {
            shift += e.content.len() as isize - e.range.len() as isize;
        }
    }
    let start = range.start.checked_add_signed(shift)?;
    Some(start..start + range.len())
}

fn error_count(lang: Lang, text: &str) -> usize {
    match lang {
        // A file with blocks of other languages: each counts.
        Lang::Php | Lang::Html | Lang::Vue => crate::document::error_count(lang, text),
        // Not parsed: a fix replaces a URL inside its value.
        Lang::Settings => 0,
        _ => source::parse(lang, text)
            .map_or(usize::MAX, |t| source::syntax_errors(lang, &t, text).len()),
    }
}

/// Applies the fixes that fit together and keep the file parsing as well as it did, none
/// when `syntax_errors` (the file's, in order) is not empty; `untouchable` are the regions no
/// edit may touch.
pub fn apply(
    lang: Lang,
    text: &str,
    fixes: &[&Fix],
    syntax_errors: &[Range<usize>],
    untouchable: &[Range<usize>],
) -> Outcome {
    if let Some(first) = syntax_errors.first() {
        // An error over the whole file (a `}` missing, as PHP's grammar recovers from it):
        // the parser found the end of the file where it wanted more.
        let end = text.trim_end().len();
        let at = if first.start == 0 && first.end >= end {
            end
        } else {
            first.start
        };
        return Outcome {
            text: text.to_string(),
            applied: Vec::new(),
            skipped: (0..fixes.len())
                .map(|i| (i, Skipped::SyntaxError { at }))
                .collect(),
        };
    }
    let errors_before = untouchable;
    let (chosen, mut skipped) = select(fixes);
    // No edit inside, across or against a region that does not parse: a zero-width MISSING
    // node touches the edit beside it, and text written there lands in the broken region.
    let (chosen, inside): (Vec<usize>, Vec<usize>) = chosen.into_iter().partition(|&i| {
        !fixes[i].edits.iter().any(|e| {
            errors_before
                .iter()
                .any(|r| e.range.start <= r.end && r.start <= e.range.end)
        })
    });
    skipped.extend(inside.into_iter().map(|i| (i, Skipped::InsideError)));
    let before = 0;
    let all: Vec<&Edit> = chosen.iter().flat_map(|&i| fixes[i].edits.iter()).collect();
    let candidate = apply_edits(text, &all);
    if error_count(lang, &candidate) <= before {
        return Outcome {
            text: candidate,
            applied: chosen,
            skipped,
        };
    }
    // Roll back the fixes that break the file, one at a time.
    let mut kept: Vec<usize> = Vec::new();
    for &i in &chosen {
        let mut trial = kept.clone();
        trial.push(i);
        let edits: Vec<&Edit> = trial.iter().flat_map(|&k| fixes[k].edits.iter()).collect();
        if error_count(lang, &apply_edits(text, &edits)) <= before {
            kept = trial;
        } else {
            skipped.push((i, Skipped::BreaksSyntax));
        }
    }
    let edits: Vec<&Edit> = kept.iter().flat_map(|&k| fixes[k].edits.iter()).collect();
    Outcome {
        text: apply_edits(text, &edits),
        applied: kept,
        skipped,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn remap_follows_edits_before_and_drops_touched_ranges() {
        let e = |r: std::ops::Range<usize>, c: &str| Edit {
            range: r,
            content: c.to_string(),
        };
        // "aaa BBB ccc": "aaa" -> "a", insert "xx" at 11.
        let edits = [e(0..3, "a"), e(11..11, "xx")];
        let refs: Vec<&Edit> = edits.iter().collect();
        assert_eq!(remap(&(4..7), &refs), Some(2..5));
        assert_eq!(remap(&(8..11), &refs), Some(6..9));
        assert_eq!(remap(&(1..5), &refs), None);
        // An insertion inside the range touches it; at its edge it does not.
        let ins = [e(6..6, "!")];
        let refs: Vec<&Edit> = ins.iter().collect();
        assert_eq!(remap(&(4..7), &refs), None);
        assert_eq!(remap(&(6..9), &refs), Some(7..10));
    }

    use super::*;
    use crate::edit::Applicability;

    fn fix(edits: &[(Range<usize>, &str)]) -> Fix {
        Fix {
            applicability: Applicability::Safe,
            message: String::new(),
            edits: edits
                .iter()
                .map(|(r, c)| Edit {
                    range: r.clone(),
                    content: c.to_string(),
                })
                .collect(),
        }
    }

    #[test]
    fn overlapping_fixes_are_skipped_identical_edits_shared() {
        let a = fix(&[(0..3, "x"), (10..10, "!")]);
        let b = fix(&[(2..5, "y")]);
        let c = fix(&[(10..10, "!"), (12..13, "z")]);
        let (applied, skipped) = select(&[&a, &b, &c]);
        assert_eq!(applied, vec![0, 2]);
        assert_eq!(skipped, vec![(1, Skipped::Conflict)]);
        let text = "abcdefghijklmn";
        let edits: Vec<&Edit> = [&a, &c].iter().flat_map(|f| f.edits.iter()).collect();
        assert_eq!(apply_edits(text, &edits), "xdefghij!klzn");
    }

    #[test]
    fn a_file_with_a_syntax_error_gets_no_fix() {
        let text = "const a = \"x\";\nconst b = (;\n";
        let good = fix(&[(11..12, "z")]);
        let error: [Range<usize>; 1] = [Range { start: 25, end: 26 }];
        let out = apply(Lang::JavaScript, text, &[&good], &error, &[]);
        assert_eq!(out.text, text);
        assert!(out.applied.is_empty());
        assert_eq!(out.skipped, vec![(0, Skipped::SyntaxError { at: 25 })]);
        // An error over the whole file is at its end.
        let whole: [Range<usize>; 1] = [Range {
            start: 0,
            end: text.len(),
        }];
        let out = apply(Lang::JavaScript, text, &[&good], &whole, &[]);
        assert_eq!(out.skipped, vec![(0, Skipped::SyntaxError { at: 27 })]);
    }

    #[test]
    fn a_fix_that_breaks_syntax_is_rolled_back() {
        let text = "const a = \"x\";\nconst b = \"y\";\n";
        let good = fix(&[(11..12, "z")]);
        let bad = fix(&[(26..27, "\"")]);
        let out = apply(Lang::JavaScript, text, &[&good, &bad], &[], &[]);
        assert_eq!(out.text, "const a = \"z\";\nconst b = \"y\";\n");
        assert_eq!(out.skipped, vec![(1, Skipped::BreaksSyntax)]);
    }
}
