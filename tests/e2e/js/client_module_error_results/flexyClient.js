// The shop's Flexy client module: every method resolves to the parsed body, errors
// included (`{ error, message }`); callers test `result.error` themselves.
const BASE = "https://flexy-api.oneclickdz.com";

class FlexyClient {
  constructor(key) {
    this.key = key;
  }

  async request(path, body) {
    const options = { method: body ? "POST" : "GET", headers: { authorization: this.key } };
    if (body) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    const res = await fetch(BASE + path, options);
    return res.json();
  }

  validate() {
    return this.request("/v2/validate");
  }

  balance() {
    return this.request("/v2/account/balance");
  }

  sendTopup(topup) {
    return this.request("/v2/topup/sendTopup", topup);
  }

  topupStatus(ref) {
    return this.request(`/v2/topup/checkStatus/REF/${ref}`);
  }
}

module.exports = { FlexyClient };
