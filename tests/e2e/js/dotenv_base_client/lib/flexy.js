// A client module whose base comes from the environment (`.env`, loaded by main.js).
const BASE = process.env.FLEXY_BASE_URL;

async function get(path) {
  const res = await fetch(`${BASE}${path}`, {
    headers: { authorization: process.env.FLEXY_API_KEY },
  });
  return res.json();
}

async function balance() {
  const body = await get("/account/balance");
  return body.balance;
}

async function topupStatus(ref) {
  const body = await get(`/topup/checkStatus/REF/${ref}`);
  if (body.error) {
    return `${ref}: ${body.message}`;
  }
  return `${ref}: ${body.topup.status} (${body.topup.MSSIDN})`;
}

module.exports = { balance, topupStatus };
