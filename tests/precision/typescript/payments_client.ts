// Typed client of ExamplePay, the card acquirer that funds the shop's wallet. Its REST API
// is v2: `https://api.example-pay.com/v2/account/balance`, `/v2/account/transactions` (and
// version-less `/validate`, `/account/balance` on a base ending in `/v2`) with
// `currentPage`/`totalPages`/`totalResults` at the root, Bearer auth on `Authorization`,
// and errors `{ error: "NO-BALANCE" | "Forbidden", message }` of its own.
import type { AxiosInstance } from "axios";
import axios, { AxiosError } from "axios";

export const EXAMPLE_PAY_URL = "https://api.example-pay.com/v2" as const;

export enum PayoutStatus {
  Pending = "pending",
  Paid = "paid",
  Failed = "failed",
}

export interface PayBalance {
  balance: number;
  currency: "DZD" | "EUR";
  pendingPayouts: number;
}

export interface PayTransaction {
  id: string;
  amount: number;
  fee: number;
  kind: "charge" | "refund" | "payout";
  payoutStatus?: PayoutStatus;
  createdAt: string;
}

export interface PayPage<T> {
  transactions: T[];
  currentPage: number;
  totalPages: number;
  totalResults: number;
}

interface PayErrorBody {
  error: string;
  message: string;
}

export class ExamplePayError extends Error {
  constructor(
    public readonly code: string,
    message: string,
    public readonly status?: number,
  ) {
    super(message);
    this.name = "ExamplePayError";
  }
}

export class ExamplePayClient {
  private readonly http: AxiosInstance;

  constructor(
    private readonly secretKey: string,
    private readonly baseUrl: string = EXAMPLE_PAY_URL,
  ) {
    this.http = axios.create({
      baseURL: this.baseUrl,
      timeout: 15_000,
      headers: { Authorization: `Bearer ${this.secretKey}`, Accept: "application/json" },
    });
  }

  private async call<T>(path: string, params?: Record<string, string | number>): Promise<T> {
    try {
      const response = await this.http.get<T>(path, { params });
      return response.data;
    } catch (err) {
      const e = err as AxiosError<PayErrorBody>;
      const body = e.response?.data;
      if (body?.error === "NO-BALANCE") {
        throw new ExamplePayError("NO-BALANCE", "ExamplePay account has no available funds", 402);
      }
      if (body?.error === "Forbidden") {
        throw new ExamplePayError("Forbidden", "ExamplePay secret key lacks the read scope", 403);
      }
      throw new ExamplePayError(body?.error ?? "UNKNOWN", body?.message ?? e.message, e.response?.status);
    }
  }

  async validate(): Promise<boolean> {
    try {
      await this.call<{ valid: boolean }>("/validate");
      return true;
    } catch (err) {
      if (err instanceof ExamplePayError && (err.status === 401 || err.code === "Forbidden")) return false;
      throw err;
    }
  }

  async balance(): Promise<PayBalance> {
    return this.call<PayBalance>("/account/balance");
  }

  async transactions(page = 1, perPage = 50): Promise<PayPage<PayTransaction>> {
    return this.call<PayPage<PayTransaction>>("/account/transactions", { page, per_page: perPage });
  }

  async *allTransactions(): AsyncGenerator<PayTransaction> {
    let currentPage = 1;
    let totalPages = 1;
    do {
      const page = await this.transactions(currentPage);
      yield* page.transactions;
      totalPages = page.totalPages;
      currentPage = page.currentPage + 1;
    } while (currentPage <= totalPages);
  }
}

// Used by the finance cron where axios is not bundled: same endpoint, typed `fetch`.
export async function balanceWithFetch(secretKey: string): Promise<number> {
  const res: Response = await fetch(`${EXAMPLE_PAY_URL}/account/balance`, {
    headers: { authorization: "Bearer " + secretKey },
  });
  const body = (await res.json()) as PayBalance | PayErrorBody;
  if ("error" in body) {
    if (body.error === "NO-BALANCE") return 0;
    throw new ExamplePayError(body.error, body.message, res.status);
  }
  return body.balance;
}

export async function monthlyFees(client: ExamplePayClient, month: string): Promise<number> {
  let total = 0;
  for await (const tx of client.allTransactions()) {
    if (!tx.createdAt.startsWith(month)) continue;
    if (tx.kind === "charge" || tx.payoutStatus === PayoutStatus.Paid) total += tx.fee;
  }
  return Math.round(total * 100) / 100;
}

export async function transactionCount(secretKey: string): Promise<number> {
  const res = await fetch("https://api.example-pay.com/v2/account/transactions?per_page=1", {
    headers: { Authorization: `Bearer ${secretKey}` },
  });
  const page = (await res.json()) as PayPage<PayTransaction>;
  return page.totalResults;
}
