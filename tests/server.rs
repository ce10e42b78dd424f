//! `v3-migrate server`, in process: a client sends initialize, didOpen, codeAction,
//! didChange, didClose and shutdown over an in-memory connection and checks each reply.

use std::time::Duration;

use clap::Parser;
use lsp_server::{Connection, Message, Notification, Request, RequestId};
use serde_json::{json, Value};
use v3_migrate::cli::{Cli, Command};
use v3_migrate::lang::Lang;
use v3_migrate::pipeline::{check_text, Settings};

const URI: &str = "file:///project/src/balance.js";

const V2: &str = r#"const BASE = "https://flexy-api.oneclickdz.com/v2";

async function balance(key) {
  const res = await fetch(`${BASE}/account/balance`, { headers: { authorization: key } });
  const body = await res.json();
  return body.balance;
}

module.exports = { balance };
"#;

struct Client {
    conn: Connection,
    next: i32,
}

impl Client {
    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next += 1;
        let id = RequestId::from(self.next);
        let req = Request::new(id.clone(), method.to_string(), params);
        self.conn.sender.send(Message::Request(req)).unwrap();
        loop {
            match self.recv() {
                Message::Response(r) if r.id == id => {
                    assert!(r.error.is_none(), "{method}: {:?}", r.error);
                    return r.result.unwrap_or(Value::Null);
                }
                _ => continue,
            }
        }
    }

    fn notify(&self, method: &str, params: Value) {
        let n = Notification::new(method.to_string(), params);
        self.conn.sender.send(Message::Notification(n)).unwrap();
    }

    fn recv(&self) -> Message {
        self.conn
            .receiver
            .recv_timeout(Duration::from_secs(30))
            .expect("the server answers")
    }

    /// The next diagnostics published.
    fn diagnostics(&self) -> Vec<Value> {
        loop {
            if let Message::Notification(n) = self.recv() {
                if n.method == "textDocument/publishDiagnostics" {
                    assert_eq!(n.params["uri"], URI);
                    return n.params["diagnostics"].as_array().unwrap().clone();
                }
            }
        }
    }
}

/// `text` with one LSP edit applied (ASCII text: a character is a byte).
fn apply(text: &str, edit: &Value) -> String {
    let offset = |p: &Value| -> usize {
        let line = p["line"].as_u64().unwrap() as usize;
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        start + p["character"].as_u64().unwrap() as usize
    };
    let (start, end) = (
        offset(&edit["range"]["start"]),
        offset(&edit["range"]["end"]),
    );
    format!(
        "{}{}{}",
        &text[..start],
        edit["newText"].as_str().unwrap(),
        &text[end..]
    )
}

fn the_edit(action: &Value) -> &Value {
    let edits = action["edit"]["changes"][URI].as_array().unwrap();
    assert_eq!(edits.len(), 1, "one edit per action");
    &edits[0]
}

#[test]
fn diagnostics_and_code_actions_over_the_protocol() {
    let Command::Server(args) = Cli::try_parse_from(["v3-migrate", "server", "--isolated"])
        .unwrap()
        .command
    else {
        panic!("server parses");
    };
    let (conn, theirs) = Connection::memory();
    let server = std::thread::spawn(move || v3_migrate::server::run(theirs, &args));
    let mut client = Client { conn, next: 0 };

    let init = client.request("initialize", json!({ "capabilities": {} }));
    assert_eq!(init["serverInfo"]["name"], "v3-migrate");
    assert_eq!(init["capabilities"]["textDocumentSync"], 1, "full sync");
    let kinds = &init["capabilities"]["codeActionProvider"]["codeActionKinds"];
    assert_eq!(*kinds, json!(["quickfix", "source.fixAll.v3-migrate"]));
    client.notify("initialized", json!({}));

    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": URI, "languageId": "javascript", "version": 1, "text": V2 } }),
    );
    let found = client.diagnostics();
    let codes: Vec<&str> = found.iter().map(|d| d["code"].as_str().unwrap()).collect();
    assert!(codes.contains(&"v2-endpoint"), "{codes:?}");
    assert!(codes.contains(&"v2-auth-header"), "{codes:?}");
    let header = found
        .iter()
        .find(|d| d["code"] == "v2-auth-header")
        .unwrap();
    assert_eq!(header["range"]["start"]["line"], 3);
    assert_eq!(header["source"], "v3-migrate");
    assert_eq!(header["severity"], 2, "a warning");

    // What `check --fix` makes of the file: every action must give it, the file being one
    // migration unit (its base, URL, header and read move together).
    let fixed = check_text(Lang::JavaScript, V2.to_string(), &Settings::default(), true)
        .unwrap()
        .text;
    assert!(fixed.contains("https://api.oneclickdz.com/v3"), "{fixed}");
    assert!(fixed.contains("X-Access-Token"), "{fixed}");
    assert!(fixed.contains("body.data.balance"), "{fixed}");

    // On the header alone: one quick fix, the whole unit.
    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": URI },
            "range": header["range"],
            "context": { "diagnostics": [header] },
        }),
    );
    let actions = actions.as_array().unwrap();
    let quick: Vec<&Value> = actions.iter().filter(|a| a["kind"] == "quickfix").collect();
    assert_eq!(quick.len(), 1, "one action for the unit: {actions:?}");
    let title = quick[0]["title"].as_str().unwrap();
    assert!(
        title.contains("other fixes of its migration unit"),
        "{title}"
    );
    assert_eq!(quick[0]["diagnostics"][0]["code"], "v2-auth-header");
    assert_eq!(apply(V2, the_edit(quick[0])), fixed);
    let all: Vec<&Value> = actions
        .iter()
        .filter(|a| a["kind"] == "source.fixAll.v3-migrate")
        .collect();
    assert_eq!(all.len(), 1);
    assert_eq!(apply(V2, the_edit(all[0])), fixed);

    // Only the kinds asked for.
    let only = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": URI },
            "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } },
            "context": { "diagnostics": [], "only": ["source.fixAll"] },
        }),
    );
    let only = only.as_array().unwrap();
    assert_eq!(only.len(), 1);
    assert_eq!(only[0]["kind"], "source.fixAll.v3-migrate");

    // The editor applies it: nothing is left to report.
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": URI, "version": 2 },
            "contentChanges": [{ "text": fixed }],
        }),
    );
    assert_eq!(client.diagnostics(), Vec::<Value>::new());
    let none = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": URI },
            "range": { "start": { "line": 3, "character": 0 }, "end": { "line": 3, "character": 10 } },
            "context": { "diagnostics": [] },
        }),
    );
    assert_eq!(none, json!([]));

    // Closed: its diagnostics are cleared.
    client.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": URI } }),
    );
    assert_eq!(client.diagnostics(), Vec::<Value>::new());

    // A method it does not answer is an error, not a crash.
    client.next += 1;
    let id = RequestId::from(client.next);
    client
        .conn
        .sender
        .send(Message::Request(Request::new(
            id.clone(),
            "textDocument/hover".into(),
            json!({}),
        )))
        .unwrap();
    match client.recv() {
        Message::Response(r) => {
            assert_eq!(r.id, id);
            assert_eq!(r.error.unwrap().code, -32601, "method not found");
        }
        m => panic!("{m:?}"),
    }

    client.request("shutdown", Value::Null);
    client.notify("exit", Value::Null);
    server.join().unwrap().expect("the server ends cleanly");
}

#[test]
fn a_function_returning_a_body_is_held_for_its_unseen_callers() {
    // Other files may read what `getBalance` returns the v2 way: the server sees only this
    // one, so it offers no fix that would change that return, unsafe fixes included.
    const MODULE: &str = r#"const BASE = "https://flexy-api.oneclickdz.com/v2";

async function getBalance(key) {
  const res = await fetch(`${BASE}/account/balance`, { headers: { authorization: key } });
  return res.json();
}

module.exports = { getBalance };
"#;
    let cli = Cli::try_parse_from(["v3-migrate", "server", "--isolated", "--unsafe-fixes"]);
    let Command::Server(args) = cli.unwrap().command else {
        panic!("server parses");
    };
    let (conn, theirs) = Connection::memory();
    let server = std::thread::spawn(move || v3_migrate::server::run(theirs, &args));
    let mut client = Client { conn, next: 0 };
    client.request("initialize", json!({ "capabilities": {} }));
    client.notify("initialized", json!({}));
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": URI, "languageId": "javascript", "version": 1, "text": MODULE } }),
    );
    let found = client.diagnostics();
    assert!(!found.is_empty(), "the v2 code is reported");
    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": URI },
            "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 8, "character": 0 } },
            "context": { "diagnostics": [] },
        }),
    );
    for a in actions.as_array().unwrap() {
        let fixed = apply(MODULE, the_edit(a));
        assert!(
            fixed.contains("flexy-api.oneclickdz.com/v2") && fixed.contains("return res.json()"),
            "{} moves the function's unit without its callers:\n{fixed}",
            a["title"]
        );
    }
    client.request("shutdown", Value::Null);
    client.notify("exit", Value::Null);
    server.join().unwrap().expect("the server ends cleanly");
}
