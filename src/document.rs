//! A file as the analysis sees it: one parsed source per language in it.
//!
//! A JavaScript, TypeScript or Python file is one source. HTML and Vue single-file components
//! hold JavaScript (or TypeScript, `<script lang="ts">`) in `<script>` blocks, and a PHP
//! template holds it in the `<script>` blocks of its HTML parts: each block is parsed with
//! its own grammar (language injection).
//!
//! An injected source is the file's text with everything outside the block blanked: each
//! byte replaced by a space, line breaks kept. Offsets in it are offsets in the file, so
//! findings and edits need no mapping, and line numbers are the file's. PHP inside a block
//! (`var key = "<?= $key ?>";`) is blanked to `_` (an identifier where an expression
//! stands, characters inside a string): the JavaScript around it still parses, and no fix
//! may touch it (its range is handed to the fixer as a region that does not parse).

use std::ops::Range;

use crate::lang::{Lang, NodeType};
use crate::source::{self, Source, Unparsed};

/// One block of another language inside a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    pub lang: Lang,
    /// The block's content (inside `<script ...>` and `</script>`).
    pub range: Range<usize>,
    /// Ranges inside it that belong to the host language (PHP tags): blanked, never edited.
    pub islands: Vec<Range<usize>>,
}

/// A file's parsed sources, and the ranges no fix may touch.
pub struct Document {
    pub sources: Vec<Source>,
    /// The host language's islands inside blocks.
    pub islands: Vec<Range<usize>>,
}

impl Document {
    /// Parses a file's text as its language: the whole text, and its blocks.
    pub fn parse(lang: Lang, text: &str) -> Result<Document, Unparsed> {
        let mut sources = Vec::new();
        let host = match lang {
            Lang::Html | Lang::Vue | Lang::Settings => None,
            _ => Some(Source::parse(lang, text.to_string())?),
        };
        let blocks = match (&host, lang) {
            // Most PHP files have no script: one look before walking the tree.
            (Some(php), Lang::Php) if has_script_tag(text) => php_blocks(php, text),
            (None, Lang::Settings) => Vec::new(),
            (None, _) => script_blocks(text, 0..text.len()),
            _ => Vec::new(),
        };
        sources.extend(host);
        let mut islands = Vec::new();
        for b in blocks {
            let masked = mask(text, &b);
            sources.push(Source::parse(b.lang, masked)?);
            islands.extend(b.islands);
        }
        Ok(Document { sources, islands })
    }

    /// Where the file does not parse: every source's errors, and the islands.
    pub fn error_ranges(&self) -> Vec<Range<usize>> {
        let mut out = self.syntax_errors();
        out.extend(self.islands.iter().cloned());
        out
    }

    /// Where its sources have syntax errors (not the islands, which are the host's code),
    /// in order.
    pub fn syntax_errors(&self) -> Vec<Range<usize>> {
        let mut out: Vec<Range<usize>> = self
            .sources
            .iter()
            .flat_map(|s| source::syntax_errors(s.lang, &s.tree, &s.text))
            .collect();
        out.sort_by_key(|r| (r.start, r.end));
        out
    }
}

/// How many places of `text` do not parse, read as `lang` (for the fixer's re-parse check).
pub fn error_count(lang: Lang, text: &str) -> usize {
    Document::parse(lang, text).map_or(usize::MAX, |d| {
        d.sources
            .iter()
            .map(|s| source::syntax_errors(s.lang, &s.tree, &s.text).len())
            .sum()
    })
}

/// Does the text hold `<script` in any case?
fn has_script_tag(text: &str) -> bool {
    text.as_bytes()
        .windows(7)
        .any(|w| w.eq_ignore_ascii_case(b"<script"))
}

/// The text with every byte blanked to a space but line breaks: same length, same lines.
fn blank(text: &str) -> Vec<u8> {
    text.bytes()
        .map(|b| if b == b'\n' || b == b'\r' { b } else { b' ' })
        .collect()
}

/// The text of a block's source: the file's, blanked outside the block and on its islands.
fn mask(text: &str, b: &Block) -> String {
    let mut out = blank(text);
    out[b.range.clone()].copy_from_slice(&text.as_bytes()[b.range.clone()]);
    // In an island even a line break goes: it would end a string the island sits in.
    for r in &b.islands {
        out[r.clone()].fill(b'_');
    }
    // Ranges start and end on characters (tree and tag boundaries), so this holds; were
    // one not to, the whole block would be blanked rather than the text broken.
    String::from_utf8(out).unwrap_or_else(|_| String::from_utf8(blank(text)).unwrap_or_default())
}

/// The `<script>` blocks of HTML in `text[within]` (a Vue component's top level, or an HTML
/// page): JavaScript by default, TypeScript with `lang="ts"` (TSX with `lang="tsx"`);
/// blocks of other types (`type="text/template"`, JSON, `src=` with no content) skipped.
fn script_blocks(text: &str, within: Range<usize>) -> Vec<Block> {
    let lower = text.to_ascii_lowercase();
    let mut out = Vec::new();
    let mut at = within.start;
    while at < within.end {
        // Comments hide what they hold.
        let next_comment = lower[at..within.end].find("<!--").map(|k| at + k);
        let next_script = lower[at..within.end].find("<script").map(|k| at + k);
        let Some(open) = next_script else { break };
        if let Some(c) = next_comment.filter(|&c| c < open) {
            at = lower[c..within.end]
                .find("-->")
                .map_or(within.end, |k| c + k + 3);
            continue;
        }
        // `<script` followed by a space, `>` or `/`: not `<scripts>`.
        let after = lower.as_bytes().get(open + 7).copied();
        if !matches!(after, Some(b' ' | b'\t' | b'\n' | b'\r' | b'>' | b'/')) {
            at = open + 7;
            continue;
        }
        let Some(tag_end) = tag_end(&lower, open + 7, within.end) else {
            break;
        };
        let attrs = &lower[open + 7..tag_end];
        let content_start = tag_end + 1;
        let Some(close) = lower[content_start..within.end]
            .find("</script")
            .map(|k| content_start + k)
        else {
            break;
        };
        if let Some(lang) = block_lang(attrs) {
            if !attrs.trim_end().ends_with('/') && close > content_start {
                out.push(Block {
                    lang,
                    range: content_start..close,
                    islands: Vec::new(),
                });
            }
        }
        at = close + 8;
    }
    out
}

/// The `>` ending a tag whose attributes start at `from`, quotes respected.
fn tag_end(lower: &str, from: usize, end: usize) -> Option<usize> {
    let bytes = lower.as_bytes();
    let mut quote: Option<u8> = None;
    for (k, &b) in bytes.iter().enumerate().take(end).skip(from) {
        match (quote, b) {
            (Some(q), _) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'>') => return Some(k),
            _ => {}
        }
    }
    None
}

/// The language of a `<script>` by its attributes; None for blocks that are not code.
fn block_lang(attrs: &str) -> Option<Lang> {
    let value = |name: &str| -> Option<String> {
        let mut rest = attrs;
        while let Some(k) = rest.find(name) {
            let before = rest[..k].chars().last();
            let after = rest[k + name.len()..].trim_start();
            rest = &rest[k + name.len()..];
            if before.is_some_and(|c| !c.is_whitespace()) {
                continue;
            }
            let Some(v) = after.strip_prefix('=') else {
                continue;
            };
            let v = v.trim_start();
            let v = match v.chars().next() {
                Some(q @ ('"' | '\'')) => v[1..].split(q).next().unwrap_or(""),
                _ => v.split([' ', '\t', '\n', '>']).next().unwrap_or(""),
            };
            return Some(v.trim().to_string());
        }
        None
    };
    if let Some(t) = value("type") {
        let js = matches!(
            t.as_str(),
            "" | "module"
                | "text/javascript"
                | "application/javascript"
                | "text/ecmascript"
                | "application/ecmascript"
                | "text/babel"
                | "text/jsx"
        );
        let ts = matches!(t.as_str(), "text/typescript" | "application/typescript");
        if !js && !ts {
            return None;
        }
        if ts {
            return Some(Lang::TypeScript);
        }
    }
    match value("lang").as_deref() {
        Some("ts" | "typescript") => Some(Lang::TypeScript),
        Some("tsx") => Some(Lang::Tsx),
        Some("js" | "javascript" | "jsx") | None => Some(Lang::JavaScript),
        // CoffeeScript and the like: not read.
        Some(_) => None,
    }
}

/// The `<script>` blocks in a PHP file's HTML parts, with the PHP inside them as islands.
fn php_blocks(php: &Source, text: &str) -> Vec<Block> {
    // The HTML parts: the `text` nodes of the PHP tree.
    let html: Vec<Range<usize>> = php
        .named_nodes()
        .filter(|n| n.type_name() == "text")
        .map(|n| n.byte_range())
        .collect();
    if html.is_empty() {
        return Vec::new();
    }
    // Scan the text with the PHP parts blanked, so that a `<script>` written by PHP (in a
    // string, an echo) is not taken for the page's.
    let mut page = blank(text);
    for r in &html {
        page[r.clone()].copy_from_slice(&text.as_bytes()[r.clone()]);
    }
    let Ok(page) = String::from_utf8(page) else {
        return Vec::new();
    };
    let mut blocks = script_blocks(&page, 0..page.len());
    for b in &mut blocks {
        // The PHP between the block's HTML parts.
        let mut k = b.range.start;
        while k < b.range.end {
            let in_html = html.iter().find(|r| r.contains(&k));
            match in_html {
                Some(r) => k = r.end,
                None => {
                    let next = html
                        .iter()
                        .filter(|r| r.start > k)
                        .map(|r| r.start)
                        .min()
                        .unwrap_or(b.range.end)
                        .min(b.range.end);
                    b.islands.push(k..next);
                    k = next;
                }
            }
        }
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_script_blocks() {
        let html = "<html><!-- <script>no()</script> --><script src=x.js></script>\n\
                    <script type=\"text/template\">t()</script><SCRIPT type='module'>a()</SCRIPT>\
                    <scripts></scripts><script lang=\"ts\">let x: number = 1</script>";
        let blocks = script_blocks(html, 0..html.len());
        let got: Vec<(&str, Lang)> = blocks
            .iter()
            .map(|b| (&html[b.range.clone()], b.lang))
            .collect();
        assert_eq!(
            got,
            [
                ("a()", Lang::JavaScript),
                ("let x: number = 1", Lang::TypeScript)
            ]
        );
    }

    #[test]
    fn masks_keep_offsets_and_lines() {
        let text = "<p>é</p>\n<script>\nf(\"<?= $k ?>\");\n</script>\n";
        let start = text.find("<script>").unwrap() + 8;
        let end = text.find("</script>").unwrap();
        let island_start = text.find("<?=").unwrap();
        let island = island_start..island_start + "<?= $k ?>".len();
        let b = Block {
            lang: Lang::JavaScript,
            range: start..end,
            islands: vec![island],
        };
        let m = mask(text, &b);
        assert_eq!(m.len(), text.len());
        assert_eq!(m.lines().count(), text.lines().count());
        assert!(m.contains("f(\"_________\");"), "{m}");
        assert!(!m.contains('é') && !m.contains("<p>"));
    }

    #[test]
    fn php_templates_give_their_scripts() {
        let text = "<?php $k = 'x'; ?>\n<script>\nfetch(\"/a\", {headers: {k: \"<?= $k ?>\"}});\n</script>\n<?php echo '<script>no()</script>'; ?>\n";
        let d = Document::parse(Lang::Php, text).unwrap();
        assert_eq!(d.sources.len(), 2);
        assert_eq!(d.sources[1].lang, Lang::JavaScript);
        assert!(!d.sources[1].root().has_error(), "{}", d.sources[1].text);
        assert_eq!(d.islands.len(), 1);
    }
}
