// Airtime resale through a second telco partner, the fallback when the primary provider is
// down. Traps: the partner's own `/v2/topup`, `/v2/topup/list`, `/v2/account/balance` and
// `/v2/gift-cards/list` (relative to its base URL, in templates and concatenations), an OAuth
// client-credentials token sent in a lowercase `authorization` header, `axios.get<T>()`,
// root `currentPage`/`totalPages`/`totalResults`, and its `error: "NO-BALANCE"`.
import axios from "axios";
import type { AxiosRequestConfig, Method } from "axios";

const PARTNER_URL: string = process.env.PARTNER_URL ?? "https://api.airtime-partner.com";

interface TokenResponse {
  access_token: string;
  token_type: "Bearer";
  expires_in: number;
}

interface PartnerOperator {
  id: number;
  name: string;
  minAmount: number;
  maxAmount: number;
}

interface PartnerTopup {
  id: string;
  status: "PENDING" | "SUCCESSFUL" | "REFUNDED";
  deliveredAmount: number;
  recipient: string;
}

type PartnerResult<T> = T & { error?: string; message?: string };

interface PartnerGiftCard {
  sku: string;
  brand: string;
  denominations: number[];
}

interface TopupHistory {
  topups: PartnerTopup[];
  currentPage: number;
  totalPages: number;
  totalResults: number;
}

export interface FailoverOrder {
  id: string;
  phone: string;
  operatorId: number;
  amount: number;
}

export class PartnerTopupClient {
  private token: string | null = null;
  private tokenExpiresAt = 0;

  constructor(
    private readonly clientId: string,
    private readonly clientSecret: string,
    private readonly baseUrl: string = PARTNER_URL,
  ) {}

  private async authenticate(): Promise<string> {
    if (this.token && Date.now() < this.tokenExpiresAt) return this.token;
    const { data } = await axios.post<TokenResponse>(`${this.baseUrl}/oauth/token`, {
      grant_type: "client_credentials",
      client_id: this.clientId,
      client_secret: this.clientSecret,
    });
    this.token = data.access_token;
    this.tokenExpiresAt = Date.now() + (data.expires_in - 60) * 1000;
    return this.token;
  }

  private async request<T>(method: Method, path: string, body?: unknown): Promise<PartnerResult<T>> {
    const token = await this.authenticate();
    const config: AxiosRequestConfig = {
      method,
      url: this.baseUrl + path,
      data: body,
      headers: { authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      validateStatus: () => true,
    };
    const response = await axios.request<PartnerResult<T>>(config);
    return response.data;
  }

  async operators(countryIso: string): Promise<PartnerOperator[]> {
    const { data } = await axios.get<{ products: PartnerOperator[] }>(`${this.baseUrl}/v2/operators`, {
      params: { country: countryIso },
      headers: { authorization: `Bearer ${await this.authenticate()}` },
    });
    return data.products;
  }

  async sendTopup(msisdn: string, operatorId: number, amount: number, reference: string): Promise<PartnerTopup> {
    const result = await this.request<{ topup: PartnerTopup }>("POST", "/v2/topup", {
      recipient: msisdn,
      operatorId,
      amount,
      customIdentifier: reference,
    });
    if (result.error === "NO-BALANCE") {
      throw new Error("partner wallet is empty, top it up in the partner portal");
    }
    if (result.error) {
      throw new Error(`${result.error}: ${result.message ?? "no message"}`);
    }
    return result.topup;
  }

  async topupStatus(id: string): Promise<PartnerTopup["status"]> {
    const result = await this.request<{ topup: PartnerTopup }>("GET", "/v2/topup/" + encodeURIComponent(id));
    return result.topup.status;
  }

  async history(page = 1): Promise<TopupHistory> {
    const result = await this.request<TopupHistory>("GET", `/v2/topup/list?page=${page}&size=50`);
    console.log(`partner history page ${result.currentPage} of ${result.totalPages} (${result.totalResults} topups)`);
    return result;
  }

  async balance(): Promise<{ amount: number; currency: string }> {
    const result = await this.request<{ balance: number; currency: string }>("GET", "/v2/account/balance");
    return { amount: result.balance, currency: result.currency };
  }

  async giftCards(country = "DZ"): Promise<PartnerGiftCard[]> {
    const result = await this.request<{ products: PartnerGiftCard[] }>("GET", `/v2/gift-cards?country=${country}`);
    return result.products;
  }

  async giftCardOrders(page = 1): Promise<{ orders: { id: string; sku: string }[]; totalPages: number }> {
    return this.request("GET", "/v2/gift-cards/list?page=" + page);
  }
}

export async function failover(
  primary: (order: FailoverOrder) => Promise<PartnerTopup>,
  partner: PartnerTopupClient,
  order: FailoverOrder,
): Promise<PartnerTopup> {
  try {
    return await primary(order);
  } catch (err) {
    console.warn("primary provider failed, routing to partner:", (err as Error).message);
    return partner.sendTopup(order.phone, order.operatorId, order.amount, `FO-${order.id}`);
  }
}
