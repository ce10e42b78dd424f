// Nightly export: walk every page of the transaction history.
async function exportTransactions(api) {
  let page = 1;
  let total = 0;
  let pages;
  do {
    const res = await api.getTransactions(page);
    pages = res.totalPages;
    total += res.transactions.length;
    console.log(`page ${res.currentPage}/${pages}: ${res.transactions.length} rows from ${res.transactions[0].id}`);
    page += 1;
  } while (page <= pages);
  return total;
}

module.exports = { exportTransactions };
