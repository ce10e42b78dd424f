// Example v2 integration: inline fetch calls to check a key, read the balance, send mobile top-ups with error handling and check their status.
"use strict";

const FLEXY = process.env.FLEXY_BASE_URL || "https://flexy-api.oneclickdz.com";
const API_KEY = process.env.FLEXY_API_KEY || "test-key";

async function keyIsValid(key) {
  const res = await fetch(`${FLEXY}/v2/validate`, { headers: { authorization: key } });
  const body = await res.json();
  if (body.error === "Forbidden" || body.error === "Access token missing") {
    return false;
  }
  return true;
}

async function balance() {
  const res = await fetch(FLEXY + "/v2/account/balance", { headers: { authorization: API_KEY } });
  const data = await res.json();
  return data.balance;
}

async function sendTopup(order) {
  const res = await fetch(`${FLEXY}/v2/topup/sendTopup`, {
    method: "POST",
    headers: { "Content-Type": "application/json", authorization: API_KEY },
    body: JSON.stringify(order),
  });
  const result = await res.json();
  if (result.error) {
    switch (result.error) {
      case "NO-BALANCE":
        console.log(`order ${order.ref}: refused, balance too low`);
        break;
      case "DUPLICATED-REF":
        console.log(`order ${order.ref}: reference already used`);
        break;
      case "Forbidden":
      case "Access token missing":
        console.log(`order ${order.ref}: API key rejected`);
        break;
      default:
        console.log(`order ${order.ref}: failed (${result.message})`);
    }
    return false;
  }
  console.log(`order ${order.ref}: sent as ${result.topupId}, new balance ${result.newBalance}`);
  return true;
}

async function printStatus(ref) {
  const res = await fetch(`${FLEXY}/v2/topup/checkStatus/REF/${encodeURIComponent(ref)}`, {
    headers: { authorization: API_KEY },
  });
  const data = await res.json();
  if (data.error) {
    console.log(`status ${ref}: unknown (${data.message})`);
    return;
  }
  console.log(`status ${ref}: ${data.topup.status} for ${data.topup.MSSIDN}`);
}

async function checkNumber(type, number) {
  const res = await fetch(FLEXY + "/v2/internet/checkNumber/" + type + "/" + number, {
    headers: { authorization: API_KEY },
  });
  const data = await res.json();
  if (data.error) {
    console.log(`${type} ${number}: rejected (${data.message})`);
    return;
  }
  console.log(`${type} ${number}: ok`);
}

async function main() {
  console.log(`key valid: ${await keyIsValid(API_KEY)}`);
  console.log(`empty key valid: ${await keyIsValid("")}`);
  console.log(`balance: ${await balance()}`);

  const orders = [
    { plan_code: "PREPAID_DJEZZY", MSSIDN: "0778037340", amount: 500, ref: "topup-order-1" },
    { plan_code: "PREPAID_DJEZZY", MSSIDN: "0778037340", amount: 500, ref: "topup-order-1" },
    { plan_code: "PREPAID_MOBILIS", MSSIDN: "0661234567", amount: 999999, ref: "topup-order-2" },
  ];
  for (const order of orders) {
    await sendTopup(order);
  }

  await printStatus("topup-order-1");
  await printStatus("no-such-order");
  await checkNumber("ADSL", "036123456");
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
