// The catalogue service: the base and key come from config.json.
const config = require("./config.json");

async function flexyGet(path) {
  const res = await fetch(config.flexy.baseUrl + path, {
    headers: { authorization: config.flexy.apiKey },
  });
  return res.json();
}

async function printPlans() {
  const plans = await flexyGet("/plans/listAll");
  console.log(`${config.shop}: ${plans.dymanicPlans.length} dynamic plans`);
  for (const p of plans.fixedPlans) {
    console.log(` fixed ${p.code}`);
  }
}

async function printCards(type) {
  const cards = await flexyGet(`/internet/checkCards/${type}`);
  console.log(`${type}: ${cards.length} cards`);
  for (const c of cards) {
    console.log(` ${c.value} DA`);
  }
}

module.exports = { printPlans, printCards };
