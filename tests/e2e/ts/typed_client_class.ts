// Typed FlexyAPI client class: constructor parameter properties, a generic request<T>() returning
// response.json() as T, a union result narrowed with `"error" in result`, optional error fields on status
interface ApiError {
  error: string;
  message: string;
}

interface BalanceResponse {
  balance: number;
}

interface Plan {
  code: string;
  name: string;
}

interface PlansResponse {
  dymanicPlans: Plan[];
  fixedPlans: Plan[];
}

interface TopupRequest {
  plan_code: string;
  MSSIDN: string;
  amount: number;
  ref: string;
}

interface SendTopupResponse {
  topupId: string;
  topupRef: string;
  newBalance: number;
}

type SendResult = SendTopupResponse | ApiError;

interface TopupStatusResponse {
  topup: { status: string; MSSIDN: string; amount: number };
  error?: string;
  message?: string;
}

interface PlanCodes {
  dynamicCodes: string[];
  fixedCodes: string[];
}

class FlexyAPI {
  private readonly baseUrl: string = "https://flexy-api.oneclickdz.com";

  constructor(private readonly apiKey: string) {}

  private async request<T>(endpoint: string, options: RequestInit = {}): Promise<T> {
    const response = await fetch(`${this.baseUrl}${endpoint}`, {
      ...options,
      headers: {
        ...(options.headers as Record<string, string> | undefined),
        authorization: this.apiKey,
      },
    });
    return response.json() as Promise<T>;
  }

  async getBalance(): Promise<number> {
    const data = await this.request<BalanceResponse>("/v2/account/balance");
    return data.balance;
  }

  async getPlanCodes(): Promise<PlanCodes> {
    const data = await this.request<PlansResponse>("/v2/plans/listAll");
    const dynamicCodes = data.dymanicPlans.map((plan: Plan) => plan.code);
    const fixedCodes = data.fixedPlans.map((plan: Plan) => plan.code);
    return { dynamicCodes, fixedCodes };
  }

  async sendTopup(params: TopupRequest): Promise<SendResult> {
    return await this.request<SendResult>("/v2/topup/sendTopup", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(params),
    });
  }

  async topupStatus(topupId: string): Promise<string> {
    const data = await this.request<TopupStatusResponse>(`/v2/topup/checkStatus/ID/${topupId}`);
    if (data.error) {
      return "unknown (" + data.message + ")";
    }
    return data.topup.status;
  }
}

async function placeOrders(api: FlexyAPI): Promise<void> {
  const orders: TopupRequest[] = [
    { plan_code: "PREPAID_DJEZZY", MSSIDN: "0778037340", amount: 500, ref: "shop-2001" },
    { plan_code: "PREPAID_DJEZZY", MSSIDN: "0778037341", amount: 50000, ref: "shop-2002" },
    { plan_code: "PREPAID_OOREDOO", MSSIDN: "0551234567", amount: 100, ref: "dup-2003" },
  ];
  for (const order of orders) {
    const result = await api.sendTopup(order);
    if ("error" in result) {
      if (result.error === "NO-BALANCE") {
        console.log(`${order.ref}: refused, not enough balance`);
      } else if (result.error === "DUPLICATED-REF") {
        console.log(`${order.ref}: already submitted`);
      }
      console.log(`${order.ref}: ${result.message}`);
      continue;
    }
    console.log(`${order.ref}: sent as ${result.topupId}, balance now ${result.newBalance.toFixed(2)}`);
    console.log(`${order.ref}: status ${await api.topupStatus(result.topupId)}`);
  }
}

async function main(): Promise<void> {
  const api = new FlexyAPI(process.env.FLEXY_API_KEY ?? "e2e-test-key");
  const balance: number = await api.getBalance();
  console.log(`Balance: ${balance}`);

  const { dynamicCodes, fixedCodes }: PlanCodes = await api.getPlanCodes();
  console.log(`Dynamic plans: ${dynamicCodes.join(", ")}`);
  console.log(`Fixed plans: ${fixedCodes.join(", ")}`);

  await placeOrders(api);
  console.log(`Missing top-up: ${await api.topupStatus("missing-9")}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
