"""Deterministic v2 injection and subsets for the benchmark corpus.

Usage: python3 benches/inject.py CORPUS_ROOT

Appends a v2 Flexy snippet to about 1% of the source files under CORPUS_ROOT/full (chosen
by a hash of their path, so every run picks the same files), in the common styles of each
language, and lists them in CORPUS_ROOT/injected.txt; CORPUS_ROOT/snippets.tsv says where
each snippet lies: `path<TAB>first line<TAB>last line`, the path as in injected.txt, the
lines 1-based and inclusive, as the file reads after injection (the appended text, its
`<?php`...`?>` wrapper included). benches/outside.py reads it. Then lays out CORPUS_ROOT/half and
CORPUS_ROOT/quarter: hard-linked copies of a hash-chosen half and quarter of all files, to
show how time grows with the corpus.
"""

import hashlib
import os
import sys

JS = [
    # axios with a base URL and the v2 header
    """
const flexyClient = axios.create({
  baseURL: "https://flexy-api.oneclickdz.com/v2",
  headers: { authorization: process.env.FLEXY_KEY },
});
async function flexySendTopup(plan, msisdn, amount) {
  const res = await flexyClient.post("/topup/sendTopup", { plan_code: plan, MSISDN: msisdn, amount });
  if (res.data.error === "NO-BALANCE") throw new Error("balance");
  return res.data.topupId;
}
""",
    # fetch with a template literal
    """
async function flexyCheckStatus(ref) {
  const r = await fetch(`https://flexy-api.oneclickdz.com/v2/topup/checkStatus/REF/${ref}`, {
    headers: { "authorization": FLEXY_TOKEN },
  });
  const body = await r.json();
  return body.topup.status;
}
""",
    # promise chain, concatenation, pagination
    """
function flexyTransactions(page) {
  return fetch("https://flexy-api.oneclickdz.com/v2/account/transactions?page=" + page, {
    headers: { authorization: FLEXY_TOKEN },
  })
    .then((r) => r.json())
    .then((d) => ({ rows: d.transactions, pages: d.totalPages }));
}
""",
    # jQuery
    """
function flexyPlans(done) {
  $.ajax({
    url: "https://flexy-api.oneclickdz.com/v2/plans/listAll",
    headers: { authorization: window.FLEXY_KEY },
    success: function (data) { done(data.dymanicPlans); },
  });
}
""",
]

PHP = [
    # curl
    """
function flexy_balance($key) {
    $ch = curl_init('https://flexy-api.oneclickdz.com/v2/account/balance');
    curl_setopt($ch, CURLOPT_HTTPHEADER, ['authorization: ' . $key]);
    curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
    $res = json_decode(curl_exec($ch), true);
    curl_close($ch);
    return $res['balance'];
}
""",
    # Guzzle
    """
function flexy_send_topup($key, $plan, $msisdn, $amount) {
    $client = new \\GuzzleHttp\\Client(['base_uri' => 'https://flexy-api.oneclickdz.com/v2/']);
    $r = $client->post('topup/sendTopup', [
        'headers' => ['authorization' => $key],
        'json' => ['plan_code' => $plan, 'MSISDN' => $msisdn, 'amount' => $amount],
    ]);
    $body = json_decode((string) $r->getBody(), true);
    if (isset($body['error']) && $body['error'] === 'NO-BALANCE') {
        return null;
    }
    return $body['topupId'];
}
""",
    # file_get_contents with a stream context
    """
function flexy_cards($key, $type) {
    $ctx = stream_context_create(['http' => ['header' => "authorization: $key\\r\\n"]]);
    $raw = file_get_contents("https://flexy-api.oneclickdz.com/v2/internet/checkCards/$type", false, $ctx);
    return json_decode($raw, true);
}
""",
]

PY = [
    # requests with a session
    """

def flexy_send_topup(key, plan, msisdn, amount):
    import requests
    s = requests.Session()
    s.headers.update({"authorization": key})
    r = s.post("https://flexy-api.oneclickdz.com/v2/topup/sendTopup",
               json={"plan_code": plan, "MSISDN": msisdn, "amount": amount})
    body = r.json()
    if body.get("error") == "NO-BALANCE":
        raise RuntimeError("balance")
    return body["topupId"]
""",
    # an f-string and pagination
    """

FLEXY_BASE = "https://flexy-api.oneclickdz.com/v2"


def flexy_topups(key, page=1):
    import requests
    r = requests.get(f"{FLEXY_BASE}/topup/list?page={page}", headers={"authorization": key})
    data = r.json()
    return data["topups"], data["totalPages"]
""",
    # urllib
    """

def flexy_gift_catalogue(key):
    import json
    import urllib.request
    req = urllib.request.Request("https://flexy-api.oneclickdz.com/v2/gift-cards/catalogue",
                                 headers={"authorization": key})
    with urllib.request.urlopen(req) as resp:
        return json.load(resp)
""",
]

SOURCE = {".js": JS, ".mjs": JS, ".cjs": JS, ".php": PHP, ".py": PY}


def digest(rel):
    return int.from_bytes(hashlib.sha256(rel.encode()).digest()[:8], "big")


def ends_in_php_mode(text):
    last_open = max(text.rfind("<?php"), text.rfind("<?="))
    return text.rfind("?>") < last_open


def inject(path, ext, h):
    """Appends a snippet to the file; returns its (first, last) lines, or None if skipped."""
    with open(path, "rb") as f:
        data = f.read()
    if b"\0" in data[:8192]:
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    styles = SOURCE[ext]
    snippet = styles[(h // 100) % len(styles)]
    if ext == ".php":
        if "<?" not in text:
            return None
        snippet = snippet if ends_in_php_mode(text) else "<?php\n" + snippet + "?>\n"
    sep = "" if text.endswith("\n") else "\n"
    with open(path, "a", encoding="utf-8") as f:
        f.write(sep + snippet)
    # Lines as the tool counts them (tree-sitter rows: a line ends at "\n"); the snippet
    # ends with one, so it takes snippet.count("\n") lines after those of text + sep.
    first = (text + sep).count("\n") + 1
    return first, first + snippet.count("\n") - 1


def main():
    root = sys.argv[1]
    full = os.path.join(root, "full")
    files = []
    for d, dirs, names in os.walk(full):
        dirs.sort()
        for n in sorted(names):
            files.append(os.path.relpath(os.path.join(d, n), full))
    injected = []
    spans = []
    sources = 0
    for rel in files:
        ext = os.path.splitext(rel)[1]
        if ext not in SOURCE:
            continue
        sources += 1
        h = digest(rel)
        if h % 100 == 0:
            span = inject(os.path.join(full, rel), ext, h)
            if span:
                injected.append(rel)
                spans.append(f"{rel}\t{span[0]}\t{span[1]}\n")
    with open(os.path.join(root, "injected.txt"), "w") as f:
        f.write("".join(r + "\n" for r in injected))
    with open(os.path.join(root, "snippets.tsv"), "w") as f:
        f.write("".join(spans))
    for name, share in (("half", 2), ("quarter", 4)):
        for rel in files:
            if digest("subset:" + rel) % share == 0:
                dst = os.path.join(root, name, rel)
                os.makedirs(os.path.dirname(dst), exist_ok=True)
                os.link(os.path.join(full, rel), dst)
    total = sum(os.path.getsize(os.path.join(full, r)) for r in files)
    print(f"inject.py: {len(files)} files, {total / 1e6:.0f} MB; "
          f"{sources} source files, {len(injected)} injected")


if __name__ == "__main__":
    main()
