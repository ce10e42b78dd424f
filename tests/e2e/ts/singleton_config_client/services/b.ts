// Top-up ledger service: pages through the top-ups, five at a time.
import { flexy } from "../flexy";

export async function printLedger(): Promise<void> {
  let page = 1;
  let refunded = 0;
  let total = 0;
  do {
    const list = await flexy.topups(page, 5);
    console.log(`page ${list.currentPage} of ${list.totalPages}: ${list.topups.map((t) => t.ref).join(",")}`);
    refunded += list.topups.filter((t) => t.status === "REFUNDED").length;
    total = list.totalResults;
    page = list.currentPage + 1;
    if (page > list.totalPages) break;
  } while (true);
  console.log(`${total} top-ups, ${refunded} refunded`);
  try {
    await flexy.topups(1, 500);
  } catch (err) {
    console.log(`oversized page: ${(err as Error).message}`);
  }
}
