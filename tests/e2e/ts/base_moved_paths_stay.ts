// One host constant, endpoint paths in a table and a per-group list path built from the
// group name. (Breakage kind: the base moved to v3 while the paths used with it stay v2.)
const API_HOST = "https://flexy-api.oneclickdz.com";
const KEY: string = process.env.FLEXY_API_KEY || "e2e-test-key";

type Group = "topup" | "internet" | "gift-cards";

const ENDPOINTS = {
  balance: "/v2/account/balance",
  transactions: "/v2/account/transactions",
  catalogue: "/v2/gift-cards/catalogue",
};

interface Page {
  totalResults: number;
  totalPages: number;
  currentPage: number;
  [list: string]: unknown;
}

async function get<T>(path: string, key: string = KEY): Promise<T> {
  const res = await fetch(API_HOST + path, { headers: { authorization: key } });
  return (await res.json()) as T;
}

function listPath(group: Group, page: number, pageSize: number): string {
  return `/v2/${group}/list?page=${page}&pageSize=${pageSize}`;
}

async function main(): Promise<void> {
  const account = await get<{ balance: number }>(ENDPOINTS.balance);
  console.log("balance:", account.balance);

  const tx = await get<Page>(ENDPOINTS.transactions + "?pageSize=50");
  console.log("transactions:", tx.totalResults, "on", tx.totalPages, "page(s)");

  const catalogue = await get<{ products: { id: string; price: number }[] }>(ENDPOINTS.catalogue);
  console.log("cheapest gift card:", Math.min(...catalogue.products.map((p) => p.price)));

  const groups: Group[] = ["topup", "internet", "gift-cards"];
  for (const group of groups) {
    const page = await get<Page>(listPath(group, 1, 4));
    console.log(group, "history:", page.totalResults, "items,", page.totalPages, "pages");
  }

  const tooBig = await get<Page & { error?: string; message?: string }>(listPath("topup", 1, 500));
  console.log("pageSize 500:", tooBig.error ? tooBig.message : "accepted");

  const denied = await get<{ error?: string; message?: string }>(ENDPOINTS.balance, "revoked-key");
  if (denied.error === "Forbidden") console.log("revoked key refused:", denied.message);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
