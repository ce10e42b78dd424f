// History job: walk the transaction pages and sum the amounts per type.
import { FlexyClient } from "../lib/flexy";
import { Transaction } from "../lib/types";

export async function historyJob(client: FlexyClient): Promise<void> {
  const all: Transaction[] = [];
  let page = 1;
  for (;;) {
    const result = await client.listTransactions(page);
    console.log(`page ${result.currentPage}/${result.totalPages}: ${result.transactions.length} rows`);
    all.push(...result.transactions);
    if (result.currentPage >= result.totalPages) {
      console.log(`total: ${all.length} of ${result.totalResults}`);
      break;
    }
    page += 1;
  }
  const perType = new Map<string, number>();
  for (const tx of all) perType.set(tx.type, (perType.get(tx.type) ?? 0) + tx.amount);
  for (const [type, sum] of [...perType].sort()) console.log(`  ${type}: ${sum.toFixed(2)}`);
}
