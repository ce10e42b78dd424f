// Nightly reconciliation: compares the Flexy wallet (API v3, already migrated) with the
// payment gateway that funds it (PayGate, its own REST API v2) and with our ledger.
const FLEXY_URL = "https://api.oneclickdz.com/v3";
const PAYGATE_URL = "https://api.paygate-dz.com";

const flexyHeaders = { "X-Access-Token": process.env.FLEXY_API_KEY };
const paygateHeaders = { Authorization: "Bearer " + process.env.PAYGATE_SECRET };

async function flexyBalance() {
  const res = await fetch(FLEXY_URL + "/account/balance", { headers: flexyHeaders });
  const result = await res.json();
  if (!result.success) {
    throw new Error(`Flexy ${result.error.code}: ${result.error.message}`);
  }
  return Number(result.data.balance);
}

async function flexyTransactions(since) {
  const items = [];
  let page = 1;
  let totalPages = 1;
  while (page <= totalPages) {
    const res = await fetch(`${FLEXY_URL}/account/transactions?page=${page}&pageSize=100&from=${since}`, {
      headers: flexyHeaders,
    });
    const result = await res.json();
    if (!result.success) throw new Error(result.error.message);
    items.push(...result.data.items);
    totalPages = result.data.pagination.totalPages;
    page += 1;
  }
  return items;
}

async function paygateBalance() {
  const res = await fetch(PAYGATE_URL + "/v2/account/balance", { headers: paygateHeaders });
  const body = await res.json();
  if (res.status !== 200) {
    throw new Error(`PayGate ${res.status}: ${body.message}`);
  }
  return Number(body.available);
}

async function paygateTransfers(since) {
  const transfers = [];
  let currentPage = 1;
  let totalPages = 1;
  do {
    const res = await fetch(`${PAYGATE_URL}/v2/account/transactions?type=transfer&since=${since}&page=${currentPage}`, {
      headers: paygateHeaders,
    });
    const body = await res.json();
    transfers.push(...body.transactions);
    totalPages = body.totalPages;
    currentPage = body.currentPage + 1;
  } while (currentPage <= totalPages);
  return transfers;
}

function diff(ledger, flexyRows, transfers) {
  const problems = [];
  const byRef = new Map(flexyRows.map((t) => [t.ref, t]));
  for (const entry of ledger) {
    const tx = byRef.get(entry.ref);
    if (!tx) problems.push({ ref: entry.ref, issue: "missing at Flexy" });
    else if (Number(tx.amount) !== entry.amount) problems.push({ ref: entry.ref, issue: `amount ${tx.amount} != ${entry.amount}` });
  }
  const funded = transfers.reduce((sum, t) => sum + Number(t.amount), 0);
  const deposits = flexyRows.filter((t) => t.type === "DEPOSIT").reduce((sum, t) => sum + Number(t.amount), 0);
  if (Math.abs(funded - deposits) > 0.01) {
    problems.push({ ref: "*", issue: `PayGate transfers ${funded} != Flexy deposits ${deposits}` });
  }
  return problems;
}

async function reconcile(ledger, since) {
  const [walletBalance, gatewayBalance, flexyRows, transfers] = await Promise.all([
    flexyBalance(),
    paygateBalance(),
    flexyTransactions(since),
    paygateTransfers(since),
  ]);
  const problems = diff(await ledger.entriesSince(since), flexyRows, transfers);
  return { walletBalance, gatewayBalance, problems };
}

module.exports = { reconcile, diff };
