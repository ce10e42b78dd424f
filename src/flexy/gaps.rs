//! The string-gap algorithm: rewriting a string expression's literal text around its holes.

use super::*;

/// The gap algorithm: `range` of `e` and `new` hold the same holes in the same order;
/// the literal text between consecutive holes is replaced where it differs.
pub fn rewrite(e: &StrExpr, range: Range<usize>, new: &[Tok]) -> Option<Vec<Edit>> {
    let old = &e.toks[range.clone()];
    let holes_old: Vec<usize> = old
        .iter()
        .filter_map(|t| if let Tok::Hole(h) = t { Some(*h) } else { None })
        .collect();
    let holes_new: Vec<usize> = new
        .iter()
        .filter_map(|t| if let Tok::Hole(h) = t { Some(*h) } else { None })
        .collect();
    if holes_old != holes_new {
        return None;
    }
    // Split both into gaps: (token indices in e) and (chars).
    let mut gaps_old: Vec<Vec<usize>> = vec![Vec::new()];
    for (k, t) in old.iter().enumerate() {
        match t {
            Tok::Ch(_) => gaps_old.last_mut().unwrap().push(range.start + k),
            Tok::Hole(_) => gaps_old.push(Vec::new()),
        }
    }
    let mut gaps_new: Vec<String> = vec![String::new()];
    for t in new {
        match t {
            Tok::Ch(c) => gaps_new.last_mut().unwrap().push(*c),
            Tok::Hole(_) => gaps_new.push(String::new()),
        }
    }
    let mut edits = Vec::new();
    for (g, (old_ix, new_text)) in gaps_old.iter().zip(&gaps_new).enumerate() {
        let old_chars: Vec<char> = old_ix
            .iter()
            .map(|&k| match e.toks[k] {
                Tok::Ch(c) => c,
                _ => '\0',
            })
            .collect();
        let new_chars: Vec<char> = new_text.chars().collect();
        if old_chars == new_chars {
            continue;
        }
        let pre = old_chars
            .iter()
            .zip(&new_chars)
            .take_while(|(a, b)| a == b)
            .count();
        let max_suf = old_chars.len().min(new_chars.len()) - pre;
        let suf = old_chars
            .iter()
            .rev()
            .zip(new_chars.iter().rev())
            .take(max_suf)
            .take_while(|(a, b)| a == b)
            .count();
        let mid_old = &old_ix[pre..old_ix.len() - suf];
        let mid_new: String = new_chars[pre..new_chars.len() - suf].iter().collect();
        if mid_old.is_empty() {
            // Pure insertion: after the last kept char, before the next one, or beside a
            // hole that sits inside a string.
            let at = if pre > 0 {
                e.spans[old_ix[pre - 1]].end
            } else if suf > 0 {
                e.spans[old_ix[old_ix.len() - suf]].start
            } else {
                let before = (g > 0)
                    .then(|| &e.holes[holes_old[g - 1]])
                    .filter(|h| h.inside_string);
                let after = holes_old
                    .get(g)
                    .map(|&h| &e.holes[h])
                    .filter(|h| h.inside_string);
                match (before, after) {
                    (Some(h), _) => h.span.end,
                    (_, Some(h)) => h.span.start,
                    _ => return None,
                }
            };
            edits.push(Edit {
                range: at..at,
                content: mid_new,
            });
            continue;
        }
        // Contiguous runs of source; the new text goes in the first, the rest are cleared.
        let mut runs: Vec<Range<usize>> = Vec::new();
        for &k in mid_old {
            let s = e.spans[k].clone();
            match runs.last_mut() {
                Some(r) if r.end == s.start => r.end = s.end,
                _ => runs.push(s),
            }
        }
        for (ri, r) in runs.into_iter().enumerate() {
            let content = if ri == 0 {
                mid_new.clone()
            } else {
                String::new()
            };
            edits.push(Edit { range: r, content });
        }
    }
    Some(edits)
}
