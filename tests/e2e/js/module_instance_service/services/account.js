// Account summary for the shop's dashboard.
const flexy = require("../flexy");

async function summary() {
  const { balance } = await flexy.balance();
  const plans = await flexy.plans();
  console.log("balance:", balance);
  console.log("plans:", plans.dymanicPlans.length, "dynamic,", plans.fixedPlans.length, "fixed");
  const cheapest = plans.fixedPlans.reduce((a, b) => (a.amount <= b.amount ? a : b));
  console.log("cheapest fixed plan:", cheapest.code);
}

module.exports = { summary };
