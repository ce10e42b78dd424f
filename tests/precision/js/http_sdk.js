// Small in-house SDK for the partner platform (api.example.com, v2), with a generic retry
// helper shared by the other integrations. request() returns the parsed JSON body.
const DEFAULT_BASE = "https://api.example.com/v2";

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function isRetryable(err) {
  if (err.name === "AbortError") return true;
  if (err.status === 429) return true;
  return err.status >= 500 && err.status !== 501;
}

async function withRetry(fn, { retries = 4, baseDelay = 250, maxDelay = 8000, onRetry } = {}) {
  let attempt = 0;
  for (;;) {
    try {
      return await fn(attempt);
    } catch (err) {
      if (attempt >= retries || !isRetryable(err)) throw err;
      const backoff = Math.min(maxDelay, baseDelay * 2 ** attempt);
      const delay = err.retryAfter ? err.retryAfter * 1000 : backoff / 2 + Math.random() * (backoff / 2);
      if (onRetry) onRetry(err, attempt + 1, delay);
      await sleep(delay);
      attempt += 1;
    }
  }
}

class PartnerClient {
  constructor({ apiKey, baseUrl = DEFAULT_BASE, timeoutMs = 10000 } = {}) {
    if (!apiKey) throw new Error("PartnerClient: apiKey is required");
    this.apiKey = apiKey;
    this.baseUrl = baseUrl.replace(/\/$/, "");
    this.timeoutMs = timeoutMs;
  }

  async request(path, { method = "GET", query, body } = {}) {
    const url = new URL(this.baseUrl + path);
    if (query) {
      for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, String(v));
    }
    return withRetry(async () => {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), this.timeoutMs);
      try {
        const res = await fetch(url, {
          method,
          signal: controller.signal,
          headers: {
            Authorization: `Bearer ${this.apiKey}`,
            "Content-Type": "application/json",
          },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        const payload = await res.json().catch(() => ({}));
        if (!res.ok) {
          const err = new Error(payload.message || payload.error || res.statusText);
          err.status = res.status;
          err.retryAfter = Number(res.headers.get("retry-after")) || undefined;
          err.body = payload;
          throw err;
        }
        return payload;
      } finally {
        clearTimeout(timer);
      }
    });
  }

  async me() {
    return this.request("/users/me");
  }

  async users(page = 1) {
    const result = await this.request("/users", { query: { page, per_page: 100 } });
    return { users: result.users, currentPage: result.currentPage, totalPages: result.totalPages };
  }

  async balance() {
    const result = await this.request("/account/balance");
    return result.balance;
  }

  async transactions(page = 1) {
    const result = await this.request("/account/transactions", { query: { page } });
    return { rows: result.transactions, totalResults: result.totalResults };
  }

  async validate() {
    try {
      await this.request("/validate");
      return true;
    } catch (err) {
      if (err.status === 401 || err.message === "Forbidden") return false;
      throw err;
    }
  }
}

async function listAllUsers(client) {
  const all = [];
  let page = 1;
  let totalPages = 1;
  while (page <= totalPages) {
    const chunk = await client.users(page);
    all.push(...chunk.users);
    totalPages = chunk.totalPages;
    page += 1;
  }
  return all;
}

module.exports = { PartnerClient, withRetry, listAllUsers, sleep };
