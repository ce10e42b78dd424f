// Mobile top-ups through OneClickDz Flexy (API v3). Already migrated: v3 host and paths,
// X-Access-Token, wrapped responses ({ success, data, meta, requestId }).
const FLEXY_BASE = "https://api.oneclickdz.com";

export class FlexyError extends Error {
  constructor(error, requestId) {
    super(error.message);
    this.code = error.code;
    this.details = error.details;
    this.requestId = requestId;
  }
}

export class Flexy {
  constructor(apiKey, { baseUrl = FLEXY_BASE } = {}) {
    this.apiKey = apiKey;
    this.baseUrl = baseUrl;
  }

  async request(endpoint, options = {}) {
    const response = await fetch(`${this.baseUrl}${endpoint}`, {
      ...options,
      headers: {
        "Content-Type": "application/json",
        ...options.headers,
        "X-Access-Token": this.apiKey,
      },
    });
    const result = await response.json();
    if (!result.success) {
      throw new FlexyError(result.error, result.requestId);
    }
    return result.data;
  }

  async balance() {
    const data = await this.request("/v3/account/balance");
    return data.balance;
  }

  async plans() {
    const data = await this.request("/v3/mobile/plans");
    return { dynamic: data.dynamicPlans, fixed: data.fixedPlans };
  }

  async send({ plan, msisdn, amount, ref }) {
    return this.request("/v3/mobile/send", {
      method: "POST",
      body: JSON.stringify({ plan_code: plan, MSSIDN: msisdn, amount, ref }),
    });
  }

  async statusByRef(ref) {
    const data = await this.request(`/v3/mobile/check-ref/${encodeURIComponent(ref)}`);
    return data.status;
  }

  async transactions(page = 1, pageSize = 20) {
    const data = await this.request(`/v3/account/transactions?page=${page}&pageSize=${pageSize}`);
    return { items: data.items, totalPages: data.pagination.totalPages, page: data.pagination.page };
  }
}

export async function sendWithRetry(flexy, order, attempts = 3) {
  for (let i = 1; i <= attempts; i++) {
    try {
      return await flexy.send(order);
    } catch (err) {
      if (!(err instanceof FlexyError)) throw err;
      if (err.code === "INSUFFICIENT_BALANCE") {
        console.error(`wallet empty (request ${err.requestId})`);
        throw err;
      }
      if (err.code === "DUPLICATED_REF") {
        return flexy.statusByRef(order.ref);
      }
      if (err.code === "ERR_AUTH") {
        throw new Error("FLEXY_API_KEY was rejected");
      }
      if (i === attempts) throw err;
      await new Promise((r) => setTimeout(r, 1000 * i));
    }
  }
}

export async function walletReport(flexy) {
  const balance = await flexy.balance();
  const first = await flexy.transactions(1);
  const lines = [`balance: ${balance} DZD`, `transactions pages: ${first.totalPages}`];
  for (const tx of first.items) {
    lines.push(`${tx.createdAt} ${tx.type} ${tx.amount}`);
  }
  return lines.join("\n");
}
