// The shop's Flexy client: one private request<T>() on fetch, typed methods on top. A non-2xx
// answer becomes a FlexyError carrying the API's error string and message.
import { Balance, TopupRequest, TopupResult, TransactionPage } from "./types";

const BASE = "https://flexy-api.oneclickdz.com/v2";

export class FlexyError extends Error {
  constructor(public readonly code: string, message: string, public readonly status: number) {
    super(message);
    this.name = "FlexyError";
  }
}

export class FlexyClient {
  constructor(private readonly apiKey: string) {}

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { authorization: this.apiKey };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const res = await fetch(`${BASE}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const data = await res.json();
    if (!res.ok) {
      throw new FlexyError(data.error, data.message, res.status);
    }
    return data as T;
  }

  getBalance(): Promise<Balance> {
    return this.request<Balance>("GET", "/account/balance");
  }

  listTransactions(page: number): Promise<TransactionPage> {
    return this.request<TransactionPage>("GET", `/account/transactions?page=${page}`);
  }

  sendTopup(req: TopupRequest): Promise<TopupResult> {
    return this.request<TopupResult>("POST", "/topup/sendTopup", req);
  }
}
