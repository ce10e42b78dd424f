//! The PHP code text fixes write, and the completion of edits inside simple interpolation.

use super::Php;
use crate::lang::node::Field;

use crate::edit::Edit;
use crate::lang::CodeGen;
use crate::lang::NodeType;
use crate::lang::{insert, quote_of, text, Unwrap};
use crate::lang::{FieldKind, Member};
use crate::tree::Up;
use std::ops::Range;
use tree_sitter::Node;

impl CodeGen for Php {
    fn is_insertion_anchor(&self, node: Node) -> bool {
        matches!(
            node.type_name(),
            "class_declaration" | "function_definition" | "trait_declaration"
        )
    }

    fn quote(&self, text: &str) -> String {
        format!("'{text}'")
    }

    fn error_code_read(&self, read: &Member, src: &str) -> Vec<Edit> {
        let code = match read.kind {
            FieldKind::Dot => "->code".to_string(),
            _ => {
                let q = quote_of(read.field, src);
                format!("[{q}code{q}]")
            }
        };
        // Inside `"{$r['error']}"` only a plain read is allowed.
        let mut n = read.read.up();
        while let Some(p) = n {
            if matches!(p.type_name(), "encapsed_string" | "heredoc") {
                return vec![insert(read.read.end_byte(), code)];
            }
            if p.type_name().ends_with("statement") {
                break;
            }
            n = p.up();
        }
        // Already defaulted (`$r['error'] ?? null`, `isset(...)`-free): the code alone.
        let defaulted = read.read.up().is_some_and(|p| {
            p.type_name() == "binary_expression"
                && p.field("left").is_some_and(|l| l.id() == read.read.id())
                && p.field("operator").is_some_and(|o| o.type_name() == "??")
        });
        if defaulted {
            return vec![insert(read.read.end_byte(), code)];
        }
        vec![
            insert(read.read.start_byte(), "("),
            insert(read.read.end_byte(), format!("{code} ?? null)")),
        ]
    }

    fn pattern_entry(&self, key: &str, local: &str) -> String {
        format!("'{key}' => {local}")
    }

    fn pattern_of(&self, like: Node, entries: &str, src: &str) -> String {
        if text(like, src).starts_with('[') {
            format!("[{entries}]")
        } else {
            format!("list({entries})")
        }
    }

    fn slot(&self, stmt: Node, _src: &str) -> crate::lang::Slot {
        match stmt.up().map(|p| p.type_name()) {
            Some(
                "compound_statement" | "program" | "colon_block" | "case_statement"
                | "default_statement",
            ) => crate::lang::Slot::List,
            // `if (...) return ...;`, `else`, `elseif`, loops, `declare`: one statement.
            _ => crate::lang::Slot::Lone,
        }
    }

    fn complete_edits(&self, root: Node, src: &str, edits: &mut Vec<Edit>) {
        brace_interpolations(root, src, edits);
    }

    fn unwrap_return(&self, u: &Unwrap) -> String {
        let (i, un) = (u.indent, u.unit);
        let (head, r) = match u.name {
            Some(r) => (String::new(), r.to_string()),
            None => {
                let v = format!("${}", u.var);
                (format!("{v} = {};\n{i}", u.value), v)
            }
        };
        let (success, data) = if u.objects {
            (format!("{r}->success"), format!("{r}->data"))
        } else {
            (format!("{r}['success']"), format!("{r}['data']"))
        };
        let check = if u.raise {
            format!(
                "if (empty({success})) {{\n{i}{un}throw new FlexyApiException({r});\n{i}}}\n{i}"
            )
        } else {
            String::new()
        };
        format!("{head}{check}return {data};")
    }

    fn error_class(&self, parent: Option<&str>) -> Option<(&'static str, String)> {
        let base = parent.map_or("\\RuntimeException".to_string(), |p| p.to_string());
        Some((
            "FlexyApiException",
            PHP_ERROR_CLASS.replace("extends \\RuntimeException", &format!("extends {base}")),
        ))
    }

    fn path_suffix(
        &self,
        path: &[&str],
        like: Option<&Member>,
        _at: Node,
        objects: bool,
        src: &str,
    ) -> String {
        let (arrow, q) = match like {
            Some(m) if m.kind == FieldKind::Dot => {
                let nullsafe = m.read.type_name() == "nullsafe_member_access_expression";
                (Some(if nullsafe { "?->" } else { "->" }), '\'')
            }
            Some(m) if bare_key(m.field) => (None, '\''),
            Some(m) => (None, quote_of(m.field, src)),
            None if objects => (Some("->"), '\''),
            None => (None, '\''),
        };
        path.iter()
            .map(|f| match arrow {
                Some(a) => format!("{a}{f}"),
                None => format!("[{q}{f}{q}]"),
            })
            .collect()
    }
}

/// The v3 error a wrapper migrated at the wrapper throws: code, message, details and
/// requestId (PHP's own exception code must be an integer, so the code has its own field).
const PHP_ERROR_CLASS: &str = r#"/**
 * A Flexy API v3 error response: its code, message, details and request id.
 */
class FlexyApiException extends \RuntimeException
{
    /** @var string|null */
    public $errorCode;
    /** @var array */
    public $details;
    /** @var string|null */
    public $requestId;

    public function __construct($response)
    {
        $response = json_decode(json_encode($response), true);
        $error = isset($response['error']) && is_array($response['error']) ? $response['error'] : array();
        parent::__construct(isset($error['message']) ? $error['message'] : 'Flexy API error');
        $this->errorCode = isset($error['code']) ? $error['code'] : null;
        $this->details = isset($error['details']) ? $error['details'] : array();
        $this->requestId = isset($response['requestId']) ? $response['requestId'] : null;
    }
}"#;

/// Is this name the key of a subscript in a string's simple interpolation (`"$x[f]"`)?
pub(super) fn bare_key(n: Node) -> bool {
    n.type_name() == "name"
        && n.up().is_some_and(|p| {
            p.type_name() == "subscript_expression"
                && p.named_child(1) == Some(n)
                && p.up()
                    .is_some_and(|s| matches!(s.type_name(), "encapsed_string" | "heredoc_body"))
        })
}

/// The simple interpolation (`$x`, `$x->f`, `$x[f]` in a string, not inside `{...}`)
/// holding `range`, its ends included.
fn simple_interpolation<'t>(root: Node<'t>, range: &Range<usize>) -> Option<Node<'t>> {
    let mut n = root.descendant_for_byte_range(range.start, range.end)?;
    let string = loop {
        if matches!(n.type_name(), "encapsed_string" | "heredoc_body") {
            break n;
        }
        n = n.up()?;
    };
    let mut c = string.walk();
    let found = string.children(&mut c).find(|x| {
        matches!(
            x.type_name(),
            "variable_name"
                | "member_access_expression"
                | "nullsafe_member_access_expression"
                | "subscript_expression"
        ) && x.start_byte() <= range.start
            && range.end <= x.end_byte()
            && x.prev_sibling().is_none_or(|p| p.type_name() != "{")
    });
    found
}

/// PHP's simple interpolation reads one property or one key: `"$o->data->balance"` is
/// `$o->data` and the text `->balance`, and `"$a['data'][balance]"` does not parse. An edit
/// inside one (a read moved under `data`, a key renamed) turns it into the complex form:
/// `{$o->data->balance}`, `{$a['data']['balance']}` (a bare key quoted). Heredocs alike.
fn brace_interpolations(root: Node, src: &str, edits: &mut Vec<Edit>) {
    let mut done: Vec<Range<usize>> = Vec::new();
    let mut added: Vec<Edit> = Vec::new();
    for k in 0..edits.len() {
        let Some(x) = simple_interpolation(root, &edits[k].range) else {
            continue;
        };
        if done.contains(&x.byte_range()) {
            continue;
        }
        done.push(x.byte_range());
        // A bare key becomes a quoted one: in the edit that replaces it, or by its own.
        if let Some(key) = x.named_child(1).filter(|n| bare_key(*n)) {
            match edits.iter_mut().find(|e| e.range == key.byte_range()) {
                Some(e) => e.content = format!("'{}'", e.content),
                None => added.push(Edit {
                    range: key.byte_range(),
                    content: format!("'{}'", text(key, src)),
                }),
            }
        }
        // The braces join an insertion already at either end (so nothing lands between).
        let (start, end) = (x.start_byte(), x.end_byte());
        match edits.iter_mut().find(|e| e.range == (start..start)) {
            Some(e) => e.content.insert(0, '{'),
            None => added.push(insert(start, "{")),
        }
        match edits.iter_mut().find(|e| e.range == (end..end)) {
            Some(e) => e.content.push('}'),
            None => added.push(insert(end, "}")),
        }
    }
    edits.extend(added);
}
