//! `v3-migrate server`: a language server on stdin and stdout, for editors. It publishes the
//! findings of each open file as diagnostics, as `check --stdin-filename` would report them
//! (the file alone: the project-wide passes need the files on disk; its functions are taken
//! to have callers elsewhere, so what they return holds their units), and offers the fixes
//! as code actions:
//!
//! - per finding with a fix: its migration unit, applied whole (a unit is never applied in
//!   part: its URL, header and reads move together);
//! - `source.fixAll.v3-migrate`: every unit `check --fix` would apply.
//!
//! Each action's edit is the text the fix pipeline makes (planned once, verified by a
//! parse), sent as one replacement of the lines that change. The configuration is the one
//! `check` would read from the server's working folder (or `--config`); `--unsafe-fixes`
//! offers the unsafe fixes too.

use std::collections::HashMap;
use std::path::PathBuf;

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOptions, CodeActionOrCommand, CodeActionParams,
    CodeActionProviderCapability, Diagnostic, DiagnosticSeverity, DidChangeTextDocumentParams,
    DidCloseTextDocumentParams, DidOpenTextDocumentParams, NumberOrString, Position,
    PublishDiagnosticsParams, Range, ServerCapabilities, ServerInfo, TextDocumentSyncCapability,
    TextDocumentSyncKind, TextEdit, Uri, WorkspaceEdit,
};

use crate::cli::ServerArgs;
use crate::error::RunError;
use crate::lang::Lang;
use crate::pipeline::{check_text, check_text_choosing, Settings};
use crate::rules::{Applicability, Finding};
use crate::run::scope::{RuleArgs, Scope};

/// The code action kind of "apply every fix".
const FIX_ALL: &str = "source.fixAll.v3-migrate";

/// Runs the server on stdin and stdout until the client says `exit`.
pub fn serve(args: &ServerArgs) -> Result<u8, RunError> {
    let (connection, io) = Connection::stdio();
    run(connection, args)?;
    io.join().map_err(RunError::Output)?;
    Ok(0)
}

/// Runs the server on `connection` (stdio, or a pair in memory for the tests).
pub fn run(connection: Connection, args: &ServerArgs) -> Result<(), RunError> {
    let rule_args = RuleArgs {
        unsafe_fixes: args.unsafe_fixes.then_some(true),
        ..RuleArgs::default()
    };
    let scope = Scope::resolve(&args.scope, &rule_args)?;
    let capabilities = ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX, CodeActionKind::new(FIX_ALL)]),
            ..CodeActionOptions::default()
        })),
        ..ServerCapabilities::default()
    };
    let init = serde_json::json!({
        "capabilities": capabilities,
        "serverInfo": ServerInfo {
            name: "v3-migrate".to_string(),
            version: Some(env!("CARGO_PKG_VERSION").to_string()),
        },
    });
    let (id, _) = connection.initialize_start().map_err(protocol_error)?;
    connection
        .initialize_finish(id, init)
        .map_err(protocol_error)?;
    let mut server = Server {
        scope,
        documents: HashMap::new(),
    };
    for message in &connection.receiver {
        match message {
            Message::Request(req) => {
                if connection.handle_shutdown(&req).map_err(protocol_error)? {
                    return Ok(());
                }
                let response = server.request(req);
                send(&connection, Message::Response(response))?;
            }
            Message::Notification(n) => {
                for out in server.notification(n) {
                    send(&connection, Message::Notification(out))?;
                }
            }
            Message::Response(_) => {}
        }
    }
    Ok(())
}

fn send(connection: &Connection, message: Message) -> Result<(), RunError> {
    connection
        .sender
        .send(message)
        .map_err(|e| RunError::Output(std::io::Error::other(e.to_string())))
}

fn protocol_error(e: lsp_server::ProtocolError) -> RunError {
    RunError::Output(std::io::Error::other(format!(
        "language server protocol: {e}"
    )))
}

/// An open document: its text as the editor has it.
struct Document {
    path: PathBuf,
    lang: Lang,
    text: String,
}

struct Server<'a> {
    scope: Scope<'a>,
    documents: HashMap<String, Document>,
}

impl Server<'_> {
    fn notification(&mut self, n: Notification) -> Vec<Notification> {
        let uri = match n.method.as_str() {
            "textDocument/didOpen" => {
                let Ok(p) = serde_json::from_value::<DidOpenTextDocumentParams>(n.params) else {
                    return Vec::new();
                };
                self.open(&p.text_document.uri, p.text_document.text);
                p.text_document.uri
            }
            "textDocument/didChange" => {
                let Ok(p) = serde_json::from_value::<DidChangeTextDocumentParams>(n.params) else {
                    return Vec::new();
                };
                // Full sync: the last change is the whole text.
                let Some(change) = p.content_changes.into_iter().last() else {
                    return Vec::new();
                };
                self.open(&p.text_document.uri, change.text);
                p.text_document.uri
            }
            "textDocument/didClose" => {
                let Ok(p) = serde_json::from_value::<DidCloseTextDocumentParams>(n.params) else {
                    return Vec::new();
                };
                self.documents.remove(p.text_document.uri.as_str());
                return vec![diagnostics(p.text_document.uri, Vec::new())];
            }
            _ => return Vec::new(),
        };
        let found = match self.documents.get(uri.as_str()) {
            Some(doc) => self.findings(doc),
            None => Vec::new(),
        };
        let doc = self.documents.get(uri.as_str());
        let list = match doc {
            Some(doc) => found.iter().map(|f| diagnostic(&doc.text, f)).collect(),
            None => Vec::new(),
        };
        vec![diagnostics(uri, list)]
    }

    /// Keeps the text of a document the tool reads (by its file name's extension).
    fn open(&mut self, uri: &Uri, text: String) {
        let Some(path) = file_path(uri) else { return };
        let Some(lang) = Lang::from_path(&path) else {
            return;
        };
        self.documents
            .insert(uri.as_str().to_string(), Document { path, lang, text });
    }

    /// A document's settings. Other files may call its functions, and the server does not
    /// see them: what those functions return holds their units back (as `check` does for a
    /// module others import), so a quick fix never changes a return its callers elsewhere
    /// still read the v2 way.
    fn settings(&self, doc: &Document) -> Settings {
        let mut settings = self.scope.for_file(&doc.path);
        settings.callers_elsewhere = true;
        settings
    }

    /// The findings of a document as it is now (none when it does not parse).
    fn findings(&self, doc: &Document) -> Vec<Finding> {
        match check_text(doc.lang, doc.text.clone(), &self.settings(doc), false) {
            Ok(checked) => checked.linted.findings,
            Err(_) => Vec::new(),
        }
    }

    fn request(&mut self, req: Request) -> Response {
        match req.method.as_str() {
            "textDocument/codeAction" => {
                match serde_json::from_value::<CodeActionParams>(req.params) {
                    Ok(p) => {
                        let actions = self.code_actions(&p);
                        Response::new_ok(req.id, actions)
                    }
                    Err(e) => {
                        Response::new_err(req.id, ErrorCode::InvalidParams as i32, e.to_string())
                    }
                }
            }
            _ => Response::new_err(
                req.id,
                ErrorCode::MethodNotFound as i32,
                format!("v3-migrate does not answer {}", req.method),
            ),
        }
    }

    /// The fixes touching the requested range, one action per migration unit, and the
    /// action applying every fix.
    fn code_actions(&self, p: &CodeActionParams) -> Vec<CodeActionOrCommand> {
        let uri = &p.text_document.uri;
        let Some(doc) = self.documents.get(uri.as_str()) else {
            return Vec::new();
        };
        let settings = self.settings(doc);
        let findings = self.findings(doc);
        let wanted = |kind: &CodeActionKind| {
            p.context
                .only
                .as_ref()
                .is_none_or(|only| only.iter().any(|o| kind.as_str().starts_with(o.as_str())))
        };
        let applies = |f: &&Finding| {
            f.fix
                .as_ref()
                .is_some_and(|x| x.applicability >= settings.threshold)
        };
        let lines = Lines::new(&doc.text);
        let mut out = Vec::new();
        if wanted(&CodeActionKind::QUICKFIX) {
            let start = lines.offset(&doc.text, p.range.start);
            let end = lines.offset(&doc.text, p.range.end);
            // One action per unit: the first finding of each unit in the range names it.
            let mut offered: Vec<(Option<usize>, usize)> = Vec::new();
            for f in findings.iter().filter(applies) {
                if f.range.end < start || f.range.start > end {
                    continue;
                }
                let key = (f.unit, if f.unit.is_some() { 0 } else { f.range.start });
                if offered.contains(&key) {
                    continue;
                }
                offered.push(key);
                let size = match f.unit {
                    Some(u) => findings
                        .iter()
                        .filter(|g| g.unit == Some(u))
                        .filter(applies)
                        .count(),
                    None => 1,
                };
                let chosen = |unit: &[&Finding]| match f.unit {
                    Some(u) => unit.first().is_some_and(|g| g.unit == Some(u)),
                    None => unit.len() == 1 && unit[0].range == f.range && unit[0].rule == f.rule,
                };
                let Some(edit) = fixed_edit(doc, &settings, &chosen) else {
                    continue;
                };
                let title = match (f.fix.as_ref(), size) {
                    (Some(x), 1) => format!("v3-migrate: {}", x.message),
                    (Some(x), n) => format!(
                        "v3-migrate: {} (with the {} other fixes of its migration unit)",
                        x.message,
                        n - 1
                    ),
                    (None, _) => continue,
                };
                out.push(action(
                    title,
                    CodeActionKind::QUICKFIX,
                    uri,
                    edit,
                    Some(vec![diagnostic(&doc.text, f)]),
                ));
            }
        }
        let fix_all = CodeActionKind::new(FIX_ALL);
        if wanted(&fix_all) && findings.iter().any(|f| applies(&f)) {
            let threshold = settings.threshold;
            let all = |unit: &[&Finding]| {
                unit.iter()
                    .all(|f| f.fix.as_ref().is_some_and(|x| x.applicability >= threshold))
            };
            if let Some(edit) = fixed_edit(doc, &settings, &all) {
                let title = match threshold {
                    Applicability::Unsafe => "v3-migrate: apply every fix (unsafe ones too)",
                    _ => "v3-migrate: apply every safe fix",
                };
                out.push(action(title.to_string(), fix_all, uri, edit, None));
            }
        }
        out
    }
}

/// The edit making the document what the fix pipeline makes of it with the units `chosen`
/// applied; `None` when nothing changes (the unit could not be applied).
fn fixed_edit(
    doc: &Document,
    settings: &Settings,
    chosen: &dyn Fn(&[&Finding]) -> bool,
) -> Option<TextEdit> {
    let checked = check_text_choosing(doc.lang, doc.text.clone(), settings, &mut |unit, _| {
        chosen(unit)
    })
    .ok()?;
    if checked.fixed.is_empty() || checked.text == doc.text {
        return None;
    }
    Some(replacement(&doc.text, &checked.text))
}

/// One edit turning `old` into `new`: the lines between their common start and end.
fn replacement(old: &str, new: &str) -> TextEdit {
    let same = old
        .bytes()
        .zip(new.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    let prefix = floor_char(old, same);
    // Whole lines: back to the start of the line the first change is on.
    let start = old[..prefix].rfind('\n').map_or(0, |i| i + 1);
    let suffix = old[start..]
        .bytes()
        .rev()
        .zip(new[start..].bytes().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let suffix = suffix.min(old.len() - start).min(new.len() - start);
    // Forward to the end of the line the last change is on.
    let old_end = ceil_char(old, old.len() - suffix);
    let end = old[old_end..].find('\n').map_or(old.len(), |i| old_end + i);
    let new_end = new.len() - (old.len() - end);
    let lines = Lines::new(old);
    TextEdit {
        range: Range {
            start: lines.position(old, start),
            end: lines.position(old, end),
        },
        new_text: new[start..new_end].to_string(),
    }
}

// `WorkspaceEdit::changes` is keyed by `Uri`, which caches its parsed parts inside: its
// hash and equality are those of its text, which never changes.
#[allow(clippy::mutable_key_type)]
fn action(
    title: String,
    kind: CodeActionKind,
    uri: &Uri,
    edit: TextEdit,
    diagnostics: Option<Vec<Diagnostic>>,
) -> CodeActionOrCommand {
    let mut changes = HashMap::new();
    changes.insert(uri.clone(), vec![edit]);
    CodeActionOrCommand::CodeAction(CodeAction {
        title,
        kind: Some(kind),
        diagnostics,
        edit: Some(WorkspaceEdit {
            changes: Some(changes),
            ..WorkspaceEdit::default()
        }),
        ..CodeAction::default()
    })
}

fn diagnostics(uri: Uri, list: Vec<Diagnostic>) -> Notification {
    Notification::new(
        "textDocument/publishDiagnostics".to_string(),
        PublishDiagnosticsParams {
            uri,
            diagnostics: list,
            version: None,
        },
    )
}

fn diagnostic(text: &str, f: &Finding) -> Diagnostic {
    let lines = Lines::new(text);
    Diagnostic {
        range: Range {
            start: lines.position(text, f.range.start),
            end: lines.position(text, f.range.end),
        },
        severity: Some(DiagnosticSeverity::WARNING),
        code: Some(NumberOrString::String(f.rule.name().to_string())),
        source: Some("v3-migrate".to_string()),
        message: f.message.clone(),
        ..Diagnostic::default()
    }
}

/// The local file a `file:` URI names.
fn file_path(uri: &Uri) -> Option<PathBuf> {
    let url = url::Url::parse(uri.as_str()).ok()?;
    if url.scheme() != "file" {
        return None;
    }
    url.to_file_path().ok()
}

/// Where each line starts, to turn byte offsets into LSP positions (UTF-16 code units
/// within the line) and back.
struct Lines {
    starts: Vec<usize>,
}

impl Lines {
    fn new(text: &str) -> Lines {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Lines { starts }
    }

    fn position(&self, text: &str, offset: usize) -> Position {
        let offset = floor_char(text, offset.min(text.len()));
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        Position {
            line: line as u32,
            character: text[start..offset].encode_utf16().count() as u32,
        }
    }

    fn offset(&self, text: &str, p: Position) -> usize {
        let Some(&start) = self.starts.get(p.line as usize) else {
            return text.len();
        };
        let end = self
            .starts
            .get(p.line as usize + 1)
            .map_or(text.len(), |&e| e);
        let mut units = 0;
        for (i, c) in text[start..end].char_indices() {
            if units >= p.character as usize {
                return start + i;
            }
            units += c.len_utf16();
        }
        end
    }
}

fn ceil_char(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset += 1;
    }
    offset
}

fn floor_char(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_utf16_units_and_come_back() {
        let text = "a\né😀b\n";
        let lines = Lines::new(text);
        let b = text.find('b').unwrap();
        let p = lines.position(text, b);
        assert_eq!((p.line, p.character), (1, 3));
        assert_eq!(lines.offset(text, p), b);
        assert_eq!(lines.offset(text, Position::new(9, 0)), text.len());
    }

    #[test]
    fn one_edit_covers_the_changed_lines() {
        let old = "a\nb = 1\nc\n";
        let new = "a\nb = 22\nc\n";
        let e = replacement(old, new);
        assert_eq!((e.range.start.line, e.range.start.character), (1, 0));
        assert_eq!((e.range.end.line, e.range.end.character), (1, 5));
        assert_eq!(e.new_text, "b = 22");
        // A change inside a character of several bytes.
        let e = replacement("x = \"é\"\n", "x = \"è\"\n");
        assert_eq!(e.new_text, "x = \"è\"");
        let e = replacement("aa", "aaa");
        assert_eq!(e.new_text, "aaa");
    }
}
