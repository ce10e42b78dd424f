// Typed client of OneClickDz Flexy API v3 (already migrated): `https://api.oneclickdz.com`,
// `/v3/...` paths, `X-Access-Token`, and every answer wrapped as
// `{ success, data, meta, requestId }` with `error: { code, message, details }` on failure.
// Nothing here is v2: the tool must leave it alone.
const FLEXY_BASE = "https://api.oneclickdz.com";

export interface ApiError {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

export interface ApiResponse<T> {
  success: boolean;
  data: T;
  error?: ApiError;
  meta: { timestamp: string };
  requestId: string;
}

export interface Pagination {
  page: number;
  pageSize: number;
  totalPages: number;
  totalResults: number;
}

export interface Paged<T> {
  items: T[];
  pagination: Pagination;
}

export interface MobilePlan {
  code: string;
  name: string;
  operator: "MOBILIS" | "DJEZZY" | "OOREDOO";
  min_amount?: number;
  max_amount?: number;
}

export interface Topup {
  topupId: string;
  ref: string;
  status: "PENDING" | "HANDLING" | "FULFILLED" | "REFUNDED" | "UNKNOWN_ERROR";
  amount: number;
  MSSIDN: string;
  createdAt: string;
}

export class FlexyError extends Error {
  constructor(public readonly error: ApiError, public readonly requestId: string) {
    super(error.message);
    this.name = "FlexyError";
  }
  get code(): string {
    return this.error.code;
  }
}

export class FlexyClient {
  constructor(
    private readonly apiKey: string,
    private readonly baseUrl: string = FLEXY_BASE,
  ) {}

  private async request<T>(endpoint: string, init: RequestInit = {}): Promise<T> {
    const response: Response = await fetch(`${this.baseUrl}${endpoint}`, {
      ...init,
      headers: { "Content-Type": "application/json", "X-Access-Token": this.apiKey },
    });
    const result = (await response.json()) as ApiResponse<T>;
    if (!result.success) {
      throw new FlexyError(result.error!, result.requestId);
    }
    return result.data;
  }

  async validate(): Promise<boolean> {
    try {
      await this.request<{ valid: boolean }>("/v3/validate");
      return true;
    } catch (err) {
      if (err instanceof FlexyError && err.code === "ERR_AUTH") return false;
      throw err;
    }
  }

  async balance(): Promise<number> {
    const data = await this.request<{ balance: number }>("/v3/account/balance");
    return data.balance;
  }

  async plans(): Promise<{ dynamic: MobilePlan[]; fixed: MobilePlan[] }> {
    const data = await this.request<{ dynamicPlans: MobilePlan[]; fixedPlans: MobilePlan[] }>("/v3/mobile/plans");
    return { dynamic: data.dynamicPlans, fixed: data.fixedPlans };
  }

  async send(plan: string, msisdn: string, amount: number, ref: string): Promise<Topup> {
    return this.request<Topup>("/v3/mobile/send", {
      method: "POST",
      body: JSON.stringify({ plan_code: plan, MSSIDN: msisdn, amount, ref }),
    });
  }

  async statusByRef(ref: string): Promise<Topup["status"]> {
    const topup = await this.request<Topup>(`/v3/mobile/check-ref/${encodeURIComponent(ref)}`);
    return topup.status;
  }

  async giftCardCatalog<T = unknown>(): Promise<T> {
    return this.request<T>("/v3/gift-cards/catalog");
  }

  async topups(page = 1, pageSize = 50): Promise<Paged<Topup>> {
    return this.request<Paged<Topup>>(`/v3/mobile/list?page=${page}&pageSize=${pageSize}`);
  }

  async adslProducts(): Promise<{ value: number; cost: number; available: boolean }[]> {
    const data = await this.request<{ products: { value: number; cost: number; available: boolean }[] }>(
      "/v3/internet/products?type=ADSL",
    );
    return data.products;
  }
}

export async function sendOnce(flexy: FlexyClient, plan: string, msisdn: string, amount: number, ref: string) {
  try {
    return await flexy.send(plan, msisdn, amount, ref);
  } catch (err) {
    if (!(err instanceof FlexyError)) throw err;
    if (err.error.code === "INSUFFICIENT_BALANCE") {
      console.error(`wallet empty (request ${err.requestId})`);
      return null;
    }
    if (err.error.code === "DUPLICATED_REF") {
      return flexy.statusByRef(ref);
    }
    throw err;
  }
}

export async function allTopups(flexy: FlexyClient): Promise<Topup[]> {
  const first = await flexy.topups(1);
  const rows = [...first.items];
  for (let page = 2; page <= first.pagination.totalPages; page++) {
    rows.push(...(await flexy.topups(page)).items);
  }
  return rows;
}
