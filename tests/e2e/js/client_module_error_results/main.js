// Callers of a client module whose methods resolve to error bodies instead of throwing:
// `if (r.error) ... r.message`, no try/catch. (Breakage kind: the wrapper starts throwing
// an exception that these callers never catch.)
const { FlexyClient } = require("./flexyClient");

const client = new FlexyClient(process.env.FLEXY_API_KEY || "e2e-test-key");

async function main() {
  const me = await client.validate();
  console.log(me.error ? "invalid key: " + me.message : "shop " + me.username);

  const intruder = await new FlexyClient("stolen-key").validate();
  console.log(intruder.error ? "invalid key: " + intruder.message : "shop " + intruder.username);

  const b = await client.balance();
  console.log("balance:", b.balance);

  const batch = [
    { plan_code: "PREPAID_MOBILIS", MSSIDN: "0661000111", amount: 500, ref: "cm-8001" },
    { plan_code: "PREPAID_MOBILIS", MSSIDN: "0411000111", amount: 500, ref: "cm-8002" },
    { plan_code: "PREPAID_MOBILIS", MSSIDN: "0661000111", amount: 500, ref: "dup-8003" },
    { plan_code: "PREPAID_MOBILIS", MSSIDN: "0661000111", ref: "cm-8004" },
  ];
  let ok = 0;
  for (const topup of batch) {
    const r = await client.sendTopup(topup);
    if (r.error) {
      console.log(topup.ref, "failed:", r.message);
      continue;
    }
    ok += 1;
    console.log(topup.ref, "sent as", r.topupId);
  }
  console.log("sent", ok, "of", batch.length);

  for (const ref of ["cm-8001", "refund-005", "missing-8009"]) {
    const s = await client.topupStatus(ref);
    if (s.error) console.log(ref, "status unknown:", s.message);
    else console.log(ref, "status", s.topup.status, "amount", s.topup.amount);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
