// Airtime resale through a second telco partner (used when the primary provider is down).
// Their REST API is versioned under /v2 and authenticates with a bearer token from /oauth.
const axios = require("axios");

const PARTNER_URL = process.env.PARTNER_URL || "https://api.airtime-partner.com";

class PartnerTopupClient {
  constructor(clientId, clientSecret) {
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.baseUrl = PARTNER_URL;
    this.token = null;
    this.tokenExpiresAt = 0;
  }

  async authenticate() {
    if (this.token && Date.now() < this.tokenExpiresAt) return this.token;
    const { data } = await axios.post(`${this.baseUrl}/oauth/token`, {
      grant_type: "client_credentials",
      client_id: this.clientId,
      client_secret: this.clientSecret,
    });
    this.token = data.access_token;
    this.tokenExpiresAt = Date.now() + (data.expires_in - 60) * 1000;
    return this.token;
  }

  async request(method, path, body) {
    const token = await this.authenticate();
    const authHeader = `Bearer ${token}`;
    const response = await axios({
      method,
      url: this.baseUrl + path,
      data: body,
      headers: { authorization: authHeader, "Content-Type": "application/json" },
      validateStatus: () => true,
    });
    return response.data;
  }

  async operators(countryIso) {
    const result = await this.request("GET", `/v2/operators?country=${countryIso}`);
    return result.products.map((p) => ({ id: p.id, name: p.name, min: p.minAmount, max: p.maxAmount }));
  }

  async sendTopup(msisdn, operatorId, amount, reference) {
    const result = await this.request("POST", "/v2/topup", {
      recipient: msisdn,
      operatorId,
      amount,
      customIdentifier: reference,
    });
    if (result.error === "NO-BALANCE") {
      throw new Error("partner wallet is empty, top it up in the partner portal");
    }
    if (result.error) {
      throw new Error(`${result.error}: ${result.message}`);
    }
    return { id: result.topup.id, status: result.topup.status, delivered: result.topup.deliveredAmount };
  }

  async topupStatus(id) {
    const result = await this.request("GET", "/v2/topup/" + encodeURIComponent(id));
    return result.topup.status;
  }

  async history(page = 1) {
    const result = await this.request("GET", `/v2/topup/list?page=${page}&size=50`);
    console.log(`partner history page ${result.currentPage} of ${result.totalPages} (${result.totalResults} topups)`);
    return result.topups;
  }

  async balance() {
    const result = await this.request("GET", "/v2/account/balance");
    return { amount: result.balance, currency: result.currency };
  }
}

async function failover(primary, partner, order) {
  try {
    return await primary(order);
  } catch (err) {
    console.warn("primary provider failed, routing to partner:", err.message);
    const ref = `FO-${order.id}`;
    return partner.sendTopup(order.phone, order.operatorId, order.amount, ref);
  }
}

module.exports = { PartnerTopupClient, failover };
