// Morning job: print the balance, then place the queued top-ups, reporting refusals.
import { FlexyClient, FlexyError } from "../lib/flexy";
import { TopupRequest } from "../lib/types";

export async function balanceJob(client: FlexyClient): Promise<void> {
  const { balance } = await client.getBalance();
  console.log(`balance: ${balance.toFixed(2)} DA`);

  const queue: TopupRequest[] = [
    { plan_code: "PREPAID_DJEZZY", MSSIDN: "0778037340", amount: 500, ref: "job-3001" },
    { plan_code: "PREPAID_MOBILIS", MSSIDN: "0661234567", amount: 90000, ref: "job-3002" },
    { plan_code: "PREPAID_OOREDOO", MSSIDN: "0551234567", amount: 100, ref: "dup-3003" },
  ];
  for (const req of queue) {
    try {
      const result = await client.sendTopup(req);
      console.log(`${req.ref}: ${result.topupId}, balance after ${result.newBalance.toFixed(2)}`);
    } catch (err) {
      if (err instanceof FlexyError) {
        console.log(`${req.ref}: refused (${err.status}) ${err.message}`);
      } else {
        throw err;
      }
    }
  }
}

export async function checkKey(key: string): Promise<void> {
  try {
    await new FlexyClient(key).getBalance();
    console.log("key accepted");
  } catch (err) {
    console.log("key rejected:", (err as Error).message);
  }
}
