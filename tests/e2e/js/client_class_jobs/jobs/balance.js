// Morning job: print the balance, and make sure a revoked key is refused.
const { FlexyAPI } = require("../lib/flexy");

async function balanceJob(api) {
  const account = await api.getBalance();
  console.log("balance:", account.balance.toFixed(2));
  try {
    await new FlexyAPI("revoked-key").getBalance();
    console.log("revoked key accepted?");
  } catch (err) {
    console.log("revoked key:", err.status, err.message);
  }
}

module.exports = balanceJob;
