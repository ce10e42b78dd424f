// Client class whose request() throws Error(data.message) with err.code = data.error; callers use try/catch
class FlexyClient {
  constructor(apiKey) {
    this.apiKey = apiKey;
    this.base = "https://flexy-api.oneclickdz.com";
  }

  async request(path, body) {
    const options = { method: body ? "POST" : "GET", headers: { authorization: this.apiKey } };
    if (body) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    const res = await fetch(this.base + path, options);
    const data = await res.json();
    if (data.error) {
      const err = new Error(data.message);
      err.code = data.error;
      throw err;
    }
    return data;
  }

  catalogue() { return this.request("/v2/gift-cards/catalogue"); }
  product(id) { return this.request("/v2/gift-cards/checkProduct/" + id); }
  placeOrder(order) { return this.request("/v2/gift-cards/placeOrder", order); }
  order(id) { return this.request(`/v2/gift-cards/checkOrder/${id}`); }
  sendInternet(topup) { return this.request("/v2/internet/sendTopup", topup); }
}

async function main() {
  const client = new FlexyClient(process.env.FLEXY_API_KEY || "e2e-test-key");

  const catalogue = await client.catalogue();
  console.log("gift card products: " + catalogue.products.length);
  for (const p of catalogue.products) console.log("  " + p.id + " " + p.name);

  for (const id of ["gc-001", "gc-999"]) {
    try {
      const product = await client.product(id);
      console.log("product " + id + ": " + product.name);
    } catch (err) {
      if (err.code === "NOT_FOUND") console.log("product " + id + " does not exist: " + err.message);
      else throw err;
    }
  }

  for (const productId of ["gc-001", "gc-003"]) {
    try {
      const placed = await client.placeOrder({ productId, quantity: 1, ref: "gift-" + productId });
      console.log("order " + placed.orderId + " is " + placed.status);
      const order = await client.order(placed.orderId);
      console.log("order " + order.orderId + " now " + order.status + " with " + order.cards.length + " card(s)");
      console.log("first code: " + order.cards[0].code);
    } catch (err) {
      if (err.code === "ERR_STOCK") console.log(productId + " sold out: " + err.message);
      else console.log(productId + " failed: " + err.message);
    }
  }

  const topups = [
    { type: "ADSL", number: "036123456", value: 1000, ref: "net-3001" },
    { type: "ADSL", number: "036123456", value: 1000, ref: "dup-3002" },
    { type: "4G", number: "036123456", value: 900000, ref: "net-3003" },
  ];
  for (const topup of topups) {
    try {
      const sent = await client.sendInternet(topup);
      console.log(topup.ref + " sent: " + sent.topupId + ", balance " + sent.newBalance.toFixed(2));
    } catch (err) {
      if (err.code === "DUPLICATED-REF") console.log(topup.ref + " was already used");
      else if (err.code === "NO-BALANCE") console.log(topup.ref + " needs more balance");
      console.log(topup.ref + " error: " + err.message);
    }
  }

  try {
    await new FlexyClient("wrong-key").request("/v2/validate");
    console.log("wrong key accepted?");
  } catch (err) {
    if (err.code === "Forbidden") console.log("wrong key rejected: " + err.message);
    else throw err;
  }
}

main().catch((err) => {
  console.error("fatal: " + err.message);
  process.exit(1);
});
