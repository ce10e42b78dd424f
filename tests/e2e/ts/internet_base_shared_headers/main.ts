// Internet recharges with a grouped base and shared headers imported from ./client: the
// calls are built here with fetch. (Breakage kind: the header changed to X-Access-Token
// while the URL stays on `.../v2/internet`, so the server rejects the key.)
import { INTERNET_API, flexyHeaders, readJson, V2Error } from "./client";

interface Card {
  value: number;
  available: boolean;
}

async function main(): Promise<void> {
  for (const type of ["ADSL", "4G"]) {
    const res = await fetch(`${INTERNET_API}/checkCards/${type}`, { headers: flexyHeaders });
    const cards = await readJson<Card[]>(res);
    console.log(type, "cards:", cards.map((c) => `${c.value}${c.available ? "" : "(out)"}`).join(" "));
  }

  const numbers = ["021234567", "12"];
  for (const n of numbers) {
    const res = await fetch(`${INTERNET_API}/checkNumber/4G/${n}`, { headers: flexyHeaders });
    const check = await readJson<{ valid: boolean; number: string }>(res);
    console.log("number", check.number, check.valid ? "ok" : "invalid");
  }

  const send = await fetch(`${INTERNET_API}/sendTopup`, {
    method: "POST",
    headers: { ...flexyHeaders, "Content-Type": "application/json" },
    body: JSON.stringify({ type: "4G", number: "021234567", value: 1500, ref: "sh-1201" }),
  });
  const sent = await readJson<{ topupId: string; newBalance: number } & Partial<V2Error>>(send);
  console.log("sent:", sent.error ? sent.message : `${sent.topupId} (${send.status})`);

  const bad = await fetch(`${INTERNET_API}/sendTopup`, {
    method: "POST",
    headers: { ...flexyHeaders, "Content-Type": "application/json" },
    body: JSON.stringify({ type: "4G", value: 1500, ref: "sh-1202" }),
  });
  const refused = await readJson<V2Error>(bad);
  console.log("no number:", bad.status, refused.message);

  const res = await fetch(`${INTERNET_API}/checkStatus/ID/tp-net-002`, { headers: flexyHeaders });
  const status = await readJson<{ topup: { status: string; type: string } }>(res);
  console.log("tp-net-002:", status.topup.status, status.topup.type);

  const denied = await fetch(`${INTERNET_API}/list`, { headers: { ...flexyHeaders, authorization: "expired" } });
  const body = await readJson<V2Error>(denied);
  console.log("expired key:", denied.status, body.error === "Forbidden" ? "forbidden" : body.error);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
