// Internet recharges: card availability, number checks and sends.
const flexy = require("../flexy");

async function showCards(type) {
  try {
    const cards = await flexy.internetCards(type);
    const offered = cards.filter((c) => c.available).map((c) => c.value);
    console.log(`${type}: ${cards.length} cards, available ${offered.join("/")}`);
  } catch (err) {
    console.log(`${type}: ${err.message}`);
  }
}

async function recharge(type, number, value, ref) {
  const check = await flexy.checkNumber(type, number);
  if (!check.valid) {
    console.log(`${ref}: ${number} is not a ${check.type} number`);
    return false;
  }
  try {
    const res = await flexy.sendInternet(type, number, value, ref);
    console.log(`${ref}: ${res.topupId}, balance ${res.newBalance}`);
    return true;
  } catch (err) {
    console.log(`${ref}: refused with ${err.status}: ${err.message}`);
    return false;
  }
}

module.exports = { showCards, recharge };
