// The shop's Flexy client: one axios instance, configured once.
const axios = require("./axios");

const api = axios.create({
  baseURL: "https://flexy-api.oneclickdz.com/v2",
  headers: { authorization: process.env.FLEXY_API_KEY || "e2e-test-key" },
});

async function getBalance() {
  const { data } = await api.get("/account/balance");
  return data.balance;
}

async function listTransactions(page, pageSize) {
  const { data } = await api.get("/account/transactions", { params: { page, pageSize } });
  return data;
}

async function orderGiftCard(productId, quantity, ref) {
  const { data } = await api.post("/gift-cards/placeOrder", { productId, quantity, ref });
  return data;
}

module.exports = { api, getBalance, listTransactions, orderGiftCard };
