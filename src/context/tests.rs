use super::*;
use crate::flexy::Tie;
use crate::lang::Lang;

/// The tie of the `n`-th `authorization` (any case) header key of `text`.
fn header(lang: Lang, text: &str, n: usize) -> Tie {
    let source = Source::parse(lang, text.to_string()).unwrap();
    let ctx = Ctx::new(&source, &[]);
    let at = text
        .to_ascii_lowercase()
        .match_indices("authorization")
        .nth(n)
        .unwrap()
        .0;
    let key = ctx.node_at(at..at + "authorization".len()).unwrap();
    ctx.header_tie(key)
}

#[test]
fn a_header_is_flexys_when_its_request_is() {
    // The same call.
    let js = r#"
const FLEXY = "https://flexy-api.oneclickdz.com";
fetch(`${FLEXY}/v2/account/balance`, { headers: { authorization: key } });
"#;
    assert_eq!(header(Lang::JavaScript, js, 0), Tie::Proven);
    // A headers value and an options object that flow into the request.
    let js = r#"
async function balance(key) {
  const headers = { authorization: key };
  const opts = { headers };
  return fetch("https://flexy-api.oneclickdz.com/v2/account/balance", opts);
}
"#;
    assert_eq!(header(Lang::JavaScript, js, 0), Tie::Proven);
    // A session configured before its Flexy requests, and passed to a function.
    let py = r#"
import requests
BASE = "https://flexy-api.oneclickdz.com"
def balance(s):
    return s.get(f"{BASE}/v2/account/balance").json()
with requests.Session() as session:
    session.headers["authorization"] = KEY
    balance(session)
"#;
    assert_eq!(header(Lang::Python, py, 0), Tie::Proven);
    // Headers built by a function whose calls send them to Flexy.
    let php = r#"<?php
function flexy_headers() { return ['authorization: ' . getenv('KEY')]; }
$ch = curl_init('https://flexy-api.oneclickdz.com/v2/account/balance');
curl_setopt($ch, CURLOPT_HTTPHEADER, flexy_headers());
"#;
    assert_eq!(header(Lang::Php, php, 0), Tie::Proven);
}

#[test]
fn the_code_around_a_header_proves_nothing() {
    // An auth helper beside a Flexy function: no request of its own.
    let py = r#"
import requests
class TokenAuth(requests.auth.AuthBase):
    def __call__(self, r):
        r.headers["Authorization"] = self.token
        return r
def balance(key):
    return requests.get("https://flexy-api.oneclickdz.com/v2/account/balance", headers={"authorization": key}).json()
"#;
    assert_eq!(header(Lang::Python, py, 0), Tie::Unknown);
    assert_eq!(header(Lang::Python, py, 1), Tie::Proven);
    // Another API's client whose URL is not known here.
    let js = r#"
const FLEXY = "https://flexy-api.oneclickdz.com";
async function charge(baseUrl, auth) {
  return fetch(`${baseUrl}/charges`, { headers: { Authorization: auth } });
}
async function balance(key) {
  return fetch(`${FLEXY}/v2/account/balance`, { headers: { authorization: key } });
}
"#;
    assert_eq!(header(Lang::JavaScript, js, 0), Tie::Unknown);
    // Another host's request.
    let js = r#"
const FLEXY = "https://flexy-api.oneclickdz.com";
fetch("https://api.example.com/v1/charges", { headers: { Authorization: auth } });
"#;
    assert_eq!(header(Lang::JavaScript, js, 0), Tie::Other);
}

#[test]
fn an_error_is_flexys_by_its_data_flow() {
    let js = r#"
const FLEXY = "https://flexy-api.oneclickdz.com";
async function send(order) {
  const res = await fetch(`${FLEXY}/v2/topup/sendTopup`, { method: "POST" });
  const data = await res.json();
  if (data.error) { const e = new Error(data.message); e.code = data.error; throw e; }
  return data;
}
async function sms() {
  const body = await (await fetch(process.env.SMS_URL)).json();
  return body.error === "Forbidden";
}
function caught(err) { return err.code === "NO-BALANCE"; }
"#;
    let source = Source::parse(Lang::JavaScript, js.to_string()).unwrap();
    let ctx = Ctx::new(&source, &[]);
    let subject = |needle: &str| {
        let at = js.find(needle).unwrap();
        ctx.node_at(at..at + needle.len()).unwrap()
    };
    assert!(matches!(
        ctx.error_source(subject("data.error")),
        Some(ErrorSource::Body(_))
    ));
    assert_eq!(ctx.error_source(subject("body.error")), None);
    assert!(matches!(
        ctx.error_source(subject("err.code")),
        Some(ErrorSource::Copy { field, .. }) if field == "code"
    ));
}
