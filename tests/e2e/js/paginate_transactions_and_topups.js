// Pagination loops over every page of the account transactions and the mobile top-up list with a small pageSize
const HOST = "https://flexy-api.oneclickdz.com";
const API_KEY = process.env.FLEXY_API_KEY || "e2e-test-key";
const PAGE_SIZE = 10;

async function fetchAllTransactions() {
  const all = [];
  let currentPage = 1;
  let lastPage = 1;
  do {
    const res = await fetch(`${HOST}/v2/account/transactions?page=${currentPage}&pageSize=${PAGE_SIZE}`, {
      headers: { authorization: API_KEY },
    });
    const { transactions, totalPages } = await res.json();
    console.log(`transactions page ${currentPage}/${totalPages}: ${transactions.length} rows`);
    all.push(...transactions);
    lastPage = totalPages;
    currentPage++;
  } while (currentPage <= lastPage);
  return all;
}

async function fetchAllTopups() {
  const refs = [];
  let currentPage = 0;
  let totalPages = 1;
  while (currentPage < totalPages) {
    const res = await fetch(HOST + "/v2/topup/list?pageSize=5&page=" + (currentPage + 1), {
      headers: { authorization: API_KEY },
    });
    const body = await res.json();
    if (body.error) {
      throw new Error("cannot list top-ups: " + body.message);
    }
    currentPage = body.currentPage;
    totalPages = body.totalPages;
    console.log("top-ups page " + currentPage + " of " + totalPages + " (" + body.totalResults + " in total)");
    for (const topup of body.topups) {
      refs.push(topup.ref + ":" + topup.status);
    }
  }
  return refs;
}

async function main() {
  const transactions = await fetchAllTransactions();
  console.log("transactions fetched: " + transactions.length);
  const byType = {};
  let sum = 0;
  for (const t of transactions) {
    byType[t.type] = (byType[t.type] || 0) + 1;
    sum += t.amount;
  }
  for (const type of Object.keys(byType).sort()) {
    console.log("  " + type + ": " + byType[type]);
  }
  console.log("sum of amounts: " + sum.toFixed(2));

  const topups = await fetchAllTopups();
  console.log("top-ups fetched: " + topups.length);
  const counts = {};
  for (const entry of topups) {
    const status = entry.split(":")[1];
    counts[status] = (counts[status] || 0) + 1;
  }
  console.log("by status: " + Object.entries(counts).map(([s, n]) => s + "=" + n).join(" "));
  console.log("first: " + topups[0] + ", last: " + topups[topups.length - 1]);
}

main().catch((err) => {
  console.error(err.message);
  process.exit(1);
});
