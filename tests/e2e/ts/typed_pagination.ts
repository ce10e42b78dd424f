// Pagination with a generic getJson<T>() helper and typed page interfaces: every page of the account
// transactions (destructured), the mobile top-up list (body.topups) and the gift-card orders
const HOST = "https://flexy-api.oneclickdz.com";
const API_KEY: string = process.env.FLEXY_API_KEY || "e2e-test-key";
const PAGE_SIZE = 10;

type TransactionType = "FLEXY" | "INTERNET" | "GIFT_CARD" | "DEPOSIT";

interface Transaction {
  id: string;
  type: TransactionType;
  amount: number;
  time: string;
}

interface Topup {
  id: string;
  ref: string;
  status: "FULFILLED" | "REFUNDED" | "PENDING";
  MSSIDN: string;
  amount: number;
}

interface GiftCardOrder {
  orderId: string;
  productId: string;
  quantity: number;
  amount: number;
  status: string;
}

interface TransactionsPage {
  transactions: Transaction[];
  totalResults: number;
  currentPage: number;
  totalPages: number;
}

interface TopupsPage {
  topups: Topup[];
  totalResults: number;
  currentPage: number;
  totalPages: number;
  error?: string;
  message?: string;
}

async function getJson<T>(path: string): Promise<T> {
  const res: Response = await fetch(HOST + path, {
    headers: { authorization: API_KEY },
  });
  return (await res.json()) as T;
}

async function fetchAllTransactions(): Promise<Transaction[]> {
  const all: Transaction[] = [];
  let currentPage = 1;
  let lastPage = 1;
  do {
    const { transactions, totalPages } = await getJson<TransactionsPage>(
      `/v2/account/transactions?page=${currentPage}&pageSize=${PAGE_SIZE}`,
    );
    console.log(`transactions page ${currentPage}/${totalPages}: ${transactions.length} rows`);
    all.push(...transactions);
    lastPage = totalPages;
    currentPage++;
  } while (currentPage <= lastPage);
  return all;
}

async function fetchAllTopups(): Promise<string[]> {
  const refs: string[] = [];
  let currentPage = 0;
  let totalPages = 1;
  while (currentPage < totalPages) {
    const body = await getJson<TopupsPage>("/v2/topup/list?pageSize=5&page=" + (currentPage + 1));
    if (body.error) {
      throw new Error("cannot list top-ups: " + body.message);
    }
    currentPage = body.currentPage;
    totalPages = body.totalPages;
    console.log(`top-ups page ${currentPage} of ${totalPages} (${body.totalResults} in total)`);
    for (const topup of body.topups) {
      refs.push(`${topup.ref}:${topup.status}`);
    }
  }
  return refs;
}

async function fetchOrders(page: number): Promise<{ orders: GiftCardOrder[]; totalPages: number }> {
  const res = await fetch(`${HOST}/v2/gift-cards/list?page=${page}&pageSize=3`, {
    headers: { authorization: API_KEY },
  });
  const data = (await res.json()) as { orders: GiftCardOrder[]; totalPages: number };
  return { orders: data.orders, totalPages: data.totalPages };
}

function countBy<T>(items: T[], key: (item: T) => string): Record<string, number> {
  return items.reduce<Record<string, number>>((acc, item) => {
    const k = key(item);
    acc[k] = (acc[k] ?? 0) + 1;
    return acc;
  }, {});
}

async function main(): Promise<void> {
  const transactions = await fetchAllTransactions();
  console.log("transactions fetched: " + transactions.length);
  const byType = countBy(transactions, (t: Transaction) => t.type);
  for (const type of Object.keys(byType).sort()) {
    console.log(`  ${type}: ${byType[type]}`);
  }
  const sum = transactions.reduce((acc: number, t: Transaction) => acc + t.amount, 0);
  console.log("sum of amounts: " + sum.toFixed(2));

  const topups = await fetchAllTopups();
  console.log("top-ups fetched: " + topups.length);
  const counts = countBy(topups, (entry: string) => entry.split(":")[1]);
  console.log("by status: " + Object.entries(counts).map(([s, n]: [string, number]) => `${s}=${n}`).join(" "));
  console.log(`first: ${topups[0]}, last: ${topups.at(-1)!}`);

  const orders: GiftCardOrder[] = [];
  let page = 1;
  let pages = 1;
  while (page <= pages) {
    const result = await fetchOrders(page);
    orders.push(...result.orders);
    pages = result.totalPages;
    page += 1;
  }
  const pending = orders.filter((o: GiftCardOrder) => o.status === "PENDING").map((o) => o.orderId);
  console.log(`gift-card orders: ${orders.length} over ${pages} pages, pending: ${pending.join(", ") || "none"}`);
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
