// Axios instance in a client module (flexy.js) and its callers: destructuring of
// `{ data }` and `{ data: { ... } }`, and `err.response.data` on errors.
const flexy = require("./flexy");

async function main() {
  console.log("balance:", await flexy.getBalance());

  const { transactions, totalResults, totalPages } = await flexy.listTransactions(2, 10);
  console.log("transactions:", totalResults, "in", totalPages, "pages; page 2 starts with", transactions[0].id);

  const {
    data: { products },
  } = await flexy.api.get("/gift-cards/catalogue");
  console.log("catalogue:", products.map((p) => p.id).join(","));

  const order = await flexy.orderGiftCard("gc-002", 1, "ax-7001");
  console.log("order", order.orderId, order.status, "balance", order.newBalance);

  for (const [productId, quantity, ref] of [
    ["gc-003", 1, "ax-7002"],
    ["gc-001", 5, "ax-7003"],
    ["gc-001", 0, "ax-7004"],
  ]) {
    try {
      await flexy.orderGiftCard(productId, quantity, ref);
      console.log(ref, "ordered?");
    } catch (err) {
      const { error, message } = err.response.data;
      if (error === "ERR_STOCK") console.log(ref, "out of stock");
      else if (error === "NO-BALANCE") console.log(ref, "not enough balance");
      else console.log(ref, "refused:", err.response.status, message);
    }
  }

  const { data: delivered } = await flexy.api.get("/gift-cards/checkOrder/ord-ax-7001");
  console.log("ord-ax-7001:", delivered.status, delivered.cards.length, "code(s)");

  try {
    await flexy.api.get("/account/balance", { headers: { authorization: "nope" } });
  } catch (err) {
    console.log("wrong key:", err.response.status, err.response.data.message);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
