// A client class (flexy.js) given its v2 base by the entry file through constructor
// options; the callers here read the v2 shapes (`balance`, `topup.status`, `error`).
const { FlexyClient } = require("./flexy");

const FLEXY_URL = "https://flexy-api.oneclickdz.com/v2";
const client = new FlexyClient({ baseUrl: FLEXY_URL, apiKey: process.env.FLEXY_API_KEY || "e2e-test-key" });

async function main() {
  const account = await client.balance();
  console.log("balance:", account.balance);

  for (const [ref, amount] of [["co-9001", 500], ["co-9002", 9000]]) {
    const sent = await client.sendTopup({ plan_code: "PREPAID_MOBILIS", MSSIDN: "0661223344", amount, ref });
    if (sent.error === "NO-BALANCE") console.log(ref, "refused: recharge the account first");
    else console.log(ref, sent.error ? `refused: ${sent.message}` : `sent ${sent.topupId}`);
  }

  const status = await client.topupStatus("co-9001");
  console.log("co-9001:", status.topup ? status.topup.status : status.message);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
