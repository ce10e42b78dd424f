// A versioned BASE with version-less paths, a shared `headers` object typed Record<string, string>, an async
// IIFE, `switch (result.error)` on a typed result, non-null and optional chaining on gift-card orders
const BASE = "https://flexy-api.oneclickdz.com/v2";
const API_KEY = process.env.FLEXY_API_KEY ?? "e2e-test-key";

const headers: Record<string, string> = { authorization: API_KEY, "Content-Type": "application/json" };

interface Product {
  id: string;
  name: string;
  price: number;
}

interface OrderResult {
  orderId?: string;
  status?: string;
  newBalance?: number;
  error?: string;
  message?: string;
}

interface Order {
  orderId: string;
  status: string;
  cards?: { code: string }[];
}

interface TopupResult {
  topupId?: string;
  error?: string;
  message?: string;
}

void (async (): Promise<void> => {
  const catalogueRes = await fetch(BASE + "/gift-cards/catalogue", { headers });
  const catalogue = (await catalogueRes.json()) as { products: Product[] };
  console.log(`catalogue: ${catalogue.products.length} products`);
  for (const product of catalogue.products) {
    console.log(`- ${product.id}: ${product.name}`);
  }

  const productRes = await fetch(`${BASE}/gift-cards/checkProduct/gc-002`, { headers });
  const product: Product = await productRes.json();
  console.log(`gc-002 is ${product.name}`);

  for (const productId of ["gc-002", "gc-003", "gc-001"] as const) {
    const res = await fetch(BASE + "/gift-cards/placeOrder", {
      method: "POST",
      headers,
      body: JSON.stringify({ productId, quantity: productId === "gc-001" ? 10 : 1, ref: `ts-${productId}` }),
    });
    const result = (await res.json()) as OrderResult;
    if (!result.error) {
      console.log(`${productId}: order ${result.orderId} ${result.status}, balance ${result.newBalance}`);
      const orderRes = await fetch(`${BASE}/gift-cards/checkOrder/${result.orderId!}`, { headers });
      const order = (await orderRes.json()) as Order;
      console.log(`${order.orderId}: ${order.status}, first code ${order.cards?.[0]?.code}`);
      continue;
    }
    switch (result.error) {
      case "NO-BALANCE":
        console.log(`${productId}: not enough balance`);
        break;
      case "ERR_STOCK":
        console.log(`${productId}: out of stock, try later`);
        break;
      default:
        console.log(`${productId}: ${result.message}`);
    }
  }

  const topupRes = await fetch(BASE + "/topup/sendTopup", {
    method: "POST",
    headers,
    body: JSON.stringify({ plan_code: "PREPAID_OOREDOO", MSSIDN: "0555", amount: 100, ref: "ts-6001" }),
  });
  const topup: TopupResult = await topupRes.json();
  switch (topup.error) {
    case "NO-BALANCE":
      console.log("please top up your account");
      break;
    case "ERR_PHONE":
      console.log(`invalid phone number: ${topup.message}`);
      break;
    default:
      console.log(topup.error ? `error: ${topup.message}` : `sent ${topup.topupId}`);
  }

  const listRes = await fetch(`${BASE}/gift-cards/list?page=1&pageSize=5`, { headers });
  const list = await listRes.json();
  console.log(`orders: ${list.totalResults} total, page ${list.currentPage}/${list.totalPages}`);
  list.orders.forEach((o: Order) => console.log(`  ${o.orderId} ${o.status}`));

  const denied = await fetch(BASE + "/account/balance", { headers: { authorization: "wrong-key" } });
  const deniedBody: { error?: string; message?: string } = await denied.json();
  if (deniedBody.error === "Forbidden") {
    console.log(`wrong key refused: ${deniedBody.message}`);
  }
})().catch((err: Error) => {
  console.error(err);
  process.exit(1);
});
