// Throwing client class for gift cards: request<T>() throws a FlexyError(data.message, data.error),
// callers use try/catch with `err instanceof FlexyError` and switch on err.code
interface GiftCardProduct {
  id: string;
  name: string;
  price: number;
}

interface Catalogue {
  products: GiftCardProduct[];
}

interface OrderRequest {
  productId: string;
  quantity: number;
  ref: string;
}

interface PlacedOrder {
  orderId: string;
  status: "PENDING" | "DELIVERED";
  newBalance: number;
}

interface OrderStatus {
  orderId: string;
  status: "PENDING" | "DELIVERED";
  cards: { code: string }[];
}

interface InternetTopupRequest {
  type: "ADSL" | "4G";
  number: string;
  value: number;
  ref: string;
}

interface SentTopup {
  topupId: string;
  topupRef: string;
  newBalance: number;
}

interface V2Error {
  error: string;
  message: string;
}

class FlexyError extends Error {
  constructor(
    message: string,
    public readonly code: string,
  ) {
    super(message);
    this.name = "FlexyError";
  }
}

class FlexyClient {
  private readonly base: string;

  constructor(private readonly apiKey: string) {
    this.base = "https://flexy-api.oneclickdz.com";
  }

  async request<T>(path: string, body?: object): Promise<T> {
    const headers: Record<string, string> = { authorization: this.apiKey };
    const options: RequestInit = { method: body ? "POST" : "GET", headers };
    if (body) {
      headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    const res = await fetch(this.base + path, options);
    const data = await res.json();
    if (data.error) {
      const failure = data as V2Error;
      throw new FlexyError(failure.message, failure.error);
    }
    return data as T;
  }

  catalogue(): Promise<Catalogue> {
    return this.request<Catalogue>("/v2/gift-cards/catalogue");
  }
  product(id: string): Promise<GiftCardProduct> {
    return this.request<GiftCardProduct>("/v2/gift-cards/checkProduct/" + id);
  }
  placeOrder(order: OrderRequest): Promise<PlacedOrder> {
    return this.request<PlacedOrder>("/v2/gift-cards/placeOrder", order);
  }
  order(id: string): Promise<OrderStatus> {
    return this.request<OrderStatus>(`/v2/gift-cards/checkOrder/${id}`);
  }
  sendInternet(topup: InternetTopupRequest): Promise<SentTopup> {
    return this.request<SentTopup>("/v2/internet/sendTopup", topup);
  }
}

function codeOf(err: unknown): string | undefined {
  return err instanceof FlexyError ? err.code : undefined;
}

async function main(): Promise<void> {
  const client = new FlexyClient(process.env.FLEXY_API_KEY || "e2e-test-key");

  const catalogue = await client.catalogue();
  console.log("gift card products: " + catalogue.products.length);
  for (const p of catalogue.products) console.log(`  ${p.id} ${p.name} (${p.price} DA)`);

  for (const id of ["gc-001", "gc-999"]) {
    try {
      const product = await client.product(id);
      console.log(`product ${id}: ${product.name}`);
    } catch (err) {
      if (err instanceof FlexyError && err.code === "NOT_FOUND") {
        console.log(`product ${id} does not exist: ${err.message}`);
      } else throw err;
    }
  }

  for (const productId of ["gc-001", "gc-003"]) {
    try {
      const placed = await client.placeOrder({ productId, quantity: 1, ref: `gift-${productId}` });
      console.log(`order ${placed.orderId} is ${placed.status}`);
      const order = await client.order(placed.orderId);
      console.log(`order ${order.orderId} now ${order.status} with ${order.cards.length} card(s)`);
      console.log(`first code: ${order.cards[0]?.code ?? "none"}`);
    } catch (err) {
      const e = err as FlexyError;
      if (e.code === "ERR_STOCK") console.log(`${productId} sold out: ${e.message}`);
      else console.log(`${productId} failed: ${e.message}`);
    }
  }

  const topups: InternetTopupRequest[] = [
    { type: "ADSL", number: "036123456", value: 1000, ref: "net-3001" },
    { type: "ADSL", number: "036123456", value: 1000, ref: "dup-3002" },
    { type: "4G", number: "036123456", value: 900000, ref: "net-3003" },
  ];
  for (const topup of topups) {
    try {
      const sent = await client.sendInternet(topup);
      console.log(`${topup.ref} sent: ${sent.topupId}, balance ${sent.newBalance.toFixed(2)}`);
    } catch (err) {
      switch (codeOf(err)) {
        case "DUPLICATED-REF":
          console.log(`${topup.ref} was already used`);
          break;
        case "NO-BALANCE":
          console.log(`${topup.ref} needs more balance`);
          break;
      }
      console.log(`${topup.ref} error: ${(err as Error).message}`);
    }
  }

  try {
    await new FlexyClient("wrong-key").request<{ valid: boolean }>("/v2/validate");
    console.log("wrong key accepted?");
  } catch (err) {
    if (err instanceof FlexyError && err.code === "Forbidden") console.log(`wrong key rejected: ${err.message}`);
    else throw err;
  }
}

main().catch((err: Error) => {
  console.error("fatal: " + err.message);
  process.exit(1);
});
