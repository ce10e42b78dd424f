// Digital gift cards (Google Play, PSN, Steam) bought from a wholesale vendor and delivered
// by e-mail. ES module; the vendor's API is v1 and uses an API key plus an HMAC signature.
import crypto from "node:crypto";

export const VENDOR_BASE_URL = "https://api.giftcard-wholesale.io/v1";

export class GiftCardVendor {
  #apiKey;
  #apiSecret;

  constructor(apiKey, apiSecret, { baseUrl = VENDOR_BASE_URL, fetchImpl = fetch } = {}) {
    this.#apiKey = apiKey;
    this.#apiSecret = apiSecret;
    this.baseUrl = baseUrl;
    this.fetch = fetchImpl;
  }

  sign(method, path, body, timestamp) {
    const payload = [method, path, timestamp, body || ""].join("\n");
    return crypto.createHmac("sha256", this.#apiSecret).update(payload).digest("base64");
  }

  async request(method, path, payload) {
    const body = payload ? JSON.stringify(payload) : undefined;
    const timestamp = Math.floor(Date.now() / 1000).toString();
    const res = await this.fetch(this.baseUrl + path, {
      method,
      body,
      headers: {
        "Content-Type": "application/json",
        "X-Api-Key": this.#apiKey,
        "X-Timestamp": timestamp,
        "X-Signature": this.sign(method, path, body, timestamp),
      },
    });
    const json = await res.json();
    if (!res.ok || json.status === "error") {
      const err = new Error(json.message || `vendor error ${res.status}`);
      err.code = json.code;
      throw err;
    }
    return json;
  }

  async catalog(country = "DZ") {
    const { products, totalResults } = await this.request("GET", `/gift-cards?country=${country}&limit=200`);
    console.debug(`vendor catalog: ${totalResults} products`);
    return products.filter((p) => p.available).map((p) => ({ sku: p.sku, brand: p.brand, faceValues: p.denominations }));
  }

  async product(sku) {
    return this.request("GET", `/gift-cards/${encodeURIComponent(sku)}`);
  }

  async order(sku, faceValue, reference) {
    try {
      const result = await this.request("POST", "/orders", { sku, face_value: faceValue, quantity: 1, reference });
      return { orderId: result.order_id, codes: result.cards.map((c) => ({ pin: c.pin, serial: c.serial })) };
    } catch (err) {
      if (err.code === "OUT_OF_STOCK" || err.code === "INSUFFICIENT_FUNDS") {
        return { orderId: null, retryLater: true };
      }
      throw err;
    }
  }

  async orderStatus(orderId) {
    const result = await this.request("GET", `/orders/${orderId}`);
    return result.status;
  }

  async orders({ page = 1, from, to } = {}) {
    const params = new URLSearchParams({ page: String(page), per_page: "50" });
    if (from) params.set("from", from);
    if (to) params.set("to", to);
    const result = await this.request("GET", "/orders?" + params);
    return { orders: result.data.items, currentPage: result.currentPage, totalPages: result.totalPages };
  }
}

export async function deliverByEmail(mailer, vendor, order) {
  const { orderId, codes, retryLater } = await vendor.order(order.sku, order.amount, order.id);
  if (retryLater) {
    return { status: "queued" };
  }
  await mailer.send({
    to: order.email,
    subject: `Your ${order.brand} gift card`,
    text: codes.map((c) => `Code: ${c.pin}${c.serial ? ` (serial ${c.serial})` : ""}`).join("\n"),
  });
  return { status: "delivered", orderId };
}
