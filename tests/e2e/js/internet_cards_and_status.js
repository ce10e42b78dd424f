// Internet products as a bare array (forEach, length, filter, [0], for...of) and top-up statuses via status.topup.status
const API_KEY = process.env.FLEXY_API_KEY || "e2e-test-key";
const BASE_URL = "https://flexy-api.oneclickdz.com";

async function main() {
  const res = await fetch(`${BASE_URL}/v2/internet/checkCards/ADSL`, {
    headers: { authorization: API_KEY },
  });
  const cards = await res.json();
  console.log(`ADSL offers: ${cards.length}`);
  cards.forEach((card) => {
    console.log(`${card.value} DA - Available: ${card.available}`);
  });
  const inStock = cards.filter((card) => card.available);
  console.log(`in stock: ${inStock.length}`);
  console.log(`cheapest listed: ${cards[0].value} DA`);

  const fourG = await fetch(`${BASE_URL}/v2/internet/checkCards/4G`, { headers: { authorization: API_KEY } });
  const fourGCards = await fourG.json();
  let total = 0;
  for (const card of fourGCards) {
    total += card.value;
  }
  console.log(`4G offers: ${fourGCards.length}, sum of values ${total}`);

  const bad = await fetch(`${BASE_URL}/v2/internet/checkCards/FIBRE`, { headers: { authorization: API_KEY } });
  const badCards = await bad.json();
  if (badCards.error === "ERR_VALIDATION") {
    console.log(`FIBRE not offered: ${badCards.message}`);
  }

  for (const number of ["036123456", "12"]) {
    const check = await fetch(`${BASE_URL}/v2/internet/checkNumber/ADSL/${number}`, {
      headers: { authorization: API_KEY },
    });
    const checked = await check.json();
    console.log(`number ${checked.number} for ${checked.type}: ${checked.valid ? "ok" : "rejected"}`);
  }

  const send = await fetch(`${BASE_URL}/v2/internet/sendTopup`, {
    method: "POST",
    headers: { "Content-Type": "application/json", authorization: API_KEY },
    body: JSON.stringify({ type: "ADSL", number: "036123456", value: cards[0].value, ref: "adsl-5001" }),
  });
  const sent = await send.json();
  if (sent.error) {
    console.log(`send failed: ${sent.message}`);
    return;
  }
  console.log(`sent ${sent.topupRef} as ${sent.topupId}, balance ${sent.newBalance}`);

  const byRef = await fetch(`${BASE_URL}/v2/internet/checkStatus/REF/${sent.topupRef}`, {
    headers: { authorization: API_KEY },
  });
  const status = await byRef.json();
  console.log(`status by ref: ${status.topup.status}`);
  if (status.topup.status === "FULFILLED") {
    console.log("top-up completed");
  }

  const byId = await fetch(`${BASE_URL}/v2/topup/checkStatus/ID/tp-order-77`, {
    headers: { authorization: API_KEY },
  });
  const mobile = await byId.json();
  if (mobile.error) {
    console.log(`mobile lookup failed: ${mobile.message}`);
  } else {
    console.log(`mobile tp-order-77: ${mobile.topup.status} for ${mobile.topup.MSSIDN}`);
  }

  const gone = await fetch(`${BASE_URL}/v2/internet/checkStatus/ID/missing-1`, { headers: { authorization: API_KEY } });
  const goneStatus = await gone.json();
  if (goneStatus.error === "NOT_FOUND") {
    console.log(`missing-1: ${goneStatus.message}`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
