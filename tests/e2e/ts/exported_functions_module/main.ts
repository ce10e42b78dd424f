// Prints the shop's daily, card and audit reports.
import { dailyReport } from "./reports/daily";
import { cardsReport } from "./reports/cards";
import { audit } from "./reports/audit";

async function main(): Promise<void> {
  const key = process.env.FLEXY_API_KEY ?? "e2e-test-key";
  await dailyReport(key);
  const sellable = await cardsReport(["ADSL", "4G"]);
  console.log(`sellable cards: ${sellable}`);
  await audit(key, ["order-009", "refund-010"]);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
