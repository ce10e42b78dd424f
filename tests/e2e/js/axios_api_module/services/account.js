// Account figures for the daily report.
import api from "../api.js";

export async function balance() {
  const res = await api.get("/account/balance");
  return res.data.balance;
}

export async function lastPage() {
  const { data } = await api.get("/account/transactions", { params: { page: 3, pageSize: 20 } });
  console.log(`transactions page ${data.currentPage}/${data.totalPages}: ${data.transactions.length} of ${data.totalResults}`);
  return data.transactions.at(-1).id;
}
