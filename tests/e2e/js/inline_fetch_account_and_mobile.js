// Inline fetch with await in an async main; errors checked with if (data.error) and data.message
const API_KEY = process.env.FLEXY_API_KEY || "e2e-test-key";

async function main() {
  const res = await fetch("https://flexy-api.oneclickdz.com/v2/validate", {
    headers: { authorization: API_KEY },
  });
  const data = await res.json();
  if (data.error) {
    console.log("validation failed:", data.message);
    return;
  }
  console.log("key valid:", data.valid, "shop:", data.username);

  const balanceRes = await fetch("https://flexy-api.oneclickdz.com/v2/account/balance", {
    headers: { authorization: API_KEY },
  });
  const balance = await balanceRes.json();
  console.log("balance:", balance.balance.toFixed(2));

  const plansRes = await fetch("https://flexy-api.oneclickdz.com/v2/plans/listAll", {
    headers: { authorization: API_KEY },
  });
  const plans = await plansRes.json();
  const dynamicPlans = plans.dymanicPlans; // typo is in the v2 API
  console.log("dynamic plans:", dynamicPlans.length, "fixed plans:", plans.fixedPlans.length);
  for (const plan of plans.fixedPlans) {
    console.log(" fixed plan", plan.code);
  }

  const sendRes = await fetch("https://flexy-api.oneclickdz.com/v2/topup/sendTopup", {
    method: "POST",
    headers: { "Content-Type": "application/json", authorization: API_KEY },
    body: JSON.stringify({ plan_code: "PREPAID_DJEZZY", MSSIDN: "0778037340", amount: 500, ref: "order-123" }),
  });
  const result = await sendRes.json();
  if (result.error) {
    console.log("send failed:", result.message);
  } else {
    console.log("topup id:", result.topupId, "ref:", result.topupRef);
    console.log("new balance:", result.newBalance.toFixed(2));
  }

  const bigRes = await fetch("https://flexy-api.oneclickdz.com/v2/topup/sendTopup", {
    method: "POST",
    headers: { "Content-Type": "application/json", authorization: API_KEY },
    body: JSON.stringify({ plan_code: "PREPAID_DJEZZY", MSSIDN: "0778037340", amount: 99999, ref: "order-124" }),
  });
  const big = await bigRes.json();
  if (big.error === "NO-BALANCE") {
    console.log("top-up refused: balance too low (" + big.message + ")");
  } else if (big.error) {
    console.log("other error:", big.message);
  }

  const phoneRes = await fetch("https://flexy-api.oneclickdz.com/v2/topup/sendTopup", {
    method: "POST",
    headers: { "Content-Type": "application/json", authorization: API_KEY },
    body: JSON.stringify({ plan_code: "PREPAID_DJEZZY", MSSIDN: "12345", amount: 100, ref: "order-125" }),
  });
  const phone = await phoneRes.json();
  if (phone.error === "ERR_PHONE") {
    console.log("bad phone number:", phone.message);
  }

  const refRes = await fetch("https://flexy-api.oneclickdz.com/v2/topup/checkStatus/REF/order-123", {
    headers: { authorization: API_KEY },
  });
  const byRef = await refRes.json();
  if (byRef.error) {
    console.log("status lookup failed:", byRef.message);
  } else {
    console.log("status by ref:", byRef.topup.status, "phone:", byRef.topup.MSSIDN);
  }

  const topupId = result.topupId;
  const idRes = await fetch(`https://flexy-api.oneclickdz.com/v2/topup/checkStatus/ID/${topupId}`, {
    headers: { authorization: API_KEY },
  });
  const byId = await idRes.json();
  if (!byId.error) {
    console.log("status by id:", byId.topup.status, "amount:", byId.topup.amount);
  }

  const missingRes = await fetch("https://flexy-api.oneclickdz.com/v2/topup/checkStatus/REF/missing-77", {
    headers: { authorization: API_KEY },
  });
  const missing = await missingRes.json();
  if (missing.error === "NOT_FOUND") {
    console.log("no such top-up:", missing.message);
  }
}

main().catch((err) => {
  console.error("unexpected failure:", err.message);
  process.exit(1);
});
