// A wrapper whose returns are braceless if/else bodies and case bodies (migrated at the wrapper: each return becomes a block of statements)
const BASE = "https://flexy-api.oneclickdz.com";
const KEY = process.env.FLEXY_API_KEY || "e2e-test-key";

async function flexyGet(path, mode) {
  const res = await fetch(BASE + path, { headers: { authorization: KEY } });
  if (mode === "fast") return res.json();
  else if (mode === "plain") return res.json();
  switch (mode) {
    case "switch": return res.json();
    default:
      return res.json();
  }
}

async function main() {
  const account = await flexyGet("/v2/account/balance", "fast");
  console.log("balance:", account.balance);
  const plans = await flexyGet("/v2/plans/listAll", "plain");
  console.log("dynamic plans:", plans.dymanicPlans.length);
  const list = await flexyGet("/v2/account/transactions?page=1&pageSize=5", "switch");
  console.log("transactions:", list.totalResults);
  const again = await flexyGet("/v2/account/balance", "other");
  console.log("balance again:", again.balance);
}

main();
