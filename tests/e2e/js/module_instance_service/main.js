// The recharge service: every module shares the client that flexy.js creates.
const { summary } = require("./services/account");
const { showCards, recharge } = require("./services/internet");

async function main() {
  await summary();
  for (const type of ["ADSL", "4G", "FIBRE"]) await showCards(type);
  let done = 0;
  for (const [type, number, value, ref] of [
    ["ADSL", "021000111", 1000, "net-5001"],
    ["4G", "12", 500, "net-5002"],
    ["ADSL", "021000111", 5000, "net-5003"],
    ["4G", "031000222", 500, "dup-5004"],
  ]) {
    if (await recharge(type, number, value, ref)) done += 1;
  }
  console.log("recharged", done, "of 4");
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
