// The cashier app's start-up report, through the shared client.
import { printCatalogue } from "./services/a";
import { printLedger } from "./services/b";

async function main(): Promise<void> {
  await printCatalogue();
  await printLedger();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
