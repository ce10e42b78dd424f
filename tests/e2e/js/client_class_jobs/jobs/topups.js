// Top-up queue: send each order, report failures by message, then check the ones sent.
const { FlexyAPI } = require("../lib/flexy");

const api = new FlexyAPI(process.env.FLEXY_API_KEY || "e2e-test-key");

const QUEUE = [
  ["PREPAID_DJEZZY", "0778037340", 500, "job-3001"],
  ["PREPAID_MOBILIS", "0661000111", 90000, "job-3002"],
  ["PREPAID_OOREDOO", "0551234567", 100, "dup-3003"],
  ["PREPAID_DJEZZY", "12345", 100, "job-3004"],
];

async function runQueue() {
  const sent = [];
  for (const [plan, phone, amount, ref] of QUEUE) {
    try {
      const r = await api.sendTopup(plan, phone, amount, ref);
      console.log(`${ref}: sent as ${r.topupId}, balance now ${r.newBalance.toFixed(2)}`);
      sent.push(ref);
    } catch (err) {
      console.log(`${ref}: failed (${err.message})`);
    }
  }
  for (const ref of [...sent, "refund-005", "missing-3009"]) {
    try {
      const check = await api.checkTopupByRef(ref);
      console.log(`${ref}: ${check.topup.status} for ${check.topup.amount} DA`);
    } catch (err) {
      console.log(`${ref}: no status (${err.message})`);
    }
  }
  return sent.length;
}

module.exports = { runQueue };
