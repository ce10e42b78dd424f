// The base URL lives in `.env` (FLEXY_BASE_URL=.../v2), loaded with Node's own
// process.loadEnvFile; the client module appends version-less paths to it.
const path = require("path");
process.loadEnvFile(path.join(__dirname, ".env"));
const flexy = require("./lib/flexy");

async function main() {
  console.log(`${process.env.SHOP_NAME} balance: ${(await flexy.balance()).toFixed(2)}`);
  console.log(await flexy.topupStatus("order-123"));
  console.log(await flexy.topupStatus("missing-order-9"));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
