// Runs the shop's scheduled Flexy jobs one after the other.
const { FlexyAPI } = require("./lib/flexy");
const balanceJob = require("./jobs/balance");
const { exportTransactions } = require("./jobs/transactions");
const { runQueue } = require("./jobs/topups");

async function main() {
  const api = new FlexyAPI(process.env.FLEXY_API_KEY || "e2e-test-key");
  await balanceJob(api);
  console.log("exported", await exportTransactions(api), "transactions");
  console.log("queue:", await runQueue(), "top-up(s) sent");
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
