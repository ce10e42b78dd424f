// Grouped bases (`.../v2/internet`, `.../v2/account`) with relative paths, and a small
// `call(path)` helper on the internet base that returns the parsed body; callers read
// fields and compare `error` with the v2 strings. (Breakage kind: the helper unwrapped and
// its callers also given `.data`, a double unwrap.)
const INTERNET = "https://flexy-api.oneclickdz.com/v2/internet";
const ACCOUNT = "https://flexy-api.oneclickdz.com/v2/account";
const KEY = process.env.FLEXY_API_KEY || "e2e-test-key";

function call(path, key = KEY, body = undefined) {
  const options = { headers: { authorization: key } };
  if (body !== undefined) {
    options.method = "POST";
    options.headers["Content-Type"] = "application/json";
    options.body = JSON.stringify(body);
  }
  return fetch(INTERNET + path, options).then((r) => r.json());
}

async function main() {
  const account = await fetch(`${ACCOUNT}/balance`, { headers: { authorization: KEY } }).then((r) => r.json());
  console.log("balance:", account.balance.toFixed(2));

  const adsl = await call("/checkCards/ADSL");
  console.log("ADSL cards:", adsl.length, "available:", adsl.filter((c) => c.available).length);
  const fourG = await call("/checkCards/4G");
  console.log("4G values:", fourG.map((c) => c.value).join("/"));

  const number = await call("/checkNumber/ADSL/023456789");
  console.log("number", number.number, number.valid ? "is valid" : "is invalid");

  const denied = await call("/checkNumber/ADSL/023456789", "not-the-key");
  if (denied.error === "Forbidden") {
    console.log("wrong key:", denied.message);
  } else {
    console.log("wrong key accepted?");
  }

  const unknown = await call("/checkCards/FIBER");
  if (unknown.error) console.log("FIBER:", unknown.message);

  const sent = await call("/sendTopup", KEY, { type: "ADSL", number: "023456789", value: 1000, ref: "gb-5001" });
  if (sent.error) console.log("send failed:", sent.message);
  else console.log("sent", sent.topupRef, "balance now", sent.newBalance.toFixed(2));

  const incomplete = await call("/sendTopup", KEY, { type: "ADSL", number: "023456789", value: 500 });
  if (incomplete.error === "ERR_VALIDATION") console.log("incomplete send:", incomplete.message);

  const status = await call("/checkStatus/REF/gb-5001");
  console.log("gb-5001:", status.topup.status, status.topup.type, status.topup.value);

  const list = await call("/list?page=2&pageSize=3");
  console.log("internet page", list.currentPage, "of", list.totalPages, ":", list.topups.map((t) => t.ref).join(","));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
