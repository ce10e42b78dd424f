// Top-ups for the shop: the caller decides what each refusal means for the customer.
const { call, FlexyError } = require("./flexy");

async function sendTopup(ref, phone, amount) {
  try {
    const sent = await call("POST", "/v2/topup/sendTopup", { plan_code: "PREPAID_MOBILIS", MSSIDN: phone, amount, ref });
    return `${ref}: sent ${sent.topupId}, balance now ${sent.newBalance}`;
  } catch (err) {
    if (!(err instanceof FlexyError)) throw err;
    if (err.code === "NO-BALANCE") return `${ref}: refused, the shop must recharge`;
    if (err.code === "DUPLICATED-REF") return `${ref}: refused, reference already used`;
    return `${ref}: failed (${err.status})`;
  }
}

module.exports = { sendTopup };
