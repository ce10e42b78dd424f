// Back-office dashboard jobs on Flexy API v3 (migrated last year): wallet balance, the day's
// top-ups, internet products for the price list, and a Slack summary for the sales team.
const axios = require("axios");

const flexy = axios.create({
  baseURL: "https://api.oneclickdz.com/v3",
  timeout: 20000,
  headers: { "X-Access-Token": process.env.FLEXY_API_KEY },
  validateStatus: () => true,
});

const slack = axios.create({
  baseURL: "https://slack.com/api",
  headers: { Authorization: `Bearer ${process.env.SLACK_BOT_TOKEN}` },
});

function unwrap(response) {
  const body = response.data;
  if (!body.success) {
    const err = new Error(`${body.error.code}: ${body.error.message}`);
    err.code = body.error.code;
    err.requestId = body.requestId;
    throw err;
  }
  return body.data;
}

async function walletBalance() {
  const data = unwrap(await flexy.get("/account/balance"));
  return data.balance;
}

async function todaysTopups() {
  const today = new Date().toISOString().slice(0, 10);
  const rows = [];
  let page = 1;
  let totalPages = 1;
  do {
    const response = await flexy.get("/mobile/list", { params: { page, pageSize: 100, from: today } });
    const result = response.data;
    if (!result.success) {
      if (result.error.code === "ERR_AUTH") throw new Error("Flexy key rejected");
      throw new Error(result.error.message);
    }
    rows.push(...result.data.items);
    totalPages = result.data.pagination.totalPages;
    page += 1;
  } while (page <= totalPages);
  return rows;
}

async function internetPriceList(type) {
  const { data: result } = await flexy.get("/internet/products", { params: { type } });
  if (!result.success) return [];
  return result.data.products.map((p) => ({ value: p.value, cost: p.cost, available: p.available }));
}

async function notifySales(text) {
  const { data } = await slack.post("/chat.postMessage", { channel: "#sales", text });
  if (!data.ok) {
    console.error("slack refused the summary:", data.error);
  }
  return data.ok;
}

async function dailySummary() {
  let balance;
  try {
    balance = await walletBalance();
  } catch (err) {
    if (err.code === "INSUFFICIENT_BALANCE") balance = 0;
    else throw err;
  }
  const topups = await todaysTopups();
  const ok = topups.filter((t) => t.status === "FULFILLED");
  const failed = topups.filter((t) => t.status === "REFUNDED" || t.status === "UNKNOWN_ERROR");
  const adsl = await internetPriceList("ADSL");
  const volume = ok.reduce((sum, t) => sum + Number(t.amount), 0);
  const lines = [
    `*Flexy daily summary* (${new Date().toLocaleDateString("fr-DZ")})`,
    `Wallet: ${balance} DZD`,
    `Top-ups: ${ok.length} delivered (${volume} DZD), ${failed.length} failed`,
    `ADSL cards available: ${adsl.filter((p) => p.available).length}`,
  ];
  await notifySales(lines.join("\n"));
  return { balance, delivered: ok.length, failed: failed.length };
}

module.exports = { walletBalance, todaysTopups, internetPriceList, dailySummary };

if (require.main === module) {
  dailySummary()
    .then((s) => console.log(JSON.stringify(s)))
    .catch((err) => {
      console.error(err.message, err.requestId ? `(request ${err.requestId})` : "");
      process.exit(1);
    });
}
