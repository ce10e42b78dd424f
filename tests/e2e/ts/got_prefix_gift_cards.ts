// ky/got-style typed client with a grouped prefix (`prefixUrl: .../v2/gift-cards`) and
// relative paths; `.json<T>()` on the returned promise, errors kept as bodies.
interface Options {
  prefixUrl: string;
  headers: Record<string, string>;
}
type Pending = Promise<Response> & { json<T>(): Promise<T> };

function extend(defaults: Options) {
  function request(method: string, path: string, json?: unknown): Pending {
    const headers: Record<string, string> = { ...defaults.headers };
    const init: RequestInit = { method, headers };
    if (json !== undefined) {
      headers["content-type"] = "application/json";
      init.body = JSON.stringify(json);
    }
    const pending = fetch(defaults.prefixUrl.replace(/\/$/, "") + "/" + path, init) as Pending;
    pending.json = <T>() => pending.then((r) => r.json() as Promise<T>);
    return pending;
  }
  return {
    get: (path: string) => request("GET", path),
    post: (path: string, options: { json: unknown }) => request("POST", path, options.json),
  };
}
const got = { extend };

interface Product {
  id: string;
  name: string;
  price: number;
}
interface V2Failure {
  error?: string;
  message?: string;
}

const giftCards = got.extend({
  prefixUrl: "https://flexy-api.oneclickdz.com/v2/gift-cards",
  headers: { authorization: process.env.FLEXY_API_KEY || "e2e-test-key" },
});

async function main(): Promise<void> {
  const catalogue = await giftCards.get("catalogue").json<{ products: Product[] }>();
  console.log("products:", catalogue.products.length);
  for (const p of catalogue.products) console.log(" ", p.id, p.name, p.price);

  const one = await giftCards.get("checkProduct/gc-002").json<Product & V2Failure>();
  console.log("gc-002 costs", one.price);
  const none = await giftCards.get("checkProduct/gc-404").json<Product & V2Failure>();
  console.log("gc-404:", none.error === "NOT_FOUND" ? "not found" : none.name, "-", none.message);

  const orders: [string, number, string][] = [
    ["gc-001", 2, "kg-1101"],
    ["gc-003", 1, "kg-1102"],
    ["gc-002", 1, "dup-1103"],
    ["gc-002", 1.5, "kg-1104"],
  ];
  for (const [productId, quantity, ref] of orders) {
    const placed = await giftCards
      .post("placeOrder", { json: { productId, quantity, ref } })
      .json<{ orderId: string; status: string; newBalance: number } & V2Failure>();
    if (placed.error) console.log(ref, "refused:", placed.message);
    else console.log(ref, "->", placed.orderId, placed.status, placed.newBalance);
  }

  const delivered = await giftCards.get("checkOrder/ord-kg-1101").json<{ status: string; cards: { code: string }[] }>();
  console.log("ord-kg-1101", delivered.status, delivered.cards.map((c) => c.code).join(","));

  const history = await giftCards.get("list?pageSize=3&page=3").json<{ orders: { orderId: string }[]; currentPage: number; totalPages: number }>();
  console.log("orders page", history.currentPage, "/", history.totalPages, history.orders.map((o) => o.orderId).join(","));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
