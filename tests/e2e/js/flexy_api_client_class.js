// The guide's FlexyAPI client class: request() returns response.json(); callers check result.error
class FlexyAPI {
  constructor(apiKey) {
    this.apiKey = apiKey;
    this.baseUrl = "https://flexy-api.oneclickdz.com";
  }

  async request(endpoint, options = {}) {
    const response = await fetch(`${this.baseUrl}${endpoint}`, {
      ...options,
      headers: {
        ...options.headers,
        authorization: this.apiKey,
      },
    });
    return response.json();
  }

  async getBalance() {
    const data = await this.request("/v2/account/balance");
    return data.balance;
  }

  async getPlanCodes() {
    const data = await this.request("/v2/plans/listAll");
    const dynamicCodes = data.dymanicPlans.map((plan) => plan.code);
    const fixedCodes = data.fixedPlans.map((plan) => plan.code);
    return { dynamicCodes, fixedCodes };
  }

  async sendTopup(params) {
    return await this.request("/v2/topup/sendTopup", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(params),
    });
  }

  async topupStatus(topupId) {
    const data = await this.request(`/v2/topup/checkStatus/ID/${topupId}`);
    if (data.error) {
      return "unknown (" + data.message + ")";
    }
    return data.topup.status;
  }
}

async function placeOrders(api) {
  const orders = [
    { plan_code: "PREPAID_DJEZZY", MSSIDN: "0778037340", amount: 500, ref: "shop-2001" },
    { plan_code: "PREPAID_DJEZZY", MSSIDN: "0778037341", amount: 50000, ref: "shop-2002" },
    { plan_code: "PREPAID_OOREDOO", MSSIDN: "0551234567", amount: 100, ref: "dup-2003" },
  ];
  for (const order of orders) {
    const result = await api.sendTopup(order);
    if (result.error) {
      if (result.error === "NO-BALANCE") {
        console.log(order.ref + ": refused, not enough balance");
      } else if (result.error === "DUPLICATED-REF") {
        console.log(order.ref + ": already submitted");
      }
      console.log(order.ref + ": " + result.message);
      continue;
    }
    console.log(order.ref + ": sent as " + result.topupId + ", balance now " + result.newBalance.toFixed(2));
    console.log(order.ref + ": status " + (await api.topupStatus(result.topupId)));
  }
}

async function main() {
  const api = new FlexyAPI(process.env.FLEXY_API_KEY || "e2e-test-key");
  const balance = await api.getBalance();
  console.log("Balance: " + balance);

  const { dynamicCodes, fixedCodes } = await api.getPlanCodes();
  console.log("Dynamic plans: " + dynamicCodes.join(", "));
  console.log("Fixed plans: " + fixedCodes.join(", "));

  await placeOrders(api);
  console.log("Missing top-up: " + (await api.topupStatus("missing-9")));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
