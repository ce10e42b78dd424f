// Daily report: the balance (under the shop's key and a stale one) and yesterday's top-ups.
import { getBalance as fetchBalance, checkTopup } from "../api/flexy";

export async function dailyReport(key: string): Promise<void> {
  console.log(`balance: ${(await fetchBalance(key)).toFixed(2)}`);
  try {
    await fetchBalance("stale-key");
  } catch (err) {
    console.log(`stale key: ${(err as Error).message}`);
  }
  for (const ref of ["order-004", "refund-005", "missing-006"]) {
    try {
      const { topup } = await checkTopup(ref);
      console.log(`${ref}: ${topup.status} ${topup.amount} DA to ${topup.MSSIDN}`);
    } catch (err) {
      console.log(`lookup failed: ${(err as Error).message}`);
    }
  }
}
