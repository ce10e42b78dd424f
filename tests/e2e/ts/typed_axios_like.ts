// A tiny typed axios-like helper over fetch: HttpResponse<T> { status, data }, responses read as
// response.data.*, `const { data } = await http.get(...)`, a typed page walk and POST results
interface RequestConfig {
  headers?: Record<string, string>;
}

interface HttpResponse<T = any> {
  status: number;
  data: T;
}

interface GiftCardOrder {
  orderId: string;
  status: string;
}

const http = {
  // Like axios with validateStatus: () => true, HTTP errors resolve instead of throwing.
  async get(url: string, config: RequestConfig = {}): Promise<HttpResponse> {
    const res = await fetch(url, { method: "GET", headers: { ...(config.headers ?? {}) } });
    return { status: res.status, data: await res.json() };
  },
  async post(url: string, body: unknown, config: RequestConfig = {}): Promise<HttpResponse> {
    const res = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", ...(config.headers ?? {}) },
      body: JSON.stringify(body),
    });
    return { status: res.status, data: await res.json() };
  },
};

const BASE = "https://flexy-api.oneclickdz.com";
const KEY: string = process.env.FLEXY_API_KEY || "e2e-test-key";
const auth: RequestConfig = { headers: { authorization: KEY } };

async function main(): Promise<void> {
  const check = await http.get(BASE + "/v2/validate", { headers: { authorization: KEY } });
  console.log("account:", check.data.username, check.data.valid ? "(valid)" : "(invalid)");

  const response: HttpResponse = await http.get(BASE + "/v2/account/balance", auth);
  console.log("balance:", response.data.balance);

  const { data } = await http.get(BASE + "/v2/account/transactions?page=1&pageSize=10", {
    headers: { authorization: KEY },
  });
  console.log("transactions:", data.totalResults, "in", data.totalPages, "pages");
  console.log("first page rows:", data.transactions.length);

  let page = 1;
  let seen = 0;
  let lastPage = 1;
  do {
    const orders = await http.get(`${BASE}/v2/gift-cards/list?page=${page}&pageSize=3`, {
      headers: { authorization: KEY },
    });
    seen += orders.data.orders.length;
    lastPage = orders.data.totalPages;
    const ids: string[] = orders.data.orders.map((o: GiftCardOrder) => o.orderId);
    console.log("gift orders page", orders.data.currentPage, "of", lastPage, "->", ids.join(","));
    page += 1;
  } while (page <= lastPage);
  console.log("gift orders seen:", seen);

  const sent = await http.post(
    BASE + "/v2/topup/sendTopup",
    { plan_code: "PREPAID_DJEZZY", MSSIDN: "0799", amount: 100, ref: "ax-4001" },
    { headers: { authorization: KEY } },
  );
  if (sent.data.error) {
    console.log("top-up rejected:", sent.data.message);
  } else {
    console.log("top-up id:", sent.data.topupId);
  }

  const ok = await http.post(
    BASE + "/v2/topup/sendTopup",
    { plan_code: "PREPAID_DJEZZY", MSSIDN: "0799123456", amount: 326.13, ref: "ax-4002" },
    { headers: { authorization: KEY } },
  );
  if (ok.status === 200 && !ok.data.error) {
    console.log("top-up id:", ok.data.topupId, "new balance:", (ok.data.newBalance as number).toFixed(2));
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
