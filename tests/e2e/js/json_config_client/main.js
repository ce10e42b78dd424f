// A JSON settings file (config.json, required by catalog.js) holds the v2 base; catalog.js
// appends version-less paths to `config.flexy.baseUrl` and reads the v2 bodies.
const { printPlans, printCards } = require("./catalog");

async function main() {
  await printPlans();
  await printCards("ADSL");
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
