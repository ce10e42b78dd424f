// Runs the shop's nightly jobs with one shared client.
import { FlexyClient } from "./lib/flexy";
import { balanceJob, checkKey } from "./jobs/balance";
import { historyJob } from "./jobs/history";

async function main(): Promise<void> {
  const client = new FlexyClient(process.env.FLEXY_API_KEY ?? "e2e-test-key");
  await balanceJob(client);
  await historyJob(client);
  await checkKey("revoked-key");
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
