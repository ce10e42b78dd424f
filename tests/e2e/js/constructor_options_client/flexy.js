// The shop's Flexy client class: configured by whoever builds it (base URL and key).
class FlexyClient {
  constructor({ baseUrl, apiKey }) {
    this.baseUrl = baseUrl.replace(/\/+$/, "");
    this.apiKey = apiKey;
  }

  async request(method, path, payload) {
    const res = await fetch(this.baseUrl + path, {
      method,
      headers: { authorization: this.apiKey, "Content-Type": "application/json" },
      body: payload === undefined ? undefined : JSON.stringify(payload),
    });
    return res.json();
  }

  balance() {
    return this.request("GET", "/account/balance");
  }

  sendTopup(order) {
    return this.request("POST", "/topup/sendTopup", order);
  }

  topupStatus(ref) {
    return this.request("GET", `/topup/checkStatus/REF/${ref}`);
  }
}

module.exports = { FlexyClient };
