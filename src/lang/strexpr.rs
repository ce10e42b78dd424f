//! A string expression as characters and holes ([`StrExpr`]), the one form every language
//! lowers its strings to, and the helpers the languages' lowerings share.

use std::ops::Range;

use tree_sitter::Node;

use super::{Field, NodeType};
use crate::api::Tok;
use crate::edit::Edit;

/// A hole of a string expression: an expression whose value is not known.
#[derive(Clone, Debug)]
pub struct Hole {
    /// Where the hole is written (`${ref}`, `{$x}`, `%s`, or a concatenation operand).
    pub span: Range<usize>,
    /// The expression that fills it (for a format placeholder, the matching argument).
    pub expr: Option<Range<usize>>,
    /// Text may be inserted right before or after the hole (it sits inside a string).
    pub inside_string: bool,
}

/// A string expression lowered to characters and holes.
#[derive(Clone, Debug, Default)]
pub struct StrExpr {
    /// The whole expression (the concatenation, the format call, or the literal).
    pub root: Range<usize>,
    pub toks: Vec<Tok>,
    /// For each token, its source bytes (for a hole, the hole's span).
    pub spans: Vec<Range<usize>>,
    pub holes: Vec<Hole>,
}

impl StrExpr {
    pub fn push_char(&mut self, c: char, span: Range<usize>) {
        self.toks.push(Tok::Ch(c));
        self.spans.push(span);
    }

    pub fn push_hole(&mut self, hole: Hole) {
        self.toks.push(Tok::Hole(self.holes.len()));
        self.spans.push(hole.span.clone());
        self.holes.push(hole);
    }

    /// Pushes the characters of `src[range]`, decoding the escape sequences among
    /// `escapes` (each one token).
    pub fn push_text(&mut self, src: &str, range: Range<usize>, escapes: &[Range<usize>]) {
        let mut i = range.start;
        while i < range.end {
            if let Some(e) = escapes.iter().find(|e| e.start == i) {
                let c = decode_escape(&src[e.clone()]);
                self.push_char(c, e.clone());
                i = e.end.max(i + 1);
                continue;
            }
            let c = src[i..].chars().next().unwrap_or('\u{fffd}');
            let n = c.len_utf8();
            self.push_char(c, i..i + n);
            i += n;
        }
    }

    pub fn append(&mut self, other: StrExpr) {
        let base = self.holes.len();
        for (t, s) in other.toks.into_iter().zip(other.spans) {
            self.toks.push(match t {
                Tok::Hole(n) => Tok::Hole(n + base),
                c => c,
            });
            self.spans.push(s);
        }
        self.holes.extend(other.holes);
    }

    /// The literal text, with holes as U+FFFC.
    pub fn text(&self) -> String {
        self.toks
            .iter()
            .map(|t| match t {
                Tok::Ch(c) => *c,
                Tok::Hole(_) => '\u{fffc}',
            })
            .collect()
    }

    /// Replaces format placeholders in the literal characters by holes filled by `args`
    /// (positional, in order) or `named` args; `scan` finds a placeholder at a char index
    /// and returns its length and, for a named one, its name.
    pub fn apply_placeholders(
        &mut self,
        scan: impl Fn(&[Tok], usize) -> Option<(usize, Placeholder)>,
        args: &[Range<usize>],
        named: &[(String, Range<usize>)],
    ) {
        let old = std::mem::take(self);
        let mut out = StrExpr {
            root: old.root.clone(),
            ..Default::default()
        };
        let mut next_arg = 0;
        let mut i = 0;
        while i < old.toks.len() {
            if let Tok::Hole(n) = old.toks[i] {
                out.push_hole(old.holes[n].clone());
                i += 1;
                continue;
            }
            match scan(&old.toks, i) {
                Some((len, ph)) => {
                    let span = old.spans[i].start..old.spans[i + len - 1].end;
                    match ph {
                        Placeholder::Literal(c) => out.push_char(c, span),
                        _ => {
                            let expr = match ph {
                                Placeholder::Next => {
                                    next_arg += 1;
                                    args.get(next_arg - 1).cloned()
                                }
                                Placeholder::Index(k) => args.get(k).cloned(),
                                Placeholder::Named(name) => named
                                    .iter()
                                    .find(|(n, _)| *n == name)
                                    .map(|(_, r)| r.clone()),
                                Placeholder::Literal(_) => None,
                            };
                            out.push_hole(Hole {
                                span,
                                expr,
                                inside_string: true,
                            });
                        }
                    }
                    i += len;
                }
                None => {
                    out.toks.push(old.toks[i]);
                    out.spans.push(old.spans[i].clone());
                    i += 1;
                }
            }
        }
        *self = out;
    }
}

/// A format placeholder found in a literal.
pub enum Placeholder {
    Next,
    Index(usize),
    Named(String),
    /// An escaped character (`%%`, `{{`): literal text.
    Literal(char),
}

fn decode_escape(e: &str) -> char {
    let mut it = e.chars();
    if it.next() != Some('\\') {
        return e.chars().next().unwrap_or('\u{fffd}');
    }
    match it.next() {
        Some('n') => '\n',
        Some('t') => '\t',
        Some('r') => '\r',
        Some(c @ ('/' | '\\' | '"' | '\'' | '`' | '$' | '{' | '}')) => c,
        // Other escapes (hex, unicode, octal) stand for characters a URL path does not hold.
        _ => '\u{fffd}',
    }
}

/// A string literal with no holes: its value and the source range of its content.
#[derive(Clone, Debug)]
pub struct Literal {
    pub value: String,
    pub inner: Range<usize>,
}

/// The operands of a left-nested concatenation chain (`a + b + c`), in order, found in a
/// loop so that a long chain costs no recursion.
pub fn concat_operands<'t>(n: Node<'t>, is_concat: impl Fn(Node) -> bool) -> Vec<Node<'t>> {
    let mut operands = Vec::new();
    let mut cur = n;
    while is_concat(cur) {
        match (cur.field("left"), cur.field("right")) {
            (Some(l), Some(r)) => {
                operands.push(r);
                cur = l;
            }
            _ => break,
        }
    }
    operands.push(cur);
    operands.reverse();
    operands
}

/// A hole for an expression whose value is not known.
pub fn opaque(n: Node) -> Hole {
    Hole {
        span: n.byte_range(),
        expr: Some(n.byte_range()),
        inside_string: false,
    }
}

/// Ranges of escape-sequence children of a node.
pub fn escape_children(node: Node) -> Vec<Range<usize>> {
    let mut c = node.walk();
    node.children(&mut c)
        .filter(|n| n.type_name() == "escape_sequence")
        .map(|n| n.byte_range())
        .collect()
}

impl StrExpr {
    /// The gap algorithm: `range` of `e` and `new` hold the same holes in the same order;
    /// the literal text between consecutive holes is replaced where it differs.
    pub fn rewrite(&self, range: Range<usize>, new: &[Tok]) -> Option<Vec<Edit>> {
        let e = self;
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
}
