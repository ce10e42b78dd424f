// A client module (flexy.js) that throws FlexyError with the v2 error in `code`, a module of
// callers comparing `err.code` (topups.js), and this entry file doing the same.
const flexy = require("./flexy");
const { sendTopup } = require("./topups");

async function main() {
  const account = await flexy.call("GET", "/v2/account/balance");
  console.log("balance:", account.balance);

  for (const [ref, phone, amount] of [
    ["rc-8001", "0661223344", 500],
    ["rc-8002", "0661223344", 9000],
    ["dup-8003", "0661223344", 500],
  ]) {
    console.log(await sendTopup(ref, phone, amount));
  }

  try {
    const status = await flexy.call("GET", "/v2/topup/checkStatus/REF/missing-8005");
    console.log("missing-8005:", status.topup.status);
  } catch (err) {
    console.log("missing-8005:", err.code === "NOT_FOUND" ? "no such top-up" : err.message);
  }

  try {
    const order = await flexy.call("POST", "/v2/gift-cards/placeOrder", { productId: "gc-001", quantity: 50, ref: "rc-8004" });
    console.log("order", order.orderId);
  } catch (err) {
    if (err instanceof flexy.FlexyError && err.code === "NO-BALANCE") console.log("gift card: not enough balance");
    else console.log("gift card refused:", err.status);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
