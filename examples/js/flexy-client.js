// Example v2 integration: a FlexyClient class with one request helper (balance, plans, top-up, status, internet cards, transactions).
"use strict";

class FlexyClient {
  constructor(apiKey) {
    this.apiKey = apiKey;
    this.baseUrl = process.env.FLEXY_BASE_URL || "https://flexy-api.oneclickdz.com";
  }

  async request(path, options = {}) {
    const res = await fetch(`${this.baseUrl}${path}`, {
      ...options,
      headers: {
        "Content-Type": "application/json",
        authorization: this.apiKey,
        ...options.headers,
      },
    });
    return res.json();
  }

  async balance() {
    const data = await this.request("/v2/account/balance");
    return data.balance;
  }

  async plans() {
    const data = await this.request("/v2/plans/listAll");
    return { dynamic: data.dymanicPlans, fixed: data.fixedPlans };
  }

  async sendTopup(order) {
    const result = await this.request("/v2/topup/sendTopup", {
      method: "POST",
      body: JSON.stringify(order),
    });
    if (result.error === "NO-BALANCE") {
      return { ok: false, reason: "balance too low" };
    }
    if (result.error === "DUPLICATED-REF") {
      return { ok: false, reason: "reference already used" };
    }
    if (result.error) {
      return { ok: false, reason: result.message };
    }
    return { ok: true, topupId: result.topupId, newBalance: result.newBalance };
  }

  async topupStatus(ref) {
    const data = await this.request(`/v2/topup/checkStatus/REF/${ref}`);
    return data.topup;
  }

  async internetCards(type) {
    return this.request(`/v2/internet/checkCards/${type}`);
  }

  async transactions(page, pageSize) {
    const data = await this.request(`/v2/account/transactions?page=${page}&pageSize=${pageSize}`);
    return {
      items: data.transactions,
      page: data.currentPage,
      totalPages: data.totalPages,
      total: data.totalResults,
    };
  }
}

async function main() {
  const flexy = new FlexyClient(process.env.FLEXY_API_KEY || "test-key");

  console.log(`balance: ${await flexy.balance()}`);

  const { dynamic, fixed } = await flexy.plans();
  console.log(`dynamic plans: ${dynamic.length}`);
  for (const plan of dynamic) {
    console.log(`  ${plan.code} ${plan.min_amount}-${plan.max_amount} DA`);
  }
  console.log(`fixed plans: ${fixed.length}`);

  const order = { plan_code: "PREPAID_DJEZZY", MSSIDN: "0778037340", amount: 500, ref: "client-order-1" };
  for (const attempt of [1, 2]) {
    const sent = await flexy.sendTopup(order);
    if (sent.ok) {
      console.log(`send #${attempt}: topup ${sent.topupId}, new balance ${sent.newBalance}`);
    } else {
      console.log(`send #${attempt}: refused (${sent.reason})`);
    }
  }

  const topup = await flexy.topupStatus(order.ref);
  console.log(`status ${order.ref}: ${topup.status} for ${topup.MSSIDN}`);

  const cards = await flexy.internetCards("ADSL");
  cards.forEach((card) => {
    console.log(`ADSL card ${card.value} DA, available: ${card.available}`);
  });

  let page = 1;
  let totalPages = 1;
  do {
    const list = await flexy.transactions(page, 2);
    console.log(`transactions page ${list.page}/${list.totalPages} (${list.total} in all)`);
    for (const tx of list.items) {
      console.log(`  ${tx.type} ${tx.amount}`);
    }
    totalPages = list.totalPages;
    page += 1;
  } while (page <= totalPages && page <= 3);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
